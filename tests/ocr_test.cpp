// Scans and PDFs: input dispatch, OCR, layout zoning, uncertain fields, bad input.
// Uses the small generated set in corpus/scans/ (tools/scangen; ground truth beside each
// page) and pages built here.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "pipeline/image_prep.h"
#include "pipeline/load.h"
#include "pipeline/ocr.h"
#include "pipeline/page_layout.h"
#include "tests/test_util.h"

namespace {

using vanban::Record;

std::string ScanPath(const std::string& name) { return vanban_test::SourcePath("corpus/scans/" + name); }

std::string PixToPng(Pix* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  pixWriteMem(&data, &size, pix, IFF_PNG);
  std::string out(reinterpret_cast<char*>(data), size);
  lept_free(data);
  return out;
}

// The committed PDF's page drawn at 300 dpi: a clean scan of the generated page.
std::string CleanPagePng() {
  std::string pdf = vanban_test::ReadFile(ScanPath("cv583.pdf"));
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc) return "";
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  poppler::page_renderer r;
  poppler::image img = r.render_page(page.get(), 300, 300);
  Pix* pix = pixCreate(img.width(), img.height(), 32);
  for (int y = 0; y < img.height(); ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(img.const_data() + y * img.bytes_per_row());
    for (int x = 0; x < img.width(); ++x)
      composeRGBPixel(row[4 * x + 2], row[4 * x + 1], row[4 * x], pixGetData(pix) + y * pixGetWpl(pix) + x);
  }
  pixSetResolution(pix, 300, 300);
  std::string png = PixToPng(pix);
  pixDestroy(&pix);
  return png;
}

// Checked by hand against corpus/scans/cv583.gt.txt (from seed 003).
void ExpectCv583(const vanban::Document& d, bool signer) {
  EXPECT_EQ(vanban_test::Show(d.number), "\"583\"");
  EXPECT_EQ(vanban_test::Show(d.symbol), "\"UBND\"");
  EXPECT_EQ(vanban_test::Show(d.date), "\"2024-03-15\"");
  EXPECT_EQ(vanban_test::Show(d.issuer.name), "\"Ủy ban nhân dân huyện Sơn Tây\"");
  EXPECT_EQ(vanban_test::Show(d.place), "\"Sơn Tây\"");
  ASSERT_GE(d.recipients.size(), 1u);
  EXPECT_EQ(d.recipients[0], "Công an huyện");
  ASSERT_GE(d.distribution.size(), 1u);
  EXPECT_EQ(vanban_test::Canon(d.distribution[0]), vanban_test::Canon("Như trên"));
  if (signer) {
    // The seal sits on the name: a tone mark may go ("Trần"), the letters may not.
    ASSERT_TRUE(d.signer.name.has_value());
    EXPECT_EQ(vanban::Fold(*d.signer.name), "nguyen ngoc tran");
    EXPECT_EQ(vanban_test::Show(d.signer.position), "\"Chủ tịch\"");
  }
  EXPECT_TRUE(d.uncertain.empty());
}

TEST(InputKind, ByMagicBytesNotName) {
  using vanban::InputKind;
  EXPECT_EQ(vanban::DetectInputKind("%PDF-1.7\n..."), InputKind::kPdf);
  EXPECT_EQ(vanban::DetectInputKind(std::string("\x89PNG\r\n\x1A\n\0\0", 10)), InputKind::kImage);
  EXPECT_EQ(vanban::DetectInputKind("\xFF\xD8\xFF\xE0 JFIF"), InputKind::kImage);
  EXPECT_EQ(vanban::DetectInputKind(std::string("II*\0\x08\0", 6)), InputKind::kImage);
  EXPECT_EQ(vanban::DetectInputKind(std::string("MM\0*\0\0", 6)), InputKind::kImage);
  EXPECT_EQ(vanban::DetectInputKind("Số: 583/UBND\nPDF-1 là tên gọi"), InputKind::kText);
  // A bitmap is "BM", its size, then four zero bytes; a text that begins "BM" is text.
  EXPECT_EQ(vanban::DetectInputKind(std::string("BM\x36\x0C\0\0\0\0\0\0\x36\0\0\0", 14)),
            InputKind::kImage);
  EXPECT_EQ(vanban::DetectInputKind("BMW Việt Nam"), InputKind::kText);
  EXPECT_EQ(vanban::DetectInputKind("BM01 - Biểu mẫu báo cáo"), InputKind::kText);
}

// The most calls of fn(i) that ForPages runs at once for 4 pages on a pool of 2 workers,
// capped at `cap`, and whether they all ran on the calling thread. With `wait_for_second`, each
// call waits (at most 10 s) for a second one to start, so that a second thread, when
// there is one, is always seen.
struct PagesAtOnce {
  int most = 0;
  bool on_caller = true;  // every call ran on the thread that called ForPages
};
PagesAtOnce RunPages(int cap, bool wait_for_second) {
  vanban::OcrSettings settings;
  settings.workers = 2;
  vanban::OcrReader ocr(vanban_test::Rules(), settings);
  std::mutex mu;
  std::condition_variable cv;
  int inside = 0;
  PagesAtOnce seen;
  const std::thread::id caller = std::this_thread::get_id();
  ocr.ForPages(4, [&](int) {
    std::unique_lock lock(mu);
    seen.most = std::max(seen.most, ++inside);
    if (std::this_thread::get_id() != caller) seen.on_caller = false;
    cv.notify_all();
    if (wait_for_second) cv.wait_for(lock, std::chrono::seconds(10), [&] { return seen.most >= 2; });
    --inside;
  }, vanban::PageShare(cap));
  return seen;
}

TEST(OcrPool, PagesOfAFileRunAcrossThePoolOrAsFewThreadsAsTheCallerSays) {
  EXPECT_EQ(RunPages(0, true).most, 2) << "no cap: the whole pool";
  EXPECT_EQ(RunPages(8, true).most, 2) << "never more than the pool";
  PagesAtOnce one = RunPages(1, false);
  EXPECT_EQ(one.most, 1) << "a reader given one core reads one page at a time";
  EXPECT_TRUE(one.on_caller) << "one page at a time, on the calling thread (no pool thread)";
}

TEST(OcrPool, ALiveShareRaisedWhileAPageIsReadStartsTheNextPageAtOnce) {
  // A reader given one core is handed a second while its first page is being read (the
  // other reader ran out of files): the next page starts then, not after the first ends.
  vanban::OcrSettings settings;
  settings.workers = 2;
  vanban::OcrReader ocr(vanban_test::Rules(), settings);
  std::atomic<int> cell{1};
  std::mutex mu;
  std::condition_variable cv;
  int inside = 0, most = 0;  // pages being read; the most at once while page 1 is read
  bool alone = false, second_started = false;
  ocr.ForPages(4, [&](int i) {
    std::unique_lock lock(mu);
    ++inside;
    if (i > 0 && inside > most) most = inside;
    cv.notify_all();
    if (i == 0) {
      // 300 ms in which a second page would start, were the share of 1 not kept.
      cv.wait_for(lock, std::chrono::milliseconds(300), [&] { return inside >= 2; });
      alone = inside == 1;
      cell = 2;
      cv.wait_for(lock, std::chrono::seconds(10), [&] { return most >= 2; });
      second_started = most >= 2;
    }
    --inside;
  }, vanban::PageShare::Live(&cell));
  EXPECT_TRUE(alone) << "a second page started under a share of one";
  EXPECT_TRUE(second_started) << "the core handed over was not taken up while the page was read";
}

TEST(PageShare, FixedLiveAndNone) {
  EXPECT_EQ(vanban::PageShare().Now(), 0) << "none: no cap";
  EXPECT_EQ(vanban::PageShare(3).Now(), 3);
  EXPECT_EQ(vanban::PageShare(-2).Now(), 0) << "a negative cap is no cap";
  std::atomic<int> cell{2};
  vanban::PageShare live = vanban::PageShare::Live(&cell);
  EXPECT_TRUE(live.live());
  EXPECT_EQ(live.Now(), 2);
  cell = 0;
  EXPECT_EQ(live.Now(), 1) << "a live share never stops a file";
}

TEST(OcrRepair, NumbersAndSymbolsOnly) {
  vanban::PageLayout layout(vanban_test::Rules());
  EXPECT_EQ(layout.RepairToken("l879/QD-UBND"), "1879/QĐ-UBND");
  EXPECT_EQ(layout.RepairToken("34/2O16/ND-CP"), "34/2016/NĐ-CP");
  EXPECT_EQ(layout.RepairToken("O5/TB-UBND;"), "05/TB-UBND;");
  EXPECT_EQ(layout.RepairToken("(12/QD-TTg)"), "(12/QĐ-TTg)");
  EXPECT_EQ(layout.RepairToken("/QD-UBND"), "/QĐ-UBND");
  EXPECT_EQ(layout.RepairToken("05/HD-UBND"), "05/HD-UBND");  // HD is Hướng dẫn: not repaired
  EXPECT_EQ(layout.RepairToken("QD"), "QD");                  // free text: never
  EXPECT_EQ(layout.RepairToken("Ol/lO"), "Ol/lO");            // no digit, no letters: not a number
  EXPECT_EQ(layout.RepairToken("trên/dưới"), "trên/dưới");
}

TEST(OcrRepair, SymbolCodesMendedTowardKnownCodesOnly) {
  vanban::PageLayout layout(vanban_test::Rules());
  // Tesseract's readings of TT, TTLT, BTTTT, QH15 on 240-dpi scans of printed circulars.
  EXPECT_EQ(layout.RepairToken("03/2013/T1-BTTTT"), "03/2013/TT-BTTTT");
  EXPECT_EQ(layout.RepairToken("39/2016/TI-BTTTT;"), "39/2016/TT-BTTTT;");
  EXPECT_EQ(layout.RepairToken("32/2017/TT1-BTTTT"), "32/2017/TT-BTTTT");
  EXPECT_EQ(layout.RepairToken("16/2009/TTLTI-BTTTT-BCA"), "16/2009/TTLT-BTTTT-BCA");
  EXPECT_EQ(layout.RepairToken("38/2015/TTLT-BTTTTI-BTC"), "38/2015/TTLT-BTTTT-BTC");
  EXPECT_EQ(layout.RepairToken("16/2018/TT-BTTTTT"), "16/2018/TT-BTTTT");
  EXPECT_EQ(layout.RepairToken("88/2025/QHI15"), "88/2025/QH15");
  EXPECT_EQ(layout.RepairToken("16/2020/NÐ-CP"), "16/2020/NĐ-CP");  // U+00D0 for Đ
  EXPECT_EQ(layout.RepairToken("11/2010/FT-BTTTT"), "11/2010/TT-BTTTT");  // no F in Vietnamese
  EXPECT_EQ(layout.RepairToken("1440-CV/HŨU"), "1440-CV/HU");  // a mark read into a code
  // Known codes, and unknown codes no single change makes known, stay as read.
  EXPECT_EQ(layout.RepairToken("140/2025/QH15"), "140/2025/QH15");
  EXPECT_EQ(layout.RepairToken("12/KH-SNV"), "12/KH-SNV");
  EXPECT_EQ(layout.RepairToken("7/TB-BQLDA"), "7/TB-BQLDA");
  EXPECT_EQ(layout.RepairToken("702/UBQPANĐNI5"), "702/UBQPANĐNI5");  // no such code in rules/
  EXPECT_EQ(layout.RepairToken("101/2025/UBTVQHI5"), "101/2025/UBTVQH15");  // the term is two digits
  // Two known codes one change away would be a guess: "BIC" is BC (Báo cáo) or BTC.
  EXPECT_EQ(layout.RepairToken("5/BIC"), "5/BIC");
}

TEST(OcrRepair, HeaderPhrasesTowardTheClosedVocabulary) {
  vanban::PageLayout layout(vanban_test::Rules());
  // Lost spaces in a body head, in capitals.
  EXPECT_EQ(layout.RepairPhrases("ỦY BANNHÂNDÂN"), "ỦY BAN NHÂN DÂN");
  EXPECT_EQ(layout.RepairPhrases("TM. ỦY BANNHÂN DẦN"), "TM. ỦY BAN NHÂN DÂN");
  // A wrong tone mark; the printed case is kept.
  EXPECT_EQ(layout.RepairPhrases("Ủy ban nhân dần huyện"), "Ủy ban nhân dân huyện");
  // A speck inside a word, a tone lost; what follows the phrase stays.
  EXPECT_EQ(layout.RepairPhrases("PHÓ,CHỦ TICH:"), "PHÓ CHỦ TỊCH:");
  EXPECT_EQ(layout.RepairPhrases("Phó,chủ.tich"), "Phó chủ tịch");
  // A real separator (a word ending in a comma) is not read through.
  EXPECT_EQ(layout.RepairPhrases("Phó, Chủ tịch"), "Phó, Chủ tịch");
  // Names are not in the vocabulary: left as read, even when close to a phrase's word.
  EXPECT_EQ(layout.RepairPhrases("Nguyễn Ngọc Trần"), "Nguyễn Ngọc Trần");
  EXPECT_EQ(layout.RepairPhrases("HUYỆN SƠN TÂY"), "HUYỆN SƠN TÂY");
  // A body with its level; the place after it stays as read.
  EXPECT_EQ(layout.RepairPhrases("CHỦ TỊCH UBND TĨNH"), "CHỦ TỊCH UBND TỈNH");
  EXPECT_EQ(layout.RepairPhrases("ỦY BAN NHÂN DÂN HUYÊN SƠN TẦY"), "ỦY BAN NHÂN DÂN HUYỆN SƠN TẦY");
  // One word alone is never repaired ("SỐ" is not "SỞ").
  EXPECT_EQ(layout.RepairPhrases("SỐ"), "SỐ");
}

vanban::OcrLine Line(std::vector<std::tuple<std::string, int, int, float>> words, int y) {
  vanban::OcrLine l;
  for (auto& [t, x0, x1, c] : words) l.words.push_back({t, vanban::Box{x0, y, x1, y + 40}, c});
  return l;
}

TEST(OcrLayout, TwoColumnHeaderComesOutColumnByColumn) {
  vanban::PageLayout layout(vanban_test::Rules());
  // A 2480-pixel page: issuer left (x 300-900), motto right (x 1200-2200), body full width.
  std::vector<vanban::OcrLine> lines = {
      Line({{"ỦY", 400, 470, 95}, {"BAN", 490, 600, 95}, {"CỘNG", 1250, 1400, 95}, {"HÒA", 1420, 1530, 95}}, 100),
      Line({{"HUYỆN", 450, 640, 95}, {"Độc", 1300, 1400, 95}, {"lập", 1420, 1500, 95}}, 150),
      Line({{"Số:", 420, 500, 95}, {"68", 520, 580, 31}, {"/QD-UBND", 600, 900, 90},
            {"Sơn", 1250, 1350, 95}, {"Tây,", 1370, 1470, 95}, {"ngày", 1490, 1600, 96}, {"|0", 1620, 1680, 40},
            {"tháng", 1700, 1840, 96}, {"01", 1860, 1920, 93}, {"năm", 1940, 2040, 95}, {"2024", 2060, 2200, 95}}, 200),
      Line({{"Căn", 300, 400, 95}, {"cứ", 420, 480, 95}, {"Luật", 500, 2200, 95}}, 320),
  };
  vanban::PageText t = layout.Lay(lines, 2480, 3508, true);
  EXPECT_EQ(t.text,
            "ỦY BAN\nHUYỆN\nSố: /QĐ-UBND\n\nCỘNG HÒA\nĐộc lập\nSơn Tây, ngày tháng 01 năm 2024\n\nCăn cứ Luật");
  ASSERT_EQ(t.uncertain.size(), 2u);
  std::vector<std::string> fields;
  for (auto& [off, f] : t.uncertain) {
    fields.push_back(f);
    EXPECT_LE(off, t.text.size());
  }
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"date", "number"}));
}

TEST(OcrLayout, SubjectUnderTheNumberStaysInTheLeftColumn) {
  vanban::PageLayout layout(vanban_test::Rules());
  // A công văn: the "V/v" subject lines under the number reach x 1500, under the
  // place-date line (x 1250-2200), so no one vertical gap splits the whole header block.
  std::vector<vanban::OcrLine> lines = {
      Line({{"ỦY", 400, 470, 95}, {"BAN", 490, 600, 95}, {"CỘNG", 1250, 1400, 95}, {"HÒA", 1420, 1530, 95}}, 100),
      Line({{"HUYỆN", 450, 640, 95}, {"Độc", 1300, 1400, 95}, {"lập", 1420, 1500, 95}}, 150),
      Line({{"Số:", 420, 500, 95}, {"583/UBND", 520, 800, 95}, {"Sơn", 1250, 1350, 95}, {"Tây,", 1370, 1470, 95},
            {"ngày", 1490, 1600, 96}, {"15", 1620, 1680, 95}, {"tháng", 1700, 1840, 96}, {"3", 1860, 1900, 93},
            {"năm", 1940, 2040, 95}, {"2024", 2060, 2200, 95}}, 200),
      Line({{"V/v", 330, 420, 95}, {"triển", 440, 560, 95}, {"khai", 580, 700, 95}, {"thực", 720, 840, 95},
            {"hiện", 860, 980, 95}, {"nhiệm", 1000, 1200, 95}, {"vụ", 1220, 1500, 95}}, 250),
      Line({{"cải", 400, 480, 95}, {"cách", 500, 620, 95}, {"hành", 640, 760, 95}, {"chính", 780, 900, 95}}, 300),
      // Centred on the page (text area 300-2200): not part of a column.
      Line({{"Kính", 1100, 1220, 95}, {"gửi:", 1240, 1400, 95}}, 400),
      Line({{"Căn", 300, 400, 95}, {"cứ", 420, 480, 95}, {"Luật", 500, 2200, 95}}, 470),
  };
  vanban::PageText t = layout.Lay(lines, 2480, 3508, true);
  EXPECT_EQ(t.text,
            "ỦY BAN\nHUYỆN\nSố: 583/UBND\nV/v triển khai thực hiện nhiệm vụ\ncải cách hành chính\n\n"
            "CỘNG HÒA\nĐộc lập\nSơn Tây, ngày 15 tháng 3 năm 2024\n\nKính gửi:\nCăn cứ Luật");
}

TEST(OcrLayout, NumberWrappedInTheLeftColumnIsOneLine) {
  vanban::PageLayout layout(vanban_test::Rules());
  // The symbol broken at '/' ("105/2025/" | "UBTVQHI15") is one word again, repaired
  // whole; a line ending in a spaced dash goes on after a space; a number with a dot is a
  // number ("66.9").
  std::vector<vanban::OcrLine> lines = {
      Line({{"QUỐC", 400, 560, 95}, {"HỘI", 580, 700, 95}, {"CỘNG", 1250, 1400, 95}, {"HÒA", 1420, 1530, 95}}, 100),
      Line({{"Số:", 420, 500, 95}, {"105/2025/", 520, 800, 95}, {"Độc", 1300, 1400, 95}, {"lập", 1420, 1500, 95}}, 150),
      Line({{"UBTVQHI15", 450, 760, 92}, {"Hà", 1250, 1320, 95}, {"Nội,", 1340, 1440, 95}}, 200),
      Line({{"Căn", 300, 400, 95}, {"cứ", 420, 480, 95}, {"Luật", 500, 2200, 95}}, 320),
  };
  EXPECT_EQ(layout.Lay(lines, 2480, 3508, true).text,
            "QUỐC HỘI\nSố: 105/2025/UBTVQH15\n\nCỘNG HÒA\nĐộc lập\nHà Nội,\n\nCăn cứ Luật");
  lines[1].words[1].text = "66.9/2025/NQLT";
  lines[1].words.insert(lines[1].words.begin() + 2, {"-", vanban::Box{810, 150, 830, 190}, 95});
  lines[2].words[0].text = "CP";
  EXPECT_EQ(layout.Lay(lines, 2480, 3508, true).text,
            "QUỐC HỘI\nSố: 66.9/2025/NQLT - CP\n\nCỘNG HÒA\nĐộc lập\nHà Nội,\n\nCăn cứ Luật");
}

TEST(OcrLayout, NarrowLineFarBelowTheHeaderIsNotPartOfAColumn) {
  vanban::PageLayout layout(vanban_test::Rules());
  std::vector<vanban::OcrLine> lines = {
      Line({{"ỦY", 400, 470, 95}, {"BAN", 490, 600, 95}, {"CỘNG", 1250, 1400, 95}, {"HÒA", 1420, 1530, 95}}, 100),
      Line({{"HUYỆN", 450, 640, 95}, {"Độc", 1300, 1400, 95}, {"lập", 1420, 1500, 95}}, 150),
      // Five line heights below: a short body line, not the header's.
      Line({{"Đề", 300, 400, 95}, {"nghị", 420, 1500, 95}}, 400),
      Line({{"Căn", 300, 400, 95}, {"cứ", 420, 480, 95}, {"Luật", 500, 2200, 95}}, 450),
  };
  vanban::PageText t = layout.Lay(lines, 2480, 3508, true);
  EXPECT_EQ(t.text, "ỦY BAN\nHUYỆN\n\nCỘNG HÒA\nĐộc lập\n\nĐề nghị\nCăn cứ Luật");
}

TEST(OcrLayout, ListItemWrappedInTheFooterColumnIsOneLine) {
  vanban::PageLayout layout(vanban_test::Rules());
  std::vector<vanban::OcrLine> lines = {
      Line({{"Căn", 300, 400, 95}, {"cứ", 420, 480, 95}, {"Luật", 500, 2200, 95}}, 100),
      Line({{"Nơi", 300, 380, 95}, {"nhận:", 400, 520, 95}, {"TRƯỞNG", 1500, 1700, 95}, {"BAN", 1720, 1820, 95}}, 200),
      Line({{"-", 300, 320, 95}, {"Chủ", 340, 420, 95}, {"tịch,", 440, 540, 95}, {"các", 560, 640, 95},
            {"Phó", 660, 740, 95}, {"CT", 760, 820, 95}, {"UBND", 840, 960, 95}}, 250),
      Line({{"tỉnh;", 300, 400, 95}}, 300),
      Line({{"-", 300, 320, 95}, {"Lưu:", 340, 440, 95}, {"VT.", 460, 540, 95}, {"Võ", 1520, 1600, 95},
            {"Trọng", 1620, 1760, 95}, {"Hải", 1780, 1860, 95}}, 350),
  };
  vanban::PageText t = layout.Lay(lines, 2480, 3508, true);
  EXPECT_EQ(t.text, "Căn cứ Luật\n\nNơi nhận:\n- Chủ tịch, các Phó CT UBND tỉnh;\n- Lưu: VT.\n\nTRƯỞNG BAN\nVõ Trọng Hải");
}

TEST(OcrLayout, RecipientListIsRepairedTheBodyIsNot) {
  vanban::PageLayout layout(vanban_test::Rules());
  std::vector<vanban::OcrLine> lines = {
      Line({{"Kính", 1100, 1220, 95}, {"gửi:", 1240, 1400, 95}}, 100),
      Line({{"-", 500, 520, 95}, {"Các", 540, 620, 95}, {"cơ", 640, 700, 95}, {"quan", 720, 820, 95},
            {"chuyền", 840, 1000, 95}, {"môn", 1020, 1100, 95}, {"thuộc", 1120, 1240, 95}, {"UBND", 1260, 1380, 95},
            {"tĩnh;", 1400, 1500, 95}}, 150),
      // The body, after a paragraph space: read as it is, even where a phrase is near.
      Line({{"Cơ", 300, 380, 95}, {"quan", 400, 500, 95}, {"chuyền", 520, 680, 95}, {"môn", 700, 2200, 95}}, 260),
  };
  vanban::PageText t = layout.Lay(lines, 2480, 3508, true);
  EXPECT_EQ(t.text, "Kính gửi:\n- Các cơ quan chuyên môn thuộc UBND tỉnh;\n\nCơ quan chuyền môn");
}

TEST(OcrLayout, ConfidentDigitsAreKeptAndRepaired) {
  vanban::PageLayout layout(vanban_test::Rules());
  vanban::PageText t = layout.Lay({Line({{"Số:", 420, 500, 95}, {"l5/QD-UBND", 520, 900, 88}}, 100)}, 2480, 3508, true);
  EXPECT_EQ(t.text, "Số: 15/QĐ-UBND");
  EXPECT_TRUE(t.uncertain.empty());
  // The Party's form: the number before a dash, or none (a draft); "-CV" is no number.
  t = layout.Lay({Line({{"Số", 420, 500, 95}, {"1440-CV/HU", 520, 900, 91}}, 100)}, 2480, 3508, true);
  EXPECT_EQ(t.text, "Số 1440-CV/HU");
  EXPECT_TRUE(t.uncertain.empty());
  t = layout.Lay({Line({{"Số", 420, 500, 95}, {"-CV/HU", 530, 900, 91}}, 100)}, 2480, 3508, true);
  EXPECT_EQ(t.text, "Số -CV/HU");
  EXPECT_TRUE(t.uncertain.empty());
  // A symbol whose '/' the scan lost is no number before a dash: it stays as read.
  t = layout.Lay({Line({{"Số:", 420, 500, 95}, {"UBND-NC", 530, 900, 91}}, 100)}, 2480, 3508, true);
  EXPECT_EQ(t.text, "Số: UBND-NC");
  EXPECT_TRUE(t.uncertain.empty());
}

TEST(OcrPipeline, CleanPageGivesTheTextRecord) {
  std::string png = CleanPagePng();
  ASSERT_FALSE(png.empty());
  Record r = vanban_test::SharedPipeline()->ExtractBytes(png, "scans/cv583.png");
  ASSERT_FALSE(r.error) << r.error->stage << ": " << r.error->message;
  EXPECT_EQ(r.source.format, "image");
  EXPECT_TRUE(r.source.ocr);
  EXPECT_EQ(r.source.pages, 1);
  ASSERT_EQ(r.documents.size(), 1u);
  ExpectCv583(r.documents[0], true);
}

TEST(OcrPipeline, SkewedPhotoIsStraightenedAndRead) {
  std::string path = ScanPath("cv583.skew.jpg");
  Pix* raw = pixRead(path.c_str());
  ASSERT_NE(raw, nullptr);
  vanban::PrepInfo info;
  Pix* prepared = vanban::PreparePage(raw, vanban::PrepOptions(), &info);
  EXPECT_GT(std::abs(info.skew_degrees), 2.0) << "the generator skews by 2.5-5 degrees";
  pixDestroy(&prepared);
  pixDestroy(&raw);
  Record r = vanban_test::SharedPipeline()->ExtractFile(path);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.documents.size(), 1u);
  const auto& d = r.documents[0];
  EXPECT_EQ(vanban_test::Show(d.number), "\"583\"");
  EXPECT_EQ(vanban_test::Show(d.date), "\"2024-03-15\"");
  EXPECT_EQ(vanban_test::Show(d.signer.position), "\"Chủ tịch\"");
  // The same issuer as the document read as text (Tesseract runs the bold capitals of
  // "ỦY BAN NHÂN DÂN" together on this page): ingesting both makes a duplicate, not a
  // second node.
  Record text = vanban_test::SharedPipeline()->ExtractFile(vanban_test::SourcePath("corpus/seeds/003_3154606db7b394f5.txt"));
  ASSERT_FALSE(text.error);
  ASSERT_EQ(text.documents.size(), 1u);
  EXPECT_EQ(vanban_test::Show(text.documents[0].issuer.name), "\"Ủy ban nhân dân huyện Sơn Tây\"");
  EXPECT_EQ(vanban_test::Show(d.issuer.name), vanban_test::Show(text.documents[0].issuer.name));
  EXPECT_EQ(vanban_test::Show(d.issuer.parent), vanban_test::Show(text.documents[0].issuer.parent));
}

TEST(OcrPipeline, PdfTextLayerIsReadWithoutOcr) {
  Record r = vanban_test::SharedPipeline()->ExtractFile(ScanPath("cv583.pdf"));
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.source.format, "pdf-text");
  EXPECT_FALSE(r.source.ocr);
  ASSERT_EQ(r.documents.size(), 1u);
  ExpectCv583(r.documents[0], true);
}

TEST(OcrPipeline, MultiPageTiffIsOneRecordSplitIntoDocuments) {
  // Two pages, each a whole document: one record, pages 2, two documents.
  Pix* a = pixRead(ScanPath("cv583.lowdpi.png").c_str());
  ASSERT_NE(a, nullptr);
  std::string tif = testing::TempDir() + "vanban_two_pages.tif";
  pixWriteTiff(tif.c_str(), a, IFF_TIFF_ZIP, "w");
  pixWriteTiff(tif.c_str(), a, IFF_TIFF_ZIP, "a");
  pixDestroy(&a);
  Record r = vanban_test::SharedPipeline()->ExtractFile(tif);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.source.pages, 2);
  ASSERT_EQ(r.documents.size(), 2u);
  for (const auto& d : r.documents) EXPECT_EQ(vanban_test::Show(d.number), "\"583\"");
}

TEST(OcrPrep, SmallSkewIsFoundButNotTurned) {
  // The clean page turned by 0.5°: with the threshold at 1° the skew is found and
  // reported, and the page is left as it is (the same as with deskew off); with the
  // default threshold it is turned.
  std::string png = CleanPagePng();
  ASSERT_FALSE(png.empty());
  Pix* clean = pixReadMem(reinterpret_cast<const l_uint8*>(png.data()), png.size());
  ASSERT_NE(clean, nullptr);
  Pix* skewed = pixRotate(clean, static_cast<float>(0.5 * M_PI / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
  pixDestroy(&clean);
  ASSERT_NE(skewed, nullptr);
  vanban::PrepOptions o;
  o.min_skew_degrees = 1.0;
  vanban::PrepInfo info;
  Pix* kept = vanban::PreparePage(skewed, o, &info);
  EXPECT_NEAR(std::abs(info.skew_degrees), 0.5, 0.2);
  o.deskew = false;
  Pix* unturned = vanban::PreparePage(skewed, o, nullptr);
  o = vanban::PrepOptions();
  Pix* turned = vanban::PreparePage(skewed, o, nullptr);
  l_int32 same = 0;
  pixEqual(kept, unturned, &same);
  EXPECT_TRUE(same) << "below the threshold the page is not turned";
  pixEqual(kept, turned, &same);
  EXPECT_FALSE(same) << "above it the page is turned";
  for (Pix* p : {skewed, kept, unturned, turned}) pixDestroy(&p);
}

TEST(OcrPrep, BlackAndWhitePageGoesStraightToItsLastSteps) {
  // A black-and-white page (an archive's fax-compressed TIFF): the prepared skewed photo,
  // straight and binary now. Prepared again, it comes back as it is (no grey copy, no
  // Sauvola to change a stroke), upright when it was upside down, and straightened
  // through grey when skewed.
  Pix* raw = pixRead(ScanPath("cv583.skew.jpg").c_str());
  ASSERT_NE(raw, nullptr);
  Pix* bw = vanban::PreparePage(raw, vanban::PrepOptions(), nullptr);
  pixDestroy(&raw);
  ASSERT_EQ(pixGetDepth(bw), 1);
  vanban::PrepInfo info;
  Pix* again = vanban::PreparePage(bw, vanban::PrepOptions(), &info);
  l_int32 same = 0;
  pixEqual(again, bw, &same);
  EXPECT_TRUE(same) << "a straight black-and-white page is kept as it is";
  EXPECT_EQ(info.dpi, pixGetXRes(bw));
  EXPECT_LT(std::abs(info.skew_degrees), 0.1);

  Pix* flipped = pixRotate180(nullptr, bw);
  vanban::PrepInfo turned;
  Pix* upright = vanban::PreparePage(flipped, vanban::PrepOptions(), &turned);
  EXPECT_EQ(turned.rotation, 180);
  pixEqual(upright, bw, &same);
  EXPECT_TRUE(same) << "turned back, it is the page itself";

  Pix* skewed = pixRotate(bw, static_cast<float>(3.0 * M_PI / 180.0), L_ROTATE_SAMPLING, L_BRING_IN_WHITE, 0, 0);
  vanban::PrepInfo straightened;
  Pix* straight = vanban::PreparePage(skewed, vanban::PrepOptions(), &straightened);
  EXPECT_NEAR(straightened.skew_degrees, -3.0, 0.5) << "found, and so corrected";
  EXPECT_EQ(pixGetDepth(straight), 1);
  for (Pix* p : {bw, again, flipped, upright, skewed, straight}) pixDestroy(&p);
}

TEST(OcrPrep, GreySealInkGoesBlackPrintStays) {
  // A grey 300-dpi page: black "print" bars (grey 10) and a seal ring in mid grey (120, as a
  // red seal scans in grey), apart and crossing, on paper (250).
  Pix* page = pixCreate(1200, 1200, 8);
  pixSetAllArbitrary(page, 250);
  for (int y = 0; y < 1200; ++y)
    for (int x = 0; x < 1200; ++x) {
      bool bar = (y >= 300 && y < 340 && x >= 100 && x < 1100) || (y >= 700 && y < 740 && x >= 100 && x < 1100);
      double r = std::hypot(x - 600.0, y - 520.0);
      bool ring = r >= 240 && r < 252;
      if (bar) pixSetPixel(page, x, y, 10);
      else if (ring) pixSetPixel(page, x, y, 120);
    }
  pixSetResolution(page, 300, 300);
  vanban::PrepOptions o;
  o.orient = false;
  Pix* out = vanban::PreparePage(page, o, nullptr);
  ASSERT_NE(out, nullptr);
  // Binary, as Tesseract takes it without thresholding again: 1 is ink, 0 paper.
  ASSERT_EQ(pixGetDepth(out), 1);
  auto ink = [](Pix* p, int x, int y) {
    l_uint32 v = 0;
    pixGetPixel(p, x, y, &v);
    return v == 1;
  };
  EXPECT_TRUE(ink(out, 300, 320)) << "print stays black";
  EXPECT_TRUE(ink(out, 900, 720));
  EXPECT_FALSE(ink(out, 846, 520)) << "the ring away from print goes white";
  EXPECT_FALSE(ink(out, 600, 274));
  EXPECT_FALSE(ink(out, 354, 520));
  // The same ring in black is print: it stays.
  for (int y = 0; y < 1200; ++y)
    for (int x = 0; x < 1200; ++x) {
      double r = std::hypot(x - 600.0, y - 520.0);
      if (r >= 240 && r < 252) pixSetPixel(page, x, y, 10);
    }
  Pix* out2 = vanban::PreparePage(page, o, nullptr);
  EXPECT_TRUE(ink(out2, 846, 520));
  pixDestroy(&out2);
  pixDestroy(&out);
  pixDestroy(&page);
}

TEST(OcrLayout, ShortDoubtfulLinesInTheSignatureAreDropped) {
  vanban::PageLayout layout(vanban_test::Rules());
  // A signature scribble read as "“7N" (confidence 42) and "ăn." (77) between the title
  // and the name; the printed lines read at 90 and more, short ones too ("TM.").
  std::vector<vanban::OcrLine> lines = {
      Line({{"TM.", 1500, 1600, 93}}, 100),
      Line({{"CHỦ", 1500, 1650, 96}, {"TỊCH", 1670, 1850, 93}}, 150),
      Line({{"“7N", 1560, 1720, 42}}, 210),
      Line({{"ăn.", 1600, 1680, 77}}, 260),
      Line({{"Võ", 1510, 1600, 96}, {"Trọng", 1620, 1800, 96}, {"Hải", 1820, 1930, 96}}, 320),
  };
  vanban::PageText t = layout.Lay(lines, 2480, 3508, true);
  EXPECT_EQ(t.text, "TM.\nCHỦ TỊCH\n\nVõ Trọng Hải");
}

// A scanned PDF as an office scanner writes it: one image per page at `dpi` (JPEG, or
// Flate as for a lossless scan), no text layer (Leptonica's PDF writer).
std::string ImageOnlyPdf(const std::vector<Pix*>& pages, int dpi, int encoding) {
  Pixa* pixa = pixaCreate(0);
  for (Pix* p : pages) pixaAddPix(pixa, p, L_COPY);
  l_uint8* data = nullptr;
  size_t size = 0;
  pixaConvertToPdfData(pixa, dpi, 1.0f, encoding, 85, nullptr, &data, &size);
  pixaDestroy(&pixa);
  std::string out(reinterpret_cast<char*>(data), size);
  lept_free(data);
  return out;
}

TEST(OcrPipeline, ImageOnlyPdfIsOneRecordWithEveryPageInOrder) {
  // The 150-dpi page cut in two at the first blank row above halfway down: the header,
  // the recipients and the body's first line on page 1, the rest of the body and the
  // footer on page 2 (checked by hand against cv583.gt.txt). One document across the two
  // pages, page 1's text first. A JPEG page is decoded as stored, a Flate one drawn by
  // poppler at its own 150 dpi: both read the same.
  Pix* whole = pixRead(ScanPath("cv583.lowdpi.png").c_str());
  ASSERT_NE(whole, nullptr);
  Pix* grey = pixConvertTo8(whole, 0);
  int w = pixGetWidth(grey), h = pixGetHeight(grey), cut = 0;
  for (int y = h / 2; y > h / 4 && !cut; --y) {
    int dark = 0;
    for (int x = 0; x < w; ++x) {
      l_uint32 v = 0;
      pixGetPixel(grey, x, y, &v);
      dark += v < 128;
    }
    if (dark == 0) cut = y;
  }
  ASSERT_GT(cut, 0);
  Box* top = boxCreate(0, 0, w, cut);
  Box* bottom = boxCreate(0, cut, w, h - cut);
  Pix* p1 = pixClipRectangle(grey, top, nullptr);
  Pix* p2 = pixClipRectangle(grey, bottom, nullptr);
  std::string jpeg = ImageOnlyPdf({p1, p2}, 150, L_JPEG_ENCODE);
  std::string flate = ImageOnlyPdf({p1, p2}, 150, L_FLATE_ENCODE);
  for (Pix* p : {whole, grey, p1, p2}) pixDestroy(&p);
  boxDestroy(&top);
  boxDestroy(&bottom);
  for (const auto& [name, pdf] : {std::pair<std::string, std::string>{"JPEG pages", jpeg}, {"Flate pages", flate}}) {
    SCOPED_TRACE(name);
    ASSERT_FALSE(pdf.empty());
    Record r = vanban_test::SharedPipeline()->ExtractBytes(pdf, "scans/cv583-two-pages.pdf");
    ASSERT_FALSE(r.error) << r.error->stage << ": " << r.error->message;
    EXPECT_EQ(r.source.format, "pdf-scan");
    EXPECT_TRUE(r.source.ocr);
    EXPECT_EQ(r.source.pages, 2);
    ASSERT_EQ(r.documents.size(), 1u);
    const vanban::Document& d = r.documents[0];
    EXPECT_EQ(vanban_test::Show(d.number), "\"583\"");            // page 1
    EXPECT_EQ(vanban_test::Show(d.date), "\"2024-03-15\"");        // page 1
    ASSERT_GE(d.distribution.size(), 1u) << d.text;                    // page 2
    EXPECT_EQ(vanban_test::Canon(d.distribution[0]), vanban_test::Canon("Như trên"));
    std::string text = vanban::Fold(d.text);
    std::size_t recipients = text.find("uy ban nhan dan cac xa");      // page 1
    std::size_t body1 = text.find("thuc hien cong van so 1313");       // last line of page 1
    std::size_t body2 = text.find("ubnd tinh ve viec trien khai");     // first line of page 2
    std::size_t footer = text.find("noi nhan");                        // page 2
    for (std::size_t at : {recipients, body1, body2, footer}) ASSERT_NE(at, std::string::npos) << d.text;
    EXPECT_LT(recipients, body1);
    EXPECT_LT(body1, body2);
    EXPECT_LT(body2, footer);
  }
}

TEST(OcrPipeline, UpsideDownPageIsTurned) {
  Pix* page = pixRead(ScanPath("cv583.lowdpi.png").c_str());
  ASSERT_NE(page, nullptr);
  Pix* flipped = pixRotate180(nullptr, page);
  vanban::PrepInfo info;
  Pix* prepared = vanban::PreparePage(flipped, vanban::PrepOptions(), &info);
  EXPECT_EQ(info.rotation, 180);
  std::string png = PixToPng(flipped);
  pixDestroy(&prepared);
  pixDestroy(&flipped);
  pixDestroy(&page);
  Record r = vanban_test::SharedPipeline()->ExtractBytes(png, "scans/upside-down.png");
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(vanban_test::Show(r.documents[0].number), "\"583\"");
}

struct BadScan {
  std::string name, bytes, stage, must_name;
};

// A PNG that declares a w × h page and holds no pixels (a "decompression bomb" header).
std::string PngHeader(unsigned w, unsigned h) {
  std::string chunk("IHDR");
  for (unsigned v : {w, h})
    for (int k = 3; k >= 0; --k) chunk.push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
  chunk += std::string("\x08\x02\0\0\0", 5);
  std::uint32_t crc = 0xFFFFFFFF;  // CRC-32 of the chunk type and data, as PNG requires
  for (unsigned char c : chunk) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
  }
  crc ^= 0xFFFFFFFF;
  std::string s("\x89PNG\r\n\x1A\n\0\0\0\x0D", 12);
  s += chunk;
  for (int k = 3; k >= 0; --k) s.push_back(static_cast<char>((crc >> (8 * k)) & 0xFF));
  s += std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
  return s;
}

std::string OnePixelPng() {
  Pix* p = pixCreate(1, 1, 8);
  std::string s = PixToPng(p);
  pixDestroy(&p);
  return s;
}

TEST(OcrBadInput, ClearErrorNamingTheStageAndPage) {
  std::string pdf = vanban_test::ReadFile(ScanPath("cv583.pdf"));
  const std::string zero_pages =
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
      "trailer<</Root 1 0 R>>\n%%EOF\n";
  // Standard security handler with a user password: the empty one does not open it.
  const std::string encrypted =
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
      "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
      "4 0 obj<</Filter/Standard/V 1/R 2/P -4/O<" + std::string(64, '7') + ">/U<" + std::string(64, '3') +
      ">>>endobj\ntrailer<</Root 1 0 R/Encrypt 4 0 R/ID[<0123456789abcdef0123456789abcdef>"
      "<0123456789abcdef0123456789abcdef>]>>\n%%EOF\n";
  std::vector<BadScan> cases = {
      {"TruncatedPdf", pdf.substr(0, pdf.size() / 3), "load", "PDF"},
      {"ZeroPagePdf", zero_pages, "load", "no pages"},
      {"EncryptedPdf", encrypted, "load", "encrypted"},
      {"OnePixelImage", OnePixelPng(), "ocr", "page 1"},
      {"HugeImageHeader", PngHeader(60000, 60000), "ocr", "60000 × 60000"},
      {"CorruptJpeg", std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0") + std::string(200, '\x55'), "load", "image"},
  };
  for (const BadScan& c : cases) {
    Record r = vanban_test::SharedPipeline()->ExtractBytes(c.bytes, "scans/" + c.name);
    ASSERT_TRUE(r.error) << c.name << " was read";
    EXPECT_EQ(r.error->stage, c.stage) << c.name << ": " << r.error->message;
    EXPECT_NE(r.error->message.find(c.must_name), std::string::npos) << c.name << ": " << r.error->message;
    EXPECT_TRUE(r.documents.empty()) << c.name;
  }
}

}  // namespace
