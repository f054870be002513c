//! Writing the model as nbformat writes notebooks.

use serde_json::{Map, Value};

use crate::ipynb::lines::split_lines;
use crate::ipynb::{pyjson, Cell, CodeCell, MimeBundle, Notebook, Output, TextCell};

/// Writes a notebook as nbformat does: `json.dumps(nb, indent=1,
/// sort_keys=True, ensure_ascii=False)` with multiline text split into lines,
/// plus a trailing newline. A file written by Jupyter and read with
/// [`crate::ipynb::parse`] comes back byte for byte.
pub fn to_json(notebook: &Notebook) -> String {
    let mut text = pyjson::dumps(&notebook_value(notebook));
    text.push('\n');
    text
}

/// The notebook as the JSON object nbformat would write.
pub(crate) fn notebook_value(notebook: &Notebook) -> Value {
    let mut map = Map::new();
    map.insert(
        "cells".into(),
        notebook.cells.iter().map(cell_value).collect(),
    );
    map.insert("metadata".into(), Value::Object(notebook.metadata.clone()));
    map.insert("nbformat".into(), notebook.nbformat.into());
    map.insert("nbformat_minor".into(), notebook.nbformat_minor.into());
    Value::Object(map)
}

fn cell_value(cell: &Cell) -> Value {
    let mut map = match cell {
        Cell::Code(code) => code_cell_fields(code),
        Cell::Markdown(text) | Cell::Raw(text) => text_cell_fields(text),
    };
    map.insert("cell_type".into(), cell.cell_type().into());
    map.insert("source".into(), lines_value(cell.source()));
    map.insert("metadata".into(), Value::Object(cell.metadata().clone()));
    if let Some(id) = cell.id() {
        map.insert("id".into(), id.into());
    }
    Value::Object(map)
}

fn code_cell_fields(cell: &CodeCell) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("execution_count".into(), cell.execution_count.into());
    map.insert(
        "outputs".into(),
        cell.outputs.iter().map(output_value).collect(),
    );
    map
}

fn text_cell_fields(cell: &TextCell) -> Map<String, Value> {
    let mut map = Map::new();
    if let Some(attachments) = &cell.attachments {
        map.insert("attachments".into(), split_attachments(attachments));
    }
    map
}

fn output_value(output: &Output) -> Value {
    let mut map = Map::new();
    map.insert("output_type".into(), output.output_type().into());
    match output {
        Output::Stream { name, text } => {
            map.insert("name".into(), name.as_str().into());
            map.insert("text".into(), lines_value(text));
        }
        Output::ExecuteResult {
            execution_count,
            data,
            metadata,
        } => {
            map.insert("execution_count".into(), (*execution_count).into());
            map.insert("data".into(), split_mime_bundle(data));
            map.insert("metadata".into(), Value::Object(metadata.clone()));
        }
        Output::DisplayData { data, metadata } => {
            map.insert("data".into(), split_mime_bundle(data));
            map.insert("metadata".into(), Value::Object(metadata.clone()));
        }
        Output::Error {
            ename,
            evalue,
            traceback,
        } => {
            map.insert("ename".into(), ename.as_str().into());
            map.insert("evalue".into(), evalue.as_str().into());
            map.insert("traceback".into(), traceback.clone().into());
        }
    }
    Value::Object(map)
}

fn lines_value(text: &str) -> Value {
    split_lines(text).into_iter().map(Value::from).collect()
}

/// nbformat splits `text/*` values and two text-like types into lines, and
/// leaves the rest (base64 images, JSON) as they are.
fn split_mime_bundle(bundle: &MimeBundle) -> Value {
    bundle
        .iter()
        .map(|(mime, value)| {
            let value = match value {
                Value::String(text) if is_split_mime(mime) => lines_value(text),
                other => other.clone(),
            };
            (mime.clone(), value)
        })
        .collect::<Map<_, _>>()
        .into()
}

fn is_split_mime(mime: &str) -> bool {
    mime.starts_with("text/") || mime == "application/javascript" || mime == "image/svg+xml"
}

fn split_attachments(attachments: &Map<String, Value>) -> Value {
    attachments
        .iter()
        .map(|(name, bundle)| {
            let bundle = match bundle {
                Value::Object(bundle) => split_mime_bundle(bundle),
                other => other.clone(),
            };
            (name.clone(), bundle)
        })
        .collect::<Map<_, _>>()
        .into()
}
