//! The format-spec mini-language applied to ints (`format_long_internal`).

use num_bigint::{BigInt, Sign as BigSign};
use num_traits::ToPrimitive;

use crate::format::bigdec::{int_to_decimal, magnitude_digits};
use crate::format::float::format_float_spec;
use crate::format::layout::{layout_number, Layout, Number};
use crate::format::spec::{unknown_format_code, FormatSpec};
use crate::format::FormatError;

/// Formats `value` as `format(value, spec)` does for a Python int.
///
/// Integer types `b c d o x X n` (default `d`), and the float types
/// `e E f F g G %`, which convert the int to float first.
pub fn format_int(value: &BigInt, spec: &str) -> Result<String, FormatError> {
    format_int_for_type(value, spec, "int")
}

/// Like [`format_int`], for an int subclass whose error messages must name
/// `type_name` (e.g. `bool`). Note that `format(True, '')` is `'True'`: the
/// caller handles the empty spec of a subclass with `str()` itself.
pub fn format_int_for_type(
    value: &BigInt,
    spec: &str,
    type_name: &str,
) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(int_to_decimal(value));
    }
    let parsed = FormatSpec::parse(spec, type_name, Some('d'))?;
    match parsed.ty.unwrap_or('d') {
        ty @ ('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => format_integer(value, &parsed, ty),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => format_float_spec(int_to_f64(value)?, &parsed),
        ty => Err(unknown_format_code(ty, type_name)),
    }
}

/// Converts an int to the nearest float, as `float(value)` does.
pub(crate) fn int_to_f64(value: &BigInt) -> Result<f64, FormatError> {
    match value.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(FormatError::overflow("int too large to convert to float")),
    }
}

fn format_integer(value: &BigInt, spec: &FormatSpec, ty: char) -> Result<String, FormatError> {
    if spec.precision.is_some() {
        return Err(FormatError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_zero {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let layout = Layout::for_number(spec, ty);
    if ty == 'c' {
        let ch = char_for_c(value, spec)?;
        let text = ch.to_string();
        let number = Number {
            negative: false,
            prefix: "",
            digits: "",
            decimal_point: false,
            remainder: &text,
        };
        return layout_number(&number, &layout);
    }
    let radix = match ty {
        'b' => 2,
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    };
    let digits = magnitude_digits(value, radix);
    let number = Number {
        negative: value.sign() == BigSign::Minus,
        prefix: if spec.alternate { prefix(radix) } else { "" },
        digits: &digits,
        decimal_point: false,
        remainder: "",
    };
    layout_number(&number, &layout)
}

/// The base prefix `#` adds (lowercase; type `X` uppercases it).
fn prefix(radix: u32) -> &'static str {
    match radix {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    }
}

/// The character `format(value, 'c')` prints, with CPython's checks.
fn char_for_c(value: &BigInt, spec: &FormatSpec) -> Result<char, FormatError> {
    if spec.sign.is_some() {
        return Err(FormatError::value(
            "Sign not allowed with integer format specifier 'c'",
        ));
    }
    if spec.alternate {
        return Err(FormatError::value(
            "Alternate form (#) not allowed with integer format specifier 'c'",
        ));
    }
    let code = value
        .to_i64()
        .ok_or_else(|| FormatError::overflow("Python int too large to convert to C long"))?;
    code_point_char(code)
}

/// The character for a code point given to `%c` or `format(_, 'c')`.
pub(crate) fn code_point_char(code: i64) -> Result<char, FormatError> {
    if !(0..=0x10ffff).contains(&code) {
        return Err(FormatError::overflow("%c arg not in range(0x110000)"));
    }
    // Python strings may hold lone surrogates; Rust strings cannot.
    u32::try_from(code)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| FormatError::value("surrogate code points are not supported"))
}
