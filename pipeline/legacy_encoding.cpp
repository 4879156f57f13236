#include "pipeline/legacy_encoding.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <stdexcept>
#include <vector>

#include "pipeline/vntext.h"

namespace vanban {
namespace {

void LoadTable(const YAML::Node& node, const char* name, std::array<std::string, 256>* out) {
  if (!node || !node.IsMap())
    throw std::runtime_error(std::string("rules/encodings.yaml: '") + name + "' is missing");
  for (const auto& kv : node) {
    unsigned long b = std::stoul(kv.first.as<std::string>(), nullptr, 16);
    if (b < 0x80 || b > 0xFF)
      throw std::runtime_error(std::string("rules/encodings.yaml: bad byte in '") + name + "'");
    (*out)[b] = kv.second.as<std::string>();
  }
}

std::optional<std::string> Decode(std::string_view bytes, const std::array<std::string, 256>& t) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
      continue;
    }
    if (t[c].empty()) return std::nullopt;
    out += t[c];
  }
  return ToNfc(out);
}

bool IsLetter(UChar32 c) { return u_isalpha(c) || u_getCombiningClass(c) > 0 || u_charType(c) == U_NON_SPACING_MARK; }

// Words of `utf8` (letters and marks), each with whether it holds a non-ASCII letter.
template <typename F>
void ForEachWord(std::string_view s, F f) {
  int32_t i = 0, n = static_cast<int32_t>(s.size()), start = -1;
  bool wide = false;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i <= n) {
    int32_t at = i;
    UChar32 c = 0;
    if (i < n) U8_NEXT(p, i, n, c); else ++i;
    bool letter = at < n && c >= 0 && IsLetter(c);
    if (letter) {
      if (start < 0) start = at, wide = false;
      if (c >= 0x80) wide = true;
    } else if (start >= 0) {
      f(s.substr(start, at - start), wide);
      start = -1;
    }
  }
}

}  // namespace

LegacyDecoder::LegacyDecoder(const RuleSet& rules) {
  const YAML::Node& f = rules.File("encodings");
  LoadTable(f["tcvn3"], "tcvn3", &tcvn3_);
  LoadTable(f["vni"], "vni", &vni_);
  if (!f["syllable_regex"]) throw std::runtime_error("rules/encodings.yaml: no syllable_regex");
  syllable_ = std::make_unique<re2::RE2>(f["syllable_regex"].as<std::string>());
  if (!syllable_->ok())
    throw std::runtime_error("rules/encodings.yaml: syllable_regex: " + syllable_->error());
  if (f["min_score"]) min_score_ = f["min_score"].as<double>();
  if (f["min_margin"]) min_margin_ = f["min_margin"].as<double>();
}

LegacyDecoder::~LegacyDecoder() = default;

const LegacyDecoder& LegacyDecoder::Embedded() {
  static const LegacyDecoder* d = [] {
    Result<RuleSet> rules = RuleSet::LoadEmbedded();
    if (!rules) throw std::runtime_error("embedded rules: " + rules.error().message);
    return new LegacyDecoder(rules.value());
  }();
  return *d;
}

std::optional<std::string> LegacyDecoder::DecodeTcvn3(std::string_view bytes) const {
  std::optional<std::string> out = Decode(bytes, tcvn3_);
  if (!out) return out;
  // Capitals share the lower-case bytes: a word printed in capitals ("ñY BAN" = "ỦY BAN")
  // comes back with its toned letters in lower case. A word is restored to capitals when
  // its ASCII letters are all capitals: two or more of them, or one followed (after
  // spaces) by such a word. "Sè: 583/UBND" stays "Số".
  struct W { std::size_t at, len; bool wide; int upper, lower; };
  std::vector<W> words;
  ForEachWord(*out, [&](std::string_view w, bool wide) {
    W x{static_cast<std::size_t>(w.data() - out->data()), w.size(), wide, 0, 0};
    for (char c : w) {
      if (c >= 'A' && c <= 'Z') ++x.upper;
      if (c >= 'a' && c <= 'z') ++x.lower;
    }
    words.push_back(x);
  });
  auto caps = [](const W& w) { return w.lower == 0 && w.upper >= 2; };
  std::string fixed;
  fixed.reserve(out->size());
  std::size_t last = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const W& w = words[i];
    bool upper = caps(w);
    if (!upper && w.lower == 0 && w.upper == 1 && i + 1 < words.size() && caps(words[i + 1])) {
      std::size_t gap = w.at + w.len;
      while (gap < words[i + 1].at && (*out)[gap] == ' ') ++gap;
      upper = gap == words[i + 1].at;
    }
    fixed.append(*out, last, w.at - last);
    std::string_view text = std::string_view(*out).substr(w.at, w.len);
    fixed += (w.wide && upper) ? Upper(text) : std::string(text);
    last = w.at + w.len;
  }
  fixed.append(*out, last, std::string::npos);
  return fixed;
}

std::optional<std::string> LegacyDecoder::DecodeVni(std::string_view bytes) const {
  return Decode(bytes, vni_);
}

double LegacyDecoder::SyllableScore(std::string_view utf8) const {
  std::size_t words = 0, good = 0;
  ForEachWord(utf8, [&](std::string_view w, bool wide) {
    if (!wide) return;
    ++words;
    if (RE2::FullMatch(Lower(w), *syllable_)) ++good;
  });
  return words == 0 ? 0.0 : static_cast<double>(good) / static_cast<double>(words);
}

LegacyGuess LegacyDecoder::Detect(std::string_view bytes) const {
  LegacyGuess g;
  std::optional<std::string> t = DecodeTcvn3(bytes), v = DecodeVni(bytes);
  double ts = t ? SyllableScore(*t) : -1, vs = v ? SyllableScore(*v) : -1;
  if (ts >= min_score_ && ts - vs >= min_margin_) {
    g.encoding = "tcvn3", g.utf8 = std::move(*t), g.score = ts;
  } else if (vs >= min_score_ && vs - ts >= min_margin_) {
    g.encoding = "vni", g.utf8 = std::move(*v), g.score = vs;
  } else if (std::max(ts, vs) >= 0.5) {
    g.likely = ts >= vs ? "TCVN3 (ABC)" : "VNI-Windows";
    g.score = std::max(ts, vs);
  } else {
    g.likely = "an unknown 8-bit encoding";
  }
  return g;
}

std::optional<std::string> LegacyDecoder::DecodeLatin1As(std::string_view utf8,
                                                        const std::string& encoding) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string bytes;
  for (int32_t i = 0; i < u.length(); ++i) {
    char16_t c = u.charAt(i);
    if (c > 0xFF) return std::nullopt;
    bytes.push_back(static_cast<char>(c));
  }
  return encoding == "vni" ? DecodeVni(bytes) : DecodeTcvn3(bytes);
}

std::optional<LegacyGuess> LegacyDecoder::RepairLatin1(std::string_view utf8) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(u.length()));
  std::size_t high = 0;
  for (int32_t i = 0; i < u.length(); ++i) {
    char16_t c = u.charAt(i);
    if (c > 0xFF) return std::nullopt;  // real Unicode letters: not a legacy font
    if (c >= 0x80) ++high;
    bytes.push_back(static_cast<char>(c));
  }
  if (high == 0 || SyllableScore(utf8) >= min_score_) return std::nullopt;
  LegacyGuess g = Detect(bytes);
  if (g.encoding.empty()) return std::nullopt;
  return g;
}

}  // namespace vanban
