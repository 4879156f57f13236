// vanban extract FILE... [--json] [--with-text]: the record of each file, no database.
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "tools/vanban/commands.h"

namespace vanban::cli {
namespace {

void PrintHuman(const Record& r) {
  std::cout << r.source.path << "\n";
  if (r.error) {
    std::cout << "  error (" << r.error->stage << "): " << r.error->message << "\n";
    return;
  }
  for (const auto& d : r.documents) {
    auto v = [](const std::optional<std::string>& s) { return s ? *s : std::string("-"); };
    std::cout << "  [" << d.part << "] " << v(d.type) << " số " << v(d.number) << "/"
              << v(d.symbol) << (d.draft ? " (dự thảo)" : "") << "\n"
              << "      cơ quan ban hành: " << v(d.issuer.name)
              << (d.issuer.parent ? " (thuộc " + *d.issuer.parent + ")" : "") << "\n"
              << "      địa danh, ngày: " << v(d.place) << ", " << v(d.date) << "\n"
              << "      trích yếu: " << v(d.subject) << "\n"
              << "      người ký: " << v(d.signer.name) << " — " << v(d.signer.position) << "\n"
              << "      dẫn chiếu: " << d.citations.size() << ", nhiệm vụ: " << d.tasks.size()
              << "\n";
    for (const auto& c : d.citations)
      std::cout << "        -> " << v(c.key) << "  (" << c.relation << ")\n";
  }
}

}  // namespace

void AddExtractCommands(CLI::App& app, GlobalOptions& opts, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "extract", "print what each file says (one JSON object per file with --json); "
                 "touches no database");
  static std::vector<std::string> files;
  static bool json = false, with_text = false;
  cmd->add_option("FILE", files, "documents to read")->required();
  cmd->add_flag("--json", json, "JSON Lines, one record per file (spec/extraction.md)");
  cmd->add_flag("--with-text", with_text, "include each document's normalised text");
  cmd->callback([&opts, &exit_code] {
    auto pipeline = Pipeline::Create(opts.rules_dir);
    if (!pipeline) {
      spdlog::error("cannot load rules: {}", pipeline.error().message);
      exit_code = 2;
      return;
    }
    int failed = 0;
    for (const auto& f : files) {
      Record r = pipeline.value()->ExtractFile(f);
      if (r.error) {
        ++failed;
        spdlog::error("{}: {} stage: {}", f, r.error->stage, r.error->message);
      }
      if (json)
        std::cout << ToJsonLine(r, with_text) << "\n";
      else
        PrintHuman(r);
    }
    std::cout.flush();
    if (failed) exit_code = 1;
  });
}

}  // namespace vanban::cli
