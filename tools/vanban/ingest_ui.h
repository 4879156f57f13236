// What `vanban ingest` and `vanban watch` show while they work: a progress line on a
// terminal (files done/total, rate, ETA, failures), plain log lines every 10 s otherwise,
// the final summary, and the SIGINT/SIGTERM flag that asks the ingest to stop cleanly.
#pragma once

#include <atomic>
#include <functional>

#include "pipeline/ingest.h"

namespace vanban::cli {

// Set by SIGINT or SIGTERM once InstallStopHandlers ran; a second signal kills at once.
std::atomic<bool>& StopRequested();
int StopSignal();  // the signal that set it (0 if none)
void InstallStopHandlers();

// Empty when quiet.
std::function<void(const IngestProgress&)> ProgressReporter(bool quiet);
// "vanban: 2000 files read, 2203 documents found, … 0 failures in 4.1 s".
void PrintSummary(const IngestSummary& s);

}  // namespace vanban::cli
