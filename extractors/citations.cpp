#include "extractors/citations.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <span>

#include "extractors/citation_key.h"
#include "extractors/dates.h"
#include "pipeline/normalize.h"
#include "pipeline/vntext.h"

namespace vanban {
namespace {

// One place in the text where a document is cited; several mentions make one Citation.
struct Mention {
  std::size_t begin = 0;     // type word (or number) start
  std::size_t core_end = 0;  // end of the number/symbol or title
  std::size_t end = 0;       // end of the whole phrase (date, "của" issuer)
  int depth = 0;             // parenthesis depth at begin
  Citation c;
  std::string group;  // mentions with the same group are one document
  std::string sep;    // "/" or "-" between number and symbol
  bool backref = false;
};

struct TitledType {
  std::string word, type;
  bool law = false, lower_needs_period = false;
};

struct Trigger {
  std::string folded;
  std::string relation;
  bool through_tai = false;
};

struct KnownDocument {
  std::unique_ptr<RE2> pattern;
  Citation c;
  std::string key_symbol;
};

bool IsWordChar(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Folded text ends with the folded phrase as whole words.
bool EndsWithWords(const std::string& folded, const std::string& phrase) {
  if (phrase.empty() || folded.size() < phrase.size()) return false;
  if (folded.compare(folded.size() - phrase.size(), phrase.size(), phrase) != 0) return false;
  return folded.size() == phrase.size() ||
         !IsWordChar(static_cast<unsigned char>(folded[folded.size() - phrase.size() - 1]));
}


// text.rfind('\n', pos), through memrchr (string_view::rfind reads byte by byte).
std::size_t RFindNewline(std::string_view text, std::size_t pos) {
  if (text.empty()) return std::string_view::npos;
  const std::size_t n = std::min(pos, text.size() - 1) + 1;
  const void* p = memrchr(text.data(), '\n', n);
  return p ? static_cast<const char*>(p) - text.data() : std::string_view::npos;
}

std::string FoldTrim(std::string_view s) { return Trim(Fold(s), ",;:()“”\""); }

bool StartsWithDigit(std::string_view s) {
  return !s.empty() && std::isdigit(static_cast<unsigned char>(s[0]));
}

}  // namespace

struct CitationExtractor::Impl {
  explicit Impl(const RuleSet& rules)
      : keys(rules),
        bodies(rules),
        numbered(rules.File("citations")["numbered_regex"].as<std::string>()),
        period(rules.File("citations")["period_regex"].as<std::string>()),
        year(rules.File("citations")["year_regex"].as<std::string>()),
        alias(rules.File("citations")["alias_regex"].as<std::string>()),
        backref(rules.File("citations")["backref_regex"].as<std::string>()),
        issued_before(rules.File("citations")["issued_before_regex"].as<std::string>()),
        shared_list(rules.File("citations")["shared_list_regex"].as<std::string>()) {
    const YAML::Node& f = rules.File("citations");
    backref_letter_space_number = backref.pattern().rfind(R"(\pL (\d{1,5}))", 0) == 0;
    for (const auto& t : f["titled"]) {
      TitledType tt;
      tt.word = NormalizeString(t["word"].as<std::string>());
      tt.type = NormalizeString(t["type"].as<std::string>());
      tt.law = t["law"].as<bool>(false);
      tt.lower_needs_period = t["lower_needs_period"].as<bool>(false);
      titled.push_back(tt);
    }
    std::string alternatives;
    for (const auto& t : titled) {
      alternatives += (alternatives.empty() ? "" : "|") + RE2::QuoteMeta(t.word);
      if (t.lower_needs_period) alternatives += "|" + RE2::QuoteMeta(Lower(t.word));
    }
    titled_re = std::make_unique<RE2>("(?:^|[^\\pL])(" + alternatives + ") ");
    for (const auto& w : rules.Strings("citations", "title_rejects")) title_rejects.push_back(Fold(w));
    for (const auto& w : rules.Strings("citations", "generic_determiners"))
      generic.push_back(Fold(w));
    for (const auto& w : rules.Strings("citations", "title_stops")) title_stops.push_back(Fold(w));
    for (const auto& w : rules.Strings("citations", "title_stops_nonlaw"))
      title_stops_nonlaw.push_back(Fold(w));
    for (const auto& w : rules.Strings("citations", "number_words")) number_words.push_back(Fold(w));
    for (const auto& w : rules.Strings("citations", "not_documents")) not_documents.push_back(Fold(w));
    for (const auto& w : rules.Strings("citations", "issuer_stops")) {
      issuer_stops.push_back(Fold(w));
      issuer_stops_toned.push_back(Lower(NormalizeString(w)));
    }
    stop_window = 1;
    for (const auto& st : issuer_stops) stop_window = std::max(stop_window, st.size() + 1);
    for (const auto& st : issuer_stops_toned) stop_window = std::max(stop_window, st.size() + 1);
    for (const auto& w : rules.Strings("citations", "issuer_heads"))
      issuer_heads.push_back(NormalizeString(w));
    std::sort(issuer_stops_toned.begin(), issuer_stops_toned.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    std::sort(issuer_stops.begin(), issuer_stops.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const auto& st : issuer_stops) {
      if (st.empty()) stop_first_any = true;
      else stop_first[static_cast<unsigned char>(st[0])] = true;
    }
    issuer_max_words = f["issuer_max_words"].as<int>(12);
    for (const auto& r : f["relations"]) {
      for (const auto& w : r["words"]) {
        Trigger t;
        t.folded = Fold(NormalizeString(w.as<std::string>()));
        t.relation = NormalizeString(r["relation"].as<std::string>());
        t.through_tai = r["through_tai"].as<bool>(false);
        triggers.push_back(t);
      }
    }
    std::sort(triggers.begin(), triggers.end(),
              [](const Trigger& a, const Trigger& b) { return a.folded.size() > b.folded.size(); });
    trigger_window = f["trigger_window_words"].as<int>(15);
    passive_agent_gap = f["passive_agent_gap_words"].as<int>(5);
    for (const auto& w : rules.Strings("citations", "passive_agent_inherits"))
      agent_inherits.push_back(NormalizeString(w));
    for (const auto& w : rules.Strings("citations", "reference_markers_strong"))
      strong_markers.push_back(Fold(w));
    for (const auto& w : rules.Strings("citations", "reference_markers_weak"))
      weak_markers.push_back(Fold(w));
    for (const auto& w : rules.Strings("citations", "nesting_words")) nesting.push_back(Fold(w));
    for (const auto& w : rules.Strings("citations", "passive_words")) passive.push_back(Fold(w));
    for (const auto& w : rules.Strings("citations", "trigger_joiners"))
      joiners.push_back(Fold(w));
    // Type words, folded, longest first: what names a type right before a number.
    const YAML::Node& types = rules.File("doc_types")["types"];
    for (const auto& t : types)
      for (const auto& w : t["words"])
        type_words.emplace_back(Fold(NormalizeString(w.as<std::string>())),
                                NormalizeString(t["name"].as<std::string>()));
    std::stable_sort(type_words.begin(), type_words.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (const auto& [word, type] : type_words)
      type_word_counts.push_back(static_cast<int>(CountWords(word)));
    for (const auto& k : f["known"]) {
      KnownDocument kd;
      kd.pattern = std::make_unique<RE2>(k["pattern"].as<std::string>());
      kd.c.type = NormalizeString(k["type"].as<std::string>());
      kd.c.number = k["number"].as<std::string>();
      if (k["symbol"]) kd.c.symbol = NormalizeString(k["symbol"].as<std::string>());
      kd.key_symbol = NormalizeString(k["key_symbol"].as<std::string>(kd.c.symbol.value_or("")));
      kd.c.year = k["year"].as<int>();
      if (k["issuer_resolved"]) kd.c.issuer_resolved = NormalizeString(k["issuer_resolved"].as<std::string>());
      known.push_back(std::move(kd));
    }
    for (const auto& [code, name] : rules.Pairs("issuers", "codes")) issuer_codes[Upper(code)] = name;
  }

  CitationKeys keys;
  BodyNames bodies;
  RE2 numbered, period, year, alias, backref, issued_before, shared_list;
  // backref_regex starts with "\pL (\d{1,5})": Aliases may try it only where that can match.
  bool backref_letter_space_number = false;
  std::unique_ptr<RE2> titled_re;
  std::vector<TitledType> titled;
  std::vector<std::string> title_rejects, generic, title_stops, title_stops_nonlaw, number_words,
      issuer_stops, strong_markers, weak_markers, nesting, not_documents, passive, joiners;
  int issuer_max_words = 12;
  bool stop_first[256] = {};    // first bytes of issuer_stops
  // issuer_stops in lower case with their tone marks: a word with marks stops a name only
  // when it is the stop word itself ("về việc"), not when it folds to one ("Giáo" to "giao",
  // "Tài" to "tại", "tải" to "tại" in "Bộ Giáo dục và Đào tạo", "Bộ Giao thông vận tải").
  std::vector<std::string> issuer_stops_toned;
  std::vector<std::string> issuer_heads;  // as printed: "Bộ", "Sở"
  std::size_t stop_window = 40;           // bytes of text a stop phrase can span, plus one
  bool stop_first_any = false;  // an empty stop phrase (matches anywhere)
  std::vector<Trigger> triggers;
  int passive_agent_gap = 5;
  std::vector<std::string> agent_inherits;
  int trigger_window = 15;
  std::vector<std::pair<std::string, std::string>> type_words;
  std::vector<int> type_word_counts;  // words in each of type_words
  std::vector<KnownDocument> known;
  std::map<std::string, std::string> issuer_codes;

  // The type word that ends right before `pos` (skipping "số"), and where it starts.
  std::optional<std::pair<std::string, std::size_t>> TypeBefore(std::string_view text,
                                                               std::size_t pos) const;
  // True when the words right before `pos` (skipping "số") name a form, table or annex
  // ("Mẫu số 01/BCĐBQH-MT"): its number is not a document's.
  bool NotDocumentBefore(std::string_view text, std::size_t pos) const;
  // "của <issuer>" at `pos`; returns the issuer and moves *end past it.
  std::optional<std::string> IssuerAt(std::string_view text, std::size_t pos,
                                      std::size_t* end) const;
  void Numbered(const DocumentText& doc, std::size_t from, std::size_t to,
                std::vector<Mention>* out) const;
  // A date and issuer printed before the number, or an issuer shared by a list.
  void ContextBefore(const DocumentText& doc, Mention* m) const;
  void Titled(const DocumentText& doc, std::size_t from, std::size_t to,
              std::vector<Mention>* out) const;
  void Known(const DocumentText& doc, std::size_t from, std::size_t to,
             std::vector<Mention>* out) const;
  void Aliases(const DocumentText& doc, std::vector<Mention>* mentions,
               const std::vector<std::pair<std::size_t, std::size_t>>& ranges) const;
  // The text before a trigger ends with a passive marker, maybe over other triggers of the
  // same run ("được sửa đổi, bổ sung"): the trigger describes another document.
  bool PassiveBefore(std::string head) const;
  std::string Relation(const DocumentText& doc, const Mention& m,
                       std::span<const Mention> before) const;
};

namespace {

// The last words before `pos` on its line (at most `max`, within 80 bytes), last first,
// each folded, with where it starts. Returns how many.
int WordsBefore(std::string_view text, std::size_t pos, int max, std::size_t* starts,
                std::string* folded) {
  int n = 0;
  std::size_t at = pos;
  const std::size_t floor = pos > 80 ? pos - 80 : 0;
  while (n < max && at > floor) {
    while (at > floor && text[at - 1] == ' ') --at;
    std::size_t end = at;
    while (at > floor && text[at - 1] != ' ' && text[at - 1] != '\n') --at;
    if (end == at) break;
    starts[n] = at;
    folded[n] = Fold(text.substr(at, end - at));
    ++n;
    if (at > 0 && text[at - 1] == '\n') break;
  }
  return n;
}

// 1 when the last word (folded[0]) is a number word ("số", "số:"), else 0.
int NumberWordsToDrop(const std::string* folded, int n, const std::vector<std::string>& number_words) {
  if (n == 0) return 0;
  std::string last = Trim(folded[0], ",;:()");
  for (const auto& nw : number_words)
    if (last == Trim(nw, ":")) return 1;
  return 0;
}

}  // namespace

bool CitationExtractor::Impl::NotDocumentBefore(std::string_view text, std::size_t pos) const {
  constexpr int kMaxWords = 3;
  std::size_t starts[kMaxWords];
  std::string folded[kMaxWords];
  int n = WordsBefore(text, pos, kMaxWords, starts, folded);
  int drop = NumberWordsToDrop(folded, n, number_words);
  std::string phrase;
  for (int w = 1; drop + w <= n; ++w) {
    phrase = Trim(folded[drop + w - 1], ",;:()") + (w > 1 ? " " + phrase : std::string());
    for (const auto& nd : not_documents)
      if (phrase == nd) return true;
  }
  return false;
}

std::optional<std::pair<std::string, std::size_t>> CitationExtractor::Impl::TypeBefore(
    std::string_view text, std::size_t pos) const {
  // The last few words before `pos`, each with its start, folded once.
  constexpr int kMaxWords = 6;
  std::size_t starts[kMaxWords];
  std::string folded[kMaxWords];
  int n = WordsBefore(text, pos, kMaxWords, starts, folded);
  if (n == 0) return std::nullopt;
  int drop = NumberWordsToDrop(folded, n, number_words);
  // phrases[w]: the last w words (after the dropped "số"), in text order, built once.
  std::string phrases[kMaxWords + 1];
  for (int w = 1; drop + w <= n; ++w)
    phrases[w] = folded[drop + w - 1] + (w > 1 ? " " + phrases[w - 1] : std::string());
  for (std::size_t t = 0; t < type_words.size(); ++t) {
    const int words = type_word_counts[t];
    if (n < drop + words) continue;
    if (phrases[words] != type_words[t].first) continue;
    return std::make_pair(type_words[t].second, starts[drop + words - 1]);
  }
  return std::nullopt;
}

std::optional<std::string> CitationExtractor::Impl::IssuerAt(std::string_view text,
                                                             std::size_t pos,
                                                             std::size_t* end) const {
  std::size_t p = pos;
  while (p < text.size() && text[p] == ' ') ++p;
  static const std::string kCua = "của ";
  if (text.substr(p, kCua.size()) != kCua) return std::nullopt;
  p += kCua.size();
  std::vector<std::string> taken;
  std::size_t q = p, last_end = p;
  while (q < text.size() && static_cast<int>(taken.size()) < issuer_max_words) {
    while (q < text.size() && text[q] == ' ') ++q;
    std::size_t e = q;
    while (e < text.size() && text[e] != ' ' && text[e] != '\n') ++e;
    if (e == q) break;
    std::string word(text.substr(q, e - q));
    // Stop words: compare the folded rest of the phrase at this word. A word that starts
    // with an ASCII byte folds to that byte in lower case first, so when no stop phrase
    // starts with it the fold is not needed.
    const auto first = static_cast<unsigned char>(word[0]);
    const bool may_stop = stop_first_any || first >= 0x80 ||
                          stop_first[first >= 'A' && first <= 'Z' ? first + 32 : first];
    bool stop = false;
    // "Bộ Giao thông vận tải": the capitalised word after a head is the body's field.
    const bool field = !taken.empty() && StartsUpper(word) &&
                       std::find(issuer_heads.begin(), issuer_heads.end(), taken.back()) !=
                           issuer_heads.end();
    if (may_stop && !field) {
      std::string_view raw = text.substr(q, std::min<std::size_t>(stop_window, text.size() - q));
      // A word with tone marks compares with them ("tải" is not "tại"); a bare ASCII word
      // may have lost its marks and compares folded.
      bool toned = false;
      for (std::size_t i = q; i < e; ++i)
        if (static_cast<unsigned char>(text[i]) >= 0x80) toned = true;
      std::string rest = toned ? Lower(raw) : Fold(raw);
      for (const auto& s : toned ? issuer_stops_toned : issuer_stops)
        if (rest.compare(0, s.size(), s) == 0 &&
            (rest.size() == s.size() || !IsWordChar(static_cast<unsigned char>(rest[s.size()])))) {
          stop = true;
          break;
        }
    }
    // "và" joins two bodies ("Bộ Tài chính và Bộ Công an") but not a body and a thing
    // ("Chính phủ và văn bản giao nhiệm vụ"). (An ASCII first byte other than v cannot
    // fold to "va".)
    if (!stop && (first >= 0x80 || first == 'v' || first == 'V') && Fold(word) == "va") {
      std::size_t nq = e;
      while (nq < text.size() && text[nq] == ' ') ++nq;
      if (nq >= text.size() || !StartsUpper(text.substr(nq, 4))) stop = true;
    }
    if (stop || word[0] == '(' || StartsWithDigit(word)) break;
    std::string core = Trim(word, ",;.:)”\"");
    bool punct_end = core.size() != word.size();
    if (!core.empty()) taken.push_back(core);
    last_end = q + (punct_end ? word.find(core) + core.size() : word.size());
    if (punct_end) break;
    q = e;
  }
  if (taken.empty()) return std::nullopt;
  // A body name starts with a capital ("UBND tỉnh", "Thủ tướng Chính phủ", "Bộ Nội vụ").
  if (!StartsUpper(taken[0])) return std::nullopt;
  std::string issuer;
  for (const auto& w : taken) issuer += (issuer.empty() ? "" : " ") + w;
  *end = last_end;
  return issuer;
}

void CitationExtractor::Impl::Numbered(const DocumentText& doc, std::size_t from, std::size_t to,
                                       std::vector<Mention>* out) const {
  std::string_view text(doc.text);
  re2::StringPiece input(doc.text);
  re2::StringPiece g[4];
  std::size_t pos = from;
  while (pos < to && numbered.Match(input, pos, to, RE2::UNANCHORED, g, 4)) {
    Mention m;
    std::size_t num_begin = g[1].data() - doc.text.data();
    m.core_end = g[3].data() + g[3].size() - doc.text.data();
    pos = m.core_end;
    std::string number(g[1]), sep(g[2]), symbol;
    for (char ch : std::string_view(g[3].data(), g[3].size()))
      if (ch != ' ') symbol.push_back(ch);
    // A trailing capitalised word glued by a space is not part of the symbol.
    m.c.number = number;
    m.c.symbol = symbol;
    m.sep = sep;
    m.begin = num_begin;
    if (!not_documents.empty() && NotDocumentBefore(text, num_begin)) continue;
    std::optional<std::string> sym_type = keys.TypeFromSymbol(symbol);
    auto before = TypeBefore(text, num_begin);
    if (before) m.begin = before->second;
    if (before && !(before->first == "Công văn" && sym_type)) {
      m.c.type = before->first;
    } else if (sym_type) {
      m.c.type = sym_type;
    } else {
      m.c.type = before ? before->first : "Công văn";
    }
    // A law or ordinance named by title before its number ("Luật Đất đai số 31/2024/QH15").
    if (!before && sym_type && (*sym_type == "Luật" || *sym_type == "Pháp lệnh")) {
      std::size_t hstart = num_begin > 160 ? num_begin - 160 : 0;
      while (hstart > 0 && (static_cast<unsigned char>(text[hstart]) & 0xC0) == 0x80) --hstart;
      std::string head(text.substr(hstart, num_begin - hstart));
      std::string word = *sym_type == "Luật" ? "Luật " : "Pháp lệnh ";
      std::size_t l = head.rfind(word);
      // "Bộ luật Lao động số 45/2019/QH14": the code's "luật" is in lower case there.
      std::size_t bl = *sym_type == "Luật" ? head.rfind("Bộ luật ") : std::string::npos;
      if (bl != std::string::npos && (l == std::string::npos || bl > l)) l = bl;
      if (l != std::string::npos && head.find_first_of(";.", l) == std::string::npos) {
        if (bl != std::string::npos && bl == l) m.c.type = "Bộ luật";
        std::string title = Trim(std::string_view(head).substr(l));
        const std::string kSo = " số";
        if (title.size() > kSo.size() && title.ends_with(kSo))
          title = Trim(std::string_view(title).substr(0, title.size() - kSo.size()));
        m.c.title = title;  // "Luật Nhà ở": later "Luật Nhà ở năm 2023" is this law
      }
    }
    m.end = m.core_end;
    if (auto d = DateAt(text, m.end); d && d->begin - m.end <= 8) {
      m.c.date = d->Iso();
      m.c.year = d->year;
      m.end = d->end;
    }
    std::size_t issuer_end = 0;
    if (auto iss = IssuerAt(text, m.end, &issuer_end)) {
      m.c.issuer = *iss;
      m.end = issuer_end;
    }
    if (!m.c.year) {
      static const RE2 kMiddleYear(R"(^((?:19|20)\d\d)/)");
      std::string y;
      if (RE2::PartialMatch(symbol, kMiddleYear, &y)) m.c.year = std::stoi(y);
    }
    if (!m.c.issuer || !m.c.date) ContextBefore(doc, &m);
    m.group = number + sep + keys.CanonicalSymbol(symbol);
    out->push_back(std::move(m));
  }
}

void CitationExtractor::Impl::ContextBefore(const DocumentText& doc, Mention* m) const {
  std::string_view text(doc.text);
  std::size_t line_start = RFindNewline(text, m->begin == 0 ? 0 : m->begin - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  std::string_view before = text.substr(line_start, m->begin - line_start);
  // "Ngày 26/4/2013, Thủ tướng Chính phủ ban hành Quyết định số ..."
  std::string issuer;
  re2::StringPiece bp(before.data(), before.size());
  re2::StringPiece whole;
  if (issued_before.Match(bp, 0, bp.size(), RE2::UNANCHORED, &whole, 1) &&
      RE2::PartialMatch(bp, issued_before, &issuer)) {
    if (!m->c.issuer) m->c.issuer = Trim(issuer);
    if (!m->c.date) {
      if (auto d = FindDate(whole.data() == nullptr ? "" : std::string_view(whole.data(), whole.size()))) {
        m->c.date = d->Iso();
        m->c.year = d->year;
      }
    }
    return;
  }
  // "Theo đề nghị của Phòng Nội vụ huyện tại Công văn số ...": the body before "tại".
  static const RE2 kOfAt(R"((?:^|[\s(])của ([^,;.()]+?) tại\s*$)");
  std::size_t type_at = m->begin;
  std::string_view head = text.substr(line_start, type_at - line_start);
  if (!m->c.issuer && RE2::PartialMatch(head, kOfAt, &issuer) && StartsUpper(issuer) &&
      CountWords(issuer) <= issuer_max_words) {
    m->c.issuer = Trim(issuer);
    return;
  }
  // "các Quyết định của Bộ trưởng Bộ Tài chính: số ...; số ..."
  std::string type_words;
  if (!m->c.issuer && RE2::PartialMatch(bp, shared_list, &type_words, &issuer)) {
    std::size_t colon = before.rfind(':');
    std::string_view list = colon == std::string_view::npos ? before : before.substr(colon);
    if (list.find(". ") == std::string_view::npos) m->c.issuer = Trim(issuer);
  }
}

void CitationExtractor::Impl::Titled(const DocumentText& doc, std::size_t from, std::size_t to,
                                     std::vector<Mention>* out) const {
  std::string_view text(doc.text);
  re2::StringPiece input(doc.text);
  re2::StringPiece g[2];
  std::size_t pos = from;
  std::size_t consumed_to = from;
  while (pos < to && titled_re->Match(input, pos, to, RE2::UNANCHORED, g, 2)) {
    std::size_t begin = g[1].data() - doc.text.data();
    std::size_t after = begin + g[1].size() + 1;
    pos = after;
    if (begin < consumed_to) continue;
    std::string word(g[1]);
    const TitledType* tt = nullptr;
    bool lower = false;
    for (const auto& t : titled)
      if (t.word == word || (t.lower_needs_period && Lower(t.word) == word)) {
        tt = &t;
        lower = t.word != word;
        break;
      }
    if (!tt) continue;
    // "các kế hoạch ...": no particular document.
    std::string prev_words(text.substr(begin > 12 ? begin - 12 : 0, std::min<std::size_t>(begin, 12)));
    std::vector<std::string> pw = SplitWords(prev_words);
    if (!pw.empty()) {
      std::string last = FoldTrim(pw.back());
      if (std::find(generic.begin(), generic.end(), last) != generic.end()) continue;
    }
    // Title words up to a year marker.
    std::size_t q = after;
    std::size_t title_end = q;
    std::optional<int> y;
    std::optional<std::string> date;
    std::string period_text;
    int words = 0;
    bool rejected = false;
    while (q < to && words < 30) {
      std::string_view rest = text.substr(q, std::min<std::size_t>(60, to - q));
      re2::StringPiece rp(rest.data(), rest.size());
      std::string kind, y1, y2, ys;
      if (RE2::PartialMatch(rp, period, &kind, &y1, &y2)) {
        y = std::stoi(y1);
        re2::StringPiece whole;
        period.Match(rp, 0, rp.size(), RE2::ANCHOR_START, &whole, 1);
        title_end = q + whole.size();
        period_text = std::string(whole);
        break;
      }
      if (RE2::PartialMatch(rp, year, &ys)) {
        y = std::stoi(ys);
        break;
      }
      if (auto d = DateAt(text, q); d && d->begin <= q + 1 && d->year) {
        y = d->year;
        date = d->Iso();
        break;
      }
      std::size_t e = q;
      while (e < to && text[e] != ' ' && text[e] != '\n') ++e;
      std::string w(text.substr(q, e - q));
      std::string fw = FoldTrim(w);
      if (words == 0 && std::find(title_rejects.begin(), title_rejects.end(), fw) != title_rejects.end()) {
        rejected = true;
        break;
      }
      std::string f2 = Fold(text.substr(q, std::min<std::size_t>(20, to - q)));
      bool stop = false;
      for (const auto& s : title_stops)
        if (f2.compare(0, s.size(), s) == 0 &&
            (f2.size() == s.size() || !IsWordChar(static_cast<unsigned char>(f2[s.size()]))))
          stop = true;
      if (!tt->law)
        for (const auto& s : title_stops_nonlaw)
          if (fw == s) stop = true;
      // "số 63/2025/QH15": a numbered citation, handled elsewhere ("một số điều" is a title).
      if (StartsWithDigit(w)) stop = true;
      if (fw == "so") {
        std::size_t n = e;
        while (n < to && text[n] == ' ') ++n;
        if (n < to && std::isdigit(static_cast<unsigned char>(text[n]))) stop = true;
      }
      if (stop || w.empty()) break;
      std::string core = Trim(w, ";.()“”\"");
      if (core.size() != w.size() && w.back() != ',') {  // sentence punctuation ends a title
        title_end = q + w.find(core) + core.size();
        // A year may still follow only after a comma.
        break;
      }
      ++words;
      title_end = e;
      q = e;
      while (q < to && text[q] == ' ') ++q;
      if (q < to && text[q] == '\n') break;
    }
    if (rejected || !y || words == 0) continue;
    if (lower && period_text.empty()) continue;
    std::string title_words(Trim(text.substr(after, title_end - after), ",; "));
    if (title_words.empty()) continue;
    Mention m;
    m.begin = begin;
    m.core_end = title_end;
    m.end = title_end;
    m.c.type = tt->type;
    m.c.title = tt->word + " " + title_words;
    m.c.year = y;
    if (date) m.c.date = date;
    if (tt->law) m.c.issuer_resolved = tt->type == "Pháp lệnh" ? "Ủy ban Thường vụ Quốc hội" : "Quốc hội";
    m.c.key = keys.Titled(tt->type, title_words, *y);
    m.group = *m.c.key;
    consumed_to = title_end;
    out->push_back(std::move(m));
  }
}

void CitationExtractor::Impl::Known(const DocumentText& doc, std::size_t from, std::size_t to,
                                    std::vector<Mention>* out) const {
  re2::StringPiece input(doc.text);
  for (const auto& k : known) {
    re2::StringPiece m0;
    std::size_t pos = from;
    while (pos < to && k.pattern->Match(input, pos, to, RE2::UNANCHORED, &m0, 1)) {
      Mention m;
      m.begin = m0.data() - doc.text.data();
      m.core_end = m.end = m.begin + m0.size();
      pos = m.end;
      m.c = k.c;
      m.sep = "/";
      m.c.key = keys.Numbered(*k.c.number, "/", k.key_symbol, k.c.year);
      m.group = *k.c.number + "/" + keys.CanonicalSymbol(k.key_symbol);
      std::size_t issuer_end = 0;
      if (auto iss = IssuerAt(doc.text, m.end, &issuer_end)) {
        m.c.issuer = *iss;
        m.end = issuer_end;
      }
      out->push_back(std::move(m));
    }
  }
}

void CitationExtractor::Impl::Aliases(
    const DocumentText& doc, std::vector<Mention>* mentions,
    const std::vector<std::pair<std::size_t, std::size_t>>& ranges) const {
  // Alias definitions: "(gọi tắt là Chương trình hành động số 23)".
  std::map<std::string, std::size_t> alias_of;  // folded alias -> mention index
  for (std::size_t i = 0; i < mentions->size(); ++i) {
    const Mention& m = (*mentions)[i];
    std::string_view rest(doc.text);
    rest = rest.substr(m.end);
    // The alias may follow the description: look within the sentence.
    std::size_t limit = std::min<std::size_t>(rest.size(), 600);
    std::size_t open = rest.substr(0, limit).find("(");
    while (open != std::string_view::npos) {
      std::string a;
      re2::StringPiece sp(rest.data() + open, limit - open);
      if (RE2::PartialMatch(sp, alias, &a) && sp.data() == rest.data() + open) {
        alias_of[FoldTrim(a)] = i;
        break;
      }
      std::string_view between = rest.substr(0, open);
      if (between.find(". ") != std::string_view::npos || between.find(';') != std::string_view::npos)
        break;
      open = rest.substr(0, limit).find("(", open + 1);
    }
  }
  // Short back-references: a type name and a bare number.
  std::vector<Mention> added;
  // One match of the back-reference pattern; g[1] is the number.
  auto on_match = [&](const re2::StringPiece* g) {
    std::size_t num_end = g[1].data() + g[1].size() - doc.text.data();
    std::size_t num_begin = g[1].data() - doc.text.data();
    // Cheap test first: only numbers already cited, or named in an alias, can refer back.
    std::string num(g[1]);
    bool candidate = false;
    for (const auto& m : *mentions)
      if (m.c.number && *m.c.number == num) candidate = true;
    for (const auto& [a, idx] : alias_of)
      if (a.find(num) != std::string::npos) candidate = true;
    if (!candidate) return;
    auto type = TypeBefore(doc.text, num_begin);
    if (!type) return;
    std::size_t begin = type->second;
    bool overlaps = false;
    for (const auto& m : *mentions)
      if (begin < m.core_end && num_end > m.begin) overlaps = true;
    if (overlaps) return;
    std::string phrase = FoldTrim(std::string_view(doc.text).substr(begin, num_end - begin));
    std::optional<std::size_t> target;
    if (auto it = alias_of.find(phrase); it != alias_of.end()) target = it->second;
    if (!target) {
      for (std::size_t i = 0; i < mentions->size(); ++i) {
        const Mention& m = (*mentions)[i];
        if (m.c.number && *m.c.number == std::string(g[1]) && m.c.type == type->first &&
            m.begin < begin)
          target = i;
      }
    }
    if (!target) return;
    Mention b;
    b.begin = begin;
    b.core_end = b.end = num_end;
    b.c = (*mentions)[*target].c;
    b.group = (*mentions)[*target].group;
    b.sep = (*mentions)[*target].sep;
    b.backref = true;
    added.push_back(std::move(b));
  };
  re2::StringPiece input(doc.text);
  re2::StringPiece g[2];
  if (!backref_letter_space_number) {
    for (const auto& [from, to] : ranges) {
      std::size_t pos = from;
      while (pos < to && backref.Match(input, pos, to, RE2::UNANCHORED, g, 2)) {
        pos = g[1].data() + g[1].size() - doc.text.data();
        on_match(g);
      }
    }
  } else {
    // The pattern starts with a letter, a space and the number (1 to 5 digits): a match can
    // only start at the letter before a space before a digit, and it matters only when its
    // number is a candidate (see on_match). So instead of running the pattern over the whole
    // text, it is tried, anchored, at those letters whose digits start with a candidate;
    // matches cannot overlap (only a letter starts one), so the same matches are found in
    // the same order.
    std::vector<std::string> candidates;  // numbers cited, and digit runs inside aliases
    for (const auto& m : *mentions)
      if (m.c.number) candidates.push_back(*m.c.number);
    for (const auto& [a, idx] : alias_of)
      for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t len = 1; len <= 5 && i + len <= a.size() &&
                                  std::isdigit(static_cast<unsigned char>(a[i + len - 1]));
             ++len)
          candidates.push_back(a.substr(i, len));
    if (candidates.empty()) return;
    const std::string_view text(doc.text);
    for (const auto& [from, to] : ranges) {
      for (std::size_t d = from + 2; d < to; ++d) {
        if (text[d - 1] != ' ' || !std::isdigit(static_cast<unsigned char>(text[d]))) continue;
        std::size_t letter = d - 2;  // the first byte of the character before the space
        while (letter > from && (static_cast<unsigned char>(text[letter]) & 0xC0) == 0x80)
          --letter;
        if (letter < from) continue;
        bool wanted = false;
        for (std::size_t len = 1; len <= 5 && d + len <= to && !wanted &&
                                  std::isdigit(static_cast<unsigned char>(text[d + len - 1]));
             ++len)
          wanted = std::find(candidates.begin(), candidates.end(), text.substr(d, len)) !=
                   candidates.end();
        if (!wanted) continue;
        if (backref.Match(input, letter, to, RE2::ANCHOR_START, g, 2)) on_match(g);
      }
    }
  }
  for (auto& b : added) mentions->push_back(std::move(b));
}

bool CitationExtractor::Impl::PassiveBefore(std::string head) const {
  for (bool more = true; more;) {
    head = Trim(head, " ,");
    more = false;
    for (const auto& w : passive)
      if (EndsWithWords(head, w)) return true;
    for (const auto& t : triggers)
      if (EndsWithWords(head, t.folded)) {
        head.resize(head.size() - t.folded.size());
        more = true;
        break;
      }
    if (more) continue;
    for (const auto& j : joiners)
      if (EndsWithWords(head, j)) {
        head.resize(head.size() - j.size());
        more = true;
        break;
      }
  }
  return false;
}

std::string CitationExtractor::Impl::Relation(const DocumentText& doc, const Mention& m,
                                              std::span<const Mention> before) const {
  std::string_view text(doc.text);
  // The clause: from the start of the line or sentence, or the open parenthesis we are in.
  std::size_t line_start = RFindNewline(text, m.begin == 0 ? 0 : m.begin - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  std::size_t cs = line_start;
  int depth = 0;
  for (std::size_t i = m.begin; i > line_start; --i) {
    char ch = text[i - 1];
    if (ch == ')') ++depth;
    if (ch == '(') {
      if (depth == 0) {
        cs = i;
        break;
      }
      --depth;
    }
    if (depth == 0 && ch == '.' && i < m.begin && text[i] == ' ' && i >= 2 &&
        !std::isdigit(static_cast<unsigned char>(text[i - 2]))) {
      cs = i + 1;
      break;
    }
  }
  // Triggers are looked for within the item (after the last ';'); earlier items of the same
  // sentence pass their relation on through the previous mention below.
  std::size_t item_start = cs;
  {
    int d = 0;
    for (std::size_t i = m.begin; i > cs; --i) {
      char ch = text[i - 1];
      if (ch == ')') ++d;
      if (ch == '(') --d;
      if (ch == ';' && d == 0) {
        item_start = i;
        break;
      }
    }
  }
  std::string clause(text.substr(item_start, m.begin - item_start));
  std::string folded = Trim(Fold(clause), " ,;:");
  // Nearest trigger before the citation.
  std::optional<std::pair<std::size_t, const Trigger*>> best;  // folded end position
  std::size_t passive_end = 0;
  for (const auto& t : triggers) {
    for (std::size_t p = folded.find(t.folded); p != std::string::npos;
         p = folded.find(t.folded, p + 1)) {
      bool left = p == 0 || !IsWordChar(static_cast<unsigned char>(folded[p - 1]));
      std::size_t e = p + t.folded.size();
      bool right = e == folded.size() || !IsWordChar(static_cast<unsigned char>(folded[e]));
      if (!left || !right) continue;
      // Passive voice describes another document ("... được sửa đổi, bổ sung bởi Luật số").
      // The passive covers every trigger of its run: "được sửa đổi, bổ sung bởi".
      if (PassiveBefore(folded.substr(0, p))) {
        passive_end = std::max(passive_end, e);
        continue;
      }
      if (!best || e > best->first) best = std::make_pair(e, &t);
    }
  }
  // "đã được sửa đổi, bổ sung một số điều theo Luật số …": the marker names the passive's
  // agent, which shares the relation of what it amends (below), no plain reference.
  bool agent = passive_end > 0 && CountWords(folded.substr(passive_end)) <= passive_agent_gap;
  if (!agent)
    for (const auto& mk : strong_markers)
      if (EndsWithWords(folded, mk) &&
          !EndsWithWords(folded, "kem " + mk))  // "gửi kèm theo": an attachment, see triggers
        return "dẫn chiếu";
  bool tai = false;
  for (const auto& mk : weak_markers)
    if (EndsWithWords(folded, mk)) tai = true;
  // A trigger before a passive one belongs to the document the passive describes ("quy định
  // về thực hiện …, được sửa đổi bởi Nghị định số …").
  const Trigger* governing = nullptr;  // the trigger the passive's document stands under
  if (best && best->first < passive_end) {
    governing = best->second;
    best.reset();
  }
  // The last earlier mention in the same clause, at the same parenthesis depth.
  const Mention* prev = nullptr;
  for (const auto& b : before)
    if (b.begin >= cs && b.end <= m.begin) {
      int d = 0;
      for (std::size_t i = b.end; i < m.begin; ++i) {
        if (text[i] == '(') ++d;
        if (text[i] == ')') --d;
      }
      if (d == 0) prev = &b;
    }
  if (best) {
    std::string after_trigger = folded.substr(best->first);
    std::size_t gap = CountWords(after_trigger);
    std::string before_trigger = Trim(folded.substr(0, best->first - best->second->folded.size()));
    bool nested = false;
    for (const auto& n : nesting)
      if (EndsWithWords(before_trigger, n) && gap <= 1) nested = true;
    if (nested) return "dẫn chiếu";
    // Is an earlier mention between the trigger and this citation?
    bool mention_between = false;
    if (prev) {
      std::string up_to_prev = Fold(text.substr(cs, prev->begin - cs));
      mention_between = up_to_prev.size() >= best->first - 1;
    }
    if (!mention_between && static_cast<int>(gap) <= trigger_window) {
      if (tai && !best->second->through_tai) return "dẫn chiếu";
      return best->second->relation;
    }
  }
  if (agent) {
    // The amender of a basis is part of the basis; the amender of what this document
    // amends or repeals is only named.
    std::string rel = prev ? prev->c.relation : governing ? governing->relation : "dẫn chiếu";
    return std::find(agent_inherits.begin(), agent_inherits.end(), rel) != agent_inherits.end()
               ? rel
               : "dẫn chiếu";
  }
  if (prev) {
    if (tai && prev->c.relation != "theo đề nghị" && prev->c.relation != "tiếp tục thực hiện" &&
        prev->c.relation != "căn cứ")
      return "dẫn chiếu";
    return prev->c.relation;
  }
  // An item of a list whose lead-in gives the relation ("Bãi bỏ toàn bộ các văn bản ... sau
  // đây:" then "1. Thông tư số ..."): the nearest line above ending with ':' over list items.
  if (line_start > 0) {
    std::size_t ls = line_start;
    for (int hops = 0; hops < 200 && ls > 0; ++hops) {
      std::size_t prev_end = ls - 1;  // the '\n' before this line
      std::size_t prev_start = RFindNewline(text, prev_end == 0 ? 0 : prev_end - 1);
      prev_start = prev_start == std::string_view::npos ? 0 : prev_start + 1;
      std::string_view pl = text.substr(prev_start, prev_end - prev_start);
      std::string t = Trim(pl);
      if (!t.empty() && t.back() == ':') {
        std::string f = Fold(t);
        std::optional<std::pair<std::size_t, const Trigger*>> lead;
        for (const auto& tr : triggers)
          for (std::size_t p = f.find(tr.folded); p != std::string::npos; p = f.find(tr.folded, p + 1))
            if ((p == 0 || !IsWordChar(static_cast<unsigned char>(f[p - 1]))) &&
                (!lead || p < lead->first))
              lead = std::make_pair(p, &tr);
        return lead ? lead->second->relation : "dẫn chiếu";
      }
      // Only list items may stand between the lead-in and this citation.
      if (t.empty() || !(std::isdigit(static_cast<unsigned char>(t[0])) || t[0] == '-' ||
                         (t.size() > 1 && t[1] == ')')))
        break;
      ls = prev_start;
    }
  }
  return "dẫn chiếu";
}

CitationExtractor::CitationExtractor(const RuleSet& rules) : impl_(std::make_unique<Impl>(rules)) {}
CitationExtractor::~CitationExtractor() = default;

std::vector<Citation> CitationExtractor::Extract(const DocumentText& doc, const Document& header,
                                                 const Locality& where) const {
  const Impl& m = *impl_;
  // Where citations are read: the body, appendices and footnotes; not the header (its
  // subject names the matter, not a cited document) nor the signature and distribution.
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  auto line_begin = [&](std::size_t i) {
    return i < doc.lines.size() ? doc.lines[i].begin : doc.body_end;
  };
  std::size_t hb = line_begin(doc.header_end_line);
  std::size_t fb = doc.footer_begin_line < doc.lines.size() ? line_begin(doc.footer_begin_line)
                                                            : doc.body_end;
  std::size_t fe = line_begin(doc.footer_end_line);
  if (hb < fb) ranges.emplace_back(hb, fb);
  if (fe < doc.text.size()) ranges.emplace_back(std::max(fe, fb), doc.text.size());

  std::vector<Mention> mentions;
  for (const auto& [from, to] : ranges) {
    m.Numbered(doc, from, to, &mentions);
    m.Titled(doc, from, to, &mentions);
    m.Known(doc, from, to, &mentions);
  }
  m.Aliases(doc, &mentions, ranges);
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  {
    // A title named inside a numbered citation's description ("Thông tư số 03/2017/TT-BTTTT
    // ... hướng dẫn Chương trình mục tiêu ... giai đoạn 2016-2020") is part of that
    // description, not a citation of its own. A title that names a law cited by number
    // ("Luật Nhà ở năm 2023" after "Luật Nhà ở số 27/2023/QH15") is that law.
    std::vector<Mention> kept;
    for (std::size_t i = 0; i < mentions.size(); ++i) {
      Mention x = mentions[i];  // a copy: later iterations still read mentions[i]
      bool titled = x.c.title && !x.c.number;
      if (titled) {
        bool nested = false;
        for (std::size_t j = 0; j < mentions.size(); ++j) {
          const Mention& y = mentions[j];
          if (!y.c.number || y.backref || y.c.title || y.core_end > x.begin) continue;
          std::string_view between(doc.text);
          between = between.substr(y.core_end, x.begin - y.core_end);
          if (between.find_first_of(";\n") == std::string_view::npos &&
              between.find(". ") == std::string_view::npos && CountWords(between) <= 40)
            nested = true;
        }
        if (nested) continue;
        for (const auto& y : mentions) {
          if (!y.c.number || !y.c.title || y.c.type != x.c.type || y.c.year != x.c.year) continue;
          if (Fold(*y.c.title) != Fold(*x.c.title)) continue;
          x.group = y.group;
          x.sep = y.sep;
          x.c.number = y.c.number;
          x.c.symbol = y.c.symbol;
          x.c.key.reset();
          x.c.title.reset();
        }
      }
      kept.push_back(std::move(x));
    }
    mentions = std::move(kept);
  }
  // Drop mentions inside another (a known-document pattern inside a numbered citation).
  std::vector<Mention> kept;
  for (auto& x : mentions) {
    if (!kept.empty() && x.begin < kept.back().core_end && x.begin >= kept.back().begin) continue;
    kept.push_back(std::move(x));
  }
  mentions = std::move(kept);

  // Years for undated mentions of the same number and symbol.
  std::map<std::string, int> group_year;
  for (const auto& x : mentions)
    if (x.c.year && !group_year.count(x.group)) group_year[x.group] = *x.c.year;
  // One issuer shared by a list ("Kế hoạch số 65/KH-UBND ... và Quyết định số 1323/QĐ-UBND
  // ... của UBND tỉnh Quảng Trị").
  for (std::size_t i = mentions.size(); i-- > 1;) {
    Mention& a = mentions[i - 1];
    const Mention& b = mentions[i];
    if (a.c.issuer || !b.c.issuer || a.backref) continue;
    std::string between = Trim(std::string_view(doc.text).substr(a.end, b.begin - a.end));
    if (between == "và" || between == "," || between == ";" || between == "và các" ||
        between == ", và")
      a.c.issuer = b.c.issuer;
  }
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    Mention& x = mentions[i];
    if (!x.c.year) {
      if (auto it = group_year.find(x.group); it != group_year.end()) x.c.year = it->second;
    }
    if (!x.c.key) {
      x.c.key = m.keys.Numbered(*x.c.number, x.sep, *x.c.symbol, x.c.year);
    } else if (x.c.number && !x.c.title && !x.backref && x.c.year && x.c.key->find('@') == std::string::npos) {
      x.c.key = m.keys.Numbered(*x.c.number, x.sep, *x.c.symbol, x.c.year);
    }
    std::span<const Mention> before(mentions.data(), i);  // the mentions before this one
    x.c.relation = m.Relation(doc, x, before);
  }

  // Self-citations never count.
  std::optional<std::string> self;
  std::optional<int> self_year;
  if (header.number && header.symbol)
    self = *header.number + "|" + m.keys.CanonicalSymbol(*header.symbol);
  if (header.date && header.date->size() >= 4) self_year = std::stoi(header.date->substr(0, 4));

  std::vector<Citation> out;
  std::map<std::string, std::size_t> by_key;
  for (const auto& x : mentions) {
    // Numbers restart each year: the same number and symbol of another year is another
    // document.
    if (self && x.c.number && x.c.symbol &&
        *x.c.number + "|" + m.keys.CanonicalSymbol(*x.c.symbol) == *self &&
        (!self_year || !x.c.year || *x.c.year == *self_year))
      continue;
    const std::string key = x.c.key.value_or(x.group);
    auto it = by_key.find(key);
    if (it == by_key.end()) {
      Citation c = x.c;
      c.mentions = {Span{x.begin, x.end}};
      if (!c.issuer_resolved && c.issuer) c.issuer_resolved = m.bodies.Resolve(*c.issuer, where);
      if (!c.issuer_resolved && c.symbol) {
        // The issuer code in the symbol, for national bodies ("CT-TTg" -> Thủ tướng Chính phủ).
        std::string sym = m.keys.CanonicalSymbol(*c.symbol);
        std::size_t cut = sym.find_last_of("-/");
        std::string code = cut == std::string::npos ? sym : sym.substr(cut + 1);
        while (!code.empty() && std::isdigit(static_cast<unsigned char>(code.back()))) code.pop_back();
        if (auto ic = m.issuer_codes.find(code); ic != m.issuer_codes.end() && code != "UBND" &&
                                                 code != "HĐND" && code != "TU" && code != "HU")
          c.issuer_resolved = ic->second;
      }
      by_key[key] = out.size();
      out.push_back(std::move(c));
    } else {
      Citation& c = out[it->second];
      c.mentions.push_back(Span{x.begin, x.end});
      if (!c.date && x.c.date) c.date = x.c.date;
      if (!c.issuer && x.c.issuer) {
        c.issuer = x.c.issuer;
        c.issuer_resolved = m.bodies.Resolve(*x.c.issuer, where);
      }
    }
  }
  // A title the document gives itself or what it adopts ("... ban hành Nghị quyết liên tịch
  // hướng dẫn ..." in the preamble, "Chương trình lập pháp năm 2026" in a resolution on that
  // programme): the type and title read word for word inside the document's own type and
  // subject. Compared on the key's normalized title (abbreviations expanded).
  if (header.subject) {
    auto words_of = [](std::string_view s) {
      std::string out = " ";
      for (const auto& w : SplitWords(Fold(s))) {
        std::string f;
        for (char ch : w) f += std::isalnum(static_cast<unsigned char>(ch)) ? ch : ' ';
        for (const auto& part : SplitWords(f)) out += part + " ";
      }
      return out;
    };
    const std::string own = words_of(header.type.value_or("") + " " + *header.subject);
    std::erase_if(out, [&](const Citation& c) {
      if (c.number || !c.type || !c.key) return false;
      std::size_t colon = c.key->find(':'), at = c.key->rfind('@');
      if (colon == std::string::npos || at == std::string::npos || at < colon) return false;
      std::string title = c.key->substr(colon + 1, at - colon - 1);
      if (SplitWords(title).size() < 2) return false;
      return own.find(words_of(*c.type + " " + title)) != std::string::npos;
    });
  }
  // A numbered citation whose year nothing gives (a Party number printed without a date)
  // has no node id: the number restarts each year, so any year would be a guess.
  for (auto& c : out)
    if (c.number && !c.year && !c.date && c.key && c.key->find('@') == std::string::npos)
      c.key.reset();
  return out;
}

}  // namespace vanban
