#include "pipeline/ocr.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "pipeline/vntext.h"

namespace vanban {
namespace {

StageError OcrError(const std::string& m) { return StageError{"ocr", m}; }

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

std::string Megapixels(long long n) { return std::to_string((n + 500000) / 1000000) + " megapixels"; }

}  // namespace

struct OcrReader::Impl {
  Impl(const RuleSet& rules, OcrSettings s) : settings(s), layout(rules) {
    const YAML::Node& f = rules.File("ocr");
    if (f["max_page_pixels"]) settings.max_page_pixels = f["max_page_pixels"].as<long long>();
    if (f["page_seconds"]) settings.page_seconds = f["page_seconds"].as<int>();
    if (f["render_dpi"]) settings.render_dpi = f["render_dpi"].as<int>();
    if (f["min_text_dpi"]) settings.prep.min_dpi = f["min_text_dpi"].as<int>();
    if (f["min_skew_degrees"]) settings.prep.min_skew_degrees = f["min_skew_degrees"].as<double>();
    if (settings.workers <= 0) {
      const char* env = std::getenv("VANBAN_OCR_WORKERS");
      settings.workers = env ? std::atoi(env) : static_cast<int>(std::thread::hardware_concurrency());
      if (settings.workers <= 0) settings.workers = 1;
    }
    // For measuring what each preparation step buys (bench/run_ocr_bench.sh):
    // VANBAN_OCR_PREP_OFF=ink,deskew,binarize,border,upsample.
    if (const char* off = std::getenv("VANBAN_OCR_PREP_OFF")) {
      std::string o = off;
      if (o.find("ink") != std::string::npos) settings.prep.remove_colour_ink = false;
      if (o.find("deskew") != std::string::npos) settings.prep.deskew = false;
      if (o.find("binarize") != std::string::npos) settings.prep.binarize = false;
      if (o.find("border") != std::string::npos) settings.prep.clear_border = false;
      if (o.find("orient") != std::string::npos) settings.prep.orient = false;
      if (o.find("upsample") != std::string::npos) settings.prep.min_dpi = 0;
    }
    // For measuring the pipeline against bare Tesseract on the same page
    // (bench/run_pdf_bench.sh): VANBAN_OCR_DUMP=DIR writes each prepared page as
    // DIR/page-N.png and a line per page to DIR/times.tsv (seconds spent preparing,
    // in Tesseract, laying out). One file at a time: pages are named by number only.
    if (const char* dump = std::getenv("VANBAN_OCR_DUMP")) dump_dir = dump;
    setMsgSeverity(L_SEVERITY_NONE);  // Leptonica's own stderr chatter; errors come back as values
  }

  OcrSettings settings;
  PageLayout layout;
  std::string dump_dir;
  std::mutex dump_mu;
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::unique_ptr<tesseract::TessBaseAPI>> idle;
  int created = 0;
  std::string init_error;

  // Borrows an engine (initialising a new one while fewer than `workers` exist).
  std::unique_ptr<tesseract::TessBaseAPI> Checkout(std::string* error) {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return !idle.empty() || created < settings.workers || !init_error.empty(); });
    if (!init_error.empty()) {
      *error = init_error;
      return nullptr;
    }
    if (!idle.empty()) {
      auto api = std::move(idle.back());
      idle.pop_back();
      return api;
    }
    ++created;
    lock.unlock();
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    if (api->Init(nullptr, "vie", tesseract::OEM_LSTM_ONLY) != 0) {
      lock.lock();
      --created;
      init_error =
          "the Vietnamese OCR data (tesseract-ocr-vie) is not installed or cannot be loaded";
      *error = init_error;
      cv.notify_all();
      return nullptr;
    }
    api->SetPageSegMode(tesseract::PSM_AUTO);
    return api;
  }
  void Return(std::unique_ptr<tesseract::TessBaseAPI> api) {
    api->Clear();
    std::lock_guard lock(mu);
    idle.push_back(std::move(api));
    cv.notify_one();
  }
};

OcrReader::OcrReader(const RuleSet& rules) : OcrReader(rules, OcrSettings()) {}
OcrReader::OcrReader(const RuleSet& rules, OcrSettings settings)
    : impl_(std::make_unique<Impl>(rules, settings)) {}
OcrReader::~OcrReader() = default;
const PageLayout& OcrReader::layout() const { return impl_->layout; }
const std::string& OcrReader::dump_dir() const { return impl_->dump_dir; }
const OcrSettings& OcrReader::settings() const { return impl_->settings; }
int OcrReader::workers() const { return impl_->settings.workers; }

void OcrReader::ForPages(int n, const std::function<void(int)>& fn, PageShare share) const {
  int threads = std::min(n, impl_->settings.workers);
  if (!share.live() && share.Now() > 0) threads = std::min(threads, share.Now());
  if (threads <= 1) {
    for (int i = 0; i < n; ++i) fn(i);
    return;
  }
  // Each thread takes the next page while fewer than the share's pages are being read; a
  // thread over the share waits, looking at a live share again every 50 ms (a core handed
  // over is taken up within that) and whenever a page ends.
  std::mutex mu;
  std::condition_variable cv;
  int next = 0, reading = 0;
  auto allowed = [&] {
    int now = share.Now();
    return now > 0 ? std::min(now, threads) : threads;
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      std::unique_lock lock(mu);
      while (next < n) {
        if (reading >= allowed()) {
          cv.wait_for(lock, std::chrono::milliseconds(50));
          continue;
        }
        int i = next++;
        ++reading;
        lock.unlock();
        fn(i);
        lock.lock();
        --reading;
        cv.notify_all();
      }
    });
  for (auto& th : pool) th.join();
}

Result<PageText> OcrReader::ReadPage(Pix* pix, int page) const {
  const OcrSettings& s = impl_->settings;
  std::string where = "page " + std::to_string(page) + ": ";
  long long w = pixGetWidth(pix), h = pixGetHeight(pix);
  if (w * h > s.max_page_pixels)
    return OcrError(where + "the page is too large to read (" + std::to_string(w) + " × " +
                    std::to_string(h) + " pixels; the limit is " + Megapixels(s.max_page_pixels) + ")");
  if (w < 16 || h < 16) return OcrError(where + "the image is too small to hold text (" +
                                        std::to_string(w) + " × " + std::to_string(h) + " pixels)");
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  PrepInfo info;
  PixPtr prepared(PreparePage(pix, s.prep, &info));
  auto t1 = Clock::now();
  std::string error;
  auto api = impl_->Checkout(&error);
  if (!api) return OcrError(error);
  api->SetImage(prepared.get());
  api->SetSourceResolution(info.dpi > 0 ? info.dpi : 300);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(s.page_seconds * 1000);
  int rc = api->Recognize(&monitor);
  if (rc != 0 || monitor.deadline_exceeded()) {
    bool late = monitor.deadline_exceeded();
    impl_->Return(std::move(api));
    return OcrError(where + (late ? "reading the page took longer than " +
                                        std::to_string(s.page_seconds) + " s; it was skipped"
                                  : std::string("the OCR engine could not read the page")));
  }
  std::vector<OcrLine> lines;
  std::string flat;
  if (!s.layout) {
    char* text = api->GetUTF8Text();
    if (text) flat = text;
    delete[] text;
  } else {
    std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
    if (it && !it->Empty(tesseract::RIL_WORD)) {
      do {
        if (it->Empty(tesseract::RIL_WORD)) continue;
        char* txt = it->GetUTF8Text(tesseract::RIL_WORD);
        if (!txt) continue;
        OcrWord word;
        word.text = txt;
        delete[] txt;
        word.confidence = it->Confidence(tesseract::RIL_WORD);
        it->BoundingBox(tesseract::RIL_WORD, &word.box.x0, &word.box.y0, &word.box.x1, &word.box.y1);
        if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || lines.empty()) lines.emplace_back();
        lines.back().words.push_back(std::move(word));
      } while (it->Next(tesseract::RIL_WORD));
    }
  }
  impl_->Return(std::move(api));
  auto t2 = Clock::now();
  if (!s.layout) {
    PageText t;
    t.text = flat;
    return t;
  }
  Result<PageText> laid = impl_->layout.Lay(std::move(lines), pixGetWidth(prepared.get()), pixGetHeight(prepared.get()), true);
  if (!impl_->dump_dir.empty()) {
    auto secs = [](Clock::duration d) { return std::to_string(std::chrono::duration<double>(d).count()); };
    std::string png = impl_->dump_dir + "/page-" + std::to_string(page) + ".png";
    pixWrite(png.c_str(), prepared.get(), IFF_PNG);
    std::lock_guard lock(impl_->dump_mu);
    std::ofstream(impl_->dump_dir + "/times.tsv", std::ios::app)
        << page << '\t' << pixGetWidth(prepared.get()) << 'x' << pixGetHeight(prepared.get()) << '\t' << info.dpi
        << "\tprep " << secs(t1 - t0) << "\tocr " << secs(t2 - t1) << "\tlayout " << secs(Clock::now() - t2) << '\n';
  }
  return laid;
}

Result<LoadedText> OcrReader::JoinPages(std::vector<Result<PageText>>& pages, std::string_view bytes) {
  LoadedText out;
  out.sha256 = Sha256Hex(bytes);
  out.pages = static_cast<int>(pages.size());
  const PageText* before = nullptr;  // the last page with text
  for (auto& p : pages) {
    if (!p) return p.error();
    PageText& t = p.value();
    if (t.text.empty()) continue;
    // A paragraph that runs on overleaf is one paragraph: the page before ends no
    // sentence, and this one starts at the margin with a word in lower case, or (the
    // line before running to the right margin, as justified text does) with any word
    // that opens no list item, article or heading. Otherwise pages are paragraphs apart.
    bool runs_on = before && before->last_open && t.first_flush &&
                   (StartsLower(t.text) || before->last_full);
    if (!out.utf8.empty()) out.utf8 += runs_on ? (before->last_broken ? "" : " ") : "\n\n";
    for (auto& [off, field] : t.uncertain) out.uncertain.emplace_back(out.utf8.size() + off, field);
    out.utf8 += t.text;
    before = &t;
  }
  out.utf8 += '\n';
  return out;
}

Result<LoadedText> OcrReader::LoadImage(std::string_view bytes, const std::string& path, PageShare share) const {
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  if (pixReadHeaderMem(data, bytes.size(), &format, &w, &h, &bps, &spp, &cmap) != 0)
    return StageError{"load", "the image cannot be read (damaged, or not an image format this program reads)"};
  if (static_cast<long long>(w) * h > impl_->settings.max_page_pixels)
    return OcrError("page 1: the page is too large to read (" + std::to_string(w) + " × " +
                    std::to_string(h) + " pixels; the limit is " + Megapixels(impl_->settings.max_page_pixels) + ")");
  std::vector<PixPtr> images;
  if (format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_G3 || format == IFF_TIFF_LZW ||
      format == IFF_TIFF_ZIP || format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE || format == IFF_TIFF_JPEG) {
    size_t offset = 0;
    do {
      Pix* p = pixReadMemFromMultipageTiff(data, bytes.size(), &offset);
      if (!p) break;
      images.emplace_back(p);
      if (static_cast<long long>(pixGetWidth(p)) * pixGetHeight(p) > impl_->settings.max_page_pixels) break;
    } while (offset != 0 && images.size() < 2000);
  } else if (Pix* p = pixReadMem(data, bytes.size())) {
    images.emplace_back(p);
  }
  if (images.empty())
    return StageError{"load", "the image cannot be read (damaged, or not an image format this program reads)"};
  std::vector<Result<PageText>> pages(images.size(), Result<PageText>(PageText()));
  ForPages(static_cast<int>(images.size()), [&](int i) { pages[i] = ReadPage(images[i].get(), i + 1); },
           share);
  Result<LoadedText> out = JoinPages(pages, bytes);
  if (!out) return out;
  if (out.value().utf8.find_first_not_of(" \n") == std::string::npos)
    return OcrError("no text could be read on any page (" + std::to_string(images.size()) + " page" +
                    (images.size() > 1 ? "s" : "") + ")");
  out.value().format = "image";
  out.value().encoding = "utf-8";
  out.value().ocr = true;
  return out;
}

}  // namespace vanban
