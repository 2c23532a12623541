// Data written by a newer version of the app (schema 999) is never touched:
// it opens read-only with a notice to update, an edit changes no stored
// byte, no "overwrite?" is asked and nothing is moved to quarantine. And
// corrupt data in a full storage still gives a notice, its bytes kept.
'use strict';
const { test, expect } = require('@playwright/test');
const h = require('./helpers');

const NOTICE_VI = 'Dữ liệu này do phiên bản mới hơn của ứng dụng ghi. Hãy tải lại trang để cập nhật ứng dụng; dữ liệu không bị thay đổi.';
const NOTICE_EN = 'This data was written by a newer version of the app. Reload the page to update the app; the data has not been changed.';
const REFUSED_VI = 'Chưa lưu: không gian làm việc này do phiên bản mới hơn của ứng dụng ghi';

// The fixture as a newer version would write it: schema 999, a field this
// version does not know, and its own spacing (kept byte for byte).
function newerText(fixture) {
  const doc = JSON.parse(h.fixtureText(fixture));
  doc.schema_version = 999;
  doc.field_from_the_future = { kept: true, note: 'Đồ Sơn ☂' };
  return JSON.stringify(doc, null, 1);
}

async function setT1Target(page, value) {
  const input = page.getByLabel('Mức mục tiêu của T1 (%)');
  await input.fill(value);
  await input.blur();
  await page.getByRole('button', { name: 'Lưu thay đổi kế hoạch' }).click();
}

// Every dialog (confirm, prompt, alert) the page opens, dismissed.
function recordDialogs(page) {
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss();
  });
  return dialogs;
}

const quarantined = (entries) => Object.keys(entries).filter((k) => k.startsWith(h.KEYS.quarantinePrefix));

test.describe('newer data', () => {
  test('a schema-999 workspace opens read-only and an edit changes no stored byte', async ({ page, context }) => {
    const text = newerText('t1-on-time.json');
    const id = JSON.parse(text).id;
    const key = h.KEYS.workspace(id);
    await h.seedStorage(context, { [key]: text, [h.KEYS.current]: JSON.stringify(id) });
    const dialogs = recordDialogs(page);

    await page.goto('/');
    // What this version can read of it is shown, with the notice.
    await h.expectNineTargets(page);
    await expect(page.getByText(NOTICE_VI)).toBeVisible();
    await expect(page.getByRole('banner').locator('.read-only-tag')).toHaveText('Chỉ xem');
    const before = await h.storedEntries(page);
    expect(before[key]).toBe(text);

    // An edit is refused and said why; the page goes back to what is stored.
    await page.goto('/plan');
    await setT1Target(page, '90');
    await expect(page.getByText(REFUSED_VI)).toBeVisible();
    await page.goto('/');
    await expect(h.card(page, 'T1').locator('.figures')).toContainText('100%');

    const after = await h.storedEntries(page);
    expect(after[key]).toBe(text);
    expect(quarantined(after)).toEqual([]);
    expect(dialogs).toEqual([]);

    // After a reload: still there, still untouched, still read-only.
    await page.reload();
    await h.expectNineTargets(page);
    await expect(page.getByText(NOTICE_VI)).toBeVisible();
    const again = await h.storedEntries(page);
    expect(again[key]).toBe(text);
    expect(quarantined(again)).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  test('the notice is in English too, and a workspace this version cannot read at all says so', async ({ page, context }) => {
    const text = '{"schema_version": 999, "id": "main", "name": "Bản mới", "plan": {"v999": []}}';
    const key = h.KEYS.workspace('main');
    await h.seedStorage(context, {
      [key]: text,
      [h.KEYS.current]: JSON.stringify('main'),
      [h.KEYS.settings]: JSON.stringify({ lang: 'en' }),
    });
    const dialogs = recordDialogs(page);
    await page.goto('/');
    await expect(page.getByText(NOTICE_EN)).toBeVisible();
    await expect(page.getByText('This version cannot read what it contains.')).toBeVisible();
    await expect(page.getByRole('banner').locator('.read-only-tag')).toHaveText('Read-only');
    const after = await h.storedEntries(page);
    expect(after[key]).toBe(text);
    expect(quarantined(after)).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  test('a newer version saving in another tab is never offered for overwrite', async ({ page, context }) => {
    const own = await h.seedWorkspace(context, 't1-on-time.json');
    const key = h.KEYS.workspace(own.id);
    const dialogs = recordDialogs(page);
    await page.goto('/plan');
    await expect(page.getByLabel('Mức mục tiêu của T1 (%)')).toBeVisible();
    // Written behind this tab's back (no storage event for its own writes).
    const text = newerText('t1-on-time.json');
    await page.evaluate(([k, t]) => localStorage.setItem(k, t), [key, text]);
    await setT1Target(page, '80');
    await expect(page.getByText(REFUSED_VI)).toBeVisible();
    await expect(page.getByRole('banner').locator('.read-only-tag')).toHaveText('Chỉ xem');
    const after = await h.storedEntries(page);
    expect(after[key]).toBe(text);
    expect(quarantined(after)).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  test('corrupt data in a full storage gives a notice and keeps its bytes', async ({ page, context }) => {
    const corrupt = '{"schema_version": 2, "id": "main", "name": "Hợp tác xã Đồ Sơn ☂", "units": [ {"id": ';
    const key = h.KEYS.workspace('main');
    // Stored, then the origin's storage filled to the last character, once.
    await context.addInitScript(([k, c]) => {
      if (localStorage.getItem('e2e:seeded') !== null) return;
      localStorage.setItem('e2e:seeded', '1');
      localStorage.setItem(k, c);
      localStorage.setItem('coop-plan:current', JSON.stringify('main'));
      let n = 0;
      for (let size = 256 * 1024; size >= 1; size = Math.floor(size / 4)) {
        const chunk = 'x'.repeat(size);
        try {
          for (;;) localStorage.setItem(`filler:${n++}`, chunk);
        } catch (e) { /* full at this size: try smaller */ }
      }
    }, [key, corrupt]);
    // And IndexedDB, where unreadable data is kept aside, full too.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin: new URL(test.info().project.use.baseURL).origin,
      quotaSize: 1,
    });
    await page.goto('/');
    await h.expectNineTargets(page);
    await expect(page.getByText('Bộ nhớ của trình duyệt đã đầy nên chưa cất riêng được')).toBeVisible();
    const after = await h.storedEntries(page);
    expect(after[key]).toBe(corrupt);
  });
});
