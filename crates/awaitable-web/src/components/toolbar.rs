//! The notebook's toolbar: Run all, Stop, Restart, and the kernel's status.

use yew::prelude::*;

use crate::components::heartbeat::HeartbeatView;
use crate::host::KernelStatus;
use crate::state::KernelState;

/// The toolbar's properties.
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The kernel, for its status.
    pub kernel: KernelState,
    /// Whether a cell is queued or running.
    pub busy: bool,
    /// Runs every cell in order.
    pub on_run_all: Callback<()>,
    /// Interrupts the running cell.
    pub on_stop: Callback<()>,
    /// Replaces the kernel with a fresh one.
    pub on_restart: Callback<()>,
}

/// The status line's text for a kernel.
pub fn status_text(kernel: &KernelState, busy: bool) -> String {
    match kernel {
        KernelState::Starting => "Starting…".to_owned(),
        KernelState::Failed(message) => format!("Python cannot run here: {message}"),
        KernelState::Ready { status, .. } => match status {
            KernelStatus::Blocked => "Blocked: time.sleep holds the event loop".to_owned(),
            KernelStatus::Busy => "Running".to_owned(),
            KernelStatus::Idle if busy => "Running".to_owned(),
            KernelStatus::Idle => "Idle".to_owned(),
        },
    }
}

/// The toolbar.
#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let ready = matches!(props.kernel, KernelState::Ready { .. });
    let button = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    html! {
        <nav class="toolbar" aria-label="Notebook">
            <button type="button" data-testid="run-all" disabled={!ready}
                onclick={button(&props.on_run_all)}>{ "▶▶ Run all" }</button>
            <button type="button" data-testid="stop" disabled={!ready}
                aria-label="Stop the running cell"
                onclick={button(&props.on_stop)}>{ "■ Stop" }</button>
            <button type="button" data-testid="restart"
                aria-label="Restart Python (forgets all variables)"
                onclick={button(&props.on_restart)}>{ "↻ Restart" }</button>
            <HeartbeatView kernel={props.kernel.clone()} />
            <span class={classes!("kernel-status", props.busy.then_some("busy"))}
                data-testid="kernel-status" role="status">
                { status_text(&props.kernel, props.busy) }
            </span>
        </nav>
    }
}
