//! Importing learners' notebooks (what is kept, ids, limits, errors) and
//! exporting their work as notebooks Jupyter opens.

use serde_json::{json, Value};

use crate::course::{to_notebook, Lang, EXERCISE_CELL_ID};
use crate::ipynb::{self, Cell, NotebookError};
use crate::ipynb_import::{
    export_course, export_imported, import_notebook, ImportError, MAX_CELLS, MAX_CELL_BYTES,
    MAX_IMPORT_BYTES,
};
use crate::saved::{NotebookId, SavedWork};
use crate::test_rng::Rng;

fn notebook_json(cells: Vec<Value>, metadata: Value, minor: u32) -> String {
    json!({"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": minor})
        .to_string()
}

fn python_metadata() -> Value {
    json!({
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "version": "3.12.1"}
    })
}

fn code(id: Option<&str>, source: &str) -> Value {
    let mut cell = json!({
        "cell_type": "code", "source": source, "metadata": {"tags": ["t"]},
        "execution_count": 3,
        "outputs": [
            {"output_type": "stream", "name": "stdout", "text": "hi\n"},
            {"output_type": "display_data", "metadata": {},
             "data": {"text/html": "<script>alert(1)</script>"}}
        ]
    });
    if let Some(id) = id {
        cell["id"] = id.into();
    }
    cell
}

fn text(cell_type: &str, id: Option<&str>, source: &str) -> Value {
    let mut cell = json!({"cell_type": cell_type, "source": source, "metadata": {}});
    if let Some(id) = id {
        cell["id"] = id.into();
    }
    cell
}

fn sources(cells: &[Cell]) -> Vec<(&'static str, Option<&str>, &str)> {
    cells
        .iter()
        .map(|cell| (cell.cell_type(), cell.id(), cell.source()))
        .collect()
}

#[test]
fn imports_the_course_export() {
    for lang in Lang::ALL {
        let notebook = to_notebook(lang);
        let imported = import_notebook(&ipynb::to_json(&notebook)).unwrap();
        assert_eq!(imported.cells, notebook.cells);
        assert_eq!(imported.metadata, notebook.metadata);
        assert_eq!(imported.lang, Some(lang));
        assert_eq!(imported.skipped_raw_cells, 0);
        assert!(imported.id.as_str().starts_with("import-"));
        assert_eq!(imported.id.as_str().len(), "import-".len() + 16);
        assert_eq!(imported.id.course_lang(), None);
        assert_eq!(
            NotebookId::new(imported.id.as_str()).as_ref(),
            Some(&imported.id)
        );
    }
}

#[test]
fn keeps_code_and_markdown_in_order_without_outputs() {
    let json = notebook_json(
        vec![
            text("markdown", Some("title"), "# Title\n![x](attachment:x.png)"),
            code(Some("first"), "print('hi')"),
            text("raw", Some("raw"), "\\LaTeX"),
            code(Some("second"), "x = 1\nx"),
        ],
        python_metadata(),
        5,
    );
    let mut value: Value = serde_json::from_str(&json).unwrap();
    value["cells"][0]["attachments"] = json!({"x.png": {"image/png": "iVBORw0KGgo="}});
    let imported = import_notebook(&value.to_string()).unwrap();
    assert_eq!(
        sources(&imported.cells),
        [
            ("markdown", Some("title"), "# Title\n![x](attachment:x.png)"),
            ("code", Some("first"), "print('hi')"),
            ("code", Some("second"), "x = 1\nx"),
        ]
    );
    assert_eq!(imported.skipped_raw_cells, 1);
    assert_eq!(imported.lang, None);
    for cell in &imported.cells {
        match cell {
            Cell::Code(code) => {
                assert!(code.outputs.is_empty());
                assert_eq!(code.execution_count, None);
                assert_eq!(code.metadata["tags"], json!(["t"]));
            }
            Cell::Markdown(markdown) => assert_eq!(markdown.attachments, None),
            Cell::Raw(_) => panic!("raw cell kept"),
        }
    }
}

#[test]
fn gives_every_cell_a_unique_valid_id() {
    let json = notebook_json(
        vec![
            code(Some("cell-2"), "a"),
            code(Some("cell-2"), "b"),
            code(None, "c"),
            code(Some("bad id!"), "d"),
            code(Some(""), "e"),
            text("markdown", Some("cell-3"), "f"),
        ],
        python_metadata(),
        5,
    );
    let imported = import_notebook(&json).unwrap();
    let ids: Vec<_> = imported
        .cells
        .iter()
        .map(|cell| cell.id().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["cell-2", "cell-4", "cell-5", "cell-6", "cell-7", "cell-3"]
    );

    // nbformat 4.0 has no ids at all.
    let old = notebook_json(
        vec![code(None, "a"), text("markdown", None, "b")],
        json!({}),
        0,
    );
    let imported = import_notebook(&old).unwrap();
    let ids: Vec<_> = imported
        .cells
        .iter()
        .map(|cell| cell.id().unwrap())
        .collect();
    assert_eq!(ids, ["cell-1", "cell-2"]);
}

#[test]
fn the_id_follows_the_content() {
    let one = notebook_json(vec![code(Some("a"), "x")], python_metadata(), 5);
    let same = notebook_json(vec![code(Some("b"), "x")], json!({}), 5);
    let other = notebook_json(vec![code(Some("a"), "y")], python_metadata(), 5);
    let markdown = notebook_json(vec![text("markdown", Some("a"), "x")], json!({}), 5);
    let id = |json: &str| import_notebook(json).unwrap().id;
    assert_eq!(id(&one), id(&same));
    assert_ne!(id(&one), id(&other));
    assert_ne!(id(&one), id(&markdown));
}

#[test]
fn refuses_other_languages() {
    let r = json!({"kernelspec": {"display_name": "R", "language": "R", "name": "ir"}});
    let julia = json!({"language_info": {"name": "julia"}});
    for (metadata, language) in [(r, "R"), (julia, "julia")] {
        let json = notebook_json(vec![code(None, "x <- 1")], metadata, 5);
        let error = import_notebook(&json).unwrap_err();
        assert_eq!(error, ImportError::NotPython(language.to_owned()));
        assert!(error.message().en.contains(language));
    }
    for metadata in [
        json!({"kernelspec": {"language": "Python"}, "language_info": {"name": "python3"}}),
        json!({"kernelspec": {"language": ""}}),
        json!({"language_info": {"name": 3}}),
    ] {
        let json = notebook_json(vec![code(None, "x = 1")], metadata, 5);
        assert!(import_notebook(&json).is_ok());
    }
}

#[test]
fn limits() {
    // Raw cells do not count toward the cell limit.
    let mut cells: Vec<Value> = (0..MAX_CELLS).map(|_| code(None, "pass")).collect();
    cells.extend((0..10).map(|_| text("raw", None, "r")));
    let imported = import_notebook(&notebook_json(cells.clone(), json!({}), 5)).unwrap();
    assert_eq!(imported.cells.len(), MAX_CELLS);
    cells.push(text("markdown", None, "one too many"));
    assert_eq!(
        import_notebook(&notebook_json(cells, json!({}), 5)),
        Err(ImportError::TooManyCells {
            count: MAX_CELLS + 1,
            limit: MAX_CELLS
        })
    );

    let big = "x".repeat(MAX_CELL_BYTES);
    let json = notebook_json(
        vec![code(None, &big), text("raw", None, &format!("{big}!"))],
        json!({}),
        5,
    );
    let error = import_notebook(&json).unwrap_err();
    assert_eq!(
        error,
        ImportError::CellTooLarge {
            index: 2,
            bytes: MAX_CELL_BYTES + 1,
            limit: MAX_CELL_BYTES
        }
    );
    assert!(
        error.message().fr.contains("cellule 2"),
        "{:?}",
        error.message()
    );

    let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
    assert_eq!(
        import_notebook(&huge),
        Err(ImportError::TooLarge {
            bytes: MAX_IMPORT_BYTES + 1,
            limit: MAX_IMPORT_BYTES
        })
    );
}

#[test]
fn reports_files_that_are_not_notebooks() {
    assert!(matches!(
        import_notebook("not json"),
        Err(ImportError::Notebook(NotebookError::NotJson(_)))
    ));
    assert!(matches!(
        import_notebook(r#"{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}"#),
        Err(ImportError::Notebook(NotebookError::UnsupportedFormat(3)))
    ));
    assert!(matches!(
        import_notebook("[]"),
        Err(ImportError::Notebook(NotebookError::Invalid { .. }))
    ));
    // The learner's message quotes the parser without its whole input.
    let long_type = "z".repeat(10_000);
    let json = notebook_json(vec![text(&long_type, None, "")], json!({}), 5);
    let error = import_notebook(&json).unwrap_err();
    assert!(matches!(error, ImportError::Notebook(_)), "{error}");
    let message = error.message();
    assert!(message.en.len() < 400, "{}", message.en.len());
    assert!(message.fr.len() < 400, "{}", message.fr.len());
}

#[test]
fn export_course_applies_the_edits() {
    let untouched = SavedWork::new(NotebookId::course(Lang::Fr));
    assert_eq!(
        export_course(Lang::Fr, &untouched),
        ipynb::to_json(&to_notebook(Lang::Fr))
    );

    let mut work = SavedWork::new(NotebookId::course(Lang::En));
    work.sources.insert(
        EXERCISE_CELL_ID.to_owned(),
        "async def main():\n    ...\n".to_owned(),
    );
    work.sources
        .insert("intro".to_owned(), "prose is not editable".to_owned());
    let exported = export_course(Lang::En, &work);
    let notebook = ipynb::parse(&exported).unwrap();
    let expected = to_notebook(Lang::En);
    assert_eq!(notebook.metadata, expected.metadata);
    assert_eq!(notebook.cells.len(), expected.cells.len());
    for (cell, original) in notebook.cells.iter().zip(&expected.cells) {
        assert_eq!(cell.id(), original.id());
        if cell.id() == Some(EXERCISE_CELL_ID) {
            assert_eq!(cell.source(), "async def main():\n    ...\n");
        } else {
            assert_eq!(cell, original);
        }
    }
    // Jupyter's own writer would give the same bytes back.
    assert_eq!(ipynb::to_json(&notebook), exported);
}

#[test]
fn export_imported_round_trips() {
    let json = notebook_json(
        vec![
            text("markdown", Some("m"), "# Mine"),
            code(Some("c"), "print(1)"),
            text("raw", None, "dropped"),
        ],
        python_metadata(),
        4,
    );
    let imported = import_notebook(&json).unwrap();
    let mut work = SavedWork::new(imported.id.clone());
    work.set_source("c", "print(1)", "print(2)");
    let exported = export_imported(&imported, &work);
    let notebook = ipynb::parse(&exported).unwrap();
    assert_eq!((notebook.nbformat, notebook.nbformat_minor), (4, 5));
    assert_eq!(notebook.metadata, imported.metadata);
    assert_eq!(
        sources(&notebook.cells),
        [
            ("markdown", Some("m"), "# Mine"),
            ("code", Some("c"), "print(2)")
        ]
    );
    let again = import_notebook(&exported).unwrap();
    assert_eq!(sources(&again.cells), sources(&notebook.cells));
}

#[test]
fn mutated_files_never_panic() {
    let original = ipynb::to_json(&to_notebook(Lang::Fr));
    let bytes: Vec<char> = original.chars().collect();
    let mut rng = Rng::new(8);
    let mut imported = 0;
    for _ in 0..300 {
        let mut chars = bytes.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(chars.len());
            match rng.below(3) {
                0 => chars[at] = rng.char(),
                1 => {
                    chars.remove(at);
                }
                _ => chars.insert(at, *rng.pick(&['{', '}', '[', ']', '"', ',', ':', '0'])),
            }
        }
        let text: String = chars.into_iter().collect();
        if let Ok(notebook) = import_notebook(&text) {
            imported += 1;
            assert!(notebook.cells.len() <= MAX_CELLS);
        }
    }
    // Some mutations land in strings and leave a valid notebook.
    assert!(imported > 0);
}
