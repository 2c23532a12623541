//! What the data page shows, as data: which parts a build has, the storage
//! section ([`storage_view`]), the encodings and progress of an import, the
//! stored workspaces, the undo note and the names of exported files.

use crate::edit::form::Deleted;
use crate::files::backup::{format_bytes, local_share_text, Persistence, StorageStatus};
use crate::files::bytes::Encoding;
use crate::files::csv_data::{Phase, Progress};
use crate::i18n::Lang;

/// Names and errors listed in an import preview.
pub const PREVIEW_SHOWN: usize = 20;

/// Which parts of the page the app has: the entry forms, merging, and the
/// workspace panel are left out of a build that has no room for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts {
    pub forms: bool,
    pub csv_import: bool,
    pub merge: bool,
    pub workspaces: bool,
}

impl Parts {
    pub const ALL: Parts = Parts {
        forms: true,
        csv_import: true,
        merge: true,
        workspaces: true,
    };
}

/// One line of the storage section: its term, and its value with the id
/// the page gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageRow {
    pub id: &'static str,
    pub term: &'static str,
    pub value: String,
}

/// Whether the browser keeps the site's data for good, how much it holds
/// and has room for, the risk in plain words, and the button to ask again
/// ([`storage_view`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageView {
    /// "persistent", "best-effort" or "unknown": the persistence row's
    /// `data-state`.
    pub state: &'static str,
    /// Persistence, usage, room left, localStorage's share.
    pub rows: Vec<StorageRow>,
    /// Where the data lives and what may delete it.
    pub explanation: &'static str,
    /// The button that asks the browser to keep the data, while it does not.
    pub ask: Option<&'static str>,
}

/// The storage section from what the browser said; `asked`: persistent
/// storage was asked for in this browser.
pub fn storage_view(status: &StorageStatus, asked: bool, lang: Lang) -> StorageView {
    let not_said = lang.pick("Trình duyệt không cho biết", "The browser does not say");
    let (state, kept) = match status.persistence {
        Persistence::Persistent => (
            "persistent",
            lang.pick(
                "Có: trình duyệt chỉ xóa dữ liệu của trang này khi bạn yêu cầu.",
                "Yes: the browser deletes this site's data only if you ask it to.",
            ),
        ),
        Persistence::BestEffort if asked => (
            "best-effort",
            lang.pick(
                "Chưa: trình duyệt chưa đồng ý giữ dữ liệu lâu dài.",
                "No: the browser has not agreed to keep the data for good.",
            ),
        ),
        Persistence::BestEffort => (
            "best-effort",
            lang.pick(
                "Chưa: chưa yêu cầu trình duyệt giữ dữ liệu lâu dài.",
                "No: the browser has not been asked to keep the data for good.",
            ),
        ),
        Persistence::Unknown => ("unknown", not_said),
    };
    let size =
        |bytes: Option<f64>| bytes.map_or_else(|| not_said.to_owned(), |b| format_bytes(b, lang));
    let rows = vec![
        StorageRow {
            id: "storage-persisted",
            term: lang.pick("Lưu trữ lâu dài", "Kept for good (persistent storage)"),
            value: kept.to_owned(),
        },
        StorageRow {
            id: "storage-usage",
            term: lang.pick("Đang dùng", "Used"),
            value: size(status.usage),
        },
        StorageRow {
            id: "storage-available",
            term: lang.pick("Còn trống", "Available"),
            value: size(status.available()),
        },
        StorageRow {
            id: "storage-local",
            term: lang.pick(
                "localStorage (chỉ cho cài đặt nhỏ)",
                "localStorage (small settings only)",
            ),
            value: status.local_chars.map_or_else(
                || not_said.to_owned(),
                |chars| local_share_text(chars, lang),
            ),
        },
    ];
    StorageView {
        state,
        rows,
        explanation: lang.pick(
            "Dữ liệu chỉ nằm trong trình duyệt này. Nếu không được lưu trữ lâu dài, trình duyệt có thể tự xóa nó khi máy thiếu chỗ, và Safari (iPhone, iPad, Mac) xóa sau 7 ngày không mở trang. Hãy tải bản sao lưu (tệp JSON) về máy thường xuyên. Các không gian làm việc được lưu trong IndexedDB của trình duyệt, với dung lượng trình duyệt cho biết ở trên (“Đang dùng”, “Còn trống”); localStorage, có giới hạn riêng khoảng 5 triệu ký tự, chỉ giữ các cài đặt nhỏ.",
            "The data lives only in this browser. Unless it is kept for good, the browser may delete it when the device runs short of space, and Safari (iPhone, iPad, Mac) deletes it after 7 days without a visit. Download a backup (the JSON file) regularly. The workspaces are kept in the browser's IndexedDB, with the room the browser reports above (“Used”, “Available”); localStorage, with its own limit of about 5 million characters, holds only small settings.",
        ),
        ask: (status.persistence == Persistence::BestEffort)
            .then(|| lang.pick("Yêu cầu lưu trữ lâu dài", "Ask to keep data")),
    }
}

/// The encoding each CSV file was read in ("Mã hoá: Windows-1258 (ANSI
/// tiếng Việt)"), so that a garbled name can be traced to its file; the
/// file's name is said when there are several.
pub fn encoding_lines(encodings: &[(String, Encoding)], lang: Lang) -> Vec<String> {
    let label = lang.pick("Mã hoá", "Encoding");
    encodings
        .iter()
        .map(|(name, encoding)| match encodings.len() {
            1 => format!("{label}: {}", encoding.label(lang)),
            _ => format!("{label} ({name}): {}", encoding.label(lang)),
        })
        .collect()
}

/// How far a CSV import is, as a whole percent rounded down: reading the
/// files is counted as the first 90% (it takes most of the time), checking
/// the workspace as the rest.
pub fn import_progress_text(progress: &Progress) -> String {
    let part = progress.done as u64 * 100 / progress.total.max(1) as u64;
    let percent = match progress.phase {
        Phase::Reading => part * 9 / 10,
        _ => 90 + part / 10,
    };
    format!("{percent}%")
}

/// What the progress line says while an import runs (before how far it
/// is, and a button to cancel it).
pub fn import_progress_label(csv: bool, lang: Lang) -> &'static str {
    match csv {
        true => lang.pick("Đang nhập tệp CSV…", "Importing the CSV files…"),
        false => lang.pick("Đang đọc tệp JSON…", "Reading the JSON files…"),
    }
}

/// A stored workspace as the workspaces list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceEntry {
    pub id: String,
    pub name: String,
    /// The workspace open in this tab.
    pub open: bool,
}

/// The stored workspaces (id, name), the open one marked.
pub fn workspace_entries(list: &[(String, String)], current: &str) -> Vec<WorkspaceEntry> {
    list.iter()
        .map(|(id, name)| WorkspaceEntry {
            id: id.clone(),
            name: name.clone(),
            open: id == current,
        })
        .collect()
}

/// What can be done to a stored workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkspaceAction {
    Open,
    Rename,
    Duplicate,
    Delete,
}

impl WorkspaceAction {
    pub const ALL: [WorkspaceAction; 4] = [
        WorkspaceAction::Open,
        WorkspaceAction::Rename,
        WorkspaceAction::Duplicate,
        WorkspaceAction::Delete,
    ];

    /// Whether the action is offered for `entry` (the open one is not
    /// opened again).
    pub fn offered(self, entry: &WorkspaceEntry) -> bool {
        !(self == WorkspaceAction::Open && entry.open)
    }

    /// The button's words.
    pub fn words(self, lang: Lang) -> &'static str {
        match self {
            WorkspaceAction::Open => lang.pick("Mở", "Open"),
            WorkspaceAction::Rename => lang.pick("Đổi tên", "Rename"),
            WorkspaceAction::Duplicate => lang.pick("Nhân bản", "Duplicate"),
            WorkspaceAction::Delete => lang.pick("Xóa", "Delete"),
        }
    }

    /// The button's name: its words and the workspace's ("Open Demo").
    pub fn label(self, name: &str, lang: Lang) -> String {
        format!("{} {name}", self.words(lang))
    }
}

/// After an open workspace's name in the list.
pub fn open_note(lang: Lang) -> &'static str {
    lang.pick(" (đang mở) ", " (open) ")
}

/// The note after a deletion, before its undo button: "Đã xóa “HTX A”."
pub fn undo_text(deleted: &Deleted, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã xóa “{}”.", deleted.unit.name),
        Lang::En => format!("Deleted “{}”.", deleted.unit.name),
    }
}

/// A file name from the workspace's name, the date and what it holds:
/// "Hợp tác xã của tôi-2019-06-30-don-vi.csv".
pub fn file_name(workspace: &str, date: &str, what: &str, extension: &str) -> String {
    let base = workspace.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "-");
    if what.is_empty() {
        format!("{base}-{date}.{extension}")
    } else {
        format!("{base}-{date}-{what}.{extension}")
    }
}

/// An id not in `taken`, made from a name.
pub fn new_workspace_id(taken: &[(String, String)], millis: u64) -> String {
    (0u64..)
        .map(|n| format!("ws-{}", millis + n))
        .find(|id| !taken.iter().any(|(t, _)| t == id))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::{Unit, UnitKind};

    #[test]
    fn import_progress_counts_reading_as_most_of_the_way() {
        let at = |phase, done| {
            import_progress_text(&Progress {
                phase,
                done,
                total: 200,
                rows: 0,
            })
        };
        assert_eq!(at(Phase::Reading, 0), "0%");
        assert_eq!(at(Phase::Reading, 199), "89%");
        assert_eq!(at(Phase::Checking, 100), "95%");
        assert_eq!(at(Phase::Done, 200), "100%");
        assert_eq!(
            import_progress_label(true, Lang::En),
            "Importing the CSV files…"
        );
        assert_eq!(import_progress_label(false, Lang::Vi), "Đang đọc tệp JSON…");
    }

    #[test]
    fn the_stored_workspaces_are_listed_with_their_actions() {
        let list = [
            ("a".to_owned(), "Của tôi".to_owned()),
            ("b".to_owned(), "Demo <x>".to_owned()),
        ];
        let entries = workspace_entries(&list, "a");
        assert_eq!(
            entries
                .iter()
                .map(|e| (e.name.as_str(), e.open))
                .collect::<Vec<_>>(),
            [("Của tôi", true), ("Demo <x>", false)]
        );
        assert_eq!(open_note(Lang::En), " (open) ");
        let offered = |entry: &WorkspaceEntry| {
            WorkspaceAction::ALL
                .into_iter()
                .filter(|a| a.offered(entry))
                .map(|a| a.label(&entry.name, Lang::En))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            offered(&entries[1]),
            [
                "Open Demo <x>",
                "Rename Demo <x>",
                "Duplicate Demo <x>",
                "Delete Demo <x>"
            ]
        );
        assert!(!offered(&entries[0]).iter().any(|l| l.starts_with("Open")));
        assert_eq!(
            WorkspaceAction::Duplicate.label("Của tôi", Lang::Vi),
            "Nhân bản Của tôi"
        );
    }

    fn row<'a>(view: &'a StorageView, id: &str) -> &'a str {
        view.rows
            .iter()
            .find(|r| r.id == id)
            .map_or("", |r| r.value.as_str())
    }

    #[test]
    fn the_storage_section_says_what_the_browser_said_in_the_page_s_language() {
        let status = StorageStatus {
            persistence: Persistence::BestEffort,
            usage: Some(1_234_567.0),
            quota: Some(10.0 * 1024.0 * 1024.0 * 1024.0),
            local_chars: Some(52_428.8),
        };
        let vi = storage_view(&status, true, Lang::Vi);
        assert_eq!(vi.state, "best-effort");
        assert!(row(&vi, "storage-persisted").contains("chưa đồng ý"));
        assert_eq!(row(&vi, "storage-usage"), "1,2 MB");
        assert_eq!(row(&vi, "storage-available"), "10,0 GB");
        assert!(row(&vi, "storage-local").starts_with("1,0% của giới hạn"));
        assert!(vi.explanation.contains("Safari"));
        // Where the workspaces are, said as it is: IndexedDB, and
        // localStorage's limit only for the small settings.
        assert_eq!(vi.rows[3].term, "localStorage (chỉ cho cài đặt nhỏ)");
        assert!(vi
            .explanation
            .contains("Các không gian làm việc được lưu trong IndexedDB"));
        assert_eq!(vi.ask, Some("Yêu cầu lưu trữ lâu dài"));
        let en = storage_view(&status, false, Lang::En);
        assert!(row(&en, "storage-persisted").contains("has not been asked"));
        assert!(en
            .explanation
            .contains("The workspaces are kept in the browser"));
        assert_eq!(en.rows[3].term, "localStorage (small settings only)");
        assert_eq!(en.ask, Some("Ask to keep data"));
        let granted = StorageStatus {
            persistence: Persistence::Persistent,
            ..status
        };
        let granted = storage_view(&granted, true, Lang::En);
        assert_eq!((granted.state, granted.ask), ("persistent", None));
        // An old browser: nothing breaks, the page says so.
        let old = storage_view(&StorageStatus::UNKNOWN, false, Lang::Vi);
        assert_eq!(old.state, "unknown");
        assert_eq!(
            old.rows
                .iter()
                .filter(|r| r.value == "Trình duyệt không cho biết")
                .count(),
            4
        );
        assert_eq!(old.ask, None);
    }

    #[test]
    fn each_csv_file_says_its_encoding_named_when_there_are_several() {
        let one = [("a.csv".to_owned(), Encoding::Utf8)];
        let lines = encoding_lines(&one, Lang::En);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with("Encoding: "), "{lines:?}");
        let two = [
            ("a.csv".to_owned(), Encoding::Utf8),
            ("b.csv".to_owned(), Encoding::Utf8),
        ];
        let lines = encoding_lines(&two, Lang::Vi);
        assert!(lines[1].starts_with("Mã hoá (b.csv): "), "{lines:?}");
        assert!(encoding_lines(&[], Lang::Vi).is_empty());
    }

    #[test]
    fn the_undo_note_and_file_names() {
        let mut deleted_unit = Unit::new("u", "HTX A", UnitKind::Htx);
        deleted_unit.years.clear();
        let undo = undo_text(
            &Deleted {
                index: 0,
                unit: deleted_unit,
            },
            Lang::Vi,
        );
        assert_eq!(undo, "Đã xóa “HTX A”.");
        assert_eq!(
            file_name("a/b", "2019-06-30", "don-vi", "csv"),
            "a-b-2019-06-30-don-vi.csv"
        );
        assert_eq!(
            new_workspace_id(&[("ws-5".to_owned(), String::new())], 5),
            "ws-6"
        );
    }
}
