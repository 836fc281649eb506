// The service worker's logic (the build puts VERSION, SHELL, SOON and LATER, the staged files,
// above it).
//
// Install: caches this build's files under one cache, except the other pages' files (LATER),
// which join that cache when the app first fetches them (its idle preload, or opening the page):
// installing runs while the first screen is drawn. Activate: deletes every other build's
// cache and takes over open pages. Message `keep-soon`: the app has drawn its first screen
// and fetched its interactive parts (SOON); they join the cache (from the browser's cache,
// mostly), so a reader who opened once writes offline. Fetch: the app's own files come from the cache; a page
// address (an agreement, `/a/…`) goes to the network and, without one, gets the cached shell,
// so the app opens offline at its own address and shows the device copy. The API, sign-in and
// sync routes are never cached: they carry the person's data and sessions.
const CACHE = `samrad-shell-${VERSION}`;
const INDEX = SHELL.find((f) => f.endsWith('/index.html')) ?? '/index.html';
const PASS = ['/api/', '/sync/', '/join'];
const LATER_FILES = new Set([...SOON, ...LATER]);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('samrad-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || PASS.some((p) => url.pathname.startsWith(p))) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match(INDEX, { cacheName: CACHE })));
    return;
  }
  if (LATER_FILES.has(url.pathname)) {
    event.respondWith(kept(event, request));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)));
});

self.addEventListener('message', (event) => {
  if (event.data === 'keep-soon') event.waitUntil(keepAll(SOON));
});

/** Keeps each of `files` not kept yet; one that cannot be fetched is left for its first use. */
async function keepAll(files) {
  const cache = await caches.open(CACHE);
  for (const file of files) {
    if (!(await cache.match(file))) await cache.add(file).catch(() => {});
  }
}

/** A page's file from the cache, or from the network and then kept (offline, a file never
 * fetched before fails: the app says the page cannot be fetched). */
async function kept(event, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) event.waitUntil(cache.put(request, response.clone()));
  return response;
}
