//! The app's components, one per file.

pub mod app;
pub mod cell;
pub mod comparison;
pub mod editor;
pub mod exercise;
pub mod heartbeat;
pub mod help;
pub mod import;
pub mod notices;
pub mod output;
pub mod prose;
pub mod reset;
pub mod run_views;
pub mod share;
pub mod timeline;
pub mod toolbar;
