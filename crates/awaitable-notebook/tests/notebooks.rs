//! Notebook mode against an IPython kernel: every notebook of the corpus
//! (`awaitable-python/tests/corpus/notebooks/NAME.ipynb`) runs on Awaitable's
//! kernel with a virtual clock, and each cell's outputs must match what
//! `record_notebooks.py` recorded from IPython in `NAME.expected.ipynb`.
//!
//! Compared: stream text (stdout and stderr), `execute_result` text, and error
//! names and values. Memory addresses in reprs are masked; durations are
//! compared exactly when IPython measured pure waiting (`30.00`), and only
//! checked to be numbers when it included CPU time, which differs by machine.

use std::path::{Path, PathBuf};

use awaitable_notebook::ipynb::{self, Cell, Output};
use awaitable_notebook::kernel::Kernel;
use awaitable_python::runtime::Outcome;
use awaitable_python::script::FrozenClock;

fn notebooks_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../awaitable-python/tests/corpus/notebooks")
}

/// One cell's outputs reduced to what is compared.
#[derive(Debug, Default, PartialEq)]
struct Seen {
    stdout: String,
    stderr_warnings: Vec<String>,
    result: Option<String>,
    error: Option<(String, String)>,
}

fn mask_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i + 2]);
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
        out.push('…');
    }
    out.push_str(rest);
    out
}

/// Syntax errors name the cell's file, which IPython names after a hash: drop it.
fn without_filename(evalue: &str) -> String {
    match (evalue.rfind(" ("), evalue.ends_with(')')) {
        (Some(i), true) if evalue[i..].contains(", line ") => {
            let line = evalue[i..].rsplit(", line ").next().unwrap_or("");
            format!("{} (line {line}", &evalue[..i])
        }
        _ => evalue.to_string(),
    }
}

fn seen(outputs: &[Output]) -> Seen {
    let mut s = Seen::default();
    for o in outputs {
        match o {
            Output::Stream { name, text } if name.as_str() == "stdout" => s.stdout.push_str(text),
            Output::Stream { text, .. } => {
                s.stderr_warnings.extend(
                    text.lines()
                        .filter(|l| l.contains("RuntimeWarning: coroutine"))
                        .map(|l| l.split(": RuntimeWarning").nth(1).unwrap_or(l).to_string()),
                );
            }
            Output::ExecuteResult { data, .. } => {
                s.result = data
                    .get("text/plain")
                    .and_then(|v| v.as_str())
                    .map(mask_addresses)
            }
            Output::Error { ename, evalue, .. } => {
                s.error = Some((ename.clone(), without_filename(evalue)))
            }
            Output::DisplayData { .. } => {}
        }
    }
    s.stdout = mask_addresses(&s.stdout);
    s
}

/// Durations that include CPU time are machine-dependent: keep only their shape.
fn normalize_durations(expected: &str, got: &str) -> (String, String) {
    let marker = "Durée totale d'exécution: ";
    let mask = |line: &str, keep_exact: bool| -> String {
        match line.split_once(marker) {
            Some((head, tail)) if !keep_exact => {
                let unit = tail.split_once(' ').map(|(_, u)| u).unwrap_or("");
                format!("{head}{marker}<cpu-dependent> {unit}")
            }
            _ => line.to_string(),
        }
    };
    let exp_lines: Vec<&str> = expected.lines().collect();
    let got_lines: Vec<&str> = got.lines().collect();
    let mut e = Vec::new();
    let mut g = Vec::new();
    for i in 0..exp_lines.len().max(got_lines.len()) {
        let el = exp_lines.get(i).copied().unwrap_or("");
        let exact = el
            .split_once(marker)
            .is_none_or(|(_, t)| t.starts_with(|c: char| c.is_ascii_digit()) && t.contains(".00 "));
        e.push(mask(el, exact));
        g.push(mask(got_lines.get(i).copied().unwrap_or(""), exact));
    }
    (e.join("\n"), g.join("\n"))
}

fn run_notebook(path: &Path) -> Vec<Seen> {
    let text = std::fs::read_to_string(path).expect("notebook readable");
    let notebook = ipynb::parse(&text).expect("notebook parses");
    let mut kernel = Kernel::new(Box::new(FrozenClock::default()));
    let mut results = Vec::new();
    for cell in &notebook.cells {
        let Cell::Code(code) = cell else { continue };
        kernel.execute(&code.source);
        let mut steps = 0;
        while kernel.is_running() && steps < 10_000 {
            steps += 1;
            let outcome = kernel.step(1_000_000);
            if !kernel.is_running() {
                break;
            }
            match outcome {
                Outcome::Busy => {}
                Outcome::Idle { wake_at: Some(t) } => {
                    let aio = &mut kernel.runtime().interp.aio;
                    let now = aio.now();
                    aio.skipped += (t - now).max(0.0);
                }
                Outcome::Idle { wake_at: None } => kernel.interrupt(),
            }
        }
    }
    let mut count = 1;
    while let Some(execution) = kernel.execution(count) {
        results.push(seen(&execution.outputs));
        count += 1;
    }
    results
}

fn expected(path: &Path) -> Vec<Seen> {
    let text = std::fs::read_to_string(path.with_extension("expected.ipynb"))
        .expect("expected notebook readable");
    let notebook = ipynb::parse(&text).expect("expected notebook parses");
    notebook
        .cells
        .iter()
        .filter_map(|c| {
            if let Cell::Code(code) = c {
                Some(seen(&code.outputs))
            } else {
                None
            }
        })
        .collect()
}

#[test]
fn notebooks_match_ipython() {
    let Ok(entries) = std::fs::read_dir(notebooks_dir()) else {
        panic!("no notebook corpus at {}", notebooks_dir().display());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "ipynb")
                && !p.to_string_lossy().ends_with(".expected.ipynb")
        })
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 8,
        "expected at least 8 notebooks, found {}",
        paths.len()
    );
    let mut failures = Vec::new();
    for path in &paths {
        let (want, got) = (expected(path), run_notebook(path));
        for (i, (w, g)) in want.iter().zip(got.iter()).enumerate() {
            let (ws, gs) = normalize_durations(&w.stdout, &g.stdout);
            let same = ws == gs
                && w.result == g.result
                && w.error == g.error
                && w.stderr_warnings == g.stderr_warnings;
            if !same {
                failures.push(format!(
                    "{} cell {i}:\n  IPython:   {w:?}\n  Awaitable: {g:?}",
                    path.file_name()
                        .map(|n| n.to_string_lossy())
                        .unwrap_or_default()
                ));
            }
        }
        if want.len() != got.len() {
            failures.push(format!(
                "{}: {} cells expected, {} run",
                path.display(),
                want.len(),
                got.len()
            ));
        }
    }
    for f in &failures {
        eprintln!("{f}\n");
    }
    assert!(
        failures.is_empty(),
        "{} notebook cells differ from IPython",
        failures.len()
    );
}
