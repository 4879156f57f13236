// `vanban tasks --due-before DATE` on a large archive: 1,000,000 tasks in 200,000 documents.
//
//   build-release/bench/vanban_bench --benchmark_filter='^BM_Tasks'
//   VANBAN_BENCH_TASKS=100000 build-release/bench/vanban_bench --benchmark_filter=Tasks
//
// The store is made through Store::Open (real schema and indexes) in a temporary folder,
// then filled with bulk inserts in one transaction: five tasks per document, deadlines
// spread over 2020-2026, a fifth of them undated. BM_TasksDueBefore runs what the command
// runs for a random date: Store::QueryTasks with due_before and the default page of
// results (--limit 1000), documents read for each row. BM_TasksDueBeforeAssignee adds
// an --assignee filter.
#include <SQLiteCpp/SQLiteCpp.h>
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "extractors/citation_key.h"
#include "pipeline/rules.h"
#include "pipeline/store.h"

namespace {

namespace fs = std::filesystem;
using vanban::Store;

long TaskCount() {
  const char* v = std::getenv("VANBAN_BENCH_TASKS");
  return v && *v ? std::atol(v) : 1000000;
}

std::string Date(std::mt19937_64& rng) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", 2020 + static_cast<int>(rng() % 7),
                1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28));
  return buf;
}

Store& BenchStore() {
  static std::unique_ptr<Store> store = [] {
    const long tasks = TaskCount();
    fs::path dir = fs::temp_directory_path() / ("vanban_bench_tasks_" + std::to_string(tasks));
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto rules = vanban::RuleSet::LoadEmbedded();
    auto keys = std::make_shared<vanban::CitationKeys>(rules.value());
    auto opened = Store::Open((dir / "tasks.db").string(), Store::Mode::kCreate, keys);
    std::unique_ptr<Store> s = std::move(opened.value());
    SQLite::Database& db = s->database();
    SQLite::Transaction tx(db);
    SQLite::Statement doc(db,
                          "INSERT INTO documents(id, sha256, part, type, number, symbol, issuer, "
                          "date, subject, record_json, ingested_at) "
                          "VALUES(?, ?, 1, 'Công văn', ?, 'UBND', ?, '2024-01-01', ?, '{}', '')");
    SQLite::Statement task(db,
                           "INSERT INTO tasks(document_id, task_id, assignees, action, "
                           "deadline_date, deadline_kind, deadline_text, assignee_keys) "
                           "VALUES(?, ?, ?, ?, ?, 'by', ?, ?)");
    std::mt19937_64 rng(42);
    const char* bodies[] = {"Phòng Nội vụ", "UBND các xã", "Sở Tài chính", "Văn phòng UBND"};
    const char* keys_folded[] = {"|phong noi vu|", "|uy ban nhan dan cac xa|",
                                 "|so tai chinh|", "|van phong uy ban nhan dan|"};
    const long docs = tasks / 5;
    for (long d = 1; d <= docs; ++d) {
      doc.bind(1, static_cast<std::int64_t>(d));
      doc.bind(2, "sha" + std::to_string(d));
      doc.bind(3, std::to_string(d % 3000 + 1));
      doc.bind(4, "Ủy ban nhân dân xã " + std::to_string(d % 500));
      doc.bind(5, "triển khai nhiệm vụ số " + std::to_string(d));
      doc.exec();
      doc.reset();
      for (int t = 1; t <= 5; ++t) {
        int b = static_cast<int>(rng() % 4);
        task.bind(1, static_cast<std::int64_t>(d));
        task.bind(2, std::to_string(t));
        task.bind(3, std::string("[\"") + bodies[b] + "\"]");
        task.bind(4, "báo cáo kết quả thực hiện nhiệm vụ " + std::to_string(t));
        if (rng() % 5 == 0) {
          task.bind(5);
          task.bind(6);
        } else {
          std::string date = Date(rng);
          task.bind(5, date);
          task.bind(6, "chậm nhất ngày " + date);
        }
        task.bind(7, keys_folded[b]);
        task.exec();
        task.reset();
      }
    }
    tx.commit();
    db.exec("ANALYZE");
    return s;
  }();
  return *store;
}

void RunQuery(benchmark::State& state, bool with_assignee) {
  Store& store = BenchStore();
  std::mt19937_64 rng(7);
  std::size_t rows = 0;
  for (auto _ : state) {
    vanban::TaskQuery q;
    q.due_before = Date(rng);
    if (with_assignee) q.assignee = "UBND xa";
    auto result = store.QueryTasks(q);
    rows += result.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["rows_per_query"] =
      benchmark::Counter(static_cast<double>(rows) / static_cast<double>(state.iterations()));
}

void BM_TasksDueBefore(benchmark::State& state) { RunQuery(state, false); }
void BM_TasksDueBeforeAssignee(benchmark::State& state) { RunQuery(state, true); }

BENCHMARK(BM_TasksDueBefore)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_TasksDueBeforeAssignee)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

}  // namespace
