#include "extractors/deadlines.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "extractors/dates.h"
#include "pipeline/normalize.h"
#include "pipeline/vntext.h"

namespace vanban {
namespace {

// "a|b c" from a word list, longest first, spaces matching any run of white space.
std::string Alternation(std::vector<std::string> words) {
  std::sort(words.begin(), words.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string out;
  for (const auto& w : words) {
    if (w.empty()) continue;
    std::string q;
    for (const std::string& part : SplitWords(w)) {
      if (!q.empty()) q += R"(\s+)";
      q += RE2::QuoteMeta(part);
    }
    if (!out.empty()) out += "|";
    out += q;
  }
  return out.empty() ? "x^" : out;
}

// `trigger`: what the set looks for instead of the whole pattern, a part every match of it
// holds (the words it starts with). The set then stays small: bounded repeats such as
// "[^)]{0,30}" multiply the states of a set's DFA, which runs over every task's text.
std::unique_ptr<RE2> Compile(const std::string& pattern, re2::RE2::Set* set,
                             const std::string& trigger = "") {
  auto re = std::make_unique<RE2>(pattern);
  if (!re->ok()) throw std::runtime_error("rules/tasks.yaml: bad pattern: " + re->error());
  if (set->Add(trigger.empty() ? pattern : trigger, nullptr) < 0)
    throw std::runtime_error("rules/tasks.yaml: bad pattern");
  return re;
}

std::string Iso(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int Int(re2::StringPiece p) { return p.empty() ? 0 : std::stoi(std::string(p)); }

// A letter or digit starts at `pos` (ASCII or any multi-byte UTF-8 sequence).
bool WordCharAt(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return false;
  unsigned char c = s[pos];
  return c >= 0x80 || std::isalnum(c);
}

}  // namespace

// `days` after the full ISO date `iso` ("2025-12-29" + 90 -> "2026-03-29"); nullopt when
// `iso` is not a full date.
static std::optional<std::string> DaysAfter(std::string_view iso, int days) {
  int y = 0, m = 0, d = 0;
  if (iso.size() != 10 || std::sscanf(std::string(iso).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3)
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  std::chrono::year_month_day end{std::chrono::sys_days(ymd) + std::chrono::days(days)};
  return Iso(int(end.year()), unsigned(end.month()), unsigned(end.day()));
}

int YearOf(const std::optional<std::string>& iso) {
  if (!iso || iso->size() < 4) return 0;
  int y = 0;
  for (int i = 0; i < 4; ++i) {
    char c = (*iso)[i];
    if (c < '0' || c > '9') return 0;
    y = y * 10 + (c - '0');
  }
  return y;
}

struct DeadlineFinder::Impl {
  static RE2::Options SetOptions() {
    RE2::Options o;
    o.set_max_mem(64 << 20);  // room for the DFA so that matching stays one linear pass
    return o;
  }

  explicit Impl(const RuleSet& rules) : set(SetOptions(), RE2::UNANCHORED) {
    const std::string by = Alternation(rules.Strings("tasks", "deadline_by"));
    const std::string period = Alternation(rules.Strings("tasks", "deadline_period"));
    const std::string lead = R"((?i)(?:^|[^\pL\pN]))";
    const YAML::Node& words_node = rules.File("tasks")["date_words"];
    auto word = [&](const char* key) {
      return RE2::QuoteMeta(NormalizeString(words_node[key].as<std::string>("x^")));
    };
    const std::string day = word("day"), mon = word("month"), yr = word("year"),
                      qu = word("quarter");
    const std::string filler =
        NormalizeString(rules.File("tasks")["deadline_filler_regex"].as<std::string>(""));
    // "d/m/yyyy", "d tháng m năm yyyy", the year optional: groups day, month, year.
    const std::string dmy = R"((\d{1,2})\s*(?:[/\-.]|\s+)" + mon +
                            R"(\s+)\s*(\d{1,2})(?:\s*(?:[/\-.]|\s+)" + yr + R"(\s+)\s*(\d{4}))?)";
    const std::string by_trigger = "(?i)(?:" + by + R"()\s)";
    by_date = Compile(lead + "((?:" + by + R"()\s+)" + filler + "(?:" + day + R"(\s+)?)" +
                          dmy + ")",
                      &set, by_trigger);
    quarter = Compile(lead + "((" + period + R"()?\s*)" + qu + R"(\s+(IV|I{1,3}|[1-4])(?:\s*(?:)" +
                          yr + R"(\s+|/\s*)(\d{4}))?))",
                      &set, "(?i)" + qu + R"(\s)");
    month = Compile(lead + "((" + period + R"()?\s*)" + mon + R"(\s+(\d{1,2})(?:\s*(?:/\s*|\s+)" +
                        yr + R"(\s+)(\d{4}))?))",
                    &set, "(?i)" + mon + R"(\s+\d)");
    std::vector<std::string> parts;
    for (const auto& [phrase, m] : rules.Pairs("tasks", "year_parts")) {
      parts.push_back(phrase);
      part_month[Lower(phrase)] = std::stoi(m);
    }
    year_part = Compile(
        lead + "((?:(?:" + period + R"()\s+)?()" + Alternation(parts) + R"()(?:\s+(\d{4}))?))",
        &set, "(?i)(?:" + Alternation(parts) + ")");
    for (const auto& [k, v] : rules.Pairs("tasks", "quarters")) quarters[Upper(k)] = std::stoi(v);
    const std::string per = Alternation(rules.Strings("tasks", "recurrence_periods"));
    recurring = Compile(lead + "((?:" + Alternation(rules.Strings("tasks", "recurrence_lead")) +
                            R"()((?:\s+(?:)" + per + R"()(?:\s*(?:,|và)\s*(?:)" + per +
                            R"())*)?)(\s*\([^)]*\))?))",
                        &set,
                        "(?i)(?:" + Alternation(rules.Strings("tasks", "recurrence_lead")) + ")");
    words =
        Compile(lead + "(" + Alternation(rules.Strings("tasks", "recurrence_words")) + ")", &set);
    const std::string relative_re =
        NormalizeString(rules.File("tasks")["relative_deadline_regex"].as<std::string>("x^"));
    relative = Compile(lead + "(" + relative_re + ")", &set);
    const std::string yearly_words = Alternation(rules.Strings("tasks", "yearly_words"));
    yearly = Compile(lead + "(?:" + Alternation(rules.Strings("tasks", "yearly_after")) +
                         R"()[^,;.:]{0,40}?\s()" + yearly_words + ")",
                     &set, "(?i)(?:" + yearly_words + ")");
    // "(từ ngày … ) đến ngày 10 tháng 12 năm 2025": the period ends on that day.
    const std::string until_words = Alternation(rules.Strings("tasks", "deadline_until"));
    until = Compile(lead + "((?:" + until_words +
                        R"()\s+(?:)" + day + R"(\s+)?)" + dmy + ")",
                    &set, "(?i)(?:" + until_words + ")");
    // "trước ngày 15 hằng tháng", "chậm nhất ngày 20 của tháng cuối quý": a day that recurs.
    recurring_day =
        Compile(lead + "((?:" + by + R"()\s+)" +
                    NormalizeString(rules.File("tasks")["recurring_day_regex"].as<std::string>("x^")) +
                    ")",
                &set, by_trigger);
    yearly_tail = std::make_unique<RE2>(
        NormalizeString(rules.File("tasks")["recurring_year_tail_regex"].as<std::string>("x^")));
    if (!yearly_tail->ok()) throw std::runtime_error("rules/tasks.yaml: recurring_year_tail_regex");
    if (!set.Compile()) throw std::runtime_error("rules/tasks.yaml: deadline patterns");
    const YAML::Node& f = rules.File("tasks");
    quarter_word = f["quarter_word"].as<std::string>("quý");
    quarterly = f["quarterly"].as<std::string>("hàng quý");
    generic = f["generic_recurrence"].as<std::string>("định kỳ");
    monthly = f["monthly"].as<std::string>("hàng tháng");
    yearly_name = f["yearly"].as<std::string>("hàng năm");
  }

  // One pass over the text says which patterns can match; only those run again for groups.
  re2::RE2::Set set;
  std::unique_ptr<RE2> by_date, quarter, month, year_part, recurring, words, relative, yearly,
      until, recurring_day, yearly_tail;
  std::map<std::string, int> part_month, quarters;
  std::string quarter_word, quarterly, generic, monthly, yearly_name;

  void Add(std::string_view text, re2::StringPiece whole, const char* kind,
           std::optional<std::string> date, std::optional<std::string> recurrence,
           std::vector<DeadlineMatch>* out, bool limit = false) const {
    DeadlineMatch m;
    m.limit = limit;
    m.begin = whole.data() - text.data();
    m.end = m.begin + whole.size();
    m.deadline.kind = kind;
    m.deadline.date = std::move(date);
    m.deadline.text = Trim(std::string_view(whole.data(), whole.size()));
    m.recurrence = std::move(recurrence);
    out->push_back(std::move(m));
  }

  // Runs `re` over `text`, calling fn(groups) for each match; groups[1] is the whole phrase.
  template <typename Fn>
  void Each(const RE2& re, std::string_view text, int ngroups, Fn fn) const {
    re2::StringPiece input(text.data(), text.size());
    std::vector<re2::StringPiece> g(ngroups);
    std::size_t pos = 0;
    while (pos < text.size() &&
           re.Match(input, pos, text.size(), RE2::UNANCHORED, g.data(), ngroups)) {
      std::size_t end = g[0].data() - text.data() + g[0].size();
      fn(g);
      pos = std::max(end, pos + 1);
    }
  }

  std::vector<DeadlineMatch> All(std::string_view text, int doc_year,
                                 std::string_view doc_date) const {
    std::vector<DeadlineMatch> rec, dated;
    std::vector<int> hits;
    if (!set.Match(re2::StringPiece(text.data(), text.size()), &hits)) return {};
    bool on[10] = {};
    for (int h : hits) on[h] = true;
    // Set indices follow the order of construction: by_date, quarter, month, year_part,
    // recurring, words, relative, yearly, until, recurring_day.
    auto maybe = [&](int k, const RE2& re, int n, auto fn) {
      if (on[k]) Each(re, text, n, fn);
    };
    maybe(4, *recurring, 4, [&](const std::vector<re2::StringPiece>& g) {
      std::string period = Trim(std::string_view(g[2].data(), g[2].size()), ",");
      std::string bracket(g[3].data(), g[3].size());
      std::string r = !period.empty()                                          ? period
                      : Lower(bracket).find(quarter_word) != std::string::npos ? quarterly
                                                                               : generic;
      Add(text, g[1], "recurring", std::nullopt, r, &rec);
    });
    maybe(5, *words, 2, [&](const std::vector<re2::StringPiece>& g) {
      Add(text, g[1], "recurring", std::nullopt, Lower(std::string_view(g[1].data(), g[1].size())),
          &rec);
    });
    maybe(7, *yearly, 2, [&](const std::vector<re2::StringPiece>& g) {
      Add(text, g[1], "recurring", std::nullopt, Lower(std::string_view(g[1].data(), g[1].size())),
          &rec);
    });
    auto inside_recurrence = [&](std::size_t b) {
      for (const auto& r : rec)
        if (b >= r.begin && b < r.end) return true;
      return false;
    };
    auto ends_word = [&](re2::StringPiece p) {
      std::size_t e = p.data() - text.data() + p.size();
      return !WordCharAt(text, e) || (e < text.size() && text[e] == '.');
    };
    auto day_of = [&](const std::vector<re2::StringPiece>& g, const char* kind) {
      std::size_t e = g[1].data() - text.data() + g[1].size();
      if (e < text.size() && (std::isdigit(static_cast<unsigned char>(text[e])) || text[e] == '/'))
        return;
      int d = Int(g[2]), m = Int(g[3]), y = g[4].empty() ? doc_year : Int(g[4]);
      if (m < 1 || m > 12 || d < 1 || d > LastDayOfMonth(y ? y : 2000, m)) return;
      // "trước ngày 15 tháng 12 của năm báo cáo": the same day every year, no one date.
      if (g[4].empty() && RE2::PartialMatch(re2::StringPiece(text.data() + e, text.size() - e),
                                            *yearly_tail)) {
        Add(text, g[1], "recurring", std::nullopt, yearly_name, &rec, /*limit=*/true);
        return;
      }
      Add(text, g[1], kind, y ? std::optional<std::string>(Iso(y, m, d)) : std::nullopt,
          std::nullopt, &dated, /*limit=*/true);
    };
    maybe(0, *by_date, 5, [&](const std::vector<re2::StringPiece>& g) { day_of(g, "by"); });
    maybe(8, *until, 5, [&](const std::vector<re2::StringPiece>& g) { day_of(g, "period_end"); });
    maybe(9, *recurring_day, 3, [&](const std::vector<re2::StringPiece>& g) {
      std::string unit = Lower(std::string_view(g[2].data(), g[2].size()));
      Add(text, g[1], "recurring", std::nullopt,
          unit.find(quarter_word) != std::string::npos ? quarterly : monthly, &rec,
          /*limit=*/true);
    });
    maybe(1, *quarter, 5, [&](const std::vector<re2::StringPiece>& g) {
      if (!ends_word(g[1])) return;
      if (g[2].empty() && g[4].empty()) return;  // a bare "quý I" is a name, not a deadline
      auto it = quarters.find(Upper(std::string_view(g[3].data(), g[3].size())));
      if (it == quarters.end()) return;
      int y = g[4].empty() ? doc_year : Int(g[4]);
      int m = it->second * 3;
      Add(text, g[1], "period_end",
          y ? std::optional<std::string>(Iso(y, m, LastDayOfMonth(y, m))) : std::nullopt,
          std::nullopt, &dated);
    });
    maybe(2, *month, 5, [&](const std::vector<re2::StringPiece>& g) {
      std::size_t b = g[1].data() - text.data();
      std::size_t e = b + g[1].size();
      if (e < text.size() && (std::isdigit(static_cast<unsigned char>(text[e])) || text[e] == '/'))
        return;
      if (g[2].empty() && g[4].empty()) return;
      // "ngày 14 tháng 3 năm 2024" is a date, not a month.
      std::size_t k = b;
      while (k > 0 && text[k - 1] == ' ') --k;
      if (k > 0 && std::isdigit(static_cast<unsigned char>(text[k - 1]))) return;
      int m = Int(g[3]);
      if (m < 1 || m > 12) return;
      int y = g[4].empty() ? doc_year : Int(g[4]);
      Add(text, g[1], "period_end",
          y ? std::optional<std::string>(Iso(y, m, LastDayOfMonth(y, m))) : std::nullopt,
          std::nullopt, &dated);
    });
    maybe(6, *relative, 3, [&](const std::vector<re2::StringPiece>& g) {
      Add(text, g[1], "by", DaysAfter(doc_date, Int(g[2])), std::nullopt, &dated);
    });
    maybe(3, *year_part, 4, [&](const std::vector<re2::StringPiece>& g) {
      if (!ends_word(g[1])) return;
      auto it = part_month.find(Lower(std::string_view(g[2].data(), g[2].size())));
      if (it == part_month.end()) return;
      int y = g[3].empty() ? doc_year : Int(g[3]);
      int m = it->second;
      Add(text, g[1], "period_end",
          y ? std::optional<std::string>(Iso(y, m, LastDayOfMonth(y, m))) : std::nullopt,
          std::nullopt, &dated);
    });
    std::vector<DeadlineMatch> out;
    for (auto& d : dated)
      if (!inside_recurrence(d.begin)) out.push_back(std::move(d));
    for (auto& r : rec) out.push_back(std::move(r));
    std::sort(out.begin(), out.end(), [](const DeadlineMatch& a, const DeadlineMatch& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    // Drop matches nested in an earlier one ("trong quý I năm 2024" holds "quý I năm 2024").
    std::vector<DeadlineMatch> kept;
    for (auto& m : out) {
      if (!kept.empty() && m.begin < kept.back().end &&
          m.deadline.kind == kept.back().deadline.kind)
        continue;
      kept.push_back(std::move(m));
    }
    return kept;
  }
};

DeadlineFinder::DeadlineFinder(const RuleSet& rules) : impl_(std::make_unique<Impl>(rules)) {}
DeadlineFinder::~DeadlineFinder() = default;

std::vector<DeadlineMatch> DeadlineFinder::FindAll(std::string_view text, int doc_year,
                                                   std::string_view doc_date) const {
  return impl_->All(text, doc_year, doc_date);
}

std::optional<DeadlineMatch> DeadlineFinder::Find(std::string_view text, int doc_year,
                                                  std::string_view doc_date) const {
  return Pick(impl_->All(text, doc_year, doc_date));
}

std::optional<DeadlineMatch> DeadlineFinder::Pick(const std::vector<DeadlineMatch>& all) {
  for (const char* kind : {"by", "period_end", "recurring"})
    for (const auto& m : all)
      if (m.deadline.kind == kind) return m;
  return std::nullopt;
}

std::optional<std::string> DeadlineFinder::Recurrence(std::string_view text) const {
  for (const auto& m : impl_->All(text, 0, {}))
    if (m.recurrence) return m.recurrence;
  return std::nullopt;
}

}  // namespace vanban
