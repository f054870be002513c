//! The app's state: plain data, the [`Action`]s that change it, and the
//! reducer. The only non-plain field is the [`Host`] handle, held here so that
//! replacing or dropping the state cancels whatever the old kernel had pending
//! (yew's `timer_functional` pattern).

use std::rc::Rc;

use awaitable_notebook::kernel::ExecutionState;
use yew::Reducible;

use crate::host::{CellIndex, Host, HostEvent, KernelStatus};
use crate::outputs::{apply_delta, OutputView};

/// Where a cell's last run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    /// Not run since the page (or the kernel) started.
    Idle,
    /// Waiting for the cells queued before it.
    Queued,
    /// Running as execution `count`.
    Running {
        /// The execution count.
        count: u32,
    },
    /// Finished without an error.
    Done {
        /// The execution count.
        count: u32,
        /// How long it ran, in milliseconds.
        millis: u64,
    },
    /// Ended with an exception (`KeyboardInterrupt` after Stop, too).
    Failed {
        /// The execution count.
        count: u32,
        /// How long it ran, in milliseconds.
        millis: u64,
    },
}

impl RunState {
    /// The `[n]` shown beside the cell: its count, `*` while queued or
    /// running, blank before its first run.
    pub fn prompt(&self) -> String {
        match self {
            RunState::Idle => "[ ]".to_owned(),
            RunState::Queued | RunState::Running { .. } => "[*]".to_owned(),
            RunState::Done { count, .. } | RunState::Failed { count, .. } => format!("[{count}]"),
        }
    }

    /// Whether the cell is queued or running.
    pub fn is_pending(&self) -> bool {
        matches!(self, RunState::Queued | RunState::Running { .. })
    }
}

/// One code cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellState {
    /// The Python source in the editor.
    pub source: String,
    /// Where its last run is.
    pub run: RunState,
    /// What its last run printed and returned.
    pub outputs: Vec<OutputView>,
}

impl CellState {
    /// A cell holding `source`, never run.
    pub fn new(source: impl Into<String>) -> CellState {
        CellState {
            source: source.into(),
            run: RunState::Idle,
            outputs: Vec::new(),
        }
    }
}

/// Whether the page can run Python (the kernel itself lives in the host).
#[derive(Debug, Clone, PartialEq)]
pub enum KernelState {
    /// Not started yet (the first render).
    Starting,
    /// Ready, with the handle that owns it.
    Ready {
        /// The host that owns the kernel.
        host: Host,
        /// What it is doing.
        status: KernelStatus,
    },
    /// The browser refused something the host needs.
    Failed(String),
}

/// The notebook page.
#[derive(Debug, Clone, PartialEq)]
pub struct Notebook {
    /// The code cells, in order.
    pub cells: Vec<Rc<CellState>>,
    /// The kernel.
    pub kernel: KernelState,
}

/// What can happen to the notebook.
#[derive(Debug)]
pub enum Action {
    /// The learner edited cell `cell`.
    Edit {
        /// The cell.
        cell: CellIndex,
        /// Its new source.
        source: String,
    },
    /// A new kernel (at start-up, or after Restart): the old one, if any, is
    /// shut down and dropped with everything it had pending.
    Attach(Host),
    /// The host could not be created.
    AttachFailed(String),
    /// The app is going away: shut the kernel down and drop it.
    Detach,
    /// What the host reported during one slice.
    Host(Vec<HostEvent>),
}

impl Notebook {
    /// A notebook of never-run cells holding `sources`.
    pub fn new<S: Into<String>>(sources: impl IntoIterator<Item = S>) -> Notebook {
        Notebook {
            cells: sources
                .into_iter()
                .map(|source| Rc::new(CellState::new(source)))
                .collect(),
            kernel: KernelState::Starting,
        }
    }

    /// The host, once the kernel is ready.
    pub fn host(&self) -> Option<&Host> {
        match &self.kernel {
            KernelState::Ready { host, .. } => Some(host),
            _ => None,
        }
    }

    /// Whether any cell is queued or running.
    pub fn is_busy(&self) -> bool {
        self.cells.iter().any(|cell| cell.run.is_pending())
    }

    fn cell_mut(&mut self, cell: CellIndex) -> Option<&mut CellState> {
        self.cells.get_mut(cell).map(Rc::make_mut)
    }

    fn apply(&mut self, event: HostEvent) {
        match event {
            HostEvent::Queued { cell } => {
                if let Some(state) = self.cell_mut(cell) {
                    state.run = RunState::Queued;
                }
            }
            HostEvent::Started { cell, count } => {
                if let Some(state) = self.cell_mut(cell) {
                    state.run = RunState::Running { count };
                    state.outputs.clear();
                }
            }
            HostEvent::Output { cell, delta } => {
                if let Some(state) = self.cell_mut(cell) {
                    apply_delta(&mut state.outputs, delta);
                }
            }
            HostEvent::Finished {
                cell,
                count,
                state,
                millis,
            } => {
                if let Some(cell_state) = self.cell_mut(cell) {
                    cell_state.run = match state {
                        ExecutionState::Failed => RunState::Failed { count, millis },
                        ExecutionState::Succeeded | ExecutionState::Running => {
                            RunState::Done { count, millis }
                        }
                    };
                }
            }
            HostEvent::Dropped { cell } => {
                if let Some(state) = self.cell_mut(cell) {
                    if state.run == RunState::Queued {
                        state.run = RunState::Idle;
                    }
                }
            }
            HostEvent::Status(new_status) => {
                if let KernelState::Ready { status, .. } = &mut self.kernel {
                    *status = new_status;
                }
            }
            // Not drawn yet.
            HostEvent::Timeline(_) => {}
        }
    }

    /// Puts `kernel` in place of the current one. The old host is shut down
    /// here rather than left to its drop: a callback of the last render may
    /// still hold a clone for a moment, and it must not run or report
    /// meanwhile.
    fn replace_kernel(&mut self, kernel: KernelState) {
        if let Some(old) = self.host() {
            old.shutdown();
        }
        self.kernel = kernel;
        self.forget_runs();
    }

    /// The kernel went away: nothing is queued or running any more. Outputs
    /// stay, as Jupyter keeps them over a restart.
    fn forget_runs(&mut self) {
        for cell in &mut self.cells {
            if cell.run.is_pending() {
                Rc::make_mut(cell).run = RunState::Idle;
            }
        }
    }
}

impl Reducible for Notebook {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        match action {
            Action::Edit { cell, source } => {
                if let Some(state) = next.cell_mut(cell) {
                    state.source = source;
                }
            }
            Action::Attach(host) => next.replace_kernel(KernelState::Ready {
                host,
                status: KernelStatus::Idle,
            }),
            Action::AttachFailed(message) => next.replace_kernel(KernelState::Failed(message)),
            Action::Detach => next.replace_kernel(KernelState::Starting),
            Action::Host(events) => {
                for event in events {
                    next.apply(event);
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use awaitable_notebook::kernel::ExecutionState;
    use yew::Reducible;

    use crate::host::HostEvent;
    use crate::outputs::{OutputDelta, OutputView};
    use crate::state::{Action, Notebook, RunState};

    fn run(notebook: Notebook, events: Vec<HostEvent>) -> Notebook {
        Rc::unwrap_or_clone(Rc::new(notebook).reduce(Action::Host(events)))
    }

    fn printed(cell: usize, text: &str) -> HostEvent {
        HostEvent::Output {
            cell,
            delta: OutputDelta::Append {
                text: String::new(),
                new: vec![OutputView::Stdout(text.to_owned())],
            },
        }
    }

    #[test]
    fn a_run_goes_from_queued_to_done_with_its_output() {
        let notebook = Notebook::new(["print(1)", "x"]);
        let notebook = run(notebook, vec![HostEvent::Queued { cell: 0 }]);
        assert_eq!(notebook.cells[0].run.prompt(), "[*]");
        assert!(notebook.is_busy());
        let notebook = run(
            notebook,
            vec![
                HostEvent::Started { cell: 0, count: 1 },
                printed(0, "1\n"),
                HostEvent::Finished {
                    cell: 0,
                    count: 1,
                    state: ExecutionState::Succeeded,
                    millis: 3,
                },
            ],
        );
        let cell = &notebook.cells[0];
        assert_eq!(
            cell.run,
            RunState::Done {
                count: 1,
                millis: 3
            }
        );
        assert_eq!(cell.run.prompt(), "[1]");
        assert_eq!(cell.outputs, vec![OutputView::Stdout("1\n".to_owned())]);
        assert!(!notebook.is_busy());
    }

    #[test]
    fn a_new_run_clears_the_old_output_and_dropped_cells_go_idle() {
        let notebook = Notebook::new(["print(1)", "x"]);
        let notebook = run(
            notebook,
            vec![
                HostEvent::Started { cell: 0, count: 1 },
                printed(0, "old\n"),
                HostEvent::Queued { cell: 1 },
                HostEvent::Started { cell: 0, count: 2 },
                HostEvent::Dropped { cell: 1 },
            ],
        );
        assert!(notebook.cells[0].outputs.is_empty());
        assert_eq!(notebook.cells[1].run, RunState::Idle);
    }

    #[test]
    fn edits_change_only_their_cell() {
        let notebook = Rc::new(Notebook::new(["a", "b"]));
        let edited = notebook.clone().reduce(Action::Edit {
            cell: 1,
            source: "c".to_owned(),
        });
        assert_eq!(edited.cells[1].source, "c");
        assert!(Rc::ptr_eq(&edited.cells[0], &notebook.cells[0]));
        let unchanged = edited.clone().reduce(Action::Edit {
            cell: 7,
            source: "d".to_owned(),
        });
        assert_eq!(unchanged.cells, edited.cells);
    }

    #[test]
    fn detaching_the_kernel_ends_pending_runs_but_keeps_outputs() {
        let notebook = run(
            Notebook::new(["a"]),
            vec![HostEvent::Started { cell: 0, count: 1 }, printed(0, "x\n")],
        );
        let notebook = Rc::new(notebook).reduce(Action::Detach);
        assert_eq!(notebook.cells[0].run, RunState::Idle);
        assert_eq!(notebook.cells[0].outputs.len(), 1);
    }
}
