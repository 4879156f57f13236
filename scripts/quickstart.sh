#!/usr/bin/env bash
# Quick start: install the Debian packages, build, and ingest the bundled corpus into
# vanban.db in the current folder (or the folder given as $VANBAN_DB's parent).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$root/build"
"$root/build/vanban" --db "${VANBAN_DB:-vanban.db}" ingest "$root/corpus"
