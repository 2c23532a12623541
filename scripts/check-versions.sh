#!/usr/bin/env bash
# Fails early, with a clear message, when the pinned tool versions disagree:
# Trunk.toml's wasm_bindgen must equal Cargo.lock's wasm-bindgen, and the
# tools on PATH must be those versions (trunk is offline and would not fetch
# others).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
locked="$(coop_wasm_bindgen_version)"
pinned="$(sed -n 's/^wasm_bindgen *= *"\(.*\)"/\1/p' Trunk.toml)"
pinned_opt="$(sed -n 's/^wasm_opt *= *"\(.*\)"/\1/p' Trunk.toml)"
status=0
if [ "$locked" != "$pinned" ]; then
  echo "Trunk.toml pins wasm_bindgen = \"$pinned\" but Cargo.lock has wasm-bindgen $locked: make them equal" >&2
  status=1
fi
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$locked" ]; then
  echo "wasm-bindgen on PATH is '${have:-missing}', Cargo.lock wants $locked: run scripts/setup.sh" >&2
  status=1
fi
if ! wasm-opt --version 2>/dev/null | grep -q "$pinned_opt"; then
  echo "wasm-opt on PATH ($(command -v wasm-opt || echo missing)) is not $pinned_opt: run scripts/setup.sh" >&2
  status=1
fi
exit $status
