//! Reset notebook, with a confirmation step: the first press asks, and only
//! "Yes, reset everything" erases the learner's work. Focus goes to the
//! question's buttons and comes back to Reset notebook afterwards.

use awaitable_notebook::course::Lang;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::toolbar::Command;
use crate::i18n::ui;

/// The control's properties.
#[derive(Properties, PartialEq)]
pub struct ResetNotebookProps {
    /// The page's language.
    pub lang: Lang,
    /// Whether the confirmation is asked.
    pub confirming: bool,
    /// Where the commands go.
    pub on_command: Callback<Command>,
}

/// Reset notebook and its confirmation.
#[function_component(ResetNotebook)]
pub fn reset_notebook(props: &ResetNotebookProps) -> Html {
    let text = ui(props.lang);
    let confirm_ref = use_node_ref();
    let reset_ref = use_node_ref();
    // Focus follows the control: onto the confirmation when it appears, back
    // to Reset notebook when it goes (not on the first render).
    let first = use_mut_ref(|| true);
    {
        let confirm_ref = confirm_ref.clone();
        let reset_ref = reset_ref.clone();
        use_effect_with(props.confirming, move |confirming| {
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            let target = if *confirming {
                &confirm_ref
            } else {
                &reset_ref
            };
            if !first {
                if let Some(element) = target.cast::<HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
    }
    let send = |make: fn() -> Command| props.on_command.reform(move |_: MouseEvent| make());
    let onkeydown = {
        let on_command = props.on_command.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                on_command.emit(Command::CancelReset);
            }
        })
    };
    if props.confirming {
        html! {
            <span class="confirm" role="group" aria-labelledby="reset-question" {onkeydown}>
                <span id="reset-question" class="confirm-question">{ text.reset_notebook_question }</span>
                <button type="button" ref={confirm_ref} class="danger"
                    data-testid="reset-notebook-confirm"
                    onclick={send(|| Command::ConfirmReset)}>{ text.reset_notebook_confirm }</button>
                <button type="button" data-testid="reset-notebook-cancel"
                    onclick={send(|| Command::CancelReset)}>{ text.cancel }</button>
            </span>
        }
    } else {
        html! {
            <button type="button" ref={reset_ref} data-testid="reset-notebook"
                onclick={send(|| Command::AskReset)}>{ text.reset_notebook }</button>
        }
    }
}
