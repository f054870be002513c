//! asyncio's `Future` and `Task`, following CPython's `futures.py` and `tasks.py`.
//!
//! A task owns the execution (frame stack) of its coroutine. When the code
//! awaits a pending future, the runtime registers the task as a done-callback
//! of that future and parks the execution; completing the future schedules the
//! task again, and the `Await` instruction, run once more, picks the result up.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::frame::Execution;
use crate::interp::{Interp, Raise};
use crate::repr::address_text;
use crate::value::*;

/// The state of a future.
pub enum FutureState {
    Pending,
    Result(Value),
    Exception(Exc),
    /// Cancelled, with the message given to `cancel(msg)`.
    Cancelled(Value),
}

/// Something to run when a future completes.
#[derive(Clone)]
pub enum DoneCallback {
    /// A Python callable, called with the future.
    Python(Value),
    /// Wake a task that awaits this future.
    WakeTask(Rc<FutureObj>),
}

/// The task-specific part of a `Task`.
pub struct TaskData {
    pub name: RefCell<Rc<str>>,
    /// The coroutine object (kept for `get_coro()` and the repr).
    pub coro: Value,
    /// The coroutine's frames while it is not running; `None` while running or done.
    pub exec: RefCell<Option<Execution>>,
    pub must_cancel: Cell<bool>,
    pub cancel_message: RefCell<Value>,
    pub num_cancels_requested: Cell<u32>,
    /// The future this task is suspended on.
    pub fut_waiter: RefCell<Option<Rc<FutureObj>>>,
    /// The notebook cell this task runs, if it is a cell rather than a created task.
    pub cell: Option<u64>,
    /// The cell whose code created this task (directly or through other tasks):
    /// its output belongs there, as with IPython's per-task output context.
    pub origin_cell: Option<u64>,
}

/// An asyncio future or task.
pub struct FutureObj {
    pub id: u64,
    pub state: RefCell<FutureState>,
    pub callbacks: RefCell<Vec<DoneCallback>>,
    pub task: Option<TaskData>,
    /// What the future stands for, for timelines (`sleep(10)`).
    pub label: RefCell<Option<Rc<str>>>,
    /// A future used once by `await asyncio.sleep(0)`: yields to the loop a single time.
    yield_once: bool,
    /// Whether someone retrieved the exception (CPython logs unretrieved ones).
    pub exception_retrieved: Cell<bool>,
    /// For `gather`'s outer future: the children that cancelling it cancels.
    pub children: RefCell<Vec<Rc<FutureObj>>>,
    /// For `gather`'s outer future: whether it was asked to cancel.
    pub cancel_requested: Cell<bool>,
    /// For a task cancelled by a `CancelledError` raised in its code: that error,
    /// re-raised by `result()` so its traceback points into the task (as CPython).
    pub cancelled_exc: RefCell<Option<Exc>>,
}

impl FutureObj {
    /// A pending future.
    pub fn new(id: u64) -> FutureObj {
        FutureObj {
            id,
            state: RefCell::new(FutureState::Pending),
            callbacks: RefCell::new(Vec::new()),
            task: None,
            label: RefCell::new(None),
            yield_once: false,
            exception_retrieved: Cell::new(false),
            children: RefCell::new(Vec::new()),
            cancel_requested: Cell::new(false),
            cancelled_exc: RefCell::new(None),
        }
    }

    /// The future behind `await asyncio.sleep(0)`.
    pub fn yield_once(id: u64) -> FutureObj {
        FutureObj {
            yield_once: true,
            ..FutureObj::new(id)
        }
    }

    /// A task for `coro`, with its first frame ready to run.
    pub fn new_task(
        id: u64,
        name: Rc<str>,
        coro: Value,
        exec: Execution,
        cell: Option<u64>,
        origin_cell: Option<u64>,
    ) -> FutureObj {
        let task = TaskData {
            name: RefCell::new(name),
            coro,
            exec: RefCell::new(Some(exec)),
            must_cancel: Cell::new(false),
            cancel_message: RefCell::new(Value::None),
            num_cancels_requested: Cell::new(0),
            fut_waiter: RefCell::new(None),
            cell,
            origin_cell,
        };
        FutureObj {
            task: Some(task),
            ..FutureObj::new(id)
        }
    }

    /// Whether this is a `Task`.
    pub fn is_task(&self) -> bool {
        self.task.is_some()
    }

    /// Whether this is the single-yield future of `sleep(0)`.
    pub fn is_yield_once(&self) -> bool {
        self.yield_once
    }

    /// `done()`.
    pub fn done(&self) -> bool {
        !matches!(*self.state.borrow(), FutureState::Pending)
    }

    /// `cancelled()`.
    pub fn cancelled(&self) -> bool {
        matches!(*self.state.borrow(), FutureState::Cancelled(_))
    }

    /// Sets a result without callbacks (only for the yield-once future).
    pub fn set_result_value(&self, v: Value) {
        *self.state.borrow_mut() = FutureState::Result(v);
    }

    /// The task name, for tasks.
    pub fn name(&self) -> Rc<str> {
        self.task
            .as_ref()
            .map(|t| t.name.borrow().clone())
            .unwrap_or_else(|| Rc::from("Future"))
    }

    /// `result()`: the value, or raises the exception / `CancelledError` / `InvalidStateError`.
    pub fn result(&self, interp: &mut Interp) -> Raise<Value> {
        match &*self.state.borrow() {
            FutureState::Pending => Err(interp.err("InvalidStateError", "Result is not set.")),
            FutureState::Result(v) => Ok(v.clone()),
            FutureState::Exception(e) => {
                self.exception_retrieved.set(true);
                Err(e.clone())
            }
            FutureState::Cancelled(msg) => Err(self
                .cancelled_exc
                .borrow()
                .clone()
                .unwrap_or_else(|| cancelled_error(interp, msg))),
        }
    }

    /// `exception()`.
    pub fn exception(&self, interp: &mut Interp) -> Raise<Value> {
        match &*self.state.borrow() {
            FutureState::Pending => Err(interp.err("InvalidStateError", "Exception is not set.")),
            FutureState::Result(_) => Ok(Value::None),
            FutureState::Exception(e) => {
                self.exception_retrieved.set(true);
                Ok(e.value())
            }
            FutureState::Cancelled(msg) => Err(self
                .cancelled_exc
                .borrow()
                .clone()
                .unwrap_or_else(|| cancelled_error(interp, msg))),
        }
    }

    /// Completes the future and schedules its callbacks.
    pub fn complete(self: &Rc<Self>, interp: &mut Interp, state: FutureState) -> Raise<()> {
        if self.done() {
            return Err(interp.err("InvalidStateError", "invalid state"));
        }
        *self.state.borrow_mut() = state;
        let callbacks = std::mem::take(&mut *self.callbacks.borrow_mut());
        for cb in callbacks {
            interp.aio.schedule_callback(cb, self.clone());
        }
        interp.aio.future_completed(self);
        Ok(())
    }

    /// `add_done_callback(cb)`: runs soon if already done.
    pub fn add_done_callback(self: &Rc<Self>, interp: &mut Interp, cb: DoneCallback) {
        if self.done() {
            interp.aio.schedule_callback(cb, self.clone());
        } else {
            self.callbacks.borrow_mut().push(cb);
        }
    }

    /// `cancel(msg)`: for futures, completes as cancelled; for tasks, requests a
    /// cancellation delivered at the task's await point.
    pub fn cancel(self: &Rc<Self>, interp: &mut Interp, msg: Value) -> Raise<bool> {
        if self.done() {
            return Ok(false);
        }
        let Some(task) = &self.task else {
            let children = self.children.borrow().clone();
            if !children.is_empty() {
                // gather(): cancelling the outer future cancels the children; the
                // outer one completes when they report back.
                let mut any = false;
                for child in children {
                    any |= child.cancel(interp, msg.clone())?;
                }
                if any {
                    self.cancel_requested.set(true);
                }
                return Ok(any);
            }
            self.complete(interp, FutureState::Cancelled(msg))?;
            return Ok(true);
        };
        task.num_cancels_requested
            .set(task.num_cancels_requested.get() + 1);
        let waiter = task.fut_waiter.borrow().clone();
        if let Some(waiter) = waiter {
            if waiter.cancel(interp, msg.clone())? {
                // The task wakes with CancelledError from the awaited future.
                return Ok(true);
            }
        }
        task.must_cancel.set(true);
        *task.cancel_message.borrow_mut() = msg;
        Ok(true)
    }

    /// `repr()` in CPython's shape.
    pub fn repr(&self, interp: &mut Interp) -> Raise<String> {
        let state = match &*self.state.borrow() {
            FutureState::Pending => "pending".to_string(),
            FutureState::Cancelled(_) => "cancelled".to_string(),
            FutureState::Result(_) | FutureState::Exception(_) => "finished".to_string(),
        };
        let outcome = match &*self.state.borrow() {
            FutureState::Result(v) => Some(format!("result={}", interp.repr(&v.clone())?)),
            FutureState::Exception(e) => Some(format!("exception={}", interp.repr(&e.value())?)),
            _ => None,
        };
        let Some(task) = &self.task else {
            return Ok(match outcome {
                Some(o) => format!("<Future {state} {o}>"),
                None => format!("<Future {state}>"),
            });
        };
        let coro = match &task.coro {
            Value::Gen(g) => {
                let status = if self.done() { "done" } else { "running" };
                format!(" coro=<{}() {status}>", g.qualname)
            }
            _ => String::new(),
        };
        let _ = address_text;
        Ok(match outcome {
            Some(o) => format!("<Task {state} name='{}'{coro} {o}>", task.name.borrow()),
            None => format!("<Task {state} name='{}'{coro}>", task.name.borrow()),
        })
    }
}

/// A `CancelledError` carrying the cancel message, if any.
pub fn cancelled_error(interp: &mut Interp, msg: &Value) -> Exc {
    let class = interp.types.exception("CancelledError");
    let args = if matches!(msg, Value::None) {
        Vec::new()
    } else {
        vec![msg.clone()]
    };
    interp.new_exc(&class, args)
}
