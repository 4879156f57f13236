// Stage 3, segment: page breaks repaired, footnotes moved out, documents split, zones.
#include "pipeline/segment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/load.h"
#include "tests/test_util.h"

namespace {

using vanban::DocumentText;

// The documents of a corpus file, segmented as the pipeline does (format from load).
const std::vector<DocumentText>& Docs(const std::string& stem) {
  static std::map<std::string, std::vector<DocumentText>>* cache =
      new std::map<std::string, std::vector<DocumentText>>();
  auto it = cache->find(stem);
  if (it != cache->end()) return it->second;
  auto loaded = vanban::LoadText(vanban_test::CorpusPath(stem));
  std::vector<DocumentText> docs;
  if (loaded) docs = vanban_test::Segment(loaded.value().utf8, loaded.value().format == "markdown");
  return cache->emplace(stem, std::move(docs)).first->second;
}

std::string Body(const DocumentText& d) { return d.text.substr(0, d.body_end); }

const std::string k000 = "000_53e32a473880f777";
const std::string k001 = "001_b0bb8e184523a044";
const std::string k002 = "002_cb74e0b9609914df";
const std::string k003 = "003_3154606db7b394f5";
const std::string k004 = "004_e9f93ba36e43b0c5";
const std::string kReal001 = "001_qd-30-2025-qdttg-quy-che-phoi-hop-chong-tai-tro";
const std::string kReal008 = "008_nq-66-9-2025-nqcp-csdl-xu-ly-vi-pham";
const std::string kReal014 = "014_nd-07-2025-ndcp-ho-tich-quoc-tich-chung-thuc";
const std::string kReal023 = "023_tt-23-2024-ttbtttt-bai-bo-van-ban";
const std::string kReal030 = "030_tt-07-2025-ttttcp-the-thanh-tra";

// ---------------------------------------------------------------------------------------
// How many documents, how many footnotes.

struct CountCase {
  std::string stem;
  std::vector<std::size_t> footnotes;  // one entry per document
  std::string bug;
};
void PrintTo(const CountCase& c, std::ostream* os) { *os << c.stem; }

class SegmentCounts : public testing::TestWithParam<CountCase> {};

TEST_P(SegmentCounts, DocumentsAndFootnotes) {
  const CountCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  const auto& docs = Docs(c.stem);
  ASSERT_EQ(docs.size(), c.footnotes.size());
  for (std::size_t i = 0; i < docs.size(); ++i)
    EXPECT_EQ(docs[i].footnotes.size(), c.footnotes[i]) << "document " << i + 1;
}

INSTANTIATE_TEST_SUITE_P(Table, SegmentCounts,
                         testing::Values(CountCase{k000, {0, 0}, ""}, CountCase{k001, {1}, ""},
                                         CountCase{k002, {4}, ""}, CountCase{k003, {2}, ""},
                                         CountCase{k004, {0}, ""}, CountCase{kReal001, {0}, ""},
                                         CountCase{kReal014, {0}, ""}, CountCase{kReal023, {0}, ""},
                                         CountCase{kReal030, {0}, ""}),
                         [](const auto& info) { return vanban_test::TestName(info.param.stem); });

// ---------------------------------------------------------------------------------------
// Phrases the body must hold (a sentence rejoined over a page break, a marker removed) or
// must not hold (a footnote's text, the other document's header).

struct BodyCase {
  std::string name, stem;
  std::size_t doc;
  std::string phrase;
  bool present;
  std::string bug;
};
void PrintTo(const BodyCase& c, std::ostream* os) { *os << c.phrase; }

std::vector<BodyCase> BodyCases() {
  return {
      {"Seed000CitationRejoined", k000, 1, "Nghị quyết số 04-NQ/TU ngày 18/10/2021 của Tỉnh ủy",
       true, ""},
      {"Seed000FirstEndsAtSigner", k000, 0, "Phạm Văn Thu", true, ""},
      {"Seed000FirstHasNoSecondHeader", k000, 0, "ĐẢNG BỘ TỈNH QUẢNG NGÃI", false, ""},
      {"Seed000SecondHasNoFirstSigner", k000, 1, "Phạm Văn Thu", false, ""},
      {"Seed001SentenceRejoined", k001, 0, "hồ sơ thủ tục hành chính, đánh giá giải quyết", true,
       ""},
      {"Seed001MarkerRemoved", k001, 0, "trên địa bàn tỉnh Quảng Trị. Qua kiểm tra", true, ""},
      {"Seed001SecondPageBreak", k001, 0, "kỷ luật, kỷ cương hành chính và nội quy", true, ""},
      {"Seed001CitationOverPageBreak", k001, 0, "Quyết định số 1236/QĐ-UBND ngày 06/06/2018", true,
       ""},
      {"Seed001FootnoteNotInBody", k001, 0, "65/KH-UBND", false, ""},
      {"Seed002SentenceRejoined", k002, 0,
       "Tăng cường trách nhiệm người đứng đầu các thành viên Ban Chỉ đạo", true, ""},
      {"Seed002AfterThreeFootnotes", k002, 0, "theo chức năng, nhiệm vụ chịu trách nhiệm", true,
       ""},
      {"Seed002InlineMarkerRemoved", k002, 0, "Đề án của UBND tỉnh triển khai Nghị quyết số", true,
       ""},
      {"Seed002MarkerBeforeYear", k002, 0, "Chỉ số DTI của tỉnh năm 2023", true, ""},
      {"Seed002FootnoteNotInBody", k002, 0, "385/BNV-CCHC", false, ""},
      {"Seed003Rejoined", k003, 0,
       "trong đội ngũ cán bộ, công chức, viên chức của tỉnh Quảng Ngãi nhằm phát hiện", true, ""},
      {"Seed003MarkerRemoved", k003, 0, "bị trừ điểm của huyện trong năm 2023", true, ""},
      {"Seed003FootnoteBulletsNotInBody", k003, 0, "Lĩnh vực Cải cách chế độ công vụ", false, ""},
      {"Seed003FootnoteNotInBody", k003, 0, "53/TB-VPCP", false, ""},
      {"Seed004MarkdownStripped", k004, 0, "2.1. Triển khai thực hiện nhiệm vụ Kế hoạch CCHC", true,
       ""},
      {"Real014TableCellsSplit", kReal014, 0, "CHÍNH PHỦ\nSố: 07/2025/NĐ-CP", true, ""},
  };
}

class SegmentBody : public testing::TestWithParam<BodyCase> {};

TEST_P(SegmentBody, Phrase) {
  const BodyCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  const auto& docs = Docs(c.stem);
  ASSERT_GT(docs.size(), c.doc);
  std::string body = Body(docs[c.doc]);
  if (c.present) {
    EXPECT_NE(body.find(c.phrase), std::string::npos) << "'" << c.phrase << "' not in body";
  } else {
    EXPECT_EQ(body.find(c.phrase), std::string::npos) << "'" << c.phrase << "' in body";
  }
}

INSTANTIATE_TEST_SUITE_P(Table, SegmentBody, testing::ValuesIn(BodyCases()),
                         [](const auto& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------
// Footnotes: their text, without markers, markdown stripped, list lines kept.

TEST(SegmentFootnotes, Seed001) {
  const auto& docs = Docs(k001);
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(docs[0].footnotes.size(), 1u);
  EXPECT_EQ(docs[0].footnotes[0],
            "Kế hoạch số 65/KH-UBND ngày 28/3/2023 và Quyết định số 1323/QĐ-UBND ngày 15/6/2023 "
            "của UBND tỉnh Quảng Trị.");
  // Appended after the body so that citations in it have offsets.
  EXPECT_NE(docs[0].text.find("Kế hoạch số 65/KH-UBND", docs[0].body_end), std::string::npos);
}

TEST(SegmentFootnotes, Seed003ListFootnote) {
  const auto& docs = Docs(k003);
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(docs[0].footnotes.size(), 2u);
  EXPECT_EQ(docs[0].footnotes[0].rfind("Kết luận chỉ đạo của Ban Chỉ đạo CCHC của Chính phủ", 0),
            0u);
  const std::string& list = docs[0].footnotes[1];
  EXPECT_EQ(list.rfind("Cụ thể:\n- Lĩnh vực Cải cách thủ tục hành chính:", 0), 0u) << list;
  std::size_t bullets = 0;
  for (std::size_t p = 0; (p = list.find("\n- Lĩnh vực", p)) != std::string::npos; ++p) ++bullets;
  EXPECT_EQ(bullets, 4u) << list;
  EXPECT_NE(list.find("- Lĩnh vực Xây dựng và phát triển chính quyền điện tử, chính quyền số:"),
            std::string::npos);
  EXPECT_EQ(list.find("công chức, viên chức của tỉnh Quảng Ngãi"), std::string::npos)
      << "the body's continuation went into the footnote";
}

struct GoldFootnoteCase {
  std::string stem;
  std::string bug;
};
void PrintTo(const GoldFootnoteCase& c, std::ostream* os) { *os << c.stem; }

class SegmentFootnotesGold : public testing::TestWithParam<GoldFootnoteCase> {};

TEST_P(SegmentFootnotesGold, EqualTheGold) {
  if (!GetParam().bug.empty() && !vanban_test::RunKnownBugs())
    GTEST_SKIP() << "known bug: " << GetParam().bug;
  {
    const std::string& stem = GetParam().stem;
    nlohmann::json gold = vanban_test::LoadGold(stem);
    const auto& docs = Docs(stem);
    ASSERT_EQ(docs.size(), gold["documents"].size()) << stem;
    for (std::size_t d = 0; d < docs.size(); ++d) {
      const auto& want = gold["documents"][d]["footnotes"];
      ASSERT_EQ(docs[d].footnotes.size(), want.size()) << stem;
      for (std::size_t i = 0; i < want.size(); ++i)
        EXPECT_EQ(docs[d].footnotes[i], want[i].get<std::string>()) << stem << " footnote " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, SegmentFootnotesGold,
                         testing::Values(GoldFootnoteCase{k000, ""}, GoldFootnoteCase{k001, ""},
                                         GoldFootnoteCase{k002, ""}, GoldFootnoteCase{k003, ""},
                                         GoldFootnoteCase{k004, ""}),
                         [](const auto& info) {
                           return vanban_test::TestName(info.param.stem.substr(0, 3));
                         });

// ---------------------------------------------------------------------------------------
// Zones: the first body line and the first footer line.

struct ZoneCase {
  std::string name, stem;
  std::size_t doc;
  std::string header_end;  // the first body line starts so
  std::string footer;      // the first footer line starts so
  std::string bug;
};
void PrintTo(const ZoneCase& c, std::ostream* os) { *os << c.name; }

std::vector<ZoneCase> ZoneCases() {
  return {
      {"Seed000First", k000, 0, "Theo đề nghị của Phòng Nội vụ huyện tại Công văn số 247/PNV",
       "Nơi nhận:", ""},
      {"Seed000Second", k000, 1, "Trong thời gian qua, công tác cải cách hành chính",
       "Nơi nhận:", ""},
      {"Seed001", k001, 0, "Ngày 22 tháng 4 năm 2023, Ủy ban nhân dân tỉnh", "Nơi nhận:", ""},
      {"Seed002", k002, 0, "Thực hiện Chỉ thị 03/CT-TTg", "Nơi nhận:", ""},
      {"Seed003", k003, 0, "Thực hiện Công văn số 1313/UBND-NC", "Nơi nhận:", ""},
      {"Seed004", k004, 0, "Sáng ngày 12/01/2024, tại nhà văn hóa xã", "Nơi nhận:", ""},
      {"Real001", kReal001, 0, "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;",
       "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Hòa Bình", ""},
      {"Real008", kReal008, 0, "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;", "TM. CHÍNH PHỦ",
       ""},
      {"Real014", kReal014, 0, "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
       "TM. CHÍNH PHỦ KT. THỦ TƯỚNG", ""},
      {"Real023", kReal023, 0, "Căn cứ Luật Ban hành văn bản quy phạm pháp luật", "BỘ TRƯỞNG", ""},
      {"Real030", kReal030, 0, "Căn cứ Luật Thanh tra số 84/2025/QH15", "KT. TỔNG THANH TRA", ""},
  };
}

class SegmentZones : public testing::TestWithParam<ZoneCase> {};

TEST_P(SegmentZones, HeaderEndAndFooterBegin) {
  const ZoneCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  const auto& docs = Docs(c.stem);
  ASSERT_GT(docs.size(), c.doc);
  const DocumentText& d = docs[c.doc];
  ASSERT_LT(d.header_end_line, d.lines.size());
  EXPECT_EQ(std::string(d.Line(d.header_end_line)).rfind(c.header_end, 0), 0u)
      << "first body line: " << d.Line(d.header_end_line);
  ASSERT_LT(d.footer_begin_line, d.lines.size());
  EXPECT_EQ(std::string(d.Line(d.footer_begin_line)).rfind(c.footer, 0), 0u)
      << "first footer line: " << d.Line(d.footer_begin_line);
  EXPECT_LE(d.header_end_line, d.footer_begin_line);
  EXPECT_LE(d.footer_begin_line, d.footer_end_line);
}

INSTANTIATE_TEST_SUITE_P(Table, SegmentZones, testing::ValuesIn(ZoneCases()),
                         [](const auto& info) { return info.param.name; });

TEST(SegmentSplit, Seed000SecondDocumentStartsAtItsIssuer) {
  const auto& docs = Docs(k000);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].Line(0), "ỦY BAN NHÂN DÂN");
  EXPECT_EQ(docs[1].Line(0), "ĐẢNG BỘ TỈNH QUẢNG NGÃI");
  EXPECT_EQ(docs[1].Line(1), "HUYỆN ỦY BA TƠ");
  EXPECT_EQ(docs[0].Line(docs[0].lines.size() - 1), "Phạm Văn Thu");
  EXPECT_EQ(docs[1].Line(docs[1].lines.size() - 1), "Đinh Ngọc Vỹ");
}

// ---------------------------------------------------------------------------------------
// Where a second document starts, and where a second header is only a form in an annex.

const std::string kCoverLetter =
    "ỦY BAN NHÂN DÂN\nXÃ BA BÍCH\n\nSố: 15/UBND\nV/v góp ý dự thảo kế hoạch\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Ba Bích, ngày 10 tháng 3 năm 2024\n\nKính gửi: Các ban, ngành xã.\n\n"
    "Ủy ban nhân dân xã gửi dự thảo Kế hoạch cải cách hành chính năm 2024 (kèm theo), đề nghị "
    "các ban, ngành góp ý và gửi về Văn phòng - Thống kê xã trước ngày 15/3/2024./.\n\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nPhạm Văn Lương\n\n";
const std::string kDraftPlan =
    "ỦY BAN NHÂN DÂN\nXÃ BA BÍCH\n\nSố: /KH-UBND\n\nDỰ THẢO\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Ba Bích, ngày tháng 3 năm 2024\n\nKẾ HOẠCH\nCải cách hành chính năm 2024\n\n"
    "Thực hiện Quyết định số 01/QĐ-UBND ngày 01/01/2024 của UBND xã, Ủy ban nhân dân xã ban hành "
    "Kế hoạch cải cách hành chính năm 2024 như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n"
    "Nâng cao chỉ số cải cách hành chính của xã.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nPhạm Văn Lương\n";
const std::string kAnnexForm =
    "Phụ lục\nMẪU BÁO CÁO\n(Kèm theo Công văn số 15/UBND ngày 10/3/2024)\n\n"
    "ỦY BAN NHÂN DÂN\nXÃ ...........\n\nSố: /BC-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n\nBÁO CÁO\nKết quả cải cách hành chính quý I năm 2024\n\n"
    "I. KẾT QUẢ THỰC HIỆN\n";

struct SplitCase {
  std::string name, text;
  std::size_t documents;
  std::string second_starts;  // first line of document 2 ("" = not checked)
};
void PrintTo(const SplitCase& c, std::ostream* os) { *os << c.name; }

class SegmentSplitTable : public testing::TestWithParam<SplitCase> {};

TEST_P(SegmentSplitTable, Documents) {
  const SplitCase& c = GetParam();
  auto docs = vanban_test::Segment(c.text, false);
  ASSERT_EQ(docs.size(), c.documents);
  if (!c.second_starts.empty()) {
    EXPECT_EQ(docs[1].Line(0), c.second_starts);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, SegmentSplitTable,
                         testing::Values(SplitCase{"OneLetter", kCoverLetter, 1, ""},
                                         SplitCase{"CoverLetterAndDraft", kCoverLetter + kDraftPlan,
                                                   2, "ỦY BAN NHÂN DÂN"},
                                         SplitCase{"LetterWithAnnexForm", kCoverLetter + kAnnexForm,
                                                   1, ""},
                                         SplitCase{"DraftAlone", kDraftPlan, 1, ""}),
                         [](const auto& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------
// Table rows: "a | b" becomes one line per cell.

struct TableCase {
  std::string name, text;
  std::vector<std::string> lines;  // the first lines of the document
};
void PrintTo(const TableCase& c, std::ostream* os) { *os << c.text; }

class SegmentTableRows : public testing::TestWithParam<TableCase> {};

TEST_P(SegmentTableRows, CellsBecomeLines) {
  const TableCase& c = GetParam();
  auto docs = vanban_test::Segment(c.text, false);
  ASSERT_EQ(docs.size(), 1u);
  std::vector<std::string> got;
  for (std::size_t i = 0; i < docs[0].lines.size() && i < c.lines.size(); ++i)
    got.emplace_back(docs[0].Line(i));
  EXPECT_EQ(got, c.lines);
}

INSTANTIATE_TEST_SUITE_P(
    Table, SegmentTableRows,
    testing::Values(
        TableCase{"TwoCells",
                  "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                  "Số: 12/UBND | Quảng Trị, ngày 05 tháng 6 năm 2024\n",
                  {"ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                   "Số: 12/UBND", "Quảng Trị, ngày 05 tháng 6 năm 2024"}},
        TableCase{"LeadingPipe",
                  "| KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Hòa Bình",
                  {"KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Hòa Bình"}},
        TableCase{"Real030HeaderRow",
                  "THANH TRA CHÍNH PHỦ | CỘNG HOÀ XÃ HỘI CHỦ NCHĨA VIỆT NAM Độc lập - Tự do - "
                  "Hạnh phúc\nSố: 07/2025/TT-TTCP | Hà Nội, ngày 29 tháng 12 năm 2025",
                  {"THANH TRA CHÍNH PHỦ",
                   "CỘNG HÒA XÃ HỘI CHỦ NCHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
                   "Số: 07/2025/TT-TTCP", "Hà Nội, ngày 29 tháng 12 năm 2025"}},
        TableCase{"DashRules",
                  "CHÍNH PHỦ ————— Số: 07/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  {"CHÍNH PHỦ", "Số: 07/2025/NĐ-CP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}},
        TableCase{"HyphenInTextKept",
                  "Văn phòng - Thống kê xã | Đoàn kiểm tra",
                  {"Văn phòng - Thống kê xã", "Đoàn kiểm tra"}}),
    [](const auto& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------
// Offsets: each body byte maps back into the loaded input.

struct OriginCase {
  std::string stem;
  std::string phrase;
};
void PrintTo(const OriginCase& c, std::ostream* os) { *os << c.phrase; }

class SegmentOrigin : public testing::TestWithParam<OriginCase> {};

TEST_P(SegmentOrigin, BodyBytesMapToTheFile) {
  const OriginCase& c = GetParam();
  std::string raw = vanban_test::ReadFile(vanban_test::CorpusPath(c.stem));
  const auto& docs = Docs(c.stem);
  bool found = false;
  for (const DocumentText& d : docs) {
    ASSERT_EQ(d.origin.size(), d.text.size());
    std::size_t at = d.text.find(c.phrase);
    if (at == std::string::npos || at >= d.body_end) continue;
    found = true;
    EXPECT_EQ(raw.compare(d.origin[at], c.phrase.size(), c.phrase), 0)
        << "origin " << d.origin[at] << " holds: " << raw.substr(d.origin[at], c.phrase.size());
  }
  EXPECT_TRUE(found) << c.phrase;
}

INSTANTIATE_TEST_SUITE_P(
    Table, SegmentOrigin,
    testing::Values(OriginCase{k003, "Thực hiện Công văn số 1313/UBND-NC ngày 14/3/2024"},
                    OriginCase{k003, "Nguyễn Ngọc Trân"},
                    OriginCase{k003, "công chức, viên chức của tỉnh Quảng Ngãi"},
                    OriginCase{k000, "ĐẢNG BỘ TỈNH QUẢNG NGÃI"}, OriginCase{k000, "Đinh Ngọc Vỹ"},
                    OriginCase{k001, "chính, đánh giá giải quyết thủ tục hành chính"},
                    OriginCase{kReal001, "Căn cứ Luật An ninh quốc gia số 32/2004/QH11;"}),
    [](const auto& info) {
      return vanban_test::TestName(info.param.stem.substr(0, 3) + "_" + std::to_string(info.index));
    });

}  // namespace
