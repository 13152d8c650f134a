#!/usr/bin/env bash
# Makes sure the two WebDriver engines of the browser tests are present (Chromium has its own script,
# scripts/ensure-chromium.sh; Playwright drives it):
#   Firefox  - Debian's firefox-esr (/usr/bin/firefox-esr), driven by geckodriver, which is built from
#              crates.io (`cargo install geckodriver --locked`) into the per-user cache:
#              ${RETENTION_WORKLIST_CACHE:-$HOME/.cache/retention-worklist}/geckodriver-<version>/bin
#   WebKit   - Debian's webkit2gtk-driver (WebKitWebDriver, whose browser is WebKitGTK's MiniBrowser:
#              Safari's engine), run under a virtual display (xvfb-run, Debian's xvfb).
# Each part is skipped when already present; works with the cache empty (a fresh machine).
# Prints the versions on its last lines. tests/browser/webdriver.mjs finds geckodriver at the same path
# (or RETENTION_WORKLIST_GECKODRIVER).
set -euo pipefail

log() { printf '[ensure-browsers] %s\n' "$*"; }
die() { printf '[ensure-browsers] ERROR: %s\n' "$*" >&2; exit 1; }

GECKODRIVER_VERSION=0.37.1
CACHE=${RETENTION_WORKLIST_CACHE:-$HOME/.cache/retention-worklist}
GECKO_ROOT="$CACHE/geckodriver-$GECKODRIVER_VERSION"
GECKO_BIN="$GECKO_ROOT/bin/geckodriver"

# ---------------------------------------------------------------- Debian packages
missing=()
[[ -x /usr/bin/firefox-esr ]] || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
# xvfb-run needs xauth; --no-install-recommends leaves it out on some images.
command -v xauth >/dev/null 2>&1 || missing+=(xauth)

if ((${#missing[@]})); then
  command -v apt-get >/dev/null 2>&1 \
    || die "missing ${missing[*]} and apt-get is not available: install Debian's firefox-esr, webkit2gtk-driver, xvfb and xauth, then retry."
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO=(sudo -n)
    else
      die "missing ${missing[*]} and installing needs root: run \`sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}\`"
    fi
  fi
  start=$SECONDS
  log "installing Debian's ${missing[*]} with apt-get"
  "${SUDO[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || die "apt-get install ${missing[*]} failed"
  log "installed in $((SECONDS - start))s"
else
  log "firefox-esr, WebKitWebDriver, xvfb-run present (skip install)"
fi
[[ -x /usr/bin/firefox-esr ]] || die "apt-get finished but /usr/bin/firefox-esr does not exist"
command -v WebKitWebDriver >/dev/null 2>&1 || die "apt-get finished but WebKitWebDriver is not on PATH"
command -v xvfb-run >/dev/null 2>&1 || die "apt-get finished but xvfb-run is not on PATH"

# ---------------------------------------------------------------- geckodriver (crates.io)
if [[ -x "$GECKO_BIN" ]]; then
  log "geckodriver present at $GECKO_BIN (skip build)"
else
  command -v cargo >/dev/null 2>&1 || die "cargo not found: geckodriver is built from crates.io with cargo install"
  mkdir -p "$CACHE"
  # Two clones sharing the cache must not install into the same root at once.
  exec 9>"$CACHE/geckodriver.lock"
  flock 9
  if [[ ! -x "$GECKO_BIN" ]]; then
    start=$SECONDS
    log "building geckodriver $GECKODRIVER_VERSION from crates.io into $GECKO_ROOT (3-6 min on 2 cores)"
    tmp_target=$(mktemp -d)
    CARGO_TARGET_DIR="$tmp_target" cargo install geckodriver --version "=$GECKODRIVER_VERSION" --locked \
      --root "$GECKO_ROOT" --quiet \
      || { rm -rf "$tmp_target"; die "cargo install geckodriver --version =$GECKODRIVER_VERSION --locked failed"; }
    rm -rf "$tmp_target"
    log "built in $((SECONDS - start))s"
  fi
  flock -u 9
  [[ -x "$GECKO_BIN" ]] || die "cargo install finished but $GECKO_BIN does not exist"
fi

log "$(/usr/bin/firefox-esr --version 2>/dev/null | head -1)"
log "$("$GECKO_BIN" --version 2>/dev/null | head -1)"
log "WebKitGTK $(dpkg-query -W -f='${Version}' webkit2gtk-driver 2>/dev/null || echo '?') (webkit2gtk-driver)"
