#include "extractors/header.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "extractors/citation_key.h"
#include "extractors/dates.h"
#include "pipeline/normalize.h"
#include "pipeline/vntext.h"

namespace vanban {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool EndsWithSemicolon(std::string_view s) { return !s.empty() && (s.back() == ';' || s.back() == '.'); }

std::string StripBullet(std::string_view s) {
  std::string t = Trim(s);
  while (!t.empty() && (t[0] == '-' || t[0] == '+')) t = Trim(std::string_view(t).substr(1));
  if (StartsWith(t, "•")) t = Trim(std::string_view(t).substr(3));
  return t;
}

}  // namespace

struct HeaderExtractor::Impl {
  explicit Impl(const RuleSet& rules)
      : words(rules), bodies(rules), keys(rules),
        number_line(rules.File("layout")["number_line_regex"].as<std::string>()),
        issuing_sentence(rules.File("header")["issuing_sentence_regex"].as<std::string>("x^")) {
    for (const auto& [k, v] : rules.Pairs("doc_types", "headings")) headings[k] = v;
    for (const auto& [k, v] : rules.Pairs("header", "urgency")) urgency[k] = v;
    for (const auto& s : rules.Strings("header", "secrecy")) secrecy.push_back(s);
    subject_prefixes = rules.Strings("header", "subject_prefixes");
    for (const auto& w : rules.Strings("header", "passing_words")) passing_words.push_back(Fold(w));
    positions = rules.Strings("header", "positions");
    std::sort(positions.begin(), positions.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const auto& p : positions) positions_upper.push_back(Upper(p));
    issuer_names = rules.Pairs("issuers", "codes");
    for (const auto& n : rules.Strings("issuers", "names")) issuer_names.emplace_back(n, n);
    for (const auto& [code, name] : issuer_names) {
      issuer_by_upper.emplace(Upper(name), name);
    }
    for (const auto& l : rules.Strings("bodies", "province_level")) province_levels.push_back(l);
    for (const auto& l : rules.Strings("bodies", "district_level")) district_levels.push_back(l);
    for (const auto& l : rules.Strings("bodies", "commune_level")) commune_levels.push_back(l);
    for (const auto& t : rules.File("doc_types")["types"]) {
      std::string name = NormalizeString(t["name"].as<std::string>());
      type_names.push_back({name, SplitWords(name).size()});
    }
    std::vector<std::string> nw = rules.Strings("citations", "number_words");
    number_word = nw.empty() ? "số" : Lower(Trim(nw.front(), ":"));
  }

  struct TypeName {
    std::string name;   // "Nghị định"
    std::size_t words;  // 2
  };
  std::vector<TypeName> type_names;
  std::string number_word;  // "số"

  LayoutWords words;
  BodyNames bodies;
  CitationKeys keys;
  RE2 number_line;
  RE2 issuing_sentence;
  std::map<std::string, std::string> headings, urgency;
  std::vector<std::string> secrecy, subject_prefixes, positions;
  std::vector<std::string> passing_words;  // folded
  std::vector<std::string> positions_upper;  // same order as positions
  // Known issuer names by their capitals ("CHÍNH PHỦ" -> "Chính phủ").
  std::map<std::string, std::string> issuer_by_upper;
  // A joint issuer cell ("ỦY BAN THƯỜNG VỤ QUỐC HỘI CHÍNH PHỦ - ĐOÀN CHỦ TỊCH ...") read as
  // the known bodies it is made of, in order; empty unless it is two or more of them and
  // nothing else.
  std::vector<std::string> JointIssuers(const std::vector<std::string>& printed) const {
    std::string up;
    for (const auto& l : printed) up += (up.empty() ? "" : " ") + Upper(Squash(l));
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < up.size()) {
      if (up[i] == ' ' || up[i] == '-' || up[i] == ',') {
        ++i;
        continue;
      }
      if (up.compare(i, 3, "VÀ ") == 0) {
        i += 3;
        continue;
      }
      std::size_t best = 0;
      const std::string* name = nullptr;
      for (const auto& [u, n] : issuer_by_upper)
        if (u.size() > best && up.compare(i, u.size(), u) == 0 &&
            (i + u.size() == up.size() || up[i + u.size()] == ' ' || up[i + u.size()] == ',')) {
          best = u.size();
          name = &n;
        }
      if (!name) return {};
      out.push_back(*name);
      i += best;
    }
    if (out.size() < 2) return {};
    return out;
  }
  std::vector<std::pair<std::string, std::string>> issuer_names;
  std::vector<std::string> province_levels, district_levels, commune_levels;

  std::optional<std::string> Heading(std::string_view line) const {
    auto it = headings.find(Upper(Trim(line, ":")));
    if (it == headings.end()) return std::nullopt;
    return it->second;
  }
  // The day a law or resolution was passed, from its closing clause ("… thông qua ngày
  // 10 tháng 12 năm 2025"): the last such line of the body, read from the end.
  std::optional<std::string> PassingDate(const DocumentText& doc) const {
    std::size_t end = std::min(doc.footer_begin_line, doc.lines.size());
    std::size_t stop = end > 40 ? end - 40 : 0;
    for (std::size_t i = end; i-- > std::max(stop, doc.header_end_line);) {
      std::string_view line = doc.Line(i);
      std::string folded = Fold(line);
      for (const std::string& w : passing_words) {
        if (folded.find(w) == std::string::npos) continue;
        std::vector<DateMatch> dates = FindAllDates(line);
        if (!dates.empty() && dates.back().year) return dates.back().Iso();
      }
    }
    return std::nullopt;
  }
  bool IsUrgency(std::string_view line, std::string* out) const {
    auto it = urgency.find(Upper(Trim(line, ".:")));
    if (it == urgency.end()) return false;
    if (out) *out = it->second;
    return true;
  }
  bool IsSecrecy(std::string_view line) const {
    return std::find(secrecy.begin(), secrecy.end(), Upper(Trim(line))) != secrecy.end();
  }
  std::optional<std::string> SubjectAfterPrefix(std::string_view line) const {
    for (const auto& p : subject_prefixes) {
      if (Fold(line.substr(0, p.size())) != Fold(p)) continue;
      if (line.size() > p.size() && std::isalpha(static_cast<unsigned char>(line[p.size()]))) continue;
      std::string rest = Trim(line.substr(p.size()), ":.");
      return rest;
    }
    return std::nullopt;
  }
  // A subject printed in capitals, in sentence case, with what keeps capitals in running
  // text: "SỬA ĐỔI … NGHỊ ĐỊNH SỐ 71/2020/NĐ-CP … CỦA CHÍNH PHỦ" -> "Sửa đổi … Nghị định số
  // 71/2020/NĐ-CP … của Chính phủ" (numbers and symbols as printed, national bodies and
  // a type named before its number capitalised).
  std::string CaseCapsSubject(const std::string& caps) const {
    std::string cased = SentenceCase(caps, bodies.KeepUpper());
    std::vector<std::string> cw = SplitWords(caps), sw = SplitWords(cased);
    if (cw.size() != sw.size()) return cased;
    for (std::size_t k = 0; k < sw.size(); ++k)
      if (std::any_of(cw[k].begin(), cw[k].end(), [](char c) { return c >= '0' && c <= '9'; }))
        sw[k] = cw[k];
      else if (k + 1 < sw.size() && k > 0 && sw[k + 1] == number_word) {
        // "nghị định số": the type's first word, matched against the type names
        for (const auto& t : type_names)
          if (t.words == 1 && Lower(t.name) == sw[k]) sw[k] = t.name;
      }
    std::string out;
    for (const auto& w : sw) out += (out.empty() ? "" : " ") + w;
    // Two-word types ("thông tư số", "nghị quyết số") and national bodies.
    std::string low = Lower(out);
    if (low.size() != out.size()) return out;
    auto replace_all = [&](const std::string& name, bool before_number) {
      std::string ln = Lower(name);
      for (std::size_t p = low.find(ln); p != std::string::npos; p = low.find(ln, p + 1)) {
        std::size_t e = p + ln.size();
        bool left = p == 0 || low[p - 1] == ' ';
        bool right = e == low.size() || low[e] == ' ' || low[e] == ',' || low[e] == ';';
        if (!left || !right || p == 0) continue;
        if (before_number && low.compare(e, number_word.size() + 1, " " + number_word) != 0)
          continue;
        out.replace(p, ln.size(), name);
      }
    };
    for (const auto& t : type_names)
      if (t.words > 1) replace_all(t.name, true);
    for (const auto& b : bodies.KnownNames()) replace_all(b, false);
    return out;
  }
  // "CHỦ TỊCH UBND TỈNH" -> "Chủ tịch UBND tỉnh"
  std::string CasePosition(std::string_view caps) const {
    std::string s = Squash(caps);
    std::string up = Upper(s);
    for (std::size_t k = 0; k < positions.size(); ++k) {
      const std::string& p = positions[k];
      const std::string& pu = positions_upper[k];
      if (StartsWith(up, pu) && (up.size() == pu.size() || up[pu.size()] == ' ')) {
        std::string rest = Trim(std::string_view(s).substr(pu.size()));
        if (rest.empty()) return p;
        return p + " " + CaseBodyTail(rest);
      }
    }
    return CaseBodyTail(s, /*first_upper=*/true);
  }
  std::string CaseBodyTail(std::string_view caps, bool first_upper = false) const {
    std::string cased = bodies.FromCaps(caps);
    // A national body keeps its own capitals after a title: "Chủ tịch Quốc hội", "Phó Thủ
    // tướng Chính phủ".
    if (auto known = bodies.Known(caps); known && !first_upper) return *known;
    if (!first_upper && !cased.empty()) {
      // "Ủy ban nhân dân tỉnh" after a position stays as a body name; keep abbreviations.
      std::vector<std::string> w = SplitWords(caps);
      // Keep printed abbreviations (UBND) rather than expanding inside a title.
      std::string out;
      for (const auto& x : w) {
        if (!out.empty()) out.push_back(' ');
        out += bodies.KeepUpper().count(Upper(x)) ? x : Lower(x);
      }
      return out;
    }
    return cased;
  }
  // Position start: index of the first word where a known position begins.
  bool PositionAt(const std::vector<std::string>& w, std::size_t i) const {
    std::string rest;
    for (std::size_t k = i; k < w.size(); ++k) rest += (rest.empty() ? "" : " ") + w[k];
    std::string up = Upper(rest);
    for (const auto& pu : positions_upper) {
      if (StartsWith(up, pu) && (up.size() == pu.size() || up[pu.size()] == ' ')) return true;
    }
    return false;
  }
  std::string CaseAuthority(std::string_view unit) const;
  // A line under the title that names who enacts it ("THỦ TƯỚNG CHÍNH PHỦ",
  // "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...").
  bool IsAuthorityTitle(std::string_view line) const {
    if (issuer_by_upper.count(Upper(Squash(line)))) return true;
    return PositionAt(SplitWords(line), 0);
  }
  void Signer(const DocumentText& doc, Document* out) const;
  void Recipients(const DocumentText& doc, Document* out) const;
  void Distribution(const DocumentText& doc, Document* out) const;
  void Where(const DocumentText& doc, const Document& d, Locality* where) const;
  void InferIssuer(const DocumentText& doc, Document* out, const Locality& where) const;
};

std::string HeaderExtractor::Impl::CaseAuthority(std::string_view unit) const {
  std::string u = Squash(unit);
  for (const auto& p : words.authority_prefixes) {
    if (!StartsWith(u, p)) continue;
    std::string rest = Trim(std::string_view(u).substr(p.size()));
    std::string cased;
    if (PositionAt(SplitWords(rest), 0))
      cased = CasePosition(rest);
    else
      cased = bodies.FromCaps(rest);
    return p + " " + cased;
  }
  return PositionAt(SplitWords(u), 0) ? CasePosition(u) : bodies.FromCaps(u);
}

void HeaderExtractor::Impl::Signer(const DocumentText& doc, Document* out) const {
  std::size_t from = doc.footer_begin_line, to = std::min(doc.footer_end_line, doc.lines.size());
  if (from >= to) return;
  // Signature lines: skip the "Nơi nhận" list; gather capitals up to the signer's name.
  std::vector<std::string> caps;
  std::optional<std::string> name;
  bool in_list = false;
  // Joint documents sign side by side, one block per issuer, each on its line ("TM. ĐOÀN
  // CHỦ TỊCH ... Đỗ Văn Chiến", "TM. CHÍNH PHỦ ... Phạm Minh Chính", ...): the record's
  // signer is the lead issuer's (the first printed in the header), else the first block's.
  std::vector<std::size_t> blocks;
  for (std::size_t i = from; i < to; ++i) {
    std::string_view l = doc.Line(i);
    bool authority = false;
    for (const auto& p : words.authority_prefixes)
      if (StartsWith(l, p)) authority = true;
    if (authority && !IsAllUpper(l)) blocks.push_back(i);
  }
  std::optional<std::size_t> block;
  if (blocks.size() >= 2) {
    block = blocks[0];
    if (!out->issuer.printed.empty()) {
      const std::string lead = Upper(Squash(out->issuer.printed[0]));
      for (std::size_t b : blocks)
        if (Upper(doc.Line(b)).find(lead) != std::string::npos) {
          block = b;
          break;
        }
    }
  }
  for (std::size_t i = from; i < to; ++i) {
    if (block && i != *block && std::find(blocks.begin(), blocks.end(), i) != blocks.end())
      continue;
    std::string s(doc.Line(i));
    if (words.StartsWithFolded(s, words.distribution)) {
      in_list = true;
      continue;
    }
    // An item is "- ...;"; one whose dash a scan lost still ends with its semicolon.
    if (in_list && (StartsWith(s, "-") || StartsWith(s, "+") || (!s.empty() && s.back() == ';'))) continue;
    in_list = false;
    if (words.IsSignatureNoise(s)) continue;
    // Remove signature notes inside the line: "PHÓ THỦ TƯỚNG (Đã ký) Lê Thành Long".
    s = Squash(words.WithoutSignatureNotes(s));
    if (IsAllUpper(s)) {
      caps.push_back(s);
      continue;
    }
    // A line of capitals followed by the name in mixed case.
    std::vector<std::string> w = SplitWords(s);
    std::size_t k = w.size();
    // Name words: capitalised, not in capitals, except initials ("Phạm Thị T").
    while (k > 0 && StartsUpper(w[k - 1]) && (!IsAllUpper(w[k - 1]) || w[k - 1].size() == 1)) --k;
    if (k < w.size() && w.size() - k >= 2) {
      std::string upper_part, name_part;
      for (std::size_t j = 0; j < k; ++j) upper_part += (j ? " " : "") + w[j];
      for (std::size_t j = k; j < w.size(); ++j) name_part += (j > k ? " " : "") + w[j];
      if (!upper_part.empty()) {
        // Keep the capitals; words after them are a rank ("BỘ TRƯỞNG Đại tướng Tô Lâm").
        std::vector<std::string> uw = SplitWords(upper_part);
        std::string capital;
        for (const auto& x : uw) {
          if (!IsAllUpper(x)) break;
          capital += (capital.empty() ? "" : " ") + x;
        }
        if (capital.empty() && !caps.empty()) capital.clear();
        else if (capital.empty()) continue;
        if (!capital.empty()) caps.push_back(capital);
      }
      name = name_part;
      break;
    }
  }
  if (!name) return;
  std::string n = Trim(*name, ".,;");
  out->signer.name = IsAllUpper(n) ? TitleCase(n) : n;
  // A title wrapped in the signature column ("PHÓ THỦ TƯỚNG CHÍNH" / "PHỦ"): a short
  // line (one or two words) that opens with no authority prefix and no position goes on
  // with the line above.
  for (std::size_t k = 1; k < caps.size();) {
    std::vector<std::string> w = SplitWords(caps[k]);
    bool prefix = false;
    for (const auto& p : words.authority_prefixes) prefix |= !w.empty() && StartsWith(w[0], p);
    if (w.size() <= 2 && !prefix && !PositionAt(w, 0) && !IsAuthorityTitle(caps[k])) {
      caps[k - 1] += " " + caps[k];
      caps.erase(caps.begin() + static_cast<std::ptrdiff_t>(k));
    } else {
      ++k;
    }
  }
  // Units: split lines at authority prefixes ("TM. CHÍNH PHỦ KT. THỦ TƯỚNG").
  std::vector<std::string> units;
  for (const auto& line : caps) {
    std::vector<std::string> w = SplitWords(line);
    std::string cur;
    for (std::size_t j = 0; j < w.size(); ++j) {
      bool prefix = false;
      for (const auto& p : words.authority_prefixes)
        if (StartsWith(w[j], p)) prefix = true;
      if (prefix && !cur.empty()) {
        units.push_back(cur);
        cur.clear();
      }
      // "KT.CHỦ" -> "KT. CHỦ"
      std::string word = w[j];
      for (const auto& p : words.authority_prefixes)
        if (StartsWith(word, p) && word.size() > p.size()) word = p + " " + word.substr(p.size());
      cur += (cur.empty() ? "" : " ") + word;
    }
    if (!cur.empty()) units.push_back(cur);
  }
  if (units.empty()) return;
  // The last unit holds the position; an authority prefix in it ends before the position.
  std::string last = units.back();
  units.pop_back();
  std::string position = last;
  for (const auto& p : words.authority_prefixes) {
    if (!StartsWith(last, p)) continue;
    std::vector<std::string> w = SplitWords(std::string_view(last).substr(p.size()));
    std::optional<std::size_t> split;
    for (std::size_t j = 1; j < w.size(); ++j)
      if (PositionAt(w, j)) {
        split = j;
        break;
      }
    if (split) {
      std::string auth = p, pos;
      for (std::size_t j = 0; j < *split; ++j) auth += " " + w[j];
      for (std::size_t j = *split; j < w.size(); ++j) pos += (pos.empty() ? "" : " ") + w[j];
      units.push_back(auth);
      position = pos;
    } else {
      // "KT.CHỦ TỊCH" alone above the name: the deputy's own title is not printed.
      units.push_back(last);
      position = std::string(std::string_view(last).substr(p.size()));
    }
    break;
  }
  out->signer.position = CasePosition(Trim(position));
  std::string authority;
  for (const auto& u : units) authority += (authority.empty() ? "" : "\n") + CaseAuthority(u);
  if (!authority.empty()) out->signer.authority = authority;
}

void HeaderExtractor::Impl::Recipients(const DocumentText& doc, Document* out) const {
  for (std::size_t i = 0; i < doc.header_end_line && i < doc.lines.size(); ++i) {
    std::string_view l = doc.Line(i);
    if (!words.StartsWithFolded(l, words.recipients)) continue;
    std::size_t colon = l.find(':');
    std::string inline_rest = colon == std::string_view::npos ? "" : Trim(l.substr(colon + 1));
    std::vector<std::string> items;
    if (!inline_rest.empty()) items.push_back(StripBullet(inline_rest));
    for (std::size_t j = i + 1; j < doc.header_end_line; ++j) {
      std::string s(doc.Line(j));
      if (StartsWith(s, "-") || StartsWith(s, "+") || StartsWith(s, "•")) {
        items.push_back(StripBullet(s));
      } else if (!items.empty() && !words.IsMotto(s) && !FindDate(s)) {
        items.back() += " " + s;
      }
    }
    for (auto& it : items) {
      it = Trim(it, ";,.");
      if (!it.empty()) out->recipients.push_back(it);
    }
    return;
  }
}

void HeaderExtractor::Impl::Distribution(const DocumentText& doc, Document* out) const {
  for (std::size_t i = doc.footer_begin_line; i < doc.footer_end_line && i < doc.lines.size();
       ++i) {
    std::string_view l = doc.Line(i);
    if (!words.StartsWithFolded(l, words.distribution)) continue;
    std::size_t colon = l.find(':');
    std::string rest = colon == std::string_view::npos ? "" : std::string(l.substr(colon + 1));
    std::vector<std::string> items;
    auto add_inline = [&](std::string s) {
      // "- A; - B; - Lưu: VT." on one line.
      static const RE2 kSplit(R"(;\s*[-+]\s+)");
      RE2::GlobalReplace(&s, kSplit, "\n");
      std::size_t p = 0;
      while (p <= s.size()) {
        std::size_t nl = s.find('\n', p);
        if (nl == std::string::npos) nl = s.size();
        std::string item = StripBullet(std::string_view(s).substr(p, nl - p));
        if (!item.empty()) items.push_back(item);
        p = nl + 1;
      }
    };
    if (!Trim(rest).empty()) add_inline(rest);
    for (std::size_t j = i + 1; j < doc.footer_end_line && j < doc.lines.size(); ++j) {
      std::string s(doc.Line(j));
      if (StartsWith(s, "-") || StartsWith(s, "+") || StartsWith(s, "•")) {
        add_inline(s);
      } else if (!items.empty() && !IsAllUpper(s) && !words.IsAuthorityLine(s) &&
                 !EndsWithSemicolon(items.back()) && StartsLower(s)) {
        items.back() += " " + s;
      } else {
        break;
      }
    }
    for (auto& it : items) {
      it = Trim(it, ";,.");
      if (!it.empty()) out->distribution.push_back(it);
    }
    return;
  }
}

void HeaderExtractor::Impl::Where(const DocumentText& doc, const Document& d,
                                  Locality* where) const {
  auto take = [&](const std::string& name) {
    std::string lower = Lower(name);
    // Find "<level> <Place>" in the name.
    for (const auto& lv : bodies.Levels()) {
      std::string pat = " " + lv + " ";
      std::size_t at = (" " + lower).find(pat);
      if (at == std::string::npos) continue;
      std::size_t start = at + lv.size() + 1;  // in name coordinates
      if (start >= name.size()) continue;
      std::string place = Trim(std::string_view(name).substr(start));
      if (place.empty() || !StartsUpper(place)) continue;
      if (lv == "tỉnh" && where->province.empty()) where->province = place;
      if ((lv == "huyện" || lv == "thị xã" || lv == "quận") && where->district.empty()) {
        where->district = place;
        where->district_level = lv;
      }
      if ((lv == "xã" || lv == "phường" || lv == "thị trấn") && where->commune.empty()) {
        where->commune = place;
        where->commune_level = lv;
      }
      if (lv == "thành phố" && where->province.empty() && where->district.empty())
        where->province = place;
    }
  };
  if (d.issuer.name) take(*d.issuer.name);
  if (d.issuer.parent) take(*d.issuer.parent);
  // The province named most often in the text ("tỉnh Quảng Ngãi").
  if (where->province.empty()) {
    // Find "tỉnh"/"Tỉnh" by bytes, then read the name with an anchored pattern.
    static const RE2 kName(R"(((?:\p{Lu}[\pL]*)(?: \p{Lu}[\pL]*){0,3}))");
    std::map<std::string, int> counts;
    const std::string& t = doc.text;
    for (const char* word : {"tỉnh ", "Tỉnh "}) {
      for (std::size_t p = t.find(word); p != std::string::npos; p = t.find(word, p + 1)) {
        std::size_t at = p + std::strlen(word);
        re2::StringPiece in(t.data() + at, t.size() - at);
        std::string place;
        if (RE2::Consume(&in, kName, &place)) ++counts[place];
      }
    }
    int best = 0;
    for (const auto& [p, c] : counts)
      if (c > best) {
        best = c;
        where->province = p;
      }
  }
}

void HeaderExtractor::Impl::InferIssuer(const DocumentText& doc, Document* out,
                                        const Locality& where) const {
  // 1. The symbol's issuer code, placed by the document's own level ("TB-UBND" in a
  //    document that speaks of "Chủ tịch UBND xã" and is dated at Ba Bích).
  if (out->symbol) {
    std::string sym = keys.CanonicalSymbol(*out->symbol);
    std::size_t dash = sym.rfind('-'), slash = sym.rfind('/');
    std::size_t cut = std::max(dash == std::string::npos ? 0 : dash + 1,
                               slash == std::string::npos ? 0 : slash + 1);
    std::string code = sym.substr(cut);
    if (code == "UBND" || code == "HĐND") {
      std::string head = code == "UBND" ? "Ủy ban nhân dân" : "Hội đồng nhân dân";
      // Which level does the text give this body most often?
      std::string folded = Fold(doc.text);
      std::string fhead = Fold(head);
      std::map<std::string, int> counts;
      for (const auto& lv : bodies.Levels()) {
        std::string flv = Fold(lv);
        for (const std::string& form : {fhead + " " + flv, Fold(code) + " " + flv}) {
          for (std::size_t p = folded.find(form); p != std::string::npos;
               p = folded.find(form, p + 1)) {
            std::size_t after = p + form.size();
            if (after < folded.size() && std::isalpha(static_cast<unsigned char>(folded[after])))
              continue;
            ++counts[lv];
          }
        }
      }
      std::string level;
      int best = 0;
      for (const auto& [lv, c] : counts)
        if (c > best) {
          best = c;
          level = lv;
        }
      if (!level.empty()) {
        std::string place = out->place.value_or("");
        out->issuer.name = head + " " + level + (place.empty() ? "" : " " + place);
        return;
      }
    }
  }
  // 2. "<issuer> ban hành <type> ..." in the preamble.
  for (std::size_t i = 0; i < doc.lines.size() && i < 60; ++i) {
    std::string issuer, type;
    if (RE2::PartialMatch(doc.Line(i), issuing_sentence, &issuer, &type)) {
      std::string name = Trim(issuer);
      // "Bộ trưởng Bộ Tài chính" issues for the ministry; the Prime Minister signs as such.
      out->issuer.name = name;
      if (!out->type) out->type = type;
      return;
    }
  }
  (void)where;
}

HeaderExtractor::HeaderExtractor(const RuleSet& rules) : impl_(std::make_unique<Impl>(rules)) {}
HeaderExtractor::~HeaderExtractor() = default;

void HeaderExtractor::Extract(const DocumentText& doc, Document* out, Locality* where) const {
  const Impl& m = *impl_;
  const std::size_t header_end = std::min(doc.header_end_line, doc.lines.size());
  std::vector<std::string> issuer_lines;
  bool issuer_done = false;
  std::optional<std::size_t> heading_line;
  for (std::size_t i = 0; i < header_end; ++i) {
    std::string line(doc.Line(i));
    if (m.words.IsMotto(line)) {
      if (!issuer_lines.empty()) issuer_done = true;
      continue;
    }
    std::string number, sep, rest;
    if (!out->symbol && RE2::FullMatch(line, m.number_line, &number, &sep, &rest) &&
        (m.words.IsNumberLine(line))) {
      issuer_done = true;
      std::string sym;
      for (char c : Trim(rest)) sym.push_back(c);
      // A long symbol wrapped in a narrow header column ("Số: 102/2025/NQLT -" /
      // "UBTVQH15 - CP"): while it ends at a separator, the next line of capitals,
      // digits and separators goes on with it.
      static const RE2 kSymbolPart(R"([\p{Lu}\d]+(?:\s*[/\-.]\s*[\p{Lu}\d]*)*)");
      auto open_end = [&] {
        std::string_view t = sym.empty() ? std::string_view(sep) : std::string_view(sym);
        return !t.empty() && (t.back() == '/' || t.back() == '-') && !number.empty();
      };
      while (open_end() && i + 1 < header_end && RE2::FullMatch(Trim(doc.Line(i + 1)), kSymbolPart) &&
             !m.Heading(std::string(doc.Line(i + 1))))
        sym += Trim(doc.Line(++i));
      // The symbol is the first token once spaces around its separators are closed up.
      static const RE2 kSpaces(R"(\s*([/\-])\s*)");
      RE2::GlobalReplace(&sym, kSpaces, "\\1");
      sym = sym.substr(0, sym.find(' '));
      sym = Trim(sym, ",.;:");
      if (!sym.empty() && (sym[0] == '/' || sym[0] == '-')) sym = sym.substr(1);
      if (!number.empty()) out->number = number;
      if (!sym.empty()) out->symbol = sym;
      continue;
    }
    // "Ba Bích, ngày 10 tháng 01 năm 2024": the date, and the place before it.
    auto header_date = [&](const std::string& l) {
      auto d = FindDate(l);
      if (!d || out->date || d->begin >= 60) return false;
      std::string before = Trim(std::string_view(l).substr(0, d->begin), ",");
      if (before.size() >= 60 || l.size() - d->end >= 10) return false;
      out->date = d->Iso();
      if (!before.empty() && before.find(' ') != std::string::npos ? before.size() < 40 : !before.empty())
        out->place = before;
      return true;
    };
    if (header_date(line)) {
      issuer_done = true;
      continue;
    }
    if (auto subj = m.SubjectAfterPrefix(line); subj && !out->subject) {
      std::string s = *subj;
      for (std::size_t j = i + 1; j < header_end; ++j) {
        std::string_view next = doc.Line(j);
        if (doc.lines[j].blank_before || m.words.IsMotto(next) || m.words.IsNumberLine(next) ||
            IsAllUpper(next) || FindDate(next) ||
            m.words.StartsWithFolded(next, m.words.recipients))
          break;
        s += " " + std::string(next);
        i = j;
      }
      out->subject = Trim(s, ".");
      issuer_done = true;
      continue;
    }
    std::string urgency;
    if (m.IsUrgency(line, &urgency)) {
      out->urgency = urgency;
      continue;
    }
    if (m.IsSecrecy(line)) continue;
    if (m.words.StartsWithFolded(line, m.words.draft) && (IsAllUpper(line) || line.size() < 30)) {
      out->draft = true;
      continue;
    }
    if (auto h = m.Heading(line); h && !heading_line) {
      out->type = *h;
      heading_line = i;
      issuer_done = true;
      // A place-date line right under the heading (a heading printed in the left
      // column under the number, the date in the right one) is the date, not the title;
      // so is the motto that a scan's right column puts there.
      while (i + 1 < header_end) {
        std::string next(doc.Line(i + 1));
        if (!m.words.IsMotto(next) && !header_date(next)) break;
        ++i;
      }
      // The title: the next line, and those that continue it in lower case.
      if (i + 1 < doc.lines.size() && !out->subject) {
        std::string_view first = doc.Line(i + 1);
        if (IsAllUpper(first) && !m.IsAuthorityTitle(first)) {
          // A title printed in capitals ("BAN HÀNH BỘ TIÊU CHÍ QUỐC GIA ...").
          std::string s(first);
          std::size_t j = i + 2;
          for (; j < header_end && j < doc.lines.size(); ++j) {
            std::string_view next = doc.Line(j);
            if (!IsAllUpper(next) || m.IsAuthorityTitle(next) || doc.lines[j].blank_before) break;
            s += " " + std::string(next);
          }
          if (auto v = m.SubjectAfterPrefix(s)) s = *v;
          out->subject = m.CaseCapsSubject(Trim(s, "."));
          i = j - 1;
        } else if (!IsAllUpper(first) && !m.words.StartsWithFolded(first, m.words.body_openers)) {
          std::string s(first);
          if (auto v = m.SubjectAfterPrefix(s)) s = *v;
          std::size_t j = i + 2;
          for (; j < doc.lines.size(); ++j) {
            std::string_view next = doc.Line(j);
            if (!StartsLower(next) || m.words.StartsWithFolded(next, m.words.body_openers)) break;
            s += " " + std::string(next);
          }
          out->subject = Trim(s, ".");
          i = j - 1;
        }
      }
      continue;
    }
    if (!issuer_done && IsAllUpper(line)) {
      issuer_lines.push_back(line);
      continue;
    }
    if (line == "*") continue;
    if (!issuer_lines.empty()) issuer_done = true;
  }
  // A name wrapped in a narrow header column ("BỘ KHOA HỌC VÀ CÔNG" / "NGHỆ", "ĐẢNG BỘ
  // TỈNH QUẢNG" / "NGÃI") is one line: rejoined where the two lines make a known issuer,
  // or where the second is a lone word that names nothing by itself.
  for (std::size_t k = 0; k + 1 < issuer_lines.size();) {
    std::string next = Upper(Squash(issuer_lines[k + 1]));
    std::string joined = Upper(Squash(issuer_lines[k])) + " " + next;
    auto is_known = [&](const std::string& up) { return m.issuer_by_upper.count(up) > 0; };
    bool known = is_known(joined);
    bool lone = CountWords(next) == 1 && next.size() >= 3 && !is_known(next) &&
                std::none_of(next.begin(), next.end(), [](char c) {
                  return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '*';
                });
    if (known || lone) {
      issuer_lines[k] = Squash(issuer_lines[k]) + " " + Squash(issuer_lines[k + 1]);
      issuer_lines.erase(issuer_lines.begin() + static_cast<std::ptrdiff_t>(k) + 1);
    } else {
      ++k;
    }
  }
  out->issuer.printed = issuer_lines;
  if (!issuer_lines.empty()) {
    BodyName b = m.bodies.FromHeaderLines(issuer_lines);
    out->issuer.name = b.name;
    out->issuer.parent = b.parent;
    // Joint documents (liên tịch) print their issuers side by side: "A, B và C".
    if (std::vector<std::string> joint = m.JointIssuers(issuer_lines); !joint.empty()) {
      std::string name;
      for (std::size_t k = 0; k < joint.size(); ++k)
        name += (k == 0 ? "" : k + 1 == joint.size() ? " và " : ", ") + joint[k];
      out->issuer.name = name;
      out->issuer.parent.reset();
      out->issuer.printed.clear();
      for (const auto& j : joint) out->issuer.printed.push_back(Upper(j));
    }
  }
  if (!out->type && out->symbol) out->type = m.keys.TypeFromSymbol(*out->symbol);
  if (!out->type && out->symbol) out->type = "Công văn";
  if (!out->date) out->date = m.PassingDate(doc);
  m.Recipients(doc, out);
  m.Distribution(doc, out);
  m.Signer(doc, out);
  m.Where(doc, *out, where);
  if (!out->issuer.name) {
    m.InferIssuer(doc, out, *where);
    m.Where(doc, *out, where);
  }
  if (where->commune.empty() && out->place && out->issuer.name &&
      Lower(*out->issuer.name).find(" xã") != std::string::npos)
    where->commune = *out->place;
}

}  // namespace vanban
