#include "pipeline/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include "pipeline/vntext.h"

namespace vanban {
namespace {

struct Cp {
  char32_t c;
  std::uint32_t at;  // byte offset in the input
};

const icu::Normalizer2& Nfc() {
  UErrorCode err = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFCInstance(err);
}

std::vector<Cp> Decode(std::string_view s) {
  std::vector<Cp> out;
  out.reserve(s.size());
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back({c < 0 ? U'\uFFFD' : static_cast<char32_t>(c), static_cast<std::uint32_t>(at)});
  }
  return out;
}

// NFC without losing offsets: runs that are already normal pass through; a run from one
// normalisation boundary to the next is normalised as a whole and every output character
// points at the start of its run.
std::vector<Cp> ComposeNfc(const std::vector<Cp>& in) {
  const icu::Normalizer2& nfc = Nfc();
  std::vector<Cp> out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    char32_t c = in[i].c;
    // Fast path: a character below U+0300 followed by another one is already NFC.
    if (c < 0x300 && (i + 1 >= in.size() || in[i + 1].c < 0x300)) {
      out.push_back(in[i++]);
      continue;
    }
    bool next_boundary = i + 1 >= in.size() || nfc.hasBoundaryBefore(in[i + 1].c);
    if (c < 0x300 && next_boundary) {
      out.push_back(in[i++]);
      continue;
    }
    if (next_boundary &&
        u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES) {
      out.push_back(in[i++]);
      continue;
    }
    std::size_t j = i + 1;
    while (j < in.size() && !nfc.hasBoundaryBefore(in[j].c)) ++j;
    icu::UnicodeString seg;
    for (std::size_t k = i; k < j; ++k) seg.append(static_cast<UChar32>(in[k].c));
    UErrorCode err = U_ZERO_ERROR;
    icu::UnicodeString norm = nfc.normalize(seg, err);
    for (int32_t k = 0; k < norm.length();) {
      UChar32 nc = norm.char32At(k);
      k += U16_LENGTH(nc);
      out.push_back({static_cast<char32_t>(nc), in[i].at});
    }
    i = j;
  }
  return out;
}

bool IsLatinLetter(char32_t c) {
  return (c < 0x250 && u_isalpha(static_cast<UChar32>(c))) || (c >= 0x1E00 && c <= 0x1EFF);
}

// Cyrillic letters that look like Latin ones, seen inside Latin words ("TT-BTС").
char32_t LatinLookalike(char32_t c) {
  switch (c) {
    case U'А': return U'A'; case U'В': return U'B'; case U'Е': return U'E';
    case U'К': return U'K'; case U'М': return U'M'; case U'Н': return U'H';
    case U'О': return U'O'; case U'Р': return U'P'; case U'С': return U'C';
    case U'Т': return U'T'; case U'Х': return U'X'; case U'а': return U'a';
    case U'е': return U'e'; case U'о': return U'o'; case U'р': return U'p';
    case U'с': return U'c'; case U'у': return U'y'; case U'х': return U'x';
    default: return 0;
  }
}

bool IsInvisible(char32_t c) {
  return c == 0x00AD || (c >= 0x200B && c <= 0x200F) || c == 0xFEFF ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
         (c >= 0x2066 && c <= 0x2069);
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x2007 || c == 0x202F ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x3000 || c == '\f' || c == '\v';
}

// Characters: invisible marks dropped, exotic spaces to ' ', line ends to '\n', Cyrillic
// look-alikes between Latin letters repaired.
std::vector<Cp> CleanCharacters(const std::vector<Cp>& in) {
  std::vector<Cp> out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    Cp cp = in[i];
    if (cp.c == '\r') {
      if (i + 1 < in.size() && in[i + 1].c == '\n') continue;
      cp.c = '\n';
    }
    if (cp.c == 0x2028 || cp.c == 0x2029) cp.c = '\n';
    if (IsInvisible(cp.c)) continue;
    if (IsSpace(cp.c)) cp.c = ' ';
    if (char32_t latin = LatinLookalike(cp.c)) {
      bool prev = !out.empty() && IsLatinLetter(out.back().c);
      bool next = i + 1 < in.size() && IsLatinLetter(in[i + 1].c);
      if (prev || next) cp.c = latin;
    }
    out.push_back(cp);
  }
  return out;
}

// Markdown markup that is layout, not text: emphasis markers, heading hashes, escapes,
// hard-break backslashes.
std::vector<Cp> StripMarkdown(const std::vector<Cp>& in) {
  std::vector<Cp> out;
  out.reserve(in.size());
  bool line_start = true;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char32_t c = in[i].c;
    if (line_start && c == '#') {
      std::size_t j = i;
      while (j < in.size() && in[j].c == '#') ++j;
      if (j < in.size() && in[j].c == ' ') {
        i = j;  // drop "### " (the space too)
        continue;
      }
    }
    if (c == '*') continue;
    if (c == '_' && i + 1 < in.size() && in[i + 1].c == '_') {
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < in.size() &&
        std::u32string_view(U"-*_#.()[]!`\\\n").find(in[i + 1].c) != std::u32string_view::npos) {
      if (in[i + 1].c == '\n') continue;  // hard line break
      continue;                          // escape: keep the next character
    }
    line_start = c == '\n' || (line_start && c == ' ');
    out.push_back(in[i]);
  }
  return out;
}

// Spaces collapsed, lines trimmed, at most one blank line in a row, none at the ends.
std::vector<Cp> Tidy(const std::vector<Cp>& in) {
  std::vector<Cp> out;
  out.reserve(in.size());
  int newlines = 0;
  bool pending_space = false;
  Cp space_cp{' ', 0};
  for (const Cp& cp : in) {
    if (cp.c == '\n') {
      pending_space = false;
      ++newlines;
      continue;
    }
    if (cp.c == ' ') {
      if (!pending_space) space_cp = cp;
      pending_space = true;
      continue;
    }
    if (newlines > 0 && !out.empty()) {
      out.push_back({'\n', cp.at});
      if (newlines > 1) out.push_back({'\n', cp.at});
    } else if (pending_space && !out.empty()) {
      out.push_back(space_cp);
    }
    newlines = 0;
    pending_space = false;
    out.push_back(cp);
  }
  return out;
}

void Encode(const std::vector<Cp>& cps, NormalizedText* out) {
  out->text.reserve(cps.size() + cps.size() / 2);
  out->origin.reserve(cps.size() + cps.size() / 2);
  for (const Cp& cp : cps) {
    uint8_t buf[4];
    int32_t len = 0;
    UBool err = false;
    U8_APPEND(buf, len, 4, static_cast<UChar32>(cp.c), err);
    out->text.append(reinterpret_cast<char*>(buf), len);
    for (int32_t k = 0; k < len; ++k) out->origin.push_back(cp.at);
  }
}

}  // namespace

NormalizedText Normalize(std::string_view utf8, bool markdown) {
  std::vector<Cp> cps = CleanCharacters(Decode(utf8));
  cps = ComposeNfc(cps);
  if (markdown) cps = StripMarkdown(cps);
  cps = Tidy(cps);
  NormalizedText out;
  Encode(cps, &out);
  // Tone placement moves a mark between two letters of equal UTF-8 length, so offsets hold.
  std::string toned = CanonicalTones(out.text);
  if (toned.size() == out.text.size()) out.text = std::move(toned);
  return out;
}

std::string NormalizeString(std::string_view s) {
  NormalizedText n = Normalize(s, false);
  return n.text;
}

}  // namespace vanban
