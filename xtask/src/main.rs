//! Project tasks, run as `cargo xtask <task>` from anywhere in the workspace.
//! Std-only so that it builds in seconds before anything else.

mod bench;
mod steps;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::steps::Step;

/// The project's single test gate, in order. Components follow the toolchain's
/// own version, so "pinned" here means: the ones of the installed rustc.
// One line per step, so the list reads as the gate it is.
#[rustfmt::skip]
const TEST_STEPS: &[Step] = &[
    Step::ensure("rustfmt", &["cargo", "fmt", "--version"], "", &["rustup", "component", "add", "rustfmt"]),
    Step::ensure("clippy", &["cargo", "clippy", "--version"], "", &["rustup", "component", "add", "clippy"]),
    Step::run("format", &["cargo", "fmt", "--all", "--", "--check"]),
    Step::run("lint", &["cargo", "clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
    Step::cargo_tests("test", &["cargo", "test", "--workspace"]),
];

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  test                  the test gate: format check, clippy -D warnings, all tests
  fuzz [--seconds N] [--seed N]
                        fuzz the interpreter with mutated Python source
                        (default 600 seconds, a new seed each run)
  serve                 build and serve the browser app (not built yet)
  bench                 native benchmarks: Awaitable vs python3 (BENCHMARKS.md)
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
        "fuzz" => match FuzzArgs::parse(rest) {
            Ok(fuzz_args) => report(fuzz(&fuzz_args)),
            Err(message) => usage_error(&message),
        },
        "serve" => reserved(
            "serve",
            "the browser app is not built yet; `cargo xtask serve` arrives with it",
        ),
        "bench" => report(bench::run(&workspace_root())),
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

fn reserved(task: &str, message: &str) -> ExitCode {
    eprintln!("xtask {task}: {message}");
    ExitCode::from(NOT_AVAILABLE)
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
    use crate::{workspace_root, FuzzArgs, TEST_STEPS};

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
        let mut titles: Vec<_> = TEST_STEPS.iter().map(|step| step.title).collect();
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), TEST_STEPS.len());
    }
}
