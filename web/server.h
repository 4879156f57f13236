// `vanban serve`: the web view over an archive, for clerks. Read-only: every connection is
// opened with Store::Mode::kReadOnly, so SQLite itself refuses writes.
//
//   WebOptions o{.db = "vanban.db", .keys = keys};
//   auto server = WebServer::Create(o);                  // opens the database once to check it
//   if (!server) { report(server.error()); }             // stage "serve": no database, …
//   auto port = (*server)->Bind("127.0.0.1", 8080);      // 0: any free port
//   (*server)->Run();                                    // until Stop() from another thread
//
// Routes (GET; each page also answers ?format=json with the data behind it):
//   /search?q=…            Tìm kiếm     /document/<id>        Văn bản
//   /document/<id>/graph   Sơ đồ        /document/<id>/original/<n>  the n-th stored file
//   /deadlines[?assignee=&issuer=&today=]  Hạn xử lý, with /deadlines.ics and /deadlines.csv
//   /ingest                Nhập liệu    /static/style.css
// Bad requests (unknown route, id or format, a date that is not one) get a 4xx page in
// Vietnamese; an unexpected error gets a 500 page and the server goes on.
//
// Originals: only a path the store recorded for that document is served, and only while
// the file there still has the bytes the store recorded (SHA-256), so no request can read
// any other file. Text originals are sent as text/plain; every response forbids scripts
// (Content-Security-Policy).
//
// Threads: httplib answers on a pool of threads; each takes a connection from a pool of
// read-only Stores (one per thread at a time). Other processes may write meanwhile (WAL).
#pragma once

#include <memory>
#include <string>

#include "extractors/citation_key.h"
#include "pipeline/result.h"
#include "pipeline/task_export.h"

namespace vanban::web {

struct WebOptions {
  std::string db = "vanban.db";
  std::shared_ptr<const CitationKeys> keys;
  RruleTable rrules;  // recurring duties in /deadlines.ics (task_export.h)
  std::string today;  // ISO day the deadline page counts from; "" = the local date each time
  int threads = 8;    // request threads (and at most this many database connections)
};

class WebServer {
 public:
  static Result<std::unique_ptr<WebServer>> Create(const WebOptions& options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds host:port (port 0: a free port chosen by the system). Returns the port, or a
  // StageError (stage "serve") naming the address when it cannot be bound.
  Result<int> Bind(const std::string& host, int port);
  // Answers requests until Stop(). Returns false when the server could not run.
  bool Run();
  // Makes Run() return; safe from any thread.
  void Stop();
  // True once Run() is accepting connections.
  bool running() const;

 private:
  struct Impl;
  explicit WebServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban::web
