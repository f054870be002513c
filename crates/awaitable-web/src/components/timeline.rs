//! A run's timeline, drawn as an inline SVG: one row per task (the cell's
//! own first), a row for the intervals during which the loop was blocked, a
//! time axis and a legend.
//!
//! Every state has its own colour *and* texture (hatching, dots, lines,
//! cross-hatching), so that the states read apart without colour. Each piece
//! of a row is focusable (one Tab stop per row, the arrow keys move between
//! pieces and rows, Home and End go to a row's ends); hovering or focusing
//! one shows what it was, when it started and how long it lasted, which its
//! `<title>` also says. The row's sentence from
//! [`describe_lane`](awaitable_notebook::timeline::describe_lane) describes it (`aria-describedby`), and the whole
//! timeline has a text alternative: a visually hidden list of those
//! sentences.
//!
//! What to draw, and the words for it, come from [`layout`].

pub mod layout;

use std::collections::HashMap;
use std::rc::Rc;

use awaitable_notebook::course::Lang;
use awaitable_notebook::timeline::{axis_ticks, summary, Timeline};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::timeline::layout::{
    label_width, navigate, rows, seconds, short_name, text, tick_label, Kind, Row, LABEL_WIDTH,
    MAX_ROWS, PLOT_WIDTH, WIDTH,
};

const ROW_HEIGHT: f64 = 20.0;
const ROW_GAP: f64 = 8.0;
const TOP: f64 = 6.0;
const AXIS_HEIGHT: f64 = 28.0;

/// The most ticks on the time axis.
const MAX_TICKS: usize = 7;

/// The timeline's properties.
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The cell's code-cell number, from 1 (for test ids and labels).
    pub number: usize,
    /// The timeline.
    pub timeline: Rc<Timeline>,
    /// The language of labels and descriptions.
    #[prop_or_default]
    pub lang: Lang,
    /// Whether the run still goes on (the timeline grows).
    #[prop_or_default]
    pub live: bool,
    /// Whether events were left out for lack of room.
    #[prop_or_default]
    pub truncated: bool,
}

/// A run's timeline.
#[function_component(TimelineView)]
pub fn timeline_view(props: &TimelineProps) -> Html {
    let lang = props.lang;
    let rows = use_memo((props.timeline.clone(), lang), |(timeline, lang)| {
        rows(timeline, *lang)
    });
    // The piece hovered or focused, and each row's Tab stop.
    let shown = use_state(|| None::<(usize, usize)>);
    let stops = use_state(HashMap::<usize, usize>::new);
    let prefix = format!("tl{}", props.number);
    let timeline = &props.timeline;
    let duration = timeline.duration();
    let x = |t: f64| LABEL_WIDTH + t / duration.max(f64::MIN_POSITIVE) * PLOT_WIDTH;
    let height = TOP + rows.len() as f64 * (ROW_HEIGHT + ROW_GAP) + AXIS_HEIGHT;
    let axis_y = TOP + rows.len() as f64 * (ROW_HEIGHT + ROW_GAP);

    let ticks = axis_ticks(0.0, duration, MAX_TICKS);
    let step = match ticks.as_slice() {
        [a, b, ..] => b - a,
        _ => duration.max(1.0),
    };

    let focus = {
        let prefix = prefix.clone();
        move |(row, piece): (usize, usize)| {
            let element = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("{prefix}-{row}-{piece}")))
                .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok());
            if let Some(element) = element {
                // Focus fails only on an element gone from the page.
                let _ = element.focus();
            }
        }
    };

    let draw_row = |(r, row): (usize, &Row)| {
        let y = TOP + r as f64 * (ROW_HEIGHT + ROW_GAP);
        let description_id = format!("{prefix}-d{r}");
        let stop = stops.get(&r).copied().unwrap_or(0);
        let pieces = row.pieces.iter().enumerate().map(|(p, piece)| {
            let x0 = x(piece.start);
            let width = (x(piece.end) - x0).max(1.0);
            let kind = piece.kind.class();
            let label = piece
                .label
                .as_ref()
                .filter(|label| label_width(label) <= width)
                .map(|label| {
                    html! {
                        <text class="segment-label" x={format!("{:.1}", x0 + 4.0)}
                            y={format!("{:.1}", y + ROW_HEIGHT / 2.0 + 4.0)} aria-hidden="true">
                            { label.clone() }
                        </text>
                    }
                });
            let onfocus = {
                let (shown, stops) = (shown.clone(), stops.clone());
                Callback::from(move |_: FocusEvent| {
                    shown.set(Some((r, p)));
                    if stops.get(&r) != Some(&p) {
                        let mut next = (*stops).clone();
                        next.insert(r, p);
                        stops.set(next);
                    }
                })
            };
            let onmouseenter = {
                let shown = shown.clone();
                Callback::from(move |_: MouseEvent| shown.set(Some((r, p))))
            };
            let onkeydown = {
                let rows = rows.clone();
                let focus = focus.clone();
                Callback::from(move |event: KeyboardEvent| {
                    if let Some(target) = navigate(&rows, (r, p), &event.key()) {
                        event.prevent_default();
                        focus(target);
                    }
                })
            };
            html! {
                <g class={classes!("segment", kind)} id={format!("{prefix}-{r}-{p}")}
                    tabindex={if p == stop { "0" } else { "-1" }} role="img"
                    aria-describedby={description_id.clone()}
                    {onfocus} {onmouseenter} {onkeydown}>
                    <title>{ piece.detail.clone() }</title>
                    <rect x={format!("{x0:.2}")} y={format!("{y:.1}")}
                        width={format!("{width:.2}")} height={format!("{ROW_HEIGHT:.1}")}
                        fill={format!("url(#{prefix}-{kind})")} />
                    { for label }
                </g>
            }
        });
        html! {
            <g class={classes!(if row.is_loop { "loop-row" } else { "lane" })}
                data-testid={format!("timeline-{}-row-{r}", props.number)}>
                <text class="lane-name" x={format!("{:.1}", LABEL_WIDTH - 6.0)}
                    y={format!("{:.1}", y + ROW_HEIGHT / 2.0 + 4.0)} text-anchor="end"
                    aria-hidden="true">
                    { short_name(&row.name) }
                </text>
                { for pieces }
            </g>
        }
    };

    let detail = (*shown)
        .and_then(|(r, p)| rows.get(r).and_then(|row| row.pieces.get(p)))
        .map(|piece| piece.detail.clone())
        .unwrap_or_else(|| {
            text(
                lang,
                "Survolez un segment, ou parcourez-les avec Tab et les flèches.",
                "Hover over a segment, or move through them with Tab and the arrow keys.",
            )
            .to_owned()
        });
    let title_id = format!("{prefix}-title");
    let hidden_rows = timeline.lanes.len().saturating_sub(MAX_ROWS);
    let status = match (props.live, props.truncated) {
        (_, true) => Some(text(
            lang,
            " (tronquée : trop d'événements)",
            " (cut short: too many events)",
        )),
        (true, false) => Some(text(lang, " (en cours)", " (running)")),
        (false, false) => None,
    };
    let onmouseleave = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(None))
    };

    html! {
        <figure class="timeline" data-testid={format!("timeline-{}", props.number)}
            aria-labelledby={title_id.clone()}>
            <figcaption id={title_id.clone()}>
                { text(lang, "Chronologie des tâches", "Task timeline") }
                { for status }
            </figcaption>
            <svg class="timeline-chart" viewBox={format!("0 0 {WIDTH} {height:.0}")}
                width="100%" preserveAspectRatio="xMinYMin meet" role="group"
                aria-labelledby={title_id} {onmouseleave}>
                { patterns(&prefix) }
                <g class="axis" aria-hidden="true">
                    { for ticks.iter().map(|t| {
                        let tx = format!("{:.2}", x(*t));
                        html! {
                            <g>
                                <line class="grid" x1={tx.clone()} x2={tx.clone()} y1={format!("{TOP}")}
                                    y2={format!("{:.1}", axis_y + 4.0)} />
                                <text class="tick" x={tx} y={format!("{:.1}", axis_y + 18.0)}
                                    text-anchor="middle">{ tick_label(*t, step, lang) }</text>
                            </g>
                        }
                    }) }
                </g>
                { for rows.iter().enumerate().map(draw_row) }
            </svg>
            <p class="timeline-detail" aria-hidden="true">{ detail }</p>
            <ul class="timeline-legend" aria-label={text(lang, "Légende", "Legend")}>
                { for Kind::ALL.into_iter().map(|kind| html! {
                    <li>
                        <svg class="swatch" viewBox="0 0 18 12" width="18" height="12" aria-hidden="true">
                            <rect width="18" height="12" fill={format!("url(#{prefix}-{})", kind.class())} />
                        </svg>
                        { kind.name(lang) }
                    </li>
                }) }
            </ul>
            <div class="visually-hidden">
                <p>{ summary_sentence(timeline, lang) }</p>
                <ul>
                    { for rows.iter().enumerate().map(|(r, row)| html! {
                        <li id={format!("{prefix}-d{r}")}>{ row.description.clone() }</li>
                    }) }
                    if hidden_rows > 0 {
                        <li>{ match lang {
                            Lang::Fr => format!("Et {hidden_rows} autres tâches, non dessinées."),
                            Lang::En => format!("And {hidden_rows} more tasks, not drawn."),
                        } }</li>
                    }
                </ul>
            </div>
        </figure>
    }
}

/// `Durée 40,00 s ; 4 tâches ; boucle bloquée 30,00 s.`
fn summary_sentence(timeline: &Timeline, lang: Lang) -> String {
    let totals = summary(timeline);
    let tasks = timeline.lanes.len();
    match lang {
        Lang::Fr => format!(
            "Durée {} ; {tasks} tâche{} ; boucle occupée {} dont bloquée {} ; plus longue attente {}.",
            seconds(totals.wall, lang),
            if tasks > 1 { "s" } else { "" },
            seconds(totals.cpu_running, lang),
            seconds(totals.blocked, lang),
            seconds(totals.longest_wait, lang),
        ),
        Lang::En => format!(
            "Duration {}; {tasks} task{}; loop busy {} of which blocked {}; longest wait {}.",
            seconds(totals.wall, lang),
            if tasks > 1 { "s" } else { "" },
            seconds(totals.cpu_running, lang),
            seconds(totals.blocked, lang),
            seconds(totals.longest_wait, lang),
        ),
    }
}

/// The fills: a colour and a texture per state (Okabe–Ito colours, which
/// read apart with the common colour-vision deficiencies; the textures read
/// apart without colour at all).
fn patterns(prefix: &str) -> Html {
    html! {
        <defs>
            <pattern id={format!("{prefix}-running")} width="6" height="6"
                patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#0072B2" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-opacity="0.5" stroke-width="2" />
            </pattern>
            <pattern id={format!("{prefix}-awaiting")} width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="#FBE3B4" />
                <circle cx="3" cy="3" r="1.1" fill="#9A5B00" />
            </pattern>
            <pattern id={format!("{prefix}-ready")} width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="#E3E5E8" />
                <line x1="0" y1="3" x2="6" y2="3" stroke="#5B6475" stroke-width="1" />
            </pattern>
            <pattern id={format!("{prefix}-blocked")} width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" fill="#D55E00" />
                <path d="M0,0 L6,6 M6,0 L0,6" stroke="#ffffff" stroke-opacity="0.7" stroke-width="1.2" />
            </pattern>
        </defs>
    }
}
