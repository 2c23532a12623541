# Sourced by scripts/couchdb-test.sh and scripts/sync-e2e.sh: installs the
# CouchDB-protocol stand-in (tests/couchdb/standin: npm ci, seconds) when
# missing, starts it on a free port of 127.0.0.1 with a random server
# admin, waits until it answers, and stops it however the caller ends
# (trap on EXIT). Sets `url` and `admin`; defines `free_port`. `tag` names
# the caller in messages.
standin=tests/couchdb/standin
if [ ! -d "$standin/node_modules/express-pouchdb" ] \
   || [ "$standin/package-lock.json" -nt "$standin/node_modules/.package-lock.json" ]; then
  echo "[$tag] installing the CouchDB stand-in (npm ci, seconds)"
  (cd "$standin" && npm ci --no-audit --no-fund --loglevel=error)
fi

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port="$(free_port)"
admin="admin:$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
standin_log="$(mktemp)"
COUCH_ADMIN="$admin" node "$standin/server.js" "$port" 127.0.0.1 >"$standin_log" 2>&1 &
standin_pid=$!
trap 'kill "$standin_pid" 2>/dev/null || true; wait "$standin_pid" 2>/dev/null || true; rm -f "$standin_log"' EXIT

url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if node -e "fetch('$url/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    break
  fi
  if ! kill -0 "$standin_pid" 2>/dev/null; then
    echo "[$tag] the stand-in stopped:" >&2; cat "$standin_log" >&2; exit 1
  fi
  sleep 0.2
done
