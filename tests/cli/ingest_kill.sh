#!/usr/bin/env bash
# Bulk ingest interrupted: kill -9 at random points several times, then a rerun; the
# database passes PRAGMA integrity_check and holds every file exactly once with all its
# documents. Then Ctrl-C (SIGINT) stops cleanly with exit 130 and a rerun finishes; the
# same document with different bytes is a duplicate; --move-done and --retry-failed.
#
# Env (set by CTest): VANBAN_BIN, VANBAN_SOURCE_DIR.
set -euo pipefail

BIN="${VANBAN_BIN:?VANBAN_BIN not set}"
SRC="${VANBAN_SOURCE_DIR:?VANBAN_SOURCE_DIR not set}"
GEN="$(dirname "$BIN")/vanban-gencorpus"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"
q() { sqlite3 -cmd '.timeout 5000' k.db "$1"; }

"$GEN" --seeds "$SRC/corpus/seeds" --out corpus --count 1500 --seed 7 >/dev/null
files=$(find corpus -type f -name '*.txt' | wc -l)

# The reference: one uninterrupted run.
"$BIN" -q --db ref.db ingest corpus
ref_docs=$(sqlite3 ref.db 'SELECT count(*) FROM documents')
ref_cites=$(sqlite3 ref.db 'SELECT count(*) FROM citations')

RANDOM=42
kills=0
for round in 1 2 3 4 5; do
  "$BIN" -q --db k.db ingest corpus --jobs 2 &
  pid=$!
  sleep "0.$((RANDOM % 9 + 1))"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
  expect "round $round: integrity_check after kill -9" test "$(q 'PRAGMA integrity_check')" = ok
  if [ "$(q "SELECT count(*) FROM sqlite_master WHERE name = 'files'")" = 0 ]; then
    # Killed before the schema was committed: the database must be empty, not half-made.
    expect "round $round: killed before the schema, no table at all" \
      test "$(q "SELECT count(*) FROM sqlite_master WHERE type = 'table'")" = 0
  else
    # A file is either whole or absent: every stored file has its documents.
    expect "round $round: no file stored without its documents" \
      test "$(q 'SELECT count(*) FROM files f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = f.sha256)')" = 0
  fi
done
echo "     ($kills of 5 runs killed while working)"
expect "at least one run was killed while working" test "$kills" -ge 1
"$BIN" --db k.db ingest corpus 2>rerun.txt
expect "rerun completes" grep -q "^vanban: $files files read" rerun.txt
expect "rerun: integrity_check" test "$(q 'PRAGMA integrity_check')" = ok
expect "every file exactly once" test "$(q 'SELECT count(*) FROM files')" = "$files"
expect "no path twice" test "$(q 'SELECT count(DISTINCT path) FROM files')" = "$files"
expect "the same documents as an uninterrupted run" test "$(q 'SELECT count(*) FROM documents')" = "$ref_docs"
expect "the same citations as an uninterrupted run" test "$(q 'SELECT count(*) FROM citations')" = "$ref_cites"
expect "no failures" test "$(q 'SELECT count(*) FROM failures')" = 0

# --- SIGINT: finish what is in hand, exit 130, say how to continue -----------------------
rm -f k.db*
"$BIN" --db k.db ingest corpus --jobs 2 2>int.txt &
pid=$!
sleep 0.5
kill -INT "$pid"
set +e
wait "$pid"
rc=$?
set -e
if grep -q "interrupted" int.txt; then
  expect "Ctrl-C: exit status 130" test "$rc" -eq 130
  expect "Ctrl-C: summary printed" grep -q "files read" int.txt
else
  echo "     (the run finished before Ctrl-C)"
fi
"$BIN" -q --db k.db ingest corpus
expect "after Ctrl-C, a rerun stores the rest" test "$(q 'SELECT count(*) FROM documents')" = "$ref_docs"

# --- duplicates, --move-done, --retry-failed ---------------------------------------------
mkdir -p d/in d/done
f=$(ls "$SRC"/corpus/seeds/003_*.txt)  # Công văn 583/UBND of 15/03/2024: number, issuer, date
cp "$f" d/in/a.txt
cp "$f" d/in/b.txt                       # the same bytes twice
{ cat "$f"; echo; echo "(bản quét lại)"; } >d/in/c.txt   # the same document, other bytes
printf 'ab\0\1\2' >d/in/bad.txt
set +e
"$BIN" --db d.db ingest d/in --move-done d/done 2>d.txt
rc=$?
set -e
cat d.txt
expect "a failure makes exit status 1" test "$rc" -eq 1
expect "same bytes: one document, two paths" \
  test "$(sqlite3 d.db "SELECT count(*) FROM files WHERE path LIKE '%/a.txt' OR path LIKE '%/b.txt'"):$(sqlite3 d.db 'SELECT count(DISTINCT sha256) FROM files')" = "2:2"
expect "same document scanned again: recorded as a duplicate of the first" \
  test "$(sqlite3 d.db 'SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL AND duplicate_of IN (SELECT id FROM documents)')" -ge 1
expect "a duplicate is no second node" \
  test "$(sqlite3 d.db 'SELECT count(*) FROM nodes WHERE document_id IN (SELECT id FROM documents WHERE duplicate_of IS NOT NULL)')" = 0
expect "summary counts the duplicate" grep -Eq " [1-9][0-9]* duplicates?," d.txt
expect "--move-done: stored files moved" test -f d/done/a.txt -a -f d/done/b.txt -a -f d/done/c.txt
expect "--move-done: the store records where they are now" \
  test "$(sqlite3 d.db "SELECT count(*) FROM files WHERE path LIKE '%/d/done/%'")" = 3
expect "--move-done: a failed file stays" test -f d/in/bad.txt -a ! -e d/in/a.txt
expect "failure recorded with file, stage, message and version" \
  test "$(sqlite3 d.db "SELECT count(*) FROM failures WHERE path LIKE '%/d/in/bad.txt' AND stage = 'load' AND message <> '' AND version <> ''")" = 1
set +e
"$BIN" --db d.db ingest d/in 2>again.txt
"$BIN" --db d.db ingest --retry-failed 2>retry.txt
rc=$?
set -e
expect "a rerun skips what failed before" grep -q "1 failed before" again.txt
expect "--retry-failed reads it again (and it fails again)" grep -q "bad.txt: load stage" retry.txt
expect "--retry-failed exit status 1" test "$rc" -eq 1

exit $fail
