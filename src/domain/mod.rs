//! The plan and what is measured against it: units and their yearly
//! records, the workspace, tasks, exact decimals, the indicator engine that
//! evaluates every target, validation, and the workshop's merging,
//! collecting, exercises and demonstration data. Plain Rust: no browser, no
//! markup, no file format.

pub mod collect;
pub mod decimal;
pub mod demo;
pub mod exercise;
pub mod field_merge;
pub mod generate;
pub mod indicator;
pub mod merge;
pub mod plan;
pub mod plan_validation;
pub mod status;
pub mod task;
pub mod tolerance;
pub mod unit;
pub mod validation;
pub mod workspace;
