//! The Import button: a file picker for `.ipynb` files, styled as a button.
//! The `<input type="file">` itself takes the focus and the clicks, so it
//! works with the keyboard and with assistive technology as browsers make it.

use awaitable_notebook::course::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::ui;

/// The button's properties.
#[derive(Properties, PartialEq)]
pub struct ImportButtonProps {
    /// The page's language.
    pub lang: Lang,
    /// The file the learner chose.
    pub on_file: Callback<web_sys::File>,
}

/// The Import button.
#[function_component(ImportButton)]
pub fn import_button(props: &ImportButtonProps) -> Html {
    let onchange = {
        let on_file = props.on_file.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                on_file.emit(file);
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        })
    };
    html! {
        <label class="button file-button">
            <input type="file" class="file-input" data-testid="import"
                accept=".ipynb,application/x-ipynb+json,application/json" {onchange} />
            <span>{ ui(props.lang).import }</span>
        </label>
    }
}
