#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium (the browser tests drive it through
# playwright-core's executablePath; `npx playwright install` cannot download browsers here).
set -euo pipefail

log() { printf '[ensure-chromium] %s\n' "$*"; }
die() { printf '[ensure-chromium] ERROR: %s\n' "$*" >&2; exit 1; }

CHROMIUM=/usr/bin/chromium

if [[ ! -x "$CHROMIUM" ]]; then
  command -v apt-get >/dev/null 2>&1 \
    || die "$CHROMIUM is missing and apt-get is not available. Install Chromium so that $CHROMIUM exists, then retry."
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO=(sudo -n)
    else
      die "$CHROMIUM is missing and installing it needs root: run \`sudo apt-get update && sudo apt-get install -y chromium\`"
    fi
  fi
  start=$SECONDS
  log "$CHROMIUM missing; installing Debian's chromium with apt-get"
  "${SUDO[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends chromium \
    || die "apt-get install chromium failed"
  log "installed in $((SECONDS - start))s"
  [[ -x "$CHROMIUM" ]] || die "apt-get install chromium finished but $CHROMIUM does not exist"
else
  log "$CHROMIUM present (skip install)"
fi

version=$("$CHROMIUM" --version 2>/dev/null) || die "$CHROMIUM --version failed"
log "$version"
