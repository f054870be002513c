// Awaitable's service worker: the hosted page works offline after a first
// visit. Written by `cargo xtask dist` (xtask/src/dist/sw.js) with this build's
// files; a new build has a new cache name, hence a new sw.js that the browser
// installs beside the old one.
//
// Updates never change a page mid-lesson: the page loads everything it needs
// when it starts, and the worker never reloads it. The page itself is fetched
// network-first, so online the next load is the newest build; offline, the
// cached page of the active worker's build, with that build's hashed files
// (cache-first: a hashed name never changes content). A new worker waits
// (no skipWaiting) until no page of the old build is open; only then, on
// activation, does it delete the old build's cache.

const CACHE = "__CACHE__";
const FILES = __FILES__;
const PAGE = "./index.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        FILES.map(async (file) => {
          // A hashed name never changes content: the HTTP cache may answer
          // (the page just downloaded it). The page itself is revalidated.
          const response = await fetch(file, { cache: file === PAGE ? "no-cache" : "default" });
          if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
          // A redirected response cannot answer a navigation: keep its body only.
          await cache.put(file, response.redirected ? new Response(await response.blob(), response) : response);
        }),
      );
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("awaitable-") && name !== CACHE) await caches.delete(name);
      }
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Wikipedia and anything else not ours: the browser's own way.
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, url));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

async function networkFirst(request, url) {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    // The page under its folder's name ("…/awaitable/?lang=en").
    if (url.pathname.endsWith("/")) {
      const page = await cache.match(PAGE);
      if (page) return page;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request)) ?? fetch(request);
}
