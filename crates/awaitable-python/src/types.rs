//! The built-in classes: `object`, `int`, `str`, ..., and the exception hierarchy.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::value::{BuiltinType, Class};

/// The built-in classes, created once per interpreter.
pub struct Types {
    pub object: Rc<Class>,
    pub type_: Rc<Class>,
    by_kind: HashMap<BuiltinType, Rc<Class>>,
    exceptions: HashMap<&'static str, Rc<Class>>,
}

/// The exception hierarchy: (name, base), bases listed before their subclasses.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("Exception", "BaseException"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("CancelledError", "BaseException"),
    ("BaseExceptionGroup", "BaseException"),
    // CPython's ExceptionGroup derives from both BaseExceptionGroup and
    // Exception; with single inheritance it derives from Exception, and
    // `Class::is_subclass` adds the BaseExceptionGroup relation.
    ("ExceptionGroup", "Exception"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("TimeoutError", "OSError"),
    ("ConnectionError", "OSError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileNotFoundError", "OSError"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("InvalidStateError", "Exception"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
];

/// The Python-visible names of the built-in types.
const BUILTIN_TYPES: &[(BuiltinType, &str)] = &[
    (BuiltinType::NoneType, "NoneType"),
    (BuiltinType::Int, "int"),
    (BuiltinType::Bool, "bool"),
    (BuiltinType::Float, "float"),
    (BuiltinType::Str, "str"),
    (BuiltinType::Bytes, "bytes"),
    (BuiltinType::List, "list"),
    (BuiltinType::Tuple, "tuple"),
    (BuiltinType::Dict, "dict"),
    (BuiltinType::Set, "set"),
    (BuiltinType::FrozenSet, "frozenset"),
    (BuiltinType::Range, "range"),
    (BuiltinType::Slice, "slice"),
    (BuiltinType::Function, "function"),
    (BuiltinType::BuiltinFunction, "builtin_function_or_method"),
    (BuiltinType::Method, "method"),
    (BuiltinType::Module, "module"),
    (BuiltinType::Generator, "generator"),
    (BuiltinType::Coroutine, "coroutine"),
    (BuiltinType::AsyncGenerator, "async_generator"),
    (BuiltinType::Iterator, "iterator"),
    (BuiltinType::Future, "Future"),
    (BuiltinType::Task, "Task"),
    (BuiltinType::Code, "code"),
    (BuiltinType::Cell, "cell"),
    (BuiltinType::Ellipsis, "ellipsis"),
    (BuiltinType::NotImplemented, "NotImplementedType"),
    (BuiltinType::Property, "property"),
    (BuiltinType::StaticMethod, "staticmethod"),
    (BuiltinType::ClassMethod, "classmethod"),
    (BuiltinType::Super, "super"),
];

/// Built-in types that have no name in `builtins` (reachable only through `type(x)`).
const HIDDEN_TYPES: &[(BuiltinType, &str)] = &[
    (BuiltinType::DictKeys, "dict_keys"),
    (BuiltinType::DictValues, "dict_values"),
    (BuiltinType::DictItems, "dict_items"),
];

/// A new class object.
pub fn new_class(
    name: &str,
    base: Option<Rc<Class>>,
    builtin: Option<BuiltinType>,
    module: &str,
) -> Rc<Class> {
    Rc::new(Class {
        name: Rc::from(name),
        qualname: Rc::from(name),
        module: Rc::from(module),
        base,
        mro: RefCell::new(Vec::new()),
        dict: RefCell::new(HashMap::new()),
        builtin,
    })
}

impl Types {
    /// Creates every built-in class (without methods; `builtins` adds those).
    pub fn new() -> Types {
        let object = new_class("object", None, Some(BuiltinType::Object), "builtins");
        let type_ = new_class(
            "type",
            Some(object.clone()),
            Some(BuiltinType::Type),
            "builtins",
        );
        let mut by_kind = HashMap::new();
        by_kind.insert(BuiltinType::Object, object.clone());
        by_kind.insert(BuiltinType::Type, type_.clone());
        for &(kind, name) in BUILTIN_TYPES {
            let base = if kind == BuiltinType::Bool {
                by_kind.get(&BuiltinType::Int).cloned()
            } else {
                Some(object.clone())
            };
            let base = if kind == BuiltinType::Task {
                by_kind.get(&BuiltinType::Future).cloned()
            } else {
                base
            };
            let module = match kind {
                BuiltinType::Future | BuiltinType::Task => "asyncio",
                _ => "builtins",
            };
            by_kind.insert(kind, new_class(name, base, Some(kind), module));
        }
        for &(kind, name) in HIDDEN_TYPES {
            let class = new_class(name, Some(object.clone()), Some(kind), "builtins");
            by_kind.insert(kind, class);
        }
        let base_exception = new_class(
            "BaseException",
            Some(object.clone()),
            Some(BuiltinType::BaseException),
            "builtins",
        );
        by_kind.insert(BuiltinType::BaseException, base_exception.clone());
        let mut exceptions: HashMap<&'static str, Rc<Class>> = HashMap::new();
        exceptions.insert("BaseException", base_exception);
        for &(name, base) in EXCEPTIONS {
            let base = exceptions.get(base).cloned();
            let module = match name {
                "CancelledError" | "InvalidStateError" => "asyncio.exceptions",
                _ => "builtins",
            };
            exceptions.insert(name, new_class(name, base, None, module));
        }
        Types {
            object,
            type_,
            by_kind,
            exceptions,
        }
    }

    /// The class of a built-in type.
    pub fn get(&self, kind: BuiltinType) -> Rc<Class> {
        self.by_kind
            .get(&kind)
            .cloned()
            .unwrap_or_else(|| self.object.clone())
    }

    /// A built-in exception class by name (`"ValueError"`); unknown names give `Exception`.
    pub fn exception(&self, name: &str) -> Rc<Class> {
        self.exceptions
            .get(name)
            .or_else(|| self.exceptions.get("Exception"))
            .cloned()
            .unwrap_or_else(|| self.object.clone())
    }

    /// Every built-in exception class, by name.
    pub fn exceptions(&self) -> impl Iterator<Item = (&'static str, &Rc<Class>)> {
        self.exceptions.iter().map(|(k, v)| (*k, v))
    }

    /// Every built-in type with its name.
    pub fn builtin_types(&self) -> impl Iterator<Item = (&str, Rc<Class>)> + '_ {
        BUILTIN_TYPES
            .iter()
            .map(|&(kind, name)| (name, self.get(kind)))
            .chain([
                ("object", self.object.clone()),
                ("type", self.type_.clone()),
            ])
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}
