#!/usr/bin/env bash
# A reader that crashes or hangs on one file costs that file, not the run: in a folder of
# generated documents, one file makes the reader raise SIGSEGV and one makes it hang
# (the worker's test hook, pipeline/worker.h: VANBAN_TEST_CRASH_ON / VANBAN_TEST_HANG_ON,
# read only by the child process). Both are recorded as failures (stage extract, plain
# message, tool versions), every other file is stored exactly as in a run without them,
# exit status 1; `vanban failures` lists them; --retry-failed reads them again. Then the
# same with `vanban watch`: after a crash the watch goes on storing files.
#
# Env (set by CTest): VANBAN_BIN, VANBAN_SOURCE_DIR.
set -euo pipefail

BIN="${VANBAN_BIN:?VANBAN_BIN not set}"
SRC="${VANBAN_SOURCE_DIR:?VANBAN_SOURCE_DIR not set}"
GEN="$(dirname "$BIN")/vanban-gencorpus"
TMP="$(mktemp -d)"
WATCH_PID=""
cleanup() { [[ -n "$WATCH_PID" ]] && kill "$WATCH_PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
cd "$TMP"
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"

CRASH=VANBAN-TEST-CRASH-5c1e
HANG=VANBAN-TEST-HANG-5c1e

"$GEN" --seeds "$SRC/corpus/seeds" --out corpus --count 60 --seed 11 >/dev/null 2>&1
files=$(find corpus -type f -name '*.txt' | wc -l)
"$BIN" -q --db ref.db ingest corpus
ref_docs=$(sqlite3 ref.db 'SELECT count(*) FROM documents')
ref_cites=$(sqlite3 ref.db 'SELECT count(*) FROM citations')

# The two bad files are ordinary letters with the marker in their text.
cp -r corpus in
seed="$(ls "$SRC"/corpus/seeds/*.txt | head -1)"
{ cat "$seed"; echo "$CRASH"; } >in/crash.txt
{ cat "$seed"; echo "$HANG"; } >in/hang.txt

set +e
VANBAN_TEST_CRASH_ON=$CRASH VANBAN_TEST_HANG_ON=$HANG \
  "$BIN" --db c.db ingest in --jobs 2 --timeout 3 2>run.txt
status=$?
set -e
expect "exit status 1 when files failed (got $status)" test "$status" = 1
expect "the run read every file" grep -q "^vanban: $((files + 2)) files read" run.txt
expect "the crash is reported in plain words, naming the file and stage" \
  grep -q "in/crash.txt: extract stage: the reader crashed on this file (signal 11, segmentation fault); the run went on" run.txt
expect "the hang is reported in plain words, naming the file and stage" \
  grep -q "in/hang.txt: extract stage: the reader took longer than 3 s on this file (--timeout) and was stopped; the run went on" run.txt
expect "every other file is stored" test "$(sqlite3 c.db 'SELECT count(*) FROM files')" = "$files"
expect "the same documents as a run without the bad files" \
  test "$(sqlite3 c.db 'SELECT count(*) FROM documents')" = "$ref_docs"
expect "the same citations as a run without the bad files" \
  test "$(sqlite3 c.db 'SELECT count(*) FROM citations')" = "$ref_cites"
expect "both recorded as failures of the extract stage" \
  test "$(sqlite3 c.db "SELECT group_concat(substr(path, length(path) - 8) || ':' || stage, ' ') FROM (SELECT * FROM failures ORDER BY path)")" = "crash.txt:extract /hang.txt:extract"
expect "failures record the tool versions" \
  test "$(sqlite3 c.db "SELECT count(*) FROM failures WHERE version LIKE '%ICU %' AND version LIKE '%SQLite %'")" = 2
expect "integrity_check" test "$(sqlite3 c.db 'PRAGMA integrity_check')" = ok
cat run.txt
cat run.txt

# The same with one job: reading, preparing and writing take turns on one core (a
# two-core machine), and a hanging file holding the turn does not stall the rest.
set +e
VANBAN_TEST_CRASH_ON=$CRASH VANBAN_TEST_HANG_ON=$HANG \
  "$BIN" --db j1.db ingest in --jobs 1 --timeout 3 2>run1.txt
status=$?
set -e
expect "--jobs 1: exit status 1 (got $status)" test "$status" = 1
expect "--jobs 1: every other file is stored" test "$(sqlite3 j1.db 'SELECT count(*) FROM files')" = "$files"
expect "--jobs 1: the same documents" test "$(sqlite3 j1.db 'SELECT count(*) FROM documents')" = "$ref_docs"
expect "--jobs 1: the same citations" test "$(sqlite3 j1.db 'SELECT count(*) FROM citations')" = "$ref_cites"
expect "--jobs 1: both recorded as failures" test "$(sqlite3 j1.db 'SELECT count(*) FROM failures')" = 2

"$BIN" --db c.db failures >failures.txt
expect "vanban failures lists the crash with its message" \
  grep -q "extract: the reader crashed on this file (signal 11, segmentation fault)" failures.txt
expect "vanban failures lists the hang with its message" \
  grep -q "extract: the reader took longer than 3 s on this file" failures.txt
expect "vanban failures names both files" test "$(grep -c '/in/\(crash\|hang\).txt$' failures.txt)" = 2

# The same bytes are skipped by a later run (they failed before), even with the hooks on.
set +e
VANBAN_TEST_CRASH_ON=$CRASH VANBAN_TEST_HANG_ON=$HANG \
  "$BIN" --db c.db ingest in --timeout 3 2>again.txt
status=$?
set -e
expect "a rerun skips what failed before (exit $status)" test "$status" = 0
expect "a rerun does not read the bad files again" \
  test "$(grep -c 'the reader' again.txt || true)" = 0

# Still crashing: --retry-failed reads them again and records them again.
set +e
VANBAN_TEST_CRASH_ON=$CRASH VANBAN_TEST_HANG_ON=$HANG \
  "$BIN" --db c.db ingest --retry-failed --timeout 2 2>retry1.txt
status=$?
set -e
expect "--retry-failed on still-bad files: exit 1 (got $status)" test "$status" = 1
expect "--retry-failed read both again" test "$(grep -c 'extract stage: the reader' retry1.txt)" = 2
expect "the hang's new time limit is recorded" \
  test "$(sqlite3 c.db "SELECT count(*) FROM failures WHERE message LIKE '%longer than 2 s%'")" = 1

# The readers mended (no hooks): --retry-failed stores them, the failures are gone.
set +e
"$BIN" --db c.db ingest --retry-failed 2>retry2.txt
status=$?
set -e
expect "--retry-failed stores them once they read (exit $status)" test "$status" = 0
expect "no failures left" test "$(sqlite3 c.db 'SELECT count(*) FROM failures')" = 0
expect "vanban failures says so" test "$("$BIN" --db c.db failures)" = "no failures"
expect "both files stored now" test "$(sqlite3 c.db 'SELECT count(*) FROM files')" = "$((files + 2))"

# --- watch: a crash on one file, and the files after it are still stored ---------------
mkdir w
VANBAN_TEST_CRASH_ON=$CRASH "$BIN" --db w.db watch w --settle 0.1 --jobs 1 >watch.log 2>&1 &
WATCH_PID=$!
for _ in $(seq 1 100); do grep -q "watching" watch.log && break; sleep 0.05; done
cp in/crash.txt w/crash.txt
expect "watch records the crash" count_until w.db 1 "SELECT count(*) FROM failures WHERE stage = 'extract'"
cp "$(find corpus -type f -name '*.txt' | sort | head -1)" w/good.txt
expect "watch stores the next file after the crash" \
  count_until w.db 1 "SELECT count(*) FROM files WHERE path LIKE '%/w/good.txt'"
expect "watch is still running" kill -0 "$WATCH_PID"
kill -TERM "$WATCH_PID"
set +e
wait "$WATCH_PID"
status=$?
set -e
WATCH_PID=""
expect "watch exits 1 after a failure (got $status)" test "$status" = 1
expect "watch logged the crash" grep -q "w/crash.txt: extract stage: the reader crashed" watch.log

exit $fail
