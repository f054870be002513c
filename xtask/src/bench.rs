//! `cargo xtask bench`: the benchmarks of BENCHMARKS.md. Natively, each
//! program under `benches/` runs with Awaitable's release CLI and with
//! `python3`, a few times each; the table shows medians and the ratio. In the
//! browser, `benches/web/bench.mjs` drives headless Chromium through the
//! release page and a Pyodide page, both served from loopback. Benchmarks are
//! not tests: nothing here fails on a slow result.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::steps::{self, Step};
use crate::web;

/// Runs per program and interpreter; the median is reported.
const RUNS: usize = 5;

/// What the browser benchmarks need, in order: the page as it ships,
/// Chromium, the pinned Pyodide, then the run itself.
#[rustfmt::skip]
pub const WEB_STEPS: &[&[Step]] = &[
    web::BUILD_TOOLS,
    web::BUILD_DIST,
    &[web::CHROMIUM, web::BENCH_PACKAGES],
    &[Step::run("browser benchmarks", &["node", "benches/web/bench.mjs"])],
];

/// Which halves of the benchmarks to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub native: bool,
    pub web: bool,
}

impl Scope {
    /// `bench [--native-only | --web-only]`; both halves by default.
    pub fn parse(args: &[String]) -> Result<Self, String> {
        match args {
            [] => Ok(Self {
                native: true,
                web: true,
            }),
            [flag] if flag == "--native-only" => Ok(Self {
                native: true,
                web: false,
            }),
            [flag] if flag == "--web-only" => Ok(Self {
                native: false,
                web: true,
            }),
            _ => Err(format!("unknown bench options: {}", args.join(" "))),
        }
    }
}

/// Runs the native table, then the browser table, as `scope` says.
pub fn run(root: &Path, scope: Scope) -> Result<(), String> {
    if scope.native {
        run_native(root)?;
    }
    if scope.web {
        steps::run_all("xtask bench", WEB_STEPS, root)?;
    }
    Ok(())
}

/// Builds the CLI in release and prints the comparison table.
fn run_native(root: &Path) -> Result<(), String> {
    steps::run_with_env(
        &["cargo", "build", "--release", "--package", "awaitable-cli"],
        &[],
        root,
    )?;
    let awaitable = release_binary(root, std::env::var_os("CARGO_TARGET_DIR"), "awaitable");
    let mut programs: Vec<_> = std::fs::read_dir(root.join("benches"))
        .map_err(|e| format!("benches/: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    programs.sort();
    println!("| program | Awaitable (s) | python3 (s) | ratio |");
    println!("| --- | ---: | ---: | ---: |");
    for program in programs {
        let name = program
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        let path = program.to_string_lossy().to_string();
        let ours = median_seconds(awaitable.to_string_lossy().as_ref(), &["run", &path])?;
        let theirs = median_seconds("python3", &["-X", "int_max_str_digits=0", &path])?;
        println!(
            "| {name} | {ours:.3} | {theirs:.3} | {:.2} |",
            ours / theirs
        );
    }
    Ok(())
}

/// Where cargo puts a release binary: under `CARGO_TARGET_DIR` when it is set
/// (relative to the workspace root, as cargo reads it), else `target/`.
fn release_binary(root: &Path, target_dir: Option<OsString>, name: &str) -> PathBuf {
    let target = target_dir.map_or_else(|| root.join("target"), |dir| root.join(dir));
    target.join("release").join(name)
}

fn median_seconds(program: &str, args: &[&str]) -> Result<f64, String> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let status = Command::new(program)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("{program}: {e}"))?;
        if !status.success() {
            return Err(format!("{program} {} failed: {status}", args.join(" ")));
        }
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok(times[RUNS / 2])
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;
    use std::path::Path;

    use crate::bench::{release_binary, Scope};

    #[test]
    fn the_cli_is_found_in_cargos_target_folder() {
        let root = Path::new("/repo");
        assert_eq!(
            release_binary(root, None, "awaitable"),
            Path::new("/repo/target/release/awaitable")
        );
        let elsewhere = Some(OsString::from("/tmp/target"));
        assert_eq!(
            release_binary(root, elsewhere, "awaitable"),
            Path::new("/tmp/target/release/awaitable")
        );
        let relative = Some(OsString::from("build"));
        assert_eq!(
            release_binary(root, relative, "awaitable"),
            Path::new("/repo/build/release/awaitable")
        );
    }

    fn parse(args: &[&str]) -> Result<Scope, String> {
        let args: Vec<String> = args.iter().map(|arg| (*arg).to_owned()).collect();
        Scope::parse(&args)
    }

    #[test]
    fn bench_runs_both_halves_unless_told_otherwise() {
        let both = Scope {
            native: true,
            web: true,
        };
        assert_eq!(parse(&[]), Ok(both));
        assert_eq!(parse(&["--native-only"]), Ok(Scope { web: false, ..both }));
        assert_eq!(
            parse(&["--web-only"]),
            Ok(Scope {
                native: false,
                ..both
            })
        );
        assert!(parse(&["--native-only", "--web-only"]).is_err());
        assert!(parse(&["--fast"]).is_err());
    }
}
