//! Float to text: `repr(float)` and the float presentation types.
//!
//! CPython gets correctly rounded digits from David Gay's `_Py_dg_dtoa` and
//! lays them out in `format_float_short` (Python/pystrtod.c). Rust's
//! formatter also yields correctly rounded digits (shortest round-trip for
//! `{:e}`, exact round-half-even of the binary value for `{:.N}` and
//! `{:.Ne}`), so we take the digits from it and port the layout logic.

use crate::format::layout::{layout_number, Layout, Number};
use crate::format::spec::{unknown_format_code, FormatSpec};
use crate::format::{check_length, FormatError};

/// Formats `x` exactly as CPython's `repr(x)` (and `str(x)`) does.
///
/// The shortest digits that read back as `x`, in fixed notation when the
/// decimal exponent is in `[-4, 16)` and scientific notation otherwise:
/// `0.1`, `1e-05`, `1e+16`, `10.0`, `-0.0`, `inf`, `nan`.
pub fn float_repr(x: f64) -> String {
    let flags = Flags {
        add_dot_0: true,
        ..Flags::default()
    };
    double_to_string(x, 'r', 0, flags)
}

/// Formats `value` as `format(value, spec)` does for a Python float.
///
/// Supports the presentation types `e E f F g G n %` and none, with fill,
/// alignment, sign, `z`, `#`, zero padding, width, `,`/`_` grouping and
/// precision. `n` uses the C locale (no separators), as CPython does by
/// default.
pub fn format_float(value: f64, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(float_repr(value));
    }
    let parsed = FormatSpec::parse(spec, "float", None)?;
    match parsed.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {
            format_float_spec(value, &parsed)
        }
        Some(ty) => Err(unknown_format_code(ty, "float")),
    }
}

/// Lays out `value` for an already parsed spec whose type is a float type.
/// Shared with `format_int`, which converts ints to float for `e f g %`.
pub(crate) fn format_float_spec(value: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    let text = float_text(value, spec)?;
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let digits_end = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, rest) = body.split_at(digits_end);
    let (decimal_point, remainder) = match rest.strip_prefix('.') {
        Some(after) => (true, after),
        None => (false, rest),
    };
    let number = Number {
        negative,
        prefix: "",
        digits,
        decimal_point,
        remainder,
    };
    // The type only picks the group size here, which is 3 for every float type.
    layout_number(&number, &Layout::for_number(spec, 'f'))
}

/// The unpadded text (sign included) of `value` under `spec`, as
/// `format_float_internal` computes it before laying it out.
fn float_text(value: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    let precision = match spec.precision {
        Some(p) if p > i32::MAX as usize => {
            return Err(FormatError::value("precision too big"));
        }
        Some(p) => {
            check_length(p)?;
            Some(p)
        }
        None => None,
    };
    let mut flags = Flags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_zero,
        add_dot_0: false,
    };
    let (mut code, default_precision) = match spec.ty {
        // No type: like repr, but honouring a precision as `g` would, while
        // keeping at least one digit after the point.
        None => {
            flags.add_dot_0 = true;
            ('r', 0)
        }
        Some('n') => ('g', 6),
        Some('%') => ('f', 6),
        Some(ty) => (ty, 6),
    };
    let percent = spec.ty == Some('%');
    let value = if percent { value * 100.0 } else { value };
    let precision = match precision {
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
        None => default_precision,
    };
    let mut text = double_to_string(value, code, precision, flags);
    if percent {
        text.push('%');
    }
    Ok(text)
}

/// Layout switches of `PyOS_double_to_string`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Flags {
    /// Append `.0` to an integral result without exponent (repr style).
    pub add_dot_0: bool,
    /// The `#` form: keep the point and, for `g`, trailing zeros.
    pub alt: bool,
    /// The `z` option: a result that rounds to zero loses its minus sign.
    pub no_neg_0: bool,
}

/// A port of `PyOS_double_to_string` + `format_float_short`.
///
/// `code` is one of `e E f F g G r`; `precision` is ignored for `r`. The sign
/// is `-` for negative values (including `-0.0`) and absent otherwise.
pub(crate) fn double_to_string(x: f64, code: char, precision: usize, flags: Flags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    if !x.is_finite() {
        return non_finite(x, upper);
    }
    let (mode, precision) = match code {
        'e' => (Mode::Significant(precision + 1), precision + 1),
        'f' => (Mode::Fixed(precision), precision),
        'g' => (Mode::Significant(precision.max(1)), precision.max(1)),
        _ => (Mode::Shortest, 0),
    };
    let digits = Digits::of(x.abs(), mode);
    let negative = x.is_sign_negative() && !(flags.no_neg_0 && digits.is_zero());
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    place_digits(&mut out, &digits, code, precision as i64, flags);
    if upper {
        out.make_ascii_uppercase();
    }
    out
}

fn non_finite(x: f64, upper: bool) -> String {
    let text = match (x.is_nan(), x < 0.0) {
        (true, _) => "nan",
        (false, true) => "-inf",
        (false, false) => "inf",
    };
    if upper {
        text.to_ascii_uppercase()
    } else {
        text.to_string()
    }
}

/// Where `format_float_short` puts the decimal point: the output is the digit
/// string extended with zeros on both sides, cut at `end`, with the point
/// after `decpt` digits (a leading `0.` when `decpt <= 0`).
struct Placement {
    decpt: i64,
    /// One past the last digit written, counted like `decpt`.
    end: i64,
    /// The exponent to append, for scientific notation.
    exponent: Option<i64>,
}

/// Decides the notation and the zero extension for `code`.
fn placement(digits: &Digits, code: char, precision: i64, flags: Flags) -> Placement {
    let decpt = digits.decpt;
    let len = digits.text.len() as i64;
    let (use_exp, end) = match code {
        'e' => (true, precision),
        'f' => (false, decpt + precision),
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            // `#` keeps trailing zeros up to the precision.
            let end = if flags.alt { precision } else { len };
            (decpt <= -4 || decpt > limit, end)
        }
        // repr switches to scientific notation at 1e16.
        _ => (decpt <= -4 || decpt > 16, len),
    };
    let (decpt, exponent) = if use_exp {
        (1, Some(decpt - 1))
    } else {
        (decpt, None)
    };
    // At least the integer digits, plus one fractional digit for `.0`.
    let min_end = if !use_exp && flags.add_dot_0 {
        decpt + 1
    } else {
        decpt
    };
    Placement {
        decpt,
        end: end.max(min_end).max(len),
        exponent,
    }
}

/// Writes `digits` as `placement` says. The point is dropped when nothing
/// follows it, unless the alternate form keeps it.
fn place_digits(out: &mut String, digits: &Digits, code: char, precision: i64, flags: Flags) {
    let Placement {
        decpt,
        end,
        exponent,
    } = placement(digits, code, precision, flags);
    let text = digits.text.as_str();
    let len = text.len() as i64;
    if decpt <= 0 {
        out.push_str("0.");
        push_zeros(out, -decpt);
        out.push_str(text);
    } else if decpt <= len {
        let (int_part, frac_part) = text.split_at(decpt as usize);
        out.push_str(int_part);
        out.push('.');
        out.push_str(frac_part);
    } else {
        out.push_str(text);
        push_zeros(out, decpt - len);
        out.push('.');
    }
    push_zeros(out, end - len.max(decpt));
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if let Some(exp) = exponent {
        out.push('e');
        out.push_str(&format!("{exp:+03}"));
    }
}

fn push_zeros(out: &mut String, count: i64) {
    if count > 0 {
        out.extend(std::iter::repeat_n('0', count as usize));
    }
}

/// Which digits `_Py_dg_dtoa` is asked for.
#[derive(Debug, Clone, Copy)]
enum Mode {
    /// Mode 0: the shortest digits that round-trip.
    Shortest,
    /// Mode 2: this many significant digits, correctly rounded.
    Significant(usize),
    /// Mode 3: this many digits after the decimal point, correctly rounded.
    Fixed(usize),
}

/// No f64 has more significant digits than this in its exact decimal
/// expansion (the longest, near 2^-1074, has 767), so asking for more only
/// adds zeros, which `place_digits` pads in anyway.
const MAX_SIGNIFICANT: usize = 800;

/// Likewise, no f64 has more than 1074 digits after the decimal point.
const MAX_FRACTION: usize = 1100;

/// Correctly rounded decimal digits of a finite, non-negative float: the value
/// is `0.DIGITS × 10^decpt`. Trailing zeros are stripped as Gay's dtoa does;
/// zero (or a value that rounds to zero) is `"0"` with `decpt` 1.
#[derive(Debug)]
struct Digits {
    text: String,
    decpt: i64,
}

impl Digits {
    fn of(x: f64, mode: Mode) -> Digits {
        match mode {
            Mode::Shortest => Self::shortest(x),
            Mode::Significant(n) => {
                let n = n.min(MAX_SIGNIFICANT);
                Self::from_scientific(&format!("{:.*e}", n - 1, x))
            }
            Mode::Fixed(n) => Self::from_fixed(&format!("{:.*}", n.min(MAX_FRACTION), x)),
        }
    }

    /// The shortest digits that round-trip, and among those the closest to
    /// `x`, ties going to even as in Gay's dtoa. Rust finds the shortest
    /// length but may break a tie the other way (`840847321408031.25` comes
    /// out as `…031.3` where CPython prints `…031.2`), so when the correctly
    /// rounded value of that length also round-trips, it wins.
    fn shortest(x: f64) -> Digits {
        let shortest = Self::from_scientific(&format!("{x:e}"));
        let len = shortest.text.len().max(1);
        let rounded = format!("{:.*e}", len - 1, x);
        if rounded.parse::<f64>() == Ok(x) {
            Self::from_scientific(&rounded)
        } else {
            shortest
        }
    }

    fn is_zero(&self) -> bool {
        self.text == "0"
    }

    /// Parses Rust's `d.ddde±x` output.
    fn from_scientific(s: &str) -> Digits {
        let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
        let exp: i64 = exp.parse().unwrap_or(0);
        let text: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        Self::normalise(text, exp + 1)
    }

    /// Parses Rust's `ddd.ddd` output.
    fn from_fixed(s: &str) -> Digits {
        let int_len = s.find('.').unwrap_or(s.len()) as i64;
        let text: String = s.chars().filter(char::is_ascii_digit).collect();
        Self::normalise(text, int_len)
    }

    /// Strips leading zeros (moving the point) and trailing zeros.
    fn normalise(text: String, decpt: i64) -> Digits {
        let trimmed = text.trim_start_matches('0');
        let leading = (text.len() - trimmed.len()) as i64;
        let trimmed = trimmed.trim_end_matches('0');
        if trimmed.is_empty() {
            return Digits {
                text: "0".to_string(),
                decpt: 1,
            };
        }
        Digits {
            text: trimmed.to_string(),
            decpt: decpt - leading,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_switches_to_exponent_outside_the_fixed_range() {
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1234567890123456.0), "1234567890123456.0");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(0.00001), "1e-05");
        assert_eq!(float_repr(-0.0), "-0.0");
        assert_eq!(float_repr(f64::NAN), "nan");
    }

    #[test]
    fn digits_are_normalised() {
        let d = Digits::of(0.0012, Mode::Fixed(6));
        assert_eq!((d.text.as_str(), d.decpt), ("12", -2));
        let d = Digits::of(0.0004, Mode::Fixed(2));
        assert_eq!((d.text.as_str(), d.decpt), ("0", 1));
        let d = Digits::of(1500.0, Mode::Significant(3));
        assert_eq!((d.text.as_str(), d.decpt), ("15", 4));
    }
}
