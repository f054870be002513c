//! Argument binding for the methods of the built-in types.
//!
//! CPython parses method arguments in several ways (`METH_NOARGS`, `METH_O`,
//! Argument Clinic, `PyArg_ParseTuple`), and each words its errors
//! differently. Learners read those messages, so every method declares which
//! way CPython parses its arguments and gets the matching wording.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::Signed;

use crate::builtins::native;
use crate::dict::Dict;
use crate::interp::{Interp, Raise};
use crate::ops::{as_bigint, as_i64};
use crate::value::*;

/// How CPython parses a method's arguments (after the receiver).
pub(crate) enum Arity {
    /// `METH_NOARGS`: `str.upper() takes no arguments (1 given)`.
    NoArgs,
    /// `METH_O`: `list.append() takes exactly one argument (0 given)`.
    One,
    /// Argument Clinic, positional-only: `replace expected at least 2 arguments, got 1`.
    Clinic(usize, usize),
    /// `PyArg_ParseTuple`: `find() takes at least 1 argument (0 given)`.
    Tuple(usize, usize),
    /// Argument Clinic with keywords: the parameter names, how many are
    /// required, and how many may be passed by position (the rest are keyword-only).
    Keywords {
        names: &'static [&'static str],
        required: usize,
        positional: usize,
    },
    /// `*args` without keywords: `union() takes no keyword arguments`.
    Star,
}

/// A method's signature: its class and name (for messages) and its arity.
pub(crate) struct Sig {
    /// The class name, as in `descriptor 'split' for 'str' objects`.
    pub class: &'static str,
    /// The method name.
    pub name: &'static str,
    /// How the arguments after the receiver are parsed.
    pub arity: Arity,
}

impl Sig {
    /// A signature in the given class.
    pub const fn new(class: &'static str, name: &'static str, arity: Arity) -> Sig {
        Sig { class, name, arity }
    }
}

/// The parameters bound from a call: one slot per parameter (`None` when
/// omitted), or every positional argument for [`Arity::Star`].
pub(crate) struct Params(Vec<Option<Value>>);

impl Params {
    /// The `i`-th parameter, if given.
    pub fn get(&self, i: usize) -> Option<&Value> {
        self.0.get(i).and_then(|v| v.as_ref())
    }

    /// The `i`-th parameter, if given and not `None`.
    pub fn given(&self, i: usize) -> Option<&Value> {
        self.get(i).filter(|v| !matches!(v, Value::None))
    }

    /// The `i`-th parameter, which the arity made mandatory.
    pub fn req(&self, i: usize) -> Value {
        self.get(i).cloned().unwrap_or(Value::None)
    }

    /// Every bound value, in order (for [`Arity::Star`]).
    pub fn all(&self) -> Vec<Value> {
        self.0.iter().flatten().cloned().collect()
    }
}

/// Takes the receiver out of `args`, checking its type like CPython's method descriptors.
pub(crate) fn receiver<T>(
    interp: &Interp,
    args: &mut Args,
    sig: &Sig,
    extract: fn(&Value) -> Option<T>,
) -> Raise<T> {
    if args.pos.is_empty() {
        return Err(interp.type_error(format!(
            "unbound method {}.{}() needs an argument",
            sig.class, sig.name
        )));
    }
    let this = args.pos.remove(0);
    extract(&this).ok_or_else(|| {
        interp.type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            sig.name,
            sig.class,
            interp.type_name(&this)
        ))
    })
}

/// Checks the receiver and binds the other arguments to the signature.
pub(crate) fn bind<T>(
    interp: &Interp,
    mut args: Args,
    sig: &Sig,
    extract: fn(&Value) -> Option<T>,
) -> Raise<(T, Params)> {
    let this = receiver(interp, &mut args, sig, extract)?;
    let params = bind_rest(interp, args, sig)?;
    Ok((this, params))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Binds the arguments after the receiver.
fn bind_rest(interp: &Interp, args: Args, sig: &Sig) -> Raise<Params> {
    let n = args.pos.len();
    let (class, name) = (sig.class, sig.name);
    let no_keywords = |qualified: bool| {
        let who = if qualified {
            format!("{class}.{name}")
        } else {
            name.to_string()
        };
        interp.type_error(format!("{who}() takes no keyword arguments"))
    };
    match sig.arity {
        Arity::NoArgs => {
            if !args.kw.is_empty() {
                return Err(no_keywords(true));
            }
            if n > 0 {
                return Err(
                    interp.type_error(format!("{class}.{name}() takes no arguments ({n} given)"))
                );
            }
        }
        Arity::One => {
            if !args.kw.is_empty() {
                return Err(no_keywords(true));
            }
            if n != 1 {
                return Err(interp.type_error(format!(
                    "{class}.{name}() takes exactly one argument ({n} given)"
                )));
            }
        }
        Arity::Clinic(min, max) => {
            if !args.kw.is_empty() {
                return Err(no_keywords(true));
            }
            if n < min || n > max {
                let message = if min == max {
                    format!("{name} expected {min} argument{}, got {n}", plural(min))
                } else if n < min {
                    format!(
                        "{name} expected at least {min} argument{}, got {n}",
                        plural(min)
                    )
                } else {
                    format!(
                        "{name} expected at most {max} argument{}, got {n}",
                        plural(max)
                    )
                };
                return Err(interp.type_error(message));
            }
        }
        Arity::Tuple(min, max) => {
            if !args.kw.is_empty() {
                return Err(no_keywords(false));
            }
            if n < min {
                return Err(interp.type_error(format!(
                    "{name}() takes at least {min} argument{} ({n} given)",
                    plural(min)
                )));
            }
            if n > max {
                return Err(interp.type_error(format!(
                    "{name}() takes at most {max} argument{} ({n} given)",
                    plural(max)
                )));
            }
        }
        Arity::Star => {
            if !args.kw.is_empty() {
                return Err(no_keywords(false));
            }
        }
        Arity::Keywords {
            names,
            required,
            positional,
        } => return bind_keywords(interp, args, name, names, required, positional),
    }
    Ok(Params(args.pos.into_iter().map(Some).collect()))
}

/// Argument Clinic's `_PyArg_UnpackKeywords`, with its messages and their order.
fn bind_keywords(
    interp: &Interp,
    args: Args,
    name: &str,
    names: &[&str],
    required: usize,
    positional: usize,
) -> Raise<Params> {
    let n = args.pos.len();
    let total = n + args.kw.len();
    if total > names.len() {
        let keyword = if n == 0 { "keyword " } else { "" };
        return Err(interp.type_error(format!(
            "{name}() takes at most {} {keyword}argument{} ({total} given)",
            names.len(),
            plural(names.len())
        )));
    }
    if n > positional {
        if positional == 0 {
            return Err(interp.type_error(format!("{name}() takes no positional arguments")));
        }
        let bound = if positional == required {
            "exactly"
        } else {
            "at most"
        };
        return Err(interp.type_error(format!(
            "{name}() takes {bound} {positional} positional argument{} ({n} given)",
            plural(positional)
        )));
    }
    let mut slots: Vec<Option<Value>> = args.pos.into_iter().map(Some).collect();
    slots.resize(names.len(), None);
    let mut unknown = Vec::new();
    for (key, value) in args.kw {
        match names.iter().position(|p| **p == *key) {
            Some(i) if i >= n => slots[i] = Some(value),
            Some(i) => unknown.push((key, Some(i))),
            None => unknown.push((key, None)),
        }
    }
    if let Some(i) = slots.iter().take(required).position(Option::is_none) {
        return Err(interp.type_error(format!(
            "{name}() missing required argument '{}' (pos {})",
            names[i],
            i + 1
        )));
    }
    if let Some((key, position)) = unknown.into_iter().next() {
        return Err(match position {
            Some(i) => interp.type_error(format!(
                "argument for {name}() given by name ('{key}') and position ({})",
                i + 1
            )),
            None => interp.type_error(format!(
                "'{key}' is an invalid keyword argument for {name}()"
            )),
        });
    }
    Ok(Params(slots))
}

// ---- registration ----

/// Adds native methods to a built-in class.
pub(crate) fn add_methods(class: &Rc<Class>, methods: &[(&str, NativeFn)]) {
    let mut dict = class.dict.borrow_mut();
    for &(name, f) in methods {
        dict.insert(Rc::from(name), native(name, f));
    }
}

/// Adds a class method (called with the class as its first argument).
pub(crate) fn add_classmethod(interp: &Interp, class: &Rc<Class>, name: &str, f: NativeFn) {
    let wrapped = descriptor(
        interp,
        BuiltinType::ClassMethod,
        Payload::ClassMethod(native(name, f)),
    );
    class.dict.borrow_mut().insert(Rc::from(name), wrapped);
}

/// Adds a static method (called without a receiver).
pub(crate) fn add_staticmethod(interp: &Interp, class: &Rc<Class>, name: &str, f: NativeFn) {
    let wrapped = descriptor(
        interp,
        BuiltinType::StaticMethod,
        Payload::StaticMethod(native(name, f)),
    );
    class.dict.borrow_mut().insert(Rc::from(name), wrapped);
}

fn descriptor(interp: &Interp, kind: BuiltinType, payload: Payload) -> Value {
    Value::Instance(Rc::new(Instance {
        class: interp.types.get(kind),
        attrs: RefCell::new(HashMap::new()),
        payload: RefCell::new(payload),
        hash_cache: Default::default(),
    }))
}

// ---- receivers ----

/// The receiver of a `str` method.
pub(crate) fn as_str(v: &Value) -> Option<Rc<str>> {
    match v {
        Value::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// The receiver of a `bytes` method.
pub(crate) fn as_bytes(v: &Value) -> Option<Rc<[u8]>> {
    match v {
        Value::Bytes(b) => Some(b.clone()),
        _ => None,
    }
}

/// The receiver of a `list` method.
pub(crate) fn as_list(v: &Value) -> Option<Rc<RefCell<Vec<Value>>>> {
    match v {
        Value::List(l) => Some(l.clone()),
        _ => None,
    }
}

/// The receiver of a `dict` method.
pub(crate) fn as_dict(v: &Value) -> Option<Rc<RefCell<Dict>>> {
    match v {
        Value::Dict(d) => Some(d.clone()),
        _ => None,
    }
}

/// The receiver of an `int` method (bools are ints).
pub(crate) fn as_int(v: &Value) -> Option<BigInt> {
    as_bigint(v)
}

/// The receiver of a `float` method.
pub(crate) fn as_float(v: &Value) -> Option<f64> {
    match v {
        Value::Float(x) => Some(*x),
        _ => None,
    }
}

/// Any value (for receivers checked by the method itself, such as classes).
pub(crate) fn any(v: &Value) -> Option<Value> {
    Some(v.clone())
}

// ---- parameters ----

/// A parameter that must be a `str`: `must be str, not int` unless `message` says otherwise.
pub(crate) fn str_param(interp: &Interp, v: &Value, what: &str) -> Raise<Rc<str>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => Err(interp.type_error(format!(
            "{what}must be str, not {}",
            interp.type_name(other)
        ))),
    }
}

/// An index-sized int parameter (`'str' object cannot be interpreted as an integer`).
pub(crate) fn index_param(interp: &Interp, v: &Value) -> Raise<i64> {
    crate::builtins::int_arg(interp, v)
}

/// A `start`/`end` slice bound of `find`, `count`, ...: an int, or `None` for the default.
/// Ints too large for 64 bits saturate, as CPython's `_PyEval_SliceIndex` does.
pub(crate) fn slice_bound(
    interp: &Interp,
    v: Option<&Value>,
    allow_none: bool,
) -> Raise<Option<i64>> {
    match v {
        None => Ok(None),
        Some(Value::None) if allow_none => Ok(None),
        Some(v) => match as_i64(v) {
            Some(i) => Ok(Some(i)),
            None => match as_bigint(v) {
                Some(b) => Ok(Some(if b.is_negative() { i64::MIN } else { i64::MAX })),
                None => {
                    let message = if allow_none {
                        "slice indices must be integers or None or have an __index__ method"
                    } else {
                        "slice indices must be integers or have an __index__ method"
                    };
                    Err(interp.type_error(message))
                }
            },
        },
    }
}

/// Resolves `start`/`end` against a length the way CPython's `ADJUST_INDICES` does:
/// negatives count from the end, then both are clamped to `0..=len` (start may exceed len).
pub(crate) fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len = len as i64;
    let fix = |i: i64| {
        if i < 0 {
            (i.saturating_add(len)).max(0)
        } else {
            i
        }
    };
    let start = fix(start.unwrap_or(0));
    let end = fix(end.unwrap_or(len)).min(len);
    (
        usize::try_from(start).unwrap_or(usize::MAX),
        usize::try_from(end).unwrap_or(0),
    )
}

/// `KeyError(key)`.
pub(crate) fn key_error(interp: &Interp, key: Value) -> Exc {
    interp.new_exc(&interp.types.exception("KeyError"), vec![key])
}

/// `a == b` with the identity shortcut CPython's containers use.
pub(crate) fn same(interp: &mut Interp, a: &Value, b: &Value) -> Raise<bool> {
    Ok(a.is(b) || interp.eq(a, b)?)
}
