//! The notebook's toolbar: Run all, Stop, Restart, the clock and language
//! toggles, Export, Import, Reset notebook, and the kernel's status.

use awaitable_notebook::course::Lang;
use awaitable_notebook::params::ClockChoice;
use yew::prelude::*;

use crate::components::heartbeat::HeartbeatView;
use crate::components::import::ImportButton;
use crate::components::reset::ResetNotebook;
use crate::host::KernelStatus;
use crate::i18n::{ui, Ui};
use crate::state::KernelState;

/// What the toolbar asks the app to do.
#[derive(Debug)]
pub enum Command {
    /// Run every shown cell in order.
    RunAll,
    /// Interrupt the running cell and drop the queue.
    Stop,
    /// Replace the kernel with a fresh one.
    Restart,
    /// Switch between real time and fast-forward.
    ToggleClock,
    /// Switch the page's language.
    ToggleLang,
    /// Download the notebook with the learner's edits.
    Export,
    /// Open this `.ipynb` in place of the notebook.
    Import(web_sys::File),
    /// Reset notebook was pressed (asks for confirmation).
    AskReset,
    /// The reset was confirmed.
    ConfirmReset,
    /// The reset was cancelled.
    CancelReset,
    /// Leave an imported notebook for the course.
    BackToCourse,
}

/// The toolbar's properties.
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The page's language.
    pub lang: Lang,
    /// The kernel, for its status.
    pub kernel: KernelState,
    /// Whether a cell is queued or running.
    pub busy: bool,
    /// Real time or fast-forward.
    pub clock: ClockChoice,
    /// Whether an imported notebook is shown (the course can come back).
    pub imported: bool,
    /// Whether Reset notebook waits for confirmation.
    pub confirm_reset: bool,
    /// A single embedded cell's toolbar: Stop, Restart, the clock and the
    /// language, without the commands that concern the whole notebook.
    #[prop_or_default]
    pub compact: bool,
    /// Where the commands go.
    pub on_command: Callback<Command>,
}

/// The status line's text for a kernel, and its name for tests and styles.
pub fn status_text(kernel: &KernelState, busy: bool, text: &Ui) -> (String, &'static str) {
    match kernel {
        KernelState::Starting => (text.status_starting.to_owned(), "starting"),
        KernelState::Failed(message) => (format!("{}: {message}", text.status_failed), "failed"),
        KernelState::Ready { status, .. } => match status {
            KernelStatus::Blocked => (text.status_blocked.to_owned(), "blocked"),
            KernelStatus::Busy => (text.status_running.to_owned(), "busy"),
            KernelStatus::Idle if busy => (text.status_running.to_owned(), "busy"),
            KernelStatus::Idle => (text.status_idle.to_owned(), "idle"),
        },
    }
}

/// The toolbar.
#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let text = ui(props.lang);
    let ready = matches!(props.kernel, KernelState::Ready { .. });
    let send = |make: fn() -> Command| props.on_command.reform(move |_: MouseEvent| make());
    let (status, status_name) = status_text(&props.kernel, props.busy, text);
    let fast = props.clock == ClockChoice::Fast;
    html! {
        <section class="toolbar" aria-label={text.toolbar}>
            <div class="toolbar-group">
                if !props.compact {
                    <button type="button" data-testid="run-all" disabled={!ready}
                        onclick={send(|| Command::RunAll)}>{ text.run_all }</button>
                }
                <button type="button" data-testid="stop" disabled={!ready}
                    aria-label={text.stop_label} onclick={send(|| Command::Stop)}>{ text.stop }</button>
                <button type="button" data-testid="restart" aria-label={text.restart_label}
                    onclick={send(|| Command::Restart)}>{ text.restart }</button>
            </div>
            <div class="toolbar-group">
                <button type="button" class="toggle" data-testid="clock-toggle"
                    aria-pressed={fast.to_string()} title={text.fast_forward_help}
                    onclick={send(|| Command::ToggleClock)}>{ text.fast_forward }</button>
                <button type="button" data-testid="lang-toggle" lang={text.other_language_code}
                    onclick={send(|| Command::ToggleLang)}>{ text.other_language }</button>
            </div>
            if !props.compact {
                <div class="toolbar-group">
                    <button type="button" data-testid="export" aria-label={text.export_label}
                        title={text.export_label} onclick={send(|| Command::Export)}>{ text.export }</button>
                    <ImportButton lang={props.lang}
                        on_file={props.on_command.reform(Command::Import)} />
                    if props.imported {
                        <button type="button" data-testid="back-to-course"
                            onclick={send(|| Command::BackToCourse)}>{ text.back_to_course }</button>
                    }
                    <ResetNotebook lang={props.lang} confirming={props.confirm_reset}
                        on_command={props.on_command.clone()} />
                </div>
            }
            <HeartbeatView kernel={props.kernel.clone()} />
            <span class={classes!("kernel-status", (status_name == "busy").then_some("busy"))}
                data-testid="kernel-status" data-status={status_name} role="status">
                { status }
            </span>
        </section>
    }
}
