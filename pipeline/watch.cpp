#include "pipeline/watch.h"

#include <fcntl.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/walk.h"

namespace vanban {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}
bool EndsWith(const std::string& s, const std::string& t) {
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

struct Stat {
  std::int64_t size = -1;
  std::int64_t mtime_ns = 0;
  bool operator==(const Stat& o) const { return size == o.size && mtime_ns == o.mtime_ns; }
  bool operator!=(const Stat& o) const { return !(*this == o); }
};

std::optional<Stat> StatFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return Stat{static_cast<std::int64_t>(st.st_size),
              static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

bool Wanted(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  return IsDocumentName(name) && !IsPartialName(name);
}

// A file seen but not taken yet.
struct Pending {
  Stat stat;
  Clock::time_point changed;  // when `stat` last changed (or an event said so)
  bool writing = false;       // modified and not closed since
};

class Watcher {
 public:
  Watcher(Store& store, const Pipeline& pipeline, std::string root, const WatchOptions& o)
      : root_(std::move(root)), options_(o), ingester_(store, pipeline, o.ingest) {}

  ~Watcher() {
    if (fd_ >= 0) close(fd_);
  }

  std::optional<StageError> Run() {
    bool polling = options_.poll.has_value();
    if (!polling) {
      fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
      if (fd_ < 0) {
        spdlog::warn("{}: inotify unavailable ({}); polling every 2 s", root_,
                     std::strerror(errno));
        polling = true;
        options_.poll = 2.0;
      }
    }
    if (!polling && !AddWatch(root_))
      return StageError{"watch", "cannot watch folder " + root_ + ": " + std::strerror(errno)};
    if (!polling) WatchTree(root_);
    Scan(root_);  // everything already there
    auto last_scan = Clock::now();
    while (!Stopping()) {
      auto now = Clock::now();
      double since_scan = std::chrono::duration<double>(now - last_scan).count();
      if (polling ? since_scan >= *options_.poll : since_scan >= options_.rescan) {
        if (!polling) WatchTree(root_);
        Scan(root_);
        last_scan = Clock::now();
      }
      TakeSettled();
      int timeout_ms = 100;
      if (fd_ >= 0 && !polling) {
        struct pollfd p {fd_, POLLIN, 0};
        int r = poll(&p, 1, timeout_ms);
        if (r > 0) ReadEvents();
      } else {
        usleep(timeout_ms * 1000);
      }
    }
    return std::nullopt;
  }

  IngestSummary Finish() { return ingester_.Finish(); }

 private:
  bool Stopping() const { return options_.ingest.stop && options_.ingest.stop->load(); }

  bool AddWatch(const std::string& dir) {
    if (watched_dirs_.count(dir)) return true;
    int wd = inotify_add_watch(fd_, dir.c_str(),
                               IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY |
                                   IN_MOVE_SELF | IN_DELETE_SELF | IN_ONLYDIR);
    if (wd < 0) {
      if (errno == ENOSPC)
        spdlog::warn("{}: too many folders for inotify (raise fs.inotify.max_user_watches); "
                     "the periodic rescan still finds its files",
                     dir);
      return false;
    }
    dirs_[wd] = dir;
    watched_dirs_.insert(dir);
    return true;
  }

  // Watches every folder below `dir` not watched yet (hidden ones are skipped like walk.h).
  void WatchTree(const std::string& dir) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied,
                                             ec),
         end;
         it != end; it.increment(ec)) {
      if (ec) break;
      std::string name = it->path().filename().string();
      std::error_code sec;
      if (!it->is_directory(sec)) continue;
      if (!name.empty() && name[0] == '.') {
        it.disable_recursion_pending();
        continue;
      }
      AddWatch(it->path().string());
    }
  }

  // Lists `dir`: new or changed files become pending.
  void Scan(const std::string& dir) {
    WalkFiles(
        {dir},
        [&](const std::string& path, const std::string&) {
          if (!Wanted(path)) return true;
          auto st = StatFile(path);
          if (!st) return true;
          auto seen = taken_.find(path);
          if (seen != taken_.end() && seen->second == *st) return true;
          auto [it, fresh] = pending_.try_emplace(path, Pending{*st, Clock::now(), false});
          if (!fresh && it->second.stat != *st) {
            it->second.stat = *st;
            it->second.changed = Clock::now();
          }
          return true;
        },
        nullptr);
  }

  void Touch(const std::string& path, bool writing) {
    auto st = StatFile(path);
    if (!st) {
      pending_.erase(path);
      return;
    }
    Pending& p = pending_[path];
    p.stat = *st;
    p.changed = Clock::now();
    p.writing = writing;
  }

  void ReadEvents() {
    alignas(struct inotify_event) char buf[64 * 1024];
    for (;;) {
      ssize_t n = read(fd_, buf, sizeof buf);
      if (n <= 0) return;
      for (char* p = buf; p < buf + n;) {
        auto* e = reinterpret_cast<struct inotify_event*>(p);
        p += sizeof(struct inotify_event) + e->len;
        if (e->mask & IN_Q_OVERFLOW) {
          spdlog::warn("{}: too many events at once; listing the folder again", root_);
          WatchTree(root_);
          Scan(root_);
          continue;
        }
        auto d = dirs_.find(e->wd);
        if (d == dirs_.end()) continue;
        if (e->mask & (IN_IGNORED | IN_MOVE_SELF | IN_DELETE_SELF)) {
          // Gone or moved away: a folder moved within the tree comes back with IN_MOVED_TO.
          if (d->second != root_) {
            watched_dirs_.erase(d->second);
            inotify_rm_watch(fd_, e->wd);
            dirs_.erase(d);
          }
          continue;
        }
        if (e->len == 0) continue;
        std::string name = e->name;
        std::string path = (fs::path(d->second) / name).string();
        if (e->mask & IN_ISDIR) {
          if ((e->mask & (IN_CREATE | IN_MOVED_TO)) && !name.empty() && name[0] != '.') {
            AddWatch(path);
            WatchTree(path);
            Scan(path);  // files made before the watch existed
          }
          continue;
        }
        if (!Wanted(path)) continue;
        if (e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))
          Touch(path, false);
        else if (e->mask & (IN_CREATE | IN_MODIFY))
          Touch(path, true);
      }
    }
  }

  // Hands over the files that are complete.
  void TakeSettled() {
    auto now = Clock::now();
    auto settle = std::chrono::duration<double>(options_.settle);
    for (auto it = pending_.begin(); it != pending_.end();) {
      Pending& p = it->second;
      if (p.writing || now - p.changed < settle) {
        ++it;
        continue;
      }
      auto st = StatFile(it->first);
      if (!st) {
        it = pending_.erase(it);
        continue;
      }
      if (*st != p.stat) {
        p.stat = *st;
        p.changed = now;
        ++it;
        continue;
      }
      taken_[it->first] = *st;
      if (!ingester_.Add({it->first, root_})) return;
      it = pending_.erase(it);
    }
  }

  std::string root_;
  WatchOptions options_;
  Ingester ingester_;
  int fd_ = -1;
  std::unordered_map<int, std::string> dirs_;
  std::unordered_set<std::string> watched_dirs_;
  std::map<std::string, Pending> pending_;
  std::unordered_map<std::string, Stat> taken_;  // what was handed over, as it was then
};

}  // namespace

bool IsPartialName(const std::string& filename) {
  std::string n = Lower(filename);
  return n.rfind("~$", 0) == 0 || EndsWith(n, ".part") || EndsWith(n, ".tmp") ||
         EndsWith(n, ".crdownload");
}

std::optional<std::string> NetworkFileSystem(const std::string& dir) {
  struct statfs s {};
  if (statfs(dir.c_str(), &s) != 0) return std::nullopt;
  switch (static_cast<unsigned long>(s.f_type)) {
    case 0x6969: return "nfs";
    case 0x517B: return "smb";
    case 0xFF534D42: return "cifs";
    case 0xFE534D42: return "smb2";
    case 0x65735546: return "fuse";
    case 0x01021997: return "9p";
    case 0x00C36400: return "ceph";
    case 0x5346414F: return "afs";
    case 0x47504653: return "gpfs";
    case 0x0BD00BD0: return "lustre";
    default: return std::nullopt;
  }
}

Result<WatchLock> WatchLock::Acquire(const std::string& db_path) {
  std::string lock_path = db_path + ".watch-lock";
  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return StageError{"watch", "cannot create lock file " + lock_path + ": " + std::strerror(errno)};
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char buf[32] = {};
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    std::string pid = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    close(fd);
    return StageError{"watch", "another `vanban watch` is already writing to " + db_path +
                                   (pid.empty() ? "" : " (process " + pid + ")") +
                                   "; stop it first, or use another --db"};
  }
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd, 0) == 0 && pwrite(fd, pid.data(), pid.size(), 0) < 0) {
  }
  return WatchLock(fd);
}

WatchLock::~WatchLock() {
  if (fd_ >= 0) close(fd_);  // closing releases the lock
}

Result<IngestSummary> Watch(Store& store, const Pipeline& pipeline, const std::string& dir,
                            const WatchOptions& options) {
  std::error_code ec;
  fs::path root = fs::absolute(dir, ec).lexically_normal();
  if (root.has_filename() == false && root.has_parent_path()) root = root.parent_path();
  if (!fs::is_directory(root, ec)) return StageError{"watch", "no such folder: " + dir};
  WatchOptions o = options;
  if (!o.poll) {
    if (auto kind = NetworkFileSystem(root.string())) {
      o.poll = 5.0;
      spdlog::info("{} is on a network file system ({}): listing it every {:.0f} s instead of "
                   "waiting for events",
                   root.string(), *kind, *o.poll);
    }
  }
  Watcher w(store, pipeline, root.string(), o);
  auto error = w.Run();
  IngestSummary s = w.Finish();
  if (error) return *error;
  return s;
}

}  // namespace vanban
