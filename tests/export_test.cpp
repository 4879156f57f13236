// Graph export: every format escapes what it must and marks unresolved nodes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "pipeline/graph_export.h"

namespace vanban {
namespace {

GraphData SmallGraph() {
  GraphData g;
  NodeRow doc;
  doc.id = 1;
  doc.key = "7/KH-UBND@2023";
  doc.number = "7";
  doc.symbol = "KH-UBND";
  doc.year = 2023;
  doc.document_id = 10;
  NodeRow cited;
  cited.id = 2;
  cited.key = "Luật:a \"b\" <c> & d@2015";
  cited.type = "Luật";
  cited.title = "Luật \"Đất đai\" <sửa đổi> & bổ sung";
  cited.year = 2015;
  cited.cited_by = 1;
  g.nodes = {doc, cited};
  CitationRow e;
  e.id = 5;
  e.from_document_id = 10;
  e.from_node_id = 1;
  e.to_node_id = 2;
  e.relation = "căn cứ";
  e.sentence = "Căn cứ Luật \"Đất đai\" <sửa đổi>;\ndòng 2 \\ hết";
  g.edges = {e};
  DocumentRow d;
  d.id = 10;
  d.number = "7";
  d.symbol = "KH-UBND";
  d.subject = "kế hoạch <năm> 2023";
  d.paths = {"/a/b \"c\".txt"};
  g.documents.emplace(10, d);
  return g;
}

std::string Write(GraphFormat f) {
  std::ostringstream out;
  WriteGraph(SmallGraph(), f, out);
  return out.str();
}

TEST(GraphExport, GraphMlEscapesXml) {
  std::string xml = Write(GraphFormat::kGraphMl);
  EXPECT_NE(xml.find("Luật &quot;Đất đai&quot; &lt;sửa đổi&gt; &amp; bổ sung"), std::string::npos);
  EXPECT_EQ(xml.find("<sửa đổi>"), std::string::npos);
  EXPECT_EQ(xml.find("\"Đất đai\""), std::string::npos);
  EXPECT_NE(xml.find("<edge id=\"e5\" source=\"n1\" target=\"n2\">"), std::string::npos);
  EXPECT_NE(xml.find("<data key=\"n_resolved\">false</data>"), std::string::npos);
  EXPECT_EQ(XmlEscape("a\x01<b>'"), "a &lt;b&gt;&apos;");
}

TEST(GraphExport, DotQuotesAndDashesUnresolved) {
  std::string dot = Write(GraphFormat::kDot);
  EXPECT_EQ(dot.rfind("digraph vanban {", 0), 0u);
  EXPECT_NE(dot.find("n1 -> n2 [label=\"căn cứ\""), std::string::npos);
  EXPECT_NE(dot.find("label=\"Luật \\\"Đất đai\\\" <sửa đổi> & bổ sung (2015)\""),
            std::string::npos)
      << dot;
  // The unresolved node is dashed, the stored one is not.
  auto n2 = dot.find("  n2 [");
  ASSERT_NE(n2, std::string::npos);
  EXPECT_NE(dot.substr(n2, dot.find('\n', n2) - n2).find("style=dashed"), std::string::npos);
  auto n1 = dot.find("  n1 [");
  EXPECT_EQ(dot.substr(n1, dot.find('\n', n1) - n1).find("dashed"), std::string::npos);
  EXPECT_EQ(DotQuote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
}

TEST(GraphExport, CytoscapeJsonParsesBack) {
  auto j = nlohmann::json::parse(Write(GraphFormat::kCytoscapeJson));
  const auto& nodes = j["elements"]["nodes"];
  const auto& edges = j["elements"]["edges"];
  ASSERT_EQ(nodes.size(), 2u);
  ASSERT_EQ(edges.size(), 1u);
  EXPECT_EQ(nodes[1]["data"]["title"], "Luật \"Đất đai\" <sửa đổi> & bổ sung");
  EXPECT_EQ(nodes[1]["data"]["resolved"], false);
  EXPECT_EQ(nodes[1]["classes"], "unresolved");
  EXPECT_EQ(nodes[0]["data"]["path"], "/a/b \"c\".txt");
  EXPECT_EQ(edges[0]["data"]["source"], "n1");
  EXPECT_EQ(edges[0]["data"]["target"], "n2");
  EXPECT_EQ(edges[0]["data"]["relation"], "căn cứ");
}

TEST(GraphExport, FormatNames) {
  EXPECT_EQ(ParseGraphFormat("dot"), GraphFormat::kDot);
  EXPECT_EQ(ParseGraphFormat("graphml"), GraphFormat::kGraphMl);
  EXPECT_EQ(ParseGraphFormat("json"), GraphFormat::kCytoscapeJson);
  EXPECT_FALSE(ParseGraphFormat("csv"));
}

}  // namespace
}  // namespace vanban
