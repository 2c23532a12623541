#!/usr/bin/env bash
# Installs what building, serving and testing Coop Plan needs, idempotently:
# each tool is checked first and installed only when missing or at the wrong
# version. Prints what it installs and roughly how long that takes (2 cores).
#
#   wasm32-unknown-unknown target, rustfmt, clippy   rustup        seconds
#   wasm-bindgen-cli = Cargo.lock's wasm-bindgen     cargo install ~4 min
#   trunk 0.21.14                                    cargo install ~12 min
#   chromium, chromium-driver                        apt-get       ~1 min
#   wasm-opt (binaryen@132)                          npm           seconds
#
# The Playwright packages are installed by scripts/e2e.sh (npm ci, seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132

say() { printf '[setup] %s\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
timed() {
  local start=$SECONDS
  "$@"
  say "  done in $((SECONDS - start)) s"
}

if ! need cargo || ! need rustup; then
  say "cargo and rustup are required (this machine kind ships them); install Rust from rustup first" >&2
  exit 1
fi

# --- Rust target and components -------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing Rust target wasm32-unknown-unknown (rustup, seconds)"
  timed rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "installing Rust component $component (rustup, seconds)"
    timed rustup component add "$component"
  fi
done

# --- wasm-bindgen-cli at exactly the locked version -------------------------
if [ ! -f Cargo.lock ]; then
  say "no Cargo.lock: generating it (cargo generate-lockfile)"
  cargo generate-lockfile
fi
WB_VERSION="$(coop_wasm_bindgen_version)"
if [ -z "$WB_VERSION" ]; then
  say "could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
have_runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_wb" != "$WB_VERSION" ] || [ "$have_runner" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (from Cargo.lock; have '${have_wb:-none}') — cargo install, ~4 min"
  # Without --locked: its lock file pins a webpki-roots version the registry here lacks.
  timed cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# --- trunk ------------------------------------------------------------------
have_trunk="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_trunk" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (have '${have_trunk:-none}') — cargo install, ~12 min"
  # 0.22.x needs a newer rustc than this machine's; --locked keeps the known-good deps.
  timed cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# --- Chromium and ChromeDriver (Debian) ----------------------------------------
if ! need chromium || ! need chromedriver; then
  say "installing chromium and chromium-driver (apt-get, ~1 min)"
  timed bash -c 'set -e
    as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null'
fi

# --- Node.js and npm (for wasm-opt and Playwright) ------------------------------
if ! need npm || ! need node; then
  say "installing nodejs and npm (apt-get, ~1 min)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
fi

# --- wasm-opt from npm binaryen@132 ---------------------------------------------
wasm_opt_ok() { wasm-opt --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION"; }
if ! wasm_opt_ok; then
  current="$(command -v wasm-opt || true)"
  if [ -n "$current" ]; then
    say "WARNING: $current is $(wasm-opt --version 2>/dev/null | head -1), not version_$BINARYEN_VERSION."
    say "         Debian's binaryen breaks the page (WebAssembly.Table.set error); not using it."
  fi
  npm_bin="$(npm prefix -g)/bin"
  if [ -e "$npm_bin/wasm-opt" ] && [ ! -L "$npm_bin/wasm-opt" ]; then
    # Something else owns npm's global wasm-opt: install into our own prefix,
    # which scripts/env.sh puts first on PATH.
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $COOP_TOOLS_PREFIX — seconds"
    timed npm install -g --prefix "$COOP_TOOLS_PREFIX" "binaryen@$BINARYEN_VERSION" --no-fund --no-audit
  else
    say "installing wasm-opt (npm install -g binaryen@$BINARYEN_VERSION) — seconds"
    timed npm install -g "binaryen@$BINARYEN_VERSION" --no-fund --no-audit
  fi
  . scripts/env.sh
  hash -r
  if ! wasm_opt_ok; then
    # npm's global bin may sit behind a Debian one on PATH: use our prefix.
    say "npm's wasm-opt is not first on PATH: installing binaryen@$BINARYEN_VERSION into $COOP_TOOLS_PREFIX"
    timed npm install -g --prefix "$COOP_TOOLS_PREFIX" "binaryen@$BINARYEN_VERSION" --no-fund --no-audit
    . scripts/env.sh
    hash -r
  fi
  wasm_opt_ok || { say "wasm-opt version_$BINARYEN_VERSION still not first on PATH" >&2; exit 1; }
fi

say "ok: $(rustc --version | cut -d' ' -f1-2), wasm-bindgen $WB_VERSION, trunk $(trunk --version | awk '{print $2}'), $(wasm-opt --version | head -1), $(chromium --version 2>/dev/null | head -1), $(chromedriver --version | cut -d' ' -f1-2), node $(node --version)"
