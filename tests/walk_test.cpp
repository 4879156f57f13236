// Walking folders: which files ingest reads.
#include "pipeline/walk.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace vanban {
namespace {

namespace fs = std::filesystem;

class WalkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("vanban_walk_test_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    for (const char* f : {"a.txt", "B.MD", "notes.Txt", "scan.pdf", "vanban.db", ".hidden.txt",
                          ".git/x.txt", "sub/deeper/d.md", "sub/c.txt", ".cache/sub/e.txt", "sub/page 1.JPG",
                          "sub/p2.tiff", "sub/notes.docx"}) {
      fs::path p = root_ / f;
      fs::create_directories(p.parent_path());
      std::ofstream(p) << "x";
    }
  }
  void TearDown() override { fs::remove_all(root_); }
  std::vector<std::string> Rel(const std::vector<std::string>& files) {
    std::vector<std::string> out;
    for (const auto& f : files) out.push_back(fs::path(f).lexically_relative(root_).string());
    return out;
  }
  fs::path root_;
};

TEST_F(WalkTest, TakesTextScansAndPdfsSkipsHiddenAndDatabases) {
  std::vector<WalkError> errors;
  auto files = CollectFiles({root_.string()}, &errors);
  EXPECT_TRUE(errors.empty());
  // A folder's files (in byte order) come before its subfolders; notes.docx is not taken.
  EXPECT_EQ(Rel(files), (std::vector<std::string>{"B.MD", "a.txt", "notes.Txt", "scan.pdf",
                                                  "sub/c.txt", "sub/p2.tiff", "sub/page 1.JPG",
                                                  "sub/deeper/d.md"}));
  for (const auto& f : files) EXPECT_TRUE(fs::path(f).is_absolute()) << f;
}

TEST_F(WalkTest, NamedFilesAreTakenOnceAndMissingPathsReported) {
  std::vector<WalkError> errors;
  auto files =
      CollectFiles({(root_ / "scan.pdf").string(), (root_ / "a.txt").string(), root_.string() + "/",
                    (root_ / "vanban.db").string(), (root_ / "nope").string()},
                   &errors);
  // scan.pdf and a.txt once although named and inside a named folder; the database never.
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(std::count(files.begin(), files.end(), (root_ / "scan.pdf").string()), 1);
  EXPECT_EQ(std::count(files.begin(), files.end(), (root_ / "a.txt").string()), 1);
  EXPECT_EQ(std::count(files.begin(), files.end(), (root_ / "vanban.db").string()), 0);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "no such file or folder");
}

TEST(WalkNames, DocumentNames) {
  EXPECT_TRUE(IsDocumentName("cv583.TXT"));
  EXPECT_TRUE(IsDocumentName("kh.md"));
  EXPECT_FALSE(IsDocumentName("kh.markdown.bak"));
  EXPECT_FALSE(IsDocumentName(".x.txt"));
  EXPECT_FALSE(IsDocumentName("vanban.db"));
}

}  // namespace
}  // namespace vanban
