// PDF input (poppler-cpp): a PDF's bytes in, the text of every page out.
//
//   Result<LoadedText> t = LoadPdf(bytes, "cv583.pdf", ocr);
//   t.value().format;   // "pdf-text" (every page from its text layer) | "pdf-scan"
//   t.value().pages, .ocr
//
// Page by page: a page with a usable text layer (letters in it) is read from the layer,
// its words and their boxes laid out by page_layout.h exactly as OCR's are (a text layer
// also interleaves the two header columns); a text layer drawn with a legacy Vietnamese
// font (TCVN3, VNI: "Céng hoµ") is converted (legacy_encoding.h). A page without one is
// rendered and read by OCR (ocr.h): at the resolution of its scan when one image covers
// at least half the page (found without decoding it; a 240-dpi scan is drawn at 240 dpi,
// not upsampled), at most render_dpi, and at render_dpi otherwise. Pages run in parallel
// across the OCR workers (a 4-page PDF keeps 2 workers busy); poppler is called under a
// lock (a document is not thread-safe) and only a worker's page is held in memory at a
// time.
// Fails (StageError "load"): a damaged or truncated PDF that cannot be opened, an
// encrypted one, one with no pages; a page that cannot be read is named by number.
// OCR failures come back with stage "ocr".
#pragma once

#include <string>
#include <string_view>

#include "pipeline/load.h"
#include "pipeline/ocr.h"
#include "pipeline/result.h"

namespace vanban {

// `share` caps the pages read at once (none: the OCR pool's size; OcrReader::ForPages).
Result<LoadedText> LoadPdf(std::string_view bytes, const std::string& path, const OcrReader& ocr,
                           PageShare share = {});

}  // namespace vanban
