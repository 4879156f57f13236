// Page preparation (pipeline/image_prep.h) on the committed scans in corpus/scans: the
// whole of PreparePage, and PreparePage with one step switched off, so that a step's cost
// is the difference of two medians (the "what each step costs" column of BENCHMARKS.md).
//
//   build/bench/vanban_bench --benchmark_filter=Prep --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <leptonica/allheaders.h>

#include <string>

#include "pipeline/image_prep.h"

namespace {

// A page of corpus/scans, read once and kept for the whole run.
Pix* Page(const char* name) {
  static Pix* skew = nullptr;
  static Pix* lowdpi = nullptr;
  Pix*& slot = std::string(name) == "skew" ? skew : lowdpi;
  if (!slot) {
    setMsgSeverity(L_SEVERITY_NONE);
    std::string path = std::string(VANBAN_SOURCE_DIR) + "/corpus/scans/cv583." + name +
                       (std::string(name) == "skew" ? ".jpg" : ".png");
    slot = pixRead(path.c_str());
  }
  return slot;
}

// Off: 0 none, 1 colour ink, 2 deskew, 3 binarisation (and with it orientation and
// border), 4 orientation, 5 border clean-up.
void Prepare(benchmark::State& state, const char* page) {
  Pix* raw = Page(page);
  if (!raw) {
    state.SkipWithError("corpus/scans page not found");
    return;
  }
  vanban::PrepOptions o;
  switch (state.range(0)) {
    case 1: o.remove_colour_ink = false; break;
    case 2: o.deskew = false; break;
    case 3: o.binarize = false; break;
    case 4: o.orient = false; break;
    case 5: o.clear_border = false; break;
    default: break;
  }
  for (auto _ : state) {
    Pix* p = vanban::PreparePage(raw, o, nullptr);
    benchmark::DoNotOptimize(p);
    pixDestroy(&p);
  }
  state.counters["megapixels"] = pixGetWidth(raw) * pixGetHeight(raw) / 1e6;
}

void BM_PrepSkewedColourScan(benchmark::State& state) { Prepare(state, "skew"); }
void BM_PrepLowDpiGreyScan(benchmark::State& state) { Prepare(state, "lowdpi"); }

// A straight black-and-white page (the skewed scan, prepared: binary, 1 bit per pixel, as
// archives keep fax-compressed TIFFs), prepared again; arg 1: as a grey page of the same
// black and white (the whole grey path: deskew, Sauvola), what the binary page skips.
void BM_PrepBlackAndWhitePage(benchmark::State& state) {
  Pix* raw = Page("skew");
  if (!raw) {
    state.SkipWithError("corpus/scans page not found");
    return;
  }
  Pix* bw = vanban::PreparePage(raw, vanban::PrepOptions(), nullptr);
  Pix* page = state.range(0) == 1 ? pixConvertTo8(bw, 0) : pixClone(bw);
  pixCopyResolution(page, bw);
  for (auto _ : state) {
    Pix* p = vanban::PreparePage(page, vanban::PrepOptions(), nullptr);
    benchmark::DoNotOptimize(p);
    pixDestroy(&p);
  }
  state.counters["megapixels"] = pixGetWidth(bw) * pixGetHeight(bw) / 1e6;
  pixDestroy(&page);
  pixDestroy(&bw);
}

}  // namespace

BENCHMARK(BM_PrepSkewedColourScan)->ArgName("off")->DenseRange(0, 5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PrepLowDpiGreyScan)->ArgName("off")->DenseRange(0, 5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PrepBlackAndWhitePage)->ArgName("grey")->DenseRange(0, 1)->Unit(benchmark::kMillisecond);
