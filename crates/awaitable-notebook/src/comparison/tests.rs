//! Comparisons and their models from hand-built timelines.

use crate::course::Lang;
use crate::timeline::{Lane, Outcome, Segment, SegmentState, Timeline};

use super::*;

fn seg(start: f64, end: f64, state: SegmentState) -> Segment {
    Segment { start, end, state }
}

fn wait(what: &str) -> SegmentState {
    SegmentState::Awaiting(what.into())
}

fn lane(task: u64, segments: Vec<Segment>) -> Lane {
    Lane {
        task,
        name: if task == 1 {
            "cell".into()
        } else {
            format!("Task-{task}")
        },
        parent: (task != 1).then_some(1),
        is_cell: task == 1,
        segments,
        outcome: Outcome::Done,
    }
}

fn timeline(end: f64, lanes: Vec<Lane>, outputs: &[(f64, &str)]) -> Timeline {
    Timeline {
        start: 0.0,
        end,
        lanes,
        blocked: Vec::new(),
        outputs: outputs.iter().map(|(t, s)| (*t, s.to_string())).collect(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

const D_STDOUT: &str = "Subroutine :\nDaniel\nDonna\nDiane\nDurée totale d'exécution: 30.00 \
                        secondes\n\nCoroutine :\nDaniel\nDonna\nDiane\nDurée totale d'exécution: \
                        10.00 secondes\n";

/// Cell (d): 30 s blocked, then three tasks sleeping 10 s together.
fn cell_d() -> Timeline {
    let mut t = timeline(
        40.0,
        vec![
            lane(
                1,
                vec![
                    seg(0.0, 30.0, SegmentState::Blocked),
                    seg(30.0, 30.01, SegmentState::Running),
                    seg(30.01, 40.0, wait("gather")),
                ],
            ),
            lane(2, vec![seg(30.01, 40.0, wait("sleep(10)"))]),
            lane(3, vec![seg(30.01, 40.0, wait("sleep(10)"))]),
            lane(4, vec![seg(30.01, 40.0, wait("sleep(10)"))]),
        ],
        &[
            (0.0, "Subroutine :\n"),
            (30.0, "Durée totale d'exécution: 30.00 secondes\n"),
            (30.0, "\nCoroutine :\n"),
            (40.0, "Durée totale d'exécution: 10.00 secondes\n"),
        ],
    );
    t.blocked = vec![crate::timeline::Interval {
        start: 0.0,
        end: 30.0,
        reason: "time.sleep(10.0)".into(),
    }];
    t
}

#[test]
fn overlapping_sleeps() {
    let c = Comparison::from_cell(D_STDOUT, &cell_d()).expect("two durations");
    assert_eq!((c.sync_seconds, c.async_seconds), (30.0, 10.0));
    assert!(close(c.speedup, 3.0));
    let m = &c.model;
    // Only the asynchronous half: the blocked 30 s are not part of it.
    assert_eq!(m.blocked, 0.0);
    assert_eq!(m.wait_count, 3);
    assert_eq!(m.waits.len(), 3);
    assert!(m.waits.iter().all(|w| close(*w, 9.99)));
    assert!(close(m.waits_span, 9.99));
    assert!(close(m.busy, 0.01));
    assert!(close(m.exposed, 0.01));
    assert!(close(m.predicted_sync, 29.98));
    assert!(close(m.predicted_async, 10.0));
    assert!(m.waits_overlap());
    assert_eq!(
        c.explanation(Lang::Fr),
        "L'asynchrone est 3,0× plus rapide : les trois attentes de 9,99 s se chevauchent."
    );
    assert_eq!(
        c.explanation(Lang::En),
        "Async is 3.0× faster: the three 9.99 s waits overlap."
    );
}

#[test]
fn no_comparison_without_two_durations() {
    let one = "Durée totale d'exécution: 30.00 secondes\n";
    assert_eq!(Comparison::from_cell(one, &cell_d()), None);
    assert_eq!(Comparison::from_cell("", &cell_d()), None);
    assert_eq!(Comparison::from_runs("", one, &cell_d()), None);
    assert_eq!(Comparison::from_runs(one, "no duration\n", &cell_d()), None);
}

#[test]
fn the_model_reads_the_part_after_the_first_duration() {
    // Without outputs to find the split, the whole timeline is read.
    let mut t = cell_d();
    t.outputs.clear();
    let c = Comparison::from_cell(D_STDOUT, &t).expect("two durations");
    assert!(close(c.model.blocked, 30.0));
    assert!(close(c.model.exposed, 30.01));
    // A duration line printed in pieces counts once it is complete.
    let mut t = cell_d();
    t.outputs = vec![
        (29.0, "Durée totale d'exécution: 3".into()),
        (30.0, "0.00 secondes\n".into()),
    ];
    let c = Comparison::from_cell(D_STDOUT, &t).expect("two durations");
    assert_eq!(c.model.blocked, 0.0);
}

#[test]
fn computation_during_a_wait() {
    // Cell (e)'s asynchronous half: one sleep, two computations meanwhile.
    let t = timeline(
        10.0,
        vec![
            lane(1, vec![seg(0.0, 10.0, wait("task Task-2"))]),
            lane(2, vec![seg(0.0, 10.0, wait("sleep(10)"))]),
            lane(3, vec![seg(0.0, 0.4, SegmentState::Running)]),
            lane(4, vec![seg(0.4, 0.6, SegmentState::Running)]),
        ],
        &[],
    );
    let model = Model::from_timeline(&t);
    assert_eq!(model.waits, [10.0]);
    assert!(close(model.busy, 0.6));
    assert!(close(model.hidden(), 0.6));
    assert!(close(model.predicted_sync, 10.6));
    assert!(close(model.predicted_async, 10.0));
    let c = Comparison::new(10.59, 10.0, model);
    assert_eq!(
        c.explanation(Lang::Fr),
        "L'asynchrone est 1,06× plus rapide : les calculs (0,6 s) se font pendant l'attente de \
         10 s."
    );
    assert_eq!(
        c.explanation(Lang::En),
        "Async is 1.06× faster: the computations (0.6 s) run during the 10 s wait."
    );
}

#[test]
fn blocking_calls_add_up() {
    // The course's solution: three 6 s sleeps overlap, three 0.5 s blocking
    // requests follow them.
    let mut lanes = vec![lane(1, vec![seg(0.0, 7.5, wait("gather"))])];
    for (i, task) in [2, 3, 4].into_iter().enumerate() {
        let from = 6.0 + 0.5 * i as f64;
        lanes.push(lane(
            task,
            vec![
                seg(0.0, 6.0, wait("sleep(6)")),
                seg(6.0, from, SegmentState::Ready),
                seg(from, from + 0.5, SegmentState::Blocked),
            ],
        ));
    }
    let mut t = timeline(7.5, lanes, &[]);
    t.blocked = (0..3)
        .map(|i| crate::timeline::Interval {
            start: 6.0 + 0.5 * f64::from(i),
            end: 6.5 + 0.5 * f64::from(i),
            reason: "fetch https://fr.wikipedia.org/".into(),
        })
        .collect();
    let c = Comparison::new(19.5, 7.5, Model::from_timeline(&t));
    assert!(close(c.model.predicted_sync, 19.5));
    assert!(close(c.model.predicted_async, 7.5));
    assert_eq!(
        c.explanation(Lang::Fr),
        "L'asynchrone est 2,6× plus rapide : les trois attentes de 6 s se chevauchent ; 1,5 s \
         de calcul ou d'appels bloquants s'y ajoutent."
    );
    assert_eq!(
        c.explanation(Lang::En),
        "Async is 2.6× faster: the three 6 s waits overlap; 1.5 s of computation or blocking \
         calls add to that."
    );
}

#[test]
fn waits_of_different_lengths() {
    let t = timeline(
        3.0,
        vec![
            lane(2, vec![seg(0.0, 1.0, wait("sleep(1)"))]),
            lane(3, vec![seg(0.0, 3.0, wait("sleep(3)"))]),
        ],
        &[],
    );
    let c = Comparison::new(4.0, 3.0, Model::from_timeline(&t));
    assert_eq!(
        c.explanation(Lang::En),
        "Async is 1.3× faster: the two waits overlap (the longest: 3 s)."
    );
    assert_eq!(
        c.explanation(Lang::Fr),
        "L'asynchrone est 1,3× plus rapide : les deux attentes se chevauchent (la plus longue : \
         3 s)."
    );
}

#[test]
fn waits_one_after_another() {
    // `await wiki_async(...)` three times: one task, three sleeps in a row.
    let t = timeline(
        18.0,
        vec![lane(
            1,
            vec![
                seg(0.0, 6.0, wait("sleep(6)")),
                seg(6.0, 12.0, wait("sleep(6)")),
                seg(12.0, 18.0, wait("sleep(6)")),
            ],
        )],
        &[],
    );
    let model = Model::from_timeline(&t);
    assert_eq!(model.waits, [18.0]);
    assert_eq!(model.wait_count, 3);
    assert!(!model.waits_overlap());
    assert!(close(model.predicted_async, 18.0));
    let c = Comparison::new(18.0, 18.0, model);
    assert_eq!(
        c.explanation(Lang::Fr),
        "L'asynchrone prend autant de temps : les attentes se suivent au lieu de se chevaucher."
    );
    assert_eq!(
        c.explanation(Lang::En),
        "Async takes as long: the waits follow one another instead of overlapping."
    );
}

#[test]
fn time_sleep_in_coroutines() {
    let mut t = timeline(
        18.0,
        vec![
            lane(1, vec![seg(0.0, 18.0, wait("gather"))]),
            lane(2, vec![seg(0.0, 6.0, SegmentState::Blocked)]),
            lane(3, vec![seg(6.0, 12.0, SegmentState::Blocked)]),
            lane(4, vec![seg(12.0, 18.0, SegmentState::Blocked)]),
        ],
        &[],
    );
    t.blocked = (0..3)
        .map(|i| crate::timeline::Interval {
            start: 6.0 * f64::from(i),
            end: 6.0 * f64::from(i + 1),
            reason: "time.sleep(6.0)".into(),
        })
        .collect();
    let c = Comparison::new(18.0, 18.02, Model::from_timeline(&t));
    assert_eq!(c.model.wait_count, 0);
    assert!(close(c.model.predicted_async, 18.0));
    assert_eq!(
        c.explanation(Lang::Fr),
        "L'asynchrone prend autant de temps : la boucle reste bloquée 18 s, et time.sleep ou les \
         appels bloquants ne se chevauchent pas."
    );
    assert_eq!(
        c.explanation(Lang::En),
        "Async takes as long: the loop stays blocked for 18 s, and time.sleep or blocking calls \
         cannot overlap."
    );
}

#[test]
fn other_cases() {
    let computing = timeline(
        1.0,
        vec![lane(1, vec![seg(0.0, 1.0, SegmentState::Running)])],
        &[],
    );
    let c = Comparison::new(1.0, 2.0, Model::from_timeline(&computing));
    assert_eq!(
        c.explanation(Lang::En),
        "Async is 2.0× slower: there is no wait to overlap, only computation."
    );
    assert_eq!(
        c.explanation(Lang::Fr),
        "L'asynchrone est 2,0× plus lent : il n'y a aucune attente à chevaucher, seulement du \
         calcul."
    );
    let single = timeline(
        1.0,
        vec![lane(1, vec![seg(0.0, 1.0, wait("sleep(1)"))])],
        &[],
    );
    let c = Comparison::new(1.0, 1.0, Model::from_timeline(&single));
    assert_eq!(
        c.explanation(Lang::En),
        "Async takes as long: there is a single wait, nothing to overlap it with."
    );
    // Printed as 0.00: no division by zero.
    let c = Comparison::new(3.0, 0.0, Model::from_timeline(&single));
    assert!(c.speedup.is_finite() && c.speedup > 1.0);
    let c = Comparison::new(-1.0, f64::NAN, Model::from_timeline(&single));
    assert_eq!(
        (c.sync_seconds, c.async_seconds, c.speedup),
        (0.0, 0.0, 1.0)
    );
    assert!(c.explanation(Lang::En).starts_with("Async takes as long"));
}

#[test]
fn the_exercise_compares_two_cells() {
    let sync = "Subroutine :\n\n Résumé\n\nDurée totale d'exécution: 19.50 secondes\n";
    // The learner printed both halves: the model reads the second.
    let mut t = cell_d();
    t.outputs[1].1 = "Total execution time: 30.00 seconds\n".into();
    let c = Comparison::from_runs(sync, D_STDOUT, &t).expect("durations");
    assert_eq!((c.sync_seconds, c.async_seconds), (19.5, 10.0));
    assert_eq!(c.model.blocked, 0.0);
    assert_eq!(c.model.waits.len(), 3);
    // A single duration: the whole run.
    let c = Comparison::from_runs(sync, "Durée totale d'exécution: 10.00 secondes\n", &t)
        .expect("durations");
    assert!(close(c.model.blocked, 30.0));
}

#[test]
fn words_and_numbers() {
    assert_eq!(count_word(3, Lang::Fr), "trois");
    assert_eq!(count_word(3, Lang::En), "three");
    assert_eq!(count_word(12, Lang::En), "12");
    assert_eq!(short_seconds(10.0, Lang::Fr), "10");
    assert_eq!(short_seconds(6.5, Lang::Fr), "6,5");
    assert_eq!(short_seconds(0.594, Lang::En), "0.59");
    assert_eq!(short_seconds(0.001, Lang::En), "0");
    assert_eq!(speedup_text(1.059, Lang::Fr), "1,06");
    assert_eq!(speedup_text(2.94, Lang::Fr), "2,9");
}
