//! The tokenizer, and a tolerant classifier for syntax highlighting.
//!
//! [`tokenize`] follows CPython 3.12's tokenizer: it emits `NEWLINE`, `INDENT`
//! and `DEDENT` tokens, joins lines inside brackets and after a backslash, and
//! reports malformed source with CPython's messages. An f-string becomes a
//! single token whose replacement fields carry their own token lists, so the
//! parser can parse each field like any other expression.
//!
//! [`highlight`] is separate on purpose: an editor needs a classification of
//! every byte even while the text is half typed, so it never fails.

use crate::ast::{SyntaxError, SyntaxErrorKind};
use num_bigint::BigUint;

/// Deepest bracket nesting accepted. CPython allows 200 (`MAXLEVEL`); half
/// that keeps the recursive parser well inside a 1 MB stack (wasm's default)
/// in release builds and a 2 MB test thread in debug builds.
pub const MAX_BRACKET_DEPTH: usize = 100;
/// Indentation stack size at which CPython gives up (`MAXINDENT`).
const MAX_INDENT_LEVELS: usize = 100;
/// How deeply f-strings may nest inside one another (CPython's limit).
const MAX_FSTRING_DEPTH: usize = 150;
/// Replacement fields nested through format specs (`{a:{b:{c}}}` is the most).
const MAX_FIELD_NESTING: usize = 3;

/// One token with its location in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Byte offset of the token's first byte.
    pub start: usize,
    /// Byte offset just past the token's last byte.
    pub end: usize,
    /// The 1-based line of the token's first character.
    pub line: u32,
    /// The 1-based column, in characters, of the token's first character.
    pub column: u32,
}

/// The kinds of token.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// An identifier (soft keywords such as `match` are names too).
    Name(String),
    /// A reserved word.
    Keyword(Keyword),
    /// An integer literal, already converted to decimal digits.
    Int(String),
    /// A floating-point literal.
    Float(f64),
    /// A string, bytes or f-string literal, escapes decoded.
    String(StringToken),
    /// An operator or delimiter.
    Op(Op),
    /// The end of a logical line.
    Newline,
    /// The indentation grew.
    Indent,
    /// The indentation shrank back one level.
    Dedent,
    /// The end of the input (always the last token).
    EndOfFile,
}

/// The value of one string literal token.
#[derive(Debug, Clone, PartialEq)]
pub enum StringToken {
    /// A `str` literal (any of the `''`, `r''`, `u''` forms).
    Str(String),
    /// A `bytes` literal.
    Bytes(Vec<u8>),
    /// An f-string: literal text and replacement fields, in order.
    FString(Vec<FStringToken>),
}

/// One piece of an f-string token.
#[derive(Debug, Clone, PartialEq)]
pub enum FStringToken {
    /// Literal text, escapes decoded and `{{`/`}}` reduced.
    Literal(String),
    /// A replacement field `{expr!c:spec}`.
    Field(Box<FieldToken>),
}

/// A replacement field of an f-string, still unparsed.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldToken {
    /// The expression's tokens, ending with an `EndOfFile` token.
    pub tokens: Vec<Token>,
    /// For `{expr=}`: the source text from after `{` through the `=` and any
    /// whitespace after it, which Python prints before the value.
    pub debug_text: Option<String>,
    /// `r`, `s` or `a` after `!`.
    pub conversion: Option<char>,
    /// The format spec after `:`, which may itself contain fields.
    pub spec: Vec<FStringToken>,
    /// The 1-based line of the opening `{`.
    pub line: u32,
    /// The 1-based column of the opening `{`.
    pub column: u32,
}

/// Declares an enum of fixed spellings with `as_str` and a lookup function.
macro_rules! spelled_enum {
    ($(#[$meta:meta])* $name:ident, $lookup:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $(#[doc = concat!("`", $text, "`")] $variant,)*
        }

        impl $name {
            /// The spelling in source.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// Looks up an exact spelling.
            pub fn $lookup(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

spelled_enum!(
    /// A reserved word of Python 3.12.
    Keyword, from_word {
        False => "False", None => "None", True => "True", And => "and", As => "as",
        Assert => "assert", Async => "async", Await => "await", Break => "break",
        Class => "class", Continue => "continue", Def => "def", Del => "del",
        Elif => "elif", Else => "else", Except => "except", Finally => "finally",
        For => "for", From => "from", Global => "global", If => "if",
        Import => "import", In => "in", Is => "is", Lambda => "lambda",
        Nonlocal => "nonlocal", Not => "not", Or => "or", Pass => "pass",
        Raise => "raise", Return => "return", Try => "try", While => "while",
        With => "with", Yield => "yield",
    }
);

spelled_enum!(
    /// An operator or delimiter.
    Op, from_text {
        LParen => "(", RParen => ")", LBracket => "[", RBracket => "]",
        LBrace => "{", RBrace => "}", Colon => ":", Comma => ",", Semi => ";",
        Plus => "+", Minus => "-", Star => "*", Slash => "/", VBar => "|",
        Amper => "&", Less => "<", Greater => ">", Equal => "=", Dot => ".",
        Percent => "%", EqEqual => "==", NotEqual => "!=", LessEqual => "<=",
        GreaterEqual => ">=", Tilde => "~", Circumflex => "^", LeftShift => "<<",
        RightShift => ">>", DoubleStar => "**", PlusEqual => "+=", MinEqual => "-=",
        StarEqual => "*=", SlashEqual => "/=", PercentEqual => "%=",
        AmperEqual => "&=", VBarEqual => "|=", CircumflexEqual => "^=",
        LeftShiftEqual => "<<=", RightShiftEqual => ">>=", DoubleStarEqual => "**=",
        DoubleSlash => "//", DoubleSlashEqual => "//=", At => "@", AtEqual => "@=",
        Arrow => "->", Ellipsis => "...", ColonEqual => ":=", Exclamation => "!",
    }
);

/// Finds the longest operator at the start of `text`, with its length in bytes.
fn match_op(text: &str) -> Option<(Op, usize)> {
    (1..=3)
        .rev()
        .find_map(|len| text.get(..len).and_then(Op::from_text).map(|op| (op, len)))
}

/// Tokenizes a whole module. The last token is always `EndOfFile`.
pub fn tokenize(source: &str) -> Result<Vec<Token>, SyntaxError> {
    match tokenize_partial(source) {
        (tokens, None) => Ok(tokens),
        (_, Some(failure)) => Err(failure.error),
    }
}

/// How a tokenizer error competes with a parser error that comes earlier in
/// the source, following CPython: after a parser error it tokenizes the rest
/// of the source, and some tokenizer errors found there win.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LexPriority {
    /// Reported only if the parser gets as far as the error (indentation
    /// and line-continuation errors, and stray characters).
    WhenReached,
    /// Reported even over an earlier parser error.
    Always,
    /// A bracket opened on this line and never closed: it wins over parser
    /// errors found on later lines.
    Unclosed(u32),
}

/// A tokenizer error with its priority over parser errors.
#[derive(Debug, Clone)]
pub(crate) struct LexFailure {
    pub(crate) error: SyntaxError,
    pub(crate) priority: LexPriority,
}

impl LexFailure {
    fn new(error: SyntaxError) -> Self {
        const WHEN_REACHED: [&str; 3] = [
            "invalid syntax",
            "unexpected EOF while parsing",
            "unexpected character after line continuation character",
        ];
        let priority = if error.message.ends_with("was never closed") {
            LexPriority::Unclosed(error.line)
        } else if error.kind == SyntaxErrorKind::Indentation
            || WHEN_REACHED.contains(&error.message.as_str())
        {
            LexPriority::WhenReached
        } else {
            LexPriority::Always
        };
        LexFailure { error, priority }
    }
}

/// Tokenizes up to the first error and returns the tokens read so far (ended
/// by an `EndOfFile` token at the error) together with the error.
///
/// The parser wants both: CPython reports a parser error found before the
/// point where tokenizing failed, unless the tokenizer's error wins (see
/// [`LexPriority`]).
pub(crate) fn tokenize_partial(source: &str) -> (Vec<Token>, Option<LexFailure>) {
    let mut lexer = Lexer::new(source);
    if let Some(offset) = source.find('\0') {
        lexer.advance_to(offset);
        let error = lexer.error_here("source code cannot contain null bytes");
        let eof = lexer.token(TokenKind::EndOfFile, lexer.mark());
        return (
            vec![eof],
            Some(LexFailure {
                error,
                priority: LexPriority::Always,
            }),
        );
    }
    let error = lexer.run().err();
    if error.is_some() {
        let eof = lexer.token(TokenKind::EndOfFile, lexer.mark());
        lexer.tokens.push(eof);
    }
    (lexer.tokens, error.map(LexFailure::new))
}

/// A saved cursor position.
#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    line: u32,
    col: u32,
}

/// An open bracket, remembered to match it and to report it if never closed.
#[derive(Debug, Clone, Copy)]
struct Open {
    ch: char,
    line: u32,
    col: u32,
    /// The `{` of an f-string replacement field rather than a real bracket.
    field: bool,
}

/// What the string prefix letters asked for.
#[derive(Debug, Clone, Copy, Default)]
struct StrFlags {
    raw: bool,
    bytes: bool,
    fstring: bool,
}

/// How an f-string is quoted, for the pieces lexed inside it.
#[derive(Debug, Clone, Copy)]
struct FQuote {
    quote: char,
    triple: bool,
    raw: bool,
    start: Mark,
}

/// The text being built for a string literal.
enum Buf {
    Text(String),
    Bytes(Vec<u8>),
}

impl Buf {
    /// Appends a character written literally in the source.
    fn push_char(&mut self, c: char) -> bool {
        match self {
            Buf::Text(s) => s.push(c),
            Buf::Bytes(b) if c.is_ascii() => b.push(c as u8),
            Buf::Bytes(_) => return false,
        }
        true
    }

    /// Appends the value of a numeric escape.
    fn push_code(&mut self, code: u32) {
        match self {
            Buf::Text(s) => s.extend(char::from_u32(code)),
            // CPython keeps only the low byte of an oversized octal escape.
            Buf::Bytes(b) => b.push((code & 0xFF) as u8),
        }
    }
}

/// The tokenizer's state.
struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    line: u32,
    col: u32,
    line_start: usize,
    brackets: Vec<Open>,
    indents: Vec<(u32, u32)>,
    tokens: Vec<Token>,
    /// Quotes of the f-strings whose replacement fields we are inside.
    fstrings: Vec<(char, bool)>,
    /// Whether the current logical line has produced a token yet.
    line_has_tokens: bool,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        Lexer {
            src,
            pos: 0,
            line: 1,
            col: 1,
            line_start: 0,
            brackets: Vec::new(),
            indents: vec![(0, 0)],
            tokens: Vec::new(),
            fstrings: Vec::new(),
            line_has_tokens: false,
        }
    }

    // ----- cursor -----

    fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    /// The next character, with `\r` reported as `\n` (both end a line).
    fn peek(&self) -> Option<char> {
        self.rest()
            .chars()
            .next()
            .map(|c| if c == '\r' { '\n' } else { c })
    }

    /// The character `n` places ahead, unnormalized.
    fn peek_nth(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    /// Consumes one character; `\r\n` and `\r` come back as a single `\n`.
    fn bump(&mut self) -> Option<char> {
        let c = self.rest().chars().next()?;
        self.pos += c.len_utf8();
        if c == '\r' || c == '\n' {
            if c == '\r' && self.rest().starts_with('\n') {
                self.pos += 1;
            }
            self.line = self.line.saturating_add(1);
            self.col = 1;
            self.line_start = self.pos;
            return Some('\n');
        }
        self.col = self.col.saturating_add(1);
        Some(c)
    }

    fn advance_to(&mut self, offset: usize) {
        while self.pos < offset && self.bump().is_some() {}
    }

    fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            line: self.line,
            col: self.col,
        }
    }

    fn token(&self, kind: TokenKind, m: Mark) -> Token {
        Token {
            kind,
            start: m.pos,
            end: self.pos,
            line: m.line,
            column: m.col,
        }
    }

    fn push(&mut self, kind: TokenKind, m: Mark) {
        let token = self.token(kind, m);
        self.tokens.push(token);
    }

    // ----- errors -----

    fn error_at(&self, message: impl Into<String>, line: u32, column: u32) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::Syntax,
            message: message.into(),
            line,
            column,
        }
    }

    fn error_mark(&self, message: impl Into<String>, m: Mark) -> SyntaxError {
        self.error_at(message, m.line, m.col)
    }

    fn error_here(&self, message: impl Into<String>) -> SyntaxError {
        self.error_at(message, self.line, self.col)
    }

    /// CPython reports errors found while reading a number at its read
    /// position as a 0-based offset, i.e. the column of the character before.
    fn error_before_cursor(&self, message: impl Into<String>) -> SyntaxError {
        self.error_at(message, self.line, self.col.saturating_sub(1).max(1))
    }

    fn indentation_error(&self, message: &str, column: u32) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::Indentation,
            message: message.to_string(),
            line: self.line,
            column,
        }
    }

    /// The line a "detected at line N" message names: CPython does not count
    /// the empty line after a final newline.
    fn detected_line(&self) -> u32 {
        if self.peek().is_none() && self.src.ends_with(['\n', '\r']) {
            self.line.saturating_sub(1).max(1)
        } else {
            self.line
        }
    }

    /// CPython places some indentation errors just past the end of the line.
    fn end_of_line_column(&self) -> u32 {
        let line = self.src.get(self.line_start..).unwrap_or("");
        let len = line
            .find(['\n', '\r'])
            .map_or(line, |end| &line[..end])
            .chars()
            .count();
        u32::try_from(len).unwrap_or(u32::MAX).saturating_add(1)
    }

    /// "'(' was never closed" for the innermost open bracket.
    fn unclosed_error(&self) -> SyntaxError {
        match self.brackets.last() {
            Some(open) => self.error_at(
                format!("'{}' was never closed", open.ch),
                open.line,
                open.col,
            ),
            None => self.error_here("unexpected EOF while parsing"),
        }
    }

    // ----- lines and indentation -----

    fn run(&mut self) -> Result<(), SyntaxError> {
        let mut at_line_start = true;
        loop {
            if at_line_start {
                at_line_start = false;
                self.line_has_tokens = false;
                if !self.start_line()? {
                    if self.peek().is_none() {
                        break;
                    }
                    at_line_start = true;
                    continue;
                }
            }
            self.skip_spaces();
            match self.peek() {
                None => break,
                Some('#') => self.skip_comment(),
                Some('\n') => at_line_start = self.end_line(),
                Some('\\') => self.continuation()?,
                Some(_) => {
                    let token = self.lex_token()?;
                    self.tokens.push(token);
                    self.line_has_tokens = true;
                }
            }
        }
        self.finish()
    }

    /// Handles a newline; returns whether a new logical line starts.
    fn end_line(&mut self) -> bool {
        let m = self.mark();
        self.bump();
        if !self.brackets.is_empty() {
            return false;
        }
        // A line holding only a backslash continuation has no tokens: no NEWLINE.
        if self.line_has_tokens {
            self.push(TokenKind::Newline, m);
        }
        true
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\x0c')) {
            self.bump();
        }
    }

    fn skip_comment(&mut self) {
        while !matches!(self.peek(), None | Some('\n')) {
            self.bump();
        }
    }

    /// Reads the indentation of a new line. Returns false for a blank or
    /// comment-only line (consumed, no tokens) and at the end of input.
    fn start_line(&mut self) -> Result<bool, SyntaxError> {
        let begin = self.mark();
        let (mut col, mut alt) = (0u32, 0u32);
        loop {
            match self.peek() {
                Some(' ') => (col, alt) = (col.saturating_add(1), alt.saturating_add(1)),
                Some('\t') => {
                    col = (col / 8).saturating_add(1).saturating_mul(8);
                    alt = alt.saturating_add(1);
                }
                Some('\x0c') => (col, alt) = (0, 0),
                _ => break,
            }
            self.bump();
        }
        match self.peek() {
            None => return Ok(false),
            Some('#') => {
                self.skip_comment();
                self.bump();
                return Ok(false);
            }
            Some('\n') => {
                self.bump();
                return Ok(false);
            }
            _ => {}
        }
        self.indentation(col, alt, begin)?;
        Ok(true)
    }

    /// Compares a line's indentation with the stack, emitting INDENT/DEDENTs.
    /// `alt` counts tabs as one column, to catch tab/space mixes as CPython does.
    fn indentation(&mut self, col: u32, alt: u32, begin: Mark) -> Result<(), SyntaxError> {
        let (top, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
        if col > top {
            if self.indents.len() >= MAX_INDENT_LEVELS {
                return Err(self.indentation_error("too many levels of indentation", 1));
            }
            if alt <= top_alt {
                return Err(self.tab_error());
            }
            self.indents.push((col, alt));
            self.push(TokenKind::Indent, begin);
            return Ok(());
        }
        while self.indents.len() > 1 && self.indents.last().is_some_and(|&(c, _)| col < c) {
            self.indents.pop();
            self.push(TokenKind::Dedent, self.mark());
        }
        let (top, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
        if col != top {
            let column = self.end_of_line_column();
            return Err(self.indentation_error(
                "unindent does not match any outer indentation level",
                column,
            ));
        }
        if alt != top_alt {
            return Err(self.tab_error());
        }
        Ok(())
    }

    fn tab_error(&self) -> SyntaxError {
        self.indentation_error("inconsistent use of tabs and spaces in indentation", 1)
    }

    /// A backslash must be followed by a newline, which it erases.
    fn continuation(&mut self) -> Result<(), SyntaxError> {
        let m = self.mark();
        self.bump();
        let column = m.col.saturating_add(1);
        match self.peek() {
            Some('\n') => {
                self.bump();
                if self.peek().is_none() {
                    return Err(self.error_at("unexpected EOF while parsing", m.line, column));
                }
                Ok(())
            }
            None => Err(self.error_at("unexpected EOF while parsing", m.line, column)),
            Some(_) => Err(self.error_at(
                "unexpected character after line continuation character",
                m.line,
                column,
            )),
        }
    }

    /// Closes the last line and the open blocks at the end of input.
    fn finish(&mut self) -> Result<(), SyntaxError> {
        if !self.brackets.is_empty() {
            return Err(self.unclosed_error());
        }
        let m = self.mark();
        if self.line_has_tokens {
            self.push(TokenKind::Newline, m);
        }
        for _ in 1..self.indents.len() {
            self.push(TokenKind::Dedent, m);
        }
        self.indents.truncate(1);
        self.push(TokenKind::EndOfFile, m);
        Ok(())
    }

    // ----- tokens -----

    /// Lexes one name, number, string or operator at the cursor.
    fn lex_token(&mut self) -> Result<Token, SyntaxError> {
        let m = self.mark();
        let c = self.peek().unwrap_or(' ');
        if c.is_ascii_digit() || (c == '.' && self.peek_nth(1).is_some_and(|d| d.is_ascii_digit()))
        {
            let kind = self.lex_number(m)?;
            return Ok(self.token(kind, m));
        }
        if c == '"' || c == '\'' {
            return self.lex_string(m, StrFlags::default());
        }
        if is_potential_identifier(c) {
            return self.lex_word(m);
        }
        self.lex_op(m, c)
    }

    /// Lexes an identifier, a keyword, or the prefix of a string literal.
    fn lex_word(&mut self, m: Mark) -> Result<Token, SyntaxError> {
        while self.peek().is_some_and(is_potential_identifier) {
            self.bump();
        }
        let word = self.src.get(m.pos..self.pos).unwrap_or("");
        if matches!(self.peek(), Some('"' | '\'')) {
            if let Some(flags) = string_prefix(word) {
                return self.lex_string(m, flags);
            }
        }
        self.check_identifier(word, m)?;
        let kind = match Keyword::from_word(word) {
            Some(kw) => TokenKind::Keyword(kw),
            None => TokenKind::Name(normalize_identifier(word)),
        };
        Ok(self.token(kind, m))
    }

    /// Reports the first character that cannot be part of an identifier.
    fn check_identifier(&self, word: &str, m: Mark) -> Result<(), SyntaxError> {
        for (i, c) in word.chars().enumerate() {
            let ok = if i == 0 {
                is_id_start(c)
            } else {
                is_id_continue(c)
            };
            if !ok {
                let col = m.col.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                return Err(self.error_at(invalid_character_message(c), m.line, col));
            }
        }
        Ok(())
    }

    fn lex_op(&mut self, m: Mark, c: char) -> Result<Token, SyntaxError> {
        // `<>` is only valid with `from __future__ import barry_as_FLUFL`.
        if self.rest().starts_with("<>") {
            return Err(self.error_mark("invalid syntax", m));
        }
        let Some((op, len)) = match_op(self.rest()) else {
            let message = if is_printable(c) {
                "invalid syntax".to_string()
            } else {
                invalid_character_message(c)
            };
            return Err(self.error_mark(message, m));
        };
        for _ in 0..len {
            self.bump();
        }
        match op {
            Op::LParen | Op::LBracket | Op::LBrace => self.open_bracket(c, m)?,
            Op::RParen | Op::RBracket | Op::RBrace => self.close_bracket(c, m)?,
            _ => {}
        }
        Ok(self.token(TokenKind::Op(op), m))
    }

    fn open_bracket(&mut self, ch: char, m: Mark) -> Result<(), SyntaxError> {
        if self.brackets.len() >= MAX_BRACKET_DEPTH {
            return Err(self.error_mark("too many nested parentheses", m));
        }
        self.brackets.push(Open {
            ch,
            line: m.line,
            col: m.col,
            field: false,
        });
        Ok(())
    }

    fn close_bracket(&mut self, ch: char, m: Mark) -> Result<(), SyntaxError> {
        let Some(open) = self.brackets.last().copied() else {
            return Err(self.error_mark(format!("unmatched '{ch}'"), m));
        };
        if open.field {
            return Err(self.error_mark(format!("f-string: unmatched '{ch}'"), m));
        }
        let expected = match open.ch {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        if ch != expected {
            let mut message = format!(
                "closing parenthesis '{ch}' does not match opening parenthesis '{}'",
                open.ch
            );
            if open.line != m.line {
                message.push_str(&format!(" on line {}", open.line));
            }
            return Err(self.error_mark(message, m));
        }
        self.brackets.pop();
        Ok(())
    }

    // ----- numbers -----

    /// Lexes a number, with CPython's checks and messages.
    fn lex_number(&mut self, m: Mark) -> Result<TokenKind, SyntaxError> {
        let mut text = String::new();
        if self.peek() == Some('.') {
            return self.lex_fraction(m, text);
        }
        if self.peek() == Some('0') {
            self.bump();
            let radix = match self.peek() {
                Some('x' | 'X') => Some((16, "hexadecimal")),
                Some('o' | 'O') => Some((8, "octal")),
                Some('b' | 'B') => Some((2, "binary")),
                _ => None,
            };
            return match radix {
                Some((radix, name)) => self.lex_radix_int(m, radix, name),
                None => self.lex_after_zero(m),
            };
        }
        self.decimal_tail(&mut text)?;
        self.lex_number_end(m, text, false)
    }

    /// Digits with single underscores between them.
    fn decimal_tail(&mut self, text: &mut String) -> Result<(), SyntaxError> {
        loop {
            while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                text.push(d);
                self.bump();
            }
            if self.peek() != Some('_') {
                return Ok(());
            }
            self.bump();
            if !self.peek().is_some_and(|d| d.is_ascii_digit()) {
                return Err(self.error_before_cursor("invalid decimal literal"));
            }
        }
    }

    /// The rest of a number starting with `0` that has no base prefix.
    fn lex_after_zero(&mut self, m: Mark) -> Result<TokenKind, SyntaxError> {
        let mut text = String::from("0");
        loop {
            if self.peek() == Some('_') {
                self.bump();
                if !self.peek().is_some_and(|d| d.is_ascii_digit()) {
                    return Err(self.error_before_cursor("invalid decimal literal"));
                }
            }
            if self.peek() != Some('0') {
                break;
            }
            self.bump();
        }
        let nonzero = self.peek().is_some_and(|d| d.is_ascii_digit());
        if nonzero {
            self.decimal_tail(&mut text)?;
        }
        let is_float = matches!(self.peek(), Some('.' | 'e' | 'E' | 'j' | 'J'));
        if nonzero && !is_float {
            return Err(self.error_mark(
                "leading zeros in decimal integer literals are not permitted; \
                 use an 0o prefix for octal integers",
                m,
            ));
        }
        self.lex_number_end(m, text, false)
    }

    /// After the integer part: an optional fraction, exponent and suffix.
    fn lex_number_end(
        &mut self,
        m: Mark,
        mut text: String,
        mut is_float: bool,
    ) -> Result<TokenKind, SyntaxError> {
        if self.peek() == Some('.') {
            return self.lex_fraction(m, text);
        }
        if matches!(self.peek(), Some('e' | 'E')) && self.lex_exponent(&mut text)? {
            is_float = true;
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            return Err(self.error_mark("imaginary literals are not supported", m));
        }
        self.verify_end_of_number("decimal")?;
        if is_float {
            return parse_float(&text).ok_or_else(|| self.error_mark("invalid decimal literal", m));
        }
        let digits = text.trim_start_matches('0');
        Ok(TokenKind::Int(
            if digits.is_empty() { "0" } else { digits }.to_string(),
        ))
    }

    /// From the `.` of a float: digits, then an optional exponent.
    fn lex_fraction(&mut self, m: Mark, mut text: String) -> Result<TokenKind, SyntaxError> {
        self.bump();
        text.push('.');
        if self.peek().is_some_and(|d| d.is_ascii_digit()) {
            self.decimal_tail(&mut text)?;
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.lex_exponent(&mut text)?;
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            return Err(self.error_mark("imaginary literals are not supported", m));
        }
        self.verify_end_of_number("decimal")?;
        parse_float(&text).ok_or_else(|| self.error_mark("invalid decimal literal", m))
    }

    /// Lexes `e[+-]digits`; returns false (consuming nothing) when the `e`
    /// starts the keyword `else` instead, as in `1else`.
    fn lex_exponent(&mut self, text: &mut String) -> Result<bool, SyntaxError> {
        let signed = matches!(self.peek_nth(1), Some('+' | '-'));
        let digit_at = if signed { 2 } else { 1 };
        if !self.peek_nth(digit_at).is_some_and(|d| d.is_ascii_digit()) {
            if signed {
                // CPython has read the `e` and the sign by then.
                let column = self.col.saturating_add(1);
                return Err(self.error_at("invalid decimal literal", self.line, column));
            }
            if !self.rest().get(1..).is_some_and(|r| r.starts_with("lse")) {
                return Err(self.error_before_cursor("invalid decimal literal"));
            }
            return Ok(false);
        }
        text.push('e');
        self.bump();
        if signed {
            text.extend(self.bump());
        }
        self.decimal_tail(text)?;
        Ok(true)
    }

    /// A letter right after a number is an error, except for the keywords
    /// CPython still accepts there (`1if x else 2`).
    fn verify_end_of_number(&self, kind: &str) -> Result<(), SyntaxError> {
        const ALLOWED: [&str; 8] = ["and", "else", "for", "if", "in", "is", "not", "or"];
        if ALLOWED.iter().any(|kw| self.rest().starts_with(kw)) {
            return Ok(());
        }
        // Only ASCII counts here: CPython reads `1é` as a number and a name.
        match self.peek() {
            Some(c) if c.is_ascii_alphanumeric() || c == '_' => {
                Err(self.error_before_cursor(format!("invalid {kind} literal")))
            }
            _ => Ok(()),
        }
    }

    /// `0x...`, `0o...` or `0b...`, converted to decimal digits.
    fn lex_radix_int(&mut self, m: Mark, radix: u32, name: &str) -> Result<TokenKind, SyntaxError> {
        self.bump();
        let mut digits = String::new();
        loop {
            if self.peek() == Some('_') {
                self.bump();
            }
            let first = self.peek();
            if !first.is_some_and(|d| d.is_digit(radix)) {
                return Err(self.bad_radix_digit(first, name));
            }
            while let Some(d) = self.peek().filter(|d| d.is_digit(radix)) {
                digits.push(d);
                self.bump();
            }
            if self.peek() != Some('_') {
                break;
            }
        }
        if radix < 10 && self.peek().is_some_and(|d| d.is_ascii_digit()) {
            return Err(self.bad_radix_digit(self.peek(), name));
        }
        self.verify_end_of_number(name)?;
        BigUint::parse_bytes(digits.as_bytes(), radix)
            .map(|n| TokenKind::Int(n.to_str_radix(10)))
            .ok_or_else(|| self.error_mark(format!("invalid {name} literal"), m))
    }

    fn bad_radix_digit(&self, found: Option<char>, name: &str) -> SyntaxError {
        match found {
            Some(d) if d.is_ascii_digit() => {
                self.error_here(format!("invalid digit '{d}' in {name} literal"))
            }
            _ => self.error_before_cursor(format!("invalid {name} literal")),
        }
    }

    // ----- strings -----

    /// Lexes a string literal; the cursor is on the opening quote and `m` is
    /// where its prefix began.
    fn lex_string(&mut self, m: Mark, flags: StrFlags) -> Result<Token, SyntaxError> {
        let quote = self.bump().unwrap_or('"');
        let triple = self.peek_nth(0) == Some(quote) && self.peek_nth(1) == Some(quote);
        if triple {
            self.bump();
            self.bump();
        }
        if flags.fstring {
            let q = FQuote {
                quote,
                triple,
                raw: flags.raw,
                start: m,
            };
            let parts = self.lex_fstring(q)?;
            return Ok(self.token(TokenKind::String(StringToken::FString(parts)), m));
        }
        let mut buf = if flags.bytes {
            Buf::Bytes(Vec::new())
        } else {
            Buf::Text(String::new())
        };
        let body = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.unterminated(m, quote, triple, false)),
                Some('\n') if !triple => return Err(self.unterminated(m, quote, triple, false)),
                Some('\\') => self.lex_backslash(&mut buf, flags.raw, quote, body, m)?,
                Some(c) if c == quote && self.at_closing_quote(quote, triple) => break,
                Some(_) => {
                    let c = self.bump().unwrap_or('\n');
                    if !buf.push_char(c) {
                        return Err(
                            self.error_mark("bytes can only contain ASCII literal characters", m)
                        );
                    }
                }
            }
        }
        let value = match buf {
            Buf::Text(s) => StringToken::Str(s),
            Buf::Bytes(b) => StringToken::Bytes(b),
        };
        Ok(self.token(TokenKind::String(value), m))
    }

    /// Consumes the closing quote(s) if the cursor is on them.
    fn at_closing_quote(&mut self, quote: char, triple: bool) -> bool {
        if triple {
            let closing: String = [quote; 3].iter().collect();
            if !self.rest().starts_with(&closing) {
                return false;
            }
            self.bump();
            self.bump();
        }
        self.bump();
        true
    }

    fn unterminated(&self, m: Mark, quote: char, triple: bool, fstring: bool) -> SyntaxError {
        // Inside an f-string field, a lone quote like the f-string's own means
        // the field was never closed (CPython 3.12).
        if !fstring && self.fstrings.last() == Some(&(quote, triple)) {
            return self.error_mark("f-string: expecting '}'", m);
        }
        let kind = match (triple, fstring) {
            (false, false) => "string literal",
            (true, false) => "triple-quoted string literal",
            (false, true) => "f-string literal",
            (true, true) => "triple-quoted f-string literal",
        };
        self.error_mark(
            format!(
                "unterminated {kind} (detected at line {})",
                self.detected_line()
            ),
            m,
        )
    }

    /// Handles a backslash inside a string body.
    fn lex_backslash(
        &mut self,
        buf: &mut Buf,
        raw: bool,
        quote: char,
        body: usize,
        m: Mark,
    ) -> Result<(), SyntaxError> {
        let offset = self.pos - body;
        self.bump();
        if raw {
            // A raw backslash still keeps the next quote or backslash from
            // ending the string, and both characters stay in the value.
            buf.push_char('\\');
            if matches!(self.peek(), Some(c) if c == quote || c == '\\' || c == '\n') {
                let c = self.bump().unwrap_or('\\');
                if !buf.push_char(c) {
                    return Err(
                        self.error_mark("bytes can only contain ASCII literal characters", m)
                    );
                }
            }
            return Ok(());
        }
        self.lex_escape(buf, offset, m)
    }

    /// Decodes the escape after a backslash (already consumed).
    fn lex_escape(&mut self, buf: &mut Buf, offset: usize, m: Mark) -> Result<(), SyntaxError> {
        let is_bytes = matches!(buf, Buf::Bytes(_));
        let Some(c) = self.peek() else { return Ok(()) };
        let simple = match c {
            '\n' => {
                self.bump();
                return Ok(());
            }
            '\\' | '\'' | '"' => Some(c as u32),
            'a' => Some(7),
            'b' => Some(8),
            'f' => Some(12),
            'n' => Some(10),
            'r' => Some(13),
            't' => Some(9),
            'v' => Some(11),
            _ => None,
        };
        if let Some(code) = simple {
            self.bump();
            buf.push_code(code);
            return Ok(());
        }
        match c {
            '0'..='7' => {
                let mut code = 0;
                for _ in 0..3 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => code = code * 8 + d,
                        None => break,
                    }
                    self.bump();
                }
                buf.push_code(code);
                Ok(())
            }
            'x' => self.lex_hex_escape(buf, 2, offset, m),
            'u' if !is_bytes => self.lex_hex_escape(buf, 4, offset, m),
            'U' if !is_bytes => self.lex_hex_escape(buf, 8, offset, m),
            'N' if !is_bytes => Err(self.error_mark(
                "(unicode error) \\N{...} escapes are not supported; \
                 write the character itself or use \\u",
                m,
            )),
            // Unknown escapes keep their backslash; the character that
            // follows is read normally.
            _ => {
                buf.push_char('\\');
                Ok(())
            }
        }
    }

    /// `\xXX`, `\uXXXX` or `\UXXXXXXXX` with exactly `len` hex digits.
    fn lex_hex_escape(
        &mut self,
        buf: &mut Buf,
        len: usize,
        offset: usize,
        m: Mark,
    ) -> Result<(), SyntaxError> {
        let letter = self.bump().unwrap_or('x');
        let mut code: u32 = 0;
        let mut count = 0;
        while count < len {
            let Some(d) = self.peek().and_then(|d| d.to_digit(16)) else {
                break;
            };
            code = code.wrapping_mul(16).wrapping_add(d);
            count += 1;
            self.bump();
        }
        let end = offset + 1 + count;
        if matches!(buf, Buf::Bytes(_)) && count < len {
            return Err(self.error_mark(
                format!("(value error) invalid \\x escape at position {offset}"),
                m,
            ));
        }
        let codec = format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {offset}-{end}"
        );
        if count < len {
            let pattern = match letter {
                'x' => "\\xXX",
                'u' => "\\uXXXX",
                _ => "\\UXXXXXXXX",
            };
            return Err(self.error_mark(format!("{codec}: truncated {pattern} escape"), m));
        }
        if code > 0x10FFFF {
            return Err(self.error_mark(format!("{codec}: illegal Unicode character"), m));
        }
        if (0xD800..=0xDFFF).contains(&code) {
            return Err(self.error_mark(
                format!("(unicode error) surrogate code point U+{code:04X} is not supported"),
                m,
            ));
        }
        buf.push_code(code);
        Ok(())
    }

    // ----- f-strings -----

    fn lex_fstring(&mut self, q: FQuote) -> Result<Vec<FStringToken>, SyntaxError> {
        if self.fstrings.len() >= MAX_FSTRING_DEPTH {
            return Err(self.error_mark("too many nested f-strings", q.start));
        }
        self.fstrings.push((q.quote, q.triple));
        let parts = self.fstring_parts(q, None);
        self.fstrings.pop();
        parts
    }

    /// Lexes f-string text up to the closing quote or, for a format spec
    /// (`spec_level` is `Some`), up to the `}` that ends the field.
    fn fstring_parts(
        &mut self,
        q: FQuote,
        spec_level: Option<usize>,
    ) -> Result<Vec<FStringToken>, SyntaxError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(match spec_level {
                    Some(_) => self.error_here("f-string: expecting '}'"),
                    None => self.unterminated(q.start, q.quote, q.triple, true),
                });
            };
            match c {
                '\n' if !q.triple && spec_level.is_none() => {
                    return Err(self.unterminated(q.start, q.quote, q.triple, true));
                }
                c if c == q.quote && self.rest_starts_with_quote(q) => {
                    if spec_level.is_some() {
                        return Err(self.error_here("f-string: expecting '}'"));
                    }
                    self.at_closing_quote(q.quote, q.triple);
                    break;
                }
                '{' if spec_level.is_none() && self.peek_nth(1) == Some('{') => {
                    self.bump();
                    self.bump();
                    text.push('{');
                }
                '{' => {
                    flush_literal(&mut parts, &mut text);
                    let field = self.lex_field(q, spec_level.unwrap_or(0))?;
                    parts.push(FStringToken::Field(field));
                }
                '}' if spec_level.is_some() => break,
                '}' if self.peek_nth(1) == Some('}') => {
                    self.bump();
                    self.bump();
                    text.push('}');
                }
                '}' => return Err(self.error_here("f-string: single '}' is not allowed")),
                '\\' => self.fstring_backslash(q, &mut text)?,
                _ => text.extend(self.bump()),
            }
        }
        flush_literal(&mut parts, &mut text);
        Ok(parts)
    }

    fn rest_starts_with_quote(&self, q: FQuote) -> bool {
        !q.triple
            || self
                .rest()
                .starts_with(&[q.quote; 3].iter().collect::<String>())
    }

    /// A backslash in f-string text: an escape, except that `\{` and `\}`
    /// keep the backslash and leave the brace to start or end a field.
    fn fstring_backslash(&mut self, q: FQuote, text: &mut String) -> Result<(), SyntaxError> {
        let mut buf = Buf::Text(std::mem::take(text));
        let result = if matches!(self.peek_nth(1), Some('{' | '}')) {
            self.bump();
            buf.push_char('\\');
            Ok(())
        } else {
            self.lex_backslash(&mut buf, q.raw, q.quote, self.pos, q.start)
        };
        if let Buf::Text(s) = buf {
            *text = s;
        }
        result
    }

    /// Lexes a replacement field from its `{` through its `}`.
    fn lex_field(&mut self, q: FQuote, level: usize) -> Result<Box<FieldToken>, SyntaxError> {
        let open = self.mark();
        if level >= MAX_FIELD_NESTING {
            return Err(self.error_here("f-string: expressions nested too deeply"));
        }
        if self.brackets.len() >= MAX_BRACKET_DEPTH {
            return Err(self.error_here("too many nested parentheses"));
        }
        self.bump();
        self.brackets.push(Open {
            ch: '{',
            line: open.line,
            col: open.col,
            field: true,
        });
        let expr_start = self.pos;
        let (mut tokens, terminator) = self.lex_field_tokens()?;
        if tokens.is_empty() {
            return Err(self.error_here(format!(
                "f-string: valid expression required before '{terminator}'"
            )));
        }
        tokens.push(self.token(TokenKind::EndOfFile, self.mark()));
        let mut field = FieldToken {
            tokens,
            debug_text: None,
            conversion: None,
            spec: Vec::new(),
            line: open.line,
            column: open.col,
        };
        self.lex_field_tail(q, level, expr_start, &mut field)?;
        self.brackets.pop();
        Ok(Box::new(field))
    }

    /// Lexes a field's expression tokens up to a `}`, `!`, `:` or `=` that
    /// is not inside brackets; returns them with that terminator.
    fn lex_field_tokens(&mut self) -> Result<(Vec<Token>, char), SyntaxError> {
        let base = self.brackets.len();
        let mut tokens = Vec::new();
        loop {
            self.skip_field_space()?;
            let Some(c) = self.peek() else {
                return Err(self.unclosed_error());
            };
            if self.brackets.len() == base {
                let next = self.peek_nth(1);
                match c {
                    '}' | ':' => return Ok((tokens, c)),
                    '!' | '=' if next != Some('=') => return Ok((tokens, c)),
                    _ => {}
                }
            }
            tokens.push(self.lex_token()?);
        }
    }

    /// Whitespace, newlines, comments and continuations inside a field.
    fn skip_field_space(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\x0c' | '\n') => {
                    self.bump();
                }
                Some('#') => self.skip_comment(),
                Some('\\') if self.peek_nth(1).is_some_and(|c| c == '\n' || c == '\r') => {
                    self.continuation()?;
                }
                _ => return Ok(()),
            }
        }
    }

    /// After a field's expression: `=`, then `!conversion`, then `:spec`, then `}`.
    fn lex_field_tail(
        &mut self,
        q: FQuote,
        level: usize,
        expr_start: usize,
        field: &mut FieldToken,
    ) -> Result<(), SyntaxError> {
        if self.peek() == Some('=') {
            self.bump();
            while matches!(self.peek(), Some(' ' | '\t' | '\x0c' | '\n')) {
                self.bump();
            }
            let text = self.src.get(expr_start..self.pos).unwrap_or("");
            field.debug_text = Some(text.replace("\r\n", "\n").replace('\r', "\n"));
            if !matches!(self.peek(), Some('!' | ':' | '}')) {
                return Err(self.error_here("f-string: expecting '!', or ':', or '}'"));
            }
        }
        if self.peek() == Some('!') {
            field.conversion = Some(self.lex_conversion()?);
        }
        if self.peek() == Some(':') {
            self.bump();
            field.spec = self.fstring_parts(q, Some(level + 1))?;
        }
        if self.peek() != Some('}') {
            return Err(self.error_here("f-string: expecting '}'"));
        }
        self.bump();
        Ok(())
    }

    /// `!r`, `!s` or `!a`, followed by `:` or `}`.
    fn lex_conversion(&mut self) -> Result<char, SyntaxError> {
        let bang = self.mark();
        self.bump();
        let start = self.mark();
        if self.peek().is_some_and(char::is_whitespace) {
            // CPython's message, spelling included.
            return Err(self.error_mark(
                "f-string: conversion type must come right after the exclamanation mark",
                bang,
            ));
        }
        while self.peek().is_some_and(is_potential_identifier) {
            self.bump();
        }
        let name = self.src.get(start.pos..self.pos).unwrap_or("");
        if name.is_empty() {
            return Err(match self.peek() {
                Some(':' | '}') => self.error_here("f-string: missing conversion character"),
                _ => self.error_here("f-string: invalid conversion character"),
            });
        }
        let conversion = match name {
            "r" => 'r',
            "s" => 's',
            "a" => 'a',
            _ => {
                return Err(self.error_mark(
                    format!(
                        "f-string: invalid conversion character '{name}': \
                         expected 's', 'r', or 'a'"
                    ),
                    start,
                ))
            }
        };
        while matches!(self.peek(), Some(' ' | '\t' | '\x0c' | '\n')) {
            self.bump();
        }
        if !matches!(self.peek(), Some(':' | '}')) {
            return Err(self.error_here("f-string: expecting ':' or '}'"));
        }
        Ok(conversion)
    }
}

fn flush_literal(parts: &mut Vec<FStringToken>, text: &mut String) {
    if !text.is_empty() {
        parts.push(FStringToken::Literal(std::mem::take(text)));
    }
}

/// Parses float text that the lexer already validated (underscores removed).
fn parse_float(text: &str) -> Option<TokenKind> {
    text.parse::<f64>().ok().map(TokenKind::Float)
}

/// The meaning of the letters before a quote, if they form a valid prefix.
fn string_prefix(word: &str) -> Option<StrFlags> {
    let lower = word.to_ascii_lowercase();
    let (raw, bytes, fstring) = match lower.as_str() {
        "" | "u" => (false, false, false),
        "r" => (true, false, false),
        "b" => (false, true, false),
        "br" | "rb" => (true, true, false),
        "f" => (false, false, true),
        "fr" | "rf" => (true, false, true),
        _ => return None,
    };
    Some(StrFlags {
        raw,
        bytes,
        fstring,
    })
}

/// Characters the tokenizer reads as part of a word before validating it,
/// as CPython does: so `x€` reports the `€` rather than splitting the word.
fn is_potential_identifier(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii()
}

/// CPython stores identifiers in NFKC form, so `ｘ` and `x` are one name.
/// Without Unicode tables, only the common fullwidth forms of ASCII letters,
/// digits and `_` are folded (keywords are matched before folding, as in
/// CPython).
fn normalize_identifier(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}'
            | '\u{FF21}'..='\u{FF3A}'
            | '\u{FF3F}'
            | '\u{FF41}'..='\u{FF5A}' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// An approximation of Unicode's XID_Start (no Unicode tables are available).
fn is_id_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

/// An approximation of Unicode's XID_Continue.
fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphabetic()
        || (c.is_numeric() && !is_other_number(c))
        || is_combining_mark(c)
        || matches!(c, '\u{00B7}' | '\u{0387}')
}

/// Common "other number" characters (superscripts, fractions, circled digits)
/// that are numeric but may not appear in identifiers.
fn is_other_number(c: char) -> bool {
    matches!(c as u32,
        0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE | 0x2070..=0x209F | 0x2150..=0x215F
        | 0x2460..=0x24FF | 0x2776..=0x2793 | 0x3251..=0x325F | 0x32B1..=0x32BF)
}

/// The main blocks of combining marks, which may continue an identifier.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0487 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x0900..=0x0903 | 0x093A..=0x094F
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F | 0xE0100..=0xE01EF)
}

/// An approximation of `str.isprintable()` for one character.
fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF
        | 0xE0000..=0xE007F | 0xF0000..=0x10FFFF)
}

fn invalid_character_message(c: char) -> String {
    let code = c as u32;
    if is_printable(c) {
        format!("invalid character '{c}' (U+{code:04X})")
    } else {
        format!("invalid non-printable character U+{code:04X}")
    }
}

// ===================== highlighting =====================

/// What a span of source is, for syntax colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenClass {
    /// A reserved word, including `True`, `False` and `None`.
    Keyword,
    /// The name of a built-in function, type or exception.
    Builtin,
    /// Any other identifier.
    Name,
    /// A numeric literal.
    Number,
    /// A string literal, or the literal text of an f-string.
    String,
    /// A `#` comment.
    Comment,
    /// An operator such as `+`, `==` or `:=`.
    Operator,
    /// Brackets, commas, colons, semicolons and dots.
    Punctuation,
    /// A decorator: `@` and the dotted name right after it.
    Decorator,
    /// Spaces, tabs and line breaks.
    Whitespace,
    /// Anything else, such as a stray `$` or a backslash.
    Other,
}

/// A classified byte range of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HighlightSpan {
    /// Byte offset of the span's first byte.
    pub start: usize,
    /// Byte offset just past the span's last byte.
    pub end: usize,
    /// What the span is.
    pub class: TokenClass,
}

/// Names coloured as built-ins.
const BUILTINS: &[&str] = &[
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
    "__import__",
    "NotImplemented",
    "Ellipsis",
    "BaseException",
    "BaseExceptionGroup",
    "Exception",
    "ExceptionGroup",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "CancelledError",
    "EOFError",
    "GeneratorExit",
    "ImportError",
    "IndexError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "RecursionError",
    "RuntimeError",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SystemExit",
    "TimeoutError",
    "TypeError",
    "UnboundLocalError",
    "ValueError",
    "ZeroDivisionError",
];

/// Deepest f-string/field nesting the highlighter looks inside; deeper text
/// is simply coloured as string, which keeps recursion bounded.
const MAX_HIGHLIGHT_NESTING: usize = 16;

/// Classifies every byte of `source` for syntax highlighting.
///
/// Never fails: unterminated strings, stray characters and bad indentation
/// are classified as well as they can be. The spans are non-empty, in order
/// and contiguous, and together cover the whole source, so an editor can
/// render them back into exactly the same text.
pub fn highlight(source: &str) -> Vec<HighlightSpan> {
    let mut h = Highlighter {
        src: source,
        pos: 0,
        spans: Vec::new(),
        brackets: 0,
        floor: 0,
        logical_start: true,
        nesting: 0,
    };
    h.code(None);
    // Defensive: anything left unclassified (there should be nothing).
    if h.pos < source.len() {
        h.span(source.len(), TokenClass::Other);
    }
    h.spans
}

/// Where a stretch of code inside an f-string field must stop.
#[derive(Debug, Clone, Copy)]
struct FieldStop {
    /// Single-quoted f-strings: a line break ends the field (tolerantly).
    single_line: bool,
}

/// The highlighter's cursor and output.
struct Highlighter<'a> {
    src: &'a str,
    pos: usize,
    spans: Vec<HighlightSpan>,
    brackets: usize,
    /// Brackets below this level belong to an enclosing f-string field.
    floor: usize,
    /// No token yet on this logical line (for decorators).
    logical_start: bool,
    nesting: usize,
}

impl Highlighter<'_> {
    fn rest(&self) -> &str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_nth(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Emits the span from the end of the previous one up to `end`.
    fn span(&mut self, end: usize, class: TokenClass) {
        let start = self.spans.last().map_or(0, |s| s.end);
        if end > start {
            self.spans.push(HighlightSpan { start, end, class });
        }
    }

    /// Classifies code until the end of input or, inside an f-string field,
    /// until the field's `}`, `!` or `:` (or a line break, if single-quoted).
    fn code(&mut self, stop: Option<FieldStop>) {
        while let Some(c) = self.peek() {
            if let Some(stop) = stop {
                let at_floor = self.brackets == self.floor;
                let ends_field =
                    c == '}' || c == ':' || (c == '!' && self.peek_nth(1) != Some('='));
                if (at_floor && ends_field) || (stop.single_line && (c == '\n' || c == '\r')) {
                    return;
                }
            }
            self.token(c);
        }
    }

    /// Classifies one token (at least one character) starting with `c`.
    fn token(&mut self, c: char) {
        match c {
            ' ' | '\t' | '\x0c' => {
                while matches!(self.peek(), Some(' ' | '\t' | '\x0c')) {
                    self.bump();
                }
                self.span(self.pos, TokenClass::Whitespace);
            }
            '\n' | '\r' => {
                self.bump();
                if c == '\r' && self.peek() == Some('\n') {
                    self.bump();
                }
                if self.brackets == 0 {
                    self.logical_start = true;
                }
                self.span(self.pos, TokenClass::Whitespace);
            }
            '#' => {
                while !matches!(self.peek(), None | Some('\n' | '\r')) {
                    self.bump();
                }
                self.span(self.pos, TokenClass::Comment);
            }
            _ => {
                self.significant(c);
                self.logical_start = false;
            }
        }
    }

    fn significant(&mut self, c: char) {
        let start = self.pos;
        if c.is_ascii_digit() || (c == '.' && self.peek_nth(1).is_some_and(|d| d.is_ascii_digit()))
        {
            self.number();
        } else if c == '"' || c == '\'' {
            self.string(start, StrFlags::default());
        } else if is_id_start(c) {
            self.word(start);
        } else if c == '@' && self.logical_start && self.brackets == 0 {
            self.decorator();
        } else {
            self.operator(c);
        }
    }

    fn number(&mut self) {
        let mut prev = ' ';
        while let Some(c) = self.peek() {
            let sign_after_exponent = matches!(c, '+' | '-') && matches!(prev, 'e' | 'E');
            let hex = self.rest_of_number_is_hex();
            if !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || (sign_after_exponent && !hex))
            {
                break;
            }
            prev = c;
            self.bump();
        }
        self.span(self.pos, TokenClass::Number);
    }

    /// Whether the number being read has a `0x` prefix (so `e` is a digit).
    fn rest_of_number_is_hex(&self) -> bool {
        let start = self.spans.last().map_or(0, |s| s.end);
        let text = self.src.get(start..self.pos).unwrap_or("");
        text.starts_with("0x") || text.starts_with("0X")
    }

    fn word(&mut self, start: usize) {
        while self.peek().is_some_and(is_id_continue) {
            self.bump();
        }
        let word = self.src.get(start..self.pos).unwrap_or("");
        if matches!(self.peek(), Some('"' | '\'')) {
            if let Some(flags) = string_prefix(word) {
                self.string(start, flags);
                return;
            }
        }
        let class = if Keyword::from_word(word).is_some() {
            TokenClass::Keyword
        } else if BUILTINS.contains(&word) {
            TokenClass::Builtin
        } else {
            TokenClass::Name
        };
        self.span(self.pos, class);
    }

    fn decorator(&mut self) {
        self.bump();
        while self.peek().is_some_and(|c| is_id_continue(c) || c == '.') {
            self.bump();
        }
        self.span(self.pos, TokenClass::Decorator);
    }

    fn operator(&mut self, c: char) {
        let Some((op, len)) = match_op(self.rest()) else {
            self.bump();
            self.span(self.pos, TokenClass::Other);
            return;
        };
        self.pos += len;
        match op {
            Op::LParen | Op::LBracket | Op::LBrace => self.brackets += 1,
            Op::RParen | Op::RBracket | Op::RBrace if self.brackets > self.floor => {
                self.brackets -= 1;
            }
            _ => {}
        }
        let punctuation = matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | ',' | ';' | '.')
            || matches!(op, Op::Colon);
        let class = if punctuation {
            TokenClass::Punctuation
        } else {
            TokenClass::Operator
        };
        self.span(self.pos, class);
    }

    /// A string from its prefix at `start`; the cursor is on the quote.
    fn string(&mut self, start: usize, flags: StrFlags) {
        let _ = start;
        let quote = self.bump().unwrap_or('"');
        let triple = self.peek() == Some(quote) && self.peek_nth(1) == Some(quote);
        if triple {
            self.bump();
            self.bump();
        }
        if flags.fstring && self.nesting < MAX_HIGHLIGHT_NESTING {
            self.nesting += 1;
            self.fstring_body(quote, triple, None);
            self.nesting -= 1;
        } else {
            self.plain_string_body(quote, triple);
        }
        self.span(self.pos, TokenClass::String);
    }

    /// Skips a string body through its closing quote, the end of the line
    /// (single-quoted) or the end of input.
    fn plain_string_body(&mut self, quote: char, triple: bool) {
        while let Some(c) = self.peek() {
            if (c == '\n' || c == '\r') && !triple {
                return;
            }
            if c == quote && self.closing_quote(quote, triple) {
                return;
            }
            self.bump();
            if c == '\\' {
                self.bump();
            }
        }
    }

    /// Consumes the closing quote(s) if the cursor is on them.
    fn closing_quote(&mut self, quote: char, triple: bool) -> bool {
        if triple && !(self.peek_nth(1) == Some(quote) && self.peek_nth(2) == Some(quote)) {
            return false;
        }
        let count = if triple { 3 } else { 1 };
        for _ in 0..count {
            self.bump();
        }
        true
    }

    /// The text of an f-string (or, with `in_spec`, of a format spec), with
    /// replacement fields classified as code.
    fn fstring_body(&mut self, quote: char, triple: bool, in_spec: Option<()>) {
        while let Some(c) = self.peek() {
            if (c == '\n' || c == '\r') && !triple {
                return;
            }
            if in_spec.is_some() && (c == '}' || c == quote) {
                return;
            }
            if c == quote && self.closing_quote(quote, triple) {
                return;
            }
            if c == '{' && (in_spec.is_some() || self.peek_nth(1) != Some('{')) {
                self.span(self.pos, TokenClass::String);
                self.field(quote, triple);
                continue;
            }
            self.bump();
            if c == '\\' || (c == '{' || c == '}') && self.peek() == Some(c) {
                self.bump();
            }
        }
    }

    /// A replacement field, from its `{`.
    fn field(&mut self, quote: char, triple: bool) {
        self.bump();
        self.span(self.pos, TokenClass::Punctuation);
        let saved_floor = self.floor;
        self.brackets += 1;
        self.floor = self.brackets;
        self.code(Some(FieldStop {
            single_line: !triple,
        }));
        self.brackets = self.floor - 1;
        self.floor = saved_floor;
        if self.peek() == Some('!') {
            self.bump();
            self.span(self.pos, TokenClass::Operator);
            while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                self.bump();
            }
            self.span(self.pos, TokenClass::Name);
        }
        if self.peek() == Some(':') {
            self.bump();
            self.span(self.pos, TokenClass::Punctuation);
            if self.nesting < MAX_HIGHLIGHT_NESTING {
                self.nesting += 1;
                self.fstring_body(quote, triple, Some(()));
                self.nesting -= 1;
            }
            self.span(self.pos, TokenClass::String);
        }
        if self.peek() == Some('}') {
            self.bump();
            self.span(self.pos, TokenClass::Punctuation);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<TokenKind> {
        match tokenize(source) {
            Ok(tokens) => tokens.into_iter().map(|t| t.kind).collect(),
            Err(e) => panic!("tokenize({source:?}) failed: {e:?}"),
        }
    }

    fn error(source: &str) -> SyntaxError {
        match tokenize(source) {
            Ok(tokens) => panic!("tokenize({source:?}) succeeded: {tokens:?}"),
            Err(e) => e,
        }
    }

    fn name(s: &str) -> TokenKind {
        TokenKind::Name(s.to_string())
    }

    fn int(s: &str) -> TokenKind {
        TokenKind::Int(s.to_string())
    }

    fn op(op: Op) -> TokenKind {
        TokenKind::Op(op)
    }

    fn str_value(source: &str) -> String {
        match &kinds(source)[0] {
            TokenKind::String(StringToken::Str(s)) => s.clone(),
            other => panic!("not a str literal: {other:?}"),
        }
    }

    fn bytes_value(source: &str) -> Vec<u8> {
        match &kinds(source)[0] {
            TokenKind::String(StringToken::Bytes(b)) => b.clone(),
            other => panic!("not a bytes literal: {other:?}"),
        }
    }

    fn fstring(source: &str) -> Vec<FStringToken> {
        match kinds(source).into_iter().next() {
            Some(TokenKind::String(StringToken::FString(parts))) => parts,
            other => panic!("not an f-string: {other:?}"),
        }
    }

    fn field(part: &FStringToken) -> &FieldToken {
        match part {
            FStringToken::Field(field) => field,
            FStringToken::Literal(text) => panic!("literal {text:?}, not a field"),
        }
    }

    fn field_kinds(field: &FieldToken) -> Vec<TokenKind> {
        field.tokens.iter().map(|t| t.kind.clone()).collect()
    }

    use TokenKind::{Dedent, EndOfFile, Indent, Newline};

    #[test]
    fn simple_statement() {
        assert_eq!(
            kinds("x = 1\n"),
            vec![name("x"), op(Op::Equal), int("1"), Newline, EndOfFile]
        );
    }

    #[test]
    fn empty_and_blank_inputs_have_only_end_of_file() {
        for source in ["", "\n", "\n\n  \n", "# comment", "  # comment\n\n", "\r\n"] {
            assert_eq!(kinds(source), vec![EndOfFile], "{source:?}");
        }
    }

    #[test]
    fn final_newline_is_added() {
        assert_eq!(kinds("x"), vec![name("x"), Newline, EndOfFile]);
    }

    #[test]
    fn indentation_produces_indent_and_dedent() {
        let source = "if x:\n    y\n    if z:\n        w\nv\n";
        let expected = vec![
            TokenKind::Keyword(Keyword::If),
            name("x"),
            op(Op::Colon),
            Newline,
            Indent,
            name("y"),
            Newline,
            TokenKind::Keyword(Keyword::If),
            name("z"),
            op(Op::Colon),
            Newline,
            Indent,
            name("w"),
            Newline,
            Dedent,
            Dedent,
            name("v"),
            Newline,
            EndOfFile,
        ];
        assert_eq!(kinds(source), expected);
    }

    #[test]
    fn open_blocks_are_closed_at_end_of_file() {
        let tokens = kinds("def f():\n    if x:\n        return");
        assert_eq!(
            &tokens[tokens.len() - 4..],
            &[Newline, Dedent, Dedent, EndOfFile]
        );
    }

    #[test]
    fn blank_and_comment_lines_produce_no_newline() {
        let source = "x\n\n   \n# c\n    # indented comment\ny\n";
        assert_eq!(
            kinds(source),
            vec![name("x"), Newline, name("y"), Newline, EndOfFile]
        );
    }

    #[test]
    fn brackets_join_lines() {
        let source = "x = (1,\n  2\n\n)\ny";
        assert_eq!(
            kinds(source),
            vec![
                name("x"),
                op(Op::Equal),
                op(Op::LParen),
                int("1"),
                op(Op::Comma),
                int("2"),
                op(Op::RParen),
                Newline,
                name("y"),
                Newline,
                EndOfFile
            ]
        );
    }

    #[test]
    fn backslash_joins_lines() {
        assert_eq!(
            kinds("x = 1 + \\\n    2\n"),
            vec![
                name("x"),
                op(Op::Equal),
                int("1"),
                op(Op::Plus),
                int("2"),
                Newline,
                EndOfFile
            ]
        );
    }

    #[test]
    fn tabs_count_to_the_next_multiple_of_eight() {
        // A tab and eight spaces (with a tab) are the same level.
        let tokens = kinds("if x:\n\ty\n\tz\n");
        assert_eq!(tokens.iter().filter(|k| **k == Indent).count(), 1);
        assert_eq!(
            error("if x:\n\tpass\n        pass\n").message,
            "inconsistent use of tabs and spaces in indentation"
        );
    }

    #[test]
    fn form_feed_resets_indentation() {
        assert_eq!(kinds("\x0cx = 1\n")[0], name("x"));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let expected = vec![name("a"), Newline, name("b"), Newline, EndOfFile];
        assert_eq!(kinds("a\r\nb\r\n"), expected);
        assert_eq!(kinds("a\rb"), expected);
        assert_eq!(str_value("'''x\r\ny'''"), "x\ny");
        assert_eq!(
            kinds("if x:\r\n    y\r\n")
                .iter()
                .filter(|k| **k == Indent)
                .count(),
            1
        );
    }

    #[test]
    fn positions_are_byte_offsets_and_character_columns() {
        let tokens = tokenize("é = 'ü'\n  \nab").unwrap_or_default();
        let first = &tokens[0];
        assert_eq!(
            (first.start, first.end, first.line, first.column),
            (0, 2, 1, 1)
        );
        let equal = &tokens[1];
        assert_eq!((equal.start, equal.column), (3, 3));
        let string = &tokens[2];
        assert_eq!((string.start, string.end, string.column), (5, 9, 5));
        let ab = &tokens[4];
        assert_eq!((ab.line, ab.column, ab.start), (3, 1, 13));
    }

    #[test]
    fn keywords_and_names() {
        assert_eq!(
            kinds("async await match _ None"),
            vec![
                TokenKind::Keyword(Keyword::Async),
                TokenKind::Keyword(Keyword::Await),
                name("match"),
                name("_"),
                TokenKind::Keyword(Keyword::None),
                Newline,
                EndOfFile
            ]
        );
    }

    #[test]
    fn unicode_identifiers() {
        assert_eq!(kinds("café = 1")[0], name("café"));
        assert_eq!(kinds("变量")[0], name("变量"));
        // Fullwidth letters are folded as NFKC would.
        assert_eq!(kinds("ｗｉｄｔｈ")[0], name("width"));
        assert_eq!(error("😀 = 1").message, "invalid character '😀' (U+1F600)");
        assert_eq!(error("x² = 1").message, "invalid character '²' (U+00B2)");
    }

    #[test]
    fn invalid_characters() {
        let e = error("x = 1 €");
        assert_eq!(
            (e.message.as_str(), e.line, e.column),
            ("invalid character '€' (U+20AC)", 1, 7)
        );
        assert_eq!(
            error("x = \u{a0}1").message,
            "invalid non-printable character U+00A0"
        );
        assert_eq!(
            error("x = 1\u{200b}").message,
            "invalid non-printable character U+200B"
        );
        assert_eq!(error("x = $").message, "invalid syntax");
        assert_eq!(error("a <> b").message, "invalid syntax");
    }

    #[test]
    fn null_bytes_are_rejected() {
        let e = error("x = 1\ny\0");
        assert_eq!(
            (e.message.as_str(), e.line, e.column),
            ("source code cannot contain null bytes", 2, 2)
        );
    }

    #[test]
    fn integers_become_decimal_digits() {
        assert_eq!(kinds("1_000_000")[0], int("1000000"));
        assert_eq!(kinds("0xFF")[0], int("255"));
        assert_eq!(kinds("0x_ff")[0], int("255"));
        assert_eq!(kinds("0o17")[0], int("15"));
        assert_eq!(kinds("0b1010")[0], int("10"));
        assert_eq!(kinds("00")[0], int("0"));
        assert_eq!(kinds("0_0")[0], int("0"));
        assert_eq!(
            kinds("0xFFFFFFFFFFFFFFFFFFFF")[0],
            int("1208925819614629174706175")
        );
        assert_eq!(
            kinds("123456789012345678901234567890")[0],
            int("123456789012345678901234567890")
        );
    }

    #[test]
    fn floats() {
        let cases = [
            ("1.", 1.0),
            (".5", 0.5),
            ("1e-5", 1e-5),
            ("1E+5", 1e5),
            ("1_000.5", 1000.5),
            ("1.e5", 1e5),
            ("012.5", 12.5),
            ("00e0", 0.0),
            ("1_0.0_1e1_0", 10.01e10),
        ];
        for (source, value) in cases {
            assert_eq!(kinds(source)[0], TokenKind::Float(value), "{source}");
        }
        assert_eq!(kinds("1e1000")[0], TokenKind::Float(f64::INFINITY));
    }

    #[test]
    fn number_followed_by_keyword() {
        // CPython still accepts these (with a warning).
        assert_eq!(
            kinds("1if")[..2],
            [int("1"), TokenKind::Keyword(Keyword::If)]
        );
        assert_eq!(
            kinds("1else")[..2],
            [int("1"), TokenKind::Keyword(Keyword::Else)]
        );
        assert_eq!(
            kinds("0x1for")[..2],
            [int("31"), TokenKind::Keyword(Keyword::Or)]
        );
        assert_eq!(kinds("1..real")[0], TokenKind::Float(1.0));
        assert_eq!(error("1.real").message, "invalid decimal literal");
    }

    #[test]
    fn number_errors() {
        let leading = "leading zeros in decimal integer literals are not permitted; \
                       use an 0o prefix for octal integers";
        let cases = [
            ("012", leading, 1),
            ("0_7", leading, 1),
            ("1abc", "invalid decimal literal", 1),
            ("123abc", "invalid decimal literal", 3),
            ("1__0", "invalid decimal literal", 2),
            ("1_", "invalid decimal literal", 2),
            ("1e", "invalid decimal literal", 1),
            ("1e+", "invalid decimal literal", 3),
            ("1._0", "invalid decimal literal", 2),
            ("0x", "invalid hexadecimal literal", 2),
            ("0xg", "invalid hexadecimal literal", 2),
            ("0b2", "invalid digit '2' in binary literal", 3),
            ("0b1_", "invalid binary literal", 4),
            ("0o8", "invalid digit '8' in octal literal", 3),
            ("0o78", "invalid digit '8' in octal literal", 4),
            ("1j", "imaginary literals are not supported", 1),
        ];
        for (source, message, column) in cases {
            let e = error(source);
            assert_eq!(
                (e.message.as_str(), e.column),
                (message, column),
                "{source}"
            );
        }
    }

    #[test]
    fn string_prefixes_and_quotes() {
        for source in [
            "'a'",
            "\"a\"",
            "'''a'''",
            "\"\"\"a\"\"\"",
            "u'a'",
            "U'a'",
            "r'a'",
            "R\"a\"",
        ] {
            assert_eq!(str_value(source), "a", "{source}");
        }
        for source in [
            "b'a'", "B'a'", "rb'a'", "bR'a'", "Rb'a'", "BR'a'", "br\"a\"",
        ] {
            assert_eq!(bytes_value(source), b"a", "{source}");
        }
        for source in ["f'a'", "F'a'", "rf'a'", "fR'a'", "Rf'a'"] {
            assert_eq!(
                fstring(source),
                vec![FStringToken::Literal("a".into())],
                "{source}"
            );
        }
        assert_eq!(str_value("''"), "");
        assert_eq!(str_value("''''''"), "");
        assert_eq!(str_value("'''a''b'''"), "a''b");
        // Not prefixes: a name followed by a string.
        assert_eq!(kinds("ur'x'")[0], name("ur"));
        assert_eq!(kinds("bf'x'")[0], name("bf"));
    }

    #[test]
    fn string_escapes() {
        assert_eq!(
            str_value(r#"'\n\t\\\'\"\a\b\f\v\r'"#),
            "\n\t\\'\"\x07\x08\x0c\x0b\r"
        );
        assert_eq!(str_value(r"'\x41\u00e9\U0001F600'"), "Aé😀");
        assert_eq!(str_value(r"'\101\0\7'"), "A\0\x07");
        assert_eq!(str_value("'abc\\\ndef'"), "abcdef");
        // Unknown escapes keep their backslash.
        assert_eq!(str_value(r"'\q\d'"), "\\q\\d");
        assert_eq!(str_value("'emoji 😀 中文'"), "emoji 😀 中文");
        assert_eq!(bytes_value(r"b'\x00\xff\n\u1234'"), b"\x00\xff\n\\u1234");
    }

    #[test]
    fn raw_strings_keep_backslashes() {
        assert_eq!(str_value(r"r'\n\d'"), "\\n\\d");
        assert_eq!(str_value(r"r'\''"), "\\'");
        assert_eq!(str_value("r'a\\\nb'"), "a\\\nb");
        assert_eq!(bytes_value(r"rb'\x00'"), b"\\x00");
    }

    #[test]
    fn string_errors() {
        let cases = [
            (
                "'abc",
                "unterminated string literal (detected at line 1)",
                1,
                1,
            ),
            (
                "x = 'abc\ny'",
                "unterminated string literal (detected at line 1)",
                1,
                5,
            ),
            (
                "'abc\\\ndef",
                "unterminated string literal (detected at line 2)",
                1,
                1,
            ),
            (
                "x = '''a\nb\n",
                "unterminated triple-quoted string literal (detected at line 2)",
                1,
                5,
            ),
            (
                "r'\\'",
                "unterminated string literal (detected at line 1)",
                1,
                1,
            ),
            (
                "b'é'",
                "bytes can only contain ASCII literal characters",
                1,
                1,
            ),
            (
                "f'abc",
                "unterminated f-string literal (detected at line 1)",
                1,
                1,
            ),
            (
                "f'''abc",
                "unterminated triple-quoted f-string literal (detected at line 1)",
                1,
                1,
            ),
        ];
        for (source, message, line, column) in cases {
            let e = error(source);
            assert_eq!(
                (e.message.as_str(), e.line, e.column),
                (message, line, column),
                "{source:?}"
            );
        }
    }

    #[test]
    fn escape_errors() {
        let codec = "(unicode error) 'unicodeescape' codec can't decode bytes in position";
        assert_eq!(
            error(r"'\x4'").message,
            format!(r"{codec} 0-2: truncated \xXX escape")
        );
        assert_eq!(
            error(r"'\u12'").message,
            format!(r"{codec} 0-3: truncated \uXXXX escape")
        );
        assert_eq!(
            error(r"'ab\U0001F60'").message,
            format!(r"{codec} 2-10: truncated \UXXXXXXXX escape")
        );
        assert_eq!(
            error(r"'\U11111111'").message,
            format!("{codec} 0-9: illegal Unicode character")
        );
        assert_eq!(
            error(r"b'\x'").message,
            r"(value error) invalid \x escape at position 0"
        );
        assert!(error(r"'\N{BULLET}'")
            .message
            .contains(r"\N{...} escapes are not supported"));
        assert!(error(r"'\ud800'").message.contains("surrogate"));
    }

    #[test]
    fn fstring_literal_parts_and_fields() {
        let parts = fstring("f'a{{b}}c{x}d'");
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0], FStringToken::Literal("a{b}c".into()));
        assert_eq!(field_kinds(field(&parts[1])), vec![name("x"), EndOfFile]);
        assert_eq!(parts[2], FStringToken::Literal("d".into()));
    }

    #[test]
    fn fstring_conversion_spec_and_debug() {
        let parts = fstring("f'{x!r:>{width}.{p}} {y = } {z=!s}'");
        let first = field(&parts[0]);
        assert_eq!(first.conversion, Some('r'));
        assert_eq!(first.spec.len(), 4);
        assert_eq!(first.spec[0], FStringToken::Literal(">".into()));
        assert_eq!(
            field_kinds(field(&first.spec[1])),
            vec![name("width"), EndOfFile]
        );
        assert_eq!(first.spec[2], FStringToken::Literal(".".into()));
        assert_eq!(field(&parts[2]).debug_text.as_deref(), Some("y = "));
        let third = field(&parts[4]);
        assert_eq!(
            (third.debug_text.as_deref(), third.conversion),
            (Some("z="), Some('s'))
        );
    }

    #[test]
    fn fstring_fields_use_the_normal_tokenizer() {
        // Python 3.12: the same quotes may be reused inside a field.
        let parts = fstring("f\"{\"a\" + f\"{b!r}\"}\"");
        let tokens = field_kinds(field(&parts[0]));
        assert_eq!(tokens[0], TokenKind::String(StringToken::Str("a".into())));
        assert_eq!(tokens[1], op(Op::Plus));
        assert!(matches!(
            tokens[2],
            TokenKind::String(StringToken::FString(_))
        ));
        // Operators that contain `!`, `=` or `:` stay operators inside brackets
        // or when doubled.
        let parts = fstring("f'{a != b} {(c := 1)} {d[1:2]} {e == f}'");
        let all: Vec<TokenKind> = parts
            .iter()
            .filter_map(|p| match p {
                FStringToken::Field(f) => Some(field_kinds(f)),
                FStringToken::Literal(_) => None,
            })
            .flatten()
            .collect();
        assert!(all.contains(&op(Op::NotEqual)));
        assert!(all.contains(&op(Op::ColonEqual)));
        assert!(all.contains(&op(Op::Colon)));
        assert!(all.contains(&op(Op::EqEqual)));
        // Fields may span lines and hold comments.
        let parts = fstring("f'{x # comment\n + 1}'");
        assert_eq!(
            field_kinds(field(&parts[0])),
            vec![name("x"), op(Op::Plus), int("1"), EndOfFile]
        );
    }

    #[test]
    fn fstring_escapes() {
        assert_eq!(
            fstring(r"f'\n\x41'"),
            vec![FStringToken::Literal("\nA".into())]
        );
        let parts = fstring(r"f'\{x}'");
        assert_eq!(parts[0], FStringToken::Literal("\\".into()));
        assert!(matches!(parts[1], FStringToken::Field(_)));
        assert_eq!(
            fstring(r"rf'\d'"),
            vec![FStringToken::Literal("\\d".into())]
        );
    }

    #[test]
    fn fstring_errors() {
        let cases = [
            ("f'{x'", "f-string: expecting '}'"),
            ("f\"{\"", "f-string: expecting '}'"),
            ("f'}'", "f-string: single '}' is not allowed"),
            ("f'{x}}'", "f-string: single '}' is not allowed"),
            ("f'{}'", "f-string: valid expression required before '}'"),
            ("f'{ }'", "f-string: valid expression required before '}'"),
            ("f'{!r}'", "f-string: valid expression required before '!'"),
            ("f'{=}'", "f-string: valid expression required before '='"),
            (
                "f'{x!z}'",
                "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'",
            ),
            ("f'{x!}'", "f-string: missing conversion character"),
            ("f'{x!r=}'", "f-string: expecting ':' or '}'"),
            ("f'{x=y}'", "f-string: expecting '!', or ':', or '}'"),
            (
                "f'{x:{y:{z:{w}}}}'",
                "f-string: expressions nested too deeply",
            ),
            ("f'{x)}'", "f-string: unmatched ')'"),
            (
                "f'{(}'",
                "closing parenthesis '}' does not match opening parenthesis '('",
            ),
            ("f'{x", "'{' was never closed"),
        ];
        for (source, message) in cases {
            assert_eq!(error(source).message, message, "{source}");
        }
        assert!(tokenize("f'{x:{y:{z:abc}}}'").is_ok());
    }

    #[test]
    fn bracket_errors() {
        let cases = [
            ("x = )", "unmatched ')'", 1, 5),
            (
                "x = (]",
                "closing parenthesis ']' does not match opening parenthesis '('",
                1,
                6,
            ),
            (
                "x = (\n\n]",
                "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
                3,
                1,
            ),
            ("x = [1,\n  2", "'[' was never closed", 1, 5),
            ("((((", "'(' was never closed", 1, 4),
        ];
        for (source, message, line, column) in cases {
            let e = error(source);
            assert_eq!(
                (e.message.as_str(), e.line, e.column),
                (message, line, column),
                "{source:?}"
            );
        }
    }

    #[test]
    fn nesting_is_limited() {
        let ok = format!(
            "{}{}",
            "(".repeat(MAX_BRACKET_DEPTH),
            ")".repeat(MAX_BRACKET_DEPTH)
        );
        assert!(tokenize(&ok).is_ok());
        let deep = "(".repeat(MAX_BRACKET_DEPTH + 1);
        let e = error(&deep);
        assert_eq!(
            (e.message.as_str(), e.column),
            ("too many nested parentheses", 101)
        );
        let mut nested = String::from("1");
        for _ in 0..(MAX_FSTRING_DEPTH + 5) {
            nested = format!("f'{{{nested}}}'");
        }
        assert!(tokenize(&nested).is_err());
    }

    #[test]
    fn indentation_errors() {
        let e = error("if x:\n    a\n  b\n");
        assert_eq!(e.kind, SyntaxErrorKind::Indentation);
        assert_eq!(
            (e.message.as_str(), e.line, e.column),
            ("unindent does not match any outer indentation level", 3, 4)
        );
        let e = error("if x:\n        pass\n\tpass\n");
        assert_eq!(e.kind, SyntaxErrorKind::Indentation);
        let mut deep = String::new();
        for level in 0..100 {
            deep.push_str(&" ".repeat(level));
            deep.push_str("if x:\n");
        }
        deep.push_str(&" ".repeat(100));
        deep.push_str("pass\n");
        let e = error(&deep);
        assert_eq!(
            (e.message.as_str(), e.line),
            ("too many levels of indentation", 101)
        );
    }

    #[test]
    fn continuation_errors() {
        let e = error("x = 1 \\ y");
        assert_eq!(
            (e.message.as_str(), e.column),
            ("unexpected character after line continuation character", 8)
        );
        assert_eq!(error("x = 1 \\").message, "unexpected EOF while parsing");
        assert_eq!(error("x = 1\n\\\n").message, "unexpected EOF while parsing");
    }

    #[test]
    fn partial_tokens_end_at_the_error() {
        let (tokens, failure) = tokenize_partial("x = 1\ny = 'abc");
        let failure = failure.map(|f| (f.error.message, f.priority));
        assert_eq!(
            failure,
            Some((
                "unterminated string literal (detected at line 2)".into(),
                LexPriority::Always
            ))
        );
        let kinds: Vec<TokenKind> = tokens.into_iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                name("x"),
                op(Op::Equal),
                int("1"),
                Newline,
                name("y"),
                op(Op::Equal),
                EndOfFile
            ]
        );
        let (_, failure) = tokenize_partial("x = (1,\n2");
        assert_eq!(failure.map(|f| f.priority), Some(LexPriority::Unclosed(1)));
        let (_, failure) = tokenize_partial("if x:\n  a\n b");
        assert_eq!(failure.map(|f| f.priority), Some(LexPriority::WhenReached));
    }

    // ----- highlighting -----

    /// Checks the editor's contract: non-empty, ordered, contiguous spans
    /// covering every byte.
    fn assert_covers(source: &str) -> Vec<HighlightSpan> {
        let spans = highlight(source);
        let mut pos = 0;
        for span in &spans {
            assert_eq!(span.start, pos, "gap or overlap in {source:?}: {spans:?}");
            assert!(span.end > span.start, "empty span in {source:?}");
            assert!(
                source.is_char_boundary(span.end),
                "span splits a character in {source:?}"
            );
            pos = span.end;
        }
        assert_eq!(pos, source.len(), "not all of {source:?} is covered");
        let rebuilt: String = spans.iter().map(|s| &source[s.start..s.end]).collect();
        assert_eq!(rebuilt, source);
        spans
    }

    fn classes(source: &str) -> Vec<(&str, TokenClass)> {
        assert_covers(source)
            .into_iter()
            .filter(|s| s.class != TokenClass::Whitespace)
            .map(|s| (&source[s.start..s.end], s.class))
            .collect()
    }

    #[test]
    fn highlight_classifies_tokens() {
        use TokenClass::*;
        assert_eq!(
            classes("async def f(x=1.5):  # hi\n    return print(len(x), 'a') @ y"),
            vec![
                ("async", Keyword),
                ("def", Keyword),
                ("f", Name),
                ("(", Punctuation),
                ("x", Name),
                ("=", Operator),
                ("1.5", Number),
                (")", Punctuation),
                (":", Punctuation),
                ("# hi", Comment),
                ("return", Keyword),
                ("print", Builtin),
                ("(", Punctuation),
                ("len", Builtin),
                ("(", Punctuation),
                ("x", Name),
                (")", Punctuation),
                (",", Punctuation),
                ("'a'", String),
                (")", Punctuation),
                ("@", Operator),
                ("y", Name),
            ]
        );
    }

    #[test]
    fn highlight_decorators_numbers_and_others() {
        use TokenClass::*;
        assert_eq!(
            classes("@app.route\ndef f(): pass"),
            vec![
                ("@app.route", Decorator),
                ("def", Keyword),
                ("f", Name),
                ("(", Punctuation),
                (")", Punctuation),
                (":", Punctuation),
                ("pass", Keyword),
            ]
        );
        assert_eq!(
            classes("0xFF 1e-5 1_000 $ True"),
            vec![
                ("0xFF", Number),
                ("1e-5", Number),
                ("1_000", Number),
                ("$", Other),
                ("True", Keyword)
            ]
        );
    }

    #[test]
    fn highlight_looks_inside_fstrings() {
        use TokenClass::*;
        assert_eq!(
            classes("f'a{x!r:>{w}}b'"),
            vec![
                ("f'a", String),
                ("{", Punctuation),
                ("x", Name),
                ("!", Operator),
                ("r", Name),
                (":", Punctuation),
                (">", String),
                ("{", Punctuation),
                ("w", Name),
                ("}", Punctuation),
                ("}", Punctuation),
                ("b'", String),
            ]
        );
    }

    #[test]
    fn highlight_tolerates_broken_code() {
        use TokenClass::*;
        // An unterminated string ends at the end of its line.
        assert_eq!(
            classes("x = 'abc\ny = 1"),
            vec![
                ("x", Name),
                ("=", Operator),
                ("'abc", String),
                ("y", Name),
                ("=", Operator),
                ("1", Number)
            ]
        );
        let samples = [
            "'''never closed\n\nstill string",
            "f'{x",
            "f'{x\ny'",
            "f\"{\"}\"",
            "  if x:\n pass\n\tbad indent",
            ")]}",
            "\\",
            "x = \"\\",
            "€ ² 😀 \u{0} \u{a0}",
            "f'{f'{f'{",
            "@",
            "rb'\\",
            "\r\n\r",
            "0x1.5e+",
            "f'{x:{y:{z:{w:{v}}}}}'",
        ];
        for sample in samples {
            assert_covers(sample);
        }
    }

    #[test]
    fn highlight_nesting_is_bounded() {
        let mut nested = String::from("1");
        for _ in 0..500 {
            nested = format!("f'{{{nested}}}'");
        }
        assert_covers(&nested);
        assert_covers(&"(".repeat(100_000));
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

    const SAMPLE: &str = "import asyncio\n\n@decorator(1)\nasync def main(a, *b, c=2, **d) -> None:\n    \"\"\"Doc.\"\"\"\n    x = [i ** 2 for i in range(10) if i % 2]\n    y = {'k': f'{x!r:>{w}} {a=}', **d}\n    try:\n        await asyncio.sleep(0.5)\n    except (ValueError, KeyError) as e:\n        raise RuntimeError('bad') from e\n    return b'\\x00' + rb'\\d', 0x_ff, 1e-3\n";

    #[test]
    fn lexer_and_highlighter_never_panic_on_mutations() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let bytes = SAMPLE.as_bytes();
        for _ in 0..300 {
            let mut mutated = bytes.to_vec();
            for _ in 0..=rng.below(4) {
                let i = rng.below(mutated.len());
                match rng.below(3) {
                    0 => mutated[i] = b"'\"{}()[]\\\n\r\t #:=!f0_x\xc3\xa9"[rng.below(20)],
                    1 => {
                        mutated.remove(i);
                    }
                    _ => mutated.truncate(i),
                }
                if mutated.is_empty() {
                    break;
                }
            }
            let source = String::from_utf8_lossy(&mutated);
            let _ = tokenize(&source);
            assert_covers(&source);
        }
        for end in 0..SAMPLE.len() {
            if SAMPLE.is_char_boundary(end) {
                let _ = tokenize(&SAMPLE[..end]);
                assert_covers(&SAMPLE[..end]);
            }
        }
    }
}
