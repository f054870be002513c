//! A Jupyter-like kernel over the Python runtime: cells share one namespace and
//! one running event loop, and each execution turns into nbformat outputs.
//!
//! The kernel is pure: whoever drives it (the CLI, the browser) supplies the
//! clock, calls [`Kernel::step`], and waits as [`Outcome`] says.

use awaitable_python::aio::Clock;
use awaitable_python::ast::{SyntaxError, SyntaxErrorKind};
use awaitable_python::compiler::Mode;
use awaitable_python::events::{Event, EventKind};
use awaitable_python::interp::Stream;
use awaitable_python::runtime::{CellResult, Outcome, Runtime};
use awaitable_python::value::Exc;

use crate::ipynb::{Output, StreamName};

/// One execution of a cell's source.
#[derive(Debug, Clone, PartialEq)]
pub struct Execution {
    /// The `[n]` shown beside the cell.
    pub execution_count: u32,
    /// The outputs so far, merged as Jupyter merges stream text.
    pub outputs: Vec<Output>,
    /// Where the execution is.
    pub state: ExecutionState,
    /// Loop time when it started and (once done) ended.
    pub started_at: f64,
    pub ended_at: Option<f64>,
}

/// Where an execution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecutionState {
    Running,
    Succeeded,
    Failed,
}

/// A kernel: a notebook-mode runtime plus execution bookkeeping.
pub struct Kernel {
    runtime: Runtime,
    execution_count: u32,
    current: Option<(u64, Execution)>,
    finished: Vec<Execution>,
    timeline: Vec<Event>,
}

impl Kernel {
    /// A fresh kernel reading time from `clock`.
    pub fn new(clock: Box<dyn Clock>) -> Kernel {
        Kernel { runtime: Runtime::new(Mode::Cell, clock), execution_count: 0, current: None, finished: Vec::new(), timeline: Vec::new() }
    }

    /// The runtime (for virtual-clock control and formatting).
    pub fn runtime(&mut self) -> &mut Runtime {
        &mut self.runtime
    }

    /// Starts executing `source`; returns its execution count. A syntax error
    /// finishes the execution at once with an error output.
    pub fn execute(&mut self, source: &str) -> u32 {
        self.execution_count += 1;
        let count = self.execution_count;
        let filename = cell_filename(count);
        let now = self.runtime.interp.aio.now();
        let execution = Execution { execution_count: count, outputs: Vec::new(), state: ExecutionState::Running, started_at: now, ended_at: None };
        match self.runtime.start_cell(source, &filename) {
            Ok(cell) => self.current = Some((cell, execution)),
            Err(error) => {
                let mut execution = execution;
                execution.outputs.push(syntax_error_output(&error, source, &filename));
                execution.state = ExecutionState::Failed;
                execution.ended_at = Some(now);
                self.finished.push(execution);
            }
        }
        count
    }

    /// Whether a cell is executing.
    pub fn is_running(&self) -> bool {
        self.current.is_some()
    }

    /// The execution in progress, with its outputs so far.
    pub fn current(&self) -> Option<&Execution> {
        self.current.as_ref().map(|(_, e)| e)
    }

    /// Runs Python for up to `budget` instructions, collecting outputs.
    pub fn step(&mut self, budget: u64) -> Outcome {
        let outcome = self.runtime.step(budget);
        self.collect();
        outcome
    }

    /// Executions that ended since the last call.
    pub fn take_finished(&mut self) -> Vec<Execution> {
        std::mem::take(&mut self.finished)
    }

    /// Runtime events (timeline material) since the last call.
    pub fn take_timeline(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.timeline)
    }

    /// Interrupts the running code (`KeyboardInterrupt`).
    pub fn interrupt(&mut self) {
        self.runtime.interrupt();
    }

    fn collect(&mut self) {
        for event in self.runtime.take_events() {
            if let EventKind::Output { stream, text } = &event.kind {
                self.route_output(*stream, text);
            }
            self.timeline.push(event);
        }
        for cell in self.runtime.take_finished_cells() {
            let Some((id, mut execution)) = self.current.take() else { continue };
            if id != cell.cell {
                self.current = Some((id, execution));
                continue;
            }
            match cell.result {
                CellResult::Value(Some(value)) => {
                    let text = self.runtime.interp.repr(&value).unwrap_or_else(|e| self.runtime.interp.exception_line(&e));
                    execution.outputs.push(Output::text_result(Some(execution.execution_count), text));
                    execution.state = ExecutionState::Succeeded;
                }
                CellResult::Value(None) => execution.state = ExecutionState::Succeeded,
                CellResult::Error(exc) => {
                    let output = self.error_output(&exc);
                    execution.outputs.push(output);
                    execution.state = ExecutionState::Failed;
                }
            }
            execution.ended_at = Some(self.runtime.interp.aio.now());
            self.finished.push(execution);
        }
    }

    /// Output goes to the cell executing now, or to the last one if none is (as in Jupyter,
    /// where a background task prints into the most recent cell).
    fn route_output(&mut self, stream: Stream, text: &str) {
        let name = match stream {
            Stream::Stdout => StreamName::Stdout,
            Stream::Stderr => StreamName::Stderr,
        };
        let target = match self.current.as_mut() {
            Some((_, e)) => Some(e),
            None => self.finished.last_mut(),
        };
        if let Some(execution) = target {
            append_stream(&mut execution.outputs, name, text);
        }
    }

    fn error_output(&mut self, exc: &Exc) -> Output {
        let interp = &mut self.runtime.interp;
        let ename = interp.exception_name(exc);
        let evalue = interp.to_str(&exc.value()).unwrap_or_default();
        let traceback = interp.format_exception(exc).lines().map(str::to_string).collect();
        Output::Error { ename, evalue, traceback }
    }
}

/// The file name tracebacks show for execution `count`, as IPython names it.
pub fn cell_filename(count: u32) -> String {
    format!("Cell In[{count}]")
}

fn append_stream(outputs: &mut Vec<Output>, name: StreamName, text: &str) {
    if let Some(Output::Stream { name: last, text: existing }) = outputs.last_mut() {
        if *last == name {
            existing.push_str(text);
            return;
        }
    }
    outputs.push(Output::Stream { name, text: text.to_string() });
}

fn syntax_error_output(error: &SyntaxError, source: &str, filename: &str) -> Output {
    let ename = match error.kind {
        SyntaxErrorKind::Syntax => "SyntaxError",
        SyntaxErrorKind::Indentation => "IndentationError",
    };
    let line = source.lines().nth(error.line.saturating_sub(1) as usize).unwrap_or("");
    let traceback = vec![
        format!("  {filename}, line {}", error.line),
        format!("    {}", line.trim_start()),
        format!("    {}^", " ".repeat(caret_offset(line, error.column))),
        format!("{ename}: {}", error.message),
    ];
    Output::Error { ename: ename.to_string(), evalue: format!("{} ({filename}, line {})", error.message, error.line), traceback }
}

/// The caret's offset under a stripped source line.
pub fn caret_offset(line: &str, column: u32) -> usize {
    let indent = line.chars().take_while(|c| c.is_whitespace()).count();
    (column as usize).saturating_sub(1).saturating_sub(indent)
}
