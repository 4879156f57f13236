// Task export: calendars and tables that mail clients and Excel read as intended.
#include "pipeline/task_export.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace vanban {
namespace {

TaskRow Row(const char* id, const char* action, const char* date,
            const char* recurrence = nullptr) {
  TaskRow r;
  r.document_key = "583/UBND@2024";
  r.number = "583";
  r.symbol = "UBND";
  r.issuer = "Ủy ban nhân dân huyện Sơn Tây";
  r.date = "2024-03-15";
  r.subject = "triển khai thực hiện nhiệm vụ cải cách hành chính năm 2024";
  r.path = "corpus/seeds/003_3154606db7b394f5.txt";
  if (id) r.task_id = id;
  r.assignees = {"Các cơ quan, đơn vị", "UBND các xã"};
  r.action = action;
  if (date) {
    r.deadline_date = date;
    r.deadline_kind = "period_end";
    r.deadline_text = "trong quý I năm 2024";
  }
  if (recurrence) {
    r.recurrence = recurrence;
    r.deadline_kind = "recurring";
  }
  return r;
}

// The RRULE table of the built-in rules (rules/tasks.yaml).
const RruleTable& BuiltInRrules() {
  static const RruleTable table = RruleTableOf(RuleSet::LoadEmbedded().value());
  return table;
}

std::string Ics(const std::vector<TaskRow>& rows, const std::string& stamp = "20240401T000000Z") {
  std::ostringstream out;
  WriteIcs(out, rows, BuiltInRrules(), stamp);
  return out.str();
}

std::vector<std::string> PhysicalLines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t q = s.find("\r\n", p);
    if (q == std::string::npos) q = s.size();
    out.push_back(s.substr(p, q - p));
    p = q + 2;
  }
  return out;
}

std::size_t Count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(IcsEscape, EscapesWhatRfc5545Requires) {
  EXPECT_EQ(IcsEscape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
  EXPECT_EQ(IcsEscape("dòng 1\r\ndòng 2"), "dòng 1\\ndòng 2");
  EXPECT_EQ(IcsEscape("Ủy ban nhân dân: huyện"), "Ủy ban nhân dân: huyện");  // ':' stays
}

TEST(IcsFold, NeverSplitsAVietnameseCharacter) {
  // 3-byte letters at every alignment: whatever the cut, it must fall between characters.
  for (int pad = 0; pad < 3; ++pad) {
    std::string line = "DESCRIPTION:" + std::string(pad, 'x');
    for (int i = 0; i < 60; ++i) line += "ệ";
    std::string folded = IcsFold(line);
    std::string unfolded;
    for (const std::string& l : PhysicalLines(folded)) {
      EXPECT_LE(l.size(), 75u);
      ASSERT_FALSE(l.empty());
      unsigned char first = l[0] == ' ' && l.size() > 1 ? l[1] : l[0];
      EXPECT_NE(first & 0xC0, 0x80) << "a line starts inside a UTF-8 sequence";
      unfolded += unfolded.empty() ? l : l.substr(1);
    }
    EXPECT_EQ(unfolded, line);
  }
}

TEST(IcsFold, ShortLinesAreKept) {
  EXPECT_EQ(IcsFold("VERSION:2.0"), "VERSION:2.0\r\n");
  std::string exactly75(75, 'a');
  EXPECT_EQ(IcsFold(exactly75), exactly75 + "\r\n");
  EXPECT_EQ(IcsFold(exactly75 + "b"), exactly75 + "\r\n b\r\n");
}

TEST(IcsRrule, PeriodsOfRecurringDuties) {
  const RruleTable& t = BuiltInRrules();
  EXPECT_EQ(IcsRrule(t, "hàng quý"), "FREQ=MONTHLY;INTERVAL=3");
  EXPECT_EQ(IcsRrule(t, "hằng quý"), "FREQ=MONTHLY;INTERVAL=3");
  EXPECT_EQ(IcsRrule(t, "hàng tháng"), "FREQ=MONTHLY");
  EXPECT_EQ(IcsRrule(t, "hàng năm"), "FREQ=YEARLY");
  EXPECT_EQ(IcsRrule(t, "6 tháng"), "FREQ=MONTHLY;INTERVAL=6");
  EXPECT_EQ(IcsRrule(t, "6 tháng và hàng năm"), "FREQ=MONTHLY;INTERVAL=6");
  EXPECT_EQ(IcsRrule(t, "định kỳ"), "");  // no period given: no rule
}

// A table from a user's --rules folder is the one used: a period the built-in rules do
// not know gets its rule, and a phrase the user's table lacks gets none.
TEST(IcsRrule, TableFromTheRulesInUse) {
  auto rules = RuleSet::FromTexts(
      {{"tasks", "ics_rrules:\n  - [\"hai tuần\", \"FREQ=WEEKLY;INTERVAL=2\"]\n"}});
  ASSERT_TRUE(rules) << rules.error().message;
  RruleTable t = RruleTableOf(rules.value());
  EXPECT_EQ(IcsRrule(t, "hai tuần một lần"), "FREQ=WEEKLY;INTERVAL=2");
  EXPECT_EQ(IcsRrule(t, "hàng quý"), "");
}

TEST(WriteIcs, CalendarShape) {
  std::string ics = Ics({Row("1.-1", "khẩn trương rà soát, báo cáo; \"đúng hạn\"", "2024-03-31"),
                         Row("1.-2", "chủ động ban hành kế hoạch", nullptr, "hàng quý"),
                         Row("2", "khắc phục hạn chế", nullptr)});
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics.find("\r\nVERSION:2.0\r\n"), std::string::npos);
  EXPECT_NE(ics.find("\r\nPRODID:-//vanban//"), std::string::npos);
  EXPECT_NE(ics.find("\r\nCALSCALE:GREGORIAN\r\n"), std::string::npos);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
  // Every line ends in CRLF: no bare LF, no bare CR.
  EXPECT_EQ(Count(ics, "\n"), Count(ics, "\r\n"));
  EXPECT_EQ(Count(ics, "\r"), Count(ics, "\r\n"));
  // A dated task and a quarterly duty; the task with no date and no period is left out.
  EXPECT_EQ(Count(ics, "BEGIN:VEVENT\r\n"), 2u);
  EXPECT_EQ(Count(ics, "END:VEVENT\r\n"), 2u);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20240331\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTEND;VALUE=DATE:20240401\r\n"), std::string::npos);
  // The recurring duty starts on the document's date.
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20240315\r\nDTEND;VALUE=DATE:20240316"),
            std::string::npos);
  EXPECT_NE(ics.find("RRULE:FREQ=MONTHLY;INTERVAL=3\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTAMP:20240401T000000Z\r\n"), std::string::npos);
  // Text is escaped (after unfolding).
  std::string unfolded = ics;
  for (std::size_t p; (p = unfolded.find("\r\n ")) != std::string::npos;) unfolded.erase(p, 3);
  EXPECT_NE(unfolded.find("khẩn trương rà soát\\, báo cáo\\; \"đúng hạn\""), std::string::npos);
  EXPECT_NE(unfolded.find("Ủy ban nhân dân huyện Sơn Tây"), std::string::npos);
  for (const std::string& l : PhysicalLines(ics)) EXPECT_LE(l.size(), 75u) << l;
}

TEST(WriteIcs, UidIsStableAcrossExports) {
  std::vector<TaskRow> rows = {Row("1.-1", "khẩn trương rà soát", "2024-03-31")};
  std::string first = Ics(rows, "20240401T000000Z");
  std::string second = Ics(rows, "20250101T120000Z");
  auto uid = [](const std::string& ics) {
    std::size_t p = ics.find("UID:");
    return ics.substr(p, ics.find("\r\n", p) - p);
  };
  EXPECT_EQ(uid(first), uid(second));
  EXPECT_EQ(uid(first), "UID:" + IcsUid(rows[0]));
  TaskRow other = rows[0];
  other.task_id = "1.-2";
  EXPECT_NE(IcsUid(other), IcsUid(rows[0]));
  TaskRow other_doc = rows[0];
  other_doc.document_key = "583/UBND@2023";
  EXPECT_NE(IcsUid(other_doc), IcsUid(rows[0]));
}

TEST(WriteCsv, OpensInExcel) {
  std::ostringstream out;
  WriteCsv(out, {Row("3.b", "tham mưu, giải quyết \"kiến nghị\" của Sở", "2024-03-31")});
  std::string csv = out.str();
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 byte-order mark first";
  std::vector<std::string> lines = PhysicalLines(csv.substr(3));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].rfind("Văn bản,Số,Ký hiệu,Cơ quan ban hành,", 0), 0u);
  // Comma and quote: the field is quoted and its quotes doubled.
  EXPECT_NE(lines[1].find(",\"tham mưu, giải quyết \"\"kiến nghị\"\" của Sở\","),
            std::string::npos);
  EXPECT_NE(lines[1].find(",\"Các cơ quan, đơn vị; UBND các xã\","), std::string::npos);
  EXPECT_NE(lines[1].find(",2024-03-31,period_end,trong quý I năm 2024,"), std::string::npos);
  EXPECT_EQ(Count(csv, "\n"), Count(csv, "\r\n"));
}

TEST(WriteCsv, LineBreakInsideAFieldIsQuoted) {
  std::ostringstream out;
  WriteCsv(out, {Row("1", "dòng một\ndòng hai", nullptr)});
  EXPECT_NE(out.str().find(",\"dòng một\ndòng hai\","), std::string::npos);
}

TEST(TaskRowsOf, FlattensARecord) {
  Record rec;
  rec.source.path = "a.txt";
  Document d;
  d.number = "583";
  d.symbol = "UBND";
  d.date = "2024-03-15";
  Task t;
  t.id = "1.-1";
  t.action = "rà soát";
  t.deadline = Deadline{"2024-03-31", "period_end", "trong quý I năm 2024"};
  d.tasks = {t};
  rec.documents = {d};
  std::vector<TaskRow> rows = TaskRowsOf(rec);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].document_key, "583/UBND@2024");
  EXPECT_EQ(rows[0].deadline_date.value_or(""), "2024-03-31");
  EXPECT_EQ(rows[0].path, "a.txt");
}

}  // namespace
}  // namespace vanban
