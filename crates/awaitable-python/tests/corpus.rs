//! The conformance corpus: every program under `tests/corpus/` runs on
//! Awaitable (virtual clock) and must print what CPython printed for it.
//!
//! CPython's output is recorded by `tests/corpus/record.py` into `NAME.out`
//! (standard output) and `NAME.err` (`exit: N`, then standard error). We compare
//! standard output exactly, the exit status, the traceback's frames in the
//! program's own file, its last line (the exception), and warnings.

use std::path::{Path, PathBuf};

use awaitable_python::script::run_script_virtual;

/// Enough for the course's big-integer cells; runaway loops are interrupted.
const MAX_INSTRUCTIONS: u64 = 200_000_000;

struct Expected {
    stdout: String,
    exit_code: i32,
    stderr: String,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn programs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() && path.file_name().is_some_and(|n| n != "notebooks") {
            programs(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") && path.with_extension("out").exists()
        {
            out.push(path);
        }
    }
}

fn expected(path: &Path) -> Expected {
    let stdout = std::fs::read_to_string(path.with_extension("out")).unwrap_or_default();
    let err = std::fs::read_to_string(path.with_extension("err")).unwrap_or_default();
    let (exit_code, stderr) = match err.split_once('\n') {
        Some((first, rest)) if first.starts_with("exit: ") => {
            (first[6..].trim().parse().unwrap_or(1), rest.to_string())
        }
        _ => (0, err),
    };
    Expected {
        stdout,
        exit_code,
        stderr,
    }
}

/// The `File "NAME", line N, in F` lines for the program's own file.
fn user_frames(stderr: &str, filename: &str) -> Vec<String> {
    let prefix = format!("  File \"{filename}\"");
    stderr
        .lines()
        .filter(|l| l.starts_with(&prefix))
        .map(str::to_string)
        .collect()
}

fn last_line(stderr: &str) -> &str {
    stderr
        .lines()
        .rev()
        .find(|l| {
            !l.trim().is_empty()
                && !l.trim_start().starts_with('^')
                && !l.trim_start().starts_with('~')
        })
        .unwrap_or("")
}

fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains("RuntimeWarning: coroutine"))
        .map(|l| l.split(": RuntimeWarning").nth(1).unwrap_or(l))
        .collect()
}

/// Compares one program; returns a description of the first difference.
fn check(path: &Path) -> Result<(), String> {
    let source = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let filename = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("main.py");
    let want = expected(path);
    let got = run_script_virtual(&source, filename, MAX_INSTRUCTIONS);
    if got.stdout != want.stdout {
        return Err(format!(
            "stdout differs\n--- CPython\n{}\n--- Awaitable\n{}\n--- stderr\n{}",
            want.stdout, got.stdout, got.stderr
        ));
    }
    if got.exit_code != want.exit_code {
        return Err(format!(
            "exit code {} instead of {}\n--- stderr\n{}",
            got.exit_code, want.exit_code, got.stderr
        ));
    }
    if want.exit_code != 0 {
        let (a, b) = (last_line(&want.stderr), last_line(&got.stderr));
        if a != b {
            return Err(format!("last stderr line differs\n--- CPython\n{a}\n--- Awaitable\n{b}\n--- full stderr\n{}", got.stderr));
        }
        let (fa, fb) = (
            user_frames(&want.stderr, filename),
            user_frames(&got.stderr, filename),
        );
        if fa != fb {
            return Err(format!(
                "traceback frames differ\n--- CPython\n{}\n--- Awaitable\n{}",
                fa.join("\n"),
                fb.join("\n")
            ));
        }
    }
    if warnings(&want.stderr) != warnings(&got.stderr) {
        return Err(format!(
            "warnings differ\n--- CPython\n{}\n--- Awaitable\n{}",
            want.stderr, got.stderr
        ));
    }
    Ok(())
}

#[test]
fn corpus_matches_cpython() {
    let mut paths = Vec::new();
    programs(&corpus_dir(), &mut paths);
    paths.sort();
    assert!(
        paths.len() >= 150,
        "the corpus should hold at least 150 recorded programs, found {}",
        paths.len()
    );
    let filter = std::env::var("CORPUS_FILTER").unwrap_or_default();
    let mut failures = Vec::new();
    let mut ran = 0;
    for path in paths
        .iter()
        .filter(|p| p.to_string_lossy().contains(&filter))
    {
        ran += 1;
        if let Err(why) = check(path) {
            let name = path
                .strip_prefix(corpus_dir())
                .unwrap_or(path)
                .display()
                .to_string();
            failures.push((name, why));
        }
    }
    for (name, why) in &failures {
        eprintln!("=== {name}: {why}\n");
    }
    let names: Vec<&str> = failures.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        failures.is_empty(),
        "{} of {ran} corpus programs differ from CPython: {}",
        failures.len(),
        names.join(", ")
    );
}
