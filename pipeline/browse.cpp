#include "pipeline/browse.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <re2/re2.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "pipeline/vntext.h"

namespace vanban {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Moves a byte offset forward to the start of a UTF-8 character (or the end).
std::size_t ToBoundary(std::string_view text, std::size_t at) {
  at = std::min(at, text.size());
  while (at < text.size() && IsContinuation(text[at])) ++at;
  return at;
}

bool IsWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

// The letters and digits of a folded word ("(quyết" -> "quyet").
std::string Core(std::string_view word) {
  std::string folded = Fold(word), core;
  for (char c : folded)
    if (IsWordByte(c)) core += c;
  return core;
}

std::optional<std::chrono::year_month_day> ParseIso(std::string_view s) {
  int y = 0, m = 0, d = 0;
  static const RE2 kIso(R"((\d{4})-(\d{2})-(\d{2}))");
  if (!RE2::FullMatch(s, kIso, &y, &m, &d)) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string FormatIso(std::chrono::year_month_day ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

std::optional<std::string> DocumentText(Store& store, std::int64_t document_id) {
  SQLite::Statement s(store.database(), "SELECT coalesce(text, '') FROM documents WHERE id = ?");
  s.bind(1, document_id);
  if (!s.executeStep()) return std::nullopt;
  return s.getColumn(0).getString();
}

std::vector<DocumentRow> DocumentsByIssuer(Store& store, std::string_view issuer, int limit) {
  std::vector<DocumentRow> out;
  std::vector<std::string> words = SplitWords(IssuerMatchKey(issuer));
  if (words.empty() || limit <= 0) return out;
  // LIKE narrows to bodies holding the words in order; the check below wants whole words.
  std::string like = "%";
  for (const auto& w : words) like += w + "%";
  SQLite::Statement bodies(store.database(), "SELECT id, match_key FROM bodies WHERE match_key LIKE ?");
  bodies.bind(1, like);
  std::vector<std::int64_t> body_ids;
  while (bodies.executeStep()) {
    if (HasWordsInOrder(bodies.getColumn(1).getString(), words))
      body_ids.push_back(bodies.getColumn(0).getInt64());
  }
  if (body_ids.empty()) return out;
  std::string in;
  for (auto id : body_ids) in += (in.empty() ? "" : ",") + std::to_string(id);
  SQLite::Statement docs(store.database(),
                         "SELECT DISTINCT d.id, d.date FROM document_bodies b JOIN documents d ON "
                         "d.id = b.document_id WHERE b.role IN ('issuer', 'parent') AND b.body_id "
                         "IN (" + in + ") ORDER BY d.date DESC, d.id DESC LIMIT ?");
  docs.bind(1, limit);
  std::vector<std::int64_t> ids;
  while (docs.executeStep()) ids.push_back(docs.getColumn(0).getInt64());
  docs.reset();
  for (auto id : ids)
    if (auto d = store.GetDocument(id)) out.push_back(std::move(*d));
  return out;
}

std::vector<IngestedFile> RecentFiles(Store& store, int limit) {
  std::vector<IngestedFile> out;
  SQLite::Statement s(store.database(),
                      "SELECT f.path, f.sha256, f.ingested_at, (SELECT count(*) FROM documents d "
                      "WHERE d.sha256 = f.sha256) FROM files f ORDER BY f.ingested_at DESC, f.path "
                      "LIMIT ?");
  s.bind(1, limit);
  while (s.executeStep())
    out.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(),
                   s.getColumn(2).getString(), s.getColumn(3).getInt()});
  return out;
}

std::vector<IngestDay> IngestDays(Store& store, int limit) {
  std::vector<IngestDay> out;
  SQLite::Statement s(store.database(),
                      "SELECT substr(ingested_at, 1, 10) AS day, count(*) FROM files GROUP BY day "
                      "ORDER BY day DESC LIMIT ?");
  s.bind(1, limit);
  while (s.executeStep()) out.push_back({s.getColumn(0).getString(), s.getColumn(1).getInt64()});
  return out;
}

std::optional<DeadlineBuckets> BucketsFor(std::string_view today) {
  auto ymd = ParseIso(today);
  if (!ymd) return std::nullopt;
  using namespace std::chrono;
  sys_days day{*ymd};
  unsigned to_sunday = (7 - weekday{day}.c_encoding()) % 7;  // c_encoding: Sunday = 0
  year_month_day week_end{day + days{to_sunday}};
  year_month_day month_end{ymd->year() / ymd->month() / last};
  return DeadlineBuckets{FormatIso(*ymd), FormatIso(week_end), FormatIso(month_end)};
}

std::string NextDay(std::string_view iso_date) {
  auto ymd = ParseIso(iso_date);
  if (!ymd) return "";
  return FormatIso(std::chrono::year_month_day{std::chrono::sys_days{*ymd} + std::chrono::days{1}});
}

std::string IsoDate(std::string_view text) {
  static const RE2 kIso(R"((\d{4})-(\d{1,2})-(\d{1,2}))");
  static const RE2 kVn(R"((\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}))");
  int y = 0, m = 0, d = 0;
  std::string in = Trim(text);
  if (!RE2::FullMatch(in, kIso, &y, &m, &d) && !RE2::FullMatch(in, kVn, &d, &m, &y)) return "";
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return "";
  return FormatIso(ymd);
}

TaskRow ExportRow(const TaskListRow& r) {
  TaskRow row;
  const DocumentRow& d = r.document;
  // The key when the document has one; else its label, issuer and date (stable across
  // exports, since they come from the same stored document).
  row.document_key =
      d.key.value_or(d.Label() + " — " + d.issuer.value_or("") + " " + d.date.value_or(""));
  row.number = d.number;
  row.symbol = d.symbol;
  row.issuer = d.issuer;
  row.date = d.date;
  row.subject = d.subject;
  row.path = d.paths.empty() ? "" : d.paths.front();
  row.task_id = r.task.task_id;
  row.assignees = r.task.assignees;
  row.lead = r.task.lead;
  row.cooperating = r.task.cooperating;
  row.action = r.task.action;
  row.deadline_date = r.task.deadline_date;
  row.deadline_kind = r.task.deadline_kind;
  row.deadline_text = r.task.deadline_text;
  row.recurrence = r.task.recurrence;
  row.report_to = r.task.report_to;
  return row;
}

std::vector<TextPart> MarkSpans(std::string_view text, std::vector<Mark> marks) {
  // Clamp every mark to the text and to character boundaries; drop empty ones.
  std::vector<Mark> ok;
  for (Mark& m : marks) {
    m.begin = ToBoundary(text, m.begin);
    m.end = ToBoundary(text, m.end);
    if (m.begin < m.end) ok.push_back(std::move(m));
  }
  std::vector<std::size_t> cuts = {0, text.size()};
  for (const Mark& m : ok) {
    cuts.push_back(m.begin);
    cuts.push_back(m.end);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<TextPart> parts;
  const Mark* last = nullptr;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    std::size_t a = cuts[i], b = cuts[i + 1];
    const Mark* best = nullptr;
    for (const Mark& m : ok) {
      if (m.begin > a || m.end < b) continue;
      if (!best || m.begin > best->begin || (m.begin == best->begin && m.end < best->end))
        best = &m;
    }
    if (!parts.empty() && best == last) {
      parts.back().text.append(text.substr(a, b - a));
      continue;
    }
    TextPart p{std::string(text.substr(a, b - a)), "", "", ""};
    if (best) {
      p.kind = best->kind;
      p.href = best->href;
      p.title = best->title;
    }
    parts.push_back(std::move(p));
    last = best;
  }
  return parts;
}

std::vector<TextPart> MarkWords(std::string_view text, std::string_view query) {
  // Words are runs of letters and digits: "2454/QĐ-UBND" is "2454", "QĐ", "UBND".
  auto words = [](std::string_view s) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && !IsWordByte(s[i])) ++i;
      std::size_t b = i;
      while (i < s.size() && IsWordByte(s[i])) ++i;
      if (b < i) out.emplace_back(b, i);
    }
    return out;
  };
  std::vector<std::string> want;
  for (auto [b, e] : words(query)) {
    std::string c = Core(query.substr(b, e - b));
    if (!c.empty()) want.push_back(c);
  }
  std::vector<Mark> marks;
  if (!want.empty())
    for (auto [b, e] : words(text)) {
      std::string core = Core(text.substr(b, e - b));
      for (const auto& w : want)
        if (core.rfind(w, 0) == 0) {
          marks.push_back({b, e, "match", "", ""});
          break;
        }
    }
  return MarkSpans(text, std::move(marks));
}

}  // namespace vanban
