#!/usr/bin/env bash
# Rebuilds tests/fixtures/sheets/: the bundled sample and three dialect fixtures, converted by
# LibreOffice (a real spreadsheet program) into .xlsx, .ods and .xls, as Excel in Spanish (es-ES,
# semicolon) or in US English (comma) would read the CSV. tests/integration/sheets.rs checks that each gives the
# same classification, counts and worklist order as its CSV. Needs `soffice`
# (apt-get install libreoffice-calc-nogui); the files are committed, so the tests do not.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/tests/fixtures/sheets
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
convert() { # FILE FILTER
  local f=$1 filter=$2 fmt
  cp "$f" "$WORK/"
  for fmt in xlsx ods xls; do
    soffice --headless --infilter="$filter" --convert-to "$fmt" --outdir "$OUT" "$WORK/$(basename "$f")" >/dev/null
  done
}
# 59 = ';', 34 = '"', 76 = UTF-8, from line 1, 3082 = es-ES (day-first dates, 9.400 = 9400).
convert "$ROOT/www/sample/tenants-ejemplo.csv" "CSV:59,34,76,1,,3082"
convert "$ROOT/tests/fixtures/es-excel-semicolon.csv" "CSV:59,34,76,1,,3082"
# 44 = ',', 1033 = en-US (month-first dates).
convert "$ROOT/tests/fixtures/en-db-comma.csv" "CSV:44,34,76,1,,1033"
convert "$ROOT/tests/fixtures/us-month-first.csv" "CSV:44,34,76,1,,1033"
# Error cells: LibreOffice evaluates the formulas on import (the 13th token), so =NA() and =1/0
# become #N/A and #DIV/0! cells.
printf 'id;payment_failed;messages_used;messages_limit\nE-1;=NA();=1/0;100\nE-2;sí;95;100\n' > "$WORK/errors.csv"
soffice --headless --infilter="CSV:59,34,76,1,,3082,false,false,false,false,false,-1,true" \
  --convert-to xlsx --outdir "$OUT" "$WORK/errors.csv" >/dev/null
ls -la "$OUT"
