//! `dict` methods, including the `keys()`, `values()` and `items()` views.

use std::cell::RefCell;
use std::rc::Rc;

use super::args::{
    add_classmethod, add_methods, any, as_dict, bind, key_error, Arity, Params, Sig,
};
use crate::dict::Dict;
use crate::interp::{Interp, Raise};
use crate::value::*;

type DictRef = Rc<RefCell<Dict>>;

/// Installs the `dict` methods.
pub(crate) fn install(interp: &mut Interp) {
    let class = interp.types.get(BuiltinType::Dict);
    add_methods(
        &class,
        &[
            ("get", get),
            ("keys", keys),
            ("values", values),
            ("items", items),
            ("pop", pop),
            ("popitem", popitem),
            ("setdefault", setdefault),
            ("update", update),
            ("clear", clear),
            ("copy", copy),
        ],
    );
    add_classmethod(interp, &class, "fromkeys", fromkeys);
    let keys_class = interp.types.get(BuiltinType::DictKeys);
    add_methods(&keys_class, &[("isdisjoint", keys_isdisjoint)]);
    let items_class = interp.types.get(BuiltinType::DictItems);
    add_methods(&items_class, &[("isdisjoint", items_isdisjoint)]);
}

fn dict_args(
    interp: &Interp,
    args: Args,
    name: &'static str,
    arity: Arity,
) -> Raise<(DictRef, Params)> {
    bind(interp, args, &Sig::new("dict", name, arity), as_dict)
}

/// `d[key]` without raising for a missing key.
fn lookup(interp: &Interp, dict: &DictRef, key: &Value) -> Raise<Option<Value>> {
    dict.borrow().get(key).map_err(|u| interp.unhashable(u))
}

fn store(interp: &Interp, dict: &DictRef, key: Value, value: Value) -> Raise<()> {
    dict.borrow_mut()
        .insert(key, value)
        .map_err(|u| interp.unhashable(u))
}

fn get(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (dict, p) = dict_args(interp, args, "get", Arity::Clinic(1, 2))?;
    let found = lookup(interp, &dict, &p.req(0))?;
    Ok(found.unwrap_or_else(|| p.get(1).cloned().unwrap_or(Value::None)))
}

fn view(interp: &Interp, args: Args, name: &'static str, mode: DictIterMode) -> Raise<Value> {
    let (dict, _) = dict_args(interp, args, name, Arity::NoArgs)?;
    Ok(Value::DictView(Rc::new(DictView { dict, mode })))
}

fn keys(interp: &mut Interp, args: Args) -> Raise<Value> {
    view(interp, args, "keys", DictIterMode::Keys)
}

fn values(interp: &mut Interp, args: Args) -> Raise<Value> {
    view(interp, args, "values", DictIterMode::Values)
}

fn items(interp: &mut Interp, args: Args) -> Raise<Value> {
    view(interp, args, "items", DictIterMode::Items)
}

fn pop(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (dict, p) = dict_args(interp, args, "pop", Arity::Clinic(1, 2))?;
    let key = p.req(0);
    let removed = dict
        .borrow_mut()
        .remove(&key)
        .map_err(|u| interp.unhashable(u))?;
    match (removed, p.get(1)) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(key_error(interp, key)),
    }
}

/// Removes the most recently inserted pair.
fn popitem(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (dict, _) = dict_args(interp, args, "popitem", Arity::NoArgs)?;
    let last = dict.borrow_mut().pop_last();
    match last {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => Err(key_error(
            interp,
            Value::str("popitem(): dictionary is empty"),
        )),
    }
}

fn setdefault(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (dict, p) = dict_args(interp, args, "setdefault", Arity::Clinic(1, 2))?;
    let key = p.req(0);
    if let Some(v) = lookup(interp, &dict, &key)? {
        return Ok(v);
    }
    let default = p.get(1).cloned().unwrap_or(Value::None);
    store(interp, &dict, key, default.clone())?;
    Ok(default)
}

/// `update([other], **kwargs)`: `other` is a dict, an object with `keys()`
/// (read with `other[key]`), or an iterable of pairs.
fn update(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let kwargs = std::mem::take(&mut args.kw);
    let (dict, p) = dict_args(interp, args, "update", Arity::Clinic(0, 1))?;
    if let Some(other) = p.get(0) {
        update_from(interp, &dict, other)?;
    }
    for (k, v) in kwargs {
        store(interp, &dict, Value::Str(k), v)?;
    }
    Ok(Value::None)
}

fn update_from(interp: &mut Interp, dict: &DictRef, other: &Value) -> Raise<()> {
    if let Value::Instance(_) = other {
        if let Some(keys) = interp.try_getattr(other, "keys")? {
            let keys = interp.call(&keys, Args::default())?;
            for key in interp.iterate(&keys)? {
                let value = interp.getitem(other, &key)?;
                store(interp, dict, key, value)?;
            }
            return Ok(());
        }
    }
    crate::builtins::dict_update(interp, dict, other)
}

fn clear(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (dict, _) = dict_args(interp, args, "clear", Arity::NoArgs)?;
    dict.borrow_mut().clear();
    Ok(Value::None)
}

fn copy(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (dict, _) = dict_args(interp, args, "copy", Arity::NoArgs)?;
    let copied = dict.borrow().copy();
    Ok(Value::Dict(Rc::new(RefCell::new(copied))))
}

/// `dict.fromkeys(iterable, value=None)`, a class method: every key maps to the same value.
fn fromkeys(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (_class, p) = bind(
        interp,
        args,
        &Sig::new("dict", "fromkeys", Arity::Clinic(1, 2)),
        any,
    )?;
    let value = p.get(1).cloned().unwrap_or(Value::None);
    let dict = Rc::new(RefCell::new(Dict::new()));
    for key in interp.iterate(&p.req(0))? {
        store(interp, &dict, key, value.clone())?;
    }
    Ok(Value::Dict(dict))
}

// ---- views ----

/// Whether no item of `other` is in the view (keys and items views).
fn view_isdisjoint(interp: &mut Interp, args: Args, class: &'static str) -> Raise<Value> {
    let sig = Sig::new(class, "isdisjoint", Arity::One);
    let (view, p) = bind(interp, args, &sig, |v| match v {
        Value::DictView(view) if view.is_set_like() => Some(v.clone()),
        _ => None,
    })?;
    for item in interp.iterate(&p.req(0))? {
        if interp.contains(&view, &item)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn keys_isdisjoint(interp: &mut Interp, args: Args) -> Raise<Value> {
    view_isdisjoint(interp, args, "dict_keys")
}

fn items_isdisjoint(interp: &mut Interp, args: Args) -> Raise<Value> {
    view_isdisjoint(interp, args, "dict_items")
}
