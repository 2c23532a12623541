// Accessibility: axe-core on every page, no serious or critical violation.
'use strict';
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const h = require('./helpers');

async function seriousViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}

test.describe('accessibility', () => {
  for (const lang of ['vi', 'en']) {
    for (const path of h.PATHS) {
      test(`${path} (${lang}) has no serious or critical axe violations`, async ({ page, context }) => {
        const settings = lang === 'en' ? { [h.KEYS.settings]: JSON.stringify({ lang: 'en' }) } : {};
        await h.seedWorkspace(context, 't1-on-time.json', settings);
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.getByRole('navigation').getByRole('link')).toHaveCount(6);
        if (path === '/') await h.expectNineTargets(page);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }
  }

  // Pages reached from the dashboard rather than the navigation.
  for (const path of ['/targets/T5', '/targets/T3', '/units/htx-1', '/report', '/present']) {
    test(`${path} has no serious or critical axe violations`, async ({ page, context }) => {
      await h.seedWorkspace(context, 't1-on-time.json');
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test('the empty dashboard has no serious or critical axe violations', async ({ page }) => {
    await page.goto('/');
    await h.expectNineTargets(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
