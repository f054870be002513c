//! The bytecode the compiler emits and the VM executes.
//!
//! The instruction set is a stack machine close to CPython 3.10's, which keeps
//! the compiler simple and the semantics easy to compare with the reference.

use std::rc::Rc;

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::value::Value;

/// One instruction. Operands index the code object's tables or are jump targets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Nop,
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Loads a closure cell's content (cell variables first, then free variables).
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Pushes the cell itself, to build a closure.
    LoadClosure(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Name lookups through the frame's namespace dict (module and class bodies).
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    Subscr,
    StoreSubscr,
    DeleteSubscr,
    /// Builds a slice from 2 or 3 stack values.
    BuildSlice(u32),
    PopTop,
    DupTop,
    DupTop2,
    RotTwo,
    RotThree,
    Binary(BinOp),
    InPlace(BinOp),
    Unary(UnaryOp),
    Compare(CmpOp),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Advances the iterator on top of the stack, or pops it and jumps when exhausted.
    ForIter(u32),
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    /// Builds a dict from `2 * n` stack values (key, value pairs).
    BuildMap(u32),
    /// Appends TOS to the list at stack depth `n` (1 = just below TOS).
    ListAppend(u32),
    ListExtend(u32),
    SetAdd(u32),
    SetUpdate(u32),
    MapAdd(u32),
    DictUpdate(u32),
    ListToTuple,
    UnpackSequence(u32),
    /// Unpacks with a starred target: `before` names, a list, `after` names.
    UnpackEx(u16, u16),
    /// Calls with `n` positional arguments.
    Call(u32),
    /// Calls with `n` arguments, the last ones named by the tuple constant `names`.
    CallKw(u32, u32),
    /// Calls with a tuple of arguments and, if the flag is set, a dict of keywords.
    CallEx(bool),
    /// Makes a function from a code constant; see [`MakeFunctionFlags`].
    MakeFunction(u32, MakeFunctionFlags),
    ReturnValue,
    /// Pushes an exception handler at the target; the block remembers the stack depth.
    SetupHandler(u32),
    /// Like `SetupHandler`, but the handler's stack excludes the `__enter__` result on top.
    SetupWith(u32),
    PopBlock,
    /// Ends an `except` body: restores the exception being handled before it.
    PopExcept,
    /// Re-raises the exception on top of the stack, keeping its traceback.
    Reraise,
    /// `raise`, `raise e`, `raise e from c`.
    Raise(u32),
    /// Pushes the exception on the stack as the one being handled (`sys.exc_info`).
    PushExcInfo,
    /// Pops a type (or tuple) and an exception: pushes whether they match.
    CheckExcMatch,
    /// `except*`: with `[exc, rest, type]`, splits `rest` by `type`: leaves
    /// `[exc, new_rest, matched_group, matched?]` (`matched_group` None if not).
    ExcStarMatch,
    /// Ends an `except*` chain: with `[exc, rest]`, re-raises what no clause
    /// matched, or ends the handling if everything was matched.
    ExcStarFinish,
    LoadBuildClass,
    ImportName(u32),
    ImportFrom(u32),
    GetAwaitable,
    /// Awaits TOS: runs a coroutine to its end or suspends the task on a future.
    Await,
    YieldValue,
    /// Delegates to the iterator on TOS (`yield from`).
    YieldFrom,
    /// `f"{x!r:spec}"`: conversion (0 none, 1 str, 2 repr, 3 ascii) and whether a spec is on the stack.
    FormatValue(u8, bool),
    BuildString(u32),
    /// Pops a context manager, pushes its bound `__exit__` and the result of `__enter__()`.
    BeforeWith,
    /// Pops an async context manager, pushes its bound `__aexit__` and `__aenter__()`.
    BeforeAsyncWith,
    /// Pops the exit method and pushes `exit(None, None, None)`.
    CallExitNormal,
    /// With `[exit, exc]` on the stack, pushes `exit(type(exc), exc, tb)` above the exception.
    CallExitWithExc,
    /// With `[exc, result]`: pops both and ends the handler if the result is true, re-raises otherwise.
    ExitWithExcFinish,
    /// Notebook mode: records TOS as the cell's displayed value.
    DisplayValue,
    LoadAssertionError,
    /// Pushes `iter.__aiter__()`-style async iterator (async for).
    GetAIter,
    /// Pushes the awaitable `__anext__()` of the async iterator on TOS.
    GetANext,
    /// Ends an `async for` when TOS is `StopAsyncIteration`; re-raises anything else.
    EndAsyncFor,
}

/// Which optional values `MakeFunction` pops, in this order from the top:
/// closure tuple, keyword defaults dict, positional defaults tuple.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MakeFunctionFlags {
    /// A tuple of positional defaults is on the stack.
    pub defaults: bool,
    /// A dict of keyword-only defaults is on the stack.
    pub kwdefaults: bool,
    /// A tuple of closure cells is on the stack.
    pub closure: bool,
}

/// What kind of callable a code object is the body of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// A module or a notebook cell.
    Module,
    /// A class body, run once with a namespace dict.
    Class,
    /// A plain function.
    Function,
    /// A generator function (contains `yield`).
    Generator,
    /// An `async def` function.
    Coroutine,
    /// An `async def` function containing `yield`.
    AsyncGenerator,
}

/// A compiled function, class body or module.
#[derive(Debug)]
pub struct Code {
    /// The instructions.
    pub ops: Vec<Op>,
    /// The source line of each instruction.
    pub lines: Vec<u32>,
    /// Constants referenced by `LoadConst`, `MakeFunction` and `CallKw`.
    pub consts: Vec<Value>,
    /// Names referenced by global, attribute and import instructions.
    pub names: Vec<Rc<str>>,
    /// The hash of each name ([`crate::dict::name_hash`]), for namespace
    /// lookups that hash nothing.
    pub name_hashes: Vec<u64>,
    /// Local variable names; parameters come first.
    pub varnames: Vec<Rc<str>>,
    /// Locals that nested functions capture (stored in cells).
    pub cellvars: Vec<Rc<str>>,
    /// Variables captured from enclosing functions.
    pub freevars: Vec<Rc<str>>,
    /// For each cell variable that is also a parameter, the parameter's index.
    pub cell_params: Vec<(u32, u32)>,
    /// Number of positional-or-keyword parameters.
    pub argcount: u32,
    /// Number of keyword-only parameters (they follow the positional ones).
    pub kwonlyargcount: u32,
    /// How many of the positional parameters are positional-only (before `/`).
    pub posonlyargcount: u32,
    /// Whether a `*args` parameter follows the keyword-only ones.
    pub has_varargs: bool,
    /// Whether a `**kwargs` parameter follows.
    pub has_varkw: bool,
    /// What kind of body this is.
    pub kind: CodeKind,
    /// The function's name (`<module>` for modules, `<lambda>`, `<listcomp>`...).
    pub name: Rc<str>,
    /// The dotted qualified name (`Class.method`, `f.<locals>.g`).
    pub qualname: Rc<str>,
    /// The file the code came from, for tracebacks.
    pub filename: Rc<str>,
    /// The line of the `def`.
    pub first_line: u32,
    /// Whether the body uses the name `super`, so that calls can find the class.
    pub uses_super: bool,
    /// The docstring (`__doc__`), if the body starts with a string literal.
    pub doc: Option<Rc<str>>,
}
