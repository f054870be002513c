//! The app's state: plain data, the [`Action`]s that change it, and the
//! reducer. The only non-plain field is the [`Host`] handle, held here so that
//! replacing or dropping the state cancels whatever the old kernel had pending
//! (yew's `timer_functional` pattern).
//!
//! The reducer does no I/O: reading the URL and storage, saving, downloading
//! and running cells are the app's effects and callbacks, which tell the
//! reducer what happened.

use std::rc::Rc;

use awaitable_notebook::course::{CodeRole, Lang, Visibility, SYNC_CELL_ID};
use awaitable_notebook::embed::setup_cells;
use awaitable_notebook::exercise::{
    parse_duration_line, validate, Check, ExerciseRun, Message, Verdict,
};
use awaitable_notebook::ipynb_import::ImportedNotebook;
use awaitable_notebook::kernel::ExecutionState;
use awaitable_notebook::params::{CellTarget, ClockChoice, PageOptions};
use awaitable_notebook::saved::{SavedError, SavedWork};
use yew::Reducible;

use crate::document::{CodeSpec, Document, Entry};
use crate::host::{CellIndex, Host, HostEvent, KernelStatus};
use crate::i18n::ui;
use crate::outputs::{apply_delta, OutputView};
use crate::runs::{RunFact, RunLog};

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

    /// How long the finished run took, in seconds.
    pub fn seconds(&self) -> Option<f64> {
        match self {
            RunState::Done { millis, .. } | RunState::Failed { millis, .. } => {
                Some(*millis as f64 / 1000.0)
            }
            _ => None,
        }
    }
}

/// What the cell's latest execution did, beyond its output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRecord {
    /// The execution count.
    pub count: u32,
    /// The source that ran.
    pub source: String,
    /// Tasks the run created, not counting the cell's own.
    pub tasks_created: usize,
    /// Pages the run asked of `wikipedia`, in order.
    pub pages: Vec<String>,
}

/// One code cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellState {
    /// Its id in the notebook.
    pub id: Rc<str>,
    /// The notebook's code for it, which Reset brings back.
    pub original: Rc<str>,
    /// What it is for.
    pub role: CodeRole,
    /// When it is shown.
    pub visibility: Visibility,
    /// The Python source in the editor.
    pub source: String,
    /// Where its last run is.
    pub run: RunState,
    /// What its last run printed and returned.
    pub outputs: Vec<OutputView>,
    /// The source sent to the kernel, until the run starts.
    pub submitted: Option<String>,
    /// The latest execution, once started.
    pub record: Option<RunRecord>,
}

impl CellState {
    /// A never-run cell as the notebook has it.
    pub fn new(spec: CodeSpec) -> CellState {
        CellState {
            id: Rc::from(spec.id),
            original: Rc::from(spec.source.as_str()),
            role: spec.role,
            visibility: spec.visibility,
            source: spec.source,
            run: RunState::Idle,
            outputs: Vec::new(),
            submitted: None,
            record: None,
        }
    }

    /// Whether the learner changed the code.
    pub fn is_edited(&self) -> bool {
        *self.source != *self.original
    }

    /// Everything the last run printed to stdout.
    pub fn stdout(&self) -> String {
        self.outputs
            .iter()
            .filter_map(|output| match output {
                OutputView::Stdout(text) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The reference duration of a synchronous cell: the last duration it
    /// printed (`Durée totale d'exécution: 18.00 secondes`), else how long its
    /// run took; `None` unless its last run succeeded.
    pub fn reference_seconds(&self) -> Option<f64> {
        let RunState::Done { millis, .. } = self.run else {
            return None;
        };
        let printed = parse_duration_line(&self.stdout()).last().copied();
        Some(printed.unwrap_or(millis as f64 / 1000.0))
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

/// The exercise's checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExerciseStatus {
    /// Not checked yet.
    Unchecked,
    /// Each check and its verdict, from the last time the learner asked.
    Checked(Vec<(Check, Verdict)>),
}

/// What the page says about saving the learner's work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageNotice {
    /// Nothing to say: work is saved as the learner types.
    Saving,
    /// The browser refuses storage (a sandboxed iframe, privacy settings).
    Unavailable,
    /// Saved work could not be read: the notebook started afresh.
    StartedFresh(Message),
    /// The last save failed; says why.
    NotSaved(Message),
}

/// What the app found in storage for a notebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// Nothing saved.
    Nothing,
    /// Saved work.
    Work(SavedWork),
    /// Something that is not saved work.
    Corrupt(SavedError),
    /// The browser has no storage for the page.
    Unavailable,
}

/// The course as it was when an imported notebook replaced it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stash {
    document: Rc<Document>,
    cells: Vec<Rc<CellState>>,
    exercise: ExerciseStatus,
    show_solution: bool,
}

/// Where a `?cell=` link points, once resolved against the notebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Focus {
    /// Code cell number `n` (from 1).
    Code(usize),
    /// The prose cell with this id.
    Prose(String),
}

/// The notebook page.
#[derive(Debug, Clone, PartialEq)]
pub struct Notebook {
    /// The language of the prose and of the interface.
    pub lang: Lang,
    /// The notebook shown (course or imported).
    pub document: Rc<Document>,
    /// The code cells, in order; hosts and components index them.
    pub cells: Vec<Rc<CellState>>,
    /// The kernel.
    pub kernel: KernelState,
    /// Real time or fast-forward.
    pub clock: ClockChoice,
    /// Whether the solution and its explanations are shown.
    pub show_solution: bool,
    /// The exercise's checks.
    pub exercise: ExerciseStatus,
    /// What to say about saving.
    pub storage: StorageNotice,
    /// Why the last import failed, until the next import.
    pub import_error: Option<Message>,
    /// Whether Reset notebook waits for confirmation.
    pub confirm_reset: bool,
    /// The course, while an imported notebook is shown.
    pub stash: Option<Rc<Stash>>,
    /// Whether the kernel has been sent the cells a single embedded cell
    /// needs (see [`Notebook::setup_for`]); a new kernel has not.
    pub setup_sent: bool,
    runs: RunLog,
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
    /// Cell `cell` was sent to the kernel with `source` (its run record
    /// keeps the source that ran, whatever the editor holds later).
    Submit {
        /// The cell.
        cell: CellIndex,
        /// The source sent.
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
    /// Show the page in this language (code edits stay).
    SetLang(Lang),
    /// Real time or fast-forward.
    SetClock(ClockChoice),
    /// Show or hide the solution.
    ToggleSolution,
    /// Put the notebook's code back in this cell.
    ResetCell(CellIndex),
    /// Reset notebook was pressed: ask for confirmation.
    AskReset,
    /// The learner did not confirm.
    CancelReset,
    /// The learner confirmed: every cell back to the notebook's code, outputs
    /// and checks cleared.
    ResetNotebook,
    /// Check the exercise with what the last runs produced.
    Validate,
    /// A notebook was read from the learner's file.
    Imported {
        /// The notebook.
        notebook: Box<ImportedNotebook>,
        /// The file's name.
        file_name: Option<String>,
        /// Work saved on it earlier, if any.
        saved: Loaded,
    },
    /// The learner's file, or a share link, could not be opened.
    ImportFailed(Message),
    /// A share link's code, opened in a scratch notebook (see
    /// [`Document::shared`]).
    Shared {
        /// The scratch notebook.
        notebook: Box<ImportedNotebook>,
        /// Work saved on it earlier, if any.
        saved: Loaded,
    },
    /// Leave the imported notebook for the course as it was.
    BackToCourse,
    /// Saving succeeded again, or failed.
    Storage(StorageNotice),
    /// The cells a single embedded cell needs were sent to the kernel.
    SetupSent,
}

impl Notebook {
    /// The page as it opens: the course in the options' language, with the
    /// work `loaded` from storage laid over it.
    pub fn start(options: &PageOptions, loaded: Loaded) -> Notebook {
        let (document, specs) = Document::course();
        let mut notebook = Notebook::with_document(options.lang, document, specs);
        notebook.restore(loaded);
        // `?clock=fast` wins over the saved clock; without it (or with
        // `clock=real`, which cannot be told apart) the saved one stays.
        if options.clock == ClockChoice::Fast {
            notebook.clock = ClockChoice::Fast;
        }
        let hidden_target = match options.cell.as_ref().and_then(|t| notebook.focus(t)) {
            Some(Focus::Code(n)) => notebook
                .cells
                .get(n - 1)
                .is_some_and(|cell| cell.visibility == Visibility::WithSolution),
            Some(Focus::Prose(id)) => notebook.document.entries.iter().any(|entry| {
                matches!(entry, Entry::Prose(prose)
                    if prose.id == id && prose.visibility == Visibility::WithSolution)
            }),
            None => false,
        };
        notebook.show_solution = hidden_target;
        notebook
    }

    /// A notebook of `specs` in `document`, never run.
    pub fn with_document(lang: Lang, document: Document, specs: Vec<CodeSpec>) -> Notebook {
        Notebook {
            lang,
            document: Rc::new(document),
            cells: specs
                .into_iter()
                .map(|spec| Rc::new(CellState::new(spec)))
                .collect(),
            kernel: KernelState::Starting,
            clock: ClockChoice::Real,
            show_solution: false,
            exercise: ExerciseStatus::Unchecked,
            storage: StorageNotice::Saving,
            import_error: None,
            confirm_reset: false,
            stash: None,
            setup_sent: false,
            runs: RunLog::default(),
        }
    }

    /// Lays saved work over the notebook, or notes why there is none.
    fn restore(&mut self, loaded: Loaded) {
        match loaded {
            Loaded::Nothing => {}
            Loaded::Unavailable => self.storage = StorageNotice::Unavailable,
            Loaded::Corrupt(error) => self.storage = StorageNotice::StartedFresh(error.message()),
            Loaded::Work(work) if work.notebook == self.document.id => {
                for cell in &mut self.cells {
                    if let Some(source) = work.source(&cell.id) {
                        Rc::make_mut(cell).source = source.to_owned();
                    }
                }
                if self.document.is_course() {
                    self.clock = work.clock;
                    if !work.verdicts.is_empty() {
                        self.exercise = ExerciseStatus::Checked(work.verdicts);
                    }
                }
            }
            Loaded::Work(_) => {}
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

    /// Whether a cell with `visibility` is shown.
    pub fn shows(&self, visibility: Visibility) -> bool {
        visibility == Visibility::Always || self.show_solution
    }

    /// The cells Run all runs: the shown ones, in order, with their code.
    pub fn runnable(&self) -> Vec<(CellIndex, String)> {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, cell)| self.shows(cell.visibility))
            .map(|(index, cell)| (index, cell.source.clone()))
            .collect()
    }

    /// What to run before cell `cell` when it is shown alone: the earlier
    /// cells that only define names (see
    /// [`awaitable_notebook::embed::setup_cells`]), with their code.
    pub fn setup_for(&self, cell: CellIndex) -> Vec<(CellIndex, String)> {
        let sources: Vec<&str> = self.cells.iter().map(|c| c.source.as_str()).collect();
        setup_cells(&sources, cell)
            .into_iter()
            .map(|index| (index, sources[index].to_owned()))
            .collect()
    }

    /// Whether the notebook has an exercise to check.
    pub fn has_exercise(&self) -> bool {
        self.cells
            .iter()
            .any(|cell| cell.role == CodeRole::Exercise)
    }

    /// The learner's work, as saved and exported: the edited cells' code,
    /// the clock and the checks.
    pub fn work(&self) -> SavedWork {
        let mut work = SavedWork::new(self.document.id.clone());
        for cell in &self.cells {
            work.set_source(&cell.id, &cell.original, &cell.source);
        }
        if self.document.is_course() {
            work.clock = self.clock;
            if let ExerciseStatus::Checked(verdicts) = &self.exercise {
                work.verdicts = verdicts.clone();
            }
        }
        work
    }

    /// The notebook as an `.ipynb` with the learner's edits, and its file name.
    pub fn export(&self) -> (String, String) {
        (
            self.document.export_name(self.lang),
            self.document.export(self.lang, &self.work()),
        )
    }

    /// What a `?cell=` link points at in this notebook.
    pub fn focus(&self, target: &CellTarget) -> Option<Focus> {
        match target {
            CellTarget::Number(n) => {
                let n = usize::try_from(n.get()).ok()?;
                (n <= self.cells.len()).then_some(Focus::Code(n))
            }
            CellTarget::Id(id) => {
                if let Some(index) = self.cells.iter().position(|cell| *cell.id == **id) {
                    return Some(Focus::Code(index + 1));
                }
                self.document
                    .entries
                    .iter()
                    .any(|entry| matches!(entry, Entry::Prose(prose) if prose.id == *id))
                    .then(|| Focus::Prose(id.clone()))
            }
        }
    }

    /// The exercise's checks, with what the last runs produced: the
    /// learner's cell's last run (its source, output, tasks, pages and
    /// duration) against cell (f)'s reference duration.
    pub fn checks(&self) -> Vec<(Check, Verdict)> {
        let Some(exercise) = self.cells.iter().find(|c| c.role == CodeRole::Exercise) else {
            return Vec::new();
        };
        let record = exercise.record.as_ref();
        let finished = exercise.run.seconds();
        let run = ExerciseRun {
            source: record.map_or_else(|| exercise.source.clone(), |r| r.source.clone()),
            stdout: exercise.stdout(),
            tasks_created: record.map_or(0, |r| r.tasks_created),
            requested_pages: record.map(|r| r.pages.clone()).unwrap_or_default(),
            duration: finished.unwrap_or(f64::INFINITY),
        };
        let sync = self
            .cells
            .iter()
            .find(|cell| &*cell.id == SYNC_CELL_ID)
            .and_then(|cell| cell.reference_seconds());
        let mut checks = validate(&run, sync);
        if finished.is_none() && sync.is_some() {
            // A run that has not ended has no duration to compare yet.
            for (check, verdict) in &mut checks {
                if *check == Check::Faster {
                    *verdict = Verdict::NotYet(Message {
                        fr: ui(Lang::Fr).run_exercise_first.to_owned(),
                        en: ui(Lang::En).run_exercise_first.to_owned(),
                    });
                }
            }
        }
        checks
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
                self.runs.started(cell, count);
                if let Some(state) = self.cell_mut(cell) {
                    state.run = RunState::Running { count };
                    state.outputs.clear();
                    let source = state
                        .submitted
                        .take()
                        .unwrap_or_else(|| state.source.clone());
                    state.record = Some(RunRecord {
                        count,
                        source,
                        tasks_created: 0,
                        pages: Vec::new(),
                    });
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
                self.runs.finished(count);
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
                        state.submitted = None;
                    }
                }
            }
            HostEvent::Status(new_status) => {
                if let KernelState::Ready { status, .. } = &mut self.kernel {
                    *status = new_status;
                }
            }
            HostEvent::Timeline(events) => {
                for event in &events {
                    if let Some((execution, fact)) = self.runs.observe(event) {
                        self.record_fact(execution.cell, execution.count, fact);
                    }
                }
            }
        }
    }

    /// Adds what execution `count` did to its cell, if it is still the
    /// cell's latest run.
    fn record_fact(&mut self, cell: CellIndex, count: u32, fact: RunFact) {
        let Some(state) = self.cell_mut(cell) else {
            return;
        };
        let Some(record) = state.record.as_mut().filter(|r| r.count == count) else {
            return;
        };
        match fact {
            RunFact::TaskCreated => record.tasks_created += 1,
            RunFact::Page(title) => record.pages.push(title),
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
        self.setup_sent = false;
        self.runs = RunLog::default();
        self.forget_runs();
    }

    /// The kernel went away: nothing is queued or running any more. Outputs
    /// stay, as Jupyter keeps them over a restart.
    fn forget_runs(&mut self) {
        for cell in &mut self.cells {
            if cell.run.is_pending() || cell.submitted.is_some() {
                let cell = Rc::make_mut(cell);
                if cell.run.is_pending() {
                    cell.run = RunState::Idle;
                }
                cell.submitted = None;
            }
        }
    }

    /// Every cell back to the notebook's code, without outputs or checks.
    fn reset(&mut self) {
        for cell in &mut self.cells {
            let cell = Rc::make_mut(cell);
            cell.source = cell.original.to_string();
            cell.run = RunState::Idle;
            cell.outputs.clear();
            cell.submitted = None;
            cell.record = None;
        }
        self.exercise = ExerciseStatus::Unchecked;
        self.show_solution = false;
        self.confirm_reset = false;
    }

    /// Shows `document` in place of the course (kept aside) or of another
    /// imported notebook, with the work `saved` on it earlier.
    fn open(&mut self, (document, specs): (Document, Vec<CodeSpec>), saved: Loaded) {
        // The app gives the notebook a fresh kernel: nothing kept aside runs.
        self.forget_runs();
        if self.document.is_course() {
            self.stash = Some(Rc::new(Stash {
                document: self.document.clone(),
                cells: std::mem::take(&mut self.cells),
                exercise: self.exercise.clone(),
                show_solution: self.show_solution,
            }));
        }
        let fresh = Notebook::with_document(self.lang, document, specs);
        self.document = fresh.document;
        self.cells = fresh.cells;
        self.exercise = ExerciseStatus::Unchecked;
        self.show_solution = false;
        self.confirm_reset = false;
        self.import_error = None;
        match saved {
            // Storage problems were reported when the page opened.
            Loaded::Work(_) => self.restore(saved),
            Loaded::Nothing | Loaded::Corrupt(_) | Loaded::Unavailable => {}
        }
    }

    fn back_to_course(&mut self) {
        let Some(stash) = self.stash.take() else {
            return;
        };
        let stash = Rc::unwrap_or_clone(stash);
        self.document = stash.document;
        self.cells = stash.cells;
        self.exercise = stash.exercise;
        self.show_solution = stash.show_solution;
        self.confirm_reset = false;
        self.import_error = None;
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
            Action::Submit { cell, source } => {
                if let Some(state) = next.cell_mut(cell) {
                    state.submitted = Some(source);
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
            Action::SetLang(lang) => next.lang = lang,
            Action::SetClock(clock) => next.clock = clock,
            Action::ToggleSolution => next.show_solution = !next.show_solution,
            Action::ResetCell(cell) => {
                if let Some(state) = next.cell_mut(cell) {
                    state.source = state.original.to_string();
                }
            }
            Action::AskReset => next.confirm_reset = true,
            Action::CancelReset => next.confirm_reset = false,
            Action::ResetNotebook => next.reset(),
            Action::Validate => next.exercise = ExerciseStatus::Checked(next.checks()),
            Action::Imported {
                notebook,
                file_name,
                saved,
            } => next.open(Document::imported(*notebook, file_name), saved),
            Action::Shared { notebook, saved } => next.open(Document::shared(*notebook), saved),
            Action::ImportFailed(message) => next.import_error = Some(message),
            Action::BackToCourse => next.back_to_course(),
            Action::Storage(notice) => next.storage = notice,
            Action::SetupSent => next.setup_sent = true,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests;
