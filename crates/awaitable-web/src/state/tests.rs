use std::num::NonZeroU32;
use std::rc::Rc;

use awaitable_notebook::course::{Lang, EXERCISE_CELL_ID, SYNC_CELL_ID};
use awaitable_notebook::exercise::{Check, Verdict};
use awaitable_notebook::ipynb_import::import_notebook;
use awaitable_notebook::kernel::ExecutionState;
use awaitable_notebook::params::{parse_query, CellTarget, ClockChoice, PageOptions};
use awaitable_notebook::saved::{SavedError, SavedWork};
use awaitable_python::events::{Event, EventKind};
use yew::Reducible;

use crate::host::HostEvent;
use crate::outputs::{OutputDelta, OutputView};
use crate::state::{Action, ExerciseStatus, Focus, Loaded, Notebook, RunState, StorageNotice};

fn course() -> Notebook {
    Notebook::start(&PageOptions::default(), Loaded::Nothing)
}

fn reduce(notebook: Notebook, action: Action) -> Notebook {
    Rc::unwrap_or_clone(Rc::new(notebook).reduce(action))
}

fn run(notebook: Notebook, events: Vec<HostEvent>) -> Notebook {
    reduce(notebook, Action::Host(events))
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

fn finished(cell: usize, count: u32, millis: u64) -> HostEvent {
    HostEvent::Finished {
        cell,
        count,
        state: ExecutionState::Succeeded,
        millis,
    }
}

fn index_of(notebook: &Notebook, id: &str) -> usize {
    match notebook.cells.iter().position(|cell| &*cell.id == id) {
        Some(index) => index,
        None => panic!("no cell {id}"),
    }
}

#[test]
fn the_course_opens_in_french_with_its_eight_code_cells() {
    let notebook = course();
    assert_eq!(notebook.lang, Lang::Fr);
    assert_eq!(notebook.cells.len(), 8);
    assert_eq!(notebook.cells[2].source, "await exemple()");
    assert!(notebook.has_exercise());
    assert_eq!(notebook.clock, ClockChoice::Real);
    assert_eq!(notebook.storage, StorageNotice::Saving);
    // The solution is hidden, and Run all leaves it out.
    assert!(!notebook.show_solution);
    assert_eq!(notebook.runnable().len(), 7);
    let english = Notebook::start(&parse_query("?lang=en&clock=fast"), Loaded::Nothing);
    assert_eq!(english.lang, Lang::En);
    assert_eq!(english.clock, ClockChoice::Fast);
}

#[test]
fn a_run_goes_from_queued_to_done_with_its_output() {
    let notebook = run(course(), vec![HostEvent::Queued { cell: 0 }]);
    assert_eq!(notebook.cells[0].run.prompt(), "[*]");
    assert!(notebook.is_busy());
    let notebook = run(
        notebook,
        vec![
            HostEvent::Started { cell: 0, count: 1 },
            printed(0, "1\n"),
            finished(0, 1, 3),
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
    let notebook = run(
        course(),
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
fn edits_change_only_their_cell_and_survive_a_language_switch() {
    let notebook = Rc::new(course());
    let edited = notebook.clone().reduce(Action::Edit {
        cell: 1,
        source: "c".to_owned(),
    });
    assert_eq!(edited.cells[1].source, "c");
    assert!(edited.cells[1].is_edited());
    assert!(Rc::ptr_eq(&edited.cells[0], &notebook.cells[0]));
    let unchanged = edited.clone().reduce(Action::Edit {
        cell: 70,
        source: "d".to_owned(),
    });
    assert_eq!(unchanged.cells, edited.cells);
    let english = unchanged.reduce(Action::SetLang(Lang::En));
    assert_eq!(english.lang, Lang::En);
    assert_eq!(english.cells[1].source, "c");
    let work = english.work();
    assert_eq!(work.source("cell-b"), Some("c"));
    assert_eq!(work.sources.len(), 1);
    let reset = english.reduce(Action::ResetCell(1));
    assert!(!reset.cells[1].is_edited());
    assert!(reset.work().sources.is_empty());
}

#[test]
fn detaching_the_kernel_ends_pending_runs_but_keeps_outputs() {
    let notebook = run(
        course(),
        vec![HostEvent::Started { cell: 0, count: 1 }, printed(0, "x\n")],
    );
    let notebook = reduce(notebook, Action::Detach);
    assert_eq!(notebook.cells[0].run, RunState::Idle);
    assert_eq!(notebook.cells[0].outputs.len(), 1);
}

#[test]
fn saved_work_is_laid_over_the_course() {
    let mut work = SavedWork::new(course().document.id.clone());
    work.set_source(EXERCISE_CELL_ID, "original", "async def f(): pass");
    work.clock = ClockChoice::Fast;
    work.verdicts = vec![(Check::Faster, Verdict::Pass)];
    let notebook = Notebook::start(&PageOptions::default(), Loaded::Work(work.clone()));
    let exercise = index_of(&notebook, EXERCISE_CELL_ID);
    assert_eq!(notebook.cells[exercise].source, "async def f(): pass");
    assert_eq!(notebook.clock, ClockChoice::Fast);
    assert_eq!(
        notebook.exercise,
        ExerciseStatus::Checked(vec![(Check::Faster, Verdict::Pass)])
    );
    assert_eq!(notebook.work(), work);

    // Work on another notebook is not laid over the course.
    let mut other = SavedWork::new(course().document.id.clone());
    other.notebook = match awaitable_notebook::saved::NotebookId::new("other") {
        Some(id) => id,
        None => unreachable!("a valid id"),
    };
    other.set_source(EXERCISE_CELL_ID, "", "x");
    let notebook = Notebook::start(&PageOptions::default(), Loaded::Work(other));
    assert!(!notebook.cells[exercise].is_edited());
}

#[test]
fn storage_problems_are_noted_and_the_course_starts_fresh() {
    let corrupt = Notebook::start(
        &PageOptions::default(),
        Loaded::Corrupt(SavedError::NotJson("eof".to_owned())),
    );
    assert!(matches!(corrupt.storage, StorageNotice::StartedFresh(_)));
    assert!(corrupt.cells.iter().all(|cell| !cell.is_edited()));
    let unavailable = Notebook::start(&PageOptions::default(), Loaded::Unavailable);
    assert_eq!(unavailable.storage, StorageNotice::Unavailable);
}

#[test]
fn cell_links_resolve_and_a_hidden_target_shows_the_solution() {
    let notebook = course();
    let number = |n| CellTarget::Number(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN));
    assert_eq!(notebook.focus(&number(3)), Some(Focus::Code(3)));
    assert_eq!(notebook.focus(&number(9)), None);
    assert_eq!(
        notebook.focus(&CellTarget::Id(EXERCISE_CELL_ID.to_owned())),
        Some(Focus::Code(7))
    );
    assert_eq!(
        notebook.focus(&CellTarget::Id("tasks".to_owned())),
        Some(Focus::Prose("tasks".to_owned()))
    );
    assert!(!Notebook::start(&parse_query("cell=3"), Loaded::Nothing).show_solution);
    assert!(Notebook::start(&parse_query("cell=8"), Loaded::Nothing).show_solution);
    assert!(Notebook::start(&parse_query("cell=solution-notes"), Loaded::Nothing).show_solution);
}

#[test]
fn an_empty_exercise_fails_its_checks() {
    let notebook = reduce(course(), Action::Validate);
    let ExerciseStatus::Checked(checks) = &notebook.exercise else {
        panic!("checked")
    };
    let verdicts: Vec<(Check, &str)> = checks
        .iter()
        .map(|(check, verdict)| {
            let kind = match verdict {
                Verdict::Pass => "pass",
                Verdict::Fail(_) => "fail",
                Verdict::NotYet(_) => "not yet",
            };
            (*check, kind)
        })
        .collect();
    assert_eq!(
        verdicts,
        vec![
            (Check::UsesCoroutines, "fail"),
            (Check::FetchesAllPages, "fail"),
            (Check::Faster, "not yet"),
        ]
    );
}

fn event(kind: EventKind) -> Event {
    Event { time: 0.0, kind }
}

fn task(task: u64, parent: Option<u64>, cell: Option<u64>) -> Event {
    event(EventKind::TaskCreated {
        task,
        name: format!("Task-{task}"),
        parent,
        cell,
    })
}

fn page(title: &str) -> Event {
    event(EventKind::WikipediaPage {
        lang: "fr".to_owned(),
        title: title.to_owned(),
    })
}

#[test]
fn a_concurrent_run_passes_every_check() {
    let notebook = course();
    let sync = index_of(&notebook, SYNC_CELL_ID);
    let exercise = index_of(&notebook, EXERCISE_CELL_ID);
    let solution = notebook.cells[index_of(&notebook, "solution")]
        .source
        .clone();
    let notebook = reduce(
        notebook,
        Action::Edit {
            cell: exercise,
            source: solution.clone(),
        },
    );
    let notebook = reduce(
        notebook,
        Action::Submit {
            cell: exercise,
            source: solution,
        },
    );
    let summaries = "Coroutine :\n\n A\n\n B\n\n C\n\nDurée totale d'exécution: 6.00 secondes\n";
    let notebook = run(
        notebook,
        vec![
            HostEvent::Started {
                cell: sync,
                count: 1,
            },
            HostEvent::Timeline(vec![
                event(EventKind::CellStarted { cell: 1 }),
                task(1, None, Some(1)),
            ]),
            printed(
                sync,
                "Subroutine :\n\nDurée totale d'exécution: 18.00 secondes\n",
            ),
            finished(sync, 1, 18_000),
            HostEvent::Started {
                cell: exercise,
                count: 2,
            },
            HostEvent::Timeline(vec![
                event(EventKind::CellStarted { cell: 2 }),
                task(2, None, Some(2)),
                event(EventKind::TaskRunning { task: 2 }),
                task(3, Some(2), None),
                task(4, Some(2), None),
                task(5, Some(2), None),
                event(EventKind::TaskRunning { task: 3 }),
                page("Coroutine"),
                event(EventKind::TaskRunning { task: 4 }),
                page("Threading"),
                event(EventKind::TaskRunning { task: 5 }),
                page("Programmation_concurrente"),
            ]),
            printed(exercise, summaries),
            finished(exercise, 2, 6_000),
        ],
    );
    let record = notebook.cells[exercise].record.clone();
    assert_eq!(record.as_ref().map(|r| r.tasks_created), Some(3));
    assert_eq!(record.map(|r| r.pages.len()), Some(3));
    assert_eq!(notebook.cells[sync].reference_seconds(), Some(18.0));
    let checks = notebook.checks();
    assert!(
        checks.iter().all(|(_, verdict)| verdict.is_pass()),
        "{checks:?}"
    );
    // The checks are saved with the work.
    let notebook = reduce(notebook, Action::Validate);
    assert_eq!(notebook.work().verdicts, checks);
}

#[test]
fn a_running_exercise_is_not_yet_faster() {
    let notebook = course();
    let sync = index_of(&notebook, SYNC_CELL_ID);
    let exercise = index_of(&notebook, EXERCISE_CELL_ID);
    let notebook = run(
        notebook,
        vec![
            HostEvent::Started {
                cell: sync,
                count: 1,
            },
            finished(sync, 1, 18_000),
            HostEvent::Started {
                cell: exercise,
                count: 2,
            },
        ],
    );
    let faster = notebook.checks().pop();
    assert!(
        matches!(faster, Some((Check::Faster, Verdict::NotYet(_)))),
        "{faster:?}"
    );
}

#[test]
fn reset_asks_first_then_clears_everything() {
    let notebook = reduce(
        course(),
        Action::Edit {
            cell: 0,
            source: "x".to_owned(),
        },
    );
    let notebook = run(
        notebook,
        vec![HostEvent::Started { cell: 0, count: 1 }, printed(0, "x\n")],
    );
    let notebook = reduce(notebook, Action::Validate);
    let asking = reduce(notebook, Action::AskReset);
    assert!(asking.confirm_reset);
    let cancelled = reduce(asking.clone(), Action::CancelReset);
    assert!(!cancelled.confirm_reset);
    assert!(cancelled.cells[0].is_edited());
    let reset = reduce(asking, Action::ResetNotebook);
    assert!(!reset.confirm_reset);
    assert!(reset.cells.iter().all(|cell| !cell.is_edited()));
    assert!(reset.cells[0].outputs.is_empty());
    assert_eq!(reset.exercise, ExerciseStatus::Unchecked);
    assert!(reset.work().is_empty());
}

#[test]
fn an_import_replaces_the_course_until_going_back() {
    let notebook = reduce(
        course(),
        Action::Edit {
            cell: 0,
            source: "print('mine')".to_owned(),
        },
    );
    let (_, json) = notebook.export();
    let imported = match import_notebook(&json) {
        Ok(imported) => imported,
        Err(error) => panic!("{error}"),
    };
    let notebook = run(notebook, vec![HostEvent::Started { cell: 3, count: 1 }]);
    let notebook = reduce(
        notebook,
        Action::ImportFailed(SavedError::NotJson(String::new()).message()),
    );
    assert!(notebook.import_error.is_some());
    let mut saved = SavedWork::new(imported.id.clone());
    saved.set_source("cell-b", "exemple()", "exemple() # edited");
    let notebook = reduce(
        notebook,
        Action::Imported {
            notebook: Box::new(imported),
            file_name: Some("mine.ipynb".to_owned()),
            saved: Loaded::Work(saved),
        },
    );
    assert!(!notebook.document.is_course());
    assert!(!notebook.has_exercise());
    assert!(notebook.import_error.is_none());
    assert_eq!(notebook.cells[0].source, "print('mine')");
    assert!(!notebook.cells[0].is_edited(), "the import's own code");
    assert_eq!(notebook.cells[1].source, "exemple() # edited");
    assert_eq!(notebook.export().0, "mine.ipynb");
    let back = reduce(notebook, Action::BackToCourse);
    assert!(back.document.is_course());
    assert!(back.stash.is_none());
    assert_eq!(back.cells[0].source, "print('mine')");
    assert!(back.cells[0].is_edited());
    // What ran when the import replaced it ran on the kernel the import ended.
    assert!(!back.is_busy());
}

#[test]
fn a_shared_cell_opens_apart_from_the_course_until_going_back() {
    use awaitable_notebook::share::{shared_notebook, SHARED_CELL_ID};

    let notebook = reduce(
        course(),
        Action::Edit {
            cell: 0,
            source: "print('course work')".to_owned(),
        },
    );
    let shared = shared_notebook("print('shared')", Lang::Fr);
    let mut saved = SavedWork::new(shared.id.clone());
    saved.set_source(SHARED_CELL_ID, "print('shared')", "print('shared, edited')");
    let notebook = reduce(
        notebook,
        Action::Shared {
            notebook: Box::new(shared),
            saved: Loaded::Work(saved),
        },
    );
    assert!(notebook.document.is_shared());
    assert_eq!(notebook.cells.len(), 1);
    assert_eq!(notebook.cells[0].source, "print('shared, edited')");
    // Its work is saved under its own id, never the course's.
    assert!(notebook.work().notebook.as_str().starts_with("shared-"));
    assert!(notebook.stash.is_some());
    let back = reduce(notebook, Action::BackToCourse);
    assert!(back.document.is_course());
    assert_eq!(back.cells[0].source, "print('course work')");
}

#[test]
fn a_lone_cell_needs_the_cells_that_define_what_it_uses() {
    let notebook = course();
    let cell_a = notebook.cells[0].source.clone();
    assert_eq!(notebook.setup_for(0), vec![]);
    assert_eq!(notebook.setup_for(2), vec![(0, cell_a)]);
    // A learner's edit that makes cell (a) compute takes it out.
    let edited = reduce(
        notebook,
        Action::Edit {
            cell: 0,
            source: "import asyncio\nprint('side effect')".to_owned(),
        },
    );
    assert_eq!(edited.setup_for(2), vec![]);
    let sent = reduce(edited, Action::SetupSent);
    assert!(sent.setup_sent);
    assert!(
        !reduce(sent, Action::Detach).setup_sent,
        "a new kernel needs it again"
    );
}
