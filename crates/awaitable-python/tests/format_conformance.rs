//! Conformance of the `format` module against CPython 3.12.
//!
//! The expected outputs in `format_cases/table.rs` were produced by
//! `gen_format_cases.py` running on CPython 3.12; see that script.

use std::str::FromStr;

use awaitable_python::format::{
    apply_percent, check_int_to_str_limit, check_str_to_int_limit, decimal_to_int, float_repr,
    format_float, format_int, format_str, int_to_decimal, int_to_radix_prefixed, percent_pieces,
    FormatError, PercentArg, PercentCount, PercentPiece, PercentSpec, DEFAULT_INT_MAX_STR_DIGITS,
};
use num_bigint::BigInt;

#[path = "format_cases/table.rs"]
mod table;

/// A `%` argument as the generator describes it. `Str` and `Other` carry
/// their `str()`, `repr()` and `ascii()`/`repr()` forms, which the interpreter
/// would compute itself.
#[derive(Debug, Clone, Copy)]
pub enum A {
    Int(&'static str),
    Float(f64),
    Str(&'static str, &'static str, &'static str),
    Other(&'static str, &'static str, &'static str),
}

/// The right operand of `%`: a tuple or a mapping.
#[derive(Debug, Clone, Copy)]
pub enum PercentArgs {
    Tuple(&'static [A]),
    Map(&'static [(&'static str, A)]),
}

type Outcome = Result<&'static str, (&'static str, &'static str)>;

fn check(label: &str, got: Result<String, FormatError>, want: &Outcome) -> Option<String> {
    let got = got.map_err(|e| (e.kind.name().to_string(), e.message));
    let want = want
        .map(str::to_string)
        .map_err(|(k, m)| (k.to_string(), m.to_string()));
    (got != want).then(|| format!("{label}: got {got:?}, want {want:?}"))
}

fn report(failures: Vec<String>, total: usize) {
    assert!(
        failures.is_empty(),
        "{} of {total} cases differ from CPython:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn big(text: &str) -> BigInt {
    BigInt::from_str(text).unwrap_or_else(|_| panic!("bad int literal {text}"))
}

#[test]
fn float_repr_matches_cpython() {
    let failures: Vec<String> = table::FLOAT_REPR
        .iter()
        .filter(|(x, want)| float_repr(*x) != *want)
        .map(|(x, want)| format!("{:#x}: got {}, want {want}", x.to_bits(), float_repr(*x)))
        .collect();
    report(failures, table::FLOAT_REPR.len());
}

/// splitmix64, as in the generator.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn float_repr_round_trips() {
    let mut state = 0xC0FFEE;
    for _ in 0..200_000 {
        let x = f64::from_bits(splitmix64(&mut state));
        if x.is_nan() {
            continue;
        }
        let text = float_repr(x);
        let back: f64 = text.parse().unwrap_or(f64::NAN);
        assert_eq!(back.to_bits(), x.to_bits(), "{text} does not read back");
    }
}

#[test]
fn format_int_matches_cpython() {
    let failures: Vec<String> = table::FORMAT_INT
        .iter()
        .filter_map(|(v, spec, want)| {
            let label = format!("format({v}, {spec:?})");
            check(&label, format_int(&big(v), spec), want)
        })
        .collect();
    report(failures, table::FORMAT_INT.len());
}

#[test]
fn format_float_matches_cpython() {
    let failures: Vec<String> = table::FORMAT_FLOAT
        .iter()
        .filter_map(|(v, spec, want)| {
            let label = format!("format({}, {spec:?})", float_repr(*v));
            check(&label, format_float(*v, spec), want)
        })
        .collect();
    report(failures, table::FORMAT_FLOAT.len());
}

#[test]
fn format_str_matches_cpython() {
    let failures: Vec<String> = table::FORMAT_STR
        .iter()
        .filter_map(|(v, spec, want)| {
            let label = format!("format({v:?}, {spec:?})");
            check(&label, format_str(v, spec), want)
        })
        .collect();
    report(failures, table::FORMAT_STR.len());
}

#[test]
fn percent_matches_cpython() {
    let failures: Vec<String> = table::PERCENT
        .iter()
        .filter_map(|(fmt, args, want)| {
            let label = format!("{fmt:?} % {args:?}");
            check(&label, percent(fmt, *args), want)
        })
        .collect();
    report(failures, table::PERCENT.len());
}

/// What the interpreter does for `fmt % args`, driving the format module.
fn percent(fmt: &str, args: PercentArgs) -> Result<String, FormatError> {
    let positional: &[A] = match args {
        PercentArgs::Tuple(items) => items,
        PercentArgs::Map(_) => &[],
    };
    let mut next = 0;
    let mut take = || {
        let arg = positional.get(next).copied();
        next += 1;
        arg.ok_or_else(FormatError::not_enough_arguments)
    };
    let mut out = String::new();
    for piece in percent_pieces(fmt) {
        let mut spec = match piece? {
            PercentPiece::Literal(text) => {
                out.push_str(text);
                continue;
            }
            PercentPiece::Conversion(spec) => spec,
        };
        if spec.width == PercentCount::Star {
            spec.set_star_width(&star_arg(take()?)?)?;
        }
        if spec.precision == PercentCount::Star {
            spec.set_star_precision(&star_arg(take()?)?)?;
        }
        let arg = match (spec.key, args) {
            (Some(key), PercentArgs::Map(items)) => items
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, a)| *a)
                .ok_or_else(|| FormatError::value(format!("KeyError {key}")))?,
            (Some(_), PercentArgs::Tuple(_)) => return Err(FormatError::format_requires_mapping()),
            (None, _) => take()?,
        };
        out.push_str(&render(&spec, arg)?);
    }
    if matches!(args, PercentArgs::Tuple(_)) && next < positional.len() {
        return Err(FormatError::not_all_converted());
    }
    Ok(out)
}

fn star_arg(arg: A) -> Result<BigInt, FormatError> {
    match arg {
        A::Int(text) => Ok(big(text)),
        _ => Err(FormatError::star_wants_int()),
    }
}

fn render(spec: &PercentSpec<'_>, arg: A) -> Result<String, FormatError> {
    let converted = matches!(spec.conversion, 's' | 'r' | 'a');
    let int;
    let percent_arg = match arg {
        A::Int(text) => {
            int = big(text);
            PercentArg::Int(&int)
        }
        A::Float(x) => PercentArg::Float(x),
        A::Str(s, r, a) if converted => PercentArg::Str(pick(spec.conversion, s, r, a)),
        A::Other(_, s, r) if converted => PercentArg::Str(pick(spec.conversion, s, r, r)),
        A::Str(s, _, _) => PercentArg::Str(s),
        A::Other(type_name, _, _) => PercentArg::Other(type_name),
    };
    apply_percent(spec, percent_arg)
}

/// The `str()`, `repr()` or `ascii()` form the conversion asks for.
fn pick(conversion: char, s: &'static str, r: &'static str, a: &'static str) -> &'static str {
    match conversion {
        's' => s,
        'r' => r,
        _ => a,
    }
}

#[test]
fn radix_prefixes_match_cpython() {
    for (v, hex, oct, bin) in table::RADIX {
        let value = big(v);
        assert_eq!(int_to_radix_prefixed(&value, 16), *hex);
        assert_eq!(int_to_radix_prefixed(&value, 8), *oct);
        assert_eq!(int_to_radix_prefixed(&value, 2), *bin);
        assert_eq!(int_to_radix_prefixed(&value, 10), *v);
    }
}

#[test]
fn int_max_str_digits_matches_cpython() {
    for (base, exponent, offset, sign, want) in table::INT_STR_LIMIT {
        let value = (BigInt::from(*base).pow(*exponent) + offset) * sign;
        let got =
            check_int_to_str_limit(&value, DEFAULT_INT_MAX_STR_DIGITS).map(|()| String::new());
        assert_eq!(check("limit", got, want), None);
        assert_eq!(check_int_to_str_limit(&value, 0), Ok(()));
    }
    for (digits, want) in table::STR_INT_LIMIT {
        let got =
            check_str_to_int_limit(*digits, DEFAULT_INT_MAX_STR_DIGITS).map(|()| String::new());
        assert_eq!(check("limit", got, want), None);
    }
}

/// Values around the divide-and-conquer split points and leaves.
fn interesting_ints() -> Vec<BigInt> {
    let ten = BigInt::from(10);
    let mut values = vec![BigInt::from(0), BigInt::from(-1), BigInt::from(7)];
    for digits in [
        999u32, 1000, 1001, 1999, 2000, 2001, 2048, 4000, 4001, 8000, 9001,
    ] {
        let p = ten.pow(digits);
        let below: BigInt = &p - 1;
        values.extend([-&below, below, &p + 1, -&p, p]);
    }
    let mut state = 42;
    for limbs in [1usize, 30, 100, 200, 257, 700, 1500] {
        let bytes: Vec<u8> = (0..limbs * 8)
            .map(|_| splitmix64(&mut state) as u8)
            .collect();
        let n = BigInt::from_bytes_le(num_bigint::Sign::Plus, &bytes);
        values.push(-&n);
        values.push(n);
    }
    // A big power with long runs of zeros in its middle digits.
    values.push(ten.pow(3000) * 7 + 3);
    values.push(BigInt::from(3).pow(20000));
    values
}

#[test]
fn decimal_to_int_parses_what_to_string_prints() {
    for n in interesting_ints() {
        let text = n.to_string();
        assert_eq!(decimal_to_int(&text), Some(n.clone()));
        if n >= BigInt::from(0) {
            assert_eq!(decimal_to_int(&format!("+{text}")), Some(n));
        }
    }
    assert_eq!(
        decimal_to_int(&format!("{}1", "0".repeat(5000))),
        Some(BigInt::from(1))
    );
    for bad in ["", "-", "+", "1_000", " 1", "1a", "--1", "١"] {
        assert_eq!(decimal_to_int(bad), None, "{bad:?}");
    }
}

/// Prints timings; run with `cargo test --release --test format_conformance
/// -- --nocapture timings`. Debug builds use smaller powers to stay quick.
#[test]
fn timings_of_big_decimal_conversions() {
    let exponent = if cfg!(debug_assertions) {
        50_000
    } else {
        1_000_000
    };
    for base in [5u32, 3] {
        let n = BigInt::from(base).pow(exponent);
        let start = std::time::Instant::now();
        let ours = int_to_decimal(&n);
        let ours_time = start.elapsed();
        let start = std::time::Instant::now();
        let theirs = n.to_string();
        let theirs_time = start.elapsed();
        assert_eq!(ours, theirs);
        let start = std::time::Instant::now();
        let parsed = decimal_to_int(&ours);
        let parse_time = start.elapsed();
        let start = std::time::Instant::now();
        let parsed_theirs = BigInt::from_str(&ours).ok();
        let parse_theirs_time = start.elapsed();
        assert_eq!(parsed, parsed_theirs);
        println!(
            "{base}**{exponent} ({} digits): int_to_decimal {ours_time:?}, to_string \
             {theirs_time:?}; decimal_to_int {parse_time:?}, from_str {parse_theirs_time:?}",
            ours.len()
        );
    }
}
