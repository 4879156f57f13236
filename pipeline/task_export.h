// Task export: the tasks of many documents as a calendar (iCalendar, RFC 5545) or a table
// (CSV, RFC 4180) for the people who have to do them.
//
//   std::vector<TaskRow> rows = TaskRowsOf(record);   // or built from the store
//   RruleTable rrules = RruleTableOf(rules);          // rules/tasks.yaml ics_rrules
//   WriteIcs(std::cout, rows, rrules);  // Outlook, Thunderbird, Google Calendar import it
//   WriteCsv(std::cout, rows);   // Excel opens it with Vietnamese intact
//
// iCalendar: one all-day VEVENT per task that has a date (its deadline; for a recurring
// duty without one, the document's date), with an RRULE for recurring duties whose period
// is known ("hàng quý" -> FREQ=MONTHLY;INTERVAL=3). Tasks with neither are left out. The
// UID is a hash of the document key and the task id, so exporting again updates the
// events already imported instead of adding copies. Text is escaped, lines are folded at
// 75 octets without splitting a UTF-8 character, and every line ends in CRLF.
//
// CSV: UTF-8 with a byte-order mark (Excel needs it to read UTF-8), a header row in
// Vietnamese, fields quoted where RFC 4180 requires, CRLF line ends.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/record.h"
#include "pipeline/rules.h"

namespace vanban {

// One task with the document it comes from, flattened for export.
struct TaskRow {
  std::string document_key;  // "583/UBND@2024"; the file path and part when unnumbered
  std::optional<std::string> number, symbol, issuer, date, subject;  // date: ISO, maybe partial
  std::string path;
  std::optional<std::string> task_id;  // "3.b", "1.-2"; null for a directive sentence
  std::vector<std::string> assignees;
  std::optional<std::string> lead;
  std::vector<std::string> cooperating;
  std::string action;
  std::optional<std::string> deadline_date;  // ISO
  std::optional<std::string> deadline_kind;  // by | period_end | recurring
  std::optional<std::string> deadline_text;
  std::optional<std::string> recurrence;
  std::optional<std::string> report_to;
};

// The rows of every task in every document of `record`.
std::vector<TaskRow> TaskRowsOf(const Record& record);

// Recurrence words -> RRULE value, in the order tried ("hàng quý" -> "FREQ=MONTHLY;INTERVAL=3").
using RruleTable = std::vector<std::pair<std::string, std::string>>;
// The table of the rules in use (rules/tasks.yaml, ics_rrules), so `--rules DIR` reaches it.
RruleTable RruleTableOf(const RuleSet& rules);

// Writes a VCALENDAR; `dtstamp` ("20240315T080000Z") stamps every event, the current UTC
// time when empty.
void WriteIcs(std::ostream& out, const std::vector<TaskRow>& rows, const RruleTable& rrules,
              const std::string& dtstamp = "");
void WriteCsv(std::ostream& out, const std::vector<TaskRow>& rows);

// Exposed for tests: RFC 5545 text escaping and line folding.
std::string IcsEscape(std::string_view text);
std::string IcsFold(std::string_view line);  // the folded line, CRLF-terminated
// The stable event id of one task.
std::string IcsUid(const TaskRow& row);
// RRULE value for a recurrence ("hàng quý" -> "FREQ=MONTHLY;INTERVAL=3"), empty if unknown.
std::string IcsRrule(const RruleTable& table, std::string_view recurrence);

}  // namespace vanban
