#!/usr/bin/env bash
# The sync's server side against a CouchDB-protocol server on 127.0.0.1:
# installs the stand-in (tests/couchdb/standin: npm ci, seconds), starts it
# on a free port with a server admin, prepares a database with the same
# script a province runs (scripts/couchdb-setup.js: _security, the design
# document, users), runs tests/couchdb/*.test.js (node --test), and stops
# the server however the tests end.
set -euo pipefail
cd "$(dirname "$0")/.."
tag=couchdb
. scripts/standin.sh

db=coop-plan-test
COUCH_ADMIN="$admin" node scripts/couchdb-setup.js --url "$url" --db "$db" \
  --users tests/couchdb/users.json --cors "http://127.0.0.1:8099"
COUCH_URL="$url" COUCH_DB="$db" COUCH_ADMIN="$admin" node --test tests/couchdb/
