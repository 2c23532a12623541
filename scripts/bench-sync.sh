#!/usr/bin/env bash
# `make bench`, part (i): the sync at a province's scale (issue 15). Starts
# the CouchDB-protocol stand-in (scripts/standin.sh), prepares a database
# with the setup script a province runs, and times in Chromium the first
# sync of 30,000 units with three years each: pushed from one browser,
# pulled into another (tests/e2e/bench.js, BENCH_ONLY=sync). Stops the
# stand-in however it ends. Wants E2E_DIST (a build with the bench hooks).
set -euo pipefail
cd "$(dirname "$0")/.."
tag=bench-sync
. scripts/standin.sh
db="coop-plan-bench-$(date +%s)"
COUCH_ADMIN="$admin" node scripts/couchdb-setup.js --url "$url" --db "$db" \
  --users tests/couchdb/users.json >/dev/null
BENCH_ONLY=sync BENCH_PROXY="/couchdb/=$url/" COUCH_DB="$db" node tests/e2e/bench.js
