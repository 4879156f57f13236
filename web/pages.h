// The data behind each page of the web view, as JSON: what `?format=json` returns and what
// the templates render. Each function only reads the store.
//
//   json s = SearchPage(store, keys, "2454/QĐ-UBND");    // /search?q=…
//   std::optional<json> d = DocumentPage(store, 12);      // /document/12 (nullopt: no such id)
//   std::optional<json> g = GraphPage(store, 12);         // /document/12/graph
//   json t = DeadlinesPage(store, filter, "2024-04-03");  // /deadlines
//   json i = IngestPage(store);                           // /ingest
//
// The *Html functions add what only the HTML needs (text cut into highlighted parts,
// the SVG picture) to a copy of the data.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/citation_key.h"
#include "pipeline/browse.h"
#include "pipeline/store.h"

namespace vanban::web {

using nlohmann::json;

// Most results of one kind a page lists.
inline constexpr int kPageLimit = 50;

// Search by number ("2454/QĐ-UBND", "QD 2454"), by issuer, and by words of the subject and
// text (with or without diacritics), best kinds first, each document once.
json SearchPage(Store& store, const CitationKeys& keys, std::string_view query);
json SearchHtml(json page);

std::optional<json> DocumentPage(Store& store, std::int64_t document_id);
json DocumentHtml(json page);

// The document's node, the nodes it cites and the documents citing it (at most kPageLimit
// each), and the edges between them.
std::optional<json> GraphPage(Store& store, std::int64_t document_id);
json GraphHtml(json page);

// Filters of the deadline page (already validated).
struct DeadlineFilter {
  std::string assignee, issuer;
};
// Tasks in four buckets by deadline relative to `today` (ISO): overdue, this week, this
// month, later; kPageLimit each at most ("truncated" says when there were more).
json DeadlinesPage(Store& store, const DeadlineFilter& filter, const DeadlineBuckets& buckets);
json DeadlinesHtml(json page);
// Every dated task matching the filter, for the .ics and .csv exports.
std::vector<TaskRow> DeadlineExportRows(Store& store, const DeadlineFilter& filter);

json IngestPage(Store& store);

// "2024-03-15" -> "15/03/2024"; "2023-08" -> "08/2023"; other text unchanged.
std::string VnDate(std::string_view iso);

}  // namespace vanban::web
