// The app shell: header, navigation between the six pages, and the
// language switch that is remembered.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

test.describe('app shell', () => {
  test('the navigation reaches every page by its path', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation');
    await expect(page.getByLabel(h.UI.vi.asOf)).toHaveAttribute('type', 'date');
    for (const [i, name] of h.UI.vi.nav.entries()) {
      await nav.getByRole('link', { name, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${h.PATHS[i].replace('/', '\\/')}$`));
      await expect(nav).toBeVisible();
    }
  });

  test('links route inside the app; back and forward work; the current page is marked', async ({ page }) => {
    await page.goto('/');
    await h.expectNineTargets(page);
    // A marker on window survives only if no link reloads the document.
    await page.evaluate(() => { window.__stayed = true; });
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: h.UI.vi.nav[1], exact: true }).click();
    await expect(page).toHaveURL(/\/data$/);
    await expect(nav.getByRole('link', { name: h.UI.vi.nav[1], exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(nav.getByRole('link', { name: h.UI.vi.nav[0], exact: true })).not.toHaveAttribute('aria-current', 'page');
    // A card's link on the dashboard opens the target's own page.
    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await h.expectNineTargets(page);
    await page.locator('.cards a[href="/targets/T1"]').first().click();
    await expect(page).toHaveURL(/\/targets\/T1$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('T1');
    await page.goBack();
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('T1');
    expect(await page.evaluate(() => window.__stayed)).toBe(true);
  });

  test('a page opened directly by its path starts the app there', async ({ page }) => {
    for (const path of h.PATHS) {
      const response = await page.goto(path);
      expect(response.status()).toBe(200);
      await expect(page.getByRole('navigation').getByRole('link')).toHaveCount(6);
    }
  });

  test('a unit whose id has /, ?, # and % opens from its link, by its address and after a reload', async ({ page, context }) => {
    const workspace = JSON.parse(h.fixtureText('t1-on-time.json'));
    const id = 'HTX 2/1 ?#%ă';
    workspace.units[1].id = id;
    const name = workspace.units[1].name;
    await h.seedStorage(context, {
      [h.KEYS.workspace(workspace.id)]: JSON.stringify(workspace),
      [h.KEYS.current]: JSON.stringify(workspace.id),
    });
    await page.goto('/data');
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/units/${encodeURIComponent(id)}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await page.goto('/units/htx-1');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(workspace.units[0].name);
  });

  test('the language switch changes the UI and survives a reload', async ({ page }) => {
    await page.goto('/');
    await h.expectNineTargets(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    const nav = page.getByRole('navigation');
    for (const name of h.UI.vi.nav) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
    }

    await page.getByRole('button', { name: h.UI.vi.switchTo, exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    for (const name of h.UI.en.nav) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(page.getByLabel(h.UI.en.asOf)).toBeVisible();
    await h.expectStatus(page, 'T1', 'no-data', 'en');
    const stored = await h.storedEntries(page);
    expect(JSON.parse(stored[h.KEYS.settings]).lang).toBe('en');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(nav.getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();
    await h.expectStatus(page, 'T1', 'no-data', 'en');

    await page.getByRole('button', { name: h.UI.en.switchTo, exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(nav.getByRole('link', { name: 'Tổng quan', exact: true })).toBeVisible();
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.getByRole('button', { name: h.UI.vi.switchTo, exact: true })).toBeVisible();
  });

  test('a language stored in the settings is used from the start', async ({ page, context }) => {
    await h.seedStorage(context, { [h.KEYS.settings]: JSON.stringify({ lang: 'en' }) });
    await page.goto('/plan');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Plan', exact: true })).toBeVisible();
  });
});
