//! `tuple` methods.

use std::rc::Rc;

use super::args::{add_methods, adjust_indices, bind, same, slice_bound, Arity, Sig};
use super::list::count_equal;
use crate::interp::{Interp, Raise};
use crate::value::*;

/// Installs the `tuple` methods.
pub(crate) fn install(interp: &mut Interp) {
    let class = interp.types.get(BuiltinType::Tuple);
    add_methods(&class, &[("index", index), ("count", count)]);
}

fn as_tuple(v: &Value) -> Option<Rc<[Value]>> {
    match v {
        Value::Tuple(t) => Some(t.clone()),
        _ => None,
    }
}

fn index(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (items, p) = bind(
        interp,
        args,
        &Sig::new("tuple", "index", Arity::Clinic(1, 3)),
        as_tuple,
    )?;
    let value = p.req(0);
    let start = slice_bound(interp, p.get(1), false)?;
    let stop = slice_bound(interp, p.get(2), false)?;
    let (start, stop) = adjust_indices(start, stop, items.len());
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if same(interp, item, &value)? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(interp.value_error("tuple.index(x): x not in tuple"))
}

fn count(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (items, p) = bind(
        interp,
        args,
        &Sig::new("tuple", "count", Arity::One),
        as_tuple,
    )?;
    count_equal(interp, &items, &p.req(0)).map(|n| Value::Int(n as i64))
}
