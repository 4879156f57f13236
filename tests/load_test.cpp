// Stage 1, load: bytes in, UTF-8 out, or a StageError with stage "load".
#include "pipeline/load.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/test_util.h"

namespace {

using vanban::DecodeText;
using vanban::LoadedText;
using vanban::Result;

std::string Utf16(std::u16string_view s, bool little_endian, bool bom) {
  std::string out;
  if (bom) out += little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t u : s) {
    char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    if (little_endian) {
      out.push_back(lo);
      out.push_back(hi);
    } else {
      out.push_back(hi);
      out.push_back(lo);
    }
  }
  return out;
}

bool ValidUtf8(std::string_view s) {
  return vanban::ToNfc(s).find("\xEF\xBF\xBD") == std::string::npos;
}

// ---------------------------------------------------------------------------------------
// Text that decodes.

struct DecodeCase {
  std::string name;
  std::string bytes;
  std::string path;
  std::string utf8;      // expected text
  std::string encoding;  // expected prefix of LoadedText::encoding
  std::string format;    // text | markdown
  std::string bug;       // non-empty: a known bug, the row is skipped
};

const std::u16string kHeader16 =
    u"ỦY BAN NHÂN DÂN\nHUYỆN SƠN TÂY\nSố: 583 /UBND\nSơn Tây, ngày 15 tháng 3 năm 2024";
const std::string kHeader8 =
    "ỦY BAN NHÂN DÂN\nHUYỆN SƠN TÂY\nSố: 583 /UBND\nSơn Tây, ngày 15 tháng 3 năm 2024";
const std::u16string kLatin16 = u"Kinh gui: Cong an huyen Son Tay; Chi cuc Thue khu vuc Son Ha";
const std::string kLatin8 = "Kinh gui: Cong an huyen Son Tay; Chi cuc Thue khu vuc Son Ha";

std::vector<DecodeCase> DecodeCases() {
  // TCVN3 (ABC) bytes as format.md §6 shows them through Windows-1252: "Uû ban nh©n d©n",
  // "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Sè: 583/UBND". Literals are split where a hex
  // escape is followed by a letter a-f.
  const std::string tcvn3 =
      "U\xFB ban nh\xA9n d\xA9n\r\nC\xE9ng ho\xB5 x\xB7 h\xE9i ch\xF1 ngh\xDC"
      "a Vi\xD6t Nam\r\nS\xE8: 583/UBND\r\n";
  // VNI-Windows, as format.md §6: "UÛy ban nhaân daân", "Xin chaøo caùc baïn".
  const std::string vni =
      "U\xDBy ban nha\xE2n da\xE2n\r\nXin cha\xF8o ca\xF9"
      "c ba\xEFn\r\n";
  return {
      {"Utf8NoBom", kHeader8, "cv583.txt", kHeader8, "utf-8", "text", ""},
      {"Utf8Bom", "\xEF\xBB\xBF" + kHeader8, "cv583.txt", kHeader8, "utf-8", "text", ""},
      {"Utf16LeBom", Utf16(kHeader16, true, true), "cv583.txt", kHeader8, "utf-16", "text", ""},
      {"Utf16BeBom", Utf16(kHeader16, false, true), "cv583.txt", kHeader8, "utf-16", "text", ""},
      {"Utf16LeNoBomVietnamese", Utf16(kHeader16, true, false), "cv583.txt", kHeader8, "utf-16",
       "text", ""},
      {"Utf16LeNoBomAscii", Utf16(kLatin16, true, false), "cv.txt", kLatin8, "utf-16", "text", ""},
      {"Utf16BeNoBomAscii", Utf16(kLatin16, false, false), "cv.txt", kLatin8, "utf-16", "text", ""},
      {"MarkdownByExtension", "Số: 12/UBND\nQuảng Trị, ngày 05 tháng 6 năm 2024", "cv12.md",
       "Số: 12/UBND\nQuảng Trị, ngày 05 tháng 6 năm 2024", "utf-8", "markdown", ""},
      {"MarkdownByExtensionUpperCase", "Số: 12/UBND", "CV12.MD", "Số: 12/UBND", "utf-8", "markdown",
       ""},
      {"MarkdownByBold", "**ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ**\n\nSố: /UBND-NC", "cv.txt",
       "**ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ**\n\nSố: /UBND-NC", "utf-8", "markdown", ""},
      {"MarkdownByHeading", "Số: /TB-UBND\n\n## THÔNG BÁO\n\nKết luận", "tb.txt",
       "Số: /TB-UBND\n\n## THÔNG BÁO\n\nKết luận", "utf-8", "markdown", ""},
      {"PlainTextWithDashes", "Kính gửi:\n- Công an huyện;\n- Lưu: VT.", "cv.txt",
       "Kính gửi:\n- Công an huyện;\n- Lưu: VT.", "utf-8", "text", ""},
      // Legacy encodings, converted; expected text checked by hand against format.md §6
      // (TCVN3 0xFB ỷ, 0xA9 â, 0xE9 ộ, 0xB5 à, 0xB7 ã, 0xF1 ủ, 0xDC ĩ, 0xD6 ệ, 0xE8 ố;
      // VNI 0xDB hook, 0xE2 circumflex, 0xF8 grave, 0xF9 acute, 0xEF dot below).
      {"Tcvn3", tcvn3, "cv.txt",
       "Uỷ ban nhân dân\r\nCộng hoà xã hội chủ nghĩa Việt Nam\r\nSố: 583/UBND\r\n", "tcvn3", "text",
       ""},
      {"VniWindows", vni, "cv.txt", "Ủy ban nhân dân\r\nXin chào các bạn\r\n", "vni", "text", ""},
      {"CrLfKeptForNormalize", "Kính gửi:\r\n- Công an huyện;", "cv.txt",
       "Kính gửi:\r\n- Công an huyện;", "utf-8", "text", ""},
  };
}

class LoadDecode : public testing::TestWithParam<DecodeCase> {};

TEST_P(LoadDecode, DecodesToUtf8) {
  const DecodeCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  Result<LoadedText> r = DecodeText(c.bytes, c.path);
  ASSERT_TRUE(r) << r.error().stage << ": " << r.error().message;
  EXPECT_EQ(r.value().utf8, c.utf8);
  EXPECT_EQ(r.value().encoding.rfind(c.encoding, 0), 0u)
      << "encoding " << r.value().encoding << ", want " << c.encoding;
  EXPECT_EQ(r.value().format, c.format);
  EXPECT_EQ(r.value().sha256, vanban::Sha256Hex(c.bytes)) << "hash of the bytes as given";
}

INSTANTIATE_TEST_SUITE_P(Table, LoadDecode, testing::ValuesIn(DecodeCases()),
                         [](const auto& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------
// Input that must be refused, with a message a clerk can act on.

struct RefuseCase {
  std::string name;
  std::string bytes;
  std::string must_name;      // the message names this (e.g. the encoding family); "" = any
  std::string must_not_name;  // and never this
  std::string bug;
};

std::vector<RefuseCase> RefuseCases() {
  static const char kPng[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
  static const char kNulText[] = "Kinh gui\0\0\0Cong an huyen\0";
  std::string png(kPng, sizeof kPng - 1);
  std::string nul_text(kNulText, sizeof kNulText - 1);
  return {
      {"Empty", "", "", "", ""},
      {"OnlyWhitespace", "  \n\n\t ", "", "", ""},
      {"PngHeader", png, "", "TCVN3", ""},
      {"TextWithNuls", nul_text, "", "TCVN3", ""},
      {"Latin1Accents",
       "Caf\xE9 cr\xE8me br\xFBl\xE9"
       "e",
       "cannot be told", "", ""},
      // Bytes TCVN3 does not use (0x80-0x9F) in text that is not VNI either.
      {"NeitherLegacyEncoding", "Ch\x85o c\x91c b\x93n \x99 \x80 kia", "cannot be told", "", ""},
  };
}

class LoadRefuse : public testing::TestWithParam<RefuseCase> {};

TEST_P(LoadRefuse, FailsAtLoadWithPlainMessage) {
  const RefuseCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  Result<LoadedText> r = DecodeText(c.bytes, "archive/cv.txt");
  ASSERT_FALSE(r) << "decoded as " << r.value().encoding << ": " << r.value().utf8;
  EXPECT_EQ(r.error().stage, "load");
  const std::string& m = r.error().message;
  EXPECT_FALSE(m.empty());
  EXPECT_TRUE(ValidUtf8(m)) << "message is not valid UTF-8";
  if (!c.must_name.empty()) {
    EXPECT_NE(m.find(c.must_name), std::string::npos) << m;
  }
  if (!c.must_not_name.empty()) {
    EXPECT_EQ(m.find(c.must_not_name), std::string::npos) << m;
  }
  // Never the garbled text itself.
  for (const char* garbled : {"\xFB", "\xA9", "©", "û", "Û", "ø", "nh©n", "Uû", "UÛy"})
    EXPECT_EQ(m.find(garbled), std::string::npos) << "message quotes garbled text: " << m;
}

INSTANTIATE_TEST_SUITE_P(Table, LoadRefuse, testing::ValuesIn(RefuseCases()),
                         [](const auto& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------
// Files.

TEST(LoadFile, SeedMatchesItsBytes) {
  for (const auto& stem : vanban_test::SeedStems()) {
    std::string path = vanban_test::CorpusPath(stem);
    std::string bytes = vanban_test::ReadFile(path);
    ASSERT_FALSE(bytes.empty()) << path;
    Result<LoadedText> r = vanban::LoadText(path);
    ASSERT_TRUE(r) << path << ": " << r.error().message;
    EXPECT_EQ(r.value().utf8, bytes) << stem;
    EXPECT_EQ(r.value().encoding, "utf-8") << stem;
    EXPECT_EQ(r.value().sha256, vanban::Sha256Hex(bytes)) << stem;
  }
}

TEST(LoadFile, UnreadablePathsFailAtLoad) {
  std::string dir = testing::TempDir() + "vanban_load_dir";
  std::filesystem::create_directories(dir);
  for (const std::string& path :
       {std::string("/nonexistent/vanban/cv583.txt"), dir, std::string("")}) {
    Result<LoadedText> r = vanban::LoadText(path);
    ASSERT_FALSE(r) << "'" << path << "' loaded";
    EXPECT_EQ(r.error().stage, "load") << path;
    EXPECT_FALSE(r.error().message.empty()) << path;
  }
}

TEST(LoadFile, EmptyFileFailsAtLoad) {
  std::string path = testing::TempDir() + "vanban_empty.txt";
  vanban_test::WriteFile(path, "");
  Result<LoadedText> r = vanban::LoadText(path);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().stage, "load");
}

TEST(LoadSha256, KnownDigests) {
  EXPECT_EQ(vanban::Sha256Hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(vanban::Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(vanban::Sha256Hex(std::string("a\0b", 3)).size(), 64u);
  EXPECT_NE(vanban::Sha256Hex(std::string("a\0b", 3)), vanban::Sha256Hex("a"));
}

}  // namespace
