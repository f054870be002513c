//! The app's components, one per file.

pub mod app;
pub mod cell;
pub mod comparison;
pub mod heartbeat;
pub mod output;
pub mod run_views;
pub mod timeline;
pub mod toolbar;
