//! Synchronous against asynchronous: the durations a comparison prints, and
//! a model that explains them from the timeline.
//!
//! Cells (d) and (e) of the course run the same work twice, first with plain
//! functions, then with coroutines, and print each duration
//! (`Durée totale d'exécution: 30.00 secondes`). The exercise compares the
//! synchronous cell (f) with the learner's cell. A [`Comparison`] holds both
//! durations and a [`Model`] built from the asynchronous run's timeline:
//!
//! - run one after the other, the work would take the sum of its waits plus
//!   the time the loop was busy (computing, or blocked in a call);
//! - run concurrently, waits overlap: it takes the longest task's waits plus
//!   the busy time that no wait hides (computation cannot overlap other
//!   computation, nor a blocking call anything).

use crate::course::Lang;
use crate::exercise::parse_duration_line;
use crate::timeline::{
    busy_intervals, external_waits, format_number, length, merge, summary, Timeline,
};

/// Durations below this (seconds) read as this when dividing: the course
/// prints durations with two decimals, so `0.00` means "under 5 ms".
const MIN_DURATION: f64 = 0.005;

/// Speedups within this factor of 1 read as "as long": a 1 % difference is
/// within what timing noise gives.
const SAME_SPEED: f64 = 1.01;

/// A synchronous and an asynchronous version of the same work, compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// What the synchronous version printed it took, in seconds.
    pub sync_seconds: f64,
    /// What the asynchronous version printed it took, in seconds.
    pub async_seconds: f64,
    /// `sync_seconds / async_seconds`: above 1, the asynchronous version is
    /// faster.
    pub speedup: f64,
    /// What the asynchronous run's timeline says about it.
    pub model: Model,
}

/// The durations predicted from what the asynchronous run did, in seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Per task that waited, in lane order: its external waits (sleeps,
    /// threads; see [`crate::timeline::is_external_wait`]) added up, since a
    /// task's own waits follow one another.
    pub waits: Vec<f64>,
    /// How many separate external waits there were.
    pub wait_count: usize,
    /// Time during which at least one wait was pending: less than the sum of
    /// `waits` when they overlap.
    pub waits_span: f64,
    /// Time the loop was busy: running Python or blocked in a call.
    pub busy: f64,
    /// The part of `busy` during which the loop was blocked.
    pub blocked: f64,
    /// The part of `busy` during which no wait was pending: it adds to the
    /// duration whatever the scheduling.
    pub exposed: f64,
    /// Sum of the waits plus the busy time.
    pub predicted_sync: f64,
    /// The longest of `waits` plus the exposed busy time.
    pub predicted_async: f64,
}

impl Model {
    /// The model of a run, from its timeline.
    pub fn from_timeline(timeline: &Timeline) -> Model {
        let waits: Vec<f64> = timeline
            .lanes
            .iter()
            .map(|lane| external_waits(lane).map(|(a, b)| b - a).sum::<f64>())
            .filter(|w| *w > 0.0)
            .collect();
        let intervals: Vec<(f64, f64)> = timeline.lanes.iter().flat_map(external_waits).collect();
        let wait_count = intervals.len();
        let waits_merged = merge(intervals);
        let busy_merged = busy_intervals(timeline);
        let totals = summary(timeline);
        let busy = totals.cpu_running;
        let exposed = (busy - overlap(&busy_merged, &waits_merged)).max(0.0);
        let longest = waits.iter().copied().fold(0.0, f64::max);
        Model {
            predicted_sync: waits.iter().sum::<f64>() + busy,
            predicted_async: longest + exposed,
            waits,
            wait_count,
            waits_span: length(&waits_merged),
            busy,
            blocked: totals.blocked,
            exposed,
        }
    }

    /// The part of the busy time that ran while something was awaited.
    pub fn hidden(&self) -> f64 {
        (self.busy - self.exposed).max(0.0)
    }

    /// Whether the waits overlapped: several tasks waited, and for noticeably
    /// less than the sum of their waits.
    pub fn waits_overlap(&self) -> bool {
        let total: f64 = self.waits.iter().sum();
        self.waits.len() >= 2 && self.waits_span < 0.9 * total
    }
}

impl Comparison {
    /// The comparison a cell like the course's (d) or (e) makes: its stdout
    /// printed the synchronous duration, then the asynchronous one; the model
    /// reads the part of the timeline after the first duration was printed.
    /// `None` if the cell did not print two durations.
    pub fn from_cell(stdout: &str, timeline: &Timeline) -> Option<Comparison> {
        let durations = parse_duration_line(stdout);
        let (&sync, &asynchronous) = (durations.first()?, durations.get(1)?);
        let from = duration_printed_at(timeline, 1).unwrap_or(timeline.start);
        let model = Model::from_timeline(&timeline.clip(from, timeline.end));
        Some(Comparison::new(sync, asynchronous, model))
    }

    /// The exercise's comparison: the last duration the synchronous cell (f)
    /// printed against the last one the learner's cell printed, with the model
    /// of the learner's run (after its previous duration line, if it printed
    /// several). `None` if either printed no duration.
    pub fn from_runs(
        sync_stdout: &str,
        async_stdout: &str,
        async_timeline: &Timeline,
    ) -> Option<Comparison> {
        let sync = *parse_duration_line(sync_stdout).last()?;
        let durations = parse_duration_line(async_stdout);
        let asynchronous = *durations.last()?;
        let from = durations
            .len()
            .checked_sub(1)
            .filter(|n| *n > 0)
            .and_then(|n| duration_printed_at(async_timeline, n))
            .unwrap_or(async_timeline.start);
        let model = Model::from_timeline(&async_timeline.clip(from, async_timeline.end));
        Some(Comparison::new(sync, asynchronous, model))
    }

    /// A comparison of two durations (negative or NaN ones read as 0) with a
    /// model. The speedup reads durations under 5 ms as 5 ms, so it stays
    /// finite.
    pub fn new(sync_seconds: f64, async_seconds: f64, model: Model) -> Comparison {
        let sync_seconds = sync_seconds.max(0.0);
        let async_seconds = async_seconds.max(0.0);
        Comparison {
            speedup: sync_seconds.max(MIN_DURATION) / async_seconds.max(MIN_DURATION),
            sync_seconds,
            async_seconds,
            model,
        }
    }

    /// One sentence saying how the two compare and why, e.g. `L'asynchrone
    /// est 3,0× plus rapide : les trois attentes de 10 s se chevauchent.`
    pub fn explanation(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        let speed = if self.speedup >= SAME_SPEED {
            let x = speedup_text(self.speedup, lang);
            if fr {
                format!("L'asynchrone est {x}× plus rapide")
            } else {
                format!("Async is {x}× faster")
            }
        } else if self.speedup > 1.0 / SAME_SPEED {
            if fr {
                "L'asynchrone prend autant de temps".to_string()
            } else {
                "Async takes as long".to_string()
            }
        } else {
            let x = speedup_text(1.0 / self.speedup.max(f64::MIN_POSITIVE), lang);
            if fr {
                format!("L'asynchrone est {x}× plus lent")
            } else {
                format!("Async is {x}× slower")
            }
        };
        let colon = if fr { " : " } else { ": " };
        format!("{speed}{colon}{}.", self.reason(lang))
    }

    /// Why, from the model: the second half of [`Comparison::explanation`].
    fn reason(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        let m = &self.model;
        let secs = |x: f64| short_seconds(x, lang);
        let longest = m.waits.iter().copied().fold(0.0, f64::max);
        if m.waits_overlap() {
            let n = count_word(m.waits.len(), lang);
            let shortest = m.waits.iter().copied().fold(f64::INFINITY, f64::min);
            let mut text = if longest - shortest <= 0.02 * longest {
                if fr {
                    format!("les {n} attentes de {} s se chevauchent", secs(longest))
                } else {
                    format!("the {n} {} s waits overlap", secs(longest))
                }
            } else if fr {
                format!(
                    "les {n} attentes se chevauchent (la plus longue : {} s)",
                    secs(longest)
                )
            } else {
                format!("the {n} waits overlap (the longest: {} s)", secs(longest))
            };
            if m.exposed >= 0.1 && m.exposed >= 0.05 * self.async_seconds {
                text += &if fr {
                    format!(
                        " ; {} s de calcul ou d'appels bloquants s'y ajoutent",
                        secs(m.exposed)
                    )
                } else {
                    format!(
                        "; {} s of computation or blocking calls add to that",
                        secs(m.exposed)
                    )
                };
            }
            text
        } else if m.wait_count == 1 && m.hidden() >= 0.05 {
            if fr {
                format!(
                    "les calculs ({} s) se font pendant l'attente de {} s",
                    secs(m.hidden()),
                    secs(longest)
                )
            } else {
                format!(
                    "the computations ({} s) run during the {} s wait",
                    secs(m.hidden()),
                    secs(longest)
                )
            }
        } else if m.wait_count >= 2 {
            if fr {
                "les attentes se suivent au lieu de se chevaucher".to_string()
            } else {
                "the waits follow one another instead of overlapping".to_string()
            }
        } else if m.wait_count == 1 {
            if fr {
                "une seule attente, rien avec quoi la chevaucher".to_string()
            } else {
                "there is a single wait, nothing to overlap it with".to_string()
            }
        } else if m.blocked >= 0.05 {
            if fr {
                format!(
                    "la boucle reste bloquée {} s, et time.sleep ou les appels bloquants \
                     ne se chevauchent pas",
                    secs(m.blocked)
                )
            } else {
                format!(
                    "the loop stays blocked for {} s, and time.sleep or blocking calls \
                     cannot overlap",
                    secs(m.blocked)
                )
            }
        } else if fr {
            "il n'y a aucune attente à chevaucher, seulement du calcul".to_string()
        } else {
            "there is no wait to overlap, only computation".to_string()
        }
    }
}

/// Length of the intersection of two sets of disjoint, sorted intervals.
fn overlap(a: &[(f64, f64)], b: &[(f64, f64)]) -> f64 {
    let (mut i, mut j, mut total) = (0, 0, 0.0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        let (from, to) = (x.0.max(y.0), x.1.min(y.1));
        if to > from {
            total += to - from;
        }
        if x.1 < y.1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}

/// When the `n`-th (1-based) duration line was fully printed, from the
/// timeline's outputs.
fn duration_printed_at(timeline: &Timeline, n: usize) -> Option<f64> {
    let mut seen = 0;
    let mut line = String::new();
    for (t, text) in &timeline.outputs {
        for piece in text.split_inclusive('\n') {
            line.push_str(piece);
            if piece.ends_with('\n') {
                seen += parse_duration_line(&line).len();
                line.clear();
                if seen >= n {
                    return Some(*t);
                }
            }
        }
    }
    None
}

/// A speedup: two decimals under 1.1 (`1,06`), else one (`3,0`).
fn speedup_text(x: f64, lang: Lang) -> String {
    format_number(x, if x < 1.1 { 2 } else { 1 }, lang)
}

/// Seconds with at most two decimals and no trailing zeros: `10`, `6,5`, `0,59`.
fn short_seconds(x: f64, lang: Lang) -> String {
    let text = format_number(x, 2, lang);
    if text.contains([',', '.']) {
        text.trim_end_matches('0')
            .trim_end_matches([',', '.'])
            .to_string()
    } else {
        text
    }
}

/// A count of waits (feminine in French), in words up to ten.
fn count_word(n: usize, lang: Lang) -> String {
    const FR: [&str; 11] = [
        "zéro", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    ];
    const EN: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let words = match lang {
        Lang::Fr => FR,
        Lang::En => EN,
    };
    words
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

#[cfg(test)]
mod tests;
