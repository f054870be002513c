//! The Awaitable browser app: a Yew notebook page over the browser host.
//!
//! The crate is a thin shell. The notebook and the Python runtime live in
//! `awaitable-notebook` and `awaitable-python`; here are only what the browser
//! adds: the [`host`] that drives the kernel with the browser's clock and
//! timers, the [`state`] of the page, and its [`components`].
//!
//! Everything compiles natively too, so the pure parts ([`budget`],
//! [`document`], [`editing`], [`outputs`], [`records`], [`route`], [`runs`],
//! [`state`], the views' layout) are tested with `cargo test`; the host,
//! [`storage`], [`browser`] and the components are tested in headless
//! Chromium (`tests/browser.rs`, `tests/views.rs`) and end to end
//! (`tests/e2e/`).

// Every public item says what it is for; the gate's clippy -D warnings makes
// this an error.
#![warn(missing_docs)]

pub mod bigmath;
pub mod browser;
pub mod budget;
pub mod components;
pub mod document;
pub mod editing;
pub mod fetch;
pub mod host;
pub mod i18n;
pub mod layout;
pub mod outputs;
pub mod panic;
pub mod records;
pub mod route;
pub mod runs;
pub mod state;
pub mod storage;
