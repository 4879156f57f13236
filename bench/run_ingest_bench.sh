#!/usr/bin/env bash
# End-to-end ingest throughput: generates a corpus (10,000 documents by default), then
# runs `vanban ingest CORPUS` 5 times, each into a fresh database, and reports the median
# wall time and documents/s and the peak RSS; with --jobs 1 and --jobs 2 as well when the
# ingest command accepts --jobs.
#
#   bench/run_ingest_bench.sh
#   DOCS=2000 RUNS=3 bench/run_ingest_bench.sh
#   VANBAN=build/vanban NO_BUILD=1 bench/run_ingest_bench.sh    # an existing binary
#
# Environment: BUILD (default build-release, built in Release), VANBAN (the binary; default
# $BUILD/vanban), GENCORPUS (default next to VANBAN), NO_BUILD=1 (skip the build), DOCS
# (10000), SEED (42), RUNS (5), WORK (scratch folder; default temporary, removed at the end),
# NO_GNU_TIME=1 (measure with bash and /proc even when /usr/bin/time exists).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build-release}"
VANBAN="${VANBAN:-$BUILD/vanban}"
GENCORPUS="${GENCORPUS:-$(dirname "$VANBAN")/vanban-gencorpus}"
DOCS="${DOCS:-10000}"
SEED="${SEED:-42}"
RUNS="${RUNS:-5}"

if [[ -z "${WORK:-}" ]]; then
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
CORPUS="$WORK/corpus"
DB="$WORK/bench.db"

if [[ -z "${NO_BUILD:-}" ]]; then
  echo "== build (Release) in $BUILD"
  gen=()
  [[ -f "$BUILD/CMakeCache.txt" ]] || gen=(-G Ninja)
  cmake -S "$ROOT" -B "$BUILD" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" --target vanban vanban-gencorpus
fi
for bin in "$VANBAN" "$GENCORPUS"; do
  [[ -x "$bin" ]] || { echo "error: $bin not found (build it, or set VANBAN=...)" >&2; exit 2; }
done

# The ingest command is written by another engineer: say so plainly until it exists.
if ! help="$("$VANBAN" ingest --help 2>&1)"; then
  echo "error: \`vanban ingest\` is not available in $VANBAN yet:" >&2
  echo "$help" | head -5 >&2
  exit 3
fi
variants=("default")
if grep -q -- '--jobs' <<<"$help"; then
  variants+=("1" "2")
else
  echo "note: \`vanban ingest\` has no --jobs option; measuring its default only"
fi

echo "== generate $DOCS documents (seed $SEED) in $CORPUS"
rm -rf "$CORPUS"
"$GENCORPUS" --seeds "$ROOT/corpus/seeds" --out "$CORPUS" --count "$DOCS" --seed "$SEED"
bytes=$(du -sb "$CORPUS" | cut -f1)

TIME_BIN=""
if [[ -z "${NO_GNU_TIME:-}" && -x /usr/bin/time ]] && /usr/bin/time -f '%e' true 2>/dev/null; then
  TIME_BIN=/usr/bin/time
fi

# run_once OUTFILE ARGS...: appends "wall_s peak_rss_kb exit_code cpu_s" to OUTFILE
# (cpu_s = user + system time, "nan" when /usr/bin/time is missing).
run_once() {
  local out="$1"; shift
  rm -f "$DB" "$DB-wal" "$DB-shm"
  local rc=0
  if [[ -n "$TIME_BIN" ]]; then
    "$TIME_BIN" -f '%e %M %U %S' -o "$WORK/time.txt" "$VANBAN" --db "$DB" "$@" \
      >"$WORK/ingest.log" 2>&1 || rc=$?
    # /usr/bin/time prints "Command exited with non-zero status N" first when N != 0.
    tail -1 "$WORK/time.txt" | awk -v rc="$rc" '{printf "%s %s %d %.2f\n", $1, $2, rc, $3 + $4}' \
      >>"$out"
  else
    # No /usr/bin/time: wall time from bash, peak RSS (VmHWM) sampled from /proc.
    local start end hwm=0 pid
    start=$(date +%s%N)
    "$VANBAN" --db "$DB" "$@" >"$WORK/ingest.log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      local v
      v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [[ -n "$v" && "$v" -gt "$hwm" ]] && hwm=$v
      sleep 0.05
    done
    wait "$pid" || rc=$?
    end=$(date +%s%N)
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", (b - a) / 1e9}') $hwm $rc nan" \
      >>"$out"
  fi
  if [[ $rc -gt 1 ]]; then
    echo "error: vanban ingest exited with $rc:" >&2
    tail -5 "$WORK/ingest.log" >&2
    exit 4
  fi
}

echo "== vanban ingest, $RUNS runs per setting, fresh database each"
summary="$WORK/summary.txt"
: >"$summary"
for v in "${variants[@]}"; do
  results="$WORK/runs_$v.txt"
  : >"$results"
  for ((i = 1; i <= RUNS; i++)); do
    if [[ "$v" == "default" ]]; then
      run_once "$results" ingest "$CORPUS"
    else
      run_once "$results" ingest "$CORPUS" --jobs "$v"
    fi
    echo "  jobs=$v run $i: $(tail -1 "$results" |
      awk '{printf "%.2f s wall, %s s CPU, peak RSS %.0f MB, exit %d", $1, $4, $2/1024, $3}')"
  done
  echo "last run's summary: $(tail -1 "$WORK/ingest.log")"
  echo "$v $(tr '\n' ' ' <"$results")" >>"$summary"
done

python3 - "$summary" "$DOCS" "$bytes" <<'PY'
import statistics, sys
path, docs, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print(f"== median over runs: {docs} documents, {size / 1e6:.1f} MB")
print(f"{'jobs':>8} {'wall s':>8} {'docs/s':>9} {'MB/s':>7} {'CPU s':>8} {'docs/CPU-s':>10} "
      f"{'peak RSS MB':>12}")
for line in open(path):
    parts = line.split()
    name, vals = parts[0], [float(x) for x in parts[1:]]
    walls, rss, cpus = vals[0::4], vals[1::4], vals[3::4]
    w, c = statistics.median(walls), statistics.median(cpus)
    print(f"{name:>8} {w:8.2f} {docs / w:9.1f} {size / 1e6 / w:7.2f} {c:8.2f} {docs / c:10.1f} "
          f"{max(rss) / 1024:12.0f}")
print("docs/s and MB/s from wall time; docs/CPU-s = documents per second of user+system time")
PY
