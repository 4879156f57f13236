// Store stage helper: copies a WAL database's write-ahead log back into the database on a
// thread of its own, so that the writer's commits never wait for a checkpoint.
//
//   in:  the writer's open connection (journal_mode WAL) and the database's path;
//        `pages`: the WAL size, in pages, at which a checkpoint is started in the
//        background; `backstop_pages`: the size at which the writer checkpoints itself,
//        as SQLite would, should the background checkpoint fall behind.
//   out: nothing but the side effect. Checkpoints are PASSIVE: they never block the writer
//        or readers; each one copies what it can and fsyncs the database file.
//
// Why: with SQLite's own auto-checkpoint the commit that crosses the limit copies the
// whole WAL into the database and waits for two fdatasyncs (about 0.1 s each on this
// machine's disk), and the bulk ingest stalls behind it. On its own connection the
// checkpoint runs while the writer goes on appending to the WAL.
//
//   WalCheckpointer c(sqlite_handle, "/archive/vanban.db", 16384, 65536);
//   ... commits ...                 // the destructor stops the thread (no final checkpoint:
//                                   // closing the last connection does that)
// Failures of a background checkpoint (busy, I/O) are logged at debug level and retried at
// the next trigger; they never reach the writer. Must be destroyed before the writer's
// connection is closed.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;
namespace SQLite {
class Database;
}

namespace vanban {

class WalCheckpointer {
 public:
  WalCheckpointer(sqlite3* writer, const std::string& path, int pages, int backstop_pages);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  int background_checkpoints() const { return done_.load(); }  // completed so far
  int writer_checkpoints() const { return backstops_.load(); }

 private:
  static int Hook(void* self, sqlite3* db, const char* name, int frames);
  void Loop();

  sqlite3* writer_;
  int pages_, backstop_pages_;
  std::unique_ptr<SQLite::Database> db_;  // the checkpointer's own connection
  std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false, stop_ = false;
  std::atomic<int> done_{0}, backstops_{0};
  std::thread thread_;
};

}  // namespace vanban
