// Two tabs of one browser editing the same records: units, tasks,
// scenarios and self-assessments. Driven through the UI only, and checked
// through the UI (a third tab opened afterwards, or a reload), never by
// reading the browser's storage: these tests hold whatever the app keeps
// its workspaces in.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

// Opens the demo workspace in a new tab (it becomes the current one, so
// every tab opened after it shows it).
async function openDemo(context) {
  const page = await context.newPage();
  await page.goto('/workshop');
  await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
  await expect(page).toHaveURL(/\/$/);
  await h.expectNineTargets(page);
  return page;
}

async function newPage(context, path) {
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

async function shoot(page, testInfo, name, locator) {
  for (const [w, hgt] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width: w, height: hgt });
    await locator.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`${name}-${w}x${hgt}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

// ---- Units (data page) ----
const entry = (page) => page.locator('form.entry-form');
const entryField = (page, label) => entry(page).getByLabel(label, { exact: true });

async function firstUnitName(page) {
  const button = page.locator('#data-table').getByRole('button', { name: /^Sửa / }).first();
  return (await button.getAttribute('aria-label')).replace(/^Sửa /, '');
}

async function openUnit(page, name) {
  await page.getByRole('button', { name: `Sửa ${name}`, exact: true }).click();
  await expect(entryField(page, 'Tên đơn vị')).toHaveValue(name);
}

async function saveUnit(page) {
  await entry(page).getByRole('button', { name: 'Lưu', exact: true }).click();
}

// The demo's first unit open in the unit form of two tabs, B's first.
async function sameUnitInTwoTabs(context) {
  await openDemo(context);
  const a = await newPage(context, '/data');
  const b = await newPage(context, '/data');
  const name = await firstUnitName(a);
  await openUnit(b, name);
  await openUnit(a, name);
  return { a, b, name };
}

test('a unit: different fields saved in two tabs are both kept', async ({ context }) => {
  const { a, b, name } = await sameUnitInTwoTabs(context);
  await entryField(a, 'Xã, phường').fill('Dư Hàng Kênh');
  await saveUnit(a);
  await expect(a.locator('#data-saved')).toHaveText('Đã lưu.');
  await expect(b.locator('#form-heard')).toContainText('Tab khác vừa lưu thay đổi cho mục này.');

  await entryField(b, 'Tên đơn vị').fill(`${name} (B)`);
  await saveUnit(b);
  await expect(b.locator('#data-saved')).toHaveText('Đã lưu.');

  const c = await newPage(context, '/data');
  await openUnit(c, `${name} (B)`);
  await expect(entryField(c, 'Xã, phường')).toHaveValue('Dư Hàng Kênh');
});

test('a unit: the same field saved in two tabs is the user\'s choice, and she gets it', async ({ context }) => {
  const { a, b, name } = await sameUnitInTwoTabs(context);
  await entryField(a, 'Xã, phường').fill('Dư Hàng');
  await entryField(a, 'Tên đơn vị').fill(`${name} (A)`);
  await saveUnit(a);
  await expect(a.locator('#data-saved')).toHaveText('Đã lưu.');
  await expect(b.locator('#form-heard')).toContainText('Tab khác vừa lưu thay đổi cho mục này.');

  await entryField(b, 'Xã, phường').fill('Hàng Kênh');
  await saveUnit(b);
  const conflict = b.locator('#f-commune-conflict');
  await expect(conflict).toContainText('Tab khác vừa lưu: Dư Hàng — giữ giá trị của bạn hoặc lấy giá trị kia');
  await conflict.getByRole('button', { name: 'Lấy giá trị kia' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(entryField(b, 'Xã, phường')).toHaveValue('Dư Hàng');
  await saveUnit(b);
  await expect(b.locator('#data-saved')).toHaveText('Đã lưu.');

  const c = await newPage(context, '/data');
  await openUnit(c, `${name} (A)`);
  await expect(entryField(c, 'Xã, phường')).toHaveValue('Dư Hàng');
});

// ---- Tasks (plan page) ----
const taskRow = (page, id) => page.getByRole('row', { name: new RegExp(id.replace('.', '\\.')) });
const taskField = (page, label) => page.locator('form.new-task').getByLabel(label, { exact: true });

test('a task: two tabs keep each other\'s fields, choose on the same field, and a deleted task never takes the edit', async ({ context }, testInfo) => {
  await openDemo(context);
  const a = await newPage(context, '/plan');
  const b = await newPage(context, '/plan');

  // Different fields of IV.1: both kept.
  await taskRow(b, 'IV.1').getByRole('button', { name: /Sửa/ }).click();
  await taskRow(a, 'IV.1').getByRole('button', { name: /Sửa/ }).click();
  await taskField(a, 'Cơ quan chủ trì').fill('Sở Nội vụ');
  await a.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
  await expect(taskRow(a, 'IV.1')).toContainText('Sở Nội vụ');
  await expect(b.locator('#task-heard')).toContainText('Tab khác vừa lưu thay đổi cho nhiệm vụ này.');
  await taskField(b, 'Ghi chú').fill('ghi ở tab B');
  await b.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
  await expect(b.getByRole('heading', { name: 'Thêm nhiệm vụ' })).toBeVisible();
  await expect(taskRow(a, 'IV.1')).toContainText('ghi ở tab B');
  await expect(taskRow(a, 'IV.1')).toContainText('Sở Nội vụ');

  // The same field: B sees both values and keeps its own.
  await taskRow(b, 'IV.1').getByRole('button', { name: /Sửa/ }).click();
  await taskRow(a, 'IV.1').getByRole('button', { name: /Sửa/ }).click();
  await taskField(a, 'Cơ quan chủ trì').fill('Sở Tài chính');
  await a.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
  await expect(taskRow(b, 'IV.1')).toContainText('Sở Tài chính');
  await taskField(b, 'Cơ quan chủ trì').fill('Liên minh HTX');
  await b.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
  const conflict = b.locator('#task-lead-conflict');
  await expect(conflict).toContainText('Tab khác vừa lưu: Sở Tài chính — giữ giá trị của bạn hoặc lấy giá trị kia');
  await expect(b.locator('#task-form-error')).toContainText('Chưa lưu');
  await expect(taskRow(b, 'IV.1')).toContainText('Sở Tài chính');
  await shoot(b, testInfo, 'task-conflict', conflict);
  await conflict.getByRole('button', { name: 'Giữ giá trị của bạn' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(taskField(b, 'Cơ quan chủ trì')).toHaveValue('Liên minh HTX');
  await b.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
  await expect(taskRow(a, 'IV.1')).toContainText('Liên minh HTX');

  // IV.2 deleted in A while B edits it: B's save is refused, IV.1 is
  // untouched, and B may add its edit as a new task.
  await taskRow(b, 'IV.2').getByRole('button', { name: /Sửa/ }).click();
  await taskField(b, 'Ghi chú').fill('ghi sau khi xóa ở tab B');
  await taskRow(a, 'IV.2').getByRole('button', { name: /Xóa/ }).click();
  await h.answerDialog(a);
  await expect(b.locator('#task-heard')).toHaveText('Tab khác vừa xóa nhiệm vụ này.');
  await b.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
  await expect(b.getByText('Nhiệm vụ này vừa bị xóa ở tab khác.')).toBeVisible();
  await expect(taskRow(b, 'IV.1')).not.toContainText('ghi sau khi xóa ở tab B');
  await b.getByRole('button', { name: 'Lưu thành nhiệm vụ mới' }).click();
  await expect(b.getByRole('heading', { name: 'Thêm nhiệm vụ' })).toBeVisible();

  const c = await newPage(context, '/plan');
  const rows = c.locator('.task-table tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(taskRow(c, 'IV.1')).toContainText('Liên minh HTX');
  await expect(taskRow(c, 'IV.1')).toContainText('ghi ở tab B');
  await expect(taskRow(c, 'IV.1')).not.toContainText('ghi sau khi xóa ở tab B');
  await expect(rows.filter({ hasText: 'ghi sau khi xóa ở tab B' })).toHaveCount(1);
  await expect(taskRow(c, 'IV.2')).toHaveCount(0);
});

// ---- Scenarios (simulation page) ----
const simField = (page, key, f) => page.locator(`#sim-${key}-${f}`);

async function openScenario(page, name) {
  await page.locator('table.sim-scenarios tbody tr', { has: page.getByLabel(`Tên kịch bản ${name}`, { exact: true }) })
    .getByRole('button', { name: 'Mở' }).click();
  await expect(page.locator('.sim-open')).toContainText(name);
}

test('a scenario open in two tabs: each keeps the other\'s inputs; the same input is the user\'s choice', async ({ context }, testInfo) => {
  const demo = await openDemo(context);
  await demo.getByRole('navigation').getByRole('link', { name: 'Mô phỏng' }).click();
  await h.setAsOf(demo, '2019-07-31');
  await simField(demo, 'value_added_growth', 'likely').fill('5');
  await simField(demo, 'value_added_growth', 'likely').blur();
  await demo.getByLabel('Tên kịch bản mới').fill('Chung');
  await demo.getByRole('button', { name: 'Lưu thành kịch bản mới' }).click();
  await expect(demo.locator('.sim-open')).toContainText('Chung');
  await demo.close();

  const a = await newPage(context, '/simulation');
  const b = await newPage(context, '/simulation');
  for (const page of [a, b]) {
    await h.setAsOf(page, '2019-07-31');
    await openScenario(page, 'Chung');
  }

  // A sets one input; B hears it at once and shows it; B's own input is
  // then saved beside it.
  await simField(a, 'grdp_growth', 'likely').fill('10');
  await simField(a, 'grdp_growth', 'likely').blur();
  await expect(b.locator('#sim-heard')).toHaveText(
    'Tab khác vừa lưu thay đổi cho kịch bản này; các giá trị bạn chưa sửa đã được cập nhật.');
  await expect(simField(b, 'grdp_growth', 'likely')).toHaveValue('10');
  await simField(b, 'value_added_growth', 'likely').fill('8');
  await simField(b, 'value_added_growth', 'likely').blur();
  await expect(simField(a, 'value_added_growth', 'likely')).toHaveValue('8');
  await expect(simField(a, 'grdp_growth', 'likely')).toHaveValue('10');

  // B is typing in an input when A saves the same one: B's text stays, and
  // committing it shows both values; B keeps its own.
  await simField(b, 'grdp_growth', 'likely').fill('12');
  await simField(a, 'grdp_growth', 'likely').fill('15');
  await simField(a, 'grdp_growth', 'likely').blur();
  const conflict = b.locator('#sim-conflict-grdp_growth');
  await expect(conflict).toContainText('Tab khác vừa lưu:');
  await expect(conflict).toContainText('15');
  await expect(simField(b, 'grdp_growth', 'likely')).toHaveValue('12');
  await simField(b, 'grdp_growth', 'likely').blur();
  await expect(conflict).toBeVisible();
  await shoot(b, testInfo, 'scenario-conflict', conflict);
  await expect(simField(a, 'grdp_growth', 'likely')).toHaveValue('15');
  await conflict.getByRole('button', { name: 'Giữ giá trị của bạn' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(simField(a, 'grdp_growth', 'likely')).toHaveValue('12');

  const c = await newPage(context, '/simulation');
  await h.setAsOf(c, '2019-07-31');
  await openScenario(c, 'Chung');
  await expect(simField(c, 'grdp_growth', 'likely')).toHaveValue('12');
  await expect(simField(c, 'value_added_growth', 'likely')).toHaveValue('8');
});

// ---- Self-assessment ----
const fact = (page, label) => page.getByLabel(label, { exact: true });

test('a self-assessment open in two tabs: each keeps the other\'s fields; the same field is the user\'s choice', async ({ context }, testInfo) => {
  await openDemo(context);
  const a = await newPage(context, '/assessment');
  const b = await newPage(context, '/assessment');
  const board = 'Số thành viên HĐQT';
  const members = 'Số thành viên chính thức (Luật 2023)';

  await fact(a, board).fill('5');
  await fact(a, board).blur();
  await expect(b.locator('#assessment-heard')).toContainText('Tab khác vừa lưu thay đổi cho bản tự đánh giá này');
  await expect(fact(b, board)).toHaveValue('5');
  await fact(b, members).fill('40');
  await fact(b, members).blur();
  await expect(fact(a, members)).toHaveValue('40');
  // Saved here: the line about the other tab's save goes.
  await expect(b.locator('#assessment-heard')).toHaveText('');

  // B is typing in the field A saves: B's text stays; committing it shows
  // both values; B takes A's.
  await fact(b, board).fill('7');
  await fact(a, board).fill('9');
  await fact(a, board).blur();
  await expect(b.locator('#assessment-heard')).toContainText('Tab khác vừa lưu thay đổi');
  await expect(fact(b, board)).toHaveValue('7');
  await fact(b, board).blur();
  const conflict = b.locator('#assessment-conflict-fact-board_size');
  await expect(conflict).toContainText('Tab khác vừa lưu: 9 — giữ giá trị của bạn hoặc lấy giá trị kia');
  await shoot(b, testInfo, 'assessment-conflict', conflict);
  await expect(fact(a, board)).toHaveValue('9');
  await conflict.getByRole('button', { name: 'Lấy giá trị kia' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(fact(b, board)).toHaveValue('9');

  const c = await newPage(context, '/assessment');
  await expect(fact(c, board)).toHaveValue('9');
  await expect(fact(c, members)).toHaveValue('40');
});
