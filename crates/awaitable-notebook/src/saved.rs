//! The learner's saved work: what the page keeps in the browser's storage so
//! that edits survive a reload.
//!
//! One [`SavedWork`] per notebook, stored under [`NotebookId::storage_key`]
//! (`awaitable:v1:course-fr`) as versioned JSON:
//!
//! ```json
//! {"version": 1, "notebook": "course-fr", "clock": "fast",
//!  "sources": {"exercise": "import asyncio\n..."},
//!  "verdicts": [{"check": "uses_coroutines", "verdict": "pass"},
//!               {"check": "faster", "verdict": "fail", "fr": "...", "en": "..."}]}
//! ```
//!
//! Only the cells whose source differs from the notebook's are stored
//! ([`diff`]), and [`apply`] lays them back over the notebook's cells.
//!
//! Compatibility: revisions of this format only add fields, raising
//! `version`; [`SavedWork::from_json`] ignores fields it does not know and
//! gives missing optional fields their defaults, so it reads both older and
//! newer revisions. A change that old readers could misread would get a new
//! storage key prefix (`awaitable:v2:`), so that they never see it.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::course::Lang;
use crate::exercise::{Check, Message, Verdict};
use crate::ipynb::Cell;
use crate::params::ClockChoice;

/// The revision of the JSON format that [`SavedWork::to_json`] writes.
pub const FORMAT_VERSION: u64 = 1;

/// What every storage key starts with; the `v1` changes only if the format
/// changes in a way that older pages would misread.
pub const STORAGE_PREFIX: &str = "awaitable:v1:";

/// The largest saved JSON, in bytes, that [`SavedWork::to_json`] writes and
/// [`SavedWork::from_json`] reads: 1 MiB, well within the browser's storage
/// quota (about 5 MB per site), so that one huge paste cannot fill it.
pub const MAX_SAVED_BYTES: usize = 1 << 20;

/// The longest notebook id.
pub const MAX_NOTEBOOK_ID_LEN: usize = 64;

/// Which notebook saved work belongs to: `course-fr`, `course-en`, or another
/// id of 1 to 64 ASCII letters, digits, `-` and `_` (a scratch notebook, an
/// imported one). The restricted alphabet keeps storage keys unambiguous.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NotebookId(String);

/// The learner's work on one notebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedWork {
    /// The notebook the work belongs to.
    pub notebook: NotebookId,
    /// The sources of the code cells the learner changed, by cell id.
    pub sources: BTreeMap<String, String>,
    /// The clock the learner chose.
    pub clock: ClockChoice,
    /// The exercise's checks after its last run, in the order
    /// [`crate::exercise::validate`] gives them; empty before the first run.
    pub verdicts: Vec<(Check, Verdict)>,
}

/// Why saved work could not be written or read. The page then starts fresh
/// and tells the learner, with [`SavedError::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedError {
    /// The JSON is over [`MAX_SAVED_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The stored text is not JSON; holds the JSON parser's message.
    NotJson(String),
    /// The JSON is not saved work; says what is wrong.
    Invalid(String),
}

impl NotebookId {
    /// The id of the course in `lang`: `course-fr` or `course-en`.
    pub fn course(lang: Lang) -> Self {
        Self(format!("course-{}", lang.code()))
    }

    /// The id `id`, if it is a valid one (see [`NotebookId`]).
    pub fn new(id: &str) -> Option<Self> {
        let valid = (1..=MAX_NOTEBOOK_ID_LEN).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        valid.then(|| Self(id.to_owned()))
    }

    /// The id of a notebook imported from a file, from a hash of its content:
    /// `import-` and 16 hex digits.
    pub(crate) fn imported(hash: u64) -> Self {
        Self(format!("import-{hash:016x}"))
    }

    /// The id of the scratch notebook a share link opens, from a hash of its
    /// code: `shared-` and 16 hex digits.
    pub(crate) fn shared(hash: u64) -> Self {
        Self(format!("shared-{hash:016x}"))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The course's language if this is the id of the course in a language.
    pub fn course_lang(&self) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|&lang| *self == Self::course(lang))
    }

    /// The key to store this notebook's work under: `awaitable:v1:<id>`.
    pub fn storage_key(&self) -> String {
        format!("{STORAGE_PREFIX}{}", self.0)
    }

    /// The notebook whose work a storage key holds, `None` for keys that are
    /// not saved work of this format (other apps' keys, other versions).
    pub fn from_storage_key(key: &str) -> Option<Self> {
        key.strip_prefix(STORAGE_PREFIX).and_then(Self::new)
    }
}

impl std::fmt::Display for NotebookId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl SavedWork {
    /// No work yet on `notebook`: no edits, the default clock, no verdicts.
    pub fn new(notebook: NotebookId) -> Self {
        Self {
            notebook,
            sources: BTreeMap::new(),
            clock: ClockChoice::default(),
            verdicts: Vec::new(),
        }
    }

    /// Whether there is nothing worth storing (the storage key can then be
    /// removed).
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty() && self.clock == ClockChoice::default() && self.verdicts.is_empty()
    }

    /// The learner's source for a cell, `None` if they have not changed it.
    pub fn source(&self, cell_id: &str) -> Option<&str> {
        self.sources.get(cell_id).map(String::as_str)
    }

    /// Records the editor's text for a cell: stored if it differs from the
    /// notebook's `original`, forgotten if the learner went back to it.
    pub fn set_source(&mut self, cell_id: &str, original: &str, edited: &str) {
        if original == edited {
            self.sources.remove(cell_id);
        } else {
            self.sources.insert(cell_id.to_owned(), edited.to_owned());
        }
    }

    /// The key to store this work under (see [`NotebookId::storage_key`]).
    pub fn storage_key(&self) -> String {
        self.notebook.storage_key()
    }

    /// The work as JSON for storage, or [`SavedError::TooLarge`] if it is over
    /// [`MAX_SAVED_BYTES`] (the page should then say that the work is too
    /// large to be kept, and keep the previous save).
    pub fn to_json(&self) -> Result<String, SavedError> {
        let verdicts: Vec<Value> = self
            .verdicts
            .iter()
            .map(|(check, verdict)| verdict_value(*check, verdict))
            .collect();
        let sources: Map<String, Value> = self
            .sources
            .iter()
            .map(|(id, source)| (id.clone(), Value::String(source.clone())))
            .collect();
        let mut map = Map::new();
        map.insert("version".into(), FORMAT_VERSION.into());
        map.insert("notebook".into(), self.notebook.as_str().into());
        map.insert("clock".into(), self.clock.as_str().into());
        map.insert("sources".into(), Value::Object(sources));
        map.insert("verdicts".into(), Value::Array(verdicts));
        let text = Value::Object(map).to_string();
        if text.len() > MAX_SAVED_BYTES {
            return Err(SavedError::TooLarge {
                bytes: text.len(),
                limit: MAX_SAVED_BYTES,
            });
        }
        Ok(text)
    }

    /// Reads work stored by [`SavedWork::to_json`], of this or another
    /// revision of the format (see the module's documentation).
    ///
    /// Required: a JSON object with a positive integer `version` and a valid
    /// `notebook` id. `sources`, if present, must map strings to strings.
    /// Lenient where a newer page may have written something this one does not
    /// know: an unknown `clock` is the default clock, and verdicts naming
    /// unknown checks or outcomes are left out (the next run recomputes them).
    pub fn from_json(json: &str) -> Result<Self, SavedError> {
        if json.len() > MAX_SAVED_BYTES {
            return Err(SavedError::TooLarge {
                bytes: json.len(),
                limit: MAX_SAVED_BYTES,
            });
        }
        let value: Value =
            serde_json::from_str(json).map_err(|error| SavedError::NotJson(error.to_string()))?;
        let Value::Object(map) = value else {
            return Err(invalid("not a JSON object"));
        };
        match map.get("version").and_then(Value::as_u64) {
            Some(version) if version >= 1 => {}
            Some(_) | None => return Err(invalid("no \"version\" (a positive integer)")),
        }
        let notebook = map
            .get("notebook")
            .and_then(Value::as_str)
            .and_then(NotebookId::new)
            .ok_or_else(|| invalid("no valid \"notebook\" id"))?;
        let clock = map
            .get("clock")
            .and_then(Value::as_str)
            .and_then(ClockChoice::from_param)
            .unwrap_or_default();
        Ok(Self {
            notebook,
            sources: read_sources(&map)?,
            clock,
            verdicts: read_verdicts(&map)?,
        })
    }
}

fn invalid(message: &str) -> SavedError {
    SavedError::Invalid(message.to_owned())
}

fn read_sources(map: &Map<String, Value>) -> Result<BTreeMap<String, String>, SavedError> {
    let sources = match map.get("sources") {
        None | Some(Value::Null) => return Ok(BTreeMap::new()),
        Some(Value::Object(sources)) => sources,
        Some(_) => return Err(invalid("\"sources\" is not an object")),
    };
    sources
        .iter()
        .map(|(id, source)| match source {
            Value::String(source) => Ok((id.clone(), source.clone())),
            _ => Err(SavedError::Invalid(format!(
                "the source of cell {:?} is not a string",
                truncate(id, 64)
            ))),
        })
        .collect()
}

fn read_verdicts(map: &Map<String, Value>) -> Result<Vec<(Check, Verdict)>, SavedError> {
    match map.get("verdicts") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items.iter().filter_map(verdict_from_value).collect()),
        Some(_) => Err(invalid("\"verdicts\" is not a list")),
    }
}

fn truncate(text: &str, max_chars: usize) -> &str {
    text.char_indices()
        .nth(max_chars)
        .map_or(text, |(end, _)| &text[..end])
}

/// The names of checks in saved work; matching exhaustively on [`Check`]
/// makes a new check fail to compile until it has a name here.
fn check_name(check: Check) -> &'static str {
    match check {
        Check::UsesCoroutines => "uses_coroutines",
        Check::FetchesAllPages => "fetches_all_pages",
        Check::Faster => "faster",
    }
}

const CHECKS: [Check; 3] = [Check::UsesCoroutines, Check::FetchesAllPages, Check::Faster];

fn verdict_value(check: Check, verdict: &Verdict) -> Value {
    let (name, message) = match verdict {
        Verdict::Pass => ("pass", None),
        Verdict::Fail(message) => ("fail", Some(message)),
        Verdict::NotYet(message) => ("not_yet", Some(message)),
    };
    let mut map = Map::new();
    map.insert("check".into(), check_name(check).into());
    map.insert("verdict".into(), name.into());
    if let Some(message) = message {
        map.insert("fr".into(), message.fr.clone().into());
        map.insert("en".into(), message.en.clone().into());
    }
    Value::Object(map)
}

fn verdict_from_value(value: &Value) -> Option<(Check, Verdict)> {
    let name = value.get("check")?.as_str()?;
    let check = CHECKS
        .into_iter()
        .find(|&check| check_name(check) == name)?;
    let message = || {
        let text = |lang: &str| value.get(lang).and_then(Value::as_str).unwrap_or_default();
        Message {
            fr: text("fr").to_owned(),
            en: text("en").to_owned(),
        }
    };
    let verdict = match value.get("verdict")?.as_str()? {
        "pass" => Verdict::Pass,
        "fail" => Verdict::Fail(message()),
        "not_yet" => Verdict::NotYet(message()),
        _ => return None,
    };
    Some((check, verdict))
}

/// The notebook's cells with the learner's edits laid over them: each code
/// cell whose id has a saved source gets that source, and loses its outputs
/// and execution count, which belonged to the old source. Markdown and raw
/// cells are never changed, and saved sources naming no code cell are
/// ignored.
pub fn apply(work: &SavedWork, cells: &[Cell]) -> Vec<Cell> {
    cells
        .iter()
        .map(|cell| {
            let mut cell = cell.clone();
            if let Some(code) = cell.as_code_mut() {
                let saved = code.id.as_deref().and_then(|id| work.source(id));
                if let Some(source) = saved {
                    if *source != code.source {
                        code.source = source.to_owned();
                        code.clear_outputs();
                    }
                }
            }
            cell
        })
        .collect()
}

/// The work on `notebook` that turns the `original` cells into the `edited`
/// ones: the sources of the code cells, matched by id, that differ. Cells
/// without an id, or whose id is not a code cell of `original`, are left out
/// (there is nothing [`apply`] could lay them on); for a repeated id the first
/// cell counts. The clock and verdicts are the defaults.
pub fn diff(notebook: NotebookId, original: &[Cell], edited: &[Cell]) -> SavedWork {
    let mut originals: BTreeMap<&str, &str> = BTreeMap::new();
    for code in original.iter().filter_map(Cell::as_code) {
        if let Some(id) = code.id.as_deref() {
            originals.entry(id).or_insert(&code.source);
        }
    }
    let mut work = SavedWork::new(notebook);
    for code in edited.iter().filter_map(Cell::as_code) {
        let Some(id) = code.id.as_deref() else {
            continue;
        };
        // Take each id once, so that a later duplicate cannot undo it.
        if let Some(original) = originals.remove(id) {
            work.set_source(id, original, &code.source);
        }
    }
    work
}

impl SavedError {
    /// What to tell the learner, in French and English.
    pub fn message(&self) -> Message {
        match self {
            Self::TooLarge { limit, .. } => Message {
                fr: format!(
                    "Votre travail dépasse {} Kio et ne peut pas être enregistré \
                     dans ce navigateur.",
                    limit / 1024
                ),
                en: format!(
                    "Your work is over {} KiB and cannot be saved in this browser.",
                    limit / 1024
                ),
            },
            Self::NotJson(_) | Self::Invalid(_) => Message {
                fr: "Le travail enregistré dans ce navigateur est illisible : \
                     le carnet repart de zéro."
                    .to_owned(),
                en: "The work saved in this browser could not be read: \
                     the notebook starts afresh."
                    .to_owned(),
            },
        }
    }
}

impl std::fmt::Display for SavedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge { bytes, limit } => {
                write!(f, "saved work too large: {bytes} bytes (limit {limit})")
            }
            Self::NotJson(reason) => write!(f, "saved work is not JSON ({reason})"),
            Self::Invalid(reason) => write!(f, "not saved work: {reason}"),
        }
    }
}

impl std::error::Error for SavedError {}

#[cfg(test)]
mod tests;
