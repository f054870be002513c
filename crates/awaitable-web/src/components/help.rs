//! The keyboard help, folded under a summary, and the short description every
//! editor points at with `aria-describedby`.

use awaitable_notebook::course::Lang;
use yew::prelude::*;

use crate::components::cell::EDITOR_HELP_ID;
use crate::i18n::ui;

/// The help's properties.
#[derive(Properties, PartialEq)]
pub struct HelpProps {
    /// The page's language.
    pub lang: Lang,
}

/// The keyboard help.
#[function_component(Help)]
pub fn help(props: &HelpProps) -> Html {
    let text = ui(props.lang);
    html! {
        <>
            <details class="help" data-testid="help">
                <summary>{ text.help_title }</summary>
                <ul>
                    { for text.help_items.iter().map(|item| html! { <li>{ *item }</li> }) }
                </ul>
            </details>
            <p id={EDITOR_HELP_ID} hidden=true>{ text.editor_help }</p>
        </>
    }
}
