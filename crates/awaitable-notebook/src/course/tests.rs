//! The course data: code faithful to the course, prose complete in both
//! languages, and a notebook export Jupyter can open.

use std::collections::HashSet;

use crate::course::{
    course, to_notebook, CellKind, CodeRole, CourseCell, Lang, Visibility, EXERCISE_CELL_ID,
    SOLUTION_CELL_ID, SYNC_CELL_ID,
};
use crate::ipynb::{self, Cell};
use crate::markdown::{self, Block};

/// The restored course cells, as the project's seed describes them.
const CELLS_MD: &str = include_str!("../../tests/fixtures/course-cells.md");

/// The one snippet of `cells.md` that is prose, not a cell: scripts use
/// `asyncio.run`, the notebook uses `await`.
const PROSE_SNIPPET: &str = "asyncio.run(exemple())";

/// The bodies of the ```` ```python ```` blocks of a Markdown text, in order.
fn python_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in text.lines() {
        match (&mut current, line) {
            (None, "```python") => current = Some(Vec::new()),
            (Some(lines), "```") => {
                blocks.push(lines.join("\n"));
                current = None;
            }
            (Some(lines), _) => lines.push(line),
            (None, _) => {}
        }
    }
    blocks
}

fn code_sources() -> Vec<&'static str> {
    course()
        .iter()
        .filter_map(|cell| cell.code().map(|code| code.source))
        .collect()
}

fn cell(id: &str) -> CourseCell {
    course()
        .into_iter()
        .find(|cell| cell.id == id)
        .unwrap_or_else(|| panic!("no cell {id}"))
}

#[test]
fn code_cells_are_the_course_code_byte_for_byte() {
    let mut expected = python_blocks(CELLS_MD);
    expected.retain(|block| block != PROSE_SNIPPET);
    assert_eq!(expected.len(), 8, "cells (a) to (f), exercise, solution");
    let original_gather =
        r#"await asyncio.gather(wiki_async("Coroutine"),wiki_async("Threading"))"#;
    let fixed_gather = r#"await asyncio.gather(wiki_async("Coroutine"),wiki_async("Threading"),wiki_async("Programmation_concurrente"))"#;
    let solution = expected.last_mut().expect("the solution");
    assert_eq!(solution.matches(original_gather).count(), 1);
    *solution = solution.replace(original_gather, fixed_gather);
    assert_eq!(code_sources(), expected);
}

#[test]
fn code_cells_match_the_runtime_corpus_notebook() {
    // The kernel's conformance corpus records CPython's output for cells (a)
    // to (e); it must be testing the very code the course shows.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../awaitable-python/tests/corpus/notebooks/course.ipynb"
    );
    let text = std::fs::read_to_string(path).expect("the corpus course notebook");
    let notebook = ipynb::parse(&text).expect("a notebook");
    let corpus: Vec<&str> = notebook.cells.iter().map(Cell::source).collect();
    assert_eq!(corpus, code_sources()[..5]);
}

#[test]
fn roles_follow_the_course() {
    let roles: Vec<(&str, CodeRole)> = course()
        .iter()
        .filter_map(|cell| cell.code().map(|code| (cell.id, code.role)))
        .collect();
    assert_eq!(
        roles,
        [
            ("cell-a", CodeRole::Demo),
            ("cell-b", CodeRole::Demo),
            ("cell-c", CodeRole::Demo),
            ("cell-d", CodeRole::Comparison),
            ("cell-e", CodeRole::Comparison),
            (SYNC_CELL_ID, CodeRole::Comparison),
            (EXERCISE_CELL_ID, CodeRole::Exercise),
            (SOLUTION_CELL_ID, CodeRole::Solution),
        ]
    );
}

#[test]
fn only_the_solution_and_its_explanations_are_hidden() {
    let hidden: Vec<&str> = course()
        .iter()
        .filter(|cell| cell.visibility == Visibility::WithSolution)
        .map(|cell| cell.id)
        .collect();
    assert_eq!(
        hidden,
        ["solution-intro", SOLUTION_CELL_ID, "solution-notes"]
    );
    let exercise = course().iter().position(|c| c.id == EXERCISE_CELL_ID);
    let first_hidden = course()
        .iter()
        .position(|c| c.visibility == Visibility::WithSolution);
    assert!(
        exercise < first_hidden,
        "nothing is hidden before the exercise"
    );
}

#[test]
fn ids_are_unique_and_valid_nbformat_ids() {
    let cells = course();
    let ids: HashSet<&str> = cells.iter().map(|cell| cell.id).collect();
    assert_eq!(ids.len(), cells.len());
    for id in ids {
        let valid = (1..=64).contains(&id.len())
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        assert!(valid, "{id}");
    }
}

#[test]
fn every_prose_cell_has_both_languages() {
    for cell in course() {
        if let CellKind::Prose { fr, en } = cell.kind {
            assert!(!fr.trim().is_empty(), "{} fr", cell.id);
            assert!(!en.trim().is_empty(), "{} en", cell.id);
            assert_ne!(fr, en, "{}", cell.id);
        }
    }
}

/// The shape of a Markdown document: block kinds, heading levels, list
/// lengths, code block languages, recursively for quotes.
fn shape(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .map(|block| match block {
            Block::Heading(level, _) => format!("h{level}"),
            Block::Paragraph(_) => "p".to_owned(),
            Block::List { ordered, items } => format!("list {ordered} {}", items.len()),
            Block::Code { lang, .. } => format!("code {lang}"),
            Block::Quote(inner) => format!("quote {:?}", shape(inner)),
        })
        .collect()
}

#[test]
fn both_languages_have_the_same_structure() {
    for cell in course() {
        let (Some(fr), Some(en)) = (cell.prose(Lang::Fr), cell.prose(Lang::En)) else {
            continue;
        };
        let (fr, en) = (markdown::parse(fr), markdown::parse(en));
        assert_eq!(shape(&fr), shape(&en), "{}", cell.id);
        // Python snippets in the prose are code, not prose: not translated.
        let python = |blocks: &[Block]| -> Vec<String> {
            blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Code { lang, text } if lang == "python" => Some(text.clone()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(python(&fr), python(&en), "{}", cell.id);
    }
}

#[test]
fn sections_one_to_four_are_there_in_order() {
    let headings = |lang| -> Vec<String> {
        course()
            .iter()
            .filter_map(|cell| cell.prose(lang))
            .flat_map(markdown::parse)
            .filter_map(|block| match block {
                Block::Heading(2, inlines) => Some(format!("{inlines:?}")),
                _ => None,
            })
            .collect()
    };
    for lang in Lang::ALL {
        let found = headings(lang);
        assert_eq!(found.len(), 4, "{lang:?}: {found:?}");
        for (n, heading) in found.iter().enumerate() {
            assert!(heading.contains(&format!("{}. ", n + 1)), "{heading}");
        }
    }
}

/// The known flaws of the course's outline, fixed in the prose.
#[test]
fn prose_fixes_the_known_flaws() {
    let all = |lang| -> String {
        course()
            .iter()
            .filter_map(|cell| cell.prose(lang))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (fr, en) = (all(Lang::Fr), all(Lang::En));
    for text in [&fr, &en] {
        assert!(text.contains("sys.set_int_max_str_digits(0)"));
        assert!(text.contains("4300"));
        assert!(text.contains("asyncio.to_thread(wikipedia.summary, page)"));
    }
    assert!(fr.contains("deux premiers chiffres") && !fr.contains("lettres"));
    assert!(en.contains("first two digits") && !en.contains("letters"));
    assert!(fr.contains("ne se chevauchent jamais"));
    assert!(en.contains("never overlap each other"));
}

#[test]
fn prose_mentions_the_timeline_and_the_heartbeat() {
    let intro = cell("intro");
    assert!(intro
        .prose(Lang::Fr)
        .is_some_and(|t| t.contains("frise") && t.contains("pouls")));
    assert!(intro
        .prose(Lang::En)
        .is_some_and(|t| t.contains("timeline") && t.contains("heartbeat")));
}

#[test]
fn lang_from_param_falls_back_to_french() {
    assert_eq!(Lang::from_param("en"), Lang::En);
    assert_eq!(Lang::from_param(" EN "), Lang::En);
    assert_eq!(Lang::from_param("fr"), Lang::Fr);
    for other in ["", "de", "english", "en-US", "<script>"] {
        assert_eq!(Lang::from_param(other), Lang::Fr, "{other}");
    }
    for lang in Lang::ALL {
        assert_eq!(Lang::from_param(lang.code()), lang);
    }
    assert_eq!(Lang::default(), Lang::Fr);
}

#[test]
fn notebook_export_parses_back() {
    for lang in Lang::ALL {
        let notebook = to_notebook(lang);
        let text = ipynb::to_json(&notebook);
        let parsed = ipynb::parse(&text).expect("the export is a notebook");
        assert_eq!(parsed, notebook);
        assert_eq!((parsed.nbformat, parsed.nbformat_minor), (4, 5));
        assert_eq!(parsed.metadata["kernelspec"]["name"], "python3");
        assert_eq!(parsed.metadata["kernelspec"]["language"], "python");
    }
}

#[test]
fn notebook_export_holds_the_course_in_order() {
    let notebook = to_notebook(Lang::En);
    let cells = course();
    assert_eq!(notebook.cells.len(), cells.len());
    for (exported, cell) in notebook.cells.iter().zip(&cells) {
        assert_eq!(exported.id(), Some(cell.id));
        match cell.kind {
            CellKind::Prose { en, .. } => {
                assert_eq!(exported.cell_type(), "markdown");
                assert_eq!(exported.source(), en);
            }
            CellKind::Code(code) => {
                assert_eq!(exported.cell_type(), "code");
                assert_eq!(exported.source(), code.source);
            }
        }
    }
    let solution = notebook
        .cells
        .iter()
        .find(|c| c.id() == Some(SOLUTION_CELL_ID));
    let metadata = solution.map(Cell::metadata).expect("the solution");
    assert_eq!(metadata["tags"], serde_json::json!(["solution"]));
    assert_eq!(metadata["jupyter"]["source_hidden"], true);
}

#[test]
fn french_export_is_in_french() {
    let notebook = to_notebook(Lang::Fr);
    assert_eq!(notebook.metadata["awaitable"]["lang"], "fr");
    assert!(notebook.cells[0]
        .source()
        .starts_with("# Fonctions asynchrones"));
}
