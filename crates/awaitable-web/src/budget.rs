//! How many Python instructions fit in one slice of the page's time.
//!
//! The host runs Python in slices and gives the browser its thread back in
//! between, so that clicks, typing and Stop stay responsive during a long
//! computation. A slice should last about [`TARGET_MS`]: long enough that the
//! yields cost little, short enough that the page never stutters. Speed varies
//! by machine and by code (a big-integer multiplication is one instruction), so
//! the budget follows the speed measured on the slices that used it up.

/// The work time aimed for in one slice, in milliseconds.
pub const TARGET_MS: f64 = 8.0;

/// The budget of the first slice: small enough to be quick on a slow phone.
pub const INITIAL: u64 = 20_000;

/// The smallest budget, so that every slice makes progress.
pub const MIN: u64 = 1_000;

/// The largest budget, so that a mismeasured slice cannot freeze the page.
pub const MAX: u64 = 50_000_000;

/// Slices shorter than this are too short to measure (the browser's clock is
/// coarse): the budget just doubles.
const MEASURABLE_MS: f64 = 1.0;

/// An instruction budget that adapts to the measured speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    instructions: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            instructions: INITIAL,
        }
    }
}

impl Budget {
    /// The instructions the next slice may run.
    pub fn instructions(self) -> u64 {
        self.instructions
    }

    /// Learns from a slice that ran `elapsed_ms`. Only slices that used up
    /// their budget say something about speed: one that went idle early
    /// leaves the budget as it is. The budget at most doubles or halves at a
    /// time, so that one odd slice (a garbage collection, a huge `**`) does not
    /// throw it off.
    pub fn observe(&mut self, elapsed_ms: f64, used_up: bool) {
        if !used_up || elapsed_ms.is_nan() {
            return;
        }
        let current = self.instructions as f64;
        let wanted = if elapsed_ms < MEASURABLE_MS {
            current * 2.0
        } else {
            current * TARGET_MS / elapsed_ms
        };
        let bounded = wanted.clamp(current / 2.0, current * 2.0);
        self.instructions = (bounded as u64).clamp(MIN, MAX);
    }
}

#[cfg(test)]
mod tests {
    use crate::budget::{Budget, INITIAL, MAX, MIN, TARGET_MS};

    #[test]
    fn idle_slices_teach_nothing() {
        let mut budget = Budget::default();
        budget.observe(0.1, false);
        budget.observe(100.0, false);
        assert_eq!(budget.instructions(), INITIAL);
    }

    #[test]
    fn the_budget_converges_on_the_target_time() {
        // A machine that runs 3,000 instructions per millisecond.
        let speed = 3_000.0;
        let mut budget = Budget::default();
        for _ in 0..20 {
            let elapsed = budget.instructions() as f64 / speed;
            budget.observe(elapsed, true);
        }
        let elapsed = budget.instructions() as f64 / speed;
        assert!((elapsed - TARGET_MS).abs() < 0.1, "{elapsed} ms");
    }

    #[test]
    fn one_slow_slice_halves_at_most() {
        let mut budget = Budget::default();
        budget.observe(10_000.0, true);
        assert_eq!(budget.instructions(), INITIAL / 2);
        budget.observe(f64::NAN, true);
        assert_eq!(budget.instructions(), INITIAL / 2);
    }

    #[test]
    fn the_budget_stays_within_bounds() {
        let mut budget = Budget::default();
        for _ in 0..100 {
            budget.observe(0.0, true);
        }
        assert_eq!(budget.instructions(), MAX);
        for _ in 0..100 {
            budget.observe(f64::INFINITY, true);
        }
        assert_eq!(budget.instructions(), MIN);
    }
}
