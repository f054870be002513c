//! `repr()`, `str()`, `format()` and `%`-formatting of values, as CPython prints them.

use std::rc::Rc;

use num_bigint::BigInt;

use crate::format;
use crate::interp::{Interp, Raise};
use crate::ops::{as_bigint, as_f64};
use crate::value::*;

/// How deep `repr` may recurse into nested containers before giving up.
const REPR_DEPTH_LIMIT: usize = 200;

/// A fake but stable address in CPython's usual range, for `<... at 0x...>`.
pub fn address_text(v: &Value) -> String {
    format!(
        "0x{:012x}",
        0x7f00_0000_0000u64 | (v.address() as u64 & 0xff_ffff_ffff)
    )
}

/// Python's `repr` of a str.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_unprintable(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Characters CPython's `str.isprintable` rejects that matter in practice.
fn is_unprintable(c: char) -> bool {
    let n = c as u32;
    (0x80..0xa0).contains(&n)
        || n == 0xad
        || (0x2028..=0x2029).contains(&n)
        || (0xd800..0xe000).contains(&n)
        || n == 0xfeff
        || (0xfff9..=0xfffb).contains(&n)
}

/// Python's `repr` of bytes.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// A method defined in Python on the instance's class (not a built-in default).
fn user_method(inst: &Rc<Instance>, name: &str) -> Option<Value> {
    inst.class
        .lookup(name)
        .filter(|m| !matches!(m, Value::Builtin(_)))
}

impl Interp {
    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> Raise<String> {
        let mut seen = Vec::new();
        self.repr_inner(v, &mut seen)
    }

    fn repr_inner(&mut self, v: &Value, seen: &mut Vec<usize>) -> Raise<String> {
        if seen.len() > REPR_DEPTH_LIMIT {
            return Err(self.err(
                "RecursionError",
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => self.int_to_string(b)?,
            Value::Float(x) => format::float_repr(*x),
            Value::Str(s) => str_repr(s),
            Value::Bytes(b) => bytes_repr(b),
            Value::List(l) => {
                let items = l.borrow().clone();
                self.container_repr(v, &items, "[", "]", seen)?
            }
            Value::Tuple(t) => {
                if t.len() == 1 {
                    format!("({},)", self.repr_inner(&t[0], seen)?)
                } else {
                    self.container_repr(v, &t.clone(), "(", ")", seen)?
                }
            }
            Value::Dict(d) => {
                if seen.contains(&v.address()) {
                    return Ok("{...}".into());
                }
                seen.push(v.address());
                let pairs: Vec<(Value, Value)> = d
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let mut parts = Vec::with_capacity(pairs.len());
                for (k, val) in pairs {
                    parts.push(format!(
                        "{}: {}",
                        self.repr_inner(&k, seen)?,
                        self.repr_inner(&val, seen)?
                    ));
                }
                seen.pop();
                format!("{{{}}}", parts.join(", "))
            }
            Value::Set(d) => {
                let keys = d.borrow().keys();
                if keys.is_empty() {
                    "set()".into()
                } else {
                    self.container_repr(v, &keys, "{", "}", seen)?
                }
            }
            Value::FrozenSet(d) => {
                let keys = d.keys();
                if keys.is_empty() {
                    "frozenset()".into()
                } else {
                    format!(
                        "frozenset({})",
                        self.container_repr(v, &keys, "{", "}", seen)?
                    )
                }
            }
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => format!(
                "slice({}, {}, {})",
                self.repr_inner(&s[0], seen)?,
                self.repr_inner(&s[1], seen)?,
                self.repr_inner(&s[2], seen)?
            ),
            Value::Function(f) => {
                format!("<function {} at {}>", f.qualname.borrow(), address_text(v))
            }
            Value::Builtin(b) => match &b.receiver {
                Some(r) => format!(
                    "<built-in method {} of {} object at {}>",
                    b.name,
                    self.type_name(r),
                    address_text(r)
                ),
                None => format!("<built-in function {}>", b.name),
            },
            Value::Method(m) => {
                let name = match &m.function {
                    Value::Function(f) => f.qualname.borrow().to_string(),
                    other => self.type_name(other),
                };
                let receiver = self.repr_inner(&m.receiver.clone(), seen)?;
                format!("<bound method {name} of {receiver}>")
            }
            Value::Class(c) => {
                if &*c.module == "builtins" {
                    format!("<class '{}'>", c.qualname)
                } else {
                    format!("<class '{}.{}'>", c.module, c.qualname)
                }
            }
            Value::Instance(i) => return self.instance_repr(v, i),
            Value::Module(m) => format!("<module '{}' (built-in)>", m.name),
            Value::Gen(g) => {
                let kind = match g.kind {
                    GenKind::Coroutine => "coroutine",
                    GenKind::Generator => "generator",
                    GenKind::AsyncGenerator => "async_generator",
                };
                format!("<{kind} object {} at {}>", g.qualname, address_text(v))
            }
            Value::Iter(_) => format!("<{} object at {}>", self.type_name(v), address_text(v)),
            Value::DictView(view) => {
                let items = crate::ops::view_items(view);
                let list = self.container_repr(v, &items, "[", "]", seen)?;
                format!("{}({list})", view.type_name())
            }
            Value::Future(f) => f.repr(self)?,
            Value::Code(c) => format!(
                "<code object {} at {}, file \"{}\", line {}>",
                c.name,
                address_text(v),
                c.filename,
                c.first_line
            ),
            Value::Cell(_) => format!("<cell at {}>", address_text(v)),
            Value::Ellipsis => "Ellipsis".into(),
            Value::NotImplemented => "NotImplemented".into(),
        })
    }

    fn container_repr(
        &mut self,
        v: &Value,
        items: &[Value],
        open: &str,
        close: &str,
        seen: &mut Vec<usize>,
    ) -> Raise<String> {
        if seen.contains(&v.address()) {
            return Ok(format!("{open}...{close}"));
        }
        seen.push(v.address());
        let mut parts = Vec::with_capacity(items.len());
        for item in items {
            parts.push(self.repr_inner(item, seen)?);
        }
        seen.pop();
        Ok(format!("{open}{}{close}", parts.join(", ")))
    }

    fn instance_repr(&mut self, v: &Value, inst: &Rc<Instance>) -> Raise<String> {
        if let Some(m) = user_method(inst, "__repr__") {
            let r = self.call(&m, Args::new(vec![v.clone()]))?;
            return match r {
                Value::Str(s) => Ok(s.to_string()),
                other => Err(self.type_error(format!(
                    "__repr__ returned non-string (type {})",
                    self.type_name(&other)
                ))),
            };
        }
        let data = match &*inst.payload.borrow() {
            Payload::Exception(d) => Some(d.args.clone()),
            _ => None,
        };
        if let Some(args) = data {
            let name = inst.class.name.clone();
            let inner = if args.len() == 1 {
                self.repr(&args[0])?
            } else {
                let mut parts = Vec::new();
                for a in &args {
                    parts.push(self.repr(a)?);
                }
                parts.join(", ")
            };
            return Ok(format!("{name}({inner})"));
        }
        match &*inst.payload.borrow() {
            Payload::Native(NativeObj::Loop(closed)) => {
                let (running, closed) = if closed.get() {
                    ("False", "True")
                } else {
                    ("True", "False")
                };
                return Ok(format!(
                    "<_UnixSelectorEventLoop running={running} closed={closed} debug=False>"
                ));
            }
            Payload::Native(NativeObj::Handle(_)) => {
                return Ok(format!("<TimerHandle at {}>", address_text(v)))
            }
            _ => {}
        }
        let module = &inst.class.module;
        Ok(format!(
            "<{}.{} object at {}>",
            module,
            inst.class.qualname,
            address_text(v)
        ))
    }

    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> Raise<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(inst) => {
                if let Some(m) = user_method(inst, "__str__") {
                    let r = self.call(&m, Args::new(vec![v.clone()]))?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(self.type_error(format!(
                            "__str__ returned non-string (type {})",
                            self.type_name(&other)
                        ))),
                    };
                }
                let args = match &*inst.payload.borrow() {
                    Payload::Exception(d) => Some(d.args.clone()),
                    _ => None,
                };
                match args {
                    Some(args) => self.exception_str(inst, &args),
                    None => self.repr(v),
                }
            }
            _ => self.repr(v),
        }
    }

    fn exception_str(&mut self, inst: &Rc<Instance>, args: &[Value]) -> Raise<String> {
        let is_key_error = inst.class.is_subclass(&self.types.exception("KeyError"));
        let is_group = inst
            .class
            .is_subclass(&self.types.exception("BaseExceptionGroup"));
        if is_group {
            let message = args
                .first()
                .map(|m| self.to_str(m))
                .transpose()?
                .unwrap_or_default();
            let count = match args.get(1) {
                Some(Value::List(l)) => l.borrow().len(),
                Some(Value::Tuple(t)) => t.len(),
                _ => 0,
            };
            let plural = if count == 1 { "" } else { "s" };
            return Ok(format!("{message} ({count} sub-exception{plural})"));
        }
        match args {
            [] => Ok(String::new()),
            [one] if is_key_error => self.repr(one),
            [one] => self.to_str(one),
            many => self.repr(&Value::tuple(many.to_vec())),
        }
    }

    /// The decimal digits of a big int, honouring `sys.set_int_max_str_digits`.
    pub fn int_to_string(&self, b: &BigInt) -> Raise<String> {
        format::check_int_to_str_limit(b, self.int_max_str_digits)
            .map_err(|e| self.format_error(e))?;
        Ok(crate::bigmath::to_decimal(self.big_math.as_deref(), b))
    }

    /// `format(v, spec)`, the engine of f-strings and `str.format`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> Raise<String> {
        let result = match v {
            Value::Bool(_) if spec.is_empty() => return self.to_str(v),
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
                if spec.is_empty() {
                    return self.to_str(v);
                }
                format::format_int(&as_bigint(v).unwrap_or_default(), spec)
            }
            Value::Float(x) => format::format_float(*x, spec),
            Value::Str(s) => format::format_str(s, spec),
            Value::Instance(i) if i.class.lookup("__format__").is_some() => {
                let m = i.class.lookup("__format__").unwrap_or(Value::None);
                let r = self.call(&m, Args::new(vec![v.clone(), Value::str(spec)]))?;
                return self.to_str(&r);
            }
            _ => {
                if !spec.is_empty() {
                    return Err(self.type_error(format!(
                        "unsupported format string passed to {}.__format__",
                        self.type_name(v)
                    )));
                }
                return self.to_str(v);
            }
        };
        result.map_err(|e| self.format_error(e))
    }

    fn format_error(&self, e: format::FormatError) -> Exc {
        self.err(e.kind.name(), e.message)
    }

    /// `fmt % args`, with arguments consumed in order as CPython does.
    pub fn percent_format(&mut self, fmt: &str, args: &Value) -> Raise<String> {
        let is_mapping = matches!(args, Value::Dict(_));
        let positional: Vec<Value> = match args {
            Value::Tuple(t) => t.to_vec(),
            other => vec![other.clone()],
        };
        let mut next = 0usize;
        let mut take = |interp: &Interp| -> Raise<Value> {
            let v = positional
                .get(next)
                .cloned()
                .ok_or_else(|| interp.format_error(format::FormatError::not_enough_arguments()))?;
            next += 1;
            Ok(v)
        };
        let mut out = String::new();
        let mut used_key = false;
        for piece in format::percent_pieces(fmt) {
            let piece = piece.map_err(|e| self.format_error(e))?;
            let mut spec = match piece {
                format::PercentPiece::Literal(text) => {
                    out.push_str(text);
                    continue;
                }
                format::PercentPiece::Conversion(spec) => spec,
            };
            if spec.width == format::PercentCount::Star {
                let w = take(self)?;
                let w = as_bigint(&w)
                    .ok_or_else(|| self.format_error(format::FormatError::star_wants_int()))?;
                spec.set_star_width(&w).map_err(|e| self.format_error(e))?;
            }
            if spec.precision == format::PercentCount::Star {
                let p = take(self)?;
                let p = as_bigint(&p)
                    .ok_or_else(|| self.format_error(format::FormatError::star_wants_int()))?;
                spec.set_star_precision(&p)
                    .map_err(|e| self.format_error(e))?;
            }
            let arg = match spec.key {
                Some(key) => {
                    used_key = true;
                    let Value::Dict(d) = args else {
                        return Err(
                            self.format_error(format::FormatError::format_requires_mapping())
                        );
                    };
                    let found = d.borrow().get(&Value::str(key)).ok().flatten();
                    found.ok_or_else(|| {
                        self.new_exc(&self.types.exception("KeyError"), vec![Value::str(key)])
                    })?
                }
                None => take(self)?,
            };
            out.push_str(&self.percent_one(&spec, &arg)?);
        }
        if next < positional.len() && !is_mapping && !used_key {
            return Err(self.format_error(format::FormatError::not_all_converted()));
        }
        Ok(out)
    }

    fn percent_one(&mut self, spec: &format::PercentSpec<'_>, arg: &Value) -> Raise<String> {
        let rendered = match spec.conversion {
            's' => {
                let s = self.to_str(arg)?;
                format::apply_percent(spec, format::PercentArg::Str(&s))
            }
            'r' | 'a' => {
                let s = self.repr(arg)?;
                format::apply_percent(spec, format::PercentArg::Str(&s))
            }
            'c' => match arg {
                Value::Str(s) => format::apply_percent(spec, format::PercentArg::Str(s)),
                other => match as_bigint(other) {
                    Some(b) => format::apply_percent(spec, format::PercentArg::Int(&b)),
                    None => {
                        let name = self.type_name(other);
                        format::apply_percent(spec, format::PercentArg::Other(&name))
                    }
                },
            },
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => match arg {
                Value::Float(x) => {
                    let truncated = crate::dict::float_to_bigint(x.trunc()).ok_or_else(|| {
                        self.err("OverflowError", "cannot convert float infinity to integer")
                    })?;
                    format::apply_percent(spec, format::PercentArg::Int(&truncated))
                }
                other => match as_bigint(other) {
                    Some(b) => format::apply_percent(spec, format::PercentArg::Int(&b)),
                    None => {
                        let name = self.type_name(other);
                        format::apply_percent(spec, format::PercentArg::Other(&name))
                    }
                },
            },
            _ => match as_f64(arg) {
                Some(x) => format::apply_percent(spec, format::PercentArg::Float(x)),
                None => {
                    let name = self.type_name(arg);
                    format::apply_percent(spec, format::PercentArg::Other(&name))
                }
            },
        };
        rendered.map_err(|e| self.format_error(e))
    }
}
