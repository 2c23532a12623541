// The plan's monitor: a target's own page and drill-down, the plan editor,
// the task tracker and the printable progress report.
'use strict';
const fs = require('fs');
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

test.describe('monitoring the plan', () => {
  test('drills from T5 to a cooperative with untrained managers and opens its record', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/');
    await h.setAsOf(page, '2018-12-31');
    await h.card(page, 'T5').getByRole('link').click();
    await expect(page).toHaveURL(/\/targets\/T5$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('T5');
    // The trend chart says what it shows, in words.
    await expect(page.getByRole('img', { name: /T5/ }).first()).toBeVisible();
    const units = page.getByRole('table', { name: 'Các đơn vị phía sau con số' });
    const first = units.getByRole('link').first();
    const name = await first.textContent();
    await first.click();
    await expect(page).toHaveURL(/\/units\//);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByRole('cell', { name: 'Chưa đào tạo' }).first()).toBeVisible();
  });

  test('the breakdowns add up to the city and sort by value', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/targets/T1');
    await h.setAsOf(page, '2018-01-01');
    const byDistrict = page.getByRole('table', { name: 'Theo quận, huyện' });
    await expect(byDistrict.getByRole('row', { name: /Toàn thành phố/ })).toContainText('4');
    await page.getByLabel('Sắp xếp phân tổ theo').selectOption('value-desc');
    await expect(byDistrict.getByRole('row').nth(1)).toBeVisible();
  });

  test("editing a target's value on the plan page changes its status on the dashboard", async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/');
    await h.setAsOf(page, '2021-01-01');
    await h.expectStatus(page, 'T5', 'met');
    await page.getByRole('navigation').getByRole('link', { name: 'Kế hoạch' }).click();
    const value = page.getByLabel('Mức mục tiêu của T5 (%)');
    const save = page.getByRole('button', { name: 'Lưu thay đổi kế hoạch' });
    // Over 100 % cannot be a share: an error beside the field, nothing saved.
    await value.fill('150');
    await value.blur();
    await expect(page.getByText('Mức mục tiêu của T5 phải là')).toBeVisible();
    await expect(save).toBeDisabled();
    await value.fill('80');
    await value.blur();
    await expect(save).toBeEnabled();
    await save.click();
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    await h.expectStatus(page, 'T5', 'missed');
    await expect(h.card(page, 'T5')).toContainText('> 80%');
    // The edit was saved: it survives a reload.
    await page.reload();
    await h.setAsOf(page, '2021-01-01');
    await h.expectStatus(page, 'T5', 'missed');
  });

  test('a task added with a quarter deadline becomes overdue the day after the quarter', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/plan');
    await page.getByLabel('Tên nhiệm vụ').fill('Rà soát HTX ngừng hoạt động');
    await page.getByLabel('Cơ quan chủ trì', { exact: true }).fill('UBND huyện Tiên Lãng');
    await page.getByLabel(/^Thời hạn \(30/).fill('Quý II/2019');
    await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
    const row = page.getByRole('row', { name: /Rà soát HTX ngừng hoạt động/ });
    await expect(row).toContainText('Quý II/2019');
    await h.setAsOf(page, '2019-06-30');
    await expect(row).not.toContainText('Quá hạn');
    await h.setAsOf(page, '2019-07-01');
    await expect(row).toContainText('Quá hạn');
    // An unreadable deadline is refused with a message, and nothing is added.
    await page.getByLabel('Tên nhiệm vụ').fill('Việc khác');
    await page.getByLabel('Cơ quan chủ trì', { exact: true }).fill('Sở Tài chính');
    await page.getByLabel(/^Thời hạn \(30/).fill('sớm');
    await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
    await expect(page.getByText('Không hiểu thời hạn')).toBeVisible();
    await expect(page.getByRole('row', { name: /Việc khác/ })).toHaveCount(0);
  });

  test('the progress report prints every target without the navigation, and exports CSV', async ({ page, context }, testInfo) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/');
    await page.getByRole('link', { name: /Báo cáo tiến độ/ }).click();
    await h.setAsOf(page, '2018-07-01');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Báo cáo tiến độ');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation')).toBeHidden();
    await expect(page.getByRole('button', { name: 'In báo cáo (A4)' })).toBeHidden();
    const targets = page.locator('table.report-targets');
    for (const id of h.TARGET_IDS) {
      await expect(targets.getByRole('rowheader', { name: id, exact: true })).toBeVisible();
    }
    await expect(targets).toContainText('Đạt');
    await page.screenshot({ path: testInfo.outputPath('report-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải bảng chỉ tiêu (CSV)' }).click(),
    ]);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('Mã,Chỉ tiêu');
    expect(text).toContain('T9,');
  });
});

test('"new plan from this one" opens a new workspace, and the switcher goes back', async ({ page, context }) => {
  const workspace = await h.seedWorkspace(context, 't1-on-time.json');
  await page.goto('/plan');
  await page.getByRole('button', { name: /Tạo kế hoạch mới từ kế hoạch này/ }).click();
  const switcher = page.getByLabel('Không gian làm việc:');
  await expect(switcher).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('(bản sao)');
  // The copy starts with no data; the original is still there to go back to.
  await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
  await expect(h.statusOf(page, 'T1')).toHaveAttribute('data-status', 'no-data');
  await switcher.selectOption({ label: workspace.name });
  await h.setAsOf(page, '2018-07-01');
  await h.expectStatus(page, 'T1', 'met');
});

test('a task can be edited: its deadline changes and so does whether it is overdue', async ({ page, context }) => {
  await h.seedWorkspace(context, 't1-on-time.json');
  await page.goto('/plan');
  const row = page.getByRole('row', { name: /IV\.2/ });
  await row.getByRole('button', { name: /Sửa/ }).click();
  await expect(page.getByRole('heading', { name: 'Sửa nhiệm vụ' })).toBeVisible();
  await expect(page.getByLabel('Cơ quan chủ trì', { exact: true })).toHaveValue('Sở Tài chính');
  await expect(page.getByLabel('Tên nhiệm vụ')).toBeFocused();
  await page.getByLabel(/^Thời hạn \(30/).fill('Quý IV/2018');
  await page.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
  await expect(row).toContainText('Quý IV/2018');
  await expect(row).toContainText('Sở Tài chính');
  await h.setAsOf(page, '2018-12-31');
  await expect(row).not.toContainText('Quá hạn');
  await h.setAsOf(page, '2019-01-01');
  await expect(row).toContainText('Quá hạn');
  // The form is back to adding a new task.
  await expect(page.getByRole('heading', { name: 'Thêm nhiệm vụ' })).toBeVisible();
});

test('a task is deleted after a confirmation; Escape leaves editing; a note is logged with Enter', async ({ page, context }) => {
  await h.seedWorkspace(context, 't1-on-time.json');
  await page.goto('/plan');
  const row = page.getByRole('row', { name: /IV\.2/ });
  // Enter in the progress note logs it under the as-of date.
  await h.setAsOf(page, '2019-03-01');
  await row.getByLabel(/Ghi tiến độ cho nhiệm vụ/).fill('Đã họp liên ngành');
  await row.getByLabel(/Ghi tiến độ cho nhiệm vụ/).press('Enter');
  await expect(row).toContainText('01/03/2019 — Đã họp liên ngành');

  await row.getByRole('button', { name: /Sửa/ }).click();
  await expect(page.getByRole('heading', { name: 'Sửa nhiệm vụ' })).toBeVisible();
  await page.getByLabel('Tên nhiệm vụ').press('Escape');
  await expect(page.getByRole('heading', { name: 'Thêm nhiệm vụ' })).toBeVisible();
  await expect(page.getByLabel('Tên nhiệm vụ')).toHaveValue('');

  // Dismissing the question keeps the task; accepting deletes it, and it stays deleted.
  await row.getByRole('button', { name: /Xóa/ }).click();
  await h.answerDialog(page, { accept: false });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /Xóa/ }).click();
  await h.answerDialog(page);
  await expect(page.getByRole('row', { name: /IV\.2/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('row', { name: /IV\.1/ })).toHaveCount(1);
  await expect(page.getByRole('row', { name: /IV\.2/ })).toHaveCount(0);
});

test('the plan editor keeps what is typed: a Vietnamese decimal, an unreadable number, a district line; Add and Discard', async ({ page, context }) => {
  await h.seedWorkspace(context, 't1-on-time.json');
  await page.goto('/plan');
  const value = page.getByLabel('Mức mục tiêu của T5 (%)');
  const save = page.getByRole('button', { name: 'Lưu thay đổi kế hoạch' });
  const status = page.locator('.plan-editor .form-status');
  const stored = await value.inputValue();
  // A comma is the decimal mark: the text stays as typed.
  await value.fill('60,5');
  await expect(value).toHaveValue('60,5');
  await expect(status).toHaveText('Có thay đổi chưa lưu.');
  await expect(save).toBeEnabled();
  // A point groups thousands: "1.2" is no number, said beside the field.
  await value.fill('1.2');
  await expect(value).toHaveValue('1.2');
  await expect(page.locator('.plan-editor').getByText('4.800 hoặc 1.250,5').first()).toBeVisible();
  await expect(save).toBeDisabled();
  // A district's line being written keeps its line break.
  const districts = page.getByLabel('Quận, huyện (mỗi dòng một tên)');
  await districts.fill('An Lão\n');
  await expect(districts).toHaveValue('An Lão\n');
  // Enter in the new sector's name adds it, and the name is cleared for the next.
  const sector = page.getByLabel('Lĩnh vực mới');
  await sector.fill('Du lịch');
  await sector.press('Enter');
  await expect(page.locator('.plan-editor code', { hasText: /^du-lich$/ })).toHaveCount(1);
  await expect(sector).toHaveValue('');
  await expect(sector).toBeFocused();
  // Discard: back to what is stored.
  await page.getByRole('button', { name: 'Hủy thay đổi' }).click();
  await expect(value).toHaveValue(stored);
  await expect(page.locator('.plan-editor code', { hasText: /^du-lich$/ })).toHaveCount(0);
  await expect(status).toHaveText('');
  await expect(save).toBeDisabled();
});
