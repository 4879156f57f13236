#!/usr/bin/env bash
# OCR figures for BENCHMARKS.md ("OCR"): CER of the pipeline against plain Tesseract on
# generated pages (clean and degraded), seconds per page, pages/s with 1 and 2 workers
# against plain Tesseract's own (medians of RUNS runs, hyperfine), the pipeline's overhead
# over Tesseract on its prepared pages, peak memory, header-field agreement of scans
# against the same documents as text, and the CER with each preparation step off.
#   BUILD=build bench/run_ocr_bench.sh          (OUT=/tmp/vanban-ocr-bench by default)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=${OUT:-/tmp/vanban-ocr-bench}
VARIANTS=${VARIANTS:-clean,skew,photo,lowdpi}
export OMP_THREAD_LIMIT=1
for tool in hyperfine tesseract bc; do
  command -v "$tool" >/dev/null || { echo "run_ocr_bench: $tool is not installed" >&2; exit 2; }
done
rm -rf "$OUT" && mkdir -p "$OUT"
for seed in corpus/seeds/*.txt; do
  stem=$(basename "$seed" .txt)
  "$BUILD/vanban-scangen" "$seed" --out "$OUT" --name "$stem" --variants "$VARIANTS" >/dev/null
done
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-40s %8s %8s\n" page pipeline tesseract
for img in "$OUT"/*.jpg "$OUT"/*.png; do
  base=$(basename "$img"); stem=${base%%.*}
  VANBAN_OCR_WORKERS=1 "$BUILD/vanban" extract "$img" --json --with-text > "$img.json" 2>/dev/null || true
  tesseract "$img" - -l vie > "$img.tess.txt" 2>/dev/null
  a=$(python3 bench/ocr_score.py cer "$OUT/$stem.gt.txt" "$img.json")
  b=$(python3 bench/ocr_score.py cer "$OUT/$stem.gt.txt" "$img.tess.txt")
  printf "%-40s %8s %8s\n" "$base" "$a" "$b"
  f=$(python3 bench/ocr_score.py fields "corpus/gold/$stem.json" "$img.json")
  echo "fields $base $f" >> "$OUT/fields.txt"
done
for seed in corpus/seeds/*.txt; do
  stem=$(basename "$seed" .txt)
  "$BUILD/vanban" extract "$seed" --json > "$OUT/$stem.text.json" 2>/dev/null || true
  echo "fields $stem.text $(python3 bench/ocr_score.py fields "corpus/gold/$stem.json" "$OUT/$stem.text.json")" >> "$OUT/fields.txt"
done
cat "$OUT/fields.txt"
[ -n "${CER_ONLY:-}" ] && exit 0
pages=$(ls "$OUT"/*.jpg "$OUT"/*.png | wc -l)
# The pipeline's prepared pages, one folder per page (VANBAN_OCR_DUMP names pages by number).
mkdir -p "$OUT/prepared"
for img in "$OUT"/*.jpg "$OUT"/*.png; do
  d="$OUT/prepared/$(basename "$img").d"; mkdir -p "$d"
  VANBAN_OCR_WORKERS=1 VANBAN_OCR_DUMP="$d" "$BUILD/vanban" extract "$img" --json >/dev/null 2>&1 || true
  mv "$d/page-1.png" "$OUT/prepared/$(basename "$img").png"
done
for w in 1 2; do
  rm -f "$OUT"/rss.db*
  VANBAN_OCR_WORKERS=$w /usr/bin/time -f "%M" -o "$OUT/mem.$w" "$BUILD/vanban" ingest "$OUT"/*.jpg "$OUT"/*.png --db "$OUT/rss.db" -j "$w" >/dev/null 2>&1 || true
  echo "peak RSS with $w worker(s), largest process: $(cat "$OUT/mem.$w") KB"
done
# Medians of RUNS runs (hyperfine): the whole pipeline with 1 and 2 workers, plain
# Tesseract on the same files and on the pipeline's prepared pages, one and two at a time.
RUNS=${RUNS:-5}
echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs "$RUNS" --warmup 1 --export-json "$OUT/times.json" \
  --prepare "rm -f $OUT/b.db $OUT/b.db-wal $OUT/b.db-shm" \
  -n "pipeline, 1 worker" "VANBAN_OCR_WORKERS=1 $BUILD/vanban ingest $OUT/*.jpg $OUT/*.png --db $OUT/b.db -j 1" \
  -n "pipeline, 2 workers" "VANBAN_OCR_WORKERS=2 $BUILD/vanban ingest $OUT/*.jpg $OUT/*.png --db $OUT/b.db -j 2" \
  -n "tesseract on the files, 2 at a time" "ls $OUT/*.jpg $OUT/*.png | xargs -P2 -I{} tesseract {} - -l vie" \
  -n "tesseract on the prepared pages, 1 at a time" "ls $OUT/prepared/*.png | xargs -P1 -I{} tesseract {} - -l vie" \
  -n "tesseract on the prepared pages, 2 at a time" "ls $OUT/prepared/*.png | xargs -P2 -I{} tesseract {} - -l vie" \
  >/dev/null 2>&1
echo "load average after timing: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$OUT/times.json" "$pages" <<'PY'
import sys
sys.path.insert(0, "bench")
from hyperfine_table import table
med, cpu = table(sys.argv[1], int(sys.argv[2]))
p1, p2 = "pipeline, 1 worker", "pipeline, 2 workers"
t1, t2 = "tesseract on the prepared pages, 1 at a time", "tesseract on the prepared pages, 2 at a time"
print(f"scaling 1 -> 2 workers: pipeline {med[p1] / med[p2]:.2f}x, plain tesseract {med[t1] / med[t2]:.2f}x")
print(f"pipeline over tesseract on its prepared pages: 2 workers wall {100 * (med[p2] / med[t2] - 1):+.0f}%, "
      f"1 worker wall {100 * (med[p1] / med[t1] - 1):+.0f}%, CPU {100 * (cpu[p2] / cpu[t2] - 1):+.0f}%")
PY
# What each preparation step buys: mean CER over the degraded pages with the step off.
for off in none ink deskew binarize orient border upsample; do
  total=0; n=0
  for img in "$OUT"/*.skew.jpg "$OUT"/*.photo.jpg "$OUT"/*.lowdpi.png; do
    [ -e "$img" ] || continue
    base=$(basename "$img"); stem=${base%%.*}
    VANBAN_OCR_PREP_OFF=$off VANBAN_OCR_WORKERS=1 "$BUILD/vanban" extract "$img" --json --with-text > "$img.$off.json" 2>/dev/null || true
    c=$(python3 bench/ocr_score.py cer "$OUT/$stem.gt.txt" "$img.$off.json")
    total=$(echo "$total + $c" | bc -l); n=$((n + 1))
  done
  echo "prep off: $off  mean CER $(echo "scale=4; $total / $n" | bc -l) over $n degraded pages"
done
