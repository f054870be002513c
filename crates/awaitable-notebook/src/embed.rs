//! Embedding one cell of the page in another site: the address to frame, the
//! snippet an instructor pastes, and which earlier cells a lone cell needs.
//!
//! A single-cell embed (`?cell=N&embed=1`) shows cell N only, but cell N may
//! use what earlier cells define: the course's cell (c) awaits `exemple`,
//! which cell (a) defines. Before the embedded cell first runs on a kernel,
//! the page runs the earlier cells that only define things ([`setup_cells`]):
//! imports, functions and classes. Cells that compute, print or sleep are
//! never run behind the learner's back.

use awaitable_python::ast::StmtKind;
use awaitable_python::parser::parse_module;

use crate::course::Lang;

/// The message type the page posts to its parent with its height.
pub const RESIZE_MESSAGE: &str = "awaitable:resize";

/// The subject of Canvas's resize message, which the page posts too.
pub const CANVAS_RESIZE_SUBJECT: &str = "lti.frameResize";

/// Whether `source` only defines names: every top-level statement is an
/// import, a function or a class (decorated or not). Code that does not
/// parse is not.
pub fn is_definition_only(source: &str) -> bool {
    let Ok(module) = parse_module(source) else {
        return false;
    };
    !module.body.is_empty()
        && module.body.iter().all(|statement| {
            matches!(
                statement.kind,
                StmtKind::Import(_)
                    | StmtKind::ImportFrom { .. }
                    | StmtKind::FunctionDef(_)
                    | StmtKind::ClassDef(_)
            )
        })
}

/// The positions of the cells among `sources[..cell]` that only define names
/// (see [`is_definition_only`]), in order: what to run before `cell` when it
/// is shown alone.
pub fn setup_cells<S: AsRef<str>>(sources: &[S], cell: usize) -> Vec<usize> {
    sources
        .iter()
        .take(cell)
        .enumerate()
        .filter(|(_, source)| is_definition_only(source.as_ref()))
        .map(|(index, _)| index)
        .collect()
}

/// The address that shows code cell `number` (from 1) of the page at `page`
/// (its address without query or fragment) alone, in `lang`.
pub fn embed_url(page: &str, number: usize, lang: Lang) -> String {
    format!("{page}?cell={number}&embed=1&lang={}", lang.code())
}

/// What an instructor pastes into a course page to embed code cell `number`:
/// a sandboxed `<iframe>` and a short script that fits its height to what the
/// page reports. The script trusts only messages from its own frame: the
/// source must be the frame's window, and the origin the frame's own or
/// `"null"`, the opaque origin of a frame sandboxed without
/// `allow-same-origin`.
pub fn embed_snippet(page: &str, number: usize, lang: Lang) -> String {
    let src = html_attribute(&embed_url(page, number, lang));
    let title = match lang {
        Lang::Fr => format!("Awaitable — cellule {number}"),
        Lang::En => format!("Awaitable — cell {number}"),
    };
    format!(
        r#"<iframe src="{src}" title="{title}" sandbox="allow-scripts" loading="lazy" style="width: 100%; height: 420px; border: 0;"></iframe>
<script>
  (function () {{
    // Fit the frame to the height Awaitable reports.
    var frame = document.currentScript.previousElementSibling;
    var origin = new URL(frame.src, location.href).origin;
    window.addEventListener("message", function (event) {{
      if (event.source !== frame.contentWindow) return;
      if (event.origin !== origin && event.origin !== "null") return;
      var data = event.data;
      if (!data || data.type !== "{RESIZE_MESSAGE}") return;
      var height = Number(data.height);
      if (height > 0 && height < 100000) frame.style.height = Math.ceil(height) + "px";
    }});
  }})();
</script>
"#
    )
}

/// `text` escaped for a double-quoted HTML attribute.
fn html_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use crate::course::{course, Lang};
    use crate::embed::{embed_snippet, embed_url, is_definition_only, setup_cells};

    #[test]
    fn definitions_only() {
        assert!(is_definition_only(
            "import asyncio,time\n\nasync def f():\n    print(1)\n"
        ));
        assert!(is_definition_only(
            "from x import y\n@d\nclass C:\n    pass\n"
        ));
        assert!(!is_definition_only("import time\ntime.sleep(10)\n"));
        assert!(!is_definition_only("x = 1\n"));
        assert!(!is_definition_only("await f()"));
        assert!(!is_definition_only("def f(:\n"));
        assert!(!is_definition_only("# nothing\n"));
    }

    #[test]
    fn the_course_cells_after_a_need_cell_a_only() {
        let sources: Vec<&str> = course()
            .iter()
            .filter_map(|cell| cell.code().map(|code| code.source))
            .collect();
        assert_eq!(setup_cells(&sources, 0), Vec::<usize>::new());
        // Cells (b) to (e) and beyond: only cell (a) defines without running.
        for cell in 1..sources.len() {
            assert_eq!(setup_cells(&sources, cell), vec![0], "cell {}", cell + 1);
        }
    }

    #[test]
    fn the_snippet_frames_the_cell_sandboxed_and_checks_the_sender() {
        let page = "https://cours.example/async/index.html";
        assert_eq!(
            embed_url(page, 3, Lang::Fr),
            "https://cours.example/async/index.html?cell=3&embed=1&lang=fr"
        );
        let snippet = embed_snippet(page, 3, Lang::En);
        assert!(snippet.starts_with(
            "<iframe src=\"https://cours.example/async/index.html?cell=3&amp;embed=1&amp;lang=en\""
        ));
        assert!(snippet.contains("sandbox=\"allow-scripts\""));
        assert!(snippet.contains("event.source !== frame.contentWindow"));
        assert!(snippet.contains("event.origin !== origin && event.origin !== \"null\""));
        assert!(snippet.contains("\"awaitable:resize\""));
        // The iframe and about fifteen lines of script.
        let script_lines = snippet.lines().skip(1).count();
        assert!((12..=18).contains(&script_lines), "{script_lines} lines");
        // A hostile page address cannot break out of the attribute.
        let hostile = embed_snippet("https://x/\"><script>alert(1)</script>", 1, Lang::Fr);
        assert!(!hostile.contains("\"><script>alert"), "{hostile}");
    }
}
