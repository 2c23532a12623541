// The simulation page: live projections and Monte Carlo from the inputs,
// scenarios saved in the workspace and compared, and a long run that shows
// its progress and can be cancelled while the page stays usable.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

// The demo city, as of mid-2019: the GRDP model projects 2019 and 2020.
async function openDemoSimulation(page) {
  await page.goto('/workshop');
  await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Mô phỏng' }).click();
  await h.setAsOf(page, '2019-07-31');
  await expect(page.locator('table.sim-projection')).toBeVisible();
}

const field = (page, key, f) => page.locator(`#sim-${key}-${f}`);

async function typeInto(locator, text) {
  await locator.fill(text);
  await locator.blur();
}

test.describe('simulation', () => {
  test('an input changes the projection, the fan chart and the probability', async ({ page }) => {
    await openDemoSimulation(page);
    // A range on value-added growth: a band and a probability.
    await typeInto(field(page, 'value_added_growth', 'low'), '0');
    await typeInto(field(page, 'value_added_growth', 'likely'), '10');
    await typeInto(field(page, 'value_added_growth', 'high'), '30');
    const probability = page.locator('.sim-probability').first();
    await expect(page.locator('#sim-fan-0 .fan-band')).toHaveCount(1);
    await expect(probability).toHaveText(/%$/);
    const before = await probability.textContent();
    const chartBefore = await page.locator('#sim-fan-0 desc').textContent();
    const tableBefore = await page.locator('table.sim-projection').textContent();

    // Much faster growth: the chart, the table and the chance all move.
    await typeInto(field(page, 'value_added_growth', 'likely'), '25');
    await typeInto(field(page, 'value_added_growth', 'high'), '60');
    await expect(probability).not.toHaveText(before);
    await expect(page.locator('#sim-fan-0 desc')).not.toHaveText(chartBefore);
    await expect(page.locator('table.sim-projection')).not.toHaveText(tableBefore);
    await expect(page.locator('#sim-tornado-0 .tornado-bar')).toHaveCount(1);
    await expect(page.getByText('Cần bao nhiêu để đạt?')).toBeVisible();
  });

  test('two saved scenarios are compared against the data, and one opens from its address', async ({ page }) => {
    await openDemoSimulation(page);
    await typeInto(field(page, 'value_added_growth', 'likely'), '5');
    await page.getByLabel('Tên kịch bản mới').fill('Chậm');
    await page.getByRole('button', { name: 'Lưu thành kịch bản mới' }).click();
    await expect(page.locator('.sim-open')).toContainText('Chậm');
    await page.getByRole('button', { name: 'Đóng' }).click();

    await typeInto(field(page, 'value_added_growth', 'likely'), '30');
    await page.getByLabel('Tên kịch bản mới').fill('Nhanh');
    await page.getByRole('button', { name: 'Lưu thành kịch bản mới' }).click();
    await expect(page.locator('table.sim-scenarios tbody tr')).toHaveCount(2);

    await page.getByLabel('So sánh Chậm').check();
    await page.getByLabel('So sánh Nhanh').check();
    const table = page.locator('table.sim-compare');
    await expect(table).toBeVisible();
    await expect(table.locator('thead')).toContainText('Chênh lệch Chậm');
    await expect(table.locator('thead')).toContainText('Chênh lệch Nhanh');
    await expect(page.locator('#sim-overlay-0 .line-1')).toHaveCount(1);
    await expect(page.locator('#sim-overlay-0 .line-2')).toHaveCount(1);

    // Saved in the workspace, so in its JSON export too.
    const stored = await h.storedEntries(page);
    const demo = JSON.parse(stored[h.KEYS.workspace('demo')] ?? Object.values(stored).find((v) => v.includes('"scenarios"')));
    expect(demo.scenarios.map((s) => s.name)).toEqual(['Chậm', 'Nhanh']);

    // Another page can open a scenario by its address.
    await page.goto(`/simulation?scenario=${demo.scenarios[0].id}`);
    await expect(page.locator('.sim-open')).toContainText('Chậm');
    await expect(field(page, 'value_added_growth', 'likely')).toHaveValue('5');
  });

  test('a long run shows progress, can be cancelled, and the page stays responsive', async ({ page }) => {
    await openDemoSimulation(page);
    await typeInto(field(page, 'value_added_growth', 'low'), '0');
    await typeInto(field(page, 'value_added_growth', 'high'), '40');
    // Five million samples: long enough on any machine to catch it running.
    await typeInto(page.getByLabel('Số lần mô phỏng'), '5000000');
    const progress = page.locator('#sim-progress progress');
    await expect(progress).toBeVisible();
    await expect
      .poll(async () => Number(await progress.getAttribute('value')))
      .toBeGreaterThan(0);
    // The page answers while it runs: an input still updates the table.
    const table = page.locator('table.sim-projection');
    const before = await table.textContent();
    await typeInto(field(page, 'grdp_growth', 'likely'), '2');
    await expect(table).not.toHaveText(before);
    await expect(page.getByRole('button', { name: 'Hủy' })).toBeVisible();
    const started = Date.now();
    await page.getByRole('button', { name: 'Hủy' }).click();
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(page.locator('#sim-progress')).toContainText('Đã hủy');
    const done = Number(await progress.getAttribute('value'));
    expect(done).toBeLessThan(5000000);
    await page.waitForTimeout(300);
    expect(Number(await progress.getAttribute('value'))).toBe(done);
  });

  test('a scenario is deleted after the in-app question, and kept when it is cancelled', async ({ page }) => {
    await openDemoSimulation(page);
    await typeInto(field(page, 'value_added_growth', 'likely'), '12');
    await page.getByLabel('Tên kịch bản mới').fill('Thử xóa');
    await page.getByRole('button', { name: 'Lưu thành kịch bản mới' }).click();
    const rows = page.locator('table.sim-scenarios tbody tr');
    await expect(rows).toHaveCount(1);
    await rows.first().getByRole('button', { name: 'Xóa' }).click();
    expect(await h.answerDialog(page, { accept: false })).toBe('Xóa kịch bản này?');
    await expect(rows).toHaveCount(1);
    await rows.first().getByRole('button', { name: 'Xóa' }).click();
    await h.answerDialog(page, { accept: true });
    await expect(rows).toHaveCount(0);
    await expect(page.getByText('Chưa có kịch bản nào cho mô hình này.')).toBeVisible();
    await expect(page.locator('.sim-open')).toContainText('Đang xem dữ liệu');
    await expect
      .poll(async () => JSON.parse((await h.storedEntries(page))[h.KEYS.workspace('demo')]).scenarios ?? [])
      .toEqual([]);
  });

  // As of 2017, one year of data: value added and GRDP come from it, the growth
  // rates cannot. The inputs the data gives show the values the model
  // uses while the growth rates are still empty (they showed 0).
  test('inputs from the data show their values while another input is empty', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/simulation');
    await h.setAsOf(page, '2017-12-31');
    await expect(page.getByText('Dữ liệu chưa có, hãy nhập:')).toBeVisible();
    await expect(field(page, 'value_added_growth', 'likely')).toHaveValue('');
    await expect(field(page, 'grdp', 'likely')).toHaveValue('245.000');
    await expect(page.locator('#sim-grdp-likely-echo')).toHaveText('= 245.000 triệu đồng');
    await expect(field(page, 'value_added', 'likely')).toHaveValue('6.151,25');
    // Entered, the growth rates complete the inputs: the projection runs
    // on the values shown.
    await typeInto(field(page, 'value_added_growth', 'likely'), '10');
    await typeInto(field(page, 'grdp_growth', 'likely'), '8');
    await expect(page.locator('table.sim-projection')).toBeVisible();
    await expect(field(page, 'grdp', 'likely')).toHaveValue('245.000');
  });

  test('a workshop exercise opens on the simulation page as a scenario, made once', async ({ page }) => {
    await page.goto('/workshop');
    await page.getByRole('button', { name: 'Mở bộ dữ liệu minh họa' }).click();
    await h.setAsOf(page, '2018-06-30');
    await page.getByRole('navigation').getByRole('link', { name: 'Hội thảo' }).click();
    const exercise = page.locator('#exercise-seats-double');
    await exercise.getByRole('link', { name: 'Mở thành kịch bản trong trang Mô phỏng' }).click();
    await expect(page).toHaveURL(/\/simulation\?scenario=ex-seats-double$/);
    await expect(page.locator('#sim-model')).toHaveValue('training');
    await expect(page.locator('.sim-open')).toContainText('tăng gấp đôi');
    // The exercise's lever is the scenario's: twice the data's seats.
    const seats = field(page, 'seats', 'likely');
    await expect(seats).not.toHaveValue('');
    const stored = await h.storedEntries(page);
    const demo = JSON.parse(stored[h.KEYS.workspace('demo')]);
    expect(demo.scenarios).toHaveLength(1);
    expect(demo.scenarios[0].id).toBe('ex-seats-double');
    // Back and again: the same scenario opens, none is added.
    await page.goBack();
    await exercise.getByRole('link', { name: 'Mở thành kịch bản trong trang Mô phỏng' }).click();
    await expect(page.locator('.sim-open')).toContainText('tăng gấp đôi');
    const again = JSON.parse((await h.storedEntries(page))[h.KEYS.workspace('demo')]);
    expect(again.scenarios).toHaveLength(1);
  });
});
