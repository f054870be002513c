//! A cell's output area. Everything is text: tracebacks and printed strings
//! are never parsed as HTML.

use std::rc::Rc;

use yew::prelude::*;

use crate::outputs::OutputView;
use crate::state::CellState;

/// The output area's properties.
#[derive(Properties, PartialEq)]
pub struct OutputAreaProps {
    /// The cell's position, from 0.
    pub index: usize,
    /// The cell whose outputs are shown (compared by pointer first, so an
    /// unchanged cell costs nothing to re-render).
    pub cell: Rc<CellState>,
    /// The accessible name ("Sortie de la cellule 3").
    pub label: AttrValue,
}

/// The outputs of one cell, announced politely to screen readers as they
/// arrive.
#[function_component(OutputArea)]
pub fn output_area(props: &OutputAreaProps) -> Html {
    let number = props.index + 1;
    html! {
        <div class="output" data-testid={format!("output-{number}")}
            role="log" aria-live="polite" aria-label={props.label.clone()}>
            { for props.cell.outputs.iter().map(|output| {
                let class = match output {
                    OutputView::Stdout(_) => "stdout",
                    OutputView::Stderr(_) => "stderr",
                    OutputView::Result(_) => "result",
                    OutputView::Error(_) => "error",
                };
                html! { <pre class={class}>{ output.text() }</pre> }
            }) }
        </div>
    }
}
