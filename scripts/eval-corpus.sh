#!/usr/bin/env bash
# Scores `vanban extract --json` on every corpus document that has gold (corpus/gold/).
# usage: scripts/eval-corpus.sh [BUILD_DIR] [extra vanban-eval args, e.g. --detail --min ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift || true
pred=$(mktemp)
trap 'rm -f "$pred"' EXIT
files=()
for g in "$root"/corpus/gold/*.json; do
  base=$(basename "$g" .json)
  for d in seeds real; do
    [ -f "$root/corpus/$d/$base.txt" ] && files+=("$root/corpus/$d/$base.txt")
  done
done
"$build/vanban" extract "${files[@]}" --json >"$pred"
if [ -x "$build/vanban-eval" ]; then
  "$build/vanban-eval" "$pred" "$root/corpus/gold" "$@"
else
  python3 "$root/../shared/eval/score.py" "$pred" "$root/corpus/gold" "$@"
fi
