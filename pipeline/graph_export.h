// The citation graph in the formats other tools read: every output format in one place.
//
//   GraphData g = store.Graph();                              // store.h
//   auto format = ParseGraphFormat("graphml");                // dot | graphml | json
//   WriteGraph(g, *format, std::cout);
//
//   dot      Graphviz:   `dot -Tsvg graph.dot -o graph.svg`
//   graphml  Gephi, yEd, NetworkX
//   json     Cytoscape:  {"elements": {"nodes": [{"data": {"id", "label", …}}], "edges": […]}}
//
// Nodes are "n<id>"; a node whose document is not in the archive is marked: dashed in DOT,
// resolved=false in GraphML and JSON (and class "unresolved" in Cytoscape). Edges go from
// the citing document's node to the cited node and carry the relation ("căn cứ", …).
// Text is escaped for each format (XML entities, DOT quoted strings, JSON), and invalid
// UTF-8 is replaced rather than written. Writing never fails except through the stream.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "pipeline/store.h"

namespace vanban {

enum class GraphFormat { kDot, kGraphMl, kCytoscapeJson };

// "dot", "graphml" or "json" (also "cytoscape", "gv", "xml"); nullopt for anything else.
std::optional<GraphFormat> ParseGraphFormat(std::string_view name);

void WriteGraph(const GraphData& graph, GraphFormat format, std::ostream& out);

// Exposed for tests: the escaping each format needs.
std::string XmlEscape(std::string_view s);  // & < > " ' and control characters
std::string DotQuote(std::string_view s);   // "…" with \" \\ and \n

}  // namespace vanban
