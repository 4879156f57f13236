// Helpers shared by the unit tests of the text stages and extractors.
//
//   std::string bytes = vanban_test::ReadFile(vanban_test::SourcePath("corpus/seeds/003_….txt"));
//   const vanban::RuleSet& rules = vanban_test::Rules();
//   std::vector<vanban::DocumentText> docs = vanban_test::Segment(text, /*markdown=*/true);
//   EXPECT_EQ(vanban_test::Canon(predicted), vanban_test::Canon(gold));
//
// Canon mirrors the evaluation's matching rules (../shared/spec/extraction.md, "Matching
// rules used by the evaluation"; ../shared/eval/score.py canon()): NFC, canonical tone
// marks, case folding, whitespace collapsed, trailing ";,.:" dropped, a leading bullet
// dropped, and the standard abbreviations expanded word by word.
#pragma once

#include <gtest/gtest.h>

#include "tools/eval/scoring.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/normalize.h"
#include "pipeline/pipeline.h"
#include "pipeline/rules.h"
#include "pipeline/segment.h"
#include "pipeline/vntext.h"

namespace vanban_test {

// Cases marked "known bug" are skipped so the suite stays green while the bug is open;
// VANBAN_RUN_KNOWN_BUGS=1 runs them, to see which ones a change has fixed.
inline bool RunKnownBugs() { return std::getenv("VANBAN_RUN_KNOWN_BUGS") != nullptr; }

inline std::string SourcePath(const std::string& rel) {
  return std::string(VANBAN_SOURCE_DIR) + "/" + rel;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The rules built into the binary, loaded once.
inline const vanban::RuleSet& Rules() {
  static const vanban::RuleSet* rules = [] {
    auto r = vanban::RuleSet::LoadEmbedded();
    if (!r) {
      ADD_FAILURE() << "cannot load the embedded rules: " << r.error().message;
      return new vanban::RuleSet();
    }
    return new vanban::RuleSet(std::move(r.value()));
  }();
  return *rules;
}

inline std::shared_ptr<const vanban::Pipeline> SharedPipeline() {
  static std::shared_ptr<const vanban::Pipeline> p = [] {
    auto r = vanban::Pipeline::Create("");
    if (!r) {
      ADD_FAILURE() << "cannot create the pipeline: " << r.error().message;
      return std::shared_ptr<const vanban::Pipeline>();
    }
    return r.value();
  }();
  return p;
}

// Normalises and segments `utf8` as the pipeline does.
inline std::vector<vanban::DocumentText> Segment(std::string_view utf8, bool markdown) {
  static const vanban::Segmenter* segmenter = new vanban::Segmenter(Rules());
  return segmenter->Split(vanban::Normalize(utf8, markdown));
}

inline std::string Show(const std::optional<std::string>& s) {
  return s ? "\"" + *s + "\"" : std::string("null");
}

// A name for a parameterised test from free text: letters and digits kept, the rest "_".
inline std::string TestName(std::string_view s) {
  std::string out;
  for (unsigned char c : s) out.push_back(std::isalnum(c) ? static_cast<char>(c) : '_');
  return out.empty() ? std::string("empty") : out;
}

// Strings compared as the evaluation compares them (spec "Matching rules"): the scorer's
// own canonical form, so tests and vanban-eval cannot drift apart.
inline std::string Canon(std::string_view s) { return vanban::eval::Canon(s); }

inline std::optional<std::string> CanonOpt(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return Canon(*s);
}

// A JSON string or null as an optional.
inline std::optional<std::string> JsonString(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

inline nlohmann::json LoadGold(const std::string& stem) {
  return nlohmann::json::parse(ReadFile(SourcePath("corpus/gold/" + stem + ".json")));
}

// Corpus files with gold: seeds and real documents, by stem.
inline const std::vector<std::string>& SeedStems() {
  static const std::vector<std::string> stems = {"000_53e32a473880f777", "001_b0bb8e184523a044",
                                                 "002_cb74e0b9609914df", "003_3154606db7b394f5",
                                                 "004_e9f93ba36e43b0c5"};
  return stems;
}

inline const std::vector<std::string>& RealStems() {
  static const std::vector<std::string> stems = {
      "001_qd-30-2025-qdttg-quy-che-phoi-hop-chong-tai-tro",
      "006_qd-45-2025-qdttg-nha-o-cong-vu-no-header",
      "008_nq-66-9-2025-nqcp-csdl-xu-ly-vi-pham",
      "014_nd-07-2025-ndcp-ho-tich-quoc-tich-chung-thuc",
      "023_tt-23-2024-ttbtttt-bai-bo-van-ban",
      "030_tt-07-2025-ttttcp-the-thanh-tra"};
  return stems;
}

inline std::string CorpusPath(const std::string& stem) {
  for (const auto& s : SeedStems())
    if (s == stem) return SourcePath("corpus/seeds/" + stem + ".txt");
  return SourcePath("corpus/real/" + stem + ".txt");
}

// The pipeline's record for a corpus file, computed once per file.
inline const vanban::Record& CorpusRecord(const std::string& stem) {
  static std::map<std::string, vanban::Record>* cache = new std::map<std::string, vanban::Record>();
  auto it = cache->find(stem);
  if (it != cache->end()) return it->second;
  auto p = SharedPipeline();
  vanban::Record r = p ? p->ExtractFile(CorpusPath(stem)) : vanban::Record{};
  return cache->emplace(stem, std::move(r)).first->second;
}

}  // namespace vanban_test
