// Shared by the specs: the storage contract, the fixtures and the words the
// UI shows, as a user (and the app's stored data) would see them.
'use strict';
const fs = require('fs');
const path = require('path');
const { expect } = require('@playwright/test');

const PREFIX = 'coop-plan:';
const KEYS = {
  workspace: (id) => `${PREFIX}workspace:${id}`,
  current: `${PREFIX}current`,
  settings: `${PREFIX}settings`,
  quarantinePrefix: `${PREFIX}quarantine:`,
};

const TARGET_IDS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'];

const STATUS_WORDS = {
  vi: {
    met: 'Đạt',
    'met-late': 'Đạt muộn',
    'on-track': 'Đúng tiến độ',
    'at-risk': 'Có nguy cơ',
    missed: 'Không đạt',
    'no-data': 'Chưa có dữ liệu',
  },
  en: {
    met: 'Met',
    'met-late': 'Met late',
    'on-track': 'On track',
    'at-risk': 'At risk',
    missed: 'Missed',
    'no-data': 'No data',
  },
};

const UI = {
  vi: {
    asOf: 'Ngày đánh giá',
    switchTo: 'English',
    nav: ['Tổng quan', 'Dữ liệu', 'Tự đánh giá', 'Mô phỏng', 'Hội thảo', 'Kế hoạch'],
    downloadUnreadable: 'Tải về dữ liệu không đọc được',
  },
  en: {
    asOf: 'As of',
    switchTo: 'Tiếng Việt',
    nav: ['Dashboard', 'Data', 'Self-assessment', 'Simulation', 'Workshop', 'Plan'],
    downloadUnreadable: 'Download the unreadable data',
  },
};
const PATHS = ['/', '/data', '/assessment', '/simulation', '/workshop', '/plan'];

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
function fixtureText(name) {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

// Puts entries into localStorage before the app's first start in this
// browser context, once: later reloads and new tabs see whatever the app
// made of them. `entries` maps keys to the exact strings to store.
async function seedStorage(context, entries) {
  await context.addInitScript((items) => {
    if (localStorage.getItem('e2e:seeded') !== null) return;
    for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value);
    localStorage.setItem('e2e:seeded', '1');
  }, entries);
}

// Stores a fixture workspace as the current one (and any `extra` entries:
// seedStorage only acts once per context, so they go in the same call).
async function seedWorkspace(context, fixture, extra = {}) {
  const text = fixtureText(fixture);
  const id = JSON.parse(text).id;
  await seedStorage(context, {
    [KEYS.workspace(id)]: text,
    [KEYS.current]: JSON.stringify(id),
    ...extra,
  });
  return JSON.parse(text);
}

const card = (page, id) => page.locator(`[data-target-id="${id}"]`);
const statusOf = (page, id) => card(page, id).locator('[data-status]');

async function expectNineTargets(page) {
  await expect(page.locator('[data-target-id]')).toHaveCount(9);
  for (const id of TARGET_IDS) {
    await expect(card(page, id).getByRole('heading')).toContainText(id);
  }
}

async function expectStatus(page, id, status, lang = 'vi') {
  const element = statusOf(page, id);
  await expect(element).toHaveAttribute('data-status', status);
  await expect(element).toContainText(STATUS_WORDS[lang][status]);
}

async function setAsOf(page, isoDate, lang = 'vi') {
  const input = page.getByLabel(UI[lang].asOf);
  await input.fill(isoDate);
  await input.blur();
}

async function localStorageEntries(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      out[key] = localStorage.getItem(key);
    }
    return out;
  });
}

// Everything the app stores, in the shape earlier versions kept it in
// localStorage: localStorage's own entries, then each workspace in
// IndexedDB (database `coop-plan`) as its document text under
// `coop-plan:workspace:<id>` (a raw head's text byte for byte, else the
// head's text before and after the units around its unit records, in
// order) and each record kept aside under its `coop-plan:quarantine:` key.
// A key localStorage holds (a newer version's data) is not replaced.
async function storedEntries(page) {
  return page.evaluate(async () => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      out[key] = localStorage.getItem(key);
    }
    const db = await new Promise((resolve) => {
      const request = indexedDB.open('coop-plan');
      // Not created by the app yet: leave it to the app to create.
      request.onupgradeneeded = () => request.transaction.abort();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
    });
    if (!db) return out;
    const all = (store) => new Promise((resolve, reject) => {
      const tx = db.transaction(store);
      const keys = tx.objectStore(store).getAllKeys();
      const values = tx.objectStore(store).getAll();
      tx.oncomplete = () => resolve(keys.result.map((key, i) => [key, values.result[i]]));
      tx.onerror = () => reject(tx.error);
    });
    const [heads, units, kept] = [await all('heads'), await all('units'), await all('kept')];
    db.close();
    for (const [id, head] of heads) {
      const key = `coop-plan:workspace:${id}`;
      if (key in out) continue;
      if (typeof head.raw === 'string') {
        out[key] = head.raw;
        continue;
      }
      const texts = new Map(units.filter(([k]) => k[0] === id).map(([k, v]) => [k[1], v.text]));
      out[key] = `${head.before}[${JSON.parse(head.order).map((u) => texts.get(u)).join(',')}]${head.after}`;
    }
    for (const [key, record] of kept) if (!(key in out)) out[key] = record.text;
    return out;
  });
}

// The records of one workspace in IndexedDB: its head and its units.
async function storedRecords(page, id) {
  return page.evaluate(async (id) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('coop-plan');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['heads', 'units']);
    const head = tx.objectStore('heads').get(id);
    const units = tx.objectStore('units').getAll(IDBKeyRange.bound([id], [id, []]));
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
    return { head: head.result, units: units.result };
  }, id);
}

// Stores `text` as workspace `id`'s document, as another writer would: a
// raw head with the next revision, its unit records removed, and no
// message to any tab (so the app finds out only when it next saves).
async function writeStoredWorkspace(page, id, text) {
  await page.evaluate(async ([id, text]) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('coop-plan');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['heads', 'units'], 'readwrite');
    const heads = tx.objectStore('heads');
    const old = await new Promise((resolve) => { const r = heads.get(id); r.onsuccess = () => resolve(r.result); });
    const doc = JSON.parse(text);
    heads.put({ id, name: doc.name, schema_version: doc.schema_version, revision: ((old && old.revision) || 0) + 1, raw: text }, id);
    tx.objectStore('units').delete(IDBKeyRange.bound([id], [id, []]));
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
    db.close();
  }, [id, text]);
}

// A TCP port nobody listens on now, on 127.0.0.1.
function freePort() {
  const net = require('net');
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// The app's own dialog (app/components/dialog.rs) in place of confirm() and
// prompt(): waits for it, reads its question, types `text` when it asks for
// one, then presses its first button (`accept`) or "Hủy"/"Cancel", and
// waits until it closes or asks the next question. Returns the question.
async function answerDialog(page, { accept = true, text } = {}) {
  const dialog = page.getByRole('dialog').and(page.locator('dialog.app-dialog'));
  await expect(dialog).toBeVisible();
  const question = await dialog.locator('.app-dialog-text').textContent();
  if (text !== undefined) await dialog.getByRole('textbox').fill(text);
  if (accept) await dialog.locator('button[type=submit]').click();
  else await dialog.getByRole('button', { name: /^(Hủy|Cancel)$/ }).click();
  // Answered: the dialog closes, or shows the next question asked meanwhile.
  await expect
    .poll(async () => ((await dialog.isVisible()) ? dialog.locator('.app-dialog-text').textContent() : null))
    .not.toBe(question);
  return question;
}

module.exports = {
  answerDialog,
  freePort,
  KEYS,
  TARGET_IDS,
  STATUS_WORDS,
  UI,
  PATHS,
  fixtureText,
  seedStorage,
  seedWorkspace,
  card,
  statusOf,
  expectNineTargets,
  expectStatus,
  setAsOf,
  localStorageEntries,
  storedEntries,
  storedRecords,
  writeStoredWorkspace,
};
