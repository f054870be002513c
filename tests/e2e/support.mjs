// What the end-to-end specs share: the built page in dist/ served on
// loopback, Debian's Chromium, and waiting for what a person would see.

import { readFile, stat } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const dist = path.join(root, "dist");

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
};

/**
 * Serves dist/ on 127.0.0.1 at a free port, as a plain static host would.
 * `headers` are added to every answer (a Content-Security-Policy, say);
 * `pages` maps a path to extra HTML served there (a page embedding this one).
 * Files are sent with `Access-Control-Allow-Origin: *`, as GitHub Pages
 * does, unless `cors` is false: frames sandboxed without allow-same-origin
 * have an opaque origin and fetch the page's module and wasm with CORS.
 */
export async function startServer({ headers = {}, pages = {}, cors = true } = {}) {
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    if (Object.hasOwn(pages, url.pathname)) {
      response.writeHead(200, { ...headers, "Content-Type": CONTENT_TYPES[".html"] }).end(pages[url.pathname]);
      return;
    }
    const file = path.join(dist, path.normalize(decodeURIComponent(url.pathname)));
    const target = file.endsWith(path.sep) ? path.join(file, "index.html") : file;
    if (!target.startsWith(dist + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(target);
      const type = CONTENT_TYPES[path.extname(target)] ?? "application/octet-stream";
      const allow = cors ? { "Access-Control-Allow-Origin": "*" } : {};
      response.writeHead(200, { ...allow, ...headers, "Content-Type": type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.url = `http://127.0.0.1:${server.address().port}/`;
  return server;
}

/** Stops a server from `startServer` now, dropping its open connections. */
export async function stopServer(server) {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** Debian's Chromium, headless and quiet. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Waits until Python is ready in the page (or frame): the kernel is idle. */
export function waitUntilIdle(page, timeout = 15_000) {
  return page.waitForFunction(() => {
    const status = document.querySelector('[data-testid="kernel-status"]');
    return status?.dataset.status === "idle" || status?.textContent.includes("Idle");
  }, null, { timeout });
}

/** Collects a page's uncaught errors and console errors, its frames' too. */
export function collectErrors(page) {
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}

/**
 * The page's server and a browser, for one spec file: `open(query)` opens a
 * fresh page on the notebook once Python is ready, collecting page errors;
 * `stop()` closes everything.
 */
export async function startSite() {
  await stat(path.join(dist, "index.html")).catch(() => {
    throw new Error("dist/index.html is missing: build the page first (trunk build)");
  });
  const server = await startServer();
  const baseUrl = server.url;
  const browser = await launchChromium();
  return {
    baseUrl,
    browser,
    async open(query = "", options = {}) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors = collectErrors(page);
      await page.goto(baseUrl + query);
      // Idle, in whatever language the page speaks.
      await waitUntilIdle(page, 10_000);
      return { page, errors, close: () => context.close() };
    },
    async stop() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The text of the element with this test id. */
export function textOf(page, testId) {
  return page.getByTestId(testId).textContent();
}

/** Waits until the element's text contains `text`; returns how long it took. */
export async function waitForText(page, testId, text, timeout = 10_000) {
  const started = Date.now();
  await page.waitForFunction(
    ([id, wanted]) =>
      document.querySelector(`[data-testid="${id}"]`)?.textContent.includes(wanted),
    [testId, text],
    { timeout, polling: 10 },
  );
  return Date.now() - started;
}

/**
 * The number (from 1) of the code cell whose editor holds `marker`; if none
 * does, cell 1 gets `source` typed in. So a spec runs a course cell where the
 * course shows it, and still runs on a page without it.
 */
export async function cellWith(page, marker, source) {
  const found = await page.evaluate((wanted) => {
    const editors = [...document.querySelectorAll('[data-testid^="editor-"]')];
    const editor = editors.find((e) => e.value.includes(wanted));
    return editor ? Number(editor.dataset.testid.slice("editor-".length)) : null;
  }, marker);
  if (found !== null) return found;
  await page.getByTestId("editor-1").fill(source);
  return 1;
}

/**
 * Runs the cell whose editor holds `marker`, if there is one (a course cell
 * that later ones need, such as cell (a)'s imports), and waits for it.
 */
export async function runIfPresent(page, marker) {
  const found = await page.evaluate((wanted) => {
    const editors = [...document.querySelectorAll('[data-testid^="editor-"]')];
    const editor = editors.find((e) => e.value.includes(wanted));
    return editor ? Number(editor.dataset.testid.slice("editor-".length)) : null;
  }, marker);
  if (found !== null) await runAndWait(page, found);
}

/** Runs cell `n` and waits until it has finished (its prompt shows a count). */
export async function runAndWait(page, n, timeout = 30_000) {
  await page.getByTestId(`run-${n}`).click();
  await page.waitForFunction(
    (id) => /^\[\d+\]$/.test(document.querySelector(`[data-testid="count-${id}"]`)?.textContent ?? ""),
    n,
    { timeout, polling: 20 },
  );
}
