// End-to-end: embedding in another site and share links.
// - A course page on another loopback origin pastes the snippet that the
//   Embed button gives: the cell runs in a sandboxed frame (opaque origin, no
//   storage), and the host page fits the frame to the heights it reports.
// - The single file does the same from a host that sends no CORS headers.
// - `?embed=1` drops the page's chrome.
// - A share link opens its code in a scratch notebook, leaves the learner's
//   course work alone, and a damaged link says so.
//
// Run by `cargo xtask test`; alone: `node --test tests/e2e/embed.spec.mjs`
// after a `trunk build`.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";

import { runAndWait, startServer, startSite, stopServer, textOf } from "./support.mjs";

let site;
before(async () => {
  site = await startSite();
});
after(() => site?.stop());

/** Serves `html` at `/` on `localhost`, another origin than the site's 127.0.0.1. */
async function startHostPage(html) {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://localhost:${server.address().port}/`, stop: () => server.close() };
}

/** Opens the Share or Embed panel of cell `n` and returns its text once copied. */
async function copiedText(page, button, n) {
  await page.getByTestId(`${button}-${n}`).click();
  await page.waitForFunction(
    (id) => document.querySelector(`[data-testid="share-status-${id}"]`)?.textContent !== "",
    n,
  );
  return page.getByTestId(`share-text-${n}`).inputValue();
}

test("a course site embeds one cell, sandboxed, and fits it to its height", async () => {
  const { page, errors, close } = await site.open("", {
    permissions: ["clipboard-read", "clipboard-write"],
  });
  // Cell 3 is the course's cell (c): `await exemple()`, which cell (a) defines.
  const snippet = await copiedText(page, "embed", 3);
  assert.match(await textOf(page, "share-status-3"), /Copié/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  assert.ok(snippet.includes(`src="${site.baseUrl}?cell=3&amp;embed=1&amp;lang=fr"`), snippet);
  assert.ok(snippet.includes('sandbox="allow-scripts"'), snippet);
  await close();

  // The instructor's page: the snippet, and a record of what the frame says.
  const host = await startHostPage(`<!doctype html><html><head><meta charset="utf-8">
    <title>Cours</title></head><body><h1>Mon cours</h1>
    <script>window.received = [];
      addEventListener("message", (event) => received.push({ origin: event.origin, data: event.data }));
    </script>${snippet}</body></html>`);
  const context = await site.browser.newContext();
  const course = await context.newPage();
  const courseErrors = [];
  course.on("pageerror", (error) => courseErrors.push(String(error)));
  // Console errors of the frame too: storage refused must not throw.
  course.on("console", (message) => {
    if (message.type() === "error") courseErrors.push(message.text());
  });
  await course.goto(host.url);
  const frame = course.frameLocator("iframe");
  await frame.getByTestId("run-3").click();
  await frame.getByTestId("output-3").getByText("Nous essayons les coroutines.").waitFor();
  // One cell: no other cell, no page header, no keyboard help.
  assert.equal(await frame.locator('[data-testid^="cell-"]').count(), 1);
  assert.equal(await frame.locator(".app-header").count(), 0);
  assert.equal(await frame.locator('[data-testid="run-all"]').count(), 0);
  // Sandboxed without allow-same-origin: no storage, and the page says so.
  await frame.getByTestId("storage-notice").waitFor();

  // Both resize messages arrived, from the opaque origin, with the frame's
  // height; the snippet's script set the frame to the last one.
  await course.waitForFunction(() =>
    received.some((m) => m.data?.type === "awaitable:resize") &&
    received.some((m) => m.data?.subject === "lti.frameResize"),
  );
  const report = await course.evaluate(() => {
    const heights = received.filter((m) => m.data?.type === "awaitable:resize");
    const last = heights[heights.length - 1];
    return {
      origins: [...new Set(received.map((m) => m.origin))],
      height: last.data.height,
      frame: document.querySelector("iframe").getBoundingClientRect().height,
    };
  });
  assert.deepEqual(report.origins, ["null"]);
  assert.ok(report.height > 100, JSON.stringify(report));
  assert.ok(Math.abs(report.frame - report.height) <= 1, JSON.stringify(report));
  assert.deepEqual(courseErrors, []);
  await context.close();
  host.stop();
  assert.deepEqual(errors, []);
});

test("the single file embeds one cell sandboxed from a host that sends no CORS headers", async (t) => {
  const server = await startServer({
    cors: false,
    pages: {
      "/course.html": '<!doctype html><title>Cours</title><link rel="icon" href="data:,">' +
        '<iframe sandbox="allow-scripts" src="./awaitable.html?cell=3&embed=1" width="900" height="600"></iframe>',
    },
  });
  t.after(() => stopServer(server));
  const context = await site.browser.newContext();
  t.after(() => context.close());
  const course = await context.newPage();
  const errors = [];
  course.on("pageerror", (error) => errors.push(String(error)));
  course.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await course.goto(server.url + "course.html");
  const frame = course.frameLocator("iframe");
  await frame.getByTestId("run-3").click();
  await frame.getByTestId("output-3").getByText("Nous essayons les coroutines.").waitFor();
  assert.equal(await frame.locator('[data-testid^="cell-"]').count(), 1);
  assert.deepEqual(errors, []);
});

test("?embed=1 shows the notebook without the page's chrome", async () => {
  const { page, errors, close } = await site.open("?embed=1&lang=en");
  assert.equal(await page.locator(".app-header").count(), 0);
  assert.equal(await page.locator(".help").count(), 0);
  assert.ok((await page.locator('[data-testid^="cell-"]').count()) > 3);
  await page.getByTestId("run-all").waitFor();
  assert.equal(await page.getByTestId("share-1").count(), 0, "no share tools inside a frame");
  assert.deepEqual(errors, []);
  await close();
});

test("a share link opens a scratch notebook and leaves the course's work alone", async () => {
  const { page, errors, close } = await site.open("?lang=en", {
    permissions: ["clipboard-read", "clipboard-write"],
  });
  // The learner's own work on the course, saved.
  await page.getByTestId("editor-1").fill("print('my course work')");
  await page.getByTestId("editor-2").fill("print('shared code')\nprint(6 * 7)");
  const link = await copiedText(page, "share", 2);
  assert.ok(link.startsWith(`${site.baseUrl}#code=`), link);
  assert.ok(link.endsWith("&lang=en"), link);
  await page.waitForFunction(() =>
    (localStorage.getItem("awaitable:v1:course-fr") ?? "").includes("my course work"),
  );
  const courseWork = await page.evaluate(() => localStorage.getItem("awaitable:v1:course-fr"));

  // Opened in a tab of the same browser (same storage), in the language of
  // the page that shared it.
  const shared = await page.context().newPage();
  await shared.goto(link);
  await shared.getByTestId("shared-notice").waitFor();
  assert.equal(await shared.getByTestId("back-to-course").textContent(), "Back to the course");
  assert.equal(await shared.locator('[data-testid^="cell-"]').count(), 1);
  assert.equal(await shared.getByTestId("editor-1").inputValue(), "print('shared code')\nprint(6 * 7)");
  await shared.waitForFunction(
    () => document.querySelector('[data-testid="kernel-status"]')?.dataset.status === "idle",
  );
  await runAndWait(shared, 1);
  assert.equal(await textOf(shared, "output-1"), "shared code\n42\n");
  // Edits to the shared cell are saved apart from the course.
  await shared.getByTestId("editor-1").fill("print('edited in the scratch notebook')");
  await shared.waitForFunction(() =>
    Object.keys(localStorage).some((key) => key.startsWith("awaitable:v1:shared-")),
  );
  assert.equal(
    await shared.evaluate(() => localStorage.getItem("awaitable:v1:course-fr")),
    courseWork,
  );
  // Back to the course: the learner's work is there, and the link is gone
  // from the address, so a reload shows the course.
  await shared.getByTestId("back-to-course").click();
  assert.equal(await shared.getByTestId("editor-1").inputValue(), "print('my course work')");
  assert.equal(new URL(shared.url()).hash, "");
  await shared.reload();
  await shared.getByTestId("editor-7").waitFor();
  assert.equal(await shared.getByTestId("shared-notice").count(), 0);
  assert.deepEqual(errors, []);
  await close();
});

test("a damaged share link says so and opens the course; a good one pasted in opens", async () => {
  const { page, errors, close } = await site.open("?lang=en#code=not*base64&lang=en");
  assert.match(await textOf(page, "import-error"), /damaged/);
  await page.getByTestId("editor-7").waitFor();
  // `print(1)`, deflated and in base64url, pasted into the address bar.
  await page.evaluate(() => {
    location.hash = "#code=KyjKzCvRMNQEAA&lang=en";
  });
  await page.getByTestId("shared-notice").waitFor();
  assert.equal(await page.getByTestId("editor-1").inputValue(), "print(1)");
  assert.deepEqual(errors, []);
  await close();
});
