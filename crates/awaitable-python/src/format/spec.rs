//! The format-spec mini-language: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
//!
//! The parser is a port of CPython 3.12's `parse_internal_render_format_spec`
//! (Python/formatter_unicode.c), including its error messages and the order in
//! which it checks things, because learners see those messages.

use crate::format::FormatError;

/// Where the padding goes when the value is narrower than the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `<`: pad on the right.
    Left,
    /// `>`: pad on the left.
    Right,
    /// `^`: split the padding, the extra character going right.
    Center,
    /// `=`: pad between the sign (and prefix) and the digits.
    AfterSign,
}

/// Which sign to print for non-negative numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// `-`: only negative numbers get a sign (also the default).
    Minus,
    /// `+`: always print a sign.
    Plus,
    /// ` `: a space in front of non-negative numbers.
    Space,
}

/// The thousands separator requested by the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// `,`: commas every three decimal digits.
    Comma,
    /// `_`: underscores every three decimal digits, or every four in `b o x X`.
    Underscore,
}

/// A parsed format spec. Fields that the spec omitted are `None`, because
/// their defaults depend on the type of the value being formatted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormatSpec {
    /// The explicit fill character, if one preceded the alignment.
    pub fill: Option<char>,
    /// The explicit alignment.
    pub align: Option<Align>,
    /// The explicit sign option (`-` is kept: `format(65, '-c')` is an error).
    pub sign: Option<Sign>,
    /// `z`: turn negative zero into positive zero after rounding.
    pub no_neg_zero: bool,
    /// `#`: the alternate form (prefixes, kept decimal points).
    pub alternate: bool,
    /// `0` before the width with no explicit fill: zero padding.
    pub zero_pad: bool,
    /// The minimum width, in characters.
    pub width: Option<usize>,
    /// The thousands separator.
    pub grouping: Option<Grouping>,
    /// The precision (digits after the point, or maximum string length).
    pub precision: Option<usize>,
    /// The presentation type character, if any.
    pub ty: Option<char>,
}

impl FormatSpec {
    /// Parses `spec` for a value whose Python type is `type_name`.
    ///
    /// `default_type` is the type character CPython assumes when the spec has
    /// none (`'d'` for int, `'s'` for str, `None` for float); it only matters
    /// for the check that a grouping option suits the type.
    pub fn parse(
        spec: &str,
        type_name: &str,
        default_type: Option<char>,
    ) -> Result<FormatSpec, FormatError> {
        let chars: Vec<char> = spec.chars().collect();
        let mut parser = Parser {
            chars: &chars,
            pos: 0,
        };
        let mut out = FormatSpec::default();
        parser.fill_and_align(&mut out);
        parser.sign_and_flags(&mut out);
        out.width = parser.integer()?;
        parser.grouping(&mut out)?;
        out.precision = parser.precision()?;
        out.ty = parser.type_char(spec, type_name)?;
        out.check_grouping(default_type)?;
        Ok(out)
    }

    /// The fill character to use: the explicit one, else `0` for zero padding,
    /// else a space.
    pub fn fill_char(&self) -> char {
        match self.fill {
            Some(c) => c,
            None if self.zero_pad => '0',
            None => ' ',
        }
    }

    /// The alignment to use for a number: `=` when zero padding was asked for
    /// without an explicit alignment, else right.
    pub fn number_align(&self) -> Align {
        match self.align {
            Some(a) => a,
            None if self.zero_pad => Align::AfterSign,
            None => Align::Right,
        }
    }

    /// How many digits a separator group spans for presentation type `ty`.
    pub(crate) fn group_size(&self, ty: char) -> usize {
        let underscore = self.grouping == Some(Grouping::Underscore);
        if underscore && matches!(ty, 'b' | 'o' | 'x' | 'X') {
            4
        } else {
            3
        }
    }

    /// CPython rejects separators that do not suit the type while parsing,
    /// before it looks at the value.
    fn check_grouping(&self, default_type: Option<char>) -> Result<(), FormatError> {
        let Some(grouping) = self.grouping else {
            return Ok(());
        };
        // No type at all (floats) takes either separator.
        let Some(ty) = self.ty.or(default_type) else {
            return Ok(());
        };
        let allowed = match ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' => true,
            'b' | 'o' | 'x' | 'X' => grouping == Grouping::Underscore,
            _ => false,
        };
        if allowed {
            return Ok(());
        }
        let sep = if grouping == Grouping::Comma {
            ','
        } else {
            '_'
        };
        Err(FormatError::value(format!(
            "Cannot specify '{sep}' with {}.",
            quote_type_char(ty)
        )))
    }
}

/// The error for a presentation type the value's type does not support.
pub(crate) fn unknown_format_code(ty: char, type_name: &str) -> FormatError {
    FormatError::value(format!(
        "Unknown format code {} for object of type '{type_name}'",
        quote_type_char(ty)
    ))
}

/// CPython prints printable ASCII type characters quoted, and anything else as
/// a `\x` escape inside the quotes, e.g. `'\xe9'`.
fn quote_type_char(ty: char) -> String {
    let code = u32::from(ty);
    if code > 32 && code < 128 {
        format!("'{ty}'")
    } else {
        format!("'\\x{code:x}'")
    }
}

/// A cursor over the spec's characters.
struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn fill_and_align(&mut self, out: &mut FormatSpec) {
        let second = self.chars.get(self.pos + 1).copied().and_then(align_of);
        if let Some(align) = second {
            out.fill = self.peek();
            out.align = Some(align);
            self.pos += 2;
        } else if let Some(align) = self.peek().and_then(align_of) {
            out.align = Some(align);
            self.pos += 1;
        }
    }

    fn sign_and_flags(&mut self, out: &mut FormatSpec) {
        out.sign = match self.peek() {
            Some('-') => Some(Sign::Minus),
            Some('+') => Some(Sign::Plus),
            Some(' ') => Some(Sign::Space),
            _ => None,
        };
        if out.sign.is_some() {
            self.pos += 1;
        }
        out.no_neg_zero = self.eat('z');
        out.alternate = self.eat('#');
        // A `0` right before the width means zero padding, unless a fill was
        // given explicitly (then it is just the width's first digit).
        if out.fill.is_none() && self.eat('0') {
            out.zero_pad = true;
        }
    }

    /// Reads a run of ASCII digits; `None` when there are none. Overflow is
    /// detected against `isize::MAX` as CPython's `get_integer` does.
    fn integer(&mut self) -> Result<Option<usize>, FormatError> {
        let start = self.pos;
        let mut acc: usize = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            acc = acc
                .checked_mul(10)
                .and_then(|v| v.checked_add(d as usize))
                .filter(|&v| v <= isize::MAX as usize)
                .ok_or_else(|| FormatError::value("Too many decimal digits in format string"))?;
            self.pos += 1;
        }
        Ok((self.pos > start).then_some(acc))
    }

    fn grouping(&mut self, out: &mut FormatSpec) -> Result<(), FormatError> {
        if self.eat(',') {
            out.grouping = Some(Grouping::Comma);
        }
        if self.peek() == Some('_') {
            if out.grouping.is_some() {
                return Err(both_separators());
            }
            out.grouping = Some(Grouping::Underscore);
            self.pos += 1;
        }
        if self.peek() == Some(',') && out.grouping == Some(Grouping::Underscore) {
            return Err(both_separators());
        }
        Ok(())
    }

    fn precision(&mut self) -> Result<Option<usize>, FormatError> {
        if !self.eat('.') {
            return Ok(None);
        }
        match self.integer()? {
            Some(p) => Ok(Some(p)),
            None => Err(FormatError::value("Format specifier missing precision")),
        }
    }

    fn type_char(&mut self, spec: &str, type_name: &str) -> Result<Option<char>, FormatError> {
        match self.chars.len() - self.pos {
            0 => Ok(None),
            1 => Ok(self.peek()),
            _ => Err(FormatError::value(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            ))),
        }
    }
}

fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

fn both_separators() -> FormatError {
    FormatError::value("Cannot specify both ',' and '_'.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_field() {
        let spec = FormatSpec::parse("*^+z#012,.3f", "float", None).unwrap_or_default();
        assert_eq!(spec.fill, Some('*'));
        assert_eq!(spec.align, Some(Align::Center));
        assert_eq!(spec.sign, Some(Sign::Plus));
        assert!(spec.no_neg_zero && spec.alternate);
        // With an explicit fill, `0` is part of the width, not zero padding.
        assert!(!spec.zero_pad);
        assert_eq!(spec.width, Some(12));
        assert_eq!(spec.grouping, Some(Grouping::Comma));
        assert_eq!(spec.precision, Some(3));
        assert_eq!(spec.ty, Some('f'));
    }

    #[test]
    fn zero_flag_sets_fill_and_alignment() {
        let spec = FormatSpec::parse("010", "int", Some('d')).unwrap_or_default();
        assert!(spec.zero_pad);
        assert_eq!(spec.fill_char(), '0');
        assert_eq!(spec.number_align(), Align::AfterSign);
        assert_eq!(spec.width, Some(10));
    }

    #[test]
    fn fill_may_be_any_character() {
        let spec = FormatSpec::parse("é^9", "str", Some('s')).unwrap_or_default();
        assert_eq!(spec.fill, Some('é'));
        assert_eq!(spec.width, Some(9));
    }

    #[test]
    fn width_overflow_is_a_value_error() {
        let err = FormatSpec::parse("9223372036854775808", "int", Some('d'));
        assert_eq!(
            err.map_err(|e| e.message),
            Err("Too many decimal digits in format string".to_string())
        );
        let max = FormatSpec::parse("9223372036854775807", "int", Some('d'));
        assert_eq!(max.map(|s| s.width), Ok(Some(isize::MAX as usize)));
    }
}
