#!/usr/bin/env node
// Browser figures for `make bench` (scripts/bench.sh prints the table):
//  - cold load: navigation start → the dashboard's nine target cards in the
//    DOM, in a new browser context each run (empty HTTP cache, no service
//    worker), median of RUNS;
//  - the indicator engine in WebAssembly: window.wasmBindings.bench_indicators
//    (units, repeats) returns the median milliseconds of evaluating every
//    target over that many generated units (generation excluded).
// Prints machine-readable lines: "cold_load median_ms=… runs_ms=…" and
// "wasm units=N median_ms=…".
'use strict';
const path = require('path');
const net = require('net');
const { spawn } = require('child_process');
const { chromium } = require('@playwright/test');
const { CHROMIUM_ARGS, DIST } = require('./playwright.config');

const { freePort } = require('./helpers');
const RUNS = Number(process.env.BENCH_COLD_RUNS || 7);
const SIZES = [
  [1000, 21],
  [30000, 7],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

// Runs in the page: imports the CSV files of `units` generated units with
// `years` years of records through the data page's file input, and times
// every task the import runs in (each file's load, then each slice run by
// setTimeout) from the change event to the preview. The longest task is
// the longest the page is blocked.
async function csvImport([units, years]) {
  const [unitsCsv, yearsCsv] = window.wasmBindings.bench_csv_files(units, years);
  const bytes = new Blob([unitsCsv]).size + new Blob([yearsCsv]).size;
  const input = document.querySelector('input[data-import="csv"]');
  const files = new DataTransfer();
  files.items.add(new File([unitsCsv], 'don-vi.csv', { type: 'text/csv' }));
  files.items.add(new File([yearsCsv], 'so-lieu-nam.csv', { type: 'text/csv' }));
  const slices = [];
  const loads = [];
  const timed = (f, into) =>
    function (...args) {
      const start = performance.now();
      try {
        return f.apply(this, args);
      } finally {
        into.push(performance.now() - start);
      }
    };
  const realSetTimeout = window.setTimeout;
  window.setTimeout = (f, ms, ...rest) => realSetTimeout.call(window, timed(f, slices), ms, ...rest);
  const loadEnd = Object.getOwnPropertyDescriptor(FileReader.prototype, 'onloadend');
  Object.defineProperty(FileReader.prototype, 'onloadend', {
    configurable: true,
    get: loadEnd.get,
    set(f) {
      loadEnd.set.call(this, f && timed(f, loads));
    },
  });
  const done = new Promise((resolve) => {
    const preview = document.getElementById('data-preview');
    const observer = new MutationObserver(() => {
      if (document.getElementById('import-preview-title') || document.querySelector('#data-file-error .issues')) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(preview, { childList: true, subtree: true });
    observer.observe(document.getElementById('data-file-error'), { childList: true });
  });
  const start = performance.now();
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  const end = await done;
  window.setTimeout = realSetTimeout;
  Object.defineProperty(FileReader.prototype, 'onloadend', loadEnd);
  const preview = document.getElementById('data-preview').textContent;
  const valid = !!document.querySelector('#data-preview button[data-action="confirm-import"]:not([disabled])');
  document.querySelector('#data-preview [data-action="cancel-import"]')?.click();
  const max = (xs) => Math.max(0, ...xs);
  return (
    `csv units=${units} years=${years} bytes=${bytes} total_ms=${(end - start).toFixed(0)} ` +
    `slices=${slices.length} longest_slice_ms=${max(slices).toFixed(1)} ` +
    `file_loads_ms=${loads.map((t) => t.toFixed(1)).join(',')} valid=${valid && /30[.,]000/.test(preview)}`
  );
}

async function main() {
  const PORT = Number(process.env.BENCH_PORT) || (await freePort());
  const URL = `http://127.0.0.1:${PORT}/`;
  if (await portOpen(PORT)) throw new Error(`port ${PORT} is already in use`);
  const server = spawn(process.execPath, [path.join(__dirname, 'server.js'), '--dir', DIST, '--port', String(PORT)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let failed = false;
  try {
    for (let i = 0; i < 100 && !(await portOpen(PORT)); i++) await new Promise((r) => setTimeout(r, 50));

    // A warm-up visit so that the first measured run does not pay for the
    // browser's own start-up.
    const warm = await browser.newContext();
    await (await warm.newPage()).goto(URL);
    await warm.close();

    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(URL, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        () => document.querySelectorAll('[data-target-id]').length === 9 && performance.now(),
        null,
        { polling: 'raf', timeout: 60_000 },
      );
      runs.push(await handle.jsonValue());
      await context.close();
    }
    console.log(`cold_load median_ms=${median(runs).toFixed(1)} runs_ms=${runs.map((r) => r.toFixed(0)).join(',')}`);

    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(URL);
    await page.waitForFunction(() => document.querySelectorAll('[data-target-id]').length === 9, null, { timeout: 60_000 });
    const available = await page.evaluate(() => typeof window.wasmBindings?.bench_indicators === 'function');
    if (!available) {
      console.log('wasm bench_indicators=missing (window.wasmBindings.bench_indicators is not exported)');
      failed = true;
    } else {
      for (const [units, repeats] of SIZES) {
        const ms = await page.evaluate(([u, r]) => window.wasmBindings.bench_indicators(u, r), [units, repeats]);
        console.log(`wasm units=${units} median_ms=${Number(ms).toFixed(3)}`);
      }
      // After an edit the workspace's index is rebuilt before evaluating.
      for (const [units, repeats] of SIZES) {
        const ms = await page.evaluate(([u, r]) => window.wasmBindings.bench_indicators_edit(u, r), [units, repeats]);
        console.log(`wasm-edit units=${units} median_ms=${Number(ms).toFixed(3)}`);
      }
      // After an edit of one unit with the index patched for it.
      for (const [units, repeats] of SIZES) {
        const ms = await page.evaluate(([u, r]) => window.wasmBindings.bench_indicators_edit_patched(u, r), [units, repeats]);
        console.log(`wasm-edit-patched units=${units} median_ms=${Number(ms).toFixed(3)}`);
      }
      // A big workspace on the file and storage paths (issue 3 §7).
      for (const [units, years] of [[1000, 3], [10000, 3], [30000, 3]]) {
        const line = await page.evaluate(([u, y]) => window.wasmBindings.bench_workspace_io(u, y), [units, years]);
        console.log(line);
      }
      // The same in IndexedDB: the first save, reading it back, and one
      // edit persisted (issue 14: at most 20 ms at 30,000 units).
      for (const [units, years] of [[1000, 3], [30000, 3]]) {
        const line = await page.evaluate(([u, y]) => window.wasmBindings.bench_idb_edit(u, y, 9), [units, years]);
        console.log(line);
      }
    }
    // Monte Carlo: 10,000 seeded samples over the four simulation models
    // (every target they follow, three projected years), median of 15.
    const mcAvailable = await page.evaluate(() => typeof window.wasmBindings?.bench_monte_carlo === 'function');
    if (!mcAvailable) {
      console.log('wasm bench_monte_carlo=missing');
      failed = true;
    } else {
      const ms = await page.evaluate(() => window.wasmBindings.bench_monte_carlo(10000, 15));
      console.log(`wasm monte_carlo samples=10000 median_ms=${Number(ms).toFixed(3)}`);
    }
    await context.close();

    // The same 30,000 units as their two CSV files, imported through the
    // data page as a user would (issue 3 §7): the files are read, then
    // imported a slice at a time between the browser's other work.
    const csvContext = await browser.newContext({ serviceWorkers: 'block' });
    const csvPage = await csvContext.newPage();
    await csvPage.goto(`${URL}data`);
    await csvPage.waitForSelector('input[data-import="csv"]', { timeout: 60_000 });
    for (const [units, years] of [[30000, 3]]) {
      console.log(await csvPage.evaluate(csvImport, [units, years]));
    }
    await csvContext.close();
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
