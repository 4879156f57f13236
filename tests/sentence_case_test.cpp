// SentenceCase: all-caps titles and positions made readable without damaging letters.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/vntext.h"

namespace vanban {
namespace {

// Letters whose last UTF-8 byte also occurs inside the curly quotes (“ = E2 80 9C,
// ” = E2 80 9D): À = C3 80, Ề = E1 BB 80, Ý = C3 9D. A byte-wise punctuation strip cut
// them and left broken UTF-8 in subjects ("quản l\xC3 v\xE1\xBB").
TEST(SentenceCase, KeepsLettersThatShareBytesWithQuotes) {
  EXPECT_EQ(SentenceCase("QUẢN LÝ VÀ SỬ DỤNG QUỸ"), "Quản lý và sử dụng quỹ");
  EXPECT_EQ(SentenceCase("BỘ TIÊU CHÍ QUỐC GIA VỀ NÔNG THÔN MỚI"),
            "Bộ tiêu chí quốc gia về nông thôn mới");
  EXPECT_EQ(SentenceCase("NHÀ Ở CÔNG VỤ"), "Nhà ở công vụ");
}

TEST(SentenceCase, PunctuationAroundWordsStays) {
  EXPECT_EQ(SentenceCase("“QUY CHẾ” (SỬA ĐỔI), VỀ"), "“Quy chế” (sửa đổi), về");
  std::set<std::string> keep = {"UBND"};
  EXPECT_EQ(SentenceCase("CHỦ TỊCH (UBND) TỈNH", keep), "Chủ tịch (UBND) tỉnh");
}

}  // namespace
}  // namespace vanban
