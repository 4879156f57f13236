#include "web/pages.h"

#include <httplib.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "pipeline/vntext.h"
#include "web/graph_svg.h"
#include "web/html.h"

namespace vanban::web {
namespace {

template <typename T>
json Opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

std::string Encode(const std::string& s) { return httplib::detail::encode_query_param(s); }

std::string DocumentHref(std::int64_t id) { return "/document/" + std::to_string(id); }

// A short reference to a document: enough for a link in a list.
json DocRef(const DocumentRow& d) {
  return {{"id", d.id},
          {"label", d.Label()},
          {"href", DocumentHref(d.id)},
          {"type", Opt(d.type)},
          {"number", Opt(d.number)},
          {"symbol", Opt(d.symbol)},
          {"key", Opt(d.key)},
          {"issuer", Opt(d.issuer)},
          {"date", Opt(d.date)},
          {"date_vn", d.date ? json(VnDate(*d.date)) : json(nullptr)},
          {"subject", Opt(d.subject)}};
}

json DocFull(const DocumentRow& d) {
  json j = DocRef(d);
  j["node_id"] = d.node_id;
  j["part"] = d.part;
  j["issuer_parent"] = Opt(d.issuer_parent);
  j["place"] = Opt(d.place);
  j["year"] = Opt(d.year);
  j["draft"] = d.draft;
  j["sha256"] = d.sha256;
  json files = json::array();
  for (std::size_t i = 0; i < d.paths.size(); ++i)
    files.push_back({{"path", d.paths[i]},
                     {"href", DocumentHref(d.id) + "/original/" + std::to_string(i)}});
  j["files"] = files;
  return j;
}

json NodeRef(const NodeRow& n) {
  json j = {{"node_id", n.id},           {"label", n.Label()},    {"key", Opt(n.key)},
            {"type", Opt(n.type)},       {"number", Opt(n.number)}, {"symbol", Opt(n.symbol)},
            {"date", Opt(n.date)},       {"issuer", Opt(n.issuer)}, {"title", Opt(n.title)},
            {"resolved", n.resolved()},  {"cited_by", n.cited_by}};
  j["document_id"] = n.document_id ? json(*n.document_id) : json(nullptr);
  j["href"] = n.document_id ? json(DocumentHref(*n.document_id)) : json(nullptr);
  return j;
}

json TaskJson(const StoredTask& t) {
  json deadline = nullptr;
  if (t.deadline_date || t.deadline_text)
    deadline = {{"date", Opt(t.deadline_date)},
                {"date_vn", t.deadline_date ? json(VnDate(*t.deadline_date)) : json(nullptr)},
                {"kind", Opt(t.deadline_kind)},
                {"text", Opt(t.deadline_text)}};
  std::string assignees;
  for (const auto& a : t.assignees) assignees += (assignees.empty() ? "" : "; ") + a;
  return {{"id", Opt(t.task_id)},         {"assignees", t.assignees},
          {"assignees_text", assignees},  {"lead", Opt(t.lead)},
          {"cooperating", t.cooperating}, {"action", t.action},
          {"deadline", deadline},         {"recurrence", Opt(t.recurrence)},
          {"report_to", Opt(t.report_to)}};
}

json PartsJson(const std::vector<TextPart>& parts) {
  json out = json::array();
  for (const auto& p : parts) {
    json j = {{"text", p.text}};
    if (!p.kind.empty()) j["mark"] = {{"kind", p.kind}, {"title", p.title}};
    if (!p.href.empty()) j["link"] = {{"href", p.href}, {"kind", p.kind}, {"title", p.title}};
    out.push_back(j);
  }
  return out;
}

const char* StageVn(const std::string& stage) {
  if (stage == "load") return "đọc tệp";
  if (stage == "ocr") return "nhận dạng chữ (OCR)";
  if (stage == "normalize") return "chuẩn hoá văn bản";
  if (stage == "segment") return "tách văn bản";
  if (stage == "extract") return "trích xuất thông tin";
  if (stage == "store") return "lưu vào cơ sở dữ liệu";
  return "xử lý";
}

// The plain Vietnamese reason for a failure message, from web/failure_reasons.tsv
// (an English phrase of the message, a tab, the Vietnamese sentence); "" when none fits.
std::string ReasonVn(const std::string& message) {
  static const std::vector<std::pair<std::string, std::string>> table = [] {
    std::vector<std::pair<std::string, std::string>> t;
    const std::string* file = WebFile("failure_reasons.tsv");
    if (!file) return t;
    std::size_t p = 0;
    while (p < file->size()) {
      std::size_t e = file->find('\n', p);
      if (e == std::string::npos) e = file->size();
      std::string line = file->substr(p, e - p);
      p = e + 1;
      auto tab = line.find('\t');
      if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
      t.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
    return t;
  }();
  for (const auto& [phrase, vn] : table)
    if (message.find(phrase) != std::string::npos) return vn;
  return "";
}

}  // namespace

std::string VnDate(std::string_view iso) {
  std::string s(iso);
  auto digits = [&](std::size_t b, std::size_t n) {
    return s.size() >= b + n &&
           std::all_of(s.begin() + b, s.begin() + b + n, [](char c) { return c >= '0' && c <= '9'; });
  };
  if (s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2))
    return s.substr(8, 2) + "/" + s.substr(5, 2) + "/" + s.substr(0, 4);
  if (s.size() == 7 && digits(0, 4) && s[4] == '-' && digits(5, 2))
    return s.substr(5, 2) + "/" + s.substr(0, 4);
  return s;
}

// --- Tìm kiếm --------------------------------------------------------------------------

json SearchPage(Store& store, const CitationKeys& keys, std::string_view query_in) {
  std::string query = Trim(query_in);
  json page = {{"query", query}, {"results", json::array()}, {"not_in_archive", json::array()}};
  if (query.empty()) return page;
  std::set<std::int64_t> seen;
  auto add = [&](const DocumentRow& d, const char* match, const std::string& snippet) {
    if (!seen.insert(d.id).second || page["results"].size() >= kPageLimit) return;
    json r = DocRef(d);
    r["match"] = match;
    r["snippet"] = snippet;
    page["results"].push_back(r);
  };
  // A number: the nodes it names, documents in the archive first.
  ParsedQuery pq = keys.ParseQuery(query);
  if (!pq.key_prefix.empty() || pq.number) {
    page["number"] = {{"number", Opt(pq.number)}, {"symbol", Opt(pq.symbol)},
                      {"year", Opt(pq.year)},     {"type", Opt(pq.type)}};
    int listed = 0;
    for (const NodeRow& n : store.FindNodes(pq, {})) {
      if (++listed > kPageLimit) break;
      if (n.document_id) {
        if (auto d = store.GetDocument(*n.document_id)) add(*d, "số hiệu", "");
        continue;
      }
      json ref = NodeRef(n);
      json citing = json::array();
      for (const CitingDocument& c : store.CitedBy(n.id, 1)) {
        if (citing.size() >= 10) break;
        citing.push_back(DocRef(c.document));
      }
      ref["citing"] = citing;
      page["not_in_archive"].push_back(ref);
    }
  }
  for (const DocumentRow& d : DocumentsByIssuer(store, query, kPageLimit))
    add(d, "cơ quan ban hành", "");
  for (const SearchHit& h : store.Search(query, kPageLimit)) add(h.document, "nội dung", h.snippet);
  return page;
}

json SearchHtml(json page) {
  std::string q = page.value("query", "");
  for (auto& r : page["results"]) {
    if (r["subject"].is_string()) r["subject_parts"] = PartsJson(MarkWords(r["subject"].get<std::string>(), q));
    r["has_snippet"] = r["snippet"].is_string() && !r["snippet"].get<std::string>().empty();
    if (r["has_snippet"]) r["snippet_parts"] = PartsJson(MarkWords(r["snippet"].get<std::string>(), q));
    if (r["issuer"].is_string()) r["issuer_parts"] = PartsJson(MarkWords(r["issuer"].get<std::string>(), q));
    r["label_parts"] = PartsJson(MarkWords(r["label"].get<std::string>(), q));
  }
  page["has_results"] = !page["results"].empty();
  page["has_unresolved"] = !page["not_in_archive"].empty();
  page["searched"] = !q.empty();
  return page;
}

// --- Văn bản ---------------------------------------------------------------------------

std::optional<json> DocumentPage(Store& store, std::int64_t id) {
  auto doc = store.GetDocument(id);
  if (!doc) return std::nullopt;
  json page = {{"document", DocFull(*doc)}};
  // What it cites.
  json cites = json::array();
  std::unordered_map<std::string, json> target_by_key;
  for (const auto& [c, n] : store.Cites(id)) {
    json t = NodeRef(n);
    if (c.key) target_by_key[*c.key] = t;
    cites.push_back({{"relation", c.relation}, {"sentence", Opt(c.sentence)}, {"target", t}});
  }
  page["cites"] = cites;
  // What cites it.
  json cited_by = json::array();
  std::vector<CitingDocument> citing = store.CitedBy(doc->node_id, 1);
  for (const CitingDocument& c : citing) {
    if (cited_by.size() >= kPageLimit) break;
    cited_by.push_back({{"relation", c.citation.relation},
                        {"sentence", Opt(c.citation.sentence)},
                        {"document", DocRef(c.document)}});
  }
  page["cited_by"] = cited_by;
  page["cited_by_total"] = citing.size();
  json tasks = json::array();
  for (const StoredTask& t : store.Tasks(id)) tasks.push_back(TaskJson(t));
  page["tasks"] = tasks;
  // The text and where the extracted parts are in it (from the record's offsets).
  page["text"] = DocumentText(store, id).value_or("");
  json highlights = json::array();
  json record = json::parse(store.DocumentJson(id).value_or("{}"), nullptr, false);
  if (record.is_object()) {
    for (const auto& c : record.value("citations", json::array())) {
      if (!c.is_object()) continue;
      std::string key = c.contains("key") && c["key"].is_string() ? c["key"].get<std::string>() : "";
      auto it = target_by_key.find(key);
      for (const auto& m : c.value("mentions", json::array())) {
        if (!m.is_array() || m.size() != 2 || !m[0].is_number_unsigned() || !m[1].is_number_unsigned())
          continue;
        json h = {{"kind", "citation"}, {"begin", m[0]}, {"end", m[1]}, {"key", key}};
        if (it != target_by_key.end()) {
          h["label"] = it->second["label"];
          h["href"] = it->second["href"];
        }
        highlights.push_back(h);
      }
    }
    for (const auto& t : record.value("tasks", json::array())) {
      if (!t.is_object() || !t.contains("span")) continue;
      const json& s = t["span"];
      if (!s.is_array() || s.size() != 2 || !s[0].is_number_unsigned() || !s[1].is_number_unsigned())
        continue;
      highlights.push_back({{"kind", "task"},
                            {"begin", s[0]},
                            {"end", s[1]},
                            {"task_id", t.contains("id") ? t["id"] : json(nullptr)}});
    }
  }
  page["highlights"] = highlights;
  return page;
}

json DocumentHtml(json page) {
  std::vector<Mark> marks;
  for (const auto& h : page["highlights"]) {
    Mark m;
    m.begin = h["begin"].get<std::size_t>();
    m.end = h["end"].get<std::size_t>();
    m.kind = h["kind"].get<std::string>();
    if (h.contains("href") && h["href"].is_string()) m.href = h["href"].get<std::string>();
    if (m.kind == "citation")
      m.title = "Trích dẫn: " + (h.contains("label") && h["label"].is_string()
                                     ? h["label"].get<std::string>()
                                     : h.value("key", std::string()));
    else
      m.title = "Nhiệm vụ";
    marks.push_back(std::move(m));
  }
  page["text_parts"] = PartsJson(MarkSpans(page["text"].get<std::string>(), std::move(marks)));
  page["has_cites"] = !page["cites"].empty();
  page["has_cited_by"] = !page["cited_by"].empty();
  page["has_tasks"] = !page["tasks"].empty();
  page["more_cited_by"] = page["cited_by_total"].get<std::size_t>() > page["cited_by"].size();
  return page;
}

// --- Sơ đồ -----------------------------------------------------------------------------

std::optional<json> GraphPage(Store& store, std::int64_t id) {
  auto doc = store.GetDocument(id);
  if (!doc) return std::nullopt;
  json nodes = json::array(), edges = json::array();
  std::set<std::int64_t> have;
  auto add_node = [&](const NodeRow& n, bool center) {
    if (!have.insert(n.id).second) return;
    json j = {{"id", n.id}, {"label", n.Label()}, {"resolved", n.resolved()}, {"center", center},
              {"document_id", n.document_id ? json(*n.document_id) : json(nullptr)}};
    if (n.document_id)
      j["href"] = DocumentHref(*n.document_id) + "/graph";
    else
      j["href"] = "/search?q=" + Encode(n.key ? n.key->substr(0, n.key->rfind('@')) : n.Label());
    nodes.push_back(j);
  };
  auto self = store.GetNode(doc->node_id);
  NodeRow center = self.value_or(NodeRow{});
  if (!self) {
    center.id = doc->node_id;
    center.document_id = id;
  }
  add_node(center, true);
  nodes.back()["label"] = doc->Label() + (doc->date ? " (" + VnDate(*doc->date) + ")" : "");
  int n_cites = 0, n_cited = 0;
  for (const auto& [c, n] : store.Cites(id)) {
    if (++n_cites > kPageLimit) break;
    add_node(n, false);
    edges.push_back({{"from", center.id}, {"to", n.id}, {"relation", c.relation}});
  }
  std::vector<CitingDocument> citing = store.CitedBy(doc->node_id, 1);
  for (const CitingDocument& c : citing) {
    if (++n_cited > kPageLimit) break;
    if (auto n = store.GetNode(c.document.node_id)) {
      add_node(*n, false);
      edges.push_back({{"from", n->id}, {"to", center.id}, {"relation", c.citation.relation}});
    }
  }
  return json{{"document", DocRef(*doc)},
              {"center", center.id},
              {"nodes", nodes},
              {"edges", edges},
              {"cited_by_total", citing.size()},
              {"truncated", n_cites > kPageLimit || n_cited > kPageLimit}};
}

json GraphHtml(json page) {
  page["svg"] = NeighbourhoodSvg(page);
  return page;
}

// --- Hạn xử lý -------------------------------------------------------------------------

namespace {
json TaskRowJson(const TaskListRow& r) {
  json j = TaskJson(r.task);
  j["document"] = DocRef(r.document);
  return j;
}
TaskQuery BaseQuery(const DeadlineFilter& f) {
  TaskQuery q;
  if (!f.assignee.empty()) q.assignee = f.assignee;
  if (!f.issuer.empty()) q.issuer = f.issuer;
  return q;
}
}  // namespace

json DeadlinesPage(Store& store, const DeadlineFilter& filter, const DeadlineBuckets& b) {
  struct Bucket {
    const char* name;
    const char* title;
    std::optional<std::string> after, before, overdue;
  };
  std::vector<Bucket> buckets = {
      {"overdue", "Quá hạn", std::nullopt, std::nullopt, b.today},
      {"week", "Trong tuần này", b.today, b.week_end, std::nullopt},
      {"month", "Trong tháng này", NextDay(b.week_end), b.month_end, std::nullopt},
      {"later", "Sau tháng này", NextDay(std::max(b.week_end, b.month_end)), std::nullopt,
       std::nullopt},
  };
  json out = json::array();
  for (const Bucket& bucket : buckets) {
    json tasks = json::array();
    bool truncated = false;
    bool empty_range = bucket.after && bucket.before && *bucket.after > *bucket.before;
    if (!empty_range) {
      TaskQuery q = BaseQuery(filter);
      q.due_after = bucket.after;
      q.due_before = bucket.before;
      q.overdue_as_of = bucket.overdue;
      q.limit = kPageLimit + 1;
      for (const TaskListRow& r : store.QueryTasks(q)) {
        if (tasks.size() >= kPageLimit) {
          truncated = true;
          break;
        }
        tasks.push_back(TaskRowJson(r));
      }
    }
    out.push_back({{"name", bucket.name},
                   {"title", bucket.title},
                   {"from", Opt(bucket.after)},
                   {"to", Opt(bucket.before)},
                   {"before", Opt(bucket.overdue)},
                   {"tasks", tasks},
                   {"count", tasks.size()},
                   {"truncated", truncated}});
  }
  std::string params;
  if (!filter.assignee.empty()) params += "&assignee=" + Encode(filter.assignee);
  if (!filter.issuer.empty()) params += "&issuer=" + Encode(filter.issuer);
  if (!params.empty()) params[0] = '?';
  return {{"today", b.today},
          {"today_vn", VnDate(b.today)},
          {"assignee", filter.assignee},
          {"issuer", filter.issuer},
          {"buckets", out},
          {"exports", {{"ics", "/deadlines.ics" + params}, {"csv", "/deadlines.csv" + params}}}};
}

json DeadlinesHtml(json page) {
  for (auto& b : page["buckets"]) b["has_tasks"] = !b["tasks"].empty();
  return page;
}

std::vector<TaskRow> DeadlineExportRows(Store& store, const DeadlineFilter& filter) {
  TaskQuery q = BaseQuery(filter);
  q.limit = 100000;
  std::vector<TaskRow> rows;
  for (const TaskListRow& r : store.QueryTasks(q)) rows.push_back(ExportRow(r));
  return rows;
}

// --- Nhập liệu -------------------------------------------------------------------------

json IngestPage(Store& store) {
  StoreCounts c = store.Counts();
  json days = json::array();
  for (const IngestDay& d : IngestDays(store, 30))
    days.push_back({{"day", d.day}, {"day_vn", VnDate(d.day)}, {"files", d.files}});
  json recent = json::array();
  for (const IngestedFile& f : RecentFiles(store, 200)) {
    json j = {{"path", f.path},
              {"sha256", f.sha256},
              {"ingested_at", f.ingested_at},
              {"documents", f.documents}};
    std::vector<std::int64_t> ids = store.DocumentsAtPath(f.path);
    j["href"] = ids.empty() ? json(nullptr) : json(DocumentHref(ids.front()));
    recent.push_back(j);
  }
  json failures = json::array();
  for (const FailureRow& f : store.Failures())
    failures.push_back({{"path", f.path},
                        {"stage", f.stage},
                        {"stage_vn", StageVn(f.stage)},
                        {"message", f.message},
                        {"reason_vn", ReasonVn(f.message)},
                        {"at", f.at},
                        {"version", f.version}});
  return {{"counts",
           {{"files", c.files},
            {"documents", c.documents},
            {"nodes", c.nodes},
            {"unresolved_nodes", c.unresolved_nodes},
            {"citations", c.citations},
            {"tasks", c.tasks},
            {"failures", c.failures}}},
          {"days", days},
          {"recent", recent},
          {"failures", failures},
          {"has_failures", !failures.empty()}};
}

}  // namespace vanban::web
