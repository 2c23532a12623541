// Entering data through the forms, CSV import, merging files and the
// workspace panel (the full data page).
'use strict';
const fs = require('fs');
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const h = require('./helpers');

const storedWorkspace = async (page, id = 'main') =>
  JSON.parse((await h.storedEntries(page))[h.KEYS.workspace(id)]);
const form = (page) => page.locator('form.entry-form');
const field = (page, label) => form(page).getByLabel(label, { exact: true });

async function serious(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id);
}

test.describe('data entry', () => {
  test('add a unit: checked as typed, an invalid form cannot be saved, Enter saves', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    await page.getByRole('button', { name: '+ Thêm đơn vị' }).click();
    await expect(field(page, 'Tên đơn vị')).toBeFocused();
    expect(await serious(page)).toEqual([]);

    // Enter on an empty form: not saved, the message beside the field, focus there.
    await field(page, 'Tên đơn vị').press('Enter');
    await expect(page.locator('#f-name-msg')).toHaveText('Chưa nhập tên đơn vị.');
    await expect(page.locator('#form-status')).toContainText('Chưa lưu');
    await expect(field(page, 'Tên đơn vị')).toBeFocused();
    await expect(field(page, 'Tên đơn vị')).toHaveAttribute('aria-invalid', 'true');
    expect((await storedWorkspace(page)).units).toHaveLength(7);

    // A code already used is reported while typing, focus kept.
    await field(page, 'Tên đơn vị').fill('HTX Dịch vụ Tân Liên');
    await expect(page.locator('#f-name-msg')).toHaveText('');
    await field(page, 'Mã số HTX').pressSequentially('020001');
    await expect(field(page, 'Mã số HTX')).toBeFocused();
    await expect(page.locator('#f-registration_code-msg')).toContainText('trùng');
    await field(page, 'Mã số HTX').fill('020099');
    await expect(page.locator('#f-registration_code-msg')).toHaveText('');
    await field(page, 'Quận, huyện').selectOption('Vĩnh Bảo');
    await field(page, 'Ngày thành lập').fill('2015-03-02');
    await field(page, 'Mã số HTX').press('Enter');

    await expect(page.locator('#data-saved')).toHaveText('Đã lưu.');
    await expect(page.getByRole('button', { name: 'Xóa HTX Dịch vụ Tân Liên' })).toBeVisible();
    const unit = (await storedWorkspace(page)).units.find((u) => u.registration_code === '020099');
    expect(unit).toMatchObject({ name: 'HTX Dịch vụ Tân Liên', kind: 'htx', district: 'Vĩnh Bảo', founded: '2015-03-02' });
  });

  test('a form with unsaved edits is marked data-unsaved, and only while it differs from the record', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    await page.getByRole('button', { name: 'Sửa HTX Nông nghiệp Lập Lễ' }).click();
    const name = field(page, 'Tên đơn vị');
    await expect(name).toBeFocused();
    await expect(form(page)).not.toHaveAttribute('data-unsaved');
    await name.fill('HTX Nông nghiệp Lập Lễ mới');
    await expect(form(page)).toHaveAttribute('data-unsaved', '');
    await expect(page.locator('#main [data-unsaved]')).toHaveCount(1);
    await name.fill('HTX Nông nghiệp Lập Lễ');
    await expect(form(page)).not.toHaveAttribute('data-unsaved');
    await name.fill('HTX Nông nghiệp Lập Lễ 2');
    await expect(form(page)).toHaveAttribute('data-unsaved', '');
    await name.press('Enter');
    await expect(page.locator('#data-saved')).toHaveText('Đã lưu.');
    await expect(page.locator('#main [data-unsaved]')).toHaveCount(0);
  });

  test('a form open while the language changes keeps what was typed and says all of it in the new language', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    await page.getByRole('button', { name: '+ Thêm đơn vị' }).click();
    await field(page, 'Mã số HTX').fill('0209');
    await field(page, 'Mã số HTX').press('Enter');
    await expect(page.locator('#f-name-msg')).toHaveText('Chưa nhập tên đơn vị.');
    await expect(page.locator('#form-status')).toContainText('Chưa lưu');
    await page.getByRole('button', { name: h.UI.vi.switchTo, exact: true }).click();
    await expect(form(page).getByRole('heading', { name: 'Add a unit' })).toBeVisible();
    await expect(field(page, 'Registration code')).toHaveValue('0209');
    await expect(page.locator('#f-name-msg')).toHaveText('The name is missing.');
    await expect(page.locator('#form-status')).toContainText('Not saved');
    await expect(form(page)).toHaveAttribute('data-unsaved', '');
    await field(page, 'Name').fill('HTX Mới');
    await field(page, 'Name').press('Enter');
    await expect(page.locator('#data-saved')).toHaveText('Saved.');
    await expect(form(page).getByRole('heading', { name: 'Edit unit HTX Mới' })).toBeVisible();
    await expect(form(page)).not.toHaveAttribute('data-unsaved');
  });

  test('edit a unit, and the dashboard reflects it; Escape cancels', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/');
    await h.setAsOf(page, '2018-07-01');
    await h.expectStatus(page, 'T1', 'met');
    await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu', exact: true }).click();

    await page.getByRole('button', { name: 'Sửa HTX Nông nghiệp Đại Hợp' }).click();
    await field(page, 'Tên đơn vị').fill('Đổi rồi hủy');
    await field(page, 'Tên đơn vị').press('Escape');
    await expect(form(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sửa HTX Nông nghiệp Đại Hợp' })).toBeVisible();

    await page.getByRole('button', { name: 'Sửa HTX Nông nghiệp Đại Hợp' }).click();
    // The reorganisation was not done after all.
    await field(page, 'Ngày hoàn thành tổ chức lại').fill('');
    await field(page, 'Tên đơn vị').press('Enter');
    await expect(page.locator('#data-saved')).toHaveText('Đã lưu.');
    const unit = (await storedWorkspace(page)).units.find((u) => u.name === 'HTX Nông nghiệp Đại Hợp');
    expect(unit.reorganisation).toEqual({ required: true });

    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    await h.expectStatus(page, 'T1', 'missed');
  });

  test('a yearly record saved on the data page shows on the dashboard at once', async ({ page, context }) => {
    // The edit patches the index behind the targets rather than building it
    // again; the figure must be the same as after a reload (a fresh index).
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/');
    await h.setAsOf(page, '2019-12-31');
    await expect(h.card(page, 'T5')).toContainText('15 / 20');
    await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu', exact: true }).click();
    await page.getByRole('button', { name: 'Sửa HTX Nông nghiệp Lập Lễ' }).click();
    await page.getByRole('button', { name: 'Bắt đầu năm 2019 từ số liệu năm 2018' }).click();
    await form(page).getByLabel('Đã được bồi dưỡng (Cán bộ số 4)').check();
    await form(page).getByRole('button', { name: 'Lưu' }).click();
    await expect(page.locator('#data-saved')).toHaveText('Đã lưu.');
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    // Only this unit reported 2019, with its four managers trained.
    await expect(h.card(page, 'T5')).toContainText('4 / 4');
    await page.reload();
    await h.setAsOf(page, '2019-12-31');
    await expect(h.card(page, 'T5')).toContainText('4 / 4');
  });

  test('a yearly record: start the next year from the last, validation blocks, key managers', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    await page.getByRole('button', { name: 'Sửa HTX Nông nghiệp Lập Lễ' }).click();
    await page.getByRole('button', { name: 'Bắt đầu năm 2019 từ số liệu năm 2018' }).click();
    await expect(field(page, 'Năm')).toHaveValue('2019');
    await expect(field(page, 'Số thành viên')).toHaveValue('120');
    await field(page, 'Số thành viên').fill('-5');
    await expect(page.locator('#f-members-msg')).not.toHaveText('');
    await form(page).getByRole('button', { name: 'Lưu' }).click();
    await expect(field(page, 'Số thành viên')).toBeFocused();
    expect((await storedWorkspace(page)).units[0].years).toHaveLength(2);

    await field(page, 'Số thành viên').fill('130');
    await field(page, 'Doanh thu').fill('3.450,5');
    await form(page).getByRole('button', { name: 'Bỏ Cán bộ số 4' }).click();
    await form(page).getByRole('button', { name: '+ Thêm cán bộ quản lý' }).click();
    await expect(form(page).getByLabel('Chức danh (Cán bộ số 4)')).toBeFocused();
    await form(page).getByLabel('Chức danh (Cán bộ số 4)').selectOption('controller');
    await form(page).getByLabel('Trình độ chuyên môn (Cán bộ số 4)').selectOption('college');
    await form(page).getByLabel('Đã được bồi dưỡng (Cán bộ số 4)').check();
    expect(await serious(page)).toEqual([]);
    await field(page, 'Doanh thu').press('Enter');
    await expect(page.locator('#data-saved')).toHaveText('Đã lưu.');
    const record = (await storedWorkspace(page)).units[0].years.find((r) => r.year === 2019);
    expect(record.members).toBe(130);
    expect(record.revenue).toBe('3450.5');
    expect(record.key_managers[3]).toEqual({ role: 'controller', qualification: 'college', trained: true });
  });

  test('city-level inputs have their own form', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    await page.getByRole('button', { name: 'Số liệu cấp thành phố' }).click();
    // 2018 is entered already: saying so is an error beside the year.
    await field(page, 'Năm').fill('2018');
    await field(page, 'GRDP theo giá hiện hành').fill('1000');
    await expect(page.locator('#f-year-msg')).toContainText('đã có');
    await field(page, 'Năm').fill('2021');
    await field(page, 'GRDP theo giá hiện hành').fill('0');
    await expect(page.locator('#f-grdp_current_prices-msg')).not.toHaveText('');
    await field(page, 'GRDP theo giá hiện hành').fill('245.000,5');
    await field(page, 'GRDP theo giá hiện hành').press('Enter');
    await expect(page.locator('#data-saved')).toHaveText('Đã lưu.');
    const city = (await storedWorkspace(page)).city_years.find((c) => c.year === 2021);
    expect(city.grdp_current_prices).toBe('245000.5');
  });

  test('CSV export → import gives the same units back', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    const original = (await storedWorkspace(page)).units;
    const files = [];
    for (const name of ['Tải về CSV các đơn vị', 'Tải về CSV số liệu theo năm']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      files.push({ name: download.suggestedFilename(), mimeType: 'text/csv', buffer: fs.readFileSync(await download.path()) });
    }
    // Lose two units, then bring everything back from the files.
    await page.getByRole('button', { name: 'Xóa HTX Nông nghiệp Lập Lễ' }).click();
    await h.answerDialog(page, { accept: true });
    await page.getByRole('button', { name: 'Xóa HTX Vận tải Cát Hải' }).click();
    await h.answerDialog(page, { accept: true });
    await expect.poll(async () => (await storedWorkspace(page)).units.length).toBe(5);

    await page.getByLabel(/Nhập tệp CSV đơn vị/).setInputFiles(files);
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await expect(preview).toContainText('Thêm mới');
    await preview.getByRole('button', { name: 'Xác nhận nhập tệp' }).click();
    await expect.poll(async () => (await storedWorkspace(page)).units.length).toBe(7);
    const back = (await storedWorkspace(page)).units;
    const byId = (units) => Object.fromEntries(units.map((u) => [u.id, u]));
    expect(byId(back)).toEqual(byId(original));

    // A broken file: every error with its line and column, nothing changes.
    await page.getByLabel(/Nhập tệp CSV đơn vị/).setInputFiles({
      name: 'hong.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\ufeffMã nội bộ;Năm;Doanh thu;Số thành viên\r\nhtx-1;2020;abc;5\r\nkhong-co;2020;1;2\r\n'),
    });
    await expect(page.locator('#data-file-error')).toContainText('Dòng 2, cột “Doanh thu”');
    await expect(page.locator('#data-file-error')).toContainText('Dòng 3, cột “Mã nội bộ”');
    expect((await storedWorkspace(page)).units).toEqual(back);
  });

  test('a big CSV file is read in slices: progress, cancel, then the preview', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    const rows = ['Tên đơn vị,Loại hình,Mã số HTX'];
    for (let i = 0; i < 20000; i++) rows.push(`HTX số ${i},HTX,0399${String(i).padStart(6, '0')}`);
    const file = { name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\r\n')) };
    const input = page.getByLabel(/Nhập tệp CSV đơn vị/);
    const progress = page.locator('#csv-progress');

    // The page answers while the file is read: the progress moves, and
    // Cancel stops the import with nothing changed.
    await input.setInputFiles(file);
    await expect(progress).toHaveText(/^[1-9]\d?%$/);
    await page.getByRole('button', { name: 'Hủy' }).click();
    await expect(progress).toHaveCount(0);
    await page.waitForTimeout(500);
    await expect(page.getByRole('region', { name: 'Xem trước khi nhập' })).toHaveCount(0);
    expect((await storedWorkspace(page)).units.length).toBe(7);

    // Read to its end: the preview, as for a small file.
    await input.setInputFiles(file);
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await expect(preview).toContainText('20.000', { timeout: 60_000 });
    await expect(progress).toHaveCount(0);
    await preview.getByRole('button', { name: 'Xác nhận nhập tệp' }).click();
    await expect.poll(async () => (await storedWorkspace(page)).units.length).toBe(20007);
  });

  test('merge two files with a conflict: choose, or newest wins', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    const a = JSON.parse(h.fixtureText('t1-on-time.json'));
    const b = JSON.parse(h.fixtureText('t1-on-time.json'));
    b.units[0].years[1].revenue = '9999';
    b.units.push({ id: 'moi', name: 'HTX Mới của học viên B', kind: 'htx', registration_code: '020777', district: 'An Lão', sector: 'nong-nghiep', years: [] });
    await page.getByLabel(/Gộp nhiều tệp JSON/).setInputFiles([
      { name: 'hoc-vien-a.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(a)) },
      { name: 'hoc-vien-b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(b)) },
    ]);
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    const conflict = preview.getByRole('group', { name: /HTX Nông nghiệp Lập Lễ › 2018 › Doanh thu/ });
    await expect(conflict).toBeVisible();
    await expect(conflict.getByLabel(/3\.200 \(hoc-vien-a.json\)/)).toBeChecked();
    await conflict.getByLabel(/9\.999 \(hoc-vien-b.json\)/).check();
    await expect(preview).toContainText('Thêm mới');
    expect(await serious(page)).toEqual([]);
    await preview.getByRole('button', { name: 'Xác nhận nhập tệp' }).click();
    await expect.poll(async () => (await storedWorkspace(page)).units.length).toBe(8);
    const ws = await storedWorkspace(page);
    expect(ws.units[0].years[1].revenue).toBe('9999');
    expect(ws.units.map((u) => u.name)).toContain('HTX Mới của học viên B');
  });

  test('workspaces: create, rename, duplicate, delete with confirmation', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    await page.getByRole('button', { name: '+ Tạo không gian làm việc mới' }).click();
    expect(await h.answerDialog(page, { accept: true, text: 'Lớp tập huấn' })).toContain('Tên không gian làm việc mới');
    await expect(page.locator('.workspace-name')).toContainText('Lớp tập huấn');
    await page.getByRole('button', { name: 'Đổi tên Lớp tập huấn' }).click();
    expect(await h.answerDialog(page, { accept: true, text: 'Lớp tập huấn Kiến An' })).toContain('Tên mới');
    await expect(page.locator('#data-workspaces')).toContainText('Lớp tập huấn Kiến An');
    await page.getByRole('button', { name: 'Nhân bản Kiểm thử: chuyển đổi đúng hạn' }).click();
    await expect(page.locator('.workspace-name')).toContainText('Kiểm thử: chuyển đổi đúng hạn (bản sao)');
    await expect(page.getByRole('button', { name: 'Xóa HTX Nông nghiệp Lập Lễ' })).toBeVisible();
    await page.getByRole('button', { name: 'Xóa Lớp tập huấn Kiến An' }).click();
    expect(await h.answerDialog(page, { accept: true })).toContain('Lớp tập huấn Kiến An');
    await expect(page.locator('#data-workspaces')).not.toContainText('Lớp tập huấn');
    const keys = Object.keys(await h.storedEntries(page)).filter((k) => k.startsWith('coop-plan:workspace:'));
    expect(keys).toHaveLength(2);
  });
});
