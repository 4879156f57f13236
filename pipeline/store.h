// The archive: extraction records stored as a citation graph in SQLite (via SQLiteCpp).
//
//   auto keys = std::make_shared<CitationKeys>(rules);
//   auto opened = Store::Open("vanban.db", Store::Mode::kCreate, keys);
//   if (!opened) { report(opened.error()); }           // stage "store": cannot open, too new…
//   Store& store = *opened.value();
//   store.Begin();
//   PutOutcome out = store.Put(record);                // one file's rows, all or nothing
//   store.Commit();
//
//   ParsedQuery q = keys->ParseQuery("2454/QD-UBND");
//   for (const NodeRow& target : store.FindNodes(q, {})) {
//     for (const CitingDocument& c : store.CitedBy(target.id, /*depth=*/1)) { ... }
//   }
//   store.Search("quyet dinh");                        // diacritic-insensitive, đ = d
//
// The graph. Every stored document has a node. A cited document that is not (yet) in the
// archive is a node of its own, keyed by its citation key ("2454/QĐ-UBND@2022") and the
// issuer named for it, so every commune's own "01/QĐ-UBND" stays apart. When the cited
// document is stored later its node becomes that document; when the citing document comes
// second its citation points straight at the stored document. Citations are edges from a
// document to a node; a document never cites itself.
//
// Files and content. A path maps to the SHA-256 of its bytes; documents belong to content,
// so the same bytes at two paths are one document with two paths. A path whose bytes
// change replaces its old documents (kept only while another path still holds them).
//
// Threads: a Store is one SQLite connection; use it from one thread at a time. Several
// processes may open the same file (WAL mode, busy timeout).
//
// Failures: Open returns a StageError (stage "store") for a file that is not a vanban
// database or was written by a newer vanban. Other SQLite errors (disk full) throw
// SQLite::Exception: they are not bad input.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extractors/citation_key.h"
#include "pipeline/record.h"
#include "pipeline/result.h"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace vanban {

class WalCheckpointer;

// A node of the citation graph: a stored document or a cited one not in the archive.
struct NodeRow {
  std::int64_t id = 0;
  std::optional<std::string> key;  // "2454/QĐ-UBND@2022"; null for a document with no number
  std::optional<int> year;
  std::optional<std::string> type, number, symbol, title, date, issuer;
  std::optional<std::int64_t> document_id;  // set when the document is in the archive
  int cited_by = 0;                         // how many documents cite this node
  bool resolved() const { return document_id.has_value(); }
  // "2454/QĐ-UBND (2022)", or the title, or "văn bản #12".
  std::string Label() const;
};

// The header of a stored document, with every path that holds it.
struct DocumentRow {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::string sha256;
  int part = 1;
  std::optional<std::string> type, number, symbol, key, issuer, issuer_parent, place, date, subject;
  std::optional<int> year;
  bool draft = false;
  std::vector<std::string> paths;
  // "Quyết định số 2454/QĐ-UBND", "Công văn số …/BCĐCCHC-TGV".
  std::string Label() const;
};

// One citation edge: document -> node.
struct CitationRow {
  std::int64_t id = 0;
  std::int64_t from_document_id = 0;
  std::int64_t from_node_id = 0;
  std::int64_t to_node_id = 0;
  std::string relation;
  std::optional<std::string> sentence;  // the sentence around the first mention
  std::string mentions_json = "[]";     // [[begin, end], …] byte offsets into the text
  // The cited document as the citing text names it.
  std::optional<std::string> key, type, number, symbol, date, issuer, title;
  std::optional<int> year;
};

// A document citing a target; depth 1 cites it directly, depth 2 cites a depth-1 document…
struct CitingDocument {
  int depth = 1;
  DocumentRow document;
  CitationRow citation;  // the edge that reached it
};

struct StoredTask {
  std::int64_t document_id = 0;
  std::optional<std::string> task_id;
  std::vector<std::string> assignees;
  std::optional<std::string> lead;
  std::vector<std::string> cooperating;
  std::string action;
  std::optional<std::string> deadline_date, deadline_kind, deadline_text, recurrence, report_to;
};

// What `vanban tasks` asks for. Dates are ISO strings (a partial date compares as its
// prefix). Matching of names ignores case, diacritics and standard abbreviations.
struct TaskQuery {
  std::optional<std::string> assignee;      // "UBND xã" finds "Ủy ban nhân dân xã Ba Bích"
  std::optional<std::string> issuer;        // of the document that gives the task
  std::optional<std::string> due_before;    // deadline on or before
  std::optional<std::string> due_after;     // deadline on or after
  std::optional<std::string> overdue_as_of; // deadline strictly before this day
  int limit = 1000;
};

// One task with the document that gives it.
struct TaskListRow {
  StoredTask task;
  DocumentRow document;
};

struct FailureRow {
  std::string path;
  std::string sha256;  // empty when the file could not be read
  std::string stage;
  std::string message;
  std::string at;  // UTC, ISO 8601
  std::string version;
};

struct SearchHit {
  DocumentRow document;
  std::string snippet;  // words around the first match, from the original text
};

// Narrows FindNodes when a query matches several nodes.
struct NodeFilter {
  std::optional<std::string> issuer;  // diacritic-insensitive substring of the issuer
  std::optional<int> year;
};

// A record made ready for the writer: every value the rows need that does not depend on
// the database (keys, folded text, JSON, sentences) is computed by Store::Prepare, which
// any thread may call, so the single writer only binds and steps statements.
struct PreparedRecord {
  struct Body {
    std::string name, match_key;
    const char* role;  // "issuer" | "parent" | "recipient"
    int position = 0;
  };
  struct Cite {
    std::size_t index = 0;  // into the document's citations
    std::string key, key_prefix;
    std::optional<int> year;
    std::optional<std::string> issuer;  // issuer_resolved, else issuer
    std::string issuer_key;
    std::optional<std::string> sentence;
    std::string mentions_json;
  };
  struct TaskRow {
    std::string assignees_json, cooperating_json, assignee_keys;
  };
  struct Doc {
    std::optional<std::string> key, key_prefix;  // key_prefix: the key without @year
    std::optional<int> year;                     // from the key, else from the date
    std::optional<int> date_year;
    std::string issuer_key;
    std::string record_json, folded_subject, folded_body;
    std::vector<Body> bodies;
    std::vector<Cite> citations;  // keyed citations only, in order
    std::vector<TaskRow> tasks;   // one per document task
  };
  Record record;           // source.sha256 always set
  std::string source_json;
  std::vector<Doc> documents;  // one per record.documents
};

struct PutOutcome {
  enum class Kind {
    kStored,     // new content: documents, citations and tasks written
    kUnchanged,  // this path already holds these bytes: nothing written
    kLinked,     // these bytes are stored under another path: the path was added
    kFailed,     // the record carried an error; recorded in failures
  };
  Kind kind = Kind::kStored;
  int documents = 0;
  int citations = 0;
  int tasks = 0;
  int duplicates = 0;  // documents recorded as a duplicate of one already stored
};

struct StoreCounts {
  std::int64_t files = 0, documents = 0, nodes = 0, unresolved_nodes = 0, citations = 0, tasks = 0,
               failures = 0;
};

// The whole graph, for export (graph_export.h).
struct GraphData {
  std::vector<NodeRow> nodes;
  std::vector<CitationRow> edges;  // from_node_id -> to_node_id
  // document id -> its header, for the resolved nodes' labels and attributes.
  std::unordered_map<std::int64_t, DocumentRow> documents;
};

// The key and the issuer match key of a stored document: the same key a citation of it
// gets (CitationKeys::Numbered, separator "-" when the symbol has a '/', year from the
// date). nullopt when the document has no number or no symbol.
std::optional<std::string> DocumentKey(const CitationKeys& keys, const Document& doc);
// The issuer match key: abbreviations expanded (UBND -> ủy ban nhân dân), then Fold.
std::string IssuerMatchKey(std::string_view issuer);
// True when the folded `name` holds every one of `words` as a whole word, in this order
// ("uy ban nhan dan xa ba bich" holds {"uy", "ban", "xa"}); false for no words.
bool HasWordsInOrder(std::string_view name, const std::vector<std::string>& words);
// What the full-text index holds for a document's text: Fold(doc.text).
std::string FoldForSearch(const Document& doc);
// The sentence of `text` around [begin, end): from the previous '.', ';', ':' or line
// break to the next; at most ~400 bytes, cut on UTF-8 boundaries and squashed.
std::string SentenceAround(std::string_view text, std::size_t begin, std::size_t end);

class Store {
 public:
  enum class Mode {
    kCreate,    // create the file and the schema when missing (ingest, load)
    kExisting,  // the file must exist (queries); fails with a plain message otherwise
    kReadOnly,  // like kExisting, but SQLite refuses every write (the web view); a file of
                // an older schema fails with a plain message instead of being migrated
  };
  static constexpr int kSchemaVersion = 3;

  static Result<std::unique_ptr<Store>> Open(const std::string& path, Mode mode,
                                             std::shared_ptr<const CitationKeys> keys);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int SchemaVersion();
  const std::string& path() const { return path_; }

  // --- Writing (one thread) ---
  // Groups the following Puts in one transaction; each Put still runs in its own savepoint,
  // so a file that fails to store leaves no rows. Put without Begin commits on its own.
  void Begin();
  void Commit();
  // The SHA-256 stored for a path, if any.
  std::optional<std::string> StoredHash(const std::string& path);
  // Every stored path with its hash (read once by ingest before extracting in threads).
  std::unordered_map<std::string, std::string> StoredHashes();
  // True when documents of these bytes are stored (under any path).
  bool HasContent(const std::string& sha256);
  // Stores a record under record.source.path (which must be set; without source.sha256 the
  // record's JSON is hashed). A record with `error` goes to the failures table instead (and
  // the path's earlier documents are dropped); a stored record clears the path's failure.
  PutOutcome Put(const Record& record);
  // The same with the work that needs no database done ahead (Prepare is const and
  // thread-safe: ingest calls it on its extraction threads).
  PreparedRecord Prepare(Record record) const;
  PutOutcome Put(const PreparedRecord& prepared);
  // Adds `path` for content already stored (same bytes as another path).
  void LinkPath(const std::string& path, const std::string& sha256);
  void RecordFailure(const std::string& path, const std::string& sha256, const StageError& error);
  std::vector<FailureRow> Failures();

  // --- Reading ---
  // Nodes a clerk's query names: by key prefix ("2454/QĐ-UBND"), else by number (and type),
  // else by title; narrowed by the query's year and the filter. Stored documents first.
  std::vector<NodeRow> FindNodes(const ParsedQuery& query, const NodeFilter& filter);
  // For a query with no match: nodes with the same number and other symbols, or the same
  // symbol and other years.
  std::vector<NodeRow> Suggest(const ParsedQuery& query, int limit = 5);
  std::optional<NodeRow> GetNode(std::int64_t node_id);
  // Documents citing the node, then (depth > 1) documents citing those, breadth first, each
  // document once at its smallest depth.
  std::vector<CitingDocument> CitedBy(std::int64_t node_id, int depth);
  // The citations a document makes, with their target nodes.
  std::vector<std::pair<CitationRow, NodeRow>> Cites(std::int64_t document_id);
  std::optional<DocumentRow> GetDocument(std::int64_t document_id);
  // The documents stored for a path (absolute, or as stored by `load`).
  std::vector<std::int64_t> DocumentsAtPath(const std::string& path);
  std::optional<std::string> DocumentJson(std::int64_t document_id);  // record_json.h shape
  std::vector<StoredTask> Tasks(std::int64_t document_id);
  // Tasks across the archive, soonest deadline first, undated ones last.
  std::vector<TaskListRow> QueryTasks(const TaskQuery& query);
  // Full-text search, diacritic-insensitive ("quyet dinh" finds "Quyết định"). Words are
  // ANDed; a query in double quotes is a phrase. Best matches first.
  std::vector<SearchHit> Search(std::string_view query, int limit = 20);
  GraphData Graph();
  StoreCounts Counts();

  // The raw connection, for benchmarks and tests that bulk-load rows.
  SQLite::Database& database() { return *db_; }

 private:
  Store(std::string path, std::unique_ptr<SQLite::Database> db,
        std::shared_ptr<const CitationKeys> keys);
  void Migrate();
  SQLite::Statement& Prepared(const char* sql);
  void RemovePath(const std::string& path);
  void DropContentIfOrphan(const std::string& sha256);
  void DeleteDocument(std::int64_t document_id);
  std::int64_t StoreDocument(const Document& doc, const PreparedRecord::Doc& prep,
                             const std::string& sha256, const std::string& source_json,
                             const std::string& now, PutOutcome& out);
  void FlushSearchRows();
  void ResetStatements();
  std::int64_t NodeForDocument(std::int64_t document_id, const Document& doc,
                               const PreparedRecord::Doc& prep);
  std::optional<std::int64_t> NodeForCitation(const Citation& c, const PreparedRecord::Cite& prep,
                                              std::int64_t own_node);
  void LinkBody(std::int64_t document_id, const PreparedRecord::Body& body);
  DocumentRow ReadDocument(std::int64_t document_id);

  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
  std::shared_ptr<const CitationKeys> keys_;
  std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
  bool in_batch_ = false;
  // Full-text rows of this transaction, written just before COMMIT: FTS5 flushes its
  // pending terms at every savepoint, which made the per-file savepoint the writer's
  // largest cost. A file whose savepoint rolls back drops its rows here too.
  struct SearchRow {
    std::int64_t rowid;
    std::string subject, body;
  };
  std::vector<SearchRow> pending_search_;
  // bodies.match_key -> id, for rows committed or written in this transaction; cleared
  // on any rollback.
  std::unordered_map<std::string, std::int64_t> body_ids_;
  // Writable file databases: checkpoints run on a thread of their own.
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

}  // namespace vanban
