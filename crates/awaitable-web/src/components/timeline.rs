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
//! [`describe_lane`] describes it (`aria-describedby`), and the whole
//! timeline has a text alternative: a visually hidden list of those
//! sentences.
//!
//! Pieces narrower than [`MIN_PIECE_PX`] are merged with their equally thin
//! neighbours, so that a task that awaited ten thousand times draws (and
//! tabs through) a few hundred pieces, not ten thousand.

use std::collections::HashMap;
use std::rc::Rc;

use awaitable_notebook::course::Lang;
use awaitable_notebook::timeline::{
    axis_ticks, describe_lane, format_number, summary, SegmentState, Timeline,
};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The drawing's width, in SVG units (pixels at full width).
pub const WIDTH: f64 = 720.0;

/// Width of the row names.
const LABEL_WIDTH: f64 = 92.0;

/// Room right of the plot, for the last tick's label.
const RIGHT_PAD: f64 = 18.0;

/// The plot's width.
pub const PLOT_WIDTH: f64 = WIDTH - LABEL_WIDTH - RIGHT_PAD;

const ROW_HEIGHT: f64 = 20.0;
const ROW_GAP: f64 = 8.0;
const TOP: f64 = 6.0;
const AXIS_HEIGHT: f64 = 28.0;

/// Pieces narrower than this many units are merged with their thin
/// neighbours.
pub const MIN_PIECE_PX: f64 = 3.0;

/// The most task rows drawn; the text alternative says how many more there
/// were.
pub const MAX_ROWS: usize = 24;

/// The most ticks on the time axis.
const MAX_TICKS: usize = 7;

/// What a piece shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The task ran Python code.
    Running,
    /// The task waited for something.
    Awaiting,
    /// The task could run but waited for its turn.
    Ready,
    /// The loop was blocked (in a task's row: it ran a blocking call).
    Blocked,
}

impl Kind {
    /// Every kind, in the legend's order.
    pub const ALL: [Kind; 4] = [Kind::Running, Kind::Awaiting, Kind::Ready, Kind::Blocked];

    fn of(state: &SegmentState) -> Kind {
        match state {
            SegmentState::Running => Kind::Running,
            SegmentState::Awaiting(_) => Kind::Awaiting,
            SegmentState::Ready => Kind::Ready,
            SegmentState::Blocked => Kind::Blocked,
        }
    }

    /// The CSS class and pattern-id suffix.
    pub fn class(self) -> &'static str {
        match self {
            Kind::Running => "running",
            Kind::Awaiting => "awaiting",
            Kind::Ready => "ready",
            Kind::Blocked => "blocked",
        }
    }

    /// The legend's name for it.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Running, Lang::Fr) => "exécute du Python",
            (Kind::Running, Lang::En) => "running Python",
            (Kind::Awaiting, Lang::Fr) => "attend (await)",
            (Kind::Awaiting, Lang::En) => "awaiting",
            (Kind::Ready, Lang::Fr) => "prête, attend son tour",
            (Kind::Ready, Lang::En) => "ready, waiting its turn",
            (Kind::Blocked, Lang::Fr) => "boucle bloquée",
            (Kind::Blocked, Lang::En) => "loop blocked",
        }
    }
}

/// One drawn piece of a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Start, in seconds from the timeline's start.
    pub start: f64,
    /// End, in seconds from the timeline's start.
    pub end: f64,
    /// What it shows (for merged pieces, the state that lasted longest).
    pub kind: Kind,
    /// The text drawn inside it when it fits: what was awaited, or what
    /// blocked the loop.
    pub label: Option<String>,
    /// What it was, when and for how long, in words.
    pub detail: String,
}

/// One row of the drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The name shown left of it.
    pub name: String,
    /// Its sentence for screen readers.
    pub description: String,
    /// Whether this is the loop's row (blocked intervals), not a task's.
    pub is_loop: bool,
    /// Its pieces, in time order.
    pub pieces: Vec<Piece>,
}

fn text(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

fn seconds(x: f64, lang: Lang) -> String {
    format!("{} s", format_number(x, 2, lang))
}

/// What a state was, in words: `attend sleep(10)`, `running Python`.
fn state_words(state: &SegmentState, lang: Lang) -> String {
    match state {
        SegmentState::Awaiting(what) => format!("{} {what}", text(lang, "attend", "awaiting")),
        SegmentState::Blocked => text(lang, "bloque la boucle", "blocking the loop").to_owned(),
        other => Kind::of(other).name(lang).to_owned(),
    }
}

/// `Task-2 : attend sleep(10), début 0,00 s, durée 10,00 s`.
fn detail(row: &str, what: &str, start: f64, end: f64, lang: Lang) -> String {
    let (start, duration) = (seconds(start, lang), seconds(end - start, lang));
    match lang {
        Lang::Fr => format!("{row} : {what}, début {start}, durée {duration}"),
        Lang::En => format!("{row}: {what}, from {start}, for {duration}"),
    }
}

/// The display name of a lane: `cellule`/`cell` for the cell's own task.
fn lane_name(name: &str, is_cell: bool, lang: Lang) -> String {
    if is_cell {
        text(lang, "cellule", "cell").to_owned()
    } else {
        name.to_owned()
    }
}

/// A stretch to draw, before merging.
struct Stretch {
    start: f64,
    end: f64,
    state: SegmentState,
    label: Option<String>,
}

/// Merges runs of stretches thinner than [`MIN_PIECE_PX`] (at `px_per_s`)
/// into pieces at least that wide; wider stretches stay as they are.
fn pieces(row: &str, stretches: Vec<Stretch>, px_per_s: f64, lang: Lang) -> Vec<Piece> {
    let thin = |s: &Stretch| (s.end - s.start) * px_per_s < MIN_PIECE_PX;
    let mut out: Vec<Piece> = Vec::new();
    let mut group: Vec<Stretch> = Vec::new();
    let flush = |group: &mut Vec<Stretch>, out: &mut Vec<Piece>| {
        if let Some(piece) = merge(row, std::mem::take(group), lang) {
            out.push(piece);
        }
    };
    for stretch in stretches {
        if thin(&stretch) {
            group.push(stretch);
            let (first, last) = (group.first(), group.last());
            if let (Some(first), Some(last)) = (first, last) {
                if (last.end - first.start) * px_per_s >= MIN_PIECE_PX {
                    flush(&mut group, &mut out);
                }
            }
        } else {
            flush(&mut group, &mut out);
            flush(&mut vec![stretch], &mut out);
        }
    }
    flush(&mut group, &mut out);
    out
}

/// One piece for consecutive stretches.
fn merge(row: &str, group: Vec<Stretch>, lang: Lang) -> Option<Piece> {
    let start = group.first()?.start;
    let end = group.last()?.end;
    if group.len() == 1 {
        let stretch = group.into_iter().next()?;
        let what = state_words(&stretch.state, lang);
        return Some(Piece {
            start,
            end,
            kind: Kind::of(&stretch.state),
            label: stretch.label,
            detail: detail(row, &what, start, end, lang),
        });
    }
    // Time per kind, to name the merged piece after the longest.
    let mut totals: HashMap<Kind, f64> = HashMap::new();
    for stretch in &group {
        *totals.entry(Kind::of(&stretch.state)).or_default() += stretch.end - stretch.start;
    }
    let kind = Kind::ALL
        .into_iter()
        .max_by(|a, b| {
            let (x, y) = (totals.get(a), totals.get(b));
            x.unwrap_or(&-1.0).total_cmp(y.unwrap_or(&-1.0))
        })
        .unwrap_or(Kind::Running);
    let parts: Vec<String> = Kind::ALL
        .into_iter()
        .filter_map(|k| {
            totals
                .get(&k)
                .map(|t| format!("{} {}", k.name(lang), seconds(*t, lang)))
        })
        .collect();
    let what = match lang {
        Lang::Fr => format!("{} moments brefs ({})", group.len(), parts.join(", ")),
        Lang::En => format!("{} short moments ({})", group.len(), parts.join(", ")),
    };
    Some(Piece {
        start,
        end,
        kind,
        label: None,
        detail: detail(row, &what, start, end, lang),
    })
}

/// The rows of a timeline's drawing: the loop's row first if the loop was
/// ever blocked, then at most [`MAX_ROWS`] task rows. Times are relative to
/// the timeline's start.
pub fn rows(timeline: &Timeline, lang: Lang) -> Vec<Row> {
    let t0 = timeline.start;
    let px_per_s = PLOT_WIDTH / timeline.duration().max(f64::MIN_POSITIVE);
    let mut rows = Vec::new();
    if !timeline.blocked.is_empty() {
        let name = text(lang, "boucle", "loop").to_owned();
        let stretches = timeline
            .blocked
            .iter()
            .map(|b| Stretch {
                start: b.start - t0,
                end: b.end - t0,
                state: SegmentState::Blocked,
                label: Some(b.reason.clone()),
            })
            .collect();
        let mut pieces = pieces(&name, stretches, px_per_s, lang);
        for piece in &mut pieces {
            if let Some(reason) = &piece.label {
                let by = text(lang, "bloquée par", "blocked by");
                piece.detail = detail(
                    &name,
                    &format!("{by} {reason}"),
                    piece.start,
                    piece.end,
                    lang,
                );
            }
        }
        rows.push(Row {
            description: blocked_sentence(timeline, lang),
            name,
            is_loop: true,
            pieces,
        });
    }
    for lane in timeline.lanes.iter().take(MAX_ROWS) {
        let name = lane_name(&lane.name, lane.is_cell, lang);
        let stretches = lane
            .segments
            .iter()
            .map(|s| Stretch {
                start: s.start - t0,
                end: s.end - t0,
                label: match &s.state {
                    SegmentState::Awaiting(what) => Some(what.clone()),
                    _ => None,
                },
                state: s.state.clone(),
            })
            .collect();
        rows.push(Row {
            pieces: pieces(&name, stretches, px_per_s, lang),
            description: describe_lane(lane, lang),
            name,
            is_loop: false,
        });
    }
    rows
}

/// `Boucle bloquée 30,00 s : time.sleep(10), ...` for the loop's row.
fn blocked_sentence(timeline: &Timeline, lang: Lang) -> String {
    let total = summary(timeline).blocked;
    let mut reasons: Vec<&str> = Vec::new();
    for b in &timeline.blocked {
        if !reasons.contains(&b.reason.as_str()) {
            reasons.push(&b.reason);
        }
    }
    let more = reasons.len().saturating_sub(5);
    let mut list = reasons.into_iter().take(5).collect::<Vec<_>>().join(", ");
    if more > 0 {
        list.push_str(&match lang {
            Lang::Fr => format!(" et {more} autres"),
            Lang::En => format!(" and {more} more"),
        });
    }
    match lang {
        Lang::Fr => format!(
            "Boucle : bloquée {} en tout ({} fois), par {list}.",
            seconds(total, lang),
            timeline.blocked.len()
        ),
        Lang::En => format!(
            "Loop: blocked {} in all ({} times), by {list}.",
            seconds(total, lang),
            timeline.blocked.len()
        ),
    }
}

/// Where the arrow keys (and Home, End) go from piece `at` = (row, piece).
pub fn navigate(rows: &[Row], at: (usize, usize), key: &str) -> Option<(usize, usize)> {
    let (row, piece) = at;
    let count = |r: usize| rows.get(r).map_or(0, |row| row.pieces.len());
    match key {
        "ArrowRight" => (piece + 1 < count(row)).then_some((row, piece + 1)),
        "ArrowLeft" => piece.checked_sub(1).map(|p| (row, p)),
        "Home" => (count(row) > 0).then_some((row, 0)),
        "End" => count(row).checked_sub(1).map(|p| (row, p)),
        "ArrowDown" | "ArrowUp" => {
            let current = rows.get(row)?.pieces.get(piece)?;
            let middle = (current.start + current.end) / 2.0;
            let mut target = row;
            // The next row up or down that has pieces.
            loop {
                target = if key == "ArrowDown" {
                    target + 1
                } else {
                    target.checked_sub(1)?
                };
                let next = rows.get(target)?;
                if next.pieces.is_empty() {
                    continue;
                }
                let nearest = next
                    .pieces
                    .iter()
                    .enumerate()
                    .min_by(|(_, a), (_, b)| distance(a, middle).total_cmp(&distance(b, middle)))
                    .map(|(i, _)| i)?;
                return Some((target, nearest));
            }
        }
        _ => None,
    }
}

/// How far `t` is from a piece (0 inside it).
fn distance(piece: &Piece, t: f64) -> f64 {
    if t < piece.start {
        piece.start - t
    } else if t > piece.end {
        t - piece.end
    } else {
        0.0
    }
}

/// Tick labels with as many decimals as the step needs.
fn tick_label(t: f64, step: f64, lang: Lang) -> String {
    let decimals = if step >= 1.0 {
        0
    } else if step >= 0.1 {
        1
    } else if step >= 0.01 {
        2
    } else {
        3
    };
    format!("{} s", format_number(t, decimals, lang))
}

/// Names longer than this are cut in the drawing (the description has them
/// whole).
const MAX_NAME_CHARS: usize = 12;

fn short_name(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        name.to_owned()
    } else {
        let head: String = name.chars().take(MAX_NAME_CHARS - 1).collect();
        format!("{head}…")
    }
}

/// Roughly how wide a label is at the drawing's font size.
fn label_width(label: &str) -> f64 {
    label.chars().count() as f64 * 6.2 + 8.0
}

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

#[cfg(test)]
mod tests {
    use awaitable_notebook::course::Lang;
    use awaitable_notebook::timeline::{Interval, Lane, Outcome, Segment, SegmentState, Timeline};

    use crate::components::timeline::{navigate, rows, Kind, MIN_PIECE_PX, PLOT_WIDTH};

    fn segment(start: f64, end: f64, state: SegmentState) -> Segment {
        Segment { start, end, state }
    }

    fn lane(task: u64, name: &str, is_cell: bool, segments: Vec<Segment>) -> Lane {
        Lane {
            task,
            name: name.to_owned(),
            parent: None,
            is_cell,
            segments,
            outcome: Outcome::Done,
        }
    }

    /// Course cell (d)'s second half: the cell gathers three 10 s sleeps.
    fn gathered() -> Timeline {
        let sleep = |task, name: &str| {
            lane(
                task,
                name,
                false,
                vec![
                    segment(100.0, 100.001, SegmentState::Running),
                    segment(100.001, 110.0, SegmentState::Awaiting("sleep(10)".into())),
                    segment(110.0, 110.001, SegmentState::Running),
                ],
            )
        };
        Timeline {
            start: 100.0,
            end: 110.002,
            lanes: vec![
                lane(
                    1,
                    "Cell-1",
                    true,
                    vec![
                        segment(100.0, 100.001, SegmentState::Running),
                        segment(100.001, 110.001, SegmentState::Awaiting("gather".into())),
                        segment(110.001, 110.002, SegmentState::Running),
                    ],
                ),
                sleep(2, "Task-2"),
                sleep(3, "Task-3"),
                sleep(4, "Task-4"),
            ],
            blocked: vec![],
            outputs: vec![],
        }
    }

    #[test]
    fn one_row_per_task_with_the_cell_first_and_details_in_words() {
        let rows = rows(&gathered(), Lang::En);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["cell", "Task-2", "Task-3", "Task-4"]);
        let wait = rows[1]
            .pieces
            .iter()
            .find(|p| p.kind == Kind::Awaiting)
            .expect("an awaiting piece");
        assert_eq!(wait.label.as_deref(), Some("sleep(10)"));
        assert_eq!(
            wait.detail,
            "Task-2: awaiting sleep(10), from 0.00 s, for 10.00 s"
        );
        assert!(rows[1].description.starts_with("Task-2: ran"));
    }

    #[test]
    fn the_loop_row_comes_first_when_the_loop_was_blocked() {
        let timeline = Timeline {
            start: 0.0,
            end: 10.0,
            lanes: vec![lane(
                1,
                "Cell-1",
                true,
                vec![segment(0.0, 10.0, SegmentState::Blocked)],
            )],
            blocked: vec![Interval {
                start: 0.0,
                end: 10.0,
                reason: "time.sleep(10)".into(),
            }],
            outputs: vec![],
        };
        let rows = rows(&timeline, Lang::Fr);
        assert!(rows[0].is_loop);
        assert_eq!(rows[0].name, "boucle");
        assert_eq!(
            rows[0].pieces[0].detail,
            "boucle : bloquée par time.sleep(10), début 0,00 s, durée 10,00 s"
        );
        assert_eq!(rows[1].name, "cellule");
    }

    #[test]
    fn thin_pieces_merge_so_that_a_busy_lane_stays_drawable() {
        let segments: Vec<Segment> = (0..10_000)
            .map(|i| {
                let t = f64::from(i) * 0.001;
                let state = if i % 2 == 0 {
                    SegmentState::Running
                } else {
                    SegmentState::Awaiting("sleep(0)".into())
                };
                segment(t, t + 0.001, state)
            })
            .collect();
        let timeline = Timeline {
            start: 0.0,
            end: 10.0,
            lanes: vec![lane(1, "Cell-1", true, segments)],
            blocked: vec![],
            outputs: vec![],
        };
        let rows = rows(&timeline, Lang::En);
        let count = rows[0].pieces.len() as f64;
        assert!(count <= PLOT_WIDTH / MIN_PIECE_PX + 1.0, "{count} pieces");
        assert!(rows[0].pieces[0].detail.contains("short moments"));
        // The pieces still cover the lane without gaps.
        for pair in rows[0].pieces.windows(2) {
            assert!((pair[0].end - pair[1].start).abs() < 1e-9);
        }
    }

    #[test]
    fn arrows_move_along_a_row_and_between_rows() {
        let rows = rows(&gathered(), Lang::En);
        let last = rows[0].pieces.len() - 1;
        assert_eq!(navigate(&rows, (0, 0), "ArrowRight"), Some((0, 1)));
        assert_eq!(navigate(&rows, (0, 0), "ArrowLeft"), None);
        assert_eq!(navigate(&rows, (0, 0), "End"), Some((0, last)));
        assert_eq!(navigate(&rows, (0, last), "Home"), Some((0, 0)));
        // Down from the cell's long wait: Task-2's wait, at the same time.
        let (row, piece) = navigate(&rows, (0, 1), "ArrowDown").expect("a piece below");
        assert_eq!(row, 1);
        assert_eq!(rows[1].pieces[piece].kind, Kind::Awaiting);
        assert_eq!(navigate(&rows, (0, 1), "ArrowUp"), None);
        assert_eq!(navigate(&rows, (3, 1), "ArrowDown"), None);
        assert_eq!(navigate(&rows, (0, 1), "x"), None);
    }
}
