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
use awaitable_python::value::{Exc, Value};

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
    /// Every execution so far, in order; output of background tasks still lands
    /// in the execution that created them.
    executions: Vec<Execution>,
    /// Runtime cell id of each execution (`None` for syntax errors).
    cell_ids: Vec<Option<u64>>,
    /// The execution in progress, as an index into `executions`.
    running: Option<usize>,
    /// Executions that ended since `take_finished`, as indexes.
    newly_finished: Vec<usize>,
    /// Displayed values, kept alive like IPython's `Out` history.
    history: Vec<Value>,
    /// Per execution: whether a trailing `;` hides its value.
    suppress_display: Vec<bool>,
    /// The last error, kept alive like `sys.last_value`.
    last_error: Option<Exc>,
    timeline: Vec<Event>,
}

impl Kernel {
    /// A fresh kernel reading time from `clock`.
    pub fn new(clock: Box<dyn Clock>) -> Kernel {
        Kernel {
            runtime: Runtime::new(Mode::Cell, clock),
            executions: Vec::new(),
            cell_ids: Vec::new(),
            running: None,
            newly_finished: Vec::new(),
            history: Vec::new(),
            suppress_display: Vec::new(),
            last_error: None,
            timeline: Vec::new(),
        }
    }

    /// The runtime (for virtual-clock control and formatting).
    pub fn runtime(&mut self) -> &mut Runtime {
        &mut self.runtime
    }

    /// Starts executing `source`; returns its execution count. A syntax error
    /// finishes the execution at once with an error output.
    pub fn execute(&mut self, source: &str) -> u32 {
        let count = self.executions.len() as u32 + 1;
        let filename = cell_filename(count);
        let now = self.runtime.interp.aio.now();
        let mut execution = Execution {
            execution_count: count,
            outputs: Vec::new(),
            state: ExecutionState::Running,
            started_at: now,
            ended_at: None,
        };
        let index = self.executions.len();
        match self.runtime.start_cell(source, &filename) {
            Ok(cell) => {
                self.cell_ids.push(Some(cell));
                self.running = Some(index);
            }
            Err(mut error) => {
                // IPython compiles cells allowing incomplete input, and reports a
                // cell that stops inside a bracket or string that way.
                if error.message.ends_with("was never closed")
                    || error.message.starts_with("unterminated triple-quoted")
                {
                    error.message = "incomplete input".to_string();
                }
                execution
                    .outputs
                    .push(syntax_error_output(&error, source, &filename));
                execution.state = ExecutionState::Failed;
                execution.ended_at = Some(now);
                self.cell_ids.push(None);
                self.newly_finished.push(index);
            }
        }
        self.executions.push(execution);
        self.suppress_display.push(ends_with_semicolon(source));
        count
    }

    /// Whether a cell is executing.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The execution in progress, with its outputs so far.
    pub fn current(&self) -> Option<&Execution> {
        self.running.and_then(|i| self.executions.get(i))
    }

    /// Execution number `count` (1-based), with its outputs so far.
    pub fn execution(&self, count: u32) -> Option<&Execution> {
        self.executions.get((count as usize).checked_sub(1)?)
    }

    /// The runtime's id for the cell of execution number `count` (1-based),
    /// as events name it ([`EventKind::CellStarted`], `Output.cell`...): the
    /// ids differ from execution counts once a cell fails to compile. `None`
    /// for an unknown count or a syntax error, which never ran.
    pub fn cell_id(&self, count: u32) -> Option<u64> {
        *self.cell_ids.get((count as usize).checked_sub(1)?)?
    }

    /// Runs Python for up to `budget` instructions, collecting outputs.
    pub fn step(&mut self, budget: u64) -> Outcome {
        let outcome = self.runtime.step(budget);
        self.collect();
        outcome
    }

    /// Executions that ended since the last call.
    pub fn take_finished(&mut self) -> Vec<Execution> {
        std::mem::take(&mut self.newly_finished)
            .into_iter()
            .filter_map(|i| self.executions.get(i).cloned())
            .collect()
    }

    /// Runtime events (timeline material) since the last call.
    pub fn take_timeline(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.timeline)
    }

    /// Interrupts the running code (`KeyboardInterrupt`).
    pub fn interrupt(&mut self) {
        self.runtime.interrupt();
    }

    fn index_of_cell(&self, cell: u64) -> Option<usize> {
        self.cell_ids.iter().position(|c| *c == Some(cell))
    }

    fn collect(&mut self) {
        for event in self.runtime.take_events() {
            if let EventKind::Output { stream, text, cell } = &event.kind {
                self.route_output(*stream, text, *cell);
            }
            self.timeline.push(event);
        }
        for cell in self.runtime.take_finished_cells() {
            let Some(index) = self.index_of_cell(cell.cell) else {
                continue;
            };
            self.finish(index, cell.result);
            if self.running == Some(index) {
                self.running = None;
            }
            self.newly_finished.push(index);
        }
    }

    fn finish(&mut self, index: usize, result: CellResult) {
        let count = index as u32 + 1;
        let state = match result {
            CellResult::Value(Some(value)) if !self.suppress_display[index] => {
                let text = self
                    .runtime
                    .interp
                    .repr(&value)
                    .unwrap_or_else(|e| self.runtime.interp.exception_line(&e));
                self.executions[index]
                    .outputs
                    .push(Output::text_result(Some(count), text));
                let _ = self
                    .runtime
                    .globals()
                    .borrow_mut()
                    .insert(Value::str("_"), value.clone());
                self.history.push(value);
                ExecutionState::Succeeded
            }
            CellResult::Value(_) => ExecutionState::Succeeded,
            CellResult::Error(exc) => {
                let output = self.error_output(&exc);
                self.executions[index].outputs.push(output);
                self.last_error = Some(exc);
                ExecutionState::Failed
            }
        };
        let execution = &mut self.executions[index];
        execution.state = state;
        execution.ended_at = Some(self.runtime.interp.aio.now());
    }

    /// Output goes to the cell whose code produced it: a background task's
    /// output lands in the cell that created the task, as in IPython.
    fn route_output(&mut self, stream: Stream, text: &str, cell: Option<u64>) {
        let name = match stream {
            Stream::Stdout => StreamName::Stdout,
            Stream::Stderr => StreamName::Stderr,
        };
        let index = cell
            .and_then(|c| self.index_of_cell(c))
            .or(self.running)
            .or(self.executions.len().checked_sub(1));
        if let Some(execution) = index.and_then(|i| self.executions.get_mut(i)) {
            append_stream(&mut execution.outputs, name, text);
        }
    }

    fn error_output(&mut self, exc: &Exc) -> Output {
        let interp = &mut self.runtime.interp;
        let ename = interp.exception_name(exc);
        let evalue = interp.to_str(&exc.value()).unwrap_or_default();
        let traceback = interp
            .format_exception(exc)
            .lines()
            .map(str::to_string)
            .collect();
        Output::Error {
            ename,
            evalue,
            traceback,
        }
    }
}

/// Whether IPython would hide the cell's value: its last code line ends with `;`.
pub fn ends_with_semicolon(source: &str) -> bool {
    source
        .lines()
        .rev()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .find(|l| !l.is_empty())
        .is_some_and(|l| l.ends_with(';'))
}

/// The file name tracebacks show for execution `count`, as IPython names it.
pub fn cell_filename(count: u32) -> String {
    format!("Cell In[{count}]")
}

fn append_stream(outputs: &mut Vec<Output>, name: StreamName, text: &str) {
    if let Some(Output::Stream {
        name: last,
        text: existing,
    }) = outputs.last_mut()
    {
        if *last == name {
            existing.push_str(text);
            return;
        }
    }
    outputs.push(Output::Stream {
        name,
        text: text.to_string(),
    });
}

fn syntax_error_output(error: &SyntaxError, source: &str, filename: &str) -> Output {
    let ename = match error.kind {
        SyntaxErrorKind::Syntax => "SyntaxError",
        SyntaxErrorKind::Indentation => "IndentationError",
    };
    let line = source
        .lines()
        .nth(error.line.saturating_sub(1) as usize)
        .unwrap_or("");
    let traceback = vec![
        format!("  {filename}, line {}", error.line),
        format!("    {}", line.trim_start()),
        format!("    {}^", " ".repeat(caret_offset(line, error.column))),
        format!("{ename}: {}", error.message),
    ];
    Output::Error {
        ename: ename.to_string(),
        evalue: format!("{} ({filename}, line {})", error.message, error.line),
        traceback,
    }
}

/// The caret's offset under a stripped source line.
pub fn caret_offset(line: &str, column: u32) -> usize {
    let indent = line.chars().take_while(|c| c.is_whitespace()).count();
    (column as usize).saturating_sub(1).saturating_sub(indent)
}
