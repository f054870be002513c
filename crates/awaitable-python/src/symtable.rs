//! Scope analysis: which names a function binds, declares and uses, before compiling it.
//!
//! The compiler asks for the facts of one scope at a time; nested scopes report
//! the names they need from outside ("raw free" names), which become cells in
//! the enclosing function that binds them.

use std::collections::BTreeSet;

use crate::ast::*;

/// What a scope does with names, gathered from its body.
#[derive(Debug, Default, Clone)]
pub struct ScopeFacts {
    /// Names bound in the scope (assignment, def, class, import, for, with, except).
    pub assigned: BTreeSet<String>,
    /// Names declared `global`.
    pub globals: BTreeSet<String>,
    /// Names declared `nonlocal`.
    pub nonlocals: BTreeSet<String>,
    /// Names read.
    pub used: BTreeSet<String>,
    /// Names nested scopes need from this scope or beyond.
    pub child_free: BTreeSet<String>,
    /// The body contains `yield` (a generator).
    pub has_yield: bool,
    /// The body contains `await`, `async for` or `async with` (outside nested scopes).
    pub has_await: bool,
}

impl ScopeFacts {
    /// The names local to a function scope with these facts and parameters.
    pub fn locals(&self) -> BTreeSet<String> {
        self.assigned
            .iter()
            .filter(|n| !self.globals.contains(*n) && !self.nonlocals.contains(*n))
            .cloned()
            .collect()
    }

    /// The names this scope needs from enclosing scopes (before knowing what they bind).
    pub fn raw_free(&self) -> BTreeSet<String> {
        let locals = self.locals();
        self.used
            .iter()
            .chain(self.child_free.iter())
            .chain(self.nonlocals.iter())
            .filter(|n| !locals.contains(*n) && !self.globals.contains(*n))
            .cloned()
            .collect()
    }
}

/// Analyzes a function: its parameters are bound, then its body.
pub fn analyze_function(params: &Params, body: &[Stmt]) -> ScopeFacts {
    let mut facts = ScopeFacts::default();
    for name in param_names(params) {
        facts.assigned.insert(name);
    }
    let mut visitor = Visitor {
        facts: &mut facts,
        in_class: false,
        in_comprehension: false,
    };
    visitor.stmts(body);
    facts
}

/// Analyzes a lambda's body expression.
pub fn analyze_lambda(params: &Params, body: &Expr) -> ScopeFacts {
    let mut facts = ScopeFacts::default();
    for name in param_names(params) {
        facts.assigned.insert(name);
    }
    Visitor {
        facts: &mut facts,
        in_class: false,
        in_comprehension: false,
    }
    .expr(body);
    facts
}

/// Analyzes a class body (its names live in the class namespace, not in cells).
pub fn analyze_class(body: &[Stmt]) -> ScopeFacts {
    let mut facts = ScopeFacts::default();
    Visitor {
        facts: &mut facts,
        in_class: true,
        in_comprehension: false,
    }
    .stmts(body);
    facts
}

/// Analyzes a module or notebook cell.
pub fn analyze_module(body: &[Stmt]) -> ScopeFacts {
    analyze_class(body)
}

/// Analyzes a comprehension's inner scope: everything but the first iterable.
pub fn analyze_comprehension(elts: &[&Expr], generators: &[Comprehension]) -> ScopeFacts {
    let mut facts = ScopeFacts::default();
    facts.assigned.insert(".0".to_string());
    let mut visitor = Visitor {
        facts: &mut facts,
        in_class: false,
        in_comprehension: true,
    };
    for (i, generator) in generators.iter().enumerate() {
        if i > 0 {
            visitor.expr(&generator.iter);
        }
        visitor.target(&generator.target);
        for cond in &generator.ifs {
            visitor.expr(cond);
        }
        if generator.is_async {
            visitor.facts.has_await = true;
        }
    }
    for elt in elts {
        visitor.expr(elt);
    }
    facts
}

/// The parameter names in frame order: positional, keyword-only, `*args`, `**kwargs`.
pub fn param_names(params: &Params) -> Vec<String> {
    let mut names: Vec<String> = params.args.iter().map(|p| p.name.clone()).collect();
    names.extend(params.kwonly.iter().map(|p| p.name.clone()));
    names.extend(params.vararg.iter().cloned());
    names.extend(params.kwarg.iter().cloned());
    names
}

struct Visitor<'a> {
    facts: &'a mut ScopeFacts,
    in_class: bool,
    /// Walrus targets in a comprehension bind in the enclosing scope.
    in_comprehension: bool,
}

impl Visitor<'_> {
    fn stmts(&mut self, body: &[Stmt]) {
        for stmt in body {
            self.stmt(stmt);
        }
    }

    fn child(&mut self, child: ScopeFacts) {
        let free = child.raw_free();
        self.facts.child_free.extend(free);
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                for t in targets {
                    self.target(t);
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value);
                if let ExprKind::Name(n) = &target.kind {
                    self.facts.used.insert(n.clone());
                }
                self.target(target);
            }
            StmtKind::AnnAssign { target, value } => {
                if let Some(v) = value {
                    self.expr(v);
                    self.target(target);
                }
            }
            StmtKind::FunctionDef(def) => {
                for d in &def.decorators {
                    self.expr(d);
                }
                self.defaults(&def.params);
                self.facts.assigned.insert(def.name.clone());
                self.child(analyze_function(&def.params, &def.body));
            }
            StmtKind::ClassDef(class) => {
                for e in class.decorators.iter().chain(class.bases.iter()) {
                    self.expr(e);
                }
                self.facts.assigned.insert(class.name.clone());
                let facts = analyze_class(&class.body);
                // Names used directly in a class body resolve through globals, so only
                // what its methods need passes through to us.
                self.facts
                    .child_free
                    .extend(facts.child_free.iter().cloned());
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.target(t);
                }
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                self.expr(iter);
                self.target(target);
                self.stmts(body);
                self.stmts(orelse);
                self.facts.has_await |= *is_async;
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    if let Some(n) = &h.name {
                        self.facts.assigned.insert(n.clone());
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Raise { exc, cause } => {
                for e in exc.iter().chain(cause.iter()) {
                    self.expr(e);
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                for item in items {
                    self.expr(&item.context);
                    if let Some(t) = &item.target {
                        self.target(t);
                    }
                }
                self.stmts(body);
                self.facts.has_await |= *is_async;
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let local = a
                        .asname
                        .clone()
                        .unwrap_or_else(|| a.name.split('.').next().unwrap_or("").to_string());
                    self.facts.assigned.insert(local);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    self.facts
                        .assigned
                        .insert(a.asname.clone().unwrap_or_else(|| a.name.clone()));
                }
            }
            StmtKind::Global(names) => self.facts.globals.extend(names.iter().cloned()),
            StmtKind::Nonlocal(names) => self.facts.nonlocals.extend(names.iter().cloned()),
        }
    }

    fn defaults(&mut self, params: &Params) {
        for p in params.args.iter().chain(params.kwonly.iter()) {
            if let Some(d) = &p.default {
                self.expr(d);
            }
        }
    }

    fn target(&mut self, target: &Expr) {
        match &target.kind {
            ExprKind::Name(n) => {
                self.facts.assigned.insert(n.clone());
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for item in items {
                    self.target(item);
                }
            }
            ExprKind::Starred(inner) => self.target(inner),
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value);
                self.expr(index);
            }
            _ => self.expr(target),
        }
    }

    fn comprehension(&mut self, elts: &[&Expr], generators: &[Comprehension]) {
        if let Some(first) = generators.first() {
            self.expr(&first.iter);
        }
        let facts = analyze_comprehension(elts, generators);
        // An `await` inside a comprehension makes the enclosing function await it.
        self.facts.has_await |= facts.has_await;
        for target in &facts.nonlocals {
            if self.in_comprehension {
                self.facts.nonlocals.insert(target.clone());
            } else {
                self.facts.assigned.insert(target.clone());
            }
        }
        self.child(facts);
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::None
            | ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bytes(_)
            | ExprKind::Ellipsis => {}
            ExprKind::FString(parts) => self.fstring(parts),
            ExprKind::Name(n) => {
                self.facts.used.insert(n.clone());
            }
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                for item in items {
                    self.expr(item);
                }
            }
            ExprKind::Dict(pairs) => {
                for (k, v) in pairs {
                    if let Some(k) = k {
                        self.expr(k);
                    }
                    self.expr(v);
                }
            }
            ExprKind::Starred(inner) | ExprKind::Await(inner) | ExprKind::YieldFrom(inner) => {
                if matches!(expr.kind, ExprKind::Await(_)) {
                    self.facts.has_await = true;
                }
                if matches!(expr.kind, ExprKind::YieldFrom(_)) {
                    self.facts.has_yield = true;
                }
                self.expr(inner);
            }
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value);
                self.expr(index);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(part);
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func);
                if let ExprKind::Name(n) = &func.kind {
                    if n == "super" && !self.in_class {
                        // Zero-argument super() reads the first parameter.
                        self.facts.used.insert("super".into());
                    }
                }
                for a in args {
                    self.expr(a);
                }
                for k in keywords {
                    self.expr(&k.value);
                }
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(v);
                }
            }
            ExprKind::Compare { left, ops } => {
                self.expr(left);
                for (_, e) in ops {
                    self.expr(e);
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Lambda { params, body } => {
                self.defaults(params);
                self.child(analyze_lambda(params, body));
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => self.comprehension(&[elt], generators),
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(&[key, value], generators),
            ExprKind::Yield(value) => {
                self.facts.has_yield = true;
                if let Some(v) = value {
                    self.expr(v);
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value);
                if self.in_comprehension {
                    self.facts.nonlocals.insert(target.clone());
                } else {
                    self.facts.assigned.insert(target.clone());
                }
            }
        }
    }

    fn fstring(&mut self, parts: &[FStringPart]) {
        for part in parts {
            if let FStringPart::Value { value, spec, .. } = part {
                self.expr(value);
                self.fstring(spec);
            }
        }
    }
}
