#include "pipeline/pdf.h"

#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
// poppler's core (Debian libpoppler-private-dev): poppler-cpp cannot tell how large a
// page's images are, and a scan must be drawn at its own resolution.
#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Stream.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>
#include <mutex>
#include <vector>

#include "pipeline/legacy_encoding.h"

namespace vanban {
namespace {

StageError PdfError(const std::string& m) { return StageError{"load", m}; }

void Quiet(const std::string&, void*) {}

std::string Utf8(const poppler::ustring& u) {
  poppler::byte_array b = u.to_utf8();
  return std::string(b.begin(), b.end());
}

// Leptonica page from a rendered ARGB32 image.
Pix* ToPix(const poppler::image& img, int dpi) {
  int w = img.width(), h = img.height();
  Pix* pix = pixCreate(w, h, 32);
  if (!pix) return nullptr;
  const char* src = img.const_data();
  int stride = img.bytes_per_row();
  l_uint32* dst = pixGetData(pix);
  int wpl = pixGetWpl(pix);
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(src + static_cast<long>(y) * stride);
    for (int x = 0; x < w; ++x) {
      // ARGB32 in memory (little endian): B, G, R, A.
      composeRGBPixel(row[4 * x + 2], row[4 * x + 1], row[4 * x], &dst[static_cast<long>(y) * wpl + x]);
    }
  }
  pixSetResolution(pix, dpi, dpi);
  return pix;
}

// Looks at what a page draws without decoding any image (their pixel size and where
// they land), as pdfimages -list does: the largest image, if it covers most of the page,
// is the page's scan and tells the resolution it was scanned at. When the page is that
// one JPEG and nothing else, upright, in grey or RGB, the JPEG's own bytes are kept (as
// pdfimages -j does): decoding them is the page, without drawing it.
class ScanFinder : public OutputDev {
 public:
  ScanFinder(double page_area, long long max_pixels) : page_area_(page_area), max_pixels_(max_pixels) {}
  bool upsideDown() override { return true; }
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* map,
                 bool interpolate, const int* mask_colors, bool inline_img) override {
    if (Note(state, width, height) && !inline_img && !mask_colors && !masked_) KeepJpeg(state, str, width, height, map);
    OutputDev::drawImage(state, ref, str, width, height, map, interpolate, mask_colors, inline_img);
  }
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inline_img) override {
    Note(state, width, height);
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_img);
  }
  // OutputDev's defaults end in drawImage; the flag keeps a masked image from the JPEG path.
  void drawMaskedImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* map,
                       bool interpolate, Stream* mask, int mw, int mh, bool minvert, bool minterpolate) override {
    masked_ = true;
    OutputDev::drawMaskedImage(state, ref, str, width, height, map, interpolate, mask, mw, mh, minvert, minterpolate);
    masked_ = false;
  }
  void drawSoftMaskedImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* map,
                           bool interpolate, Stream* mask, int mw, int mh, GfxImageColorMap* mmap,
                           bool minterpolate) override {
    masked_ = true;
    OutputDev::drawSoftMaskedImage(state, ref, str, width, height, map, interpolate, mask, mw, mh, mmap, minterpolate);
    masked_ = false;
  }
  // Anything else drawn on the page: the JPEG alone would not be the page.
  void stroke(GfxState*) override { marks_ = true; }
  void fill(GfxState*) override { marks_ = true; }
  void eoFill(GfxState*) override { marks_ = true; }
  void drawString(GfxState*, const GooString*) override { marks_ = true; }

  double area = 0;  // points², of the largest image
  double dpi = 0;   // its resolution (the finer of its two axes)
  // The largest image's JPEG bytes, when it alone is the page (see above); else empty.
  std::string Jpeg() const { return marks_ || images_ > 1 ? std::string() : jpeg_; }
  int jpeg_width = 0, jpeg_height = 0;

 private:
  // True when this image is now the largest.
  bool Note(GfxState* state, int width, int height) {
    ++images_;
    const double* m = state->getCTM();  // the image's unit square in points (72 dpi)
    double a = std::fabs(m[0] * m[3] - m[1] * m[2]);
    double wx = std::hypot(m[0], m[1]), hy = std::hypot(m[2], m[3]);
    if (a <= area || wx <= 0 || hy <= 0) return false;
    area = a;
    dpi = std::max(width * 72.0 / wx, height * 72.0 / hy);
    jpeg_.clear();
    return true;
  }
  void KeepJpeg(GfxState* state, Stream* str, int width, int height, GfxImageColorMap* map) {
    const double* m = state->getCTM();
    // Upright and not mirrored: image rows run down the page (device y grows downwards).
    bool upright = m[1] == 0 && m[2] == 0 && m[0] > 0 && m[3] < 0;
    bool covers = area >= 0.95 * page_area_ && area <= 1.05 * page_area_;
    if (!upright || !covers || str->getKind() != strDCT || !map || map->getBits() != 8) return;
    int comps = map->getNumPixelComps();
    GfxColorSpaceMode mode = map->getColorSpace()->getMode();
    if (comps != 1 && comps != 3) return;
    if (mode != csDeviceGray && mode != csDeviceRGB && mode != csICCBased && mode != csCalGray && mode != csCalRGB)
      return;
    for (int c = 0; c < comps; ++c)  // an inverting /Decode array: let poppler draw it
      if (map->getDecodeLow(c) != 0 || map->getDecodeHigh(c) != 1) return;
    if (static_cast<long long>(width) * height > max_pixels_) return;
    Stream* raw = str->getNextStream();  // the JPEG bytes as stored (after any outer filter)
    if (!raw) return;
    raw->reset();
    raw->fillString(jpeg_);  // in 4 KB reads where the stream has them (a PDF held in memory does)
    raw->close();
    jpeg_width = width;
    jpeg_height = height;
  }

  double page_area_;
  long long max_pixels_;
  int images_ = 0;
  bool masked_ = false, marks_ = false;
  std::string jpeg_;
};

struct Scan {
  int dpi = 0;       // to draw the page at
  std::string jpeg;  // the page itself, when it is one JPEG (see ScanFinder)
  int width = 0, height = 0;  // the JPEG's size as the PDF declares it
};

// How to read a page without a text layer: at the scan's own resolution when one image
// covers at least half the page (no upsampling, no wasted pixels), at most `max_dpi`;
// `max_dpi` otherwise.
Scan FindScan(PDFDoc* core, int index, double page_area, int max_dpi, long long max_pixels) {
  Scan scan;
  scan.dpi = max_dpi;
  if (!core || !core->isOk() || page_area <= 0) return scan;
  ScanFinder finder(page_area, max_pixels);
  core->displayPage(&finder, index + 1, 72, 72, 0, true, false, false);
  if (finder.area < 0.5 * page_area || finder.dpi <= 0) return scan;
  scan.dpi = std::clamp(static_cast<int>(std::lround(finder.dpi)), 72, max_dpi);
  if (finder.dpi <= max_dpi * 1.05) {
    scan.jpeg = finder.Jpeg();
    scan.width = finder.jpeg_width;
    scan.height = finder.jpeg_height;
  }
  return scan;
}

// The page's JPEG decoded (Leptonica), when it is what FindScan said; else nullptr.
Pix* DecodeJpeg(const Scan& scan) {
  l_int32 warnings = 0;
  Pix* pix = pixReadMemJpeg(reinterpret_cast<const l_uint8*>(scan.jpeg.data()), scan.jpeg.size(), 0, 1, &warnings, 0);
  if (pix && (pixGetWidth(pix) != scan.width || pixGetHeight(pix) != scan.height ||
              (pixGetDepth(pix) != 8 && pixGetDepth(pix) != 32)))
    pixDestroy(&pix);
  if (pix) pixSetResolution(pix, scan.dpi, scan.dpi);
  return pix;
}

}  // namespace

Result<LoadedText> LoadPdf(std::string_view bytes, const std::string& path, const OcrReader& ocr,
                           PageShare share) {
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(Quiet, nullptr); });
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return PdfError("the PDF cannot be opened (it is damaged or cut short)");
  if (doc->is_locked())
    return PdfError("the PDF is encrypted (password-protected); remove the password and add it again");
  int n = doc->pages();
  if (n <= 0) return PdfError("the PDF has no pages");

  const OcrSettings& s = ocr.settings();
  std::mutex poppler_lock;
  std::vector<Result<PageText>> pages(static_cast<std::size_t>(n), Result<PageText>(PageText()));
  std::vector<char> scanned(static_cast<std::size_t>(n), 0);
  std::vector<std::string> legacy(static_cast<std::size_t>(n));
  std::unique_ptr<PDFDoc> core;  // opened on the first page without a text layer
  ocr.ForPages(n, [&](int i) {
    std::string where = "page " + std::to_string(i + 1) + ": ";
    std::unique_lock lock(poppler_lock);
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) {
      pages[i] = PdfError(where + "the page cannot be read (the PDF is damaged)");
      return;
    }
    poppler::rectf rect = page->page_rect();
    std::vector<OcrWord> words;
    std::size_t letters = 0;
    for (const poppler::text_box& tb : page->text_list()) {
      OcrWord w;
      w.text = Utf8(tb.text());
      poppler::rectf b = tb.bbox();
      // Points x4: integer boxes with sub-point precision.
      w.box = Box{static_cast<int>(b.x() * 4), static_cast<int>(b.y() * 4),
                  static_cast<int>((b.x() + b.width()) * 4), static_cast<int>((b.y() + b.height()) * 4)};
      for (unsigned char c : w.text) letters += std::isalpha(c) || c >= 0xC0;
      if (!w.text.empty()) words.push_back(std::move(w));
    }
    if (letters >= 10) {
      lock.unlock();
      // A legacy font read as Latin-1: repair every word with the page's encoding.
      std::string all;
      for (const auto& w : words) all += w.text + " ";
      if (auto g = LegacyDecoder::Embedded().RepairLatin1(all)) {
        legacy[i] = g->encoding;
        for (auto& w : words)
          if (auto d = LegacyDecoder::Embedded().DecodeLatin1As(w.text, g->encoding)) w.text = *d;
      }
      pages[i] = ocr.layout().Lay(PageLayout::GroupWords(std::move(words)),
                                  static_cast<int>(rect.width() * 4), static_cast<int>(rect.height() * 4), false);
      return;
    }
    // No text layer: draw the page at its scan's resolution and read it.
    auto t0 = std::chrono::steady_clock::now();
    if (!core)
      core = std::make_unique<PDFDoc>(new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)));
    Scan scan = FindScan(core.get(), i, rect.width() * rect.height(), s.render_dpi, s.max_page_pixels);
    int dpi = scan.dpi;
    std::unique_ptr<Pix, void (*)(Pix*)> pix(nullptr, [](Pix* p) { pixDestroy(&p); });
    if (!scan.jpeg.empty()) {
      page.reset();
      lock.unlock();
      pix.reset(DecodeJpeg(scan));
      scan.jpeg = std::string();
    }
    if (!pix) {
      if (!lock.owns_lock()) {
        lock.lock();
        page.reset(doc->create_page(i));
      }
      long long px = static_cast<long long>(rect.width() * dpi / 72.0) *
                     static_cast<long long>(rect.height() * dpi / 72.0);
      if (px > s.max_page_pixels || !page) {
        pages[i] = page ? StageError{"ocr", where + "the page is too large to read at " + std::to_string(dpi) + " dpi"}
                        : PdfError(where + "the page cannot be read (the PDF is damaged)");
        return;
      }
      poppler::page_renderer renderer;
      renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
      renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
      poppler::image img = renderer.render_page(page.get(), dpi, dpi);
      page.reset();
      lock.unlock();
      if (!img.is_valid()) {
        pages[i] = PdfError(where + "the page cannot be drawn (the PDF is damaged)");
        return;
      }
      pix.reset(ToPix(img, dpi));
    }
    scanned[i] = 1;
    if (!ocr.dump_dir().empty()) {  // see ocr.h: for measuring
      std::lock_guard dump_lock(poppler_lock);
      std::ofstream(ocr.dump_dir() + "/render.tsv", std::ios::app)
          << i + 1 << "\trender " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << '\n';
    }
    pages[i] = ocr.ReadPage(pix.get(), i + 1);
  }, share);
  Result<LoadedText> out = OcrReader::JoinPages(pages, bytes);
  if (!out) return out;
  LoadedText& t = out.value();
  if (t.utf8.find_first_not_of(" \n") == std::string::npos)
    return StageError{"ocr", "no text could be read on any page (" + std::to_string(n) + " page" + (n > 1 ? "s" : "") + ")"};
  t.ocr = std::find(scanned.begin(), scanned.end(), 1) != scanned.end();
  t.format = t.ocr ? "pdf-scan" : "pdf-text";
  t.encoding = "utf-8";
  for (const auto& e : legacy)
    if (!e.empty()) t.encoding = e;
  (void)path;
  return out;
}

}  // namespace vanban
