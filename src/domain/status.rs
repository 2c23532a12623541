//! The status of a target as of a date (DESIGN.md §2).
//!
//! Status is always shown as a word and an icon, never by colour alone; the
//! words live here so every screen and report says the same thing.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Met, on or before the deadline.
    Met,
    /// Met, but only after the deadline had passed.
    MetLate,
    /// Not met yet; the deadline is ahead and the value is at or above the
    /// straight line from the baseline to the target at the deadline.
    OnTrack,
    /// Not met yet; the deadline is ahead and the value is below that line.
    AtRisk,
    /// The deadline has passed and the target is not met.
    Missed,
    /// A denominator is zero or an input is missing.
    #[default]
    NoData,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Met,
        Status::MetLate,
        Status::OnTrack,
        Status::AtRisk,
        Status::Missed,
        Status::NoData,
    ];

    /// A stable key for attributes, CSS and files ("on-track").
    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::MetLate => "met-late",
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::Missed => "missed",
            Status::NoData => "no-data",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Met => lang.pick("Đạt", "Met"),
            Status::MetLate => lang.pick("Đạt muộn", "Met late"),
            Status::OnTrack => lang.pick("Đúng tiến độ", "On track"),
            Status::AtRisk => lang.pick("Có nguy cơ", "At risk"),
            Status::Missed => lang.pick("Không đạt", "Missed"),
            Status::NoData => lang.pick("Chưa có dữ liệu", "No data"),
        }
    }

    /// A text symbol that tells the statuses apart without colour.
    pub fn icon(self) -> &'static str {
        match self {
            Status::Met => "✔",
            Status::MetLate => "✔",
            Status::OnTrack => "↗",
            Status::AtRisk => "⚠",
            Status::Missed => "✖",
            Status::NoData => "?",
        }
    }
}
