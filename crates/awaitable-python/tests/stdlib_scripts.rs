//! End-to-end checks of `math`, `random` and `time` through the language: each
//! `stdlib_scripts/NAME.py` runs as a script on the runtime, and its output must
//! equal `NAME.out`, recorded from CPython 3.12 with local time in UTC:
//!
//! ```text
//! cd crates/awaitable-python/tests/stdlib_scripts
//! for f in *.py; do TZ=UTC python3.12 "$f" > "${f%.py}.out"; done
//! ```

use std::path::Path;

use awaitable_python::aio::Clock;
use awaitable_python::compiler::Mode;
use awaitable_python::events::EventKind;
use awaitable_python::interp::Stream;
use awaitable_python::runtime::{Outcome, Runtime};

/// A clock that never moves by itself; waits are skipped.
struct FixedClock;

impl Clock for FixedClock {
    fn monotonic(&self) -> f64 {
        0.0
    }

    fn wall(&self) -> f64 {
        1_767_225_600.0
    }
}

/// Runs a script to the end; returns its stdout, and stderr plus any uncaught exception.
fn run(source: &str, filename: &str) -> (String, String) {
    let mut runtime = Runtime::new(Mode::Script, Box::new(FixedClock));
    if let Err(e) = runtime.start_script(source, filename) {
        return (
            String::new(),
            format!("SyntaxError: line {}: {}", e.line, e.message),
        );
    }
    let (mut stdout, mut stderr) = (String::new(), String::new());
    for _ in 0..10_000 {
        let outcome = runtime.step(1_000_000);
        for event in runtime.take_events() {
            if let EventKind::Output { stream, text, .. } = event.kind {
                match stream {
                    Stream::Stdout => stdout.push_str(&text),
                    _ => stderr.push_str(&text),
                }
            }
        }
        match outcome {
            Outcome::Busy => {}
            Outcome::Idle { wake_at: Some(t) } => {
                let now = runtime.interp.aio.now();
                runtime.interp.aio.skipped += (t - now).max(0.0);
            }
            Outcome::Idle { wake_at: None } => break,
        }
    }
    if let Some(Err(exc)) = runtime.script_result().cloned() {
        stderr.push_str(&runtime.interp.format_exception(&exc));
    }
    (stdout, stderr)
}

#[test]
fn scripts_print_what_cpython_prints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stdlib_scripts");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("the scripts folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no scripts in {}", dir.display());
    let mut failures = Vec::new();
    for path in &names {
        let source = std::fs::read_to_string(path).expect("a script");
        let expected =
            std::fs::read_to_string(path.with_extension("out")).expect("its recorded output");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let (stdout, stderr) = run(&source, name);
        if stdout != expected || !stderr.is_empty() {
            failures.push(format!(
                "== {name}\n{}\n-- stderr:\n{stderr}",
                diff(&expected, &stdout)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The lines that differ, expected then got.
fn diff(expected: &str, got: &str) -> String {
    let (e, g): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), got.lines().collect());
    let mut out = Vec::new();
    for i in 0..e.len().max(g.len()) {
        let (a, b) = (
            e.get(i).copied().unwrap_or("<missing>"),
            g.get(i).copied().unwrap_or("<missing>"),
        );
        if a != b {
            out.push(format!("line {}:\n  want: {a}\n  got:  {b}", i + 1));
        }
    }
    out.join("\n")
}
