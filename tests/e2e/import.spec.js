// Importing a workspace file: a preview of what changes, nothing changed
// until confirmed, and a broken file refused with its place named.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

test.describe('import', () => {
  test('a good file is previewed, then replaces the workspace on confirmation', async ({ page, context }) => {
    const own = await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    await page.getByLabel(/Nhập tệp JSON của Coop Plan/).setInputFiles({
      name: 't1-late.json',
      mimeType: 'application/json',
      buffer: Buffer.from(h.fixtureText('t1-late.json')),
    });
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await expect(preview).toContainText('Thay đổi');
    // Nothing has changed yet.
    let stored = await h.localStorageEntries(page);
    expect(stored[h.KEYS.workspace(own.id)]).toBe(h.fixtureText('t1-on-time.json'));
    await preview.getByRole('button', { name: 'Xác nhận nhập tệp' }).click();
    await expect(preview).toHaveCount(0);
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    await h.setAsOf(page, '2018-07-01');
    await h.expectStatus(page, 'T1', 'missed');
    await page.reload();
    await h.setAsOf(page, '2018-07-01');
    await h.expectStatus(page, 'T1', 'missed');
  });

  test('a broken file is refused with its line and column, and nothing changes', async ({ page, context }) => {
    const own = await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    await page.getByLabel(/Nhập tệp JSON của Coop Plan/).setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "schema_version": 2,\n  "name": "HTX"\n  "units": []\n}'),
    });
    await expect(page.getByRole('alert').filter({ hasText: 'dòng 4' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Xem trước khi nhập' })).toHaveCount(0);
    const stored = await h.localStorageEntries(page);
    expect(stored[h.KEYS.workspace(own.id)]).toBe(h.fixtureText('t1-on-time.json'));
  });

  test('a file with invalid data is previewed with its errors and cannot be confirmed', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    const bad = JSON.parse(h.fixtureText('t1-on-time.json'));
    bad.units[0].years[0].members = -5;
    await page.getByLabel(/Nhập tệp JSON của Coop Plan/).setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await expect(preview).toContainText('lỗi');
    await expect(preview).toContainText('-5');
    await expect(preview.getByRole('button', { name: 'Xác nhận nhập tệp' })).toBeDisabled();
  });
});
