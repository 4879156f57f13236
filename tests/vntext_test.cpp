// Vietnamese text helpers (pipeline/vntext.h).
#include "pipeline/vntext.h"

#include <gtest/gtest.h>

namespace {

TEST(IsAllUpper, LettersDecide) {
  EXPECT_TRUE(vanban::IsAllUpper("ỦY BAN NHÂN DÂN"));
  EXPECT_FALSE(vanban::IsAllUpper("Số 583 /UBND-VP"));
  EXPECT_TRUE(vanban::IsAllUpper("583 /UBND"));
  EXPECT_TRUE(vanban::IsAllUpper("ĐẢNG BỘ TỈNH"));
  EXPECT_FALSE(vanban::IsAllUpper("ĐẢNG BỘ TỈNH đ"));   // a small letter outside ASCII
  EXPECT_FALSE(vanban::IsAllUpper("ỦY BAN NHÂN DÂn"));  // an ASCII small letter at the end
  EXPECT_FALSE(vanban::IsAllUpper("123 - 456"));        // no letter at all
  EXPECT_FALSE(vanban::IsAllUpper(""));
  EXPECT_TRUE(vanban::IsAllUpper("\xFF" "AB"));  // a bad byte is neither
}

TEST(CanonicalTones, MovesOnlyInOpenSyllables) {
  EXPECT_EQ(vanban::CanonicalTones("Huyện uỷ, hoà, khoẻ, Thuỷ"), "Huyện ủy, hòa, khỏe, Thủy");
  EXPECT_EQ(vanban::CanonicalTones("hoàn thành, quý, Quỳ"), "hoàn thành, quý, Quỳ");
  EXPECT_EQ(vanban::CanonicalTones("UỶ BAN, Uỷ ban"), "ỦY BAN, Ủy ban");
}

}  // namespace

namespace {

TEST(CountWords, SameAsSplitWords) {
  for (const char* s : {"", " ", "Ủy ban", "  a\tb\n\nc  ", "một", "a  b ", "\n", "x\ry z"}) {
    EXPECT_EQ(vanban::CountWords(s), vanban::SplitWords(s).size()) << "'" << s << "'";
  }
  EXPECT_EQ(vanban::CountWords("  Bộ Tài chính\tvà\nBộ Công an "), 7u);
}

}  // namespace

namespace {

// Fold keeps folding after a character outside the Latin ranges (a curly quote, a dash,
// "≥"), and treats wide spaces as spaces.
TEST(Fold, GoesOnAfterPunctuationOutsideLatin) {
  EXPECT_EQ(vanban::Fold("“Quyết Định” – Số ≥ 5"), "“quyet dinh” – so ≥ 5");
  EXPECT_EQ(vanban::Fold("Đảng\u2003ủy   xã"), "dang uy xa");
  EXPECT_EQ(vanban::Fold("\u2003Huyện ủy\u3000"), "huyen uy");
  EXPECT_EQ(vanban::Fold("a\u0301"), "a");  // a stray combining mark is dropped
  EXPECT_EQ(vanban::Fold("Ⅻ Ủy"), vanban::Fold("Ⅻ") + " uy");
}

}  // namespace

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

// What Fold means, spelled out with ICU on the whole string at once: NFD, marks dropped,
// đ -> d, lower case, runs of white space as one space, none at the ends.
std::string FoldReference(const std::string& s) {
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString d =
      icu::Normalizer2::getNFDInstance(err)->normalize(icu::UnicodeString::fromUTF8(s), err);
  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (u_isUWhiteSpace(c)) {
      space = !out.isEmpty();
      continue;
    }
    if (space) out.append(UChar32(' '));
    space = false;
    if (c == U'đ' || c == U'Đ') c = 'd';
    out.append(u_tolower(c));
  }
  std::string r;
  out.toUTF8String(r);
  return r;
}

// The fast path (a table for the Latin ranges, ICU for the rest, one code point at a
// time) agrees with the whole-string reference on every corpus document.
TEST(Fold, AgreesWithIcuOnTheCorpus) {
  int checked = 0;
  for (const char* dir : {"corpus/seeds", "corpus/real"}) {
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(VANBAN_SOURCE_DIR) / dir)) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      ASSERT_EQ(vanban::Fold(text), FoldReference(text)) << e.path();
      ++checked;
    }
  }
  EXPECT_GE(checked, 10);
  for (const char* s : {"Quyết định – “số” ≥ 5\u2003x", "ĐẢNG\u00A0ỦY", "\u0301a", "日本 語", "ǅ ǆ Ǳ", "a\vb\fc\u0085d\u1680e \u3000 "})
    EXPECT_EQ(vanban::Fold(s), FoldReference(s)) << s;
}

}  // namespace
