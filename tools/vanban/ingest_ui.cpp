#include "tools/vanban/ingest_ui.h"

#include <spdlog/fmt/fmt.h>
#include <fcntl.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>

#include "pipeline/pipeline.h"
#include "pipeline/worker.h"

namespace vanban::cli {
namespace {

std::atomic<int> g_signal{0};

void OnStop(int sig) {
  if (StopRequested().exchange(true)) {  // the second Ctrl-C: stop now
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  g_signal = sig;
}

std::string Duration(double s) {
  long t = static_cast<long>(s + 0.5);
  if (t >= 3600) return fmt::format("{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60);
  return fmt::format("{}:{:02}", t / 60, t % 60);
}

std::string Line(const IngestProgress& p) {
  double rate = p.seconds > 0 ? p.done / p.seconds : 0;
  std::string s = fmt::format("{} files", p.done);
  if (p.total) s = fmt::format("{}/{} files", p.done, p.total);
  s += fmt::format(", {} documents, {:.0f} files/s", p.documents, rate);
  if (p.total && rate > 0 && p.done < p.total)
    s += ", ETA " + Duration((p.total - p.done) / rate);
  s += fmt::format(", {} {}", p.failures, p.failures == 1 ? "failure" : "failures");
  return s;
}

}  // namespace

std::atomic<bool>& StopRequested() {
  static std::atomic<bool> stop{false};
  return stop;
}

int StopSignal() { return g_signal.load(); }

void InstallStopHandlers() {
  struct sigaction sa {};
  sa.sa_handler = OnStop;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

ReaderArgs::ReaderArgs() : jobs(static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))) {}

void AddReaderOptions(CLI::App* cmd, ReaderArgs* args) {
  cmd->add_option("-j,--jobs", args->jobs,
                  "files read at once, and cores kept busy: with fewer than the machine has, "
                  "reading, preparing and writing take turns (default: the number of cores)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--timeout", args->timeout,
                  "seconds a file may take to read before it is given up as failed")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 7 * 86400.0));
}

void ApplyReaderOptions(const ReaderArgs& args, const std::string& rules_dir, IngestOptions* o) {
  o->threads = args.jobs;
  o->busy_limit = args.jobs;
  o->extract_command = ExtractWorkerCommand(rules_dir);
  o->extract_timeout = std::chrono::milliseconds(static_cast<long>(args.timeout * 1000));
}

std::vector<std::string> ExtractWorkerCommand(const std::string& rules_dir) {
  const char* self = "/proc/self/exe";
  if (access(self, X_OK) != 0) {
    spdlog::warn("cannot run {} (no /proc?): files are read in this process, so a crash in a "
                 "reader stops the run",
                 self);
    return {};
  }
  std::vector<std::string> argv{self};
  if (!rules_dir.empty()) {
    argv.push_back("--rules");
    argv.push_back(rules_dir);
  }
  argv.push_back("__extract-worker");
  return argv;
}

void AddExtractWorkerCommand(CLI::App& app, const std::string& rules_dir, int& exit_code) {
  auto* cmd = app.add_subcommand("__extract-worker",
                                 "internal: the child process that ingest reads files in");
  cmd->group("");  // hidden from --help
  cmd->callback([&rules_dir, &exit_code] {
    auto pipeline = Pipeline::Create(rules_dir);
    if (!pipeline) {
      spdlog::error("cannot load rules: {}", pipeline.error().message);
      exit_code = 2;
      return;
    }
    // From here on, what the libraries print themselves (libjpeg's "JPEG datastream
    // contains no image", Tesseract's notes) goes nowhere: every failure comes back in
    // the record, in plain words, and the parent prints it once, naming the file. (To
    // see it, read the file with `vanban extract`, which runs in one process.)
    if (int null = open("/dev/null", O_WRONLY | O_CLOEXEC); null >= 0) {
      dup2(null, STDERR_FILENO);
      close(null);
    }
    exit_code = ServeExtractRequests(*pipeline.value(), 3, 4);  // worker.h: fds 3 and 4
  });
}

std::function<void(const IngestProgress&)> ProgressReporter(bool quiet) {
  if (quiet) return {};
  using Clock = std::chrono::steady_clock;
  if (isatty(STDERR_FILENO)) {
    auto last = std::make_shared<Clock::time_point>();
    return [last](const IngestProgress& p) {
      auto now = Clock::now();
      bool end = p.total && p.done >= p.total;
      if (!end && now - *last < std::chrono::milliseconds(200)) return;
      *last = now;
      std::cerr << "\r\33[K  " << Line(p) << (end ? "\n" : "") << std::flush;
    };
  }
  auto last = std::make_shared<Clock::time_point>(Clock::now());
  return [last](const IngestProgress& p) {
    auto now = Clock::now();
    if (now - *last < std::chrono::seconds(10)) return;
    *last = now;
    spdlog::info("{}", Line(p));
  };
}

void PrintSummary(const IngestSummary& s) {
  std::string out = fmt::format(
      "vanban: {} files read, {} documents found, {} citations found, {} skipped (unchanged), ",
      s.files_read, s.documents, s.citations, s.skipped);
  if (s.linked) out += fmt::format("{} already stored under another path, ", s.linked);
  out += fmt::format("{} tasks, {} pages, {} {}, ", s.tasks, s.pages, s.duplicates,
                     s.duplicates == 1 ? "duplicate" : "duplicates");
  if (s.failed_before)
    out += fmt::format("{} failed before (--retry-failed tries them again), ", s.failed_before);
  out += fmt::format("{} {} in {:.1f} s", s.failures, s.failures == 1 ? "failure" : "failures",
                     s.seconds);
  std::cerr << out << "\n";
  if (s.interrupted)
    std::cerr << "vanban: interrupted; what was read is stored — run the same command again "
                 "to continue\n";
}

}  // namespace vanban::cli
