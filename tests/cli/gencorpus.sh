#!/usr/bin/env bash
# vanban-gencorpus: deterministic, documents look like documents, numbers vary, UTF-8.
#
#   VANBAN_BIN=build/vanban VANBAN_SOURCE_DIR=$PWD bash tests/cli/gencorpus.sh
#
# CTest sets VANBAN_BIN (the vanban binary; the generator sits next to it) and
# VANBAN_SOURCE_DIR.
set -euo pipefail

: "${VANBAN_BIN:?set VANBAN_BIN to the vanban binary}"
: "${VANBAN_SOURCE_DIR:?set VANBAN_SOURCE_DIR to the source tree}"
GEN="$(dirname "$VANBAN_BIN")/vanban-gencorpus"
if [[ ! -x "$GEN" ]]; then
  echo "FAIL: $GEN not built" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

"$GEN" --seeds "$VANBAN_SOURCE_DIR/corpus/seeds" --out "$tmp/a" --count 50 --seed 1234 --quiet
"$GEN" --seeds "$VANBAN_SOURCE_DIR/corpus/seeds" --out "$tmp/b" --count 50 --seed 1234 \
  --threads 1 --quiet
"$GEN" --seeds "$VANBAN_SOURCE_DIR/corpus/seeds" --out "$tmp/c" --count 50 --seed 99 --quiet

n=$(find "$tmp/a" -name 'gen_*.txt' | wc -l)
[[ "$n" -eq 50 ]] || fail "expected 50 files, got $n"
[[ -f "$tmp/a/000/gen_000001.txt" && -f "$tmp/a/000/gen_000050.txt" ]] ||
  fail "files not named 000/gen_NNNNNN.txt"

# Determinism: same seed, same bytes (whatever the thread count); another seed differs.
diff -r "$tmp/a" "$tmp/b" >/dev/null || fail "same --seed gave different output"
if diff -r "$tmp/a" "$tmp/c" >/dev/null; then fail "different --seed gave the same output"; fi

# Every file: valid UTF-8, a "Số" line, a date; the documents' own numbers vary.
python3 - "$tmp/a" <<'PY'
import os, re, sys
root = sys.argv[1]
so = re.compile(r'Số:? *([0-9.]*)(?:/\d{4})? *[/-] *[A-ZĐ]')
date = re.compile(r'[Nn]gày\s*(?:\d{1,2}\s+)?tháng\s*(?:\d{1,2}\s+)?năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}')
numbers, problems = set(), []
for dirpath, _, files in os.walk(root):
    for f in sorted(files):
        raw = open(os.path.join(dirpath, f), 'rb').read()
        try:
            text = raw.decode('utf-8')
        except UnicodeDecodeError as e:
            problems.append(f'{f}: not UTF-8 ({e})')
            continue
        m = so.search(text)
        if not m:
            problems.append(f'{f}: no "Số" line')
        elif m.group(1):
            numbers.add(m.group(1))
        if not date.search(text):
            problems.append(f'{f}: no date')
if len(numbers) < 20:
    problems.append(f'own numbers do not vary: {sorted(numbers)}')
if problems:
    print('\n'.join(problems[:20]), file=sys.stderr)
    sys.exit(1)
PY
echo "ok: gencorpus"
