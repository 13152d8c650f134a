#!/usr/bin/env bash
# The single test command (npm test): runs every test of the project on a fresh machine.
#   a) scripts/ensure-libreoffice.sh (soffice: the carry and archive tests re-save an edited worklist
#      with it; pdftoppm: the live colours test reads LibreOffice's printed page),
#      then Rust: cargo test (two test binaries: the library's unit tests and tests/integration, which
#      also runs benches/stages.rs once on 500 rows; then the doc examples)
#   b) npm ci (only when node_modules/playwright-core is missing), then npm run lint (TypeScript's
#      check of the page's JavaScript: www/*.js with their JSDoc types, tsconfig.json)
#   c) scripts/ensure-chromium.sh (Debian's /usr/bin/chromium for the browser tests), then
#      scripts/ensure-browsers.sh (Firefox ESR + geckodriver, WebKitGTK's WebKitWebDriver, xvfb)
#   d) scripts/build-wasm.sh (www/pkg: the page's WebAssembly engine)
#      then scripts/build-dist.mjs (dist/: the single offline file and the static site)
#   e) cargo build --release (the CLI; the JS tests compare its bytes with the wasm output)
#   f) node --test on tests/js/**/*.test.mjs        (Node tests of the JS API)
#   g) node --test --test-concurrency=1 on tests/browser/**/*.test.mjs (Playwright + Chromium;
#      firefox/webkit.test.mjs over WebDriver)
# Stops at the first failing stage.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

log() { printf '[test-all] %s\n' "$*"; }
START=$SECONDS
SUMMARY=()

# stage NAME CMD... : runs CMD, times it, stops everything if it fails.
stage() {
  local name=$1; shift
  local t=$SECONDS rc=0
  log "==> stage $name: $*"
  "$@" || rc=$?
  if ((rc != 0)); then
    log "FAILED at stage '$name' (exit code $rc, after $((SECONDS - t))s): $*"
    log "stages before it: ${SUMMARY[*]:-none}"
    exit "$rc"
  fi
  SUMMARY+=("$name:ok($((SECONDS - t))s)")
  log "<== stage $name passed in $((SECONDS - t))s"
}
skip() {
  SUMMARY+=("$1:skipped")
  log "--- stage $1 skipped: $2"
}

# Test files under a folder, sorted (explicit paths, so it works the same on every Node version).
test_files() { [[ -d "$1" ]] && find "$1" -type f -name '*.test.mjs' | LC_ALL=C sort; }

stage libreoffice bash scripts/ensure-libreoffice.sh
# The LibreOffice tests may not skip here, nor the corpus of real workbooks (tests/integration/real_workbooks.rs,
# downloaded by scripts/fetch-corpus.sh into ~/.cache/retention-worklist/corpus when missing).
export RW_REQUIRE_SOFFICE=1
export RW_REQUIRE_CORPUS=1
stage cargo-test cargo test

# Every package the manifest lists (playwright-core for the browser tests, and the benchmark's reference libs).
deps_installed() {
  [[ -d node_modules/playwright-core ]] && node -e '
    const fs = require("fs"); const p = require("./package.json");
    const names = Object.keys({ ...p.dependencies, ...p.devDependencies });
    process.exit(names.every((n) => fs.existsSync(`node_modules/${n}/package.json`)) ? 0 : 1);'
}
if deps_installed; then
  skip npm-install "node_modules already has every package of package.json"
elif [[ -f package-lock.json ]]; then
  stage npm-ci npm ci --no-audit --no-fund
else
  stage npm-install npm install --no-audit --no-fund
fi

stage lint npm run lint --silent

stage chromium bash scripts/ensure-chromium.sh
stage browsers bash scripts/ensure-browsers.sh
stage build-wasm bash scripts/build-wasm.sh
stage build-dist node scripts/build-dist.mjs
stage cargo-build-release cargo build --release

mapfile -t JS_TESTS < <(test_files tests/js || true)
if ((${#JS_TESTS[@]})); then
  stage node-tests node --test "${JS_TESTS[@]}"
else
  skip node-tests "no tests/js/*.test.mjs yet"
fi

mapfile -t BROWSER_TESTS < <(test_files tests/browser || true)
if ((${#BROWSER_TESTS[@]})); then
  stage browser-tests node --test --test-concurrency=1 "${BROWSER_TESTS[@]}"
else
  skip browser-tests "no tests/browser/*.test.mjs yet"
fi

log "ALL PASSED in $((SECONDS - START))s: ${SUMMARY[*]}"
