// In Vietnamese a comma is the decimal mark and a point groups thousands
// (issue 12): no page shows a number written with a decimal point — in
// its text, its placeholders, its hints or its charts' labels.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

// A point followed by other than a group of exactly three digits: "1.2",
// "3450.5", "12.50"; "4.800" and "130.105" group thousands and are fine.
const DECIMAL_POINT = /(?<![\d.,])\d+(?:\.\d{3})*\.(?:\d{1,2}|\d{4,})(?![\d])/g;

// Everything the user can read on the page, with what holds each text.
async function readableTexts(page) {
  return page.evaluate(() => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, [hidden]')) continue;
      texts.push([parent.tagName.toLowerCase() + (parent.className ? '.' + parent.className : ''), node.data]);
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], input[type=text], input:not([type])')) {
      for (const name of ['placeholder', 'title', 'aria-label']) {
        const value = el.getAttribute(name);
        if (value) texts.push([`${el.tagName.toLowerCase()}[${name}]`, value]);
      }
      if (el.tagName === 'INPUT' && el.value) texts.push(['input value', el.value]);
    }
    return texts;
  });
}

function decimalPoints(texts) {
  const found = [];
  for (const [where, text] of texts) {
    for (const match of text.matchAll(DECIMAL_POINT)) found.push(`${where}: …${text.slice(Math.max(0, match.index - 30), match.index + 30)}…`);
  }
  return found;
}

// The demo city: every page has figures, forms and charts to show.
async function openDemo(page) {
  await page.goto('/workshop');
  await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
  await expect(page).toHaveURL(/\/$/);
  await h.setAsOf(page, '2019-07-31');
}

test.describe('decimal mark in Vietnamese', () => {
  test('the pattern finds decimal points and leaves thousands alone', () => {
    const found = (text) => [...text.matchAll(DECIMAL_POINT)].map((m) => m[0]);
    expect(found('1.2 và 3450.5; ví dụ 4 hoặc 3.5; 12.50%')).toEqual(['1.2', '3450.5', '3.5', '12.50']);
    expect(found('4.800 triệu; 130.105 thành viên; 91,6%; 1.250,5; 2019; 31/07/2019')).toEqual([]);
  });

  test('no page shows a number with a decimal point', async ({ page }) => {
    test.setTimeout(120_000);
    await openDemo(page);
    const pages = [...h.PATHS, '/targets/T1', '/targets/T3', '/targets/T8', '/targets/T9', '/report', '/present'];
    const found = [];
    for (const path of pages) {
      await page.getByRole('navigation').getByRole('link').first().waitFor().catch(() => {});
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
      await expect(page.getByRole('heading', { level: 1 })).toBeAttached();
      found.push(...decimalPoints(await readableTexts(page)).map((f) => `${path} ${f}`));
    }
    // A unit's record, the first unit of the demo.
    await page.goto('/data');
    const unitLink = page.locator('main a[href^="/units/"]').first();
    await unitLink.click();
    await expect(page).toHaveURL(/\/units\//);
    found.push(...decimalPoints(await readableTexts(page)).map((f) => `unit ${f}`));
    // The data page's forms: their hints and echoes.
    await page.goto('/data');
    await page.getByRole('button', { name: '+ Thêm đơn vị' }).click();
    found.push(...decimalPoints(await readableTexts(page)).map((f) => `unit form ${f}`));
    expect(found).toEqual([]);
  });
});
