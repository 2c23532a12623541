//! Pieces shared by pages.

pub mod chart;
pub mod data_table;
pub mod header;
pub mod notices;
pub mod number_table;
pub mod plan_editor;
pub mod target_card;
pub mod task_tracker;
pub mod terms;
pub mod tour;
pub mod update;
