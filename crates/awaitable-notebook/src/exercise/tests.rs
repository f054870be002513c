//! The exercise's checks on the solution and on each kind of wrong answer.

use crate::course::{course, Lang, SOLUTION_CELL_ID, SYNC_CELL_ID};
use crate::exercise::{parse_duration_line, validate, Check, ExerciseRun, Message, Verdict};

fn source_of(id: &str) -> String {
    course()
        .iter()
        .find(|cell| cell.id == id)
        .and_then(|cell| cell.code())
        .map(|code| code.source.to_owned())
        .unwrap_or_default()
}

/// What the solution prints: the marker, each summary after a blank line
/// (`print('\n', summary)` prints a newline, a space, then the summary),
/// and the duration after another blank line.
fn solution_stdout(summaries: &[&str], duration: f64) -> String {
    let mut out = String::from("Coroutine :\n");
    for summary in summaries {
        out.push_str(&format!("\n {summary}\n"));
    }
    out.push_str(&format!(
        "\nDurée totale d'exécution: {duration:.2} secondes\n"
    ));
    out
}

const SUMMARIES: [&str; 3] = [
    "En informatique, une coroutine est une unité de traitement...",
    "Le threading désigne...\nSur plusieurs lignes.",
    "La programmation concurrente est un paradigme...",
];

fn pages() -> Vec<String> {
    ["Coroutine", "Threading", "Programmation_concurrente"]
        .map(String::from)
        .to_vec()
}

/// A run of the course's solution: three tasks, the three pages, 6.8 s.
fn solution_run() -> ExerciseRun {
    ExerciseRun {
        source: source_of(SOLUTION_CELL_ID),
        stdout: solution_stdout(&SUMMARIES, 6.8),
        tasks_created: 3,
        requested_pages: pages(),
        duration: 6.8,
    }
}

fn verdict(run: &ExerciseRun, sync: Option<f64>, check: Check) -> Verdict {
    validate(run, sync)
        .into_iter()
        .find(|(c, _)| *c == check)
        .map(|(_, v)| v)
        .unwrap_or(Verdict::Pass)
}

fn failure(run: &ExerciseRun, sync: Option<f64>, check: Check) -> Message {
    match verdict(run, sync, check) {
        Verdict::Fail(message) => message,
        other => panic!("expected {check:?} to fail, got {other:?}"),
    }
}

/// The checks that do not pass.
fn failing(run: &ExerciseRun, sync: Option<f64>) -> Vec<Check> {
    validate(run, sync)
        .into_iter()
        .filter(|(_, v)| !v.is_pass())
        .map(|(c, _)| c)
        .collect()
}

#[test]
fn the_solution_passes_every_check() {
    let results = validate(&solution_run(), Some(19.2));
    let checks: Vec<Check> = results.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        checks,
        [Check::UsesCoroutines, Check::FetchesAllPages, Check::Faster]
    );
    assert!(results.iter().all(|(_, v)| v.is_pass()), "{results:?}");
}

#[test]
fn the_synchronous_cell_fails_the_coroutine_check() {
    let run = ExerciseRun {
        source: source_of(SYNC_CELL_ID),
        stdout: solution_stdout(&SUMMARIES, 19.2).replace("Coroutine :", "Subroutine :"),
        tasks_created: 0,
        requested_pages: pages(),
        duration: 19.2,
    };
    assert_eq!(
        failing(&run, Some(19.0)),
        [Check::UsesCoroutines, Check::Faster]
    );
    assert!(failure(&run, None, Check::UsesCoroutines)
        .en
        .contains("async def"));
}

#[test]
fn coroutines_awaited_one_by_one_are_not_concurrent() {
    let source = "import asyncio,wikipedia,time\n\
        async def wiki_async(page):\n    await asyncio.sleep(6)\n    print('\\n',wikipedia.summary(page))\n\
        async def main():\n    await wiki_async('Coroutine')\n    await wiki_async('Threading')\n";
    let run = ExerciseRun {
        source: source.into(),
        tasks_created: 0,
        ..solution_run()
    };
    let message = failure(&run, None, Check::UsesCoroutines);
    assert!(message.fr.contains("asyncio.gather"), "{message:?}");
}

#[test]
fn commented_out_gather_does_not_count() {
    let run = ExerciseRun {
        source: "async def f():\n    pass\n# await asyncio.gather(f(), f(), f())\n".into(),
        ..solution_run()
    };
    assert_eq!(failing(&run, None), [Check::UsesCoroutines, Check::Faster]);
}

#[test]
fn a_hash_inside_a_string_is_not_a_comment() {
    let run = ExerciseRun {
        source: "async def f():\n    print('#'); await asyncio.gather(f(), f(), f())\n".into(),
        ..solution_run()
    };
    assert!(verdict(&run, None, Check::UsesCoroutines).is_pass());
}

#[test]
fn other_ways_to_run_coroutines_concurrently_count() {
    for starter in [
        "asyncio.create_task(wiki_async(p))",
        "async with asyncio.TaskGroup() as tg:",
        "for done in asyncio.as_completed(coros):",
        "from asyncio import gather\nawait gather(*coros)",
    ] {
        let run = ExerciseRun {
            source: format!("async  def wiki_async(page):\n    pass\n{starter}\n"),
            ..solution_run()
        };
        assert!(
            verdict(&run, None, Check::UsesCoroutines).is_pass(),
            "{starter}"
        );
    }
}

#[test]
fn too_few_tasks_fail_with_the_count() {
    let run = ExerciseRun {
        tasks_created: 2,
        ..solution_run()
    };
    let message = failure(&run, None, Check::UsesCoroutines);
    assert!(message.fr.contains("que 2 tâche"), "{message:?}");
    assert!(message.en.contains("only 2 task"), "{message:?}");
}

#[test]
fn a_missing_page_is_named() {
    // The mistake of gathering only two pages.
    let run = ExerciseRun {
        requested_pages: vec!["Coroutine".into(), "Threading".into()],
        stdout: solution_stdout(&SUMMARIES[..2], 6.5),
        ..solution_run()
    };
    let message = failure(&run, Some(19.2), Check::FetchesAllPages);
    assert!(
        message.fr.contains("`Programmation_concurrente`"),
        "{message:?}"
    );
    assert!(
        message.en.contains("`Programmation_concurrente`"),
        "{message:?}"
    );
    assert!(!message.en.contains("`Coroutine`"), "{message:?}");
    assert_eq!(failing(&run, Some(19.2)), [Check::FetchesAllPages]);
}

#[test]
fn page_titles_match_with_spaces_or_other_case() {
    let run = ExerciseRun {
        requested_pages: vec![
            "coroutine".into(),
            "Threading".into(),
            "Programmation concurrente".into(),
        ],
        ..solution_run()
    };
    assert!(verdict(&run, None, Check::FetchesAllPages).is_pass());
}

#[test]
fn summaries_must_be_printed() {
    let run = ExerciseRun {
        stdout: "Coroutine :\n\n un seul résumé\n\nDurée totale d'exécution: 6.50 secondes\n"
            .into(),
        ..solution_run()
    };
    let message = failure(&run, None, Check::FetchesAllPages);
    assert!(message.en.contains("only 1 summary"), "{message:?}");
}

#[test]
fn summaries_printed_before_the_marker_do_not_count() {
    let stdout = format!(
        "{}Coroutine :\n\nDurée totale d'exécution: 6.50 secondes\n",
        solution_stdout(&SUMMARIES, 19.0).replace("Coroutine :", "Subroutine :")
    );
    let run = ExerciseRun {
        stdout,
        ..solution_run()
    };
    assert!(failure(&run, None, Check::FetchesAllPages)
        .fr
        .contains("0 résumé"));
}

#[test]
fn summaries_count_without_the_marker() {
    let stdout = SUMMARIES.join("\n\n");
    let run = ExerciseRun {
        stdout,
        ..solution_run()
    };
    assert!(verdict(&run, None, Check::FetchesAllPages).is_pass());
}

#[test]
fn faster_needs_the_synchronous_run_first() {
    match verdict(&solution_run(), None, Check::Faster) {
        Verdict::NotYet(message) => {
            assert!(message.fr.contains("(f)") && message.en.contains("(f)"));
        }
        other => panic!("expected NotYet, got {other:?}"),
    }
    assert!(matches!(
        verdict(&solution_run(), Some(f64::NAN), Check::Faster),
        Verdict::NotYet(_)
    ));
}

#[test]
fn a_slower_run_fails_with_both_durations() {
    let run = ExerciseRun {
        duration: 21.0,
        ..solution_run()
    };
    let message = failure(&run, Some(19.25), Check::Faster);
    assert!(
        message.fr.contains("21.00") && message.fr.contains("19.25"),
        "{message:?}"
    );
    assert!(matches!(
        verdict(&run, Some(21.0), Check::Faster),
        Verdict::Fail(_)
    ));
}

#[test]
fn messages_have_both_languages() {
    let bad = ExerciseRun::default();
    for (check, verdict) in validate(&bad, None) {
        let message = match verdict {
            Verdict::Fail(m) | Verdict::NotYet(m) => m,
            Verdict::Pass => panic!("{check:?} passed on an empty run"),
        };
        assert!(!message.fr.is_empty() && !message.en.is_empty());
        assert_ne!(message.fr, message.en);
        assert_eq!(message.get(Lang::Fr), message.fr);
        let title = check.title();
        assert!(!title.get(Lang::En).is_empty() && !title.get(Lang::Fr).is_empty());
    }
}

#[test]
fn durations_are_read_in_order() {
    let stdout = "Subroutine :\nDaniel\nDurée totale d'exécution: 30.00 secondes\n\n\
        Coroutine :\nDaniel\nDurée totale d'exécution: 10.01 secondes\n";
    assert_eq!(parse_duration_line(stdout), [30.0, 10.01]);
}

#[test]
fn duration_lines_in_other_spellings() {
    let stdout =
        "Total execution time: 1.50 seconds\n  Durée totale d\u{2019}exécution : 2,25 secondes\n";
    assert_eq!(parse_duration_line(stdout), [1.5, 2.25]);
}

#[test]
fn other_lines_are_not_durations() {
    let stdout = "Durée totale d'exécution: beaucoup secondes\n\
        Durée totale d'exécution: 3.00 minutes\n\
        Durée totale d'exécution: inf secondes\n\
        La durée totale d'exécution: 3.00 secondes\n\
        Durée totale d'exécution: 3.00\n";
    assert!(parse_duration_line(stdout).is_empty());
    assert!(parse_duration_line("").is_empty());
}
