// Synthetic corpus from seed documents: every output document is one seed with its
// issuer's place names, body type, numbers, dates, citations and length varied, headers
// kept intact, so that extraction over it does representative work.
//
//   std::vector<vanban::gencorpus::SeedText> seeds;
//   if (auto err = vanban::gencorpus::ReadSeedDir("corpus/seeds", &seeds); !err.empty()) die(err);
//   vanban::gencorpus::Generator gen(seeds);
//   std::string doc = gen.Generate(/*seed=*/42, /*index=*/1);  // same (seed, index), same bytes
//   gen.WriteCorpus("/tmp/corpus", 10000, 42);  // /tmp/corpus/000/gen_000001.txt ...
//
// What varies, per document (all drawn from std::mt19937_64 seeded from (seed, index), so
// the output does not depend on the number of threads):
// - places: every province/district/commune name the seed names after a level word
//   ("tỉnh Quảng Ngãi", "XÃ BA TIÊU") or before ", ngày" is swapped, consistently and in
//   the printed case, for a real name of the same class (places.h); the level word of
//   districts and communes may change too ("xã" -> "phường"), and a UBND issuer may become
//   a HĐND one ("ỦY BAN NHÂN DÂN" -> "HỘI ĐỒNG NHÂN DÂN", "/QĐ-UBND" -> "/QĐ-HĐND");
// - the document's own number (a blank "Số: /UBND" is usually filled) and its date, printed
//   "ngày DD tháng MM năm YYYY" (months 1 and 2 as "01", "02"); other dates and "năm YYYY"
//   shift with it by whole years;
// - citations: each distinct cited document gets a new number, year and date (DD/MM/YYYY
//   or words, as the seed printed it, never after the document's own date), sometimes a
//   different symbol of the same type ("QĐ-UBND" -> "QĐ-TTg"); citation paragraphs are
//   dropped or added from a pool of every seed's citation paragraphs;
// - length: body paragraphs are dropped or repeated to reach 0.5x-3x the seed's length.
// A seed with no "Số ..." line (a document printed without its header) only lends its
// citation paragraphs to the pool.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vanban::gencorpus {

struct SeedText {
  std::string name;  // file name, for messages
  std::string text;  // UTF-8
};

// Appends every *.txt file of `dir`, sorted by name. Returns "" or what went wrong.
std::string ReadSeedDir(const std::string& dir, std::vector<SeedText>* out);

class Generator {
 public:
  explicit Generator(const std::vector<SeedText>& seeds);
  ~Generator();
  Generator(Generator&&) noexcept;
  Generator& operator=(Generator&&) noexcept;

  // Seeds that documents are generated from (those with a "Số" line), and all seeds.
  std::size_t base_count() const;
  std::size_t seed_count() const;
  // Paragraphs in the citation pool.
  std::size_t pool_size() const;

  // Document `index` (1-based) of the corpus for `seed`. Thread-safe. Empty when there is
  // no base seed.
  std::string Generate(std::uint64_t seed, std::uint64_t index) const;

  // Where WriteCorpus puts document `index`: "000/gen_000001.txt" (1000 per folder).
  static std::string RelativePath(std::uint64_t index);

  // Writes documents 1..count under `out_dir` (created if needed) using `threads` threads
  // (0 = one per core). Returns "" or what went wrong.
  std::string WriteCorpus(const std::string& out_dir, std::uint64_t count, std::uint64_t seed,
                          unsigned threads = 0) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban::gencorpus
