// Stage 3, segment: normalised text in, documents out, each with its lines and zones.
//
//   Segmenter segmenter(rules);                       // once; reads rules/layout.yaml
//   std::vector<DocumentText> docs = segmenter.Split(normalized);
//   for (const DocumentText& d : docs) { d.text; d.lines; d.header_end_line; d.footer_begin_line; }
//
// What it repairs and splits:
// - Page breaks: a footnote printed at the foot of a page ("¹ Kế hoạch số 65/KH-UBND ...")
//   lands mid-sentence in extracted text. Footnotes are moved out (to `footnotes`, and
//   appended after the body so their citations have offsets), and the broken sentence is
//   rejoined ("thủ tục hành" + "chính, ..."), as is a citation split over the break
//   ("Nghị quyết số 04-" + "NQ/TU").
// - Several documents in one file (a cover letter and the draft it sends) are split where
//   a second header block starts after a signature.
// - Zones: header (issuer, number, date, subject, "Kính gửi"), body, footer ("Nơi nhận",
//   signature). Table rows flattened as "a | b" are split into their cells.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <memory>
#include <string_view>
#include <vector>

#include "pipeline/normalize.h"
#include "pipeline/rules.h"

namespace re2 {
class RE2;
}

namespace vanban {

struct TextLine {
  std::size_t begin = 0;  // byte offsets into DocumentText::text, end exclusive
  std::size_t end = 0;
  bool blank_before = false;  // a blank line (paragraph break) precedes this line
};

struct DocumentText {
  std::string text;                // body, then a blank line, then the footnotes
  std::vector<TextLine> lines;     // non-empty lines of text, in order
  std::vector<std::string> footnotes;  // without their markers
  std::size_t body_end = 0;        // text[body_end..] is the footnote appendix
  std::size_t header_end_line = 0;    // index of the first body line
  std::size_t footer_begin_line = 0;  // first line of "Nơi nhận"/signature (lines.size() if none)
  std::size_t footer_end_line = 0;    // lines after the footer are appendices
  std::vector<std::uint32_t> origin;  // per byte of text: offset in the loaded input

  std::string_view Line(std::size_t i) const {
    return std::string_view(text).substr(lines[i].begin, lines[i].end - lines[i].begin);
  }
};

class Segmenter {
 public:
  explicit Segmenter(const RuleSet& rules);
  ~Segmenter();
  std::vector<DocumentText> Split(const NormalizedText& input) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Helpers shared with the header extractor.
struct LayoutWords {
  explicit LayoutWords(const RuleSet& rules);
  bool IsMotto(std::string_view line) const;
  bool IsNumberLine(std::string_view line) const;   // "Số: 583 /UBND", "Số -CV/HU"
  bool StartsWithFolded(std::string_view line, const std::vector<std::string>& folded) const;
  // The same test in two steps, for a line tested against several lists: FoldHead once,
  // then HeadStartsWith per list.
  static std::string FoldHead(std::string_view line);
  static bool HeadStartsWith(const std::string& head, const std::vector<std::string>& folded);
  bool IsMottoHead(const std::string& head) const;
  bool IsAuthorityLine(std::string_view line) const;  // "TM. ỦY BAN NHÂN DÂN", "KT.CHỦ TỊCH"
  // A signature note alone on its line ("(Đã ký)"), or with no more than a speck beside
  // it (a scribble read as "r (Đã ký)").
  bool IsSignatureNoise(std::string_view line) const;
  // The line without its signature notes in brackets: "(Đã ký) Nguyễn Mạnh Hùng" ->
  // "Nguyễn Mạnh Hùng".
  std::string WithoutSignatureNotes(std::string_view line) const;
  std::vector<std::string> motto, motto_prefix, recipients, distribution, draft, body_openers,
      authority_prefixes, signature_noise, annex;
  std::string footnote_markers;
  std::shared_ptr<re2::RE2> number_check, split_before, split_after;
};

}  // namespace vanban
