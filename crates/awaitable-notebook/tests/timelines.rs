//! Timelines, comparisons and the heartbeat on real event streams: the JSON
//! timelines the CLI recorded (`tests/fixtures/timelines/`, made by
//! `make_timelines.sh` with the virtual clock) for the course's notebook, for
//! versions of the exercise, and for background tasks. Waits are exact with
//! the virtual clock; computation takes real time, so numbers are compared
//! with tolerances.

use std::path::Path;

use awaitable_notebook::comparison::Comparison;
use awaitable_notebook::course::Lang;
use awaitable_notebook::heartbeat::{Heartbeat, HeartbeatStatus};
use awaitable_notebook::kernel::Kernel;
use awaitable_notebook::timeline::{describe, summary, Lane, Outcome, SegmentState, Timeline};
use awaitable_python::events::{Event, EventKind};
use awaitable_python::interp::Stream;
use awaitable_python::runtime::Outcome as StepOutcome;
use awaitable_python::script::FrozenClock;
use serde_json::Value;

/// Reads a fixture written by the CLI's `--timeline`.
fn load(name: &str) -> Vec<Event> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/timelines")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: Vec<Value> = serde_json::from_str(&text).expect("a JSON array of events");
    json.iter().map(event).collect()
}

fn event(v: &Value) -> Event {
    let id = |key: &str| v[key].as_u64().expect("an id");
    let opt = |key: &str| v[key].as_u64();
    let text = |key: &str| v[key].as_str().expect("a string").to_string();
    let kind = match v["event"].as_str().expect("an event name") {
        "task_created" => EventKind::TaskCreated {
            task: id("task"),
            name: text("name"),
            parent: opt("parent"),
            cell: opt("cell"),
        },
        "task_running" => EventKind::TaskRunning { task: id("task") },
        "task_awaiting" => EventKind::TaskAwaiting {
            task: id("task"),
            what: text("what"),
        },
        "task_yielded" => EventKind::TaskYielded { task: id("task") },
        "task_done" => EventKind::TaskDone { task: id("task") },
        "task_cancelled" => EventKind::TaskCancelled { task: id("task") },
        "task_failed" => EventKind::TaskFailed {
            task: id("task"),
            error: text("error"),
        },
        "loop_blocked" => EventKind::LoopBlocked {
            reason: text("reason"),
        },
        "loop_unblocked" => EventKind::LoopUnblocked,
        "thread_started" => EventKind::ThreadStarted {
            thread: id("thread"),
            name: text("name"),
        },
        "thread_finished" => EventKind::ThreadFinished {
            thread: id("thread"),
        },
        "output" => EventKind::Output {
            stream: if v["stream"] == "stderr" {
                Stream::Stderr
            } else {
                Stream::Stdout
            },
            text: text("text"),
            cell: opt("cell"),
        },
        "wikipedia_page" => EventKind::WikipediaPage {
            lang: text("lang"),
            title: text("title"),
        },
        "cell_started" => EventKind::CellStarted { cell: id("cell") },
        "cell_finished" => EventKind::CellFinished { cell: id("cell") },
        other => panic!("unknown event {other}"),
    };
    Event {
        time: v["t"].as_f64().expect("a time"),
        kind,
    }
}

fn cell(events: &[Event], cell: u64) -> Timeline {
    Timeline::for_cell(events, cell).unwrap_or_else(|| panic!("cell {cell} ran"))
}

/// What the cell printed.
fn stdout(timeline: &Timeline) -> String {
    timeline
        .outputs
        .iter()
        .map(|(_, text)| text.as_str())
        .collect()
}

fn near(got: f64, want: f64, tolerance: f64) -> bool {
    (got - want).abs() <= tolerance
}

fn names(timeline: &Timeline) -> Vec<&str> {
    timeline.lanes.iter().map(|l| l.name.as_str()).collect()
}

/// The `(start, end)` of a lane's segments in `state`.
fn spans(lane: &Lane, want: impl Fn(&SegmentState) -> bool) -> Vec<(f64, f64)> {
    lane.segments
        .iter()
        .filter(|s| want(&s.state))
        .map(|s| (s.start, s.end))
        .collect()
}

fn sleeping(lane: &Lane, what: &str) -> Vec<(f64, f64)> {
    spans(lane, |s| *s == SegmentState::Awaiting(what.into()))
}

fn overlap((a, b): (f64, f64), (c, d): (f64, f64)) -> f64 {
    (b.min(d) - a.max(c)).max(0.0)
}

/// What must hold of any timeline: lanes without gaps from creation to end,
/// inside the timeline; one thing at a time on the loop's thread; blocked
/// intervals in order.
fn check_invariants(t: &Timeline) {
    assert!(t.start <= t.end);
    for lane in &t.lanes {
        for pair in lane.segments.windows(2) {
            assert_eq!(pair[0].end, pair[1].start, "gap in {}", lane.name);
        }
        for s in &lane.segments {
            assert!(s.start < s.end && s.start >= t.start && s.end <= t.end);
        }
        if lane.outcome == Outcome::Running {
            assert_eq!(lane.end(), Some(t.end), "{} pending", lane.name);
        }
    }
    let mut busy: Vec<(f64, f64)> = t
        .lanes
        .iter()
        .flat_map(|l| {
            spans(l, |s| {
                matches!(s, SegmentState::Running | SegmentState::Blocked)
            })
        })
        .collect();
    busy.sort_by(|a, b| a.0.total_cmp(&b.0));
    for pair in busy.windows(2) {
        assert!(pair[0].1 <= pair[1].0, "two tasks ran at once: {pair:?}");
    }
    for pair in t.blocked.windows(2) {
        assert!(pair[0].end <= pair[1].start);
    }
}

#[test]
fn every_fixture_cell_is_well_formed() {
    for (name, cells) in [
        ("course.json", 5),
        ("exercise.json", 6),
        ("background.json", 5),
    ] {
        let events = load(name);
        for id in 1..=cells {
            check_invariants(&cell(&events, id));
        }
        check_invariants(&Timeline::for_run(&events).expect("events"));
        assert_eq!(Timeline::for_cell(&events, cells + 1), None);
    }
}

#[test]
fn course_cell_d_three_sleeps_overlap_after_thirty_blocked_seconds() {
    let events = load("course.json");
    let d = cell(&events, 4);
    assert_eq!(names(&d), ["cell", "Task-1", "Task-2", "Task-3"]);
    assert!(d.lanes.iter().all(|l| l.outcome == Outcome::Done));
    let cell_task = d.lanes[0].task;
    let sleeps: Vec<(f64, f64)> = d.lanes[1..]
        .iter()
        .map(|lane| {
            assert_eq!(lane.parent, Some(cell_task));
            let sleeps = sleeping(lane, "sleep(10)");
            assert_eq!(sleeps.len(), 1, "{}: {:?}", lane.name, lane.segments);
            assert!(near(sleeps[0].1 - sleeps[0].0, 10.0, 0.01));
            sleeps[0]
        })
        .collect();
    for a in &sleeps {
        for b in &sleeps {
            assert!(overlap(*a, *b) > 9.9, "{a:?} and {b:?} overlap");
        }
    }
    // The synchronous half: the cell's task blocks the loop three times 10 s.
    assert_eq!(d.blocked.len(), 3);
    for b in &d.blocked {
        assert_eq!(b.reason, "time.sleep(10.0)");
        assert!(near(b.end - b.start, 10.0, 0.01));
    }
    let cell_lane = &d.lanes[0];
    assert!(near(cell_lane.blocked_time(), 30.0, 0.02));
    let blocked = spans(cell_lane, |s| *s == SegmentState::Blocked);
    let (first, last) = (blocked[0].0, blocked[blocked.len() - 1].1);
    assert!(near(last - first, 30.0, 0.02));
    // ... all of it before the tasks even exist.
    assert!(sleeps.iter().all(|s| s.0 >= last));
    assert!(near(
        sleeping(cell_lane, "gather")
            .iter()
            .map(|s| s.1 - s.0)
            .sum(),
        10.0,
        0.01
    ));

    let s = summary(&d);
    assert!(near(s.wall, 40.0, 0.05));
    assert!(near(s.blocked, 30.0, 0.02));
    assert!(near(s.cpu_running, 30.0, 0.05));
    assert!(near(s.longest_wait, 10.0, 0.01));
    assert!(near(s.total_waits, 30.0, 0.03));

    let c = Comparison::from_cell(&stdout(&d), &d).expect("two durations");
    assert_eq!((c.sync_seconds, c.async_seconds), (30.0, 10.0));
    assert!(near(c.speedup, 3.0, 1e-9));
    assert!(near(c.model.predicted_sync, 30.0, 0.05));
    assert!(near(c.model.predicted_async, 10.0, 0.05));
    assert_eq!(c.model.blocked, 0.0);
    assert_eq!(
        c.explanation(Lang::Fr),
        "L'asynchrone est 3,0× plus rapide : les trois attentes de 10 s se chevauchent."
    );
    assert_eq!(
        c.explanation(Lang::En),
        "Async is 3.0× faster: the three 10 s waits overlap."
    );

    let en = describe(&d, Lang::En);
    assert_eq!(
        en[1],
        "Task-1: ran 0.00 s, waited 10.00 s on sleep(10), done."
    );
    assert!(
        en[0].starts_with("cell: ran 0.00 s, blocked the loop 30.00 s, waited 10.00 s on gather"),
        "{}",
        en[0]
    );
    assert_eq!(
        describe(&d, Lang::Fr)[3],
        "Task-3 : a tourné 0,00 s, a attendu 10,00 s sur sleep(10), terminée."
    );
}

#[test]
fn course_cell_e_computations_never_overlap() {
    let events = load("course.json");
    let e = cell(&events, 5);
    assert_eq!(names(&e), ["cell", "Task-4", "Task-5", "Task-6"]);
    let (sleeper, first, second) = (&e.lanes[1], &e.lanes[2], &e.lanes[3]);
    let sleep = sleeping(sleeper, "sleep(10)");
    assert_eq!(sleep.len(), 1);
    assert!(near(sleep[0].1 - sleep[0].0, 10.0, 0.01));
    // Each computation takes real time; they follow one another, both while
    // Task-4 sleeps.
    let running = |lane: &Lane| spans(lane, |s| *s == SegmentState::Running);
    assert!(first.running_time() > 0.01 && second.running_time() > 0.01);
    for a in running(first) {
        for b in running(second) {
            assert_eq!(overlap(a, b), 0.0, "{a:?} and {b:?}");
        }
        assert!(overlap(a, sleep[0]) > 0.0);
    }
    for b in running(second) {
        assert!(b.0 >= sleep[0].0 && b.1 <= sleep[0].1);
    }
    // The cell awaited Task-4 only: Task-5 and Task-6 were done by then.
    assert_eq!(e.lanes[0].waits().len(), 1);
    assert_eq!(e.lanes[0].waits()[0].0, "task Task-4");

    let c = Comparison::from_cell(&stdout(&e), &e).expect("two durations");
    assert_eq!(c.async_seconds, 10.0);
    assert!(c.sync_seconds > 10.0);
    assert!(near(c.model.predicted_async, c.async_seconds, 0.05));
    // The two halves compute the same, at slightly different speeds.
    assert!(near(
        c.model.predicted_sync,
        c.sync_seconds,
        0.05 * c.sync_seconds
    ));
    assert!(near(c.model.hidden(), c.model.busy, 0.01));
    let fr = c.explanation(Lang::Fr);
    assert!(fr.starts_with("L'asynchrone est 1,"), "{fr}");
    assert!(
        fr.ends_with("s) se font pendant l'attente de 10 s."),
        "{fr}"
    );
    let en = c.explanation(Lang::En);
    assert!(en.ends_with("s) run during the 10 s wait."), "{en}");
}

#[test]
fn course_cells_without_a_comparison() {
    let events = load("course.json");
    for id in 1..=3 {
        let t = cell(&events, id);
        assert_eq!(names(&t), ["cell"]);
        assert_eq!(Comparison::from_cell(&stdout(&t), &t), None);
    }
    // Cell (c) printed from its coroutine.
    assert_eq!(stdout(&cell(&events, 3)), "Nous essayons les coroutines.\n");
}

#[test]
fn exercise_versions_against_cell_f() {
    let events = load("exercise.json");
    let f = cell(&events, 2);
    assert_eq!(names(&f), ["cell"]);
    assert_eq!(f.blocked.len(), 6);
    let sync = stdout(&f);
    let compare = |id: u64| {
        let t = cell(&events, id);
        let c = Comparison::from_runs(&sync, &stdout(&t), &t).expect("durations");
        assert_eq!(c.sync_seconds, 19.5);
        assert!(near(c.model.predicted_sync, 19.5, 0.05), "{c:?}");
        assert!(
            near(c.model.predicted_async, c.async_seconds, 0.05),
            "{c:?}"
        );
        (t, c)
    };

    // The course's solution: sleeps overlap, blocking requests follow them.
    let (t, c) = compare(3);
    assert_eq!(c.async_seconds, 7.5);
    assert_eq!(names(&t), ["cell", "Task-1", "Task-2", "Task-3"]);
    // Task-2 and Task-3 wake at 6 s, but Task-1's request blocks the loop.
    assert!(near(t.lanes[3].ready_time(), 1.0, 0.01));
    assert_eq!(
        c.explanation(Lang::Fr),
        "L'asynchrone est 2,6× plus rapide : les trois attentes de 6 s se chevauchent ; 1,5 s \
         de calcul ou d'appels bloquants s'y ajoutent."
    );

    // Requests in threads: they overlap too.
    let (t, c) = compare(4);
    assert_eq!(c.async_seconds, 6.5);
    assert_eq!(sleeping(&t.lanes[1], "thread: summary()").len(), 1);
    assert!(near(summary(&t).longest_wait, 6.0, 0.01));
    assert_eq!(
        c.explanation(Lang::En),
        "Async is 3.0× faster: the three 6.5 s waits overlap."
    );

    // time.sleep inside the coroutines.
    let (_, c) = compare(5);
    assert_eq!(c.async_seconds, 19.5);
    assert_eq!(c.model.wait_count, 0);
    assert_eq!(
        c.explanation(Lang::En),
        "Async takes as long: the loop stays blocked for 19.5 s, and time.sleep or blocking \
         calls cannot overlap."
    );

    // Coroutines awaited one after the other.
    let (t, c) = compare(6);
    assert_eq!(names(&t), ["cell"]);
    assert_eq!(c.model.wait_count, 3);
    assert_eq!(
        c.explanation(Lang::Fr),
        "L'asynchrone prend autant de temps : les attentes se suivent au lieu de se chevaucher."
    );
}

#[test]
fn background_tasks_outlive_their_cell() {
    let events = load("background.json");
    let first = cell(&events, 1);
    assert_eq!(names(&first), ["cell", "Task-1", "Task-2", "Task-3"]);
    let outcomes: Vec<&Outcome> = first.lanes.iter().map(|l| &l.outcome).collect();
    assert_eq!(
        outcomes,
        [
            &Outcome::Done,
            &Outcome::Done,
            &Outcome::Failed("ValueError".into()),
            &Outcome::Cancelled
        ]
    );
    // The ticker printed into cell 1 until 4.5 s, long after the cell ended.
    let ticks: Vec<&str> = first.outputs.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(ticks, ["started\n", "tick 0\n", "tick 1\n", "tick 2\n"]);
    assert!(near(first.end, 4.5, 0.05));
    // Cell 2's time.sleep(2.5) blocked the loop while the ticker slept: its
    // first sleep ended at 1 s, and it was ready until the loop was free.
    assert_eq!(first.blocked.len(), 1);
    assert_eq!(first.blocked[0].reason, "time.sleep(2.5)");
    let ticker = &first.lanes[1];
    let sleeps = sleeping(ticker, "sleep(1)");
    assert_eq!(sleeps.len(), 3);
    assert!(near(sleeps[0].1 - sleeps[0].0, 1.0, 1e-3));
    assert!(near(ticker.ready_time(), 1.5, 0.01));
    assert!(near(first.lanes[2].ready_time(), 2.4, 0.01));
    // The cancelled task woke only to be cancelled.
    assert!(near(
        sleeping(&first.lanes[3], "sleep(100)")[0].1,
        2.51,
        0.01
    ));

    let second = cell(&events, 2);
    assert_eq!(names(&second), ["cell"]);
    assert!(near(second.lanes[0].blocked_time(), 2.5, 1e-3));

    let fourth = cell(&events, 4);
    assert_eq!(names(&fourth), ["cell", "child"]);
    assert_eq!(fourth.lanes[1].parent, Some(fourth.lanes[0].task));
    assert!(near(
        sleeping(&fourth.lanes[0], "task child")
            .iter()
            .map(|s| s.1 - s.0)
            .sum(),
        1.0,
        0.01
    ));

    let last = cell(&events, 5);
    assert_eq!(last.lanes[1].outcome, Outcome::Running);
    assert_eq!(
        describe(&last, Lang::En)[1],
        "Task-5: ran 0.00 s, still running."
    );
    let later = Timeline::for_cell_at(&events, 5, 10.0).expect("cell 5");
    assert_eq!(later.end, 10.0);
    assert!(near(later.lanes[1].waits()[0].1, 5.49, 0.01));
}

/// Feeds a heartbeat the events up to `now` and asks it.
fn heartbeat_at(events: &[Event], now: f64) -> HeartbeatStatus {
    let mut h = Heartbeat::new();
    h.observe_all(events.iter().filter(|e| e.time <= now));
    h.status(now)
}

#[test]
fn heartbeat_over_the_course() {
    let events = load("course.json");
    // Cell (d)'s synchronous half.
    let status = heartbeat_at(&events, 15.0);
    let HeartbeatStatus::Blocked {
        since,
        for_seconds,
        reason,
    } = &status
    else {
        panic!("blocked at 15 s, not {status:?}");
    };
    assert!(near(*since, 0.0025, 0.001));
    assert!(near(*for_seconds, 15.0, 0.01));
    assert_eq!(reason, "time.sleep(10.0)");
    assert_eq!(status.label(Lang::Fr), "boucle bloquée depuis 15,0 s");
    // Its asynchronous half: free while the tasks sleep, beating.
    let HeartbeatStatus::Free { beats } = heartbeat_at(&events, 35.0) else {
        panic!("free at 35 s");
    };
    assert!((9..=11).contains(&beats), "{beats}");
    // Cell (e)'s Task-5 computes without awaiting: the loop is blocked once
    // its step has run for longer than SLOW_STEP.
    let e = cell(&events, 5);
    let computing = spans(&e.lanes[2], |s| *s == SegmentState::Running);
    let (start, end) = computing[computing.len() - 1];
    assert!(end - start > 0.12, "{computing:?}");
    let status = heartbeat_at(&events, start + 0.05);
    assert!(matches!(status, HeartbeatStatus::Free { .. }), "{status:?}");
    let status = heartbeat_at(&events, start + 0.11);
    assert!(
        matches!(&status, HeartbeatStatus::Blocked { reason, .. } if reason == "Task-5"),
        "{status:?}"
    );
    // Between cells, and after the last: nothing pending.
    let between = (cell(&events, 4).end + e.start) / 2.0;
    assert_eq!(heartbeat_at(&events, between), HeartbeatStatus::Idle);
    assert_eq!(heartbeat_at(&events, 70.0), HeartbeatStatus::Idle);
}

#[test]
fn heartbeat_with_background_tasks() {
    let events = load("background.json");
    let status = heartbeat_at(&events, 1.0);
    assert!(
        matches!(&status, HeartbeatStatus::Blocked { reason, .. } if reason == "time.sleep(2.5)"),
        "{status:?}"
    );
    assert_eq!(status.label(Lang::En), "loop blocked for 1.0 s");
    // The leftover sleep(50) keeps the loop busy after the last cell.
    assert!(matches!(
        heartbeat_at(&events, 20.0),
        HeartbeatStatus::Free { .. }
    ));
}

/// Executes `source` to its end, skipping waits, collecting the kernel's
/// events; returns its execution count.
fn run(kernel: &mut Kernel, source: &str, events: &mut Vec<Event>) -> u32 {
    let count = kernel.execute(source);
    let mut steps = 0;
    while kernel.is_running() && steps < 10_000 {
        steps += 1;
        match kernel.step(1_000_000) {
            StepOutcome::Idle { wake_at: Some(t) } => {
                let aio = &mut kernel.runtime().interp.aio;
                let now = aio.now();
                aio.skipped += (t - now).max(0.0);
            }
            StepOutcome::Idle { wake_at: None } => kernel.interrupt(),
            StepOutcome::Busy => {}
        }
    }
    events.extend(kernel.take_timeline());
    count
}

/// The kernel's own event stream, live, gives the same timeline for (d).
#[test]
fn a_live_kernel_timeline() {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../awaitable-python/tests/corpus/notebooks/course.ipynb"),
    )
    .expect("course notebook");
    let notebook = awaitable_notebook::ipynb::parse(&source).expect("parses");
    let d = notebook
        .cells
        .iter()
        .filter_map(|c| match c {
            awaitable_notebook::ipynb::Cell::Code(code) => Some(code.source.clone()),
            _ => None,
        })
        .nth(3)
        .expect("cell (d)");
    let mut kernel = Kernel::new(Box::new(FrozenClock::default()));
    let mut events = Vec::new();
    // A syntax error first: execution counts and cell ids part ways.
    assert_eq!(run(&mut kernel, "x = (", &mut events), 1);
    assert_eq!(kernel.cell_id(1), None);
    run(&mut kernel, "import asyncio, time", &mut events);
    let count = run(&mut kernel, &d, &mut events);
    assert_eq!(count, 3);
    assert_eq!(kernel.cell_id(2), Some(1));
    let id = kernel.cell_id(count).expect("cell (d) compiled");
    assert_eq!(id, 2);
    assert_eq!(kernel.cell_id(4), None);
    assert_eq!(kernel.cell_id(0), None);
    let t = cell(&events, id);
    check_invariants(&t);
    assert_eq!(names(&t), ["cell", "Task-1", "Task-2", "Task-3"]);
    assert!(near(t.lanes[0].blocked_time(), 30.0, 1e-3));
    for lane in &t.lanes[1..] {
        assert_eq!(sleeping(lane, "sleep(10)").len(), 1);
    }
    let c = Comparison::from_cell(&stdout(&t), &t).expect("two durations");
    assert_eq!((c.sync_seconds, c.async_seconds), (30.0, 10.0));
}
