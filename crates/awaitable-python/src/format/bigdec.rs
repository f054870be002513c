//! Big integers to and from text.
//!
//! Printing: num-bigint 0.5's `to_string` already converts by divide and
//! conquer (splitting by `10^(19·2^k)` with Burnikel–Ziegler division), so it
//! is subquadratic. A hand-written divide and conquer over `10^(1000·2^k)` was
//! measured against it (release build, `str(5**1000000)`, 698,971 digits:
//! ~250 ms against ~230 ms; `3**1000000`: ~140 ms against ~85 ms) and lost, so
//! [`int_to_decimal`] delegates. The `timings_of_big_decimal_conversions` test
//! prints the current numbers.
//!
//! Parsing: num-bigint's `from_str` multiplies in one digit group at a time,
//! which is quadratic (~820 ms for 698,971 digits). [`decimal_to_int`] splits
//! the digits in halves recursively and joins them with one big
//! multiplication by a power `10^(1000·2^k)` from a table built by repeated
//! squaring (~100 ms).

use num_bigint::{BigInt, BigUint, Sign};

use crate::format::FormatError;

/// Pieces at most this many decimal digits long are converted directly.
const LEAF_DIGITS: usize = 1000;

/// CPython's default for `sys.get_int_max_str_digits()`.
pub const DEFAULT_INT_MAX_STR_DIGITS: usize = 4300;

/// CPython 3.12 refuses to convert ints of more than `limit` decimal digits
/// to text (`str()`, `repr()`, `format(_, 'd')`, `'%d'`; `hex()` and friends
/// are exempt) unless `sys.set_int_max_str_digits` raised or disabled (0) the
/// limit. The functions here never enforce it, because the limit is
/// interpreter state; the interpreter calls this first where CPython would.
pub fn check_int_to_str_limit(value: &BigInt, limit: usize) -> Result<(), FormatError> {
    if limit == 0 || !exceeds_digits(value.magnitude(), limit) {
        return Ok(());
    }
    Err(FormatError::value(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; \
         use sys.set_int_max_str_digits() to increase the limit"
    )))
}

/// The same limit for `int(text)`, given the number of digits in `text`.
pub fn check_str_to_int_limit(digit_count: usize, limit: usize) -> Result<(), FormatError> {
    if limit == 0 || digit_count <= limit {
        return Ok(());
    }
    Err(FormatError::value(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion: \
         value has {digit_count} digits; use sys.set_int_max_str_digits() to increase the limit"
    )))
}

/// Whether `n` has more than `limit` decimal digits, without printing it: the
/// bit length brackets the digit count, and only a value right at the
/// boundary needs an exact comparison with `10^limit`.
fn exceeds_digits(n: &BigUint, limit: usize) -> bool {
    let bits = n.bits() as f64;
    // A b-bit number has between (b-1)·log10(2) and b·log10(2) digits, plus
    // one; the margins absorb floating-point error.
    let low = ((bits - 1.0) * std::f64::consts::LOG10_2).floor() - 1.0;
    let high = (bits * std::f64::consts::LOG10_2).floor() + 2.0;
    if high <= limit as f64 {
        return false;
    }
    if low > limit as f64 {
        return true;
    }
    let Ok(exp) = u32::try_from(limit) else {
        return false;
    };
    *n >= BigUint::from(10u32).pow(exp)
}

/// The decimal text of `value`, e.g. `-123`; fast for huge values.
pub fn int_to_decimal(value: &BigInt) -> String {
    value.to_string()
}

/// `hex()`, `oct()` and `bin()`: the digits of `value` in `radix` after the
/// sign and a `0x`/`0o`/`0b` prefix, e.g. `-0x1f`, `0o17`, `0b101`.
///
/// Other radixes get no prefix; a radix outside `2..=36` is clamped into it.
pub fn int_to_radix_prefixed(value: &BigInt, radix: u32) -> String {
    let radix = radix.clamp(2, 36);
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    let sign = if value.sign() == Sign::Minus { "-" } else { "" };
    format!("{sign}{prefix}{}", magnitude_digits(value, radix))
}

/// The digits of `|value|` in `radix` (lowercase letters), without sign.
pub(crate) fn magnitude_digits(value: &BigInt, radix: u32) -> String {
    value.magnitude().to_str_radix(radix)
}

/// Parses a decimal integer: an optional `+` or `-` then ASCII digits only.
///
/// `None` for anything else (empty, spaces, underscores): the interpreter's
/// `int()` strips whitespace and underscores before calling this. Huge inputs
/// are split in halves recursively, so parsing is subquadratic.
pub fn decimal_to_int(digits: &str) -> Option<BigInt> {
    let (sign, body) = match digits.as_bytes().first() {
        Some(b'-') => (Sign::Minus, &digits[1..]),
        Some(b'+') => (Sign::Plus, &digits[1..]),
        _ => (Sign::Plus, digits),
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let powers = Powers::covering(body.len());
    let magnitude = parse_decimal(body.as_bytes(), &powers)?;
    Some(BigInt::from_biguint(sign, magnitude))
}

/// `10^(LEAF_DIGITS·2^k)` for k = 0, 1, 2, ...: the split points.
struct Powers {
    table: Vec<BigUint>,
}

impl Powers {
    /// Enough powers to split a number of `digits` decimal digits in halves
    /// down to leaves of at most `LEAF_DIGITS` digits.
    fn covering(digits: usize) -> Powers {
        let mut table: Vec<BigUint> = Vec::new();
        while LEAF_DIGITS << table.len() < digits {
            let next = match table.last() {
                Some(last) => last * last,
                None => BigUint::from(10u32).pow(LEAF_DIGITS as u32),
            };
            table.push(next);
        }
        Powers { table }
    }

    /// The number of decimal digits `table[k]` splits off.
    fn digits(k: usize) -> usize {
        LEAF_DIGITS << k
    }
}

/// Parses ASCII digits by splitting off a low part of `10^(LEAF·2^k)` size.
fn parse_decimal(digits: &[u8], powers: &Powers) -> Option<BigUint> {
    let split = (0..powers.table.len())
        .rev()
        .find(|&k| Powers::digits(k) < digits.len());
    let Some(k) = split else {
        return BigUint::parse_bytes(digits, 10);
    };
    let (high, low) = digits.split_at(digits.len() - Powers::digits(k));
    let high = parse_decimal(high, powers)?;
    let low = parse_decimal(low, powers)?;
    Some(high * &powers.table[k] + low)
}
