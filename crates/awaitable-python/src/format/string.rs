//! The format-spec mini-language applied to strings (`format_string_internal`).

use crate::format::spec::{unknown_format_code, Align, FormatSpec};
use crate::format::{check_length, FormatError};

/// Formats `value` as `format(value, spec)` does for a Python str.
///
/// Fill, alignment (default left), width and precision (truncation), with type
/// `s` or none. Widths and precisions count characters, not bytes.
pub fn format_str(value: &str, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    let parsed = FormatSpec::parse(spec, "str", Some('s'))?;
    match parsed.ty {
        None | Some('s') => format_str_spec(value, &parsed),
        Some(ty) => Err(unknown_format_code(ty, "str")),
    }
}

fn format_str_spec(value: &str, spec: &FormatSpec) -> Result<String, FormatError> {
    check_options(spec)?;
    let text = match spec.precision {
        Some(p) => truncate_chars(value, p),
        None => value,
    };
    let width = spec.width.unwrap_or(0);
    let len = text.chars().count();
    if width <= len {
        return Ok(text.to_string());
    }
    check_length(width)?;
    let padding = width - len;
    let left = match spec.align.unwrap_or(Align::Left) {
        Align::Right => padding,
        Align::Center => padding / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let fill = spec.fill_char();
    let mut out = String::with_capacity(text.len() + padding * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(text);
    out.extend(std::iter::repeat_n(fill, padding - left));
    Ok(out)
}

/// The options that make no sense for strings, checked in CPython's order.
fn check_options(spec: &FormatSpec) -> Result<(), FormatError> {
    let message = if spec.sign == Some(crate::format::Sign::Space) {
        "Space not allowed in string format specifier"
    } else if spec.sign.is_some() {
        "Sign not allowed in string format specifier"
    } else if spec.no_neg_zero {
        "Negative zero coercion (z) not allowed in string format specifier"
    } else if spec.alternate {
        "Alternate form (#) not allowed in string format specifier"
    } else if spec.align == Some(Align::AfterSign) {
        "'=' alignment not allowed in string format specifier"
    } else {
        return Ok(());
    };
    Err(FormatError::value(message))
}

/// The first `max` characters of `text`.
pub(crate) fn truncate_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((byte, _)) => &text[..byte],
        None => text,
    }
}
