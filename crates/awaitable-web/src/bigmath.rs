//! The browser's `BigInt` lent to the interpreter for huge integers (see
//! `awaitable_python::bigmath`): V8 raises to powers and prints in decimal
//! several times faster than num-bigint compiled to WebAssembly.
//!
//! Values cross as hexadecimal text, which both sides read and write in
//! linear time: a few milliseconds for the course's `5**1000000`, against
//! hundreds saved.

use std::cell::RefCell;

use awaitable_python::bigmath::BigMath;
use num_bigint::BigUint;
use wasm_bindgen::JsValue;

/// JavaScript's `BigInt` limit is 2³⁰ bits in V8 and 2²⁰ 64-bit words in
/// Firefox; the interpreter refuses ints over 2²⁶ bits anyway, well below.
const MAX_BITS: u64 = 1 << 26;

/// Huge-integer arithmetic by the browser's `BigInt`. It keeps its last
/// result on both sides: the course's `calcul` prints the power it has just
/// computed, which then need not cross again.
#[derive(Debug, Default)]
pub struct BrowserBigMath {
    last: RefCell<Option<(BigUint, js_sys::BigInt)>>,
}

impl BigMath for BrowserBigMath {
    fn pow(&self, base: &BigUint, exp: u32) -> Option<BigUint> {
        if base.bits().saturating_mul(u64::from(exp)) > MAX_BITS {
            return None;
        }
        let power = to_js(base)?.pow(&js_sys::BigInt::from(exp));
        let result = from_js(&power)?;
        *self.last.borrow_mut() = Some((result.clone(), power));
        Some(result)
    }

    fn to_decimal(&self, value: &BigUint) -> Option<String> {
        let last = self.last.borrow();
        let digits = match &*last {
            Some((known, js)) if known == value => js.to_string(10),
            _ => to_js(value)?.to_string(10),
        };
        Some(String::from(digits.ok()?))
    }
}

/// `value` as a JavaScript `BigInt`.
fn to_js(value: &BigUint) -> Option<js_sys::BigInt> {
    let hex = format!("0x{}", value.to_str_radix(16));
    js_sys::BigInt::new(&JsValue::from_str(&hex)).ok()
}

/// A non-negative JavaScript `BigInt` back as a `BigUint`.
fn from_js(value: &js_sys::BigInt) -> Option<BigUint> {
    let hex = String::from(value.to_string(16).ok()?);
    BigUint::parse_bytes(hex.as_bytes(), 16)
}
