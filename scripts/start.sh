#!/usr/bin/env bash
# Quick start (npm start): build the native CLI, run it on the bundled sample, build the page's
# WebAssembly engine and the page's distributable forms (dist/: the single offline file and the
# static site), then serve www/ on http://127.0.0.1:${PORT:-8080}/ .
# Extra arguments are passed to scripts/serve.mjs (e.g. `npm start -- --port 9000`).
set -euo pipefail

log() { printf '[start] %s\n' "$*"; }
die() { printf '[start] ERROR: %s\n' "$*" >&2; exit 1; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

SAMPLE=www/sample/tenants-ejemplo.csv
CLI=target/release/retention-worklist
OUT=target/worklist-ejemplo.xlsx

command -v cargo >/dev/null 2>&1 || die "cargo not found; install Rust with rustup (https://rustup.rs)"
command -v node >/dev/null 2>&1 || die "node not found; install Node.js 20 or newer"

t=$SECONDS
log "1/5 building the native CLI (cargo build --release)"
cargo build --release
log "    took $((SECONDS - t))s"

t=$SECONDS
# The sample is a snapshot taken on SAMPLE_AS_OF: the worklist is computed as of that day so that
# its trials are not all long expired when you run this later.
SAMPLE_AS_OF=2026-11-26
log "2/5 running the CLI on the sample: $CLI $SAMPLE --as-of $SAMPLE_AS_OF -o $OUT"
"$CLI" "$SAMPLE" --as-of "$SAMPLE_AS_OF" -o "$OUT"
log "    wrote $ROOT/$OUT ($(stat -c %s "$OUT") bytes) in $((SECONDS - t))s"

t=$SECONDS
log "3/5 building the WebAssembly engine (scripts/build-wasm.sh)"
bash scripts/build-wasm.sh
log "    took $((SECONDS - t))s"

t=$SECONDS
log "4/5 building dist/: the single offline file and the static site (scripts/build-dist.mjs)"
node scripts/build-dist.mjs
log "    took $((SECONDS - t))s"

[[ -f scripts/serve.mjs ]] || die "scripts/serve.mjs is missing"
log "5/5 serving www/ (Ctrl-C to stop)"
exec node scripts/serve.mjs "$@"
