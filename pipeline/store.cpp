#include "pipeline/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/Savepoint.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <mutex>
#include <set>
#include <unordered_set>

#include "pipeline/load.h"
#include "pipeline/record_json.h"
#include "pipeline/vntext.h"
#include "pipeline/wal_checkpointer.h"
#include "pipeline/worker.h"

#ifndef VANBAN_VERSION
#define VANBAN_VERSION "dev"
#endif

namespace vanban {
namespace {

using nlohmann::json;

// The WAL size, in pages, at which a checkpoint starts (64 MB of 4 KB pages).
constexpr int kCheckpointPages = 16384;

// Schema migrations, applied in order; PRAGMA user_version counts the ones applied.
// Never edit a released migration: append a new one.
const char* const kMigrations[] = {
    // 1: everything.
    R"sql(
CREATE TABLE files (
  path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX files_sha256 ON files(sha256);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  part INTEGER NOT NULL,
  node_id INTEGER,
  type TEXT, number TEXT, symbol TEXT, key TEXT,
  issuer TEXT, issuer_parent TEXT, place TEXT,
  date TEXT, year INTEGER, subject TEXT,
  draft INTEGER NOT NULL DEFAULT 0,
  source_json TEXT NOT NULL DEFAULT '{}',
  record_json TEXT NOT NULL,
  text TEXT,
  ingested_at TEXT NOT NULL,
  UNIQUE (sha256, part)
);
CREATE INDEX documents_node ON documents(node_id);

CREATE TABLE bodies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  match_key TEXT NOT NULL UNIQUE
);
CREATE TABLE document_bodies (
  document_id INTEGER NOT NULL,
  body_id INTEGER NOT NULL,
  role TEXT NOT NULL,          -- issuer | parent | recipient
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (document_id, role, body_id)
) WITHOUT ROWID;
CREATE INDEX document_bodies_body ON document_bodies(body_id, role);

-- A node is a stored document (document_id set) or a cited document not in the archive.
CREATE TABLE nodes (
  id INTEGER PRIMARY KEY,
  key TEXT,                    -- "2454/QĐ-UBND@2022"
  key_prefix TEXT,             -- "2454/QĐ-UBND": the key without @year
  year INTEGER,
  type TEXT, number TEXT, symbol TEXT, title TEXT, date TEXT,
  issuer TEXT,
  issuer_key TEXT NOT NULL DEFAULT '',
  document_id INTEGER UNIQUE
);
CREATE INDEX nodes_key ON nodes(key);
CREATE INDEX nodes_key_prefix ON nodes(key_prefix);
CREATE INDEX nodes_number_symbol ON nodes(number, symbol);

CREATE TABLE citations (
  id INTEGER PRIMARY KEY,
  from_document_id INTEGER NOT NULL,
  to_node_id INTEGER NOT NULL,
  relation TEXT NOT NULL,
  sentence TEXT,
  mentions TEXT NOT NULL DEFAULT '[]',
  key TEXT, type TEXT, number TEXT, symbol TEXT, date TEXT, year INTEGER,
  issuer TEXT, issuer_resolved TEXT, title TEXT
);
CREATE INDEX citations_to ON citations(to_node_id, from_document_id);
CREATE INDEX citations_from ON citations(from_document_id);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL,
  task_id TEXT,
  assignees TEXT NOT NULL DEFAULT '[]',
  lead TEXT,
  cooperating TEXT NOT NULL DEFAULT '[]',
  action TEXT NOT NULL,
  deadline_date TEXT, deadline_kind TEXT, deadline_text TEXT,
  recurrence TEXT, report_to TEXT,
  span_begin INTEGER, span_end INTEGER
);
CREATE INDEX tasks_deadline ON tasks(deadline_date);
CREATE INDEX tasks_document ON tasks(document_id);

CREATE TABLE failures (
  path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL,
  message TEXT NOT NULL,
  at TEXT NOT NULL,
  version TEXT NOT NULL
);

-- Folded (vanban::Fold) subject and text: "quyet dinh" finds "Quyết định", đ = d.
-- Contentless: the index only (documents.text keeps the original); a row is deleted with
-- the 'delete' command and the same folded values.
CREATE VIRTUAL TABLE documents_fts USING fts5(
  subject, body, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
)sql",
    // 2: a folded copy of each task's assignees, for `vanban tasks --assignee` (diacritics,
    // case and abbreviations ignored), and an index that serves "soonest deadline first".
    R"sql(
ALTER TABLE tasks ADD COLUMN assignee_keys TEXT NOT NULL DEFAULT '';
CREATE INDEX tasks_deadline_order ON tasks(deadline_date, id);
)sql",
    // 3: the same document scanned twice (same key, issuer and date; different bytes) is
    // stored as a duplicate of the first: no node, citations or tasks of its own.
    R"sql(
ALTER TABLE documents ADD COLUMN duplicate_of INTEGER;
CREATE INDEX documents_duplicate_of ON documents(duplicate_of) WHERE duplicate_of IS NOT NULL;
)sql",
};
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == Store::kSchemaVersion);

std::string NowUtc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void BindOpt(SQLite::Statement& s, int i, const std::optional<std::string>& v) {
  if (v)
    s.bind(i, *v);
  else
    s.bind(i);
}
void BindOpt(SQLite::Statement& s, int i, const std::optional<int>& v) {
  if (v)
    s.bind(i, *v);
  else
    s.bind(i);
}
std::optional<std::string> OptText(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}
std::optional<int> OptInt(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt();
}

std::optional<int> YearOf(const std::optional<std::string>& date) {
  if (!date || date->size() < 4) return std::nullopt;
  for (int i = 0; i < 4; ++i)
    if (!std::isdigit(static_cast<unsigned char>((*date)[i]))) return std::nullopt;
  return std::stoi(date->substr(0, 4));
}

// "2454/QĐ-UBND@2022" -> ("2454/QĐ-UBND", 2022); a key without a year -> (key, nullopt).
std::pair<std::string, std::optional<int>> SplitKey(const std::string& key) {
  auto at = key.rfind('@');
  if (at == std::string::npos) return {key, std::nullopt};
  std::string tail = key.substr(at + 1);
  if (tail.empty() || tail.size() > 4 || !std::all_of(tail.begin(), tail.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      }))
    return {key, std::nullopt};
  return {key.substr(0, at), std::stoi(tail)};
}

bool WordPrefix(const std::string& a, const std::string& b) {
  return b.size() > a.size() && b.compare(0, a.size(), a) == 0 && b[a.size()] == ' ';
}
// Two issuer match keys that may name the same body: equal, one unknown, or one the start
// of the other ("uy ban nhan dan tinh" and "uy ban nhan dan tinh ha tinh").
bool IssuerCompatible(const std::string& a, const std::string& b) {
  return a.empty() || b.empty() || a == b || WordPrefix(a, b) || WordPrefix(b, a);
}
bool YearCompatible(std::optional<int> a, std::optional<int> b) { return !a || !b || *a == *b; }

json StrListJson(const std::vector<std::string>& v) { return json(v); }

// JSON text for a column. Text that is not valid UTF-8 (a bug upstream) gets U+FFFD
// instead of throwing, so one bad string cannot stop an ingest.
std::string DumpJson(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
std::vector<std::string> StrListFrom(const std::string& s) {
  std::vector<std::string> out;
  auto j = json::parse(s, nullptr, false);
  if (j.is_array())
    for (const auto& e : j)
      if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

// Candidate nodes sharing a key prefix.
struct Candidate {
  std::int64_t id;
  std::optional<int> year;
  std::string issuer_key;
  std::optional<std::int64_t> document_id;
};

const char* kNodeColumns =
    "n.id, n.key, n.year, n.type, n.number, n.symbol, n.title, n.date, n.issuer, n.document_id, "
    "(SELECT count(*) FROM citations c WHERE c.to_node_id = n.id)";

NodeRow ReadNodeRow(SQLite::Statement& s) {
  NodeRow n;
  n.id = s.getColumn(0).getInt64();
  n.key = OptText(s.getColumn(1));
  n.year = OptInt(s.getColumn(2));
  n.type = OptText(s.getColumn(3));
  n.number = OptText(s.getColumn(4));
  n.symbol = OptText(s.getColumn(5));
  n.title = OptText(s.getColumn(6));
  n.date = OptText(s.getColumn(7));
  n.issuer = OptText(s.getColumn(8));
  if (!s.getColumn(9).isNull()) n.document_id = s.getColumn(9).getInt64();
  n.cited_by = s.getColumn(10).getInt();
  return n;
}

const char* kCitationColumns =
    "c.id, c.from_document_id, d.node_id, c.to_node_id, c.relation, c.sentence, c.mentions, "
    "c.key, c.type, c.number, c.symbol, c.date, c.issuer_resolved, c.issuer, c.title, c.year";

CitationRow ReadCitationRow(SQLite::Statement& s) {
  CitationRow c;
  c.id = s.getColumn(0).getInt64();
  c.from_document_id = s.getColumn(1).getInt64();
  c.from_node_id = s.getColumn(2).isNull() ? 0 : s.getColumn(2).getInt64();
  c.to_node_id = s.getColumn(3).getInt64();
  c.relation = s.getColumn(4).getString();
  c.sentence = OptText(s.getColumn(5));
  c.mentions_json = s.getColumn(6).getString();
  c.key = OptText(s.getColumn(7));
  c.type = OptText(s.getColumn(8));
  c.number = OptText(s.getColumn(9));
  c.symbol = OptText(s.getColumn(10));
  c.date = OptText(s.getColumn(11));
  c.issuer = OptText(s.getColumn(12));
  if (!c.issuer) c.issuer = OptText(s.getColumn(13));
  c.title = OptText(s.getColumn(14));
  c.year = OptInt(s.getColumn(15));
  return c;
}

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

// ---------------------------------------------------------------------------------------
// Free helpers

std::optional<std::string> DocumentKey(const CitationKeys& keys, const Document& doc) {
  if (!doc.number || doc.number->empty() || !doc.symbol || doc.symbol->empty()) return std::nullopt;
  std::string_view sep = doc.symbol->find('/') != std::string::npos ? "-" : "/";
  return keys.Numbered(*doc.number, sep, *doc.symbol, YearOf(doc.date));
}

// "|uy ban nhan dan huyen|uy ban nhan dan huyen son tay|": each assignee (and the lead)
// folded, and, where it names only a level ("UBND huyện"), also completed with the place
// of the same level in the issuer's name, so "Phòng Nội vụ" and "UBND huyện Sơn Tây"
// find the tasks of a document of huyện Sơn Tây.
// A task row whose first eleven columns are document_id, task_id, assignees, lead,
// cooperating, action, deadline_date, deadline_kind, deadline_text, recurrence, report_to.
static StoredTask ReadTask(SQLite::Statement& s) {
  StoredTask t;
  t.document_id = s.getColumn(0).getInt64();
  t.task_id = OptText(s.getColumn(1));
  t.assignees = StrListFrom(s.getColumn(2).getString());
  t.lead = OptText(s.getColumn(3));
  t.cooperating = StrListFrom(s.getColumn(4).getString());
  t.action = s.getColumn(5).getString();
  t.deadline_date = OptText(s.getColumn(6));
  t.deadline_kind = OptText(s.getColumn(7));
  t.deadline_text = OptText(s.getColumn(8));
  t.recurrence = OptText(s.getColumn(9));
  t.report_to = OptText(s.getColumn(10));
  return t;
}

static std::string AssigneeKeys(const Task& t, const Document& doc) {
  static const std::vector<std::string> kLevels = {"huyen", "xa", "tinh", "thi xa", "quan",
                                                   "phuong", "thi tran", "thanh pho"};
  std::string issuer = " " + IssuerMatchKey(doc.issuer.name.value_or("")) + " " +
                       IssuerMatchKey(doc.issuer.parent.value_or("")) + " ";
  std::string out = "|";
  std::vector<std::string> names = t.assignees;
  if (t.lead) names.push_back(*t.lead);
  for (const auto& a : names) {
    std::string k = IssuerMatchKey(a);
    out += k + "|";
    for (const auto& level : kLevels) {
      if (k.size() < level.size() + 1 || k.compare(k.size() - level.size(), level.size(), level) != 0 ||
          k[k.size() - level.size() - 1] != ' ')
        continue;
      std::size_t at = issuer.find(" " + level + " ");
      if (at == std::string::npos) continue;
      std::size_t place_begin = at + level.size() + 2;
      std::size_t place_end = issuer.find("  ", place_begin);
      std::string place = issuer.substr(place_begin, place_end == std::string::npos
                                                         ? std::string::npos
                                                         : place_end - place_begin);
      while (!place.empty() && place.back() == ' ') place.pop_back();
      if (!place.empty()) out += k + " " + place + "|";
      break;
    }
  }
  return out;
}

std::string IssuerMatchKey(std::string_view issuer) {
  static const std::vector<std::pair<std::string, std::string>> kAbbreviations = {
      {"ubnd", "uy ban nhan dan"},
      {"hdnd", "hoi dong nhan dan"},
      {"ubmttq", "uy ban mat tran to quoc"},
      {"mttq", "mat tran to quoc"},
      {"bcd", "ban chi dao"},
      {"cchc", "cai cach hanh chinh"},
      {"bch", "ban chap hanh"},
      {"btv", "ban thuong vu"},
      {"tw", "trung uong"},
      {"tp", "thanh pho"},
  };
  std::string folded = Fold(issuer);
  for (char& c : folded)
    if (static_cast<unsigned char>(c) < 0x80 && !std::isalnum(static_cast<unsigned char>(c)))
      c = ' ';
  std::string out;
  for (const std::string& w : SplitWords(folded)) {
    if (!out.empty()) out += ' ';
    auto it = std::find_if(kAbbreviations.begin(), kAbbreviations.end(),
                           [&](const auto& p) { return p.first == w; });
    out += it == kAbbreviations.end() ? w : it->second;
  }
  return out;
}

std::string FoldForSearch(const Document& doc) { return Fold(doc.text); }

std::string SentenceAround(std::string_view text, std::size_t begin, std::size_t end) {
  constexpr std::size_t kReach = 240;
  if (begin >= text.size()) return "";
  end = std::clamp(end, begin, text.size());
  auto stop = [&](std::size_t i) {
    char c = text[i];
    if (c == '\n' || c == ';') return true;
    if (c == '.')
      return i + 1 >= text.size() || std::isspace(static_cast<unsigned char>(text[i + 1]));
    return false;
  };
  std::size_t b = begin;
  while (b > 0 && begin - b < kReach && !stop(b - 1)) --b;
  while (b < begin && IsUtf8Continuation(text[b])) ++b;
  std::size_t e = end;
  while (e < text.size() && e - end < kReach && !stop(e)) ++e;
  if (e < text.size() && stop(e) && text[e] != '\n') ++e;  // keep the closing '.' or ';'
  while (e > end && e < text.size() && IsUtf8Continuation(text[e])) --e;
  return Squash(text.substr(b, e - b));
}

std::string NodeRow::Label() const {
  if (key) {
    auto [prefix, y] = SplitKey(*key);
    auto colon = prefix.find(':');
    if (!number && title && colon != std::string::npos) prefix = *title;
    return y ? prefix + " (" + std::to_string(*y) + ")" : prefix;
  }
  if (title) return *title;
  return "văn bản #" + std::to_string(document_id.value_or(id));
}

std::string DocumentRow::Label() const {
  std::string s = type.value_or("Văn bản");
  if (number || symbol) s += " số " + number.value_or("…") + "/" + symbol.value_or("…");
  return s;
}

// ---------------------------------------------------------------------------------------
// Opening and schema

Store::Store(std::string path, std::unique_ptr<SQLite::Database> db,
             std::shared_ptr<const CitationKeys> keys)
    : path_(std::move(path)), db_(std::move(db)), keys_(std::move(keys)) {}

namespace {

// vanban_bm25(documents_fts, df1, df2, ...): FTS5's own bm25 (fts5_aux.c: k1 = 1.2,
// b = 0.75, every column weight 1, higher is better here), except that the number of rows
// holding each phrase comes in as an argument instead of being counted. FTS5's bm25
// counts them by walking every row of every phrase once per query, which for a query with
// common words ("nhiem vu so 523411") walked three lists of a million rows to rank the one
// document that matched. Store::Search passes exact counts when a phrase is in fewer than
// kDfSample rows, an estimate otherwise; the weights are IDFs, so an estimate moves little.
struct Bm25Data {
  std::vector<double> idf;
  double avgdl = 1;
};

void Bm25Free(void* p) { delete static_cast<Bm25Data*>(p); }

void VanbanBm25(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int n_args,
                sqlite3_value** args) {
  auto* data = static_cast<Bm25Data*>(api->xGetAuxdata(fts, 0));
  const int phrases = api->xPhraseCount(fts);
  if (!data) {
    data = new Bm25Data;
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) {
      delete data;
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    data->avgdl = rows > 0 && tokens > 0 ? static_cast<double>(tokens) / rows : 1.0;
    for (int i = 0; i < phrases; ++i) {
      double hit = i < n_args ? sqlite3_value_double(args[i]) : 1.0;
      hit = std::clamp(hit, 0.0, static_cast<double>(rows));
      double idf = std::log((rows - hit + 0.5) / (hit + 0.5));
      data->idf.push_back(idf <= 0 ? 1e-6 : idf);
    }
    if (int rc2 = api->xSetAuxdata(fts, data, Bm25Free); rc2 != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc2);
      return;
    }
  }
  std::vector<double> freq(static_cast<std::size_t>(phrases), 0.0);
  int inst = 0;
  if (int rc = api->xInstCount(fts, &inst); rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  for (int i = 0; i < inst; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (api->xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK && phrase >= 0 &&
        phrase < phrases)
      freq[static_cast<std::size_t>(phrase)] += 1.0;
  }
  int size = 0;
  api->xColumnSize(fts, -1, &size);
  const double k1 = 1.2, b = 0.75, d = size;
  double score = 0;
  for (int i = 0; i < phrases && i < static_cast<int>(data->idf.size()); ++i)
    score += data->idf[static_cast<std::size_t>(i)] *
             ((freq[i] * (k1 + 1.0)) / (freq[i] + k1 * (1 - b + b * d / data->avgdl)));
  sqlite3_result_double(ctx, score);
}

// Registers vanban_bm25 on a connection (FTS5's documented way to reach its API).
void RegisterRanking(SQLite::Database& db) {
  sqlite3* handle = db.getHandle();
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return;
  sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  if (api && api->iVersion >= 2)
    api->xCreateFunction(api, "vanban_bm25", nullptr, &VanbanBm25, nullptr);
}

// Rows sampled to count a phrase: below this the count is exact, above it estimated from
// how far into the rowids the sample reached.
constexpr int kDfSample = 4000;

}  // namespace

Store::~Store() {
  checkpointer_.reset();  // before the connection it hooks into
  statements_.clear();  // statements must go before the connection
  if (in_batch_) {
    try {
      db_->exec("ROLLBACK");
    } catch (const std::exception&) {
    }
  }
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, Mode mode,
                                           std::shared_ptr<const CitationKeys> keys) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (mode != Mode::kCreate && path != ":memory:" && !fs::exists(path, ec))
    return StageError{"store", "no database at " + path + " — run `vanban ingest FOLDER` first"};
  // SQLite's memory statistics take a global mutex on every allocation; nothing here reads
  // them (SQLite's recommended options turn them off). Only possible before SQLite starts;
  // later calls fail harmlessly.
  static std::once_flag no_memstatus;
  std::call_once(no_memstatus, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  std::unique_ptr<SQLite::Database> db;
  const bool read_only = mode == Mode::kReadOnly;
  try {
    int flags = read_only ? SQLite::OPEN_READONLY
                          : SQLite::OPEN_READWRITE | (mode == Mode::kCreate ? SQLite::OPEN_CREATE : 0);
    db = std::make_unique<SQLite::Database>(path, flags, /*busyTimeoutMs=*/10000);
    // The journal mode is stored in the file; a reader takes whatever the writers set.
    if (!read_only) db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");
    db->exec("PRAGMA temp_store = MEMORY");
    db->exec("PRAGMA cache_size = -65536");
    // Checkpoint every 64 MB of WAL instead of 4 MB: a bulk ingest copied its pages into
    // the database 16 times as often (sqlite3WalCheckpoint and pwrite in the profile).
    // A batch writer on a file checkpoints on a thread of its own instead (Store::Begin).
    if (!read_only) db->exec("PRAGMA wal_autocheckpoint = " + std::to_string(kCheckpointPages));
  } catch (const SQLite::Exception& e) {
    return StageError{"store", "cannot open database " + path + ": " + e.what()};
  }
  RegisterRanking(*db);
  std::unique_ptr<Store> store(new Store(path, std::move(db), std::move(keys)));
  try {
    int version = store->SchemaVersion();
    if (version > kSchemaVersion)
      return StageError{"store", path + " was written by a newer vanban (schema " +
                                     std::to_string(version) + ", this one knows " +
                                     std::to_string(kSchemaVersion) + "); upgrade vanban"};
    if (version == 0 && mode != Mode::kCreate) {
      bool empty = store->db_->execAndGet("SELECT count(*) FROM sqlite_schema").getInt() == 0;
      if (!empty || read_only) return StageError{"store", path + " is not a vanban database"};
    }
    if (read_only) {
      if (version < kSchemaVersion)
        return StageError{"store", path + " was written by an older vanban (schema " +
                                       std::to_string(version) +
                                       "); run `vanban ingest` on it once to upgrade it"};
      return store;
    }
    store->Migrate();
  } catch (const SQLite::Exception& e) {
    return StageError{"store", path + " is not a vanban database (" + e.what() + ")"};
  }
  return store;
}

int Store::SchemaVersion() { return db_->execAndGet("PRAGMA user_version").getInt(); }

void Store::Migrate() {
  int version = SchemaVersion();
  for (int i = version; i < kMigrationCount; ++i) {
    SQLite::Transaction tx(*db_);
    db_->exec(kMigrations[i]);
    db_->exec("PRAGMA user_version = " + std::to_string(i + 1));
    tx.commit();
  }
}

SQLite::Statement& Store::Prepared(const char* sql) {
  auto& slot = statements_[sql];
  if (!slot) {
    slot = std::make_unique<SQLite::Statement>(*db_, sql);
  } else {
    slot->reset();
    slot->clearBindings();
  }
  return *slot;
}

void Store::ResetStatements() {
  // No read is left open across a commit.
  for (auto& [sql, s] : statements_) s->reset();
}

void Store::Begin() {
  if (in_batch_) return;
  // A batch writer (ingest, watch, load) checkpoints on a thread of its own; queries and
  // single Puts keep SQLite's own auto-checkpoint.
  if (!checkpointer_ && path_ != ":memory:" && !path_.empty() && path_.rfind("file:", 0) != 0) {
    try {
      checkpointer_ = std::make_unique<WalCheckpointer>(db_->getHandle(), path_, kCheckpointPages,
                                                        4 * kCheckpointPages);
    } catch (const SQLite::Exception& e) {  // SQLite's own auto-checkpoint stays on
      spdlog::debug("{}: no background checkpoints: {}", path_, e.what());
    }
  }
  db_->exec("BEGIN IMMEDIATE");
  in_batch_ = true;
}

void Store::Commit() {
  if (!in_batch_) return;
  try {
    FlushSearchRows();
    ResetStatements();
    db_->exec("COMMIT");
  } catch (...) {
    pending_search_.clear();
    body_ids_.clear();
    try {
      ResetStatements();
      db_->exec("ROLLBACK");
    } catch (const std::exception&) {
    }
    in_batch_ = false;
    throw;
  }
  in_batch_ = false;
}

void Store::FlushSearchRows() {
  auto& fts = Prepared("INSERT INTO documents_fts(rowid, subject, body) VALUES(?, ?, ?)");
  for (const SearchRow& row : pending_search_) {
    fts.reset();
    fts.bind(1, row.rowid);
    fts.bind(2, row.subject);
    fts.bind(3, row.body);
    fts.exec();
  }
  pending_search_.clear();
}

// ---------------------------------------------------------------------------------------
// Writing

std::optional<std::string> Store::StoredHash(const std::string& path) {
  auto& s = Prepared("SELECT sha256 FROM files WHERE path = ?");
  s.bind(1, path);
  if (s.executeStep()) return s.getColumn(0).getString();
  return std::nullopt;
}

std::unordered_map<std::string, std::string> Store::StoredHashes() {
  std::unordered_map<std::string, std::string> out;
  SQLite::Statement s(*db_, "SELECT path, sha256 FROM files");
  while (s.executeStep()) out.emplace(s.getColumn(0).getString(), s.getColumn(1).getString());
  return out;
}

bool Store::HasContent(const std::string& sha256) {
  auto& s = Prepared("SELECT 1 FROM files WHERE sha256 = ? LIMIT 1");
  s.bind(1, sha256);
  return s.executeStep();
}

void Store::LinkPath(const std::string& path, const std::string& sha256) {
  auto old = StoredHash(path);
  auto& s = Prepared(
      "INSERT INTO files(path, sha256, ingested_at) VALUES(?, ?, ?) "
      "ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, ingested_at = "
      "excluded.ingested_at");
  s.bind(1, path);
  s.bind(2, sha256);
  s.bind(3, NowUtc());
  s.exec();
  auto& clear = Prepared("DELETE FROM failures WHERE path = ?");
  clear.bind(1, path);
  clear.exec();
  if (old && *old != sha256) DropContentIfOrphan(*old);
}

PutOutcome Store::Put(const Record& record) { return Put(Prepare(record)); }

PreparedRecord Store::Prepare(Record record) const {
  PreparedRecord p;
  if (!record.error) {
    if (record.source.sha256.empty()) record.source.sha256 = Sha256Hex(ToJsonLine(record, true));
    p.source_json = DumpJson(ToJson(Record{record.source, std::nullopt, {}})["source"]);
    for (const Document& doc : record.documents) {
      PreparedRecord::Doc d;
      if (keys_) d.key = DocumentKey(*keys_, doc);
      d.date_year = YearOf(doc.date);
      d.year = d.date_year;
      if (d.key) {
        auto [prefix, y] = SplitKey(*d.key);
        d.key_prefix = prefix;
        if (y) d.year = y;
      }
      d.issuer_key = IssuerMatchKey(doc.issuer.name.value_or(""));
      d.record_json = DumpJson(ToJson(doc, /*with_text=*/false));
      d.folded_subject = Fold(doc.subject.value_or(""));
      d.folded_body = FoldForSearch(doc);
      auto body = [&](const std::string& name, const char* role, int position) {
        std::string k = IssuerMatchKey(name);
        if (!k.empty()) d.bodies.push_back({name, std::move(k), role, position});
      };
      if (doc.issuer.name) body(*doc.issuer.name, "issuer", 0);
      if (doc.issuer.parent) body(*doc.issuer.parent, "parent", 0);
      for (std::size_t i = 0; i < doc.recipients.size(); ++i)
        body(doc.recipients[i], "recipient", static_cast<int>(i));
      for (std::size_t i = 0; i < doc.citations.size(); ++i) {
        const Citation& c = doc.citations[i];
        std::optional<std::string> ckey = c.key;
        if ((!ckey || ckey->empty()) && keys_) {
          if (c.number && c.symbol) {
            std::string_view sep = c.symbol->find('/') != std::string::npos ? "-" : "/";
            ckey = keys_->Numbered(*c.number, sep, *c.symbol, c.year ? c.year : YearOf(c.date));
          } else if (c.title && c.type && c.year) {
            ckey = keys_->Titled(*c.type, *c.title, *c.year);
          }
        }
        if (!ckey || ckey->empty()) continue;
        PreparedRecord::Cite pc;
        pc.index = i;
        pc.key = *ckey;
        auto [prefix, y] = SplitKey(pc.key);
        pc.key_prefix = prefix;
        pc.year = y ? y : (c.year ? c.year : YearOf(c.date));
        pc.issuer = c.issuer_resolved ? c.issuer_resolved : c.issuer;
        pc.issuer_key = IssuerMatchKey(pc.issuer.value_or(""));
        json mentions = json::array();
        for (const Span& m : c.mentions) mentions.push_back({m.begin, m.end});
        pc.mentions_json = DumpJson(mentions);
        if (!c.mentions.empty() && !doc.text.empty()) {
          std::string st = SentenceAround(doc.text, c.mentions[0].begin, c.mentions[0].end);
          if (!st.empty()) pc.sentence = std::move(st);
        }
        d.citations.push_back(std::move(pc));
      }
      for (const Task& t : doc.tasks)
        d.tasks.push_back({DumpJson(StrListJson(t.assignees)), DumpJson(StrListJson(t.cooperating)),
                           AssigneeKeys(t, doc)});
      p.documents.push_back(std::move(d));
    }
  }
  p.record = std::move(record);
  return p;
}

PutOutcome Store::Put(const PreparedRecord& prepared) {
  const Record& record = prepared.record;
  const std::string& path = record.source.path;
  const std::string& sha = record.source.sha256;
  std::optional<SQLite::Transaction> tx;
  if (!in_batch_) tx.emplace(*db_);
  const std::size_t search_mark = pending_search_.size();
  PutOutcome out;
  try {
    SQLite::Savepoint savepoint(*db_, "put_file");
    if (record.error) {
      RemovePath(path);
      RecordFailure(path, record.source.sha256, *record.error);
      out.kind = PutOutcome::Kind::kFailed;
    } else {
      auto old = StoredHash(path);
      if (old && *old == sha) {
        out.kind = PutOutcome::Kind::kUnchanged;
        auto& clear = Prepared("DELETE FROM failures WHERE path = ?");
        clear.bind(1, path);
        clear.exec();
      } else if (HasContent(sha)) {
        LinkPath(path, sha);
        out.kind = PutOutcome::Kind::kLinked;
      } else {
        std::string now = NowUtc();
        for (std::size_t i = 0; i < record.documents.size(); ++i) {
          StoreDocument(record.documents[i], prepared.documents[i], sha, prepared.source_json, now,
                        out);
          ++out.documents;
        }
        LinkPath(path, sha);
        out.kind = PutOutcome::Kind::kStored;
      }
    }
    savepoint.release();
  } catch (...) {
    pending_search_.resize(search_mark);
    body_ids_.clear();
    throw;
  }
  if (tx) {
    try {
      FlushSearchRows();
      ResetStatements();
      tx->commit();
    } catch (...) {
      pending_search_.clear();
      body_ids_.clear();
      throw;
    }
  }
  return out;
}

void Store::RecordFailure(const std::string& path, const std::string& sha256,
                          const StageError& error) {
  auto& s = Prepared(
      "INSERT OR REPLACE INTO failures(path, sha256, stage, message, at, version) "
      "VALUES(?, ?, ?, ?, ?, ?)");
  s.bind(1, path);
  s.bind(2, sha256);
  s.bind(3, error.stage);
  s.bind(4, error.message);
  s.bind(5, NowUtc());
  s.bind(6, ToolVersions());
  s.exec();
}

std::vector<FailureRow> Store::Failures() {
  std::vector<FailureRow> out;
  SQLite::Statement s(
      *db_, "SELECT path, sha256, stage, message, at, version FROM failures ORDER BY path");
  while (s.executeStep())
    out.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(),
                   s.getColumn(2).getString(), s.getColumn(3).getString(),
                   s.getColumn(4).getString(), s.getColumn(5).getString()});
  return out;
}

void Store::RemovePath(const std::string& path) {
  auto old = StoredHash(path);
  if (!old) return;
  auto& s = Prepared("DELETE FROM files WHERE path = ?");
  s.bind(1, path);
  s.exec();
  DropContentIfOrphan(*old);
}

void Store::DropContentIfOrphan(const std::string& sha256) {
  if (HasContent(sha256)) return;
  std::vector<std::int64_t> ids;
  {
    auto& s = Prepared("SELECT id FROM documents WHERE sha256 = ?");
    s.bind(1, sha256);
    while (s.executeStep()) ids.push_back(s.getColumn(0).getInt64());
  }
  for (auto id : ids) DeleteDocument(id);
}

void Store::DeleteDocument(std::int64_t document_id) {
  std::int64_t node = 0;
  {
    auto& s = Prepared("SELECT node_id FROM documents WHERE id = ?");
    s.bind(1, document_id);
    if (s.executeStep() && !s.getColumn(0).isNull()) node = s.getColumn(0).getInt64();
  }
  bool duplicate = false;
  {
    auto& s = Prepared("SELECT duplicate_of IS NOT NULL FROM documents WHERE id = ?");
    s.bind(1, document_id);
    if (s.executeStep()) duplicate = s.getColumn(0).getInt() != 0;
  }
  if (duplicate) node = 0;  // the node belongs to the first copy
  // Its later copies stand alone again (they keep no node, citations or tasks).
  {
    auto& s = Prepared("UPDATE documents SET duplicate_of = NULL, node_id = NULL WHERE duplicate_of = ?");
    s.bind(1, document_id);
    s.exec();
  }
  std::vector<std::int64_t> targets;
  {
    auto& s = Prepared("SELECT to_node_id FROM citations WHERE from_document_id = ?");
    s.bind(1, document_id);
    while (s.executeStep()) targets.push_back(s.getColumn(0).getInt64());
  }
  auto pending = std::find_if(pending_search_.begin(), pending_search_.end(),
                              [&](const SearchRow& r) { return r.rowid == document_id; });
  if (pending != pending_search_.end()) {
    pending_search_.erase(pending);
  } else if (!duplicate) {
    auto& text =
        Prepared("SELECT coalesce(subject, ''), coalesce(text, '') FROM documents WHERE id = ?");
    text.bind(1, document_id);
    if (text.executeStep()) {
      std::string subject = Fold(text.getColumn(0).getString());
      std::string body = Fold(text.getColumn(1).getString());
      text.reset();
      auto& del = Prepared(
          "INSERT INTO documents_fts(documents_fts, rowid, subject, body) "
          "VALUES('delete', ?, ?, ?)");
      del.bind(1, document_id);
      del.bind(2, subject);
      del.bind(3, body);
      del.exec();
    }
  }
  for (const char* sql : {"DELETE FROM citations WHERE from_document_id = ?",
                          "DELETE FROM tasks WHERE document_id = ?",
                          "DELETE FROM document_bodies WHERE document_id = ?",
                          "DELETE FROM documents WHERE id = ?"}) {
    auto& s = Prepared(sql);
    s.bind(1, document_id);
    s.exec();
  }
  // Unresolved targets nobody cites any more go; the document's own node stays as an
  // unresolved node while others still cite it.
  auto& drop = Prepared(
      "DELETE FROM nodes WHERE id = ? AND document_id IS NULL AND "
      "NOT EXISTS (SELECT 1 FROM citations WHERE to_node_id = ?)");
  for (auto t : targets) {
    drop.reset();
    drop.bind(1, t);
    drop.bind(2, t);
    drop.exec();
  }
  if (node) {
    auto& u = Prepared("UPDATE nodes SET document_id = NULL WHERE id = ?");
    u.bind(1, node);
    u.exec();
    drop.reset();
    drop.bind(1, node);
    drop.bind(2, node);
    drop.exec();
  }
}

void Store::LinkBody(std::int64_t document_id, const PreparedRecord::Body& body) {
  auto it = body_ids_.find(body.match_key);
  if (it == body_ids_.end()) {
    auto& find = Prepared("SELECT id FROM bodies WHERE match_key = ?");
    find.bind(1, body.match_key);
    std::int64_t id = 0;
    if (find.executeStep()) {
      id = find.getColumn(0).getInt64();
      find.reset();
    } else {
      find.reset();
      auto& ins = Prepared("INSERT INTO bodies(name, match_key) VALUES(?, ?)");
      ins.bind(1, body.name);
      ins.bind(2, body.match_key);
      ins.exec();
      id = db_->getLastInsertRowid();
    }
    it = body_ids_.emplace(body.match_key, id).first;
  }
  auto& link = Prepared(
      "INSERT OR IGNORE INTO document_bodies(document_id, body_id, role, position) "
      "VALUES(?, ?, ?, ?)");
  link.bind(1, document_id);
  link.bind(2, it->second);
  link.bind(3, body.role);
  link.bind(4, body.position);
  link.exec();
}

std::int64_t Store::StoreDocument(const Document& doc, const PreparedRecord::Doc& prep,
                                  const std::string& sha, const std::string& source_json,
                                  const std::string& now, PutOutcome& out) {
  // The same document scanned twice: same key (with its year), same issuer, same date.
  std::optional<std::int64_t> first_copy;
  std::int64_t first_node = 0;
  if (prep.key && SplitKey(*prep.key).second && !prep.issuer_key.empty() && doc.date) {
    auto& dup = Prepared(
        "SELECT d.id, n.id FROM nodes n JOIN documents d ON d.id = n.document_id "
        "WHERE n.key = ? AND n.issuer_key = ? AND d.date = ? LIMIT 1");
    dup.bind(1, *prep.key);
    dup.bind(2, prep.issuer_key);
    dup.bind(3, *doc.date);
    if (dup.executeStep()) {
      first_copy = dup.getColumn(0).getInt64();
      first_node = dup.getColumn(1).getInt64();
    }
    dup.reset();
  }
  auto& s = Prepared(
      "INSERT INTO documents(sha256, part, type, number, symbol, key, issuer, issuer_parent, "
      "place, date, year, subject, draft, source_json, record_json, text, ingested_at, "
      "duplicate_of, node_id) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, sha);
  s.bind(2, doc.part);
  BindOpt(s, 3, doc.type);
  BindOpt(s, 4, doc.number);
  BindOpt(s, 5, doc.symbol);
  BindOpt(s, 6, prep.key);
  BindOpt(s, 7, doc.issuer.name);
  BindOpt(s, 8, doc.issuer.parent);
  BindOpt(s, 9, doc.place);
  BindOpt(s, 10, doc.date);
  BindOpt(s, 11, prep.date_year);
  BindOpt(s, 12, doc.subject);
  s.bind(13, doc.draft ? 1 : 0);
  s.bind(14, source_json);
  s.bind(15, prep.record_json);
  s.bind(16, doc.text);
  s.bind(17, now);
  if (first_copy) {
    s.bind(18, *first_copy);
    s.bind(19, first_node);
  }
  s.exec();
  std::int64_t id = db_->getLastInsertRowid();
  if (first_copy) {
    ++out.duplicates;
    return id;
  }

  pending_search_.push_back({id, prep.folded_subject, prep.folded_body});

  for (const auto& body : prep.bodies) LinkBody(id, body);

  std::int64_t node = NodeForDocument(id, doc, prep);
  auto& set_node = Prepared("UPDATE documents SET node_id = ? WHERE id = ?");
  set_node.bind(1, node);
  set_node.bind(2, id);
  set_node.exec();

  std::set<std::int64_t> cited;  // each distinct cited node once
  auto& ins = Prepared(
      "INSERT INTO citations(from_document_id, to_node_id, relation, sentence, mentions, key, "
      "type, number, symbol, date, year, issuer, issuer_resolved, title) "
      "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const auto& pc : prep.citations) {
    const Citation& c = doc.citations[pc.index];
    auto to = NodeForCitation(c, pc, node);
    if (!to || !cited.insert(*to).second) continue;
    ins.reset();
    ins.clearBindings();
    ins.bind(1, id);
    ins.bind(2, *to);
    ins.bind(3, c.relation);
    BindOpt(ins, 4, pc.sentence);
    ins.bind(5, pc.mentions_json);
    ins.bind(6, pc.key);
    BindOpt(ins, 7, c.type);
    BindOpt(ins, 8, c.number);
    BindOpt(ins, 9, c.symbol);
    BindOpt(ins, 10, c.date);
    BindOpt(ins, 11, c.year ? c.year : YearOf(c.date));
    BindOpt(ins, 12, c.issuer);
    BindOpt(ins, 13, c.issuer_resolved);
    BindOpt(ins, 14, c.title);
    ins.exec();
    ++out.citations;
  }

  auto& task = Prepared(
      "INSERT INTO tasks(document_id, task_id, assignees, lead, cooperating, action, "
      "deadline_date, deadline_kind, deadline_text, recurrence, report_to, span_begin, "
      "span_end, assignee_keys) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (std::size_t i = 0; i < doc.tasks.size(); ++i) {
    const Task& t = doc.tasks[i];
    const auto& pt = prep.tasks[i];
    task.reset();
    task.clearBindings();
    task.bind(1, id);
    BindOpt(task, 2, t.id);
    task.bind(3, pt.assignees_json);
    BindOpt(task, 4, t.lead);
    task.bind(5, pt.cooperating_json);
    task.bind(6, t.action);
    if (t.deadline) {
      BindOpt(task, 7, t.deadline->date);
      task.bind(8, t.deadline->kind);
      task.bind(9, t.deadline->text);
    }
    BindOpt(task, 10, t.recurrence);
    BindOpt(task, 11, t.report_to);
    task.bind(12, static_cast<std::int64_t>(t.span.begin));
    task.bind(13, static_cast<std::int64_t>(t.span.end));
    task.bind(14, pt.assignee_keys);
    task.exec();
    ++out.tasks;
  }
  return id;
}

std::int64_t Store::NodeForDocument(std::int64_t document_id, const Document& doc,
                                    const PreparedRecord::Doc& prep) {
  const std::string& issuer_key = prep.issuer_key;
  const std::optional<std::string>& key = prep.key;
  const std::optional<std::string>& prefix = prep.key_prefix;
  std::optional<int> year = prep.year;
  if (key) {
    const std::string& p = *prefix;
    std::vector<Candidate> cands;
    auto& s = Prepared("SELECT id, year, issuer_key, document_id FROM nodes WHERE key_prefix = ?");
    s.bind(1, p);
    while (s.executeStep()) {
      Candidate c{s.getColumn(0).getInt64(), OptInt(s.getColumn(1)), s.getColumn(2).getString(),
                  std::nullopt};
      if (!s.getColumn(3).isNull()) c.document_id = s.getColumn(3).getInt64();
      if (YearCompatible(c.year, year) && IssuerCompatible(c.issuer_key, issuer_key))
        cands.push_back(c);
    }
    s.reset();
    std::vector<Candidate> unresolved;
    bool competitor = false;
    for (const auto& c : cands) (c.document_id ? competitor = true : (unresolved.push_back(c), 0));
    std::optional<std::int64_t> pick;
    for (const auto& c : unresolved)
      if (c.issuer_key == issuer_key && (!c.year || c.year == year)) pick = c.id;
    if (!pick && unresolved.size() == 1 && !competitor) pick = unresolved[0].id;
    if (pick) {
      // The cited node becomes this document. Other unresolved nodes naming exactly this
      // document (same issuer) merge into it.
      auto& u = Prepared(
          "UPDATE nodes SET document_id = ?, key = coalesce(?, key), year = coalesce(?, year), "
          "type = ?, number = ?, symbol = ?, date = coalesce(?, date), issuer = coalesce(?, "
          "issuer), issuer_key = CASE WHEN ? = '' THEN issuer_key ELSE ? END WHERE id = ?");
      u.bind(1, document_id);
      BindOpt(u, 2, SplitKey(*key).second ? key : std::nullopt);
      BindOpt(u, 3, year);
      BindOpt(u, 4, doc.type);
      BindOpt(u, 5, doc.number);
      BindOpt(u, 6, doc.symbol);
      BindOpt(u, 7, doc.date);
      BindOpt(u, 8, doc.issuer.name);
      u.bind(9, issuer_key);
      u.bind(10, issuer_key);
      u.bind(11, *pick);
      u.exec();
      for (const auto& c : unresolved) {
        if (c.id == *pick || c.issuer_key != issuer_key || issuer_key.empty()) continue;
        auto& m = Prepared("UPDATE citations SET to_node_id = ? WHERE to_node_id = ?");
        m.bind(1, *pick);
        m.bind(2, c.id);
        m.exec();
        auto& d = Prepared("DELETE FROM nodes WHERE id = ?");
        d.bind(1, c.id);
        d.exec();
      }
      return *pick;
    }
  }
  auto& ins = Prepared(
      "INSERT INTO nodes(key, key_prefix, year, type, number, symbol, title, date, issuer, "
      "issuer_key, document_id) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  BindOpt(ins, 1, key);
  BindOpt(ins, 2, prefix);
  BindOpt(ins, 3, year);
  BindOpt(ins, 4, doc.type);
  BindOpt(ins, 5, doc.number);
  BindOpt(ins, 6, doc.symbol);
  BindOpt(ins, 7, key ? std::nullopt : doc.subject);
  BindOpt(ins, 8, doc.date);
  BindOpt(ins, 9, doc.issuer.name);
  ins.bind(10, issuer_key);
  ins.bind(11, document_id);
  ins.exec();
  return db_->getLastInsertRowid();
}

std::optional<std::int64_t> Store::NodeForCitation(const Citation& c,
                                                   const PreparedRecord::Cite& prep,
                                                   std::int64_t own_node) {
  const std::string& key = prep.key;
  const std::string& prefix = prep.key_prefix;
  std::optional<int> year = prep.year;
  const std::optional<std::string>& issuer = prep.issuer;
  const std::string& issuer_key = prep.issuer_key;
  std::vector<Candidate> cands;
  auto& s = Prepared("SELECT id, year, issuer_key, document_id FROM nodes WHERE key_prefix = ?");
  s.bind(1, prefix);
  while (s.executeStep()) {
    Candidate cand{s.getColumn(0).getInt64(), OptInt(s.getColumn(1)), s.getColumn(2).getString(),
                   std::nullopt};
    if (!s.getColumn(3).isNull()) cand.document_id = s.getColumn(3).getInt64();
    if (YearCompatible(cand.year, year) && IssuerCompatible(cand.issuer_key, issuer_key))
      cands.push_back(cand);
  }
  s.reset();
  std::optional<Candidate> pick;
  for (const auto& cand : cands)  // exact: same issuer, same year; stored documents first
    if (cand.issuer_key == issuer_key && cand.year == year &&
        (!pick || (!pick->document_id && cand.document_id)))
      pick = cand;
  if (!pick && cands.size() == 1) pick = cands[0];
  if (!pick) {
    std::vector<Candidate> stored;
    for (const auto& cand : cands)
      if (cand.document_id) stored.push_back(cand);
    if (stored.size() == 1) pick = stored[0];
  }
  if (pick) {
    if (pick->id == own_node) return std::nullopt;  // a document never cites itself
    // A more specific issuer for a node still unresolved: "UBND tỉnh" -> "… tỉnh Hà Tĩnh".
    if (!pick->document_id && WordPrefix(pick->issuer_key, issuer_key)) {
      auto& u = Prepared(
          "UPDATE nodes SET issuer = ?, issuer_key = ?, year = coalesce(year, ?) WHERE id = ?");
      BindOpt(u, 1, issuer);
      u.bind(2, issuer_key);
      BindOpt(u, 3, year);
      u.bind(4, pick->id);
      u.exec();
    }
    return pick->id;
  }
  auto& ins = Prepared(
      "INSERT INTO nodes(key, key_prefix, year, type, number, symbol, title, date, issuer, "
      "issuer_key, document_id) VALUES(?,?,?,?,?,?,?,?,?,?,NULL)");
  ins.bind(1, key);
  ins.bind(2, prefix);
  BindOpt(ins, 3, year);
  BindOpt(ins, 4, c.type);
  BindOpt(ins, 5, c.number);
  BindOpt(ins, 6, c.symbol);
  BindOpt(ins, 7, c.title);
  BindOpt(ins, 8, c.date);
  BindOpt(ins, 9, issuer);
  ins.bind(10, issuer_key);
  ins.exec();
  return db_->getLastInsertRowid();
}

// ---------------------------------------------------------------------------------------
// Reading

DocumentRow Store::ReadDocument(std::int64_t document_id) {
  DocumentRow d;
  auto& s = Prepared(
      "SELECT id, node_id, sha256, part, type, number, symbol, key, issuer, issuer_parent, "
      "place, date, subject, year, draft FROM documents WHERE id = ?");
  s.bind(1, document_id);
  if (!s.executeStep()) return d;
  d.id = s.getColumn(0).getInt64();
  d.node_id = s.getColumn(1).isNull() ? 0 : s.getColumn(1).getInt64();
  d.sha256 = s.getColumn(2).getString();
  d.part = s.getColumn(3).getInt();
  d.type = OptText(s.getColumn(4));
  d.number = OptText(s.getColumn(5));
  d.symbol = OptText(s.getColumn(6));
  d.key = OptText(s.getColumn(7));
  d.issuer = OptText(s.getColumn(8));
  d.issuer_parent = OptText(s.getColumn(9));
  d.place = OptText(s.getColumn(10));
  d.date = OptText(s.getColumn(11));
  d.subject = OptText(s.getColumn(12));
  d.year = OptInt(s.getColumn(13));
  d.draft = s.getColumn(14).getInt() != 0;
  s.reset();
  auto& p = Prepared("SELECT path FROM files WHERE sha256 = ? ORDER BY path");
  p.bind(1, d.sha256);
  while (p.executeStep()) d.paths.push_back(p.getColumn(0).getString());
  p.reset();
  return d;
}

std::optional<DocumentRow> Store::GetDocument(std::int64_t document_id) {
  DocumentRow d = ReadDocument(document_id);
  if (d.id == 0) return std::nullopt;
  return d;
}

std::optional<NodeRow> Store::GetNode(std::int64_t node_id) {
  static const std::string sql =
      std::string("SELECT ") + kNodeColumns + " FROM nodes n WHERE n.id = ?";
  auto& s = Prepared(sql.c_str());
  s.bind(1, node_id);
  if (!s.executeStep()) return std::nullopt;
  NodeRow n = ReadNodeRow(s);
  s.reset();
  return n;
}

std::vector<NodeRow> Store::FindNodes(const ParsedQuery& q, const NodeFilter& filter) {
  std::vector<NodeRow> rows;
  std::string select = std::string("SELECT ") + kNodeColumns + " FROM nodes n ";
  if (!q.key_prefix.empty()) {
    SQLite::Statement s(*db_, select + "WHERE n.key_prefix = ?");
    s.bind(1, q.key_prefix);
    while (s.executeStep()) rows.push_back(ReadNodeRow(s));
  } else if (q.number) {
    SQLite::Statement s(*db_, q.symbol ? select + "WHERE n.number = ? AND n.symbol = ?"
                                       : select + "WHERE n.number = ?");
    s.bind(1, *q.number);
    if (q.symbol) s.bind(2, *q.symbol);
    while (s.executeStep()) {
      NodeRow n = ReadNodeRow(s);
      if (q.type && !q.symbol && keys_) {
        std::optional<std::string> t = n.type;
        if (n.symbol) {
          auto from_symbol = keys_->TypeFromSymbol(*n.symbol);
          if (from_symbol) t = from_symbol;
        }
        if (t && Fold(*t) != Fold(*q.type)) continue;
      }
      rows.push_back(std::move(n));
    }
    if (rows.empty() && q.symbol) {  // symbols stored as printed: compare canonical forms
      SQLite::Statement all(*db_, select + "WHERE n.number = ?");
      all.bind(1, *q.number);
      while (all.executeStep()) {
        NodeRow n = ReadNodeRow(all);
        if (n.symbol && keys_ && keys_->CanonicalSymbol(*n.symbol) == *q.symbol)
          rows.push_back(std::move(n));
      }
    }
  } else if (q.title) {
    std::string want = Fold(*q.title);
    SQLite::Statement s(*db_, select +
                                  "WHERE n.number IS NULL AND (n.title IS NOT NULL OR "
                                  "n.key LIKE '%:%')");
    while (s.executeStep()) {
      NodeRow n = ReadNodeRow(s);
      std::string hay = Fold(n.title.value_or("") + " " + n.key.value_or(""));
      if (hay.find(want) != std::string::npos) rows.push_back(std::move(n));
    }
  }
  std::optional<int> year = filter.year ? filter.year : q.year;
  std::string issuer = filter.issuer ? IssuerMatchKey(*filter.issuer) : "";
  std::erase_if(rows, [&](const NodeRow& n) {
    if (year && n.year && *n.year != *year) return true;
    if (filter.year && !n.year) return true;
    if (!issuer.empty() && IssuerMatchKey(n.issuer.value_or("")).find(issuer) == std::string::npos)
      return true;
    return false;
  });
  std::stable_sort(rows.begin(), rows.end(), [](const NodeRow& a, const NodeRow& b) {
    if (a.resolved() != b.resolved()) return a.resolved();
    if (a.year != b.year) return a.year.value_or(0) > b.year.value_or(0);
    return a.issuer.value_or("") < b.issuer.value_or("");
  });
  return rows;
}

std::vector<NodeRow> Store::Suggest(const ParsedQuery& q, int limit) {
  std::vector<NodeRow> rows;
  std::string select = std::string("SELECT ") + kNodeColumns + " FROM nodes n ";
  if (q.number) {
    SQLite::Statement s(*db_, select +
                                  "WHERE n.number = ? ORDER BY n.document_id IS NULL, "
                                  "n.year DESC LIMIT ?");
    s.bind(1, *q.number);
    s.bind(2, limit);
    while (s.executeStep()) rows.push_back(ReadNodeRow(s));
  }
  if (rows.empty() && q.symbol) {
    SQLite::Statement s(*db_, select + "WHERE n.symbol = ? ORDER BY n.year DESC LIMIT ?");
    s.bind(1, *q.symbol);
    s.bind(2, limit);
    while (s.executeStep()) rows.push_back(ReadNodeRow(s));
  }
  return rows;
}

std::vector<CitingDocument> Store::CitedBy(std::int64_t node_id, int depth) {
  std::vector<CitingDocument> out;
  std::unordered_set<std::int64_t> seen_docs;
  std::unordered_set<std::int64_t> seen_nodes{node_id};
  std::vector<std::int64_t> frontier{node_id};
  static const std::string sql = std::string("SELECT ") + kCitationColumns +
                                 " FROM citations c JOIN documents d ON d.id = "
                                 "c.from_document_id WHERE c.to_node_id = ? ORDER BY "
                                 "c.from_document_id";
  for (int level = 1; level <= depth && !frontier.empty(); ++level) {
    std::vector<std::int64_t> next;
    for (std::int64_t target : frontier) {
      std::vector<CitationRow> edges;
      auto& s = Prepared(sql.c_str());
      s.bind(1, target);
      while (s.executeStep()) edges.push_back(ReadCitationRow(s));
      s.reset();
      for (auto& e : edges) {
        if (!seen_docs.insert(e.from_document_id).second) continue;
        CitingDocument cd{level, ReadDocument(e.from_document_id), std::move(e)};
        if (cd.document.node_id && seen_nodes.insert(cd.document.node_id).second)
          next.push_back(cd.document.node_id);
        out.push_back(std::move(cd));
      }
    }
    frontier = std::move(next);
  }
  return out;
}

std::vector<std::pair<CitationRow, NodeRow>> Store::Cites(std::int64_t document_id) {
  std::vector<CitationRow> edges;
  {
    SQLite::Statement s(*db_, std::string("SELECT ") + kCitationColumns +
                                  " FROM citations c JOIN documents d ON d.id = "
                                  "c.from_document_id WHERE c.from_document_id = ? ORDER BY c.id");
    s.bind(1, document_id);
    while (s.executeStep()) edges.push_back(ReadCitationRow(s));
  }
  std::vector<std::pair<CitationRow, NodeRow>> out;
  for (auto& e : edges) {
    auto n = GetNode(e.to_node_id);
    if (n) out.emplace_back(std::move(e), std::move(*n));
  }
  return out;
}

std::vector<std::int64_t> Store::DocumentsAtPath(const std::string& path) {
  std::vector<std::int64_t> ids;
  SQLite::Statement s(*db_,
                      "SELECT d.id FROM files f JOIN documents d ON d.sha256 = f.sha256 "
                      "WHERE f.path = ? ORDER BY d.part");
  s.bind(1, path);
  while (s.executeStep()) ids.push_back(s.getColumn(0).getInt64());
  return ids;
}

std::optional<std::string> Store::DocumentJson(std::int64_t document_id) {
  SQLite::Statement s(*db_, "SELECT record_json FROM documents WHERE id = ?");
  s.bind(1, document_id);
  if (!s.executeStep()) return std::nullopt;
  return s.getColumn(0).getString();
}

std::vector<StoredTask> Store::Tasks(std::int64_t document_id) {
  std::vector<StoredTask> out;
  SQLite::Statement s(*db_,
                      "SELECT document_id, task_id, assignees, lead, cooperating, action, "
                      "deadline_date, deadline_kind, deadline_text, recurrence, report_to "
                      "FROM tasks WHERE document_id = ? ORDER BY id");
  s.bind(1, document_id);
  while (s.executeStep()) out.push_back(ReadTask(s));
  return out;
}

std::vector<SearchHit> Store::Search(std::string_view query, int limit) {
  std::vector<SearchHit> hits;
  std::string q = Trim(query);
  bool phrase = q.size() >= 2 && q.front() == '"' && q.back() == '"';
  std::string folded = Fold(phrase ? std::string_view(q).substr(1, q.size() - 2) : q);
  std::vector<std::string> words;
  for (std::string w : SplitWords(folded)) {
    // Punctuation is a separator for the FTS tokenizer too; keep words that have letters.
    if (std::none_of(w.begin(), w.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) ||
                 static_cast<unsigned char>(c) >= 0x80;
        }))
      continue;
    words.push_back(std::move(w));
  }
  if (words.empty()) return hits;
  auto quote = [](const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  };
  std::string match;
  if (phrase) {
    std::string all;
    for (const auto& w : words) all += (all.empty() ? "" : " ") + w;
    match = quote(all);
  } else {
    for (const auto& w : words) match += (match.empty() ? "" : " AND ") + quote(w);
  }
  // Best first by bm25 (vanban_bm25 above), with each word's document count found by
  // reading at most kDfSample rows of it: exact for rare words, estimated for common
  // ones from how far into the rowids the sample reached (rowids grow as files arrive).
  // A phrase is one term, whose weight does not change the order: no count needed.
  std::vector<double> df;
  if (!phrase) {
    double max_rowid = 0;
    {
      auto& m = Prepared("SELECT coalesce(max(id), 0) FROM documents");
      if (m.executeStep()) max_rowid = static_cast<double>(m.getColumn(0).getInt64());
      m.reset();
    }
    auto& c = Prepared(
        "SELECT count(*), coalesce(max(rowid), 0) FROM (SELECT rowid FROM documents_fts "
        "WHERE documents_fts MATCH ? LIMIT ?)");
    for (const auto& w : words) {
      c.bind(1, quote(w));
      c.bind(2, kDfSample);
      double n = 0, last = 0;
      if (c.executeStep()) {
        n = c.getColumn(0).getInt64();
        last = static_cast<double>(c.getColumn(1).getInt64());
      }
      c.reset();
      if (n >= kDfSample && last > 0) n = std::max(n, n * max_rowid / last);
      df.push_back(n);
    }
  }
  std::string rank = "vanban_bm25(documents_fts";
  for (std::size_t i = 0; i < df.size(); ++i) rank += ", ?";
  rank += ")";
  std::vector<std::int64_t> ids;
  {
    SQLite::Statement s(*db_, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY " +
                                  rank + " DESC, rowid LIMIT ?");
    int at = 1;
    s.bind(at++, match);
    for (double d : df) s.bind(at++, d);
    s.bind(at, limit);
    while (s.executeStep()) ids.push_back(s.getColumn(0).getInt64());
  }
  // The snippet: the original words around the first place where the query's words occur
  // in a row (word starts, folded), else around the first word that starts like the first.
  std::vector<std::string> want;
  for (const auto& w : words) {
    std::string core;
    for (char c : w)
      if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)
        core += c;
    if (!core.empty()) want.push_back(core);
  }
  auto core_of = [](const std::string& token) {
    std::string f = Fold(token), core;
    for (char c : f)
      if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)
        core += c;
    return core;
  };
  for (auto id : ids) {
    SearchHit hit{ReadDocument(id), ""};
    std::string text;
    {
      auto& t = Prepared("SELECT text FROM documents WHERE id = ?");
      t.bind(1, id);
      if (t.executeStep()) text = t.getColumn(0).getString();
      t.reset();
    }
    std::vector<std::string> tokens = SplitWords(text);
    std::vector<std::string> folded(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) folded[i] = core_of(tokens[i]);
    std::size_t at = tokens.size();
    for (std::size_t i = 0; i + want.size() <= tokens.size() && at == tokens.size(); ++i) {
      bool all = true;
      for (std::size_t j = 0; j < want.size() && all; ++j)
        all = folded[i + j].rfind(want[j], 0) == 0;
      if (all) at = i;
    }
    for (std::size_t i = 0; i < tokens.size() && at == tokens.size() && !want.empty(); ++i)
      if (folded[i].rfind(want[0], 0) == 0) at = i;
    if (at < tokens.size()) {
      std::size_t b = at >= 8 ? at - 8 : 0, e = std::min(tokens.size(), at + 16);
      std::string snip = b > 0 ? "…" : "";
      for (std::size_t i = b; i < e; ++i) snip += (i == b ? "" : " ") + tokens[i];
      if (e < tokens.size()) snip += "…";
      hit.snippet = snip;
    } else {
      hit.snippet = hit.document.subject.value_or("");
    }
    hits.push_back(std::move(hit));
  }
  return hits;
}

GraphData Store::Graph() {
  GraphData g;
  {
    SQLite::Statement s(
        *db_,
        "SELECT n.id, n.key, n.year, n.type, n.number, n.symbol, n.title, n.date, n.issuer, "
        "n.document_id, coalesce(k.n, 0) FROM nodes n LEFT JOIN (SELECT to_node_id, count(*) AS "
        "n FROM citations GROUP BY to_node_id) k ON k.to_node_id = n.id ORDER BY n.id");
    while (s.executeStep()) g.nodes.push_back(ReadNodeRow(s));
  }
  {
    SQLite::Statement s(*db_, std::string("SELECT ") + kCitationColumns +
                                  " FROM citations c JOIN documents d ON d.id = "
                                  "c.from_document_id ORDER BY c.id");
    while (s.executeStep()) g.edges.push_back(ReadCitationRow(s));
  }
  std::vector<std::int64_t> ids;
  for (const auto& n : g.nodes)
    if (n.document_id) ids.push_back(*n.document_id);
  for (auto id : ids) g.documents.emplace(id, ReadDocument(id));
  return g;
}

StoreCounts Store::Counts() {
  StoreCounts c;
  auto one = [&](const char* sql) { return db_->execAndGet(sql).getInt64(); };
  c.files = one("SELECT count(*) FROM files");
  c.documents = one("SELECT count(*) FROM documents");
  c.nodes = one("SELECT count(*) FROM nodes");
  c.unresolved_nodes = one("SELECT count(*) FROM nodes WHERE document_id IS NULL");
  c.citations = one("SELECT count(*) FROM citations");
  c.tasks = one("SELECT count(*) FROM tasks");
  c.failures = one("SELECT count(*) FROM failures");
  return c;
}

}  // namespace vanban

namespace vanban {

bool HasWordsInOrder(std::string_view name, const std::vector<std::string>& words) {
  if (words.empty()) return false;
  std::string padded = " " + std::string(name) + " ";
  std::size_t at = 0;
  for (const auto& w : words) {
    std::size_t f = padded.find(" " + w + " ", at);
    if (f == std::string::npos) return false;
    at = f + w.size() + 1;
  }
  return true;
}

namespace {
// True when one "|"-separated name of `keys` holds `words` as whole words, in order.
bool AssigneeMatches(const std::string& keys, const std::vector<std::string>& words) {
  std::size_t p = 0;
  while (p < keys.size()) {
    std::size_t e = keys.find('|', p);
    if (e == std::string::npos) e = keys.size();
    if (HasWordsInOrder(std::string_view(keys).substr(p, e - p), words)) return true;
    p = e + 1;
  }
  return false;
}
}  // namespace

std::vector<TaskListRow> Store::QueryTasks(const TaskQuery& q) {
  std::string sql =
      "SELECT t.document_id, t.task_id, t.assignees, t.lead, t.cooperating, t.action, "
      "t.deadline_date, t.deadline_kind, t.deadline_text, t.recurrence, t.report_to, "
      "t.assignee_keys FROM tasks t WHERE 1";
  std::vector<std::string> binds;
  if (q.due_before) {
    sql += " AND t.deadline_date IS NOT NULL AND t.deadline_date <= ?";
    binds.push_back(*q.due_before);
  }
  if (q.due_after) {
    sql += " AND t.deadline_date IS NOT NULL AND t.deadline_date >= ?";
    binds.push_back(*q.due_after);
  }
  if (q.overdue_as_of) {
    sql += " AND t.deadline_date IS NOT NULL AND t.deadline_date < ?";
    binds.push_back(*q.overdue_as_of);
  }
  // Assignee: every word of the query, in order, within one name ("UBND xã" finds
  // "UBND các xã" and "Ủy ban nhân dân xã Ba Bích"). LIKE narrows; the check below decides.
  std::vector<std::string> assignee_words;
  if (q.assignee) {
    std::string key = IssuerMatchKey(*q.assignee), like = "%";
    std::size_t p = 0;
    while (p < key.size()) {
      std::size_t e = key.find(' ', p);
      if (e == std::string::npos) e = key.size();
      if (e > p) {
        assignee_words.push_back(key.substr(p, e - p));
        like += key.substr(p, e - p) + "%";
      }
      p = e + 1;
    }
    sql += " AND t.assignee_keys LIKE ?";
    binds.push_back(like);
  }
  // Soonest deadline first; tasks without a date after all dated ones. With a date filter
  // there are no undated rows, and ordering by the indexed columns alone lets SQLite walk
  // the tasks(deadline_date, id) index and stop at the limit instead of sorting.
  bool dated_only = q.due_before || q.due_after || q.overdue_as_of;
  sql += dated_only ? " ORDER BY t.deadline_date, t.id"
                    : " ORDER BY t.deadline_date IS NULL, t.deadline_date, t.id";
  SQLite::Statement s(*db_, sql);
  for (std::size_t i = 0; i < binds.size(); ++i) s.bind(static_cast<int>(i + 1), binds[i]);
  std::vector<TaskListRow> out;
  std::unordered_map<std::int64_t, DocumentRow> docs;
  std::string issuer_key = q.issuer ? IssuerMatchKey(*q.issuer) : "";
  while (s.executeStep() && static_cast<int>(out.size()) < q.limit) {
    TaskListRow row;
    StoredTask& t = row.task;
    t.document_id = s.getColumn(0).getInt64();
    auto it = docs.find(t.document_id);
    if (it == docs.end()) it = docs.emplace(t.document_id, ReadDocument(t.document_id)).first;
    if (!issuer_key.empty() &&
        IssuerMatchKey(it->second.issuer.value_or("")).find(issuer_key) == std::string::npos)
      continue;
    if (!assignee_words.empty() && !AssigneeMatches(s.getColumn(11).getString(), assignee_words))
      continue;
    row.document = it->second;
    t = ReadTask(s);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace vanban
