//! `set` and `frozenset` methods.
//!
//! The operator forms (`a | b`) accept only sets; the methods accept any
//! iterables. Sets are never borrowed while Python code runs (iterating an
//! argument may call a generator that changes the set), so arguments are
//! collected first.

use std::cell::RefCell;
use std::rc::Rc;

use super::args::{add_methods, bind, key_error, Arity, Params, Sig};
use crate::dict::Dict;
use crate::interp::{Interp, Raise};
use crate::value::*;

/// Installs the `set` and `frozenset` methods.
pub(crate) fn install(interp: &mut Interp) {
    let set = interp.types.get(BuiltinType::Set);
    add_methods(
        &set,
        &[
            ("add", add),
            ("remove", remove),
            ("discard", discard),
            ("pop", pop),
            ("clear", clear),
            ("update", update),
            ("intersection_update", intersection_update),
            ("difference_update", difference_update),
            ("symmetric_difference_update", symmetric_difference_update),
            ("copy", set_copy),
            ("union", set_union),
            ("intersection", set_intersection),
            ("difference", set_difference),
            ("symmetric_difference", set_symmetric_difference),
            ("issubset", set_issubset),
            ("issuperset", set_issuperset),
            ("isdisjoint", set_isdisjoint),
        ],
    );
    let frozenset = interp.types.get(BuiltinType::FrozenSet);
    add_methods(
        &frozenset,
        &[
            ("copy", frozen_copy),
            ("union", frozen_union),
            ("intersection", frozen_intersection),
            ("difference", frozen_difference),
            ("symmetric_difference", frozen_symmetric_difference),
            ("issubset", frozen_issubset),
            ("issuperset", frozen_issuperset),
            ("isdisjoint", frozen_isdisjoint),
        ],
    );
}

/// The receiver of a method shared by `set` and `frozenset`.
enum SetRef {
    Mutable(Rc<RefCell<Dict>>),
    Frozen(Rc<Dict>),
}

impl SetRef {
    fn copy(&self) -> Dict {
        match self {
            SetRef::Mutable(d) => d.borrow().copy(),
            SetRef::Frozen(d) => d.copy(),
        }
    }

    /// A result of the receiver's own type.
    fn wrap(&self, d: Dict) -> Value {
        match self {
            SetRef::Mutable(_) => Value::Set(Rc::new(RefCell::new(d))),
            SetRef::Frozen(_) => Value::FrozenSet(Rc::new(d)),
        }
    }
}

fn as_set(v: &Value) -> Option<SetRef> {
    match v {
        Value::Set(d) => Some(SetRef::Mutable(d.clone())),
        _ => None,
    }
}

fn as_frozenset(v: &Value) -> Option<SetRef> {
    match v {
        Value::FrozenSet(d) => Some(SetRef::Frozen(d.clone())),
        _ => None,
    }
}

/// Which class a shared method was called through.
#[derive(Clone, Copy)]
struct Kind {
    class: &'static str,
    extract: fn(&Value) -> Option<SetRef>,
}

const SET: Kind = Kind {
    class: "set",
    extract: as_set,
};
const FROZEN: Kind = Kind {
    class: "frozenset",
    extract: as_frozenset,
};

fn shared_args(
    interp: &Interp,
    args: Args,
    kind: Kind,
    name: &'static str,
    arity: Arity,
) -> Raise<(SetRef, Params)> {
    bind(
        interp,
        args,
        &Sig::new(kind.class, name, arity),
        kind.extract,
    )
}

fn mutable_args(
    interp: &Interp,
    args: Args,
    name: &'static str,
    arity: Arity,
) -> Raise<(Rc<RefCell<Dict>>, Params)> {
    let (set, p) = shared_args(interp, args, SET, name, arity)?;
    match set {
        SetRef::Mutable(d) => Ok((d, p)),
        SetRef::Frozen(_) => Err(interp.type_error("set expected")),
    }
}

/// The items of an iterable as a set, for membership tests.
fn collect(interp: &mut Interp, iterable: &Value) -> Raise<Dict> {
    let mut d = Dict::new();
    for item in interp.iterate(iterable)? {
        d.insert(item, Value::None)
            .map_err(|u| interp.unhashable(u))?;
    }
    Ok(d)
}

fn contains(interp: &Interp, d: &Dict, item: &Value) -> Raise<bool> {
    d.contains(item).map_err(|u| interp.unhashable(u))
}

/// A key for lookups: a `set` is looked up as the equal `frozenset`, as CPython does.
fn lookup_key(item: Value) -> Value {
    match item {
        Value::Set(d) => {
            let frozen = d.borrow().copy();
            Value::FrozenSet(Rc::new(frozen))
        }
        other => other,
    }
}

// ---- operations shared with frozenset ----

fn copy(interp: &mut Interp, args: Args, kind: Kind) -> Raise<Value> {
    let (set, _) = shared_args(interp, args, kind, "copy", Arity::NoArgs)?;
    Ok(set.wrap(set.copy()))
}

fn union(interp: &mut Interp, args: Args, kind: Kind) -> Raise<Value> {
    let (set, p) = shared_args(interp, args, kind, "union", Arity::Star)?;
    let mut out = set.copy();
    for other in p.all() {
        for item in interp.iterate(&other)? {
            out.insert(item, Value::None)
                .map_err(|u| interp.unhashable(u))?;
        }
    }
    Ok(set.wrap(out))
}

/// The items of `base` that are (or, with `keep_common` false, are not) in every (any) of `others`.
fn filter(interp: &mut Interp, base: Dict, others: &[Value], keep_common: bool) -> Raise<Dict> {
    let mut out = base;
    for other in others {
        let other = collect(interp, other)?;
        let mut kept = Dict::new();
        for key in out.keys() {
            if contains(interp, &other, &key)? == keep_common {
                kept.insert(key, Value::None)
                    .map_err(|u| interp.unhashable(u))?;
            }
        }
        out = kept;
    }
    Ok(out)
}

fn intersection(interp: &mut Interp, args: Args, kind: Kind) -> Raise<Value> {
    let (set, p) = shared_args(interp, args, kind, "intersection", Arity::Star)?;
    let out = filter(interp, set.copy(), &p.all(), true)?;
    Ok(set.wrap(out))
}

fn difference(interp: &mut Interp, args: Args, kind: Kind) -> Raise<Value> {
    let (set, p) = shared_args(interp, args, kind, "difference", Arity::Star)?;
    let out = filter(interp, set.copy(), &p.all(), false)?;
    Ok(set.wrap(out))
}

/// The items in exactly one of `base` and `other`.
fn symmetric(interp: &mut Interp, base: Dict, other: &Value) -> Raise<Dict> {
    let other = collect(interp, other)?;
    let mut out = Dict::new();
    for key in base.keys() {
        if !contains(interp, &other, &key)? {
            out.insert(key, Value::None)
                .map_err(|u| interp.unhashable(u))?;
        }
    }
    for key in other.keys() {
        if !contains(interp, &base, &key)? {
            out.insert(key, Value::None)
                .map_err(|u| interp.unhashable(u))?;
        }
    }
    Ok(out)
}

fn symmetric_difference(interp: &mut Interp, args: Args, kind: Kind) -> Raise<Value> {
    let (set, p) = shared_args(interp, args, kind, "symmetric_difference", Arity::One)?;
    let out = symmetric(interp, set.copy(), &p.req(0))?;
    Ok(set.wrap(out))
}

/// Whether every item of `inner` is in `outer`.
fn all_in(interp: &Interp, inner: &Dict, outer: &Dict) -> Raise<bool> {
    for key in inner.keys() {
        if !contains(interp, outer, &key)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn issubset(interp: &mut Interp, args: Args, kind: Kind) -> Raise<Value> {
    let (set, p) = shared_args(interp, args, kind, "issubset", Arity::One)?;
    let other = collect(interp, &p.req(0))?;
    all_in(interp, &set.copy(), &other).map(Value::Bool)
}

fn issuperset(interp: &mut Interp, args: Args, kind: Kind) -> Raise<Value> {
    let (set, p) = shared_args(interp, args, kind, "issuperset", Arity::One)?;
    let other = collect(interp, &p.req(0))?;
    all_in(interp, &other, &set.copy()).map(Value::Bool)
}

fn isdisjoint(interp: &mut Interp, args: Args, kind: Kind) -> Raise<Value> {
    let (set, p) = shared_args(interp, args, kind, "isdisjoint", Arity::One)?;
    let mine = set.copy();
    for item in interp.iterate(&p.req(0))? {
        if contains(interp, &mine, &item)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// Defines the `set` and `frozenset` entry points of a shared method.
macro_rules! shared {
    ($($imp:ident => $set:ident, $frozen:ident;)*) => {
        $(
            fn $set(interp: &mut Interp, args: Args) -> Raise<Value> {
                $imp(interp, args, SET)
            }

            fn $frozen(interp: &mut Interp, args: Args) -> Raise<Value> {
                $imp(interp, args, FROZEN)
            }
        )*
    };
}

shared! {
    copy => set_copy, frozen_copy;
    union => set_union, frozen_union;
    intersection => set_intersection, frozen_intersection;
    difference => set_difference, frozen_difference;
    symmetric_difference => set_symmetric_difference, frozen_symmetric_difference;
    issubset => set_issubset, frozen_issubset;
    issuperset => set_issuperset, frozen_issuperset;
    isdisjoint => set_isdisjoint, frozen_isdisjoint;
}

// ---- set only ----

fn add(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (set, p) = mutable_args(interp, args, "add", Arity::One)?;
    let len = set.borrow().len();
    interp.check_len(len + 1)?;
    set.borrow_mut()
        .insert(p.req(0), Value::None)
        .map_err(|u| interp.unhashable(u))?;
    Ok(Value::None)
}

fn remove(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (set, p) = mutable_args(interp, args, "remove", Arity::One)?;
    let item = p.req(0);
    let removed = set
        .borrow_mut()
        .remove(&lookup_key(item.clone()))
        .map_err(|u| interp.unhashable(u))?;
    match removed {
        Some(_) => Ok(Value::None),
        None => Err(key_error(interp, item)),
    }
}

fn discard(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (set, p) = mutable_args(interp, args, "discard", Arity::One)?;
    set.borrow_mut()
        .remove(&lookup_key(p.req(0)))
        .map_err(|u| interp.unhashable(u))?;
    Ok(Value::None)
}

/// Removes and returns the first item in iteration order.
fn pop(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (set, _) = mutable_args(interp, args, "pop", Arity::NoArgs)?;
    let first = set.borrow_mut().pop_first();
    first
        .map(|(k, _)| k)
        .ok_or_else(|| key_error(interp, Value::str("pop from an empty set")))
}

fn clear(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (set, _) = mutable_args(interp, args, "clear", Arity::NoArgs)?;
    set.borrow_mut().clear();
    Ok(Value::None)
}

fn update(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (set, p) = mutable_args(interp, args, "update", Arity::Star)?;
    for other in p.all() {
        let items = interp.iterate(&other)?;
        let len = set.borrow().len();
        interp.check_len(len.saturating_add(items.len()))?;
        for item in items {
            set.borrow_mut()
                .insert(item, Value::None)
                .map_err(|u| interp.unhashable(u))?;
        }
    }
    Ok(Value::None)
}

/// Replaces the set's contents, keeping its identity.
fn replace(set: &Rc<RefCell<Dict>>, contents: Dict) {
    *set.borrow_mut() = contents;
}

fn intersection_update(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (set, p) = mutable_args(interp, args, "intersection_update", Arity::Star)?;
    let base = set.borrow().copy();
    let out = filter(interp, base, &p.all(), true)?;
    replace(&set, out);
    Ok(Value::None)
}

fn difference_update(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (set, p) = mutable_args(interp, args, "difference_update", Arity::Star)?;
    let base = set.borrow().copy();
    let out = filter(interp, base, &p.all(), false)?;
    replace(&set, out);
    Ok(Value::None)
}

fn symmetric_difference_update(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (set, p) = mutable_args(interp, args, "symmetric_difference_update", Arity::One)?;
    let base = set.borrow().copy();
    let out = symmetric(interp, base, &p.req(0))?;
    replace(&set, out);
    Ok(Value::None)
}
