//! printf-style formatting: `'%5.2f' % x`, `'%(name)s' % mapping`.
//!
//! A port of CPython 3.12's `PyUnicode_Format` (Objects/unicodeobject.c),
//! split so that the interpreter owns argument handling. CPython parses one
//! conversion, fetches its argument, renders it, then moves on; errors
//! therefore surface in that order (`'%d %q' % ()` complains about missing
//! arguments, not about `%q`). [`percent_pieces`] is lazy to keep that order:
//! the interpreter fetches each conversion's arguments before asking for the
//! next piece, and [`apply_percent`] rejects unknown conversion characters
//! only after the argument was fetched, as CPython does.

use num_bigint::{BigInt, Sign as BigSign};
use num_traits::{FromPrimitive, ToPrimitive};

use crate::format::bigdec::{int_to_decimal, magnitude_digits};
use crate::format::float::{double_to_string, float_repr, Flags};
use crate::format::int::{code_point_char, int_to_f64};
use crate::format::string::truncate_chars;
use crate::format::{check_length, FormatError};

/// One piece of a `%` format string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PercentPiece<'a> {
    /// Text copied as is (`%%` yields a literal `"%"`).
    Literal(&'a str),
    /// A conversion specifier such as `%-8.3f`.
    Conversion(PercentSpec<'a>),
}

/// The conversion flags `-+ 0#`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PercentFlags {
    /// `-`: left-justify (pad on the right with spaces).
    pub left: bool,
    /// `+`: always print a sign for numbers.
    pub sign: bool,
    /// ` `: a space in front of non-negative numbers.
    pub space: bool,
    /// `#`: alternate form (`0x`/`0o` prefixes, kept decimal point).
    pub alternate: bool,
    /// `0`: zero padding for numbers.
    pub zero: bool,
}

/// A width or precision in a `%` conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PercentCount {
    /// Not given.
    #[default]
    Absent,
    /// Given in the format string.
    Fixed(usize),
    /// `*`: taken from the next argument; resolve it with
    /// [`PercentSpec::set_star_width`] / [`PercentSpec::set_star_precision`].
    Star,
}

impl PercentCount {
    fn value(self) -> Option<usize> {
        match self {
            PercentCount::Fixed(n) => Some(n),
            PercentCount::Absent | PercentCount::Star => None,
        }
    }
}

/// One parsed `%` conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PercentSpec<'a> {
    /// The mapping key of `%(key)s`.
    pub key: Option<&'a str>,
    /// The flags.
    pub flags: PercentFlags,
    /// The minimum width.
    pub width: PercentCount,
    /// The precision.
    pub precision: PercentCount,
    /// The conversion character, not yet validated (see the module doc).
    pub conversion: char,
    /// The character index of `conversion` in the format, for error messages.
    pub index: usize,
}

impl PercentSpec<'_> {
    /// Resolves a `*` width from its argument: a negative width means
    /// left-justify, as in C.
    pub fn set_star_width(&mut self, value: &BigInt) -> Result<(), FormatError> {
        let width = value
            .to_i64()
            .ok_or_else(|| FormatError::overflow("Python int too large to convert to C ssize_t"))?;
        if width < 0 {
            self.flags.left = true;
        }
        self.width = PercentCount::Fixed(width.unsigned_abs() as usize);
        Ok(())
    }

    /// Resolves a `*` precision from its argument: a negative one counts as 0.
    pub fn set_star_precision(&mut self, value: &BigInt) -> Result<(), FormatError> {
        let precision = value
            .to_i32()
            .ok_or_else(|| FormatError::overflow("Python int too large to convert to C int"))?;
        self.precision = PercentCount::Fixed(precision.max(0) as usize);
        Ok(())
    }
}

/// A value given to one `%` conversion, already classified by the interpreter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PercentArg<'a> {
    /// A Python int (or bool).
    Int(&'a BigInt),
    /// A Python float.
    Float(f64),
    /// A Python str. For `%s`, `%r` and `%a` the interpreter passes the
    /// result of `str()`, `repr()` or `ascii()` of any object this way.
    Str(&'a str),
    /// Any other object, by its type name (for error messages).
    Other(&'a str),
}

/// Splits `format` into pieces lazily; see the module doc for why.
///
/// After yielding an error the iterator ends.
pub fn percent_pieces(format: &str) -> PercentPieces<'_> {
    PercentPieces {
        format,
        pos: 0,
        char_index: 0,
        failed: false,
    }
}

/// Splits `format` into all its pieces, failing on the first malformed
/// conversion (`incomplete format`, `width too big`, ...).
pub fn parse_percent(format: &str) -> Result<Vec<PercentPiece<'_>>, FormatError> {
    percent_pieces(format).collect()
}

/// The iterator returned by [`percent_pieces`].
#[derive(Debug, Clone)]
pub struct PercentPieces<'a> {
    format: &'a str,
    /// Byte offset of the next unread character.
    pos: usize,
    /// Character index of the next unread character.
    char_index: usize,
    failed: bool,
}

impl<'a> Iterator for PercentPieces<'a> {
    type Item = Result<PercentPiece<'a>, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pos >= self.format.len() {
            return None;
        }
        if self.peek() != Some('%') {
            return Some(Ok(PercentPiece::Literal(self.literal())));
        }
        self.bump();
        if self.peek() == Some('%') {
            let start = self.pos;
            self.bump();
            return Some(Ok(PercentPiece::Literal(&self.format[start..self.pos])));
        }
        let piece = self.conversion().map(PercentPiece::Conversion);
        self.failed = piece.is_err();
        Some(piece)
    }
}

impl<'a> PercentPieces<'a> {
    fn peek(&self) -> Option<char> {
        self.format[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        self.char_index += 1;
        Some(c)
    }

    /// Text up to the next `%`.
    fn literal(&mut self) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(|c| c != '%') {
            self.bump();
        }
        &self.format[start..self.pos]
    }

    /// Parses a conversion after its `%`, as `unicode_format_arg_parse`.
    fn conversion(&mut self) -> Result<PercentSpec<'a>, FormatError> {
        let key = if self.peek() == Some('(') {
            self.bump();
            Some(self.key()?)
        } else {
            None
        };
        let mut flags = PercentFlags::default();
        let mut ch = self.bump();
        while let Some(c) = ch {
            match c {
                '-' => flags.left = true,
                '+' => flags.sign = true,
                ' ' => flags.space = true,
                '#' => flags.alternate = true,
                '0' => flags.zero = true,
                _ => break,
            }
            ch = self.bump();
        }
        let width = self.count(&mut ch, isize::MAX as usize, "width too big")?;
        let precision = if ch == Some('.') {
            ch = self.bump();
            match self.count(&mut ch, i32::MAX as usize, "precision too big")? {
                PercentCount::Absent => PercentCount::Fixed(0),
                count => count,
            }
        } else {
            PercentCount::Absent
        };
        // C length modifiers are accepted and ignored.
        if matches!(ch, Some('h' | 'l' | 'L')) {
            ch = self.bump();
        }
        let conversion = ch.ok_or_else(|| FormatError::value("incomplete format"))?;
        Ok(PercentSpec {
            key,
            flags,
            width,
            precision,
            conversion,
            index: self.char_index - 1,
        })
    }

    /// The key of `%(key)`, up to the `)` that balances the opening one.
    fn key(&mut self) -> Result<&'a str, FormatError> {
        let start = self.pos;
        let mut depth = 1;
        loop {
            let end = self.pos;
            match self.bump() {
                None => return Err(FormatError::value("incomplete format key")),
                Some(')') if depth == 1 => return Ok(&self.format[start..end]),
                Some(')') => depth -= 1,
                Some('(') => depth += 1,
                Some(_) => {}
            }
        }
    }

    /// A `*` or a run of digits starting at `*ch`, leaving `*ch` on the
    /// character after it.
    fn count(
        &mut self,
        ch: &mut Option<char>,
        max: usize,
        too_big: &str,
    ) -> Result<PercentCount, FormatError> {
        if *ch == Some('*') {
            *ch = self.bump();
            return Ok(PercentCount::Star);
        }
        let mut value: Option<usize> = None;
        while let Some(d) = ch.and_then(|c| c.to_digit(10)) {
            let next = value
                .unwrap_or(0)
                .checked_mul(10)
                .and_then(|v| v.checked_add(d as usize))
                .filter(|&v| v <= max)
                .ok_or_else(|| FormatError::value(too_big))?;
            value = Some(next);
            *ch = self.bump();
        }
        Ok(value.map_or(PercentCount::Absent, PercentCount::Fixed))
    }
}

/// Renders one conversion of `spec` with its argument.
///
/// A `*` width or precision still unresolved counts as absent.
pub fn apply_percent(spec: &PercentSpec<'_>, arg: PercentArg<'_>) -> Result<String, FormatError> {
    let precision = spec.precision.value();
    let conversion = spec.conversion;
    let (text, numeric) = match conversion {
        's' | 'r' | 'a' => (text_of(arg, conversion)?, false),
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => (int_text(spec, arg)?, true),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => (float_text(spec, arg)?, true),
        'c' => (char_of(arg)?.to_string(), false),
        _ => return Err(unsupported(conversion, spec.index)),
    };
    let text = if matches!(conversion, 's' | 'r' | 'a') {
        precision.map_or(text.as_str(), |p| truncate_chars(&text, p))
    } else {
        text.as_str()
    };
    pad(spec, text, numeric)
}

fn unsupported(c: char, index: usize) -> FormatError {
    let code = u32::from(c);
    let shown = if (31..=126).contains(&code) { c } else { '?' };
    FormatError::value(format!(
        "unsupported format character '{shown}' (0x{code:x}) at index {index}"
    ))
}

/// The text for `%s`, `%r` and `%a`: the interpreter normally converted the
/// object already; ints and floats are converted here for convenience.
fn text_of(arg: PercentArg<'_>, conversion: char) -> Result<String, FormatError> {
    match arg {
        PercentArg::Str(s) => Ok(s.to_string()),
        PercentArg::Int(i) => Ok(int_to_decimal(i)),
        PercentArg::Float(f) => Ok(float_repr(f)),
        PercentArg::Other(type_name) => Err(FormatError::type_error(format!(
            "%{conversion} needs the {type_name} object converted to str by the caller"
        ))),
    }
}

/// `_PyUnicode_FormatLong`: sign, `0x`-style prefix if `#`, then the digits
/// zero-padded to the precision.
fn int_text(spec: &PercentSpec<'_>, arg: PercentArg<'_>) -> Result<String, FormatError> {
    let conversion = spec.conversion;
    let value = percent_int(arg, conversion)?;
    let precision = spec.precision.value().unwrap_or(0);
    if precision > i32::MAX as usize - 3 {
        return Err(FormatError::overflow("precision too large"));
    }
    check_length(precision)?;
    let (radix, prefix) = match conversion {
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits = magnitude_digits(&value, radix);
    let mut out = String::new();
    if value.sign() == BigSign::Minus {
        out.push('-');
    }
    if spec.flags.alternate {
        out.push_str(prefix);
    }
    out.extend(std::iter::repeat_n(
        '0',
        precision.saturating_sub(digits.len()),
    ));
    out.push_str(&digits);
    if conversion == 'X' {
        out.make_ascii_uppercase();
    }
    Ok(out)
}

/// The int a `%d`/`%x`-style conversion formats, with CPython's type rules:
/// `%d` truncates floats, `%x` and `%o` demand a true integer.
fn percent_int(arg: PercentArg<'_>, conversion: char) -> Result<BigInt, FormatError> {
    let needs_index = matches!(conversion, 'o' | 'x' | 'X');
    let wrong_type = |type_name: &str| {
        let wanted = if needs_index {
            "an integer"
        } else {
            "a real number"
        };
        FormatError::type_error(format!(
            "%{conversion} format: {wanted} is required, not {type_name}"
        ))
    };
    match arg {
        PercentArg::Int(i) => Ok(i.clone()),
        PercentArg::Float(_) if needs_index => Err(wrong_type("float")),
        PercentArg::Float(f) => float_to_int(f),
        PercentArg::Str(_) => Err(wrong_type("str")),
        PercentArg::Other(type_name) => Err(wrong_type(type_name)),
    }
}

/// `int(f)` for a float, with CPython's errors for NaN and infinities.
fn float_to_int(f: f64) -> Result<BigInt, FormatError> {
    if f.is_nan() {
        return Err(FormatError::value("cannot convert float NaN to integer"));
    }
    BigInt::from_f64(f.trunc())
        .ok_or_else(|| FormatError::overflow("cannot convert float infinity to integer"))
}

/// `formatfloat`: the float text with the default precision 6.
fn float_text(spec: &PercentSpec<'_>, arg: PercentArg<'_>) -> Result<String, FormatError> {
    let value = match arg {
        PercentArg::Float(f) => f,
        PercentArg::Int(i) => int_to_f64(i)?,
        PercentArg::Str(_) => return Err(must_be_real("str")),
        PercentArg::Other(type_name) => return Err(must_be_real(type_name)),
    };
    let precision = spec.precision.value().unwrap_or(6);
    check_length(precision)?;
    let flags = Flags {
        alt: spec.flags.alternate,
        ..Flags::default()
    };
    Ok(double_to_string(value, spec.conversion, precision, flags))
}

fn must_be_real(type_name: &str) -> FormatError {
    FormatError::type_error(format!("must be real number, not {type_name}"))
}

/// `formatchar`: `%c` takes a code point or a one-character string.
fn char_of(arg: PercentArg<'_>) -> Result<char, FormatError> {
    let requires = || FormatError::type_error("%c requires int or char");
    match arg {
        PercentArg::Int(i) => {
            let code = i.to_i64().unwrap_or(-1);
            code_point_char(code)
        }
        PercentArg::Str(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(requires()),
            }
        }
        PercentArg::Float(_) | PercentArg::Other(_) => Err(requires()),
    }
}

/// `unicode_format_arg_output`: width, sign and zero padding. For numbers the
/// sign and `0x` prefix go before zero padding but after space padding.
fn pad(spec: &PercentSpec<'_>, text: &str, numeric: bool) -> Result<String, FormatError> {
    let flags = spec.flags;
    let fill = if numeric && flags.zero { '0' } else { ' ' };
    let mut body = text;
    let mut sign = None;
    if numeric {
        match body.chars().next() {
            Some(c @ ('-' | '+')) => {
                sign = Some(c);
                body = &body[1..];
            }
            _ if flags.sign => sign = Some('+'),
            _ if flags.space => sign = Some(' '),
            _ => {}
        }
    }
    let prefixed = flags.alternate && matches!(spec.conversion, 'x' | 'X' | 'o');
    let (prefix, digits) = if prefixed && body.len() >= 2 {
        body.split_at(2)
    } else {
        ("", body)
    };
    let len = digits.chars().count();
    let width = spec.width.value().unwrap_or(0);
    check_length(width)?;
    let content = len + prefix.len() + usize::from(sign.is_some());
    let padding = width.saturating_sub(content);

    let mut out = String::with_capacity(text.len() + padding);
    let (left, right) = if flags.left {
        (0, padding)
    } else {
        (padding, 0)
    };
    if fill == '0' {
        out.extend(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', left));
    } else {
        out.extend(std::iter::repeat_n(' ', left));
        out.extend(sign);
        out.push_str(prefix);
    }
    out.push_str(digits);
    out.extend(std::iter::repeat_n(' ', right));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_lazy_so_argument_errors_come_first() {
        let mut pieces = percent_pieces("%d %");
        assert!(matches!(
            pieces.next(),
            Some(Ok(PercentPiece::Conversion(_)))
        ));
        assert_eq!(pieces.next(), Some(Ok(PercentPiece::Literal(" "))));
        let err = pieces.next().and_then(Result::err).map(|e| e.message);
        assert_eq!(err.as_deref(), Some("incomplete format"));
        assert_eq!(pieces.next(), None);
    }

    #[test]
    fn parses_keys_flags_stars_and_length_modifiers() {
        let pieces = parse_percent("x%(a(b))-+ #0*.*ld").unwrap_or_default();
        let PercentPiece::Conversion(spec) = &pieces[1] else {
            panic!("expected a conversion, got {pieces:?}");
        };
        assert_eq!(spec.key, Some("a(b)"));
        let all = PercentFlags {
            left: true,
            sign: true,
            space: true,
            alternate: true,
            zero: true,
        };
        assert_eq!(spec.flags, all);
        assert_eq!(
            (spec.width, spec.precision),
            (PercentCount::Star, PercentCount::Star)
        );
        assert_eq!((spec.conversion, spec.index), ('d', 17));
    }

    #[test]
    fn star_width_resolves_negative_to_left_justified() {
        let mut pieces = parse_percent("%*d").unwrap_or_default();
        let Some(PercentPiece::Conversion(spec)) = pieces.first_mut() else {
            panic!("expected a conversion");
        };
        assert_eq!(spec.set_star_width(&BigInt::from(-4)), Ok(()));
        assert!(spec.flags.left);
        assert_eq!(
            apply_percent(spec, PercentArg::Int(&BigInt::from(7))),
            Ok("7   ".into())
        );
    }
}
