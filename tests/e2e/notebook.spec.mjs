// End-to-end: the release page in dist/ (built by `trunk build`), served on
// loopback and used through Debian's Chromium as a person would use it.
//
// Run by `cargo xtask test`; alone: `npm ci --prefix tests/e2e`, then
// `node --test tests/e2e/notebook.spec.mjs` after a `trunk build`.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

import AxeBuilder from "@axe-core/playwright";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dist = path.join(root, "dist");

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// Quiet Chromium: this machine has no network beyond loopback, and Chromium
// would otherwise try to reach its services at every start.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Serves dist/ on 127.0.0.1 at a free port, as a plain static host would. */
async function startServer() {
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const file = path.join(dist, path.normalize(decodeURIComponent(url.pathname)));
    const target = file.endsWith(path.sep) ? path.join(file, "index.html") : file;
    if (!target.startsWith(dist + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(target);
      const type = CONTENT_TYPES[path.extname(target)] ?? "application/octet-stream";
      response.writeHead(200, { "Content-Type": type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

// A hung browser fails its test rather than the whole CI run.
const TEST_OPTIONS = { timeout: 60_000 };

let server;
let browser;
let baseUrl;

before(async () => {
  await stat(path.join(dist, "index.html")).catch(() => {
    throw new Error("dist/index.html is missing: build the page first (trunk build)");
  });
  server = await startServer();
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

/** A fresh page on the notebook, once Python is ready; collects page errors. */
async function openNotebook() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(baseUrl);
  await waitForText(page, "kernel-status", "Idle");
  return { page, errors, close: () => context.close() };
}

function textOf(page, testId) {
  return page.getByTestId(testId).textContent();
}

/** Waits until the element's text contains `text`; returns how long it took. */
async function waitForText(page, testId, text, timeout = 10_000) {
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
 * The longest the page's main thread took to answer a 5 ms timer over `ms`.
 * Between Python's 8 ms slices it should be about 15 ms; the tests allow
 * 250 ms because a 2-core machine busy compiling delays timers by tens of
 * milliseconds, while a page that Python froze would not answer for seconds.
 */
function longestTimerDelay(page, ms) {
  return page.evaluate(
    (duration) =>
      new Promise((resolve) => {
        const end = performance.now() + duration;
        let last = performance.now();
        let longest = 0;
        const tick = () => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
          if (now < end) setTimeout(tick, 5);
          else resolve(longest);
        };
        setTimeout(tick, 5);
      }),
    ms,
  );
}

test("the page starts Python with three cells, accessibly", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  assert.equal(await page.locator("#panic").isHidden(), true);
  for (const n of [1, 2, 3]) {
    assert.equal(await page.getByTestId(`editor-${n}`).isVisible(), true);
    assert.equal(await textOf(page, `count-${n}`), "[ ]");
    assert.equal(await page.getByTestId(`output-${n}`).getAttribute("aria-live"), "polite");
  }
  assert.equal(await page.getByRole("button", { name: "Run cell 1" }).isEnabled(), true);
  const accessibility = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(
    accessibility.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`),
    [],
  );
  assert.deepEqual(errors, []);
  await close();
});

test("a typed cell runs with its button and with Shift+Enter", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  await page.getByTestId("editor-1").fill('print("hello from the page")\nprint(6 * 7)');
  await page.getByTestId("run-1").click();
  await waitForText(page, "output-1", "hello from the page\n42\n");
  assert.equal(await textOf(page, "count-1"), "[1]");

  const editor = page.getByTestId("editor-2");
  await editor.fill('x = 2 ** 10\nprint("x is", x)');
  await editor.press("Shift+Enter");
  await waitForText(page, "output-2", "x is 1024");
  assert.equal(await textOf(page, "count-2"), "[2]");
  // Shift+Enter ran the cell instead of adding a line.
  assert.equal(await editor.inputValue(), 'x = 2 ** 10\nprint("x is", x)');
  assert.deepEqual(errors, []);
  await close();
});

test("Stop ends an endless loop within a second, and the page stays responsive", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  await page.getByTestId("editor-1").fill("while True:\n    pass");
  await page.getByTestId("run-1").click();
  await page.getByTestId("running-1").waitFor();
  assert.equal(await textOf(page, "kernel-status"), "Running");

  // While Python spins, the page answers timers and typing.
  const delay = await longestTimerDelay(page, 500);
  assert.ok(delay < 250, `the page froze for ${delay.toFixed(0)} ms`);
  await page.getByTestId("editor-2").fill("# typed while Python runs");
  assert.equal(await page.getByTestId("editor-2").inputValue(), "# typed while Python runs");
  assert.equal(await textOf(page, "count-1"), "[*]");

  await page.getByTestId("stop").click();
  const took = await waitForText(page, "output-1", "KeyboardInterrupt", 1_000);
  assert.ok(took < 1_000, `Stop took ${took} ms`);
  await page.getByTestId("running-1").waitFor({ state: "detached" });
  assert.equal(await textOf(page, "count-1"), "[1]");
  await waitForText(page, "kernel-status", "Idle");
  assert.deepEqual(errors, []);
  await close();
});

test("time.sleep shows the loop blocked, and Stop wakes it", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  await page.getByTestId("editor-3").fill("import time\ntime.sleep(30)");
  await page.getByTestId("run-3").click();
  await waitForText(page, "kernel-status", "Blocked");
  const delay = await longestTimerDelay(page, 300);
  assert.ok(delay < 250, `the page froze for ${delay.toFixed(0)} ms`);
  await page.getByTestId("stop").click();
  await waitForText(page, "output-3", "KeyboardInterrupt", 1_000);
  assert.deepEqual(errors, []);
  await close();
});

test("Run all runs the demo cells in order", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  await page.getByTestId("run-all").click();
  await waitForText(page, "count-3", "[3]");
  assert.equal(await textOf(page, "count-1"), "[1]");
  assert.equal(await textOf(page, "count-2"), "[2]");
  assert.match(await textOf(page, "output-1"), /^Hello from Python in your browser!\n/);
  assert.match(await textOf(page, "output-2"), /fast tick 0\n/);
  assert.match(await textOf(page, "output-3"), /slept for 1 second\n1267650600228229401496703205376$/);
  assert.match(await textOf(page, "duration-3"), /^1\.\d\d s$/);
  assert.deepEqual(errors, []);
  await close();
});

test("an error the app did not catch shows the banner, not a blank page", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  await page.evaluate(() => setTimeout(() => {
    throw new Error("<b>boom</b>");
  }));
  await page.locator("#panic").waitFor({ state: "visible" });
  assert.match(await page.locator("#panic").textContent(), /Something broke — reload the page\./);
  assert.match(await page.locator("#panic-message").textContent(), /<b>boom<\/b>/);
  assert.equal(await page.locator("#panic b").count(), 0);
  assert.deepEqual(errors, ["Error: <b>boom</b>"]);
  await close();
});
