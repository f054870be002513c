//! The whole page: the skip link, header, toolbar, notices, keyboard help
//! and the notebook's cells, over one kernel.
//!
//! The app owns the browser side effects: it reads the URL's options and the
//! saved work when it starts, applies the theme and language to `<html>`,
//! keeps the host's clock in step with the state, saves the work a moment
//! after each change, and runs the toolbar's commands. Everything it learns
//! goes through the reducer in `state.rs`.

use std::cell::RefCell;
use std::rc::Rc;

use awaitable_notebook::course::{CodeRole, Lang, SYNC_CELL_ID};
use awaitable_notebook::ipynb_import::{import_notebook, ImportError, MAX_IMPORT_BYTES};
use awaitable_notebook::params::{ClockChoice, PageOptions};
use awaitable_notebook::share::{decode_share, shared_notebook};
use wasm_bindgen::JsValue;
use yew::prelude::*;
use yew::Reducible;

use crate::browser::{
    download, focus_target, forget_fragment, fragment, page_options, read_file, reload,
    remember_language, set_embedded, set_language, set_theme, Download, FileRead, Listener,
    ResizeReporter,
};
use crate::components::cell::CodeCell;
use crate::components::exercise::ExercisePanel;
use crate::components::help::Help;
use crate::components::notices::Notices;
use crate::components::prose::ProseCell;
use crate::components::run_views::Views;
use crate::components::toolbar::{Command, Toolbar};
use crate::document::{course_id, Entry};
use crate::host::{CellIndex, Host, HostConfig, JsError};
use crate::i18n::{file_unreadable, ui};
use crate::layout::Layout;
use crate::records::RunRecords;
use crate::state::{Action, Notebook, StorageNotice};
use crate::storage::{Saver, Store};

/// The id of `<main>`, which the skip link jumps to.
const MAIN_ID: &str = "notebook";

/// The app: owns the notebook state, and with it the kernel's host.
#[function_component(App)]
pub fn app() -> Html {
    let options = use_memo((), |_| page_options());
    let store = use_memo((), |_| Store::open());
    let notebook = {
        let options = options.clone();
        let store = store.clone();
        use_reducer(move || opening_notebook(&options, &store))
    };
    let dispatcher = notebook.dispatcher();
    let layout = *use_memo((), |_| Layout::choose(&options, &notebook));
    // What a lone embedded cell needs run first. The other cells are not on
    // the page, so their code cannot change meanwhile.
    let setup = use_memo((), |_| match layout {
        Layout::SingleCell(cell) => notebook.setup_for(cell),
        Layout::Page | Layout::Embedded => Vec::new(),
    });
    // The run views (timelines, comparisons): each cell's last run, fed by
    // the host, which also takes the page's `?wikipedia=` endpoint.
    let records = use_reducer(RunRecords::default);
    let config = {
        let records = records.dispatcher();
        let mut config = HostConfig::from_options(&options);
        config.timeline = Some(Callback::from(move |batches| records.dispatch(batches)));
        config
    };
    let views = Views {
        lang: notebook.lang,
        records: Rc::new((*records).clone()),
        references: compared_cells(&notebook),
    };

    // The kernel starts with the app and goes with it. The host's report
    // callback holds the reducer, which holds the host: detaching breaks that
    // cycle, so that an unmounted app leaves no timer behind.
    {
        let dispatcher = dispatcher.clone();
        let config = config.clone();
        use_effect_with((), move |_| {
            attach_new_host(&dispatcher, &config);
            move || dispatcher.dispatch(Action::Detach)
        });
    }
    // The host follows the clock the state says, a new host included.
    use_effect_with(
        (notebook.host().cloned(), notebook.clock),
        |(host, clock)| {
            if let Some(host) = host {
                host.set_clock(*clock);
            }
        },
    );
    use_effect_with(options.theme, |theme| set_theme(*theme));
    use_effect_with(layout.is_embedded(), |embedded| set_embedded(*embedded));
    // A share link pasted into this tab changes only the fragment, which
    // does not reload: open it as a new page would.
    use_effect_with((), |_| {
        let listener = Listener::on_window("hashchange", || {
            if fragment().contains("code=") {
                reload();
            }
        });
        move || drop(listener)
    });
    // In a frame, the parent page learns this page's height as it changes.
    use_effect_with((), |_| {
        let reporter = ResizeReporter::start();
        move || drop(reporter)
    });
    use_effect_with(notebook.lang, |lang| {
        set_language(*lang, ui(*lang).page_title);
    });
    use_saving(&notebook, &store);
    // `?cell=N`: once the cells are on the page, bring that one into view.
    {
        let focus = options
            .cell
            .as_ref()
            .and_then(|target| notebook.focus(target));
        use_effect_with((), move |_| {
            if let Some(focus) = focus {
                focus_target(&focus);
            }
        });
    }

    // Stable callbacks (they change only with the host), so that a cell
    // re-renders only when it changes.
    let on_run = use_callback(
        (
            notebook.host().cloned(),
            dispatcher.clone(),
            (!notebook.setup_sent).then(|| setup.clone()),
        ),
        |(cell, source): (CellIndex, String), (host, dispatcher, setup)| {
            if let Some(host) = host {
                if let Some(setup) = setup {
                    for (cell, source) in setup.iter() {
                        host.run(*cell, source.clone());
                    }
                    dispatcher.dispatch(Action::SetupSent);
                }
                dispatcher.dispatch(Action::Submit {
                    cell,
                    source: source.clone(),
                });
                host.run(cell, source);
            }
        },
    );
    let on_edit = use_callback(
        dispatcher.clone(),
        |(cell, source): (CellIndex, String), dispatcher| {
            dispatcher.dispatch(Action::Edit { cell, source });
        },
    );
    let on_reset = use_callback(dispatcher.clone(), |cell: CellIndex, dispatcher| {
        dispatcher.dispatch(Action::ResetCell(cell));
    });
    let on_validate = use_callback(dispatcher.clone(), |_: (), dispatcher| {
        dispatcher.dispatch(Action::Validate);
    });
    let on_toggle_solution = use_callback(dispatcher.clone(), |_: (), dispatcher| {
        dispatcher.dispatch(Action::ToggleSolution);
    });
    let on_command = use_command(&notebook, &store, &config);
    let single_cell = matches!(layout, Layout::SingleCell(_));
    let share = layout == Layout::Page;
    let embeddable = share && notebook.document.is_course();

    let lang = notebook.lang;
    let text = ui(lang);
    let entries = notebook.document.entries.iter().flat_map(|entry| {
        let mut items = Vec::new();
        match entry {
            Entry::Prose(_) if single_cell => {}
            Entry::Prose(prose) if notebook.shows(prose.visibility) => items.push(html! {
                <ProseCell key={format!("p:{}", prose.id)} prose={prose.clone()} {lang} />
            }),
            Entry::Prose(_) => {}
            Entry::Code(index) => {
                let Some(cell) = notebook.cells.get(*index) else {
                    return items;
                };
                if !notebook.shows(cell.visibility) || !layout.shows_cell(*index) {
                    return items;
                }
                items.push(html! {
                    <CodeCell key={format!("c:{}", cell.id)} index={*index} cell={cell.clone()}
                        {lang} on_run={on_run.clone()} on_edit={on_edit.clone()}
                        on_reset={on_reset.clone()} {share} {embeddable} />
                });
                if cell.role == CodeRole::Exercise {
                    items.push(html! {
                        <ExercisePanel key="x:exercise-panel" {lang}
                            status={notebook.exercise.clone()}
                            show_solution={notebook.show_solution}
                            on_validate={on_validate.clone()}
                            on_toggle_solution={on_toggle_solution.clone()} />
                    });
                }
            }
        }
        items
    });

    html! {
        <ContextProvider<Views> context={views}>
            if !single_cell {
                <a class="skip-link" href={format!("#{MAIN_ID}")}>{ text.skip_link }</a>
            }
            if !layout.is_embedded() {
                <header class="app-header">
                    <p class="brand">{ "Awaitable" }</p>
                    <p class="tagline">{ text.tagline }</p>
                </header>
            }
            <Toolbar {lang} kernel={notebook.kernel.clone()} busy={notebook.is_busy()}
                clock={notebook.clock} imported={notebook.stash.is_some()}
                confirm_reset={notebook.confirm_reset}
                compact={single_cell} {on_command} />
            <Notices {lang} storage={notebook.storage.clone()}
                shared={notebook.document.is_shared()}
                import_error={notebook.import_error.clone()} />
            if !layout.is_embedded() {
                <Help {lang} />
            }
            <main id={MAIN_ID} class="notebook" tabindex="-1">
                { for entries }
            </main>
        </ContextProvider<Views>>
    }
}

/// Saves the learner's work a moment after it changes, and at once when the
/// page goes away (a reload, closing the tab) or the app unmounts.
#[hook]
fn use_saving(notebook: &UseReducerHandle<Notebook>, store: &Rc<Store>) {
    let saver = {
        let store = store.clone();
        let notebook = notebook.clone();
        use_memo((), move |_| {
            // What the page loaded is in storage already, unless it was
            // unreadable: then the first save replaces it.
            let stored = (!matches!(notebook.storage, StorageNotice::StartedFresh(_)))
                .then(|| notebook.work());
            let dispatcher = notebook.dispatcher();
            let report = Callback::from(move |notice| dispatcher.dispatch(Action::Storage(notice)));
            Saver::new(store, report, stored)
        })
    };
    {
        let saver = saver.clone();
        use_effect_with(notebook.work(), move |work| saver.schedule(work.clone()));
    }
    use_effect_with((), move |_| {
        let listener = {
            let saver = saver.clone();
            Listener::on_window("pagehide", move || saver.flush())
        };
        move || {
            drop(listener);
            saver.flush();
        }
    });
}

/// The toolbar's commands. The last download and file read are owned here,
/// so that a newer one (or unmounting) revokes or aborts the older.
#[hook]
fn use_command(
    notebook: &UseReducerHandle<Notebook>,
    store: &Rc<Store>,
    config: &HostConfig,
) -> Callback<Command> {
    let downloaded: Rc<RefCell<Option<Download>>> = use_mut_ref(|| None);
    let reading: Rc<RefCell<Option<FileRead>>> = use_mut_ref(|| None);
    let notebook = notebook.clone();
    let store = store.clone();
    let config = config.clone();
    Callback::from(move |command: Command| {
        let dispatcher = notebook.dispatcher();
        match command {
            Command::RunAll => {
                if let Some(host) = notebook.host() {
                    for (cell, source) in notebook.runnable() {
                        dispatcher.dispatch(Action::Submit {
                            cell,
                            source: source.clone(),
                        });
                        host.run(cell, source);
                    }
                }
            }
            Command::Stop => {
                if let Some(host) = notebook.host() {
                    host.stop();
                }
            }
            Command::Restart => attach_new_host(&dispatcher, &config),
            Command::ToggleClock => dispatcher.dispatch(Action::SetClock(match notebook.clock {
                ClockChoice::Real => ClockChoice::Fast,
                ClockChoice::Fast => ClockChoice::Real,
            })),
            Command::ToggleLang => {
                let lang = match notebook.lang {
                    Lang::Fr => Lang::En,
                    Lang::En => Lang::Fr,
                };
                dispatcher.dispatch(Action::SetLang(lang));
                remember_language(lang);
            }
            Command::Export => {
                let (name, json) = notebook.export();
                match download(&name, &json, "application/x-ipynb+json") {
                    Ok(download) => *downloaded.borrow_mut() = Some(download),
                    Err(error) => web_sys::console::error_1(&JsValue::from_str(&format!(
                        "export failed: {error}"
                    ))),
                }
            }
            Command::Import(file) => {
                *reading.borrow_mut() = start_import(&file, &dispatcher, &store, &config);
            }
            Command::AskReset => dispatcher.dispatch(Action::AskReset),
            Command::CancelReset => dispatcher.dispatch(Action::CancelReset),
            Command::ConfirmReset => {
                dispatcher.dispatch(Action::ResetNotebook);
                attach_new_host(&dispatcher, &config);
            }
            Command::BackToCourse => {
                if notebook.document.is_shared() {
                    forget_fragment();
                }
                dispatcher.dispatch(Action::BackToCourse);
                attach_new_host(&dispatcher, &config);
            }
        }
    })
}

/// Reads the learner's file; when it is read, either opens the notebook (on a
/// fresh kernel, with work saved on it earlier) or says why it cannot.
fn start_import(
    file: &web_sys::File,
    dispatcher: &UseReducerDispatcher<Notebook>,
    store: &Rc<Store>,
    config: &HostConfig,
) -> Option<FileRead> {
    // Checked before reading: a huge file must not be read into memory.
    let bytes = file.size();
    if bytes > MAX_IMPORT_BYTES as f64 {
        let error = ImportError::TooLarge {
            bytes: bytes as usize,
            limit: MAX_IMPORT_BYTES,
        };
        dispatcher.dispatch(Action::ImportFailed(error.message()));
        return None;
    }
    let file_name = Some(file.name());
    let done = {
        let dispatcher = dispatcher.clone();
        let store = store.clone();
        let config = config.clone();
        Callback::from(move |text: Result<String, JsError>| {
            let text = match text {
                Ok(text) => text,
                Err(error) => {
                    dispatcher.dispatch(Action::ImportFailed(file_unreadable(&error.message)));
                    return;
                }
            };
            match import_notebook(&text) {
                Ok(notebook) => {
                    let saved = store.load(&notebook.id);
                    dispatcher.dispatch(Action::Imported {
                        notebook: Box::new(notebook),
                        file_name: file_name.clone(),
                        saved,
                    });
                    attach_new_host(&dispatcher, &config);
                }
                Err(error) => dispatcher.dispatch(Action::ImportFailed(error.message())),
            }
        })
    };
    match read_file(file, done) {
        Ok(read) => Some(read),
        Err(error) => {
            dispatcher.dispatch(Action::ImportFailed(file_unreadable(&error.message)));
            None
        }
    }
}

/// The notebook the page opens on: the course with the learner's saved
/// work, or, when the URL's fragment is a share link, its code in a scratch
/// notebook (the course kept aside, as for an import). A damaged link says
/// why and leaves the course. Fragments without `code=` are anchors.
fn opening_notebook(options: &PageOptions, store: &Store) -> Notebook {
    let course = Notebook::start(options, store.load(&course_id()));
    let fragment = fragment();
    if !fragment.contains("code=") {
        return course;
    }
    let action = match decode_share(&fragment) {
        Ok(shared) => {
            let notebook = shared_notebook(&shared.code, options.lang);
            let saved = store.load(&notebook.id);
            Action::Shared {
                notebook: Box::new(notebook),
                saved,
            }
        }
        Err(error) => Action::ImportFailed(error.message()),
    };
    Rc::unwrap_or_clone(Rc::new(course).reduce(action))
}

/// The cells compared with cell (f), the synchronous reference: the
/// exercise and its solution.
fn compared_cells(notebook: &Notebook) -> Rc<[(CellIndex, CellIndex)]> {
    let Some(sync) = notebook.cells.iter().position(|c| &*c.id == SYNC_CELL_ID) else {
        return Rc::new([]);
    };
    notebook
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.role, CodeRole::Exercise | CodeRole::Solution))
        .map(|(index, _)| (index, sync))
        .collect()
}

/// Creates a host whose reports go to the notebook, and attaches it (which
/// shuts the previous one down).
fn attach_new_host(dispatcher: &UseReducerDispatcher<Notebook>, config: &HostConfig) {
    let report = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |events| dispatcher.dispatch(Action::Host(events)))
    };
    match Host::with_config(report, config.clone()) {
        Ok(host) => dispatcher.dispatch(Action::Attach(host)),
        Err(error) => dispatcher.dispatch(Action::AttachFailed(error.message)),
    }
}
