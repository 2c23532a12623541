// Phones (390×844): the pages a manager uses one-handed fit the screen —
// no sideways scrolling of the page, the header leaves room for the page,
// the data table's actions are on screen, names don't wrap a word a line,
// and chart text is drawn at 11 px or more (a chart scrolls inside its
// frame). Screenshots of each page at 390×844 go to tests/e2e/test-results/.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

const WIDTH = 390;
const HEIGHT = 844;
test.use({ viewport: { width: WIDTH, height: HEIGHT } });

// What a page shows when it is ready, by path.
const PAGES = [
  ['/', 'dashboard', (page) => h.expectNineTargets(page)],
  ['/data', 'data', (page) => expect(page.locator('table.unit-table tbody tr').first()).toBeVisible()],
  ['/targets/T1', 'target-T1', (page) => expect(page.locator('main h1, main h2').first()).toBeVisible()],
  ['/assessment', 'assessment', (page) => expect(page.locator('main h1, main h2').first()).toBeVisible()],
  ['/simulation', 'simulation', (page) => expect(page.locator('main h1, main h2').first()).toBeVisible()],
];

// The size at which each chart text is drawn on screen, in CSS pixels.
async function chartTextSizes(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('main svg text')]
      .filter((t) => t.getClientRects().length > 0 && t.textContent.trim() !== '')
      .map((t) => {
        const matrix = t.getScreenCTM();
        return { text: t.textContent.trim(), px: parseFloat(getComputedStyle(t).fontSize) * (matrix ? matrix.a : 1) };
      }),
  );
}

async function pageWidth(page) {
  return page.evaluate(() => document.scrollingElement.scrollWidth);
}

test.describe('phones, 390×844', () => {
  test.beforeEach(async ({ context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
  });

  for (const [path, name, ready] of PAGES) {
    test(`${name}: no sideways scrolling, a header that leaves room, chart text of 11 px or more`, async ({ page }, testInfo) => {
      await page.goto(path);
      await ready(page);
      await page.screenshot({ path: testInfo.outputPath(`phone-${name}.png`), fullPage: false });
      expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
      const header = await page.locator('.app-header').boundingBox();
      expect(header.height).toBeLessThanOrEqual(HEIGHT * 0.25);
      for (const { text, px } of await chartTextSizes(page)) {
        expect(px, `chart text “${text}”`).toBeGreaterThanOrEqual(11);
      }
    });
  }

  test('self-assessment: every control can be reached and nothing covers it, with no sideways scrolling', async ({ page }, testInfo) => {
    await page.goto('/assessment');
    await expect(page.locator('select[name="unit"]')).toBeVisible();
    // A low score, then the proposed actions: the page at its fullest.
    await page.locator('input[name="score:1a"]').fill('1');
    await page.locator('input[name="score:1a"]').blur();
    await page.getByRole('button', { name: 'Đưa các hành động đề xuất vào kế hoạch' }).click();
    await expect(page.getByRole('table', { name: 'Kế hoạch hành động' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('phone-assessment-full.png'), fullPage: true });
    expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
    // Each control scrolled to the top of the screen is the element found
    // at its centre: no other part of the page (a sticky picker) lies over it.
    const covered = await page.evaluate(() => {
      const out = [];
      for (const control of document.querySelectorAll('main input, main select, main button, main textarea')) {
        if (control.getClientRects().length === 0) continue;
        control.scrollIntoView({ block: 'start', inline: 'center' });
        const box = control.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (!hit || !(control === hit || control.contains(hit) || (control.labels && [...control.labels].includes(hit)))) {
          out.push(`${control.tagName.toLowerCase()}[name="${control.getAttribute('name') || ''}"] ${control.textContent.trim().slice(0, 30)} under ${hit ? hit.tagName.toLowerCase() + '.' + hit.className : 'nothing'}`);
        }
      }
      return out;
    });
    expect(covered).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
  });

  test('data table: every row\'s edit and delete are on screen, names wrap at most once', async ({ page }) => {
    await page.goto('/data');
    const rows = page.locator('table.unit-table tbody tr');
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    expect(count).toBeGreaterThan(3);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      for (const button of await row.locator('button').all()) {
        const box = await button.boundingBox();
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
      }
      const name = row.locator('th, td').first();
      const lines = await name.evaluate((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        return tops.size;
      });
      const text = (await name.textContent()).trim();
      const words = text.split(/\s+/).length;
      // "HTX Nông nghiệp Lập Lễ" on five lines is a word a line.
      expect(lines, `“${text}” on ${lines} lines`).toBeLessThanOrEqual(Math.max(2, Math.ceil(words / 3)));
    }
    expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
  });

  test('data page: the stored workspaces\' buttons and the unit form\'s controls are on screen', async ({ page }) => {
    await page.goto('/data');
    const onScreen = async (locator) => {
      for (const control of await locator.all()) {
        const box = await control.boundingBox();
        if (!box) continue;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
      }
    };
    const workspaces = page.locator('#data-workspaces');
    await expect(workspaces.getByRole('button', { name: /^Đổi tên / })).toBeVisible();
    await onScreen(workspaces.getByRole('button'));
    await page.getByRole('button', { name: 'Sửa HTX Nông nghiệp Lập Lễ' }).click();
    const form = page.locator('form.entry-form');
    await expect(form.getByLabel('Tên đơn vị', { exact: true })).toBeFocused();
    await onScreen(form.locator('input, select, textarea, button'));
    expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH);
  });
});
