//! The timeline of one cell execution: what each task did and when, drawn
//! from the runtime's timestamped [`Event`]s.
//!
//! [`Timeline::for_cell`] picks the events of one cell (its own task, every
//! task created from it through `TaskCreated.parent`, even after the cell
//! finished, and the loop's blocked intervals meanwhile) and turns each task
//! into a [`Lane`] of [`Segment`]s: running, awaiting something, ready to run,
//! or running while the loop was blocked. [`summary`] sums it up, [`describe`]
//! says it in words for screen readers and hover details, and [`axis_ticks`]
//! places the marks of a time axis.
//!
//! The events say when a task suspends and when it runs again, not when what
//! it awaited completed. That moment (the wake) is inferred where the events
//! tell it: a `sleep(x)` ends `x` seconds after it started, an awaited task
//! when it finishes, a `to_thread` call when its thread finishes. Between the
//! wake and the next run the task is [`SegmentState::Ready`]: scheduled, but
//! the loop was busy elsewhere (or blocked). Other waits (`gather`, locks,
//! queues...) last until the task runs again.

use std::collections::HashMap;

use awaitable_python::events::{Event, EventKind};

use crate::course::Lang;

/// A drawable timeline: one lane per task, on a common time axis (the loop's
/// clock, in seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// When the cell started (or the first event of a run).
    pub start: f64,
    /// The last moment shown: the cell's end, or later if tasks it created
    /// kept doing things after it.
    pub end: f64,
    /// The cell's own task first, then tasks in order of creation.
    pub lanes: Vec<Lane>,
    /// When the loop was blocked (`time.sleep`, a blocking request), in order.
    pub blocked: Vec<Interval>,
    /// The cell's output (stdout and stderr), with when it was written.
    pub outputs: Vec<(f64, String)>,
}

/// An interval during which the event loop's thread was blocked.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// When the blocking call started.
    pub start: f64,
    /// When the loop was free again (or the timeline's end).
    pub end: f64,
    /// What blocked it, as the runtime says: `time.sleep(10.0)`, `fetch URL`.
    pub reason: String,
}

/// What one task did.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// The runtime's task id.
    pub task: u64,
    /// `cell` for the cell's own task, else the task's name (`Task-2`, or the
    /// name given to `create_task`).
    pub name: String,
    /// The task that created it, if any.
    pub parent: Option<u64>,
    /// Whether this is the task that runs the cell's code.
    pub is_cell: bool,
    /// What the task did, in time order, without gaps from its creation to its
    /// end (or the timeline's end); empty segments are left out.
    pub segments: Vec<Segment>,
    /// How the task ended.
    pub outcome: Outcome,
}

/// A stretch of time in one state.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Start, in seconds on the loop's clock.
    pub start: f64,
    /// End, after `start`.
    pub end: f64,
    /// What the task was doing.
    pub state: SegmentState,
}

/// What a task was doing during a [`Segment`].
#[derive(Debug, Clone, PartialEq)]
pub enum SegmentState {
    /// Running Python code on the loop.
    Running,
    /// Suspended, waiting on something: `sleep(10)`, `task Task-2`, `gather`,
    /// `thread: summary()`, `lock`, `future`...
    Awaiting(String),
    /// Scheduled but not running: between its creation (or its wake) and its
    /// next step, the loop ran something else or was blocked.
    Ready,
    /// Running, but the loop's thread was blocked in a call (`time.sleep`, a
    /// blocking request): no other task could run.
    Blocked,
}

/// How a task ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// It returned.
    Done,
    /// It was cancelled.
    Cancelled,
    /// It raised; the exception's class name.
    Failed(String),
    /// It was still pending at the timeline's end.
    Running,
}

/// Totals of a timeline, in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelineSummary {
    /// From start to end.
    pub wall: f64,
    /// Time the loop's thread was busy: running Python or blocked in a call
    /// (the union of [`SegmentState::Running`], [`SegmentState::Blocked`] and
    /// the blocked intervals).
    pub cpu_running: f64,
    /// Time the loop was blocked (the union of the blocked intervals).
    pub blocked: f64,
    /// The longest single external wait (see [`is_external_wait`]).
    pub longest_wait: f64,
    /// The sum of every external wait of every task (overlapping waits
    /// count each).
    pub total_waits: f64,
}

/// Whether an awaited thing is time passing or work done off the loop
/// (`sleep(...)`, `thread: ...`, a `fetch`), as opposed to waiting for other
/// tasks (`task Task-2`, `gather`, `task group`, `lock`, `queue.get`,
/// `future`...). External waits are the ones asynchronous code overlaps;
/// the others only wait for those.
pub fn is_external_wait(what: &str) -> bool {
    what.starts_with("sleep(") || what.starts_with("thread") || what.starts_with("fetch")
}

/// Which tasks a timeline shows.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// The cell's task and its descendants.
    Cell(u64),
    /// Every task.
    All,
}

impl Timeline {
    /// The timeline of the execution of notebook cell `cell` (the runtime's
    /// cell id, see [`crate::kernel::Kernel::cell_id`]) in `events`, the
    /// kernel's event stream ([`crate::kernel::Kernel::take_timeline`]
    /// accumulated). It runs from the cell's start to its end, or to the last
    /// event of a task it created if later. `None` if the cell never started
    /// in `events`.
    pub fn for_cell(events: &[Event], cell: u64) -> Option<Timeline> {
        build(events, Scope::Cell(cell), None)
    }

    /// [`Timeline::for_cell`] at loop time `now`, for a cell or tasks still
    /// running: the timeline extends to `now` if that is later than its last
    /// event, with pending tasks and an ongoing block lasting until then.
    pub fn for_cell_at(events: &[Event], cell: u64, now: f64) -> Option<Timeline> {
        build(events, Scope::Cell(cell), Some(now))
    }

    /// The timeline of a whole run (a script's, say): every task, from the
    /// first event to the last. `None` if there are no events.
    pub fn for_run(events: &[Event]) -> Option<Timeline> {
        build(events, Scope::All, None)
    }

    /// The duration shown, `end - start`.
    pub fn duration(&self) -> f64 {
        (self.end - self.start).max(0.0)
    }

    /// The lane of task `task`.
    pub fn lane(&self, task: u64) -> Option<&Lane> {
        self.lanes.iter().find(|lane| lane.task == task)
    }

    /// The part of the timeline between `from` and `to`: segments, blocked
    /// intervals and outputs cut to it, lanes with nothing in it left out. A
    /// task that ended after `to` is [`Outcome::Running`] in the result.
    pub fn clip(&self, from: f64, to: f64) -> Timeline {
        // `f64::max`/`min` ignore a NaN argument, keeping our own bounds.
        let start = self.start.max(from);
        let end = self.end.min(to).max(start);
        let lanes = self
            .lanes
            .iter()
            .filter_map(|lane| {
                let segments: Vec<Segment> = lane
                    .segments
                    .iter()
                    .filter_map(|s| {
                        let (a, b) = (s.start.max(start), s.end.min(end));
                        (b > a).then(|| Segment {
                            start: a,
                            end: b,
                            state: s.state.clone(),
                        })
                    })
                    .collect();
                if segments.is_empty() {
                    return None;
                }
                let lane_end = lane.segments.last().map_or(start, |s| s.end);
                let outcome = if lane_end > end {
                    Outcome::Running
                } else {
                    lane.outcome.clone()
                };
                Some(Lane {
                    task: lane.task,
                    name: lane.name.clone(),
                    parent: lane.parent,
                    is_cell: lane.is_cell,
                    segments,
                    outcome,
                })
            })
            .collect();
        let blocked = self
            .blocked
            .iter()
            .filter_map(|b| {
                let (a, z) = (b.start.max(start), b.end.min(end));
                (z > a).then(|| Interval {
                    start: a,
                    end: z,
                    reason: b.reason.clone(),
                })
            })
            .collect();
        let outputs = self
            .outputs
            .iter()
            .filter(|(t, _)| *t >= start && *t <= end)
            .cloned()
            .collect();
        Timeline {
            start,
            end,
            lanes,
            blocked,
            outputs,
        }
    }
}

impl Lane {
    /// Total time in segments whose state satisfies `pred`.
    fn time_where(&self, pred: impl Fn(&SegmentState) -> bool) -> f64 {
        self.segments
            .iter()
            .filter(|s| pred(&s.state))
            .map(|s| s.end - s.start)
            .sum()
    }

    /// Time spent running Python (not counting blocked time).
    pub fn running_time(&self) -> f64 {
        self.time_where(|s| *s == SegmentState::Running)
    }

    /// Time spent running while the loop was blocked.
    pub fn blocked_time(&self) -> f64 {
        self.time_where(|s| *s == SegmentState::Blocked)
    }

    /// Time spent ready but not running.
    pub fn ready_time(&self) -> f64 {
        self.time_where(|s| *s == SegmentState::Ready)
    }

    /// Time spent awaiting, per awaited thing, in order of first await.
    pub fn waits(&self) -> Vec<(String, f64)> {
        let mut waits: Vec<(String, f64)> = Vec::new();
        for segment in &self.segments {
            if let SegmentState::Awaiting(what) = &segment.state {
                let seconds = segment.end - segment.start;
                match waits.iter_mut().find(|(w, _)| w == what) {
                    Some((_, total)) => *total += seconds,
                    None => waits.push((what.clone(), seconds)),
                }
            }
        }
        waits
    }

    /// When the task was created (its first segment's start), if it has
    /// segments.
    pub fn start(&self) -> Option<f64> {
        self.segments.first().map(|s| s.start)
    }

    /// When the task ended (its last segment's end), if it has segments.
    pub fn end(&self) -> Option<f64> {
        self.segments.last().map(|s| s.end)
    }
}

/// The state a lane is in, until its next event.
#[derive(Debug)]
enum OpenState {
    Ready,
    Running,
    Awaiting { what: String, wake: Option<f64> },
}

/// A lane being built: its closed segments and its current state.
struct LaneBuilder {
    lane: Lane,
    open: Option<(f64, OpenState)>,
}

impl LaneBuilder {
    fn push(&mut self, start: f64, end: f64, state: SegmentState) {
        if end > start {
            self.lane.segments.push(Segment { start, end, state });
        }
    }

    /// Ends the current state at `t`; an await whose wake is known before `t`
    /// ends at the wake, and the task is ready from then.
    fn close(&mut self, t: f64) {
        let Some((start, state)) = self.open.take() else {
            return;
        };
        match state {
            OpenState::Ready => self.push(start, t, SegmentState::Ready),
            OpenState::Running => self.push(start, t, SegmentState::Running),
            OpenState::Awaiting { what, wake } => match wake.filter(|w| *w > start && *w < t) {
                Some(w) => {
                    self.push(start, w, SegmentState::Awaiting(what));
                    self.push(w, t, SegmentState::Ready);
                }
                None => self.push(start, t, SegmentState::Awaiting(what)),
            },
        }
    }

    /// Moves to `state` at `t`, unless the task already ended.
    fn switch(&mut self, t: f64, state: OpenState) {
        if self.lane.outcome != Outcome::Running {
            return;
        }
        self.close(t);
        self.open = Some((t, state));
    }

    /// Records the wake of the current await, if it awaits `what` and has none.
    fn wake(&mut self, what: &str, t: f64) {
        if let Some((_, OpenState::Awaiting { what: w, wake })) = &mut self.open {
            if w == what && wake.is_none() {
                *wake = Some(t);
            }
        }
    }
}

/// The delay of a `sleep(x)` await, from its label.
fn sleep_delay(what: &str) -> Option<f64> {
    let inner = what.strip_prefix("sleep(")?.strip_suffix(')')?;
    inner
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|d| d.is_finite())
        .map(|d| d.max(0.0))
}

/// Everything gathered while reading the events.
struct Builder {
    scope: Scope,
    lanes: Vec<LaneBuilder>,
    index: HashMap<u64, usize>,
    /// Every task's name, members or not: awaits name the awaited task.
    names: HashMap<u64, String>,
    /// Lanes awaiting `task NAME`, by that label.
    task_waiters: HashMap<String, Vec<usize>>,
    /// Awaits of threads not started yet, in order, with the thread's label
    /// and the awaiting lane (`None` for a task outside the timeline): a
    /// thread starts after the await that needs it.
    thread_waiters: Vec<(String, Option<usize>)>,
    /// Which lane each running thread will wake, and the await's label.
    threads: HashMap<u64, (usize, String)>,
    blocked: Vec<Interval>,
    open_block: Option<(f64, String)>,
    outputs: Vec<(f64, String)>,
    /// The last time something of the cell happened.
    last: f64,
}

impl Builder {
    fn lane_of(&mut self, task: u64) -> Option<&mut LaneBuilder> {
        let i = *self.index.get(&task)?;
        self.lanes.get_mut(i)
    }

    fn observe(&mut self, t: f64, kind: &EventKind) {
        match kind {
            EventKind::TaskCreated {
                task,
                name,
                parent,
                cell,
            } => {
                self.names.insert(*task, name.clone());
                let is_cell = matches!(self.scope, Scope::Cell(c) if *cell == Some(c));
                let member = match self.scope {
                    Scope::Cell(_) => {
                        is_cell || parent.is_some_and(|p| self.index.contains_key(&p))
                    }
                    Scope::All => true,
                };
                if member && !self.index.contains_key(task) {
                    self.index.insert(*task, self.lanes.len());
                    self.lanes.push(LaneBuilder {
                        lane: Lane {
                            task: *task,
                            name: if is_cell { "cell".into() } else { name.clone() },
                            parent: *parent,
                            is_cell,
                            segments: Vec::new(),
                            outcome: Outcome::Running,
                        },
                        open: Some((t, OpenState::Ready)),
                    });
                    self.last = t;
                }
            }
            EventKind::TaskRunning { task } => self.switch(*task, t, OpenState::Running),
            EventKind::TaskYielded { task } => self.switch(*task, t, OpenState::Ready),
            EventKind::TaskAwaiting { task, what } => {
                let lane = self.index.get(task).copied();
                if what.starts_with("thread") {
                    self.thread_waiters.push((what.clone(), lane));
                }
                let Some(i) = lane else {
                    return;
                };
                let wake = sleep_delay(what).map(|d| t + d);
                if what.starts_with("task ") {
                    self.task_waiters.entry(what.clone()).or_default().push(i);
                }
                let what = what.clone();
                self.switch(*task, t, OpenState::Awaiting { what, wake });
            }
            EventKind::TaskDone { task } => self.finish(*task, t, Outcome::Done),
            EventKind::TaskCancelled { task } => self.finish(*task, t, Outcome::Cancelled),
            EventKind::TaskFailed { task, error } => {
                self.finish(*task, t, Outcome::Failed(error.clone()))
            }
            EventKind::LoopBlocked { reason } => {
                self.unblock(t);
                self.open_block = Some((t, reason.clone()));
            }
            EventKind::LoopUnblocked => self.unblock(t),
            EventKind::ThreadStarted { thread, name } => {
                if let Some(at) = self.thread_waiters.iter().position(|(w, _)| w == name) {
                    let (what, lane) = self.thread_waiters.remove(at);
                    if let Some(lane) = lane {
                        self.threads.insert(*thread, (lane, what));
                    }
                }
            }
            EventKind::ThreadFinished { thread } => {
                if let Some((i, what)) = self.threads.remove(thread) {
                    if let Some(lane) = self.lanes.get_mut(i) {
                        lane.wake(&what, t);
                    }
                }
            }
            EventKind::Output { text, cell, .. } => {
                let ours = match self.scope {
                    Scope::Cell(c) => *cell == Some(c),
                    Scope::All => true,
                };
                if ours {
                    self.outputs.push((t, text.clone()));
                    self.last = t;
                }
            }
            EventKind::CellStarted { .. } | EventKind::WikipediaPage { .. } => {}
            EventKind::CellFinished { cell } => {
                if matches!(self.scope, Scope::Cell(c) if c == *cell) {
                    self.last = t;
                }
            }
        }
        if matches!(self.scope, Scope::All) {
            self.last = t;
        }
    }

    fn switch(&mut self, task: u64, t: f64, state: OpenState) {
        if let Some(lane) = self.lane_of(task) {
            lane.switch(t, state);
            self.last = t;
        }
    }

    fn finish(&mut self, task: u64, t: f64, outcome: Outcome) {
        // Whoever awaited this task can run from now on.
        if let Some(name) = self.names.get(&task) {
            let label = format!("task {name}");
            for i in self.task_waiters.remove(&label).unwrap_or_default() {
                if let Some(lane) = self.lanes.get_mut(i) {
                    lane.wake(&label, t);
                }
            }
        }
        if let Some(lane) = self.lane_of(task) {
            if lane.lane.outcome == Outcome::Running {
                lane.close(t);
                lane.lane.outcome = outcome;
            }
            self.last = t;
        }
    }

    fn unblock(&mut self, t: f64) {
        if let Some((start, reason)) = self.open_block.take() {
            self.blocked.push(Interval {
                start,
                end: t,
                reason,
            });
        }
    }
}

/// Reads `events` for `scope` and draws the timeline, up to `now` if later.
fn build(events: &[Event], scope: Scope, now: Option<f64>) -> Option<Timeline> {
    let first = match scope {
        Scope::Cell(cell) => events.iter().position(|e| {
            e.time.is_finite() && matches!(e.kind, EventKind::CellStarted { cell: c } if c == cell)
        })?,
        Scope::All => events.iter().position(|e| e.time.is_finite())?,
    };
    let start = events.get(first)?.time;
    let mut builder = Builder {
        scope,
        lanes: Vec::new(),
        index: HashMap::new(),
        names: HashMap::new(),
        task_waiters: HashMap::new(),
        thread_waiters: Vec::new(),
        threads: HashMap::new(),
        blocked: Vec::new(),
        open_block: None,
        outputs: Vec::new(),
        last: start,
    };
    // Earlier tasks matter only by name: a cell may await one.
    for event in &events[..first] {
        if let EventKind::TaskCreated { task, name, .. } = &event.kind {
            builder.names.insert(*task, name.clone());
        }
    }
    // Times are read as never going back, so that segments never end before
    // they start; events without a finite time are skipped.
    let mut clock = start;
    for event in &events[first..] {
        if !event.time.is_finite() {
            continue;
        }
        clock = clock.max(event.time);
        builder.observe(clock, &event.kind);
    }
    let end = match now.filter(|n| n.is_finite()) {
        Some(now) => builder.last.max(now),
        None => builder.last,
    };
    if let Some((block_start, reason)) = builder.open_block.take() {
        builder.blocked.push(Interval {
            start: block_start,
            end,
            reason,
        });
    }
    let blocked: Vec<Interval> = builder
        .blocked
        .into_iter()
        .filter_map(|b| {
            let (a, z) = (b.start.max(start), b.end.min(end));
            (z > a).then_some(Interval {
                start: a,
                end: z,
                reason: b.reason,
            })
        })
        .collect();
    let mut lanes: Vec<Lane> = builder
        .lanes
        .into_iter()
        .map(|mut lane| {
            lane.close(end);
            let mut lane = lane.lane;
            lane.segments = split_blocked(std::mem::take(&mut lane.segments), &blocked);
            lane
        })
        .collect();
    // Stable: the cell first, the others keep their order of creation.
    lanes.sort_by_key(|lane| !lane.is_cell);
    let outputs = builder
        .outputs
        .into_iter()
        .filter(|(t, _)| *t <= end)
        .collect();
    Some(Timeline {
        start,
        end,
        lanes,
        blocked,
        outputs,
    })
}

/// Cuts the parts of running segments during which the loop was blocked into
/// [`SegmentState::Blocked`] segments. `blocked` is in time order and its
/// intervals do not overlap.
fn split_blocked(segments: Vec<Segment>, blocked: &[Interval]) -> Vec<Segment> {
    let mut out = Vec::with_capacity(segments.len());
    for segment in segments {
        if segment.state != SegmentState::Running {
            out.push(segment);
            continue;
        }
        let mut cursor = segment.start;
        let first = blocked.partition_point(|b| b.end <= segment.start);
        for b in blocked.iter().skip(first) {
            if b.start >= segment.end {
                break;
            }
            let (from, to) = (b.start.max(cursor), b.end.min(segment.end));
            if to <= from {
                continue;
            }
            if from > cursor {
                out.push(Segment {
                    start: cursor,
                    end: from,
                    state: SegmentState::Running,
                });
            }
            out.push(Segment {
                start: from,
                end: to,
                state: SegmentState::Blocked,
            });
            cursor = to;
        }
        if segment.end > cursor {
            out.push(Segment {
                start: cursor,
                end: segment.end,
                state: SegmentState::Running,
            });
        }
    }
    out
}

/// Sorts and merges intervals into disjoint ones, dropping empty or
/// non-finite intervals.
pub(crate) fn merge(mut intervals: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    intervals.retain(|(a, b)| a.is_finite() && b.is_finite() && b > a);
    intervals.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut merged: Vec<(f64, f64)> = Vec::with_capacity(intervals.len());
    for (a, b) in intervals {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Total length of disjoint intervals.
pub(crate) fn length(merged: &[(f64, f64)]) -> f64 {
    merged.iter().map(|(a, b)| b - a).sum()
}

/// Intervals during which the loop's thread was busy: running Python or
/// blocked in a call.
pub(crate) fn busy_intervals(timeline: &Timeline) -> Vec<(f64, f64)> {
    let segments = timeline
        .lanes
        .iter()
        .flat_map(|lane| &lane.segments)
        .filter(|s| matches!(s.state, SegmentState::Running | SegmentState::Blocked))
        .map(|s| (s.start, s.end));
    let blocked = timeline.blocked.iter().map(|b| (b.start, b.end));
    merge(segments.chain(blocked).collect())
}

/// The external waits (see [`is_external_wait`]) of a lane, as intervals.
pub(crate) fn external_waits(lane: &Lane) -> impl Iterator<Item = (f64, f64)> + '_ {
    lane.segments.iter().filter_map(|s| match &s.state {
        SegmentState::Awaiting(what) if is_external_wait(what) => Some((s.start, s.end)),
        _ => None,
    })
}

/// Sums up a timeline.
pub fn summary(timeline: &Timeline) -> TimelineSummary {
    let waits: Vec<f64> = timeline
        .lanes
        .iter()
        .flat_map(external_waits)
        .map(|(a, b)| b - a)
        .collect();
    TimelineSummary {
        wall: timeline.duration(),
        cpu_running: length(&busy_intervals(timeline)),
        blocked: length(&merge(
            timeline.blocked.iter().map(|b| (b.start, b.end)).collect(),
        )),
        longest_wait: waits.iter().copied().fold(0.0, f64::max),
        total_waits: waits.iter().sum(),
    }
}

/// `x` with `decimals` decimals, with a decimal comma in French. Non-finite
/// numbers read as 0 and negative zero loses its sign.
pub fn format_number(x: f64, decimals: usize, lang: Lang) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let text = format!("{x:.decimals$}");
    // `-0.00`: a tiny negative rounds to a signed zero.
    let text = match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    };
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

/// One sentence per lane, in the lanes' order, saying what each task did:
/// `Task-2: ran 0.00 s, waited 10.00 s on sleep(10), done.` For screen
/// readers and hover or focus details.
pub fn describe(timeline: &Timeline, lang: Lang) -> Vec<String> {
    timeline
        .lanes
        .iter()
        .map(|lane| describe_lane(lane, lang))
        .collect()
}

/// The sentence [`describe`] gives for one lane.
pub fn describe_lane(lane: &Lane, lang: Lang) -> String {
    let s = |x: f64| format_number(x, 2, lang);
    let shows = |x: f64| x >= 0.005;
    let name = match (lane.is_cell, lang) {
        (true, Lang::Fr) => "cellule",
        (true, Lang::En) => "cell",
        (false, _) => lane.name.as_str(),
    };
    let mut parts = vec![match lang {
        Lang::Fr => format!("a tourné {} s", s(lane.running_time())),
        Lang::En => format!("ran {} s", s(lane.running_time())),
    }];
    let blocked = lane.blocked_time();
    if shows(blocked) {
        parts.push(match lang {
            Lang::Fr => format!("a bloqué la boucle {} s", s(blocked)),
            Lang::En => format!("blocked the loop {} s", s(blocked)),
        });
    }
    let waits: Vec<String> = lane
        .waits()
        .into_iter()
        .map(|(what, seconds)| match lang {
            Lang::Fr => format!("{} s sur {what}", s(seconds)),
            Lang::En => format!("{} s on {what}", s(seconds)),
        })
        .collect();
    if !waits.is_empty() {
        let and = match lang {
            Lang::Fr => " et ",
            Lang::En => " and ",
        };
        let list = join_list(&waits, and);
        parts.push(match lang {
            Lang::Fr => format!("a attendu {list}"),
            Lang::En => format!("waited {list}"),
        });
    }
    let ready = lane.ready_time();
    if shows(ready) {
        parts.push(match lang {
            Lang::Fr => format!("a attendu son tour {} s", s(ready)),
            Lang::En => format!("waited its turn {} s", s(ready)),
        });
    }
    parts.push(match (&lane.outcome, lang) {
        (Outcome::Done, Lang::Fr) => "terminée".into(),
        (Outcome::Done, Lang::En) => "done".into(),
        (Outcome::Cancelled, Lang::Fr) => "annulée".into(),
        (Outcome::Cancelled, Lang::En) => "cancelled".into(),
        (Outcome::Failed(error), Lang::Fr) => format!("en échec ({error})"),
        (Outcome::Failed(error), Lang::En) => format!("failed ({error})"),
        (Outcome::Running, Lang::Fr) => "toujours en cours".into(),
        (Outcome::Running, Lang::En) => "still running".into(),
    });
    let colon = match lang {
        Lang::Fr => " :",
        Lang::En => ":",
    };
    format!("{name}{colon} {}.", parts.join(", "))
}

/// `a, b and c`.
fn join_list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
    }
}

/// The most ticks [`axis_ticks`] gives, whatever it is asked.
pub const MAX_TICKS: usize = 1000;

/// Tick positions for a time axis from `start` to `end`: the multiples of a
/// "nice" step (1, 2 or 5 × 10^k) within the range, as many as fit in
/// `max_ticks` (at most [`MAX_TICKS`]) with the smallest such step. Empty when
/// the range is not finite, reversed, or `max_ticks` is 0; `[start]` for an
/// empty range.
pub fn axis_ticks(start: f64, end: f64, max_ticks: usize) -> Vec<f64> {
    let max_ticks = max_ticks.min(MAX_TICKS);
    if !start.is_finite() || !end.is_finite() || end < start || max_ticks == 0 {
        return Vec::new();
    }
    let span = end - start;
    if span == 0.0 {
        return vec![start];
    }
    if !span.is_finite() {
        return Vec::new();
    }
    let max = max_ticks as f64;
    // A step of span / max_ticks gives at most max_ticks + 1 ticks: start a
    // decade below it and go up until they fit.
    let mut exponent = (span / max).log10().floor() as i32 - 1;
    for _ in 0..8 {
        for mantissa in [1.0, 2.0, 5.0] {
            let step = mantissa * 10f64.powi(exponent);
            if !(step > 0.0 && step.is_finite()) {
                continue;
            }
            let first = (start / step - 1e-9).ceil();
            let last = (end / step + 1e-9).floor();
            let count = last - first + 1.0;
            if !count.is_finite() || count > max {
                continue;
            }
            // k × mantissa × 10^e, computed so that decimal steps give the
            // nearest double to the decimal (0.1 × 3 reads 0.3, not 0.30000000000000004).
            let value = |k: f64| {
                if exponent < 0 {
                    k * mantissa / 10f64.powi(-exponent)
                } else {
                    k * mantissa * 10f64.powi(exponent)
                }
            };
            return (0..max_ticks)
                .map(|i| first + i as f64)
                .take_while(|k| *k <= last)
                .map(value)
                .collect();
        }
        exponent += 1;
    }
    Vec::new()
}

#[cfg(test)]
mod tests;
