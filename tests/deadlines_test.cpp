// Deadlines and recurrences: each row a phrase as printed in a real document and what it sets.
#include "extractors/deadlines.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace vanban {
namespace {

const RuleSet& Rules() {
  static const RuleSet rules = RuleSet::LoadEmbedded().value();
  return rules;
}

struct DeadlineCase {
  const char* text;
  int doc_year;
  const char* date;        // nullptr: no date
  const char* kind;        // nullptr: no deadline at all
  const char* phrase;      // deadline.text, nullptr: not checked
  const char* recurrence;  // nullptr: none
};

void PrintTo(const DeadlineCase& c, std::ostream* os) { *os << c.text; }

class DeadlineTable : public ::testing::TestWithParam<DeadlineCase> {};

TEST_P(DeadlineTable, Finds) {
  static const DeadlineFinder finder(Rules());
  const DeadlineCase& c = GetParam();
  std::optional<DeadlineMatch> m = finder.Find(c.text, c.doc_year);
  if (!c.kind) {
    EXPECT_FALSE(m.has_value()) << c.text << " -> " << (m ? m->deadline.text : "");
    return;
  }
  ASSERT_TRUE(m.has_value()) << c.text;
  EXPECT_EQ(m->deadline.kind, c.kind) << c.text;
  if (c.date) {
    EXPECT_EQ(m->deadline.date.value_or("(none)"), c.date) << c.text;
  } else {
    EXPECT_FALSE(m->deadline.date.has_value()) << c.text << " -> " << *m->deadline.date;
  }
  if (c.phrase) {
    EXPECT_EQ(m->deadline.text, c.phrase) << c.text;
  }
  if (c.recurrence) {
    EXPECT_EQ(m->recurrence.value_or("(none)"), c.recurrence) << c.text;
  } else {
    EXPECT_FALSE(m->recurrence.has_value()) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Phrases, DeadlineTable,
    ::testing::Values(
        // A quarter resolves to its last day.
        DeadlineCase{"các nhiệm vụ chưa hoàn thành trong quý I năm 2024; đồng thời", 2024,
                     "2024-03-31", "period_end", nullptr, nullptr},
        DeadlineCase{"hoàn thành trong quý II/2025", 2025, "2025-06-30", "period_end", nullptr,
                     nullptr},
        DeadlineCase{"trong quý IV", 2023, "2023-12-31", "period_end", nullptr, nullptr},
        // A month resolves to its last day, leap years included.
        DeadlineCase{"tháng 6/2024", 2023, "2024-06-30", "period_end", "tháng 6/2024", nullptr},
        DeadlineCase{"hoàn thành trong tháng 2 năm 2024", 2024, "2024-02-29", "period_end", nullptr,
                     nullptr},
        // Part of a year, the year taken from the document.
        DeadlineCase{"báo cáo kết quả 6 tháng đầu năm", 2024, "2024-06-30", "period_end", nullptr,
                     nullptr},
        DeadlineCase{"sơ kết 9 tháng đầu năm 2025", 2024, "2025-09-30", "period_end", nullptr,
                     nullptr},
        // Explicit dates.
        DeadlineCase{"gửi dự thảo về UBND xã chậm nhất ngày 09/8/2023./.", 2023, "2023-08-09", "by",
                     "chậm nhất ngày 09/8/2023", nullptr},
        DeadlineCase{"để tổng hợp (hoàn thành trước ngày 30/8/2023).", 2023, "2023-08-30", "by",
                     "hoàn thành trước ngày 30/8/2023", nullptr},
        DeadlineCase{"trước ngày 15 tháng 11 năm 2025", 2025, "2025-11-15", "by", nullptr, nullptr},
        // The year left out comes from the document's date.
        DeadlineCase{"gửi báo cáo trước ngày 15/7", 2024, "2024-07-15", "by", nullptr, nullptr},
        // ... and with no document year the deadline keeps its words but no date.
        DeadlineCase{"gửi báo cáo trước ngày 15/7", 0, nullptr, "by", nullptr, nullptr},
        // A schedule line: the explicit date beats the period it is for.
        DeadlineCase{"Quý I năm 2024: Chậm nhất ngày 10/3/2024.", 2024, "2024-03-10", "by",
                     "Chậm nhất ngày 10/3/2024", nullptr},
        // "chậm nhất là", a time of day before the date.
        DeadlineCase{"Căn cứ vào kết quả, chậm nhất là ngày 15 tháng 12 năm 2025, Ủy ban tiến hành",
                     2025, "2025-12-15", "by", "chậm nhất là ngày 15 tháng 12 năm 2025", nullptr},
        DeadlineCase{"Chậm nhất là 17 giờ 00 ngày 01 tháng 02 năm 2026, người ứng cử phải nộp",
                     2025, "2026-02-01", "by", nullptr, nullptr},
        // A window of dates ends on its last day.
        DeadlineCase{"được tổ chức trong khoảng thời gian từ ngày 17 tháng 12 năm 2025 đến ngày "
                     "25 tháng 01 năm 2026.",
                     2025, "2026-01-25", "period_end", "đến ngày 25 tháng 01 năm 2026", nullptr},
        DeadlineCase{"thực hiện đến hết ngày 31/12/2025", 2025, "2025-12-31", "period_end", nullptr,
                     nullptr},
        // A day of every month, quarter or year: recurring, no one date.
        DeadlineCase{"Báo cáo tháng: Trước ngày 15 của tháng báo cáo;", 2025, nullptr, "recurring",
                     "Trước ngày 15 của tháng", "hàng tháng"},
        DeadlineCase{"gửi báo cáo trước ngày 20 hằng tháng", 2025, nullptr, "recurring", nullptr,
                     "hàng tháng"},
        // ... of the last (or first) month of every quarter: quarterly.
        DeadlineCase{"Báo cáo quý: Trước ngày 15 của tháng cuối quý báo cáo;", 2025, nullptr,
                     "recurring", "Trước ngày 15 của tháng cuối quý", "hàng quý"},
        DeadlineCase{"chậm nhất ngày 10 của tháng đầu quý", 2025, nullptr, "recurring", nullptr,
                     "hàng quý"},
        DeadlineCase{"Chậm nhất ngày 25 (hai mươi lăm) của tháng, quý, 6 tháng và năm báo cáo", 2025,
                     nullptr, "recurring", nullptr, "hàng tháng"},
        DeadlineCase{"Báo cáo năm: Trước ngày 15 tháng 12 của năm báo cáo;", 2025, nullptr,
                     "recurring", "Trước ngày 15 tháng 12", "hàng năm"},
        // Recurring duties.
        DeadlineCase{"kịp thời báo cáo kết quả theo định kỳ 6 tháng và hàng năm đảm bảo", 2023,
                     nullptr, "recurring", "theo định kỳ 6 tháng và hàng năm",
                     "6 tháng và hàng năm"},
        DeadlineCase{"định kỳ báo cáo về Ban Thường vụ Huyện ủy", 2023, nullptr, "recurring",
                     "định kỳ", "định kỳ"},
        DeadlineCase{"Thực hiện báo cáo định kỳ (Quý I, 6 tháng đầu năm 2024, Quý III và năm "
                     "2024) về công tác CCHC",
                     2024, nullptr, "recurring", nullptr, "hàng quý"},
        DeadlineCase{"tổng hợp, báo cáo hàng quý về Sở Nội vụ", 2024, nullptr, "recurring",
                     "hàng quý", "hàng quý"},
        DeadlineCase{"Định kỳ hằng năm hoặc theo yêu cầu đột xuất, thực hiện", 2025, nullptr,
                     "recurring", nullptr, "hằng năm"},
        // Not deadlines.
        DeadlineCase{"đánh giá mức độ hoàn thành nhiệm vụ hàng năm", 2023, nullptr, nullptr,
                     nullptr, nullptr},
        DeadlineCase{"Công văn số 202/UBND ngày 23/01/2024 của UBND huyện", 2024, nullptr, nullptr,
                     nullptr, nullptr},
        DeadlineCase{"Sơn Tây, ngày 15 tháng 3 năm 2024", 2024, nullptr, nullptr, nullptr, nullptr},
        DeadlineCase{"chậm nhất ngày 29/2/2023", 2023, nullptr, nullptr, nullptr, nullptr},
        DeadlineCase{"chậm nhất ngày 29/2/2024", 2024, "2024-02-29", "by", nullptr, nullptr},
        DeadlineCase{"tiếp nhận tại Bộ phận Một cửa quý I", 2024, nullptr, nullptr, nullptr,
                     nullptr},
        DeadlineCase{"Luật này có hiệu lực từ ngày 01 tháng 01 năm 2026", 2025, nullptr, nullptr,
                     nullptr, nullptr}));

TEST(DeadlineFinder, TimeLimitsAreMarked) {
  DeadlineFinder finder(Rules());
  std::vector<DeadlineMatch> all =
      finder.FindAll("báo cáo trong quý I năm 2024, chậm nhất ngày 10/3/2024", 2024);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_FALSE(all[0].limit);  // a period named, not a limit set
  EXPECT_TRUE(all[1].limit);
}

TEST(DeadlineFinder, FindAllKeepsPrintedOrder) {
  DeadlineFinder finder(Rules());
  std::vector<DeadlineMatch> all = finder.FindAll(
      "hoàn thành trong quý I năm 2024; các nhiệm vụ trong quý II và định kỳ báo cáo", 2024);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].deadline.date.value_or(""), "2024-03-31");
  EXPECT_EQ(all[1].deadline.date.value_or(""), "2024-06-30");
  EXPECT_EQ(all[2].deadline.kind, "recurring");
  EXPECT_LT(all[0].begin, all[1].begin);
}

// Limits counted from the document's own date; the date is the document's (not the text's).
TEST(DeadlineFinder, DaysFromTheDocumentsDate) {
  DeadlineFinder finder(Rules());
  auto m = finder.Find("hoàn thiện trong thời hạn 90 ngày kể từ ngày ban hành Quyết định này",
                       2025, "2025-12-29");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->deadline.kind, "by");
  EXPECT_EQ(m->deadline.date, "2026-03-29");  // Dec 29 + 2 + 31 + 28 + 29 days
  auto leap = finder.Find("trong 30 ngày kể từ ngày ký", 2024, "2024-02-10");
  ASSERT_TRUE(leap);
  EXPECT_EQ(leap->deadline.date, "2024-03-11");  // 2024 is a leap year
  // Without the document's full date the limit is still a deadline, with no date.
  auto partial = finder.Find("trong thời hạn 15 ngày kể từ ngày ban hành", 2024, "2024-03");
  ASSERT_TRUE(partial);
  EXPECT_FALSE(partial->deadline.date);
  // Counted from another event: no calendar date to give.
  EXPECT_FALSE(finder.Find("trong thời hạn 15 ngày kể từ ngày nhận được hồ sơ hợp lệ", 2024,
                           "2024-03-01"));
  EXPECT_FALSE(finder.Find("trong 10 ngày làm việc kể từ ngày ban hành", 2024, "2024-03-01"));
}

TEST(DeadlineFinder, YearOf) {
  EXPECT_EQ(YearOf(std::string("2024-03-15")), 2024);
  EXPECT_EQ(YearOf(std::string("2023-08")), 2023);
  EXPECT_EQ(YearOf(std::string("2023")), 2023);
  EXPECT_EQ(YearOf(std::nullopt), 0);
  EXPECT_EQ(YearOf(std::string("ab")), 0);
}

}  // namespace
}  // namespace vanban
