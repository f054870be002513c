//! A code cell's editor: a `<textarea>` (what the learner types into, and
//! what assistive technology reads) laid over a `<pre>` that shows the same
//! text highlighted. The textarea's own text is transparent; both wrap the
//! same way, and the `<pre>` sets the height, so they stay aligned.
//!
//! Keys: Tab and Shift+Tab indent and dedent, Enter keeps the indentation
//! (one level more after `:`), Shift+Enter runs the cell and moves to the
//! next one, Ctrl+Enter runs it in place. Escape, then Tab or Shift+Tab,
//! moves focus out as usual, so keyboard users are never trapped.

use awaitable_python::lexer::{highlight, TokenClass};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::browser::{focus_next_editor, insert_text, EDITOR_CLASS};
use crate::editing::{byte_to_utf16, dedent, indent, newline, utf16_to_byte, Edit};

/// The editor's properties.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The code cell's number, from 1 (for test ids).
    pub number: usize,
    /// The code shown.
    pub source: AttrValue,
    /// The accessible name ("Code de la cellule 3").
    pub label: AttrValue,
    /// The id of the element that describes the editor's keys.
    pub described_by: AttrValue,
    /// The textarea, for the cell's Run button to read.
    pub textarea: NodeRef,
    /// The text changed.
    pub on_edit: Callback<String>,
    /// Run the cell with this source; `true` to move to the next cell after.
    pub on_run: Callback<(String, bool)>,
}

/// The CSS class of a token, `None` for text shown plain.
pub fn token_class(class: TokenClass) -> Option<&'static str> {
    match class {
        TokenClass::Keyword => Some("tok-keyword"),
        TokenClass::Builtin => Some("tok-builtin"),
        TokenClass::String => Some("tok-string"),
        TokenClass::Number => Some("tok-number"),
        TokenClass::Comment => Some("tok-comment"),
        TokenClass::Operator => Some("tok-operator"),
        TokenClass::Decorator => Some("tok-decorator"),
        TokenClass::Other => Some("tok-other"),
        TokenClass::Name | TokenClass::Punctuation | TokenClass::Whitespace => None,
    }
}

/// The highlighted text. A final line break gets a space after it, so the
/// `<pre>` is as tall as the textarea with its empty last line.
fn highlighted(source: &str) -> Html {
    let spans = highlight(source);
    let pieces: Option<Vec<Html>> = spans
        .iter()
        .map(|span| {
            let text = source.get(span.start..span.end)?.to_owned();
            Some(match token_class(span.class) {
                Some(class) => html! { <span {class}>{ text }</span> },
                None => html! { { text } },
            })
        })
        .collect();
    // The spans always fall on character boundaries; if they ever did not,
    // the text is still shown, plain.
    let pieces = pieces.unwrap_or_else(|| vec![html! { { source.to_owned() } }]);
    let tail = (source.is_empty() || source.ends_with('\n')).then_some(" ");
    html! { <>{ for pieces }{ tail }</> }
}

/// Applies a keyboard edit to the textarea: through the browser's editing
/// commands where it can (so Undo works), else by setting the value.
fn apply(
    textarea: &HtmlTextAreaElement,
    edit_of: fn(&str, usize, usize) -> Edit,
    on_edit: &Callback<String>,
) {
    let text = textarea.value();
    let selection = |value: Result<Option<u32>, _>| value.ok().flatten().unwrap_or(0);
    let start = utf16_to_byte(&text, selection(textarea.selection_start()));
    let end = utf16_to_byte(&text, selection(textarea.selection_end()));
    let edit = edit_of(&text, start, end);
    let after = edit.apply(&text);
    let (from, to) = (
        byte_to_utf16(&text, edit.start),
        byte_to_utf16(&text, edit.end),
    );
    if !insert_text(textarea, from, to, &edit.insert) || textarea.value() != after {
        textarea.set_value(&after);
        on_edit.emit(after.clone());
    }
    let _ = textarea.set_selection_range(
        byte_to_utf16(&after, edit.select.0),
        byte_to_utf16(&after, edit.select.1),
    );
}

/// The editor.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    // Set by Escape: the next Tab leaves the editor instead of indenting.
    let escaped = use_mut_ref(|| false);
    let shown = use_memo(props.source.clone(), |source| highlighted(source));

    let onkeydown = {
        let escaped = escaped.clone();
        let on_edit = props.on_edit.clone();
        let on_run = props.on_run.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.is_composing() {
                return;
            }
            let Some(textarea) = event.target_dyn_into::<HtmlTextAreaElement>() else {
                return;
            };
            let key = event.key();
            let (shift, ctrl) = (event.shift_key(), event.ctrl_key() || event.meta_key());
            let was_escaped = std::mem::replace(&mut *escaped.borrow_mut(), false);
            match key.as_str() {
                "Escape" => *escaped.borrow_mut() = true,
                // Modifiers alone keep the Escape, for Escape then Shift+Tab.
                "Shift" | "Control" | "Alt" | "Meta" => *escaped.borrow_mut() = was_escaped,
                "Tab" if !ctrl && !event.alt_key() => {
                    if was_escaped {
                        return;
                    }
                    event.prevent_default();
                    apply(&textarea, if shift { dedent } else { indent }, &on_edit);
                }
                "Enter" if shift || ctrl => {
                    event.prevent_default();
                    on_run.emit((textarea.value(), shift));
                    if shift {
                        focus_next_editor(&textarea);
                    }
                }
                "Enter" if !event.alt_key() => {
                    event.prevent_default();
                    apply(&textarea, newline, &on_edit);
                }
                _ => {}
            }
        })
    };
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(textarea) = event.target_dyn_into::<HtmlTextAreaElement>() {
                on_edit.emit(textarea.value());
            }
        })
    };
    let onblur = {
        let escaped = escaped.clone();
        Callback::from(move |_: FocusEvent| *escaped.borrow_mut() = false)
    };

    html! {
        <div class="editor">
            <pre class="editor-highlight" aria-hidden="true">{ (*shown).clone() }</pre>
            <textarea ref={props.textarea.clone()} class={EDITOR_CLASS}
                data-testid={format!("editor-{}", props.number)}
                aria-label={props.label.clone()}
                aria-describedby={props.described_by.clone()}
                spellcheck="false" autocapitalize="off" autocomplete="off" autocorrect="off"
                wrap="soft" rows="1"
                value={props.source.clone()} {oninput} {onkeydown} {onblur} />
        </div>
    }
}
