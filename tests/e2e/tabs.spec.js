// Two open tabs: a save in one shows in the other at once, and a tab that
// missed another's save never overwrites it silently — the user chooses.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

async function setT1Target(page, value) {
  const input = page.getByLabel('Mức mục tiêu của T1 (%)');
  await input.fill(value);
  await input.blur();
  await page.getByRole('button', { name: 'Lưu thay đổi kế hoạch' }).click();
}

// Writes the stored workspace as another tab would, unseen by `page` itself
// (a tab gets no storage event for its own writes).
async function writeBehindItsBack(page, key, name) {
  await page.evaluate(([k, n]) => {
    const doc = JSON.parse(localStorage.getItem(k));
    doc.name = n;
    localStorage.setItem(k, JSON.stringify(doc));
  }, [key, name]);
}

test('an edit saved in one tab appears in the other; a stale tab asks before overwriting', async ({ context }) => {
  const own = await h.seedWorkspace(context, 't1-on-time.json');
  const key = h.KEYS.workspace(own.id);
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/plan');
  await b.goto('/');
  await h.expectNineTargets(b);
  await expect(h.card(b, 'T1').locator('.figures')).toContainText('100%');

  // Saved in A → shown in B without a reload.
  await setT1Target(a, '90');
  await expect(h.card(b, 'T1').locator('.figures')).toContainText('90%');
  await expect(b.getByText('Đã cập nhật thay đổi vừa lưu ở một tab khác.')).toBeVisible();

  // A misses a save, then edits: it asks; Cancel opens the other version.
  await writeBehindItsBack(a, key, 'Bản của tab kia');
  a.once('dialog', (dialog) => dialog.dismiss());
  await setT1Target(a, '80');
  await expect(a.getByRole('banner')).toContainText('Bản của tab kia');
  let stored = JSON.parse((await h.localStorageEntries(a))[key]);
  expect(stored.name).toBe('Bản của tab kia');
  expect(JSON.stringify(stored.plan)).not.toContain('"value":80');

  // Again, and this time OK keeps this tab's version over the other.
  await writeBehindItsBack(a, key, 'Lại bản khác');
  let asked = '';
  a.once('dialog', (dialog) => { asked = dialog.message(); dialog.accept(); });
  await setT1Target(a, '70');
  await expect.poll(async () => JSON.parse((await h.localStorageEntries(a))[key]).name).toBe('Bản của tab kia');
  expect(asked).toContain('Một tab khác vừa lưu thay đổi mới hơn');
  stored = JSON.parse((await h.localStorageEntries(a))[key]);
  expect(JSON.stringify(stored.plan)).toContain('70');
  // B follows whatever was saved last.
  await expect(h.card(b, 'T1').locator('.figures')).toContainText('70%');
});
