//! The app's components, one per file.

pub mod app;
pub mod cell;
pub mod output;
pub mod toolbar;
