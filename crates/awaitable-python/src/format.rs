//! Number and string formatting exactly as CPython 3.12 does it.
//!
//! This module is pure: it knows nothing of interpreter objects. The
//! interpreter converts its values to [`num_bigint::BigInt`], `f64` or `&str`
//! and calls in here for:
//!
//! - `repr(float)` / `str(float)`: [`float_repr`];
//! - the format-spec mini-language used by `format()`, f-strings and
//!   `str.format`: [`FormatSpec`], [`format_int`], [`format_float`],
//!   [`format_str`];
//! - printf-style `%` formatting: [`percent_pieces`] / [`parse_percent`] split
//!   the format string, [`apply_percent`] renders one conversion;
//! - fast big-integer decimal conversion: [`int_to_decimal`],
//!   [`decimal_to_int`], and `hex()`/`oct()`/`bin()` via
//!   [`int_to_radix_prefixed`]; CPython's `int_max_str_digits` checks are
//!   [`check_int_to_str_limit`] and [`check_str_to_int_limit`].
//!
//! Errors carry the Python exception type and CPython's exact message, so the
//! interpreter can raise them unchanged.

mod bigdec;
mod float;
mod int;
mod layout;
mod percent;
mod spec;
mod string;

pub use bigdec::{
    check_int_to_str_limit, check_str_to_int_limit, decimal_to_int, int_to_decimal,
    int_to_radix_prefixed, DEFAULT_INT_MAX_STR_DIGITS,
};
pub use float::{float_repr, format_float};
pub use int::{format_int, format_int_for_type};
pub use percent::{
    apply_percent, parse_percent, percent_pieces, PercentArg, PercentCount, PercentFlags,
    PercentPiece, PercentPieces, PercentSpec,
};
pub use spec::{Align, FormatSpec, Grouping, Sign};
pub use string::format_str;

/// The largest width or precision this module will honour.
///
/// CPython tries to allocate whatever a format asks for (`'%999999999999d'`
/// ends in `MemoryError` only because the allocation fails). A learner's
/// browser tab must not try to build a gigabyte string, so any padded width or
/// float precision above this bound raises `MemoryError` up front.
pub const MAX_FORMAT_LENGTH: usize = 1 << 26;

/// The Python exception class a formatting failure raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatErrorKind {
    /// `ValueError`: a malformed spec or a value out of a conversion's domain.
    ValueError,
    /// `TypeError`: an argument of the wrong type for a `%` conversion.
    TypeError,
    /// `OverflowError`: a number too large for the requested conversion.
    OverflowError,
    /// `MemoryError`: the result would exceed [`MAX_FORMAT_LENGTH`].
    MemoryError,
}

impl FormatErrorKind {
    /// The Python name of the exception class, e.g. `"ValueError"`.
    pub fn name(self) -> &'static str {
        match self {
            FormatErrorKind::ValueError => "ValueError",
            FormatErrorKind::TypeError => "TypeError",
            FormatErrorKind::OverflowError => "OverflowError",
            FormatErrorKind::MemoryError => "MemoryError",
        }
    }
}

/// A formatting failure: the exception to raise and CPython's message for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// Which Python exception this is.
    pub kind: FormatErrorKind,
    /// The message, exactly as CPython 3.12 words it.
    pub message: String,
}

impl FormatError {
    /// A `ValueError` with `message`.
    pub fn value(message: impl Into<String>) -> Self {
        Self::new(FormatErrorKind::ValueError, message)
    }

    /// A `TypeError` with `message`.
    pub fn type_error(message: impl Into<String>) -> Self {
        Self::new(FormatErrorKind::TypeError, message)
    }

    /// An `OverflowError` with `message`.
    pub fn overflow(message: impl Into<String>) -> Self {
        Self::new(FormatErrorKind::OverflowError, message)
    }

    /// A `MemoryError` (CPython's carries no message).
    pub fn memory() -> Self {
        Self::new(FormatErrorKind::MemoryError, "")
    }

    /// `TypeError: not enough arguments for format string`, raised by the
    /// interpreter when a `%` format consumes more arguments than it was given.
    pub fn not_enough_arguments() -> Self {
        Self::type_error("not enough arguments for format string")
    }

    /// `TypeError: not all arguments converted during string formatting`,
    /// raised by the interpreter when a `%` format leaves arguments unused.
    pub fn not_all_converted() -> Self {
        Self::type_error("not all arguments converted during string formatting")
    }

    /// `TypeError: format requires a mapping`, raised by the interpreter for
    /// `%(key)s` when the right operand is not a mapping.
    pub fn format_requires_mapping() -> Self {
        Self::type_error("format requires a mapping")
    }

    /// `TypeError: * wants int`, raised by the interpreter when a `*` width or
    /// precision argument is not an int.
    pub fn star_wants_int() -> Self {
        Self::type_error("* wants int")
    }

    fn new(kind: FormatErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.message.is_empty() {
            f.write_str(self.kind.name())
        } else {
            write!(f, "{}: {}", self.kind.name(), self.message)
        }
    }
}

impl std::error::Error for FormatError {}

/// Rejects a width or precision that would build an unreasonably large string.
fn check_length(n: usize) -> Result<(), FormatError> {
    if n > MAX_FORMAT_LENGTH {
        Err(FormatError::memory())
    } else {
        Ok(())
    }
}
