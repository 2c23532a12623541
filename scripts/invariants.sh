#!/usr/bin/env bash
# The architecture's invariants that a command can check (src/lib.rs states
# them; issue 12's "done when"), run by `make test`:
#  1. the app's dependency tree has the crates the design names, and the
#     domain's (no default features) has no web crate;
#  2. nothing in src/ writes HTML text into the page (`set_inner_html`) or
#     dispatches on a `data-action` string;
#  3. outside src/app/, no string literal holds an HTML tag (test modules,
#     which feed markup in as hostile data, are not looked at).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
failed=0
fail() { echo "invariants: $*" >&2; failed=1; }

crates() { cargo tree --offline "$@" -e normal --prefix none 2>/dev/null | awk '{print $1}' | sort -u; }
app="$(crates)"
for crate in leptos leptos_router serde gloo-storage chrono wasm-bindgen; do
  grep -qx "$crate" <<<"$app" || fail "the app's tree has no $crate"
done
web="$(crates --no-default-features | grep -E '^(leptos.*|reactive_graph|web-sys|js-sys|wasm-bindgen.*|gloo.*)$' || true)"
[ -z "$web" ] || fail "the domain's tree (--no-default-features) has web crates: $(echo $web)"

hits="$(grep -rn --include='*.rs' -e 'set_inner_html' -e 'data-action' src || true)"
[ -z "$hits" ] || fail "HTML text or string actions in src/:
$hits"

# Each file up to its first test module.
markup="$(find src -name '*.rs' -not -path 'src/app/*' -print0 | sort -z |
  xargs -0 awk '
    FNR == 1 { testing = 0 }
    /^[[:space:]]*#\[cfg\((all\()?test/ { testing = 1 }
    !testing && /"[^"]*<\/?[a-zA-Z][a-zA-Z0-9]*[ >\/][^"]*"/ { print FILENAME ":" FNR ": " $0 }' || true)"
[ -z "$markup" ] || fail "HTML tags in string literals outside src/app/:
$markup"

[ $failed -eq 0 ] && echo "invariants: ok (the app's crates, no web crate in the domain, no HTML text outside src/app/)"
exit $failed
