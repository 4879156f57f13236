#include "pipeline/vntext.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace vanban {
namespace {

icu::UnicodeString U(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string Utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// The locale of case mappings, built once (a Locale per call costs more than the mapping).
const icu::Locale& Vietnamese() {
  static const icu::Locale vi("vi");
  return vi;
}

const icu::Normalizer2& Nfc() {
  UErrorCode err = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFCInstance(err);
}

const icu::Normalizer2& Nfd() {
  UErrorCode err = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFDInstance(err);
}

// New-style tone placement (tone on the second vowel of oa/oe/uy at the end of a syllable)
// to old style (on the first): the tone moves from the a/e/y to the o/u.
struct ToneMove {
  char32_t first, toned_second, toned_first, second;
};
constexpr std::array<ToneMove, 30> kToneMoves = {{
    {U'o', U'à', U'ò', U'a'}, {U'o', U'á', U'ó', U'a'}, {U'o', U'ả', U'ỏ', U'a'},
    {U'o', U'ã', U'õ', U'a'}, {U'o', U'ạ', U'ọ', U'a'}, {U'o', U'è', U'ò', U'e'},
    {U'o', U'é', U'ó', U'e'}, {U'o', U'ẻ', U'ỏ', U'e'}, {U'o', U'ẽ', U'õ', U'e'},
    {U'o', U'ẹ', U'ọ', U'e'}, {U'u', U'ỳ', U'ù', U'y'}, {U'u', U'ý', U'ú', U'y'},
    {U'u', U'ỷ', U'ủ', U'y'}, {U'u', U'ỹ', U'ũ', U'y'}, {U'u', U'ỵ', U'ụ', U'y'},
    {U'O', U'À', U'Ò', U'A'}, {U'O', U'Á', U'Ó', U'A'}, {U'O', U'Ả', U'Ỏ', U'A'},
    {U'O', U'Ã', U'Õ', U'A'}, {U'O', U'Ạ', U'Ọ', U'A'}, {U'O', U'È', U'Ò', U'E'},
    {U'O', U'É', U'Ó', U'E'}, {U'O', U'Ẻ', U'Ỏ', U'E'}, {U'O', U'Ẽ', U'Õ', U'E'},
    {U'O', U'Ẹ', U'Ọ', U'E'}, {U'U', U'Ỳ', U'Ù', U'Y'}, {U'U', U'Ý', U'Ú', U'Y'},
    {U'U', U'Ỷ', U'Ủ', U'Y'}, {U'U', U'Ỹ', U'Ũ', U'Y'}, {U'U', U'Ỵ', U'Ụ', U'Y'},
}};

bool IsLetter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }

// kToneMoves plus title case ("Uỷ" -> "Ủy"), built once.
const std::vector<ToneMove>& ToneMoves() {
  static const std::vector<ToneMove> moves = [] {
    std::vector<ToneMove> v(kToneMoves.begin(), kToneMoves.end());
    for (const auto& m : kToneMoves)
      if (m.first == U'o' || m.first == U'u')
        v.push_back({static_cast<char32_t>(u_toupper(m.first)), m.toned_second,
                     static_cast<char32_t>(u_toupper(m.toned_first)), m.second});
    return v;
  }();
  return moves;
}

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

std::string FromU32(const std::u32string& s) {
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  for (char32_t c : s) {
    uint8_t buf[4];
    int32_t len = 0;
    UBool err = false;
    U8_APPEND(buf, len, 4, static_cast<UChar32>(c), err);
    out.append(reinterpret_cast<char*>(buf), len);
  }
  return out;
}

}  // namespace

std::string ToNfc(std::string_view s) {
  // Fast path: ASCII is already NFC.
  bool ascii = true;
  for (unsigned char c : s)
    if (c >= 0x80) { ascii = false; break; }
  if (ascii) return std::string(s);
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = U(s);
  if (Nfc().isNormalized(u, err) && U_SUCCESS(err)) return std::string(s);
  err = U_ZERO_ERROR;
  return Utf8(Nfc().normalize(u, err));
}

namespace {
// ToneMoves() in UTF-8, built once: the toned second vowel to look for, and the two letters
// that replace first + second.
struct ToneMoveUtf8 {
  char first;
  std::string second, replacement;
};

const std::vector<ToneMoveUtf8>& ToneMovesUtf8() {
  static const std::vector<ToneMoveUtf8> moves = [] {
    std::vector<ToneMoveUtf8> v;
    for (const auto& m : ToneMoves())
      v.push_back({static_cast<char>(m.first), FromU32(std::u32string(1, m.toned_second)),
                   FromU32(std::u32string{m.toned_first, m.second})});
    return v;
  }();
  return moves;
}
}  // namespace

std::string CanonicalTones(std::string_view s) {
  // Works on UTF-8 bytes: a move happens only after o/O/u/U followed by a toned vowel,
  // which is rare, so the common case is one pass with no allocation beyond the copy.
  std::string out;
  bool copied = false;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    // The common case first, as cheap as it gets: a byte of 0xC3 or more (a non-ASCII
    // letter) after o, O, u or U.
    if (static_cast<unsigned char>(s[i + 1]) < 0xC3) continue;
    char first = s[i];
    if (first != 'o' && first != 'O' && first != 'u' && first != 'U') continue;
    if (i > 0 && (s[i - 1] == 'q' || s[i - 1] == 'Q')) continue;
    for (const auto& m : ToneMovesUtf8()) {
      if (first != m.first) continue;
      const std::string& second = m.second;
      if (s.compare(i + 1, second.size(), second) != 0) continue;
      std::size_t after = i + 1 + second.size();
      if (after < s.size()) {
        // Closed syllable ("hoàn"): the next character is a letter.
        unsigned char nb = static_cast<unsigned char>(s[after]);
        if (std::isalpha(nb)) break;
        if (nb >= 0x80) {
          UChar32 c;
          int32_t k = static_cast<int32_t>(after);
          U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), k, static_cast<int32_t>(s.size()), c);
          if (c > 0 && IsLetter(static_cast<char32_t>(c))) break;
        }
      }
      if (!copied) {
        out.assign(s.data(), s.size());
        copied = true;
      }
      const std::string& replacement = m.replacement;
      if (replacement.size() == 1 + second.size()) out.replace(i, replacement.size(), replacement);
      break;
    }
  }
  return copied ? out : std::string(s);
}

namespace {
bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}
}  // namespace

std::string Lower(std::string_view s) {
  if (IsAscii(s)) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
  }
  icu::UnicodeString u = U(s);
  u.toLower(Vietnamese());
  return Utf8(u);
}

std::string Upper(std::string_view s) {
  if (IsAscii(s)) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    return out;
  }
  icu::UnicodeString u = U(s);
  u.toUpper(Vietnamese());
  return Utf8(u);
}

namespace {

// Appends the folded form of one code point that NFD left as a base character: marks
// dropped, đ -> d, lower case.
void AppendFoldedBase(UChar32 x, std::string* out) {
  if (u_getCombiningClass(x) != 0 || u_charType(x) == U_NON_SPACING_MARK) return;
  if (x == U'đ' || x == U'Đ') x = 'd';
  x = u_tolower(x);
  uint8_t buf[4];
  int32_t len = 0;
  UBool e = false;
  U8_APPEND(buf, len, 4, x, e);
  out->append(reinterpret_cast<char*>(buf), len);
}

// Fold of one code point for the Latin ranges Vietnamese uses, computed once with ICU:
// the base letter in lower case, marks dropped, đ -> d.
struct FoldTable {
  static constexpr UChar32 kEnd = 0x2000;
  // U+0000 .. U+1FFF, each folded form inline (a few bytes at most; std::string per entry
  // made the hot loop of Fold an append of a heap string per character).
  struct Entry {
    char bytes[7];
    std::uint8_t size;
  };
  static constexpr std::uint8_t kTooLong = 0xFF;  // fold this one with ICU
  static constexpr std::uint8_t kSpace = 0xFE;    // white space (U+0085, U+00A0, U+1680)
  std::array<Entry, kEnd> latin{};
  FoldTable() {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2& nfd = *icu::Normalizer2::getNFDInstance(err);
    for (UChar32 c = 0; c < kEnd; ++c) {
      icu::UnicodeString d = nfd.normalize(icu::UnicodeString(c), err);
      std::string out;
      for (int32_t i = 0; i < d.length();) {
        UChar32 x = d.char32At(i);
        i += U16_LENGTH(x);
        AppendFoldedBase(x, &out);
      }
      if (u_isUWhiteSpace(c)) {
        latin[c].size = kSpace;
        continue;
      }
      if (out.size() > sizeof(Entry::bytes)) {  // none in these ranges (at most 6 bytes)
        latin[c].size = kTooLong;
        continue;
      }
      std::memcpy(latin[c].bytes, out.data(), out.size());
      latin[c].size = static_cast<std::uint8_t>(out.size());
    }
  }
};

const FoldTable& Folds() {
  static const FoldTable table;  // thread-safe one-time initialisation
  return table;
}

std::string FoldSlow(std::string_view s);

}  // namespace

std::string Fold(std::string_view s) {
  const FoldTable& table = Folds();
  // Written through a pointer into a buffer grown ahead (a folded code point from the
  // table is at most 7 bytes), not push_back per byte: Fold runs over every document's
  // whole text for the full-text index.
  std::string out(s.size() + 16, '\0');
  char* o = out.data();
  char* limit = out.data() + out.size() - 8;
  auto room = [&](std::size_t need) {
    if (o + need <= limit) return;
    std::size_t at = o - out.data();
    out.resize(std::max(out.size() * 2, at + need + 16));
    o = out.data() + at;
    limit = out.data() + out.size() - 8;
  };
  bool space = false;
  auto word_char = [&] {
    if (space) {
      *o++ = ' ';
      space = false;
    }
  };
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    room(2);
    if (p[i] < 0x80) {  // ASCII, most of the bytes of Vietnamese text
      char c = static_cast<char>(p[i++]);
      if (c == ' ' || (c >= '\t' && c <= '\r')) {  // the White_Space of ASCII
        space = o != out.data();
        continue;
      }
      word_char();
      *o++ = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    if (c >= FoldTable::kEnd || table.latin[c].size == FoldTable::kTooLong) {
      // Outside the Latin ranges (dashes, quotes, ≥, CJK…): this code point alone through
      // ICU, and on with the fast path; NFC text has no marks that reach back across it.
      if (u_isUWhiteSpace(c)) {
        space = o != out.data();
        continue;
      }
      int32_t start = i - U8_LENGTH(c);
      std::string one = FoldSlow(s.substr(start, i - start));
      if (one.empty()) continue;
      room(one.size() + 1);
      word_char();
      std::memcpy(o, one.data(), one.size());
      o += one.size();
      continue;
    }
    const FoldTable::Entry& e = table.latin[c];
    if (e.size == FoldTable::kSpace) {
      space = o != out.data();
      continue;
    }
    if (e.size == 0) continue;  // a mark on its own
    room(sizeof e.bytes + 1);
    word_char();
    std::memcpy(o, e.bytes, sizeof e.bytes);  // whole slot; only e.size bytes count
    o += e.size;
  }
  out.resize(o - out.data());
  return out;
}

namespace {
std::string FoldSlow(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString d = Nfd().normalize(U(s), err);
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == U'đ' || c == U'Đ') c = 'd';
    if (u_isUWhiteSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) {
      out.push_back(' ');
      space = false;
    }
    AppendFoldedBase(c, &out);
  }
  return out;
}
}  // namespace

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\n') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::size_t CountWords(std::string_view s) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool sep = c == ' ' || c == '\t' || c == '\n';
    if (!sep && !in_word) ++n;
    in_word = !sep;
  }
  return n;
}

std::string SentenceCase(std::string_view s, const std::set<std::string>& keep_upper) {
  std::vector<std::string> words = SplitWords(s);
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    // Strip punctuation around the word to look it up ("(UBND)," -> "UBND").
    // Whole UTF-8 sequences, not bytes: the last byte of "À" (C3 80) or "Ề" (E1 BB 80)
    // also occurs inside "“" (E2 80 9C), and stripping it left broken UTF-8.
    static constexpr std::string_view kBefore[] = {"(", ",", ";", ":", ".", "\"", "“", "”"};
    static constexpr std::string_view kAfter[] = {")", ",", ";", ":", ".", "\"", "“", "”"};
    std::size_t a = 0, b = w.size();
    for (bool more = true; more && a < b;) {
      more = false;
      for (std::string_view p : kBefore)
        if (std::string_view(w).substr(a, b - a).starts_with(p)) {
          a += p.size();
          more = true;
          break;
        }
    }
    for (bool more = true; more && b > a;) {
      more = false;
      for (std::string_view p : kAfter)
        if (std::string_view(w).substr(a, b - a).ends_with(p)) {
          b -= p.size();
          more = true;
          break;
        }
    }
    std::string core = w.substr(a, b - a);
    std::string cased;
    if (keep_upper.count(Upper(core))) {
      cased = core;
    } else {
      cased = Lower(core);
      if (i == 0) {
        icu::UnicodeString u = U(cased);
        if (u.length() > 0) {
          UChar32 c = u.char32At(0);
          u.replace(0, U16_LENGTH(c), icu::UnicodeString(u_toupper(c)));
        }
        cased = Utf8(u);
      }
    }
    if (!out.empty()) out.push_back(' ');
    out += w.substr(0, a) + cased + w.substr(b);
  }
  return out;
}

std::string TitleCase(std::string_view s) {
  icu::UnicodeString u = U(s);
  u.toLower(Vietnamese());
  bool start = true;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    int32_t len = U16_LENGTH(c);
    if (u_isalpha(c)) {
      if (start) u.replace(i, len, icu::UnicodeString(u_toupper(c)));
      start = false;
    } else {
      start = (c == ' ' || c == '-' || c == '(' || c == '\n');
    }
    i += len;
  }
  return Utf8(u);
}

bool IsAllUpper(std::string_view s) {
  // Read as UTF-8 directly (most lines answer at their first small letter); an invalid
  // sequence reads as U+FFFD, which is neither, as it did through UnicodeString.
  bool any = false;
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c = p[i];
    if (c < 0x80) {
      ++i;
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') any = true;
      continue;
    }
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    if (u_islower(c)) return false;
    if (u_isupper(c)) any = true;
  }
  return any;
}

namespace {
UChar32 FirstLetter(std::string_view s) {
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return 0;
    if (u_isalpha(c)) return c;
    if (u_isdigit(c)) return 0;
  }
  return 0;
}
}  // namespace

bool StartsLower(std::string_view s) {
  UChar32 c = FirstLetter(s);
  return c && u_islower(c);
}

bool StartsUpper(std::string_view s) {
  UChar32 c = FirstLetter(s);
  return c && u_isupper(c);
}

std::string Squash(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

std::string Trim(std::string_view s, std::string_view extra) {
  auto strip = [&](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || extra.find(c) != std::string_view::npos;
  };
  std::size_t a = 0, b = s.size();
  while (a < b && strip(s[a])) ++a;
  while (b > a && strip(s[b - 1])) --b;
  return std::string(s.substr(a, b - a));
}

}  // namespace vanban
