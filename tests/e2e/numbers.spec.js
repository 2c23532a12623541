// Numbers as the page's language writes them (issue 13, item 1): in
// Vietnamese "4.800" is four thousand eight hundred and "4.80" is refused;
// in English "4.800" is four point eight. A CSV file's convention is
// decided per file, stated in the preview and changeable; a cell that
// contradicts it is refused with its line and column.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

const storedWorkspace = async (page, id = 'main') =>
  JSON.parse((await h.storedEntries(page))[h.KEYS.workspace(id)]);
const form = (page) => page.locator('form.entry-form');
const field = (page, label) => form(page).getByLabel(label, { exact: true });
const english = { [h.KEYS.settings]: JSON.stringify({ lang: 'en' }) };

// Opens a new (empty) year of HTX Nông nghiệp Lập Lễ: 2019.
async function newYear(page, lang) {
  const pick = (vi, en) => (lang === 'vi' ? vi : en);
  await page.goto('/data');
  await page.getByRole('button', { name: `${pick('Sửa', 'Edit')} HTX Nông nghiệp Lập Lễ` }).click();
  await page.getByRole('button', { name: pick('Thêm năm trống', 'Add an empty year') }).click();
  await expect(field(page, pick('Năm', 'Year'))).toHaveValue('2019');
}

const year2019 = async (page) => (await storedWorkspace(page)).units[0].years.find((r) => r.year === 2019);

test.describe('numbers as Vietnamese write them', () => {
  test('Vietnamese: 4.800 is stored as 4800 and shown beside the field; 4.80 is refused', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await newYear(page, 'vi');
    const revenue = field(page, 'Doanh thu');
    const echo = page.locator('#f-revenue-echo');

    // The echo follows the typing, keystroke by keystroke.
    await revenue.pressSequentially('4.8');
    await expect(page.locator('#f-revenue-msg')).toContainText('Cần một số dạng 4.800 hoặc 1.250,5');
    await expect(echo).toHaveText('');
    await revenue.pressSequentially('00');
    await expect(echo).toHaveText('= 4.800 triệu đồng');
    await expect(page.locator('#f-revenue-msg')).toHaveText('');
    await expect(revenue).toBeFocused();

    // A group that is not three digits: refused, with the expected form, and not saved.
    await revenue.fill('4.80');
    await expect(page.locator('#f-revenue-msg')).toContainText(
      'Cần một số dạng 4.800 hoặc 1.250,5 (dấu chấm tách hàng nghìn, dấu phẩy thập phân)',
    );
    await expect(revenue).toHaveAttribute('aria-invalid', 'true');
    await expect(echo).toHaveText('');
    await revenue.press('Enter');
    await expect(page.locator('#form-status')).toContainText('Chưa lưu');
    expect(await year2019(page)).toBeUndefined();

    // A count with a point groups thousands too; a fraction in a count is an error.
    await field(page, 'Số thành viên').fill('1.200,5');
    await expect(page.locator('#f-members-msg')).toContainText('số nguyên');
    await field(page, 'Số thành viên').fill('1.200');
    await expect(page.locator('#f-members-msg')).toHaveText('');
    await field(page, 'Vốn điều lệ').fill('1.250,5');
    await expect(page.locator('#f-charter_capital-echo')).toHaveText('= 1.250,5 triệu đồng');

    await revenue.fill('4.800');
    await expect(echo).toHaveText('= 4.800 triệu đồng');
    await revenue.press('Enter');
    await expect(page.locator('#data-saved')).toHaveText('Đã lưu.');
    const record = await year2019(page);
    expect(record.revenue).toBe('4800');
    expect(record.members).toBe(1200);
    expect(record.charter_capital).toBe('1250.5');

    // Opened again, the figures are written the Vietnamese way.
    await page.getByRole('button', { name: 'Sửa số liệu năm 2019' }).click();
    await expect(field(page, 'Doanh thu')).toHaveValue('4.800');
    await expect(field(page, 'Vốn điều lệ')).toHaveValue('1.250,5');
    await expect(page.locator('#f-revenue-echo')).toHaveText('= 4.800 triệu đồng');
    await page.screenshot({ path: 'test-results/numbers-form-vi.png', fullPage: false });
  });

  test('English: 4.800 is stored as 4.8', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json', english);
    await newYear(page, 'en');
    const revenue = field(page, 'Revenue');
    await revenue.pressSequentially('4.800');
    await expect(page.locator('#f-revenue-echo')).toHaveText('= 4.800 million VND');
    await field(page, 'Charter capital').fill('1.250,5');
    await expect(page.locator('#f-charter_capital-msg')).toContainText('Expected a number written like 4,800 or 1,250.5');
    await field(page, 'Charter capital').fill('1,250.5');
    await expect(page.locator('#f-charter_capital-echo')).toHaveText('= 1,250.5 million VND');
    await revenue.press('Enter');
    await expect(page.locator('#data-saved')).toHaveText('Saved.');
    const record = await year2019(page);
    expect(Number(record.revenue)).toBe(4.8);
    expect(record.charter_capital).toBe('1250.5');
  });

  test('switching the language rewrites the numbers typed so far', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await newYear(page, 'vi');
    await field(page, 'Doanh thu').fill('4.800');
    await page.getByRole('button', { name: h.UI.vi.switchTo, exact: true }).click();
    await expect(field(page, 'Revenue')).toHaveValue('4,800');
    await expect(page.locator('#f-revenue-echo')).toHaveText('= 4,800 million VND');
  });
});

test.describe('CSV numbers are read per file', () => {
  const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${text}`) });
  const header = 'Mã nội bộ;Năm;Doanh thu;Số thành viên\r\n';

  test('a Vietnamese-style file is read the Vietnamese way, said in the preview, and can be read again', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json', english);
    await page.goto('/data');
    const file = csv('so-lieu.csv', `${header}htx-1;2019;4.800;1.200\r\nhtx-1;2020;1.250,5;\r\nhtx-2;2019;200.000.000;30\r\n`);
    await page.getByLabel(/Import CSV files/).setInputFiles(file);
    const preview = page.getByRole('region', { name: 'Before importing' });
    await expect(preview).toBeVisible();
    const numbers = page.locator('.csv-numbers');
    await expect(numbers).toContainText('so-lieu.csv · Numbers read the Vietnamese way: 4.800 = four thousand eight hundred');
    await expect(numbers).toContainText('from 3 cells that read this way only');
    await expect(numbers).toContainText('1 cell like 4.800 reads either way');

    // Read again the English way: the Vietnamese cells are refused, each in its place.
    await numbers.getByRole('button', { name: /Read again the English way/ }).click();
    const errors = page.locator('#data-file-error');
    await expect(errors).toContainText('Line 2, column “Số thành viên”');
    await expect(errors).toContainText('Line 3, column “Doanh thu”: This cell writes its number the Vietnamese way');
    await expect(errors).toContainText('Line 4, column “Doanh thu”');
    await expect(numbers).toContainText('Numbers read the English way');
    await expect(numbers).toContainText('as you chose');

    // And back: the preview, then the figures stored.
    await numbers.getByRole('button', { name: /Read again the Vietnamese way/ }).click();
    await expect(errors).toHaveText('');
    await expect(preview).toBeVisible();
    await preview.getByRole('button', { name: 'Confirm the import' }).click();
    await expect.poll(async () => (await year2019(page))?.revenue).toBe('4800');
    const ws = await storedWorkspace(page);
    expect(ws.units[0].years.find((r) => r.year === 2019).members).toBe(1200);
    expect(ws.units[0].years.find((r) => r.year === 2020).revenue).toBe('1250.5');
    expect(ws.units[1].years.find((r) => r.year === 2019).revenue).toBe('200000000');
  });

  test('a cell that contradicts the file is refused with its line and column', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    const before = (await storedWorkspace(page)).units;
    const file = csv('so-lieu.csv', `${header}htx-1;2019;1.250,5;\r\nhtx-1;2020;99,25;\r\nhtx-2;2019;12.5;\r\n`);
    await page.getByLabel(/Nhập tệp CSV đơn vị/).setInputFiles(file);
    const errors = page.locator('#data-file-error');
    await expect(errors).toContainText('1 lỗi');
    await expect(errors).toContainText(
      'so-lieu.csv · Dòng 4, cột “Doanh thu”: Ô này viết số theo kiểu Anh, trái với kiểu Việt Nam mà tệp được đọc theo.',
    );
    await expect(page.locator('.csv-numbers')).toContainText('Số đọc theo kiểu Việt Nam: 4.800 = bốn nghìn tám trăm');
    await expect(page.getByRole('region', { name: 'Xem trước khi nhập' })).toHaveCount(0);
    expect((await storedWorkspace(page)).units).toEqual(before);
  });
});
