#!/usr/bin/env bash
# Bad scans and PDFs in an archive folder, as a clerk meets them: a truncated PDF, an
# encrypted PDF, a PDF with no pages, a 1-pixel image, an image whose header claims
# 60,000 × 60,000 pixels, and a corrupt JPEG, beside one good scanned PDF. `vanban ingest`
# must store the good one, say one plain line per bad file naming the file and the stage
# (and the page where there is one) with nothing else on stderr (no library's own
# messages), record each for `vanban failures`, exit with status 1, and stay small in
# memory (the huge header is refused before any pixel is read).
#
# Env (set by CTest): VANBAN_BIN, VANBAN_SOURCE_DIR.
set -euo pipefail

BIN="${VANBAN_BIN:?VANBAN_BIN not set}"
SRC="${VANBAN_SOURCE_DIR:?VANBAN_SOURCE_DIR not set}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"

mkdir in
cp "$SRC/corpus/scans/cv583.pdf" in/good.pdf
python3 - "$SRC/corpus/scans/cv583.pdf" <<'EOF'
import struct, sys, zlib
pdf = open(sys.argv[1], "rb").read()
open("in/truncated.pdf", "wb").write(pdf[: len(pdf) // 3])
open("in/zero-pages.pdf", "wb").write(
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
# The standard security handler with a user password: the empty password does not open it.
open("in/encrypted.pdf", "wb").write(
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"4 0 obj<</Filter/Standard/V 1/R 2/P -4/O<" + b"7" * 64 + b">/U<" + b"3" * 64 + b">>>endobj\n"
    b"trailer<</Root 1 0 R/Encrypt 4 0 R/ID[<0123456789abcdef0123456789abcdef>"
    b"<0123456789abcdef0123456789abcdef>]>>\n%%EOF\n")
def png(w, h, data=None):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
    if data is not None:
        out += chunk(b"IDAT", zlib.compress(data))
    return out + chunk(b"IEND", b"")
open("in/one-pixel.png", "wb").write(png(1, 1, b"\x00\x80"))
open("in/huge.png", "wb").write(png(60000, 60000))
open("in/corrupt.jpg", "wb").write(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x55" * 200)
EOF

set +e
# Run through python3 to read the peak RSS (KB) of the largest process it waited for.
python3 -c 'import resource, subprocess, sys
rc = subprocess.run(sys.argv[1:], stderr=open("run.txt", "w")).returncode
open("rss.txt", "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc)' "$BIN" --db a.db ingest in --jobs 2
status=$?
set -e
cat run.txt

expect "exit status 1 (some files failed)" test "$status" -eq 1
expect "the good scan is stored" test "$(sqlite3 a.db 'SELECT count(*) FROM documents')" -eq 1
line() { grep -Fx "vanban: error: $TMP/in/$1: $2" run.txt >/dev/null; }
expect "truncated PDF: load stage, plain words" \
  line truncated.pdf "load stage: the PDF cannot be opened (it is damaged or cut short)"
expect "PDF without pages" line zero-pages.pdf "load stage: the PDF has no pages"
expect "encrypted PDF, and what to do" \
  line encrypted.pdf "load stage: the PDF is encrypted (password-protected); remove the password and add it again"
expect "1-pixel image, its page named" \
  line one-pixel.png "ocr stage: page 1: the image is too small to hold text (1 × 1 pixels)"
expect "60,000 × 60,000 header refused, its page named" \
  line huge.png "ocr stage: page 1: the page is too large to read (60000 × 60000 pixels; the limit is 60 megapixels)"
expect "corrupt JPEG" \
  line corrupt.jpg "load stage: the image cannot be read (damaged, or not an image format this program reads)"
others=$(grep -v -e '^vanban: error: ' -e '^vanban: 7 files read, ' run.txt || true)
expect "nothing else on stderr (no library's own messages)" test -z "$others"
expect "each bad file recorded for 'vanban failures'" \
  test "$("$BIN" --db a.db failures --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" -eq 6
expect "memory stays small (peak RSS $(cat rss.txt) KB, under 400 MB)" test "$(cat rss.txt)" -lt 400000
exit "$fail"
