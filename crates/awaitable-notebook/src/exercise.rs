//! The exercise's checks (section 3 of the course), as pure functions.
//!
//! The learner rewrites cell (f), which summarises three Wikipedia pages
//! after a blocking 6-second wait each, so that it runs faster with
//! coroutines. [`validate`] looks at what one run of their cell produced and
//! at the duration of the synchronous cell (f), and says, check by check,
//! what passed and what to fix, in French and English.

/// The pages cell (f) summarises, as it names them.
pub const PAGES: [&str; 3] = ["Coroutine", "Threading", "Programmation_concurrente"];

/// What one run of the learner's cell produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExerciseRun {
    /// The cell's source as it was run.
    pub source: String,
    /// Everything the run printed to stdout.
    pub stdout: String,
    /// Tasks the learner's code created during the run (by `gather`,
    /// `create_task`, a `TaskGroup`...), not counting the task that runs the
    /// cell itself.
    pub tasks_created: usize,
    /// The titles that the run's `wikipedia.summary` calls asked for, in order.
    pub requested_pages: Vec<String>,
    /// How long the run took, in seconds.
    pub duration: f64,
}

/// One of the exercise's checks, in the order [`validate`] returns them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The code defines a coroutine and runs several of them concurrently.
    UsesCoroutines,
    /// The three pages were requested and their three summaries printed.
    FetchesAllPages,
    /// The run took less time than the synchronous cell (f).
    Faster,
}

/// A text for the learner in both languages of the course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// French.
    pub fr: String,
    /// English.
    pub en: String,
}

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The check passes.
    Pass,
    /// The check fails; the message says what is missing.
    Fail(Message),
    /// The check cannot be decided yet; the message says what to do first.
    NotYet(Message),
}

/// The words that show coroutines being run concurrently rather than awaited
/// one after the other.
const CONCURRENCY_NAMES: [&str; 4] = ["gather", "create_task", "TaskGroup", "as_completed"];

/// Tasks needed: one per page.
const MIN_TASKS: usize = 3;

/// The line cell (f) and the solution print before the summaries.
const COROUTINE_MARKER: &str = "Coroutine :";

impl Check {
    /// A short name for the check, in French and English.
    pub fn title(self) -> Message {
        match self {
            Self::UsesCoroutines => msg("Utilise des coroutines", "Uses coroutines"),
            Self::FetchesAllPages => msg("Résume les trois pages", "Summarises the three pages"),
            Self::Faster => msg(
                "Plus rapide que la version synchrone",
                "Faster than the synchronous version",
            ),
        }
    }
}

impl Message {
    /// The text in `lang`.
    pub fn get(&self, lang: crate::course::Lang) -> &str {
        match lang {
            crate::course::Lang::Fr => &self.fr,
            crate::course::Lang::En => &self.en,
        }
    }
}

impl Verdict {
    /// Whether the check passed.
    pub fn is_pass(&self) -> bool {
        matches!(self, Self::Pass)
    }
}

fn msg(fr: impl Into<String>, en: impl Into<String>) -> Message {
    Message {
        fr: fr.into(),
        en: en.into(),
    }
}

/// Checks a run of the learner's cell. `sync_duration` is how long the last
/// run of the synchronous cell (f) took, `None` if it has not been run.
/// Returns every check, in the order of [`Check`], so the page can list them.
pub fn validate(run: &ExerciseRun, sync_duration: Option<f64>) -> Vec<(Check, Verdict)> {
    vec![
        (Check::UsesCoroutines, uses_coroutines(run)),
        (Check::FetchesAllPages, fetches_all_pages(run)),
        (Check::Faster, faster(run.duration, sync_duration)),
    ]
}

fn uses_coroutines(run: &ExerciseRun) -> Verdict {
    let code = strip_comments(&run.source);
    if !defines_coroutine(&code) {
        return Verdict::Fail(msg(
            "Le code ne définit aucune coroutine : écrivez une fonction avec `async def`.",
            "The code defines no coroutine: write a function with `async def`.",
        ));
    }
    if !CONCURRENCY_NAMES.iter().any(|name| has_word(&code, name)) {
        return Verdict::Fail(msg(
            "Les coroutines ne tournent pas en même temps : lancez-les ensemble avec \
             `asyncio.gather`, `asyncio.create_task` ou un `asyncio.TaskGroup`.",
            "The coroutines do not run at the same time: start them together with \
             `asyncio.gather`, `asyncio.create_task` or an `asyncio.TaskGroup`.",
        ));
    }
    if run.tasks_created < MIN_TASKS {
        let n = run.tasks_created;
        return Verdict::Fail(msg(
            format!(
                "L'exécution n'a créé que {n} tâche(s) : il en faut au moins {MIN_TASKS}, \
                 une par page. Avez-vous bien exécuté le code qui lance les coroutines ?"
            ),
            format!(
                "The run created only {n} task(s): it needs at least {MIN_TASKS}, one per \
                 page. Did the code that starts the coroutines actually run?"
            ),
        ));
    }
    Verdict::Pass
}

fn fetches_all_pages(run: &ExerciseRun) -> Verdict {
    let missing: Vec<&str> = PAGES
        .iter()
        .copied()
        .filter(|page| !run.requested_pages.iter().any(|r| same_page(r, page)))
        .collect();
    if !missing.is_empty() {
        let list = missing.join("`, `");
        return Verdict::Fail(msg(
            format!("Page(s) jamais demandée(s) à `wikipedia.summary` : `{list}`."),
            format!("Page(s) never requested from `wikipedia.summary`: `{list}`."),
        ));
    }
    let printed = count_summaries(&run.stdout);
    if printed < PAGES.len() {
        return Verdict::Fail(msg(
            format!(
                "Les trois pages ont été demandées mais {printed} résumé(s) seulement ont été \
                 affichés : affichez chaque résumé avec `print('\\n', ...)`."
            ),
            format!(
                "The three pages were requested but only {printed} summary(ies) were printed: \
                 print each summary with `print('\\n', ...)`."
            ),
        ));
    }
    Verdict::Pass
}

fn faster(duration: f64, sync_duration: Option<f64>) -> Verdict {
    let Some(sync) = sync_duration.filter(|d| d.is_finite()) else {
        return Verdict::NotYet(msg(
            "Exécutez d'abord la cellule (f), la version synchrone, pour avoir un temps de \
             référence.",
            "Run cell (f), the synchronous version, first, to get a reference time.",
        ));
    };
    if duration.is_finite() && duration < sync {
        return Verdict::Pass;
    }
    Verdict::Fail(msg(
        format!(
            "Votre version a pris {duration:.2} s, la version synchrone {sync:.2} s : \
             les attentes doivent se chevaucher."
        ),
        format!(
            "Your version took {duration:.2} s and the synchronous one {sync:.2} s: \
             the waits need to overlap."
        ),
    ))
}

/// Wikipedia titles are the same with `_` or spaces, whatever the case.
fn same_page(requested: &str, page: &str) -> bool {
    let norm = |s: &str| s.trim().replace('_', " ").to_lowercase();
    norm(requested) == norm(page)
}

/// Summaries printed after the last `Coroutine :` line (or in the whole
/// output when the learner printed no such line): groups of non-blank lines
/// separated by blank lines, as `print('\n', summary)` leaves them, not
/// counting a group that is only the duration line.
fn count_summaries(stdout: &str) -> usize {
    let after_marker = stdout
        .rfind(COROUTINE_MARKER)
        .map_or(stdout, |at| &stdout[at + COROUTINE_MARKER.len()..]);
    let mut count = 0;
    let mut group_has_text = false;
    for line in after_marker.lines().chain([""]) {
        if line.trim().is_empty() {
            count += usize::from(group_has_text);
            group_has_text = false;
        } else if parse_duration(line).is_none() {
            group_has_text = true;
        }
    }
    count
}

/// Whether the code has `async def` (with any spacing between the words).
fn defines_coroutine(code: &str) -> bool {
    let mut words = code
        .split(|c: char| !is_ident_char(c))
        .filter(|w| !w.is_empty());
    let mut previous = "";
    words.any(|word| {
        let found = previous == "async" && word == "def";
        previous = word;
        found
    })
}

/// Whether `word` occurs in `code` as a whole identifier.
fn has_word(code: &str, word: &str) -> bool {
    code.split(|c: char| !is_ident_char(c)).any(|w| w == word)
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Python source without its comments, so that a commented-out
/// `# await asyncio.gather(...)` does not count. String literals (single,
/// double, triple quoted) are kept, since a `#` inside one is not a comment.
fn strip_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut quote: Option<&str> = None;
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        match quote {
            Some(q) => {
                if let Some(after) = rest.strip_prefix(q) {
                    out.push_str(q);
                    rest = after;
                    quote = None;
                    continue;
                }
                if c == '\\' {
                    let escaped: String = rest.chars().take(2).collect();
                    out.push_str(&escaped);
                    rest = &rest[escaped.len()..];
                    continue;
                }
                // A newline ends an unterminated one-line string.
                if c == '\n' && q.len() == 1 {
                    quote = None;
                }
            }
            None if c == '#' => {
                rest = rest.find('\n').map_or("", |at| &rest[at..]);
                continue;
            }
            None => {
                if let Some(q) = ["\"\"\"", "'''", "\"", "'"]
                    .into_iter()
                    .find(|q| rest.starts_with(q))
                {
                    out.push_str(q);
                    rest = &rest[q.len()..];
                    quote = Some(q);
                    continue;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Labels of the duration lines, French (the course's code) and English.
const DURATION_LABELS: [&str; 2] = ["Durée totale d'exécution", "Total execution time"];

/// The durations, in seconds and in order, that the output's
/// `Durée totale d'exécution: 30.00 secondes` lines report (the course's
/// format; `Total execution time: 30.00 seconds` is read too). The page uses
/// them to compare the synchronous and asynchronous halves of a cell.
pub fn parse_duration_line(stdout: &str) -> Vec<f64> {
    stdout.lines().filter_map(parse_duration).collect()
}

/// The duration on one line, if it is a duration line.
fn parse_duration(line: &str) -> Option<f64> {
    // Typed by hand, the apostrophe may be the typographic one.
    let line = line.trim().replace('\u{2019}', "'");
    let rest = DURATION_LABELS
        .iter()
        .find_map(|label| line.strip_prefix(label))?;
    let rest = rest.trim_start().strip_prefix(':')?.trim();
    let (number, unit) = rest.split_once(char::is_whitespace)?;
    if !matches!(unit.trim(), "secondes" | "seconds" | "s") {
        return None;
    }
    number
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|d| d.is_finite())
}

#[cfg(test)]
mod tests;
