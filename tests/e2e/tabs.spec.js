// Two open tabs: a save in one shows in the other at once, and a tab that
// missed another's save never overwrites it silently — the user chooses.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

async function setT1Target(page, value) {
  const input = page.getByLabel('Mức mục tiêu của T1 (%)');
  await input.fill(value);
  await input.blur();
  await page.getByRole('button', { name: 'Lưu thay đổi kế hoạch' }).click();
}

// Writes the stored workspace as another tab would, unseen by `page` itself
// (no tab is told of this write).
async function writeBehindItsBack(page, key, name) {
  const doc = JSON.parse((await h.storedEntries(page))[key]);
  doc.name = name;
  await h.writeStoredWorkspace(page, doc.id, JSON.stringify(doc));
}

test('an edit saved in one tab appears in the other; a stale tab asks before overwriting', async ({ context }) => {
  const own = await h.seedWorkspace(context, 't1-on-time.json');
  const key = h.KEYS.workspace(own.id);
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/plan');
  await b.goto('/');
  await h.expectNineTargets(b);
  await expect(h.card(b, 'T1').locator('.figures')).toContainText('100%');

  // Saved in A → shown in B without a reload.
  await setT1Target(a, '90');
  await expect(h.card(b, 'T1').locator('.figures')).toContainText('90%');
  await expect(b.getByText('Đã cập nhật thay đổi vừa lưu ở một tab khác.')).toBeVisible();

  // A misses a save, then edits: it asks; Cancel opens the other version.
  await writeBehindItsBack(a, key, 'Bản của tab kia');
  await setT1Target(a, '80');
  await h.answerDialog(a, { accept: false });
  await expect(a.getByRole('banner')).toContainText('Bản của tab kia');
  let stored = JSON.parse((await h.storedEntries(a))[key]);
  expect(stored.name).toBe('Bản của tab kia');
  expect(JSON.stringify(stored.plan)).not.toContain('"value":80');

  // Again, and this time OK keeps this tab's version over the other.
  await writeBehindItsBack(a, key, 'Lại bản khác');
  await setT1Target(a, '70');
  const asked = await h.answerDialog(a);
  await expect.poll(async () => JSON.parse((await h.storedEntries(a))[key]).name).toBe('Bản của tab kia');
  expect(asked).toContain('Một tab khác vừa lưu thay đổi mới hơn');
  stored = JSON.parse((await h.storedEntries(a))[key]);
  expect(JSON.stringify(stored.plan)).toContain('70');
  // B follows whatever was saved last.
  await expect(h.card(b, 'T1').locator('.figures')).toContainText('70%');
});

// Tasks are named by id, never by their place in the list.
test('a task form open in one tab saves onto that task after the other tab deletes another; a deleted task is refused', async ({ context }) => {
  const own = await h.seedWorkspace(context, 't1-on-time.json');
  const key = h.KEYS.workspace(own.id);
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/plan');
  await b.goto('/plan');
  const stored = async () => JSON.parse((await h.storedEntries(a))[key]);

  // B opens IV.2's form; A deletes IV.1; B saves → IV.2 changed, nothing else.
  await b.getByRole('row', { name: /IV\.2/ }).getByRole('button', { name: /Sửa/ }).click();
  await expect(b.getByRole('heading', { name: 'Sửa nhiệm vụ' })).toBeVisible();
  await b.getByLabel('Cơ quan chủ trì', { exact: true }).fill('Sở Nội vụ');
  await a.getByRole('row', { name: /IV\.1/ }).getByRole('button', { name: /Xóa/ }).click();
  await h.answerDialog(a);
  await expect(b.getByRole('row', { name: /IV\.1/ })).toHaveCount(0);
  // Another task went: nothing to say about this one.
  await expect(b.locator('#task-heard')).toHaveText('');
  await b.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
  await expect(b.getByRole('heading', { name: 'Thêm nhiệm vụ' })).toBeVisible();
  await expect.poll(async () => (await stored()).plan.tasks.map((t) => [t.id, t.lead_agency]))
    .toEqual([['IV.2', 'Sở Nội vụ']]);
  await expect(a.getByRole('row', { name: /IV\.2/ })).toContainText('Sở Nội vụ');

  // B opens IV.2 again; A deletes it; B's save is refused and stores nothing.
  await b.getByRole('row', { name: /IV\.2/ }).getByRole('button', { name: /Sửa/ }).click();
  await b.getByLabel('Ghi chú', { exact: true }).fill('sửa ở tab B');
  await a.getByRole('row', { name: /IV\.2/ }).getByRole('button', { name: /Xóa/ }).click();
  await h.answerDialog(a);
  await expect(b.getByRole('row', { name: /IV\.2/ })).toHaveCount(0);
  // Said in the form at once, before any save.
  await expect(b.locator('#task-heard')).toHaveText('Tab khác vừa xóa nhiệm vụ này.');
  const before = (await h.storedEntries(a))[key];
  await b.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
  await expect(b.getByText('Nhiệm vụ này vừa bị xóa ở tab khác.')).toBeVisible();
  expect((await h.storedEntries(b))[key]).toBe(before);
  expect((await stored()).plan.tasks).toEqual([]);
});

// A unit's form saves only the fields changed in it, onto the unit as it
// is stored now; a field changed in both tabs is the user's choice.
const entry = (page) => page.locator('form.entry-form');
const entryField = (page, label) => entry(page).getByLabel(label, { exact: true });
const storedUnit = async (page, key, code) =>
  JSON.parse((await h.storedEntries(page))[key]).units.find((u) => u.registration_code === code);

async function openUnit(page, name) {
  await page.getByRole('button', { name: `Sửa ${name}` }).click();
  await expect(entryField(page, 'Tên đơn vị')).toHaveValue(name);
}

test('a unit form opened before another tab saved keeps that tab\'s field and adds its own', async ({ context }) => {
  const own = await h.seedWorkspace(context, 't1-on-time.json');
  const key = h.KEYS.workspace(own.id);
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/data');
  await b.goto('/data');
  await openUnit(b, 'HTX Nông nghiệp Lập Lễ');

  await openUnit(a, 'HTX Nông nghiệp Lập Lễ');
  await entryField(a, 'Xã, phường').fill('Dư Hàng');
  await entryField(a, 'Xã, phường').press('Enter');
  await expect(a.locator('#data-saved')).toHaveText('Đã lưu.');
  await expect(b.getByText('Đã cập nhật thay đổi vừa lưu ở một tab khác.')).toBeVisible();

  await entryField(b, 'Tên đơn vị').fill('HTX Lập Lễ');
  await entryField(b, 'Tên đơn vị').press('Enter');
  await expect(b.locator('#data-saved')).toHaveText('Đã lưu.');
  const unit = await storedUnit(b, key, '020001');
  expect(unit.name).toBe('HTX Lập Lễ');
  expect(unit.commune).toBe('Dư Hàng');
});

test('the same field changed in two tabs: the later save shows both values and the user chooses', async ({ context }) => {
  const own = await h.seedWorkspace(context, 't1-on-time.json');
  const key = h.KEYS.workspace(own.id);
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/data');
  await b.goto('/data');
  await openUnit(b, 'HTX Nông nghiệp Lập Lễ');

  await openUnit(a, 'HTX Nông nghiệp Lập Lễ');
  await entryField(a, 'Xã, phường').fill('Dư Hàng');
  await entryField(a, 'Tên đơn vị').fill('HTX Lập Lễ');
  await entryField(a, 'Xã, phường').press('Enter');
  await expect(a.locator('#data-saved')).toHaveText('Đã lưu.');
  await expect(b.getByText('Đã cập nhật thay đổi vừa lưu ở một tab khác.')).toBeVisible();

  // B's save stops at the field both changed, showing the other value.
  await entryField(b, 'Xã, phường').fill('Hàng Kênh');
  await entryField(b, 'Xã, phường').press('Enter');
  const conflict = b.locator('#f-commune-conflict');
  await expect(conflict).toContainText('Tab khác vừa lưu: Dư Hàng — giữ giá trị của bạn hoặc lấy giá trị kia');
  await expect(b.locator('#form-status')).toContainText('Chưa lưu');
  await expect(entryField(b, 'Xã, phường')).toHaveValue('Hàng Kênh');
  await expect(entryField(b, 'Tên đơn vị')).toHaveValue('HTX Lập Lễ');
  expect((await storedUnit(b, key, '020001')).commune).toBe('Dư Hàng');

  // Saving again without choosing still asks; choosing then saving stores the choice.
  await entry(b).getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(conflict).toBeVisible();
  expect((await storedUnit(b, key, '020001')).commune).toBe('Dư Hàng');
  await conflict.getByRole('button', { name: 'Giữ giá trị của bạn' }).click();
  await expect(conflict).toHaveCount(0);
  await entry(b).getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(b.locator('#data-saved')).toHaveText('Đã lưu.');
  const unit = await storedUnit(b, key, '020001');
  expect(unit.commune).toBe('Hàng Kênh');
  expect(unit.name).toBe('HTX Lập Lễ');
  await expect(a.getByRole('button', { name: 'Sửa HTX Lập Lễ' })).toBeVisible();
});

// The plan editor's draft against another tab's save: fields not touched
// take the saved values on screen, the user's own edits stay, and a field
// changed in both tabs shows both values until the user chooses.
const planValue = (page, id) => page.getByLabel(`Mức mục tiêu của ${id} (%)`);
async function typePlanValue(page, id, value) {
  await planValue(page, id).fill(value);
  await planValue(page, id).blur();
}
const storedTarget = async (page, key, id) =>
  JSON.parse((await h.storedEntries(page))[key]).plan.targets.find((t) => t.id === id);

test('the plan editor takes another tab\'s save into the fields not touched and keeps its own edit', async ({ context }) => {
  const own = await h.seedWorkspace(context, 't1-on-time.json');
  const key = h.KEYS.workspace(own.id);
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/plan');
  await b.goto('/plan');
  await typePlanValue(b, 'T1', '90');

  await typePlanValue(a, 'T5', '60');
  await a.getByRole('button', { name: 'Lưu thay đổi kế hoạch' }).click();
  await expect.poll(async () => (await storedTarget(a, key, 'T5')).value).toBeCloseTo(0.6, 9);

  await expect(b.locator('#plan-notice')).toHaveText(
    'Tab khác vừa lưu thay đổi cho mục này; giá trị bạn chưa sửa đã được cập nhật.');
  await expect(planValue(b, 'T5')).toHaveValue('60');
  await expect(planValue(b, 'T1')).toHaveValue('90');
  await b.getByRole('button', { name: 'Lưu thay đổi kế hoạch' }).click();
  await expect.poll(async () => (await storedTarget(b, key, 'T1')).value).toBeCloseTo(0.9, 9);
  expect((await storedTarget(b, key, 'T5')).value).toBeCloseTo(0.6, 9);
  await expect(planValue(a, 'T1')).toHaveValue('90');
});

test('the same plan field changed in two tabs: the editor shows both values and the user chooses', async ({ context }) => {
  const own = await h.seedWorkspace(context, 't1-on-time.json');
  const key = h.KEYS.workspace(own.id);
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/plan');
  await b.goto('/plan');
  await typePlanValue(b, 'T5', '70');

  await typePlanValue(a, 'T5', '60');
  await a.getByRole('button', { name: 'Lưu thay đổi kế hoạch' }).click();
  await expect.poll(async () => (await storedTarget(a, key, 'T5')).value).toBeCloseTo(0.6, 9);

  const conflict = b.locator('#plan-conflict-T5-value');
  await expect(conflict).toContainText('Tab khác vừa lưu: 60 — giữ giá trị của bạn hoặc lấy giá trị kia');
  await expect(planValue(b, 'T5')).toHaveValue('70');
  const save = b.getByRole('button', { name: 'Lưu thay đổi kế hoạch' });
  await expect(save).toBeDisabled();
  await expect(b.locator('.plan-editor .form-status')).toContainText('Chưa lưu');

  await conflict.getByRole('button', { name: 'Lấy giá trị kia' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(planValue(b, 'T5')).toHaveValue('60');
  // Taken: nothing left to save.
  await expect(save).toBeDisabled();

  // Again, and this time keep the value typed here.
  await typePlanValue(b, 'T5', '75');
  await typePlanValue(a, 'T5', '65');
  await a.getByRole('button', { name: 'Lưu thay đổi kế hoạch' }).click();
  await expect(conflict).toContainText('Tab khác vừa lưu: 65');
  await conflict.getByRole('button', { name: 'Giữ giá trị của bạn' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(planValue(b, 'T5')).toHaveValue('75');
  await save.click();
  await expect.poll(async () => (await storedTarget(b, key, 'T5')).value).toBeCloseTo(0.75, 9);
  await expect(planValue(a, 'T5')).toHaveValue('75');
});

test('a unit form open in one tab says at once that the other tab saved that unit', async ({ context }) => {
  await h.seedWorkspace(context, 't1-on-time.json');
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/data');
  await b.goto('/data');
  await openUnit(b, 'HTX Nông nghiệp Lập Lễ');
  await expect(b.locator('#form-heard')).toHaveText('');

  await openUnit(a, 'HTX Nông nghiệp Lập Lễ');
  await entryField(a, 'Xã, phường').fill('Dư Hàng');
  await entryField(a, 'Xã, phường').press('Enter');
  await expect(a.locator('#data-saved')).toHaveText('Đã lưu.');
  await expect(b.locator('#form-heard')).toContainText('Tab khác vừa lưu thay đổi cho mục này.');
  // The form stays as typed; the save takes A's field in (tested above).
  await expect(entryField(b, 'Tên đơn vị')).toHaveValue('HTX Nông nghiệp Lập Lễ');
});
