#include "extractors/dates.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace vanban {
namespace {

// "ngày 15 tháng 3 năm 2024", with day or month left blank in drafts.
const RE2& LongDate() {
  static const RE2 re(
      R"((?i:ngày)\s*(\d{1,2})?\s*(?i:tháng)\s*(\d{1,2})?\s*(?i:năm)\s*(\d{4}))");
  return re;
}
// "14/3/2024", "04-12-2022", "15.4.2010", not inside a longer number or symbol.
const RE2& NumericDate() {
  static const RE2 re(R"((?:^|[^\d/.\-])(\d{1,2})([/.\-])(\d{1,2})([/.\-])((?:19|20)\d{2})(?:$|[^\d/]))");
  return re;
}

}  // namespace

int LastDayOfMonth(int year, int month);

namespace {
bool Valid(int d, int m, int y = 2000) {
  if (m != 0 && (m < 1 || m > 12)) return false;
  if (d == 0) return true;
  return d >= 1 && d <= (m == 0 ? 31 : LastDayOfMonth(y, m));
}

}  // namespace

std::string DateMatch::Iso() const {
  if (year == 0) return "";
  char buf[16];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

int LastDayOfMonth(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 31;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

std::optional<DateMatch> FindDate(std::string_view text, std::size_t from) {
  std::optional<DateMatch> best;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece g[4];
  std::size_t pos = from;
  while (pos < text.size() &&
         LongDate().Match(input, pos, text.size(), RE2::UNANCHORED, g, 4)) {
    DateMatch m;
    m.begin = g[0].data() - text.data();
    m.end = m.begin + g[0].size();
    m.day = g[1].empty() ? 0 : std::stoi(std::string(g[1]));
    m.month = g[2].empty() ? 0 : std::stoi(std::string(g[2]));
    m.year = std::stoi(std::string(g[3]));
    if (Valid(m.day, m.month, m.year)) {
      best = m;
      break;
    }
    pos = m.end;
  }
  re2::StringPiece n[6];
  pos = from;
  while (pos < text.size() &&
         NumericDate().Match(input, pos, text.size(), RE2::UNANCHORED, n, 6)) {
    DateMatch m;
    m.begin = n[1].data() - text.data();
    m.end = n[5].data() + n[5].size() - text.data();
    m.day = std::stoi(std::string(n[1]));
    m.month = std::stoi(std::string(n[3]));
    m.year = std::stoi(std::string(n[5]));
    if (n[2] == n[4] && Valid(m.day, m.month, m.year) && m.day > 0 && m.month > 0) {
      if (!best || m.begin < best->begin) best = m;
      break;
    }
    pos = m.begin + 1;
  }
  return best;
}

std::optional<DateMatch> DateAt(std::string_view text, std::size_t pos) {
  std::size_t p = pos;
  while (p < text.size() && (text[p] == ' ' || text[p] == '\n')) ++p;
  // A date found here starts with its day (a digit) or with "ngày" (n or N): anything else
  // is answered without running the patterns.
  if (p >= text.size() ||
      !(std::isdigit(static_cast<unsigned char>(text[p])) || text[p] == 'n' || text[p] == 'N'))
    return std::nullopt;
  // Only a date starting here: search a window no longer than the longest date form, so
  // a failed look never scans the rest of the document.
  constexpr std::size_t kLongestDate = 48;
  std::string_view window = text.substr(0, std::min(text.size(), p + kLongestDate));
  auto m = FindDate(window, p);
  if (!m) return std::nullopt;
  if (m->begin == p) return m;
  // "ngày 04/12/2022": the numeric form after the word "ngày".
  std::string_view head = text.substr(p, m->begin - p);
  static const RE2 kNgay(R"(^(?i:ngày)\s*$)");
  if (RE2::FullMatch(head, kNgay)) {
    m->begin = p;
    return m;
  }
  return std::nullopt;
}

std::vector<DateMatch> FindAllDates(std::string_view text) {
  std::vector<DateMatch> out;
  std::size_t pos = 0;
  while (auto m = FindDate(text, pos)) {
    out.push_back(*m);
    pos = m->end;
  }
  return out;
}

}  // namespace vanban
