#!/usr/bin/env bash
# Whole scanned documents against their text (issue 4): every corpus document with gold
# (corpus/gold) is laid out over as many A4 pages as it needs by vanban-scangen, scanned
# to an image-only 240-dpi PDF, and read by `vanban extract --json`; the same documents
# are read as text. Both are scored against the gold with shared/eval/score.py and
# printed side by side, metric by metric, with the scan's share of the text score.
#
#   BUILD=build bench/run_scan_quality.sh            # table only
#   DETAIL=1 BUILD=build bench/run_scan_quality.sh   # also what the scans miss
#
# Settings: BUILD (build folder with vanban and vanban-scangen; default build), WORK
# (scratch folder, kept when given), PAGES (page limit per document, 50), DPI (240),
# SCORE (the scorer, default ../shared/eval/score.py). A quality figure, not a timing:
# it takes a few minutes on 2 cores (OCR of ~100 pages).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac
pages=${PAGES:-50}
dpi=${DPI:-240}
score=${SCORE:-$root/../shared/eval/score.py}
[ -f "$score" ] || score=/work/shared/eval/score.py
export OMP_THREAD_LIMIT=1
for b in vanban vanban-scangen; do
  [ -x "$build/$b" ] || { echo "run_scan_quality: $build/$b is missing (ninja -C $build $b)" >&2; exit 2; }
done
if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/gen" "$work/scan"
texts=()
scans=()
total_pages=0
for g in "$root"/corpus/gold/*.json; do
  base=$(basename "$g" .json)
  src=""
  for d in seeds real; do
    [ -f "$root/corpus/$d/$base.txt" ] && src=$root/corpus/$d/$base.txt
  done
  [ -n "$src" ] || { echo "run_scan_quality: no corpus text for gold $base" >&2; exit 2; }
  texts+=("$src")
  # score.py matches a record to its gold by the base name of source.path without its
  # extension: the scan is renamed from BASE.scan.pdf to scan/BASE.pdf.
  msg=$("$build/vanban-scangen" "$src" --out "$work/gen" --name "$base" --pages "$pages" \
        --variants "" --scan-pdf "$dpi" --all-documents --split-paragraphs --page-numbers)
  n=$(sed -n 's/.*(\([0-9]*\) pages.*/\1/p' <<<"$msg")
  if [ "${n:-0}" -ge "$pages" ]; then
    echo "run_scan_quality: $base needs more than $pages pages; its body would be cut (PAGES=...)" >&2
    exit 2
  fi
  total_pages=$((total_pages + n))
  mv "$work/gen/$base.scan.pdf" "$work/scan/$base.pdf"
  scans+=("$work/scan/$base.pdf")
done
echo "scanned ${#scans[@]} documents, $total_pages pages at $dpi dpi (ground truth in $work/gen/*.gt.txt)"
"$build/vanban" extract "${texts[@]}" --json >"$work/text.jsonl"
"$build/vanban" extract "${scans[@]}" --json >"$work/scan.jsonl" || true  # a failed file is scored as unread
python3 "$score" "$work/text.jsonl" "$root/corpus/gold" --detail >"$work/text.score"
python3 "$score" "$work/scan.jsonl" "$root/corpus/gold" --detail >"$work/scan.score"
python3 - "$work/text.score" "$work/scan.score" <<'EOF'
import re, sys
def read(p):
    m = {}
    for line in open(p, encoding="utf-8"):
        r = re.match(r"^([\w.]+): ([0-9.]+|nan)$", line.strip())
        if r:
            m[r.group(1)] = float(r.group(2))
    return m
t, s = read(sys.argv[1]), read(sys.argv[2])
print(f"{'metric':<22}{'text':>8}{'scan':>8}{'scan/text':>11}")
for k in t:
    ratio = s.get(k, 0) / t[k] if t[k] else float("nan")
    print(f"{k:<22}{t[k]:>8.3f}{s.get(k, 0):>8.3f}{ratio:>11.2f}")
EOF
if [ -n "${DETAIL:-}" ]; then
  echo "--- what the scans miss that the text does not (score.py --detail)"
  grep -Fxv -f "$work/text.score" "$work/scan.score" | grep '^  ' || true
fi
