//! Coop Plan: track and simulate the targets of a provincial plan for the
//! collective economy (kinh tế tập thể), offline, in the browser.
//!
//! The crate is a plain-Rust domain library (this file's modules, no web
//! dependency) with a browser UI on top behind the `app` feature. Everything a
//! screen shows is computed here and tested natively:
//! `cargo test --no-default-features` builds the domain alone.

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
