//! One code cell: its `[n]` prompt, Run and Reset buttons, editor, running
//! indicator, duration and output.

use std::cell::RefCell;
use std::rc::Rc;

use awaitable_notebook::course::{CodeRole, Lang};
use awaitable_notebook::timeline::format_number;
use gloo_timers::callback::{Interval, Timeout};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::editor::Editor;
use crate::components::output::OutputArea;
use crate::components::run_views::RunViews;
use crate::components::share::ShareTools;
use crate::host::CellIndex;
use crate::i18n::ui;
use crate::state::{CellState, RunState};

/// The id of the element describing the editors' keys (in the help).
pub const EDITOR_HELP_ID: &str = "editor-help";

/// The cell's properties.
#[derive(Properties, PartialEq)]
pub struct CodeCellProps {
    /// The cell's position, from 0. Test ids and labels count from 1.
    pub index: CellIndex,
    /// The cell.
    pub cell: Rc<CellState>,
    /// The page's language.
    pub lang: Lang,
    /// Runs the cell: its index and the source in the editor.
    pub on_run: Callback<(CellIndex, String)>,
    /// The editor's text changed.
    pub on_edit: Callback<(CellIndex, String)>,
    /// Puts the notebook's code back.
    pub on_reset: Callback<CellIndex>,
    /// Whether the cell offers Share (and Embed, when `embeddable`).
    #[prop_or_default]
    pub share: bool,
    /// Whether the cell offers Embed: a course cell on the whole page.
    #[prop_or_default]
    pub embeddable: bool,
}

/// How a finished run's duration reads: `850 ms`, `1.25 s` (`1,25 s` in
/// French).
pub fn duration_text(millis: u64, lang: Lang) -> String {
    if millis < 1000 {
        format!("{millis} ms")
    } else {
        format!("{} s", format_number(millis as f64 / 1000.0, 2, lang))
    }
}

/// Milliseconds on the page's monotonic clock.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Whole seconds since `running` became true, ticking once a second while it
/// stays true. The ticks belong to the effect, so they stop with the run (or
/// when the cell goes away).
#[hook]
fn use_elapsed_seconds(running: bool) -> Option<u64> {
    let seconds = use_state(|| 0u64);
    {
        let seconds = seconds.clone();
        use_effect_with(running, move |running| {
            let ticker = running.then(|| {
                let started = now_ms();
                seconds.set(0);
                SecondTicker::start(move || {
                    seconds.set(((now_ms() - started) / 1000.0).max(0.0) as u64);
                })
            });
            move || drop(ticker)
        });
    }
    running.then_some(*seconds)
}

/// Calls `tick` every second, half a second out of phase with its start: the
/// course's sleeps last whole seconds, and a render at the very moment one
/// ends would wake Python late. Dropping it stops the ticks.
struct SecondTicker {
    _first: Timeout,
    _then: Rc<RefCell<Option<Interval>>>,
}

impl SecondTicker {
    fn start(tick: impl Fn() + Clone + 'static) -> SecondTicker {
        let then = Rc::new(RefCell::new(None));
        let slot = then.clone();
        let first = Timeout::new(500, move || {
            tick();
            *slot.borrow_mut() = Some(Interval::new(1000, tick));
        });
        SecondTicker {
            _first: first,
            _then: then,
        }
    }
}

/// One code cell.
#[function_component(CodeCell)]
pub fn code_cell(props: &CodeCellProps) -> Html {
    let textarea = use_node_ref();
    let index = props.index;
    let number = index + 1;
    let text = ui(props.lang);

    // Run with what the editor holds right now, not what the last render saw.
    let run = {
        let textarea = textarea.clone();
        let on_run = props.on_run.clone();
        let fallback = props.cell.source.clone();
        Callback::from(move |_: MouseEvent| {
            let source = textarea
                .cast::<HtmlTextAreaElement>()
                .map_or_else(|| fallback.clone(), |textarea| textarea.value());
            on_run.emit((index, source));
        })
    };
    let on_editor_run = props
        .on_run
        .reform(move |(source, _advance): (String, bool)| (index, source));
    let on_edit = props.on_edit.reform(move |source| (index, source));
    let reset = {
        let on_reset = props.on_reset.clone();
        Callback::from(move |_: MouseEvent| on_reset.emit(index))
    };

    let cell = &props.cell;
    let pending = cell.run.is_pending();
    let (status, duration) = match cell.run {
        RunState::Queued => ("queued", None),
        RunState::Running { .. } => ("running", None),
        RunState::Done { millis, .. } => ("done", Some(millis)),
        RunState::Failed { millis, .. } => ("failed", Some(millis)),
        RunState::Idle => ("idle", None),
    };
    let elapsed = use_elapsed_seconds(status == "running");
    let badge = match cell.role {
        CodeRole::Exercise => Some(text.your_answer),
        CodeRole::Solution => Some(text.solution),
        CodeRole::Demo | CodeRole::Comparison => None,
    };
    let role_class = match cell.role {
        CodeRole::Exercise => Some("role-exercise"),
        CodeRole::Solution => Some("role-solution"),
        CodeRole::Demo | CodeRole::Comparison => None,
    };
    html! {
        <section class={classes!("cell", "code-cell", format!("state-{status}"), role_class)}
            data-testid={format!("cell-{number}")} data-cell-id={cell.id.to_string()}
            aria-label={text.code_cell(number)}>
            <div class="cell-side">
                <span class="prompt" data-testid={format!("count-{number}")}>
                    { cell.run.prompt() }
                </span>
                <button type="button" class="run" data-testid={format!("run-{number}")}
                    aria-label={text.run_cell(number)} title={text.run_title}
                    onclick={run}>{ "▶" }</button>
                <button type="button" class="reset" data-testid={format!("reset-{number}")}
                    aria-label={text.reset_cell(number)} title={text.reset_cell(number)}
                    disabled={!cell.is_edited()} onclick={reset}>{ "↺" }</button>
            </div>
            <div class="cell-main">
                if let Some(badge) = badge {
                    <p class="badge">{ badge }</p>
                }
                <Editor {number} source={AttrValue::from(cell.source.clone())}
                    label={text.cell_code(number)} described_by={EDITOR_HELP_ID}
                    textarea={textarea} on_edit={on_edit} on_run={on_editor_run} />
                <div class="cell-status">
                    if pending {
                        <span class="running-indicator" data-testid={format!("running-{number}")}>
                            { if status == "queued" { text.waiting } else { text.running } }
                            if let Some(seconds) = elapsed {
                                <span class="elapsed" data-testid={format!("elapsed-{number}")}>
                                    { format!(" {seconds} s") }
                                </span>
                            }
                        </span>
                    }
                    if let Some(millis) = duration {
                        <span class="duration" data-testid={format!("duration-{number}")}>
                            { duration_text(millis, props.lang) }
                        </span>
                    }
                </div>
                if props.share {
                    <ShareTools {number} source={AttrValue::from(cell.source.clone())}
                        lang={props.lang} embeddable={props.embeddable} />
                }
                <OutputArea {index} cell={cell.clone()} label={text.cell_output(number)} />
                <RunViews {index} compare={cell.role == CodeRole::Comparison} />
            </div>
        </section>
    }
}
