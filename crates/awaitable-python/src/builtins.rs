//! Built-in functions, constructors of the built-in types, and the modules
//! `time`, `sys`, `math`, `random` and `asyncio`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::dict::Dict;
use crate::interp::{str_of, Blocking, Interp, Raise, Stream};
use crate::ops::{as_bigint, as_f64, as_i64};
use crate::value::*;

pub use crate::random::Rng;

/// Wraps a native function as a built-in value.
pub fn native(name: &str, f: NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name: Rc::from(name),
        kind: BuiltinKind::Plain(f),
        receiver: None,
    }))
}

/// Wraps a blocking native function (the host answers it) as a built-in value.
pub fn blocking(name: &str, f: fn(&mut Interp, Args) -> Raise<Blocking>) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name: Rc::from(name),
        kind: BuiltinKind::Blocking(f),
        receiver: None,
    }))
}

/// Installs builtins, type methods and modules into a fresh interpreter.
pub fn install(interp: &mut Interp) {
    let functions: &[(&str, NativeFn)] = &[
        ("print", builtin_print),
        ("len", builtin_len),
        ("repr", builtin_repr),
        ("abs", builtin_abs),
        ("isinstance", builtin_isinstance),
        ("issubclass", builtin_issubclass),
        ("iter", builtin_iter),
        ("next", builtin_next),
        ("sorted", builtin_sorted),
        ("reversed", builtin_reversed),
        ("enumerate", builtin_enumerate),
        ("zip", builtin_zip),
        ("map", builtin_map),
        ("filter", builtin_filter),
        ("sum", builtin_sum),
        ("min", builtin_min),
        ("max", builtin_max),
        ("any", builtin_any),
        ("all", builtin_all),
        ("round", builtin_round),
        ("divmod", builtin_divmod),
        ("pow", builtin_pow),
        ("chr", builtin_chr),
        ("ord", builtin_ord),
        ("hex", builtin_hex),
        ("oct", builtin_oct),
        ("bin", builtin_bin),
        ("hash", builtin_hash),
        ("id", builtin_id),
        ("callable", builtin_callable),
        ("hasattr", builtin_hasattr),
        ("getattr", builtin_getattr),
        ("setattr", builtin_setattr),
        ("delattr", builtin_delattr),
        ("format", builtin_format),
        ("ascii", builtin_repr),
        ("globals", builtin_globals),
        ("vars", builtin_vars),
        ("input", builtin_input),
        ("open", builtin_open),
        ("__build_class__", builtin_build_class),
    ];
    let mut entries: Vec<(String, Value)> = functions
        .iter()
        .map(|(n, f)| (n.to_string(), native(n, *f)))
        .collect();
    for (name, class) in interp.types.builtin_types() {
        entries.push((name.to_string(), Value::Class(class)));
    }
    for (name, class) in interp.types.exceptions() {
        if !matches!(name, "CancelledError" | "InvalidStateError") {
            entries.push((name.to_string(), Value::Class(class.clone())));
        }
    }
    entries.push(("None".into(), Value::None));
    entries.push(("Ellipsis".into(), Value::Ellipsis));
    entries.push(("NotImplemented".into(), Value::NotImplemented));
    {
        let mut b = interp.builtins.borrow_mut();
        for (k, v) in entries {
            let _ = b.insert(Value::str(&k), v);
        }
    }
    install_constructors(interp);
    install_generator_methods(interp);
    crate::methods::install(interp);
    install_modules(interp);
}

fn set_method(class: &Rc<Class>, name: &str, f: NativeFn) {
    class
        .dict
        .borrow_mut()
        .insert(Rc::from(name), native(name, f));
}

fn install_constructors(interp: &mut Interp) {
    let t = |k| interp.types.get(k);
    set_method(&t(BuiltinType::Int), "__new__", new_int);
    set_method(&t(BuiltinType::Bool), "__new__", new_bool);
    set_method(&t(BuiltinType::Float), "__new__", new_float);
    set_method(&t(BuiltinType::Str), "__new__", new_str);
    set_method(&t(BuiltinType::List), "__new__", new_list);
    set_method(&t(BuiltinType::Tuple), "__new__", new_tuple);
    set_method(&t(BuiltinType::Dict), "__new__", new_dict);
    set_method(&t(BuiltinType::Set), "__new__", new_set);
    set_method(&t(BuiltinType::FrozenSet), "__new__", new_frozenset);
    set_method(&t(BuiltinType::Range), "__new__", new_range);
    set_method(&t(BuiltinType::Slice), "__new__", new_slice);
    set_method(&t(BuiltinType::Type), "__new__", new_type);
    set_method(&t(BuiltinType::Property), "__new__", new_property);
    set_method(&t(BuiltinType::StaticMethod), "__new__", new_staticmethod);
    set_method(&t(BuiltinType::ClassMethod), "__new__", new_classmethod);
    set_method(&t(BuiltinType::Super), "__new__", new_super);
    set_method(&t(BuiltinType::Property), "setter", property_setter);
    set_method(&t(BuiltinType::Property), "getter", property_getter);
    let base_exception = interp.types.exception("BaseException");
    set_method(&base_exception, "__init__", exception_init);
    set_method(&base_exception, "with_traceback", exception_with_traceback);
    set_method(&base_exception, "add_note", exception_add_note);
    let object = interp.types.object.clone();
    set_method(&object, "__init__", object_init);
    set_method(&object, "__eq__", object_eq);
    set_method(&object, "__ne__", object_ne);
    set_method(&object, "__hash__", object_hash);
    set_method(&object, "__repr__", object_repr);
    set_method(&object, "__str__", object_str);
    set_method(&object, "__setattr__", object_setattr);
}

// ---- argument helpers ----

/// The `i`-th positional argument, or a `TypeError` naming the function.
pub fn arg(interp: &Interp, args: &Args, i: usize, fname: &str) -> Raise<Value> {
    args.pos.get(i).cloned().ok_or_else(|| {
        interp.type_error(format!(
            "{fname}() missing required argument (pos {})",
            i + 1
        ))
    })
}

/// Fails if more than `max` positional arguments were given.
pub fn check_max(interp: &Interp, args: &Args, max: usize, fname: &str) -> Raise<()> {
    if args.pos.len() > max {
        let plural = if max == 1 { "" } else { "s" };
        return Err(interp.type_error(format!(
            "{fname}() takes at most {max} argument{plural} ({} given)",
            args.pos.len()
        )));
    }
    Ok(())
}

/// Fails if exactly `n` positional arguments were not given.
pub fn check_exact(interp: &Interp, args: &Args, n: usize, fname: &str) -> Raise<()> {
    if args.pos.len() != n {
        let plural = if n == 1 { "" } else { "s" };
        return Err(interp.type_error(format!(
            "{fname}() takes exactly {n} argument{plural} ({} given)",
            args.pos.len()
        )));
    }
    Ok(())
}

/// Fails on keyword arguments other than those consumed.
pub fn no_kwargs(interp: &Interp, args: &Args, fname: &str) -> Raise<()> {
    if let Some((k, _)) = args.kw.first() {
        return Err(interp.type_error(format!(
            "{fname}() got an unexpected keyword argument '{k}'"
        )));
    }
    Ok(())
}

/// An int argument as `i64`.
pub fn int_arg(interp: &Interp, v: &Value) -> Raise<i64> {
    match v {
        Value::Float(_) => {
            Err(interp.type_error("'float' object cannot be interpreted as an integer"))
        }
        _ => as_i64(v).ok_or_else(|| {
            if as_bigint(v).is_some() {
                interp.err(
                    "OverflowError",
                    "Python int too large to convert to C ssize_t",
                )
            } else {
                interp.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    interp.type_name(v)
                ))
            }
        }),
    }
}

// ---- builtin functions ----

fn builtin_print(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let sep = args.take_kw("sep");
    let end = args.take_kw("end");
    let file = args.take_kw("file");
    args.take_kw("flush");
    no_kwargs(interp, &args, "print")?;
    let text_of =
        |interp: &mut Interp, v: Option<Value>, default: &str, what: &str| -> Raise<String> {
            match v {
                None | Some(Value::None) => Ok(default.to_string()),
                Some(Value::Str(s)) => Ok(s.to_string()),
                Some(other) => Err(interp.type_error(format!(
                    "{what} must be None or a string, not {}",
                    interp.type_name(&other)
                ))),
            }
        };
    let sep = text_of(interp, sep, " ", "sep")?;
    let end = text_of(interp, end, "\n", "end")?;
    let mut out = String::new();
    for (i, v) in args.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&interp.to_str(v)?);
    }
    out.push_str(&end);
    let stream = match &file {
        Some(Value::Module(m)) if &*m.name == "sys.stderr" => Stream::Stderr,
        Some(Value::Instance(i)) if &*i.class.name == "_Stderr" => Stream::Stderr,
        _ => Stream::Stdout,
    };
    interp.write(stream, &out);
    Ok(Value::None)
}

fn builtin_len(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "len")?;
    interp.len(&args.pos[0]).map(|n| Value::Int(n as i64))
}

fn builtin_repr(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "repr")?;
    interp.repr(&args.pos[0]).map(|s| Value::str(&s))
}

fn builtin_abs(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "abs")?;
    Ok(match &args.pos[0] {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        Value::BigInt(b) => Value::from_bigint(b.abs()),
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Float(x) => Value::Float(x.abs()),
        v @ Value::Instance(i) => match i.class.lookup("__abs__") {
            Some(m) => interp.call(&m, Args::new(vec![v.clone()]))?,
            None => {
                return Err(
                    interp.type_error(format!("bad operand type for abs(): '{}'", i.class.name))
                )
            }
        },
        other => {
            return Err(interp.type_error(format!(
                "bad operand type for abs(): '{}'",
                interp.type_name(other)
            )))
        }
    })
}

fn class_matches(interp: &Interp, class: &Rc<Class>, spec: &Value, fname: &str) -> Raise<bool> {
    match spec {
        Value::Class(c) => Ok(class.is_subclass(c)),
        Value::Tuple(items) => {
            for item in items.iter() {
                if class_matches(interp, class, item, fname)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(interp.type_error(format!(
            "{fname}() arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

fn builtin_isinstance(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 2, "isinstance")?;
    let class = interp.type_of(&args.pos[0]);
    class_matches(interp, &class, &args.pos[1], "isinstance").map(Value::Bool)
}

fn builtin_issubclass(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 2, "issubclass")?;
    let Value::Class(class) = &args.pos[0] else {
        return Err(interp.type_error("issubclass() arg 1 must be a class"));
    };
    class_matches(interp, class, &args.pos[1], "issubclass").map(Value::Bool)
}

fn builtin_iter(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "iter")?;
    interp.get_iter(&args.pos[0])
}

fn builtin_next(interp: &mut Interp, args: Args) -> Raise<Value> {
    let it = arg(interp, &args, 0, "next")?;
    if let Value::Gen(g) = &it {
        if g.kind == GenKind::Generator {
            return match interp.gen_resume(g)? {
                crate::interp::GenStep::Yielded(v) => Ok(v),
                crate::interp::GenStep::Returned(v) => match args.pos.get(1) {
                    Some(default) => Ok(default.clone()),
                    None => {
                        let class = interp.types.exception("StopIteration");
                        let args = if matches!(v, Value::None) {
                            Vec::new()
                        } else {
                            vec![v]
                        };
                        Err(interp.new_exc(&class, args))
                    }
                },
            };
        }
    }
    match interp.next(&it)? {
        Some(v) => Ok(v),
        None => match args.pos.get(1) {
            Some(default) => Ok(default.clone()),
            None => {
                let class = interp.types.exception("StopIteration");
                Err(interp.new_exc(&class, Vec::new()))
            }
        },
    }
}

/// Sorts values with an optional key, stable, raising on incomparable items.
///
/// Comparisons happen in the order CPython's timsort makes them for lists
/// shorter than 64 items (a natural run, then binary insertion), so a list of
/// mixed types fails on the same pair with the same message; `reverse` sorts
/// the reversed list and reverses the result, as CPython does, for the same
/// reason. Longer lists are merge sorted: the same result, other comparisons.
pub fn sort_values(
    interp: &mut Interp,
    items: Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> Raise<Vec<Value>> {
    let keys = match &key {
        Some(k) if !matches!(k, Value::None) => {
            let mut keys = Vec::with_capacity(items.len());
            for item in &items {
                keys.push(interp.call(k, Args::new(vec![item.clone()]))?);
            }
            keys
        }
        _ => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    if reverse {
        order.reverse();
    }
    // Sorting by hand: comparisons can raise, which `sort_by` cannot express.
    if order.len() < MIN_MERGE {
        let run = natural_run(interp, &mut order, &keys)?;
        binary_insertion_sort(interp, &mut order, &keys, run)?;
    } else {
        merge_sort(interp, &mut order, &keys)?;
    }
    if reverse {
        order.reverse();
    }
    Ok(order.into_iter().map(|i| items[i].clone()).collect())
}

/// CPython's `MIN_MERGE`: shorter lists are sorted by binary insertion alone.
const MIN_MERGE: usize = 64;

/// The length of the run at the start of `order` (CPython's `count_run`): a
/// non-descending run, or a strictly descending one, which is reversed in place.
fn natural_run(interp: &mut Interp, order: &mut [usize], keys: &[Value]) -> Raise<usize> {
    if order.len() < 2 {
        return Ok(order.len());
    }
    let descending = interp.less_than(&keys[order[1]], &keys[order[0]])?;
    let mut n = 2;
    while n < order.len() && interp.less_than(&keys[order[n]], &keys[order[n - 1]])? == descending {
        n += 1;
    }
    if descending {
        order[..n].reverse();
    }
    Ok(n)
}

/// Inserts `order[sorted..]` one by one into the sorted prefix, after any equal
/// items (CPython's `binarysort`).
fn binary_insertion_sort(
    interp: &mut Interp,
    order: &mut [usize],
    keys: &[Value],
    sorted: usize,
) -> Raise<()> {
    for start in sorted..order.len() {
        let pivot = order[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + (r - l) / 2;
            if interp.less_than(&keys[pivot], &keys[order[p]])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        order[l..=start].rotate_right(1);
    }
    Ok(())
}

fn merge_sort(interp: &mut Interp, order: &mut Vec<usize>, keys: &[Value]) -> Raise<()> {
    if order.len() <= 1 {
        return Ok(());
    }
    let mut right = order.split_off(order.len() / 2);
    merge_sort(interp, order, keys)?;
    merge_sort(interp, &mut right, keys)?;
    let left = std::mem::take(order);
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        // Stability: take from the right only when strictly before the left.
        if interp.less_than(&keys[right[j]], &keys[left[i]])? {
            order.push(right[j]);
            j += 1;
        } else {
            order.push(left[i]);
            i += 1;
        }
    }
    order.extend_from_slice(&left[i..]);
    order.extend_from_slice(&right[j..]);
    Ok(())
}

fn builtin_sorted(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let key = args.take_kw("key");
    let reverse = match args.take_kw("reverse") {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    no_kwargs(interp, &args, "sorted")?;
    check_exact(interp, &args, 1, "sorted")?;
    let items = interp.iterate(&args.pos[0])?;
    sort_values(interp, items, key, reverse).map(Value::list)
}

fn builtin_reversed(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "reversed")?;
    let v = args.pos[0].clone();
    let seq = match &v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) => v.clone(),
        Value::Range(_) | Value::Dict(_) => Value::list(interp.iterate(&v)?),
        Value::Instance(i) if i.class.lookup("__reversed__").is_some() => {
            let m = i.class.lookup("__reversed__").unwrap_or(Value::None);
            return interp.call(&m, Args::new(vec![v.clone()]));
        }
        other => {
            return Err(interp.type_error(format!(
                "'{}' object is not reversible",
                interp.type_name(other)
            )))
        }
    };
    let len = interp.len(&seq)?;
    Ok(Value::Iter(Rc::new(RefCell::new(IterObj::Reversed {
        seq,
        index: len,
    }))))
}

fn builtin_enumerate(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let start = args
        .take_kw("start")
        .or_else(|| args.pos.get(1).cloned())
        .unwrap_or(Value::Int(0));
    let inner = interp.get_iter(&arg(interp, &args, 0, "enumerate")?)?;
    Ok(Value::Iter(Rc::new(RefCell::new(IterObj::Enumerate {
        inner,
        count: start,
    }))))
}

fn builtin_zip(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let strict = match args.take_kw("strict") {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    let mut inners = Vec::new();
    for (i, v) in args.pos.iter().enumerate() {
        inners.push(interp.get_iter(v).map_err(|_| {
            interp.type_error(format!("zip argument #{} must support iteration", i + 1))
        })?);
    }
    Ok(Value::Iter(Rc::new(RefCell::new(IterObj::Zip {
        inners,
        strict,
    }))))
}

fn builtin_map(interp: &mut Interp, args: Args) -> Raise<Value> {
    if args.pos.len() < 2 {
        return Err(interp.type_error("map() must have at least two arguments."));
    }
    let func = args.pos[0].clone();
    let mut inners = Vec::new();
    for v in &args.pos[1..] {
        inners.push(interp.get_iter(v)?);
    }
    Ok(Value::Iter(Rc::new(RefCell::new(IterObj::Map {
        func,
        inners,
    }))))
}

fn builtin_filter(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 2, "filter")?;
    let inner = interp.get_iter(&args.pos[1])?;
    Ok(Value::Iter(Rc::new(RefCell::new(IterObj::Filter {
        func: args.pos[0].clone(),
        inner,
    }))))
}

fn builtin_sum(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let start = args
        .take_kw("start")
        .or_else(|| args.pos.get(1).cloned())
        .unwrap_or(Value::Int(0));
    if matches!(start, Value::Str(_)) {
        return Err(interp.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let it = interp.get_iter(&arg(interp, &args, 0, "sum")?)?;
    let mut total = start;
    let mut float_total: Option<f64> = None;
    while let Some(v) = interp.next(&it)? {
        // Floats are summed with compensation, as CPython's sum() does.
        if let (Value::Float(_), Value::Float(x)) | (Value::Int(_), Value::Float(x)) = (&total, &v)
        {
            let base = float_total.unwrap_or(as_f64(&total).unwrap_or(0.0));
            float_total = Some(base + x);
            total = Value::Float(base + x);
            continue;
        }
        float_total = None;
        total = interp.binary_op(&total, crate::ast::BinOp::Add, &v)?;
    }
    Ok(total)
}

fn min_max(interp: &mut Interp, mut args: Args, want_max: bool) -> Raise<Value> {
    let fname = if want_max { "max" } else { "min" };
    let key = args.take_kw("key").filter(|k| !matches!(k, Value::None));
    let default = args.take_kw("default");
    no_kwargs(interp, &args, fname)?;
    let items = match args.pos.len() {
        0 => return Err(interp.type_error(format!("{fname} expected at least 1 argument, got 0"))),
        1 => interp.iterate(&args.pos[0])?,
        _ => args.pos.clone(),
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => interp.call(f, Args::new(vec![item.clone()]))?,
            None => item.clone(),
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => {
                if want_max {
                    interp.less_than(bk, &k)?
                } else {
                    interp.less_than(&k, bk)?
                }
            }
        };
        if better {
            best = Some((k, item));
        }
    }
    match (best, default) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(interp.value_error(format!("{fname}() arg is an empty sequence"))),
    }
}

fn builtin_min(interp: &mut Interp, args: Args) -> Raise<Value> {
    min_max(interp, args, false)
}

fn builtin_max(interp: &mut Interp, args: Args) -> Raise<Value> {
    min_max(interp, args, true)
}

fn builtin_any(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "any")?;
    let it = interp.get_iter(&args.pos[0])?;
    while let Some(v) = interp.next(&it)? {
        if interp.truthy(&v)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn builtin_all(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "all")?;
    let it = interp.get_iter(&args.pos[0])?;
    while let Some(v) = interp.next(&it)? {
        if !interp.truthy(&v)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn builtin_round(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let ndigits = args
        .take_kw("ndigits")
        .or_else(|| args.pos.get(1).cloned())
        .filter(|v| !matches!(v, Value::None));
    let x = arg(interp, &args, 0, "round")?;
    match (&x, ndigits) {
        (Value::Float(f), None) => {
            if !f.is_finite() {
                return Err(if f.is_nan() {
                    interp.value_error("cannot convert float NaN to integer")
                } else {
                    interp.err("OverflowError", "cannot convert float infinity to integer")
                });
            }
            let r = round_half_even(*f);
            Ok(crate::dict::float_to_bigint(r)
                .map(Value::from_bigint)
                .unwrap_or(Value::Int(0)))
        }
        (Value::Float(f), Some(n)) => {
            let n = int_arg(interp, &n)?;
            Ok(Value::Float(round_float_digits(*f, n)))
        }
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), None) => {
            Ok(Value::from_bigint(as_bigint(&x).unwrap_or_default()))
        }
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), Some(n)) => {
            let n = int_arg(interp, &n)?;
            if n >= 0 {
                return Ok(Value::from_bigint(as_bigint(&x).unwrap_or_default()));
            }
            let v = as_bigint(&x).unwrap_or_default();
            let p = num_traits::pow(BigInt::from(10), (-n).min(10_000) as usize);
            let (q, r) = num_integer::Integer::div_mod_floor(&v, &p);
            let twice = &r * 2;
            let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) {
                q + 1
            } else {
                q
            };
            Ok(Value::from_bigint(q * p))
        }
        (Value::Instance(i), _) if i.class.lookup("__round__").is_some() => {
            let m = i.class.lookup("__round__").unwrap_or(Value::None);
            interp.call(&m, Args::new(args.pos.clone()))
        }
        _ => Err(interp.type_error(format!(
            "type {} doesn't define __round__ method",
            interp.type_name(&x)
        ))),
    }
}

/// Rounds half to even, as Python's `round(x)`.
pub fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 {
        2.0 * (f / 2.0).round()
    } else {
        r
    }
}

/// `round(x, n)` for floats: correctly rounded through the shortest decimal repr.
fn round_float_digits(x: f64, n: i64) -> f64 {
    if !x.is_finite() || n > 308 {
        return x;
    }
    if n < -308 {
        return 0.0f64.copysign(x);
    }
    // Format with exact decimal rounding (Rust rounds half-to-even on the exact value).
    if n >= 0 {
        let s = format!("{:.*}", n as usize, x);
        s.parse().unwrap_or(x)
    } else {
        let p = 10f64.powi((-n) as i32);
        let y = round_half_even(x / p) * p;
        if y.is_finite() {
            y
        } else {
            x
        }
    }
}

fn builtin_divmod(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 2, "divmod")?;
    let (a, b) = (&args.pos[0], &args.pos[1]);
    if let (Some(x), Some(y)) = (as_bigint(a), as_bigint(b)) {
        if y.is_zero() {
            return Err(interp.err("ZeroDivisionError", "integer division or modulo by zero"));
        }
        let (q, r) = num_integer::Integer::div_mod_floor(&x, &y);
        return Ok(Value::tuple(vec![
            Value::from_bigint(q),
            Value::from_bigint(r),
        ]));
    }
    if let (Some(x), Some(y)) = (as_f64(a), as_f64(b)) {
        if y == 0.0 {
            return Err(interp.err("ZeroDivisionError", "float divmod()"));
        }
        let (q, r) = crate::ops::float_divmod(x, y);
        return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
    }
    let q = interp.binary_op(a, crate::ast::BinOp::FloorDiv, b)?;
    let r = interp.binary_op(a, crate::ast::BinOp::Mod, b)?;
    Ok(Value::tuple(vec![q, r]))
}

fn builtin_pow(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let modulus = args
        .take_kw("mod")
        .or_else(|| args.pos.get(2).cloned())
        .filter(|v| !matches!(v, Value::None));
    let base = arg(interp, &args, 0, "pow")?;
    let exp = arg(interp, &args, 1, "pow")?;
    let Some(m) = modulus else {
        return interp.binary_op(&base, crate::ast::BinOp::Pow, &exp);
    };
    let (Some(b), Some(e), Some(m)) = (as_bigint(&base), as_bigint(&exp), as_bigint(&m)) else {
        return Err(
            interp.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    };
    if m.is_zero() {
        return Err(interp.value_error("pow() 3rd argument cannot be 0"));
    }
    let (b, e) = if e.is_negative() {
        match mod_inverse(&b, &m) {
            Some(inv) => (inv, -e),
            None => return Err(interp.value_error("base is not invertible for the given modulus")),
        }
    } else {
        (b, e)
    };
    let r = b.modpow(&e, &m.abs());
    let r = if m.is_negative() && !r.is_zero() {
        r + &m
    } else {
        r
    };
    Ok(Value::from_bigint(r))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let m = m.abs();
    let egcd = num_integer::Integer::extended_gcd(&num_integer::Integer::mod_floor(a, &m), &m);
    if egcd.gcd != BigInt::from(1) {
        return None;
    }
    Some(num_integer::Integer::mod_floor(&egcd.x, &m))
}

fn builtin_chr(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "chr")?;
    let i = int_arg(interp, &args.pos[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::str(&c.to_string())),
        None => Err(interp.value_error("chr() arg not in range(0x110000)")),
    }
}

fn builtin_ord(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "ord")?;
    match &args.pos[0] {
        Value::Str(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(interp.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ))),
            }
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        other => Err(interp.type_error(format!(
            "ord() expected string of length 1, but {} found",
            interp.type_name(other)
        ))),
    }
}

fn radix(interp: &mut Interp, args: Args, base: u32, fname: &str) -> Raise<Value> {
    check_exact(interp, &args, 1, fname)?;
    let v = &args.pos[0];
    let b = match v {
        Value::Float(_) | Value::Str(_) => {
            return Err(interp.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                interp.type_name(v)
            )))
        }
        _ => as_bigint(v).ok_or_else(|| {
            interp.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                interp.type_name(v)
            ))
        })?,
    };
    Ok(Value::str(&crate::format::int_to_radix_prefixed(&b, base)))
}

fn builtin_hex(interp: &mut Interp, args: Args) -> Raise<Value> {
    radix(interp, args, 16, "hex")
}

fn builtin_oct(interp: &mut Interp, args: Args) -> Raise<Value> {
    radix(interp, args, 8, "oct")
}

fn builtin_bin(interp: &mut Interp, args: Args) -> Raise<Value> {
    radix(interp, args, 2, "bin")
}

fn builtin_hash(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "hash")?;
    interp.hash(&args.pos[0]).map(Value::Int)
}

fn builtin_id(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "id")?;
    Ok(Value::Int(
        (0x7f00_0000_0000u64 | (args.pos[0].address() as u64 & 0xff_ffff_ffff)) as i64,
    ))
}

fn builtin_callable(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 1, "callable")?;
    Ok(Value::Bool(match &args.pos[0] {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
        Value::Instance(i) => i.class.lookup("__call__").is_some(),
        _ => false,
    }))
}

fn attr_name(interp: &Interp, v: &Value) -> Raise<Rc<str>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => Err(interp.type_error(format!(
            "attribute name must be string, not '{}'",
            interp.type_name(other)
        ))),
    }
}

fn builtin_hasattr(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 2, "hasattr")?;
    let name = attr_name(interp, &args.pos[1])?;
    match interp.try_getattr(&args.pos[0], &name) {
        Ok(v) => Ok(Value::Bool(v.is_some())),
        Err(e) if interp.exc_is(&e, "AttributeError") => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn builtin_getattr(interp: &mut Interp, args: Args) -> Raise<Value> {
    let obj = arg(interp, &args, 0, "getattr")?;
    let name = attr_name(interp, &arg(interp, &args, 1, "getattr")?)?;
    match (interp.getattr(&obj, &name), args.pos.get(2)) {
        (Ok(v), _) => Ok(v),
        (Err(e), Some(default)) if interp.exc_is(&e, "AttributeError") => Ok(default.clone()),
        (Err(e), _) => Err(e),
    }
}

fn builtin_setattr(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 3, "setattr")?;
    let name = attr_name(interp, &args.pos[1])?;
    interp.setattr(&args.pos[0], &name, args.pos[2].clone())?;
    Ok(Value::None)
}

fn builtin_delattr(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 2, "delattr")?;
    let name = attr_name(interp, &args.pos[1])?;
    interp.delattr(&args.pos[0], &name)?;
    Ok(Value::None)
}

fn builtin_format(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = arg(interp, &args, 0, "format")?;
    let spec = match args.pos.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(interp.type_error(format!(
                "format() argument 2 must be str, not {}",
                interp.type_name(other)
            )))
        }
        None => String::new(),
    };
    interp.format_value(&v, &spec).map(|s| Value::str(&s))
}

fn builtin_globals(interp: &mut Interp, _args: Args) -> Raise<Value> {
    Err(interp.err(
        "NotImplementedError",
        "globals() is not available in Awaitable",
    ))
}

fn builtin_vars(interp: &mut Interp, args: Args) -> Raise<Value> {
    let obj = arg(interp, &args, 0, "vars")?;
    interp.getattr(&obj, "__dict__")
}

fn builtin_input(interp: &mut Interp, _args: Args) -> Raise<Value> {
    Err(interp.err(
        "OSError",
        "input() is not available: Awaitable cells have no standard input",
    ))
}

fn builtin_open(interp: &mut Interp, _args: Args) -> Raise<Value> {
    Err(interp.err(
        "OSError",
        "open() is not available: Awaitable runs without a file system",
    ))
}

fn builtin_build_class(interp: &mut Interp, args: Args) -> Raise<Value> {
    let body = arg(interp, &args, 0, "__build_class__")?;
    let name = str_of(&arg(interp, &args, 1, "__build_class__")?);
    interp.build_class(&body, &name, args.pos[2..].to_vec())
}

// ---- constructors ----

fn new_int(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let base = args.take_kw("base").or_else(|| args.pos.get(2).cloned());
    let v = args.pos.get(1).cloned().unwrap_or(Value::Int(0));
    if let Some(base) = base {
        let base = int_arg(interp, &base)?;
        let Value::Str(s) = &v else {
            return Err(interp.type_error("int() can't convert non-string with explicit base"));
        };
        return parse_int(interp, s, base as u32);
    }
    match &v {
        Value::Int(_) | Value::BigInt(_) => Ok(v),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => {
            if f.is_nan() {
                return Err(interp.value_error("cannot convert float NaN to integer"));
            }
            crate::dict::float_to_bigint(f.trunc())
                .map(Value::from_bigint)
                .ok_or_else(|| {
                    interp.err("OverflowError", "cannot convert float infinity to integer")
                })
        }
        Value::Str(s) => parse_int(interp, s, 10),
        Value::Bytes(b) => parse_int(interp, &String::from_utf8_lossy(b), 10),
        Value::Instance(i) => match i
            .class
            .lookup("__int__")
            .or_else(|| i.class.lookup("__index__"))
        {
            Some(m) => interp.call(&m, Args::new(vec![v.clone()])),
            None => Err(interp.type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                i.class.name
            ))),
        },
        other => Err(interp.type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            interp.type_name(other)
        ))),
    }
}

/// `int(text, base)` with CPython's rules and messages.
pub fn parse_int(interp: &Interp, text: &str, base: u32) -> Raise<Value> {
    let invalid = || {
        interp.value_error(format!(
            "invalid literal for int() with base {base}: {}",
            crate::repr::str_repr(text)
        ))
    };
    if base != 0 && !(2..=36).contains(&base) {
        return Err(interp.value_error("int() base must be >= 2 and <= 36, or 0"));
    }
    let trimmed = text.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let lower = digits.to_ascii_lowercase();
    let (base, digits) = match (base, lower.get(..2)) {
        (16 | 0, Some("0x")) => (16, &digits[2..]),
        (8 | 0, Some("0o")) => (8, &digits[2..]),
        (2 | 0, Some("0b")) => (2, &digits[2..]),
        (0, _) => (10, digits),
        (b, _) => (b, digits),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return Err(invalid());
    }
    // Any Unicode decimal digit counts, as in CPython (`int("٣") == 3`).
    let clean: String = digits
        .chars()
        .filter(|&c| c != '_')
        .map(|c| match crate::methods::unicode::decimal_value(c) {
            Some(d) if !c.is_ascii() => char::from_digit(d, 10).unwrap_or(c),
            _ => c,
        })
        .collect();
    if base == 10 {
        crate::format::check_str_to_int_limit(clean.len(), interp.int_max_str_digits)
            .map_err(|e| interp.err(e.kind.name(), e.message))?;
    }
    let parsed = if base == 10 {
        crate::format::decimal_to_int(&clean)
    } else {
        BigInt::parse_bytes(clean.as_bytes(), base)
    };
    let value = parsed.ok_or_else(invalid)?;
    Ok(Value::from_bigint(if negative { -value } else { value }))
}

fn new_bool(interp: &mut Interp, args: Args) -> Raise<Value> {
    match args.pos.get(1) {
        Some(v) => interp.truthy(&v.clone()).map(Value::Bool),
        None => Ok(Value::Bool(false)),
    }
}

fn new_float(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = args.pos.get(1).cloned().unwrap_or(Value::Float(0.0));
    match &v {
        Value::Float(_) => Ok(v),
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => interp
            .int_to_float(&as_bigint(&v).unwrap_or_default())
            .map(Value::Float),
        Value::Str(s) => parse_float(interp, s),
        Value::Instance(i) => match i.class.lookup("__float__") {
            Some(m) => interp.call(&m, Args::new(vec![v.clone()])),
            None => Err(interp.type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                i.class.name
            ))),
        },
        other => Err(interp.type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            interp.type_name(other)
        ))),
    }
}

/// `float(text)` with CPython's accepted spellings.
pub fn parse_float(interp: &Interp, text: &str) -> Raise<Value> {
    let t = text.trim().replace('_', "");
    let lower = t.to_ascii_lowercase();
    let v = match lower.trim_start_matches(['+', '-']) {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    let value = match v {
        Some(x) => Some(if lower.starts_with('-') { -x } else { x }),
        None if !text.trim().contains("__") && !lower.contains("inf") && !lower.contains("nan") => {
            t.parse::<f64>().ok()
        }
        None => None,
    };
    value.map(Value::Float).ok_or_else(|| {
        interp.value_error(format!(
            "could not convert string to float: {}",
            crate::repr::str_repr(text)
        ))
    })
}

fn new_str(interp: &mut Interp, args: Args) -> Raise<Value> {
    match args.pos.get(1) {
        None => Ok(Value::str("")),
        Some(Value::Bytes(b)) if args.pos.len() > 2 => Ok(Value::str(&String::from_utf8_lossy(b))),
        Some(v) => interp.to_str(&v.clone()).map(|s| Value::str(&s)),
    }
}

fn new_list(interp: &mut Interp, args: Args) -> Raise<Value> {
    match args.pos.get(1) {
        None => Ok(Value::list(Vec::new())),
        Some(v) => interp.iterate(&v.clone()).map(Value::list),
    }
}

fn new_tuple(interp: &mut Interp, args: Args) -> Raise<Value> {
    match args.pos.get(1) {
        None => Ok(Value::tuple(Vec::new())),
        Some(Value::Tuple(t)) => Ok(Value::Tuple(t.clone())),
        Some(v) => interp.iterate(&v.clone()).map(Value::tuple),
    }
}

/// Fills a dict from a mapping or an iterable of pairs.
pub fn dict_update(interp: &mut Interp, dict: &Rc<RefCell<Dict>>, source: &Value) -> Raise<()> {
    let pairs: Vec<(Value, Value)> = match source {
        Value::Dict(d) => d
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        other => {
            let mut pairs = Vec::new();
            for (i, item) in interp.iterate(other)?.into_iter().enumerate() {
                let kv = interp.iterate(&item).map_err(|_| {
                    interp.type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    ))
                })?;
                if kv.len() != 2 {
                    return Err(interp.value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        kv.len()
                    )));
                }
                pairs.push((kv[0].clone(), kv[1].clone()));
            }
            pairs
        }
    };
    for (k, v) in pairs {
        dict.borrow_mut()
            .insert(k, v)
            .map_err(|u| interp.unhashable(u))?;
    }
    Ok(())
}

fn new_dict(interp: &mut Interp, args: Args) -> Raise<Value> {
    let dict = Rc::new(RefCell::new(Dict::new()));
    if let Some(source) = args.pos.get(1) {
        dict_update(interp, &dict, &source.clone())?;
    }
    for (k, v) in args.kw {
        let _ = dict.borrow_mut().insert(Value::Str(k), v);
    }
    Ok(Value::Dict(dict))
}

fn new_set(interp: &mut Interp, args: Args) -> Raise<Value> {
    let items = match args.pos.get(1) {
        None => Vec::new(),
        Some(v) => interp.iterate(&v.clone())?,
    };
    interp.new_set(items)
}

fn new_frozenset(interp: &mut Interp, args: Args) -> Raise<Value> {
    let set = new_set(interp, args)?;
    match set {
        Value::Set(d) => Ok(Value::FrozenSet(Rc::new(d.borrow().copy()))),
        other => Ok(other),
    }
}

fn new_range(interp: &mut Interp, args: Args) -> Raise<Value> {
    let mut nums: Vec<i128> = Vec::new();
    for v in &args.pos[1..] {
        let n = int_arg(interp, v).map(i128::from).or_else(|e| {
            // Beyond 64 bits: still a range, as long as i128 holds it.
            as_bigint(v).and_then(|b| b.to_i128()).ok_or(e)
        })?;
        nums.push(n);
    }
    let (start, stop, step) = match nums.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        [] => return Err(interp.type_error("range expected at least 1 argument, got 0")),
        _ => {
            return Err(interp.type_error(format!(
                "range expected at most 3 arguments, got {}",
                nums.len()
            )))
        }
    };
    if step == 0 {
        return Err(interp.value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Rc::new(RangeObj { start, stop, step })))
}

fn new_slice(_interp: &mut Interp, args: Args) -> Raise<Value> {
    let p = &args.pos[1..];
    let (a, b, c) = match p {
        [stop] => (Value::None, stop.clone(), Value::None),
        [start, stop] => (start.clone(), stop.clone(), Value::None),
        [start, stop, step, ..] => (start.clone(), stop.clone(), step.clone()),
        [] => (Value::None, Value::None, Value::None),
    };
    Ok(Value::Slice(Rc::new([a, b, c])))
}

fn new_type(interp: &mut Interp, args: Args) -> Raise<Value> {
    match args.pos.len() {
        2 => Ok(Value::Class(interp.type_of(&args.pos[1]))),
        _ => Err(interp.type_error(
            "type() takes 1 argument (creating classes with type() is not supported by Awaitable)",
        )),
    }
}

fn payload_instance(interp: &Interp, kind: BuiltinType, payload: Payload) -> Value {
    Value::Instance(Rc::new(Instance {
        class: interp.types.get(kind),
        attrs: RefCell::new(HashMap::new()),
        payload: RefCell::new(payload),
        hash_cache: Default::default(),
    }))
}

fn new_property(interp: &mut Interp, args: Args) -> Raise<Value> {
    let getter = args.pos.get(1).cloned().unwrap_or(Value::None);
    let setter = args.pos.get(2).cloned().unwrap_or(Value::None);
    Ok(payload_instance(
        interp,
        BuiltinType::Property,
        Payload::Property { getter, setter },
    ))
}

/// `prop.setter(f)` / `prop.getter(f)`: a copy of the property with one accessor replaced.
fn property_with(interp: &mut Interp, args: Args, which: &str) -> Raise<Value> {
    let Some(Value::Instance(p)) = args.pos.first() else {
        return Err(interp.type_error(format!("descriptor '{which}' requires a 'property' object")));
    };
    let (mut getter, mut setter) = match &*p.payload.borrow() {
        Payload::Property { getter, setter } => (getter.clone(), setter.clone()),
        _ => (Value::None, Value::None),
    };
    let accessor = arg(interp, &args, 1, which)?;
    if which == "setter" {
        setter = accessor;
    } else {
        getter = accessor;
    }
    Ok(payload_instance(
        interp,
        BuiltinType::Property,
        Payload::Property { getter, setter },
    ))
}

fn property_setter(interp: &mut Interp, args: Args) -> Raise<Value> {
    property_with(interp, args, "setter")
}

fn property_getter(interp: &mut Interp, args: Args) -> Raise<Value> {
    property_with(interp, args, "getter")
}

fn new_staticmethod(interp: &mut Interp, args: Args) -> Raise<Value> {
    let f = arg(interp, &args, 1, "staticmethod")?;
    Ok(payload_instance(
        interp,
        BuiltinType::StaticMethod,
        Payload::StaticMethod(f),
    ))
}

fn new_classmethod(interp: &mut Interp, args: Args) -> Raise<Value> {
    let f = arg(interp, &args, 1, "classmethod")?;
    Ok(payload_instance(
        interp,
        BuiltinType::ClassMethod,
        Payload::ClassMethod(f),
    ))
}

fn new_super(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (class, receiver) = match args.pos.len() {
        3 => match &args.pos[1] {
            Value::Class(c) => (c.clone(), args.pos[2].clone()),
            _ => return Err(interp.type_error("super() argument 1 must be a type")),
        },
        1 => return Err(interp.err("RuntimeError", "super(): no arguments")),
        _ => return Err(interp.type_error("super() takes 0 or 2 arguments")),
    };
    let start = class
        .base
        .clone()
        .ok_or_else(|| interp.err("RuntimeError", "super(): no base class"))?;
    Ok(payload_instance(
        interp,
        BuiltinType::Super,
        Payload::Super {
            class: start,
            receiver,
        },
    ))
}

fn exception_init(interp: &mut Interp, args: Args) -> Raise<Value> {
    let Some(Value::Instance(i)) = args.pos.first() else {
        return Err(interp.type_error("descriptor '__init__' requires a 'BaseException' object"));
    };
    let new_args = args.pos[1..].to_vec();
    Exc(i.clone()).with_data(|d| d.args = new_args);
    Ok(Value::None)
}

fn exception_with_traceback(interp: &mut Interp, args: Args) -> Raise<Value> {
    arg(interp, &args, 0, "with_traceback")
}

fn exception_add_note(interp: &mut Interp, args: Args) -> Raise<Value> {
    let _ = arg(interp, &args, 1, "add_note")?;
    Ok(Value::None)
}

fn object_init(_interp: &mut Interp, _args: Args) -> Raise<Value> {
    Ok(Value::None)
}

fn object_eq(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 2, "__eq__")?;
    Ok(if args.pos[0].is(&args.pos[1]) {
        Value::Bool(true)
    } else {
        Value::NotImplemented
    })
}

fn object_ne(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 2, "__ne__")?;
    let eq = interp.eq(&args.pos[0], &args.pos[1])?;
    Ok(Value::Bool(!eq))
}

fn object_hash(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = arg(interp, &args, 0, "__hash__")?;
    Ok(Value::Int((v.address() >> 4) as i64))
}

fn object_repr(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = arg(interp, &args, 0, "__repr__")?;
    let class = interp.type_of(&v);
    Ok(Value::str(&format!(
        "<{}.{} object at {}>",
        class.module,
        class.qualname,
        crate::repr::address_text(&v)
    )))
}

fn object_str(interp: &mut Interp, args: Args) -> Raise<Value> {
    let v = arg(interp, &args, 0, "__str__")?;
    interp.repr(&v).map(|s| Value::str(&s))
}

fn object_setattr(interp: &mut Interp, args: Args) -> Raise<Value> {
    check_exact(interp, &args, 3, "__setattr__")?;
    match &args.pos[0] {
        Value::Instance(i) => {
            let name = attr_name(interp, &args.pos[1])?;
            i.attrs.borrow_mut().insert(name, args.pos[2].clone());
            Ok(Value::None)
        }
        other => Err(interp.type_error(format!(
            "can't apply this __setattr__ to {} object",
            interp.type_name(other)
        ))),
    }
}

// ---- modules ----

/// Creates a module object from name/value pairs and registers it.
pub fn register_module(interp: &mut Interp, name: &str, entries: Vec<(&str, Value)>) -> Value {
    let mut dict = Dict::new();
    let _ = dict.insert(Value::str("__name__"), Value::str(name));
    for (k, v) in entries {
        let _ = dict.insert(Value::str(k), v);
    }
    let module = Value::Module(Rc::new(Module {
        name: Rc::from(name),
        dict: Rc::new(RefCell::new(dict)),
    }));
    interp.modules.insert(name.to_string(), module.clone());
    module
}

fn install_modules(interp: &mut Interp) {
    let struct_time = crate::timefmt::struct_time_class(interp);
    register_module(
        interp,
        "time",
        vec![
            ("time", native("time", time_time)),
            ("perf_counter", native("perf_counter", time_monotonic)),
            ("monotonic", native("monotonic", time_monotonic)),
            ("process_time", native("process_time", time_monotonic)),
            ("sleep", blocking("sleep", time_sleep)),
            ("time_ns", native("time_ns", time_time_ns)),
            (
                "perf_counter_ns",
                native("perf_counter_ns", time_monotonic_ns),
            ),
            ("monotonic_ns", native("monotonic_ns", time_monotonic_ns)),
            (
                "process_time_ns",
                native("process_time_ns", time_monotonic_ns),
            ),
            ("strftime", native("strftime", crate::timefmt::strftime)),
            ("localtime", native("localtime", crate::timefmt::localtime)),
            ("gmtime", native("gmtime", crate::timefmt::gmtime)),
            ("mktime", native("mktime", crate::timefmt::mktime)),
            ("asctime", native("asctime", crate::timefmt::asctime)),
            ("ctime", native("ctime", crate::timefmt::ctime)),
            ("struct_time", Value::Class(struct_time)),
        ],
    );
    register_module(
        interp,
        "sys",
        vec![
            (
                "set_int_max_str_digits",
                native("set_int_max_str_digits", sys_set_int_max_str_digits),
            ),
            (
                "get_int_max_str_digits",
                native("get_int_max_str_digits", sys_get_int_max_str_digits),
            ),
            (
                "getrecursionlimit",
                native("getrecursionlimit", sys_getrecursionlimit),
            ),
            ("version", Value::str("3.12.0 (Awaitable)")),
            ("platform", Value::str("awaitable")),
            ("maxsize", Value::Int(i64::MAX)),
        ],
    );
    crate::mathmod::install(interp);
    crate::random::install(interp);
    crate::prelude::install_asyncio(interp);
    crate::prelude::install_wikipedia(interp);
}

fn time_time(interp: &mut Interp, _args: Args) -> Raise<Value> {
    Ok(Value::Float(interp.aio.wall()))
}

fn time_monotonic(interp: &mut Interp, _args: Args) -> Raise<Value> {
    Ok(Value::Float(interp.aio.now()))
}

/// Seconds as whole nanoseconds, for the `*_ns` clocks (saturating: no clock is that far off).
fn nanoseconds(seconds: f64) -> Value {
    Value::Int((seconds * 1e9).round() as i64)
}

fn time_time_ns(interp: &mut Interp, _args: Args) -> Raise<Value> {
    Ok(nanoseconds(interp.aio.wall()))
}

fn time_monotonic_ns(interp: &mut Interp, _args: Args) -> Raise<Value> {
    Ok(nanoseconds(interp.aio.now()))
}

fn time_sleep(interp: &mut Interp, args: Args) -> Raise<Blocking> {
    check_exact(interp, &args, 1, "sleep")?;
    let seconds = as_f64(&args.pos[0]).ok_or_else(|| {
        interp.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            interp.type_name(&args.pos[0])
        ))
    })?;
    if seconds < 0.0 {
        return Err(interp.value_error("sleep length must be non-negative"));
    }
    Ok(Blocking::Sleep(seconds))
}

fn sys_set_int_max_str_digits(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let v = args
        .take_kw("maxdigits")
        .or_else(|| args.pos.first().cloned())
        .ok_or_else(|| {
            interp.type_error(
                "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)",
            )
        })?;
    let n = int_arg(interp, &v)?;
    if n != 0 && n < 640 {
        return Err(interp.value_error("maxdigits must be 0 or larger than 640"));
    }
    interp.int_max_str_digits = n as usize;
    Ok(Value::None)
}

fn sys_get_int_max_str_digits(interp: &mut Interp, _args: Args) -> Raise<Value> {
    Ok(Value::Int(interp.int_max_str_digits as i64))
}

fn sys_getrecursionlimit(_interp: &mut Interp, _args: Args) -> Raise<Value> {
    Ok(Value::Int(crate::interp::RECURSION_LIMIT as i64))
}

// ---- generator and coroutine methods ----

fn this_gen(interp: &Interp, args: &Args) -> Raise<Rc<GenObj>> {
    match args.pos.first() {
        Some(Value::Gen(g)) => Ok(g.clone()),
        _ => Err(interp.type_error("descriptor requires a generator object")),
    }
}

fn step_result(interp: &Interp, step: crate::interp::GenStep) -> Raise<Value> {
    match step {
        crate::interp::GenStep::Yielded(v) => Ok(v),
        crate::interp::GenStep::Returned(v) => {
            let class = interp.types.exception("StopIteration");
            let args = if matches!(v, Value::None) {
                Vec::new()
            } else {
                vec![v]
            };
            Err(interp.new_exc(&class, args))
        }
    }
}

fn gen_send(interp: &mut Interp, args: Args) -> Raise<Value> {
    let gen = this_gen(interp, &args)?;
    let sent = arg(interp, &args, 1, "send")?;
    let step = interp.gen_resume_with(&gen, sent, None)?;
    step_result(interp, step)
}

fn gen_throw(interp: &mut Interp, args: Args) -> Raise<Value> {
    let gen = this_gen(interp, &args)?;
    let exc = interp.to_exc(arg(interp, &args, 1, "throw")?)?;
    let step = interp.gen_resume_with(&gen, Value::None, Some(exc))?;
    step_result(interp, step)
}

/// `close()`: a generator not yet finished gets `GeneratorExit` at its yield, so
/// its `finally` blocks run; a coroutine never started is simply marked done.
fn gen_close(interp: &mut Interp, args: Args) -> Raise<Value> {
    let gen = this_gen(interp, &args)?;
    let suspended = matches!(&*gen.state.borrow(), GenState::Suspended(_));
    if !suspended {
        *gen.state.borrow_mut() = GenState::Done;
        return Ok(Value::None);
    }
    let class = interp.types.exception("GeneratorExit");
    let exit = interp.new_exc(&class, Vec::new());
    match interp.gen_resume_with(&gen, Value::None, Some(exit)) {
        Ok(crate::interp::GenStep::Yielded(_)) => {
            Err(interp.err("RuntimeError", "generator ignored GeneratorExit"))
        }
        Ok(crate::interp::GenStep::Returned(_)) => Ok(Value::None),
        Err(e) if interp.exc_is(&e, "GeneratorExit") || interp.exc_is(&e, "StopIteration") => {
            Ok(Value::None)
        }
        Err(e) => Err(e),
    }
}

fn gen_iter(interp: &mut Interp, args: Args) -> Raise<Value> {
    arg(interp, &args, 0, "__iter__")
}

fn gen_next(interp: &mut Interp, args: Args) -> Raise<Value> {
    let gen = this_gen(interp, &args)?;
    let step = interp.gen_resume(&gen)?;
    step_result(interp, step)
}

/// Methods of generators, coroutines and async generators.
pub fn install_generator_methods(interp: &mut Interp) {
    let generator = interp.types.get(BuiltinType::Generator);
    for (name, f) in [
        ("send", gen_send as NativeFn),
        ("throw", gen_throw),
        ("close", gen_close),
        ("__iter__", gen_iter),
        ("__next__", gen_next),
    ] {
        set_method(&generator, name, f);
    }
    let coroutine = interp.types.get(BuiltinType::Coroutine);
    for (name, f) in [
        ("send", gen_send as NativeFn),
        ("throw", gen_throw),
        ("close", gen_close),
    ] {
        set_method(&coroutine, name, f);
    }
}
