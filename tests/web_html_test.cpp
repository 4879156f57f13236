// The pieces of the web view that decide what a clerk sees: escaping, highlighting spans,
// deadline buckets, dates; and the read-only store the server runs on.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "pipeline/browse.h"
#include "pipeline/rules.h"
#include "pipeline/store.h"
#include "web/html.h"
#include "web/pages.h"

namespace vanban {
namespace {

using web::HtmlEscape;

TEST(HtmlEscape, EscapesEveryCharacterThatEndsTextOrAnAttribute) {
  EXPECT_EQ(HtmlEscape("<script>alert(\"x\")</script>"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  EXPECT_EQ(HtmlEscape("a & b 'c' `d`"), "a &amp; b &#39;c&#39; &#96;d&#96;");
  EXPECT_EQ(HtmlEscape("Quyết định số 2454/QĐ-UBND"), "Quyết định số 2454/QĐ-UBND");
}

TEST(HtmlEscape, ReplacesBytesThatAreNotUtf8) {
  EXPECT_EQ(HtmlEscape("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(HtmlEscape("\xC3"), "\xEF\xBF\xBD");          // cut in the middle of "Ã"
  EXPECT_EQ(HtmlEscape("\xC0\xBC"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '<'
}

TEST(RenderTemplate, EscapesValuesFromTheData) {
  std::string html = web::RenderTemplate(
      "error", {{"status", 404}, {"message", "<b>\"x\"</b> {{status}}"}});
  EXPECT_NE(html.find("&lt;b&gt;&quot;x&quot;&lt;/b&gt; {{status}}"), std::string::npos) << html;
  EXPECT_EQ(html.find("<b>"), std::string::npos);
}

std::string Join(const std::vector<TextPart>& parts, bool with_kinds) {
  std::string out;
  for (const auto& p : parts) out += with_kinds && !p.kind.empty() ? "[" + p.kind + ":" + p.text + "]" : p.text;
  return out;
}

TEST(MarkSpans, CutsTheTextAtTheMarksAndKeepsAllOfIt) {
  std::string text = "Căn cứ Quyết định số 12/QĐ-UBND; giao Phòng Nội vụ.";
  std::size_t c = text.find("Quyết"), ce = text.find(";");
  std::size_t t = text.find("giao"), te = text.size();
  auto parts = MarkSpans(text, {{c, ce, "citation", "/document/3", ""}, {t, te, "task", "", ""}});
  EXPECT_EQ(Join(parts, false), text);
  EXPECT_EQ(Join(parts, true),
            "Căn cứ [citation:Quyết định số 12/QĐ-UBND]; [task:giao Phòng Nội vụ.]");
  EXPECT_EQ(parts[1].href, "/document/3");
}

TEST(MarkSpans, InnerMarkWinsWhereMarksOverlap) {
  std::string text = "abcdefghij";
  auto parts = MarkSpans(text, {{0, 10, "task", "", ""}, {3, 6, "citation", "", ""}});
  EXPECT_EQ(Join(parts, true), "[task:abc][citation:def][task:ghij]");
}

TEST(MarkSpans, OffsetsOutOfRangeOrInsideACharacterAreMovedNotTrusted) {
  std::string text = "Đà Nẵng";  // "Đ" is two bytes
  auto parts = MarkSpans(text, {{1, 3, "citation", "", ""}, {5, 999, "task", "", ""},
                                {7, 2, "bad", "", ""}});
  EXPECT_EQ(Join(parts, false), text);
  for (const auto& p : parts) {
    ASSERT_FALSE(p.text.empty());
    // Every part starts on a character: never a continuation byte.
    EXPECT_NE(static_cast<unsigned char>(p.text[0]) & 0xC0, 0x80) << p.text;
  }
}

TEST(MarkWords, MarksWordsThatStartLikeTheQueryIgnoringDiacritics) {
  auto parts = MarkWords("Kế hoạch cải cách hành chính năm 2024", "cai cach");
  EXPECT_EQ(Join(parts, true), "Kế hoạch [match:cải] [match:cách] hành chính năm 2024");
  parts = MarkWords("Quyết định số 2454/QĐ-UBND", "QD 2454");
  EXPECT_EQ(Join(parts, true), "Quyết định số [match:2454]/[match:QĐ]-UBND");
  EXPECT_EQ(Join(MarkWords("không có gì", ""), true), "không có gì");
}

TEST(BucketsFor, WeekEndsOnSundayAndMonthOnItsLastDay) {
  auto b = BucketsFor("2024-04-03");  // a Wednesday
  ASSERT_TRUE(b);
  EXPECT_EQ(b->week_end, "2024-04-07");
  EXPECT_EQ(b->month_end, "2024-04-30");
  b = BucketsFor("2024-02-26");  // Monday; the week runs into March
  ASSERT_TRUE(b);
  EXPECT_EQ(b->week_end, "2024-03-03");
  EXPECT_EQ(b->month_end, "2024-02-29");
  b = BucketsFor("2024-03-31");  // a Sunday
  ASSERT_TRUE(b);
  EXPECT_EQ(b->week_end, "2024-03-31");
  EXPECT_FALSE(BucketsFor("2024-02-30"));
  EXPECT_FALSE(BucketsFor("30/4/2024"));
  EXPECT_EQ(NextDay("2024-02-29"), "2024-03-01");
  EXPECT_EQ(NextDay("2023-12-31"), "2024-01-01");
}

TEST(IsoDate, ReadsWhatAClerkTypes) {
  EXPECT_EQ(IsoDate("30/6/2024"), "2024-06-30");
  EXPECT_EQ(IsoDate(" 2024-6-3 "), "2024-06-03");
  EXPECT_EQ(IsoDate("31/02/2024"), "");
  EXPECT_EQ(IsoDate("hôm nay"), "");
}

TEST(VnDate, WritesDatesTheVietnameseWay) {
  EXPECT_EQ(web::VnDate("2024-03-15"), "15/03/2024");
  EXPECT_EQ(web::VnDate("2023-08"), "08/2023");
  EXPECT_EQ(web::VnDate("2023"), "2023");
}

TEST(StoreReadOnly, RefusesEveryWriteAndOlderOrMissingFiles) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("vanban_ro_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string db = (dir / "a.db").string();
  auto rules = RuleSet::LoadEmbedded();
  ASSERT_TRUE(rules);
  auto keys = std::make_shared<const CitationKeys>(rules.value());
  {
    auto rw = Store::Open(db, Store::Mode::kCreate, keys);
    ASSERT_TRUE(rw);
  }
  auto ro = Store::Open(db, Store::Mode::kReadOnly, keys);
  ASSERT_TRUE(ro) << ro.error().message;
  EXPECT_EQ(ro.value()->Counts().documents, 0);
  EXPECT_THROW(ro.value()->database().exec("INSERT INTO failures(path, stage, message, at, "
                                           "version) VALUES('x', 'load', 'm', 'now', '1')"),
               SQLite::Exception);
  auto missing = Store::Open((dir / "none.db").string(), Store::Mode::kReadOnly, keys);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("no database"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "none.db"));
  {
    SQLite::Database old((dir / "old.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    old.exec("CREATE TABLE files(path TEXT); PRAGMA user_version = 1");
  }
  auto older = Store::Open((dir / "old.db").string(), Store::Mode::kReadOnly, keys);
  ASSERT_FALSE(older);
  EXPECT_NE(older.error().message.find("older vanban"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vanban
