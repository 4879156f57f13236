#include "pipeline/page_layout.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <set>
#include <stdexcept>

#include "pipeline/vntext.h"

namespace vanban {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::string MapChars(std::string s, const std::vector<std::pair<std::string, std::string>>& map) {
  for (const auto& [from, to] : map)
    for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
  return s;
}

int Percentile(std::vector<int> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

// A letter or digit of Vietnamese text: ASCII, or a lead byte of Latin-1 Supplement /
// Latin Extended-A/B (U+00C0-U+01BF) or Latin Extended Additional (U+1E00-U+1EFF).
// Modifier letters OCR invents from specks ("ˆ" U+02C6) do not count.
bool IsTextByte(unsigned char c, unsigned char next) {
  return std::isalnum(c) || (c >= 0xC3 && c <= 0xC6) || (c == 0xE1 && (next == 0xBA || next == 0xBB || next == 0xB8 || next == 0xB9));
}

bool HasText(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (IsTextByte(static_cast<unsigned char>(s[i]), i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0))
      return true;
  return false;
}

Box Union(const std::vector<OcrWord>& words) {
  Box b{1 << 30, 1 << 30, -(1 << 30), -(1 << 30)};
  for (const auto& w : words) {
    b.x0 = std::min(b.x0, w.box.x0), b.y0 = std::min(b.y0, w.box.y0);
    b.x1 = std::max(b.x1, w.box.x1), b.y1 = std::max(b.y1, w.box.y1);
  }
  return b;
}

// A vertical gap splitting every line of [from, to) in two: its x, or nullopt.
std::optional<int> FindSplit(const std::vector<OcrLine>& lines, std::size_t from, std::size_t to, int left, int textw) {
  std::vector<std::pair<int, int>> iv;
  for (std::size_t i = from; i < to; ++i) iv.emplace_back(lines[i].box.x0, lines[i].box.x1);
  std::sort(iv.begin(), iv.end());
  int reach = iv.front().second;
  std::optional<int> best;
  int centre = left + textw / 2;
  for (std::size_t i = 1; i < iv.size(); ++i) {
    if (iv[i].first > reach + textw / 100) {
      int x = (reach + iv[i].first) / 2;
      if (x > left + textw / 5 && x < left + textw * 4 / 5 && (!best || std::abs(x - centre) < std::abs(*best - centre)))
        best = x;
    }
    reach = std::max(reach, iv[i].second);
  }
  return best;
}

// A header line where the issuer runs close to the motto ("BỘ KHOA HỌC VÀ CÔNG  CỘNG HÒA
// XÃ HỘI ..."): the two cells stand closer than step 1's split distance, yet the rows
// just above or below it are two lines side by side. The line is split at its word gap
// that lies in the gutter between those rows' columns, when that gap is clearly wider
// than the line's usual word spacing (2.5 times the median gap, and half a line high).
// Geometry only: no word is read.
void SplitAtGutter(std::vector<OcrLine>* lines_in, int textw, int line_h) {
  std::vector<OcrLine>& lines = *lines_in;
  auto narrow = [&](const OcrLine& l) { return l.box.Width() * 100 < textw * 70; };
  // Rows of two narrow lines side by side: their gutter, at the row's vertical centre.
  struct Gutter { int y, x0, x1; };
  std::vector<Gutter> gutters;
  for (std::size_t a = 0; a < lines.size(); ++a)
    for (std::size_t b = 0; b < lines.size(); ++b) {
      const Box &l = lines[a].box, &r = lines[b].box;
      int overlap = std::min(l.y1, r.y1) - std::max(l.y0, r.y0);
      if (a == b || l.x1 >= r.x0 || !narrow(lines[a]) || !narrow(lines[b]) ||
          overlap * 2 < std::min(l.Height(), r.Height()))
        continue;
      gutters.push_back({(l.y0 + l.y1 + r.y0 + r.y1) / 4, l.x1, r.x0});
    }
  if (gutters.empty()) return;
  std::vector<OcrLine> out;
  for (OcrLine& l : lines) {
    std::vector<int> gaps;
    for (std::size_t k = 1; k < l.words.size(); ++k) gaps.push_back(l.words[k].box.x0 - l.words[k - 1].box.x1);
    if (gaps.size() < 3) {
      out.push_back(std::move(l));
      continue;
    }
    // The nearest two-column row above and below, within three lines.
    int y = (l.box.y0 + l.box.y1) / 2;
    const Gutter *above = nullptr, *below = nullptr;
    for (const Gutter& g : gutters) {
      if (std::abs(g.y - y) > 3 * line_h || std::abs(g.y - y) * 2 < l.box.Height()) continue;
      const Gutter*& near = g.y < y ? above : below;
      if (!near || std::abs(g.y - y) < std::abs(near->y - y)) near = &g;
    }
    if (!above && !below) {
      out.push_back(std::move(l));
      continue;
    }
    int usual = std::max(1, Percentile(gaps, 0.5));
    std::optional<std::size_t> cut;
    for (std::size_t k = 1; k < l.words.size(); ++k) {
      int g0 = l.words[k - 1].box.x1, g1 = l.words[k].box.x0;
      bool in = true;
      for (const Gutter* g : {above, below})
        if (g) in &= g0 < g->x1 && g1 > g->x0;
      if (in && (g1 - g0) * 2 >= usual * 5 && (g1 - g0) * 2 >= line_h &&
          (!cut || g1 - g0 > l.words[*cut].box.x0 - l.words[*cut - 1].box.x1))
        cut = k;
    }
    if (!cut) {
      out.push_back(std::move(l));
      continue;
    }
    OcrLine right;
    right.words.assign(std::make_move_iterator(l.words.begin() + static_cast<std::ptrdiff_t>(*cut)),
                       std::make_move_iterator(l.words.end()));
    l.words.resize(*cut);
    l.box = Union(l.words);
    right.box = Union(right.words);
    out.push_back(std::move(l));
    out.push_back(std::move(right));
  }
  lines = std::move(out);
}

// UTF-8 code points of s.
std::vector<std::string> CodePoints(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// One letter or digit's folded form ("Ủ" -> 'u'), or 0 for anything else.
char FoldedLetter(const std::string& cp) {
  if (cp.size() == 1) return std::isalnum(static_cast<unsigned char>(cp[0])) ? static_cast<char>(std::tolower(cp[0])) : 0;
  std::string f = Fold(cp);
  return f.size() == 1 && std::isalpha(static_cast<unsigned char>(f[0])) ? f[0] : 0;
}

// A line that ends a sentence or a list item: its last mark, past closing quotes and
// brackets, is one of . ; : ! ? (and "./." that closes a document).
bool EndsSentence(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\'' || s.back() == ')')) s.remove_suffix(1);
  for (std::string_view q : {"”", "’", "»"})
    while (s.size() >= q.size() && s.substr(s.size() - q.size()) == q) {
      s.remove_suffix(q.size());
      while (!s.empty() && (s.back() == '"' || s.back() == ')')) s.remove_suffix(1);
    }
  return !s.empty() && std::strchr(".;:!?", s.back()) != nullptr;
}

// A number or symbol broken at the end of a line ("203/2025/" | "QH15;", "05/2024/TT-" |
// "TTCP"): the line's last word holds a digit and ends with '/' or '-'. The line after
// goes on without a space.
bool EndsInBrokenSymbol(std::string_view s) {
  if (s.empty() || (s.back() != '/' && s.back() != '-')) return false;
  std::size_t sp = s.rfind(' ');
  std::string_view w = sp == std::string_view::npos ? s : s.substr(sp + 1);
  return w.size() > 1 && HasDigit(w);
}

}  // namespace

PageLayout::PageLayout(const RuleSet& rules) {
  const YAML::Node& f = rules.File("ocr");
  if (!f) throw std::runtime_error("rules/ocr.yaml is missing");
  if (f["min_field_confidence"]) min_conf_ = f["min_field_confidence"].as<int>();
  digit_ = rules.Pairs("ocr", "digit_lookalikes");
  letter_ = rules.Pairs("ocr", "letter_lookalikes");
  symbol_ = rules.Pairs("ocr", "symbol_repairs");
  for (const auto& [code, name] : rules.Pairs("issuers", "codes")) codes_.insert(code);
  if (const YAML::Node& types = rules.File("doc_types")["types"])
    for (const auto& t : types)
      for (const auto& c : t["codes"]) codes_.insert(c.as<std::string>());
  if (const YAML::Node& m = f["code_lookalikes"])
    for (const auto& kv : m) code_lookalikes_.emplace_back(kv.first.as<std::string>(), kv.second.as<std::vector<std::string>>());
  code_strays_ = rules.Strings("ocr", "code_strays");
  for (const auto& c : rules.Strings("issuers", "with_term")) term_codes_.insert(c);
  page_number_ = std::make_unique<re2::RE2>(f["page_number_regex"].as<std::string>());
  paragraph_start_ = std::make_unique<re2::RE2>(f["paragraph_start_regex"].as<std::string>());
  if (!page_number_->ok() || !paragraph_start_->ok())
    throw std::runtime_error("rules/ocr.yaml: a bad pattern");
  recipients_ = rules.Strings("layout", "recipients_folded");
  article_heads_ = rules.Strings("ocr", "article_heads");
  // The closed vocabulary of header phrases. One word alone ("SỞ", "BỘ") is too easily
  // another word read wrong ("SỐ"): phrases of two words or more, six letters or more.
  std::vector<std::string> list = rules.Strings("ocr", "header_phrases");
  for (const auto& [head, normal] : rules.Pairs("bodies", "heads")) list.push_back(normal);
  for (const auto& p : rules.Strings("header", "positions")) list.push_back(p);
  for (const auto& [code, name] : rules.Pairs("issuers", "codes")) list.push_back(name);
  for (const auto& n : rules.Strings("issuers", "names")) list.push_back(n);
  // A body and its administrative level ("UBND tỉnh", "Ủy ban nhân dân huyện").
  for (const auto& head : rules.Strings("ocr", "level_heads"))
    for (const auto& level : rules.Strings("bodies", "levels")) list.push_back(head + " " + level);
  if (const YAML::Node& types = rules.File("doc_types")["types"])
    for (const auto& t : types)
      for (const auto& w : t["words"]) list.push_back(w.as<std::string>());
  std::set<std::string> seen;
  for (const std::string& text : list) {
    Phrase p;
    for (const std::string& w : SplitWords(text)) {
      int letters = 0;
      for (const std::string& cp : CodePoints(w))
        if (char f = FoldedLetter(cp)) p.skeleton += f, ++letters;
      p.words.emplace_back(w, letters);
    }
    if (p.words.size() < 2 || p.skeleton.size() < 6 || !seen.insert(Upper(text)).second) continue;
    phrases_.push_back(std::move(p));
  }
  std::stable_sort(phrases_.begin(), phrases_.end(),
                   [](const Phrase& a, const Phrase& b) { return a.skeleton.size() > b.skeleton.size(); });
}

void PageLayout::RepairPhrases(OcrLine* line) const {
  std::vector<OcrWord>& words = line->words;
  // Per word: its folded letters, and for each letter whether it was printed upper case.
  struct Letters { std::string folded; std::vector<bool> upper; bool trailing_punct = false; };
  std::vector<Letters> info(words.size());
  for (std::size_t k = 0; k < words.size(); ++k) {
    std::vector<std::string> cps = CodePoints(words[k].text);
    std::size_t last_letter = 0;
    for (std::size_t c = 0; c < cps.size(); ++c)
      if (char f = FoldedLetter(cps[c])) {
        info[k].folded += f;
        info[k].upper.push_back(Lower(cps[c]) != cps[c]);
        last_letter = c + 1;
      }
    info[k].trailing_punct = !info[k].folded.empty() && last_letter < cps.size();
  }
  std::vector<OcrWord> out;
  for (std::size_t k = 0; k < words.size();) {
    if (info[k].folded.empty()) {
      out.push_back(words[k++]);
      continue;
    }
    bool done = false;
    for (const Phrase& p : phrases_) {
      // Words k..e-1 whose letters together are the phrase's; punctuation may stand inside
      // a word ("Phó,chủ") but a word ending in punctuation ends the run ("tịch," "các").
      std::string acc;
      std::size_t e = k;
      while (e < words.size() && acc.size() < p.skeleton.size()) {
        acc += info[e].folded;
        ++e;
        if (acc.size() < p.skeleton.size() && info[e - 1].trailing_punct) break;
      }
      if (acc != p.skeleton) continue;
      // The phrase's words, in the printed case of the letters they stand for.
      std::vector<bool> upper;
      std::string printed;
      for (std::size_t m = k; m < e; ++m) {
        upper.insert(upper.end(), info[m].upper.begin(), info[m].upper.end());
        printed += (m > k ? " " : "") + words[m].text;
      }
      std::vector<std::string> repl;
      std::size_t at = 0;
      for (const auto& [w, n] : p.words) {
        bool all = n > 0, first = n > 0 && upper[at];
        for (int c = 0; c < n; ++c) all = all && upper[at + c];
        std::string low = Lower(w);
        if (all) repl.push_back(Upper(w));
        else if (first) {
          std::vector<std::string> cps = CodePoints(low);
          if (!cps.empty()) cps[0] = Upper(cps[0]);
          std::string cap;
          for (const auto& c : cps) cap += c;
          repl.push_back(cap);
        } else {
          repl.push_back(low);
        }
        at += n;
      }
      // What followed the last letter of the run ("tịch:") stays.
      std::vector<std::string> last = CodePoints(words[e - 1].text);
      std::size_t tail = last.size();
      while (tail > 0 && !FoldedLetter(last[tail - 1])) --tail;
      for (std::size_t c = tail; c < last.size(); ++c) repl.back() += last[c];
      // ... and what came before the first ("(Ủy").
      std::vector<std::string> first = CodePoints(words[k].text);
      std::string lead;
      for (std::size_t c = 0; c < first.size() && !FoldedLetter(first[c]); ++c) lead += first[c];
      repl.front() = lead + repl.front();
      std::string joined;
      for (const auto& r : repl) joined += (joined.empty() ? "" : " ") + r;
      if (joined == printed) {  // already right: leave the words (and boxes) alone
        out.insert(out.end(), words.begin() + static_cast<long>(k), words.begin() + static_cast<long>(e));
        k = e;
        done = true;
        break;
      }
      std::vector<OcrWord> span(words.begin() + static_cast<long>(k), words.begin() + static_cast<long>(e));
      Box b = Union(span);
      float conf = 100;
      for (const auto& w : span) conf = std::min(conf, w.confidence);
      for (auto& r : repl) out.push_back({std::move(r), b, conf});
      k = e;
      done = true;
      break;
    }
    if (!done) out.push_back(words[k++]);  // no phrase starts here
  }
  words = std::move(out);
}

std::string PageLayout::RepairPhrases(const std::string& text) const {
  OcrLine l;
  for (const auto& w : SplitWords(text)) l.words.push_back({w, Box{}, 100});
  RepairPhrases(&l);
  std::string s;
  for (const auto& w : l.words) s += (s.empty() ? "" : " ") + w.text;
  return s;
}

PageLayout::~PageLayout() = default;

bool PageLayout::KnownCode(const std::string& part) const {
  if (codes_.count(part)) return true;
  // A code with its term ("QH15", "UBTVQH15"): two digits after such a code.
  std::size_t d = part.size();
  while (d > 0 && std::isdigit(static_cast<unsigned char>(part[d - 1]))) --d;
  return part.size() - d == 2 && term_codes_.count(part.substr(0, d));
}

std::string PageLayout::MendCode(const std::string& part) const {
  if (part.size() < 2 || KnownCode(part)) return part;
  // A code is written in plain letters and Đ: another accented letter is a speck read
  // into it ("HŨU"), taken as its plain letter.
  std::vector<std::string> cps;
  for (std::string& cp : CodePoints(part)) {
    char f = cp.size() > 1 && Fold(cp) != "d" ? FoldedLetter(cp) : 0;
    cps.push_back(!f ? cp : std::string(1, Upper(cp) == cp ? static_cast<char>(std::toupper(f)) : f));
  }
  std::set<std::string> found;
  auto join = [&](std::size_t skip, const std::string* put) {
    std::string s;
    for (std::size_t i = 0; i < cps.size(); ++i) s += i != skip ? cps[i] : put ? *put : std::string();
    return s;
  };
  for (std::size_t i = 0; i < cps.size(); ++i) {
    for (const auto& [from, tos] : code_lookalikes_)
      if (cps[i] == from)
        for (const std::string& to : tos)
          if (std::string c = join(i, &to); KnownCode(c)) found.insert(c);
    bool stray = std::find(code_strays_.begin(), code_strays_.end(), cps[i]) != code_strays_.end();
    if (stray || (i > 0 && cps[i] == cps[i - 1]))
      if (std::string c = join(i, nullptr); KnownCode(c)) found.insert(c);
  }
  return found.size() == 1 ? *found.begin() : part;
}

std::string PageLayout::RepairToken(const std::string& token) const {
  // Leading "(" and trailing punctuation stay as they are.
  std::size_t b = 0, e = token.size();
  while (b < e && token[b] == '(') ++b;
  while (e > b && std::strchr(".,;:)", token[e - 1])) --e;
  std::string core = token.substr(b, e - b);
  std::size_t sep = core.find_first_of("/-");
  if (sep == std::string::npos || sep + 1 >= core.size()) return token;
  std::string number = core.substr(0, sep);
  std::string mapped = MapChars(number, digit_);
  if (!(number.empty() && core[0] == '/') && !(HasDigit(number) && AllDigits(mapped))) return token;
  std::string rest = core.substr(sep + 1);
  // The symbol: parts between '-' and '/'.
  std::string out = mapped + core[sep];
  std::size_t start = 0;
  bool any_letter = false;
  while (start <= rest.size()) {
    std::size_t end = rest.find_first_of("/-", start);
    if (end == std::string::npos) end = rest.size();
    std::string part = rest.substr(start, end - start);
    bool letters = std::any_of(part.begin(), part.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80); });
    any_letter |= letters;
    // A part mostly of digits ("2O16") is a number read with look-alike letters; a part
    // of letters ("UBND", "Q0") a code read with a look-alike digit.
    std::size_t digits = std::count_if(part.begin(), part.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (digits * 2 > part.size() && AllDigits(MapChars(part, digit_))) part = MapChars(part, digit_);
    else if (letters && !AllDigits(part)) part = MapChars(part, letter_);
    for (const auto& [from, to] : symbol_)
      if (part == from) part = to;
    if (letters && !AllDigits(part)) part = MendCode(part);
    out += part;
    if (end < rest.size()) out += rest[end];
    start = end + 1;
  }
  if (!any_letter) return token;
  return token.substr(0, b) + out + token.substr(e);
}

std::string PageLayout::LineText(const OcrLine& line, bool ocr,
                                 std::vector<std::pair<std::size_t, std::string>>* uncertain) const {
  std::string s;
  std::vector<float> conf;  // per byte
  for (const OcrWord& w : line.words) {
    if (!s.empty()) s += ' ', conf.push_back(100);
    std::string t = ocr ? RepairToken(w.text) : w.text;
    s += t;
    conf.insert(conf.end(), t.size(), w.confidence);
  }
  if (!ocr) return s;
  auto low = [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i)
      if (conf[i] < static_cast<float>(min_conf_)) return true;
    return false;
  };
  // Blank spans, applied right to left at the end: {begin, end, replacement}.
  struct Cut { std::size_t b, e; std::string with; std::string field; };
  std::vector<Cut> cuts;
  // "Số: 68 /QĐ-UBND", "Số 12-CV/HU" (the Party's form): the number.
  static const RE2 kNumber(R"(^((?i:số|so)\s*[:.]?\s*)([^-/\s]*(?:\s[^-/\s]+)?)\s*(/\S|-[^\s/]+/))");
  re2::StringPiece in(s), m[4];
  if (kNumber.Match(in, 0, s.size(), RE2::ANCHOR_START, m, 4) && !m[2].empty()) {
    std::size_t b = m[2].data() - s.data(), e = b + m[2].size();
    std::string digits = MapChars(std::string(m[2].data(), m[2].size()), digit_);
    digits.erase(std::remove(digits.begin(), digits.end(), ' '), digits.end());
    // Digits, or digits with one dot between them ("66.9/2025/NQ-CP").
    std::size_t dot = digits.find('.');
    bool number = dot == std::string::npos ? AllDigits(digits)
                                           : AllDigits(digits.substr(0, dot)) && AllDigits(digits.substr(dot + 1));
    if (number && digits.size() <= 5 && !low(b, e))
      cuts.push_back({b, e, digits, ""});
    else
      cuts.push_back({b, e, "", "number"});
  }
  // "ngày 10 tháng 01 năm 2024": day, month, year.
  static const RE2 kDate(R"((?i:ngày)\s+(?:(\S+)\s+)??(?i:tháng)\s+(?:(\S+)\s+)??(?i:năm)\s+(\S+?)[.,;]?(?:\s|$))");
  re2::StringPiece d[4];
  if (kDate.Match(in, 0, s.size(), RE2::UNANCHORED, d, 4)) {
    auto bad = [&](const re2::StringPiece& g, std::size_t max_digits, std::size_t min_digits) {
      if (g.data() == nullptr || g.empty()) return false;
      std::size_t b = g.data() - s.data();
      std::string v = MapChars(std::string(g.data(), g.size()), digit_);
      return !AllDigits(v) || v.size() > max_digits || v.size() < min_digits || low(b, b + g.size());
    };
    bool year = bad(d[3], 4, 4), month = year || bad(d[2], 2, 1), day = month || bad(d[1], 2, 1);
    const re2::StringPiece* groups[] = {&d[1], &d[2], &d[3]};
    bool drop[] = {day, month, year};
    for (int i = 2; i >= 0; --i) {
      const re2::StringPiece& g = *groups[i];
      if (g.data() == nullptr || g.empty()) continue;
      std::size_t b = g.data() - s.data();
      std::string v = MapChars(std::string(g.data(), g.size()), digit_);
      if (drop[i]) cuts.push_back({b, b + g.size(), "", "date"});
      else if (AllDigits(v)) cuts.push_back({b, b + g.size(), v, ""});
    }
  }
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.b > b.b; });
  for (Cut c : cuts) {
    // A blanked value takes one of its surrounding spaces with it: "Số: /QĐ-UBND".
    if (c.with.empty() && c.b > 0 && s[c.b - 1] == ' ' && c.e < s.size() && s[c.e] == ' ') ++c.e;
    s.replace(c.b, c.e - c.b, c.with);
    if (!c.field.empty()) {
      for (auto& u : *uncertain)
        if (u.first > c.b) u.first -= (c.e - c.b) - c.with.size();
      uncertain->emplace_back(c.b, c.field);
    }
  }
  return s;
}

std::vector<OcrLine> PageLayout::GroupWords(std::vector<OcrWord> words) {
  std::sort(words.begin(), words.end(), [](const OcrWord& a, const OcrWord& b) {
    return a.box.y0 + a.box.y1 < b.box.y0 + b.box.y1;
  });
  std::vector<OcrLine> lines;
  for (OcrWord& w : words) {
    if (w.text.empty()) continue;
    OcrLine* home = nullptr;
    for (std::size_t k = lines.size(); k > 0 && k + 4 > lines.size(); --k) {
      Box& lb = lines[k - 1].box;
      int overlap = std::min(lb.y1, w.box.y1) - std::max(lb.y0, w.box.y0);
      if (overlap * 2 >= std::min(lb.Height(), w.box.Height())) {
        home = &lines[k - 1];
        break;
      }
    }
    if (!home) {
      lines.emplace_back();
      home = &lines.back();
      home->box = w.box;
    }
    home->box.x0 = std::min(home->box.x0, w.box.x0), home->box.x1 = std::max(home->box.x1, w.box.x1);
    home->box.y0 = std::min(home->box.y0, w.box.y0), home->box.y1 = std::max(home->box.y1, w.box.y1);
    home->words.push_back(std::move(w));
  }
  for (OcrLine& l : lines)
    std::sort(l.words.begin(), l.words.end(), [](const OcrWord& a, const OcrWord& b) { return a.box.x0 < b.box.x0; });
  return lines;
}

PageText PageLayout::Lay(std::vector<OcrLine> input, int width, int height, bool ocr) const {
  PageText out;
  // 1. Lines split where words stand far apart (two columns on one line).
  std::vector<OcrLine> lines;
  for (OcrLine& l : input) {
    std::sort(l.words.begin(), l.words.end(), [](const OcrWord& a, const OcrWord& b) { return a.box.x0 < b.box.x0; });
    std::vector<int> hs;
    for (const auto& w : l.words) hs.push_back(w.box.Height());
    int h = std::max(1, Percentile(hs, 0.5));
    OcrLine cur;
    for (OcrWord& w : l.words) {
      if (w.text.empty()) continue;
      // OCR specks between columns ("ˆ", "~"): no letter or digit and not punctuation a
      // document uses (bullets, brackets).
      if (ocr) {
        bool alnum = HasText(w.text), punct = true;
        for (unsigned char c : w.text) punct &= c < 0x80 && std::strchr("-+.,;:()/*\"'", c) != nullptr;
        if (!alnum && !punct) continue;
      }
      if (!cur.words.empty() && w.box.x0 - cur.words.back().box.x1 > std::max(3 * h / 2, width / 40)) {
        cur.box = Union(cur.words);
        lines.push_back(std::move(cur));
        cur = OcrLine();
      }
      cur.words.push_back(std::move(w));
    }
    if (!cur.words.empty()) {
      cur.box = Union(cur.words);
      lines.push_back(std::move(cur));
    }
  }
  // OCR noise: a signature or seal read as "~", "TA", "“7N", "ăn.": lines with no letter
  // or digit, or short ones Tesseract itself doubts (printed words read at 90 and more).
  // A short doubtful line at the left margin right under a line of body text is kept
  // (below): the end of a paragraph ("tế.”.", "I);") is not a scribble.
  auto doubtful = [](const OcrLine& l) {
    float best = 0;
    std::size_t letters = 0;  // letters and digits, not bytes
    for (const auto& w : l.words) {
      best = std::max(best, w.confidence);
      for (const std::string& cp : CodePoints(w.text)) letters += FoldedLetter(cp) != 0;
    }
    return (letters <= 3 && best < 80) || (letters <= 6 && best < 60) || best < 30;
  };
  if (ocr) {
    std::erase_if(lines, [](const OcrLine& l) {
      return std::none_of(l.words.begin(), l.words.end(), [](const OcrWord& w) { return HasText(w.text); });
    });
  }
  if (ocr) {
    // "Điêu 2." -> "Điều 2.": an article head with a wrong tone, a number after it.
    static const RE2 kArticleNumber(R"(^[\dIVXLC]+[a-zđ]?[.:]?$)");
    for (OcrLine& l : lines) {
      if (l.words.size() < 2 || !RE2::FullMatch(l.words[1].text, kArticleNumber)) continue;
      std::string& w = l.words[0].text;
      for (const std::string& head : article_heads_)
        if (w != head && Fold(w) == Fold(head)) {
          w = IsAllUpper(w) && CodePoints(w).size() > 1 ? Upper(head) : head;
          break;
        }
    }
  }
  if (lines.empty()) return out;
  std::stable_sort(lines.begin(), lines.end(), [](const OcrLine& a, const OcrLine& b) {
    return a.box.y0 + a.box.y1 < b.box.y0 + b.box.y1;
  });
  // 2. Page numbers at the top or foot.
  auto text_of = [](const OcrLine& l) {
    std::string s;
    for (const auto& w : l.words) s += (s.empty() ? "" : " ") + w.text;
    return s;
  };
  // The first and last lines that are surely text (a speck may stand above the number).
  auto sure = [&](const OcrLine& l) { return !ocr || !doubtful(l); };
  if (auto top = std::find_if(lines.begin(), lines.end(), sure);
      top != lines.end() && RE2::FullMatch(text_of(*top), *page_number_))
    lines.erase(top);
  if (auto foot = std::find_if(lines.rbegin(), lines.rend(), sure);
      foot != lines.rend() && RE2::FullMatch(text_of(*foot), *page_number_))
    lines.erase(std::next(foot).base());
  if (lines.empty()) return out;
  // 3. The text area (from the lines that are surely text).
  std::vector<char> doubt(lines.size(), 0);
  if (ocr)
    for (std::size_t k = 0; k < lines.size(); ++k) doubt[k] = doubtful(lines[k]);
  std::vector<int> x0s, x1s, heights;
  for (std::size_t k = 0; k < lines.size(); ++k)
    if (!doubt[k] || std::all_of(doubt.begin(), doubt.end(), [](char d) { return d; }))
      x0s.push_back(lines[k].box.x0), x1s.push_back(lines[k].box.x1), heights.push_back(lines[k].box.Height());
  int left = Percentile(x0s, 0.05), right = Percentile(x1s, 0.95);
  int textw = std::max(1, right - left);
  // The body's right margin: where the wide lines end (header columns may stick out).
  // ... and its left margin where they start: a header table's cells may reach past the
  // margin on the left too ("V/v" subject lines filling the issuer's cell), and a margin
  // set by them would make every body line look indented (a paragraph each).
  std::vector<int> wide_x0, wide_x1;
  for (std::size_t k = 0; k < lines.size(); ++k)
    if (!doubt[k] && lines[k].box.Width() * 10 > textw * 6)
      wide_x0.push_back(lines[k].box.x0), wide_x1.push_back(lines[k].box.x1);
  if (!wide_x1.empty()) right = Percentile(wide_x1, 0.5);
  if (wide_x0.size() >= 3) left = std::max(left, Percentile(wide_x0, 0.25));
  // The page's line height: a line of digits without accents ("62/2025/QH15;") is
  // shorter than one of Vietnamese words, and its own height would make an ordinary
  // line gap look like a paragraph break.
  int page_line_h = std::max(1, Percentile(heights, 0.5));
  auto full = [&](const OcrLine& l) { return l.box.x1 >= right - textw * 6 / 100; };
  auto flush_left = [&](const OcrLine& l) { return l.box.x0 <= left + textw * 3 / 100; };
  {
    std::vector<OcrLine> kept;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      if (doubt[k]) {
        const OcrLine* above = kept.empty() ? nullptr : &kept.back();
        bool tail = above && flush_left(lines[k]) && full(*above) && !above->words.empty() &&
                    lines[k].box.y0 - above->box.y1 <= page_line_h;
        if (!tail) continue;
      }
      kept.push_back(std::move(lines[k]));
    }
    lines = std::move(kept);
  }
  if (lines.empty()) return out;
  SplitAtGutter(&lines, textw, page_line_h);
  int centre = left + textw / 2;
  (void)height;
  // 4. Blocks: two-column runs, and paragraphs of the rest.
  std::string& t = out.text;
  double conf_sum = 0;
  for (const auto& l : lines)
    for (const auto& w : l.words) conf_sum += w.confidence, ++out.words;
  out.mean_confidence = out.words ? conf_sum / static_cast<double>(out.words) : 0;
  auto emit_line = [&](const OcrLine& l) {
    std::vector<std::pair<std::size_t, std::string>> u;
    std::string s = LineText(l, ocr, &u);
    for (auto& [off, field] : u) out.uncertain.emplace_back(t.size() + off, field);
    t += s;
  };
  auto narrow = [&](const OcrLine& l) { return l.box.Width() * 100 < textw * 70; };
  const OcrLine* prev = nullptr;  // last line of the open paragraph
  bool in_recipients = false;     // inside the "Kính gửi" list
  for (std::size_t i = 0; i < lines.size();) {
    std::size_t j = i;
    std::optional<int> split;
    // A line centred on the page ("Kính gửi:", a type name) is never part of a column.
    auto centred = [&](const OcrLine& l) { return std::abs((l.box.x0 + l.box.x1) / 2 - centre) * 100 < textw * 4; };
    while (j < lines.size() && narrow(lines[j]) && !centred(lines[j])) {
      std::optional<int> s = j > i ? FindSplit(lines, i, j + 1, left, textw) : std::optional<int>(0);
      if (!s) break;
      if (j > i) split = s;
      ++j;
    }
    if (j - i >= 2 && split) {
      std::vector<const OcrLine*> l, r;
      for (std::size_t k = i; k < j; ++k) (lines[k].box.x1 <= *split ? l : r).push_back(&lines[k]);
      bool side_by_side = false;
      for (const OcrLine* a : l)
        for (const OcrLine* b : r)
          side_by_side |= std::min(a->box.y1, b->box.y1) > std::max(a->box.y0, b->box.y0);
      if (side_by_side) {
        // The columns are established; the lines that follow close below them belong to
        // one column each even where no single gap splits the whole block (a subject
        // "V/v ..." under the number reaches under the place-date line): each goes to
        // the side its centre is on, as long as it is narrow, not centred on the page,
        // and no further below the block than about a line and a half.
        std::vector<int> hs;
        for (std::size_t k = i; k < j; ++k) hs.push_back(lines[k].box.Height());
        int h = std::max(1, Percentile(hs, 0.5));
        int bottom = 0;
        for (std::size_t k = i; k < j; ++k) bottom = std::max(bottom, lines[k].box.y1);
        while (j < lines.size() && narrow(lines[j]) && !centred(lines[j]) && lines[j].box.y0 - bottom <= h * 3 / 2) {
          (lines[j].box.x0 + lines[j].box.x1 < 2 * *split ? l : r).push_back(&lines[j]);
          bottom = std::max(bottom, lines[j].box.y1);
          ++j;
        }
        for (const auto* column : {&l, &r}) {
          if (!t.empty()) t += "\n\n";
          bool in_item = false;  // the line before opened or continued a "- ..." item
          // A number wrapped in a narrow column is one line, as the text has it: a symbol
          // broken at '/' or '-' ("Số: 105/2025/" | "UBTVQH15") is one word again, so its
          // look-alikes are repaired whole; a line of it ending in a spaced dash ("Số:
          // 102/2025/NQLT -" | "UBTVQH15 - CP -") goes on after a space.
          std::vector<OcrLine> col;
          for (const OcrLine* c : *column) {
            if (!col.empty() && !c->words.empty() && !col.back().words.empty()) {
              OcrLine& above = col.back();
              OcrWord& last = above.words.back();
              bool number_line = std::any_of(above.words.begin(), above.words.end(), [](const OcrWord& w) {
                return HasDigit(w.text) && w.text.find('/') != std::string::npos;
              });
              std::size_t from = 0;
              if (EndsInBrokenSymbol(last.text)) {
                last.text += c->words.front().text;
                last.box.x1 = std::max(last.box.x1, c->words.front().box.x1);
                last.confidence = std::min(last.confidence, c->words.front().confidence);
                from = 1;
              } else if (!(number_line && last.text == "-")) {
                col.push_back(*c);
                continue;
              }
              above.words.insert(above.words.end(), c->words.begin() + static_cast<std::ptrdiff_t>(from), c->words.end());
              above.box = Union(above.words);
              continue;
            }
            col.push_back(*c);
          }
          for (std::size_t k = 0; k < col.size(); ++k) {
            OcrLine repaired = col[k];
            if (ocr) RepairPhrases(&repaired);
            std::string line = text_of(repaired);
            bool opens = RE2::PartialMatch(line, *paragraph_start_);
            // A list item wrapped in a narrow column ("- Chủ tịch, các Phó CT UBND" /
            // "tỉnh;") is one line, as the text path has it.
            if (k && in_item && !opens && !IsAllUpper(line)) t += ' ';
            else if (k) t += '\n';
            if (opens) in_item = line[0] == '-' || line[0] == '+' || line.rfind("•", 0) == 0 || line.rfind("–", 0) == 0;
            if (!line.empty() && std::strchr(";.:", line.back())) in_item = false;
            emit_line(repaired);
          }
        }
        prev = nullptr;
        in_recipients = false;
        i = j;
        continue;
      }
    }
    const OcrLine& l = lines[i];
    std::string line_text = text_of(l);
    bool opens_paragraph = RE2::PartialMatch(line_text, *paragraph_start_);
    // A new paragraph (blank line) after vertical space or at a first-line indent under a
    // full line of body text; other line breaks (a list, a centred title over two lines)
    // stay single.
    int line_h = std::max(page_line_h, l.box.Height());
    bool space_above = prev && l.box.y0 - prev->box.y1 > line_h * 8 / 10;
    bool prev_wide = prev && full(*prev) && flush_left(*prev);
    // An indent is a centimetre or so; a line starting further in is centred, not indented
    // (the short last line of a centred title whose first line looks full).
    bool indent = l.box.x0 > left + textw * 3 / 100 && l.box.x0 <= left + textw * 12 / 100 && prev_wide;
    bool spaced = !prev || space_above || indent;
    // A line continues the paragraph above (no space between them) when that one runs to
    // the right margin (justified text), or when it ends no sentence and this line's first
    // word would not have fitted in the room left at its end (text set ragged, or a long
    // citation symbol pushed to the next line): a break no writer would make.
    bool continues = false, glued = false;
    // A centred line that nearly fills the measure (a title's last line) is set in from
    // both margins by about as much; a justified line runs to the right margin, only a
    // paragraph's first line is set in on the left. Under a centred line, a line at the
    // left margin opens the body ("Căn cứ ..."), it does not go on with the title.
    auto centred_wide = [&](const OcrLine& p) {
      int in_l = p.box.x0 - left, in_r = right - p.box.x1;
      return in_l > textw * 2 / 100 && in_r > textw * 2 / 100 &&
             std::abs(in_l - in_r) * 10 < std::max(in_l, in_r) * 4;
    };
    if (prev && !l.words.empty() && flush_left(l) && !opens_paragraph && !space_above && !centred_wide(*prev)) {
      std::string prev_text = text_of(*prev);
      int space = std::max(1, page_line_h / 3);
      continues = !IsAllUpper(prev_text) &&
                  (full(*prev) || (!EndsSentence(prev_text) &&
                                   l.words.front().box.Width() + space >= right - prev->box.x1));
      glued = continues && EndsInBrokenSymbol(prev_text);
    }
    // A centred title wrapped over lines ("... cải cách hành chính năm" / "2023 và triển
    // khai ..."): both lines centred, both in mixed case or both in capitals, the first
    // ending no sentence, and the next line's first word would not have fitted beside it
    // within the text width (a type name over its title is far too short for that).
    if (!continues && prev && !l.words.empty() && !opens_paragraph && centred(*prev) && centred(l) && !flush_left(l) &&
        l.box.y0 - prev->box.y1 <= page_line_h * 8 / 10) {
      std::string prev_text = text_of(*prev);
      int space = std::max(1, page_line_h / 3);
      continues = IsAllUpper(prev_text) == IsAllUpper(line_text) && !EndsSentence(prev_text) &&
                  prev->box.Width() + space + l.words.front().box.Width() >= (right - left) * 94 / 100;
    }
    // The page's first line, for joining pages (OcrReader::JoinPages): body text at the
    // left margin that opens no list item, article or heading.
    if (t.empty()) out.first_flush = flush_left(l) && !opens_paragraph;
    // A symbol broken at the end of the line above is one word again ("203/2025/" +
    // "QHI15;"), so that its look-alikes are repaired whole: the part already written is
    // taken back and written again with this line's first word.
    OcrLine joined;
    if (continues && glued) {
      std::size_t cut = t.find_last_of(" \n");
      t.erase(cut == std::string::npos ? 0 : cut + 1);
      joined = l;
      OcrWord& first = joined.words.front();
      first.text = prev->words.back().text + first.text;
      first.confidence = std::min(first.confidence, prev->words.back().confidence);
    }
    const OcrLine& line = glued ? joined : l;
    if (continues) t += glued ? "" : " ";
    else if (!t.empty()) t += spaced ? "\n\n" : "\n";
    // The "Kính gửi" list names bodies: a header field, repaired like the columns; it
    // ends at the first new paragraph that is not one of its items.
    std::string folded = Fold(line_text);
    bool opens = std::any_of(recipients_.begin(), recipients_.end(),
                             [&](const std::string& r) { return folded.rfind(r, 0) == 0; });
    if (opens) in_recipients = true;
    else if (in_recipients && spaced && !opens_paragraph) in_recipients = false;
    if (ocr && in_recipients) {
      OcrLine repaired = line;
      RepairPhrases(&repaired);
      emit_line(repaired);
    } else {
      emit_line(line);
    }
    prev = &l;
    ++i;
  }
  // The page's last line, for joining pages: body text that ends no sentence.
  if (prev && prev == &lines.back()) {
    std::string last = text_of(*prev);
    out.last_open = !EndsSentence(last) && !IsAllUpper(last);
    out.last_full = out.last_open && full(*prev);
    out.last_broken = out.last_open && EndsInBrokenSymbol(last);
  }
  return out;
}

}  // namespace vanban
