// End to end: corpus files through Pipeline::ExtractFile / ExtractBytes.
#include "pipeline/pipeline.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>
#include <vector>

#include "pipeline/load.h"
#include "tests/test_util.h"

namespace {

using vanban::Record;

struct FileCase {
  std::string stem;
  std::string format;
  std::vector<std::size_t> footnotes;  // per document
  std::string bug;
  std::string format_bug;    // known bug in FormatAsTheGoldHasIt
  std::string footnote_bug;  // known bug in FootnotesEqualTheGold
};
void PrintTo(const FileCase& c, std::ostream* os) { *os << c.stem; }

std::vector<FileCase> FileCases() {
  return {
      {"000_53e32a473880f777", "markdown", {0, 0}, "", "", ""},
      {"001_b0bb8e184523a044", "markdown", {1}, "", "", ""},
      {"002_cb74e0b9609914df", "markdown", {4}, "", "", ""},
      {"003_3154606db7b394f5", "markdown", {2}, "", "", ""},
      {"004_e9f93ba36e43b0c5", "markdown", {0}, "", "", ""},
      {"001_qd-30-2025-qdttg-quy-che-phoi-hop-chong-tai-tro", "text", {0}, "", "", ""},
      {"006_qd-45-2025-qdttg-nha-o-cong-vu-no-header", "text", {0}, "", "", ""},
      {"008_nq-66-9-2025-nqcp-csdl-xu-ly-vi-pham", "text", {0}, "", "", ""},
      {"014_nd-07-2025-ndcp-ho-tich-quoc-tich-chung-thuc", "text", {0}, "", "", ""},
      {"023_tt-23-2024-ttbtttt-bai-bo-van-ban", "text", {0}, "", "", ""},
      {"030_tt-07-2025-ttttcp-the-thanh-tra", "text", {0}, "", "", ""},
  };
}

class PipelineCorpus : public testing::TestWithParam<FileCase> {};

TEST_P(PipelineCorpus, DocumentsFootnotesAndSource) {
  const FileCase& c = GetParam();
  if (!c.bug.empty() && !vanban_test::RunKnownBugs()) GTEST_SKIP() << "known bug: " << c.bug;
  std::string path = vanban_test::CorpusPath(c.stem);
  const Record& r = vanban_test::CorpusRecord(c.stem);
  ASSERT_FALSE(r.error) << r.error->stage << ": " << r.error->message;
  EXPECT_EQ(r.source.path, path);
  EXPECT_EQ(r.source.sha256, vanban::Sha256Hex(vanban_test::ReadFile(path)));
  EXPECT_EQ(r.source.encoding, "utf-8");
  ASSERT_EQ(r.documents.size(), c.footnotes.size());
  for (std::size_t i = 0; i < r.documents.size(); ++i) {
    EXPECT_EQ(r.documents[i].part, static_cast<int>(i + 1));
    EXPECT_EQ(r.documents[i].footnotes.size(), c.footnotes[i]) << "document " << i + 1;
    EXPECT_FALSE(r.documents[i].text.empty());
  }
}

TEST_P(PipelineCorpus, FormatAsTheGoldHasIt) {
  const FileCase& c = GetParam();
  if (!c.format_bug.empty() && !vanban_test::RunKnownBugs())
    GTEST_SKIP() << "known bug: " << c.format_bug;
  const Record& r = vanban_test::CorpusRecord(c.stem);
  EXPECT_EQ(r.source.format, c.format);
}

TEST_P(PipelineCorpus, FootnotesEqualTheGold) {
  const FileCase& c = GetParam();
  if (!c.footnote_bug.empty() && !vanban_test::RunKnownBugs())
    GTEST_SKIP() << "known bug: " << c.footnote_bug;
  const Record& r = vanban_test::CorpusRecord(c.stem);
  nlohmann::json gold = vanban_test::LoadGold(c.stem);
  ASSERT_EQ(r.documents.size(), gold["documents"].size());
  for (std::size_t d = 0; d < r.documents.size(); ++d) {
    std::vector<std::string> got, want;
    for (const auto& f : r.documents[d].footnotes) got.push_back(vanban_test::Canon(f));
    for (const auto& f : gold["documents"][d]["footnotes"])
      want.push_back(vanban_test::Canon(f.get<std::string>()));
    EXPECT_EQ(got, want) << "document " << d + 1;
  }
}

TEST_P(PipelineCorpus, MentionsInsideTheText) {
  const FileCase& c = GetParam();
  const Record& r = vanban_test::CorpusRecord(c.stem);
  for (const auto& d : r.documents)
    for (const auto& ct : d.citations) {
      EXPECT_FALSE(ct.mentions.empty()) << (ct.key ? *ct.key : "(no key)");
      for (const auto& m : ct.mentions) {
        EXPECT_LT(m.begin, m.end);
        EXPECT_LE(m.end, d.text.size());
      }
      // A document never cites itself.
      if (ct.key && d.number && d.symbol && d.date && d.date->size() >= 4) {
        EXPECT_NE(*ct.key, *d.number + "/" + *d.symbol + "@" + d.date->substr(0, 4));
      }
    }
}

INSTANTIATE_TEST_SUITE_P(Corpus, PipelineCorpus, testing::ValuesIn(FileCases()),
                         [](const auto& info) {
                           return vanban_test::TestName(
                               info.param.stem.substr(0, 3) +
                               (info.param.format == "text" ? "real" : "seed"));
                         });

// ---------------------------------------------------------------------------------------
// Bad input: an error record naming the stage; the other files are unaffected.

struct BadCase {
  std::string name;
  std::string bytes;
  std::string stage;
};
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class PipelineBadInput : public testing::TestWithParam<BadCase> {};

TEST_P(PipelineBadInput, ErrorRecord) {
  const BadCase& c = GetParam();
  auto p = vanban_test::SharedPipeline();
  ASSERT_TRUE(p);
  Record r = p->ExtractBytes(c.bytes, "archive/" + c.name + ".txt");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->stage, c.stage);
  EXPECT_FALSE(r.error->message.empty());
  EXPECT_TRUE(r.documents.empty());
  EXPECT_EQ(r.source.path, "archive/" + c.name + ".txt");
  EXPECT_EQ(r.source.sha256, vanban::Sha256Hex(c.bytes));
}

INSTANTIATE_TEST_SUITE_P(
    Table, PipelineBadInput,
    testing::Values(BadCase{"Empty", "", "load"},
                    BadCase{"Png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "load"},
                    // 8-bit text that reads as neither TCVN3 nor VNI.
                    BadCase{"UnknownEightBit", "Caf\xE9 cr\xE8me br\xFBl\xE9" "e\r\n", "load"}),
    [](const auto& info) { return info.param.name; });

TEST(PipelineBatch, BadFilesDoNotAffectOthers) {
  auto p = vanban_test::SharedPipeline();
  ASSERT_TRUE(p);
  std::string tcvn3 = testing::TempDir() + "vanban_unknown8bit.txt";
  vanban_test::WriteFile(tcvn3, "Caf\xE9 cr\xE8me br\xFBl\xE9" "e\r\n");
  std::string empty = testing::TempDir() + "vanban_empty_batch.txt";
  vanban_test::WriteFile(empty, "");
  std::vector<std::string> paths = {vanban_test::CorpusPath("003_3154606db7b394f5"), tcvn3,
                                    "/nonexistent/vanban/cv.txt", empty,
                                    vanban_test::CorpusPath("000_53e32a473880f777")};
  std::vector<Record> rs;
  for (const auto& path : paths) rs.push_back(p->ExtractFile(path));
  ASSERT_EQ(rs.size(), 5u);
  for (std::size_t i : {1u, 2u, 3u}) {
    ASSERT_TRUE(rs[i].error) << paths[i];
    EXPECT_EQ(rs[i].error->stage, "load") << paths[i];
    EXPECT_TRUE(rs[i].documents.empty());
  }
  ASSERT_FALSE(rs[0].error);
  ASSERT_EQ(rs[0].documents.size(), 1u);
  EXPECT_EQ(vanban_test::Show(rs[0].documents[0].number), "\"583\"");
  ASSERT_FALSE(rs[4].error);
  EXPECT_EQ(rs[4].documents.size(), 2u);
}

// ---------------------------------------------------------------------------------------
// The same document in other encodings and forms gives the same record.

std::string Utf16Le(const std::string& utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::string out = "\xFF\xFE";
  for (int32_t i = 0; i < u.length(); ++i) {
    char16_t c = u.charAt(i);
    out.push_back(static_cast<char>(c & 0xFF));
    out.push_back(static_cast<char>(c >> 8));
  }
  return out;
}

std::string Nfd(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  icu::UnicodeString u = nfd->normalize(icu::UnicodeString::fromUTF8(utf8), err);
  std::string out;
  u.toUTF8String(out);
  return out;
}

struct VariantCase {
  std::string name;
  std::string (*transform)(const std::string&);
  std::string encoding;
};
void PrintTo(const VariantCase& c, std::ostream* os) { *os << c.name; }

class PipelineVariants : public testing::TestWithParam<VariantCase> {};

TEST_P(PipelineVariants, Seed003SameHeaderAndCitations) {
  const VariantCase& c = GetParam();
  auto p = vanban_test::SharedPipeline();
  ASSERT_TRUE(p);
  std::string utf8 = vanban_test::ReadFile(vanban_test::CorpusPath("003_3154606db7b394f5"));
  std::string bytes = c.transform(utf8);
  Record r = p->ExtractBytes(bytes, "archive/003.txt");
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.source.encoding.rfind(c.encoding, 0), 0u) << r.source.encoding;
  EXPECT_EQ(r.source.sha256, vanban::Sha256Hex(bytes));
  const Record& base = vanban_test::CorpusRecord("003_3154606db7b394f5");
  ASSERT_EQ(r.documents.size(), 1u);
  ASSERT_EQ(base.documents.size(), 1u);
  const auto& d = r.documents[0];
  const auto& b = base.documents[0];
  EXPECT_EQ(vanban_test::Show(d.number), "\"583\"");
  EXPECT_EQ(vanban_test::Show(d.issuer.name), "\"Ủy ban nhân dân huyện Sơn Tây\"");
  EXPECT_EQ(vanban_test::Show(d.date), "\"2024-03-15\"");
  EXPECT_EQ(d.subject, b.subject);
  EXPECT_EQ(d.signer.name, b.signer.name);
  EXPECT_EQ(d.footnotes, b.footnotes);
  EXPECT_EQ(d.text, b.text);
  std::vector<std::string> kd, kb;
  for (const auto& x : d.citations) kd.push_back(x.key.value_or(""));
  for (const auto& x : b.citations) kb.push_back(x.key.value_or(""));
  EXPECT_EQ(kd, kb);
}

std::string Same(const std::string& s) { return s; }
std::string WithBom(const std::string& s) { return "\xEF\xBB\xBF" + s; }
std::string CrLf(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Table, PipelineVariants,
                         testing::Values(VariantCase{"Utf8", Same, "utf-8"},
                                         VariantCase{"Utf8Bom", WithBom, "utf-8"},
                                         VariantCase{"Utf16LeBom", Utf16Le, "utf-16"},
                                         VariantCase{"Decomposed", Nfd, "utf-8"},
                                         VariantCase{"CrLf", CrLf, "utf-8"}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
