#include "pipeline/wal_checkpointer.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace vanban {

WalCheckpointer::WalCheckpointer(sqlite3* writer, const std::string& path, int pages,
                                 int backstop_pages)
    : writer_(writer),
      pages_(pages),
      backstop_pages_(backstop_pages),
      db_(std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE, 10000)) {
  db_->exec("PRAGMA synchronous = NORMAL");
  sqlite3_wal_hook(writer_, &WalCheckpointer::Hook, this);  // replaces the auto-checkpoint
  thread_ = std::thread([this] { Loop(); });
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

// Called by SQLite on the writer's thread after each commit, with the WAL's frame count.
int WalCheckpointer::Hook(void* self, sqlite3* db, const char* name, int frames) {
  auto* c = static_cast<WalCheckpointer*>(self);
  if (frames >= c->backstop_pages_) {
    // The background has fallen far behind (or cannot run): do what SQLite's own
    // auto-checkpoint does, here, so the WAL cannot grow without bound.
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    ++c->backstops_;
  } else if (frames >= c->pages_) {
    {
      std::lock_guard lock(c->mu_);
      c->wanted_ = true;
    }
    c->cv_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::Loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return wanted_ || stop_; });
    if (stop_) return;
    wanted_ = false;
    lock.unlock();
    int log = 0, copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(db_->getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log,
                                       &copied);
    if (rc == SQLITE_OK)
      ++done_;
    else
      spdlog::debug("{}: background checkpoint: {}", db_->getFilename(), sqlite3_errstr(rc));
    lock.lock();
  }
}

}  // namespace vanban
