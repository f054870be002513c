//! Unit tests of the pieces behind `math` that the conformance table
//! (`tests/stdlib_conformance.rs`) cannot reach from Python values alone.

use num_bigint::BigInt;
use num_traits::One;

use super::*;
use crate::compiler::Mode;

fn call(interp: &mut Interp, name: &str, args: Vec<Value>) -> Raise<Value> {
    let Some(Value::Module(m)) = interp.modules.get("math") else {
        panic!("no math module")
    };
    let f = m.dict.borrow().get_str(name).expect("a math function");
    interp.call(&f, Args::new(args))
}

fn big(v: BigInt) -> Value {
    Value::from_bigint(v)
}

#[test]
fn frexp_and_ldexp_round_trip_including_subnormals() {
    for x in [
        1.0,
        -3.5,
        0.1,
        1e-310,
        -5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        123456.789,
    ] {
        let (m, e) = frexp(x);
        assert!((0.5..1.0).contains(&m.abs()), "{x}: mantissa {m}");
        assert_eq!(ldexp(m, e), x, "{x}");
    }
    assert_eq!(frexp(5e-324), (0.5, -1073));
    assert_eq!(frexp(0.0), (0.0, 0));
    assert!(frexp(f64::NAN).0.is_nan());
}

#[test]
fn ldexp_rounds_once_into_the_subnormals() {
    // 3 * 2**-1075 = 1.5 * 2**-1074: halfway, rounds to even (2 * 2**-1074).
    assert_eq!(ldexp(3.0, -1075), 1e-323);
    assert_eq!(ldexp(1.0, -1075), 0.0);
    assert_eq!(ldexp(1.0, 1024), f64::INFINITY);
    assert_eq!(ldexp(0.75, 1024), 1.348269851146737e308);
    assert_eq!(ldexp(1.5, i32::MIN), 0.0);
    assert_eq!(ldexp(-1.5, i32::MAX), f64::NEG_INFINITY);
}

#[test]
fn bigint_frexp_rounds_half_to_even() {
    let one = BigInt::one();
    let top = (&one << 53u32) - 1u32; // 53 one bits
                                      // Exactly representable.
    assert_eq!(
        bigint_frexp(&(&top << 1000u32)),
        ((2f64.powi(53) - 1.0) / 2f64.powi(53), 1053)
    );
    // Halfway between 2**53 - 1 (odd) and 2**53: rounds up to the even one.
    let halfway_up = (&top << 1000u32) + (&one << 999u32);
    assert_eq!(bigint_frexp(&halfway_up), (0.5, 1054));
    // Halfway between 2**53 - 2 (even) and 2**53 - 1: stays.
    let even = &top - 1u32;
    let halfway_down = (&even << 1000u32) + (&one << 999u32);
    assert_eq!(
        bigint_frexp(&halfway_down),
        ((2f64.powi(53) - 2.0) / 2f64.powi(53), 1053)
    );
    // A bit beyond halfway, far below the 64 bits kept, still rounds up.
    assert_eq!(
        bigint_frexp(&(halfway_down + 1u32)),
        ((2f64.powi(53) - 1.0) / 2f64.powi(53), 1053)
    );
}

#[test]
fn fsum_is_exact_and_order_independent() {
    let values = [1e16, 1.0, 1e-16, -1e16, 3.5, 1e-300, 2.0f64.powi(-60)];
    let expected = fsum(&values).expect("finite");
    let mut shuffled = values;
    for i in 0..shuffled.len() {
        shuffled.rotate_left(i);
        assert_eq!(fsum(&shuffled), Ok(expected));
    }
    assert_eq!(fsum(&[1e308, 1e308]), Err(FsumError::Overflow));
    assert_eq!(
        fsum(&[f64::INFINITY, 1.0, f64::NEG_INFINITY]),
        Err(FsumError::InfMinusInf)
    );
    // An infinity does not excuse a later overflow of finite values.
    assert_eq!(
        fsum(&[f64::NEG_INFINITY, 1e308, 1e308]),
        Err(FsumError::Overflow)
    );
    assert_eq!(fsum(&[]), Ok(0.0));
}

#[test]
fn vector_norm_scales_without_overflow_or_underflow() {
    assert_eq!(vector_norm(&mut [3e300, 4e300], 4e300, false), 5e300);
    assert_eq!(vector_norm(&mut [3e-320, 4e-320], 4e-320, false), 5e-320);
    assert_eq!(
        vector_norm(&mut [f64::INFINITY, 1.0], f64::INFINITY, true),
        f64::INFINITY
    );
    assert!(vector_norm(&mut [1.0, 2.0], 2.0, true).is_nan());
}

#[test]
fn pow_and_atan2_keep_the_signs_of_zeros() {
    assert!(pow(f64::NEG_INFINITY, -3.0).is_ok_and(|r| r == 0.0 && r.is_sign_negative()));
    assert!(pow(-0.0, 3.0).is_ok_and(|r| r == 0.0 && r.is_sign_negative()));
    assert_eq!(pow(0.0, -1.0), Err(MathError::Domain));
    assert_eq!(pow(10.0, 400.0), Err(MathError::Range));
    assert_eq!(pow(10.0, -400.0), Ok(0.0));
    assert!(atan2(-0.0, 1.0).is_sign_negative());
    assert_eq!(atan2(-0.0, -1.0), -PI);
}

#[test]
fn absurd_integer_results_are_memory_errors_not_hangs() {
    let mut interp = Interp::new(Mode::Script);
    let huge = |interp: &mut Interp, name: &str, args: Vec<Value>| {
        let e = call(interp, name, args).expect_err("an error");
        interp.exc_is(&e, "MemoryError")
    };
    assert!(huge(
        &mut interp,
        "factorial",
        vec![Value::Int(1_000_000_000)]
    ));
    assert!(huge(
        &mut interp,
        "comb",
        vec![Value::Int(1 << 50), Value::Int(1 << 30)]
    ));
    assert!(huge(
        &mut interp,
        "perm",
        vec![Value::Int(1 << 50), Value::Int(1 << 25)]
    ));
    let wide = big(BigInt::one() << 200_000_000u32);
    assert!(huge(
        &mut interp,
        "lcm",
        vec![wide.clone(), big((BigInt::one() << 100_000_000u32) + 1u32)]
    ));
    // Still exact below the limit.
    let r = call(
        &mut interp,
        "comb",
        vec![Value::Int(100_000), Value::Int(50_000)],
    )
    .expect("a result");
    let Value::BigInt(b) = r else {
        panic!("a big int")
    };
    assert_eq!(b.bits(), 99_992);
}

#[test]
fn range_product_matches_a_plain_loop() {
    for (lo, count) in [(1u32, 0u64), (1, 1), (1, 17), (5, 40), (1000, 100)] {
        let mut plain = BigInt::one();
        for i in 0..count {
            plain *= BigInt::from(lo) + i;
        }
        assert_eq!(
            range_product(&BigInt::from(lo), count),
            plain,
            "{lo} {count}"
        );
    }
}

#[test]
fn floats_become_exact_ints() {
    let interp = Interp::new(Mode::Script);
    assert_eq!(float_to_int(&interp, -2.0).ok(), Some(Value::Int(-2)));
    let Ok(Value::BigInt(b)) = float_to_int(&interp, 1e20) else {
        panic!("a big int")
    };
    assert_eq!(b.to_string(), "100000000000000000000");
    assert!(float_to_int(&interp, f64::NAN).is_err());
}
