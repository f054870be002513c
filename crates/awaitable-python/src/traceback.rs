//! CPython-style tracebacks, with exception chaining.

use crate::interp::Interp;
use crate::value::{Exc, TracebackEntry, Value};

/// Where a NameError/AttributeError keeps its "Did you mean" hint; like CPython,
/// the hint shows in printed tracebacks but not in `str(e)`.
pub const SUGGESTION_ATTR: &str = "__awaitable_suggestion__";

/// How deep a `__cause__`/`__context__` chain is followed.
const CHAIN_LIMIT: usize = 32;

/// How exception groups nest in the printout (CPython's `_ExceptionPrintContext`).
#[derive(Default)]
struct GroupContext {
    depth: usize,
    need_close: bool,
}

impl GroupContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Prefixes every line of `text` (blank ones too) with the indent and margin.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        if self.depth == 0 {
            out.push_str(text);
            return;
        }
        let prefix = format!("{}{margin} ", self.indent());
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

/// How many members of a group are printed (CPython's `max_group_width`).
const MAX_GROUP_WIDTH: usize = 15;
/// How deep nested groups are printed (CPython's `max_group_depth`).
const MAX_GROUP_DEPTH: usize = 10;

impl Interp {
    /// The full traceback text of an uncaught exception, as CPython prints it,
    /// with chained exceptions and exception groups.
    pub fn format_exception(&mut self, exc: &Exc) -> String {
        let mut out = String::new();
        let mut ctx = GroupContext::default();
        self.format_chain(exc, &mut ctx, &mut out);
        out
    }

    /// The `__cause__`/`__context__` chain of `exc`, newest first, each with the
    /// sentence that links it to the next older one.
    fn chain_of(&self, exc: &Exc) -> Vec<(Exc, Option<&'static str>)> {
        let mut chain = vec![(exc.clone(), None)];
        let mut current = exc.clone();
        while chain.len() < CHAIN_LIMIT {
            let (cause, context, suppress) =
                current.with_data(|d| (d.cause.clone(), d.context.clone(), d.suppress_context));
            let next = match (cause, context) {
                (Some(c), _) => Some((
                    c,
                    "The above exception was the direct cause of the following exception:",
                )),
                (None, Some(c)) if !suppress => Some((
                    c,
                    "During handling of the above exception, another exception occurred:",
                )),
                _ => None,
            };
            let Some((next, link)) = next else { break };
            if chain
                .iter()
                .any(|(e, _)| std::rc::Rc::ptr_eq(&e.0, &next.0))
            {
                break;
            }
            if let Some(last) = chain.last_mut() {
                last.1 = Some(link);
            }
            chain.push((next.clone(), None));
            current = next;
        }
        chain
    }

    fn format_chain(&mut self, exc: &Exc, ctx: &mut GroupContext, out: &mut String) {
        let chain = self.chain_of(exc);
        // chain[i].1 links chain[i] to the older chain[i + 1]; print oldest first.
        for i in (0..chain.len()).rev() {
            self.format_single(&chain[i].0, ctx, out);
            if let Some(link) = i.checked_sub(1).and_then(|newer| chain[newer].1) {
                ctx.emit(out, &format!("\n{link}\n\n"), '|');
            }
        }
    }

    fn format_single(&mut self, exc: &Exc, ctx: &mut GroupContext, out: &mut String) {
        let Some(members) = self.group_members(&exc.value()) else {
            let text = self.format_one(exc);
            ctx.emit(out, &text, '|');
            return;
        };
        if ctx.depth > MAX_GROUP_DEPTH {
            ctx.emit(
                out,
                &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                '|',
            );
            return;
        }
        let toplevel = ctx.depth == 0;
        if toplevel {
            ctx.depth += 1;
        }
        let frames = self.format_frames(exc);
        if !frames.is_empty() {
            ctx.emit(
                out,
                "Exception Group Traceback (most recent call last):\n",
                if toplevel { '+' } else { '|' },
            );
            ctx.emit(out, &frames, '|');
        }
        let line = self.exception_line(exc) + "\n";
        ctx.emit(out, &line, '|');
        let shown = members.len().min(MAX_GROUP_WIDTH + 1);
        ctx.need_close = false;
        for (i, member) in members.iter().take(shown).enumerate() {
            let last = i + 1 == shown;
            if last {
                ctx.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            out.push_str(&format!(
                "{}{}+---------------- {title} ----------------\n",
                ctx.indent(),
                if i == 0 { "+-" } else { "  " }
            ));
            ctx.depth += 1;
            if truncated {
                let more = members.len() - MAX_GROUP_WIDTH;
                ctx.emit(
                    out,
                    &format!(
                        "and {more} more exception{}\n",
                        if more == 1 { "" } else { "s" }
                    ),
                    '|',
                );
            } else if let Ok(member) = self.to_exc(member.clone()) {
                self.format_chain(&member, ctx, out);
            }
            if last && ctx.need_close {
                out.push_str(&format!(
                    "{}+------------------------------------\n",
                    ctx.indent()
                ));
                ctx.need_close = false;
            }
            ctx.depth -= 1;
        }
        if toplevel {
            ctx.depth = 0;
        }
    }

    /// One exception: its frames (user code only) and its last line.
    fn format_one(&mut self, exc: &Exc) -> String {
        let frames = self.format_frames(exc);
        let mut out = String::new();
        if !frames.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            out.push_str(&frames);
        }
        out.push_str(&self.exception_line(exc));
        out.push('\n');
        out
    }

    /// The `File ..., line N, in f` lines of the frames an exception went
    /// through, in user code, outermost first.
    fn format_frames(&mut self, exc: &Exc) -> String {
        let entries: Vec<TracebackEntry> = exc.with_data(|d| d.traceback.clone());
        let mut out = String::new();
        let shown: Vec<&TracebackEntry> = entries
            .iter()
            .rev()
            .filter(|e| {
                !e.filename.starts_with('<')
                    || e.filename.starts_with("<stdin")
                    || e.filename.starts_with("<cell")
                    || e.filename.starts_with("<string")
            })
            .collect();
        if !shown.is_empty() {
            // Like CPython, the same line repeated more than three times is summarised.
            let mut previous: Option<&TracebackEntry> = None;
            let mut repeats = 0;
            for entry in shown {
                let same = previous.is_some_and(|p| {
                    p.filename == entry.filename && p.line == entry.line && p.name == entry.name
                });
                if same {
                    repeats += 1;
                } else {
                    self.flush_repeats(&mut out, repeats);
                    repeats = 0;
                }
                previous = Some(entry);
                if repeats >= 3 {
                    continue;
                }
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    entry.filename, entry.line, entry.name
                ));
                if let Some(line) = self.source_line(&entry.filename, entry.line) {
                    out.push_str(&format!("    {line}\n"));
                }
            }
            self.flush_repeats(&mut out, repeats);
        }
        out
    }

    fn flush_repeats(&self, out: &mut String, repeats: usize) {
        if repeats >= 3 {
            let more = repeats - 2;
            let plural = if more == 1 { "" } else { "s" };
            out.push_str(&format!(
                "  [Previous line repeated {more} more time{plural}]\n"
            ));
        }
    }

    /// A line of a source file, stripped, if known.
    pub fn source_line(&self, filename: &str, line: u32) -> Option<String> {
        let source = self.sources.get(filename)?;
        let text = source.lines().nth((line as usize).checked_sub(1)?)?.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// `ValueError: message`, with the module prefix CPython shows for non-builtin classes.
    pub fn exception_line(&mut self, exc: &Exc) -> String {
        let name = self.exception_name(exc);
        let mut message = self
            .to_str(&exc.value())
            .unwrap_or_else(|_| "<exception str() failed>".into());
        if let Some(hint) = self.suggestion_for(exc) {
            message.push_str(&format!(". Did you mean: '{hint}'?"));
        }
        if message.is_empty() {
            name
        } else {
            format!("{name}: {message}")
        }
    }

    /// The "Did you mean" hint of a NameError (computed when raised, from the
    /// frame) or an AttributeError (computed now, from its `obj`).
    fn suggestion_for(&self, exc: &Exc) -> Option<String> {
        let attrs = exc.0.attrs.borrow();
        if let Some(Value::Str(hint)) = attrs.get(SUGGESTION_ATTR) {
            return Some(hint.to_string());
        }
        if !self.exc_is(exc, "AttributeError") {
            return None;
        }
        let (Some(Value::Str(name)), Some(obj)) = (attrs.get("name"), attrs.get("obj")) else {
            return None;
        };
        let names = self.attribute_names(obj);
        let candidates: Vec<&str> = names
            .iter()
            .map(|n| &**n)
            .filter(|n| !n.starts_with("__awaitable"))
            .collect();
        suggest(name, &candidates).map(str::to_string)
    }

    /// The qualified class name of an exception (`asyncio.exceptions.CancelledError`).
    pub fn exception_name(&self, exc: &Exc) -> String {
        let class = exc.class();
        match &*class.module {
            "builtins" | "__main__" => class.qualname.to_string(),
            module => format!("{module}.{}", class.qualname),
        }
    }
}

/// Cost of inserting, deleting or replacing a character (CPython's `_MOVE_COST`).
const MOVE_COST: usize = 2;
/// Cost of a replacement that only changes case.
const CASE_COST: usize = 1;
/// Names longer than this get no suggestion.
const MAX_STRING_SIZE: usize = 40;
/// Namespaces larger than this get no suggestion.
const MAX_CANDIDATE_ITEMS: usize = 750;

/// The "Did you mean" candidate for a misspelt name, with CPython's algorithm
/// (`traceback._compute_suggestion_error`): the closest name by a weighted
/// Levenshtein distance, within a bound that grows with the names' lengths.
pub fn suggest<'a>(wrong: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let wrong_len = wrong.chars().count();
    if candidates.len() > MAX_CANDIDATE_ITEMS || wrong_len > MAX_STRING_SIZE {
        return None;
    }
    let mut best_distance = wrong_len;
    let mut suggestion = None;
    for &candidate in candidates {
        if candidate == wrong {
            continue;
        }
        let bound = (candidate.chars().count() + wrong_len + 3) * MOVE_COST / 6;
        let bound = bound.min(best_distance.saturating_sub(1));
        let distance = levenshtein(wrong, candidate, bound);
        if distance > bound {
            continue;
        }
        if suggestion.is_none() || distance < best_distance {
            suggestion = Some(candidate);
            best_distance = distance;
        }
    }
    suggestion
}

fn substitution_cost(a: char, b: char) -> usize {
    if a == b {
        0
    } else if a.to_lowercase().eq(b.to_lowercase()) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// CPython's `_levenshtein_distance`, giving up above `max_cost`.
fn levenshtein(a: &str, b: &str, max_cost: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let prefix = a.iter().zip(b.iter()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mut a, mut b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return MOVE_COST * (a.len() + b.len());
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bindex, &bchar) in b.iter().enumerate() {
        let mut distance = bindex * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &achar) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(bchar, achar);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}
