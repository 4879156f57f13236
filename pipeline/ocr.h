// OCR stage: page images in, laid-out text out (Tesseract, language "vie").
//
//   OcrReader ocr(rules);                                   // rules/ocr.yaml; cheap
//   Result<LoadedText> t = ocr.LoadImage(bytes, "scan.tif"); // every page of the file
//   Result<PageText> p = ocr.ReadPage(pix, 3);              // one page (PDF rendering)
//
// Engines: a pool of `workers` TessBaseAPI, each initialised once (on first use) and
// reused for every later page; a page borrows one for its whole reading, so at most
// `workers` pages are read at once whatever the number of calling threads. Pages of one
// file run in parallel across the pool, or across fewer threads when the caller says so
// (an ingest with more files waiting gives each reader its share of the cores, and hands
// it more while the file is read when another reader falls idle: page_share.h).
// Tesseract's own OpenMP threads must be off (OMP_THREAD_LIMIT=1 in the environment
// before the process starts: `vanban extract` re-executes itself with it set, the
// readers of `ingest` and `watch` inherit it).
//
// Each page goes through image_prep.h, then Tesseract, then page_layout.h (zoning,
// confusion repairs, uncertain fields).
// Fails (StageError "ocr"): the language data cannot be loaded, a page larger than
// max_page_pixels, a page that takes longer than page_seconds, no text on any page.
// Fails ("load"): bytes that are not an image Leptonica can read (corrupt JPEG, ...).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "pipeline/image_prep.h"
#include "pipeline/load.h"
#include "pipeline/page_layout.h"
#include "pipeline/page_share.h"
#include "pipeline/result.h"
#include "pipeline/rules.h"

struct Pix;

namespace vanban {

struct OcrSettings {
  int workers = 0;                    // 0 = VANBAN_OCR_WORKERS, else the number of cores
  long long max_page_pixels = 60000000;
  int page_seconds = 60;
  int render_dpi = 300;
  PrepOptions prep;
  bool layout = true;                 // false: Tesseract's own text order (for comparison)
};

class OcrReader {
 public:
  explicit OcrReader(const RuleSet& rules);
  OcrReader(const RuleSet& rules, OcrSettings settings);
  ~OcrReader();

  // `share` caps the pages read at once for this file (none: the pool's size).
  Result<LoadedText> LoadImage(std::string_view bytes, const std::string& path, PageShare share = {}) const;
  // One page image (any depth); `page` (1-based) only names it in messages.
  Result<PageText> ReadPage(Pix* pix, int page) const;
  // Runs fn(0..n-1) on up to `workers` threads, with at most share.Now() calls at once
  // (looked at again before each page starts); returns when all are done.
  void ForPages(int n, const std::function<void(int)>& fn, PageShare share = {}) const;
  // Joins page texts into one LoadedText, or the first page error (with its page number).
  // Pages are separated by a blank line, except where a paragraph runs on overleaf (the
  // page before ends no sentence and this one starts flush left in lower case, or with
  // any word after a full last line): there they are joined by a space.
  static Result<LoadedText> JoinPages(std::vector<Result<PageText>>& pages, std::string_view bytes);

  const PageLayout& layout() const;
  // VANBAN_OCR_DUMP's folder (a measuring aid, bench/run_pdf_bench.sh), or empty.
  const std::string& dump_dir() const;
  const OcrSettings& settings() const;
  int workers() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban
