//! One code cell: its editor, Run button, `[n]` prompt, running indicator
//! and output.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::output::OutputArea;
use crate::components::run_views::RunViews;
use crate::host::CellIndex;
use crate::state::{CellState, RunState};

/// The cell's properties.
#[derive(Properties, PartialEq)]
pub struct CodeCellProps {
    /// The cell's position, from 0. Test ids and labels count from 1.
    pub index: CellIndex,
    /// The cell.
    pub cell: Rc<CellState>,
    /// Runs the cell: its index and the source in the editor.
    pub on_run: Callback<(CellIndex, String)>,
    /// The editor's text changed.
    pub on_edit: Callback<(CellIndex, String)>,
}

/// How a finished run's duration reads.
pub fn duration_text(millis: u64) -> String {
    if millis < 1000 {
        format!("{millis} ms")
    } else {
        format!("{:.2} s", millis as f64 / 1000.0)
    }
}

/// One code cell.
#[function_component(CodeCell)]
pub fn code_cell(props: &CodeCellProps) -> Html {
    let editor = use_node_ref();
    let index = props.index;
    let number = index + 1;

    // Run with what the editor holds right now, not what the last render saw.
    let run = {
        let editor = editor.clone();
        let on_run = props.on_run.clone();
        let fallback = props.cell.source.clone();
        Callback::from(move |_: ()| {
            let source = editor
                .cast::<HtmlTextAreaElement>()
                .map_or_else(|| fallback.clone(), |textarea| textarea.value());
            on_run.emit((index, source));
        })
    };
    let onclick = run.reform(|_: MouseEvent| ());
    let onkeydown = {
        let run = run.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && event.shift_key() {
                event.prevent_default();
                run.emit(());
            }
        })
    };
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(textarea) = event.target_dyn_into::<HtmlTextAreaElement>() {
                on_edit.emit((index, textarea.value()));
            }
        })
    };

    let cell = &props.cell;
    let rows = (cell.source.lines().count() + 1).clamp(2, 30).to_string();
    let pending = cell.run.is_pending();
    let (status, duration) = match cell.run {
        RunState::Queued => ("queued", None),
        RunState::Running { .. } => ("running", None),
        RunState::Done { millis, .. } => ("done", Some(millis)),
        RunState::Failed { millis, .. } => ("failed", Some(millis)),
        RunState::Idle => ("idle", None),
    };
    html! {
        <section class={classes!("cell", format!("state-{status}"))} data-testid={format!("cell-{number}")}
            aria-label={format!("Code cell {number}")}>
            <div class="cell-side">
                <span class="prompt" data-testid={format!("count-{number}")}>
                    { cell.run.prompt() }
                </span>
                <button type="button" class="run" data-testid={format!("run-{number}")}
                    aria-label={format!("Run cell {number}")} title="Run (Shift+Enter)"
                    {onclick}>{ "▶" }</button>
            </div>
            <div class="cell-main">
                <textarea ref={editor} class="editor" data-testid={format!("editor-{number}")}
                    aria-label={format!("Code of cell {number}")}
                    spellcheck="false" autocapitalize="off" autocomplete="off"
                    rows={rows} value={cell.source.clone()} {oninput} {onkeydown} />
                <div class="cell-status">
                    if pending {
                        <span class="running-indicator" data-testid={format!("running-{number}")}
                            role="status">
                            { if status == "queued" { "waiting…" } else { "running…" } }
                        </span>
                    }
                    if let Some(millis) = duration {
                        <span class="duration" data-testid={format!("duration-{number}")}>
                            { duration_text(millis) }
                        </span>
                    }
                </div>
                <OutputArea {index} cell={cell.clone()} />
                <RunViews {index} />
            </div>
        </section>
    }
}
