// The citation key (spec: "The citation key") and what a clerk types to name a document.
#include "extractors/citation_key.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/test_util.h"

namespace {

using vanban::CitationKeys;
using vanban::ParsedQuery;

const CitationKeys& Keys() {
  static const CitationKeys* keys = new CitationKeys(vanban_test::Rules());
  return *keys;
}

struct NumberedCase {
  std::string name, number, separator, symbol;
  std::optional<int> year;
  std::string key;
  std::string bug;
};
void PrintTo(const NumberedCase& c, std::ostream* os) {
  *os << c.number << c.separator << c.symbol;
}

std::vector<NumberedCase> NumberedCases() {
  return {
      // The spec's examples.
      {"SpecDecision", "2454", "/", "QĐ-UBND", 2022, "2454/QĐ-UBND@2022", ""},
      {"SpecDecree", "34", "/", "2016/NĐ-CP", 2016, "34/2016/NĐ-CP@2016", ""},
      {"SpecParty", "12", "-", "NQ/TU", 2022, "12-NQ/TU@2022", ""},
      // The seeds' gold keys.
      {"LookalikeCd", "280", "/", "CD-TTg", 2023, "280/CĐ-TTG@2023", ""},
      {"LookalikeCd968", "968", "/", "CD-TTg", 2023, "968/CĐ-TTG@2023", ""},
      {"MissingHyphen", "2088", "/", "QĐUBND", 2021, "2088/QĐ-UBND@2021", ""},
      {"PartyProgramme", "23", "-", "CTr/HU", 2023, "23-CTR/HU@2023", ""},
      {"PartyResolution", "04", "-", "NQ/TU", 2021, "04-NQ/TU@2021", ""},
      {"PartyLetter", "1440", "-", "CV/HU", 2019, "1440-CV/HU@2019", ""},
      {"IssuerOnly", "247", "/", "PNV", 2023, "247/PNV@2023", ""},
      {"LetterWithUnit", "1313", "/", "UBND-NC", 2024, "1313/UBND-NC@2024", ""},
      {"Directive", "03", "/", "CT-TTg", 2023, "03/CT-TTG@2023", ""},
      {"MinistryLetter", "385", "/", "BNV-CCHC", 2023, "385/BNV-CCHC@2023", ""},
      {"Notice", "53", "/", "TB-VPCP", 2024, "53/TB-VPCP@2024", ""},
      {"LegalDecisionWithYear", "01", "/", "2024/QĐ-UBND", 2024, "01/2024/QĐ-UBND@2024", ""},
      {"ProjectZeroSix", "06", "/", "QĐ-TTg", 2022, "06/QĐ-TTG@2022", ""},
      // The real documents' gold keys.
      {"Law", "63", "/", "2025/QH15", 2025, "63/2025/QH15@2025", ""},
      {"DecimalNumber", "66.9", "/", "2025/NQ-CP", 2025, "66.9/2025/NQ-CP@2025", ""},
      {"JointCircular", "16", "/", "2009/TTLT-BTTTT-BCA", 2009, "16/2009/TTLT-BTTTT-BCA@2009", ""},
      {"Circular", "05", "/", "2024/TT-TTCP", 2024, "05/2024/TT-TTCP@2024", ""},
      // Normalisation of the parts.
      {"SpacesDropped", "583", "/", " UBND ", 2024, "583/UBND@2024", ""},
      {"SpacesInsideDropped", "44", "/", "2025 / QĐ-TTg", 2025, "44/2025/QĐ-TTG@2025", ""},
      {"LowerCase", "2454", "/", "qđ-ubnd", 2022, "2454/QĐ-UBND@2022", ""},
      {"KnownCodeNotRepaired", "12", "/", "DA-UBND", 2020, "12/DA-UBND@2020", ""},
      {"UnknownSegmentNotRepaired", "5", "/", "UBND-DT", 2024, "5/UBND-DT@2024", ""},
      {"NoYear", "2454", "/", "QĐ-UBND", std::nullopt, "2454/QĐ-UBND", ""},
  };
}

class CitationKeyNumbered : public testing::TestWithParam<NumberedCase> {};

TEST_P(CitationKeyNumbered, Key) {
  const NumberedCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  EXPECT_EQ(Keys().Numbered(c.number, c.separator, c.symbol, c.year), c.key);
}

INSTANTIATE_TEST_SUITE_P(Table, CitationKeyNumbered, testing::ValuesIn(NumberedCases()),
                         [](const auto& info) { return info.param.name; });

struct TitledCase {
  std::string name, type, title;
  int year;
  std::string key;
  std::string bug;
};
void PrintTo(const TitledCase& c, std::ostream* os) { *os << c.type << " " << c.title; }

std::vector<TitledCase> TitledCases() {
  return {
      {"SpecLaw", "Luật", "Ban hành văn bản quy phạm pháp luật", 2015,
       "Luật:ban hành văn bản quy phạm pháp luật@2015", ""},
      {"ProgrammeAbbreviation", "Chương trình", "tổng thể CCHC Nhà nước giai đoạn 2021-2030", 2021,
       "Chương trình:tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030@2021", ""},
      {"PlanAbbreviation", "Kế hoạch", "CCHC", 2024, "Kế hoạch:cải cách hành chính@2024", ""},
      {"CivilCode", "Bộ luật", "Dân sự", 2015, "Bộ luật:dân sự@2015", ""},
      {"Nationality", "Luật", "Quốc tịch Việt Nam", 2008, "Luật:quốc tịch việt nam@2008", ""},
      {"AmendingLaw", "Luật",
       "sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
       "phương",
       2019,
       "Luật:sửa đổi, bổ sung một số điều của luật tổ chức chính phủ và luật tổ chức chính quyền "
       "địa phương@2019",
       ""},
      {"PartyCongress", "Nghị quyết", "Đại hội Đảng bộ huyện lần thứ XIX, nhiệm kỳ 2020 - 2025",
       2020, "Nghị quyết:đại hội đảng bộ huyện lần thứ xix, nhiệm kỳ 2020 - 2025@2020", ""},
      {"TrailingPunctuation", "Luật", "Hộ tịch;", 2014, "Luật:hộ tịch@2014", ""},
      {"SpacesCollapsed", "Luật", "Tổ chức  Chính phủ ", 2015, "Luật:tổ chức chính phủ@2015", ""},
      {"CanonicalTones", "Luật", "Thuỷ lợi", 2017, "Luật:thủy lợi@2017", ""},
  };
}

class CitationKeyTitled : public testing::TestWithParam<TitledCase> {};

TEST_P(CitationKeyTitled, Key) {
  const TitledCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  EXPECT_EQ(Keys().Titled(c.type, c.title, c.year), c.key);
}

INSTANTIATE_TEST_SUITE_P(Table, CitationKeyTitled, testing::ValuesIn(TitledCases()),
                         [](const auto& info) { return info.param.name; });

struct TypeCase {
  std::string name, symbol;
  std::optional<std::string> type;
  std::string bug;
};
void PrintTo(const TypeCase& c, std::ostream* os) { *os << c.symbol; }

std::vector<TypeCase> TypeCases() {
  return {
      {"Decision", "QĐ-UBND", "Quyết định", ""},
      {"LetterWithUnit", "UBND-NC", std::nullopt, ""},
      {"IssuerOnly", "UBND", std::nullopt, ""},
      {"DistrictOffice", "PNV", std::nullopt, ""},
      {"MinistryLetter", "BNV-CCHC", std::nullopt, ""},
      {"SteeringBoardLetter", "BCĐCCHC-TGV", std::nullopt, ""},
      {"Decree", "2016/NĐ-CP", "Nghị định", ""},
      {"Law", "2025/QH15", "Luật", ""},
      {"Ordinance", "2025/UBTVQH15", "Pháp lệnh", ""},
      {"PartyResolution", "NQ/TU", "Nghị quyết", ""},
      {"PartyProgramme", "CTr/HU", "Chương trình", ""},
      {"PartyDirectiveNotice", "TT/TU", "Thông tri", ""},
      {"PartyLetter", "CV/HU", "Công văn", ""},
      {"Circular", "2024/TT-BTTTT", "Thông tư", ""},
      {"JointCircular", "2009/TTLT-BTTTT-BCA", "Thông tư liên tịch", ""},
      {"GovernmentResolution", "2025/NQ-CP", "Nghị quyết", ""},
      {"Directive", "CT-TTg", "Chỉ thị", ""},
      {"DispatchLookalike", "CD-TTg", "Công điện", ""},
      {"Plan", "KH-UBND", "Kế hoạch", ""},
      {"Notice", "TB-VPCP", "Thông báo", ""},
      {"MissingHyphen", "QĐUBND", "Quyết định", ""},
      {"Guidance", "HD-UBND", "Hướng dẫn", ""},
      {"Submission", "TTr-UBND", "Tờ trình", ""},
      {"Invitation", "GM-UBND", "Giấy mời", ""},
      {"PrimeMinisterDecision", "2025/QĐ-TTg", "Quyết định", ""},
  };
}

class CitationKeyTypeFromSymbol : public testing::TestWithParam<TypeCase> {};

TEST_P(CitationKeyTypeFromSymbol, Type) {
  const TypeCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  EXPECT_EQ(vanban_test::Show(Keys().TypeFromSymbol(c.symbol)), vanban_test::Show(c.type));
}

INSTANTIATE_TEST_SUITE_P(Table, CitationKeyTypeFromSymbol, testing::ValuesIn(TypeCases()),
                         [](const auto& info) { return info.param.name; });

struct TypeWordsCase {
  std::string name, text;
  std::optional<std::string> type;
};
void PrintTo(const TypeWordsCase& c, std::ostream* os) { *os << c.text; }

class CitationKeyTypeFromWords : public testing::TestWithParam<TypeWordsCase> {};

TEST_P(CitationKeyTypeFromWords, Type) {
  EXPECT_EQ(vanban_test::Show(Keys().TypeFromWords(GetParam().text)),
            vanban_test::Show(GetParam().type));
}

INSTANTIATE_TEST_SUITE_P(
    Table, CitationKeyTypeFromWords,
    testing::Values(
        TypeWordsCase{"Decision", "Quyết định số 2454/QĐ-UBND", "Quyết định"},
        TypeWordsCase{"NoDiacritics", "quyet dinh 2454", "Quyết định"},
        TypeWordsCase{"JointLongestFirst", "Thông tư liên tịch số 16/2009/TTLT-BTTTT-BCA",
                      "Thông tư liên tịch"},
        TypeWordsCase{"ActionProgramme", "Chương trình hành động số 23-CTr/HU", "Chương trình"},
        TypeWordsCase{"ConclusionNotice", "Thông báo kết luận số 54/TB-UBND", "Thông báo"},
        TypeWordsCase{"DocumentIsLetter", "Văn bản số 385/BNV-CCHC", "Công văn"},
        TypeWordsCase{"CivilCodeNotLaw", "Bộ luật Dân sự", "Bộ luật"},
        TypeWordsCase{"LawWordBoundary", "Luật Hộ tịch", "Luật"},
        TypeWordsCase{"NotAType", "Ủy ban nhân dân tỉnh", std::nullopt}),
    [](const auto& info) { return info.param.name; });

struct QueryCase {
  std::string name, query;
  std::optional<std::string> number, symbol, type;
  std::optional<int> year;
  std::optional<std::string> date;
  std::string key_prefix;
  std::string bug;
};
void PrintTo(const QueryCase& c, std::ostream* os) { *os << c.query; }

std::vector<QueryCase> QueryCases() {
  const std::nullopt_t none = std::nullopt;
  return {
      {"NumberSymbol", "2454/QĐ-UBND", "2454", "QĐ-UBND", "Quyết định", none, none, "2454/QĐ-UBND",
       ""},
      {"WithoutD", "2454/QD-UBND", "2454", "QĐ-UBND", "Quyết định", none, none, "2454/QĐ-UBND", ""},
      {"CodeThenNumber", "QĐ 2454", "2454", none, "Quyết định", none, none, "", ""},
      {"CodeWithoutDThenNumber", "QD 2454", "2454", none, "Quyết định", none, none, "", ""},
      {"FullCitation", "Quyết định số 2454/QĐ-UBND ngày 04/12/2022", "2454", "QĐ-UBND",
       "Quyết định", 2022, "2022-12-04", "2454/QĐ-UBND", ""},
      {"PartyResolution", "Nghị quyết 12-NQ/TU", "12", "NQ/TU", "Nghị quyết", none, none,
       "12-NQ/TU", ""},
      {"DecreeWithYear", "34/2016/NĐ-CP", "34", "2016/NĐ-CP", "Nghị định", 2016, none,
       "34/2016/NĐ-CP", ""},
      {"TypeWordThenNumber", "quyết định 2454", "2454", none, "Quyết định", none, none, "", ""},
      {"DispatchLookalike", "Công điện số 280/CD-TTg", "280", "CĐ-TTG", "Công điện", none, none,
       "280/CĐ-TTG", ""},
      {"MissingHyphen", "2088/QĐUBND", "2088", "QĐ-UBND", "Quyết định", none, none, "2088/QĐ-UBND",
       ""},
      {"SpacesAndLowerCase", "  2454 / qđ-ubnd ", "2454", "QĐ-UBND", "Quyết định", none, none,
       "2454/QĐ-UBND", ""},
      {"LetterHasNoTypeCode", "1313/UBND-NC", "1313", "UBND-NC", none, none, none, "1313/UBND-NC",
       ""},
      {"LongDate", "Công văn số 583/UBND ngày 15 tháng 3 năm 2024", "583", "UBND", "Công văn", 2024,
       "2024-03-15", "583/UBND", ""},
  };
}

class CitationKeyParseQuery : public testing::TestWithParam<QueryCase> {};

TEST_P(CitationKeyParseQuery, Parts) {
  const QueryCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  ParsedQuery q = Keys().ParseQuery(c.query);
  EXPECT_EQ(vanban_test::Show(q.number), vanban_test::Show(c.number));
  EXPECT_EQ(vanban_test::Show(q.symbol), vanban_test::Show(c.symbol));
  EXPECT_EQ(vanban_test::Show(q.type), vanban_test::Show(c.type));
  EXPECT_EQ(q.year, c.year);
  EXPECT_EQ(vanban_test::Show(q.date), vanban_test::Show(c.date));
  EXPECT_EQ(q.key_prefix, c.key_prefix);
  EXPECT_FALSE(q.title) << *q.title;
}

INSTANTIATE_TEST_SUITE_P(Table, CitationKeyParseQuery, testing::ValuesIn(QueryCases()),
                         [](const auto& info) { return info.param.name; });

TEST(CitationKeyParseQueryTitle, LawByName) {
  GTEST_SKIP() << "known bug: \"Luật Đất đai năm 2024\" matches kTypeNumber, so the year "
                  "becomes number \"2024\" and title stays null";
  ParsedQuery q = Keys().ParseQuery("Luật Đất đai năm 2024");
  EXPECT_FALSE(q.number) << *q.number;
  EXPECT_EQ(vanban_test::Show(q.type), "\"Luật\"");
  EXPECT_EQ(q.year, 2024);
  ASSERT_TRUE(q.title);
  EXPECT_NE(q.title->find("Đất đai"), std::string::npos);
  EXPECT_EQ(q.key_prefix, "");
}

TEST(CitationKeyCanonicalSymbol, SameNodeWhateverTheSpelling) {
  for (const char* s : {"QĐ-UBND", "QD-UBND", "qđ-ubnd", "QĐUBND", "QĐ - UBND"})
    EXPECT_EQ(Keys().CanonicalSymbol(s), "QĐ-UBND") << s;
  // Đ is kept, never folded to D.
  EXPECT_EQ(Keys().CanonicalSymbol("2016/NĐ-CP"), "2016/NĐ-CP");
}

}  // namespace
