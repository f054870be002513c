//! Methods of the built-in types (`str`, `list`, `dict`, `set`, `tuple`, `int`, `float`, `bytes`).

use crate::interp::Interp;

/// Installs the methods into the built-in classes.
pub fn install(_interp: &mut Interp) {}
