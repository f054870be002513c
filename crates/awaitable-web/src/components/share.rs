//! A cell's Share and Embed buttons, and the panel that shows the link or the
//! HTML, copied to the clipboard when the browser allows it and selected for
//! copying by hand when it does not.

use awaitable_notebook::course::Lang;
use awaitable_notebook::embed::embed_snippet;
use awaitable_notebook::share::encode_share;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::browser::{copy_text, page_address};
use crate::i18n::ui;

/// The share tools' properties.
#[derive(Properties, PartialEq)]
pub struct ShareToolsProps {
    /// The cell's number, from 1.
    pub number: usize,
    /// The code in the cell's editor.
    pub source: AttrValue,
    /// The page's language.
    pub lang: Lang,
    /// Whether the cell can be embedded: a course cell, which the embedded
    /// page shows by its number.
    pub embeddable: bool,
}

/// What the panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Panel {
    Closed,
    /// A share link, or the HTML that embeds the cell.
    Text {
        kind: Kind,
        text: String,
        copy: Copy,
    },
    /// Why there is no link (the code is too long for one).
    Error(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Link,
    Embed,
}

/// Where copying to the clipboard is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copy {
    Trying,
    Copied,
    ByHand,
}

/// The buttons and their panel.
#[function_component(ShareTools)]
pub fn share_tools(props: &ShareToolsProps) -> Html {
    let panel = use_state(|| Panel::Closed);
    let field = use_node_ref();
    let text = ui(props.lang);
    let number = props.number;

    let open = |kind: Kind| {
        let panel = panel.clone();
        let source = props.source.clone();
        let lang = props.lang;
        Callback::from(
            move |_: MouseEvent| match shared_text(kind, &source, number, lang) {
                Ok(text) => {
                    panel.set(Panel::Text {
                        kind,
                        text: text.clone(),
                        copy: Copy::Trying,
                    });
                    let panel = panel.clone();
                    let shown = text.clone();
                    let done = Callback::from(move |copied: bool| {
                        let copy = if copied { Copy::Copied } else { Copy::ByHand };
                        let text = shown.clone();
                        panel.set(Panel::Text { kind, text, copy });
                    });
                    copy_text(&text, done);
                }
                Err(message) => panel.set(Panel::Error(message)),
            },
        )
    };
    let close = {
        let panel = panel.clone();
        Callback::from(move |_: MouseEvent| panel.set(Panel::Closed))
    };
    // Copying by hand starts from a selected text.
    {
        let field = field.clone();
        use_effect_with((*panel).clone(), move |panel| {
            if let Panel::Text {
                copy: Copy::ByHand, ..
            } = panel
            {
                if let Some(field) = field.cast::<HtmlTextAreaElement>() {
                    let _ = field.focus();
                    field.select();
                }
            }
        });
    }

    let body = match &*panel {
        Panel::Closed => html! {},
        Panel::Error(message) => html! {
            <p class="share-status error" data-testid={format!("share-status-{number}")}
                role="alert">{ message.clone() }</p>
        },
        Panel::Text {
            kind,
            text: shared,
            copy,
        } => {
            let label = match kind {
                Kind::Link => text.share_link,
                Kind::Embed => text.embed_code,
            };
            let status = match copy {
                Copy::Trying => "",
                Copy::Copied => text.copied,
                Copy::ByHand => text.copy_by_hand,
            };
            let rows = if *kind == Kind::Embed { "8" } else { "2" };
            html! {
                <>
                    <label class="share-label">
                        { label }
                        <textarea class="share-text" readonly=true rows={rows} ref={field}
                            spellcheck="false" data-testid={format!("share-text-{number}")}
                            value={shared.clone()} />
                    </label>
                    <p class="share-status" data-testid={format!("share-status-{number}")}
                        role="status">{ status }</p>
                </>
            }
        }
    };
    html! {
        <div class="share-tools">
            <div class="share-buttons">
                <button type="button" class="link-button" data-testid={format!("share-{number}")}
                    title={text.share_help} onclick={open(Kind::Link)}>{ text.share }</button>
                if props.embeddable {
                    <button type="button" class="link-button" data-testid={format!("embed-{number}")}
                        title={text.embed_help} onclick={open(Kind::Embed)}>{ text.embed }</button>
                }
                if *panel != Panel::Closed {
                    <button type="button" class="link-button" onclick={close}>{ text.close }</button>
                }
            </div>
            if *panel != Panel::Closed {
                <div class="share-panel">{ body }</div>
            }
        </div>
    }
}

/// The share link of `source`, or the HTML that embeds cell `number`, for
/// this page; or why there is none (code too long for a link).
fn shared_text(kind: Kind, source: &str, number: usize, lang: Lang) -> Result<String, String> {
    let page = page_address().unwrap_or_default();
    match kind {
        Kind::Link => encode_share(source, lang)
            .map(|fragment| format!("{page}{fragment}"))
            .map_err(|error| error.message().get(lang).to_owned()),
        Kind::Embed => Ok(embed_snippet(&page, number, lang)),
    }
}
