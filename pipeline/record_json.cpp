#include "pipeline/record_json.h"

namespace vanban {
namespace {

using nlohmann::json;

template <typename T>
json Opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json SpanJson(const Span& s) { return json::array({s.begin, s.end}); }

std::optional<std::string> OptStr(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

std::vector<std::string> StrList(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& e : *it)
    if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

Span SpanFrom(const json& j) {
  Span s;
  if (j.is_array() && j.size() == 2 && j[0].is_number() && j[1].is_number()) {
    s.begin = j[0].get<std::size_t>();
    s.end = j[1].get<std::size_t>();
  }
  return s;
}

}  // namespace

json ToJson(const Citation& c) {
  json mentions = json::array();
  for (const auto& m : c.mentions) mentions.push_back(SpanJson(m));
  return json{{"type", Opt(c.type)},
              {"number", Opt(c.number)},
              {"symbol", Opt(c.symbol)},
              {"date", Opt(c.date)},
              {"issuer", Opt(c.issuer)},
              {"issuer_resolved", Opt(c.issuer_resolved)},
              {"title", Opt(c.title)},
              {"year", Opt(c.year)},
              {"relation", c.relation},
              {"key", Opt(c.key)},
              {"mentions", mentions}};
}

json ToJson(const Task& t) {
  json deadline = nullptr;
  if (t.deadline) {
    deadline = json{{"date", Opt(t.deadline->date)},
                    {"kind", t.deadline->kind},
                    {"text", t.deadline->text}};
  }
  return json{{"id", Opt(t.id)},
              {"assignees", t.assignees},
              {"lead", Opt(t.lead)},
              {"cooperating", t.cooperating},
              {"action", t.action},
              {"deadline", deadline},
              {"recurrence", Opt(t.recurrence)},
              {"report_to", Opt(t.report_to)},
              {"span", SpanJson(t.span)}};
}

json ToJson(const Document& d, bool with_text) {
  json citations = json::array();
  for (const auto& c : d.citations) citations.push_back(ToJson(c));
  json tasks = json::array();
  for (const auto& t : d.tasks) tasks.push_back(ToJson(t));
  json j{{"part", d.part},
         {"type", Opt(d.type)},
         {"number", Opt(d.number)},
         {"symbol", Opt(d.symbol)},
         {"draft", d.draft},
         {"issuer",
          {{"name", Opt(d.issuer.name)},
           {"parent", Opt(d.issuer.parent)},
           {"printed", d.issuer.printed}}},
         {"place", Opt(d.place)},
         {"date", Opt(d.date)},
         {"subject", Opt(d.subject)},
         {"urgency", Opt(d.urgency)},
         {"uncertain", d.uncertain},
         {"recipients", d.recipients},
         {"distribution", d.distribution},
         {"signer",
          {{"name", Opt(d.signer.name)},
           {"position", Opt(d.signer.position)},
           {"authority", Opt(d.signer.authority)}}},
         {"citations", citations},
         {"tasks", tasks},
         {"footnotes", d.footnotes}};
  if (with_text) j["text"] = d.text;
  return j;
}

json ToJson(const Record& r, bool with_text) {
  json docs = json::array();
  for (const auto& d : r.documents) docs.push_back(ToJson(d, with_text));
  json error = nullptr;
  if (r.error) error = json{{"stage", r.error->stage}, {"message", r.error->message}};
  return json{{"source",
               {{"path", r.source.path},
                {"sha256", r.source.sha256},
                {"format", r.source.format},
                {"pages", r.source.pages},
                {"ocr", r.source.ocr},
                {"encoding", r.source.encoding}}},
              {"error", error},
              {"documents", docs}};
}

std::string ToJsonLine(const Record& record, bool with_text) {
  // Invalid UTF-8 cannot reach here (load rejects it), but never throw on output.
  return ToJson(record, with_text).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<Record> RecordFromJson(const std::string& line, std::string* error) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    if (error) *error = "not a JSON object";
    return std::nullopt;
  }
  return RecordFromJsonValue(j, error);
}

std::optional<Record> RecordFromJsonValue(const json& j, std::string* error) {
  if (!j.is_object()) {
    if (error) *error = "not a JSON object";
    return std::nullopt;
  }
  Record r;
  const json src = j.value("source", json::object());
  if (!src.is_object() || !src.contains("path")) {
    if (error) *error = "missing source.path";
    return std::nullopt;
  }
  r.source.path = OptStr(src, "path").value_or("");
  r.source.sha256 = OptStr(src, "sha256").value_or("");
  r.source.format = OptStr(src, "format").value_or("text");
  r.source.encoding = OptStr(src, "encoding").value_or("utf-8");
  r.source.pages = src.value("pages", 1);
  r.source.ocr = src.value("ocr", false);
  if (auto e = j.find("error"); e != j.end() && e->is_object()) {
    r.error = StageError{OptStr(*e, "stage").value_or("extract"),
                         OptStr(*e, "message").value_or("")};
  }
  if (auto docs = j.find("documents"); docs != j.end() && docs->is_array()) {
    int part = 0;
    for (const auto& dj : *docs) {
      if (!dj.is_object()) continue;
      Document d;
      d.part = dj.value("part", ++part);
      part = d.part;
      d.type = OptStr(dj, "type");
      d.number = OptStr(dj, "number");
      d.symbol = OptStr(dj, "symbol");
      d.draft = dj.value("draft", false);
      if (auto is = dj.find("issuer"); is != dj.end() && is->is_object()) {
        d.issuer.name = OptStr(*is, "name");
        d.issuer.parent = OptStr(*is, "parent");
        d.issuer.printed = StrList(*is, "printed");
      }
      d.place = OptStr(dj, "place");
      d.date = OptStr(dj, "date");
      d.subject = OptStr(dj, "subject");
      d.urgency = OptStr(dj, "urgency");
      d.uncertain = StrList(dj, "uncertain");
      d.recipients = StrList(dj, "recipients");
      d.distribution = StrList(dj, "distribution");
      if (auto s = dj.find("signer"); s != dj.end() && s->is_object()) {
        d.signer.name = OptStr(*s, "name");
        d.signer.position = OptStr(*s, "position");
        d.signer.authority = OptStr(*s, "authority");
      }
      if (auto cs = dj.find("citations"); cs != dj.end() && cs->is_array()) {
        for (const auto& cj : *cs) {
          if (!cj.is_object()) continue;
          Citation c;
          c.type = OptStr(cj, "type");
          c.number = OptStr(cj, "number");
          c.symbol = OptStr(cj, "symbol");
          c.date = OptStr(cj, "date");
          c.issuer = OptStr(cj, "issuer");
          c.issuer_resolved = OptStr(cj, "issuer_resolved");
          c.title = OptStr(cj, "title");
          if (auto y = cj.find("year"); y != cj.end() && y->is_number_integer())
            c.year = y->get<int>();
          c.relation = OptStr(cj, "relation").value_or("dẫn chiếu");
          c.key = OptStr(cj, "key");
          if (auto ms = cj.find("mentions"); ms != cj.end() && ms->is_array())
            for (const auto& m : *ms) c.mentions.push_back(SpanFrom(m));
          d.citations.push_back(std::move(c));
        }
      }
      if (auto ts = dj.find("tasks"); ts != dj.end() && ts->is_array()) {
        for (const auto& tj : *ts) {
          if (!tj.is_object()) continue;
          Task t;
          t.id = OptStr(tj, "id");
          t.assignees = StrList(tj, "assignees");
          t.lead = OptStr(tj, "lead");
          t.cooperating = StrList(tj, "cooperating");
          t.action = OptStr(tj, "action").value_or("");
          if (auto dl = tj.find("deadline"); dl != tj.end() && dl->is_object()) {
            Deadline deadline;
            deadline.date = OptStr(*dl, "date");
            deadline.kind = OptStr(*dl, "kind").value_or("by");
            deadline.text = OptStr(*dl, "text").value_or("");
            t.deadline = deadline;
          }
          t.recurrence = OptStr(tj, "recurrence");
          t.report_to = OptStr(tj, "report_to");
          if (auto sp = tj.find("span"); sp != tj.end()) t.span = SpanFrom(*sp);
          d.tasks.push_back(std::move(t));
        }
      }
      d.footnotes = StrList(dj, "footnotes");
      d.text = OptStr(dj, "text").value_or("");
      r.documents.push_back(std::move(d));
    }
  }
  return r;
}

}  // namespace vanban
