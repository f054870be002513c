// End-to-end: the page as `cargo xtask dist` ships it. The single file from
// disk with no network; dist/ under a strict Content-Security-Policy; the
// banner that says why when the WebAssembly cannot load or compile; offline
// after a first visit (the service worker); a sandboxed iframe, where there
// is no service worker and nothing may throw.
//
// Run by `cargo xtask test`; alone: `npm ci --prefix tests/e2e`, then
// `node --test tests/e2e/ship.spec.mjs` after a `cargo xtask dist`.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import {
  collectErrors,
  dist,
  launchChromium,
  runAndWait,
  startServer,
  stopServer,
  waitForText,
  waitUntilIdle,
} from "./support.mjs";

/** The policy the README gives instructors (xtask/src/dist.rs: STRICT_CSP). */
const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";

/**
 * A policy that restricts everything, as README says to write it: scripts as
 * above, the rest from the site, Wikipedia for the exercise.
 */
const FULL_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self' https://*.wikipedia.org; object-src 'none'; base-uri 'none'";

const TEST_OPTIONS = { timeout: 60_000 };

let browser;
let folder;

before(async () => {
  for (const name of ["index.html", "sw.js", "awaitable.html"]) {
    await stat(path.join(dist, name)).catch(() => {
      throw new Error(`dist/${name} is missing: build the page first (cargo xtask dist)`);
    });
  }
  browser = await launchChromium();
  folder = await mkdtemp(path.join(os.tmpdir(), "awaitable-ship-"));
});

after(async () => {
  await browser?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** A context that records the page's CSP violations in `window.violations`. */
async function newContext() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  return context;
}

/** Course cells (a) and (b), then cell 3 (`await exemple()`) prints. */
async function runCourseCell(page) {
  assert.equal(await page.getByTestId("editor-3").inputValue(), "await exemple()");
  await runAndWait(page, 1);
  await runAndWait(page, 3);
  await waitForText(page, "output-3", "Nous essayons les coroutines.");
}

/** The #panic banner's text, once it shows. */
async function bannerText(page) {
  await page.locator("#panic").waitFor({ state: "visible", timeout: 15_000 });
  return page.locator("#panic").textContent();
}

test("the single file runs a course cell from file://, with every network request refused", TEST_OPTIONS, async () => {
  const file = path.join(folder, "awaitable.html");
  await copyFile(path.join(dist, "awaitable.html"), file);
  const context = await newContext();
  await context.setOffline(true);
  const refused = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    refused.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = collectErrors(page);
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  await waitUntilIdle(page);
  await runCourseCell(page);
  assert.equal(await page.locator("#panic").isHidden(), true);
  assert.deepEqual(refused, []);
  // The file itself, and nothing else but data: URLs.
  assert.deepEqual(requests.filter((url) => !url.startsWith("data:")), [pathToFileURL(file).href]);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("dist/ under a strict Content-Security-Policy runs a cell with no violation", TEST_OPTIONS, async (t) => {
  for (const policy of [STRICT_CSP, FULL_CSP]) {
    const server = await startServer({ headers: { "Content-Security-Policy": policy } });
    t.after(() => stopServer(server));
    const context = await newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    const response = await page.goto(server.url);
    assert.equal(response.headers()["content-security-policy"], policy);
    await waitUntilIdle(page);
    // No inline script is left to allow.
    assert.equal(await page.locator("script:not([src])").count(), 0);
    await runCourseCell(page);
    // The service worker is allowed too.
    await page.evaluate(() => navigator.serviceWorker.ready);
    assert.equal(await page.locator("#panic").isHidden(), true);
    assert.deepEqual(await page.evaluate(() => window.violations), [], policy);
    assert.deepEqual(errors, [], policy);
    await context.close();
  }
});

test("when the WebAssembly cannot load or compile, the banner says why, in French and English", TEST_OPTIONS, async (t) => {
  const cases = [
    {
      why: "a policy without 'wasm-unsafe-eval'",
      headers: { "Content-Security-Policy": "script-src 'self'" },
      expected: [
        /Le navigateur a refusé de compiler le WebAssembly : la Content-Security-Policy de la page doit autoriser 'wasm-unsafe-eval'/,
        /The browser refused to compile the WebAssembly: the page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src/,
      ],
    },
    {
      why: "a policy whose connect-src blocks the .wasm",
      headers: { "Content-Security-Policy": `${STRICT_CSP}; connect-src 'none'` },
      expected: [
        /Le fichier WebAssembly n'a pas pu être chargé : .*connect-src/,
        /The WebAssembly file could not be loaded: .*connect-src/,
      ],
    },
    {
      why: "a .wasm answered with 404",
      headers: {},
      notFound: true,
      expected: [
        /Le fichier WebAssembly n'a pas pu être chargé : HTTP 404/,
        /The WebAssembly file could not be loaded: HTTP 404/,
      ],
    },
  ];
  for (const { why, headers, notFound, expected } of cases) {
    const server = await startServer({ headers });
    t.after(() => stopServer(server));
    const context = await newContext();
    if (notFound) await context.route("**/*.wasm", (route) => route.fulfill({ status: 404, body: "not found" }));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url);
    const text = await bannerText(page);
    for (const pattern of expected) assert.match(text, pattern, why);
    // The app never started; the reason was reported once, as an error.
    assert.equal(await page.getByTestId("kernel-status").count(), 0, why);
    assert.ok(errors.some((error) => expected[1].test(error)), `${why}: ${errors.join("\n")}`);
    await context.close();
  }
});

test("after a first visit, the page reloads and runs a cell offline, its server gone", TEST_OPTIONS, async (t) => {
  const server = await startServer();
  t.after(() => stopServer(server));
  const context = await newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url + "?lang=en");
  await waitUntilIdle(page);
  // The service worker is active, so its install filled this build's cache.
  const cached = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const names = (await caches.keys()).filter((name) => name.startsWith("awaitable-"));
    const cache = await caches.open(names[0]);
    return { names, files: (await cache.keys()).map((request) => new URL(request.url).pathname) };
  });
  assert.equal(cached.names.length, 1);
  assert.ok(cached.files.includes("/index.html"), cached.files.join(" "));
  assert.ok(cached.files.some((file) => file.endsWith(".wasm")), cached.files.join(" "));

  await stopServer(server);
  await context.setOffline(true);
  await page.reload();
  await waitUntilIdle(page);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  assert.equal(await page.getByTestId("editor-3").inputValue(), "await exemple()");
  await runAndWait(page, 1);
  await runAndWait(page, 3);
  // The code is the same in both languages.
  await waitForText(page, "output-3", "Nous essayons les coroutines.");
  assert.deepEqual(errors, []);
  await context.close();
});

test("in a sandboxed iframe (an opaque origin), no service worker and nothing throws", TEST_OPTIONS, async (t) => {
  const server = await startServer({
    pages: {
      "/course.html": '<!doctype html><title>Course</title><link rel="icon" href="data:,"><iframe sandbox="allow-scripts" src="./index.html" width="900" height="700"></iframe>',
    },
  });
  t.after(() => stopServer(server));
  const context = await newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url + "course.html");
  const frame = page.frameLocator("iframe");
  await frame.locator('[data-testid="kernel-status"][data-status="idle"]').waitFor({ timeout: 15_000 });
  await frame.getByTestId("run-1").click();
  await frame.getByTestId("count-1").filter({ hasText: "[1]" }).waitFor();
  assert.equal(await frame.locator("#panic").isHidden(), true);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("in a sandboxed iframe served without CORS, the page says what the server must send", TEST_OPTIONS, async (t) => {
  const server = await startServer({
    cors: false,
    pages: {
      "/course.html": '<!doctype html><title>Course</title><link rel="icon" href="data:,"><iframe sandbox="allow-scripts" src="./index.html" width="900" height="700"></iframe>',
    },
  });
  t.after(() => stopServer(server));
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(server.url + "course.html");
  const banner = page.frameLocator("iframe").locator("#panic-message");
  await banner.waitFor({ timeout: 15_000 });
  const text = await banner.textContent();
  assert.match(text, /Un script de la page n'a pas pu être chargé/);
  assert.match(text, /Access-Control-Allow-Origin: \*/);
  assert.match(text, /awaitable\.html/);
  await context.close();
});
