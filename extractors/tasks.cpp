// Task extraction in three steps:
//   1. the body's paragraphs become a tree of list items (numbers, letters, bullets,
//      articles), each with its own head line and the paragraphs that continue it;
//   2. each item's text is read as a clause: who is addressed (a directive verb or a
//      subject), the lead/cooperating bodies, and where the action starts;
//   3. items that order something become Tasks, with assignees inherited from headings,
//      addressing sentences or the recipients, and deadlines from deadlines.h.
// Every word list lives in rules/tasks.yaml.
#include "extractors/tasks.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "extractors/deadlines.h"
#include "pipeline/vntext.h"

namespace vanban {
namespace {

// ---- tokens ---------------------------------------------------------------------------

struct Tok {
  std::uint32_t b = 0, e = 0;
  std::string low;  // lower case (Vietnamese NFC)
  bool upper = false;
  bool punct = false;
};

// Decodes one UTF-8 code point at s[i]; advances i.
inline char32_t Decode(std::string_view s, std::size_t* i) {
  unsigned char c = s[*i];
  if (c < 0x80) {
    ++*i;
    return c;
  }
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> n);
  ++*i;
  for (int k = 0; k < n && *i < s.size(); ++k, ++*i) cp = (cp << 6) | (s[*i] & 0x3F);
  return cp;
}

void Encode(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Lower case of the letters Vietnamese uses, without a round trip through ICU (this runs
// on every word of every body).
char32_t LowerCp(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x17F && c % 2 == 0 && c != 0x130) return c + 1;
  if (c == 0x1A0 || c == 0x1AF) return c + 1;
  if (c >= 0x1EA0 && c <= 0x1EF9 && c % 2 == 0) return c + 1;
  return c;
}

bool IsUpperCp(char32_t c) { return LowerCp(c) != c; }

std::string FastLowerSlow(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (std::size_t i = 0; i < w.size();) {
    unsigned char c = w[i];
    if (c < 0x80) {  // ASCII needs no decoding
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
      continue;
    }
    Encode(LowerCp(Decode(w, &i)), &out);
  }
  return out;
}

// FastLower(w) into *out: in place on a copy, since every case pair LowerCp knows has the
// same UTF-8 length. A sequence that is not well-formed UTF-8 (which Decode/Encode would
// rewrite) takes the code-point path.
void LowerInto(std::string_view w, std::string* out_str) {
  std::string& out = *out_str;
  out.assign(w);
  const std::size_t n = out.size();
  for (std::size_t i = 0; i < n;) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
      ++i;
      continue;
    }
    // Two- and three-byte characters, well-formed and not overlong, are read here; anything
    // else (four bytes, bad sequences) takes the code-point path for the whole word.
    const auto c1 = i + 1 < n ? static_cast<unsigned char>(out[i + 1]) : 0;
    if (c >= 0xC2 && c < 0xE0 && (c1 & 0xC0) == 0x80) {
      const char32_t cp = ((c & 0x1F) << 6) | (c1 & 0x3F);
      const char32_t lo = LowerCp(cp);
      if (lo != cp) {
        if (lo < 0x80 || lo >= 0x800) return void(out = FastLowerSlow(w));
        out[i] = static_cast<char>(0xC0 | (lo >> 6));
        out[i + 1] = static_cast<char>(0x80 | (lo & 0x3F));
      }
      i += 2;
      continue;
    }
    const auto c2 = i + 2 < n ? static_cast<unsigned char>(out[i + 2]) : 0;
    if (c >= 0xE0 && c < 0xF0 && (c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
      const char32_t cp = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
      if (cp < 0x800) return void(out = FastLowerSlow(w));
      const char32_t lo = LowerCp(cp);
      if (lo != cp) {
        if (lo < 0x800 || lo >= 0x10000) return void(out = FastLowerSlow(w));
        out[i] = static_cast<char>(0xE0 | (lo >> 12));
        out[i + 1] = static_cast<char>(0x80 | ((lo >> 6) & 0x3F));
        out[i + 2] = static_cast<char>(0x80 | (lo & 0x3F));
      }
      i += 3;
      continue;
    }
    out = FastLowerSlow(w);
    return;
  }
}

std::string FastLower(std::string_view w) {
  std::string out;
  LowerInto(w, &out);
  return out;
}

bool IsPunctTok(const Tok& t, std::string_view p) { return t.punct && t.low == p; }

bool IsPunctByte(char c) {
  return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"' || c == '!' ||
         c == '?';
}

// Bytes that can never end a word in Tokenize: not white space, not punctuation, not '.',
// and not 0xC2 or 0xE2 (which start NBSP and the curly quotes).
constexpr std::array<bool, 256> kWordByteTable() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ';' || c == ':' ||
             c == '(' || c == ')' || c == '"' || c == '!' || c == '?' || c == '.' || c == 0xC2 ||
             c == 0xE2);
  return t;
}
constexpr std::array<bool, 256> kWordByte = kWordByteTable();

// Words and punctuation of `s`. With `first_sentence`, stops after the full stop that ends
// the first sentence (the token after it is kept, so callers can see the sentence ended):
// most questions are about the first sentence, and paragraphs run long.
std::vector<Tok> Tokenize(std::string_view s, bool first_sentence = false) {
  std::vector<Tok> out;
  out.reserve(first_sentence ? 48 : s.size() / 5 + 4);
  std::size_t i = 0;
  const bool stop_next = first_sentence;
  auto space_at = [&](std::size_t k) {
    if (k >= s.size()) return true;
    unsigned char c = s[k];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
    return c == 0xC2 && k + 1 < s.size() && static_cast<unsigned char>(s[k + 1]) == 0xA0;
  };
  auto quote_at = [&](std::size_t k) {  // “ ” ‘ ’
    return k + 2 < s.size() && static_cast<unsigned char>(s[k]) == 0xE2 &&
           static_cast<unsigned char>(s[k + 1]) == 0x80 &&
           (static_cast<unsigned char>(s[k + 2]) >= 0x98 &&
            static_cast<unsigned char>(s[k + 2]) <= 0x9D);
  };
  while (i < s.size()) {
    if (space_at(i)) {
      i += static_cast<unsigned char>(s[i]) == 0xC2 ? 2 : 1;
      continue;
    }
    if (stop_next && out.size() > 1 && IsPunctTok(out[out.size() - 2], ".") &&
        (out.back().upper || out.back().punct))
      break;
    // The token is built in place at the end of `out`.
    Tok& t = out.emplace_back();
    t.b = i;
    if (IsPunctByte(s[i]) || quote_at(i)) {
      i += quote_at(i) ? 3 : 1;
      t.e = i;
      t.punct = true;
      t.low.assign(s.substr(t.b, t.e - t.b));
      continue;
    }
    if (s[i] == '.') {
      // A full stop or "./." ends a sentence; "5.2" keeps its dots.
      bool digit_after = i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]));
      if (!digit_after) {
        ++i;
        t.e = i;
        t.punct = true;
        t.low = ".";
        continue;
      }
    }
    while (i < s.size()) {
      // Most bytes are plain word bytes: one table look-up instead of the three tests.
      if (kWordByte[static_cast<unsigned char>(s[i])]) {
        ++i;
        continue;
      }
      if (space_at(i) || IsPunctByte(s[i]) || quote_at(i)) break;
      if (s[i] == '.') {
        bool more =
            i + 1 < s.size() && !space_at(i + 1) && !IsPunctByte(s[i + 1]) && s[i + 1] != '.';
        if (!more) break;
      }
      ++i;
    }
    if (i == t.b) ++i;  // a lone '.' handled above; never stall
    t.e = i;
    std::string_view w = s.substr(t.b, t.e - t.b);
    LowerInto(w, &t.low);
    std::size_t k = 0;
    t.upper = IsUpperCp(Decode(w, &k));
  }
  return out;
}

bool IsPunct(const Tok& t, std::string_view p) { return t.punct && t.low == p; }

// A list of phrases matched word by word at a token position, longest first.
class PhraseList {
 public:
  PhraseList() = default;
  // exact: compare the printed words (for capitalised heads); otherwise lower case.
  PhraseList(const std::vector<std::string>& phrases, bool exact) : exact_(exact) {
    for (const auto& p : phrases) {
      std::string norm(p);
      std::vector<Tok> toks = Tokenize(norm);
      if (toks.empty()) continue;
      std::vector<std::string> words;
      for (const auto& t : toks) words.push_back(exact ? norm.substr(t.b, t.e - t.b) : t.low);
      by_first_[words.front()].push_back(std::move(words));
    }
    for (auto& [k, v] : by_first_)
      std::sort(v.begin(), v.end(),
                [](const auto& a, const auto& b) { return a.size() > b.size(); });
  }
  // Number of tokens matched at t[i] (0 when none).
  std::size_t Match(std::string_view text, const std::vector<Tok>& t, std::size_t i) const {
    if (i >= t.size()) return 0;
    auto key = [&](std::size_t k) -> std::string_view {
      return exact_ ? text.substr(t[k].b, t[k].e - t[k].b) : std::string_view(t[k].low);
    };
    auto it = by_first_.find(key(i));
    if (it == by_first_.end()) return 0;
    for (const auto& words : it->second) {
      if (i + words.size() > t.size()) continue;
      bool ok = true;
      for (std::size_t k = 1; k < words.size() && ok; ++k) ok = key(i + k) == words[k];
      if (ok) return words.size();
    }
    return 0;
  }

 private:
  bool exact_ = false;
  // Looked up by string_view (no copy of the token per look-up).
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };
  std::unordered_map<std::string, std::vector<std::vector<std::string>>, Hash, std::equal_to<>>
      by_first_;
};

std::string Capitalize(std::string s) {
  if (s.empty()) return s;
  std::size_t i = 0;
  char32_t c = Decode(s, &i);
  if (IsUpperCp(c) || LowerCp(c) != c) return s;
  std::string up = Upper(s.substr(0, i));
  return up + s.substr(i);
}

bool StartsWithAny(std::string_view folded, const std::vector<std::string>& prefixes) {
  for (const auto& p : prefixes)
    if (folded.substr(0, p.size()) == p &&
        (folded.size() == p.size() || !std::isalnum(static_cast<unsigned char>(folded[p.size()]))))
      return true;
  return false;
}

// A cheap test before a phrase list is matched on tokens: does the text open with one of
// the phrases? Folds only as many bytes as the longest phrase, plus one for the word
// boundary.
struct OpeningGate {
  std::vector<std::string> folded;
  std::size_t bytes = 1;
  void Add(const std::string& phrase) {
    folded.push_back(Fold(phrase));
    bytes = std::max(bytes, phrase.size() + 1);
  }
  bool Opens(std::string_view s) const {
    return StartsWithAny(Fold(s.substr(0, std::min(s.size(), bytes))), folded);
  }
};

// ---- structure ------------------------------------------------------------------------

enum class Kind { kRoot, kChapter, kArticle, kRoman, kNumber, kLetter, kBullet };

struct Node {
  Kind kind = Kind::kRoot;
  std::vector<std::string> parts;  // "5", "2" for "5.2."; the letter; the article number
  std::string id;
  int parent = -1;
  std::vector<int> children;
  int bullets = 0;
  std::string head;                // the label line without its label
  std::vector<std::string> paras;  // unlabeled paragraphs that continue it
  std::size_t first_line = 0, last_line = 0;
  std::vector<std::string> root_context;  // addressees of the document when it began
  bool excluded = false;
  bool dated = false;  // a provision outside the implementing articles that fixes a time limit
  bool lead_in = false;  // ... or the "X có trách nhiệm:" line over such provisions
  std::vector<DeadlineMatch> limits;  // a dated item's deadlines, read when it was found
};

struct Clause {
  std::vector<std::string> assignees;
  bool named = false;      // the clause names who acts
  bool directive = false;  // ... through a directive verb ("đề nghị X", "giao X")
  bool lead_self = false;  // "X chủ trì"
  bool account = false;    // "X đã ...": tells what a body did, orders nothing
  std::vector<std::string> cooperating;
  std::string action;
};

}  // namespace

struct TaskExtractor::Impl {
  explicit Impl(const RuleSet& rules) : bodies(rules), deadlines(rules) {
    auto S = [&](const char* key) { return rules.Strings("tasks", key); };
    directive = PhraseList(S("directive_verbs"), false);
    for (const auto& w : S("directive_blockers")) blockers.insert(FastLower(w));
    heads = PhraseList(S("assignee_heads"), false);
    heads_cap = PhraseList(S("assignee_heads_capitalized"), true);
    split_words = PhraseList(S("assignee_split_words"), false);
    starters = PhraseList(S("action_starters"), false);
    circumstance = PhraseList(S("circumstance_phrases"), false);
    for (const auto& w : S("clause_openers")) openers_folded.push_back(Fold(w));
    openers = PhraseList(S("clause_openers"), false);
    intros = PhraseList(S("list_intros"), false);
    heading_prefixes = PhraseList(S("heading_prefixes"), false);
    responsibility = PhraseList(S("responsibility_markers"), false);
    modals = PhraseList(S("modal_words"), false);
    post_name_openers = PhraseList(S("post_name_openers"), false);
    agent_verbs = PhraseList(S("passive_agent_verbs"), false);
    non_heads = PhraseList(S("non_heads"), false);
    report_verbs = PhraseList(S("report_verbs"), false);
    report_stops = PhraseList(S("report_stops"), false);
    appositives = S("appositive_markers");
    for (const auto& p : S("compound_names")) compounds.push_back(Compile(p));
    non_task_sections = S("non_task_sections_folded");
    implementing = S("implementing_articles_folded");
    self_subjects = S("self_subjects_folded");
    const YAML::Node& f = rules.File("tasks");
    closing = Compile(f["closing_formula"].as<std::string>("x^"));
    article_words = S("article_words");
    chapter_words = S("chapter_words");
    bullet_marks = S("bullet_marks");
    extra_letters = S("extra_letters");
    auto gate = [&](const char* key) {
      std::string alt;
      for (const auto& w : S(key)) alt += (alt.empty() ? "" : "|") + RE2::QuoteMeta(w);
      return Compile("(?i)(?:" + (alt.empty() ? std::string("x^") : alt) + ")");
    };
    report_gate = gate("report_verbs");
    lead_in_gate = gate("responsibility_markers");
    {
      std::string alt;
      for (const auto& w : S("passive_agent_words"))
        alt += (alt.empty() ? "" : "|") + RE2::QuoteMeta(w);
      // The agent's name starts with a capital or a plural ("do Ban Thường trực ...", "do
      // các cơ quan ..."): "do" before a lower-case word is mostly "because".
      agent_gate = Compile("(?:^|\\s)(?i:" + (alt.empty() ? std::string("x^") : alt) +
                           ")\\s+(?:\\p{Lu}|các\\s|những\\s)");
    }
    {
      std::vector<std::string> limit_words = S("deadline_by");
      for (const auto& w : S("deadline_until")) limit_words.push_back(w);
      std::string alt;
      for (const auto& w : limit_words) alt += (alt.empty() ? "" : "|") + RE2::QuoteMeta(w);
      // The words, then (after "là", a time of day or "ngày") a number: "trước ngày 15",
      // "chậm nhất là 17 giờ", "đến hết ngày 31/12". Most "trước", "hạn" are no limit.
      limit_gate = Compile("(?i)(?:" + (alt.empty() ? std::string("x^") : alt) +
                           ")\\s+(?:là\\s+)?(?:ngày\\s+)?\\d");
    }
    directive_gate = gate("directive_verbs");
    lead_word = PhraseList(S("lead_words"), false);
    cooperate_word = PhraseList(S("cooperate_words"), false);
    for (const auto& w : S("report_prepositions")) report_preps.insert(FastLower(w));
    for (const auto& w : S("name_ties")) ties.insert(FastLower(w));
    for (const auto& w : S("name_prepositions")) name_preps.insert(FastLower(w));
    for (const auto& w : S("plural_words")) plurals.insert(FastLower(w));
    for (const auto& w : S("name_links")) links.insert(FastLower(w));
    for (const auto& w : S("narrative_words")) narrative.insert(FastLower(w));
    for (const auto& w : S("cooperate_prepositions")) cooperate_preps.insert(FastLower(w));
    for (const auto& w : S("passive_agent_words")) passive_agents.insert(FastLower(w));
    nominal_openers = PhraseList(S("nominal_openers"), false);
    actor_terms = PhraseList(S("actor_terms"), false);
    for (const auto& w : S("nominal_openers")) nominal_gate.Add(w);
    for (const auto& w : S("actor_terms")) actor_gate.Add(w);
    joined_name_heads = PhraseList(S("joined_name_heads"), true);
    distributive_heads = PhraseList(S("distributive_heads"), true);
    actor_term_ends = PhraseList(S("actor_term_ends"), false);
    possessive_agent = PhraseList(S("possessive_agent_words"), false);
    passive_marker = PhraseList(S("passive_markers"), false);
    shared_level = FastLower(f["shared_level"].as<std::string>("x^"));
    for (const auto& l : bodies.Levels()) levels.insert(Fold(l));
  }

  static std::unique_ptr<RE2> Compile(const std::string& p) {
    auto re = std::make_unique<RE2>(p);
    if (!re->ok()) throw std::runtime_error("rules/tasks.yaml: bad pattern: " + re->error());
    return re;
  }

  BodyNames bodies;
  DeadlineFinder deadlines;
  PhraseList directive, heads, heads_cap, split_words, starters, circumstance, openers, intros,
      heading_prefixes, responsibility, modals, report_verbs, report_stops, lead_word,
      cooperate_word, post_name_openers, non_heads, agent_verbs, nominal_openers,
      possessive_agent, passive_marker, actor_terms, actor_term_ends, joined_name_heads,
      distributive_heads;
  std::set<std::string> blockers, report_preps, levels, ties, name_preps, plurals, links,
      cooperate_preps, narrative, passive_agents;
  std::string shared_level;
  OpeningGate nominal_gate, actor_gate;  // cheap tests before the phrase lists
  std::vector<std::string> openers_folded, appositives, non_task_sections, implementing,
      self_subjects;
  std::vector<std::unique_ptr<RE2>> compounds;
  std::unique_ptr<RE2> closing, report_gate, directive_gate, limit_gate, agent_gate,
      lead_in_gate;
  std::vector<std::string> article_words, chapter_words, bullet_marks, extra_letters;

  // -- words ----------------------------------------------------------------------------

  // Length of a body's name head at t[i] ("các", "Thủ trưởng", "Sở"), 0 if none. A head that
  // is also a verb ("lãnh đạo") is a head only before "các"/"những" or a capital.
  std::size_t HeadAt(std::string_view s, const std::vector<Tok>& t, std::size_t i) const {
    if (i >= t.size() || t[i].punct) return 0;
    std::size_t n = std::max(heads_cap.Match(s, t, i), heads.Match(s, t, i));
    if (!n) return 0;
    std::size_t verb = starters.Match(s, t, i);
    if (verb > n || non_heads.Match(s, t, i) >= n) return 0;  // "Báo cáo", not "Báo"
    if (verb == n) {
      std::size_t j = i + n;
      if (j >= t.size() || t[j].punct) return 0;
      if (!(t[j].upper || plurals.count(t[j].low))) return 0;
    }
    return n;
  }

  // A lower-case action word begins at t[k], and the word before it does not tie it to a
  // list or a name ("các cơ quan, tổ chức", "được giao").
  bool ActionAt(std::string_view s, const std::vector<Tok>& t, std::size_t k) const {
    if (k >= t.size() || t[k].punct || t[k].upper) return false;
    if (!starters.Match(s, t, k)) return false;
    if (k == 0) return true;
    const Tok& p = t[k - 1];
    // "..., căn cứ chức năng, nhiệm vụ": a qualifier ends a name even after a comma.
    if (IsPunct(p, ",")) return post_name_openers.Match(s, t, k) > 0;
    return !ties.count(p.low);
  }

  // End (exclusive) of the body's name starting at t[start]: the first action word. npos
  // when the sentence ends first.
  std::size_t NameEnd(std::string_view s, const std::vector<Tok>& t, std::size_t start,
                      std::size_t limit, bool colon_ends = false, bool* account = nullptr) const {
    int depth = 0;
    for (std::size_t k = start + 1; k < limit; ++k) {
      const Tok& x = t[k];
      if (x.punct) {
        if (x.low == "(") ++depth;
        if (x.low == ")" && depth > 0) --depth;
        if (depth == 0 && x.low == ":" && colon_ends && k + 1 == t.size()) return k;
        if (depth == 0 && (x.low == ":" || x.low == ".")) return std::string::npos;
        continue;
      }
      if (depth > 0) continue;
      // "UBND huyện đã ban hành ...": an account of what was done, not an order.
      if (!x.upper && narrative.count(x.low)) {
        if (account) *account = true;
        return std::string::npos;
      }
      if (ActionAt(s, t, k)) return k;
      if (k - start > 60) break;
    }
    return std::string::npos;
  }

  bool InCompound(std::string_view s, std::size_t from, std::size_t to, std::size_t pos) const {
    re2::StringPiece in(s.data(), s.size());
    re2::StringPiece m;
    for (const auto& re : compounds) {
      std::size_t p = from;
      while (p < to && re->Match(in, p, to, RE2::UNANCHORED, &m, 1)) {
        std::size_t b = m.data() - s.data(), e = b + m.size();
        if (pos >= b && pos < e) return true;
        p = std::max(e, p + 1);
      }
    }
    return false;
  }

  std::string CleanName(std::string n) const {
    for (const auto& a : appositives) {
      std::size_t p = n.find(" " + a);
      if (p != std::string::npos && p > 0) n = n.substr(0, p);
    }
    n = Trim(n, ",;:.-");
    return Capitalize(Squash(n));
  }

  // One name runs over t[from, to): no punctuation and no second head after the first.
  bool NoHeadBetween(std::string_view s, const std::vector<Tok>& t, std::size_t from,
                     std::size_t to) const {
    for (std::size_t k = from + joined_name_heads.Match(s, t, from); k < to; ++k)
      if (t[k].punct || HeadAt(s, t, k)) return false;
    return true;
  }

  // "Các chi, đảng bộ, các cơ quan, đơn vị" -> {"Các chi, đảng bộ", "Các cơ quan, đơn vị"}.
  std::vector<std::string> SplitNames(std::string_view s, const std::vector<Tok>& t,
                                      std::size_t from, std::size_t to) const {
    std::vector<std::string> out;
    if (from >= to) return out;
    const std::size_t sb = t[from].b, se = t[to - 1].e;
    std::size_t seg = from;
    bool prep = false;
    std::string prev_segment;
    auto push = [&](std::size_t a, std::size_t b) {
      while (a < b && t[a].punct) ++a;
      while (b > a && t[b - 1].punct && t[b - 1].low != ")") --b;
      if (a >= b) return;
      std::string name(s.substr(t[a].b, t[b - 1].e - t[a].b));
      if (t[a].low == shared_level && !prev_segment.empty()) {
        // "UBND cấp huyện, cấp xã": the head is shared.
        std::size_t p = prev_segment.find(" " + shared_level + " ");
        if (p != std::string::npos) name = prev_segment.substr(0, p) + " " + name;
      }
      prev_segment = name;
      out.push_back(CleanName(name));
    };
    // "Thường trực Hội đồng Dân tộc, các Ủy ban của Quốc hội", "Thường trực HĐND cấp tỉnh,
    // cấp xã": the standing body of each, one assignee; a capital still starts another.
    const bool distributive = distributive_heads.Match(s, t, from) > 0;
    for (std::size_t k = from; k < to; ++k) {
      const Tok& x = t[k];
      if (!x.punct && name_preps.count(x.low)) prep = true;
      bool comma = IsPunct(x, ","), semi = IsPunct(x, ";"), va = !x.punct && links.count(x.low);
      if (!(comma || semi || va)) continue;
      std::size_t nx = k + 1;
      if (comma && nx < to && links.count(t[nx].low)) ++nx;
      if (nx >= to) continue;
      bool split = semi;
      if (!split && !InCompound(s, sb, se, x.b)) {
        std::size_t first = seg;
        while (first < k && t[first].punct) ++first;
        if (t[nx].upper && !t[nx].punct) {
          // "Cục Hàng hải và Đường thủy Việt Nam", "Liên đoàn Thương mại và Công nghiệp Việt
          // Nam": after an organisation's head, "và" before a capitalised word that starts no
          // body of its own joins two fields inside one name.
          split = !(va && !comma && !HeadAt(s, t, nx) && joined_name_heads.Match(s, t, first) &&
                    NoHeadBetween(s, t, first, k));
        }
        else if (distributive && (plurals.count(t[nx].low) || t[nx].low == shared_level))
          split = false;
        else if (split_words.Match(s, t, nx) && !(comma && prep && plurals.count(t[nx].low)))
          split = true;
        else if (t[nx].low == shared_level)
          split = true;
      }
      if (!split) continue;
      push(seg, k);
      seg = nx;
      prep = false;
    }
    push(seg, to);
    return out;
  }

  bool SelfSubject(std::string_view s, const std::vector<Tok>& t, std::size_t i) const {
    if (i + 1 >= t.size()) return false;
    std::string two = Fold(s.substr(t[i].b, t[i + 1].e - t[i].b));
    std::string three = i + 2 < t.size() ? Fold(s.substr(t[i].b, t[i + 2].e - t[i].b)) : "";
    for (const auto& x : self_subjects)
      if (x == two || x == three) return true;
    return false;
  }

  bool OpenerAt(std::string_view s, const std::vector<Tok>& t, std::size_t i) const {
    if (i >= t.size() || t[i].punct) return false;
    if (openers.Match(s, t, i)) return true;
    // Typing slips such as "Đề" for "Để": compare without marks, one word only.
    std::string f = Fold(s.substr(t[i].b, t[i].e - t[i].b));
    for (const auto& o : openers_folded)
      if (o == f) return true;
    return false;
  }

  // -- clauses --------------------------------------------------------------------------

  Clause Parse(std::string_view s) const {
    Clause c;
    std::vector<Tok> t = Tokenize(s, /*first_sentence=*/true);
    const std::size_t n = t.size();
    if (n == 0) return c;
    std::size_t limit = n;  // the first sentence
    for (std::size_t k = 0; k + 1 < n; ++k)
      if (IsPunct(t[k], ".") && (t[k + 1].upper || t[k + 1].punct) && k > 0) {
        limit = k;
        break;
      }
    std::size_t pos = 0;
    // "Yêu cầu: Báo cáo phải ..." — a label, not an addressee.
    if (std::size_t m = directive.Match(s, t, 0); m && m < n && IsPunct(t[m], ":")) {
      pos = m + 1;
    } else {
      bool opened = OpenerAt(s, t, 0);
      std::size_t seg = 0;
      for (std::size_t i = 0; i < limit; ++i) {
        if (IsPunct(t[i], ";")) seg = i + 1;
        std::size_t m = directive.Match(s, t, i);
        if (!m) continue;
        if (i > 0 && blockers.count(t[i - 1].low)) continue;
        std::size_t j = i + m;
        if (!HeadAt(s, t, j)) continue;
        bool ok = i == 0 || i == seg || (t[i - 1].punct && t[i - 1].low != "(") || opened;
        if (!ok && seg < i && (t[seg].upper || HeadAt(s, t, seg))) {
          ok = true;  // "UBND tỉnh yêu cầu ...": the issuer names itself first
          for (std::size_t k = seg; k < i && ok; ++k) ok = !ActionAt(s, t, k);
        }
        if (!ok) continue;
        // An addressing sentence names its addressees up to the colon.
        std::size_t end = NameEnd(s, t, j, limit, /*colon_ends=*/true);
        if (end == std::string::npos) continue;
        c.assignees = SplitNames(s, t, j, end);
        c.named = c.directive = true;
        pos = end;
        break;
      }
      if (!c.directive) {
        std::size_t p = 0, order_at = 0;
        if (std::size_t m = circumstance.Match(s, t, 0)) {
          p = m;
        } else if (OpenerAt(s, t, 0)) {
          // The subject follows the opening clause's comma. A lower-case body after a comma
          // that closes another body's name continues a list ("Căn cứ hướng dẫn của các bộ,
          // cơ quan trung ương ..."); "chủ trì"/"phối hợp" after a comma means no subject is
          // named ("Trong quá trình thực hiện, nếu có vướng mắc, chủ trì ...").
          std::size_t seg = 1;
          for (std::size_t k = 1; k + 1 < limit; ++k) {
            if (!IsPunct(t[k], ",")) continue;
            const Tok& nx = t[k + 1];
            if (HeadAt(s, t, k + 1)) {
              bool list = false;
              if (!nx.upper && !plurals.count(nx.low))
                for (std::size_t j = seg; j < k && !list; ++j) list = HeadAt(s, t, j) > 0;
              if (!list) {
                p = k + 1;
                break;
              }
            } else if (!nx.punct && !nx.upper && !starters.Match(s, t, 0) &&
                       (lead_word.Match(s, t, k + 1) || cooperate_word.Match(s, t, k + 1))) {
              // Only "chủ trì"/"phối hợp" say so surely: other verbs after a comma may follow
              // a subject no head word announces ("..., cơ sở giáo dục ... gửi ..., bố trí").
              order_at = k + 1;
              break;
            }
            seg = k + 1;
          }
        }
        if (p == 0 && order_at > 0) {
          pos = order_at;
        } else if (HeadAt(s, t, p) && !SelfSubject(s, t, p)) {
          std::size_t end = NameEnd(s, t, p, limit, false, &c.account);
          if (end != std::string::npos) {
            c.assignees = SplitNames(s, t, p, end);
            c.named = true;
            pos = end;
          }
        } else if (p > 0 && !OpenerAt(s, t, 0)) {
          pos = p;
        }
      }
    }
    // Between the body and its action: "cần", "có trách nhiệm", "theo chức năng, nhiệm vụ".
    for (int guard = 0; guard < 4 && pos < limit; ++guard) {
      if (std::size_t m = modals.Match(s, t, pos)) {
        pos += m;
        continue;
      }
      if (std::size_t m = circumstance.Match(s, t, pos)) {
        pos += m;
        continue;
      }
      if (std::size_t m = post_name_openers.Match(s, t, pos);
          c.named && m && m >= starters.Match(s, t, pos)) {
        std::size_t k = pos + 1;
        while (k < limit && !ActionAt(s, t, k) &&
               !(IsPunct(t[k - 1], ",") && !t[k].upper && starters.Match(s, t, k)))
          ++k;
        if (k < limit) {
          pos = k;
          continue;
        }
      }
      if (IsPunct(t[pos], ",")) {
        ++pos;
        continue;
      }
      break;
    }
    // "chủ trì, phối hợp (với) X ...", "phối hợp (với) X ..."
    if (std::size_t m = lead_word.Match(s, t, pos)) {
      c.lead_self = true;
      pos += m;
      while (pos < limit && IsPunct(t[pos], ",")) ++pos;
    }
    if (std::size_t m = cooperate_word.Match(s, t, pos)) {
      std::size_t q = pos + m;
      if (q < limit && cooperate_preps.count(t[q].low)) ++q;
      if (HeadAt(s, t, q)) {
        std::size_t end = NameEnd(s, t, q, limit);
        if (end != std::string::npos) {
          c.cooperating = SplitNames(s, t, q, end);
          pos = end;
        }
      }
    }
    if (pos >= n) return c;
    std::size_t end = limit < n ? t[limit].b : s.size();
    c.action = Trim(s.substr(t[pos].b, end - t[pos].b), ".,;:/ ");
    return c;
  }

  // The body that results are reported to: "báo cáo kết quả về UBND huyện (qua Phòng Nội vụ)".
  // A directive verb occurs somewhere in `s` (one pass; Parse is far dearer).
  bool MayDirect(std::string_view s) const {
    return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *directive_gate);
  }

  std::optional<std::string> ReportTo(std::string_view s) const {
    if (!RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *report_gate)) return std::nullopt;
    std::vector<Tok> t = Tokenize(s);
    for (std::size_t i = 0; i < t.size(); ++i) {
      std::size_t m = report_verbs.Match(s, t, i);
      if (!m) continue;
      std::size_t j = i + m, start = std::string::npos;
      for (std::size_t k = j; k < t.size() && k < j + 8; ++k) {
        if (t[k].punct && t[k].low != ",") break;
        if (k == j && HeadAt(s, t, k) && !plurals.count(t[k].low)) {
          start = k;
          break;
        }
        if (report_preps.count(t[k].low) && HeadAt(s, t, k + 1)) {
          start = k + 1;
          break;
        }
      }
      if (start == std::string::npos) continue;
      std::size_t end = start + 1;
      for (; end < t.size(); ++end) {
        if (t[end].punct && InCompound(s, t[start].b, s.size(), t[end].b)) continue;
        if (t[end].punct) {
          if (t[end].low == "(") {
            std::size_t close = end;
            while (close < t.size() && t[close].low != ")") ++close;
            if (close == t.size()) break;
            end = close;
            continue;
          }
          break;
        }
        if (InCompound(s, t[start].b, s.size(), t[end].b)) continue;
        if (!t[end].upper && report_stops.Match(s, t, end)) break;
        if (end - start > 20) break;
      }
      return Squash(s.substr(t[start].b, t[end - 1].e - t[start].b));
    }
    return std::nullopt;
  }

  // -- structure ------------------------------------------------------------------------

  struct Label {
    Kind kind = Kind::kRoot;
    std::vector<std::string> parts;
    std::string rest;
  };

  // Reads a list label at the start of `line` without regular expressions: this runs on
  // every body line, and most lines are prose that a glance at the first bytes rules out.
  std::optional<Label> LabelOf(const std::string& line) const {
    if (line.empty()) return std::nullopt;
    auto digits = [&](std::size_t p, std::size_t max) {
      std::size_t q = p;
      while (q < line.size() && q - p < max && std::isdigit(static_cast<unsigned char>(line[q])))
        ++q;
      return q;
    };
    auto rest_from = [&](std::size_t p) {
      while (p < line.size() && line[p] == ' ') ++p;
      return line.substr(p);
    };
    Label l;
    const unsigned char c0 = line[0];
    // "1.", "5.2.", "2.1", "3)": numbers of one or two digits joined by dots.
    if (std::isdigit(c0)) {
      std::size_t p = 0;
      for (;;) {
        std::size_t q = digits(p, 3);
        if (q == p || q - p > 2) return std::nullopt;
        l.parts.push_back(line.substr(p, q - p));
        p = q;
        if (p < line.size() && line[p] == '.' && p + 1 < line.size() &&
            std::isdigit(static_cast<unsigned char>(line[p + 1]))) {
          ++p;
          continue;
        }
        break;
      }
      bool closed = p < line.size() && (line[p] == '.' || line[p] == ')');
      if (closed) ++p;
      // "1 " alone is a count, not a label; "2.1 Nội dung" (no final dot) is a label.
      if (!closed && (l.parts.size() < 2 || p >= line.size() || line[p] != ' '))
        return std::nullopt;
      if (p < line.size() && std::isdigit(static_cast<unsigned char>(line[p]))) return std::nullopt;
      l.kind = Kind::kNumber;
      l.rest = rest_from(p);
      return l;
    }
    // "a)", "đ)".
    if (c0 >= 'a' && c0 <= 'z' && line.size() > 1 && line[1] == ')') {
      l.kind = Kind::kLetter;
      l.parts = {line.substr(0, 1)};
      l.rest = rest_from(2);
      return l;
    }
    for (const auto& letter : extra_letters)
      if (line.compare(0, letter.size(), letter) == 0 && line.size() > letter.size() &&
          line[letter.size()] == ')') {
        l.kind = Kind::kLetter;
        l.parts = {letter};
        l.rest = rest_from(letter.size() + 1);
        return l;
      }
    // Bullets.
    for (const auto& b : bullet_marks)
      if (line.compare(0, b.size(), b) == 0) {
        l.kind = Kind::kBullet;
        l.rest = rest_from(b.size());
        return l;
      }
    // "Điều 5.", "Chương II", "Mục 1".
    auto word_then_number = [&](const std::vector<std::string>& words, bool roman_ok,
                                std::size_t* after) -> std::string {
      for (const auto& w : words) {
        if (line.compare(0, w.size(), w) != 0 || line.size() <= w.size() + 1 ||
            line[w.size()] != ' ')
          continue;
        std::size_t p = w.size();
        while (p < line.size() && line[p] == ' ') ++p;
        std::size_t q = p;
        while (q < line.size() && (std::isdigit(static_cast<unsigned char>(line[q])) ||
                                   (roman_ok && std::strchr("IVXLC", line[q]))))
          ++q;
        if (q == p) continue;
        if (!roman_ok && q < line.size() && line[q] >= 'a' && line[q] <= 'z') ++q;  // "28a"
        *after = q;
        return line.substr(p, q - p);
      }
      return "";
    };
    std::size_t after = 0;
    if (std::string n = word_then_number(article_words, false, &after); !n.empty()) {
      if (after < line.size() && (line[after] == '.' || line[after] == ':')) {
        l.kind = Kind::kArticle;
        l.parts = {n};
        l.rest = rest_from(after + 1);
        return l;
      }
    }
    if (std::string n = word_then_number(chapter_words, true, &after); !n.empty()) {
      if (after == line.size() || line[after] == ' ' || line[after] == '.' || line[after] == ':') {
        l.kind = Kind::kChapter;
        l.rest = line;
        return l;
      }
    }
    // "II. NHIỆM VỤ".
    if (std::strchr("IVXL", c0)) {
      std::size_t q = 0;
      while (q < line.size() && q < 5 && std::strchr("IVXL", line[q])) ++q;
      if (q < line.size() && (line[q] == '.' || line[q] == ')') && q + 1 < line.size() &&
          line[q + 1] == ' ') {
        l.kind = Kind::kRoman;
        l.parts = {line.substr(0, q)};
        l.rest = rest_from(q + 1);
        return l;
      }
    }
    return std::nullopt;
  }

  static bool EndsWithColon(std::string_view s) {
    std::string t = Trim(s);
    return !t.empty() && t.back() == ':';
  }

  static bool EndsTerminal(std::string_view s) {
    std::string t = Trim(s);
    if (t.empty()) return false;
    char c = t.back();
    return c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
  }

  // Places a new item in the tree; returns its parent.
  int Place(std::vector<Node>& nodes, std::vector<int>& stack, const Label& l) const {
    auto pop_to = [&](std::size_t keep) { stack.resize(keep); };
    auto find = [&](auto pred) -> int {
      for (int k = static_cast<int>(stack.size()) - 1; k >= 0; --k)
        if (pred(nodes[stack[k]])) return k;
      return -1;
    };
    switch (l.kind) {
      case Kind::kChapter:
        pop_to(0);
        break;
      case Kind::kArticle: {
        int k = find([](const Node& n) { return n.kind == Kind::kChapter; });
        pop_to(k + 1);
        break;
      }
      case Kind::kRoman: {
        int k = find(
            [](const Node& n) { return n.kind == Kind::kChapter || n.kind == Kind::kArticle; });
        pop_to(k + 1);
        break;
      }
      case Kind::kNumber: {
        const std::size_t depth = l.parts.size();
        std::vector<std::string> prefix(l.parts.begin(), l.parts.end() - 1);
        int k = -1;
        if (depth == 1) {
          k = find([](const Node& n) { return n.kind == Kind::kNumber && n.parts.size() == 1; });
          if (k >= 0) {
            pop_to(k);
            break;
          }
        } else {
          k = find([&](const Node& n) { return n.kind == Kind::kNumber && n.parts == prefix; });
          if (k >= 0) {
            pop_to(k + 1);
            break;
          }
          k = find([&](const Node& n) {
            return n.kind == Kind::kNumber && n.parts.size() == depth &&
                   std::equal(prefix.begin(), prefix.end(), n.parts.begin());
          });
          if (k >= 0) {
            pop_to(k);
            break;
          }
        }
        break;
      }
      case Kind::kLetter: {
        int k = find([](const Node& n) { return n.kind == Kind::kLetter; });
        if (k >= 0) pop_to(k);
        break;
      }
      case Kind::kBullet: {
        int k = find([](const Node& n) { return n.kind == Kind::kBullet; });
        if (k >= 0) pop_to(k);
        break;
      }
      case Kind::kRoot:
        break;
    }
    return stack.empty() ? 0 : stack.back();
  }

  static std::string IdOf(const std::vector<Node>& nodes, int parent, const Label& l,
                          int bullet_no) {
    const Node& p = nodes[parent];
    bool has_parent = parent != 0 && p.kind != Kind::kChapter && !p.id.empty();
    switch (l.kind) {
      case Kind::kArticle:
        return l.parts[0];
      case Kind::kChapter:
        return "";
      case Kind::kNumber:
        if (has_parent) return p.id + "." + l.parts.back();
        {
          std::string id;
          for (const auto& x : l.parts) id += (id.empty() ? "" : ".") + x;
          return id;
        }
      case Kind::kBullet:
        return (has_parent ? p.id + "." : std::string()) + "-" + std::to_string(bullet_no);
      default:
        return has_parent ? p.id + "." + l.parts[0] : l.parts[0];
    }
  }

  // -- headings -------------------------------------------------------------------------

  struct HeadReading {
    std::vector<std::string> assignees;  // the body the heading names
    std::string rest;                    // the head's own text after the heading part
    bool topic = false;                  // a title that names a topic, not a body
  };

  HeadReading ReadHead(const std::string& head, bool title) const {
    HeadReading r;
    // A head that is no title names a body only before a colon: without one, it is all text
    // (and clauses run long: not worth tokenising here).
    if (!title && head.find(':') == std::string::npos) {
      r.rest = head;
      return r;
    }
    std::vector<Tok> t = Tokenize(head, /*first_sentence=*/true);
    if (t.empty()) return r;
    std::size_t colon = std::string::npos;
    for (std::size_t k = 0; k < t.size() && k < 25; ++k)
      if (IsPunct(t[k], ":")) {
        colon = k;
        break;
      }
    auto rest_after = [&](std::size_t k) {
      return k + 1 < t.size() ? Trim(std::string_view(head).substr(t[k + 1].b)) : std::string();
    };
    // The name ends before "có trách nhiệm" when a heading says so.
    auto name_end = [&](std::size_t from, std::size_t to) {
      for (std::size_t k = from; k < to; ++k)
        if (responsibility.Match(head, t, k)) return k;
      return to;
    };
    if (std::size_t m = heading_prefixes.Match(head, t, 0); m && HeadAt(head, t, m)) {
      if (colon != std::string::npos) {
        r.assignees = SplitNames(head, t, m, name_end(m, colon));
        r.rest = rest_after(colon);
        return r;
      }
      if (title) {
        r.assignees = SplitNames(head, t, m, name_end(m, t.size()));
        return r;
      }
      r.rest = head;
      return r;
    }
    if (HeadAt(head, t, 0) && !SelfSubject(head, t, 0)) {
      if (colon != std::string::npos) {
        std::size_t end = name_end(0, colon);
        bool plain = true;
        for (std::size_t k = 1; k < end && plain; ++k) plain = !ActionAt(head, t, k);
        // "Cơ quan thực hiện báo cáo có trách nhiệm:": the marker closes the name, whatever
        // verbs the name holds.
        bool marked = end < colon && end + responsibility.Match(head, t, end) == colon;
        if (plain || marked) {
          r.assignees = SplitNames(head, t, 0, end);
          r.rest = rest_after(colon);
          return r;
        }
      } else if (title) {
        r.assignees = SplitNames(head, t, 0, name_end(0, t.size()));
        return r;
      }
    }
    if (title) {
      r.topic = true;
      return r;
    }
    r.rest = head;
    return r;
  }

  // "...; trong đó:" — the text before the intro is an order of its own.
  bool OrderBeforeIntro(std::string_view s) const {
    std::vector<Tok> t = Tokenize(s);
    if (t.size() < 3 || !IsPunct(t.back(), ":")) return false;
    std::size_t k = t.size() - 1;
    // Find the last ';' and check that only an intro follows it.
    std::size_t semi = std::string::npos;
    for (std::size_t i = 0; i < k; ++i)
      if (IsPunct(t[i], ";")) semi = i;
    if (semi == std::string::npos || semi == 0) return false;
    std::size_t m = intros.Match(s, t, semi + 1);
    return m && semi + 1 + m == k;
  }

  // The line fixes a time limit ("chậm nhất là ngày 15 tháng 12 năm 2025", "trước ngày 15
  // hằng tháng"). A cheap word gate first: most lines have none of the words.
  // A date before the document's own is history ("hoạt động cách mạng trước ngày
  // 01/01/1945"), not a limit.
  // `found`: every deadline of the line, kept for the task it becomes.
  bool FixesLimit(std::string_view line, int year, std::string_view doc_date,
                  std::vector<DeadlineMatch>* found) const {
    // Every limit has a number: most lines of an article have none and end here.
    if (std::none_of(line.begin(), line.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      return false;
    if (!RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), *limit_gate)) return false;
    *found = deadlines.FindAll(line, year, doc_date);
    for (const auto& m : *found)
      if (m.limit && !(m.deadline.date && doc_date.size() == 10 && *m.deadline.date < doc_date))
        return true;
    return false;
  }

  // The agent of a passive sentence: "… được tổ chức … do Ban Thường trực … triệu tập" ->
  // {"Ban Thường trực …"}; empty when none is named.
  std::vector<std::string> PassiveAgent(std::string_view s) const {
    if (!RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *agent_gate)) return {};
    std::vector<Tok> t = Tokenize(s, /*first_sentence=*/true);
    for (std::size_t k = 1; k + 1 < t.size(); ++k) {
      if (t[k].punct || t[k].upper || !passive_agents.count(t[k].low)) continue;
      if (!HeadAt(s, t, k + 1)) continue;
      std::size_t end = NameEnd(s, t, k + 1, t.size());
      if (end != std::string::npos && agent_verbs.Match(s, t, end))
        return SplitNames(s, t, k + 1, end);
    }
    return {};
  }

  // The agent of a nominalised passive: "Việc giới thiệu … của các cơ quan, tổ chức, đơn vị
  // được tiến hành …" -> {"các cơ quan, tổ chức, đơn vị"}: the body after "của" directly
  // before "được" + an agent verb. Empty unless the sentence opens with "Việc".
  std::vector<std::string> PossessiveAgent(std::string_view s) const {
    if (!nominal_gate.Opens(s)) return {};
    std::vector<Tok> t = Tokenize(s.substr(0, std::min<std::size_t>(s.size(), 400)),
                                  /*first_sentence=*/true);
    if (t.empty() || !nominal_openers.Match(s, t, 0)) return {};
    for (std::size_t k = 1; k + 1 < t.size(); ++k) {
      if (t[k].punct) {
        if (IsPunct(t[k], ",")) continue;
        return {};  // the agent is in the sentence's subject, before any ";" or "."
      }
      if (!possessive_agent.Match(s, t, k) || !HeadAt(s, t, k + 1)) continue;
      // "của các cơ quan", "của Ban …"; "biên bản … của cơ quan" owns a thing, names no agent.
      if (!t[k + 1].upper && !plurals.count(t[k + 1].low)) continue;
      // The name runs to "được" + an agent verb; a comma may join list members only.
      for (std::size_t e = k + 2; e + 1 < t.size(); ++e) {
        if (t[e].punct && !IsPunct(t[e], ",")) break;
        std::size_t m = passive_marker.Match(s, t, e);
        if (!m) continue;
        if (agent_verbs.Match(s, t, e + m)) return SplitNames(s, t, k + 1, e);
        break;
      }
    }
    return {};
  }

  // A clause that defines who acts by a term: "Đối tượng thực hiện báo cáo định kỳ được xác
  // định cụ thể tại …" -> {"Đối tượng thực hiện báo cáo định kỳ"}; empty otherwise.
  std::vector<std::string> ActorTerm(std::string_view s) const {
    if (!actor_gate.Opens(s)) return {};
    std::vector<Tok> t = Tokenize(s.substr(0, std::min<std::size_t>(s.size(), 160)),
                                  /*first_sentence=*/true);
    std::size_t n = t.empty() ? 0 : actor_terms.Match(s, t, 0);
    if (!n) return {};
    for (std::size_t k = n; k < t.size() && k < n + 8; ++k) {
      if (t[k].punct || actor_term_ends.Match(s, t, k))
        return k > n ? std::vector<std::string>{std::string(s.substr(t[0].b, t[k - 1].e - t[0].b))}
                     : std::vector<std::string>{};
    }
    return {};
  }

  // The paragraph may open with a body's name or a directive verb: a capital or one of the
  // lower-case heads in its first bytes (most continuation paragraphs start otherwise).
  bool MayName(std::string_view p) const {
    std::vector<Tok> t = Tokenize(p.substr(0, std::min<std::size_t>(p.size(), 60)));
    return !t.empty() && (HeadAt(p, t, 0) || directive.Match(p, t, 0) || OpenerAt(p, t, 0));
  }

  // "X có trách nhiệm:" — a responsibility marker occurs in the line.
  bool MayBeLeadIn(std::string_view s) const {
    return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *lead_in_gate);
  }

  bool IsClosing(const std::string& action) const {
    return RE2::FullMatch(FastLower(action), *closing);
  }

  // folded: Fold of each of `recipients`, made once per document by the caller.
  std::vector<std::string> ToRecipients(std::vector<std::string> names,
                                        const std::vector<std::string>& recipients,
                                        const std::vector<std::string>& folded) const {
    for (auto& a : names) {
      std::string fa = Fold(a);
      for (std::size_t k = 0; k < recipients.size(); ++k) {
        const std::string& r = recipients[k];
        const std::string& fr = folded[k];
        if (fr == fa) {
          a = r;
          break;
        }
        if (fr.size() > fa.size() + 1 && fr.compare(0, fa.size(), fa) == 0 &&
            fr[fa.size()] == ' ' && levels.count(fr.substr(fa.size() + 1))) {
          a = r;
          break;
        }
      }
    }
    return names;
  }

  std::vector<Task> Extract(const DocumentText& doc, const Document& header) const;
};

std::vector<Task> TaskExtractor::Impl::Extract(const DocumentText& doc,
                                               const Document& header) const {
  std::vector<Task> tasks;
  const int year = YearOf(header.date);
  const std::string doc_date = header.date.value_or("");
  // Parse depends on its text only, and the same paragraph is often read two or three
  // times (to place it, as a free order, as an item's first paragraph): read it once.
  std::unordered_map<std::string, Clause> parsed;
  std::vector<std::string> folded_recipients;
  for (const auto& r : header.recipients) folded_recipients.push_back(Fold(r));
  auto parse = [&](const std::string& text) -> const Clause& {
    auto it = parsed.find(text);
    if (it == parsed.end()) it = parsed.emplace(text, Parse(text)).first;
    return it->second;
  };
  std::vector<Node> nodes(1);
  std::vector<int> stack;
  std::vector<std::string> root_context;
  struct Free {
    std::string text;
    std::size_t line;
    int after_node;
  };
  std::vector<Free> frees;
  bool free_mode = false;
  const std::size_t end_line = std::min(doc.footer_begin_line, doc.lines.size());
  // A normative document (articles) holds tasks only in its implementing articles: the
  // others are passed over without reading their words.
  auto starts_with_word = [](std::string_view s, const std::vector<std::string>& words) {
    for (const auto& w : words)
      if (s.size() > w.size() && s.compare(0, w.size(), w) == 0 && s[w.size()] == ' ') return true;
    return false;
  };
  bool normative = false;
  for (std::size_t i = doc.header_end_line; i < end_line && !normative; ++i) {
    std::string_view bare = doc.Line(i);
    if (!starts_with_word(bare, article_words)) continue;
    std::optional<Label> l = LabelOf(std::string(bare));
    normative = l && l->kind == Kind::kArticle;
  }
  bool skipping = normative;  // the preamble before the first article
  bool preamble = normative;
  // Outside the implementing articles a provision that fixes a time limit is still an
  // order ("Chậm nhất là ngày …, Ủy ban … tiến hành …"): such lines are read, the rest
  // passed over. `skipped_item`: a line of the current article was passed over, so an
  // unlabeled line may continue it rather than open the article.
  bool skipped_item = false;
  for (std::size_t i = doc.header_end_line; i < end_line; ++i) {
    if (doc.lines[i].begin >= doc.body_end) break;
    bool dated = false, lead_in = false;
    std::vector<DeadlineMatch> line_limits;
    if (skipping) {
      std::string_view bare = doc.Line(i);
      if (!starts_with_word(bare, article_words) && !starts_with_word(bare, chapter_words)) {
        if (preamble) continue;
        lead_in = EndsWithColon(bare);
        dated = !lead_in && FixesLimit(bare, year, doc_date, &line_limits);
        if (!dated && !lead_in) {
          if (!bare.empty()) skipped_item = true;
          continue;
        }
      }
    }
    // Lines come normalised (markdown stripped, spaces collapsed) and end at the footer.
    std::string line(doc.Line(i));
    if (line.empty()) continue;
    bool quoted = line[0] == '"' || line.compare(0, 3, "“") == 0;
    std::optional<Label> l = quoted ? std::nullopt : LabelOf(line);
    if (normative && l && l->kind == Kind::kArticle) {
      bool titled = !EndsTerminal(l->rest) && CountWords(l->rest) <= 30;
      skipping = titled &&
                 !StartsWithAny(Fold(l->rest.substr(0, std::min<std::size_t>(l->rest.size(), 80))),
                                implementing);
      preamble = false;
      skipped_item = false;
    }
    if (skipping && !dated && !lead_in && l && l->kind != Kind::kArticle &&
        l->kind != Kind::kChapter)
      continue;
    if (!l && normative && skipping && (dated || lead_in) && !skipped_item && !stack.empty() &&
        nodes[stack.back()].kind == Kind::kArticle) {
      // "Điều 24. <title>" then "Chậm nhất là ngày …, X tiến hành …": the article's order;
      // "Các cơ quan … có trách nhiệm:": who its provisions are for.
      Node& a = nodes[stack.back()];
      a.paras.push_back(line);
      a.last_line = i;
      (dated ? a.dated : a.lead_in) = true;
      continue;
    }
    if (!l && normative && (skipping || stack.empty())) continue;
    if (!l) {
      // "ĐIỀU KHOẢN THI HÀNH", "QUYẾT ĐỊNH:" (any ASCII small letter rules it out at once).
      bool small =
          std::any_of(line.begin(), line.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
      if (!quoted && !small && IsAllUpper(line)) continue;
      int top = stack.empty() ? 0 : stack.back();
      bool attach = false;
      if (top != 0 && !free_mode) {
        Node& n = nodes[top];
        bool waiting = n.paras.empty() && !EndsTerminal(n.head);
        // In a normative document every paragraph belongs to its clause ("Đề nghị Chính phủ
        // ..." under khoản 1 is khoản 1's): there are no free orders.
        attach = normative || waiting || quoted || !MayDirect(line) || !parse(line).directive;
      }
      if (attach) {
        nodes[top].paras.push_back(line);
        nodes[top].last_line = i;
      } else {
        free_mode = true;
        frees.push_back({line, i, static_cast<int>(nodes.size())});
        if (EndsWithColon(line)) {
          const Clause& c = parse(line);
          if (c.directive) root_context = c.assignees;
        }
      }
      continue;
    }
    free_mode = false;
    int parent = Place(nodes, stack, *l);
    Node n;
    n.kind = l->kind;
    n.parts = l->parts;
    n.parent = parent;
    int bullet_no = l->kind == Kind::kBullet ? ++nodes[parent].bullets : 0;
    n.id = IdOf(nodes, parent, *l, bullet_no);
    n.head = l->rest;
    n.first_line = n.last_line = i;
    n.root_context = root_context;
    n.dated = dated;
    n.lead_in = lead_in;
    if (dated) n.limits = std::move(line_limits);
    nodes.push_back(std::move(n));
    int idx = static_cast<int>(nodes.size()) - 1;
    nodes[parent].children.push_back(idx);
    stack.push_back(idx);
  }

  // Which items may hold tasks: not descriptive sections; in normative documents only the
  // implementing articles (and untitled articles, which are orders themselves).
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    Node& n = nodes[i];
    const Node* p = n.parent > 0 ? &nodes[n.parent] : nullptr;
    if (n.dated) continue;
    if (p && p->excluded) {
      n.excluded = true;
      continue;
    }
    std::string f = Fold(n.head.substr(0, std::min<std::size_t>(n.head.size(), 80)));
    bool heading = !EndsTerminal(n.head) || EndsWithColon(n.head) || !n.children.empty();
    if (heading && StartsWithAny(f, non_task_sections)) n.excluded = true;
    if (!normative) continue;
    if (n.kind == Kind::kArticle) {
      // An article with clauses under it has a title; one without is an order itself.
      bool titled =
          !n.children.empty() || (!EndsTerminal(n.head) && CountWords(n.head) <= 30);
      if (titled && !StartsWithAny(f, implementing)) n.excluded = true;
    } else if (n.kind != Kind::kChapter) {
      bool in_article = false;
      for (int a = n.parent; a > 0; a = nodes[a].parent)
        if (nodes[a].kind == Kind::kArticle) in_article = true;
      if (!in_article) n.excluded = true;
    }
  }

  // Read every item: its heading, its own order, its context for the items below it.
  struct Reading {
    std::vector<std::string> context;  // assignees for the items below (and itself)
    std::optional<Clause> order;
    std::string text;  // all its own words, for deadlines and reports
    std::optional<std::string> report_to;
    // Later paragraphs of the item that address other bodies ("Bộ Tư pháp tăng cường ...",
    // "Đề nghị Chính phủ chỉ đạo ..."): orders of their own under the same id.
    std::vector<std::pair<Clause, const std::string*>> more;
  };
  std::vector<Reading> reads(nodes.size());
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    if ((n.excluded && !n.lead_in) || n.kind == Kind::kChapter || n.kind == Kind::kRoman) continue;
    Reading& r = reads[i];
    bool has_children = false;
    for (int c : n.children)
      if (!nodes[c].excluded) has_children = true;
    bool title = !EndsTerminal(n.head) && (has_children || !n.paras.empty()) &&
                 CountWords(n.head) <= 25;
    // An article's title names its subject ("Tổ chức thực hiện"), never a body.
    HeadReading h =
        (n.kind == Kind::kArticle && title) ? HeadReading{{}, "", true} : ReadHead(n.head, title);
    r.context = h.assignees;
    r.text = n.head;
    for (const auto& p : n.paras) r.text += " " + p;
    std::string candidate = !h.rest.empty() ? h.rest : !n.paras.empty() ? n.paras[0] : "";
    bool from_para = h.rest.empty();
    r.report_to = ReportTo(r.text);
    if (!n.excluded)
      for (std::size_t k = from_para ? 1 : 0; k < n.paras.size(); ++k) {
        const std::string& p = n.paras[k];
        if (EndsWithColon(p) || !MayName(p)) continue;
        const Clause& e = parse(p);
        if (e.named && !e.account && CountWords(e.action) >= 2 && !IsClosing(e.action))
          r.more.emplace_back(e, &p);
      }
    if (candidate.empty()) continue;
    Clause c = parse(candidate);
    if (EndsWithColon(candidate)) {
      if (c.directive) {
        if (r.context.empty()) r.context = c.assignees;
      } else if (HeadReading lead = r.context.empty() && MayBeLeadIn(candidate)
                                        ? ReadHead(candidate, false)
                                        : HeadReading{};
                 !lead.assignees.empty() && lead.rest.empty()) {
        r.context = lead.assignees;  // "Các cơ quan … có trách nhiệm:" over the items below
      } else if (OrderBeforeIntro(candidate)) {
        std::size_t semi = c.action.rfind(';');
        if (semi != std::string::npos) c.action = Trim(c.action.substr(0, semi), ";, ");
        r.order = c;
      }
      continue;
    }
    if (c.account) continue;
    if (!c.named && !c.action.empty()) {
      std::vector<Tok> t = Tokenize(c.action, /*first_sentence=*/true);
      if (!t.empty() && narrative.count(t[0].low)) continue;  // "Đã ban hành ..."
    }
    if (from_para && h.topic && !c.named && !n.dated) {
      // A topic title over a paragraph that describes rather than orders.
      std::vector<Tok> t = Tokenize(c.action, /*first_sentence=*/true);
      if (!starters.Match(c.action, t, 0)) continue;
    }
    r.order = c;
  }

  auto context_of = [&](int i, bool within_article) -> std::optional<std::vector<std::string>> {
    for (int a = i; a > 0; a = nodes[a].parent) {
      if (!reads[a].context.empty()) return reads[a].context;
      if (within_article && nodes[a].kind == Kind::kArticle) return std::nullopt;
    }
    if (within_article) return std::nullopt;
    if (!nodes[i].root_context.empty()) return nodes[i].root_context;
    if (!header.recipients.empty()) return header.recipients;
    return std::nullopt;
  };

  auto fill = [&](Task* t, const Clause& c, const std::string& text,
                  const std::optional<std::string>* report,
                  const std::vector<DeadlineMatch>* known = nullptr) {
    t->action = c.action;
    if (c.lead_self && t->assignees.size() == 1) t->lead = t->assignees[0];
    t->cooperating = c.cooperating;
    std::vector<DeadlineMatch> all =
        known ? *known : deadlines.FindAll(text, year, header.date.value_or(""));
    if (auto d = DeadlineFinder::Pick(all)) {
      t->deadline = d->deadline;
      if (d->recurrence) t->recurrence = d->recurrence;
    }
    for (const auto& m : all)
      if (!t->recurrence && m.recurrence) t->recurrence = m.recurrence;
    t->report_to = report ? *report : ReportTo(text);
  };

  std::vector<std::pair<std::size_t, Task>> ordered;  // by first line
  // Per article: the lines that name a passive agent, and the agents.
  std::unordered_map<int, std::vector<std::pair<std::size_t, std::vector<std::string>>>>
      article_agents;
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    const Reading& r = reads[i];
    if (n.excluded || !r.order) continue;
    const Clause& c = *r.order;
    if (CountWords(c.action) < 2 || IsClosing(c.action)) continue;
    Task t;
    t.id = n.id;
    if (c.named) {
      t.assignees = c.assignees;
    } else if (auto ctx = context_of(static_cast<int>(i), normative)) {
      t.assignees = *ctx;
    } else if (normative && !n.dated) {
      continue;  // a provision nobody is charged with (unless it fixes a date for something)
    }
    if (t.assignees.empty() && n.dated) t.assignees = PassiveAgent(r.text);
    if (t.assignees.empty()) t.assignees = PossessiveAgent(r.text);
    if (t.assignees.empty() && n.dated) {
      // "Hội nghị … được tổ chức từ ngày … đến ngày …" names nobody: the bodies that convene
      // or act in the other clauses of its article ("… do X triệu tập, chủ trì") do it.
      int a = static_cast<int>(i);
      while (a > 0 && nodes[a].kind != Kind::kArticle) a = nodes[a].parent;
      if (a > 0) {
        auto hit = article_agents.find(a);
        if (hit == article_agents.end()) {
          // The agents of each line of the article, read once for all its dated items.
          std::size_t to = end_line;
          for (std::size_t k = a + 1; k < nodes.size(); ++k)
            if (nodes[k].kind == Kind::kArticle || nodes[k].kind == Kind::kChapter) {
              to = nodes[k].first_line;
              break;
            }
          std::vector<std::pair<std::size_t, std::vector<std::string>>> found;
          for (std::size_t k = nodes[a].first_line + 1; k < to; ++k) {
            std::string line(doc.Line(k));
            std::optional<Label> l = LabelOf(line);
            std::vector<std::string> bodies = PassiveAgent(l ? l->rest : line);
            if (bodies.empty()) bodies = ActorTerm(l ? l->rest : line);
            if (!bodies.empty()) found.emplace_back(k, std::move(bodies));
          }
          hit = article_agents.emplace(a, std::move(found)).first;
        }
        for (const auto& [k, bodies] : hit->second) {
          if (k >= n.first_line && k <= n.last_line) continue;
          for (const auto& body : bodies)
            if (std::find(t.assignees.begin(), t.assignees.end(), body) == t.assignees.end())
              t.assignees.push_back(body);
        }
      }
    }
    t.assignees = ToRecipients(t.assignees, header.recipients, folded_recipients);
    // A dated item read on its own line: its deadlines are known already.
    fill(&t, c, r.text, &r.report_to, n.dated && n.paras.empty() ? &n.limits : nullptr);
    if (!t.report_to) {
      for (int a = n.parent; a > 0 && !t.report_to; a = nodes[a].parent)
        if (!reads[a].order && reads[a].report_to) t.report_to = reads[a].report_to;
    }
    t.span = {doc.lines[n.first_line].begin, doc.lines[n.last_line].end};
    ordered.emplace_back(n.first_line, std::move(t));
    for (const auto& [e, para] : r.more) {
      Task x;
      x.id = n.id;
      x.assignees = ToRecipients(e.assignees, header.recipients, folded_recipients);
      fill(&x, e, *para, nullptr);
      x.span = {doc.lines[n.first_line].begin, doc.lines[n.last_line].end};
      ordered.emplace_back(n.first_line, std::move(x));
    }
  }
  if (!normative) {
    // A directive paragraph restated by the next one to the same bodies, with no item in
    // between, is one order: the later, fuller wording stands.
    int last_after = -1;
    std::size_t last_index = 0;
    std::vector<bool> dropped;
    std::vector<std::pair<std::size_t, Task>> from_frees;
    for (const Free& f : frees) {
      if (EndsWithColon(f.text)) continue;
      const Clause& c = parse(f.text);
      if (!c.directive || CountWords(c.action) < 2 || IsClosing(c.action)) continue;
      Task t;
      t.assignees = ToRecipients(c.assignees, header.recipients, folded_recipients);
      fill(&t, c, f.text, nullptr);
      t.span = {doc.lines[f.line].begin, doc.lines[f.line].end};
      if (!from_frees.empty() && last_after == f.after_node &&
          from_frees[last_index].second.assignees == t.assignees)
        dropped[last_index] = true;
      last_after = f.after_node;
      last_index = from_frees.size();
      from_frees.emplace_back(f.line, std::move(t));
      dropped.push_back(false);
    }
    for (std::size_t k = 0; k < from_frees.size(); ++k)
      if (!dropped[k]) ordered.push_back(std::move(from_frees[k]));
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [line, t] : ordered) tasks.push_back(std::move(t));
  return tasks;
}

TaskExtractor::TaskExtractor(const RuleSet& rules) : impl_(std::make_unique<Impl>(rules)) {}
TaskExtractor::~TaskExtractor() = default;

std::vector<Task> TaskExtractor::Extract(const DocumentText& doc, const Document& header,
                                         const Locality&) const {
  return impl_->Extract(doc, header);
}

std::string CanonicalAssignee(const BodyNames& names, std::string_view printed,
                              const Locality& where) {
  static const std::vector<std::string> kAppositives = [] {
    Result<RuleSet> rules = RuleSet::LoadEmbedded();
    return rules ? rules.value().Strings("tasks", "appositive_markers")
                 : std::vector<std::string>{};
  }();
  std::string n = Squash(printed);
  for (const auto& a : kAppositives) {
    std::size_t p = n.find(" " + a);
    if (p != std::string::npos && p > 0) n = n.substr(0, p);
  }
  n = Trim(n, ",;:.");
  return Capitalize(names.Resolve(n, where));
}

}  // namespace vanban
