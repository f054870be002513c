//! The notebook the page shows: the course, or a notebook the learner
//! imported. A [`Document`] is its fixed part (prose, the cells' order and
//! original code); the learner's edits and the runs live in the state.

use std::rc::Rc;

use awaitable_notebook::course::{self, CellKind, CodeRole, Lang, Visibility};
use awaitable_notebook::ipynb::Cell;
use awaitable_notebook::ipynb_import::{export_course, export_imported, ImportedNotebook};
use awaitable_notebook::saved::{NotebookId, SavedWork};

use crate::host::CellIndex;

/// Where the notebook shown comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// The course, in whatever language the page is in.
    Course,
    /// A notebook the learner opened from a file.
    Imported(Rc<ImportedNotebook>),
    /// The scratch notebook a share link opened.
    Shared(Rc<ImportedNotebook>),
}

/// Prose: the course's, in both languages, or an imported notebook's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProseText {
    /// The course's explanation in French and English.
    Both {
        /// French.
        fr: &'static str,
        /// English.
        en: &'static str,
    },
    /// An imported markdown cell, in whatever language it was written.
    One(String),
}

impl ProseText {
    /// The Markdown to show in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match (self, lang) {
            (ProseText::Both { fr, .. }, Lang::Fr) => fr,
            (ProseText::Both { en, .. }, Lang::En) => en,
            (ProseText::One(text), _) => text,
        }
    }
}

/// A prose cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prose {
    /// Its id in the notebook.
    pub id: String,
    /// Its Markdown.
    pub text: ProseText,
    /// When it is shown.
    pub visibility: Visibility,
}

/// One cell in the notebook's order.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// Prose.
    Prose(Rc<Prose>),
    /// The code cell at this index of the state's code cells.
    Code(CellIndex),
}

/// A code cell as the notebook has it, before the learner edits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSpec {
    /// Its id in the notebook (saved edits are keyed by it).
    pub id: String,
    /// Its code.
    pub source: String,
    /// What it is for.
    pub role: CodeRole,
    /// When it is shown.
    pub visibility: Visibility,
}

/// The fixed part of the notebook shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Course or imported.
    pub origin: Origin,
    /// The id the learner's work is saved under.
    pub id: NotebookId,
    /// The cells in order.
    pub entries: Vec<Entry>,
    /// The imported file's name, for exporting it back.
    pub file_name: Option<String>,
}

/// The id the course's work is saved under (see [`Document::course`]).
pub fn course_id() -> NotebookId {
    NotebookId::course(Lang::Fr)
}

impl Document {
    /// The course, and its code cells. Its work is saved under one id
    /// (`course-fr`) whatever the language: the code and the cell ids are the
    /// same in both, so switching language never splits the learner's work.
    pub fn course() -> (Document, Vec<CodeSpec>) {
        let mut entries = Vec::new();
        let mut code = Vec::new();
        for cell in course::course() {
            match cell.kind {
                CellKind::Prose { fr, en } => entries.push(Entry::Prose(Rc::new(Prose {
                    id: cell.id.to_owned(),
                    text: ProseText::Both { fr, en },
                    visibility: cell.visibility,
                }))),
                CellKind::Code(spec) => {
                    entries.push(Entry::Code(code.len()));
                    code.push(CodeSpec {
                        id: cell.id.to_owned(),
                        source: spec.source.to_owned(),
                        role: spec.role,
                        visibility: cell.visibility,
                    });
                }
            }
        }
        let document = Document {
            origin: Origin::Course,
            id: course_id(),
            entries,
            file_name: None,
        };
        (document, code)
    }

    /// A notebook read from the learner's file named `file_name`.
    pub fn imported(
        notebook: ImportedNotebook,
        file_name: Option<String>,
    ) -> (Document, Vec<CodeSpec>) {
        let file_name = file_name.filter(|name| !name.trim().is_empty());
        Document::from_notebook(Origin::Imported, notebook, file_name)
    }

    /// The scratch notebook of a share link (see
    /// [`awaitable_notebook::share::shared_notebook`]).
    pub fn shared(notebook: ImportedNotebook) -> (Document, Vec<CodeSpec>) {
        let file_name = Some("awaitable-shared.ipynb".to_owned());
        Document::from_notebook(Origin::Shared, notebook, file_name)
    }

    fn from_notebook(
        origin: fn(Rc<ImportedNotebook>) -> Origin,
        notebook: ImportedNotebook,
        file_name: Option<String>,
    ) -> (Document, Vec<CodeSpec>) {
        let mut entries = Vec::new();
        let mut code = Vec::new();
        for (position, cell) in notebook.cells.iter().enumerate() {
            // Ids are unique after the import; the position is a fallback
            // that cannot happen.
            let id = cell
                .id()
                .map_or_else(|| format!("cell-{}", position + 1), str::to_owned);
            match cell {
                Cell::Code(_) => {
                    entries.push(Entry::Code(code.len()));
                    code.push(CodeSpec {
                        id,
                        source: cell.source().to_owned(),
                        role: CodeRole::Demo,
                        visibility: Visibility::Always,
                    });
                }
                Cell::Markdown(_) | Cell::Raw(_) => entries.push(Entry::Prose(Rc::new(Prose {
                    id,
                    text: ProseText::One(cell.source().to_owned()),
                    visibility: Visibility::Always,
                }))),
            }
        }
        let document = Document {
            id: notebook.id.clone(),
            origin: origin(Rc::new(notebook)),
            entries,
            file_name,
        };
        (document, code)
    }

    /// The notebook as an `.ipynb` with the learner's `edits`; prose in
    /// `lang` for the course.
    pub fn export(&self, lang: Lang, edits: &SavedWork) -> String {
        match &self.origin {
            Origin::Course => export_course(lang, edits),
            Origin::Imported(notebook) | Origin::Shared(notebook) => {
                export_imported(notebook, edits)
            }
        }
    }

    /// The name of the exported file: the imported file's own, or the
    /// course's in `lang`.
    pub fn export_name(&self, lang: Lang) -> String {
        match &self.file_name {
            Some(name) if name.to_ascii_lowercase().ends_with(".ipynb") => name.clone(),
            Some(name) => format!("{name}.ipynb"),
            None => format!("awaitable-{}.ipynb", lang.code()),
        }
    }

    /// Whether this is the course.
    pub fn is_course(&self) -> bool {
        self.origin == Origin::Course
    }

    /// Whether this is a share link's scratch notebook.
    pub fn is_shared(&self) -> bool {
        matches!(self.origin, Origin::Shared(_))
    }
}

#[cfg(test)]
mod tests {
    use awaitable_notebook::course::{CodeRole, Lang, Visibility, EXERCISE_CELL_ID};
    use awaitable_notebook::ipynb_import::import_notebook;
    use awaitable_notebook::saved::SavedWork;

    use crate::document::{Document, Entry, ProseText};

    #[test]
    fn the_course_lists_prose_and_code_in_order() {
        let (document, code) = Document::course();
        assert!(document.is_course());
        assert_eq!(document.id.as_str(), "course-fr");
        let Some(Entry::Prose(intro)) = document.entries.first() else {
            panic!("the course starts with prose")
        };
        assert!(intro
            .text
            .get(Lang::Fr)
            .starts_with("# Fonctions asynchrones"));
        assert!(intro
            .text
            .get(Lang::En)
            .starts_with("# Asynchronous functions"));
        // Cells (a) to (f), the exercise and the solution.
        assert_eq!(code.len(), 8);
        assert_eq!(code[2].source, "await exemple()");
        assert_eq!(code[6].id, EXERCISE_CELL_ID);
        assert_eq!(code[6].role, CodeRole::Exercise);
        assert_eq!(code[7].visibility, Visibility::WithSolution);
        let code_entries: Vec<usize> = document
            .entries
            .iter()
            .filter_map(|entry| match entry {
                Entry::Code(index) => Some(*index),
                Entry::Prose(_) => None,
            })
            .collect();
        assert_eq!(code_entries, (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn an_export_imports_back_with_the_edits() {
        let (document, code) = Document::course();
        let mut edits = SavedWork::new(document.id.clone());
        edits.set_source(&code[0].id, &code[0].source, "print('edited')");
        let json = document.export(Lang::En, &edits);
        let imported = match import_notebook(&json) {
            Ok(imported) => imported,
            Err(error) => panic!("the export does not import: {error}"),
        };
        let (again, code) = Document::imported(imported, Some("mine.ipynb".to_owned()));
        assert!(!again.is_course());
        assert_eq!(code[0].source, "print('edited')");
        assert_eq!(code[0].id, "cell-a");
        let Some(Entry::Prose(intro)) = again.entries.first() else {
            panic!("prose first")
        };
        assert!(matches!(&intro.text, ProseText::One(text) if text.starts_with("# Asynchronous")));
        assert_eq!(again.export_name(Lang::Fr), "mine.ipynb");
        assert_eq!(document.export_name(Lang::Fr), "awaitable-fr.ipynb");
        // Exported again without edits, the cells are the same.
        let edits = SavedWork::new(again.id.clone());
        let twice = match import_notebook(&again.export(Lang::Fr, &edits)) {
            Ok(imported) => imported,
            Err(error) => panic!("the second export does not import: {error}"),
        };
        let Some(first) = Document::imported(twice, None).1.first().cloned() else {
            panic!("code cells")
        };
        assert_eq!(first.source, "print('edited')");
    }
}
