#include "pipeline/graph_export.h"

#include <nlohmann/json.hpp>
#include <vector>

namespace vanban {
namespace {

using nlohmann::json;

// A node's attributes, shared by every format (name, value); empty values are left out.
std::vector<std::pair<std::string, std::string>> NodeAttributes(const GraphData& g,
                                                                const NodeRow& n) {
  std::vector<std::pair<std::string, std::string>> a;
  auto add = [&](const char* name, const std::optional<std::string>& v) {
    if (v && !v->empty()) a.emplace_back(name, *v);
  };
  const DocumentRow* doc = nullptr;
  if (n.document_id) {
    auto it = g.documents.find(*n.document_id);
    if (it != g.documents.end()) doc = &it->second;
  }
  std::string label = n.Label();
  if (doc && !doc->key && !doc->number) label = doc->Label();
  a.emplace_back("label", label);
  add("key", n.key);
  add("type", n.type);
  add("number", n.number);
  add("symbol", n.symbol);
  if (n.year) a.emplace_back("year", std::to_string(*n.year));
  add("date", n.date);
  add("issuer", n.issuer);
  add("title", n.title);
  if (doc) {
    add("subject", doc->subject);
    if (!doc->paths.empty()) a.emplace_back("path", doc->paths.front());
  }
  a.emplace_back("resolved", n.resolved() ? "true" : "false");
  a.emplace_back("cited_by", std::to_string(n.cited_by));
  return a;
}

std::vector<std::pair<std::string, std::string>> EdgeAttributes(const CitationRow& e) {
  std::vector<std::pair<std::string, std::string>> a;
  a.emplace_back("relation", e.relation);
  if (e.key) a.emplace_back("key", *e.key);
  if (e.sentence) a.emplace_back("sentence", *e.sentence);
  return a;
}

std::string NodeId(std::int64_t id) { return "n" + std::to_string(id); }

void WriteDot(const GraphData& g, std::ostream& out) {
  out << "digraph vanban {\n"
         "  graph [rankdir=LR, charset=\"UTF-8\"];\n"
         "  node [shape=box, fontname=\"DejaVu Sans\"];\n"
         "  edge [fontname=\"DejaVu Sans\", fontsize=9];\n";
  for (const NodeRow& n : g.nodes) {
    auto attrs = NodeAttributes(g, n);
    out << "  " << NodeId(n.id) << " [label=" << DotQuote(attrs.front().second);
    std::string tooltip;
    for (std::size_t i = 1; i < attrs.size(); ++i)
      tooltip += (i > 1 ? "\n" : "") + attrs[i].first + ": " + attrs[i].second;
    out << ", tooltip=" << DotQuote(tooltip);
    if (!n.resolved()) out << ", style=dashed, color=gray40, fontcolor=gray30";
    out << "];\n";
  }
  for (const CitationRow& e : g.edges) {
    out << "  " << NodeId(e.from_node_id) << " -> " << NodeId(e.to_node_id)
        << " [label=" << DotQuote(e.relation);
    if (e.sentence) out << ", tooltip=" << DotQuote(*e.sentence);
    out << "];\n";
  }
  out << "}\n";
}

void WriteGraphMl(const GraphData& g, std::ostream& out) {
  static const char* kNodeKeys[] = {"label", "key",      "type",    "number", "symbol",
                                    "year",  "date",     "issuer",  "title",  "subject",
                                    "path",  "resolved", "cited_by"};
  static const char* kEdgeKeys[] = {"relation", "key", "sentence"};
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const char* k : kNodeKeys) {
    std::string type = std::string(k) == "resolved"                                 ? "boolean"
                       : (std::string(k) == "cited_by" || std::string(k) == "year") ? "int"
                                                                                    : "string";
    out << "  <key id=\"n_" << k << "\" for=\"node\" attr.name=\"" << k << "\" attr.type=\"" << type
        << "\"/>\n";
  }
  for (const char* k : kEdgeKeys)
    out << "  <key id=\"e_" << k << "\" for=\"edge\" attr.name=\"" << k
        << "\" attr.type=\"string\"/>\n";
  out << "  <graph id=\"vanban\" edgedefault=\"directed\">\n";
  for (const NodeRow& n : g.nodes) {
    out << "    <node id=\"" << NodeId(n.id) << "\">\n";
    for (const auto& [k, v] : NodeAttributes(g, n))
      out << "      <data key=\"n_" << k << "\">" << XmlEscape(v) << "</data>\n";
    out << "    </node>\n";
  }
  for (const CitationRow& e : g.edges) {
    out << "    <edge id=\"e" << e.id << "\" source=\"" << NodeId(e.from_node_id) << "\" target=\""
        << NodeId(e.to_node_id) << "\">\n";
    for (const auto& [k, v] : EdgeAttributes(e))
      out << "      <data key=\"e_" << k << "\">" << XmlEscape(v) << "</data>\n";
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

void WriteCytoscape(const GraphData& g, std::ostream& out) {
  json nodes = json::array(), edges = json::array();
  for (const NodeRow& n : g.nodes) {
    json data = {{"id", NodeId(n.id)}};
    for (const auto& [k, v] : NodeAttributes(g, n)) {
      if (k == "resolved")
        data[k] = n.resolved();
      else if (k == "cited_by")
        data[k] = n.cited_by;
      else if (k == "year")
        data[k] = *n.year;
      else
        data[k] = v;
    }
    json el = {{"data", data}};
    if (!n.resolved()) el["classes"] = "unresolved";
    nodes.push_back(std::move(el));
  }
  for (const CitationRow& e : g.edges) {
    json data = {{"id", "e" + std::to_string(e.id)},
                 {"source", NodeId(e.from_node_id)},
                 {"target", NodeId(e.to_node_id)}};
    for (const auto& [k, v] : EdgeAttributes(e)) data[k] = v;
    edges.push_back({{"data", data}});
  }
  json doc = {{"elements", {{"nodes", nodes}, {"edges", edges}}}};
  out << doc.dump(1, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace

std::optional<GraphFormat> ParseGraphFormat(std::string_view name) {
  if (name == "dot" || name == "gv") return GraphFormat::kDot;
  if (name == "graphml" || name == "xml") return GraphFormat::kGraphMl;
  if (name == "json" || name == "cytoscape") return GraphFormat::kCytoscapeJson;
  return std::nullopt;
}

void WriteGraph(const GraphData& graph, GraphFormat format, std::ostream& out) {
  switch (format) {
    case GraphFormat::kDot:
      WriteDot(graph, out);
      break;
    case GraphFormat::kGraphMl:
      WriteGraphMl(graph, out);
      break;
    case GraphFormat::kCytoscapeJson:
      WriteCytoscape(graph, out);
      break;
  }
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 allows no control characters but tab, line feed and carriage return.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
          out += ' ';
        else
          out += c;
    }
  }
  return out;
}

std::string DotQuote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

}  // namespace vanban
