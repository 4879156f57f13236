#include "pipeline/ingest.h"

#include <SQLiteCpp/Exception.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_set>

#include "pipeline/load.h"
#include "pipeline/record_json.h"

namespace vanban {
namespace {

// A queue with a capacity: producers wait when it is full, so extraction never runs far
// ahead of the writer (bounded memory). Close() wakes the consumer for the end.
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
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;
  std::size_t capacity_;
  bool closed_ = false;
};

struct Work {
  enum class Kind { kRecord, kUnchanged, kKnownContent };
  Kind kind = Kind::kRecord;
  Record record;  // source.path and source.sha256 always set (sha256 empty if unreadable)
  std::vector<std::string> folded_bodies;  // FoldForSearch of each document, done by a worker
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

// Stores one unit of work, counting it into `summary`; errors are logged and recorded.
void Write(Store& store, Work& work, IngestSummary& summary) {
  Record& r = work.record;
  ++summary.files_read;
  try {
    switch (work.kind) {
      case Work::Kind::kUnchanged:
        ++summary.skipped;
        return;
      case Work::Kind::kKnownContent:
        store.LinkPath(r.source.path, r.source.sha256);
        ++summary.linked;
        return;
      case Work::Kind::kRecord:
        break;
    }
    PutOutcome out = store.Put(r, work.folded_bodies.empty() ? nullptr : &work.folded_bodies);
    switch (out.kind) {
      case PutOutcome::Kind::kFailed:
        ++summary.failures;
        spdlog::error("{}: {} stage: {}", r.source.path, r.error->stage, r.error->message);
        break;
      case PutOutcome::Kind::kUnchanged:
        ++summary.skipped;
        break;
      case PutOutcome::Kind::kLinked:
        ++summary.linked;
        break;
      case PutOutcome::Kind::kStored:
        summary.documents += out.documents;
        summary.citations += out.citations;
        break;
    }
  } catch (const SQLite::Exception& e) {
    ++summary.failures;
    StageError err{"store", std::string("cannot store: ") + e.what()};
    spdlog::error("{}: {} stage: {}", r.source.path, err.stage, err.message);
    try {
      store.RecordFailure(r.source.path, r.source.sha256, err);
    } catch (const SQLite::Exception&) {
    }
  }
}

}  // namespace

IngestSummary IngestFiles(Store& store, const Pipeline& pipeline,
                          const std::vector<std::string>& paths, const IngestOptions& options) {
  IngestSummary summary;
  // Read once, before the threads start, so workers can skip unchanged files without
  // touching the database (the writer owns the connection).
  const std::unordered_map<std::string, std::string> stored = store.StoredHashes();
  std::unordered_set<std::string> known_content;
  for (const auto& [path, sha] : stored) known_content.insert(sha);

  BoundedQueue<Work> queue(64);
  std::atomic<std::size_t> next{0};
  std::atomic<int> running{0};
  int threads = std::clamp(options.threads, 1, 64);
  threads = std::min<int>(threads, std::max<std::size_t>(1, paths.size()));
  running = threads;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < paths.size();) {
        const std::string& path = paths[i];
        Work w;
        w.record.source.path = path;
        std::string error;
        auto bytes = ReadAll(path, &error);
        if (!bytes) {
          w.record.error = StageError{"load", error};
        } else {
          std::string sha = Sha256Hex(*bytes);
          auto it = stored.find(path);
          if (it != stored.end() && it->second == sha) {
            w.kind = Work::Kind::kUnchanged;
          } else if (known_content.count(sha)) {
            w.kind = Work::Kind::kKnownContent;
          } else {
            try {
              w.record = pipeline.ExtractBytes(*bytes, path);
            } catch (const std::exception& e) {  // a bug, but one file must not stop the run
              w.record = Record{};
              w.record.error = StageError{"extract", std::string("internal error: ") + e.what()};
            }
            w.record.source.path = path;
            for (const Document& d : w.record.documents)
              w.folded_bodies.push_back(FoldForSearch(d));
          }
          w.record.source.sha256 = sha;
        }
        queue.Push(std::move(w));
      }
      if (--running == 0) queue.Close();
    });
  }

  int done = 0, in_tx = 0;
  const int total = static_cast<int>(paths.size());
  using Clock = std::chrono::steady_clock;
  store.Begin();
  Clock::time_point began = Clock::now();
  while (auto w = queue.Pop()) {
    Write(store, *w, summary);
    ++done;
    // Commit every so many files or every half second, so an interrupted run keeps what it
    // finished and readers see progress.
    if (++in_tx >= options.files_per_transaction ||
        Clock::now() - began > std::chrono::milliseconds(500)) {
      store.Commit();
      store.Begin();
      began = Clock::now();
      in_tx = 0;
    }
    if (options.on_progress) options.on_progress(done, total);
  }
  store.Commit();
  for (auto& t : workers) t.join();
  return summary;
}

IngestSummary LoadJsonLines(Store& store, std::istream& in, const std::string& name,
                            const IngestOptions& options) {
  IngestSummary summary;
  std::string line;
  int lineno = 0, in_tx = 0;
  store.Begin();
  while (std::getline(in, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string error;
    std::optional<Record> rec = RecordFromJson(line, &error);
    if (!rec) {
      ++summary.failures;
      ++summary.files_read;
      spdlog::error("{}:{}: not a vanban record: {}", name, lineno, error);
      continue;
    }
    if (rec->source.path.empty()) rec->source.path = name + ":" + std::to_string(lineno);
    if (rec->source.sha256.empty()) rec->source.sha256 = Sha256Hex(ToJsonLine(*rec, true));
    Work w{Work::Kind::kRecord, std::move(*rec)};
    Write(store, w, summary);
    if (++in_tx >= options.files_per_transaction) {
      store.Commit();
      store.Begin();
      in_tx = 0;
    }
    if (options.on_progress) options.on_progress(lineno, 0);
  }
  store.Commit();
  return summary;
}

}  // namespace vanban
