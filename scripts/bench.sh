#!/usr/bin/env bash
# The benchmark, side by side (`npm run bench`): native CLI, wasm engine in Node, the page in
# headless Chromium, and the PapaParse + ExcelJS reference, at 10k, 100k and 1M generated rows.
# Prints the table and writes target/bench/results.json and target/bench/results.md.
#
#   bash scripts/bench.sh                     # 10k, 100k, 1M (≈ 10-15 min on 2 cores)
#   bash scripts/bench.sh --smoke             # 10k rows, all four measurements, no speed checks (CI)
#   bash scripts/bench.sh --sizes 100000      # any benches/run.mjs option passes through
#   BENCH_SKIP_BUILD=1 bash scripts/bench.sh  # use the existing builds as they are
#   bash scripts/bench.sh --stages            # only the Rust stage microbenchmarks (benches/stages.rs)
#   bash scripts/bench.sh --carry             # only the --previous benchmark (benches/carry.mjs)
#   bash scripts/bench.sh --stray             # only the stray-cell benchmark: an .xlsx export with and
#                                             # without one value at XFD1, 20k and 200k rows
#
# After the side-by-side table, benches/carry.mjs times the CLI with and without --previous
# (a 1M-row export carrying a ~100k-row previous worklist; 20k rows with --smoke).
#
# Builds what is needed first: cargo build --release, scripts/build-wasm.sh (www/pkg), npm ci
# when node_modules lacks the benchmark's packages, GNU time (apt) and Chromium when missing.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

# The stray cell's cost, read by the engine (benches/stages.rs with STAGES_STRAY=1).
STRAY=(env CARGO_PROFILE_BENCH_PANIC=unwind STAGES_STRAY=1 cargo bench --bench stages)
if [[ ${1:-} == --stray ]]; then
  log "${STRAY[*]}"
  exec "${STRAY[@]}"
fi

if [[ ${1:-} == --stages ]]; then
  # panic=unwind for the bench profile: with release's panic=abort cargo builds the library twice
  # and the two builds' output files collide (see benches/stages.rs).
  log "cargo bench --bench stages"
  exec env CARGO_PROFILE_BENCH_PANIC=unwind cargo bench --bench stages
fi

SUDO=()
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); fi

if [[ ! -x /usr/bin/time ]]; then
  log "/usr/bin/time missing: installing Debian's 'time' package (for peak RSS)"
  if command -v apt-get >/dev/null 2>&1; then
    "${SUDO[@]}" apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends time >&2 \
      || log "could not install 'time'; native peak memory will be missing from the table"
  else
    log "apt-get unavailable; native peak memory will be missing from the table"
  fi
fi

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  t=$SECONDS
  log "cargo build --release"
  cargo build --release >&2
  log "native build: $((SECONDS - t)) s"
  t=$SECONDS
  log "bash scripts/build-wasm.sh"
  bash scripts/build-wasm.sh >&2
  log "wasm build: $((SECONDS - t)) s"
fi

need_npm=0
for p in papaparse exceljs playwright-core; do
  [[ -f node_modules/$p/package.json ]] || need_npm=1
done
if ((need_npm)); then
  log "npm ci (node_modules lacks the benchmark's packages)"
  npm ci --no-audit --no-fund >&2
fi

[[ -x /usr/bin/chromium ]] || bash scripts/ensure-chromium.sh >&2

CARRY=(node benches/carry.mjs)
for a in "$@"; do [[ $a == --smoke ]] && CARRY+=(--smoke); done
if [[ ${1:-} == --carry ]]; then
  log "${CARRY[*]}"
  exec "${CARRY[@]}"
fi
log "node benches/run.mjs $*"
node benches/run.mjs "$@"
log "${CARRY[*]}"
"${CARRY[@]}"
# Not in --smoke (CI): building the bench profile costs minutes; the stray bench also runs once
# on 300 rows under `cargo test --all-targets`, so it cannot rot.
if [[ " $* " != *" --smoke "* ]]; then
  log "${STRAY[*]}"
  "${STRAY[@]}"
fi
