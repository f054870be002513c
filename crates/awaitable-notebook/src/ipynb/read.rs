//! Reading nbformat 4 JSON into the model, with errors that say where.

use serde_json::{Map, Value};

use crate::ipynb::{
    Cell, CodeCell, Metadata, MimeBundle, Notebook, NotebookError, Output, StreamName, TextCell,
    NBFORMAT,
};

/// Reads a notebook from its JSON text.
///
/// Accepts multiline fields both as one string and as a list of strings, and
/// keeps unknown metadata as it is. Fails on text that is not JSON, on a major
/// `nbformat` other than 4, and on a missing or mistyped field that nbformat 4
/// requires; the error names the place (`cells[2].outputs[0]`).
pub fn parse(json: &str) -> Result<Notebook, NotebookError> {
    let value: Value =
        serde_json::from_str(json).map_err(|error| NotebookError::NotJson(error.to_string()))?;
    notebook(value)
}

/// Reads a notebook from parsed JSON.
pub(crate) fn notebook(value: Value) -> Result<Notebook, NotebookError> {
    let mut fields = Fields::new(value, String::new())?;
    // The version is checked first so that an nbformat 3 file (which has
    // `worksheets`, not `cells`) is reported as such, not as a missing field.
    let nbformat = fields.version("nbformat")?;
    if nbformat != u64::from(NBFORMAT) {
        return Err(NotebookError::UnsupportedFormat(nbformat));
    }
    let nbformat_minor = fields.version("nbformat_minor")?;
    let metadata = fields.object("metadata")?;
    let cells = fields
        .array("cells")?
        .into_iter()
        .enumerate()
        .map(|(index, cell_value)| cell(cell_value, format!("cells[{index}]")))
        .collect::<Result<_, _>>()?;
    Ok(Notebook {
        cells,
        metadata,
        nbformat: NBFORMAT,
        nbformat_minor: u32::try_from(nbformat_minor)
            .map_err(|_| fields.invalid("nbformat_minor is too large"))?,
    })
}

fn cell(value: Value, path: String) -> Result<Cell, NotebookError> {
    let mut fields = Fields::new(value, path)?;
    let cell_type = fields.string("cell_type")?;
    match cell_type.as_str() {
        "code" => code_cell(fields).map(Cell::Code),
        "markdown" => text_cell(fields).map(Cell::Markdown),
        "raw" => text_cell(fields).map(Cell::Raw),
        other => Err(fields.invalid(&format!(
            "unknown cell_type \"{other}\" (expected code, markdown or raw)"
        ))),
    }
}

fn code_cell(mut fields: Fields) -> Result<CodeCell, NotebookError> {
    let path = fields.path.clone();
    let outputs = fields
        .array("outputs")?
        .into_iter()
        .enumerate()
        .map(|(index, value)| output(value, format!("{path}.outputs[{index}]")))
        .collect::<Result<_, _>>()?;
    Ok(CodeCell {
        id: fields.optional_string("id")?,
        source: fields.multiline("source")?,
        metadata: fields.object("metadata")?,
        execution_count: fields.execution_count()?,
        outputs,
    })
}

fn text_cell(mut fields: Fields) -> Result<TextCell, NotebookError> {
    let attachments = match fields.take_optional("attachments") {
        None => None,
        Some(Value::Object(attachments)) => Some(rejoin_attachments(attachments)),
        Some(_) => return Err(fields.invalid("field \"attachments\" must be an object")),
    };
    Ok(TextCell {
        id: fields.optional_string("id")?,
        source: fields.multiline("source")?,
        metadata: fields.object("metadata")?,
        attachments,
    })
}

fn output(value: Value, path: String) -> Result<Output, NotebookError> {
    let mut fields = Fields::new(value, path)?;
    let output_type = fields.string("output_type")?;
    match output_type.as_str() {
        "stream" => stream(fields),
        "execute_result" => Ok(Output::ExecuteResult {
            execution_count: fields.execution_count()?,
            data: fields.mime_bundle("data")?,
            metadata: fields.object("metadata")?,
        }),
        "display_data" => Ok(Output::DisplayData {
            data: fields.mime_bundle("data")?,
            metadata: fields.object("metadata")?,
        }),
        "error" => Ok(Output::Error {
            ename: fields.string("ename")?,
            evalue: fields.string("evalue")?,
            traceback: fields.string_list("traceback")?,
        }),
        other => Err(fields.invalid(&format!(
            "unknown output_type \"{other}\" (expected stream, execute_result, display_data or error)"
        ))),
    }
}

fn stream(mut fields: Fields) -> Result<Output, NotebookError> {
    let name = fields.string("name")?;
    let name = StreamName::from_name(&name).ok_or_else(|| {
        fields.invalid(&format!(
            "unknown stream name \"{name}\" (expected stdout or stderr)"
        ))
    })?;
    Ok(Output::Stream {
        name,
        text: fields.multiline("text")?,
    })
}

/// The fields of one JSON object being read, and where it sits in the file.
struct Fields {
    map: Map<String, Value>,
    path: String,
}

impl Fields {
    fn new(value: Value, path: String) -> Result<Self, NotebookError> {
        match value {
            Value::Object(map) => Ok(Self { map, path }),
            _ => Err(invalid(path, "expected a JSON object")),
        }
    }

    fn invalid(&self, message: &str) -> NotebookError {
        invalid(self.path.clone(), message)
    }

    fn mistyped(&self, key: &str, expected: &str) -> NotebookError {
        self.invalid(&format!("field \"{key}\" must be {expected}"))
    }

    fn take(&mut self, key: &str) -> Result<Value, NotebookError> {
        self.map
            .remove(key)
            .ok_or_else(|| self.invalid(&format!("missing field \"{key}\"")))
    }

    fn take_optional(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key)
    }

    fn string(&mut self, key: &str) -> Result<String, NotebookError> {
        match self.take(key)? {
            Value::String(text) => Ok(text),
            _ => Err(self.mistyped(key, "a string")),
        }
    }

    fn optional_string(&mut self, key: &str) -> Result<Option<String>, NotebookError> {
        match self.take_optional(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(self.mistyped(key, "a string")),
        }
    }

    /// nbformat writes multiline text as a list of lines; other tools write
    /// one string. Both mean the concatenation.
    fn multiline(&mut self, key: &str) -> Result<String, NotebookError> {
        let value = self.take(key)?;
        join_lines(value).map_err(|_| self.mistyped(key, "a string or a list of strings"))
    }

    fn string_list(&mut self, key: &str) -> Result<Vec<String>, NotebookError> {
        let items = self.array(key)?;
        items
            .into_iter()
            .map(|item| match item {
                Value::String(text) => Ok(text),
                _ => Err(self.mistyped(key, "a list of strings")),
            })
            .collect()
    }

    fn array(&mut self, key: &str) -> Result<Vec<Value>, NotebookError> {
        match self.take(key)? {
            Value::Array(items) => Ok(items),
            _ => Err(self.mistyped(key, "a list")),
        }
    }

    fn object(&mut self, key: &str) -> Result<Metadata, NotebookError> {
        match self.take(key)? {
            Value::Object(map) => Ok(map),
            _ => Err(self.mistyped(key, "an object")),
        }
    }

    fn mime_bundle(&mut self, key: &str) -> Result<MimeBundle, NotebookError> {
        self.object(key).map(rejoin_mime_bundle)
    }

    fn version(&mut self, key: &str) -> Result<u64, NotebookError> {
        let value = self.take(key)?;
        value
            .as_u64()
            .ok_or_else(|| self.mistyped(key, "a non-negative integer"))
    }

    /// Required, but `null` for a cell that never ran.
    fn execution_count(&mut self) -> Result<Option<u32>, NotebookError> {
        let key = "execution_count";
        match self.take(key)? {
            Value::Null => Ok(None),
            value => value
                .as_u64()
                .and_then(|count| u32::try_from(count).ok())
                .map(Some)
                .ok_or_else(|| self.mistyped(key, "null or a non-negative integer")),
        }
    }
}

fn invalid(path: String, message: &str) -> NotebookError {
    NotebookError::Invalid {
        path,
        message: message.to_owned(),
    }
}

/// Joins a string or list of strings; gives the value back if it is neither.
fn join_lines(value: Value) -> Result<String, Value> {
    match value {
        Value::String(text) => Ok(text),
        Value::Array(items) if items.iter().all(Value::is_string) => {
            Ok(items.iter().filter_map(Value::as_str).collect())
        }
        other => Err(other),
    }
}

/// Whether a mime type holds structured JSON, which must not be joined or split.
fn is_json_mime(mime: &str) -> bool {
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

/// Joins split text values as nbformat's `rejoin_lines` does: any non-JSON
/// mime type whose value is a list of strings.
fn rejoin_mime_bundle(bundle: MimeBundle) -> MimeBundle {
    bundle
        .into_iter()
        .map(|(mime, value)| {
            let value = if is_json_mime(&mime) {
                value
            } else {
                join_lines(value).map_or_else(|value| value, Value::String)
            };
            (mime, value)
        })
        .collect()
}

fn rejoin_attachments(attachments: Map<String, Value>) -> Map<String, Value> {
    attachments
        .into_iter()
        .map(|(name, bundle)| match bundle {
            Value::Object(bundle) => (name, Value::Object(rejoin_mime_bundle(bundle))),
            other => (name, other),
        })
        .collect()
}
