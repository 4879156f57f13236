// The citation key: a cited document's node id in the graph (spec: "The citation key").
//
//   CitationKeys keys(rules);
//   keys.Numbered("2454", "/", "QĐ-UBND", 2022)   -> "2454/QĐ-UBND@2022"
//   keys.Numbered("12", "-", "NQ/TU", 2022)       -> "12-NQ/TU@2022"
//   keys.Numbered("280", "/", "CD-TTg", 2023)     -> "280/CĐ-TTG@2023"  (look-alike repaired
//                                                    because the symbol table has CĐ)
//   keys.Numbered("2088", "/", "QĐUBND", 2021)    -> "2088/QĐ-UBND@2021" (missing hyphen)
//   keys.Titled("Luật", "Ban hành văn bản quy phạm pháp luật", 2015)
//                                                 -> "Luật:ban hành văn bản quy phạm pháp luật@2015"
//   keys.FromQuery("QD 2454/QD-UBND")  parses what a clerk types (see ParsedQuery).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/rules.h"

namespace vanban {

// What a clerk typed to name a document: "2454/QĐ-UBND", "2454/QD-UBND", "QĐ 2454",
// "Quyết định số 2454/QĐ-UBND ngày 04/12/2022", "Nghị quyết 12-NQ/TU".
struct ParsedQuery {
  std::optional<std::string> number;  // "2454"
  std::optional<std::string> symbol;  // canonical upper-case symbol "QĐ-UBND" (may be null)
  std::optional<std::string> type;    // canonical type name when given or implied
  std::optional<int> year;
  std::optional<std::string> date;
  std::optional<std::string> title;   // for titled documents ("Luật Đất đai")
  std::string key_prefix;             // "2454/QĐ-UBND" (key without @year) when complete
};

class CitationKeys {
 public:
  explicit CitationKeys(const RuleSet& rules);

  // Canonical upper-case symbol: NFC, no spaces, look-alikes repaired only where the
  // symbol table says so, the hyphen restored between a type code and an issuer code.
  std::string CanonicalSymbol(std::string_view symbol) const;
  std::string Numbered(std::string_view number, std::string_view separator,
                       std::string_view symbol, std::optional<int> year) const;
  std::string Titled(std::string_view type, std::string_view title, int year) const;
  // The canonical type name for a symbol's type code ("QĐ-UBND" -> "Quyết định"), or
  // nullopt for a symbol without a known type code (a công văn).
  std::optional<std::string> TypeFromSymbol(std::string_view symbol) const;
  // The type named at the start of `text` ("Quyết định số ..." -> "Quyết định"), by the
  // type words of rules/doc_types.yaml, diacritics and case ignored.
  std::optional<std::string> TypeFromWords(std::string_view text) const;
  ParsedQuery ParseQuery(std::string_view query) const;
  std::string ReplaceAbbreviations(std::string_view s) const;

 private:
  std::string RepairSegment(const std::string& upper_segment) const;
  std::vector<std::pair<std::string, std::string>> party_codes_;
  std::vector<std::pair<std::string, std::string>> implied_;
  std::vector<std::pair<std::string, std::string>> codes_;  // upper code -> type name
  std::set<std::string> type_codes_upper_;
  std::set<std::string> issuer_codes_upper_;
  std::vector<std::pair<std::string, std::string>> lookalikes_;  // "CD" -> "CĐ" (upper)
  std::vector<std::pair<std::string, std::string>> type_words_;  // folded word -> type name
  std::vector<std::pair<std::string, std::string>> abbreviations_;
};

}  // namespace vanban
