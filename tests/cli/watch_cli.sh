#!/usr/bin/env bash
# vanban watch with real files and processes: 1,000 small documents dropped as fast as
# possible, some written slowly in chunks through one open descriptor, some moved in from
# outside (one inside a new folder), partial names ignored; every document stored exactly
# once. Then a second watch on the same database is refused, queries work meanwhile,
# SIGTERM stops it cleanly; and polling mode picks up files the same way.
#
# Env (set by CTest): VANBAN_BIN.
set -euo pipefail

BIN="${VANBAN_BIN:?VANBAN_BIN not set}"
TMP="$(mktemp -d)"
WATCH_PID=""
cleanup() { [[ -n "$WATCH_PID" ]] && kill "$WATCH_PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
cd "$TMP"
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"

# A small công văn numbered N that cites Quyết định số 1/QĐ-UBND (the target file is
# dropped last, so its citations link up when it arrives).
doc() {
  cat <<TXT
ỦY BAN NHÂN DÂN
HUYỆN SƠN TÂY
Số: $1/UBND-VP
Sơn Tây, ngày 02 tháng 3 năm 2024

V/v thực hiện nhiệm vụ số $1

Kính gửi: Các phòng, ban chuyên môn.

Thực hiện Quyết định số 1/QĐ-UBND ngày 05/01/2024 của Ủy ban nhân dân huyện Sơn Tây,
Ủy ban nhân dân huyện đề nghị các cơ quan thực hiện nhiệm vụ số $1.

CHỦ TỊCH
Nguyễn Văn A
TXT
}

# stop_watch SIGNAL: sends it to the watch and waits for it; its exit status in $rc.
stop_watch() {
  kill -"$1" "$WATCH_PID"
  set +e
  wait "$WATCH_PID"
  rc=$?
  set -e
  WATCH_PID=""
}

# start_watch ARGS...: starts `vanban watch` (without OMP_THREAD_LIMIT in its
# environment, as a clerk's shell has none) and waits until it has taken its lock.
start_watch() {
  env -u OMP_THREAD_LIMIT "$BIN" --db w.db watch --settle "${SETTLE:-0.2}" "$@" >"watch.log" 2>&1 &
  WATCH_PID=$!
  for _ in $(seq 1 100); do
    grep -q "watching" watch.log 2>/dev/null && return 0
    sleep 0.05
  done
  cat watch.log
  return 1
}

mkdir in outside
start_watch in
expect "watch starts" kill -0 "$WATCH_PID"

N=1000
# Slow writers: one descriptor kept open, chunks written with pauses longer than the
# settle delay.
slow() {
  local f="in/slow_$1.txt"
  doc "$1" >"$TMP/slow_$1.src"
  exec {fd}>"$f"
  head -c 200 "$TMP/slow_$1.src" >&$fd; sleep 0.5
  tail -c +201 "$TMP/slow_$1.src" | head -c 200 >&$fd; sleep 0.5
  tail -c +401 "$TMP/slow_$1.src" >&$fd
  exec {fd}>&-
}
slow_pids=()
for i in 2 3 4 5 6; do slow "$i" & slow_pids+=($!); done
# Moved in from outside: files, and a whole folder made outside.
for i in $(seq 7 56); do doc "$i" >"outside/m_$i.txt"; done
mkdir outside/folder
for i in $(seq 57 106); do doc "$i" >"outside/folder/f_$i.txt"; done
# Fast drops, in a few subfolders made while watching.
mkdir -p in/a in/b/c
for i in $(seq 107 $N); do
  case $((i % 3)) in
    0) doc "$i" >"in/fast_$i.txt" ;;
    1) doc "$i" >"in/a/fast_$i.txt" ;;
    2) doc "$i" >"in/b/c/fast_$i.txt" ;;
  esac
done
for i in $(seq 7 56); do mv "outside/m_$i.txt" "in/m_$i.txt"; done
mv outside/folder in/folder
# Partial names are never taken.
doc 9001 >in/draft.txt.part
doc 9002 >'in/~$draft.txt'
doc 9003 >in/draft.tmp
# The cited document arrives last.
cat >in/target.txt <<TXT
ỦY BAN NHÂN DÂN
HUYỆN SƠN TÂY
Số: 1/QĐ-UBND
Sơn Tây, ngày 05 tháng 01 năm 2024

QUYẾT ĐỊNH
Về việc giao nhiệm vụ năm 2024

CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY

Điều 1. Giao nhiệm vụ năm 2024 cho các phòng, ban chuyên môn.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

CHỦ TỊCH
Nguyễn Văn A
TXT
wait "${slow_pids[@]}"  # the slow writers

total=$((N - 1 + 1))  # documents 2..N plus target.txt
expect "every file dropped is stored" count_until w.db "$total" "SELECT count(*) FROM files"
expect "each once: one document per file" count_until w.db "$total" "SELECT count(*) FROM documents"
expect "no document stored twice" test "$(sqlite3 w.db 'SELECT count(*) FROM (SELECT number FROM documents GROUP BY number HAVING count(*) > 1)')" = 0
expect "slow files stored whole (their last line is in the text)" \
  test "$(sqlite3 w.db "SELECT count(*) FROM documents d JOIN files f ON f.sha256 = d.sha256 WHERE f.path LIKE '%/slow_%' AND d.text LIKE '%Nguyễn Văn A%'")" = 5
expect "files of a folder moved in are stored" \
  test "$(sqlite3 w.db "SELECT count(*) FROM files WHERE path LIKE '%/in/folder/f_%'")" = 50
expect "partial names are not taken" \
  test "$(sqlite3 w.db "SELECT count(*) FROM files WHERE path LIKE '%draft%'")" = 0
expect "citations link up with the cited document that came last" \
  count_until w.db "$((N - 1))" "SELECT count(*) FROM citations c JOIN nodes n ON n.id = c.to_node_id WHERE n.document_id IS NOT NULL"

# Tesseract's OpenMP threads are off in the readers, which inherit the setting; the
# watch itself does not start a second time to set it (its start-up environment is as
# it was given).
readers=$(pgrep -P "$WATCH_PID")
expect "the watch has reader processes" test -n "$readers"
for r in $readers; do
  expect "reader $r runs with OMP_THREAD_LIMIT=1" grep -qz '^OMP_THREAD_LIMIT=1$' "/proc/$r/environ"
done
expect "the watch was started once" bash -c "! grep -qz '^OMP_THREAD_LIMIT=' /proc/$WATCH_PID/environ"

# While watching: queries from another process work, a second watch is refused.
expect "cited-by works while watching" bash -c "'$BIN' --db w.db cited-by 1/QĐ-UBND --json | grep -q slow_2.txt"
set +e
"$BIN" --db w.db watch in >second.log 2>&1
rc=$?
set -e
expect "a second watch exits 2" test "$rc" -eq 2
expect "a second watch says why, naming the first" grep -q "another \`vanban watch\` is already writing to w.db (process $WATCH_PID)" second.log

# A changed file replaces its record; then SIGTERM ends the watch cleanly.
doc 5000 >in/fast_108.txt
expect "a changed file replaces its old document" \
  count_until w.db "1" "SELECT count(*) FROM documents d JOIN files f ON f.sha256 = d.sha256 WHERE f.path LIKE '%/fast_108.txt' AND d.number = '5000'"
stop_watch TERM
expect "SIGTERM: the watch exits 0" test "$rc" -eq 0
expect "SIGTERM: a summary is printed" grep -q "files read" watch.log
expect "integrity check passes" test "$(sqlite3 w.db 'PRAGMA integrity_check')" = ok
expect "documents still one per file" test "$(sqlite3 w.db 'SELECT count(*) FROM documents')" = "$total"

# --- polling mode: no events used; files written slowly and moved in still taken once ---
rm -rf in outside w.db*
mkdir in outside
doc 1 >in/before.txt  # already there at start
SETTLE=1 start_watch in --poll 0.3
expect "polling: a file already there is picked up" count_until w.db 1 "SELECT count(*) FROM files"
for i in $(seq 2 41); do doc "$i" >"in/p_$i.txt"; done
doc 42 >outside/moved.txt && mv outside/moved.txt in/
# Pauses shorter than the settle delay: polling sees no events, only sizes and times.
( exec {fd}>in/slow.txt; doc 43 | head -c 150 >&$fd; sleep 0.4; doc 43 | tail -c +151 | head -c 150 >&$fd
  sleep 0.4; doc 43 | tail -c +301 >&$fd; exec {fd}>&- )
expect "polling: every file stored once" count_until w.db 43 "SELECT count(*) FROM documents"
expect "polling: the slow file is stored whole" \
  test "$(sqlite3 w.db "SELECT count(*) FROM documents WHERE number = '43' AND text LIKE '%Nguyễn Văn A%'")" = 1
stop_watch INT
expect "polling: Ctrl-C ends the watch with exit 0" test "$rc" -eq 0
expect "polling: the log says polling" grep -q "polling" watch.log

exit $fail
