//! Pieces shared by pages.

pub mod header;
pub mod notices;
pub mod plan_editor;
pub mod progress_bar;
pub mod target_card;
pub mod task_tracker;
