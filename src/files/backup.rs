//! Keeping the data safe in the browser: whether the browser keeps the
//! site's storage for good (persistent storage), how much it holds, and
//! when to remind the user to download a backup.
//!
//! The browser side only reads the dates stored beside each workspace and
//! asks the Storage API; the rule and the words are here, tested natively.
//!
//! **The reminder rule.** A workspace's backup record holds the day it was
//! first saved in this browser and the day its JSON was last downloaded.
//! The reminder shows when the last download is [`REMIND_AFTER_DAYS`] days
//! old or more; a workspace never downloaded counts from its first save
//! (a new user is not nagged on day one, but is after a month of work); a
//! workspace never saved here has nothing to lose, so no reminder. When the
//! browser refused persistent storage, it may clear the data (Safari after
//! [`EVICTION_DAYS`] days without a visit), so the reminder comes at once if
//! the workspace was never downloaded and after [`EVICTION_DAYS`] days
//! otherwise. A download today always ends the reminder.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::format::{format_number, format_percent, iso_date, parse_date};
use crate::i18n::Lang;

/// Days after the last download (or the first save) before the reminder.
pub const REMIND_AFTER_DAYS: i64 = 30;
/// Days without a visit after which Safari may delete a site's data that
/// is not persistent.
pub const EVICTION_DAYS: i64 = 7;
/// Characters Chromium's localStorage holds per site, all workspaces
/// together (measured, see the README); other browsers allow about as much.
/// The workspaces live there, whatever room `estimate()` reports.
pub const LOCAL_STORAGE_CHARS: f64 = 5_242_880.0;

/// What the browser says of the site's storage being kept for good.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// Granted: the browser clears it only if the user asks.
    Persistent,
    /// Best effort: the browser may clear it under pressure or after a
    /// while without a visit.
    BestEffort,
    /// The browser has no Storage API, or it failed.
    Unknown,
}

/// What the Storage API answered; figures in bytes, `None` where the
/// browser does not say.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageStatus {
    pub persistence: Persistence,
    pub usage: Option<f64>,
    pub quota: Option<f64>,
    /// Characters the app's keys take in localStorage (keys and values).
    pub local_chars: Option<f64>,
}

impl StorageStatus {
    /// The browser has no Storage API.
    pub const UNKNOWN: StorageStatus = StorageStatus {
        persistence: Persistence::Unknown,
        usage: None,
        quota: None,
        local_chars: None,
    };

    /// What is left of the quota, never below zero.
    pub fn available(&self) -> Option<f64> {
        Some((self.quota? - self.usage.unwrap_or(0.0)).max(0.0))
    }
}

/// The dates stored beside a workspace (as `yyyy-mm-dd`, the form of
/// files), under a small setting of its own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_saved: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<String>,
}

impl BackupRecord {
    /// Reads a stored record; anything unreadable is an empty record (the
    /// worst it does is remind the user too early or too late).
    pub fn from_json(text: &str) -> BackupRecord {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Records a save on `today`, unless one was recorded before. Returns
    /// whether the record changed.
    pub fn saved(&mut self, today: NaiveDate) -> bool {
        if self.first_saved.as_deref().and_then(parse_date).is_some() {
            return false;
        }
        self.first_saved = Some(iso_date(today));
        true
    }

    /// Records a download of the workspace's JSON on `today`.
    pub fn exported(&mut self, today: NaiveDate) {
        self.exported = Some(iso_date(today));
    }
}

/// Why the user is asked to download a backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    /// Not downloaded for `days` days (or never, and first saved `days` ago).
    Stale { days: i64, never: bool },
    /// The browser refused persistent storage and there is no recent backup.
    Refused { never: bool },
}

/// Whether to remind the user to download a backup of a workspace (see the
/// module's rule). `refused`: persistent storage was asked for and the
/// browser says the storage is not persistent.
pub fn reminder(record: &BackupRecord, today: NaiveDate, refused: bool) -> Option<Reminder> {
    let date = |d: &Option<String>| d.as_deref().and_then(parse_date);
    let exported = date(&record.exported);
    let since = exported.or_else(|| date(&record.first_saved))?;
    let never = exported.is_none();
    // A clock set back makes a date in the future: counted as today.
    let days = (today - since).num_days().max(0);
    if refused && (never || days >= EVICTION_DAYS) {
        return Some(Reminder::Refused { never });
    }
    (days >= REMIND_AFTER_DAYS).then_some(Reminder::Stale { days, never })
}

/// The reminder's text.
pub fn reminder_text(reminder: Reminder, lang: Lang) -> String {
    match (reminder, lang) {
        (Reminder::Stale { never: true, days }, Lang::Vi) => format!(
            "Bạn chưa từng tải bản sao lưu của không gian làm việc này ({days} ngày kể từ lần lưu đầu). Hãy tải tệp JSON về máy để không mất dữ liệu nếu trình duyệt xóa nó."
        ),
        (Reminder::Stale { never: true, days }, Lang::En) => format!(
            "You have never downloaded a backup of this workspace ({days} days since it was first saved). Download its JSON file so that nothing is lost if the browser deletes it."
        ),
        (Reminder::Stale { days, .. }, Lang::Vi) => format!(
            "Đã {days} ngày từ lần tải bản sao lưu gần nhất. Hãy tải tệp JSON mới về máy để không mất dữ liệu nếu trình duyệt xóa nó."
        ),
        (Reminder::Stale { days, .. }, Lang::En) => format!(
            "It has been {days} days since the last backup was downloaded. Download a new JSON file so that nothing is lost if the browser deletes it."
        ),
        (Reminder::Refused { .. }, lang) => lang
            .pick(
                "Trình duyệt chưa cho lưu trữ lâu dài, nên có thể xóa dữ liệu của trang này. Hãy tải bản sao lưu (tệp JSON) về máy thường xuyên.",
                "The browser has not agreed to keep this site's data for good, so it may delete it. Download a backup (the JSON file) regularly.",
            )
            .to_owned(),
    }
}

/// How much of localStorage's limit the workspaces take: "12,5% của giới
/// hạn khoảng 5 triệu ký tự".
pub fn local_share_text(chars: f64, lang: Lang) -> String {
    let share = format_percent(chars.max(0.0) / LOCAL_STORAGE_CHARS, 1, lang);
    match lang {
        Lang::Vi => format!("{share} của giới hạn khoảng 5 triệu ký tự"),
        Lang::En => format!("{share} of the limit of about 5 million characters"),
    }
}

/// A size in bytes as people read it: "512 byte", "12,3 KB", "1.536,0 MB"
/// in Vietnamese; "12.3 KB" in English (1 KB = 1,024 bytes, as Windows
/// counts).
pub fn format_bytes(bytes: f64, lang: Lang) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    let bytes = if bytes.is_finite() {
        bytes.max(0.0)
    } else {
        0.0
    };
    if bytes < 1024.0 {
        return format!(
            "{} {}",
            format_number(bytes, 0, lang),
            lang.pick("byte", "bytes")
        );
    }
    let mut value = bytes / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{} {}", format_number(value, 1, lang), UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).expect("a date")
    }

    fn record(first_saved: Option<&str>, exported: Option<&str>) -> BackupRecord {
        BackupRecord {
            first_saved: first_saved.map(str::to_owned),
            exported: exported.map(str::to_owned),
        }
    }

    #[test]
    fn thirty_days_after_the_last_download_the_user_is_reminded() {
        let today = day("2026-12-06");
        let exported = |days: i64| {
            let date = iso_date(today - chrono::Duration::days(days));
            record(Some("2026-01-01"), Some(&date))
        };
        assert_eq!(reminder(&exported(29), today, false), None);
        assert_eq!(
            reminder(&exported(30), today, false),
            Some(Reminder::Stale {
                days: 30,
                never: false
            })
        );
        assert_eq!(
            reminder(&exported(31), today, false),
            Some(Reminder::Stale {
                days: 31,
                never: false
            })
        );
        assert_eq!(reminder(&exported(0), today, false), None);
        // A clock set back: not a reminder, not a negative count.
        assert_eq!(reminder(&exported(-3), today, false), None);
    }

    #[test]
    fn never_downloaded_counts_from_the_first_save_and_never_saved_from_nothing() {
        let today = day("2026-12-06");
        assert_eq!(reminder(&record(None, None), today, false), None);
        assert_eq!(reminder(&record(None, None), today, true), None);
        assert_eq!(
            reminder(&record(Some("2026-11-07"), None), today, false),
            None
        );
        assert_eq!(
            reminder(&record(Some("2026-11-06"), None), today, false),
            Some(Reminder::Stale {
                days: 30,
                never: true
            })
        );
        // Unreadable dates are as good as none.
        assert_eq!(
            reminder(&record(Some("yesterday"), Some("soon")), today, false),
            None
        );
    }

    #[test]
    fn refused_persistence_reminds_at_once_without_a_backup_and_after_a_week_with_one() {
        let today = day("2026-12-06");
        assert_eq!(
            reminder(&record(Some("2026-12-06"), None), today, true),
            Some(Reminder::Refused { never: true })
        );
        assert_eq!(
            reminder(&record(Some("2026-12-06"), Some("2026-12-06")), today, true),
            None
        );
        assert_eq!(
            reminder(&record(None, Some("2026-11-30")), today, true),
            None
        );
        assert_eq!(
            reminder(&record(None, Some("2026-11-29")), today, true),
            Some(Reminder::Refused { never: false })
        );
    }

    #[test]
    fn the_record_keeps_the_first_save_and_the_last_download() {
        let mut record = BackupRecord::from_json("not json");
        assert_eq!(record, BackupRecord::default());
        assert!(record.saved(day("2026-12-01")));
        assert!(!record.saved(day("2026-12-06")));
        record.exported(day("2026-12-06"));
        let text = record.to_json();
        assert_eq!(
            text,
            r#"{"first_saved":"2026-12-01","exported":"2026-12-06"}"#
        );
        assert_eq!(BackupRecord::from_json(&text), record);
        assert_eq!(
            BackupRecord::from_json(r#"{"exported":"2026-11-05"}"#).exported,
            Some("2026-11-05".to_owned())
        );
    }

    #[test]
    fn reminders_say_why_in_both_languages() {
        let stale = Reminder::Stale {
            days: 31,
            never: false,
        };
        assert!(reminder_text(stale, Lang::Vi).contains("Đã 31 ngày"));
        assert!(reminder_text(stale, Lang::En).contains("31 days"));
        let never = Reminder::Stale {
            days: 30,
            never: true,
        };
        assert!(reminder_text(never, Lang::Vi).contains("chưa từng"));
        assert!(reminder_text(never, Lang::En).contains("never"));
        let refused = Reminder::Refused { never: true };
        assert!(reminder_text(refused, Lang::Vi).contains("lưu trữ lâu dài"));
        assert!(reminder_text(refused, Lang::En).contains("for good"));
    }

    #[test]
    fn sizes_are_written_the_language_s_way() {
        assert_eq!(format_bytes(512.0, Lang::Vi), "512 byte");
        assert_eq!(format_bytes(12_595.2, Lang::Vi), "12,3 KB");
        assert_eq!(format_bytes(12_595.2, Lang::En), "12.3 KB");
        assert_eq!(format_bytes(1_000.0 * 1024.0, Lang::Vi), "1.000,0 KB");
        assert_eq!(format_bytes(1_536.0 * 1024.0 * 1024.0, Lang::Vi), "1,5 GB");
        assert_eq!(format_bytes(f64::NAN, Lang::En), "0 bytes");
        assert_eq!(format_bytes(-5.0, Lang::En), "0 bytes");
        let status = StorageStatus {
            persistence: Persistence::BestEffort,
            usage: Some(100.0),
            quota: Some(50.0),
            local_chars: None,
        };
        assert_eq!(status.available(), Some(0.0));
        assert_eq!(StorageStatus::UNKNOWN.available(), None);
        assert_eq!(
            local_share_text(655_360.0, Lang::Vi),
            "12,5% của giới hạn khoảng 5 triệu ký tự"
        );
        assert_eq!(
            local_share_text(655_360.0, Lang::En),
            "12.5% of the limit of about 5 million characters"
        );
    }
}
