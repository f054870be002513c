// Debian's Chromium as the end-to-end tests and the browser benchmarks
// launch it (no package imports here, so that benches/web can share it).

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

// Quiet Chromium: this machine has no network beyond loopback, and Chromium
// would otherwise try to reach its services at every start.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
