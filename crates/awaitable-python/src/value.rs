//! Python values and the objects behind them.
//!
//! Values are reference counted (`Rc`), like CPython's objects, so dropping the
//! last reference is observable at the same moment (an un-awaited coroutine
//! warns when it is dropped). Reference cycles leak; programs in a teaching
//! notebook are short-lived, so that is an accepted cost.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::rc::{Rc, Weak};

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::bytecode::Code;
use crate::dict::Dict;
use crate::frame::Frame;
use crate::future::FutureObj;
use crate::interp::Interp;

/// A Python value.
#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    /// An int that fits in 64 bits; larger ones are `BigInt`.
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<[Value]>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<Dict>>),
    FrozenSet(Rc<Dict>),
    Range(Rc<RangeObj>),
    Slice(Rc<[Value; 3]>),
    Function(Rc<Function>),
    Builtin(Rc<Builtin>),
    Method(Rc<BoundMethod>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    /// A generator or coroutine object.
    Gen(Rc<GenObj>),
    /// A built-in iterator (over a list, a range, a dict, `map`, `zip`...).
    Iter(Rc<RefCell<IterObj>>),
    /// A live view of a dict's keys, values or items (`d.keys()`).
    DictView(Rc<DictView>),
    /// An asyncio future or task.
    Future(Rc<FutureObj>),
    /// A compiled code object (a constant of `MakeFunction`).
    Code(Rc<Code>),
    /// A closure cell, only ever on the VM stack while building closures.
    Cell(Rc<RefCell<Option<Value>>>),
    Ellipsis,
    NotImplemented,
}

/// The result of any operation that may raise.
pub type PyResult<T> = Result<T, Exc>;

/// A raised exception: an instance of a `BaseException` subclass.
#[derive(Clone)]
pub struct Exc(pub Rc<Instance>);

impl fmt::Debug for Exc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} exception>", self.0.class.name)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::BigInt(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Str(s) => write!(f, "{s:?}"),
            other => write!(f, "<{}>", other.kind_name()),
        }
    }
}

impl PartialEq for Value {
    /// Identity-or-literal equality, used only for constants in tests; Python
    /// equality lives in `ops`.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::BigInt(a), Value::BigInt(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => a == b,
            _ => false,
        }
    }
}

/// `range(start, stop, step)`.
#[derive(Debug)]
pub struct RangeObj {
    pub start: i128,
    pub stop: i128,
    pub step: i128,
}

impl RangeObj {
    /// Number of elements, as Python computes it. Ranges are bounded to what
    /// `i128` holds, far beyond any range a program can iterate.
    pub fn len(&self) -> i128 {
        let (lo, hi, step) = (self.start, self.stop, self.step);
        if step > 0 && lo < hi {
            (hi - lo - 1) / step + 1
        } else if step < 0 && lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        }
    }

    /// Whether the range is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th element, without bounds checks.
    pub fn item(&self, i: i128) -> i128 {
        self.start + i * self.step
    }
}

/// A function defined in Python.
pub struct Function {
    pub code: Rc<Code>,
    pub globals: Rc<RefCell<Dict>>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Rc<str>, Value)>,
    pub closure: Vec<Rc<RefCell<Option<Value>>>>,
    /// Set when the function is a method of a class, for zero-argument `super()`.
    pub owner: RefCell<Weak<Class>>,
    pub name: RefCell<Rc<str>>,
    pub qualname: RefCell<Rc<str>>,
    /// Attributes set on the function object (`f.calls = 0`).
    pub attrs: RefCell<HashMap<Rc<str>, Value>>,
}

/// The arguments of a call to a built-in.
#[derive(Default)]
pub struct Args {
    /// Positional arguments (for a method, the receiver comes first).
    pub pos: Vec<Value>,
    /// Keyword arguments, in call order.
    pub kw: Vec<(Rc<str>, Value)>,
}

impl Args {
    /// Positional arguments only.
    pub fn new(pos: Vec<Value>) -> Args {
        Args {
            pos,
            kw: Vec::new(),
        }
    }

    /// Removes and returns the keyword argument `name`, if given.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| &**k == name)?;
        Some(self.kw.remove(i).1)
    }
}

/// A built-in function's implementation.
pub type NativeFn = fn(&mut Interp, Args) -> PyResult<Value>;

/// What calling a built-in does.
#[derive(Clone, Copy)]
pub enum BuiltinKind {
    /// Computes a value.
    Plain(NativeFn),
    /// Blocks the calling thread (`time.sleep`, `asyncio.run`, a network call):
    /// returns what to wait for; the runtime resumes the thread with the result.
    Blocking(fn(&mut Interp, Args) -> PyResult<crate::interp::Blocking>),
}

/// A function implemented in Rust, possibly bound to a receiver.
pub struct Builtin {
    pub name: Rc<str>,
    pub kind: BuiltinKind,
    /// The receiver of a bound built-in method (`"a b".split`).
    pub receiver: Option<Value>,
}

/// A Python function bound to an instance (`obj.method`).
pub struct BoundMethod {
    pub receiver: Value,
    pub function: Value,
}

/// A class: a built-in type or one defined with `class`.
pub struct Class {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub module: Rc<str>,
    pub base: Option<Rc<Class>>,
    /// The method resolution order, this class first (single inheritance: the base chain).
    pub mro: RefCell<Vec<Weak<Class>>>,
    pub dict: RefCell<HashMap<Rc<str>, Value>>,
    /// For built-in types, which values are its instances.
    pub builtin: Option<BuiltinType>,
}

/// The built-in types, so `type(x)` and `isinstance` can map values to classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltinType {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Generator,
    Coroutine,
    AsyncGenerator,
    Iterator,
    Future,
    Task,
    Code,
    Cell,
    Ellipsis,
    NotImplemented,
    /// Exceptions and other classes whose instances are `Instance`s with a payload.
    BaseException,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    DictKeys,
    DictValues,
    DictItems,
}

/// An instance of a class defined in Python, or of an exception class.
pub struct Instance {
    pub class: Rc<Class>,
    pub attrs: RefCell<HashMap<Rc<str>, Value>>,
    pub payload: RefCell<Payload>,
    /// The value of a user-defined `__hash__`, once the interpreter computed it
    /// for use as a dict key or set member (hashes of keys must not change).
    pub hash_cache: Cell<Option<u64>>,
}

/// Extra state of instances of some built-in classes.
pub enum Payload {
    None,
    Exception(ExcData),
    Property {
        getter: Value,
        setter: Value,
    },
    StaticMethod(Value),
    ClassMethod(Value),
    Super {
        class: Rc<Class>,
        receiver: Value,
    },
    /// A native object of the runtime (loop, timer handle, ...).
    Native(NativeObj),
}

/// Native objects with no Python-visible structure of their own.
pub enum NativeObj {
    /// An event loop object (`asyncio.get_running_loop()`); the flag says
    /// whether it was closed (by the end of `asyncio.run`).
    Loop(Rc<Cell<bool>>),
    /// A timer or callback handle (`loop.call_later`), cancellable.
    Handle(Rc<Cell<bool>>),
}

/// The state of an exception instance.
#[derive(Default)]
pub struct ExcData {
    pub args: Vec<Value>,
    /// Where it was raised and which frames it went through, innermost last.
    pub traceback: Vec<TracebackEntry>,
    /// The frame ids of `traceback`, so a re-raise in the same frame adds no line.
    pub traceback_frames: Vec<u64>,
    pub cause: Option<Exc>,
    pub context: Option<Exc>,
    pub suppress_context: bool,
}

/// One line of a traceback.
#[derive(Clone, Debug)]
pub struct TracebackEntry {
    pub filename: Rc<str>,
    pub line: u32,
    pub name: Rc<str>,
}

/// A module object (`asyncio`, `time`, ...).
pub struct Module {
    pub name: Rc<str>,
    pub dict: Rc<RefCell<Dict>>,
}

/// Whether a generator object is a generator or a coroutine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

/// A generator or coroutine: a suspended frame.
pub struct GenObj {
    pub kind: GenKind,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub state: RefCell<GenState>,
    /// Where the coroutine was created, for the never-awaited warning.
    pub origin: Option<TracebackEntry>,
}

/// The life cycle of a generator or coroutine.
pub enum GenState {
    /// Created and never started.
    Created(Box<Frame>),
    /// Suspended at a `yield` (or, for coroutines, parked by a task).
    Suspended(Box<Frame>),
    /// Its frame is on some thread's stack right now.
    Running,
    /// Returned or raised.
    Done,
}

impl Drop for GenObj {
    /// A coroutine dropped before it ever ran was never awaited: CPython warns.
    fn drop(&mut self) {
        if self.kind == GenKind::Coroutine {
            if let GenState::Created(_) = &*self.state.borrow() {
                crate::interp::warn_never_awaited(&self.qualname, self.origin.clone());
            }
        }
    }
}

/// The built-in iterators.
pub enum IterObj {
    Seq {
        seq: Value,
        index: usize,
    },
    Range {
        start: i128,
        step: i128,
        remaining: i128,
    },
    /// Over a dict's keys, values or items (snapshot of the keys; checks size changes).
    DictKeys {
        dict: Rc<RefCell<Dict>>,
        index: usize,
        expected_len: usize,
        mode: DictIterMode,
    },
    Enumerate {
        inner: Value,
        count: Value,
    },
    Zip {
        inners: Vec<Value>,
        strict: bool,
    },
    Map {
        func: Value,
        inners: Vec<Value>,
    },
    Filter {
        func: Value,
        inner: Value,
    },
    Reversed {
        seq: Value,
        index: usize,
    },
    /// `iter(callable, sentinel)` is not supported; this marks an exhausted iterator.
    Exhausted,
}

/// `dict.keys()`, `dict.values()` or `dict.items()`: reads the dict live, so it
/// reflects later changes.
pub struct DictView {
    /// The dict viewed.
    pub dict: Rc<RefCell<Dict>>,
    /// Whether the view shows keys, values or items.
    pub mode: DictIterMode,
}

impl DictView {
    /// The Python name of the view's type (`dict_keys`, ...).
    pub fn type_name(&self) -> &'static str {
        match self.mode {
            DictIterMode::Keys => "dict_keys",
            DictIterMode::Values => "dict_values",
            DictIterMode::Items => "dict_items",
        }
    }

    /// Whether the view behaves like a set (keys and items views do).
    pub fn is_set_like(&self) -> bool {
        self.mode != DictIterMode::Values
    }
}

/// What a dict iterator yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DictIterMode {
    Keys,
    Values,
    Items,
}

impl Value {
    /// A `str` value.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    /// An int from an `i128` (range arithmetic), kept small when it fits.
    pub fn from_i128(i: i128) -> Value {
        match i64::try_from(i) {
            Ok(small) => Value::Int(small),
            Err(_) => Value::BigInt(Rc::new(BigInt::from(i))),
        }
    }

    /// An int from a big integer, kept small when it fits.
    pub fn from_bigint(b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }

    /// A tuple value.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::from(items))
    }

    /// A list value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    /// A short name of the variant, for debugging output only.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::None => "None",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::FrozenSet(_) => "frozenset",
            Value::Range(_) => "range",
            Value::Slice(_) => "slice",
            Value::Function(_) => "function",
            Value::Builtin(_) => "builtin_function_or_method",
            Value::Method(_) => "method",
            Value::Class(_) => "type",
            Value::Instance(_) => "instance",
            Value::Module(_) => "module",
            Value::Gen(_) => "generator",
            Value::Iter(_) => "iterator",
            Value::DictView(v) => v.type_name(),
            Value::Future(_) => "Future",
            Value::Code(_) => "code",
            Value::Cell(_) => "cell",
            Value::Ellipsis => "ellipsis",
            Value::NotImplemented => "NotImplementedType",
        }
    }

    /// Whether two values are the same object (`is`).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None)
            | (Value::Ellipsis, Value::Ellipsis)
            | (Value::NotImplemented, Value::NotImplemented) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are cached in CPython (-5..=256); others are distinct objects
            // unless they came from the same constant. Comparing values is the closest
            // deterministic approximation.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::BigInt(a), Value::BigInt(b)) => Rc::ptr_eq(a, b),
            (Value::Bytes(a), Value::Bytes(b)) => Rc::ptr_eq(a, b),
            (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b),
            (Value::Tuple(a), Value::Tuple(b)) => {
                Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty())
            }
            (Value::Dict(a), Value::Dict(b)) => Rc::ptr_eq(a, b),
            (Value::Set(a), Value::Set(b)) => Rc::ptr_eq(a, b),
            (Value::FrozenSet(a), Value::FrozenSet(b)) => Rc::ptr_eq(a, b),
            (Value::Range(a), Value::Range(b)) => Rc::ptr_eq(a, b),
            (Value::Slice(a), Value::Slice(b)) => Rc::ptr_eq(a, b),
            (Value::Function(a), Value::Function(b)) => Rc::ptr_eq(a, b),
            (Value::Builtin(a), Value::Builtin(b)) => Rc::ptr_eq(a, b),
            (Value::Method(a), Value::Method(b)) => Rc::ptr_eq(a, b),
            (Value::Class(a), Value::Class(b)) => Rc::ptr_eq(a, b),
            (Value::Instance(a), Value::Instance(b)) => Rc::ptr_eq(a, b),
            (Value::Module(a), Value::Module(b)) => Rc::ptr_eq(a, b),
            (Value::Gen(a), Value::Gen(b)) => Rc::ptr_eq(a, b),
            (Value::Iter(a), Value::Iter(b)) => Rc::ptr_eq(a, b),
            (Value::DictView(a), Value::DictView(b)) => Rc::ptr_eq(a, b),
            (Value::Future(a), Value::Future(b)) => Rc::ptr_eq(a, b),
            (Value::Code(a), Value::Code(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// A stable pseudo-address for `id()` and reprs like `<coroutine object f at 0x...>`.
    pub fn address(&self) -> usize {
        match self {
            Value::Str(s) => Rc::as_ptr(s) as *const u8 as usize,
            Value::BigInt(b) => Rc::as_ptr(b) as usize,
            Value::Bytes(b) => Rc::as_ptr(b) as *const u8 as usize,
            Value::List(l) => Rc::as_ptr(l) as usize,
            Value::Tuple(t) => Rc::as_ptr(t) as *const Value as usize,
            Value::Dict(d) | Value::Set(d) => Rc::as_ptr(d) as usize,
            Value::FrozenSet(d) => Rc::as_ptr(d) as usize,
            Value::Range(r) => Rc::as_ptr(r) as usize,
            Value::Slice(s) => Rc::as_ptr(s) as *const Value as usize,
            Value::Function(f) => Rc::as_ptr(f) as usize,
            Value::Builtin(b) => Rc::as_ptr(b) as usize,
            Value::Method(m) => Rc::as_ptr(m) as usize,
            Value::Class(c) => Rc::as_ptr(c) as usize,
            Value::Instance(i) => Rc::as_ptr(i) as usize,
            Value::Module(m) => Rc::as_ptr(m) as usize,
            Value::Gen(g) => Rc::as_ptr(g) as usize,
            Value::Iter(i) => Rc::as_ptr(i) as usize,
            Value::DictView(v) => Rc::as_ptr(v) as usize,
            Value::Future(f) => Rc::as_ptr(f) as usize,
            Value::Code(c) => Rc::as_ptr(c) as usize,
            Value::Cell(c) => Rc::as_ptr(c) as usize,
            Value::Int(i) => 0x1000 + (*i as usize).wrapping_mul(32),
            Value::Float(x) => x.to_bits() as usize,
            Value::None => 0x10,
            Value::Bool(b) => 0x20 + *b as usize,
            Value::Ellipsis => 0x30,
            Value::NotImplemented => 0x40,
        }
    }
}

impl Class {
    /// Looks an attribute up along the MRO.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.dict.borrow().get(name) {
            return Some(v.clone());
        }
        let mut base = self.base.clone();
        while let Some(class) = base {
            if let Some(v) = class.dict.borrow().get(name) {
                return Some(v.clone());
            }
            base = class.base.clone();
        }
        None
    }

    /// Whether `self` is `other` or derives from it.
    pub fn is_subclass(self: &Rc<Self>, other: &Rc<Class>) -> bool {
        let mut current = Some(self.clone());
        while let Some(class) = current {
            if Rc::ptr_eq(&class, other) {
                return true;
            }
            // The second base of the built-in ExceptionGroup (see types.rs).
            if is_builtin_named(&class, "ExceptionGroup")
                && is_builtin_named(other, "BaseExceptionGroup")
            {
                return true;
            }
            current = class.base.clone();
        }
        other.builtin == Some(BuiltinType::Object)
    }

    /// The built-in type this class ultimately derives from, if any.
    pub fn builtin_base(&self) -> Option<BuiltinType> {
        if self.builtin.is_some() {
            return self.builtin;
        }
        let mut base = self.base.clone();
        while let Some(class) = base {
            if class.builtin.is_some() {
                return class.builtin;
            }
            base = class.base.clone();
        }
        None
    }
}

fn is_builtin_named(class: &Class, name: &str) -> bool {
    &*class.module == "builtins" && &*class.name == name
}

impl Exc {
    /// The exception's class.
    pub fn class(&self) -> &Rc<Class> {
        &self.0.class
    }

    /// The exception as a value.
    pub fn value(&self) -> Value {
        Value::Instance(self.0.clone())
    }

    /// Runs `f` on the exception's data.
    pub fn with_data<R>(&self, f: impl FnOnce(&mut ExcData) -> R) -> R {
        match &mut *self.0.payload.borrow_mut() {
            Payload::Exception(data) => f(data),
            other => {
                *other = Payload::Exception(ExcData::default());
                match other {
                    Payload::Exception(data) => f(data),
                    _ => unreachable!("payload was just set to Exception"),
                }
            }
        }
    }

    /// The exception's `args`.
    pub fn args(&self) -> Vec<Value> {
        self.with_data(|d| d.args.clone())
    }
}
