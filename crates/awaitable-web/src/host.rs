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
//! Everything pending (the next slice, the wake-up timer, HTTP requests in
//! flight) is owned by the [`Host`]: dropping the last handle drops the kernel
//! and cancels them, so Restart is "make a new host", and nothing runs on after
//! the app is gone. Callbacks hold only weak references to the host.
//!
//! Besides output, the host hands out what the page's views are drawn from:
//! each execution's runtime events ([`TimelineBatch`]es, at most four times a
//! second while Python computes) and the loop's [`Host::heartbeat`]. It answers
//! the `wikipedia` module's requests with `fetch` ([`crate::fetch`]), and with
//! [`ClockChoice::Fast`] it skips the time a running cell sleeps.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::rc::{Rc, Weak};

use awaitable_notebook::heartbeat::{Heartbeat, HeartbeatStatus};
use awaitable_notebook::kernel::{ExecutionState, Kernel};
use awaitable_notebook::params::{ClockChoice, PageOptions};
use awaitable_python::aio::Clock;
use awaitable_python::events::{Event, EventKind};
use awaitable_python::runtime::{HostCall, HostReply, Outcome};
use gloo_timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageChannel, MessageEvent, Performance};
use yew::Callback;

use crate::bigmath::BrowserBigMath;
use crate::budget::Budget;
use crate::fetch::{self, InFlight};
use crate::outputs::{output_delta, OutputDelta, OutputMark};
use crate::records::TimelineBatch;
use crate::route::{EventRouter, Routed};

/// The shortest time between two timeline reports while Python computes, in
/// milliseconds: the views redraw at most this often.
pub const TIMELINE_PERIOD_MS: f64 = 250.0;

/// How early the host's timer fires while a cell runs (see
/// [`Inner::wake_at`]): more than a browser timer is usually late.
const EARLY_WAKE_MS: f64 = 8.0;

thread_local! {
    /// The number of the next host, so that runs of a restarted kernel are
    /// told from the old one's.
    static NEXT_HOST: Cell<u64> = const { Cell::new(1) };
}

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

    /// `performance.timeOrigin + performance.now()`: the wall clock on the
    /// monotonic clock's ticks, so that `time.time()` differences are as
    /// precise as `time.monotonic()`'s. `Date.now()` has whole milliseconds
    /// and drifts from the monotonic clock by a few over half a minute.
    fn wall(&self) -> f64 {
        match &self.performance {
            Some(performance) => (performance.time_origin() + performance.now()) / 1000.0,
            None => js_sys::Date::now() / 1000.0,
        }
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

/// How a host runs Python, from the page's options.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostConfig {
    /// Whether sleeps take their time.
    pub clock: ClockChoice,
    /// Where the `wikipedia` module sends its requests instead of Wikipedia
    /// (`?wikipedia=URL`); checked again with
    /// [`awaitable_python::http::validate_endpoint`].
    pub wikipedia_endpoint: Option<String>,
    /// Where each execution's events go, for timelines; `None` keeps none.
    pub timeline: Option<Callback<Vec<TimelineBatch>>>,
}

impl HostConfig {
    /// The configuration the page's options ask for, without a timeline.
    pub fn from_options(options: &PageOptions) -> HostConfig {
        HostConfig {
            clock: options.clock,
            wikipedia_endpoint: options.wikipedia_endpoint.clone(),
            timeline: None,
        }
    }
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
    /// The runtime's id for it (`None` for a syntax error, which never ran).
    cell_id: Option<u64>,
}

/// What a slice or a call has to tell the app, sent once the host is free.
struct Report {
    events: Vec<HostEvent>,
    batches: Vec<TimelineBatch>,
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
    /// This host's number.
    id: u64,
    /// With the fast clock, the loop time at which the last slice gave the
    /// browser its turn: time stands still until the next slice.
    paused_at: Option<f64>,
    /// HTTP requests in flight, by request id; dropping one aborts it.
    in_flight: HashMap<u64, InFlight>,
    heartbeat: Heartbeat,
    /// Where timeline batches go, and what is still to send there.
    timeline: Option<Callback<Vec<TimelineBatch>>>,
    router: EventRouter,
    batches: Vec<TimelineBatch>,
    last_batch_ms: f64,
}

impl Host {
    /// A host with a fresh kernel. It reports what happens, a batch per slice,
    /// to `report`.
    pub fn new(report: Callback<Vec<HostEvent>>) -> Result<Host, JsError> {
        Host::with_config(report, HostConfig::default())
    }

    /// A host with a fresh kernel configured by `config`, reporting to
    /// `report`. An endpoint that the runtime's own check refuses is ignored
    /// (with a console warning): the requests go to Wikipedia.
    pub fn with_config(
        report: Callback<Vec<HostEvent>>,
        config: HostConfig,
    ) -> Result<Host, JsError> {
        let channel = MessageChannel::new()?;
        let mut kernel = Kernel::new(Box::new(BrowserClock::new()));
        kernel.runtime().interp.big_math = Some(Rc::new(BrowserBigMath::default()));
        if let Some(url) = &config.wikipedia_endpoint {
            match awaitable_python::http::validate_endpoint(url) {
                Ok(url) => kernel.runtime().interp.wikipedia_endpoint = Some(url),
                Err(reason) => web_sys::console::warn_1(&JsValue::from_str(&format!(
                    "wikipedia={url} is ignored: {reason}"
                ))),
            }
        }
        let id = NEXT_HOST.with(|next| next.replace(next.get() + 1));
        let inner = Rc::new_cyclic(|this: &Weak<RefCell<Inner>>| {
            RefCell::new(Inner {
                kernel,
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
                id,
                paused_at: None,
                in_flight: HashMap::new(),
                heartbeat: Heartbeat::new(),
                timeline: config.timeline,
                router: EventRouter::new(),
                batches: Vec::new(),
                last_batch_ms: f64::NEG_INFINITY,
            })
        });
        let host = Host { inner };
        host.set_clock(config.clock);
        Ok(host)
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
        inner.in_flight.clear();
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

    /// How the Python event loop is doing right now (`None` while the host is
    /// busy, which a caller on the page's thread never sees).
    pub fn heartbeat(&self) -> Option<HeartbeatStatus> {
        let mut inner = self.inner.try_borrow_mut().ok()?;
        let now = inner.kernel.runtime().interp.aio.now();
        Some(inner.heartbeat.status(now))
    }

    /// How many HTTP requests are in flight (for tests and diagnostics).
    pub fn requests_in_flight(&self) -> usize {
        self.inner.borrow().in_flight.len()
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
    let (report, timeline, Report { events, batches }) = {
        let mut inner = inner.borrow_mut();
        if inner.shut_down {
            return;
        }
        let report = inner.slice();
        (inner.report.clone(), inner.timeline.clone(), report)
    };
    emit((report, events));
    if let (Some(timeline), false) = (timeline, batches.is_empty()) {
        timeline.emit(batches);
    }
}

/// Answers request `id` with `reply`, if the host still waits for it (a
/// request that timed out, or a host shut down, takes no late reply).
fn finish_request(inner: &Rc<RefCell<Inner>>, id: u64, reply: HostReply) {
    let mut inner = inner.borrow_mut();
    if inner.shut_down || inner.in_flight.remove(&id).is_none() {
        return;
    }
    inner.kernel.runtime().complete(id, reply);
    inner.slice_soon();
}

impl Inner {
    fn slice(&mut self) -> Report {
        self.next = Next::Nothing;
        let mut events = Vec::new();
        self.resume_clock();
        self.start_queued(&mut events);
        let started = self.clock.now_ms();
        let (outcome, answered) = loop {
            let step_started = self.clock.now_ms();
            let outcome = self.kernel.step(self.budget.instructions());
            let step_ms = self.clock.now_ms() - step_started;
            self.budget.observe(step_ms, outcome == Outcome::Busy);
            let answered = self.answer_requests();
            // With the fast clock, sleeps pass within the slice while it has
            // time left: no real time goes by between them, so a cell that
            // sleeps 3 × 10 s measures 30.00 s.
            match outcome {
                Outcome::Idle { wake_at: Some(at) }
                    if !answered
                        && self.skips_time()
                        && self.clock.now_ms() - started < crate::budget::TARGET_MS =>
                {
                    self.skip_to(at)
                }
                _ => break (outcome, answered),
            }
        };
        self.collect(&mut events);
        let busy = outcome == Outcome::Busy;
        self.update_status(busy, &mut events);
        let next_cell_waits = !self.kernel.is_running() && !self.queue.is_empty();
        match outcome {
            Outcome::Idle { wake_at } if !(answered || next_cell_waits) => {
                if let Some(at) = wake_at {
                    if self.skips_time() {
                        self.skip_to(at);
                        self.slice_soon();
                    } else {
                        self.wake_at(at);
                    }
                }
            }
            _ => self.slice_soon(),
        }
        if matches!(self.next, Next::Slice) && self.skips_time() {
            self.paused_at = Some(self.kernel.runtime().interp.aio.now());
        }
        // Starts and ends show at once; computing shows a few times a second.
        let now = events
            .iter()
            .any(|e| matches!(e, HostEvent::Started { .. } | HostEvent::Finished { .. }));
        let batches = self.take_batches(now || !busy);
        Report { events, batches }
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
            cell_id: self.kernel.cell_id(count),
        });
        events.push(HostEvent::Started { cell, count });
    }

    /// Starts the runtime's new requests; returns whether any was answered
    /// at once (the browser is offline, say), so that Python goes on now.
    fn answer_requests(&mut self) -> bool {
        let mut answered = false;
        for request in self.kernel.runtime().take_requests() {
            let id = request.id;
            let HostCall::HttpGet {
                url,
                headers,
                timeout,
            } = request.call;
            let this = self.this.clone();
            let deliver = move |reply| {
                if let Some(inner) = this.upgrade() {
                    finish_request(&inner, id, reply);
                }
            };
            match fetch::get(&url, &headers, timeout, deliver) {
                Ok(in_flight) => {
                    self.in_flight.insert(id, in_flight);
                }
                Err(reply) => {
                    self.kernel.runtime().complete(id, reply);
                    answered = true;
                }
            }
        }
        answered
    }

    /// Reports new output and finished executions, and feeds the heartbeat
    /// and the timelines.
    fn collect(&mut self, events: &mut Vec<HostEvent>) {
        let timeline = self.kernel.take_timeline();
        let printed = timeline
            .iter()
            .any(|event| matches!(event.kind, EventKind::Output { .. }));
        self.heartbeat.observe_all(&timeline);
        if !timeline.is_empty() {
            events.push(HostEvent::Timeline(timeline.clone()));
        }
        if self.timeline.is_some() {
            let routed = self.router.route(timeline);
            self.keep_batches(routed);
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

    /// Schedules a slice for loop time `at` (seconds). (Fast-forward skips
    /// in [`Inner::slice`], see [`Inner::skips_time`].)
    ///
    /// While a cell runs, the timer is set [`EARLY_WAKE_MS`] early and the
    /// last milliseconds pass in slices handed back and forth with the
    /// browser: timers fire a few milliseconds late, more on a busy machine,
    /// and the course's three `time.sleep(10)` in a row would add their
    /// lateness up. Background tasks of finished cells wait on timers alone,
    /// so that they cost no CPU.
    fn wake_at(&mut self, at: f64) {
        let delay_ms = (at - self.kernel.runtime().interp.aio.now()) * 1000.0;
        let early = if self.kernel.is_running() {
            EARLY_WAKE_MS
        } else {
            0.0
        };
        if delay_ms <= early {
            self.slice_soon();
            return;
        }
        // setTimeout takes a signed 32-bit delay; longer ones fire at once.
        let delay_ms = (delay_ms - early).ceil().clamp(0.0, f64::from(i32::MAX)) as u32;
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

    /// Adds routed events to the batches to send, for the executions shown.
    fn keep_batches(&mut self, routed: Vec<Routed>) {
        for Routed {
            cell: cell_id,
            events,
        } in routed
        {
            let Some(shown) = self.shown.iter().find(|s| s.cell_id == Some(cell_id)) else {
                continue;
            };
            let (cell, count) = (shown.cell, shown.count);
            match self
                .batches
                .iter_mut()
                .find(|b| b.cell == cell && b.count == count)
            {
                Some(batch) => batch.events.extend(events),
                None => self.batches.push(TimelineBatch {
                    cell,
                    host: self.id,
                    count,
                    cell_id,
                    events,
                    now: 0.0,
                    live: true,
                }),
            }
        }
    }

    /// The batches to send now: all of them if `now` or if the last were sent
    /// long enough ago, none otherwise.
    fn take_batches(&mut self, now: bool) -> Vec<TimelineBatch> {
        let at_ms = self.clock.now_ms();
        if self.batches.is_empty() || !(now || at_ms - self.last_batch_ms >= TIMELINE_PERIOD_MS) {
            return Vec::new();
        }
        self.last_batch_ms = at_ms;
        let loop_now = self.kernel.runtime().interp.aio.now();
        let mut batches = std::mem::take(&mut self.batches);
        for batch in &mut batches {
            batch.now = loop_now;
            batch.live = self.router.is_live(batch.cell_id);
        }
        batches
    }

    /// Whether waits are skipped rather than waited: with the fast clock,
    /// while a cell runs and no request is in flight (network time is real
    /// time, as in the CLI). Background tasks keep real time, so that one
    /// that loops forever cannot spin the page.
    fn skips_time(&self) -> bool {
        self.clock_choice == ClockChoice::Fast
            && self.kernel.is_running()
            && self.in_flight.is_empty()
    }

    /// With the fast clock, takes back the time the browser's turn took since
    /// the last slice, so that a running cell measures only its own work and
    /// its skipped sleeps, as with the CLI's virtual clock: three 10 s sleeps
    /// take 30.00 s however busy the page is.
    fn resume_clock(&mut self) {
        let Some(paused_at) = self.paused_at.take() else {
            return;
        };
        if !self.skips_time() {
            return;
        }
        let aio = &mut self.kernel.runtime().interp.aio;
        let gap = aio.now() - paused_at;
        if gap.is_finite() && gap > 0.0 {
            aio.skipped -= gap;
        }
    }

    /// Moves the loop's clock on to `at`, as if the time had passed.
    fn skip_to(&mut self, at: f64) {
        let aio = &mut self.kernel.runtime().interp.aio;
        let gap = at - aio.now();
        if gap.is_finite() && gap > 0.0 {
            aio.skipped += gap;
        }
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
