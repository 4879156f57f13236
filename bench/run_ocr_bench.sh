#!/usr/bin/env bash
# OCR figures for BENCHMARKS.md ("OCR"): CER of the pipeline against plain Tesseract on
# generated pages (clean and degraded), seconds per page, pages/s with 1 and 2 workers,
# peak memory, and header-field agreement of scans against the same documents as text.
#   BUILD=build bench/run_ocr_bench.sh          (OUT=/tmp/vanban-ocr-bench by default)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=${OUT:-/tmp/vanban-ocr-bench}
VARIANTS=${VARIANTS:-clean,skew,photo,lowdpi}
export OMP_THREAD_LIMIT=1
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
for w in 1 2; do
  rm -f "$OUT/bench.db"
  s=$(date +%s.%N)
  VANBAN_OCR_WORKERS=$w /usr/bin/time -f "%M" -o "$OUT/mem.$w" "$BUILD/vanban" ingest "$OUT"/*.jpg "$OUT"/*.png --db "$OUT/bench.db" -j "$w" >/dev/null 2>&1 || true
  e=$(date +%s.%N)
  echo "workers $w: $pages pages in $(echo "$e - $s" | bc) s; peak RSS $(cat "$OUT/mem.$w") KB; load $(cut -d' ' -f1-3 /proc/loadavg)"
done
s=$(date +%s.%N)
for img in "$OUT"/*.jpg "$OUT"/*.png; do tesseract "$img" - -l vie >/dev/null 2>&1; done
e=$(date +%s.%N)
echo "plain tesseract, one at a time: $pages pages in $(echo "$e - $s" | bc) s"
# What each preparation step buys: mean CER over the degraded pages with the step off.
for off in none ink deskew binarize border upsample; do
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
