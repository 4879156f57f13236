// The store: hand-made Records in, graph queries out (no dependence on extraction quality).
#include "pipeline/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>

#include "pipeline/record_json.h"
#include "pipeline/rules.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const CitationKeys> Keys() {
  static std::shared_ptr<const CitationKeys> keys = [] {
    auto rules = RuleSet::LoadEmbedded();
    if (!rules) throw std::runtime_error(rules.error().message);
    return std::make_shared<const CitationKeys>(rules.value());
  }();
  return keys;
}

Citation Cite(const std::string& number, const std::string& symbol, int year,
              const std::string& issuer, std::string relation = "căn cứ") {
  Citation c;
  c.type = "Quyết định";
  c.number = number;
  c.symbol = symbol;
  c.year = year;
  c.date = std::to_string(year) + "-06-01";
  c.issuer_resolved = issuer;
  c.relation = std::move(relation);
  c.key = number + "/" + symbol + "@" + std::to_string(year);
  return c;
}

Document Doc(const std::string& number, const std::string& symbol, const std::string& date,
             const std::string& issuer, std::vector<Citation> cites = {}) {
  Document d;
  d.type = "Quyết định";
  d.number = number;
  d.symbol = symbol;
  d.date = date;
  d.issuer.name = issuer;
  d.subject = "về việc " + number;
  d.citations = std::move(cites);
  return d;
}

Record Rec(const std::string& path, const std::string& sha, std::vector<Document> docs) {
  Record r;
  r.source.path = path;
  r.source.sha256 = sha;
  r.documents = std::move(docs);
  return r;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vanban_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto opened = Store::Open((dir_ / "t.db").string(), Store::Mode::kCreate, Keys());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(opened.value());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  std::vector<NodeRow> Find(const std::string& query, NodeFilter filter = {}) {
    return store_->FindNodes(Keys()->ParseQuery(query), filter);
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

const char* kTinh = "Ủy ban nhân dân tỉnh Hà Tĩnh";

TEST_F(StoreTest, SchemaVersionAndWal) {
  EXPECT_EQ(store_->SchemaVersion(), Store::kSchemaVersion);
  EXPECT_EQ(store_->database().execAndGet("PRAGMA journal_mode").getString(), "wal");
  // Reopening an existing database keeps the version and does not re-run migrations.
  std::string path = store_->path();
  store_.reset();
  auto again = Store::Open(path, Store::Mode::kExisting, Keys());
  ASSERT_TRUE(again);
  EXPECT_EQ(again.value()->SchemaVersion(), Store::kSchemaVersion);
}

TEST_F(StoreTest, MissingDatabaseIsAPlainError) {
  auto r = Store::Open((dir_ / "none.db").string(), Store::Mode::kExisting, Keys());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("run `vanban ingest FOLDER` first"), std::string::npos);
}

TEST_F(StoreTest, NewerSchemaIsRefused) {
  store_->database().exec("PRAGMA user_version = 99");
  std::string path = store_->path();
  store_.reset();
  auto r = Store::Open(path, Store::Mode::kExisting, Keys());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("newer vanban"), std::string::npos);
}

TEST_F(StoreTest, RoundTrip) {
  Document d = Doc("583", "UBND-NC", "2024-03-15", "Ủy ban nhân dân huyện Sơn Tây",
                   {Cite("2454", "QĐ-UBND", 2022, kTinh, "thực hiện")});
  d.type = "Công văn";
  d.recipients = {"Công an huyện", "Phòng Nội vụ"};
  d.signer.name = "Nguyễn Ngọc Trân";
  d.text =
      "Thực hiện Quyết định số 2454/QĐ-UBND ngày 04/12/2022 của UBND tỉnh; UBND huyện "
      "yêu cầu.";
  d.citations[0].mentions = {{21, 33}};
  Task t;
  t.id = "1";
  t.assignees = {"Phòng Nội vụ"};
  t.action = "rà soát thủ tục hành chính";
  t.deadline = Deadline{"2024-03-31", "by", "trước ngày 31/3/2024"};
  d.tasks = {t};
  Record r = Rec("/a/583.txt", "aaa", {d});
  PutOutcome out = store_->Put(r);
  EXPECT_EQ(out.kind, PutOutcome::Kind::kStored);
  EXPECT_EQ(out.documents, 1);
  EXPECT_EQ(out.citations, 1);

  auto ids = store_->DocumentsAtPath("/a/583.txt");
  ASSERT_EQ(ids.size(), 1u);
  auto row = store_->GetDocument(ids[0]);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->key, "583/UBND-NC@2024");
  EXPECT_EQ(row->issuer, "Ủy ban nhân dân huyện Sơn Tây");
  EXPECT_EQ(row->year, 2024);
  EXPECT_EQ(row->paths, std::vector<std::string>{"/a/583.txt"});
  // The stored JSON is the record_json.h shape of the document.
  auto json = nlohmann::json::parse(*store_->DocumentJson(ids[0]));
  EXPECT_EQ(json, ToJson(d, false));
  std::string error;
  auto back = RecordFromJson(
      nlohmann::json{{"source", {{"path", "x"}}}, {"documents", {json}}}.dump(), &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->documents[0].recipients, d.recipients);

  auto cites = store_->Cites(ids[0]);
  ASSERT_EQ(cites.size(), 1u);
  EXPECT_EQ(cites[0].second.key, "2454/QĐ-UBND@2022");
  EXPECT_FALSE(cites[0].second.resolved());
  EXPECT_EQ(cites[0].first.relation, "thực hiện");
  EXPECT_EQ(cites[0].first.sentence,
            "Thực hiện Quyết định số 2454/QĐ-UBND ngày 04/12/2022 của UBND tỉnh;");

  auto tasks = store_->Tasks(ids[0]);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].deadline_date, "2024-03-31");
  EXPECT_EQ(tasks[0].assignees, std::vector<std::string>{"Phòng Nội vụ"});
}

TEST_F(StoreTest, SameHashAgainDoesNothing) {
  Record r = Rec("/a/1.txt", "h1", {Doc("1", "QĐ-UBND", "2022-01-02", kTinh)});
  EXPECT_EQ(store_->Put(r).kind, PutOutcome::Kind::kStored);
  StoreCounts before = store_->Counts();
  EXPECT_EQ(store_->Put(r).kind, PutOutcome::Kind::kUnchanged);
  StoreCounts after = store_->Counts();
  EXPECT_EQ(after.documents, before.documents);
  EXPECT_EQ(after.nodes, before.nodes);
  EXPECT_EQ(store_->StoredHash("/a/1.txt"), "h1");
}

// Text that is not valid UTF-8 (an upstream bug once cut "Ề" in half in subjects) is
// stored, not thrown on: nlohmann::json refuses to dump it, and an exception there used
// to terminate a whole ingest.
TEST_F(StoreTest, BrokenUtf8InARecordIsStoredNotThrown) {
  Document d = Doc("51", "2025/QĐ-TTg", "2025-12-29", "Thủ tướng Chính phủ");
  d.subject = "quốc gia v\xE1\xBB n\xC3";
  d.tasks.push_back(Task{});
  d.tasks.back().action = "x\xE1";
  d.tasks.back().assignees = {"B\xE1\xBB"};
  Record r = Rec("/a/51.txt", "h51", {d});
  PutOutcome out;
  ASSERT_NO_THROW(out = store_->Put(r));
  EXPECT_EQ(out.kind, PutOutcome::Kind::kStored);
  EXPECT_EQ(store_->Counts().documents, 1);
  EXPECT_EQ(store_->Counts().tasks, 1);
}

TEST_F(StoreTest, ChangedFileReplacesItsRecord) {
  store_->Put(Rec("/a/1.txt", "h1", {Doc("1", "QĐ-UBND", "2022-01-02", kTinh)}));
  Document v2 = Doc("2", "QĐ-UBND", "2022-01-03", kTinh);
  EXPECT_EQ(store_->Put(Rec("/a/1.txt", "h2", {v2})).kind, PutOutcome::Kind::kStored);
  EXPECT_EQ(store_->Counts().documents, 1);
  EXPECT_EQ(store_->Counts().files, 1);
  auto ids = store_->DocumentsAtPath("/a/1.txt");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(store_->GetDocument(ids[0])->number, "2");
  EXPECT_TRUE(Find("1/QĐ-UBND").empty());
  // The old text left the full-text index too.
  EXPECT_TRUE(store_->Search("\"ve viec 1\"").empty());
  EXPECT_EQ(store_->Search("\"ve viec 2\"").size(), 1u);
}

TEST_F(StoreTest, SameBytesAtTwoPathsAreOneDocument) {
  Record r = Rec("/a/1.txt", "same", {Doc("1", "QĐ-UBND", "2022-01-02", kTinh)});
  store_->Put(r);
  r.source.path = "/b/copy.txt";
  EXPECT_EQ(store_->Put(r).kind, PutOutcome::Kind::kLinked);
  EXPECT_EQ(store_->Counts().documents, 1);
  auto ids = store_->DocumentsAtPath("/b/copy.txt");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(store_->GetDocument(ids[0])->paths.size(), 2u);
}

// A cites B; B is stored later and its node becomes the stored document.
TEST_F(StoreTest, UnresolvedNodeBecomesDocumentWhenCitingComesFirst) {
  store_->Put(Rec(
      "/a.txt", "ha",
      {Doc("7", "KH-UBND", "2023-02-01", kTinh, {Cite("2454", "QĐ-UBND", 2022, "UBND tỉnh")})}));
  auto before = Find("2454/QD-UBND");
  ASSERT_EQ(before.size(), 1u);
  EXPECT_FALSE(before[0].resolved());
  EXPECT_EQ(before[0].cited_by, 1);

  store_->Put(Rec("/b.txt", "hb", {Doc("2454", "QĐ-UBND", "2022-12-04", kTinh)}));
  auto after = Find("2454/QD-UBND");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_TRUE(after[0].resolved());
  EXPECT_EQ(after[0].id, before[0].id);
  auto citing = store_->CitedBy(after[0].id, 1);
  ASSERT_EQ(citing.size(), 1u);
  EXPECT_EQ(citing[0].document.number, "7");
  EXPECT_EQ(store_->Counts().unresolved_nodes, 0);
}

TEST_F(StoreTest, CitationPointsAtStoredDocumentWhenCitedComesFirst) {
  store_->Put(Rec("/b.txt", "hb", {Doc("2454", "QĐ-UBND", "2022-12-04", kTinh)}));
  store_->Put(
      Rec("/a.txt", "ha",
          {Doc("7", "KH-UBND", "2023-02-01", kTinh, {Cite("2454", "QĐ-UBND", 2022, kTinh)})}));
  auto nodes = Find("QĐ 2454");
  ASSERT_EQ(nodes.size(), 1u);
  EXPECT_TRUE(nodes[0].resolved());
  auto citing = store_->CitedBy(nodes[0].id, 1);
  ASSERT_EQ(citing.size(), 1u);
  EXPECT_EQ(citing[0].document.number, "7");
  EXPECT_EQ(store_->Counts().unresolved_nodes, 0);
}

TEST_F(StoreTest, RemovingACitedDocumentLeavesAnUnresolvedNode) {
  store_->Put(Rec("/b.txt", "hb", {Doc("2454", "QĐ-UBND", "2022-12-04", kTinh)}));
  store_->Put(
      Rec("/a.txt", "ha",
          {Doc("7", "KH-UBND", "2023-02-01", kTinh, {Cite("2454", "QĐ-UBND", 2022, kTinh)})}));
  // /b.txt now holds other bytes that fail to load: its document goes, the node stays.
  Record bad;
  bad.source.path = "/b.txt";
  bad.source.sha256 = "hb2";
  bad.error = StageError{"load", "empty file"};
  EXPECT_EQ(store_->Put(bad).kind, PutOutcome::Kind::kFailed);
  auto nodes = Find("2454/QĐ-UBND");
  ASSERT_EQ(nodes.size(), 1u);
  EXPECT_FALSE(nodes[0].resolved());
  EXPECT_EQ(nodes[0].cited_by, 1);
}

TEST_F(StoreTest, DocumentNeverCitesItself) {
  store_->Put(Rec("/a.txt", "ha",
                  {Doc("5", "QĐ-UBND", "2022-03-01", kTinh,
                       {Cite("5", "QĐ-UBND", 2022, kTinh), Cite("6", "QĐ-UBND", 2022, kTinh)})}));
  EXPECT_EQ(store_->Counts().citations, 1);
  auto nodes = Find("5/QĐ-UBND");
  ASSERT_EQ(nodes.size(), 1u);
  EXPECT_EQ(nodes[0].cited_by, 0);
}

TEST_F(StoreTest, CommunesOwnNumbersStayApartAndIssuerSelects) {
  const char* bac = "Ủy ban nhân dân xã Kỳ Bắc";
  const char* nam = "Ủy ban nhân dân xã Kỳ Nam";
  // Each commune's plan cites its own 01/QĐ-UBND, before either decision is stored.
  store_->Put(Rec("/bac/kh.txt", "h1",
                  {Doc("10", "KH-UBND", "2022-05-01", bac, {Cite("01", "QĐ-UBND", 2022, bac)})}));
  store_->Put(Rec("/nam/kh.txt", "h2",
                  {Doc("11", "KH-UBND", "2022-05-02", nam, {Cite("01", "QĐ-UBND", 2022, nam)})}));
  store_->Put(Rec("/bac/qd.txt", "h3", {Doc("01", "QĐ-UBND", "2022-01-05", bac)}));
  store_->Put(Rec("/nam/qd.txt", "h4", {Doc("01", "QĐ-UBND", "2022-01-06", nam)}));

  auto all = Find("01/QĐ-UBND");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].resolved());
  EXPECT_TRUE(all[1].resolved());
  EXPECT_NE(all[0].id, all[1].id);

  auto bac_nodes = Find("01/QD-UBND", {std::string("ky bac"), std::nullopt});
  ASSERT_EQ(bac_nodes.size(), 1u);
  EXPECT_EQ(bac_nodes[0].issuer, bac);
  auto citing = store_->CitedBy(bac_nodes[0].id, 1);
  ASSERT_EQ(citing.size(), 1u);
  EXPECT_EQ(citing[0].document.number, "10");

  auto nam_nodes = Find("01/QĐ-UBND", {std::string("Kỳ Nam"), 2022});
  ASSERT_EQ(nam_nodes.size(), 1u);
  citing = store_->CitedBy(nam_nodes[0].id, 1);
  ASSERT_EQ(citing.size(), 1u);
  EXPECT_EQ(citing[0].document.number, "11");
  EXPECT_EQ(store_->Counts().unresolved_nodes, 0);
}

TEST_F(StoreTest, SameNumberOtherYearsAreApart) {
  store_->Put(Rec("/1.txt", "h1", {Doc("01", "QĐ-UBND", "2021-01-05", kTinh)}));
  store_->Put(Rec("/2.txt", "h2", {Doc("01", "QĐ-UBND", "2022-01-05", kTinh)}));
  EXPECT_EQ(Find("01/QĐ-UBND").size(), 2u);
  EXPECT_EQ(Find("01/QĐ-UBND", {std::nullopt, 2021}).size(), 1u);
  EXPECT_EQ(Find("Quyết định số 01/QĐ-UBND ngày 05/01/2022").size(), 1u);
}

TEST_F(StoreTest, DepthTwoFollowsCitingDocuments) {
  store_->Put(Rec("/a.txt", "ha", {Doc("1", "QĐ-UBND", "2022-01-01", kTinh)}));
  store_->Put(Rec("/b.txt", "hb",
                  {Doc("2", "KH-UBND", "2022-02-01", kTinh, {Cite("1", "QĐ-UBND", 2022, kTinh)})}));
  Citation cb = Cite("2", "KH-UBND", 2022, kTinh);
  cb.type = "Kế hoạch";
  store_->Put(Rec("/c.txt", "hc", {Doc("3", "UBND-VX", "2022-03-01", kTinh, {cb})}));
  auto target = Find("1/QĐ-UBND");
  ASSERT_EQ(target.size(), 1u);
  auto one = store_->CitedBy(target[0].id, 1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].document.number, "2");
  auto two = store_->CitedBy(target[0].id, 2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].depth, 1);
  EXPECT_EQ(two[1].depth, 2);
  EXPECT_EQ(two[1].document.number, "3");
}

// Search ranks with its own bm25 (document counts passed in instead of counted by FTS5
// on every query); on a small archive, where the counts are exact, the order must be
// FTS5's own bm25 order, and a document lacking one of the words is never listed.
TEST_F(StoreTest, SearchRanksAsFts5Bm25) {
  const char* texts[] = {
      "Kế hoạch cải cách hành chính năm 2024 của huyện",
      "Báo cáo kết quả cải cách hành chính; cải cách thủ tục hành chính; cải cách tổ chức",
      "Thông báo lịch họp giao ban tuần",
      "Cải cách",
      "Quyết định về cải cách chế độ công vụ, công chức và cải cách tài chính công, hành "
      "chính",
      "Hành chính công: báo cáo tháng",
      "Chỉ thị đẩy mạnh cải cách hành chính, cải cách hành chính là nhiệm vụ trọng tâm",
      "Kế hoạch tuyên truyền cải cách hành chính",
      // Same length; with equal word weights the first ranks above the second for
      // "hop cai", with bm25's weights (cải common, họp rare) the second does.
      "lịch họp cải cải cải cải",
      "lịch họp họp họp cải nữa",
  };
  int n = 0;
  for (const char* t : texts) {
    ++n;
    Document d = Doc(std::to_string(n), "KH-UBND", "2024-01-0" + std::to_string(n % 9 + 1),
                     kTinh);
    d.subject = "kế hoạch số " + std::to_string(n);
    d.text = t;
    store_->Put(Rec("/s" + std::to_string(n) + ".txt", "hs" + std::to_string(n), {d}));
  }
  for (const char* q :
       {"cai cach", "cai cach hanh chinh", "hanh chinh bao cao", "ke hoach", "hop cai"}) {
    std::vector<std::int64_t> want;
    SQLite::Statement s(store_->database(),
                        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
                        "ORDER BY bm25(documents_fts), rowid");
    std::string match;
    for (std::string w : {std::string(q)}) {
      std::istringstream words(w);
      for (std::string x; words >> x;) match += (match.empty() ? "" : " AND ") + x;
    }
    s.bind(1, match);
    while (s.executeStep()) want.push_back(s.getColumn(0).getInt64());
    std::vector<std::int64_t> got;
    for (const auto& h : store_->Search(q, 50)) got.push_back(h.document.id);
    EXPECT_EQ(got, want) << q;
    EXPECT_FALSE(got.empty()) << q;
  }
  // "cai cach hanh chinh": only the documents holding all four words.
  std::set<std::string> numbers;
  for (const auto& h : store_->Search("cai cach hanh chinh")) numbers.insert(*h.document.number);
  EXPECT_EQ(numbers, (std::set<std::string>{"1", "2", "5", "7", "8"}));
}

TEST_F(StoreTest, SearchIgnoresDiacriticsIncludingD) {
  Document d = Doc("1", "QĐ-UBND", "2022-01-01", kTinh);
  d.subject = "phê duyệt Đề án Đẩy mạnh cải cách hành chính";
  d.text = "QUYẾT ĐỊNH\nPhê duyệt Đề án Đẩy mạnh cải cách hành chính giai đoạn 2022-2025";
  store_->Put(Rec("/a.txt", "ha", {d}));
  Document other = Doc("2", "QĐ-UBND", "2022-01-02", kTinh);
  other.text = "Thông báo lịch họp";
  store_->Put(Rec("/b.txt", "hb", {other}));

  auto hits = store_->Search("quyet dinh");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].document.number, "1");
  EXPECT_NE(hits[0].snippet.find("QUYẾT ĐỊNH"), std::string::npos);
  EXPECT_EQ(store_->Search("day manh cai cach").size(), 1u);  // đ folded to d
  EXPECT_EQ(store_->Search("ĐẨY MẠNH").size(), 1u);
  EXPECT_EQ(store_->Search("\"de an day manh\"").size(), 1u);  // phrase
  EXPECT_EQ(store_->Search("\"day de an\"").size(), 0u);
  EXPECT_EQ(store_->Search("lich hop").size(), 1u);
  EXPECT_TRUE(store_->Search("khong co chu nay").empty());
  EXPECT_TRUE(store_->Search("\" OR *").empty());  // FTS syntax in a query is just text
}

TEST_F(StoreTest, FailuresAreRecordedAndClearedBySuccess) {
  Record bad;
  bad.source.path = "/x/empty.txt";
  bad.source.sha256 = "e3b0";
  bad.error = StageError{"load", "the file is empty"};
  EXPECT_EQ(store_->Put(bad).kind, PutOutcome::Kind::kFailed);
  EXPECT_EQ(store_->Put(bad).kind, PutOutcome::Kind::kFailed);  // again: still one row
  auto failures = store_->Failures();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].path, "/x/empty.txt");
  EXPECT_EQ(failures[0].stage, "load");
  EXPECT_EQ(failures[0].message, "the file is empty");
  EXPECT_FALSE(failures[0].version.empty());
  EXPECT_FALSE(failures[0].at.empty());
  EXPECT_EQ(store_->Counts().documents, 0);

  store_->Put(Rec("/x/empty.txt", "now-full", {Doc("1", "QĐ-UBND", "2022-01-01", kTinh)}));
  EXPECT_TRUE(store_->Failures().empty());
}

TEST_F(StoreTest, BatchCommitsManyFilesAndRollsBackOnlyTheFailedOne) {
  store_->Begin();
  for (int i = 0; i < 50; ++i)
    store_->Put(Rec("/f" + std::to_string(i), "h" + std::to_string(i),
                    {Doc(std::to_string(i), "QĐ-UBND", "2022-01-01", kTinh)}));
  store_->Commit();
  EXPECT_EQ(store_->Counts().documents, 50);
  EXPECT_EQ(store_->Counts().files, 50);
}

TEST_F(StoreTest, SuggestsSameNumberOtherSymbols) {
  store_->Put(Rec("/a.txt", "ha", {Doc("2454", "QĐ-TTg", "2021-01-01", "Thủ tướng Chính phủ")}));
  EXPECT_TRUE(Find("2454/QĐ-UBND").empty());
  auto near = store_->Suggest(Keys()->ParseQuery("2454/QĐ-UBND"));
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0].symbol, "QĐ-TTg");
}

TEST(StoreHelpers, IssuerMatchKeyExpandsAndFolds) {
  EXPECT_EQ(IssuerMatchKey("UBND tỉnh Hà Tĩnh"), "uy ban nhan dan tinh ha tinh");
  EXPECT_EQ(IssuerMatchKey("Ủy ban nhân dân tỉnh Hà Tĩnh"), "uy ban nhan dan tinh ha tinh");
  EXPECT_EQ(IssuerMatchKey("HĐND xã Đức Lạc,"), "hoi dong nhan dan xa duc lac");
}

TEST(StoreHelpers, SentenceAroundStopsAtSentenceEnds) {
  std::string text =
      "Căn cứ Luật A;\nCăn cứ Quyết định số 12/QĐ-UBND ngày 1/2/2022 của UBND tỉnh;"
      "\nXét đề nghị.";
  std::size_t at = text.find("12/QĐ");
  EXPECT_EQ(SentenceAround(text, at, at + 11),
            "Căn cứ Quyết định số 12/QĐ-UBND ngày 1/2/2022 của UBND tỉnh;");
  EXPECT_EQ(SentenceAround(text, text.size() + 5, text.size() + 6), "");
}

}  // namespace
}  // namespace vanban
