//! A small, safe Markdown reader for the course's prose and learners' notes.
//!
//! It produces a tree ([`Block`]s of [`Inline`]s), never HTML: the web app
//! builds DOM nodes from the tree, so raw HTML in the input (`<script>`) stays
//! text, and only link targets that cannot run code are kept.
//!
//! Supported: ATX headings `#` to `####`, paragraphs, bullet (`-`, `*`, `+`)
//! and numbered (`1.`, `1)`) lists without nesting, fenced code blocks (```` ``` ````
//! or `~~~`), blockquotes; inline `**strong**`, `*emphasis*`, `` `code` ``,
//! `[links](https://...)` and backslash escapes. Everything else is text.
//!
//! Hostile input cannot make it panic or loop for long: every pass is linear
//! in the input (emphasis closers are looked up in precomputed tables, not
//! searched for again from each opener), and nesting is capped
//! ([`MAX_QUOTE_DEPTH`], [`MAX_INLINE_DEPTH`]); deeper markers are kept as text.

mod inline;

pub use inline::parse_inlines;

/// Blockquotes nested deeper than this are read as plain paragraphs, so that
/// thousands of `>` cannot exhaust the stack of the parser or of the renderer.
pub const MAX_QUOTE_DEPTH: usize = 8;

/// Emphasis and links nested deeper than this keep their markers as text.
pub const MAX_INLINE_DEPTH: usize = 16;

/// A block of a Markdown document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 1 (`#`) to 4 (`####`).
    Heading(u8, Vec<Inline>),
    /// A paragraph; its lines are joined with single spaces.
    Paragraph(Vec<Inline>),
    /// A list; each item is one run of inline content.
    List {
        /// Numbered (`1.`) rather than bulleted (`-`).
        ordered: bool,
        /// The items, in order.
        items: Vec<Vec<Inline>>,
    },
    /// A fenced code block.
    Code {
        /// The info string's first word (`python`), empty if none.
        lang: String,
        /// The lines between the fences, joined with `\n`, no final newline.
        text: String,
    },
    /// A blockquote and the blocks inside it.
    Quote(Vec<Block>),
}

/// Inline content of a heading, paragraph or list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text, shown as is (it may contain `<`, `&`: never HTML).
    Text(String),
    /// `**strong**` content.
    Strong(Vec<Inline>),
    /// `*emphasised*` content.
    Emphasis(Vec<Inline>),
    /// `` `code` `` content.
    Code(String),
    /// A link whose target is `http:`, `https:` or relative (see [`is_safe_href`]).
    Link {
        /// The target, as written.
        href: String,
        /// The link text.
        children: Vec<Inline>,
    },
}

/// Reads a Markdown document into blocks. Never fails: what is not Markdown
/// structure is text.
pub fn parse(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    parse_blocks(&lines, 0)
}

/// Whether a link target may be kept: `http:`/`https:` URLs, or relative
/// references (no scheme before the first `/`, `?` or `#`). Control
/// characters and whitespace are refused because browsers strip them from
/// schemes, which would let `java\tscript:` through.
pub fn is_safe_href(href: &str) -> bool {
    if href.is_empty() || href.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = href.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return true;
    }
    let before_path = href.split(['/', '?', '#']).next().unwrap_or_default();
    !before_path.contains(':')
}

/// The blocks of `lines`, which are inside `depth` blockquotes.
fn parse_blocks(lines: &[&str], depth: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (block, next) = parse_block(lines, i, depth);
        if let Some(block) = block {
            blocks.push(block);
        }
        // Every reader consumes at least one line, so the loop ends; the
        // `max` keeps that true even if one of them is changed carelessly.
        i = next.max(i + 1);
    }
    blocks
}

/// The block starting at `lines[start]` (`None` for a blank line) and the
/// index of the line after it.
fn parse_block(lines: &[&str], start: usize, depth: usize) -> (Option<Block>, usize) {
    let line = lines[start];
    if line.trim().is_empty() {
        return (None, start + 1);
    }
    if let Some(fence) = Fence::open(line) {
        let (block, next) = read_fence(lines, start, &fence);
        return (Some(block), next);
    }
    if let Some((level, text)) = heading(line) {
        return (Some(Block::Heading(level, parse_inlines(text))), start + 1);
    }
    if depth < MAX_QUOTE_DEPTH && quote_content(line).is_some() {
        let (block, next) = read_quote(lines, start, depth);
        return (Some(block), next);
    }
    if let Some(marker) = ListMarker::of(line) {
        let (block, next) = read_list(lines, start, marker.ordered);
        return (Some(block), next);
    }
    let (block, next) = read_paragraph(lines, start, depth);
    (Some(block), next)
}

/// Whether `line` starts a block other than a paragraph, which ends the
/// paragraph or list item before it.
fn starts_block(line: &str, depth: usize) -> bool {
    Fence::open(line).is_some()
        || heading(line).is_some()
        || (depth < MAX_QUOTE_DEPTH && quote_content(line).is_some())
        || ListMarker::of(line).is_some()
}

/// Up to three spaces of indentation are allowed before block markers, as in
/// CommonMark; four or more make the line plain text (there are no indented
/// code blocks here).
fn strip_indent(line: &str) -> Option<&str> {
    let trimmed = line.trim_start_matches(' ');
    (line.len() - trimmed.len() < 4).then_some(trimmed)
}

/// An ATX heading's level and text: `## Title ##` gives `(2, "Title")`.
fn heading(line: &str) -> Option<(u8, &str)> {
    let line = strip_indent(line)?;
    let hashes = line.len() - line.trim_start_matches('#').len();
    if !(1..=4).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let level = u8::try_from(hashes).ok()?;
    Some((level, strip_closing_hashes(rest.trim())))
}

/// Drops an optional closing run of `#`, which must follow a space.
fn strip_closing_hashes(text: &str) -> &str {
    let without = text.trim_end_matches('#');
    if without.is_empty() {
        return without;
    }
    if without.ends_with([' ', '\t']) {
        return without.trim_end();
    }
    text
}

/// The opening line of a fenced code block.
struct Fence {
    /// `` ` `` or `~`.
    marker: char,
    /// How many markers opened it; the closing fence needs at least as many.
    len: usize,
    /// Spaces before the opening fence, removed from the content lines too.
    indent: usize,
    /// The info string's first word.
    lang: String,
}

impl Fence {
    fn open(line: &str) -> Option<Self> {
        let trimmed = strip_indent(line)?;
        let marker = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let len = trimmed.len() - trimmed.trim_start_matches(marker).len();
        if len < 3 {
            return None;
        }
        let info = trimmed[len..].trim();
        // CommonMark forbids backticks in a backtick fence's info string, so
        // that ```` ```code``` ```` stays an inline code span.
        if marker == '`' && info.contains('`') {
            return None;
        }
        let lang = info
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned();
        let indent = line.len() - trimmed.len();
        Some(Self {
            marker,
            len,
            indent,
            lang,
        })
    }

    fn closes(&self, line: &str) -> bool {
        let Some(trimmed) = strip_indent(line) else {
            return false;
        };
        let run = trimmed.len() - trimmed.trim_start_matches(self.marker).len();
        run >= self.len && trimmed[run..].trim().is_empty()
    }

    /// A content line without the fence's indentation (at most that many
    /// leading spaces are removed).
    fn content<'a>(&self, line: &'a str) -> &'a str {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        &line[spaces.min(self.indent)..]
    }
}

/// A fenced code block; an unclosed fence runs to the end of the input.
fn read_fence(lines: &[&str], start: usize, fence: &Fence) -> (Block, usize) {
    let mut text_lines = Vec::new();
    let mut i = start + 1;
    while i < lines.len() && !fence.closes(lines[i]) {
        text_lines.push(fence.content(lines[i]));
        i += 1;
    }
    let block = Block::Code {
        lang: fence.lang.clone(),
        text: text_lines.join("\n"),
    };
    (block, (i + 1).min(lines.len()))
}

/// The rest of a blockquote line after `>` and one optional space.
fn quote_content(line: &str) -> Option<&str> {
    let rest = strip_indent(line)?.strip_prefix('>')?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

/// A blockquote: consecutive `>` lines, read again as a document one level
/// deeper. A blank line ends it.
fn read_quote(lines: &[&str], start: usize, depth: usize) -> (Block, usize) {
    let inner: Vec<&str> = lines[start..]
        .iter()
        .map_while(|line| quote_content(line))
        .collect();
    let next = start + inner.len();
    (Block::Quote(parse_blocks(&inner, depth + 1)), next)
}

/// The marker that starts a list item.
struct ListMarker<'a> {
    ordered: bool,
    /// The item's text after the marker and its space.
    text: &'a str,
}

impl<'a> ListMarker<'a> {
    fn of(line: &'a str) -> Option<Self> {
        let trimmed = strip_indent(line)?;
        Self::bullet(trimmed).or_else(|| Self::numbered(trimmed))
    }

    fn bullet(trimmed: &'a str) -> Option<Self> {
        let rest = trimmed.strip_prefix(['-', '*', '+'])?;
        Self::after_marker(rest, false)
    }

    fn numbered(trimmed: &'a str) -> Option<Self> {
        let digits = trimmed.len()
            - trimmed
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        // CommonMark caps list numbers at nine digits.
        if !(1..=9).contains(&digits) {
            return None;
        }
        let rest = trimmed[digits..].strip_prefix(['.', ')'])?;
        Self::after_marker(rest, true)
    }

    /// A marker must be followed by a space or end the line: `-x` and `2.5`
    /// are text.
    fn after_marker(rest: &'a str, ordered: bool) -> Option<Self> {
        if rest.is_empty() {
            return Some(Self { ordered, text: "" });
        }
        rest.starts_with([' ', '\t']).then(|| Self {
            ordered,
            text: rest.trim(),
        })
    }
}

/// A list: items of the same kind (bulleted or numbered), each followed by
/// indented continuation lines. Blank lines between items keep the list going.
fn read_list(lines: &[&str], start: usize, ordered: bool) -> (Block, usize) {
    let mut items: Vec<Vec<&str>> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let line = lines[i];
        if let Some(marker) = ListMarker::of(line).filter(|m| m.ordered == ordered) {
            items.push(vec![marker.text]);
        } else if line.trim().is_empty() {
            // Jump over the whole blank run at once: looking ahead from each
            // blank line would be quadratic in the number of blank lines.
            let next = next_nonblank(lines, i);
            if !lines.get(next).is_some_and(|l| same_kind_item(l, ordered)) {
                break;
            }
            i = next;
            continue;
        } else if is_continuation(line) {
            if let Some(item) = items.last_mut() {
                item.push(line.trim());
            }
        } else {
            break;
        }
        i += 1;
    }
    let items = items
        .iter()
        .map(|parts| parse_inlines(&join_nonempty(parts)))
        .collect();
    (Block::List { ordered, items }, i)
}

/// The index of the first non-blank line from `from` on (`lines.len()` if none).
fn next_nonblank(lines: &[&str], from: usize) -> usize {
    lines[from..]
        .iter()
        .position(|l| !l.trim().is_empty())
        .map_or(lines.len(), |offset| from + offset)
}

fn same_kind_item(line: &str, ordered: bool) -> bool {
    ListMarker::of(line).is_some_and(|m| m.ordered == ordered)
}

/// An indented line that is not a new block continues the current item.
fn is_continuation(line: &str) -> bool {
    line.starts_with([' ', '\t']) && !starts_block(line, 0)
}

/// A paragraph: lines up to a blank line or the start of another block.
fn read_paragraph(lines: &[&str], start: usize, depth: usize) -> (Block, usize) {
    let mut parts = vec![lines[start].trim()];
    let mut i = start + 1;
    while i < lines.len() && !lines[i].trim().is_empty() && !starts_block(lines[i], depth) {
        parts.push(lines[i].trim());
        i += 1;
    }
    (Block::Paragraph(parse_inlines(&join_nonempty(&parts))), i)
}

fn join_nonempty(parts: &[&str]) -> String {
    let kept: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
    kept.join(" ")
}

#[cfg(test)]
mod tests;
