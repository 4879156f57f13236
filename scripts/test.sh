#!/usr/bin/env bash
# Builds and runs every test (CTest): unit tests, command-line tests, and the
# extraction-quality floor on the corpus gold. This is the command CI runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$root/build"
ctest --test-dir "$root/build" --output-on-failure -j2
