// A save refused for want of room (QuotaExceededError, forced with the
// DevTools Protocol's Storage.overrideQuotaForOrigin) keeps the last good
// copy and says so; once there is room again, the data moves over and the
// next edit saves.
//
// Chromium 156 applies the override when the origin's database is created,
// not to one that already exists (measured: a 20 MB put still commits), so
// the quota is lowered before the first start: the upgrade cannot copy the
// workspace from localStorage, the app still shows it, and its save fails.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

const FULL_VI = 'Không lưu được: bộ nhớ của trình duyệt đã đầy. Bản lưu trước vẫn còn nguyên.';

async function setT1Target(page, value) {
  const input = page.getByLabel('Mức mục tiêu của T1 (%)');
  await input.fill(value);
  await input.blur();
  await page.getByRole('button', { name: 'Lưu thay đổi kế hoạch' }).click();
}

const storedT1 = async (page, key) =>
  JSON.parse((await h.storedEntries(page))[key]).plan.targets.find((t) => t.id === 'T1').value;

test('a save refused by a full quota keeps the last good copy and says so', async ({ page, context }) => {
  const own = await h.seedWorkspace(context, 't1-on-time.json');
  const text = h.fixtureText('t1-on-time.json');
  const key = h.KEYS.workspace(own.id);
  const origin = new URL(test.info().project.use.baseURL).origin;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  await page.goto('/plan');
  await expect(page.getByLabel('Mức mục tiêu của T1 (%)')).toHaveValue('100');

  // No room: the edit is refused and said so; the copy stored stays, byte for byte.
  await setT1Target(page, '90');
  await expect(page.getByText(FULL_VI)).toBeVisible();
  expect((await h.storedEntries(page))[key]).toBe(text);
  await page.reload();
  await expect(page.getByLabel('Mức mục tiêu của T1 (%)')).toHaveValue('100');

  // Room again: the workspace moves to IndexedDB and an edit saves.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.reload();
  await expect(page.getByLabel('Mức mục tiêu của T1 (%)')).toHaveValue('100');
  await setT1Target(page, '70');
  await expect.poll(() => storedT1(page, key)).toBeCloseTo(0.7, 9);
  await expect(page.getByText(FULL_VI)).toHaveCount(0);
  const stored = await h.storedRecords(page, own.id);
  expect(stored.head.revision).toBeGreaterThan(1);
  expect(stored.units.map((u) => u.unit).sort()).toEqual(own.units.map((u) => u.id).sort());
});
