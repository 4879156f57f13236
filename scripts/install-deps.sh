#!/usr/bin/env bash
# Installs every Debian package vanban needs to build, test and run.
# Debian 12 (bookworm) packages only; nothing is downloaded at build or run time.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config python3
  libicu-dev          # Unicode normalisation, case mapping, transliteration
  libre2-dev          # rule patterns (RE2, RE2::Set)
  libsqlitecpp-dev libsqlite3-dev  # the store (SQLite with FTS5)
  nlohmann-json3-dev  # the JSON record
  libcli11-dev        # command-line parsing
  libspdlog-dev libfmt-dev  # logging
  libyaml-cpp-dev     # rules/ data files
  libssl-dev          # SHA-256 (OpenSSL EVP)
  libgtest-dev libgmock-dev  # unit tests
  libbenchmark-dev    # micro-benchmarks
  sqlite3             # used by CLI tests to inspect the database
  libcpp-httplib-dev  # vanban serve: the HTTP server (and the web tests' client)
  libkainjow-mustache-dev  # vanban serve: HTML templates (web/templates)
  libgraphviz-dev graphviz  # vanban serve: citation pictures (libgvc, SVG)
  chromium chromium-driver fonts-dejavu-core  # end-to-end test of the web view (headless)
  wrk                 # bench/run_web_bench.sh: requests/s under concurrent load
  libtesseract-dev tesseract-ocr tesseract-ocr-vie  # OCR of scans (Vietnamese language data)
  libleptonica-dev    # image reading and preparation (deskew, binarisation)
  libpoppler-cpp-dev poppler-utils  # PDF text layers and page rendering
  libpoppler-private-dev  # poppler's core: the resolution of a scanned PDF page's image
  fonts-liberation2   # Times-like serif with Vietnamese glyphs for the scan generator
  libpango1.0-dev libcairo2-dev  # the scan generator draws Vietnamese text (tools/scangen)
)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "All build dependencies are installed."
fi
