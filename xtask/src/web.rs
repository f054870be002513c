//! The browser side of the gates: the pinned tools that build the page (shared
//! by `serve` and `test`), the browser tools the tests need, and the web test
//! steps.
//!
//! Every tool is pinned and installed only when missing or of another
//! version, so a second run costs a few probes. What each install costs on a
//! fresh 2-core machine: the wasm32 target 2 s; trunk 8 min (15 min with
//! `-j 1`); wasm-bindgen-cli 5 min (15 min with `-j 1`); wasm-opt (npm
//! binaryen) 2 s; Chromium and chromedriver from Debian 30 s; the end-to-end
//! npm packages 1 s.

use crate::steps::{Env, Step};

/// Where `npm ci --prefix tools` puts wasm-opt; first on `PATH` for trunk.
pub const TOOLS_BIN: &str = "tools/node_modules/.bin";

/// The tools that build the page, for `cargo xtask serve` and `cargo xtask
/// test` alike.
// One line per step, so the list reads as what it installs.
#[rustfmt::skip]
pub const BUILD_TOOLS: &[Step] = &[
    Step::ensure("wasm32 target", &["rustup", "target", "list", "--installed"], "wasm32-unknown-unknown",
        &["rustup", "target", "add", "wasm32-unknown-unknown"]),
    Step::ensure("trunk", &["trunk", "--version"], "trunk 0.21.14",
        &["cargo", "install", "--locked", "trunk", "--version", "0.21.14"]),
    // Without --locked: with it, one of the CLI's locked dependencies is not
    // in the registry.
    Step::ensure("wasm-bindgen", &["wasm-bindgen", "--version"], "wasm-bindgen 0.2.130",
        &["cargo", "install", "wasm-bindgen-cli", "--version", "0.2.130"]),
    // Debian's binaryen cannot read what rustc emits; npm's binaryen 132 can.
    Step::ensure("wasm-opt", &["tools/node_modules/.bin/wasm-opt", "--version"], "version_132",
        &["npm", "ci", "--prefix", "tools", "--no-audit", "--no-fund"]),
];

/// The browsers and packages the web tests need. Chromium and chromedriver
/// come from Debian (browser-downloading installers cannot reach their
/// servers); apt-get needs root, as CI and developers' machines have.
#[rustfmt::skip]
pub const TEST_TOOLS: &[Step] = &[
    CHROMIUM,
    Step::ensure("e2e packages", &["npm", "ls", "--prefix", "tests/e2e", "--depth=0"], "playwright-core@1.65.1",
        &["npm", "ci", "--prefix", "tests/e2e", "--no-audit", "--no-fund"]),
];

/// Debian's Chromium and chromedriver, for the browser tests and the browser
/// benchmarks.
#[rustfmt::skip]
pub const CHROMIUM: Step =
    Step::ensure("chromium", &["sh", "-c", "chromium --version && chromedriver --version"], "ChromeDriver",
        &["sh", "-c", "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver"]);

/// The browser benchmarks' packages: Pyodide, the peer, served from
/// `benches/web/node_modules`, and the same playwright-core as the tests.
#[rustfmt::skip]
pub const BENCH_PACKAGES: Step =
    Step::ensure("bench packages", &["npm", "ls", "--prefix", "benches/web", "--depth=0"], "pyodide@314.0.7",
        &["npm", "ci", "--prefix", "benches/web", "--no-audit", "--no-fund"]);

/// Builds the release page into `dist/` with the pinned tools, offline.
pub const BUILD_PAGE: Step =
    Step::run("page", &["trunk", "build", "--release", "--offline"]).with_env(BUILD_ENV);

const BUILD_ENV: &[Env] = &[Env::PathFirst(TOOLS_BIN)];

/// Turns trunk's output into what ships (`crate::dist`): no inline script in
/// `index.html`, the service worker, the single file.
pub const FINISH_DIST: Step = Step::task("dist", crate::dist::finish);

/// The page as it ships, in `dist/`: for `dist`, `serve` and `test` alike, so
/// that the end-to-end tests test what ships.
pub const BUILD_DIST: &[Step] = &[BUILD_PAGE, FINISH_DIST];

/// The web checks of `cargo xtask test`, after the native tests and the tools.
#[rustfmt::skip]
pub const TEST_STEPS: &[Step] = &[
    Step::run("wasm lint", &["cargo", "clippy", "--target", "wasm32-unknown-unknown", "-p", "awaitable-web", "--all-targets", "--", "-D", "warnings"]),
    Step::tests("browser tests", &["cargo", "test", "--target", "wasm32-unknown-unknown", "-p", "awaitable-web", "--test", "browser", "--test", "views"])
        .with_env(&[Env::Set("CHROMEDRIVER", "/usr/bin/chromedriver")]),
    BUILD_PAGE,
    FINISH_DIST,
    // The page's brotli size may not grow past this: about 592 KB today,
    // against a goal of 150 KiB (BENCHMARKS.md has the breakdown and why).
    // The single file (dist/awaitable.html) is the same page again and is not
    // counted (the script prints its size apart).
    Step::run("size budget", &["node", "tools/size-budget.mjs", "dist", "600000"]),
    Step::tests("end-to-end", &["node", "--test", "--test-reporter=tap", "tests/e2e/notebook.spec.mjs", "tests/e2e/views.spec.mjs", "tests/e2e/embed.spec.mjs", "tests/e2e/ship.spec.mjs"]),
];

#[cfg(test)]
mod tests {
    use crate::steps::Action;
    use crate::web::BUILD_TOOLS;
    use crate::workspace_root;

    /// The wasm-bindgen version: `=` in the workspace's Cargo.toml, in
    /// Cargo.lock, the CLI installed by [`BUILD_TOOLS`], and Trunk.toml's
    /// `[tools]` must all agree, or the generated JavaScript does not match
    /// the Wasm. To move it, change all four (`cargo update -p wasm-bindgen`).
    const WASM_BINDGEN_VERSION: &str = "0.2.130";

    /// The trunk version: 0.22 needs a newer rustc than the project's.
    const TRUNK_VERSION: &str = "0.21.14";

    fn read(path: &str) -> String {
        let path = workspace_root().join(path);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
    }

    /// The version of package `name` in Cargo.lock.
    fn locked_version(lock: &str, name: &str) -> Option<String> {
        let mut lines = lock.lines();
        while let Some(line) = lines.next() {
            if line == format!("name = \"{name}\"") {
                let version = lines.next()?.strip_prefix("version = \"")?;
                return Some(version.trim_end_matches('"').to_owned());
            }
        }
        None
    }

    fn install_steps() -> String {
        BUILD_TOOLS
            .iter()
            .filter_map(|step| match &step.action {
                Action::Ensure {
                    expect, install, ..
                } => Some(format!("{expect} {}", install.join(" "))),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn wasm_bindgen_is_one_version_everywhere() {
        let version = WASM_BINDGEN_VERSION;
        assert_eq!(
            locked_version(&read("Cargo.lock"), "wasm-bindgen").as_deref(),
            Some(version)
        );
        assert!(read("Cargo.toml").contains(&format!("wasm-bindgen = \"={version}\"")));
        assert!(read("Trunk.toml").contains(&format!("wasm_bindgen = \"{version}\"")));
        let steps = install_steps();
        assert!(steps.contains(&format!(
            "wasm-bindgen {version} cargo install wasm-bindgen-cli --version {version}"
        )));
    }

    #[test]
    fn trunk_and_wasm_opt_are_pinned_where_they_are_used() {
        let steps = install_steps();
        assert!(steps.contains(&format!(
            "trunk {TRUNK_VERSION} cargo install --locked trunk --version {TRUNK_VERSION}"
        )));
        assert!(read("Trunk.toml").contains("wasm_opt = \"version_132\""));
        assert!(read("tools/package.json").contains("\"binaryen\": \"132.0.0\""));
        assert!(read("tests/e2e/package.json").contains("\"playwright-core\": \"1.65.1\""));
        assert!(read("benches/web/package.json").contains("\"playwright-core\": \"1.65.1\""));
        assert!(read("benches/web/package.json").contains("\"pyodide\": \"314.0.7\""));
    }
}
