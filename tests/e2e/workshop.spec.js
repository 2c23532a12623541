// The trainer's demo: one click loads a city matching Hải Phòng's published
// mid-2019 figures, labelled illustrative; one click resets it; the user's
// own workspace is never touched.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

test.describe('workshop demo', () => {
  // The demo is remembered as current when it opens, before its first save
  // has ended; a reload in between (as when a trainer reloads at once)
  // opens the demo again rather than the own workspace.
  test('a reload before the demo was first saved opens the demo again, the own workspace untouched', async ({ page, context }) => {
    const own = await h.seedWorkspace(context, 't1-on-time.json', { [h.KEYS.current]: JSON.stringify('demo') });
    await page.goto('/');
    await expect(page.getByRole('banner')).toContainText('Số liệu minh họa');
    await h.setAsOf(page, '2019-07-31');
    await expect(h.card(page, 'T1').locator('.value')).toHaveText('91,6%');
    const stored = await h.storedEntries(page);
    expect(stored[h.KEYS.workspace(own.id)]).toBe(h.fixtureText('t1-on-time.json'));
    await expect.poll(async () => Object.keys(await h.storedEntries(page))).toContain(h.KEYS.workspace('demo'));
  });

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
    await page.getByRole('button', { name: 'Đặt lại bộ dữ liệu minh họa' }).click();
    await h.answerDialog(page);
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

test.describe('workshop demo date', () => {
  test('the demo opens at the date of its published figures and says so; a button brings it back', async ({ page }) => {
    await page.goto('/workshop');
    await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
    await expect(page).toHaveURL(/\/$/);
    // No date set by hand: 31/07/2019, where T1 reads 208 of 227.
    await expect(page.getByLabel('Ngày đánh giá')).toHaveValue('2019-07-31');
    await expect(h.card(page, 'T1').locator('.value')).toHaveText('91,6%');
    const note = page.locator('.demo-as-of');
    await expect(note).toHaveText('Bộ dữ liệu minh họa: ngày đánh giá là 31/07/2019, ngày của số liệu công bố.');

    await h.setAsOf(page, '2020-06-30');
    await expect(note).toContainText('Số liệu công bố của bộ minh họa là của ngày 31/07/2019.');
    await note.getByRole('button', { name: 'Xem tại ngày 31/07/2019' }).click();
    await expect(page.getByLabel('Ngày đánh giá')).toHaveValue('2019-07-31');
    await expect(h.card(page, 'T1').locator('.value')).toHaveText('91,6%');

    // Reset: back to the published date too.
    await h.setAsOf(page, '2020-06-30');
    await page.getByRole('navigation').getByRole('link', { name: 'Hội thảo' }).click();
    await page.getByRole('button', { name: 'Đặt lại bộ dữ liệu minh họa' }).click();
    await h.answerDialog(page);
    await expect(page.getByLabel('Ngày đánh giá')).toHaveValue('2019-07-31');
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
    await expect(slide.locator('figure.chart svg')).toHaveCount(1);

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

test.describe('leaving presentation mode', () => {
  test('puts the as-of date back where it was before the slider moved, and says so', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/workshop');
    await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
    await expect(page).toHaveURL(/\/$/);
    await h.setAsOf(page, '2019-07-31');
    await page.getByRole('navigation').getByRole('link', { name: 'Hội thảo' }).click();
    await page.getByRole('link', { name: 'Trình chiếu các chỉ tiêu' }).click();
    await expect(page).toHaveURL(/\/present$/);
    // The slider to its end: the last month of the plan.
    const slider = page.getByLabel('Thời điểm');
    const last = await slider.getAttribute('max');
    await slider.fill(last);
    await expect(page.locator('.present-when strong')).toHaveText('31/12/2020');
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/\/workshop$/);
    await expect(page.getByLabel('Ngày đánh giá')).toHaveValue('2019-07-31');
    await expect(page.getByText('Đã đưa ngày đánh giá về 31/07/2019 (trình chiếu đã đến 31/12/2020).')).toBeVisible();
    // Unmoved, leaving changes nothing and says nothing more.
    await page.getByRole('link', { name: 'Trình chiếu các chỉ tiêu' }).click();
    await expect(page).toHaveURL(/\/present$/);
    await page.getByRole('button', { name: 'Thoát (Esc)' }).click();
    await expect(page).toHaveURL(/\/workshop$/);
    await expect(page.getByLabel('Ngày đánh giá')).toHaveValue('2019-07-31');
    await expect(page.getByText(/Đã đưa ngày đánh giá về/)).toHaveCount(1);
  });
});

test.describe('presentation charts', () => {
  // The y-axis labels of the slide's chart, as numbers.
  const ticks = (page) =>
    page.locator('.present-slide svg .chart-label[text-anchor="end"]').evaluateAll((labels) =>
      labels.filter((l) => !/[^\d.,%\s−-]/.test(l.textContent)).map((l) => l.textContent),
    );

  test("T8's axis counts in whole numbers at even steps, and T3's labels do not overlap", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/workshop');
    await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
    await expect(page).toHaveURL(/\/$/);
    await h.setAsOf(page, '2019-07-31');
    await page.getByRole('navigation').getByRole('link', { name: 'Hội thảo' }).click();
    await page.getByRole('link', { name: 'Trình chiếu các chỉ tiêu' }).click();
    const count = page.locator('.present-count');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await expect(count).toHaveText('8 / 9');
    await expect(page.locator('.present-slide [data-target-id="T8"]')).toBeVisible();
    const t8 = await ticks(page);
    expect(t8.length).toBeGreaterThanOrEqual(3);
    for (const tick of t8) expect(tick).toMatch(/^\d+$/);
    // Evenly spaced: each label is where its number is (not 3 written for 2,75).
    const values = t8.map(Number);
    const step = values[1] - values[0];
    expect(step).toBeGreaterThan(0);
    values.forEach((v, i) => expect(v).toBe(values[0] + i * step));
    await expect(page.locator('.present-slide')).not.toContainText(/\d,\d/);

    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(count).toHaveText('3 / 9');
    const boxes = await page.locator('.present-slide svg text').evaluateAll((texts) =>
      texts.map((t) => {
        const b = t.getBoundingClientRect();
        return { text: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom };
      }),
    );
    expect(boxes.length).toBeGreaterThan(5);
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps.push(`${a.text} / ${b.text}`);
      }
    }
    expect(overlaps).toEqual([]);
    await page.screenshot({ path: 'test-results/present-T3-1280x720.png' });
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
