//! The course "Fonctions asynchrones" as data: explanations in French and
//! English, and the code cells exactly as the course ran them.
//!
//! The web app renders [`course`] cell by cell (prose through
//! [`crate::markdown`]); [`to_notebook`] exports it as an `.ipynb` that opens
//! in Jupyter.

mod code;
mod prose;

use serde_json::{json, Value};

use crate::ipynb::{self, Metadata, Notebook};
use prose::Text;

/// The language the course is shown in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// French, the course's own language and the default.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Every language, French first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// Reads a `?lang=` parameter: `en` is English, anything else (missing,
    /// misspelt, unsupported) falls back to French rather than failing.
    pub fn from_param(param: &str) -> Self {
        if param.trim().eq_ignore_ascii_case("en") {
            Self::En
        } else {
            Self::Fr
        }
    }

    /// The language's code, `fr` or `en`, as [`Lang::from_param`] reads it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }
}

/// One cell of the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CourseCell {
    /// A stable id, unique in the course, valid as an nbformat cell id.
    pub id: &'static str,
    /// Prose or code.
    pub kind: CellKind,
    /// Whether the cell is shown from the start or only with the solution.
    pub visibility: Visibility,
}

/// What a course cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// An explanation, in Markdown, in both languages.
    Prose {
        /// French text.
        fr: &'static str,
        /// English text.
        en: &'static str,
    },
    /// Python code, the same in both languages.
    Code(CodeCell),
}

/// A code cell of the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeCell {
    /// The Python source, as the course ran it.
    pub source: &'static str,
    /// What the cell is for in the course.
    pub role: CodeRole,
}

/// What a code cell is for; the page shows each role differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRole {
    /// A demonstration to run and read.
    Demo,
    /// Times a synchronous and an asynchronous version (cells (d), (e)) or
    /// gives the synchronous reference time (cell (f)); the page compares the
    /// durations it prints.
    Comparison,
    /// The learner's answer, checked by [`crate::exercise::validate`].
    Exercise,
    /// A solution to the exercise.
    Solution,
}

/// When a cell is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// From the start.
    Always,
    /// Only once the learner asks for the solution: the solution's code and
    /// the explanations that would give it away.
    WithSolution,
}

/// Id of cell (f), the synchronous version whose duration the exercise
/// must beat.
pub const SYNC_CELL_ID: &str = "cell-f";

/// Id of the learner's cell.
pub const EXERCISE_CELL_ID: &str = "exercise";

/// Id of the solution's code cell.
pub const SOLUTION_CELL_ID: &str = "solution";

impl CourseCell {
    /// The explanation in `lang`, if this is a prose cell.
    pub fn prose(&self, lang: Lang) -> Option<&'static str> {
        match self.kind {
            CellKind::Prose { fr, en } => Some(match lang {
                Lang::Fr => fr,
                Lang::En => en,
            }),
            CellKind::Code(_) => None,
        }
    }

    /// The code, if this is a code cell.
    pub fn code(&self) -> Option<&CodeCell> {
        match &self.kind {
            CellKind::Code(code) => Some(code),
            CellKind::Prose { .. } => None,
        }
    }

    /// The same cell, shown only with the solution.
    fn with_solution(self) -> Self {
        Self {
            visibility: Visibility::WithSolution,
            ..self
        }
    }
}

/// The course's cells, in order.
pub fn course() -> Vec<CourseCell> {
    use CodeRole::{Comparison, Demo, Exercise, Solution};
    vec![
        prose_cell("intro", &prose::INTRO),
        prose_cell("reminder", &prose::REMINDER),
        prose_cell("threads", &prose::THREADS),
        prose_cell("coroutines", &prose::COROUTINES),
        code_cell("cell-a", code::A, Demo),
        prose_cell("before-b", &prose::B_BEFORE),
        code_cell("cell-b", code::B, Demo),
        prose_cell("event-loop", &prose::EVENT_LOOP),
        code_cell("cell-c", code::C, Demo),
        prose_cell("sleep", &prose::SLEEP),
        code_cell("cell-d", code::D, Comparison),
        prose_cell("after-d", &prose::D_AFTER),
        prose_cell("tasks", &prose::E_BEFORE),
        code_cell("cell-e", code::E, Comparison),
        prose_cell("after-e", &prose::E_AFTER),
        prose_cell("exercise-intro", &prose::EXERCISE),
        code_cell(SYNC_CELL_ID, code::F, Comparison),
        prose_cell("exercise-task", &prose::EXERCISE_TASK),
        code_cell(EXERCISE_CELL_ID, code::EXERCISE, Exercise),
        prose_cell("solution-intro", &prose::SOLUTION_BEFORE).with_solution(),
        code_cell(SOLUTION_CELL_ID, code::SOLUTION, Solution).with_solution(),
        prose_cell("solution-notes", &prose::SOLUTION_AFTER).with_solution(),
        prose_cell("conclusion", &prose::CONCLUSION),
    ]
}

fn prose_cell(id: &'static str, text: &Text) -> CourseCell {
    CourseCell {
        id,
        kind: CellKind::Prose {
            fr: text.fr,
            en: text.en,
        },
        visibility: Visibility::Always,
    }
}

fn code_cell(id: &'static str, source: &'static str, role: CodeRole) -> CourseCell {
    CourseCell {
        id,
        kind: CellKind::Code(CodeCell { source, role }),
        visibility: Visibility::Always,
    }
}

/// The course as a Jupyter notebook in `lang` (nbformat 4.5, Python 3
/// kernel, no outputs): prose as markdown cells, code as code cells, ids kept.
/// Roles other than demos become cell tags, and solution cells start with
/// their source collapsed, as they are hidden on the page.
pub fn to_notebook(lang: Lang) -> Notebook {
    let mut notebook = Notebook::new_empty();
    notebook.metadata = notebook_metadata(lang);
    for cell in course() {
        notebook.push_cell(notebook_cell(&cell, lang));
    }
    notebook
}

/// A Python 3 notebook's metadata, with the page's language.
pub(crate) fn notebook_metadata(lang: Lang) -> Metadata {
    let value = json!({
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "awaitable": {"lang": lang.code()},
    });
    as_object(value)
}

fn notebook_cell(cell: &CourseCell, lang: Lang) -> ipynb::Cell {
    let mut out = match &cell.kind {
        CellKind::Prose { .. } => ipynb::Cell::markdown(cell.prose(lang).unwrap_or_default()),
        CellKind::Code(code) => ipynb::Cell::code(code.source),
    };
    out.set_id(Some(cell.id.to_owned()));
    let metadata = cell_metadata(cell);
    match &mut out {
        ipynb::Cell::Code(code) => code.metadata = metadata,
        ipynb::Cell::Markdown(text) | ipynb::Cell::Raw(text) => text.metadata = metadata,
    }
    out
}

fn cell_metadata(cell: &CourseCell) -> Metadata {
    let mut metadata = Metadata::new();
    if let Some(tag) = cell.code().and_then(|code| role_tag(code.role)) {
        metadata.insert("tags".into(), json!([tag]));
    }
    if cell.visibility == Visibility::WithSolution {
        // JupyterLab's way of collapsing a cell's input until it is clicked.
        metadata.insert("jupyter".into(), json!({"source_hidden": true}));
    }
    metadata
}

fn role_tag(role: CodeRole) -> Option<&'static str> {
    match role {
        CodeRole::Demo => None,
        CodeRole::Comparison => Some("comparison"),
        CodeRole::Exercise => Some("exercise"),
        CodeRole::Solution => Some("solution"),
    }
}

fn as_object(value: Value) -> Metadata {
    match value {
        Value::Object(map) => map,
        _ => Metadata::new(),
    }
}

#[cfg(test)]
mod tests;
