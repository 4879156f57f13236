// Deadlines and recurring duties in the text of one task.
//
//   DeadlineFinder deadlines(rules);                 // once; reads rules/tasks.yaml
//   deadlines.Find("... chậm nhất ngày 09/8/2023", 2023)
//       -> {date "2023-08-09", kind "by", text "chậm nhất ngày 09/8/2023"}
//   deadlines.Find("... trong quý I năm 2024", 2024)   -> {"2024-03-31", "period_end", ...}
//   deadlines.Find("... 6 tháng đầu năm", 2024)        -> {"2024-06-30", "period_end", ...}
//   deadlines.Find("... trước ngày 15/7", 2024)         -> {"2024-07-15", "by", ...}
//   deadlines.Find("trong thời hạn 90 ngày kể từ ngày ban hành", 2025, "2025-12-29")
//       -> {"2026-03-29", "by", ...}
//   deadlines.Find("theo định kỳ 6 tháng và hàng năm", 2023)
//       -> {date null, kind "recurring", text "theo định kỳ 6 tháng và hàng năm"},
//          recurrence "6 tháng và hàng năm"
//
// When a text holds several, an explicit date wins over the end of a period, which wins
// over a recurrence; among equals the first printed wins. Periods inside a recurrence's
// bracketed schedule ("định kỳ (Quý I, 6 tháng đầu năm 2024, ...)") belong to it.
// Where the year is left out, `doc_year` (the document's year; 0 if unknown) supplies it;
// with no year at all the deadline keeps its text and kind but no date.
// Immutable after construction; thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/record.h"
#include "pipeline/rules.h"

namespace vanban {

struct DeadlineMatch {
  Deadline deadline;
  std::optional<std::string> recurrence;  // "6 tháng và hàng năm", "hàng quý", "định kỳ"
  std::size_t begin = 0, end = 0;         // byte offsets of deadline.text in the searched text
  // Set by a time-limit phrase ("chậm nhất ngày …", "trước ngày 15 hằng tháng", "đến ngày …"),
  // not by a bare period or recurrence: the text fixes when something must be done.
  bool limit = false;
};

class DeadlineFinder {
 public:
  explicit DeadlineFinder(const RuleSet& rules);
  ~DeadlineFinder();
  DeadlineFinder(const DeadlineFinder&) = delete;
  DeadlineFinder& operator=(const DeadlineFinder&) = delete;

  // The deadline that governs `text`, or nullopt when it sets none. `doc_date` (ISO, the
  // document's date; may be empty or partial) dates limits counted from the document
  // itself ("trong thời hạn 90 ngày kể từ ngày ban hành").
  std::optional<DeadlineMatch> Find(std::string_view text, int doc_year,
                                    std::string_view doc_date = {}) const;
  // Every deadline and recurrence in `text`, in printed order.
  std::vector<DeadlineMatch> FindAll(std::string_view text, int doc_year,
                                     std::string_view doc_date = {}) const;
  // The governing one among matches from FindAll.
  static std::optional<DeadlineMatch> Pick(const std::vector<DeadlineMatch>& all);
  // The recurrence named anywhere in `text` ("hàng quý"), if any.
  std::optional<std::string> Recurrence(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The year of an ISO date or partial date ("2024-03-15", "2023-08", "2023"); 0 if none.
int YearOf(const std::optional<std::string>& iso);

}  // namespace vanban
