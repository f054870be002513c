//! `time.strftime`, `time.localtime`/`time.gmtime`, `time.mktime`,
//! `time.asctime`/`time.ctime` and the `time.struct_time` class.
//!
//! Awaitable has no time zone database: local time is UTC, as CPython's is
//! with `TZ=UTC` (`localtime` gives `tm_zone` `'UTC'`, `gmtime` `'GMT'`, as
//! glibc names them). Formatting follows glibc's `strftime` in the C locale.

use std::collections::HashMap;
use std::rc::Rc;

use num_traits::ToPrimitive;

use crate::builtins::native;
use crate::interp::{Interp, Raise};
use crate::value::{Args, Class, Instance, NativeFn, Payload, Value};

mod calendar;
mod strftime;

pub use calendar::Tm;

/// The attributes of `struct_time` that make up its tuple, in order.
const FIELDS: [&str; 9] = [
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
];

/// The `time.struct_time` class: a 9-item read-only sequence with named fields
/// (`tm_zone` and `tm_gmtoff` are attributes only).
pub fn struct_time_class(interp: &mut Interp) -> Rc<Class> {
    let class = crate::types::new_class(
        "struct_time",
        Some(interp.types.object.clone()),
        None,
        "time",
    );
    let methods: &[(&str, NativeFn)] = &[
        ("__init__", struct_time_init),
        ("__repr__", struct_time_repr),
        ("__getitem__", struct_time_getitem),
        ("__len__", struct_time_len),
        ("__iter__", struct_time_iter),
        ("__eq__", struct_time_eq),
        ("__hash__", struct_time_hash),
        ("__setattr__", struct_time_setattr),
        ("__getattr__", struct_time_getattr),
    ];
    for (name, f) in methods {
        class
            .dict
            .borrow_mut()
            .insert(Rc::from(*name), native(name, *f));
    }
    for (name, method) in python_wrappers(interp) {
        class.dict.borrow_mut().insert(Rc::from(name), method);
    }
    class
}

/// Python source for `__init__` and `__repr__` calling the native ones: the
/// interpreter may take built-in `__init__`s and `__repr__`s for `object`'s
/// defaults and skip them.
const WRAPPERS: &str = "\
def __init__(self, *args, **kwargs):
    _init(self, *args, **kwargs)
def __repr__(self):
    return _repr(self)
";

/// The functions of [`WRAPPERS`]; none if they cannot be compiled (no parser).
fn python_wrappers(interp: &mut Interp) -> Vec<(&'static str, Value)> {
    let Ok(code) = crate::parser::parse_module(WRAPPERS).and_then(|ast| {
        crate::compiler::compile_module(&ast, "<time>", crate::compiler::Mode::Script)
    }) else {
        return Vec::new();
    };
    let mut names = crate::dict::Dict::new();
    let _ = names.insert(Value::str("__name__"), Value::str("time"));
    let _ = names.insert(Value::str("_init"), native("_init", struct_time_init));
    let _ = names.insert(Value::str("_repr"), native("_repr", struct_time_repr));
    let globals = Rc::new(std::cell::RefCell::new(names));
    let mut frame = interp.module_frame(code, globals.clone());
    frame.role = crate::frame::FrameRole::Base;
    if interp.run_nested(frame).is_err() {
        return Vec::new();
    }
    let globals = globals.borrow();
    ["__init__", "__repr__"]
        .into_iter()
        .filter_map(|name| Some((name, globals.get_str(name)?)))
        .collect()
}

/// A `struct_time` for `tm`, or a plain tuple if `time` has no `struct_time` (never, in practice).
fn make_struct_time(interp: &Interp, tm: &Tm) -> Value {
    let numbers = [
        tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec, tm.wday, tm.yday, tm.isdst,
    ];
    let values: Vec<Value> = numbers.iter().map(|&n| Value::Int(n)).collect();
    let class = interp.modules.get("time").and_then(|m| match m {
        Value::Module(m) => m.dict.borrow().get_str("struct_time"),
        _ => None,
    });
    let Some(Value::Class(class)) = class else {
        return Value::tuple(values);
    };
    let mut attrs: HashMap<Rc<str>, Value> = FIELDS
        .iter()
        .zip(values)
        .map(|(k, v)| (Rc::from(*k), v))
        .collect();
    attrs.insert(Rc::from("tm_zone"), Value::str(tm.zone));
    attrs.insert(Rc::from("tm_gmtoff"), Value::Int(0));
    Value::Instance(Rc::new(Instance {
        class,
        attrs: std::cell::RefCell::new(attrs),
        payload: std::cell::RefCell::new(Payload::None),
        hash_cache: Default::default(),
    }))
}

/// The 9 fields of a `struct_time` instance, as a tuple.
fn fields_of(interp: &Interp, v: &Value) -> Raise<Vec<Value>> {
    let Value::Instance(inst) = v else {
        return Err(interp.type_error("descriptor requires a 'time.struct_time' object"));
    };
    let attrs = inst.attrs.borrow();
    Ok(FIELDS
        .iter()
        .map(|f| attrs.get(*f).cloned().unwrap_or(Value::None))
        .collect())
}

fn is_struct_time(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if &*i.class.name == "struct_time" && &*i.class.module == "time")
}

fn struct_time_init(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (Some(Value::Instance(inst)), Some(seq)) = (args.pos.first(), args.pos.get(1)) else {
        return Err(
            interp.type_error("time.struct_time() missing required argument 'sequence' (pos 1)")
        );
    };
    let items = interp.iterate(seq)?;
    if items.len() < 9 {
        return Err(interp.type_error(format!(
            "time.struct_time() takes an at least 9-sequence ({}-sequence given)",
            items.len()
        )));
    }
    if items.len() > 11 {
        return Err(interp.type_error(format!(
            "time.struct_time() takes an at most 11-sequence ({}-sequence given)",
            items.len()
        )));
    }
    let mut attrs = inst.attrs.borrow_mut();
    for (name, value) in FIELDS
        .iter()
        .chain(&["tm_zone", "tm_gmtoff"])
        .zip(items.iter().cloned().chain(std::iter::repeat(Value::None)))
    {
        attrs.insert(Rc::from(*name), value);
    }
    Ok(Value::None)
}

fn receiver(interp: &Interp, args: &Args) -> Raise<Value> {
    args.pos
        .first()
        .cloned()
        .ok_or_else(|| interp.type_error("descriptor needs an argument"))
}

fn struct_time_repr(interp: &mut Interp, args: Args) -> Raise<Value> {
    let fields = fields_of(interp, &receiver(interp, &args)?)?;
    let mut parts = Vec::with_capacity(FIELDS.len());
    for (name, value) in FIELDS.iter().zip(&fields) {
        parts.push(format!("{name}={}", interp.repr(value)?));
    }
    Ok(Value::str(&format!(
        "time.struct_time({})",
        parts.join(", ")
    )))
}

fn struct_time_getitem(interp: &mut Interp, args: Args) -> Raise<Value> {
    let tuple = Value::tuple(fields_of(interp, &receiver(interp, &args)?)?);
    let index = crate::builtins::arg(interp, &args, 1, "__getitem__")?;
    interp.getitem(&tuple, &index)
}

fn struct_time_len(_interp: &mut Interp, _args: Args) -> Raise<Value> {
    Ok(Value::Int(FIELDS.len() as i64))
}

fn struct_time_iter(interp: &mut Interp, args: Args) -> Raise<Value> {
    let tuple = Value::tuple(fields_of(interp, &receiver(interp, &args)?)?);
    interp.get_iter(&tuple)
}

/// Equal to a `struct_time` or a tuple with the same 9 items, as CPython's tuple subclass is.
fn struct_time_eq(interp: &mut Interp, args: Args) -> Raise<Value> {
    let mine = Value::tuple(fields_of(interp, &receiver(interp, &args)?)?);
    let other = crate::builtins::arg(interp, &args, 1, "__eq__")?;
    let theirs = match &other {
        Value::Tuple(_) => other.clone(),
        v if is_struct_time(v) => Value::tuple(fields_of(interp, v)?),
        _ => return Ok(Value::NotImplemented),
    };
    interp.eq(&mine, &theirs).map(Value::Bool)
}

fn struct_time_hash(interp: &mut Interp, args: Args) -> Raise<Value> {
    let tuple = Value::tuple(fields_of(interp, &receiver(interp, &args)?)?);
    interp.hash(&tuple).map(Value::Int)
}

fn struct_time_setattr(interp: &mut Interp, args: Args) -> Raise<Value> {
    let name = args
        .pos
        .get(1)
        .map(crate::interp::str_of)
        .unwrap_or_else(|| Rc::from(""));
    if FIELDS.contains(&&*name) || &*name == "tm_zone" || &*name == "tm_gmtoff" {
        return Err(interp.err("AttributeError", "readonly attribute"));
    }
    Err(interp.err(
        "AttributeError",
        format!("'time.struct_time' object has no attribute '{name}'"),
    ))
}

/// Called for missing attributes only: names the type as CPython does.
fn struct_time_getattr(interp: &mut Interp, args: Args) -> Raise<Value> {
    let name = args
        .pos
        .get(1)
        .map(crate::interp::str_of)
        .unwrap_or_else(|| Rc::from(""));
    Err(interp.err(
        "AttributeError",
        format!("'time.struct_time' object has no attribute '{name}'"),
    ))
}

// ---- timestamps ----

/// The whole seconds of a timestamp argument, rounded down; `None` means now.
fn seconds_arg(interp: &mut Interp, v: Option<&Value>) -> Raise<i64> {
    let out_of_range = |interp: &Interp| {
        interp.err(
            "OverflowError",
            "timestamp out of range for platform time_t",
        )
    };
    match v {
        None | Some(Value::None) => Ok(interp.aio.wall().floor() as i64),
        Some(Value::Float(x)) => {
            if x.is_nan() {
                return Err(interp.value_error("Invalid value NaN (not a number)"));
            }
            let x = x.floor();
            // 2**63 as a float: i64's range is [-2**63, 2**63).
            let limit = 2f64.powi(63);
            if !(-limit..limit).contains(&x) {
                return Err(out_of_range(interp));
            }
            Ok(x as i64)
        }
        Some(other) => {
            let n = crate::mathmod::to_bigint(interp, other).map_err(|_| {
                interp.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    interp.type_name(other)
                ))
            })?;
            n.to_i64().ok_or_else(|| out_of_range(interp))
        }
    }
}

fn broken_down(interp: &mut Interp, args: &Args, fname: &str, zone: &'static str) -> Raise<Tm> {
    if !args.kw.is_empty() {
        return Err(interp.type_error(format!("{fname}() takes no keyword arguments")));
    }
    crate::builtins::check_max(interp, args, 1, fname)?;
    let secs = seconds_arg(interp, args.pos.first())?;
    calendar::tm_from_timestamp(secs, zone).ok_or_else(|| {
        interp.err(
            "OSError",
            "[Errno 75] Value too large for defined data type",
        )
    })
}

/// `time.localtime([secs])`: UTC, since Awaitable has no time zone database.
pub fn localtime(interp: &mut Interp, args: Args) -> Raise<Value> {
    let tm = broken_down(interp, &args, "localtime", "UTC")?;
    Ok(make_struct_time(interp, &tm))
}

/// `time.gmtime([secs])`.
pub fn gmtime(interp: &mut Interp, args: Args) -> Raise<Value> {
    let tm = broken_down(interp, &args, "gmtime", "GMT")?;
    Ok(make_struct_time(interp, &tm))
}

/// `time.mktime(t)`: the inverse of `localtime`, so UTC; out-of-range fields carry over.
pub fn mktime(interp: &mut Interp, args: Args) -> Raise<Value> {
    if args.pos.len() != 1 || !args.kw.is_empty() {
        return Err(interp.type_error(format!(
            "time.mktime() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    let tm = tm_arg(interp, &args.pos[0], "mktime")?;
    let secs = calendar::timestamp_of(&tm)
        .ok_or_else(|| interp.err("OverflowError", "mktime argument out of range"))?;
    Ok(Value::Float(secs as f64))
}

// ---- time tuples ----

/// A time tuple or `struct_time` argument as a `Tm`, without range checks (CPython's `gettmarg`).
fn tm_arg(interp: &mut Interp, v: &Value, fname: &str) -> Raise<Tm> {
    let (items, zone) = match v {
        Value::Tuple(items) => (items.to_vec(), "UTC"),
        v if is_struct_time(v) => (fields_of(interp, v)?, struct_time_zone(v)),
        _ => return Err(interp.type_error("Tuple or struct_time argument required")),
    };
    if items.len() != 9 {
        return Err(interp.type_error(format!("{fname}(): illegal time tuple argument")));
    }
    let mut numbers = [0i64; 9];
    for (slot, item) in numbers.iter_mut().zip(&items) {
        *slot = c_int(interp, item)?;
    }
    let [year, mon, mday, hour, min, sec, wday, yday, isdst] = numbers;
    Ok(Tm {
        year,
        mon,
        mday,
        hour,
        min,
        sec,
        wday,
        yday,
        isdst,
        zone,
    })
}

/// The zone of a `struct_time` made by `gmtime` or `localtime` (`'UTC'` for any other).
fn struct_time_zone(v: &Value) -> &'static str {
    let Value::Instance(inst) = v else {
        return "UTC";
    };
    match inst.attrs.borrow().get("tm_zone") {
        Some(Value::Str(s)) if &**s == "GMT" => "GMT",
        _ => "UTC",
    }
}

/// An item of a time tuple, which must fit a C `int`.
fn c_int(interp: &mut Interp, v: &Value) -> Raise<i64> {
    let n = crate::mathmod::to_bigint(interp, v)?;
    match n.to_i32() {
        Some(i) => Ok(i64::from(i)),
        None if n > num_bigint::BigInt::from(0) => {
            Err(interp.err("OverflowError", "signed integer is greater than maximum"))
        }
        None => Err(interp.err("OverflowError", "signed integer is less than minimum")),
    }
}

/// CPython's `checktm`: fields that would index a name table must be in range;
/// a zero month, day of month or day of year stands for the first.
fn check_tm(interp: &Interp, tm: &mut Tm) -> Raise<()> {
    let fail = |what: &str| Err(interp.value_error(format!("{what} out of range")));
    if tm.mon == 0 {
        tm.mon = 1;
    } else if !(1..=12).contains(&tm.mon) {
        return fail("month");
    }
    if tm.mday == 0 {
        tm.mday = 1;
    } else if !(1..=31).contains(&tm.mday) {
        return fail("day of month");
    }
    if !(0..=23).contains(&tm.hour) {
        return fail("hour");
    }
    if !(0..=59).contains(&tm.min) {
        return fail("minute");
    }
    if !(0..=61).contains(&tm.sec) {
        return fail("seconds");
    }
    // C's weekday is (wday + 1) % 7 with C's remainder: only wday < -1 is negative.
    if tm.wday < -1 {
        return fail("day of week");
    }
    tm.wday = tm.wday.rem_euclid(7);
    if tm.yday == 0 {
        tm.yday = 1;
    } else if !(1..=366).contains(&tm.yday) {
        return fail("day of year");
    }
    Ok(())
}

/// The checked `Tm` of an optional time-tuple argument, the local time now when absent.
fn checked_tm(interp: &mut Interp, v: Option<&Value>, fname: &str) -> Raise<Tm> {
    let mut tm = match v {
        Some(v) => tm_arg(interp, v, fname)?,
        None => {
            let secs = seconds_arg(interp, None)?;
            calendar::tm_from_timestamp(secs, "UTC").ok_or_else(|| {
                interp.err(
                    "OSError",
                    "[Errno 75] Value too large for defined data type",
                )
            })?
        }
    };
    check_tm(interp, &mut tm)?;
    Ok(tm)
}

/// `time.strftime(format[, t])`, in the C locale, with local time being UTC.
pub fn strftime(interp: &mut Interp, args: Args) -> Raise<Value> {
    crate::builtins::no_kwargs(interp, &args, "strftime")?;
    let given = args.pos.len();
    if given == 0 {
        return Err(interp.type_error("strftime() takes at least 1 argument (0 given)"));
    }
    if given > 2 {
        return Err(interp.type_error(format!(
            "strftime() takes at most 2 arguments ({given} given)"
        )));
    }
    let Value::Str(format) = &args.pos[0] else {
        return Err(interp.type_error(format!(
            "strftime() argument 1 must be str, not {}",
            interp.type_name(&args.pos[0])
        )));
    };
    let tm = checked_tm(interp, args.pos.get(1), "strftime")?;
    Ok(Value::str(&strftime::strftime(format, &tm)))
}

/// `time.asctime([t])`: `'Tue Mar  5 14:07:09 2024'`.
pub fn asctime(interp: &mut Interp, args: Args) -> Raise<Value> {
    crate::builtins::no_kwargs(interp, &args, "asctime")?;
    if args.pos.len() > 1 {
        return Err(interp.type_error(format!(
            "asctime expected at most 1 argument, got {}",
            args.pos.len()
        )));
    }
    let tm = checked_tm(interp, args.pos.first(), "asctime")?;
    Ok(Value::str(&strftime::strftime("%a %b %e %H:%M:%S %Y", &tm)))
}

/// `time.ctime([secs])`: `asctime(localtime(secs))`.
pub fn ctime(interp: &mut Interp, args: Args) -> Raise<Value> {
    let tm = broken_down(interp, &args, "ctime", "UTC")?;
    Ok(Value::str(&strftime::strftime("%a %b %e %H:%M:%S %Y", &tm)))
}

#[cfg(test)]
mod tests;
