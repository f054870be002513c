//! A prose cell: its Markdown read into a tree (`awaitable_notebook::markdown`)
//! and built into Yew nodes. Never `innerHTML`: raw HTML in the Markdown
//! stays text, and only safe link targets become links.

use std::rc::Rc;

use awaitable_notebook::course::Lang;
use awaitable_notebook::markdown::{is_safe_href, parse, Block, Inline};
use yew::prelude::*;

use crate::document::Prose;

/// The prose cell's properties.
#[derive(Properties, PartialEq)]
pub struct ProseCellProps {
    /// The cell.
    pub prose: Rc<Prose>,
    /// The language to show it in.
    pub lang: Lang,
}

/// Builds a block and what it holds.
pub fn block(node: &Block) -> Html {
    match node {
        Block::Heading(level, content) => {
            let tag = match level {
                1 => "h1",
                2 => "h2",
                3 => "h3",
                _ => "h4",
            };
            html! { <@{tag}>{ inlines(content) }</@> }
        }
        Block::Paragraph(content) => html! { <p>{ inlines(content) }</p> },
        Block::List { ordered, items } => {
            let items = items
                .iter()
                .map(|item| html! { <li>{ inlines(item) }</li> });
            if *ordered {
                html! { <ol>{ for items }</ol> }
            } else {
                html! { <ul>{ for items }</ul> }
            }
        }
        // Wide diagrams scroll sideways; the block is focusable so that
        // keyboard users can scroll it too.
        Block::Code { lang, text } => html! {
            <pre class="prose-code" tabindex="0" data-lang={lang.clone()}>
                <code>{ text.clone() }</code>
            </pre>
        },
        Block::Quote(blocks) => html! { <blockquote>{ for blocks.iter().map(block) }</blockquote> },
    }
}

/// Builds inline content.
pub fn inlines(content: &[Inline]) -> Html {
    html! { for content.iter().map(inline) }
}

fn inline(content: &Inline) -> Html {
    match content {
        Inline::Text(text) => html! { { text.clone() } },
        Inline::Strong(children) => html! { <strong>{ inlines(children) }</strong> },
        Inline::Emphasis(children) => html! { <em>{ inlines(children) }</em> },
        Inline::Code(code) => html! { <code>{ code.clone() }</code> },
        Inline::Link { href, children } if is_safe_href(href) => {
            html! { <a href={href.clone()}>{ inlines(children) }</a> }
        }
        Inline::Link { children, .. } => inlines(children),
    }
}

/// A prose cell.
#[function_component(ProseCell)]
pub fn prose_cell(props: &ProseCellProps) -> Html {
    let blocks = use_memo((props.prose.clone(), props.lang), |(prose, lang)| {
        parse(prose.text.get(*lang))
    });
    html! {
        <div class="cell prose-cell" data-cell-id={props.prose.id.clone()} tabindex="-1">
            { for blocks.iter().map(block) }
        </div>
    }
}
