// Names of bodies: header lines to one canonical name, abbreviations, resolution.
#include "extractors/bodies.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/test_util.h"

namespace {

using vanban::BodyName;
using vanban::BodyNames;
using vanban::Locality;

const BodyNames& Names() {
  static const BodyNames* names = new BodyNames(vanban_test::Rules());
  return *names;
}

struct HeaderLinesCase {
  std::string name;
  std::vector<std::string> printed;
  std::string issuer;
  std::optional<std::string> parent;
  std::string bug;
};
void PrintTo(const HeaderLinesCase& c, std::ostream* os) { *os << c.name; }

std::vector<HeaderLinesCase> HeaderLinesCases() {
  return {
      // The seeds' and real documents' headers, as their gold has them.
      {"Seed000Commune",
       {"ỦY BAN NHÂN DÂN", "XÃ BA TIÊU"},
       "Ủy ban nhân dân xã Ba Tiêu",
       std::nullopt,
       ""},
      {"Seed000Party",
       {"ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY BA TƠ"},
       "Huyện ủy Ba Tơ",
       "Đảng bộ tỉnh Quảng Ngãi",
       ""},
      {"Seed001Province",
       {"ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ"},
       "Ủy ban nhân dân tỉnh Quảng Trị",
       std::nullopt,
       ""},
      {"Seed002SteeringBoard",
       {"UBND TỈNH HÀ TĨNH", "BAN CHỈ ĐẠO CCHC TỈNH"},
       "Ban Chỉ đạo cải cách hành chính tỉnh",
       "Ủy ban nhân dân tỉnh Hà Tĩnh",
       ""},
      {"Seed003District",
       {"ỦY BAN NHÂN DÂN", "HUYỆN SƠN TÂY"},
       "Ủy ban nhân dân huyện Sơn Tây",
       std::nullopt,
       ""},
      {"RealGovernment", {"CHÍNH PHỦ"}, "Chính phủ", std::nullopt, ""},
      {"RealInspectorate", {"THANH TRA CHÍNH PHỦ"}, "Thanh tra Chính phủ", std::nullopt, ""},
      {"RealMinistry", {"BỘ KHOA HỌC VÀ CÔNG NGHỆ"}, "Bộ Khoa học và Công nghệ", std::nullopt, ""},
      // Invented but realistic headers.
      {"DepartmentUnderProvince",
       {"ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ"},
       "Sở Nội vụ",
       "Ủy ban nhân dân tỉnh Quảng Ngãi",
       ""},
      {"OfficeUnderDistrict",
       {"UBND HUYỆN SƠN TÂY", "PHÒNG NỘI VỤ"},
       "Phòng Nội vụ",
       "Ủy ban nhân dân huyện Sơn Tây",
       ""},
      {"CityLevel",
       {"ỦY BAN NHÂN DÂN", "THÀNH PHỐ QUẢNG NGÃI"},
       "Ủy ban nhân dân thành phố Quảng Ngãi",
       std::nullopt,
       ""},
      {"TownLevelNotCommune",
       {"ỦY BAN NHÂN DÂN", "THỊ XÃ ĐỨC PHỔ"},
       "Ủy ban nhân dân thị xã Đức Phổ",
       std::nullopt,
       ""},
      {"TownshipLevel",
       {"ỦY BAN NHÂN DÂN", "THỊ TRẤN DI LĂNG"},
       "Ủy ban nhân dân thị trấn Di Lăng",
       std::nullopt,
       ""},
      {"Council",
       {"HỘI ĐỒNG NHÂN DÂN", "TỈNH HÀ TĨNH"},
       "Hội đồng nhân dân tỉnh Hà Tĩnh",
       std::nullopt,
       ""},
      {"DistrictPartyCommitteeAlone", {"HUYỆN ỦY SƠN TÂY"}, "Huyện ủy Sơn Tây", std::nullopt, ""},
      {"PartyBoardUnderProvince",
       {"TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO"},
       "Ban Tuyên giáo",
       "Tỉnh ủy Quảng Ngãi",
       ""},
      {"KnownMinistry", {"BỘ TÀI CHÍNH"}, "Bộ Tài chính", std::nullopt, ""},
      {"KnownMinistryWithComma",
       {"BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"},
       "Bộ Văn hóa, Thể thao và Du lịch",
       std::nullopt,
       ""},
      {"DepartmentOfEducation",
       {"UBND TỈNH QUẢNG NGÃI", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"},
       "Sở Giáo dục và Đào tạo",
       "Ủy ban nhân dân tỉnh Quảng Ngãi",
       "FromCaps gives \"Sở Giáo dục và đào tạo\": only the first word of a department's field is "
       "capitalised"},
      {"ExtraSpaces",
       {"  ỦY BAN  NHÂN DÂN ", " HUYỆN   SƠN TÂY"},
       "Ủy ban nhân dân huyện Sơn Tây",
       std::nullopt,
       ""},
  };
}

class BodiesFromHeaderLines : public testing::TestWithParam<HeaderLinesCase> {};

TEST_P(BodiesFromHeaderLines, NameAndParent) {
  const HeaderLinesCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  BodyName b = Names().FromHeaderLines(c.printed);
  EXPECT_EQ(b.name, c.issuer);
  EXPECT_EQ(vanban_test::Show(b.parent), vanban_test::Show(c.parent));
}

INSTANTIATE_TEST_SUITE_P(Table, BodiesFromHeaderLines, testing::ValuesIn(HeaderLinesCases()),
                         [](const auto& info) { return info.param.name; });

TEST(BodiesFromHeaderLinesEmpty, NoLinesNoName) {
  BodyName b = Names().FromHeaderLines({});
  EXPECT_EQ(b.name, "");
  EXPECT_FALSE(b.parent);
}

struct ExpandCase {
  std::string name, input, expected;
};
void PrintTo(const ExpandCase& c, std::ostream* os) { *os << c.input; }

class BodiesExpand : public testing::TestWithParam<ExpandCase> {};

TEST_P(BodiesExpand, Abbreviations) {
  EXPECT_EQ(Names().Expand(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BodiesExpand,
    testing::Values(
        ExpandCase{"Ubnd", "UBND huyện", "Ủy ban nhân dân huyện"},
        ExpandCase{"Hdnd", "Thường trực HĐND huyện", "Thường trực Hội đồng nhân dân huyện"},
        ExpandCase{"Cchc", "Ban Chỉ đạo CCHC tỉnh", "Ban Chỉ đạo cải cách hành chính tỉnh"},
        ExpandCase{"ChairOf", "Chủ tịch UBND xã", "Chủ tịch Ủy ban nhân dân xã"},
        ExpandCase{"FrontLongestFirst", "Ủy ban MTTQVN huyện",
                   "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"},
        ExpandCase{"FrontCommittee", "UBMTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh"},
        ExpandCase{"Punctuation", "UBND, HĐND xã", "Ủy ban nhân dân, Hội đồng nhân dân xã"},
        ExpandCase{"Parenthesised", "Văn phòng (UBND)", "Văn phòng (Ủy ban nhân dân)"},
        ExpandCase{"NotAWord", "UBNDX tỉnh", "UBNDX tỉnh"},
        ExpandCase{"NothingToExpand", "Phòng Nội vụ", "Phòng Nội vụ"},
        ExpandCase{"Cbcc", "Các ban, ngành, CBCC xã", "Các ban, ngành, cán bộ, công chức xã"}),
    [](const auto& info) { return info.param.name; });

struct ResolveCase {
  std::string name, input;
  Locality where;
  std::string expected;
  std::string bug;
};
void PrintTo(const ResolveCase& c, std::ostream* os) { *os << c.input; }

const Locality kBaTo{"Quảng Ngãi", "Ba Tơ", "huyện", "Ba Bích", "xã"};
const Locality kHaTinh{"Hà Tĩnh", "", "", "", ""};

std::vector<ResolveCase> ResolveCases() {
  return {
      {"ProvinceCommittee", "UBND tỉnh", kBaTo, "Ủy ban nhân dân tỉnh Quảng Ngãi", ""},
      {"ProvinceParty", "Tỉnh ủy", kBaTo, "Tỉnh ủy Quảng Ngãi", ""},
      {"DistrictParty", "Huyện ủy", kBaTo, "Huyện ủy Ba Tơ", ""},
      {"StandingBoard", "Ban Thường vụ Huyện ủy", kBaTo, "Ban Thường vụ Huyện ủy Ba Tơ", ""},
      {"DistrictOffice", "Phòng Nội vụ huyện", kBaTo, "Phòng Nội vụ huyện Ba Tơ", ""},
      {"ChairOfDistrict", "Chủ tịch UBND huyện", kBaTo, "Chủ tịch Ủy ban nhân dân huyện Ba Tơ", ""},
      {"CommuneCommittee", "UBND xã", kBaTo, "Ủy ban nhân dân xã Ba Bích", ""},
      {"ProvincialPartyCommittee", "Ban Chấp hành Đảng bộ tỉnh", kHaTinh,
       "Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh", ""},
      {"AlreadyNamed", "UBND tỉnh Quảng Trị", kBaTo, "Ủy ban nhân dân tỉnh Quảng Trị", ""},
      {"NationalBody", "Chính phủ", kBaTo, "Chính phủ", ""},
      {"Ministry", "Bộ Nội vụ", kBaTo, "Bộ Nội vụ", ""},
      {"UnknownPlaceKeepsLevel", "UBND tỉnh", Locality{}, "Ủy ban nhân dân tỉnh", ""},
  };
}

class BodiesResolve : public testing::TestWithParam<ResolveCase> {};

TEST_P(BodiesResolve, FullName) {
  const ResolveCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  EXPECT_EQ(Names().Resolve(c.input, c.where), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Table, BodiesResolve, testing::ValuesIn(ResolveCases()),
                         [](const auto& info) { return info.param.name; });

struct MatchKeyCase {
  std::string name, a, b;
  bool same;
};
void PrintTo(const MatchKeyCase& c, std::ostream* os) { *os << c.a << " / " << c.b; }

class BodiesMatchKey : public testing::TestWithParam<MatchKeyCase> {};

TEST_P(BodiesMatchKey, DiacriticInsensitive) {
  const MatchKeyCase& c = GetParam();
  if (c.same) {
    EXPECT_EQ(Names().MatchKey(c.a), Names().MatchKey(c.b));
  } else {
    EXPECT_NE(Names().MatchKey(c.a), Names().MatchKey(c.b));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, BodiesMatchKey,
    testing::Values(
        MatchKeyCase{"PlainAscii", "Ủy ban nhân dân xã Ba Bích", "uy ban nhan dan xa ba bich",
                     true},
        MatchKeyCase{"Abbreviated", "UBND xã Ba Bích", "Ủy ban nhân dân xã Ba Bích", true},
        MatchKeyCase{"UpperCase", "ỦY BAN NHÂN DÂN XÃ BA BÍCH", "Ủy ban nhân dân xã Ba Bích", true},
        MatchKeyCase{"ToneStyle", "Uỷ ban nhân dân xã Ba Bích", "Ủy ban nhân dân xã Ba Bích", true},
        MatchKeyCase{"DFolded", "Đảng ủy xã", "dang uy xa", true},
        MatchKeyCase{"Punctuation", "Văn phòng HĐND, UBND huyện",
                     "Văn phòng Hội đồng nhân dân Ủy ban nhân dân huyện", true},
        MatchKeyCase{"OtherCommune", "Ủy ban nhân dân xã Ba Bích", "Ủy ban nhân dân xã Ba Tiêu",
                     false},
        MatchKeyCase{"OtherLevel", "Ủy ban nhân dân huyện Sơn Tây", "Ủy ban nhân dân xã Sơn Tây",
                     false}),
    [](const auto& info) { return info.param.name; });

TEST(BodiesMatchKeyValue, Example) {
  EXPECT_EQ(Names().MatchKey("Ủy ban nhân dân xã Ba Bích"), "uy ban nhan dan xa ba bich");
}

}  // namespace
