// Reads for the web view (`vanban serve`) that the Store's own API does not offer: the
// text of a document, documents by issuer, the ingest history, and the deadline buckets.
// Everything here only reads; it runs on the Store's connection (one thread at a time,
// like the Store itself) and works on a Store opened with Mode::kReadOnly.
//
//   std::optional<std::string> text = DocumentText(store, 12);      // normalised text
//   auto parts = MarkSpans(*text, {{412, 470, "citation", "/document/7"}});
//   auto docs = DocumentsByIssuer(store, "UBND huyện Sơn Tây", 20);
//   DeadlineBuckets b = BucketsFor("2024-04-03");  // week to Sunday, month to its last day
//
// Offsets are byte offsets into the normalised text, as in the record
// (shared/spec/extraction.md). Spans that are out of range, empty or not on UTF-8 character
// boundaries are clamped to the text and moved to character boundaries, never trusted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/store.h"
#include "pipeline/task_export.h"

namespace vanban {

// The normalised text stored for a document; nullopt when there is no such document,
// "" when the document was stored without text.
std::optional<std::string> DocumentText(Store& store, std::int64_t document_id);

// Documents whose issuer (or the body above it) matches `issuer` as a clerk types it
// ("UBND huyện Sơn Tây", "uy ban nhan dan"): every word of IssuerMatchKey(issuer), in order,
// within the stored body's name. Newest first; at most `limit`.
std::vector<DocumentRow> DocumentsByIssuer(Store& store, std::string_view issuer, int limit);

// One file of the archive and when it was (last) ingested.
struct IngestedFile {
  std::string path, sha256, ingested_at;  // ingested_at: UTC, ISO 8601
  int documents = 0;                      // documents stored for its bytes
};
// The most recently ingested files first.
std::vector<IngestedFile> RecentFiles(Store& store, int limit);

// How many files were ingested on one day (UTC).
struct IngestDay {
  std::string day;  // "2024-03-15"
  std::int64_t files = 0;
};
// The latest `limit` days on which something was ingested, newest first.
std::vector<IngestDay> IngestDays(Store& store, int limit);

// The cut-off days of the deadline page for `today` (ISO date): overdue is before today,
// this week runs to Sunday, this month to its last day (empty range when the week already
// reaches it), later after that. All ISO dates.
struct DeadlineBuckets {
  std::string today, week_end, month_end;
};
// nullopt when `today` is not a valid ISO date.
std::optional<DeadlineBuckets> BucketsFor(std::string_view today);
// The day after an ISO date ("2024-02-29" -> "2024-03-01").
std::string NextDay(std::string_view iso_date);
// A date as a clerk types it ("30/6/2024", "2024-06-30") to ISO; "" when it is not one.
std::string IsoDate(std::string_view text);

// One task of the store as a row of the iCalendar/CSV exports (task_export.h).
TaskRow ExportRow(const TaskListRow& row);

// A piece of text to show, marked or not. `kind` is "" for plain text; `href` is set for
// a marked piece that links somewhere (a citation to a document in the archive).
struct TextPart {
  std::string text;
  std::string kind;
  std::string href;
  std::string title;
};
struct Mark {
  std::size_t begin = 0, end = 0;  // byte offsets into the text
  std::string kind;                // "citation", "task", "match"
  std::string href;
  std::string title;
};
// The text cut at the marks' boundaries. Where marks overlap, the one that starts later
// (the inner one) wins for the overlap; the parts always add up to the whole text.
std::vector<TextPart> MarkSpans(std::string_view text, std::vector<Mark> marks);
// Marks the words of `text` that start like a word of `query` (both folded: case and
// diacritics ignored), for highlighting search results.
std::vector<TextPart> MarkWords(std::string_view text, std::string_view query);

}  // namespace vanban
