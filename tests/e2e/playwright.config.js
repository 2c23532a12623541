// Playwright against the release build in dist/, served by server.js, in the
// system Chromium (no browser download: there is no internet here).
// `make test` builds dist/ first; scripts/e2e.sh runs this.
'use strict';
const path = require('path');
const { defineConfig } = require('@playwright/test');

const PORT = Number(process.env.E2E_PORT || 8099);
const ROOT = path.resolve(__dirname, '..', '..');
// The built app to test; E2E_DIST points elsewhere (a copy, another build).
const DIST = path.resolve(process.env.E2E_DIST || path.join(ROOT, 'dist'));
// The sync's tests (sync.spec.js) need a CouchDB-protocol server behind
// the app's origin: scripts/sync-e2e.sh starts one and sets E2E_PROXY
// (`/couchdb/=http://127.0.0.1:<port>/`, see server.js --proxy). Without
// it they are left out.
const PROXY = process.env.E2E_PROXY || '';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

module.exports = defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.js$/,
  testIgnore: PROXY ? [] : [/sync\.spec\.js$/],
  // Two cores, other builds running: one worker keeps timings honest and
  // the offline test's second server out of the way of the rest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 900 },
    serviceWorkers: 'allow',
    // Tests start as returning users, with the first-run tour already seen;
    // tour.spec.js starts from an empty browser.
    storageState: {
      cookies: [],
      origins: [{ origin: `http://127.0.0.1:${PORT}`, localStorage: [{ name: 'coop-plan:tour', value: 'seen' }] }],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `node server.js --dir "${DIST}" --port ${PORT}` + (PROXY ? ` --proxy "${PROXY}"` : ''),
    cwd: __dirname,
    url: `http://127.0.0.1:${PORT}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

module.exports.CHROMIUM_ARGS = CHROMIUM_ARGS;
module.exports.DIST = DIST;
