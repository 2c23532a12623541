//! Coop Plan: track and simulate the targets of a provincial plan for the
//! collective economy (kinh tế tập thể), offline, in the browser.
//!
//! The crate is a plain-Rust domain library (this file's modules, no web
//! dependency) with a browser UI on top behind the `app` feature. Everything a
//! screen shows is computed here and tested natively:
//! `cargo test --no-default-features` builds the domain alone.
//!
//! Invariants (`scripts/invariants.sh` checks the first, second and last
//! in `make test`):
//! 1. Everything outside `app/` compiles without leptos, web-sys, gloo or
//!    wasm-bindgen, and produces no markup: no HTML tag in a string
//!    literal outside `app/`.
//! 2. `app/` is the only module that knows the DOM. Components render data
//!    the domain computed; no component computes a target, a score or a
//!    share. Nothing writes HTML text into the page.
//! 3. User text becomes typed values in one place per kind: a form's draft
//!    (`edit/`, `plan_draft`, `task_form`, `assessment::edit`), a CSV cell
//!    (`csv_data`), one number parser (`number`).
//! 4. The stored document is what serde derives; its shape changes only
//!    with `SCHEMA_VERSION` and a migration in `document`, tested on a
//!    fixture of every older version.
//! 5. Events are closures on the element, never a string dispatched by a
//!    delegated listener.

pub mod assessment;
pub mod benchmark;
pub mod domain;
pub mod edit;
pub mod files;
pub mod i18n;
pub mod report;
pub mod route;
pub mod simulation;
pub mod sorting;
pub mod sync;

#[cfg(feature = "app")]
pub mod app;
