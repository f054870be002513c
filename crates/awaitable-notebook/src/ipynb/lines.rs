//! Splitting text into the list of lines that nbformat writes.

/// Splits `text` into lines that keep their line break, exactly like Python's
/// `str.splitlines(keepends=True)`, which nbformat uses to write multiline
/// fields. Matching it matters for byte-identical files: Python also breaks at
/// `\r`, `\v`, `\f`, `\x1c`-`\x1e`, `\x85`, U+2028 and U+2029, not only `\n`.
/// The empty string gives no lines, as in Python.
pub(crate) fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((index, ch)) = chars.next() {
        if !is_line_break(ch) {
            continue;
        }
        let mut end = index + ch.len_utf8();
        if ch == '\r' {
            if let Some((next, '\n')) = chars.peek().copied() {
                end = next + 1;
                chars.next();
            }
        }
        lines.push(&text[start..end]);
        start = end;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

fn is_line_break(ch: char) -> bool {
    matches!(
        ch,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

#[cfg(test)]
mod tests {
    use crate::ipynb::lines::split_lines;

    #[test]
    fn keeps_line_breaks_except_after_the_last_line() {
        assert_eq!(split_lines("a\nb\n"), ["a\n", "b\n"]);
        assert_eq!(split_lines("a\nb"), ["a\n", "b"]);
        assert_eq!(split_lines("\n\n"), ["\n", "\n"]);
    }

    #[test]
    fn empty_text_has_no_lines() {
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn breaks_where_python_does() {
        assert_eq!(
            split_lines("a\r\nb\rc\u{2028}d\u{0c}e\u{85}f"),
            ["a\r\n", "b\r", "c\u{2028}", "d\u{0c}", "e\u{85}", "f"]
        );
    }

    #[test]
    fn joining_the_lines_gives_the_text_back() {
        let text = "é\r\n\r\r\n🐍\u{2029}";
        assert_eq!(split_lines(text).concat(), text);
    }
}
