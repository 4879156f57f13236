#include "pipeline/worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unicode/uvernum.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "pipeline/record_json.h"

extern char** environ;

namespace vanban {
namespace {

using Clock = std::chrono::steady_clock;

// Writes all of `data`; false when the peer is gone (no SIGPIPE: MSG_NOSIGNAL).
bool SendAll(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = send(fd, p, size, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

enum class ReadResult { kOk, kEof, kTimeout, kError };

// Reads exactly `size` bytes before `deadline` (no deadline when it is max()).
ReadResult RecvAll(int fd, void* data, std::size_t size, Clock::time_point deadline) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    if (deadline != Clock::time_point::max()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return ReadResult::kTimeout;
      pollfd pfd{fd, POLLIN, 0};
      int r = poll(&pfd, 1, static_cast<int>(std::min<long long>(left.count() + 1, 1 << 30)));
      if (r < 0 && errno == EINTR) continue;  // Ctrl-C handler ran: keep waiting
      if (r < 0) return ReadResult::kError;
      if (r == 0) continue;  // loop re-checks the deadline
    }
    ssize_t n = recv(fd, p, size, 0);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return errno == ECONNRESET ? ReadResult::kEof : ReadResult::kError;
    }
    if (n == 0) return ReadResult::kEof;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return ReadResult::kOk;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Record Failed(const std::string& path, std::string message) {
  Record r;
  r.source.path = path;
  r.error = StageError{"extract", std::move(message)};
  return r;
}

// The test hook (worker.h): the needle named by `var` found in `bytes`.
bool TestHook(const char* var, std::string_view bytes) {
  const char* needle = std::getenv(var);
  return needle && *needle && bytes.find(needle) != std::string_view::npos;
}

}  // namespace

ExtractProcess::ExtractProcess(std::vector<std::string> argv, std::chrono::milliseconds timeout)
    : argv_(std::move(argv)), timeout_(timeout) {
  // The live share (page_share.h), one int the children map too. Without it (no memfd)
  // the caller passes fixed caps.
  share_fd_ = memfd_create("vanban-page-share", MFD_CLOEXEC);
  if (share_fd_ >= 0 && share_fd_ < 10) {  // clear of fds 3 and 4, which Start dup2s onto
    int high = fcntl(share_fd_, F_DUPFD_CLOEXEC, 10);
    close(share_fd_);
    share_fd_ = high;
  }
  if (share_fd_ >= 0 && ftruncate(share_fd_, sizeof(std::atomic<int>)) == 0) {
    void* mem = mmap(nullptr, sizeof(std::atomic<int>), PROT_READ | PROT_WRITE, MAP_SHARED, share_fd_, 0);
    if (mem != MAP_FAILED) share_ = new (mem) std::atomic<int>(0);
  }
  if (!share_ && share_fd_ >= 0) {
    close(share_fd_);
    share_fd_ = -1;
  }
}

ExtractProcess::~ExtractProcess() {
  Stop(false);
  if (share_) munmap(share_, sizeof(std::atomic<int>));
  if (share_fd_ >= 0) close(share_fd_);
}

void ExtractProcess::StartNow() {
  std::string error;
  if (fd_ < 0) Start(&error);
}

StartedReaders::StartedReaders(const std::vector<std::string>& argv, std::chrono::milliseconds timeout, int n) {
  for (int i = 0; i < n && !argv.empty(); ++i) {
    readers_.push_back(std::make_unique<ExtractProcess>(argv, timeout));
    readers_.back()->StartNow();
  }
}

std::unique_ptr<ExtractProcess> StartedReaders::Take() {
  std::lock_guard lock(mu_);
  if (readers_.empty()) return nullptr;
  auto r = std::move(readers_.back());
  readers_.pop_back();
  return r;
}

bool ExtractProcess::Start(std::string* error) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    *error = std::string("cannot start the reader: ") + std::strerror(errno);
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // dup2 clears close-on-exec on fd 3; every other socket of ours stays closed in the child.
  posix_spawn_file_actions_adddup2(&actions, sv[1], 3);
  if (share_fd_ >= 0) posix_spawn_file_actions_adddup2(&actions, share_fd_, 4);
  std::vector<char*> args;
  for (auto& a : argv_) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(sv[1]);
  if (rc != 0) {
    close(sv[0]);
    *error = std::string("cannot start the reader ") + argv_[0] + ": " + std::strerror(rc);
    return false;
  }
  pid_ = pid;
  fd_ = sv[0];
  ++started_;
  return true;
}

void ExtractProcess::Stop(bool kill_now) {
  if (fd_ >= 0) close(fd_);  // the child sees EOF and exits
  fd_ = -1;
  if (pid_ > 0) {
    if (kill_now) kill(pid_, SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  pid_ = -1;
}

std::string ExtractProcess::Reap(bool timed_out) {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  if (pid_ <= 0) return "the reader is not running";
  int status = 0;
  pid_t got = 0;
  if (timed_out) {
    kill(pid_, SIGKILL);
  } else {
    // The socket closed: the child is dying. Give it a moment to finish, then make sure.
    for (int i = 0; i < 200; ++i) {
      got = waitpid(pid_, &status, WNOHANG);
      if (got != 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (got == 0) kill(pid_, SIGKILL);
  }
  if (got == 0)
    while ((got = waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
    }
  pid_ = -1;
  const std::string went_on = "; the run went on";
  if (timed_out)
    return "the reader took longer than " + std::to_string((timeout_.count() + 999) / 1000) +
           " s on this file (--timeout) and was stopped" + went_on;
  if (got > 0 && WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* name = strsignal(sig);
    return "the reader crashed on this file (signal " + std::to_string(sig) +
           (name ? ", " + Lower(name) : std::string()) + ")" + went_on;
  }
  if (got > 0 && WIFEXITED(status))
    return "the reader stopped on this file (exit status " + std::to_string(WEXITSTATUS(status)) +
           ")" + went_on;
  return "the reader stopped on this file" + went_on;
}

namespace {

void PutU64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); }

// Reads a u64 then that many bytes from `in` at `*at`; false when `in` is too short.
bool TakeSized(std::string_view in, std::size_t* at, std::string_view* out) {
  std::uint64_t n = 0;
  if (in.size() - *at < 8) return false;
  std::memcpy(&n, in.data() + *at, 8);
  *at += 8;
  if (in.size() - *at < n) return false;
  *out = in.substr(*at, n);
  *at += n;
  return true;
}

}  // namespace

std::optional<Record> ExtractProcess::Send(std::string_view bytes, const std::string& path,
                                           std::string* answer, int page_threads) {
  if (fd_ < 0) {
    std::string error;
    if (!Start(&error)) return Failed(path, error);
  }
  auto deadline = Clock::now() + timeout_;
  std::string head;
  PutU64(head, path.size());
  PutU64(head, bytes.size());
  PutU64(head, page_threads == kLiveShare ? ~std::uint64_t{0}
                                           : static_cast<std::uint64_t>(std::max(0, page_threads)));
  head += path;
  if (!SendAll(fd_, head.data(), head.size()) || !SendAll(fd_, bytes.data(), bytes.size()))
    return Failed(path, Reap(false));
  // One answer: u64 size, then the record (MessagePack) and each document's text.
  std::uint64_t size = 0;
  answer->clear();
  ReadResult r = RecvAll(fd_, &size, sizeof size, deadline);
  if (r == ReadResult::kOk && size > (std::uint64_t{1} << 34)) r = ReadResult::kError;
  if (r == ReadResult::kOk) {
    answer->resize(size);
    r = RecvAll(fd_, answer->data(), answer->size(), deadline);
  }
  if (r == ReadResult::kOk && !WellFramed(*answer)) {  // out of step with us: start afresh
    Stop(true);
    return Failed(path,
                  "the reader answered something that is not a record (its parts do not add "
                  "up); the run went on");
  }
  if (r == ReadResult::kError) {  // not a frame of ours (or the socket failed): start afresh
    Stop(true);
    return Failed(path, "the reader's answer could not be read; the run went on");
  }
  if (r != ReadResult::kOk) return Failed(path, Reap(r == ReadResult::kTimeout));
  return std::nullopt;
}

bool ExtractProcess::WellFramed(std::string_view answer) {
  std::size_t at = 0;
  std::string_view part;
  if (!TakeSized(answer, &at, &part) || answer.size() - at < 8) return false;
  std::uint64_t count = 0;
  std::memcpy(&count, answer.data() + at, 8);
  at += 8;
  for (std::uint64_t i = 0; i < count; ++i)
    if (!TakeSized(answer, &at, &part)) return false;
  return at == answer.size();
}

Record ExtractProcess::Decode(std::string_view answer, const std::string& path) {
  std::string error = "too short";
  std::optional<Record> rec;
  std::size_t at = 0;
  std::string_view packed;
  if (TakeSized(answer, &at, &packed)) {
    nlohmann::json j = nlohmann::json::from_msgpack(packed.begin(), packed.end(), true, false);
    if (j.is_discarded())
      error = "not MessagePack";
    else
      rec = RecordFromJsonValue(j, &error);
  }
  std::uint64_t count = 0;
  if (rec && answer.size() - at >= 8) {
    std::memcpy(&count, answer.data() + at, 8);
    at += 8;
  }
  if (rec && count != rec->documents.size()) {
    rec.reset();
    error = "texts missing";
  }
  for (std::size_t i = 0; rec && i < count; ++i) {
    std::string_view text;
    if (!TakeSized(answer, &at, &text)) {
      rec.reset();
      error = "texts missing";
      break;
    }
    rec->documents[i].text.assign(text);
  }
  if (!rec)
    return Failed(path, "the reader answered something that is not a record (" + error +
                            "); the run went on");
  return std::move(*rec);
}

Record ExtractProcess::Extract(std::string_view bytes, const std::string& path) {
  std::string answer;
  if (auto failed = Send(bytes, path, &answer)) return std::move(*failed);
  Record rec = Decode(answer, path);
  if (rec.error) Stop(true);  // not our child's answer: start afresh
  return rec;
}

int ServeExtractRequests(const Pipeline& pipeline, int fd, int share_fd) {
  // Ctrl-C reaches the whole process group; the parent decides when to stop.
  signal(SIGINT, SIG_IGN);
  signal(SIGTERM, SIG_IGN);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  // The parent's live share, when share_fd is one (a memfd at least an int long).
  const std::atomic<int>* share = nullptr;
  struct stat st {};
  if (share_fd >= 0 && fstat(share_fd, &st) == 0 && S_ISREG(st.st_mode) &&
      st.st_size >= static_cast<off_t>(sizeof(std::atomic<int>))) {
    void* mem = mmap(nullptr, sizeof(std::atomic<int>), PROT_READ, MAP_SHARED, share_fd, 0);
    if (mem != MAP_FAILED) share = static_cast<const std::atomic<int>*>(mem);
  }
  std::string path, bytes, answer;
  for (;;) {
    std::uint64_t head[3];  // path length, bytes length, page threads
    ReadResult r = RecvAll(fd, head, sizeof head, Clock::time_point::max());
    if (r == ReadResult::kEof) return 0;
    if (r != ReadResult::kOk || head[0] > (1u << 20)) return 3;
    path.resize(head[0]);
    bytes.resize(head[1]);
    if (RecvAll(fd, path.data(), path.size(), Clock::time_point::max()) != ReadResult::kOk ||
        RecvAll(fd, bytes.data(), bytes.size(), Clock::time_point::max()) != ReadResult::kOk)
      return 3;
    if (TestHook("VANBAN_TEST_CRASH_ON", bytes)) raise(SIGSEGV);
    if (TestHook("VANBAN_TEST_HANG_ON", bytes))
      for (;;) pause();
    Record rec;
    try {
      PageShare pages = head[2] == ~std::uint64_t{0}
                            ? (share ? PageShare::Live(share) : PageShare())
                            : PageShare(static_cast<int>(std::min<std::uint64_t>(head[2], 64)));
      rec = pipeline.ExtractBytes(bytes, path, pages);
    } catch (const std::exception& e) {  // a bug, but one file must not stop the run
      rec = Record{};
      rec.source.path = path;
      rec.error = StageError{"extract", std::string("internal error: ") + e.what()};
    }
    // The record as MessagePack (nlohmann), and the texts as raw bytes beside it: escaping
    // and parsing the text as JSON was most of the cost of the child process.
    std::vector<std::uint8_t> packed = nlohmann::json::to_msgpack(ToJson(rec, /*with_text=*/false));
    answer.assign(8, '\0');
    PutU64(answer, packed.size());
    answer.append(reinterpret_cast<const char*>(packed.data()), packed.size());
    PutU64(answer, rec.documents.size());
    for (const Document& d : rec.documents) {
      PutU64(answer, d.text.size());
      answer += d.text;
    }
    std::uint64_t size = answer.size() - 8;
    std::memcpy(answer.data(), &size, 8);
    if (!SendAll(fd, answer.data(), answer.size())) return 0;
  }
}

std::string ToolVersions() {
  return std::string(VANBAN_VERSION) + " (ICU " U_ICU_VERSION ", SQLite " + sqlite3_libversion() +
         ")";
}

}  // namespace vanban
