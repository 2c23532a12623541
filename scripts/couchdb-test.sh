#!/usr/bin/env bash
# The sync's server side against a CouchDB-protocol server on 127.0.0.1:
# installs the stand-in (tests/couchdb/standin: npm ci, seconds), starts it
# on a free port with a server admin, prepares a database with the same
# script a province runs (scripts/couchdb-setup.js: _security, the design
# document, users), runs tests/couchdb/*.test.js (node --test), and stops
# the server however the tests end.
set -euo pipefail
cd "$(dirname "$0")/.."
standin=tests/couchdb/standin
if [ ! -d "$standin/node_modules/express-pouchdb" ] \
   || [ "$standin/package-lock.json" -nt "$standin/node_modules/.package-lock.json" ]; then
  echo "[couchdb] installing the CouchDB stand-in (npm ci, seconds)"
  (cd "$standin" && npm ci --no-audit --no-fund --loglevel=error)
fi

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
admin="admin:$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
log="$(mktemp)"
COUCH_ADMIN="$admin" node "$standin/server.js" "$port" 127.0.0.1 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT

url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if node -e "fetch('$url/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "[couchdb] the stand-in stopped:" >&2; cat "$log" >&2; exit 1
  fi
  sleep 0.2
done

db=coop-plan-test
COUCH_ADMIN="$admin" node scripts/couchdb-setup.js --url "$url" --db "$db" \
  --users tests/couchdb/users.json --cors "http://127.0.0.1:8099"
COUCH_URL="$url" COUCH_DB="$db" COUCH_ADMIN="$admin" node --test tests/couchdb/
