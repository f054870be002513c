//! Notebook documents, course content and run records; pure logic, no I/O.

// The web app builds on the modules that deny missing docs, so every public
// item there must say what it is for.

#[deny(missing_docs)]
pub mod comparison;
#[deny(missing_docs)]
pub mod course;
#[deny(missing_docs)]
pub mod embed;
#[deny(missing_docs)]
pub mod exercise;
#[deny(missing_docs)]
pub mod heartbeat;
pub mod ipynb;
#[deny(missing_docs)]
pub mod ipynb_import;
pub mod kernel;
#[deny(missing_docs)]
pub mod markdown;
#[deny(missing_docs)]
pub mod params;
#[deny(missing_docs)]
pub mod saved;
#[deny(missing_docs)]
pub mod share;
#[cfg(test)]
mod test_rng;
#[deny(missing_docs)]
pub mod timeline;
mod urlenc;
