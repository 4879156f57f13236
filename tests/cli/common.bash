# Shared by the command-line tests (tests/cli/*.sh): results as "ok"/"FAIL" lines, and a
# `fail` flag each script returns with `exit "$fail"`. Sourced, not run (CTest runs *.sh).
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
# expect DESCRIPTION COMMAND...: the command must succeed.
expect() {
  local what="$1"; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}
# count_until DB N SQL: waits (at most 60 s) until the query on DB prints N; says what it
# last saw when it gives up. For things another process (a watch) stores in its own time.
count_until() {
  local db="$1" want="$2" sql="$3" got=""
  for _ in $(seq 1 600); do
    got=$(sqlite3 -cmd '.timeout 5000' "$db" "$sql" 2>/dev/null || true)
    [[ "$got" == "$want" ]] && return 0
    sleep 0.1
  done
  echo "  (last: $got, wanted $want)"
  return 1
}
