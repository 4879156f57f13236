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
