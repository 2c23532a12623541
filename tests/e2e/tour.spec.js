// The first-run tour: shown on a first visit, it opens each page a newcomer
// needs, can be skipped, is remembered once seen, and speaks both languages.
'use strict';
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const h = require('./helpers');

test.use({ storageState: { cookies: [], origins: [] } });

test('the tour walks the pages, is remembered once done, and can be seen again', async ({ page }) => {
  await page.goto('/');
  const tour = page.getByRole('dialog', { name: /Hướng dẫn 1\/6/ });
  await expect(tour).toContainText('Mỗi thẻ là một chỉ tiêu');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  const paths = ['/data', '/assessment', '/simulation', '/workshop', '/plan'];
  for (const [i, path] of paths.entries()) {
    await page.getByRole('dialog').getByRole('button', { name: 'Tiếp' }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('dialog')).toHaveAccessibleName(new RegExp(`Hướng dẫn ${i + 2}/6`));
  }
  await page.getByRole('dialog').getByRole('button', { name: 'Trước' }).click();
  await expect(page).toHaveURL(/\/workshop$/);
  await page.getByRole('dialog').getByRole('button', { name: 'Tiếp' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xong' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await h.storedEntries(page))['coop-plan:tour']).toBe('seen');

  // Seen: a reload does not show it; the header's button brings it back, in English too.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Tour', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('dialog', { name: /Tour 1\/6 · Dashboard/ })).toContainText('Each card is one target');
});

test('skipping the tour, or Escape, closes it for good', async ({ page }) => {
  await page.goto('/data');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Tiếp' }).focus();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
