//! Behaviour of the notebook model; byte-exactness against nbformat's own
//! files is checked by `tests/ipynb_fixtures.rs`.

use serde_json::json;

use crate::ipynb::{parse, to_json, Cell, CodeCell, Notebook, NotebookError, Output, StreamName};

/// A minimal nbformat 4.5 notebook around the given cells.
fn notebook_json(cells: serde_json::Value) -> String {
    json!({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).to_string()
}

fn parse_ok(text: &str) -> Notebook {
    match parse(text) {
        Ok(notebook) => notebook,
        Err(error) => panic!("expected a notebook, got: {error}"),
    }
}

fn parse_err(text: &str) -> NotebookError {
    match parse(text) {
        Ok(notebook) => panic!("expected an error, got {notebook:?}"),
        Err(error) => error,
    }
}

fn code(cell: &Cell) -> &CodeCell {
    cell.as_code().expect("a code cell")
}

#[test]
fn empty_notebook_is_written_as_nbformat_writes_new_notebook() {
    // `nbformat.writes(nbformat.v4.new_notebook())`, plus the file's newline.
    let expected =
        "{\n \"cells\": [],\n \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";
    assert_eq!(to_json(&Notebook::new_empty()), expected);
    assert_eq!(parse_ok(expected), Notebook::new_empty());
}

#[test]
fn multiline_fields_accept_a_string_or_a_list() {
    let as_string = notebook_json(json!([{
        "cell_type": "code", "execution_count": 1, "metadata": {}, "source": "a = 1\nb = 2",
        "outputs": [{"output_type": "stream", "name": "stdout", "text": "x\ny\n"}]
    }]));
    let as_list = notebook_json(json!([{
        "cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["a = 1\n", "b = 2"],
        "outputs": [{"output_type": "stream", "name": "stdout", "text": ["x\n", "y\n"]}]
    }]));
    let notebook = parse_ok(&as_string);
    assert_eq!(notebook, parse_ok(&as_list));
    assert_eq!(notebook.cells[0].source(), "a = 1\nb = 2");
    let expected_output = Output::Stream {
        name: StreamName::Stdout,
        text: "x\ny\n".into(),
    };
    assert_eq!(code(&notebook.cells[0]).outputs, [expected_output]);
}

#[test]
fn multiline_fields_are_written_as_lists_of_lines() {
    let mut notebook = Notebook::new_empty();
    notebook.cells.push(Cell::markdown("one\ntwo"));
    let written = to_json(&notebook);
    assert!(written.contains("\"source\": [\n    \"one\\n\",\n    \"two\"\n   ]"));
}

#[test]
fn text_mime_values_are_joined_and_others_kept() {
    let text = notebook_json(json!([{
        "cell_type": "code", "execution_count": 2, "metadata": {}, "source": "",
        "outputs": [{"output_type": "display_data", "metadata": {}, "data": {
            "text/plain": ["a\n", "b"], "image/png": ["iVBOR", "w0K"],
            "application/json": ["kept", "as list"]
        }}]
    }]));
    let notebook = parse_ok(&text);
    let Output::DisplayData { data, .. } = &code(&notebook.cells[0]).outputs[0] else {
        panic!("expected display_data");
    };
    assert_eq!(data["text/plain"], "a\nb");
    assert_eq!(data["image/png"], "iVBORw0K");
    assert_eq!(data["application/json"], json!(["kept", "as list"]));
}

#[test]
fn unknown_metadata_survives_a_round_trip() {
    let metadata = json!({
        "widgets": {"state": {"z": [1, 2.5, null], "a": {"deep": true}}},
        "papermill": {"duration": 0.000123, "big": 1e16}
    });
    let text = json!({
        "cells": [{"cell_type": "raw", "metadata": metadata.clone(), "source": ""}],
        "metadata": metadata.clone(), "nbformat": 4, "nbformat_minor": 4
    })
    .to_string();
    let notebook = parse_ok(&text);
    assert_eq!(
        serde_json::Value::Object(notebook.metadata.clone()),
        metadata
    );
    assert_eq!(
        serde_json::Value::Object(notebook.cells[0].metadata().clone()),
        metadata
    );
    assert_eq!(parse_ok(&to_json(&notebook)), notebook);
}

#[test]
fn floats_keep_their_digits() {
    // Each is Python's repr; the first is misread by a float parser that is not
    // correctly rounded, and would come back as 7.024003972561529e-18.
    let floats = "[7.02400397256153e-18, 1e+22, 0.1, 1e-07, 1.0]";
    let text = format!(
        "{{\"cells\": [], \"metadata\": {{\"f\": {floats}}}, \"nbformat\": 4, \"nbformat_minor\": 5}}"
    );
    let written = to_json(&parse_ok(&text));
    let expected = "\"f\": [\n   7.02400397256153e-18,\n   1e+22,\n   0.1,\n   1e-07,\n   1.0\n  ]";
    assert!(written.contains(expected), "{written}");
}

#[test]
fn unicode_text_is_written_unescaped() {
    let mut notebook = Notebook::new_empty();
    notebook
        .cells
        .push(Cell::markdown("« café » 🐍 漢字\u{2028}"));
    let written = to_json(&notebook);
    assert!(written.contains("\"« café » 🐍 漢字\u{2028}\""));
    assert_eq!(parse_ok(&written), notebook);
}

#[test]
fn cells_without_ids_stay_without_ids() {
    let text = json!({"cells": [{"cell_type": "markdown", "metadata": {}, "source": "x"}],
                      "metadata": {}, "nbformat": 4, "nbformat_minor": 4})
    .to_string();
    let notebook = parse_ok(&text);
    assert_eq!(notebook.cells[0].id(), None);
    assert!(!to_json(&notebook).contains("\"id\""));
}

#[test]
fn text_that_is_not_json_is_rejected() {
    let error = parse_err("{\"cells\": [");
    assert!(matches!(error, NotebookError::NotJson(_)));
    assert!(error
        .to_string()
        .starts_with("not a notebook: invalid JSON"));
}

#[test]
fn other_major_versions_are_rejected_by_number() {
    let v3 = json!({"worksheets": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0});
    let error = parse_err(&v3.to_string());
    assert_eq!(error, NotebookError::UnsupportedFormat(3));
    assert_eq!(
        error.to_string(),
        "unsupported nbformat 3 (Awaitable reads nbformat 4)"
    );
}

#[test]
fn missing_fields_are_named_with_their_place() {
    let error = parse_err(&json!({"metadata": {}, "nbformat": 4, "nbformat_minor": 5}).to_string());
    assert_eq!(error.to_string(), "notebook: missing field \"cells\"");

    let error = parse_err(&notebook_json(json!([
        {"cell_type": "markdown", "metadata": {}, "source": ""},
        {"cell_type": "code", "metadata": {}, "source": "", "execution_count": null,
         "outputs": [{"output_type": "stream", "text": "x"}]}
    ])));
    assert_eq!(
        error.to_string(),
        "notebook cells[1].outputs[0]: missing field \"name\""
    );
}

#[test]
fn missing_nbformat_is_reported() {
    let error = parse_err(&json!({"cells": [], "metadata": {}}).to_string());
    assert_eq!(error.to_string(), "notebook: missing field \"nbformat\"");
}

#[test]
fn mistyped_and_unknown_values_are_rejected() {
    let cases = [
        (
            json!([{"cell_type": "heading", "metadata": {}, "source": ""}]),
            "notebook cells[0]: unknown cell_type \"heading\" (expected code, markdown or raw)",
        ),
        (
            json!([{"cell_type": "raw", "metadata": {}, "source": ["a", 1]}]),
            "notebook cells[0]: field \"source\" must be a string or a list of strings",
        ),
        (
            json!([{"cell_type": "code", "metadata": {}, "source": "", "execution_count": -1,
                    "outputs": []}]),
            "notebook cells[0]: field \"execution_count\" must be null or a non-negative integer",
        ),
        (
            json!([{"cell_type": "code", "metadata": {}, "source": "", "execution_count": null,
                    "outputs": [{"output_type": "stream", "name": "stdlog", "text": ""}]}]),
            "notebook cells[0].outputs[0]: unknown stream name \"stdlog\" (expected stdout or stderr)",
        ),
        (
            json!(["not a cell"]),
            "notebook cells[0]: expected a JSON object",
        ),
    ];
    for (cells, expected) in cases {
        assert_eq!(parse_err(&notebook_json(cells)).to_string(), expected);
    }
}

#[test]
fn each_output_type_round_trips() {
    let mut cell = CodeCell {
        execution_count: Some(7),
        ..code(&Cell::code("1/0")).clone()
    };
    cell.append_stream(StreamName::Stdout, "out\n");
    cell.append_stream(StreamName::Stderr, "err\n");
    cell.outputs.push(Output::text_result(Some(7), "42"));
    cell.outputs.push(Output::DisplayData {
        data: json!({"text/html": "<b>x</b>\n<i>y</i>"})
            .as_object()
            .cloned()
            .unwrap_or_default(),
        metadata: json!({"isolated": true})
            .as_object()
            .cloned()
            .unwrap_or_default(),
    });
    cell.outputs.push(Output::Error {
        ename: "ZeroDivisionError".into(),
        evalue: "division by zero".into(),
        traceback: vec!["\u{1b}[0;31mTraceback\u{1b}[0m".into(), "line 1".into()],
    });
    let mut notebook = Notebook::new_empty();
    notebook.push_cell(Cell::Code(cell));
    assert_eq!(parse_ok(&to_json(&notebook)), notebook);
}

#[test]
fn consecutive_stream_text_of_one_stream_is_merged() {
    let mut cell = code(&Cell::code("")).clone();
    cell.append_stream(StreamName::Stdout, "a\n");
    cell.append_stream(StreamName::Stdout, "b\n");
    cell.append_stream(StreamName::Stderr, "oops\n");
    cell.append_stream(StreamName::Stdout, "");
    cell.append_stream(StreamName::Stdout, "c");
    let stream = |name, text: &str| Output::Stream {
        name,
        text: text.into(),
    };
    assert_eq!(
        cell.outputs,
        [
            stream(StreamName::Stdout, "a\nb\n"),
            stream(StreamName::Stderr, "oops\n"),
            stream(StreamName::Stdout, "c"),
        ]
    );
}

#[test]
fn clear_outputs_forgets_every_run() {
    let mut cell = code(&Cell::code("print(1)")).clone();
    cell.execution_count = Some(1);
    cell.append_stream(StreamName::Stdout, "1\n");
    let mut notebook = Notebook::new_empty();
    notebook.push_cell(Cell::Code(cell));
    notebook.push_cell(Cell::markdown("text"));
    notebook.clear_outputs();
    let cleared = code(&notebook.cells[0]);
    assert!(cleared.outputs.is_empty());
    assert_eq!(cleared.execution_count, None);
    assert_eq!(notebook.cells[1].source(), "text");
}

#[test]
fn pushed_cells_get_unique_ids_from_nbformat_4_5() {
    let mut notebook = Notebook::new_empty();
    let mut named = Cell::raw("");
    named.set_id(Some("cell-2".into()));
    notebook.push_cell(named);
    notebook.push_cell(Cell::code(""));
    notebook.push_cell(Cell::markdown(""));
    let ids: Vec<_> = notebook.cells.iter().map(Cell::id).collect();
    assert_eq!(ids, [Some("cell-2"), Some("cell-3"), Some("cell-4")]);

    let mut old = Notebook {
        nbformat_minor: 4,
        ..Notebook::new_empty()
    };
    old.push_cell(Cell::code(""));
    assert_eq!(old.cells[0].id(), None);
}

#[test]
fn serde_uses_the_nbformat_shape() {
    let mut notebook = Notebook::new_empty();
    notebook.push_cell(Cell::code("x = 1\n"));
    let value = serde_json::to_value(&notebook).expect("serializable");
    assert_eq!(value["cells"][0]["source"], json!(["x = 1\n"]));
    let back: Notebook = serde_json::from_value(value).expect("deserializable");
    assert_eq!(back, notebook);
}
