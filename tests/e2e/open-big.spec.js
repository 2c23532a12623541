// A big workspace (5,000 units or more) opens with its dashboard drawn from
// the targets its last save kept, before its units are read (issue 14: a
// whole country reopens in seconds, not tens of seconds); every other page
// waits until they are; the figures are the same before and after, and
// opening writes nothing.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

// Records, from the page's first script, what it showed while the units
// were read: the cards' texts beside the reading line, and the panel that
// stands in for other pages.
function watchOpening() {
  window.__seen = { cards: null, panel: false, done: false };
  new MutationObserver(() => {
    const seen = window.__seen;
    const line = document.querySelector('#opening-status');
    const reading = line && !line.hidden && line.offsetParent !== null;
    const cards = [...document.querySelectorAll('[data-target-id]')];
    if (reading && cards.length === 9 && !seen.cards) seen.cards = cards.map((c) => c.innerText);
    const panel = document.getElementById('opening-title');
    if (panel) {
      seen.panel = true;
      seen.panelText = document.querySelector('.opening #opening-status').textContent;
    }
    if ((seen.cards || seen.panel) && !reading) seen.done = true;
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

test('a big workspace shows its dashboard before its units are read, with the same figures', async ({ page, context }) => {
  test.setTimeout(240_000);
  const own = await h.seedWorkspace(context, 't1-on-time.json');
  await page.goto('/data');
  const file = JSON.parse(h.fixtureText('t1-on-time.json'));
  const template = file.units[0];
  file.units = [];
  for (let i = 0; i < 6000; i++) {
    file.units.push({ ...template, id: `u-${i}`, name: `HTX số ${i}`, registration_code: `0399${String(i).padStart(6, '0')}` });
  }
  await page.getByLabel(/Nhập tệp JSON của Coop Plan/).setInputFiles({
    name: 'lon.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
  await expect(preview).toContainText('6.000', { timeout: 90_000 });
  await preview.getByRole('button', { name: 'Xác nhận nhập tệp' }).click();
  // Saved, with today's targets kept in the head beside the units' order.
  await expect
    .poll(async () => {
      const { head, units } = await h.storedRecords(page, own.id);
      const snapshot = head && typeof head.snapshot === 'string' ? JSON.parse(head.snapshot) : null;
      return [units.length, snapshot && snapshot.units, snapshot && snapshot.evaluations.length];
    }, { timeout: 90_000 })
    .toEqual([6000, 6000, 9]);

  await page.goto('/');
  await h.expectNineTargets(page);
  const before = await page.locator('[data-target-id]').allInnerTexts();
  const revision = (await h.storedRecords(page, own.id)).head.revision;

  await page.addInitScript(watchOpening);
  await page.reload();
  await expect.poll(() => page.evaluate(() => window.__seen && window.__seen.done), { timeout: 90_000 }).toBe(true);
  const seen = await page.evaluate(() => window.__seen);
  // The nine cards were there while the units were read, as they were.
  expect(seen.cards).toEqual(before);
  // And once read, computed from the units: the same.
  await h.expectNineTargets(page);
  await expect(page.locator('#opening-status')).toBeHidden();
  expect(await page.locator('[data-target-id]').allInnerTexts()).toEqual(before);
  // Opening wrote nothing.
  expect((await h.storedRecords(page, own.id)).head.revision).toBe(revision);

  // Another page asked for while the units are read waits for them, then
  // opens with every unit.
  await page.goto('/data');
  await expect.poll(() => page.evaluate(() => window.__seen && window.__seen.done), { timeout: 90_000 }).toBe(true);
  const waited = await page.evaluate(() => window.__seen);
  expect(waited.panel).toBe(true);
  // How far the reading is, the Vietnamese way.
  expect(waited.panelText).toMatch(/^Đã đọc [\d.]+ \/ 6\.000 đơn vị\. Trang này mở khi đọc xong\.$/);
  await expect(page.locator('#data-page')).toBeVisible();
  await expect(page.locator('#data-page')).toContainText('6.000');
  expect((await h.storedRecords(page, own.id)).head.revision).toBe(revision);
  // An edit once they are read is saved as ever, and the targets kept with it.
  await page.getByRole('button', { name: 'Xóa HTX số 0', exact: true }).click();
  await h.answerDialog(page, { accept: true });
  await expect
    .poll(async () => {
      const { head, units } = await h.storedRecords(page, own.id);
      return [head.revision > revision, units.length, JSON.parse(head.snapshot).units];
    }, { timeout: 30_000 })
    .toEqual([true, 5999, 5999]);
});
