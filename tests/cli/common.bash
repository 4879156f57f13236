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
