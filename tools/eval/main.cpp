// vanban-eval: scores `vanban extract --json` output against gold records, as
// shared/eval/score.py does (same metrics, same matching rules, same text output).
//
//   vanban extract corpus/seeds/*.txt --json > out.jsonl
//   vanban-eval out.jsonl corpus/gold                      # one `name: 0.000` line per metric
//   vanban-eval out.jsonl corpus/gold --detail             # per-item notes first
//   vanban-eval out.jsonl corpus/gold --json               # one JSON object of metrics
//   vanban-eval out.jsonl corpus/gold --min header_accuracy=0.8 citation_f1=0.6
//
// Inputs: PRED.jsonl (one extraction record per line) and GOLD_DIR (*.json gold records).
// Output (text): the notes indented by two spaces, one line per metric, then
// `[BELOW: name=0.42<0.5, … | ]score: S`. With --json: the metrics as one JSON object on
// stdout (NaN as null); notes and the BELOW line go to stderr.
// Exit: 0 on success, 1 when a --min floor is not met, 2 on a usage error (bad arguments,
// missing file, unreadable gold folder, malformed JSON line named as file:line, unknown metric).
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "tools/eval/scoring.h"

namespace {

// "name=0.8" -> floor; throws EvalError on anything else.
vanban::eval::Floor ParseFloor(const std::string& item, const vanban::eval::Metrics& metrics) {
  const std::size_t eq = item.find('=');
  if (eq == std::string::npos || eq == 0)
    throw vanban::eval::EvalError("--min expects METRIC=VALUE, got '" + item + "'");
  vanban::eval::Floor f{item.substr(0, eq), 0.0};
  const std::string value = item.substr(eq + 1);
  errno = 0;
  char* end = nullptr;
  f.value = std::strtod(value.c_str(), &end);
  while (end && *end && std::isspace(static_cast<unsigned char>(*end))) ++end;
  if (value.empty() || end == value.c_str() || (end && *end) || errno == ERANGE)
    throw vanban::eval::EvalError("--min " + item + ": '" + value + "' is not a number");
  if (!metrics.Get(f.metric)) {
    std::string names;
    for (const auto& [k, v] : metrics.values) names += (names.empty() ? "" : ", ") + k;
    throw vanban::eval::EvalError("--min " + item + ": unknown metric '" + f.metric +
                                  "' (known: " + names + ")");
  }
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "vanban-eval: scores `vanban extract --json` output (JSON Lines) against gold records,\n"
      "with the matching rules of shared/spec/extraction.md (same numbers as score.py).\n"
      "Exit status: 0 ok, 1 a --min floor not met, 2 usage error."};
  std::string pred_path, gold_dir;
  bool detail = false, json = false;
  std::vector<std::string> mins;
  app.add_option("PRED", pred_path, "predictions, one extraction record per line")->required();
  app.add_option("GOLD_DIR", gold_dir, "folder of gold records (*.json)")->required();
  app.add_flag("--detail", detail,
               "print the per-item notes first (missed/extra citations, wrong fields, missed "
               "tasks)");
  app.add_flag("--json", json, "print the metrics as one JSON object");
  app.add_option("--min", mins, "floors METRIC=VALUE ...; exit 1 when a metric is below one")
      ->expected(1, -1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    const auto preds = vanban::eval::LoadPredictions(pred_path);
    const auto result = vanban::eval::Score(preds, gold_dir, detail);
    const auto& metrics = result.metrics;

    // Like a Python dict: a repeated metric keeps its first place and takes the last value.
    std::vector<vanban::eval::Floor> floors;
    for (const auto& item : mins) {
      auto f = ParseFloor(item, metrics);
      bool seen = false;
      for (auto& old : floors)
        if (old.metric == f.metric) {
          old.value = f.value;
          seen = true;
        }
      if (!seen) floors.push_back(f);
    }
    const auto bad = vanban::eval::BelowFloors(metrics, floors);
    const std::string below = vanban::eval::FormatBelow(metrics, bad);

    std::ostream& note_out = json ? std::cerr : std::cout;
    for (const auto& n : result.notes) note_out << "  " << n << "\n";
    if (json) {
      std::cout << vanban::eval::ToJson(metrics).dump() << "\n";
      if (!bad.empty()) std::cerr << below.substr(0, below.size() - 3) << "\n";
    } else {
      std::cout << vanban::eval::FormatText(metrics) << below
                << "score: " << vanban::eval::FormatFixed(metrics.Get("score").value_or(0.0), 3)
                << "\n";
    }
    std::cout.flush();
    return bad.empty() ? 0 : 1;
  } catch (const vanban::eval::EvalError& e) {
    std::cerr << "vanban-eval: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "vanban-eval: " << e.what() << "\n";
    return 2;
  }
}
