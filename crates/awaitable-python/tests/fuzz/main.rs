//! Fuzzing of the interpreter: mutated Python source must never make the
//! parser or the VM panic, hang or overflow the stack. Syntax errors and
//! Python exceptions are the right answers to bad input; only crashes are bugs.
//!
//! `cargo test` runs it for a few seconds; `cargo xtask fuzz --seconds 600`
//! runs it long and optimised. Seeds are `tests/fuzz/seeds/*.py` plus every
//! program of the conformance corpus (`tests/corpus/**/*.py`).
//! To replay a saved input: `AWAITABLE_FUZZ_REPLAY=path cargo test -p
//! awaitable-python --test fuzz` (runs `check` on it without catching).

mod harness;
mod mutate;

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Long enough to exercise the harness on every `cargo test`, short enough
/// not to slow the gate; `AWAITABLE_FUZZ_SECONDS` overrides it.
const DEFAULT_BUDGET: Duration = Duration::from_secs(3);

/// What every fuzz input goes through: the whole pipeline, lexer to VM, with a
/// small instruction budget (a generated `while True: pass` is interrupted) and
/// a virtual clock (a generated `time.sleep(1e9)` takes no time).
fn check(source: &str) {
    let _ = awaitable_python::script::run_script_virtual(source, "fuzz.py", 20_000);
}

#[test]
fn python_source_never_crashes_the_interpreter() {
    if let Some(path) = std::env::var_os("AWAITABLE_FUZZ_REPLAY") {
        let source = std::fs::read(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", Path::new(&path).display()));
        check(&String::from_utf8_lossy(&source));
        return;
    }
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    let config = harness::Config::from_env(DEFAULT_BUDGET, &out_dir)
        .unwrap_or_else(|message| panic!("{message}"));
    let seeds = load_seeds();
    assert!(!seeds.is_empty(), "no seed programs found");
    match harness::fuzz(&config, &seeds, check) {
        Ok(report) => eprintln!(
            "fuzz: {} cases from {} seeds in {:?} (seed {}), no crash",
            report.cases,
            seeds.len(),
            config.budget,
            config.rng_seed
        ),
        Err(failure) => panic!("{failure}"),
    }
}

/// The seed programs, in a stable order so that a run is reproducible.
fn load_seeds() -> Vec<String> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["tests/fuzz/seeds", "tests/corpus"] {
        collect_python_files(&crate_dir.join(dir), &mut paths);
    }
    paths.sort();
    paths
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect()
}

fn collect_python_files(dir: &Path, paths: &mut Vec<PathBuf>) {
    // A missing folder (no corpus yet) simply adds no seeds.
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(|entry| entry.ok().map(|entry| entry.path())) {
        if path.is_dir() {
            collect_python_files(&path, paths);
        } else if path.extension().is_some_and(|ext| ext == "py") {
            paths.push(path);
        }
    }
}
