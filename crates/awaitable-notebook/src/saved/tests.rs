//! Saved work: the JSON round trip, tolerance of other revisions, garbage
//! rejected, the size cap, and edits laid over the course.

use crate::course::{to_notebook, Lang, EXERCISE_CELL_ID, SYNC_CELL_ID};
use crate::exercise::{Check, Message, Verdict};
use crate::ipynb::{Cell, Output, StreamName};
use crate::params::ClockChoice;
use crate::saved::{
    apply, diff, NotebookId, SavedError, SavedWork, MAX_SAVED_BYTES, STORAGE_PREFIX,
};
use crate::test_rng::Rng;

fn course_fr() -> NotebookId {
    NotebookId::course(Lang::Fr)
}

fn sample() -> SavedWork {
    let mut work = SavedWork::new(course_fr());
    work.sources.insert(
        EXERCISE_CELL_ID.to_owned(),
        "import asyncio\n# é 🎉\0\n".to_owned(),
    );
    work.sources
        .insert("cell-a".to_owned(), "print('\"quoted\"')\\".to_owned());
    work.clock = ClockChoice::Fast;
    work.verdicts = vec![
        (Check::UsesCoroutines, Verdict::Pass),
        (
            Check::FetchesAllPages,
            Verdict::Fail(Message {
                fr: "Il manque « Threading ».".to_owned(),
                en: "\"Threading\" is missing.".to_owned(),
            }),
        ),
        (
            Check::Faster,
            Verdict::NotYet(Message {
                fr: "Exécutez d'abord (f).".to_owned(),
                en: "Run (f) first.".to_owned(),
            }),
        ),
    ];
    work
}

#[test]
fn notebook_ids_and_storage_keys() {
    assert_eq!(NotebookId::course(Lang::Fr).as_str(), "course-fr");
    assert_eq!(NotebookId::course(Lang::En).as_str(), "course-en");
    assert_eq!(
        NotebookId::course(Lang::En).storage_key(),
        "awaitable:v1:course-en"
    );
    assert_eq!(NotebookId::course(Lang::En).course_lang(), Some(Lang::En));
    let scratch = NotebookId::new("scratch_2").unwrap();
    assert_eq!(scratch.course_lang(), None);
    assert_eq!(scratch.to_string(), "scratch_2");
    assert_eq!(
        NotebookId::from_storage_key(&scratch.storage_key()),
        Some(scratch)
    );
    for bad in [
        "",
        "a:b",
        "a b",
        "é",
        "../x",
        "a/b",
        "x".repeat(65).as_str(),
    ] {
        assert_eq!(NotebookId::new(bad), None, "{bad:?}");
    }
    assert_eq!(NotebookId::from_storage_key("awaitable:v2:course-fr"), None);
    assert_eq!(NotebookId::from_storage_key("other:course-fr"), None);
    assert_eq!(NotebookId::from_storage_key(STORAGE_PREFIX), None);
}

#[test]
fn json_round_trip() {
    let work = sample();
    let json = work.to_json().unwrap();
    assert_eq!(SavedWork::from_json(&json), Ok(work));
    let empty = SavedWork::new(course_fr());
    assert!(empty.is_empty());
    assert_eq!(SavedWork::from_json(&empty.to_json().unwrap()), Ok(empty));
}

#[test]
fn json_shape() {
    let mut work = SavedWork::new(NotebookId::course(Lang::En));
    work.sources.insert("cell-a".to_owned(), "x = 1".to_owned());
    work.verdicts = vec![(Check::Faster, Verdict::Pass)];
    assert_eq!(
        work.to_json().unwrap(),
        r#"{"version":1,"notebook":"course-en","clock":"real","sources":{"cell-a":"x = 1"},"verdicts":[{"check":"faster","verdict":"pass"}]}"#
    );
}

#[test]
fn random_sources_round_trip() {
    let mut rng = Rng::new(3);
    for _ in 0..300 {
        let mut work = SavedWork::new(course_fr());
        for _ in 0..rng.below(5) {
            work.sources.insert(rng.string(10), rng.string(200));
        }
        let json = work.to_json().unwrap();
        assert_eq!(SavedWork::from_json(&json), Ok(work));
    }
}

#[test]
fn reads_a_minimal_document_and_ignores_unknown_fields() {
    let work = SavedWork::from_json(r#"{"version": 1, "notebook": "course-en"}"#).unwrap();
    assert_eq!(work, SavedWork::new(NotebookId::course(Lang::En)));

    // A newer revision: more fields, a clock and a check this page does not
    // know, a verdict kind it does not know.
    let newer = r#"{
        "version": 7,
        "notebook": "course-fr",
        "saved_at": "2031-01-01T00:00:00Z",
        "clock": "slow-motion",
        "sources": {"exercise": "pass"},
        "outputs": {"exercise": []},
        "verdicts": [
            {"check": "uses_coroutines", "verdict": "pass", "score": 3},
            {"check": "uses_type_hints", "verdict": "pass"},
            {"check": "faster", "verdict": "partial"},
            {"check": "fetches_all_pages", "verdict": "fail"},
            "garbage",
            42
        ]
    }"#;
    let work = SavedWork::from_json(newer).unwrap();
    assert_eq!(work.clock, ClockChoice::Real);
    assert_eq!(work.source(EXERCISE_CELL_ID), Some("pass"));
    assert_eq!(
        work.verdicts,
        vec![
            (Check::UsesCoroutines, Verdict::Pass),
            (
                Check::FetchesAllPages,
                Verdict::Fail(Message {
                    fr: String::new(),
                    en: String::new()
                })
            ),
        ]
    );
    let nulls = r#"{"version":1,"notebook":"x","sources":null,"verdicts":null,"clock":null}"#;
    assert!(SavedWork::from_json(nulls).is_ok());
}

#[test]
fn rejects_garbage_with_a_clear_error() {
    let not_json = [
        "",
        "{",
        "not json",
        "{\"version\":1,}",
        "\u{feff}{}",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    ];
    for text in not_json {
        assert!(
            matches!(SavedWork::from_json(text), Err(SavedError::NotJson(_))),
            "{text:?}"
        );
    }
    let cases = [
        ("null", "not saved work: not a JSON object"),
        ("[1, 2]", "not saved work: not a JSON object"),
        ("\"course-fr\"", "not saved work: not a JSON object"),
        ("{}", "not saved work: no \"version\" (a positive integer)"),
        (
            r#"{"version": 0, "notebook": "x"}"#,
            "not saved work: no \"version\" (a positive integer)",
        ),
        (
            r#"{"version": "1", "notebook": "x"}"#,
            "not saved work: no \"version\" (a positive integer)",
        ),
        (
            r#"{"version": -1, "notebook": "x"}"#,
            "not saved work: no \"version\" (a positive integer)",
        ),
        (
            r#"{"version": 1.5, "notebook": "x"}"#,
            "not saved work: no \"version\" (a positive integer)",
        ),
        (
            r#"{"version": 1}"#,
            "not saved work: no valid \"notebook\" id",
        ),
        (
            r#"{"version": 1, "notebook": "a:b"}"#,
            "not saved work: no valid \"notebook\" id",
        ),
        (
            r#"{"version": 1, "notebook": 3}"#,
            "not saved work: no valid \"notebook\" id",
        ),
        (
            r#"{"version": 1, "notebook": "x", "sources": []}"#,
            "not saved work: \"sources\" is not an object",
        ),
        (
            r#"{"version": 1, "notebook": "x", "sources": {"cell-a": 3}}"#,
            "not saved work: the source of cell \"cell-a\" is not a string",
        ),
        (
            r#"{"version": 1, "notebook": "x", "verdicts": {}}"#,
            "not saved work: \"verdicts\" is not a list",
        ),
    ];
    for (text, message) in cases {
        let error = SavedWork::from_json(text).unwrap_err();
        assert_eq!(error.to_string(), message, "{text}");
        assert!(!error.message().fr.is_empty());
        assert!(!error.message().en.is_empty());
    }
}

#[test]
fn size_cap() {
    let mut work = SavedWork::new(course_fr());
    work.sources
        .insert(EXERCISE_CELL_ID.to_owned(), "x".repeat(MAX_SAVED_BYTES));
    let error = work.to_json().unwrap_err();
    assert!(matches!(
        error,
        SavedError::TooLarge {
            limit: MAX_SAVED_BYTES,
            ..
        }
    ));
    assert!(
        error.message().en.contains("1024 KiB"),
        "{:?}",
        error.message()
    );

    // Escaping counts: NUL takes six bytes in JSON.
    work.sources.insert(
        EXERCISE_CELL_ID.to_owned(),
        "\0".repeat(MAX_SAVED_BYTES / 5),
    );
    assert!(work.to_json().is_err());

    // Just under the cap is fine, both ways.
    let overhead = {
        let mut empty = work.clone();
        empty
            .sources
            .insert(EXERCISE_CELL_ID.to_owned(), String::new());
        empty.to_json().unwrap().len()
    };
    work.sources.insert(
        EXERCISE_CELL_ID.to_owned(),
        "y".repeat(MAX_SAVED_BYTES - overhead),
    );
    let json = work.to_json().unwrap();
    assert_eq!(json.len(), MAX_SAVED_BYTES);
    assert_eq!(SavedWork::from_json(&json), Ok(work));

    let huge = format!("{json} ");
    assert!(matches!(
        SavedWork::from_json(&huge),
        Err(SavedError::TooLarge { .. })
    ));
}

#[test]
fn set_source_stores_only_differences() {
    let mut work = SavedWork::new(course_fr());
    work.set_source("cell-a", "x = 1", "x = 2");
    assert_eq!(work.source("cell-a"), Some("x = 2"));
    work.set_source("cell-a", "x = 1", "x = 1");
    assert_eq!(work.source("cell-a"), None);
    assert!(work.is_empty());
}

fn edit(cells: &mut [Cell], id: &str, source: &str) {
    for cell in cells {
        if cell.id() == Some(id) {
            if let Some(code) = cell.as_code_mut() {
                code.source = source.to_owned();
            }
        }
    }
}

#[test]
fn diff_then_apply_restores_the_edits() {
    let original = to_notebook(Lang::Fr).cells;
    let mut edited = original.clone();
    edit(
        &mut edited,
        EXERCISE_CELL_ID,
        "async def main():\n    pass\n",
    );
    edit(&mut edited, SYNC_CELL_ID, "");
    let work = diff(course_fr(), &original, &edited);
    assert_eq!(work.sources.len(), 2);
    assert_eq!(work.source(SYNC_CELL_ID), Some(""));
    assert_eq!(apply(&work, &original), edited);

    // Through storage, too.
    let stored = SavedWork::from_json(&work.to_json().unwrap()).unwrap();
    assert_eq!(apply(&stored, &original), edited);

    // No edits: nothing stored, nothing changed.
    let none = diff(course_fr(), &original, &original);
    assert!(none.is_empty());
    assert_eq!(apply(&none, &original), original);
}

#[test]
fn apply_touches_only_code_cells_it_names() {
    let original = to_notebook(Lang::En).cells;
    let mut work = SavedWork::new(NotebookId::course(Lang::En));
    work.sources
        .insert("intro".to_owned(), "# <script>hijacked</script>".to_owned());
    work.sources
        .insert("no-such-cell".to_owned(), "print(1)".to_owned());
    assert_eq!(apply(&work, &original), original);
}

#[test]
fn apply_clears_outputs_of_edited_cells_only() {
    let mut original = to_notebook(Lang::Fr).cells;
    for cell in &mut original {
        if let Some(code) = cell.as_code_mut() {
            code.execution_count = Some(1);
            code.append_stream(StreamName::Stdout, "ran\n");
        }
    }
    let mut work = SavedWork::new(course_fr());
    work.sources.insert("cell-b".to_owned(), "pass".to_owned());
    let applied = apply(&work, &original);
    for cell in applied.iter().filter_map(Cell::as_code) {
        if cell.id.as_deref() == Some("cell-b") {
            assert_eq!(cell.source, "pass");
            assert!(cell.outputs.is_empty());
            assert_eq!(cell.execution_count, None);
        } else {
            assert_eq!(
                cell.outputs,
                [Output::Stream {
                    name: StreamName::Stdout,
                    text: "ran\n".to_owned()
                }]
            );
        }
    }
}

#[test]
fn diff_ignores_cells_it_cannot_key() {
    let original = vec![
        Cell::code("a"),
        {
            let mut cell = Cell::code("b");
            cell.set_id(Some("b".to_owned()));
            cell
        },
        {
            let mut cell = Cell::markdown("m");
            cell.set_id(Some("m".to_owned()));
            cell
        },
    ];
    let mut edited = original.clone();
    for cell in &mut edited {
        if let Some(code) = cell.as_code_mut() {
            code.source.push_str(" changed");
        }
    }
    edited.push({
        let mut cell = Cell::code("new");
        cell.set_id(Some("new".to_owned()));
        cell
    });
    edited.push({
        // A duplicate of "b" later on does not undo the first.
        let mut cell = Cell::code("b");
        cell.set_id(Some("b".to_owned()));
        cell
    });
    let work = diff(NotebookId::new("scratch").unwrap(), &original, &edited);
    assert_eq!(
        work.sources.into_iter().collect::<Vec<_>>(),
        [("b".to_owned(), "b changed".to_owned())]
    );
}
