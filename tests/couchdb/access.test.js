// Who may write what in a province database set up by
// scripts/couchdb-setup.js (run by scripts/couchdb-test.sh against the
// CouchDB stand-in): members only, each manager her own cooperative's
// documents, the province office the plan, ids that match their contents.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const URL_BASE = process.env.COUCH_URL;
const DB = process.env.COUCH_DB;
const USERS = require('./users.json');
const password = (name) => USERS.find((u) => u.name === name).password;

async function request(method, where, { cookie, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (cookie) headers.Cookie = cookie;
  const response = await fetch(URL_BASE + where, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null, headers: response.headers };
}

// Logs in as the app does: POST /_session, the browser keeps the cookie.
async function login(name) {
  const answer = await request('POST', '/_session', { body: { name, password: password(name) } });
  assert.equal(answer.status, 200, `login of ${name}`);
  const cookie = answer.headers.get('set-cookie');
  assert.match(cookie, /AuthSession=/);
  return cookie.split(';')[0];
}

const unitDoc = (unit, extra = {}) => ({
  _id: `haiphong:unit:${unit}`,
  workspace: 'haiphong',
  type: 'unit',
  unit,
  schema_version: 2,
  data: { id: unit, name: `HTX ${unit}`, kind: 'htx' },
  ...extra,
});
const yearDoc = (unit, year) => ({
  _id: `haiphong:year:${unit}:${year}`,
  workspace: 'haiphong',
  type: 'year',
  unit,
  year,
  schema_version: 2,
  data: { year, members: 12 },
});
const planDoc = () => ({
  _id: 'haiphong:plan',
  workspace: 'haiphong',
  type: 'plan',
  schema_version: 2,
  data: { id: 'kh-135-2018' },
});

const put = (doc, cookie) => request('PUT', `/${DB}/${encodeURIComponent(doc._id)}`, { cookie, body: doc });

test('only members read or write the database', async () => {
  assert.equal((await request('GET', `/${DB}/_all_docs`)).status, 401);
  const outsider = await login('outsider');
  assert.equal((await request('GET', `/${DB}/_all_docs`, { cookie: outsider })).status, 403);
  assert.equal((await put(unitDoc('htx-9'), outsider)).status, 403);
  const lan = await login('lan');
  assert.equal((await request('GET', `/${DB}/_all_docs`, { cookie: lan })).status, 200);
});

test('a manager writes her own cooperative and no other', async () => {
  const lan = await login('lan');
  const own = await put(unitDoc('htx-1'), lan);
  assert.equal(own.status, 201, JSON.stringify(own.json));
  assert.equal((await put(yearDoc('htx-1', 2019), lan)).status, 201);

  const other = await put(unitDoc('htx-2'), lan);
  assert.equal(other.status, 403);
  assert.equal(other.json.error, 'forbidden');
  assert.match(other.json.reason, /own cooperative.*htx-2/);
  assert.equal((await put(yearDoc('htx-2', 2019), lan)).status, 403);
  // The plan is the province's.
  const plan = await put(planDoc(), lan);
  assert.equal(plan.status, 403);
  assert.match(plan.json.reason, /province/);
});

test('the province writes the plan and any cooperative; nobody but an admin the design document', async () => {
  const province = await login('so-khdt');
  assert.equal((await put(planDoc(), province)).status, 201);
  assert.equal((await put(yearDoc('htx-2', 2020), province)).status, 201);
  const design = await request('GET', `/${DB}/_design/coop-plan`, { cookie: province });
  assert.equal(design.status, 200);
  assert.match(design.json.validate_doc_update, /forbidden/);
  const changed = await put({ ...design.json, validate_doc_update: 'function () {}' }, province);
  assert.equal(changed.status, 403);
});

test("the province's aggregate is the province's to write; a manager reads it", async () => {
  const aggregate = {
    _id: 'haiphong:aggregate',
    workspace: 'haiphong',
    type: 'aggregate',
    schema_version: 3,
    data: { as_of: '2020-12-31', targets: [] },
  };
  const lan = await login('lan');
  const refused = await put(aggregate, lan);
  assert.equal(refused.status, 403);
  assert.equal(refused.json.reason, 'Only the province office may change the aggregate.');
  const province = await login('so-khdt');
  assert.equal((await put(aggregate, province)).status, 201);
  const read = await request('GET', `/${DB}/haiphong%3Aaggregate`, { cookie: lan });
  assert.equal(read.status, 200);
  assert.equal(read.json.data.as_of, '2020-12-31');
});

test('a document cannot claim one cooperative in its id and another in its fields', async () => {
  const lan = await login('lan');
  // Her own unit in the fields, another's in the id.
  const disguised = await put({ ...unitDoc('htx-1'), _id: 'haiphong:unit:htx-2' }, lan);
  assert.equal(disguised.status, 403);
  assert.match(disguised.json.reason, /does not match/);
  const noVersion = unitDoc('htx-1');
  delete noVersion.schema_version;
  noVersion._id = 'haiphong:unit:htx-1-b';
  noVersion.unit = 'htx-1-b';
  assert.equal((await put(noVersion, lan)).status, 403);
  const unknown = await put({ _id: 'haiphong:secret', workspace: 'haiphong', type: 'secret', schema_version: 2 }, lan);
  assert.equal(unknown.status, 403);
});

test('a manager cannot move a document to her cooperative, nor delete another\'s', async () => {
  const province = await login('so-khdt');
  const lan = await login('lan');
  const minhUnit = unitDoc('htx-2');
  const created = await put(minhUnit, province);
  assert.equal(created.status, 201);
  const rev = created.json.rev;

  const deleted = await request('DELETE', `/${DB}/${encodeURIComponent(minhUnit._id)}?rev=${rev}`, { cookie: lan });
  assert.equal(deleted.status, 403);
  const moved = await put({ ...minhUnit, _rev: rev, unit: 'htx-1' }, lan);
  assert.equal(moved.status, 403);
  const still = await request('GET', `/${DB}/${encodeURIComponent(minhUnit._id)}`, { cookie: province });
  assert.equal(still.status, 200);
  assert.equal(still.json._rev, rev);

  // Her own she may delete.
  const mine = await request('GET', `/${DB}/${encodeURIComponent('haiphong:year:htx-1:2019')}`, { cookie: lan });
  assert.equal(mine.status, 200);
  const gone = await request('DELETE', `/${DB}/${encodeURIComponent(mine.json._id)}?rev=${mine.json._rev}`, { cookie: lan });
  assert.equal(gone.status, 200);
});

test('_bulk_docs refuses each forbidden document and keeps the others', async () => {
  const minh = await login('minh');
  const answer = await request('POST', `/${DB}/_bulk_docs`, {
    cookie: minh,
    body: { docs: [yearDoc('htx-2', 2021), yearDoc('htx-1', 2021), yearDoc('htx-2', 2022)] },
  });
  assert.equal(answer.status, 201);
  assert.deepEqual(answer.json.map((r) => r.id), [
    'haiphong:year:htx-2:2021',
    'haiphong:year:htx-1:2021',
    'haiphong:year:htx-2:2022',
  ]);
  assert.ok(answer.json[0].rev && !answer.json[0].error);
  assert.equal(answer.json[1].error, 'forbidden');
  assert.ok(answer.json[2].rev && !answer.json[2].error);
});

test('the setup script can be run again: nothing stored is lost', async () => {
  const province = await login('so-khdt');
  const before = await request('GET', `/${DB}/_all_docs`, { cookie: province });
  const design = await request('GET', `/${DB}/_design/coop-plan`, { cookie: province });
  const out = execFileSync('node', [
    path.join(__dirname, '..', '..', 'scripts', 'couchdb-setup.js'),
    '--url', URL_BASE, '--db', DB, '--users', path.join(__dirname, 'users.json'),
  ], { env: process.env, encoding: 'utf8' });
  assert.match(out, /_design\/coop-plan: already up to date/);
  assert.match(out, /database coop-plan-test: exists/);
  const after = await request('GET', `/${DB}/_all_docs`, { cookie: province });
  assert.deepEqual(after.json.rows, before.json.rows);
  const designAfter = await request('GET', `/${DB}/_design/coop-plan`, { cookie: province });
  assert.equal(designAfter.json._rev, design.json._rev);
  // Users can still log in with their passwords.
  await login('lan');
});
