// The trainer's demo: one click loads a city matching Hải Phòng's published
// mid-2019 figures, labelled illustrative; one click resets it; the user's
// own workspace is never touched.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

test.describe('workshop demo', () => {
  test('loads the demo, reads T1 as 91,6% on 31/07/2019, resets it, and leaves the own workspace alone', async ({ page, context }) => {
    const own = await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/workshop');
    await expect(page.getByText('Số liệu công bố').first()).toBeVisible();
    await expect(page.getByText('Tự đặt ra').first()).toBeVisible();
    await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('banner')).toContainText('Số liệu minh họa');
    await h.setAsOf(page, '2019-07-31');
    await expect(h.card(page, 'T1').locator('.value')).toHaveText('91,6%');
    await expect(h.card(page, 'T1')).toContainText('208 / 227');
    await h.expectNineTargets(page);

    // Change the demo, then reset it: the change is gone.
    await page.getByRole('navigation').getByRole('link', { name: 'Kế hoạch' }).click();
    const value = page.getByLabel('Mức mục tiêu của T1 (%)');
    await value.fill('90');
    await value.blur();
    await page.getByRole('button', { name: 'Lưu thay đổi kế hoạch' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Tổng quan' }).click();
    await h.setAsOf(page, '2019-07-31');
    await h.expectStatus(page, 'T1', 'met-late');
    await page.getByRole('navigation').getByRole('link', { name: 'Hội thảo' }).click();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Đặt lại bộ dữ liệu minh họa' }).click();
    await h.setAsOf(page, '2019-07-31');
    await h.expectStatus(page, 'T1', 'missed');

    // The user's own workspace is as it was.
    const stored = await h.storedEntries(page);
    expect(stored[h.KEYS.workspace(own.id)]).toBe(h.fixtureText('t1-on-time.json'));
    const switcher = page.getByLabel('Không gian làm việc:');
    await switcher.selectOption({ label: own.name });
    await h.setAsOf(page, '2018-07-01');
    await h.expectStatus(page, 'T1', 'met');
  });
});

test.describe('presentation mode', () => {
  test('one target per slide: the keys and buttons move, time plays, Escape leaves', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/workshop');
    await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
    await expect(page).toHaveURL(/\/$/);
    await h.setAsOf(page, '2019-07-31');
    await page.getByRole('navigation').getByRole('link', { name: 'Hội thảo' }).click();
    await page.getByRole('link', { name: 'Trình chiếu các chỉ tiêu' }).click();
    await expect(page).toHaveURL(/\/present$/);
    const slide = page.locator('.present-slide');
    const count = page.locator('.present-count');
    // The header is out of the way; the first slide is T1 as of the chosen date.
    await expect(page.getByRole('banner')).toHaveCount(0);
    await expect(count).toHaveText('1 / 9');
    await expect(h.card(page, 'T1').locator('.value')).toHaveText('91,6%');
    await expect(slide.locator('article')).toHaveCount(1);
    await expect(slide.locator('svg')).toHaveCount(1);

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(count).toHaveText('3 / 9');
    await expect(slide.locator('[data-target-id="T3"]')).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await expect(slide.locator('[data-target-id="T2"]')).toBeVisible();
    await page.getByRole('button', { name: 'Chỉ tiêu sau' }).click();
    await expect(count).toHaveText('3 / 9');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowRight');
    await expect(count).toHaveText('9 / 9');
    await page.keyboard.press('Home');
    await expect(count).toHaveText('1 / 9');

    // The time slider moves the as-of date: at the start of 2017 T1 is not yet met.
    const slider = page.getByLabel('Thời điểm');
    await slider.fill('0');
    await expect(page.locator('.present-when strong')).toHaveText('31/01/2017');
    await expect(h.card(page, 'T1').locator('.value')).not.toHaveText('91,6%');
    // Playing walks forward month by month, then can be paused.
    await page.getByRole('button', { name: '▶ Chạy thời gian' }).click();
    await expect(page.locator('.present-when strong')).not.toHaveText('31/01/2017');
    await page.getByRole('button', { name: '❚❚ Dừng' }).click();
    const paused = await page.locator('.present-when strong').textContent();
    await page.waitForTimeout(700);
    await expect(page.locator('.present-when strong')).toHaveText(paused);

    await page.screenshot({ path: 'test-results/present-1280x720.png' });
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/\/workshop$/);
    await expect(page.getByRole('banner')).toBeVisible();
  });
});

test.describe('collect and merge', () => {
  test("three participants' files merge into the workshop workspace, which shows the room's numbers", async ({ page, context }) => {
    const own = await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/');
    await h.setAsOf(page, '2018-12-31');
    const whole = {};
    for (const id of ['T1', 'T2', 'T4', 'T5']) whole[id] = await h.card(page, id).locator('.figures').textContent();

    // Three participants, each with part of the city; the first and the
    // last both entered HTX 020001, under different names.
    const doc = JSON.parse(h.fixtureText('t1-on-time.json'));
    const byId = Object.fromEntries(doc.units.map((u) => [u.id, u]));
    const parts = [['htx-1', 'htx-2', 'htx-6'], ['htx-3', 'htx-4', 'tht-1'], ['htx-5', 'htx-1']];
    const files = parts.map((ids, i) => {
      const units = ids.map((id) => ({ ...byId[id] }));
      if (i === 2) units[1].name = `${units[1].name} (sửa)`;
      const part = { ...doc, id: `hv-${i}`, name: `Học viên ${i + 1}`, units };
      return { name: `hoc-vien-${i + 1}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(part)) };
    });
    files.push({ name: 'hong.json', mimeType: 'application/json', buffer: Buffer.from('{ "units": [') });

    await page.getByRole('navigation').getByRole('link', { name: 'Hội thảo' }).click();
    await page.getByLabel(/Thả các tệp vào đây/).setInputFiles(files);
    const received = page.getByRole('table', { name: 'Các tệp đã nhận' });
    await expect(received.getByRole('row')).toHaveCount(5);
    await expect(received.getByRole('row', { name: /hoc-vien-2\.json/ })).toContainText('Học viên 2');
    await expect(received.getByRole('row', { name: /hong\.json/ })).toContainText('Không dùng được');

    await page.getByRole('button', { name: 'Gộp 3 tệp đọc được' }).click();
    const conflict = page.getByRole('group');
    await expect(conflict).toHaveCount(1);
    await expect(conflict).toContainText('(sửa)');
    await page.getByRole('button', { name: /Giá trị mới nhất thắng/ }).click();
    await expect(conflict.getByRole('radio', { name: /\(sửa\)/ })).toBeChecked();
    await page.screenshot({ path: 'test-results/collect.png', fullPage: true });
    await page.getByRole('button', { name: /Mở không gian Hội thảo/ }).click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('banner')).toContainText('Hội thảo — gộp 3 tệp');
    await h.setAsOf(page, '2018-12-31');
    for (const id of Object.keys(whole)) {
      await expect(h.card(page, id).locator('.figures')).toHaveText(whole[id]);
    }
    // The user's own workspace is untouched.
    const stored = await h.storedEntries(page);
    expect(stored[h.KEYS.workspace(own.id)]).toBe(h.fixtureText('t1-on-time.json'));
    expect(JSON.parse(stored[h.KEYS.workspace('workshop')]).units).toHaveLength(7);
  });
});

test.describe('what-if exercises', () => {
  test('each exercise is answered on the open data, and the answer follows the as-of date', async ({ page }) => {
    await page.goto('/workshop');
    await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
    await h.setAsOf(page, '2018-06-30');
    await page.getByRole('navigation').getByRole('link', { name: 'Hội thảo' }).click();
    const exercises = page.locator('article.exercise');
    await expect(exercises).toHaveCount(6);
    // Doubling the training places: T5 with the change is above T5 as the data runs.
    const seats = page.locator('#exercise-seats-double');
    await expect(seats.getByRole('heading')).toContainText('tăng gấp đôi');
    const t5 = seats.getByRole('row', { name: /^T5/ });
    const [asData, changed] = await Promise.all([t5.locator('td').nth(1).textContent(), t5.locator('td').nth(2).textContent()]);
    const percent = (text) => Number(text.match(/([\d,]+)\s*%/)[1].replace(',', '.'));
    expect(percent(changed)).toBeGreaterThan(percent(asData));
    // Dissolving one a month: the backlog is done later than at today's pace.
    const backlog = page.locator('#exercise-dissolve-one-a-month').getByRole('row', { name: /^T2/ });
    // The goal's deadline, then when it is done as the data runs and with the change.
    const dates = (await backlog.textContent()).match(/\d\d\/\d\d\/\d{4}/g);
    const day = (d) => d.split('/').reverse().join('');
    expect(dates).toHaveLength(3);
    expect(day(dates[2]) > day(dates[1])).toBe(true);
    // Another date, another answer.
    const before = await page.locator('section.exercises').textContent();
    await h.setAsOf(page, '2019-07-31');
    await expect(page.locator('section.exercises')).not.toHaveText(before);
    await page.locator('section.exercises').screenshot({ path: 'test-results/exercises.png' });
  });
});
