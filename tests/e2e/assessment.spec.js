// Self-assessment: a manager in a workspace of one creates her cooperative,
// fills the legal checklist and the classification scores, sees the grade
// and the action plan, prints the one-page report, and finds it all again
// after a reload.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

const EN = { [h.KEYS.settings]: JSON.stringify({ lang: 'en' }) };

test.describe('self-assessment', () => {
  test('a manager fills the checklist and the scores, sees the grade and the action plan, prints the report, and it survives a reload', async ({ page, context }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await h.seedStorage(context, EN);
    await page.goto('/assessment');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cooperative self-assessment');

    // A workspace without a cooperative: the short create form.
    await page.getByLabel('Cooperative name').fill('HTX Nông nghiệp Thử Nghiệm');
    await page.getByLabel('Registration code').fill('0201001234');
    await page.getByLabel('Members').fill('40');
    await page.getByLabel('Members').blur();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.locator('select[name="unit"]')).toHaveValue('htx-1');

    // The data the automatic checks read.
    await page.getByLabel('Board members').fill('5');
    await page.getByLabel('Supervisory board').selectOption('yes');
    await page.getByLabel('Governance model (2023 law)').selectOption('full');
    await page.getByLabel('Largest member\'s capital share (%)').fill('31');
    await page.getByLabel('Largest member\'s capital share (%)').blur();
    // The manual rules: all met but one.
    const answers = page.locator('select[name^="ans:"]');
    const count = await answers.count();
    expect(count).toBeGreaterThan(5);
    for (let i = 0; i < count; i++) await answers.nth(i).selectOption('yes');
    await page.locator('select[name="ans:2023-disclosure"]').selectOption('no');
    await page.locator('input[name="note:2023-disclosure"]').fill('Chưa niêm yết báo cáo tài chính');
    await page.locator('input[name="note:2023-disclosure"]').blur();
    const summary = page.locator('#checklist-summary');
    await expect(summary).toContainText('2 failed');
    await expect(page.getByText('Luật 17/2023/QH15, Điều 74 khoản 1').first()).toBeVisible();

    // A score above its maximum is refused and said so.
    const first = page.locator('input[name="score:1a"]');
    await first.fill('9');
    await first.blur();
    await expect(page.getByRole('alert')).toContainText('At most 6 points');
    await expect(first).toHaveAttribute('aria-invalid', 'true');

    // Every item at its maximum but criterion 13, which gets 1 of 5.
    const scores = page.locator('input.score');
    const items = await scores.count();
    expect(items).toBeGreaterThanOrEqual(15);
    for (let i = 0; i < items; i++) {
      const input = scores.nth(i);
      const name = await input.getAttribute('name');
      const max = /max (\d+)/.exec(await input.getAttribute('aria-label'))[1];
      await input.fill(name === 'score:13' ? '1' : max);
    }
    await scores.nth(items - 1).blur();
    await expect(page.locator('.assessment-message')).toBeEmpty();
    await expect(page.locator('#grade')).toContainText('96 / 100');
    await expect(page.locator('#grade')).toContainText('Excellent (Tốt)');
    await expect(page.locator('#grade')).toContainText('Micro (40 members)');
    await expect(page.getByRole('img', { name: /Share of points by criterion group/ })).toBeVisible();

    // The gaps propose actions; the manager edits one.
    await page.getByRole('button', { name: 'Add the proposed actions to the plan' }).click();
    const plan = page.getByRole('table', { name: 'Action plan' });
    await expect(plan.getByRole('row')).toHaveCount(4); // header + 2 rules + criterion 13
    await page.getByLabel('Owner 1').fill('Chị Lan');
    await page.getByLabel('Due 1').fill('2026-06-30');
    await page.getByLabel('Status 1').selectOption('in_progress');
    await expect(page.getByText('Every gap has an action.')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('assessment-screen.png'), fullPage: true });

    // The printable report: one A4 page with the scores, grade, failures
    // and the plan; nothing else of the page is printed.
    const report = page.locator('.assessment-report');
    await expect(report).toContainText('HTX Nông nghiệp Thử Nghiệm');
    await expect(report).toContainText('Code: 0201001234');
    await expect(report).toContainText('Chị Lan');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#checklist-title')).toBeHidden();
    await expect(report).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('assessment-print.png'), fullPage: true });
    const height = await report.evaluate((el) => el.getBoundingClientRect().height);
    // A4 less 28 mm of margins is about 1010 CSS px.
    expect(height).toBeLessThan(1010);
    await page.emulateMedia({ media: 'screen' });

    // Kept in the workspace: all still there after a reload.
    await page.reload();
    await expect(page.locator('#grade')).toContainText('Excellent (Tốt)');
    await expect(page.locator('input[name="score:13"]')).toHaveValue('1');
    await expect(page.locator('select[name="ans:2023-disclosure"]')).toHaveValue('no');
    await expect(page.getByLabel('Owner 1')).toHaveValue('Chị Lan');
    await expect(page.getByLabel('Status 1')).toHaveValue('in_progress');
  });

  test('a click on "Add the proposed actions" right after typing a score, without leaving the field, adds the actions', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json', EN);
    await page.goto('/assessment');
    await expect(page.locator('select[name="unit"]')).toHaveValue('htx-1');
    // 1 of criterion 1's points: a low criterion, a gap; the field keeps
    // the focus until the button is pressed.
    const score = page.locator('input[name="score:1a"]');
    await score.fill('1');
    await expect(score).toBeFocused();
    await page.getByRole('button', { name: 'Add the proposed actions to the plan' }).click();
    const plan = page.getByRole('table', { name: 'Action plan' });
    // The low criterion's gap heads a row, its proposal in the row's action.
    await expect(plan.getByRole('rowheader', { name: /^Criterion 1 \(/ })).toBeVisible();
    // Inputs carry their value as a property: read it as the user sees it.
    await expect.poll(() => plan.locator('input[name$=":action"]')
      .evaluateAll((inputs) => inputs.filter((i) => i.value.startsWith('Improve criterion 1')).length)).toBe(1);
    await expect(score).toHaveValue('1');
  });

  test('a cooperative created on the page keeps its figures under the year assessed', async ({ page, context }) => {
    await h.seedStorage(context, EN);
    await page.goto('/assessment');
    await page.locator('select[name="year"]').selectOption('2019');
    await page.getByLabel('Cooperative name').fill('HTX Năm Cũ');
    await page.getByLabel('Members').fill('40');
    await page.getByLabel('Members').blur();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.locator('select[name="unit"]')).toHaveValue('htx-1');
    await expect(page.locator('select[name="year"]')).toHaveValue('2019');
    await page.locator('input[name="score:1a"]').fill('5');
    await page.locator('input[name="score:1a"]').blur();
    await expect(page.locator('#grade')).toContainText('Micro (40 members)');
    // Stored: one yearly record, for 2019.
    await expect.poll(async () => {
      const stored = await h.storedEntries(page);
      const key = Object.keys(stored).find((k) => k.startsWith('coop-plan:workspace:'));
      const workspace = key && JSON.parse(stored[key]);
      const unit = workspace && workspace.units.find((u) => u.name === 'HTX Năm Cũ');
      return unit && unit.years.map((y) => [y.year, y.members]);
    }).toEqual([[2019, 40]]);
  });

  test('the year chosen is kept across navigation and a reload', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json', EN);
    await page.goto('/assessment');
    const year = page.locator('select[name="year"]');
    await year.selectOption('2018');
    await expect(year).toHaveValue('2018');
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await h.expectNineTargets(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Self-assessment' }).click();
    await expect(year).toHaveValue('2018');
    await page.reload();
    await expect(year).toHaveValue('2018');
  });

  test('a refused entry keeps what was typed, marked invalid, until it is corrected; a Vietnamese page shows decimals with a comma', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await page.goto('/assessment');
    await expect(page.locator('select[name="unit"]')).toHaveValue('htx-1');
    const score = page.locator('input[name="score:1a"]');
    await score.fill('9');
    await score.blur();
    await expect(page.getByRole('alert')).toContainText('Tối đa 6 điểm');
    await expect(score).toHaveAttribute('aria-invalid', 'true');
    // Other results change; the refused text stays for the user to fix.
    await page.locator('input[name="months_operated"]').fill('12');
    await page.locator('input[name="months_operated"]').blur();
    await expect(score).toHaveValue('9');
    await score.fill('5,5');
    await score.blur();
    await expect(score).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.assessment-message')).toBeEmpty();
    await page.reload();
    await expect(page.locator('input[name="score:1a"]')).toHaveValue('5,5');
    await expect(page.locator('input[name="months_operated"]')).toHaveValue('12');
  });

  test('the empty self-assessment page and a filled one have no serious axe violations', async ({ page, context }) => {
    const AxeBuilder = require('@axe-core/playwright').default;
    const serious = async () => (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
    await page.goto('/assessment');
    await expect(page.getByLabel('Tên hợp tác xã')).toBeVisible();
    expect(await serious()).toEqual([]);
    await page.getByLabel('Tên hợp tác xã').fill('HTX Một');
    await page.getByLabel('Tên hợp tác xã').blur();
    await page.getByRole('button', { name: 'Tạo' }).click();
    await page.locator('input[name="score:1a"]').fill('5');
    await page.locator('input[name="score:1a"]').blur();
    await expect(page.locator('#grade')).toContainText('5 / 100');
    expect(await serious()).toEqual([]);
  });
});
