#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium (the browser tests drive it through
# playwright-core's executablePath; `npx playwright install` cannot download browsers here), with a
# colour emoji font beside it.
set -euo pipefail

log() { printf '[ensure-chromium] %s\n' "$*"; }
die() { printf '[ensure-chromium] ERROR: %s\n' "$*" >&2; exit 1; }

CHROMIUM=/usr/bin/chromium

# apt_install WHAT PACKAGE: installs a Debian package, as root or through sudo, or says how to.
apt_install() {
  local what=$1 package=$2
  command -v apt-get >/dev/null 2>&1 \
    || die "$what is missing and apt-get is not available: install Debian's $package, then retry."
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      die "$what is missing and installing it needs root: run \`sudo apt-get update && sudo apt-get install -y $package\`"
    fi
  fi
  local start=$SECONDS
  log "$what missing; installing Debian's $package with apt-get"
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "$package" \
    || die "apt-get install $package failed"
  log "installed in $((SECONDS - start))s"
}

if [[ ! -x "$CHROMIUM" ]]; then
  apt_install "$CHROMIUM" chromium
  [[ -x "$CHROMIUM" ]] || die "apt-get install chromium finished but $CHROMIUM does not exist"
else
  log "$CHROMIUM present (skip install)"
fi

# The page and the workbook write each level with its emoji (🔴 CRÍTICO): without a colour emoji font
# Chromium draws an empty box, so the layout tests would measure, and the README's screenshots show,
# what no person sees.
if ! fc-list 2>/dev/null | grep -qi 'Noto Color Emoji'; then
  apt_install "a colour emoji font" fonts-noto-color-emoji
else
  log "colour emoji font present (skip install)"
fi

version=$("$CHROMIUM" --version 2>/dev/null) || die "$CHROMIUM --version failed"
log "$version"
