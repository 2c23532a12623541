#!/usr/bin/env bash
# Writes a build id into the built service worker, so that every build gets
# its own cache (and the old one is deleted when the new worker activates).
# Run by Trunk as a post_build hook (TRUNK_STAGING_DIR set), or by hand on a
# built directory: scripts/stamp-sw.sh dist
set -euo pipefail
dir="${1:-${TRUNK_STAGING_DIR:-dist}}"
sw="$dir/sw.js"
[ -f "$sw" ] || { echo "stamp-sw: no $sw" >&2; exit 1; }
# The id covers every built file but the worker itself: the hashed .js,
# .wasm and .css names and contents, index.html, manifest and icons.
build_id="$(cd "$dir" && find . -type f ! -name sw.js -print0 | LC_ALL=C sort -z \
  | xargs -0 sha256sum | sha256sum | cut -c1-16)"
if grep -q '__BUILD_ID__' "$sw"; then
  sed -i "s/__BUILD_ID__/$build_id/g" "$sw"
  echo "stamp-sw: $sw cache version $build_id"
elif grep -q "const BUILD_ID = '$build_id'" "$sw"; then
  echo "stamp-sw: $sw already at $build_id"
else
  echo "stamp-sw: $sw has no __BUILD_ID__ placeholder" >&2
  exit 1
fi
