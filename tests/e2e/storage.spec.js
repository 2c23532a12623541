// Data the app cannot read is kept aside, never overwritten, and offered for
// download, while the app still starts.
'use strict';
const fs = require('fs');
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

// Broken JSON with non-ASCII text and odd whitespace, to check that the kept
// copy is the stored text byte for byte.
const CORRUPT = '{"schema_version": 2, "id": "main", "name": "Hợp tác xã Đồ Sơn ☂",\r\n\t"units": [ {"id": ';

test.describe('storage', () => {
  for (const lang of ['vi', 'en']) {
    test(`corrupt storage: the app starts and offers the kept-aside data (${lang})`, async ({ page, context }) => {
      const entries = {
        [h.KEYS.workspace('main')]: CORRUPT,
        [h.KEYS.current]: JSON.stringify('main'),
      };
      if (lang === 'en') entries[h.KEYS.settings] = JSON.stringify({ lang: 'en' });
      await h.seedStorage(context, entries);
      await page.goto('/');

      await h.expectNineTargets(page);
      await expect(page.getByRole('alert').first()).toBeVisible();

      const stored = await h.storedEntries(page);
      const quarantined = Object.keys(stored).filter((key) => key.startsWith(h.KEYS.quarantinePrefix));
      expect(quarantined.length).toBeGreaterThanOrEqual(1);
      expect(quarantined.map((key) => stored[key])).toContain(CORRUPT);

      const button = page.getByRole('button', { name: h.UI[lang].downloadUnreadable });
      await expect(button.first()).toBeVisible();
      const [download] = await Promise.all([page.waitForEvent('download'), button.first().click()]);
      const bytes = fs.readFileSync(await download.path());
      expect(bytes.equals(Buffer.from(CORRUPT, 'utf8'))).toBe(true);

      // Still kept after a reload, still byte for byte.
      await page.reload();
      await h.expectNineTargets(page);
      const again = await h.storedEntries(page);
      expect(
        Object.keys(again)
          .filter((key) => key.startsWith(h.KEYS.quarantinePrefix))
          .map((key) => again[key]),
      ).toContain(CORRUPT);
    });
  }

  test('a fixture workspace survives a reload unchanged in meaning', async ({ page, context }) => {
    const fixture = await h.seedWorkspace(context, 't1-late.json');
    await page.goto('/');
    await h.expectNineTargets(page);
    await page.reload();
    await h.expectNineTargets(page);
    const stored = await h.storedEntries(page);
    const workspace = JSON.parse(stored[h.KEYS.workspace(fixture.id)]);
    expect(workspace.units).toEqual(fixture.units);
    expect(workspace.city_years).toEqual(fixture.city_years);
    expect(workspace.schema_version).toBe(fixture.schema_version);
  });
});
