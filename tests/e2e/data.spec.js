// The data page: the table of units (filter, search, sort, pages), deleting
// with a question first and undo, CSV files for Excel, and two tabs open on
// the same workspace.
'use strict';
const fs = require('fs');
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const h = require('./helpers');

const FIRST = 'HTX Nông nghiệp Lập Lễ';

// The fixture with `count` generated units instead of its own.
async function seedManyUnits(context, count) {
  const ws = JSON.parse(h.fixtureText('t1-on-time.json'));
  ws.units = [];
  for (let i = 0; i < count; i++) {
    ws.units.push({
      id: `u${i}`,
      name: `HTX Thử ${String(i).padStart(3, '0')}`,
      kind: i % 4 === 0 ? 'tht' : 'htx',
      registration_code: `C${i}`,
      district: i % 2 ? 'Lê Chân' : 'Hồng Bàng',
      sector: 'nong-nghiep',
      years: [],
    });
  }
  await h.seedStorage(context, {
    [h.KEYS.workspace(ws.id)]: JSON.stringify(ws),
    [h.KEYS.current]: JSON.stringify(ws.id),
  });
}

const count = (page) => page.locator('#data-table [role="status"]');
const firstRowName = (page) => page.locator('#data-table tbody tr th').first();
const storedUnits = async (page, id = 'main') =>
  JSON.parse((await h.storedEntries(page))[h.KEYS.workspace(id)]).units;

test.describe('data page', () => {
  test('the table filters by kind and district, searches, sorts and pages', async ({ page, context }) => {
    await seedManyUnits(context, 120);
    await page.goto('/data');
    await expect(count(page)).toHaveText('Đơn vị 1–50 trong 120 đơn vị khớp (tổng số 120).');
    await expect(page.locator('#data-table tbody tr')).toHaveCount(50);

    await page.getByRole('button', { name: 'Trang sau ›' }).click();
    await expect(count(page)).toContainText('Đơn vị 51–100');

    await page.getByLabel('Loại hình').selectOption('THT');
    await expect(count(page)).toContainText('trong 30 đơn vị khớp');
    await page.getByLabel('Quận, huyện').selectOption('Hồng Bàng');
    await expect(count(page)).toContainText('trong 30 đơn vị khớp');
    await page.getByLabel('Quận, huyện').selectOption('Lê Chân');
    await expect(count(page)).toContainText('Không có đơn vị nào khớp');
    await page.getByLabel('Quận, huyện').selectOption('');

    // Typing keeps the focus in the search box.
    const search = page.getByLabel('Tìm theo tên hoặc mã số');
    await search.pressSequentially('c12');
    await expect(search).toBeFocused();
    await expect(count(page)).toContainText('trong 1 đơn vị khớp');
    await expect(firstRowName(page)).toHaveText('HTX Thử 012');
    await search.fill('');
    await page.getByLabel('Loại hình').selectOption('');

    await page.getByRole('button', { name: 'Tên', exact: true }).click();
    await expect(firstRowName(page)).toHaveText('HTX Thử 000');
    await expect(page.locator('th[aria-sort="ascending"]')).toContainText('Tên');
    await page.getByRole('button', { name: 'Tên', exact: true }).click();
    await expect(firstRowName(page)).toHaveText('HTX Thử 119');
    await expect(page.locator('th[aria-sort="descending"]')).toContainText('Tên');
  });

  test('deleting asks first, can be undone until the next action, and the dashboard follows', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/');
    await h.setAsOf(page, '2018-07-01');
    const before = await h.card(page, 'T1').innerText();
    await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu', exact: true }).click();

    // Refused: nothing changes.
    await page.getByRole('button', { name: `Xóa ${FIRST}` }).click();
    await h.answerDialog(page, { accept: false });
    await expect(page.getByRole('button', { name: `Xóa ${FIRST}` })).toBeVisible();
    expect(await storedUnits(page)).toHaveLength(7);

    // Accepted: gone, saved, and undo brings it back where it was.
    await page.getByRole('button', { name: `Xóa ${FIRST}` }).click();
    const asked = await h.answerDialog(page, { accept: true });
    expect(asked).toContain(FIRST);
    await expect(page.getByText(`Đã xóa “${FIRST}”.`)).toBeVisible();
    await expect(page.getByRole('button', { name: `Xóa ${FIRST}` })).toHaveCount(0);
    await expect.poll(async () => (await storedUnits(page)).length).toBe(6);

    await page.getByRole('button', { name: 'Hoàn tác' }).click();
    await expect(page.getByRole('button', { name: `Xóa ${FIRST}` })).toBeVisible();
    await expect.poll(async () => (await storedUnits(page)).map((u) => u.name)).toEqual(
      JSON.parse(h.fixtureText('t1-on-time.json')).units.map((u) => u.name),
    );

    // Delete again, then another action: the undo is gone.
    await page.getByRole('button', { name: `Xóa ${FIRST}` }).click();
    await h.answerDialog(page, { accept: true });
    await expect(page.getByRole('button', { name: 'Hoàn tác' })).toBeVisible();
    await page.getByRole('button', { name: 'Tên', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Hoàn tác' })).toHaveCount(0);

    // The dashboard reflects the deletion at once.
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    await expect(h.card(page, 'T1')).not.toHaveText(before);
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations.filter((v) => ['serious', 'critical'].includes(v.impact)))).toEqual([]);
  });

  test('units and yearly records download as CSV for Excel: BOM, Vietnamese headers, quoting', async ({ page, context }) => {
    const ws = JSON.parse(h.fixtureText('t1-on-time.json'));
    ws.units[0].name = 'HTX "Lập Lễ", Thủy Nguyên';
    await h.seedStorage(context, {
      [h.KEYS.workspace(ws.id)]: JSON.stringify(ws),
      [h.KEYS.current]: JSON.stringify(ws.id),
    });
    await page.goto('/data');
    const [units] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải về CSV các đơn vị' }).click(),
    ]);
    expect(units.suggestedFilename()).toMatch(/-don-vi\.csv$/);
    const bytes = fs.readFileSync(await units.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const [header, first] = text.split('\r\n');
    expect(header.split(',').slice(0, 3)).toEqual(['Mã nội bộ', 'Tên đơn vị', 'Loại hình']);
    expect(first).toContain('"HTX ""Lập Lễ"", Thủy Nguyên",HTX,020001');

    const [years] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải về CSV số liệu theo năm' }).click(),
    ]);
    expect(years.suggestedFilename()).toMatch(/-so-lieu-nam\.csv$/);
    const yearsText = fs.readFileSync(await years.path(), 'utf8');
    expect(yearsText.startsWith('\ufeffMã nội bộ,Mã số HTX,Tên đơn vị,Năm,Số thành viên')).toBe(true);
  });

  test('two tabs: an edit saved in one shows in the other, and newer data is never overwritten silently', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    const other = await context.newPage();
    await page.goto('/data');
    await other.goto('/data');
    await expect(other.getByRole('button', { name: `Xóa ${FIRST}` })).toBeVisible();

    await page.getByRole('button', { name: `Xóa ${FIRST}` }).click();
    await h.answerDialog(page, { accept: true });
    await expect(other.getByRole('button', { name: `Xóa ${FIRST}` })).toHaveCount(0);
    await expect(other.locator('#data-table [role="status"]')).toContainText('trong 6 đơn vị khớp');

    // Another writer saves newer data without this tab hearing of it (a
    // page's own writes raise no storage event in it).
    const ws = JSON.parse((await h.storedEntries(other))[h.KEYS.workspace('main')]);
    ws.name = 'Sửa ở nơi khác';
    await h.writeStoredWorkspace(other, 'main', JSON.stringify(ws));
    const messages = [];
    await other.getByRole('button', { name: 'Xóa HTX Dịch vụ nông nghiệp An Hồng' }).click();
    // Yes to the deletion; no to overwriting the newer data. The second
    // question follows the first in the same in-app dialog, which stays open.
    const dialog = other.getByRole('dialog').and(other.locator('dialog.app-dialog'));
    await expect(dialog).toBeVisible();
    messages.push(await dialog.locator('.app-dialog-text').textContent());
    await dialog.locator('button[type=submit]').click();
    await expect(dialog.locator('.app-dialog-text')).not.toHaveText(messages[0]);
    messages.push(await h.answerDialog(other, { accept: false }));
    await expect.poll(() => messages.length).toBe(2);
    expect(messages[1]).toContain('tab khác');
    const stored = JSON.parse((await h.storedEntries(other))[h.KEYS.workspace('main')]);
    expect(stored.name).toBe('Sửa ở nơi khác');
    expect(stored.units).toHaveLength(6);
    // The tab now shows the newer data, the unit it tried to delete included.
    await expect(other.getByRole('button', { name: 'Xóa HTX Dịch vụ nông nghiệp An Hồng' })).toBeVisible();
    await expect(other.locator('.workspace-name')).toContainText('Sửa ở nơi khác');
  });
});
