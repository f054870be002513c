//! A learner's own `.ipynb` opened in the page, and their work saved back as
//! an `.ipynb` that opens in Jupyter.
//!
//! [`import_notebook`] reads the file with [`crate::ipynb::parse`] and keeps
//! what the page can show and run: the code and markdown cells, in order.
//! Outputs are left behind (the page runs the cells itself, and outputs made
//! elsewhere may hold HTML and scripts), and so are raw cells and markdown
//! attachments. Sizes are bounded so a huge or hostile file gives an error,
//! not a frozen tab.

use std::collections::HashSet;

use serde_json::Value;

use crate::course::{self, Lang};
use crate::exercise::Message;
use crate::ipynb::{self, Cell, Metadata, Notebook, NotebookError};
use crate::params::{is_valid_cell_id, lang_from_param};
use crate::saved::{apply, NotebookId, SavedWork};

/// The largest file read, in bytes: 32 MiB (outputs, which are dropped, make
/// up most of a big notebook).
pub const MAX_IMPORT_BYTES: usize = 32 << 20;

/// The most code and markdown cells a notebook may have.
pub const MAX_CELLS: usize = 500;

/// The largest source of one cell, in bytes: 200 KiB.
pub const MAX_CELL_BYTES: usize = 200 * 1024;

/// A notebook read from the learner's file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedNotebook {
    /// The id to save the learner's edits under: `import-` and a hash of the
    /// cells, so that opening the same file again finds them.
    pub id: NotebookId,
    /// The code and markdown cells, in the file's order, without outputs,
    /// execution counts or attachments, each with an id unique in the
    /// notebook (the file's where it was valid and unique, else a new one).
    pub cells: Vec<Cell>,
    /// The notebook's metadata, as in the file, for [`export_imported`].
    pub metadata: Metadata,
    /// The language the notebook says it is in, when Awaitable exported it.
    pub lang: Option<Lang>,
    /// How many raw cells were left out.
    pub skipped_raw_cells: usize,
}

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file is over [`MAX_IMPORT_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The file is not an nbformat 4 notebook.
    Notebook(NotebookError),
    /// The notebook's kernel runs another language; holds its name.
    NotPython(String),
    /// The notebook has more than [`MAX_CELLS`] code and markdown cells.
    TooManyCells {
        /// How many it has.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A cell's source is over [`MAX_CELL_BYTES`].
    CellTooLarge {
        /// The cell's position in the file, from 1.
        index: usize,
        /// Its size in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

/// Reads the learner's `.ipynb` (see the module's documentation).
pub fn import_notebook(json: &str) -> Result<ImportedNotebook, ImportError> {
    if json.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            bytes: json.len(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    let notebook = ipynb::parse(json).map_err(ImportError::Notebook)?;
    if let Some(language) = other_language(&notebook.metadata) {
        return Err(ImportError::NotPython(language));
    }
    let mut cells = Vec::new();
    let mut skipped_raw_cells = 0;
    for (position, cell) in notebook.cells.into_iter().enumerate() {
        let bytes = cell.source().len();
        if bytes > MAX_CELL_BYTES {
            return Err(ImportError::CellTooLarge {
                index: position + 1,
                bytes,
                limit: MAX_CELL_BYTES,
            });
        }
        match cell {
            Cell::Code(mut code) => {
                code.clear_outputs();
                cells.push(Cell::Code(code));
            }
            Cell::Markdown(mut text) => {
                text.attachments = None;
                cells.push(Cell::Markdown(text));
            }
            Cell::Raw(_) => skipped_raw_cells += 1,
        }
    }
    if cells.len() > MAX_CELLS {
        return Err(ImportError::TooManyCells {
            count: cells.len(),
            limit: MAX_CELLS,
        });
    }
    give_unique_ids(&mut cells);
    let lang = notebook
        .metadata
        .get("awaitable")
        .and_then(|awaitable| awaitable.get("lang"))
        .and_then(Value::as_str)
        .and_then(lang_from_param);
    Ok(ImportedNotebook {
        id: NotebookId::imported(content_hash(&cells)),
        cells,
        metadata: notebook.metadata,
        lang,
        skipped_raw_cells,
    })
}

/// The course in `lang` as an `.ipynb` (like [`course::to_notebook`]) with
/// the learner's edits laid over its code cells by id (see [`apply`]; the
/// edits are applied whatever notebook id they were saved under, since the
/// course's code and ids are the same in both languages).
pub fn export_course(lang: Lang, edits: &SavedWork) -> String {
    let mut notebook = course::to_notebook(lang);
    notebook.cells = apply(edits, &notebook.cells);
    ipynb::to_json(&notebook)
}

/// An imported notebook as an `.ipynb`, with the learner's edits laid over
/// its code cells, its metadata as the file had it, at nbformat 4.5.
pub fn export_imported(notebook: &ImportedNotebook, edits: &SavedWork) -> String {
    let mut out = Notebook::new_empty();
    out.metadata = notebook.metadata.clone();
    out.cells = apply(edits, &notebook.cells);
    ipynb::to_json(&out)
}

/// The kernel's language if the metadata names one other than Python.
fn other_language(metadata: &Metadata) -> Option<String> {
    let names = [
        metadata
            .get("kernelspec")
            .and_then(|spec| spec.get("language")),
        metadata
            .get("language_info")
            .and_then(|info| info.get("name")),
    ];
    names
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::trim)
        .find(|name| !name.is_empty() && !name.to_ascii_lowercase().starts_with("python"))
        .map(|name| name.chars().take(40).collect())
}

/// Keeps each valid id the first time it appears and gives the other cells
/// `cell-N` ids (N their position from 1, or the next free number).
fn give_unique_ids(cells: &mut [Cell]) {
    let mut taken: HashSet<String> = HashSet::new();
    let mut keep = Vec::with_capacity(cells.len());
    for cell in cells.iter() {
        let id = cell.id().filter(|id| is_valid_cell_id(id));
        keep.push(id.is_some_and(|id| taken.insert(id.to_owned())));
    }
    for (position, (cell, keep)) in cells.iter_mut().zip(keep).enumerate() {
        if keep {
            continue;
        }
        let fresh = (position + 1..)
            .map(|n| format!("cell-{n}"))
            .find(|id| !taken.contains(id))
            .unwrap_or_default();
        taken.insert(fresh.clone());
        cell.set_id(Some(fresh));
    }
}

/// The 64-bit FNV-1a hash of the cells' types and sources.
pub(crate) fn content_hash(cells: &[Cell]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for cell in cells {
        let bytes = cell.cell_type().bytes().chain([0]);
        let bytes = bytes.chain(cell.source().bytes()).chain([0]);
        for byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME);
        }
    }
    hash
}

impl ImportError {
    /// What to tell the learner, in French and English.
    pub fn message(&self) -> Message {
        let (fr, en) = match self {
            Self::TooLarge { limit, .. } => (
                format!(
                    "Le fichier est trop gros (plus de {} Mio).",
                    limit / (1 << 20)
                ),
                format!("The file is too large (over {} MiB).", limit / (1 << 20)),
            ),
            Self::Notebook(error) => {
                // The parser's message may quote the file at any length.
                let error = shorten(&error.to_string(), 200);
                (
                    format!("Ce fichier n'est pas un carnet Jupyter lisible ({error})."),
                    format!("This file is not a readable Jupyter notebook ({error})."),
                )
            }
            Self::NotPython(language) => (
                format!("Ce carnet est écrit en {language}, pas en Python."),
                format!("This notebook is in {language}, not Python."),
            ),
            Self::TooManyCells { count, limit } => (
                format!("Le carnet a {count} cellules ; la page en ouvre au plus {limit}."),
                format!("The notebook has {count} cells; the page opens at most {limit}."),
            ),
            Self::CellTooLarge { index, limit, .. } => (
                format!(
                    "La cellule {index} dépasse {} Kio ; la page ne l'ouvre pas.",
                    limit / 1024
                ),
                format!(
                    "Cell {index} is over {} KiB; the page cannot open it.",
                    limit / 1024
                ),
            ),
        };
        Message { fr, en }
    }
}

/// `text` cut to `max_chars` characters, with an ellipsis if it was longer.
fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge { bytes, limit } => {
                write!(f, "file too large: {bytes} bytes (limit {limit})")
            }
            Self::Notebook(error) => error.fmt(f),
            Self::NotPython(language) => write!(f, "not a Python notebook: {language}"),
            Self::TooManyCells { count, limit } => {
                write!(f, "too many cells: {count} (limit {limit})")
            }
            Self::CellTooLarge {
                index,
                bytes,
                limit,
            } => write!(f, "cell {index} too large: {bytes} bytes (limit {limit})"),
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Notebook(error) => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
