// How many pages of one scanned file a reader may read at once: its share of the cores.
//
//   PageShare all;                       // no cap: every OCR worker (OcrReader::ForPages)
//   PageShare two(2);                    // at most 2 pages at once
//   std::atomic<int> cell{1};
//   PageShare live = PageShare::Live(&cell);  // the owner may change it while the file is read
//   cell = 2;  // another reader fell idle: from the next page on, 2 pages at once
//
// Why a live share: `vanban ingest -j 2` on 2 cores gives each of its two readers one core
// while files wait (two readers reading two pages each crowd the cores: 10-20 % more CPU,
// BENCHMARKS.md "Scanned PDF"). When one reader runs out of files, the other is still
// reading its last file on one core, and the run ends on one core for the rest of that
// file. With a live share the orchestration (ingest.cpp) hands the idle core over, and the
// pages not yet started are read two at a time. The cell may live in memory shared with a
// reader's child process (worker.h); it is only ever read here, before each page starts
// and while a page waits for its turn, so a change takes effect within one page, or at
// once for a page that is waiting.
//
// In:  a cap (0: none) or a cell holding one. Out: Now(), the cap at this moment (0: none;
//      a live cell's value below 1 counts as 1, so a file always makes progress).
#pragma once

#include <atomic>

namespace vanban {

class PageShare {
 public:
  PageShare() = default;
  explicit PageShare(int cap) : cap_(cap > 0 ? cap : 0) {}
  static PageShare Live(const std::atomic<int>* cell) {
    PageShare s;
    s.cell_ = cell;
    return s;
  }

  bool live() const { return cell_ != nullptr; }
  int Now() const {
    if (!cell_) return cap_;
    int n = cell_->load(std::memory_order_relaxed);
    return n < 1 ? 1 : n;
  }

 private:
  int cap_ = 0;
  const std::atomic<int>* cell_ = nullptr;
};

static_assert(std::atomic<int>::is_always_lock_free,
              "a live share may sit in memory shared between processes");

}  // namespace vanban
