// Importing a workspace file: a preview of what changes, nothing changed
// until confirmed, and a broken file refused with its place named.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

test.describe('import', () => {
  test('a good file is previewed, then replaces the workspace on confirmation', async ({ page, context }) => {
    const own = await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    await page.getByLabel(/Nhập tệp JSON của Coop Plan/).setInputFiles({
      name: 't1-late.json',
      mimeType: 'application/json',
      buffer: Buffer.from(h.fixtureText('t1-late.json')),
    });
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await expect(preview).toContainText('Thay đổi');
    // Nothing has changed yet.
    let stored = await h.storedEntries(page);
    expect(stored[h.KEYS.workspace(own.id)]).toBe(h.fixtureText('t1-on-time.json'));
    await preview.getByRole('button', { name: 'Xác nhận nhập tệp' }).click();
    await expect(preview).toHaveCount(0);
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    await h.setAsOf(page, '2018-07-01');
    await h.expectStatus(page, 'T1', 'missed');
    await page.reload();
    await h.setAsOf(page, '2018-07-01');
    await h.expectStatus(page, 'T1', 'missed');
  });

  test('the preview takes the keyboard when it arrives, follows a language switch, and the same file can be picked again', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    const input = page.getByLabel(/Nhập tệp JSON của Coop Plan/);
    const file = { name: 't1-late.json', mimeType: 'application/json', buffer: Buffer.from(h.fixtureText('t1-late.json')) };
    await input.setInputFiles(file);
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await expect(preview).toContainText('Thay đổi');
    await expect(page.locator('#import-preview-title')).toBeFocused();
    // The input is emptied: picking the same file again is a new pick.
    await expect(input).toHaveValue('');
    await page.getByRole('button', { name: h.UI.vi.switchTo, exact: true }).click();
    const previewEn = page.getByRole('region', { name: 'Before importing' });
    await expect(previewEn).toContainText('Changed');
    await expect(previewEn.getByRole('button', { name: 'Confirm the import' })).toBeEnabled();
    await previewEn.getByRole('button', { name: 'Cancel' }).click();
    await expect(previewEn).toHaveCount(0);
    await page.getByLabel(/Import a Coop Plan JSON file/).setInputFiles(file);
    await expect(previewEn).toContainText('Changed');
  });

  test('a broken file is refused with its line and column, and nothing changes', async ({ page, context }) => {
    const own = await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    await page.getByLabel(/Nhập tệp JSON của Coop Plan/).setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "schema_version": 2,\n  "name": "HTX"\n  "units": []\n}'),
    });
    await expect(page.getByRole('alert').filter({ hasText: 'dòng 4' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Xem trước khi nhập' })).toHaveCount(0);
    const stored = await h.storedEntries(page);
    expect(stored[h.KEYS.workspace(own.id)]).toBe(h.fixtureText('t1-on-time.json'));
  });

  test('a file with invalid data is previewed with its errors and cannot be confirmed', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    const bad = JSON.parse(h.fixtureText('t1-on-time.json'));
    bad.units[0].years[0].members = -5;
    await page.getByLabel(/Nhập tệp JSON của Coop Plan/).setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await expect(preview).toContainText('lỗi');
    await expect(preview).toContainText('-5');
    await expect(preview.getByRole('button', { name: 'Xác nhận nhập tệp' })).toBeDisabled();
  });

  test('an imported plan with a hostile id or year −100,000,000 is refused with its place, and nothing panics', async ({ page, context }) => {
    const own = await h.seedWorkspace(context, 't1-on-time.json');
    const problems = watchConsole(page);
    await page.goto('/data');
    const bad = JSON.parse(h.fixtureText('t1-on-time.json'));
    bad.plan.targets[0].id = PAYLOAD;
    bad.plan.start_year = -100000000;
    await importFile(page, 'hostile-plan.json', JSON.stringify(bad));
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await expect(preview).toContainText('kế hoạch › giai đoạn: Giai đoạn -100000000–2020 không hợp lệ.');
    await expect(preview).toContainText(`kế hoạch › mục tiêu 1 (${PAYLOAD}) › mã: Mã mục tiêu`);
    await expect(preview.getByRole('button', { name: 'Xác nhận nhập tệp' })).toBeDisabled();
    // The same in English.
    await page.getByRole('button', { name: h.UI.vi.switchTo, exact: true }).click();
    const previewEn = page.getByRole('region', { name: 'Before importing' });
    await expect(previewEn).toContainText('plan › period: The period -100000000–2020 is not valid.');
    await expect(previewEn).toContainText(`plan › target 1 (${PAYLOAD}) › id: The target id`);
    const stored = await h.storedEntries(page);
    expect(stored[h.KEYS.workspace(own.id)]).toBe(h.fixtureText('t1-on-time.json'));
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  test('a stored plan with a hostile id and year −100,000,000 shows at once, escaped, without a panic', async ({ page, context }) => {
    const bad = JSON.parse(h.fixtureText('t1-on-time.json'));
    bad.plan.targets[0].id = PAYLOAD;
    bad.plan.start_year = -100000000;
    bad.plan.baseline_year = -100000001;
    bad.plan.end_year = -100000000;
    await h.seedStorage(context, {
      [h.KEYS.workspace(bad.id)]: JSON.stringify(bad),
      [h.KEYS.current]: JSON.stringify(bad.id),
    });
    const problems = watchConsole(page);
    for (const path of ['/', '/targets/T2', '/present', '/report', '/data', '/plan', '/simulation', '/assessment']) {
      const started = Date.now();
      await page.goto(path);
      if (path === '/') await expect(page.locator('[data-target-id]')).toHaveCount(9);
      else if (path === '/targets/T2') await expect(page.getByRole('img', { name: /T2/ }).first()).toBeVisible();
      else if (path === '/present') await expect(page.locator('.present-slide [data-target-id]')).toHaveCount(1);
      else await expect(page.locator('main h1').first()).toBeVisible();
      expect(Date.now() - started, `${path} took too long`).toBeLessThan(4000);
      expect(await page.evaluate(() => window.__pwned), path).toBeUndefined();
    }
    // The data page says what is wrong with the stored plan, with its place.
    await page.goto('/data');
    await expect(page.getByText('kế hoạch › giai đoạn', { exact: false }).first()).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('a file that changes only the plan shows the plan’s changes in the preview', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    const file = JSON.parse(h.fixtureText('t1-on-time.json'));
    file.plan.targets[0].value = 0.5;
    file.plan.tasks = [];
    await importFile(page, 'plan-only.json', JSON.stringify(file));
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await expect(preview).toContainText('T1 · giá trị mục tiêu: 100% → ≥ 50%');
    await expect(preview).toContainText('Nhiệm vụ — xóa (2): IV.1 · ');
    await page.getByRole('button', { name: h.UI.vi.switchTo, exact: true }).click();
    const previewEn = page.getByRole('region', { name: 'Before importing' });
    await expect(previewEn).toContainText('T1 · target value: 100% → ≥ 50%');
    await expect(previewEn).toContainText('Tasks — removed (2): IV.1 · ');
    await expect(previewEn.getByRole('button', { name: 'Confirm the import' })).toBeEnabled();
  });

  test('markup in every imported text runs no script, on any page', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    const problems = watchConsole(page);
    await page.goto('/data');
    const file = JSON.parse(h.fixtureText('t1-on-time.json'));
    file.name = PAYLOAD;
    const plan = file.plan;
    plan.identity.number = PAYLOAD;
    plan.identity.title = { vi: PAYLOAD, en: PAYLOAD };
    plan.identity.issuer = PAYLOAD;
    plan.identity.implements = [PAYLOAD];
    for (const target of plan.targets) {
      target.title = { vi: PAYLOAD, en: PAYLOAD };
      target.wording = PAYLOAD;
      target.source = PAYLOAD;
    }
    for (const sector of plan.sectors) sector.name = { vi: PAYLOAD, en: PAYLOAD };
    for (const task of plan.tasks) {
      task.title = { vi: PAYLOAD, en: PAYLOAD };
      task.lead_agency = PAYLOAD;
      task.notes = PAYLOAD;
    }
    for (const unit of file.units) {
      unit.name = PAYLOAD;
      unit.commune = PAYLOAD;
    }
    await importFile(page, 'markup.json', JSON.stringify(file));
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await expect(preview).toContainText(PAYLOAD);
    await preview.getByRole('button', { name: 'Xác nhận nhập tệp' }).click();
    await expect(preview).toHaveCount(0);
    for (const path of ['/', '/targets/T1', '/present', '/report', '/plan', '/data']) {
      await page.goto(path);
      await expect(page.getByText(PAYLOAD).filter({ visible: true }).first()).toBeVisible();
      expect(await page.evaluate(() => window.__pwned), path).toBeUndefined();
      expect(await page.locator('img[src="x"], svg[onload]').count(), path).toBe(0);
    }
    expect(problems).toEqual([]);
  });

  test('a big file is read off the page: progress in steps, a click answered before the preview', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/data');
    // 10,000 units with three years each, about 11 MB.
    const file = JSON.parse(h.fixtureText('t1-on-time.json'));
    const template = file.units[0];
    file.units = [];
    for (let i = 0; i < 10000; i++) {
      file.units.push({ ...template, id: `u-${i}`, name: `HTX số ${i}`, registration_code: `0399${String(i).padStart(6, '0')}` });
    }
    // The app starts once it has read its data (IndexedDB answers
    // asynchronously): the page is there before it is watched.
    await expect(page.locator('#data-page')).toBeAttached();
    // What the page shows while the file is read, and when.
    await page.evaluate(() => {
      window.__seen = { progress: [], form: null, preview: null };
      new MutationObserver(() => {
        const now = performance.now();
        const line = document.getElementById('csv-progress');
        const seen = window.__seen;
        if (line && seen.progress[seen.progress.length - 1] !== line.textContent) seen.progress.push(line.textContent);
        if (!seen.form && document.querySelector('#data-form form')) seen.form = now;
        if (!seen.preview && document.getElementById('import-preview-title')) seen.preview = now;
      }).observe(document.getElementById('data-page'), { childList: true, subtree: true, characterData: true });
    });
    await page.getByLabel(/Nhập tệp JSON của Coop Plan/).setInputFiles({
      name: 'lon.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    // While the file is read the page shows how far it is, and a click
    // opens the unit form at once, before the preview.
    await expect(page.locator('#csv-progress')).toBeVisible();
    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await expect(page.locator('#data-form form')).toBeVisible();
    const preview = page.getByRole('region', { name: 'Xem trước khi nhập' });
    await expect(preview).toContainText('10.000', { timeout: 60_000 });
    await expect(preview.getByRole('button', { name: 'Xác nhận nhập tệp' })).toBeEnabled();
    const seen = await page.evaluate(() => window.__seen);
    expect(seen.form).not.toBeNull();
    expect(seen.preview).not.toBeNull();
    expect(seen.form).toBeLessThan(seen.preview);
    // The import went in steps, each drawn: more than one figure shown.
    expect(new Set(seen.progress).size, seen.progress.join(' ')).toBeGreaterThan(1);
  });
});

const PAYLOAD = '"><img src=x onerror=window.__pwned=1>';

async function importFile(page, name, text) {
  await page.getByLabel(/Nhập tệp JSON của Coop Plan/).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

// Console errors and uncaught exceptions: a Rust panic prints "panicked".
function watchConsole(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /panicked|RuntimeError|unreachable/.test(message.text())) {
      problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return problems;
}
