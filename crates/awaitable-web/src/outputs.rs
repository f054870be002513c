//! Cell outputs as the page shows them, and the deltas that stream them in.
//!
//! The kernel keeps each execution's outputs as nbformat [`Output`]s and only
//! ever appends: new outputs at the end, or more text on the last stream
//! output. The host remembers how much it has sent ([`OutputMark`]) and after
//! each slice sends only what is new ([`OutputDelta`]), so that a cell that
//! prints for a minute does not copy its whole output on every slice.

use awaitable_notebook::ipynb::{Output, StreamName};

/// One output as the page shows it: always plain text, never HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputView {
    /// Text printed to standard output.
    Stdout(String),
    /// Text printed to standard error (warnings, `Exception in callback`).
    Stderr(String),
    /// The value of the cell's last expression, as `repr` shows it.
    Result(String),
    /// An exception that ended the run: the whole traceback.
    Error(String),
}

impl OutputView {
    /// The view of a kernel output.
    pub fn of(output: &Output) -> OutputView {
        match output {
            Output::Stream {
                name: StreamName::Stdout,
                text,
            } => OutputView::Stdout(text.clone()),
            Output::Stream {
                name: StreamName::Stderr,
                text,
            } => OutputView::Stderr(text.clone()),
            Output::ExecuteResult { data, .. } | Output::DisplayData { data, .. } => {
                let text = data
                    .get("text/plain")
                    .and_then(|value| value.as_str())
                    .unwrap_or("");
                OutputView::Result(text.to_owned())
            }
            Output::Error {
                ename,
                evalue,
                traceback,
            } => {
                if traceback.is_empty() {
                    OutputView::Error(format!("{ename}: {evalue}"))
                } else {
                    OutputView::Error(traceback.join("\n"))
                }
            }
        }
    }

    /// The text shown.
    pub fn text(&self) -> &str {
        match self {
            OutputView::Stdout(text)
            | OutputView::Stderr(text)
            | OutputView::Result(text)
            | OutputView::Error(text) => text,
        }
    }
}

/// How much of an execution's outputs has been sent to the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutputMark {
    /// Outputs sent.
    outputs: usize,
    /// Bytes of the last output's text sent (it may be a stream that grows).
    last_text: usize,
}

/// What changed in an execution's outputs since the last [`OutputMark`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputDelta {
    /// The usual case: `text` goes at the end of the last output, then `new`
    /// outputs follow.
    Append {
        /// Text added to the last (stream) output.
        text: String,
        /// Outputs added after it.
        new: Vec<OutputView>,
    },
    /// The outputs changed in a way that is not an append (which the kernel
    /// does not do today): the whole list, to replace what is shown.
    Replace(Vec<OutputView>),
}

fn text_len(output: &Output) -> usize {
    match output {
        Output::Stream { text, .. } => text.len(),
        _ => 0,
    }
}

/// What `outputs` gained since `mark`, or `None` if nothing; moves `mark`
/// past it.
pub fn output_delta(mark: &mut OutputMark, outputs: &[Output]) -> Option<OutputDelta> {
    let sent = mark.outputs;
    let next = OutputMark {
        outputs: outputs.len(),
        last_text: outputs.last().map_or(0, text_len),
    };
    if next == *mark {
        return None;
    }
    let appended_text = if sent == 0 {
        Some("")
    } else {
        outputs.get(sent - 1).and_then(|last| match last {
            Output::Stream { text, .. } => text.get(mark.last_text..),
            _ => (mark.last_text == 0).then_some(""),
        })
    };
    *mark = next;
    match appended_text {
        Some(text) if sent <= outputs.len() => Some(OutputDelta::Append {
            text: text.to_owned(),
            new: outputs[sent..].iter().map(OutputView::of).collect(),
        }),
        _ => Some(OutputDelta::Replace(
            outputs.iter().map(OutputView::of).collect(),
        )),
    }
}

/// Applies a delta to the outputs shown.
pub fn apply_delta(views: &mut Vec<OutputView>, delta: OutputDelta) {
    match delta {
        OutputDelta::Append { text, new } => {
            if !text.is_empty() {
                match views.last_mut() {
                    Some(OutputView::Stdout(last) | OutputView::Stderr(last)) => {
                        last.push_str(&text)
                    }
                    // The page missed the stream this text belongs to: show it
                    // rather than lose it.
                    _ => views.push(OutputView::Stdout(text)),
                }
            }
            views.extend(new);
        }
        OutputDelta::Replace(all) => *views = all,
    }
}

#[cfg(test)]
mod tests {
    use awaitable_notebook::ipynb::{Output, StreamName};

    use crate::outputs::{apply_delta, output_delta, OutputDelta, OutputMark, OutputView};

    fn stdout(text: &str) -> Output {
        Output::Stream {
            name: StreamName::Stdout,
            text: text.to_owned(),
        }
    }

    fn error() -> Output {
        Output::Error {
            ename: "KeyboardInterrupt".to_owned(),
            evalue: String::new(),
            traceback: vec![
                "Traceback (most recent call last):".to_owned(),
                "KeyboardInterrupt".to_owned(),
            ],
        }
    }

    /// Streams `snapshots` of a growing output list through deltas and
    /// returns what the page ends up showing.
    fn stream(snapshots: &[Vec<Output>]) -> Vec<OutputView> {
        let mut mark = OutputMark::default();
        let mut shown = Vec::new();
        for outputs in snapshots {
            if let Some(delta) = output_delta(&mut mark, outputs) {
                apply_delta(&mut shown, delta);
            }
        }
        shown
    }

    #[test]
    fn nothing_new_is_no_delta() {
        let mut mark = OutputMark::default();
        assert_eq!(output_delta(&mut mark, &[]), None);
        let outputs = [stdout("a\n")];
        assert!(output_delta(&mut mark, &outputs).is_some());
        assert_eq!(output_delta(&mut mark, &outputs), None);
    }

    #[test]
    fn growing_stream_text_is_sent_once() {
        let mut mark = OutputMark::default();
        let _ = output_delta(&mut mark, &[stdout("1\n")]);
        assert_eq!(
            output_delta(&mut mark, &[stdout("1\n2\n")]),
            Some(OutputDelta::Append {
                text: "2\n".to_owned(),
                new: Vec::new()
            })
        );
    }

    #[test]
    fn the_page_ends_with_what_the_kernel_has() {
        let shown = stream(&[
            vec![stdout("é")],
            vec![stdout("é1\n")],
            vec![
                stdout("é1\n"),
                Output::Stream {
                    name: StreamName::Stderr,
                    text: "warn\n".to_owned(),
                },
            ],
            vec![
                stdout("é1\n"),
                Output::Stream {
                    name: StreamName::Stderr,
                    text: "warn\n".to_owned(),
                },
                stdout("2\n"),
                error(),
            ],
        ]);
        assert_eq!(
            shown,
            vec![
                OutputView::Stdout("é1\n".to_owned()),
                OutputView::Stderr("warn\n".to_owned()),
                OutputView::Stdout("2\n".to_owned()),
                OutputView::Error(
                    "Traceback (most recent call last):\nKeyboardInterrupt".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn outputs_that_shrink_are_replaced_whole() {
        let shown = stream(&[vec![stdout("long text\n")], vec![stdout("short\n")]]);
        assert_eq!(shown, vec![OutputView::Stdout("short\n".to_owned())]);
        let shown = stream(&[vec![stdout("a\n"), stdout("b\n")], vec![stdout("c\n")]]);
        assert_eq!(shown, vec![OutputView::Stdout("c\n".to_owned())]);
    }

    #[test]
    fn results_show_their_plain_text() {
        let result = Output::text_result(Some(3), "42".to_owned());
        assert_eq!(OutputView::of(&result), OutputView::Result("42".to_owned()));
    }
}
