// Legacy 8-bit Vietnamese encodings (TCVN3/ABC, VNI-Windows) to UTF-8.
//
//   const LegacyDecoder& dec = LegacyDecoder::Embedded();      // rules/encodings.yaml
//   LegacyGuess g = dec.Detect(bytes);                          // bytes that are not UTF-8
//   if (!g.encoding.empty()) use(g.utf8);                       // "tcvn3" | "vni"
//   else refuse(g.likely);                                      // a name for the message
//
// In:  bytes that failed UTF-8 decoding (a .txt file), or a PDF text layer whose letters
//      are all Latin-1 (a .VnTime font read as Windows-1252: "Céng hoµ").
// Out: the text in UTF-8 (NFC) and the encoding's name, when one encoding clearly reads
//      as Vietnamese syllables and the others do not (tables and the syllable pattern are
//      data in rules/encodings.yaml). When none does, or two are too close to tell, the
//      encoding is empty: the caller refuses the file, never garbles it.
// Fails: never; the constructor throws on a malformed rules file (a bug in the rules).
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/rules.h"

namespace re2 {
class RE2;
}

namespace vanban {

struct LegacyGuess {
  std::string encoding;  // "tcvn3" | "vni" | "" (cannot tell)
  std::string utf8;      // the decoded text when encoding is set
  std::string likely;    // for messages when refused: "TCVN3 (ABC)", "VNI-Windows", "an unknown 8-bit encoding"
  double score = 0;      // share of non-ASCII words that are Vietnamese syllables
};

class LegacyDecoder {
 public:
  explicit LegacyDecoder(const RuleSet& rules);
  ~LegacyDecoder();
  static const LegacyDecoder& Embedded();

  LegacyGuess Detect(std::string_view bytes) const;
  // A Unicode text layer drawn with a legacy font: every letter in U+0000-U+00FF and the
  // text does not read as Vietnamese. Returns the repaired text, or nullopt to keep it.
  std::optional<LegacyGuess> RepairLatin1(std::string_view utf8) const;

  // A Latin-1 text (from a legacy font) decoded as `encoding` ("tcvn3" | "vni"): used on
  // each word of a PDF page once RepairLatin1 has named the page's encoding.
  std::optional<std::string> DecodeLatin1As(std::string_view utf8, const std::string& encoding) const;

  // Decoding with one table (empty optional when a byte is not in it). Exposed for tests.
  std::optional<std::string> DecodeTcvn3(std::string_view bytes) const;
  std::optional<std::string> DecodeVni(std::string_view bytes) const;
  double SyllableScore(std::string_view utf8) const;

 private:
  std::array<std::string, 256> tcvn3_, vni_;
  std::unique_ptr<re2::RE2> syllable_;
  double min_score_ = 0.75, min_margin_ = 0.2;
};

}  // namespace vanban
