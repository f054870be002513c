//! End-to-end checks of the built-in types' methods through the language: each
//! `methods_scripts/NAME.py` runs as a script on the runtime, and what it
//! prints must equal `NAME.out`, recorded from CPython 3.12:
//!
//! ```text
//! cd crates/awaitable-python/tests/methods_scripts
//! for f in *.py; do python3.12 "$f" > "${f%.py}.out"; done
//! ```
//!
//! Sets are printed sorted where CPython's hash order would differ from
//! Awaitable's insertion order.

use std::path::Path;

use awaitable_python::script::run_script_virtual;

/// Far more than any of the scripts needs; a runaway loop is interrupted.
const MAX_INSTRUCTIONS: u64 = 50_000_000;

#[test]
fn scripts_print_what_cpython_prints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/methods_scripts");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the scripts folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no scripts in {}", dir.display());
    let mut failures = Vec::new();
    for path in &paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("script.py");
        let source = std::fs::read_to_string(path).expect("a script");
        let expected =
            std::fs::read_to_string(path.with_extension("out")).expect("its recorded output");
        let run = run_script_virtual(&source, name, MAX_INSTRUCTIONS);
        if run.stdout != expected || !run.stderr.is_empty() {
            failures.push(format!(
                "=== {name}\n{}\n--- stderr\n{}",
                diff(&expected, &run.stdout),
                run.stderr
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scripts differ from CPython:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}

/// The lines that differ, as `-want` / `+got` pairs.
fn diff(want: &str, got: &str) -> String {
    let (want, got): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let mut out = Vec::new();
    for i in 0..want.len().max(got.len()) {
        let (w, g) = (want.get(i), got.get(i));
        if w != g {
            out.push(format!(
                "line {}:\n-{}\n+{}",
                i + 1,
                w.unwrap_or(&"<missing>"),
                g.unwrap_or(&"<missing>")
            ));
        }
    }
    out.join("\n")
}
