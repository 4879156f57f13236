// cited-by on a large archive: 1,000,000 documents and 5,000,000 citations (synthetic keys).
//
//   build-release/bench/vanban_bench --benchmark_filter='^BM_Store'
//   VANBAN_BENCH_STORE_DOCS=100000 build-release/bench/vanban_bench --benchmark_filter=Store
//
// The store is built once in a temporary file ($VANBAN_BENCH_STORE_DIR, default the system
// temp folder; kept and reused by later runs, delete it to rebuild) through Store::Open (so
// the schema and indexes are the real ones), then filled with bulk inserts: indexes dropped,
// rows inserted in one transaction, indexes recreated from their own definitions.
// $VANBAN_BENCH_STORE_DOCS documents (default 1,000,000), five citations per document,
// and a further half as many cited documents that are not in the archive.
//
// BM_StoreCitedBy does what `vanban cited-by 2454/QĐ-UBND` does for one random query:
// parse the query, find the target nodes, and read every citing document (header, paths,
// relation, sentence). Counters: median_ms and p99_ms per query.
#include <SQLiteCpp/SQLiteCpp.h>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "extractors/citation_key.h"
#include "pipeline/rules.h"
#include "pipeline/store.h"

namespace {

namespace fs = std::filesystem;
using vanban::CitationKeys;
using vanban::Store;

long EnvLong(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atol(v) : fallback;
}

const char* const kSymbols[] = {"QĐ-UBND",  "KH-UBND",  "UBND-VX", "UBND-NC", "TB-UBND", "BC-UBND",
                                "CV-UBND",  "NQ-HĐND",  "QĐ-TTG",  "CT-TTG",  "CĐ-TTG",  "KH-BCĐ",
                                "SNV-CCHC", "STC-QLNS", "HD-SYT",  "TTR-SNV"};
constexpr int kSymbolCount = sizeof(kSymbols) / sizeof(kSymbols[0]);

// Document i's number, symbol and year: many documents share a number (as every commune
// has its own 01/QĐ-UBND), so queries also exercise telling nodes apart.
struct SynthKey {
  std::string number, symbol;
  int year;
  std::string Prefix() const { return number + "/" + symbol; }
  std::string Key() const { return Prefix() + "@" + std::to_string(year); }
};
SynthKey KeyOf(long i) {
  return {std::to_string(i % 20000 + 1), kSymbols[(i / 20000) % kSymbolCount],
          2000 + static_cast<int>((i / (20000L * kSymbolCount)) % 25)};
}

struct BenchStore {
  std::shared_ptr<const CitationKeys> keys;
  std::unique_ptr<Store> store;
  long documents = 0;
};

void Build(Store& store, long docs, long unresolved, long citations) {
  SQLite::Database& db = store.database();
  std::vector<std::string> indexes;
  {
    SQLite::Statement s(db,
                        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS "
                        "NOT NULL");
    std::vector<std::string> names;
    while (s.executeStep()) {
      names.push_back(s.getColumn(0).getString());
      indexes.push_back(s.getColumn(1).getString());
    }
    for (const auto& n : names) db.exec("DROP INDEX " + n);
  }
  db.exec("PRAGMA synchronous = OFF");
  SQLite::Transaction tx(db);
  SQLite::Statement file(db, "INSERT INTO files(path, sha256, ingested_at) VALUES(?, ?, '2024')");
  SQLite::Statement doc(db,
                        "INSERT INTO documents(id, sha256, part, node_id, type, number, symbol, "
                        "key, issuer, date, year, subject, record_json, ingested_at) VALUES(?, ?, "
                        "1, ?, 'Quyết định', ?, ?, ?, ?, ?, ?, ?, '{}', '2024')");
  SQLite::Statement node(db,
                         "INSERT INTO nodes(id, key, key_prefix, year, type, number, symbol, "
                         "issuer, issuer_key, document_id) VALUES(?, ?, ?, ?, 'Quyết định', ?, "
                         "?, ?, ?, ?)");
  SQLite::Statement cite(db,
                         "INSERT INTO citations(from_document_id, to_node_id, relation, sentence, "
                         "mentions, key) VALUES(?, ?, 'căn cứ', ?, '[[10,40]]', ?)");
  for (long i = 1; i <= docs + unresolved; ++i) {
    SynthKey k = KeyOf(i);
    std::string commune = "xã số " + std::to_string(i % 3000);
    std::string issuer = "Ủy ban nhân dân " + commune;
    std::string issuer_key = "uy ban nhan dan xa so " + std::to_string(i % 3000);
    bool stored = i <= docs;
    if (stored) {
      std::string sha = std::to_string(i) + "-sha";
      file.bind(1, "/archive/" + std::to_string(i / 1000) + "/" + std::to_string(i) + ".txt");
      file.bind(2, sha);
      file.exec();
      file.reset();
      doc.bind(1, static_cast<std::int64_t>(i));
      doc.bind(2, sha);
      doc.bind(3, static_cast<std::int64_t>(i));
      doc.bind(4, k.number);
      doc.bind(5, k.symbol);
      doc.bind(6, k.Key());
      doc.bind(7, issuer);
      doc.bind(8, std::to_string(k.year) + "-03-15");
      doc.bind(9, k.year);
      doc.bind(10, "về việc thực hiện nhiệm vụ số " + std::to_string(i));
      doc.exec();
      doc.reset();
    }
    node.bind(1, static_cast<std::int64_t>(i));
    node.bind(2, k.Key());
    node.bind(3, k.Prefix());
    node.bind(4, k.year);
    node.bind(5, k.number);
    node.bind(6, k.symbol);
    node.bind(7, issuer);
    node.bind(8, issuer_key);
    if (stored)
      node.bind(9, static_cast<std::int64_t>(i));
    else
      node.bind(9);
    node.exec();
    node.reset();
  }
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<long> from(1, docs), to(1, docs + unresolved);
  for (long c = 0; c < citations; ++c) {
    long f = from(rng), t = to(rng);
    if (f == t) t = t % (docs + unresolved) + 1;
    cite.bind(1, static_cast<std::int64_t>(f));
    cite.bind(2, static_cast<std::int64_t>(t));
    cite.bind(3, "Căn cứ Quyết định số " + KeyOf(t).Prefix() + " của Ủy ban nhân dân;");
    cite.bind(4, KeyOf(t).Key());
    cite.exec();
    cite.reset();
  }
  tx.commit();
  for (const auto& sql : indexes) db.exec(sql);
  db.exec("CREATE TABLE bench_meta(documents INTEGER)");
  db.exec("INSERT INTO bench_meta VALUES(" + std::to_string(docs) + ")");
  db.exec("ANALYZE");
  db.exec("PRAGMA synchronous = NORMAL");
}

BenchStore& Shared() {
  static BenchStore bench = [] {
    BenchStore b;
    auto rules = vanban::RuleSet::LoadEmbedded();
    if (!rules) throw std::runtime_error(rules.error().message);
    b.keys = std::make_shared<const CitationKeys>(rules.value());
    b.documents = EnvLong("VANBAN_BENCH_STORE_DOCS", 1'000'000);
    const char* dir = std::getenv("VANBAN_BENCH_STORE_DIR");
    fs::path path = fs::path(dir && *dir ? dir : fs::temp_directory_path().string()) /
                    ("vanban_bench_store_" + std::to_string(b.documents) + ".db");
    bool reuse = false;
    if (fs::exists(path)) {
      try {
        SQLite::Database probe(path.string());
        reuse = probe.execAndGet("SELECT documents FROM bench_meta").getInt64() == b.documents;
      } catch (const std::exception&) {
      }
      if (!reuse)
        for (const char* ext : {"", "-wal", "-shm"}) fs::remove(path.string() + ext);
    }
    auto opened = Store::Open(path.string(), Store::Mode::kCreate, b.keys);
    if (!opened) throw std::runtime_error(opened.error().message);
    b.store = std::move(opened.value());
    if (!reuse) {
      auto t0 = std::chrono::steady_clock::now();
      Build(*b.store, b.documents, b.documents / 2, b.documents * 5);
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::fprintf(stderr, "store_bench: built %s (%ld documents, %ld citations) in %.1f s\n",
                   path.c_str(), b.documents, b.documents * 5, s);
    }
    return b;
  }();
  return bench;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::size_t k = static_cast<std::size_t>(p * (v.size() - 1));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

// One `vanban cited-by QUERY` minus printing: parse, find targets, read citing documents.
void BM_StoreCitedBy(benchmark::State& state) {
  BenchStore& b = Shared();
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<long> pick(1, b.documents);
  std::vector<double> ms;
  long found = 0;
  for (auto _ : state) {
    state.PauseTiming();
    SynthKey k = KeyOf(pick(rng));
    std::string query = k.number + "/" + k.symbol;
    state.ResumeTiming();
    auto t0 = std::chrono::steady_clock::now();
    vanban::ParsedQuery q = b.keys->ParseQuery(query);
    for (const auto& target : b.store->FindNodes(q, {std::nullopt, k.year})) {
      auto citing = b.store->CitedBy(target.id, 1);
      found += static_cast<long>(citing.size());
      benchmark::DoNotOptimize(citing);
    }
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  state.counters["median_ms"] = Percentile(ms, 0.5);
  state.counters["p99_ms"] = Percentile(ms, 0.99);
  state.counters["citing_per_query"] = ms.empty() ? 0 : static_cast<double>(found) / ms.size();
}
BENCHMARK(BM_StoreCitedBy)->Unit(benchmark::kMillisecond)->Iterations(2000);

// The same without --year: every year's document of that number and symbol (several targets).
void BM_StoreCitedByAllYears(benchmark::State& state) {
  BenchStore& b = Shared();
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<long> pick(1, b.documents);
  std::vector<double> ms;
  for (auto _ : state) {
    SynthKey k = KeyOf(pick(rng));
    auto t0 = std::chrono::steady_clock::now();
    vanban::ParsedQuery q = b.keys->ParseQuery(k.number + "/" + k.symbol);
    for (const auto& target : b.store->FindNodes(q, {}))
      benchmark::DoNotOptimize(b.store->CitedBy(target.id, 1));
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  state.counters["median_ms"] = Percentile(ms, 0.5);
  state.counters["p99_ms"] = Percentile(ms, 0.99);
}
BENCHMARK(BM_StoreCitedByAllYears)->Unit(benchmark::kMillisecond)->Iterations(1000);

}  // namespace
