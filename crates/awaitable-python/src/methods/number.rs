//! `int` and `float` methods.

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};

use super::args::{
    add_classmethod, add_methods, any, as_float, as_int, bind, index_param, str_param, Arity,
    Params, Sig,
};
use crate::interp::{Interp, Raise};
use crate::value::*;

/// Installs the `int` and `float` methods (`bool` inherits the `int` ones).
pub(crate) fn install(interp: &mut Interp) {
    let int = interp.types.get(BuiltinType::Int);
    add_methods(
        &int,
        &[
            ("bit_length", bit_length),
            ("bit_count", bit_count),
            ("to_bytes", to_bytes),
            ("conjugate", int_conjugate),
            ("__index__", index),
            ("is_integer", int_is_integer),
            ("as_integer_ratio", int_as_integer_ratio),
        ],
    );
    add_classmethod(interp, &int, "from_bytes", from_bytes);
    let float = interp.types.get(BuiltinType::Float);
    add_methods(
        &float,
        &[
            ("is_integer", float_is_integer),
            ("as_integer_ratio", float_as_integer_ratio),
            ("conjugate", float_conjugate),
        ],
    );
}

// ---- int ----

fn int_args(
    interp: &Interp,
    args: Args,
    name: &'static str,
    arity: Arity,
) -> Raise<(BigInt, Params)> {
    bind(interp, args, &Sig::new("int", name, arity), as_int)
}

fn int_no_args(interp: &Interp, args: Args, name: &'static str) -> Raise<BigInt> {
    int_args(interp, args, name, Arity::NoArgs).map(|(n, _)| n)
}

fn bit_length(interp: &mut Interp, args: Args) -> Raise<Value> {
    let n = int_no_args(interp, args, "bit_length")?;
    Ok(Value::Int(n.bits() as i64))
}

fn bit_count(interp: &mut Interp, args: Args) -> Raise<Value> {
    let n = int_no_args(interp, args, "bit_count")?;
    let ones: u64 = n
        .magnitude()
        .iter_u64_digits()
        .map(|d| u64::from(d.count_ones()))
        .sum();
    Ok(Value::Int(ones as i64))
}

/// `conjugate` and `__index__` return the int itself (a bool becomes an int).
fn int_conjugate(interp: &mut Interp, args: Args) -> Raise<Value> {
    int_no_args(interp, args, "conjugate").map(Value::from_bigint)
}

fn index(interp: &mut Interp, args: Args) -> Raise<Value> {
    int_no_args(interp, args, "__index__").map(Value::from_bigint)
}

fn int_is_integer(interp: &mut Interp, args: Args) -> Raise<Value> {
    int_no_args(interp, args, "is_integer").map(|_| Value::Bool(true))
}

fn int_as_integer_ratio(interp: &mut Interp, args: Args) -> Raise<Value> {
    let n = int_no_args(interp, args, "as_integer_ratio")?;
    Ok(Value::tuple(vec![Value::from_bigint(n), Value::Int(1)]))
}

const BYTES_PARAMS: &[&str] = &["length", "byteorder", "signed"];

/// Reads the `byteorder` argument: `true` for big-endian (the default).
fn big_endian(interp: &Interp, v: Option<&Value>, fname: &str) -> Raise<bool> {
    let Some(v) = v else { return Ok(true) };
    let order = str_param(interp, v, &format!("{fname}() argument 'byteorder' "))?;
    match &*order {
        "big" => Ok(true),
        "little" => Ok(false),
        _ => Err(interp.value_error("byteorder must be either 'little' or 'big'")),
    }
}

fn signed_flag(interp: &mut Interp, v: Option<&Value>) -> Raise<bool> {
    match v {
        Some(v) => interp.truthy(v),
        None => Ok(false),
    }
}

/// `n.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn to_bytes(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (n, p) = int_args(
        interp,
        args,
        "to_bytes",
        Arity::Keywords {
            names: BYTES_PARAMS,
            required: 0,
            positional: 2,
        },
    )?;
    let length = match p.get(0) {
        Some(v) => index_param(interp, v)?,
        None => 1,
    };
    let length = usize::try_from(length)
        .map_err(|_| interp.value_error("length argument must be non-negative"))?;
    let big = big_endian(interp, p.get(1), "to_bytes")?;
    let signed = signed_flag(interp, p.get(2))?;
    if !signed && n.is_negative() {
        return Err(interp.err("OverflowError", "can't convert negative int to unsigned"));
    }
    let mut bytes = if n.is_zero() {
        Vec::new()
    } else if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    if bytes.len() > length {
        return Err(interp.err("OverflowError", "int too big to convert"));
    }
    interp.check_len(length)?;
    let fill = if n.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if big {
        bytes.reverse();
    }
    Ok(Value::Bytes(bytes.into()))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`, a class method.
fn from_bytes(interp: &mut Interp, args: Args) -> Raise<Value> {
    let names: &[&str] = &["bytes", "byteorder", "signed"];
    let sig = Sig::new(
        "int",
        "from_bytes",
        Arity::Keywords {
            names,
            required: 1,
            positional: 2,
        },
    );
    let (class, p) = bind(interp, args, &sig, any)?;
    let mut bytes = byte_values(interp, &p.req(0))?;
    let big = big_endian(interp, p.get(1), "from_bytes")?;
    let signed = signed_flag(interp, p.get(2))?;
    if big {
        bytes.reverse();
    }
    let n = if signed {
        BigInt::from_signed_bytes_le(&bytes)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &bytes)
    };
    let is_bool = matches!(&class, Value::Class(c) if c.builtin == Some(BuiltinType::Bool));
    Ok(if is_bool {
        Value::Bool(!n.is_zero())
    } else {
        Value::from_bigint(n)
    })
}

/// The bytes of a bytes object or of an iterable of ints in `range(256)`.
fn byte_values(interp: &mut Interp, v: &Value) -> Raise<Vec<u8>> {
    match v {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::Str(_) => Err(interp.type_error("cannot convert 'str' object to bytes")),
        other if !interp.is_iterable(other) => Err(interp.type_error(format!(
            "cannot convert '{}' object to bytes",
            interp.type_name(other)
        ))),
        other => {
            let mut out = Vec::new();
            for item in interp.iterate(other)? {
                let n = index_param(interp, &item)?;
                out.push(
                    u8::try_from(n)
                        .map_err(|_| interp.value_error("bytes must be in range(0, 256)"))?,
                );
            }
            Ok(out)
        }
    }
}

// ---- float ----

fn float_no_args(interp: &Interp, args: Args, name: &'static str) -> Raise<f64> {
    bind(
        interp,
        args,
        &Sig::new("float", name, Arity::NoArgs),
        as_float,
    )
    .map(|(x, _)| x)
}

fn float_is_integer(interp: &mut Interp, args: Args) -> Raise<Value> {
    let x = float_no_args(interp, args, "is_integer")?;
    Ok(Value::Bool(x.is_finite() && x.fract() == 0.0))
}

fn float_conjugate(interp: &mut Interp, args: Args) -> Raise<Value> {
    float_no_args(interp, args, "conjugate").map(Value::Float)
}

/// The exact fraction a float stores, in lowest terms with a positive denominator.
fn float_as_integer_ratio(interp: &mut Interp, args: Args) -> Raise<Value> {
    let x = float_no_args(interp, args, "as_integer_ratio")?;
    if x.is_nan() {
        return Err(interp.value_error("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(interp.err("OverflowError", "cannot convert Infinity to integer ratio"));
    }
    let (numerator, denominator) = exact_ratio(x);
    Ok(Value::tuple(vec![
        Value::from_bigint(numerator),
        Value::from_bigint(denominator),
    ]))
}

/// Splits a finite float into mantissa and power of two, then cancels common factors of two.
fn exact_ratio(x: f64) -> (BigInt, BigInt) {
    let bits = x.to_bits();
    let exponent_bits = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mut mantissa, mut exponent) = if exponent_bits == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent_bits - 1075)
    };
    if mantissa == 0 {
        return (BigInt::zero(), BigInt::from(1));
    }
    if exponent < 0 {
        let shift = i64::from(mantissa.trailing_zeros()).min(-exponent);
        mantissa >>= shift;
        exponent += shift;
    }
    let sign = if x < 0.0 { -1 } else { 1 };
    let numerator = BigInt::from(mantissa) * sign;
    if exponent >= 0 {
        (numerator << exponent as usize, BigInt::from(1))
    } else {
        (numerator, BigInt::from(1) << (-exponent) as usize)
    }
}
