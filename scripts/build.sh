#!/usr/bin/env bash
# npm run build: the page's WebAssembly engine (scripts/build-wasm.sh → www/pkg/), then the two
# distributable forms of the page (scripts/build-dist.mjs → dist/retention-worklist.html, the single
# file for offline use, and dist/site/, the page for a static host; README.md, "Deploying the page").
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/build-wasm.sh
node scripts/build-dist.mjs
