#!/usr/bin/env bash
# The archive commands end to end on the seed corpus: ingest twice (the second run adds
# nothing), cited-by in the forms a clerk types, bad files recorded while the run goes on,
# failures listed, search without diacritics, export in every format, plain errors.
#
# Env (set by CTest): VANBAN_BIN, VANBAN_SOURCE_DIR.
set -euo pipefail

BIN="${VANBAN_BIN:?VANBAN_BIN not set}"
SRC="${VANBAN_SOURCE_DIR:?VANBAN_SOURCE_DIR not set}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"

# --- a query before any ingest: plain words, exit 2 -------------------------------------
set +e
"$BIN" cited-by 2454/QĐ-UBND >out.txt 2>err.txt
rc=$?
set -e
expect "query without a database exits 2" test "$rc" -eq 2
expect "query without a database says what to do" grep -q 'no database at vanban.db — run `vanban ingest FOLDER` first' err.txt
expect "query without a database creates no file" test ! -e vanban.db

# --- ingest twice ------------------------------------------------------------------------
mkdir corpus
cp "$SRC"/corpus/seeds/*.txt corpus/
n=$(ls corpus/*.txt | wc -l)
"$BIN" ingest corpus 2>first.txt
cat first.txt
expect "first ingest reads every file" grep -q "^vanban: $n files read" first.txt
expect "first ingest finds documents" grep -Eq " [1-9][0-9]* documents found" first.txt
expect "first ingest finds citations" grep -Eq " [1-9][0-9]* citations found" first.txt
expect "first ingest has no failures" grep -q " 0 failures" first.txt
expect "schema version is set" test "$(sqlite3 vanban.db 'PRAGMA user_version')" -ge 1
docs1=$(sqlite3 vanban.db 'SELECT count(*) FROM documents')
cites1=$(sqlite3 vanban.db 'SELECT count(*) FROM citations')
"$BIN" ingest corpus 2>second.txt
cat second.txt
expect "second ingest adds no documents" grep -q " 0 documents found, 0 citations found, $n skipped (unchanged)" second.txt
expect "second ingest leaves the tables as they were" \
  test "$(sqlite3 vanban.db 'SELECT count(*) FROM documents'):$(sqlite3 vanban.db 'SELECT count(*) FROM citations')" = "$docs1:$cites1"

# --- cited-by: corpus/seeds/002 cites Quyết định 2454/QĐ-UBND ngày 04/12/2022 --------------
for q in "2454/QD-UBND" "2454/QĐ-UBND" "QĐ 2454" "Quyết định số 2454/QĐ-UBND ngày 04/12/2022"; do
  "$BIN" cited-by "$q" >out.txt
  expect "cited-by '$q' finds the citing document" grep -q "002_cb74e0b9609914df.txt" out.txt
done
"$BIN" cited-by 2454/QD-UBND --json >out.json
expect "cited-by --json names the citing file, relation and sentence" python3 - out.json <<'PY'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
t = j["targets"]
assert len(t) == 1, t
assert t[0]["target"]["key"] == "2454/QĐ-UBND@2022", t[0]["target"]
c = t[0]["cited_by"]
assert any(p.endswith("002_cb74e0b9609914df.txt") for d in c for p in d["paths"]), c
assert all(d["depth"] == 1 and d["relation"] and "2454" in (d["sentence"] or "") for d in c), c
PY
set +e
"$BIN" cited-by 2454/QĐ-TTg >out.txt 2>err.txt
rc=$?
set -e
expect "cited-by with no match exits 1" test "$rc" -eq 1
expect "cited-by with no match says so" grep -q "nothing in vanban.db matches 2454/QĐ-TTG" err.txt
expect "cited-by with no match suggests the same number" grep -q "2454/QĐ-UBND" err.txt

# --- cites / show ------------------------------------------------------------------------
"$BIN" cites corpus/002_cb74e0b9609914df.txt >out.txt
expect "cites by file path lists 2454/QĐ-UBND" grep -q "2454/QĐ-UBND" out.txt
"$BIN" show corpus/002_cb74e0b9609914df.txt --json >out.json
expect "show --json has header, cites and paths" python3 - out.json <<'PY'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
d = j[0]
assert d["record"]["subject"], d
assert any(c["target"]["key"] == "2454/QĐ-UBND@2022" for c in d["cites"]), d["cites"]
assert d["paths"][0].endswith("002_cb74e0b9609914df.txt")
PY

# --- search without diacritics -----------------------------------------------------------
"$BIN" search "cai cach hanh chinh" --json >out.json
expect "search without diacritics finds documents" python3 -c '
import json,sys; assert len(json.load(open(sys.argv[1]))) >= 2' out.json
"$BIN" search "dong chi" >out.txt || true
expect "search folds đ" grep -qi "đồng chí" out.txt

# --- export ------------------------------------------------------------------------------
"$BIN" export --format dot -o g.dot 2>/dev/null
expect "dot export is a digraph with dashed unresolved nodes" grep -q "style=dashed" g.dot
"$BIN" export --format graphml >g.graphml
expect "graphml export is well-formed XML" xmllint --noout g.graphml
"$BIN" export --format json >g.json
expect "json export is Cytoscape elements" python3 -c '
import json,sys; j=json.load(open(sys.argv[1])); e=j["elements"]
assert e["nodes"] and e["edges"] and all("source" in x["data"] for x in e["edges"])' g.json

# --- bad files: each one failure line, the run goes on, exit 1 ---------------------------
: >corpus/empty.txt
head -c 3000 /dev/urandom >corpus/binary.txt
printf '\x00\x01\x02binary\x00' >>corpus/binary.txt
cp "$SRC"/corpus/seeds/003_3154606db7b394f5.txt corpus/zz_copy.txt   # same bytes, new path
set +e
"$BIN" ingest corpus 2>third.txt
rc=$?
set -e
cat third.txt
expect "ingest with bad files exits 1" test "$rc" -eq 1
expect "one error line for the empty file" test "$(grep -c 'empty.txt' third.txt)" -eq 1
expect "one error line for the binary file" test "$(grep -c 'binary.txt' third.txt)" -eq 1
expect "error lines name the stage" grep -q "empty.txt: load stage" third.txt
expect "the run goes on and counts 2 failures" grep -q " 2 failures" third.txt
expect "a copy at a new path is one document with two paths" \
  test "$(sqlite3 vanban.db "SELECT count(*) FROM files WHERE sha256 = (SELECT sha256 FROM files WHERE path LIKE '%zz_copy.txt')")" = 2
"$BIN" failures >out.txt
expect "failures lists the empty file" grep -q "empty.txt" out.txt
expect "failures lists the binary file" grep -q "binary.txt" out.txt
"$BIN" failures --json >out.json
expect "failures --json has path, stage, message, version" python3 - out.json <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 2, rows
for r in rows:
    assert r["stage"] == "load" and r["message"] and r["version"] and r["at"], r
PY

# --- a fixed file clears its failure -----------------------------------------------------
cp "$SRC"/corpus/seeds/000_53e32a473880f777.txt corpus/empty.txt
printf '\nthêm một dòng\n' >>corpus/empty.txt
"$BIN" ingest corpus/empty.txt 2>/dev/null
"$BIN" failures --json >out.json
expect "a successful ingest clears the failure" python3 -c '
import json,sys; rows=json.load(open(sys.argv[1])); assert [r["path"] for r in rows if "empty" in r["path"]] == [], rows' out.json

exit "$fail"
