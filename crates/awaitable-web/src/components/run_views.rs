//! What the page shows under a cell's output about its last run: a notice
//! when `wikipedia` answered with its offline stand-ins, the timeline, and
//! the sync/async comparison when the run (or the exercise against cell (f))
//! printed durations to compare.
//!
//! The views read the records from a [`Views`] context that the app provides,
//! so that a cell needs one line to show them: `<RunViews {index} />`.

use std::rc::Rc;

use awaitable_notebook::comparison::Comparison;
use awaitable_notebook::course::Lang;
use awaitable_notebook::timeline::Timeline;
use yew::prelude::*;

use crate::components::comparison::ComparisonView;
use crate::components::timeline::TimelineView;
use crate::host::CellIndex;
use crate::records::{RunRecord, RunRecords};

/// What the run views need from the page, provided by the app as a context.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Views {
    /// The language of the views' texts.
    pub lang: Lang,
    /// Each cell's last run.
    pub records: Rc<RunRecords>,
    /// Cells compared with another one: `(cell, reference)` compares what
    /// `cell` printed (asynchronous) with the last duration `reference`
    /// printed (synchronous), as the exercise is compared with cell (f).
    pub references: Rc<[(CellIndex, CellIndex)]>,
}

/// The run views' properties.
#[derive(Properties, PartialEq)]
pub struct RunViewsProps {
    /// The cell's position, from 0. Test ids count from 1.
    pub index: CellIndex,
    /// Whether to compare the two durations the run prints, if it prints
    /// two (the course's comparison cells (d) and (e); by default any cell
    /// that does). A cell compared with a reference ([`Views::references`])
    /// is compared whatever this says.
    #[prop_or(true)]
    pub compare: bool,
}

/// The timeline and comparison of `record`'s run, computed once per version
/// of the record.
#[derive(Debug, PartialEq)]
struct Drawn {
    timeline: Option<Rc<Timeline>>,
    comparison: Option<Rc<Comparison>>,
}

fn draw(record: &RunRecord, reference: Option<&RunRecord>, compare: bool) -> Drawn {
    let timeline = record.timeline().map(Rc::new);
    let comparison = timeline.as_ref().and_then(|timeline| match reference {
        Some(reference) => Comparison::from_runs(&reference.stdout(), &record.stdout(), timeline),
        None if compare => Comparison::from_cell(&record.stdout(), timeline),
        None => None,
    });
    Drawn {
        timeline,
        comparison: comparison.map(Rc::new),
    }
}

/// The views of one cell's last run (nothing before it has run).
#[function_component(RunViews)]
pub fn run_views(props: &RunViewsProps) -> Html {
    let views = use_context::<Views>().unwrap_or_default();
    let record = views.records.get(props.index).cloned();
    let reference = views
        .references
        .iter()
        .find(|(cell, _)| *cell == props.index)
        .and_then(|(_, reference)| views.records.get(*reference).cloned());
    let drawn = use_memo(
        (record.clone(), reference, props.compare),
        |(record, reference, compare)| {
            record
                .as_ref()
                .map(|record| draw(record, reference.as_deref(), *compare))
        },
    );
    let (Some(record), Some(drawn)) = (record, drawn.as_ref()) else {
        return html! {};
    };
    let number = props.index + 1;
    let lang = views.lang;
    html! {
        <div class="run-views">
            if record.printed_offline_stand_in() {
                <p class="offline-notice" role="note" data-testid={format!("offline-notice-{number}")}>
                    { match lang {
                        Lang::Fr => "Résumé de secours hors ligne — pas le texte de Wikipédia",
                        Lang::En => "Offline stand-in — not Wikipedia's text",
                    } }
                </p>
            }
            if let Some(timeline) = &drawn.timeline {
                <TimelineView {number} timeline={timeline.clone()} {lang}
                    live={record.live} truncated={record.truncated} />
            }
            if let Some(comparison) = &drawn.comparison {
                <ComparisonView {number} comparison={comparison.clone()} {lang} />
            }
        </div>
    }
}
