#!/usr/bin/env bash
# Fuzzes the whole pipeline (bytes + options → build_worklist: a workbook or an
# error, never a panic) for SECONDS seconds (default 60).
#
#   scripts/fuzz.sh            # ≈60 s, as in CI
#   scripts/fuzz.sh 1800       # the long run (30 min)
#   TARGET=analyze scripts/fuzz.sh 600   # the reader only, ~5× more inputs/s
#   TARGET=previous scripts/fuzz.sh 60   # the previous worklist (--previous), XLSX seeds
#   TARGET=workbook scripts/fuzz.sh 60   # real .xlsx/.ods with their XML mutated (structure-aware),
#                                        # as the export and as the previous worklist
#   SANITIZER=address scripts/fuzz.sh    # with AddressSanitizer (≈4× slower)
#
# Installs what is missing: the nightly toolchain (cargo fuzz needs it) and
# cargo-fuzz. The corpus grows in fuzz/corpus/<target>/ (only the seed-*
# files are committed). A crash stops the run with a non-zero exit and the
# input in fuzz/artifacts/<target>/: fix the bug, then keep the input as a
# regression test by copying it to tests/hostile/fuzz-<what-it-broke>
# (tests/integration/hostile/fuzz_inputs.rs replays every fuzz-* file with the target's options;
# the workbook target's go to tests/hostile-workbooks/fuzz-*, which
# tests/integration/hostile/workbooks.rs replays through the same mutations).
set -euo pipefail

SECONDS_TO_RUN=${1:-60}
TARGET=${TARGET:-pipeline}
# The engine has no unsafe code: without a sanitizer libFuzzer runs ~4× more
# inputs per second and still catches every panic, overflow and hang.
SANITIZER=${SANITIZER:-none}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT/fuzz"

log() { printf '[fuzz] %s\n' "$*"; }

if ! rustup toolchain list | grep -q '^nightly'; then
  log "installing the nightly toolchain (cargo fuzz needs -Z flags)"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  log "installing cargo-fuzz"
  # --locked first (reproducible); if the registry lacks a pinned version, resolve afresh.
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

mkdir -p "corpus/$TARGET"
CORPORA=("corpus/$TARGET")
# The reader's target starts from the pipeline's seeds too (same input format);
# the previous worklist's are workbooks (~16 KB), hence its longer inputs.
[[ $TARGET == analyze ]] && CORPORA+=("corpus/pipeline")
MAX_LEN=${MAX_LEN:-4096}
[[ $TARGET == previous ]] && MAX_LEN=${MAX_LEN_PREVIOUS:-65536}
# The workbook target's input is a seed number and a list of mutations (a few bytes each): long
# inputs from the start (no slow growth of the length limit), 512 bytes at most.
EXTRA=()
[[ $TARGET == workbook ]] && MAX_LEN=${MAX_LEN_WORKBOOK:-512} && EXTRA=(-len_control=0)

log "target $TARGET, ${SECONDS_TO_RUN}s, sanitizer $SANITIZER, corpus ${CORPORA[*]}"
# The previous-worklist target is built like the shipped CLI and wasm (-O: release, no overflow
# checks): calamine 0.38 multiplies a cell reference's row and column without checking, which
# panics only under overflow checks; the engine refuses what such a wrap yields (a row past
# Excel's limit, a column past XFD). The other targets keep cargo-fuzz's overflow checks.
# The workbook target too: its inputs are workbooks read by calamine.
BUILD=()
[[ $TARGET == previous || $TARGET == workbook ]] && BUILD=(-O)
cargo +nightly fuzz run "${BUILD[@]}" -s "$SANITIZER" "$TARGET" "${CORPORA[@]}" -- \
  -max_total_time="$SECONDS_TO_RUN" \
  -max_len="$MAX_LEN" \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -print_final_stats=1 \
  "${EXTRA[@]}"
log "no crash in ${SECONDS_TO_RUN}s; corpus: $(find "corpus/$TARGET" -type f | wc -l) inputs"
