// CSV files as Excel saves them on a Vietnamese Windows PC (the fixtures
// of `scripts/make-fixtures.py --csv`) import through the data page with
// their diacritics intact, and the preview names the encoding it read.
'use strict';
const fs = require('fs');
const path = require('path');
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const fixture = (name, mimeType) => ({ name, mimeType, buffer: fs.readFileSync(path.join(FIXTURES, name)) });
const storedWorkspace = async (page, id = 'main') =>
  JSON.parse((await h.storedEntries(page))[h.KEYS.workspace(id)]);

const CASES = [
  {
    file: fixture('units-windows-1258.csv', 'text/csv'),
    encoding: 'Mã hoá: Windows-1258 (ANSI tiếng Việt)',
    names: ['Hợp tác xã Đồng Thái', 'HTX Nông nghiệp Lưu Kiếm', 'Tổ hợp tác rau sạch Đặng Cương'],
    districts: ['An Dương', 'Thủy Nguyên'],
  },
  {
    file: fixture('units-utf16le.txt', 'text/plain'),
    encoding: 'Mã hoá: UTF-16 LE',
    names: ['HTX Dịch vụ Tiên Thắng', 'Quỹ tín dụng nhân dân Vĩnh Bảo'],
    districts: ['Tiên Lãng', 'Vĩnh Bảo'],
  },
  {
    file: fixture('units-utf16-bom.txt', 'text/plain'),
    encoding: 'Mã hoá: UTF-16 LE',
    names: ['HTX Mây tre đan Hữu Bằng', 'Liên hiệp HTX Thủy sản Cát Bà'],
    districts: ['Kiến Thụy', 'Cát Hải'],
  },
];

test.describe('CSV encodings from Excel', () => {
  for (const c of CASES) {
    test(`${c.file.name}: the preview names the encoding, the table shows the diacritics`, async ({ page, context }) => {
      await h.seedWorkspace(context, 't1-on-time.json');
      await page.goto('/data');
      await page.getByLabel(/Nhập tệp CSV đơn vị/).setInputFiles(c.file);
      const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
      await expect(preview.getByText(c.encoding, { exact: true })).toBeVisible();
      for (const name of c.names) await expect(preview).toContainText(name);
      await preview.getByRole('button', { name: 'Xác nhận nhập tệp' }).click();
      await expect(preview).toHaveCount(0);

      const table = page.locator('#data-table');
      for (const name of c.names) await expect(table.getByText(name, { exact: true })).toBeVisible();
      for (const district of c.districts) await expect(table.getByText(district, { exact: true }).first()).toBeVisible();
      // Stored as NFC: one code point per letter, as a form would store it.
      const stored = (await storedWorkspace(page)).units.map((u) => u.name);
      for (const name of c.names) expect(stored).toContain(name.normalize('NFC'));
    });
  }

  test('the preview says the encoding in English too', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    await page.getByRole('button', { name: h.UI.vi.switchTo }).click();
    await page.getByLabel(/Import CSV files/).setInputFiles(CASES[0].file);
    const preview = page.getByRole('region', { name: 'Before importing' });
    await expect(preview.getByText('Encoding: Windows-1258 (Vietnamese ANSI)', { exact: true })).toBeVisible();
  });

  test('a header of a million columns is refused at once, with its place', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    const header = 'Tên đơn vị,Loại hình' + ',x'.repeat(1_000_000);
    const start = Date.now();
    await page.getByLabel(/Nhập tệp CSV đơn vị/).setInputFiles({ name: 'rong.csv', mimeType: 'text/csv', buffer: Buffer.from(header + '\r\nA,HTX\r\n') });
    await expect(page.locator('#data-file-error')).toContainText('rong.csv · Dòng 1, cột “GS”: Tệp có hơn 200 cột');
    expect(Date.now() - start).toBeLessThan(5_000);
    // The page still answers.
    await page.getByRole('button', { name: '+ Thêm đơn vị' }).click();
    await expect(page.locator('form.entry-form')).toBeVisible();
  });

  test('a CSV file that is not text is refused with its line and byte, in both languages', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    // UTF-16 LE with a lone low surrogate on line 2 (bytes 31-32).
    const utf16 = (text) => Buffer.from(text, 'utf16le');
    const bytes = Buffer.concat([utf16('Tên\tLoại hình\r\n'), Buffer.from([0x00, 0xdc])]);
    const file = { name: 'hong.txt', mimeType: 'text/plain', buffer: bytes };
    await page.getByLabel(/Nhập tệp CSV đơn vị/).setInputFiles(file);
    await expect(page.locator('#data-file-error')).toContainText(
      'hong.txt · Dòng 2: Tệp không phải văn bản UTF-16 LE: dòng 2, byte thứ 31 của tệp không đọc được.');
    await expect(page.getByRole('region', { name: 'Xem trước khi nhập' })).toHaveCount(0);
    await page.getByRole('button', { name: h.UI.vi.switchTo }).click();
    await page.getByLabel(/Import CSV files/).setInputFiles(file);
    await expect(page.locator('#data-file-error')).toContainText(
      'hong.txt · Line 2: The file is not UTF-16 LE text: line 2, byte 31 of the file cannot be read.');
  });

  test('a JSON file that is not UTF-8 is refused with its line and byte', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    const bytes = Buffer.concat([Buffer.from('{\n  "name": "'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]);
    await page.getByLabel(/Nhập tệp JSON của Coop Plan/).setInputFiles({ name: 'latin1.json', mimeType: 'application/json', buffer: bytes });
    await expect(page.locator('#data-file-error')).toContainText('dòng 2, byte thứ 14');
    await expect(page.getByRole('region', { name: 'Xem trước khi nhập' })).toHaveCount(0);
  });

  test('a name that looks like a formula is exported as text and imports back the same', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    const csv = '\ufeffTên đơn vị,Loại hình\r\n"=HYPERLINK(""http://x"")",HTX\r\n';
    await page.getByLabel(/Nhập tệp CSV đơn vị/).setInputFiles({ name: 'f.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await preview.getByRole('button', { name: 'Xác nhận nhập tệp' }).click();
    await expect(page.locator('#data-table').getByText('=HYPERLINK("http://x")', { exact: true })).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải về CSV các đơn vị' }).click(),
    ]);
    const bytes = fs.readFileSync(await download.path()).toString('utf8');
    expect(bytes).toContain('"\'=HYPERLINK(""http://x"")"');
    await page.getByLabel(/Nhập tệp CSV đơn vị/).setInputFiles({ name: 'lai.csv', mimeType: 'text/csv', buffer: Buffer.from(bytes) });
    await expect(preview).toContainText('Không đổi');
    const before = (await storedWorkspace(page)).units;
    await preview.getByRole('button', { name: 'Xác nhận nhập tệp' }).click();
    await expect(preview).toHaveCount(0);
    expect((await storedWorkspace(page)).units).toEqual(before);
  });
});
