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

const { freePort, UI } = require('./helpers');
const RUNS = Number(process.env.BENCH_COLD_RUNS || 7);
const LONGTASK_RUNS = Number(process.env.BENCH_LONGTASK_RUNS || 5);
const NATIONAL_RUNS = Number(process.env.BENCH_NATIONAL_RUNS || 5);
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
// every task the import runs in (each message of the import's worker,
// which decodes the files and sends back their texts, then each slice run
// by setTimeout) from the change event to the preview. The longest task is
// the longest the page is blocked.
async function csvImport([units, years, longTasksSource]) {
  const longTasks = new Function(`return (${longTasksSource})`)();
  const [unitsCsv, yearsCsv] = window.wasmBindings.bench_csv_files(units, years);
  const bytes = new Blob([unitsCsv]).size + new Blob([yearsCsv]).size;
  const input = document.getElementById('import-csv');
  const files = new DataTransfer();
  files.items.add(new File([unitsCsv], 'don-vi.csv', { type: 'text/csv' }));
  files.items.add(new File([yearsCsv], 'so-lieu-nam.csv', { type: 'text/csv' }));
  const slices = [];
  const messages = [];
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
  const onMessage = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
  Object.defineProperty(Worker.prototype, 'onmessage', {
    configurable: true,
    get: onMessage.get,
    set(f) {
      onMessage.set.call(this, f && timed(f, messages));
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
  await new Promise((r) => realSetTimeout.call(window, r, 500));
  const stop = longTasks();
  const start = performance.now();
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  const end = await done;
  await new Promise((r) => realSetTimeout.call(window, r, 100));
  const tasks = stop();
  window.setTimeout = realSetTimeout;
  Object.defineProperty(Worker.prototype, 'onmessage', onMessage);
  const preview = document.getElementById('data-preview').textContent;
  const valid = !!document.querySelector('#confirm-import:not([disabled])');
  document.getElementById('cancel-import')?.click();
  const max = (xs) => Math.max(0, ...xs);
  return (
    `csv units=${units} years=${years} bytes=${bytes} total_ms=${(end - start).toFixed(0)} ` +
    `slices=${slices.length} longest_slice_ms=${max(slices).toFixed(1)} ` +
    `worker_messages_ms=${messages.map((t) => t.toFixed(1)).join(',')} valid=${valid && /30[.,]000/.test(preview)} ` +
    `longest_task_ms=${tasks.longest.toFixed(0)} long_tasks=${tasks.count}`
  );
}

// Runs in the page: starts recording the main thread's long tasks (50 ms
// or more, PerformanceObserver 'longtask', Chromium); the returned function
// stops and gives the longest and how many there were.
function longTasksInPage() {
  const durations = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  return () => {
    for (const entry of observer.takeRecords()) durations.push(entry.duration);
    observer.disconnect();
    return { longest: Math.max(0, ...durations), count: durations.length };
  };
}

// Runs in the page: imports the JSON file of `units` generated units with
// `years` years of records through the data page's file input, from the
// change event to the preview, recording long tasks (the file is read and
// checked in the import's worker, and handed back in pieces).
async function jsonImport([units, years, longTasksSource]) {
  const longTasks = new Function(`return (${longTasksSource})`)();
  const text = window.wasmBindings.bench_json_file(units, years);
  const bytes = new Blob([text]).size;
  const input = document.getElementById('import-file');
  const files = new DataTransfer();
  files.items.add(new File([text], 'workspace.json', { type: 'application/json' }));
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.getElementById('import-preview-title') || document.getElementById('data-file-error').textContent) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(document.getElementById('data-page'), { childList: true, subtree: true, characterData: true });
  });
  // Let the page settle after making the file.
  await new Promise((r) => setTimeout(r, 500));
  const stop = longTasks();
  const start = performance.now();
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  const end = await done;
  // The task that drew the preview is over once a timer runs.
  await new Promise((r) => setTimeout(r, 100));
  const tasks = stop();
  const preview = document.getElementById('data-preview').textContent;
  const valid = !!document.querySelector('#confirm-import:not([disabled])');
  const error = document.getElementById('data-file-error').textContent;
  document.getElementById('cancel-import')?.click();
  return (
    `json units=${units} years=${years} bytes=${bytes} total_ms=${(end - start).toFixed(0)} ` +
    `valid=${valid && /30[.,]000/.test(preview)} ` +
    `longest_task_ms=${tasks.longest.toFixed(0)} long_tasks=${tasks.count}` +
    (error ? ` error=${JSON.stringify(error)}` : '')
  );
}

// Runs in the page (/simulation): a Monte Carlo run of `samples` samples,
// from changing the number of samples to the last slice, recording long
// tasks.
async function monteCarloRun([samples, longTasksSource]) {
  const longTasks = new Function(`return (${longTasksSource})`)();
  const input = document.getElementById('sim-samples');
  await new Promise((r) => setTimeout(r, 300));
  const stop = longTasks();
  const start = performance.now();
  input.value = String(samples);
  input.dispatchEvent(new Event('change', { bubbles: true }));
  // The run's bar appears; the results replace it when the run ends.
  let seen = false;
  await new Promise((resolve) => {
    const poll = () => {
      const bar = document.getElementById('sim-progress-bar');
      if (bar && bar.getAttribute('max') === String(samples)) seen = true;
      if (seen && (!bar || bar.getAttribute('value') === String(samples))) resolve();
      else setTimeout(poll, 20);
    };
    poll();
  });
  const end = performance.now();
  await new Promise((r) => setTimeout(r, 100));
  const tasks = stop();
  return (
    `mc-page samples=${samples} total_ms=${(end - start).toFixed(0)} ` +
    `longest_task_ms=${tasks.longest.toFixed(0)} long_tasks=${tasks.count}`
  );
}

// Saves the national workspace in a browser profile of its own (five saves,
// five reads and nine edits persisted, in the page: bench_idb_national),
// closes the browser, then NATIONAL_RUNS times starts it again on that
// profile and times the navigation to the dashboard showing that workspace
// (nine target cards and its name), recording every long task
// (PerformanceObserver 'longtask', buffered, from the page's first script)
// until one second after every unit was read and the targets computed from
// them (the dashboard shows first from the targets the last save kept).
async function national(URL) {
  const fs = require('fs');
  const os = require('os');
  const [cooperatives, groups, years] = [
    Number(process.env.BENCH_COOPERATIVES || 30000),
    Number(process.env.BENCH_GROUPS || 80000),
    3,
  ];
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'coop-plan-bench-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      serviceWorkers: 'block',
    });
  try {
    let context = await launch();
    let page = context.pages()[0] || (await context.newPage());
    await page.goto(URL);
    await page.waitForFunction(() => document.querySelectorAll('[data-target-id]').length === 9, null, { timeout: 120_000 });
    page.setDefaultTimeout(1_800_000);
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
      }).observe({ type: 'longtask' });
    });
    const line = await page.evaluate(
      ([c, g, y, runs]) => window.wasmBindings.bench_idb_national(c, g, y, runs, 9),
      [cooperatives, groups, years, NATIONAL_RUNS],
    );
    console.log(line);
    // The long tasks of each whole save (five into an empty store).
    const windows = ((line.match(/save_windows=(\S+)/) || [])[1] || '')
      .split(',')
      .filter(Boolean)
      .map((w) => w.split('-').map(Number));
    const saveTasks = await page.evaluate(
      (windows) =>
        windows.map(([from, to]) => {
          const within = window.__longTasks.filter(([s]) => s >= from - 2 && s < to);
          const list = within.map(([s, d]) => `${(s - from).toFixed(0)}+${d.toFixed(0)}`).join(',');
          return [Math.max(0, ...within.map(([, d]) => d)), within.length, list];
        }),
      windows,
    );
    console.log(
      `idb-national-save longest_task_ms_median=${median(saveTasks.map(([l]) => l)).toFixed(0)} ` +
        `longest_runs_ms=${saveTasks.map(([l]) => l.toFixed(0)).join(',')} long_tasks_runs=${saveTasks.map(([, n]) => n).join(',')} at_ms=${saveTasks.map(([, , l]) => l || '-').join(';')}`,
    );
    await context.close();
    const runs = [];
    for (let run = 0; run < NATIONAL_RUNS; run++) {
      context = await launch();
      await context.addInitScript(() => {
        window.__longTasks = [];
        try {
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
          }).observe({ type: 'longtask', buffered: true });
        } catch (_) {
          window.__longTasks = null;
        }
      });
      page = context.pages()[0] || (await context.newPage());
      await page.goto(URL, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        (name) =>
          document.querySelectorAll('[data-target-id]').length === 9 &&
          document.body.textContent.includes(name) &&
          performance.now(),
        'Toàn quốc (bench)',
        { polling: 'raf', timeout: 300_000 },
      );
      const shown = await handle.jsonValue();
      // Then every unit read, its index built and the targets computed
      // from them (the dashboard's line on the reading goes).
      const loadedHandle = await page.waitForFunction(
        () => !document.querySelector('#opening-status:not([hidden])') && performance.now(),
        null,
        { polling: 'raf', timeout: 300_000 },
      );
      const loaded = await loadedHandle.jsonValue();
      await page.waitForTimeout(1000);
      const tasks = await page.evaluate((until) => {
        const all = window.__longTasks;
        if (!all) return null;
        const within = all.filter(([start]) => start <= until);
        return {
          longest: Math.max(0, ...within.map(([, d]) => d)),
          count: within.length,
          // When each began (ms from navigation) and how long it took.
          list: within.map(([s, d]) => `${s.toFixed(0)}+${d.toFixed(0)}`).join(','),
        };
      }, loaded + 1000);
      runs.push({ shown, loaded, tasks });
      console.log(
        `reopen run=${run + 1} units=${cooperatives + groups} dashboard_ms=${shown.toFixed(0)} all_read_ms=${loaded.toFixed(0)} ` +
          (tasks ? `longest_task_ms=${tasks.longest.toFixed(0)} long_tasks=${tasks.count} at_ms=${tasks.list || '-'}` : 'longest_task_ms=n/a'),
      );
      await context.close();
    }
    const longest = runs.map((r) => (r.tasks ? r.tasks.longest : NaN));
    console.log(
      `reopen-summary units=${cooperatives + groups} cooperatives=${cooperatives} groups=${groups} years=${years} ` +
        `dashboard_ms_median=${median(runs.map((r) => r.shown)).toFixed(0)} runs_ms=${runs.map((r) => r.shown.toFixed(0)).join(',')} ` +
        `all_read_ms_median=${median(runs.map((r) => r.loaded)).toFixed(0)} ` +
        `longest_task_ms_median=${median(longest).toFixed(0)} longest_runs_ms=${longest.map((l) => l.toFixed(0)).join(',')}`,
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// The sync at a province's scale (issue 15), against the CouchDB-protocol
// stand-in that scripts/bench-sync.sh starts (BENCH_PROXY forwards the
// app's /couchdb/ to it, as in production). In a new browser profile, a
// workspace of BENCH_SYNC_UNITS (30,000) units with three years each is
// stored and opened, and the province logs in: the first sync pushes every
// document, in batches of 1,000. In a second new profile the same
// workspace without its units is opened and the province logs in: the
// first sync pulls them all. Each: from the click on "Đăng nhập" to the
// summary (which counts the documents sent and received), with every long
// task in between.
async function syncBench(browser, URL) {
  const units = Number(process.env.BENCH_SYNC_UNITS || 30000);
  const years = 3;
  const db = process.env.COUCH_DB;
  const user = 'so-khdt';
  const password = 'province-test-password';
  for (const kind of ['push', 'pull']) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    page.setDefaultTimeout(1_800_000);
    await page.goto(URL);
    await page.waitForFunction(() => window.wasmBindings && document.querySelectorAll('[data-target-id]').length === 9, null, { timeout: 120_000 });
    const stored = await page.evaluate(([u, y, empty]) => window.wasmBindings.bench_store_workspace('sync-bench', u, y, empty), [units, years, kind === 'pull']);
    if (!stored) throw new Error('the bench workspace was not stored');
    await page.goto(URL + 'data');
    await page.waitForFunction(() => document.body.textContent.includes('Đồng bộ (bench)') && !document.querySelector('#opening-status:not([hidden])'), null, { polling: 500 });
    await page.getByLabel('Cơ sở dữ liệu').fill(db);
    await page.getByLabel('Tên đăng nhập').fill(user);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
      }).observe({ type: 'longtask' });
    });
    const start = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const endHandle = await page.waitForFunction(
      () => {
        const summary = document.querySelector('#sync-summary');
        const running = document.querySelector('#sync-running');
        return summary && summary.textContent.includes('Đã đồng bộ') && running && running.hidden && performance.now();
      },
      null,
      { polling: 200, timeout: 1_800_000 },
    );
    const end = await endHandle.jsonValue();
    const result = await page.evaluate(([from, to]) => {
      const within = window.__longTasks.filter(([s]) => s >= from && s <= to);
      return {
        summary: document.querySelector('#sync-summary').textContent,
        problems: (document.querySelector('#sync-problems') || { textContent: '' }).textContent,
        longest: Math.max(0, ...within.map(([, d]) => d)),
        count: within.length,
        list: within.slice(0, 20).map(([t, d]) => `${(t - from).toFixed(0)}+${d.toFixed(0)}`).join(','),
      };
    }, [start, end]);
    console.log(
      `sync-${kind} units=${units} years=${years} ms=${(end - start).toFixed(0)} longest_task_ms=${result.longest.toFixed(0)} long_tasks=${result.count} ` +
        `at_ms=${result.list || '-'} summary="${result.summary.trim()}"` + (result.problems.trim() ? ` problems="${result.problems.trim()}"` : ''),
    );
    await context.close();
  }
}

// Network and CPU as Lighthouse's mobile profiles set them (issue 12):
// Slow 4G is 1.6 Mbps down, 750 kbps up, 150 ms round trip; 4G 20 Mbps,
// 40 ms; both with the CPU slowed four times. Throughput in bytes/s.
const PROFILES = [
  ['slow-4g', { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 }],
  ['4g', { latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 5e6 / 8 }],
];
const PROFILE_RUNS = Number(process.env.BENCH_PROFILE_RUNS || 5);

// Throttles the page's network and CPU through the DevTools protocol.
async function throttle(context, page, conditions) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

// Navigation start → the nine target cards, in ms (the page's own clock).
async function untilCards(page, URL) {
  await page.goto(URL, { waitUntil: 'commit', timeout: 120_000 });
  const handle = await page.waitForFunction(
    () => document.querySelectorAll('[data-target-id]').length === 9 && performance.now(),
    null,
    { polling: 'raf', timeout: 120_000 },
  );
  return handle.jsonValue();
}

// The first visit under each profile, PROFILE_RUNS times in a new context
// (empty HTTP cache, no service worker), and the repeat visit: a context
// whose service worker has installed and cached the build, opened again
// under Slow 4G. Prints "load profile=… median_ms=… runs_ms=…".
async function profiles(browser, URL) {
  for (const [name, conditions] of PROFILES) {
    const runs = [];
    for (let i = 0; i < PROFILE_RUNS; i++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await throttle(context, page, conditions);
      runs.push(await untilCards(page, URL));
      await context.close();
    }
    console.log(`load profile=${name}-cold median_ms=${median(runs).toFixed(0)} runs_ms=${runs.map((r) => r.toFixed(0)).join(',')}`);
  }
  const runs = [];
  for (let i = 0; i < PROFILE_RUNS; i++) {
    const context = await browser.newContext();
    let page = await context.newPage();
    await untilCards(page, URL);
    // The service worker has the build once it is active and controls a page.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.close();
    page = await context.newPage();
    await throttle(context, page, PROFILES[0][1]);
    runs.push(await untilCards(page, URL));
    const served = await page.evaluate(() => !!navigator.serviceWorker.controller);
    await context.close();
    if (!served) throw new Error('the repeat visit was not served by the service worker');
  }
  console.log(`load profile=slow-4g-repeat median_ms=${median(runs).toFixed(0)} runs_ms=${runs.map((r) => r.toFixed(0)).join(',')}`);
}

async function main() {
  const PORT = Number(process.env.BENCH_PORT) || (await freePort());
  const URL = `http://127.0.0.1:${PORT}/`;
  if (await portOpen(PORT)) throw new Error(`port ${PORT} is already in use`);
  const proxy = process.env.BENCH_PROXY ? ['--proxy', process.env.BENCH_PROXY] : [];
  const server = spawn(process.execPath, [path.join(__dirname, 'server.js'), '--dir', DIST, '--port', String(PORT), '--gzip', ...proxy], {
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

    // The first visit on a mobile network and the repeat visit (issue 12).
    if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'profiles') {
      await profiles(browser, URL);
    }

    // The country's scale in IndexedDB (issue 14), unless BENCH_ONLY names
    // another part: 30,000 cooperatives and 80,000 cooperative groups with
    // three years each, saved, the browser closed, and opened again to the
    // dashboard NATIONAL_RUNS times.
    if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'national') {
      await national(URL);
    }

    // The sync at a province's scale (issue 15): only with the stand-in
    // scripts/bench-sync.sh starts.
    if (process.env.BENCH_PROXY && (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'sync')) {
      await syncBench(browser, URL);
    }

    // BENCH_ONLY=longtask: only the long tasks of imports and Monte Carlo.
    if (!['longtask', 'national', 'profiles', 'sync'].includes(process.env.BENCH_ONLY)) {
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
    }

    // The same 30,000 units as their JSON file and as their two CSV files,
    // imported through the data page as a user would, and a 1,000,000-sample
    // Monte Carlo run on the simulation page, LONGTASK_RUNS times each in a
    // new browser context: the time to the preview (or the last sample) and
    // the longest main-thread task (PerformanceObserver 'longtask').
    const source = longTasksInPage.toString();
    const fresh = async (path, selector) => {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(`${URL}${path}`);
      await page.waitForSelector(selector, { timeout: 60_000 });
      return [context, page];
    };
    const kinds = ['national', 'profiles', 'sync'].includes(process.env.BENCH_ONLY) ? [] : (process.env.BENCH_LONGTASK_KINDS || 'json,csv,mc').split(',');
    for (let run = 0; run < (kinds.length ? LONGTASK_RUNS : 0); run++) {
      for (const [units, years] of kinds.includes('json') || kinds.includes('csv') ? [[30000, 3]] : []) {
        if (kinds.includes('json')) {
          const [context, page] = await fresh('data', '#import-file');
          console.log(await page.evaluate(jsonImport, [units, years, source]));
          await context.close();
        }
        if (kinds.includes('csv')) {
          const [context, page] = await fresh('data', '#import-csv');
          console.log(await page.evaluate(csvImport, [units, years, source]));
          await context.close();
        }
      }
      if (!kinds.includes('mc')) continue;
      // On the workshop's demo city (an empty workspace has nothing to
      // simulate), as of mid-2019 as the simulation spec does.
      const [context, page] = await fresh('workshop', 'button');
      await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
      await page.waitForURL(/\/$/);
      await page.getByRole('navigation').getByRole('link', { name: 'Mô phỏng' }).click();
      const asOf = page.getByLabel(UI.vi.asOf);
      await asOf.fill('2019-07-31');
      await asOf.blur();
      await page.waitForSelector('table.sim-projection', { timeout: 60_000 });
      console.log(await page.evaluate(monteCarloRun, [1000000, source]));
      await context.close();
    }
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
