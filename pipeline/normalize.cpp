#include "pipeline/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include "pipeline/vntext.h"

#include <array>
#include <optional>

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

// Two NFC properties of the code points below U+2000 (the Latin ranges, Vietnamese letters
// and the combining marks), read from ICU once: asked for every non-ASCII character.
struct NfcTable {
  static constexpr char32_t kEnd = 0x2000;
  std::array<uint8_t, kEnd> bits{};  // 1: boundary before, 2: NFC quick check says yes
  NfcTable() {
    const icu::Normalizer2& nfc = Nfc();
    for (char32_t c = 0; c < kEnd; ++c) {
      const auto u = static_cast<UChar32>(c);
      bits[c] = static_cast<uint8_t>((nfc.hasBoundaryBefore(u) ? 1 : 0) |
                                     (u_getIntPropertyValue(u, UCHAR_NFC_QUICK_CHECK) == UNORM_YES ? 2 : 0));
    }
  }
};

const NfcTable& NfcBits() {
  static const NfcTable table;  // thread-safe one-time initialisation
  return table;
}

bool HasBoundaryBefore(const icu::Normalizer2& nfc, char32_t c) {
  if (c < NfcTable::kEnd) return NfcBits().bits[c] & 1;
  return nfc.hasBoundaryBefore(static_cast<UChar32>(c));
}

bool NfcQuickYes(char32_t c) {
  if (c < NfcTable::kEnd) return NfcBits().bits[c] & 2;
  return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFC_QUICK_CHECK) == UNORM_YES;
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x2007 || c == 0x202F ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x3000 || c == '\f' || c == '\v';
}





}  // namespace



namespace {

// The same steps as above, fused into one pass: characters are cleaned, composed (NFC),
// stripped of markdown and tidied as they stream through, without a vector per step.
class Streamer {
 public:
  Streamer(bool markdown, NormalizedText* out) : markdown_(markdown), out_(out) {}

  void Run(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    int32_t i = 0;
    Cp prev_clean{0, 0};
    bool have_prev = false;
    auto decode = [&](int32_t at, int32_t* next) -> char32_t {
      UChar32 c;
      int32_t k = at;
      U8_NEXT(p, k, n, c);
      *next = k;
      return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
    };
    while (i < n) {
      if (p[i] < 0x80 ? IsPlainAscii(p[i]) : IsPlainStart(p[i])) {
        // A run of plain characters (ASCII letters, digits, most punctuation, single
        // spaces, precomposed letters): no step above changes them or holds them back, so
        // all but the last go straight to the output; the last is held as the NFC segment
        // head, as Compose would, for a combining mark may follow it.
        int32_t cur_next = 0;
        char32_t cur_c = decode(i, &cur_next);
        if (IsPlain(cur_c)) {
          FlushSegment();
          if (hashes_.empty() && !pending_) {
            int32_t cur = i;
            int32_t batch = -1;  // s[batch, cur) is to be copied as it is
            while (cur_next < n) {
              int32_t after = cur_next + 1;
              char32_t c = p[cur_next];
              if (c >= 0x80) c = decode(cur_next, &after);
              if (!IsPlain(c)) break;
              // Markdown, Tidy and Put for cur_c = s[cur, cur_next).
              if (cur_c == ' ' && c != ' ' && newlines_ == 0 && !pending_space_ &&
                  (batch >= 0 || !out_->text.empty())) {
                // One space before a visible character: Tidy would hold it and put it right
                // before that character, as it is.
                if (batch < 0) batch = cur;
              } else if (cur_c == ' ') {  // Emit leaves line_start_ as it is; Tidy holds it
                if (batch >= 0) CopyPlain(s, batch, cur);
                batch = -1;
                if (!pending_space_) space_cp_ = {' ', static_cast<std::uint32_t>(cur)};
                pending_space_ = true;
              } else {
                if (markdown_) line_start_ = false;
                if (newlines_ > 0 || pending_space_) {
                  if (batch >= 0) CopyPlain(s, batch, cur);
                  batch = -1;
                  TidyBreak(static_cast<std::uint32_t>(cur));
                }
                if (batch < 0) batch = cur;
              }
              cur = cur_next;
              cur_c = c;
              cur_next = after;
            }
            if (batch >= 0) CopyPlain(s, batch, cur);
            head_ = {cur_c, static_cast<std::uint32_t>(cur)};
            has_head_ = true;
            prev_clean = head_;
            have_prev = true;
            i = cur_next;
            continue;
          }
        }
      }
      int32_t next = 0;
      Cp cp{decode(i, &next), static_cast<std::uint32_t>(i)};
      // Clean (as CleanCharacters).
      if (cp.c == '\r') {
        if (next < n && p[next] == '\n') {
          i = next;
          continue;
        }
        cp.c = '\n';
      }
      if (cp.c == 0x2028 || cp.c == 0x2029) cp.c = '\n';
      if (IsInvisible(cp.c)) {
        i = next;
        continue;
      }
      if (IsSpace(cp.c)) cp.c = ' ';
      if (char32_t latin = LatinLookalike(cp.c)) {
        bool before = have_prev && IsLatinLetter(prev_clean.c);
        int32_t after_next = 0;
        bool after = next < n && IsLatinLetter(decode(next, &after_next));
        if (before || after) cp.c = latin;
      }
      prev_clean = cp;
      have_prev = true;
      Compose(cp);
      i = next;
    }
    FlushSegment();
    FlushMarkdown();
  }

 private:
  // Bytes that no step changes or holds back: printable ASCII except the markdown marks,
  // and the plain space.
  static bool IsPlainAscii(uint8_t b) {
    return (b >= 0x21 && b < 0x7F && b != '#' && b != '*' && b != '_' && b != '\\') || b == ' ';
  }

  // A lead byte that may start a plain character below U+2000 (see IsPlain).
  static bool IsPlainStart(uint8_t b) { return b >= 0xC2 && b < 0xE2; }

  // Characters that no step changes or holds back when they stand between two such
  // characters: plain ASCII, and code points below U+2000 that NFC leaves alone and that
  // start a segment of their own, other than NBSP, the soft hyphen and Cyrillic letters.
  bool IsPlain(char32_t c) const {
    if (c < 0x80) return IsPlainAscii(static_cast<uint8_t>(c));
    if (c >= NfcTable::kEnd || c == 0xA0 || c == 0xAD || (c >= 0x400 && c < 0x500)) return false;
    return nfc_bits_.bits[c] == 3;
  }

  // The line break or space that Tidy puts before a visible character at `at`.
  void TidyBreak(std::uint32_t at) {
    if (newlines_ > 0 && !out_->text.empty()) {
      Put({'\n', at});
      if (newlines_ > 1) Put({'\n', at});
    } else if (pending_space_ && !out_->text.empty()) {
      Put(space_cp_);
    }
    newlines_ = 0;
    pending_space_ = false;
  }

  // Appends the plain characters s[from, to) (valid UTF-8, as U8_NEXT read them, so the
  // bytes are their encoding); each byte's origin is the first byte of its character.
  void CopyPlain(std::string_view s, int32_t from, int32_t to) {
    out_->text.append(s.data() + from, static_cast<std::size_t>(to - from));
    std::vector<std::uint32_t>& origin = out_->origin;
    const std::size_t old = origin.size();
    origin.resize(old + static_cast<std::size_t>(to - from));
    std::uint32_t* o = origin.data() + old;
    auto lead = static_cast<std::uint32_t>(from);
    for (int32_t k = from; k < to; ++k) {
      if ((static_cast<uint8_t>(s[k]) & 0xC0) != 0x80) lead = static_cast<std::uint32_t>(k);
      *o++ = lead;
    }
  }

  // --- NFC (as ComposeNfc): a segment runs from one normalisation boundary to the next.
  // The segment is `head_` plus `tail_` (combining characters after it); most segments are
  // a single character below U+0300 and never touch the vector.
  void Compose(Cp cp) {
    if (has_head_ && !(cp.c < 0x300 || HasBoundaryBefore(nfc_, cp.c))) {
      tail_.push_back(cp);
      return;
    }
    FlushSegment();
    head_ = cp;
    has_head_ = true;
  }
  void FlushSegment() {
    if (!has_head_) return;
    has_head_ = false;
    char32_t c = head_.c;
    if (tail_.empty() &&
        (c < 0x300 || NfcQuickYes(c))) {
      Markdown(head_);
      return;
    }
    segment_.clear();
    segment_.push_back(head_);
    segment_.insert(segment_.end(), tail_.begin(), tail_.end());
    tail_.clear();
    {
      icu::UnicodeString seg;
      for (const Cp& x : segment_) seg.append(static_cast<UChar32>(x.c));
      UErrorCode err = U_ZERO_ERROR;
      icu::UnicodeString norm = nfc_.normalize(seg, err);
      std::uint32_t at = segment_[0].at;
      for (int32_t k = 0; k < norm.length();) {
        UChar32 nc = norm.char32At(k);
        k += U16_LENGTH(nc);
        Markdown({static_cast<char32_t>(nc), at});
      }
    }
    segment_.clear();
  }

  // --- Markdown (as StripMarkdown), with the one character of look-ahead it needs held back.
  void Markdown(Cp cp) {
    if (!markdown_) {
      Tidy(cp);
      return;
    }
    if (!hashes_.empty()) {
      if (cp.c == '#') {
        hashes_.push_back(cp);
        return;
      }
      if (cp.c == ' ') {  // "### " at a line start: heading marks, dropped with the space
        hashes_.clear();
        return;
      }
      std::vector<Cp> held;
      held.swap(hashes_);
      for (const Cp& h : held) Emit(h);
    }
    if (pending_) {
      Cp held = *pending_;
      pending_.reset();
      if (held.c == '_' && cp.c == '_') return;  // "__": both dropped
      if (held.c == '\\' &&
          std::u32string_view(U"-*_#.()[]!`\\\n").find(cp.c) != std::u32string_view::npos) {
        // The backslash goes; the character it escapes is read as usual.
      } else {
        Emit(held);
      }
    }
    if (line_start_ && cp.c == '#') {
      hashes_.push_back(cp);
      return;
    }
    if (cp.c == '*') return;
    if (cp.c == '_' || cp.c == '\\') {
      pending_ = cp;
      return;
    }
    Emit(cp);
  }
  void Emit(Cp cp) {
    if (cp.c == '*') return;
    line_start_ = cp.c == '\n' || (line_start_ && cp.c == ' ');
    Tidy(cp);
  }
  void FlushMarkdown() {
    std::vector<Cp> held;
    held.swap(hashes_);
    for (const Cp& h : held) Emit(h);
    if (pending_) Emit(*pending_);
    pending_.reset();
  }

  // --- Tidy (as Tidy) and encode.
  void Tidy(Cp cp) {
    if (cp.c == '\n') {
      pending_space_ = false;
      ++newlines_;
      return;
    }
    if (cp.c == ' ') {
      if (!pending_space_) space_cp_ = cp;
      pending_space_ = true;
      return;
    }
    if (newlines_ > 0 && !out_->text.empty()) {
      Put({'\n', cp.at});
      if (newlines_ > 1) Put({'\n', cp.at});
    } else if (pending_space_ && !out_->text.empty()) {
      Put(space_cp_);
    }
    newlines_ = 0;
    pending_space_ = false;
    Put(cp);
  }
  void Put(Cp cp) {
    if (cp.c < 0x80) {
      out_->text.push_back(static_cast<char>(cp.c));
      out_->origin.push_back(cp.at);
      return;
    }
    uint8_t buf[4];
    int32_t len = 0;
    UBool err = false;
    U8_APPEND(buf, len, 4, static_cast<UChar32>(cp.c), err);
    out_->text.append(reinterpret_cast<char*>(buf), len);
    for (int32_t k = 0; k < len; ++k) out_->origin.push_back(cp.at);
  }

  bool markdown_;
  NormalizedText* out_;
  const icu::Normalizer2& nfc_ = Nfc();
  const NfcTable& nfc_bits_ = NfcBits();
  Cp head_{0, 0};
  bool has_head_ = false;
  std::vector<Cp> tail_;
  std::vector<Cp> segment_;
  std::vector<Cp> hashes_;
  std::optional<Cp> pending_;
  bool line_start_ = true;
  int newlines_ = 0;
  bool pending_space_ = false;
  Cp space_cp_{' ', 0};
};

}  // namespace

NormalizedText Normalize(std::string_view utf8, bool markdown) {
  NormalizedText out;
  out.text.reserve(utf8.size());
  out.origin.reserve(utf8.size());
  Streamer(markdown, &out).Run(utf8);
  // Tone placement moves a mark between two letters of equal UTF-8 length, so offsets hold.
  std::string toned = CanonicalTones(out.text);
  if (toned.size() == out.text.size()) out.text = std::move(toned);
  return out;
}

std::string NormalizeString(std::string_view s) {
  // Plain characters (see Streamer::IsPlain) with single spaces between them pass every
  // step but the tone placement unchanged: skip the stream and its offset map.
  bool plain = !s.empty() && s.front() != ' ' && s.back() != ' ';
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; plain && i < n;) {
    UChar32 c = p[i];
    if (c < 0x80) {
      plain = c == ' ' ? i + 1 < n && p[i + 1] != ' ' : c >= 0x21 && c < 0x7F;
      ++i;
      continue;
    }
    U8_NEXT(p, i, n, c);
    plain = c >= 0x80 && c < static_cast<UChar32>(NfcTable::kEnd) && c != 0xA0 && c != 0xAD &&
            !(c >= 0x400 && c < 0x500) && NfcBits().bits[c] == 3;
  }
  if (plain) return CanonicalTones(s);
  NormalizedText out = Normalize(s, false);
  return out.text;
}

}  // namespace vanban
