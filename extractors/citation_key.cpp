#include "extractors/citation_key.h"

#include <re2/re2.h>

#include <algorithm>

#include "extractors/dates.h"
#include "pipeline/normalize.h"
#include "pipeline/vntext.h"

namespace vanban {
namespace {

std::vector<std::string> SplitSymbol(const std::string& s, std::vector<char>* seps) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == '-' || c == '/') {
      parts.push_back(cur);
      seps->push_back(c);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  parts.push_back(cur);
  return parts;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// "QH15" -> "QH", "UBTVQH14" -> "UBTVQH": an issuer code with its term number.
std::string StripTerm(std::string s) {
  while (!s.empty() && std::isdigit(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

}  // namespace

CitationKeys::CitationKeys(const RuleSet& rules) {
  const YAML::Node& types = rules.File("doc_types")["types"];
  if (types && types.IsSequence()) {
    for (const auto& t : types) {
      std::string name = NormalizeString(t["name"].as<std::string>());
      if (t["codes"])
        for (const auto& c : t["codes"]) {
          std::string code = Upper(NormalizeString(c.as<std::string>()));
          codes_.emplace_back(code, name);
          type_codes_upper_.insert(code);
        }
      if (t["words"])
        for (const auto& w : t["words"])
          type_words_.emplace_back(Fold(NormalizeString(w.as<std::string>())), name);
    }
  }
  std::stable_sort(type_words_.begin(), type_words_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [code, name] : rules.Pairs("doc_types", "party"))
    party_codes_.emplace_back(Upper(code), name);
  for (const auto& [code, name] : rules.Pairs("doc_types", "issuer_implies_type"))
    implied_.emplace_back(Upper(code), name);
  for (const auto& [code, name] : rules.Pairs("issuers", "codes"))
    issuer_codes_upper_.insert(Upper(code));
  for (const auto& [from, to] : rules.Pairs("doc_types", "lookalikes"))
    lookalikes_.emplace_back(Upper(from), Upper(to));
  abbreviations_ = rules.Pairs("bodies", "abbreviations");
}

std::string CitationKeys::RepairSegment(const std::string& seg) const {
  if (type_codes_upper_.count(seg) || issuer_codes_upper_.count(StripTerm(seg))) return seg;
  // A look-alike letter ("CD" for "CĐ"), repaired only into a known code.
  for (const auto& [from, to] : lookalikes_) {
    for (std::size_t p = seg.find(from); p != std::string::npos; p = seg.find(from, p + 1)) {
      std::string fixed = seg.substr(0, p) + to + seg.substr(p + from.size());
      if (type_codes_upper_.count(fixed)) return fixed;
    }
  }
  // A missing hyphen between a type code and an issuer code ("QĐUBND").
  for (std::size_t k = 1; k < seg.size(); ++k) {
    if ((static_cast<unsigned char>(seg[k]) & 0xC0) == 0x80) continue;  // inside a letter
    std::string left = seg.substr(0, k), right = seg.substr(k);
    if (!type_codes_upper_.count(left))
      for (const auto& [from, to] : lookalikes_)
        for (std::size_t p = left.find(from); p != std::string::npos; p = left.find(from, p + 1)) {
          std::string fixed = left.substr(0, p) + to + left.substr(p + from.size());
          if (type_codes_upper_.count(fixed)) left = fixed;
        }
    if (type_codes_upper_.count(left) && (issuer_codes_upper_.count(StripTerm(right))))
      return left + "-" + right;
  }
  return seg;
}

std::string CitationKeys::CanonicalSymbol(std::string_view symbol) const {
  std::string s;
  for (char c : NormalizeString(symbol))
    if (c != ' ') s.push_back(c);
  s = Upper(s);
  std::vector<char> seps;
  std::vector<std::string> parts = SplitSymbol(s, &seps);
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += AllDigits(parts[i]) ? parts[i] : RepairSegment(parts[i]);
    if (i < seps.size()) out.push_back(seps[i]);
  }
  return out;
}

std::string CitationKeys::Numbered(std::string_view number, std::string_view separator,
                                   std::string_view symbol, std::optional<int> year) const {
  std::string key = std::string(number) + std::string(separator) + CanonicalSymbol(symbol);
  if (year) key += "@" + std::to_string(*year);
  return key;
}

std::string CitationKeys::Titled(std::string_view type, std::string_view title, int year) const {
  std::string t = Lower(Squash(ReplaceAbbreviations(CanonicalTones(ToNfc(title)))));
  t = Trim(t, ",;.:");
  return std::string(type) + ":" + t + "@" + std::to_string(year);
}

std::string CitationKeys::ReplaceAbbreviations(std::string_view s) const {
  std::string out;
  for (const auto& w : SplitWords(s)) {
    std::string core = Trim(w, ",;.:()");
    std::string repl = w;
    for (const auto& [k, v] : abbreviations_)
      if (core == k) {
        std::size_t at = w.find(core);
        repl = w.substr(0, at) + v + w.substr(at + core.size());
        break;
      }
    if (!out.empty()) out.push_back(' ');
    out += repl;
  }
  return out;
}

std::optional<std::string> CitationKeys::TypeFromSymbol(std::string_view symbol) const {
  std::string s = CanonicalSymbol(symbol);
  std::vector<char> seps;
  std::vector<std::string> parts = SplitSymbol(s, &seps);
  // Skip a year in the middle ("2016/NĐ-CP").
  std::size_t i = 0;
  while (i < parts.size() && AllDigits(parts[i])) ++i;
  if (i >= parts.size()) return std::nullopt;
  const std::string& first = parts[i];
  bool party = i < seps.size() && seps[i] == '/' && (i == 0) && parts.size() == 2 &&
               !issuer_codes_upper_.count(first);
  if (party || (i < seps.size() && seps[i] == '/' && i == 0)) {
    for (const auto& [code, name] : party_codes_)
      if (code == first) return name;
  }
  for (const auto& [code, name] : codes_)
    if (code == first && (i + 1 < parts.size() || !issuer_codes_upper_.count(first))) return name;
  // No type code: a law or ordinance by its legislature ("2015/QH13").
  if (parts.size() == i + 1 || i + 1 == parts.size()) {
    for (const auto& [code, name] : implied_)
      if (StripTerm(first) == code) return name;
  }
  return std::nullopt;
}

std::optional<std::string> CitationKeys::TypeFromWords(std::string_view text) const {
  std::string f = Fold(text);
  for (const auto& [word, name] : type_words_)
    if (f.compare(0, word.size(), word) == 0 &&
        (f.size() == word.size() || !std::isalnum(static_cast<unsigned char>(f[word.size()]))))
      return name;
  return std::nullopt;
}

ParsedQuery CitationKeys::ParseQuery(std::string_view query) const {
  ParsedQuery q;
  std::string s = Squash(NormalizeString(query));
  static const RE2 kNumbered(R"((\d+(?:\.\d+)?)\s*([/\-])\s*((?:\d{4}/)?[\pL][\pL\d&]*(?:\s*[\-/]\s*[\pL][\pL\d&]*)*))");
  static const RE2 kCodeNumber(R"(^([\pL]{1,6})\s*(?:số\s*)?(\d+)\s*$)");
  static const RE2 kTypeNumber(R"(^([\pL ]+?)\s+(?:số\s*)?(\d+)\s*$)");
  std::string number, sep, symbol, code;
  re2::StringPiece in(s);
  if (RE2::PartialMatch(s, kNumbered, &number, &sep, &symbol)) {
    q.number = number;
    std::string sym;
    for (char c : symbol)
      if (c != ' ') sym.push_back(c);
    q.symbol = CanonicalSymbol(sym);
    q.key_prefix = number + sep + *q.symbol;
    q.type = TypeFromSymbol(sym);
    std::size_t at = s.find(number);
    if (auto t = TypeFromWords(s.substr(0, at)); t && at > 0) q.type = t;
    static const RE2 kYear(R"(^(\d{4})/)");
    std::string y;
    if (RE2::PartialMatch(*q.symbol, kYear, &y)) q.year = std::stoi(y);
  } else if (RE2::FullMatch(s, kCodeNumber, &code, &number)) {
    // "QĐ 2454", "QD 2454"
    q.number = number;
    std::string c = RepairSegment(Upper(code));
    for (const auto& [k, name] : codes_)
      if (k == c) q.type = name;
    if (!q.type) q.type = TypeFromWords(code);
  } else if (RE2::FullMatch(s, kTypeNumber, &code, &number) &&
             !(code.size() >= 4 && Fold(code).ends_with(" nam")) && Fold(code) != "nam") {
    q.number = number;
    q.type = TypeFromWords(code);
  } else {
    // A title: "Luật Đất đai năm 2024".
    q.type = TypeFromWords(s);
    q.title = s;
  }
  if (auto d = FindDate(s)) {
    q.date = d->Iso();
    q.year = d->year;
  } else {
    static const RE2 kNam(R"((?i:năm)\s+((?:19|20)\d{2}))");
    std::string y;
    if (RE2::PartialMatch(s, kNam, &y)) q.year = std::stoi(y);
  }
  return q;
}

}  // namespace vanban
