#!/usr/bin/env bash
# The sync end to end: the app in Chromium against a CouchDB-protocol
# server on 127.0.0.1, under the app's own origin as in production
# (couchdb/README.md, "Production setup"). Installs the stand-in
# (tests/couchdb/standin: npm ci, seconds), starts it on a free port with
# a random server admin, prepares the database with the script a province
# runs (scripts/couchdb-setup.js, users from tests/couchdb/users.json),
# then runs tests/e2e/sync.spec.js with server.js forwarding /couchdb/ to
# it (E2E_PROXY), and stops the server however the tests end.
# Extra arguments go to `playwright test` (another spec, --grep …).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f "${E2E_DIST:-dist}/index.html" ]; then
  echo "[sync-e2e] ${E2E_DIST:-dist}/index.html missing: run make build first" >&2
  exit 1
fi

tag=sync-e2e
. scripts/standin.sh

db=coop-plan-test
# Same origin: no CORS setting is needed.
COUCH_ADMIN="$admin" node scripts/couchdb-setup.js --url "$url" --db "$db" \
  --users tests/couchdb/users.json

export E2E_PORT="${E2E_PORT:-$(free_port)}"
export E2E_PROXY="/couchdb/=$url/"
export COUCH_DB="$db"
# For the test that writes a revision as a replication does.
export COUCH_URL="$url" COUCH_ADMIN="$admin"
if [ "$#" -eq 0 ]; then
  set -- sync.spec.js
fi
scripts/e2e.sh "$@"
