#include "web/graph_svg.h"

#include <graphviz/gvc.h>

#include <mutex>

namespace vanban::web {
namespace {

void Set(void* obj, const char* name, const std::string& value) {
  agsafeset(obj, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

// Graphviz reads backslash escapes (\N, \G, \l) in labels; a document's own backslashes
// are doubled so they show as written.
std::string LabelText(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string NeighbourhoodSvg(const nlohmann::json& graph) {
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  static GVC_t* gvc = gvContext();
  if (!gvc) return "";
  Agraph_t* g = agopen(const_cast<char*>("citations"), Agdirected, nullptr);
  Set(g, "rankdir", "LR");
  Set(g, "bgcolor", "transparent");
  Set(g, "fontname", "DejaVu Sans");
  agattr(g, AGNODE, const_cast<char*>("shape"), const_cast<char*>("box"));
  agattr(g, AGNODE, const_cast<char*>("fontname"), const_cast<char*>("DejaVu Sans"));
  agattr(g, AGNODE, const_cast<char*>("fontsize"), const_cast<char*>("11"));
  agattr(g, AGEDGE, const_cast<char*>("fontname"), const_cast<char*>("DejaVu Sans"));
  agattr(g, AGEDGE, const_cast<char*>("fontsize"), const_cast<char*>("9"));
  for (const auto& n : graph.value("nodes", nlohmann::json::array())) {
    std::string name = "n" + std::to_string(n.value("id", 0LL));
    Agnode_t* node = agnode(g, const_cast<char*>(name.c_str()), 1);
    std::string label = n.value("label", "");
    Set(node, "label", LabelText(label));
    Set(node, "tooltip", LabelText(label));
    bool resolved = n.value("resolved", false), center = n.value("center", false);
    Set(node, "id", name);
    if (n.contains("href") && n["href"].is_string()) Set(node, "URL", n["href"].get<std::string>());
    if (center) {
      Set(node, "style", "filled,bold");
      Set(node, "fillcolor", "#ffe08a");
      Set(node, "class", "center");
    } else if (resolved) {
      Set(node, "style", "filled");
      Set(node, "fillcolor", "#dbeafe");
      Set(node, "class", "resolved");
    } else {
      Set(node, "style", "dashed");
      Set(node, "color", "#888888");
      Set(node, "fontcolor", "#555555");
      Set(node, "class", "unresolved");
    }
  }
  for (const auto& e : graph.value("edges", nlohmann::json::array())) {
    std::string a = "n" + std::to_string(e.value("from", 0LL));
    std::string b = "n" + std::to_string(e.value("to", 0LL));
    Agnode_t* na = agnode(g, const_cast<char*>(a.c_str()), 0);
    Agnode_t* nb = agnode(g, const_cast<char*>(b.c_str()), 0);
    if (!na || !nb) continue;
    Agedge_t* edge = agedge(g, na, nb, nullptr, 1);
    Set(edge, "label", LabelText(e.value("relation", "")));
  }
  std::string svg;
  if (gvLayout(gvc, g, "dot") == 0) {
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(gvc, g, "svg", &data, &length) == 0 && data) {
      svg.assign(data, length);
      gvFreeRenderData(data);
    }
    gvFreeLayout(gvc, g);
  }
  agclose(g);
  auto at = svg.find("<svg");
  return at == std::string::npos ? "" : svg.substr(at);
}

}  // namespace vanban::web
