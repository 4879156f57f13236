#!/usr/bin/env bash
# `vanban serve` on a large archive: page times (median, p90) for search, document page,
# citation graph and deadlines on 1,000,000 documents, then requests/s under concurrent
# load from a second process (wrk) while a third process (`vanban ingest`) writes.
#
#   bench/run_web_bench.sh            # BUILD=build-release, WORK=/tmp/vanban_web_bench
#
# The archive: the 1,000,000-document / 5,000,000-citation store of bench/store_bench.cpp
# (built by `vanban_bench --benchmark_filter=BM_StoreCitedBy` when missing; kept in the
# system temp folder), copied, then given what the web pages read and that bench leaves
# out: a short text per document, the full-text index, bodies (issuers), and one task per
# document (deadlines spread over 2020-2026, a fifth undated). The copy is kept in $WORK
# and reused; delete it to rebuild.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$root/build-release}
WORK=${WORK:-/tmp/vanban_web_bench}
DOCS=1000000
src=${VANBAN_BENCH_STORE_DIR:-/tmp}/vanban_bench_store_$DOCS.db
db=$WORK/web.db
mkdir -p "$WORK"

if [ ! -x "$BUILD/vanban" ] || [ ! -x "$BUILD/bench/vanban_bench" ]; then
  cmake -S "$root" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" --target vanban vanban_bench vanban-gencorpus
fi
if [ ! -f "$db" ]; then
  if [ ! -f "$src" ]; then
    "$BUILD/bench/vanban_bench" --benchmark_filter=BM_StoreCitedBy --benchmark_min_time=0.01 >/dev/null
  fi
  echo "building $db from $src ..."
  t0=$(date +%s)
  sqlite3 "$src" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  cp "$src" "$db.tmp"
  "$BUILD/vanban" failures --db "$db.tmp" >/dev/null  # brings an older schema up to date
  sqlite3 "$db.tmp" <<'SQL'
PRAGMA synchronous = OFF;
BEGIN;
UPDATE documents SET text =
  'ỦY BAN NHÂN DÂN' || char(10) || upper(issuer) || char(10) || 'Số: ' || number || '/' || symbol ||
  char(10) || 'V/v ' || subject || char(10) || 'Căn cứ Luật Tổ chức chính quyền địa phương;' ||
  char(10) || 'Thực hiện Kế hoạch cải cách hành chính năm ' || year || ', ' || issuer ||
  ' yêu cầu các cơ quan, đơn vị rà soát, báo cáo kết quả thực hiện nhiệm vụ số ' || id || '.';
DELETE FROM documents_fts;
INSERT INTO documents_fts(rowid, subject, body)
  SELECT id, 've viec thuc hien nhiem vu so ' || id,
    'uy ban nhan dan xa so ' || (id % 3000) || ' so ' || number || ' v v ve viec thuc hien nhiem vu so '
    || id || ' can cu luat to chuc chinh quyen dia phuong thuc hien ke hoach cai cach hanh chinh nam '
    || year || ' uy ban nhan dan xa so ' || (id % 3000)
    || ' yeu cau cac co quan don vi ra soat bao cao ket qua thuc hien nhiem vu so ' || id
  FROM documents;
INSERT OR IGNORE INTO bodies(name, match_key)
  SELECT DISTINCT issuer, 'uy ban nhan dan xa so ' || substr(issuer, 24) FROM documents;
INSERT OR IGNORE INTO document_bodies(document_id, body_id, role, position)
  SELECT d.id, b.id, 'issuer', 0 FROM documents d JOIN bodies b ON b.name = d.issuer;
INSERT INTO tasks(document_id, task_id, assignees, action, deadline_date, deadline_kind,
                  deadline_text, assignee_keys)
  SELECT id, '1', '["UBND các xã"]', 'rà soát, báo cáo kết quả thực hiện nhiệm vụ số ' || id,
    CASE WHEN id % 5 = 0 THEN NULL ELSE date('2020-01-01', '+' || ((id * 7919) % 2557) || ' days') END,
    'by', 'trước ngày …', '|uy ban nhan dan cac xa|'
  FROM documents;
COMMIT;
ANALYZE;
SQL
  mv "$db.tmp" "$db"
  echo "built in $(( $(date +%s) - t0 )) s"
fi

"$BUILD/vanban" serve --db "$db" --port 0 --today 2024-04-03 >"$WORK/serve.out" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
port=""
for _ in $(seq 100); do
  port=$(grep -o '127.0.0.1:[0-9]*' "$WORK/serve.out" | cut -d: -f2 || true)
  [ -n "$port" ] && break
  sleep 0.1
done
python3 - "$port" <<'PY'
import http.client, random, statistics, sys, time, urllib.parse
port = int(sys.argv[1])
c = http.client.HTTPConnection("127.0.0.1", port)
rng = random.Random(7)
symbols = ["QĐ-UBND", "KH-UBND", "UBND-VX", "UBND-NC", "TB-UBND", "BC-UBND", "CV-UBND"]
def q(s): return urllib.parse.quote(s)
pages = {
  "search: number (2454/QĐ-UBND)": lambda: f"/search?q={q(str(rng.randint(1, 20000)) + '/' + rng.choice(symbols))}",
  "search: words (nhiem vu so N)": lambda: f"/search?q={q('nhiem vu so ' + str(rng.randint(1, 1000000)))}",
  "search: issuer (UBND xã số N)": lambda: f"/search?q={q('UBND xã số ' + str(rng.randint(1, 2999)))}",
  "document page": lambda: f"/document/{rng.randint(1, 1000000)}",
  "citation graph (SVG)": lambda: f"/document/{rng.randint(1, 1000000)}/graph",
  "deadlines page": lambda: "/deadlines",
  "deadlines, one assignee": lambda: f"/deadlines?assignee={q('UBND xã')}",
}
print(f"| page | median ms | p90 ms | bytes |\n|---|---:|---:|---:|")
for name, url in pages.items():
    for _ in range(3):  # warm the cache a little
        c.request("GET", url()); c.getresponse().read()
    times, size = [], 0
    for _ in range(60):
        u = url(); t0 = time.perf_counter()
        c.request("GET", u); r = c.getresponse(); body = r.read()
        times.append((time.perf_counter() - t0) * 1000)
        assert r.status == 200, (u, r.status)
        size = len(body)
    times.sort()
    print(f"| {name} | {statistics.median(times):.1f} | {times[int(0.9 * len(times))]:.1f} | {size} |")
sys.stdout.flush()
PY

# Concurrent load: wrk (another process) on three pages while `vanban ingest` writes.
"$BUILD/vanban-gencorpus" --seeds "$root/corpus/seeds" --out "$WORK/new" --count 2000 --seed 9 >/dev/null 2>&1 || true
echo
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores; wrk, server and writer share them)"
echo "| page | requests/s, reads only | requests/s while ingest writes |"
echo "|---|---:|---:|"
for path in "/document/123457" "/search?q=2454%2FQ%C4%90-UBND" "/deadlines"; do
  a=$(wrk -t2 -c8 -d10s "http://127.0.0.1:$port$path" | awk '/Requests\/sec/ {print $2}')
  "$BUILD/vanban" ingest -q --db "$db" "$WORK/new" >/dev/null 2>&1 &
  w=$!
  b=$(wrk -t2 -c8 -d10s "http://127.0.0.1:$port$path" | awk '/Requests\/sec/ {print $2}')
  kill "$w" 2>/dev/null || true
  wait "$w" 2>/dev/null || true
  echo "| $path | $a | $b |"
done
