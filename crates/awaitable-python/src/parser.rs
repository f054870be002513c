//! A hand-written recursive-descent parser from tokens to the AST.
//!
//! The grammar follows CPython 3.12's, and so do the error messages for the
//! common mistakes (CPython finds those in a second parsing pass with extra
//! "invalid_*" rules; here they are checked at the point of failure).
//!
//! Two limits keep arbitrary input from exhausting the stack: nesting that
//! the parser handles by recursion is capped (`MAX_DEPTH`), and the height
//! of the trees built by loops (`a + b + c ...`, `a.b.c ...`) is capped
//! (`MAX_HEIGHT`), because whoever walks or drops the tree recurses too.

use crate::ast::{
    Alias, BinOp, BoolOp, ClassDef, CmpOp, Comprehension, ExceptHandler, Expr, ExprKind,
    FStringPart, FunctionDef, Keyword, Module, Param, Params, Stmt, StmtKind, SyntaxError,
    SyntaxErrorKind, UnaryOp, WithItem,
};
use crate::lexer::{
    self, FStringToken, FieldToken, Keyword as Kw, LexPriority, Op, StringToken, Token, TokenKind,
};
use std::cell::Cell;

/// How deeply the parser may recurse: each nested expression, unary
/// operator, `**` operand, f-string field and indented block counts one.
/// With the lexer's bracket limit this bounds the stack the parser uses.
const MAX_DEPTH: u32 = 200;
/// The tallest expression tree the parser builds. Together with `MAX_DEPTH`
/// this bounds the height of every tree, so recursive walkers are safe.
pub const MAX_HEIGHT: u32 = 1000;
/// The longest `if`/`elif` chain: each `elif` nests one level in the AST.
const MAX_ELIF_CHAIN: usize = 1000;

const INVALID_SYNTAX: &str = "invalid syntax";

// Binding powers for `parse_operators`, loosest first.
const BP_OR: u8 = 1;
const BP_AND: u8 = 2;
const BP_NOT: u8 = 3;
const BP_COMPARE: u8 = 4;
const BP_BIT_OR: u8 = 5;
const BP_BIT_XOR: u8 = 6;
const BP_BIT_AND: u8 = 7;
const BP_SHIFT: u8 = 8;
const BP_SUM: u8 = 9;
const BP_TERM: u8 = 10;
const BP_UNARY: u8 = 11;
const BP_POWER: u8 = 12;

/// The kinds of infix operator `parse_operators` handles.
#[derive(Debug, Clone, Copy)]
enum Infix {
    Bool(Kw, BoolOp),
    Compare,
    Binary(BinOp),
}

type PResult<T> = Result<T, SyntaxError>;

/// The token that stands in when a token list is unexpectedly empty.
static EOF_TOKEN: Token = Token {
    kind: TokenKind::EndOfFile,
    start: 0,
    end: 0,
    line: 1,
    column: 1,
};

/// Parses a module (a file or a notebook cell).
///
/// Returns the first error as CPython 3.12 would report it. Errors that
/// CPython's compiler reports (`'return' outside function`, misplaced
/// `await`, `break` outside a loop, ...) are left to the compiler.
pub fn parse_module(source: &str) -> Result<Module, SyntaxError> {
    let (tokens, lex_failure) = lexer::tokenize_partial(source);
    let mut parser = Parser::new(&tokens, 0, 0);
    let result = parser.parse_file();
    let Some(failure) = lex_failure else {
        let body = result?;
        return match parser.deferred.take() {
            Some(error) => Err(error),
            None => Ok(Module { body }),
        };
    };
    let Err(error) = result else {
        return Err(failure.error);
    };
    // The tokens stop where tokenizing failed; CPython raises the
    // tokenizer's error as soon as the parser asks for that point.
    let furthest = parser.furthest.get();
    if furthest + 1 >= tokens.len() {
        return Err(failure.error);
    }
    let wins = match failure.priority {
        LexPriority::Always => true,
        LexPriority::WhenReached => false,
        LexPriority::Unclosed(line) => line < parser.token_at(furthest).line,
    };
    Err(if wins { failure.error } else { error })
}

/// Where a target appears, which changes what is allowed and the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TargetCtx {
    Store,
    For,
    Del,
}

/// What the parser needs to restore after a speculative parse.
#[derive(Debug, Clone)]
struct Saved {
    pos: usize,
    depth: u32,
    parens: u32,
    deferred: Option<SyntaxError>,
    no_hints: bool,
}

/// Parameter-list state while parsing `def` or `lambda` parameters.
#[derive(Default)]
struct ParamState<'t> {
    params: Params,
    seen_default: bool,
    seen_slash: bool,
    /// The `*` token, if a `*` or `*args` was seen.
    star: Option<&'t Token>,
    names: Vec<String>,
}

/// Call arguments while parsing them.
#[derive(Default)]
struct CallArgs {
    args: Vec<Expr>,
    keywords: Vec<Keyword>,
    seen_keyword: bool,
    seen_double_star: bool,
}

struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
    /// Current recursion nesting, checked against `MAX_DEPTH`.
    depth: u32,
    /// Open brackets around the current position (for the comma hint).
    parens: u32,
    /// The first error that CPython only finds after parsing (its compiler
    /// or symbol table), reported if parsing succeeds.
    deferred: Option<SyntaxError>,
    /// The furthest token index looked at, even speculatively: it decides
    /// whether a tokenizer error was "reached".
    furthest: Cell<usize>,
    /// Set while parsing speculatively without CPython's error hints (its
    /// `expression_without_invalid`), which also keeps that parse linear.
    no_hints: bool,
}

fn error_at(token: &Token, message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::Syntax,
        message: message.into(),
        line: token.line,
        column: token.column,
    }
}

fn indentation_error(token: &Token, message: impl Into<String>, column: u32) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::Indentation,
        message: message.into(),
        line: token.line,
        column,
    }
}

fn expr(kind: ExprKind, line: u32) -> Expr {
    Expr { kind, line }
}

impl<'t> Parser<'t> {
    fn new(tokens: &'t [Token], depth: u32, parens: u32) -> Self {
        Parser {
            tokens,
            pos: 0,
            depth,
            parens,
            deferred: None,
            furthest: Cell::new(0),
            no_hints: false,
        }
    }

    // ----- token access -----

    fn tok(&self) -> &'t Token {
        self.peek_tok(0)
    }

    fn peek_tok(&self, n: usize) -> &'t Token {
        let index = self.pos + n;
        if index > self.furthest.get() {
            self.furthest.set(index);
        }
        self.token_at(index)
    }

    fn kind(&self) -> &'t TokenKind {
        &self.tok().kind
    }

    fn advance(&mut self) -> &'t Token {
        let token = self.tok();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        token
    }

    fn at_eof(&self) -> bool {
        matches!(self.kind(), TokenKind::EndOfFile)
    }

    fn at_op(&self, op: Op) -> bool {
        matches!(self.kind(), TokenKind::Op(o) if *o == op)
    }

    fn at_kw(&self, kw: Kw) -> bool {
        matches!(self.kind(), TokenKind::Keyword(k) if *k == kw)
    }

    fn at_newline(&self) -> bool {
        matches!(self.kind(), TokenKind::Newline)
    }

    fn eat_op(&mut self, op: Op) -> bool {
        let found = self.at_op(op);
        if found {
            self.advance();
        }
        found
    }

    fn eat_kw(&mut self, kw: Kw) -> bool {
        let found = self.at_kw(kw);
        if found {
            self.advance();
        }
        found
    }

    fn expect_op(&mut self, op: Op) -> PResult<&'t Token> {
        if self.at_op(op) {
            Ok(self.advance())
        } else {
            Err(self.invalid())
        }
    }

    fn expect_name(&mut self) -> PResult<String> {
        match self.kind() {
            TokenKind::Name(name) => {
                self.advance();
                Ok(name.clone())
            }
            _ => Err(self.invalid()),
        }
    }

    fn at_stmt_end(&self) -> bool {
        matches!(self.kind(), TokenKind::Newline | TokenKind::EndOfFile) || self.at_op(Op::Semi)
    }

    /// Whether the current token can begin an expression (`*` only if `star`).
    fn starts_expression(&self, star: bool) -> bool {
        match self.kind() {
            TokenKind::Name(_) | TokenKind::Int(_) | TokenKind::Float(_) | TokenKind::String(_) => {
                true
            }
            TokenKind::Keyword(kw) => {
                matches!(
                    kw,
                    Kw::None | Kw::True | Kw::False | Kw::Not | Kw::Lambda | Kw::Await
                )
            }
            TokenKind::Op(op) => {
                matches!(
                    op,
                    Op::LParen
                        | Op::LBracket
                        | Op::LBrace
                        | Op::Minus
                        | Op::Plus
                        | Op::Tilde
                        | Op::Ellipsis
                ) || (star && *op == Op::Star)
            }
            _ => false,
        }
    }

    // ----- errors and state -----

    /// The generic error at the current token.
    fn invalid(&self) -> SyntaxError {
        let token = self.tok();
        match token.kind {
            TokenKind::Indent => {
                let width = u32::try_from(token.end - token.start).unwrap_or(u32::MAX);
                indentation_error(token, "unexpected indent", width.max(1))
            }
            TokenKind::Dedent => indentation_error(token, "unexpected unindent", token.column),
            _ => error_at(token, INVALID_SYNTAX),
        }
    }

    fn token_at(&self, index: usize) -> &'t Token {
        let tokens: &'t [Token] = self.tokens;
        tokens.get(index).or(tokens.last()).unwrap_or(&EOF_TOKEN)
    }

    fn defer(&mut self, error: SyntaxError) {
        if self.deferred.is_none() {
            self.deferred = Some(error);
        }
    }

    fn save(&self) -> Saved {
        Saved {
            pos: self.pos,
            depth: self.depth,
            parens: self.parens,
            deferred: self.deferred.clone(),
            no_hints: self.no_hints,
        }
    }

    fn restore(&mut self, saved: Saved) {
        self.pos = saved.pos;
        self.depth = saved.depth;
        self.parens = saved.parens;
        self.deferred = saved.deferred;
        self.no_hints = saved.no_hints;
    }

    /// Enters one level of recursion.
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error_at(self.tok(), "too many nested parentheses"));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Runs `f` one recursion level deeper.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.enter()?;
        let result = f(self);
        self.leave();
        result
    }

    /// Runs `f` inside one more bracket.
    fn bracketed<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.parens += 1;
        let result = f(self);
        self.parens = self.parens.saturating_sub(1);
        result
    }

    fn check_height(&self, height: u32) -> PResult<()> {
        if height > MAX_HEIGHT {
            return Err(error_at(self.tok(), "expression too complex"));
        }
        Ok(())
    }

    // ----- statements -----

    fn parse_file(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        while !self.at_eof() {
            self.parse_statement(&mut body)?;
        }
        Ok(body)
    }

    fn parse_statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let token = self.tok();
        // One result slot for all arms keeps this frame small (nested blocks
        // recurse through here).
        let result = match &token.kind {
            TokenKind::Indent => Err(self.invalid()),
            TokenKind::Op(Op::At) => self.parse_decorated(),
            TokenKind::Keyword(Kw::If) => self.parse_if(),
            TokenKind::Keyword(Kw::While) => self.parse_while(),
            TokenKind::Keyword(Kw::For) => self.parse_for(false, token.line),
            TokenKind::Keyword(Kw::Try) => self.parse_try(),
            TokenKind::Keyword(Kw::With) => self.parse_with(false, token.line),
            TokenKind::Keyword(Kw::Def) => self.parse_funcdef(Vec::new(), false, token.line),
            TokenKind::Keyword(Kw::Class) => self.parse_class(Vec::new()),
            TokenKind::Keyword(Kw::Async) => self.parse_async(Vec::new()),
            _ => return self.parse_simple_stmts(out),
        };
        out.push(result?);
        Ok(())
    }

    /// A block after a compound statement's `:`: an indented suite, or simple
    /// statements on the same line.
    ///
    /// An indented block counts as one level of nesting (it recurses).
    fn parse_block(&mut self, what: &'static str, line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if !self.at_newline() {
            self.parse_simple_stmts(&mut body)?;
            return Ok(body);
        }
        self.advance();
        if !matches!(self.kind(), TokenKind::Indent) {
            return Err(self.expected_block(what, line));
        }
        self.advance();
        self.enter()?;
        while !matches!(self.kind(), TokenKind::Dedent | TokenKind::EndOfFile) {
            self.parse_statement(&mut body)?;
        }
        if !matches!(self.kind(), TokenKind::Dedent) {
            return Err(self.invalid());
        }
        self.advance();
        self.leave();
        Ok(body)
    }

    fn expected_block(&self, what: &str, line: u32) -> SyntaxError {
        let token = self.tok();
        let message = format!("expected an indented block after {what} on line {line}");
        indentation_error(token, message, token.column)
    }

    /// The `:` of a compound statement. CPython says "expected ':'" when a
    /// line ends without it, and always for the statements whose grammar
    /// forces it (`def`, `try`, `else`, `finally`).
    fn expect_colon(&mut self, forced: bool) -> PResult<()> {
        if self.eat_op(Op::Colon) {
            return Ok(());
        }
        if forced || self.at_newline() {
            return Err(error_at(self.tok(), "expected ':'"));
        }
        Err(self.invalid())
    }

    fn parse_simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            out.push(self.parse_simple_stmt()?);
            if !self.eat_op(Op::Semi) || self.at_newline() {
                break;
            }
        }
        if !self.at_newline() {
            return Err(self.invalid());
        }
        self.advance();
        Ok(())
    }

    fn parse_simple_stmt(&mut self) -> PResult<Stmt> {
        let token = self.tok();
        let kind = match &token.kind {
            TokenKind::Keyword(kw) => match kw {
                Kw::Pass => self.keyword_stmt(StmtKind::Pass),
                Kw::Break => self.keyword_stmt(StmtKind::Break),
                Kw::Continue => self.keyword_stmt(StmtKind::Continue),
                Kw::Return => self.parse_return()?,
                Kw::Raise => self.parse_raise()?,
                Kw::Global => StmtKind::Global(self.parse_names()?),
                Kw::Nonlocal => StmtKind::Nonlocal(self.parse_names()?),
                Kw::Del => self.parse_del()?,
                Kw::Assert => self.parse_assert()?,
                Kw::Import => self.parse_import()?,
                Kw::From => self.parse_from_import()?,
                _ => self.parse_expr_stmt()?,
            },
            _ => self.parse_expr_stmt()?,
        };
        Ok(Stmt {
            kind,
            line: token.line,
        })
    }

    fn keyword_stmt(&mut self, kind: StmtKind) -> StmtKind {
        self.advance();
        kind
    }

    fn parse_return(&mut self) -> PResult<StmtKind> {
        self.advance();
        if self.at_stmt_end() {
            return Ok(StmtKind::Return(None));
        }
        Ok(StmtKind::Return(Some(self.parse_star_expressions()?)))
    }

    fn parse_raise(&mut self) -> PResult<StmtKind> {
        self.advance();
        if self.at_stmt_end() {
            return Ok(StmtKind::Raise {
                exc: None,
                cause: None,
            });
        }
        let exc = self.parse_expression()?;
        let cause = if self.eat_kw(Kw::From) {
            Some(self.parse_expression()?)
        } else {
            None
        };
        Ok(StmtKind::Raise {
            exc: Some(exc),
            cause,
        })
    }

    /// The names after `global` or `nonlocal`.
    fn parse_names(&mut self) -> PResult<Vec<String>> {
        self.advance();
        let mut names = vec![self.expect_name()?];
        while self.eat_op(Op::Comma) {
            names.push(self.expect_name()?);
        }
        Ok(names)
    }

    fn parse_del(&mut self) -> PResult<StmtKind> {
        self.advance();
        let mut targets = Vec::new();
        loop {
            let start = self.pos;
            let target = self.parse_target_elem()?;
            self.check_target(&target, TargetCtx::Del, start)?;
            targets.push(target);
            if !self.eat_op(Op::Comma) || self.at_stmt_end() {
                break;
            }
        }
        Ok(StmtKind::Delete(targets))
    }

    fn parse_assert(&mut self) -> PResult<StmtKind> {
        self.advance();
        let test = self.parse_expression()?;
        let msg = if self.eat_op(Op::Comma) {
            Some(self.parse_expression()?)
        } else {
            None
        };
        Ok(StmtKind::Assert { test, msg })
    }

    fn parse_import(&mut self) -> PResult<StmtKind> {
        self.advance();
        let mut aliases = Vec::new();
        loop {
            let name = self.parse_dotted_name()?;
            let asname = if self.eat_kw(Kw::As) {
                Some(self.expect_name()?)
            } else {
                None
            };
            aliases.push(Alias { name, asname });
            if !self.eat_op(Op::Comma) {
                return Ok(StmtKind::Import(aliases));
            }
        }
    }

    fn parse_dotted_name(&mut self) -> PResult<String> {
        let mut name = self.expect_name()?;
        while self.eat_op(Op::Dot) {
            name.push('.');
            name.push_str(&self.expect_name()?);
        }
        Ok(name)
    }

    /// `from [dots]module import names`. Relative imports keep their leading
    /// dots in `module` (`from ..pkg import x` has module `..pkg`); `*` gives
    /// an empty name list.
    fn parse_from_import(&mut self) -> PResult<StmtKind> {
        self.advance();
        let mut module = String::new();
        loop {
            if self.eat_op(Op::Dot) {
                module.push('.');
            } else if self.eat_op(Op::Ellipsis) {
                module.push_str("...");
            } else {
                break;
            }
        }
        if module.is_empty() || matches!(self.kind(), TokenKind::Name(_)) {
            module.push_str(&self.parse_dotted_name()?);
        }
        if !self.eat_kw(Kw::Import) {
            return Err(self.invalid());
        }
        if self.eat_op(Op::Star) {
            return Ok(StmtKind::ImportFrom {
                module,
                names: Vec::new(),
            });
        }
        let names = if self.eat_op(Op::LParen) {
            let names = self.bracketed(|p| p.parse_import_names(true))?;
            self.expect_op(Op::RParen)?;
            names
        } else {
            self.parse_import_names(false)?
        };
        Ok(StmtKind::ImportFrom { module, names })
    }

    fn parse_import_names(&mut self, parenthesized: bool) -> PResult<Vec<Alias>> {
        let mut names = Vec::new();
        loop {
            let name = self.expect_name()?;
            let asname = if self.eat_kw(Kw::As) {
                Some(self.expect_name()?)
            } else {
                None
            };
            names.push(Alias { name, asname });
            if !self.eat_op(Op::Comma) {
                return Ok(names);
            }
            if parenthesized && self.at_op(Op::RParen) {
                return Ok(names);
            }
            if !parenthesized && self.at_stmt_end() {
                return Err(error_at(
                    self.tok(),
                    "trailing comma not allowed without surrounding parentheses",
                ));
            }
        }
    }

    /// An expression statement, or an assignment of any kind.
    fn parse_expr_stmt(&mut self) -> PResult<StmtKind> {
        let start = self.pos;
        let (first, last_elem) = if self.at_kw(Kw::Yield) {
            (self.parse_yield_expr()?, None)
        } else {
            self.star_expressions()?
        };
        match self.kind() {
            TokenKind::Op(Op::Colon) => self.parse_ann_assign(first, start),
            TokenKind::Op(Op::Equal) => self.parse_assign(first, start, last_elem),
            TokenKind::Op(op) if aug_op(*op).is_some() => self.parse_aug_assign(first, start),
            _ => {
                self.check_legacy_print(&first, start)?;
                Ok(StmtKind::Expr(first))
            }
        }
    }

    /// `print "x"`: CPython's hint for Python 2 habits.
    fn check_legacy_print(&self, first: &Expr, start: usize) -> PResult<()> {
        let ExprKind::Name(name) = &first.kind else {
            return Ok(());
        };
        if (name == "print" || name == "exec")
            && start + 1 == self.pos
            && self.starts_expression(true)
        {
            return Err(error_at(
                self.token_at(start),
                format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
            ));
        }
        Ok(())
    }

    fn parse_value(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Yield) {
            self.parse_yield_expr()
        } else {
            self.parse_star_expressions()
        }
    }

    fn parse_ann_assign(&mut self, target: Expr, start: usize) -> PResult<StmtKind> {
        let message = match target.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
            ExprKind::Tuple(_) => Some("only single target (not tuple) can be annotated"),
            ExprKind::List(_) => Some("only single target (not list) can be annotated"),
            _ => Some("illegal target for annotation"),
        };
        if let Some(message) = message {
            return Err(error_at(self.token_at(start), message));
        }
        self.advance();
        // The annotation is evaluated by nobody: parse it and drop it.
        self.parse_expression()?;
        let value = if self.eat_op(Op::Equal) {
            Some(self.parse_value()?)
        } else {
            None
        };
        Ok(StmtKind::AnnAssign { target, value })
    }

    fn parse_aug_assign(&mut self, target: Expr, start: usize) -> PResult<StmtKind> {
        let op = match self.kind() {
            TokenKind::Op(op) => aug_op(*op),
            _ => None,
        };
        let Some(op) = op else {
            return Err(self.invalid());
        };
        if !matches!(
            target.kind,
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
        ) {
            return Err(error_at(
                self.token_at(start),
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    expr_name(&target)
                ),
            ));
        }
        self.advance();
        let value = self.parse_value()?;
        Ok(StmtKind::AugAssign { target, op, value })
    }

    /// `t1 = t2 = ... = value`; `first` was parsed from token `start`, and
    /// `last_elem` is where its last element starts if it is a bare tuple.
    fn parse_assign(
        &mut self,
        first: Expr,
        start: usize,
        last_elem: Option<usize>,
    ) -> PResult<StmtKind> {
        let first_equals = self.pos;
        let mut targets = vec![(first, start)];
        loop {
            self.advance();
            let value_start = self.pos;
            let value = self.parse_value()?;
            if self.at_op(Op::Equal) {
                targets.push((value, value_start));
                continue;
            }
            if let Some(error) =
                self.check_assign_targets(&targets, &value, last_elem, first_equals)
            {
                return Err(error);
            }
            let targets = targets.into_iter().map(|(t, _)| t).collect();
            return Ok(StmtKind::Assign { targets, value });
        }
    }

    fn check_assign_targets(
        &self,
        targets: &[(Expr, usize)],
        value: &Expr,
        last_elem: Option<usize>,
        first_equals: usize,
    ) -> Option<SyntaxError> {
        for (i, (target, start)) in targets.iter().enumerate() {
            if matches!(target.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
                return Some(error_at(
                    self.token_at(*start),
                    "assignment to yield expression not possible",
                ));
            }
            let Some(bad) = invalid_target(target, TargetCtx::Store) else {
                continue;
            };
            if i == 0 && targets.len() == 1 {
                let hint = self.maybe_meant_equals(target, *start, last_elem, first_equals, value);
                if hint.is_some() {
                    return hint;
                }
            }
            return Some(self.target_error(bad, TargetCtx::Store, *start));
        }
        None
    }

    /// CPython's "Maybe you meant '==' ..." hints for a single invalid
    /// assignment, which it finds by reading the target as an expression.
    fn maybe_meant_equals(
        &self,
        target: &Expr,
        start: usize,
        last_elem: Option<usize>,
        equals: usize,
        value: &Expr,
    ) -> Option<SyntaxError> {
        if !starts_with_bitwise_or(value) {
            return None;
        }
        let (elem, elem_start) = match (&target.kind, last_elem) {
            (ExprKind::Tuple(elts), Some(index)) => (elts.last()?, index),
            _ => (target, start),
        };
        self.stray_equals_hint(elem, elem_start, equals)
    }

    /// The message for `elem = ...` where `=` cannot be an assignment; `elem`
    /// spans tokens `start..equals`.
    fn stray_equals_hint(&self, elem: &Expr, start: usize, equals: usize) -> Option<SyntaxError> {
        if matches!(
            elem.kind,
            ExprKind::List(_)
                | ExprKind::Tuple(_)
                | ExprKind::GeneratorExp { .. }
                | ExprKind::Bool(_)
                | ExprKind::None
        ) {
            return None;
        }
        let token = self.token_at(start);
        if matches!(elem.kind, ExprKind::Name(_)) && start + 1 == equals {
            return Some(error_at(
                token,
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            ));
        }
        if is_bitwise_or_level(elem) || self.is_parenthesized(start, equals) {
            return Some(error_at(
                token,
                format!(
                    "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                    expr_name(elem)
                ),
            ));
        }
        None
    }

    /// Whether tokens `start..end` are one parenthesized group.
    fn is_parenthesized(&self, start: usize, end: usize) -> bool {
        if !matches!(self.token_at(start).kind, TokenKind::Op(Op::LParen)) {
            return false;
        }
        let mut depth = 0usize;
        for index in start..end {
            match &self.token_at(index).kind {
                TokenKind::Op(Op::LParen | Op::LBracket | Op::LBrace) => depth += 1,
                TokenKind::Op(Op::RParen | Op::RBracket | Op::RBrace) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return index + 1 == end;
                    }
                }
                _ => {}
            }
        }
        false
    }

    fn target_error(&self, bad: &Expr, ctx: TargetCtx, start: usize) -> SyntaxError {
        let verb = if ctx == TargetCtx::Del {
            "delete"
        } else {
            "assign to"
        };
        let mut error = error_at(
            self.token_at(start),
            format!("cannot {verb} {}", expr_name(bad)),
        );
        // Columns are only known for tokens; keep at least the right line.
        if bad.line != error.line {
            error.line = bad.line;
            error.column = 1;
        }
        error
    }

    fn check_target(&self, target: &Expr, ctx: TargetCtx, start: usize) -> PResult<()> {
        match invalid_target(target, ctx) {
            Some(bad) => Err(self.target_error(bad, ctx, start)),
            None => Ok(()),
        }
    }

    // ----- compound statements -----

    fn parse_if(&mut self) -> PResult<Stmt> {
        let mut branches = Vec::new();
        let mut what = "'if' statement";
        loop {
            let token = self.advance();
            let test = self.parse_named_expression()?;
            self.expect_colon(false)?;
            let body = self.parse_block(what, token.line)?;
            branches.push((test, body, token.line));
            if !self.at_kw(Kw::Elif) {
                break;
            }
            if branches.len() >= MAX_ELIF_CHAIN {
                return Err(error_at(self.tok(), "too many 'elif' branches"));
            }
            what = "'elif' statement";
        }
        // Each `elif` is an `If` in the `orelse` of the one before: build
        // the nesting from the last branch outwards, without recursion.
        let mut orelse = self.parse_else_block()?;
        while let Some((test, body, line)) = branches.pop() {
            orelse = vec![Stmt {
                kind: StmtKind::If { test, body, orelse },
                line,
            }];
        }
        orelse.pop().ok_or_else(|| self.invalid())
    }

    fn parse_else_block(&mut self) -> PResult<Vec<Stmt>> {
        if !self.at_kw(Kw::Else) {
            return Ok(Vec::new());
        }
        let token = self.advance();
        self.expect_colon(true)?;
        self.parse_block("'else' statement", token.line)
    }

    fn parse_while(&mut self) -> PResult<Stmt> {
        let token = self.advance();
        let test = self.parse_named_expression()?;
        self.expect_colon(false)?;
        let body = self.parse_block("'while' statement", token.line)?;
        let orelse = self.parse_else_block()?;
        Ok(Stmt {
            kind: StmtKind::While { test, body, orelse },
            line: token.line,
        })
    }

    fn parse_for(&mut self, is_async: bool, line: u32) -> PResult<Stmt> {
        let token = self.advance();
        let start = self.pos;
        let target = self.parse_target_list()?;
        self.check_target(&target, TargetCtx::For, start)?;
        if !self.eat_kw(Kw::In) {
            return Err(self.invalid());
        }
        let iter = self.parse_star_expressions()?;
        self.expect_colon(false)?;
        let body = self.parse_block("'for' statement", token.line)?;
        let orelse = self.parse_else_block()?;
        Ok(Stmt {
            kind: StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            },
            line,
        })
    }

    fn parse_try(&mut self) -> PResult<Stmt> {
        let token = self.advance();
        self.expect_colon(true)?;
        let body = self.parse_block("'try' statement", token.line)?;
        let mut handlers = Vec::new();
        while self.at_kw(Kw::Except) {
            let handler = self.parse_except()?;
            if handlers
                .first()
                .is_some_and(|h: &ExceptHandler| h.is_star != handler.is_star)
            {
                let message = "cannot have both 'except' and 'except*' on the same 'try'";
                return Err(SyntaxError {
                    kind: SyntaxErrorKind::Syntax,
                    message: message.to_string(),
                    line: handler.line,
                    column: 1,
                });
            }
            handlers.push(handler);
        }
        if handlers.is_empty() && !self.at_kw(Kw::Finally) {
            return Err(error_at(self.tok(), "expected 'except' or 'finally' block"));
        }
        let count = handlers.len();
        if let Some(bare) = handlers
            .iter()
            .take(count.saturating_sub(1))
            .find(|h| h.typ.is_none())
        {
            let error = SyntaxError {
                kind: SyntaxErrorKind::Syntax,
                message: "default 'except:' must be last".to_string(),
                line: bare.line,
                column: 1,
            };
            self.defer(error);
        }
        let orelse = if handlers.is_empty() {
            Vec::new()
        } else {
            self.parse_else_block()?
        };
        let finalbody = if self.at_kw(Kw::Finally) {
            let token = self.advance();
            self.expect_colon(true)?;
            self.parse_block("'finally' statement", token.line)?
        } else {
            Vec::new()
        };
        Ok(Stmt {
            kind: StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
            line: token.line,
        })
    }

    fn parse_except(&mut self) -> PResult<ExceptHandler> {
        let token = self.advance();
        let is_star = self.at_op(Op::Star);
        if is_star {
            self.advance();
            if self.at_op(Op::Colon) || self.at_newline() {
                return Err(error_at(self.tok(), "expected one or more exception types"));
            }
        }
        let (typ, name) = if self.at_op(Op::Colon) || self.at_newline() {
            (None, None)
        } else {
            let start = self.tok();
            let typ = self.parse_expression()?;
            if self.at_op(Op::Comma) {
                return Err(error_at(
                    start,
                    "multiple exception types must be parenthesized",
                ));
            }
            let name = if self.eat_kw(Kw::As) {
                Some(self.expect_name()?)
            } else {
                None
            };
            (Some(typ), name)
        };
        self.expect_colon(false)?;
        let what = if is_star {
            "'except*' statement"
        } else {
            "'except' statement"
        };
        let body = self.parse_block(what, token.line)?;
        Ok(ExceptHandler {
            typ,
            name,
            body,
            line: token.line,
            is_star,
        })
    }

    fn parse_with(&mut self, is_async: bool, line: u32) -> PResult<Stmt> {
        let token = self.advance();
        let items = match self.try_parenthesized_with_items()? {
            Some(items) => items,
            None => self.parse_with_items()?,
        };
        self.expect_colon(false)?;
        let body = self.parse_block("'with' statement", token.line)?;
        Ok(Stmt {
            kind: StmtKind::With {
                items,
                body,
                is_async,
            },
            line,
        })
    }

    /// `with (a as b, c as d):` — tried first, as CPython does; if the
    /// parentheses turn out to be part of an expression, start over.
    fn try_parenthesized_with_items(&mut self) -> PResult<Option<Vec<WithItem>>> {
        if !self.at_op(Op::LParen) {
            return Ok(None);
        }
        let saved = self.save();
        self.advance();
        let result = self.bracketed(|p| {
            let mut items = Vec::new();
            while !p.at_op(Op::RParen) {
                items.push(p.parse_with_item()?);
                if !p.eat_op(Op::Comma) {
                    break;
                }
            }
            Ok(items)
        });
        match result {
            Ok(items)
                if self.at_op(Op::RParen)
                    && !items.is_empty()
                    && matches!(self.peek_tok(1).kind, TokenKind::Op(Op::Colon)) =>
            {
                self.advance();
                Ok(Some(items))
            }
            Err(error) if error.message != INVALID_SYNTAX => Err(error),
            _ => {
                self.restore(saved);
                Ok(None)
            }
        }
    }

    fn parse_with_items(&mut self) -> PResult<Vec<WithItem>> {
        let mut items = vec![self.parse_with_item()?];
        while self.eat_op(Op::Comma) {
            items.push(self.parse_with_item()?);
        }
        Ok(items)
    }

    fn parse_with_item(&mut self) -> PResult<WithItem> {
        let context = self.parse_expression()?;
        if !self.eat_kw(Kw::As) {
            return Ok(WithItem {
                context,
                target: None,
            });
        }
        let start = self.pos;
        let target = self.parse_target_elem()?;
        self.check_target(&target, TargetCtx::Store, start)?;
        Ok(WithItem {
            context,
            target: Some(target),
        })
    }

    fn parse_async(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let token = self.advance();
        match self.kind() {
            TokenKind::Keyword(Kw::Def) => self.parse_funcdef(decorators, true, token.line),
            TokenKind::Keyword(Kw::For) if decorators.is_empty() => {
                self.parse_for(true, token.line)
            }
            TokenKind::Keyword(Kw::With) if decorators.is_empty() => {
                self.parse_with(true, token.line)
            }
            _ => Err(self.invalid()),
        }
    }

    fn parse_decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op(Op::At) {
            decorators.push(self.parse_named_expression()?);
            if !self.at_newline() {
                return Err(self.invalid());
            }
            self.advance();
        }
        let token = self.tok();
        match self.kind() {
            TokenKind::Keyword(Kw::Def) => self.parse_funcdef(decorators, false, token.line),
            TokenKind::Keyword(Kw::Class) => self.parse_class(decorators),
            TokenKind::Keyword(Kw::Async) => self.parse_async(decorators),
            _ => Err(self.invalid()),
        }
    }

    fn parse_funcdef(&mut self, decorators: Vec<Expr>, is_async: bool, line: u32) -> PResult<Stmt> {
        self.advance();
        let name = self.expect_name()?;
        if !self.at_op(Op::LParen) {
            return Err(error_at(self.tok(), "expected '('"));
        }
        self.advance();
        let params = self.bracketed(|p| p.parse_params(false))?;
        self.expect_op(Op::RParen)?;
        if self.eat_op(Op::Arrow) {
            // Return annotations are parsed and ignored.
            self.parse_expression()?;
        }
        self.expect_colon(true)?;
        let body = self.parse_block("function definition", line)?;
        let def = FunctionDef {
            name,
            params,
            body,
            decorators,
            is_async,
        };
        Ok(Stmt {
            kind: StmtKind::FunctionDef(def),
            line,
        })
    }

    fn parse_class(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let token = self.advance();
        let name = self.expect_name()?;
        let mut bases = Vec::new();
        if self.at_op(Op::LParen) {
            let open = self.advance();
            let call = self.bracketed(|p| p.parse_call_args(None))?;
            if !call.keywords.is_empty() {
                return Err(error_at(
                    open,
                    "class keyword arguments (such as metaclass=...) are not supported",
                ));
            }
            self.expect_op(Op::RParen)?;
            bases = call.args;
        }
        self.expect_colon(false)?;
        let body = self.parse_block("class definition", token.line)?;
        let class = ClassDef {
            name,
            bases,
            body,
            decorators,
        };
        Ok(Stmt {
            kind: StmtKind::ClassDef(class),
            line: token.line,
        })
    }

    // ----- parameters -----

    /// Parameters of a `def` (up to `)`) or a `lambda` (up to `:`).
    fn parse_params(&mut self, lambda: bool) -> PResult<Params> {
        let mut state = ParamState::default();
        loop {
            let at_end = if lambda {
                self.at_op(Op::Colon)
            } else {
                self.at_op(Op::RParen)
            };
            if at_end {
                break;
            }
            if state.params.kwarg.is_some() {
                return Err(error_at(
                    self.tok(),
                    "arguments cannot follow var-keyword argument",
                ));
            }
            match self.kind() {
                TokenKind::Op(Op::Slash) => self.param_slash(&mut state)?,
                TokenKind::Op(Op::Star) => self.param_star(&mut state, lambda)?,
                TokenKind::Op(Op::DoubleStar) => self.param_double_star(&mut state, lambda)?,
                TokenKind::Name(_) => self.param_named(&mut state, lambda)?,
                _ => return Err(self.invalid()),
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        if let Some(star) = state.star {
            if state.params.vararg.is_none() && state.params.kwonly.is_empty() {
                return Err(error_at(star, "named arguments must follow bare *"));
            }
        }
        Ok(state.params)
    }

    fn param_slash(&mut self, state: &mut ParamState<'t>) -> PResult<()> {
        let token = self.tok();
        if state.seen_slash {
            return Err(error_at(token, "/ may appear only once"));
        }
        if state.star.is_some() {
            return Err(error_at(token, "/ must be ahead of *"));
        }
        if state.params.args.is_empty() {
            return Err(self.invalid());
        }
        state.seen_slash = true;
        state.params.posonly = state.params.args.len();
        self.advance();
        Ok(())
    }

    fn param_star(&mut self, state: &mut ParamState<'t>, lambda: bool) -> PResult<()> {
        let star = self.advance();
        if state.star.is_some() {
            return Err(error_at(star, "* argument may appear only once"));
        }
        state.star = Some(star);
        if !matches!(self.kind(), TokenKind::Name(_)) {
            return Ok(());
        }
        let name = self.param_name(state, lambda)?;
        if self.at_op(Op::Equal) {
            return Err(error_at(
                self.tok(),
                "var-positional argument cannot have default value",
            ));
        }
        state.params.vararg = Some(name);
        Ok(())
    }

    fn param_double_star(&mut self, state: &mut ParamState<'t>, lambda: bool) -> PResult<()> {
        self.advance();
        let name = self.param_name(state, lambda)?;
        if self.at_op(Op::Equal) {
            return Err(error_at(
                self.tok(),
                "var-keyword argument cannot have default value",
            ));
        }
        state.params.kwarg = Some(name);
        Ok(())
    }

    fn param_named(&mut self, state: &mut ParamState<'t>, lambda: bool) -> PResult<()> {
        let token = self.tok();
        let name = self.param_name(state, lambda)?;
        let default = if self.eat_op(Op::Equal) {
            Some(self.parse_expression()?)
        } else {
            None
        };
        let param = Param { name, default };
        if state.star.is_some() {
            state.params.kwonly.push(param);
            return Ok(());
        }
        if param.default.is_none() && state.seen_default {
            return Err(error_at(
                token,
                "parameter without a default follows parameter with a default",
            ));
        }
        state.seen_default |= param.default.is_some();
        state.params.args.push(param);
        Ok(())
    }

    /// A parameter's name and (for `def`) its ignored annotation; duplicates
    /// are reported after parsing, as CPython's symbol table does.
    fn param_name(&mut self, state: &mut ParamState<'t>, lambda: bool) -> PResult<String> {
        let token = self.tok();
        let name = self.expect_name()?;
        if state.names.contains(&name) {
            self.defer(error_at(
                token,
                format!("duplicate argument '{name}' in function definition"),
            ));
        }
        state.names.push(name.clone());
        if !lambda && self.eat_op(Op::Colon) {
            self.parse_expression()?;
        }
        Ok(name)
    }

    // ----- expressions -----

    /// `star_expressions`: returns the expression and, for a bare tuple
    /// `a, b`, the token index where its last element starts.
    fn star_expressions(&mut self) -> PResult<(Expr, Option<usize>)> {
        let line = self.tok().line;
        let first = self.parse_star_expression()?;
        if !self.at_op(Op::Comma) {
            return Ok((first, None));
        }
        let mut last = self.pos;
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if !self.starts_expression(true) {
                break;
            }
            last = self.pos;
            elts.push(self.parse_star_expression()?);
        }
        if elts.len() == 1 {
            // `a,`: the last element is the first one.
            last = self.pos.saturating_sub(1);
        }
        Ok((expr(ExprKind::Tuple(elts), line), Some(last)))
    }

    fn parse_star_expressions(&mut self) -> PResult<Expr> {
        Ok(self.star_expressions()?.0)
    }

    fn parse_star_expression(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            let token = self.advance();
            let value = self.parse_bitwise_or()?;
            return Ok(expr(ExprKind::Starred(Box::new(value)), token.line));
        }
        self.parse_expression()
    }

    fn parse_star_named_expression(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            let token = self.advance();
            let value = self.parse_bitwise_or()?;
            return Ok(expr(ExprKind::Starred(Box::new(value)), token.line));
        }
        self.named_expression(true)
    }

    /// `named_expression`, with CPython's hints for a stray `=`.
    fn parse_named_expression(&mut self) -> PResult<Expr> {
        self.named_expression(true)
    }

    /// `name := value`, or an expression that may not be followed by `:=`.
    /// With `stray_equals`, a following `=` gets CPython's hints.
    fn named_expression(&mut self, stray_equals: bool) -> PResult<Expr> {
        let start = self.pos;
        if matches!(self.peek_tok(1).kind, TokenKind::Op(Op::ColonEqual)) {
            if let TokenKind::Name(_) = self.kind() {
                return self.walrus();
            }
        }
        let value = self.expression(true)?;
        self.after_named_expression(value, start, stray_equals)
    }

    /// `name := value`.
    fn walrus(&mut self) -> PResult<Expr> {
        let token = self.advance();
        self.advance();
        let target = match &token.kind {
            TokenKind::Name(name) => name.clone(),
            _ => return Err(error_at(token, INVALID_SYNTAX)),
        };
        let value = Box::new(self.parse_expression()?);
        Ok(expr(ExprKind::NamedExpr { target, value }, token.line))
    }

    /// Errors for a `:=` or (with `stray_equals`) a `=` after an expression.
    fn after_named_expression(
        &mut self,
        value: Expr,
        start: usize,
        stray_equals: bool,
    ) -> PResult<Expr> {
        if self.at_op(Op::ColonEqual) {
            let message = format!(
                "cannot use assignment expressions with {}",
                expr_name(&value)
            );
            return Err(error_at(self.token_at(start), message));
        }
        if stray_equals && self.at_op(Op::Equal) && !self.no_hints && self.rhs_is_lone_bitwise_or()
        {
            if let Some(error) = self.stray_equals_hint(&value, start, self.pos) {
                return Err(error);
            }
        }
        Ok(value)
    }

    /// Whether `= x` follows where `x` is a `bitwise_or` not itself followed
    /// by `=` or `:=` (the shape of CPython's stray-`=` hints).
    fn rhs_is_lone_bitwise_or(&mut self) -> bool {
        let saved = self.save();
        self.advance();
        let previous = std::mem::replace(&mut self.no_hints, true);
        let ok = self.parse_bitwise_or().is_ok()
            && !self.at_op(Op::Equal)
            && !self.at_op(Op::ColonEqual);
        self.no_hints = previous;
        self.restore(saved);
        ok
    }

    fn parse_expression(&mut self) -> PResult<Expr> {
        self.expression(true)
    }

    /// `expression`: a conditional expression or a lambda. With `hint`,
    /// two expressions in a row inside brackets suggest a missing comma.
    ///
    /// Every nested expression passes through here, so this is where the
    /// recursion depth is counted. (On errors the count is not unwound: the
    /// parse is over, and speculative parses restore it from `Saved`.)
    fn expression(&mut self, hint: bool) -> PResult<Expr> {
        self.enter()?;
        let start = self.pos;
        let value = if self.at_kw(Kw::Lambda) {
            self.parse_lambda()?
        } else {
            let body = self.parse_disjunction()?;
            self.after_disjunction(body, start, hint)?
        };
        self.leave();
        Ok(value)
    }

    /// After the first `disjunction` of an expression: a conditional
    /// expression, or the check for a missing comma.
    fn after_disjunction(&mut self, body: Expr, start: usize, hint: bool) -> PResult<Expr> {
        if !self.at_kw(Kw::If) {
            if hint && self.parens > 0 {
                self.check_missing_comma(start)?;
            }
            return Ok(body);
        }
        self.advance();
        let test = Box::new(self.parse_disjunction()?);
        if !self.eat_kw(Kw::Else) {
            if self.at_op(Op::Colon) {
                return Err(self.invalid());
            }
            let message = "expected 'else' after 'if' expression";
            return Err(error_at(self.token_at(start), message));
        }
        let orelse = Box::new(self.parse_expression()?);
        let line = self.token_at(start).line;
        Ok(expr(
            ExprKind::IfExp {
                test,
                body: Box::new(body),
                orelse,
            },
            line,
        ))
    }

    /// `[a b]`: CPython's "Perhaps you forgot a comma?", given when a second
    /// expression follows the first inside brackets.
    fn check_missing_comma(&mut self, start: usize) -> PResult<()> {
        if self.no_hints || !self.starts_expression(false) {
            return Ok(());
        }
        let first = self.token_at(start);
        if start + 1 == self.pos {
            if let TokenKind::Name(name) = &first.kind {
                // `NAME STRING` (a misspelled prefix) and soft keywords are
                // excluded by CPython.
                let soft = matches!(name.as_str(), "match" | "case" | "_" | "type");
                if soft || matches!(self.kind(), TokenKind::String(_)) {
                    return Ok(());
                }
            }
        }
        // Like CPython, only if the second expression parses, without hints
        // (this also looks ahead as far as CPython does, which matters for
        // the unclosed-bracket rule in `parse_module`).
        let saved = self.save();
        self.no_hints = true;
        let second = self.expression(false);
        self.restore(saved);
        match second {
            Ok(_) => Err(error_at(
                first,
                "invalid syntax. Perhaps you forgot a comma?",
            )),
            Err(_) => Ok(()),
        }
    }

    fn parse_lambda(&mut self) -> PResult<Expr> {
        let token = self.advance();
        let params = Box::new(self.parse_params(true)?);
        self.expect_op(Op::Colon)?;
        let body = Box::new(self.parse_expression()?);
        Ok(expr(ExprKind::Lambda { params, body }, token.line))
    }

    fn parse_disjunction(&mut self) -> PResult<Expr> {
        self.parse_operators(BP_OR)
    }

    fn parse_bitwise_or(&mut self) -> PResult<Expr> {
        self.parse_operators(BP_BIT_OR)
    }

    /// Everything between `expression` and a primary, by binding power
    /// (Pratt parsing): `or`, `and`, `not`, comparisons, the binary
    /// operators, unary `+ - ~`, `**` and `await`. Only operators binding at
    /// least as tightly as `min` are taken. One function for all these
    /// levels keeps the recursion per bracket shallow.
    fn parse_operators(&mut self, min: u8) -> PResult<Expr> {
        let line = self.tok().line;
        let left = self.parse_prefix(min)?;
        if self.infix_op().is_none() {
            return Ok(left);
        }
        self.infix_loop(left, min, line)
    }

    /// The infix operators after a first operand (see `parse_operators`).
    fn infix_loop(&mut self, mut left: Expr, min: u8, line: u32) -> PResult<Expr> {
        let mut height = None;
        loop {
            let Some((infix, bp)) = self.infix_op() else {
                return Ok(left);
            };
            if bp < min {
                return Ok(left);
            }
            left = match infix {
                Infix::Bool(kw, op) => self.bool_chain(left, kw, op, line)?,
                Infix::Compare => self.compare_chain(left, line)?,
                Infix::Binary(op) => {
                    let step = self.binary_step(left, op, bp, line, height)?;
                    height = Some(step.1);
                    step.0
                }
            };
            if !matches!(infix, Infix::Binary(_)) {
                height = None;
            }
        }
    }

    /// A prefix operator and its operand, or an (awaited) primary.
    fn parse_prefix(&mut self, min: u8) -> PResult<Expr> {
        match self.kind() {
            TokenKind::Keyword(Kw::Not) if min <= BP_NOT => self.unary(UnaryOp::Not, BP_NOT),
            TokenKind::Op(Op::Minus) => self.unary(UnaryOp::Neg, BP_UNARY),
            TokenKind::Op(Op::Plus) => self.unary(UnaryOp::Pos, BP_UNARY),
            TokenKind::Op(Op::Tilde) => self.unary(UnaryOp::Invert, BP_UNARY),
            TokenKind::Keyword(Kw::Await) => self.await_expr(),
            _ => self.parse_primary(),
        }
    }

    fn unary(&mut self, op: UnaryOp, operand_bp: u8) -> PResult<Expr> {
        let token = self.advance();
        self.enter()?;
        let operand = Box::new(self.parse_operators(operand_bp)?);
        self.leave();
        Ok(expr(ExprKind::UnaryOp { op, operand }, token.line))
    }

    fn await_expr(&mut self) -> PResult<Expr> {
        let token = self.advance();
        let value = Box::new(self.parse_primary()?);
        Ok(expr(ExprKind::Await(value), token.line))
    }

    /// The infix operator at the cursor (not consumed) and its binding power.
    fn infix_op(&self) -> Option<(Infix, u8)> {
        let (infix, bp) = match self.kind() {
            TokenKind::Keyword(Kw::Or) => (Infix::Bool(Kw::Or, BoolOp::Or), BP_OR),
            TokenKind::Keyword(Kw::And) => (Infix::Bool(Kw::And, BoolOp::And), BP_AND),
            TokenKind::Keyword(Kw::In | Kw::Is) => (Infix::Compare, BP_COMPARE),
            TokenKind::Keyword(Kw::Not)
                if matches!(self.peek_tok(1).kind, TokenKind::Keyword(Kw::In)) =>
            {
                (Infix::Compare, BP_COMPARE)
            }
            TokenKind::Op(op) => match op {
                Op::EqEqual
                | Op::NotEqual
                | Op::Less
                | Op::LessEqual
                | Op::Greater
                | Op::GreaterEqual => (Infix::Compare, BP_COMPARE),
                Op::VBar => (Infix::Binary(BinOp::BitOr), BP_BIT_OR),
                Op::Circumflex => (Infix::Binary(BinOp::BitXor), BP_BIT_XOR),
                Op::Amper => (Infix::Binary(BinOp::BitAnd), BP_BIT_AND),
                Op::LeftShift => (Infix::Binary(BinOp::LShift), BP_SHIFT),
                Op::RightShift => (Infix::Binary(BinOp::RShift), BP_SHIFT),
                Op::Plus => (Infix::Binary(BinOp::Add), BP_SUM),
                Op::Minus => (Infix::Binary(BinOp::Sub), BP_SUM),
                Op::Star => (Infix::Binary(BinOp::Mul), BP_TERM),
                Op::Slash => (Infix::Binary(BinOp::Div), BP_TERM),
                Op::DoubleSlash => (Infix::Binary(BinOp::FloorDiv), BP_TERM),
                Op::Percent => (Infix::Binary(BinOp::Mod), BP_TERM),
                Op::At => (Infix::Binary(BinOp::MatMul), BP_TERM),
                Op::DoubleStar => (Infix::Binary(BinOp::Pow), BP_POWER),
                _ => return None,
            },
            _ => return None,
        };
        Some((infix, bp))
    }

    /// `a or b or c`: one `BoolOp` with all the operands.
    fn bool_chain(&mut self, first: Expr, kw: Kw, op: BoolOp, line: u32) -> PResult<Expr> {
        let operand_bp = if op == BoolOp::Or { BP_AND } else { BP_NOT };
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(self.parse_operators(operand_bp)?);
        }
        Ok(expr(ExprKind::BoolOp { op, values }, line))
    }

    /// `a < b <= c`: one `Compare` with all the operators.
    fn compare_chain(&mut self, left: Expr, line: u32) -> PResult<Expr> {
        let mut ops = Vec::new();
        while let Some(op) = self.comparison_op() {
            ops.push((op, self.parse_operators(BP_BIT_OR)?));
        }
        Ok(expr(
            ExprKind::Compare {
                left: Box::new(left),
                ops,
            },
            line,
        ))
    }

    /// One binary operator: left-associative, except `**`, whose right
    /// operand may start with a unary operator (`2**-1`) and may itself be a
    /// power (`a**b**c`); `-2**2` is `-(2**2)` because a unary operand is
    /// parsed at `BP_UNARY`, which still takes `**`.
    ///
    /// Left-associative chains build trees by looping, not recursing, so
    /// their height is tracked (`height` caches the left operand's).
    fn binary_step(
        &mut self,
        left: Expr,
        op: BinOp,
        bp: u8,
        line: u32,
        height: Option<u32>,
    ) -> PResult<(Expr, u32)> {
        self.advance();
        let right = if op == BinOp::Pow {
            self.enter()?;
            let right = self.parse_operators(BP_UNARY)?;
            self.leave();
            right
        } else {
            self.parse_operators(bp + 1)?
        };
        let left_height = height.unwrap_or_else(|| expr_height(&left));
        let new_height = left_height.max(expr_height(&right)) + 1;
        self.check_height(new_height)?;
        let kind = ExprKind::BinOp {
            left: Box::new(left),
            op,
            right: Box::new(right),
        };
        Ok((expr(kind, line), new_height))
    }

    /// Consumes a comparison operator, if one is next.
    fn comparison_op(&mut self) -> Option<CmpOp> {
        let op = match self.kind() {
            TokenKind::Op(Op::EqEqual) => CmpOp::Eq,
            TokenKind::Op(Op::NotEqual) => CmpOp::NotEq,
            TokenKind::Op(Op::Less) => CmpOp::Lt,
            TokenKind::Op(Op::LessEqual) => CmpOp::LtE,
            TokenKind::Op(Op::Greater) => CmpOp::Gt,
            TokenKind::Op(Op::GreaterEqual) => CmpOp::GtE,
            TokenKind::Keyword(Kw::In) => CmpOp::In,
            TokenKind::Keyword(Kw::Not)
                if matches!(self.peek_tok(1).kind, TokenKind::Keyword(Kw::In)) =>
            {
                self.advance();
                CmpOp::NotIn
            }
            TokenKind::Keyword(Kw::Is) => {
                if matches!(self.peek_tok(1).kind, TokenKind::Keyword(Kw::Not)) {
                    self.advance();
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                }
            }
            _ => return None,
        };
        self.advance();
        Some(op)
    }

    /// An atom followed by any number of `.name`, `(args)` and `[index]`.
    fn parse_primary(&mut self) -> PResult<Expr> {
        let line = self.tok().line;
        let mut value = self.parse_atom()?;
        let mut height = None;
        while matches!(
            self.kind(),
            TokenKind::Op(Op::Dot | Op::LParen | Op::LBracket)
        ) {
            let (trailed, new_height) = self.trailer(value, line, height)?;
            value = trailed;
            height = Some(new_height);
        }
        Ok(value)
    }

    /// Applies one trailer to `value` (whose height is `height`, if known);
    /// returns the new node and its height, which is kept bounded.
    fn trailer(&mut self, value: Expr, line: u32, height: Option<u32>) -> PResult<(Expr, u32)> {
        let own = height.unwrap_or_else(|| expr_height(&value));
        let value = Box::new(value);
        let (kind, child_height) = match self.kind() {
            TokenKind::Op(Op::Dot) => {
                self.advance();
                let attr = self.expect_name()?;
                (ExprKind::Attribute { value, attr }, 0)
            }
            TokenKind::Op(Op::LParen) => self.call_trailer(value)?,
            _ => {
                let index = Box::new(self.parse_subscript()?);
                let h = expr_height(&index);
                (ExprKind::Subscript { value, index }, h)
            }
        };
        let new_height = own.max(child_height) + 1;
        self.check_height(new_height)?;
        Ok((expr(kind, line), new_height))
    }

    /// `(args)` after `func`: the call and the height of its arguments.
    fn call_trailer(&mut self, func: Box<Expr>) -> PResult<(ExprKind, u32)> {
        let open = self.advance();
        self.parens += 1;
        let call = self.parse_call_args(Some(open.line))?;
        self.parens -= 1;
        self.expect_op(Op::RParen)?;
        let values = call
            .args
            .iter()
            .chain(call.keywords.iter().map(|k| &k.value));
        let height = values.map(expr_height).max().unwrap_or(0);
        let CallArgs { args, keywords, .. } = call;
        Ok((
            ExprKind::Call {
                func,
                args,
                keywords,
            },
            height,
        ))
    }

    /// Call arguments up to (not including) the `)`. A lone generator
    /// expression is allowed when `genexp_line` (the `(`'s line) is given.
    fn parse_call_args(&mut self, genexp_line: Option<u32>) -> PResult<CallArgs> {
        let mut call = CallArgs::default();
        while !self.at_op(Op::RParen) {
            let token = self.tok();
            match (self.kind(), &self.peek_tok(1).kind) {
                (TokenKind::Op(Op::Star), _) => self.call_star_arg(&mut call)?,
                (TokenKind::Op(Op::DoubleStar), _) => {
                    self.advance();
                    let value = self.parse_expression()?;
                    call.seen_double_star = true;
                    call.keywords.push(Keyword { name: None, value });
                }
                (TokenKind::Name(name), TokenKind::Op(Op::Equal)) => {
                    self.call_keyword_arg(&mut call, name, token)?;
                }
                _ => {
                    if self.call_positional_arg(&mut call, genexp_line)? {
                        break;
                    }
                }
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        Ok(call)
    }

    fn call_star_arg(&mut self, call: &mut CallArgs) -> PResult<()> {
        let token = self.advance();
        let value = self.parse_expression()?;
        if call.seen_double_star {
            return Err(error_at(
                token,
                "iterable argument unpacking follows keyword argument unpacking",
            ));
        }
        call.args
            .push(expr(ExprKind::Starred(Box::new(value)), token.line));
        Ok(())
    }

    fn call_keyword_arg(&mut self, call: &mut CallArgs, name: &str, token: &Token) -> PResult<()> {
        self.advance();
        self.advance();
        let value = self.parse_expression()?;
        if call
            .keywords
            .iter()
            .any(|k| k.name.as_deref() == Some(name))
        {
            self.defer(error_at(
                token,
                format!("keyword argument repeated: {name}"),
            ));
        }
        call.seen_keyword = true;
        call.keywords.push(Keyword {
            name: Some(name.to_string()),
            value,
        });
        Ok(())
    }

    /// A positional argument, or a lone generator expression (returns true
    /// when the arguments must end there).
    fn call_positional_arg(
        &mut self,
        call: &mut CallArgs,
        genexp_line: Option<u32>,
    ) -> PResult<bool> {
        let token = self.tok();
        let value = self.named_expression(false)?;
        self.after_positional_arg(call, genexp_line, token, value)
    }

    /// Checks and stores a positional argument (or a lone generator).
    fn after_positional_arg(
        &mut self,
        call: &mut CallArgs,
        genexp_line: Option<u32>,
        token: &'t Token,
        value: Expr,
    ) -> PResult<bool> {
        if self.at_op(Op::Equal) {
            return Err(error_at(
                token,
                "expression cannot contain assignment, perhaps you meant \"==\"?",
            ));
        }
        if self.at_comp_for() {
            let Some(line) = genexp_line else {
                return Err(self.invalid());
            };
            let generators = self.parse_comp_for()?;
            let lone = call.args.is_empty() && call.keywords.is_empty() && self.at_op(Op::RParen);
            if !lone {
                return Err(error_at(
                    token,
                    "Generator expression must be parenthesized",
                ));
            }
            let kind = ExprKind::GeneratorExp {
                elt: Box::new(value),
                generators,
            };
            call.args.push(expr(kind, line));
            return Ok(true);
        }
        if call.seen_double_star {
            return Err(error_at(
                token,
                "positional argument follows keyword argument unpacking",
            ));
        }
        if call.seen_keyword {
            return Err(error_at(
                token,
                "positional argument follows keyword argument",
            ));
        }
        call.args.push(value);
        Ok(false)
    }

    /// `[index]`: one item, a slice, or a tuple of them.
    fn parse_subscript(&mut self) -> PResult<Expr> {
        self.advance();
        self.parens += 1;
        let line = self.tok().line;
        let first = self.parse_slice_item()?;
        if !self.at_op(Op::Comma) && !matches!(first.kind, ExprKind::Starred(_)) {
            return self.close_bracket(Op::RBracket, first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::RBracket) {
                break;
            }
            elts.push(self.parse_slice_item()?);
        }
        self.close_bracket(Op::RBracket, expr(ExprKind::Tuple(elts), line))
    }

    /// Ends a bracketed construct: leaves the bracket, expects `close` and
    /// returns `value`. (The bracket count is not unwound on errors, like
    /// the depth count; see `expression`.)
    fn close_bracket(&mut self, close: Op, value: Expr) -> PResult<Expr> {
        self.parens = self.parens.saturating_sub(1);
        self.expect_op(close)?;
        Ok(value)
    }

    fn parse_slice_item(&mut self) -> PResult<Expr> {
        let token = self.tok();
        if self.eat_op(Op::Star) {
            let value = self.parse_expression()?;
            return Ok(expr(ExprKind::Starred(Box::new(value)), token.line));
        }
        let lower = if self.at_op(Op::Colon) {
            None
        } else {
            let value = self.parse_named_expression()?;
            if !self.at_op(Op::Colon) {
                return Ok(value);
            }
            Some(Box::new(value))
        };
        self.advance();
        let upper = self.optional_slice_part()?;
        let step = if self.eat_op(Op::Colon) {
            self.optional_slice_part()?
        } else {
            None
        };
        Ok(expr(ExprKind::Slice { lower, upper, step }, token.line))
    }

    fn optional_slice_part(&mut self) -> PResult<Option<Box<Expr>>> {
        if self.at_op(Op::Colon) || self.at_op(Op::Comma) || self.at_op(Op::RBracket) {
            return Ok(None);
        }
        Ok(Some(Box::new(self.parse_expression()?)))
    }

    fn parse_atom(&mut self) -> PResult<Expr> {
        let token = self.tok();
        let kind = match &token.kind {
            TokenKind::Name(name) => ExprKind::Name(name.clone()),
            TokenKind::Int(digits) => ExprKind::Int(digits.clone()),
            TokenKind::Float(value) => ExprKind::Float(*value),
            TokenKind::Keyword(Kw::None) => ExprKind::None,
            TokenKind::Keyword(Kw::True) => ExprKind::Bool(true),
            TokenKind::Keyword(Kw::False) => ExprKind::Bool(false),
            TokenKind::Op(Op::Ellipsis) => ExprKind::Ellipsis,
            TokenKind::String(_) => return self.parse_strings(),
            TokenKind::Op(Op::LParen) => return self.parse_paren(),
            TokenKind::Op(Op::LBracket) => return self.parse_list(),
            TokenKind::Op(Op::LBrace) => return self.parse_brace(),
            _ => return Err(self.invalid()),
        };
        self.advance();
        Ok(expr(kind, token.line))
    }

    /// `()`, `(x)`, `(x,)`, `(yield)` or `(x for ...)`.
    fn parse_paren(&mut self) -> PResult<Expr> {
        let open = self.advance();
        self.parens += 1;
        if self.at_op(Op::RParen) {
            return self.close_bracket(Op::RParen, expr(ExprKind::Tuple(Vec::new()), open.line));
        }
        if self.at_kw(Kw::Yield) {
            let value = self.parse_yield_expr()?;
            return self.close_bracket(Op::RParen, value);
        }
        let first_token = self.tok();
        let first = self.parse_star_named_expression()?;
        self.finish_paren(open, first_token, first)
    }

    /// A parenthesized form after its first element.
    fn finish_paren(&mut self, open: &Token, first_token: &Token, first: Expr) -> PResult<Expr> {
        let value = if self.at_comp_for() {
            let (elt, generators) = self.comprehension(first, first_token)?;
            expr(ExprKind::GeneratorExp { elt, generators }, open.line)
        } else if self.at_op(Op::Comma) {
            let elts = self.rest_of_sequence(first, Op::RParen)?;
            expr(ExprKind::Tuple(elts), open.line)
        } else if matches!(first.kind, ExprKind::Starred(_)) && self.at_op(Op::RParen) {
            return Err(error_at(first_token, "cannot use starred expression here"));
        } else {
            first
        };
        self.close_bracket(Op::RParen, value)
    }

    /// The element and `for` clauses of a comprehension.
    fn comprehension(
        &mut self,
        elt: Expr,
        elt_token: &Token,
    ) -> PResult<(Box<Expr>, Vec<Comprehension>)> {
        if matches!(elt.kind, ExprKind::Starred(_)) {
            return Err(error_at(
                elt_token,
                "iterable unpacking cannot be used in comprehension",
            ));
        }
        Ok((Box::new(elt), self.parse_comp_for()?))
    }

    /// After a first element and a comma: more elements up to `close`.
    fn rest_of_sequence(&mut self, first: Expr, close: Op) -> PResult<Vec<Expr>> {
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(close) {
                break;
            }
            elts.push(self.parse_star_named_expression()?);
        }
        Ok(elts)
    }

    fn parse_list(&mut self) -> PResult<Expr> {
        let open = self.advance();
        self.parens += 1;
        if self.at_op(Op::RBracket) {
            return self.close_bracket(Op::RBracket, expr(ExprKind::List(Vec::new()), open.line));
        }
        let first_token = self.tok();
        let first = self.parse_star_named_expression()?;
        self.finish_list(open, first_token, first)
    }

    /// A list display or comprehension after its first element.
    fn finish_list(&mut self, open: &Token, first_token: &Token, first: Expr) -> PResult<Expr> {
        let value = if self.at_comp_for() {
            let (elt, generators) = self.comprehension(first, first_token)?;
            expr(ExprKind::ListComp { elt, generators }, open.line)
        } else {
            let elts = self.rest_of_sequence(first, Op::RBracket)?;
            expr(ExprKind::List(elts), open.line)
        };
        self.close_bracket(Op::RBracket, value)
    }

    /// `{}`, dicts, sets and their comprehensions.
    fn parse_brace(&mut self) -> PResult<Expr> {
        let open = self.advance();
        self.parens += 1;
        if self.at_op(Op::RBrace) {
            return self.close_bracket(Op::RBrace, expr(ExprKind::Dict(Vec::new()), open.line));
        }
        let start = self.pos;
        let value = if self.at_op(Op::DoubleStar) {
            self.dict_rest(open, None)?
        } else if self.at_op(Op::Star)
            || matches!(self.peek_tok(1).kind, TokenKind::Op(Op::ColonEqual))
        {
            let first = self.parse_star_named_expression()?;
            self.finish_set(open, start, first)?
        } else {
            // Not yet known to be a set element: a dict key gets no comma hint.
            let first = self.expression(false)?;
            self.finish_brace(open, start, first)?
        };
        self.close_bracket(Op::RBrace, value)
    }

    /// After a plain first expression in braces: a dict if `:` follows.
    fn finish_brace(&mut self, open: &Token, start: usize, first: Expr) -> PResult<Expr> {
        if self.at_op(Op::Colon) {
            return self.dict_rest(open, Some(first));
        }
        self.check_missing_comma(start)?;
        self.finish_set(open, start, first)
    }

    /// A set display or comprehension after its first element.
    fn finish_set(&mut self, open: &Token, start: usize, first: Expr) -> PResult<Expr> {
        if self.at_comp_for() {
            let (elt, generators) = self.comprehension(first, self.token_at(start))?;
            return Ok(expr(ExprKind::SetComp { elt, generators }, open.line));
        }
        let elts = self.rest_of_sequence(first, Op::RBrace)?;
        Ok(expr(ExprKind::Set(elts), open.line))
    }

    /// A dict display or comprehension after its first key (`None` when it
    /// starts with `**`); the cursor is on the `:` or the `**`.
    fn dict_rest(&mut self, open: &Token, first_key: Option<Expr>) -> PResult<Expr> {
        let star = self.advance();
        let value = match first_key {
            Some(_) => self.dict_value()?,
            None => self.parse_bitwise_or()?,
        };
        self.finish_dict(open, star, first_key, value)
    }

    /// A dict display or comprehension after its first item.
    fn finish_dict(
        &mut self,
        open: &Token,
        star: &Token,
        first_key: Option<Expr>,
        value: Expr,
    ) -> PResult<Expr> {
        let first = match first_key {
            Some(key) => {
                if self.at_comp_for() {
                    let generators = self.parse_comp_for()?;
                    let kind = ExprKind::DictComp {
                        key: Box::new(key),
                        value: Box::new(value),
                        generators,
                    };
                    return Ok(expr(kind, open.line));
                }
                (Some(key), value)
            }
            None => {
                if self.at_comp_for() {
                    return Err(error_at(
                        star,
                        "dict unpacking cannot be used in dict comprehension",
                    ));
                }
                (None, value)
            }
        };
        let mut items = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::RBrace) {
                break;
            }
            items.push(self.dict_item()?);
        }
        Ok(expr(ExprKind::Dict(items), open.line))
    }

    fn dict_item(&mut self) -> PResult<(Option<Expr>, Expr)> {
        if self.eat_op(Op::DoubleStar) {
            return Ok((None, self.parse_bitwise_or()?));
        }
        let key_token = self.tok();
        let key = self.expression(false)?;
        if !self.eat_op(Op::Colon) {
            return Err(error_at(key_token, "':' expected after dictionary key"));
        }
        Ok((Some(key), self.dict_value()?))
    }

    fn dict_value(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            return Err(error_at(
                self.tok(),
                "cannot use a starred expression in a dictionary value",
            ));
        }
        self.parse_expression()
    }

    fn at_comp_for(&self) -> bool {
        self.at_kw(Kw::For)
            || (self.at_kw(Kw::Async)
                && matches!(self.peek_tok(1).kind, TokenKind::Keyword(Kw::For)))
    }

    /// `[async] for target in iter [if cond]...`, one or more times.
    fn parse_comp_for(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        while self.at_comp_for() {
            let is_async = self.eat_kw(Kw::Async);
            self.advance();
            let start = self.pos;
            let target = self.parse_target_list()?;
            self.check_target(&target, TargetCtx::For, start)?;
            if !self.eat_kw(Kw::In) {
                return Err(self.invalid());
            }
            let iter = self.parse_disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw(Kw::If) {
                ifs.push(self.parse_disjunction()?);
            }
            generators.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        Ok(generators)
    }

    /// Loop targets (`for` statements and comprehensions): a comma list of
    /// `bitwise_or` terms, so that `in` is left for the caller.
    fn parse_target_list(&mut self) -> PResult<Expr> {
        let line = self.tok().line;
        let first = self.parse_target_elem()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if !self.starts_expression(true) {
                break;
            }
            elts.push(self.parse_target_elem()?);
        }
        Ok(expr(ExprKind::Tuple(elts), line))
    }

    fn parse_target_elem(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            let token = self.advance();
            let value = self.parse_bitwise_or()?;
            return Ok(expr(ExprKind::Starred(Box::new(value)), token.line));
        }
        self.parse_bitwise_or()
    }

    fn parse_yield_expr(&mut self) -> PResult<Expr> {
        let token = self.advance();
        if self.eat_kw(Kw::From) {
            let value = self.parse_expression()?;
            return Ok(expr(ExprKind::YieldFrom(Box::new(value)), token.line));
        }
        let value = if self.starts_expression(true) {
            Some(Box::new(self.parse_star_expressions()?))
        } else {
            None
        };
        Ok(expr(ExprKind::Yield(value), token.line))
    }

    // ----- strings -----

    /// Adjacent string literals, concatenated.
    fn parse_strings(&mut self) -> PResult<Expr> {
        let line = self.tok().line;
        let mut bytes: Option<Vec<u8>> = None;
        let mut parts: Vec<FStringPart> = Vec::new();
        let (mut text_seen, mut fstring) = (false, false);
        while let TokenKind::String(value) = self.kind() {
            let token = self.advance();
            let is_bytes = matches!(value, StringToken::Bytes(_));
            if (is_bytes && text_seen) || (!is_bytes && bytes.is_some()) {
                return Err(error_at(token, "cannot mix bytes and nonbytes literals"));
            }
            match value {
                StringToken::Bytes(b) => bytes.get_or_insert_with(Vec::new).extend_from_slice(b),
                StringToken::Str(s) => {
                    text_seen = true;
                    push_literal(&mut parts, s);
                }
                StringToken::FString(pieces) => {
                    text_seen = true;
                    fstring = true;
                    for piece in pieces {
                        self.push_fstring_piece(&mut parts, piece)?;
                    }
                }
            }
        }
        let kind = match (bytes, fstring) {
            (Some(bytes), _) => ExprKind::Bytes(bytes),
            (None, true) => ExprKind::FString(parts),
            (None, false) => ExprKind::Str(match parts.pop() {
                Some(FStringPart::Literal(s)) => s,
                _ => String::new(),
            }),
        };
        Ok(expr(kind, line))
    }

    fn push_fstring_piece(
        &mut self,
        parts: &mut Vec<FStringPart>,
        piece: &FStringToken,
    ) -> PResult<()> {
        match piece {
            FStringToken::Literal(s) => push_literal(parts, s),
            FStringToken::Field(field) => parts.push(self.parse_field(field)?),
        }
        Ok(())
    }

    /// Parses an f-string replacement field with a parser of its own.
    fn parse_field(&mut self, field: &FieldToken) -> PResult<FStringPart> {
        let mut sub = Parser::new(&field.tokens, self.depth, 1);
        let value = sub.nested(Parser::field_expression)?;
        if let Some(error) = sub.deferred.take() {
            self.defer(error);
        }
        let mut spec = Vec::new();
        for piece in &field.spec {
            self.push_fstring_piece(&mut spec, piece)?;
        }
        // `{x=}` shows the repr unless a conversion or a format spec is given.
        let conversion = match field.conversion {
            None if field.debug_text.is_some() && spec.is_empty() => Some('r'),
            conversion => conversion,
        };
        Ok(FStringPart::Value {
            value: Box::new(value),
            conversion,
            spec,
            debug_text: field.debug_text.clone(),
        })
    }

    fn field_expression(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Lambda) {
            return Err(error_at(
                self.tok(),
                "f-string: lambda expressions are not allowed without parentheses",
            ));
        }
        let value = match self.parse_value() {
            Ok(value) if self.at_eof() => value,
            Ok(_) => return Err(self.field_error()),
            Err(error) if error.message == INVALID_SYNTAX => return Err(self.field_error()),
            Err(error) => return Err(error),
        };
        Ok(value)
    }

    fn field_error(&self) -> SyntaxError {
        error_at(
            self.tok(),
            "f-string: expecting '=', or '!', or ':', or '}'",
        )
    }
}

fn push_literal(parts: &mut Vec<FStringPart>, text: &str) {
    if let Some(FStringPart::Literal(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(FStringPart::Literal(text.to_string()));
    }
}

fn aug_op(op: Op) -> Option<BinOp> {
    Some(match op {
        Op::PlusEqual => BinOp::Add,
        Op::MinEqual => BinOp::Sub,
        Op::StarEqual => BinOp::Mul,
        Op::AtEqual => BinOp::MatMul,
        Op::SlashEqual => BinOp::Div,
        Op::DoubleSlashEqual => BinOp::FloorDiv,
        Op::PercentEqual => BinOp::Mod,
        Op::DoubleStarEqual => BinOp::Pow,
        Op::LeftShiftEqual => BinOp::LShift,
        Op::RightShiftEqual => BinOp::RShift,
        Op::VBarEqual => BinOp::BitOr,
        Op::CircumflexEqual => BinOp::BitXor,
        Op::AmperEqual => BinOp::BitAnd,
        _ => return None,
    })
}

/// The part of a target that cannot be assigned to (or deleted), if any —
/// CPython's `_PyPegen_get_invalid_target`.
fn invalid_target(e: &Expr, ctx: TargetCtx) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List(elts) | ExprKind::Tuple(elts) => {
            elts.iter().find_map(|elt| invalid_target(elt, ctx))
        }
        ExprKind::Starred(value) if ctx != TargetCtx::Del => invalid_target(value, ctx),
        // `for a in b` reaches here as a comparison when the target is bad.
        ExprKind::Compare { left, ops } if ctx == TargetCtx::For => match ops.first() {
            Some((CmpOp::In, _)) => invalid_target(left, ctx),
            _ => None,
        },
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        _ => Some(e),
    }
}

/// How CPython names an expression in error messages.
fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::None => "None",
        ExprKind::Bool(true) => "True",
        ExprKind::Bool(false) => "False",
        ExprKind::Ellipsis => "ellipsis",
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) | ExprKind::Bytes(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// Whether an expression could be a `bitwise_or` without parentheses.
fn is_bitwise_or_level(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp {
                op: UnaryOp::Not,
                ..
            }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::NamedExpr { .. }
            | ExprKind::Starred(_)
            | ExprKind::Yield(_)
            | ExprKind::YieldFrom(_)
    )
}

/// Whether the source of an assigned value starts with a `bitwise_or`.
fn starts_with_bitwise_or(value: &Expr) -> bool {
    match &value.kind {
        ExprKind::Lambda { .. }
        | ExprKind::UnaryOp {
            op: UnaryOp::Not, ..
        }
        | ExprKind::Yield(_)
        | ExprKind::YieldFrom(_)
        | ExprKind::Starred(_) => false,
        ExprKind::Tuple(elts) => elts.first().is_some_and(starts_with_bitwise_or),
        _ => true,
    }
}

/// The height of an expression tree, computed without recursion.
fn expr_height(root: &Expr) -> u32 {
    let mut max = 0;
    let mut stack = vec![(root, 1u32)];
    while let Some((e, depth)) = stack.pop() {
        max = max.max(depth);
        for_each_child(e, &mut |child| stack.push((child, depth + 1)));
    }
    max
}

/// Calls `f` on every direct sub-expression of `e` (f-string fields and
/// parameter defaults included).
fn for_each_child<'e>(e: &'e Expr, f: &mut impl FnMut(&'e Expr)) {
    match &e.kind {
        ExprKind::None
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Ellipsis
        | ExprKind::Name(_) => {}
        ExprKind::FString(parts) => fstring_children(parts, f),
        ExprKind::List(elts) | ExprKind::Tuple(elts) | ExprKind::Set(elts) => {
            elts.iter().for_each(f);
        }
        ExprKind::Dict(items) => {
            for (key, value) in items {
                key.iter().for_each(&mut *f);
                f(value);
            }
        }
        ExprKind::Starred(value)
        | ExprKind::Await(value)
        | ExprKind::YieldFrom(value)
        | ExprKind::Attribute { value, .. }
        | ExprKind::UnaryOp { operand: value, .. }
        | ExprKind::NamedExpr { value, .. } => f(value),
        ExprKind::Yield(value) => value.iter().for_each(|v| f(v)),
        ExprKind::Subscript { value, index } => {
            f(value);
            f(index);
        }
        ExprKind::Slice { lower, upper, step } => {
            [lower, upper, step]
                .into_iter()
                .flatten()
                .for_each(|v| f(v));
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            f(func);
            args.iter().for_each(&mut *f);
            keywords.iter().for_each(|k| f(&k.value));
        }
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::BoolOp { values, .. } => values.iter().for_each(f),
        ExprKind::Compare { left, ops } => {
            f(left);
            ops.iter().for_each(|(_, e)| f(e));
        }
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        ExprKind::Lambda { params, body } => {
            let defaults = params.args.iter().chain(&params.kwonly);
            defaults
                .filter_map(|p| p.default.as_ref())
                .for_each(&mut *f);
            f(body);
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            f(elt);
            comprehension_children(generators, f);
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            f(key);
            f(value);
            comprehension_children(generators, f);
        }
    }
}

fn fstring_children<'e>(parts: &'e [FStringPart], f: &mut impl FnMut(&'e Expr)) {
    for part in parts {
        if let FStringPart::Value { value, spec, .. } = part {
            f(value);
            // Specs nest at most a few levels (the lexer limits them).
            fstring_children(spec, f);
        }
    }
}

fn comprehension_children<'e>(generators: &'e [Comprehension], f: &mut impl FnMut(&'e Expr)) {
    for generator in generators {
        f(&generator.target);
        f(&generator.iter);
        generator.ifs.iter().for_each(&mut *f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // ----- helpers: a compact, readable rendering of the AST -----

    fn list(exprs: &[Expr]) -> String {
        exprs.iter().map(show).collect::<Vec<_>>().join(" ")
    }

    fn opt(e: &Option<Box<Expr>>) -> String {
        e.as_deref().map_or(String::new(), show)
    }

    fn show_params(p: &Params) -> String {
        let param = |p: &Param| match &p.default {
            Some(d) => format!("{}={}", p.name, show(d)),
            None => p.name.clone(),
        };
        let mut parts: Vec<String> = p.args.iter().map(param).collect();
        match &p.vararg {
            Some(name) => parts.push(format!("*{name}")),
            None if !p.kwonly.is_empty() => parts.push("*".into()),
            None => {}
        }
        parts.extend(p.kwonly.iter().map(param));
        parts.extend(p.kwarg.iter().map(|k| format!("**{k}")));
        format!("({})", parts.join(" "))
    }

    fn show_generators(generators: &[Comprehension]) -> String {
        let one = |c: &Comprehension| {
            let prefix = if c.is_async { "async for" } else { "for" };
            let ifs: String = c.ifs.iter().map(|i| format!(" if {}", show(i))).collect();
            format!("{prefix} {} in {}{ifs}", show(&c.target), show(&c.iter))
        };
        generators.iter().map(one).collect::<Vec<_>>().join(" ")
    }

    fn show_part(part: &FStringPart) -> String {
        match part {
            FStringPart::Literal(text) => format!("{text:?}"),
            FStringPart::Value {
                value,
                conversion,
                spec,
                debug_text,
            } => {
                let mut out = format!("{{{}", show(value));
                if let Some(text) = debug_text {
                    out = format!("{{{text:?} {}", show(value));
                }
                if let Some(c) = conversion {
                    out.push_str(&format!("!{c}"));
                }
                if !spec.is_empty() {
                    let spec: Vec<String> = spec.iter().map(show_part).collect();
                    out.push_str(&format!(":{}", spec.join(" ")));
                }
                out + "}"
            }
        }
    }

    fn show(e: &Expr) -> String {
        use ExprKind as K;
        match &e.kind {
            K::None => "None".into(),
            K::Bool(b) => if *b { "True" } else { "False" }.into(),
            K::Int(digits) => digits.clone(),
            K::Float(value) => format!("{value:?}"),
            K::Str(text) => format!("{text:?}"),
            K::Bytes(bytes) => format!("b{:?}", String::from_utf8_lossy(bytes)),
            K::FString(parts) => {
                format!(
                    "(f {})",
                    parts.iter().map(show_part).collect::<Vec<_>>().join(" ")
                )
            }
            K::Ellipsis => "...".into(),
            K::Name(name) => name.clone(),
            K::List(elts) => format!("[{}]", list(elts)),
            K::Tuple(elts) => format!("(tuple {})", list(elts)),
            K::Set(elts) => format!("{{set {}}}", list(elts)),
            K::Dict(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|(k, v)| match k {
                        Some(k) => format!("{}:{}", show(k), show(v)),
                        None => format!("**{}", show(v)),
                    })
                    .collect();
                format!("{{dict {}}}", items.join(" "))
            }
            K::Starred(value) => format!("*{}", show(value)),
            K::Attribute { value, attr } => format!("{}.{attr}", show(value)),
            K::Subscript { value, index } => format!("{}[{}]", show(value), show(index)),
            K::Slice { lower, upper, step } => {
                format!("{}:{}:{}", opt(lower), opt(upper), opt(step))
            }
            K::Call {
                func,
                args,
                keywords,
            } => {
                let mut parts: Vec<String> = args.iter().map(show).collect();
                parts.extend(keywords.iter().map(|k| match &k.name {
                    Some(name) => format!("{name}={}", show(&k.value)),
                    None => format!("**{}", show(&k.value)),
                }));
                format!("(call {} {})", show(func), parts.join(" "))
            }
            K::BinOp { left, op, right } => {
                format!("({} {} {})", op.symbol(), show(left), show(right))
            }
            K::UnaryOp { op, operand } => {
                let symbol = match op {
                    UnaryOp::Not => "not",
                    UnaryOp::Neg => "-",
                    UnaryOp::Pos => "+",
                    UnaryOp::Invert => "~",
                };
                format!("({symbol} {})", show(operand))
            }
            K::BoolOp { op, values } => {
                let name = if *op == BoolOp::And { "and" } else { "or" };
                format!("({name} {})", list(values))
            }
            K::Compare { left, ops } => {
                let ops: Vec<String> = ops
                    .iter()
                    .map(|(op, e)| format!("{} {}", op.symbol(), show(e)))
                    .collect();
                format!("(cmp {} {})", show(left), ops.join(" "))
            }
            K::IfExp { test, body, orelse } => {
                format!("(if {} {} {})", show(test), show(body), show(orelse))
            }
            K::Lambda { params, body } => {
                format!("(lambda {} {})", show_params(params), show(body))
            }
            K::ListComp { elt, generators } => {
                format!("(listcomp {} {})", show(elt), show_generators(generators))
            }
            K::SetComp { elt, generators } => {
                format!("(setcomp {} {})", show(elt), show_generators(generators))
            }
            K::GeneratorExp { elt, generators } => {
                format!("(genexp {} {})", show(elt), show_generators(generators))
            }
            K::DictComp {
                key,
                value,
                generators,
            } => {
                format!(
                    "(dictcomp {}:{} {})",
                    show(key),
                    show(value),
                    show_generators(generators)
                )
            }
            K::Await(value) => format!("(await {})", show(value)),
            K::Yield(value) => format!("(yield {})", opt(value)),
            K::YieldFrom(value) => format!("(yield-from {})", show(value)),
            K::NamedExpr { target, value } => format!("(:= {target} {})", show(value)),
        }
    }

    fn show_body(body: &[Stmt]) -> String {
        format!(
            "[{}]",
            body.iter().map(show_stmt).collect::<Vec<_>>().join("; ")
        )
    }

    fn show_alias(a: &Alias) -> String {
        match &a.asname {
            Some(asname) => format!("{} as {asname}", a.name),
            None => a.name.clone(),
        }
    }

    fn show_stmt(s: &Stmt) -> String {
        use StmtKind as S;
        match &s.kind {
            S::Expr(e) => show(e),
            S::Assign { targets, value } => format!("(= {} {})", list(targets), show(value)),
            S::AugAssign { target, op, value } => {
                format!("({}= {} {})", op.symbol(), show(target), show(value))
            }
            S::AnnAssign { target, value } => match value {
                Some(v) => format!("(: {} {})", show(target), show(v)),
                None => format!("(: {})", show(target)),
            },
            S::FunctionDef(f) => format!(
                "({}def {} {} {}{})",
                if f.is_async { "async " } else { "" },
                f.name,
                show_params(&f.params),
                show_body(&f.body),
                f.decorators
                    .iter()
                    .map(|d| format!(" @{}", show(d)))
                    .collect::<String>()
            ),
            S::ClassDef(c) => format!(
                "(class {} ({}) {}{})",
                c.name,
                list(&c.bases),
                show_body(&c.body),
                c.decorators
                    .iter()
                    .map(|d| format!(" @{}", show(d)))
                    .collect::<String>()
            ),
            S::Return(value) => format!("(return {})", value.as_ref().map_or(String::new(), show)),
            S::Delete(targets) => format!("(del {})", list(targets)),
            S::Pass => "pass".into(),
            S::Break => "break".into(),
            S::Continue => "continue".into(),
            S::If { test, body, orelse } => {
                format!(
                    "(if {} {} {})",
                    show(test),
                    show_body(body),
                    show_body(orelse)
                )
            }
            S::While { test, body, orelse } => {
                format!(
                    "(while {} {} {})",
                    show(test),
                    show_body(body),
                    show_body(orelse)
                )
            }
            S::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => format!(
                "({}for {} {} {} {})",
                if *is_async { "async " } else { "" },
                show(target),
                show(iter),
                show_body(body),
                show_body(orelse)
            ),
            S::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                let handlers: Vec<String> = handlers
                    .iter()
                    .map(|h| {
                        let typ = h.typ.as_ref().map_or(String::new(), show);
                        let name = h
                            .name
                            .as_ref()
                            .map_or(String::new(), |n| format!(" as {n}"));
                        format!("(except {typ}{name} {})", show_body(&h.body))
                    })
                    .collect();
                format!(
                    "(try {} {} {} {})",
                    show_body(body),
                    handlers.join(" "),
                    show_body(orelse),
                    show_body(finalbody)
                )
            }
            S::Raise { exc, cause } => format!(
                "(raise {} {})",
                exc.as_ref().map_or(String::new(), show),
                cause.as_ref().map_or(String::new(), show)
            ),
            S::Assert { test, msg } => {
                format!(
                    "(assert {} {})",
                    show(test),
                    msg.as_ref().map_or(String::new(), show)
                )
            }
            S::With {
                items,
                body,
                is_async,
            } => {
                let items: Vec<String> = items
                    .iter()
                    .map(|i| match &i.target {
                        Some(t) => format!("{} as {}", show(&i.context), show(t)),
                        None => show(&i.context),
                    })
                    .collect();
                let prefix = if *is_async { "async " } else { "" };
                format!("({prefix}with {} {})", items.join(", "), show_body(body))
            }
            S::Import(aliases) => {
                format!(
                    "(import {})",
                    aliases
                        .iter()
                        .map(show_alias)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
            S::ImportFrom { module, names } => {
                let names: Vec<String> = names.iter().map(show_alias).collect();
                format!("(from {module} import {})", names.join(", "))
            }
            S::Global(names) => format!("(global {})", names.join(" ")),
            S::Nonlocal(names) => format!("(nonlocal {})", names.join(" ")),
        }
    }

    fn parse(source: &str) -> Vec<Stmt> {
        match parse_module(source) {
            Ok(module) => module.body,
            Err(e) => panic!("parse_module({source:?}) failed: {e:?}"),
        }
    }

    /// The rendering of a module's statements, one per line.
    fn stmts(source: &str) -> String {
        parse(source)
            .iter()
            .map(show_stmt)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The rendering of an expression, parsed as an expression statement.
    fn ex(source: &str) -> String {
        match &parse(source)[..] {
            [Stmt {
                kind: StmtKind::Expr(e),
                ..
            }] => show(e),
            other => panic!("not one expression statement: {other:?}"),
        }
    }

    fn error(source: &str) -> SyntaxError {
        match parse_module(source) {
            Ok(module) => panic!("parse_module({source:?}) succeeded: {module:?}"),
            Err(e) => e,
        }
    }

    // ----- expressions -----

    #[test]
    fn power_binds_tighter_than_unary_on_its_left() {
        assert_eq!(ex("-2**2"), "(- (** 2 2))");
        assert_eq!(ex("2**-1"), "(** 2 (- 1))");
        assert_eq!(ex("-a ** -b"), "(- (** a (- b)))");
        assert_eq!(ex("~a ** b"), "(~ (** a b))");
        assert_eq!(ex("a ** b ** c"), "(** a (** b c))");
        assert_eq!(ex("a * b ** c"), "(* a (** b c))");
        assert_eq!(ex("a ** b * c"), "(* (** a b) c)");
        assert_eq!(ex("await x ** 2"), "(** (await x) 2)");
        assert_eq!(ex("-await x"), "(- (await x))");
    }

    #[test]
    fn binary_operator_precedence_and_associativity() {
        assert_eq!(ex("a - b - c"), "(- (- a b) c)");
        assert_eq!(
            ex("a / b * c // d % e @ f"),
            "(@ (% (// (* (/ a b) c) d) e) f)"
        );
        assert_eq!(ex("a + b * c"), "(+ a (* b c))");
        assert_eq!(ex("-a * b"), "(* (- a) b)");
        assert_eq!(ex("a << b + c"), "(<< a (+ b c))");
        assert_eq!(ex("a | b ^ c & d << e"), "(| a (^ b (& c (<< d e))))");
        assert_eq!(ex("a & b | c"), "(| (& a b) c)");
        assert_eq!(ex("(a + b) * c"), "(* (+ a b) c)");
    }

    #[test]
    fn boolean_and_comparison_operators() {
        assert_eq!(ex("a or b and not c or d"), "(or a (and b (not c)) d)");
        assert_eq!(ex("a and b and c"), "(and a b c)");
        assert_eq!(ex("not a == b"), "(not (cmp a == b))");
        assert_eq!(ex("not not a"), "(not (not a))");
        assert_eq!(ex("a < b < c"), "(cmp a < b < c)");
        assert_eq!(ex("a not in b is not c"), "(cmp a not in b is not c)");
        assert_eq!(ex("a is b != c in d"), "(cmp a is b != c in d)");
        assert_eq!(ex("a < b | c"), "(cmp a < (| b c))");
        assert_eq!(ex("a < b and c"), "(and (cmp a < b) c)");
    }

    #[test]
    fn conditional_lambda_and_walrus() {
        assert_eq!(ex("a if b else c if d else e"), "(if b a (if d c e))");
        assert_eq!(ex("lambda: 1 if 2 else 3"), "(lambda () (if 2 1 3))");
        assert_eq!(ex("a or b if c else d"), "(if c (or a b) d)");
        assert_eq!(
            ex("lambda a, b=1, *args, c, d=2, **kw: a"),
            "(lambda (a b=1 *args c d=2 **kw) a)"
        );
        assert_eq!(ex("lambda *, a: a"), "(lambda (* a) a)");
        assert_eq!(ex("lambda a, /, b: 0"), "(lambda (a b) 0)");
        assert_eq!(ex("(y := f(x))"), "(:= y (call f x))");
        assert_eq!(ex("[y := 1, y ** 2]"), "[(:= y 1) (** y 2)]");
    }

    #[test]
    fn displays() {
        assert_eq!(ex("()"), "(tuple )");
        assert_eq!(ex("(x,)"), "(tuple x)");
        assert_eq!(ex("(x)"), "x");
        assert_eq!(ex("1, 2"), "(tuple 1 2)");
        assert_eq!(ex("[1, *a, 2,]"), "[1 *a 2]");
        assert_eq!(ex("{}"), "{dict }");
        assert_eq!(ex("{1, *a}"), "{set 1 *a}");
        assert_eq!(ex("{'a': 1, **b, 'c': 2}"), "{dict \"a\":1 **b \"c\":2}");
        assert_eq!(ex("*a, *b"), "(tuple *a *b)");
        assert_eq!(ex("..."), "...");
        assert_eq!(ex("None, True, False"), "(tuple None True False)");
    }

    #[test]
    fn comprehensions() {
        assert_eq!(ex("[x for x in y]"), "(listcomp x for x in y)");
        assert_eq!(
            ex("[x for x in y for z in x if z if not w]"),
            "(listcomp x for x in y for z in x if z if (not w))"
        );
        assert_eq!(
            ex("{k: v for k, v in d}"),
            "(dictcomp k:v for (tuple k v) in d)"
        );
        assert_eq!(ex("{x for x in y}"), "(setcomp x for x in y)");
        assert_eq!(ex("(x for x in y)"), "(genexp x for x in y)");
        assert_eq!(ex("[x async for x in y]"), "(listcomp x async for x in y)");
        assert_eq!(ex("sum(x for x in y)"), "(call sum (genexp x for x in y))");
        assert_eq!(ex("[x for x in a or b]"), "(listcomp x for x in (or a b))");
    }

    #[test]
    fn calls_and_trailers() {
        assert_eq!(ex("f(a, *b, c=1, *d, **e)"), "(call f a *b *d c=1 **e)");
        assert_eq!(ex("f(x,)"), "(call f x)");
        assert_eq!(ex("f(a := 1, b=2)"), "(call f (:= a 1) b=2)");
        assert_eq!(ex("a.b.c(d)(e)[f].g"), "(call (call a.b.c d) e)[f].g");
        assert_eq!(ex("a[1:2:3]"), "a[1:2:3]");
        assert_eq!(ex("a[::2]"), "a[::2]");
        assert_eq!(ex("a[:]"), "a[::]");
        assert_eq!(ex("a[i, j]"), "a[(tuple i j)]");
        assert_eq!(ex("a[1:2, ::3]"), "a[(tuple 1:2: ::3)]");
        assert_eq!(ex("a[*b]"), "a[(tuple *b)]");
        assert_eq!(ex("a[()]"), "a[(tuple )]");
        assert_eq!(ex("a[-1:]"), "a[(- 1)::]");
    }

    #[test]
    fn literals() {
        assert_eq!(
            ex("0x_FF + 0o17 + 0b101 + 1_000"),
            "(+ (+ (+ 255 15) 5) 1000)"
        );
        assert_eq!(ex("99999999999999999999999"), "99999999999999999999999");
        assert_eq!(ex("1.5, .5, 1e3"), "(tuple 1.5 0.5 1000.0)");
        assert_eq!(ex("'a' \"b\" '''c'''"), "\"abc\"");
        assert_eq!(ex("b'a' B'b'"), "b\"ab\"");
        assert_eq!(ex("'é😀'"), "\"é😀\"");
    }

    #[test]
    fn fstrings() {
        assert_eq!(ex("f'a{x}b'"), "(f \"a\" {x} \"b\")");
        assert_eq!(
            ex("'a' f'{x!r:>{w}}' 'b'"),
            "(f \"a\" {x!r:\">\" {w}} \"b\")"
        );
        assert_eq!(ex("f'{x=}'"), "(f {\"x=\" x!r})");
        assert_eq!(ex("f'{x = }'"), "(f {\"x = \" x!r})");
        assert_eq!(ex("f'{x=:>4}'"), "(f {\"x=\" x:\">4\"})");
        assert_eq!(ex("f'{x=!s}'"), "(f {\"x=\" x!s})");
        assert_eq!(ex("f'{{}} {{{x}}}'"), "(f \"{} {\" {x} \"}\")");
        assert_eq!(ex("f'{\"q\" + f\"{y}\"}'"), "(f {(+ \"q\" (f {y}))})");
        assert_eq!(ex("f'{a, b}'"), "(f {(tuple a b)})");
        assert_eq!(ex("f'{a if b else c}'"), "(f {(if b a c)})");
        assert_eq!(ex("f'{(lambda: 1)()}'"), "(f {(call (lambda () 1) )})");
        assert_eq!(ex("f''"), "(f )");
    }

    #[test]
    fn await_and_yield() {
        assert_eq!(
            stmts("async def f():\n    return await g()"),
            "(async def f () [(return (await (call g )))])"
        );
        assert_eq!(
            stmts("def g():\n    x = yield\n    y = yield 1, 2\n    z = yield from h()\n    yield"),
            "(def g () [(= x (yield )); (= y (yield (tuple 1 2))); (= z (yield-from (call h ))); (yield )])"
        );
        assert_eq!(ex("(yield)"), "(yield )");
    }

    // ----- statements -----

    #[test]
    fn assignments() {
        assert_eq!(stmts("a = b = 1"), "(= a b 1)");
        assert_eq!(stmts("a, *b = x"), "(= (tuple a *b) x)");
        assert_eq!(stmts("[a, b] = (c, d) = e"), "(= [a b] (tuple c d) e)");
        assert_eq!(stmts("a, = b"), "(= (tuple a) b)");
        assert_eq!(stmts("x.y[0] = 1"), "(= x.y[0] 1)");
        assert_eq!(
            stmts("x += 1; y **= 2; z //= 3; w @= 4"),
            "(+= x 1)\n(**= y 2)\n(//= z 3)\n(@= w 4)"
        );
        assert_eq!(stmts("x: int = 1"), "(: x 1)");
        assert_eq!(stmts("x.y: int"), "(: x.y)");
        assert_eq!(stmts("(a): int = 1"), "(: a 1)");
        assert_eq!(stmts("x = *a, *b"), "(= x (tuple *a *b))");
    }

    #[test]
    fn simple_statements() {
        assert_eq!(
            stmts("pass; break; continue\nreturn\nreturn 1, 2\nraise\nraise X from Y"),
            "pass\nbreak\ncontinue\n(return )\n(return (tuple 1 2))\n(raise  )\n(raise X Y)"
        );
        assert_eq!(stmts("del a, b[1], c.d,"), "(del a b[1] c.d)");
        assert_eq!(stmts("del (a, b), [c]"), "(del (tuple a b) [c])");
        assert_eq!(
            stmts("global a, b\nnonlocal c"),
            "(global a b)\n(nonlocal c)"
        );
        assert_eq!(stmts("assert x, 'msg'"), "(assert x \"msg\")");
        assert_eq!(stmts("x = 1;"), "(= x 1)");
    }

    #[test]
    fn imports() {
        assert_eq!(stmts("import a.b as c, d"), "(import a.b as c, d)");
        assert_eq!(
            stmts("from m import (a as b, c,)"),
            "(from m import a as b, c)"
        );
        assert_eq!(
            stmts("from m import a as b, c"),
            "(from m import a as b, c)"
        );
        assert_eq!(stmts("from . import x"), "(from . import x)");
        assert_eq!(
            stmts("from ..pkg.mod import x"),
            "(from ..pkg.mod import x)"
        );
        assert_eq!(stmts("from .... import x"), "(from .... import x)");
        assert_eq!(stmts("from m import *"), "(from m import )");
    }

    #[test]
    fn compound_statements() {
        assert_eq!(
            stmts("if a:\n    x\nelif b:\n    y\nelse:\n    z"),
            "(if a [x] [(if b [y] [z])])"
        );
        assert_eq!(stmts("if x: y; z"), "(if x [y; z] [])");
        assert_eq!(
            stmts("while x:\n    break\nelse:\n    pass"),
            "(while x [break] [pass])"
        );
        assert_eq!(
            stmts("for i, in x: pass\nelse: pass"),
            "(for (tuple i) x [pass] [pass])"
        );
        assert_eq!(
            stmts("for x in *a, *b: pass"),
            "(for x (tuple *a *b) [pass] [])"
        );
        assert_eq!(
            stmts("try:\n    a\nexcept (A, B) as e:\n    b\nexcept C:\n    c\nexcept:\n    d\nelse:\n    e\nfinally:\n    f"),
            "(try [a] (except (tuple A B) as e [b]) (except C [c]) (except  [d]) [e] [f])"
        );
        assert_eq!(stmts("try:\n    a\nfinally:\n    b"), "(try [a]  [] [b])");
        assert_eq!(
            stmts("with a as b, c as d: pass"),
            "(with a as b, c as d [pass])"
        );
        assert_eq!(stmts("with (a as b, c): pass"), "(with a as b, c [pass])");
        assert_eq!(
            stmts("with (a, b) as c: pass"),
            "(with (tuple a b) as c [pass])"
        );
        assert_eq!(stmts("with (yield): pass"), "(with (yield ) [pass])");
        assert_eq!(
            stmts("with a as (b, c): pass"),
            "(with a as (tuple b c) [pass])"
        );
    }

    #[test]
    fn definitions() {
        assert_eq!(
            stmts("def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:\n    return a"),
            "(def f (a b=1 c=2 *args d e=3 **kw) [(return a)])"
        );
        assert_eq!(
            stmts("def f(a: int, *, b: str = 'x', **k: dict): ..."),
            "(def f (a * b=\"x\" **k) [...])"
        );
        assert_eq!(
            stmts("@dec\n@dec2(1)\nclass C(A, B):\n    x: int = 1\n    def m(self): pass"),
            "(class C (A B) [(: x 1); (def m (self) [pass])] @dec @(call dec2 1))"
        );
        assert_eq!(
            stmts("class C: pass\nclass D(): pass"),
            "(class C () [pass])\n(class D () [pass])"
        );
        assert_eq!(
            stmts("@a.b\nasync def f():\n    async for x in y:\n        async with z as w: pass"),
            "(async def f () [(async for x y [(async with z as w [pass])] [])] @a.b)"
        );
    }

    #[test]
    fn blank_lines_comments_and_line_endings() {
        let expected = "(if x [(= a 1); (= b 2)] [])";
        assert_eq!(
            stmts("if x:\n    # c\n    a = 1\n\n    # c2\n\n    b = 2\n"),
            expected
        );
        assert_eq!(stmts("if x:\r\n    a = 1\r\n    b = 2\r\n"), expected);
        assert_eq!(stmts("if x:\r    a = 1\r    b = 2"), expected);
        assert_eq!(stmts("if x:\n\ta = 1\n\tb = 2"), expected);
        assert_eq!(
            stmts("x = (1 +\n     2)\ny = 3 \\\n  + 4"),
            "(= x (+ 1 2))\n(= y (+ 3 4))"
        );
        assert!(parse("").is_empty());
        assert!(parse("# only a comment").is_empty());
        assert!(parse("\n\n   \n").is_empty());
    }

    #[test]
    fn lines_are_those_of_first_tokens() {
        let body = parse("\n\n@dec\ndef f():\n    x = (1 +\n         2)\n    return x\n");
        assert_eq!(body[0].line, 4, "a decorated def is at its `def`");
        let StmtKind::FunctionDef(def) = &body[0].kind else {
            panic!("not a def")
        };
        assert_eq!(def.decorators[0].line, 3);
        assert_eq!((def.body[0].line, def.body[1].line), (5, 7));
        let StmtKind::Assign { value, .. } = &def.body[0].kind else {
            panic!("not an assign")
        };
        let ExprKind::BinOp { right, .. } = &value.kind else {
            panic!("not a binop")
        };
        assert_eq!((value.line, right.line), (5, 6));

        // A node starts at its first token, even a `(` before its first operand.
        let body = parse("x = (\n  a or b\n) and c");
        let StmtKind::Assign { value, .. } = &body[0].kind else {
            panic!("not an assign")
        };
        assert_eq!(value.line, 1);
        let body = parse("try:\n    pass\nexcept E:\n    pass\n");
        let StmtKind::Try { handlers, .. } = &body[0].kind else {
            panic!("not a try")
        };
        assert_eq!(handlers[0].line, 3);
    }

    // ----- errors -----

    #[test]
    fn syntax_errors_match_cpython() {
        // (source, message, line, column), as CPython 3.12 reports them.
        let cases: &[(&str, &str, u32, u32)] = &[
            ("if x\n    pass\n", "expected ':'", 1, 5),
            ("if x y:\n pass\n", "invalid syntax", 1, 6),
            ("def f() x:\n pass\n", "expected ':'", 1, 9),
            ("class C\n pass\n", "expected ':'", 1, 8),
            ("class C x:\n pass\n", "invalid syntax", 1, 9),
            ("for x in y\n pass\n", "expected ':'", 1, 11),
            ("while x\n pass\n", "expected ':'", 1, 8),
            ("with x\n pass\n", "expected ':'", 1, 7),
            ("try\n pass\n", "expected ':'", 1, 4),
            ("try:\n pass\nexcept\n pass\n", "expected ':'", 3, 7),
            ("try:\n pass\nfinally\n pass\n", "expected ':'", 3, 8),
            ("if x:\n pass\nelse\n pass\n", "expected ':'", 3, 5),
            ("def f:\n pass", "expected '('", 1, 6),
            ("x = (1,\n", "'(' was never closed", 1, 5),
            ("1abc", "invalid decimal literal", 1, 1),
            (
                "f() = 1",
                "cannot assign to function call here. Maybe you meant '==' instead of '='?",
                1,
                1,
            ),
            (
                "1 = x",
                "cannot assign to literal here. Maybe you meant '==' instead of '='?",
                1,
                1,
            ),
            (
                "a + 1 = 2",
                "cannot assign to expression here. Maybe you meant '==' instead of '='?",
                1,
                1,
            ),
            (
                "-x = 1",
                "cannot assign to expression here. Maybe you meant '==' instead of '='?",
                1,
                1,
            ),
            (
                "a, f() = 1",
                "cannot assign to function call here. Maybe you meant '==' instead of '='?",
                1,
                4,
            ),
            (
                "x, f(), y = 1",
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                1,
                9,
            ),
            ("x = f() = 1", "cannot assign to function call", 1, 5),
            ("f() = x = 1", "cannot assign to function call", 1, 1),
            ("True = 1", "cannot assign to True", 1, 1),
            ("a < b = 1", "cannot assign to comparison", 1, 1),
            ("not x = 1", "cannot assign to expression", 1, 1),
            (
                "x if y else z = 1",
                "cannot assign to conditional expression",
                1,
                1,
            ),
            ("lambda: 1 = 2", "cannot assign to lambda", 1, 1),
            (
                "(x for x in y) = 1",
                "cannot assign to generator expression",
                1,
                1,
            ),
            (
                "f() += 1",
                "'function call' is an illegal expression for augmented assignment",
                1,
                1,
            ),
            (
                "a, b += 1",
                "'tuple' is an illegal expression for augmented assignment",
                1,
                1,
            ),
            (
                "None += 1",
                "'None' is an illegal expression for augmented assignment",
                1,
                1,
            ),
            (
                "a, b: int",
                "only single target (not tuple) can be annotated",
                1,
                1,
            ),
            (
                "[a]: int",
                "only single target (not list) can be annotated",
                1,
                1,
            ),
            ("f(): int", "illegal target for annotation", 1, 1),
            ("del f()", "cannot delete function call", 1, 5),
            ("del *a", "cannot delete starred", 1, 5),
            ("del 1", "cannot delete literal", 1, 5),
            ("for f() in x: pass", "cannot assign to function call", 1, 5),
            ("for 1 in x: pass", "cannot assign to literal", 1, 5),
            (
                "with a as f(): pass",
                "cannot assign to function call",
                1,
                11,
            ),
            ("[x for 1 in y]", "cannot assign to literal", 1, 8),
            (
                "(a.b := 1)",
                "cannot use assignment expressions with attribute",
                1,
                2,
            ),
            (
                "(1 := 2)",
                "cannot use assignment expressions with literal",
                1,
                2,
            ),
            (
                "if x = 1: pass",
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                1,
                4,
            ),
            (
                "while x = 1: pass",
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                1,
                7,
            ),
            (
                "[x = 1]",
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                1,
                2,
            ),
            (
                "[a.b = 1]",
                "cannot assign to attribute here. Maybe you meant '==' instead of '='?",
                1,
                2,
            ),
            (
                "f(a.b=1)",
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                1,
                3,
            ),
            (
                "f(x+1=2)",
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                1,
                3,
            ),
            ("x = 1 if y", "expected 'else' after 'if' expression", 1, 5),
            (
                "print 'hello'",
                "Missing parentheses in call to 'print'. Did you mean print(...)?",
                1,
                1,
            ),
            (
                "exec 'x'",
                "Missing parentheses in call to 'exec'. Did you mean exec(...)?",
                1,
                1,
            ),
            (
                "f(a b)",
                "invalid syntax. Perhaps you forgot a comma?",
                1,
                3,
            ),
            (
                "x = [1, 2 3]",
                "invalid syntax. Perhaps you forgot a comma?",
                1,
                9,
            ),
            (
                "{'a': 1 'b': 2}",
                "invalid syntax. Perhaps you forgot a comma?",
                1,
                7,
            ),
            ("x = a b", "invalid syntax", 1, 7),
            (
                "f(x for x in y, z)",
                "Generator expression must be parenthesized",
                1,
                3,
            ),
            (
                "f(x for x in y,)",
                "Generator expression must be parenthesized",
                1,
                3,
            ),
            (
                "f(**k, *a)",
                "iterable argument unpacking follows keyword argument unpacking",
                1,
                8,
            ),
            ("f(a=1, a=2)", "keyword argument repeated: a", 1, 8),
            (
                "def f(a=1, b): pass",
                "parameter without a default follows parameter with a default",
                1,
                12,
            ),
            (
                "def f(a=1, /, b): pass",
                "parameter without a default follows parameter with a default",
                1,
                15,
            ),
            (
                "lambda a=1, b: 0",
                "parameter without a default follows parameter with a default",
                1,
                13,
            ),
            (
                "def f(a, a): pass",
                "duplicate argument 'a' in function definition",
                1,
                10,
            ),
            (
                "def f(a, *, a): pass",
                "duplicate argument 'a' in function definition",
                1,
                13,
            ),
            (
                "lambda a, a: 0",
                "duplicate argument 'a' in function definition",
                1,
                11,
            ),
            (
                "def f(*, **k): pass",
                "named arguments must follow bare *",
                1,
                7,
            ),
            ("def f(*): pass", "named arguments must follow bare *", 1, 7),
            (
                "def f(**k, a): pass",
                "arguments cannot follow var-keyword argument",
                1,
                12,
            ),
            (
                "def f(*a, *b): pass",
                "* argument may appear only once",
                1,
                11,
            ),
            ("def f(/): pass", "invalid syntax", 1, 7),
            ("def f(a, /, b, /): pass", "/ may appear only once", 1, 16),
            ("def f(*, a, /): pass", "/ must be ahead of *", 1, 13),
            (
                "def f(**k=1): pass",
                "var-keyword argument cannot have default value",
                1,
                10,
            ),
            (
                "def f(*a=1): pass",
                "var-positional argument cannot have default value",
                1,
                9,
            ),
            (
                "try:\n pass\nexcept:\n pass\nexcept E:\n pass\n",
                "default 'except:' must be last",
                3,
                1,
            ),
            (
                "try:\n pass\nexcept A, B:\n pass\n",
                "multiple exception types must be parenthesized",
                3,
                8,
            ),
            (
                "try:\n    pass\nelse:\n    pass",
                "expected 'except' or 'finally' block",
                3,
                1,
            ),
            (
                "try:\n pass\n",
                "expected 'except' or 'finally' block",
                2,
                6,
            ),
            (
                "from m import a,",
                "trailing comma not allowed without surrounding parentheses",
                1,
                17,
            ),
            (
                "x = yield = 1",
                "assignment to yield expression not possible",
                1,
                5,
            ),
            ("x = (*a)", "cannot use starred expression here", 1, 6),
            ("x = {1: 2, 3}", "':' expected after dictionary key", 1, 12),
            (
                "x = {1: *a}",
                "cannot use a starred expression in a dictionary value",
                1,
                9,
            ),
            (
                "{**a for a in b}",
                "dict unpacking cannot be used in dict comprehension",
                1,
                2,
            ),
            (
                "[*a for a in b]",
                "iterable unpacking cannot be used in comprehension",
                1,
                2,
            ),
            (
                "x = 'a' b'c'",
                "cannot mix bytes and nonbytes literals",
                1,
                9,
            ),
            ("@dec\nx = 1", "invalid syntax", 2, 1),
            ("x = 1;;", "invalid syntax", 1, 7),
            ("a := 1", "invalid syntax", 1, 3),
            ("async x", "invalid syntax", 1, 7),
            ("def f():\n    await = 1", "invalid syntax", 2, 11),
            ("else: pass", "invalid syntax", 1, 1),
            ("x.1", "invalid syntax", 1, 2),
            ("a[]", "invalid syntax", 1, 3),
            ("x = 1 +\n", "invalid syntax", 1, 8),
            ("if x: if y: pass", "invalid syntax", 1, 7),
            ("x[a:b:c:d]", "invalid syntax", 1, 8),
            ("!a", "invalid syntax", 1, 1),
            (
                "f'{x y}'",
                "invalid syntax. Perhaps you forgot a comma?",
                1,
                4,
            ),
            ("f'{x if y}'", "expected 'else' after 'if' expression", 1, 4),
            (
                "[a lambda: 1]",
                "invalid syntax. Perhaps you forgot a comma?",
                1,
                2,
            ),
            (
                "print(a not b)",
                "invalid syntax. Perhaps you forgot a comma?",
                1,
                7,
            ),
            (
                "f'{lambda x: 1}'",
                "f-string: lambda expressions are not allowed without parentheses",
                1,
                4,
            ),
            ("x\0", "source code cannot contain null bytes", 1, 2),
        ];
        for &(source, message, line, column) in cases {
            let e = error(source);
            assert_eq!(
                (e.kind, e.message.as_str(), e.line, e.column),
                (SyntaxErrorKind::Syntax, message, line, column),
                "{source:?}"
            );
        }
    }

    #[test]
    fn indentation_errors_match_cpython() {
        let cases: &[(&str, &str, u32, u32)] = &[
            (
                "if x:\npass\n",
                "expected an indented block after 'if' statement on line 1",
                2,
                1,
            ),
            (
                "if x:\n pass\nelif y:\npass\n",
                "expected an indented block after 'elif' statement on line 3",
                4,
                1,
            ),
            (
                "if x:\n pass\nelse:\npass\n",
                "expected an indented block after 'else' statement on line 3",
                4,
                1,
            ),
            (
                "for x in y:\npass\n",
                "expected an indented block after 'for' statement on line 1",
                2,
                1,
            ),
            (
                "while x:\npass",
                "expected an indented block after 'while' statement on line 1",
                2,
                1,
            ),
            (
                "def f():\npass\n",
                "expected an indented block after function definition on line 1",
                2,
                1,
            ),
            (
                "async def f():\npass\n",
                "expected an indented block after function definition on line 1",
                2,
                1,
            ),
            (
                "class C:\npass\n",
                "expected an indented block after class definition on line 1",
                2,
                1,
            ),
            (
                "try:\npass\n",
                "expected an indented block after 'try' statement on line 1",
                2,
                1,
            ),
            (
                "try:\n pass\nexcept:\npass\n",
                "expected an indented block after 'except' statement on line 3",
                4,
                1,
            ),
            (
                "try:\n pass\nfinally:\npass\n",
                "expected an indented block after 'finally' statement on line 3",
                4,
                1,
            ),
            (
                "with x:\npass\n",
                "expected an indented block after 'with' statement on line 1",
                2,
                1,
            ),
            (
                "for x in y:\n pass\nelse:\npass\n",
                "expected an indented block after 'else' statement on line 3",
                4,
                1,
            ),
            // At the end of input CPython points at the end of the last line.
            (
                "if x:",
                "expected an indented block after 'if' statement on line 1",
                1,
                6,
            ),
            (
                "if x:\n",
                "expected an indented block after 'if' statement on line 1",
                1,
                6,
            ),
            (
                "if x:\n\n",
                "expected an indented block after 'if' statement on line 1",
                2,
                1,
            ),
            (
                "if 1:\n  x\nelse:\n",
                "expected an indented block after 'else' statement on line 3",
                3,
                6,
            ),
            (" x = 1\n", "unexpected indent", 1, 1),
            ("x = 1\n  y = 2", "unexpected indent", 2, 2),
            (
                "class C:\n    x = 1\n        y = 2",
                "unexpected indent",
                3,
                8,
            ),
            (
                "if x:\n  a\n b\n",
                "unindent does not match any outer indentation level",
                3,
                3,
            ),
            (
                "if x:\n    pass\n else:\n    pass",
                "unindent does not match any outer indentation level",
                3,
                7,
            ),
            (
                "if x:\n\tpass\n        pass\n",
                "inconsistent use of tabs and spaces in indentation",
                3,
                1,
            ),
        ];
        for &(source, message, line, column) in cases {
            let e = error(source);
            assert_eq!(
                (e.kind, e.message.as_str(), e.line, e.column),
                (SyntaxErrorKind::Indentation, message, line, column),
                "{source:?}"
            );
        }
    }

    #[test]
    fn parser_and_tokenizer_errors_are_ranked_like_cpython() {
        let cases: &[(&str, &str, u32)] = &[
            // A tokenizer error later in the source wins over a parser error...
            (
                "if x\n    pass\ns = \"abc",
                "unterminated string literal (detected at line 3)",
                3,
            ),
            ("f() = 1\nx = €", "invalid character '€' (U+20AC)", 2),
            // ...an unclosed bracket only if it was opened before the parser's error...
            ("x = [1, 2\ny = 3", "'[' was never closed", 1),
            ("print(\"hello\"\nx = 1\n", "'(' was never closed", 1),
            ("print(1 2", "'(' was never closed", 1),
            ("x = 1 +\ny = (", "invalid syntax", 1),
            ("def f(:\n    x = (", "invalid syntax", 1),
            // ...and indentation errors only when the parser gets there.
            ("x = = 1\nif y:\n  a\n b", "invalid syntax", 1),
            (
                "x = 1\nif y:\n  a\n b",
                "unindent does not match any outer indentation level",
                4,
            ),
        ];
        for &(source, message, line) in cases {
            let e = error(source);
            assert_eq!((e.message.as_str(), e.line), (message, line), "{source:?}");
        }
    }

    #[test]
    fn compiler_errors_are_left_to_the_compiler() {
        for source in [
            "return 1",
            "break",
            "await x",
            "x = yield",
            "nonlocal x",
            "*a = 1",
            "a, *b, *c = x",
            "async with x: pass",
            "f(*a, b)",
        ] {
            assert!(parse_module(source).is_ok(), "{source}");
        }
    }

    #[test]
    fn unsupported_constructs_are_reported() {
        assert!(error("class C(metaclass=M): pass")
            .message
            .contains("not supported"));
        assert_eq!(
            error("try:\n pass\nexcept* E:\n pass\nexcept F:\n pass").message,
            "cannot have both 'except' and 'except*' on the same 'try'"
        );
        assert_eq!(
            error("x = 1j").message,
            "imaginary literals are not supported"
        );
    }

    // ----- limits and robustness -----

    #[test]
    fn nesting_limits() {
        let ok = format!("x = {}1{}", "(".repeat(100), ")".repeat(100));
        assert!(parse_module(&ok).is_ok());
        let calls = format!("x = {}1{}", "f(".repeat(100), ")".repeat(100));
        assert!(parse_module(&calls).is_ok());
        let too_deep = format!("x = {}1{}", "[".repeat(101), "]".repeat(101));
        assert_eq!(error(&too_deep).message, "too many nested parentheses");
        for prefix in ["-", "not ", "lambda: ", "a if b else ", "a ** ", "(-"] {
            let source = format!("x = {}1", prefix.repeat(1000));
            assert_eq!(
                error(&source).message,
                "too many nested parentheses",
                "{prefix}"
            );
            let fine = format!(
                "x = {}1{}",
                prefix.repeat(40),
                ")".repeat(prefix.matches('(').count() * 40)
            );
            assert!(parse_module(&fine).is_ok(), "{prefix}");
        }
    }

    #[test]
    fn deep_nesting_fits_the_stack_of_a_test_thread() {
        // The deepest combinations the limits allow, on the default 2 MB
        // test-thread stack in a debug build.
        let mut blocks = String::new();
        for level in 0..99 {
            blocks.push_str(&" ".repeat(level));
            blocks.push_str("if x:\n");
        }
        blocks.push_str(&" ".repeat(99));
        let mut fstring = String::from("1");
        for _ in 0..98 {
            fstring = format!("f'{{{fstring}}}'");
        }
        let sources = [
            format!("{blocks}x = {}1{}\n", "f(".repeat(100), ")".repeat(100)),
            format!("x = {}0{}", "(lambda a=".repeat(99), ": 0)".repeat(99)),
            format!("x = {}1{}", "{1: ".repeat(100), "}".repeat(100)),
            format!("x = {}1{}", "(-".repeat(99), ")".repeat(99)),
            format!("x = {fstring}"),
        ];
        for source in &sources {
            let _ = parse_module(source);
        }
    }

    #[test]
    fn tree_height_is_limited() {
        let long_chain = format!("x = {}1", "a + ".repeat(5000));
        assert_eq!(error(&long_chain).message, "expression too complex");
        let long_attribute = format!("x = a{}", ".b".repeat(5000));
        assert_eq!(error(&long_attribute).message, "expression too complex");
        let ok_chain = format!("x = {}1", "a + ".repeat(900));
        assert!(parse_module(&ok_chain).is_ok());
        let elifs = format!("if a: pass\n{}", "elif b: pass\n".repeat(2000));
        assert_eq!(error(&elifs).message, "too many 'elif' branches");
        // A long but flat construct is fine.
        let flat = format!("x = [{}]", "1, ".repeat(100_000));
        assert!(parse_module(&flat).is_ok());
    }

    /// A small deterministic generator (xorshift), to avoid a dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    const PROGRAM: &str = r#"import asyncio
from .util import (helper as h, other,)

@decorator(1, key="v")
async def main(a, b=1, /, *args, c, d=2, **kwargs) -> None:
    """Docstring."""
    x = [i ** 2 for i in range(10) if i % 2 if i > 3]
    y = {'k': f"{x!r:>{width}} {a=} {'nested'}", **kwargs}
    z = (n := len(x)) and not -a ** -b or c if d else lambda q, *r: q
    try:
        async with asyncio.timeout(1) as t, other() as (u, v):
            await asyncio.sleep(0.5)
    except (ValueError, KeyError) as e:
        raise RuntimeError('bad') from e
    else:
        del x[0], y['k']
    finally:
        pass
    for i, *rest in zip(a, b):
        if i: continue
        elif rest: break
        else:
            x += 1; y @= 2
    while True:
        result = yield from gen() if False else (yield)
    return b'\x00' + rb'\d', 0x_ff, 1e-3, ..., a[1:2, ::3]

class C(Base):
    x: int = 1
    def m(self): return self.x
"#;

    #[test]
    fn parser_never_panics_on_malformed_input() {
        assert!(parse_module(PROGRAM).is_ok());
        for end in 0..PROGRAM.len() {
            if PROGRAM.is_char_boundary(end) {
                let _ = parse_module(&PROGRAM[..end]);
            }
        }
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        const NOISE: &[u8] = b"'\"{}()[]\\\n\r\t :=!*@.,;#f0xe_\xc3\xa9\xe2\x82\xac";
        for _ in 0..400 {
            let mut bytes = PROGRAM.as_bytes().to_vec();
            for _ in 0..=rng.below(5) {
                let i = rng.below(bytes.len());
                match rng.below(4) {
                    0 => bytes[i] = NOISE[rng.below(NOISE.len())],
                    1 => {
                        bytes.remove(i);
                    }
                    2 => {
                        let end = (i + rng.below(40)).min(bytes.len());
                        let copy = bytes[i..end].to_vec();
                        let at = rng.below(bytes.len());
                        bytes.splice(at..at, copy);
                    }
                    _ => bytes.insert(i, NOISE[rng.below(NOISE.len())]),
                }
            }
            let source = String::from_utf8_lossy(&bytes);
            let _ = parse_module(&source);
        }
    }
}
