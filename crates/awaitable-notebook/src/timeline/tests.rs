//! Timelines from hand-built event lists.

use awaitable_python::events::{Event, EventKind};
use awaitable_python::interp::Stream;

use super::*;

fn at(time: f64, kind: EventKind) -> Event {
    Event { time, kind }
}

fn cell_started(time: f64, cell: u64) -> Event {
    at(time, EventKind::CellStarted { cell })
}

fn cell_finished(time: f64, cell: u64) -> Event {
    at(time, EventKind::CellFinished { cell })
}

/// The task that runs cell `cell`.
fn cell_task(time: f64, task: u64, cell: u64) -> Event {
    at(
        time,
        EventKind::TaskCreated {
            task,
            name: format!("Cell-{cell}"),
            parent: None,
            cell: Some(cell),
        },
    )
}

fn created(time: f64, task: u64, name: &str, parent: u64) -> Event {
    at(
        time,
        EventKind::TaskCreated {
            task,
            name: name.into(),
            parent: Some(parent),
            cell: None,
        },
    )
}

fn running(time: f64, task: u64) -> Event {
    at(time, EventKind::TaskRunning { task })
}

fn awaiting(time: f64, task: u64, what: &str) -> Event {
    at(
        time,
        EventKind::TaskAwaiting {
            task,
            what: what.into(),
        },
    )
}

fn done(time: f64, task: u64) -> Event {
    at(time, EventKind::TaskDone { task })
}

fn blocked(time: f64, reason: &str) -> Event {
    at(
        time,
        EventKind::LoopBlocked {
            reason: reason.into(),
        },
    )
}

fn unblocked(time: f64) -> Event {
    at(time, EventKind::LoopUnblocked)
}

fn output(time: f64, text: &str, cell: u64) -> Event {
    at(
        time,
        EventKind::Output {
            stream: Stream::Stdout,
            text: text.into(),
            cell: Some(cell),
        },
    )
}

fn seg(start: f64, end: f64, state: SegmentState) -> Segment {
    Segment { start, end, state }
}

fn wait(what: &str) -> SegmentState {
    SegmentState::Awaiting(what.into())
}

use SegmentState::{Blocked, Ready, Running};

/// A cell that gathers two tasks sleeping 1 s and 2 s.
fn gather_cell() -> Vec<Event> {
    vec![
        cell_started(0.0, 1),
        cell_task(0.0, 10, 1),
        running(0.5, 10),
        created(1.0, 11, "Task-1", 10),
        created(1.5, 12, "Task-2", 10),
        awaiting(2.0, 10, "gather"),
        running(2.0, 11),
        awaiting(2.5, 11, "sleep(1)"),
        running(2.5, 12),
        awaiting(3.0, 12, "sleep(2)"),
        running(3.5, 11),
        output(3.75, "one\n", 1),
        done(4.0, 11),
        running(5.0, 12),
        done(5.5, 12),
        running(6.0, 10),
        done(6.5, 10),
        cell_finished(6.5, 1),
    ]
}

#[test]
fn lanes_follow_each_task() {
    let t = Timeline::for_cell(&gather_cell(), 1).expect("cell 1 started");
    assert_eq!((t.start, t.end), (0.0, 6.5));
    let names: Vec<&str> = t.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["cell", "Task-1", "Task-2"]);
    let cell = &t.lanes[0];
    assert!(cell.is_cell);
    assert_eq!(cell.parent, None);
    assert_eq!(
        cell.segments,
        [
            seg(0.0, 0.5, Ready),
            seg(0.5, 2.0, Running),
            seg(2.0, 6.0, wait("gather")),
            seg(6.0, 6.5, Running),
        ]
    );
    assert_eq!(cell.outcome, Outcome::Done);
    let one = &t.lanes[1];
    assert_eq!(one.parent, Some(10));
    assert!(!one.is_cell);
    // sleep(1) from 2.5 wakes at 3.5, when it runs: no ready time.
    assert_eq!(
        one.segments,
        [
            seg(1.0, 2.0, Ready),
            seg(2.0, 2.5, Running),
            seg(2.5, 3.5, wait("sleep(1)")),
            seg(3.5, 4.0, Running),
        ]
    );
    // sleep(2) from 3.0 wakes at 5.0.
    assert_eq!(
        t.lanes[2].segments,
        [
            seg(1.5, 2.5, Ready),
            seg(2.5, 3.0, Running),
            seg(3.0, 5.0, wait("sleep(2)")),
            seg(5.0, 5.5, Running),
        ]
    );
    assert_eq!(t.outputs, [(3.75, "one\n".to_string())]);
    assert!(t.blocked.is_empty());
}

#[test]
fn blocking_splits_running_segments() {
    let events = vec![
        cell_started(0.0, 1),
        cell_task(0.0, 1, 1),
        running(0.0, 1),
        blocked(1.0, "time.sleep(2.0)"),
        unblocked(3.0),
        blocked(4.0, "fetch https://fr.wikipedia.org"),
        unblocked(4.5),
        done(5.0, 1),
        cell_finished(5.0, 1),
    ];
    let t = Timeline::for_cell(&events, 1).expect("timeline");
    assert_eq!(
        t.lanes[0].segments,
        [
            seg(0.0, 1.0, Running),
            seg(1.0, 3.0, Blocked),
            seg(3.0, 4.0, Running),
            seg(4.0, 4.5, Blocked),
            seg(4.5, 5.0, Running),
        ]
    );
    assert_eq!(
        t.blocked,
        [
            Interval {
                start: 1.0,
                end: 3.0,
                reason: "time.sleep(2.0)".into()
            },
            Interval {
                start: 4.0,
                end: 4.5,
                reason: "fetch https://fr.wikipedia.org".into()
            },
        ]
    );
    let s = summary(&t);
    assert_eq!(s.wall, 5.0);
    assert_eq!(s.cpu_running, 5.0);
    assert_eq!(s.blocked, 2.5);
    assert_eq!((s.longest_wait, s.total_waits), (0.0, 0.0));
}

#[test]
fn a_task_woken_while_the_loop_is_blocked_is_ready_until_it_runs() {
    // Task-1 sleeps 1 s from 0.1; the cell blocks the loop from 0.2 to 3.
    let events = vec![
        cell_started(0.0, 1),
        cell_task(0.0, 1, 1),
        running(0.0, 1),
        created(0.05, 2, "Task-1", 1),
        awaiting(0.1, 1, "sleep(0)"),
        running(0.1, 2),
        awaiting(0.1, 2, "sleep(1)"),
        running(0.2, 1),
        blocked(0.2, "time.sleep(2.8)"),
        unblocked(3.0),
        done(3.0, 1),
        cell_finished(3.0, 1),
        running(3.0, 2),
        done(3.5, 2),
    ];
    let t = Timeline::for_cell(&events, 1).expect("timeline");
    // The task outlives the cell: the timeline goes on to its end.
    assert_eq!(t.end, 3.5);
    let task = t.lane(2).expect("Task-1's lane");
    assert_eq!(
        task.segments,
        [
            seg(0.05, 0.1, Ready),
            seg(0.1, 1.1, wait("sleep(1)")),
            seg(1.1, 3.0, Ready),
            seg(3.0, 3.5, Running),
        ]
    );
    assert_eq!(t.lanes[0].segments.last(), Some(&seg(0.2, 3.0, Blocked)));
    let s = summary(&t);
    assert!((s.longest_wait - 1.0).abs() < 1e-9);
    // sleep(0) and sleep(1): both external waits.
    assert!((s.total_waits - 1.1).abs() < 1e-9);
}

#[test]
fn awaiting_a_task_ends_when_it_finishes() {
    let events = vec![
        cell_started(0.0, 1),
        cell_task(0.0, 1, 1),
        running(0.0, 1),
        created(0.0, 2, "worker", 1),
        created(0.0, 3, "Task-2", 1),
        awaiting(0.0, 1, "task worker"),
        running(0.0, 2),
        awaiting(0.0, 2, "lock"),
        running(0.0, 3),
        blocked(0.0, "time.sleep(1.0)"),
        unblocked(1.0),
        awaiting(1.0, 3, "future"),
        running(1.0, 2),
        done(2.0, 2),
        // Task-2 keeps the loop busy until 3: the cell is ready meanwhile.
        running(2.0, 3),
        done(3.0, 3),
        running(3.0, 1),
        done(3.0, 1),
        cell_finished(3.0, 1),
    ];
    let t = Timeline::for_cell(&events, 1).expect("timeline");
    assert_eq!(
        t.lanes[0].segments,
        [seg(0.0, 2.0, wait("task worker")), seg(2.0, 3.0, Ready)]
    );
    // A lock has no known wake: it lasts until the task runs.
    assert_eq!(t.lanes[1].segments[0], seg(0.0, 1.0, wait("lock")));
    assert_eq!(t.lanes[1].name, "worker");
    let s = summary(&t);
    assert_eq!((s.longest_wait, s.total_waits), (0.0, 0.0));
}

#[test]
fn awaiting_a_thread_ends_when_the_thread_finishes() {
    let events = vec![
        cell_started(0.0, 1),
        cell_task(0.0, 1, 1),
        running(0.0, 1),
        awaiting(0.5, 1, "thread: summary()"),
        at(
            0.5,
            EventKind::ThreadStarted {
                thread: 1,
                name: "thread: summary()".into(),
            },
        ),
        at(2.0, EventKind::ThreadFinished { thread: 1 }),
        running(2.25, 1),
        done(2.5, 1),
        cell_finished(2.5, 1),
    ];
    let t = Timeline::for_cell(&events, 1).expect("timeline");
    assert_eq!(
        t.lanes[0].segments,
        [
            seg(0.0, 0.5, Running),
            seg(0.5, 2.0, wait("thread: summary()")),
            seg(2.0, 2.25, Ready),
            seg(2.25, 2.5, Running),
        ]
    );
    assert_eq!(summary(&t).longest_wait, 1.5);
}

#[test]
fn a_yield_makes_the_task_ready() {
    let events = vec![
        cell_started(0.0, 1),
        cell_task(0.0, 1, 1),
        running(0.0, 1),
        at(1.0, EventKind::TaskYielded { task: 1 }),
        running(2.0, 1),
        done(3.0, 1),
        cell_finished(3.0, 1),
    ];
    let t = Timeline::for_cell(&events, 1).expect("timeline");
    assert_eq!(
        t.lanes[0].segments,
        [
            seg(0.0, 1.0, Running),
            seg(1.0, 2.0, Ready),
            seg(2.0, 3.0, Running)
        ]
    );
}

#[test]
fn outcomes() {
    let events = vec![
        cell_started(0.0, 1),
        cell_task(0.0, 1, 1),
        running(0.0, 1),
        created(0.0, 2, "Task-1", 1),
        created(0.0, 3, "Task-2", 1),
        created(0.0, 4, "Task-3", 1),
        done(0.5, 1),
        cell_finished(0.5, 1),
        running(0.5, 2),
        at(
            1.0,
            EventKind::TaskFailed {
                task: 2,
                error: "ValueError".into(),
            },
        ),
        running(1.0, 3),
        at(1.5, EventKind::TaskCancelled { task: 3 }),
        running(1.5, 4),
        awaiting(2.0, 4, "sleep(50)"),
    ];
    let t = Timeline::for_cell(&events, 1).expect("timeline");
    let outcomes: Vec<&Outcome> = t.lanes.iter().map(|l| &l.outcome).collect();
    assert_eq!(
        outcomes,
        [
            &Outcome::Done,
            &Outcome::Failed("ValueError".into()),
            &Outcome::Cancelled,
            &Outcome::Running
        ]
    );
    assert_eq!(t.end, 2.0);
    // Still pending: its await, starting at the end, is empty until `now`.
    assert_eq!(t.lanes[3].segments.last(), Some(&seg(1.5, 2.0, Running)));
    let later = Timeline::for_cell_at(&events, 1, 10.0).expect("timeline");
    assert_eq!(later.end, 10.0);
    assert_eq!(
        later.lanes[3].segments.last(),
        Some(&seg(2.0, 10.0, wait("sleep(50)")))
    );
    // `now` before the last event changes nothing.
    assert_eq!(Timeline::for_cell_at(&events, 1, 1.0), Some(t.clone()));
    assert_eq!(Timeline::for_cell_at(&events, 1, f64::NAN), Some(t));
    // Past the sleep's end, a pending task is ready.
    let much_later = Timeline::for_cell_at(&events, 1, 60.0).expect("timeline");
    assert_eq!(
        much_later.lanes[3].segments[2..],
        [seg(2.0, 52.0, wait("sleep(50)")), seg(52.0, 60.0, Ready)]
    );
}

#[test]
fn only_the_cells_tasks_and_output() {
    let events = vec![
        // Cell 1 leaves a ticker running.
        cell_started(0.0, 1),
        cell_task(0.0, 1, 1),
        running(0.0, 1),
        created(0.0, 2, "Task-1", 1),
        done(0.0, 1),
        cell_finished(0.0, 1),
        running(0.0, 2),
        awaiting(0.0, 2, "sleep(1)"),
        // Cell 2 starts a task of its own, which starts another.
        cell_started(0.5, 2),
        cell_task(0.5, 3, 2),
        running(0.5, 3),
        created(0.5, 4, "Task-2", 3),
        awaiting(0.5, 3, "task Task-2"),
        running(0.5, 4),
        created(0.5, 5, "grandchild", 4),
        awaiting(0.5, 4, "task grandchild"),
        running(0.5, 5),
        output(0.6, "from cell 2\n", 2),
        awaiting(0.6, 5, "sleep(1)"),
        running(1.0, 2),
        output(1.0, "tick\n", 1),
        done(1.0, 2),
        running(1.6, 5),
        done(1.6, 5),
        running(1.6, 4),
        done(1.6, 4),
        running(1.6, 3),
        done(1.7, 3),
        cell_finished(1.7, 2),
    ];
    let second = Timeline::for_cell(&events, 2).expect("cell 2");
    let tasks: Vec<u64> = second.lanes.iter().map(|l| l.task).collect();
    assert_eq!(tasks, [3, 4, 5]);
    assert_eq!(second.lanes[2].parent, Some(4));
    assert_eq!(second.outputs, [(0.6, "from cell 2\n".to_string())]);
    assert_eq!((second.start, second.end), (0.5, 1.7));
    // Cell 1's timeline goes on while its ticker runs.
    let first = Timeline::for_cell(&events, 1).expect("cell 1");
    assert_eq!(first.lanes.len(), 2);
    assert_eq!(first.end, 1.0);
    assert_eq!(first.outputs, [(1.0, "tick\n".to_string())]);
    assert_eq!(Timeline::for_cell(&events, 3), None);
    // The whole run: every task.
    let run = Timeline::for_run(&events).expect("events");
    assert_eq!(run.lanes.len(), 5);
    assert_eq!(run.lanes[0].name, "Cell-1");
    assert_eq!((run.start, run.end), (0.0, 1.7));
    assert_eq!(run.outputs.len(), 2);
    assert_eq!(Timeline::for_run(&[]), None);
}

#[test]
fn odd_times_do_not_break_it() {
    let events = vec![
        cell_started(1.0, 1),
        cell_task(1.0, 1, 1),
        running(f64::NAN, 1),
        running(2.0, 1),
        // The clock went back: read as no time passing.
        awaiting(1.5, 1, "sleep(nan)"),
        running(f64::INFINITY, 1),
        running(3.0, 1),
        done(3.0, 1),
        cell_finished(3.0, 1),
    ];
    let t = Timeline::for_cell(&events, 1).expect("timeline");
    assert_eq!(
        t.lanes[0].segments,
        [seg(1.0, 2.0, Ready), seg(2.0, 3.0, wait("sleep(nan)"))]
    );
    for lane in &t.lanes {
        for s in &lane.segments {
            assert!(s.end > s.start);
        }
    }
    let mut stuck = events[..2].to_vec();
    stuck.push(blocked(2.0, "time.sleep(10.0)"));
    let t = Timeline::for_cell_at(&stuck, 1, 4.0).expect("timeline");
    assert_eq!(t.blocked.len(), 1);
    assert_eq!((t.blocked[0].start, t.blocked[0].end), (2.0, 4.0));
    // Ready from creation: the cell's task never ran.
    assert_eq!(t.lanes[0].segments, [seg(1.0, 4.0, Ready)]);
}

#[test]
fn clip_keeps_a_window() {
    let t = Timeline::for_cell(&gather_cell(), 1).expect("timeline");
    let part = t.clip(3.0, 4.5);
    assert_eq!((part.start, part.end), (3.0, 4.5));
    assert_eq!(part.lanes.len(), 3);
    assert_eq!(part.lanes[0].segments, [seg(3.0, 4.5, wait("gather"))]);
    assert_eq!(part.lanes[0].outcome, Outcome::Running);
    assert_eq!(part.lanes[1].outcome, Outcome::Done);
    assert_eq!(part.outputs.len(), 1);
    let later = t.clip(4.5, f64::NAN);
    assert_eq!((later.start, later.end), (4.5, 6.5));
    let names: Vec<&str> = later.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["cell", "Task-2"]);
    let empty = t.clip(7.0, 8.0);
    assert_eq!((empty.start, empty.end), (7.0, 7.0));
    assert!(empty.lanes.is_empty());
}

#[test]
fn summary_of_overlapping_waits() {
    let t = Timeline::for_cell(&gather_cell(), 1).expect("timeline");
    let s = summary(&t);
    assert_eq!(s.wall, 6.5);
    // Cell 0.5..2 and 6..6.5, Task-1 2..2.5 and 3.5..4, Task-2 2.5..3 and 5..5.5.
    assert_eq!(s.cpu_running, 4.0);
    assert_eq!(s.blocked, 0.0);
    assert_eq!(s.longest_wait, 2.0);
    assert_eq!(s.total_waits, 3.0);
}

#[test]
fn describe_each_lane() {
    let t = Timeline::for_cell(&gather_cell(), 1).expect("timeline");
    assert_eq!(
        describe(&t, Lang::En),
        [
            "cell: ran 2.00 s, waited 4.00 s on gather, waited its turn 0.50 s, done.",
            "Task-1: ran 1.00 s, waited 1.00 s on sleep(1), waited its turn 1.00 s, done.",
            "Task-2: ran 1.00 s, waited 2.00 s on sleep(2), waited its turn 1.00 s, done.",
        ]
    );
    assert_eq!(
        describe(&t, Lang::Fr)[1],
        "Task-1 : a tourné 1,00 s, a attendu 1,00 s sur sleep(1), a attendu son tour 1,00 s, \
         terminée."
    );
    let lane = Lane {
        task: 7,
        name: "Task-7".into(),
        parent: Some(1),
        is_cell: false,
        segments: vec![
            seg(0.0, 10.0, wait("sleep(10)")),
            seg(10.0, 12.0, Blocked),
            seg(12.0, 12.5, wait("task Task-8")),
            seg(12.5, 13.0, wait("sleep(10)")),
        ],
        outcome: Outcome::Failed("ValueError".into()),
    };
    assert_eq!(
        describe_lane(&lane, Lang::En),
        "Task-7: ran 0.00 s, blocked the loop 2.00 s, waited 10.50 s on sleep(10) and 0.50 s on \
         task Task-8, failed (ValueError)."
    );
    assert_eq!(
        describe_lane(&lane, Lang::Fr),
        "Task-7 : a tourné 0,00 s, a bloqué la boucle 2,00 s, a attendu 10,50 s sur sleep(10) et \
         0,50 s sur task Task-8, en échec (ValueError)."
    );
    let cell = Lane {
        is_cell: true,
        name: "cell".into(),
        outcome: Outcome::Running,
        segments: Vec::new(),
        ..lane.clone()
    };
    assert_eq!(
        describe_lane(&cell, Lang::Fr),
        "cellule : a tourné 0,00 s, toujours en cours."
    );
    let cancelled = Lane {
        outcome: Outcome::Cancelled,
        segments: Vec::new(),
        ..lane
    };
    assert_eq!(
        describe_lane(&cancelled, Lang::En),
        "Task-7: ran 0.00 s, cancelled."
    );
}

#[test]
fn numbers_in_both_languages() {
    assert_eq!(format_number(2.345, 1, Lang::Fr), "2,3");
    assert_eq!(format_number(2.35, 2, Lang::En), "2.35");
    assert_eq!(format_number(-0.0001, 2, Lang::En), "0.00");
    assert_eq!(format_number(-1.5, 1, Lang::Fr), "-1,5");
    assert_eq!(format_number(f64::NAN, 2, Lang::Fr), "0,00");
    assert_eq!(format_number(f64::INFINITY, 0, Lang::En), "0");
    assert_eq!(format_number(30.0, 0, Lang::En), "30");
}

#[test]
fn nice_ticks() {
    assert_eq!(
        axis_ticks(0.0, 30.0, 7),
        [0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0]
    );
    assert_eq!(axis_ticks(0.0, 40.0025, 6), [0.0, 10.0, 20.0, 30.0, 40.0]);
    assert_eq!(axis_ticks(0.0, 1.0, 5), [0.0, 0.5, 1.0]);
    assert_eq!(
        axis_ticks(0.0, 1.0, 11),
        [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    );
    assert_eq!(
        axis_ticks(0.3, 0.9, 10),
        [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    );
    assert_eq!(
        axis_ticks(50.595, 60.596, 6),
        [52.0, 54.0, 56.0, 58.0, 60.0]
    );
    assert_eq!(axis_ticks(-3.0, 3.0, 4), [-2.0, 0.0, 2.0]);
    assert_eq!(axis_ticks(0.0, 1e-4, 3), [0.0, 5e-5, 1e-4]);
    assert_eq!(axis_ticks(0.0, 2e6, 3), [0.0, 1e6, 2e6]);
    assert_eq!(axis_ticks(0.0, 10.0, 1), [0.0]);
    assert_eq!(axis_ticks(5.0, 5.0, 4), [5.0]);
    assert!(axis_ticks(1.0, 0.0, 4).is_empty());
    assert!(axis_ticks(0.0, 1.0, 0).is_empty());
    assert!(axis_ticks(f64::NAN, 1.0, 4).is_empty());
    assert!(axis_ticks(0.0, f64::INFINITY, 4).is_empty());
    assert!(axis_ticks(-f64::MAX, f64::MAX, 4).is_empty());
    for (start, end, max) in [
        (0.0, 7.3, 8),
        (12.5, 13.0, 4),
        (0.002, 72.5, 10),
        (1e9, 1e9 + 1.0, 3),
    ] {
        let ticks = axis_ticks(start, end, max);
        assert!(
            !ticks.is_empty() && ticks.len() <= max,
            "{start}..{end}: {ticks:?}"
        );
        assert!(ticks.iter().all(|t| *t >= start && *t <= end), "{ticks:?}");
    }
    // At most MAX_TICKS.
    assert_eq!(axis_ticks(0.0, 1.0, usize::MAX).len(), 501);
}
