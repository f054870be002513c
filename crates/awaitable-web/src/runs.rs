//! Which execution each runtime event belongs to, for the exercise's checks:
//! how many tasks a run created, and which Wikipedia pages it asked for.
//!
//! The runtime names a cell's own task (`TaskCreated` with a `cell`), and
//! every other task by its parent; a `WikipediaPage` event belongs to the task
//! that was running when it came. The host says which code cell started
//! which execution (`Started`), and a new execution's runtime cell id is the
//! first one the events name after that (a cell that fails to compile has
//! none, and is finished before the next one starts).

use std::collections::HashMap;

use awaitable_python::events::{Event, EventKind};

use crate::host::CellIndex;

/// An execution: the code cell that ran and its execution count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExecutionRef {
    /// The code cell.
    pub cell: CellIndex,
    /// The execution count.
    pub count: u32,
}

/// Something an execution did that the exercise counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunFact {
    /// It created a task (not counting the cell's own).
    TaskCreated,
    /// It asked `wikipedia` for this page.
    Page(String),
}

/// Follows executions and tasks through the host's reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunLog {
    /// The execution started last whose runtime id is not known yet.
    awaiting: Option<ExecutionRef>,
    /// The execution of each runtime cell id.
    executions: HashMap<u64, ExecutionRef>,
    /// The runtime cell each live task descends from. Finished tasks are
    /// forgotten (they create nothing more), so this stays small.
    origins: HashMap<u64, u64>,
    /// The task whose step runs now.
    running: Option<u64>,
    /// The runtime cell started last, for events outside any task.
    latest: Option<u64>,
}

impl RunLog {
    /// The host started `cell` as execution `count`.
    pub fn started(&mut self, cell: CellIndex, count: u32) {
        self.awaiting = Some(ExecutionRef { cell, count });
    }

    /// Execution `count` ended; if it never named its runtime id (a syntax
    /// error), the next id is not its.
    pub fn finished(&mut self, count: u32) {
        if self
            .awaiting
            .is_some_and(|awaiting| awaiting.count == count)
        {
            self.awaiting = None;
        }
    }

    /// What `event` tells about an execution the exercise cares about.
    pub fn observe(&mut self, event: &Event) -> Option<(ExecutionRef, RunFact)> {
        match &event.kind {
            EventKind::CellStarted { cell } => {
                self.bind(*cell);
                None
            }
            EventKind::TaskCreated {
                task,
                cell: Some(cell),
                ..
            } => {
                self.bind(*cell);
                self.origins.insert(*task, *cell);
                None
            }
            EventKind::TaskCreated {
                task,
                parent,
                cell: None,
                ..
            } => {
                let origin = parent.and_then(|parent| self.origins.get(&parent).copied())?;
                self.origins.insert(*task, origin);
                let execution = self.executions.get(&origin).copied()?;
                Some((execution, RunFact::TaskCreated))
            }
            EventKind::TaskRunning { task } => {
                self.running = Some(*task);
                None
            }
            EventKind::TaskDone { task }
            | EventKind::TaskCancelled { task }
            | EventKind::TaskFailed { task, .. } => {
                self.origins.remove(task);
                if self.running == Some(*task) {
                    self.running = None;
                }
                None
            }
            EventKind::WikipediaPage { title, .. } => {
                let origin = self
                    .running
                    .and_then(|task| self.origins.get(&task).copied())
                    .or(self.latest)?;
                let execution = self.executions.get(&origin).copied()?;
                Some((execution, RunFact::Page(title.clone())))
            }
            _ => None,
        }
    }

    /// Ties runtime cell `cell` to the execution awaiting its id, the first
    /// time the events name it.
    fn bind(&mut self, cell: u64) {
        if self.executions.contains_key(&cell) {
            return;
        }
        if let Some(execution) = self.awaiting.take() {
            self.executions.insert(cell, execution);
            self.latest = Some(cell);
        }
    }
}

#[cfg(test)]
mod tests {
    use awaitable_python::events::{Event, EventKind};

    use crate::runs::{ExecutionRef, RunFact, RunLog};

    fn at(kind: EventKind) -> Event {
        Event { time: 0.0, kind }
    }

    fn created(task: u64, parent: Option<u64>, cell: Option<u64>) -> Event {
        at(EventKind::TaskCreated {
            task,
            name: format!("Task-{task}"),
            parent,
            cell,
        })
    }

    fn page(title: &str) -> Event {
        at(EventKind::WikipediaPage {
            lang: "fr".to_owned(),
            title: title.to_owned(),
        })
    }

    #[test]
    fn tasks_and_pages_go_to_the_execution_they_descend_from() {
        let mut log = RunLog::default();
        let exercise = ExecutionRef { cell: 6, count: 4 };
        log.started(6, 4);
        let facts: Vec<_> = [
            at(EventKind::CellStarted { cell: 3 }),
            created(10, None, Some(3)),
            at(EventKind::TaskRunning { task: 10 }),
            created(11, Some(10), None),
            created(12, Some(10), None),
            at(EventKind::TaskRunning { task: 11 }),
            created(13, Some(11), None),
            page("Coroutine"),
            at(EventKind::TaskDone { task: 11 }),
            // A task created by a finished task's sibling still counts.
            at(EventKind::TaskRunning { task: 12 }),
            page("Threading"),
        ]
        .iter()
        .filter_map(|event| log.observe(event))
        .collect();
        assert_eq!(
            facts,
            vec![
                (exercise, RunFact::TaskCreated),
                (exercise, RunFact::TaskCreated),
                (exercise, RunFact::TaskCreated),
                (exercise, RunFact::Page("Coroutine".to_owned())),
                (exercise, RunFact::Page("Threading".to_owned())),
            ]
        );
    }

    #[test]
    fn a_syntax_error_does_not_take_the_next_cells_id() {
        let mut log = RunLog::default();
        log.started(0, 1);
        log.finished(1);
        log.started(1, 2);
        assert_eq!(log.observe(&at(EventKind::CellStarted { cell: 1 })), None);
        log.observe(&created(5, None, Some(1)));
        log.observe(&at(EventKind::TaskRunning { task: 5 }));
        assert_eq!(
            log.observe(&created(6, Some(5), None)),
            Some((ExecutionRef { cell: 1, count: 2 }, RunFact::TaskCreated))
        );
    }

    #[test]
    fn tasks_of_unknown_origin_count_for_nobody() {
        let mut log = RunLog::default();
        assert_eq!(log.observe(&created(1, Some(99), None)), None);
        assert_eq!(log.observe(&page("Coroutine")), None);
    }
}
