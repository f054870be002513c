// Size budget of the page: the brotli-compressed size of everything the
// browser downloads on first load (dist/*.wasm, *.js, *.css, *.html). Run by
// `cargo xtask test` after the release build, so the page never grows
// silently. Usage: node tools/size-budget.mjs DIST_DIR BUDGET_BYTES
//
// dist/awaitable.html (`cargo xtask dist`) is the same page again in one file
// (the wasm in base64), downloaded instead of the rest, never with it: it is
// not counted, only printed, so the page is not counted twice.
import { brotliCompressSync, constants } from "node:zlib";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [dir = "dist", budgetArg = "0"] = process.argv.slice(2);
const budget = Number(budgetArg);
const SINGLE_FILE = "awaitable.html";
const files = readdirSync(dir).filter((name) => /\.(wasm|js|css|html)$/.test(name)).sort();
const shipped = files.filter((name) => name !== SINGLE_FILE);

function measure(name) {
  const raw = readFileSync(join(dir, name));
  const brotli = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
  }).length;
  console.log(`${name.padEnd(48)} ${String(raw.length).padStart(9)} raw ${String(brotli).padStart(8)} brotli`);
  return brotli;
}

let total = 0;
for (const name of shipped) total += measure(name);
console.log(`total brotli: ${total} bytes (budget ${budget})`);
if (files.includes(SINGLE_FILE)) {
  console.log("not counted, the same page in one file:");
  measure(SINGLE_FILE);
}
if (!shipped.length || !(budget > 0)) {
  console.error("size budget: nothing measured or no budget given");
  process.exit(2);
}
if (total > budget) {
  console.error(`size budget exceeded by ${total - budget} bytes`);
  process.exit(1);
}
