// End-to-end: the release page in dist/ (built by `trunk build`), served on
// loopback and used through Debian's Chromium as a person would use it.
//
// Run by `cargo xtask test`; alone: `npm ci --prefix tests/e2e`, then
// `node --test tests/e2e/notebook.spec.mjs` after a `trunk build`.
//
// Every test is bounded: the course's long cells (ten-second sleeps) run with
// `?clock=fast`, which skips waits on the kernel's virtual clock.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import AxeBuilder from "@axe-core/playwright";

import { dist, launchChromium, startServer } from "./support.mjs";

/** The WCAG levels the page must meet, in both themes. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The key the course's work is saved under (`saved.rs`). */
const STORAGE_KEY = "awaitable:v1:course-fr";

// A hung browser fails its test rather than the whole CI run.
const TEST_OPTIONS = { timeout: 60_000 };

let server;
let browser;
let baseUrl;
let downloads;

before(async () => {
  await stat(path.join(dist, "index.html")).catch(() => {
    throw new Error("dist/index.html is missing: build the page first (trunk build)");
  });
  server = await startServer();
  baseUrl = server.url;
  browser = await launchChromium();
  downloads = await mkdtemp(path.join(os.tmpdir(), "awaitable-e2e-"));
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

/**
 * A fresh browser context (empty storage) on the notebook with `query`, once
 * Python is ready; collects page errors. `context` reuses a context, to see
 * what an earlier page saved.
 */
async function openNotebook(query = "", { context, colorScheme } = {}) {
  const ownContext = context ?? (await browser.newContext({ acceptDownloads: true, colorScheme }));
  const page = await ownContext.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(baseUrl + query);
  await waitForStatus(page, "idle");
  return { page, errors, context: ownContext, close: () => ownContext.close() };
}

function textOf(page, testId) {
  return page.getByTestId(testId).textContent();
}

function waitForStatus(page, status, timeout = 15_000) {
  return page.locator(`[data-testid="kernel-status"][data-status="${status}"]`).waitFor({ timeout });
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

/** The `data-testid` of the focused element. */
function focusedTestId(page) {
  return page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);
}

/** axe-core's WCAG 2.0/2.1 A and AA violations, one line each. */
async function accessibilityViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => `${n.target} (${n.failureSummary})`).join("; ")}`,
  );
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

test("the course renders in French, with an outline and no WCAG A/AA violation (light)", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook("?theme=light");
  assert.equal(await page.locator("#panic").isHidden(), true);
  assert.equal(await page.locator("html").getAttribute("lang"), "fr");
  assert.equal(await page.locator("html").getAttribute("data-theme"), "light");
  assert.equal(await page.locator("h1").count(), 1);
  assert.equal(await page.locator("h1").textContent(), "Fonctions asynchrones");
  assert.ok((await page.locator("main h2").count()) >= 4);
  assert.equal(await page.locator("main").count(), 1);
  assert.equal(await page.locator("a.skip-link").getAttribute("href"), "#notebook");
  // Cells (a) to (f) and the exercise; the solution (8) is hidden.
  for (const n of [1, 2, 3, 4, 5, 6, 7]) {
    assert.equal(await page.getByTestId(`editor-${n}`).isVisible(), true);
    assert.equal(await textOf(page, `count-${n}`), "[ ]");
    assert.equal(await page.getByTestId(`output-${n}`).getAttribute("aria-live"), "polite");
  }
  assert.equal(await page.getByTestId("cell-8").count(), 0);
  assert.equal(await page.getByTestId("editor-3").inputValue(), "await exemple()");
  assert.equal(await page.getByRole("textbox", { name: "Code de la cellule 3" }).count(), 1);
  assert.equal(await page.getByRole("button", { name: "Exécuter la cellule 1" }).isEnabled(), true);
  // Highlighted: `async` and `def` are keywords, the string is a string.
  assert.equal(await page.locator('[data-testid="cell-1"] .tok-keyword', { hasText: "async" }).count(), 1);
  assert.equal(await page.locator('[data-testid="cell-1"] .tok-string').first().textContent(), '"Nous essayons les coroutines."');
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(errors, []);
  await close();
});

test("?theme=dark is dark and has no WCAG A/AA violation either", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook("?theme=dark");
  assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, "rgb(15, 18, 24)");
  // Some output, an error and the exercise's checks are on the page too.
  await page.getByTestId("run-2").click();
  await waitForText(page, "output-2", "NameError");
  await page.getByTestId("validate").click();
  await page.getByTestId("check-faster").waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(errors, []);
  await close();
});

test("without ?theme= the page follows the browser's colour scheme", TEST_OPTIONS, async () => {
  const { page, close } = await openNotebook("", { colorScheme: "dark" });
  assert.equal(await page.locator("html").getAttribute("data-theme"), null);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, "rgb(15, 18, 24)");
  await close();
});

test("?lang=en shows the course in English; the toggle swaps prose and keeps code edits", TEST_OPTIONS, async () => {
  const english = await openNotebook("?lang=en");
  assert.equal(await english.page.locator("html").getAttribute("lang"), "en");
  assert.equal(await english.page.locator("h1").textContent(), "Asynchronous functions");
  assert.equal(await english.page.getByRole("textbox", { name: "Cell 3 code" }).count(), 1);
  assert.equal(await textOf(english.page, "kernel-status"), "Idle");
  assert.deepEqual(english.errors, []);
  await english.close();

  const { page, errors, close } = await openNotebook();
  await page.getByTestId("editor-2").fill("exemple()  # mine");
  assert.equal(await page.getByTestId("lang-toggle").textContent(), "English");
  await page.getByTestId("lang-toggle").click();
  await page.locator("h1", { hasText: "Asynchronous functions" }).waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  assert.equal(await page.getByTestId("editor-2").inputValue(), "exemple()  # mine");
  assert.match(page.url(), /[?&]lang=en\b/);
  await page.getByTestId("lang-toggle").click();
  await page.locator("h1", { hasText: "Fonctions asynchrones" }).waitFor();
  assert.equal(await page.getByTestId("editor-2").inputValue(), "exemple()  # mine");
  assert.deepEqual(errors, []);
  await close();
});

test("course cell (c) awaits the coroutine that cell (a) defines", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  await page.getByTestId("run-1").click();
  await waitForText(page, "count-1", "[1]");
  await page.getByTestId("run-2").click();
  await waitForText(page, "output-2", "<coroutine object exemple at 0x");
  await page.getByTestId("run-3").click();
  await waitForText(page, "output-3", "Nous essayons les coroutines.");
  assert.equal(await textOf(page, "output-3"), "Nous essayons les coroutines.\n");
  assert.equal(await textOf(page, "count-3"), "[3]");
  assert.deepEqual(errors, []);
  await close();
});

test("course cell (e): the sleep overlaps the two computations; 10 and 17 come before Daniel", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook("?clock=fast");
  await page.getByTestId("run-1").click();
  await waitForText(page, "count-1", "[1]");
  await page.getByTestId("run-5").click();
  await waitForText(page, "count-5", "[2]", 60_000);
  const out = await textOf(page, "output-5");
  assert.match(out, /^Subroutine :\nDaniel\n10\n17\nDurée totale d'exécution: \d+\.\d\d secondes\n/);
  assert.match(out, /\nCoroutine :\n10\n17\nDaniel\nDurée totale d'exécution: \d+\.\d\d secondes\n$/);
  const timeline = page.getByTestId("timeline-5");
  await timeline.waitFor();
  assert.equal(await timeline.locator(".lane").count(), 4, "the cell and its three tasks");
  assert.deepEqual(errors, []);
  await close();
});

test("edits are saved as the learner types and come back after a reload", TEST_OPTIONS, async () => {
  const { page, errors, context, close } = await openNotebook();
  const edit = 'print("sauvegardé")';
  await page.getByTestId("editor-4").fill(edit);
  await page.waitForFunction(
    ([key, wanted]) => localStorage.getItem(key)?.includes(wanted),
    [STORAGE_KEY, "sauvegard"],
  );
  await page.reload();
  await waitForStatus(page, "idle");
  assert.equal(await page.getByTestId("editor-4").inputValue(), edit);
  assert.equal(await page.getByTestId("reset-4").isEnabled(), true);
  // Reset cell brings the course's code back (and the save forgets it).
  await page.getByTestId("reset-4").click();
  assert.match(await page.getByTestId("editor-4").inputValue(), /^def nom\(prenom\):/);
  await page.waitForFunction((key) => localStorage.getItem(key) === null, STORAGE_KEY);
  assert.deepEqual(errors, []);
  await page.close();

  // Saved data that is not saved work: the course starts afresh and says so.
  const broken = await context.newPage();
  await broken.goto(baseUrl);
  await broken.evaluate((key) => localStorage.setItem(key, "{not json"), STORAGE_KEY);
  await broken.reload();
  await waitForStatus(broken, "idle");
  assert.match(await textOf(broken, "storage-notice"), /repart de zéro/);
  assert.match(await broken.getByTestId("editor-4").inputValue(), /^def nom\(prenom\):/);
  await close();
});

test("in a sandboxed iframe, without storage, the page says work will not be saved", TEST_OPTIONS, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.setContent(
    `<iframe sandbox="allow-scripts" title="Awaitable" style="width:900px;height:600px"
       src="${baseUrl}?lang=en&embed=1"></iframe>`,
  );
  const frame = page.frameLocator("iframe");
  await frame.locator('[data-testid="kernel-status"][data-status="idle"]').waitFor({ timeout: 15_000 });
  assert.match(
    await frame.getByTestId("storage-notice").textContent(),
    /^Your work will not be saved here/,
  );
  await frame.getByTestId("editor-1").fill('print("still runs")');
  await frame.getByTestId("run-1").click();
  await frame.getByTestId("output-1").filter({ hasText: "still runs" }).waitFor();
  assert.equal(await frame.locator("#panic").isHidden(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("export downloads an .ipynb with the edits, and importing it round-trips", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  await page.getByTestId("editor-1").fill('print("exporté")');
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export").click(),
  ]);
  assert.equal(download.suggestedFilename(), "awaitable-fr.ipynb");
  const exported = path.join(downloads, "round-trip.ipynb");
  await download.saveAs(exported);
  const notebook = JSON.parse(await readFile(exported, "utf8"));
  assert.equal(notebook.nbformat, 4);
  const code = notebook.cells.filter((cell) => cell.cell_type === "code");
  assert.equal(code.length, 8);
  assert.equal([].concat(code[0].source).join(""), 'print("exporté")');
  assert.match([].concat(notebook.cells[0].source).join(""), /^# Fonctions asynchrones/);

  await page.getByTestId("import").setInputFiles(exported);
  await page.getByTestId("back-to-course").waitFor();
  assert.equal(await page.getByTestId("editor-1").inputValue(), 'print("exporté")');
  // The file's own code: nothing to reset.
  assert.equal(await page.getByTestId("reset-1").isDisabled(), true);
  assert.equal(await page.locator("h1").textContent(), "Fonctions asynchrones");
  // The solution is an ordinary cell of the file, shown.
  assert.equal(await page.getByTestId("editor-8").isVisible(), true);
  await page.getByTestId("run-1").click();
  await waitForText(page, "output-1", "exporté");

  const [again] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export").click(),
  ]);
  assert.equal(again.suggestedFilename(), "round-trip.ipynb");
  const twice = path.join(downloads, "round-trip-2.ipynb");
  await again.saveAs(twice);
  const sources = (nb) => nb.cells.map((cell) => [cell.cell_type, [].concat(cell.source).join("")]);
  assert.deepEqual(sources(JSON.parse(await readFile(twice, "utf8"))), sources(notebook));

  // Back to the course as it was.
  await page.getByTestId("back-to-course").click();
  await page.getByTestId("back-to-course").waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("cell-8").count(), 0);
  assert.equal(await page.getByTestId("editor-1").inputValue(), 'print("exporté")');

  // A file that is not a notebook: an alert says why, the course stays.
  const bad = path.join(downloads, "not-a-notebook.ipynb");
  await writeFile(bad, "<html>no</html>");
  await page.getByTestId("import").setInputFiles(bad);
  const alert = page.getByTestId("import-error");
  await alert.waitFor();
  assert.match(await alert.textContent(), /n'est pas un carnet Jupyter lisible/);
  assert.equal(await page.locator('[role="alert"]', { has: alert }).count(), 1);
  assert.equal(await page.locator("h1").textContent(), "Fonctions asynchrones");
  assert.deepEqual(errors, []);
  await close();
});

test("keyboard only: Tab to an editor, type with auto-indent, Shift+Enter runs, Escape leaves", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  // The skip link comes first.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  let presses = 0;
  while ((await focusedTestId(page)) !== "editor-1") {
    assert.ok(++presses < 40, "Tab never reached the first editor");
    await page.keyboard.press("Tab");
  }
  const editor = page.getByTestId("editor-1");
  // A visible focus ring.
  const outline = await editor.evaluate((e) => getComputedStyle(e).outlineStyle);
  assert.equal(outline, "solid");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type("for i in range(3):\nif i:\nprint(i)");
  assert.equal(await editor.inputValue(), "for i in range(3):\n    if i:\n        print(i)");
  // Shift+Tab dedents the line; Tab at its start indents it back.
  await page.keyboard.press("Shift+Tab");
  assert.equal(await editor.inputValue(), "for i in range(3):\n    if i:\n    print(i)");
  await page.keyboard.press("Home");
  await page.keyboard.press("Tab");
  assert.equal(await editor.inputValue(), "for i in range(3):\n    if i:\n        print(i)");
  // Undo works through the browser's own history.
  await page.keyboard.press("Control+Z");
  assert.equal(await editor.inputValue(), "for i in range(3):\n    if i:\n    print(i)");
  await page.keyboard.press("Control+Shift+Z");
  assert.equal(await editor.inputValue(), "for i in range(3):\n    if i:\n        print(i)");

  await page.keyboard.press("Shift+Enter");
  await waitForText(page, "output-1", "1\n2\n");
  assert.equal(await editor.inputValue(), "for i in range(3):\n    if i:\n        print(i)");
  assert.equal(await focusedTestId(page), "editor-2");
  // Tab inside an editor indents; Escape then Tab moves on.
  await page.keyboard.press("Tab");
  assert.equal(await focusedTestId(page), "editor-2");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  assert.notEqual(await focusedTestId(page), "editor-2");
  // And Escape then Shift+Tab goes back.
  await page.getByTestId("editor-3").focus();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+Tab");
  assert.notEqual(await focusedTestId(page), "editor-3");
  // The help says so.
  assert.match(await page.getByTestId("help").textContent(), /Échap, puis Tab/);
  assert.deepEqual(errors, []);
  await close();
});

test("?cell=3 scrolls cell 3 into view and focuses its editor", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook("?cell=3");
  await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "editor-3");
  const inView = await page.getByTestId("cell-3").evaluate((cell) => {
    const box = cell.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
  assert.equal(inView, true);
  assert.ok(await page.evaluate(() => window.scrollY > 0));
  // A link to the hidden solution shows it.
  const solution = await openNotebook("?cell=solution", { context: undefined });
  await solution.page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "editor-8");
  assert.equal(await solution.page.getByTestId("solution-toggle").getAttribute("aria-expanded"), "true");
  await solution.close();
  // A hostile value falls back to the default: no focus, no error.
  const hostile = await openNotebook("?cell=%3Cscript%3E&lang=xx&theme=%22&clock=-1");
  assert.equal(await hostile.page.locator("html").getAttribute("lang"), "fr");
  assert.equal(await focusedTestId(hostile.page), null);
  assert.deepEqual(hostile.errors, []);
  await hostile.close();
  assert.deepEqual(errors, []);
  await close();
});

test("validate on the untouched exercise says which checks fail; the solution toggles", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  assert.equal(await page.getByTestId("checks").getAttribute("aria-live"), "polite");
  await page.getByTestId("validate").click();
  await page.getByTestId("check-uses-coroutines").waitFor();
  const verdict = (key) => page.getByTestId(`check-${key}`).getAttribute("data-verdict");
  assert.equal(await verdict("uses-coroutines"), "fail");
  assert.equal(await verdict("fetches-all-pages"), "fail");
  assert.equal(await verdict("faster"), "not-yet");
  assert.match(await textOf(page, "check-uses-coroutines"), /À corriger.*async def/);
  await page.getByTestId("lang-toggle").click();
  await waitForText(page, "check-uses-coroutines", "To fix");

  const toggle = page.getByTestId("solution-toggle");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  assert.equal(await toggle.textContent(), "Hide the solution");
  assert.match(await page.getByTestId("editor-8").inputValue(), /asyncio\.gather/);
  await toggle.click();
  assert.equal(await page.getByTestId("cell-8").count(), 0);
  assert.deepEqual(errors, []);
  await close();
});

test("fast-forward: cell (f), then the solution as the answer, passes every check", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook("?clock=fast");
  // Never the real Wikipedia: offline, the page answers with the stand-ins.
  await page.context().setOffline(true);
  assert.equal(await page.getByTestId("clock-toggle").getAttribute("aria-pressed"), "true");
  // Cell (f): three 6-second blocking sleeps, skipped.
  await page.getByTestId("run-6").click();
  const took = await waitForText(page, "output-6", "Durée totale d'exécution", 20_000);
  assert.ok(took < 15_000, `cell (f) took ${took} ms`);
  assert.match(await textOf(page, "output-6"), /Durée totale d'exécution: 18\.\d\d secondes/);
  // The solution, typed as the learner's answer.
  await page.getByTestId("solution-toggle").click();
  const solution = await page.getByTestId("editor-8").inputValue();
  await page.getByTestId("editor-7").fill(solution);
  await page.getByTestId("run-7").click();
  await waitForText(page, "output-7", "Durée totale d'exécution", 20_000);
  assert.match(await textOf(page, "output-7"), /Durée totale d'exécution: 6\.\d\d secondes/);
  await page.getByTestId("validate").click();
  for (const key of ["uses-coroutines", "fetches-all-pages", "faster"]) {
    assert.equal(await page.getByTestId(`check-${key}`).getAttribute("data-verdict"), "pass", key);
  }
  assert.deepEqual(errors, []);
  await close();
});

test("the clock toggle switches a running sleep to fast-forward", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  assert.equal(await page.getByTestId("clock-toggle").getAttribute("aria-pressed"), "false");
  await page.getByTestId("editor-1").fill('import asyncio\nawait asyncio.sleep(30)\nprint("réveillé")');
  await page.getByTestId("run-1").click();
  await page.getByTestId("running-1").waitFor();
  await page.getByTestId("clock-toggle").click();
  assert.equal(await page.getByTestId("clock-toggle").getAttribute("aria-pressed"), "true");
  const took = await waitForText(page, "output-1", "réveillé", 5_000);
  assert.ok(took < 5_000);
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
  await waitForStatus(page, "busy");

  // While Python spins, the page answers timers and typing.
  const delay = await longestTimerDelay(page, 500);
  assert.ok(delay < 250, `the page froze for ${delay.toFixed(0)} ms`);
  await page.getByTestId("editor-2").fill("# tapé pendant que Python tourne");
  assert.equal(await page.getByTestId("editor-2").inputValue(), "# tapé pendant que Python tourne");
  assert.equal(await textOf(page, "count-1"), "[*]");

  await page.getByTestId("stop").click();
  const took = await waitForText(page, "output-1", "KeyboardInterrupt", 1_000);
  assert.ok(took < 1_000, `Stop took ${took} ms`);
  await page.getByTestId("running-1").waitFor({ state: "detached" });
  assert.equal(await textOf(page, "count-1"), "[1]");
  await waitForStatus(page, "idle");
  assert.deepEqual(errors, []);
  await close();
});

test("time.sleep shows the loop blocked, and Stop wakes it", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  await page.getByTestId("editor-3").fill("import time\ntime.sleep(30)");
  await page.getByTestId("run-3").click();
  await waitForStatus(page, "blocked");
  // The running indicator counts the seconds.
  await page.waitForFunction(() => /[1-9] s/.test(document.querySelector('[data-testid="elapsed-3"]')?.textContent ?? ""), null, { timeout: 5_000 });
  const delay = await longestTimerDelay(page, 300);
  assert.ok(delay < 250, `the page froze for ${delay.toFixed(0)} ms`);
  await page.getByTestId("stop").click();
  await waitForText(page, "output-3", "KeyboardInterrupt", 1_000);
  assert.deepEqual(errors, []);
  await close();
});

test("Reset notebook asks first, then restores the course", TEST_OPTIONS, async () => {
  const { page, errors, close } = await openNotebook();
  await page.getByTestId("editor-2").fill("1 + 1");
  await page.getByTestId("run-2").click();
  await waitForText(page, "output-2", "2");
  await page.getByTestId("reset-notebook").click();
  // The question takes the focus; Cancel keeps everything.
  assert.equal(await focusedTestId(page), "reset-notebook-confirm");
  await page.getByTestId("reset-notebook-cancel").click();
  assert.equal(await focusedTestId(page), "reset-notebook");
  assert.equal(await page.getByTestId("editor-2").inputValue(), "1 + 1");
  await page.getByTestId("reset-notebook").click();
  await page.getByTestId("reset-notebook-confirm").click();
  await page.getByTestId("reset-notebook").waitFor();
  assert.equal(await page.getByTestId("editor-2").inputValue(), "exemple()");
  assert.equal(await textOf(page, "output-2"), "");
  assert.equal(await textOf(page, "count-2"), "[ ]");
  await waitForStatus(page, "idle");
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
