// The KAM Radar service worker: keeps the app's own files (never the user's data, which lives
// in localStorage) so the app starts and works offline. This is the template of dist/sw.js:
// .ci/service-worker.mjs, trunk's post_build hook, fills in BUILD below with the build's
// version and file list. One cache per build; the page asks before a new build takes over.
const BUILD = __BUILD__;

// Several copies of the app may share an origin under different paths: each keeps to its own.
const PREFIX = `kam-radar ${self.registration.scope} `;
const CACHE = PREFIX + BUILD.version;
const INDEX = new URL('./index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  // 'no-cache' so an HTTP cache cannot slip the previous build's files into this build's cache.
  const requests = BUILD.files.map((file) => new Request(file, { cache: 'no-cache' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      // A first install serves the open page at once; an update only gets here after the
      // user chose to reload (or once every tab of the old build has closed).
      .then(() => self.clients.claim()),
  );
});

// Posted by public/boot.js when the user clicks "Reload" on the update banner.
self.addEventListener('message', (event) => {
  if (event.data === 'skipWaiting') self.skipWaiting();
});

// The app's start page: the scope itself or its index.html, with any query string. Other pages
// under the scope are not the app's and go to the network.
function isStartPage(url) {
  const page = url.origin + url.pathname;
  return page === self.registration.scope || page === INDEX;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const cached =
    request.mode === 'navigate' && isStartPage(url)
      ? caches.open(CACHE).then((cache) => cache.match(INDEX))
      : caches.open(CACHE).then((cache) => cache.match(request));
  event.respondWith(cached.then((response) => response ?? fetch(request)));
});
