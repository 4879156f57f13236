// `vanban watch DIR`: ingest files as they are dropped into a folder, until SIGTERM or
// Ctrl-C (pipeline/watch.h does the watching; this parses options, takes the lock, logs).
#include <spdlog/spdlog.h>

#include <csignal>
#include <memory>
#include <optional>

#include "extractors/citation_key.h"
#include "pipeline/pipeline.h"
#include "pipeline/store.h"
#include "pipeline/watch.h"
#include "tools/vanban/commands.h"
#include "tools/vanban/ingest_ui.h"

namespace vanban::cli {

void AddWatchCommands(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "watch",
      "ingest the files dropped into a folder (and its subfolders) as they arrive, until "
      "stopped with Ctrl-C or SIGTERM");
  struct Args {
    std::string dir;
    std::optional<double> poll;
    double settle = 0.3;
    double rescan = 300;
    ReaderArgs reading;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("DIR", a->dir, "the folder to watch")->required();
  cmd->add_option("--poll", a->poll,
                  "list the folder every SECONDS instead of waiting for file-system events "
                  "(chosen automatically on NFS, SMB and FUSE mounts)")
      ->check(CLI::Range(0.1, 86400.0));
  cmd->add_option("--settle", a->settle,
                  "seconds a file must stay unchanged after it is closed before it is read")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  cmd->add_option("--rescan", a->rescan,
                  "seconds between full listings that catch anything an event missed")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 86400.0));
  AddReaderOptions(cmd, &a->reading);
  cmd->callback([&opts, &exit_code, a] {
    auto lock = WatchLock::Acquire(opts.db);
    if (!lock) {
      spdlog::error("{}", lock.error().message);
      exit_code = 2;
      return;
    }
    auto pipeline = Pipeline::Create(opts.rules_dir);
    if (!pipeline) {
      spdlog::error("cannot load rules: {}", pipeline.error().message);
      exit_code = 2;
      return;
    }
    auto keys = std::make_shared<CitationKeys>(pipeline.value()->rules());
    auto store = Store::Open(opts.db, Store::Mode::kCreate, keys);
    if (!store) {
      spdlog::error("{}", store.error().message);
      exit_code = 2;
      return;
    }
    InstallStopHandlers();
    WatchOptions o;
    o.poll = a->poll;
    o.settle = a->settle;
    o.rescan = a->rescan;
    ApplyReaderOptions(a->reading, opts.rules_dir, &o.ingest);
    o.ingest.stop = &StopRequested();
    o.ingest.idle_commit = std::chrono::milliseconds(20);  // queryable soon after it lands
    if (!opts.quiet)
      o.ingest.on_committed = [](const std::vector<std::string>& paths) {
        for (const auto& p : paths) spdlog::info("{}: done", p);
      };
    if (!opts.quiet)
      spdlog::info("watching {} into {} ({}); stop with Ctrl-C", a->dir, opts.db,
                   a->poll ? "polling" : "file-system events");
    auto s = Watch(*store.value(), *pipeline.value(), a->dir, o);
    if (!s) {
      spdlog::error("{}", s.error().message);
      exit_code = 2;
      return;
    }
    s.value().interrupted = false;  // stopping is how a watch ends
    if (!opts.quiet) PrintSummary(s.value());
    exit_code = s.value().failures ? 1 : 0;
  });
}

}  // namespace vanban::cli
