#!/usr/bin/env bash
# Prints the SHA-256 of what the CLI writes for every fixture: the workbook and the --json summary,
# in Spanish and English, plus a two-day --previous run and a --split-by-executive run. A change
# that must not change output (a refactor) prints the same lines before and after:
#
#   bash scripts/output-hashes.sh > /tmp/before.txt   # on the old commit
#   bash scripts/output-hashes.sh > /tmp/after.txt    # on the new one
#   diff /tmp/before.txt /tmp/after.txt
#
# Uses target/release/retention-worklist (built when missing; BIN=... picks another binary).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BIN=${BIN:-target/release/retention-worklist}
[[ -x $BIN ]] || cargo build --release -q
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
AS_OF=2026-11-26

hash() { sha256sum "$1" | cut -c1-16; }

# run NAME ARGS...: one line "NAME lang xlsx=HASH json=HASH exit=N"
run() {
  local name=$1; shift
  local lang
  for lang in es en; do
    rm -f "$TMP/out.xlsx" "$TMP/out.json"
    local rc=0
    "$BIN" "$@" --as-of "$AS_OF" --tz UTC --lang "$lang" -q --json -o "$TMP/out.xlsx" \
      >"$TMP/out.json" 2>"$TMP/err.txt" || rc=$?
    local x=none j=none
    [[ -f $TMP/out.xlsx ]] && x=$(hash "$TMP/out.xlsx")
    [[ -s $TMP/out.json ]] && j=$(hash "$TMP/out.json")
    [[ $rc -ne 0 ]] && j="stderr:$(hash "$TMP/err.txt")"
    printf '%s %s xlsx=%s json=%s exit=%s\n' "$name" "$lang" "$x" "$j" "$rc"
  done
}

for f in www/sample/tenants-ejemplo.csv tests/fixtures/* tests/fixtures/sheets/* tests/hostile/*; do
  [[ -f $f ]] || continue
  run "$f" "$f"
done

# Two days: the sample as the previous list of a run one day later.
"$BIN" www/sample/tenants-ejemplo.csv --as-of "$AS_OF" --tz UTC -q -o "$TMP/day1.xlsx"
AS_OF=2026-11-27 run "previous:tenants-ejemplo" www/sample/tenants-ejemplo.csv --previous "$TMP/day1.xlsx"

# One workbook per executive.
for lang in es en; do
  rm -rf "$TMP/split"
  "$BIN" www/sample/tenants-ejemplo.csv --as-of "$AS_OF" --tz UTC --lang "$lang" -q \
    --split-by-executive "$TMP/split" >/dev/null
  for f in "$TMP"/split/*; do printf 'split:%s %s xlsx=%s\n' "$(basename "$f")" "$lang" "$(hash "$f")"; done
done
