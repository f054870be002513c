//! The timeline's layout, apart from drawing: which rows and pieces to
//! draw, what each says in words, and where the arrow keys go. Pure, so
//! that it is tested natively.
//!
//! Pieces narrower than [`MIN_PIECE_PX`] are merged with their equally thin
//! neighbours, so that a task that awaited ten thousand times draws (and
//! tabs through) a few hundred pieces, not ten thousand.

use std::collections::HashMap;

use awaitable_notebook::course::Lang;
use awaitable_notebook::timeline::{describe_lane, format_number, summary, SegmentState, Timeline};

/// The drawing's width, in SVG units (pixels at full width).
pub const WIDTH: f64 = 720.0;

/// Width of the row names.
pub(crate) const LABEL_WIDTH: f64 = 92.0;

/// Room right of the plot, for the last tick's label.
const RIGHT_PAD: f64 = 18.0;

/// The plot's width.
pub const PLOT_WIDTH: f64 = WIDTH - LABEL_WIDTH - RIGHT_PAD;

/// Pieces narrower than this many units are merged with their thin
/// neighbours.
pub const MIN_PIECE_PX: f64 = 3.0;

/// The most task rows drawn; the text alternative says how many more there
/// were.
pub const MAX_ROWS: usize = 24;

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

pub(crate) fn text(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

pub(crate) fn seconds(x: f64, lang: Lang) -> String {
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
pub(crate) fn tick_label(t: f64, step: f64, lang: Lang) -> String {
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

pub(crate) fn short_name(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        name.to_owned()
    } else {
        let head: String = name.chars().take(MAX_NAME_CHARS - 1).collect();
        format!("{head}…")
    }
}

/// Roughly how wide a label is at the drawing's font size.
pub(crate) fn label_width(label: &str) -> f64 {
    label.chars().count() as f64 * 6.2 + 8.0
}

#[cfg(test)]
mod tests {
    use awaitable_notebook::course::Lang;
    use awaitable_notebook::timeline::{Interval, Lane, Outcome, Segment, SegmentState, Timeline};

    use crate::components::timeline::layout::{navigate, rows, Kind, MIN_PIECE_PX, PLOT_WIDTH};

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
