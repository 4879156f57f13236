#!/usr/bin/env bash
# Watch-folder latency: from a text file's close in the watched folder to its citations
# being queryable from another process. Starts `vanban watch` on an empty folder, then
# copies generated documents in one at a time (each after the previous one is stored)
# and polls the database with sqlite3 every 10 ms. Reports the median and the maximum.
#
#   bench/run_watch_bench.sh                       # 40 files, default --settle (0.3 s)
#   N=100 SETTLE=0.1 VANBAN=build/vanban bench/run_watch_bench.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VANBAN="${VANBAN:-$ROOT/build/vanban}"
GENCORPUS="${GENCORPUS:-$(dirname "$VANBAN")/vanban-gencorpus}"
N="${N:-40}"
SETTLE="${SETTLE:-}"
WORK="$(mktemp -d)"
PID=""
trap '[[ -n "$PID" ]] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
"$GENCORPUS" --seeds "$ROOT/corpus/seeds" --out "$WORK/src" --count "$N" --seed 5 >/dev/null
mkdir "$WORK/in"
args=()
[[ -n "$SETTLE" ]] && args=(--settle "$SETTLE")
"$VANBAN" -q --db "$WORK/w.db" watch "$WORK/in" "${args[@]}" &
PID=$!
sleep 1
: >"$WORK/lat.txt"
i=0
for f in $(find "$WORK/src" -type f -name '*.txt' | sort); do
  i=$((i + 1))
  dest="$WORK/in/doc_$i.txt"
  cp "$f" "$dest"                       # cp closes the file when it returns
  t0=$(date +%s%N)
  sql="SELECT count(*) FROM citations c JOIN documents d ON d.id = c.from_document_id
       JOIN files f ON f.sha256 = d.sha256 WHERE f.path = '$dest'"
  files_sql="SELECT count(*) FROM files WHERE path = '$dest'"
  for _ in $(seq 1 1000); do
    [[ "$(sqlite3 -cmd '.timeout 2000' "$WORK/w.db" "$files_sql" 2>/dev/null)" == 1 ]] && break
    sleep 0.01
  done
  t1=$(date +%s%N)
  c=$(sqlite3 "$WORK/w.db" "$sql")
  echo "$(( (t1 - t0) / 1000000 )) $c" >>"$WORK/lat.txt"
done
kill -TERM "$PID"; wait "$PID" || true; PID=""
python3 - "$WORK/lat.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
ms = [int(r[0]) for r in rows]
with_cites = sum(1 for r in rows if int(r[1]) > 0)
print(f"{len(ms)} files ({with_cites} with citations): close -> queryable "
      f"median {statistics.median(ms):.0f} ms, max {max(ms)} ms")
PY
