//! Pieces shared by pages.

pub mod header;
pub mod notices;
pub mod progress_bar;
pub mod target_card;
