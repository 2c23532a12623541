#!/usr/bin/env node
// A small static server for the built app (dist/), used by `make run`,
// the Playwright tests and `make bench`. No dependencies.
//
//   node tests/e2e/server.js [--dir dist] [--port 8080] [--host 127.0.0.1] [--gzip]
//                            [--proxy /couchdb/=http://127.0.0.1:5984/]
//
// - Serves files with the right types (application/wasm lets the browser
//   compile while downloading; the manifest gets its own type).
// - SPA fallback: a path with no file extension that names no file gets
//   index.html, because the app routes by path (/data, /plan, …).
// - With --gzip (`make bench`), text and wasm go gzip-compressed (level 9)
//   to a browser that accepts it, as a static host would send them, so
//   that a throttled first visit downloads what a user's would.
// - With --proxy PREFIX=TARGET (the sync's tests), a request whose path
//   starts with PREFIX goes to TARGET with the prefix replaced: method,
//   path and query, headers (Cookie, Content-Type…) and body as they came,
//   and the answer streamed back with its status and headers (Set-Cookie
//   too). That is the production setup's reverse proxy (couchdb/README.md:
//   the app and CouchDB under one origin), so the page's CSP keeps
//   `connect-src 'self'`. A target that does not answer gives 502.
// - index.html and sw.js are never cached by the browser's HTTP cache, so a
//   new build is seen at once; the hashed files may be cached for good.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

function option(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const root = path.resolve(option('dir', path.join(__dirname, '..', '..', 'dist')));
const port = Number(option('port', process.env.PORT || 8080));
const host = option('host', '127.0.0.1');
const gzip = process.argv.includes('--gzip');
const proxy = (() => {
  const spec = option('proxy', '');
  if (!spec) return null;
  const at = spec.indexOf('=');
  if (at <= 0) throw new Error('--proxy wants PREFIX=URL, for example /couchdb/=http://127.0.0.1:5984/');
  return { prefix: spec.slice(0, at), target: new URL(spec.slice(at + 1)) };
})();
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.webmanifest', '.svg', '.txt']);
// Compressed bodies by file and modification time: a file is compressed once.
const compressed = new Map();

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

function send(res, status, headers, body) {
  res.writeHead(status, headers);
  res.end(body);
}

function serveFile(req, res, file) {
  fs.stat(file, (err, stat) => {
    if (err || !stat.isFile()) {
      send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n');
      return;
    }
    const ext = path.extname(file).toLowerCase();
    const base = path.basename(file);
    const noCache = base === 'index.html' || base === 'sw.js';
    const headers = {
      'Content-Type': TYPES[ext] || 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': noCache ? 'no-cache' : 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    };
    if (base === 'sw.js') headers['Service-Worker-Allowed'] = '/';
    if (gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      const key = `${file}:${stat.mtimeMs}`;
      if (!compressed.has(key)) {
        compressed.set(key, require('zlib').gzipSync(fs.readFileSync(file), { level: 9 }));
      }
      const body = compressed.get(key);
      headers['Content-Encoding'] = 'gzip';
      headers['Content-Length'] = body.length;
      headers['Vary'] = 'Accept-Encoding';
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  });
}

// Forwards a request under the proxy's prefix and streams the answer back.
function forward(req, res) {
  const rest = req.url.slice(proxy.prefix.length);
  const base = proxy.target.pathname.endsWith('/') ? proxy.target.pathname : proxy.target.pathname + '/';
  const headers = { ...req.headers, host: proxy.target.host };
  const upstream = http.request(
    {
      hostname: proxy.target.hostname,
      port: proxy.target.port || 80,
      method: req.method,
      path: base + rest,
      headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode || 502, answer.rawHeaders);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) {
      send(res, 502, { 'Content-Type': 'application/json' },
        JSON.stringify({ error: 'bad_gateway', reason: 'The sync server does not answer.' }));
    } else {
      res.destroy();
    }
  });
  req.pipe(upstream);
}

const server = http.createServer((req, res) => {
  if (proxy && req.url.startsWith(proxy.prefix)) {
    forward(req, res);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, { Allow: 'GET, HEAD' }, '');
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    send(res, 400, {}, 'Bad request\n');
    return;
  }
  const file = path.normalize(path.join(root, pathname));
  if (file !== root && !file.startsWith(root + path.sep)) {
    send(res, 403, {}, 'Forbidden\n');
    return;
  }
  fs.stat(file, (err, stat) => {
    if (!err && stat.isFile()) return serveFile(req, res, file);
    if (!err && stat.isDirectory()) return serveFile(req, res, path.join(file, 'index.html'));
    if (path.extname(pathname) === '') return serveFile(req, res, path.join(root, 'index.html'));
    send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n');
  });
});

server.listen(port, host, () => {
  console.log(`Coop Plan: serving ${root} at http://${host}:${port}/`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
