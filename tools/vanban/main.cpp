// vanban: Vietnamese administrative documents in, a queryable citation graph out.
// CLI11 parses the command line (Debian's libcli11-dev): subcommands, typed options and
// help text without hand-written parsing.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <initializer_list>
#include <iostream>
#include <string_view>
#include <unistd.h>

#include "tools/vanban/commands.h"

int main(int argc, char** argv) {
  // Tesseract's OpenMP threads off (pages run in parallel across workers instead): the
  // limit is read when libgomp loads, before main. The commands that OCR in this process
  // set it and start again once; `ingest` and `watch` read every file in a reader child
  // (worker.h), which inherits the setting, so they set it without starting again (a
  // second start-up cost 26 ms of the 247 ms of `ingest` on one small file). A query
  // does neither.
  auto command_is = [&](std::initializer_list<std::string_view> names) {
    for (int i = 1; i < argc; ++i)
      for (std::string_view c : names)
        if (argv[i] == c) return true;
    return false;
  };
  if (const char* omp = std::getenv("OMP_THREAD_LIMIT"); !omp || std::string(omp) != "1") {
    if (command_is({"extract", "__extract-worker"})) {
      setenv("OMP_THREAD_LIMIT", "1", 1);
      execv("/proc/self/exe", argv);  // returns only on failure: carry on as we are
    } else if (command_is({"ingest", "watch"})) {
      setenv("OMP_THREAD_LIMIT", "1", 1);
    }
  }
  // Messages for people go to stderr, data to stdout, so `extract --json > out.jsonl` is clean.
  auto err = spdlog::stderr_color_mt("vanban");
  spdlog::set_default_logger(err);
  spdlog::set_pattern("vanban: %^%l%$: %v");

  CLI::App app{
      "vanban: reads Vietnamese administrative documents and builds a citation graph.\n"
      "Quick start:  vanban ingest corpus/   then   vanban cited-by 2454/QĐ-UBND"};
  app.set_version_flag("--version", std::string("vanban ") + VANBAN_VERSION);
  app.require_subcommand(1);
  // Global options may also follow the subcommand: `vanban ingest corpus/ --db my.db`.
  app.fallthrough();
  vanban::cli::GlobalOptions opts;
  app.add_option("--db", opts.db, "database file (default: vanban.db in this folder)")
      ->capture_default_str();
  app.add_option("--rules", opts.rules_dir,
                 "folder of rule files to use instead of the built-in rules/");
  app.add_flag("-q,--quiet", opts.quiet, "print no progress or summary");

  int exit_code = 0;
  vanban::cli::AddExtractCommands(app, opts, exit_code);
  vanban::cli::AddStoreCommands(app, opts, exit_code);
  vanban::cli::AddTaskCommands(app, opts, exit_code);
  vanban::cli::AddServeCommands(app, opts, exit_code);
  vanban::cli::AddWatchCommands(app, opts, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 2;
  }
  return exit_code;
}
