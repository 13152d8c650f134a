#!/usr/bin/env bash
# The corpus of real workbooks no one here wrote (tests/integration/real_workbooks.rs): test spreadsheets that other
# spreadsheet libraries publish inside their registry packages, made by Excel (Windows and Mac,
# 2007-2021), LibreOffice, OpenOffice, WPS, Google Sheets and BIFF writers. Nothing is committed:
# each archive is downloaded at a pinned version, checked against its SHA-256, and its
# spreadsheets are unpacked into the cache; a cached, verified archive is not downloaded again.
#
#   bash scripts/fetch-corpus.sh     # prints the folder of the unpacked files
#
# Cache: $RW_CORPUS_DIR, default ~/.cache/retention-worklist/corpus (archives/ and files/<source>/).
# Needs curl (or python3), sha256sum, tar and dpkg-deb (or ar).
set -euo pipefail

CACHE=${RW_CORPUS_DIR:-$HOME/.cache/retention-worklist/corpus}
log() { printf '[corpus] %s\n' "$*" >&2; }

# source | file | URL | SHA-256 | licence (of the package the files come from)
SOURCES=(
  "python-calamine|python_calamine-0.9.1.tar.gz|https://files.pythonhosted.org/packages/68/ec/923684e9d817b4b317942c9dd36a66cd213a3c0abcb3c58d2cb22e3a4355/python_calamine-0.9.1.tar.gz|458094c3dd41bd330c0a43d20e23489964ba28b3301687f1c5acc03c81d06a9f|MIT"
  "pyexcel-xls|pyexcel_xls-0.7.1.tar.gz|https://files.pythonhosted.org/packages/84/b0/48a7e56fcc0e9b2ef566999a4c65e3b7807a16b62bfe67d62c6ac7077c4e/pyexcel_xls-0.7.1.tar.gz|0e8c598dc840f9216507f1c16975c18b06e36df09acd79bda1a9de2f9cad0761|BSD-3-Clause"
  "pyexcel-xlsx|pyexcel_xlsx-0.6.1.tar.gz|https://files.pythonhosted.org/packages/b0/a2/f54dd1f3c57c8a7fc7ac40bf96688f5725fd33becf104f1468ef284ffb4c/pyexcel_xlsx-0.6.1.tar.gz|80b7985d394b73abf5c52212027bbbc0c7f6090192bcbc76403f8672d74c7960|BSD-3-Clause"
  "pyexcel-ods3|pyexcel-ods3-0.6.1.tar.gz|https://files.pythonhosted.org/packages/68/49/6fa598189a41f75f87b4fa964cdc185dade813d20c241266a790ad91bde5/pyexcel-ods3-0.6.1.tar.gz|53740fc9bc6e91e43cdc0ee4f557bb3b252d8493d34f2c11d26a93c53cfebc2e|BSD-3-Clause"
  "tablib|tablib-3.8.0.tar.gz|https://files.pythonhosted.org/packages/09/cc/fe19d9c2ac1088794a51fc72f49b7226f88a0361f924fb3d17a9ec80e657/tablib-3.8.0.tar.gz|94d8bcdc65a715a0024a6d5b701a5f31e45bd159269e62c73731de79f048db2b|MIT"
  "xlcalculator|xlcalculator-0.5.0.tar.gz|https://files.pythonhosted.org/packages/de/07/88e3f269c032c089636176ae97d8915e2390312413a2df8f6809d6ccd784/xlcalculator-0.5.0.tar.gz|5ea7337c3a86b0efcc1508d96345bf417387181344428be0a745e80a1fe9d1fc|MIT"
  "readxl|r-cran-readxl_1.4.2-1_amd64.deb|http://deb.debian.org/debian/pool/main/r/r-cran-readxl/r-cran-readxl_1.4.2-1_amd64.deb|eb705525f906c968022162e8e58993a8b444ae900ff0487389769721bdcb4e67|MIT"
)

download() { # URL FILE
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 --max-time 300 -o "$2" "$1"
  else
    python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$1" "$2"
  fi
}

mkdir -p "$CACHE/archives" "$CACHE/files"
for entry in "${SOURCES[@]}"; do
  IFS='|' read -r name file url sha licence <<<"$entry"
  archive="$CACHE/archives/$file"
  if [[ ! -f $archive ]] || ! echo "$sha  $archive" | sha256sum -c --status; then
    log "downloading $file ($licence)"
    download "$url" "$archive.part"
    if ! echo "$sha  $archive.part" | sha256sum -c --status; then
      rm -f "$archive.part"
      log "ERROR: $file does not have the pinned SHA-256"
      exit 1
    fi
    mv "$archive.part" "$archive"
    rm -rf "$CACHE/files/$name"
  fi
  out="$CACHE/files/$name"
  [[ -f $out/.done ]] && [[ $(cat "$out/.done") == "$sha" ]] && continue
  rm -rf "$out" "$out.tmp"
  mkdir -p "$out.tmp"
  case $file in
    *.deb)
      if command -v dpkg-deb >/dev/null 2>&1; then
        dpkg-deb -x "$archive" "$out.tmp/deb"
      else
        (cd "$out.tmp" && ar x "$archive" && mkdir deb && tar xf data.tar.* -C deb)
      fi ;;
    *) tar xzf "$archive" -C "$out.tmp" ;;
  esac
  mkdir -p "$out"
  # The spreadsheets only, flattened to <source>/<path with / as __>.
  (cd "$out.tmp" && find . -type f \( -iname '*.xlsx' -o -iname '*.xlsm' -o -iname '*.xls' -o -iname '*.ods' -o -iname '*.xlsb' \) -print0) |
    while IFS= read -r -d '' f; do
      rel=${f#./}; rel=${rel#*/}
      cp "$out.tmp/$f" "$out/${rel//\//__}"
    done
  rm -rf "$out.tmp"
  echo "$sha" >"$out/.done"
  log "$name: $(find "$out" -type f ! -name .done | wc -l) spreadsheets"
done
echo "$CACHE/files"
