// Size budget of the page: the brotli-compressed size of everything the
// browser downloads on first load (dist/*.wasm, *.js, *.css, *.html). Run by
// `cargo xtask test` after the release build, so the page never grows
// silently. Usage: node tools/size-budget.mjs DIST_DIR BUDGET_BYTES
import { brotliCompressSync, constants } from "node:zlib";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [dir = "dist", budgetArg = "0"] = process.argv.slice(2);
const budget = Number(budgetArg);
const shipped = readdirSync(dir).filter((name) => /\.(wasm|js|css|html)$/.test(name)).sort();
let total = 0;
for (const name of shipped) {
  const raw = readFileSync(join(dir, name));
  const brotli = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
  }).length;
  total += brotli;
  console.log(`${name.padEnd(48)} ${String(raw.length).padStart(9)} raw ${String(brotli).padStart(8)} brotli`);
}
console.log(`total brotli: ${total} bytes (budget ${budget})`);
if (!shipped.length || !(budget > 0)) {
  console.error("size budget: nothing measured or no budget given");
  process.exit(2);
}
if (total > budget) {
  console.error(`size budget exceeded by ${total - budget} bytes`);
  process.exit(1);
}
