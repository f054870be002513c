//! Running a whole script on a virtual clock: what tests, the fuzzer and tools
//! use when they want CPython's output of a program without waiting for it.

use crate::aio::Clock;
use crate::compiler::Mode;
use crate::events::{Event, EventKind};
use crate::interp::Stream;
use crate::runtime::{Outcome, Runtime};

/// A deterministic clock for tests: waiting is skipped by the runtime, and
/// each reading advances one microsecond, standing for the little CPU time real
/// code takes (so `end - start >= slept` holds, as it does on a real machine,
/// while `"%.2f"` of the difference still prints the sleeps exactly).
#[derive(Default)]
pub struct FrozenClock {
    ticks: std::cell::Cell<u64>,
}

impl FrozenClock {
    fn tick(&self) -> f64 {
        let t = self.ticks.get() + 1;
        self.ticks.set(t);
        t as f64 * 1e-6
    }
}

impl Clock for FrozenClock {
    fn monotonic(&self) -> f64 {
        self.tick()
    }

    fn wall(&self) -> f64 {
        // 2026-01-01T00:00:00Z, a fixed and plausible "now".
        1_767_225_600.0 + self.tick()
    }
}

/// What a script printed and how it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptRun {
    pub stdout: String,
    pub stderr: String,
    /// 0, 1 for an uncaught exception or syntax error, or the `SystemExit` code.
    pub exit_code: i32,
    /// Every runtime event, output included.
    pub events: Vec<Event>,
}

/// Runs `source` as a script on a [`FrozenClock`], at most `max_instructions`
/// instructions (then it is interrupted, like Ctrl-C).
pub fn run_script_virtual(source: &str, filename: &str, max_instructions: u64) -> ScriptRun {
    let mut runtime = Runtime::new(Mode::Script, Box::new(FrozenClock::default()));
    runtime.interp.nested_limit =
        max_instructions.clamp(1_000, crate::interp::NESTED_INSTRUCTION_LIMIT);
    let mut run = ScriptRun {
        stdout: String::new(),
        stderr: String::new(),
        exit_code: 0,
        events: Vec::new(),
    };
    if let Err(error) = runtime.start_script(source, filename) {
        let line = source
            .lines()
            .nth(error.line.saturating_sub(1) as usize)
            .unwrap_or("")
            .trim();
        let kind = match error.kind {
            crate::ast::SyntaxErrorKind::Syntax => "SyntaxError",
            crate::ast::SyntaxErrorKind::Indentation => "IndentationError",
        };
        run.stderr = format!(
            "  File \"{filename}\", line {}\n    {line}\n{kind}: {}\n",
            error.line, error.message
        );
        run.exit_code = 1;
        return run;
    }
    let mut used = 0u64;
    let mut interrupted = false;
    loop {
        let outcome = runtime.step(100_000);
        used += 100_000;
        collect(&mut runtime, &mut run);
        if runtime.script_result().is_some() && !runtime.is_busy() {
            break;
        }
        match outcome {
            Outcome::Busy => {}
            Outcome::Idle { wake_at: Some(t) } => {
                let now = runtime.interp.aio.now();
                runtime.interp.aio.skipped += (t - now).max(0.0);
            }
            Outcome::Idle { wake_at: None } => break,
        }
        if used > max_instructions && !interrupted {
            interrupted = true;
            runtime.interrupt();
        } else if used > max_instructions.saturating_mul(2) {
            break;
        }
    }
    collect(&mut runtime, &mut run);
    if let Some(Err(exc)) = runtime.script_result().cloned() {
        if runtime.interp.exc_is(&exc, "SystemExit") {
            run.exit_code = exc.args().first().and_then(crate::ops::as_i64).unwrap_or(0) as i32;
        } else {
            run.stderr.push_str(&runtime.interp.format_exception(&exc));
            run.exit_code = 1;
        }
    }
    run
}

fn collect(runtime: &mut Runtime, run: &mut ScriptRun) {
    for event in runtime.take_events() {
        if let EventKind::Output { stream, text, .. } = &event.kind {
            match stream {
                Stream::Stdout => run.stdout.push_str(text),
                Stream::Stderr => run.stderr.push_str(text),
            }
        }
        run.events.push(event);
    }
}
