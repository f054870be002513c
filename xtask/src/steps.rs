//! Steps of a gate: commands run in order from the workspace root, stopping at
//! the first failure. A step is one line in a list such as
//! [`crate::TEST_STEPS`]; later gates (wasm build, browser tests, size budget)
//! add lines, and new kinds of step add a variant to [`Action`].

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

/// One step of a gate.
pub struct Step {
    /// Short name printed in the header and in the failure message.
    pub title: &'static str,
    /// What the step does.
    pub action: Action,
}

/// What a step does. Commands are written as `[program, args...]`; the
/// program `cargo` means the cargo that runs xtask.
pub enum Action {
    /// Runs a command; the step fails if it exits non-zero.
    Run(&'static [&'static str]),
    /// Runs `cargo test ...` like [`Action::Run`], and adds the counts of its
    /// `test result:` lines to the gate's closing line.
    CargoTests(&'static [&'static str]),
    /// Installs a pinned tool only when it is missing: runs `probe`, and if it
    /// fails or its output lacks `expect` (a version, say), runs `install`.
    Ensure {
        /// A cheap command that succeeds when the tool is there.
        probe: &'static [&'static str],
        /// Text the probe must print (stdout or stderr), e.g. `0.21.14`;
        /// empty to accept any version.
        expect: &'static str,
        /// The command that installs the tool.
        install: &'static [&'static str],
    },
}

impl Step {
    /// A step that runs `command`.
    pub const fn run(title: &'static str, command: &'static [&'static str]) -> Self {
        Self {
            title,
            action: Action::Run(command),
        }
    }

    /// A step that runs a `cargo test` command and counts its tests.
    pub const fn cargo_tests(title: &'static str, command: &'static [&'static str]) -> Self {
        Self {
            title,
            action: Action::CargoTests(command),
        }
    }

    /// A step that runs `install` unless `probe` shows the tool (with
    /// `expect` in its output) is already there.
    pub const fn ensure(
        title: &'static str,
        probe: &'static [&'static str],
        expect: &'static str,
        install: &'static [&'static str],
    ) -> Self {
        Self {
            title,
            action: Action::Ensure {
                probe,
                expect,
                install,
            },
        }
    }
}

/// Tests counted over a gate's [`Action::CargoTests`] steps.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
    /// Tests marked `#[ignore]`.
    pub ignored: u64,
}

/// Runs `steps` in order in `root`, printing a header for each; stops at the
/// first failure and says which step failed. Ends with one line of test counts
/// (`xtask: N passed, N failed`), so that a reader of the log, or CI, sees the
/// whole gate's total rather than the last test binary's.
pub fn run_all(gate: &str, steps: &[Step], root: &Path) -> Result<(), String> {
    let mut tally = Tally::default();
    let outcome = run_steps(gate, steps, root, &mut tally);
    if steps
        .iter()
        .any(|step| matches!(step.action, Action::CargoTests(_)))
    {
        println!("\n{}", tally_line(tally));
    }
    outcome
}

/// The closing line in the form `N passed, N failed[, N skipped]`.
pub fn tally_line(tally: Tally) -> String {
    let mut line = format!("xtask: {} passed, {} failed", tally.passed, tally.failed);
    if tally.ignored > 0 {
        line.push_str(&format!(", {} skipped", tally.ignored));
    }
    line
}

fn run_steps(gate: &str, steps: &[Step], root: &Path, tally: &mut Tally) -> Result<(), String> {
    for (index, step) in steps.iter().enumerate() {
        println!(
            "\n==> [{}/{}] {}: {}",
            index + 1,
            steps.len(),
            step.title,
            describe(&step.action)
        );
        run_step(&step.action, root, tally)
            .map_err(|reason| format!("{gate}: step \"{}\" failed: {reason}", step.title))?;
    }
    println!("\n{gate}: all {} steps passed", steps.len());
    Ok(())
}

fn describe(action: &Action) -> String {
    match action {
        Action::Run(command) | Action::CargoTests(command) => command.join(" "),
        Action::Ensure { probe, install, .. } => {
            format!("{} (if missing: {})", probe.join(" "), install.join(" "))
        }
    }
}

fn run_step(action: &Action, root: &Path, tally: &mut Tally) -> Result<(), String> {
    match action {
        Action::Run(command) => run(command, root),
        Action::CargoTests(command) => run_counting_tests(command, root, tally),
        Action::Ensure {
            probe,
            expect,
            install,
        } => {
            if probe_succeeds(probe, expect, root) {
                println!("already installed");
                return Ok(());
            }
            run(install, root)?;
            if probe_succeeds(probe, expect, root) {
                Ok(())
            } else {
                Err(format!("still missing after `{}`", install.join(" ")))
            }
        }
    }
}

/// Runs `[program, args...]` in `root` with inherited output.
pub fn run(command: &[&str], root: &Path) -> Result<(), String> {
    let status = command_for(command, root)?
        .status()
        .map_err(|error| format!("cannot start `{}`: {error}", command.join(" ")))?;
    check_status(status)
}

/// Like [`run`], with extra environment variables.
pub fn run_with_env(command: &[&str], env: &[(&str, String)], root: &Path) -> Result<(), String> {
    let mut process = command_for(command, root)?;
    process.envs(env.iter().map(|(name, value)| (name, value)));
    let status = process
        .status()
        .map_err(|error| format!("cannot start `{}`: {error}", command.join(" ")))?;
    check_status(status)
}

/// Runs a `cargo test` command, passing its output through line by line
/// while adding up the counts of its `test result:` lines.
fn run_counting_tests(command: &[&str], root: &Path, tally: &mut Tally) -> Result<(), String> {
    let cannot_start = |error| format!("cannot start `{}`: {error}", command.join(" "));
    let mut child = command_for(command, root)?
        .stdout(Stdio::piped())
        .spawn()
        .map_err(cannot_start)?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            count_test_result(&line, tally);
        }
    }
    check_status(child.wait().map_err(cannot_start)?)
}

/// Adds the counts of a libtest summary such as `test result: ok. 24 passed;
/// 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s`.
pub fn count_test_result(line: &str, tally: &mut Tally) {
    let Some(summary) = line.strip_prefix("test result: ") else {
        return;
    };
    for part in summary.split(';') {
        let mut words = part.split_whitespace().rev();
        let (Some(kind), Some(count)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(count) = count.parse::<u64>() else {
            continue;
        };
        match kind {
            "passed" => tally.passed += count,
            "failed" => tally.failed += count,
            "ignored" => tally.ignored += count,
            _ => {}
        }
    }
}

fn check_status(status: ExitStatus) -> Result<(), String> {
    if status.success() {
        Ok(())
    } else {
        Err(format!("exited with {status}"))
    }
}

fn probe_succeeds(probe: &[&str], expect: &str, root: &Path) -> bool {
    let Ok(mut command) = command_for(probe, root) else {
        return false;
    };
    let Ok(output) = command.stdin(Stdio::null()).output() else {
        return false;
    };
    let printed = [output.stdout, output.stderr].concat();
    output.status.success() && String::from_utf8_lossy(&printed).contains(expect)
}

fn command_for(command: &[&str], root: &Path) -> Result<Command, String> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| "empty command".to_owned())?;
    let mut process = Command::new(resolve(program));
    process.args(args).current_dir(root);
    Ok(process)
}

/// `cargo` is the cargo running xtask (cargo sets `CARGO`), so nested builds
/// use the same toolchain; they also inherit `CARGO_TARGET_DIR`.
fn resolve(program: &str) -> String {
    match (program, std::env::var("CARGO")) {
        ("cargo", Ok(cargo)) => cargo,
        _ => program.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::steps::{count_test_result, run_all, tally_line, Step, Tally};

    #[test]
    fn test_result_lines_are_added_up() {
        let mut tally = Tally::default();
        count_test_result("test result: ok. 24 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.01s", &mut tally);
        count_test_result("test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 5 filtered out; finished in 3.02s", &mut tally);
        count_test_result("test parser::tests::x ... ok", &mut tally);
        let expected = Tally {
            passed: 27,
            failed: 1,
            ignored: 2,
        };
        assert_eq!(tally, expected);
        assert_eq!(tally_line(tally), "xtask: 27 passed, 1 failed, 2 skipped");
    }

    #[test]
    fn a_failing_step_stops_the_gate_and_is_named() {
        let steps = [
            Step::run("first", &["true"]),
            Step::run("broken", &["false"]),
            Step::run("never", &["sh", "-c", "exit 3"]),
        ];
        let error = run_all("gate", &steps, std::path::Path::new("."));
        assert_eq!(
            error,
            Err("gate: step \"broken\" failed: exited with exit status: 1".to_owned())
        );
    }

    #[test]
    fn an_ensure_step_skips_installing_what_is_there() {
        let steps = [Step::ensure(
            "sh",
            &["sh", "-c", "echo v1.2"],
            "1.2",
            &["false"],
        )];
        assert_eq!(run_all("gate", &steps, std::path::Path::new(".")), Ok(()));
    }

    #[test]
    fn an_ensure_step_installs_a_missing_or_wrong_version() {
        let wrong = [Step::ensure(
            "sh",
            &["sh", "-c", "echo v1.1"],
            "1.2",
            &["true"],
        )];
        let error = run_all("gate", &wrong, std::path::Path::new("."));
        assert_eq!(
            error,
            Err("gate: step \"sh\" failed: still missing after `true`".to_owned())
        );
    }
}
