//! The few libm functions where Rust's own implementation differs from glibc's
//! in the last bit, ported from glibc (fdlibm for the inverse hyperbolics), so
//! that results match CPython on Linux, natively and in the browser alike.

use std::f64::consts::LN_2 as LN2;

/// The high 32 bits of `x` without the sign.
fn high_word(x: f64) -> u32 {
    ((x.to_bits() >> 32) as u32) & 0x7fff_ffff
}

/// fdlibm's `asinh`.
pub fn asinh(x: f64) -> f64 {
    let ix = high_word(x);
    if ix >= 0x7ff0_0000 {
        return x + x;
    }
    if ix < 0x3e30_0000 {
        // |x| < 2**-28: asinh(x) rounds to x.
        return x;
    }
    let t = x.abs();
    let w = if ix > 0x41b0_0000 {
        t.ln() + LN2
    } else if ix > 0x4000_0000 {
        (2.0 * t + 1.0 / ((x * x + 1.0).sqrt() + t)).ln()
    } else {
        let t2 = x * x;
        (t + t2 / (1.0 + (1.0 + t2).sqrt())).ln_1p()
    };
    w.copysign(x)
}

/// fdlibm's `acosh`.
pub fn acosh(x: f64) -> f64 {
    let hx = (x.to_bits() >> 32) as u32;
    if x.is_nan() {
        return x + x;
    }
    if x < 1.0 {
        return f64::NAN;
    }
    if hx >= 0x41b0_0000 {
        return if hx >= 0x7ff0_0000 {
            x + x
        } else {
            x.ln() + LN2
        };
    }
    if x == 1.0 {
        return 0.0;
    }
    if hx > 0x4000_0000 {
        let t = x * x;
        return (2.0 * x - 1.0 / (x + (t - 1.0).sqrt())).ln();
    }
    let t = x - 1.0;
    (t + (2.0 * t + t * t).sqrt()).ln_1p()
}

/// fdlibm's `atanh`.
pub fn atanh(x: f64) -> f64 {
    let ix = high_word(x);
    let ax = x.abs();
    if ax.is_nan() || ax > 1.0 {
        return f64::NAN;
    }
    if ax == 1.0 {
        return f64::INFINITY.copysign(x);
    }
    if ix < 0x3e30_0000 {
        return x;
    }
    let t = if ix < 0x3fe0_0000 {
        let t = ax + ax;
        0.5 * (t + t * ax / (1.0 - ax)).ln_1p()
    } else {
        0.5 * ((ax + ax) / (1.0 - ax)).ln_1p()
    };
    t.copysign(x)
}

/// glibc's `cbrt`: a polynomial guess refined by one Halley step.
// The constants are written as glibc writes them.
#[allow(clippy::excessive_precision)]
pub fn cbrt(x: f64) -> f64 {
    const CBRT2: f64 = 1.259_921_049_894_873_164_8;
    const SQR_CBRT2: f64 = 1.587_401_051_968_199_474_8;
    const FACTOR: [f64; 5] = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    let (xm, xe) = super::frexp(x.abs());
    if xe == 0 && (x == 0.0 || !x.is_finite()) {
        return x + x;
    }
    let u = 0.354_895_765_043_919_86
        + (1.508_191_937_815_848_96
            + (-2.114_994_941_673_712_87
                + (2.446_931_225_635_344_3
                    + (-1.834_692_774_836_130_86
                        + (0.784_932_344_976_639_262 - 0.145_263_899_385_486_377 * xm) * xm)
                        * xm)
                    * xm)
                * xm)
            * xm;
    let t2 = u * u * u;
    // C's `%` and `/` truncate toward zero.
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[(2 + xe % 3) as usize];
    super::ldexp(if x > 0.0 { ym } else { -ym }, xe / 3)
}
