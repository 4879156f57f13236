// Names of bodies (issuers, recipients, assignees): printed forms to one canonical name.
//
//   BodyNames names(rules);
//   names.FromHeaderLines({"ỦY BAN NHÂN DÂN", "HUYỆN SƠN TÂY"}) -> {"Ủy ban nhân dân huyện Sơn Tây", parent: none}
//   names.FromHeaderLines({"UBND TỈNH HÀ TĨNH", "BAN CHỈ ĐẠO CCHC TỈNH"})
//        -> {"Ban Chỉ đạo cải cách hành chính tỉnh", parent "Ủy ban nhân dân tỉnh Hà Tĩnh"}
//   names.Expand("UBND huyện")                       -> "Ủy ban nhân dân huyện"
//   names.Resolve("UBND tỉnh", {.province="Quảng Ngãi"}) -> "Ủy ban nhân dân tỉnh Quảng Ngãi"
//   names.MatchKey("Ủy ban nhân dân xã Ba Bích")      -> "uy ban nhan dan xa ba bich"
//
// Word lists (abbreviations, body words, administrative levels) come from
// rules/bodies.yaml. Immutable after construction; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/rules.h"

namespace vanban {

// Where a document comes from: the names of its province, district and commune, as far
// as the header and text settle them. Used to resolve "UBND tỉnh" to a full name.
struct Locality {
  std::string province;  // "Quảng Ngãi"
  std::string district;  // "Sơn Tây" (huyện, thị xã, quận, thành phố thuộc tỉnh)
  std::string district_level;  // "huyện" | "thị xã" | "thành phố" | "quận"
  std::string commune;   // "Ba Bích"
  std::string commune_level;   // "xã" | "phường" | "thị trấn"
};

struct BodyName {
  std::string name;
  std::optional<std::string> parent;
};

class BodyNames {
 public:
  explicit BodyNames(const RuleSet& rules);

  BodyName FromHeaderLines(const std::vector<std::string>& printed) const;
  // Upper-case header text to normal case: body words in sentence case, place names in
  // title case, abbreviations expanded ("BAN CHỈ ĐẠO CCHC TỈNH" -> "Ban Chỉ đạo cải cách
  // hành chính tỉnh").
  std::string FromCaps(std::string_view caps) const;
  // The canonical spelling of a national body named in any case ("QUỐC HỘI" -> "Quốc hội"),
  // or nullopt when the name is not one of rules/issuers.yaml.
  std::optional<std::string> Known(std::string_view name) const;
  const std::vector<std::string>& KnownNames() const { return known_names_; }
  std::string Expand(std::string_view name) const;
  std::string Resolve(std::string_view name, const Locality& where) const;
  std::string MatchKey(std::string_view name) const;
  // Administrative level words ("tỉnh", "huyện", "thành phố", ...), longest first.
  const std::vector<std::string>& Levels() const { return levels_; }
  // Abbreviations kept in upper case when a title is sentence-cased.
  const std::set<std::string>& KeepUpper() const { return keep_upper_; }

 private:
  std::vector<std::pair<std::string, std::string>> abbreviations_;  // UBND -> Ủy ban nhân dân
  std::vector<std::string> levels_;
  std::vector<std::string> body_heads_;   // upper-case body words: "ỦY BAN NHÂN DÂN", "BAN CHỈ ĐẠO"
  std::vector<std::pair<std::string, std::string>> fixed_case_;  // "chỉ đạo" -> "Chỉ đạo" inside names
  std::set<std::string> keep_upper_;
  std::vector<std::string> joinable_;
  std::vector<std::string> place_heads_;  // heads followed by a place name ("HUYỆN ỦY BA TƠ")     // heads printed alone above their locality
  std::vector<std::string> known_names_;  // canonical spellings of national bodies
  std::map<std::string, std::string> known_by_upper_;  // upper case -> canonical spelling
  std::vector<std::string> levels_upper_;              // levels_, in upper case
};

}  // namespace vanban
