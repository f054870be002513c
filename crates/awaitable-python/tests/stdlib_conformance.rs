//! Conformance of the `math`, `random` and `time` modules against CPython 3.12.
//!
//! The tables in `stdlib_cases/` were produced by `gen_stdlib_cases.py` running
//! on CPython 3.12; see that script. Each case calls a module function of a
//! fresh interpreter (the random cases share one, in order) and compares the
//! repr of the result, or the exception's class and message.

use std::str::FromStr;

use awaitable_python::compiler::Mode;
use awaitable_python::interp::{Interp, Raise};
use awaitable_python::value::{Args, Value};
use num_bigint::BigInt;

#[path = "stdlib_cases/math.rs"]
mod math_cases;
#[path = "stdlib_cases/random.rs"]
mod random_cases;
#[path = "stdlib_cases/time.rs"]
mod time_cases;

/// An argument as the generator writes it.
#[derive(Debug, Clone, Copy)]
pub enum A {
    N,
    B(bool),
    I(i64),
    Big(&'static str),
    F(f64),
    S(&'static str),
    Y(&'static [u8]),
    T(&'static [A]),
    L(&'static [A]),
    R(i64, i64, i64),
    Set(&'static [A]),
    D,
}

/// One call and what CPython gave for it: a repr, or an exception's class and message.
pub struct Case {
    pub func: &'static str,
    pub args: &'static [A],
    pub kw: &'static [(&'static str, A)],
    pub want: Result<&'static str, (&'static str, &'static str)>,
}

fn value(interp: &mut Interp, a: &A) -> Value {
    match a {
        A::N => Value::None,
        A::B(b) => Value::Bool(*b),
        A::I(i) => Value::Int(*i),
        A::Big(digits) => Value::from_bigint(BigInt::from_str(digits).expect("a decimal int")),
        A::F(x) => Value::Float(*x),
        A::S(s) => Value::str(s),
        A::Y(b) => Value::Bytes((*b).into()),
        A::T(items) => Value::tuple(items.iter().map(|x| value(interp, x)).collect()),
        A::L(items) => Value::list(items.iter().map(|x| value(interp, x)).collect()),
        A::R(start, stop, step) => call_global(
            interp,
            "range",
            vec![Value::Int(*start), Value::Int(*stop), Value::Int(*step)],
        )
        .expect("range"),
        A::Set(items) => {
            let items = items.iter().map(|x| value(interp, x)).collect();
            interp.new_set(items).expect("a set")
        }
        A::D => call_global(interp, "dict", Vec::new()).expect("dict"),
    }
}

fn call_global(interp: &mut Interp, name: &str, args: Vec<Value>) -> Raise<Value> {
    let f = interp.builtins.borrow().get_str(name).expect("a builtin");
    interp.call(&f, Args::new(args))
}

fn module_fn(interp: &mut Interp, module: &str, name: &str) -> Value {
    let Some(Value::Module(m)) = interp.modules.get(module) else {
        panic!("no module {module}")
    };
    let f = m.dict.borrow().get_str(name);
    f.unwrap_or_else(|| panic!("no function {module}.{name}"))
}

fn call(interp: &mut Interp, module: &str, name: &str, args: Vec<Value>) -> Raise<Value> {
    let f = module_fn(interp, module, name);
    interp.call(&f, Args::new(args))
}

/// The pseudo-functions of the generator: snippets the table cannot spell as one call.
fn pseudo(interp: &mut Interp, name: &str, args: Vec<Value>) -> Raise<Value> {
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::None);
    match name {
        "_shuffled" => {
            let list = Value::list(interp.iterate(&arg(0))?);
            call(interp, "random", "shuffle", vec![list.clone()])?;
            Ok(list)
        }
        "_state_head" => {
            let state = call(interp, "random", "getstate", Vec::new())?;
            let words = interp.getitem(&state, &Value::Int(1))?;
            let head: Vec<Value> = interp.iterate(&words)?.into_iter().take(4).collect();
            let last = interp.getitem(&words, &Value::Int(-1))?;
            Ok(Value::tuple(vec![
                interp.getitem(&state, &Value::Int(0))?,
                Value::tuple(head),
                last,
                interp.getitem(&state, &Value::Int(2))?,
            ]))
        }
        "_state_roundtrip" => {
            let saved = call(interp, "random", "getstate", Vec::new())?;
            let first = (0..3)
                .map(|_| call(interp, "random", "random", Vec::new()))
                .collect::<Raise<Vec<_>>>()?;
            call(interp, "random", "setstate", vec![saved])?;
            let again = (0..3)
                .map(|_| call(interp, "random", "random", Vec::new()))
                .collect::<Raise<Vec<_>>>()?;
            let same = interp.eq(&Value::list(first.clone()), &Value::list(again))?;
            Ok(Value::tuple(vec![Value::Bool(same), Value::list(first)]))
        }
        "_strftime_gmtime" | "_strftime_localtime" => {
            let t = call(interp, "time", &name["_strftime_".len()..], vec![arg(1)])?;
            call(interp, "time", "strftime", vec![arg(0), t])
        }
        "_attr_gmtime" => {
            let t = call(interp, "time", "gmtime", vec![arg(0)])?;
            let attr = awaitable_python::interp::str_of(&arg(1));
            interp.getattr(&t, &attr)
        }
        "_item_gmtime" => {
            let t = call(interp, "time", "gmtime", vec![arg(0)])?;
            interp.getitem(&t, &arg(1))
        }
        "_eq_gmtime" => {
            let t = call(interp, "time", "gmtime", vec![arg(0)])?;
            interp.eq(&t, &arg(1)).map(Value::Bool)
        }
        "_tuple_gmtime" => {
            let t = call(interp, "time", "gmtime", vec![arg(0)])?;
            interp.iterate(&t).map(Value::tuple)
        }
        "_len_gmtime" => {
            let t = call(interp, "time", "gmtime", vec![arg(0)])?;
            interp.len(&t).map(|n| Value::Int(n as i64))
        }
        "_struct_time" => {
            let class = module_fn(interp, "time", "struct_time");
            interp.call(&class, Args::new(vec![arg(0)]))
        }
        "_mktime_gmtime" => {
            let t = call(interp, "time", "gmtime", vec![arg(0)])?;
            call(interp, "time", "mktime", vec![t])
        }
        _ => panic!("unknown pseudo-function {name}"),
    }
}

fn run(interp: &mut Interp, module: &str, case: &Case) -> Result<String, (String, String)> {
    let args: Vec<Value> = case.args.iter().map(|a| value(interp, a)).collect();
    let kw = case
        .kw
        .iter()
        .map(|(k, a)| (std::rc::Rc::from(*k), value(interp, a)))
        .collect();
    let result = if case.func.starts_with('_') {
        pseudo(interp, case.func, args)
    } else {
        let f = module_fn(interp, module, case.func);
        interp.call(&f, Args { pos: args, kw })
    };
    match result {
        Ok(v) => interp
            .repr(&v)
            .map_err(|e| ("repr failed".into(), format!("{e:?}"))),
        Err(e) => {
            // `str(e)` as BaseException computes it, without relying on the prelude.
            let message = match e.args().as_slice() {
                [] => String::new(),
                [one] => interp.to_str(one).unwrap_or_default(),
                many => interp
                    .repr(&Value::tuple(many.to_vec()))
                    .unwrap_or_default(),
            };
            Err((e.class().name.to_string(), message))
        }
    }
}

fn describe(case: &Case) -> String {
    format!(
        "{}({:?}, {:?})",
        case.func,
        case.args,
        case.kw
            .iter()
            .map(|(k, v)| format!("{k}={v:?}"))
            .collect::<Vec<_>>()
    )
}

/// Runs every case; `fresh` gives each its own interpreter. Reports all mismatches at once.
fn check_all(module: &str, cases: &[Case], fresh: bool) {
    let mut interp = Interp::new(Mode::Script);
    let mut failures = Vec::new();
    for case in cases {
        if fresh {
            interp = Interp::new(Mode::Script);
        }
        let got = run(&mut interp, module, case);
        let want = case
            .want
            .map(String::from)
            .map_err(|(c, m)| (c.to_string(), m.to_string()));
        if got != want {
            failures.push(format!(
                "{}.{}\n    got:  {got:?}\n    want: {want:?}",
                module,
                describe(case)
            ));
        }
    }
    let total = cases.len();
    assert!(
        failures.is_empty(),
        "{} of {total} {module} cases differ from CPython:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn math_matches_cpython() {
    check_all("math", math_cases::CASES, false);
}

#[test]
fn random_matches_cpython() {
    check_all("random", random_cases::CASES, false);
}

#[test]
fn time_matches_cpython() {
    check_all("time", time_cases::CASES, false);
}
