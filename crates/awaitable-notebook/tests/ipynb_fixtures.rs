//! Byte-exactness against files written by nbformat itself
//! (`tests/fixtures/make_fixtures.py` made them).

use awaitable_notebook::ipynb::{parse, to_json, Cell, Output};

const ALL_OUTPUTS: &str = include_str!("fixtures/all_outputs.ipynb");
const STRING_FORM: &str = include_str!("fixtures/string_form.ipynb");
const STRING_FORM_EXPECTED: &str = include_str!("fixtures/string_form.expected.ipynb");

fn parse_fixture(text: &str) -> awaitable_notebook::ipynb::Notebook {
    parse(text).unwrap_or_else(|error| panic!("fixture does not parse: {error}"))
}

#[test]
fn a_file_written_by_nbformat_is_written_back_byte_for_byte() {
    let written = to_json(&parse_fixture(ALL_OUTPUTS));
    // Compare line by line first so that a failure shows the first difference.
    for (number, (ours, theirs)) in written.lines().zip(ALL_OUTPUTS.lines()).enumerate() {
        assert_eq!(ours, theirs, "line {}", number + 1);
    }
    assert_eq!(written, ALL_OUTPUTS);
}

#[test]
fn the_fixture_holds_every_cell_and_output_type() {
    let notebook = parse_fixture(ALL_OUTPUTS);
    let cell_types: Vec<_> = notebook.cells.iter().map(Cell::cell_type).collect();
    assert_eq!(cell_types, ["markdown", "code", "code", "raw"]);
    let code = notebook.cells[1]
        .as_code()
        .expect("the second cell is code");
    let output_types: Vec<_> = code.outputs.iter().map(Output::output_type).collect();
    assert_eq!(
        output_types,
        [
            "stream",
            "stream",
            "execute_result",
            "display_data",
            "error"
        ]
    );
    assert_eq!(code.execution_count, Some(3));
    assert!(notebook.cells[0].source().contains("« asyncio » 🐍"));
}

#[test]
fn string_form_is_written_as_nbformat_normalises_it() {
    assert_eq!(to_json(&parse_fixture(STRING_FORM)), STRING_FORM_EXPECTED);
}
