#include "pipeline/ingest.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <semaphore>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/load.h"
#include "pipeline/record_json.h"
#include "pipeline/worker.h"

namespace vanban {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

void IngestSummary::Add(const IngestSummary& o) {
  files_read += o.files_read;
  documents += o.documents;
  pages += o.pages;
  citations += o.citations;
  tasks += o.tasks;
  skipped += o.skipped;
  linked += o.linked;
  duplicates += o.duplicates;
  failed_before += o.failed_before;
  failures += o.failures;
  interrupted = interrupted || o.interrupted;
  seconds += o.seconds;
}

namespace {

// A queue with a capacity: producers wait when it is full, so no stage runs far ahead of
// the next (bounded memory). Close() wakes the consumers for the end.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}
  void Push(T item) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  // nullopt once closed and drained.
  std::optional<T> Pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    return TakeLocked();
  }
  // nullopt when nothing arrived within `wait` (*closed tells whether it is the end).
  std::optional<T> PopFor(std::chrono::milliseconds wait, bool* closed) {
    std::unique_lock lock(mu_);
    not_empty_.wait_for(lock, wait, [&] { return !items_.empty() || closed_; });
    *closed = closed_ && items_.empty();
    return TakeLocked();
  }
  bool Empty() {
    std::lock_guard lock(mu_);
    return items_.empty();
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::optional<T> TakeLocked() {
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;
  std::size_t capacity_;
  bool closed_ = false;
};

struct Work {
  enum class Kind { kRecord, kUnchanged, kKnownContent, kFailedBefore };
  Kind kind = Kind::kRecord;
  PreparedRecord prepared;  // record.source.path and .sha256 set (sha256 empty if unreadable)
  std::string original;     // the path as added (differs from the stored path with move_done)
};

// A file between its reader and the writer: read, hashed and looked up, with the child's
// answer still packed (or the record already made, when there is nothing to unpack).
struct Pending {
  Work work;
  std::string dest, sha;   // sha empty when the file could not be read
  std::string answer;      // the child's answer, to be unpacked; empty when `record` is set
  bool packed = false;
  Record record;
};

std::optional<std::string> ReadAll(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::string("cannot open file: ") + std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    *error = std::string("cannot read file: ") + std::strerror(errno);
    return std::nullopt;
  }
  return std::move(ss).str();
}

// What is stored already, as the workers see it: their own read-only connection to the
// database file (WAL lets them read while the writer writes), or for an in-memory store a
// copy read once before the run.
class StoredLookup {
 public:
  explicit StoredLookup(Store& store) {
    const std::string& path = store.path();
    if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) {
      files_ = store.StoredHashes();
      for (const auto& [p, sha] : files_) contents_.insert(sha);
      for (const auto& f : store.Failures()) failures_.emplace(f.path, f.sha256);
      return;
    }
    db_path_ = path;
  }
  // One per worker thread.
  class Reader {
   public:
    explicit Reader(const StoredLookup& l) : l_(l) {
      if (l.db_path_.empty()) return;
      db_ = std::make_unique<SQLite::Database>(l.db_path_, SQLite::OPEN_READONLY, 10000);
      file_ = std::make_unique<SQLite::Statement>(*db_, "SELECT sha256 FROM files WHERE path = ?");
      content_ = std::make_unique<SQLite::Statement>(
          *db_, "SELECT 1 FROM files WHERE sha256 = ? LIMIT 1");
      failure_ = std::make_unique<SQLite::Statement>(
          *db_, "SELECT sha256 FROM failures WHERE path = ?");
    }
    std::optional<std::string> StoredHash(const std::string& path) {
      if (!db_) return Find(l_.files_, path);
      return One(*file_, path);
    }
    bool HasContent(const std::string& sha) {
      if (!db_) return l_.contents_.count(sha) > 0;
      return One(*content_, sha).has_value();
    }
    std::optional<std::string> FailedHash(const std::string& path) {
      if (!db_) return Find(l_.failures_, path);
      return One(*failure_, path);
    }

   private:
    static std::optional<std::string> Find(const std::unordered_map<std::string, std::string>& m,
                                           const std::string& k) {
      auto it = m.find(k);
      if (it == m.end()) return std::nullopt;
      return it->second;
    }
    static std::optional<std::string> One(SQLite::Statement& s, const std::string& v) {
      s.reset();
      s.bind(1, v);
      std::optional<std::string> out;
      if (s.executeStep()) out = s.getColumn(0).getString();
      s.reset();
      return out;
    }
    const StoredLookup& l_;
    std::unique_ptr<SQLite::Database> db_;
    std::unique_ptr<SQLite::Statement> file_, content_, failure_;
  };

 private:
  std::string db_path_;
  std::unordered_map<std::string, std::string> files_, failures_;
  std::unordered_set<std::string> contents_;
};

// Moves `from` to `to`, making folders; across file systems by copy and delete.
bool MoveFile(const std::string& from, const std::string& to, std::string* error) {
  std::error_code ec;
  fs::create_directories(fs::path(to).parent_path(), ec);
  fs::rename(from, to, ec);
  if (!ec) return true;
  if (ec == std::errc::cross_device_link) {
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (!ec) fs::remove(from, ec);
    if (!ec) return true;
  }
  *error = ec.message();
  return false;
}

}  // namespace

// A turn at the machine's cores (IngestOptions::busy_limit): held by a stage while it
// works on one file, never while it waits on a queue (that would stall the stage that
// drains the queue).
class Turns {
 public:
  Turns(int limit, int cores) {
    if (limit > 0 && limit < cores)
      sem_ = std::make_unique<std::counting_semaphore<64>>(std::min(limit, 64));
  }
  class Turn {
   public:
    explicit Turn(Turns& t) : sem_(t.sem_.get()) {
      if (sem_) sem_->acquire();
    }
    ~Turn() { Release(); }
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;
    void Release() {
      if (sem_) sem_->release();
      sem_ = nullptr;
    }

   private:
    std::counting_semaphore<64>* sem_;
  };

 private:
  std::unique_ptr<std::counting_semaphore<64>> sem_;
};

struct Ingester::Impl {
  Store& store;
  const Pipeline& pipeline;
  IngestOptions options;
  StoredLookup lookup;
  BoundedQueue<IngestItem> paths;
  BoundedQueue<Pending> pending;
  BoundedQueue<Work> work;
  std::vector<std::thread> workers, preparers;
  std::thread writer;
  std::atomic<int> running{0}, preparing{0};
  std::atomic<int> total{0};
  std::atomic<bool> refused{false};
  IngestSummary summary;
  // The machine's cores (when it cannot tell, as many as --jobs may ask for).
  const int cores = std::thread::hardware_concurrency() ? static_cast<int>(std::thread::hardware_concurrency()) : 64;
  Turns turns;
  Clock::time_point started = Clock::now();
  bool finished = false;
  // Destinations chosen for move_done and not yet moved (two files may want one name).
  std::mutex reserve_mu;
  std::set<std::string> reserved;

  Impl(Store& s, const Pipeline& p, IngestOptions o)
      : store(s),
        pipeline(p),
        options(std::move(o)),
        lookup(s),
        paths(static_cast<std::size_t>(4 * std::clamp(options.threads, 1, 64) + 16)),
        pending(static_cast<std::size_t>(2 * std::clamp(options.threads, 1, 64))),
        work(64),
        turns(options.busy_limit, cores) {}

  bool Stopping() const { return options.stop && options.stop->load(); }

  // The path under which a file is stored: itself, or its place below move_done.
  std::string Destination(const IngestItem& item, const std::string& sha,
                          StoredLookup::Reader& reader) {
    if (options.move_done.empty()) return item.path;
    fs::path rel = fs::path(item.path).lexically_relative(item.root);
    if (rel.empty() || *rel.begin() == "..") rel = fs::path(item.path).filename();
    fs::path want = (fs::absolute(options.move_done) / rel).lexically_normal();
    std::lock_guard lock(reserve_mu);
    for (int n = 1;; ++n) {
      fs::path d = want;
      if (n > 1)
        d = want.parent_path() /
            (want.stem().string() + " (" + std::to_string(n) + ")" + want.extension().string());
      std::string ds = d.string();
      if (reserved.count(ds)) continue;
      std::error_code ec;
      // Free, or holding these very bytes already (a run stopped between commit and move).
      auto stored = reader.StoredHash(ds);
      if (!fs::exists(d, ec) || (stored && *stored == sha)) {
        reserved.insert(ds);
        return ds;
      }
    }
  }

  // The pages of a scan or PDF read at once by each reader with a file in hand (its live
  // share, page_share.h): the cores shared out among those readers, so that they keep the
  // cores busy without crowding them (2 readers × 2 OCR threads on 2 cores cost 10-20 %
  // more CPU on a batch of scanned PDFs, BENCHMARKS.md "Scanned PDF"), and handed on as
  // soon as a reader has no file (so that the run's last file does not end on one core).
  std::mutex share_mu;
  std::vector<std::atomic<int>*> reading;  // the shares of the readers with a file in hand

  void ShareOut() {  // share_mu held
    int budget = options.busy_limit > 0 ? std::min(options.busy_limit, cores) : cores;
    int k = static_cast<int>(reading.size());
    for (int j = 0; j < k; ++j) reading[j]->store(std::max(1, budget / k + (j < budget % k ? 1 : 0)));
  }
  // Counts a reader as reading (with `share`) for its lifetime.
  class Reading {
   public:
    Reading(Impl& in, std::atomic<int>* share) : in_(in), share_(share) {
      std::lock_guard lock(in_.share_mu);
      in_.reading.push_back(share_);
      in_.ShareOut();
    }
    ~Reading() {
      std::lock_guard lock(in_.share_mu);
      std::erase(in_.reading, share_);
      in_.ShareOut();
    }
    Reading(const Reading&) = delete;
    Reading& operator=(const Reading&) = delete;

   private:
    Impl& in_;
    std::atomic<int>* share_;
  };

  // Readers, one thread each (with its child process): read, hash, look up, and have the
  // child extract. The child's answer is unpacked and prepared for the store on the
  // preparer threads, so the child is already reading the next file meanwhile.
  void WorkerLoop() {
    std::optional<StoredLookup::Reader> reader;
    try {
      reader.emplace(lookup);
    } catch (const SQLite::Exception& e) {
      spdlog::error("cannot read the database {}: {}", store.path(), e.what());
    }
    std::unique_ptr<ExtractProcess> child = options.readers ? options.readers->Take() : nullptr;
    if (!child && !options.extract_command.empty())
      child = std::make_unique<ExtractProcess>(options.extract_command, options.extract_timeout);
    std::atomic<int> own_share{1};  // without a child's shared one
    std::atomic<int>* share = child && child->page_share() ? child->page_share() : &own_share;
    while (auto item = paths.Pop()) {
      if (Stopping()) continue;  // drain: nothing new is started
      Turns::Turn turn(turns);  // the child's work counts as this thread's
      Pending p;
      p.work.original = item->path;
      p.dest = item->path;
      Record& record = p.record;
      record.source.path = item->path;
      std::string error;
      auto bytes = ReadAll(item->path, &error);
      if (!bytes) {
        record.error = StageError{"load", error};
      } else if (!reader) {
        record.error = StageError{"store", "cannot read the database"};
      } else {
        p.sha = Sha256Hex(*bytes);
        p.dest = Destination(*item, p.sha, *reader);
        auto stored = reader->StoredHash(p.dest);
        auto failed = reader->FailedHash(item->path);
        if (stored && *stored == p.sha) {
          p.work.kind = Work::Kind::kUnchanged;
        } else if (!options.retry_failed && failed && *failed == p.sha && !stored) {
          p.work.kind = Work::Kind::kFailedBefore;
        } else if (reader->HasContent(p.sha)) {
          p.work.kind = Work::Kind::kKnownContent;
        } else {
          try {
            Reading in_hand(*this, share);
            if (child) {
              int pages = share == &own_share ? share->load() : ExtractProcess::kLiveShare;
              auto failed_child = child->Send(*bytes, item->path, &p.answer, pages);
              if (failed_child)
                record = std::move(*failed_child);
              else
                p.packed = true;
            } else {
              record = pipeline.ExtractBytes(*bytes, item->path, PageShare::Live(share));
            }
          } catch (const std::exception& e) {  // a bug, but one file must not stop the run
            record = Record{};
            record.error = StageError{"extract", std::string("internal error: ") + e.what()};
          }
        }
      }
      turn.Release();
      pending.Push(std::move(p));
    }
    if (--running == 0) pending.Close();
  }

  void PrepareLoop() {
    while (auto p = pending.Pop()) {
      Turns::Turn turn(turns);
      Work& w = p->work;
      Record record = p->packed ? ExtractProcess::Decode(p->answer, w.original)
                                : std::move(p->record);
      p->answer = std::string();
      if (!p->sha.empty()) {
        // A file that fails stays where it is, and is recorded there.
        record.source.path = record.error ? w.original : p->dest;
        record.source.sha256 = p->sha;
        if (record.error && p->dest != w.original) {
          std::lock_guard lock(reserve_mu);
          reserved.erase(p->dest);
        }
      }
      if (w.kind == Work::Kind::kRecord) {
        auto source = record.source;  // small; the record itself is moved
        try {
          w.prepared = store.Prepare(std::move(record));
        } catch (const std::exception& e) {  // a bug, but one file must not stop the run
          Record failed;
          failed.source = std::move(source);
          failed.source.path = w.original;  // a file that fails stays where it is
          failed.error = StageError{"store", std::string("internal error: ") + e.what()};
          w.prepared = PreparedRecord{};
          w.prepared.record = std::move(failed);
        }
      } else {
        w.prepared.record = std::move(record);
      }
      turn.Release();
      work.Push(std::move(w));
    }
    if (--preparing == 0) work.Close();
  }

  // Stores one unit of work, counting it into `summary`; errors are logged and recorded.
  // True when the file is stored (or already was) under its destination.
  bool Write(Work& w) {
    Record& r = w.prepared.record;
    ++summary.files_read;
    try {
      switch (w.kind) {
        case Work::Kind::kUnchanged:
          ++summary.skipped;
          return true;
        case Work::Kind::kFailedBefore:
          ++summary.failed_before;
          return false;
        case Work::Kind::kKnownContent:
          store.LinkPath(r.source.path, r.source.sha256);
          ++summary.linked;
          return true;
        case Work::Kind::kRecord:
          break;
      }
      PutOutcome out = store.Put(w.prepared);
      switch (out.kind) {
        case PutOutcome::Kind::kFailed:
          ++summary.failures;
          spdlog::error("{}: {} stage: {}", w.original, r.error->stage, r.error->message);
          return false;
        case PutOutcome::Kind::kUnchanged:
          ++summary.skipped;
          break;
        case PutOutcome::Kind::kLinked:
          ++summary.linked;
          break;
        case PutOutcome::Kind::kStored:
          summary.documents += out.documents;
          summary.citations += out.citations;
          summary.tasks += out.tasks;
          summary.duplicates += out.duplicates;
          summary.pages += r.source.pages;
          break;
      }
      return true;
    } catch (const SQLite::Exception& e) {
      ++summary.failures;
      StageError err{"store", std::string("cannot store: ") + e.what()};
      spdlog::error("{}: {} stage: {}", w.original, err.stage, err.message);
      try {
        store.RecordFailure(r.source.path, r.source.sha256, err);
      } catch (const SQLite::Exception&) {
      }
      return false;
    }
  }

  void WriterLoop() {
    int in_tx = 0;
    Clock::time_point batch_began{};
    struct Done {
      std::string original, stored;
      bool move;
    };
    std::vector<Done> done_in_tx;
    auto commit = [&] {
      if (in_tx == 0) return;
      try {
        store.Commit();
      } catch (const SQLite::Exception& e) {
        spdlog::error("{}: store stage: cannot commit {} files: {}", store.path(), in_tx, e.what());
        summary.failures += in_tx;
        done_in_tx.clear();
      }
      in_tx = 0;
      std::vector<std::string> committed;
      for (auto& d : done_in_tx) {
        if (d.move) {
          std::string error;
          if (!MoveFile(d.original, d.stored, &error)) {
            spdlog::error("{}: move stage: cannot move to {}: {}", d.original, d.stored, error);
            ++summary.failures;
          }
          std::lock_guard lock(reserve_mu);
          reserved.erase(d.stored);
        }
        committed.push_back(std::move(d.original));
      }
      done_in_tx.clear();
      if (options.on_committed && !committed.empty()) options.on_committed(committed);
    };
    for (;;) {
      bool closed = false;
      auto wait = in_tx ? options.idle_commit : std::chrono::milliseconds(1000);
      std::optional<Work> w = work.PopFor(wait, &closed);
      Turns::Turn turn(turns);
      if (!w) {
        commit();
        if (closed) break;
        continue;
      }
      if (in_tx == 0) {
        store.Begin();
        batch_began = Clock::now();
      }
      ++in_tx;
      bool ok = Write(*w);
      const std::string& stored = w->prepared.record.source.path;
      bool move = !options.move_done.empty() && stored != w->original;
      if (ok || move) done_in_tx.push_back({w->original, stored, ok && move});
      if (!ok && move) {  // not stored: the reserved name is free again
        std::lock_guard lock(reserve_mu);
        reserved.erase(stored);
      }
      if (in_tx >= options.files_per_transaction || Clock::now() - batch_began > options.max_batch)
        commit();
      if (options.on_progress) {
        IngestProgress p;
        p.done = summary.files_read;
        p.total = std::max(total.load(), p.done);
        p.failures = summary.failures;
        p.documents = summary.documents;
        p.seconds = std::chrono::duration<double>(Clock::now() - started).count();
        options.on_progress(p);
      }
    }
  }
};

Ingester::Ingester(Store& store, const Pipeline& pipeline, IngestOptions options)
    : impl_(std::make_unique<Impl>(store, pipeline, std::move(options))) {
  int threads = std::clamp(impl_->options.threads, 1, 64);
  impl_->running = threads;
  impl_->preparing = threads;
  for (int t = 0; t < threads; ++t) impl_->workers.emplace_back([this] { impl_->WorkerLoop(); });
  for (int t = 0; t < threads; ++t)
    impl_->preparers.emplace_back([this] { impl_->PrepareLoop(); });
  impl_->writer = std::thread([this] { impl_->WriterLoop(); });
}

Ingester::~Ingester() {
  if (impl_ && !impl_->finished) Finish();
}

bool Ingester::Add(IngestItem item) {
  if (impl_->Stopping()) {
    impl_->refused = true;
    return false;
  }
  impl_->paths.Push(std::move(item));
  return true;
}

void Ingester::SetTotal(int total) { impl_->total = total; }

void Ingester::AddFailure(const std::string& path, const StageError& error) {
  Work w;
  w.original = path;
  w.prepared.record.source.path = path;
  w.prepared.record.error = error;
  impl_->work.Push(std::move(w));
}

IngestSummary Ingester::Finish() {
  if (impl_->finished) return impl_->summary;
  impl_->paths.Close();
  for (auto& t : impl_->workers) t.join();
  for (auto& t : impl_->preparers) t.join();
  impl_->writer.join();
  impl_->finished = true;
  impl_->summary.interrupted = impl_->refused || impl_->Stopping();
  impl_->summary.seconds =
      std::chrono::duration<double>(Clock::now() - impl_->started).count();
  return impl_->summary;
}

IngestSummary IngestPaths(Store& store, const Pipeline& pipeline,
                          const std::vector<std::string>& roots, const IngestOptions& options) {
  // A first walk only counts (for the progress display); the second streams the paths.
  std::vector<WalkError> errors;
  int total = 0;
  if (options.on_progress)
    WalkFiles(roots, [&](const std::string&, const std::string&) { return ++total, true; },
              nullptr);
  Ingester ingester(store, pipeline, options);
  ingester.SetTotal(total);
  WalkFiles(
      roots,
      [&](const std::string& path, const std::string& root) {
        return ingester.Add({path, root});
      },
      &errors);
  for (const auto& e : errors) ingester.AddFailure(e.path, StageError{"load", e.message});
  return ingester.Finish();
}

IngestSummary IngestFiles(Store& store, const Pipeline& pipeline,
                          const std::vector<std::string>& paths, const IngestOptions& options) {
  Ingester ingester(store, pipeline, options);
  ingester.SetTotal(static_cast<int>(paths.size()));
  for (const auto& p : paths)
    if (!ingester.Add({p, fs::path(p).parent_path().string()})) break;
  return ingester.Finish();
}

IngestSummary LoadJsonLines(Store& store, std::istream& in, const std::string& name,
                            const IngestOptions& options) {
  IngestSummary summary;
  auto started = Clock::now();
  std::string line;
  int lineno = 0, in_tx = 0;
  store.Begin();
  while (std::getline(in, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string error;
    std::optional<Record> rec = RecordFromJson(line, &error);
    ++summary.files_read;
    if (!rec) {
      ++summary.failures;
      spdlog::error("{}:{}: not a vanban record: {}", name, lineno, error);
      continue;
    }
    if (rec->source.path.empty()) rec->source.path = name + ":" + std::to_string(lineno);
    std::string path = rec->source.path;
    std::optional<StageError> bad = rec->error;
    try {
      PutOutcome out = store.Put(store.Prepare(std::move(*rec)));
      switch (out.kind) {
        case PutOutcome::Kind::kFailed:
          ++summary.failures;
          spdlog::error("{}: {} stage: {}", path, bad->stage, bad->message);
          break;
        case PutOutcome::Kind::kUnchanged: ++summary.skipped; break;
        case PutOutcome::Kind::kLinked: ++summary.linked; break;
        case PutOutcome::Kind::kStored:
          summary.documents += out.documents;
          summary.citations += out.citations;
          summary.tasks += out.tasks;
          summary.duplicates += out.duplicates;
          break;
      }
    } catch (const SQLite::Exception& e) {
      ++summary.failures;
      spdlog::error("{}: store stage: cannot store: {}", path, e.what());
    }
    if (++in_tx >= options.files_per_transaction) {
      store.Commit();
      store.Begin();
      in_tx = 0;
    }
  }
  store.Commit();
  summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return summary;
}

}  // namespace vanban
