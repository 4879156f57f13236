#!/usr/bin/env bash
# Text-path throughput in MB/s per core: builds Release, generates a corpus (10,000
# documents by default), runs vanban_bench's text benchmarks single-threaded (Decode,
# Normalize, Segment, the whole ExtractBytes, and ExtractNoTasks: the same without the task
# extractor) 5 times each and prints the medians.
#
#   bench/run_extract_bench.sh
#   DOCS=2000 REPS=3 BUILD=/tmp/b bench/run_extract_bench.sh
#
# Environment: BUILD (build folder, default build-release), DOCS (10000), SEED (42),
# REPS (5), CORPUS (where to generate; default a temporary folder, removed at the end),
# OUT (folder for text_bench.json; default the build folder).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build-release}"
DOCS="${DOCS:-10000}"
SEED="${SEED:-42}"
REPS="${REPS:-5}"
OUT="${OUT:-$BUILD}"

if [[ -z "${CORPUS:-}" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  CORPUS="$tmp/corpus"
fi

echo "== build (Release) in $BUILD"
gen=()
[[ -f "$BUILD/CMakeCache.txt" ]] || gen=(-G Ninja)
cmake -S "$ROOT" -B "$BUILD" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target vanban-gencorpus vanban_bench
if [[ ! -x "$BUILD/bench/vanban_bench" ]]; then
  echo "error: $BUILD/bench/vanban_bench was not built (is libbenchmark-dev installed?)" >&2
  exit 2
fi

echo "== generate $DOCS documents (seed $SEED) in $CORPUS"
rm -rf "$CORPUS"
"$BUILD/vanban-gencorpus" --seeds "$ROOT/corpus/seeds" --out "$CORPUS" --count "$DOCS" \
  --seed "$SEED"
du -sh "$CORPUS"

echo "== vanban_bench text benchmarks, single-threaded, $REPS repetitions"
mkdir -p "$OUT"
OMP_THREAD_LIMIT=1 VANBAN_BENCH_CORPUS="$CORPUS" "$BUILD/bench/vanban_bench" \
  --benchmark_filter='^BM_Text' \
  --benchmark_repetitions="$REPS" --benchmark_report_aggregates_only=true \
  --benchmark_out="$OUT/text_bench.json" --benchmark_out_format=json

echo "== median MB/s per core (input bytes; 1 MB = 10^6 bytes)"
python3 - "$OUT/text_bench.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
rows = [b for b in data["benchmarks"] if b.get("aggregate_name") == "median"]
if not rows:  # --benchmark_repetitions=1 gives no aggregates
    rows = [b for b in data["benchmarks"] if b.get("run_type") == "iteration"]
for b in rows:
    name = b["run_name"].split("/")[0].replace("BM_Text", "")
    print(f"{name:14s} {b['bytes_per_second'] / 1e6:9.2f} MB/s   "
          f"{b.get('items_per_second', 0):9.1f} docs/s   ({b.get('MB', 0):.1f} MB, "
          f"{int(b.get('docs', 0))} docs)")
ctx = data["context"]
print(f"host: {ctx.get('num_cpus')} CPUs at {ctx.get('mhz_per_cpu')} MHz, "
      f"load average {ctx.get('load_avg')}")
PY
