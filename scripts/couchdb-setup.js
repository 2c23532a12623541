#!/usr/bin/env node
// Prepares a province's CouchDB database for Coop Plan's sync, idempotently
// (run it again after an upgrade of the app; it changes only what differs):
//   1. creates the database if it is missing;
//   2. writes its `_security` object (couchdb/security.json): only members —
//      users with the role `province` or `manager` — may read or write it;
//   3. installs `_design/coop-plan` with couchdb/validate_doc_update.js, which
//      lets a manager write only her own cooperative's documents and the
//      province role write the plan (read that file for the rules);
//   4. optionally creates or updates users (`--users file.json`: a list of
//      {"name", "password", "roles"}, e.g. roles ["manager", "unit:htx-12"]);
//   5. optionally allows the app's origin through CORS with credentials
//      (`--cors https://app.example.vn`).
//
// usage: COUCH_ADMIN=admin:password node scripts/couchdb-setup.js \
//          --url https://couch.example.vn:6984 --db coop-plan-haiphong \
//          [--users users.json [--reset-passwords yes]] [--cors https://coop-plan.example.vn]
// (`make couchdb-setup URL=… DB=… [USERS=…] [CORS=…]` runs the same.) The
// admin's credentials come from COUCH_ADMIN or from the URL
// (https://admin:password@host), never from the app.
'use strict';
const fs = require('fs');
const path = require('path');

const DESIGN_ID = '_design/coop-plan';
const ROOT = path.resolve(__dirname, '..');

function options(argv) {
  const found = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
    found[arg.slice(2)] = value;
    i++;
  }
  for (const required of ['url', 'db']) {
    if (!found[required]) throw new Error(`--${required} is required`);
  }
  return found;
}

// The server's address without credentials, and a Basic authorization
// header from the URL's user info or COUCH_ADMIN.
function server(address) {
  const url = new URL(address);
  let user = decodeURIComponent(url.username);
  let password = decodeURIComponent(url.password);
  if (!user && process.env.COUCH_ADMIN) {
    const [name, ...rest] = process.env.COUCH_ADMIN.split(':');
    user = name;
    password = rest.join(':');
  }
  url.username = '';
  url.password = '';
  const base = url.toString().replace(/\/+$/, '');
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (user) headers.Authorization = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  return { base, headers };
}

async function call(couch, method, where, body) {
  const response = await fetch(couch.base + where, {
    method,
    headers: couch.headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (_) {
    json = { raw: text };
  }
  return { status: response.status, json };
}

function fail(step, answer) {
  const reason = answer.json && (answer.json.reason || answer.json.error || answer.json.raw);
  throw new Error(`${step}: HTTP ${answer.status}${reason ? ` (${reason})` : ''}`);
}

// Writes `doc` under `where` unless the stored one already has the same
// fields; keeps the stored `_rev` so that the write is an update.
async function upsert(couch, where, doc, label) {
  const stored = await call(couch, 'GET', where);
  if (stored.status === 200) {
    const { _rev, ...rest } = stored.json;
    if (sameFields(rest, doc)) {
      console.log(`[couchdb-setup] ${label}: already up to date`);
      return;
    }
    doc = { ...doc, _rev };
  } else if (stored.status !== 404) {
    fail(`reading ${label}`, stored);
  }
  const written = await call(couch, 'PUT', where, doc);
  if (written.status !== 201 && written.status !== 200) fail(`writing ${label}`, written);
  console.log(`[couchdb-setup] ${label}: written`);
}

function sameFields(stored, wanted) {
  return Object.keys(wanted).every(
    (key) => JSON.stringify(stored[key]) === JSON.stringify(wanted[key]),
  );
}

async function main() {
  const opts = options(process.argv.slice(2));
  const couch = server(opts.url);
  const db = encodeURIComponent(opts.db);

  const hello = await call(couch, 'GET', '/');
  if (hello.status !== 200) fail(`reaching ${couch.base}`, hello);
  console.log(`[couchdb-setup] server: ${couch.base} (${hello.json && hello.json.version ? `CouchDB-protocol ${hello.json.version}` : 'answering'})`);

  const created = await call(couch, 'PUT', `/${db}`);
  if (created.status === 201 || created.status === 202) {
    console.log(`[couchdb-setup] database ${opts.db}: created`);
  } else if (created.status === 412) {
    console.log(`[couchdb-setup] database ${opts.db}: exists`);
  } else {
    fail(`creating database ${opts.db}`, created);
  }

  const security = JSON.parse(fs.readFileSync(path.join(ROOT, 'couchdb', 'security.json'), 'utf8'));
  const secured = await call(couch, 'PUT', `/${db}/_security`, security);
  if (secured.status !== 200) fail('writing _security', secured);
  console.log('[couchdb-setup] _security: members are the roles province and manager');

  // The file's opening comment stays in the repo: CouchDB wants the source
  // of one function expression and nothing before it.
  const validate = fs.readFileSync(path.join(ROOT, 'couchdb', 'validate_doc_update.js'), 'utf8')
    .replace(/^(\s*\/\/[^\n]*\n)+/, '')
    .trim();
  await upsert(couch, `/${db}/${DESIGN_ID}`, {
    _id: DESIGN_ID,
    language: 'javascript',
    validate_doc_update: validate,
  }, DESIGN_ID);

  if (opts.users) {
    const users = JSON.parse(fs.readFileSync(opts.users, 'utf8'));
    if (!Array.isArray(users)) throw new Error(`${opts.users}: expected a list of users`);
    const usersDb = await call(couch, 'PUT', '/_users');
    if (![201, 202, 412].includes(usersDb.status)) fail('creating _users', usersDb);
    for (const user of users) {
      if (typeof user.name !== 'string' || !user.name || !Array.isArray(user.roles)) {
        throw new Error(`${opts.users}: each user needs a name and a list of roles`);
      }
      const where = `/_users/${encodeURIComponent(`org.couchdb.user:${user.name}`)}`;
      const stored = await call(couch, 'GET', where);
      const doc = { _id: `org.couchdb.user:${user.name}`, name: user.name, type: 'user', roles: user.roles };
      if (stored.status === 200) {
        // An existing user keeps her password (a new one would end her
        // sessions) unless --reset-passwords is given.
        const reset = opts['reset-passwords'] === 'yes' && typeof user.password === 'string';
        if (!reset && sameFields(stored.json, { roles: user.roles })) {
          console.log(`[couchdb-setup] user ${user.name}: already up to date`);
          continue;
        }
        doc._rev = stored.json._rev;
        if (reset) {
          doc.password = user.password;
        } else {
          for (const key of ['password_scheme', 'iterations', 'derived_key', 'salt', 'pbkdf2_prf']) {
            if (stored.json[key] !== undefined) doc[key] = stored.json[key];
          }
        }
      } else if (stored.status === 404) {
        if (typeof user.password !== 'string' || !user.password) {
          throw new Error(`${opts.users}: the new user ${user.name} needs a password`);
        }
        doc.password = user.password;
      } else {
        fail(`reading user ${user.name}`, stored);
      }
      const written = await call(couch, 'PUT', where, doc);
      if (written.status !== 201 && written.status !== 200) fail(`writing user ${user.name}`, written);
      console.log(`[couchdb-setup] user ${user.name}: roles ${user.roles.join(', ')}`);
    }
  }

  if (opts.cors) {
    const settings = [
      ['httpd', 'enable_cors', 'true'],
      ['chttpd', 'enable_cors', 'true'],
      ['cors', 'origins', opts.cors],
      ['cors', 'credentials', 'true'],
      ['cors', 'methods', 'GET, PUT, POST, HEAD, DELETE'],
      ['cors', 'headers', 'accept, authorization, content-type, origin, referer'],
    ];
    for (const [section, key, value] of settings) {
      // CouchDB 3.x: /_node/_local/_config; older servers and the test
      // stand-in: /_config.
      let answer = await call(couch, 'PUT', `/_node/_local/_config/${section}/${key}`, value);
      if (answer.status === 404 || answer.status === 400) {
        answer = await call(couch, 'PUT', `/_config/${section}/${key}`, value);
      }
      if (answer.status !== 200) fail(`setting ${section}/${key}`, answer);
    }
    console.log(`[couchdb-setup] CORS: ${opts.cors} with credentials`);
  }
  console.log('[couchdb-setup] done');
}

main().catch((error) => {
  console.error(`[couchdb-setup] ${error.message}`);
  process.exit(1);
});
