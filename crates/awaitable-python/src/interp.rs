//! The interpreter: executes frames, raises and unwinds exceptions, calls functions.
//!
//! `Interp::run` executes an `Execution` for a budget of instructions and stops
//! with a `Signal` saying why: the code finished, raised, awaits a future,
//! blocks on the host, or used up its budget. All state stays in the frames,
//! so any stop can be resumed later.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::bytecode::{Code, CodeKind, Op};
use crate::compiler::Mode;
use crate::dict::Dict;
use crate::frame::{Block, CellRef, Execution, Frame, FrameRole};
use crate::future::FutureObj;
use crate::ops::{int_compare, small_int_op};
use crate::types::Types;
use crate::value::*;

/// Python's default recursion limit.
pub const RECURSION_LIMIT: usize = 1000;
/// How deep built-ins may call back into Python on the Rust stack (sorting keys,
/// `__repr__`, ...). Kept low so the wasm stack never overflows.
const NESTED_CALL_LIMIT: usize = 64;
/// How many instructions calls made by built-ins may run before returning to
/// the host (a few seconds' work): such calls cannot be sliced or interrupted.
pub const NESTED_INSTRUCTION_LIMIT: u64 = 100_000_000;

/// Why a blocking built-in stopped its thread.
pub enum Blocking {
    /// `time.sleep(seconds)`: the whole thread waits; in the main thread, the loop too.
    Sleep(f64),
    /// `asyncio.run(coro)` in a script: run the loop until this task is done.
    RunUntilComplete(Rc<FutureObj>),
    /// A request the host must answer (a network fetch, ...).
    Host(crate::runtime::HostCall),
}

/// Why `Interp::run` returned.
pub enum Signal {
    /// The bottom frame returned this value.
    Finished(Value),
    /// An exception escaped the bottom frame.
    Raised(Exc),
    /// The code awaits a pending future; resume when it is done.
    Suspended(Rc<FutureObj>),
    /// The code yielded to the event loop once (`await asyncio.sleep(0)`).
    BareYield,
    /// A blocking call: resume with its result via `Execution::resume_with`.
    Blocked(Blocking),
    /// A generator run by a built-in yielded this value.
    GenYield(Value),
    /// The instruction budget ran out.
    OutOfBudget,
}

/// What resuming a generator produced.
pub enum GenStep {
    /// It yielded this value and is suspended.
    Yielded(Value),
    /// It returned this value (the `StopIteration` value).
    Returned(Value),
}

/// A stream of program output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// What an executed instruction asks the run loop to do next.
enum Flow {
    Continue,
    Stop(Signal),
}

thread_local! {
    static PENDING_WARNINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Records CPython's warning for a coroutine dropped before it ever ran; the
/// interpreter prints it to stderr at the next statement boundary.
pub fn warn_never_awaited(qualname: &str, origin: Option<TracebackEntry>) {
    let location = match origin {
        Some(o) => format!("{}:{}", o.filename, o.line),
        None => "sys:1".to_string(),
    };
    let text = format!("{location}: RuntimeWarning: coroutine '{qualname}' was never awaited\n");
    PENDING_WARNINGS.with(|w| w.borrow_mut().push(text));
}

/// The interpreter state shared by every thread of a program.
pub struct Interp {
    pub types: Types,
    pub builtins: Rc<RefCell<Dict>>,
    pub modules: HashMap<String, Value>,
    /// Source text by file name, for tracebacks.
    pub sources: HashMap<Rc<str>, Rc<str>>,
    /// The digit limit of int/str conversions (0 = none).
    pub int_max_str_digits: usize,
    /// Set by the host to interrupt the running code with `KeyboardInterrupt`.
    pub interrupt_requested: bool,
    /// The value of the last `DisplayValue` (notebook mode).
    pub displayed: Option<Value>,
    /// Script or notebook cell semantics.
    pub mode: Mode,
    /// The asyncio event loop's state.
    pub aio: crate::aio::Aio,
    /// The Wikipedia API base URL (`{lang}` is replaced); `None` for Wikipedia itself.
    pub wikipedia_endpoint: Option<String>,
    /// State of the `random` module.
    pub rng: crate::builtins::Rng,
    /// Huge-integer arithmetic lent by the host (the browser's `BigInt`).
    pub big_math: Option<Rc<dyn crate::bigmath::BigMath>>,
    next_frame_id: u64,
    nested_calls: usize,
    /// Instructions left to nested calls before control returns to the host.
    nested_budget: u64,
    /// The allowance of nested calls between returns to the host (see
    /// [`NESTED_INSTRUCTION_LIMIT`]); tests lower it.
    pub nested_limit: u64,
}

/// The value of a Python exception raised as a Rust `Err`.
pub type Raise<T> = Result<T, Exc>;

impl Interp {
    /// A fresh interpreter with the built-in modules.
    pub fn new(mode: Mode) -> Interp {
        // Warnings from coroutines of an interpreter dropped earlier on this thread
        // belong to nobody now.
        PENDING_WARNINGS.with(|w| w.borrow_mut().clear());
        let types = Types::new();
        let mut interp = Interp {
            builtins: Rc::new(RefCell::new(Dict::new())),
            types,
            modules: HashMap::new(),
            sources: HashMap::new(),
            int_max_str_digits: 0,
            interrupt_requested: false,
            displayed: None,
            mode,
            aio: crate::aio::Aio::default(),
            rng: crate::builtins::Rng::new(0),
            big_math: None,
            wikipedia_endpoint: None,
            next_frame_id: 0,
            nested_calls: 0,
            nested_budget: NESTED_INSTRUCTION_LIMIT,
            nested_limit: NESTED_INSTRUCTION_LIMIT,
        };
        crate::builtins::install(&mut interp);
        interp
    }

    // ---- output ----

    /// Writes program output: an event, timed, in order with the loop's other events.
    pub fn write(&mut self, stream: Stream, text: &str) {
        if !text.is_empty() {
            let cell = self.aio.current_origin_cell();
            self.aio.event(crate::events::EventKind::Output {
                stream,
                text: text.to_string(),
                cell,
            });
        }
    }

    /// Moves pending never-awaited warnings to stderr.
    pub fn flush_warnings(&mut self) {
        let warnings = PENDING_WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()));
        for w in warnings {
            let mut text = w;
            if let Some(line) = self.source_line_for_warning(&text) {
                text.push_str(&format!("  {line}\n"));
            }
            text.push_str(
                "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n",
            );
            self.write(Stream::Stderr, &text);
        }
    }

    fn source_line_for_warning(&self, warning: &str) -> Option<String> {
        let location = warning.split(": RuntimeWarning").next()?;
        let (file, line) = location.rsplit_once(':')?;
        let line: usize = line.parse().ok()?;
        let source = self.sources.get(file)?;
        source
            .lines()
            .nth(line.checked_sub(1)?)
            .map(|l| l.trim().to_string())
    }

    // ---- exceptions ----

    /// A new exception of the built-in class `name` with one message argument.
    pub fn err(&self, name: &str, message: impl Into<String>) -> Exc {
        let class = self.types.exception(name);
        self.new_exc(&class, vec![Value::str(&message.into())])
    }

    /// A new exception instance of `class` with `args`.
    pub fn new_exc(&self, class: &Rc<Class>, args: Vec<Value>) -> Exc {
        let data = ExcData {
            args,
            ..ExcData::default()
        };
        Exc(Rc::new(Instance {
            class: class.clone(),
            attrs: RefCell::new(HashMap::new()),
            payload: RefCell::new(Payload::Exception(data)),
            hash_cache: Default::default(),
        }))
    }

    /// `TypeError(message)`.
    pub fn type_error(&self, message: impl Into<String>) -> Exc {
        self.err("TypeError", message)
    }

    /// `ValueError(message)`.
    pub fn value_error(&self, message: impl Into<String>) -> Exc {
        self.err("ValueError", message)
    }

    /// Whether `exc` is an instance of the built-in exception class `name`.
    pub fn exc_is(&self, exc: &Exc, name: &str) -> bool {
        exc.class().is_subclass(&self.types.exception(name))
    }

    // ---- running ----

    fn new_frame_id(&mut self) -> u64 {
        self.next_frame_id += 1;
        self.next_frame_id
    }

    /// A frame for module-level code with `globals` as its namespace.
    pub fn module_frame(&mut self, code: Rc<Code>, globals: Rc<RefCell<Dict>>) -> Frame {
        let id = self.new_frame_id();
        Frame {
            locals: Vec::new(),
            cells: Vec::new(),
            stack: Vec::with_capacity(8),
            ip: 0,
            namespace: Some(globals.clone()),
            globals,
            blocks: Vec::new(),
            function: None,
            gen: None,
            role: FrameRole::Base,
            id,
            code,
        }
    }

    /// Runs `exec` for at most `budget` instructions.
    pub fn run(&mut self, exec: &mut Execution, budget: &mut u64) -> Signal {
        if let Some(exc) = exec.pending_exc.take() {
            if let Some(signal) = self.unwind(exec, exc) {
                return signal;
            }
        }
        loop {
            if *budget == 0 {
                return Signal::OutOfBudget;
            }
            *budget -= 1;
            if self.interrupt_requested {
                self.interrupt_requested = false;
                let exc = self.err("KeyboardInterrupt", "");
                exc.with_data(|d| d.args.clear());
                if let Some(signal) = self.unwind(exec, exc) {
                    return signal;
                }
                continue;
            }
            let Some(frame) = exec.frames.last_mut() else {
                return Signal::Finished(Value::None);
            };
            // Instructions `fast_step` does, in a row, without leaving the
            // frame; each still costs one unit of the budget.
            let op = loop {
                let Some(&op) = frame.code.ops.get(frame.ip) else {
                    return Signal::Raised(
                        self.err("SystemError", "instruction pointer out of range"),
                    );
                };
                frame.ip += 1;
                if !fast_step(frame, op) {
                    break op;
                }
                if *budget == 0 {
                    return Signal::OutOfBudget;
                }
                *budget -= 1;
            };
            match self.step(exec, op) {
                Ok(Flow::Continue) => {}
                Ok(Flow::Stop(signal)) => return signal,
                Err(exc) => {
                    if let Some(signal) = self.unwind(exec, exc) {
                        return signal;
                    }
                }
            }
        }
    }

    /// Runs a one-frame execution to its end on the Rust stack (a call made by a
    /// built-in). Blocking or awaiting there is an error, not a suspension.
    pub fn run_nested(&mut self, frame: Frame) -> Raise<Value> {
        if self.nested_calls >= NESTED_CALL_LIMIT {
            return Err(self.err("RecursionError", "maximum recursion depth exceeded"));
        }
        let mut exec = Execution::new(frame);
        let signal = self.run_nested_execution(&mut exec);
        match signal {
            Signal::Finished(v) => Ok(v),
            Signal::Raised(e) => Err(e),
            Signal::Blocked(_) => Err(self.err("RuntimeError", "a blocking call (such as time.sleep) cannot run inside a call made by a built-in function")),
            Signal::Suspended(_) | Signal::BareYield => Err(self.err("RuntimeError", "cannot await inside a call made by a built-in function")),
            Signal::GenYield(_) => Err(self.err("RuntimeError", "unexpected yield")),
            Signal::OutOfBudget => Err(self.nested_budget_error()),
        }
    }

    /// Runs an execution on the Rust stack for a built-in. The host cannot get
    /// control back in the middle of such a call, so all nested calls made
    /// before returning to the host share one instruction allowance.
    fn run_nested_execution(&mut self, exec: &mut Execution) -> Signal {
        if self.nested_calls == 0 {
            self.nested_budget = self.nested_limit;
        }
        self.nested_calls += 1;
        let mut budget = self.nested_budget;
        let signal = self.run(exec, &mut budget);
        self.nested_budget = budget;
        self.nested_calls -= 1;
        signal
    }

    fn nested_budget_error(&self) -> Exc {
        self.err(
            "RuntimeError",
            format!(
                "a call made by a built-in (a key function, __repr__, __eq__, a class body...) ran {} instructions without returning; Awaitable stops it so the page stays responsive",
                self.nested_limit
            ),
        )
    }

    /// Pushes a value as the result of the blocking call the execution is suspended in.
    pub fn resume_with(&mut self, exec: &mut Execution, result: Raise<Value>) {
        match result {
            Ok(value) => {
                if let Some(frame) = exec.frames.last_mut() {
                    frame.stack.push(value);
                }
            }
            Err(exc) => exec.pending_exc = Some(exc),
        }
    }

    /// Unwinds to the nearest handler; returns a signal if the exception escaped.
    fn unwind(&mut self, exec: &mut Execution, exc: Exc) -> Option<Signal> {
        if let Some(handled) = &exec.handled {
            if !Rc::ptr_eq(&handled.0, &exc.0) {
                exc.with_data(|d| {
                    if d.context.is_none() {
                        d.context = Some(handled.clone());
                    }
                });
            }
        }
        loop {
            let Some(frame) = exec.frames.last_mut() else {
                return Some(Signal::Raised(exc));
            };
            add_traceback(&exc, frame);
            while let Some(block) = frame.blocks.pop() {
                match block {
                    Block::ExcInfo { prev } => exec.handled = prev,
                    Block::Handler { target, depth } => {
                        frame.stack.truncate(depth);
                        frame.stack.push(exc.value());
                        frame.ip = target;
                        return None;
                    }
                }
            }
            let frame = exec.frames.pop().expect("frame checked above");
            self.frame_done(&frame);
            if frame.role == FrameRole::Base {
                return Some(Signal::Raised(exc));
            }
        }
    }

    fn frame_done(&mut self, frame: &Frame) {
        if let Some(gen) = frame.gen.as_ref().and_then(|g| g.upgrade()) {
            *gen.state.borrow_mut() = GenState::Done;
        }
    }

    /// Python's recursion limit on the running execution; executions suspended
    /// under nested calls by built-ins count roughly, as those are capped anyway.
    fn check_depth(&self, exec: &Execution) -> Raise<()> {
        if exec.frames.len() + self.nested_calls * 4 >= RECURSION_LIMIT {
            return Err(self.err("RecursionError", "maximum recursion depth exceeded"));
        }
        Ok(())
    }

    /// Executes one instruction that [`fast_step`] declined: `run` offers it
    /// every instruction first, so the cases it always does are not repeated
    /// here, and names reach this only when the frame's namespaces lack them.
    fn step(&mut self, exec: &mut Execution, op: Op) -> Raise<Flow> {
        let frame = exec.frames.last_mut().expect("run checks for a frame");
        match op {
            Op::Nop => {}
            Op::LoadConst(_)
            | Op::StoreFast(_)
            | Op::StoreName(_)
            | Op::StoreGlobal(_)
            | Op::Jump(_) => {
                fast_step(frame, op);
            }
            Op::LoadFast(i) => match &frame.locals[i as usize] {
                Some(v) => {
                    let v = v.clone();
                    frame.stack.push(v);
                }
                None => {
                    let name = frame.code.varnames[i as usize].clone();
                    return Err(self.err("UnboundLocalError", format!("cannot access local variable '{name}' where it is not associated with a value")));
                }
            },
            Op::DeleteFast(i) => {
                if frame.locals[i as usize].take().is_none() {
                    let name = frame.code.varnames[i as usize].clone();
                    return Err(self.err("UnboundLocalError", format!("cannot access local variable '{name}' where it is not associated with a value")));
                }
            }
            Op::LoadDeref(i) => {
                let value = frame.cells[i as usize].borrow().clone();
                match value {
                    Some(v) => frame.stack.push(v),
                    None => {
                        let name = deref_name(&frame.code, i);
                        return Err(self.err("NameError", format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope")));
                    }
                }
            }
            Op::StoreDeref(i) => {
                let v = pop(frame);
                *frame.cells[i as usize].borrow_mut() = Some(v);
            }
            Op::DeleteDeref(i) => {
                frame.cells[i as usize].borrow_mut().take();
            }
            Op::LoadClosure(i) => {
                let cell = frame.cells[i as usize].clone();
                frame.stack.push(Value::Cell(cell));
            }
            // Not in the frame's namespaces (`fast_step` looked): a builtin.
            Op::LoadGlobal(i) | Op::LoadName(i) => {
                let name = frame.code.names[i as usize].clone();
                let hash = frame.code.name_hashes[i as usize];
                let Some(v) = self.builtins.borrow().get_name(&name, hash) else {
                    return Err(self.name_error(frame, &name));
                };
                frame.stack.push(v);
            }
            Op::DeleteGlobal(i) => {
                let name = frame.code.names[i as usize].clone();
                let removed = frame
                    .globals
                    .borrow_mut()
                    .remove(&Value::Str(name.clone()))
                    .ok()
                    .flatten();
                if removed.is_none() {
                    return Err(self.err("NameError", format!("name '{name}' is not defined")));
                }
            }
            Op::DeleteName(i) => {
                let name = frame.code.names[i as usize].clone();
                let ns = frame
                    .namespace
                    .clone()
                    .unwrap_or_else(|| frame.globals.clone());
                let removed = ns
                    .borrow_mut()
                    .remove(&Value::Str(name.clone()))
                    .ok()
                    .flatten();
                if removed.is_none() {
                    return Err(self.err("NameError", format!("name '{name}' is not defined")));
                }
            }
            Op::LoadAttr(i) => {
                let name = frame.code.names[i as usize].clone();
                let obj = pop(frame);
                let v = self.getattr(&obj, &name)?;
                push(exec, v);
            }
            Op::StoreAttr(i) => {
                let name = frame.code.names[i as usize].clone();
                let obj = pop(frame);
                let v = pop(frame);
                self.setattr(&obj, &name, v)?;
            }
            Op::DeleteAttr(i) => {
                let name = frame.code.names[i as usize].clone();
                let obj = pop(frame);
                self.delattr(&obj, &name)?;
            }
            Op::Subscr => {
                let index = pop(frame);
                let obj = pop(frame);
                let v = self.getitem(&obj, &index)?;
                push(exec, v);
            }
            Op::StoreSubscr => {
                let index = pop(frame);
                let obj = pop(frame);
                let v = pop(frame);
                self.setitem(&obj, index, v)?;
            }
            Op::DeleteSubscr => {
                let index = pop(frame);
                let obj = pop(frame);
                self.delitem(&obj, &index)?;
            }
            Op::BuildSlice(n) => {
                let step = if n == 3 { pop(frame) } else { Value::None };
                let upper = pop(frame);
                let lower = pop(frame);
                frame
                    .stack
                    .push(Value::Slice(Rc::new([lower, upper, step])));
            }
            Op::PopTop => {
                frame.stack.pop();
                self.flush_warnings();
            }
            Op::DupTop => {
                let v = top(frame).clone();
                frame.stack.push(v);
            }
            Op::DupTop2 => {
                let n = frame.stack.len();
                let a = frame.stack[n - 2].clone();
                let b = frame.stack[n - 1].clone();
                frame.stack.push(a);
                frame.stack.push(b);
            }
            Op::RotTwo => {
                let n = frame.stack.len();
                frame.stack.swap(n - 1, n - 2);
            }
            Op::RotThree => {
                let v = pop(frame);
                let n = frame.stack.len();
                frame.stack.insert(n - 2, v);
            }
            Op::Binary(op) => {
                let right = pop(frame);
                let left = pop(frame);
                let v = self.binary_op(&left, op, &right)?;
                push(exec, v);
            }
            Op::InPlace(op) => {
                let right = pop(frame);
                let left = pop(frame);
                let v = self.inplace_op(&left, op, &right)?;
                push(exec, v);
            }
            Op::Unary(op) => {
                let v = pop(frame);
                let r = self.unary_op(op, &v)?;
                push(exec, r);
            }
            Op::Compare(op) => {
                let right = pop(frame);
                let left = pop(frame);
                let v = self.compare_op(&left, op, &right)?;
                push(exec, v);
            }
            Op::PopJumpIfFalse(t) => {
                let v = pop(frame);
                if !self.truthy(&v)? {
                    current(exec).ip = t as usize;
                }
            }
            Op::PopJumpIfTrue(t) => {
                let v = pop(frame);
                if self.truthy(&v)? {
                    current(exec).ip = t as usize;
                }
            }
            Op::JumpIfFalseOrPop(t) => {
                let v = top(frame).clone();
                if !self.truthy(&v)? {
                    current(exec).ip = t as usize;
                } else {
                    current(exec).stack.pop();
                }
            }
            Op::JumpIfTrueOrPop(t) => {
                let v = top(frame).clone();
                if self.truthy(&v)? {
                    current(exec).ip = t as usize;
                } else {
                    current(exec).stack.pop();
                }
            }
            Op::GetIter => {
                let v = pop(frame);
                let it = self.get_iter(&v)?;
                push(exec, it);
            }
            Op::ForIter(exit) => return self.for_iter(exec, exit),
            Op::BuildTuple(n) => {
                let items = pop_n(frame, n as usize);
                frame.stack.push(Value::tuple(items));
            }
            Op::BuildList(n) => {
                let items = pop_n(frame, n as usize);
                frame.stack.push(Value::list(items));
            }
            Op::BuildSet(n) => {
                let items = pop_n(frame, n as usize);
                let set = self.new_set(items)?;
                push(exec, set);
            }
            Op::BuildMap(n) => {
                let items = pop_n(frame, 2 * n as usize);
                let dict = Rc::new(RefCell::new(Dict::new()));
                for pair in items.chunks(2) {
                    self.dict_set(&dict, pair[0].clone(), pair[1].clone())?;
                }
                push(exec, Value::Dict(dict));
            }
            Op::ListAppend(depth) => {
                let v = pop(frame);
                if let Value::List(l) = peek(frame, depth) {
                    l.borrow_mut().push(v);
                }
            }
            Op::ListExtend(depth) => {
                let v = pop(frame);
                let target = peek(frame, depth).clone();
                let items = self.iterate(&v).map_err(|e| self.star_error(e, &v))?;
                if let Value::List(l) = target {
                    l.borrow_mut().extend(items);
                }
            }
            Op::SetAdd(depth) => {
                let v = pop(frame);
                if let Value::Set(s) = peek(frame, depth) {
                    let s = s.clone();
                    self.dict_set(&s, v, Value::None)?;
                }
            }
            Op::SetUpdate(depth) => {
                let v = pop(frame);
                let target = peek(frame, depth).clone();
                let items = self.iterate(&v)?;
                if let Value::Set(s) = target {
                    for item in items {
                        self.dict_set(&s, item, Value::None)?;
                    }
                }
            }
            Op::MapAdd(depth) => {
                let value = pop(frame);
                let key = pop(frame);
                if let Value::Dict(d) = peek(frame, depth) {
                    let d = d.clone();
                    self.dict_set(&d, key, value)?;
                }
            }
            Op::DictUpdate(depth) => {
                let v = pop(frame);
                let target = peek(frame, depth).clone();
                let Value::Dict(source) = &v else {
                    return Err(self
                        .type_error(format!("'{}' object is not a mapping", self.type_name(&v))));
                };
                if let Value::Dict(d) = target {
                    let pairs: Vec<(Value, Value)> = source
                        .borrow()
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    for (k, v) in pairs {
                        d.borrow_mut()
                            .insert(k, v)
                            .map_err(|u| self.unhashable(u))?;
                    }
                }
            }
            Op::ListToTuple => {
                let v = pop(frame);
                if let Value::List(l) = v {
                    let items = l.borrow().clone();
                    frame.stack.push(Value::tuple(items));
                }
            }
            Op::UnpackSequence(n) => {
                let v = pop(frame);
                let items = self.iterate(&v).map_err(|e| self.unpack_error(e, &v))?;
                if items.len() != n as usize {
                    return Err(if items.len() > n as usize {
                        self.value_error(format!("too many values to unpack (expected {n})"))
                    } else {
                        self.value_error(format!(
                            "not enough values to unpack (expected {n}, got {})",
                            items.len()
                        ))
                    });
                }
                let frame = current(exec);
                frame.stack.extend(items.into_iter().rev());
            }
            Op::UnpackEx(before, after) => {
                let v = pop(frame);
                let mut items = self.iterate(&v).map_err(|e| self.unpack_error(e, &v))?;
                let (before, after) = (before as usize, after as usize);
                if items.len() < before + after {
                    return Err(self.value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + after,
                        items.len()
                    )));
                }
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(before);
                let frame = current(exec);
                frame.stack.extend(tail.into_iter().rev());
                frame.stack.push(Value::list(middle));
                frame.stack.extend(items.into_iter().rev());
            }
            Op::Call(n) => {
                let args = pop_n(frame, n as usize);
                let func = pop(frame);
                return self.call_in_frame(exec, func, Args::new(args));
            }
            Op::CallKw(n, names) => {
                let Value::Tuple(names) = frame.code.consts[names as usize].clone() else {
                    return Err(self.err("SystemError", "bad keyword names"));
                };
                let mut args = pop_n(frame, n as usize);
                let func = pop(frame);
                let kw_values = args.split_off(args.len() - names.len());
                let kw = names
                    .iter()
                    .zip(kw_values)
                    .map(|(k, v)| (str_of(k), v))
                    .collect();
                return self.call_in_frame(exec, func, Args { pos: args, kw });
            }
            Op::CallEx(has_kw) => {
                let kwargs = if has_kw { Some(pop(frame)) } else { None };
                let args = pop(frame);
                let func = pop(frame);
                let pos = match args {
                    Value::Tuple(t) => t.to_vec(),
                    other => self.iterate(&other)?,
                };
                let mut kw = Vec::new();
                if let Some(Value::Dict(d)) = kwargs {
                    for (k, v) in d.borrow().iter() {
                        match k {
                            Value::Str(s) => kw.push((s.clone(), v.clone())),
                            _ => return Err(self.type_error("keywords must be strings")),
                        }
                    }
                }
                return self.call_in_frame(exec, func, Args { pos, kw });
            }
            Op::MakeFunction(code_index, flags) => {
                let closure = if flags.closure {
                    tuple_items(pop(frame))
                } else {
                    Vec::new()
                };
                let kwdefaults = if flags.kwdefaults {
                    pop(frame)
                } else {
                    Value::None
                };
                let defaults = if flags.defaults {
                    tuple_items(pop(frame))
                } else {
                    Vec::new()
                };
                let Value::Code(code) = frame.code.consts[code_index as usize].clone() else {
                    return Err(self.err("SystemError", "bad code constant"));
                };
                let kwdefaults = match kwdefaults {
                    Value::Dict(d) => d
                        .borrow()
                        .iter()
                        .map(|(k, v)| (str_of(k), v.clone()))
                        .collect(),
                    _ => Vec::new(),
                };
                let closure = closure
                    .into_iter()
                    .filter_map(|c| {
                        if let Value::Cell(c) = c {
                            Some(c)
                        } else {
                            None
                        }
                    })
                    .collect();
                let function = Function {
                    name: RefCell::new(code.name.clone()),
                    qualname: RefCell::new(code.qualname.clone()),
                    code,
                    globals: frame.globals.clone(),
                    defaults,
                    kwdefaults,
                    closure,
                    owner: RefCell::new(std::rc::Weak::new()),
                    attrs: RefCell::new(HashMap::new()),
                };
                frame.stack.push(Value::Function(Rc::new(function)));
            }
            Op::ReturnValue => {
                let value = pop(frame);
                return Ok(self.return_from_frame(exec, value));
            }
            Op::SetupHandler(target) => {
                let depth = frame.stack.len();
                frame.blocks.push(Block::Handler {
                    target: target as usize,
                    depth,
                });
            }
            Op::SetupWith(target) => {
                let depth = frame.stack.len().saturating_sub(1);
                frame.blocks.push(Block::Handler {
                    target: target as usize,
                    depth,
                });
            }
            Op::PopBlock => {
                frame.blocks.pop();
            }
            Op::PushExcInfo => {
                let exc = top(frame).clone();
                let prev = exec.handled.take();
                current(exec).blocks.push(Block::ExcInfo { prev });
                if let Value::Instance(i) = exc {
                    exec.handled = Some(Exc(i));
                }
            }
            Op::PopExcept => {
                if let Some(Block::ExcInfo { prev }) = frame.blocks.pop() {
                    exec.handled = prev;
                }
            }
            Op::Reraise => {
                let v = pop(frame);
                return Err(self.to_exc(v)?);
            }
            Op::Raise(n) => return Err(self.raise_op(exec, n)?),
            Op::CheckExcMatch => {
                let typ = pop(frame);
                let exc = pop(frame);
                let matched = self.exception_matches(&exc, &typ)?;
                current(exec).stack.push(Value::Bool(matched));
            }
            Op::ExcStarMatch => {
                let typ = pop(frame);
                let rest = pop(frame);
                let (matched, unmatched) = self.split_group(&rest, &typ)?;
                let frame = current(exec);
                frame.stack.push(unmatched.unwrap_or(Value::None));
                let found = matched.is_some();
                frame.stack.push(matched.unwrap_or(Value::None));
                frame.stack.push(Value::Bool(found));
            }
            Op::ExcStarFinish => {
                let rest = pop(frame);
                let exc = pop(frame);
                if matches!(rest, Value::None) {
                    if let Some(Block::ExcInfo { prev }) = current(exec).blocks.pop() {
                        exec.handled = prev;
                    }
                } else if rest.is(&exc) {
                    return Err(self.to_exc(exc)?);
                } else {
                    return Err(self.to_exc(rest)?);
                }
            }
            Op::LoadBuildClass => {
                let b = self.load_builtin("__build_class__")?;
                frame.stack.push(b);
            }
            Op::ImportName(i) => {
                let name = frame.code.names[i as usize].clone();
                let module = self.import(&name)?;
                push(exec, module);
            }
            Op::ImportFrom(i) => {
                let name = frame.code.names[i as usize].clone();
                let module = top(frame).clone();
                let v = self.getattr(&module, &name).map_err(|_| {
                    let module_name = match &module {
                        Value::Module(m) => m.name.to_string(),
                        _ => "?".into(),
                    };
                    self.err(
                        "ImportError",
                        format!(
                            "cannot import name '{name}' from '{module_name}' (unknown location)"
                        ),
                    )
                })?;
                push(exec, v);
            }
            Op::GetAwaitable => {
                let v = pop(frame);
                let a = self.get_awaitable(v)?;
                push(exec, a);
            }
            Op::Await => return self.await_op(exec),
            Op::YieldValue => {
                let value = pop(frame);
                return Ok(self.yield_from_frame(exec, value));
            }
            Op::YieldFrom => {
                // Stack: [inner iterator, value sent by the resumer (ignored)].
                pop(frame);
                let inner = top(frame).clone();
                let step = match &inner {
                    Value::Gen(g) => self.gen_resume(g)?,
                    other => match self.next(other)? {
                        Some(v) => GenStep::Yielded(v),
                        None => GenStep::Returned(Value::None),
                    },
                };
                match step {
                    GenStep::Yielded(value) => {
                        // Re-run this instruction when the generator is resumed.
                        let frame = current(exec);
                        frame.ip -= 1;
                        return Ok(self.yield_from_frame(exec, value));
                    }
                    GenStep::Returned(result) => {
                        let frame = current(exec);
                        frame.stack.pop();
                        frame.stack.push(result);
                    }
                }
            }
            Op::FormatValue(conversion, has_spec) => {
                let spec = if has_spec { Some(pop(frame)) } else { None };
                let v = pop(frame);
                let v = match conversion {
                    1 => Value::str(&self.to_str(&v)?),
                    2 | 3 => Value::str(&self.repr(&v)?),
                    _ => v,
                };
                let spec = match spec {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => String::new(),
                };
                let s = self.format_value(&v, &spec)?;
                push(exec, Value::str(&s));
            }
            Op::BuildString(n) => {
                let parts = pop_n(frame, n as usize);
                let mut s = String::new();
                for p in parts {
                    if let Value::Str(p) = p {
                        s.push_str(&p);
                    }
                }
                frame.stack.push(Value::str(&s));
            }
            Op::BeforeWith => {
                let mgr = pop(frame);
                let (exit, entered) = self.enter_context(&mgr, "__enter__", "__exit__", "")?;
                push(exec, exit);
                push(exec, entered);
            }
            Op::BeforeAsyncWith => {
                let mgr = pop(frame);
                let (exit, entered) =
                    self.enter_context(&mgr, "__aenter__", "__aexit__", "asynchronous ")?;
                push(exec, exit);
                push(exec, entered);
            }
            Op::CallExitNormal => {
                let exit = pop(frame);
                let r = self.call(
                    &exit,
                    Args::new(vec![Value::None, Value::None, Value::None]),
                )?;
                push(exec, r);
            }
            Op::CallExitWithExc => {
                let n = frame.stack.len();
                let exc = frame.stack[n - 1].clone();
                let exit = frame.stack[n - 2].clone();
                let typ = self.type_of(&exc);
                let r = self.call(&exit, Args::new(vec![Value::Class(typ), exc, Value::None]))?;
                push(exec, r);
            }
            Op::ExitWithExcFinish => {
                let result = pop(frame);
                let exc = pop(frame);
                if self.truthy(&result)? {
                    let frame = current(exec);
                    if let Some(Block::ExcInfo { prev }) = frame.blocks.pop() {
                        exec.handled = prev;
                    }
                    current(exec).stack.pop();
                } else {
                    return Err(self.to_exc(exc)?);
                }
            }
            Op::DisplayValue => {
                let v = pop(frame);
                if !matches!(v, Value::None) {
                    self.displayed = Some(v);
                }
            }
            Op::LoadAssertionError => {
                frame
                    .stack
                    .push(Value::Class(self.types.exception("AssertionError")));
            }
            Op::GetAIter => {
                let v = pop(frame);
                if matches!(&v, Value::Gen(g) if g.kind == GenKind::AsyncGenerator) {
                    push(exec, v);
                    return Ok(Flow::Continue);
                }
                let aiter = self.getattr(&v, "__aiter__").map_err(|_| {
                    self.type_error(format!(
                        "'async for' requires an object with __aiter__ method, got {}",
                        self.type_name(&v)
                    ))
                })?;
                let it = self.call(&aiter, Args::default())?;
                push(exec, it);
            }
            Op::GetANext => {
                let v = top(frame).clone();
                if matches!(&v, Value::Gen(g) if g.kind == GenKind::AsyncGenerator) {
                    push(exec, v);
                    return Ok(Flow::Continue);
                }
                let anext = self.getattr(&v, "__anext__")?;
                let a = self.call(&anext, Args::default())?;
                push(exec, a);
            }
            Op::EndAsyncFor => {
                let exc = pop(frame);
                let exc = self.to_exc(exc)?;
                if self.exc_is(&exc, "StopAsyncIteration") {
                    let frame = current(exec);
                    frame.stack.pop();
                    if let Some(Block::ExcInfo { prev }) = frame.blocks.pop() {
                        exec.handled = prev;
                    }
                } else {
                    return Err(exc);
                }
            }
        }
        Ok(Flow::Continue)
    }

    /// `NameError` for `name`, with CPython's "Did you mean" hint computed from
    /// the frame's locals, its globals and the builtins.
    fn name_error(&mut self, frame: &Frame, name: &str) -> Exc {
        let exc = self.err("NameError", format!("name '{name}' is not defined"));
        exc.0
            .attrs
            .borrow_mut()
            .insert(Rc::from("name"), Value::str(name));
        let receiver = frame
            .locals
            .first()
            .cloned()
            .flatten()
            .filter(|_| frame.code.varnames.first().is_some_and(|n| &**n == "self"));
        let hint = match receiver {
            Some(this) if matches!(self.try_getattr(&this, name), Ok(Some(_))) => {
                Some(format!("self.{name}"))
            }
            _ => {
                let mut names: Vec<Rc<str>> = frame
                    .code
                    .varnames
                    .iter()
                    .zip(frame.locals.iter())
                    .filter(|(_, v)| v.is_some())
                    .map(|(n, _)| n.clone())
                    .collect();
                for ns in frame
                    .namespace
                    .iter()
                    .chain(std::iter::once(&frame.globals))
                    .chain(std::iter::once(&self.builtins))
                {
                    names.extend(ns.borrow().keys().iter().map(str_of));
                }
                let candidates: Vec<&str> = names.iter().map(|n| &**n).collect();
                crate::traceback::suggest(name, &candidates).map(str::to_string)
            }
        };
        if let Some(hint) = hint {
            exc.0.attrs.borrow_mut().insert(
                Rc::from(crate::traceback::SUGGESTION_ATTR),
                Value::str(&hint),
            );
        }
        exc
    }

    fn load_builtin(&self, name: &str) -> Raise<Value> {
        self.builtins
            .borrow()
            .get_str(name)
            .ok_or_else(|| self.err("NameError", format!("name '{name}' is not defined")))
    }

    /// `with`/`async with`: the bound exit method and the result of entering.
    fn enter_context(
        &mut self,
        mgr: &Value,
        enter: &str,
        exit: &str,
        kind: &str,
    ) -> Raise<(Value, Value)> {
        let exit = self.getattr(mgr, exit).map_err(|_| {
            self.type_error(format!(
                "'{}' object does not support the {kind}context manager protocol",
                self.type_name(mgr)
            ))
        })?;
        let enter = self.getattr(mgr, enter)?;
        let entered = self.call(&enter, Args::default())?;
        Ok((exit, entered))
    }

    /// Converts a raised value to an exception (instantiating classes).
    pub fn to_exc(&mut self, v: Value) -> Raise<Exc> {
        match v {
            Value::Instance(i) if matches!(&*i.payload.borrow(), Payload::Exception(_)) => {
                Ok(Exc(i))
            }
            Value::Class(c) if c.is_subclass(&self.types.exception("BaseException")) => {
                let instance = self.call(&Value::Class(c), Args::default())?;
                self.to_exc(instance)
            }
            _ => Err(self.type_error("exceptions must derive from BaseException")),
        }
    }

    fn raise_op(&mut self, exec: &mut Execution, n: u32) -> Raise<Exc> {
        let frame = current(exec);
        match n {
            0 => match &exec.handled {
                Some(exc) => Ok(exc.clone()),
                None => Err(self.err("RuntimeError", "No active exception to reraise")),
            },
            1 => {
                let v = pop(frame);
                self.to_exc(v)
            }
            _ => {
                let cause = pop(frame);
                let v = pop(current(exec));
                let exc = self.to_exc(v)?;
                let cause = match cause {
                    Value::None => None,
                    other => Some(self.to_exc(other).map_err(|_| {
                        self.type_error("exception causes must derive from BaseException")
                    })?),
                };
                exc.with_data(|d| {
                    d.cause = cause;
                    d.suppress_context = true;
                });
                Ok(exc)
            }
        }
    }

    /// Whether `exc` matches an `except` clause's type (or tuple of types).
    fn exception_matches(&mut self, exc: &Value, typ: &Value) -> Raise<bool> {
        let exc_class = self.type_of(exc);
        match typ {
            Value::Class(c) => {
                if !c.is_subclass(&self.types.exception("BaseException")) {
                    return Err(self.type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    ));
                }
                Ok(exc_class.is_subclass(c))
            }
            Value::Tuple(items) => {
                for item in items.iter() {
                    if self.exception_matches(exc, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// The exceptions inside an exception group, or `None` for a plain exception.
    pub(crate) fn group_members(&self, exc: &Value) -> Option<Vec<Value>> {
        let Value::Instance(i) = exc else { return None };
        if !i
            .class
            .is_subclass(&self.types.exception("BaseExceptionGroup"))
        {
            return None;
        }
        let args = Exc(i.clone()).args();
        match args.get(1) {
            Some(Value::List(l)) => Some(l.borrow().clone()),
            Some(Value::Tuple(t)) => Some(t.to_vec()),
            _ => Some(Vec::new()),
        }
    }

    /// A group like `template` (same class and message) holding `members`.
    fn regroup(&self, template: &Value, members: Vec<Value>) -> Value {
        let (class, message) = match template {
            Value::Instance(i) if self.group_members(template).is_some() => (
                i.class.clone(),
                Exc(i.clone())
                    .args()
                    .first()
                    .cloned()
                    .unwrap_or(Value::str("")),
            ),
            _ => (self.types.exception("ExceptionGroup"), Value::str("")),
        };
        let all_exceptions = members
            .iter()
            .all(|m| self.isinstance(m, &self.types.exception("Exception")));
        let class = if !all_exceptions && class.is_subclass(&self.types.exception("ExceptionGroup"))
        {
            self.types.exception("BaseExceptionGroup")
        } else {
            class
        };
        self.new_exc(&class, vec![message, Value::list(members)])
            .value()
    }

    /// `except*` matching: splits `exc` (a group, or a plain exception treated as
    /// a group of one) into the part matching `typ` and the rest.
    fn split_group(&mut self, exc: &Value, typ: &Value) -> Raise<(Option<Value>, Option<Value>)> {
        if matches!(exc, Value::None) {
            return Ok((None, None));
        }
        if self.group_members(exc).is_none() {
            // A plain exception is matched as a group of one.
            let (matched, rest) = self.split_members(exc, typ)?;
            return Ok((matched.map(|m| self.regroup(&Value::None, vec![m])), rest));
        }
        self.split_members(exc, typ)
    }

    /// Splits one member of a group: plain exceptions stay plain, nested groups
    /// are split recursively and keep their class and message.
    fn split_members(&mut self, exc: &Value, typ: &Value) -> Raise<(Option<Value>, Option<Value>)> {
        if self.exception_matches(exc, typ)? {
            return Ok((Some(exc.clone()), None));
        }
        let Some(members) = self.group_members(exc) else {
            return Ok((None, Some(exc.clone())));
        };
        let (mut matched, mut rest) = (Vec::new(), Vec::new());
        for member in members {
            let (m, r) = self.split_members(&member, typ)?;
            matched.extend(m);
            rest.extend(r);
        }
        let matched = (!matched.is_empty()).then(|| self.regroup(exc, matched));
        let rest = (!rest.is_empty()).then(|| self.regroup(exc, rest));
        Ok((matched, rest))
    }

    // ---- calls ----

    /// Calls `func` from a running frame: Python functions get a new frame on the
    /// same execution, so they can be suspended and sliced like their caller.
    fn call_in_frame(&mut self, exec: &mut Execution, func: Value, args: Args) -> Raise<Flow> {
        let args = self.zero_argument_super(exec, &func, args);
        if let Value::Function(f) = &func {
            if f.code.kind == CodeKind::Coroutine {
                // Remembered for the never-awaited warning, which names the creating line.
                self.aio.location = exec.frames.last().map(|fr| TracebackEntry {
                    filename: fr.code.filename.clone(),
                    line: fr.line(),
                    name: fr.code.name.clone(),
                });
            }
        }
        match &func {
            Value::Function(f) if f.code.kind == CodeKind::Function => {
                self.check_depth(exec)?;
                let frame = self.function_frame(f, args, FrameRole::Call)?;
                exec.frames.push(frame);
                Ok(Flow::Continue)
            }
            Value::Method(m) => {
                let mut args = args;
                args.pos.insert(0, m.receiver.clone());
                let inner = m.function.clone();
                self.call_in_frame(exec, inner, args)
            }
            Value::Class(c)
                if c.builtin.is_none() && c.builtin_base() != Some(BuiltinType::BaseException) =>
            {
                let instance = Value::Instance(Rc::new(Instance {
                    class: c.clone(),
                    attrs: RefCell::new(HashMap::new()),
                    payload: RefCell::new(Payload::None),
                    hash_cache: Default::default(),
                }));
                current(exec).stack.push(instance.clone());
                // object.__init__ is the default: it accepts no arguments.
                let init = c
                    .lookup("__init__")
                    .filter(|i| !matches!(i, Value::Builtin(_)));
                match init {
                    Some(Value::Function(init)) if init.code.kind == CodeKind::Function => {
                        self.check_depth(exec)?;
                        let mut args = args;
                        args.pos.insert(0, instance);
                        let frame = self.function_frame(&init, args, FrameRole::Init)?;
                        exec.frames.push(frame);
                    }
                    Some(init) => {
                        let mut args = args;
                        args.pos.insert(0, instance);
                        self.call(&init, args)?;
                    }
                    None => {
                        if !args.pos.is_empty() || !args.kw.is_empty() {
                            return Err(self.type_error(format!("{}() takes no arguments", c.name)));
                        }
                    }
                }
                Ok(Flow::Continue)
            }
            Value::Builtin(b) => match b.kind {
                BuiltinKind::Plain(_) => {
                    let v = self.call(&func, args)?;
                    push(exec, v);
                    Ok(Flow::Continue)
                }
                BuiltinKind::Blocking(f) => {
                    let mut args = args;
                    if let Some(r) = &b.receiver {
                        args.pos.insert(0, r.clone());
                    }
                    let blocking = f(self, args)?;
                    Ok(Flow::Stop(Signal::Blocked(blocking)))
                }
            },
            _ => {
                let v = self.call(&func, args)?;
                push(exec, v);
                Ok(Flow::Continue)
            }
        }
    }

    /// `super()` without arguments means `super(<defining class>, <first argument>)`.
    fn zero_argument_super(&self, exec: &Execution, func: &Value, args: Args) -> Args {
        let is_super = matches!(func, Value::Class(c) if c.builtin == Some(BuiltinType::Super));
        if !is_super || !args.pos.is_empty() {
            return args;
        }
        let Some(frame) = exec.frames.last() else {
            return args;
        };
        let class = frame
            .function
            .as_ref()
            .and_then(|f| f.owner.borrow().upgrade());
        let receiver = frame.locals.first().cloned().flatten();
        match (class, receiver) {
            (Some(class), Some(receiver)) => Args::new(vec![Value::Class(class), receiver]),
            _ => args,
        }
    }

    /// Calls any callable and returns its result; Python code runs nested.
    pub fn call(&mut self, func: &Value, mut args: Args) -> Raise<Value> {
        match func {
            Value::Builtin(b) => {
                if let Some(r) = &b.receiver {
                    args.pos.insert(0, r.clone());
                }
                match b.kind {
                    BuiltinKind::Plain(f) => f(self, args),
                    BuiltinKind::Blocking(_) => Err(self.err("RuntimeError", format!("the blocking call {}() cannot run inside a call made by a built-in function", b.name))),
                }
            }
            Value::Function(f) => match f.code.kind {
                CodeKind::Generator | CodeKind::Coroutine | CodeKind::AsyncGenerator => {
                    self.make_generator(f, args)
                }
                _ => {
                    let frame = self.function_frame(f, args, FrameRole::Base)?;
                    self.run_nested(frame)
                }
            },
            Value::Method(m) => {
                args.pos.insert(0, m.receiver.clone());
                self.call(&m.function.clone(), args)
            }
            Value::Class(c) => self.instantiate(c, args),
            Value::Instance(i) => match i.class.lookup("__call__") {
                Some(call) => {
                    args.pos.insert(0, func.clone());
                    self.call(&call, args)
                }
                None => Err(self.type_error(format!("'{}' object is not callable", i.class.name))),
            },
            other => Err(self.type_error(format!(
                "'{}' object is not callable",
                self.type_name(other)
            ))),
        }
    }

    /// Calls a class: built-in constructors, exceptions, or a new instance and `__init__`.
    pub fn instantiate(&mut self, class: &Rc<Class>, mut args: Args) -> Raise<Value> {
        let constructed_natively = class
            .builtin
            .is_some_and(|b| !matches!(b, BuiltinType::Object | BuiltinType::BaseException));
        if constructed_natively {
            if let Some(new) = class.lookup("__new__") {
                args.pos.insert(0, Value::Class(class.clone()));
                return self.call(&new, args);
            }
            return Err(self.type_error(format!("cannot create '{}' instances", class.name)));
        }
        let payload = if class.builtin_base() == Some(BuiltinType::BaseException) {
            Payload::Exception(ExcData {
                args: args.pos.clone(),
                ..ExcData::default()
            })
        } else {
            Payload::None
        };
        let instance = Value::Instance(Rc::new(Instance {
            class: class.clone(),
            attrs: RefCell::new(HashMap::new()),
            payload: RefCell::new(payload),
            hash_cache: Default::default(),
        }));
        let is_exception = class.builtin_base() == Some(BuiltinType::BaseException);
        let init = class
            .lookup("__init__")
            .filter(|i| is_exception || !matches!(i, Value::Builtin(_)));
        match init {
            Some(init) => {
                args.pos.insert(0, instance.clone());
                let r = self.call(&init, args)?;
                if !matches!(r, Value::None) {
                    return Err(self.type_error(format!(
                        "__init__() should return None, not '{}'",
                        self.type_name(&r)
                    )));
                }
            }
            None => {
                if class.builtin_base() != Some(BuiltinType::BaseException)
                    && (!args.pos.is_empty() || !args.kw.is_empty())
                {
                    return Err(self.type_error(format!("{}() takes no arguments", class.name)));
                }
            }
        }
        Ok(instance)
    }

    /// A generator or coroutine object for a call of a generator/async function.
    fn make_generator(&mut self, f: &Rc<Function>, args: Args) -> Raise<Value> {
        let frame = self.function_frame(f, args, FrameRole::Call)?;
        let kind = match f.code.kind {
            CodeKind::Coroutine => GenKind::Coroutine,
            CodeKind::AsyncGenerator => GenKind::AsyncGenerator,
            _ => GenKind::Generator,
        };
        let origin = self.current_location();
        let gen = Rc::new(GenObj {
            kind,
            name: f.name.borrow().clone(),
            qualname: f.qualname.borrow().clone(),
            state: RefCell::new(GenState::Created(Box::new(frame))),
            origin,
        });
        if let GenState::Created(frame) = &mut *gen.state.borrow_mut() {
            frame.gen = Some(Rc::downgrade(&gen));
        }
        Ok(Value::Gen(gen))
    }

    /// Where code is running now, for warnings (set by the runtime per slice).
    fn current_location(&self) -> Option<TracebackEntry> {
        self.aio.location.clone()
    }

    /// Builds the frame of a call to a Python function, binding arguments.
    pub fn function_frame(
        &mut self,
        f: &Rc<Function>,
        args: Args,
        role: FrameRole,
    ) -> Raise<Frame> {
        let code = f.code.clone();
        let locals = self.bind_arguments(f, args)?;
        let mut cells: Vec<CellRef> = code
            .cellvars
            .iter()
            .map(|_| Rc::new(RefCell::new(None)))
            .collect();
        for &(cell, param) in &code.cell_params {
            *cells[cell as usize].borrow_mut() = locals[param as usize].clone();
        }
        cells.extend(f.closure.iter().cloned());
        let id = self.new_frame_id();
        Ok(Frame {
            code,
            ip: 0,
            stack: Vec::with_capacity(8),
            locals,
            cells,
            globals: f.globals.clone(),
            namespace: None,
            blocks: Vec::new(),
            function: Some(f.clone()),
            gen: None,
            role,
            id,
        })
    }

    /// Binds call arguments to parameters with CPython's error messages.
    fn bind_arguments(&mut self, f: &Function, args: Args) -> Raise<Vec<Option<Value>>> {
        let code = &f.code;
        let name = f.qualname.borrow().clone();
        let argcount = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let mut locals: Vec<Option<Value>> = vec![None; code.varnames.len()];
        let Args { pos, kw } = args;
        let given = pos.len();
        let mut extra = Vec::new();
        for (i, v) in pos.into_iter().enumerate() {
            if i < argcount {
                locals[i] = Some(v);
            } else {
                extra.push(v);
            }
        }
        let mut index = argcount + kwonly;
        if code.has_varargs {
            locals[index] = Some(Value::tuple(extra));
            index += 1;
        } else if !extra.is_empty() {
            let required = argcount - f.defaults.len().min(argcount);
            let expected = if required == argcount {
                format!("{argcount}")
            } else {
                format!("from {required} to {argcount}")
            };
            let plural = if argcount == 1 && required == argcount {
                ""
            } else {
                "s"
            };
            let was = if given == 1 { "was" } else { "were" };
            return Err(self.type_error(format!(
                "{name}() takes {expected} positional argument{plural} but {given} {was} given"
            )));
        }
        let mut kwargs = Dict::new();
        let posonly = code.posonlyargcount as usize;
        let mut posonly_passed_by_name = Vec::new();
        for (k, v) in kw {
            let slot = code.varnames[..argcount + kwonly]
                .iter()
                .position(|n| *n == k);
            let slot = match slot {
                Some(i) if i < posonly => {
                    // Positional-only names passed by keyword go to **kwargs, or are an error.
                    if !code.has_varkw {
                        posonly_passed_by_name.push(k);
                        continue;
                    }
                    None
                }
                other => other,
            };
            match slot {
                Some(i) => {
                    if locals[i].is_some() {
                        return Err(self.type_error(format!(
                            "{name}() got multiple values for argument '{k}'"
                        )));
                    }
                    locals[i] = Some(v);
                }
                None if code.has_varkw => {
                    let _ = kwargs.insert(Value::Str(k), v);
                }
                None => {
                    return Err(self
                        .type_error(format!("{name}() got an unexpected keyword argument '{k}'")))
                }
            }
        }
        if !posonly_passed_by_name.is_empty() {
            let names: Vec<String> = posonly_passed_by_name
                .iter()
                .map(|n| format!("'{n}'"))
                .collect();
            return Err(self.type_error(format!(
                "{name}() got some positional-only arguments passed as keyword arguments: {}",
                names.join(", ")
            )));
        }
        if code.has_varkw {
            locals[index] = Some(Value::Dict(Rc::new(RefCell::new(kwargs))));
        }
        let first_default = argcount - f.defaults.len().min(argcount);
        let mut missing = Vec::new();
        for (i, local) in locals.iter_mut().enumerate().take(argcount) {
            if local.is_none() {
                if i >= first_default {
                    *local = Some(f.defaults[i - first_default].clone());
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(format!(
                "{name}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                quote_list(&missing)
            )));
        }
        let mut missing_kw = Vec::new();
        for (i, local) in locals.iter_mut().enumerate().skip(argcount).take(kwonly) {
            if local.is_none() {
                let pname = &code.varnames[i];
                match f.kwdefaults.iter().find(|(k, _)| k == pname) {
                    Some((_, v)) => *local = Some(v.clone()),
                    None => missing_kw.push(pname.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(self.type_error(format!(
                "{name}() missing {} required keyword-only argument{}: {}",
                missing_kw.len(),
                if missing_kw.len() == 1 { "" } else { "s" },
                quote_list(&missing_kw)
            )));
        }
        Ok(locals)
    }

    fn return_from_frame(&mut self, exec: &mut Execution, value: Value) -> Flow {
        let frame = exec.frames.pop().expect("returning frame exists");
        self.frame_done(&frame);
        if frame.code.kind == CodeKind::Module || frame.code.kind == CodeKind::Class {
            self.flush_warnings();
        }
        let Some(parent) = exec.frames.last_mut() else {
            return Flow::Stop(Signal::Finished(value));
        };
        match frame.role {
            FrameRole::Call => parent.stack.push(value),
            FrameRole::Init => {
                if !matches!(value, Value::None) {
                    let exc = self.type_error(format!(
                        "__init__() should return None, not '{}'",
                        self.type_name(&value)
                    ));
                    exec.pending_exc = Some(exc);
                }
            }
            FrameRole::Await => {
                parent.stack.pop();
                parent.stack.push(value);
            }
            FrameRole::ForIter { exit } => {
                parent.stack.pop();
                parent.ip = exit as usize;
            }
            FrameRole::AwaitAnext => {
                parent.stack.pop();
                let class = self.types.exception("StopAsyncIteration");
                exec.pending_exc = Some(self.new_exc(&class, Vec::new()));
            }
            FrameRole::Base => return Flow::Stop(Signal::Finished(value)),
        }
        if let Some(exc) = exec.pending_exc.take() {
            return match self.unwind(exec, exc) {
                Some(signal) => Flow::Stop(signal),
                None => Flow::Continue,
            };
        }
        Flow::Continue
    }

    /// Suspends the generator frame on top, handing `value` to whoever drives it.
    fn yield_from_frame(&mut self, exec: &mut Execution, value: Value) -> Flow {
        let frame = exec.frames.pop().expect("yielding frame exists");
        let role = frame.role;
        let gen = frame.gen.as_ref().and_then(|g| g.upgrade());
        if let Some(gen) = &gen {
            *gen.state.borrow_mut() = GenState::Suspended(Box::new(frame));
        }
        match role {
            FrameRole::ForIter { .. } => {
                if let Some(parent) = exec.frames.last_mut() {
                    parent.stack.push(value);
                }
                Flow::Continue
            }
            FrameRole::AwaitAnext => {
                if let Some(parent) = exec.frames.last_mut() {
                    parent.stack.pop();
                    parent.stack.push(value);
                }
                Flow::Continue
            }
            _ => Flow::Stop(Signal::GenYield(value)),
        }
    }

    fn for_iter(&mut self, exec: &mut Execution, exit: u32) -> Raise<Flow> {
        let frame = current(exec);
        let iter = top(frame).clone();
        if let Value::Gen(gen) = &iter {
            if gen.kind == GenKind::Generator {
                let taken = std::mem::replace(&mut *gen.state.borrow_mut(), GenState::Running);
                match taken {
                    GenState::Created(mut f) | GenState::Suspended(mut f) if true => {
                        let resumed = f.ip > 0;
                        if resumed {
                            f.stack.push(Value::None);
                        }
                        f.role = FrameRole::ForIter { exit };
                        self.check_depth(exec)?;
                        exec.frames.push(*f);
                        return Ok(Flow::Continue);
                    }
                    GenState::Done => {
                        *gen.state.borrow_mut() = GenState::Done;
                        let frame = current(exec);
                        frame.stack.pop();
                        frame.ip = exit as usize;
                        return Ok(Flow::Continue);
                    }
                    _ => {
                        *gen.state.borrow_mut() = GenState::Running;
                        return Err(self.value_error("generator already executing"));
                    }
                }
            }
        }
        match self.next(&iter)? {
            Some(v) => push(exec, v),
            None => {
                let frame = current(exec);
                frame.stack.pop();
                frame.ip = exit as usize;
            }
        }
        Ok(Flow::Continue)
    }

    /// Validates an awaited object, calling `__await__` where defined.
    fn get_awaitable(&mut self, v: Value) -> Raise<Value> {
        match &v {
            Value::Gen(g) if g.kind != GenKind::Generator => Ok(v),
            Value::Future(_) => Ok(v),
            Value::Instance(i) => match i.class.lookup("__await__") {
                Some(method) => {
                    let r = self.call(&method, Args::new(vec![v.clone()]))?;
                    match &r {
                        Value::Gen(_) | Value::Future(_) => Ok(r),
                        _ => Err(self.type_error(format!(
                            "__await__() returned non-iterator of type '{}'",
                            self.type_name(&r)
                        ))),
                    }
                }
                None => Err(self.type_error(format!(
                    "object {} can't be used in 'await' expression",
                    i.class.name
                ))),
            },
            _ => Err(self.type_error(format!(
                "object {} can't be used in 'await' expression",
                self.type_name(&v)
            ))),
        }
    }

    /// `await` on TOS: a coroutine runs in a new frame; a pending future suspends the task.
    fn await_op(&mut self, exec: &mut Execution) -> Raise<Flow> {
        let frame = current(exec);
        let awaitable = top(frame).clone();
        match &awaitable {
            Value::Gen(gen) if gen.kind == GenKind::AsyncGenerator => {
                self.await_anext(exec, gen.clone())
            }
            Value::Gen(gen) => {
                let taken = std::mem::replace(&mut *gen.state.borrow_mut(), GenState::Running);
                match taken {
                    GenState::Created(mut f) => {
                        f.role = FrameRole::Await;
                        self.check_depth(exec)?;
                        exec.frames.push(*f);
                        Ok(Flow::Continue)
                    }
                    GenState::Suspended(mut f) => {
                        f.role = FrameRole::Await;
                        f.stack.push(Value::None);
                        exec.frames.push(*f);
                        Ok(Flow::Continue)
                    }
                    GenState::Done => {
                        *gen.state.borrow_mut() = GenState::Done;
                        Err(self.err("RuntimeError", "cannot reuse already awaited coroutine"))
                    }
                    GenState::Running => {
                        Err(self.err("RuntimeError", "coroutine is being awaited already"))
                    }
                }
            }
            Value::Future(fut) => {
                if fut.is_yield_once() {
                    if !fut.done() {
                        fut.set_result_value(Value::None);
                        current(exec).ip -= 1;
                        return Ok(Flow::Stop(Signal::BareYield));
                    }
                    let frame = current(exec);
                    frame.stack.pop();
                    frame.stack.push(Value::None);
                    return Ok(Flow::Continue);
                }
                if !fut.done() {
                    current(exec).ip -= 1;
                    return Ok(Flow::Stop(Signal::Suspended(fut.clone())));
                }
                let result = fut.result(self)?;
                let frame = current(exec);
                frame.stack.pop();
                frame.stack.push(result);
                Ok(Flow::Continue)
            }
            _ => Err(self.type_error("object can't be used in 'await' expression")),
        }
    }

    /// `await` on an async generator's next step: its frame runs until it yields
    /// (the await's result) or returns (`StopAsyncIteration`).
    fn await_anext(&mut self, exec: &mut Execution, gen: Rc<GenObj>) -> Raise<Flow> {
        let taken = std::mem::replace(&mut *gen.state.borrow_mut(), GenState::Running);
        let mut frame = match taken {
            GenState::Created(f) => f,
            GenState::Suspended(mut f) => {
                f.stack.push(Value::None);
                f
            }
            GenState::Done => {
                *gen.state.borrow_mut() = GenState::Done;
                let class = self.types.exception("StopAsyncIteration");
                return Err(self.new_exc(&class, Vec::new()));
            }
            GenState::Running => {
                return Err(self.err(
                    "RuntimeError",
                    "anext(): asynchronous generator is already running",
                ))
            }
        };
        frame.role = FrameRole::AwaitAnext;
        self.check_depth(exec)?;
        exec.frames.push(*frame);
        Ok(Flow::Continue)
    }

    /// Advances a generator from native code (`next(g)`, `list(g)`): `None` when exhausted.
    pub fn gen_next(&mut self, gen: &Rc<GenObj>) -> Raise<Option<Value>> {
        Ok(match self.gen_resume(gen)? {
            GenStep::Yielded(v) => Some(v),
            GenStep::Returned(_) => None,
        })
    }

    /// Resumes a generator until it yields or returns.
    pub fn gen_resume(&mut self, gen: &Rc<GenObj>) -> Raise<GenStep> {
        self.gen_resume_with(gen, Value::None, None)
    }

    /// Resumes a generator with a sent value (`send`) or an exception (`throw`).
    pub fn gen_resume_with(
        &mut self,
        gen: &Rc<GenObj>,
        sent: Value,
        thrown: Option<Exc>,
    ) -> Raise<GenStep> {
        let taken = std::mem::replace(&mut *gen.state.borrow_mut(), GenState::Running);
        let mut frame = match taken {
            GenState::Created(f) => {
                if !matches!(sent, Value::None) {
                    *gen.state.borrow_mut() = GenState::Created(f);
                    return Err(
                        self.type_error("can't send non-None value to a just-started generator")
                    );
                }
                f
            }
            GenState::Suspended(mut f) => {
                f.stack.push(sent);
                f
            }
            GenState::Done => {
                *gen.state.borrow_mut() = GenState::Done;
                return Ok(GenStep::Returned(Value::None));
            }
            GenState::Running => return Err(self.value_error("generator already executing")),
        };
        frame.role = FrameRole::Base;
        if self.nested_calls >= NESTED_CALL_LIMIT {
            *gen.state.borrow_mut() = GenState::Suspended(frame);
            return Err(self.err("RecursionError", "maximum recursion depth exceeded"));
        }
        let mut exec = Execution::new(*frame);
        exec.pending_exc = thrown;
        let signal = self.run_nested_execution(&mut exec);
        match signal {
            Signal::GenYield(v) => Ok(GenStep::Yielded(v)),
            Signal::Finished(v) => Ok(GenStep::Returned(v)),
            Signal::Raised(e) => {
                if self.exc_is(&e, "StopIteration") {
                    return Err(self.err("RuntimeError", "generator raised StopIteration"));
                }
                Err(e)
            }
            Signal::OutOfBudget => {
                *gen.state.borrow_mut() = GenState::Done;
                Err(self.nested_budget_error())
            }
            _ => {
                *gen.state.borrow_mut() = GenState::Done;
                Err(self.err("RuntimeError", "a generator cannot block or await here"))
            }
        }
    }

    // ---- classes, imports ----

    /// `__build_class__(body, name, *bases)`.
    pub fn build_class(&mut self, body: &Value, name: &str, bases: Vec<Value>) -> Raise<Value> {
        let Value::Function(body) = body else {
            return Err(self.type_error("__build_class__: func must be a function"));
        };
        let base = match bases.as_slice() {
            [] => None,
            [Value::Class(c)] => Some(c.clone()),
            [other] => {
                return Err(self.type_error(format!(
                    "bases must be types, not {}",
                    self.type_name(other)
                )))
            }
            _ => return Err(self.type_error("multiple inheritance is not supported by Awaitable")),
        };
        let namespace = Rc::new(RefCell::new(Dict::new()));
        let mut frame = self.function_frame(body, Args::default(), FrameRole::Base)?;
        frame.namespace = Some(namespace.clone());
        self.run_nested(frame)?;
        let module = body
            .globals
            .borrow()
            .get_str("__name__")
            .map(|v| str_of(&v))
            .unwrap_or_else(|| Rc::from("__main__"));
        let mut dict = HashMap::new();
        for (k, v) in namespace.borrow().iter() {
            dict.insert(str_of(k), v.clone());
        }
        let qualname = body.qualname.borrow().clone();
        let class = Rc::new(Class {
            name: Rc::from(name),
            qualname,
            module,
            base: Some(base.unwrap_or_else(|| self.types.object.clone())),
            mro: RefCell::new(Vec::new()),
            dict: RefCell::new(dict),
            builtin: None,
        });
        for v in class.dict.borrow().values() {
            let function = match v {
                Value::Function(f) => Some(f.clone()),
                Value::Instance(i) => match &*i.payload.borrow() {
                    Payload::StaticMethod(Value::Function(f))
                    | Payload::ClassMethod(Value::Function(f)) => Some(f.clone()),
                    Payload::Property {
                        getter: Value::Function(f),
                        ..
                    } => Some(f.clone()),
                    _ => None,
                },
                _ => None,
            };
            if let Some(f) = function {
                *f.owner.borrow_mut() = Rc::downgrade(&class);
            }
        }
        Ok(Value::Class(class))
    }

    fn import(&mut self, name: &str) -> Raise<Value> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        Err(self.err("ModuleNotFoundError", format!("No module named '{name}'")))
    }

    /// `TypeError: unhashable type: '...'` for a value a dict or set refused.
    pub(crate) fn unhashable(&self, u: crate::dict::Unhashable) -> Exc {
        self.type_error(format!("unhashable type: '{}'", u.0))
    }

    fn star_error(&self, e: Exc, v: &Value) -> Exc {
        if self.exc_is(&e, "TypeError") && !self.is_iterable(v) {
            return self.type_error(format!(
                "Value after * must be an iterable, not {}",
                self.type_name(v)
            ));
        }
        e
    }

    fn unpack_error(&self, e: Exc, v: &Value) -> Exc {
        if self.exc_is(&e, "TypeError") && !self.is_iterable(v) {
            return self.type_error(format!(
                "cannot unpack non-iterable {} object",
                self.type_name(v)
            ));
        }
        e
    }
}

fn add_traceback(exc: &Exc, frame: &Frame) {
    let entry = TracebackEntry {
        filename: frame.code.filename.clone(),
        line: frame.line(),
        name: frame.code.name.clone(),
    };
    exc.with_data(|d| {
        let same_frame = d.traceback_frames.last() == Some(&frame.id);
        if !same_frame {
            d.traceback.push(entry);
            d.traceback_frames.push(frame.id);
        }
    });
}

fn quote_list(names: &[Rc<str>]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

fn deref_name(code: &Code, i: u32) -> Rc<str> {
    let i = i as usize;
    if i < code.cellvars.len() {
        code.cellvars[i].clone()
    } else {
        code.freevars
            .get(i - code.cellvars.len())
            .cloned()
            .unwrap_or_else(|| Rc::from("?"))
    }
}

/// The `str` inside a value known to be a string (names, keywords).
pub fn str_of(v: &Value) -> Rc<str> {
    match v {
        Value::Str(s) => s.clone(),
        _ => Rc::from(""),
    }
}

fn tuple_items(v: Value) -> Vec<Value> {
    match v {
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    }
}

fn current(exec: &mut Execution) -> &mut Frame {
    exec.frames.last_mut().expect("a frame is running")
}

/// The instructions that need nothing but their frame, done without entering
/// [`Interp::step`], whose size makes every call to it cost: constants,
/// locals and names, jumps on booleans, and arithmetic and comparisons of
/// ints whose result fits (`ops`' own small-int paths). Anything else returns
/// `false` and goes to `step`, which has the general rules (and the errors).
#[inline(always)]
fn fast_step(frame: &mut Frame, op: Op) -> bool {
    match op {
        Op::LoadConst(i) => {
            let v = frame.code.consts[i as usize].clone();
            frame.stack.push(v);
        }
        Op::LoadFast(i) => match &frame.locals[i as usize] {
            Some(v) => {
                let v = v.clone();
                frame.stack.push(v);
            }
            None => return false,
        },
        Op::StoreFast(i) => frame.locals[i as usize] = Some(pop(frame)),
        // Names found in the frame's own namespaces; builtins, and names
        // not found, go to `step`.
        Op::LoadName(i) | Op::LoadGlobal(i) => {
            let (name, hash) = (
                &frame.code.names[i as usize],
                frame.code.name_hashes[i as usize],
            );
            let namespace = match op {
                Op::LoadName(_) => frame.namespace.as_ref().unwrap_or(&frame.globals),
                _ => &frame.globals,
            };
            let found = namespace.borrow().get_name(name, hash);
            let found = found.or_else(|| match (op, &frame.namespace) {
                (Op::LoadName(_), Some(_)) => frame.globals.borrow().get_name(name, hash),
                _ => None,
            });
            match found {
                Some(v) => frame.stack.push(v),
                None => return false,
            }
        }
        Op::StoreName(i) | Op::StoreGlobal(i) => {
            let v = pop(frame);
            let (name, hash) = (
                &frame.code.names[i as usize],
                frame.code.name_hashes[i as usize],
            );
            let namespace = match op {
                Op::StoreName(_) => frame.namespace.as_ref().unwrap_or(&frame.globals),
                _ => &frame.globals,
            };
            namespace.borrow_mut().insert_name(name, hash, v);
        }
        Op::Jump(target) => frame.ip = target as usize,
        Op::PopJumpIfFalse(target) | Op::PopJumpIfTrue(target) => {
            let Some(&Value::Bool(value)) = frame.stack.last() else {
                return false;
            };
            frame.stack.pop();
            if value == matches!(op, Op::PopJumpIfTrue(_)) {
                frame.ip = target as usize;
            }
        }
        Op::Binary(bin) | Op::InPlace(bin) => {
            let Some(result) = int_operands(frame).and_then(|(a, b)| small_int_op(a, bin, b))
            else {
                return false;
            };
            replace_operands(frame, result);
        }
        Op::Compare(cmp) => {
            let Some(result) = int_operands(frame).and_then(|(a, b)| int_compare(a, cmp, b)) else {
                return false;
            };
            replace_operands(frame, Value::Bool(result));
        }
        _ => return false,
    }
    true
}

/// The two ints on top of the stack, if they are ints.
#[inline(always)]
fn int_operands(frame: &Frame) -> Option<(i64, i64)> {
    match frame.stack[..] {
        [.., Value::Int(a), Value::Int(b)] => Some((a, b)),
        _ => None,
    }
}

/// Replaces the two operands on top of the stack with `result`.
#[inline(always)]
fn replace_operands(frame: &mut Frame, result: Value) {
    let len = frame.stack.len();
    frame.stack.truncate(len - 2);
    frame.stack.push(result);
}

#[inline(always)]
fn pop(frame: &mut Frame) -> Value {
    frame.stack.pop().unwrap_or(Value::None)
}

#[inline(always)]
fn top(frame: &Frame) -> &Value {
    frame.stack.last().unwrap_or(&Value::None)
}

fn peek(frame: &Frame, depth: u32) -> &Value {
    let n = frame.stack.len();
    frame
        .stack
        .get(n.wrapping_sub(depth as usize))
        .unwrap_or(&Value::None)
}

fn pop_n(frame: &mut Frame, n: usize) -> Vec<Value> {
    let at = frame.stack.len().saturating_sub(n);
    frame.stack.split_off(at)
}

#[inline(always)]
fn push(exec: &mut Execution, v: Value) {
    current(exec).stack.push(v);
}
