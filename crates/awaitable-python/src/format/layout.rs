//! Padding, signs, prefixes and thousands separators around a number's digits.
//!
//! A port of CPython's `calc_number_widths`, `fill_number` and
//! `_PyUnicode_InsertThousandsGrouping`. The output looks like
//! `<lpad><sign><prefix><spad><grouped digits><.><remainder><rpad>`, where only
//! one of the three paddings is non-empty. Zero padding with `=` alignment is
//! done *inside* the grouping, so `format(1234, '010,')` is `'00,001,234'`.

use crate::format::spec::{Align, FormatSpec, Grouping, Sign};
use crate::format::{check_length, FormatError};

/// The pieces of a number already rendered as text, without any sign.
pub(crate) struct Number<'a> {
    /// Whether the value is negative (the `-` is added here).
    pub negative: bool,
    /// A base prefix such as `0x`, written after the sign.
    pub prefix: &'a str,
    /// The integer digits, which separators and zero padding apply to.
    pub digits: &'a str,
    /// Whether a decimal point follows the integer digits.
    pub decimal_point: bool,
    /// Everything after the point: fraction, exponent, `%`, or `c`'s character.
    pub remainder: &'a str,
}

/// How the spec asks the number to be laid out, defaults resolved.
pub(crate) struct Layout {
    pub fill: char,
    pub align: Align,
    pub sign: Option<Sign>,
    pub width: usize,
    /// Group size and separator, if grouping was requested.
    pub group: Option<(usize, char)>,
    /// Uppercase the prefix and digits (type `X`).
    pub upper: bool,
}

impl Layout {
    /// Resolves a parsed spec for presentation type `ty` of a number.
    pub fn for_number(spec: &FormatSpec, ty: char) -> Layout {
        let separator = match spec.grouping {
            Some(Grouping::Comma) => Some(','),
            Some(Grouping::Underscore) => Some('_'),
            None => None,
        };
        Layout {
            fill: spec.fill_char(),
            align: spec.number_align(),
            sign: spec.sign,
            width: spec.width.unwrap_or(0),
            group: separator.map(|sep| (spec.group_size(ty), sep)),
            upper: ty == 'X',
        }
    }
}

/// Lays `number` out according to `layout`.
pub(crate) fn layout_number(number: &Number<'_>, layout: &Layout) -> Result<String, FormatError> {
    check_length(layout.width)?;
    let sign = sign_char(number.negative, layout.sign);
    let non_digits = usize::from(sign.is_some())
        + number.prefix.len()
        + usize::from(number.decimal_point)
        + number.remainder.chars().count();
    let width = layout.width as isize;
    let min_width = if layout.fill == '0' && layout.align == Align::AfterSign {
        width - non_digits as isize
    } else {
        0
    };
    let grouped = if number.digits.is_empty() {
        // Only `c` formatting has no digits; grouping always emits at least one.
        String::new()
    } else {
        group_digits(number.digits, min_width, layout.group)
    };
    let padding = (width - (non_digits + grouped.len()) as isize).max(0) as usize;
    let (left, middle, right) = split_padding(padding, layout.align);

    let mut out = String::with_capacity(padding + non_digits + grouped.len());
    push_fill(&mut out, layout.fill, left);
    out.extend(sign);
    push_maybe_upper(&mut out, number.prefix, layout.upper);
    push_fill(&mut out, layout.fill, middle);
    push_maybe_upper(&mut out, &grouped, layout.upper);
    if number.decimal_point {
        out.push('.');
    }
    out.push_str(number.remainder);
    push_fill(&mut out, layout.fill, right);
    Ok(out)
}

fn sign_char(negative: bool, sign: Option<Sign>) -> Option<char> {
    match (negative, sign) {
        (true, _) => Some('-'),
        (false, Some(Sign::Plus)) => Some('+'),
        (false, Some(Sign::Space)) => Some(' '),
        (false, _) => None,
    }
}

/// Splits `padding` into (left, after-sign, right) amounts.
fn split_padding(padding: usize, align: Align) -> (usize, usize, usize) {
    match align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::AfterSign => (0, padding, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
    }
}

fn push_fill(out: &mut String, fill: char, count: usize) {
    out.extend(std::iter::repeat_n(fill, count));
}

fn push_maybe_upper(out: &mut String, text: &str, upper: bool) {
    if upper {
        out.push_str(&text.to_ascii_uppercase());
    } else {
        out.push_str(text);
    }
}

/// Inserts separators into ASCII `digits` and left-pads them with zeros to at
/// least `min_width` characters, counting the separators, as
/// `_PyUnicode_InsertThousandsGrouping` does. Works right to left.
fn group_digits(digits: &str, min_width: isize, group: Option<(usize, char)>) -> String {
    let digits = digits.as_bytes();
    let mut rev: Vec<u8> = Vec::with_capacity(digits.len() + min_width.max(0) as usize);
    let mut remaining = digits.len() as isize;
    let mut min_width = min_width.max(0);
    let mut separator = None;
    if let Some((size, sep)) = group {
        let size = size as isize;
        loop {
            let len = size.min(remaining.max(min_width).max(1));
            emit_group(&mut rev, digits, &mut remaining, len, separator);
            separator = Some(sep as u8);
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                break;
            }
            min_width -= 1;
        }
    } else {
        let len = remaining.max(min_width).max(1);
        emit_group(&mut rev, digits, &mut remaining, len, separator);
    }
    rev.reverse();
    // Only ASCII digits, zeros and ASCII separators were pushed.
    String::from_utf8_lossy(&rev).into_owned()
}

/// Emits, right to left, an optional separator then one group of `len`
/// characters: the next digits, then zeros once the digits run out.
fn emit_group(
    rev: &mut Vec<u8>,
    digits: &[u8],
    remaining: &mut isize,
    len: isize,
    separator: Option<u8>,
) {
    let chars = (*remaining).min(len).max(0);
    let zeros = (len - *remaining).max(0);
    rev.extend(separator);
    let end = *remaining as usize;
    let start = end - chars as usize;
    rev.extend(digits[start..end].iter().rev());
    rev.extend(std::iter::repeat_n(b'0', zeros as usize));
    *remaining -= chars;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_with_zero_padding_like_cpython() {
        assert_eq!(group_digits("1234", 10, Some((3, ','))), "00,001,234");
        // The separator can push the result one past the requested width.
        assert_eq!(group_digits("1", 4, Some((3, ','))), "0,001");
        assert_eq!(group_digits("1234567", 0, Some((3, '_'))), "1_234_567");
        assert_eq!(group_digits("42", 5, None), "00042");
        assert_eq!(group_digits("ffff1", 0, Some((4, '_'))), "f_fff1");
    }
}
