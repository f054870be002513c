//! The event loop's heartbeat: a dot that beats while the Python loop is
//! free to run tasks and stops, with "boucle bloquée depuis 2,3 s", while a
//! `time.sleep` or a long computation holds it.
//!
//! The host keeps the [`Heartbeat`](awaitable_notebook::heartbeat::Heartbeat)
//! model up to date ([`Host::heartbeat`](crate::host::Host::heartbeat)); this
//! view asks it four times a second while the page is visible. The dot only
//! pulses when a beat comes (and not at all under `prefers-reduced-motion`,
//! see `www/views.css`); the text is a polite status that changes at most
//! once a second, so that a screen reader is not flooded.

use std::rc::Rc;

use awaitable_notebook::course::Lang;
use awaitable_notebook::heartbeat::HeartbeatStatus;
use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::components::run_views::Views;
use crate::host::BrowserClock;
use crate::state::KernelState;

/// How often the view asks the host, in milliseconds.
pub const TICK_MS: u32 = 250;

/// The least time between two changes of the status text, in milliseconds.
pub const LABEL_PERIOD_MS: f64 = 1000.0;

/// How the loop looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pulse {
    /// Nothing to run.
    Idle,
    /// Tasks are pending and the loop runs them.
    Free,
    /// The loop cannot run any task.
    Blocked,
}

impl Pulse {
    fn of(status: &HeartbeatStatus) -> Pulse {
        match status {
            HeartbeatStatus::Idle => Pulse::Idle,
            HeartbeatStatus::Free { .. } => Pulse::Free,
            HeartbeatStatus::Blocked { .. } => Pulse::Blocked,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Pulse::Idle => "idle",
            Pulse::Free => "free",
            Pulse::Blocked => "blocked",
        }
    }
}

/// What the heartbeat shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Display {
    /// How the dot looks (changes at once).
    pub pulse: Pulse,
    /// Beats so far: the dot pulses when it changes.
    pub beats: u64,
    /// The status text (changes at most every [`LABEL_PERIOD_MS`]).
    pub label: String,
    /// When the text last changed, in page milliseconds.
    pub label_at_ms: f64,
}

impl Display {
    /// The display before anything is known: the loop is idle.
    pub fn idle(lang: Lang) -> Display {
        Display {
            pulse: Pulse::Idle,
            beats: 0,
            label: HeartbeatStatus::Idle.label(lang),
            label_at_ms: f64::NEG_INFINITY,
        }
    }

    /// The display after `status` is seen at page time `now_ms`: the dot
    /// follows at once, the text once [`LABEL_PERIOD_MS`] have passed since
    /// it last changed.
    pub fn next(&self, status: &HeartbeatStatus, lang: Lang, now_ms: f64) -> Display {
        let beats = match status {
            HeartbeatStatus::Free { beats } => *beats,
            _ => self.beats,
        };
        let label = status.label(lang);
        let (label, label_at_ms) =
            if label != self.label && now_ms - self.label_at_ms >= LABEL_PERIOD_MS {
                (label, now_ms)
            } else {
                (self.label.clone(), self.label_at_ms)
            };
        Display {
            pulse: Pulse::of(status),
            beats,
            label,
            label_at_ms,
        }
    }
}

/// What changes the display.
pub enum Tick {
    /// The host's status at a page time, in a language.
    Seen(HeartbeatStatus, Lang, f64),
}

impl Reducible for Display {
    type Action = Tick;

    fn reduce(self: Rc<Self>, Tick::Seen(status, lang, now_ms): Tick) -> Rc<Self> {
        Rc::new(self.next(&status, lang, now_ms))
    }
}

/// The heartbeat's properties.
#[derive(Properties, PartialEq)]
pub struct HeartbeatProps {
    /// The kernel whose loop it shows.
    pub kernel: KernelState,
}

/// Whether the page is hidden (another tab, a minimised window).
fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .is_some_and(|document| document.hidden())
}

/// The heartbeat indicator.
#[function_component(HeartbeatView)]
pub fn heartbeat_view(props: &HeartbeatProps) -> Html {
    let lang = use_context::<Views>()
        .map(|views| views.lang)
        .unwrap_or_default();
    let display = use_reducer_eq(|| Display::idle(lang));
    let host = match &props.kernel {
        KernelState::Ready { host, .. } => Some(host.clone()),
        _ => None,
    };
    {
        let dispatcher = display.dispatcher();
        use_effect_with((host, lang), move |(host, lang)| {
            let (host, lang) = (host.clone(), *lang);
            let clock = BrowserClock::new();
            let tick = move || {
                if page_hidden() {
                    return;
                }
                let status = match &host {
                    Some(host) => host.heartbeat(),
                    None => Some(HeartbeatStatus::Idle),
                };
                if let Some(status) = status {
                    dispatcher.dispatch(Tick::Seen(status, lang, clock.now_ms()));
                }
            };
            tick();
            // Owned by the effect: the next host, another language or
            // unmounting drops it.
            let interval = Interval::new(TICK_MS, tick);
            move || drop(interval)
        });
    }
    let pulse = display.pulse;
    html! {
        <span class={classes!("heartbeat", pulse.class())} data-testid="heartbeat">
            <span key={display.beats.to_string()}
                class={classes!("heartbeat-dot", (pulse == Pulse::Free).then_some("beat"))}
                aria-hidden="true"></span>
            <span class="heartbeat-label" role="status">{ display.label.clone() }</span>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use awaitable_notebook::course::Lang;
    use awaitable_notebook::heartbeat::HeartbeatStatus;

    use crate::components::heartbeat::{Display, Pulse};

    fn blocked(for_seconds: f64) -> HeartbeatStatus {
        HeartbeatStatus::Blocked {
            since: 1.0,
            for_seconds,
            reason: "time.sleep(2)".to_owned(),
        }
    }

    #[test]
    fn the_dot_follows_at_once_and_the_text_at_most_every_second() {
        let display = Display::idle(Lang::Fr);
        assert_eq!(display.label, "boucle au repos");
        let display = display.next(&blocked(0.3), Lang::Fr, 100.0);
        assert_eq!(display.pulse, Pulse::Blocked);
        assert_eq!(display.label, "boucle bloquée depuis 0,3 s");
        let display = display.next(&blocked(0.8), Lang::Fr, 600.0);
        assert_eq!(display.label, "boucle bloquée depuis 0,3 s");
        let display = display.next(&HeartbeatStatus::Free { beats: 3 }, Lang::Fr, 900.0);
        assert_eq!((display.pulse, display.beats), (Pulse::Free, 3));
        assert_eq!(display.label, "boucle bloquée depuis 0,3 s");
        let display = display.next(&HeartbeatStatus::Free { beats: 4 }, Lang::Fr, 1100.0);
        assert_eq!(display.label, "boucle libre");
        assert_eq!(display.label_at_ms, 1100.0);
    }

    #[test]
    fn an_unchanged_status_changes_nothing() {
        let display = Display::idle(Lang::En).next(&HeartbeatStatus::Idle, Lang::En, 5000.0);
        assert_eq!(display, Display::idle(Lang::En));
    }
}
