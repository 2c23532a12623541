// Markup where a user or a file can put text runs no script, on any page
// (issue 12): every text of a stored workspace, ids included, and the URL.
// The forms are covered where they are typed in (data, plan, tasks,
// workspaces, self-assessment).
const fs = require('fs');
const path = require('path');
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

// No dot in it: the test server, like most static hosts, answers a path
// whose last part has an extension with the file or 404, not the app.
const PAYLOAD = '"><img src=x onerror=__pwned=1><svg onload=__pwned=2>';

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

async function expectNoScript(page, where) {
  expect(await page.evaluate(() => window.__pwned), where).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], [onerror]').count(), where).toBe(0);
}

// The export with a value in every field (tests/golden/every-field.json),
// with the payload in every free text and every id a file may choose.
function hostileWorkspace() {
  const doc = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'golden', 'every-field.json'), 'utf8'));
  const mark = (n) => `${PAYLOAD}${n}`;
  doc.name = mark('ws');
  const plan = doc.plan;
  for (const key of ['number', 'issuer', 'signer', 'source']) plan.identity[key] = mark(key);
  plan.identity.title = { vi: mark('title'), en: mark('title') };
  plan.identity.implements = [mark('implements')];
  for (const target of plan.targets) {
    target.title = { vi: mark(target.id), en: mark(target.id) };
    target.wording = mark('wording');
    target.source = mark('source');
  }
  plan.districts = plan.districts.map((_, i) => mark(`district-${i}`));
  for (const [i, sector] of plan.sectors.entries()) {
    sector.id = mark(`sector-${i}`);
    sector.name = { vi: mark(`sector-${i}`), en: mark(`sector-${i}`) };
  }
  for (const [i, task] of plan.tasks.entries()) {
    task.id = mark(`task-${i}`);
    task.title = { vi: mark(`task-${i}`), en: mark(`task-${i}`) };
    task.lead_agency = mark('lead');
    task.notes = mark('notes');
    task.source = mark('source');
  }
  const ids = new Map();
  for (const [i, unit] of doc.units.entries()) {
    ids.set(unit.id, mark(`unit-${i}`));
    unit.id = mark(`unit-${i}`);
    unit.name = mark(`name-${i}`);
    unit.commune = mark('commune');
    unit.district = plan.districts[0];
    unit.sector = plan.sectors[0].id;
    for (const recognition of unit.recognitions || []) recognition.decision = mark('decision');
    for (const year of unit.years || []) {
      for (const manager of year.key_managers || []) manager.name = mark('manager');
    }
  }
  for (const assessment of doc.assessments || []) {
    assessment.unit = ids.get(assessment.unit) || assessment.unit;
    for (const key of Object.keys(assessment.notes || {})) assessment.notes[key] = mark('note');
  }
  for (const [i, scenario] of (doc.scenarios || []).entries()) {
    scenario.id = mark(`scenario-${i}`);
    scenario.name = mark(`scenario-${i}`);
  }
  return doc;
}

test.describe('markup runs no script', () => {
  test('in every text and id of a stored workspace, on every page', async ({ page, context }) => {
    const doc = hostileWorkspace();
    await h.seedStorage(context, {
      [h.KEYS.workspace(doc.id)]: JSON.stringify(doc),
      [h.KEYS.current]: JSON.stringify(doc.id),
      'coop-plan:tour': JSON.stringify('seen'),
    });
    const problems = watchConsole(page);
    const unit = encodeURIComponent(doc.units[0].id);
    const scenario = encodeURIComponent(doc.scenarios[0].id);
    const pages = [
      '/', '/targets/T1', '/targets/T3', '/present', '/report', '/plan', '/data',
      `/units/${unit}`, '/assessment', `/simulation?scenario=${scenario}`, '/workshop',
    ];
    for (const where of pages) {
      await page.goto(where);
      await expect(page.locator('main h1, .present-slide').first()).toBeVisible();
      // The text is there, shown as text.
      if (!where.startsWith('/simulation') && where !== '/workshop') {
        await expect(page.getByText(PAYLOAD, { exact: false }).filter({ visible: true }).first(), where).toBeVisible();
      }
      await expectNoScript(page, where);
    }
    // Both languages draw their own words around the same texts.
    await page.goto('/');
    await page.getByRole('button', { name: h.UI.vi.switchTo, exact: true }).click();
    for (const where of ['/', `/units/${unit}`, '/assessment', '/report']) {
      await page.goto(where);
      await expect(page.locator('main h1').first()).toBeVisible();
      await expectNoScript(page, `${where} (en)`);
    }
    expect(problems).toEqual([]);
  });

  test('in the URL: ids, queries and unknown paths', async ({ page }) => {
    const problems = watchConsole(page);
    const payload = encodeURIComponent(PAYLOAD);
    for (const where of [
      `/targets/${payload}`,
      `/units/${payload}`,
      `/simulation?scenario=${payload}`,
      `/assessment?unit=${payload}`,
      `/${payload}`,
      `/data?${payload}=${payload}#${payload}`,
    ]) {
      await page.goto(where);
      await expect(page.locator('main h1').first(), where).toBeVisible();
      await expectNoScript(page, where);
    }
    // An unknown target or unit is named as text, not drawn as markup.
    await page.goto(`/units/${payload}`);
    await expect(page.locator('main')).toContainText(PAYLOAD);
    expect(problems).toEqual([]);
  });
});
