#include "pipeline/rules.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/normalize.h"

namespace vanban {

const std::vector<std::pair<std::string, std::string>>& EmbeddedRuleFiles();  // generated

Result<RuleSet> RuleSet::FromTexts(
    const std::vector<std::pair<std::string, std::string>>& files) {
  RuleSet set;
  for (const auto& [name, text] : files) {
    try {
      set.files_[name] = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      return StageError{"rules", "rules/" + name + ".yaml: " + e.what()};
    }
  }
  return set;
}

Result<RuleSet> RuleSet::LoadEmbedded() { return FromTexts(EmbeddedRuleFiles()); }

Result<RuleSet> RuleSet::LoadDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return StageError{"rules", dir + " is not a folder"};
  // Start from the built-in rules so a folder may override only some files.
  std::vector<std::pair<std::string, std::string>> files = EmbeddedRuleFiles();
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream in(entry.path());
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string name = entry.path().stem().string();
    bool replaced = false;
    for (auto& f : files)
      if (f.first == name) {
        f.second = ss.str();
        replaced = true;
      }
    if (!replaced) files.emplace_back(name, ss.str());
  }
  return FromTexts(files);
}

const YAML::Node& RuleSet::File(std::string_view name) const {
  static const YAML::Node kUndefined;
  auto it = files_.find(name);
  return it == files_.end() ? kUndefined : it->second;
}

std::vector<std::string> RuleSet::Names() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : files_) out.push_back(k);
  return out;
}

std::vector<std::string> RuleSet::Strings(std::string_view name, std::string_view key) const {
  std::vector<std::string> out;
  const YAML::Node& f = File(name);
  if (!f.IsMap()) return out;
  YAML::Node seq = f[std::string(key)];
  if (!seq || !seq.IsSequence()) return out;
  for (const auto& item : seq)
    if (item.IsScalar()) out.push_back(NormalizeString(item.as<std::string>()));
  return out;
}

std::vector<std::pair<std::string, std::string>> RuleSet::Pairs(std::string_view name,
                                                                std::string_view key) const {
  std::vector<std::pair<std::string, std::string>> out;
  const YAML::Node& f = File(name);
  if (!f.IsMap()) return out;
  YAML::Node map = f[std::string(key)];
  if (!map) return out;
  if (map.IsMap()) {
    for (const auto& kv : map)
      out.emplace_back(NormalizeString(kv.first.as<std::string>()),
                       NormalizeString(kv.second.as<std::string>()));
  } else if (map.IsSequence()) {
    // [[a, b], ...] keeps the order of the file (used where order matters).
    for (const auto& item : map)
      if (item.IsSequence() && item.size() == 2)
        out.emplace_back(NormalizeString(item[0].as<std::string>()),
                         NormalizeString(item[1].as<std::string>()));
  }
  return out;
}

}  // namespace vanban
