//! The code editor's keyboard edits, as pure functions on text and a
//! selection: Tab and Shift+Tab indent and dedent, Enter keeps (or adds) the
//! indentation.
//!
//! Offsets here are byte offsets into the Rust string. The browser's
//! selection counts UTF-16 code units: [`utf16_to_byte`] and
//! [`byte_to_utf16`] convert at the boundary, and never panic whatever the
//! offset (it is clamped to the text and moved to a character boundary).

/// One indentation level: four spaces, as PEP 8 and IPython use.
pub const INDENT: &str = "    ";

/// A change to the editor's text: replace `start..end` with `insert`, then
/// select `select` (byte offsets in the new text; equal for a caret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Start of the replaced range.
    pub start: usize,
    /// End of the replaced range.
    pub end: usize,
    /// What replaces it.
    pub insert: String,
    /// The selection afterwards, in the new text.
    pub select: (usize, usize),
}

impl Edit {
    /// The text after the edit.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + self.insert.len());
        out.push_str(text.get(..self.start).unwrap_or(text));
        out.push_str(&self.insert);
        out.push_str(text.get(self.end..).unwrap_or_default());
        out
    }
}

/// A selection made safe: both ends within the text, on character
/// boundaries, in order.
fn clamp(text: &str, start: usize, end: usize) -> (usize, usize) {
    let fix = |offset: usize| {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    };
    let (start, end) = (fix(start), fix(end));
    (start.min(end), start.max(end))
}

/// Where the line holding `offset` starts.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |at| at + 1)
}

/// Where the line holding `offset` ends (before its `\n`).
fn line_end(text: &str, offset: usize) -> usize {
    text[offset..]
        .find('\n')
        .map_or(text.len(), |at| offset + at)
}

/// The lines a selection touches, as a byte range from the first line's start
/// to the last line's end. A selection ending at the very start of a line
/// does not take that line (selecting three whole lines with the mouse ends
/// there).
fn touched_lines(text: &str, start: usize, end: usize) -> (usize, usize) {
    let last = if end > start && end == line_start(text, end) {
        end - 1
    } else {
        end
    };
    (line_start(text, start), line_end(text, last.max(start)))
}

/// Tab: with a selection over several lines, indents each non-empty line and
/// selects them; otherwise replaces the selection (or inserts at the caret)
/// with four spaces.
pub fn indent(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = clamp(text, start, end);
    if !text[start..end].contains('\n') {
        let caret = start + INDENT.len();
        return Edit {
            start,
            end,
            insert: INDENT.to_owned(),
            select: (caret, caret),
        };
    }
    let (from, to) = touched_lines(text, start, end);
    let indented: Vec<String> = text[from..to]
        .split('\n')
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{INDENT}{line}")
            }
        })
        .collect();
    let insert = indented.join("\n");
    let select = (from, from + insert.len());
    Edit {
        start: from,
        end: to,
        insert,
        select,
    }
}

/// How many leading bytes one dedent removes from `line`: up to four spaces,
/// or one tab.
fn dedent_width(line: &str) -> usize {
    if line.starts_with('\t') {
        return 1;
    }
    line.bytes()
        .take(INDENT.len())
        .take_while(|&b| b == b' ')
        .count()
}

/// Shift+Tab: removes one level of indentation from every line the selection
/// touches. A caret moves back with its line's text; a selection over several
/// lines ends up selecting them.
pub fn dedent(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = clamp(text, start, end);
    let (from, to) = touched_lines(text, start, end);
    let lines: Vec<&str> = text[from..to].split('\n').collect();
    let insert: Vec<&str> = lines
        .iter()
        .map(|line| &line[dedent_width(line)..])
        .collect();
    let insert = insert.join("\n");
    let select = if lines.len() == 1 {
        // One line: the selection keeps its place in the text, moving back
        // by what was removed before it (never before the line's start).
        let removed = dedent_width(lines[0]);
        let shift = |offset: usize| from + (offset - from).saturating_sub(removed);
        (shift(start), shift(end))
    } else {
        (from, from + insert.len())
    };
    Edit {
        start: from,
        end: to,
        insert,
        select,
    }
}

/// Enter: a new line with the current line's indentation, one level more
/// after a line ending with `:` (ignoring trailing spaces). Only the text
/// before the caret counts, so Enter in the middle of the indentation does not
/// add any.
pub fn newline(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = clamp(text, start, end);
    let before = &text[line_start(text, start)..start];
    let indentation: &str = &before[..before.len() - before.trim_start_matches([' ', '\t']).len()];
    let mut insert = format!("\n{indentation}");
    if before.trim_end().ends_with(':') {
        insert.push_str(INDENT);
    }
    let caret = start + insert.len();
    Edit {
        start,
        end,
        insert,
        select: (caret, caret),
    }
}

/// The byte offset of a UTF-16 offset (as the browser's selection gives it),
/// clamped to the text; an offset inside a surrogate pair goes to the
/// character's start.
pub fn utf16_to_byte(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (byte, c) in text.char_indices() {
        let next = units + c.len_utf16() as u32;
        if next > utf16 {
            return byte;
        }
        units = next;
    }
    text.len()
}

/// The UTF-16 offset of a byte offset, for the browser's selection.
pub fn byte_to_utf16(text: &str, byte: usize) -> u32 {
    let (byte, _) = clamp(text, byte, byte);
    text[..byte].chars().map(|c| c.len_utf16() as u32).sum()
}

#[cfg(test)]
mod tests {
    use crate::editing::{byte_to_utf16, dedent, indent, newline, utf16_to_byte, Edit};

    /// Applies an edit and shows the selection as `[` and `]` (or `|`).
    fn show(text: &str, edit: &Edit) -> String {
        let after = edit.apply(text);
        let (a, b) = edit.select;
        if a == b {
            format!("{}|{}", &after[..a], &after[a..])
        } else {
            format!("{}[{}]{}", &after[..a], &after[a..b], &after[b..])
        }
    }

    #[test]
    fn tab_inserts_four_spaces_or_replaces_a_selection_within_a_line() {
        assert_eq!(show("ab", &indent("ab", 1, 1)), "a    |b");
        assert_eq!(show("abcd", &indent("abcd", 1, 3)), "a    |d");
    }

    #[test]
    fn tab_indents_the_lines_of_a_selection_but_not_empty_ones() {
        let text = "if x:\ny = 1\n\nz = 2\nend";
        // From inside line 2 to inside line 4.
        let edit = indent(text, 7, 14);
        assert_eq!(show(text, &edit), "if x:\n[    y = 1\n\n    z = 2]\nend");
        // A selection ending at a line's start leaves that line alone.
        let edit = indent(text, 6, 12);
        assert_eq!(show(text, &edit), "if x:\n[    y = 1]\n\nz = 2\nend");
    }

    #[test]
    fn shift_tab_dedents_one_level() {
        let text = "def f():\n        return 1";
        let edit = dedent(text, 20, 20);
        assert_eq!(show(text, &edit), "def f():\n    ret|urn 1");
        // Two spaces only: both go, the caret stays on the line.
        let text = "  x";
        assert_eq!(show(text, &dedent(text, 1, 1)), "|x");
        assert_eq!(show("\tx", &dedent("\tx", 2, 2)), "x|");
        let text = "    a\n  b\nc";
        assert_eq!(show(text, &dedent(text, 0, text.len())), "[a\nb\nc]");
        assert_eq!(show("abc", &dedent("abc", 1, 1)), "a|bc");
    }

    #[test]
    fn enter_keeps_the_indentation_and_adds_a_level_after_a_colon() {
        let text = "for i in x:";
        assert_eq!(show(text, &newline(text, 11, 11)), "for i in x:\n    |");
        let text = "    print(i)";
        assert_eq!(show(text, &newline(text, 12, 12)), "    print(i)\n    |");
        let text = "    if a:  ";
        assert_eq!(show(text, &newline(text, 11, 11)), "    if a:  \n        |");
        // In the middle of the indentation: only what is before the caret.
        let text = "    x";
        assert_eq!(show(text, &newline(text, 2, 2)), "  \n  |  x");
        // A selection is replaced.
        assert_eq!(show("ab:cd", &newline("ab:cd", 1, 4)), "a\n|d");
    }

    #[test]
    fn offsets_out_of_range_or_inside_characters_are_clamped() {
        let text = "é = 1";
        assert_eq!(indent(text, 1, 99).start, 0);
        assert_eq!(newline(text, 99, 99).start, text.len());
        assert_eq!(dedent("", 5, 9).apply(""), "");
    }

    #[test]
    fn utf16_offsets_convert_both_ways() {
        let text = "a😀é\nb";
        // a (1 unit, 1 byte), 😀 (2 units, 4 bytes), é (1 unit, 2 bytes).
        assert_eq!(utf16_to_byte(text, 0), 0);
        assert_eq!(utf16_to_byte(text, 1), 1);
        assert_eq!(utf16_to_byte(text, 2), 1, "inside the surrogate pair");
        assert_eq!(utf16_to_byte(text, 3), 5);
        assert_eq!(utf16_to_byte(text, 4), 7);
        assert_eq!(utf16_to_byte(text, 100), text.len());
        assert_eq!(byte_to_utf16(text, 5), 3);
        assert_eq!(byte_to_utf16(text, 3), 1, "inside the emoji");
        assert_eq!(byte_to_utf16(text, 100), 6);
    }
}
