// The archive commands: ingest, load, cited-by, cites, show, search, export, failures.
// Thin: each parses its options, calls the store (pipeline/store.h, ingest.h, walk.h,
// graph_export.h) and prints. Human output is plain text with Vietnamese labels; --json
// prints one JSON document on stdout.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <csignal>

#include "extractors/citation_key.h"
#include "pipeline/graph_export.h"
#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"
#include "pipeline/rules.h"
#include "pipeline/store.h"
#include "pipeline/walk.h"
#include "pipeline/worker.h"
#include "tools/vanban/cli_util.h"
#include "tools/vanban/commands.h"
#include "tools/vanban/ingest_ui.h"

namespace vanban::cli {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr int kOk = 0, kSomeFailed = 1, kSetupError = 2;

template <typename T>
json Opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}
std::string Or(const std::optional<std::string>& v, const char* dash = "—") {
  return v && !v->empty() ? *v : dash;
}
std::string Dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

json NodeJson(const NodeRow& n) {
  return {
      {"node_id", n.id},       {"key", Opt(n.key)},          {"label", n.Label()},
      {"type", Opt(n.type)},   {"number", Opt(n.number)},    {"symbol", Opt(n.symbol)},
      {"year", Opt(n.year)},   {"date", Opt(n.date)},        {"issuer", Opt(n.issuer)},
      {"title", Opt(n.title)}, {"in_archive", n.resolved()}, {"document_id", Opt(n.document_id)},
      {"cited_by", n.cited_by}};
}

json DocumentJson(const DocumentRow& d) {
  return {{"document_id", d.id},
          {"label", d.Label()},
          {"type", Opt(d.type)},
          {"number", Opt(d.number)},
          {"symbol", Opt(d.symbol)},
          {"key", Opt(d.key)},
          {"date", Opt(d.date)},
          {"issuer", Opt(d.issuer)},
          {"issuer_parent", Opt(d.issuer_parent)},
          {"place", Opt(d.place)},
          {"subject", Opt(d.subject)},
          {"draft", d.draft},
          {"part", d.part},
          {"sha256", d.sha256},
          {"paths", d.paths}};
}

json CitationJson(const CitationRow& c) {
  return {{"relation", c.relation},  {"sentence", Opt(c.sentence)},
          {"key", Opt(c.key)},       {"type", Opt(c.type)},
          {"number", Opt(c.number)}, {"symbol", Opt(c.symbol)},
          {"date", Opt(c.date)},     {"issuer", Opt(c.issuer)},
          {"title", Opt(c.title)},   {"mentions", json::parse(c.mentions_json, nullptr, false)}};
}

json ParsedJson(const ParsedQuery& q) {
  return {{"number", Opt(q.number)},   {"symbol", Opt(q.symbol)}, {"type", Opt(q.type)},
          {"year", Opt(q.year)},       {"date", Opt(q.date)},     {"title", Opt(q.title)},
          {"key_prefix", q.key_prefix}};
}

std::string NodeHeadline(const NodeRow& n) {
  std::string s = n.Label();
  if (n.type && n.number) s = *n.type + " " + s;
  if (n.issuer) s += " — " + *n.issuer;
  s += n.resolved() ? "" : "  [chưa có trong kho / not in the archive]";
  return s;
}

// "Công văn số 583/UBND · 2024-03-15 · Ủy ban nhân dân huyện Sơn Tây"
std::string DocumentHeadline(const DocumentRow& d) {
  return d.Label() + " · " + Or(d.date) + " · " + Or(d.issuer);
}

void PrintDocumentBlock(const DocumentRow& d, const std::string& indent) {
  if (d.subject) std::cout << indent << "V/v " << *d.subject << "\n";
  for (const auto& p : d.paths) std::cout << indent << "tệp: " << p << "\n";
}

void PrintSuggestions(const std::vector<NodeRow>& near) {
  if (near.empty()) return;
  std::cerr << "closest in the archive:\n";
  for (const auto& n : near) std::cerr << "  " << NodeHeadline(n) << "\n";
}

// A clerk's DOC: a document id, a stored file path, or a number such as 2454/QĐ-UBND.
// Returns matching document ids and, for numbers, the nodes (some may be unresolved).
struct DocLookup {
  std::vector<std::int64_t> documents;
  std::vector<NodeRow> unresolved;  // matching nodes not in the archive
  ParsedQuery parsed;
};

DocLookup LookUpDocument(Store& store, const CitationKeys& keys, const std::string& doc,
                         const NodeFilter& filter) {
  DocLookup out;
  if (!doc.empty() && std::all_of(doc.begin(), doc.end(), ::isdigit) && doc.size() < 12) {
    if (store.GetDocument(std::stoll(doc))) out.documents.push_back(std::stoll(doc));
    return out;
  }
  std::error_code ec;
  if (fs::exists(doc, ec)) {
    out.documents = store.DocumentsAtPath(fs::absolute(doc).lexically_normal().string());
    if (!out.documents.empty()) return out;
  }
  out.documents = store.DocumentsAtPath(doc);  // a path as stored by `load`
  if (!out.documents.empty()) return out;
  out.parsed = keys.ParseQuery(doc);
  for (const NodeRow& n : store.FindNodes(out.parsed, filter)) {
    if (n.document_id)
      out.documents.push_back(*n.document_id);
    else
      out.unresolved.push_back(n);
  }
  return out;
}

bool Unparsable(const ParsedQuery& q) { return !q.number && !q.title && q.key_prefix.empty(); }

// --- ingest ----------------------------------------------------------------------------

void AddIngest(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "ingest",
      "read files and folders (text, PDF, scanned images) into the database; unchanged files are "
      "skipped; stopped at any point, the same command continues where it stopped");
  struct Args {
    std::vector<std::string> paths;
    ReaderArgs reading;
    std::string move_done;
    bool retry_failed = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("PATH", args->paths,
                  "files and folders to read (folders recursively); with --retry-failed and "
                  "no PATH, the files that failed before");
  AddReaderOptions(cmd, &args->reading);
  cmd->add_option("--move-done", args->move_done,
                  "move each file stored into this folder (keeping its path below the folder "
                  "given); files that fail stay where they are");
  cmd->add_flag("--retry-failed", args->retry_failed,
                "read again files that failed before (by default they are skipped until they "
                "change)");
  cmd->callback([&opts, &exit_code, args] {
    if (args->paths.empty() && !args->retry_failed) {
      spdlog::error("ingest: give files or folders to read (or --retry-failed)");
      exit_code = kSetupError;
      return;
    }
    IngestOptions options;
    ApplyReaderOptions(args->reading, opts.rules_dir, &options);
    // The readers load their rules while this process loads its own: one reader for one
    // file named, one per job otherwise.
    std::error_code ec;
    int wanted = args->paths.size() == 1 && fs::is_regular_file(args->paths[0], ec) ? 1 : options.threads;
    options.readers = std::make_shared<StartedReaders>(options.extract_command, options.extract_timeout, wanted);
    auto pipeline = Pipeline::Create(opts.rules_dir);
    if (!pipeline) {
      spdlog::error("cannot load rules: {}", pipeline.error().message);
      exit_code = kSetupError;
      return;
    }
    auto keys = std::make_shared<CitationKeys>(pipeline.value()->rules());
    auto store = Store::Open(opts.db, Store::Mode::kCreate, keys);
    if (!store) {
      spdlog::error("{}", store.error().message);
      exit_code = kSetupError;
      return;
    }
    if (!args->move_done.empty()) {
      std::error_code ec;
      fs::create_directories(args->move_done, ec);
      if (ec || !fs::is_directory(args->move_done)) {
        spdlog::error("--move-done: cannot make folder {}: {}", args->move_done, ec.message());
        exit_code = kSetupError;
        return;
      }
    }
    InstallStopHandlers();
    options.on_progress = ProgressReporter(opts.quiet);
    options.retry_failed = args->retry_failed;
    options.move_done = args->move_done;
    options.stop = &StopRequested();
    IngestSummary s;
    if (args->paths.empty()) {  // --retry-failed alone: every recorded failure still there
      std::vector<std::string> files;
      for (const auto& f : store.value()->Failures()) {
        std::error_code ec;
        if (fs::is_regular_file(f.path, ec)) files.push_back(f.path);
      }
      s = IngestFiles(*store.value(), *pipeline.value(), files, options);
    } else {
      s = IngestPaths(*store.value(), *pipeline.value(), args->paths, options);
    }
    if (!opts.quiet) PrintSummary(s);
    if (s.interrupted)
      exit_code = 128 + (StopSignal() ? StopSignal() : SIGINT);
    else
      exit_code = s.failures ? kSomeFailed : kOk;
  });
}

void AddLoad(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "load", "store records printed by `vanban extract --json` (JSON Lines files)");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("FILE", *files, "JSON Lines files ('-' reads standard input)")->required();
  cmd->callback([&opts, &exit_code, files] {
    auto keys = LoadKeys(opts);
    if (!keys) {
      exit_code = kSetupError;
      return;
    }
    auto store = Store::Open(opts.db, Store::Mode::kCreate, keys);
    if (!store) {
      spdlog::error("{}", store.error().message);
      exit_code = kSetupError;
      return;
    }
    IngestSummary total;
    for (const auto& f : *files) {
      IngestSummary s;
      if (f == "-") {
        s = LoadJsonLines(*store.value(), std::cin, "<stdin>", {});
      } else {
        std::ifstream in(f);
        if (!in) {
          spdlog::error("{}: cannot open file", f);
          ++total.failures;
          continue;
        }
        s = LoadJsonLines(*store.value(), in, f, {});
      }
      total.Add(s);
    }
    if (!opts.quiet) PrintSummary(total);  // ingest_ui.h
    exit_code = total.failures ? kSomeFailed : kOk;
  });
}

// --- cited-by --------------------------------------------------------------------------

void AddCitedBy(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand("cited-by",
                                 "documents that cite a document: vanban cited-by 2454/QĐ-UBND");
  struct Args {
    std::string query;
    std::optional<std::string> issuer;
    std::optional<int> year;
    int depth = 1;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("QUERY", a->query,
                  "the document as you would type it: 2454/QĐ-UBND, QD 2454, "
                  "\"Quyết định số 2454/QĐ-UBND ngày 04/12/2022\"")
      ->required();
  cmd->add_option("--issuer", a->issuer,
                  "only the document issued by this body (part of its name)");
  cmd->add_option("--year", a->year, "only the document of this year");
  cmd->add_option("--depth", a->depth,
                  "follow citations this many steps (documents citing "
                  "the citing documents…)")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  cmd->add_flag("--json", a->json, "machine-readable JSON");
  cmd->callback([&opts, &exit_code, a] {
    auto keys = LoadKeys(opts);
    if (!keys) {
      exit_code = kSetupError;
      return;
    }
    auto store = OpenForQuery(opts, keys);
    if (!store) {
      exit_code = kSetupError;
      return;
    }
    ParsedQuery q = keys->ParseQuery(a->query);
    if (Unparsable(q)) {
      spdlog::error(
          "cannot read a document number in \"{}\"; type it as printed, e.g. "
          "2454/QĐ-UBND or \"Quyết định 2454\"",
          a->query);
      exit_code = kSetupError;
      return;
    }
    NodeFilter filter{a->issuer, a->year};
    std::vector<NodeRow> targets = store->FindNodes(q, filter);
    if (targets.empty()) {
      std::vector<NodeRow> near = store->Suggest(q);
      if (a->json) {
        json sug = json::array();
        for (const auto& n : near) sug.push_back(NodeJson(n));
        std::cout << Dump({{"query", a->query},
                           {"parsed", ParsedJson(q)},
                           {"targets", json::array()},
                           {"suggestions", sug}})
                  << "\n";
      }
      std::string what = q.key_prefix.empty() ? a->query : q.key_prefix;
      std::cerr << "vanban: nothing in " << opts.db << " matches " << what
                << (a->issuer ? " issued by " + *a->issuer : "")
                << (a->year ? " of " + std::to_string(*a->year) : "") << "\n";
      PrintSuggestions(near);
      exit_code = kSomeFailed;
      return;
    }
    json out_targets = json::array();
    for (const NodeRow& t : targets) {
      std::vector<CitingDocument> citing = store->CitedBy(t.id, a->depth);
      if (a->json) {
        json list = json::array();
        for (const auto& c : citing) {
          json e = DocumentJson(c.document);
          e["depth"] = c.depth;
          e["relation"] = c.citation.relation;
          e["sentence"] = Opt(c.citation.sentence);
          e["citation"] = CitationJson(c.citation);
          list.push_back(std::move(e));
        }
        json node = NodeJson(t);
        if (t.document_id) {
          auto d = store->GetDocument(*t.document_id);
          if (d) node["paths"] = d->paths;
        }
        out_targets.push_back({{"target", node}, {"cited_by", list}});
        continue;
      }
      std::cout << NodeHeadline(t) << "\n";
      if (t.document_id) {
        auto d = store->GetDocument(*t.document_id);
        if (d) PrintDocumentBlock(*d, "  ");
      }
      if (citing.empty()) {
        std::cout << "  không có văn bản nào dẫn chiếu (no document cites it)\n\n";
        continue;
      }
      std::cout << "  " << citing.size() << " văn bản dẫn chiếu (citing documents):\n";
      int i = 0;
      for (const auto& c : citing) {
        std::string indent(2 * c.depth + 2, ' ');
        std::cout << indent << "[" << ++i << "] "
                  << (a->depth > 1 ? "cấp " + std::to_string(c.depth) + " · " : "")
                  << DocumentHeadline(c.document) << "\n";
        PrintDocumentBlock(c.document, indent + "    ");
        std::cout << indent << "    quan hệ: " << c.citation.relation;
        if (c.depth > 1 && c.citation.key) std::cout << " → " << *c.citation.key;
        std::cout << "\n";
        if (c.citation.sentence) std::cout << indent << "    câu: " << *c.citation.sentence << "\n";
      }
      std::cout << "\n";
    }
    if (a->json) {
      std::cout << Dump({{"query", a->query},
                         {"parsed", ParsedJson(q)},
                         {"depth", a->depth},
                         {"targets", out_targets}})
                << "\n";
    } else if (targets.size() > 1) {
      std::cerr << "vanban: " << targets.size()
                << " documents match; choose one with --issuer NAME or --year N\n";
    }
    exit_code = kOk;
  });
}

// --- cites, show -----------------------------------------------------------------------

void AddCites(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand("cites", "what a document cites: vanban cites 583/UBND");
  struct Args {
    std::string doc;
    std::optional<std::string> issuer;
    std::optional<int> year;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("DOC", a->doc, "a number (583/UBND), a file path or a document id")->required();
  cmd->add_option("--issuer", a->issuer, "only the document issued by this body");
  cmd->add_option("--year", a->year, "only the document of this year");
  cmd->add_flag("--json", a->json, "machine-readable JSON");
  cmd->callback([&opts, &exit_code, a] {
    auto keys = LoadKeys(opts);
    auto store = keys ? OpenForQuery(opts, keys) : nullptr;
    if (!store) {
      exit_code = kSetupError;
      return;
    }
    DocLookup found = LookUpDocument(*store, *keys, a->doc, {a->issuer, a->year});
    if (found.documents.empty()) {
      std::cerr << "vanban: no stored document matches " << a->doc;
      if (!found.unresolved.empty())
        std::cerr << " (it is cited, but its file is not in the archive)";
      std::cerr << "\n";
      PrintSuggestions(found.unresolved.empty() ? store->Suggest(found.parsed) : found.unresolved);
      exit_code = kSomeFailed;
      return;
    }
    json all = json::array();
    for (auto id : found.documents) {
      auto d = store->GetDocument(id);
      auto cites = store->Cites(id);
      if (a->json) {
        json list = json::array();
        for (const auto& [c, n] : cites) {
          json e = CitationJson(c);
          e["target"] = NodeJson(n);
          list.push_back(std::move(e));
        }
        all.push_back({{"document", DocumentJson(*d)}, {"cites", list}});
        continue;
      }
      std::cout << DocumentHeadline(*d) << "\n";
      PrintDocumentBlock(*d, "  ");
      std::cout << "  dẫn chiếu " << cites.size() << " văn bản (cites):\n";
      for (const auto& [c, n] : cites) {
        std::cout << "    → " << NodeHeadline(n) << "\n"
                  << "        quan hệ: " << c.relation << "\n";
        if (c.sentence) std::cout << "        câu: " << *c.sentence << "\n";
      }
      std::cout << "\n";
    }
    if (a->json) std::cout << Dump(all) << "\n";
    exit_code = kOk;
  });
}

void AddShow(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand("show", "everything known about one document");
  struct Args {
    std::string doc;
    std::optional<std::string> issuer;
    std::optional<int> year;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("DOC", a->doc, "a number (2454/QĐ-UBND), a file path or a document id")
      ->required();
  cmd->add_option("--issuer", a->issuer, "only the document issued by this body");
  cmd->add_option("--year", a->year, "only the document of this year");
  cmd->add_flag("--json", a->json, "machine-readable JSON");
  cmd->callback([&opts, &exit_code, a] {
    auto keys = LoadKeys(opts);
    auto store = keys ? OpenForQuery(opts, keys) : nullptr;
    if (!store) {
      exit_code = kSetupError;
      return;
    }
    DocLookup found = LookUpDocument(*store, *keys, a->doc, {a->issuer, a->year});
    if (found.documents.empty() && found.unresolved.empty()) {
      std::cerr << "vanban: nothing in " << opts.db << " matches " << a->doc << "\n";
      PrintSuggestions(store->Suggest(found.parsed));
      exit_code = kSomeFailed;
      return;
    }
    json all = json::array();
    for (auto id : found.documents) {
      auto d = store->GetDocument(id);
      auto record = json::parse(store->DocumentJson(id).value_or("{}"), nullptr, false);
      auto cites = store->Cites(id);
      auto cited_by = store->CitedBy(d->node_id, 1);
      auto tasks = store->Tasks(id);
      if (a->json) {
        json out = DocumentJson(*d);
        out["record"] = record;
        json cl = json::array(), bl = json::array();
        for (const auto& [c, n] : cites) {
          json e = CitationJson(c);
          e["target"] = NodeJson(n);
          cl.push_back(e);
        }
        for (const auto& c : cited_by) {
          json e = DocumentJson(c.document);
          e["relation"] = c.citation.relation;
          e["sentence"] = Opt(c.citation.sentence);
          bl.push_back(e);
        }
        out["cites"] = cl;
        out["cited_by"] = bl;
        all.push_back(out);
        continue;
      }
      std::cout << DocumentHeadline(*d) << "   (id " << d->id << ")\n";
      std::cout << "  loại văn bản:      " << Or(d->type) << (d->draft ? " (dự thảo)" : "") << "\n"
                << "  số, ký hiệu:       " << Or(d->number, "") << "/" << Or(d->symbol, "") << "\n"
                << "  cơ quan ban hành:  " << Or(d->issuer)
                << (d->issuer_parent ? " (thuộc " + *d->issuer_parent + ")" : "") << "\n"
                << "  địa danh, ngày:    " << Or(d->place) << ", " << Or(d->date) << "\n"
                << "  trích yếu:         " << Or(d->subject) << "\n";
      if (record.is_object()) {
        const json& signer = record.value("signer", json::object());
        if (signer.is_object() && signer.value("name", json()).is_string())
          std::cout << "  người ký:          " << signer["name"].get<std::string>()
                    << (signer.value("position", json()).is_string()
                            ? " — " + signer["position"].get<std::string>()
                            : "")
                    << "\n";
        if (record.value("recipients", json()).is_array() && !record["recipients"].empty()) {
          std::cout << "  kính gửi:\n";
          for (const auto& r : record["recipients"])
            if (r.is_string()) std::cout << "    - " << r.get<std::string>() << "\n";
        }
      }
      for (const auto& p : d->paths) std::cout << "  tệp:               " << p << "\n";
      std::cout << "  dẫn chiếu (cites) " << cites.size() << ":\n";
      for (const auto& [c, n] : cites)
        std::cout << "    → " << NodeHeadline(n) << "  (" << c.relation << ")\n";
      std::cout << "  được dẫn chiếu bởi (cited by) " << cited_by.size() << ":\n";
      for (const auto& c : cited_by)
        std::cout << "    ← " << DocumentHeadline(c.document) << "  (" << c.citation.relation
                  << ")\n";
      std::cout << "  nhiệm vụ (tasks) " << tasks.size() << ":\n";
      for (const auto& t : tasks) {
        std::cout << "    " << Or(t.task_id, "-") << ". " << t.action << "\n";
        if (!t.assignees.empty()) {
          std::cout << "        giao: ";
          for (std::size_t i = 0; i < t.assignees.size(); ++i)
            std::cout << (i ? "; " : "") << t.assignees[i];
          std::cout << "\n";
        }
        if (t.deadline_date || t.deadline_text)
          std::cout << "        thời hạn: " << Or(t.deadline_date) << " (" << Or(t.deadline_text)
                    << ")\n";
      }
      std::cout << "\n";
    }
    for (const NodeRow& n : found.unresolved) {
      auto cited_by = store->CitedBy(n.id, 1);
      if (a->json) {
        json out = NodeJson(n), bl = json::array();
        for (const auto& c : cited_by) {
          json e = DocumentJson(c.document);
          e["relation"] = c.citation.relation;
          e["sentence"] = Opt(c.citation.sentence);
          bl.push_back(e);
        }
        out["cited_by"] = bl;
        all.push_back(out);
        continue;
      }
      std::cout << NodeHeadline(n) << "\n"
                << "  được dẫn chiếu bởi (cited by) " << cited_by.size() << ":\n";
      for (const auto& c : cited_by)
        std::cout << "    ← " << DocumentHeadline(c.document) << "  (" << c.citation.relation
                  << ")\n";
      std::cout << "\n";
    }
    if (a->json) std::cout << Dump(all) << "\n";
    exit_code = kOk;
  });
}

// --- search, export, failures ----------------------------------------------------------

void AddSearch(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "search", "full-text search, with or without diacritics: vanban search \"quyet dinh\"");
  struct Args {
    std::string query;
    int limit = 20;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("QUERY", a->query, "words to find (all of them); \"in quotes\" for a phrase")
      ->required();
  cmd->add_option("-n,--limit", a->limit, "at most this many documents")->capture_default_str();
  cmd->add_flag("--json", a->json, "machine-readable JSON");
  cmd->callback([&opts, &exit_code, a] {
    auto store = OpenForQuery(opts, nullptr);
    if (!store) {
      exit_code = kSetupError;
      return;
    }
    auto hits = store->Search(a->query, a->limit);
    if (a->json) {
      json list = json::array();
      for (const auto& h : hits) {
        json e = DocumentJson(h.document);
        e["snippet"] = h.snippet;
        list.push_back(e);
      }
      std::cout << Dump(list) << "\n";
    } else {
      for (const auto& h : hits) {
        std::cout << DocumentHeadline(h.document) << "\n";
        PrintDocumentBlock(h.document, "  ");
        std::cout << "  " << h.snippet << "\n\n";
      }
      if (hits.empty()) std::cerr << "vanban: no document contains " << a->query << "\n";
    }
    exit_code = hits.empty() ? kSomeFailed : kOk;
  });
}

void AddExport(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "export", "the citation graph for Graphviz (dot), Gephi (graphml) or Cytoscape (json)");
  struct Args {
    std::string format = "dot";
    std::string output;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--format", a->format, "dot | graphml | json")
      ->capture_default_str()
      ->check(CLI::IsMember({"dot", "graphml", "json"}));
  cmd->add_option("-o,--output", a->output, "write to this file instead of standard output");
  cmd->callback([&opts, &exit_code, a] {
    auto store = OpenForQuery(opts, nullptr);
    if (!store) {
      exit_code = kSetupError;
      return;
    }
    GraphData g = store->Graph();
    auto format = ParseGraphFormat(a->format);
    if (a->output.empty()) {
      WriteGraph(g, *format, std::cout);
    } else {
      std::ofstream out(a->output, std::ios::binary);
      if (!out) {
        spdlog::error("cannot write {}", a->output);
        exit_code = kSetupError;
        return;
      }
      WriteGraph(g, *format, out);
      if (!opts.quiet)
        std::cerr << "vanban: wrote " << g.nodes.size() << " nodes and " << g.edges.size()
                  << " citations to " << a->output << "\n";
    }
    exit_code = kOk;
  });
}

void AddFailures(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand("failures", "files that could not be read, and why");
  auto as_json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *as_json, "machine-readable JSON");
  cmd->callback([&opts, &exit_code, as_json] {
    auto store = OpenForQuery(opts, nullptr);
    if (!store) {
      exit_code = kSetupError;
      return;
    }
    auto rows = store->Failures();
    if (*as_json) {
      json list = json::array();
      for (const auto& f : rows)
        list.push_back({{"path", f.path},
                        {"sha256", f.sha256.empty() ? json(nullptr) : json(f.sha256)},
                        {"stage", f.stage},
                        {"message", f.message},
                        {"at", f.at},
                        {"version", f.version}});
      std::cout << Dump(list) << "\n";
    } else if (rows.empty()) {
      std::cout << "no failures\n";
    } else {
      for (const auto& f : rows)
        std::cout << f.path << "\n  " << f.stage << ": " << f.message << "  (" << f.at
                  << ", vanban " << f.version << ")\n";
    }
    exit_code = kOk;
  });
}

}  // namespace

void AddStoreCommands(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  AddIngest(app, opts, exit_code);
  AddLoad(app, opts, exit_code);
  AddCitedBy(app, opts, exit_code);
  AddCites(app, opts, exit_code);
  AddShow(app, opts, exit_code);
  AddSearch(app, opts, exit_code);
  AddExport(app, opts, exit_code);
  AddFailures(app, opts, exit_code);
  AddExtractWorkerCommand(app, opts.rules_dir, exit_code);  // ingest_ui.h
}

}  // namespace vanban::cli
