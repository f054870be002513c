//! CPython-style tracebacks, with exception chaining.

use crate::interp::Interp;
use crate::value::{Exc, TracebackEntry};

/// How deep a `__cause__`/`__context__` chain is followed.
const CHAIN_LIMIT: usize = 32;

impl Interp {
    /// The full traceback text of an uncaught exception, as CPython prints it.
    pub fn format_exception(&mut self, exc: &Exc) -> String {
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
        let mut out = String::new();
        for (exc, link) in chain.iter().rev() {
            out.push_str(&self.format_one(exc));
            if let Some(link) = link {
                out.push_str(&format!("\n{link}\n\n"));
            }
        }
        out
    }

    /// One exception: its frames (user code only) and its last line.
    fn format_one(&mut self, exc: &Exc) -> String {
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
            out.push_str("Traceback (most recent call last):\n");
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
        out.push_str(&self.exception_line(exc));
        out.push('\n');
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
        let message = self
            .to_str(&exc.value())
            .unwrap_or_else(|_| "<exception str() failed>".into());
        if message.is_empty() {
            name
        } else {
            format!("{name}: {message}")
        }
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
