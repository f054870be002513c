//! The `awaitable` binary as a user runs it: scripts, notebooks, clocks, timelines.

use std::path::PathBuf;
use std::process::Command;

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_awaitable"))
}

/// A scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The course's cell (d) as the page shows it, after the imports of cell (a).
fn course_cell_d() -> String {
    let cells = awaitable_notebook::course::course();
    let d = cells
        .iter()
        .find(|c| c.id == "cell-d")
        .and_then(|c| c.code())
        .expect("the course has cell (d)");
    format!("import asyncio, time\n\n{}", d.source)
}

#[test]
fn a_script_prints_and_exits_zero() {
    let dir = scratch("script");
    let file = dir.join("hello.py");
    std::fs::write(&file, "import asyncio\nasync def f():\n    await asyncio.sleep(0.01)\n    return 42\nprint(asyncio.run(f()))\n").expect("write");
    let out = binary().arg("run").arg(&file).output().expect("runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
    assert!(out.status.success());
}

#[test]
fn an_uncaught_exception_prints_a_traceback_and_exits_one() {
    let dir = scratch("traceback");
    std::fs::write(dir.join("bad.py"), "def f():\n    return 1 / 0\nf()\n").expect("write");
    let out = binary()
        .current_dir(&dir)
        .args(["run", "bad.py"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with(
            "Traceback (most recent call last):\n  File \"bad.py\", line 3, in <module>\n    f()\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("ZeroDivisionError: division by zero\n"),
        "{stderr}"
    );
}

#[test]
fn a_syntax_error_is_reported_like_cpython() {
    let dir = scratch("syntax");
    std::fs::write(
        dir.join("top.py"),
        "import asyncio\nawait asyncio.sleep(1)\n",
    )
    .expect("write");
    let out = binary()
        .current_dir(&dir)
        .args(["run", "top.py"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("File \"top.py\", line 2")
            && stderr.ends_with("SyntaxError: 'await' outside function\n"),
        "{stderr}"
    );
}

#[test]
fn the_virtual_clock_runs_the_course_cell_d_in_no_time_with_real_durations() {
    let dir = scratch("notebook");
    let notebook = serde_json::json!({
        "cells": [
            {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# Cours"},
            {"cell_type": "code", "id": "d", "metadata": {}, "execution_count": null, "outputs": [], "source": course_cell_d()},
            {"cell_type": "code", "id": "e", "metadata": {}, "execution_count": null, "outputs": [], "source": "asyncio.run(main())"},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5
    });
    std::fs::write(dir.join("in.ipynb"), notebook.to_string()).expect("write");
    let start = std::time::Instant::now();
    let status = binary()
        .current_dir(&dir)
        .args([
            "execute",
            "in.ipynb",
            "--output",
            "out.ipynb",
            "--clock",
            "virtual",
            "--timeline",
            "timeline.json",
        ])
        .status()
        .expect("runs");
    assert!(
        start.elapsed().as_secs() < 20,
        "the virtual clock should skip the 60 s of sleeps"
    );
    assert_eq!(
        status.code(),
        Some(1),
        "the asyncio.run cell fails, so the run reports failure"
    );
    let out: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("out.ipynb")).expect("output written"),
    )
    .expect("json");
    let cells = out["cells"].as_array().expect("cells");
    let text: String = cells[1]["outputs"][0]["text"]
        .as_array()
        .map(|l| l.iter().filter_map(|s| s.as_str()).collect())
        .unwrap_or_default();
    assert!(
        text.contains("Durée totale d'exécution: 30.00 secondes")
            && text.contains("Durée totale d'exécution: 10.00 secondes"),
        "{text}"
    );
    assert_eq!(cells[2]["outputs"][0]["ename"], "RuntimeError");
    assert_eq!(
        cells[2]["outputs"][0]["evalue"],
        "asyncio.run() cannot be called from a running event loop"
    );
    assert_eq!(cells[1]["execution_count"], 1);
    let timeline: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("timeline.json")).expect("timeline written"),
    )
    .expect("json");
    let events = timeline.as_array().expect("events");
    assert!(
        events
            .iter()
            .filter(|e| e["event"] == "task_created" && e["cell"].is_null())
            .count()
            >= 3,
        "gather created three tasks"
    );
    assert!(
        events.iter().any(|e| e["event"] == "loop_blocked"),
        "time.sleep blocked the loop"
    );
}

#[test]
fn bad_usage_is_explained() {
    let out = binary().arg("frobnicate").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"));
}
