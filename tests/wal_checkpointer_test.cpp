// Background WAL checkpoints (pipeline/wal_checkpointer.h).
#include "pipeline/wal_checkpointer.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

namespace {

namespace fs = std::filesystem;

class WalCheckpointerTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempDir() + "vanban_wal_" + std::to_string(getpid()) + "_" +
            testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    Remove();
    db_ = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db_->exec("PRAGMA journal_mode = WAL");
    db_->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
  }
  void TearDown() override {
    db_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }
  // `n` transactions of one 16 KB row each (four or five 4 KB pages per commit).
  void Commit(int n) {
    for (int i = 0; i < n; ++i) {
      SQLite::Transaction tx(*db_);
      db_->exec("INSERT INTO t (b) VALUES (zeroblob(16384))");
      tx.commit();
    }
  }
  std::uintmax_t WalBytes() { return fs::file_size(path_ + "-wal"); }

  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
};

TEST_F(WalCheckpointerTest, CopiesTheWalIntoTheDatabaseInTheBackground) {
  vanban::WalCheckpointer c(db_->getHandle(), path_, 16, 1 << 30);
  auto before = fs::file_size(path_);
  Commit(10);  // about 50 pages: past the 16-page trigger
  // The copy happens on the other thread: wait for it (generously; this is not a timing).
  for (int i = 0; i < 1000 && c.background_checkpoints() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(c.background_checkpoints(), 1);
  EXPECT_EQ(c.writer_checkpoints(), 0);
  EXPECT_GT(fs::file_size(path_), before + 16 * 4096);  // pages reached the database file
}

TEST_F(WalCheckpointerTest, WriterCheckpointsItselfPastTheBackstop) {
  // The background trigger never fires; the backstop alone keeps the WAL bounded.
  vanban::WalCheckpointer c(db_->getHandle(), path_, 1 << 30, 40);
  Commit(200);  // about 1,000 pages written in all
  EXPECT_GE(c.writer_checkpoints(), 1);
  EXPECT_EQ(c.background_checkpoints(), 0);
  // Without checkpoints the WAL would hold all 1,000 pages (4 MB); it restarts instead.
  EXPECT_LT(WalBytes(), 100u * 4120u);
}

TEST_F(WalCheckpointerTest, GoneCheckpointerLeavesTheWriterWorking) {
  {
    vanban::WalCheckpointer c(db_->getHandle(), path_, 16, 64);
    Commit(5);
  }
  Commit(50);  // the hook is removed: no call into a destroyed object
  EXPECT_EQ(db_->execAndGet("SELECT count(*) FROM t").getInt(), 55);
  EXPECT_EQ(db_->execAndGet("PRAGMA integrity_check").getString(), "ok");
}

}  // namespace
