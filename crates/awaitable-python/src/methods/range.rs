//! `range` methods: `index` and `count`, computed for ints, searched otherwise.

use std::rc::Rc;

use super::args::{add_methods, bind, same, Arity, Sig};
use crate::interp::{Interp, Raise};
use crate::ops::as_i64;
use crate::value::*;

/// Installs the `range` methods.
pub(crate) fn install(interp: &mut Interp) {
    let class = interp.types.get(BuiltinType::Range);
    add_methods(&class, &[("index", index), ("count", count)]);
}

fn as_range(v: &Value) -> Option<Rc<RangeObj>> {
    match v {
        Value::Range(r) => Some(r.clone()),
        _ => None,
    }
}

/// The position of an int in the range, without iterating.
fn int_position(r: &RangeObj, i: i64) -> Option<i64> {
    let offset = (i as i128) - r.start;
    let step = r.step;
    let position = offset / step;
    (offset % step == 0 && position >= 0 && position < r.len()).then_some(position as i64)
}

/// Compares other values (`3.0`, instances with `__eq__`) item by item, as CPython does.
fn scan(
    interp: &mut Interp,
    r: &RangeObj,
    value: &Value,
    stop_at_first: bool,
) -> Raise<(i64, Option<i64>)> {
    let (mut found, mut first) = (0, None);
    for position in 0..r.len() {
        if same(interp, &Value::from_i128(r.item(position)), value)? {
            found += 1;
            first = first.or(Some(position as i64));
            if stop_at_first {
                break;
            }
        }
    }
    Ok((found, first))
}

fn index(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (r, p) = bind(
        interp,
        args,
        &Sig::new("range", "index", Arity::One),
        as_range,
    )?;
    let value = p.req(0);
    if let Some(i) = as_i64(&value) {
        return match int_position(&r, i) {
            Some(position) => Ok(Value::Int(position)),
            None => {
                let shown = interp.repr(&value)?;
                Err(interp.value_error(format!("{shown} is not in range")))
            }
        };
    }
    match scan(interp, &r, &value, true)?.1 {
        Some(position) => Ok(Value::Int(position)),
        None => Err(interp.value_error("sequence.index(x): x not in sequence")),
    }
}

fn count(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (r, p) = bind(
        interp,
        args,
        &Sig::new("range", "count", Arity::One),
        as_range,
    )?;
    let value = p.req(0);
    if let Some(i) = as_i64(&value) {
        return Ok(Value::Int(int_position(&r, i).is_some() as i64));
    }
    scan(interp, &r, &value, false).map(|(n, _)| Value::Int(n))
}
