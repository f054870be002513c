//! The heartbeat fed with hand-built events.

use awaitable_python::events::{Event, EventKind};

use super::*;

fn at(time: f64, kind: EventKind) -> Event {
    Event { time, kind }
}

fn created(time: f64, task: u64, name: &str, cell: Option<u64>) -> Event {
    at(
        time,
        EventKind::TaskCreated {
            task,
            name: name.into(),
            parent: None,
            cell,
        },
    )
}

fn running(time: f64, task: u64) -> Event {
    at(time, EventKind::TaskRunning { task })
}

fn awaiting(time: f64, task: u64) -> Event {
    at(
        time,
        EventKind::TaskAwaiting {
            task,
            what: "sleep(1)".into(),
        },
    )
}

fn done(time: f64, task: u64) -> Event {
    at(time, EventKind::TaskDone { task })
}

fn blocked(time: f64) -> Event {
    at(
        time,
        EventKind::LoopBlocked {
            reason: "time.sleep(10.0)".into(),
        },
    )
}

fn beats(status: HeartbeatStatus) -> u64 {
    match status {
        HeartbeatStatus::Free { beats } => beats,
        other => panic!("expected a free loop, got {other:?}"),
    }
}

#[test]
fn idle_until_a_task_is_pending() {
    let mut h = Heartbeat::new();
    assert_eq!(h.status(0.0), HeartbeatStatus::Idle);
    assert_eq!(h.status(f64::NAN), HeartbeatStatus::Idle);
    h.observe(&created(1.0, 1, "Cell-1", Some(1)));
    assert_eq!(h.status(1.0), HeartbeatStatus::Free { beats: 0 });
    h.observe(&running(1.0, 1));
    h.observe(&awaiting(1.01, 1));
    // 1.01 s free at 2.02: two beats of 0.5 s.
    assert_eq!(beats(h.status(2.02)), 2);
    h.observe(&running(2.02, 1));
    h.observe(&done(2.03, 1));
    assert_eq!(h.status(5.0), HeartbeatStatus::Idle);
    assert_eq!(HeartbeatStatus::Idle.label(Lang::Fr), "boucle au repos");
    assert_eq!(HeartbeatStatus::Idle.label(Lang::En), "loop idle");
}

#[test]
fn a_blocking_call_stops_the_beats() {
    let mut h = Heartbeat::new();
    h.observe_all(&[
        created(0.0, 1, "Task-1", None),
        running(0.0, 1),
        awaiting(0.0, 1),
        created(1.0, 2, "Task-2", None),
        running(1.0, 2),
        blocked(1.0),
    ]);
    let status = h.status(3.3);
    let HeartbeatStatus::Blocked {
        since,
        for_seconds,
        reason,
    } = &status
    else {
        panic!("expected a blocked loop, got {status:?}");
    };
    assert_eq!(*since, 1.0);
    assert!((for_seconds - 2.3).abs() < 1e-9);
    assert_eq!(reason, "time.sleep(10.0)");
    assert_eq!(status.label(Lang::Fr), "boucle bloquée depuis 2,3 s");
    assert_eq!(status.label(Lang::En), "loop blocked for 2.3 s");
    h.observe(&at(11.0, EventKind::LoopUnblocked));
    h.observe(&awaiting(11.0, 2));
    // Free from 0 to 1, then from 11: the ten blocked seconds beat not.
    assert_eq!(beats(h.status(12.0)), 4);
    assert_eq!(
        HeartbeatStatus::Free { beats: 4 }.label(Lang::Fr),
        "boucle libre"
    );
    assert_eq!(
        HeartbeatStatus::Free { beats: 4 }.label(Lang::En),
        "loop free"
    );
}

#[test]
fn a_blocking_call_outside_tasks() {
    // A script's top-level time.sleep: no task, yet the loop's thread is stuck.
    let mut h = Heartbeat::new();
    h.observe(&blocked(0.5));
    assert!(matches!(
        h.status(1.0),
        HeartbeatStatus::Blocked { since, .. } if since == 0.5
    ));
    h.observe(&at(2.0, EventKind::LoopUnblocked));
    assert_eq!(h.status(2.0), HeartbeatStatus::Idle);
}

#[test]
fn a_long_step_blocks_the_loop_too() {
    let mut h = Heartbeat::new();
    h.observe_all(&[
        created(0.0, 1, "Cell-1", Some(1)),
        running(0.0, 1),
        awaiting(0.0, 1),
        created(0.0, 2, "Task-5", None),
        running(2.0, 2),
    ]);
    // Under SLOW_STEP: still free, and the step's time not counted yet.
    assert_eq!(beats(h.status(2.05)), 4);
    let status = h.status(2.5);
    assert_eq!(
        status,
        HeartbeatStatus::Blocked {
            since: 2.0,
            for_seconds: 0.5,
            reason: "Task-5".into()
        }
    );
    h.observe(&done(3.0, 2));
    // The slow step's second is not a beat.
    assert_eq!(beats(h.status(3.0)), 4);
    assert_eq!(beats(h.status(3.5)), 5);
    // A quick step counts once it ends.
    h.observe(&running(3.5, 1));
    assert_eq!(beats(h.status(3.55)), 5);
    h.observe(&awaiting(3.56, 1));
    assert_eq!(beats(h.status(4.0)), 6);
    // The cell's task is named `cell`.
    h.observe(&running(4.0, 1));
    assert!(matches!(
        h.status(5.0),
        HeartbeatStatus::Blocked { reason, .. } if reason == "cell"
    ));
}

#[test]
fn a_step_that_blocks_has_blocked_since_it_started() {
    let mut h = Heartbeat::new();
    h.observe_all(&[
        created(0.0, 1, "Cell-4", Some(4)),
        running(0.5, 1),
        blocked(0.6),
    ]);
    assert!(matches!(
        h.status(10.5),
        HeartbeatStatus::Blocked { since, for_seconds, .. } if since == 0.5 && for_seconds == 10.0
    ));
    h.observe(&at(10.6, EventKind::LoopUnblocked));
    h.observe(&blocked(10.6));
    // Between two sleeps of the same step: still blocked since the step began.
    assert!(matches!(
        h.status(20.0),
        HeartbeatStatus::Blocked { since, .. } if since == 0.5
    ));
}

#[test]
fn beats_never_go_back() {
    let events = [
        created(0.0, 1, "Cell-1", Some(1)),
        running(0.0, 1),
        awaiting(0.01, 1),
        created(0.3, 2, "Task-1", None),
        running(0.3, 2),
        awaiting(0.38, 2),
        running(1.0, 2),
        blocked(1.0),
        at(1.7, EventKind::LoopUnblocked),
        awaiting(1.75, 2),
        running(2.2, 2),
        done(2.6, 2),
        running(2.6, 1),
        done(2.65, 1),
    ];
    let mut h = Heartbeat::new();
    let mut next = 0;
    let mut last_beats = 0;
    for step in 0..300 {
        let now = f64::from(step) * 0.01;
        while next < events.len() && events[next].time <= now {
            h.observe(&events[next]);
            next += 1;
        }
        if let HeartbeatStatus::Free { beats } = h.status(now) {
            assert!(beats >= last_beats, "beats went back at {now}");
            last_beats = beats;
        }
    }
    assert!(last_beats >= 2);
    assert_eq!(h.status(3.0), HeartbeatStatus::Idle);
}

#[test]
fn odd_times() {
    let mut h = Heartbeat::new();
    h.observe(&created(f64::NAN, 1, "Task-1", None));
    assert_eq!(h.status(0.0), HeartbeatStatus::Idle);
    h.observe(&created(5.0, 1, "Task-1", None));
    // Asked about a moment before the last event: read as that event's time.
    assert_eq!(h.status(1.0), HeartbeatStatus::Free { beats: 0 });
    assert_eq!(h.status(f64::INFINITY), HeartbeatStatus::Free { beats: 0 });
    assert_eq!(beats(h.status(1e300)), u64::MAX);
    h.observe(&blocked(4.0));
    assert!(matches!(
        h.status(4.0),
        HeartbeatStatus::Blocked { since, for_seconds, .. } if since == 5.0 && for_seconds == 0.0
    ));
}
