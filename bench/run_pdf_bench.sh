#!/usr/bin/env bash
# Scanned-PDF figures for BENCHMARKS.md ("Scanned PDF (issue 4)"): a 4-page 240-dpi
# image-only PDF (one colour JPEG per page, no text layer) made by tools/scangen from a
# corpus/real document, read
#   - by the whole pipeline (`vanban ingest`: draw, prepare, OCR, extract, store), with 2
#     and 1 OCR workers;
#   - by bare Tesseract on the JPEGs inside the PDF, two processes at a time (the issue's
#     reference: 0.9 s/page);
#   - by bare Tesseract on the pipeline's own prepared pages (VANBAN_OCR_DUMP), two at a
#     time, and by the pipeline given those same pages (binary: its preparation then only
#     checks skew, orientation and borders; and with those checks off): the pipeline's
#     overhead over Tesseract on the same pre-processed page, with and without drawing
#     and preparing it;
#   - by OCRmyPDF (`-l vie --jobs 2 --force-ocr --sidecar`), when it is installed
#     (Debian package ocrmypdf; benchmark only, skipped with a message otherwise).
# OMP_THREAD_LIMIT=1 throughout. Medians of ROUNDS interleaved rounds (bench/interleaved.py;
# OCRmyPDF: RUNS runs, hyperfine), s/page = median / 4,
# and the character error rate of each against the ground truth.
# Then pages/s over a batch: BATCH more corpus/real documents as 4-page scanned PDFs,
# ingested in one run with 1 and with 2 workers (the throughput an archive run gets),
# ROUNDS interleaved rounds.
#   BUILD=build bench/run_pdf_bench.sh     (OUT=/tmp/vanban-pdf-bench ROUNDS=8 RUNS=5
#                                          DOC=corpus/real/014_….txt)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=${OUT:-/tmp/vanban-pdf-bench}
RUNS=${RUNS:-5}
ROUNDS=${ROUNDS:-8}
BATCH=${BATCH:-5}
DOC=${DOC:-$(ls corpus/real/014_*.txt)}
export OMP_THREAD_LIMIT=1
for tool in hyperfine tesseract pdfimages; do
  command -v "$tool" >/dev/null || { echo "run_pdf_bench: $tool is not installed" >&2; exit 2; }
done
rm -rf "$OUT" && mkdir -p "$OUT/jpeg" "$OUT/prepared"
"$BUILD/vanban-scangen" "$DOC" --out "$OUT" --name doc --pages 4 --variants "" --scan-pdf 240
PDF=$OUT/doc.scan.pdf
pdfimages -list "$PDF"
pdfimages -j "$PDF" "$OUT/jpeg/p"  # the page scans as they are stored in the PDF
pages=$(ls "$OUT"/jpeg/*.jpg | wc -l)
echo "PDF: $(stat -c %s "$PDF") bytes, $pages pages; text layer: $(pdftotext "$PDF" - | tr -d '[:space:]\f' | wc -c) characters"

# The pipeline's prepared pages and where its time goes (one run, not timed as a whole).
rm -f "$OUT/dump.db"
VANBAN_OCR_DUMP="$OUT/prepared" "$BUILD/vanban" ingest "$PDF" --db "$OUT/dump.db" -j 2 >/dev/null 2>&1
echo "pipeline per page (page, seconds drawing it; size, dpi, seconds preparing / in Tesseract / laying out):"
join -t $'\t' <(sort "$OUT/prepared/render.tsv") <(sort "$OUT/prepared/times.tsv") | sort -n

# Character error rate of each reader (whitespace collapsed, reading order counts).
"$BUILD/vanban" extract "$PDF" --json --with-text > "$OUT/pipeline.json" 2>/dev/null
for f in "$OUT"/jpeg/*.jpg; do tesseract "$f" - -l vie 2>/dev/null; done > "$OUT/tesseract.txt"
echo "CER pipeline: $(python3 bench/ocr_score.py cer "$OUT/doc.gt.txt" "$OUT/pipeline.json")"
echo "CER bare tesseract: $(python3 bench/ocr_score.py cer "$OUT/doc.gt.txt" "$OUT/tesseract.txt")"
OCRMYPDF=()
if command -v ocrmypdf >/dev/null; then
  ocrmypdf -q -l vie --jobs 2 --force-ocr --sidecar "$OUT/ocrmypdf.txt" "$PDF" "$OUT/ocrmypdf.pdf"
  echo "CER ocrmypdf: $(python3 bench/ocr_score.py cer "$OUT/doc.gt.txt" "$OUT/ocrmypdf.txt")"
  OCRMYPDF=(-n "ocrmypdf --jobs 2"
    "ocrmypdf -q -l vie --jobs 2 --force-ocr --sidecar $OUT/o.txt $PDF $OUT/o.pdf")
else
  echo "OCRmyPDF is not installed (Debian package ocrmypdf): its row is skipped"
fi
/usr/bin/time -f "%M" -o "$OUT/rss" "$BUILD/vanban" ingest "$PDF" --db "$OUT/rss.db" -j 2 >/dev/null 2>&1
echo "pipeline peak RSS (largest process): $(cat "$OUT/rss") KB"

echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
# The six compared with each other run in turn, round after round (bench/interleaved.py:
# a burst of load from elsewhere falls on all of them alike); OCRmyPDF, 7x slower, apart.
python3 bench/interleaved.py --rounds "$ROUNDS" --export-json "$OUT/times.json" \
  --prepare "rm -f $OUT/b.db $OUT/b.db-wal $OUT/b.db-shm" \
  -n "pipeline, 2 OCR workers" "$BUILD/vanban ingest $PDF --db $OUT/b.db -j 2" \
  -n "pipeline, 1 OCR worker" "VANBAN_OCR_WORKERS=1 $BUILD/vanban ingest $PDF --db $OUT/b.db -j 1" \
  -n "bare tesseract on the JPEGs, 2 at a time" \
  "ls $OUT/jpeg/*.jpg | xargs -P2 -I{} tesseract {} - -l vie" \
  -n "bare tesseract on the prepared pages, 2 at a time" \
  "ls $OUT/prepared/*.png | xargs -P2 -I{} tesseract {} - -l vie" \
  -n "pipeline on the prepared pages, 2 workers" "$BUILD/vanban ingest $OUT/prepared/*.png --db $OUT/b.db -j 2" \
  -n "the same, its preparation off" \
  "VANBAN_OCR_PREP_OFF=deskew,orient,border $BUILD/vanban ingest $OUT/prepared/*.png --db $OUT/b.db -j 2"
if [ ${#OCRMYPDF[@]} -gt 0 ]; then
  hyperfine --runs "$RUNS" --warmup 1 --export-json "$OUT/ocrmypdf.json" "${OCRMYPDF[@]}" >/dev/null 2>&1
fi
echo "load average after timing: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$OUT/times.json" "$pages" "$OUT/ocrmypdf.json" <<'EOF'
import json, os, statistics, sys
sys.path.insert(0, "bench")
from hyperfine_table import table
if os.path.exists(sys.argv[3]):  # one table: the interleaved runs and OCRmyPDF's
    both = json.load(open(sys.argv[1]))
    both["results"] += json.load(open(sys.argv[3]))["results"]
    json.dump(both, open(sys.argv[1] + ".all", "w"))
    sys.argv[1] += ".all"
med, cpu = table(sys.argv[1], int(sys.argv[2]))
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
fastest = {c: r["min"] for c, r in runs.items() if "min" in r}
p2, p1 = "pipeline, 2 OCR workers", "pipeline, 1 OCR worker"
bare, prep = "bare tesseract on the JPEGs, 2 at a time", "bare tesseract on the prepared pages, 2 at a time"
def over(a, b):
    return (f"wall {100 * (med[a] / med[b] - 1):+.0f}% (fastest runs {100 * (fastest[a] / fastest[b] - 1):+.0f}%), "
            f"CPU {100 * (cpu[a] / cpu[b] - 1):+.0f}%")
rounds = [a / b for a, b in zip(runs[p1]["times"], runs[p2]["times"])]
print(f"scaling 1 -> 2 workers: {med[p1] / med[p2]:.2f}x (fastest runs {fastest[p1] / fastest[p2]:.2f}x, "
      f"median of the rounds' ratios {statistics.median(rounds):.2f}x)")
print(f"pipeline over bare tesseract on the JPEGs: {over(p2, bare)}")
print(f"pipeline over bare tesseract on its prepared pages: {over(p2, prep)}")
pp = "pipeline on the prepared pages, 2 workers"
print(f"the same, both given the prepared pages (the pipeline without drawing and preparing): {over(pp, prep)}")
print(f"  and with the pipeline's own checks of the prepared page off: {over('the same, its preparation off', prep)}")
if "ocrmypdf --jobs 2" in med:
    print(f"ocrmypdf / pipeline: wall {med['ocrmypdf --jobs 2'] / med[p2]:.2f}x, CPU {cpu['ocrmypdf --jobs 2'] / cpu[p2]:.2f}x")
EOF

# Pages/s over a batch of scanned PDFs: one file's 4 pages end unevenly on 2 workers, and
# its start-up and extraction are a larger share; an archive run is many files.
mkdir -p "$OUT/batch"
for doc in $(ls corpus/real/*.txt | grep -v "$(basename "$DOC")" | head -n "$BATCH"); do
  "$BUILD/vanban-scangen" "$doc" --out "$OUT/batch" --name "$(basename "$doc" .txt | cut -c1-3)" \
    --pages 4 --variants "" --scan-pdf 240 >/dev/null
done
cp "$PDF" "$OUT/batch/doc.scan.pdf"
bpages=0
for f in "$OUT"/batch/*.scan.pdf; do bpages=$((bpages + $(pdfimages -list "$f" | tail -n +3 | wc -l))); done
echo "batch: $(ls "$OUT"/batch/*.scan.pdf | wc -l) scanned PDFs, $bpages pages"
# Interleaved like the rest: a 1-worker run and a 2-worker run side by side in each round,
# so that the ratio of the two in one round is measured under the same load.
python3 bench/interleaved.py --rounds "$ROUNDS" --export-json "$OUT/batch.json" \
  --prepare "rm -f $OUT/c.db $OUT/c.db-wal $OUT/c.db-shm" \
  -n "batch, 1 worker" "VANBAN_OCR_WORKERS=1 $BUILD/vanban ingest $OUT/batch/*.scan.pdf --db $OUT/c.db -j 1" \
  -n "batch, 2 workers" "$BUILD/vanban ingest $OUT/batch/*.scan.pdf --db $OUT/c.db -j 2"
python3 - "$OUT/batch.json" "$bpages" <<'EOF'
import json, statistics, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
pages = int(sys.argv[2])
for name, r in runs.items():
    print(f"{name:<20} median {r['median']:6.2f} s  fastest {r['min']:6.2f} s  {pages / r['median']:5.2f} pages/s  CPU {r['user'] + r['system']:6.2f} s")
one, two = runs["batch, 1 worker"], runs["batch, 2 workers"]
per_round = [a / b for a, b in zip(one["times"], two["times"])]
print(f"batch scaling 1 -> 2 workers: {one['median'] / two['median']:.2f}x (medians), "
      f"{one['min'] / two['min']:.2f}x (fastest runs), {statistics.median(per_round):.2f}x "
      f"(median of the rounds' ratios: {', '.join(f'{x:.2f}' for x in per_round)})")
EOF
