//! The sync's status line, as data: last pushed, last pulled, changes
//! waiting, online or not, and what went wrong, in plain words in both
//! languages. The app shows these texts; it words nothing itself.

use chrono::{NaiveDateTime, Timelike};

use crate::i18n::format::format_date;
use crate::i18n::number::{write_whole, Convention};
use crate::i18n::{Lang, Text};

/// A moment for the status line, in the page's language: "14:05, 07/12/2026"
/// or "7 Dec 2026, 14:05".
pub fn moment_text(at: NaiveDateTime, lang: Lang) -> String {
    let date = format_date(at.date(), lang);
    let time = format!("{:02}:{:02}", at.hour(), at.minute());
    match lang {
        Lang::Vi => format!("{time}, {date}"),
        Lang::En => format!("{date}, {time}"),
    }
}

/// "Lần gửi cuối: …" or "never".
pub fn last_text(vi: &str, en: &str, at: Option<NaiveDateTime>) -> Text {
    match at {
        Some(at) => Text::new(
            format!("{vi}: {}", moment_text(at, Lang::Vi)),
            format!("{en}: {}", moment_text(at, Lang::En)),
        ),
        None => Text::new(format!("{vi}: chưa lần nào"), format!("{en}: never")),
    }
}

/// A count as the page's language writes it: `1.200` in Vietnamese,
/// `1,200` in English.
fn count(n: usize, lang: Lang) -> String {
    write_whole(i64::try_from(n).unwrap_or(i64::MAX), Convention::of(lang))
}

pub fn pending_text(waiting: usize) -> Text {
    match waiting {
        0 => Text::new(
            "Không có thay đổi nào chờ gửi",
            "No changes waiting to be sent",
        ),
        1 => Text::new("1 thay đổi chờ gửi", "1 change waiting to be sent"),
        n => Text::new(
            format!("{} thay đổi chờ gửi", count(n, Lang::Vi)),
            format!("{} changes waiting to be sent", count(n, Lang::En)),
        ),
    }
}

pub fn offline_text() -> Text {
    Text::new(
        "Ngoại tuyến — sẽ đồng bộ khi có mạng",
        "Offline — will sync when back online",
    )
}

pub fn online_text() -> Text {
    Text::new("Trực tuyến", "Online")
}

/// What a sync that ran said, for the status line and the messages under it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Records changed by the pull.
    pub pulled: usize,
    /// Documents the push saved.
    pub pushed: usize,
    /// Refused by the database's rules: the document's `_id` and
    /// CouchDB's reason.
    pub refused: Vec<(String, String)>,
    /// Records changed both here and on the server (a 409 on push, a
    /// document changed on both sides on pull, or one with `_conflicts`).
    pub conflicts: Vec<String>,
    /// Kept untouched: written by a newer version of the app.
    pub newer: usize,
    /// Documents that could not be read, with why.
    pub malformed: Vec<(String, String)>,
    /// Writes that failed for another reason (a server fault), with the
    /// error: they stay waiting and go again at the next sync.
    pub failed: Vec<(String, String)>,
}

impl Outcome {
    /// The summary line of a sync that reached the server.
    pub fn summary(&self) -> Text {
        Text::new(
            format!(
                "Đã đồng bộ: nhận {} thay đổi, gửi {} tài liệu.",
                count(self.pulled, Lang::Vi),
                count(self.pushed, Lang::Vi)
            ),
            format!(
                "Synced: {} changes received, {} documents sent.",
                count(self.pulled, Lang::En),
                count(self.pushed, Lang::En)
            ),
        )
    }

    /// Each problem in plain words, one message per kind.
    pub fn problems(&self) -> Vec<Text> {
        let mut out = Vec::new();
        for (id, reason) in &self.refused {
            out.push(Text::new(
                format!("Máy chủ từ chối ghi “{}”: {reason}", readable_id(id)),
                format!(
                    "The server refused to write “{}”: {reason}",
                    readable_id(id)
                ),
            ));
        }
        if !self.conflicts.is_empty() {
            let list = self
                .conflicts
                .iter()
                .map(|id| readable_id(id))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Text::new(
                format!("Các bản ghi này đã bị sửa cả ở đây lẫn trên máy chủ, chưa gộp (bản ở đây được giữ nguyên): {list}"),
                format!("These records were changed both here and on the server and were not merged (the version here is kept): {list}"),
            ));
        }
        if self.newer > 0 {
            out.push(Text::new(
                format!("{} tài liệu do phiên bản mới hơn của ứng dụng ghi: giữ nguyên trên máy chủ, không mở ở đây. Hãy cập nhật ứng dụng.", count(self.newer, Lang::Vi)),
                format!("{} documents were written by a newer version of the app: kept untouched on the server, not opened here. Update the app.", count(self.newer, Lang::En)),
            ));
        }
        for (id, error) in &self.failed {
            out.push(Text::new(
                format!(
                    "Máy chủ chưa ghi “{}” ({error}); sẽ gửi lại lần sau.",
                    readable_id(id)
                ),
                format!(
                    "The server did not write “{}” ({error}); it is sent again next time.",
                    readable_id(id)
                ),
            ));
        }
        for (id, reason) in &self.malformed {
            out.push(Text::new(
                format!("Không đọc được tài liệu “{id}”: {reason}"),
                format!("The document “{id}” could not be read: {reason}"),
            ));
        }
        out
    }
}

/// A document's `_id` as a person reads it: its parts decoded
/// (`demo:unit:demo-001` for `demo:unit:demo-001`, `hải phòng:…` for
/// `h%E1%BA%A3i%20ph…`).
pub fn readable_id(id: &str) -> String {
    id.split(':')
        .map(|part| {
            percent_encoding::percent_decode_str(part)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect::<Vec<_>>()
        .join(":")
}

/// An error answer of the server (not a network failure) in plain words:
/// what it means for the user, with CouchDB's reason when it gave one.
pub fn http_problem(status: u16, error: &str, reason: &str, database: &str) -> Text {
    let because = |vi: &str, en: &str| {
        if reason.is_empty() {
            Text::new(format!("{vi}."), format!("{en}."))
        } else {
            Text::new(format!("{vi}: {reason}"), format!("{en}: {reason}"))
        }
    };
    match status {
        401 => because(
            "Chưa đăng nhập, hoặc phiên đăng nhập đã hết hạn — hãy đăng nhập lại",
            "Not logged in, or the session has expired — log in again",
        ),
        403 => because(
            &format!("Người dùng này không được phép dùng cơ sở dữ liệu “{database}”"),
            &format!("This user may not use the database “{database}”"),
        ),
        404 => Text::new(
            format!("Máy chủ không có cơ sở dữ liệu “{database}”. Hãy kiểm tra tên với Sở."),
            format!(
                "The server has no database “{database}”. Check the name with the province office."
            ),
        ),
        _ => {
            let what = if error.is_empty() {
                status.to_string()
            } else {
                format!("{status} {error}")
            };
            because(
                &format!("Máy chủ báo lỗi ({what})"),
                &format!("The server answered with an error ({what})"),
            )
        }
    }
}
