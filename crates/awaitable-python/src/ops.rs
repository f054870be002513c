//! The object protocol: truth, equality, arithmetic, comparison, attributes,
//! items and iteration, with CPython's results and error messages.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::dict::Dict;
use crate::interp::{str_of, Interp, Raise};
use crate::value::*;

/// The largest int, in bits, a program may build before `MemoryError`.
pub const MAX_INT_BITS: u64 = 1 << 26;
/// The largest container, in elements, a program may build before `MemoryError`.
pub const MAX_CONTAINER_LEN: usize = 1 << 26;

/// A numeric view of a value.
enum Num {
    Int(BigInt),
    Float(f64),
}

/// Python equality for built-in types; `None` when user code must decide.
pub fn builtin_eq(a: &Value, b: &Value) -> Option<bool> {
    Some(match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Tuple(x), Value::Tuple(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !p.is(q) && !builtin_eq(p, q)? {
                    return Some(false);
                }
            }
            true
        }
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::FrozenSet(x), Value::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|(k, _)| y.contains(k).unwrap_or(false))
        }
        (Value::Range(x), Value::Range(y)) => {
            x.len() == y.len()
                && (x.is_empty() || (x.start == y.start && (x.len() == 1 || x.step == y.step)))
        }
        _ => {
            if let (Some(x), Some(y)) = (number(a), number(b)) {
                return Some(num_eq(&x, &y));
            }
            match (a, b) {
                (Value::Instance(_), _) | (_, Value::Instance(_)) => return None,
                (Value::List(_), _) | (Value::Dict(_), _) | (Value::Set(_), _) => return None,
                (_, Value::Set(_)) | (Value::DictView(_), _) | (_, Value::DictView(_)) => {
                    return None
                }
                _ => a.is(b),
            }
        }
    })
}

fn number(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(BigInt::from(*b as i64))),
        Value::Int(i) => Some(Num::Int(BigInt::from(*i))),
        Value::BigInt(b) => Some(Num::Int((**b).clone())),
        Value::Float(x) => Some(Num::Float(*x)),
        _ => None,
    }
}

fn num_eq(a: &Num, b: &Num) -> bool {
    num_cmp(a, b) == Some(Ordering::Equal)
}

fn num_cmp(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(y),
        (Num::Int(x), Num::Float(y)) => int_float_cmp(x, *y),
        (Num::Float(x), Num::Int(y)) => int_float_cmp(y, *x).map(Ordering::reverse),
    }
}

/// Exact comparison of an int with a float, as CPython does.
fn int_float_cmp(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let floor = f.floor();
    let fi = crate::dict::float_to_bigint(floor)?;
    match i.cmp(&fi) {
        Ordering::Equal if f > floor => Some(Ordering::Less),
        other => Some(other),
    }
}

/// An int value as a `BigInt`, if it is one (bools count).
pub fn as_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some((**b).clone()),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        _ => None,
    }
}

/// An int value as `i64`, if it is an int that fits.
pub fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::BigInt(b) => b.to_i64(),
        _ => None,
    }
}

/// An int or float as `f64`.
pub fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Float(x) => Some(*x),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::BigInt(b) => b.to_f64(),
        _ => None,
    }
}

fn dunder(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mul => ("__mul__", "__rmul__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::BitOr => ("__or__", "__ror__"),
        BinOp::BitXor => ("__xor__", "__rxor__"),
        BinOp::BitAnd => ("__and__", "__rand__"),
    }
}

impl Interp {
    /// The class of a value.
    pub fn type_of(&self, v: &Value) -> Rc<Class> {
        let kind = match v {
            Value::None => BuiltinType::NoneType,
            Value::Bool(_) => BuiltinType::Bool,
            Value::Int(_) | Value::BigInt(_) => BuiltinType::Int,
            Value::Float(_) => BuiltinType::Float,
            Value::Str(_) => BuiltinType::Str,
            Value::Bytes(_) => BuiltinType::Bytes,
            Value::List(_) => BuiltinType::List,
            Value::Tuple(_) => BuiltinType::Tuple,
            Value::Dict(_) => BuiltinType::Dict,
            Value::Set(_) => BuiltinType::Set,
            Value::FrozenSet(_) => BuiltinType::FrozenSet,
            Value::Range(_) => BuiltinType::Range,
            Value::Slice(_) => BuiltinType::Slice,
            Value::Function(_) => BuiltinType::Function,
            Value::Builtin(_) => BuiltinType::BuiltinFunction,
            Value::Method(_) => BuiltinType::Method,
            Value::Class(_) => BuiltinType::Type,
            Value::Instance(i) => return i.class.clone(),
            Value::Module(_) => BuiltinType::Module,
            Value::Gen(g) if g.kind == GenKind::Coroutine => BuiltinType::Coroutine,
            Value::Gen(g) if g.kind == GenKind::AsyncGenerator => BuiltinType::AsyncGenerator,
            Value::Gen(_) => BuiltinType::Generator,
            Value::Iter(_) => BuiltinType::Iterator,
            Value::DictView(view) => match view.mode {
                DictIterMode::Keys => BuiltinType::DictKeys,
                DictIterMode::Values => BuiltinType::DictValues,
                DictIterMode::Items => BuiltinType::DictItems,
            },
            Value::Future(f) if f.is_task() => BuiltinType::Task,
            Value::Future(_) => BuiltinType::Future,
            Value::Code(_) => BuiltinType::Code,
            Value::Cell(_) => BuiltinType::Cell,
            Value::Ellipsis => BuiltinType::Ellipsis,
            Value::NotImplemented => BuiltinType::NotImplemented,
        };
        self.types.get(kind)
    }

    /// The name of a value's type, for messages.
    pub fn type_name(&self, v: &Value) -> String {
        match v {
            Value::Iter(it) => match &*it.borrow() {
                IterObj::Seq {
                    seq: Value::List(_),
                    ..
                } => "list_iterator".into(),
                IterObj::Seq {
                    seq: Value::Tuple(_),
                    ..
                } => "tuple_iterator".into(),
                IterObj::Seq {
                    seq: Value::Str(_), ..
                } => "str_ascii_iterator".into(),
                IterObj::Range { .. } => "range_iterator".into(),
                IterObj::DictKeys { mode, .. } => match mode {
                    DictIterMode::Keys => "dict_keyiterator".into(),
                    DictIterMode::Values => "dict_valueiterator".into(),
                    DictIterMode::Items => "dict_itemiterator".into(),
                },
                IterObj::Enumerate { .. } => "enumerate".into(),
                IterObj::Zip { .. } => "zip".into(),
                IterObj::Map { .. } => "map".into(),
                IterObj::Filter { .. } => "filter".into(),
                IterObj::Reversed { .. } => "list_reverseiterator".into(),
                _ => "iterator".into(),
            },
            _ => self.type_of(v).name.to_string(),
        }
    }

    /// Whether `v` is an instance of `class` (through inheritance).
    pub fn isinstance(&self, v: &Value, class: &Rc<Class>) -> bool {
        self.type_of(v).is_subclass(class)
    }

    // ---- truth and equality ----

    /// `bool(v)`.
    pub fn truthy(&mut self, v: &Value) -> Raise<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(b) => !b.is_zero(),
            Value::Float(x) => *x != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) | Value::Set(d) => !d.borrow().is_empty(),
            Value::FrozenSet(d) => !d.is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::DictView(view) => !view.dict.borrow().is_empty(),
            Value::Instance(i) => {
                if let Some(m) = i.class.lookup("__bool__") {
                    let r = self.call(&m, Args::new(vec![v.clone()]))?;
                    return match r {
                        Value::Bool(b) => Ok(b),
                        other => Err(self.type_error(format!(
                            "__bool__ should return bool, returned {}",
                            self.type_name(&other)
                        ))),
                    };
                }
                if let Some(m) = i.class.lookup("__len__") {
                    let r = self.call(&m, Args::new(vec![v.clone()]))?;
                    return Ok(as_i64(&r).unwrap_or(1) != 0);
                }
                true
            }
            _ => true,
        })
    }

    /// `a == b`.
    pub fn eq(&mut self, a: &Value, b: &Value) -> Raise<bool> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Ok(x == y);
        }
        if let Some(r) = builtin_eq(a, b) {
            return Ok(r);
        }
        match (a, b) {
            (Value::List(x), Value::List(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_eq(&x, &y)
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.seq_eq(x, y),
            (Value::Dict(x), Value::Dict(y)) => {
                if x.borrow().len() != y.borrow().len() {
                    return Ok(false);
                }
                let pairs: Vec<(Value, Value)> = x
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                for (k, v) in pairs {
                    let other = y.borrow().get(&k).ok().flatten();
                    match other {
                        Some(w) => {
                            if !v.is(&w) && !self.eq(&v, &w)? {
                                return Ok(false);
                            }
                        }
                        None => return Ok(false),
                    }
                }
                Ok(true)
            }
            (Value::Set(x), Value::Set(y)) => {
                let (x, y) = (x.borrow(), y.borrow());
                Ok(x.len() == y.len() && x.iter().all(|(k, _)| y.contains(k).unwrap_or(false)))
            }
            (Value::Set(x), Value::FrozenSet(y)) | (Value::FrozenSet(y), Value::Set(x)) => {
                let x = x.borrow();
                Ok(x.len() == y.len() && x.iter().all(|(k, _)| y.contains(k).unwrap_or(false)))
            }
            _ if self.set_like_view(a) || self.set_like_view(b) => {
                if !self.is_set_like(a) || !self.is_set_like(b) {
                    return Ok(false);
                }
                let (x, y) = (self.view_as_set(a)?, self.view_as_set(b)?);
                self.eq(&x, &y)
            }
            _ => {
                if let Some(r) = self.rich_compare_dunder(a, b, "__eq__", "__eq__")? {
                    return self.truthy(&r);
                }
                Ok(a.is(b))
            }
        }
    }

    fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> Raise<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(y.iter()) {
            if !p.is(q) && !self.eq(p, q)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Tries `a.method(b)` then `b.reflected(a)` for instances; `None` if neither applies.
    fn rich_compare_dunder(
        &mut self,
        a: &Value,
        b: &Value,
        method: &str,
        reflected: &str,
    ) -> Raise<Option<Value>> {
        if let Value::Instance(i) = a {
            if let Some(m) = i.class.lookup(method) {
                let r = self.call(&m, Args::new(vec![a.clone(), b.clone()]))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        if let Value::Instance(i) = b {
            if let Some(m) = i.class.lookup(reflected) {
                let r = self.call(&m, Args::new(vec![b.clone(), a.clone()]))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    /// Orders two values for `<` and friends and for sorting.
    pub fn less_than(&mut self, a: &Value, b: &Value) -> Raise<bool> {
        let r = self.compare_op(a, CmpOp::Lt, b)?;
        self.truthy(&r)
    }

    /// A comparison operator.
    pub fn compare_op(&mut self, a: &Value, op: CmpOp, b: &Value) -> Raise<Value> {
        let result = match op {
            CmpOp::Eq => self.eq(a, b)?,
            CmpOp::NotEq => {
                if let Some(r) = self.rich_compare_dunder(a, b, "__ne__", "__ne__")? {
                    return Ok(r);
                }
                !self.eq(a, b)?
            }
            CmpOp::Is => a.is(b),
            CmpOp::IsNot => !a.is(b),
            CmpOp::In => self.contains(b, a)?,
            CmpOp::NotIn => !self.contains(b, a)?,
            CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => return self.order(a, op, b),
        };
        Ok(Value::Bool(result))
    }

    fn order(&mut self, a: &Value, op: CmpOp, b: &Value) -> Raise<Value> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Ok(Value::Bool(ordering_accepts(op, x.cmp(y))));
        }
        let accept = |o: Ordering| ordering_accepts(op, o);
        if let (Some(x), Some(y)) = (number(a), number(b)) {
            return Ok(Value::Bool(num_cmp(&x, &y).is_some_and(accept)));
        }
        if (self.set_like_view(a) || self.set_like_view(b))
            && self.is_set_like(a)
            && self.is_set_like(b)
        {
            let (x, y) = (self.view_as_set(a)?, self.view_as_set(b)?);
            return self.order(&x, op, &y);
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => return Ok(Value::Bool(accept(x.cmp(y)))),
            (Value::Bytes(x), Value::Bytes(y)) => return Ok(Value::Bool(accept(x.cmp(y)))),
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                return self.seq_order(&x, op, &y);
            }
            (Value::Tuple(x), Value::Tuple(y)) => {
                let (x, y) = (x.clone(), y.clone());
                return self.seq_order(&x, op, &y);
            }
            (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
                let (x, y) = (self.iterate(a)?, self.iterate(b)?);
                let subset = |s: &[Value], t: &Value, me: &mut Interp| -> Raise<bool> {
                    for item in s {
                        if !me.contains(t, item)? {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                };
                let r = match op {
                    CmpOp::LtE => subset(&x, b, self)?,
                    CmpOp::Lt => x.len() < y.len() && subset(&x, b, self)?,
                    CmpOp::GtE => subset(&y, a, self)?,
                    _ => y.len() < x.len() && subset(&y, a, self)?,
                };
                return Ok(Value::Bool(r));
            }
            _ => {}
        }
        let (method, reflected) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::LtE => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            _ => ("__ge__", "__le__"),
        };
        if let Some(r) = self.rich_compare_dunder(a, b, method, reflected)? {
            return Ok(r);
        }
        Err(self.type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            self.type_name(a),
            self.type_name(b)
        )))
    }

    fn seq_order(&mut self, x: &[Value], op: CmpOp, y: &[Value]) -> Raise<Value> {
        for (p, q) in x.iter().zip(y.iter()) {
            if !self.eq(p, q)? {
                return self.order(p, op, q);
            }
        }
        let o = x.len().cmp(&y.len());
        Ok(Value::Bool(match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::LtE => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            _ => o != Ordering::Less,
        }))
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> Raise<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.contains(&**sub)),
                other => Err(self.type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    self.type_name(other)
                ))),
            },
            Value::Dict(d) | Value::Set(d) => Ok(self.dict_get(d, item)?.is_some()),
            Value::FrozenSet(d) => d.contains(item).map_err(|u| self.unhashable(u)),
            Value::DictView(view) => self.view_contains(view, item),
            Value::Range(r) => Ok(
                match as_bigint(item)
                    .and_then(|b| b.to_i128())
                    .filter(|_| !matches!(item, Value::Float(_)))
                {
                    Some(i) => {
                        let n = r.len();
                        n > 0
                            && ((r.step > 0 && i >= r.start && i < r.stop)
                                || (r.step < 0 && i <= r.start && i > r.stop))
                            && (i - r.start) % r.step == 0
                    }
                    None => false,
                },
            ),
            Value::Instance(i) if i.class.lookup("__contains__").is_some() => {
                let m = i.class.lookup("__contains__").unwrap_or(Value::None);
                let r = self.call(&m, Args::new(vec![container.clone(), item.clone()]))?;
                self.truthy(&r)
            }
            _ => {
                if !self.is_iterable(container) {
                    return Err(self.type_error(format!(
                        "argument of type '{}' is not iterable",
                        self.type_name(container)
                    )));
                }
                let it = self.get_iter(container)?;
                while let Some(v) = self.next(&it)? {
                    if v.is(item) || self.eq(&v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    // ---- arithmetic ----

    /// A binary operator.
    pub fn binary_op(&mut self, a: &Value, op: BinOp, b: &Value) -> Raise<Value> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            if let Some(v) = small_int_op(*x, op, *y) {
                return Ok(v);
            }
        }
        if let Some(v) = self.builtin_binary(a, op, b)? {
            return Ok(v);
        }
        let (method, reflected) = dunder(op);
        if let Some(r) = self.rich_compare_dunder(a, b, method, reflected)? {
            return Ok(r);
        }
        Err(self.binary_type_error(a, op, b))
    }

    fn binary_type_error(&self, a: &Value, op: BinOp, b: &Value) -> Exc {
        match (a, op) {
            (Value::Str(_), BinOp::Add) => self.type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                self.type_name(b)
            )),
            (Value::List(_), BinOp::Add) => self.type_error(format!(
                "can only concatenate list (not \"{}\") to list",
                self.type_name(b)
            )),
            (Value::Tuple(_), BinOp::Add) => self.type_error(format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                self.type_name(b)
            )),
            (Value::Str(_) | Value::List(_) | Value::Tuple(_), BinOp::Mul) => {
                self.type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    self.type_name(b)
                ))
            }
            _ => {
                let symbol = if op == BinOp::Pow {
                    "** or pow()"
                } else {
                    op.symbol()
                };
                self.type_error(format!(
                    "unsupported operand type(s) for {symbol}: '{}' and '{}'",
                    self.type_name(a),
                    self.type_name(b)
                ))
            }
        }
    }

    /// An augmented assignment operator: lists extend in place, the rest is binary.
    pub fn inplace_op(&mut self, a: &Value, op: BinOp, b: &Value) -> Raise<Value> {
        match (a, op) {
            (Value::List(l), BinOp::Add) => {
                let items = self.iterate(b)?;
                l.borrow_mut().extend(items);
                Ok(a.clone())
            }
            (Value::Instance(i), _) => {
                let name = format!("__i{}", &dunder(op).0[2..]);
                if let Some(m) = i.class.lookup(&name) {
                    let r = self.call(&m, Args::new(vec![a.clone(), b.clone()]))?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
                self.binary_op(a, op, b)
            }
            _ => self.binary_op(a, op, b),
        }
    }

    fn builtin_binary(&mut self, a: &Value, op: BinOp, b: &Value) -> Raise<Option<Value>> {
        let is_num = |v: &Value| {
            matches!(
                v,
                Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_)
            )
        };
        if is_num(a) && is_num(b) {
            return self.numeric_op(a, op, b).map(Some);
        }
        Ok(match (a, op, b) {
            (Value::Bytes(x), BinOp::Add, Value::Bytes(y)) => {
                self.check_len(x.len() + y.len())?;
                Some(Value::Bytes(
                    x.iter()
                        .chain(y.iter())
                        .copied()
                        .collect::<Vec<u8>>()
                        .into(),
                ))
            }
            (Value::Bytes(x), BinOp::Mul, n) | (n, BinOp::Mul, Value::Bytes(x))
                if as_bigint(n).is_some() =>
            {
                let n = self.repeat_count(n, x.len())?;
                Some(Value::Bytes(x.repeat(n).into()))
            }
            (Value::Str(x), BinOp::Add, Value::Str(y)) => {
                self.check_len(x.len() + y.len())?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                Some(Value::str(&s))
            }
            (Value::Str(x), BinOp::Mul, n) | (n, BinOp::Mul, Value::Str(x))
                if as_i64(n).is_some() || as_bigint(n).is_some() =>
            {
                let n = self.repeat_count(n, x.len())?;
                Some(Value::str(&x.repeat(n)))
            }
            (Value::Str(fmt), BinOp::Mod, args) => {
                Some(Value::str(&self.percent_format(fmt, args)?))
            }
            (Value::List(x), BinOp::Add, Value::List(y)) => {
                let mut items = x.borrow().clone();
                items.extend(y.borrow().iter().cloned());
                Some(Value::list(items))
            }
            (Value::Tuple(x), BinOp::Add, Value::Tuple(y)) => {
                let mut items = x.to_vec();
                items.extend(y.iter().cloned());
                Some(Value::tuple(items))
            }
            (Value::List(x), BinOp::Mul, n) | (n, BinOp::Mul, Value::List(x))
                if as_bigint(n).is_some() =>
            {
                let items = x.borrow().clone();
                let n = self.repeat_count(n, items.len())?;
                Some(Value::list(repeat(&items, n)))
            }
            (Value::Tuple(x), BinOp::Mul, n) | (n, BinOp::Mul, Value::Tuple(x))
                if as_bigint(n).is_some() =>
            {
                let n = self.repeat_count(n, x.len())?;
                Some(Value::tuple(repeat(x, n)))
            }
            (
                Value::Set(_) | Value::FrozenSet(_),
                BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
                Value::Set(_) | Value::FrozenSet(_),
            ) => Some(self.set_op(a, op, b)?),
            (_, BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, _)
                if self.set_like_view(a) || self.set_like_view(b) =>
            {
                // Like CPython's `dictviews_and` and friends: both operands become sets.
                let (x, y) = (self.iterate(a)?, self.iterate(b)?);
                let (x, y) = (self.new_set(x)?, self.new_set(y)?);
                Some(self.set_op(&x, op, &y)?)
            }
            (Value::Dict(x), BinOp::BitOr, Value::Dict(y)) => {
                let mut d = x.borrow().copy();
                for (k, v) in y.borrow().iter() {
                    let _ = d.insert(k.clone(), v.clone());
                }
                Some(Value::Dict(Rc::new(RefCell::new(d))))
            }
            _ => None,
        })
    }

    fn repeat_count(&self, n: &Value, item_len: usize) -> Raise<usize> {
        let n = match as_i64(n) {
            Some(n) => n.max(0) as usize,
            None => {
                let big = as_bigint(n).unwrap_or_default();
                if big.is_negative() {
                    0
                } else {
                    return Err(self.err(
                        "OverflowError",
                        "cannot fit 'int' into an index-sized integer",
                    ));
                }
            }
        };
        self.check_len(n.saturating_mul(item_len.max(1)))?;
        Ok(n)
    }

    /// Raises `MemoryError` for containers beyond the memory budget.
    pub fn check_len(&self, len: usize) -> Raise<()> {
        if len > MAX_CONTAINER_LEN {
            return Err(self.err("MemoryError", ""));
        }
        Ok(())
    }

    fn set_op(&mut self, a: &Value, op: BinOp, b: &Value) -> Raise<Value> {
        let x = self.iterate(a)?;
        let y = self.iterate(b)?;
        let mut out = Dict::new();
        let bset = match b {
            Value::Set(d) => d.borrow().copy(),
            Value::FrozenSet(d) => d.copy(),
            _ => Dict::new(),
        };
        let aset = match a {
            Value::Set(d) => d.borrow().copy(),
            Value::FrozenSet(d) => d.copy(),
            _ => Dict::new(),
        };
        match op {
            BinOp::BitOr => {
                for v in x.into_iter().chain(y) {
                    let _ = out.insert(v, Value::None);
                }
            }
            BinOp::BitAnd => {
                for v in x {
                    if bset.contains(&v).unwrap_or(false) {
                        let _ = out.insert(v, Value::None);
                    }
                }
            }
            BinOp::Sub => {
                for v in x {
                    if !bset.contains(&v).unwrap_or(false) {
                        let _ = out.insert(v, Value::None);
                    }
                }
            }
            _ => {
                for v in x {
                    if !bset.contains(&v).unwrap_or(false) {
                        let _ = out.insert(v, Value::None);
                    }
                }
                for v in y {
                    if !aset.contains(&v).unwrap_or(false) {
                        let _ = out.insert(v, Value::None);
                    }
                }
            }
        }
        Ok(match a {
            Value::FrozenSet(_) => Value::FrozenSet(Rc::new(out)),
            _ => Value::Set(Rc::new(RefCell::new(out))),
        })
    }

    fn numeric_op(&mut self, a: &Value, op: BinOp, b: &Value) -> Raise<Value> {
        match (number(a), number(b)) {
            (Some(Num::Int(x)), Some(Num::Int(y))) => self.int_op(x, op, y),
            (Some(x), Some(y)) => {
                let x = match x {
                    Num::Float(f) => f,
                    Num::Int(i) => self.int_to_float(&i)?,
                };
                let y = match y {
                    Num::Float(f) => f,
                    Num::Int(i) => self.int_to_float(&i)?,
                };
                self.float_op(x, op, y)
            }
            _ => Err(self.binary_type_error(a, op, b)),
        }
    }

    /// Converts an int to float, raising `OverflowError` when too large.
    pub fn int_to_float(&self, i: &BigInt) -> Raise<f64> {
        match i.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(self.err("OverflowError", "int too large to convert to float")),
        }
    }

    fn int_op(&mut self, x: BigInt, op: BinOp, y: BigInt) -> Raise<Value> {
        let zero_div = || "integer division or modulo by zero";
        Ok(match op {
            BinOp::Add => Value::from_bigint(x + y),
            BinOp::Sub => Value::from_bigint(x - y),
            BinOp::Mul => {
                self.check_bits(x.bits() + y.bits())?;
                Value::from_bigint(x * y)
            }
            BinOp::Div => {
                if y.is_zero() {
                    return Err(self.err("ZeroDivisionError", "division by zero"));
                }
                Value::Float(self.int_true_div(&x, &y)?)
            }
            BinOp::FloorDiv => {
                if y.is_zero() {
                    return Err(self.err("ZeroDivisionError", zero_div()));
                }
                Value::from_bigint(x.div_floor(&y))
            }
            BinOp::Mod => {
                if y.is_zero() {
                    return Err(self.err("ZeroDivisionError", "integer modulo by zero"));
                }
                Value::from_bigint(x.mod_floor(&y))
            }
            BinOp::Pow => self.int_pow(x, y)?,
            BinOp::LShift => {
                let Some(shift) = y.to_i64() else {
                    return Err(if y.is_negative() {
                        self.value_error("negative shift count")
                    } else {
                        self.err("OverflowError", "too many digits in integer")
                    });
                };
                if shift < 0 {
                    return Err(self.value_error("negative shift count"));
                }
                if !x.is_zero() {
                    self.check_bits(x.bits() + shift as u64)?;
                }
                Value::from_bigint(x << shift as usize)
            }
            BinOp::RShift => {
                let Some(shift) = y.to_i64() else {
                    return Err(if y.is_negative() {
                        self.value_error("negative shift count")
                    } else {
                        return Ok(Value::Int(if x.is_negative() { -1 } else { 0 }));
                    });
                };
                if shift < 0 {
                    return Err(self.value_error("negative shift count"));
                }
                Value::from_bigint(x >> shift as usize)
            }
            BinOp::BitAnd => Value::from_bigint(x & y),
            BinOp::BitOr => Value::from_bigint(x | y),
            BinOp::BitXor => Value::from_bigint(x ^ y),
            BinOp::MatMul => {
                return Err(self.type_error("unsupported operand type(s) for @: 'int' and 'int'"))
            }
        })
    }

    /// Correctly rounded int / int.
    fn int_true_div(&self, x: &BigInt, y: &BigInt) -> Raise<f64> {
        if let (Some(a), Some(b)) = (x.to_i64(), y.to_i64()) {
            if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
                return Ok(a as f64 / b as f64);
            }
        }
        // Scale so the quotient has 64 significant bits, then let f64 round it.
        let shift = 64i64 - (x.bits() as i64 - y.bits() as i64);
        let (num, den) = if shift > 0 {
            (x << shift as usize, y.clone())
        } else {
            (x.clone(), y << (-shift) as usize)
        };
        let q = num / den;
        let f = q.to_f64().unwrap_or(f64::INFINITY) * 2f64.powi(-shift as i32);
        if !f.is_finite() {
            return Err(self.err(
                "OverflowError",
                "integer division result too large for a float",
            ));
        }
        Ok(f)
    }

    fn check_bits(&self, bits: u64) -> Raise<()> {
        if bits > MAX_INT_BITS {
            return Err(self.err("MemoryError", ""));
        }
        Ok(())
    }

    fn int_pow(&mut self, x: BigInt, y: BigInt) -> Raise<Value> {
        if y.is_negative() {
            if x.is_zero() {
                return Err(self.err(
                    "ZeroDivisionError",
                    "0.0 cannot be raised to a negative power",
                ));
            }
            let base = self.int_to_float(&x)?;
            let exp = y.to_f64().unwrap_or(f64::NEG_INFINITY);
            return self.float_op(base, BinOp::Pow, exp);
        }
        let magnitude_one = x.magnitude() == &num_bigint::BigUint::from(1u32);
        if x.is_zero() || magnitude_one {
            let odd = y.is_odd();
            // 0 ** n, 1 ** n and (-1) ** n never grow.
            let result = if y.is_zero() || (x.is_negative() && !odd) {
                BigInt::from(1)
            } else {
                x
            };
            return Ok(Value::from_bigint(result));
        }
        let Some(exp) = y.to_u32() else {
            return Err(self.err("MemoryError", ""));
        };
        self.check_bits(x.bits().saturating_mul(exp as u64))?;
        let host = self.big_math.clone();
        Ok(Value::from_bigint(crate::bigmath::pow(
            host.as_deref(),
            x,
            exp,
        )))
    }

    fn float_op(&mut self, x: f64, op: BinOp, y: f64) -> Raise<Value> {
        Ok(Value::Float(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::Div => {
                if y == 0.0 {
                    return Err(self.err("ZeroDivisionError", "float division by zero"));
                }
                x / y
            }
            BinOp::FloorDiv => {
                if y == 0.0 {
                    return Err(self.err("ZeroDivisionError", "float floor division by zero"));
                }
                float_divmod(x, y).0
            }
            BinOp::Mod => {
                if y == 0.0 {
                    return Err(self.err("ZeroDivisionError", "float modulo"));
                }
                float_divmod(x, y).1
            }
            BinOp::Pow => {
                if x == 0.0 && y < 0.0 {
                    return Err(self.err(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                    return Err(self.value_error("math domain error"));
                }
                let r = x.powf(y);
                if r.is_infinite() && x.is_finite() && y.is_finite() {
                    return Err(self.err("OverflowError", "(34, 'Numerical result out of range')"));
                }
                r
            }
            _ => {
                return Err(self.type_error(format!(
                    "unsupported operand type(s) for {}: 'float' and 'float'",
                    op.symbol()
                )))
            }
        }))
    }

    /// A unary operator.
    pub fn unary_op(&mut self, op: UnaryOp, v: &Value) -> Raise<Value> {
        Ok(match (op, v) {
            (UnaryOp::Not, _) => Value::Bool(!self.truthy(v)?),
            (UnaryOp::Neg, Value::Int(i)) => match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::from_bigint(-BigInt::from(*i)),
            },
            (UnaryOp::Neg, Value::BigInt(b)) => Value::from_bigint(-(**b).clone()),
            (UnaryOp::Neg, Value::Bool(b)) => Value::Int(-(*b as i64)),
            (UnaryOp::Neg, Value::Float(x)) => Value::Float(-x),
            (UnaryOp::Pos, Value::Int(_) | Value::BigInt(_) | Value::Float(_)) => v.clone(),
            (UnaryOp::Pos, Value::Bool(b)) => Value::Int(*b as i64),
            (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
            (UnaryOp::Invert, Value::BigInt(b)) => Value::from_bigint(-(**b).clone() - 1),
            (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i64)),
            (_, Value::Instance(i)) => {
                let name = match op {
                    UnaryOp::Neg => "__neg__",
                    UnaryOp::Pos => "__pos__",
                    _ => "__invert__",
                };
                match i.class.lookup(name) {
                    Some(m) => self.call(&m, Args::new(vec![v.clone()]))?,
                    None => return Err(self.unary_error(op, v)),
                }
            }
            _ => return Err(self.unary_error(op, v)),
        })
    }

    fn unary_error(&self, op: UnaryOp, v: &Value) -> Exc {
        let symbol = match op {
            UnaryOp::Neg => "unary -",
            UnaryOp::Pos => "unary +",
            UnaryOp::Invert => "unary ~",
            UnaryOp::Not => "not",
        };
        self.type_error(format!(
            "bad operand type for {symbol}: '{}'",
            self.type_name(v)
        ))
    }

    // ---- attributes ----

    /// `obj.name`.
    pub fn getattr(&mut self, obj: &Value, name: &str) -> Raise<Value> {
        match self.try_getattr(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.attribute_error(obj, name)),
        }
    }

    fn attribute_error(&self, obj: &Value, name: &str) -> Exc {
        let exc = self.bare_attribute_error(obj, name);
        // CPython's AttributeError carries `name` and `obj`; the traceback printer
        // uses them for its "Did you mean" hint.
        let mut attrs = exc.0.attrs.borrow_mut();
        attrs.insert(Rc::from("name"), Value::str(name));
        attrs.insert(Rc::from("obj"), obj.clone());
        drop(attrs);
        exc
    }

    /// The names `dir(obj)` would list, for suggestions.
    pub fn attribute_names(&self, obj: &Value) -> Vec<Rc<str>> {
        let mut names: Vec<Rc<str>> = Vec::new();
        let mut class = match obj {
            Value::Module(m) => {
                return m
                    .dict
                    .borrow()
                    .keys()
                    .iter()
                    .map(crate::interp::str_of)
                    .collect()
            }
            Value::Instance(i) => {
                names.extend(i.attrs.borrow().keys().cloned());
                Some(i.class.clone())
            }
            Value::Class(c) => Some(c.clone()),
            other => Some(self.type_of(other)),
        };
        while let Some(c) = class {
            names.extend(c.dict.borrow().keys().cloned());
            class = c.base.clone();
        }
        names.sort();
        names.dedup();
        names
    }

    fn bare_attribute_error(&self, obj: &Value, name: &str) -> Exc {
        match obj {
            Value::Module(m) => self.err(
                "AttributeError",
                format!("module '{}' has no attribute '{name}'", m.name),
            ),
            Value::Class(c) => self.err(
                "AttributeError",
                format!("type object '{}' has no attribute '{name}'", c.name),
            ),
            _ => self.err(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
            ),
        }
    }

    /// `obj.name`, or `None` when there is no such attribute.
    pub fn try_getattr(&mut self, obj: &Value, name: &str) -> Raise<Option<Value>> {
        match obj {
            Value::Instance(inst) if matches!(&*inst.payload.borrow(), Payload::Super { .. }) => {
                let (class, receiver) = match &*inst.payload.borrow() {
                    Payload::Super { class, receiver } => (class.clone(), receiver.clone()),
                    _ => return Ok(None),
                };
                let owner = match &receiver {
                    Value::Class(c) => c.clone(),
                    other => self.type_of(other),
                };
                Ok(class.lookup(name).map(|v| match (&v, &receiver) {
                    (Value::Function(_), Value::Class(_)) => v,
                    _ => self.bind(v, receiver.clone(), &owner),
                }))
            }
            Value::Instance(inst) => {
                let class_attr = inst.class.lookup(name);
                if let Some(Value::Instance(descriptor)) = &class_attr {
                    if let Payload::Property { getter, .. } = &*descriptor.payload.borrow() {
                        let getter = getter.clone();
                        return self.call(&getter, Args::new(vec![obj.clone()])).map(Some);
                    }
                }
                if let Some(v) = inst.attrs.borrow().get(name) {
                    return Ok(Some(v.clone()));
                }
                if let Some(v) = self.special_instance_attr(inst, obj, name) {
                    return Ok(Some(v));
                }
                match class_attr {
                    Some(v) => Ok(Some(self.bind(v, obj.clone(), &inst.class))),
                    None => {
                        if let Some(getattr) = inst.class.lookup("__getattr__") {
                            return self
                                .call(&getattr, Args::new(vec![obj.clone(), Value::str(name)]))
                                .map(Some);
                        }
                        Ok(None)
                    }
                }
            }
            Value::Class(c) => {
                match name {
                    "__name__" => return Ok(Some(Value::Str(c.name.clone()))),
                    "__qualname__" => return Ok(Some(Value::Str(c.qualname.clone()))),
                    "__module__" => return Ok(Some(Value::Str(c.module.clone()))),
                    "__base__" => {
                        return Ok(Some(
                            c.base.clone().map(Value::Class).unwrap_or(Value::None),
                        ))
                    }
                    "__mro__" => {
                        let mut mro = vec![Value::Class(c.clone())];
                        let mut base = c.base.clone();
                        while let Some(b) = base {
                            mro.push(Value::Class(b.clone()));
                            base = b.base.clone();
                        }
                        return Ok(Some(Value::tuple(mro)));
                    }
                    _ => {}
                }
                Ok(c.lookup(name).map(|v| match &v {
                    Value::Instance(i) => match &*i.payload.borrow() {
                        Payload::StaticMethod(f) => f.clone(),
                        Payload::ClassMethod(f) => Value::Method(Rc::new(BoundMethod {
                            receiver: obj.clone(),
                            function: f.clone(),
                        })),
                        _ => v.clone(),
                    },
                    _ => v,
                }))
            }
            Value::Module(m) => Ok(m.dict.borrow().get_str(name)),
            Value::Function(f) => Ok(match name {
                "__name__" => Some(Value::Str(f.name.borrow().clone())),
                "__qualname__" => Some(Value::Str(f.qualname.borrow().clone())),
                "__module__" => f.globals.borrow().get_str("__name__"),
                "__doc__" => Some(
                    f.code
                        .doc
                        .as_ref()
                        .map(|d| Value::Str(d.clone()))
                        .unwrap_or(Value::None),
                ),
                _ => f.attrs.borrow().get(name).cloned(),
            }),
            Value::Builtin(b) if name == "__name__" => Ok(Some(Value::Str(b.name.clone()))),
            Value::Method(m) => match name {
                "__self__" => Ok(Some(m.receiver.clone())),
                "__func__" => Ok(Some(m.function.clone())),
                _ => self.try_getattr(&m.function.clone(), name),
            },
            Value::Gen(g) => Ok(match name {
                "__name__" => Some(Value::Str(g.name.clone())),
                "__qualname__" => Some(Value::Str(g.qualname.clone())),
                _ => self
                    .type_of(obj)
                    .lookup(name)
                    .map(|v| self.bind_builtin(v, obj)),
            }),
            _ => {
                if let Some(v) = self.special_value_attr(obj, name) {
                    return Ok(Some(v));
                }
                let class = self.type_of(obj);
                Ok(class.lookup(name).map(|v| self.bind_builtin(v, obj)))
            }
        }
    }

    fn special_value_attr(&self, obj: &Value, name: &str) -> Option<Value> {
        match (obj, name) {
            (_, "__class__") => Some(Value::Class(self.type_of(obj))),
            (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "real" | "numerator") => {
                Some(obj.clone())
            }
            (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
            (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "denominator") => {
                Some(Value::Int(1))
            }
            (Value::Float(_), "real") => Some(obj.clone()),
            (Value::Float(_), "imag") => Some(Value::Float(0.0)),
            (Value::Range(r), "start") => Some(Value::from_i128(r.start)),
            (Value::Range(r), "stop") => Some(Value::from_i128(r.stop)),
            (Value::Range(r), "step") => Some(Value::from_i128(r.step)),
            (Value::Slice(s), "start") => Some(s[0].clone()),
            (Value::Slice(s), "stop") => Some(s[1].clone()),
            (Value::Slice(s), "step") => Some(s[2].clone()),
            _ => None,
        }
    }

    fn special_instance_attr(&self, inst: &Rc<Instance>, obj: &Value, name: &str) -> Option<Value> {
        match name {
            "__class__" => Some(Value::Class(inst.class.clone())),
            "__dict__" => {
                let mut d = Dict::new();
                for (k, v) in inst.attrs.borrow().iter() {
                    let _ = d.insert(Value::Str(k.clone()), v.clone());
                }
                Some(Value::Dict(Rc::new(RefCell::new(d))))
            }
            _ => {
                let _ = obj;
                match &*inst.payload.borrow() {
                    Payload::Exception(data) => match name {
                        "args" => Some(Value::tuple(data.args.clone())),
                        "__cause__" => Some(
                            data.cause
                                .as_ref()
                                .map(|e| e.value())
                                .unwrap_or(Value::None),
                        ),
                        "__context__" => Some(
                            data.context
                                .as_ref()
                                .map(|e| e.value())
                                .unwrap_or(Value::None),
                        ),
                        "__suppress_context__" => Some(Value::Bool(data.suppress_context)),
                        "__traceback__" => Some(Value::None),
                        "__notes__" => None,
                        "exceptions"
                            if self
                                .isinstance(obj, &self.types.exception("BaseExceptionGroup")) =>
                        {
                            data.args.get(1).cloned().map(|v| match v {
                                Value::List(l) => Value::tuple(l.borrow().clone()),
                                other => other,
                            })
                        }
                        "message"
                            if self
                                .isinstance(obj, &self.types.exception("BaseExceptionGroup")) =>
                        {
                            data.args.first().cloned()
                        }
                        "value" if self.isinstance(obj, &self.types.exception("StopIteration")) => {
                            Some(data.args.first().cloned().unwrap_or(Value::None))
                        }
                        _ => None,
                    },
                    Payload::Property { getter, setter } => match name {
                        "fget" => Some(getter.clone()),
                        "fset" => Some(setter.clone()),
                        _ => None,
                    },
                    _ => None,
                }
            }
        }
    }

    /// Binds a class attribute found through an instance.
    fn bind(&self, v: Value, receiver: Value, class: &Rc<Class>) -> Value {
        match &v {
            Value::Function(_) => Value::Method(Rc::new(BoundMethod {
                receiver,
                function: v,
            })),
            Value::Builtin(b) if b.receiver.is_none() => Value::Builtin(Rc::new(Builtin {
                name: b.name.clone(),
                kind: b.kind,
                receiver: Some(receiver),
            })),
            Value::Instance(i) => match &*i.payload.borrow() {
                Payload::StaticMethod(f) => f.clone(),
                Payload::ClassMethod(f) => Value::Method(Rc::new(BoundMethod {
                    receiver: Value::Class(class.clone()),
                    function: f.clone(),
                })),
                _ => v.clone(),
            },
            _ => v,
        }
    }

    fn bind_builtin(&self, v: Value, receiver: &Value) -> Value {
        match &v {
            Value::Builtin(b) if b.receiver.is_none() => Value::Builtin(Rc::new(Builtin {
                name: b.name.clone(),
                kind: b.kind,
                receiver: Some(receiver.clone()),
            })),
            Value::Function(_) => Value::Method(Rc::new(BoundMethod {
                receiver: receiver.clone(),
                function: v,
            })),
            // Class and static methods of built-in types (`{}.fromkeys`, `"".maketrans`).
            Value::Instance(i) => match &*i.payload.borrow() {
                Payload::StaticMethod(f) => f.clone(),
                Payload::ClassMethod(f) => Value::Method(Rc::new(BoundMethod {
                    receiver: Value::Class(self.type_of(receiver)),
                    function: f.clone(),
                })),
                _ => v.clone(),
            },
            _ => v,
        }
    }

    /// `obj.name = value`.
    pub fn setattr(&mut self, obj: &Value, name: &str, value: Value) -> Raise<()> {
        match obj {
            Value::Instance(inst) => {
                if let Some(Value::Instance(descriptor)) = inst.class.lookup(name) {
                    let setter = match &*descriptor.payload.borrow() {
                        Payload::Property { setter, .. } => Some(setter.clone()),
                        _ => None,
                    };
                    if let Some(setter) = setter {
                        if matches!(setter, Value::None) {
                            return Err(self.err(
                                "AttributeError",
                                format!(
                                    "property '{name}' of '{}' object has no setter",
                                    inst.class.name
                                ),
                            ));
                        }
                        self.call(&setter, Args::new(vec![obj.clone(), value]))?;
                        return Ok(());
                    }
                }
                if let Some(setattr) = inst.class.lookup("__setattr__") {
                    self.call(
                        &setattr,
                        Args::new(vec![obj.clone(), Value::str(name), value]),
                    )?;
                    return Ok(());
                }
                inst.attrs.borrow_mut().insert(Rc::from(name), value);
                Ok(())
            }
            Value::Class(c) if c.builtin.is_none() => {
                c.dict.borrow_mut().insert(Rc::from(name), value);
                Ok(())
            }
            Value::Function(f) => {
                f.attrs.borrow_mut().insert(Rc::from(name), value);
                Ok(())
            }
            Value::Module(m) => {
                let _ = m.dict.borrow_mut().insert(Value::str(name), value);
                Ok(())
            }
            Value::Class(c) => Err(self.type_error(format!(
                "cannot set '{name}' attribute of immutable type '{}'",
                c.name
            ))),
            _ => Err(self.err(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
            )),
        }
    }

    /// `del obj.name`.
    pub fn delattr(&mut self, obj: &Value, name: &str) -> Raise<()> {
        let removed = match obj {
            Value::Instance(inst) => inst.attrs.borrow_mut().remove(name).is_some(),
            Value::Class(c) => c.dict.borrow_mut().remove(name).is_some(),
            _ => false,
        };
        if removed {
            Ok(())
        } else {
            Err(self.attribute_error(obj, name))
        }
    }

    // ---- items ----

    /// Resolves a possibly negative index against a length.
    pub fn index_of(&self, index: &Value, len: usize, what: &str) -> Raise<usize> {
        let Some(i) = as_i64(index) else {
            if as_bigint(index).is_some() {
                return Err(self.err(
                    "IndexError",
                    "cannot fit 'int' into an index-sized integer".to_string(),
                ));
            }
            return Err(self.type_error(format!(
                "{what} indices must be integers or slices, not {}",
                self.type_name(index)
            )));
        };
        let len = len as i64;
        let j = if i < 0 { i + len } else { i };
        if j < 0 || j >= len {
            return Err(self.err("IndexError", format!("{what} index out of range")));
        }
        Ok(j as usize)
    }

    /// Resolves an index into a range, which may be longer than memory.
    fn range_index(&self, r: &RangeObj, index: &Value) -> Raise<i128> {
        let Some(i) = as_bigint(index).and_then(|b| b.to_i128()) else {
            return Err(self.type_error(format!(
                "range indices must be integers or slices, not {}",
                self.type_name(index)
            )));
        };
        let len = r.len();
        let j = if i < 0 { i + len } else { i };
        if j < 0 || j >= len {
            return Err(self.err("IndexError", "range object index out of range"));
        }
        Ok(j)
    }

    /// `slice.indices(len)`: start, stop, step for a sequence of `len` items.
    pub fn slice_indices(&self, slice: &[Value; 3], len: usize) -> Raise<(i64, i64, i64)> {
        let len = len as i64;
        let step = match &slice[2] {
            Value::None => 1,
            v => as_i64(v).ok_or_else(|| {
                self.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )
            })?,
        };
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let bound = |v: &Value, default: i64| -> Raise<i64> {
            match v {
                Value::None => Ok(default),
                v => {
                    let i = match as_i64(v) {
                        Some(i) => i,
                        None => match as_bigint(v) {
                            Some(b) => {
                                if b.is_negative() {
                                    i64::MIN / 2
                                } else {
                                    i64::MAX / 2
                                }
                            }
                            None => return Err(self.type_error("slice indices must be integers or None or have an __index__ method")),
                        },
                    };
                    let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
                    Ok(if i < 0 { (i + len).max(lo) } else { i.min(hi) })
                }
            }
        };
        let (start, stop) = if step < 0 {
            (bound(&slice[0], len - 1)?, bound(&slice[1], -1)?)
        } else {
            (bound(&slice[0], 0)?, bound(&slice[1], len)?)
        };
        Ok((start, stop, step))
    }

    fn slice_positions(&self, slice: &[Value; 3], len: usize) -> Raise<Vec<usize>> {
        let (start, stop, step) = self.slice_indices(slice, len)?;
        let mut out = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            out.push(i as usize);
            i += step;
        }
        Ok(out)
    }

    /// `obj[index]`.
    pub fn getitem(&mut self, obj: &Value, index: &Value) -> Raise<Value> {
        match (obj, index) {
            (Value::List(l), Value::Slice(s)) => {
                let items = l.borrow();
                let positions = self.slice_positions(s, items.len())?;
                Ok(Value::list(
                    positions.into_iter().map(|i| items[i].clone()).collect(),
                ))
            }
            (Value::List(l), _) => {
                let items = l.borrow();
                let i = self.index_of(index, items.len(), "list")?;
                Ok(items[i].clone())
            }
            (Value::Tuple(t), Value::Slice(s)) => {
                let positions = self.slice_positions(s, t.len())?;
                Ok(Value::tuple(
                    positions.into_iter().map(|i| t[i].clone()).collect(),
                ))
            }
            (Value::Tuple(t), _) => {
                let i = self.index_of(index, t.len(), "tuple")?;
                Ok(t[i].clone())
            }
            (Value::Str(s), Value::Slice(sl)) => {
                if s.is_ascii() {
                    let bytes = s.as_bytes();
                    let positions = self.slice_positions(sl, bytes.len())?;
                    let out: String = positions.into_iter().map(|i| bytes[i] as char).collect();
                    return Ok(Value::str(&out));
                }
                let chars: Vec<char> = s.chars().collect();
                let positions = self.slice_positions(sl, chars.len())?;
                Ok(Value::str(
                    &positions.into_iter().map(|i| chars[i]).collect::<String>(),
                ))
            }
            (Value::Str(s), _) => {
                if s.is_ascii() {
                    let i = self.index_of(index, s.len(), "string")?;
                    return Ok(Value::str(&s[i..i + 1]));
                }
                let chars: Vec<char> = s.chars().collect();
                let i = self.index_of(index, chars.len(), "string")?;
                Ok(Value::str(&chars[i].to_string()))
            }
            (Value::Bytes(b), Value::Slice(sl)) => {
                let positions = self.slice_positions(sl, b.len())?;
                Ok(Value::Bytes(
                    positions
                        .into_iter()
                        .map(|i| b[i])
                        .collect::<Vec<u8>>()
                        .into(),
                ))
            }
            (Value::Bytes(b), _) => {
                let i = self.index_of(index, b.len(), "index")?;
                Ok(Value::Int(b[i] as i64))
            }
            (Value::Range(r), Value::Slice(sl)) => {
                let len = usize::try_from(r.len()).unwrap_or(usize::MAX);
                let (start, stop, step) = self.slice_indices(sl, len)?;
                Ok(Value::Range(Rc::new(RangeObj {
                    start: r.item(start as i128),
                    stop: r.item(stop as i128),
                    step: r.step * step as i128,
                })))
            }
            (Value::Range(r), _) => {
                let i = self.range_index(r, index)?;
                Ok(Value::from_i128(r.item(i)))
            }
            (Value::Dict(d), _) => {
                let found = self.dict_get(d, index)?;
                match found {
                    Some(v) => Ok(v),
                    None => {
                        Err(self.new_exc(&self.types.exception("KeyError"), vec![index.clone()]))
                    }
                }
            }
            (Value::Instance(i), _) => match i.class.lookup("__getitem__") {
                Some(m) => self.call(&m, Args::new(vec![obj.clone(), index.clone()])),
                None => {
                    Err(self.type_error(format!("'{}' object is not subscriptable", i.class.name)))
                }
            },
            (Value::Class(c), _) => {
                // `list[int]` and friends are type hints: return the class itself.
                let _ = c;
                Ok(obj.clone())
            }
            _ => Err(self.type_error(format!(
                "'{}' object is not subscriptable",
                self.type_name(obj)
            ))),
        }
    }

    /// `obj[index] = value`.
    pub fn setitem(&mut self, obj: &Value, index: Value, value: Value) -> Raise<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &index {
                    let new_items = self.iterate(&value)?;
                    let len = l.borrow().len();
                    let (start, stop, step) = self.slice_indices(s, len)?;
                    if step == 1 {
                        let start = start as usize;
                        let stop = (stop.max(start as i64)) as usize;
                        l.borrow_mut().splice(start..stop, new_items);
                        return Ok(());
                    }
                    let positions = self.slice_positions(s, len)?;
                    if positions.len() != new_items.len() {
                        return Err(self.value_error(format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new_items.len(),
                            positions.len()
                        )));
                    }
                    let mut items = l.borrow_mut();
                    for (p, v) in positions.into_iter().zip(new_items) {
                        items[p] = v;
                    }
                    return Ok(());
                }
                let len = l.borrow().len();
                let i = self.index_of(&index, len, "list assignment")?;
                l.borrow_mut()[i] = value;
                Ok(())
            }
            Value::Dict(d) => self.dict_set(d, index, value),
            Value::Instance(i) => match i.class.lookup("__setitem__") {
                Some(m) => self
                    .call(&m, Args::new(vec![obj.clone(), index, value]))
                    .map(|_| ()),
                None => Err(self.type_error(format!(
                    "'{}' object does not support item assignment",
                    i.class.name
                ))),
            },
            _ => Err(self.type_error(format!(
                "'{}' object does not support item assignment",
                self.type_name(obj)
            ))),
        }
    }

    /// `del obj[index]`.
    pub fn delitem(&mut self, obj: &Value, index: &Value) -> Raise<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = index {
                    let len = l.borrow().len();
                    let mut positions = self.slice_positions(s, len)?;
                    positions.sort_unstable();
                    let mut items = l.borrow_mut();
                    for p in positions.into_iter().rev() {
                        items.remove(p);
                    }
                    return Ok(());
                }
                let len = l.borrow().len();
                let i = self.index_of(index, len, "list assignment")?;
                l.borrow_mut().remove(i);
                Ok(())
            }
            Value::Dict(d) => {
                let removed = self.dict_remove(d, index)?;
                match removed {
                    Some(_) => Ok(()),
                    None => {
                        Err(self.new_exc(&self.types.exception("KeyError"), vec![index.clone()]))
                    }
                }
            }
            Value::Instance(i) => match i.class.lookup("__delitem__") {
                Some(m) => self
                    .call(&m, Args::new(vec![obj.clone(), index.clone()]))
                    .map(|_| ()),
                None => Err(self.type_error(format!(
                    "'{}' object doesn't support item deletion",
                    i.class.name
                ))),
            },
            _ => Err(self.type_error(format!(
                "'{}' object doesn't support item deletion",
                self.type_name(obj)
            ))),
        }
    }

    // ---- iteration ----

    /// Whether `iter(v)` would succeed (without calling anything).
    pub fn is_iterable(&self, v: &Value) -> bool {
        match v {
            Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Range(_)
            | Value::Iter(_)
            | Value::DictView(_) => true,
            Value::Gen(g) => g.kind == GenKind::Generator,
            Value::Instance(i) => {
                i.class.lookup("__iter__").is_some() || i.class.lookup("__getitem__").is_some()
            }
            _ => false,
        }
    }

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value) -> Raise<Value> {
        let it = match v {
            Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) => IterObj::Seq {
                seq: v.clone(),
                index: 0,
            },
            Value::Range(r) => IterObj::Range {
                start: r.start,
                step: r.step,
                remaining: r.len(),
            },
            Value::Dict(d) => IterObj::DictKeys {
                dict: d.clone(),
                index: 0,
                expected_len: d.borrow().len(),
                mode: DictIterMode::Keys,
            },
            Value::DictView(view) => IterObj::DictKeys {
                dict: view.dict.clone(),
                index: 0,
                expected_len: view.dict.borrow().len(),
                mode: view.mode,
            },
            Value::Set(d) => IterObj::Seq {
                seq: Value::tuple(d.borrow().keys()),
                index: 0,
            },
            Value::FrozenSet(d) => IterObj::Seq {
                seq: Value::tuple(d.keys()),
                index: 0,
            },
            Value::Iter(_) => return Ok(v.clone()),
            Value::Gen(g) if g.kind == GenKind::Generator => return Ok(v.clone()),
            Value::Instance(i) => {
                if let Some(m) = i.class.lookup("__iter__") {
                    return self.call(&m, Args::new(vec![v.clone()]));
                }
                return Err(self.type_error(format!("'{}' object is not iterable", i.class.name)));
            }
            _ => {
                return Err(
                    self.type_error(format!("'{}' object is not iterable", self.type_name(v)))
                )
            }
        };
        Ok(Value::Iter(Rc::new(RefCell::new(it))))
    }

    /// `next(it)`, with `None` for exhaustion.
    pub fn next(&mut self, it: &Value) -> Raise<Option<Value>> {
        match it {
            Value::Iter(state) => self.next_builtin(state),
            Value::Gen(g) => self.gen_next(g),
            Value::Instance(i) => match i.class.lookup("__next__") {
                Some(m) => match self.call(&m, Args::new(vec![it.clone()])) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.exc_is(&e, "StopIteration") => Ok(None),
                    Err(e) => Err(e),
                },
                None => {
                    Err(self.type_error(format!("'{}' object is not an iterator", i.class.name)))
                }
            },
            _ => Err(self.type_error(format!(
                "'{}' object is not an iterator",
                self.type_name(it)
            ))),
        }
    }

    fn next_builtin(&mut self, state: &Rc<RefCell<IterObj>>) -> Raise<Option<Value>> {
        // Iterators over Python callables (map, filter) must not hold the borrow
        // while calling back into Python.
        let step = {
            let mut st = state.borrow_mut();
            match &mut *st {
                IterObj::Seq { seq, index } => {
                    let item = seq_item(seq, *index);
                    if item.is_some() {
                        *index += 1;
                    }
                    return Ok(item);
                }
                IterObj::Range {
                    start,
                    step,
                    remaining,
                } => {
                    if *remaining <= 0 {
                        return Ok(None);
                    }
                    let v = *start;
                    *start += *step;
                    *remaining -= 1;
                    return Ok(Some(Value::from_i128(v)));
                }
                IterObj::DictKeys {
                    dict,
                    index,
                    expected_len,
                    mode,
                } => {
                    let d = dict.borrow();
                    if d.len() != *expected_len {
                        *expected_len = usize::MAX;
                        drop(d);
                        return Err(
                            self.err("RuntimeError", "dictionary changed size during iteration")
                        );
                    }
                    let Some((next, k, v)) = d.entry_from(*index) else {
                        return Ok(None);
                    };
                    *index = next;
                    return Ok(Some(match mode {
                        DictIterMode::Keys => k.clone(),
                        DictIterMode::Values => v.clone(),
                        DictIterMode::Items => Value::tuple(vec![k.clone(), v.clone()]),
                    }));
                }
                IterObj::Reversed { seq, index } => {
                    if *index == 0 {
                        return Ok(None);
                    }
                    *index -= 1;
                    return Ok(seq_item(seq, *index));
                }
                IterObj::Exhausted => return Ok(None),
                IterObj::Enumerate { inner, count } => {
                    IterStep::Enumerate(inner.clone(), count.clone())
                }
                IterObj::Zip { inners, strict } => IterStep::Zip(inners.clone(), *strict),
                IterObj::Map { func, inners } => IterStep::Map(func.clone(), inners.clone()),
                IterObj::Filter { func, inner } => IterStep::Filter(func.clone(), inner.clone()),
            }
        };
        match step {
            IterStep::Enumerate(inner, count) => {
                let Some(v) = self.next(&inner)? else {
                    return Ok(None);
                };
                let next = self.binary_op(&count, BinOp::Add, &Value::Int(1))?;
                if let IterObj::Enumerate { count: c, .. } = &mut *state.borrow_mut() {
                    *c = next;
                }
                Ok(Some(Value::tuple(vec![count, v])))
            }
            IterStep::Zip(inners, strict) => {
                let mut items = Vec::with_capacity(inners.len());
                for (i, inner) in inners.iter().enumerate() {
                    match self.next(inner)? {
                        Some(v) => items.push(v),
                        None => {
                            if strict && i > 0 {
                                return Err(self.value_error(format!(
                                    "zip() argument {} is shorter than argument{} 1",
                                    i + 1,
                                    if i > 1 {
                                        format!("s 1-{i}")
                                    } else {
                                        String::new()
                                    }
                                    .replace("s 1-1", "")
                                )));
                            }
                            *state.borrow_mut() = IterObj::Exhausted;
                            return Ok(None);
                        }
                    }
                }
                if inners.is_empty() {
                    return Ok(None);
                }
                Ok(Some(Value::tuple(items)))
            }
            IterStep::Map(func, inners) => {
                let mut args = Vec::with_capacity(inners.len());
                for inner in &inners {
                    match self.next(inner)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                self.call(&func, Args::new(args)).map(Some)
            }
            IterStep::Filter(func, inner) => loop {
                let Some(v) = self.next(&inner)? else {
                    return Ok(None);
                };
                let keep = match &func {
                    Value::None => self.truthy(&v)?,
                    f => {
                        let r = self.call(f, Args::new(vec![v.clone()]))?;
                        self.truthy(&r)?
                    }
                };
                if keep {
                    return Ok(Some(v));
                }
            },
        }
    }

    /// Collects every item of an iterable.
    pub fn iterate(&mut self, v: &Value) -> Raise<Vec<Value>> {
        match v {
            Value::List(l) => Ok(l.borrow().clone()),
            Value::Tuple(t) => Ok(t.to_vec()),
            Value::Dict(d) => Ok(d.borrow().keys()),
            Value::DictView(view) => Ok(view_items(view)),
            Value::Set(d) => Ok(d.borrow().keys()),
            Value::FrozenSet(d) => Ok(d.keys()),
            Value::Range(r) => {
                self.check_len(usize::try_from(r.len()).unwrap_or(usize::MAX))?;
                Ok((0..r.len()).map(|i| Value::from_i128(r.item(i))).collect())
            }
            Value::Str(s) => Ok(s
                .chars()
                .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                .collect()),
            _ => {
                let it = self.get_iter(v)?;
                let mut out = Vec::new();
                while let Some(item) = self.next(&it)? {
                    out.push(item);
                    if out.len() > MAX_CONTAINER_LEN {
                        return Err(self.err("MemoryError", ""));
                    }
                }
                Ok(out)
            }
        }
    }

    /// A new `set` from items.
    pub fn new_set(&mut self, items: Vec<Value>) -> Raise<Value> {
        let set = Rc::new(RefCell::new(Dict::new()));
        for item in items {
            self.dict_set(&set, item, Value::None)?;
        }
        Ok(Value::Set(set))
    }

    /// The hash of a value (`hash()`), honouring `__hash__` on instances.
    pub fn hash(&mut self, v: &Value) -> Raise<i64> {
        if let Value::Instance(i) = v {
            if let Some(m) = i.class.lookup("__hash__") {
                let r = self.call(&m, Args::new(vec![v.clone()]))?;
                return as_i64(&r)
                    .ok_or_else(|| self.type_error("__hash__ method should return an integer"));
            }
        }
        crate::dict::hash_value(v)
            .map(|h| h as i64)
            .map_err(|u| self.unhashable(u))
    }

    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> Raise<usize> {
        Ok(match v {
            Value::Str(s) => {
                if s.is_ascii() {
                    s.len()
                } else {
                    s.chars().count()
                }
            }
            Value::Bytes(b) => b.len(),
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) | Value::Set(d) => d.borrow().len(),
            Value::FrozenSet(d) => d.len(),
            Value::DictView(view) => view.dict.borrow().len(),
            Value::Range(r) => usize::try_from(r.len())
                .ok()
                .filter(|&n| n <= i64::MAX as usize)
                .ok_or_else(|| {
                    self.err(
                        "OverflowError",
                        "Python int too large to convert to C ssize_t",
                    )
                })?,
            Value::Instance(i) => match i.class.lookup("__len__") {
                Some(m) => {
                    let r = self.call(&m, Args::new(vec![v.clone()]))?;
                    match as_i64(&r) {
                        Some(n) if n >= 0 => n as usize,
                        Some(_) => return Err(self.value_error("__len__() should return >= 0")),
                        None => {
                            return Err(self.type_error(format!(
                                "'{}' object cannot be interpreted as an integer",
                                self.type_name(&r)
                            )))
                        }
                    }
                }
                None => {
                    return Err(
                        self.type_error(format!("object of type '{}' has no len()", i.class.name))
                    )
                }
            },
            _ => {
                return Err(self.type_error(format!(
                    "object of type '{}' has no len()",
                    self.type_name(v)
                )))
            }
        })
    }

    /// The keyword names of `args` as a dict (for `**kwargs` collection in built-ins).
    pub fn kwargs_dict(&self, kw: Vec<(Rc<str>, Value)>) -> Value {
        let mut d = Dict::new();
        for (k, v) in kw {
            let _ = d.insert(Value::Str(k), v);
        }
        Value::Dict(Rc::new(RefCell::new(d)))
    }

    /// A string key from a value known to be a str.
    pub fn key_name(v: &Value) -> Rc<str> {
        str_of(v)
    }
}

/// The current keys, values or items of a dict view.
pub fn view_items(view: &DictView) -> Vec<Value> {
    let dict = view.dict.borrow();
    match view.mode {
        DictIterMode::Keys => dict.keys(),
        DictIterMode::Values => dict.iter().map(|(_, v)| v.clone()).collect(),
        DictIterMode::Items => dict
            .iter()
            .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
            .collect(),
    }
}

impl Interp {
    /// Whether `v` is a keys or items view (the views that act as sets).
    fn set_like_view(&self, v: &Value) -> bool {
        matches!(v, Value::DictView(view) if view.is_set_like())
    }

    /// Whether `v` compares as a set: a set, a frozenset, or a set-like view.
    fn is_set_like(&self, v: &Value) -> bool {
        matches!(v, Value::Set(_) | Value::FrozenSet(_)) || self.set_like_view(v)
    }

    /// A set-like view as a new set; other values unchanged.
    fn view_as_set(&mut self, v: &Value) -> Raise<Value> {
        match v {
            Value::DictView(view) => self.new_set(view_items(view)),
            other => Ok(other.clone()),
        }
    }

    /// `item in view`: a key lookup, a key lookup and value comparison, or a
    /// scan of the values.
    fn view_contains(&mut self, view: &DictView, item: &Value) -> Raise<bool> {
        match view.mode {
            DictIterMode::Keys => {
                let found = view.dict.borrow().contains(item);
                found.map_err(|u| self.unhashable(u))
            }
            DictIterMode::Items => {
                let Value::Tuple(pair) = item else {
                    return Ok(false);
                };
                let [key, value] = &pair[..] else {
                    return Ok(false);
                };
                let found = view.dict.borrow().get(key);
                match found.map_err(|u| self.unhashable(u))? {
                    Some(v) => Ok(v.is(value) || self.eq(&v, value)?),
                    None => Ok(false),
                }
            }
            DictIterMode::Values => {
                for v in view_items(view) {
                    if v.is(item) || self.eq(&v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }
}

enum IterStep {
    Enumerate(Value, Value),
    Zip(Vec<Value>, bool),
    Map(Value, Vec<Value>),
    Filter(Value, Value),
}

fn seq_item(seq: &Value, index: usize) -> Option<Value> {
    match seq {
        Value::List(l) => l.borrow().get(index).cloned(),
        Value::Tuple(t) => t.get(index).cloned(),
        Value::Str(s) => {
            if s.is_ascii() {
                s.get(index..index + 1).map(Value::str)
            } else {
                s.chars()
                    .nth(index)
                    .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
            }
        }
        Value::Bytes(b) => b.get(index).map(|&x| Value::Int(x as i64)),
        _ => None,
    }
}

fn repeat(items: &[Value], n: usize) -> Vec<Value> {
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    out
}

/// Python's float divmod: the remainder takes the sign of the divisor.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// Whether ordering `o` satisfies `op`, one of `<`, `<=`, `>`, `>=`.
fn ordering_accepts(op: CmpOp, o: Ordering) -> bool {
    match op {
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::LtE => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        _ => o != Ordering::Less,
    }
}

/// `x op y` for small ints, for the VM's dispatch loop
/// (`interp::fast_step`); `None` for `is`, `in` and their negations, which
/// take the general path.
#[inline(always)]
pub(crate) fn int_compare(x: i64, op: CmpOp, y: i64) -> Option<bool> {
    match op {
        CmpOp::Eq => Some(x == y),
        CmpOp::NotEq => Some(x != y),
        CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => Some(ordering_accepts(op, x.cmp(&y))),
        CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn => None,
    }
}

/// Fast paths for small ints; `None` when the result needs the general path.
/// The VM's dispatch loop calls it too (`interp::fast_step`).
#[inline(always)]
pub(crate) fn small_int_op(x: i64, op: BinOp, y: i64) -> Option<Value> {
    Some(Value::Int(match op {
        BinOp::Add => x.checked_add(y)?,
        BinOp::Sub => x.checked_sub(y)?,
        BinOp::Mul => x.checked_mul(y)?,
        BinOp::FloorDiv if y != 0 && !(x == i64::MIN && y == -1) => {
            let q = x / y;
            if x % y != 0 && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            }
        }
        BinOp::Mod if y != 0 && !(x == i64::MIN && y == -1) => {
            let r = x % y;
            if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            }
        }
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        BinOp::Div if y != 0 && x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) => {
            return Some(Value::Float(x as f64 / y as f64))
        }
        _ => return None,
    }))
}

/// Dict and set access honouring user-defined `__hash__` and `__eq__` on keys.
///
/// `Dict` itself only knows built-in equality; keys that are instances of
/// classes defining `__hash__` or `__eq__` take this slower path, which calls
/// them without holding the dict borrowed (Python code may read the dict).
impl Interp {
    /// The hash of a key whose class defines `__hash__` or `__eq__`, or `None`
    /// when built-in hashing applies.
    fn user_key_hash(&mut self, key: &Value) -> Raise<Option<u64>> {
        let Value::Instance(inst) = key else {
            return Ok(None);
        };
        if let Some(h) = inst.hash_cache.get() {
            return Ok(Some(h));
        }
        let user = |name: &str| {
            inst.class
                .lookup(name)
                .filter(|m| !matches!(m, Value::Builtin(_)))
        };
        let (hash_method, eq_method) = (user("__hash__"), user("__eq__"));
        if hash_method.is_none() && eq_method.is_none() {
            return Ok(None);
        }
        let Some(method) = hash_method else {
            // Defining __eq__ without __hash__ makes a class unhashable.
            return Err(self.type_error(format!("unhashable type: '{}'", inst.class.name)));
        };
        let result = self.call(&method, Args::new(vec![key.clone()]))?;
        let h = as_i64(&result)
            .ok_or_else(|| self.type_error("__hash__ method should return an integer"))?;
        let hash = crate::dict::hash_value(&Value::Int(h)).unwrap_or(0);
        inst.hash_cache.set(Some(hash));
        Ok(Some(hash))
    }

    fn find_user_key(
        &mut self,
        dict: &Rc<RefCell<Dict>>,
        key: &Value,
        hash: u64,
    ) -> Raise<Option<usize>> {
        let candidates = dict.borrow().candidates(hash);
        for (index, existing) in candidates {
            if existing.is(key) || self.eq(&existing, key)? {
                return Ok(Some(index));
            }
        }
        Ok(None)
    }

    /// `dict[key] = value` / `set.add(key)`.
    pub fn dict_set(&mut self, dict: &Rc<RefCell<Dict>>, key: Value, value: Value) -> Raise<()> {
        match self.user_key_hash(&key)? {
            None => dict
                .borrow_mut()
                .insert(key, value)
                .map_err(|u| self.unhashable(u)),
            Some(hash) => {
                match self.find_user_key(dict, &key, hash)? {
                    Some(index) => dict.borrow_mut().set_value_at(index, value),
                    None => dict.borrow_mut().push_hashed(hash, key, value),
                }
                Ok(())
            }
        }
    }

    /// `dict[key]` / `key in set`, without raising for a missing key.
    pub fn dict_get(&mut self, dict: &Rc<RefCell<Dict>>, key: &Value) -> Raise<Option<Value>> {
        match self.user_key_hash(key)? {
            None => dict.borrow().get(key).map_err(|u| self.unhashable(u)),
            Some(hash) => {
                let index = self.find_user_key(dict, key, hash)?;
                Ok(index.and_then(|i| dict.borrow().value_at(i)))
            }
        }
    }

    /// `del dict[key]`, returning the removed value.
    pub fn dict_remove(&mut self, dict: &Rc<RefCell<Dict>>, key: &Value) -> Raise<Option<Value>> {
        match self.user_key_hash(key)? {
            None => dict
                .borrow_mut()
                .remove(key)
                .map_err(|u| self.unhashable(u)),
            Some(hash) => {
                let index = self.find_user_key(dict, key, hash)?;
                Ok(index.and_then(|i| dict.borrow_mut().remove_at(i)))
            }
        }
    }
}

#[cfg(test)]
mod small_int_tests {
    use crate::ast::{BinOp, CmpOp};
    use crate::ops::{int_compare, small_int_op};
    use crate::value::Value;

    /// The small-int paths against CPython's answers (`python3 -c "print(-7 %
    /// 3, 7 % -3, -7 // 2, 7 // -2, -6 // 3, 6 % -3)"` prints `2 -2 -4 -4 -2
    /// 0`); what does not fit in an i64, or raises, is left to the general
    /// path.
    #[test]
    fn small_int_arithmetic_floors_as_python_does() {
        let int = |n| Some(Value::Int(n));
        let cases = [
            (-7, BinOp::Mod, 3, int(2)),
            (7, BinOp::Mod, -3, int(-2)),
            (-7, BinOp::FloorDiv, 2, int(-4)),
            (7, BinOp::FloorDiv, -2, int(-4)),
            (-6, BinOp::FloorDiv, 3, int(-2)),
            (6, BinOp::Mod, -3, int(0)),
            (i64::MIN, BinOp::FloorDiv, -1, None),
            (i64::MIN, BinOp::Mod, -1, None),
            (i64::MAX, BinOp::Add, 1, None),
            (i64::MIN, BinOp::Sub, 1, None),
            (i64::MAX, BinOp::Mul, 2, None),
            (5, BinOp::Mod, 0, None),
            (5, BinOp::FloorDiv, 0, None),
            (2, BinOp::Pow, 3, None),
            (6, BinOp::Div, 3, Some(Value::Float(2.0))),
        ];
        for (a, op, b, expected) in cases {
            assert_eq!(small_int_op(a, op, b), expected, "{a} {op:?} {b}");
        }
        assert_eq!(int_compare(2, CmpOp::LtE, 2), Some(true));
        assert_eq!(int_compare(3, CmpOp::Gt, 2), Some(true));
        assert_eq!(int_compare(3, CmpOp::NotEq, 3), Some(false));
        assert_eq!(int_compare(3, CmpOp::Is, 3), None);
    }
}
