//! Synchronous against asynchronous: two bars for the durations a cell (or
//! the exercise against cell (f)) printed, the speed-up, what the model
//! predicts from the asynchronous run's timeline, and the sentence that
//! explains it ([`Comparison::explanation`]).
//!
//! Every figure is printed as text beside its bar, so the bars themselves are
//! decoration (hidden from screen readers), and the text is the alternative.

use std::rc::Rc;

use awaitable_notebook::comparison::Comparison;
use awaitable_notebook::course::Lang;
use awaitable_notebook::timeline::format_number;
use yew::prelude::*;

/// The comparison's properties.
#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    /// The cell's code-cell number, from 1 (for test ids).
    pub number: usize,
    /// The comparison.
    pub comparison: Rc<Comparison>,
    /// The language of the texts.
    #[prop_or_default]
    pub lang: Lang,
}

/// `30,00 s` / `30.00 s`.
pub fn seconds(x: f64, lang: Lang) -> String {
    format!("{} s", format_number(x, 2, lang))
}

/// The speed-up as shown: `×3,0`, `×1,06`, `×0,50`.
pub fn speedup(x: f64, lang: Lang) -> String {
    format!("×{}", format_number(x, if x < 1.1 { 2 } else { 1 }, lang))
}

/// The model's prediction in words.
pub fn prediction(comparison: &Comparison, lang: Lang) -> String {
    let m = &comparison.model;
    let s = |x: f64| seconds(x, lang);
    let waits: f64 = m.waits.iter().sum();
    let longest = m.waits.iter().copied().fold(0.0, f64::max);
    match lang {
        Lang::Fr => format!(
            "Prédiction du modèle : en synchrone, la somme des attentes ({}) plus le calcul ({}) \
             = {} ; en asynchrone, la plus longue attente ({}) plus le calcul qu'aucune attente ne \
             recouvre ({}) = {}.",
            s(waits),
            s(m.busy),
            s(m.predicted_sync),
            s(longest),
            s(m.exposed),
            s(m.predicted_async),
        ),
        Lang::En => format!(
            "The model predicts: synchronously, the sum of the waits ({}) plus the computation \
             ({}) = {}; asynchronously, the longest wait ({}) plus the computation that no wait \
             covers ({}) = {}.",
            s(waits),
            s(m.busy),
            s(m.predicted_sync),
            s(longest),
            s(m.exposed),
            s(m.predicted_async),
        ),
    }
}

/// A bar's width in percent of the longer one (at least a sliver, so a zero
/// still shows where the bar would be).
fn percent(x: f64, max: f64) -> f64 {
    if max > 0.0 && x.is_finite() {
        (x / max * 100.0).clamp(0.5, 100.0)
    } else {
        0.5
    }
}

/// The comparison of a run.
#[function_component(ComparisonView)]
pub fn comparison_view(props: &ComparisonProps) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let n = props.number;
    let max = c.sync_seconds.max(c.async_seconds);
    let (sync_name, async_name) = match lang {
        Lang::Fr => ("Synchrone", "Asynchrone"),
        Lang::En => ("Synchronous", "Asynchronous"),
    };
    let bar = |class: &'static str, name: &'static str, value: f64, testid: String| {
        html! {
            <div class="comparison-row">
                <span class="comparison-name">{ name }</span>
                <span class="comparison-track" aria-hidden="true">
                    <span class={classes!("comparison-bar", class)}
                        style={format!("width: {:.1}%", percent(value, max))}></span>
                </span>
                <span class="comparison-value" data-testid={testid}>{ seconds(value, lang) }</span>
            </div>
        }
    };
    let title_id = format!("cmp{n}-title");
    html! {
        <section class="comparison" data-testid={format!("comparison-{n}")}
            aria-labelledby={title_id.clone()}>
            <p class="comparison-title" id={title_id}>
                { match lang { Lang::Fr => "Synchrone ou asynchrone ?", Lang::En => "Synchronous or asynchronous?" } }
            </p>
            { bar("sync", sync_name, c.sync_seconds, format!("comparison-{n}-sync")) }
            { bar("async", async_name, c.async_seconds, format!("comparison-{n}-async")) }
            <p class="comparison-speedup">
                { match lang { Lang::Fr => "Accélération : ", Lang::En => "Speed-up: " } }
                <strong data-testid={format!("comparison-{n}-speedup")}>{ speedup(c.speedup, lang) }</strong>
            </p>
            <p class="comparison-explanation" data-testid={format!("comparison-{n}-explanation")}>
                { c.explanation(lang) }
            </p>
            <p class="comparison-model">{ prediction(c, lang) }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use awaitable_notebook::comparison::{Comparison, Model};
    use awaitable_notebook::course::Lang;

    use crate::components::comparison::{percent, prediction, seconds, speedup};

    fn model() -> Model {
        Model {
            waits: vec![10.0, 10.0, 10.0],
            wait_count: 3,
            waits_span: 10.0,
            busy: 0.0,
            blocked: 0.0,
            exposed: 0.0,
            predicted_sync: 30.0,
            predicted_async: 10.0,
        }
    }

    #[test]
    fn figures_read_in_each_language() {
        let c = Comparison::new(30.004, 10.001, model());
        assert_eq!(seconds(c.sync_seconds, Lang::En), "30.00 s");
        assert_eq!(seconds(c.async_seconds, Lang::Fr), "10,00 s");
        assert_eq!(speedup(c.speedup, Lang::En), "×3.0");
        assert_eq!(speedup(1.06, Lang::Fr), "×1,06");
        assert_eq!(
            prediction(&c, Lang::En),
            "The model predicts: synchronously, the sum of the waits (30.00 s) plus the \
             computation (0.00 s) = 30.00 s; asynchronously, the longest wait (10.00 s) plus the \
             computation that no wait covers (0.00 s) = 10.00 s."
        );
    }

    #[test]
    fn bars_are_relative_to_the_longer_and_never_vanish() {
        assert_eq!(percent(30.0, 30.0), 100.0);
        assert!((percent(10.0, 30.0) - 33.333).abs() < 0.01);
        assert_eq!(percent(0.0, 30.0), 0.5);
        assert_eq!(percent(0.0, 0.0), 0.5);
        assert_eq!(percent(f64::NAN, 1.0), 0.5);
    }
}
