//! The whole page: the toolbar and the notebook's cells, over one kernel.

use yew::prelude::*;

use std::rc::Rc;

use crate::components::cell::CodeCell;
use crate::components::run_views::Views;
use crate::components::toolbar::Toolbar;
use crate::demo::demo_cells;
use crate::host::{CellIndex, Host, HostConfig};
use crate::records::RunRecords;
use crate::state::{Action, Notebook};

/// The app: owns the notebook state, and with it the kernel's host.
#[function_component(App)]
pub fn app() -> Html {
    let notebook = use_reducer(|| Notebook::new(demo_cells()));
    // The views (timelines, comparisons, heartbeat): each cell's last run,
    // fed by the host, and the page's options.
    let records = use_reducer(RunRecords::default);
    let options = use_memo((), |_| crate::page::options());
    let config = {
        let records = records.dispatcher();
        let mut config = HostConfig::from_options(&options);
        config.timeline = Some(Callback::from(move |batches| records.dispatch(batches)));
        config
    };
    let views = Views {
        lang: options.lang,
        records: Rc::new((*records).clone()),
        references: Rc::new([]),
    };

    // The kernel starts with the app and goes with it. The host's report
    // callback holds the reducer, which holds the host: detaching breaks that
    // cycle, so that an unmounted app leaves no timer behind.
    {
        let dispatcher = notebook.dispatcher();
        let config = config.clone();
        use_effect_with((), move |_| {
            attach_new_host(&dispatcher, config);
            move || dispatcher.dispatch(Action::Detach)
        });
    }

    let on_run = {
        let notebook = notebook.clone();
        Callback::from(move |(cell, source): (CellIndex, String)| {
            if let Some(host) = notebook.host() {
                host.run(cell, source);
            }
        })
    };
    let on_edit = {
        let dispatcher = notebook.dispatcher();
        Callback::from(move |(cell, source): (CellIndex, String)| {
            dispatcher.dispatch(Action::Edit { cell, source });
        })
    };
    let on_run_all = {
        let notebook = notebook.clone();
        Callback::from(move |_: ()| {
            if let Some(host) = notebook.host() {
                for (index, cell) in notebook.cells.iter().enumerate() {
                    host.run(index, cell.source.clone());
                }
            }
        })
    };
    let on_stop = {
        let notebook = notebook.clone();
        Callback::from(move |_: ()| {
            if let Some(host) = notebook.host() {
                host.stop();
            }
        })
    };
    let on_restart = {
        let dispatcher = notebook.dispatcher();
        Callback::from(move |_: ()| attach_new_host(&dispatcher, config.clone()))
    };

    html! {
        <ContextProvider<Views> context={views}>
            <header class="app-header">
                <h1>{ "Awaitable" }</h1>
                <p class="tagline">{ "asyncio, running in your browser" }</p>
            </header>
            <Toolbar
                kernel={notebook.kernel.clone()}
                busy={notebook.is_busy()}
                {on_run_all}
                {on_stop}
                {on_restart}
            />
            <main class="notebook">
                { for notebook.cells.iter().enumerate().map(|(index, cell)| html! {
                    <CodeCell
                        key={index}
                        {index}
                        cell={cell.clone()}
                        on_run={on_run.clone()}
                        on_edit={on_edit.clone()}
                    />
                }) }
            </main>
        </ContextProvider<Views>>
    }
}

/// Creates a host whose reports go to the notebook, and attaches it (which
/// shuts the previous one down).
fn attach_new_host(dispatcher: &UseReducerDispatcher<Notebook>, config: HostConfig) {
    let report = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |events| dispatcher.dispatch(Action::Host(events)))
    };
    match Host::with_config(report, config) {
        Ok(host) => dispatcher.dispatch(Action::Attach(host)),
        Err(error) => dispatcher.dispatch(Action::AttachFailed(error.message)),
    }
}
