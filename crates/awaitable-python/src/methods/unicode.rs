//! Character classes and case mappings of CPython's `str`.
//!
//! Rust's `char` predicates follow different Unicode properties than CPython
//! (`char::is_alphabetic` is the Alphabetic property, `str.isalpha` is the
//! letter categories), so the classes come from tables generated with CPython
//! 3.12 itself. Case mappings use Rust's full mappings, patched where CPython
//! differs (titlecase, case folding, final sigma).

use super::unicode_tables as tables;

/// Whether `c` is in a packed run table (`start | (len - 1) << 21`, sorted).
fn in_table(table: &[u32], c: char) -> bool {
    run_start(table, c).is_some()
}

/// The start of the run of `table` containing `c`.
fn run_start(table: &[u32], c: char) -> Option<u32> {
    let c = c as u32;
    let i = table.partition_point(|&w| (w & 0x1f_ffff) <= c);
    let w = *table.get(i.checked_sub(1)?)?;
    let (start, len) = (w & 0x1f_ffff, (w >> 21) + 1);
    (c < start + len).then_some(start)
}

/// `str.isdecimal` for one character.
pub(crate) fn is_decimal(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && in_table(tables::DECIMAL, c))
}

/// The value of a decimal digit (`unicodedata.decimal`).
pub(crate) fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    // Decimal digits come in aligned runs of ten, each starting at zero.
    run_start(tables::DECIMAL, c).map(|start| (c as u32 - start) % 10)
}

/// `str.isdigit` for one character.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && in_table(tables::DIGIT, c))
}

/// `str.isnumeric` for one character.
pub(crate) fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && in_table(tables::NUMERIC, c))
}

/// `str.isalpha` for one character.
pub(crate) fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_table(tables::ALPHA, c)
}

/// `str.isalnum` for one character.
pub(crate) fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_numeric(c)
}

/// `str.isspace` for one character (also the separators of `split()` and `strip()`).
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f'
        );
    }
    in_table(tables::SPACE, c)
}

/// `str.isprintable` for one character.
pub(crate) fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    !in_table(tables::NOT_PRINTABLE, c)
}

/// Whether `c` may start an identifier.
pub(crate) fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_table(tables::XID_START, c)
}

/// Whether `c` may continue an identifier.
pub(crate) fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_table(tables::XID_CONTINUE, c)
}

/// Whether `c` is a titlecase letter (`ǅ`).
pub(crate) fn is_titlecase(c: char) -> bool {
    !c.is_ascii() && in_table(tables::TITLECASE, c)
}

/// Whether `c` is cased: uppercase, lowercase or titlecase.
pub(crate) fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

/// Appends the titlecase mapping of `c`.
pub(crate) fn push_title(out: &mut String, c: char) {
    match lookup(tables::TITLE_MAP, c) {
        Some(mapped) => out.push_str(mapped),
        None => out.extend(c.to_uppercase()),
    }
}

/// Appends the case folding of `c`.
pub(crate) fn push_casefold(out: &mut String, c: char) {
    match lookup(tables::CASEFOLD_MAP, c) {
        Some(mapped) => out.push_str(mapped),
        None => out.extend(c.to_lowercase()),
    }
}

fn lookup(map: &'static [(char, &'static str)], c: char) -> Option<&'static str> {
    map.binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .and_then(|i| map.get(i))
        .map(|&(_, s)| s)
}

/// Appends the lowercase of `chars[i]`, with the final-sigma rule: a capital
/// sigma ending a word lowers to `ς` (CPython's `handle_capital_sigma`).
pub(crate) fn push_lower_at(out: &mut String, chars: &[char], i: usize) {
    let Some(&c) = chars.get(i) else { return };
    if c == 'Σ' {
        let before = chars
            .get(..i)
            .unwrap_or(&[])
            .iter()
            .rev()
            .find(|&&p| !is_case_ignorable(p));
        let after = chars
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .find(|&&p| !is_case_ignorable(p));
        let final_sigma =
            before.is_some_and(|&p| is_cased(p)) && !after.is_some_and(|&p| is_cased(p));
        out.push(if final_sigma { 'ς' } else { 'σ' });
        return;
    }
    out.extend(c.to_lowercase());
}

/// Case-ignorable characters (apostrophes, periods, combining marks...), which
/// the final-sigma rule looks through. An approximation of the Unicode property
/// covering the characters that occur in practice.
fn is_case_ignorable(c: char) -> bool {
    matches!(
        c,
        '\'' | '.'
            | ':'
            | '^'
            | '`'
            | '\u{a8}'
            | '\u{ad}'
            | '\u{af}'
            | '\u{b4}'
            | '\u{b7}'
            | '\u{b8}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{2024}'
            | '\u{2027}'
    ) || ('\u{300}'..='\u{36f}').contains(&c)
        || ('\u{2b0}'..='\u{2ff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_match_cpython() {
        assert!(
            is_decimal('٣')
                && !is_decimal('²')
                && is_digit('²')
                && !is_digit('½')
                && is_numeric('½')
                && is_numeric('一')
        );
        assert_eq!(decimal_value('٣'), Some(3));
        assert_eq!(decimal_value('𝟗'), Some(9));
        assert_eq!(decimal_value('x'), None);
        assert!(is_alpha('é') && is_alpha('ǅ') && !is_alpha('Ⅻ') && !is_alpha('\u{301}'));
        assert!(
            is_space('\u{a0}') && is_space('\x1f') && is_space('\u{3000}') && !is_space('\u{200b}')
        );
        assert!(
            is_printable('é')
                && !is_printable('\u{a0}')
                && !is_printable('\u{378}')
                && !is_printable('\n')
        );
        assert!(
            is_xid_start('Ⅻ')
                && !is_xid_start('\u{301}')
                && is_xid_continue('\u{301}')
                && is_xid_continue('·')
        );
        assert!(is_titlecase('ǅ') && !is_titlecase('Ǆ'));
    }

    #[test]
    fn mappings() {
        let mut s = String::new();
        push_title(&mut s, 'ß');
        push_title(&mut s, 'ǆ');
        push_title(&mut s, 'a');
        push_casefold(&mut s, 'ß');
        push_casefold(&mut s, 'A');
        assert_eq!(s, "SsǅAssa");
        let chars: Vec<char> = "ΟΔΟΣ Σ".chars().collect();
        let mut lower = String::new();
        for i in 0..chars.len() {
            push_lower_at(&mut lower, &chars, i);
        }
        assert_eq!(lower, "οδος σ");
    }
}
