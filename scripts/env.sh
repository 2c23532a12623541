# Sourced by every script: puts the project's tools first on PATH.
# - cargo-installed tools (trunk, wasm-bindgen, wasm-bindgen-test-runner)
# - wasm-opt from npm's binaryen@132, ahead of any Debian binaryen (whose
#   wasm-opt 108 produces a page that dies with "WebAssembly.Table.set():
#   Argument 1 is invalid for table").
COOP_TOOLS_PREFIX="${COOP_TOOLS_PREFIX:-$HOME/.local/share/coop-plan-tools}"
export COOP_TOOLS_PREFIX
_coop_path="$HOME/.cargo/bin"
if [ -d "$COOP_TOOLS_PREFIX/bin" ]; then
  _coop_path="$COOP_TOOLS_PREFIX/bin:$_coop_path"
fi
export PATH="$_coop_path:$PATH"
unset _coop_path

# The wasm-bindgen version the crate is locked to (Cargo.lock, package
# "wasm-bindgen"); trunk, wasm-bindgen-cli and the test runner must match it.
coop_wasm_bindgen_version() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  awk '
    /^\[\[package\]\]/ { name = "" }
    /^name = / { gsub(/"/, "", $3); name = $3 }
    /^version = / && name == "wasm-bindgen" { gsub(/"/, "", $3); print $3; exit }
  ' "$root/Cargo.lock"
}
