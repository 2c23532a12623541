// Coop Plan's page script: starts the app and the service worker, and
// tells the app when a new build is ready.
//
// It is a file (index.html's Content-Security-Policy allows no inline
// script), so Trunk's own inline loader is not used: Trunk.toml's
// `pattern_script` leaves the names of this build's .js and .wasm in
// <meta name="coop-plan-app">, and this module loads them.
//
// Updates (sw.js): a new build installs in the background and waits. Once
// it is ready, <html data-update="ready"> is set and the window gets a
// "coop-plan:update-ready" event; the app shows its banner. When the user
// asks for it, the app sends "coop-plan:update-apply": the waiting worker
// is told to take over, and this tab reloads once it has.

// The "opening your data" line in index.html, in the user's language
// until the app has read its data (IndexedDB answers asynchronously).
try {
  const settings = JSON.parse(localStorage.getItem('coop-plan:settings')) || {};
  const loading = document.querySelector('.app-loading');
  if (settings.lang === 'en' && loading) loading.textContent = 'Opening your data…';
} catch (e) {
  // The Vietnamese text stays.
}

if ('serviceWorker' in navigator) {
  let reloading = false;
  const announce = (registration) => {
    // No controller: the first visit, the worker that installs is the only one.
    if (!registration.waiting || !navigator.serviceWorker.controller) return;
    document.documentElement.dataset.update = 'ready';
    window.dispatchEvent(new Event('coop-plan:update-ready'));
  };
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then((registration) => {
        announce(registration);
        registration.addEventListener('updatefound', () => {
          const worker = registration.installing;
          if (!worker) return;
          worker.addEventListener('statechange', () => {
            if (worker.state === 'installed') announce(registration);
          });
        });
        // A tab left open for days looks for a new build when it is shown again.
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'visible') registration.update().catch(() => {});
        });
        window.addEventListener('coop-plan:update-apply', () => {
          reloading = true;
          if (registration.waiting) {
            registration.waiting.postMessage({ type: 'skip-waiting' });
          } else {
            // Another tab has already switched to the new build.
            window.location.reload();
          }
        });
      })
      .catch((error) => console.warn('Coop Plan: service worker not registered', error));
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (reloading) window.location.reload();
    });
  });
}

const app = document.querySelector('meta[name="coop-plan-app"]');
if (app) {
  const bindings = await import(app.dataset.js);
  // The `bench` build's timing hooks (make bench) are called from here, as
  // with Trunk's own loader; set before the app starts, so they are there
  // as soon as its first page is.
  window.wasmBindings = bindings;
  await bindings.default({ module_or_path: app.dataset.wasm });
} else {
  console.error('Coop Plan: index.html names no app to load (Trunk.toml pattern_script)');
}
