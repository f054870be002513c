//! `awaitable`: run Python scripts and notebooks with Awaitable's runtime, natively.
//!
//! This binary is the native host: it owns the OS clock, sleeps between timers
//! (or skips them with `--clock virtual`), prints output as it comes, and writes
//! notebooks and timelines to disk.

use std::io::Write;
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use awaitable_notebook::ipynb::{self, Cell};
use awaitable_notebook::kernel::{caret_offset, Kernel};
use awaitable_python::aio::Clock;
use awaitable_python::compiler::Mode;
use awaitable_python::events::{Event, EventKind};
use awaitable_python::interp::Stream;
use awaitable_python::runtime::{Outcome, Runtime};

mod http;
use http::HttpHost;

const USAGE: &str = "usage:
  awaitable run FILE.py [--clock real|virtual] [--timeline FILE.json] [--wikipedia-endpoint URL]
  awaitable execute NB.ipynb --output OUT.ipynb [--clock real|virtual] [--timeline FILE.json] [--wikipedia-endpoint URL]";

/// Instructions per step between checks for output and timers.
const STEP_BUDGET: u64 = 200_000;

/// Which clock the run uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClockKind {
    /// Real time: sleeps take as long as they say.
    Real,
    /// Waiting skips ahead to the next timer; computing still takes real time.
    Virtual,
}

/// The command line, parsed.
#[derive(Debug)]
struct Options {
    command: String,
    input: String,
    output: Option<String>,
    clock: ClockKind,
    timeline: Option<String>,
    wikipedia_endpoint: Option<String>,
}

/// The OS clock, read by the runtime through the `Clock` trait.
struct OsClock {
    start: Instant,
    epoch_at_start: f64,
}

impl OsClock {
    fn new() -> OsClock {
        let epoch_at_start = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        OsClock {
            start: Instant::now(),
            epoch_at_start,
        }
    }
}

impl Clock for OsClock {
    fn monotonic(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }

    fn wall(&self) -> f64 {
        self.epoch_at_start + self.monotonic()
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_args(&args) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("awaitable: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match options.command.as_str() {
        "run" => run_script(&options),
        "execute" => execute_notebook(&options),
        _ => Err(format!("unknown command '{}'", options.command)),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("awaitable: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut positional = Vec::new();
    let mut output = None;
    let mut timeline = None;
    let mut wikipedia_endpoint = None;
    let mut clock = ClockKind::Real;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--output" | "-o" => output = Some(value("--output")?),
            "--timeline" => timeline = Some(value("--timeline")?),
            "--wikipedia-endpoint" => {
                let url = value("--wikipedia-endpoint")?;
                wikipedia_endpoint = Some(awaitable_python::http::validate_endpoint(&url)?);
            }
            "--clock" => {
                clock = match value("--clock")?.as_str() {
                    "real" => ClockKind::Real,
                    "virtual" => ClockKind::Virtual,
                    other => {
                        return Err(format!(
                            "--clock must be 'real' or 'virtual', not '{other}'"
                        ))
                    }
                }
            }
            "-h" | "--help" => return Err("help".into()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ => positional.push(arg.clone()),
        }
    }
    let [command, input] = positional.as_slice() else {
        return Err("expected a command and a file".into());
    };
    if command == "execute" && output.is_none() {
        return Err("execute needs --output OUT.ipynb".into());
    }
    Ok(Options {
        command: command.clone(),
        input: input.clone(),
        output,
        clock,
        timeline,
        wikipedia_endpoint,
    })
}

/// Drives a runtime until it is idle: sleeps (or skips time) until timers are
/// due, and hands every event to `on_event`.
fn drive(
    runtime: &mut Runtime,
    host: &mut Host,
    mut on_event: impl FnMut(&mut Runtime, &Event),
    mut done: impl FnMut(&mut Runtime) -> bool,
) {
    loop {
        let outcome = runtime.step(STEP_BUDGET);
        for event in runtime.take_events() {
            on_event(runtime, &event);
        }
        if done(runtime) || !host.wait(runtime, outcome) {
            return;
        }
    }
}

/// The native host's side of the loop: starts HTTP requests, and waits for
/// timers (or skips to them) and replies.
struct Host {
    clock: ClockKind,
    http: HttpHost,
}

impl Host {
    /// Handles an outcome of `step`; returns false when nothing can ever happen again.
    fn wait(&mut self, runtime: &mut Runtime, outcome: Outcome) -> bool {
        for request in runtime.take_requests() {
            self.http.start(request);
        }
        while let Some((id, reply)) = self.http.next_reply(Some(std::time::Duration::ZERO)) {
            runtime.complete(id, reply);
        }
        let wake_at = match outcome {
            Outcome::Busy => return true,
            Outcome::Idle { wake_at } => wake_at,
        };
        let now = runtime.interp.aio.now();
        let wait = wake_at.map(|t| (t - now).max(0.0));
        if self.http.has_pending() {
            // Network time is real time, even on the virtual clock.
            let timeout = wait
                .filter(|_| self.clock == ClockKind::Real)
                .map(std::time::Duration::from_secs_f64);
            if let Some((id, reply)) = self.http.next_reply(timeout) {
                runtime.complete(id, reply);
            }
            return true;
        }
        match (wait, self.clock) {
            (None, _) => false,
            (Some(w), ClockKind::Virtual) => {
                runtime.interp.aio.skipped += w;
                true
            }
            (Some(w), ClockKind::Real) => {
                std::thread::sleep(std::time::Duration::from_secs_f64(w));
                true
            }
        }
    }
}

fn print_output(event: &Event) {
    if let EventKind::Output { stream, text, .. } = &event.kind {
        match stream {
            Stream::Stdout => {
                let mut out = std::io::stdout();
                let _ = out.write_all(text.as_bytes());
                let _ = out.flush();
            }
            Stream::Stderr => {
                let mut err = std::io::stderr();
                let _ = err.write_all(text.as_bytes());
                let _ = err.flush();
            }
        }
    }
}

/// Applies the options that change the runtime itself.
fn configure(runtime: &mut Runtime, options: &Options) -> Result<(), String> {
    runtime.interp.wikipedia_endpoint = options.wikipedia_endpoint.clone();
    Ok(())
}

fn run_script(options: &Options) -> Result<u8, String> {
    let source = std::fs::read_to_string(&options.input)
        .map_err(|e| format!("cannot read {}: {e}", options.input))?;
    let mut runtime = Runtime::new(Mode::Script, Box::new(OsClock::new()));
    configure(&mut runtime, options)?;
    if let Err(error) = runtime.start_script(&source, &options.input) {
        let line = source
            .lines()
            .nth(error.line.saturating_sub(1) as usize)
            .unwrap_or("");
        let kind = match error.kind {
            awaitable_python::ast::SyntaxErrorKind::Syntax => "SyntaxError",
            awaitable_python::ast::SyntaxErrorKind::Indentation => "IndentationError",
        };
        eprintln!(
            "  File \"{}\", line {}\n    {}\n    {}^\n{kind}: {}",
            options.input,
            error.line,
            line.trim_start(),
            " ".repeat(caret_offset(line, error.column)),
            error.message
        );
        return Ok(1);
    }
    let mut timeline = Vec::new();
    let keep_timeline = options.timeline.is_some();
    let mut host = Host {
        clock: options.clock,
        http: HttpHost::new(),
    };
    drive(
        &mut runtime,
        &mut host,
        |_, event| {
            print_output(event);
            if keep_timeline {
                timeline.push(event.clone());
            }
        },
        |rt| rt.script_result().is_some() && !rt.is_busy(),
    );
    write_timeline(options, &timeline)?;
    let result = runtime.script_result().cloned();
    match result {
        Some(Ok(())) | None => Ok(0),
        Some(Err(exc)) => {
            if runtime.interp.exc_is(&exc, "SystemExit") {
                let code = exc
                    .args()
                    .first()
                    .and_then(awaitable_python::ops::as_i64)
                    .unwrap_or(0);
                return Ok(code.clamp(0, 255) as u8);
            }
            let text = runtime.interp.format_exception(&exc);
            let _ = std::io::stderr().write_all(text.as_bytes());
            Ok(1)
        }
    }
}

fn execute_notebook(options: &Options) -> Result<u8, String> {
    let text = std::fs::read_to_string(&options.input)
        .map_err(|e| format!("cannot read {}: {e}", options.input))?;
    let mut notebook = ipynb::parse(&text).map_err(|e| format!("{}: {e}", options.input))?;
    let mut kernel = Kernel::new(Box::new(OsClock::new()));
    configure(kernel.runtime(), options)?;
    let mut host = Host {
        clock: options.clock,
        http: HttpHost::new(),
    };
    let mut timeline = Vec::new();
    let mut counts = Vec::new();
    for cell in notebook.cells.iter() {
        let Cell::Code(code) = cell else { continue };
        counts.push(kernel.execute(&code.source));
        run_cell(&mut kernel, &mut host, &mut timeline);
    }
    // Outputs are read at the end: a background task may still have printed
    // into an earlier cell while later ones ran.
    let mut failed = false;
    let code_cells = notebook.cells.iter_mut().filter_map(|c| {
        if let Cell::Code(code) = c {
            Some(code)
        } else {
            None
        }
    });
    for (code, count) in code_cells.zip(counts) {
        let Some(execution) = kernel.execution(count) else {
            continue;
        };
        code.execution_count = Some(count);
        code.outputs = execution.outputs.clone();
        failed |= execution.state == awaitable_notebook::kernel::ExecutionState::Failed;
    }
    let output = options.output.as_deref().unwrap_or("out.ipynb");
    std::fs::write(output, ipynb::to_json(&notebook))
        .map_err(|e| format!("cannot write {output}: {e}"))?;
    write_timeline(options, &timeline)?;
    Ok(if failed { 1 } else { 0 })
}

/// Steps the kernel until the current cell finishes (tasks it leaves keep running later).
fn run_cell(kernel: &mut Kernel, host: &mut Host, timeline: &mut Vec<Event>) {
    while kernel.is_running() {
        let outcome = kernel.step(STEP_BUDGET);
        timeline.extend(kernel.take_timeline());
        if !kernel.is_running() {
            // Time passes between cells only as fast as the next cell starts.
            break;
        }
        if !host.wait(kernel.runtime(), outcome) {
            // Nothing can ever wake the cell: interrupt it rather than hang.
            kernel.interrupt();
        }
    }
}

fn write_timeline(options: &Options, events: &[Event]) -> Result<(), String> {
    let Some(path) = &options.timeline else {
        return Ok(());
    };
    let json: Vec<serde_json::Value> = events.iter().map(event_json).collect();
    let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("cannot write {path}: {e}"))
}

fn event_json(event: &Event) -> serde_json::Value {
    use serde_json::json;
    let t = event.time;
    match &event.kind {
        EventKind::TaskCreated {
            task,
            name,
            parent,
            cell,
        } => {
            json!({"t": t, "event": "task_created", "task": task, "name": name, "parent": parent, "cell": cell})
        }
        EventKind::TaskRunning { task } => json!({"t": t, "event": "task_running", "task": task}),
        EventKind::TaskAwaiting { task, what } => {
            json!({"t": t, "event": "task_awaiting", "task": task, "what": what})
        }
        EventKind::TaskYielded { task } => json!({"t": t, "event": "task_yielded", "task": task}),
        EventKind::TaskDone { task } => json!({"t": t, "event": "task_done", "task": task}),
        EventKind::TaskCancelled { task } => {
            json!({"t": t, "event": "task_cancelled", "task": task})
        }
        EventKind::TaskFailed { task, error } => {
            json!({"t": t, "event": "task_failed", "task": task, "error": error})
        }
        EventKind::LoopBlocked { reason } => {
            json!({"t": t, "event": "loop_blocked", "reason": reason})
        }
        EventKind::LoopUnblocked => json!({"t": t, "event": "loop_unblocked"}),
        EventKind::ThreadStarted { thread, name } => {
            json!({"t": t, "event": "thread_started", "thread": thread, "name": name})
        }
        EventKind::ThreadFinished { thread } => {
            json!({"t": t, "event": "thread_finished", "thread": thread})
        }
        EventKind::Output { stream, text, cell } => {
            json!({"t": t, "event": "output", "stream": if *stream == Stream::Stdout { "stdout" } else { "stderr" }, "text": text, "cell": cell})
        }
        EventKind::WikipediaPage { lang, title } => {
            json!({"t": t, "event": "wikipedia_page", "lang": lang, "title": title})
        }
        EventKind::CellStarted { cell } => json!({"t": t, "event": "cell_started", "cell": cell}),
        EventKind::CellFinished { cell } => json!({"t": t, "event": "cell_finished", "cell": cell}),
    }
}
