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
    /// Environment the step's commands run with, beyond xtask's own.
    pub env: &'static [Env],
}

/// A change to the environment of a step's commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Env {
    /// Sets a variable.
    Set(&'static str, &'static str),
    /// Puts a folder of the workspace (a path relative to its root) first on
    /// `PATH`, so that pinned tools installed there win over others.
    PathFirst(&'static str),
}

/// What a step does. Commands are written as `[program, args...]`; the
/// program `cargo` means the cargo that runs xtask.
pub enum Action {
    /// Runs a command; the step fails if it exits non-zero.
    Run(&'static [&'static str]),
    /// Runs a test command like [`Action::Run`], and adds the counts it
    /// prints (libtest's `test result:` lines, TAP's `# pass N` and
    /// `# fail N`) to the gate's closing line.
    Tests(&'static [&'static str]),
    /// Runs a function of xtask itself, given the workspace root.
    Task(fn(&Path) -> Result<(), String>),
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
            env: &[],
        }
    }

    /// A step that runs a test command (`cargo test`, `node --test
    /// --test-reporter=tap`) and counts its tests.
    pub const fn tests(title: &'static str, command: &'static [&'static str]) -> Self {
        Self {
            title,
            action: Action::Tests(command),
            env: &[],
        }
    }

    /// A step that runs `task` (Rust code in xtask) from the workspace root.
    pub const fn task(title: &'static str, task: fn(&Path) -> Result<(), String>) -> Self {
        Self {
            title,
            action: Action::Task(task),
            env: &[],
        }
    }

    /// The same step, run with `env`.
    pub const fn with_env(self, env: &'static [Env]) -> Self {
        Self { env, ..self }
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
            env: &[],
        }
    }
}

/// Tests counted over a gate's [`Action::Tests`] steps.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
    /// Tests marked `#[ignore]`.
    pub ignored: u64,
}

/// Runs the steps of `sections`, in order, in `root`, printing a header for
/// each; stops at the first failure and says which step failed. Ends with one
/// line of test counts (`xtask: N passed, N failed`), so that a reader of the
/// log, or CI, sees the whole gate's total rather than the last test
/// binary's. A gate is made of sections so that gates can share one (the
/// tools that `serve` and `test` both install).
pub fn run_all(gate: &str, sections: &[&[Step]], root: &Path) -> Result<(), String> {
    let steps: Vec<&Step> = sections.iter().flat_map(|section| section.iter()).collect();
    let mut tally = Tally::default();
    let outcome = run_steps(gate, &steps, root, &mut tally);
    if steps
        .iter()
        .any(|step| matches!(step.action, Action::Tests(_)))
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

fn run_steps(gate: &str, steps: &[&Step], root: &Path, tally: &mut Tally) -> Result<(), String> {
    for (index, step) in steps.iter().enumerate() {
        println!(
            "\n==> [{}/{}] {}: {}",
            index + 1,
            steps.len(),
            step.title,
            describe(&step.action)
        );
        run_step(step, root, tally)
            .map_err(|reason| format!("{gate}: step \"{}\" failed: {reason}", step.title))?;
    }
    println!("\n{gate}: all {} steps passed", steps.len());
    Ok(())
}

fn describe(action: &Action) -> String {
    match action {
        Action::Run(command) | Action::Tests(command) => command.join(" "),
        Action::Task(_) => "(in xtask)".to_owned(),
        Action::Ensure { probe, install, .. } => {
            format!("{} (if missing: {})", probe.join(" "), install.join(" "))
        }
    }
}

fn run_step(step: &Step, root: &Path, tally: &mut Tally) -> Result<(), String> {
    let env = step_env(step.env, root);
    match &step.action {
        Action::Run(command) => run_with_env(command, &env, root),
        Action::Tests(command) => run_counting_tests(command, &env, root, tally),
        Action::Task(task) => task(root),
        Action::Ensure {
            probe,
            expect,
            install,
        } => {
            if probe_succeeds(probe, expect, &env, root) {
                println!("already installed");
                return Ok(());
            }
            run_with_env(install, &env, root)?;
            if probe_succeeds(probe, expect, &env, root) {
                Ok(())
            } else {
                Err(format!("still missing after `{}`", install.join(" ")))
            }
        }
    }
}

/// The variables a step's [`Env`] list sets, with `PATH` entries resolved
/// against `root` and put before the current `PATH`.
pub fn step_env(env: &[Env], root: &Path) -> Vec<(&'static str, String)> {
    let mut vars = Vec::new();
    let mut first_on_path = Vec::new();
    for entry in env {
        match entry {
            Env::Set(name, value) => vars.push((*name, (*value).to_owned())),
            Env::PathFirst(folder) => first_on_path.push(root.join(folder)),
        }
    }
    if !first_on_path.is_empty() {
        let current = std::env::var_os("PATH").unwrap_or_default();
        let paths = first_on_path
            .into_iter()
            .chain(std::env::split_paths(&current));
        if let Ok(joined) = std::env::join_paths(paths) {
            vars.push(("PATH", joined.to_string_lossy().into_owned()));
        }
    }
    vars
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

/// Runs a test command, passing its output through line by line while adding
/// up the counts it prints.
fn run_counting_tests(
    command: &[&str],
    env: &[(&str, String)],
    root: &Path,
    tally: &mut Tally,
) -> Result<(), String> {
    let cannot_start = |error| format!("cannot start `{}`: {error}", command.join(" "));
    let mut child = command_for(command, root)?
        .envs(env.iter().map(|(name, value)| (name, value)))
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
/// 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s`, or of
/// one of the closing lines of a TAP report such as node's (`# pass 3`,
/// `# fail 0`, `# skipped 1`).
pub fn count_test_result(line: &str, tally: &mut Tally) {
    if let Some(tap) = line.strip_prefix("# ") {
        let mut words = tap.split_whitespace();
        let (Some(kind), Some(count), None) = (words.next(), words.next(), words.next()) else {
            return;
        };
        let Ok(count) = count.parse::<u64>() else {
            return;
        };
        match kind {
            "pass" => tally.passed += count,
            "fail" => tally.failed += count,
            "skipped" => tally.ignored += count,
            _ => {}
        }
        return;
    }
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

fn probe_succeeds(probe: &[&str], expect: &str, env: &[(&str, String)], root: &Path) -> bool {
    let Ok(mut command) = command_for(probe, root) else {
        return false;
    };
    command.envs(env.iter().map(|(name, value)| (name, value)));
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
    let mut process = Command::new(resolve(program, root));
    process.args(args).current_dir(root);
    Ok(process)
}

/// `cargo` is the cargo running xtask (cargo sets `CARGO`), so nested builds
/// use the same toolchain; they also inherit `CARGO_TARGET_DIR`. A relative
/// path such as `tools/node_modules/.bin/wasm-opt` is relative to `root`.
fn resolve(program: &str, root: &Path) -> std::path::PathBuf {
    match (program, std::env::var("CARGO")) {
        ("cargo", Ok(cargo)) => cargo.into(),
        _ if program.contains('/') => root.join(program),
        _ => program.into(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::steps::{count_test_result, run_all, step_env, tally_line, Env, Step, Tally};

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
    fn tap_closing_lines_are_added_up() {
        let mut tally = Tally::default();
        for line in [
            "# Subtest: stop ends an endless loop",
            "# tests 4",
            "# pass 3",
            "# fail 1",
            "# skipped 2",
            "# todo 0",
            "# pass the salt",
        ] {
            count_test_result(line, &mut tally);
        }
        let expected = Tally {
            passed: 3,
            failed: 1,
            ignored: 2,
        };
        assert_eq!(tally, expected);
    }

    #[test]
    fn steps_run_with_their_environment() {
        const ENV: &[Env] = &[Env::Set("XTASK_TEST_VALUE", "42"), Env::PathFirst("bin")];
        let steps =
            [Step::run("env", &["sh", "-c", "test \"$XTASK_TEST_VALUE\" = 42"]).with_env(ENV)];
        assert_eq!(run_all("gate", &[&steps], Path::new(".")), Ok(()));
        let vars = step_env(ENV, Path::new("/root/of/it"));
        let path = vars
            .iter()
            .find(|(name, _)| *name == "PATH")
            .map(|(_, value)| value.as_str());
        assert!(path.is_some_and(|path| path.starts_with("/root/of/it/bin")));
    }

    #[test]
    fn a_failing_step_stops_the_gate_and_is_named() {
        let steps = [
            Step::run("first", &["true"]),
            Step::run("broken", &["false"]),
            Step::run("never", &["sh", "-c", "exit 3"]),
        ];
        let error = run_all("gate", &[&steps], std::path::Path::new("."));
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
        assert_eq!(
            run_all("gate", &[&steps], std::path::Path::new(".")),
            Ok(())
        );
    }

    #[test]
    fn an_ensure_step_installs_a_missing_or_wrong_version() {
        let wrong = [Step::ensure(
            "sh",
            &["sh", "-c", "echo v1.1"],
            "1.2",
            &["true"],
        )];
        let error = run_all("gate", &[&wrong], std::path::Path::new("."));
        assert_eq!(
            error,
            Err("gate: step \"sh\" failed: still missing after `true`".to_owned())
        );
    }
}
