// Dates as Vietnamese documents print them, to ISO 8601 (partial when parts are blank).
//
//   FindDate("Sơn Tây, ngày 15 tháng 3 năm 2024")  -> {y=2024, m=3, d=15}  Iso() "2024-03-15"
//   FindDate("ngày   tháng 8 năm 2023")            -> {y=2023, m=8, d=0}   Iso() "2023-08"
//   FindDate("ngày 04/12/2022"), "14/3/2024", "15.4.2010" -> day/month/year forms
//
// Offsets are byte offsets into the searched text. A day or month outside the calendar
// is not a date (so "60/63" or "2020 - 2025" never become one).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vanban {

struct DateMatch {
  std::size_t begin = 0, end = 0;
  int year = 0, month = 0, day = 0;  // 0 where the original leaves a part blank
  std::string Iso() const;           // "2024-03-15", "2023-08", "2023", "" if no year
};

// The first date at or after `from` (long "ngày … tháng … năm …" or numeric d/m/yyyy).
std::optional<DateMatch> FindDate(std::string_view text, std::size_t from = 0);
// A date starting exactly at `pos`, optionally preceded by "ngày " at pos.
std::optional<DateMatch> DateAt(std::string_view text, std::size_t pos);
std::vector<DateMatch> FindAllDates(std::string_view text);
// Last day of a month, leap years included.
int LastDayOfMonth(int year, int month);

}  // namespace vanban
