// vanban tasks: what the archive orders whom to do, soonest deadline first.
//
//   vanban tasks --assignee "UBND xã" --due-before 2024-06-30
//   vanban tasks --overdue [--as-of 2024-04-01]
//   vanban tasks --ics hanxuly.ics      # calendar for Outlook / Thunderbird / Google
//   vanban tasks --csv hanxuly.csv      # spreadsheet for Excel
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "pipeline/browse.h"
#include "pipeline/task_export.h"
#include "tools/vanban/cli_util.h"
#include "tools/vanban/commands.h"

namespace vanban::cli {
namespace {

using nlohmann::json;

std::string Today() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

template <typename T>
json Opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json RowJson(const TaskListRow& r) {
  const StoredTask& t = r.task;
  const DocumentRow& d = r.document;
  return {{"document", {{"document_id", d.id}, {"label", d.Label()}, {"key", Opt(d.key)},
                        {"issuer", Opt(d.issuer)}, {"date", Opt(d.date)},
                        {"subject", Opt(d.subject)}, {"paths", d.paths}}},
          {"id", Opt(t.task_id)},
          {"assignees", t.assignees},
          {"lead", Opt(t.lead)},
          {"cooperating", t.cooperating},
          {"action", t.action},
          {"deadline",
           t.deadline_date || t.deadline_text
               ? json{{"date", Opt(t.deadline_date)}, {"kind", Opt(t.deadline_kind)},
                      {"text", Opt(t.deadline_text)}}
               : json(nullptr)},
          {"recurrence", Opt(t.recurrence)},
          {"report_to", Opt(t.report_to)}};
}

void PrintHuman(const std::vector<TaskListRow>& rows) {
  if (rows.empty()) {
    std::cout << "Không có nhiệm vụ nào khớp (no task matches).\n";
    return;
  }
  for (const auto& r : rows) {
    const StoredTask& t = r.task;
    std::string when = t.deadline_date ? *t.deadline_date
                       : t.recurrence  ? "(" + *t.recurrence + ")"
                                       : "không hạn";
    std::cout << when << "  " << r.document.Label();
    if (t.task_id) std::cout << ", mục " << *t.task_id;
    std::cout << "\n    ";
    for (std::size_t i = 0; i < t.assignees.size(); ++i)
      std::cout << (i ? "; " : "") << t.assignees[i];
    std::cout << "\n    " << t.action << "\n";
    if (t.deadline_text) std::cout << "    hạn: " << *t.deadline_text << "\n";
    if (t.report_to) std::cout << "    báo cáo về: " << *t.report_to << "\n";
  }
}

}  // namespace

void AddTaskCommands(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand("tasks", "tasks across the archive, soonest deadline first");
  struct Options {
    std::string assignee, issuer, due_before, due_after, as_of, ics, csv;
    bool overdue = false, json = false;
    int limit = 1000;
  };
  static Options o;
  cmd->add_option("--assignee", o.assignee,
                  "who must act; case, diacritics and abbreviations ignored (\"UBND xã\")");
  cmd->add_option("--issuer", o.issuer, "the body that gave the task");
  cmd->add_option("--due-before", o.due_before, "deadline on or before DATE (30/6/2024 or 2024-06-30)");
  cmd->add_option("--due-after", o.due_after, "deadline on or after DATE");
  cmd->add_flag("--overdue", o.overdue, "deadline already passed (today, or --as-of)");
  cmd->add_option("--as-of", o.as_of, "the day --overdue counts from");
  cmd->add_option("--ics", o.ics, "write the deadlines as an iCalendar file");
  cmd->add_option("--csv", o.csv, "write the tasks as a spreadsheet (CSV for Excel)");
  cmd->add_option("--limit", o.limit, "at most this many tasks")->capture_default_str();
  cmd->add_flag("--json", o.json, "machine-readable output");
  cmd->callback([&opts, &exit_code] {
    TaskQuery q;
    q.limit = o.limit;
    auto date_arg = [&](const std::string& value, const char* name,
                        std::optional<std::string>* out) {
      if (value.empty()) return true;
      std::string iso = IsoDate(value);
      if (iso.empty()) {
        spdlog::error("{} {}: not a date; write it as 30/6/2024 or 2024-06-30", name, value);
        exit_code = 2;
        return false;
      }
      *out = iso;
      return true;
    };
    if (!date_arg(o.due_before, "--due-before", &q.due_before) ||
        !date_arg(o.due_after, "--due-after", &q.due_after))
      return;
    if (o.overdue) {
      std::optional<std::string> as_of;
      if (!date_arg(o.as_of, "--as-of", &as_of)) return;
      q.overdue_as_of = as_of.value_or(Today());
    }
    if (!o.assignee.empty()) q.assignee = o.assignee;
    if (!o.issuer.empty()) q.issuer = o.issuer;
    auto keys = LoadKeys(opts);
    if (!keys) {
      exit_code = 2;
      return;
    }
    auto store = OpenForQuery(opts, keys);
    if (!store) {
      exit_code = 2;
      return;
    }
    std::vector<TaskListRow> rows = store->QueryTasks(q);
    auto write_file = [&](const std::string& path, bool ics) {
      std::ofstream out(path, std::ios::binary);
      if (!out) {
        spdlog::error("{}: cannot write this file", path);
        exit_code = 2;
        return;
      }
      std::vector<TaskRow> export_rows;
      for (const auto& r : rows) export_rows.push_back(ExportRow(r));
      if (ics) {
        auto rules = LoadRules(opts);
        if (!rules) {
          exit_code = 2;
          return;
        }
        WriteIcs(out, export_rows, RruleTableOf(*rules));
      } else {
        WriteCsv(out, export_rows);
      }
      if (!opts.quiet) spdlog::info("{}: {} tasks written", path, export_rows.size());
    };
    if (!o.ics.empty()) write_file(o.ics, true);
    if (!o.csv.empty()) write_file(o.csv, false);
    if (!o.ics.empty() || !o.csv.empty()) return;
    if (o.json) {
      json arr = json::array();
      for (const auto& r : rows) arr.push_back(RowJson(r));
      std::cout << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    } else {
      PrintHuman(rows);
    }
  });
}

}  // namespace vanban::cli
