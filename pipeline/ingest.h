// Ingest: files (or JSON Lines of records) into the store, many files at a time.
//
//   auto pipeline = Pipeline::Create("");
//   std::vector<std::string> files = CollectFiles({"corpus/"}, &walk_errors);   // walk.h
//   IngestSummary s = IngestFiles(store, *pipeline.value(), files, {});
//   // s.files_read, s.documents, s.citations, s.skipped, s.failures
//
//   std::ifstream in("records.jsonl");
//   IngestSummary l = LoadJsonLines(store, in, "records.jsonl", {});       // `vanban load`
//
// Orchestration lives here and only here: worker threads hash and extract files (the
// Pipeline is const and thread-safe), one writer — the calling thread — owns the store and
// writes each file in its own savepoint, several files per transaction.
//
// In:  a Store opened for writing, and paths (absolute; see walk.h) or a JSON Lines stream.
// Out: the summary. A path that already holds the same bytes (SHA-256) is skipped without
//      extracting; bytes already stored under another path are linked to the new path.
// Fails: never for bad input — each bad file (or malformed line) is logged on stderr as
//      one line naming the file and stage (spdlog::error), recorded in the store's
//      failures table, counted in `failures`, and the run goes on. SQLite errors on one
//      file are recorded the same way (stage "store").
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "pipeline/store.h"

namespace vanban {

struct IngestSummary {
  int files_read = 0;  // files looked at, including skipped ones
  int documents = 0;   // documents newly stored
  int citations = 0;   // citation edges newly stored
  int skipped = 0;     // unchanged since the last ingest
  int linked = 0;      // same bytes as a file stored under another path
  int failures = 0;
};

struct IngestOptions {
  int threads = 2;                  // extraction threads (the writer is the calling thread)
  int files_per_transaction = 128;  // each file still all-or-nothing (its own savepoint)
  // Called on the writer thread after each file (for progress display); may be empty.
  std::function<void(int done, int total)> on_progress;
};

IngestSummary IngestFiles(Store& store, const Pipeline& pipeline,
                          const std::vector<std::string>& paths, const IngestOptions& options);

// Stores records printed by `vanban extract --json`. `name` names the stream in messages
// ("out.jsonl:17: …"). A record without source.sha256 is keyed by the hash of its JSON.
IngestSummary LoadJsonLines(Store& store, std::istream& in, const std::string& name,
                            const IngestOptions& options);

}  // namespace vanban
