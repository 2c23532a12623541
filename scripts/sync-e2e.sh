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
standin=tests/couchdb/standin
if [ ! -d "$standin/node_modules/express-pouchdb" ] \
   || [ "$standin/package-lock.json" -nt "$standin/node_modules/.package-lock.json" ]; then
  echo "[sync-e2e] installing the CouchDB stand-in (npm ci, seconds)"
  (cd "$standin" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -f "${E2E_DIST:-dist}/index.html" ]; then
  echo "[sync-e2e] ${E2E_DIST:-dist}/index.html missing: run make build first" >&2
  exit 1
fi

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port="$(free_port)"
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
    echo "[sync-e2e] the stand-in stopped:" >&2; cat "$log" >&2; exit 1
  fi
  sleep 0.2
done

db=coop-plan-test
# Same origin: no CORS setting is needed.
COUCH_ADMIN="$admin" node scripts/couchdb-setup.js --url "$url" --db "$db" \
  --users tests/couchdb/users.json

export E2E_PORT="${E2E_PORT:-$(free_port)}"
export E2E_PROXY="/couchdb/=$url/"
export COUCH_DB="$db"
if [ "$#" -eq 0 ]; then
  set -- sync.spec.js
fi
scripts/e2e.sh "$@"
