// Page layout: words with boxes (from Tesseract or a PDF text layer) in, text out, laid
// out the way the text path expects a flattened document.
//
//   PageLayout layout(rules);                                  // rules/ocr.yaml
//   PageText t = layout.Lay(lines, width, height, /*ocr=*/true);
//   t.text;       // "ỦY BAN NHÂN DÂN\nHUYỆN SƠN TÂY\nSố: 583/UBND\n\nCỘNG HÒA ...\n\n..."
//   t.uncertain;  // {offset in t.text, "number" | "date"} for fields left blank
//
// What it does with the geometry:
// - The two-column header (issuer and number left, motto and place-date right) and the
//   two-column footer ("Nơi nhận" left, signature right) are found as runs of narrow
//   lines that a vertical gap splits in two, with lines side by side; each column comes
//   out whole, left then right, each as its own block (as seeds flatten them), so the
//   segmenter and extractors read them unchanged. Narrow lines close below such a run
//   join the column their centre is on, even where no gap splits them from the other
//   column (a "V/v" subject under the number reaching under the place-date line). A
//   number wrapped in a column ("Số: 105/2025/" | "UBTVQH15") comes out on one line.
// - Lines are joined into paragraphs: a line continues on the next (flush left, opening
//   no list item, article or heading) when it runs to the right margin, or when it ends
//   no sentence and the next line's first word would not have fitted at its end (ragged
//   text); paragraphs are separated by a blank line (vertical space, measured against the
//   page's usual line height, or an indent). The left margin is where most lines start
//   (a header table may stand out left of it). A number or symbol broken at the end of a
//   line ("203/2025/" | "QH15;") goes on without a space, on this page or overleaf.
//   Page-number lines are dropped.
// - OCR only: a line opening with an article head read with a wrong tone ("Điêu 2.") gets
//   the word as listed in rules/ocr.yaml article_heads.
// - OCR only: short lines Tesseract doubts are dropped (a scribble read as "“7N"), unless
//   one sits at the left margin right under a full line (a paragraph's last word).
// - OCR only (ocr = true): look-alikes in number/symbol tokens are repaired from the
//   tables in rules/ocr.yaml (`QD`->`QĐ`, `l5`->`15`); a symbol part that is no known
//   type or issuer code is mended when one look-alike or stray stroke undone makes it
//   exactly one known code (`T1`->`TT`, `QHI15`->`QH15`); and a header number, day, month or
//   year whose words are below the confidence floor, or do not read as digits, is left
//   blank and reported in `uncertain`: never invented.
// - OCR only, in header and footer column lines and the "Kính gửi" list: header phrases read with wrong tones or
//   lost spaces are repaired toward the closed vocabulary (RepairPhrases below).
// Fails: never.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/rules.h"

namespace re2 {
class RE2;
}

namespace vanban {

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // pixels (or PDF points), x1/y1 exclusive
  int Width() const { return x1 - x0; }
  int Height() const { return y1 - y0; }
};

struct OcrWord {
  std::string text;
  Box box;
  float confidence = 100;  // 0-100; 100 for a PDF text layer
};

struct OcrLine {
  Box box;
  std::vector<OcrWord> words;  // left to right
};

struct PageText {
  std::string text;
  std::vector<std::pair<std::size_t, std::string>> uncertain;
  std::size_t words = 0;
  double mean_confidence = 0;
  // For joining pages (OcrReader::JoinPages): the page's first line is body text at the
  // left margin opening no list item, article or heading; its last line is body text
  // that ends no sentence, and (last_full) runs to the right margin.
  bool first_flush = false;
  bool last_open = false, last_full = false;
  bool last_broken = false;  // it ends in a number or symbol broken at '/' or '-' ("203/2025/")
};

class PageLayout {
 public:
  explicit PageLayout(const RuleSet& rules);
  ~PageLayout();

  PageText Lay(std::vector<OcrLine> lines, int width, int height, bool ocr) const;
  // Words in any order (a PDF text layer) grouped into lines by their vertical overlap.
  static std::vector<OcrLine> GroupWords(std::vector<OcrWord> words);
  // The repairs alone, on one token ("l879/QD-UBND" -> "1879/QĐ-UBND"); exposed for tests.
  std::string RepairToken(const std::string& token) const;
  int min_field_confidence() const { return min_conf_; }
  // Header and footer column lines and the "Kính gửi" list only: a run of words that reads as one of the closed
  // header phrases (body heads, positions, issuer names, type names in rules/, and
  // rules/ocr.yaml header_phrases) once diacritics, case, spaces and in-word specks are
  // ignored is rewritten to that phrase, keeping the printed case ("ỦY BANNHÂNDÂN" ->
  // "ỦY BAN NHÂN DÂN", "Phó,chủ tịch" -> "Phó chủ tịch"). Person and place names are not
  // in the vocabulary and stay as read. Exposed for tests (on a line of words).
  void RepairPhrases(OcrLine* line) const;
  std::string RepairPhrases(const std::string& line) const;

 private:
  struct Phrase {
    std::string skeleton;                              // folded letters and digits only
    std::vector<std::pair<std::string, int>> words;    // word as listed, its letter count
  };
  std::vector<Phrase> phrases_;  // longest skeleton first
  std::vector<std::string> recipients_;  // folded "Kính gửi" (rules/layout.yaml)
  std::vector<std::string> article_heads_;  // rules/ocr.yaml article_heads
  std::string LineText(const OcrLine& line, bool ocr, std::vector<std::pair<std::size_t, std::string>>* uncertain) const;
  std::vector<std::pair<std::string, std::string>> digit_, letter_, symbol_;
  // Symbol codes (type and issuer codes in rules/; those printed with a term) and the
  // look-alikes that mend a letter part that is none of them (rules/ocr.yaml
  // code_lookalikes, code_strays).
  std::set<std::string> codes_, term_codes_;
  std::vector<std::pair<std::string, std::vector<std::string>>> code_lookalikes_;
  std::vector<std::string> code_strays_;
  bool KnownCode(const std::string& part) const;
  std::string MendCode(const std::string& part) const;
  std::unique_ptr<re2::RE2> page_number_, paragraph_start_;
  int min_conf_ = 70;
};

}  // namespace vanban
