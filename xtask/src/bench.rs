//! `cargo xtask bench`: the native benchmarks of BENCHMARKS.md. Each program
//! under `benches/` runs with Awaitable's release CLI and with `python3`, a few
//! times each; the table shows medians and the ratio. Benchmarks are not tests:
//! nothing here fails on a slow result.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Runs per program and interpreter; the median is reported.
const RUNS: usize = 5;

/// Builds the CLI in release and prints the comparison table.
pub fn run(root: &Path) -> Result<(), String> {
    crate::steps::run_with_env(
        &["cargo", "build", "--release", "--package", "awaitable-cli"],
        &[],
        root,
    )?;
    let awaitable = root.join("target/release/awaitable");
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
