#include "pipeline/image_prep.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace vanban {
namespace {

// The grey page of a 32-bit colour one, in one pass (no colour copy): red and blue ink
// (seal, signature) to white, black and grey print kept. A pixel is ink of a colour when
// that channel stands well above the other two. Other pixels get Leptonica's luminance
// (pixConvertRGBToLuminance: 0.3 R + 0.5 G + 0.2 B), so the result is the same as
// removing the ink from a copy and converting that.
Pix* GreyWithoutColourInk(Pix* rgb) {
  int w = pixGetWidth(rgb), h = pixGetHeight(rgb), wpl = pixGetWpl(rgb);
  Pix* grey = pixCreate(w, h, 8);
  if (!grey) return nullptr;
  const l_uint32* data = pixGetData(rgb);
  l_uint32* out = pixGetData(grey);
  int owpl = pixGetWpl(grey);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<long>(y) * wpl;
    l_uint32* oline = out + static_cast<long>(y) * owpl;
    for (int x = 0; x < w; ++x) {
      l_int32 r, g, b;
      extractRGBValues(line[x], &r, &g, &b);
      bool red = r - std::max(g, b) > 40;
      bool blue = b - std::max(r, g) > 30 && b > 90;
      int v;
      if (red || blue) {
        // Light coloured ink over paper goes white; print under the ink (dark in every
        // channel, so dark in its own colour too) keeps that darkness.
        int keep = red ? r : b;
        v = keep > 140 ? 255 : keep;
      } else {
        v = static_cast<int>(L_RED_WEIGHT * r + L_GREEN_WEIGHT * g + L_BLUE_WEIGHT * b + 0.5);
      }
      SET_DATA_BYTE(oline, x, v);
    }
  }
  return grey;
}

// On a page that came in grey, seal and signature ink cannot be told by colour, but a red
// seal prints mid-grey while text prints black. Ink pixels of the binary page are kept
// only near a pixel as dark as print (within `reach`, which keeps the grey edges of
// letters); strokes that are nowhere that dark (the seal's rings and lettering) go.
// "As dark as print": darker than a quarter of the way from the page's darkest ink (its
// 1st percentile) to its paper (the median).
void RemoveGreyInk(Pix* grey, Pix** bin, int reach) {
  Numa* hist = pixGetGrayHistogram(grey, 2);
  if (!hist) return;
  l_float32 dark = 0, paper = 0;
  numaHistogramGetValFromRank(hist, 0.01f, &dark);
  numaHistogramGetValFromRank(hist, 0.5f, &paper);
  numaDestroy(&hist);
  if (paper - dark < 80) return;  // no clear print against paper: leave the page
  int t = static_cast<int>(dark + (paper - dark) / 4);
  Pix* core = pixThresholdToBinary(grey, t);
  if (!core) return;
  Pix* near = pixDilateBrick(nullptr, core, 2 * reach + 1, 2 * reach + 1);
  pixDestroy(&core);
  if (!near) return;
  if (Pix* kept = pixAnd(nullptr, *bin, near)) {
    pixDestroy(bin);
    *bin = kept;
  }
  pixDestroy(&near);
}

// The binary page's last steps: turned upright when it lies on its side or upside down,
// and cleared of dark regions touching its edge.
void FinishBinary(Pix** binp, int dpi, const PrepOptions& o, PrepInfo* info) {
  Pix*& bin = *binp;
  if (o.orient) {
    // Upside down or on its side (a page fed the wrong way): Leptonica's text
    // orientation test on the binary page, corrected by 90/180/270°.
    // Leptonica's detector is surest near 150 dpi: decide on a halved copy of a
    // 300-dpi page.
    l_float32 up = 0, left = 0;
    l_int32 orient = L_TEXT_ORIENT_UNKNOWN;
    Pix* probe = dpi >= 250 ? pixReduceRankBinaryCascade(bin, 1, 0, 0, 0) : pixClone(bin);
    if (probe && pixOrientDetect(probe, &up, &left, 0, 0) == 0 &&
        makeOrientDecision(up, left, 0.0f, 0.0f, &orient, 0) == 0 &&
        orient != L_TEXT_ORIENT_UP && orient != L_TEXT_ORIENT_UNKNOWN) {
      l_int32 quads = orient == L_TEXT_ORIENT_LEFT ? 1 : orient == L_TEXT_ORIENT_DOWN ? 2 : 3;
      if (Pix* upright = pixRotateOrth(bin, quads)) {
        if (info) info->rotation = quads * 90;
        pixDestroy(&bin);
        bin = upright;
      }
    }
    pixDestroy(&probe);
  }
  if (o.clear_border) {
    // Dark scanner edges and punch holes touching the border: remove connected
    // black regions that touch the edge.
    Pix* cleared = pixRemoveBorderConnComps(bin, 8);
    if (cleared) {
      pixDestroy(&bin);
      bin = cleared;
    }
  }
}

// The page's resolution: the file's, else its width taken as an A4 page (8.27 in).
int PageDpi(Pix* raw) {
  int dpi = pixGetXRes(raw);
  return dpi > 0 && dpi <= 1200 ? dpi : static_cast<int>(pixGetWidth(raw) / 8.27);
}

// The skew of a binary page in degrees, when Leptonica finds it with confidence and it
// is within ±6° (more is no scanner's skew but a page on its side, for orientation).
std::optional<float> FindSkew(Pix* bin) {
  l_float32 angle = 0, conf = 0;
  if (bin && pixFindSkew(bin, &angle, &conf) == 0 && conf > 2.5 && std::fabs(angle) < 6.0) return angle;
  return std::nullopt;
}

// A page scanned in black and white (1 bit per pixel, as archives keep fax-compressed
// TIFFs) is already binary: at a good resolution and straight, it needs no grey copy and
// no Sauvola, only the binary page's last steps. Null when it needs more (upsampling or
// turning by its skew, which are done on grey); the skew found then is in *skew.
Pix* PrepareBinaryPage(Pix* raw, const PrepOptions& o, PrepInfo* info, std::optional<float>* skew) {
  if (pixGetDepth(raw) != 1 || pixGetColormap(raw) || !o.binarize) return nullptr;
  int dpi = PageDpi(raw);
  if (dpi <= 0 || dpi < o.min_dpi) return nullptr;
  if (std::optional<float> angle = o.deskew ? FindSkew(raw) : std::nullopt) {
    if (std::fabs(*angle) >= o.min_skew_degrees) {
      *skew = angle;
      return nullptr;
    }
    if (info) info->skew_degrees = *angle;
  }
  Pix* bin = pixCopy(nullptr, raw);
  if (!bin) return nullptr;
  pixSetResolution(bin, dpi, dpi);
  if (info) info->dpi = dpi;
  FinishBinary(&bin, dpi, o, info);
  pixSetResolution(bin, dpi, dpi);
  return bin;
}

}  // namespace

Pix* PreparePage(Pix* raw, const PrepOptions& o, PrepInfo* info) {
  std::optional<float> skew;  // found already (a skewed black-and-white page)
  if (Pix* bin = PrepareBinaryPage(raw, o, info, &skew)) return bin;
  Pix* cur = nullptr;
  bool colour = pixGetDepth(raw) == 32 || pixGetColormap(raw);
  if (colour) {
    Pix* rgb = pixGetDepth(raw) == 32 ? pixClone(raw) : pixConvertTo32(raw);
    cur = !rgb                  ? pixConvertTo8(raw, 0)
          : o.remove_colour_ink ? GreyWithoutColourInk(rgb)
                                : pixConvertRGBToLuminance(rgb);
    pixDestroy(&rgb);
  } else {
    cur = pixConvertTo8(raw, 0);
  }
  if (!cur) return pixClone(raw);
  int dpi = PageDpi(raw);
  if (dpi > 0 && dpi < o.min_dpi) {
    float f = std::min(4.0f, static_cast<float>(o.target_dpi) / static_cast<float>(dpi));
    if (Pix* up = pixScaleGrayLI(cur, f, f)) {
      pixDestroy(&cur);
      cur = up;
      dpi = static_cast<int>(dpi * f);
    }
  }
  pixSetResolution(cur, dpi, dpi);
  if (info) info->dpi = dpi;
  if (o.deskew) {
    if (!skew) {
      Pix* bin = pixConvertTo1(cur, 160);
      skew = FindSkew(bin);
      pixDestroy(&bin);
    }
    if (skew) {
      if (info) info->skew_degrees = *skew;
      // Below o.min_skew_degrees the page is left as it is (rules/ocr.yaml says why not
      // more: the layout's line geometry needs even small skew corrected).
      if (std::fabs(*skew) >= o.min_skew_degrees) {
        Pix* rot = pixRotate(cur, static_cast<float>(*skew * M_PI / 180.0), L_ROTATE_AREA_MAP,
                             L_BRING_IN_WHITE, 0, 0);
        if (rot) {
          pixDestroy(&cur);
          cur = rot;
        }
      }
    }
  }
  if (o.binarize) {
    // Sauvola with a window about 1/20 inch... wide enough to hold a stroke and its paper.
    int half = std::max(8, dpi / 10);
    Pix* bin = nullptr;
    // In tiles of about 500 pixels: the same result as one tile (Leptonica overlaps the
    // tiles by the window), 5× faster on an A4 page (0.1 s against 0.5 s at 240 dpi), as
    // the running sums of a tile stay in the cache.
    int nx = std::max(1, pixGetWidth(cur) / 500), ny = std::max(1, pixGetHeight(cur) / 500);
    if (pixSauvolaBinarizeTiled(cur, half, 0.34f, nx, ny, nullptr, &bin) == 0 && bin) {
      if (o.remove_colour_ink && !colour) RemoveGreyInk(cur, &bin, std::max(1, dpi / 100));
      FinishBinary(&bin, dpi, o, info);
      pixSetResolution(bin, dpi, dpi);
      pixDestroy(&cur);
      cur = bin;
    }
  }
  return cur;
}

}  // namespace vanban
