//! The browser host and the app, in headless Chromium.
//!
//! Run by `cargo xtask test` (or `CHROMEDRIVER=/usr/bin/chromedriver cargo
//! test --target wasm32-unknown-unknown -p awaitable-web --test browser`).
//! These tests use real time: they check that Python's waiting leaves the
//! page's own timers running.

#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use awaitable_notebook::course::{Lang, Visibility};
use awaitable_notebook::kernel::ExecutionState;
use awaitable_notebook::params::ClockChoice;
use awaitable_notebook::saved::SavedWork;
use awaitable_python::events::EventKind;
use awaitable_web::components::app::App;
use awaitable_web::components::prose::{ProseCell, ProseCellProps};
use awaitable_web::document::{course_id, Prose, ProseText};
use awaitable_web::host::{Host, HostEvent, KernelStatus};
use awaitable_web::outputs::{apply_delta, OutputView};
use awaitable_web::state::Loaded;
use awaitable_web::storage::Store;
use gloo_timers::callback::Interval;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

/// The page's clock, in milliseconds.
fn now_ms() -> f64 {
    awaitable_web::host::BrowserClock::new().now_ms()
}

/// What a host reported, as the test sees it.
#[derive(Default)]
struct Log {
    events: Vec<(f64, HostEvent)>,
    outputs: Vec<Vec<OutputView>>,
}

impl Log {
    fn finished(&self, cell: usize) -> Option<(f64, ExecutionState)> {
        self.events.iter().find_map(|(at, event)| match event {
            HostEvent::Finished { cell: c, state, .. } if *c == cell => Some((*at, *state)),
            _ => None,
        })
    }

    fn text(&self, cell: usize) -> String {
        self.outputs
            .get(cell)
            .map(|outputs| outputs.iter().map(OutputView::text).collect())
            .unwrap_or_default()
    }

    fn saw(&self, wanted: &HostEvent) -> bool {
        self.events.iter().any(|(_, event)| event == wanted)
    }
}

/// A host whose reports are logged with the time they arrived.
fn logged_host() -> (Host, Rc<RefCell<Log>>) {
    let log = Rc::new(RefCell::new(Log::default()));
    let report = {
        let log = log.clone();
        Callback::from(move |events: Vec<HostEvent>| {
            let mut log = log.borrow_mut();
            let at = now_ms();
            for event in events {
                if let HostEvent::Output { cell, delta } = &event {
                    if log.outputs.len() <= *cell {
                        log.outputs.resize(*cell + 1, Vec::new());
                    }
                    apply_delta(&mut log.outputs[*cell], delta.clone());
                }
                log.events.push((at, event));
            }
        })
    };
    let host = match Host::new(report) {
        Ok(host) => host,
        Err(error) => panic!("the host cannot start: {error}"),
    };
    (host, log)
}

/// Waits (letting the page run) until `done` holds, or fails after `limit_ms`.
async fn wait_until(what: &str, limit_ms: f64, done: impl Fn() -> bool) {
    let start = now_ms();
    while !done() {
        assert!(now_ms() - start < limit_ms, "timed out waiting for {what}");
        TimeoutFuture::new(5).await;
    }
}

/// Counts the ticks of a 10 ms page timer, as a witness that the page runs.
struct Heartbeat {
    ticks: Rc<Cell<u32>>,
    longest_gap_ms: Rc<Cell<f64>>,
    _interval: Interval,
}

impl Heartbeat {
    fn start() -> Heartbeat {
        let ticks = Rc::new(Cell::new(0));
        let longest_gap_ms = Rc::new(Cell::new(0.0_f64));
        let last = Cell::new(now_ms());
        let interval = {
            let ticks = ticks.clone();
            let longest_gap_ms = longest_gap_ms.clone();
            Interval::new(10, move || {
                let now = now_ms();
                longest_gap_ms.set(longest_gap_ms.get().max(now - last.get()));
                last.set(now);
                ticks.set(ticks.get() + 1);
            })
        };
        Heartbeat {
            ticks,
            longest_gap_ms,
            _interval: interval,
        }
    }
}

#[wasm_bindgen_test]
async fn a_cell_that_prints_shows_its_output() {
    let (host, log) = logged_host();
    host.run(0, "print(\"hello\")\nprint(6 * 7)\n6 * 7".to_owned());
    wait_until("the cell to finish", 5_000.0, || {
        log.borrow().finished(0).is_some()
    })
    .await;
    let log = log.borrow();
    assert_eq!(
        log.finished(0).map(|(_, state)| state),
        Some(ExecutionState::Succeeded)
    );
    assert!(log.saw(&HostEvent::Queued { cell: 0 }));
    assert!(log.saw(&HostEvent::Started { cell: 0, count: 1 }));
    assert_eq!(
        log.outputs[0],
        [
            OutputView::Stdout("hello\n42\n".to_owned()),
            OutputView::Result("42".to_owned())
        ]
    );
}

#[wasm_bindgen_test]
async fn output_streams_in_before_the_cell_ends() {
    let (host, log) = logged_host();
    host.run(
        0,
        "import asyncio\nprint(\"first\")\nawait asyncio.sleep(0.3)\nprint(\"second\")".to_owned(),
    );
    wait_until("the first line", 5_000.0, || {
        log.borrow().text(0) == "first\n"
    })
    .await;
    assert!(log.borrow().finished(0).is_none());
    wait_until("the cell to finish", 5_000.0, || {
        log.borrow().finished(0).is_some()
    })
    .await;
    assert_eq!(log.borrow().text(0), "first\nsecond\n");
}

#[wasm_bindgen_test]
async fn time_sleep_blocks_python_but_not_the_page() {
    let (host, log) = logged_host();
    let heartbeat = Heartbeat::start();
    let start = now_ms();
    host.run(
        0,
        "import time\ntime.sleep(0.2)\nprint(\"awake\")".to_owned(),
    );
    wait_until("the cell to finish", 5_000.0, || {
        log.borrow().finished(0).is_some()
    })
    .await;
    let log = log.borrow();
    let Some((finished_at, state)) = log.finished(0) else {
        unreachable!("waited for it")
    };
    assert_eq!(state, ExecutionState::Succeeded);
    assert_eq!(log.text(0), "awake\n");
    assert!(
        finished_at - start >= 195.0,
        "slept only {} ms",
        finished_at - start
    );
    assert!(log.saw(&HostEvent::Status(KernelStatus::Blocked)));
    // A 10 ms timer kept firing while Python slept.
    assert!(
        heartbeat.ticks.get() >= 5,
        "{} ticks",
        heartbeat.ticks.get()
    );
}

#[wasm_bindgen_test]
async fn asyncio_sleep_waits_on_a_page_timer() {
    let (host, log) = logged_host();
    let heartbeat = Heartbeat::start();
    let start = now_ms();
    host.run(
        0,
        "import asyncio\nawait asyncio.sleep(0.2)\nprint(\"done\")".to_owned(),
    );
    wait_until("the cell to finish", 5_000.0, || {
        log.borrow().finished(0).is_some()
    })
    .await;
    let log = log.borrow();
    let Some((finished_at, _)) = log.finished(0) else {
        unreachable!("waited for it")
    };
    assert_eq!(log.text(0), "done\n");
    assert!(
        finished_at - start >= 195.0,
        "slept only {} ms",
        finished_at - start
    );
    assert!(
        heartbeat.ticks.get() >= 5,
        "{} ticks",
        heartbeat.ticks.get()
    );
}

#[wasm_bindgen_test]
async fn stop_interrupts_an_endless_loop_at_once() {
    let (host, log) = logged_host();
    let heartbeat = Heartbeat::start();
    host.run(0, "while True:\n    pass".to_owned());
    TimeoutFuture::new(300).await;
    assert!(log.borrow().finished(0).is_none());
    assert!(host.is_busy());
    // The loop runs in slices: the page's timer still fires between them.
    assert!(
        heartbeat.ticks.get() >= 10,
        "{} ticks",
        heartbeat.ticks.get()
    );
    assert!(
        heartbeat.longest_gap_ms.get() < 250.0,
        "the page froze for {} ms",
        heartbeat.longest_gap_ms.get()
    );
    let stopped_at = now_ms();
    host.stop();
    wait_until("the interrupt", 1_000.0, || {
        log.borrow().finished(0).is_some()
    })
    .await;
    let log = log.borrow();
    let Some((finished_at, state)) = log.finished(0) else {
        unreachable!("waited for it")
    };
    assert_eq!(state, ExecutionState::Failed);
    assert!(
        log.text(0).ends_with("KeyboardInterrupt"),
        "{}",
        log.text(0)
    );
    assert!(finished_at - stopped_at < 1_000.0);
    assert!(!host.is_busy());
}

#[wasm_bindgen_test]
async fn stop_wakes_a_sleeping_cell_and_drops_the_queue() {
    let (host, log) = logged_host();
    host.run(0, "import time\ntime.sleep(30)".to_owned());
    host.run(1, "print(\"never\")".to_owned());
    wait_until("the cell to start", 5_000.0, || {
        log.borrow().saw(&HostEvent::Started { cell: 0, count: 1 })
    })
    .await;
    host.stop();
    wait_until("the interrupt", 1_000.0, || {
        log.borrow().finished(0).is_some()
    })
    .await;
    TimeoutFuture::new(50).await;
    let log = log.borrow();
    assert!(
        log.text(0).ends_with("KeyboardInterrupt"),
        "{}",
        log.text(0)
    );
    assert!(log.saw(&HostEvent::Dropped { cell: 1 }));
    assert!(log.finished(1).is_none());
}

#[wasm_bindgen_test]
async fn cells_run_in_order_and_an_error_drops_the_rest() {
    let (host, log) = logged_host();
    host.run(0, "x = 1\nprint(x)".to_owned());
    host.run(1, "print(x + 1)\n1 / 0".to_owned());
    host.run(2, "print(\"not reached\")".to_owned());
    wait_until("the second cell", 5_000.0, || {
        log.borrow().finished(1).is_some()
    })
    .await;
    TimeoutFuture::new(50).await;
    let log = log.borrow();
    assert_eq!(log.text(0), "1\n");
    assert!(log.text(1).starts_with("2\n"));
    assert!(
        log.text(1).ends_with("ZeroDivisionError: division by zero"),
        "{}",
        log.text(1)
    );
    assert_eq!(
        log.finished(1).map(|(_, state)| state),
        Some(ExecutionState::Failed)
    );
    assert!(log.saw(&HostEvent::Dropped { cell: 2 }));
}

#[wasm_bindgen_test]
async fn dropping_the_host_cancels_what_it_had_pending() {
    let (host, log) = logged_host();
    host.run(
        0,
        "import asyncio\nawait asyncio.sleep(0.05)\nprint(\"late\")".to_owned(),
    );
    wait_until("the cell to start", 5_000.0, || {
        log.borrow().saw(&HostEvent::Started { cell: 0, count: 1 })
    })
    .await;
    drop(host);
    TimeoutFuture::new(200).await;
    assert!(log.borrow().finished(0).is_none());
}

#[wasm_bindgen_test]
async fn a_shut_down_host_reports_nothing_more() {
    let (host, log) = logged_host();
    let other = host.clone();
    host.run(0, "while True:\n    pass".to_owned());
    TimeoutFuture::new(50).await;
    other.shutdown();
    let seen = log.borrow().events.len();
    TimeoutFuture::new(100).await;
    host.run(1, "print(1)".to_owned());
    TimeoutFuture::new(50).await;
    assert_eq!(log.borrow().events.len(), seen);
}

// The app, mounted in a fresh element of the test page.

fn document() -> web_sys::Document {
    match web_sys::window().and_then(|window| window.document()) {
        Some(document) => document,
        None => unreachable!("tests run in a page"),
    }
}

fn find(root: &Element, id: &str) -> Option<Element> {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .ok()
        .flatten()
}

fn by_test_id(root: &Element, id: &str) -> Element {
    match find(root, id) {
        Some(element) => element,
        None => panic!("no element with data-testid {id}"),
    }
}

fn text_of(root: &Element, id: &str) -> Option<String> {
    find(root, id).and_then(|element| element.text_content())
}

fn click(root: &Element, id: &str) {
    match by_test_id(root, id).dyn_into::<HtmlElement>() {
        Ok(element) => element.click(),
        Err(_) => panic!("{id} is not clickable"),
    }
}

/// Types `text` into a textarea as a person would, as far as the app can tell.
fn type_into(editor: &HtmlTextAreaElement, text: &str) {
    editor.set_value(text);
    let Ok(input) = web_sys::InputEvent::new("input") else {
        unreachable!("input is an event type")
    };
    let _ = editor.dispatch_event(&input);
}

/// Mounts the app in a fresh element, with no saved work, once Python is
/// ready.
async fn mount_app() -> (yew::AppHandle<App>, Element) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.clear();
    }
    let root = match document().create_element("div") {
        Ok(root) => root,
        Err(_) => unreachable!("div is a valid tag"),
    };
    if let Some(body) = document().body() {
        let _ = body.append_child(&root);
    }
    let app = yew::Renderer::<App>::with_root(root.clone()).render();
    wait_until("the kernel", 2_000.0, || {
        find(&root, "kernel-status")
            .and_then(|status| status.get_attribute("data-status"))
            .as_deref()
            == Some("idle")
    })
    .await;
    (app, root)
}

fn editor(root: &Element, n: usize) -> HtmlTextAreaElement {
    match by_test_id(root, &format!("editor-{n}")).dyn_into::<HtmlTextAreaElement>() {
        Ok(editor) => editor,
        Err(_) => panic!("editor-{n} is not a textarea"),
    }
}

#[wasm_bindgen_test]
async fn the_app_runs_an_edited_cell_and_shows_its_output() {
    let (app, root) = mount_app().await;
    assert_eq!(
        by_test_id(&root, "count-1").text_content().as_deref(),
        Some("[ ]")
    );
    assert_eq!(editor(&root, 3).value(), "await exemple()");

    let editor = editor(&root, 1);
    type_into(&editor, "x = 21\nprint('<b>not bold</b>')\nx * 2");
    click(&root, "run-1");
    wait_until("the output", 5_000.0, || {
        by_test_id(&root, "count-1").text_content().as_deref() == Some("[1]")
    })
    .await;
    let output = by_test_id(&root, "output-1");
    assert_eq!(
        output.text_content().as_deref(),
        Some("<b>not bold</b>\n42")
    );
    // Printed text stays text.
    assert!(matches!(output.query_selector("b"), Ok(None)));
    assert_eq!(output.get_attribute("aria-live").as_deref(), Some("polite"));

    // Restart: a fresh kernel, which has forgotten x.
    click(&root, "restart");
    TimeoutFuture::new(20).await;
    type_into(&editor, "print(x)");
    click(&root, "run-1");
    wait_until("the rerun", 5_000.0, || {
        by_test_id(&root, "output-1")
            .text_content()
            .is_some_and(|text| text.ends_with("NameError: name 'x' is not defined"))
    })
    .await;
    assert_eq!(
        by_test_id(&root, "count-1").text_content().as_deref(),
        Some("[1]")
    );
    app.destroy();
    root.remove();
}

/// Presses `key` in `editor` (with Shift if `shift`), as the keyboard would.
fn press(editor: &HtmlTextAreaElement, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let Ok(event) = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
    else {
        unreachable!("keydown is an event type")
    };
    let _ = editor.dispatch_event(&event);
}

#[wasm_bindgen_test]
async fn the_editor_indents_highlights_and_runs_with_shift_enter() {
    let (app, root) = mount_app().await;
    let first = editor(&root, 1);
    let _ = first.focus();
    type_into(&first, "for i in range(2):");
    let end = first.value().len() as u32;
    let _ = first.set_selection_range(end, end);
    press(&first, "Enter", false);
    assert_eq!(first.value(), "for i in range(2):\n    ");
    press(&first, "Tab", false);
    assert_eq!(first.value(), "for i in range(2):\n        ");
    press(&first, "Tab", true);
    assert_eq!(first.value(), "for i in range(2):\n    ");
    type_into(&first, "for i in range(2):\n    print('tour', i)");
    TimeoutFuture::new(20).await;
    let highlighted = by_test_id(&root, "cell-1")
        .query_selector(".tok-keyword")
        .ok()
        .flatten()
        .and_then(|keyword| keyword.text_content());
    assert_eq!(highlighted.as_deref(), Some("for"));

    press(&first, "Enter", true);
    wait_until("the run", 5_000.0, || {
        text_of(&root, "output-1").as_deref() == Some("tour 0\ntour 1\n")
    })
    .await;
    // Shift+Enter moved the focus on to the next cell's editor.
    let focused = document()
        .active_element()
        .and_then(|element| element.get_attribute("data-testid"));
    assert_eq!(focused.as_deref(), Some("editor-2"));
    // Escape, then Tab: the browser moves the focus (the key is not taken).
    let second = editor(&root, 2);
    press(&second, "Escape", false);
    let before = second.value();
    press(&second, "Tab", false);
    assert_eq!(second.value(), before);
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn validate_reports_the_checks_and_the_solution_toggles() {
    let (app, root) = mount_app().await;
    assert!(find(&root, "cell-8").is_none());
    click(&root, "validate");
    TimeoutFuture::new(20).await;
    let verdict = |key: &str| {
        find(&root, &format!("check-{key}")).and_then(|check| check.get_attribute("data-verdict"))
    };
    assert_eq!(verdict("uses-coroutines").as_deref(), Some("fail"));
    assert_eq!(verdict("fetches-all-pages").as_deref(), Some("fail"));
    assert_eq!(verdict("faster").as_deref(), Some("not-yet"));
    click(&root, "solution-toggle");
    TimeoutFuture::new(20).await;
    assert!(find(&root, "cell-8").is_some());
    assert_eq!(
        by_test_id(&root, "solution-toggle")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_host_skips_waits_in_fast_forward() {
    let (host, log) = logged_host();
    host.set_clock(ClockChoice::Fast);
    let start = now_ms();
    host.run(
        0,
        "import asyncio, time\nstart = time.monotonic()\nawait asyncio.sleep(30)\ntime.sleep(20)\nprint(round(time.monotonic() - start))"
            .to_owned(),
    );
    wait_until("the cell to finish", 5_000.0, || {
        log.borrow().finished(0).is_some()
    })
    .await;
    assert!(now_ms() - start < 5_000.0);
    assert_eq!(log.borrow().text(0), "50\n");
}

#[wasm_bindgen_test]
async fn the_host_reports_the_runtime_events() {
    let (host, log) = logged_host();
    host.run(
        0,
        "import asyncio\nasync def f():\n    await asyncio.sleep(0)\nawait asyncio.gather(f(), f())"
            .to_owned(),
    );
    wait_until("the cell to finish", 5_000.0, || {
        log.borrow().finished(0).is_some()
    })
    .await;
    let created = log
        .borrow()
        .events
        .iter()
        .filter_map(|(_, event)| match event {
            HostEvent::Timeline(events) => Some(events.clone()),
            _ => None,
        })
        .flatten()
        .filter(|event| matches!(event.kind, EventKind::TaskCreated { cell: None, .. }))
        .count();
    assert_eq!(created, 2);
}

#[wasm_bindgen_test]
async fn prose_is_built_as_nodes_never_as_html() {
    let root = match document().create_element("div") {
        Ok(root) => root,
        Err(_) => unreachable!("div is a valid tag"),
    };
    if let Some(body) = document().body() {
        let _ = body.append_child(&root);
    }
    let prose = Rc::new(Prose {
        id: "notes".to_owned(),
        text: ProseText::One(
            "## Title <img src=x onerror=alert(1)>\n\n<script>alert(1)</script> **bold** `code`\n\n[bad](javascript:alert(1)) [good](https://example.org/)"
                .to_owned(),
        ),
        visibility: Visibility::Always,
    });
    let props = ProseCellProps {
        prose,
        lang: Lang::Fr,
    };
    let app = yew::Renderer::<ProseCell>::with_root_and_props(root.clone(), props).render();
    TimeoutFuture::new(10).await;
    assert!(matches!(root.query_selector("script, img"), Ok(None)));
    let heading = root.query_selector("h2").ok().flatten();
    assert_eq!(
        heading.and_then(|h| h.text_content()).as_deref(),
        Some("Title <img src=x onerror=alert(1)>")
    );
    assert!(matches!(root.query_selector("strong"), Ok(Some(_))));
    let links = root
        .query_selector_all("a")
        .map(|l| l.length())
        .unwrap_or(0);
    assert_eq!(links, 1);
    let href = root
        .query_selector("a")
        .ok()
        .flatten()
        .and_then(|a| a.get_attribute("href"));
    assert_eq!(href.as_deref(), Some("https://example.org/"));
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
fn saved_work_round_trips_through_local_storage() {
    let store = Store::open();
    assert!(matches!(store, Store::Local(_)));
    let id = course_id();
    let mut work = SavedWork::new(id.clone());
    work.set_source("cell-a", "a", "print('saved')");
    assert_eq!(store.save(&work), Ok(()));
    assert_eq!(store.load(&id), Loaded::Work(work.clone()));
    // Unreadable work is reported, not used.
    if let Store::Local(storage) = &store {
        let _ = storage.set_item(&id.storage_key(), "{\"version\": \"x\"");
    }
    assert!(matches!(store.load(&id), Loaded::Corrupt(_)));
    // Empty work removes the key.
    assert_eq!(store.save(&SavedWork::new(id.clone())), Ok(()));
    assert_eq!(store.load(&id), Loaded::Nothing);
}

#[wasm_bindgen_test]
fn the_panic_banner_shows_the_message_as_text() {
    let document = document();
    let banner = match document.create_element("div") {
        Ok(banner) => banner,
        Err(_) => unreachable!("div is a valid tag"),
    };
    banner.set_id("panic");
    let _ = banner.set_attribute("hidden", "");
    banner.set_inner_html(
        "<strong>Something broke — reload the page.</strong><pre id=\"panic-message\"></pre>",
    );
    if let Some(body) = document.body() {
        let _ = body.append_child(&banner);
    }
    awaitable_web::panic::show_banner("panicked at src/host.rs:1:1:\n<i>boom</i>");
    assert!(!banner.has_attribute("hidden"));
    let message = document.get_element_by_id("panic-message");
    assert_eq!(
        message.and_then(|m| m.text_content()).as_deref(),
        Some("panicked at src/host.rs:1:1:\n<i>boom</i>")
    );
    assert!(matches!(banner.query_selector("i"), Ok(None)));
    banner.remove();
}

/// The browser's `BigInt` gives num-bigint's answers, signs included, for
/// values on both sides of the threshold where the interpreter hands over.
#[wasm_bindgen_test]
fn the_browser_bigint_agrees_with_num_bigint() {
    use awaitable_python::bigmath::{pow, to_decimal, BigMath};
    use awaitable_web::bigmath::BrowserBigMath;
    use num_bigint::BigInt;

    let browser = BrowserBigMath::default();
    let host = Some(&browser as &dyn BigMath);
    for (base, exp) in [
        (5, 100_000),
        (3, 65_537),
        (-7, 30_001),
        (-12, 40_000),
        (2, 3),
    ] {
        let ours = pow(host, BigInt::from(base), exp);
        let theirs = pow(None, BigInt::from(base), exp);
        assert_eq!(ours, theirs, "{base} ** {exp}");
        assert_eq!(
            to_decimal(host, &ours),
            theirs.to_string(),
            "str({base} ** {exp})"
        );
    }
    // What the course prints: the first two digits of 5**1000000.
    let course = pow(host, BigInt::from(5), 1_000_000);
    assert!(to_decimal(host, &course).starts_with("10"));
}
