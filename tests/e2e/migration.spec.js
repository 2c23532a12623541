// The upgrade from localStorage to IndexedDB: every workspace an earlier
// version kept in localStorage is copied, read back and compared, and only
// then removed; a real older workspace (schema 1) keeps every byte; corrupt
// data and old quarantine keys are kept aside byte for byte and can still be
// downloaded; a start that stopped half way is finished by the next one,
// and when IndexedDB already holds a different workspace under the same id
// both are kept.
'use strict';
const fs = require('fs');
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

const CORRUPT = '{"schema_version": 2, "id": "broken", "name": "Hợp tác xã Đồ Sơn ☂",\r\n\t"units": [ {"id": ';
const OLD_KEPT = 'coop-plan:quarantine:older:1700000000000';
const OLD_KEPT_TEXT = '{"schema_version": 2, "id": "older", oops ☂';

const localEntries = (page) => page.evaluate(() => {
  const out = {};
  for (let i = 0; i < localStorage.length; i++) out[localStorage.key(i)] = localStorage.getItem(localStorage.key(i));
  return out;
});

test('workspaces, corrupt data and old quarantine move to IndexedDB byte for byte', async ({ page, context }) => {
  const older = h.fixtureText('v1-workspace.json');
  const current = h.fixtureText('t1-on-time.json');
  const olderId = JSON.parse(older).id;
  await h.seedStorage(context, {
    [h.KEYS.workspace(olderId)]: older,
    [h.KEYS.workspace('main')]: current,
    [h.KEYS.workspace('broken')]: CORRUPT,
    [OLD_KEPT]: OLD_KEPT_TEXT,
    [h.KEYS.current]: JSON.stringify('main'),
  });
  await page.goto('/');
  await h.expectNineTargets(page);
  await expect(page.locator('.workspace-name')).toContainText('Kiểm thử: chuyển đổi đúng hạn');

  // Nothing is left in localStorage but the small settings.
  const local = await localEntries(page);
  expect(Object.keys(local).filter((k) => k.startsWith('coop-plan:workspace:') || k.startsWith('coop-plan:quarantine:'))).toEqual([]);
  expect(local[h.KEYS.current]).toBe(JSON.stringify('main'));

  // In IndexedDB, every byte: the schema-1 workspace as it was written.
  const stored = await h.storedEntries(page);
  expect(stored[h.KEYS.workspace(olderId)]).toBe(older);
  expect(stored[h.KEYS.workspace('main')]).toBe(current);
  const kept = Object.keys(stored).filter((k) => k.startsWith(h.KEYS.quarantinePrefix));
  expect(kept).toContain(OLD_KEPT);
  expect(stored[OLD_KEPT]).toBe(OLD_KEPT_TEXT);
  expect(kept.map((k) => stored[k])).toContain(CORRUPT);

  // Still listed and downloadable, byte for byte.
  const buttons = page.getByRole('button', { name: h.UI.vi.downloadUnreadable });
  await expect(buttons).toHaveCount(2);
  const downloaded = [];
  for (let i = 0; i < 2; i++) {
    const [download] = await Promise.all([page.waitForEvent('download'), buttons.nth(i).click()]);
    downloaded.push(fs.readFileSync(await download.path()));
  }
  expect(downloaded.some((b) => b.equals(Buffer.from(CORRUPT, 'utf8')))).toBe(true);
  expect(downloaded.some((b) => b.equals(Buffer.from(OLD_KEPT_TEXT, 'utf8')))).toBe(true);

  // The older workspace opens from IndexedDB as the current schema reads it.
  await page.getByLabel('Không gian làm việc').selectOption(olderId);
  await expect(page.locator('.workspace-name')).toContainText(JSON.parse(older).name);
  await page.goto('/data');
  for (const unit of JSON.parse(older).units) {
    await expect(page.getByRole('button', { name: `Sửa ${unit.name}` })).toBeVisible();
  }

  // After a reload, the same: nothing moved twice, nothing lost.
  await page.reload();
  await expect(page.locator('.workspace-name')).toContainText(JSON.parse(older).name);
  const again = await h.storedEntries(page);
  expect(again[h.KEYS.workspace('main')]).toBe(current);
  expect(again[h.KEYS.workspace(olderId)]).toBe(older);
  expect(Object.keys(again).filter((k) => k.startsWith(h.KEYS.quarantinePrefix))).toHaveLength(2);
});

test('a start that stopped half way: the next start finishes, and a different workspace under the same id keeps both', async ({ page, context }) => {
  const current = h.fixtureText('t1-on-time.json');
  await h.seedWorkspace(context, 't1-on-time.json');
  await page.goto('/');
  await h.expectNineTargets(page);
  expect((await h.storedEntries(page))[h.KEYS.workspace('main')]).toBe(current);

  // Copied, but the tab closed before the localStorage copy was removed.
  await page.evaluate(([k, t]) => localStorage.setItem(k, t), [h.KEYS.workspace('main'), current]);
  await page.reload();
  await h.expectNineTargets(page);
  expect((await localEntries(page))[h.KEYS.workspace('main')]).toBeUndefined();
  // One workspace, not two: no switcher in the header.
  await expect(page.locator('.workspace-name')).toContainText('Kiểm thử: chuyển đổi đúng hạn');
  await expect(page.locator('#workspace-switch')).toHaveCount(0);
  expect((await h.storedEntries(page))[h.KEYS.workspace('main')]).toBe(current);

  // localStorage holds another version under the same id: both are kept.
  const other = JSON.parse(current);
  other.name = 'Bản cũ trong localStorage';
  other.units = other.units.slice(0, 2);
  await page.evaluate(([k, t]) => localStorage.setItem(k, t), [h.KEYS.workspace('main'), JSON.stringify(other)]);
  await page.reload();
  await h.expectNineTargets(page);
  expect((await localEntries(page))[h.KEYS.workspace('main')]).toBeUndefined();
  await expect(page.locator('#workspace-switch option')).toHaveCount(2);
  const stored = await h.storedEntries(page);
  expect(stored[h.KEYS.workspace('main')]).toBe(current);
  const copies = Object.keys(stored)
    .filter((k) => k.startsWith('coop-plan:workspace:main-'))
    .map((k) => JSON.parse(stored[k]));
  expect(copies).toHaveLength(1);
  expect(copies[0].name).toBe('Bản cũ trong localStorage (localStorage)');
  expect(copies[0].units).toEqual(other.units);
});
