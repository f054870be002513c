//! The Awaitable browser app: a Yew notebook page over the browser host.
//!
//! The crate is a thin shell. The notebook and the Python runtime live in
//! `awaitable-notebook` and `awaitable-python`; here are only what the browser
//! adds: the [`host`] that drives the kernel with the browser's clock and
//! timers, the [`state`] of the page, and its [`components`].
//!
//! Everything compiles natively too, so the pure parts ([`budget`],
//! [`outputs`], [`state`], [`records`], [`route`], the views' layout) are tested
//! with `cargo test`; the host and the components are tested in headless
//! Chromium (`tests/browser.rs`, `tests/views.rs`).

// Every public item says what it is for; the gate's clippy -D warnings makes
// this an error.
#![warn(missing_docs)]

pub mod budget;
pub mod components;
pub mod demo;
pub mod fetch;
pub mod host;
pub mod outputs;
pub mod page;
pub mod panic;
pub mod records;
pub mod route;
pub mod state;
