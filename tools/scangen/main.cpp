// vanban-scangen: renders corpus documents to A4 pages the way they are printed, then
// degrades them the way scanners and phones do; the ground truth is kept beside each page.
//
//   vanban-scangen corpus/seeds/003_….txt --out corpus/scans --name cv583 \
//       --variants clean,skew,photo,lowdpi --pdf
//   vanban-scangen corpus/real/014_….txt --out /tmp/s --name nd07 --pages 4 --variants "" \
//       --scan-pdf 240        # a 4-page image-only scanned PDF (JPEG pages, no text layer)
//
// Layout (NĐ 30/2020, shared/domain/format.md §1): Liberation Serif (Times metrics, full
// Vietnamese glyphs), the two-column header (issuer and number left, motto and
// place-date right), centred type name and subject, the body, and the two-column footer
// ("Nơi nhận" left, signature right) with a red round seal and a blue signature scribble
// in the signature space. The header and footer lines are told apart with the same
// segmenter the pipeline uses; text scraped from the web (table cells flattened with
// " | ", a cell's lines joined) is set as printed: motto parts on lines of their own,
// the signer's authority, position, "(Đã ký)" and name each on a line (cut where the
// header extractor reads them). The body is cut to what fits on one page (or on --pages
// pages, the footer on the last; --all-documents: every document of the file, each from a
// new page).
// Degradations (Leptonica): skew (±5°), noise, blur, uneven light, low dpi, JPEG.
// Libraries: pango/cairo (Debian libpango1.0-dev, libcairo2-dev) for shaping and drawing
// Vietnamese text, Leptonica for the degradations; CLI11 for the options.
#include <cairo-pdf.h>
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <pango/pangocairo.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "extractors/header.h"
#include "pipeline/load.h"
#include "pipeline/normalize.h"
#include "pipeline/rules.h"
#include "pipeline/segment.h"
#include "pipeline/vntext.h"

namespace {

constexpr double kPageW = 595.28, kPageH = 841.89;  // A4 in points
constexpr double kLeft = 85, kRight = 57, kTop = 57, kBottom = 57;

struct Block {
  std::string text;
  double x, width;  // points
  PangoAlignment align;
  bool bold = false, italic = false;
  double size = 13;
  bool markup = false;
  // A paragraph split over a page break: points of its layout drawn on the page before
  // (skipped here), and points drawn here (-1: to its end).
  double skip = 0, keep = -1;
  // Paragraphs (0-based, split at '\n') with a short rule drawn under their last line, as
  // under the issuer and the motto (share: the rule's length against the line's).
  std::vector<std::pair<int, double>> rules = {};
};

std::string Esc(const std::string& s) {
  gchar* e = g_markup_escape_text(s.c_str(), -1);
  std::string out(e);
  g_free(e);
  return out;
}

struct Row {  // blocks side by side
  std::vector<Block> blocks;
  double gap_after = 6;
  int page = 0;  // 0-based page the row is drawn on
  double seal_dy = 52;  // the signature row: depth of the seal's centre below the row's top
};

PangoLayout* MakeLayout(cairo_t* cr, const Block& b) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  std::string font = std::string("Liberation Serif") + (b.bold ? " Bold" : "") + (b.italic ? " Italic" : "") +
                     " " + std::to_string(static_cast<int>(b.size));
  PangoFontDescription* desc = pango_font_description_from_string(font.c_str());
  pango_layout_set_font_description(layout, desc);
  pango_layout_set_width(layout, static_cast<int>(b.width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
  pango_layout_set_alignment(layout, b.align);
  if (b.align == PANGO_ALIGN_LEFT && !b.bold && b.width > 300) pango_layout_set_justify(layout, TRUE);
  if (b.markup) pango_layout_set_markup(layout, b.text.c_str(), -1);
  else pango_layout_set_text(layout, b.text.c_str(), -1);
  pango_font_description_free(desc);
  return layout;
}

double Draw(cairo_t* cr, const Block& b, double y, bool draw) {
  PangoLayout* layout = MakeLayout(cr, b);
  int w, h;
  pango_layout_get_size(layout, &w, &h);
  double full = static_cast<double>(h) / PANGO_SCALE;
  double shown = b.keep >= 0 ? b.keep : full - b.skip;
  if (draw) {
    cairo_save(cr);
    cairo_rectangle(cr, 0, y, kPageW, shown);
    cairo_clip(cr);
    cairo_move_to(cr, b.x, y - b.skip);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
    if (!b.rules.empty()) {
      // The last layout line of each ruled paragraph: a rule centred under its ink.
      const char* text = pango_layout_get_text(layout);
      std::vector<std::pair<int, PangoRectangle>> last;  // paragraph, ink of its last line
      PangoLayoutIter* it = pango_layout_get_iter(layout);
      do {
        PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
        int para = static_cast<int>(std::count(text, text + line->start_index, '\n'));
        PangoRectangle ink, logical;
        pango_layout_iter_get_line_extents(it, &ink, &logical);
        if (!last.empty() && last.back().first == para) last.back().second = ink;
        else last.emplace_back(para, ink);
      } while (pango_layout_iter_next_line(it));
      pango_layout_iter_free(it);
      cairo_save(cr);
      cairo_set_line_width(cr, 0.7);
      for (const auto& [para, share] : b.rules)
        for (const auto& [p, ink] : last) {
          if (p != para || ink.width <= 0) continue;
          double cx = b.x + (ink.x + ink.width / 2.0) / PANGO_SCALE, half = share * ink.width / 2.0 / PANGO_SCALE;
          double ry = y - b.skip + static_cast<double>(ink.y + ink.height) / PANGO_SCALE + 3;
          cairo_move_to(cr, cx - half, ry);
          cairo_line_to(cr, cx + half, ry);
          cairo_stroke(cr);
        }
      cairo_restore(cr);
    }
  }
  g_object_unref(layout);
  return shown;
}

// Where each line of a block's layout ends, in points from its top.
std::vector<double> LineBottoms(cairo_t* cr, const Block& b) {
  PangoLayout* layout = MakeLayout(cr, b);
  std::vector<double> out;
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    int y0, y1;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    out.push_back(static_cast<double>(y1) / PANGO_SCALE);
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  g_object_unref(layout);
  return out;
}

double RowHeight(cairo_t* cr, const Row& r) {
  double h = 0;
  for (const auto& b : r.blocks) h = std::max(h, Draw(cr, b, 0, false));
  return h + r.gap_after;
}

// Red round seal and a blue signature scribble around (cx, cy), in points.
void SealAndSignature(cairo_t* cr, double cx, double cy, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(-1, 1);
  cairo_save(cr);
  cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);  // ink over toner: print stays dark
  cairo_set_source_rgba(cr, 0.1, 0.2, 0.75, 0.9);
  cairo_set_line_width(cr, 1.4);
  cairo_move_to(cr, cx - 40, cy + 4);
  for (int i = 0; i < 6; ++i)
    cairo_rel_curve_to(cr, 8 + 4 * u(rng), -18 + 6 * u(rng), 14 + 4 * u(rng), 16 + 6 * u(rng), 14, 2 * u(rng));
  cairo_stroke(cr);
  cairo_set_source_rgba(cr, 0.85, 0.1, 0.12, 0.75);
  double sx = cx - 38 + 10 * u(rng), sy = cy - 6 + 6 * u(rng);
  cairo_set_line_width(cr, 2.6);
  cairo_arc(cr, sx, sy, 38, 0, 2 * M_PI);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 1.2);
  cairo_arc(cr, sx, sy, 31, 0, 2 * M_PI);
  cairo_stroke(cr);
  cairo_arc(cr, sx, sy, 14, 0, 2 * M_PI);
  cairo_stroke(cr);
  // A star in the middle, as state seals have.
  for (int i = 0; i < 5; ++i) {
    double a = -M_PI / 2 + i * 4 * M_PI / 5;
    if (i == 0) cairo_move_to(cr, sx + 10 * std::cos(a), sy + 10 * std::sin(a));
    else cairo_line_to(cr, sx + 10 * std::cos(a), sy + 10 * std::sin(a));
  }
  cairo_close_path(cr);
  cairo_fill(cr);
  cairo_restore(cr);
}

struct Doc {
  std::vector<Row> rows;
  std::string truth;
  double seal_x = 0, seal_y = 0;
  std::vector<std::size_t> signer_rows;  // rows with the seal and signature
  int pages = 1;
  bool page_numbers = false;  // "2", "3", ... centred in the top margin from page 2 on
};

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

// Letters and digits of s, folded ("KT.CHỦ TỊCH" -> "ktchutich"): to match printed words
// against what the extractor read from them, whatever the spacing and case.
std::string Skeleton(std::string_view s) {
  std::string out;
  for (char c : vanban::Fold(s))
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A motto cell flattened into one line ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự
// do - Hạnh phúc") is two printed lines: split before each further motto part.
std::vector<std::string> MottoLines(const std::string& s, const vanban::LayoutWords& words) {
  std::vector<std::string> w = vanban::SplitWords(s), out;
  std::string cur;
  for (std::size_t k = 0; k < w.size(); ++k) {
    std::string rest;
    for (std::size_t j = k; j < w.size() && j < k + 6; ++j) rest += (rest.empty() ? "" : " ") + w[j];
    if (k > 0 && !cur.empty() && words.IsMotto(rest)) out.push_back(cur), cur.clear();
    cur += (cur.empty() ? "" : " ") + w[k];
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// The signature block as printed: each authority ("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG"), the
// position, a "(Đã ký)" note and the name on lines of their own. The lines are cut from
// the printed words where the header extractor (the text path's own reading of the
// footer) puts the boundaries; `sign` itself when they do not match word for word (a
// joint document's blocks side by side, a position not printed apart).
std::vector<std::string> SignatureLines(const std::vector<std::string>& sign, const vanban::Signer& signer) {
  if (!signer.name || !signer.position) return sign;
  std::vector<std::string> parts;
  if (signer.authority) {
    std::stringstream ss(*signer.authority);
    for (std::string u; std::getline(ss, u);) parts.push_back(u);
  }
  parts.push_back(*signer.position);
  std::vector<std::string> w;
  for (const auto& s : sign)
    for (auto& x : vanban::SplitWords(s)) w.push_back(x);
  std::vector<std::string> out;
  std::size_t k = 0;
  for (const std::string& part : parts) {
    std::string want = Skeleton(part), got, line;
    while (k < w.size() && got.size() < want.size()) {
      got += Skeleton(w[k]);
      line += (line.empty() ? "" : " ") + w[k++];
    }
    if (got != want) return sign;
    out.push_back(line);
  }
  // What is left: a note in brackets, then the name.
  std::string name = Skeleton(*signer.name), note, tail;
  std::size_t n = w.size();
  for (std::string got; n > k && got.size() < name.size();) got = Skeleton(w[--n]) + got;
  for (std::size_t j = n; j < w.size(); ++j) tail += Skeleton(w[j]);
  if (tail != name) return sign;
  for (std::size_t j = k; j < n; ++j) note += (note.empty() ? "" : " ") + w[j];
  if (!note.empty() && (note.front() != '(' || note.back() != ')')) return sign;
  if (!note.empty()) out.push_back(note);
  std::string nm;
  for (std::size_t j = n; j < w.size(); ++j) nm += (nm.empty() ? "" : " ") + w[j];
  out.push_back(nm);
  return out;
}

// The document laid out over at most max_pages pages: header on the first, the body
// flowing page after page, the footer on the last; body lines that do not fit are cut.
Doc Build(const vanban::DocumentText& dt, const vanban::LayoutWords& words, const vanban::HeaderExtractor& header,
          cairo_t* measure, int max_pages, bool split_paragraphs) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < dt.lines.size(); ++i) lines.emplace_back(dt.Line(i));
  std::size_t he = dt.header_end_line, fb = dt.footer_begin_line, fe = std::min(dt.footer_end_line, lines.size());
  if (fe <= fb) fe = lines.size();
  // Header (NĐ 30/2020): left = the issuer's lines, then the number, then a "V/v"
  // subject; right = motto and place-date; the rest (type name, subject, Kính gửi)
  // centred below. After the number only a "V/v" subject goes left: a type name in
  // capitals is centred.
  std::vector<std::string> left, right, centre;
  bool subject = false, numbered = false;
  int issuer_lines = 0;  // left lines before the number (the rule goes under them)
  for (std::size_t i = 0; i < he; ++i) {
    const std::string& s = lines[i];
    std::string f = vanban::Fold(s);
    bool number = words.IsNumberLine(s), vv = f.rfind("v/v", 0) == 0;
    if (words.IsMotto(s) || (f.find("ngay") != std::string::npos && f.find("thang") != std::string::npos && right.size() < 4)) {
      if (words.IsMotto(s))
        for (auto& m : MottoLines(s, words)) right.push_back(m);
      else
        right.push_back(s);
    } else if (centre.empty() && ((vanban::IsAllUpper(s) && !numbered) || number || vv ||
                                  (subject && f.rfind("kinh gui", 0) != 0 && s.rfind("-", 0) != 0))) {
      left.push_back(s), subject = vv || (subject && !vanban::IsAllUpper(s));
      numbered |= number;
      if (!numbered) ++issuer_lines;
    } else {
      centre.push_back(s);
    }
  }
  Doc d;
  double colw = (kPageW - kLeft - kRight);
  Row head;
  std::string lm;
  for (std::size_t k = 0; k < left.size(); ++k) {
    const std::string& s = left[k];
    // Room under the issuer for its rule: an empty paragraph before the number.
    // (a no-break space: an empty line shrinks on the scans' scaled surface, see below)
    if (k > 0 && static_cast<int>(k) == issuer_lines) lm += "\n\u00A0";
    lm += (lm.empty() ? "" : "\n") + (vanban::IsAllUpper(s) && static_cast<int>(k) < issuer_lines ? "<b>" + Esc(s) + "</b>" : Esc(s));
  }
  // The header table's two cells (it reaches past the margins, as printed ones do): the
  // left 190 pt wide, the right 312 pt (the motto in 11 pt bold is about 302 pt), 8 pt
  // of cell padding between them; each cell's lines centred in it.
  constexpr double kHeadLeftX = kLeft - 30, kHeadLeftW = 190, kHeadRightX = kHeadLeftX + kHeadLeftW + 8,
                   kHeadRightW = 312;
  head.blocks.push_back({lm, kHeadLeftX, kHeadLeftW, PANGO_ALIGN_CENTER, false, false, 11, true});
  if (issuer_lines > 0) head.blocks.back().rules.emplace_back(issuer_lines - 1, 0.4);
  Row mot;
  std::vector<std::string> motto, date;
  for (auto& s : right) (words.IsMotto(s) ? motto : date).push_back(s);
  head.blocks.push_back({"<b>" + Esc(Join(motto, "\n")) + "</b>\n\u00A0\n<i>" + Esc(Join(date, "\n")) + "</i>",
                         kHeadRightX, kHeadRightW, PANGO_ALIGN_CENTER, false, false, 11, true});
  if (!motto.empty()) head.blocks.back().rules.emplace_back(static_cast<int>(motto.size()) - 1, 1.0);
  head.gap_after = 16;
  d.rows.push_back(head);
  d.truth += Join(left, "\n") + "\n" + Join(motto, "\n") + "\n" + Join(date, "\n") + "\n";
  for (auto& s : centre) {
    bool caps = vanban::IsAllUpper(s);
    d.rows.push_back({{{s, kLeft, colw, PANGO_ALIGN_CENTER, caps, false, caps ? 14 : 13}}, 4});
    d.truth += s + "\n";
  }
  d.rows.back().gap_after = 12;
  // Footer rows first (they must fit), then as much body as fits above them.
  std::vector<std::string> dist, sign;
  for (std::size_t i = fb; i < fe; ++i) {
    const std::string& s = lines[i];
    bool list = words.StartsWithFolded(s, words.distribution) || s.rfind("-", 0) == 0;
    if (!list || !sign.empty()) {
      sign.push_back(s);
      continue;
    }
    // A list flattened into one cell ("Nơi nhận: - Ban Bí thư; - Thủ tướng; ...") is
    // printed one item a line.
    std::size_t begin = 0;
    for (std::size_t at = s.find(" - "); at != std::string::npos; at = s.find(" - ", at + 1))
      if (at > begin && (s[at - 1] == ';' || s[at - 1] == ':')) {
        dist.push_back(s.substr(begin, at - begin));
        begin = at + 1;
      }
    dist.push_back(s.substr(begin));
  }
  Row foot;
  foot.blocks.push_back({Join(dist, "\n"), kLeft, colw * 0.45, PANGO_ALIGN_LEFT, false, false, 11});
  vanban::Document read;
  vanban::Locality where;
  header.Extract(dt, &read, &where);
  sign = SignatureLines(sign, read.signer);
  std::string signer;
  constexpr int kSpace = 5;  // empty lines of the signature space above the name
  bool named = false;
  for (std::size_t i = 0; i < sign.size(); ++i) {
    named = i + 1 == sign.size() && !vanban::IsAllUpper(sign[i]);
    // The space as lines holding a no-break space: Pango sizes an empty line from the
    // context's metrics, and on a scaled image surface (the scans) an empty line came out
    // a third of a text line high, so the seal fell on the name.
    std::string space;
    for (int k = 0; named && k < kSpace; ++k) space += "\u00A0\n";
    signer += (i ? "\n" : "") + space + sign[i];
  }
  foot.blocks.push_back({signer, kLeft + colw * 0.45, colw * 0.55, PANGO_ALIGN_CENTER, true, false, 13});
  // The seal in the signature space, over the signature (a little over the title and
  // the name's top at most), as a signer stamps it; its centre is drawn 0-12 pt above
  // the point given.
  std::vector<double> bottoms = LineBottoms(measure, foot.blocks.back());
  if (named && bottoms.size() >= kSpace + 2) {
    double top = bottoms.size() >= kSpace + 3 ? bottoms[bottoms.size() - kSpace - 3] : 0;
    double name_top = bottoms[bottoms.size() - 2];
    foot.seal_dy = (top + name_top) / 2 + 6;
  }
  double used = kTop;
  for (const auto& r : d.rows) used += RowHeight(measure, r);
  double foot_h = RowHeight(measure, foot) + 12;
  int page = 0;
  const std::size_t body_from = d.rows.size();
  for (std::size_t i = he; i < fb; ++i) {
    Row r{{{lines[i], kLeft, colw, PANGO_ALIGN_LEFT, false, false, 13}}, 5};
    double h = RowHeight(measure, r);
    if (page + 1 < max_pages) {
      if (used + h > kPageH - kBottom && split_paragraphs) {
        // The lines that fit stay on this page, the rest go on overleaf (as a word
        // processor breaks a paragraph; no widow or orphan control).
        double fits = 0;
        for (double bottom : LineBottoms(measure, r.blocks[0]))
          if (used + bottom <= kPageH - kBottom) fits = bottom;
        if (fits > 0 && fits < h - r.gap_after) {
          Row head = r;
          head.blocks[0].keep = fits;
          head.gap_after = 0;
          head.page = page;
          d.rows.push_back(head);
          r.blocks[0].skip = fits;
          h = RowHeight(measure, r);
        }
      }
      if (used + h > kPageH - kBottom) ++page, used = kTop;  // the body goes on overleaf
    } else if (used + h + foot_h > kPageH - kBottom) {
      continue;  // the last page: keep room for the footer
    }
    used += h;
    r.page = page;
    d.rows.push_back(r);
    d.truth += lines[i] + "\n";
  }
  d.rows.back().gap_after = 14;
  if (used + foot_h > kPageH - kBottom) {
    ++page;
    // The signature never stands alone on a page (it would sign nothing): the body's last
    // paragraph, when whole on the page before, goes over with it.
    Row& last = d.rows.back();
    if (d.rows.size() > body_from && last.page == page - 1 && last.blocks.size() == 1 &&
        last.blocks[0].skip == 0 && last.blocks[0].keep < 0)
      last.page = page;
  }
  foot.page = page;
  d.pages = page + 1;
  d.signer_rows.push_back(d.rows.size());
  d.rows.push_back(foot);
  d.truth += Join(dist, "\n") + "\n" + Join(sign, "\n") + "\n";
  return d;
}

void Render(cairo_t* cr, const Doc& d, std::mt19937& rng, bool seal, int page = 0) {
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  double y = kTop;
  if (d.page_numbers && page > 0)
    Draw(cr, {std::to_string(page + 1), kLeft, kPageW - kLeft - kRight, PANGO_ALIGN_CENTER, false, false, 13},
         kTop / 2 - 8, true);
  for (std::size_t i = 0; i < d.rows.size(); ++i) {
    const Row& r = d.rows[i];
    if (r.page != page) continue;
    for (const auto& b : r.blocks) Draw(cr, b, y, true);
    if (seal && std::find(d.signer_rows.begin(), d.signer_rows.end(), i) != d.signer_rows.end() &&
        r.blocks.size() == 2) {
      double cx = r.blocks[1].x + r.blocks[1].width / 2;
      SealAndSignature(cr, cx, y + r.seal_dy, rng);
      cairo_set_source_rgb(cr, 0, 0, 0);
    }
    y += RowHeight(cr, r);
  }
}

Pix* FromCairo(cairo_surface_t* s) {
  int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s), stride = cairo_image_surface_get_stride(s);
  unsigned char* data = cairo_image_surface_get_data(s);
  Pix* pix = pixCreate(w, h, 32);
  l_uint32* dst = pixGetData(pix);
  int wpl = pixGetWpl(pix);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const unsigned char* p = data + y * stride + 4 * x;
      composeRGBPixel(p[2], p[1], p[0], &dst[y * wpl + x]);
    }
  return pix;
}

// `p` turned by `deg` degrees (area-mapped, white brought in); `p` itself when Leptonica
// cannot.
Pix* Rotated(Pix* p, double deg) {
  Pix* r = pixRotate(p, static_cast<float>(deg * M_PI / 180), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
  if (!r) return p;
  pixDestroy(&p);
  return r;
}

// Calls f(x, y, r, g, b, &pixel) on every pixel of a 32-bit page, row by row.
template <typename F>
void ForEachPixel(Pix* p, F f) {
  int w = pixGetWidth(p), h = pixGetHeight(p), wpl = pixGetWpl(p);
  l_uint32* data = pixGetData(p);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      l_int32 r, g, b;
      extractRGBValues(data[y * wpl + x], &r, &g, &b);
      f(x, y, r, g, b, &data[y * wpl + x]);
    }
}

Pix* Degrade(Pix* clean, const std::string& kind, std::mt19937& rng, int* dpi) {
  std::normal_distribution<double> noise(0, 14);
  std::uniform_real_distribution<double> u(-1, 1);
  Pix* p = pixClone(clean);
  auto replace = [&](Pix* next) { if (next) { pixDestroy(&p); p = next; } };
  *dpi = 300;
  if (kind == "skew" || kind == "photo") {
    double deg = (kind == "skew" ? 2.5 + 2.5 * std::fabs(u(rng)) : 1.5) * (u(rng) < 0 ? -1 : 1);
    p = Rotated(p, deg);
  }
  if (kind == "photo") {
    // Uneven light: a diagonal shade from 100% to 65%, then blur and noise.
    int w = pixGetWidth(p), h = pixGetHeight(p);
    ForEachPixel(p, [&](int x, int y, int r, int g, int b, l_uint32* px) {
      double f = 1.0 - 0.35 * (static_cast<double>(x) / w + static_cast<double>(y) / h) / 2;
      auto c = [&](int v) { return std::clamp(static_cast<int>(v * f + noise(rng)), 0, 255); };
      composeRGBPixel(c(r), c(g), c(b), px);
    });
    replace(pixBlockconv(p, 1, 1));
  }
  if (kind == "lowdpi") {
    replace(pixScale(p, 0.5f, 0.5f));  // 150 dpi
    *dpi = 150;
  }
  pixSetResolution(p, *dpi, *dpi);
  return p;
}

// One page as an office scanner files it: drawn at `dpi`, a slight skew (under 1°), sensor
// noise, colour kept (the seal is red).
Pix* ScanPage(const Doc& d, int page, int dpi, bool seal, std::mt19937& rng) {
  const double scale = dpi / 72.0;
  cairo_surface_t* surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(kPageW * scale),
                                                     static_cast<int>(kPageH * scale));
  cairo_t* cr = cairo_create(surf);
  cairo_scale(cr, scale, scale);
  Render(cr, d, rng, seal, page);
  cairo_surface_flush(surf);
  Pix* p = FromCairo(surf);
  cairo_destroy(cr);
  cairo_surface_destroy(surf);
  std::uniform_real_distribution<double> u(-1, 1);
  std::normal_distribution<double> noise(0, 6);
  double deg = 0.3 + 0.6 * std::fabs(u(rng));
  if (u(rng) < 0) deg = -deg;
  p = Rotated(p, deg);
  ForEachPixel(p, [&](int, int, int r, int g, int b, l_uint32* px) {
    int n = static_cast<int>(noise(rng));
    auto c = [&](int v) { return std::clamp(v + n, 0, 255); };
    composeRGBPixel(c(r), c(g), c(b), px);
  });
  pixSetResolution(p, dpi, dpi);
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"vanban-scangen: renders corpus documents to degraded A4 scans with ground truth"};
  std::string input, out = "corpus/scans", name, variants = "clean";
  bool pdf = false, seal = true, all_documents = false, split_paragraphs = false, page_numbers = false;
  unsigned seed = 7;
  int max_pages = 1, scan_dpi = 0, scan_quality = 75;
  app.add_option("input", input, "a corpus text file")->required();
  app.add_option("--out", out, "output folder");
  app.add_option("--name", name, "base name of the outputs")->required();
  app.add_option("--variants", variants, "clean,skew,photo,lowdpi (\"\" for none)");
  app.add_option("--pages", max_pages, "lay the document over up to this many pages (body cut to fit)")
      ->check(CLI::Range(1, 50));
  app.add_flag("--pdf", pdf, "also write NAME.pdf (vector, with a text layer)");
  app.add_option("--scan-pdf", scan_dpi,
                 "also write NAME.scan.pdf: every page scanned at this dpi (colour JPEG inside, no text layer)")
      ->check(CLI::Range(72, 600));
  app.add_option("--scan-quality", scan_quality, "JPEG quality of the pages in NAME.scan.pdf")->check(CLI::Range(10, 100));
  app.add_flag("!--no-seal", seal, "no seal or signature");
  app.add_flag("--all-documents", all_documents,
               "every document of a file that holds several, each from a new page (default: the first)");
  app.add_flag("--split-paragraphs", split_paragraphs,
               "break a paragraph over a page break where its lines reach the foot (default: whole paragraphs)");
  app.add_flag("--page-numbers", page_numbers, "print page numbers in the top margin from page 2 on");
  app.add_option("--seed", seed, "random seed");
  CLI11_PARSE(app, argc, argv);

  auto rules = vanban::RuleSet::LoadEmbedded();
  if (!rules) { std::cerr << rules.error().message << "\n"; return 2; }
  auto loaded = vanban::LoadText(input);
  if (!loaded) { std::cerr << input << ": " << loaded.error().message << "\n"; return 1; }
  vanban::Segmenter seg(rules.value());
  vanban::LayoutWords words(rules.value());
  auto docs = seg.Split(vanban::Normalize(loaded.value().utf8, loaded.value().format == "markdown"));
  if (docs.empty()) { std::cerr << "no document in " << input << "\n"; return 1; }

  cairo_surface_t* probe = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t* measure = cairo_create(probe);
  vanban::HeaderExtractor header(rules.value());
  Doc d = Build(docs[0], words, header, measure, max_pages, split_paragraphs);
  // Every further document of the file on pages of its own, as a folder of documents
  // scanned in one go (each within what is left of --pages).
  for (std::size_t k = 1; all_documents && k < docs.size() && d.pages < max_pages; ++k) {
    Doc next = Build(docs[k], words, header, measure, max_pages - d.pages, split_paragraphs);
    for (std::size_t r : next.signer_rows) d.signer_rows.push_back(d.rows.size() + r);
    for (Row& r : next.rows) {
      r.page += d.pages;
      d.rows.push_back(std::move(r));
    }
    d.pages += next.pages;
    d.truth += next.truth;
  }
  d.page_numbers = page_numbers;
  std::mt19937 rng(seed);
  std::ofstream(out + "/" + name + ".gt.txt") << d.truth;

  if (pdf) {
    cairo_surface_t* ps = cairo_pdf_surface_create((out + "/" + name + ".pdf").c_str(), kPageW, kPageH);
    cairo_t* pc = cairo_create(ps);
    std::mt19937 rng2(seed);
    for (int pg = 0; pg < d.pages; ++pg) {
      Render(pc, d, rng2, seal, pg);
      cairo_show_page(pc);
    }
    cairo_destroy(pc);
    cairo_surface_destroy(ps);
  }
  if (scan_dpi > 0) {
    // Image-only, as a scanner writes it: one JPEG per page, no text (Leptonica's PDF
    // writer embeds the JPEG as is).
    std::mt19937 rng3(seed + 1);
    Pixa* pixa = pixaCreate(d.pages);
    for (int pg = 0; pg < d.pages; ++pg) pixaAddPix(pixa, ScanPage(d, pg, scan_dpi, seal, rng3), L_INSERT);
    l_uint8* data = nullptr;
    size_t size = 0;
    l_pdfSetDateAndVersion(0);  // the same bytes for the same seed
    int rc = pixaConvertToPdfData(pixa, scan_dpi, 1.0f, L_JPEG_ENCODE, scan_quality, nullptr, &data, &size);
    pixaDestroy(&pixa);
    if (rc != 0 || !data) { std::cerr << "cannot write " << name << ".scan.pdf\n"; return 1; }
    std::ofstream(out + "/" + name + ".scan.pdf", std::ios::binary).write(reinterpret_cast<char*>(data), static_cast<std::streamsize>(size));
    lept_free(data);
    std::cout << out + "/" + name + ".scan.pdf (" << d.pages << " pages, " << scan_dpi << " dpi)\n";
  }

  const double scale = 300.0 / 72.0;
  cairo_surface_t* surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(kPageW * scale), static_cast<int>(kPageH * scale));
  cairo_t* cr = cairo_create(surf);
  cairo_scale(cr, scale, scale);
  std::stringstream vs(variants);
  std::vector<std::string> kinds;
  for (std::string v; std::getline(vs, v, ',');)
    if (!v.empty()) kinds.push_back(v);
  for (int pg = 0; pg < d.pages && !kinds.empty(); ++pg) {
    Render(cr, d, rng, seal, pg);
    cairo_surface_flush(surf);
    Pix* clean = FromCairo(surf);
    pixSetResolution(clean, 300, 300);
    std::string suffix = d.pages > 1 ? ".p" + std::to_string(pg + 1) : "";
    for (const std::string& v : kinds) {
      int dpi = 300;
      Pix* p = Degrade(clean, v, rng, &dpi);
      std::string path = out + "/" + name + suffix + "." + v;
      if (v == "photo" || v == "skew" || v == "clean") {
        // JPEG artefacts as a phone or scanner saves (clean pages at a kinder quality).
        FILE* f = std::fopen((path + ".jpg").c_str(), "wb");
        if (f) pixWriteStreamJpeg(f, p, v == "clean" ? 80 : 45, 0);
        if (f) std::fclose(f);
      } else {
        // A low-dpi office scan is saved grey.
        Pix* g = pixConvertRGBToLuminance(p);
        Pix* b = pixClone(g);
        pixSetResolution(b, dpi, dpi);
        pixWrite((path + ".png").c_str(), b, IFF_PNG);
        pixDestroy(&g);
        pixDestroy(&b);
      }
      std::cout << path << "\n";
      pixDestroy(&p);
    }
    pixDestroy(&clean);
  }
  cairo_destroy(cr);
  cairo_surface_destroy(surf);
  cairo_destroy(measure);
  cairo_surface_destroy(probe);
  return 0;
}
