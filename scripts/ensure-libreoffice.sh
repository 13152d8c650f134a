#!/usr/bin/env bash
# Makes sure LibreOffice's `soffice` is installed (Debian's headless Calc), and poppler's `pdftoppm`:
# the workbook tests re-save an edited worklist with LibreOffice, as a person opening and saving it
# would (tests/integration/carry/, archive/), and print one to PDF, whose page pdftoppm turns into
# pixels (tests/integration/live_colours.rs: the live Estado colours as LibreOffice shows them).
set -euo pipefail

log() { printf '[ensure-libreoffice] %s\n' "$*"; }
die() { printf '[ensure-libreoffice] ERROR: %s\n' "$*" >&2; exit 1; }

updated=0
# install COMMAND PACKAGE: installs Debian's PACKAGE with apt-get unless COMMAND is on PATH.
install() {
  local cmd=$1 pkg=$2
  if command -v "$cmd" >/dev/null 2>&1; then
    log "$cmd present (skip install)"
    return
  fi
  command -v apt-get >/dev/null 2>&1 \
    || die "$cmd is missing and apt-get is not available. Install $pkg so that $cmd is on PATH, then retry."
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO=(sudo -n)
    else
      die "$cmd is missing and installing it needs root: run \`sudo apt-get update && sudo apt-get install -y $pkg\`"
    fi
  fi
  start=$SECONDS
  log "$cmd missing; installing Debian's $pkg with apt-get"
  if [[ $updated -eq 0 ]]; then
    "${SUDO[@]}" apt-get update -q
    updated=1
  fi
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "$pkg" \
    || die "apt-get install $pkg failed"
  log "installed in $((SECONDS - start))s"
  command -v "$cmd" >/dev/null 2>&1 || die "apt-get finished but $cmd is not on PATH"
}

install soffice libreoffice-calc-nogui
install pdftoppm poppler-utils
log "$(soffice --version 2>/dev/null | head -1)"
log "$(pdftoppm -v 2>&1 | head -1)"
