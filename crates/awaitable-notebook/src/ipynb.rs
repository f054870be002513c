//! The Jupyter notebook document, nbformat v4, as `awaitable execute` and the
//! browser read and write it.
//!
//! The model keeps multiline text joined (one `String` per source, stream text or
//! text mime value) whatever form the file used, and [`to_json`] writes it back
//! the way nbformat does, so a notebook written by Jupyter comes back byte for
//! byte. Metadata is kept as raw JSON because tools put anything there and we
//! must hand it back untouched.
//!
//! Known limits, both far from what notebooks hold: integers beyond 64 bits in
//! metadata come back as floats, and the non-JSON `NaN`/`Infinity` that
//! Python's `json` accepts are rejected as invalid JSON.

mod lines;
mod pyjson;
mod read;
mod write;

use serde_json::{Map, Value};

pub use read::parse;
pub use write::to_json;

/// Free-form metadata of a notebook, cell or output, kept as raw JSON so that
/// keys Awaitable does not know survive a read and write unchanged.
pub type Metadata = Map<String, Value>;

/// Output data keyed by mime type (`text/plain`, `image/png`, ...).
///
/// Values of text mime types are held as one joined string; JSON mime types
/// (`application/json`, `application/*+json`) hold any JSON value.
pub type MimeBundle = Map<String, Value>;

/// The major format version this module reads and writes.
pub const NBFORMAT: u32 = 4;

/// The minor format version of new notebooks: 4.5, the first with cell ids.
pub const NBFORMAT_MINOR: u32 = 5;

/// A notebook document (nbformat 4).
#[derive(Debug, Clone, PartialEq)]
pub struct Notebook {
    /// The cells, in document order.
    pub cells: Vec<Cell>,
    /// Notebook metadata (`kernelspec`, `language_info`, anything else).
    pub metadata: Metadata,
    /// Major format version; always [`NBFORMAT`] after [`parse`].
    pub nbformat: u32,
    /// Minor format version; cells carry ids from 5 on.
    pub nbformat_minor: u32,
}

/// One cell of a notebook, by `cell_type`.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// `"cell_type": "code"`: Python source with its outputs.
    Code(CodeCell),
    /// `"cell_type": "markdown"`: prose.
    Markdown(TextCell),
    /// `"cell_type": "raw"`: text passed through untouched by Jupyter.
    Raw(TextCell),
}

/// A code cell and the outputs of its last run.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeCell {
    /// The nbformat 4.5 cell id, absent in older notebooks.
    pub id: Option<String>,
    /// The source, joined into one string.
    pub source: String,
    /// Cell metadata.
    pub metadata: Metadata,
    /// The `In [n]` counter of the last run, `None` if never run.
    pub execution_count: Option<u32>,
    /// Outputs of the last run, in the order they were produced.
    pub outputs: Vec<Output>,
}

/// A markdown or raw cell.
#[derive(Debug, Clone, PartialEq)]
pub struct TextCell {
    /// The nbformat 4.5 cell id, absent in older notebooks.
    pub id: Option<String>,
    /// The source, joined into one string.
    pub source: String,
    /// Cell metadata.
    pub metadata: Metadata,
    /// Files pasted into the cell (`attachment:name` links), name to mime bundle.
    pub attachments: Option<Map<String, Value>>,
}

/// One output of a code cell, by `output_type`.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// Text printed to stdout or stderr.
    Stream {
        /// Which stream.
        name: StreamName,
        /// The text, joined into one string.
        text: String,
    },
    /// The value of the cell's last expression (`Out[n]`).
    ExecuteResult {
        /// The counter of the run that produced it.
        execution_count: Option<u32>,
        /// The value's representations by mime type.
        data: MimeBundle,
        /// Output metadata (image sizes, ...).
        metadata: Metadata,
    },
    /// Rich output shown by `display(...)`.
    DisplayData {
        /// The representations by mime type.
        data: MimeBundle,
        /// Output metadata (image sizes, ...).
        metadata: Metadata,
    },
    /// An exception that ended the run.
    Error {
        /// The exception's class name, e.g. `ZeroDivisionError`.
        ename: String,
        /// The exception's message.
        evalue: String,
        /// The formatted traceback, one entry per line (may hold ANSI colours).
        traceback: Vec<String>,
    },
}

/// The stream a [`Output::Stream`] was written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamName {
    /// Standard output (`print`).
    Stdout,
    /// Standard error (warnings, `print(..., file=sys.stderr)`).
    Stderr,
}

/// Why a document could not be read as a notebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotebookError {
    /// The text is not JSON at all; holds the JSON parser's message.
    NotJson(String),
    /// The document declares a major `nbformat` other than 4.
    UnsupportedFormat(u64),
    /// The JSON does not have the shape of an nbformat 4 notebook.
    Invalid {
        /// Where, e.g. `cells[2].outputs[0]`; empty for the notebook itself.
        path: String,
        /// What is wrong there, e.g. `missing field "source"`.
        message: String,
    },
}

impl std::fmt::Display for NotebookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotJson(reason) => write!(f, "not a notebook: invalid JSON ({reason})"),
            Self::UnsupportedFormat(major) => {
                write!(
                    f,
                    "unsupported nbformat {major} (Awaitable reads nbformat 4)"
                )
            }
            Self::Invalid { path, message } if path.is_empty() => write!(f, "notebook: {message}"),
            Self::Invalid { path, message } => write!(f, "notebook {path}: {message}"),
        }
    }
}

impl std::error::Error for NotebookError {}

impl StreamName {
    /// The name as written in the file: `stdout` or `stderr`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stdout => "stdout",
            Self::Stderr => "stderr",
        }
    }

    /// Reads a stream name as written in the file.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "stdout" => Some(Self::Stdout),
            "stderr" => Some(Self::Stderr),
            _ => None,
        }
    }
}

impl Notebook {
    /// A notebook with no cells and no metadata, at nbformat 4.5, like
    /// `nbformat.v4.new_notebook()`.
    pub fn new_empty() -> Self {
        Self {
            cells: Vec::new(),
            metadata: Metadata::new(),
            nbformat: NBFORMAT,
            nbformat_minor: NBFORMAT_MINOR,
        }
    }

    /// Appends a cell, giving it an id unique in this notebook if it has none
    /// and the notebook's format (4.5 and later) requires ids.
    pub fn push_cell(&mut self, mut cell: Cell) {
        if self.nbformat_minor >= 5 && cell.id().is_none() {
            cell.set_id(Some(self.fresh_cell_id()));
        }
        self.cells.push(cell);
    }

    /// Removes every code cell's outputs and execution count, like
    /// `jupyter nbconvert --clear-output`.
    pub fn clear_outputs(&mut self) {
        for cell in &mut self.cells {
            if let Cell::Code(code) = cell {
                code.clear_outputs();
            }
        }
    }

    /// Ids are deterministic (`cell-N`) rather than random, so that notebooks
    /// built by the executor are reproducible; N skips ids already in use.
    fn fresh_cell_id(&self) -> String {
        let taken = |id: &str| self.cells.iter().any(|cell| cell.id() == Some(id));
        (self.cells.len() + 1..)
            .map(|n| format!("cell-{n}"))
            .find(|id| !taken(id))
            .unwrap_or_default()
    }
}

impl Cell {
    /// A new code cell with no id, no metadata and no outputs.
    pub fn code(source: impl Into<String>) -> Self {
        Self::Code(CodeCell {
            id: None,
            source: source.into(),
            metadata: Metadata::new(),
            execution_count: None,
            outputs: Vec::new(),
        })
    }

    /// A new markdown cell with no id and no metadata.
    pub fn markdown(source: impl Into<String>) -> Self {
        Self::Markdown(TextCell::new(source.into()))
    }

    /// A new raw cell with no id and no metadata.
    pub fn raw(source: impl Into<String>) -> Self {
        Self::Raw(TextCell::new(source.into()))
    }

    /// The `cell_type` as written in the file.
    pub fn cell_type(&self) -> &'static str {
        match self {
            Self::Code(_) => "code",
            Self::Markdown(_) => "markdown",
            Self::Raw(_) => "raw",
        }
    }

    /// The cell id, if the cell has one.
    pub fn id(&self) -> Option<&str> {
        match self {
            Self::Code(cell) => cell.id.as_deref(),
            Self::Markdown(cell) | Self::Raw(cell) => cell.id.as_deref(),
        }
    }

    /// Replaces the cell id.
    pub fn set_id(&mut self, id: Option<String>) {
        match self {
            Self::Code(cell) => cell.id = id,
            Self::Markdown(cell) | Self::Raw(cell) => cell.id = id,
        }
    }

    /// The cell's source text.
    pub fn source(&self) -> &str {
        match self {
            Self::Code(cell) => &cell.source,
            Self::Markdown(cell) | Self::Raw(cell) => &cell.source,
        }
    }

    /// The cell's metadata.
    pub fn metadata(&self) -> &Metadata {
        match self {
            Self::Code(cell) => &cell.metadata,
            Self::Markdown(cell) | Self::Raw(cell) => &cell.metadata,
        }
    }

    /// The code cell inside, if this is one.
    pub fn as_code(&self) -> Option<&CodeCell> {
        match self {
            Self::Code(cell) => Some(cell),
            Self::Markdown(_) | Self::Raw(_) => None,
        }
    }

    /// The code cell inside, mutably, if this is one.
    pub fn as_code_mut(&mut self) -> Option<&mut CodeCell> {
        match self {
            Self::Code(cell) => Some(cell),
            Self::Markdown(_) | Self::Raw(_) => None,
        }
    }
}

impl TextCell {
    fn new(source: String) -> Self {
        Self {
            id: None,
            source,
            metadata: Metadata::new(),
            attachments: None,
        }
    }
}

impl CodeCell {
    /// Appends printed text. Text following output of the same stream joins it,
    /// as Jupyter does, so that `print` in a loop gives one block, not one
    /// output per call; empty text adds nothing.
    pub fn append_stream(&mut self, name: StreamName, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(Output::Stream {
            name: last,
            text: existing,
        }) = self.outputs.last_mut()
        {
            if *last == name {
                existing.push_str(text);
                return;
            }
        }
        self.outputs.push(Output::Stream {
            name,
            text: text.to_owned(),
        });
    }

    /// Forgets the last run: no outputs, no execution count.
    pub fn clear_outputs(&mut self) {
        self.outputs.clear();
        self.execution_count = None;
    }
}

impl Output {
    /// The `output_type` as written in the file.
    pub fn output_type(&self) -> &'static str {
        match self {
            Self::Stream { .. } => "stream",
            Self::ExecuteResult { .. } => "execute_result",
            Self::DisplayData { .. } => "display_data",
            Self::Error { .. } => "error",
        }
    }

    /// An `execute_result` holding only a `text/plain` representation, the
    /// `repr()` of a cell's last expression.
    pub fn text_result(execution_count: Option<u32>, text_plain: impl Into<String>) -> Self {
        let mut data = MimeBundle::new();
        data.insert("text/plain".to_owned(), Value::String(text_plain.into()));
        Self::ExecuteResult {
            execution_count,
            data,
            metadata: Metadata::new(),
        }
    }
}

impl serde::Serialize for Notebook {
    /// Serializes as the nbformat JSON object (multiline text split into lines).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write::notebook_value(self).serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Notebook {
    /// Deserializes from the nbformat JSON object, with [`parse`]'s checks.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        read::notebook(value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
