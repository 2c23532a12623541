// The sync with a province's CouchDB (issue 15), end to end: managers and
// the province in browser contexts of their own, the app's /couchdb/
// forwarded to a CouchDB-protocol stand-in (scripts/sync-e2e.sh starts it,
// sets E2E_PROXY and runs this file; without it the file is left out).
// Users (tests/couchdb/users.json): lan manages htx-1, minh htx-2, so-khdt
// is the province. Each test syncs a workspace of its own id, so the tests
// share the database without meeting.
'use strict';
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const h = require('./helpers');

const DB = process.env.COUCH_DB || 'coop-plan-test';
const USERS = {
  lan: 'lan-test-password',
  minh: 'minh-test-password',
  'so-khdt': 'province-test-password',
};
// The fixture's units (t1-on-time.json).
const LAP_LE = 'HTX Nông nghiệp Lập Lễ'; // htx-1, lan's
const AN_HONG = 'HTX Dịch vụ nông nghiệp An Hồng'; // htx-2, minh's

// A browser context holding the fixture workspace under the id `id`.
async function person(browser, id) {
  const context = await browser.newContext();
  const text = h.fixtureText('t1-on-time.json').replace('"id": "main"', `"id": "${id}"`);
  expect(JSON.parse(text).id).toBe(id);
  await h.seedStorage(context, {
    [h.KEYS.workspace(id)]: text,
    [h.KEYS.current]: JSON.stringify(id),
  });
  const page = await context.newPage();
  await page.goto('/data');
  await expect(page.getByRole('heading', { name: 'Đồng bộ', exact: true })).toBeVisible();
  return { context, page };
}

const status = (page) => page.locator('#sync-status');
const summary = (page) => page.locator('#sync-summary');
const pending = (page) => page.locator('#sync-pending');
const problems = (page) => page.locator('#sync-problems');

// Logs in through the form (the server address is the page's own
// /couchdb, filled in already) and waits for the first sync to end.
async function logIn(page, user) {
  await expect(page.getByLabel('Địa chỉ máy chủ')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/couchdb$/);
  await page.getByLabel('Cơ sở dữ liệu').fill(DB);
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(USERS[user]);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page.locator('#sync-user-status')).toContainText(`Đã đăng nhập: ${user}`);
  await expect(summary(page)).toContainText('Đã đồng bộ');
  await expect(page.getByLabel('Mật khẩu')).toHaveValue('');
}

// Presses "Sync now" and waits for the run to end (the summary is
// written again: it is cleared first so an old one does not count).
async function syncNow(page) {
  await expect(page.locator('#sync-now')).toBeEnabled();
  await page.locator('#sync-now').click();
  await expect(page.locator('#sync-running')).toBeHidden();
}

// Renames a unit through the data page's form, as a user does.
async function rename(page, from, to) {
  await page.getByRole('button', { name: `Sửa ${from}`, exact: true }).click();
  const name = page.locator('form.entry-form').getByLabel('Tên đơn vị', { exact: true });
  await name.fill(to);
  await name.press('Enter');
  await expect(page.locator('#data-saved')).toHaveText('Đã lưu.');
  await expect(page.getByRole('button', { name: `Sửa ${to}`, exact: true })).toBeVisible();
}

async function unitTitle(page, id) {
  await page.goto(`/units/${id}`);
  return page.locator('#unit-title');
}

test.describe('sync with the province server', () => {
  // Three people's browsers, reloads and a 5 s back-off in one test.
  test.describe.configure({ timeout: 120_000 });

  test('a manager edits her cooperative and syncs; the province syncs and sees it', async ({ browser }) => {
    const ws = 'sync-one';
    const province = await person(browser, ws);
    await logIn(province.page, 'so-khdt');
    // The province publishes the whole workspace: plan, city, tasks, units, years.
    await expect(summary(province.page)).toHaveText(/gửi [1-9]\d* tài liệu/);
    await expect(pending(province.page)).toHaveText('Không có thay đổi nào chờ gửi');

    const lan = await person(browser, ws);
    await logIn(lan.page, 'lan');
    await expect(summary(lan.page)).toHaveText('Đã đồng bộ: nhận 0 thay đổi, gửi 0 tài liệu.');
    await rename(lan.page, LAP_LE, 'HTX Lập Lễ (sửa bởi chị Lan)');
    await expect(pending(lan.page)).toHaveText('1 thay đổi chờ gửi');
    await syncNow(lan.page);
    await expect(summary(lan.page)).toHaveText('Đã đồng bộ: nhận 0 thay đổi, gửi 1 tài liệu.');
    await expect(pending(lan.page)).toHaveText('Không có thay đổi nào chờ gửi');
    await expect(problems(lan.page)).toBeEmpty();

    // Before the province syncs, its copy is the old one.
    await expect(await unitTitle(province.page, 'htx-1')).toHaveText(LAP_LE);
    await province.page.goto('/data');
    await syncNow(province.page);
    await expect(summary(province.page)).toHaveText('Đã đồng bộ: nhận 1 thay đổi, gửi 0 tài liệu.');
    await expect(await unitTitle(province.page, 'htx-1')).toHaveText('HTX Lập Lễ (sửa bởi chị Lan)');
    // Stored as any edit is: a reload keeps it.
    await province.page.reload();
    await expect(province.page.locator('#unit-title')).toHaveText('HTX Lập Lễ (sửa bởi chị Lan)');
    await expect(await unitTitle(province.page, 'htx-2')).toHaveText(AN_HONG);

    // Logged out, the settings stay but nothing syncs until she logs in again.
    await lan.page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(lan.page.locator('#sync-user-status')).toBeEmpty();
    await syncNow(lan.page);
    await expect(problems(lan.page)).toContainText('Chưa đăng nhập: hãy nhập mật khẩu và bấm Đăng nhập.');
    await expect(lan.page.getByLabel('Tên đăng nhập')).toHaveValue('lan');
    // The same words in English.
    await lan.page.getByRole('button', { name: h.UI.vi.switchTo, exact: true }).click();
    await expect(problems(lan.page)).toContainText('Not logged in: enter the password and press Log in.');
    await expect(lan.page.locator('#sync-pending')).toHaveText('No changes waiting to be sent');
    await province.context.close();
    await lan.context.close();
  });

  test('two managers edit offline; back online their changes go, and the province sees both', async ({ browser }) => {
    const ws = 'sync-two';
    const province = await person(browser, ws);
    await logIn(province.page, 'so-khdt');
    const lan = await person(browser, ws);
    await logIn(lan.page, 'lan');
    const minh = await person(browser, ws);
    await logIn(minh.page, 'minh');

    for (const [who, from, to] of [[lan, LAP_LE, 'Lập Lễ ngoại tuyến'], [minh, AN_HONG, 'An Hồng ngoại tuyến']]) {
      await who.context.setOffline(true);
      await expect(who.page.locator('#sync-connection')).toHaveText('Ngoại tuyến — sẽ đồng bộ khi có mạng');
      await rename(who.page, from, to);
      await syncNow(who.page);
      await expect(who.page.locator('#sync-connection')).toHaveText('Ngoại tuyến — sẽ đồng bộ khi có mạng');
      await expect(pending(who.page)).toHaveText('1 thay đổi chờ gửi');
    }
    // Back online: each syncs by itself (the `online` event).
    for (const who of [lan, minh]) {
      await who.context.setOffline(false);
      await expect(who.page.locator('#sync-connection')).toHaveText('Trực tuyến');
      await expect(pending(who.page)).toHaveText('Không có thay đổi nào chờ gửi');
      await expect(summary(who.page)).toHaveText('Đã đồng bộ: nhận 0 thay đổi, gửi 1 tài liệu.');
    }
    await syncNow(province.page);
    await expect(summary(province.page)).toHaveText('Đã đồng bộ: nhận 2 thay đổi, gửi 0 tài liệu.');
    await expect(await unitTitle(province.page, 'htx-1')).toHaveText('Lập Lễ ngoại tuyến');
    await expect(await unitTitle(province.page, 'htx-2')).toHaveText('An Hồng ngoại tuyến');
    // Each manager's workspace holds her own cooperative's change, not the other's.
    await expect(await unitTitle(lan.page, 'htx-2')).toHaveText(AN_HONG);
    for (const who of [province, lan, minh]) await who.context.close();
  });

  test("a manager's edit of another cooperative is refused with the server's reason; her own goes", async ({ browser }) => {
    const ws = 'sync-refused';
    const province = await person(browser, ws);
    await logIn(province.page, 'so-khdt');
    const lan = await person(browser, ws);
    await logIn(lan.page, 'lan');
    await rename(lan.page, LAP_LE, 'Lập Lễ của Lan');
    await rename(lan.page, AN_HONG, 'An Hồng sửa nhầm');
    await expect(pending(lan.page)).toHaveText('2 thay đổi chờ gửi');
    await syncNow(lan.page);
    await expect(summary(lan.page)).toHaveText('Đã đồng bộ: nhận 0 thay đổi, gửi 1 tài liệu.');
    await expect(problems(lan.page)).toHaveText(
      `Máy chủ từ chối ghi “${ws}:unit:htx-2”: You may only change the records of your own cooperative (this one is htx-2).`,
    );
    // The refused change is kept here, still waiting; nothing else is lost.
    await expect(pending(lan.page)).toHaveText('1 thay đổi chờ gửi');
    await lan.page.reload();
    await expect(pending(lan.page)).toHaveText('1 thay đổi chờ gửi');
    await expect(await unitTitle(lan.page, 'htx-2')).toHaveText('An Hồng sửa nhầm');
    await expect(await unitTitle(lan.page, 'htx-1')).toHaveText('Lập Lễ của Lan');

    await syncNow(province.page);
    await expect(summary(province.page)).toHaveText('Đã đồng bộ: nhận 1 thay đổi, gửi 0 tài liệu.');
    await expect(await unitTitle(province.page, 'htx-1')).toHaveText('Lập Lễ của Lan');
    await expect(await unitTitle(province.page, 'htx-2')).toHaveText(AN_HONG);
    await province.context.close();
    await lan.context.close();
  });

  test('a push cut off stays pending across a reload and completes once the server answers', async ({ browser }) => {
    const ws = 'sync-cut';
    const province = await person(browser, ws);
    await logIn(province.page, 'so-khdt');
    const lan = await person(browser, ws);
    await logIn(lan.page, 'lan');
    await rename(lan.page, LAP_LE, 'Lập Lễ sau khi mất mạng');
    // The pull gets through; every _bulk_docs is cut off on the way.
    const cut = (route) => route.abort('internetdisconnected');
    await lan.context.route('**/couchdb/*/_bulk_docs', cut);
    await syncNow(lan.page);
    await expect(lan.page.locator('#sync-connection')).toHaveText('Ngoại tuyến — sẽ đồng bộ khi có mạng');
    await expect(pending(lan.page)).toHaveText('1 thay đổi chờ gửi');

    await lan.page.reload();
    await expect(pending(lan.page)).toHaveText('1 thay đổi chờ gửi');
    // The sync the reload starts is cut off too.
    await expect(lan.page.locator('#sync-connection')).toHaveText('Ngoại tuyến — sẽ đồng bộ khi có mạng');
    await syncNow(province.page);
    await expect(await unitTitle(province.page, 'htx-1')).toHaveText(LAP_LE);

    // The server answers again: the retry (5 s back-off) sends it, unasked.
    await lan.context.unroute('**/couchdb/*/_bulk_docs', cut);
    await expect(pending(lan.page)).toHaveText('Không có thay đổi nào chờ gửi', { timeout: 30_000 });
    await expect(lan.page.locator('#sync-connection')).toHaveText('Trực tuyến');
    await province.page.goto('/data');
    await syncNow(province.page);
    await expect(summary(province.page)).toHaveText('Đã đồng bộ: nhận 1 thay đổi, gửi 0 tài liệu.');
    await expect(await unitTitle(province.page, 'htx-1')).toHaveText('Lập Lễ sau khi mất mạng');
    await province.context.close();
    await lan.context.close();
  });

  test('the same unit edited here and by the province: the conflict is listed, nothing is lost, and the manager settles it field by field', async ({ browser }) => {
    const ws = 'sync-conflict';
    const province = await person(browser, ws);
    await logIn(province.page, 'so-khdt');
    const lan = await person(browser, ws);
    await logIn(lan.page, 'lan');
    await rename(province.page, LAP_LE, 'Lập Lễ theo Sở');
    await syncNow(province.page);
    await expect(summary(province.page)).toHaveText('Đã đồng bộ: nhận 0 thay đổi, gửi 1 tài liệu.');
    await rename(lan.page, LAP_LE, 'Lập Lễ theo chị Lan');
    await syncNow(lan.page);
    await expect(summary(lan.page)).toHaveText('Đã đồng bộ: nhận 0 thay đổi, gửi 0 tài liệu.');
    await expect(problems(lan.page)).toHaveText(
      `Các bản ghi này đã bị sửa cả ở đây lẫn trên máy chủ, chưa gộp (bản ở đây được giữ nguyên): ${ws}:unit:htx-1`,
    );
    await expect(pending(lan.page)).toHaveText('1 thay đổi chờ gửi');
    // Nothing was guessed: each side still has its own version.
    await expect(await unitTitle(lan.page, 'htx-1')).toHaveText('Lập Lễ theo chị Lan');
    await province.page.goto('/data');
    await syncNow(province.page);
    await expect(await unitTitle(province.page, 'htx-1')).toHaveText('Lập Lễ theo Sở');

    // Lan settles it field by field: the name only differs; she keeps hers.
    await lan.page.goto('/data');
    await syncNow(lan.page);
    const chooser = lan.page.locator('#sync-choices .sync-choice');
    await expect(chooser).toHaveCount(1);
    await expect(chooser.getByRole('heading')).toHaveText(`${ws}:unit:htx-1`);
    const write = chooser.getByRole('button', { name: 'Ghi bản đã chọn' });
    await expect(write).toBeDisabled();
    await expect(chooser.getByRole('button', { name: 'Lấy bản máy chủ: Lập Lễ theo Sở' })).toBeVisible();
    await chooser.getByRole('button', { name: 'Giữ bản ở đây: Lập Lễ theo chị Lan' }).click();
    await lan.page.locator('#sync-choices .sync-choice').getByRole('button', { name: 'Ghi bản đã chọn' }).click();
    await expect(lan.page.locator('#sync-choices .sync-choice')).toHaveCount(0);
    await expect(summary(lan.page)).toHaveText('Đã đồng bộ: nhận 0 thay đổi, gửi 1 tài liệu.');
    await expect(problems(lan.page)).toBeEmpty();
    await expect(pending(lan.page)).toHaveText('Không có thay đổi nào chờ gửi');
    await province.page.goto('/data');
    await syncNow(province.page);
    await expect(summary(province.page)).toHaveText('Đã đồng bộ: nhận 1 thay đổi, gửi 0 tài liệu.');
    await expect(await unitTitle(province.page, 'htx-1')).toHaveText('Lập Lễ theo chị Lan');
    await province.context.close();
    await lan.context.close();
  });

  test("a manager's new browser opens the province's workspace by its id and receives her cooperative", async ({ browser }) => {
    const ws = 'sync-join';
    const province = await person(browser, ws);
    await logIn(province.page, 'so-khdt');
    await expect(province.page.locator('#sync-workspace')).toContainText(`Mã không gian làm việc này: ${ws}.`);
    // A browser that never held it: the demo is open.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/data');
    const join = page.getByLabel('Mở không gian làm việc của Sở theo mã');
    await join.fill('Hải Phòng!');
    await page.getByRole('button', { name: 'Mở', exact: true }).click();
    await expect(page.locator('#sync-join-message')).toHaveText(
      'Mã không gian làm việc chỉ gồm chữ không dấu, chữ số, “.”, “_” và “-”, tối đa 64 ký tự.',
    );
    await join.fill(ws);
    await page.getByRole('button', { name: 'Mở', exact: true }).click();
    await expect(page.locator('#sync-join-message')).toHaveText('Đã mở. Hãy đăng nhập để nhận số liệu từ máy chủ.');
    await expect(page.locator('#sync-workspace')).toContainText(`Mã không gian làm việc này: ${ws}.`);
    await logIn(page, 'lan');
    // Her cooperative's unit and years, and the province's picture.
    await expect(summary(page)).toHaveText(/^Đã đồng bộ: nhận [1-9]\d* thay đổi, gửi 0 tài liệu\.$/);
    await expect(await unitTitle(page, 'htx-1')).toHaveText(LAP_LE);
    // Nothing of another cooperative.
    await page.goto('/units/htx-2');
    await expect(page.locator('#unit-title')).not.toHaveText(AN_HONG);
    await context.close();
    await province.context.close();
  });

  test("a task the province's two browsers both changed is settled field by field", async ({ browser }) => {
    const ws = 'sync-task';
    const office = await person(browser, ws);
    await logIn(office.page, 'so-khdt');
    const laptop = await person(browser, ws);
    await logIn(laptop.page, 'so-khdt');
    // The same task's lead agency, changed in each; the office also its deadline.
    const changeTask = async (page, agency, deadline) => {
      await page.goto('/plan');
      const row = page.getByRole('row', { name: /IV\.2/ });
      await row.getByRole('button', { name: /Sửa/ }).click();
      await page.getByLabel('Cơ quan chủ trì', { exact: true }).fill(agency);
      if (deadline) await page.getByLabel(/^Thời hạn \(30/).fill(deadline);
      await page.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
      await expect(row).toContainText(agency);
      // Through the app's own link: a reload would sync by itself (a
      // change waits), and the run this test starts would find nothing.
      await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu' }).click();
      await expect(page.getByRole('heading', { name: 'Đồng bộ', exact: true })).toBeVisible();
    };
    await changeTask(office.page, 'Sở Tài chính (văn phòng)', 'Quý IV/2018');
    await syncNow(office.page);
    await expect(summary(office.page)).toHaveText('Đã đồng bộ: nhận 0 thay đổi, gửi 1 tài liệu.');
    await changeTask(laptop.page, 'Sở Tài chính (máy xách tay)');
    await syncNow(laptop.page);
    const chooser = laptop.page.locator('#sync-choices .sync-choice');
    await expect(chooser).toHaveCount(1);
    await expect(chooser.getByRole('heading')).toContainText(`${ws}:task:`);
    // Only the lead agency waits: the deadline changed on the server only.
    await expect(chooser.getByRole('button', { name: /^Giữ bản ở đây/ })).toHaveCount(1);
    await chooser.screenshot({ path: test.info().outputPath('task-choice.png') });
    await chooser.getByRole('button', { name: 'Giữ bản ở đây: Sở Tài chính (máy xách tay)' }).click();
    await laptop.page.locator('#sync-choices .sync-choice').getByRole('button', { name: 'Ghi bản đã chọn' }).click();
    await expect(laptop.page.locator('#sync-choices .sync-choice')).toHaveCount(0);
    await expect(summary(laptop.page)).toHaveText('Đã đồng bộ: nhận 0 thay đổi, gửi 1 tài liệu.');
    await expect(problems(laptop.page)).toBeEmpty();
    // Both now hold her agency and the office's deadline.
    await syncNow(office.page);
    for (const page of [laptop.page, office.page]) {
      await page.goto('/plan');
      const row = page.getByRole('row', { name: /IV\.2/ });
      await expect(row).toContainText('Sở Tài chính (máy xách tay)');
      await expect(row).toContainText('Quý IV/2018');
    }
    await office.context.close();
    await laptop.context.close();
  });

  test('a conflict the server keeps after a replication is chosen field by field; the losing revision is deleted', async ({ browser }) => {
    // Needs the server's admin to write a revision as a replication does
    // (new_edits: false); scripts/sync-e2e.sh gives it.
    test.skip(!process.env.COUCH_URL || !process.env.COUCH_ADMIN, 'needs COUCH_URL and COUCH_ADMIN');
    const ws = 'sync-replicated';
    const lan = await person(browser, ws);
    await logIn(lan.page, 'lan');
    const [name, password] = process.env.COUCH_ADMIN.split(':');
    const auth = { Authorization: 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64'), 'Content-Type': 'application/json' };
    const url = `${process.env.COUCH_URL}/${DB}/${encodeURIComponent(`${ws}:unit:htx-1`)}`;
    const here = await (await fetch(url, { headers: auth })).json();
    expect(here.data.name).toBe(LAP_LE);
    // A sibling of the revision lan pushed, from another replica: another
    // name and commune.
    const depth = Number(here._rev.split('-')[0]);
    const sibling = { ...here, _rev: `${depth}-${'f'.repeat(32)}`, data: { ...here.data, name: 'Lập Lễ bản khác', commune: 'Xã Khác' } };
    const written = await fetch(`${process.env.COUCH_URL}/${DB}/_bulk_docs`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ new_edits: false, docs: [sibling] }),
    });
    expect(written.status).toBe(201);
    const both = await (await fetch(`${url}?conflicts=true`, { headers: auth })).json();
    expect(both._conflicts).toHaveLength(1);
    // The sibling's revision id sorts last: it wins; lan's is the loser.
    expect(both._rev).toBe(sibling._rev);

    await syncNow(lan.page);
    await expect(problems(lan.page)).toContainText(`${ws}:unit:htx-1`);
    const chooser = lan.page.locator('#sync-choices .sync-choice');
    await expect(chooser).toHaveCount(1);
    // Here: the winner, which the pull took. The losing revision is the
    // server's side; no common ancestor is known, so the name, which both
    // fill differently, waits for her; the commune only the winner fills.
    await expect(chooser.getByRole('button', { name: 'Ghi bản đã chọn' })).toBeDisabled();
    await expect(chooser.getByRole('button', { name: 'Giữ bản ở đây: Lập Lễ bản khác' })).toBeVisible();
    await chooser.getByRole('button', { name: `Lấy bản máy chủ: ${LAP_LE}` }).click();
    await lan.page.locator('#sync-choices .sync-choice').getByRole('button', { name: 'Ghi bản đã chọn' }).click();
    await expect(lan.page.locator('#sync-choices .sync-choice')).toHaveCount(0);
    await expect(problems(lan.page)).toBeEmpty();
    // Written over the winner, the loser deleted: one revision left.
    await expect(async () => {
      const after = await (await fetch(`${url}?conflicts=true`, { headers: auth })).json();
      expect(after._conflicts).toBeUndefined();
      expect(after.data.name).toBe(LAP_LE);
      expect(after.data.commune).toBe('Xã Khác');
    }).toPass({ timeout: 10_000 });
    await expect(await unitTitle(lan.page, 'htx-1')).toHaveText(LAP_LE);
    await lan.context.close();
  });

  test("the province publishes its picture; a manager sees it and her place in it, and no other cooperative's record", async ({ browser }) => {
    const ws = 'sync-picture';
    const province = await person(browser, ws);
    await logIn(province.page, 'so-khdt');
    // The province's own page shows no manager's panel.
    await expect(province.page.locator('#province-picture')).toHaveCount(0);

    // Lan's workspace holds her cooperative only.
    const context = await browser.newContext();
    const fixture = JSON.parse(h.fixtureText('t1-on-time.json'));
    fixture.id = ws;
    fixture.units = fixture.units.filter((u) => u.id === 'htx-1');
    await h.seedStorage(context, {
      [h.KEYS.workspace(ws)]: JSON.stringify(fixture),
      [h.KEYS.current]: JSON.stringify(ws),
    });
    const page = await context.newPage();
    // Every document the server sends her, by id.
    const received = [];
    page.on('response', async (response) => {
      if (!response.url().includes('/_changes')) return;
      const body = await response.json().catch(() => null);
      for (const row of (body && body.results) || []) received.push(row.id);
    });
    await page.goto('/data');
    await logIn(page, 'lan');
    const picture = page.locator('#province-picture');
    await expect(picture.getByRole('heading', { name: 'Bức tranh của tỉnh' })).toBeVisible();
    await expect(picture.locator('#province-published')).toContainText('Số liệu Sở công bố, tính đến ngày');
    await expect(picture.locator('#province-published')).toContainText('135/KH-UBND');
    // The province's counts: seven units, of which she holds one.
    await expect(picture.locator('#province-counts')).toHaveText('7 đơn vị; 5 HTX và 1 THT đang hoạt động.');
    await expect(picture.locator('.province-target')).toHaveCount(9);
    const t1 = picture.locator('[data-target="T1"]');
    await expect(t1.locator('.province-figure')).toContainText('Tỉnh: 100,0% (5 / 5)');
    await expect(t1.locator('.own-figure[data-standing="counts"]')).toContainText(
      `${LAP_LE}: Đã tổ chức lại theo Luật 2012: được tính vào chỉ tiêu`,
    );
    await expect(picture.locator('[data-target="T5"] .own-figure')).toContainText('75,0% (3 / 4) · Bằng hoặc cao hơn mức chung của tỉnh');
    // Revenue: the province's spread, and hers in it, with Vietnamese numbers.
    const revenue = picture.locator('#province-revenue');
    await expect(revenue).toContainText('Doanh thu một HTX năm 2018: bình quân 3.400 triệu đồng');
    await expect(revenue).toContainText(`${LAP_LE}: 3.200 triệu đồng, thuộc một phần tư số HTX có doanh thu thấp nhất; 94% mức bình quân.`);

    // Nothing of another cooperative came: her own documents and the aggregate only.
    await expect.poll(() => received).toContain(`${ws}:aggregate`);
    const others = received.filter((id) => id !== `${ws}:aggregate` && !/:(unit|year|assessment):htx-1(:|$)/.test(id));
    expect(others).toEqual([]);
    await expect(page.getByRole('button', { name: `Sửa ${LAP_LE}`, exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: `Sửa ${AN_HONG}`, exact: true })).toHaveCount(0);

    // Kept with the sync record: a reload shows it before any sync.
    await page.reload();
    await expect(picture.locator('#province-counts')).toHaveText('7 đơn vị; 5 HTX và 1 THT đang hoạt động.');
    // In English, with English numbers.
    await page.getByRole('button', { name: h.UI.vi.switchTo, exact: true }).click();
    await expect(picture.getByRole('heading', { name: "The province's picture" })).toBeVisible();
    await expect(revenue).toContainText('Revenue per cooperative in 2018: mean 3,400 million VND');
    await expect(t1.locator('.province-figure')).toContainText('Province: 100.0% (5 / 5)');

    for (const [width, height] of [[1280, 800], [390, 844]]) {
      await page.setViewportSize({ width, height });
      await picture.scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await picture.screenshot({ path: test.info().outputPath(`province-picture-${width}.png`) });
    }
    const results = await new AxeBuilder({ page }).include('#province-picture').analyze();
    const serious = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id);
    expect(serious).toEqual([]);
    await province.context.close();
    await context.close();
  });

  test('an address on another origin is refused and nothing is sent', async ({ browser }) => {
    const { context, page } = await person(browser, 'sync-elsewhere');
    const sent = [];
    context.on('request', (request) => {
      if (!request.url().startsWith(new URL(page.url()).origin)) sent.push(request.url());
    });
    await page.getByLabel('Địa chỉ máy chủ').fill('https://couch.example.vn:6984');
    await page.getByLabel('Cơ sở dữ liệu').fill(DB);
    await page.getByLabel('Tên đăng nhập').fill('lan');
    await page.getByLabel('Mật khẩu').fill(USERS.lan);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect(page.locator('#sync-form-message')).toContainText(
      'Không gửi gì đến https://couch.example.vn:6984: máy chủ CouchDB phải nằm dưới chính địa chỉ của ứng dụng',
    );
    await expect(status(page)).toBeHidden();
    expect(sent).toEqual([]);
    await context.close();
  });

  test('the sync section at desktop and phone sizes, without serious axe violations', async ({ browser }) => {
    const { context, page } = await person(browser, 'sync-look');
    await logIn(page, 'so-khdt');
    for (const [width, height] of [[1280, 800], [390, 844]]) {
      await page.setViewportSize({ width, height });
      const section = page.locator('section.sync');
      await section.scrollIntoViewIfNeeded();
      // Nothing sticks out sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await section.screenshot({ path: test.info().outputPath(`sync-${width}.png`) });
    }
    const results = await new AxeBuilder({ page }).include('section.sync').analyze();
    const serious = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id);
    expect(serious).toEqual([]);
    await context.close();
  });
});
