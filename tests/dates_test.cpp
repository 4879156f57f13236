// Dates as Vietnamese documents print them.
#include "extractors/dates.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/test_util.h"

namespace {

using vanban::DateMatch;
using vanban::FindDate;

struct DateCase {
  std::string name;
  std::string text;
  std::string iso;      // "" = no date in the text
  std::string matched;  // text[begin, end) when a date is found; "" = not checked
  std::string bug;
};
void PrintTo(const DateCase& c, std::ostream* os) { *os << c.text; }

std::vector<DateCase> DateCases() {
  return {
      // Long form, as under the motto.
      {"LongFull", "Sơn Tây, ngày 15 tháng 3 năm 2024", "2024-03-15", "ngày 15 tháng 3 năm 2024",
       ""},
      {"LongZeroPadded", "Ba Tiêu, ngày 07 tháng 8 năm 2023", "2023-08-07",
       "ngày 07 tháng 8 năm 2023", ""},
      {"LongCapitalNgay", "Ngày 8 tháng 12 năm 2025", "2025-12-08", "Ngày 8 tháng 12 năm 2025", ""},
      {"LongInSentence", "Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;",
       "2015-06-22", "ngày 22 tháng 6 năm 2015", ""},
      {"LongEffectiveDate", "Quyết định này có hiệu lực thi hành từ ngày 15 tháng 10 năm 2025.",
       "2025-10-15", "ngày 15 tháng 10 năm 2025", ""},
      // Blanks left for the day (and month) in drafts.
      {"BlankDay", "Ba Tơ, ngày tháng 8 năm 2023", "2023-08", "", ""},
      {"BlankDayWideSpaces", "Ba Tơ, ngày   tháng 8 năm 2023", "2023-08", "", ""},
      {"BlankDayZeroMonth", "Hà Tĩnh, ngày tháng 02 năm 2023", "2023-02", "", ""},
      {"BlankDayAndMonth", "Quảng Trị, ngày tháng năm 2023", "2023", "", ""},
      // Numeric forms.
      {"NumericAfterNgay", "Công văn số 247/PNV ngày 04/8/2023 về việc tham gia dự thảo",
       "2023-08-04", "04/8/2023", ""},
      {"NumericPadded", "Quyết định số 1236/QĐ-UBND ngày 06/06/2018 của UBND tỉnh", "2018-06-06",
       "06/06/2018", ""},
      {"NumericAfterSymbolWithYear", "Nghị định số 216/2025/NĐ-CP ngày 05/8/2025 của Chính phủ",
       "2025-08-05", "05/8/2025", ""},
      {"NumericDots", "ban hành ngày 15.4.2010", "2010-04-15", "15.4.2010", ""},
      {"NumericHyphens", "ngày 04-12-2022", "2022-12-04", "04-12-2022", ""},
      {"NumericInParentheses", "(hoàn thành trước ngày 30/8/2023)", "2023-08-30", "30/8/2023", ""},
      {"NumericAtEnd", "Quý I năm 2024: Chậm nhất ngày 10/3/2024.", "2024-03-10", "10/3/2024", ""},
      {"FirstOfTwo",
       "Tính từ ngày 15 tháng 12 năm 2023, ước thực hiện đến ngày 14 tháng 3 năm 2024",
       "2023-12-15", "ngày 15 tháng 12 năm 2023", ""},
      {"NumericBeforeLong", "ngày 26/4/2024, có hiệu lực từ ngày 01 tháng 6 năm 2024", "2024-04-26",
       "26/4/2024", ""},
      // Not dates.
      {"Rank", "năm 2020 xếp 11/13; 2021 xếp 12/13; năm 2022 xếp 13/13", "", "", ""},
      {"RankOfProvinces", "chính quyền số (xếp thứ hạng 60/63 tỉnh, thành phố trong cả nước)", "",
       "", ""},
      {"Term", "Nghị quyết Đại hội Đảng bộ huyện lần thứ XIX, nhiệm kỳ 2020 - 2025", "", "", ""},
      {"Period", "các kế hoạch liên quan công tác CCHC giai đoạn 2021-2025", "", "", ""},
      {"MonthThirteen", "ngày 32/13/2020", "", "", ""},
      {"MonthThirteenDayValid", "ngày 12/13/2020", "", "", ""},
      {"NoSuchFebruaryDay", "ngày 30/02/2023", "", "", ""},
      {"SymbolWithYear", "Nghị định số 34/2016/NĐ-CP của Chính phủ", "", "", ""},
      {"DecimalNumber", "Số: 66.9/2025/NQ-CP", "", "", ""},
      {"CriteriaNumbering", "Tiêu chí thành phần 6.3.1, 6.3.2, 6.3.2.2, 6.3.2.3 Số đơn vị SNCL", "",
       "", ""},
      {"Ratio", "tiếp nhận hồ sơ trực tuyến 162 hồ sơ/376 hồ sơ, đạt 43,1%", "", "", ""},
      {"YearOnly", "Kế hoạch cải cách hành chính năm 2024", "", "", ""},
      {"PhoneLike", "Điện thoại: 0255.3822.123", "", "", ""},
  };
}

class DateTable : public testing::TestWithParam<DateCase> {};

TEST_P(DateTable, FindDate) {
  const DateCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  std::optional<DateMatch> m = FindDate(c.text);
  if (c.iso.empty()) {
    EXPECT_FALSE(m) << "found " << m->Iso() << " at '" << c.text.substr(m->begin, m->end - m->begin)
                    << "'";
    return;
  }
  ASSERT_TRUE(m) << "no date in: " << c.text;
  EXPECT_EQ(m->Iso(), c.iso);
  ASSERT_LE(m->begin, m->end);
  ASSERT_LE(m->end, c.text.size());
  if (!c.matched.empty()) {
    EXPECT_EQ(c.text.substr(m->begin, m->end - m->begin), c.matched);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, DateTable, testing::ValuesIn(DateCases()),
                         [](const auto& info) { return info.param.name; });

TEST(DateFindAll, EveryDateInOrder) {
  std::string text =
      "- Quý I năm 2024: Tính từ ngày 15 tháng 12 năm 2023, ước thực hiện đến ngày 14 tháng 3 năm "
      "2024.\n- 6 tháng đầu năm 2024: Chậm nhất ngày 10/6/2024; xếp 11/13.";
  std::vector<DateMatch> all = vanban::FindAllDates(text);
  std::vector<std::string> iso;
  for (const auto& m : all) iso.push_back(m.Iso());
  EXPECT_EQ(iso, (std::vector<std::string>{"2023-12-15", "2024-03-14", "2024-06-10"}));
}

TEST(DateFind, FromOffset) {
  std::string text =
      "Kế hoạch số 65/KH-UBND ngày 28/3/2023 và Quyết định số 1323/QĐ-UBND ngày "
      "15/6/2023 của UBND tỉnh Quảng Trị.";
  std::size_t second = text.find("Quyết định");
  auto m = FindDate(text, second);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->Iso(), "2023-06-15");
  EXPECT_GE(m->begin, second);
}

struct DateAtCase {
  std::string name;
  std::string text;
  std::size_t pos;
  std::string iso;  // "" = no date starting at pos
};
void PrintTo(const DateAtCase& c, std::ostream* os) { *os << c.text; }

class DateAtTable : public testing::TestWithParam<DateAtCase> {};

TEST_P(DateAtTable, DateAt) {
  const DateAtCase& c = GetParam();
  auto m = vanban::DateAt(c.text, c.pos);
  if (c.iso.empty()) {
    EXPECT_FALSE(m) << m->Iso();
    return;
  }
  ASSERT_TRUE(m);
  EXPECT_EQ(m->Iso(), c.iso);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DateAtTable,
    testing::Values(DateAtCase{"NgayNumeric", "ngày 04/12/2022 của UBND tỉnh", 0, "2022-12-04"},
                    DateAtCase{"BareNumeric", "14/3/2024 của UBND tỉnh", 0, "2024-03-14"},
                    DateAtCase{"LeadingSpace", " ngày 14 tháng 3 năm 2024", 0, "2024-03-14"},
                    DateAtCase{"AfterSymbol", "1313/UBND-NC ngày 14/3/2024", 12, "2024-03-14"},
                    DateAtCase{"NotAtPos", "của UBND tỉnh ngày 14/3/2024", 0, ""},
                    DateAtCase{"NoDate", "của UBND tỉnh", 0, ""},
                    DateAtCase{"CapitalNgay", "Ngày 15 tháng 4 năm 2010, Chính phủ", 0,
                               "2010-04-15"},
                    DateAtCase{"NewlineThenNgay", "\nNGÀY 5/6/2024", 0, "2024-06-05"},
                    DateAtCase{"WordBeforeDate", "số 14/3/2024", 0, ""},
                    DateAtCase{"AtEnd", "của UBND tỉnh  ", 13, ""}),
    [](const auto& info) { return info.param.name; });

TEST(DateIso, PartialForms) {
  DateMatch m;
  EXPECT_EQ(m.Iso(), "");
  m.year = 2023;
  EXPECT_EQ(m.Iso(), "2023");
  m.month = 8;
  EXPECT_EQ(m.Iso(), "2023-08");
  m.day = 7;
  EXPECT_EQ(m.Iso(), "2023-08-07");
}

struct MonthCase {
  int year, month, last;
};
void PrintTo(const MonthCase& c, std::ostream* os) { *os << c.year << "-" << c.month; }

class DateLastDay : public testing::TestWithParam<MonthCase> {};

TEST_P(DateLastDay, LastDayOfMonth) {
  EXPECT_EQ(vanban::LastDayOfMonth(GetParam().year, GetParam().month), GetParam().last);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DateLastDay,
    testing::Values(MonthCase{2024, 2, 29}, MonthCase{2023, 2, 28}, MonthCase{2000, 2, 29},
                    MonthCase{1900, 2, 28}, MonthCase{2100, 2, 28}, MonthCase{2024, 1, 31},
                    MonthCase{2024, 3, 31}, MonthCase{2024, 4, 30}, MonthCase{2024, 6, 30},
                    MonthCase{2024, 9, 30}, MonthCase{2024, 11, 30}, MonthCase{2024, 12, 31},
                    MonthCase{2023, 7, 31}, MonthCase{2023, 8, 31}),
    [](const auto& info) {
      return std::to_string(info.param.year) + "_" + std::to_string(info.param.month);
    });

}  // namespace
