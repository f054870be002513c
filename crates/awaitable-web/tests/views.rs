//! The run views and the fetch host, in headless Chromium.
//!
//! Run by `cargo xtask test` (or `CHROMEDRIVER=/usr/bin/chromedriver cargo
//! test --target wasm32-unknown-unknown -p awaitable-web --test views`). The
//! timeline and comparison are drawn from events a kernel records here with
//! a clock that skips its sleeps; the heartbeat and fetch run on a real host.
//! Fetch is tried on `blob:` URLs and a closed loopback port: a test page
//! cannot start a server (the end-to-end specs use a mock one).

#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use awaitable_notebook::comparison::Comparison;
use awaitable_notebook::course::Lang;
use awaitable_notebook::kernel::Kernel;
use awaitable_notebook::params::ClockChoice;
use awaitable_notebook::timeline::Timeline;
use awaitable_python::aio::Clock;
use awaitable_python::events::Event;
use awaitable_python::runtime::{HostReply, Outcome};
use awaitable_web::components::comparison::{ComparisonProps, ComparisonView};
use awaitable_web::components::heartbeat::{HeartbeatProps, HeartbeatView};
use awaitable_web::components::run_views::{RunViews, Views};
use awaitable_web::components::timeline::{TimelineProps, TimelineView};
use awaitable_web::fetch;
use awaitable_web::host::{BrowserClock, Host, HostEvent, KernelStatus};
use awaitable_web::outputs::{apply_delta, OutputView};
use awaitable_web::records::{RunRecords, TimelineBatch};
use awaitable_web::state::KernelState;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Blob, Element, Url};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

/// Course cell (d) with short sleeps, after cell (a)'s imports.
const CELL_D: &str = "import asyncio, time

def nom(prenom):
    time.sleep(1)
    print(prenom)

def main():
    start_time = time.time()
    nom('Daniel')
    nom('Donna')
    nom('Diane')
    print(\"Durée totale d'exécution: %.2f secondes\" % (time.time() - start_time))

main()

async def nom_async(prenom):
    await asyncio.sleep(1)
    print(prenom)

async def main():
    start_time = time.time()
    await asyncio.gather(nom_async('Daniel'), nom_async('Donna'), nom_async('Diane'))
    print(\"Durée totale d'exécution: %.2f secondes\" % (time.time() - start_time))

await main()";

/// A clock that only moves when the test skips time.
struct SkippingClock(Rc<Cell<f64>>);

impl Clock for SkippingClock {
    fn monotonic(&self) -> f64 {
        self.0.get()
    }
    fn wall(&self) -> f64 {
        self.0.get()
    }
}

/// Runs `source` in a fresh kernel whose sleeps take no time; returns its
/// events, its stdout and the runtime's id for the cell.
fn record(source: &str) -> (Vec<Event>, String, u64) {
    let now = Rc::new(Cell::new(100.0));
    let mut kernel = Kernel::new(Box::new(SkippingClock(now.clone())));
    let count = kernel.execute(source);
    let mut events = Vec::new();
    while kernel.is_running() {
        let outcome = kernel.step(1_000_000);
        events.extend(kernel.take_timeline());
        match outcome {
            Outcome::Busy => {}
            Outcome::Idle { wake_at: Some(at) } => now.set(now.get().max(at)),
            Outcome::Idle { wake_at: None } => break,
        }
    }
    let stdout = kernel
        .execution(count)
        .map(|execution| {
            execution
                .outputs
                .iter()
                .map(|output| OutputView::of(output).text().to_owned())
                .collect::<String>()
        })
        .unwrap_or_default();
    let cell = kernel.cell_id(count).unwrap_or(0);
    (events, stdout, cell)
}

fn document() -> web_sys::Document {
    match web_sys::window().and_then(|window| window.document()) {
        Some(document) => document,
        None => panic!("the test page has no document"),
    }
}

/// A fresh element in the page's body.
fn mount_point() -> Element {
    let root = match document().create_element("div") {
        Ok(root) => root,
        Err(error) => panic!("cannot create an element: {error:?}"),
    };
    if let Some(body) = document().body() {
        let _ = body.append_child(&root);
    }
    root
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<Element>(node).ok())
        .collect()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|element| element.text_content())
        .unwrap_or_default()
}

/// Waits (letting the page run) until `done` holds, or fails after `limit_ms`.
async fn wait_until(what: &str, limit_ms: f64, done: impl Fn() -> bool) {
    let clock = BrowserClock::new();
    let start = clock.now_ms();
    while !done() {
        assert!(
            clock.now_ms() - start < limit_ms,
            "timed out waiting for {what}"
        );
        TimeoutFuture::new(5).await;
    }
}

#[wasm_bindgen_test]
async fn the_timeline_draws_a_lane_per_task_with_its_details() {
    let (events, _, cell) = record(CELL_D);
    let timeline = match Timeline::for_cell(&events, cell) {
        Some(timeline) => Rc::new(timeline),
        None => panic!("the cell has a timeline"),
    };
    let root = mount_point();
    let props = TimelineProps {
        number: 4,
        timeline,
        lang: Lang::En,
        live: false,
        truncated: false,
    };
    let app = yew::Renderer::<TimelineView>::with_root_and_props(root.clone(), props).render();
    wait_until("the timeline", 2_000.0, || !all(&root, ".lane").is_empty()).await;

    let figure = all(&root, "[data-testid=\"timeline-4\"]");
    assert_eq!(figure.len(), 1);
    let names: Vec<String> = all(&root, ".lane .lane-name")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert_eq!(names[0], "cell");
    assert_eq!(all(&root, ".loop-row").len(), 1);
    // Each state has its own pattern, and the legend shows all four.
    for kind in ["running", "awaiting", "ready", "blocked"] {
        assert_eq!(
            all(&root, &format!("pattern#tl4-{kind}")).len(),
            1,
            "{kind}"
        );
    }
    assert_eq!(all(&root, ".timeline-legend li").len(), 4);
    // Pieces are focusable groups titled with their details and described
    // by their row's sentence.
    let titles: Vec<String> = all(&root, ".segment title")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.ends_with("awaiting sleep(1), from 3.00 s, for 1.00 s")),
        "{titles:#?}"
    );
    let wait = all(&root, ".lane .segment.awaiting");
    let described = wait
        .first()
        .and_then(|e| e.get_attribute("aria-describedby"))
        .unwrap_or_default();
    let sentence = document()
        .get_element_by_id(&described)
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(sentence.starts_with("cell: ran"), "{sentence}");
    assert_eq!(all(&root, ".lane .segment[tabindex=\"0\"]").len(), 4);
    // The text alternative: one sentence per row, and a summary.
    assert_eq!(all(&root, ".visually-hidden li").len(), 5);
    assert!(text(&root, ".visually-hidden p").starts_with("Duration 4.00 s; 4 tasks;"));
    let ticks: Vec<String> = all(&root, ".tick")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    assert_eq!(ticks.first().map(String::as_str), Some("0 s"));
    assert_eq!(ticks.last().map(String::as_str), Some("4 s"));
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_comparison_prints_both_durations_the_speedup_and_why() {
    let (events, stdout, cell) = record(CELL_D);
    let comparison = Timeline::for_cell(&events, cell)
        .and_then(|timeline| Comparison::from_cell(&stdout, &timeline));
    let comparison = match comparison {
        Some(comparison) => Rc::new(comparison),
        None => panic!("cell (d) compares two durations: {stdout}"),
    };
    let root = mount_point();
    let props = ComparisonProps {
        number: 4,
        comparison,
        lang: Lang::Fr,
    };
    let app = yew::Renderer::<ComparisonView>::with_root_and_props(root.clone(), props).render();
    wait_until("the comparison", 2_000.0, || {
        !all(&root, "[data-testid=\"comparison-4\"]").is_empty()
    })
    .await;
    assert_eq!(text(&root, "[data-testid=\"comparison-4-sync\"]"), "3,00 s");
    assert_eq!(
        text(&root, "[data-testid=\"comparison-4-async\"]"),
        "1,00 s"
    );
    assert_eq!(
        text(&root, "[data-testid=\"comparison-4-speedup\"]"),
        "×3,0"
    );
    assert_eq!(
        text(&root, "[data-testid=\"comparison-4-explanation\"]"),
        "L'asynchrone est 3,0× plus rapide : les trois attentes de 1 s se chevauchent."
    );
    assert!(text(&root, ".comparison-model").contains("la plus longue attente (1,00 s)"));
    // The bars are decoration: the figures are printed beside them.
    for track in all(&root, ".comparison-track") {
        assert_eq!(track.get_attribute("aria-hidden").as_deref(), Some("true"));
    }
    app.destroy();
}

/// A host whose outputs are collected per cell.
fn host_with_outputs() -> (Host, Rc<RefCell<Vec<Vec<OutputView>>>>) {
    let outputs = Rc::new(RefCell::new(Vec::<Vec<OutputView>>::new()));
    let report = {
        let outputs = outputs.clone();
        Callback::from(move |events: Vec<HostEvent>| {
            let mut outputs = outputs.borrow_mut();
            for event in events {
                if let HostEvent::Output { cell, delta } = event {
                    if outputs.len() <= cell {
                        outputs.resize(cell + 1, Vec::new());
                    }
                    apply_delta(&mut outputs[cell], delta);
                }
            }
        })
    };
    match Host::new(report) {
        Ok(host) => (host, outputs),
        Err(error) => panic!("the host cannot start: {error}"),
    }
}

fn printed(outputs: &Rc<RefCell<Vec<Vec<OutputView>>>>, cell: usize) -> String {
    outputs
        .borrow()
        .get(cell)
        .map(|outputs| outputs.iter().map(OutputView::text).collect())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_heartbeat_says_how_long_the_loop_has_been_blocked() {
    let (host, outputs) = host_with_outputs();
    let root = mount_point();
    let props = HeartbeatProps {
        kernel: KernelState::Ready {
            host: host.clone(),
            status: KernelStatus::Idle,
        },
    };
    let app = yew::Renderer::<HeartbeatView>::with_root_and_props(root.clone(), props).render();
    wait_until("the idle heartbeat", 2_000.0, || {
        text(&root, "[data-testid=\"heartbeat\"]") == "boucle au repos"
    })
    .await;
    host.run(0, "import time\ntime.sleep(1.5)\nprint('fin')".to_owned());
    wait_until("the blocked heartbeat", 1_400.0, || {
        text(&root, "[role=\"status\"]").starts_with("boucle bloquée depuis ")
    })
    .await;
    assert_eq!(all(&root, ".heartbeat.blocked").len(), 1);
    assert_eq!(
        all(&root, ".heartbeat-dot.beat").len(),
        0,
        "a blocked loop does not beat"
    );
    wait_until("the end of the sleep", 3_000.0, || {
        printed(&outputs, 0) == "fin\n"
    })
    .await;
    wait_until("the idle heartbeat again", 2_000.0, || {
        text(&root, "[role=\"status\"]") == "boucle au repos"
    })
    .await;
    app.destroy();
}

/// A `blob:` URL whose content is `text`.
fn blob_url(text: &str) -> String {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = match Blob::new_with_str_sequence(&parts) {
        Ok(blob) => blob,
        Err(error) => panic!("cannot make a blob: {error:?}"),
    };
    match Url::create_object_url_with_blob(&blob) {
        Ok(url) => url,
        Err(error) => panic!("cannot make a blob URL: {error:?}"),
    }
}

#[wasm_bindgen_test]
async fn python_reads_fetched_text_and_sees_failures_as_exceptions() {
    let small = blob_url("<b>hello</b> é");
    let huge = blob_url(&"x".repeat(fetch::MAX_BODY + 1));
    let (host, outputs) = host_with_outputs();
    let source = format!(
        "import _http\n\
         def case(label, url):\n    \
             try:\n        \
                 print(label, _http.get(url, 5))\n    \
             except Exception as e:\n        \
                 print(label, type(e).__name__, e)\n\
         case('small', '{small}')\n\
         case('huge', '{huge}')\n\
         case('refused', 'http://127.0.0.1:9/')\n\
         case('bad', 'http://[')\n"
    );
    host.run(0, source);
    wait_until("the four cases", 10_000.0, || {
        printed(&outputs, 0).lines().count() >= 4
    })
    .await;
    let text = printed(&outputs, 0);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "small (200, '<b>hello</b> é', None)");
    assert_eq!(lines[1], "huge OSError the reply is larger than 5 MB");
    assert!(
        lines[2].starts_with("refused ConnectionError cannot reach the server"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("bad OSError cannot make the request"),
        "{text}"
    );
    assert_eq!(host.requests_in_flight(), 0);
}

#[wasm_bindgen_test]
async fn a_dropped_request_is_aborted_and_never_answered() {
    let url = blob_url("late");
    let answered = Rc::new(Cell::new(false));
    let handle = {
        let answered = answered.clone();
        fetch::get(&url, &[], 5.0, move |_| answered.set(true))
    };
    match handle {
        Ok(in_flight) => drop(in_flight),
        Err(reply) => panic!("the request did not start: {reply:?}"),
    }
    TimeoutFuture::new(200).await;
    assert!(!answered.get());

    // The same request, kept, is answered.
    let reply = Rc::new(RefCell::new(None));
    let handle = {
        let reply = reply.clone();
        fetch::get(&url, &[], 5.0, move |r| *reply.borrow_mut() = Some(r))
    };
    wait_until("the reply", 2_000.0, || reply.borrow().is_some()).await;
    drop(handle);
    assert_eq!(
        reply.borrow().clone(),
        Some(HostReply::Http {
            status: 200,
            body: "late".to_owned(),
            retry_after: None,
        })
    );
}

/// The run views of cell `index`, in a page that provides `views`.
#[derive(yew::Properties, PartialEq)]
struct WithViewsProps {
    views: Views,
    index: usize,
    #[prop_or(true)]
    compare: bool,
}

#[yew::function_component(WithViews)]
fn with_views(props: &WithViewsProps) -> yew::Html {
    yew::html! {
        <yew::ContextProvider<Views> context={props.views.clone()}>
            <RunViews index={props.index} compare={props.compare} />
        </yew::ContextProvider<Views>>
    }
}

/// A finished run of `source` as cell `cell`, as the host would send it.
fn batch(cell: usize, source: &str) -> TimelineBatch {
    let (events, _, cell_id) = record(source);
    TimelineBatch {
        cell,
        host: 1,
        count: cell as u32 + 1,
        cell_id,
        now: events.last().map_or(0.0, |e| e.time),
        events,
        live: false,
    }
}

#[wasm_bindgen_test]
async fn the_exercise_is_compared_with_cell_f_and_stand_ins_are_flagged() {
    let duration = "print(\"Durée totale d'exécution: %.2f secondes\" % (time.time() - start))";
    let sync =
        format!("import time\nstart = time.time()\ntime.sleep(6)\ntime.sleep(6)\n{duration}");
    let exercise = format!(
        "import asyncio, time\nstart = time.time()\n\
         await asyncio.gather(asyncio.sleep(6), asyncio.sleep(6))\n\
         print(\"[Awaitable offline stand-in, not Wikipedia's text] Une coroutine…\")\n{duration}"
    );
    let mut records = RunRecords::default();
    records.apply(batch(0, &sync));
    records.apply(batch(1, &exercise));
    let views = Views {
        lang: Lang::En,
        records: Rc::new(records),
        references: Rc::new([(1, 0)]),
    };
    let root = mount_point();
    let props = WithViewsProps {
        views: views.clone(),
        index: 1,
        compare: false,
    };
    let app = yew::Renderer::<WithViews>::with_root_and_props(root.clone(), props).render();
    wait_until("the views", 2_000.0, || {
        !all(&root, "[data-testid=\"comparison-2\"]").is_empty()
    })
    .await;
    assert_eq!(
        text(&root, "[data-testid=\"comparison-2-sync\"]"),
        "12.00 s"
    );
    assert_eq!(
        text(&root, "[data-testid=\"comparison-2-async\"]"),
        "6.00 s"
    );
    assert_eq!(
        text(&root, "[data-testid=\"comparison-2-speedup\"]"),
        "×2.0"
    );
    assert_eq!(
        text(&root, "[data-testid=\"offline-notice-2\"]"),
        "Offline stand-in — not Wikipedia's text"
    );
    assert_eq!(all(&root, "[data-testid=\"timeline-2\"] .lane").len(), 3);
    app.destroy();

    // Cell (f) alone printed one duration: a timeline, nothing to compare.
    let root = mount_point();
    let props = WithViewsProps {
        views,
        index: 0,
        compare: true,
    };
    let app = yew::Renderer::<WithViews>::with_root_and_props(root.clone(), props).render();
    wait_until("the views of cell (f)", 2_000.0, || {
        !all(&root, "[data-testid=\"timeline-1\"]").is_empty()
    })
    .await;
    assert!(all(&root, ".comparison").is_empty());
    assert!(all(&root, ".offline-notice").is_empty());
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_fast_clock_skips_sleeps_exactly_and_can_be_switched_on_mid_sleep() {
    let (host, outputs) = host_with_outputs();
    host.set_clock(ClockChoice::Fast);
    host.run(0, CELL_D.replace("sleep(1)", "sleep(10)"));
    wait_until("cell (d) on the fast clock", 3_000.0, || {
        printed(&outputs, 0).matches("Durée totale").count() == 2
    })
    .await;
    let text = printed(&outputs, 0);
    assert!(
        text.contains("30.00 secondes") && text.contains("10.00 secondes"),
        "{text}"
    );

    let (host, outputs) = host_with_outputs();
    host.run(
        0,
        "import time\nstart = time.time()\ntime.sleep(60)\nprint(round(time.time() - start))"
            .to_owned(),
    );
    TimeoutFuture::new(100).await;
    assert_eq!(printed(&outputs, 0), "");
    host.set_clock(ClockChoice::Fast);
    wait_until("the sleep to end", 1_000.0, || {
        printed(&outputs, 0) == "60\n"
    })
    .await;
}

#[wasm_bindgen_test]
async fn only_cells_that_compare_show_a_comparison() {
    let mut records = RunRecords::default();
    records.apply(batch(0, CELL_D));
    let views = Views {
        lang: Lang::En,
        records: Rc::new(records),
        references: Rc::new([]),
    };
    for compare in [true, false] {
        let root = mount_point();
        let props = WithViewsProps {
            views: views.clone(),
            index: 0,
            compare,
        };
        let app = yew::Renderer::<WithViews>::with_root_and_props(root.clone(), props).render();
        wait_until("the timeline", 2_000.0, || {
            !all(&root, "[data-testid=\"timeline-1\"]").is_empty()
        })
        .await;
        assert_eq!(
            all(&root, "[data-testid=\"comparison-1\"]").len(),
            usize::from(compare)
        );
        app.destroy();
    }
}
