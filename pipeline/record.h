// The extraction record: what one input file yields.
//
// This mirrors ../shared/spec/extraction.md field for field; that spec is a contract with
// other tools, so names here must not drift from it. record_json.h turns a Record into the
// JSON line that `vanban extract --json` prints, and back (for `vanban load`).
//
//   vanban::Record rec = vanban::ExtractFile(path, rules);      // pipeline/pipeline.h
//   std::cout << vanban::ToJsonLine(rec) << "\n";               // pipeline/record_json.h
//
// Offsets (Span, mentions) are byte offsets into Document::text, the document's normalised
// text, never into the raw file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vanban {

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool operator==(const Span&) const = default;
};

struct Source {
  std::string path;
  std::string sha256;            // hex digest of the file's bytes
  std::string format = "text";   // text | markdown | pdf-text | pdf-scan | image | docx
  int pages = 1;
  bool ocr = false;
  std::string encoding = "utf-8";  // utf-8 | utf-16 | tcvn3 | vni | ...
};

// An expected failure: bad input, not a bug. Travels as a value to the orchestrator,
// which records it and moves on to the next file.
struct StageError {
  std::string stage;    // load | ocr | normalize | segment | extract | store
  std::string message;  // plain words for a clerk: what is wrong with the file
};

struct Issuer {
  std::optional<std::string> name;
  std::optional<std::string> parent;
  std::vector<std::string> printed;  // the header lines as printed
};

struct Signer {
  std::optional<std::string> name;
  std::optional<std::string> position;
  std::optional<std::string> authority;  // "TM. Ủy ban nhân dân\nKT. Chủ tịch"
};

struct Citation {
  std::optional<std::string> type;
  std::optional<std::string> number;
  std::optional<std::string> symbol;
  std::optional<std::string> date;  // ISO, possibly partial
  std::optional<std::string> issuer;
  std::optional<std::string> issuer_resolved;
  std::optional<std::string> title;
  std::optional<int> year;
  std::string relation = "dẫn chiếu";
  std::optional<std::string> key;  // node id in the citation graph; see citation_key.h
  std::vector<Span> mentions;
};

struct Deadline {
  std::optional<std::string> date;  // ISO; a quarter or month resolves to its last day
  std::string kind = "by";          // by | period_end | recurring
  std::string text;                 // the words that set it, as printed
};

struct Task {
  std::optional<std::string> id;  // numbering path "3.b", "5.2", "1.-1"
  std::vector<std::string> assignees;
  std::optional<std::string> lead;
  std::vector<std::string> cooperating;
  std::string action;
  std::optional<Deadline> deadline;
  std::optional<std::string> recurrence;
  std::optional<std::string> report_to;
  Span span;
};

struct Document {
  int part = 1;
  std::optional<std::string> type;
  std::optional<std::string> number;
  std::optional<std::string> symbol;
  bool draft = false;
  Issuer issuer;
  std::optional<std::string> place;
  std::optional<std::string> date;
  std::optional<std::string> subject;
  std::optional<std::string> urgency;
  std::vector<std::string> uncertain;
  std::vector<std::string> recipients;
  std::vector<std::string> distribution;
  Signer signer;
  std::vector<Citation> citations;
  std::vector<Task> tasks;
  std::vector<std::string> footnotes;
  std::string text;  // normalised text; printed only with --with-text
};

struct Record {
  Source source;
  std::optional<StageError> error;
  std::vector<Document> documents;
};

}  // namespace vanban
