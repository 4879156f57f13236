// Whole scanned documents read as their text reads (issue 4): lines joined into
// paragraphs on ragged and justified pages, a paragraph that runs on overleaf, page
// numbers, the last short line of a paragraph. Pages built here from words and boxes
// (PageLayout::Lay, OcrReader::JoinPages); the text expected is written by hand.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "pipeline/ocr.h"
#include "pipeline/page_layout.h"
#include "tests/test_util.h"

namespace {

using vanban::OcrLine;
using vanban::PageText;

// One line of words {text, x0, x1} at y (40 px high, confidence 95 unless given).
OcrLine Words(std::vector<std::tuple<std::string, int, int>> words, int y, int h = 40, float conf = 95) {
  OcrLine l;
  for (auto& [t, x0, x1] : words) l.words.push_back({t, vanban::Box{x0, y, x1, y + h}, conf});
  return l;
}

// A body line of text laid from x0, each word 100 px wide with 20 px between words, the
// last word ending at x1 (so a full line of a 300-2200 text area ends at 2200).
OcrLine Body(const std::string& text, int y, int x1, int x0 = 300) {
  std::vector<std::string> ws = vanban::SplitWords(text);
  std::vector<std::tuple<std::string, int, int>> out;
  int x = x0;
  for (std::size_t k = 0; k < ws.size(); ++k) {
    bool last = k + 1 == ws.size();
    out.emplace_back(ws[k], x, last ? std::max(x1, x + 40) : x + 100);
    x += 120;
  }
  return Words(out, y);
}

PageText Lay(std::vector<OcrLine> lines) {
  static vanban::PageLayout layout(vanban_test::Rules());
  return layout.Lay(std::move(lines), 2480, 3508, true);
}

// Three full lines (to x 2200) that fix the page's right margin, then a gap.
std::vector<OcrLine> Margin(int y = 100) {
  return {Body("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và", y, 2200),
          Body("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật", y + 50, 2200),
          Body("Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019 đã được", y + 100, 2200),
          Body("sửa đổi;", y + 150, 400)};
}
const std::string kMargin =
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và Luật sửa đổi, bổ sung một số "
    "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019 đã "
    "được sửa đổi;\n\n";

TEST(ScanFlow, LineIsContinuedWhereTheNextWordCouldNotHaveFitted) {
  // Lines that end short of the right margin (2200; set ragged, or a long symbol pushed
  // down): "số" ends at 1950 and the next line's first word is 340 px wide, more than
  // the 250 px left: the break is a wrap. A line ending a sentence is never continued
  // that way, and a line with room for the next word ends where the writer ended it.
  std::vector<OcrLine> page = Margin();
  page.push_back(Body("Ủy ban nhân dân huyện triển khai Kế hoạch số", 350, 1950));
  page.push_back(Words({{"125/KH-UBND", 300, 640}, {"ngày", 660, 760}, {"15/3/2024.", 780, 1100}}, 400));
  page.push_back(Body("Căn cứ Luật Ngân sách nhà nước năm 2015;", 500, 1950));
  page.push_back(Words({{"Căn", 300, 600}, {"cứ", 620, 700}, {"Nghị", 720, 820}, {"định", 840, 940},
                        {"số", 960, 1020}, {"12/2024/NĐ-CP;", 1040, 1400}}, 550));
  page.push_back(Body("Giao Văn phòng theo dõi", 650, 1200));
  page.push_back(Body("đôn đốc.", 700, 600));
  EXPECT_EQ(Lay(page).text, kMargin +
            "Ủy ban nhân dân huyện triển khai Kế hoạch số 125/KH-UBND ngày 15/3/2024.\n\n"
            "Căn cứ Luật Ngân sách nhà nước năm 2015;\nCăn cứ Nghị định số 12/2024/NĐ-CP;\n\n"
            "Giao Văn phòng theo dõi\nđôn đốc.");
}

TEST(ScanFlow, ShortLineOfDigitsIsNotAParagraphBreak) {
  // A line of digits has no accents: its box is shorter and starts lower (y 412-440)
  // than a line of words would (400-440). Its gap to the line above (22 px) is an
  // ordinary line gap on this page of 40-px lines, not a paragraph's space.
  std::vector<OcrLine> page = Margin();
  page.push_back(Body("Căn cứ Nghị quyết của Quốc hội giai đoạn 2026 -", 350, 1400));
  page.push_back(Words({{"2035;", 300, 420}}, 412, 28));
  page.push_back(Body("Theo đề nghị của Bộ trưởng;", 450, 1000));
  EXPECT_EQ(Lay(page).text, kMargin + "Căn cứ Nghị quyết của Quốc hội giai đoạn 2026 -\n2035;\nTheo đề nghị của Bộ trưởng;");
}

TEST(ScanFlow, ShortLineUnderAFullLineIsNotNoise) {
  // A paragraph's last word read with low confidence ("I);" at 62) at the left margin
  // right under a full line is kept; the same at the signature's place is dropped.
  std::vector<OcrLine> page = Margin();
  page.push_back(Body("a) Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026 - 2030 (Phụ lục", 350, 2200));
  page.push_back(Words({{"I);", 300, 360}}, 400, 40, 62));
  page.push_back(Body("b) Quy định khung thí điểm xây dựng xã nông thôn mới;", 500, 1800));
  page.push_back(Words({{"ăn.", 1600, 1680}}, 600, 40, 62));
  page.push_back(Body("Võ Trọng Hải", 660, 1900, 1500));
  EXPECT_EQ(Lay(page).text, kMargin +
            "a) Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026 - 2030 (Phụ lục I);\n\n"
            "b) Quy định khung thí điểm xây dựng xã nông thôn mới;\n\nVõ Trọng Hải");
}

TEST(ScanFlow, ArticleNamedInsideASentenceIsNotAnArticleHeading) {
  // "Điều 40 bằng cụm từ" wrapped onto a new line continues the sentence; "Điều 2."
  // after a sentence's end opens an article.
  std::vector<OcrLine> page = Margin();
  page.push_back(Body("3. Thay thế cụm từ tại các khoản 1 Điều 17, khoản 2 Điều 31, khoản 2", 350, 2200));
  page.push_back(Body("Điều 40 bằng cụm từ mới.", 400, 1000));
  page.push_back(Body("Điều 2. Sửa đổi, bổ sung một số điều", 500, 1200));
  EXPECT_EQ(Lay(page).text, kMargin +
            "3. Thay thế cụm từ tại các khoản 1 Điều 17, khoản 2 Điều 31, khoản 2 Điều 40 bằng cụm từ mới.\n\n"
            "Điều 2. Sửa đổi, bổ sung một số điều");
}

TEST(ScanFlow, ArticleHeadReadWithAWrongToneIsRepaired) {
  // "Điêu 2." (a tone lost) opens the article as "Điều 2." does; "điêu" in running text
  // with no number after it is left as read.
  std::vector<OcrLine> page = Margin();
  page.push_back(Body("Điêu 2. Tổ chức thực hiện", 350, 1000));
  page.push_back(Body("ĐIÊU 3 CHUNG", 450, 1000));
  page.push_back(Body("nghệ thuật điêu khắc.", 550, 1000));
  EXPECT_EQ(Lay(page).text, kMargin + "Điều 2. Tổ chức thực hiện\n\nĐIỀU 3 CHUNG\n\nnghệ thuật điêu khắc.");
}

TEST(ScanFlow, RunningPageNumbersAreDropped) {
  for (const std::string& number : {"2", "- 3 -", "Trang 4", "5/12"}) {
    OcrLine top = Words({{number, 1200, 1200 + 40 * static_cast<int>(number.size())}}, 40);
    PageText t = Lay({top, Body("phối hợp thực hiện nhiệm vụ.", 160, 1200)});
    EXPECT_EQ(t.text, "phối hợp thực hiện nhiệm vụ.") << number;
  }
}

// Words of `text` set from x0 at y, 28 px a letter, `gap` px between words; a line is
// the concatenation of runs (a wider gap between two runs of one line).
std::vector<std::tuple<std::string, int, int>> Spread(const std::string& text, int x0, int gap = 14) {
  std::vector<std::tuple<std::string, int, int>> out;
  for (const std::string& w : vanban::SplitWords(text)) {
    int letters = 0;
    for (unsigned char c : w) letters += (c & 0xC0) != 0x80;
    out.emplace_back(w, x0, x0 + 28 * letters);
    x0 += 28 * letters + gap;
  }
  return out;
}
OcrLine Runs(std::vector<std::vector<std::tuple<std::string, int, int>>> runs, int y) {
  std::vector<std::tuple<std::string, int, int>> all;
  for (auto& r : runs) all.insert(all.end(), r.begin(), r.end());
  return Words(all, y);
}

TEST(ScanFlow, IssuerRunningIntoTheMottoIsSplitAtTheColumnsGutter) {
  // The issuer's first line ends at 1036, 50 px before the motto (14 px between its
  // other words; closer than the 62 px that splits any line); the row below is two
  // columns with their gutter at 854-1184, the gap inside it. The issuer and the motto come out as their own
  // column lines, the issuer's second line under its first.
  std::vector<OcrLine> page = {
      Runs({Spread("BỘ KHOA HỌC VÀ CÔNG", 560), Spread("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1086)}, 100),
      Runs({Spread("NGHỆ", 742), Spread("Độc lập - Tự do - Hạnh phúc", 1184)}, 150),
      Runs({Spread("Số: 23/2024/TT-BTTTT", 510), Spread("Hà Nội, ngày 31 tháng 12 năm 2024", 1100)}, 220),
  };
  std::vector<OcrLine> body = Margin();
  for (OcrLine& l : body) {
    for (auto& w : l.words) w.box.y0 += 300, w.box.y1 += 300;
    l.box.y0 += 300, l.box.y1 += 300;
    page.push_back(l);
  }
  EXPECT_EQ(Lay(page).text,
            "BỘ KHOA HỌC VÀ CÔNG\nNGHỆ\nSố: 23/2024/TT-BTTTT\n\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 31 tháng 12 năm 2024\n\n" +
                kMargin.substr(0, kMargin.size() - 2));
  // The same line with even word spacing (a title across the page) is not split.
  std::vector<OcrLine> even = page;
  even[0] = Runs({Spread("BỘ KHOA HỌC VÀ CÔNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 560)}, 100);
  EXPECT_EQ(Lay(even).text.rfind("BỘ KHOA HỌC VÀ CÔNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0), 0u);
}

TEST(ScanFlow, HeaderCellsPastTheLeftMarginDoNotIndentTheBody) {
  // The issuer's cell reaches 160 px left of the body's margin (300): its lines and the
  // "V/v" subject filling it start at 140-200. The body's lines at 300 are still flush
  // left, and join into one paragraph.
  std::vector<OcrLine> page = {
      Runs({Spread("ỦY BAN NHÂN DÂN", 200), Spread("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1100)}, 40),
      Runs({Spread("HUYỆN SƠN TÂY", 220), Spread("Độc lập - Tự do - Hạnh phúc", 1250)}, 100),
      Runs({Spread("Số: 583/UBND", 240), Spread("Sơn Tây, ngày 15 tháng 3 năm 2024", 1200)}, 160),
      Runs({Spread("V/v triển khai thực hiện nhiệm", 140)}, 220),
      Runs({Spread("vụ cải cách hành chính", 150)}, 270),
  };
  for (OcrLine l : Margin()) {
    for (auto& w : l.words) w.box.y0 += 300, w.box.y1 += 300;
    l.box.y0 += 300, l.box.y1 += 300;
    page.push_back(l);
  }
  std::string text = Lay(page).text;
  EXPECT_NE(text.find(kMargin.substr(0, kMargin.size() - 2)), std::string::npos) << text;
}

TEST(ScanFlow, CentredTitleWrappedOverTwoLinesIsOneLine) {
  // Under the type name, a title centred on the page (centre 1250) that filled the
  // measure (310-2190) and wrapped: its second line opens with a number. A short centred
  // line under it was broken by the writer and stays a line of its own.
  std::vector<OcrLine> page = Margin();
  page.push_back(Body("THÔNG BÁO", 350, 1450, 1050));
  page.push_back(Body("Kết luận của đồng chí Chủ tịch xã tại Hội nghị cải cách hành chính năm", 400, 2190, 310));
  page.push_back(Body("2023 và triển khai nhiệm vụ", 450, 1550, 950));
  page.push_back(Body("trọng tâm năm 2024", 500, 1430, 1070));
  // The body's first line, at the left margin under a title's last line that nearly
  // fills the measure (set in 90 px on each side), opens a paragraph of its own.
  std::vector<OcrLine> wide_title = Margin();
  wide_title.push_back(Body("Bãi bỏ một số văn bản quy phạm pháp luật của Bộ trưởng Thông tin", 350, 2110, 390));
  wide_title.push_back(Body("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm", 420, 2200));
  EXPECT_NE(Lay(wide_title).text.find("Bộ trưởng Thông tin\n"), std::string::npos) << Lay(wide_title).text;
  std::string text = Lay(page).text;
  EXPECT_NE(text.find("THÔNG BÁO\nKết luận của đồng chí Chủ tịch xã tại Hội nghị cải cách hành chính năm "
                      "2023 và triển khai nhiệm vụ\ntrọng tâm năm 2024"),
            std::string::npos)
      << text;
}

std::string Join(std::vector<PageText> pages) {
  std::vector<vanban::Result<PageText>> r;
  for (auto& p : pages) r.emplace_back(std::move(p));
  auto out = vanban::OcrReader::JoinPages(r, "bytes");
  EXPECT_TRUE(out);
  return out ? out.value().utf8 : "";
}

TEST(ScanFlow, ParagraphRunningOnOverleafIsOneParagraph) {
  // Page 1 ends mid-sentence on a full line; page 2 (its page number at the top) goes on
  // in lower case: one paragraph, the page number gone.
  std::vector<OcrLine> p1 = Margin();
  p1.push_back(Body("Điều 3. Trách nhiệm thi hành", 350, 1000));
  p1.push_back(Body("Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành và Ủy ban nhân dân", 450, 2200));
  PageText p2 = Lay({Words({{"2", 1240, 1270}}, 40), Body("các huyện tổ chức thực hiện Quyết định này.", 160, 1300)});
  EXPECT_EQ(Join({Lay(p1), p2}), kMargin +
            "Điều 3. Trách nhiệm thi hành\n\nGiao Sở Nội vụ chủ trì, phối hợp với các sở, ngành và Ủy ban nhân dân "
            "các huyện tổ chức thực hiện Quyết định này.\n");
  // A full last line that goes on with a name (a capital) is joined too.
  std::vector<OcrLine> q1 = Margin();
  q1.push_back(Body("Đề nghị Trưởng các ban ngành phối hợp với Văn phòng Hội đồng nhân dân và", 350, 2200));
  PageText q2 = Lay({Body("Ủy ban nhân dân xã thực hiện.", 100, 1100)});
  EXPECT_EQ(Join({Lay(q1), q2}), kMargin +
            "Đề nghị Trưởng các ban ngành phối hợp với Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã thực hiện.\n");
}

TEST(ScanFlow, PagesStayParagraphsApartWhereTheTextSaysSo) {
  // The page before ends a sentence.
  std::vector<OcrLine> a1 = Margin();
  a1.push_back(Body("Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành thực hiện nhiệm vụ.", 350, 2200));
  PageText a2 = Lay({Body("các huyện báo cáo kết quả.", 100, 1100)});
  EXPECT_EQ(Join({Lay(a1), a2}), kMargin +
            "Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành thực hiện nhiệm vụ.\n\ncác huyện báo cáo kết quả.\n");
  // A short last line (a heading) and a capital: a new paragraph.
  std::vector<OcrLine> b1 = Margin();
  b1.push_back(Body("Điều 3. Trách nhiệm thi hành", 350, 1000));
  PageText b2 = Lay({Body("Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành.", 100, 2000)});
  EXPECT_EQ(Join({Lay(b1), b2}), kMargin +
            "Điều 3. Trách nhiệm thi hành\n\nChánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành.\n");
  // The next page opens a list item.
  std::vector<OcrLine> c1 = Margin();
  c1.push_back(Body("Giao các cơ quan sau đây phối hợp với Ủy ban nhân dân các xã, thị trấn gồm", 350, 2200));
  PageText c2 = Lay({Body("- Phòng Nội vụ;", 100, 700)});
  EXPECT_EQ(Join({Lay(c1), c2}), kMargin +
            "Giao các cơ quan sau đây phối hợp với Ủy ban nhân dân các xã, thị trấn gồm\n\n- Phòng Nội vụ;\n");
}

TEST(ScanFlow, HeaderStandingLeftOfTheBodyLeavesTheBodyMarginWhereItIs) {
  // A header table wider than the text: its issuer and number lines start at x 150, left
  // of the body's 300. The body lines (two paragraphs) still start at the margin: a
  // paragraph over three lines is one paragraph, not three.
  std::vector<OcrLine> page = {
      Words({{"ỦY", 150, 230}, {"BAN", 250, 380}, {"NHÂN", 400, 560}, {"DÂN", 580, 720}}, 100),
      Words({{"CỘNG", 1250, 1420}, {"HÒA", 1440, 1570}, {"XÃ", 1590, 1670}, {"HỘI", 1690, 1810}}, 100),
      Words({{"Số:", 150, 250}, {"125/KH-UBND", 270, 640}}, 160),
      Words({{"Hà", 1300, 1380}, {"Nội,", 1400, 1520}, {"ngày", 1540, 1680}, {"5/3/2024", 1700, 1990}}, 160),
      Words({{"KẾ", 1100, 1180}, {"HOẠCH", 1200, 1400}}, 260)};
  for (OcrLine& l : Margin(400)) page.push_back(std::move(l));
  for (OcrLine& l : Margin(650)) page.push_back(std::move(l));
  std::string text = Lay(page).text;
  EXPECT_NE(text.find("\n\n" + kMargin.substr(0, kMargin.size() - 2)), std::string::npos) << text;
}

TEST(ScanFlow, SymbolBrokenAtTheEndOfALineIsOneWord) {
  // "203/2025/" at the end of a full line, "QH15;" on the next: one symbol, no space. A
  // page that ends so goes on overleaf the same way.
  std::vector<OcrLine> page = Margin();
  page.push_back(Body("Căn cứ Luật Tổ chức Quốc hội và Nghị quyết số 203/2025/", 350, 2200));
  page.push_back(Words({{"QHI15;", 300, 450}}, 400));  // repaired whole, as one word
  EXPECT_EQ(Lay(page).text, kMargin + "Căn cứ Luật Tổ chức Quốc hội và Nghị quyết số 203/2025/QH15;");
  std::vector<OcrLine> p1 = Margin();
  p1.push_back(Body("Thông tư này thay thế các quy định của Thông tư số 05/2024/TT-", 350, 2200));
  PageText p2 = Lay({Body("TTCP ngày 26/4/2024.", 100, 1100)});
  EXPECT_EQ(Join({Lay(p1), p2}),
            kMargin + "Thông tư này thay thế các quy định của Thông tư số 05/2024/TT-TTCP ngày 26/4/2024.\n");
}

TEST(ScanFlow, CentredTitleOverTwoLinesThenSpaceThenBody) {
  // A subject centred over two lines, the first long enough to reach near the right
  // margin: the second is not an indented paragraph (the title is one line, as the text
  // has it), and the body line after the space does not run on from the title even
  // though the title's line looks full.
  std::vector<OcrLine> page = Margin();
  page.push_back(Body("Bãi bỏ một số văn bản quy phạm pháp luật do Bộ trưởng Bộ", 400, 2150, 360));
  page.push_back(Body("Thông tin và Truyền thông ban hành", 450, 1700, 800));
  page.push_back(Body("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm", 560, 2200));
  EXPECT_EQ(Lay(page).text, kMargin +
            "Bãi bỏ một số văn bản quy phạm pháp luật do Bộ trưởng Bộ Thông tin và Truyền thông ban hành\n\n"
            "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm");
  // The same when the title's first line starts at the margin: its short second line,
  // centred, is still no indented paragraph.
  page[4] = Body("Kết luận của Chủ tịch Ủy ban nhân dân xã tại Hội nghị đánh giá năm", 400, 2190, 310);
  page[5] = Body("2023 và triển khai nhiệm vụ năm 2024", 450, 1650, 850);
  EXPECT_EQ(Lay(page).text, kMargin +
            "Kết luận của Chủ tịch Ủy ban nhân dân xã tại Hội nghị đánh giá năm 2023 và triển khai nhiệm vụ năm 2024\n\n"
            "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm");
}

TEST(ScanFlow, YearWrappedDownIsNotAListItem) {
  // "2025." alone at a line start ends a date wrapped from the full line above; a list
  // item's number has at most three digits ("1.", "12.3.").
  std::vector<OcrLine> page = Margin();
  page.push_back(Body("Luật này được Quốc hội thông qua ngày 10 tháng 12 năm", 350, 2200));
  page.push_back(Body("2025.", 400, 420));
  page.push_back(Body("12. Trách nhiệm thi hành", 450, 1100));
  EXPECT_EQ(Lay(page).text, kMargin + "Luật này được Quốc hội thông qua ngày 10 tháng 12 năm 2025.\n"
                                      "12. Trách nhiệm thi hành");
}

}  // namespace
