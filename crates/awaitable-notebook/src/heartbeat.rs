//! The event loop's heartbeat: whether the loop is free to run tasks, and
//! since when it has been blocked.
//!
//! A [`Heartbeat`] reads the runtime's events as they come
//! ([`Heartbeat::observe`]) and, asked at some loop time, says how the loop is
//! doing ([`Heartbeat::status`]). The page beats a heart while the loop is
//! free and stops it while the loop is blocked, so that a `time.sleep` inside
//! a coroutine shows for what it is.
//!
//! The loop is blocked when its thread is stuck in a blocking call (the
//! runtime's `LoopBlocked` event: `time.sleep`, a blocking request), and also
//! when one task step has been running for longer than [`SLOW_STEP`] without
//! awaiting: no other task can run then either (asyncio's debug mode warns
//! about such steps from 0.1 s on). Times are on the loop's clock, the one
//! events are stamped with.

use std::collections::{HashMap, HashSet};

use awaitable_python::events::{Event, EventKind};

use crate::course::Lang;
use crate::timeline::format_number;

/// Seconds of free loop time per beat.
pub const BEAT_PERIOD: f64 = 0.5;

/// A task step running longer than this (seconds) blocks the loop, as
/// asyncio's `slow_callback_duration`.
pub const SLOW_STEP: f64 = 0.1;

/// How the loop is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum HeartbeatStatus {
    /// Nothing to do: no task is pending.
    Idle,
    /// Tasks are pending and the loop is free to run them.
    Free {
        /// Beats so far: one per [`BEAT_PERIOD`] of free loop time since the
        /// heartbeat started. The page pulses when it changes.
        beats: u64,
    },
    /// The loop cannot run any task.
    Blocked {
        /// Since when (loop time).
        since: f64,
        /// For how long, up to the time asked about.
        for_seconds: f64,
        /// Why: the runtime's reason (`time.sleep(10.0)`, `fetch URL`), or the
        /// name of the task whose step keeps running (`cell`, `Task-5`).
        reason: String,
    },
}

impl HeartbeatStatus {
    /// A short label: `boucle bloquée depuis 2,3 s`, `loop blocked for 2.3 s`,
    /// `boucle libre`, `loop free`, `boucle au repos`, `loop idle`.
    pub fn label(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Idle, Lang::Fr) => "boucle au repos".into(),
            (Self::Idle, Lang::En) => "loop idle".into(),
            (Self::Free { .. }, Lang::Fr) => "boucle libre".into(),
            (Self::Free { .. }, Lang::En) => "loop free".into(),
            (Self::Blocked { for_seconds, .. }, Lang::Fr) => {
                format!(
                    "boucle bloquée depuis {} s",
                    format_number(*for_seconds, 1, lang)
                )
            }
            (Self::Blocked { for_seconds, .. }, Lang::En) => {
                format!(
                    "loop blocked for {} s",
                    format_number(*for_seconds, 1, lang)
                )
            }
        }
    }
}

/// The heartbeat's state, fed with events in order.
#[derive(Debug, Clone, Default)]
pub struct Heartbeat {
    /// Tasks created and not finished.
    pending: HashSet<u64>,
    /// Names of pending tasks (`cell` for a cell's task).
    names: HashMap<u64, String>,
    /// The task step in progress and when it started, with the free time
    /// counted when it started.
    step: Option<Step>,
    /// The blocking call in progress: since when, and why.
    blocked: Option<(f64, String)>,
    /// Free time counted before `free_since`.
    free_time: f64,
    /// When the current free stretch started, if the loop is free.
    free_since: Option<f64>,
    /// Free time taken back: steps that turned out slow.
    stalled: f64,
    /// The latest event time seen: time never goes back.
    clock: f64,
}

/// A task step in progress.
#[derive(Debug, Clone)]
struct Step {
    task: u64,
    since: f64,
    free_at_start: f64,
}

impl Heartbeat {
    /// A heartbeat that has seen nothing: the loop is idle.
    pub fn new() -> Heartbeat {
        Heartbeat::default()
    }

    /// Takes one event into account. Events must come in order; one without
    /// a finite time is ignored.
    pub fn observe(&mut self, event: &Event) {
        if !event.time.is_finite() {
            return;
        }
        let t = self.clock.max(event.time);
        self.clock = t;
        match &event.kind {
            EventKind::TaskCreated {
                task, name, cell, ..
            } => {
                self.pending.insert(*task);
                let name = if cell.is_some() { "cell" } else { name };
                self.names.insert(*task, name.to_string());
            }
            EventKind::TaskRunning { task } => {
                self.end_step(t);
                self.step = Some(Step {
                    task: *task,
                    since: t,
                    free_at_start: self.free_total(t),
                });
            }
            EventKind::TaskAwaiting { .. } | EventKind::TaskYielded { .. } => self.end_step(t),
            EventKind::TaskDone { task }
            | EventKind::TaskCancelled { task }
            | EventKind::TaskFailed { task, .. } => {
                if self.step.as_ref().is_some_and(|s| s.task == *task) {
                    self.end_step(t);
                }
                self.pending.remove(task);
                self.names.remove(task);
            }
            EventKind::LoopBlocked { reason } => self.blocked = Some((t, reason.clone())),
            EventKind::LoopUnblocked => self.blocked = None,
            EventKind::ThreadStarted { .. }
            | EventKind::ThreadFinished { .. }
            | EventKind::Output { .. }
            | EventKind::CellStarted { .. }
            | EventKind::CellFinished { .. }
            | EventKind::WikipediaPage { .. } => {}
        }
        self.update_free(t);
    }

    /// Takes events into account, in order.
    pub fn observe_all<'a>(&mut self, events: impl IntoIterator<Item = &'a Event>) {
        for event in events {
            self.observe(event);
        }
    }

    /// How the loop is doing at loop time `now` (not before the last event:
    /// an earlier or non-finite `now` reads as that event's time).
    pub fn status(&self, now: f64) -> HeartbeatStatus {
        let now = if now.is_finite() {
            now.max(self.clock)
        } else {
            self.clock
        };
        let slow = self.step.as_ref().filter(|s| now - s.since > SLOW_STEP);
        if let Some((since, reason)) = &self.blocked {
            // A step that blocks has held the loop since it started.
            let since = self.step.as_ref().map_or(*since, |s| s.since.min(*since));
            return HeartbeatStatus::Blocked {
                since,
                for_seconds: now - since,
                reason: reason.clone(),
            };
        }
        if let Some(step) = slow {
            return HeartbeatStatus::Blocked {
                since: step.since,
                for_seconds: now - step.since,
                reason: self.names.get(&step.task).cloned().unwrap_or_default(),
            };
        }
        if self.pending.is_empty() && self.step.is_none() {
            return HeartbeatStatus::Idle;
        }
        // A step in progress may still turn out slow: its time counts once it
        // ends quickly, so that beats never go back.
        let counted = self
            .step
            .as_ref()
            .map_or_else(|| self.free_total(now), |s| s.free_at_start);
        let free = counted - self.stalled;
        HeartbeatStatus::Free { beats: beats(free) }
    }

    /// Free time counted up to `t`.
    fn free_total(&self, t: f64) -> f64 {
        self.free_time + self.free_since.map_or(0.0, |since| (t - since).max(0.0))
    }

    /// Whether the loop is free: tasks to run and no blocking call.
    fn is_free(&self) -> bool {
        self.blocked.is_none() && (!self.pending.is_empty() || self.step.is_some())
    }

    fn update_free(&mut self, t: f64) {
        match (self.free_since, self.is_free()) {
            (None, true) => self.free_since = Some(t),
            (Some(since), false) => {
                self.free_time += (t - since).max(0.0);
                self.free_since = None;
            }
            _ => {}
        }
    }

    /// Ends the step in progress at `t`; a slow one gives back the free time
    /// it was counted.
    fn end_step(&mut self, t: f64) {
        if let Some(step) = self.step.take() {
            if t - step.since > SLOW_STEP {
                self.stalled += (self.free_total(t) - step.free_at_start).max(0.0);
            }
        }
    }
}

/// Whole beats in `free` seconds.
fn beats(free: f64) -> u64 {
    let n = (free / BEAT_PERIOD).floor();
    if n.is_finite() && n > 0.0 {
        // Saturates for absurdly long runs.
        n as u64
    } else {
        0
    }
}

#[cfg(test)]
mod tests;
