//! A std-only fuzzing loop: runs a target on mutated seeds until a time budget
//! is spent, and stops at the first panic with the input saved and shrunk.
//!
//! Why not cargo-fuzz: it needs an extra tool install and a separate crate, and
//! its sanitizers need nightly; this loop runs in plain `cargo test` on the
//! stable toolchain, offline, so CI fuzzes a little on every run. It knows
//! nothing about Python: the target is any `Fn(&str)`.

use std::cell::{Cell, RefCell};
use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use crate::mutate::{mutate, Rng};

/// How long and how a fuzzing run goes.
pub struct Config {
    /// Wall-clock time to spend generating cases.
    pub budget: Duration,
    /// Seed of the case generator; the same seed replays the same cases.
    pub rng_seed: u64,
    /// Where failing inputs, and the input being run, are written.
    pub out_dir: PathBuf,
    /// Longest generated input, in bytes before UTF-8 repair.
    pub max_len: usize,
    /// A case running longer than this is a hang: the process exits, with the
    /// input left in `out_dir/in-flight.txt`.
    pub hang_timeout: Duration,
}

impl Config {
    /// Reads `AWAITABLE_FUZZ_SECONDS` (the budget), `AWAITABLE_FUZZ_SEED` and
    /// `AWAITABLE_FUZZ_OUT`, with the given defaults when they are unset.
    pub fn from_env(default_budget: Duration, default_out_dir: &Path) -> Result<Self, String> {
        let budget = match std::env::var("AWAITABLE_FUZZ_SECONDS") {
            Ok(text) => Duration::from_secs(parse_env_number("AWAITABLE_FUZZ_SECONDS", &text)?),
            Err(_) => default_budget,
        };
        let rng_seed = match std::env::var("AWAITABLE_FUZZ_SEED") {
            Ok(text) => parse_env_number("AWAITABLE_FUZZ_SEED", &text)?,
            Err(_) => 0,
        };
        let out_dir = std::env::var_os("AWAITABLE_FUZZ_OUT")
            .map_or_else(|| default_out_dir.to_path_buf(), PathBuf::from);
        Ok(Self {
            budget,
            rng_seed,
            out_dir,
            max_len: 16 * 1024,
            hang_timeout: Duration::from_secs(30),
        })
    }
}

fn parse_env_number(name: &str, text: &str) -> Result<u64, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{name} must be a whole number, not {text:?}"))
}

/// What a run that found nothing did.
#[derive(Debug)]
pub struct Report {
    /// Cases run, seeds included.
    pub cases: u64,
}

/// The first input that made the target panic.
#[derive(Debug)]
pub struct Failure {
    /// The input as generated.
    pub input: String,
    /// A smaller input that panics at the same place.
    pub shrunk: String,
    /// The panic message with its location.
    pub panic: String,
    /// Where the shrunk input was saved, or why it could not be.
    pub saved: Result<PathBuf, String>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "the fuzz target panicked: {}", self.panic)?;
        match &self.saved {
            Ok(path) => writeln!(f, "input saved to {}", path.display())?,
            Err(reason) => writeln!(f, "the input could not be saved: {reason}")?,
        }
        write!(f, "shrunk input:\n{:?}", self.shrunk)
    }
}

/// Runs `target` on each seed, then on mutated seeds until `config.budget` is
/// spent. Returns the first input that panics, shrunk and saved.
pub fn fuzz(config: &Config, seeds: &[String], target: impl Fn(&str)) -> Result<Report, Failure> {
    install_panic_hook();
    let seeds: Vec<Vec<u8>> = seeds.iter().map(|seed| seed.as_bytes().to_vec()).collect();
    let mut in_flight = InFlight::create(&config.out_dir.join("in-flight.txt"));
    let watchdog = Watchdog::start(config.hang_timeout, in_flight.path.clone());
    let mut rng = Rng::new(config.rng_seed);
    let deadline = Instant::now() + config.budget;
    let mut cases = 0;
    let outcome = loop {
        let input = match seeds.get(cases as usize) {
            Some(seed) => String::from_utf8_lossy(seed).into_owned(),
            None if Instant::now() >= deadline => break Ok(Report { cases }),
            None => mutate(&mut rng, &seeds, config.max_len),
        };
        cases += 1;
        in_flight.record(&input);
        watchdog.tick();
        if let Err(panic) = run_case(&target, &input) {
            break Err(fail(config, &target, &watchdog, input, panic));
        }
    };
    watchdog.stop();
    outcome
}

fn fail(
    config: &Config,
    target: &impl Fn(&str),
    watchdog: &Watchdog,
    input: String,
    panic: String,
) -> Failure {
    let shrunk = shrink(target, &input, &panic, watchdog);
    let saved = save(&config.out_dir, &input, &shrunk);
    Failure {
        input,
        shrunk,
        panic,
        saved,
    }
}

thread_local! {
    /// Set while this thread runs a fuzz case, whose panics are expected.
    static IN_CASE: Cell<bool> = const { Cell::new(false) };
    /// The message and location of the last panic of a fuzz case.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps the panic messages of fuzz cases off the terminal (shrinking runs
/// hundreds of panicking cases) while other threads' panics print as usual.
fn install_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IN_CASE.with(Cell::get) {
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(info.to_string()));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs one case; a panic becomes `Err(message with location)`.
fn run_case(target: &impl Fn(&str), input: &str) -> Result<(), String> {
    IN_CASE.with(|flag| flag.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| target(input)));
    IN_CASE.with(|flag| flag.set(false));
    result.map_err(|_| {
        LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| "a panic without a message".to_owned())
    })
}

/// The location line of a panic message (`panicked at src/x.rs:1:2:`), used
/// to make sure shrinking keeps the same bug rather than finding another.
fn panic_site(panic: &str) -> &str {
    panic.lines().next().unwrap_or("")
}

/// Greedy delta debugging: removes ever smaller chunks of characters while the
/// input still panics at the same place; gives up after ten seconds.
fn shrink(target: &impl Fn(&str), input: &str, panic: &str, watchdog: &Watchdog) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    let site = panic_site(panic);
    let mut best: Vec<char> = input.chars().collect();
    let mut chunk = best.len().div_ceil(2);
    while chunk > 0 && Instant::now() < deadline {
        let mut start = 0;
        let mut removed_any = false;
        while start < best.len() && Instant::now() < deadline {
            let end = (start + chunk).min(best.len());
            let candidate: String = best[..start].iter().chain(&best[end..]).collect();
            watchdog.tick();
            match run_case(target, &candidate) {
                Err(other) if panic_site(&other) == site => {
                    best.drain(start..end);
                    removed_any = true;
                }
                _ => start += chunk,
            }
        }
        if !removed_any {
            chunk /= 2;
        }
    }
    best.into_iter().collect()
}

/// Writes the shrunk and the original input under a name derived from the
/// content, so that rerunning after a fix does not pile up copies.
fn save(out_dir: &Path, input: &str, shrunk: &str) -> Result<PathBuf, String> {
    let name = format!("panic-{:016x}", fnv1a(shrunk.as_bytes()));
    let shrunk_path = out_dir.join(format!("{name}.py"));
    let original_path = out_dir.join(format!("{name}.original.py"));
    std::fs::create_dir_all(out_dir)
        .and_then(|()| std::fs::write(&shrunk_path, shrunk))
        .and_then(|()| std::fs::write(&original_path, input))
        .map_err(|error| format!("{}: {error}", out_dir.display()))?;
    Ok(shrunk_path)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The input being run, kept on disk so that a crash the loop cannot catch
/// (a stack overflow aborts the process) or a hang still leaves it behind.
struct InFlight {
    file: Option<File>,
    path: PathBuf,
}

impl InFlight {
    fn create(path: &Path) -> Self {
        let file = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| File::create(path));
        Self {
            // Fuzzing is still worth doing when the file cannot be written.
            file: file.ok(),
            path: path.to_path_buf(),
        }
    }

    fn record(&mut self, input: &str) {
        if let Some(file) = &mut self.file {
            let written = file
                .seek(SeekFrom::Start(0))
                .and_then(|_| file.write_all(input.as_bytes()))
                .and_then(|()| file.set_len(input.len() as u64));
            if written.is_err() {
                self.file = None;
            }
        }
    }
}

/// A thread that ends the process when one case runs too long, since a
/// hanging target cannot be interrupted from the loop itself.
struct Watchdog {
    progress: Arc<AtomicU64>,
    done: Arc<AtomicBool>,
}

impl Watchdog {
    fn start(timeout: Duration, in_flight: PathBuf) -> Self {
        let progress = Arc::new(AtomicU64::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let (seen, finished) = (Arc::clone(&progress), Arc::clone(&done));
        std::thread::spawn(move || watch(&seen, &finished, timeout, &in_flight));
        Self { progress, done }
    }

    fn tick(&self) {
        self.progress.fetch_add(1, Ordering::Relaxed);
    }

    fn stop(&self) {
        self.done.store(true, Ordering::Relaxed);
    }
}

fn watch(progress: &AtomicU64, done: &AtomicBool, timeout: Duration, in_flight: &Path) {
    let mut last = (progress.load(Ordering::Relaxed), Instant::now());
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(200));
        let now = progress.load(Ordering::Relaxed);
        if now != last.0 {
            last = (now, Instant::now());
        } else if last.1.elapsed() > timeout {
            eprintln!(
                "fuzz: one case ran longer than {timeout:?}; its input is in {}",
                in_flight.display()
            );
            std::process::exit(101);
        }
    }
}

/// A configuration for the harness's own tests: short and in a private folder.
#[cfg(test)]
fn test_config(name: &str, budget: Duration) -> Config {
    Config {
        budget,
        rng_seed: 3,
        out_dir: Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("fuzz-harness")
            .join(name),
        max_len: 1024,
        hang_timeout: Duration::from_secs(60),
    }
}

#[test]
fn a_planted_bug_is_found_shrunk_and_saved() {
    let config = test_config("planted", Duration::from_secs(30));
    let seeds = ["value = 1 + 2\nprint(value)\n".to_owned()];
    let target = |source: &str| assert!(!source.contains("await"), "found the bug");
    let failure = match fuzz(&config, &seeds, target) {
        Ok(report) => panic!("no failure after {} cases", report.cases),
        Err(failure) => failure,
    };
    assert!(failure.input.contains("await"));
    assert_eq!(failure.shrunk, "await");
    assert!(failure.panic.contains("found the bug"));
    let saved = failure.saved.expect("the input is saved");
    assert_eq!(
        std::fs::read_to_string(saved).ok().as_deref(),
        Some("await")
    );
}

#[test]
fn a_sound_target_runs_until_the_budget_is_spent() {
    let config = test_config("sound", Duration::from_millis(300));
    let seeds = [
        "x = 1\n".to_owned(),
        "async def f():\n    pass\n".to_owned(),
    ];
    let started = Instant::now();
    let report = fuzz(&config, &seeds, |source| assert!(source.len() < 1 << 20));
    let report = report.unwrap_or_else(|failure| panic!("{failure}"));
    assert!(report.cases > 2, "only the seeds ran");
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[test]
fn a_failing_seed_is_reported_before_any_mutation() {
    let config = test_config("seed", Duration::from_secs(5));
    let seeds = ["fine\n".to_owned(), "broken\n".to_owned()];
    let failure = fuzz(
        &config,
        &seeds,
        |source| assert!(!source.contains("broken")),
    );
    let failure = failure.expect_err("the second seed panics");
    assert_eq!(failure.input, "broken\n");
}
