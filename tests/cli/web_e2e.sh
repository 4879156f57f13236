#!/usr/bin/env bash
# End-to-end test of the web view in a real browser (headless Chromium driven through
# chromedriver by tests/cli/web_e2e.py): search for a letter, open it, follow its
# citation to the cited document, check the hostile document runs no script, and save a
# screenshot ($VANBAN_E2E_SCREENSHOT, default web_e2e.png next to the vanban binary).
# Exits 77 (CTest: skipped) only when chromium or chromedriver is not installed;
# scripts/install-deps.sh installs both, so CI runs it.
set -euo pipefail
BIN=${VANBAN_BIN:-build/vanban}
SRC=${VANBAN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
DRIVER=$(command -v chromedriver || true)
if [ -z "$CHROMIUM" ] || [ -z "$DRIVER" ]; then
  echo "SKIP: chromium or chromedriver is not installed (scripts/install-deps.sh installs them)"
  exit 77
fi
SHOT=${VANBAN_E2E_SCREENSHOT:-$(dirname "$BIN")/web_e2e.png}
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"$BIN" ingest -q --db "$tmp/a.db" "$SRC/corpus" "$SRC/tests/web"
"$BIN" serve --db "$tmp/a.db" --port 0 --today 2024-04-03 >"$tmp/serve.out" 2>"$tmp/serve.err" &
pids+=($!)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
dport=$(free_port)
"$DRIVER" --port="$dport" >"$tmp/driver.log" 2>&1 &
pids+=($!)
port=""
for _ in $(seq 100); do
  port=$(grep -o '127.0.0.1:[0-9]*' "$tmp/serve.out" 2>/dev/null | cut -d: -f2 || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "FAIL: vanban serve printed no address"; cat "$tmp/serve.err"; exit 1; }

python3 "$SRC/tests/cli/web_e2e.py" --driver "http://127.0.0.1:$dport" \
  --base "http://127.0.0.1:$port" --chromium "$CHROMIUM" --profile "$tmp/profile" \
  --screenshot "$SHOT"
echo "PASS: web_e2e (screenshot: $SHOT)"
