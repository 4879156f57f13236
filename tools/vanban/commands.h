// The vanban command line: a thin layer that wires the library's stages to subcommands.
// Each Add*Commands registers its subcommands; main.cpp calls them all. A callback sets
// `exit_code` (0 ok, 1 some input failed, 2 usage or setup error).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vanban::cli {

struct GlobalOptions {
  std::string db = "vanban.db";  // --db
  std::string rules_dir;         // --rules DIR ("" = rules built into the binary)
  bool quiet = false;            // --quiet: no progress or summary on stderr
};

void AddExtractCommands(CLI::App& app, GlobalOptions& opts, int& exit_code);  // cmd_extract.cpp
void AddStoreCommands(CLI::App& app, GlobalOptions& opts, int& exit_code);    // cmd_store.cpp
void AddTaskCommands(CLI::App& app, GlobalOptions& opts, int& exit_code);     // cmd_tasks.cpp
void AddServeCommands(CLI::App& app, GlobalOptions& opts, int& exit_code);    // cmd_serve.cpp
void AddWatchCommands(CLI::App& app, GlobalOptions& opts, int& exit_code);    // cmd_watch.cpp

}  // namespace vanban::cli
