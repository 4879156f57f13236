// Text-path throughput, single-threaded: Decode (load), Normalize, Segment, the whole
// Pipeline::ExtractBytes, and the same without the task extractor (issue 3 asks for the
// text path before and after tasks), over a corpus held in memory. Bytes/s count input bytes per
// second of CPU time of the benchmark thread, i.e. per core, which holds up on a busy machine;
// "Time" is wall time.
//
//   build-release/bench/vanban_bench --benchmark_filter='^BM_Text' \
//       --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//   VANBAN_BENCH_CORPUS=/tmp/corpus build-release/bench/vanban_bench --benchmark_filter=Text
//
// The corpus: every *.txt under $VANBAN_BENCH_CORPUS (recursively) when set; otherwise
// $VANBAN_BENCH_DOCS documents (default 1000) generated in memory by the corpus generator
// (tools/gencorpus) from corpus/seeds and corpus/real, seed $VANBAN_BENCH_SEED (default 42).
// One benchmark iteration is one pass over the whole corpus. The Segment benchmark works on
// text normalized beforehand, which takes 5 bytes of memory per input byte, so it uses the
// first $VANBAN_BENCH_SEGMENT_MB MB of the corpus (default 64).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "extractors/citations.h"
#include "extractors/header.h"
#include "pipeline/load.h"
#include "pipeline/normalize.h"
#include "pipeline/pipeline.h"
#include "pipeline/segment.h"
#include "pipeline/vntext.h"
#include "tools/gencorpus/generator.h"

namespace {

namespace fs = std::filesystem;

struct Doc {
  std::string path;
  std::string bytes;  // as on disk
  std::string utf8;   // decoded
  bool markdown = false;
};

struct Corpus {
  std::vector<Doc> docs;
  std::size_t bytes = 0;
  std::string origin;  // where it came from, for the report
};

std::uint64_t EnvNumber(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

Corpus LoadCorpus() {
  Corpus c;
  std::vector<std::pair<std::string, std::string>> raw;  // path, bytes
  if (const char* dir = std::getenv("VANBAN_BENCH_CORPUS"); dir && *dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      raw.emplace_back(f.string(), ss.str());
    }
    c.origin = std::string(dir);
  } else {
    std::vector<vanban::gencorpus::SeedText> seeds;
    const std::string root = VANBAN_SOURCE_DIR;
    std::string err = vanban::gencorpus::ReadSeedDir(root + "/corpus/seeds", &seeds);
    if (err.empty() && fs::is_directory(root + "/corpus/real")) {
      err = vanban::gencorpus::ReadSeedDir(root + "/corpus/real", &seeds);
    }
    if (!err.empty()) {
      std::fprintf(stderr, "text_bench: %s\n", err.c_str());
      std::exit(2);
    }
    vanban::gencorpus::Generator gen(seeds);
    const std::uint64_t n = EnvNumber("VANBAN_BENCH_DOCS", 1000);
    const std::uint64_t seed = EnvNumber("VANBAN_BENCH_SEED", 42);
    for (std::uint64_t i = 1; i <= n; ++i) {
      raw.emplace_back(vanban::gencorpus::Generator::RelativePath(i), gen.Generate(seed, i));
    }
    c.origin = std::to_string(n) + " generated documents (seed " + std::to_string(seed) + ")";
  }
  for (auto& [path, bytes] : raw) {
    auto decoded = vanban::DecodeText(bytes, path);
    if (!decoded) continue;  // the full-pipeline benchmark would only record an error
    Doc d;
    d.path = std::move(path);
    d.bytes = std::move(bytes);
    d.utf8 = std::move(decoded.value().utf8);
    d.markdown = decoded.value().format == "markdown";
    c.bytes += d.bytes.size();
    c.docs.push_back(std::move(d));
  }
  if (c.docs.empty()) {
    std::fprintf(stderr, "text_bench: no documents in %s\n", c.origin.c_str());
    std::exit(2);
  }
  return c;
}

const Corpus& TheCorpus() {
  static const Corpus corpus = LoadCorpus();
  return corpus;
}

std::shared_ptr<const vanban::Pipeline> ThePipeline() {
  static std::shared_ptr<const vanban::Pipeline> p = [] {
    auto r = vanban::Pipeline::Create("");
    if (!r) {
      std::fprintf(stderr, "text_bench: cannot build the pipeline: %s\n",
                   r.error().message.c_str());
      std::exit(2);
    }
    return r.value();
  }();
  return p;
}

void Report(benchmark::State& state, std::size_t bytes, std::size_t docs) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * docs));
  state.counters["docs"] = static_cast<double>(docs);
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

// Stage 1: bytes -> UTF-8 (encoding detection, validation, SHA-256).
void BM_TextDecode(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  for (auto _ : state) {
    for (const Doc& d : c.docs) {
      auto r = vanban::DecodeText(d.bytes, d.path);
      benchmark::DoNotOptimize(r);
    }
  }
  Report(state, c.bytes, c.docs.size());
}
BENCHMARK(BM_TextDecode)->Unit(benchmark::kMillisecond);

// Stage 2: Normalize (NFC, tones, markdown stripped, offset map).
void BM_TextNormalize(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  std::size_t utf8_bytes = 0;
  for (const Doc& d : c.docs) utf8_bytes += d.utf8.size();
  for (auto _ : state) {
    for (const Doc& d : c.docs) {
      vanban::NormalizedText n = vanban::Normalize(d.utf8, d.markdown);
      benchmark::DoNotOptimize(n.text.data());
    }
  }
  Report(state, utf8_bytes, c.docs.size());
}
BENCHMARK(BM_TextNormalize)->Unit(benchmark::kMillisecond);

// The full-text index's input (store.h FoldForSearch): Fold of each normalised text, done
// once per document by ingest's preparer threads.
void BM_TextFold(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  for (const Doc& d : c.docs) {
    texts.push_back(vanban::Normalize(d.utf8, d.markdown).text);
    bytes += texts.back().size();
  }
  for (auto _ : state) {
    for (const std::string& t : texts) {
      std::string f = vanban::Fold(t);
      benchmark::DoNotOptimize(f.data());
    }
  }
  Report(state, bytes, c.docs.size());
}
BENCHMARK(BM_TextFold)->Unit(benchmark::kMillisecond);

// Stage 3: Segment (page breaks, footnotes, documents, zones) on normalized text.
void BM_TextSegment(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  const std::size_t budget = EnvNumber("VANBAN_BENCH_SEGMENT_MB", 64) * 1000 * 1000;
  std::vector<vanban::NormalizedText> normalized;
  std::size_t bytes = 0;
  for (const Doc& d : c.docs) {
    if (bytes >= budget) break;
    normalized.push_back(vanban::Normalize(d.utf8, d.markdown));
    bytes += d.utf8.size();
  }
  const vanban::Segmenter segmenter(ThePipeline()->rules());
  for (auto _ : state) {
    for (const vanban::NormalizedText& n : normalized) {
      std::vector<vanban::DocumentText> docs = segmenter.Split(n);
      benchmark::DoNotOptimize(docs.data());
    }
  }
  Report(state, bytes, normalized.size());
}
BENCHMARK(BM_TextSegment)->Unit(benchmark::kMillisecond);

// Everything: decode, normalize, segment, extract header, citations and tasks.
void BM_TextExtractBytes(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  std::shared_ptr<const vanban::Pipeline> p = ThePipeline();
  std::size_t errors = 0;
  for (auto _ : state) {
    errors = 0;
    for (const Doc& d : c.docs) {
      vanban::Record r = p->ExtractBytes(std::string_view(d.bytes), d.path);
      errors += r.error.has_value();
      benchmark::DoNotOptimize(r.documents.data());
    }
  }
  Report(state, c.bytes, c.docs.size());
  state.counters["errors"] = static_cast<double>(errors);
}
BENCHMARK(BM_TextExtractBytes)->Unit(benchmark::kMillisecond);

// The same steps as Pipeline::ExtractBytes without the task extractor: decode, normalize,
// segment, header and citations (the text path before issue 3 added tasks).
void BM_TextExtractNoTasks(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  const vanban::RuleSet& rules = ThePipeline()->rules();
  const vanban::Segmenter segmenter(rules);
  const vanban::HeaderExtractor header(rules);
  const vanban::CitationExtractor citations(rules);
  for (auto _ : state) {
    for (const Doc& d : c.docs) {
      auto loaded = vanban::DecodeText(d.bytes, d.path);
      if (!loaded) continue;
      vanban::NormalizedText norm =
          vanban::Normalize(loaded.value().utf8, loaded.value().format == "markdown");
      std::vector<vanban::Document> out;
      int part = 0;
      for (const vanban::DocumentText& dt : segmenter.Split(norm)) {
        vanban::Document doc;
        doc.part = ++part;
        vanban::Locality where;
        header.Extract(dt, &doc, &where);
        doc.citations = citations.Extract(dt, doc, where);
        doc.footnotes = dt.footnotes;
        doc.text = dt.text;
        out.push_back(std::move(doc));
      }
      benchmark::DoNotOptimize(out.data());
    }
  }
  Report(state, c.bytes, c.docs.size());
}
BENCHMARK(BM_TextExtractNoTasks)->Unit(benchmark::kMillisecond);

}  // namespace
