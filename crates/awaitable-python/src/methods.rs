//! Methods of the built-in types (`str`, `list`, `dict`, `set`, `tuple`, `int`,
//! `float`, `bytes`, `range`).
//!
//! Each method is a native function stored in its class's dict; called on a
//! value, it receives the value as its first positional argument. Behaviour and
//! error messages follow CPython 3.12.

mod args;
mod bytes;
mod codecs;
mod dict;
mod list;
mod number;
mod range;
mod set;
mod str;
mod str_find;
mod str_format;
mod str_split;
mod tuple;
pub(crate) mod unicode;
mod unicode_tables;

#[cfg(test)]
mod tests;

use crate::interp::Interp;

/// Installs the methods into the built-in classes.
pub fn install(interp: &mut Interp) {
    str::install(interp);
    list::install(interp);
    tuple::install(interp);
    dict::install(interp);
    set::install(interp);
    number::install(interp);
    range::install(interp);
    bytes::install(interp);
}
