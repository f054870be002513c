//! The event loop's state (ready queue, timers, tasks) and the native half of the
//! `asyncio` module. The rest of `asyncio` (gather, wait_for, Queue, ...) is
//! Python, in `prelude/asyncio.py`, built on these primitives as CPython's is.

use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap, VecDeque};
use std::rc::Rc;

use crate::builtins::{arg, blocking, native};
use crate::events::{Event, EventKind};
use crate::frame::{Execution, FrameRole};
use crate::future::{DoneCallback, FutureObj, FutureState};
use crate::interp::{Blocking, Interp, Raise};
use crate::value::*;

/// Something the loop runs: a task step or a callback.
pub enum Job {
    /// Run (or resume) a task.
    Step(Rc<FutureObj>),
    /// Call `func(*args)` unless its handle was cancelled.
    Call {
        func: Value,
        args: Vec<Value>,
        cancelled: Rc<Cell<bool>>,
    },
    /// A future's done-callback.
    Done(DoneCallback, Rc<FutureObj>),
    /// Wake a task suspended on this future (ignored if it moved on since).
    Wake(Rc<FutureObj>, Rc<FutureObj>),
}

struct Timer {
    when: f64,
    seq: u64,
    job: Job,
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Timer {}

impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timer {
    /// Reversed, so the `BinaryHeap` pops the earliest (deadline, sequence) first.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .when
            .total_cmp(&self.when)
            .then(other.seq.cmp(&self.seq))
    }
}

/// A request to run a function on a worker thread (`asyncio.to_thread`).
pub struct ThreadStart {
    pub func: Value,
    pub args: Args,
    pub future: Rc<FutureObj>,
}

/// The host's clocks, in seconds.
pub trait Clock {
    /// A monotonic clock (`time.monotonic`, `loop.time`).
    fn monotonic(&self) -> f64;
    /// Wall-clock time since the UNIX epoch (`time.time`).
    fn wall(&self) -> f64;
}

/// The event loop's state.
#[derive(Default)]
pub struct Aio {
    /// Whether a loop is running (always in notebook mode; inside `asyncio.run` in scripts).
    pub running: bool,
    ready: VecDeque<Job>,
    timers: BinaryHeap<Timer>,
    seq: u64,
    next_id: u64,
    task_counter: u64,
    /// Tasks not yet done, in creation order (`all_tasks`).
    pub pending_tasks: BTreeMap<u64, Rc<FutureObj>>,
    /// The task whose step is running.
    pub current_task: Option<Rc<FutureObj>>,
    clock: Option<Box<dyn Clock>>,
    /// Time skipped by the virtual clock.
    pub skipped: f64,
    /// Events for timelines, drained by the host.
    pub events: Vec<Event>,
    /// Where the running code is, for warnings.
    pub location: Option<TracebackEntry>,
    /// Worker threads to start (`to_thread`).
    pub new_threads: Vec<ThreadStart>,
    /// Notebook cells running as tasks.
    pub cell_tasks: Vec<Rc<FutureObj>>,
}

impl Aio {
    /// The cell the running code belongs to, for routing its output.
    pub fn current_origin_cell(&self) -> Option<u64> {
        self.current_task
            .as_ref()
            .and_then(|t| t.task.as_ref())
            .and_then(|d| d.origin_cell)
    }

    /// Installs the host's clock.
    pub fn set_clock(&mut self, clock: Box<dyn Clock>) {
        self.clock = Some(clock);
    }

    /// `loop.time()`: the monotonic clock plus skipped virtual time.
    pub fn now(&self) -> f64 {
        self.clock.as_ref().map(|c| c.monotonic()).unwrap_or(0.0) + self.skipped
    }

    /// `time.time()`.
    pub fn wall(&self) -> f64 {
        self.clock.as_ref().map(|c| c.wall()).unwrap_or(0.0) + self.skipped
    }

    /// A fresh id for futures and tasks.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Records a timeline event at the current time.
    pub fn event(&mut self, kind: EventKind) {
        let time = self.now();
        self.events.push(Event { time, kind });
    }

    /// Queues a job for the next loop iteration.
    pub fn call_soon(&mut self, job: Job) {
        self.ready.push_back(job);
    }

    /// Queues a job at a deadline.
    pub fn call_at(&mut self, when: f64, job: Job) {
        self.seq += 1;
        self.timers.push(Timer {
            when,
            seq: self.seq,
            job,
        });
    }

    /// Schedules a done-callback of a completed future.
    pub fn schedule_callback(&mut self, cb: DoneCallback, fut: Rc<FutureObj>) {
        match cb {
            DoneCallback::WakeTask(task) => self.ready.push_back(Job::Wake(task, fut)),
            other => self.ready.push_back(Job::Done(other, fut)),
        }
    }

    /// Bookkeeping when a future completes: tasks leave `all_tasks` and log an event.
    pub fn future_completed(&mut self, fut: &Rc<FutureObj>) {
        if !fut.is_task() {
            return;
        }
        self.pending_tasks.remove(&fut.id);
        let kind = match &*fut.state.borrow() {
            FutureState::Cancelled(_) => EventKind::TaskCancelled { task: fut.id },
            FutureState::Exception(e) => EventKind::TaskFailed {
                task: fut.id,
                error: e.class().name.to_string(),
            },
            _ => EventKind::TaskDone { task: fut.id },
        };
        self.event(kind);
    }

    /// Moves timers that are due to the ready queue; returns the next deadline.
    pub fn release_timers(&mut self, now: f64) -> Option<f64> {
        while let Some(timer) = self.timers.peek() {
            if timer.when > now {
                return Some(timer.when);
            }
            if let Some(timer) = self.timers.pop() {
                self.ready.push_back(timer.job);
            }
        }
        None
    }

    /// The next timer deadline, if any.
    pub fn next_deadline(&self) -> Option<f64> {
        self.timers.peek().map(|t| t.when)
    }

    /// Takes the next ready job.
    pub fn pop_ready(&mut self) -> Option<Job> {
        self.ready.pop_front()
    }

    /// Whether a job is ready to run.
    pub fn has_ready(&self) -> bool {
        !self.ready.is_empty()
    }

    /// Drops every job and timer (the loop closed).
    pub fn clear(&mut self) {
        self.ready.clear();
        self.timers.clear();
        self.pending_tasks.clear();
        self.current_task = None;
    }

    /// The next default task name, `Task-N`.
    pub fn next_task_name(&mut self) -> Rc<str> {
        self.task_counter += 1;
        Rc::from(format!("Task-{}", self.task_counter))
    }
}

/// Creates a task that runs `coro`, scheduled for the next loop iteration.
pub fn create_task(
    interp: &mut Interp,
    coro: Value,
    name: Option<Rc<str>>,
) -> Raise<Rc<FutureObj>> {
    if !interp.aio.running {
        return Err(interp.err("RuntimeError", "no running event loop"));
    }
    let Value::Gen(gen) = &coro else {
        let shown = interp.repr(&coro)?;
        return Err(interp.type_error(format!("a coroutine was expected, got {shown}")));
    };
    if gen.kind != GenKind::Coroutine {
        let shown = interp.repr(&coro)?;
        return Err(interp.type_error(format!("a coroutine was expected, got {shown}")));
    }
    let taken = std::mem::replace(&mut *gen.state.borrow_mut(), GenState::Running);
    let mut frame = match taken {
        GenState::Created(f) => f,
        other => {
            *gen.state.borrow_mut() = other;
            return Err(interp.err("RuntimeError", "cannot reuse already awaited coroutine"));
        }
    };
    frame.role = FrameRole::Base;
    let name = match name {
        Some(n) => {
            interp.aio.next_task_name();
            n
        }
        None => interp.aio.next_task_name(),
    };
    let id = interp.aio.next_id();
    let origin = interp.aio.current_origin_cell();
    let task = Rc::new(FutureObj::new_task(
        id,
        name.clone(),
        coro.clone(),
        Execution::new(*frame),
        None,
        origin,
    ));
    let parent = interp.aio.current_task.as_ref().map(|t| t.id);
    interp.aio.event(EventKind::TaskCreated {
        task: id,
        name: name.to_string(),
        parent,
        cell: None,
    });
    interp.aio.pending_tasks.insert(task.id, task.clone());
    interp.aio.call_soon(Job::Step(task.clone()));
    Ok(task)
}

fn future_arg(interp: &Interp, v: &Value) -> Raise<Rc<FutureObj>> {
    match v {
        Value::Future(f) => Ok(f.clone()),
        other => Err(interp.type_error(format!(
            "expected a Future, got {}",
            interp.type_name(other)
        ))),
    }
}

/// The native functions of `asyncio` and the methods of `Future`, `Task` and the loop.
pub fn install(interp: &mut Interp, module: &mut HashMap<&'static str, Value>) {
    module.insert("run", blocking("run", asyncio_run));
    module.insert("create_task", native("create_task", py_create_task));
    module.insert("ensure_future", native("ensure_future", py_ensure_future));
    module.insert(
        "get_running_loop",
        native("get_running_loop", py_get_running_loop),
    );
    module.insert(
        "get_event_loop",
        native("get_event_loop", py_get_running_loop),
    );
    module.insert("current_task", native("current_task", py_current_task));
    module.insert("all_tasks", native("all_tasks", py_all_tasks));
    module.insert("_yield_once", native("_yield_once", py_yield_once));
    module.insert("_create_future", native("_create_future", py_create_future));
    module.insert("_call_later", native("_call_later", py_call_later));
    module.insert("_label", native("_label", py_label));
    module.insert("_run_in_thread", native("_run_in_thread", py_run_in_thread));
    module.insert("iscoroutine", native("iscoroutine", py_iscoroutine));
    module.insert(
        "iscoroutinefunction",
        native("iscoroutinefunction", py_iscoroutinefunction),
    );
    module.insert("_gathering", native("_gathering", py_gathering));
    module.insert(
        "_cancel_requested",
        native("_cancel_requested", py_cancel_requested),
    );
    module.insert(
        "_cancelled_error",
        native("_cancelled_error", py_cancelled_error),
    );
    module.insert("isfuture", native("isfuture", py_isfuture));
    module.insert(
        "Future",
        Value::Class(interp.types.get(BuiltinType::Future)),
    );
    module.insert("Task", Value::Class(interp.types.get(BuiltinType::Task)));
    module.insert(
        "CancelledError",
        Value::Class(interp.types.exception("CancelledError")),
    );
    module.insert(
        "InvalidStateError",
        Value::Class(interp.types.exception("InvalidStateError")),
    );
    module.insert(
        "TimeoutError",
        Value::Class(interp.types.exception("TimeoutError")),
    );

    let future_methods: &[(&str, NativeFn)] = &[
        ("__new__", future_new),
        ("done", fut_done),
        ("cancelled", fut_cancelled),
        ("result", fut_result),
        ("exception", fut_exception),
        ("set_result", fut_set_result),
        ("set_exception", fut_set_exception),
        ("cancel", fut_cancel),
        ("add_done_callback", fut_add_done_callback),
        ("remove_done_callback", fut_remove_done_callback),
        ("get_name", task_get_name),
        ("set_name", task_set_name),
        ("get_coro", task_get_coro),
        ("cancelling", task_cancelling),
        ("uncancel", task_uncancel),
        ("get_loop", py_get_running_loop_ignore_self),
    ];
    let future_class = interp.types.get(BuiltinType::Future);
    for (name, f) in future_methods {
        future_class
            .dict
            .borrow_mut()
            .insert(Rc::from(*name), native(name, *f));
    }
}

/// The loop object's methods, as a class so `loop.time()` binds.
pub fn loop_class(interp: &Interp) -> Rc<Class> {
    let class = crate::types::new_class(
        "_UnixSelectorEventLoop",
        Some(interp.types.object.clone()),
        None,
        "asyncio.unix_events",
    );
    let methods: &[(&str, NativeFn)] = &[
        ("time", loop_time),
        ("create_future", loop_create_future),
        ("create_task", loop_create_task),
        ("call_soon", loop_call_soon),
        ("call_soon_threadsafe", loop_call_soon),
        ("call_later", loop_call_later),
        ("call_at", loop_call_at),
        ("is_running", loop_is_running),
        ("is_closed", loop_is_closed),
        ("run_in_executor", loop_run_in_executor),
    ];
    for (name, f) in methods {
        class
            .dict
            .borrow_mut()
            .insert(Rc::from(*name), native(name, *f));
    }
    class
}

/// The handle class returned by `call_soon`/`call_later`.
pub fn handle_class(interp: &Interp) -> Rc<Class> {
    let class = crate::types::new_class(
        "TimerHandle",
        Some(interp.types.object.clone()),
        None,
        "asyncio.events",
    );
    let methods: &[(&str, NativeFn)] =
        &[("cancel", handle_cancel), ("cancelled", handle_cancelled)];
    for (name, f) in methods {
        class
            .dict
            .borrow_mut()
            .insert(Rc::from(*name), native(name, *f));
    }
    class
}

fn asyncio_run(interp: &mut Interp, args: Args) -> Raise<Blocking> {
    let coro = arg(interp, &args, 0, "run")?;
    if interp.aio.running {
        let exc = interp.err(
            "RuntimeError",
            "asyncio.run() cannot be called from a running event loop",
        );
        // CPython's traceback keeps the coroutine alive as long as the error is
        // (IPython keeps the last error), so it does not warn "never awaited" yet.
        exc.0
            .attrs
            .borrow_mut()
            .insert(Rc::from("__awaitable_argument__"), coro);
        return Err(exc);
    }
    let is_coroutine = matches!(&coro, Value::Gen(g) if g.kind == GenKind::Coroutine);
    if !is_coroutine {
        let shown = interp.repr(&coro)?;
        return Err(interp.value_error(format!("a coroutine was expected, got {shown}")));
    }
    interp.aio.running = true;
    let task = create_task(interp, coro, None)?;
    Ok(Blocking::RunUntilComplete(task))
}

fn py_create_task(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let name = args.take_kw("name").filter(|v| !matches!(v, Value::None));
    args.take_kw("context");
    let coro = arg(interp, &args, 0, "create_task")?;
    let name = match name {
        Some(n) => Some(Rc::from(interp.to_str(&n)?.as_str())),
        None => None,
    };
    create_task(interp, coro, name).map(Value::Future)
}

fn py_ensure_future(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = arg(interp, &args, 0, "ensure_future")?;
    match v {
        Value::Future(_) => Ok(v),
        other => create_task(interp, other, None).map(Value::Future),
    }
}

fn running_loop(interp: &mut Interp) -> Raise<Value> {
    if !interp.aio.running {
        return Err(interp.err("RuntimeError", "no running event loop"));
    }
    match interp.modules.get("asyncio").and_then(|m| {
        if let Value::Module(m) = m {
            m.dict.borrow().get_str("_loop")
        } else {
            None
        }
    }) {
        Some(l) => Ok(l),
        None => Err(interp.err("RuntimeError", "no running event loop")),
    }
}

fn py_get_running_loop(interp: &mut Interp, _args: Args) -> Raise<Value> {
    running_loop(interp)
}

fn py_get_running_loop_ignore_self(interp: &mut Interp, _args: Args) -> Raise<Value> {
    running_loop(interp)
}

fn py_current_task(interp: &mut Interp, _args: Args) -> Raise<Value> {
    if !interp.aio.running {
        return Err(interp.err("RuntimeError", "no running event loop"));
    }
    Ok(interp
        .aio
        .current_task
        .clone()
        .map(Value::Future)
        .unwrap_or(Value::None))
}

fn py_all_tasks(interp: &mut Interp, _args: Args) -> Raise<Value> {
    if !interp.aio.running {
        return Err(interp.err("RuntimeError", "no running event loop"));
    }
    let tasks: Vec<Value> = interp
        .aio
        .pending_tasks
        .values()
        .cloned()
        .map(Value::Future)
        .collect();
    interp.new_set(tasks)
}

fn py_yield_once(interp: &mut Interp, _args: Args) -> Raise<Value> {
    let id = interp.aio.next_id();
    Ok(Value::Future(Rc::new(FutureObj::yield_once(id))))
}

fn py_create_future(interp: &mut Interp, _args: Args) -> Raise<Value> {
    let id = interp.aio.next_id();
    Ok(Value::Future(Rc::new(FutureObj::new(id))))
}

fn future_new(interp: &mut Interp, _args: Args) -> Raise<Value> {
    py_create_future(interp, Args::default())
}

/// `_label(fut, text)`: names what a future stands for in timelines.
fn py_label(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fut = future_arg(interp, &arg(interp, &args, 0, "_label")?)?;
    let text = interp.to_str(&arg(interp, &args, 1, "_label")?)?;
    *fut.label.borrow_mut() = Some(Rc::from(text.as_str()));
    Ok(Value::None)
}

fn make_handle(interp: &mut Interp, cancelled: Rc<Cell<bool>>) -> Value {
    let class = match interp.modules.get("asyncio").and_then(|m| {
        if let Value::Module(m) = m {
            m.dict.borrow().get_str("_Handle")
        } else {
            None
        }
    }) {
        Some(Value::Class(c)) => c,
        _ => interp.types.object.clone(),
    };
    Value::Instance(Rc::new(Instance {
        class,
        attrs: RefCell::new(HashMap::new()),
        payload: RefCell::new(Payload::Native(NativeObj::Handle(cancelled))),
        hash_cache: Default::default(),
    }))
}

/// `_call_later(delay, callback, *args)`: the loop's timer, returning a handle.
fn py_call_later(interp: &mut Interp, args: Args) -> Raise<Value> {
    let delay = crate::ops::as_f64(&arg(interp, &args, 0, "call_later")?)
        .ok_or_else(|| interp.type_error("delay must be a number"))?;
    let func = arg(interp, &args, 1, "call_later")?;
    let rest = args.pos[2..].to_vec();
    let cancelled = Rc::new(Cell::new(false));
    let when = interp.aio.now() + delay.max(0.0);
    interp.aio.call_at(
        when,
        Job::Call {
            func,
            args: rest,
            cancelled: cancelled.clone(),
        },
    );
    Ok(make_handle(interp, cancelled))
}

fn py_run_in_thread(interp: &mut Interp, args: Args) -> Raise<Value> {
    let func = arg(interp, &args, 0, "to_thread")?;
    let call_args = match args.pos.get(1) {
        Some(Value::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    };
    let kw = match args.pos.get(2) {
        Some(Value::Dict(d)) => d
            .borrow()
            .iter()
            .map(|(k, v)| (crate::interp::str_of(k), v.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let id = interp.aio.next_id();
    let future = Rc::new(FutureObj::new(id));
    let label = match &func {
        Value::Function(f) => format!("thread: {}()", f.name.borrow()),
        Value::Builtin(b) => format!("thread: {}()", b.name),
        _ => "thread".to_string(),
    };
    *future.label.borrow_mut() = Some(Rc::from(label.as_str()));
    interp.aio.new_threads.push(ThreadStart {
        func,
        args: Args { pos: call_args, kw },
        future: future.clone(),
    });
    Ok(Value::Future(future))
}

fn py_iscoroutine(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = arg(interp, &args, 0, "iscoroutine")?;
    Ok(Value::Bool(
        matches!(v, Value::Gen(g) if g.kind == GenKind::Coroutine),
    ))
}

fn py_iscoroutinefunction(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = arg(interp, &args, 0, "iscoroutinefunction")?;
    let function = match &v {
        Value::Method(m) => m.function.clone(),
        other => other.clone(),
    };
    Ok(Value::Bool(
        matches!(function, Value::Function(f) if f.code.kind == crate::bytecode::CodeKind::Coroutine),
    ))
}

fn py_isfuture(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = arg(interp, &args, 0, "isfuture")?;
    Ok(Value::Bool(matches!(v, Value::Future(_))))
}

fn this_future(interp: &Interp, args: &Args) -> Raise<Rc<FutureObj>> {
    match args.pos.first() {
        Some(Value::Future(f)) => Ok(f.clone()),
        _ => Err(interp.type_error("descriptor requires a 'Future' object")),
    }
}

fn fut_done(interp: &mut Interp, args: Args) -> Raise<Value> {
    Ok(Value::Bool(this_future(interp, &args)?.done()))
}

fn fut_cancelled(interp: &mut Interp, args: Args) -> Raise<Value> {
    Ok(Value::Bool(this_future(interp, &args)?.cancelled()))
}

fn fut_result(interp: &mut Interp, args: Args) -> Raise<Value> {
    this_future(interp, &args)?.result(interp)
}

fn fut_exception(interp: &mut Interp, args: Args) -> Raise<Value> {
    this_future(interp, &args)?.exception(interp)
}

fn fut_set_result(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fut = this_future(interp, &args)?;
    if fut.is_task() {
        return Err(interp.err("RuntimeError", "Task does not support set_result operation"));
    }
    let v = args.pos.get(1).cloned().unwrap_or(Value::None);
    fut.complete(interp, FutureState::Result(v))?;
    Ok(Value::None)
}

fn fut_set_exception(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fut = this_future(interp, &args)?;
    if fut.is_task() {
        return Err(interp.err(
            "RuntimeError",
            "Task does not support set_exception operation",
        ));
    }
    let v = arg(interp, &args, 1, "set_exception")?;
    let exc = interp.to_exc(v)?;
    fut.complete(interp, FutureState::Exception(exc))?;
    Ok(Value::None)
}

fn fut_cancel(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let msg = args
        .take_kw("msg")
        .or_else(|| args.pos.get(1).cloned())
        .unwrap_or(Value::None);
    let fut = this_future(interp, &args)?;
    fut.cancel(interp, msg).map(Value::Bool)
}

fn fut_add_done_callback(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    args.take_kw("context");
    let fut = this_future(interp, &args)?;
    let cb = arg(interp, &args, 1, "add_done_callback")?;
    fut.add_done_callback(interp, DoneCallback::Python(cb));
    Ok(Value::None)
}

fn fut_remove_done_callback(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fut = this_future(interp, &args)?;
    let cb = arg(interp, &args, 1, "remove_done_callback")?;
    let mut callbacks = fut.callbacks.borrow_mut();
    let before = callbacks.len();
    callbacks.retain(|c| !matches!(c, DoneCallback::Python(v) if v.is(&cb) || crate::ops::builtin_eq(v, &cb).unwrap_or(false)));
    Ok(Value::Int((before - callbacks.len()) as i64))
}

fn task_data<'a>(interp: &Interp, fut: &'a Rc<FutureObj>) -> Raise<&'a crate::future::TaskData> {
    fut.task.as_ref().ok_or_else(|| {
        interp.err(
            "AttributeError",
            "'Future' object has no attribute for tasks",
        )
    })
}

fn task_get_name(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fut = this_future(interp, &args)?;
    let name = task_data(interp, &fut)?.name.borrow().clone();
    Ok(Value::Str(name))
}

fn task_set_name(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fut = this_future(interp, &args)?;
    let name = interp.to_str(&arg(interp, &args, 1, "set_name")?)?;
    *task_data(interp, &fut)?.name.borrow_mut() = Rc::from(name.as_str());
    Ok(Value::None)
}

fn task_get_coro(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fut = this_future(interp, &args)?;
    Ok(task_data(interp, &fut)?.coro.clone())
}

fn task_cancelling(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fut = this_future(interp, &args)?;
    Ok(Value::Int(
        task_data(interp, &fut)?.num_cancels_requested.get() as i64,
    ))
}

fn task_uncancel(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fut = this_future(interp, &args)?;
    let data = task_data(interp, &fut)?;
    let n = data.num_cancels_requested.get().saturating_sub(1);
    data.num_cancels_requested.set(n);
    Ok(Value::Int(n as i64))
}

fn loop_time(interp: &mut Interp, _args: Args) -> Raise<Value> {
    Ok(Value::Float(interp.aio.now()))
}

fn loop_create_future(interp: &mut Interp, _args: Args) -> Raise<Value> {
    py_create_future(interp, Args::default())
}

fn loop_create_task(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    args.pos.remove(0);
    py_create_task(interp, args)
}

fn loop_call_soon(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    args.take_kw("context");
    let func = arg(interp, &args, 1, "call_soon")?;
    let rest = args.pos[2..].to_vec();
    let cancelled = Rc::new(Cell::new(false));
    interp.aio.call_soon(Job::Call {
        func,
        args: rest,
        cancelled: cancelled.clone(),
    });
    Ok(make_handle(interp, cancelled))
}

fn loop_call_later(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    args.take_kw("context");
    args.pos.remove(0);
    py_call_later(interp, args)
}

fn loop_call_at(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    args.take_kw("context");
    let when = crate::ops::as_f64(&arg(interp, &args, 1, "call_at")?)
        .ok_or_else(|| interp.type_error("when must be a number"))?;
    let func = arg(interp, &args, 2, "call_at")?;
    let rest = args.pos[3..].to_vec();
    let cancelled = Rc::new(Cell::new(false));
    interp.aio.call_at(
        when,
        Job::Call {
            func,
            args: rest,
            cancelled: cancelled.clone(),
        },
    );
    Ok(make_handle(interp, cancelled))
}

fn loop_is_running(interp: &mut Interp, args: Args) -> Raise<Value> {
    Ok(Value::Bool(interp.aio.running && !loop_closed_flag(&args)))
}

fn loop_closed_flag(args: &Args) -> bool {
    match args.pos.first() {
        Some(Value::Instance(i)) => {
            matches!(&*i.payload.borrow(), Payload::Native(NativeObj::Loop(closed)) if closed.get())
        }
        _ => false,
    }
}

fn loop_is_closed(_interp: &mut Interp, args: Args) -> Raise<Value> {
    Ok(Value::Bool(loop_closed_flag(&args)))
}

fn loop_run_in_executor(interp: &mut Interp, args: Args) -> Raise<Value> {
    let func = arg(interp, &args, 2, "run_in_executor")?;
    let rest = Value::tuple(args.pos[3..].to_vec());
    py_run_in_thread(interp, Args::new(vec![func, rest]))
}

fn handle_flag(interp: &Interp, args: &Args) -> Raise<Rc<Cell<bool>>> {
    if let Some(Value::Instance(i)) = args.pos.first() {
        if let Payload::Native(NativeObj::Handle(flag)) = &*i.payload.borrow() {
            return Ok(flag.clone());
        }
    }
    Err(interp.type_error("expected a handle"))
}

fn handle_cancel(interp: &mut Interp, args: Args) -> Raise<Value> {
    handle_flag(interp, &args)?.set(true);
    Ok(Value::None)
}

fn handle_cancelled(interp: &mut Interp, args: Args) -> Raise<Value> {
    Ok(Value::Bool(handle_flag(interp, &args)?.get()))
}

/// `_gathering(outer, children)`: links gather's outer future to its children.
fn py_gathering(interp: &mut Interp, args: Args) -> Raise<Value> {
    let outer = future_arg(interp, &arg(interp, &args, 0, "_gathering")?)?;
    let children = interp.iterate(&arg(interp, &args, 1, "_gathering")?)?;
    let mut linked = Vec::new();
    for child in children {
        linked.push(future_arg(interp, &child)?);
    }
    *outer.children.borrow_mut() = linked;
    *outer.label.borrow_mut() = Some(Rc::from("gather"));
    Ok(Value::None)
}

fn py_cancel_requested(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fut = future_arg(interp, &arg(interp, &args, 0, "_cancel_requested")?)?;
    Ok(Value::Bool(fut.cancel_requested.get()))
}

/// `_cancelled_error(fut)`: the CancelledError a cancelled future raises.
fn py_cancelled_error(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fut = future_arg(interp, &arg(interp, &args, 0, "_cancelled_error")?)?;
    let msg = match &*fut.state.borrow() {
        FutureState::Cancelled(m) => m.clone(),
        _ => Value::None,
    };
    Ok(crate::future::cancelled_error(interp, &msg).value())
}
