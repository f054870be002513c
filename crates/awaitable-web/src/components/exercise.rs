//! Under the learner's cell: the button that checks their answer, the list
//! of checks (each passed, to fix, or not yet, with what to do), and the
//! Show/Hide solution toggle.

use awaitable_notebook::course::Lang;
use awaitable_notebook::exercise::{Check, Verdict};
use awaitable_notebook::markdown::parse_inlines;
use yew::prelude::*;

use crate::components::prose::inlines;
use crate::i18n::ui;
use crate::state::ExerciseStatus;

/// The panel's properties.
#[derive(Properties, PartialEq)]
pub struct ExercisePanelProps {
    /// The page's language.
    pub lang: Lang,
    /// The checks, once asked for.
    pub status: ExerciseStatus,
    /// Whether the solution is shown.
    pub show_solution: bool,
    /// Check the answer.
    pub on_validate: Callback<()>,
    /// Show or hide the solution.
    pub on_toggle_solution: Callback<()>,
}

/// A check's name in test ids: `uses-coroutines`, `fetches-all-pages`, `faster`.
pub fn check_key(check: Check) -> &'static str {
    match check {
        Check::UsesCoroutines => "uses-coroutines",
        Check::FetchesAllPages => "fetches-all-pages",
        Check::Faster => "faster",
    }
}

fn check_item(lang: Lang, check: Check, verdict: &Verdict) -> Html {
    let text = ui(lang);
    let (kind, icon, label, message) = match verdict {
        Verdict::Pass => ("pass", "✓", text.verdict_pass, None),
        Verdict::Fail(message) => ("fail", "✗", text.verdict_fail, Some(message)),
        Verdict::NotYet(message) => ("not-yet", "…", text.verdict_not_yet, Some(message)),
    };
    html! {
        <li class={classes!("check", format!("check-{kind}"))}
            data-testid={format!("check-{}", check_key(check))} data-verdict={kind}>
            <span class="check-icon" aria-hidden="true">{ icon }</span>
            <span class="check-text">
                <strong>{ check.title().get(lang).to_owned() }</strong>
                { " — " }
                <span class="check-verdict">{ label }</span>
                if let Some(message) = message {
                    { ". " }
                    <span class="check-message">{ inlines(&parse_inlines(message.get(lang))) }</span>
                }
            </span>
        </li>
    }
}

/// The exercise's panel.
#[function_component(ExercisePanel)]
pub fn exercise_panel(props: &ExercisePanelProps) -> Html {
    let text = ui(props.lang);
    let validate = props.on_validate.reform(|_: MouseEvent| ());
    let toggle = props.on_toggle_solution.reform(|_: MouseEvent| ());
    html! {
        <section class="exercise-panel" aria-labelledby="checks-title">
            <div class="exercise-actions">
                <button type="button" class="primary" data-testid="validate" onclick={validate}>
                    { text.validate }
                </button>
                <button type="button" data-testid="solution-toggle"
                    aria-expanded={props.show_solution.to_string()} onclick={toggle}>
                    { if props.show_solution { text.hide_solution } else { text.show_solution } }
                </button>
            </div>
            <p class="checks-title" id="checks-title">{ text.checks_title }</p>
            <div class="checks" data-testid="checks" aria-live="polite">
                { match &props.status {
                    ExerciseStatus::Unchecked => html! { <p class="checks-hint">{ text.checks_hint }</p> },
                    ExerciseStatus::Checked(checks) => html! {
                        <ul class="check-list">
                            { for checks.iter().map(|(check, verdict)| check_item(props.lang, *check, verdict)) }
                        </ul>
                    },
                } }
            </div>
        </section>
    }
}
