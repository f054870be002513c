//! The record of each cell's last run, as its timeline, comparison and
//! notices are drawn from: the runtime events that concern it (see
//! [`crate::route`]), bounded in size.
//!
//! The host sends [`TimelineBatch`]es; a [`RunRecords`] (a Yew reducer) keeps one
//! [`RunRecord`] per cell, replaced when the cell runs again. Records only
//! grow, so that comparing two versions of one is cheap (see
//! [`RunRecord`]'s `PartialEq`).

use std::collections::BTreeMap;
use std::rc::Rc;

use awaitable_notebook::timeline::Timeline;
use awaitable_python::events::{Event, EventKind};
use awaitable_python::interp::Stream;
use yew::Reducible;

use crate::host::CellIndex;
use crate::route::{merges, push_merging};

/// The most events kept per run: enough for the course's cells many times
/// over; a cell that runs on and on (a task that loops forever) stops adding
/// to its timeline there, and says so.
pub const MAX_EVENTS: usize = 10_000;

/// The most output text kept per run, in bytes: the comparison only needs
/// the lines that give durations.
pub const MAX_OUTPUT_BYTES: usize = 256 * 1024;

/// The text the `wikipedia` module puts before a summary it made up offline.
pub const OFFLINE_MARKER: &str = "[Awaitable offline stand-in";

/// New events of one execution, as the host sends them.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineBatch {
    /// The cell that shows the execution.
    pub cell: CellIndex,
    /// The host that ran it (hosts are numbered from 1 as they are made), so
    /// that a restarted kernel's execution 1 is not taken for the old one.
    pub host: u64,
    /// Its execution count.
    pub count: u32,
    /// The runtime's id for the cell, as events name it.
    pub cell_id: u64,
    /// The new events, in order.
    pub events: Vec<Event>,
    /// Loop time when the batch was sent.
    pub now: f64,
    /// Whether the execution or tasks it created still run.
    pub live: bool,
}

/// What is known of one cell's last run.
#[derive(Debug, Clone)]
pub struct RunRecord {
    /// The host that ran it.
    pub host: u64,
    /// Its execution count.
    pub count: u32,
    /// The runtime's id for the cell.
    pub cell_id: u64,
    /// Its events, at most [`MAX_EVENTS`].
    pub events: Vec<Event>,
    /// Loop time of the latest batch.
    pub now: f64,
    /// Whether it still runs (the timeline is drawn up to `now`).
    pub live: bool,
    /// Whether events were left out for lack of room.
    pub truncated: bool,
    /// Output text kept so far, in bytes.
    output_bytes: usize,
}

/// Two versions of a record are equal when they are the same run at the same
/// point: records only grow (events are appended, never changed), so the run's
/// identity, its length and its latest batch say it all without comparing
/// every event.
impl PartialEq for RunRecord {
    fn eq(&self, other: &Self) -> bool {
        self.host == other.host
            && self.count == other.count
            && self.cell_id == other.cell_id
            && self.events.len() == other.events.len()
            && self.now.to_bits() == other.now.to_bits()
            && self.live == other.live
            && self.truncated == other.truncated
            && self.output_bytes == other.output_bytes
    }
}

impl RunRecord {
    /// An empty record for the execution of `batch`.
    fn for_batch(batch: &TimelineBatch) -> RunRecord {
        RunRecord {
            host: batch.host,
            count: batch.count,
            cell_id: batch.cell_id,
            events: Vec::new(),
            now: batch.now,
            live: batch.live,
            truncated: false,
            output_bytes: 0,
        }
    }

    fn is_run_of(&self, batch: &TimelineBatch) -> bool {
        self.host == batch.host && self.count == batch.count && self.cell_id == batch.cell_id
    }

    /// Adds a batch of the same run, within the bounds.
    fn append(&mut self, batch: TimelineBatch) {
        self.now = batch.now;
        self.live = batch.live;
        for mut event in batch.events {
            if let EventKind::Output { text, .. } = &mut event.kind {
                let room = MAX_OUTPUT_BYTES.saturating_sub(self.output_bytes);
                if text.len() > room {
                    let mut cut = room;
                    while !text.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    text.truncate(cut);
                    self.truncated = true;
                }
                self.output_bytes += text.len();
            }
            let merges = self.events.last().is_some_and(|last| merges(last, &event));
            if self.events.len() >= MAX_EVENTS && !merges {
                self.truncated = true;
                // Keep the latest time, so the timeline still ends at `now`.
                continue;
            }
            push_merging(&mut self.events, event);
        }
    }

    /// The run's timeline: up to `now` while it runs, to its last event once
    /// it is over. `None` before the cell's start arrived.
    pub fn timeline(&self) -> Option<Timeline> {
        if self.live {
            Timeline::for_cell_at(&self.events, self.cell_id, self.now)
        } else {
            Timeline::for_cell(&self.events, self.cell_id)
        }
    }

    /// What the run printed to stdout (as far as it was kept).
    pub fn stdout(&self) -> String {
        self.events
            .iter()
            .filter_map(|event| match &event.kind {
                EventKind::Output {
                    stream: Stream::Stdout,
                    text,
                    cell: Some(cell),
                } if *cell == self.cell_id => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Whether a summary printed by the run came from the `wikipedia`
    /// module's offline stand-ins rather than from Wikipedia.
    pub fn printed_offline_stand_in(&self) -> bool {
        self.events.iter().any(|event| {
            matches!(&event.kind, EventKind::Output { text, cell: Some(cell), .. }
                if *cell == self.cell_id && text.contains(OFFLINE_MARKER))
        })
    }

    /// The titles the run's `wikipedia` calls asked for, in order (for the
    /// exercise's checks).
    pub fn requested_pages(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|event| match &event.kind {
                EventKind::WikipediaPage { title, .. } => Some(title.clone()),
                _ => None,
            })
            .collect()
    }
}

/// Each cell's last run, by cell index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunRecords {
    runs: BTreeMap<CellIndex, Rc<RunRecord>>,
}

impl RunRecords {
    /// The last run of cell `cell`, if it has one.
    pub fn get(&self, cell: CellIndex) -> Option<&Rc<RunRecord>> {
        self.runs.get(&cell)
    }

    /// Takes a batch: starts a new record if it is of another run than the
    /// cell's last one, else adds to it.
    pub fn apply(&mut self, batch: TimelineBatch) {
        let record = self
            .runs
            .entry(batch.cell)
            .or_insert_with(|| Rc::new(RunRecord::for_batch(&batch)));
        if !record.is_run_of(&batch) {
            *record = Rc::new(RunRecord::for_batch(&batch));
        }
        Rc::make_mut(record).append(batch);
    }
}

impl Reducible for RunRecords {
    type Action = Vec<TimelineBatch>;

    fn reduce(self: Rc<Self>, batches: Vec<TimelineBatch>) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        for batch in batches {
            next.apply(batch);
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use awaitable_python::events::{Event, EventKind};
    use awaitable_python::interp::Stream;

    use crate::records::{RunRecords, TimelineBatch, MAX_EVENTS, MAX_OUTPUT_BYTES};

    fn batch(count: u32, events: Vec<EventKind>, live: bool) -> TimelineBatch {
        TimelineBatch {
            cell: 0,
            host: 1,
            count,
            cell_id: u64::from(count),
            events: events
                .into_iter()
                .enumerate()
                .map(|(i, kind)| Event {
                    time: i as f64,
                    kind,
                })
                .collect(),
            now: 9.0,
            live,
        }
    }

    fn printed(text: &str, cell: u64) -> EventKind {
        EventKind::Output {
            stream: Stream::Stdout,
            text: text.to_owned(),
            cell: Some(cell),
        }
    }

    #[test]
    fn a_record_grows_then_a_new_run_replaces_it() {
        let mut log = RunRecords::default();
        log.apply(batch(1, vec![EventKind::CellStarted { cell: 1 }], true));
        log.apply(batch(1, vec![printed("hi\n", 1)], false));
        let record = log.get(0).expect("a record").clone();
        assert_eq!(record.events.len(), 2);
        assert_eq!(record.stdout(), "hi\n");
        assert!(!record.live);
        log.apply(batch(2, vec![EventKind::CellStarted { cell: 2 }], true));
        let record = log.get(0).expect("a record");
        assert_eq!((record.count, record.events.len()), (2, 1));
    }

    #[test]
    fn a_record_keeps_a_bounded_number_of_events_and_bytes() {
        let mut log = RunRecords::default();
        let many = (0..MAX_EVENTS + 10)
            .map(|task| EventKind::TaskRunning { task: task as u64 })
            .collect();
        log.apply(batch(1, many, true));
        let record = log.get(0).expect("a record");
        assert_eq!(record.events.len(), MAX_EVENTS);
        assert!(record.truncated);

        let mut log = RunRecords::default();
        let text = "é".repeat(MAX_OUTPUT_BYTES);
        log.apply(batch(1, vec![printed(&text, 1)], true));
        let record = log.get(0).expect("a record");
        assert!(record.stdout().len() <= MAX_OUTPUT_BYTES);
        assert!(record.truncated);
    }

    #[test]
    fn offline_stand_ins_and_pages_are_found() {
        let mut log = RunRecords::default();
        log.apply(batch(
            1,
            vec![
                EventKind::WikipediaPage {
                    lang: "fr".to_owned(),
                    title: "Coroutine".to_owned(),
                },
                printed(
                    "\n [Awaitable offline stand-in, not Wikipedia's text] Une…\n",
                    1,
                ),
            ],
            false,
        ));
        let record = log.get(0).expect("a record");
        assert!(record.printed_offline_stand_in());
        assert_eq!(record.requested_pages(), ["Coroutine"]);
    }

    #[test]
    fn versions_of_a_record_compare_by_identity_and_length() {
        let mut log = RunRecords::default();
        log.apply(batch(1, vec![EventKind::CellStarted { cell: 1 }], true));
        let before = log.clone();
        assert_eq!(before, log);
        log.apply(batch(1, vec![EventKind::CellFinished { cell: 1 }], false));
        assert_ne!(before, log);
    }
}
