// Extraction in a child process, so that a crash or a hang inside a library (ICU, RE2
// today; Tesseract, Leptonica, poppler for scans and PDFs) costs one file, not the run.
//
//   // parent (one per ingest thread; the child is started on first use, or ahead of it
//   // with StartNow / StartedReaders, reused for every file, and started again after it
//   // died):
//   ExtractProcess child({"/proc/self/exe", "--rules", dir, "__extract-worker"},
//                        std::chrono::seconds(600));
//   Record r = child.Extract(bytes, "/archive/a.txt");
//   if (r.error) { /* bad file, or the child crashed / timed out on it: stage "extract" */ }
//
//   // child (`vanban __extract-worker`, hidden): serves requests on fd 3 until EOF.
//   return ServeExtractRequests(*pipeline, 3, 4);
//
// Why a new process and not fork() alone: the parent runs threads (the ingest workers and
// writer, SQLite, spdlog), and a child forked from a threaded process may find a lock held
// by a thread that does not exist in it (malloc, ICU caches); only exec is safe there.
// The child is spawned with posix_spawn (vfork + exec of the same binary), loads the rules
// once and then extracts file after file, so the cost per file is one round trip on a Unix
// socket plus the record (record_json.h's JSON shape, as MessagePack) packed and unpacked.
//
// Wire format on a SOCK_STREAM socketpair (integers in this machine's own byte order):
//   request:  u64 path length, u64 bytes length, u64 page threads (0: all the child's OCR
//             workers; N: at most N pages at once; 2^64-1: as many as the live share says,
//             page_share.h; Pipeline::ExtractBytes), path, bytes
//   response: u64 length of the rest; u64 length, the record (record_json.h ToJson without
//             the text, as MessagePack); u64 document count; for each document u64 length
//             and its text
// The live share is one int in memory shared with the child (a memfd the parent makes
// once per ExtractProcess and hands to every child it starts as fd 4): the parent may
// change it while the child reads a file, and the child's page threads follow.
// The parent never blocks longer than `timeout` on a file: past it the child is killed
// (SIGKILL). A child that dies, is killed, exits, or answers something that is not a
// record yields a Record whose error has stage "extract" and a plain message, e.g.
//   "the reader crashed on this file (signal 11, segmentation fault); the run went on".
//
// Children ignore SIGINT and SIGTERM (Ctrl-C reaches the whole process group; the parent
// decides when to stop) and write no core files. They exit when the parent closes its end
// of the socket, including when the parent is killed with kill -9.
//
// Test hook (read only by the child, never in the parent's code paths): when the
// environment variable VANBAN_TEST_CRASH_ON is set and a file's bytes contain its value,
// the child raises SIGSEGV on that file; VANBAN_TEST_HANG_ON likewise makes it sleep
// forever. tests/cli/ingest_crash.sh uses them; nothing else should.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include "pipeline/pipeline.h"
#include "pipeline/record.h"

namespace vanban {

class ExtractProcess {
 public:
  // argv[0] is the program to run (e.g. "/proc/self/exe"); the child it starts must call
  // ServeExtractRequests on fd 3, with the live share on fd 4.
  ExtractProcess(std::vector<std::string> argv, std::chrono::milliseconds timeout);
  ~ExtractProcess();  // closes the socket and reaps the child
  ExtractProcess(const ExtractProcess&) = delete;
  ExtractProcess& operator=(const ExtractProcess&) = delete;

  // The record of `bytes` as the child extracted it (source.path = path). Never throws:
  // when the child cannot be started, dies or overruns the timeout, the record carries a
  // StageError (stage "extract") saying so, and the next call starts a new child.
  Record Extract(std::string_view bytes, const std::string& path);

  // The same in two steps, so that the caller can hand the unpacking to another thread
  // while this child already reads the next file: Send returns a failed Record when the
  // child could not be started, died, overran the timeout or sent a broken frame (and the
  // next call starts a new child); otherwise nullopt, with the child's answer, whole and
  // well framed, in *answer. Decode unpacks an answer into the record (a failed Record, stage
  // "extract", when it is not one); it touches no child and may run on any thread.
  // `page_threads` caps the pages of this file the child reads at once (0: all its OCR
  // workers; kLiveShare: whatever page_share() holds, as it changes).
  std::optional<Record> Send(std::string_view bytes, const std::string& path,
                             std::string* answer, int page_threads = 0);
  static constexpr int kLiveShare = -1;
  // The live share's cell, in memory the children see (nullptr when it could not be made:
  // then pass a fixed cap). Its value stays across child restarts.
  std::atomic<int>* page_share() { return share_; }
  static Record Decode(std::string_view answer, const std::string& path);

  int restarts() const { return started_ > 0 ? started_ - 1 : 0; }

  // Starts the child now rather than on the first file, so that its start-up (loading
  // the rules, ~0.1 s) overlaps the caller's. A child that cannot be started is tried
  // again, and reported, on the first file.
  void StartNow();

 private:
  bool Start(std::string* error);
  void Stop(bool kill_now);
  std::string Reap(bool timed_out);  // a plain account of how the child ended
  static bool WellFramed(std::string_view answer);

  std::vector<std::string> argv_;
  std::chrono::milliseconds timeout_;
  pid_t pid_ = -1;
  int fd_ = -1;
  int started_ = 0;
  int share_fd_ = -1;                 // memfd holding *share_, given to children as fd 4
  std::atomic<int>* share_ = nullptr;
};

// Readers started before the caller loads its own rules and opens its store, so that
// both start-ups run at once (`vanban ingest` on one scanned PDF: ~0.1 s of ~3 s). The
// ingest threads take them (IngestOptions::readers) before starting any of their own;
// those never taken are stopped with the pool.
class StartedReaders {
 public:
  StartedReaders(const std::vector<std::string>& argv, std::chrono::milliseconds timeout, int n);
  std::unique_ptr<ExtractProcess> Take();  // nullptr when none is left

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<ExtractProcess>> readers_;
};

// The child's loop: reads requests from `fd`, answers each with its record, until EOF.
// `share_fd` is the parent's live share (fd 4 in a child ExtractProcess started; -1 or a
// descriptor that is not one: requests for the live share read all the OCR workers).
// Returns the process exit status (0 at EOF, 3 on a broken request).
int ServeExtractRequests(const Pipeline& pipeline, int fd, int share_fd = -1);

// "0.1.0 (ICU 72.1, SQLite 3.40.1)": vanban's version and the libraries that read files,
// as recorded with each failure.
std::string ToolVersions();

}  // namespace vanban
