// Starts Awaitable: loads the wasm-bindgen glue and the WebAssembly, and when
// it cannot, says why in the page's #panic banner (French, then English)
// instead of leaving "Chargement…" on screen. Written by `cargo xtask dist`
// (xtask/src/dist/start.js) into the hosted page's boot script and into the
// single file, each with its own way to get the glue and the wasm.

// The Content-Security-Policy violations seen while starting: they say why a
// fetch failed ("Failed to fetch" alone does not).
const violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  violations.push(`${event.effectiveDirective} ${event.blockedURI}`.trim());
});

// `loadGlue()` gives the glue module, `loadWasm()` what its init takes
// (a `Response` or bytes); `serviceWorker` registers dist/sw.js after start.
async function start(loadGlue, loadWasm, serviceWorker) {
  let glue;
  let wasm;
  try {
    glue = await loadGlue();
  } catch (error) {
    return fail("glue", error);
  }
  try {
    wasm = await loadWasm();
  } catch (error) {
    return fail("fetch", error);
  }
  try {
    await glue.default({ module_or_path: wasm });
  } catch (error) {
    return fail("start", error);
  }
  if (serviceWorker) registerServiceWorker();
}

const REASONS = {
  glue: ["Le script de la page n'a pas pu être chargé", "The page's script could not be loaded"],
  fetch: ["Le fichier WebAssembly n'a pas pu être chargé", "The WebAssembly file could not be loaded"],
  csp: [
    "Le navigateur a refusé de compiler le WebAssembly : la Content-Security-Policy de la page doit autoriser 'wasm-unsafe-eval' dans script-src",
    "The browser refused to compile the WebAssembly: the page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src",
  ],
  compile: ["Le fichier WebAssembly n'a pas pu être compilé", "The WebAssembly file could not be compiled"],
  start: ["Python n'a pas pu démarrer", "Python could not start"],
};

async function fail(stage, error) {
  // Violation events are queued as tasks: let them arrive first.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const text = String((error && error.message) || error);
  let reason = stage;
  if (stage === "start") {
    const blocked =
      /Content.Security.Policy|CSP|unsafe-eval/i.test(text) ||
      violations.some((violation) => violation.includes("eval"));
    if (blocked) reason = "csp";
    else if (error instanceof WebAssembly.CompileError || error instanceof WebAssembly.LinkError) reason = "compile";
  }
  const policy = violations.length ? ` [Content-Security-Policy: ${violations.join(", ")}]` : "";
  const [fr, en] = REASONS[reason];
  const message = `${fr} : ${text}${policy}\n${en}: ${text}${policy}`;
  // The page's error handler (www/index.html) shows it in the banner.
  const failure = new Error(message);
  if (typeof reportError === "function") reportError(failure);
  else setTimeout(() => { throw failure; });
}

// Only over http(s), where a service worker can exist. In a sandboxed iframe
// without allow-same-origin (an opaque origin), merely reading
// `navigator.serviceWorker` throws a SecurityError; a browser may also refuse
// the registration (private mode, storage off). The page works without it.
function registerServiceWorker() {
  if (location.protocol !== "https:" && location.protocol !== "http:") return;
  try {
    const container = navigator.serviceWorker;
    if (container) container.register("./sw.js").catch(() => {});
  } catch {
    // No service worker here: no offline use, nothing else changes.
  }
}
