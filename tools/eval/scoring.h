// Scoring of `vanban extract --json` output against gold records, exactly as the reference
// scorer shared/eval/score.py does it (spec: "Matching rules used by the evaluation").
//
//   #include "tools/eval/scoring.h"
//   auto preds = vanban::eval::LoadPredictions("out.jsonl");          // stem -> record
//   auto result = vanban::eval::Score(preds, "corpus/gold", /*detail=*/true);
//   for (const auto& note : result.notes) std::cout << "  " << note << "\n";
//   std::cout << vanban::eval::FormatText(result.metrics);            // "citation_f1: 0.857" …
//   vanban::eval::Canon("- UBND huyện Hoà Vang;") == "ủy ban nhân dân huyện hòa vang"
//
// Inputs: predictions as JSON Lines (one extraction record per line; a record is matched to
// its gold file by the base name of source.path without extension, the last line wins), and a
// folder of gold records (*.json, one extraction record per file, read in sorted name order).
// Outputs: the metrics of score.py in score.py's order (files_read … header_accuracy, score),
// and the per-item notes (document count mismatches always; wrong header fields, missed and
// extra citations, missed tasks with `detail`). A rate with nothing to count is NaN.
// Failures: an unreadable file or folder, a malformed JSON line (named as file:line) or a gold
// record without source.path / documents throws EvalError.
//
// Everything is inline so that the unit tests (linked against vanban_core only) can use it.
// Where score.py relies on Python semantics (str(), repr(), truthiness, \w and \s of `re`,
// str.casefold, float repr), the helpers below reproduce them.
#pragma once

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/vntext.h"

namespace vanban::eval {

// Insertion-ordered, like Python dicts (the notes print dict values with repr()).
using Json = nlohmann::ordered_json;

// A usage-level failure: unreadable input, malformed JSON. The CLI exits 2 on it.
struct EvalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------------------------------------
// Code points and Python character classes
// ---------------------------------------------------------------------------------------------
namespace detail {

inline std::u32string ToU32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

inline void AppendUtf8(std::string& out, char32_t c) {
  uint8_t buf[4];
  int32_t len = 0;
  UBool err = false;
  U8_APPEND(buf, len, 4, static_cast<UChar32>(c), err);
  (void)err;
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
}

inline std::string ToUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  for (char32_t c : s) AppendUtf8(out, c);
  return out;
}

// Python's str.isspace() / `\s`: bidi class WS, B or S, or category Zs.
inline bool PyIsSpace(char32_t c) {
  const auto ch = static_cast<UChar32>(c);
  const UCharDirection d = u_charDirection(ch);
  return d == U_WHITE_SPACE_NEUTRAL || d == U_BLOCK_SEPARATOR || d == U_SEGMENT_SEPARATOR ||
         u_charType(ch) == U_SPACE_SEPARATOR;
}

// Python's `\w` on str: isalpha() (category L*), a numeric character, or '_'.
inline bool PyIsWord(char32_t c) {
  const auto ch = static_cast<UChar32>(c);
  return c == U'_' || u_isalpha(ch) || u_getIntPropertyValue(ch, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
}

// score.py's class [\wà-ỹđ] (đ lies inside à-ỹ = U+00E0..U+1EF9).
inline bool InVietRange(char32_t c) { return c >= 0xE0 && c <= 0x1EF9; }
inline bool IsWordChar(char32_t c) { return PyIsWord(c) || InVietRange(c); }

// Python's `\d` on str: a decimal digit (category Nd).
inline bool PyIsDecimal(char32_t c) {
  return u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER;
}

inline bool PyIsPrintable(char32_t c) {
  if (c == U' ') return true;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_SURROGATE:
    case U_PRIVATE_USE_CHAR:
    case U_UNASSIGNED:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_SPACE_SEPARATOR:
      return false;
    default:
      return true;
  }
}

// str.casefold(): full Unicode case folding (ICU implements the same CaseFolding.txt).
inline std::string CaseFold(std::string_view s) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.foldCase(U_FOLD_CASE_DEFAULT);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// str.upper(): full upper-case mapping, no locale.
inline std::string PyUpper(std::string_view s) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toUpper(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

inline void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

// Python float repr(): shortest round-trip digits; exponent form when the decimal point
// falls outside (-4, 16]; integral values get ".0".
inline std::string PyFloatRepr(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  std::string sign;
  if (!sci.empty() && sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  const std::size_t e = sci.find('e');
  std::string digits = sci.substr(0, e);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int exp = std::stoi(sci.substr(e + 1));
  const int decpt = exp + 1;
  if (x == 0) return sign + "0.0";
  std::string out;
  if (decpt <= -4 || decpt > 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += ebuf;
  } else if (decpt <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
  } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
    out = digits + std::string(static_cast<std::size_t>(decpt) - digits.size(), '0') + ".0";
  } else {
    out = digits.substr(0, static_cast<std::size_t>(decpt)) + "." +
          digits.substr(static_cast<std::size_t>(decpt));
  }
  return sign + out;
}

}  // namespace detail

// Python repr() of a JSON value as json.loads would have returned it.
inline std::string PyRepr(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "None";
    case Json::value_t::boolean:
      return v.get<bool>() ? "True" : "False";
    case Json::value_t::number_integer:
      return std::to_string(v.get<int64_t>());
    case Json::value_t::number_unsigned:
      return std::to_string(v.get<uint64_t>());
    case Json::value_t::number_float:
      return detail::PyFloatRepr(v.get<double>());
    case Json::value_t::string: {
      const std::u32string s = detail::ToU32(v.get_ref<const std::string&>());
      const bool has_single = s.find(U'\'') != std::u32string::npos;
      const bool has_double = s.find(U'"') != std::u32string::npos;
      const char32_t quote = (has_single && !has_double) ? U'"' : U'\'';
      std::string out(1, static_cast<char>(quote));
      for (char32_t c : s) {
        char buf[16];
        if (c == quote || c == U'\\') {
          out += '\\';
          out += static_cast<char>(c);
        } else if (c == U'\t') {
          out += "\\t";
        } else if (c == U'\n') {
          out += "\\n";
        } else if (c == U'\r') {
          out += "\\r";
        } else if (c < 0x20 || c == 0x7F) {
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
          out += buf;
        } else if (c < 0x7F || detail::PyIsPrintable(c)) {
          detail::AppendUtf8(out, c);
        } else {
          if (c <= 0xFF)
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
          else if (c <= 0xFFFF)
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          else
            std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
          out += buf;
        }
      }
      out += static_cast<char>(quote);
      return out;
    }
    case Json::value_t::array: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + PyRepr(v[i]);
      return out + "]";
    }
    case Json::value_t::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, x] : v.items()) {
        out += (first ? "" : ", ") + PyRepr(Json(k)) + ": " + PyRepr(x);
        first = false;
      }
      return out + "}";
    }
    default:
      return "None";
  }
}

// Python str() of a JSON value: strings as they are, everything else as repr().
inline std::string PyStr(const Json& v) { return v.is_string() ? v.get<std::string>() : PyRepr(v); }

// Python truthiness.
inline bool Truthy(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return false;
    case Json::value_t::boolean:
      return v.get<bool>();
    case Json::value_t::number_integer:
      return v.get<int64_t>() != 0;
    case Json::value_t::number_unsigned:
      return v.get<uint64_t>() != 0;
    case Json::value_t::number_float:
      return v.get<double>() != 0.0;
    case Json::value_t::string:
      return !v.get_ref<const std::string&>().empty();  // json::empty() is false for strings
    case Json::value_t::array:
    case Json::value_t::object:
      return !v.empty();
    default:
      return false;
  }
}

// Python ==: bools are numbers, dicts compare regardless of key order.
inline bool PyEqual(const Json& a, const Json& b) {
  auto numeric = [](const Json& v) { return v.is_number() || v.is_boolean(); };
  if (numeric(a) && numeric(b)) {
    auto as_double = [](const Json& v) {
      return v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.get<double>();
    };
    if ((a.is_number_integer() || a.is_boolean()) && (b.is_number_integer() || b.is_boolean()) &&
        !a.is_number_unsigned() && !b.is_number_unsigned()) {
      auto as_int = [](const Json& v) {
        return v.is_boolean() ? int64_t{v.get<bool>() ? 1 : 0} : v.get<int64_t>();
      };
      return as_int(a) == as_int(b);
    }
    return as_double(a) == as_double(b);
  }
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!PyEqual(a[i], b[i])) return false;
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, x] : a.items()) {
      auto it = b.find(k);
      if (it == b.end() || !PyEqual(x, *it)) return false;
    }
    return true;
  }
  return a == b;
}

// d.get(key) for a dict, None (null) otherwise.
inline const Json& Field(const Json& d, std::string_view key) {
  static const Json kNull;
  if (!d.is_object()) return kNull;
  auto it = d.find(std::string(key));
  return it == d.end() ? kNull : *it;
}

// score.py get(d, "issuer.name").
inline const Json& Dotted(const Json& d, std::string_view dotted) {
  const Json* cur = &d;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted.find('.', start);
    const std::string_view part =
        dotted.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    cur = &Field(*cur, part);
    if (dot == std::string_view::npos) return *cur;
    start = dot + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// canon(), words(), key_canon(), stem()
// ---------------------------------------------------------------------------------------------

// score.py ABBR: whole words expanded after case folding.
inline const std::map<std::string, std::string, std::less<>>& Abbreviations() {
  static const std::map<std::string, std::string, std::less<>> kAbbr = {
      {"ubnd", "ủy ban nhân dân"},
      {"hđnd", "hội đồng nhân dân"},
      {"cchc", "cải cách hành chính"},
      {"tthc", "thủ tục hành chính"},
      {"bcđ", "ban chỉ đạo"},
      {"ubmttqvn", "ủy ban mặt trận tổ quốc việt nam"},
      {"mttqvn", "mặt trận tổ quốc việt nam"},
      {"cbcc", "cán bộ, công chức"},
      {"qppl", "quy phạm pháp luật"},
      {"tt", "thường trực"},
      {"ct", "chủ tịch"},
      {"pct", "phó chủ tịch"},
  };
  return kAbbr;
}

namespace detail {

// score.py TONED/TONE_RE: oà→òa … uỷ→ủy when not after q/Q and not followed by [\wà-ỹ]
// (the regex is case-insensitive; the text is already case-folded).
inline void CanonTones(std::u32string& s) {
  struct Move {
    char32_t first, toned_second, toned_first, second;
  };
  static constexpr Move kMoves[] = {
      {U'o', U'à', U'ò', U'a'}, {U'o', U'á', U'ó', U'a'}, {U'o', U'ả', U'ỏ', U'a'},
      {U'o', U'ã', U'õ', U'a'}, {U'o', U'ạ', U'ọ', U'a'}, {U'o', U'è', U'ò', U'e'},
      {U'o', U'é', U'ó', U'e'}, {U'o', U'ẻ', U'ỏ', U'e'}, {U'o', U'ẽ', U'õ', U'e'},
      {U'o', U'ẹ', U'ọ', U'e'}, {U'u', U'ỳ', U'ù', U'y'}, {U'u', U'ý', U'ú', U'y'},
      {U'u', U'ỷ', U'ủ', U'y'}, {U'u', U'ỹ', U'ũ', U'y'}, {U'u', U'ỵ', U'ụ', U'y'},
  };
  auto lower = [](char32_t c) { return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))); };
  auto upper = [](char32_t c) { return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))); };
  auto blocks = [&](char32_t c) {  // [\wà-ỹ] under re.IGNORECASE
    return PyIsWord(c) || InVietRange(c) || InVietRange(lower(c)) || InVietRange(upper(c));
  };
  const std::u32string orig = s;  // the lookbehind sees the original text
  for (std::size_t i = 0; i + 1 < orig.size();) {
    const Move* hit = nullptr;
    if (!(i > 0 && (orig[i - 1] == U'q' || orig[i - 1] == U'Q')) &&
        !(i + 2 < orig.size() && blocks(orig[i + 2]))) {
      for (const auto& m : kMoves) {
        if (lower(orig[i]) == m.first && lower(orig[i + 1]) == m.toned_second) {
          hit = &m;
          break;
        }
      }
    }
    if (hit) {
      s[i] = hit->toned_first;
      s[i + 1] = hit->second;
      i += 2;
    } else {
      ++i;
    }
  }
}

inline bool IsStripPunct(char32_t c) { return c == U';' || c == U',' || c == U'.' || c == U':'; }

inline std::u32string_view StripIf(std::u32string_view s, bool (*pred)(char32_t)) {
  while (!s.empty() && pred(s.front())) s.remove_prefix(1);
  while (!s.empty() && pred(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace detail

// score.py canon() of a string.
inline std::string Canon(std::string_view text) {
  using namespace detail;
  std::u32string s = ToU32(CaseFold(ToNfc(text)));
  CanonTones(s);
  // [\s\u00a0]+ -> " "
  std::u32string squashed;
  squashed.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (PyIsSpace(s[i]) || s[i] == 0xA0) {
      while (i < s.size() && (PyIsSpace(s[i]) || s[i] == 0xA0)) ++i;
      squashed.push_back(U' ');
    } else {
      squashed.push_back(s[i++]);
    }
  }
  // .strip().strip(";,.:").strip()
  std::u32string_view v = squashed;
  v = StripIf(v, PyIsSpace);
  v = StripIf(v, IsStripPunct);
  v = StripIf(v, PyIsSpace);
  // ^[-–•+]\s*
  if (!v.empty() && (v[0] == U'-' || v[0] == U'–' || v[0] == U'•' || v[0] == U'+')) {
    v.remove_prefix(1);
    while (!v.empty() && PyIsSpace(v.front())) v.remove_prefix(1);
  }
  // split(" "), ABBR per word, join(" ")
  const std::string flat = ToUtf8(v);
  const auto& abbr = Abbreviations();
  std::string out;
  out.reserve(flat.size() + 16);
  std::size_t start = 0;
  while (true) {
    const std::size_t sp = flat.find(' ', start);
    const std::string_view word = std::string_view(flat).substr(
        start, sp == std::string::npos ? std::string::npos : sp - start);
    auto it = abbr.find(word);
    out += it == abbr.end() ? std::string(word) : it->second;
    if (sp == std::string::npos) break;
    out += ' ';
    start = sp + 1;
  }
  return out;
}

// score.py canon() of any JSON value: None for null, else canon(str(value)).
inline std::optional<std::string> CanonValue(const Json& v) {
  if (v.is_null()) return std::nullopt;
  return Canon(PyStr(v));
}

// score.py words(): the runs of [\wà-ỹđ] in canon(s).
inline std::vector<std::string> Words(std::string_view text) {
  const std::u32string s = detail::ToU32(Canon(text));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    if (!detail::IsWordChar(s[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && detail::IsWordChar(s[j])) ++j;
    out.push_back(detail::ToUtf8(std::u32string_view(s).substr(i, j - i)));
    i = j;
  }
  return out;
}

inline std::vector<std::string> WordsValue(const Json& v) {
  if (v.is_null()) return {};
  return Words(PyStr(v));
}

// score.py key_canon(): NFC, upper, spaces removed, QD- -> QĐ-, /QĐUBND -> /QĐ-UBND.
inline std::string KeyCanon(std::string_view key) {
  std::string k = detail::PyUpper(ToNfc(key));
  k.erase(std::remove(k.begin(), k.end(), ' '), k.end());
  detail::ReplaceAll(k, "QD-", "QĐ-");
  detail::ReplaceAll(k, "/QĐUBND", "/QĐ-UBND");
  return k;
}

inline std::optional<std::string> KeyCanonValue(const Json& key) {
  if (!Truthy(key)) return std::nullopt;
  return KeyCanon(PyStr(key));
}

// score.py stem(): os.path.splitext(os.path.basename(path))[0].
inline std::string Stem(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = base.rfind('.');
  if (dot == std::string_view::npos) return std::string(base);
  // A leading run of dots is part of the name (".bashrc" has no extension).
  for (std::size_t i = 0; i < dot; ++i)
    if (base[i] != '.') return std::string(base.substr(0, dot));
  return std::string(base);
}

// ---------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------

// Stem of source.path -> prediction record.
using Predictions = std::map<std::string, Json>;

// Metric names and values, in score.py's order; "score" is last.
struct Metrics {
  std::vector<std::pair<std::string, double>> values;

  std::optional<double> Get(std::string_view name) const {
    for (const auto& [k, v] : values)
      if (k == name) return v;
    return std::nullopt;
  }
};

struct Result {
  Metrics metrics;
  std::vector<std::string> notes;  // without the two-space indent score.py prints
};

// Reads JSON Lines; `name` is used in messages ("out.jsonl:12: …").
inline Predictions ParsePredictions(std::istream& in, const std::string& name) {
  Predictions out;
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    const std::u32string u = detail::ToU32(line);
    if (detail::StripIf(u, detail::PyIsSpace).empty()) continue;
    Json rec;
    try {
      rec = Json::parse(line);
    } catch (const Json::parse_error& e) {
      throw EvalError(name + ":" + std::to_string(lineno) + ": malformed JSON: " + e.what());
    }
    if (!rec.is_object())
      throw EvalError(name + ":" + std::to_string(lineno) + ": not a JSON object");
    const Json& path = Field(Field(rec, "source"), "path");
    out[Stem(path.is_string() ? path.get<std::string>() : std::string())] = std::move(rec);
  }
  return out;
}

inline Predictions LoadPredictions(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw EvalError("cannot read " + path.string() + ": not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EvalError("cannot read " + path.string());
  return ParsePredictions(in, path.string());
}

namespace detail {

inline const std::vector<std::string>& HeaderFields() {
  static const std::vector<std::string> kHeader = {
      "type",  "number", "symbol",  "draft",       "issuer.name",    "issuer.parent",
      "place", "date",   "subject", "signer.name", "signer.position"};
  return kHeader;
}

// The items of `x or []` as Python would iterate them.
inline std::vector<Json> Items(const Json& x, const char* what) {
  std::vector<Json> out;
  if (!Truthy(x)) return out;
  if (x.is_array()) {
    out.assign(x.begin(), x.end());
  } else if (x.is_string()) {
    for (char32_t c : ToU32(x.get_ref<const std::string&>())) out.emplace_back(ToUtf8({&c, 1}));
  } else if (x.is_object()) {
    for (const auto& [k, v] : x.items()) out.emplace_back(k);
  } else {
    throw EvalError(std::string(what) + " is not a list: " + x.dump());
  }
  return out;
}

// score.py set_f1() on canonical strings.
inline double SetF1(const Json& gold, const Json& pred) {
  auto collect = [](const Json& v, const char* what) {
    std::set<std::string> s;
    for (const Json& x : Items(v, what)) {
      auto c = CanonValue(x);
      if (c && !c->empty()) s.insert(*c);
    }
    return s;
  };
  const auto g = collect(gold, "gold list");
  const auto p = collect(pred, "predicted list");
  if (g.empty() && p.empty()) return 1.0;
  std::size_t tp = 0;
  for (const auto& x : g) tp += p.count(x);
  if (tp == 0) return 0.0;
  const double pr = static_cast<double>(tp) / static_cast<double>(p.size());
  const double rc = static_cast<double>(tp) / static_cast<double>(g.size());
  return 2 * pr * rc / (pr + rc);
}

// Counts and sums per metric, in first-use order.
class Tally {
 public:
  void Add(const std::string& name, double good, double total = 1) {
    auto& e = Entry(name);
    e.n += total;
    e.ok += good;
  }
  double Rate(const std::string& name) const {
    for (const auto& e : entries_)
      if (e.name == name && e.n != 0) return e.ok / e.n;
    return std::numeric_limits<double>::quiet_NaN();
  }

 private:
  struct E {
    std::string name;
    double n = 0, ok = 0;
  };
  E& Entry(const std::string& name) {
    for (auto& e : entries_)
      if (e.name == name) return e;
    entries_.push_back({name});
    return entries_.back();
  }
  std::vector<E> entries_;
};

struct Prf {
  double p, r, f;
};

inline Prf ComputePrf(std::size_t tp, std::size_t npred, std::size_t ngold) {
  const double p =
      npred ? static_cast<double>(tp) / static_cast<double>(npred) : (ngold == 0 ? 1.0 : 0.0);
  const double r = ngold ? static_cast<double>(tp) / static_cast<double>(ngold) : 1.0;
  const double f = (p + r) != 0 ? 2 * p * r / (p + r) : 0.0;
  return {p, r, f};
}

// A dict of citation key -> citation, keeping insertion order like Python's.
class KeyMap {
 public:
  std::vector<std::pair<std::string, const Json*>> items;

  const Json* Find(const std::string& k) const {
    for (const auto& [key, v] : items)
      if (key == k) return v;
    return nullptr;
  }
  bool Contains(const std::string& k) const { return Find(k) != nullptr; }
  void Set(const std::string& k, const Json* v) {
    for (auto& [key, old] : items)
      if (key == k) {
        old = v;
        return;
      }
    items.emplace_back(k, v);
  }
  const Json* Pop(const std::string& k) {
    for (auto it = items.begin(); it != items.end(); ++it)
      if (it->first == k) {
        const Json* v = it->second;
        items.erase(it);
        return v;
      }
    return nullptr;
  }
};

inline KeyMap CitationKeys(const Json& doc) {
  KeyMap m;
  const Json& list = Field(doc, "citations");
  if (!list.is_array()) return m;  // `or []`; a string or dict holds no citation objects
  for (const Json& c : list) {
    if (!c.is_object()) continue;
    if (auto k = KeyCanonValue(Field(c, "key"))) m.Set(*k, &c);
  }
  return m;
}

struct TitleParts {
  std::string type;
  std::set<std::string> words;
  std::string year;
};

// score.py title_parts(): ^([^:@/]+):(.*)@(\d{4})$ on TYPE:title@YEAR keys.
inline std::optional<TitleParts> ParseTitleKey(const std::string& key) {
  std::u32string k = ToU32(key);
  if (!k.empty() && k.back() == U'\n') k.pop_back();  // `$` also matches before a final \n
  std::size_t colon = 0;
  while (colon < k.size() && k[colon] != U':' && k[colon] != U'@' && k[colon] != U'/') ++colon;
  if (colon == 0 || colon >= k.size() || k[colon] != U':') return std::nullopt;
  if (k.size() < colon + 1 + 5) return std::nullopt;
  const std::size_t at = k.size() - 5;
  if (k[at] != U'@') return std::nullopt;
  for (std::size_t i = at + 1; i < k.size(); ++i)
    if (!PyIsDecimal(k[i])) return std::nullopt;
  const std::u32string title = k.substr(colon + 1, at - colon - 1);
  if (title.find(U'\n') != std::u32string::npos) return std::nullopt;  // `.` stops at \n
  TitleParts parts;
  parts.type = Canon(ToUtf8(std::u32string_view(k).substr(0, colon)));
  for (auto& w : Words(ToUtf8(title))) parts.words.insert(std::move(w));
  parts.year = ToUtf8(std::u32string_view(k).substr(at + 1));
  return parts;
}

// score.py title_aliases(): renames predicted title keys to the gold key they match loosely.
inline KeyMap TitleAliases(const KeyMap& gk, const KeyMap& pk) {
  KeyMap out = pk;
  for (const auto& [g, unused] : gk.items) {
    const auto gp = ParseTitleKey(g);
    if (!gp || out.Contains(g)) continue;
    std::vector<std::string> keys;
    for (const auto& item : out.items) keys.push_back(item.first);
    for (const auto& k : keys) {
      if (gk.Contains(k)) continue;
      const auto kp = ParseTitleKey(k);
      if (!kp || kp->type != gp->type || kp->year != gp->year) continue;
      std::size_t inter = 0;
      for (const auto& w : gp->words) inter += kp->words.count(w);
      const std::size_t uni = gp->words.size() + kp->words.size() - inter;
      if (uni != 0 && 2 * inter >= uni) {
        const Json* v = out.Pop(k);
        out.Set(g, v);
        break;
      }
    }
  }
  return out;
}

inline std::string JoinWords(const std::vector<std::string>& words, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < words.size() && i < limit; ++i) {
    if (i) out += ' ';
    out += words[i];
  }
  return out;
}

inline const Json& DeadlineDate(const Json& task) {
  return Field(Field(task, "deadline"), "date");  // (deadline or {}).get("date")
}

inline Json ReadGold(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw EvalError("cannot read " + file.string());
  Json gold;
  try {
    gold = Json::parse(in);
  } catch (const Json::parse_error& e) {
    throw EvalError(file.string() + ": malformed JSON: " + e.what());
  }
  const Json& path = Field(Field(gold, "source"), "path");
  if (!path.is_string()) throw EvalError(file.string() + ": gold record has no source.path");
  if (!Field(gold, "documents").is_array())
    throw EvalError(file.string() + ": gold record has no documents list");
  return gold;
}

}  // namespace detail

// score.py score(): every gold record in gold_dir against its prediction.
inline Result Score(const Predictions& preds, const std::filesystem::path& gold_dir,
                    bool detail = false) {
  using namespace detail;
  std::vector<std::string> names;
  {
    std::error_code ec;
    std::filesystem::directory_iterator it(gold_dir, ec);
    if (ec) throw EvalError("cannot read gold folder " + gold_dir.string() + ": " + ec.message());
    for (const auto& entry : it) {
      const std::string name = entry.path().filename().string();
      if (name.size() >= 5 && name.compare(name.size() - 5, 5, ".json") == 0) names.push_back(name);
    }
    std::sort(names.begin(), names.end());  // UTF-8 byte order = code point order
  }

  Tally t;
  std::size_t cit[3] = {0, 0, 0};  // tp, npred, ngold
  std::size_t task[3] = {0, 0, 0};
  std::size_t dl[3] = {0, 0, 0};
  std::vector<std::string> notes;
  static const Json kEmpty = Json::object();

  for (const auto& name : names) {
    const Json gold = ReadGold(gold_dir / name);
    const std::string base = Stem(Field(Field(gold, "source"), "path").get<std::string>());
    auto pit = preds.find(base);
    const Json* pred = pit == preds.end() ? nullptr : &pit->second;
    const Json& gdocs = Field(gold, "documents");
    const Json& pdocs_raw = pred ? Field(*pred, "documents") : kEmpty;
    const Json pdocs = pdocs_raw.is_array() ? pdocs_raw : Json::array();
    t.Add("files_read", pred && Truthy(*pred) && !Truthy(Field(*pred, "error")) ? 1 : 0);
    t.Add("document_count", pdocs.size() == gdocs.size() ? 1 : 0);
    if (pdocs.size() != gdocs.size())
      notes.push_back(base + ": " + std::to_string(pdocs.size()) + " documents, gold has " +
                      std::to_string(gdocs.size()));
    for (std::size_t i = 0; i < gdocs.size(); ++i) {
      const Json& g = gdocs[i].is_object() ? gdocs[i] : kEmpty;
      const Json& p = (i < pdocs.size() && pdocs[i].is_object()) ? pdocs[i] : kEmpty;
      const std::string where = base + "#" + std::to_string(i + 1);

      for (const auto& field : HeaderFields()) {
        const Json& gv = Dotted(g, field);
        const Json& pv = Dotted(p, field);
        bool good =
            gv.is_boolean() ? (gv.get<bool>() == Truthy(pv)) : (CanonValue(gv) == CanonValue(pv));
        good = good && Truthy(p);  // a missing document gets no credit for null fields
        t.Add(field, good ? 1 : 0);
        if (!good && detail)
          notes.push_back(where + " " + field + ": want " + PyRepr(gv) + " got " + PyRepr(pv));
      }
      t.Add("recipients_f1", SetF1(Field(g, "recipients"), Field(p, "recipients")));
      t.Add("distribution_f1", SetF1(Field(g, "distribution"), Field(p, "distribution")));

      // Citations, matched on key.
      const KeyMap gk = CitationKeys(g);
      const KeyMap pk = TitleAliases(gk, CitationKeys(p));
      std::vector<std::string> tp;
      for (const auto& [k, v] : gk.items)
        if (pk.Contains(k)) tp.push_back(k);
      cit[0] += tp.size();
      cit[1] += pk.items.size();
      cit[2] += gk.items.size();
      for (const auto& k : tp) {
        const Json& gc = *gk.Find(k);
        const Json& pc = *pk.Find(k);
        t.Add("citation_date", PyEqual(Field(gc, "date"), Field(pc, "date")) ? 1 : 0);
        t.Add("citation_type",
              CanonValue(Field(gc, "type")) == CanonValue(Field(pc, "type")) ? 1 : 0);
      }
      if (detail) {
        std::vector<std::string> missed, extra;
        for (const auto& [k, v] : gk.items)
          if (!pk.Contains(k)) missed.push_back(k);
        for (const auto& [k, v] : pk.items)
          if (!gk.Contains(k)) extra.push_back(k);
        std::sort(missed.begin(), missed.end());
        std::sort(extra.begin(), extra.end());
        for (const auto& k : missed) notes.push_back(where + " citation missed: " + k);
        for (const auto& k : extra) notes.push_back(where + " citation extra: " + k);
      }

      // Tasks, matched on the first six words of the gold action, greedily in order.
      const std::vector<Json> ptasks = Items(Field(p, "tasks"), "tasks");
      const std::vector<Json> gtasks = Items(Field(g, "tasks"), "tasks");
      std::vector<std::string> ptext;
      for (const Json& pt : ptasks)
        ptext.push_back(JoinWords(WordsValue(Field(pt, "action")), SIZE_MAX));
      std::vector<bool> used(ptasks.size(), false);
      for (const Json& gt : gtasks) {
        const std::string head = JoinWords(WordsValue(Field(gt, "action")), 6);
        std::optional<std::size_t> hit;
        for (std::size_t j = 0; j < ptasks.size(); ++j) {
          if (!used[j] && !head.empty() && ptext[j].find(head) != std::string::npos) {
            hit = j;
            break;
          }
        }
        if (!hit) {
          if (detail)
            notes.push_back(where + " task missed: " + PyStr(Field(gt, "id")) + " " + head);
          continue;
        }
        used[*hit] = true;
        const Json& pt = ptasks[*hit];
        ++task[0];
        t.Add("task_assignees_f1", SetF1(Field(gt, "assignees"), Field(pt, "assignees")));
        const Json& gd = DeadlineDate(gt);
        const Json& pd = DeadlineDate(pt);
        dl[0] += (Truthy(gd) && PyEqual(gd, pd)) ? 1 : 0;
      }
      task[1] += ptasks.size();
      task[2] += gtasks.size();
      for (const Json& pt : ptasks) dl[1] += Truthy(DeadlineDate(pt)) ? 1 : 0;
      for (const Json& gt : gtasks) dl[2] += Truthy(DeadlineDate(gt)) ? 1 : 0;
    }
  }

  Result r;
  auto& m = r.metrics.values;
  for (const char* f : {"files_read", "document_count"}) m.emplace_back(f, t.Rate(f));
  for (const auto& f : HeaderFields()) m.emplace_back(f, t.Rate(f));
  for (const char* f :
       {"recipients_f1", "distribution_f1", "citation_date", "citation_type", "task_assignees_f1"})
    m.emplace_back(f, t.Rate(f));
  const Prf c = ComputePrf(cit[0], cit[1], cit[2]);
  const Prf k = ComputePrf(task[0], task[1], task[2]);
  const Prf d = ComputePrf(dl[0], dl[1], dl[2]);
  m.emplace_back("citation_precision", c.p);
  m.emplace_back("citation_recall", c.r);
  m.emplace_back("citation_f1", c.f);
  m.emplace_back("task_precision", k.p);
  m.emplace_back("task_recall", k.r);
  m.emplace_back("task_f1", k.f);
  m.emplace_back("deadline_precision", d.p);
  m.emplace_back("deadline_recall", d.r);
  m.emplace_back("deadline_f1", d.f);
  double sum = 0;
  for (const auto& f : HeaderFields()) sum += t.Rate(f);
  const double header_acc = sum / static_cast<double>(HeaderFields().size());
  m.emplace_back("header_accuracy", header_acc);
  double assign = t.Rate("task_assignees_f1");
  if (std::isnan(assign)) assign = 0.0;  // no task matched
  m.emplace_back("score", (header_acc + c.f + k.f + d.f + assign) / 5);
  r.notes = std::move(notes);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

// Python's f"{v:.Nf}" (NaN prints as "nan").
inline std::string FormatFixed(double v, int decimals) {
  if (std::isnan(v)) return "nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// One `name: 0.000` line per metric except score (score.py prints that last, after BELOW).
inline std::string FormatText(const Metrics& metrics) {
  std::string out;
  for (const auto& [k, v] : metrics.values)
    if (k != "score") out += k + ": " + FormatFixed(v, 3) + "\n";
  return out;
}

// Metrics as one JSON object, NaN as null.
inline Json ToJson(const Metrics& metrics) {
  Json j = Json::object();
  for (const auto& [k, v] : metrics.values) j[k] = std::isnan(v) ? Json() : Json(v);
  return j;
}

struct Floor {
  std::string metric;
  double value;
};

// The floors a metric falls below (NaN is below every floor), in the order given.
inline std::vector<Floor> BelowFloors(const Metrics& metrics, const std::vector<Floor>& floors) {
  std::vector<Floor> bad;
  for (const auto& f : floors) {
    const double v = metrics.Get(f.metric).value_or(0.0);
    if (!(v >= f.value)) bad.push_back(f);
  }
  return bad;
}

// score.py's "BELOW: name=0.42<0.5, … | " prefix of the score line.
inline std::string FormatBelow(const Metrics& metrics, const std::vector<Floor>& bad) {
  if (bad.empty()) return "";
  std::string out = "BELOW: ";
  for (std::size_t i = 0; i < bad.size(); ++i) {
    if (i) out += ", ";
    out += bad[i].metric + "=" + FormatFixed(metrics.Get(bad[i].metric).value_or(0.0), 2) + "<" +
           detail::PyFloatRepr(bad[i].value);
  }
  return out + " | ";
}

}  // namespace vanban::eval
