//! Frames and executions: the explicit state of running Python code.
//!
//! Nothing about a running function lives on the Rust stack: a frame holds its
//! instruction pointer, value stack, locals and handler blocks. A suspended
//! coroutine is just frames kept aside, which is what lets the event loop
//! interleave tasks and the host slice long computations.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::bytecode::Code;
use crate::dict::Dict;
use crate::value::{Exc, Function, GenObj, Value};

/// A closure cell: `None` while the variable is unbound.
pub type CellRef = Rc<RefCell<Option<Value>>>;

/// A runtime block of a frame.
#[derive(Clone)]
pub enum Block {
    /// An exception handler: on an exception, the stack is cut to `depth`, the
    /// exception pushed, and execution continues at `target`.
    Handler { target: usize, depth: usize },
    /// An `except`/`finally` body is running: `prev` is the exception that was
    /// being handled before, restored when the body ends.
    ExcInfo { prev: Option<Exc> },
}

/// How a frame hands its result back when it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameRole {
    /// A plain call: the result is pushed on the caller's stack.
    Call,
    /// `__init__` called by instantiation: the result must be `None` and is dropped
    /// (the instance is already on the caller's stack).
    Init,
    /// A coroutine driven by `await`: the awaited object on the caller's stack is
    /// replaced by the result.
    Await,
    /// A generator driven by `for`: a yield pushes the value on the caller's stack;
    /// a return pops the iterator and jumps to `exit`.
    ForIter { exit: u32 },
    /// An async generator driven by `await anext(...)`/`async for`: a yield replaces
    /// the awaited generator on the caller's stack with the value; a return raises
    /// `StopAsyncIteration` in the caller.
    AwaitAnext,
    /// The bottom frame of an execution: returning ends the execution.
    Base,
}

/// One activation of a code object.
pub struct Frame {
    pub code: Rc<Code>,
    pub ip: usize,
    pub stack: Vec<Value>,
    pub locals: Vec<Option<Value>>,
    /// Cell variables, then free variables.
    pub cells: Vec<CellRef>,
    pub globals: Rc<RefCell<Dict>>,
    /// The namespace of module and class bodies (`LoadName`/`StoreName`).
    pub namespace: Option<Rc<RefCell<Dict>>>,
    pub blocks: Vec<Block>,
    /// The function being run, for zero-argument `super()`.
    pub function: Option<Rc<Function>>,
    /// The generator or coroutine this frame belongs to.
    pub gen: Option<Weak<GenObj>>,
    pub role: FrameRole,
    /// A unique id, so a traceback lists a frame once even when re-raised in it.
    pub id: u64,
}

impl Frame {
    /// The line of the instruction being executed (the last one fetched).
    pub fn line(&self) -> u32 {
        let i = self
            .ip
            .saturating_sub(1)
            .min(self.code.lines.len().saturating_sub(1));
        self.code
            .lines
            .get(i)
            .copied()
            .unwrap_or(self.code.first_line)
    }
}

/// A stack of frames running on one interpreter thread: a task's coroutine, a
/// script's module code, a callback, or a nested call made by a built-in.
#[derive(Default)]
pub struct Execution {
    pub frames: Vec<Frame>,
    /// The exception being handled (`sys.exc_info()`), for implicit chaining.
    pub handled: Option<Exc>,
    /// An exception to raise at the current instruction when the execution resumes
    /// (a cancellation, an interrupt, a failed blocking call).
    pub pending_exc: Option<Exc>,
}

impl Execution {
    /// An execution starting with one frame.
    pub fn new(frame: Frame) -> Execution {
        Execution {
            frames: vec![frame],
            handled: None,
            pending_exc: None,
        }
    }

    /// Whether all its frames have returned.
    pub fn is_finished(&self) -> bool {
        self.frames.is_empty()
    }
}
