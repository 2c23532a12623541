#!/usr/bin/env bash
# `make bench` (after setup and a release build): prints
#   (a) the release .wasm and .js sizes, raw and gzip;
#   (b) cold load to the dashboard in headless Chromium, median of 7 runs;
#   (c) evaluating every target for 1,000 and 30,000 generated units, in
#       Chromium (wasm) and natively (cargo bench), and the wasm/native ratio:
#       after an as-of change, after an edit with the index rebuilt, and
#       after an edit of one unit with the index patched;
#   (d) a workspace of 1,000 / 10,000 / 30,000 units with three years of
#       records: JSON size, export and import times, and whether
#       localStorage holds it; the 30,000 units as CSV files imported
#       through the data page, a slice at a time: total time and the
#       longest slice.
#   (e) Monte Carlo samples per second, Chromium and native, same model and
#       seed (simulation::timing), and the ratio.
#   (f) the longest main-thread task (PerformanceObserver 'longtask',
#       Chromium) while 30,000 units with three years are imported through
#       the data page as JSON and as CSV, and during a 1,000,000-sample Monte
#       Carlo run on the simulation page: median of BENCH_LONGTASK_RUNS (5).
#   (g) the country's scale in IndexedDB: 30,000 cooperatives + 80,000
#       cooperative groups with three years each, saved, read back and one
#       edit persisted (medians of 5 saves and reads, 9 edits); the browser
#       closed and the app opened again to the dashboard, BENCH_NATIONAL_RUNS
#       (5) times, with the longest main-thread task while it opens; and the
#       load average when it ran (the machine is shared).
#       `BENCH_ONLY=national node tests/e2e/bench.js` with E2E_DIST=dist-bench
#       runs (g) alone.
#   (i) the sync at a province's scale (scripts/bench-sync.sh): 30,000
#       units with three years each pushed to a CouchDB-protocol stand-in
#       by the first sync of one browser, and pulled by another's; time and
#       the longest main-thread task of each.
#   (h) the first visit under Lighthouse's mobile Slow 4G (1.6 Mbps, 150 ms,
#       CPU ×4) and 4G (20 Mbps, 40 ms, CPU ×4) profiles, and the repeat
#       visit served by the service worker under Slow 4G: navigation → the
#       nine cards, median of BENCH_PROFILE_RUNS (5), next to the wasm's
#       gzip and brotli sizes (a).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

echo "== (a) bundle sizes (dist/)"
scripts/size.sh

scripts/e2e.sh --deps-only >/dev/null
# The timing hooks (app::bench) are not in the app users download: build a
# second bundle with them for (b) and (c). It differs from dist/ only by
# those hooks.
trunk build --release --features bench --dist dist-bench >/dev/null
export E2E_DIST="$PWD/dist-bench"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo
echo "== (b) cold load, navigation → nine target cards (headless Chromium)"
browser_rc=0
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
node tests/e2e/bench.js >"$out/browser.txt" || browser_rc=$?
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
grep -v -E '^(wasm|io |csv |json |mc-page |idb-national |reopen|load profile)' "$out/browser.txt" || true

echo
echo "== (c) evaluating every target over generated units: Chromium (window.wasmBindings.bench_indicators)"
echo "       and native (cargo bench --no-default-features --bench indicators), median ms"
native_rc=0
cargo bench --no-default-features --bench indicators >"$out/native.txt" 2>"$out/native.err" || native_rc=$?
[ $native_rc -eq 0 ] || tail -20 "$out/native.err" >&2

figure() { # file kind units → median_ms
  sed -n "s/^$2 units=$3 median_ms=\([0-9.]*\).*/\1/p" "$1" | head -1
}
printf '%-22s %14s %14s %12s\n' "units, after" "wasm (ms)" "native (ms)" "wasm/native"
missing=0
for row in "1000 as-of" "30000 as-of" "1000 edit" "30000 edit" "1000 edit-patched" "30000 edit-patched"; do
  set -- $row
  units=$1
  suffix=""; [ "$2" != as-of ] && suffix="-$2"
  w="$(figure "$out/browser.txt" "wasm$suffix" $units)"
  n="$(figure "$out/native.txt" "native$suffix" $units)"
  ratio="n/a"
  if [ -n "$w" ] && [ -n "$n" ]; then
    ratio="$(awk -v w="$w" -v n="$n" 'BEGIN { if (n > 0) printf "%.2f×", w / n; else print "n/a" }')"
  else
    missing=1
  fi
  printf '%-22s %14s %14s %12s\n' "$units, $2 change" "${w:-n/a}" "${n:-n/a}" "$ratio"
done
echo
echo "== (d) a big workspace as a file and in storage (Chromium): JSON size, export and"
echo "       import (parse, validate, preview) times, whether localStorage takes it, and the"
echo "       data page's table (a 50-row page: as stored, sorted by name, searched)"
grep '^io ' "$out/browser.txt" || missing=1
echo "       The 30,000 units as their two CSV files, imported through the data page a slice at a"
echo "       time: choosing the files to the preview, the longest slice (the longest the page is"
echo "       blocked) and each file's load"
grep '^csv ' "$out/browser.txt" | head -1 || missing=1

echo
echo "== (e) Monte Carlo, 10,000 seeded samples × all four simulation models (T1, T2, T3, T5, T6, T8,"
echo "       three projected years): Chromium (bench_monte_carlo) and native (cargo bench --bench monte_carlo)"
mc_rc=0
cargo bench --no-default-features --bench monte_carlo >"$out/mc.txt" 2>"$out/mc.err" || mc_rc=$?
[ $mc_rc -eq 0 ] || tail -20 "$out/mc.err" >&2
mw="$(sed -n 's/^wasm monte_carlo samples=10000 median_ms=\([0-9.]*\).*/\1/p' "$out/browser.txt" | head -1)"
mn="$(sed -n 's/^native monte_carlo samples=10000 median_ms=\([0-9.]*\).*/\1/p' "$out/mc.txt" | head -1)"
printf '%-22s %14s %14s %12s\n' "" "wasm" "native" "wasm/native"
if [ -n "$mw" ] && [ -n "$mn" ]; then
  awk -v w="$mw" -v n="$mn" 'BEGIN {
    printf "%-22s %14.1f %14.1f %11.2f×\n", "10k samples (ms)", w, n, w / n;
    printf "%-22s %14.0f %14.0f\n", "samples/s", 10000 / w * 1000, 10000 / n * 1000 }'
else
  echo "monte carlo: figures missing" >&2
  missing=1
fi
[ $mc_rc -eq 0 ] || missing=1
echo
echo "== (f) the longest main-thread task (PerformanceObserver 'longtask', ms; 0: none of 50 ms or more),"
echo "       median of the runs: 30,000 units with three years imported through the data page as JSON"
echo "       (read and checked in the import's Web Worker) and as CSV, and a 1,000,000-sample Monte Carlo run"
longest() { # kind → "median (runs…), total median ms"
  grep "^$1 " "$out/browser.txt" | awk 'BEGIN { n = 0 }
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "longest_task_ms") l[n] = kv[2]; if (kv[1] == "total_ms") t[n] = kv[2] } n++ }
    function median(a, n,   i, j, s, x) { for (i = 0; i < n; i++) s[i] = a[i];
      for (i = 1; i < n; i++) { x = s[i]; for (j = i - 1; j >= 0 && s[j] > x; j--) s[j + 1] = s[j]; s[j + 1] = x }
      return n % 2 ? s[int(n / 2)] : (s[n / 2 - 1] + s[n / 2]) / 2 }
    END { if (n == 0) exit 1; runs = ""; for (i = 0; i < n; i++) runs = runs (i ? "," : "") l[i];
      printf "longest task %s ms (runs %s); to the end %s ms\n", median(l, n), runs, median(t, n) }'
}
for kind in json csv mc-page; do
  printf '%-10s ' "$kind"
  longest "$kind" || { echo "missing"; missing=1; }
done

echo
echo "== (g) the country's scale in IndexedDB (Chromium): 30,000 cooperatives + 80,000 groups, three"
echo "       years each: save (every record), read back (a batch at a time) and one edit persisted,"
echo "       medians; then the browser closed and the app opened to the dashboard, median of the runs,"
echo "       with the longest main-thread task while opening (PerformanceObserver 'longtask')"
grep '^idb-national ' "$out/browser.txt" || missing=1
grep '^reopen' "$out/browser.txt" || missing=1

echo
echo "== (h) navigation → nine target cards on a mobile network (DevTools throttling, CPU ×4), median ms:"
echo "       first visit on Slow 4G and on 4G (empty cache), repeat visit on Slow 4G (service worker)"
grep '^load profile=' "$out/browser.txt" || missing=1
wasm_file="$(ls dist/coop-plan*.wasm | head -1)"
echo "       the wasm: $(gzip -9 -c "$wasm_file" | wc -c) bytes gzip, $(node -e 'const z = require("zlib"); process.stdout.write(String(z.brotliCompressSync(require("fs").readFileSync(process.argv[1]), { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length))' "$wasm_file") bytes brotli"
echo "load average (1, 5, 15 min) before the browser figures: $load_before; after: $load_after"

echo
echo "== (i) the sync at a province's scale: 30,000 units with three years each (120,004 documents),"
echo "       the first sync from a browser that holds them (push, batches of 1,000) and into one that"
echo "       does not (pull), against the CouchDB-protocol stand-in on loopback; from the click on"
echo "       \"Đăng nhập\" to the summary, with the longest main-thread task"
sync_load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
scripts/bench-sync.sh 2>/dev/null | grep '^sync-' || missing=1
echo "load average before and after the sync: $sync_load_before; $(cut -d' ' -f1-3 /proc/loadavg)"

cold="$(sed -n 's/^cold_load median_ms=\([0-9.]*\).*/\1/p' "$out/browser.txt")"
if [ $browser_rc -ne 0 ] || [ $native_rc -ne 0 ] || [ $missing -ne 0 ] || [ -z "$cold" ]; then
  echo "bench: some figures are missing (see above)" >&2
  exit 1
fi
