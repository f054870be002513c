//! The browser host: owns a notebook [`Kernel`] and drives it with the
//! browser's clock and timers.
//!
//! Python runs in slices of about [`budget::TARGET_MS`] of work. Between
//! slices the host gives the thread back to the browser through a
//! `MessageChannel` message (a zero-delay `setTimeout` would be clamped to 4 ms
//! after a few rounds, a third of the time lost), so the page stays responsive
//! and Stop works even during `while True: pass` or `time.sleep(10)`. When the
//! kernel has nothing to run before a timer (`asyncio.sleep`), the host sets a
//! browser timer for that moment instead of spinning.
//!
//! Everything pending (the next slice, the wake-up timer) is owned by the
//! [`Host`]: dropping the last handle drops the kernel and cancels them, so
//! Restart is "make a new host", and nothing runs on after the app is gone.
//! Callbacks hold only weak references to the host.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::rc::{Rc, Weak};

use awaitable_notebook::kernel::{ExecutionState, Kernel};
use awaitable_notebook::params::ClockChoice;
use awaitable_python::aio::Clock;
use awaitable_python::events::Event;
use awaitable_python::runtime::{HostReply, NetError, Outcome};
use gloo_timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageChannel, MessageEvent, Performance};
use yew::Callback;

use crate::budget::Budget;
use crate::outputs::{output_delta, OutputDelta, OutputMark};

/// The position of a code cell in the notebook shown, from 0.
pub type CellIndex = usize;

/// An error raised by a browser API, with the message JavaScript gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsError {
    /// What went wrong, as the browser described it.
    pub message: String,
}

impl From<JsValue> for JsError {
    fn from(value: JsValue) -> Self {
        let message = value
            .dyn_ref::<js_sys::Error>()
            .map(|error| String::from(error.message()))
            .or_else(|| value.as_string())
            .unwrap_or_else(|| format!("{value:?}"));
        JsError { message }
    }
}

impl fmt::Display for JsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsError {}

/// The browser's clocks: `performance.now()` for `time.monotonic` and the
/// loop's time, `Date.now()` for `time.time`.
pub struct BrowserClock {
    performance: Option<Performance>,
}

impl BrowserClock {
    /// The clock of the current window (of `Date` alone where there is no
    /// `performance`, which only very old browsers lack).
    pub fn new() -> BrowserClock {
        let performance = web_sys::window().and_then(|window| window.performance());
        BrowserClock { performance }
    }

    /// Milliseconds on the monotonic clock.
    pub fn now_ms(&self) -> f64 {
        match &self.performance {
            Some(performance) => performance.now(),
            None => js_sys::Date::now(),
        }
    }
}

impl Default for BrowserClock {
    fn default() -> Self {
        BrowserClock::new()
    }
}

impl Clock for BrowserClock {
    fn monotonic(&self) -> f64 {
        self.now_ms() / 1000.0
    }

    fn wall(&self) -> f64 {
        js_sys::Date::now() / 1000.0
    }
}

/// What the kernel is doing, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KernelStatus {
    /// Nothing runs; background tasks may wait on timers.
    Idle,
    /// Python is running, or cells wait their turn.
    Busy,
    /// The loop's thread is blocked (`time.sleep`): no task can run, but the
    /// page can, and Stop works.
    Blocked,
}

/// What the host tells the app, in the order it happened.
#[derive(Debug, Clone, PartialEq)]
pub enum HostEvent {
    /// The cell waits for the cells queued before it.
    Queued {
        /// The cell.
        cell: CellIndex,
    },
    /// The cell started running as execution `count`.
    Started {
        /// The cell.
        cell: CellIndex,
        /// Its execution count, the `[n]` beside it.
        count: u32,
    },
    /// New output for the cell's execution.
    Output {
        /// The cell.
        cell: CellIndex,
        /// What is new.
        delta: OutputDelta,
    },
    /// The cell's execution ended.
    Finished {
        /// The cell.
        cell: CellIndex,
        /// Its execution count.
        count: u32,
        /// Whether it succeeded.
        state: ExecutionState,
        /// How long it ran, in milliseconds of loop time.
        millis: u64,
    },
    /// The cell was queued but will not run: Stop was pressed, or a cell
    /// before it failed (as Jupyter's Run All stops at the first error).
    Dropped {
        /// The cell.
        cell: CellIndex,
    },
    /// The kernel's status changed.
    Status(KernelStatus),
    /// The runtime's events of the slice (tasks, waits, output, pages asked
    /// of `wikipedia`), in order, before the slice's `Output` and `Finished`.
    Timeline(Vec<Event>),
}

/// A handle on the browser host. Clones share one kernel; when the last one
/// is dropped, the kernel goes and its pending slice and timer are
/// cancelled.
#[derive(Clone)]
pub struct Host {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl fmt::Debug for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Host").finish_non_exhaustive()
    }
}

/// A cell waiting for its turn.
struct Queued {
    cell: CellIndex,
    source: String,
}

/// An execution whose output appears in a cell.
struct Shown {
    count: u32,
    cell: CellIndex,
    mark: OutputMark,
}

/// What the host will do next without being asked.
enum Next {
    /// Nothing: the kernel is idle, or waits for something other than time.
    Nothing,
    /// A slice, as soon as the browser has had its turn.
    Slice,
    /// A slice when the kernel's next timer is due; dropping the timer
    /// cancels it.
    Wake { _timer: Timeout },
}

struct Inner {
    kernel: Kernel,
    clock: BrowserClock,
    queue: VecDeque<Queued>,
    shown: Vec<Shown>,
    budget: Budget,
    status: KernelStatus,
    next: Next,
    yielder: Yielder,
    report: Callback<Vec<HostEvent>>,
    /// Whether waits take real time or are skipped.
    clock_choice: ClockChoice,
    /// Set by [`Host::shutdown`]: nothing runs or reports any more.
    shut_down: bool,
    this: Weak<RefCell<Inner>>,
}

impl Host {
    /// A host with a fresh kernel. It reports what happens, a batch per slice,
    /// to `report`.
    pub fn new(report: Callback<Vec<HostEvent>>) -> Result<Host, JsError> {
        let channel = MessageChannel::new()?;
        let inner = Rc::new_cyclic(|this: &Weak<RefCell<Inner>>| {
            RefCell::new(Inner {
                kernel: Kernel::new(Box::new(BrowserClock::new())),
                clock: BrowserClock::new(),
                queue: VecDeque::new(),
                shown: Vec::new(),
                budget: Budget::default(),
                status: KernelStatus::Idle,
                next: Next::Nothing,
                yielder: Yielder::new(channel, this.clone()),
                report,
                clock_choice: ClockChoice::Real,
                shut_down: false,
                this: this.clone(),
            })
        });
        Ok(Host { inner })
    }

    /// Queues `source` to run as cell `cell`, after the cells already queued.
    pub fn run(&self, cell: CellIndex, source: String) {
        let events = {
            let mut inner = self.inner.borrow_mut();
            if inner.shut_down {
                return;
            }
            inner.queue.push_back(Queued { cell, source });
            let mut events = vec![HostEvent::Queued { cell }];
            inner.set_status(KernelStatus::Busy, &mut events);
            inner.slice_soon();
            (inner.report.clone(), events)
        };
        emit(events);
    }

    /// Stop: interrupts the running code with `KeyboardInterrupt` and drops
    /// the queued cells.
    pub fn stop(&self) {
        let events = {
            let mut inner = self.inner.borrow_mut();
            if inner.shut_down {
                return;
            }
            let mut events: Vec<HostEvent> = inner
                .queue
                .drain(..)
                .map(|queued| HostEvent::Dropped { cell: queued.cell })
                .collect();
            inner.kernel.interrupt();
            inner.update_status(false, &mut events);
            // A sleeping cell must see the interrupt now, not when its timer is due.
            inner.slice_soon();
            (inner.report.clone(), events)
        };
        emit(events);
    }

    /// Stops this kernel for good, at once: its queue, next slice and timer
    /// are dropped and it reports nothing more, even while other handles
    /// (a callback of the last render, say) keep it alive a little longer.
    /// Restart calls it before attaching a new host.
    pub fn shutdown(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.shut_down = true;
        inner.queue.clear();
        inner.next = Next::Nothing;
    }

    /// Real time, or fast-forward: while a cell runs, the kernel's waits
    /// (`asyncio.sleep`, `time.sleep`) are skipped on its virtual clock
    /// instead of waited for, as the CLI's `--clock virtual` does. A wait
    /// already pending ends at once when fast-forward is switched on.
    pub fn set_clock(&self, choice: ClockChoice) {
        let mut inner = self.inner.borrow_mut();
        if inner.shut_down || inner.clock_choice == choice {
            return;
        }
        inner.clock_choice = choice;
        if choice == ClockChoice::Fast && matches!(inner.next, Next::Wake { .. }) {
            inner.slice_soon();
        }
    }

    /// Whether Python is running or queued.
    pub fn is_busy(&self) -> bool {
        self.inner.borrow().status != KernelStatus::Idle
    }

    /// The instruction budget of the next slice (for tests and diagnostics).
    pub fn budget(&self) -> u64 {
        self.inner.borrow().budget.instructions()
    }
}

fn emit((report, events): (Callback<Vec<HostEvent>>, Vec<HostEvent>)) {
    if !events.is_empty() {
        report.emit(events);
    }
}

/// Runs one slice. The report is sent after the host is released, so that
/// whatever the app does with it may call the host again.
fn run_slice(inner: &Rc<RefCell<Inner>>) {
    let events = {
        let mut inner = inner.borrow_mut();
        if inner.shut_down {
            return;
        }
        let events = inner.slice();
        (inner.report.clone(), events)
    };
    emit(events);
}

impl Inner {
    fn slice(&mut self) -> Vec<HostEvent> {
        self.next = Next::Nothing;
        let mut events = Vec::new();
        self.start_queued(&mut events);
        let started = self.clock.now_ms();
        let outcome = self.kernel.step(self.budget.instructions());
        let elapsed = self.clock.now_ms() - started;
        self.budget.observe(elapsed, outcome == Outcome::Busy);
        let answered = self.answer_requests();
        self.collect(&mut events);
        let busy = outcome == Outcome::Busy;
        self.update_status(busy, &mut events);
        let next_cell_waits = !self.kernel.is_running() && !self.queue.is_empty();
        match outcome {
            Outcome::Idle { wake_at } if !(answered || next_cell_waits) => {
                if let Some(at) = wake_at {
                    self.wake_at(at);
                }
            }
            _ => self.slice_soon(),
        }
        events
    }

    /// Starts the next queued cell if none is running.
    fn start_queued(&mut self, events: &mut Vec<HostEvent>) {
        if self.kernel.is_running() {
            return;
        }
        let Some(Queued { cell, source }) = self.queue.pop_front() else {
            return;
        };
        let count = self.kernel.execute(&source);
        // Output of the cell's earlier runs (a background task still printing)
        // is no longer shown: the cell now shows this run.
        self.shown.retain(|shown| shown.cell != cell);
        self.shown.push(Shown {
            count,
            cell,
            mark: OutputMark::default(),
        });
        events.push(HostEvent::Started { cell, count });
    }

    /// The page cannot fetch yet: host calls fail as if offline rather than
    /// leave the cell waiting forever.
    fn answer_requests(&mut self) -> bool {
        let runtime = self.kernel.runtime();
        let requests = runtime.take_requests();
        for request in &requests {
            runtime.complete(
                request.id,
                HostReply::Failed {
                    kind: NetError::Offline,
                    message: "network access is not available in the page yet".to_owned(),
                },
            );
        }
        !requests.is_empty()
    }

    /// Reports new output and finished executions.
    fn collect(&mut self, events: &mut Vec<HostEvent>) {
        let timeline = self.kernel.take_timeline();
        let printed = timeline.iter().any(|event| {
            matches!(
                event.kind,
                awaitable_python::events::EventKind::Output { .. }
            )
        });
        if !timeline.is_empty() {
            events.push(HostEvent::Timeline(timeline));
        }
        let finished = self.kernel.take_finished();
        if printed || !finished.is_empty() {
            for shown in &mut self.shown {
                let Some(execution) = self.kernel.execution(shown.count) else {
                    continue;
                };
                if let Some(delta) = output_delta(&mut shown.mark, &execution.outputs) {
                    events.push(HostEvent::Output {
                        cell: shown.cell,
                        delta,
                    });
                }
            }
        }
        let mut failed = false;
        for execution in finished {
            let Some(shown) = self
                .shown
                .iter()
                .find(|shown| shown.count == execution.execution_count)
            else {
                continue;
            };
            let seconds = execution.ended_at.unwrap_or(execution.started_at) - execution.started_at;
            failed |= execution.state == ExecutionState::Failed;
            events.push(HostEvent::Finished {
                cell: shown.cell,
                count: execution.execution_count,
                state: execution.state,
                millis: (seconds * 1000.0).round().max(0.0) as u64,
            });
        }
        if failed {
            events.extend(
                self.queue
                    .drain(..)
                    .map(|queued| HostEvent::Dropped { cell: queued.cell }),
            );
        }
    }

    fn update_status(&mut self, busy: bool, events: &mut Vec<HostEvent>) {
        let status = if self.kernel.runtime().loop_blocked() {
            KernelStatus::Blocked
        } else if busy || self.kernel.is_running() || !self.queue.is_empty() {
            KernelStatus::Busy
        } else {
            KernelStatus::Idle
        };
        self.set_status(status, events);
    }

    fn set_status(&mut self, status: KernelStatus, events: &mut Vec<HostEvent>) {
        if status != self.status {
            self.status = status;
            events.push(HostEvent::Status(status));
        }
    }

    /// Schedules a slice after the browser's turn (cancelling a timer).
    fn slice_soon(&mut self) {
        if matches!(self.next, Next::Slice) {
            return;
        }
        match self.yielder.post() {
            Ok(()) => self.next = Next::Slice,
            // A port that cannot post is a browser bug; a timer still works.
            Err(_) => {
                self.next = Next::Wake {
                    _timer: self.timer(0),
                }
            }
        }
    }

    /// Schedules a slice for loop time `at` (seconds). In fast-forward, while
    /// a cell runs, the clock jumps there instead. Background tasks left by
    /// finished cells wait in real time, so that a forgotten
    /// `while True: await asyncio.sleep(1)` cannot spin the page.
    fn wake_at(&mut self, at: f64) {
        if self.clock_choice == ClockChoice::Fast && self.kernel.is_running() {
            let aio = &mut self.kernel.runtime().interp.aio;
            let wait = at - aio.now();
            if wait.is_finite() && wait > 0.0 {
                aio.skipped += wait;
            }
            self.slice_soon();
            return;
        }
        let delay_ms = ((at - self.kernel.runtime().interp.aio.now()) * 1000.0).ceil();
        // setTimeout takes a signed 32-bit delay; longer ones fire at once.
        let delay_ms = delay_ms.clamp(0.0, f64::from(i32::MAX)) as u32;
        self.next = Next::Wake {
            _timer: self.timer(delay_ms),
        };
    }

    fn timer(&self, delay_ms: u32) -> Timeout {
        let this = self.this.clone();
        Timeout::new(delay_ms, move || {
            if let Some(inner) = this.upgrade() {
                run_slice(&inner);
            }
        })
    }
}

/// Gives the browser its turn, then runs a slice: a message to ourselves
/// through a `MessageChannel`. Dropping it detaches the handler, so a message
/// still in flight does nothing.
struct Yielder {
    channel: MessageChannel,
    /// The handler, kept alive as long as the port may call it.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Yielder {
    fn new(channel: MessageChannel, host: Weak<RefCell<Inner>>) -> Yielder {
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
            if let Some(inner) = host.upgrade() {
                run_slice(&inner);
            }
        });
        channel
            .port1()
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Yielder {
            channel,
            _on_message: on_message,
        }
    }

    fn post(&self) -> Result<(), JsError> {
        self.channel.port2().post_message(&JsValue::NULL)?;
        Ok(())
    }
}

impl Drop for Yielder {
    fn drop(&mut self) {
        let port = self.channel.port1();
        port.set_onmessage(None);
        port.close();
        self.channel.port2().close();
    }
}
