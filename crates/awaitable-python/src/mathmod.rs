//! The `math` module, following CPython's `mathmodule.c`: the same special
//! cases, the same error classes and messages, exact integer functions on
//! big ints, and CPython's algorithms where they decide the last bit
//! (`fsum`, `hypot`/`dist`, logarithms of ints too large for a float).
//!
//! The elementary functions (`sin`, `exp`, ...) come from the platform's libm,
//! as in CPython; in the browser that is Rust's port of musl, which may differ
//! from glibc in the last bit for a few inputs.

use std::f64::consts::{E, PI, TAU};

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::ast::BinOp;
use crate::builtins::{native, register_module};
use crate::interp::{Interp, Raise};
use crate::ops::MAX_INT_BITS;
use crate::value::{Args, NativeFn, Value};

mod libm;

/// Registers `math`.
pub fn install(interp: &mut Interp) {
    let functions: &[(&str, NativeFn)] = &[
        ("sqrt", m_sqrt),
        ("isqrt", m_isqrt),
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("fabs", m_fabs),
        ("gcd", m_gcd),
        ("lcm", m_lcm),
        ("factorial", m_factorial),
        ("comb", m_comb),
        ("perm", m_perm),
        ("prod", m_prod),
        ("fsum", m_fsum),
        ("isclose", m_isclose),
        ("isfinite", m_isfinite),
        ("isinf", m_isinf),
        ("isnan", m_isnan),
        ("log", m_log),
        ("log2", m_log2),
        ("log10", m_log10),
        ("log1p", m_log1p),
        ("exp", m_exp),
        ("exp2", m_exp2),
        ("expm1", m_expm1),
        ("cbrt", m_cbrt),
        ("pow", m_pow),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("asin", m_asin),
        ("acos", m_acos),
        ("atan", m_atan),
        ("atan2", m_atan2),
        ("sinh", m_sinh),
        ("cosh", m_cosh),
        ("tanh", m_tanh),
        ("asinh", m_asinh),
        ("acosh", m_acosh),
        ("atanh", m_atanh),
        ("hypot", m_hypot),
        ("dist", m_dist),
        ("degrees", m_degrees),
        ("radians", m_radians),
        ("copysign", m_copysign),
        ("fmod", m_fmod),
        ("modf", m_modf),
        ("frexp", m_frexp),
        ("ldexp", m_ldexp),
    ];
    let mut entries: Vec<(&str, Value)> = functions
        .iter()
        .map(|(name, f)| (*name, native(name, *f)))
        .collect();
    entries.extend([
        ("pi", Value::Float(PI)),
        ("e", Value::Float(E)),
        ("tau", Value::Float(TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
    ]);
    register_module(interp, "math", entries);
}

// ---- argument handling ----

/// Checks a one-argument function's arguments, with CPython's messages.
fn one_arg(interp: &Interp, args: &Args, name: &str) -> Raise<Value> {
    no_keywords(interp, args, name)?;
    match args.pos.as_slice() {
        [x] => Ok(x.clone()),
        other => Err(interp.type_error(format!(
            "math.{name}() takes exactly one argument ({} given)",
            other.len()
        ))),
    }
}

/// Checks a two-argument function's arguments, with CPython's messages.
fn two_args(interp: &Interp, args: &Args, name: &str) -> Raise<(Value, Value)> {
    no_keywords(interp, args, name)?;
    match args.pos.as_slice() {
        [x, y] => Ok((x.clone(), y.clone())),
        other => {
            Err(interp.type_error(format!("{name} expected 2 arguments, got {}", other.len())))
        }
    }
}

fn no_keywords(interp: &Interp, args: &Args, name: &str) -> Raise<()> {
    if args.kw.is_empty() {
        Ok(())
    } else {
        Err(interp.type_error(format!("math.{name}() takes no keyword arguments")))
    }
}

/// Rejects keyword arguments left after the accepted ones were taken.
fn no_other_keywords(interp: &Interp, args: &Args, name: &str) -> Raise<()> {
    match args.kw.first() {
        Some((k, _)) => {
            Err(interp.type_error(format!("'{k}' is an invalid keyword argument for {name}()")))
        }
        None => Ok(()),
    }
}

/// A real-number argument as a float (`PyFloat_AsDouble`): floats, ints
/// (`OverflowError` past the float range), `__float__`, then `__index__`.
pub fn to_f64(interp: &mut Interp, v: &Value) -> Raise<f64> {
    match v {
        Value::Float(x) => Ok(*x),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::BigInt(b) => interp.int_to_float(b),
        Value::Instance(inst) => {
            if let Some(method) = inst.class.lookup("__float__") {
                return match interp.call(&method, Args::new(vec![v.clone()]))? {
                    Value::Float(x) => Ok(x),
                    other => Err(interp.type_error(format!(
                        "{}.__float__ returned non-float (type {})",
                        inst.class.name,
                        interp.type_name(&other)
                    ))),
                };
            }
            if inst.class.lookup("__index__").is_some() {
                let i = to_bigint(interp, v)?;
                return interp.int_to_float(&i);
            }
            Err(not_real(interp, v))
        }
        _ => Err(not_real(interp, v)),
    }
}

fn not_real(interp: &Interp, v: &Value) -> crate::value::Exc {
    interp.type_error(format!("must be real number, not {}", interp.type_name(v)))
}

/// An integer argument (`__index__`): ints and bools, or instances defining `__index__`.
pub fn to_bigint(interp: &mut Interp, v: &Value) -> Raise<BigInt> {
    if let Some(i) = crate::ops::as_bigint(v) {
        return Ok(i);
    }
    if let Value::Instance(inst) = v {
        if let Some(method) = inst.class.lookup("__index__") {
            let r = interp.call(&method, Args::new(vec![v.clone()]))?;
            return crate::ops::as_bigint(&r).ok_or_else(|| {
                interp.type_error(format!(
                    "__index__ returned non-int (type {})",
                    interp.type_name(&r)
                ))
            });
        }
    }
    Err(interp.type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        interp.type_name(v)
    )))
}

fn domain_error(interp: &Interp) -> crate::value::Exc {
    interp.value_error("math domain error")
}

fn range_error(interp: &Interp) -> crate::value::Exc {
    interp.err("OverflowError", "math range error")
}

// ---- functions of one float (CPython's `math_1`) ----

/// Applies `f` to a float argument and turns a NaN from a non-NaN into a
/// domain error, and an infinity from a finite input into a range error
/// (overflow) or a domain error (a pole such as `atanh(1)`).
fn math_1(
    interp: &mut Interp,
    args: &Args,
    name: &str,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> Raise<Value> {
    let v = one_arg(interp, args, name)?;
    let x = to_f64(interp, &v)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(interp));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(interp)
        } else {
            domain_error(interp)
        });
    }
    Ok(Value::Float(r))
}

macro_rules! unary {
    ($($fname:ident, $name:literal, $f:expr, $overflow:literal;)*) => {$(
        fn $fname(interp: &mut Interp, args: Args) -> Raise<Value> {
            math_1(interp, &args, $name, $f, $overflow)
        }
    )*};
}

unary! {
    m_sqrt, "sqrt", f64::sqrt, false;
    m_fabs, "fabs", f64::abs, false;
    m_exp, "exp", f64::exp, true;
    m_exp2, "exp2", f64::exp2, true;
    m_expm1, "expm1", f64::exp_m1, true;
    m_cbrt, "cbrt", libm::cbrt, false;
    m_log1p, "log1p", f64::ln_1p, false;
    m_sin, "sin", f64::sin, false;
    m_cos, "cos", f64::cos, false;
    m_tan, "tan", f64::tan, false;
    m_asin, "asin", f64::asin, false;
    m_acos, "acos", f64::acos, false;
    m_atan, "atan", f64::atan, false;
    m_sinh, "sinh", f64::sinh, true;
    m_cosh, "cosh", f64::cosh, true;
    m_tanh, "tanh", f64::tanh, false;
    m_asinh, "asinh", libm::asinh, false;
    m_acosh, "acosh", libm::acosh, false;
    m_atanh, "atanh", libm::atanh, false;
}

fn m_degrees(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = one_arg(interp, &args, "degrees")?;
    let x = to_f64(interp, &v)?;
    Ok(Value::Float(x * (180.0 / PI)))
}

fn m_radians(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = one_arg(interp, &args, "radians")?;
    let x = to_f64(interp, &v)?;
    Ok(Value::Float(x * (PI / 180.0)))
}

fn float_predicate(
    interp: &mut Interp,
    args: &Args,
    name: &str,
    p: fn(f64) -> bool,
) -> Raise<Value> {
    let v = one_arg(interp, args, name)?;
    let x = to_f64(interp, &v)?;
    Ok(Value::Bool(p(x)))
}

fn m_isfinite(interp: &mut Interp, args: Args) -> Raise<Value> {
    float_predicate(interp, &args, "isfinite", f64::is_finite)
}

fn m_isinf(interp: &mut Interp, args: Args) -> Raise<Value> {
    float_predicate(interp, &args, "isinf", f64::is_infinite)
}

fn m_isnan(interp: &mut Interp, args: Args) -> Raise<Value> {
    float_predicate(interp, &args, "isnan", f64::is_nan)
}

// ---- rounding to ints ----

/// The int value of an integral float, with `int()`'s errors for infinities and NaN.
pub fn float_to_int(interp: &Interp, x: f64) -> Raise<Value> {
    if x.is_nan() {
        return Err(interp.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(interp.err("OverflowError", "cannot convert float infinity to integer"));
    }
    if x.abs() < 9.0e18 {
        return Ok(Value::Int(x as i64));
    }
    Ok(crate::dict::float_to_bigint(x)
        .map(Value::from_bigint)
        .unwrap_or(Value::Int(0)))
}

/// `floor`/`ceil`: ints are returned unchanged, `__floor__`/`__ceil__` win, other reals go through a float.
fn round_to_int(
    interp: &mut Interp,
    args: &Args,
    name: &str,
    dunder: &str,
    f: fn(f64) -> f64,
) -> Raise<Value> {
    let v = one_arg(interp, args, name)?;
    match &v {
        Value::Float(x) => float_to_int(interp, f(*x)),
        Value::Int(_) | Value::BigInt(_) => Ok(v),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::Instance(inst) => match inst.class.lookup(dunder) {
            Some(method) => interp.call(&method, Args::new(vec![v.clone()])),
            None => {
                let x = to_f64(interp, &v)?;
                float_to_int(interp, f(x))
            }
        },
        other => Err(not_real(interp, other)),
    }
}

fn m_floor(interp: &mut Interp, args: Args) -> Raise<Value> {
    round_to_int(interp, &args, "floor", "__floor__", f64::floor)
}

fn m_ceil(interp: &mut Interp, args: Args) -> Raise<Value> {
    round_to_int(interp, &args, "ceil", "__ceil__", f64::ceil)
}

fn m_trunc(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = one_arg(interp, &args, "trunc")?;
    match &v {
        Value::Float(x) => float_to_int(interp, x.trunc()),
        Value::Int(_) | Value::BigInt(_) => Ok(v),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::Instance(inst) if inst.class.lookup("__trunc__").is_some() => {
            let method = inst.class.lookup("__trunc__").unwrap_or(Value::None);
            interp.call(&method, Args::new(vec![v.clone()]))
        }
        other => Err(interp.type_error(format!(
            "type {} doesn't define __trunc__ method",
            interp.type_name(other)
        ))),
    }
}

// ---- integer functions ----

fn m_isqrt(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = one_arg(interp, &args, "isqrt")?;
    let n = to_bigint(interp, &v)?;
    if n.is_negative() {
        return Err(interp.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

fn int_args(interp: &mut Interp, args: &Args, name: &str) -> Raise<Vec<BigInt>> {
    no_keywords(interp, args, name)?;
    args.pos.iter().map(|v| to_bigint(interp, v)).collect()
}

fn m_gcd(interp: &mut Interp, args: Args) -> Raise<Value> {
    let numbers = int_args(interp, &args, "gcd")?;
    let g = numbers.iter().fold(BigInt::zero(), |acc, n| acc.gcd(n));
    Ok(Value::from_bigint(g))
}

fn m_lcm(interp: &mut Interp, args: Args) -> Raise<Value> {
    let numbers = int_args(interp, &args, "lcm")?;
    let mut acc = BigInt::one();
    for n in &numbers {
        if acc.bits() + n.bits() > MAX_INT_BITS {
            return Err(interp.err("MemoryError", ""));
        }
        acc = acc.lcm(n);
    }
    Ok(Value::from_bigint(acc))
}

/// The product `lo * (lo + 1) * ... * (lo + count - 1)`, by binary splitting
/// so that the big multiplications are between numbers of similar size.
fn range_product(lo: &BigInt, count: u64) -> BigInt {
    if count <= 16 {
        let mut acc = BigInt::one();
        for i in 0..count {
            acc *= lo + i;
        }
        return acc;
    }
    let half = count / 2;
    range_product(lo, half) * range_product(&(lo + half), count - half)
}

/// `MemoryError` when a result would need more than `bits` bits (an upper bound).
fn check_result_bits(interp: &Interp, bits: f64) -> Raise<()> {
    if bits > MAX_INT_BITS as f64 {
        return Err(interp.err("MemoryError", ""));
    }
    Ok(())
}

fn factorial_of(interp: &Interp, n: &BigInt) -> Raise<BigInt> {
    if n.is_negative() {
        return Err(interp.value_error("factorial() not defined for negative values"));
    }
    let Some(count) = n.to_i64().and_then(|c| u64::try_from(c).ok()) else {
        return Err(interp.err(
            "OverflowError",
            "factorial() argument should not exceed 9223372036854775807",
        ));
    };
    // log2(n!) < n * log2(n) <= n * bits(n).
    check_result_bits(interp, count as f64 * n.bits() as f64)?;
    Ok(range_product(&BigInt::one(), count))
}

fn m_factorial(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = one_arg(interp, &args, "factorial")?;
    let n = to_bigint(interp, &v)?;
    factorial_of(interp, &n).map(Value::from_bigint)
}

/// `n` and `k` of `comb`/`perm`, checked non-negative.
fn n_and_k(interp: &mut Interp, n: &Value, k: &Value) -> Raise<(BigInt, BigInt)> {
    let n = to_bigint(interp, n)?;
    let k = to_bigint(interp, k)?;
    if n.is_negative() {
        return Err(interp.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(interp.value_error("k must be a non-negative integer"));
    }
    Ok((n, k))
}

fn m_perm(interp: &mut Interp, args: Args) -> Raise<Value> {
    no_keywords(interp, &args, "perm")?;
    let (n, k) = match args.pos.as_slice() {
        [n] | [n, Value::None] => {
            let n = to_bigint(interp, n)?;
            return factorial_of(interp, &n).map(Value::from_bigint);
        }
        [n, k] => n_and_k(interp, n, k)?,
        [] => return Err(interp.type_error("perm expected at least 1 argument, got 0")),
        more => {
            return Err(interp.type_error(format!(
                "perm expected at most 2 arguments, got {}",
                more.len()
            )))
        }
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    let Some(count) = k.to_i64().and_then(|c| u64::try_from(c).ok()) else {
        return Err(interp.err("OverflowError", "k must not exceed 9223372036854775807"));
    };
    // perm(n, k) <= n**k.
    check_result_bits(interp, count as f64 * n.bits() as f64)?;
    Ok(Value::from_bigint(range_product(&(&n - &k + 1u32), count)))
}

fn m_comb(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (n, k) = two_args(interp, &args, "comb")?;
    let (n, k) = n_and_k(interp, &n, &k)?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let Some(count) = k.to_i64().and_then(|c| u64::try_from(c).ok()) else {
        return Err(interp.err(
            "OverflowError",
            "min(n - k, k) must not exceed 9223372036854775807",
        ));
    };
    if count == 0 {
        return Ok(Value::Int(1));
    }
    // comb(n, k) <= (e * n / k)**k, and log2(n) <= bits(n), log2(k) >= bits(k) - 1.
    let log2_ratio = std::f64::consts::LOG2_E + n.bits() as f64 - (k.bits() as f64 - 1.0);
    check_result_bits(interp, count as f64 * log2_ratio)?;
    let numerator = range_product(&(&n - &k + 1u32), count);
    Ok(Value::from_bigint(
        numerator / range_product(&BigInt::one(), count),
    ))
}

fn m_prod(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let start = args.take_kw("start").unwrap_or(Value::Int(1));
    no_other_keywords(interp, &args, "prod")?;
    if args.pos.len() != 1 {
        return Err(interp.type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            args.pos.len()
        )));
    }
    let items = interp.iterate(&args.pos[0])?;
    let mut acc = start;
    for item in &items {
        acc = interp.binary_op(&acc, BinOp::Mul, item)?;
    }
    Ok(acc)
}

// ---- sums and norms ----

fn m_fsum(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = one_arg(interp, &args, "fsum")?;
    let items = interp.iterate(&v)?;
    let mut values = Vec::with_capacity(items.len());
    for item in &items {
        values.push(to_f64(interp, item)?);
    }
    match fsum(&values) {
        Ok(x) => Ok(Value::Float(x)),
        Err(FsumError::Overflow) => {
            Err(interp.err("OverflowError", "intermediate overflow in fsum"))
        }
        Err(FsumError::InfMinusInf) => Err(interp.value_error("-inf + inf in fsum")),
    }
}

/// Why `fsum` failed.
#[derive(Debug, PartialEq)]
pub enum FsumError {
    /// A partial sum of finite values overflowed.
    Overflow,
    /// Both infinities were summed.
    InfMinusInf,
}

/// The correctly rounded sum of `values`: Shewchuk's exact partials, as CPython's `math.fsum`.
pub fn fsum(values: &[f64]) -> Result<f64, FsumError> {
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    for &value in values {
        let mut x = value;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x == 0.0 {
            continue;
        }
        if x.is_finite() {
            partials.push(x);
            continue;
        }
        // A non-finite partial comes from an overflow or from an inf/nan summand.
        if value.is_finite() {
            return Err(FsumError::Overflow);
        }
        if value.is_infinite() {
            inf_sum += value;
        }
        special_sum += value;
        partials.clear();
    }
    if special_sum != 0.0 {
        return if inf_sum.is_nan() {
            Err(FsumError::InfMinusInf)
        } else {
            Ok(special_sum)
        };
    }
    Ok(round_partials(&mut partials))
}

/// Adds the partials from the top while exact, then fixes the half-even
/// rounding across partials (so `fsum([1e-16, 1, 1e16])` rounds up).
fn round_partials(partials: &mut Vec<f64>) -> f64 {
    let Some(mut hi) = partials.pop() else {
        return 0.0;
    };
    let mut lo = 0.0;
    while let Some(y) = partials.pop() {
        let x = hi;
        hi = x + y;
        lo = y - (hi - x);
        if lo != 0.0 {
            break;
        }
    }
    if let Some(&next) = partials.last() {
        if (lo < 0.0 && next < 0.0) || (lo > 0.0 && next > 0.0) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    hi
}

/// `(hi, lo)` with `hi + lo == a + b` exactly, for `|a| >= |b|`.
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    (x, (a - x) + b)
}

/// `(hi, lo)` with `hi + lo == x * y` exactly.
fn two_product(x: f64, y: f64) -> (f64, f64) {
    let z = x * y;
    (z, x.mul_add(y, -z))
}

/// The Euclidean norm of non-negative finite-or-special `vec`, whose largest
/// element is `max`: CPython 3.12's `vector_norm`, with lossless scaling,
/// extended-precision squares and a final differential correction.
pub fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        // Scaling by 2**-max_e would overflow: make the subnormals normal first.
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp(1.0, -max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    for &x in vec.iter() {
        let x = x * scale;
        let (pr_hi, pr_lo) = two_product(x, x);
        let (sm_hi, sm_lo) = fast_two_sum(csum, pr_hi);
        csum = sm_hi;
        frac1 += pr_lo;
        frac2 += sm_lo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (pr_hi, pr_lo) = two_product(-h, h);
    let (sm_hi, sm_lo) = fast_two_sum(csum, pr_hi);
    csum = sm_hi;
    frac1 += pr_lo;
    frac2 += sm_lo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// Absolute values with their maximum and whether one is NaN, for `vector_norm`.
fn norm_of(mut values: Vec<f64>) -> f64 {
    let mut max = 0.0f64;
    let mut found_nan = false;
    for x in values.iter_mut() {
        *x = x.abs();
        found_nan |= x.is_nan();
        if *x > max {
            max = *x;
        }
    }
    vector_norm(&mut values, max, found_nan)
}

fn m_hypot(interp: &mut Interp, args: Args) -> Raise<Value> {
    no_keywords(interp, &args, "hypot")?;
    let mut values = Vec::with_capacity(args.pos.len());
    for v in &args.pos {
        values.push(to_f64(interp, v)?);
    }
    Ok(Value::Float(norm_of(values)))
}

fn m_dist(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (p, q) = two_args(interp, &args, "dist")?;
    let p = interp.iterate(&p)?;
    let q = interp.iterate(&q)?;
    if p.len() != q.len() {
        return Err(interp.value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    for (a, b) in p.iter().zip(&q) {
        let a = to_f64(interp, a)?;
        let b = to_f64(interp, b)?;
        diffs.push(a - b);
    }
    Ok(Value::Float(norm_of(diffs)))
}

fn m_isclose(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let rel_tol = args.take_kw("rel_tol");
    let abs_tol = args.take_kw("abs_tol");
    let a = args.take_kw("a");
    let b = args.take_kw("b");
    no_other_keywords(interp, &args, "isclose")?;
    if args.pos.len() > 2 {
        return Err(interp.type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.pos.len()
        )));
    }
    let mut pos = args.pos.into_iter();
    let a = pos
        .next()
        .or(a)
        .ok_or_else(|| interp.type_error("isclose() missing required argument 'a' (pos 1)"))?;
    let b = pos
        .next()
        .or(b)
        .ok_or_else(|| interp.type_error("isclose() missing required argument 'b' (pos 2)"))?;
    let a = to_f64(interp, &a)?;
    let b = to_f64(interp, &b)?;
    let rel_tol = match rel_tol {
        Some(v) => to_f64(interp, &v)?,
        None => 1e-9,
    };
    let abs_tol = match abs_tol {
        Some(v) => to_f64(interp, &v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(interp.value_error("tolerances must be non-negative"));
    }
    Ok(Value::Bool(isclose(a, b, rel_tol, abs_tol)))
}

/// CPython's `isclose` test on floats, with valid tolerances.
pub fn isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> bool {
    if a == b {
        return true;
    }
    if a.is_infinite() || b.is_infinite() {
        return false;
    }
    let diff = (b - a).abs();
    diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol
}

// ---- logarithms ----

/// `func` of an argument, where ints too large for a float are split as
/// `x * 2**e` so `log(10**1000)` works; non-positive values are domain errors.
fn loghelper(interp: &mut Interp, v: &Value, func: fn(f64) -> f64) -> Raise<f64> {
    if let Some(n) = crate::ops::as_bigint(v) {
        if !n.is_positive() {
            return Err(domain_error(interp));
        }
        if let Some(x) = n.to_f64().filter(|x| x.is_finite()) {
            return log_of_float(interp, x, func);
        }
        let (x, e) = bigint_frexp(&n);
        return Ok(func(x) + func(2.0) * e as f64);
    }
    let x = to_f64(interp, v)?;
    log_of_float(interp, x, func)
}

fn log_of_float(interp: &Interp, x: f64, func: fn(f64) -> f64) -> Raise<f64> {
    let r = func(x);
    if (r.is_nan() && !x.is_nan()) || (r.is_infinite() && x.is_finite()) {
        return Err(domain_error(interp));
    }
    Ok(r)
}

/// `(x, e)` with `n == x * 2**e` (x correctly rounded, in `[0.5, 1)`), for `n > 0`.
pub fn bigint_frexp(n: &BigInt) -> (f64, i64) {
    let bits = n.bits();
    if bits <= 64 {
        let x = n.to_f64().unwrap_or(0.0);
        let (m, e) = frexp(x);
        return (m, i64::from(e));
    }
    // Keep the top 64 bits plus a sticky bit for what was shifted out, so the
    // conversion to f64 rounds once, correctly (half to even).
    let shift = bits - 64;
    let magnitude = n.magnitude();
    let top = (magnitude >> shift).to_u64().unwrap_or(u64::MAX);
    let lost = magnitude.trailing_zeros().is_some_and(|tz| tz < shift);
    let top = if lost { top | 1 } else { top };
    let mut x = top as f64 / 18446744073709551616.0;
    let mut e = bits as i64;
    if x == 1.0 {
        x = 0.5;
        e += 1;
    }
    (x, e)
}

fn m_log(interp: &mut Interp, args: Args) -> Raise<Value> {
    no_keywords(interp, &args, "log")?;
    let (x, base) = match args.pos.as_slice() {
        [x] => (x.clone(), None),
        [x, base] => (x.clone(), Some(base.clone())),
        [] => return Err(interp.type_error("log expected at least 1 argument, got 0")),
        more => {
            return Err(interp.type_error(format!(
                "log expected at most 2 arguments, got {}",
                more.len()
            )))
        }
    };
    let num = loghelper(interp, &x, f64::ln)?;
    let Some(base) = base else {
        return Ok(Value::Float(num));
    };
    let den = loghelper(interp, &base, f64::ln)?;
    if den == 0.0 {
        return Err(interp.err("ZeroDivisionError", "float division by zero"));
    }
    Ok(Value::Float(num / den))
}

fn m_log2(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = one_arg(interp, &args, "log2")?;
    loghelper(interp, &v, f64::log2).map(Value::Float)
}

fn m_log10(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = one_arg(interp, &args, "log10")?;
    loghelper(interp, &v, f64::log10).map(Value::Float)
}

// ---- functions of two floats ----

fn two_floats(interp: &mut Interp, args: &Args, name: &str) -> Raise<(f64, f64)> {
    let (a, b) = two_args(interp, args, name)?;
    Ok((to_f64(interp, &a)?, to_f64(interp, &b)?))
}

/// What went wrong in a float computation.
#[derive(Debug, PartialEq)]
pub enum MathError {
    /// `ValueError: math domain error`.
    Domain,
    /// `OverflowError: math range error`.
    Range,
}

fn math_error(interp: &Interp, e: MathError) -> crate::value::Exc {
    match e {
        MathError::Domain => domain_error(interp),
        MathError::Range => range_error(interp),
    }
}

/// `math.pow`: IEEE special values handled directly, as CPython does, then libm.
pub fn pow(x: f64, y: f64) -> Result<f64, MathError> {
    if !x.is_finite() || !y.is_finite() {
        return Ok(pow_special(x, y));
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(MathError::Domain);
    }
    if r.is_infinite() {
        return Err(if x == 0.0 {
            MathError::Domain
        } else {
            MathError::Range
        });
    }
    Ok(r)
}

fn pow_special(x: f64, y: f64) -> f64 {
    if x.is_nan() {
        return if y == 0.0 { 1.0 } else { x };
    }
    if y.is_nan() {
        return if x == 1.0 { 1.0 } else { y };
    }
    if x.is_infinite() {
        let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
        return if y > 0.0 {
            if odd_y {
                x
            } else {
                x.abs()
            }
        } else if y == 0.0 {
            1.0
        } else if odd_y {
            0.0f64.copysign(x)
        } else {
            0.0
        };
    }
    // y is infinite, x finite.
    if x.abs() == 1.0 {
        1.0
    } else if (y > 0.0 && x.abs() > 1.0) || (y < 0.0 && x.abs() < 1.0) {
        f64::INFINITY
    } else {
        0.0
    }
}

fn m_pow(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (x, y) = two_floats(interp, &args, "pow")?;
    pow(x, y)
        .map(Value::Float)
        .map_err(|e| math_error(interp, e))
}

/// `atan2` with C99's special cases spelled out, as CPython's `m_atan2`.
pub fn atan2(y: f64, x: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            let quarter = if x.is_sign_positive() { 0.25 } else { 0.75 };
            return (quarter * PI).copysign(y);
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() {
            0.0f64.copysign(y)
        } else {
            PI.copysign(y)
        };
    }
    y.atan2(x)
}

fn m_atan2(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (y, x) = two_floats(interp, &args, "atan2")?;
    Ok(Value::Float(atan2(y, x)))
}

fn m_copysign(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (x, y) = two_floats(interp, &args, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn m_fmod(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (x, y) = two_floats(interp, &args, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(interp));
    }
    Ok(Value::Float(r))
}

fn m_modf(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = one_arg(interp, &args, "modf")?;
    let x = to_f64(interp, &v)?;
    let (frac, whole) = modf(x);
    Ok(Value::tuple(vec![Value::Float(frac), Value::Float(whole)]))
}

/// `(fractional part, integral part)`, both with the sign of `x`.
pub fn modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (0.0f64.copysign(x), x);
    }
    if x.is_nan() {
        return (x, x);
    }
    let whole = x.trunc();
    ((x - whole).copysign(x), whole)
}

/// `(m, e)` with `x == m * 2**e` and `0.5 <= |m| < 1`; `(x, 0)` for zeros, infinities and NaN.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, bias) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exponent - 1022 + bias)
}

/// `x * 2**n`, rounded once (musl's `scalbn`).
pub fn ldexp(x: f64, n: i32) -> f64 {
    let mut y = x;
    let mut n = n;
    let p1023 = f64::from_bits(0x7fe0_0000_0000_0000);
    // 2**-1022 * 2**53: stepping down by this keeps intermediate results
    // normal, so only the last multiplication can round.
    let down = f64::from_bits(0x0010_0000_0000_0000) * f64::from_bits(0x4340_0000_0000_0000);
    if n > 1023 {
        y *= p1023;
        n -= 1023;
        if n > 1023 {
            y *= p1023;
            n = (n - 1023).min(1023);
        }
    } else if n < -1022 {
        y *= down;
        n += 1022 - 53;
        if n < -1022 {
            y *= down;
            n = (n + 1022 - 53).max(-1022);
        }
    }
    y * f64::from_bits(((0x3ff + i64::from(n)) as u64) << 52)
}

fn m_frexp(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = one_arg(interp, &args, "frexp")?;
    let x = to_f64(interp, &v)?;
    let (m, e) = frexp(x);
    Ok(Value::tuple(vec![
        Value::Float(m),
        Value::Int(i64::from(e)),
    ]))
}

fn m_ldexp(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (x, i) = two_args(interp, &args, "ldexp")?;
    let x = to_f64(interp, &x)?;
    let Some(exp) = crate::ops::as_bigint(&i) else {
        return Err(interp.type_error("Expected an int as second argument to ldexp."));
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    // Exponents beyond any float's range saturate; the result is then 0 or inf.
    let exp = exp.to_i64().unwrap_or(if exp.is_negative() {
        i64::MIN
    } else {
        i64::MAX
    });
    let r = ldexp(x, exp.clamp(-2200, 2200) as i32);
    if r.is_infinite() {
        return Err(range_error(interp));
    }
    Ok(Value::Float(r))
}

#[cfg(test)]
mod tests;
