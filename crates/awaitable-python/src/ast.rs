//! The abstract syntax tree produced by the parser and consumed by the compiler.
//!
//! Every statement and expression carries the source line it starts on, which
//! is what tracebacks show. Columns are kept for syntax errors only.

/// A parsed module: the statements of a file or of a notebook cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// The top-level statements, in order.
    pub body: Vec<Stmt>,
}

/// A statement with the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    /// The statement itself.
    pub kind: StmtKind,
    /// The 1-based source line of the statement's first token.
    pub line: u32,
}

/// An expression with the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// The expression itself.
    pub kind: ExprKind,
    /// The 1-based source line of the expression's first token.
    pub line: u32,
}

/// The kinds of statement.
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    /// An expression evaluated for its effect (or, last in a cell, its value).
    Expr(Expr),
    /// `a = b = value`: every target receives the value, left to right.
    Assign { targets: Vec<Expr>, value: Expr },
    /// `target op= value`.
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `target: annotation = value`; the annotation is parsed and ignored.
    AnnAssign { target: Expr, value: Option<Expr> },
    /// `def` or `async def`.
    FunctionDef(FunctionDef),
    /// `class Name(bases): body`.
    ClassDef(ClassDef),
    /// `return [value]`.
    Return(Option<Expr>),
    /// `del a, b[i], c.d`.
    Delete(Vec<Expr>),
    /// `pass`.
    Pass,
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `if test: body elif ...: ... else: orelse`; `elif` is a nested `If` in `orelse`.
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `while test: body else: orelse`.
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `[async] for target in iter: body else: orelse`.
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        is_async: bool,
    },
    /// `try` with handlers, `else` and `finally` (each possibly empty).
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    /// `raise [exc [from cause]]`.
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    /// `assert test[, msg]`.
    Assert { test: Expr, msg: Option<Expr> },
    /// `[async] with item as target, ...: body`.
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
        is_async: bool,
    },
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from module import a as b, c` (`names` is empty for `*`... which is unsupported).
    ImportFrom { module: String, names: Vec<Alias> },
    /// `global a, b`.
    Global(Vec<String>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<String>),
}

/// A function definition, sync or async.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDef {
    /// The function's name.
    pub name: String,
    /// Its parameters.
    pub params: Params,
    /// Its body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first, applied bottom-up.
    pub decorators: Vec<Expr>,
    /// `async def`.
    pub is_async: bool,
}

/// A class definition.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassDef {
    /// The class's name.
    pub name: String,
    /// Positional base classes.
    pub bases: Vec<Expr>,
    /// Its body, executed once to fill the class namespace.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
}

/// A parameter list: `(a, b=1, /, c, *args, d, e=2, **kwargs)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Params {
    /// Positional-or-keyword parameters (including positional-only ones, which are
    /// treated as positional-or-keyword), in order.
    pub args: Vec<Param>,
    /// `*name`, if present.
    pub vararg: Option<String>,
    /// Keyword-only parameters (after `*` or `*args`).
    pub kwonly: Vec<Param>,
    /// `**name`, if present.
    pub kwarg: Option<String>,
    /// How many of `args` come before a `/` (positional-only).
    pub posonly: usize,
}

/// One named parameter with its optional default.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The parameter's name.
    pub name: String,
    /// The default value expression, evaluated at definition time.
    pub default: Option<Expr>,
}

/// One `except` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptHandler {
    /// The exception type (or tuple of types); `None` for a bare `except:`.
    pub typ: Option<Expr>,
    /// `as name`.
    pub name: Option<String>,
    /// The handler's body.
    pub body: Vec<Stmt>,
    /// The line of the `except` keyword.
    pub line: u32,
    /// `except*`: matches inside an exception group.
    pub is_star: bool,
}

/// One `with` item: `context_expr as target`.
#[derive(Debug, Clone, PartialEq)]
pub struct WithItem {
    /// The context manager expression.
    pub context: Expr,
    /// The optional target.
    pub target: Option<Expr>,
}

/// `name as asname` in imports; `name` may be dotted (`a.b`).
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// The imported name, possibly dotted.
    pub name: String,
    /// The local name, if renamed.
    pub asname: Option<String>,
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer literal, as written without underscores and in its base
    /// already converted to decimal digits (may exceed 64 bits).
    Int(String),
    /// A float literal (also `1e5`, `1.`, `.5`).
    Float(f64),
    /// An imaginary literal is not supported; the parser rejects it.
    /// A string literal (adjacent literals concatenated, escapes decoded).
    Str(String),
    /// A bytes literal `b'...'`.
    Bytes(Vec<u8>),
    /// An f-string: literal parts and formatted values, in order.
    FString(Vec<FStringPart>),
    /// `...`.
    Ellipsis,
    /// A name load/store.
    Name(String),
    /// `[a, b, *c]`.
    List(Vec<Expr>),
    /// `(a, b, *c)` or `a, b`.
    Tuple(Vec<Expr>),
    /// `{a, b}`.
    Set(Vec<Expr>),
    /// `{k: v, **d}`: a `None` key means `**value`.
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `*value` inside a display, a call or an assignment target.
    Starred(Box<Expr>),
    /// `value.attr`.
    Attribute { value: Box<Expr>, attr: String },
    /// `value[index]`.
    Subscript { value: Box<Expr>, index: Box<Expr> },
    /// `lower:upper:step` inside a subscript.
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    /// `func(args, *a, k=v, **kw)`.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    /// `left op right`.
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    /// `op operand`.
    UnaryOp { op: UnaryOp, operand: Box<Expr> },
    /// `a and b and c` / `a or b`.
    BoolOp { op: BoolOp, values: Vec<Expr> },
    /// `a < b <= c`: one left operand and a chain of (op, operand).
    Compare {
        left: Box<Expr>,
        ops: Vec<(CmpOp, Expr)>,
    },
    /// `body if test else orelse`.
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `lambda params: body`.
    Lambda {
        params: Box<Params>,
        body: Box<Expr>,
    },
    /// `[elt for ...]`.
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `{elt for ...}`.
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `{key: value for ...}`.
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `(elt for ...)`.
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    /// `await value`.
    Await(Box<Expr>),
    /// `yield [value]`.
    Yield(Option<Box<Expr>>),
    /// `yield from value`.
    YieldFrom(Box<Expr>),
    /// `name := value`.
    NamedExpr { target: String, value: Box<Expr> },
}

/// One piece of an f-string.
#[derive(Debug, Clone, PartialEq)]
pub enum FStringPart {
    /// Literal text (with `{{`/`}}` already reduced).
    Literal(String),
    /// `{value!conversion:spec}`; the spec may itself contain replacement fields.
    Value {
        /// The expression.
        value: Box<Expr>,
        /// `!r`, `!s` or `!a`.
        conversion: Option<char>,
        /// The format spec, as f-string parts (usually one literal).
        spec: Vec<FStringPart>,
        /// `{value=}`: the source text to print before the value, with its `=`.
        debug_text: Option<String>,
    },
}

/// `for target in iter if cond ...` inside a comprehension.
#[derive(Debug, Clone, PartialEq)]
pub struct Comprehension {
    /// The loop target.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// The `if` filters.
    pub ifs: Vec<Expr>,
    /// `async for`.
    pub is_async: bool,
}

/// `name=value` or `**value` (name `None`) in a call.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    /// The keyword, or `None` for `**mapping`.
    pub name: Option<String>,
    /// The value.
    pub value: Expr,
}

/// Binary operators (also used by augmented assignment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

/// Short-circuit boolean operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoolOp {
    And,
    Or,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl BinOp {
    /// The operator as Python writes it, for error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }
}

impl CmpOp {
    /// The operator as Python writes it, for error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

/// What kind of compile-time error Python reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError` (a subclass of `SyntaxError`).
    Indentation,
}

/// A syntax error found while lexing, parsing or compiling, with CPython's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// `SyntaxError` or `IndentationError`.
    pub kind: SyntaxErrorKind,
    /// The message, e.g. `invalid syntax` or `expected ':'`.
    pub message: String,
    /// The 1-based line of the error.
    pub line: u32,
    /// The 1-based column (in characters) of the error.
    pub column: u32,
}
