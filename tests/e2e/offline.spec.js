// Offline (issue §7): after the first visit the app loads and works with
// the server stopped, in a reload and in a new tab, with its data; a new
// build installs in the background, is announced, and replaces the old
// cache when the user reloads from the banner, without touching stored
// data or losing a half-typed form.
//
// This spec runs its own server (on its own port, so the origin — and with
// it the service worker, caches and storage — is this spec's alone) and
// really stops it.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const { spawn } = require('child_process');
const { test, expect } = require('@playwright/test');
const { DIST } = require('./playwright.config');
const h = require('./helpers');

// Chosen once for the whole file: a stopped and restarted server must come
// back on the same origin.
let PORT;
let ORIGIN;
test.beforeAll(async () => {
  PORT = Number(process.env.E2E_OFFLINE_PORT) || (await h.freePort());
  ORIGIN = `http://127.0.0.1:${PORT}`;
});

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function startServer(dir) {
  if (await portOpen(PORT)) throw new Error(`port ${PORT} is already in use`);
  const child = spawn(process.execPath, [path.join(__dirname, 'server.js'), '--dir', dir, '--port', String(PORT)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 10_000;
  while (!(await portOpen(PORT))) {
    if (Date.now() > deadline) throw new Error('static server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

async function stopServer(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  expect(await portOpen(PORT)).toBe(false);
}

async function waitForServiceWorkerControl(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

const cacheNames = (page) =>
  page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('coop-plan-')));

test.describe('offline', () => {
  let server;
  test.afterEach(async () => {
    await stopServer(server);
    server = undefined;
  });

  test('after the first visit the app loads with the server stopped, in a reload and in a new tab', async ({ browser }) => {
    server = await startServer(DIST);
    const context = await browser.newContext({ baseURL: ORIGIN });
    try {
      await h.seedWorkspace(context, 't1-on-time.json');
      const page = await context.newPage();
      await page.goto('/');
      await h.expectNineTargets(page);
      await waitForServiceWorkerControl(page);
      const names = await cacheNames(page);
      expect(names).toHaveLength(1);
      expect(names[0]).not.toContain('__BUILD_ID__');
      await h.setAsOf(page, '2018-07-01');
      await h.expectStatus(page, 'T1', 'met');
      // Visit the other pages once online too, as a user would.
      await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu', exact: true }).click();
      await expect(page).toHaveURL(/\/data$/);

      await stopServer(server);

      // Reload on a deep path: the worker answers with the cached shell.
      await page.reload();
      await expect(page).toHaveURL(/\/data$/);
      await expect(page.getByRole('navigation').getByRole('link')).toHaveCount(6);
      await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan', exact: true }).click();
      await h.expectNineTargets(page);
      await h.setAsOf(page, '2018-07-01');
      await h.expectStatus(page, 'T1', 'met');
      await h.setAsOf(page, '2018-01-01');
      await h.expectStatus(page, 'T1', 'on-track');

      // A new tab, straight to the dashboard, with no server.
      const tab = await context.newPage();
      await tab.goto('/');
      await h.expectNineTargets(tab);
      await h.setAsOf(tab, '2018-07-01');
      await h.expectStatus(tab, 'T1', 'met');
      const stored = await h.storedEntries(tab);
      expect(JSON.parse(stored[h.KEYS.workspace('main')]).units).toHaveLength(7);

      // And a new tab on a deep path.
      const deep = await context.newPage();
      await deep.goto('/plan');
      await expect(deep.getByRole('navigation').getByRole('link')).toHaveCount(6);

      // A JSON import with no server: the import's worker comes from the
      // cache too.
      await deep.goto('/data');
      await deep.getByLabel(/Nhập tệp JSON của Coop Plan/).setInputFiles({
        name: 't1-late.json',
        mimeType: 'application/json',
        buffer: Buffer.from(h.fixtureText('t1-late.json')),
      });
      await expect(deep.getByRole('region', { name: 'Xem trước khi nhập' })).toContainText('Thay đổi');

      // A CSV import too: the same worker decodes Excel's windows-1258.
      await deep.getByLabel(/Nhập tệp CSV đơn vị/).setInputFiles({
        name: 'units-windows-1258.csv',
        mimeType: 'text/csv',
        buffer: fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'units-windows-1258.csv')),
      });
      await expect(deep.getByRole('region', { name: 'Xem trước khi nhập' })
        .getByText('Mã hoá: Windows-1258 (ANSI tiếng Việt)', { exact: true })).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test('a new build installs in the background: the banner reloads to it, never losing unsaved input', async ({ browser }) => {
    // The "new build": dist/ with a different build id in sw.js and a mark
    // in index.html that only build 2 has.
    const next = fs.mkdtempSync(path.join(os.tmpdir(), 'coop-plan-next-'));
    fs.cpSync(DIST, next, { recursive: true });
    const sw = fs.readFileSync(path.join(next, 'sw.js'), 'utf8');
    const oldId = /const BUILD_ID = '([^']+)'/.exec(sw)[1];
    fs.writeFileSync(path.join(next, 'sw.js'), sw.replace(`'${oldId}'`, "'e2e-next-build'"));
    const html = fs.readFileSync(path.join(next, 'index.html'), 'utf8');
    fs.writeFileSync(path.join(next, 'index.html'), html.replace('<head>', '<head><meta name="e2e-build" content="2">'));
    const build2 = (page) => page.locator('meta[name="e2e-build"]');

    server = await startServer(DIST);
    const context = await browser.newContext({ baseURL: ORIGIN });
    try {
      const fixture = await h.seedWorkspace(context, 't1-late.json');
      const page = await context.newPage();
      await page.goto('/');
      await h.expectNineTargets(page);
      await waitForServiceWorkerControl(page);
      expect(await cacheNames(page)).toEqual([`coop-plan-${oldId}`]);
      const banner = page.getByRole('status').filter({ hasText: 'Có phiên bản mới — tải lại' });
      await expect(banner).toHaveCount(0);
      const before = await h.storedEntries(page);

      await stopServer(server);
      server = await startServer(next);
      await page.reload();
      // Still build 1, served by its worker with no wait for build 2...
      await h.expectNineTargets(page);
      await expect(build2(page)).toHaveCount(0);
      // ...which installs beside it, waits, and is announced.
      await expect(banner).toBeVisible({ timeout: 20_000 });
      expect((await cacheNames(page)).sort()).toEqual(['coop-plan-e2e-next-build', `coop-plan-${oldId}`].sort());
      await page.reload();
      await expect(build2(page)).toHaveCount(0);
      await expect(banner).toBeVisible({ timeout: 20_000 });

      // A half-typed form: the reload waits for the user's choice.
      await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu', exact: true }).click();
      await page.getByRole('button', { name: '+ Thêm đơn vị' }).click();
      const name = page.locator('form.entry-form').getByLabel('Tên đơn vị', { exact: true });
      await name.fill('HTX Đang nhập dở');
      await page.evaluate(() => (window.__samePage = true));
      await banner.getByRole('button', { name: 'Tải lại' }).click();
      const warning = page.getByRole('status').filter({ hasText: 'chưa lưu' });
      await expect(warning).toBeVisible();
      await expect(warning.getByRole('button', { name: 'Quay lại biểu mẫu' })).toBeFocused();
      await page.waitForTimeout(1000);
      expect(await page.evaluate(() => window.__samePage)).toBe(true);
      await expect(name).toHaveValue('HTX Đang nhập dở');
      expect(await cacheNames(page)).toContain(`coop-plan-${oldId}`);
      await warning.getByRole('button', { name: 'Quay lại biểu mẫu' }).click();
      await expect(name).toBeFocused();
      await expect(name).toHaveValue('HTX Đang nhập dở');

      // Saved, the reload goes through: build 2, its cache alone, the data kept.
      const field = (label) => page.locator('form.entry-form').getByLabel(label, { exact: true });
      await field('Mã số HTX').fill('020099');
      await field('Quận, huyện').selectOption('Vĩnh Bảo');
      await field('Ngày thành lập').fill('2015-03-02');
      await name.press('Enter');
      await expect(page.locator('#data-saved')).toHaveText('Đã lưu.');
      await banner.getByRole('button', { name: 'Tải lại' }).click();
      await expect(build2(page)).toHaveCount(1, { timeout: 20_000 });
      expect(await page.evaluate(() => window.__samePage)).toBeUndefined();
      await expect(page.getByRole('navigation').getByRole('link')).toHaveCount(6);
      await expect(banner).toHaveCount(0);
      await expect.poll(() => cacheNames(page)).toEqual(['coop-plan-e2e-next-build']);

      const after = await h.storedEntries(page);
      expect(after[h.KEYS.current]).toBe(before[h.KEYS.current]);
      const units = JSON.parse(after[h.KEYS.workspace(fixture.id)]).units;
      expect(units.slice(0, fixture.units.length)).toEqual(fixture.units);
      expect(units.map((u) => u.name)).toContain('HTX Đang nhập dở');
    } finally {
      await context.close();
      fs.rmSync(next, { recursive: true, force: true });
    }
  });
});
