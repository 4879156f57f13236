#!/usr/bin/env bash
# Extraction quality must not fall below the floors in scripts/eval-floors.txt, scored
# by vanban-eval on every corpus document with gold. Raise the floors as it improves.
set -euo pipefail
root=${VANBAN_SOURCE_DIR:?}
build=$(dirname "${VANBAN_BIN:?}")
read -r -a floors < <(grep -v '^#' "$root/scripts/eval-floors.txt" | head -1)
"$root/scripts/eval-corpus.sh" "$build" --min "${floors[@]}"
