#include "pipeline/task_export.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "pipeline/load.h"
#include "pipeline/rules.h"
#include "pipeline/vntext.h"

namespace vanban {
namespace {

// Column titles and description labels: what a clerk reads, in Vietnamese.
constexpr const char* kCsvHeader[] = {
    "Văn bản",   "Số",        "Ký hiệu",     "Cơ quan ban hành", "Ngày ban hành",
    "Trích yếu", "Tệp",       "Mã nhiệm vụ", "Đơn vị thực hiện", "Chủ trì",
    "Phối hợp",  "Nội dung",  "Hạn",         "Loại hạn",         "Thời hạn (nguyên văn)",
    "Định kỳ",   "Báo cáo về"};
constexpr const char* kDescDocument = "Văn bản";
constexpr const char* kDescSubject = "Trích yếu";
constexpr const char* kDescTask = "Nhiệm vụ";
constexpr const char* kDescAssignees = "Thực hiện";
constexpr const char* kDescLead = "Chủ trì";
constexpr const char* kDescCooperating = "Phối hợp";
constexpr const char* kDescDeadline = "Thời hạn";
constexpr const char* kDescRecurrence = "Định kỳ";
constexpr const char* kDescReport = "Báo cáo về";
constexpr const char* kDescFile = "Tệp";

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// "2024-03-15" -> "20240315"; empty unless a full date.
std::string IcsDate(const std::optional<std::string>& iso) {
  if (!iso || iso->size() != 10 || (*iso)[4] != '-' || (*iso)[7] != '-') return "";
  return iso->substr(0, 4) + iso->substr(5, 2) + iso->substr(8, 2);
}

// The day after an ICS date (all-day events end on the next day, exclusive).
std::string NextDay(const std::string& ymd) {
  std::tm tm{};
  tm.tm_year = std::stoi(ymd.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(ymd.substr(4, 2)) - 1;
  tm.tm_mday = std::stoi(ymd.substr(6, 2)) + 1;
  tm.tm_hour = 12;
  std::time_t t = timegm(&tm);
  std::tm out{};
  gmtime_r(&t, &out);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d", &out);
  return buf;
}

std::string NowStamp() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string CsvField(std::string_view s) {
  bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void CsvRow(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out << ',';
    out << CsvField(fields[i]);
  }
  out << "\r\n";
}

}  // namespace

std::string IcsEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string IcsFold(std::string_view line) {
  std::string out;
  std::size_t pos = 0, limit = 75;  // octets per physical line, the leading space included
  while (line.size() - pos > limit) {
    std::size_t cut = pos + limit;
    // Never split a UTF-8 sequence: back up to the start of a character.
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(pos, cut - pos));
    out += "\r\n ";
    pos = cut;
    limit = 74;
  }
  out.append(line.substr(pos));
  out += "\r\n";
  return out;
}

std::string IcsUid(const TaskRow& row) {
  std::string basis = row.document_key + "\x1f" + (row.task_id ? *row.task_id : row.action);
  return Sha256Hex(basis).substr(0, 32) + "@vanban";
}

RruleTable RruleTableOf(const RuleSet& rules) { return rules.Pairs("tasks", "ics_rrules"); }

std::string IcsRrule(const RruleTable& table, std::string_view recurrence) {
  std::string f = " " + Fold(recurrence) + " ";
  for (const auto& [words, rule] : table)
    if (f.find(" " + Fold(words) + " ") != std::string::npos) return rule;
  return "";
}

std::vector<TaskRow> TaskRowsOf(const Record& record) {
  std::vector<TaskRow> rows;
  for (const Document& d : record.documents) {
    std::string key;
    if (d.number && d.symbol) {
      key = *d.number + "/" + *d.symbol;
      if (d.date && d.date->size() >= 4) key += "@" + d.date->substr(0, 4);
    } else {
      key = record.source.path + "#" + std::to_string(d.part);
    }
    for (const Task& t : d.tasks) {
      TaskRow r;
      r.document_key = key;
      r.number = d.number;
      r.symbol = d.symbol;
      r.issuer = d.issuer.name;
      r.date = d.date;
      r.subject = d.subject;
      r.path = record.source.path;
      r.task_id = t.id;
      r.assignees = t.assignees;
      r.lead = t.lead;
      r.cooperating = t.cooperating;
      r.action = t.action;
      if (t.deadline) {
        r.deadline_date = t.deadline->date;
        r.deadline_kind = t.deadline->kind;
        r.deadline_text = t.deadline->text;
      }
      r.recurrence = t.recurrence;
      r.report_to = t.report_to;
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

void WriteIcs(std::ostream& out, const std::vector<TaskRow>& rows, const RruleTable& rrules,
              const std::string& dtstamp) {
  const std::string stamp = dtstamp.empty() ? NowStamp() : dtstamp;
  out << IcsFold("BEGIN:VCALENDAR") << IcsFold("VERSION:2.0")
      << IcsFold("PRODID:-//vanban//Task export " VANBAN_VERSION "//VI")
      << IcsFold("CALSCALE:GREGORIAN") << IcsFold("METHOD:PUBLISH");
  for (const TaskRow& r : rows) {
    std::string rrule = r.recurrence ? IcsRrule(rrules, *r.recurrence) : "";
    std::string day = IcsDate(r.deadline_date);
    if (day.empty() && !rrule.empty()) day = IcsDate(r.date);  // recurring from the document's date
    if (day.empty()) continue;
    std::string doc = r.number && r.symbol ? *r.number + "/" + *r.symbol : r.document_key;
    if (r.issuer) doc += " - " + *r.issuer;
    if (r.date) doc += " (" + *r.date + ")";
    std::string desc = std::string(kDescDocument) + ": " + doc;
    if (r.subject) desc += "\n" + std::string(kDescSubject) + ": " + *r.subject;
    desc += "\n" + std::string(kDescTask) + (r.task_id ? " " + *r.task_id : "") + ": " + r.action;
    if (!r.assignees.empty())
      desc += "\n" + std::string(kDescAssignees) + ": " + Join(r.assignees, "; ");
    if (r.lead) desc += "\n" + std::string(kDescLead) + ": " + *r.lead;
    if (!r.cooperating.empty())
      desc += "\n" + std::string(kDescCooperating) + ": " + Join(r.cooperating, "; ");
    if (r.deadline_text) desc += "\n" + std::string(kDescDeadline) + ": " + *r.deadline_text;
    if (r.recurrence) desc += "\n" + std::string(kDescRecurrence) + ": " + *r.recurrence;
    if (r.report_to) desc += "\n" + std::string(kDescReport) + ": " + *r.report_to;
    if (!r.path.empty()) desc += "\n" + std::string(kDescFile) + ": " + r.path;
    std::string summary = r.action;
    if (!r.assignees.empty()) summary = Join(r.assignees, ", ") + ": " + summary;
    out << IcsFold("BEGIN:VEVENT") << IcsFold("UID:" + IcsUid(r)) << IcsFold("DTSTAMP:" + stamp)
        << IcsFold("DTSTART;VALUE=DATE:" + day) << IcsFold("DTEND;VALUE=DATE:" + NextDay(day))
        << IcsFold("SUMMARY:" + IcsEscape(summary)) << IcsFold("DESCRIPTION:" + IcsEscape(desc));
    if (!rrule.empty()) out << IcsFold("RRULE:" + rrule);
    out << IcsFold("TRANSP:TRANSPARENT") << IcsFold("END:VEVENT");
  }
  out << IcsFold("END:VCALENDAR");
}

void WriteCsv(std::ostream& out, const std::vector<TaskRow>& rows) {
  out << "\xEF\xBB\xBF";
  CsvRow(out, std::vector<std::string>(std::begin(kCsvHeader), std::end(kCsvHeader)));
  auto v = [](const std::optional<std::string>& s) { return s ? *s : std::string(); };
  for (const TaskRow& r : rows) {
    CsvRow(out, {r.document_key, v(r.number), v(r.symbol), v(r.issuer), v(r.date), v(r.subject),
                 r.path, v(r.task_id), Join(r.assignees, "; "), v(r.lead),
                 Join(r.cooperating, "; "), r.action, v(r.deadline_date), v(r.deadline_kind),
                 v(r.deadline_text), v(r.recurrence), v(r.report_to)});
  }
}

}  // namespace vanban
