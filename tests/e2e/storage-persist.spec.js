// Keeping the data for good: persistent storage is asked for after the
// first save (not on first paint), the data page says what the browser
// answered and how much it holds, in the page's language, and reminds the
// user to download a backup when the last one is 30 days old or more.
'use strict';
const fs = require('fs');
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const h = require('./helpers');

const ASKED = 'coop-plan:persist-asked';
const backupKey = (id) => `coop-plan:backup:${id}`;

// A date `days` before today as yyyy-mm-dd, in the browser's time zone
// (playwright.config.js: Asia/Ho_Chi_Minh), which is how the app counts.
function daysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
}

// A size as the page writes it in Vietnamese: "512 byte", "12,3 KB", "1.024,0 MB".
const VI_SIZE = /^(\d{1,3}(\.\d{3})* byte|\d{1,3}(\.\d{3})*,\d (KB|MB|GB|TB))$/;

async function addUnit(page, name) {
  await page.getByRole('button', { name: '+ Thêm đơn vị' }).click();
  const form = page.locator('form.entry-form');
  await form.getByLabel('Tên đơn vị', { exact: true }).fill(name);
  await form.getByLabel('Tên đơn vị', { exact: true }).press('Enter');
  await expect(page.locator('#data-saved')).toHaveText('Đã lưu.');
}

// The storage section's state agrees with what the browser says.
async function expectStatusAsBrowserSays(page) {
  await expect
    .poll(async () => {
      const persisted = await page.evaluate(() => navigator.storage.persisted());
      const shown = await page.locator('#storage-persisted').getAttribute('data-state');
      return shown === (persisted ? 'persistent' : 'best-effort');
    })
    .toBe(true);
  return page.evaluate(() => navigator.storage.persisted());
}

async function shoot(page, locator, name, testInfo) {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await locator.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe('persistent storage and backups', () => {
  test('a brand-new workspace appears in the stored workspaces list after its first save', async ({ page }) => {
    await page.goto('/data');
    const list = page.locator('#data-workspaces');
    await expect(list.locator('li')).toHaveCount(0);
    await addUnit(page, 'HTX Đầu tiên');
    // Stored now: listed at once, marked as the open one.
    await expect(list.locator('li')).toHaveCount(1);
    await expect(list).toContainText('(đang mở)');
  });

  test('asked after the first save, not on first paint; the data page shows the answer and the usage', async ({ page, context }, testInfo) => {
    await page.goto('/data');
    await expect(page.locator('#storage-persisted')).toBeVisible();
    // Opening the app asks nothing.
    expect((await h.storedEntries(page))[ASKED]).toBeUndefined();
    if ((await expectStatusAsBrowserSays(page)) === false) {
      await expect(page.locator('#storage-persisted')).toContainText('chưa yêu cầu');
    }

    await addUnit(page, 'HTX Lưu Trữ');
    await expect.poll(async () => (await h.storedEntries(page))[ASKED]).toBeDefined();
    const entries = await h.storedEntries(page);
    expect(JSON.parse(entries[ASKED])).toBe(daysAgo(0));
    expect(JSON.parse(entries[backupKey('main')])).toEqual({ first_saved: daysAgo(0) });

    const persisted = await expectStatusAsBrowserSays(page);
    const status = page.locator('#storage-persisted');
    const ask = page.getByRole('button', { name: 'Yêu cầu lưu trữ lâu dài' });
    if (persisted) {
      await expect(status).toContainText('Có:');
      await expect(ask).toHaveCount(0);
    } else {
      await expect(status).toContainText('chưa đồng ý');
      await expect(ask).toBeVisible();
      // Refused, never downloaded: the reminder is there at once.
      await expect(page.locator('#data-backup')).toContainText('chưa cho lưu trữ lâu dài');
    }
    await expect(page.locator('#storage-usage')).toHaveText(VI_SIZE);
    await expect(page.locator('#storage-available')).toHaveText(VI_SIZE);
    // Workspaces live in IndexedDB (the usage above); localStorage, as a
    // share of its own limit written the Vietnamese way, holds only small settings.
    await expect(page.locator('#storage-local')).toHaveText(/^\d{1,3},\d% của giới hạn khoảng 5 triệu ký tự$/);
    await expect(page.locator('#storage-local').locator('xpath=preceding-sibling::dt[1]')).toHaveText('localStorage (chỉ cho cài đặt nhỏ)');
    await expect(page.locator('.storage-status')).toContainText('Các không gian làm việc được lưu trong IndexedDB');
    await expect(page.locator('.storage-status')).not.toContainText('Các không gian làm việc có giới hạn riêng');
    await expect(page.locator('.storage-status')).toContainText('Safari');

    // A second save does not ask again: the day asked stays as it was.
    await page.evaluate((key) => localStorage.setItem(key, JSON.stringify('2000-01-01')), ASKED);
    await addUnit(page, 'HTX Lưu Trữ Hai');
    expect(JSON.parse((await h.storedEntries(page))[ASKED])).toBe('2000-01-01');

    // The button asks again and the page still agrees with the browser.
    if (!persisted) {
      await ask.click();
      await expect.poll(async () => JSON.parse((await h.storedEntries(page))[ASKED])).toBe(daysAgo(0));
      if (!(await expectStatusAsBrowserSays(page))) await expect(ask).toBeFocused();
    }

    await shoot(page, page.locator('section.storage'), 'storage-section', testInfo);

    // In English, the same figures the English way.
    await page.getByRole('button', { name: h.UI.vi.switchTo, exact: true }).click();
    await expect(page.locator('#storage-title')).toHaveText('Storage in this browser');
    await expect(page.locator('#storage-local').locator('xpath=preceding-sibling::dt[1]')).toHaveText('localStorage (small settings only)');
    await expect(page.locator('.storage-status')).toContainText("The workspaces are kept in the browser's IndexedDB");
    await expect(page.locator('#storage-usage')).toHaveText(/^(\d{1,3}(,\d{3})* bytes|\d{1,3}(,\d{3})*\.\d (KB|MB|GB|TB))$/);
  });

  test('a browser without navigator.storage: the page says so and saves still work', async ({ page, context }) => {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'storage', { get: () => undefined, configurable: true });
    });
    await page.goto('/data');
    await addUnit(page, 'HTX Trình Duyệt Cũ');
    await expect(page.locator('#storage-persisted')).toHaveAttribute('data-state', 'unknown');
    await expect(page.locator('#data-storage')).toContainText('Trình duyệt không cho biết');
    await expect(page.locator('#storage-usage')).toHaveText('Trình duyệt không cho biết');
    await expect(page.getByRole('button', { name: 'Yêu cầu lưu trữ lâu dài' })).toHaveCount(0);
    // localStorage is still there to measure.
    await expect(page.locator('#storage-local')).toContainText('% của giới hạn');
    const stored = JSON.parse((await h.storedEntries(page))[h.KEYS.workspace('main')]);
    expect(stored.units.map((u) => u.name)).toContain('HTX Trình Duyệt Cũ');
  });

  for (const lang of ['vi', 'en']) {
    test(`a backup 31 days old brings the reminder; downloading it ends the reminder (${lang})`, async ({ page, context }, testInfo) => {
      const extra = { [backupKey('main')]: JSON.stringify({ first_saved: daysAgo(60), exported: daysAgo(31) }) };
      if (lang === 'en') extra[h.KEYS.settings] = JSON.stringify({ lang: 'en' });
      const fixture = await h.seedWorkspace(context, 't1-on-time.json', extra);
      expect(fixture.id).toBe('main');
      await page.goto('/data');

      const reminder = page.locator('#data-backup .backup-reminder');
      await expect(reminder).toContainText(lang === 'vi' ? 'Đã 31 ngày' : '31 days');
      const results = await new AxeBuilder({ page }).include('#data-page').analyze();
      expect(results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id)).toEqual([]);
      if (lang === 'vi') await shoot(page, reminder, 'backup-reminder', testInfo);
      const button = reminder.getByRole('button', {
        name: lang === 'vi' ? 'Tải bản sao lưu (JSON)' : 'Download a backup (JSON)',
      });
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toMatch(/\.json$/);
      const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
      expect(saved.units).toEqual(fixture.units);

      await expect(reminder).toHaveCount(0);
      const record = JSON.parse((await h.storedEntries(page))[backupKey('main')]);
      expect(record).toEqual({ first_saved: daysAgo(60), exported: daysAgo(0) });
      await page.reload();
      await expect(page.locator('#storage-persisted')).toBeVisible();
      await expect(page.locator('#data-backup')).toBeEmpty();
    });
  }

  test('a backup 29 days old brings no reminder', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json', {
      [backupKey('main')]: JSON.stringify({ exported: daysAgo(29) }),
    });
    await page.goto('/data');
    await expect(page.locator('#storage-persisted')).toBeVisible();
    await expect(page.locator('#data-backup')).toBeEmpty();
  });
});
