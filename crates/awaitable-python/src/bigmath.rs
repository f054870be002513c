//! Huge-integer arithmetic that a host may do faster than num-bigint.
//!
//! The interpreter computes with num-bigint everywhere. In the browser,
//! JavaScript's `BigInt` raises to powers and prints in decimal several times
//! faster than num-bigint compiled to WebAssembly (BENCHMARKS.md, figure 3),
//! so the page's host lends it to the interpreter through [`BigMath`], as it
//! lends a clock. Only operations on huge values cross: below
//! [`HOST_MIN_BITS`], crossing would cost more than it saves. Whatever the
//! host answers must equal num-bigint's result; when it cannot answer, it
//! says `None` and num-bigint computes.

use num_bigint::{BigInt, BigUint};

/// Results (or values printed) smaller than this many bits stay with
/// num-bigint.
pub const HOST_MIN_BITS: u64 = 1 << 16;

/// Operations on huge non-negative integers, done by the host.
pub trait BigMath {
    /// `base ** exp`, or `None` to leave it to num-bigint.
    fn pow(&self, base: &BigUint, exp: u32) -> Option<BigUint>;
    /// The decimal digits of `value`, or `None` to leave it to num-bigint.
    fn to_decimal(&self, value: &BigUint) -> Option<String>;
}

/// `base ** exp` by `host` when the result is huge, else by num-bigint. The
/// sign is worked out here, so that only magnitudes cross.
pub fn pow(host: Option<&dyn BigMath>, base: BigInt, exp: u32) -> BigInt {
    let huge = base.bits().saturating_mul(u64::from(exp)) >= HOST_MIN_BITS;
    if let (true, Some(host)) = (huge, host) {
        if let Some(magnitude) = host.pow(base.magnitude(), exp) {
            let negative = base.sign() == num_bigint::Sign::Minus && exp % 2 == 1;
            let sign = if negative {
                num_bigint::Sign::Minus
            } else {
                num_bigint::Sign::Plus
            };
            return BigInt::from_biguint(sign, magnitude);
        }
    }
    num_traits::Pow::pow(base, exp)
}

/// The decimal text of `value` (with its sign), by `host` when it is huge.
pub fn to_decimal(host: Option<&dyn BigMath>, value: &BigInt) -> String {
    if let (true, Some(host)) = (value.bits() >= HOST_MIN_BITS, host) {
        if let Some(digits) = host.to_decimal(value.magnitude()) {
            let sign = if value.sign() == num_bigint::Sign::Minus {
                "-"
            } else {
                ""
            };
            return format!("{sign}{digits}");
        }
    }
    crate::format::int_to_decimal(value)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use num_bigint::{BigInt, BigUint};

    use super::{pow, to_decimal, BigMath, HOST_MIN_BITS};

    /// A host that computes with num-bigint and counts its calls, or refuses.
    struct Counting {
        calls: Cell<usize>,
        answers: bool,
    }

    impl BigMath for Counting {
        fn pow(&self, base: &BigUint, exp: u32) -> Option<BigUint> {
            self.calls.set(self.calls.get() + 1);
            self.answers.then(|| base.pow(exp))
        }
        fn to_decimal(&self, value: &BigUint) -> Option<String> {
            self.calls.set(self.calls.get() + 1);
            self.answers.then(|| value.to_string())
        }
    }

    #[test]
    fn only_huge_values_cross_and_signs_stay_right() {
        for answers in [true, false] {
            let host = Counting {
                calls: Cell::new(0),
                answers,
            };
            let host = Some(&host as &dyn BigMath);
            assert_eq!(pow(host, BigInt::from(-3), 5), BigInt::from(-243));
            assert_eq!(to_decimal(host, &BigInt::from(-243)), "-243");
            let exp = u32::try_from(HOST_MIN_BITS).unwrap();
            let odd = pow(host, BigInt::from(-2), exp + 1);
            let even = pow(host, BigInt::from(-2), exp);
            assert_eq!(odd, -(BigInt::from(1) << (exp + 1)));
            assert_eq!(even, BigInt::from(1) << exp);
            let printed = to_decimal(host, &odd);
            assert_eq!(printed, odd.to_string());
            assert!(printed.starts_with('-'));
        }
    }

    #[test]
    fn the_host_is_asked_for_huge_values_only() {
        let host = Counting {
            calls: Cell::new(0),
            answers: true,
        };
        let as_host = Some(&host as &dyn BigMath);
        pow(as_host, BigInt::from(7), 10);
        to_decimal(as_host, &BigInt::from(12345));
        assert_eq!(host.calls.get(), 0);
        let huge = pow(as_host, BigInt::from(5), 100_000);
        to_decimal(as_host, &huge);
        assert_eq!(host.calls.get(), 2);
    }
}
