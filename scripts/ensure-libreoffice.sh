#!/usr/bin/env bash
# Makes sure LibreOffice's `soffice` is installed (Debian's headless Calc): the workbook tests
# re-save an edited worklist with it, as a person opening and saving it would (tests/integration/carry.rs).
set -euo pipefail

log() { printf '[ensure-libreoffice] %s\n' "$*"; }
die() { printf '[ensure-libreoffice] ERROR: %s\n' "$*" >&2; exit 1; }

if command -v soffice >/dev/null 2>&1; then
  log "soffice present (skip install)"
else
  command -v apt-get >/dev/null 2>&1 \
    || die "soffice is missing and apt-get is not available. Install LibreOffice Calc so that soffice is on PATH, then retry."
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO=(sudo -n)
    else
      die "soffice is missing and installing it needs root: run \`sudo apt-get update && sudo apt-get install -y libreoffice-calc-nogui\`"
    fi
  fi
  start=$SECONDS
  log "soffice missing; installing Debian's libreoffice-calc-nogui with apt-get"
  "${SUDO[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends libreoffice-calc-nogui \
    || die "apt-get install libreoffice-calc-nogui failed"
  log "installed in $((SECONDS - start))s"
  command -v soffice >/dev/null 2>&1 || die "apt-get finished but soffice is not on PATH"
fi
log "$(soffice --version 2>/dev/null | head -1)"
