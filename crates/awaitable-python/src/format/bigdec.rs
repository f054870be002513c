//! Big integers to and from text.
//!
//! Decimal conversion of huge ints (the course prints `5**1000000`, 698,971
//! digits) uses divide and conquer on powers `10^(LEAF_DIGITS·2^k)` computed
//! by repeated squaring, so the cost is that of a few big multiplications and
//! divisions rather than one pass per machine word of output.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::Zero;

/// Pieces at most this many decimal digits long are converted directly.
const LEAF_DIGITS: usize = 1000;

/// The decimal text of `value`, e.g. `-123`; fast for huge values.
pub fn int_to_decimal(value: &BigInt) -> String {
    let mut out = String::new();
    if value.sign() == Sign::Minus {
        out.push('-');
    }
    write_decimal(value.magnitude(), &mut out);
    out
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
    if radix == 10 {
        let mut out = String::new();
        write_decimal(value.magnitude(), &mut out);
        out
    } else {
        value.magnitude().to_str_radix(radix)
    }
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

    /// The number of decimal digits `table[k]`'s remainders are padded to.
    fn digits(k: usize) -> usize {
        LEAF_DIGITS << k
    }
}

/// Appends the decimal digits of `n` (no leading zeros; `0` for zero).
fn write_decimal(n: &BigUint, out: &mut String) {
    let estimated = estimate_digits(n);
    if estimated <= 2 * LEAF_DIGITS {
        out.push_str(&n.to_string());
        return;
    }
    // Only splits with 2·LEAF·2^k <= estimated are used.
    write_top(n, &Powers::covering(estimated / 2 + 1), out);
}

/// An estimate of the decimal length of `n`, within one digit.
fn estimate_digits(n: &BigUint) -> usize {
    (n.bits() as f64 * std::f64::consts::LOG10_2) as usize + 1
}

/// Appends `n` without leading zeros, splitting it near the middle so that
/// the low half is `LEAF·2^k` digits, zero padded.
fn write_top(n: &BigUint, powers: &Powers, out: &mut String) {
    let estimated = estimate_digits(n);
    let split = (0..powers.table.len())
        .rev()
        .find(|&k| 2 * Powers::digits(k) <= estimated);
    let Some(k) = split else {
        out.push_str(&n.to_string());
        return;
    };
    let (high, low) = n.div_rem(&powers.table[k]);
    if high.is_zero() {
        // The estimate was one digit high; nothing to pad.
        write_top(&low, powers, out);
    } else {
        write_top(&high, powers, out);
        write_padded(&low, k, powers, out);
    }
}

/// Appends `n < 10^(LEAF·2^k)` as exactly `LEAF·2^k` digits.
fn write_padded(n: &BigUint, k: usize, powers: &Powers, out: &mut String) {
    if k == 0 {
        let digits = n.to_string();
        let zeros = LEAF_DIGITS.saturating_sub(digits.len());
        out.extend(std::iter::repeat('0').take(zeros));
        out.push_str(&digits);
        return;
    }
    let (high, low) = n.div_rem(&powers.table[k - 1]);
    write_padded(&high, k - 1, powers, out);
    write_padded(&low, k - 1, powers, out);
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
