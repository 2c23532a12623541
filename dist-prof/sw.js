// Coop Plan service worker: after the first visit the app loads with no
// network, in a reload and in a new tab.
//
// - Install: precache the shell ("/", "/index.html"), the hashed .js, .wasm
//   and .css files the built index.html references (Trunk hashes their names
//   per build, so they are read from index.html itself), the import's Web
//   Worker (its loader, glue and wasm: Trunk does not hash a worker's names,
//   nor name them in index.html), the manifest and the icons.
//   A new build's worker installs in the background while the old one keeps
//   serving, then waits: the app shows "A new version is ready — reload",
//   and its button has boot.js post {type: 'skip-waiting'} here.
// - Activate: delete the caches of older builds. The cache name carries a
//   build id that scripts/stamp-sw.sh writes over the placeholder below
//   after each build.
// - Fetch: page navigations get the cached index.html (the app routes by
//   path: /data, /plan, …), the network only when there is none, so a
//   release never makes the page wait for a new .wasm; every other
//   same-origin GET is served from the cache first.
//
// It never touches the app's data: that lives in localStorage, which a
// service worker cannot reach and a cache change does not clear.
const BUILD_ID = '4591c038a4dc7d5d';
const CACHE_PREFIX = 'coop-plan-';
const CACHE = CACHE_PREFIX + BUILD_ID;
const STATIC_FILES = [
  '/import-worker_loader.js',
  '/import-worker.js',
  '/import-worker_bg.wasm',
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
];

// Same-origin paths of the .js, .wasm and .css files index.html names, in
// href/src attributes or in Trunk's inline loader script.
function assetsOf(html) {
  const found = new Set();
  const pattern = /["'(]((?:\.?\/)?[A-Za-z0-9_\-./]+\.(?:js|wasm|css))(?:\?[^"')]*)?["')]/g;
  let match;
  while ((match = pattern.exec(html)) !== null) {
    const path = match[1];
    if (path.startsWith('//')) continue;
    found.add(new URL(path, self.location.origin + '/').pathname);
  }
  found.delete('/sw.js');
  return [...found];
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch('/index.html', { cache: 'no-store' });
      if (!response.ok) throw new Error('index.html: HTTP ' + response.status);
      const html = await response.clone().text();
      await cache.put('/index.html', response.clone());
      await cache.put('/', response);
      const requests = [...assetsOf(html), ...STATIC_FILES].map(
        (path) => new Request(path, { cache: 'no-store' }),
      );
      await cache.addAll(requests);
      // No skipWaiting: the page that runs the old build keeps its worker
      // until the user reloads from the app's banner.
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

async function shell() {
  const cache = await caches.open(CACHE);
  return (await cache.match('/index.html')) || (await cache.match('/'));
}

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

// The cached shell, whatever the path (the server does the same: a path
// with no file extension gets index.html); a file's path, such as
// /sw.js or an icon, as any other request.
async function navigate(request) {
  const path = new URL(request.url).pathname;
  if (/\.[A-Za-z0-9]+$/.test(path)) return cacheFirst(request);
  const cached = await shell();
  return cached || fetch(request);
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    cache.put(request, response.clone()).catch(() => {});
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The sync's requests go to the network, never to the cache: the
  // province's CouchDB under /couchdb/ (couchdb/README.md), and whatever
  // the app asks for with `cache: 'no-store'` (src/app/sync/http.rs).
  if (url.pathname.startsWith('/couchdb/') || request.cache === 'no-store') return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
