#include "extractors/bodies.h"

#include <algorithm>
#include <cstring>

#include "pipeline/vntext.h"

namespace vanban {
namespace {

// Replaces whole words of `s` found as keys of `table` (case-sensitive) by their values.
std::string ReplaceWords(std::string_view s,
                         const std::vector<std::pair<std::string, std::string>>& table,
                         bool upper_values) {
  std::vector<std::string> words = SplitWords(s);
  std::string out;
  for (const auto& w : words) {
    std::string core = Trim(w, ",;.:()");
    std::string repl = w;
    for (const auto& [k, v] : table)
      if (core == k) {
        std::size_t at = w.find(core);
        repl = w.substr(0, at) + (upper_values ? Upper(v) : v) + w.substr(at + core.size());
        break;
      }
    if (!out.empty()) out.push_back(' ');
    out += repl;
  }
  return out;
}

bool StartsWithWords(std::string_view s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  return s.size() == prefix.size() || s[prefix.size()] == ' ' || s[prefix.size()] == ',';
}

}  // namespace

BodyNames::BodyNames(const RuleSet& rules) {
  abbreviations_ = rules.Pairs("bodies", "abbreviations");
  levels_ = rules.Strings("bodies", "levels");
  std::sort(levels_.begin(), levels_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const auto& k : rules.Strings("bodies", "keep_upper")) keep_upper_.insert(k);
  for (const auto& [head, normal] : rules.Pairs("bodies", "heads")) {
    body_heads_.push_back(head);
    fixed_case_.emplace_back(head, normal);
  }
  std::sort(fixed_case_.begin(), fixed_case_.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  joinable_ = rules.Strings("bodies", "joinable_heads");
  place_heads_ = rules.Strings("bodies", "place_heads");
  for (const auto& [code, name] : rules.Pairs("issuers", "codes")) known_names_.push_back(name);
  for (const auto& name : rules.Strings("issuers", "names")) known_names_.push_back(name);
  for (const auto& name : known_names_) known_by_upper_.emplace(Upper(name), name);
  for (const auto& lv : levels_) levels_upper_.push_back(Upper(lv));
}

std::string BodyNames::Expand(std::string_view name) const {
  return ReplaceWords(name, abbreviations_, false);
}

std::optional<std::string> BodyNames::Known(std::string_view name) const {
  auto it = known_by_upper_.find(Upper(Squash(Trim(name, ",;:"))));
  if (it == known_by_upper_.end()) return std::nullopt;
  return it->second;
}

std::string BodyNames::FromCaps(std::string_view caps_in) const {
  std::string caps = Squash(Trim(caps_in, ",;:"));
  if (auto it = known_by_upper_.find(Upper(caps)); it != known_by_upper_.end()) return it->second;
  std::string expanded = ReplaceWords(caps, abbreviations_, /*upper_values=*/true);
  std::string upper = Upper(expanded);
  std::string head_normal;
  std::string rest = expanded;
  for (const auto& [head, normal] : fixed_case_) {
    if (StartsWithWords(upper, head)) {
      head_normal = normal;
      rest = Trim(std::string_view(expanded).substr(head.size()));
      break;
    }
  }
  // The rest: a level word starts a place name (title case); other words are lower case,
  // except that a department's field is capitalised ("Sở Nội vụ").
  std::string out = head_normal;
  for (const auto& ph : place_heads_)
    if (StartsWithWords(upper, ph) && !Trim(rest).empty()) return head_normal + " " + TitleCase(Trim(rest));
  std::string rest_upper = Upper(rest);
  std::size_t pos = 0;
  bool first = true;
  while (pos < rest.size()) {
    std::string_view lu(rest_upper);
    lu.remove_prefix(pos);
    bool level_found = false;
    for (std::size_t li = 0; li < levels_.size(); ++li) {
      const std::string& level = levels_[li];
      const std::string& lv = levels_upper_[li];
      if (StartsWithWords(lu, lv)) {
        std::string place = Trim(std::string_view(rest).substr(pos + lv.size()));
        if (!out.empty()) out.push_back(' ');
        out += level;
        if (!place.empty()) out += " " + TitleCase(place);
        level_found = true;
        break;
      }
    }
    if (level_found) break;
    std::size_t sp = rest.find(' ', pos);
    if (sp == std::string::npos) sp = rest.size();
    std::string word = rest.substr(pos, sp - pos);
    std::string w = keep_upper_.count(Upper(word)) ? word : Lower(word);
    if (first && (head_normal.empty() || head_normal == "Sở" || head_normal == "Bộ" ||
                  head_normal == "Phòng" || head_normal == "Cục" || head_normal == "Vụ" ||
                  head_normal == "Tổng cục" || head_normal == "Chi cục" ||
                  head_normal == "Trung tâm")) {
      w = SentenceCase(w, keep_upper_);
    }
    if (!out.empty()) out.push_back(' ');
    out += w;
    first = false;
    pos = sp + 1;
  }
  return out.empty() ? caps : out;
}

BodyName BodyNames::FromHeaderLines(const std::vector<std::string>& printed) const {
  // Join a bare head with the locality printed under it ("ỦY BAN NHÂN DÂN" / "HUYỆN SƠN TÂY").
  std::vector<std::string> units;
  for (const auto& line : printed) {
    std::string l = Squash(line);
    if (l.empty()) continue;
    if (!units.empty()) {
      std::string prev = Upper(ReplaceWords(units.back(), abbreviations_, true));
      bool bare_head = std::find(joinable_.begin(), joinable_.end(), prev) != joinable_.end();
      std::string lu = Upper(l);
      bool starts_level = false;
      for (const auto& lv : levels_)
        if (StartsWithWords(lu, Upper(lv))) starts_level = true;
      if (bare_head && starts_level) {
        units.back() += " " + l;
        continue;
      }
    }
    units.push_back(l);
  }
  BodyName out;
  if (units.empty()) return out;
  out.name = FromCaps(units.back());
  if (units.size() >= 2) out.parent = FromCaps(units[units.size() - 2]);
  return out;
}

std::string BodyNames::Resolve(std::string_view name_in, const Locality& where) const {
  std::string name = Expand(Squash(name_in));
  if (name.empty()) return name;
  std::string lower = Lower(name);
  auto ends_with = [&](const std::string& suffix) {
    return lower.size() >= suffix.size() &&
           lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0 &&
           (lower.size() == suffix.size() || lower[lower.size() - suffix.size() - 1] == ' ');
  };
  auto append = [&](const std::string& place) { return place.empty() ? name : name + " " + place; };
  if (ends_with("tỉnh")) return append(where.province);
  if (ends_with("tỉnh ủy")) return append(where.province);
  if (ends_with("huyện") || ends_with("huyện ủy") || ends_with("thị xã") || ends_with("quận"))
    return append(where.district);
  if (ends_with("xã") || ends_with("phường") || ends_with("thị trấn")) return append(where.commune);
  return name;
}

std::string BodyNames::MatchKey(std::string_view name) const {
  std::string f = Fold(Expand(name));
  std::string out;
  for (char c : f) out.push_back(std::strchr(",;.:()\"", c) ? ' ' : c);
  return Squash(out);
}

}  // namespace vanban
