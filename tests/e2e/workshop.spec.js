// The trainer's demo: one click loads a city matching Hải Phòng's published
// mid-2019 figures, labelled illustrative; one click resets it; the user's
// own workspace is never touched.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

test.describe('workshop demo', () => {
  test('loads the demo, reads T1 as 91,6% on 31/07/2019, resets it, and leaves the own workspace alone', async ({ page, context }) => {
    const own = await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/workshop');
    await expect(page.getByText('Số liệu công bố').first()).toBeVisible();
    await expect(page.getByText('Tự đặt ra').first()).toBeVisible();
    await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('banner')).toContainText('Số liệu minh họa');
    await h.setAsOf(page, '2019-07-31');
    await expect(h.card(page, 'T1').locator('.value')).toHaveText('91,6%');
    await expect(h.card(page, 'T1')).toContainText('208 / 227');
    await h.expectNineTargets(page);

    // Change the demo, then reset it: the change is gone.
    await page.getByRole('navigation').getByRole('link', { name: 'Kế hoạch' }).click();
    const value = page.getByLabel('Mức mục tiêu của T1 (%)');
    await value.fill('90');
    await value.blur();
    await page.getByRole('button', { name: 'Lưu thay đổi kế hoạch' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    await h.setAsOf(page, '2019-07-31');
    await h.expectStatus(page, 'T1', 'met-late');
    await page.getByRole('navigation').getByRole('link', { name: 'Hội thảo' }).click();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Đặt lại bộ dữ liệu minh họa' }).click();
    await h.setAsOf(page, '2019-07-31');
    await h.expectStatus(page, 'T1', 'missed');

    // The user's own workspace is as it was.
    const stored = await h.localStorageEntries(page);
    expect(stored[h.KEYS.workspace(own.id)]).toBe(h.fixtureText('t1-on-time.json'));
    const switcher = page.getByLabel('Không gian làm việc:');
    await switcher.selectOption({ label: own.name });
    await h.setAsOf(page, '2018-07-01');
    await h.expectStatus(page, 'T1', 'met');
  });
});
