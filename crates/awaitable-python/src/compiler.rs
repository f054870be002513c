//! AST → bytecode.
//!
//! One `Unit` per code object being built (module, class body, function,
//! lambda, comprehension). `finally` bodies are compiled inline on every exit
//! path (normal, exceptional, `return`, `break`, `continue`), as CPython does, so
//! the VM needs no "pending return" state.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use num_bigint::BigInt;

use crate::ast::*;
use crate::bytecode::{Code, CodeKind, MakeFunctionFlags, Op};
use crate::dict::name_hash;
use crate::symtable::{self, ScopeFacts};
use crate::value::Value;

/// How top-level code behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A script: top-level `await` is a syntax error.
    Script,
    /// A notebook cell: top-level `await` works (the loop is already running) and
    /// the value of a final expression statement is displayed.
    Cell,
}

/// Compiles a parsed module into its code object.
pub fn compile_module(
    module: &Module,
    filename: &str,
    mode: Mode,
) -> Result<Rc<Code>, SyntaxError> {
    let facts = symtable::analyze_module(&module.body);
    let mut compiler = Compiler {
        units: Vec::new(),
        filename: Rc::from(filename),
    };
    let unit_kind = UnitKind::Module {
        allow_await: mode == Mode::Cell,
    };
    compiler.push_unit(unit_kind, "<module>", "<module>", 1, &facts, &[]);
    let body = &module.body;
    for (i, stmt) in body.iter().enumerate() {
        let last = i + 1 == body.len();
        match (&stmt.kind, mode, last) {
            (StmtKind::Expr(e), Mode::Cell, true) => {
                compiler.set_line(stmt.line);
                compiler.expr(e)?;
                compiler.emit(Op::DisplayValue);
            }
            _ => compiler.stmt(stmt)?,
        }
    }
    compiler.emit_const(Value::None);
    compiler.emit(Op::ReturnValue);
    let (code, _) = compiler.pop_unit(CodeKind::Module);
    Ok(code)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Module { allow_await: bool },
    Class,
    Function { is_async: bool },
}

/// Where a name lives, from the point of view of the unit being compiled.
enum NameScope {
    Fast(u32),
    Deref(u32),
    Global,
    Name,
}

/// Compile-time blocks, to know what an early exit must clean up.
enum FBlock {
    While {
        start: usize,
        breaks: Vec<usize>,
    },
    For {
        start: usize,
        breaks: Vec<usize>,
    },
    /// A `try` body protected by an `except` handler.
    Try,
    /// A `try` body whose `finally` must run on the way out.
    Finally(Vec<Stmt>),
    /// Inside a `finally` body run for an exception (the exception is on the stack).
    FinallyExc,
    /// Inside an `except` body (the exception is on the stack).
    Handler(Option<String>),
    /// Inside an `except*` body (the exception and the unmatched rest are on the stack).
    StarHandler(Option<String>),
    /// Inside a `with` body (the exit method is on the stack).
    With {
        is_async: bool,
    },
}

struct Unit {
    kind: UnitKind,
    ops: Vec<Op>,
    lines: Vec<u32>,
    consts: Vec<Value>,
    names: Vec<Rc<str>>,
    name_index: HashMap<String, u32>,
    varnames: Vec<Rc<str>>,
    cellvars: Vec<Rc<str>>,
    freevars: Vec<Rc<str>>,
    globals: BTreeSet<String>,
    fblocks: Vec<FBlock>,
    line: u32,
    name: Rc<str>,
    qualname: Rc<str>,
    first_line: u32,
    uses_super: bool,
}

struct Compiler {
    units: Vec<Unit>,
    filename: Rc<str>,
}

type CResult = Result<(), SyntaxError>;

impl Compiler {
    fn unit(&mut self) -> &mut Unit {
        self.units
            .last_mut()
            .expect("a unit is always being compiled")
    }

    fn error(&self, message: &str, line: u32) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::Syntax,
            message: message.to_string(),
            line,
            column: 1,
        }
    }

    /// Names bound by enclosing function scopes, visible as closures.
    fn enclosing_bindings(&self) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for unit in &self.units {
            if let UnitKind::Function { .. } = unit.kind {
                names.extend(unit.varnames.iter().map(|n| n.to_string()));
                names.extend(unit.cellvars.iter().map(|n| n.to_string()));
                names.extend(unit.freevars.iter().map(|n| n.to_string()));
            } else if let UnitKind::Class = unit.kind {
                names.extend(unit.freevars.iter().map(|n| n.to_string()));
            }
        }
        names
    }

    fn push_unit(
        &mut self,
        kind: UnitKind,
        name: &str,
        qualname: &str,
        line: u32,
        facts: &ScopeFacts,
        params: &[String],
    ) {
        let enclosing = self.enclosing_bindings();
        let is_function = matches!(kind, UnitKind::Function { .. });
        let locals: BTreeSet<String> = if is_function {
            facts.locals()
        } else {
            BTreeSet::new()
        };
        let mut varnames: Vec<Rc<str>> = params.iter().map(|p| Rc::from(p.as_str())).collect();
        for local in &locals {
            if !params.contains(local) {
                varnames.push(Rc::from(local.as_str()));
            }
        }
        let cellvars: Vec<Rc<str>> = if is_function {
            facts
                .child_free
                .iter()
                .filter(|n| locals.contains(*n))
                .map(|n| Rc::from(n.as_str()))
                .collect()
        } else {
            Vec::new()
        };
        let freevars: Vec<Rc<str>> = match kind {
            UnitKind::Module { .. } => Vec::new(),
            UnitKind::Class => facts
                .child_free
                .iter()
                .filter(|n| enclosing.contains(*n))
                .map(|n| Rc::from(n.as_str()))
                .collect(),
            UnitKind::Function { .. } => facts
                .raw_free()
                .iter()
                .filter(|n| enclosing.contains(*n))
                .map(|n| Rc::from(n.as_str()))
                .collect(),
        };
        self.units.push(Unit {
            kind,
            ops: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames,
            cellvars,
            freevars,
            globals: facts.globals.clone(),
            fblocks: Vec::new(),
            line,
            name: Rc::from(name),
            qualname: Rc::from(qualname),
            first_line: line,
            uses_super: facts.used.contains("super"),
        });
    }

    fn pop_unit(&mut self, kind: CodeKind) -> (Rc<Code>, Vec<Rc<str>>) {
        let unit = self.units.pop().expect("pop_unit after push_unit");
        let cell_params = unit
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, name)| {
                unit.varnames
                    .iter()
                    .position(|v| v == name)
                    .map(|vi| (ci as u32, vi as u32))
            })
            .collect();
        let freevars = unit.freevars.clone();
        let code = Code {
            ops: unit.ops,
            lines: unit.lines,
            consts: unit.consts,
            name_hashes: unit.names.iter().map(|name| name_hash(name)).collect(),
            names: unit.names,
            varnames: unit.varnames,
            cellvars: unit.cellvars,
            freevars: unit.freevars,
            cell_params,
            argcount: 0,
            kwonlyargcount: 0,
            posonlyargcount: 0,
            has_varargs: false,
            has_varkw: false,
            kind,
            name: unit.name,
            qualname: unit.qualname,
            filename: self.filename.clone(),
            first_line: unit.first_line,
            uses_super: unit.uses_super,
            doc: None,
        };
        (Rc::new(code), freevars)
    }

    fn set_line(&mut self, line: u32) {
        self.unit().line = line;
    }

    fn emit(&mut self, op: Op) -> usize {
        let unit = self.unit();
        unit.ops.push(op);
        unit.lines.push(unit.line);
        unit.ops.len() - 1
    }

    fn pos(&mut self) -> usize {
        self.unit().ops.len()
    }

    /// Points the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let target = self.pos() as u32;
        let op = &mut self.unit().ops[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::PopJumpIfFalse(_) => Op::PopJumpIfFalse(target),
            Op::PopJumpIfTrue(_) => Op::PopJumpIfTrue(target),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::SetupHandler(_) => Op::SetupHandler(target),
            Op::SetupWith(_) => Op::SetupWith(target),
            other => other,
        };
    }

    fn add_const(&mut self, value: Value) -> u32 {
        let unit = self.unit();
        unit.consts.push(value);
        (unit.consts.len() - 1) as u32
    }

    fn emit_const(&mut self, value: Value) {
        let i = self.add_const(value);
        self.emit(Op::LoadConst(i));
    }

    fn name_idx(&mut self, name: &str) -> u32 {
        let unit = self.unit();
        if let Some(&i) = unit.name_index.get(name) {
            return i;
        }
        unit.names.push(Rc::from(name));
        let i = (unit.names.len() - 1) as u32;
        unit.name_index.insert(name.to_string(), i);
        i
    }

    fn scope_of(&mut self, name: &str) -> NameScope {
        let unit = self.unit();
        match unit.kind {
            UnitKind::Module { .. } => NameScope::Name,
            UnitKind::Class => {
                if unit.globals.contains(name) {
                    NameScope::Global
                } else {
                    NameScope::Name
                }
            }
            UnitKind::Function { .. } => {
                if let Some(i) = unit.cellvars.iter().position(|n| &**n == name) {
                    NameScope::Deref(i as u32)
                } else if let Some(i) = unit.freevars.iter().position(|n| &**n == name) {
                    NameScope::Deref((unit.cellvars.len() + i) as u32)
                } else if let Some(i) = unit.varnames.iter().position(|n| &**n == name) {
                    if unit.globals.contains(name) {
                        NameScope::Global
                    } else {
                        NameScope::Fast(i as u32)
                    }
                } else {
                    NameScope::Global
                }
            }
        }
    }

    fn load_name(&mut self, name: &str) {
        let op = match self.scope_of(name) {
            NameScope::Fast(i) => Op::LoadFast(i),
            NameScope::Deref(i) => Op::LoadDeref(i),
            NameScope::Global => Op::LoadGlobal(self.name_idx(name)),
            NameScope::Name => Op::LoadName(self.name_idx(name)),
        };
        self.emit(op);
    }

    fn store_name(&mut self, name: &str) {
        let op = match self.scope_of(name) {
            NameScope::Fast(i) => Op::StoreFast(i),
            NameScope::Deref(i) => Op::StoreDeref(i),
            NameScope::Global => Op::StoreGlobal(self.name_idx(name)),
            NameScope::Name => Op::StoreName(self.name_idx(name)),
        };
        self.emit(op);
    }

    fn delete_name(&mut self, name: &str) {
        let op = match self.scope_of(name) {
            NameScope::Fast(i) => Op::DeleteFast(i),
            NameScope::Deref(i) => Op::DeleteDeref(i),
            NameScope::Global => Op::DeleteGlobal(self.name_idx(name)),
            NameScope::Name => Op::DeleteName(self.name_idx(name)),
        };
        self.emit(op);
    }

    fn in_function(&self) -> bool {
        self.units
            .iter()
            .rev()
            .any(|u| matches!(u.kind, UnitKind::Function { .. }))
            && matches!(
                self.units.last().map(|u| u.kind),
                Some(UnitKind::Function { .. })
            )
    }

    fn check_await_allowed(&self, what: &str, line: u32) -> CResult {
        match self.units.last().map(|u| u.kind) {
            Some(UnitKind::Function { is_async: true }) => Ok(()),
            Some(UnitKind::Module { allow_await: true }) => Ok(()),
            Some(UnitKind::Function { is_async: false }) => {
                Err(self.error(&format!("{what} outside async function"), line))
            }
            _ => Err(self.error(&format!("{what} outside function"), line)),
        }
    }

    // ---- statements ----

    fn stmts(&mut self, body: &[Stmt]) -> CResult {
        for stmt in body {
            self.stmt(stmt)?;
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> CResult {
        self.set_line(stmt.line);
        match &stmt.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::PopTop);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, target) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::DupTop);
                    }
                    self.store_target(target)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign { target, value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
            }
            StmtKind::FunctionDef(def) => self.function_def(def, stmt.line)?,
            StmtKind::ClassDef(class) => self.class_def(class, stmt.line)?,
            StmtKind::Return(value) => self.return_stmt(value.as_ref(), stmt.line)?,
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Pass => {}
            StmtKind::Break => self.break_stmt(stmt.line)?,
            StmtKind::Continue => self.continue_stmt(stmt.line)?,
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.stmts(body)?;
                if orelse.is_empty() {
                    self.patch(to_else);
                } else {
                    let to_end = self.emit(Op::Jump(0));
                    self.patch(to_else);
                    self.stmts(orelse)?;
                    self.patch(to_end);
                }
            }
            StmtKind::While { test, body, orelse } => self.while_stmt(test, body, orelse)?,
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    self.check_await_allowed("'async for'", stmt.line)?;
                    self.async_for_stmt(target, iter, body, orelse)?;
                } else {
                    self.for_stmt(target, iter, body, orelse)?;
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Op::Raise(n));
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let to_end = self.emit(Op::PopJumpIfTrue(0));
                self.emit(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::Call(1));
                }
                self.emit(Op::Raise(1));
                self.patch(to_end);
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async {
                    self.check_await_allowed("'async with'", stmt.line)?;
                }
                self.with_stmt(items, body, *is_async)?;
            }
            StmtKind::Import(aliases) => {
                for alias in aliases {
                    match &alias.asname {
                        Some(asname) => {
                            let i = self.name_idx(&alias.name);
                            self.emit(Op::ImportName(i));
                            self.store_name(asname);
                        }
                        None => {
                            let first = alias
                                .name
                                .split('.')
                                .next()
                                .unwrap_or(&alias.name)
                                .to_string();
                            let i = self.name_idx(&first);
                            self.emit(Op::ImportName(i));
                            self.store_name(&first);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names } => {
                let i = self.name_idx(module);
                self.emit(Op::ImportName(i));
                for alias in names {
                    let n = self.name_idx(&alias.name);
                    self.emit(Op::ImportFrom(n));
                    self.store_name(alias.asname.as_ref().unwrap_or(&alias.name));
                }
                self.emit(Op::PopTop);
            }
            StmtKind::Global(_) => {}
            StmtKind::Nonlocal(names) => {
                if !self.in_function() {
                    return Err(self.error(
                        "nonlocal declaration not allowed at module level",
                        stmt.line,
                    ));
                }
                for name in names {
                    if !self.unit().freevars.iter().any(|f| &**f == name) {
                        return Err(self.error(
                            &format!("no binding for nonlocal '{name}' found"),
                            stmt.line,
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> CResult {
        match &target.kind {
            ExprKind::Name(name) => {
                self.load_name(name);
                self.expr(value)?;
                self.emit(Op::InPlace(op));
                self.store_name(name);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Op::DupTop);
                let i = self.name_idx(attr);
                self.emit(Op::LoadAttr(i));
                self.expr(value)?;
                self.emit(Op::InPlace(op));
                self.emit(Op::RotTwo);
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript { value: obj, index } => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::DupTop2);
                self.emit(Op::Subscr);
                self.expr(value)?;
                self.emit(Op::InPlace(op));
                self.emit(Op::RotThree);
                self.emit(Op::StoreSubscr);
            }
            _ => {
                return Err(self.error(
                    "'expression' is an illegal expression for augmented assignment",
                    target.line,
                ))
            }
        }
        Ok(())
    }

    fn store_target(&mut self, target: &Expr) -> CResult {
        match &target.kind {
            ExprKind::Name(name) => self.store_name(name),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Op::StoreAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items
                    .iter()
                    .position(|e| matches!(e.kind, ExprKind::Starred(_)));
                match star {
                    Some(s) => {
                        if items
                            .iter()
                            .filter(|e| matches!(e.kind, ExprKind::Starred(_)))
                            .count()
                            > 1
                        {
                            return Err(self
                                .error("multiple starred expressions in assignment", target.line));
                        }
                        self.emit(Op::UnpackEx(s as u16, (items.len() - s - 1) as u16));
                    }
                    None => {
                        self.emit(Op::UnpackSequence(items.len() as u32));
                    }
                }
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(item)?,
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(self.error(
                    "starred assignment target must be in a list or tuple",
                    target.line,
                ))
            }
            _ => {
                return Err(self.error(
                    &format!("cannot assign to {}", describe(target)),
                    target.line,
                ))
            }
        }
        Ok(())
    }

    fn delete_target(&mut self, target: &Expr) -> CResult {
        match &target.kind {
            ExprKind::Name(name) => self.delete_name(name),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Op::DeleteAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for item in items {
                    self.delete_target(item)?;
                }
            }
            _ => {
                return Err(self.error(&format!("cannot delete {}", describe(target)), target.line))
            }
        }
        Ok(())
    }

    fn return_stmt(&mut self, value: Option<&Expr>, line: u32) -> CResult {
        if !self.in_function() {
            return Err(self.error("'return' outside function", line));
        }
        match value {
            Some(v) => self.expr(v)?,
            None => self.emit_const(Value::None),
        }
        self.unwind_fblocks(None, true)?;
        self.emit(Op::ReturnValue);
        Ok(())
    }

    fn loop_index(&self) -> Option<usize> {
        self.units
            .last()?
            .fblocks
            .iter()
            .rposition(|b| matches!(b, FBlock::While { .. } | FBlock::For { .. }))
    }

    fn break_stmt(&mut self, line: u32) -> CResult {
        let Some(index) = self.loop_index() else {
            return Err(self.error("'break' outside loop", line));
        };
        self.unwind_fblocks(Some(index + 1), false)?;
        if matches!(self.unit().fblocks[index], FBlock::For { .. }) {
            self.emit(Op::PopTop);
        }
        let jump = self.emit(Op::Jump(0));
        match &mut self.unit().fblocks[index] {
            FBlock::While { breaks, .. } | FBlock::For { breaks, .. } => breaks.push(jump),
            _ => {}
        }
        Ok(())
    }

    fn continue_stmt(&mut self, line: u32) -> CResult {
        let Some(index) = self.loop_index() else {
            return Err(self.error("'continue' not properly in loop", line));
        };
        self.unwind_fblocks(Some(index + 1), false)?;
        let start = match &self.unit().fblocks[index] {
            FBlock::While { start, .. } | FBlock::For { start, .. } => *start,
            _ => 0,
        };
        self.emit(Op::Jump(start as u32));
        Ok(())
    }

    /// Emits the clean-up of every fblock above `down_to` (all of them for `None`),
    /// innermost first. `preserve_tos` keeps a return value on top of the stack.
    fn unwind_fblocks(&mut self, down_to: Option<usize>, preserve_tos: bool) -> CResult {
        let all = std::mem::take(&mut self.unit().fblocks);
        let stop = down_to.unwrap_or(0);
        let mut result = Ok(());
        for i in (stop..all.len()).rev() {
            // While emitting a block's clean-up, only the blocks outside it are active.
            self.unit().fblocks = all[..i].iter().map(FBlock::shallow_clone).collect();
            result = self.unwind_one(&all[i], preserve_tos);
            if result.is_err() {
                break;
            }
        }
        // Keep break lists recorded during clean-up (they target outer loops).
        let inner = std::mem::take(&mut self.unit().fblocks);
        let mut restored = all;
        for (i, block) in inner.into_iter().enumerate() {
            if let (
                FBlock::While { breaks: new, .. } | FBlock::For { breaks: new, .. },
                FBlock::While { breaks, .. } | FBlock::For { breaks, .. },
            ) = (block, &mut restored[i])
            {
                for b in new {
                    if !breaks.contains(&b) {
                        breaks.push(b);
                    }
                }
            }
        }
        self.unit().fblocks = restored;
        result
    }

    fn unwind_one(&mut self, block: &FBlock, preserve_tos: bool) -> CResult {
        match block {
            FBlock::While { .. } => {}
            FBlock::For { .. } => {
                if preserve_tos {
                    self.emit(Op::RotTwo);
                }
                self.emit(Op::PopTop);
            }
            FBlock::Try => {
                self.emit(Op::PopBlock);
            }
            FBlock::Finally(body) => {
                self.emit(Op::PopBlock);
                self.stmts(body)?;
            }
            FBlock::FinallyExc => {
                self.emit(Op::PopExcept);
                if preserve_tos {
                    self.emit(Op::RotTwo);
                }
                self.emit(Op::PopTop);
            }
            FBlock::Handler(name) => {
                self.emit(Op::PopExcept);
                if preserve_tos {
                    self.emit(Op::RotTwo);
                }
                self.emit(Op::PopTop);
                if let Some(name) = name {
                    self.emit_const(Value::None);
                    self.store_name(name);
                    self.delete_name(name);
                }
            }
            FBlock::StarHandler(name) => {
                self.emit(Op::PopExcept);
                // The exception and the unmatched rest sit under any return value.
                for _ in 0..2 {
                    if preserve_tos {
                        self.emit(Op::RotTwo);
                    }
                    self.emit(Op::PopTop);
                }
                if let Some(name) = name {
                    self.emit_const(Value::None);
                    self.store_name(name);
                    self.delete_name(name);
                }
            }
            FBlock::With { is_async } => {
                self.emit(Op::PopBlock);
                if preserve_tos {
                    self.emit(Op::RotTwo);
                }
                self.emit(Op::CallExitNormal);
                if *is_async {
                    self.emit(Op::GetAwaitable);
                    self.emit(Op::Await);
                }
                self.emit(Op::PopTop);
            }
        }
        Ok(())
    }

    fn while_stmt(&mut self, test: &Expr, body: &[Stmt], orelse: &[Stmt]) -> CResult {
        let start = self.pos();
        self.expr(test)?;
        let to_else = self.emit(Op::PopJumpIfFalse(0));
        self.unit().fblocks.push(FBlock::While {
            start,
            breaks: Vec::new(),
        });
        self.stmts(body)?;
        self.emit(Op::Jump(start as u32));
        let breaks = match self.unit().fblocks.pop() {
            Some(FBlock::While { breaks, .. }) => breaks,
            _ => Vec::new(),
        };
        self.patch(to_else);
        self.stmts(orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    fn for_stmt(&mut self, target: &Expr, iter: &Expr, body: &[Stmt], orelse: &[Stmt]) -> CResult {
        self.expr(iter)?;
        self.emit(Op::GetIter);
        let start = self.pos();
        let for_iter = self.emit(Op::ForIter(0));
        self.store_target(target)?;
        self.unit().fblocks.push(FBlock::For {
            start,
            breaks: Vec::new(),
        });
        self.stmts(body)?;
        self.emit(Op::Jump(start as u32));
        let breaks = match self.unit().fblocks.pop() {
            Some(FBlock::For { breaks, .. }) => breaks,
            _ => Vec::new(),
        };
        self.patch(for_iter);
        self.stmts(orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    fn async_for_stmt(
        &mut self,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> CResult {
        self.expr(iter)?;
        self.emit(Op::GetAIter);
        let start = self.pos();
        let setup = self.emit(Op::SetupHandler(0));
        self.emit(Op::GetANext);
        self.emit(Op::GetAwaitable);
        self.emit(Op::Await);
        self.emit(Op::PopBlock);
        self.store_target(target)?;
        self.unit().fblocks.push(FBlock::For {
            start,
            breaks: Vec::new(),
        });
        self.stmts(body)?;
        self.emit(Op::Jump(start as u32));
        let breaks = match self.unit().fblocks.pop() {
            Some(FBlock::For { breaks, .. }) => breaks,
            _ => Vec::new(),
        };
        self.patch(setup);
        self.emit(Op::EndAsyncFor);
        self.stmts(orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    fn try_except(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
    ) -> CResult {
        let setup = self.emit(Op::SetupHandler(0));
        self.unit().fblocks.push(FBlock::Try);
        self.stmts(body)?;
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(orelse)?;
        let to_end = self.emit(Op::Jump(0));
        self.patch(setup);
        let mut ends = vec![to_end];
        if handlers.first().is_some_and(|h| h.is_star) {
            self.star_handlers(handlers, &mut ends)?;
        } else {
            self.handlers(handlers, &mut ends)?;
        }
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    /// The handler chain, entered with the exception on the stack.
    fn handlers(&mut self, handlers: &[ExceptHandler], ends: &mut Vec<usize>) -> CResult {
        self.emit(Op::PushExcInfo);
        for (i, handler) in handlers.iter().enumerate() {
            self.set_line(handler.line);
            let mut next = None;
            match &handler.typ {
                Some(typ) => {
                    self.emit(Op::DupTop);
                    self.expr(typ)?;
                    self.emit(Op::CheckExcMatch);
                    next = Some(self.emit(Op::PopJumpIfFalse(0)));
                }
                None if i + 1 < handlers.len() => {
                    return Err(self.error("default 'except:' must be last", handler.line));
                }
                None => {}
            }
            if let Some(name) = &handler.name {
                self.emit(Op::DupTop);
                self.store_name(name);
            }
            self.unit()
                .fblocks
                .push(FBlock::Handler(handler.name.clone()));
            self.stmts(&handler.body)?;
            self.unit().fblocks.pop();
            self.unwind_one(&FBlock::Handler(handler.name.clone()), false)?;
            ends.push(self.emit(Op::Jump(0)));
            if let Some(next) = next {
                self.patch(next);
            }
        }
        self.emit(Op::Reraise);
        Ok(())
    }

    /// The `except*` chain: each clause takes the part of the (group of)
    /// exception(s) it matches; what no clause took is raised again at the end.
    /// Stack while handling: `[exc, rest]`.
    fn star_handlers(&mut self, handlers: &[ExceptHandler], ends: &mut Vec<usize>) -> CResult {
        self.emit(Op::PushExcInfo);
        self.emit(Op::DupTop);
        for handler in handlers {
            self.set_line(handler.line);
            if let Some(typ) = &handler.typ {
                self.expr(typ)?;
            }
            self.emit(Op::ExcStarMatch);
            let no_match = self.emit(Op::PopJumpIfFalse(0));
            match &handler.name {
                Some(name) => self.store_name(name),
                None => {
                    self.emit(Op::PopTop);
                }
            }
            self.unit()
                .fblocks
                .push(FBlock::StarHandler(handler.name.clone()));
            self.stmts(&handler.body)?;
            self.unit().fblocks.pop();
            if let Some(name) = &handler.name {
                self.emit_const(Value::None);
                self.store_name(name);
                self.delete_name(name);
            }
            let next = self.emit(Op::Jump(0));
            self.patch(no_match);
            self.emit(Op::PopTop);
            self.patch(next);
        }
        self.emit(Op::ExcStarFinish);
        ends.push(self.emit(Op::Jump(0)));
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> CResult {
        let setup = self.emit(Op::SetupHandler(0));
        self.unit()
            .fblocks
            .push(FBlock::Finally(finalbody.to_vec()));
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(finalbody)?;
        let to_end = self.emit(Op::Jump(0));
        self.patch(setup);
        self.emit(Op::PushExcInfo);
        self.unit().fblocks.push(FBlock::FinallyExc);
        self.stmts(finalbody)?;
        self.unit().fblocks.pop();
        self.emit(Op::Reraise);
        self.patch(to_end);
        Ok(())
    }

    fn with_stmt(&mut self, items: &[WithItem], body: &[Stmt], is_async: bool) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        // Errors from `__exit__` are reported on the `with` line, as in CPython.
        let with_line = self.unit().line;
        self.expr(&item.context)?;
        if is_async {
            self.emit(Op::BeforeAsyncWith);
            self.emit(Op::GetAwaitable);
            self.emit(Op::Await);
        } else {
            self.emit(Op::BeforeWith);
        }
        let setup = self.emit(Op::SetupWith(0));
        match &item.target {
            Some(t) => self.store_target(t)?,
            None => {
                self.emit(Op::PopTop);
            }
        }
        self.unit().fblocks.push(FBlock::With { is_async });
        if rest.is_empty() {
            self.stmts(body)?;
        } else {
            self.with_stmt(rest, body, is_async)?;
        }
        self.unit().fblocks.pop();
        self.set_line(with_line);
        self.emit(Op::PopBlock);
        self.emit(Op::CallExitNormal);
        if is_async {
            self.emit(Op::GetAwaitable);
            self.emit(Op::Await);
        }
        self.emit(Op::PopTop);
        let to_end = self.emit(Op::Jump(0));
        self.patch(setup);
        self.set_line(with_line);
        self.emit(Op::PushExcInfo);
        self.emit(Op::CallExitWithExc);
        if is_async {
            self.emit(Op::GetAwaitable);
            self.emit(Op::Await);
        }
        self.emit(Op::ExitWithExcFinish);
        self.patch(to_end);
        Ok(())
    }

    fn defaults(&mut self, params: &Params) -> Result<MakeFunctionFlags, SyntaxError> {
        let mut flags = MakeFunctionFlags::default();
        let defaults: Vec<&Expr> = params
            .args
            .iter()
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple(defaults.len() as u32));
            flags.defaults = true;
        }
        let kwdefaults: Vec<(&str, &Expr)> = params
            .kwonly
            .iter()
            .filter_map(|p| p.default.as_ref().map(|d| (p.name.as_str(), d)))
            .collect();
        if !kwdefaults.is_empty() {
            for (name, d) in &kwdefaults {
                self.emit_const(Value::str(name));
                self.expr(d)?;
            }
            self.emit(Op::BuildMap(kwdefaults.len() as u32));
            flags.kwdefaults = true;
        }
        Ok(flags)
    }

    fn child_qualname(&self, name: &str) -> String {
        let unit = self.units.last().expect("a unit is always being compiled");
        match unit.kind {
            UnitKind::Module { .. } => name.to_string(),
            UnitKind::Class => format!("{}.{}", unit.qualname, name),
            UnitKind::Function { .. } => format!("{}.<locals>.{}", unit.qualname, name),
        }
    }

    /// Emits `MakeFunction` for a finished child code object, with its closure.
    fn make_function(
        &mut self,
        code: Rc<Code>,
        freevars: &[Rc<str>],
        mut flags: MakeFunctionFlags,
    ) {
        if !freevars.is_empty() {
            for name in freevars {
                let unit = self.unit();
                let index = unit
                    .cellvars
                    .iter()
                    .position(|n| n == name)
                    .or_else(|| {
                        unit.freevars
                            .iter()
                            .position(|n| n == name)
                            .map(|i| i + unit.cellvars.len())
                    })
                    .unwrap_or(0);
                self.emit(Op::LoadClosure(index as u32));
            }
            self.emit(Op::BuildTuple(freevars.len() as u32));
            flags.closure = true;
        }
        let i = self.add_const(Value::Code(code));
        self.emit(Op::MakeFunction(i, flags));
    }

    fn function_def(&mut self, def: &FunctionDef, line: u32) -> CResult {
        for d in &def.decorators {
            self.expr(d)?;
        }
        self.set_line(line);
        let flags = self.defaults(&def.params)?;
        let facts = symtable::analyze_function(&def.params, &def.body);
        let kind = if def.is_async && facts.has_yield {
            CodeKind::AsyncGenerator
        } else if def.is_async {
            CodeKind::Coroutine
        } else if facts.has_yield {
            CodeKind::Generator
        } else {
            CodeKind::Function
        };
        let qualname = self.child_qualname(&def.name);
        let params = symtable::param_names(&def.params);
        self.push_unit(
            UnitKind::Function {
                is_async: def.is_async,
            },
            &def.name,
            &qualname,
            line,
            &facts,
            &params,
        );
        self.stmts(&def.body)?;
        self.emit_const(Value::None);
        self.emit(Op::ReturnValue);
        let (code, freevars) = self.finish_function(kind, &def.params);
        let code = with_doc(code, &def.body);
        self.make_function(code, &freevars, flags);
        for _ in &def.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&def.name);
        Ok(())
    }

    fn finish_function(&mut self, kind: CodeKind, params: &Params) -> (Rc<Code>, Vec<Rc<str>>) {
        let (code, freevars) = self.pop_unit(kind);
        let mut code = Rc::try_unwrap(code).unwrap_or_else(|rc| clone_code(&rc));
        code.argcount = params.args.len() as u32;
        code.kwonlyargcount = params.kwonly.len() as u32;
        code.posonlyargcount = params.posonly as u32;
        code.has_varargs = params.vararg.is_some();
        code.has_varkw = params.kwarg.is_some();
        (Rc::new(code), freevars)
    }

    fn class_def(&mut self, class: &ClassDef, line: u32) -> CResult {
        for d in &class.decorators {
            self.expr(d)?;
        }
        self.set_line(line);
        self.emit(Op::LoadBuildClass);
        let facts = symtable::analyze_class(&class.body);
        let qualname = self.child_qualname(&class.name);
        self.push_unit(UnitKind::Class, &class.name, &qualname, line, &facts, &[]);
        self.stmts(&class.body)?;
        self.emit_const(Value::None);
        self.emit(Op::ReturnValue);
        let (code, freevars) = self.pop_unit(CodeKind::Class);
        self.make_function(code, &freevars, MakeFunctionFlags::default());
        self.emit_const(Value::str(&class.name));
        for base in &class.bases {
            self.expr(base)?;
        }
        self.emit(Op::Call(2 + class.bases.len() as u32));
        for _ in &class.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&class.name);
        Ok(())
    }

    // ---- expressions ----

    fn expr(&mut self, expr: &Expr) -> CResult {
        self.set_line(expr.line);
        match &expr.kind {
            ExprKind::None => self.emit_const(Value::None),
            ExprKind::Bool(b) => self.emit_const(Value::Bool(*b)),
            ExprKind::Int(digits) => {
                let value = digits
                    .parse::<BigInt>()
                    .map(Value::from_bigint)
                    .map_err(|_| self.error("invalid decimal literal", expr.line))?;
                self.emit_const(value);
            }
            ExprKind::Float(x) => self.emit_const(Value::Float(*x)),
            ExprKind::Str(s) => self.emit_const(Value::str(s)),
            ExprKind::Bytes(b) => self.emit_const(Value::Bytes(Rc::from(b.as_slice()))),
            ExprKind::Ellipsis => self.emit_const(Value::Ellipsis),
            ExprKind::FString(parts) => self.fstring(parts)?,
            ExprKind::Name(name) => self.load_name(name),
            ExprKind::List(items) => self.sequence(items, SeqKind::List)?,
            ExprKind::Tuple(items) => self.sequence(items, SeqKind::Tuple)?,
            ExprKind::Set(items) => self.sequence(items, SeqKind::Set)?,
            ExprKind::Dict(pairs) => self.dict_display(pairs)?,
            ExprKind::Starred(_) => {
                return Err(self.error("can't use starred expression here", expr.line))
            }
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Op::LoadAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::Subscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(e) => self.expr(e)?,
                        None => self.emit_const(Value::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords)?,
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Op::Binary(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(Op::Unary(*op));
            }
            ExprKind::BoolOp { op, values } => {
                let mut jumps = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        jumps.push(self.emit(match op {
                            BoolOp::And => Op::JumpIfFalseOrPop(0),
                            BoolOp::Or => Op::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in jumps {
                    self.patch(j);
                }
            }
            ExprKind::Compare { left, ops } => self.compare(left, ops)?,
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.expr(body)?;
                let to_end = self.emit(Op::Jump(0));
                self.patch(to_else);
                self.expr(orelse)?;
                self.patch(to_end);
            }
            ExprKind::Lambda { params, body } => self.lambda(params, body, expr.line)?,
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(CompKind::List, &[elt], generators, expr.line)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(CompKind::Set, &[elt], generators, expr.line)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(CompKind::Dict, &[key, value], generators, expr.line)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(CompKind::Generator, &[elt], generators, expr.line)?
            }
            ExprKind::Await(value) => {
                self.check_await_allowed("'await'", expr.line)?;
                self.expr(value)?;
                self.emit(Op::GetAwaitable);
                self.emit(Op::Await);
            }
            ExprKind::Yield(value) => {
                if !self.in_function() {
                    return Err(self.error("'yield' outside function", expr.line));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Value::None),
                }
                self.emit(Op::YieldValue);
            }
            ExprKind::YieldFrom(value) => {
                if !self.in_function() {
                    return Err(self.error("'yield' outside function", expr.line));
                }
                self.expr(value)?;
                self.emit(Op::GetIter);
                self.emit_const(Value::None);
                self.emit(Op::YieldFrom);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Op::DupTop);
                self.store_name(target);
            }
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &[FStringPart]) -> CResult {
        let mut count = 0;
        for part in parts {
            match part {
                FStringPart::Literal(text) => self.emit_const(Value::str(text)),
                FStringPart::Value {
                    value,
                    conversion,
                    spec,
                    debug_text,
                } => {
                    if let Some(text) = debug_text {
                        self.emit_const(Value::str(text));
                        count += 1;
                    }
                    self.expr(value)?;
                    let conversion = match conversion {
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        // `{x=}` without a conversion or spec shows the repr.
                        _ if debug_text.is_some() && spec.is_empty() => 2,
                        _ => 0,
                    };
                    let has_spec = !spec.is_empty();
                    if has_spec {
                        self.fstring(spec)?;
                    }
                    self.emit(Op::FormatValue(conversion, has_spec));
                }
            }
            count += 1;
        }
        if count != 1 || !matches!(parts.first(), Some(FStringPart::Value { .. })) || count == 0 {
            self.emit(Op::BuildString(count));
        }
        Ok(())
    }

    fn sequence(&mut self, items: &[Expr], kind: SeqKind) -> CResult {
        let has_star = items.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)));
        if !has_star {
            for item in items {
                self.expr(item)?;
            }
            let n = items.len() as u32;
            self.emit(match kind {
                SeqKind::List => Op::BuildList(n),
                SeqKind::Tuple => Op::BuildTuple(n),
                SeqKind::Set => Op::BuildSet(n),
            });
            return Ok(());
        }
        self.emit(if kind == SeqKind::Set {
            Op::BuildSet(0)
        } else {
            Op::BuildList(0)
        });
        for item in items {
            match &item.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(if kind == SeqKind::Set {
                        Op::SetUpdate(1)
                    } else {
                        Op::ListExtend(1)
                    });
                }
                _ => {
                    self.expr(item)?;
                    self.emit(if kind == SeqKind::Set {
                        Op::SetAdd(1)
                    } else {
                        Op::ListAppend(1)
                    });
                }
            }
        }
        if kind == SeqKind::Tuple {
            self.emit(Op::ListToTuple);
        }
        Ok(())
    }

    fn dict_display(&mut self, pairs: &[(Option<Expr>, Expr)]) -> CResult {
        if pairs.iter().all(|(k, _)| k.is_some()) {
            for (k, v) in pairs {
                if let Some(k) = k {
                    self.expr(k)?;
                }
                self.expr(v)?;
            }
            self.emit(Op::BuildMap(pairs.len() as u32));
            return Ok(());
        }
        self.emit(Op::BuildMap(0));
        for (k, v) in pairs {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd(1));
                }
                None => {
                    self.expr(v)?;
                    self.emit(Op::DictUpdate(1));
                }
            }
        }
        Ok(())
    }

    fn call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> CResult {
        self.expr(func)?;
        let line = func.line;
        let dynamic = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            || keywords.iter().any(|k| k.name.is_none());
        if !dynamic {
            for a in args {
                self.expr(a)?;
            }
            if keywords.is_empty() {
                self.set_line(line);
                self.emit(Op::Call(args.len() as u32));
            } else {
                let mut names = Vec::new();
                for k in keywords {
                    self.expr(&k.value)?;
                    names.push(Value::str(k.name.as_deref().unwrap_or_default()));
                }
                let names_const = self.add_const(Value::tuple(names));
                self.set_line(line);
                self.emit(Op::CallKw(
                    (args.len() + keywords.len()) as u32,
                    names_const,
                ));
            }
            return Ok(());
        }
        self.emit(Op::BuildList(0));
        for a in args {
            match &a.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(Op::ListExtend(1));
                }
                _ => {
                    self.expr(a)?;
                    self.emit(Op::ListAppend(1));
                }
            }
        }
        self.emit(Op::ListToTuple);
        let has_kw = !keywords.is_empty();
        if has_kw {
            self.emit(Op::BuildMap(0));
            for k in keywords {
                match &k.name {
                    Some(name) => {
                        self.emit_const(Value::str(name));
                        self.expr(&k.value)?;
                        self.emit(Op::MapAdd(1));
                    }
                    None => {
                        self.expr(&k.value)?;
                        self.emit(Op::DictUpdate(1));
                    }
                }
            }
        }
        self.set_line(line);
        self.emit(Op::CallEx(has_kw));
        Ok(())
    }

    fn compare(&mut self, left: &Expr, ops: &[(CmpOp, Expr)]) -> CResult {
        self.expr(left)?;
        if ops.len() == 1 {
            self.expr(&ops[0].1)?;
            self.emit(Op::Compare(ops[0].0));
            return Ok(());
        }
        let mut cleanups = Vec::new();
        for (i, (op, right)) in ops.iter().enumerate() {
            self.expr(right)?;
            if i + 1 < ops.len() {
                self.emit(Op::DupTop);
                self.emit(Op::RotThree);
                self.emit(Op::Compare(*op));
                cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
            } else {
                self.emit(Op::Compare(*op));
            }
        }
        let to_end = self.emit(Op::Jump(0));
        for c in cleanups {
            self.patch(c);
        }
        self.emit(Op::RotTwo);
        self.emit(Op::PopTop);
        self.patch(to_end);
        Ok(())
    }

    fn lambda(&mut self, params: &Params, body: &Expr, line: u32) -> CResult {
        let flags = self.defaults(params)?;
        let facts = symtable::analyze_lambda(params, body);
        let kind = if facts.has_yield {
            CodeKind::Generator
        } else {
            CodeKind::Function
        };
        let qualname = self.child_qualname("<lambda>");
        let names = symtable::param_names(params);
        self.push_unit(
            UnitKind::Function { is_async: false },
            "<lambda>",
            &qualname,
            line,
            &facts,
            &names,
        );
        self.expr(body)?;
        self.emit(Op::ReturnValue);
        let (code, freevars) = self.finish_function(kind, params);
        self.make_function(code, &freevars, flags);
        Ok(())
    }

    fn comprehension(
        &mut self,
        kind: CompKind,
        elts: &[&Expr],
        generators: &[Comprehension],
        line: u32,
    ) -> CResult {
        let facts = symtable::analyze_comprehension(elts, generators);
        let is_async = facts.has_await && kind != CompKind::Generator;
        if facts.has_await {
            self.check_await_allowed("asynchronous comprehension", line)?;
        }
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        };
        let qualname = self.child_qualname(name);
        self.push_unit(
            UnitKind::Function { is_async },
            name,
            &qualname,
            line,
            &facts,
            &[".0".to_string()],
        );
        match kind {
            CompKind::List => {
                self.emit(Op::BuildList(0));
            }
            CompKind::Set => {
                self.emit(Op::BuildSet(0));
            }
            CompKind::Dict => {
                self.emit(Op::BuildMap(0));
            }
            CompKind::Generator => {}
        }
        self.comprehension_loop(kind, elts, generators, 0)?;
        if kind == CompKind::Generator {
            self.emit_const(Value::None);
        }
        self.emit(Op::ReturnValue);
        let code_kind = match kind {
            CompKind::Generator => CodeKind::Generator,
            _ if is_async => CodeKind::Coroutine,
            _ => CodeKind::Function,
        };
        let params = Params {
            args: vec![Param {
                name: ".0".into(),
                default: None,
            }],
            ..Params::default()
        };
        let (code, freevars) = self.finish_function(code_kind, &params);
        self.make_function(code, &freevars, MakeFunctionFlags::default());
        let first = generators
            .first()
            .ok_or_else(|| self.error("invalid syntax", line))?;
        self.expr(&first.iter)?;
        self.emit(if first.is_async {
            Op::GetAIter
        } else {
            Op::GetIter
        });
        self.emit(Op::Call(1));
        if is_async {
            self.emit(Op::GetAwaitable);
            self.emit(Op::Await);
        }
        Ok(())
    }

    fn comprehension_loop(
        &mut self,
        kind: CompKind,
        elts: &[&Expr],
        generators: &[Comprehension],
        depth: usize,
    ) -> CResult {
        let generator = &generators[depth];
        if depth == 0 {
            self.emit(Op::LoadFast(0));
        } else {
            self.expr(&generator.iter)?;
            self.emit(if generator.is_async {
                Op::GetAIter
            } else {
                Op::GetIter
            });
        }
        let start = self.pos();
        let (exit_jump, async_setup) = if generator.is_async {
            let setup = self.emit(Op::SetupHandler(0));
            self.emit(Op::GetANext);
            self.emit(Op::GetAwaitable);
            self.emit(Op::Await);
            self.emit(Op::PopBlock);
            (None, Some(setup))
        } else {
            (Some(self.emit(Op::ForIter(0))), None)
        };
        self.store_target(&generator.target)?;
        let mut skips = Vec::new();
        for cond in &generator.ifs {
            self.expr(cond)?;
            skips.push(self.emit(Op::PopJumpIfFalse(start as u32)));
        }
        if depth + 1 < generators.len() {
            self.comprehension_loop(kind, elts, generators, depth + 1)?;
        } else {
            let stack_depth = (depth + 2) as u32;
            match kind {
                CompKind::List => {
                    self.expr(elts[0])?;
                    self.emit(Op::ListAppend(stack_depth));
                }
                CompKind::Set => {
                    self.expr(elts[0])?;
                    self.emit(Op::SetAdd(stack_depth));
                }
                CompKind::Dict => {
                    self.expr(elts[0])?;
                    self.expr(elts[1])?;
                    self.emit(Op::MapAdd(stack_depth));
                }
                CompKind::Generator => {
                    self.expr(elts[0])?;
                    self.emit(Op::YieldValue);
                    self.emit(Op::PopTop);
                }
            }
        }
        self.emit(Op::Jump(start as u32));
        if let Some(j) = exit_jump {
            self.patch(j);
        }
        if let Some(setup) = async_setup {
            self.patch(setup);
            self.emit(Op::EndAsyncFor);
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SeqKind {
    List,
    Tuple,
    Set,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

impl FBlock {
    /// A copy for the temporary block stack used while emitting clean-ups;
    /// break lists start empty and are merged back afterwards.
    fn shallow_clone(&self) -> FBlock {
        match self {
            FBlock::While { start, .. } => FBlock::While {
                start: *start,
                breaks: Vec::new(),
            },
            FBlock::For { start, .. } => FBlock::For {
                start: *start,
                breaks: Vec::new(),
            },
            FBlock::Try => FBlock::Try,
            FBlock::Finally(body) => FBlock::Finally(body.clone()),
            FBlock::FinallyExc => FBlock::FinallyExc,
            FBlock::Handler(name) => FBlock::Handler(name.clone()),
            FBlock::StarHandler(name) => FBlock::StarHandler(name.clone()),
            FBlock::With { is_async } => FBlock::With {
                is_async: *is_async,
            },
        }
    }
}

/// Records the docstring of a function whose body starts with a string literal.
fn with_doc(code: Rc<Code>, body: &[Stmt]) -> Rc<Code> {
    let Some(Stmt {
        kind: StmtKind::Expr(Expr {
            kind: ExprKind::Str(doc),
            ..
        }),
        ..
    }) = body.first()
    else {
        return code;
    };
    let mut code = Rc::try_unwrap(code).unwrap_or_else(|rc| clone_code(&rc));
    code.doc = Some(Rc::from(doc.as_str()));
    Rc::new(code)
}

fn clone_code(code: &Code) -> Code {
    Code {
        ops: code.ops.clone(),
        lines: code.lines.clone(),
        consts: code.consts.clone(),
        names: code.names.clone(),
        name_hashes: code.name_hashes.clone(),
        varnames: code.varnames.clone(),
        cellvars: code.cellvars.clone(),
        freevars: code.freevars.clone(),
        cell_params: code.cell_params.clone(),
        argcount: code.argcount,
        kwonlyargcount: code.kwonlyargcount,
        posonlyargcount: code.posonlyargcount,
        has_varargs: code.has_varargs,
        has_varkw: code.has_varkw,
        kind: code.kind,
        name: code.name.clone(),
        qualname: code.qualname.clone(),
        filename: code.filename.clone(),
        first_line: code.first_line,
        uses_super: code.uses_super,
        doc: code.doc.clone(),
    }
}

/// How CPython names an expression in "cannot assign to ..." messages.
fn describe(expr: &Expr) -> &'static str {
    match &expr.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Bool(_)
        | ExprKind::None => "literal",
        ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Await(_) => "await expression",
        _ => "expression",
    }
}
