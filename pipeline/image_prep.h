// Image preparation before OCR (Leptonica): a scanned or photographed page in, a clean
// binary page out (1 bit per pixel; 8-bit grey when binarisation is off or fails),
// upright, straight and at a resolution Tesseract reads well. Binary, not binary values
// in 8 bits: Tesseract then skips its own thresholding (3 % of a page's time, the same
// text on the 16 whole scanned documents of bench/run_scan_quality.sh).
//
//   PrepOptions o;                       // every step on; switch one off to measure it
//   Pix* page = PreparePage(raw, o, &info);   // caller owns the result (pixDestroy)
//
// Steps, in order: red and blue ink removed (seal, signature, handwritten notes in colour)
// while the page is still in colour; grey; upsampling of low-resolution pages (below
// min_dpi, from the image's own resolution or, without one, its width taken as A4);
// skew found and corrected (pixFindSkew, from 0.1° to ±6°); adaptive (Sauvola) binarisation for
// uneven light; on a page that came in grey, ink lighter than print (a red seal or a blue
// signature, mid grey) dropped from the binary page except near print-dark pixels (part
// of remove_colour_ink); orientation (upside down, on its side) found and corrected
// (pixOrientCorrect); dark scanner borders cleared. A black-and-white page (1 bit per
// pixel) at min_dpi or more and skewed less than min_skew_degrees skips to the last two
// steps: it is binary already (22 ms against 235 ms on an A4 page at 300 dpi).
// Fails: never; a step that cannot run leaves the page as it was.
#pragma once

struct Pix;

namespace vanban {

struct PrepOptions {
  bool remove_colour_ink = true;
  bool deskew = true;
  bool binarize = true;
  bool orient = true;  // on the binary page: needs binarize
  bool clear_border = true;
  int min_dpi = 200;   // upsample below this
  double min_skew_degrees = 0.1;  // smaller skew is left as it is (rules/ocr.yaml says why)
  int target_dpi = 300;
};

struct PrepInfo {
  int dpi = 0;              // resolution after preparation
  double skew_degrees = 0;  // skew found (corrected when deskew is on and it is at least min_skew_degrees)
  int rotation = 0;         // degrees the page was turned to stand upright (0, 90, 180, 270)
};

Pix* PreparePage(Pix* raw, const PrepOptions& options, PrepInfo* info);

}  // namespace vanban
