//! The sans-IO runtime: interpreter threads and the event loop, driven by a host.
//!
//! The host calls [`Runtime::step`] with an instruction budget. The runtime runs
//! Python until the budget is spent or nothing can run, and says when to call
//! again ([`Outcome`]). It never reads a clock of its own (the host's [`Clock`]
//! is passed in), never sleeps, never prints: output and timeline events are
//! drained by the host. The same code runs under the native CLI, in tests with
//! a virtual clock, and in the browser.
//!
//! Threads model CPython's GIL: the main thread runs the script or the event
//! loop; `asyncio.to_thread` starts worker threads. One thread runs Python at a
//! time, switching every [`SWITCH_INTERVAL`] instructions; a thread blocked in
//! `time.sleep` or a host call lets the others run.

use std::cell::RefCell;
use std::rc::Rc;

use crate::aio::{Clock, Job};
use crate::ast::SyntaxError;
use crate::bytecode::{Code, CodeKind, Op};
use crate::compiler::{self, Mode};
use crate::dict::Dict;
use crate::events::{Event, EventKind};
use crate::frame::Execution;
use crate::future::{cancelled_error, DoneCallback, FutureObj, FutureState};
use crate::interp::{Blocking, Interp, Signal, Stream};
use crate::value::*;

/// Instructions a thread runs before another runnable thread gets its turn.
pub const SWITCH_INTERVAL: u64 = 10_000;

/// A request the host must carry out for a blocked thread.
#[derive(Debug, Clone, PartialEq)]
pub enum HostCall {
    /// An HTTP GET, answered with the body text or an error.
    HttpGet {
        url: String,
        headers: Vec<(String, String)>,
        timeout: f64,
    },
}

/// How a host answers a call.
#[derive(Debug, Clone, PartialEq)]
pub enum HostReply {
    /// The server answered (any status).
    Http {
        status: u16,
        body: String,
        /// The `Retry-After` header, in seconds, when present.
        retry_after: Option<f64>,
    },
    /// No answer: the request failed before a response.
    Failed { kind: NetError, message: String },
}

/// Why a request got no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetError {
    /// The reply did not come within the timeout.
    Timeout,
    /// No network, or the server refused the connection.
    Offline,
    /// The reply was larger than the host accepts.
    TooLarge,
    /// Anything else (bad URL, TLS failure...).
    Other,
}

/// A host call with the id to answer it with.
#[derive(Debug, Clone, PartialEq)]
pub struct HostRequest {
    pub id: u64,
    pub call: HostCall,
}

/// What the host should do after [`Runtime::step`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// More Python is ready to run: call `step` again soon (after letting the page breathe).
    Busy,
    /// Nothing can run until `wake_at` (loop time) or until a host call completes;
    /// `None` with no pending host call means the program is idle.
    Idle { wake_at: Option<f64> },
}

/// How a notebook cell ended.
pub enum CellResult {
    /// It finished; the value of its last expression, if any.
    Value(Option<Value>),
    /// An exception escaped it.
    Error(Exc),
}

/// A finished cell.
pub struct FinishedCell {
    pub cell: u64,
    pub result: CellResult,
}

/// Why a thread cannot run.
enum Wait {
    Until(f64),
    Host(u64),
}

enum Activity {
    /// A script's module code.
    Script(Execution),
    /// A task step (or a cell).
    Task(Rc<FutureObj>, Execution),
    /// A loop callback.
    Callback(Execution),
}

/// A script parked in `asyncio.run` while the loop runs.
struct Parked {
    exec: Execution,
    main_task: Rc<FutureObj>,
    cancelling: bool,
}

struct Worker {
    id: u64,
    exec: Execution,
    future: Rc<FutureObj>,
    wait: Option<Wait>,
}

/// The runtime of one program (a script, or a notebook's kernel).
pub struct Runtime {
    /// The interpreter (public so hosts can format values and errors).
    pub interp: Interp,
    globals: Rc<RefCell<Dict>>,
    activity: Option<Activity>,
    main_wait: Option<Wait>,
    parked: Option<Parked>,
    workers: Vec<Worker>,
    next_thread: u64,
    next_cell: u64,
    next_request: u64,
    requests: Vec<HostRequest>,
    turn: usize,
    script_result: Option<Result<(), Exc>>,
    finished_cells: Vec<FinishedCell>,
    events: Vec<Event>,
}

impl Runtime {
    /// A runtime for scripts or notebooks, reading time from `clock`.
    pub fn new(mode: Mode, clock: Box<dyn Clock>) -> Runtime {
        let mut interp = Interp::new(mode);
        interp.aio.set_clock(clock);
        if mode == Mode::Cell {
            interp.aio.running = true;
        }
        let globals = Rc::new(RefCell::new(Dict::new()));
        for (k, v) in [
            ("__name__", Value::str("__main__")),
            ("__builtins__", Value::None),
        ] {
            let _ = globals.borrow_mut().insert(Value::str(k), v);
        }
        Runtime {
            interp,
            globals,
            activity: None,
            main_wait: None,
            parked: None,
            workers: Vec::new(),
            next_thread: 0,
            next_cell: 0,
            next_request: 0,
            requests: Vec::new(),
            turn: 0,
            script_result: None,
            finished_cells: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Compiles `source` and starts it as the script.
    pub fn start_script(&mut self, source: &str, filename: &str) -> Result<(), SyntaxError> {
        let code = self.compile(source, filename, Mode::Script)?;
        let frame = self.interp.module_frame(code, self.globals.clone());
        self.activity = Some(Activity::Script(Execution::new(frame)));
        Ok(())
    }

    /// Compiles a notebook cell and schedules it as a task on the running loop.
    pub fn start_cell(&mut self, source: &str, filename: &str) -> Result<u64, SyntaxError> {
        let code = self.compile(source, filename, Mode::Cell)?;
        self.next_cell += 1;
        let cell = self.next_cell;
        let frame = self.interp.module_frame(code, self.globals.clone());
        let id = self.interp.aio.next_id();
        let name: Rc<str> = Rc::from(format!("Cell-{cell}"));
        let task = Rc::new(FutureObj::new_task(
            id,
            name.clone(),
            Value::None,
            Execution::new(frame),
            Some(cell),
            Some(cell),
        ));
        self.interp.aio.event(EventKind::CellStarted { cell });
        self.interp.aio.event(EventKind::TaskCreated {
            task: id,
            name: name.to_string(),
            parent: None,
            cell: Some(cell),
        });
        self.interp.aio.cell_tasks.retain(|t| !t.done());
        self.interp.aio.cell_tasks.push(task.clone());
        self.interp.aio.call_soon(Job::Step(task));
        Ok(cell)
    }

    fn compile(
        &mut self,
        source: &str,
        filename: &str,
        mode: Mode,
    ) -> Result<Rc<Code>, SyntaxError> {
        self.interp
            .sources
            .insert(Rc::from(filename), Rc::from(source));
        let module = crate::parser::parse_module(source)?;
        compiler::compile_module(&module, filename, mode)
    }

    /// Whether the script has finished, and how.
    pub fn script_result(&self) -> Option<&Result<(), Exc>> {
        self.script_result.as_ref()
    }

    /// Cells that finished since the last call.
    pub fn take_finished_cells(&mut self) -> Vec<FinishedCell> {
        std::mem::take(&mut self.finished_cells)
    }

    /// Events (output included) since the last call.
    pub fn take_events(&mut self) -> Vec<Event> {
        self.flush_output();
        std::mem::take(&mut self.events)
    }

    /// Host calls waiting to be started by the host.
    pub fn take_requests(&mut self) -> Vec<HostRequest> {
        std::mem::take(&mut self.requests)
    }

    /// Answers a host call. An HTTP answer becomes `(status, body, retry_after)`
    /// for the Python code; a failure raises `TimeoutError`, `ConnectionError`
    /// or `OSError` with the host's message.
    pub fn complete(&mut self, id: u64, reply: HostReply) {
        let value = match reply {
            HostReply::Http {
                status,
                body,
                retry_after,
            } => Ok(Value::tuple(vec![
                Value::Int(status as i64),
                Value::str(&body),
                retry_after.map(Value::Float).unwrap_or(Value::None),
            ])),
            HostReply::Failed { kind, message } => {
                let class = match kind {
                    NetError::Timeout => "TimeoutError",
                    NetError::Offline => "ConnectionError",
                    NetError::TooLarge | NetError::Other => "OSError",
                };
                Err(self.interp.err(class, message))
            }
        };
        if matches!(self.main_wait, Some(Wait::Host(w)) if w == id) {
            self.main_wait = None;
            if let Some(exec) = self.activity_exec() {
                let mut exec = std::mem::take(exec);
                self.interp.resume_with(&mut exec, value);
                self.put_activity_exec(exec);
            }
            self.interp.aio.event(EventKind::LoopUnblocked);
            return;
        }
        if let Some(worker) = self
            .workers
            .iter_mut()
            .find(|w| matches!(w.wait, Some(Wait::Host(r)) if r == id))
        {
            worker.wait = None;
            self.interp.resume_with(&mut worker.exec, value);
        }
    }

    /// Interrupts the running code with `KeyboardInterrupt` (Stop / Ctrl-C).
    pub fn interrupt(&mut self) {
        let exc = self.interp.err("KeyboardInterrupt", "");
        exc.with_data(|d| d.args.clear());
        if self.activity.is_some() {
            if self.main_wait.take().is_some() {
                self.interp.aio.event(EventKind::LoopUnblocked);
            }
            if let Some(exec) = self.activity_exec() {
                exec.pending_exc = Some(exc);
            }
            return;
        }
        // Nothing runs: interrupt the pending cell where it awaits.
        let cell_task = self.pending_cell_task();
        if let Some(task) = cell_task {
            if let Some(data) = &task.task {
                data.fut_waiter.borrow_mut().take();
                if let Some(exec) = data.exec.borrow_mut().as_mut() {
                    exec.pending_exc = Some(exc);
                }
            }
            self.interp.aio.call_soon(Job::Step(task));
        }
    }

    fn pending_cell_task(&self) -> Option<Rc<FutureObj>> {
        self.interp
            .aio
            .cell_tasks
            .iter()
            .find(|t| !t.done())
            .cloned()
    }

    /// Whether any Python code is running or scheduled (not counting idle tasks).
    pub fn is_busy(&self) -> bool {
        self.activity.is_some()
            || self.interp.aio.has_ready()
            || self.workers.iter().any(|w| w.wait.is_none())
    }

    /// Whether the loop's thread is blocked (`time.sleep`, a blocking host call).
    pub fn loop_blocked(&self) -> bool {
        self.main_wait.is_some()
    }

    fn activity_exec(&mut self) -> Option<&mut Execution> {
        match self.activity.as_mut()? {
            Activity::Script(e) | Activity::Task(_, e) | Activity::Callback(e) => Some(e),
        }
    }

    fn put_activity_exec(&mut self, exec: Execution) {
        if let Some(e) = self.activity_exec() {
            *e = exec;
        }
    }

    fn flush_output(&mut self) {
        self.interp.flush_warnings();
        self.events.append(&mut self.interp.aio.events);
    }

    /// Runs Python for up to `budget` instructions.
    pub fn step(&mut self, mut budget: u64) -> Outcome {
        loop {
            self.flush_output();
            let now = self.interp.aio.now();
            self.wake_sleepers(now);
            self.start_threads();
            let main_ready = self.main_runnable(now);
            let runnable: Vec<Option<usize>> = std::iter::once(main_ready.then_some(None))
                .flatten()
                .chain(
                    self.workers
                        .iter()
                        .enumerate()
                        .filter(|(_, w)| w.wait.is_none())
                        .map(|(i, _)| Some(i)),
                )
                .collect();
            if runnable.is_empty() {
                self.flush_output();
                return Outcome::Idle {
                    wake_at: self.next_wake(),
                };
            }
            if budget == 0 {
                return Outcome::Busy;
            }
            self.turn = (self.turn + 1) % runnable.len();
            let slice = budget.min(SWITCH_INTERVAL);
            let mut remaining = slice;
            match runnable[self.turn] {
                None => self.run_main(&mut remaining, now),
                Some(i) => self.run_worker(i, &mut remaining),
            }
            budget -= (slice - remaining).max(1).min(budget);
        }
    }

    fn next_wake(&self) -> Option<f64> {
        let mut wake: Option<f64> = None;
        let mut consider = |t: f64| wake = Some(wake.map_or(t, |w: f64| w.min(t)));
        if let Some(Wait::Until(t)) = self.main_wait {
            consider(t);
        } else if self.interp.aio.running {
            if let Some(t) = self.interp.aio.next_deadline() {
                consider(t);
            }
        }
        for w in &self.workers {
            if let Some(Wait::Until(t)) = w.wait {
                consider(t);
            }
        }
        wake
    }

    fn wake_sleepers(&mut self, now: f64) {
        if let Some(Wait::Until(t)) = self.main_wait {
            if now >= t {
                self.main_wait = None;
                self.interp.aio.event(EventKind::LoopUnblocked);
                if let Some(exec) = self.activity_exec() {
                    if let Some(frame) = exec.frames.last_mut() {
                        frame.stack.push(Value::None);
                    }
                }
            }
        }
        for w in &mut self.workers {
            if let Some(Wait::Until(t)) = w.wait {
                if now >= t {
                    w.wait = None;
                    if let Some(frame) = w.exec.frames.last_mut() {
                        frame.stack.push(Value::None);
                    }
                }
            }
        }
    }

    fn start_threads(&mut self) {
        for start in std::mem::take(&mut self.interp.aio.new_threads) {
            self.next_thread += 1;
            let code = trampoline(start.func.clone(), start.args);
            let frame = self.interp.module_frame(code, self.globals.clone());
            let name = start
                .future
                .label
                .borrow()
                .clone()
                .map(|l| l.to_string())
                .unwrap_or_default();
            self.interp.aio.event(EventKind::ThreadStarted {
                thread: self.next_thread,
                name,
            });
            self.workers.push(Worker {
                id: self.next_thread,
                exec: Execution::new(frame),
                future: start.future,
                wait: None,
            });
        }
    }

    fn main_runnable(&mut self, now: f64) -> bool {
        if self.main_wait.is_some() {
            return false;
        }
        if self.activity.is_some() {
            return true;
        }
        if self.parked.is_some() && self.advance_parked() {
            return true;
        }
        if !self.interp.aio.running {
            return false;
        }
        self.interp.aio.release_timers(now);
        self.interp.aio.has_ready()
    }

    /// Moves `asyncio.run` forward once its main task is done: cancel the rest,
    /// wait for them and the worker threads, then resume the script.
    fn advance_parked(&mut self) -> bool {
        let Some(parked) = &mut self.parked else {
            return false;
        };
        if !parked.main_task.done() {
            return false;
        }
        if !parked.cancelling {
            parked.cancelling = true;
            let pending: Vec<_> = self.interp.aio.pending_tasks.values().cloned().collect();
            for t in pending {
                let _ = t.cancel(&mut self.interp, Value::None);
            }
        }
        if !self.interp.aio.pending_tasks.is_empty() || !self.workers.is_empty() {
            return false;
        }
        let Some(parked) = self.parked.take() else {
            return false;
        };
        let result = parked.main_task.result(&mut self.interp);
        self.interp.aio.running = false;
        self.interp.aio.clear();
        crate::prelude::replace_loop(&mut self.interp);
        // CPython's asyncio.run shutdown runs two internal tasks, which take two names.
        self.interp.aio.next_task_name();
        self.interp.aio.next_task_name();
        let mut exec = parked.exec;
        self.interp.resume_with(&mut exec, result);
        self.activity = Some(Activity::Script(exec));
        true
    }

    fn run_main(&mut self, budget: &mut u64, now: f64) {
        if self.activity.is_none() {
            self.interp.aio.release_timers(now);
            let Some(job) = self.interp.aio.pop_ready() else {
                return;
            };
            self.start_job(job);
        }
        let Some(activity) = self.activity.take() else {
            return;
        };
        match activity {
            Activity::Script(mut exec) => {
                let signal = self.interp.run(&mut exec, budget);
                self.after_script(exec, signal);
            }
            Activity::Task(task, mut exec) => {
                let signal = self.interp.run(&mut exec, budget);
                self.after_task_step(task, exec, signal);
            }
            Activity::Callback(mut exec) => {
                let signal = self.interp.run(&mut exec, budget);
                self.after_callback(exec, signal);
            }
        }
    }

    fn start_job(&mut self, job: Job) {
        match job {
            Job::Step(task) => self.start_step(task),
            Job::Wake(task, fut) => {
                let waiting_on_it = task
                    .task
                    .as_ref()
                    .and_then(|d| d.fut_waiter.borrow().clone())
                    .is_some_and(|w| Rc::ptr_eq(&w, &fut));
                if waiting_on_it {
                    if let Some(d) = &task.task {
                        d.fut_waiter.borrow_mut().take();
                    }
                    self.start_step(task);
                }
            }
            Job::Call {
                func,
                args,
                cancelled,
            } => {
                if !cancelled.get() {
                    self.start_callback(func, Args::new(args));
                }
            }
            Job::Done(DoneCallback::Python(cb), fut) => {
                self.start_callback(cb, Args::new(vec![Value::Future(fut)]))
            }
            Job::Done(DoneCallback::WakeTask(task), _) => self.start_step(task),
        }
    }

    fn start_callback(&mut self, func: Value, args: Args) {
        let code = trampoline(func, args);
        let frame = self.interp.module_frame(code, self.globals.clone());
        self.activity = Some(Activity::Callback(Execution::new(frame)));
    }

    fn start_step(&mut self, task: Rc<FutureObj>) {
        let Some(data) = &task.task else { return };
        if task.done() {
            return;
        }
        let Some(mut exec) = data.exec.borrow_mut().take() else {
            return;
        };
        if data.must_cancel.replace(false) {
            let msg = data.cancel_message.borrow().clone();
            exec.pending_exc = Some(cancelled_error(&mut self.interp, &msg));
        }
        self.interp.aio.current_task = Some(task.clone());
        self.interp
            .aio
            .event(EventKind::TaskRunning { task: task.id });
        self.activity = Some(Activity::Task(task, exec));
    }

    fn block_main(&mut self, blocking: Blocking) -> bool {
        match blocking {
            Blocking::Sleep(seconds) => {
                let now = self.interp.aio.now();
                self.main_wait = Some(Wait::Until(now + seconds.max(0.0)));
                self.interp.aio.event(EventKind::LoopBlocked {
                    reason: format!("time.sleep({})", crate::format::float_repr(seconds)),
                });
                true
            }
            Blocking::Host(call) => {
                self.next_request += 1;
                let reason = match &call {
                    HostCall::HttpGet { url, .. } => format!("fetch {url}"),
                };
                self.requests.push(HostRequest {
                    id: self.next_request,
                    call,
                });
                self.main_wait = Some(Wait::Host(self.next_request));
                self.interp.aio.event(EventKind::LoopBlocked { reason });
                true
            }
            Blocking::RunUntilComplete(_) => false,
        }
    }

    fn after_script(&mut self, exec: Execution, signal: Signal) {
        match signal {
            Signal::OutOfBudget => self.activity = Some(Activity::Script(exec)),
            Signal::Finished(_) => self.script_result = Some(Ok(())),
            Signal::Raised(e) => self.script_result = Some(Err(e)),
            Signal::Blocked(Blocking::RunUntilComplete(task)) => {
                self.parked = Some(Parked {
                    exec,
                    main_task: task,
                    cancelling: false,
                });
            }
            Signal::Blocked(b) => {
                self.activity = Some(Activity::Script(exec));
                self.block_main(b);
            }
            Signal::Suspended(_) | Signal::BareYield | Signal::GenYield(_) => {
                self.script_result = Some(Err(self.interp.err(
                    "RuntimeError",
                    "the script awaited outside of a running event loop",
                )));
            }
        }
    }

    fn after_callback(&mut self, exec: Execution, signal: Signal) {
        match signal {
            Signal::OutOfBudget => self.activity = Some(Activity::Callback(exec)),
            Signal::Blocked(b) => {
                self.activity = Some(Activity::Callback(exec));
                self.block_main(b);
            }
            Signal::Raised(e) => {
                let text = self.interp.format_exception(&e);
                self.interp
                    .write(Stream::Stderr, &format!("Exception in callback\n{text}"));
            }
            _ => {}
        }
    }

    fn after_task_step(&mut self, task: Rc<FutureObj>, exec: Execution, signal: Signal) {
        let Some(data) = &task.task else { return };
        let cell = data.cell;
        match signal {
            Signal::OutOfBudget => {
                self.activity = Some(Activity::Task(task, exec));
                return;
            }
            Signal::Blocked(b) => {
                self.activity = Some(Activity::Task(task.clone(), exec));
                if !self.block_main(b) {
                    let exc = self.interp.err(
                        "RuntimeError",
                        "asyncio.run() cannot be called from a running event loop",
                    );
                    if let Some(e) = self.activity_exec() {
                        e.pending_exc = Some(exc);
                    }
                }
                return;
            }
            Signal::Suspended(fut) => {
                if Rc::ptr_eq(&fut, &task) {
                    let shown = task.repr(&mut self.interp).unwrap_or_default();
                    let exc = self.interp.err(
                        "RuntimeError",
                        format!("Task cannot await on itself: {shown}"),
                    );
                    let mut exec = exec;
                    exec.pending_exc = Some(exc);
                    *data.exec.borrow_mut() = Some(exec);
                    self.interp.aio.call_soon(Job::Step(task.clone()));
                } else {
                    let what = describe_awaited(&fut);
                    self.interp.aio.event(EventKind::TaskAwaiting {
                        task: task.id,
                        what,
                    });
                    *data.exec.borrow_mut() = Some(exec);
                    *data.fut_waiter.borrow_mut() = Some(fut.clone());
                    fut.add_done_callback(&mut self.interp, DoneCallback::WakeTask(task.clone()));
                    if data.must_cancel.get()
                        && fut
                            .cancel(&mut self.interp, data.cancel_message.borrow().clone())
                            .unwrap_or(false)
                    {
                        data.must_cancel.set(false);
                    }
                }
            }
            Signal::BareYield => {
                self.interp
                    .aio
                    .event(EventKind::TaskYielded { task: task.id });
                *data.exec.borrow_mut() = Some(exec);
                self.interp.aio.call_soon(Job::Step(task.clone()));
            }
            Signal::Finished(value) => {
                if data.must_cancel.get() {
                    let msg = data.cancel_message.borrow().clone();
                    let _ = task.complete(&mut self.interp, FutureState::Cancelled(msg));
                } else {
                    let _ = task.complete(&mut self.interp, FutureState::Result(value));
                }
                if let Some(cell) = cell {
                    let displayed = self.interp.displayed.take();
                    self.finish_cell(cell, CellResult::Value(displayed));
                }
            }
            Signal::Raised(exc) => {
                let state = if self.interp.exc_is(&exc, "CancelledError") {
                    *task.cancelled_exc.borrow_mut() = Some(exc.clone());
                    FutureState::Cancelled(exc.args().first().cloned().unwrap_or(Value::None))
                } else {
                    FutureState::Exception(exc.clone())
                };
                let _ = task.complete(&mut self.interp, state);
                if let Some(cell) = cell {
                    self.interp.displayed = None;
                    task.exception_retrieved.set(true);
                    self.finish_cell(cell, CellResult::Error(exc));
                }
            }
            Signal::GenYield(_) => {
                let exc = self.interp.err("RuntimeError", "yield inside a task");
                let _ = task.complete(&mut self.interp, FutureState::Exception(exc));
            }
        }
        self.interp.aio.current_task = None;
    }

    fn finish_cell(&mut self, cell: u64, result: CellResult) {
        self.interp.flush_warnings();
        self.interp.aio.event(EventKind::CellFinished { cell });
        self.finished_cells.push(FinishedCell { cell, result });
    }

    fn run_worker(&mut self, index: usize, budget: &mut u64) {
        let mut exec = std::mem::take(&mut self.workers[index].exec);
        let signal = self.interp.run(&mut exec, budget);
        let worker = &mut self.workers[index];
        worker.exec = exec;
        let finished = match signal {
            Signal::OutOfBudget => None,
            Signal::Blocked(Blocking::Sleep(s)) => {
                worker.wait = Some(Wait::Until(self.interp.aio.now() + s.max(0.0)));
                None
            }
            Signal::Blocked(Blocking::Host(call)) => {
                self.next_request += 1;
                self.requests.push(HostRequest {
                    id: self.next_request,
                    call,
                });
                worker.wait = Some(Wait::Host(self.next_request));
                None
            }
            Signal::Blocked(Blocking::RunUntilComplete(_)) => {
                Some(FutureState::Exception(self.interp.err(
                    "RuntimeError",
                    "asyncio.run() cannot be called from a running event loop",
                )))
            }
            Signal::Finished(v) => Some(FutureState::Result(v)),
            Signal::Raised(e) => Some(FutureState::Exception(e)),
            Signal::Suspended(_) | Signal::BareYield | Signal::GenYield(_) => {
                Some(FutureState::Exception(
                    self.interp
                        .err("RuntimeError", "no running event loop in thread"),
                ))
            }
        };
        if let Some(state) = finished {
            let worker = self.workers.remove(index);
            self.interp
                .aio
                .event(EventKind::ThreadFinished { thread: worker.id });
            if !worker.future.done() {
                let _ = worker.future.complete(&mut self.interp, state);
            }
        }
    }

    /// Runs until idle, advancing a virtual clock over waits (tests and `--clock virtual`).
    /// Returns `false` if the program is stuck waiting on a host call.
    pub fn run_virtual(&mut self, skip: &mut dyn FnMut(f64)) -> bool {
        loop {
            match self.step(1_000_000) {
                Outcome::Busy => {}
                Outcome::Idle { wake_at: Some(t) } => {
                    let now = self.interp.aio.now();
                    if t > now {
                        skip(t - now);
                    }
                }
                Outcome::Idle { wake_at: None } => {
                    return self.main_wait.is_none()
                        && self.workers.iter().all(|w| w.wait.is_none())
                }
            }
        }
    }

    /// The shared namespace of the script or notebook.
    pub fn globals(&self) -> &Rc<RefCell<Dict>> {
        &self.globals
    }
}

impl Drop for Runtime {
    /// Namespaces and the functions defined in them refer to each other, and
    /// reference counting cannot free such cycles: clear them, so a restarted
    /// kernel (or each fuzz case) gives its memory back.
    fn drop(&mut self) {
        self.activity = None;
        self.parked = None;
        self.workers.clear();
        self.interp.aio.clear();
        self.interp.aio.cell_tasks.clear();
        self.interp.displayed = None;
        self.globals.borrow_mut().clear();
        for module in self.interp.modules.values() {
            if let Value::Module(m) = module {
                m.dict.borrow_mut().clear();
            }
        }
        self.interp.builtins.borrow_mut().clear();
    }
}

/// What a task waits on, for the timeline.
fn describe_awaited(fut: &Rc<FutureObj>) -> String {
    if let Some(label) = fut.label.borrow().as_ref() {
        return label.to_string();
    }
    if fut.is_task() {
        return format!("task {}", fut.name());
    }
    "future".to_string()
}

/// A code object that calls `func(*args, **kwargs)` and returns the result: the
/// bottom frame of a worker thread or loop callback, so the call can block or be
/// time-sliced like any Python code.
fn trampoline(func: Value, args: Args) -> Rc<Code> {
    let mut kw = Dict::new();
    for (k, v) in args.kw {
        let _ = kw.insert(Value::Str(k), v);
    }
    let name: Rc<str> = match &func {
        Value::Function(f) => f.name.borrow().clone(),
        Value::Builtin(b) => b.name.clone(),
        _ => Rc::from("<callback>"),
    };
    Rc::new(Code {
        ops: vec![
            Op::LoadConst(0),
            Op::LoadConst(1),
            Op::LoadConst(2),
            Op::CallEx(true),
            Op::ReturnValue,
        ],
        lines: vec![0; 5],
        consts: vec![
            func,
            Value::tuple(args.pos),
            Value::Dict(Rc::new(RefCell::new(kw))),
        ],
        names: Vec::new(),
        name_hashes: Vec::new(),
        varnames: Vec::new(),
        cellvars: Vec::new(),
        freevars: Vec::new(),
        cell_params: Vec::new(),
        argcount: 0,
        kwonlyargcount: 0,
        posonlyargcount: 0,
        has_varargs: false,
        has_varkw: false,
        kind: CodeKind::Module,
        name,
        qualname: Rc::from("<callback>"),
        filename: Rc::from("<runtime>"),
        first_line: 0,
        uses_super: false,
        doc: None,
    })
}
