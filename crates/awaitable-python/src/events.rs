//! Timestamped runtime events: what timelines, durations and the heartbeat are drawn from.

use crate::interp::Stream;

/// One event, at `time` seconds on the loop's clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// `loop.time()` when it happened.
    pub time: f64,
    /// What happened.
    pub kind: EventKind,
}

/// What happened.
#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// A task was created (by `create_task`, `gather`, ... or for a cell).
    TaskCreated {
        task: u64,
        name: String,
        parent: Option<u64>,
        cell: Option<u64>,
    },
    /// A task's step started running Python code.
    TaskRunning {
        task: u64,
    },
    /// A task suspended, waiting on something (`sleep(10)`, `task Task-2`, `future`).
    TaskAwaiting {
        task: u64,
        what: String,
    },
    /// A task yielded once to the loop (`sleep(0)`).
    TaskYielded {
        task: u64,
    },
    TaskDone {
        task: u64,
    },
    TaskCancelled {
        task: u64,
    },
    TaskFailed {
        task: u64,
        error: String,
    },
    /// The loop's thread blocked (`time.sleep`, a blocking fetch): no task can run.
    LoopBlocked {
        reason: String,
    },
    /// The loop's thread is free again.
    LoopUnblocked,
    /// A worker thread (`to_thread`) started or finished.
    ThreadStarted {
        thread: u64,
        name: String,
    },
    ThreadFinished {
        thread: u64,
    },
    /// Program output, with the notebook cell it belongs to (if any).
    Output {
        stream: Stream,
        text: String,
        cell: Option<u64>,
    },
    /// `wikipedia.summary` (or `page`) asked for this page.
    WikipediaPage {
        lang: String,
        title: String,
    },
    /// A notebook cell started or finished.
    CellStarted {
        cell: u64,
    },
    CellFinished {
        cell: u64,
    },
}
