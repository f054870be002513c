// Browser benchmarks of BENCHMARKS.md: the release page in dist/ against
// Pyodide (this folder's node_modules) and against JavaScript in the same
// page, in Debian's headless Chromium, both served from loopback.
//
// Run by `cargo xtask bench` after the release build; alone:
// `npm ci --prefix benches/web && node benches/web/bench.mjs [--runs N] [--slow-runs N]`.
// Prints a markdown table of medians. A measurement, not a test: nothing here
// fails on a slow result, only on a page that does not work.

import { readFile, stat } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

import { chromium } from "playwright-core";

import { CHROMIUM, CHROMIUM_ARGS } from "../../tests/e2e/chromium.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const dist = path.join(root, "dist");
const pyodideDir = path.join(here, "node_modules", "pyodide");

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".zip": "application/zip",
};

/** What cell (c) prints, after cell (a) defined `exemple`. */
const FIRST_OUTPUT = "Nous essayons les coroutines.";

const TARGETS = {
  sizeKiB: 150,
  firstOutputShare: 1 / 20,
  calculVsBigInt: 1.2,
  loopVsPyodide: 1.0,
  gatherShare: 1 / 10,
  timerMs: 5,
};

// ---------------------------------------------------------------- options

function parseOptions(args) {
  const options = { runs: 5, slowRuns: 3 };
  for (let i = 0; i < args.length; i += 2) {
    const value = Number(args[i + 1]);
    if (!(Number.isInteger(value) && value > 0)) throw new Error(`${args[i]} needs a positive whole number`);
    if (args[i] === "--runs") options.runs = value;
    else if (args[i] === "--slow-runs") options.slowRuns = value;
    else throw new Error(`unknown option ${args[i]}`);
  }
  return options;
}

// ---------------------------------------------------------------- helpers

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function brotliSize(bytes) {
  return brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
  }).length;
}

/** The course's code cells, read from the Rust source the notebook is built from. */
async function courseCells() {
  const source = await readFile(path.join(root, "crates/awaitable-notebook/src/course/code.rs"), "utf8");
  const cells = {};
  for (const [, name, code] of source.matchAll(/pub\(crate\) const (\w+): &str = r#"([\s\S]*?)"#;/g)) {
    cells[name] = code;
  }
  for (const name of ["A", "C", "D"]) if (!cells[name]) throw new Error(`course cell ${name} not found in code.rs`);
  return cells;
}

/** The `BENCH name seconds` lines a program printed, as { name: seconds }. */
function benchLines(text) {
  const found = {};
  for (const [, name, seconds] of text.matchAll(/^BENCH (\S+) (-?[\d.]+)$/gm)) found[name] = Number(seconds);
  return found;
}

// ---------------------------------------------------------------- server

/**
 * Serves dist/ at / and the Pyodide page and package at /pyodide/, on
 * 127.0.0.1, uncompressed; `served` lists every file sent, so that a figure
 * can add up what a page load transferred.
 */
async function startServer() {
  const served = [];
  const resolve = (pathname) => {
    if (pathname.startsWith("/pyodide/")) {
      const rest = path.normalize(pathname.slice("/pyodide/".length));
      if (rest === "pyodide.html") return path.join(here, rest);
      const file = path.join(here, rest);
      return file.startsWith(pyodideDir + path.sep) ? file : null;
    }
    const file = path.join(dist, path.normalize(pathname));
    const target = file.endsWith(path.sep) ? path.join(file, "index.html") : file;
    return target.startsWith(dist + path.sep) ? target : null;
  };
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const target = resolve(decodeURIComponent(url.pathname));
    try {
      if (!target) throw new Error("outside the served folders");
      const body = await readFile(target);
      const type = CONTENT_TYPES[path.extname(target)] ?? "application/octet-stream";
      response.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" }).end(body);
      served.push({ file: target, bytes: body.length });
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return { server, served, base: `http://127.0.0.1:${server.address().port}/` };
}

/** Raw and brotli bytes of the files served since `from` (each file once). */
async function transferred(served, from) {
  const files = new Map(served.slice(from).map(({ file, bytes }) => [file, bytes]));
  let raw = 0;
  let brotli = 0;
  for (const [file, bytes] of files) {
    raw += bytes;
    brotli += brotliSize(await readFile(file));
  }
  return { raw, brotli, files: files.size };
}

// ---------------------------------------------------------------- pages

/**
 * Records, on the page's own clock (milliseconds since navigation started),
 * when the text of an element matching `selector` first contains `marker`.
 * Installed before any page script runs, so nothing waits on the harness;
 * with `clickCells`, it also runs those cells once the notebook is idle.
 */
function firstOutputWatcher({ selector, marker, clickCells }) {
  const clicked = { done: false };
  const cellOf = (wanted) =>
    [...document.querySelectorAll('[data-testid^="editor-"]')]
      .find((editor) => editor.value === wanted)
      ?.dataset.testid.slice("editor-".length);
  const observer = new MutationObserver(() => {
    const status = document.querySelector('[data-testid="kernel-status"]');
    if (clickCells && !clicked.done && status?.dataset.status === "idle") {
      clicked.done = true;
      // A learner's two clicks: (a) then (c); the notebook queues them.
      for (const code of clickCells) document.querySelector(`[data-testid="run-${cellOf(code)}"]`).click();
    }
    if ([...document.querySelectorAll(selector)].some((element) => element.textContent.includes(marker))) {
      window.__firstOutputAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

async function newPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  return { page, errors, close: () => context.close() };
}

/** Navigation → first output, in ms, and what the load transferred. */
async function firstOutput(browser, site, url, watcher) {
  const { page, errors, close } = await newPage(browser);
  const from = site.served.length;
  await page.addInitScript(firstOutputWatcher, watcher);
  await page.goto(url);
  await page.waitForFunction(() => window.__firstOutputAt !== undefined, null, { polling: 50 });
  const ms = await page.evaluate(() => window.__firstOutputAt);
  await close();
  if (errors.length) throw new Error(`${url}: ${errors.join("; ")}`);
  return { ms, ...(await transferred(site.served, from)) };
}

/**
 * Our notebook, ready: `run(code)` types code into cell 1 and runs it,
 * `runCell(n)` runs cell n as it is; both return the cell's output.
 */
async function openNotebook(browser, base, query = "") {
  const { page, errors, close } = await newPage(browser);
  await page.goto(base + query);
  await page.locator('[data-testid="kernel-status"][data-status="idle"]').waitFor();
  let runs = 0;
  const runCell = async (cell) => {
    await page.getByTestId(`run-${cell}`).click();
    runs += 1;
    // The execution count is the notebook's, across cells.
    await page.waitForFunction(
      ([id, count]) => document.querySelector(`[data-testid="count-${id}"]`)?.textContent === `[${count}]`,
      [cell, runs],
      { polling: 20 },
    );
    if (errors.length) throw new Error(errors.join("; "));
    return page.getByTestId(`output-${cell}`).textContent();
  };
  return {
    page,
    close,
    runCell,
    async run(code) {
      await page.getByTestId("editor-1").fill(code);
      return runCell(1);
    },
  };
}

/** The Pyodide page, loaded, with `run(code)` returning what the code printed. */
async function openPyodide(browser, base) {
  const { page, errors, close } = await newPage(browser);
  await page.goto(`${base}pyodide/pyodide.html`);
  await page.waitForFunction(() => document.body.dataset.ready === "true", null, { polling: 50 });
  return {
    close,
    async run(code) {
      const printed = await page.evaluate((source) => window.bench.run(source), code);
      if (errors.length) throw new Error(errors.join("; "));
      return printed;
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
  };
}

// ---------------------------------------------------------------- programs

const CALCUL = `import sys, time
sys.set_int_max_str_digits(0)  # CPython >= 3.11 (Pyodide) limits str(int) to 4300 digits

def calcul(x):
    x=x**1000000
    y=int(str(x)[:2])
    print(y)

for x in (5, 3):
    start = time.perf_counter()
    calcul(x)
    print("BENCH calcul(%d) %.6f" % (x, time.perf_counter() - start))`;

const LOOP = `import time
start = time.perf_counter()
total = 0
i = 0
while i < 1000000:
    total = (total + i * 3) % 1000003
    i += 1
print(total)
print("BENCH loop %.6f" % (time.perf_counter() - start))`;

const gather = (tasks) => `import asyncio, time

async def tick():
    await asyncio.sleep(1)

start = time.perf_counter()
await asyncio.gather(*[tick() for _ in range(${tasks})])
print("BENCH gather %.6f" % (time.perf_counter() - start - 1))`;

/** `calcul(x)` with the browser's BigInt: seconds. */
function jsCalcul(x) {
  const start = performance.now();
  const digits = Number((BigInt(x) ** 1000000n).toString().slice(0, 2));
  if (!(digits > 0)) throw new Error("BigInt calcul printed nothing");
  return (performance.now() - start) / 1000;
}

/** `tasks` one-second timers under Promise.all: seconds beyond one. */
async function jsGather(tasks) {
  const start = performance.now();
  await Promise.all(Array.from({ length: tasks }, () => new Promise((done) => setTimeout(done, 1000))));
  return (performance.now() - start) / 1000 - 1;
}

// ---------------------------------------------------------------- figures

/** Runs `measure` `runs` times; returns the list of results. */
async function repeat(runs, label, measure) {
  const results = [];
  for (let i = 0; i < runs; i += 1) {
    process.stderr.write(`  ${label}: run ${i + 1}/${runs}\n`);
    results.push(await measure());
  }
  return results;
}

async function loadFigures(browser, site, cells, runs) {
  const ours = await repeat(runs, "first output, Awaitable", () =>
    firstOutput(browser, site, site.base, {
      selector: '[data-testid^="output-"]',
      marker: FIRST_OUTPUT,
      clickCells: [cells.A, cells.C],
    }),
  );
  const peerUrl = `${site.base}pyodide/pyodide.html?code=${encodeURIComponent(`${cells.A}\n${cells.C}`)}`;
  const peer = await repeat(runs, "first output, Pyodide", () =>
    firstOutput(browser, site, peerUrl, { selector: "#output", marker: FIRST_OUTPUT, clickCells: null }),
  );
  return { ours, peer };
}

async function computeFigures(browser, site, runs, slowRuns) {
  const notebook = await openNotebook(browser, site.base);
  const pyodide = await openPyodide(browser, site.base);
  const both = async (label, code, times = runs) => ({
    ours: await repeat(times, `${label}, Awaitable`, async () => benchLines(await notebook.run(code))),
    peer: await repeat(times, `${label}, Pyodide`, async () => benchLines(await pyodide.run(code))),
  });
  const calcul = await both("calcul", CALCUL);
  calcul.js5 = await repeat(runs, "calcul(5), BigInt", () => notebook.page.evaluate(jsCalcul, 5));
  calcul.js3 = await repeat(runs, "calcul(3), BigInt", () => notebook.page.evaluate(jsCalcul, 3));
  const loop = await both("loop", LOOP);
  const gathers = {};
  for (const [tasks, times] of [[10_000, runs], [100_000, slowRuns]]) {
    gathers[tasks] = await both(`gather ${tasks}`, gather(tasks), times);
    gathers[tasks].js = await repeat(times, `gather ${tasks}, Promise.all`, () =>
      notebook.page.evaluate(jsGather, tasks),
    );
  }
  await notebook.close();
  await pyodide.close();
  return { calcul, loop, gathers };
}

/**
 * Course cell (d) on the real clock: the two durations it measures, in
 * seconds. The cell runs as the course has it, except that it prints them
 * with four decimals instead of two, so that the table can say by how much
 * they are off; what the course prints is the same value rounded.
 */
async function timerFigure(browser, site, cells, runs) {
  const precise = cells.D.replaceAll("%.2f secondes", "%.4f secondes");
  if (precise === cells.D) throw new Error("cell (d) no longer prints '%.2f secondes'");
  return repeat(runs, "cell (d), Awaitable", async () => {
    const notebook = await openNotebook(browser, site.base);
    await notebook.run(cells.A);
    const text = await notebook.run(precise);
    await notebook.close();
    const durations = [...text.matchAll(/: ([\d.]+) secondes/g)].map(([, s]) => Number(s));
    if (durations.length !== 2) throw new Error(`cell (d) printed: ${text}`);
    return durations;
  });
}

// ---------------------------------------------------------------- table

const seconds = (s) => `${s.toFixed(3)} s`;
const millis = (ms) => `${ms.toFixed(0)} ms`;
const ratio = (a, b) => (a / b).toFixed(2);
const yes = (met) => (met ? "yes" : "**no**");

function table({ load, compute, timers, runs, slowRuns }) {
  const rows = [];
  const row = (...cells) => rows.push(`| ${cells.join(" | ")} |`);
  const pick = (list, key) => median(list.map((r) => r[key]));

  const oursLoad = { raw: pick(load.ours, "raw"), brotli: pick(load.ours, "brotli") };
  const peerLoad = { raw: pick(load.peer, "raw"), brotli: pick(load.peer, "brotli") };
  const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
  row("1. first load, raw", kib(oursLoad.raw), kib(peerLoad.raw), "", ratio(oursLoad.raw, peerLoad.raw), "", "", "");
  row(
    "1. first load, brotli",
    kib(oursLoad.brotli),
    kib(peerLoad.brotli),
    "",
    ratio(oursLoad.brotli, peerLoad.brotli),
    "",
    `≤ ${TARGETS.sizeKiB} KiB`,
    yes(oursLoad.brotli <= TARGETS.sizeKiB * 1024),
  );

  const oursFirst = pick(load.ours, "ms");
  const peerFirst = pick(load.peer, "ms");
  row(
    "2. navigation → first output of (c)",
    millis(oursFirst),
    millis(peerFirst),
    "",
    ratio(oursFirst, peerFirst),
    "",
    "≤ 0.05 × Pyodide",
    yes(oursFirst <= peerFirst * TARGETS.firstOutputShare),
  );

  for (const [x, js] of [[5, compute.calcul.js5], [3, compute.calcul.js3]]) {
    const key = `calcul(${x})`;
    const ours = pick(compute.calcul.ours, key);
    const peer = pick(compute.calcul.peer, key);
    const bigint = median(js);
    row(
      `3. \`${key}\``,
      seconds(ours),
      seconds(peer),
      seconds(bigint),
      ratio(ours, peer),
      ratio(ours, bigint),
      "≤ 1.2 × BigInt",
      yes(ours <= bigint * TARGETS.calculVsBigInt),
    );
  }

  const oursLoop = pick(compute.loop.ours, "loop");
  const peerLoop = pick(compute.loop.peer, "loop");
  row(
    "4. pure-Python loop, 10⁶ iterations",
    seconds(oursLoop),
    seconds(peerLoop),
    "",
    ratio(oursLoop, peerLoop),
    "",
    "≤ 1.0 × Pyodide",
    yes(oursLoop <= peerLoop * TARGETS.loopVsPyodide),
  );

  for (const [tasks, figures] of Object.entries(compute.gathers)) {
    const ours = pick(figures.ours, "gather");
    const peer = pick(figures.peer, "gather");
    const js = median(figures.js);
    const big = Number(tasks) === 100_000;
    row(
      `5. gather ${Number(tasks).toLocaleString("en")} × sleep(1), overhead`,
      seconds(ours),
      seconds(peer),
      seconds(js),
      ratio(ours, peer),
      ratio(ours, js),
      big ? "≤ 0.1 × Pyodide" : "",
      big ? yes(ours <= peer * TARGETS.gatherShare) : "",
    );
  }

  const sync = median(timers.map(([s]) => s));
  const async_ = median(timers.map(([, a]) => a));
  const worstMs = Math.max(...timers.flat().map((s, i) => Math.abs(s - (i % 2 ? 10 : 30)) * 1000));
  row(
    "6. cell (d) durations (30.00 / 10.00)",
    `${sync.toFixed(4)} / ${async_.toFixed(4)} s (prints ${sync.toFixed(2)} / ${async_.toFixed(2)})`,
    "",
    "",
    "",
    "",
    "within 5 ms",
    `${yes(worstMs <= TARGETS.timerMs)} (worst ${worstMs.toFixed(1)} ms off)`,
  );

  return [
    `Medians of ${runs} runs (${slowRuns} for 100k tasks and cell (d)).`,
    "",
    "| figure | Awaitable | Pyodide | JS | ours / Pyodide | ours / JS | target | met? |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ...rows,
  ].join("\n");
}

// ---------------------------------------------------------------- main

async function main() {
  const { runs, slowRuns } = parseOptions(process.argv.slice(2));
  await stat(path.join(dist, "index.html")).catch(() => {
    throw new Error("dist/index.html is missing: build the page first (trunk build --release)");
  });
  await stat(path.join(pyodideDir, "pyodide.asm.wasm")).catch(() => {
    throw new Error("pyodide is missing: npm ci --prefix benches/web");
  });
  const cells = await courseCells();
  const site = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const load = await loadFigures(browser, site, cells, runs);
    const compute = await computeFigures(browser, site, runs, slowRuns);
    const timers = await timerFigure(browser, site, cells, slowRuns);
    const pyodideVersion = JSON.parse(await readFile(path.join(pyodideDir, "package.json"), "utf8")).version;
    console.log(`\nChromium ${browser.version()}, Pyodide ${pyodideVersion}\n`);
    console.log(table({ load, compute, timers, runs, slowRuns }));
    // Every run's figures, for a reader who wants more than medians.
    console.error(`\nraw: ${JSON.stringify({ load, compute, timers })}`);
  } finally {
    await browser.close();
    site.server.close();
  }
}

// A tiny self-check of the helpers the table rests on.
console.assert(median([3, 1, 2]) === 2 && median([4, 1, 3, 2]) === 2.5, "median");
console.assert(benchLines("12\nBENCH loop 0.5\n").loop === 0.5, "benchLines");

main().catch((error) => {
  console.error(`bench: ${error.stack ?? error}`);
  process.exit(1);
});
