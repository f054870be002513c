//! Which parts of the page show: all of it, the notebook alone inside
//! another site (`?embed=1`), or one cell (`?cell=N&embed=1`).

use awaitable_notebook::params::PageOptions;

use crate::host::CellIndex;
use crate::state::{Focus, Notebook};

/// The page's layout, chosen once when it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The whole page: header, toolbar, help and every cell.
    Page,
    /// Inside another page: the notebook without the header and help.
    Embedded,
    /// Inside another page: one code cell, its output and its run views,
    /// with a compact toolbar.
    SingleCell(CellIndex),
}

impl Layout {
    /// The layout `options` ask for, in `notebook`: a single cell when they
    /// embed the page and point at a code cell that exists.
    pub fn choose(options: &PageOptions, notebook: &Notebook) -> Layout {
        if !options.embed {
            return Layout::Page;
        }
        match options
            .cell
            .as_ref()
            .and_then(|target| notebook.focus(target))
        {
            Some(Focus::Code(n)) => Layout::SingleCell(n - 1),
            Some(Focus::Prose(_)) | None => Layout::Embedded,
        }
    }

    /// Whether the page is shown inside another one.
    pub fn is_embedded(self) -> bool {
        self != Layout::Page
    }

    /// Whether cell `index` is shown.
    pub fn shows_cell(self, index: CellIndex) -> bool {
        match self {
            Layout::SingleCell(cell) => cell == index,
            Layout::Page | Layout::Embedded => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use awaitable_notebook::params::parse_query;

    use crate::layout::Layout;
    use crate::state::{Loaded, Notebook};

    fn layout(query: &str) -> Layout {
        let options = parse_query(query);
        Layout::choose(&options, &Notebook::start(&options, Loaded::Nothing))
    }

    #[test]
    fn embed_and_cell_choose_the_layout() {
        assert_eq!(layout(""), Layout::Page);
        assert_eq!(layout("?cell=3"), Layout::Page);
        assert_eq!(layout("?embed=1"), Layout::Embedded);
        assert_eq!(layout("?embed=1&cell=3"), Layout::SingleCell(2));
        assert_eq!(layout("?cell=exercise&embed=1"), Layout::SingleCell(6));
        // A prose cell, or a cell that does not exist: the whole notebook.
        assert_eq!(layout("?embed=1&cell=intro"), Layout::Embedded);
        assert_eq!(layout("?embed=1&cell=99"), Layout::Embedded);
        assert!(Layout::SingleCell(2).shows_cell(2));
        assert!(!Layout::SingleCell(2).shows_cell(1));
        assert!(Layout::Embedded.shows_cell(1) && Layout::Embedded.is_embedded());
        assert!(!Layout::Page.is_embedded());
    }
}
