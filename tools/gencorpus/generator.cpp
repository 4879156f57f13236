// The corpus generator (generator.h): seeds are parsed once into lines of pieces (literal
// text, place names, numbers, dates, citations); a document is rendered by walking a
// seed's lines with per-document choices for each piece, so generating costs about as
// much as copying the bytes.
//
//   vanban::gencorpus::Generator gen(seeds);
//   std::string doc = gen.Generate(42, 1);
#include "tools/gencorpus/generator.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "pipeline/vntext.h"
#include "tools/gencorpus/places.h"

namespace vanban::gencorpus {
namespace {

namespace fs = std::filesystem;

constexpr int kNoYear = -10000;  // a citation number without a year in it

enum class Kind : std::uint8_t { kText, kPlace, kOwnNumber, kCite, kDate, kYear, kBodyName };

// One piece of a seed line. Years are stored relative to the seed's own year (`base_year`)
// so that a document dated another year shifts them all together.
struct Piece {
  Kind kind = Kind::kText;
  std::string text;        // kText: the text; kPlace: level word as printed ("" = none);
                           // kOwnNumber: the symbol after the number and year ("/UBND");
                           // kBodyName: "ỦY BAN NHÂN DÂN" as printed;
                           // kCite: the symbol ("QĐ-UBND"); kDate words: "ngày" or "Ngày"
  std::string sep;         // kCite: "/" or "-" between number (and year) and symbol;
                           // kOwnNumber: spaces printed after the number ("Số: 583 /UBND")
  int id = -1;             // kPlace: name id; kCite: citation id
  int d = 0, m = 0;        // kDate: day and month, 0 when printed blank
  int y = 0;               // kDate, kYear: year; kOwnNumber, kCite: year inside the number
                           // (kNoYear when none); relative after parsing
  int level_case = -1;     // kPlace: 0 lower, 1 capitalised, 2 upper level word; -1 keep
  bool upper = false;      // kPlace: name printed in upper case
  bool header = false;     // kDate: the document's own date
  bool words = false;      // kDate: "ngày D tháng M năm Y" (else D/M/Y)
  bool blank = false;      // kOwnNumber: the seed leaves the number blank
  bool zero = false;       // kCite: number printed with a leading zero ("03")
  int cite = -1;           // kDate: the citation this date belongs to
  int cite_rel = kNoYear;  // kCite: the cited document's year (from number or date)
  bool has_days = false;   // kDate: a full date, other than the header's or a citation's:
  int days = 0;            // printed `days` after the document's own date (before if < 0)
};

struct Unit {  // one line of a seed and the line breaks after it
  std::vector<Piece> pieces;
  std::string sep;
  std::size_t bytes = 0;
  bool eligible = false;  // a body paragraph: may be dropped or repeated
  bool preamble = false;  // "Căn cứ ...", "Theo đề nghị ...": stays with its kind
  bool has_cite = false;
};

struct Seed {
  std::string name;
  std::string prefix;  // line breaks before the first line
  std::vector<Unit> units;
  std::size_t bytes = 0;
  bool has_own = false;
  bool has_body = false;  // prints "ỦY BAN NHÂN DÂN": may become a HĐND document
  int base_year = 2023;
};

struct NameInfo {
  PlaceClass cls;
  std::string upper;
};

struct CiteInfo {
  std::string symbol;
  std::string group;  // symbols that may replace this one
};

struct Choice {
  std::string title, upper;  // the replacement name
  int level = -1;            // index into LevelWords(cls), -1 = keep the printed word
};

struct CiteValue {
  std::string number;
  int year = 0, m = 0, d = 0;
  const std::string* symbol = nullptr;
};

// Cheap, portable draws (std::uniform_int_distribution differs between libraries).
struct Rng {
  std::mt19937_64 gen;
  explicit Rng(std::uint64_t s) : gen(s) {}
  std::uint64_t Below(std::uint64_t n) { return n == 0 ? 0 : gen() % n; }
  bool Chance(int percent) { return static_cast<int>(gen() % 100) < percent; }
  double Fraction() { return static_cast<double>(gen() >> 11) * 0x1.0p-53; }
};

std::uint64_t SplitMix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// True when the byte at `pos` (the byte after a match) starts a letter or digit.
bool LetterAt(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return false;
  unsigned char c = s[pos];
  if (c < 0x80) return IsAsciiAlnum(c);
  // Latin-1 punctuation and superscripts (0xC2) and general punctuation (0xE2) are not
  // letters; Vietnamese letters are in 0xC3-0xC6 and 0xE1 (Latin Extended Additional).
  return c != 0xC2 && c != 0xE2;
}
// True when the byte before `pos` is part of a word, number or symbol.
bool WordBefore(std::string_view s, std::size_t pos, std::string_view also = "") {
  if (pos == 0) return false;
  unsigned char c = s[pos - 1];
  return c >= 0x80 || IsAsciiAlnum(c) || also.find(static_cast<char>(c)) != std::string::npos;
}

std::string TwoDigits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}
// Months 1 and 2 print as "01", "02" (so "tháng 01" is not read as "tháng 1"); others plain.
std::string MonthText(int m) { return m <= 2 ? TwoDigits(m) : std::to_string(m); }

int ToInt(re2::StringPiece s) {
  int v = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') v = v * 10 + (c - '0');
  }
  return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
int DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
void CivilFromDays(int z, int* y, int* m, int* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

std::string_view View(re2::StringPiece s) { return std::string_view(s.data(), s.size()); }

// Level words that a place name follows: class and, for swappable words, their case.
struct LevelMatch {
  PlaceClass cls;
  int level_case;  // -1: not a plain level word ("Huyện ủy")
};
std::optional<LevelMatch> ClassifyLevel(std::string_view w) {
  for (PlaceClass c : {PlaceClass::kProvince, PlaceClass::kDistrict, PlaceClass::kCommune}) {
    for (const LevelWord& l : LevelWords(c)) {
      if (w == l.lower) return LevelMatch{c, 0};
      if (w == l.capital) return LevelMatch{c, 1};
      if (w == l.upper) return LevelMatch{c, 2};
    }
  }
  if (w == "quận" || w == "Quận" || w == "QUẬN") return LevelMatch{PlaceClass::kDistrict, -1};
  std::string up = Upper(w);
  if (up.rfind("HUYỆN", 0) == 0 || up.rfind("THỊ", 0) == 0 || up.rfind("THÀNH", 0) == 0) {
    return LevelMatch{PlaceClass::kDistrict, -1};
  }
  if (up.rfind("TỈNH", 0) == 0) return LevelMatch{PlaceClass::kProvince, -1};
  return std::nullopt;
}

// Level words, party committees first so "HUYỆN ỦY BA TƠ" is not read as "HUYỆN" + "ỦY".
constexpr const char* kLevelAlternatives =
    "(?:Huyện|HUYỆN|Tỉnh|TỈNH|Thị|THỊ|Thành|THÀNH) (?:[uủ][ỷy]|[UỦ][YỶ])|"
    "thị trấn|thị xã|thành phố|tỉnh|huyện|xã|phường|quận|"
    "Thị trấn|Thị xã|Thành phố|Tỉnh|Huyện|Xã|Phường|Quận|"
    "THỊ TRẤN|THỊ XÃ|THÀNH PHỐ|TỈNH|HUYỆN|XÃ|PHƯỜNG|QUẬN";

struct Match {
  std::size_t b = 0, e = 0;
  int prio = 0;
  Piece piece;
};

}  // namespace

struct Generator::Impl {
  std::vector<Seed> seeds;
  std::vector<int> bases;                         // seeds with a "Số" line
  std::vector<std::pair<int, int>> pool;          // (seed, unit) citation paragraphs
  std::vector<NameInfo> names;                    // place names found in the seeds
  std::unordered_map<std::string, int> name_ids;  // upper case -> id
  std::vector<CiteInfo> cites;                    // distinct cited documents
  std::map<std::string, std::vector<std::string>> symbol_groups;  // type prefix -> symbols
  std::vector<std::string> table_title[3], table_upper[3];        // places.h, both cases
  std::unordered_map<std::string, int> cite_ids;                  // printed key -> id
  std::unique_ptr<RE2> place_re;

  void CollectNames(const std::vector<SeedText>& texts);
  void BuildPlaceRegex();
  Seed Parse(const SeedText& st);
  void ParseLine(std::string_view line, std::vector<Match>* out);
  std::string Render(std::uint64_t seed, std::uint64_t index) const;
};

void Generator::Impl::CollectNames(const std::vector<SeedText>& texts) {
  std::unordered_map<std::string, PlaceClass> table_class;
  for (PlaceClass c : {PlaceClass::kProvince, PlaceClass::kDistrict, PlaceClass::kCommune}) {
    for (std::string_view n : Places(c)) {
      std::string up = Upper(n);
      table_class.emplace(up, c);
      table_title[static_cast<int>(c)].emplace_back(n);
      table_upper[static_cast<int>(c)].push_back(up);
    }
  }
  static const RE2 kLevelName(std::string("(") + kLevelAlternatives +
                              R"() (\p{Lu}\p{L}*(?: \p{Lu}\p{L}*){0,2}))");
  static const RE2 kHeaderPlace(R"((\p{Lu}\p{L}*(?: \p{Lu}\p{L}*){0,3}), [Nn]gày)");
  static const char* kNotNames[] = {"HỘI",  "ỦY",  "UỶ", "UBND", "HĐND", "NHÂN", "CHỦ",
                                    "ĐẢNG", "BAN", "BỘ", "VIỆT", "CỘNG", "ĐỘC",  "SỐ"};
  auto add = [&](std::string up, PlaceClass cls) {
    if (up.empty() || name_ids.count(up)) return;
    name_ids.emplace(up, static_cast<int>(names.size()));
    names.push_back({cls, std::move(up)});
  };
  for (const SeedText& st : texts) {
    re2::StringPiece in(st.text);
    re2::StringPiece level, name;
    while (RE2::FindAndConsume(&in, kLevelName, &level, &name)) {
      std::string up = Upper(View(name));
      std::vector<std::string> words = SplitWords(up);
      if (words.empty()) continue;
      bool bad = false;
      for (const char* w : kNotNames) bad = bad || words[0] == w;
      if (bad) continue;
      auto lm = ClassifyLevel(View(level));
      if (!lm) continue;
      // Prefer the longest prefix that is a known name ("Quảng Ngãi" in "Quảng Ngãi Nhằm").
      std::string best = up;
      for (std::size_t n = words.size(); n >= 1; --n) {
        std::string cand;
        for (std::size_t i = 0; i < n; ++i) cand += (i ? " " : "") + words[i];
        if (table_class.count(cand)) {
          best = cand;
          break;
        }
      }
      add(best, lm->cls);
    }
    in = re2::StringPiece(st.text);
    while (RE2::FindAndConsume(&in, kHeaderPlace, &name)) {
      std::string up = Upper(View(name));
      auto it = table_class.find(up);
      if (it != table_class.end()) add(up, it->second);
    }
  }
}

void Generator::Impl::BuildPlaceRegex() {
  if (names.empty()) return;
  std::vector<std::string> forms;
  for (const NameInfo& n : names) {
    forms.push_back(n.upper);
    forms.push_back(TitleCase(n.upper));
  }
  std::sort(forms.begin(), forms.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  std::string alt;
  for (const std::string& f : forms) alt += (alt.empty() ? "" : "|") + RE2::QuoteMeta(f);
  place_re = std::make_unique<RE2>(std::string("(?:(") + kLevelAlternatives + ") )?(" + alt + ")");
}

void Generator::Impl::ParseLine(std::string_view line, std::vector<Match>* out) {
  static const RE2 kOwn(
      R"(Số:? *(\d+(?:\.\d+)?)?( *)((?:/(?:19|20)\d\d)?)([/-])(\p{Lu}[\p{L}\d]*(?:[-/&][\p{L}\d]+)*))");
  static const RE2 kCite(
      R"((\d{1,5}(?:\.\d+)?)((?:/(?:19|20)\d\d)?)([/-])(\p{Lu}[\p{L}\d]*(?:[-/&][\p{L}\d]+)*))");
  static const RE2 kDateWords(
      R"(([Nn]gày)((?: +\d{1,2})?) +tháng((?: +\d{1,2})?) +năm +((?:19|20)\d\d))");
  static const RE2 kDateSlash(R"((\d{1,2})/(\d{1,2})/((?:19|20)\d\d))");
  static const RE2 kYear(R"([Nn]ăm ((?:19|20)\d\d))");
  static const RE2 kBody(R"([ỦU][YỶ] BAN NHÂN DÂN)");
  static const RE2 kHeaderPrefix(R"((?:^|[|—*] *|\s)\p{Lu}\p{L}*(?: \p{Lu}\p{L}*){0,3}, $)");

  const re2::StringPiece text(line.data(), line.size());
  auto scan = [&](const RE2& re, int ngroups, auto&& handle) {
    std::vector<re2::StringPiece> g(ngroups + 1);
    std::size_t pos = 0;
    while (pos <= line.size() &&
           re.Match(text, pos, line.size(), RE2::UNANCHORED, g.data(), ngroups + 1)) {
      std::size_t b = g[0].data() - line.data(), e = b + g[0].size();
      handle(g, b, e);
      pos = e > b ? e : b + 1;
    }
  };
  auto off = [&](re2::StringPiece s) { return static_cast<std::size_t>(s.data() - line.data()); };

  scan(kOwn, 5, [&](auto& g, std::size_t b, std::size_t e) {
    if (WordBefore(line, b) || LetterAt(line, e)) return;
    Match m;
    m.prio = 0;
    m.b = g[1].data() ? off(g[1]) : off(g[2]);
    m.e = e;
    m.piece.kind = Kind::kOwnNumber;
    m.piece.blank = g[1].empty();
    m.piece.y = g[3].empty() ? kNoYear : ToInt(g[3]);
    m.piece.sep = std::string(View(g[2]));
    m.piece.text = std::string(View(g[4])) + std::string(View(g[5]));
    out->push_back(std::move(m));
  });
  scan(kCite, 4, [&](auto& g, std::size_t b, std::size_t e) {
    if (WordBefore(line, b, "") || LetterAt(line, e)) return;
    Match m;
    m.prio = 1;
    m.b = b;
    m.e = e;
    m.piece.kind = Kind::kCite;
    m.piece.zero = g[1].size() >= 2 && g[1][0] == '0';
    m.piece.y = g[2].empty() ? kNoYear : ToInt(g[2]);
    m.piece.sep = std::string(View(g[3]));
    m.piece.text = std::string(View(g[4]));
    out->push_back(std::move(m));
  });
  scan(kDateWords, 5, [&](auto& g, std::size_t b, std::size_t e) {
    if (LetterAt(line, e)) return;
    Match m;
    m.prio = 2;
    m.b = b;
    m.e = e;
    m.piece.kind = Kind::kDate;
    m.piece.words = true;
    m.piece.text = std::string(View(g[1]));
    m.piece.d = ToInt(g[2]);
    m.piece.m = ToInt(g[3]);
    m.piece.y = ToInt(g[4]);
    std::string_view before = line.substr(0, b);
    m.piece.header =
        line.size() < 400 &&
        ((before.empty() && line.size() < 80) ||
         RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), kHeaderPrefix));
    if (m.piece.m > 12 || m.piece.d > 31) return;
    out->push_back(std::move(m));
  });
  scan(kDateSlash, 3, [&](auto& g, std::size_t b, std::size_t e) {
    if (WordBefore(line, b, "") || LetterAt(line, e) || (e < line.size() && line[e] == '/')) {
      return;
    }
    Match m;
    m.prio = 3;
    m.b = b;
    m.e = e;
    m.piece.kind = Kind::kDate;
    m.piece.d = ToInt(g[1]);
    m.piece.m = ToInt(g[2]);
    m.piece.y = ToInt(g[3]);
    if (m.piece.m < 1 || m.piece.m > 12 || m.piece.d < 1 || m.piece.d > 31) return;
    out->push_back(std::move(m));
  });
  if (place_re) {
    scan(*place_re, 2, [&](auto& g, std::size_t b, std::size_t e) {
      if (LetterAt(line, e) || (g[1].empty() && WordBefore(line, b))) return;
      std::string up = Upper(View(g[2]));
      auto it = name_ids.find(up);
      if (it == name_ids.end()) return;
      Match m;
      m.prio = 4;
      m.b = b;
      m.e = e;
      m.piece.kind = Kind::kPlace;
      m.piece.id = it->second;
      m.piece.upper = View(g[2]) == up;
      if (!g[1].empty()) {
        m.piece.text = std::string(View(g[1]));
        auto lm = ClassifyLevel(m.piece.text);
        m.piece.level_case = lm && lm->cls == names[it->second].cls ? lm->level_case : -1;
      }
      out->push_back(std::move(m));
    });
  }
  scan(kYear, 1, [&](auto& g, std::size_t b, std::size_t e) {
    if (LetterAt(line, e)) return;
    Match m;
    m.prio = 5;
    m.b = off(g[1]);
    m.e = e;
    m.piece.kind = Kind::kYear;
    m.piece.y = ToInt(g[1]);
    out->push_back(std::move(m));
  });
  scan(kBody, 0, [&](auto& g, std::size_t b, std::size_t e) {
    Match m;
    m.prio = 6;
    m.b = b;
    m.e = e;
    m.piece.kind = Kind::kBodyName;
    m.piece.text = std::string(View(g[0]));
    out->push_back(std::move(m));
  });
}

Seed Generator::Impl::Parse(const SeedText& st) {
  Seed seed;
  seed.name = st.name;
  std::string text;
  text.reserve(st.text.size());
  for (char c : st.text) {
    if (c != '\r') text += c;
  }
  std::size_t pos = text.find_first_not_of('\n');
  seed.prefix = text.substr(0, std::min(pos, text.size()));
  bool body_started = false;
  std::map<int, int> year_votes;
  int header_year = 0, header_m = 0, header_d = 0;
  while (pos != std::string::npos && pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::size_t next = text.find_first_not_of('\n', eol);
    if (next == std::string::npos) next = text.size();
    std::string_view line(text.data() + pos, eol - pos);
    Unit unit;
    unit.sep = text.substr(eol, next - eol);
    unit.bytes = next - pos;

    std::vector<Match> matches;
    ParseLine(line, &matches);
    std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
      return a.b != b.b ? a.b < b.b : a.prio < b.prio;
    });
    std::size_t at = 0;
    bool has_header = false;
    std::size_t last_cite = std::string::npos;  // index in unit.pieces
    std::size_t last_cite_end = 0;
    for (Match& m : matches) {
      if (m.b < at) continue;
      if (m.b > at) {
        unit.pieces.push_back(
            {.kind = Kind::kText, .text = std::string(line.substr(at, m.b - at))});
      }
      unit.pieces.push_back(std::move(m.piece));
      Piece& p = unit.pieces.back();
      if (p.kind == Kind::kCite) {
        // One id per cited key as printed ("1313/UBND-NC"), shared by every seed.
        auto [it, inserted] = cite_ids.emplace(std::string(line.substr(m.b, m.e - m.b)),
                                               static_cast<int>(cites.size()));
        if (inserted) {
          std::string group = p.text.substr(0, p.text.find_first_of("-/"));
          cites.push_back({p.text, group});
          auto& syms = symbol_groups[group];
          if (std::find(syms.begin(), syms.end(), p.text) == syms.end()) syms.push_back(p.text);
        }
        p.id = it->second;
        p.cite_rel = p.y;
        unit.has_cite = true;
        last_cite = unit.pieces.size() - 1;
        last_cite_end = m.e;
      } else if (p.kind == Kind::kDate) {
        if (last_cite != std::string::npos && !p.header) {
          std::string_view gap = line.substr(last_cite_end, m.b - last_cite_end);
          if (gap == " ngày " || (p.words && gap == " ")) {
            Piece& c = unit.pieces[last_cite];
            p.cite = c.id;
            if (c.cite_rel == kNoYear) c.cite_rel = p.y;
          }
        }
        if (p.header) {
          has_header = true;
          if (!header_year) {
            header_year = p.y;
            header_m = p.m;
            header_d = p.d;
          }
        }
        ++year_votes[p.y];
        last_cite = std::string::npos;
      } else if (p.kind == Kind::kOwnNumber) {
        has_header = true;
        seed.has_own = true;
      } else if (p.kind == Kind::kYear) {
        ++year_votes[p.y];
      } else if (p.kind == Kind::kBodyName) {
        seed.has_body = true;
      }
      at = m.e;
    }
    if (at < line.size()) {
      unit.pieces.push_back({.kind = Kind::kText, .text = std::string(line.substr(at))});
    }

    static const RE2 kExcluded(R"(Nơi nhận|Kính gửi|CỘNG H[OÒ][AÀ]|^\s*(?:V/v|Số:))");
    static const RE2 kBodyOpener(R"(^\s*(?:Căn cứ|Thực hiện|Kính gửi|Điều 1\b))");
    re2::StringPiece sp(line.data(), line.size());
    bool is_header_line = has_header || (!line.empty() && line[0] == '#');
    bool footnote =
        line.size() >= 2 && ((static_cast<unsigned char>(line[0]) == 0xC2 &&
                              (line[1] == '\xB9' || line[1] == '\xB2' || line[1] == '\xB3')) ||
                             (static_cast<unsigned char>(line[0]) == 0xE2 && line[1] == '\x81'));
    if (!body_started && !is_header_line &&
        (RE2::PartialMatch(sp, kBodyOpener) || line.size() >= 150)) {
      body_started = true;
    }
    static const RE2 kPreamble(R"(^\s*(?:Căn cứ|Theo đề nghị))");
    // A line that starts in lower case continues the paragraph a page break cut.
    const bool continuation = !line.empty() && StartsLower(line);
    unit.eligible = body_started && !is_header_line && !footnote && !continuation &&
                    line.size() >= 100 && !RE2::PartialMatch(sp, kExcluded);
    unit.preamble = unit.eligible && RE2::PartialMatch(sp, kPreamble);
    seed.bytes += unit.bytes;
    seed.units.push_back(std::move(unit));
    pos = next < text.size() ? next : std::string::npos;
  }
  // Relative years: the document's own year, or the year most printed.
  if (header_year) {
    seed.base_year = header_year;
  } else if (!year_votes.empty()) {
    seed.base_year = std::max_element(year_votes.begin(), year_votes.end(), [](auto& a, auto& b) {
                       return a.second < b.second;
                     })->first;
  }
  // Full dates keep their distance in days from the document's own date (blank parts of
  // that date count as mid-month, mid-year).
  const int ref = DaysFromCivil(seed.base_year, header_m ? header_m : 6, header_d ? header_d : 15);
  for (Unit& u : seed.units) {
    for (Piece& p : u.pieces) {
      if (p.kind == Kind::kDate && !p.header && p.cite < 0 && p.d && p.m) {
        p.has_days = true;
        p.days = DaysFromCivil(p.y, p.m, std::min(p.d, 28 + (p.m != 2) * 2)) - ref;
      }
      if (p.kind == Kind::kDate || p.kind == Kind::kYear) p.y -= seed.base_year;
      if ((p.kind == Kind::kOwnNumber || p.kind == Kind::kCite) && p.y != kNoYear) {
        p.y -= seed.base_year;
      }
      if (p.kind == Kind::kCite && p.cite_rel != kNoYear) p.cite_rel -= seed.base_year;
    }
  }
  return seed;
}

std::string Generator::Impl::Render(std::uint64_t seed_value, std::uint64_t index) const {
  if (bases.empty()) return {};
  Rng rng(SplitMix(SplitMix(seed_value) ^ index));
  const Seed& seed = seeds[bases[rng.Below(bases.size())]];

  // The document's own date and the choices made once per document.
  const int year = 2018 + static_cast<int>(rng.Below(8));
  const int month = 1 + static_cast<int>(rng.Below(12));
  const int day = 1 + static_cast<int>(rng.Below(28));
  const bool keep_blanks = rng.Chance(25);  // keep a seed's "ngày   tháng   năm 2023"
  const bool fill_number = rng.Chance(85);  // fill a seed's blank "Số: /UBND"
  const bool hdnd = seed.has_body && rng.Chance(20);

  // Lines: drop and add citation paragraphs, then drop or repeat body paragraphs.
  struct Entry {
    const Unit* u;
    const std::string* sep;
  };
  static const std::string kNewline = "\n";
  std::vector<Entry> entries;
  entries.reserve(seed.units.size() * 2);
  for (const Unit& u : seed.units) {
    if (u.eligible && u.has_cite && rng.Chance(15)) continue;
    entries.push_back({&u, u.sep.empty() ? &kNewline : &u.sep});
  }
  // Body paragraphs; `preamble` picks the "Căn cứ ..." ones, else the others.
  auto eligible = [&](bool preamble) {
    std::vector<std::size_t> v;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].u->eligible && entries[i].u->preamble == preamble) v.push_back(i);
    }
    return v;
  };
  if (!pool.empty()) {
    const int add = static_cast<int>(rng.Below(4));
    for (int k = 0; k < add; ++k) {
      auto [s, ui] = pool[rng.Below(pool.size())];
      const Unit* added = &seeds[s].units[ui];
      // "Căn cứ" lines join the seed's own; others go in the first half of the body.
      std::vector<std::size_t> hosts = eligible(added->preamble);
      if (hosts.empty()) hosts = eligible(!added->preamble);
      if (hosts.empty()) break;
      const std::size_t host =
          hosts[added->preamble ? rng.Below(hosts.size()) : rng.Below((hosts.size() + 1) / 2)];
      entries.insert(entries.begin() + host + 1, Entry{added, entries[host].sep});
    }
  }
  const double factor = std::exp(std::log(0.5) + rng.Fraction() * (std::log(3.0) - std::log(0.5)));
  const std::size_t target = static_cast<std::size_t>(factor * static_cast<double>(seed.bytes));
  std::size_t cur = seed.prefix.size();
  for (const Entry& e : entries) cur += e.u->bytes;
  std::vector<std::size_t> el = eligible(false);
  if (cur > target) {
    std::vector<std::size_t> pre = eligible(true);
    el.insert(el.end(), pre.begin(), pre.end());
  }
  if (cur > target && el.size() > 2) {
    for (std::size_t i = el.size() - 1; i > 0; --i) std::swap(el[i], el[rng.Below(i + 1)]);
    std::vector<char> drop(entries.size(), 0);
    std::size_t kept = el.size();
    for (std::size_t i : el) {
      if (cur <= target || kept <= 2) break;
      drop[i] = 1;
      cur -= entries[i].u->bytes;
      --kept;
    }
    std::size_t w = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (!drop[i]) entries[w++] = entries[i];
    }
    entries.resize(w);
  } else if (cur < target && !el.empty()) {
    // Repeat runs of up to 4 consecutive body paragraphs right after themselves, so a
    // repeated item keeps its neighbours ("2.1. ... 2.2. ... 2.1. ... 2.2.").
    std::vector<std::vector<Entry>> extra(entries.size());
    for (int guard = 0; cur < target && guard < 5000; ++guard) {
      const std::size_t first = el[rng.Below(el.size())];
      const std::size_t len = 1 + rng.Below(4);
      std::size_t end = first + 1;
      while (end < entries.size() && end - first < len && entries[end].u->eligible &&
             !entries[end].u->preamble) {
        ++end;
      }
      for (std::size_t i = first; i < end; ++i) {
        extra[end - 1].push_back(entries[i]);
        cur += entries[i].u->bytes;
      }
    }
    std::vector<Entry> all;
    all.reserve(entries.size() + 64);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      all.push_back(entries[i]);
      all.insert(all.end(), extra[i].begin(), extra[i].end());
    }
    entries = std::move(all);
  }

  // Per-document replacements, drawn when first needed.
  std::vector<Choice> chosen(names.size());
  std::vector<char> named(names.size(), 0);
  auto name_choice = [&](int id) -> const Choice& {
    if (!named[id]) {
      named[id] = 1;
      const PlaceClass cls = names[id].cls;
      const int c = static_cast<int>(cls);
      const std::size_t k = rng.Below(table_title[c].size());
      chosen[id].title = table_title[c][k];
      chosen[id].upper = table_upper[c][k];
      if (cls != PlaceClass::kProvince && rng.Chance(25)) {
        chosen[id].level = static_cast<int>(rng.Below(LevelWords(cls).size()));
      }
    }
    return chosen[id];
  };
  std::vector<CiteValue> values(cites.size());
  std::vector<char> valued(cites.size(), 0);
  auto cite_value = [&](const Piece& p) -> const CiteValue& {
    if (!valued[p.id]) {
      valued[p.id] = 1;
      CiteValue& v = values[p.id];
      int y = p.cite_rel == kNoYear ? year - static_cast<int>(rng.Below(3))
                                    : year + std::min(p.cite_rel, 0) - (rng.Chance(30) ? 1 : 0);
      if (y < 1980) y = 1980;
      if (y >= year) {
        v.year = year;
        v.m = 1 + static_cast<int>(rng.Below(month));
        v.d = 1 + static_cast<int>(rng.Below(v.m == month ? day : 28));
      } else {
        v.year = y;
        v.m = 1 + static_cast<int>(rng.Below(12));
        v.d = 1 + static_cast<int>(rng.Below(28));
      }
      const int n = 1 + static_cast<int>(rng.Below(p.zero ? 99 : 3000));
      v.number = p.zero && n < 10 ? TwoDigits(n) : std::to_string(n);
      const CiteInfo& info = cites[p.id];
      const std::vector<std::string>& group = symbol_groups.at(info.group);
      v.symbol =
          group.size() > 1 && rng.Chance(30) ? &group[rng.Below(group.size())] : &info.symbol;
    }
    return values[p.id];
  };

  std::string out;
  out.reserve(cur + cur / 8 + 64);
  out += seed.prefix;
  for (const Entry& e : entries) {
    for (const Piece& p : e.u->pieces) {
      switch (p.kind) {
        case Kind::kText:
          out += p.text;
          break;
        case Kind::kPlace: {
          const Choice& c = name_choice(p.id);
          if (!p.text.empty()) {
            if (p.level_case >= 0 && c.level >= 0) {
              const LevelWord& lw = LevelWords(names[p.id].cls)[c.level];
              out += p.level_case == 0 ? lw.lower : p.level_case == 1 ? lw.capital : lw.upper;
            } else {
              out += p.text;
            }
            out += ' ';
          }
          out += p.upper ? c.upper : c.title;
          break;
        }
        case Kind::kOwnNumber: {
          if (!p.blank || fill_number) {
            const int n = 1 + static_cast<int>(rng.Below(rng.Chance(70) ? 999 : 3000));
            out += n < 10 && rng.Chance(50) ? TwoDigits(n) : std::to_string(n);
          }
          out += p.sep;
          if (p.y != kNoYear) out += "/" + std::to_string(year);
          if (hdnd) {
            std::string sym = p.text;
            for (std::size_t at = sym.find("UBND"); at != std::string::npos;
                 at = sym.find("UBND", at + 5)) {
              sym.replace(at, 4, "HĐND");
            }
            out += sym;
          } else {
            out += p.text;
          }
          break;
        }
        case Kind::kCite: {
          const CiteValue& v = cite_value(p);
          out += v.number;
          if (p.y != kNoYear) out += "/" + std::to_string(v.year);
          out += p.sep;
          out += *v.symbol;
          break;
        }
        case Kind::kDate: {
          int d = p.d, m = p.m, y = year + p.y;
          if (p.header) {
            d = keep_blanks && !p.d ? 0 : day;
            m = keep_blanks && !p.m ? 0 : month;
            y = year;
          } else if (p.cite >= 0 && valued[p.cite]) {
            d = values[p.cite].d;
            m = values[p.cite].m;
            y = values[p.cite].year;
          } else if (p.has_days) {
            CivilFromDays(DaysFromCivil(year, month, day) + p.days, &y, &m, &d);
          } else if (m == 2 && d > 28) {
            d = 28;
          }
          if (p.words) {
            out += p.text;
            if (d) out += " " + TwoDigits(d);
            out += " tháng";
            if (m) out += " " + MonthText(m);
            out += " năm " + std::to_string(y);
          } else {
            out += TwoDigits(d) + "/" + MonthText(m) + "/" + std::to_string(y);
          }
          break;
        }
        case Kind::kYear:
          out += std::to_string(year + p.y);
          break;
        case Kind::kBodyName:
          out += hdnd ? "HỘI ĐỒNG NHÂN DÂN" : p.text;
          break;
      }
    }
    out += *e.sep;
  }
  return out;
}

std::string ReadSeedDir(const std::string& dir, std::vector<SeedText>* out) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return "not a directory: " + dir;
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  }
  if (ec) return "cannot list " + dir + ": " + ec.message();
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return "cannot read " + f.string();
    std::ostringstream ss;
    ss << in.rdbuf();
    out->push_back({f.filename().string(), ss.str()});
  }
  return {};
}

Generator::Generator(const std::vector<SeedText>& seeds) : impl_(std::make_unique<Impl>()) {
  impl_->CollectNames(seeds);
  impl_->BuildPlaceRegex();
  for (const SeedText& st : seeds) impl_->seeds.push_back(impl_->Parse(st));
  for (std::size_t s = 0; s < impl_->seeds.size(); ++s) {
    const Seed& seed = impl_->seeds[s];
    if (seed.has_own) impl_->bases.push_back(static_cast<int>(s));
    for (std::size_t u = 0; u < seed.units.size(); ++u) {
      const Unit& unit = seed.units[u];
      if (unit.eligible && unit.has_cite && unit.bytes <= 700) {
        impl_->pool.emplace_back(static_cast<int>(s), static_cast<int>(u));
      }
    }
  }
}

Generator::~Generator() = default;
Generator::Generator(Generator&&) noexcept = default;
Generator& Generator::operator=(Generator&&) noexcept = default;

std::size_t Generator::base_count() const { return impl_->bases.size(); }
std::size_t Generator::seed_count() const { return impl_->seeds.size(); }
std::size_t Generator::pool_size() const { return impl_->pool.size(); }

std::string Generator::Generate(std::uint64_t seed, std::uint64_t index) const {
  return impl_->Render(seed, index);
}

std::string Generator::RelativePath(std::uint64_t index) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%03llu/gen_%06llu.txt",
                static_cast<unsigned long long>((index - 1) / 1000),
                static_cast<unsigned long long>(index));
  return buf;
}

std::string Generator::WriteCorpus(const std::string& out_dir, std::uint64_t count,
                                   std::uint64_t seed, unsigned threads) const {
  if (impl_->bases.empty()) return "no seed document has a \"Số\" line to generate from";
  std::error_code ec;
  for (std::uint64_t folder = 0; folder * 1000 < count; ++folder) {
    fs::create_directories((fs::path(out_dir) / RelativePath(folder * 1000 + 1)).parent_path(), ec);
    if (ec) return "cannot create folders under " + out_dir + ": " + ec.message();
  }
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads =
      static_cast<unsigned>(std::min<std::uint64_t>(threads, std::max<std::uint64_t>(count, 1)));
  std::vector<std::string> errors(threads);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (std::uint64_t i = 1 + t; i <= count; i += threads) {
        const std::string doc = Generate(seed, i);
        const std::string path = (fs::path(out_dir) / RelativePath(i)).string();
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (!f || std::fwrite(doc.data(), 1, doc.size(), f) != doc.size()) {
          if (f) std::fclose(f);
          errors[t] = "cannot write " + path;
          return;
        }
        if (std::fclose(f) != 0) {
          errors[t] = "cannot write " + path;
          return;
        }
      }
    });
  }
  for (std::thread& th : pool) th.join();
  for (const std::string& e : errors) {
    if (!e.empty()) return e;
  }
  return {};
}

}  // namespace vanban::gencorpus
