// vanban-gencorpus: a synthetic corpus of administrative documents, varied from seeds.
//
//   vanban-gencorpus --seeds corpus/seeds --out /tmp/corpus --count 10000 --seed 42
//   # -> /tmp/corpus/000/gen_000001.txt ... /tmp/corpus/009/gen_010000.txt
//
// The real documents in SEEDS/../real are used as seeds too when that folder exists
// (--real DIR names another folder, --real "" uses none). The same --seed always gives the
// same files, whatever --threads is. See generator.h for what varies.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "tools/gencorpus/generator.h"

int main(int argc, char** argv) {
  CLI::App app{"Generate a synthetic corpus of Vietnamese administrative documents from seeds"};
  std::string seeds_dir, out_dir, real_dir = "\x01";
  std::uint64_t count = 0, seed = 1;
  unsigned threads = 0;
  bool quiet = false;
  app.add_option("--seeds", seeds_dir, "Folder of seed documents (*.txt)")->required();
  app.add_option("--out", out_dir, "Output folder (gen_NNNNNN.txt, 1000 per subfolder)")
      ->required();
  app.add_option("--count", count, "Number of documents to write")->required();
  app.add_option("--seed", seed, "Random seed: the same seed gives the same corpus")
      ->capture_default_str();
  app.add_option("--real", real_dir,
                 "More seeds: real documents (default SEEDS/../real when present; \"\" = none)");
  app.add_option("--threads", threads, "Writer threads (0 = one per core)")->capture_default_str();
  app.add_flag("--quiet", quiet, "No summary on stderr");
  CLI11_PARSE(app, argc, argv);

  namespace fs = std::filesystem;
  std::vector<vanban::gencorpus::SeedText> seeds;
  if (std::string err = vanban::gencorpus::ReadSeedDir(seeds_dir, &seeds); !err.empty()) {
    std::cerr << "vanban-gencorpus: " << err << "\n";
    return 2;
  }
  if (real_dir == "\x01") {
    fs::path dir = fs::path(seeds_dir).lexically_normal();
    if (dir.filename().empty()) dir = dir.parent_path();  // "corpus/seeds/"
    const fs::path sibling = dir.parent_path() / "real";
    std::error_code ec;
    real_dir = fs::is_directory(sibling, ec) ? sibling.string() : "";
  }
  if (!real_dir.empty()) {
    if (std::string err = vanban::gencorpus::ReadSeedDir(real_dir, &seeds); !err.empty()) {
      std::cerr << "vanban-gencorpus: " << err << "\n";
      return 2;
    }
  }
  vanban::gencorpus::Generator gen(seeds);
  if (gen.base_count() == 0) {
    std::cerr << "vanban-gencorpus: no seed in " << seeds_dir
              << " has a \"Số\" line to generate from\n";
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  if (std::string err = gen.WriteCorpus(out_dir, count, seed, threads); !err.empty()) {
    std::cerr << "vanban-gencorpus: " << err << "\n";
    return 1;
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!quiet) {
    std::fprintf(stderr,
                 "vanban-gencorpus: %llu documents in %s from %zu seeds (%zu bases, %zu "
                 "citation paragraphs in the pool), %.2f s\n",
                 static_cast<unsigned long long>(count), out_dir.c_str(), gen.seed_count(),
                 gen.base_count(), gen.pool_size(), secs);
  }
  return 0;
}
