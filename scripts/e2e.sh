#!/usr/bin/env bash
# Runs the Playwright tests (tests/e2e) against the release build in dist/,
# on the system Chromium. Installs the pinned npm packages first when
# node_modules is missing or older than package-lock.json (npm ci, seconds;
# no browser download). Extra arguments go to `playwright test`.
set -euo pipefail
cd "$(dirname "$0")/../tests/e2e"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d node_modules/@playwright/test ] || [ ! -d node_modules/@axe-core/playwright ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[e2e] installing @playwright/test and @axe-core/playwright (npm ci, seconds)"
  npm ci --no-audit --no-fund --loglevel=error
fi
[ "${1:-}" = "--deps-only" ] && exit 0
if [ ! -f ../../dist/index.html ]; then
  echo "[e2e] dist/index.html missing: run make build first" >&2
  exit 1
fi
exec npx --no-install playwright test "$@"
