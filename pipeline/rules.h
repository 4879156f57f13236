// The rule data: every file of rules/ (YAML), parsed once at start-up.
//
//   Result<RuleSet> rules = RuleSet::LoadEmbedded();        // copies built into the binary
//   Result<RuleSet> mine  = RuleSet::LoadDir("my-rules/");  // --rules DIR: edit without rebuilding
//   const YAML::Node& types = rules.value().File("doc_types");   // rules/doc_types.yaml
//
// Extractors read their files once, in their constructors, and compile the patterns
// (RE2) there; nothing is parsed or compiled per document. A RuleSet is immutable after
// loading and safe to share between threads.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/result.h"

namespace vanban {

class RuleSet {
 public:
  static Result<RuleSet> LoadEmbedded();
  static Result<RuleSet> LoadDir(const std::string& dir);
  // Parses (name, YAML text) pairs; used by both loaders and by tests.
  static Result<RuleSet> FromTexts(const std::vector<std::pair<std::string, std::string>>& files);

  // The parsed file rules/<name>.yaml; an undefined node when there is no such file.
  const YAML::Node& File(std::string_view name) const;
  std::vector<std::string> Names() const;

  // Convenience for word lists: the strings of sequence `key` in file `name`, each
  // normalised (NFC, canonical tones). Empty when absent.
  std::vector<std::string> Strings(std::string_view name, std::string_view key) const;
  // A map of string to string under `key` (e.g. abbreviation -> expansion).
  std::vector<std::pair<std::string, std::string>> Pairs(std::string_view name,
                                                         std::string_view key) const;

 private:
  std::map<std::string, YAML::Node, std::less<>> files_;
};

}  // namespace vanban
