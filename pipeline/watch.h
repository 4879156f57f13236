// The watch folder: files dropped into a folder all day are ingested as they arrive.
//
//   auto lock = WatchLock::Acquire("vanban.db");        // one watch per database
//   if (!lock) { report(lock.error()); }                 // "another vanban watch … (pid 123)"
//   WatchOptions o;  o.ingest.stop = &g_stop;            // SIGTERM/SIGINT set g_stop
//   IngestSummary s = Watch(store, pipeline, "/srv/scans", o);   // returns once stopped
//
// How a file is noticed. With inotify (Linux), every folder below DIR is watched,
// including folders created or moved in later; with polling (--poll SECONDS, chosen
// automatically when DIR is on NFS, SMB/CIFS, FUSE and other network file systems where
// inotify sees no remote changes) the tree is listed every so many seconds. At start, and
// every `rescan` seconds, the whole tree is listed so nothing an event missed is lost.
//
// When a file is taken. Only names a folder walk takes (walk.h: *.txt, *.md, not hidden),
// never partial files (`*.part`, `*.tmp`, `~$…`). A file being written (modified and not
// yet closed) waits; once closed after writing or moved in, it is taken when its size and
// modification time have not changed for `settle` seconds (polling: two listings agree).
// It then goes through the same engine as `vanban ingest` (ingest.h): unchanged bytes are
// skipped by content hash, a changed file replaces its old record, citations of documents
// not yet in the archive link up when those documents arrive (store.h).
//
// Stopping. When *ingest.stop becomes true, the files already being read are written and
// committed, then Watch returns.
// Fails: Watch returns a StageError (stage "watch") when DIR cannot be watched at all;
// files that fail are recorded like `vanban ingest` failures and the watch goes on.
#pragma once

#include <optional>
#include <string>

#include "pipeline/ingest.h"
#include "pipeline/result.h"

namespace vanban {

struct WatchOptions {
  double settle = 0.3;                  // seconds a closed file must stay unchanged
  std::optional<double> poll;           // seconds between listings; none = inotify if usable
  double rescan = 300;                  // seconds between full listings with inotify
  IngestOptions ingest;                 // threads, stop flag, callbacks
};

// True for names never taken: "*.part", "*.tmp", "~$*" (any case).
bool IsPartialName(const std::string& filename);

// The file system type when `dir` is on one where inotify misses changes ("nfs", "cifs",
// "smb2", "fuse", …); nullopt for a local file system.
std::optional<std::string> NetworkFileSystem(const std::string& dir);

// An exclusive lock next to the database (DB.watch-lock), held while the object lives.
class WatchLock {
 public:
  static Result<WatchLock> Acquire(const std::string& db_path);
  WatchLock(WatchLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  WatchLock& operator=(WatchLock&&) = delete;
  WatchLock(const WatchLock&) = delete;
  ~WatchLock();

 private:
  explicit WatchLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

Result<IngestSummary> Watch(Store& store, const Pipeline& pipeline, const std::string& dir,
                            const WatchOptions& options);

}  // namespace vanban
