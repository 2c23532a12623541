// The dashboard: nine targets computed for the workspace in storage, their
// statuses following the as-of date, and an honest empty state.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

test.describe('dashboard', () => {
  test('shows the nine targets of a fixture workspace placed in storage', async ({ page, context }, testInfo) => {
    const workspace = await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.getByRole('banner')).toContainText('135/KH-UBND');
    await h.expectNineTargets(page);
    for (const id of h.TARGET_IDS) {
      const status = await h.statusOf(page, id).getAttribute('data-status');
      expect(Object.keys(h.STATUS_WORDS.vi)).toContain(status);
      await expect(h.statusOf(page, id)).toContainText(h.STATUS_WORDS.vi[status]);
    }
    // The fixture's data, not an empty workspace, is what is shown.
    await h.setAsOf(page, '2018-07-01');
    await h.expectStatus(page, 'T1', 'met');
    const stored = await h.storedEntries(page);
    expect(JSON.parse(stored[h.KEYS.current])).toBe(workspace.id);
    await page.screenshot({ path: testInfo.outputPath('dashboard.png'), fullPage: true });
  });

  test('T1 is on track on 01/01/2018 and met on 01/07/2018 when reorganisation completes in time', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/');
    await h.expectNineTargets(page);
    await h.setAsOf(page, '2018-01-01');
    await h.expectStatus(page, 'T1', 'on-track');
    await h.setAsOf(page, '2018-07-01');
    await h.expectStatus(page, 'T1', 'met');
  });

  test('T1 is on track on 01/01/2018 and missed on 01/07/2018 when reorganisation does not complete', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-late.json');
    await page.goto('/');
    await h.expectNineTargets(page);
    await h.setAsOf(page, '2018-01-01');
    await h.expectStatus(page, 'T1', 'on-track');
    await h.setAsOf(page, '2018-07-01');
    await h.expectStatus(page, 'T1', 'missed');
  });

  test('an empty workspace says there is no data and points to data entry', async ({ page }) => {
    await page.goto('/');
    await h.expectNineTargets(page);
    for (const id of h.TARGET_IDS) {
      await h.expectStatus(page, id, 'no-data');
    }
    // A link to the data page besides the one in the navigation.
    const toData = page.locator('a[href="/data"]:not(nav a)');
    await expect(toData.first()).toBeVisible();
    await toData.first().click();
    await expect(page).toHaveURL(/\/data$/);
  });
});
