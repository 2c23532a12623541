#!/usr/bin/env node
// A small static server for the built app (dist/), used by `make run`,
// the Playwright tests and `make bench`. No dependencies.
//
//   node tests/e2e/server.js [--dir dist] [--port 8080] [--host 127.0.0.1] [--gzip]
//
// - Serves files with the right types (application/wasm lets the browser
//   compile while downloading; the manifest gets its own type).
// - SPA fallback: a path with no file extension that names no file gets
//   index.html, because the app routes by path (/data, /plan, …).
// - With --gzip (`make bench`), text and wasm go gzip-compressed (level 9)
//   to a browser that accepts it, as a static host would send them, so
//   that a throttled first visit downloads what a user's would.
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

const server = http.createServer((req, res) => {
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
