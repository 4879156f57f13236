// Ingest: files (or JSON Lines of records) into the store, many files at a time.
//
//   auto pipeline = Pipeline::Create("");
//   IngestOptions o;  o.threads = 2;  o.stop = &g_stop;   // g_stop set by a signal handler
//   IngestSummary s = IngestPaths(store, *pipeline.value(), {"archive/"}, o, &walk_errors);
//   // s.files_read, s.documents, s.citations, s.tasks, s.skipped, s.duplicates, s.failures
//
//   Ingester in(store, *pipeline.value(), o);            // the same engine, fed by hand
//   in.Add({"/watch/a.txt", "/watch"});                  // `vanban watch` feeds it events
//   in.Finish();
//
//   std::ifstream in("records.jsonl");
//   IngestSummary l = LoadJsonLines(store, in, "records.jsonl", {});       // `vanban load`
//
// Orchestration lives here and only here. A bounded queue of paths feeds `threads` reader
// threads that read, hash, look up and extract each file; with extract_command set (as
// `vanban ingest` and `vanban watch` do) each reader hands the extraction itself to a
// child process of its own (worker.h) and waits at most extract_timeout. A bounded queue
// feeds as many preparer threads, which unpack the child's answer and Prepare (store.h)
// the record while the child already reads the next file; a bounded queue of prepared
// records feeds one writer thread that owns the store and writes each file in its own
// savepoint, many files per transaction (the store checkpoints on a thread of its own).
// With busy_limit below the machine's cores, the stages take turns (at most busy_limit
// of them at work at once). The pages of a scan or PDF a reader reads at once are its
// share of the cores (or of busy_limit) among the readers with a file in hand, changed
// while it reads when another reader takes up or runs out of files (page_share.h).
// Memory is bounded by the two queues whatever the archive size: the walk streams
// (walk.h), and workers look up what is already stored through their own read-only
// SQLite connections instead of a copy of the files table.
//
// In:  a Store opened for writing on a database file (":memory:" works too: the stored
//      hashes are then read once up front), and paths (absolute; see walk.h) or a JSON
//      Lines stream.
// Out: the summary. A path that already holds the same bytes (SHA-256) is skipped without
//      extracting; bytes already stored under another path are linked to the new path;
//      bytes that failed before under the same path are skipped unless retry_failed.
//      Each file is all-or-nothing: killed at any point (even kill -9), a rerun finds
//      every file either fully stored or not at all, and stores the rest.
// Fails: never for bad input — each bad file (or malformed line) is logged on stderr as
//      one line naming the file and stage (spdlog::error), recorded in the store's
//      failures table (with the tool versions, worker.h ToolVersions), counted in
//      `failures`, and the run goes on. SQLite errors on one file are recorded the same
//      way (stage "store"). With extract_command, a reader that crashes (a signal such as
//      SIGSEGV or SIGABRT), exits, or overruns extract_timeout on a file is recorded the
//      same way (stage "extract", "the reader crashed on this file (signal 11,
//      segmentation fault); the run went on"), and the thread starts a new child. Without
//      extract_command a crash in a library ends the process (the run is resumable).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "pipeline/store.h"
#include "pipeline/walk.h"

namespace vanban {

class StartedReaders;  // worker.h

struct IngestSummary {
  int files_read = 0;  // files looked at, including skipped ones
  int documents = 0;   // documents newly stored (duplicates included)
  int pages = 0;       // pages of the files newly stored
  int citations = 0;   // citation edges newly stored
  int tasks = 0;       // tasks newly stored
  int skipped = 0;     // unchanged since the last ingest
  int linked = 0;      // same bytes as a file stored under another path
  int duplicates = 0;  // documents recorded as a duplicate of one already stored
  int failed_before = 0;  // skipped: these bytes failed before (see retry_failed)
  int failures = 0;
  bool interrupted = false;  // `stop` was set before every file was read
  double seconds = 0;
  void Add(const IngestSummary& o);
};

struct IngestProgress {
  int done = 0;         // files written (or skipped)
  int total = 0;        // files known so far (0: not known)
  int failures = 0;
  int documents = 0;
  double seconds = 0;   // since the start
};

struct IngestOptions {
  int threads = 2;                  // extraction threads (plus one writer thread)
  // At most this many of the stages (a child extracting, a record being prepared, the
  // writer writing) at work at once; 0 or at least the machine's cores: no limit. The
  // stages then take turns, so `--jobs 1` keeps one core busy, not one per stage.
  int busy_limit = 0;
  int files_per_transaction = 256;  // each file still all-or-nothing (its own savepoint)
  // A transaction is committed when it holds files_per_transaction files, when it is
  // older than max_batch, or when no file arrived for idle_commit.
  std::chrono::milliseconds max_batch{1000};
  std::chrono::milliseconds idle_commit{200};
  // Try again files whose same bytes failed before (default: skip them).
  bool retry_failed = false;
  // When set: each file stored is moved there after its transaction commits (keeping its
  // path below the root it was found under); the store records the new path.
  std::string move_done;
  // Set (e.g. by a signal handler) to stop: files already extracted are written and
  // committed, nothing new is started.
  const std::atomic<bool>* stop = nullptr;
  // Called on the writer thread after each file (for progress display); may be empty.
  std::function<void(const IngestProgress&)> on_progress;
  // Called on the writer thread after each commit with the paths (as given to Add) that
  // it made queryable; may be empty.
  std::function<void(const std::vector<std::string>&)> on_committed;
  // When set: each thread extracts through its own child process started with this
  // command line (worker.h), so a crash or a hang in a reader costs one file, not the run.
  // Empty: extraction runs on the threads themselves (tests, benchmarks).
  std::vector<std::string> extract_command;
  // Per-file time limit for a child (with extract_command only): past it the child is
  // killed, the file recorded as failed, and a new child started.
  std::chrono::milliseconds extract_timeout{600'000};
  // Children already started with extract_command (worker.h StartedReaders): the threads
  // take these first. May be empty.
  std::shared_ptr<StartedReaders> readers;
};

// One file to ingest: its absolute path and the root it was found under (for move_done).
struct IngestItem {
  std::string path;
  std::string root;
};

// The engine: workers and the writer run from construction to Finish().
class Ingester {
 public:
  Ingester(Store& store, const Pipeline& pipeline, IngestOptions options);
  ~Ingester();  // Finish()
  Ingester(const Ingester&) = delete;
  Ingester& operator=(const Ingester&) = delete;

  // Queues a file; waits while the queue is full. False once stopping (nothing queued).
  bool Add(IngestItem item);
  // Tells the progress display how many files to expect.
  void SetTotal(int total);
  // Records a failure found before extraction (a walk error) through the writer.
  void AddFailure(const std::string& path, const StageError& error);
  // No more files: waits until every queued file is written and committed.
  IngestSummary Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Walks `roots` (walk.h) and ingests what it finds; walk errors are recorded as failures
// (stage "load") and counted.
IngestSummary IngestPaths(Store& store, const Pipeline& pipeline,
                          const std::vector<std::string>& roots, const IngestOptions& options);

// The same for a list of files already collected.
IngestSummary IngestFiles(Store& store, const Pipeline& pipeline,
                          const std::vector<std::string>& paths, const IngestOptions& options);

// Stores records printed by `vanban extract --json`. `name` names the stream in messages
// ("out.jsonl:17: …"). A record without source.sha256 is keyed by the hash of its JSON.
IngestSummary LoadJsonLines(Store& store, std::istream& in, const std::string& name,
                            const IngestOptions& options);

}  // namespace vanban
