//! Which cell's timeline each runtime event belongs to.
//!
//! The kernel produces one stream of events for every cell. A cell's timeline
//! ([`Timeline::for_cell`](awaitable_notebook::timeline::Timeline::for_cell))
//! needs its own events (its task, the tasks created from it, their output)
//! and some of the others: what blocked the loop meanwhile, threads, and the
//! creation and end of other tasks, which a cell may await. The
//! [`EventRouter`] hands each cell the events that matter to it while the cell
//! is *live* (from its start until it has finished and every task it created
//! has ended), so that every execution keeps a short list of its own instead
//! of everyone keeping the whole stream.

use std::collections::{BTreeMap, HashMap, HashSet};

use awaitable_python::events::{Event, EventKind};

/// The most tasks still pending from earlier cells whose creation is copied
/// into a starting cell's events (so that it knows the names of tasks it may
/// await); the most recent ones win.
pub const MAX_SEEDED_TASKS: usize = 256;

/// A runtime cell id, as events name cells.
pub type CellId = u64;

/// Routes the kernel's events to the cells they concern.
#[derive(Debug, Default)]
pub struct EventRouter {
    /// Cells whose timeline still changes.
    live: BTreeMap<CellId, Live>,
    /// The cell each pending task belongs to.
    owner: HashMap<u64, CellId>,
    /// The creation event of every pending task, by task id.
    pending: BTreeMap<u64, Event>,
    /// The task whose step is running, if any.
    current: Option<u64>,
}

/// A live cell.
#[derive(Debug, Default)]
struct Live {
    /// Whether its own task has finished.
    finished: bool,
    /// Its tasks not finished yet (its own among them).
    tasks: HashSet<u64>,
}

/// Events for one cell, in the order they happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Routed {
    /// The runtime's id of the cell.
    pub cell: CellId,
    /// Its new events.
    pub events: Vec<Event>,
}

impl EventRouter {
    /// A router that has seen nothing.
    pub fn new() -> EventRouter {
        EventRouter::default()
    }

    /// Whether cell `cell` has started and still changes: it runs, or tasks
    /// it created have not ended.
    pub fn is_live(&self, cell: CellId) -> bool {
        self.live.contains_key(&cell)
    }

    /// Hands out `events` (in order): one [`Routed`] per cell that gets any,
    /// in order of cell id. Consecutive outputs of one cell to one stream are
    /// merged into one event at the time of the last.
    pub fn route(&mut self, events: Vec<Event>) -> Vec<Routed> {
        let mut out: BTreeMap<CellId, Vec<Event>> = BTreeMap::new();
        for event in events {
            if let EventKind::CellStarted { cell } = event.kind {
                self.start(cell, out.entry(cell).or_default());
            }
            for cell in self.recipients(&event.kind) {
                push_merging(out.entry(cell).or_default(), event.clone());
            }
            self.update(&event);
        }
        out.into_iter()
            .filter(|(_, events)| !events.is_empty())
            .map(|(cell, events)| Routed { cell, events })
            .collect()
    }

    /// A cell starts: it is live, and learns the names of pending tasks.
    fn start(&mut self, cell: CellId, into: &mut Vec<Event>) {
        self.live.insert(cell, Live::default());
        let skip = self.pending.len().saturating_sub(MAX_SEEDED_TASKS);
        into.extend(self.pending.values().skip(skip).cloned());
    }

    /// The live cells that get `kind`.
    fn recipients(&self, kind: &EventKind) -> Vec<CellId> {
        let all = || self.live.keys().copied().collect();
        let own = |cell: Option<CellId>| {
            cell.filter(|cell| self.live.contains_key(cell))
                .into_iter()
                .collect()
        };
        match kind {
            // Only the task's own cell draws its steps.
            EventKind::TaskRunning { task }
            | EventKind::TaskAwaiting { task, .. }
            | EventKind::TaskYielded { task } => own(self.owner.get(task).copied()),
            EventKind::Output { cell, .. } => own(*cell),
            EventKind::CellStarted { cell } | EventKind::CellFinished { cell } => own(Some(*cell)),
            // The page a running task asked for belongs to its cell; asked
            // from a thread, to whoever may have started it.
            EventKind::WikipediaPage { .. } => {
                match self.current.and_then(|t| self.owner.get(&t)) {
                    Some(cell) => own(Some(*cell)),
                    None => all(),
                }
            }
            // Creations and ends name tasks that any cell may await; the loop
            // and threads concern every cell running meanwhile.
            EventKind::TaskCreated { .. }
            | EventKind::TaskDone { .. }
            | EventKind::TaskCancelled { .. }
            | EventKind::TaskFailed { .. }
            | EventKind::LoopBlocked { .. }
            | EventKind::LoopUnblocked
            | EventKind::ThreadStarted { .. }
            | EventKind::ThreadFinished { .. } => all(),
        }
    }

    /// Updates who owns what after `event`, and retires cells that are done.
    fn update(&mut self, event: &Event) {
        match &event.kind {
            EventKind::TaskCreated {
                task, parent, cell, ..
            } => {
                let owner = cell.or_else(|| parent.and_then(|p| self.owner.get(&p).copied()));
                if let Some(owner) = owner {
                    self.owner.insert(*task, owner);
                    if let Some(live) = self.live.get_mut(&owner) {
                        live.tasks.insert(*task);
                    }
                }
                self.pending.insert(*task, event.clone());
            }
            EventKind::TaskRunning { task } => self.current = Some(*task),
            EventKind::TaskAwaiting { task, .. } | EventKind::TaskYielded { task }
                if self.current == Some(*task) =>
            {
                self.current = None;
            }
            EventKind::TaskDone { task }
            | EventKind::TaskCancelled { task }
            | EventKind::TaskFailed { task, .. } => {
                if self.current == Some(*task) {
                    self.current = None;
                }
                self.pending.remove(task);
                if let Some(owner) = self.owner.remove(task) {
                    if let Some(live) = self.live.get_mut(&owner) {
                        live.tasks.remove(task);
                    }
                    self.retire_if_done(owner);
                }
            }
            EventKind::CellFinished { cell } => {
                if let Some(live) = self.live.get_mut(cell) {
                    live.finished = true;
                }
                self.retire_if_done(*cell);
            }
            _ => {}
        }
    }

    fn retire_if_done(&mut self, cell: CellId) {
        if self
            .live
            .get(&cell)
            .is_some_and(|live| live.finished && live.tasks.is_empty())
        {
            self.live.remove(&cell);
        }
    }
}

/// Whether `next` merges into `last` (see [`push_merging`]): both are output
/// of the same cell to the same stream.
pub fn merges(last: &Event, next: &Event) -> bool {
    matches!(
        (&last.kind, &next.kind),
        (
            EventKind::Output { stream: a, cell: x, .. },
            EventKind::Output { stream: b, cell: y, .. },
        ) if a == b && x == y
    )
}

/// Appends `event`, merging it into the last one when both are output of the
/// same cell to the same stream: a loop that prints makes one event per
/// slice rather than one per line.
pub fn push_merging(events: &mut Vec<Event>, event: Event) {
    if let Some(last) = events.last_mut() {
        if merges(last, &event) {
            if let (EventKind::Output { text: into, .. }, EventKind::Output { text, .. }) =
                (&mut last.kind, &event.kind)
            {
                into.push_str(text);
            }
            last.time = last.time.max(event.time);
            return;
        }
    }
    events.push(event);
}

#[cfg(test)]
mod tests {
    use awaitable_python::events::{Event, EventKind};
    use awaitable_python::interp::Stream;

    use crate::route::{EventRouter, Routed};

    fn at(time: f64, kind: EventKind) -> Event {
        Event { time, kind }
    }

    fn created(task: u64, parent: Option<u64>, cell: Option<u64>) -> EventKind {
        EventKind::TaskCreated {
            task,
            name: format!("Task-{task}"),
            parent,
            cell,
        }
    }

    fn printed(text: &str, cell: u64) -> EventKind {
        EventKind::Output {
            stream: Stream::Stdout,
            text: text.to_owned(),
            cell: Some(cell),
        }
    }

    fn cells(routed: &[Routed]) -> Vec<(u64, usize)> {
        routed.iter().map(|r| (r.cell, r.events.len())).collect()
    }

    #[test]
    fn a_cell_gets_its_events_until_its_last_task_ends() {
        let mut router = EventRouter::new();
        let routed = router.route(vec![
            at(0.0, EventKind::CellStarted { cell: 1 }),
            at(0.0, created(10, None, Some(1))),
            at(0.0, EventKind::TaskRunning { task: 10 }),
            at(0.1, created(11, Some(10), None)),
            at(0.1, EventKind::TaskDone { task: 10 }),
            at(0.1, EventKind::CellFinished { cell: 1 }),
        ]);
        assert_eq!(cells(&routed), [(1, 6)]);
        assert!(router.is_live(1), "task 11 still runs");
        let routed = router.route(vec![
            at(0.2, EventKind::TaskRunning { task: 11 }),
            at(0.2, printed("late\n", 1)),
            at(0.3, EventKind::TaskDone { task: 11 }),
            at(
                0.4,
                EventKind::LoopBlocked {
                    reason: "time.sleep(1)".to_owned(),
                },
            ),
        ]);
        assert_eq!(cells(&routed), [(1, 3)]);
        assert!(!router.is_live(1));
    }

    #[test]
    fn other_cells_see_the_loop_and_task_ends_but_not_foreign_steps() {
        let mut router = EventRouter::new();
        router.route(vec![
            at(0.0, EventKind::CellStarted { cell: 1 }),
            at(0.0, created(10, None, Some(1))),
            at(0.0, created(11, Some(10), None)),
            at(0.0, EventKind::TaskDone { task: 10 }),
            at(0.0, EventKind::CellFinished { cell: 1 }),
        ]);
        let routed = router.route(vec![
            at(1.0, EventKind::CellStarted { cell: 2 }),
            at(1.0, created(20, None, Some(2))),
            at(1.0, EventKind::TaskRunning { task: 20 }),
            at(1.0, printed("two\n", 2)),
            at(
                1.0,
                EventKind::TaskAwaiting {
                    task: 20,
                    what: "task Task-11".to_owned(),
                },
            ),
            at(1.5, EventKind::TaskRunning { task: 11 }),
            at(2.0, EventKind::TaskDone { task: 11 }),
        ]);
        let two = routed
            .iter()
            .find(|r| r.cell == 2)
            .expect("cell 2's events");
        // The creation of task 11 is copied first, so that cell 2 knows its name.
        assert_eq!(two.events[0].kind, created(11, Some(10), None));
        assert_eq!(two.events[1].kind, EventKind::CellStarted { cell: 2 });
        assert!(!two
            .events
            .iter()
            .any(|e| e.kind == EventKind::TaskRunning { task: 11 }));
        assert!(two
            .events
            .iter()
            .any(|e| e.kind == EventKind::TaskDone { task: 11 }));
        let one = routed
            .iter()
            .find(|r| r.cell == 1)
            .expect("cell 1's events");
        assert!(!one
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Output { .. })));
        assert!(!router.is_live(1));
        assert!(router.is_live(2));
    }

    #[test]
    fn consecutive_output_merges_into_one_event() {
        let mut router = EventRouter::new();
        let routed = router.route(vec![
            at(0.0, EventKind::CellStarted { cell: 1 }),
            at(0.1, printed("a", 1)),
            at(0.2, printed("b", 1)),
            at(
                0.3,
                EventKind::Output {
                    stream: Stream::Stderr,
                    text: "c".to_owned(),
                    cell: Some(1),
                },
            ),
        ]);
        assert_eq!(routed[0].events[1], at(0.2, printed("ab", 1)));
        assert_eq!(routed[0].events.len(), 3);
    }

    #[test]
    fn a_page_asked_for_goes_to_the_cell_of_the_running_task() {
        let mut router = EventRouter::new();
        router.route(vec![
            at(0.0, EventKind::CellStarted { cell: 1 }),
            at(0.0, created(10, None, Some(1))),
        ]);
        let page = EventKind::WikipediaPage {
            lang: "fr".to_owned(),
            title: "Coroutine".to_owned(),
        };
        let routed = router.route(vec![
            at(0.0, EventKind::CellStarted { cell: 2 }),
            at(0.0, created(20, None, Some(2))),
            at(0.1, EventKind::TaskRunning { task: 20 }),
            at(0.1, page.clone()),
        ]);
        let has_page = |cell| {
            routed
                .iter()
                .find(|r| r.cell == cell)
                .is_some_and(|r| r.events.iter().any(|e| e.kind == page))
        };
        assert!(has_page(2));
        assert!(!has_page(1));
    }
}
