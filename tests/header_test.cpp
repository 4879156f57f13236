// Header extractor: the scored header fields of every seed and real document with gold,
// compared as the evaluation compares them (tests/test_util.h Canon).
#include "extractors/header.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace {

using vanban::Document;

// Known bugs, by "stem/part/field" (filled in after checking each failure by hand).
const std::map<std::string, std::string>& KnownBugs() {
  static const std::map<std::string, std::string> bugs = {};
  return bugs;
}

std::optional<std::string> Field(const Document& d, const std::string& f) {
  if (f == "type") return d.type;
  if (f == "number") return d.number;
  if (f == "symbol") return d.symbol;
  if (f == "draft") return std::string(d.draft ? "true" : "false");
  if (f == "issuer.name") return d.issuer.name;
  if (f == "issuer.parent") return d.issuer.parent;
  if (f == "place") return d.place;
  if (f == "date") return d.date;
  if (f == "subject") return d.subject;
  if (f == "urgency") return d.urgency;
  if (f == "signer.name") return d.signer.name;
  if (f == "signer.position") return d.signer.position;
  if (f == "signer.authority") return d.signer.authority;
  ADD_FAILURE() << "unknown field " << f;
  return std::nullopt;
}

std::optional<std::string> GoldField(const nlohmann::json& d, const std::string& f) {
  const nlohmann::json* j = &d;
  std::size_t dot = f.find('.');
  if (dot != std::string::npos) {
    j = &d[f.substr(0, dot)];
    return vanban_test::JsonString((*j)[f.substr(dot + 1)]);
  }
  if (f == "draft") return std::string(d["draft"].get<bool>() ? "true" : "false");
  return vanban_test::JsonString((*j)[f]);
}

struct HeaderCase {
  std::string stem;
  std::size_t part;  // 0-based
  std::string field;
  std::optional<std::string> gold;
  std::string bug;
};
void PrintTo(const HeaderCase& c, std::ostream* os) {
  *os << c.stem << " part " << c.part + 1 << " " << c.field << " = " << vanban_test::Show(c.gold);
}

std::vector<HeaderCase> HeaderCases() {
  static const std::vector<std::string> scored = {
      "type",  "number", "symbol",  "draft",       "issuer.name",    "issuer.parent",
      "place", "date",   "subject", "signer.name", "signer.position"};
  std::vector<HeaderCase> out;
  auto add = [&](const std::string& stem, bool seed) {
    nlohmann::json gold = vanban_test::LoadGold(stem);
    for (std::size_t p = 0; p < gold["documents"].size(); ++p) {
      std::vector<std::string> fields = scored;
      fields.push_back("urgency");
      if (seed) fields.push_back("signer.authority");
      for (const auto& f : fields) {
        std::string id = stem + "/" + std::to_string(p + 1) + "/" + f;
        auto bug = KnownBugs().find(id);
        out.push_back({stem, p, f, GoldField(gold["documents"][p], f),
                       bug == KnownBugs().end() ? "" : bug->second});
      }
    }
  };
  for (const auto& s : vanban_test::SeedStems()) add(s, true);
  for (const auto& s : vanban_test::RealStems()) add(s, false);
  return out;
}

class HeaderGold : public testing::TestWithParam<HeaderCase> {};

TEST_P(HeaderGold, Field) {
  const HeaderCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  const vanban::Record& r = vanban_test::CorpusRecord(c.stem);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_GT(r.documents.size(), c.part);
  std::optional<std::string> got = Field(r.documents[c.part], c.field);
  EXPECT_EQ(vanban_test::Show(vanban_test::CanonOpt(got)),
            vanban_test::Show(vanban_test::CanonOpt(c.gold)))
      << "printed: " << vanban_test::Show(got) << ", gold: " << vanban_test::Show(c.gold);
}

INSTANTIATE_TEST_SUITE_P(Corpus, HeaderGold, testing::ValuesIn(HeaderCases()),
                         [](const auto& info) {
                           return vanban_test::TestName(
                               info.param.stem.substr(0, 3) +
                               (info.param.stem.size() > 20 ? "real" : "seed") + "_" +
                               std::to_string(info.param.part + 1) + "_" + info.param.field);
                         });

// ---------------------------------------------------------------------------------------
// Lists: "Kính gửi" and "Nơi nhận", one body per entry, for every document with gold.

struct ListCase {
  std::string stem;
  std::size_t part;
  std::string field;  // recipients | distribution
  std::vector<std::string> gold;
  std::string bug;
};
void PrintTo(const ListCase& c, std::ostream* os) {
  *os << c.stem << " part " << c.part + 1 << " " << c.field;
}

std::vector<ListCase> ListCases() {
  std::vector<ListCase> out;
  std::vector<std::string> stems = vanban_test::SeedStems();
  for (const auto& s : vanban_test::RealStems()) stems.push_back(s);
  for (const auto& stem : stems) {
    nlohmann::json gold = vanban_test::LoadGold(stem);
    for (std::size_t p = 0; p < gold["documents"].size(); ++p)
      for (const std::string f : {"recipients", "distribution"}) {
        std::vector<std::string> items;
        for (const auto& x : gold["documents"][p][f]) items.push_back(x.get<std::string>());
        std::string id = stem + "/" + std::to_string(p + 1) + "/" + f;
        auto bug = KnownBugs().find(id);
        out.push_back({stem, p, f, items, bug == KnownBugs().end() ? "" : bug->second});
      }
  }
  return out;
}

class HeaderLists : public testing::TestWithParam<ListCase> {};

TEST_P(HeaderLists, Entries) {
  const ListCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  const vanban::Record& r = vanban_test::CorpusRecord(c.stem);
  ASSERT_GT(r.documents.size(), c.part);
  const Document& d = r.documents[c.part];
  const std::vector<std::string>& got = c.field == "recipients" ? d.recipients : d.distribution;
  std::vector<std::string> g, w;
  for (const auto& x : got) g.push_back(vanban_test::Canon(x));
  for (const auto& x : c.gold) w.push_back(vanban_test::Canon(x));
  EXPECT_EQ(g, w);
}

INSTANTIATE_TEST_SUITE_P(Corpus, HeaderLists, testing::ValuesIn(ListCases()), [](const auto& info) {
  return vanban_test::TestName(info.param.stem.substr(0, 3) +
                               (info.param.stem.size() > 20 ? "real" : "seed") + "_" +
                               std::to_string(info.param.part + 1) + "_" + info.param.field);
});

// ---------------------------------------------------------------------------------------
// Invented headers: one row, one fact.

struct SnippetCase {
  std::string name;
  std::string text;
  std::string field;
  std::optional<std::string> want;  // compared exactly
  std::string bug;
};
void PrintTo(const SnippetCase& c, std::ostream* os) { *os << c.name; }

const std::string kSoNoiVu =
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSỞ NỘI VỤ\n\nSố: 215/SNV-CCHC\nV/v báo cáo kết quả cải "
    "cách hành chính quý I năm 2024\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - "
    "Hạnh phúc\n\nQuảng Ngãi, ngày 02 tháng 4 năm 2024\n\nKính gửi:\n- Ủy ban nhân dân tỉnh;\n"
    "- Bộ Nội vụ.\n\nThực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2024 của UBND tỉnh, Sở Nội vụ "
    "báo cáo như sau:\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, CCHC.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n"
    "Trần Thị Minh Hà\n";
const std::string kUrgent =
    "ỦY BAN NHÂN DÂN\nHUYỆN BA TƠ\n\nSố: 1024/UBND-VP\nV/v khẩn trương khắc phục hậu quả mưa lũ\n\n"
    "HỎA TỐC\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Ba Tơ, ngày 20 tháng 10 năm 2023\n\nKính gửi: Ủy ban nhân dân các xã, thị trấn.\n\n"
    "Thực hiện Công điện số 15/CĐ-UBND ngày 19/10/2023 của Chủ tịch UBND tỉnh, Chủ tịch UBND huyện "
    "yêu cầu:\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n"
    "Đinh Văn Hùng\n";

// A law passed by Quốc hội: no place or date in the header, the date of passing in the
// closing clause; an earlier date in the body ("có hiệu lực từ ngày …") is not it.
const std::string kLaw =
    "QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
    "Luật số: 12/2024/QH15 |\nLUẬT\nSỬA ĐỔI MỘT SỐ ĐIỀU CỦA LUẬT THƯ VIỆN\n"
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
    "Điều 1. Sửa đổi Điều 5\nĐiều 2. Hiệu lực thi hành\n"
    "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.\n"
    "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, Kỳ họp thứ 8 "
    "thông qua ngày 29 tháng 11 năm 2024.\n\nCHỦ TỊCH QUỐC HỘI\n\nNguyễn Văn An\n";
// A decree whose capitalised subject names another decree and its issuer.
const std::string kCapsSubject =
    "CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
    "Số: 15/2026/NĐ-CP | Hà Nội, ngày 10 tháng 01 năm 2026\nNGHỊ ĐỊNH\n"
    "SỬA ĐỔI MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 12/2021/NĐ-CP CỦA CHÍNH PHỦ VỀ CHẾ ĐỘ TRỢ CẤP\n"
    "Căn cứ Luật Tổ chức Chính phủ;\nĐiều 1. Sửa đổi Điều 3\n";
// A letter with a header date: a passing clause in its body does not replace it.
const std::string kLetterCitingPassing =
    "ỦY BAN NHÂN DÂN\nHUYỆN BA TƠ\n\nSố: 88/UBND-VP\nV/v triển khai Luật\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Ba Tơ, ngày 05 tháng 3 năm 2025\n\nKính gửi: Các cơ quan, đơn vị.\n\n"
    "Luật Thư viện được Quốc hội thông qua ngày 29 tháng 11 năm 2024; đề nghị các cơ quan "
    "triển khai.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n"
    "Đinh Văn Hùng\n";

// The number printed inline after the issuer and its type name, in one table cell.
const std::string kInlineTypedNumber =
    "ỦY BAN THƯỜNG VỤ QUỐC HỘI Nghị quyết số: 41/2024/UBTVQH15 | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
    "NAM Độc lập - Tự do - Hạnh phúc\n\nNGHỊ QUYẾT\nVề việc thành lập thị trấn\n"
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
    "Điều 1. Thành lập thị trấn\nĐiều 2. Hiệu lực thi hành\n"
    "Nghị quyết này được Ủy ban Thường vụ Quốc hội thông qua ngày 12 tháng 3 năm 2024.\n\n"
    "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH\n\nVương Đình Huệ\n";

// A joint circular: its issuers printed side by side in one cell.
const std::string kJoint =
    "BỘ TÀI CHÍNH - BỘ NỘI VỤ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
    "Số: 12/2024/TTLT-BTC-BNV | Hà Nội, ngày 05 tháng 3 năm 2024\n\nTHÔNG TƯ LIÊN TỊCH\n"
    "Hướng dẫn quản lý kinh phí\n\nCăn cứ Luật Ngân sách nhà nước;\n\n"
    "Điều 1. Phạm vi điều chỉnh\nThông tư liên tịch này hướng dẫn quản lý kinh phí.\n\n"
    "KT. BỘ TRƯỞNG BỘ NỘI VỤ\nTHỨ TRƯỞNG\n\nNguyễn Văn A\n";

// ... signed by both, one block per line: the lead issuer (first in the header) signs.
const std::string kJointSigned =
    "BỘ TÀI CHÍNH - BỘ NỘI VỤ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
    "Số: 12/2024/TTLT-BTC-BNV | Hà Nội, ngày 05 tháng 3 năm 2024\n\nTHÔNG TƯ LIÊN TỊCH\n"
    "Hướng dẫn quản lý kinh phí\n\nCăn cứ Luật Ngân sách nhà nước;\n\n"
    "Điều 1. Phạm vi điều chỉnh\nThông tư liên tịch này hướng dẫn quản lý kinh phí.\n\n"
    "KT. BỘ TRƯỞNG BỘ NỘI VỤ THỨ TRƯỞNG (Đã ký) Nguyễn Văn A | KT. BỘ TRƯỞNG BỘ TÀI CHÍNH "
    "THỨ TRƯỞNG (Đã ký) Trần Thị B\n";
// A notice with no issuer block, its type name printed in the left column under the
// number and the place-date in the right one: read column by column (a scan's zoning),
// the date line comes right after the heading.
const std::string kHeadingBeforeDate =
    "Số: /TB-UBND\nTHÔNG BÁO\n\nBa Tơ, ngày 12 tháng 01 năm 2024\n\n"
    "Kết luận của Chủ tịch Ủy ban nhân dân xã tại Hội nghị cải cách hành chính\n\n"
    "Sáng ngày 12/01/2024, tại xã, Chủ tịch UBND xã chủ trì Hội nghị.\n";

// A decree's type name zoned into the left column of a scan, so that the right column
// (motto, then place-date) comes between it and the title.
const std::string kHeadingBeforeMotto =
    "CHÍNH PHỦ\nSố: 15/2024/NĐ-CP\nNGHỊ ĐỊNH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 20 tháng 5 năm 2024\n\n"
    "Quy định chế độ phụ cấp cho cán bộ xã\n\nCăn cứ Luật Tổ chức Chính phủ;\n\n"
    "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định chế độ phụ cấp.\n";

// A scan's footer with only the signature column, no "Nơi nhận": the note "(Đã ký)"
// read on the name's line, or with a speck of the scribble beside it ("r (Đã ký)").
const std::string kCircularBody =
    "BỘ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 47/2025/TT-BKHCN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 24 tháng 12 năm 2025\n\nTHÔNG TƯ\n"
    "Quy định chế độ báo cáo định kỳ\n\nCăn cứ Luật Thống kê;\n\n"
    "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định chế độ báo cáo định kỳ.\n\n";
const std::string kNoteOnTheNamesLine = kCircularBody + "BỘ TRƯỞNG\n(Đã ký) Nguyễn Mạnh Hùng\n";
const std::string kNoteWithASpeck =
    kCircularBody + "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nr (Đã ký)\n\nLê Tiến Đạt\n";

// A ministry's name wrapped in a scan's narrow left column.
const std::string kWrappedIssuer =
    "BỘ KHOA HỌC VÀ CÔNG\nNGHỆ\nSố: 47/2025/TT-BKHCN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 24 tháng 12 năm 2025\n\nTHÔNG TƯ\n"
    "Quy định chế độ báo cáo định kỳ\n\nCăn cứ Luật Thống kê;\n\n"
    "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định chế độ báo cáo định kỳ.\n";

// Long symbols wrapped in a scan's narrow left column, at a separator.
const std::string kWrappedSymbol =
    "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nNghị quyết số: 105/2025/\nUBTVQH15\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nNGHỊ QUYẾT\n"
    "CHƯƠNG TRÌNH LẬP PHÁP NĂM 2026\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\n"
    "Điều 1. Chương trình lập pháp năm 2026\n";
const std::string kWrappedJointSymbol =
    "CHÍNH PHỦ\nSố: 102/2025/NQLT -\nUBTVQH15 - CP -\nĐCTUBTWMTQVN\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 26 tháng 9 năm 2025\n\n"
    "NGHỊ QUYẾT LIÊN TỊCH\nHướng dẫn quy trình hiệp thương\n\nCăn cứ Luật Tổ chức Quốc hội;\n\n"
    "Điều 1. Phạm vi điều chỉnh\n";
// A number whose symbol ends at a separator ("Số: 12/") is not continued by the type
// name under it.
const std::string kOpenSymbolOverHeading =
    "QUỐC HỘI\nLuật số: 12/\nLUẬT\nTHƯ VIỆN\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\n"
    "Điều 1. Phạm vi điều chỉnh\n";

// The note read with a wrong letter and a speck of the scribble, on the name's line.
const std::string kGarbledNote = kCircularBody + "BỘ TRƯỞNG\n..(Nã ký) Nguyễn Mạnh Hùng\n";

// Titles wrapped in a scan's narrow columns: the issuer over two lines where the second
// is itself a known body ("QUỐC HỘI"), the signer's titles at a word.
const std::string kWrappedTitles =
    "ỦY BAN THƯỜNG VỤ\nQUỐC HỘI\nSố: 105/2025/UBTVQH15\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 26 tháng 9 năm 2025\n\nNGHỊ QUYẾT\n"
    "Về chương trình lập pháp\n\nCăn cứ Luật Tổ chức Quốc hội;\n\n"
    "Điều 1. Chương trình lập pháp năm 2026\nNghị quyết này có hiệu lực từ ngày thông qua./.\n\n"
    "TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG CHÍNH\nPHỦ\nPHÓ THỦ TƯỚNG CHÍNH\nPHỦ\n\nNguyễn Chí Dũng\n";

// A distribution list item whose dash a scan lost, then the signature.
const std::string kItemWithoutDash =
    kCircularBody + "Nơi nhận:\n- Như trên;\nPCVP, TH;\n- Lưu: VT, Hồ sơ CCHC.\n\nBỘ TRƯỞNG\nNguyễn Mạnh Hùng\n";

std::vector<SnippetCase> SnippetCases() {
  return {
      {"DepartmentName", kSoNoiVu, "issuer.name", "Sở Nội vụ", ""},
      {"DepartmentParent", kSoNoiVu, "issuer.parent", "Ủy ban nhân dân tỉnh Quảng Ngãi", ""},
      {"DepartmentNumber", kSoNoiVu, "number", "215", ""},
      {"DepartmentSymbol", kSoNoiVu, "symbol", "SNV-CCHC", ""},
      {"DepartmentDate", kSoNoiVu, "date", "2024-04-02", ""},
      {"DepartmentPlace", kSoNoiVu, "place", "Quảng Ngãi", ""},
      {"DepartmentSubject", kSoNoiVu, "subject",
       "báo cáo kết quả cải cách hành chính quý I năm 2024", ""},
      {"DepartmentSignerPosition", kSoNoiVu, "signer.position", "Phó Giám đốc", ""},
      {"DepartmentSignerAuthority", kSoNoiVu, "signer.authority", "KT. Giám đốc", ""},
      {"DepartmentSignerName", kSoNoiVu, "signer.name", "Trần Thị Minh Hà", ""},
      {"DepartmentType", kSoNoiVu, "type", "Công văn", ""},
      {"UrgentMark", kUrgent, "urgency", "Hỏa tốc", ""},
      {"UrgentSubjectUnaffected", kUrgent, "subject", "khẩn trương khắc phục hậu quả mưa lũ", ""},
      {"UrgentIssuer", kUrgent, "issuer.name", "Ủy ban nhân dân huyện Ba Tơ", ""},
      {"UrgentSymbol", kUrgent, "symbol", "UBND-VP", ""},
      {"UrgentAuthority", kUrgent, "signer.authority", "TM. Ủy ban nhân dân", ""},
      {"LawDateIsThePassingDay", kLaw, "date", "2024-11-29", ""},
      {"LawNumber", kLaw, "number", "12", ""},
      {"LawPlaceStaysNull", kLaw, "place", std::nullopt, ""},
      {"CapsSubjectKeepsSymbolsTypesAndBodies", kCapsSubject, "subject",
       "Sửa đổi một số điều của Nghị định số 12/2021/NĐ-CP của Chính phủ về chế độ trợ cấp", ""},
      // A national body named in a title keeps its capitals.
      {"LawSignerPositionKeepsTheBodysCase", kLaw, "signer.position", "Chủ tịch Quốc hội", ""},
      {"JointAuthorityKeepsTheMinistrysCase", kJointSigned, "signer.authority",
       "KT. Bộ trưởng Bộ Tài chính", ""},
      {"HeaderDateWinsOverPassingClause", kLetterCitingPassing, "date", "2025-03-05", ""},
      {"JointIssuers", kJoint, "issuer.name", "Bộ Tài chính và Bộ Nội vụ", ""},
      {"JointSignedByTheLeadIssuer", kJointSigned, "signer.name", "Trần Thị B", ""},
      {"InlineTypedNumber", kInlineTypedNumber, "number", "41", ""},
      {"InlineTypedSymbol", kInlineTypedNumber, "symbol", "2024/UBTVQH15", ""},
      {"InlineTypedIssuer", kInlineTypedNumber, "issuer.name", "Ủy ban Thường vụ Quốc hội", ""},
      {"DateUnderHeadingIsTheDate", kHeadingBeforeDate, "date", "2024-01-12", ""},
      {"PlaceUnderHeadingIsThePlace", kHeadingBeforeDate, "place", "Ba Tơ", ""},
      {"TitleAfterThatDateLine", kHeadingBeforeDate, "subject",
       "Kết luận của Chủ tịch Ủy ban nhân dân xã tại Hội nghị cải cách hành chính", ""},
      {"TitleAfterMottoUnderHeading", kHeadingBeforeMotto, "subject", "Quy định chế độ phụ cấp cho cán bộ xã", ""},
      {"DateAfterMottoUnderHeading", kHeadingBeforeMotto, "date", "2024-05-20", ""},
      {"WrappedIssuerName", kWrappedIssuer, "issuer.name", "Bộ Khoa học và Công nghệ", ""},
      {"WrappedIssuerHasNoParent", kWrappedIssuer, "issuer.parent", std::nullopt, ""},
      {"WrappedSymbol", kWrappedSymbol, "symbol", "2025/UBTVQH15", ""},
      {"WrappedJointSymbol", kWrappedJointSymbol, "symbol", "2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTQVN", ""},
      {"OpenSymbolOverHeadingStaysOpen", kOpenSymbolOverHeading, "type", "Luật", ""},
      {"SignerNameAfterAGarbledNote", kGarbledNote, "signer.name", "Nguyễn Mạnh Hùng", ""},
      {"SignerPositionAboveAGarbledNote", kGarbledNote, "signer.position", "Bộ trưởng", ""},
      {"IssuerWrappedBeforeAKnownBody", kWrappedTitles, "issuer.name", "Ủy ban Thường vụ Quốc hội", ""},
      {"IssuerWrappedBeforeAKnownBodyNoParent", kWrappedTitles, "issuer.parent", std::nullopt, ""},
      {"SignerPositionWrapped", kWrappedTitles, "signer.position", "Phó Thủ tướng Chính phủ", ""},
      {"SignerAuthorityWrapped", kWrappedTitles, "signer.authority", "TM. Chính phủ\nKT. Thủ tướng Chính phủ", ""},
      {"SignerAfterAnItemWithoutDash", kItemWithoutDash, "signer.name", "Nguyễn Mạnh Hùng", ""},
      {"SignerNameAfterTheNote", kNoteOnTheNamesLine, "signer.name", "Nguyễn Mạnh Hùng", ""},
      {"SignerPositionAboveTheNote", kNoteOnTheNamesLine, "signer.position", "Bộ trưởng", ""},
      {"SignerNameUnderANoteWithASpeck", kNoteWithASpeck, "signer.name", "Lê Tiến Đạt", ""},
      {"SignerPositionAboveANoteWithASpeck", kNoteWithASpeck, "signer.position", "Thứ trưởng", ""},
  };
}

class HeaderSnippet : public testing::TestWithParam<SnippetCase> {};

TEST_P(HeaderSnippet, Field) {
  const SnippetCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  auto p = vanban_test::SharedPipeline();
  ASSERT_TRUE(p);
  vanban::Record r = p->ExtractBytes(c.text, "test/cv.txt");
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(vanban_test::Show(Field(r.documents[0], c.field)), vanban_test::Show(c.want));
}

INSTANTIATE_TEST_SUITE_P(Table, HeaderSnippet, testing::ValuesIn(SnippetCases()),
                         [](const auto& info) { return info.param.name; });

TEST(HeaderSnippetLists, DepartmentRecipientsAndDistribution) {
  auto p = vanban_test::SharedPipeline();
  ASSERT_TRUE(p);
  vanban::Record r = p->ExtractBytes(kSoNoiVu, "test/cv.txt");
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].recipients,
            (std::vector<std::string>{"Ủy ban nhân dân tỉnh", "Bộ Nội vụ"}));
  EXPECT_EQ(r.documents[0].distribution, (std::vector<std::string>{"Như trên", "Lưu: VT, CCHC"}));
  EXPECT_EQ(r.documents[0].issuer.printed,
            (std::vector<std::string>{"ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ"}));
}

}  // namespace
