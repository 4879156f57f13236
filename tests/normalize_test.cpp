// Stage 2, normalize: canonical text and a byte map back to the input.
#include "pipeline/normalize.h"

#include <gtest/gtest.h>

#include <string>

#include "pipeline/vntext.h"
#include "tests/test_util.h"

namespace {

using vanban::Normalize;
using vanban::NormalizedText;

struct NormCase {
  std::string name;
  std::string input;
  bool markdown;
  std::string expected;
  std::string bug;
};

std::vector<NormCase> NormCases() {
  return {
      // Unicode forms.
      {"NfdComposed", "Huye\u0302\u0323n So\u031Bn Ta\u0302y", false, "Huyện Sơn Tây", ""},
      {"NfdUpper", "U\u0309Y BAN NHA\u0302N DA\u0302N", false, "ỦY BAN NHÂN DÂN", ""},
      {"NfdWithOtherMarkOrder", "Huye\u0323\u0302n", false, "Huyện", ""},
      // Tone-mark placement: old style for oa, oe, uy (not after q).
      {"UyNewStyle", "Huyện uỷ Ba Tơ", false, "Huyện ủy Ba Tơ", ""},
      {"UyOldStyleKept", "Huyện ủy Ba Tơ", false, "Huyện ủy Ba Tơ", ""},
      {"UyUpperNewStyle", "UỶ BAN NHÂN DÂN", false, "ỦY BAN NHÂN DÂN", ""},
      {"UyCapitalised", "Uỷ ban nhân dân xã", false, "Ủy ban nhân dân xã", ""},
      {"OaNewStyle", "Cộng hoà xã hội", false, "Cộng hòa xã hội", ""},
      {"OaClosedSyllableKept", "hoàn thành trước ngày 30/8/2023", false,
       "hoàn thành trước ngày 30/8/2023", ""},
      {"OaiClosedKept", "ngoài ra", false, "ngoài ra", ""},
      {"QuyKept", "Quý Mão; quỹ nhà ở", false, "Quý Mão; quỹ nhà ở", ""},
      {"ThuyNewStyle", "thuỷ lợi", false, "thủy lợi", ""},
      {"OeNewStyle", "sức khoẻ", false, "sức khỏe", ""},
      {"HoaNfdNewStyle", "hoa\u0300", false, "hòa", ""},
      // Invisible characters and exotic spaces.
      {"Nbsp", "Số:\u00A0583\u00A0/UBND", false, "Số: 583 /UBND", ""},
      {"SoftHyphen", "Ủy ban nhân d\u00ADân", false, "Ủy ban nhân dân", ""},
      {"LeftToRightMark", "\u200ESố: 12/UBND\u200F", false, "Số: 12/UBND", ""},
      {"ZeroWidthSpace", "Kính\u200B gửi:", false, "Kính gửi:", ""},
      {"ZeroWidthJoinerAndBom", "Quyết\u200D định\uFEFF số", false, "Quyết định số", ""},
      {"FigureAndNarrowSpaces", "Hà\u2007Nội,\u202Fngày", false, "Hà Nội, ngày", ""},
      {"SpacesCollapsedAndTrimmed", "  Kính   gửi:\t Công an huyện  ", false,
       "Kính gửi: Công an huyện", ""},
      // Cyrillic look-alikes inside Latin words; real Cyrillic kept.
      {"CyrillicEsInSymbol", "Số: 06/2026/TT-BT\u0421", false, "Số: 06/2026/TT-BTC", ""},
      {"CyrillicAtWordStart", "\u0421ông văn", false, "Công văn", ""},
      {"CyrillicLowerO", "Quyết định s\u043E 12", false, "Quyết định so 12", ""},
      {"CyrillicWordKept", "\u041C\u043E\u0441\u043A\u0432\u0430", false,
       "\u041C\u043E\u0441\u043A\u0432\u0430", ""},
      // Line ends.
      {"CrLf", "Kính gửi:\r\n- Công an huyện;\r\n- Lưu: VT.\r\n", false,
       "Kính gửi:\n- Công an huyện;\n- Lưu: VT.", ""},
      {"LoneCr", "Nơi nhận:\r- Như trên;", false, "Nơi nhận:\n- Như trên;", ""},
      {"BlankLinesCollapsed", "Số: 583 /UBND\n\n\n\nKính gửi:", false,
       "Số: 583 /UBND\n\nKính gửi:", ""},
      {"LeadingBlankLinesDropped", "\n\n\nỦY BAN NHÂN DÂN", false, "ỦY BAN NHÂN DÂN", ""},
      // Markdown (only when asked).
      {"BoldBlock", "**ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ**", true, "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ",
       ""},
      {"Heading", "## THÔNG BÁO", true, "THÔNG BÁO", ""},
      {"HeadingBold", "### **3. Tổ chức thực hiện**", true, "3. Tổ chức thực hiện", ""},
      {"Emphasis", "(*gọi tắt là Chương trình hành động số 23*)", true,
       "(gọi tắt là Chương trình hành động số 23)", ""},
      {"BoldInline", "gửi dự thảo về UBND xã **chậm nhất ngày 09/8/2023**./.", true,
       "gửi dự thảo về UBND xã chậm nhất ngày 09/8/2023./.", ""},
      {"HardBreakSpaces", "**KT.CHỦ TỊCH  \nPHÓ CHỦ TỊCH**", true, "KT.CHỦ TỊCH\nPHÓ CHỦ TỊCH", ""},
      {"HeadingNeedsSpace", "#1 không phải tiêu đề", true, "#1 không phải tiêu đề", ""},
      {"MarkdownOffKeepsStars", "**ỦY BAN NHÂN DÂN**", false, "**ỦY BAN NHÂN DÂN**", ""},
      {"MarkdownOffKeepsHash", "## THÔNG BÁO", false, "## THÔNG BÁO", ""},
      // Runs of plain characters (copied as they are) meeting characters that are not.
      {"MarkAfterPrecomposedInRun", "Ủy ban nhân dân huyê\u0323n Ba Tơ", false,
       "Ủy ban nhân dân huyện Ba Tơ", ""},
      {"MarkAfterSpace", "a \u0301b", false, "a \u0301b", ""},
      {"LatinSupplementInRun", "Café – naïve", false, "Café – naïve", ""},
      {"UnderscoresAndEscapes", "mã_số và __đậm__ a\\-b", true, "mã_số và đậm a-b", ""},
      {"HashAfterSpacesAtLineStart", "x\n  ## Mục 1", true, "x\nMục 1", ""},
  };
}

class NormalizeTable : public testing::TestWithParam<NormCase> {};

TEST_P(NormalizeTable, Text) {
  const NormCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  NormalizedText n = Normalize(c.input, c.markdown);
  EXPECT_EQ(n.text, c.expected);
  EXPECT_EQ(n.origin.size(), n.text.size());
  for (std::size_t i = 0; i < n.origin.size(); ++i)
    EXPECT_LT(n.origin[i], std::max<std::size_t>(c.input.size(), 1)) << "byte " << i;
}

INSTANTIATE_TEST_SUITE_P(Table, NormalizeTable, testing::ValuesIn(NormCases()),
                         [](const auto& info) { return info.param.name; });

TEST(NormalizeString, BothToneStylesAreOneString) {
  EXPECT_EQ(vanban::NormalizeString("Huyện uỷ"), vanban::NormalizeString("Huyện ủy"));
  EXPECT_EQ(vanban::NormalizeString("Huyện uỷ"), "Huyện ủy");
  EXPECT_EQ(vanban::NormalizeString("Hoà Bình"), vanban::NormalizeString("Hòa Bình"));
  EXPECT_EQ(vanban::NormalizeString("Huye\u0302\u0323n"), "Huyện");
  EXPECT_EQ(vanban::NormalizeString("hoàn"), "hoàn");
  EXPECT_EQ(vanban::NormalizeString("quý"), "quý");
  EXPECT_NE(vanban::NormalizeString("quý"), "qúy");
}

TEST(NormalizeString, PlainAndNotPlain) {
  EXPECT_EQ(vanban::NormalizeString("QĐ-UBND"), "QĐ-UBND");
  EXPECT_EQ(vanban::NormalizeString("#1 *x* a_b"), "#1 *x* a_b");  // no markdown here
  EXPECT_EQ(vanban::NormalizeString("Uỷ ban  nhân dân "), "Ủy ban nhân dân");
  EXPECT_EQ(vanban::NormalizeString(" TT-BT\u0421"), "TT-BTC");
  EXPECT_EQ(vanban::NormalizeString("Huye\u0302\u0323n"), "Huyện");
  EXPECT_EQ(vanban::NormalizeString("a\u00A0b\u00ADc"), "a bc");
  EXPECT_EQ(vanban::NormalizeString(""), "");
}

// ---------------------------------------------------------------------------------------
// The origin map: text[i] came from input byte origin[i].

struct OriginCase {
  std::string name;
  std::string output_piece;  // found in the normalised text
  std::string input_piece;   // where it came from in the input
  bool whole_char = true;    // every byte of the first character maps to the same input byte
};

// A header as a markdown converter writes it: bold, CRLF, NBSP, an NFD letter, a soft
// hyphen and a bidi mark.
const std::string kOriginInput =
    "\r\n**ỦY BAN NHÂN DÂN\r\nHUYỆN SƠN TÂY**\r\n\r\nSố: 583 /UBND\r\n"
    "Huye\u0302\u0323n\u00A0Sơn Tây, ngày 15 tháng 3 năm 2024\r\n\r\n"
    "Kính gửi:   \u200E- Công an huyện;\r\n"
    "Thực hiện Công văn số 1313/UBND-NC của UBND tỉnh về cải\u00ADcách hành chính (*có văn bản "
    "kèm theo*) Huyện uỷ đề nghị.";

std::vector<OriginCase> OriginCases() {
  return {
      {"FirstLetterAfterBold", "ỦY BAN", "ỦY BAN"},
      {"SecondLine", "HUYỆN SƠN TÂY", "HUYỆN SƠN TÂY"},
      {"NumberLine", "Số: 583 /UBND", "Số: 583 /UBND"},
      {"ComposedLetterPointsAtItsBase", "ện", "e\u0302\u0323n"},
      {"AfterNbsp", "Sơn Tây, ngày", "Sơn Tây, ngày"},
      {"Date", "15 tháng 3 năm 2024", "15 tháng 3 năm 2024"},
      {"AfterBidiMark", "- Công an huyện;", "- Công an huyện;"},
      {"Citation", "Công văn số 1313/UBND-NC", "Công văn số 1313/UBND-NC"},
      {"InsideEmphasis", "có văn bản kèm theo", "có văn bản kèm theo"},
      {"AfterSoftHyphen", "cách hành chính", "cách hành chính"},
      {"ToneMoved", "ủy đề nghị", "uỷ đề nghị", false},
  };
}

class NormalizeOrigin : public testing::TestWithParam<OriginCase> {};

TEST_P(NormalizeOrigin, MapsBackToTheInput) {
  const OriginCase& c = GetParam();
  NormalizedText n = Normalize(kOriginInput, /*markdown=*/true);
  ASSERT_EQ(n.origin.size(), n.text.size());
  std::size_t out = n.text.find(c.output_piece);
  ASSERT_NE(out, std::string::npos) << "'" << c.output_piece << "' not in:\n" << n.text;
  std::size_t in = kOriginInput.find(c.input_piece);
  ASSERT_NE(in, std::string::npos);
  EXPECT_EQ(n.origin[out], in) << "first byte of '" << c.output_piece << "'";
  // Every byte of a multi-byte first character points at the same input character.
  std::size_t first_len = 1;
  auto lead = static_cast<unsigned char>(n.text[out]);
  if (lead >= 0xF0)
    first_len = 4;
  else if (lead >= 0xE0)
    first_len = 3;
  else if (lead >= 0xC0)
    first_len = 2;
  for (std::size_t k = 1; c.whole_char && k < first_len; ++k) {
    EXPECT_EQ(n.origin[out + k], in);
  }
  // The last character of the piece maps into the input piece too.
  std::size_t last = out + c.output_piece.size() - 1;
  EXPECT_GE(n.origin[last], in);
  EXPECT_LT(n.origin[last], in + c.input_piece.size());
}

INSTANTIATE_TEST_SUITE_P(Table, NormalizeOrigin, testing::ValuesIn(OriginCases()),
                         [](const auto& info) { return info.param.name; });

TEST(NormalizeOriginMap, WholeExpectedText) {
  NormalizedText n = Normalize(kOriginInput, /*markdown=*/true);
  EXPECT_EQ(n.text,
            "ỦY BAN NHÂN DÂN\nHUYỆN SƠN TÂY\n\nSố: 583 /UBND\n"
            "Huyện Sơn Tây, ngày 15 tháng 3 năm 2024\n\n"
            "Kính gửi: - Công an huyện;\n"
            "Thực hiện Công văn số 1313/UBND-NC của UBND tỉnh về cảicách hành chính (có văn bản "
            "kèm theo) Huyện ủy đề nghị.");
  // Offsets never go backwards.
  for (std::size_t i = 1; i < n.origin.size(); ++i)
    ASSERT_LE(n.origin[i - 1], n.origin[i]) << "at byte " << i;
}

TEST(NormalizeOriginMap, EveryByteOfAPlainRun) {
  // a b ' ' c á(2 bytes) ' ' ' ' d: a double space keeps the first space's offset.
  for (bool markdown : {false, true}) {
    NormalizedText n = Normalize("ab c\u00E1  d", markdown);
    EXPECT_EQ(n.text, "ab c\u00E1 d");
    EXPECT_EQ(n.origin, (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 4, 6, 8}));
  }
}

TEST(NormalizeOriginMap, SeedRoundTrip) {
  // Seed 003 is already NFC and plain: every line of the normalised text is found verbatim
  // in the file at the offset the map gives.
  std::string raw =
      vanban_test::ReadFile(vanban_test::SourcePath("corpus/seeds/003_3154606db7b394f5.txt"));
  NormalizedText n = Normalize(raw, /*markdown=*/false);
  std::size_t pos = 0, checked = 0;
  while (pos < n.text.size()) {
    std::size_t nl = n.text.find('\n', pos);
    if (nl == std::string::npos) nl = n.text.size();
    if (nl > pos) {
      std::string line = n.text.substr(pos, nl - pos);
      EXPECT_EQ(raw.compare(n.origin[pos], line.size(), line), 0) << line;
      ++checked;
    }
    pos = nl + 1;
  }
  EXPECT_GT(checked, 40u);
}

}  // namespace
