//! `list` methods.
//!
//! Comparisons call back into Python (`__eq__`, sort keys), and that code may
//! change the list; so the list is never borrowed across such a call, and every
//! index is re-checked after it.

use std::cell::RefCell;
use std::rc::Rc;

use super::args::{
    add_methods, adjust_indices, as_list, bind, index_param, same, slice_bound, Arity, Params, Sig,
};
use crate::interp::{Interp, Raise};
use crate::value::*;

type List = Rc<RefCell<Vec<Value>>>;

/// Installs the `list` methods.
pub(crate) fn install(interp: &mut Interp) {
    let class = interp.types.get(BuiltinType::List);
    add_methods(
        &class,
        &[
            ("append", append),
            ("extend", extend),
            ("insert", insert),
            ("pop", pop),
            ("remove", remove),
            ("index", index),
            ("count", count),
            ("sort", sort),
            ("reverse", reverse),
            ("clear", clear),
            ("copy", copy),
        ],
    );
}

fn list_args(
    interp: &Interp,
    args: Args,
    name: &'static str,
    arity: Arity,
) -> Raise<(List, Params)> {
    bind(interp, args, &Sig::new("list", name, arity), as_list)
}

fn append(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (list, p) = list_args(interp, args, "append", Arity::One)?;
    let len = list.borrow().len();
    interp.check_len(len + 1)?;
    list.borrow_mut().push(p.req(0));
    Ok(Value::None)
}

fn extend(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (list, p) = list_args(interp, args, "extend", Arity::One)?;
    let items = interp.iterate(&p.req(0))?;
    let len = list.borrow().len();
    interp.check_len(len.saturating_add(items.len()))?;
    list.borrow_mut().extend(items);
    Ok(Value::None)
}

/// Inserts before `index`, clamped to the list like a slice bound.
fn insert(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (list, p) = list_args(interp, args, "insert", Arity::Clinic(2, 2))?;
    let index = index_param(interp, &p.req(0))?;
    let len = list.borrow().len();
    interp.check_len(len + 1)?;
    let at = if index < 0 {
        index.saturating_add(len as i64).max(0) as usize
    } else {
        (index as u64).min(len as u64) as usize
    };
    list.borrow_mut().insert(at, p.req(1));
    Ok(Value::None)
}

fn pop(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (list, p) = list_args(interp, args, "pop", Arity::Clinic(0, 1))?;
    let index = match p.get(0) {
        Some(v) => index_param(interp, v)?,
        None => -1,
    };
    let mut items = list.borrow_mut();
    if items.is_empty() {
        return Err(interp.err("IndexError", "pop from empty list"));
    }
    let len = items.len() as i64;
    let at = if index < 0 {
        index.saturating_add(len)
    } else {
        index
    };
    if !(0..len).contains(&at) {
        return Err(interp.err("IndexError", "pop index out of range"));
    }
    Ok(items.remove(at as usize))
}

/// The position of the first item equal to `value` in `items[start..end]`.
/// Python `__eq__` may shrink the list meanwhile, so each step re-reads it.
pub(crate) fn position(
    interp: &mut Interp,
    list: &List,
    value: &Value,
    start: usize,
    end: usize,
) -> Raise<Option<usize>> {
    let mut i = start;
    while i < end {
        let Some(item) = list.borrow().get(i).cloned() else {
            break;
        };
        if same(interp, &item, value)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn remove(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (list, p) = list_args(interp, args, "remove", Arity::One)?;
    let value = p.req(0);
    match position(interp, &list, &value, 0, usize::MAX)? {
        Some(i) if i < list.borrow().len() => {
            list.borrow_mut().remove(i);
            Ok(Value::None)
        }
        _ => Err(interp.value_error("list.remove(x): x not in list")),
    }
}

fn index(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (list, p) = list_args(interp, args, "index", Arity::Clinic(1, 3))?;
    let value = p.req(0);
    let start = slice_bound(interp, p.get(1), false)?;
    let stop = slice_bound(interp, p.get(2), false)?;
    let len = list.borrow().len();
    let (start, stop) = adjust_indices(start, stop, len);
    match position(interp, &list, &value, start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let shown = interp.repr(&value)?;
            Err(interp.value_error(format!("{shown} is not in list")))
        }
    }
}

/// Counts the items equal to `value` among `items` (a snapshot, so `__eq__` cannot disturb it).
pub(crate) fn count_equal(interp: &mut Interp, items: &[Value], value: &Value) -> Raise<usize> {
    let mut n = 0;
    for item in items {
        if same(interp, item, value)? {
            n += 1;
        }
    }
    Ok(n)
}

fn count(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (list, p) = list_args(interp, args, "count", Arity::One)?;
    let items = list.borrow().clone();
    count_equal(interp, &items, &p.req(0)).map(|n| Value::Int(n as i64))
}

/// A stable sort. Like CPython, the list is empty while it is being sorted,
/// and changing it from a key function or `__lt__` raises `ValueError`.
fn sort(interp: &mut Interp, args: Args) -> Raise<Value> {
    let names: &[&str] = &["key", "reverse"];
    let (list, p) = list_args(
        interp,
        args,
        "sort",
        Arity::Keywords {
            names,
            required: 0,
            positional: 0,
        },
    )?;
    let reverse = match p.get(1) {
        Some(v) => interp.truthy(v)?,
        None => false,
    };
    let items = std::mem::take(&mut *list.borrow_mut());
    let result = crate::builtins::sort_values(interp, items.clone(), p.get(0).cloned(), reverse);
    let modified = !list.borrow().is_empty();
    match result {
        Ok(sorted) => {
            *list.borrow_mut() = sorted;
            if modified {
                return Err(interp.value_error("list modified during sort"));
            }
            Ok(Value::None)
        }
        Err(e) => {
            *list.borrow_mut() = items;
            Err(e)
        }
    }
}

fn reverse(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (list, _) = list_args(interp, args, "reverse", Arity::NoArgs)?;
    list.borrow_mut().reverse();
    Ok(Value::None)
}

fn clear(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (list, _) = list_args(interp, args, "clear", Arity::NoArgs)?;
    list.borrow_mut().clear();
    Ok(Value::None)
}

fn copy(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (list, _) = list_args(interp, args, "copy", Arity::NoArgs)?;
    let items = list.borrow().clone();
    Ok(Value::list(items))
}
