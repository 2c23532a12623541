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
pub mod backup;
pub mod benchmark;
pub mod collect;
pub mod csv;
pub mod csv_data;
pub mod data_page;
pub mod decimal;
pub mod demo;
pub mod document;
pub mod document_check;
pub mod edit;
pub mod exercise;
pub mod field_merge;
pub mod files;
pub mod format;
pub mod generate;
pub mod i18n;
pub mod import;
pub mod import_diff;
pub mod import_pieces;
pub mod indicator;
pub mod iso_date;
pub mod json_tree;
pub mod merge;
pub mod notice_view;
pub mod number;
pub mod plan;
pub mod plan_draft;
pub mod plan_form;
pub mod plan_validation;
pub mod present;
pub mod report;
pub mod route;
pub mod save_diff;
pub mod simulation;
pub mod sorting;
pub mod status;
pub mod task;
pub mod task_form;
pub mod tolerance;
pub mod tour;
pub mod unit;
pub mod unit_table;
pub mod update_view;
pub mod validation;
pub mod wording;
pub mod workspace;

#[cfg(feature = "app")]
pub mod app;
