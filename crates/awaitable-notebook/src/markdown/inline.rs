//! Inline Markdown: code spans, emphasis, links and escapes.
//!
//! Two linear passes. The first cuts the text into tokens, settling code
//! spans (they bind tighter than anything else) and pairing each `](href)`
//! with the nearest open `[`. The second builds the tree: an opening `*` or
//! `**` pairs with the next run of the same length that can close, found in a
//! table computed once, so unclosed markers cost nothing extra.

use std::collections::HashMap;
use std::ops::Range;

use crate::markdown::{is_safe_href, Inline, MAX_INLINE_DEPTH};

/// Link targets longer than this are not links; it bounds the work per `](`.
const MAX_HREF_LEN: usize = 2048;

/// Reads one run of inline Markdown (a paragraph, heading or list item).
pub fn parse_inlines(text: &str) -> Vec<Inline> {
    let tokens = tokenize(text);
    let tree = Tree::new(text, tokens);
    tree.build(0..tree.tokens.len(), 0, false)
}

#[derive(Debug)]
struct Token {
    kind: Kind,
    /// Where the token is in the source, for showing it as text.
    span: Range<usize>,
}

#[derive(Debug)]
enum Kind {
    /// Text with escapes resolved.
    Text(String),
    /// A code span's content.
    Code(String),
    /// A run of `*`: whether it is followed (can open) and preceded (can
    /// close) by a non-space character.
    Stars {
        count: usize,
        open: bool,
        close: bool,
    },
    /// `[`, with the index of the `](href)` token that closes it, if any.
    LinkOpen { close: Option<usize> },
    /// `](href)`.
    LinkClose { href: String },
}

/// The first pass: tokens in source order.
struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    tokens: Vec<Token>,
    /// Pending text and where it started.
    text_buf: String,
    text_start: usize,
    /// Start offsets of every backtick run, by run length, in order.
    backtick_runs: HashMap<usize, Vec<usize>>,
    /// Token indexes of `[` not yet closed.
    open_links: Vec<usize>,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        text,
        pos: 0,
        tokens: Vec::new(),
        text_buf: String::new(),
        text_start: 0,
        backtick_runs: backtick_runs(text),
        open_links: Vec::new(),
    };
    while let Some(c) = lexer.text[lexer.pos..].chars().next() {
        lexer.step(c);
    }
    lexer.flush_text();
    lexer.tokens
}

/// Every maximal run of backticks, as start offsets grouped by length.
fn backtick_runs(text: &str) -> HashMap<usize, Vec<usize>> {
    let mut runs: HashMap<usize, Vec<usize>> = HashMap::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let len = run_len(bytes, i, b'`');
        if len > 0 {
            runs.entry(len).or_default().push(i);
            i += len;
        } else {
            i += 1;
        }
    }
    runs
}

/// How many `byte`s follow one another from `at`.
fn run_len(bytes: &[u8], at: usize, byte: u8) -> usize {
    bytes
        .get(at..)
        .map_or(0, |rest| rest.iter().take_while(|&&b| b == byte).count())
}

impl Lexer<'_> {
    fn step(&mut self, c: char) {
        match c {
            '\\' => self.escape(),
            '`' => self.code_span(),
            '*' => self.stars(),
            '[' => self.link_open(),
            ']' => self.link_close(),
            _ => self.push_char(c),
        }
    }

    fn push_char(&mut self, c: char) {
        if self.text_buf.is_empty() {
            self.text_start = self.pos;
        }
        self.text_buf.push(c);
        self.pos += c.len_utf8();
    }

    fn push_token(&mut self, kind: Kind, end: usize) {
        self.flush_text();
        let span = self.pos..end;
        self.tokens.push(Token { kind, span });
        self.pos = end;
    }

    fn flush_text(&mut self) {
        if !self.text_buf.is_empty() {
            let text = std::mem::take(&mut self.text_buf);
            let span = self.text_start..self.pos;
            self.tokens.push(Token {
                kind: Kind::Text(text),
                span,
            });
        }
    }

    /// `\*` is a literal `*`; a backslash before anything else is itself.
    fn escape(&mut self) {
        let next = self.text[self.pos + 1..].chars().next();
        match next.filter(char::is_ascii_punctuation) {
            Some(escaped) => {
                if self.text_buf.is_empty() {
                    self.text_start = self.pos;
                }
                self.text_buf.push(escaped);
                self.pos += 1 + escaped.len_utf8();
            }
            None => self.push_char('\\'),
        }
    }

    /// A run of n backticks opens a code span closed by the next run of
    /// exactly n; without one, the backticks are text.
    fn code_span(&mut self) {
        let len = run_len(self.text.as_bytes(), self.pos, b'`');
        let after = self.pos + len;
        let close = self.backtick_runs.get(&len).and_then(|starts| {
            let next = starts.partition_point(|&start| start < after);
            starts.get(next).copied()
        });
        match close {
            Some(close) => {
                let content = code_content(&self.text[after..close]);
                self.push_token(Kind::Code(content), close + len);
            }
            None => {
                for _ in 0..len {
                    self.push_char('`');
                }
            }
        }
    }

    fn stars(&mut self) {
        let count = run_len(self.text.as_bytes(), self.pos, b'*');
        let end = self.pos + count;
        let before = self.text[..self.pos].chars().next_back();
        let after = self.text[end..].chars().next();
        let kind = Kind::Stars {
            count,
            open: after.is_some_and(|c| !c.is_whitespace()),
            close: before.is_some_and(|c| !c.is_whitespace()),
        };
        self.push_token(kind, end);
    }

    fn link_open(&mut self) {
        self.flush_text();
        self.open_links.push(self.tokens.len());
        self.push_token(Kind::LinkOpen { close: None }, self.pos + 1);
    }

    /// `](href)` closes the nearest open `[`; anything else is text.
    fn link_close(&mut self) {
        let href_end = link_target_end(&self.text[self.pos..]);
        let (Some(end), Some(&opener)) = (href_end, self.open_links.last()) else {
            self.push_char(']');
            return;
        };
        self.open_links.pop();
        let href = self.text[self.pos + 2..self.pos + end].to_owned();
        self.flush_text();
        let index = self.tokens.len();
        if let Some(Kind::LinkOpen { close }) = self.tokens.get_mut(opener).map(|t| &mut t.kind) {
            *close = Some(index);
        }
        self.push_token(Kind::LinkClose { href }, self.pos + end + 1);
    }
}

/// For text starting with `](`, the offset of the `)` ending the target.
/// Parentheses inside the target must balance (Wikipedia titles have them);
/// spaces, brackets and angle brackets end the attempt. Stopping at `]`
/// keeps the whole pass linear: two attempts never scan the same text.
fn link_target_end(text: &str) -> Option<usize> {
    let target = text.strip_prefix("](")?;
    let mut depth = 0usize;
    for (offset, c) in target.char_indices().take(MAX_HREF_LEN) {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(offset + 2),
            ')' => depth -= 1,
            '[' | ']' | '<' | '>' => return None,
            c if c.is_whitespace() || c.is_control() => return None,
            _ => {}
        }
    }
    None
}

/// A code span shows its content as written, except that one space on each
/// side is dropped when both are there, so `` ` `x` ` `` can show backticks.
fn code_content(raw: &str) -> String {
    let trimmed = raw
        .strip_prefix(' ')
        .and_then(|r| r.strip_suffix(' '))
        .filter(|_| !raw.chars().all(|c| c == ' '));
    trimmed.unwrap_or(raw).to_owned()
}

/// The second pass: tokens plus, for each, the next closing `*` and `**`.
struct Tree<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    next_close_em: Vec<usize>,
    next_close_strong: Vec<usize>,
}

impl<'a> Tree<'a> {
    fn new(text: &'a str, tokens: Vec<Token>) -> Self {
        let next_close_em = next_closers(&tokens, 1);
        let next_close_strong = next_closers(&tokens, 2);
        Self {
            text,
            tokens,
            next_close_em,
            next_close_strong,
        }
    }

    /// The inlines of `range`, `depth` levels deep, inside a link or not.
    fn build(&self, range: Range<usize>, depth: usize, in_link: bool) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut i = range.start;
        while i < range.end {
            i = self.build_one(i, range.end, depth, in_link, &mut out);
        }
        out
    }

    /// Adds what token `i` starts to `out`; returns the next token to read.
    fn build_one(
        &self,
        i: usize,
        end: usize,
        depth: usize,
        in_link: bool,
        out: &mut Vec<Inline>,
    ) -> usize {
        let Some(token) = self.tokens.get(i) else {
            return end;
        };
        let nested_ok = depth < MAX_INLINE_DEPTH;
        match &token.kind {
            Kind::Text(text) => push_text(out, text),
            Kind::Code(code) => out.push(Inline::Code(code.clone())),
            Kind::Stars {
                count, open: true, ..
            } if nested_ok => {
                if let Some(close) = self.closer(i, *count).filter(|&c| c < end) {
                    let children = self.build(i + 1..close, depth + 1, in_link);
                    out.push(emphasis(*count, children));
                    return close + 1;
                }
                self.push_source(out, i..i + 1);
            }
            Kind::LinkOpen { close: Some(close) } if nested_ok && !in_link && *close < end => {
                self.push_link(out, i, *close, depth);
                return close + 1;
            }
            _ => self.push_source(out, i..i + 1),
        }
        i + 1
    }

    /// The token closing a run of `count` stars opened at `i`.
    fn closer(&self, i: usize, count: usize) -> Option<usize> {
        let table = match count {
            1 => &self.next_close_em,
            2 => &self.next_close_strong,
            _ => return None,
        };
        table.get(i).copied()
    }

    /// A link from `[` at `open` to `](href)` at `close`; an unsafe target
    /// turns the whole link into its source text.
    fn push_link(&self, out: &mut Vec<Inline>, open: usize, close: usize, depth: usize) {
        let href = match self.tokens.get(close).map(|t| &t.kind) {
            Some(Kind::LinkClose { href }) if is_safe_href(href) => href.clone(),
            _ => return self.push_source(out, open..close + 1),
        };
        let children = self.build(open + 1..close, depth + 1, true);
        out.push(Inline::Link { href, children });
    }

    /// The source text of `tokens`, as plain text.
    fn push_source(&self, out: &mut Vec<Inline>, tokens: Range<usize>) {
        let last = tokens.end.checked_sub(1);
        let start = self.tokens.get(tokens.start).map(|t| t.span.start);
        let end = last.and_then(|i| self.tokens.get(i)).map(|t| t.span.end);
        if let (Some(start), Some(end)) = (start, end) {
            push_text(out, self.text.get(start..end).unwrap_or_default());
        }
    }
}

/// For each token, the index of the next later run of exactly `count` stars
/// that can close (`usize::MAX` if none), filled from the end in one pass.
fn next_closers(tokens: &[Token], count: usize) -> Vec<usize> {
    let mut next = vec![usize::MAX; tokens.len()];
    let mut found = usize::MAX;
    for (i, token) in tokens.iter().enumerate().rev() {
        next[i] = found;
        if matches!(token.kind, Kind::Stars { count: c, close: true, .. } if c == count) {
            found = i;
        }
    }
    next
}

fn emphasis(count: usize, children: Vec<Inline>) -> Inline {
    if count == 2 {
        Inline::Strong(children)
    } else {
        Inline::Emphasis(children)
    }
}

/// Appends text, joining it to a text node just before.
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Inline::Text(text.to_owned()));
    }
}
