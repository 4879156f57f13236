// vanban serve: the archive as a web page for the office (search, documents, citations,
// deadlines, ingest history), in Vietnamese. The server only reads the database.
//
//   vanban serve                       # http://127.0.0.1:8080/ on this machine only
//   vanban serve --port 0              # any free port; the address is printed
//   vanban serve --listen 0.0.0.0      # the whole network may read the archive (warned)
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>

#include "pipeline/browse.h"
#include "tools/vanban/cli_util.h"
#include "tools/vanban/commands.h"
#include "web/server.h"

namespace vanban::cli {

void AddServeCommands(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand("serve", "web view of the archive for the office (read-only)");
  struct Options {
    int port = 8080;
    std::string listen = "127.0.0.1";
    std::string today;
    int threads = 8;
  };
  static Options o;
  cmd->add_option("--port", o.port, "port to listen on (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--listen", o.listen,
                  "address to listen on; anything but 127.0.0.1 lets other machines read the "
                  "archive")
      ->capture_default_str();
  cmd->add_option("--today", o.today, "the day the deadline page counts from (default: today)");
  cmd->add_option("--threads", o.threads, "request threads")->capture_default_str()->check(
      CLI::Range(1, 64));
  cmd->callback([&opts, &exit_code] {
    auto rules = LoadRules(opts);
    if (!rules) {
      exit_code = 2;
      return;
    }
    web::WebOptions w;
    w.db = opts.db;
    w.keys = std::make_shared<CitationKeys>(*rules);
    w.rrules = RruleTableOf(*rules);
    w.threads = o.threads;
    if (!o.today.empty()) {
      w.today = IsoDate(o.today);
      if (w.today.empty()) {
        spdlog::error("--today {}: not a date; write it as 30/6/2024 or 2024-06-30", o.today);
        exit_code = 2;
        return;
      }
    }
    auto server = web::WebServer::Create(w);
    if (!server) {
      spdlog::error("{}", server.error().message);
      exit_code = 2;
      return;
    }
    auto port = server.value()->Bind(o.listen, o.port);
    if (!port) {
      spdlog::error("{}", port.error().message);
      exit_code = 2;
      return;
    }
    bool local = o.listen == "127.0.0.1" || o.listen == "localhost" || o.listen == "::1";
    if (!local)
      spdlog::warn(
          "listening on {}: every machine that can reach this address can read the whole "
          "archive (there is no login)",
          o.listen);
    std::string host = o.listen.find(':') != std::string::npos ? "[" + o.listen + "]" : o.listen;
    std::cout << "vanban serve: mở http://" << host << ":" << port.value()
              << "/ trong trình duyệt (open it in a browser); Ctrl+C để dừng (to stop)"
              << std::endl;
    if (!server.value()->Run()) {
      spdlog::error("the web server stopped unexpectedly");
      exit_code = 2;
    }
  });
}

}  // namespace vanban::cli
