// End-to-end: the run views (timeline, comparison, heartbeat, offline
// notice) and the page's `fetch` for the `wikipedia` module, against a mock
// of the MediaWiki API (wikipedia-mock.mjs). Never the real Wikipedia.
//
// Run by `cargo xtask test`; alone: `node --test tests/e2e/views.spec.mjs`
// after a `trunk build`.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import AxeBuilder from "@axe-core/playwright";

import { cellWith, runAndWait, runIfPresent, startSite, textOf, waitForText } from "./support.mjs";
import { startWikipediaMock } from "./wikipedia-mock.mjs";

// Course cell (d), as the course runs it (after cell (a)'s imports).
const CELL_D = `def nom(prenom):
    name=prenom
    time.sleep(10)
    print(name)

def main():
    print("Subroutine :")
    start_time = time.time()
    nom('Daniel')
    nom('Donna')
    nom('Diane')
    end_time = time.time()
    print("Durée totale d'exécution: %.2f secondes" % (end_time - start_time))

main()

async def nom_async(prenom):
    name=prenom
    await asyncio.sleep(10)
    print(name)

async def main():
    print("\\nCoroutine :")
    start_time = time.time()
    await asyncio.gather(nom_async('Daniel'), nom_async('Donna'), nom_async('Diane'))
    end_time = time.time()
    print("Durée totale d'exécution: %.2f secondes" % (end_time - start_time))

await main()`;

// The exercise's solution, as the course gives it.
const SOLUTION = `import asyncio,wikipedia,time
wikipedia.set_lang("fr")

async def wiki_async(page):
    await asyncio.sleep(6)
    print('\\n',wikipedia.summary(page))

async def main():
    print("Coroutine :")
    start_time=time.time()
    await asyncio.gather(wiki_async("Coroutine"),wiki_async("Threading"),wiki_async("Programmation_concurrente"))
    end_time=time.time()
    print("\\nDurée totale d'exécution: %.2f secondes" % (end_time - start_time))

await main()`;

// Chromium logs every failed or non-2xx request as a console error; those
// are what the fetch tests provoke on purpose.
const realErrors = (errors) => errors.filter((e) => !e.startsWith("Failed to load resource:"));

// Every test is bounded: a hung browser or server fails its test, not the run.
const TEST_OPTIONS = { timeout: 60_000 };

let site;

before(async () => {
  site = await startSite();
});

after(async () => {
  await site?.stop();
});

test("course cell (d) with the fast clock: four lanes, 30.00 s against 10.00 s, ×3", TEST_OPTIONS, async () => {
  const { page, errors, close } = await site.open("?lang=en&clock=fast");
  // On the course page, cell (a) imports what cell (d) uses.
  await runIfPresent(page, "async def exemple()");
  const n = await cellWith(page, "nom_async('Daniel')", `import asyncio,time\n\n${CELL_D}`);
  const started = Date.now();
  await runAndWait(page, n);
  // Forty seconds of sleeps pass at once.
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  // Real durations include the little CPU time the run takes (a few ms on a
  // loaded machine), so the hundredths may move; the sleeps themselves do not.
  assert.match(await textOf(page, `output-${n}`), /Durée totale d'exécution: 30\.0\d secondes\n[^]*Durée totale d'exécution: 10\.0\d secondes/);

  const timeline = page.getByTestId(`timeline-${n}`);
  await timeline.waitFor();
  assert.equal(await timeline.locator(".lane").count(), 4, "the cell and its three tasks");
  assert.equal(await timeline.locator(".loop-row").count(), 1, "time.sleep blocked the loop");
  const names = await timeline.locator(".lane .lane-name").allTextContents();
  assert.equal(names[0], "cell");
  assert.ok(names.slice(1).every((name) => /^Task-\d+$/.test(name)), names.join(", "));
  // Waits are labelled, and every piece has its details.
  assert.ok((await timeline.locator(".segment-label").allTextContents()).includes("sleep(10)"));
  const described = await timeline.locator(".visually-hidden li").allTextContents();
  assert.ok(described.some((line) => /waited 10\.0\d s on sleep\(10\)/.test(line)), described.join("\n"));

  // Keyboard: Tab reaches a piece, the arrows move, the details follow.
  const titles = (await timeline.locator(".segment title").allTextContents()).join("\n");
  const first = timeline.locator('.segment[tabindex="0"]').first();
  await first.focus();
  await page.keyboard.press("ArrowRight");
  const focused = await page.evaluate(() => document.activeElement?.querySelector("title")?.textContent);
  assert.match(focused ?? "", /^loop: blocked by time\.sleep\(10\.0\), from 10\.0\d s, for 10\.0\d s$/, titles);
  await page.waitForFunction(
    ([id, wanted]) =>
      document.querySelector(`[data-testid="${id}"] .timeline-detail`)?.textContent === wanted,
    [`timeline-${n}`, focused],
  );
  await page.keyboard.press("ArrowDown");
  assert.match(
    await page.evaluate(() => document.activeElement?.querySelector("title")?.textContent),
    /^cell: blocking the loop, from 10\.0\d s, for 10\.0\d s$/,
  );

  assert.match(await textOf(page, `comparison-${n}-sync`), /^30\.0\d s$/);
  assert.match(await textOf(page, `comparison-${n}-async`), /^10\.0\d s$/);
  assert.equal(await textOf(page, `comparison-${n}-speedup`), "×3.0");
  assert.equal(
    await textOf(page, `comparison-${n}-explanation`),
    "Async is 3.0× faster: the three 10 s waits overlap.",
  );
  assert.match(await textOf(page, `comparison-${n}`), /longest wait \(10\.0\d s\)/);

  const accessibility = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(
    accessibility.violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target).join(", ")}`),
    [],
  );
  assert.deepEqual(errors, []);
  await close();
});

test("the heartbeat stops, in words, while time.sleep blocks the loop", TEST_OPTIONS, async () => {
  const { page, errors, close } = await site.open();
  const heartbeat = page.getByTestId("heartbeat");
  assert.equal(await heartbeat.getByRole("status").count(), 1);
  await waitForText(page, "heartbeat", "boucle au repos");
  await page.getByTestId("editor-1").fill('import time\ntime.sleep(2)\nprint("réveillée")');
  await page.getByTestId("run-1").click();
  await waitForText(page, "heartbeat", "boucle bloquée depuis", 1_800);
  assert.match(await heartbeat.textContent(), /^boucle bloquée depuis [01],\d s$/);
  assert.match(await heartbeat.getAttribute("class"), /\bblocked\b/);
  await waitForText(page, "output-1", "réveillée", 5_000);
  await waitForText(page, "heartbeat", "boucle au repos", 2_500);
  assert.deepEqual(errors, []);
  await close();
});

test("with reduced motion the heartbeat does not pulse", TEST_OPTIONS, async () => {
  const { page, errors, close } = await site.open("", { reducedMotion: "reduce" });
  await page.getByTestId("editor-1").fill("import asyncio\nfor i in range(8):\n    await asyncio.sleep(0.25)");
  await page.getByTestId("run-1").click();
  await waitForText(page, "heartbeat", "boucle libre", 3_000);
  assert.equal(await page.locator(".heartbeat-dot.beat").count(), 1);
  const animation = await page.evaluate(
    () => getComputedStyle(document.querySelector(".heartbeat-dot")).animationName,
  );
  assert.equal(animation, "none");
  assert.deepEqual(errors, []);
  await close();
});

test("the exercise's solution fetches three summaries, then falls back to labelled stand-ins", TEST_OPTIONS, async () => {
  const mock = await startWikipediaMock();
  try {
    const query = `?clock=fast&wikipedia=${encodeURIComponent(mock.url)}`;
    const online = await site.open(query);
    const n = await cellWith(online.page, "wiki_async(page)", SOLUTION);
    await runAndWait(online.page, n);
    const output = await textOf(online.page, `output-${n}`);
    for (const title of ["Coroutine", "Threading", "Programmation concurrente"]) {
      assert.ok(output.includes(`Résumé de ${title} (<b>pas du HTML</b>).`), output);
    }
    // Wikipedia's text is text: its markup is not rendered.
    assert.equal(await online.page.getByTestId(`output-${n}`).locator("b").count(), 0);
    assert.equal(await online.page.getByTestId(`offline-notice-${n}`).count(), 0);
    assert.ok(mock.seen.length >= 9, `${mock.seen.length} requests`);
    assert.ok(mock.seen.every((r) => r.path === "/w/api.php" && r.params.get("origin") === "*"));
    assert.ok(mock.seen.every((r) => /^Awaitable\//.test(r.agent ?? "")), "Api-User-Agent is sent");
    assert.deepEqual(realErrors(online.errors), []);
    await online.close();

    await mock.close();
    const offline = await site.open(query);
    const m = await cellWith(offline.page, "wiki_async(page)", SOLUTION);
    await runAndWait(offline.page, m);
    const fallback = await textOf(offline.page, `output-${m}`);
    assert.equal(fallback.split("[Awaitable offline stand-in, not Wikipedia's text]").length - 1, 3, fallback);
    assert.equal(
      await textOf(offline.page, `offline-notice-${m}`),
      "Résumé de secours hors ligne — pas le texte de Wikipédia",
    );
    assert.deepEqual(realErrors(offline.errors), []);
    await offline.close();
  } finally {
    await mock.close();
  }
});

test("a browser that knows it is offline answers at once, without a request", TEST_OPTIONS, async () => {
  const mock = await startWikipediaMock();
  try {
    const { page, errors, close } = await site.open(
      `?lang=en&clock=fast&wikipedia=${encodeURIComponent(mock.url)}`,
    );
    await page.context().setOffline(true);
    const n = await cellWith(page, "wiki_async(page)", SOLUTION);
    await runAndWait(page, n);
    assert.equal(mock.seen.length, 0);
    assert.equal(
      (await textOf(page, `output-${n}`)).split("[Awaitable offline stand-in").length - 1,
      3,
    );
    assert.equal(await textOf(page, `offline-notice-${n}`), "Offline stand-in — not Wikipedia's text");
    assert.deepEqual(realErrors(errors), []);
    await close();
  } finally {
    await mock.close();
  }
});

test("fetch faults become the wikipedia package's exceptions", TEST_OPTIONS, async () => {
  const mock = await startWikipediaMock();
  try {
    const { page, errors, close } = await site.open(
      `?lang=en&wikipedia=${encodeURIComponent(mock.url)}`,
    );
    const cases = [
      ["429 then ok", "wikipedia.summary('Http429')"],
      ["500", "wikipedia.summary('Http500')"],
      ["truncated", "wikipedia.summary('Truncated')"],
      ["huge", "wikipedia.summary('Huge')"],
      ["chunked", `_http.get('${mock.url}/w/api.php?titles=HugeChunked', 5)`],
      ["slow", "wikipedia.summary('Slow')"],
    ];
    const source = [
      "import _http, wikipedia",
      "wikipedia.set_lang('fr')",
      "wikipedia.TIMEOUT = 1.0",
      "def case(label, f):",
      "    try:",
      "        print(label + ':', f())",
      "    except Exception as e:",
      "        print(label + ':', type(e).__name__ + ':', e)",
      ...cases.map(([label, expr]) => `case(${JSON.stringify(label)}, lambda: ${expr})`),
    ].join("\n");
    await page.getByTestId("editor-1").fill(source);
    await runAndWait(page, 1, 20_000);
    const lines = (await textOf(page, "output-1")).split("\n");
    const line = (label) => lines.find((l) => l.startsWith(`${label}:`)) ?? `(no ${label} line)`;
    assert.match(line("429 then ok"), /Résumé de Coroutine/);
    assert.match(line("500"), /HTTP 500 from the Wikipedia API/);
    assert.match(line("truncated"), /unreadable reply/);
    assert.match(line("huge"), /larger than 5 MB/);
    assert.match(line("chunked"), /^chunked: OSError: the reply is larger than 5 MB$/);
    assert.match(line("slow"), /HTTPTimeoutError: Searching for "Slow" resulted in a timeout/);
    assert.deepEqual(realErrors(errors), []);
    await close();
  } finally {
    await mock.close();
  }
});
