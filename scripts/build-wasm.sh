#!/usr/bin/env bash
# Builds the page's engine: src/ -> WebAssembly -> www/pkg/retention_worklist{.js,_bg.wasm}.
#
# Sets up its own toolchain on a fresh machine and caches it per user (outside the work tree,
# so fresh CI clones reuse it):
#   ${RETENTION_WORKLIST_CACHE:-$HOME/.cache/retention-worklist}
#
# Two routes to a wasm32 std:
#   rustup  - the active rustup toolchain already has the wasm32-unknown-unknown target
#             (a normal developer machine: `rustup target add wasm32-unknown-unknown`).
#   debian  - offline fallback (Debian 12): download Debian's rustc-web 1.96 and its std *source*
#             with `apt-get download`, unpack them with `dpkg -x` into a private prefix inside the
#             cache (nothing is installed to /), and build std for wasm32 with
#             `cargo -Zbuild-std` (rustup's cargo + Debian's rustc + rustup's rust-lld).
#             README.md, "Building for the browser", has the facts behind this route.
#
# Environment knobs (all optional):
#   RETENTION_WORKLIST_CACHE       cache directory (default above)
#   RETENTION_WORKLIST_WASM_ROUTE  auto (default) | rustup | debian
#   RETENTION_WORKLIST_WASM_OPT    auto (default: run binaryen's wasm-opt, installing the pinned npm
#                                  package `binaryen` into the cache when missing) | 0 (never)
#   WASM_OPT_LEVEL                 wasm-opt level, default -O3 (speed; the engine is CPU-bound)
#   RETENTION_WORKLIST_WASM_PROFILE  cargo profile, default wasm-release (Cargo.toml: opt-level "s" for
#                                  size, opt-level 3 for the hot crates); `release` gives the old build
#   RETENTION_WORKLIST_WASM_KEEP_NAMES=1  keep the wasm name section (readable stack traces, ~180 KB more)
set -euo pipefail

log()  { printf '[build-wasm] %s\n' "$*"; }
warn() { printf '[build-wasm] WARNING: %s\n' "$*" >&2; }
die()  { printf '[build-wasm] ERROR: %s\n' "$*" >&2; exit 1; }

now() { printf '%s' "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
TIMINGS=()
record() { TIMINGS+=("$1: $2"); log "step '$1' took $2"; }

SCRIPT_START=$(now)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

CACHE=${RETENTION_WORKLIST_CACHE:-$HOME/.cache/retention-worklist}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
ROUTE_REQ=${RETENTION_WORKLIST_WASM_ROUTE:-auto}
TARGET=wasm32-unknown-unknown
TARGET_DIR="$ROOT/target/wasm"
# The wasm build has its own cargo profile (Cargo.toml, [profile.wasm-release]): optimised for size
# except the crates the run spends its time in; the native CLI keeps [profile.release].
PROFILE=${RETENTION_WORKLIST_WASM_PROFILE:-wasm-release}
WASM_IN="$TARGET_DIR/$TARGET/$PROFILE/retention_worklist.wasm"
OUT_DIR="$ROOT/www/pkg"
OUT_NAME=retention_worklist

# Debian route: the versions verified on this project's machines (README.md, "Building for the browser"). If the archive has moved on
# (a newer security upload of the same 1.96 release), the newest 1.96 build is used with a warning.
DEB_RUST_VERSION=1.96.0+dfsg1-1~deb12u2
DEB_RUST_SERIES=1.96
DEB_LLVM_VERSION=1:22.1.8-1~deb12u1
DEB_PACKAGES=(rustc-web libstd-rust-web-1.96 libstd-rust-web-dev rust-web-src libllvm22)
DEB_DIR="$CACHE/debs"
PREFIX="$CACHE/rustc-web-$DEB_RUST_SERIES"
PREFIX_MARKER="$PREFIX/.retention-worklist-complete"

log "repo:  $ROOT"
log "cache: $CACHE"

command -v cargo >/dev/null 2>&1 || die "cargo not found on PATH. Install Rust with rustup (https://rustup.rs) and retry."

# Builds sharing this cache (other clones, parallel CI jobs of the same user) must not unpack into the
# same prefix or install into the same wasm-bindgen root at once: each of those two steps takes its
# own lock file in the cache; the cargo builds themselves run unlocked (cargo locks its target dir).

# ---------------------------------------------------------------- wasm-bindgen CLI (background)
WB_VERSION=$(sed -n 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[[:space:]]*"=\([0-9][0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
if [[ -z "$WB_VERSION" ]]; then
  WB_VERSION=$(sed -n 's/^[[:space:]]*wasm-bindgen[[:space:]]*=.*version[[:space:]]*=[[:space:]]*"=\([0-9][0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
fi
[[ -n "$WB_VERSION" ]] || die "Cargo.toml must pin the wasm-bindgen crate exactly (wasm-bindgen = \"=X.Y.Z\"): the CLI version has to match it."
WB_ROOT="$CACHE/wasm-bindgen-$WB_VERSION"
WB_BIN=""
wb_ok() { [[ -x "$1" ]] && [[ "$("$1" --version 2>/dev/null)" == "wasm-bindgen $WB_VERSION" ]]; }
if wb_ok "$WB_ROOT/bin/wasm-bindgen"; then
  WB_BIN="$WB_ROOT/bin/wasm-bindgen"
  log "wasm-bindgen CLI $WB_VERSION: cached at $WB_BIN (skip install)"
elif command -v wasm-bindgen >/dev/null 2>&1 && wb_ok "$(command -v wasm-bindgen)"; then
  WB_BIN=$(command -v wasm-bindgen)
  log "wasm-bindgen CLI $WB_VERSION: found on PATH at $WB_BIN (skip install)"
else
  # Not --locked: its lock file pins crates the registry mirror here may lack (see the toolchain notes).
  WB_LOG="$CACHE/wasm-bindgen-cli-install.log"
  log "wasm-bindgen CLI $WB_VERSION: not cached; installing in the background (~3.5 min on 2 cores, log: $WB_LOG)"
  WB_START=$(now)
  # Plain rustup toolchain; none of the Debian-route variables are exported to it.
  # Under a lock, and re-checked after taking it, in case another build is installing the same version.
  (
    flock 8
    wb_ok "$WB_ROOT/bin/wasm-bindgen" && exit 0
    exec cargo install wasm-bindgen-cli --version "$WB_VERSION" --root "$WB_ROOT" --force >"$WB_LOG" 2>&1
  ) 8>"$CACHE/.lock-wasm-bindgen-$WB_VERSION" &
  WB_PID=$!
fi
wait_wasm_bindgen() {
  [[ -n "$WB_BIN" ]] && return 0
  log "waiting for the wasm-bindgen CLI install to finish..."
  if ! wait "$WB_PID"; then
    tail -n 30 "$WB_LOG" >&2 || true
    die "cargo install wasm-bindgen-cli --version $WB_VERSION failed (full log: $WB_LOG). It needs crates.io (or a mirror) and a C toolchain; retry, or put a wasm-bindgen $WB_VERSION binary on PATH."
  fi
  record "wasm-bindgen-cli $WB_VERSION install (background)" "$(elapsed "$WB_START")"
  wb_ok "$WB_ROOT/bin/wasm-bindgen" || die "installed $WB_ROOT/bin/wasm-bindgen does not report version $WB_VERSION"
  WB_BIN="$WB_ROOT/bin/wasm-bindgen"
}
# If we die before the background install finishes, don't leave it running.
cleanup() {
  if [[ -n "${WB_PID:-}" ]] && kill -0 "$WB_PID" 2>/dev/null; then
    kill "$WB_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- route choice
RUSTUP_WHY=""
rustup_has_target() {
  if ! command -v rustup >/dev/null 2>&1; then RUSTUP_WHY="rustup is not on PATH"; return 1; fi
  local installed
  if ! installed=$(timeout 60 rustup target list --installed 2>/dev/null); then
    RUSTUP_WHY="\`rustup target list --installed\` failed"; return 1
  fi
  if grep -qx "$TARGET" <<<"$installed"; then return 0; fi
  RUSTUP_WHY="the active rustup toolchain ($(rustup show active-toolchain 2>/dev/null | awk '{print $1}')) has no $TARGET target (installed: $(echo $installed))"
  return 1
}

ROUTE=""
case "$ROUTE_REQ" in
  auto)
    if rustup_has_target; then ROUTE=rustup; else ROUTE=debian; log "rustup route unavailable: $RUSTUP_WHY"; fi ;;
  rustup)
    rustup_has_target || die "RETENTION_WORKLIST_WASM_ROUTE=rustup but $RUSTUP_WHY. Run: rustup target add $TARGET"
    ROUTE=rustup ;;
  debian) ROUTE=debian ;;
  *) die "RETENTION_WORKLIST_WASM_ROUTE must be auto, rustup or debian (got '$ROUTE_REQ')" ;;
esac

neither_route() {
  die "cannot build for $TARGET. Tried:
  1) rustup route: $RUSTUP_WHY.
  2) Debian route: $1.
What to do: on a machine with internet run \`rustup target add $TARGET\` (then this script takes route 1);
on Debian 12 make sure bookworm-security is in the apt sources (it carries rustc-web $DEB_RUST_SERIES and rust-web-src)
and that apt-get can reach the archive; or delete $CACHE to retry from scratch."
}

# ---------------------------------------------------------------- Debian route: toolchain in the cache
SUDO=()
APT_OPTS=()
if [[ $(id -u) -eq 0 ]]; then
  # Downloads go to a root-only cache dir that the _apt sandbox user cannot write; skip the sandbox warning.
  APT_OPTS=(-o APT::Sandbox::User=root)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
fi

prefix_rustc_ok() {
  [[ -f "$PREFIX_MARKER" && -x "$PREFIX/usr/bin/rustc" ]] || return 1
  local v
  v=$(LD_LIBRARY_PATH="$(prefix_libdir)" "$PREFIX/usr/bin/rustc" --version 2>/dev/null) || return 1
  [[ "$v" == "rustc $DEB_RUST_SERIES."* ]]
}
prefix_libdir() {
  local d
  for d in "$PREFIX"/usr/lib/*-linux-gnu; do [[ -d "$d" ]] && { printf '%s' "$d"; return; }; done
  printf '%s' "$PREFIX/usr/lib"
}

# Prints the version of $1 to download: the pinned one if apt offers it, else the newest of the series.
resolve_deb_version() {
  local pkg=$1 pinned=$2 pattern=$3 avail
  avail=$(apt-cache madison "$pkg" 2>/dev/null | awk -F'|' '{gsub(/ /, "", $2); print $2}')
  if grep -qxF "$pinned" <<<"$avail"; then printf '%s' "$pinned"; return 0; fi
  local alt
  alt=$(grep -E "$pattern" <<<"$avail" | head -n1 || true)
  [[ -n "$alt" ]] || return 1
  warn "$pkg $pinned is no longer offered by apt; using $alt instead" >&2
  printf '%s' "$alt"
}

resolve_all_debs() {
  local pkg
  DEB_VERSIONS=()
  for pkg in "${DEB_PACKAGES[@]}"; do
    local v
    if [[ "$pkg" == libllvm* ]]; then
      v=$(resolve_deb_version "$pkg" "$DEB_LLVM_VERSION" '^1:22\.') || return 1
    else
      v=$(resolve_deb_version "$pkg" "$DEB_RUST_VERSION" "^${DEB_RUST_SERIES//./\\.}\\.") || return 1
    fi
    DEB_VERSIONS+=("$v")
  done
}

setup_debian_toolchain() {
  if ! flock -n 9; then
    log "another build is setting up the toolchain in $CACHE; waiting for it..."
    flock 9
  fi
  if prefix_rustc_ok; then
    log "Debian toolchain: cached in $PREFIX (skip download/extract)"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 \
    || neither_route "apt-get/dpkg not found (this route needs Debian 12 'bookworm' or a derivative)"

  local t0
  t0=$(now)
  if ! resolve_all_debs; then
    log "apt does not list the packages (${DEB_PACKAGES[*]}) at the needed versions; running apt-get update"
    if [[ $(id -u) -ne 0 && ${#SUDO[@]} -eq 0 ]]; then
      neither_route "the package lists lack rustc-web $DEB_RUST_SERIES and refreshing them (apt-get update) needs root; run \`sudo apt-get update\` once and retry"
    fi
    "${SUDO[@]}" apt-get update -q >/dev/null || neither_route "\`apt-get update\` failed (no access to the Debian archive?)"
    resolve_all_debs || neither_route "after apt-get update, apt still does not offer $(printf '%s ' "${DEB_PACKAGES[@]}")at version $DEB_RUST_SERIES.x / LLVM 22 (is bookworm-security in the apt sources?)"
    record "apt-get update" "$(elapsed "$t0")"
    t0=$(now)
  fi

  mkdir -p "$DEB_DIR"
  local i pkg ver file specs=() files=()
  for i in "${!DEB_PACKAGES[@]}"; do
    pkg=${DEB_PACKAGES[$i]}; ver=${DEB_VERSIONS[$i]}
    file=$(ls "$DEB_DIR/${pkg}_${ver//:/%3a}_"*.deb 2>/dev/null | head -n1 || true)
    if [[ -n "$file" ]]; then files+=("$file"); else specs+=("$pkg=$ver"); fi
  done
  if ((${#specs[@]})); then
    log "apt-get download ${specs[*]} (about 120 MB) -> $DEB_DIR"
    (cd "$DEB_DIR" && apt-get "${APT_OPTS[@]}" download -q "${specs[@]}") \
      || neither_route "\`apt-get download ${specs[*]}\` failed"
    record "apt-get download" "$(elapsed "$t0")"
  else
    log "all .deb files already in $DEB_DIR (skip download)"
  fi

  t0=$(now)
  local tmp="$PREFIX.partial.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  for i in "${!DEB_PACKAGES[@]}"; do
    pkg=${DEB_PACKAGES[$i]}; ver=${DEB_VERSIONS[$i]}
    file=$(ls "$DEB_DIR/${pkg}_${ver//:/%3a}_"*.deb 2>/dev/null | head -n1 || true)
    [[ -n "$file" ]] || die "downloaded $pkg=$ver but cannot find its .deb in $DEB_DIR"
    log "dpkg -x $(basename "$file")"
    dpkg -x "$file" "$tmp"
  done
  for i in "${!DEB_PACKAGES[@]}"; do printf '%s=%s\n' "${DEB_PACKAGES[$i]}" "${DEB_VERSIONS[$i]}"; done >"$tmp/.retention-worklist-complete"
  rm -rf "$PREFIX"
  mv "$tmp" "$PREFIX"
  record "dpkg -x into private prefix" "$(elapsed "$t0")"

  [[ -d "$PREFIX/usr/lib/rustlib/src/rust/library" ]] \
    || die "rust-web-src did not provide $PREFIX/usr/lib/rustlib/src/rust/library (std source needed by -Zbuild-std)"
  prefix_rustc_ok || die "$PREFIX/usr/bin/rustc does not run or is not $DEB_RUST_SERIES: $(LD_LIBRARY_PATH="$(prefix_libdir)" "$PREFIX/usr/bin/rustc" --version 2>&1 || true)"
  log "Debian toolchain ready: $(LD_LIBRARY_PATH="$(prefix_libdir)" "$PREFIX/usr/bin/rustc" --version)"
}

find_rust_lld() {
  local sysroot host cand
  if sysroot=$(rustc --print sysroot 2>/dev/null) && host=$(rustc -vV 2>/dev/null | sed -n 's/^host: //p'); then
    cand="$sysroot/lib/rustlib/$host/bin/rust-lld"
    [[ -x "$cand" ]] && { printf '%s' "$cand"; return 0; }
  fi
  for cand in "${RUSTUP_HOME:-$HOME/.rustup}"/toolchains/*/lib/rustlib/*/bin/rust-lld; do
    [[ -x "$cand" ]] && { printf '%s' "$cand"; return 0; }
  done
  return 1
}

# ---------------------------------------------------------------- build
# `cargo rustc --crate-type cdylib`: the library is a plain rlib in Cargo.toml (so native builds never
# make two libraries of one name); only this build asks for the cdylib wasm-bindgen binds.
CARGO_ARGS=(rustc --lib --crate-type cdylib --profile "$PROFILE" --target "$TARGET" --target-dir "$TARGET_DIR")
# The rustup route links rustup's prebuilt std (compiled at opt-level 3). The Debian route compiles std
# with the chosen profile, so keep std's hot crates (the allocator, core's hashing/UTF-8/fmt, alloc's
# Vec/String growth) at opt-level 3 there too: at "s" they cost ~15 % of the 1M-row run. These specs
# live here, not in Cargo.toml, because cargo warns about them in any build without -Zbuild-std.
BUILD_STD_PROFILE=()
if [[ "$PROFILE" != release && "$PROFILE" != dev ]]; then
  for p in core alloc std dlmalloc compiler_builtins; do
    BUILD_STD_PROFILE+=(--config "profile.$PROFILE.package.$p.opt-level=3")
  done
fi
if [[ "$ROUTE" == rustup ]]; then
  log "route: rustup (active toolchain has the $TARGET target)"
  t0=$(now)
  cargo "${CARGO_ARGS[@]}" || die "cargo build for $TARGET failed (route rustup; compiler errors above)"
  record "cargo build (rustup, $TARGET)" "$(elapsed "$t0")"
else
  log "route: debian (Debian rustc-web $DEB_RUST_SERIES + std built from rust-web-src with -Zbuild-std, in $PREFIX)"
  [[ "$(uname -m)" == x86_64 ]] || neither_route "this route is only set up for x86_64 hosts (this is $(uname -m))"
  LLD=$(find_rust_lld) || neither_route "no rust-lld found in the rustup toolchains (it ships with every rustup toolchain under lib/rustlib/<host>/bin)"
  setup_debian_toolchain 9>"$CACHE/.lock-debian-toolchain"
  LIBDIR=$(prefix_libdir)
  log "linker: $LLD"
  t0=$(now)
  # Only this command sees the Debian compiler; the native build (target/) stays on rustup's toolchain.
  env LD_LIBRARY_PATH="$LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
      RUSTC="$PREFIX/usr/bin/rustc" \
      RUSTC_BOOTSTRAP=1 \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$LLD" \
      cargo "${CARGO_ARGS[@]}" "${BUILD_STD_PROFILE[@]}" -Zbuild-std=std,panic_abort \
    || die "cargo build for $TARGET failed (route debian: RUSTC=$PREFIX/usr/bin/rustc, -Zbuild-std; compiler errors above)"
  record "cargo build -Zbuild-std (debian, $TARGET)" "$(elapsed "$t0")"
fi
[[ -f "$WASM_IN" ]] || die "cargo did not produce $WASM_IN (did cargo rustc --crate-type cdylib run?)"

# ---------------------------------------------------------------- bind
wait_wasm_bindgen
t0=$(now)
mkdir -p "$OUT_DIR"
rm -f "$OUT_DIR/$OUT_NAME.js" "$OUT_DIR/${OUT_NAME}_bg.wasm" "$OUT_DIR/$OUT_NAME.d.ts" "$OUT_DIR/${OUT_NAME}_bg.wasm.d.ts"
# The function-name section only serves stack traces (~180 KB raw); keep it with RETENTION_WORKLIST_WASM_KEEP_NAMES=1.
WB_ARGS=(--target web --out-dir "$OUT_DIR" --out-name "$OUT_NAME" --remove-producers-section)
[[ "${RETENTION_WORKLIST_WASM_KEEP_NAMES:-0}" == 1 ]] || WB_ARGS+=(--remove-name-section)
"$WB_BIN" "${WB_ARGS[@]}" "$WASM_IN"
record "wasm-bindgen --target web" "$(elapsed "$t0")"

WASM_OUT="$OUT_DIR/${OUT_NAME}_bg.wasm"
size_line() { printf '%s bytes raw, %s bytes gzip -9' "$(stat -c %s "$1")" "$(gzip -9 -c "$1" | wc -c)"; }

# ---------------------------------------------------------------- wasm-opt (binaryen)
# Binaryen's npm package: wasm-opt compiled to WebAssembly, run by node (a project prerequisite). Pinned
# version and checksum; unpacked once into the cache (about 2 s and 23 MB download on an empty cache).
BINARYEN_VERSION=132.0.0
BINARYEN_INTEGRITY=sha512-4Usg7yEvwO3FMso3Oov6qkOOHSod1IEv+boKkh77kTljM+eNBouqCTbqWswGzbG+vDNO/b/v2C4gfEh1WgB9Lg==
BINARYEN_DIR="$CACHE/binaryen-$BINARYEN_VERSION"
WASM_OPT_JS="$BINARYEN_DIR/package/bin/wasm-opt"
wasm_opt() { node "$WASM_OPT_JS" "$@"; }
binaryen_ok() {
  [[ -f "$BINARYEN_DIR/.retention-worklist-complete" && -f "$WASM_OPT_JS" ]] || return 1
  [[ "$(wasm_opt --version 2>/dev/null)" == "wasm-opt version ${BINARYEN_VERSION%%.*}"* ]]
}
# Prints why it failed on stderr and returns 1; the build then goes on without wasm-opt.
install_binaryen() {
  if ! flock -n 7; then
    log "another build is installing binaryen into $CACHE; waiting for it..."
    flock 7
  fi
  binaryen_ok && return 0
  command -v npm >/dev/null 2>&1 || { warn "npm not found: cannot install binaryen $BINARYEN_VERSION"; return 1; }
  local t0 tmp tgz sri
  t0=$(now)
  tmp=$(mktemp -d "$CACHE/binaryen.partial.XXXXXX")
  log "binaryen $BINARYEN_VERSION: not cached; npm pack binaryen@$BINARYEN_VERSION -> $BINARYEN_DIR"
  if ! (cd "$tmp" && npm pack --silent --ignore-scripts "binaryen@$BINARYEN_VERSION" >/dev/null); then
    rm -rf "$tmp"; warn "\`npm pack binaryen@$BINARYEN_VERSION\` failed (no access to the npm registry?)"; return 1
  fi
  tgz="$tmp/binaryen-$BINARYEN_VERSION.tgz"
  sri=$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tgz" 2>/dev/null || true)
  if [[ "$sri" != "$BINARYEN_INTEGRITY" ]]; then
    rm -rf "$tmp"; warn "binaryen-$BINARYEN_VERSION.tgz does not match its pinned checksum (got ${sri:-nothing})"; return 1
  fi
  # bin/package.json marks the emscripten output as CommonJS; without it node refuses to run it.
  tar -xzf "$tgz" -C "$tmp" package/bin/wasm-opt package/bin/package.json package/package.json package/LICENSE && rm -f "$tgz" \
    || { rm -rf "$tmp"; warn "could not unpack binaryen-$BINARYEN_VERSION.tgz"; return 1; }
  echo "binaryen@$BINARYEN_VERSION $BINARYEN_INTEGRITY" >"$tmp/.retention-worklist-complete"
  rm -rf "$BINARYEN_DIR"
  mv "$tmp" "$BINARYEN_DIR"
  binaryen_ok || { warn "$WASM_OPT_JS does not run: $(wasm_opt --version 2>&1 | tail -n 3)"; return 1; }
  record "binaryen $BINARYEN_VERSION install (npm pack)" "$(elapsed "$t0")"
}

RUN_WASM_OPT=0
if [[ "${RETENTION_WORKLIST_WASM_OPT:-auto}" == 0 ]]; then
  log "wasm-opt: skipped (RETENTION_WORKLIST_WASM_OPT=0)"
elif binaryen_ok; then
  log "binaryen $BINARYEN_VERSION: cached in $BINARYEN_DIR (skip install)"
  RUN_WASM_OPT=1
elif install_binaryen 7>"$CACHE/.lock-binaryen-$BINARYEN_VERSION"; then
  RUN_WASM_OPT=1
else
  warn "wasm-opt unavailable; keeping the module as cargo built it ($(size_line "$WASM_OUT"))"
fi
if ((RUN_WASM_OPT)); then
  t0=$(now)
  level=${WASM_OPT_LEVEL:--O3}
  log "wasm-opt $level ($(wasm_opt --version), $WASM_OPT_JS); before: $(size_line "$WASM_OUT")"
  # Features rustc enables by default for wasm32 (1.82+), spelled out for binaryen.
  # Two passes are skipped because they make the gzipped module larger although the raw one shrinks:
  # memory-packing (splits the data segment at runs of zeros: +21 KB gzip) and inlining-optimizing
  # (inlines what LLVM chose not to inline under opt-level "s": +13 KB gzip).
  if wasm_opt "$level" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
       --enable-mutable-globals --enable-reference-types --enable-multivalue \
       --skip-pass=memory-packing --skip-pass=inlining-optimizing \
       "$WASM_OUT" -o "$WASM_OUT.opt"; then
    mv "$WASM_OUT.opt" "$WASM_OUT"
    record "wasm-opt $level" "$(elapsed "$t0")"
  else
    rm -f "$WASM_OUT.opt"
    warn "wasm-opt failed; keeping the unoptimised module (set RETENTION_WORKLIST_WASM_OPT=0 to skip it)"
  fi
fi

log "output: $OUT_DIR/$OUT_NAME.js, $WASM_OUT"
log "wasm size: $(size_line "$WASM_OUT")"
log "timings:"
for t in "${TIMINGS[@]}"; do log "  $t"; done
log "done via route '$ROUTE' in $(elapsed "$SCRIPT_START")"
