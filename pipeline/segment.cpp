#include "pipeline/segment.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "pipeline/vntext.h"

namespace vanban {
namespace {

// A line while segmenting: its bytes and, per byte, the offset in the loaded input.
struct WorkLine {
  std::string s;
  std::vector<std::uint32_t> at;
  bool blank_before = false;

  void Append(std::string_view text, const std::uint32_t* origin) {
    s.append(text);
    at.insert(at.end(), origin, origin + text.size());
  }
};

// A set of bytes, as a table.
struct ByteSet {
  explicit ByteSet(std::string_view list) {
    for (char c : list) {
      if (!has[static_cast<unsigned char>(c)]) bytes.push_back(c);
      has[static_cast<unsigned char>(c)] = true;
    }
  }
  bool has[256] = {};
  std::string bytes;  // each byte once
};

bool EndsWithAny(std::string_view s, std::string_view chars) {
  return !s.empty() && chars.find(s.back()) != std::string_view::npos;
}

bool StartsWithUtf8(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Splits the normalised text into lines; table rows ("a | b") and rules drawn with dashes
// ("CHÍNH PHỦ ————— Số: 07/2025/NĐ-CP") become separate lines.
std::vector<WorkLine> SplitLines(const NormalizedText& in) {
  static const RE2 kCellBreak(R"(\s*(?:\|\s*|[—–_]{3,}\s*|-{4,}\s*))");
  std::vector<WorkLine> out;
  const std::string& t = in.text;
  std::size_t pos = 0;
  bool blank = false;
  while (pos <= t.size()) {
    std::size_t nl = t.find('\n', pos);
    if (nl == std::string::npos) nl = t.size();
    std::string_view line(t.data() + pos, nl - pos);
    if (line.empty()) {
      blank = !out.empty();
    } else if (line.find('|') == std::string_view::npos &&
               line.find('_') == std::string_view::npos &&
               line.find('-') == std::string_view::npos &&
               line.find('\xE2') == std::string_view::npos) {
      // No '|', '_', '-', '—' or '–': no cell break (see kCellBreak); the line is one cell.
      std::string cell = Trim(line);
      if (!cell.empty()) {
        std::size_t off = line.find(cell);
        WorkLine wl;
        wl.blank_before = blank;
        wl.Append(line.substr(off, cell.size()), in.origin.data() + pos + off);
        out.push_back(std::move(wl));
        blank = false;
      }
    } else {
      // Walk the line cell by cell.
      std::size_t cs = 0, search_from = 0;
      auto emit = [&](std::size_t b, std::size_t e) {
        std::string cell = Trim(line.substr(b, e - b));
        if (cell.empty()) return;
        std::size_t off = line.find(cell, b);
        WorkLine wl;
        wl.blank_before = blank;
        wl.Append(line.substr(off, cell.size()), in.origin.data() + pos + off);
        out.push_back(std::move(wl));
        blank = false;
      };
      re2::StringPiece match;
      while (search_from < line.size()) {
        re2::StringPiece sub(line.data(), line.size());
        if (!kCellBreak.Match(sub, search_from, line.size(), RE2::UNANCHORED, &match, 1) ||
            match.empty())
          break;
        std::size_t mb = match.data() - line.data();
        emit(cs, mb);
        cs = search_from = mb + match.size();
      }
      emit(cs, line.size());
    }
    if (nl == t.size()) break;
    pos = nl + 1;
  }
  return out;
}

// Number of leading bytes of `s` that are footnote markers (superscript digits).
std::size_t MarkerPrefix(std::string_view s, const std::vector<std::string>& markers) {
  std::size_t i = 0;
  bool more = true;
  while (more && i < s.size()) {
    more = false;
    for (const auto& m : markers)
      if (s.substr(i, m.size()) == m) {
        i += m.size();
        more = true;
        break;
      }
  }
  return i;
}

// Byte `k` of each marker longer than k, for a quick look before comparing whole markers.
ByteSet MarkerBytes(const std::vector<std::string>& markers, std::size_t k) {
  std::string bytes;
  for (const auto& m : markers)
    if (m.size() > k) bytes.push_back(m[k]);
  return ByteSet(bytes);
}

// leads: first bytes of the markers; seconds: their second bytes (markers are one
// multi-byte character each, so a marker at p has both).
void RemoveInlineMarkers(WorkLine* line, const std::vector<std::string>& markers,
                         const ByteSet& leads, const ByteSet& seconds) {
  bool any = false;
  const std::string& t = line->s;
  for (char b : leads.bytes) {
    for (std::size_t p = t.find(b); p != std::string::npos && !any; p = t.find(b, p + 1)) {
      if (p + 1 < t.size() && !seconds.has[static_cast<unsigned char>(t[p + 1])]) continue;
      for (const auto& m : markers)
        if (t.compare(p, m.size(), m) == 0) any = true;
    }
  }
  if (!any) return;
  WorkLine out;
  out.blank_before = line->blank_before;
  const std::string& s = line->s;
  for (std::size_t i = 0; i < s.size();) {
    bool is_marker = false;
    if (i > 0 && leads.has[static_cast<unsigned char>(s[i])] &&
        (i + 1 >= s.size() || seconds.has[static_cast<unsigned char>(s[i + 1])]))
      for (const auto& m : markers)
        if (s.compare(i, m.size(), m) == 0) {
          i += m.size();
          is_marker = true;
          break;
        }
    if (!is_marker) {
      out.s.push_back(s[i]);
      out.at.push_back(line->at[i]);
      ++i;
    }
  }
  *line = std::move(out);
}

}  // namespace

LayoutWords::LayoutWords(const RuleSet& rules) {
  motto = rules.Strings("layout", "motto_folded");
  motto_prefix = rules.Strings("layout", "motto_prefix_folded");
  recipients = rules.Strings("layout", "recipients_folded");
  distribution = rules.Strings("layout", "distribution_folded");
  draft = rules.Strings("layout", "draft_folded");
  body_openers = rules.Strings("layout", "body_openers_folded");
  authority_prefixes = rules.Strings("layout", "authority_prefixes");
  signature_noise = rules.Strings("layout", "signature_noise_folded");
  annex = rules.Strings("layout", "annex_folded");
  const YAML::Node& f = rules.File("layout");
  if (f.IsMap() && f["footnote_markers"]) footnote_markers = f["footnote_markers"].as<std::string>();
  if (f.IsMap() && f["number_line_check_regex"])
    number_check = std::make_shared<RE2>(f["number_line_check_regex"].as<std::string>());
  if (f.IsMap() && f["split_before_regex"])
    split_before = std::make_shared<RE2>(f["split_before_regex"].as<std::string>());
  if (f.IsMap() && f["split_after_regex"])
    split_after = std::make_shared<RE2>(f["split_after_regex"].as<std::string>());
}

bool LayoutWords::StartsWithFolded(std::string_view line,
                                   const std::vector<std::string>& folded) const {
  return HeadStartsWith(FoldHead(line), folded);
}

std::string LayoutWords::FoldHead(std::string_view line) { return Fold(line.substr(0, 80)); }

bool LayoutWords::HeadStartsWith(const std::string& f, const std::vector<std::string>& folded) {
  for (const auto& w : folded) {
    if (f.compare(0, w.size(), w) != 0) continue;
    // A whole word: the next character is not a letter.
    if (f.size() == w.size() || !std::isalnum(static_cast<unsigned char>(f[w.size()])) ||
        !std::isalnum(static_cast<unsigned char>(w.back())))
      return true;
  }
  return false;
}

bool LayoutWords::IsMotto(std::string_view line) const { return IsMottoHead(FoldHead(line)); }

bool LayoutWords::IsMottoHead(const std::string& head) const {
  return HeadStartsWith(head, motto) || HeadStartsWith(head, motto_prefix);
}

bool LayoutWords::IsNumberLine(std::string_view line) const {
  return number_check && RE2::PartialMatch(line, *number_check);
}

bool LayoutWords::IsAuthorityLine(std::string_view line) const {
  for (const auto& p : authority_prefixes) {
    if (line.substr(0, p.size()) != p) continue;
    std::string_view rest = line.substr(p.size());
    if (rest.empty()) return false;
    std::string r = Trim(rest);
    return !r.empty() && StartsUpper(r) && IsAllUpper(r.substr(0, std::min<size_t>(r.size(), 12)));
  }
  return false;
}

bool LayoutWords::IsSignatureNoise(std::string_view line) const {
  std::string f = Trim(Fold(line), "()[] ");
  for (const auto& n : signature_noise)
    if (f == n) return true;
  std::string rest = WithoutSignatureNotes(line);
  if (rest.size() == line.size()) return false;
  int letters = 0;
  for (char c : Fold(rest)) letters += std::isalnum(static_cast<unsigned char>(c)) != 0;
  return letters <= 2;
}

std::string LayoutWords::WithoutSignatureNotes(std::string_view line) const {
  std::string out;
  std::size_t from = 0;
  for (std::size_t open = line.find('('); open != std::string_view::npos; open = line.find('(', from)) {
    std::size_t close = line.find(')', open);
    if (close == std::string_view::npos) break;
    std::string inner = Trim(Fold(line.substr(open + 1, close - open - 1)));
    // A listed note, or a short one about the signature read with a wrong letter
    // ("(Nã ký)"): a few words, one of them "ký".
    std::vector<std::string> w = SplitWords(inner);
    bool note = std::find(signature_noise.begin(), signature_noise.end(), inner) != signature_noise.end() ||
                (w.size() <= 6 && std::any_of(w.begin(), w.end(), [](const std::string& x) { return Trim(x, ",.;") == "ky"; }));
    out += line.substr(from, (note ? open : close + 1) - from);
    from = close + 1;
  }
  out += line.substr(from);
  if (out.size() == line.size()) return out;
  // Specks left beside the note ("..(Đã ký)"): words with no letter or digit.
  std::string kept;
  for (const std::string& x : SplitWords(out)) {
    bool text = false;
    for (char c : Fold(x)) text |= std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (text) kept += (kept.empty() ? "" : " ") + x;
  }
  return kept;
}

struct Segmenter::Impl {
  explicit Impl(const RuleSet& rules) : words(rules) {
    // Footnote markers: each superscript digit as its own UTF-8 string.
    const std::string& m = words.footnote_markers;
    for (std::size_t i = 0; i < m.size();) {
      std::size_t len = 1;
      auto c = static_cast<unsigned char>(m[i]);
      if (c >= 0xF0) len = 4; else if (c >= 0xE0) len = 3; else if (c >= 0xC0) len = 2;
      markers.push_back(m.substr(i, len));
      i += len;
    }
    marker_leads = MarkerBytes(markers, 0);
    marker_seconds = MarkerBytes(markers, 1);
  }

  LayoutWords words;
  std::vector<std::string> markers;
  ByteSet marker_leads{""}, marker_seconds{""};  // first and second bytes of the markers

  // Footnotes out, page-break splits rejoined. Returns the footnote texts.
  std::vector<std::pair<std::size_t, std::string>> RepairPageBreaks(
      std::vector<WorkLine>* lines) const;
  // heads[i]: LayoutWords::FoldHead of line i, folded once for every list it is tested on.
  std::vector<std::size_t> DocumentStarts(const std::vector<WorkLine>& lines,
                                          const std::vector<std::string>& heads) const;
  void FindZones(DocumentText* doc, const std::string* heads) const;
  bool IsNameLine(std::string_view s) const;
  // "BỘ TRƯỞNG (Đã ký) Nguyễn Mạnh Hùng", "BỘ TRƯỞNG Đại tướng Tô Lâm": a signature on one line.
  bool IsInlineSignature(std::string_view s) const {
    if (s.size() > 140) return false;
    std::vector<std::string> w = SplitWords(s);
    std::size_t caps = 0;
    while (caps < w.size() && IsAllUpper(w[caps])) ++caps;
    std::size_t name = 0;
    while (name < w.size() - caps && StartsUpper(w[w.size() - 1 - name]) &&
           !IsAllUpper(w[w.size() - 1 - name]))
      ++name;
    if (caps == 0 || caps > 14 || name < 2 || name > 5) return false;
    std::size_t middle = w.size() - caps - name;
    return middle <= 3;
  }
};

// Footnotes come back with the index of the body line they followed.
// Splits lines that hold two header fields (see split_*_regex in rules/layout.yaml).
void SplitFields(std::vector<WorkLine>* lines, const LayoutWords& words) {
  std::vector<WorkLine> out;
  for (auto& l : *lines) {
    std::vector<std::size_t> cuts;
    re2::StringPiece in(l.s), g;
    // Cheap byte tests first: the split patterns need "Số"/"SỐ"/"số:" or the "úc"/"ÚC" of
    // "Hạnh phúc"; most lines have neither.
    bool maybe_before = l.s.find("Số") != std::string::npos || l.s.find("SỐ") != std::string::npos ||
                        l.s.find("số:") != std::string::npos || l.s.find("số :") != std::string::npos;
    bool maybe_after = l.s.find("úc") != std::string::npos || l.s.find("ÚC") != std::string::npos;
    if (!maybe_before && !maybe_after) {
      out.push_back(std::move(l));
      continue;
    }
    if (words.split_before && maybe_before) {
      std::size_t pos = 0;
      while (pos < l.s.size() && words.split_before->Match(in, pos, l.s.size(), RE2::UNANCHORED, &g, 0)) {
        re2::StringPiece grp[2];
        words.split_before->Match(in, pos, l.s.size(), RE2::UNANCHORED, grp, 2);
        cuts.push_back(grp[1].data() - l.s.data());
        pos = grp[0].data() - l.s.data() + grp[0].size();
      }
    }
    if (words.split_after && maybe_after) {
      re2::StringPiece grp[2];
      if (words.split_after->Match(in, 0, l.s.size(), RE2::UNANCHORED, grp, 2))
        cuts.push_back(grp[1].data() + grp[1].size() - l.s.data());
    }
    if (cuts.empty()) {
      out.push_back(std::move(l));
      continue;
    }
    std::sort(cuts.begin(), cuts.end());
    std::size_t prev = 0;
    cuts.push_back(l.s.size());
    for (std::size_t c : cuts) {
      std::string piece = Trim(std::string_view(l.s).substr(prev, c - prev));
      if (!piece.empty()) {
        std::size_t off = l.s.find(piece, prev);
        WorkLine w;
        w.blank_before = out.empty() || prev == 0 ? l.blank_before : false;
        w.Append(piece, l.at.data() + off);
        out.push_back(std::move(w));
      }
      prev = c;
    }
  }
  *lines = std::move(out);
}

std::vector<std::pair<std::size_t, std::string>> Segmenter::Impl::RepairPageBreaks(
    std::vector<WorkLine>* lines) const {
  std::vector<std::pair<std::size_t, std::string>> footnotes;
  std::vector<WorkLine> out;
  out.reserve(lines->size());
  auto& in = *lines;
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::size_t mk = MarkerPrefix(in[i].s, markers);
    if (mk > 0 && mk < in[i].s.size()) {
      // A footnote block: this line, further footnotes, and the bullet lines of a footnote
      // that announces a list ("² Cụ thể:" then "- Lĩnh vực ...").
      std::string note = Trim(std::string_view(in[i].s).substr(mk));
      bool list_open = EndsWithAny(note, ":");
      std::size_t j = i + 1;
      for (; j < in.size(); ++j) {
        std::size_t mj = MarkerPrefix(in[j].s, markers);
        if (mj > 0 && mj < in[j].s.size()) {
          footnotes.emplace_back(out.size(), note);
          note = Trim(std::string_view(in[j].s).substr(mj));
          list_open = EndsWithAny(note, ":");
          continue;
        }
        if (list_open && StartsWithUtf8(in[j].s, "-")) {
          note += "\n" + in[j].s;
          continue;
        }
        break;
      }
      footnotes.emplace_back(out.size(), note);
      i = j - 1;
      if (j < in.size()) in[j].blank_before = true;
      continue;
    }
    WorkLine line = std::move(in[i]);
    RemoveInlineMarkers(&line, markers, marker_leads, marker_seconds);
    if (!out.empty() && line.blank_before) {
      WorkLine& prev = out.back();
      std::string_view p = prev.s;
      bool open = !p.empty() && !EndsWithAny(p, ".:;!?") && !IsAllUpper(p);
      // "Nghị quyết số 04-" + "NQ/TU": a number whose symbol went to the next page.
      bool split_symbol = p.size() >= 2 && p.back() == '-' &&
                          std::isdigit(static_cast<unsigned char>(p[p.size() - 2])) &&
                          StartsUpper(line.s);
      if (split_symbol) {
        prev.Append(line.s, line.at.data());
        continue;
      }
      if (open && StartsLower(line.s) && !StartsWithUtf8(line.s, "-")) {
        std::uint32_t at = line.at.empty() ? 0 : line.at.front();
        prev.Append(" ", &at);
        prev.Append(line.s, line.at.data());
        continue;
      }
    }
    out.push_back(std::move(line));
  }
  *lines = std::move(out);
  return footnotes;
}

bool Segmenter::Impl::IsNameLine(std::string_view s) const {
  std::vector<std::string> w = SplitWords(s);
  if (w.size() < 2 || w.size() > 5 || s.size() > 50) return false;
  for (const auto& x : w) {
    if (!StartsUpper(x) || IsAllUpper(x)) return false;
    for (char c : x)
      if (std::isdigit(static_cast<unsigned char>(c)) || std::strchr(".,:;()/\"", c)) return false;
  }
  return true;
}

std::vector<std::size_t> Segmenter::Impl::DocumentStarts(
    const std::vector<WorkLine>& lines, const std::vector<std::string>& heads) const {
  std::vector<std::size_t> starts{0};
  bool ended = false;  // the current document has shown its "Nơi nhận" or signature
  bool annex = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& s = lines[i].s;
    if (words.HeadStartsWith(heads[i], words.annex)) annex = true;
    if (words.HeadStartsWith(heads[i], words.distribution) || s.find("./.") != std::string::npos)
      ended = true;
    if (!ended || annex) continue;
    if (!(words.IsNumberLine(s) || words.IsMottoHead(heads[i])) || i < starts.back() + 8) continue;
    // Walk back over the new header's upper-case issuer lines (and the Party's "*").
    std::size_t b = i;
    while (b > starts.back() + 1) {
      const std::string& p = lines[b - 1].s;
      if (IsAllUpper(p) || p == "*" || words.IsMottoHead(heads[b - 1])) {
        --b;
        continue;
      }
      break;
    }
    // The signature's position line ("CHỦ TỊCH") sits above the signer's name, not here:
    // b now starts after the last mixed-case line, which is that name.
    starts.push_back(b);
    ended = false;
    annex = false;
  }
  return starts;
}

void Segmenter::Impl::FindZones(DocumentText* doc, const std::string* heads) const {
  const std::size_t n = doc->lines.size();
  auto line = [&](std::size_t i) { return doc->Line(i); };
  auto starts_with = [&](std::size_t i, const std::vector<std::string>& folded) {
    return LayoutWords::HeadStartsWith(heads[i], folded);
  };
  // Header end: after the "Kính gửi" list, else at the first line that opens a body.
  std::size_t header_end = n;
  for (std::size_t i = 0; i < n && i < 40; ++i) {
    if (!starts_with(i, words.recipients)) continue;
    std::size_t j = i + 1;
    std::string_view inline_rest = line(i).substr(line(i).find(':') == std::string_view::npos
                                                      ? line(i).size()
                                                      : line(i).find(':') + 1);
    bool seen_item = !Trim(inline_rest).empty();
    for (; j < n; ++j) {
      std::string_view s = line(j);
      if (StartsWithUtf8(s, "-") || StartsWithUtf8(s, "+") || StartsWithUtf8(s, "•")) {
        seen_item = true;
        continue;
      }
      if (!seen_item) continue;  // header lines interleaved before the list
      std::string_view prev = line(j - 1);
      if (!EndsWithAny(prev, ";.") && s.size() < 80 && !StartsLower(s) &&
          !starts_with(j, words.body_openers))
        continue;  // an item printed over two lines
      break;
    }
    header_end = j;
    break;
  }
  if (header_end == n) {
    for (std::size_t i = 0; i < n; ++i) {
      std::string_view s = line(i);
      if (words.IsMottoHead(heads[i]) || words.IsNumberLine(s) || IsAllUpper(s)) continue;
      if (starts_with(i, words.body_openers)) {
        std::string f = Fold(s.substr(0, 12));
        bool date_opener = f.rfind("ngay", 0) == 0 || f.rfind("sang", 0) == 0 ||
                           f.rfind("chieu", 0) == 0;
        if (date_opener && (s.size() < 60 || s.find(',') == std::string_view::npos)) continue;
        header_end = i;
        break;
      }
    }
  }
  if (header_end == n) {
    // No opener: the first long sentence that is not right under a title line.
    for (std::size_t i = 1; i < n; ++i)
      if (line(i).size() >= 200 && !IsAllUpper(line(i - 1))) {
        header_end = i;
        break;
      }
  }
  if (header_end == n) header_end = std::min<std::size_t>(n, 1);
  doc->header_end_line = header_end;

  // Footer: "Nơi nhận" or the signature block, whichever comes first after the body.
  std::size_t footer = n;
  for (std::size_t i = header_end; i < n; ++i) {
    std::string_view s = line(i);
    if (starts_with(i, words.distribution) || words.IsAuthorityLine(s) ||
        IsInlineSignature(s)) {
      footer = i;
      break;
    }
    if (IsAllUpper(s) && s.size() <= 60 && CountWords(s) <= 8) {
      for (std::size_t k = i + 1; k < n && k <= i + 4; ++k) {
        if (IsNameLine(words.WithoutSignatureNotes(line(k)))) {
          footer = i;
          break;
        }
        if (!(IsAllUpper(line(k)) || words.IsSignatureNoise(line(k)))) break;
      }
      if (footer != n) break;
    }
  }
  doc->footer_begin_line = footer;
  // Footer end: after the signer's name and the "Nơi nhận" list, whichever is last.
  std::size_t end = footer;
  bool in_list = false, named = false;
  for (std::size_t i = footer; i < n; ++i) {
    std::string_view s = line(i);
    if (starts_with(i, words.annex) && i > footer) break;
    if (starts_with(i, words.distribution)) {
      in_list = true;
    } else if (in_list && (StartsWithUtf8(s, "-") || StartsWithUtf8(s, "+") || (!s.empty() && s.back() == ';'))) {
      // An item, its dash perhaps lost in a scan ("PCVP, TH;").
    } else if (words.IsAuthorityLine(s) || words.IsSignatureNoise(s) ||
               (IsAllUpper(s) && s.size() <= 60 && !named)) {
      in_list = false;
    } else if (!named && (IsNameLine(words.WithoutSignatureNotes(s)) || IsInlineSignature(s) ||
                          (s.size() < 80 && StartsUpper(s) && i > footer))) {
      named = true;
      in_list = false;
    } else {
      break;
    }
    end = i + 1;
  }
  doc->footer_end_line = std::max(end, footer);
}

Segmenter::Segmenter(const RuleSet& rules) : impl_(std::make_unique<Impl>(rules)) {}
Segmenter::~Segmenter() = default;

std::vector<DocumentText> Segmenter::Split(const NormalizedText& input) const {
  std::vector<WorkLine> lines = SplitLines(input);
  SplitFields(&lines, impl_->words);
  auto footnotes = impl_->RepairPageBreaks(&lines);
  std::vector<std::string> heads;
  heads.reserve(lines.size());
  for (const WorkLine& l : lines) heads.push_back(LayoutWords::FoldHead(l.s));
  std::vector<std::size_t> starts = impl_->DocumentStarts(lines, heads);

  std::vector<DocumentText> docs;
  for (std::size_t d = 0; d < starts.size(); ++d) {
    std::size_t from = starts[d], to = d + 1 < starts.size() ? starts[d + 1] : lines.size();
    DocumentText doc;
    for (std::size_t i = from; i < to; ++i) {
      const WorkLine& l = lines[i];
      if (!doc.text.empty()) {
        std::uint32_t at = l.at.empty() ? 0 : l.at.front();
        int breaks = l.blank_before ? 2 : 1;
        for (int b = 0; b < breaks; ++b) {
          doc.text.push_back('\n');
          doc.origin.push_back(at);
        }
      }
      TextLine tl;
      tl.begin = doc.text.size();
      tl.blank_before = l.blank_before && i > from;
      doc.text += l.s;
      doc.origin.insert(doc.origin.end(), l.at.begin(), l.at.end());
      tl.end = doc.text.size();
      doc.lines.push_back(tl);
    }
    doc.body_end = doc.text.size();
    impl_->FindZones(&doc, heads.data() + from);
    docs.push_back(std::move(doc));
  }
  // Each footnote goes to the document it was printed in, after that document's body.
  for (const auto& [line_index, note] : footnotes) {
    std::size_t d = 0;
    while (d + 1 < starts.size() && starts[d + 1] <= line_index) ++d;
    DocumentText& doc = docs[d];
    std::uint32_t at = doc.origin.empty() ? 0 : doc.origin.back();
    doc.text += "\n\n";
    doc.origin.insert(doc.origin.end(), 2, at);
    doc.footnotes.push_back(note);
    doc.text += note;
    doc.origin.insert(doc.origin.end(), note.size(), at);
  }
  return docs;
}

}  // namespace vanban
