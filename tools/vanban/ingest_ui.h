// What `vanban ingest` and `vanban watch` show while they work: a progress line on a
// terminal (files done/total, rate, ETA, failures), plain log lines every 10 s otherwise,
// the final summary, and the SIGINT/SIGTERM flag that asks the ingest to stop cleanly.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "pipeline/ingest.h"

namespace vanban::cli {

// Set by SIGINT or SIGTERM once InstallStopHandlers ran; a second signal kills at once.
std::atomic<bool>& StopRequested();
int StopSignal();  // the signal that set it (0 if none)
void InstallStopHandlers();

// The command line of the hidden `vanban __extract-worker` (pipeline/worker.h) that ingest
// and watch run their extraction in: this very binary, with the same --rules. Empty (and
// a warning) when /proc/self/exe cannot be run: extraction then stays in this process.
std::vector<std::string> ExtractWorkerCommand(const std::string& rules_dir);
// Adds `__extract-worker` (not listed in --help).
void AddExtractWorkerCommand(CLI::App& app, const std::string& rules_dir, int& exit_code);
constexpr double kDefaultTimeoutSeconds = 600;

// The reading options `ingest` and `watch` share: --jobs (files read at once, and cores
// kept busy) and --timeout (seconds a reader may take on one file).
struct ReaderArgs {
  int jobs;  // default: the number of cores
  double timeout = kDefaultTimeoutSeconds;
  ReaderArgs();
};
void AddReaderOptions(CLI::App* cmd, ReaderArgs* args);
// Sets threads, busy_limit, extract_command (the hidden reader, with these --rules) and
// extract_timeout from them.
void ApplyReaderOptions(const ReaderArgs& args, const std::string& rules_dir, IngestOptions* o);

// Empty when quiet.
std::function<void(const IngestProgress&)> ProgressReporter(bool quiet);
// "vanban: 2000 files read, 2203 documents found, … 0 failures in 4.1 s".
void PrintSummary(const IngestSummary& s);

}  // namespace vanban::cli
