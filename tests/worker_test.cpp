// ExtractProcess with real child processes that misbehave: one that crashes, one that
// exits, one that never answers, one that answers garbage. Each call must come back with
// a failure record (stage "extract", plain message) and the next call must start afresh.
// (The real reader, `vanban __extract-worker`, is exercised by tests/cli/ingest_crash.sh.)
#include "pipeline/worker.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <iterator>

namespace vanban {
namespace {

using std::chrono::milliseconds;

Record ExtractWith(std::vector<std::string> argv, milliseconds timeout = milliseconds(20000)) {
  ExtractProcess child(std::move(argv), timeout);
  return child.Extract("Số: 1/QĐ-UBND", "/archive/a.txt");
}

TEST(ExtractProcess, ChildKilledBySignalIsACrashOfThatFile) {
  Record r = ExtractWith({"/bin/sh", "-c", "head -c 1 <&3 >/dev/null; kill -SEGV $$"});
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->stage, "extract");
  EXPECT_EQ(r.error->message,
            "the reader crashed on this file (signal 11, segmentation fault); the run went on");
  EXPECT_EQ(r.source.path, "/archive/a.txt");
}

TEST(ExtractProcess, ChildThatAbortsIsNamedSo) {
  Record r = ExtractWith({"/bin/sh", "-c", "head -c 1 <&3 >/dev/null; kill -ABRT $$"});
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->message, "the reader crashed on this file (signal 6, aborted); the run went on");
}

TEST(ExtractProcess, ChildThatExitsReportsItsStatus) {
  Record r = ExtractWith({"/bin/sh", "-c", "exec 3<&-; exit 3"});
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->message, "the reader stopped on this file (exit status 3); the run went on");
}

TEST(ExtractProcess, ChildThatHangsIsStoppedAtTheTimeout) {
  // (Were the child waited for instead of killed, this would take its 600 s.)
  Record r = ExtractWith({"/bin/sleep", "600"}, milliseconds(300));
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->message,
            "the reader took longer than 1 s on this file (--timeout) and was stopped; the run "
            "went on");
}

TEST(ExtractProcess, GarbageAnswerIsAFailureAndTheNextFileGetsANewChild) {
  // Answers a well-formed frame whose content is not a record. (exec: the shell becomes the
  // sleep, so killing the child leaves no orphan holding the test's output open.)
  ExtractProcess child({"/bin/sh", "-c", "printf '\\005\\0\\0\\0\\0\\0\\0\\0hello' >&3; exec sleep 600"},
                       milliseconds(20000));
  Record r = child.Extract("x", "/a.txt");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->stage, "extract");
  EXPECT_NE(r.error->message.find("the reader answered something that is not a record"),
            std::string::npos)
      << r.error->message;
  EXPECT_EQ(child.restarts(), 0);
  r = child.Extract("x", "/b.txt");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.source.path, "/b.txt");
  EXPECT_EQ(child.restarts(), 1);  // a second child was started for the second file
}

TEST(ExtractProcess, RequestCarriesThePageThreadCap) {
  // A child that keeps the request's head (u64 path length, u64 bytes length, u64 page
  // threads) and stops: the parent's cap for this file is the third number.
  std::string dump = ::testing::TempDir() + "/vanban_request_head.bin";
  std::remove(dump.c_str());
  ExtractProcess child({"/bin/sh", "-c", "head -c 24 <&3 > '" + dump + "'; exit 3"}, milliseconds(20000));
  std::string answer;
  auto failed = child.Send("Số: 1/QĐ-UBND", "/archive/scan.pdf", &answer, 1);
  ASSERT_TRUE(failed.has_value()) << "the child answered nothing";
  std::ifstream in(dump, std::ios::binary);
  std::string head((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_EQ(head.size(), 24u);
  std::uint64_t v[3];
  std::memcpy(v, head.data(), sizeof v);
  EXPECT_EQ(v[0], std::string("/archive/scan.pdf").size());
  EXPECT_EQ(v[1], std::string("Số: 1/QĐ-UBND").size());
  EXPECT_EQ(v[2], 1u);
  std::remove(dump.c_str());
}

TEST(ExtractProcess, LiveShareIsMemoryTheChildReadsAsFd4) {
  // A child that keeps the request's head and the first bytes of its fd 4, then stops.
  std::string dir = ::testing::TempDir() + "/vanban_live_share";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ExtractProcess child({"/bin/sh", "-c",
                        "head -c 24 <&3 > '" + dir + "/head'; head -c 4 <&4 > '" + dir + "/share'; exit 3"},
                       milliseconds(20000));
  ASSERT_NE(child.page_share(), nullptr) << "memfd_create failed";
  child.page_share()->store(3);  // set by the parent before the file goes out
  std::string answer;
  ASSERT_TRUE(child.Send("x", "/a.pdf", &answer, ExtractProcess::kLiveShare).has_value());
  auto read = [&](const std::string& name) {
    std::ifstream in(dir + "/" + name, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  std::string head = read("head"), share = read("share");
  ASSERT_EQ(head.size(), 24u);
  ASSERT_EQ(share.size(), 4u) << "the child has no fd 4";
  std::uint64_t v[3];
  std::memcpy(v, head.data(), sizeof v);
  EXPECT_EQ(v[2], ~std::uint64_t{0}) << "the request says: follow the live share";
  std::int32_t n = 0;
  std::memcpy(&n, share.data(), 4);
  EXPECT_EQ(n, 3) << "the child sees what the parent stored";
  std::filesystem::remove_all(dir);
}

// Counts the marker files children of StartedReadersTest left in `dir`.
int Started(const std::string& dir) {
  int n = 0;
  for (int i = 0; i < 100; ++i) {  // up to 5 s for the children to get going
    n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) n += e.path().filename().string().rfind("started.", 0) == 0;
    if (n >= 2) break;
    std::this_thread::sleep_for(milliseconds(50));
  }
  return n;
}

TEST(StartedReaders, ChildrenRunBeforeAnyFileAndAreTheOnesUsed) {
  std::string dir = ::testing::TempDir() + "/vanban_started_readers";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // Each child leaves a marker as it starts, then answers garbage to every request until
  // the parent closes the socket.
  std::vector<std::string> argv{"/bin/sh", "-c",
                                "touch '" + dir + "/started.'$$; while head -c 1 <&3 >/dev/null; do "
                                "printf '\\005\\0\\0\\0\\0\\0\\0\\0hello' >&3; cat <&3 >/dev/null; done"};
  {
    StartedReaders pool(argv, milliseconds(20000), 2);
    EXPECT_EQ(Started(dir), 2);  // both running, and no file sent yet
    auto a = pool.Take(), b = pool.Take();
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(pool.Take(), nullptr);
    Record r = a->Extract("x", "/a.txt");  // the child's garbage answer: it was running
    ASSERT_TRUE(r.error.has_value());
    EXPECT_NE(r.error->message.find("not a record"), std::string::npos) << r.error->message;
    EXPECT_EQ(a->restarts(), 0);
  }
  EXPECT_EQ(Started(dir), 2);  // the file went to a started child: no third one
  std::filesystem::remove_all(dir);
}

TEST(ExtractProcess, DecodeOfAWellFramedNonRecordIsAFailure) {
  // u64 5, "hello" (not MessagePack of a record), u64 0 texts: the frame adds up.
  std::string answer;
  auto put = [&](std::uint64_t v) { answer.append(reinterpret_cast<const char*>(&v), 8); };
  put(5);
  answer += "hello";
  put(0);
  Record r = ExtractProcess::Decode(answer, "/c.txt");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->stage, "extract");
  EXPECT_EQ(r.source.path, "/c.txt");
  EXPECT_NE(r.error->message.find("not a record"), std::string::npos) << r.error->message;
  // One text announced and none sent: short.
  answer.resize(answer.size() - 8);
  put(1);
  r = ExtractProcess::Decode(answer, "/c.txt");
  ASSERT_TRUE(r.error.has_value());
}

TEST(ExtractProcess, ProgramThatCannotStartIsAFailureNotAnException) {
  Record r = ExtractWith({"/nonexistent/vanban"});
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->stage, "extract");
  EXPECT_FALSE(r.error->message.empty());
}

TEST(ToolVersions, NamesVanbanAndTheLibraries) {
  std::string v = ToolVersions();
  EXPECT_EQ(v.rfind(VANBAN_VERSION, 0), 0u) << v;
  EXPECT_NE(v.find("ICU "), std::string::npos) << v;
  EXPECT_NE(v.find("SQLite 3."), std::string::npos) << v;
}

}  // namespace
}  // namespace vanban
