//! Project tasks, run as `cargo xtask <task>` from anywhere in the workspace.
//! Std-only so that it builds in seconds before anything else.

mod bench;
mod dist;
mod serve;
mod steps;
mod web;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::steps::Step;

/// The native part of the test gate, in order. Components follow the
/// toolchain's own version, so "pinned" here means: the ones of the installed
/// rustc.
// One line per step, so the list reads as the gate it is.
#[rustfmt::skip]
const NATIVE_STEPS: &[Step] = &[
    Step::ensure("rustfmt", &["cargo", "fmt", "--version"], "", &["rustup", "component", "add", "rustfmt"]),
    Step::ensure("clippy", &["cargo", "clippy", "--version"], "", &["rustup", "component", "add", "clippy"]),
    Step::run("format", &["cargo", "fmt", "--all", "--", "--check"]),
    Step::run("lint", &["cargo", "clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
    Step::tests("test", &["cargo", "test", "--workspace"]),
];

/// The project's single test gate, in order: native checks and tests first
/// (they need nothing installed), then the pinned web tools (shared with
/// `serve`), then the browser tests, the page's release build and the
/// end-to-end test of that page.
const TEST_STEPS: &[&[Step]] = &[
    NATIVE_STEPS,
    web::BUILD_TOOLS,
    web::TEST_TOOLS,
    web::TEST_STEPS,
];

/// `cargo xtask dist` and `cargo xtask serve`: the same pinned tools, then the
/// release build and its post-processing.
const DIST_STEPS: &[&[Step]] = &[web::BUILD_TOOLS, web::BUILD_DIST];

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  test                  the test gate: format check, clippy -D warnings, all tests
  fuzz [--seconds N] [--seed N]
                        fuzz the interpreter with mutated Python source
                        (default 600 seconds, a new seed each run)
  dist                  install the pinned web tools and build the page to ship
                        in dist/: the hosted site (with its service worker) and
                        dist/awaitable.html, one self-contained file
  serve [--port N]      the same build as dist, served at
                        http://127.0.0.1:8080/ (or port N)
  bench [--native-only | --web-only]
                        benchmarks (BENCHMARKS.md): Awaitable's CLI vs python3,
                        then the release page vs Pyodide and JavaScript in
                        headless Chromium
  help                  this message";

/// Exit status of a task that exists in name only, and of bad usage.
const NOT_AVAILABLE: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (task, rest) = match args.split_first() {
        Some((task, rest)) => (task.as_str(), rest),
        None => return usage_error("no task given"),
    };
    match task {
        "test" if rest.is_empty() => {
            report(steps::run_all("xtask test", TEST_STEPS, &workspace_root()))
        }
        "dist" if rest.is_empty() => {
            report(steps::run_all("xtask dist", DIST_STEPS, &workspace_root()))
        }
        "fuzz" => match FuzzArgs::parse(rest) {
            Ok(fuzz_args) => report(fuzz(&fuzz_args)),
            Err(message) => usage_error(&message),
        },
        "serve" => match parse_port(rest) {
            Ok(port) => report(serve(port)),
            Err(message) => usage_error(&message),
        },
        "bench" => match bench::Scope::parse(rest) {
            Ok(scope) => report(bench::run(&workspace_root(), scope)),
            Err(message) => usage_error(&message),
        },
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error(&format!("unknown task: {}", args.join(" "))),
    }
}

fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\n{message}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("xtask: {message}\n\n{USAGE}");
    ExitCode::from(NOT_AVAILABLE)
}

/// Builds the page with the pinned tools and serves `dist/` on loopback.
fn serve(port: u16) -> Result<(), String> {
    let root = workspace_root();
    steps::run_all("xtask serve", DIST_STEPS, &root)?;
    serve::serve(&root.join("dist"), port).map_err(|reason| format!("xtask serve: {reason}"))
}

/// The port of `serve [--port N]`.
fn parse_port(args: &[String]) -> Result<u16, String> {
    match args {
        [] => Ok(serve::DEFAULT_PORT),
        [flag, value] if flag == "--port" => value
            .parse()
            .map_err(|_| format!("--port needs a port number, not {value:?}")),
        _ => Err(format!("unknown serve options: {}", args.join(" "))),
    }
}

/// The workspace root: the parent of xtask's own folder. Cargo sets
/// `CARGO_MANIFEST_DIR` when it runs xtask; the build-time value covers running
/// the binary directly.
fn workspace_root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
        .parent()
        .map_or(manifest_dir.clone(), PathBuf::from)
}

/// Options of `cargo xtask fuzz`.
#[derive(Debug, PartialEq, Eq)]
struct FuzzArgs {
    seconds: u64,
    seed: Option<u64>,
}

impl FuzzArgs {
    const DEFAULT_SECONDS: u64 = 600;

    fn parse(args: &[String]) -> Result<Self, String> {
        let mut parsed = Self {
            seconds: Self::DEFAULT_SECONDS,
            seed: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag, Some(value)),
                None => (arg.as_str(), None),
            };
            let value = inline
                .or_else(|| args.next().map(String::as_str))
                .ok_or_else(|| format!("{flag} needs a value"))?;
            let number = value
                .parse()
                .map_err(|_| format!("{flag} needs a whole number, not {value:?}"))?;
            match flag {
                "--seconds" => parsed.seconds = number,
                "--seed" => parsed.seed = Some(number),
                _ => return Err(format!("unknown fuzz option: {arg}")),
            }
        }
        Ok(parsed)
    }
}

/// Runs the interpreter's fuzz test (crates/awaitable-python/tests/fuzz)
/// optimised, for the given time. Without `--seed`, each run takes a new seed
/// from the clock, so that long runs explore new cases; it is printed so that
/// a run can be repeated.
fn fuzz(args: &FuzzArgs) -> Result<(), String> {
    let seed = args.seed.unwrap_or_else(clock_seed);
    println!("xtask fuzz: {} seconds, seed {seed}", args.seconds);
    let command = [
        "cargo",
        "test",
        "--profile",
        "fuzz",
        "--package",
        "awaitable-python",
        "--test",
        "fuzz",
        "--",
        "--exact",
        "python_source_never_crashes_the_interpreter",
        "--nocapture",
    ];
    let env = [
        ("AWAITABLE_FUZZ_SECONDS", args.seconds.to_string()),
        ("AWAITABLE_FUZZ_SEED", seed.to_string()),
    ];
    steps::run_with_env(&command, &env, &workspace_root())
        .map_err(|reason| format!("xtask fuzz: {reason}"))
}

fn clock_seed() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

#[cfg(test)]
mod tests {
    use crate::{bench, parse_port, workspace_root, FuzzArgs, DIST_STEPS, TEST_STEPS};

    fn parse(args: &[&str]) -> Result<FuzzArgs, String> {
        let args: Vec<String> = args.iter().map(|arg| (*arg).to_owned()).collect();
        FuzzArgs::parse(&args)
    }

    #[test]
    fn fuzz_defaults_to_ten_minutes_and_a_fresh_seed() {
        assert_eq!(
            parse(&[]),
            Ok(FuzzArgs {
                seconds: 600,
                seed: None
            })
        );
    }

    #[test]
    fn fuzz_options_take_separate_or_inline_values() {
        let expected = Ok(FuzzArgs {
            seconds: 30,
            seed: Some(7),
        });
        assert_eq!(parse(&["--seconds", "30", "--seed", "7"]), expected);
        assert_eq!(parse(&["--seconds=30", "--seed=7"]), expected);
    }

    #[test]
    fn bad_fuzz_options_are_explained() {
        assert_eq!(
            parse(&["--seconds"]),
            Err("--seconds needs a value".to_owned())
        );
        assert_eq!(
            parse(&["--seconds", "ten"]),
            Err("--seconds needs a whole number, not \"ten\"".to_owned())
        );
        assert_eq!(
            parse(&["--minutes", "3"]),
            Err("unknown fuzz option: --minutes".to_owned())
        );
    }

    #[test]
    fn the_workspace_root_holds_the_workspace_manifest() {
        assert!(workspace_root().join("xtask").join("Cargo.toml").is_file());
        assert!(workspace_root().join("Cargo.toml").is_file());
    }

    #[test]
    fn step_titles_are_unique() {
        for gate in [TEST_STEPS, DIST_STEPS, bench::WEB_STEPS] {
            let mut titles: Vec<_> = gate
                .iter()
                .flat_map(|s| s.iter())
                .map(|step| step.title)
                .collect();
            let count = titles.len();
            titles.sort_unstable();
            titles.dedup();
            assert_eq!(titles.len(), count);
        }
    }

    #[test]
    fn serve_takes_an_optional_port() {
        let args =
            |list: &[&str]| -> Vec<String> { list.iter().map(|a| (*a).to_owned()).collect() };
        assert_eq!(parse_port(&[]), Ok(8080));
        assert_eq!(parse_port(&args(&["--port", "9000"])), Ok(9000));
        assert!(parse_port(&args(&["--port", "http"])).is_err());
        assert!(parse_port(&args(&["--open"])).is_err());
    }
}
