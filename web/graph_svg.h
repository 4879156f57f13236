// The citation neighbourhood of a document drawn as SVG with Graphviz (Debian's libgvc, the
// `dot` layout in-process; no external program is run).
//
//   std::string svg = NeighbourhoodSvg(graph);   // graph: the JSON of /document/<id>/graph
//
// Input: {"nodes": [{"id", "label", "href", "resolved", "center"}], "edges": [{"from", "to",
// "relation"}]}. Stored documents are filled boxes that link to their page; cited documents
// not in the archive are dashed grey boxes; the document itself is highlighted. Labels are
// plain strings to Graphviz (never its HTML-like labels), and its SVG output escapes them.
// Graphviz is not thread-safe: calls are serialised by a lock inside. Returns the <svg>
// element alone (no XML prolog), or "" when Graphviz fails.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace vanban::web {

std::string NeighbourhoodSvg(const nlohmann::json& graph);

}  // namespace vanban::web
