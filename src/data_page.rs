//! The data page's frame and its file and workspace panels, as HTML text.
//!
//! The page is drawn from these strings and the ones of
//! [`crate::unit_table`], [`crate::edit::form`] and
//! [`crate::report::data_checks_html`]: each region has an id, and the
//! browser rewrites a region when what it shows changes. Buttons say what
//! they do in `data-action` (or `data-*` with the thing they act on), so one
//! click handler serves the page.

use crate::backup::{
    format_bytes, local_share_text, reminder_text, Persistence, Reminder, StorageStatus,
};
use crate::csv_data::{Phase, Progress};
use crate::edit::form::Deleted;
use crate::files::Encoding;
use crate::html::Html;
use crate::i18n::Lang;
use crate::import::{preview_html, ImportPreview};
use crate::merge::Merge;

/// Names and errors listed in an import preview.
pub const PREVIEW_SHOWN: usize = 20;

fn button(html: &mut Html, action: &str, class: Option<&str>, text: &str) {
    html.element(
        "button",
        &[
            ("type", Some("button")),
            ("class", class),
            ("data-action", Some(action)),
        ],
        text,
    );
}

fn file_input(html: &mut Html, id: &str, kind: &str, accept: &str, multiple: bool, label: &str) {
    html.element(
        "label",
        &[("class", Some("stacked")), ("for", Some(id))],
        label,
    )
    .void(
        "input",
        &[
            ("id", Some(id)),
            ("type", Some("file")),
            ("accept", Some(accept)),
            ("data-import", Some(kind)),
            ("multiple", multiple.then_some("")),
        ],
    );
}

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

/// The page's frame in the parts drawn as HTML text, around the parts that
/// are components (the table of units, the stored workspaces).
pub struct Shell {
    /// The backup reminder (the title, the toolbar and the form are
    /// components, in `app/pages/data/forms.rs`).
    pub top: String,
    /// The files' controls and preview, the storage section.
    pub files: String,
    /// The data checks.
    pub checks: String,
}

impl Shell {
    #[cfg(test)]
    fn all(&self) -> String {
        format!("{}{}{}", self.top, self.files, self.checks)
    }
}

/// The page's frame: headings, the toolbar, the file controls and an
/// empty element for every region.
pub fn shell_html(lang: Lang, parts: Parts) -> Shell {
    let mut html = Html::new();
    let region = |html: &mut Html, id: &str| {
        html.element("div", &[("id", Some(id))], "");
    };
    // The backup reminder, near the top where it is seen.
    html.element(
        "div",
        &[("id", Some("data-backup")), ("role", Some("status"))],
        "",
    );
    // The title, the buttons that open the forms and the form itself come
    // before it, the undo note, the filters and the table of units after
    // it (components).
    let top = std::mem::take(&mut html).into_string();

    html.element("h2", &[], lang.pick("Tệp dữ liệu", "Data files"))
        .open("p", &[("class", Some("form-actions"))]);
    button(
        &mut html,
        "export-json",
        None,
        lang.pick(
            "Tải về tệp JSON của không gian làm việc",
            "Download the workspace as JSON",
        ),
    );
    button(
        &mut html,
        "export-units-csv",
        Some("secondary"),
        lang.pick("Tải về CSV các đơn vị", "Download the units as CSV"),
    );
    button(
        &mut html,
        "export-years-csv",
        Some("secondary"),
        lang.pick(
            "Tải về CSV số liệu theo năm",
            "Download the yearly figures as CSV",
        ),
    );
    html.close("p").open("div", &[("class", Some("import"))]);
    file_input(
        &mut html,
        "import-file",
        "json",
        ".json,application/json",
        false,
        lang.pick(
            "Nhập tệp JSON của Coop Plan (thay nội dung không gian làm việc này, sau khi xem trước)",
            "Import a Coop Plan JSON file (replaces this workspace's content, after a preview)",
        ),
    );
    if parts.csv_import {
        file_input(
        &mut html,
        "import-csv",
        "csv",
        // Excel's "Unicode text" is a tab-separated .txt file.
        ".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values",
        true,
        lang.pick(
            "Nhập tệp CSV đơn vị và/hoặc số liệu theo năm (bổ sung, cập nhật; sau khi xem trước)",
            "Import CSV files of units and/or yearly figures (adds and updates, after a preview)",
        ),
    );
    }
    if parts.merge {
        file_input(
        &mut html,
        "import-merge",
        "merge",
        ".json,application/json",
        true,
        lang.pick(
            "Gộp nhiều tệp JSON (ví dụ của các học viên) thành nội dung của không gian làm việc này",
            "Merge several JSON files (e.g. from workshop participants) into this workspace's content",
        ),
    );
    }
    html.element(
        "div",
        &[
            ("id", Some("data-file-error")),
            ("class", Some("field-error")),
            ("role", Some("alert")),
        ],
        "",
    );
    region(&mut html, "data-preview");
    html.close("div");
    html.open(
        "section",
        &[
            ("class", Some("storage")),
            ("aria-labelledby", Some("storage-title")),
        ],
    )
    .element(
        "h2",
        &[("id", Some("storage-title"))],
        lang.pick("Lưu trữ trong trình duyệt", "Storage in this browser"),
    )
    .element(
        "div",
        &[
            ("id", Some("data-storage")),
            ("class", Some("storage-status")),
        ],
        "",
    )
    .close("section");
    // The stored workspaces come between (a component).
    let files = std::mem::take(&mut html).into_string();
    region(&mut html, "data-checks");
    Shell {
        top,
        files,
        checks: html.into_string(),
    }
}

/// The reminder to download a backup, with the button that does; empty
/// when there is none.
pub fn backup_html(reminder: Option<Reminder>, lang: Lang) -> String {
    let Some(reminder) = reminder else {
        return String::new();
    };
    let mut html = Html::new();
    html.open(
        "div",
        &[("class", Some("notice notice-warning backup-reminder"))],
    )
    .element("p", &[], &reminder_text(reminder, lang))
    .open("p", &[("class", Some("notice-actions"))]);
    button(
        &mut html,
        "export-json",
        None,
        lang.pick("Tải bản sao lưu (JSON)", "Download a backup (JSON)"),
    );
    html.close("p").close("div");
    html.into_string()
}

/// Whether the browser keeps the site's data for good, how much it holds
/// and has room for, the risk in plain words, and the button to ask again.
/// `status` is `None` while the browser has not answered yet; `asked`:
/// persistent storage was asked for in this browser.
pub fn storage_html(status: Option<&StorageStatus>, asked: bool, lang: Lang) -> String {
    let mut html = Html::new();
    let Some(status) = status else {
        html.element(
            "p",
            &[("class", Some("saved-note"))],
            lang.pick("Đang hỏi trình duyệt…", "Asking the browser…"),
        );
        return html.into_string();
    };
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
    html.open("dl", &[])
        .element(
            "dt",
            &[],
            lang.pick("Lưu trữ lâu dài", "Kept for good (persistent storage)"),
        )
        .element(
            "dd",
            &[("id", Some("storage-persisted")), ("data-state", Some(state))],
            kept,
        )
        .element("dt", &[], lang.pick("Đang dùng", "Used"))
        .element("dd", &[("id", Some("storage-usage"))], &size(status.usage))
        .element("dt", &[], lang.pick("Còn trống", "Available"))
        .element(
            "dd",
            &[("id", Some("storage-available"))],
            &size(status.available()),
        )
        .element(
            "dt",
            &[],
            lang.pick(
                "localStorage (chỉ cho cài đặt nhỏ)",
                "localStorage (small settings only)",
            ),
        )
        .element(
            "dd",
            &[("id", Some("storage-local"))],
            &status.local_chars.map_or_else(
                || not_said.to_owned(),
                |chars| local_share_text(chars, lang),
            ),
        )
        .close("dl")
        .element(
            "p",
            &[],
            lang.pick(
                "Dữ liệu chỉ nằm trong trình duyệt này. Nếu không được lưu trữ lâu dài, trình duyệt có thể tự xóa nó khi máy thiếu chỗ, và Safari (iPhone, iPad, Mac) xóa sau 7 ngày không mở trang. Hãy tải bản sao lưu (tệp JSON) về máy thường xuyên. Các không gian làm việc được lưu trong IndexedDB của trình duyệt, với dung lượng trình duyệt cho biết ở trên (“Đang dùng”, “Còn trống”); localStorage, có giới hạn riêng khoảng 5 triệu ký tự, chỉ giữ các cài đặt nhỏ.",
                "The data lives only in this browser. Unless it is kept for good, the browser may delete it when the device runs short of space, and Safari (iPhone, iPad, Mac) deletes it after 7 days without a visit. Download a backup (the JSON file) regularly. The workspaces are kept in the browser's IndexedDB, with the room the browser reports above (“Used”, “Available”); localStorage, with its own limit of about 5 million characters, holds only small settings.",
            ),
        );
    if status.persistence == Persistence::BestEffort {
        html.open("p", &[]);
        button(
            &mut html,
            "ask-persist",
            Some("secondary"),
            lang.pick("Yêu cầu lưu trữ lâu dài", "Ask to keep data"),
        );
        html.close("p");
    }
    html.into_string()
}

/// What an import would do, with the buttons to confirm or cancel it; a
/// merge shows its conflicts first.
/// The encoding each CSV file was read in ("Mã hoá: Windows-1258 (ANSI
/// tiếng Việt)"), so that a garbled name can be traced to its file.
pub fn encodings_html(encodings: &[(String, Encoding)], lang: Lang) -> String {
    let mut html = Html::new();
    for (name, encoding) in encodings {
        let label = lang.pick("Mã hoá", "Encoding");
        let text = match encodings.len() {
            1 => format!("{label}: {}", encoding.label(lang)),
            _ => format!("{label} ({name}): {}", encoding.label(lang)),
        };
        html.element("p", &[("class", Some("file-encoding"))], &text);
    }
    html.into_string()
}

/// The import's preview; `encodings` names the encoding of each CSV file
/// read (empty for JSON).
pub fn preview_region_html(
    preview: &ImportPreview,
    merge: Option<&Merge>,
    encodings: &[(String, Encoding)],
    lang: Lang,
) -> String {
    let mut html = Html::new();
    html.open(
        "section",
        &[
            ("class", Some("import-preview")),
            ("aria-labelledby", Some("import-preview-title")),
        ],
    )
    .element(
        "h3",
        &[("id", Some("import-preview-title"))],
        lang.pick("Xem trước khi nhập", "Before importing"),
    );
    html.append_text(&encodings_html(encodings, lang));
    if let Some(merge) = merge {
        html.open("div", &[("class", Some("conflicts"))])
            .append_text(&merge.conflicts_html(100, lang))
            .close("div");
        if !merge.conflicts.is_empty() {
            html.open("p", &[]);
            button(
                &mut html,
                "newest-wins",
                Some("secondary"),
                lang.pick(
                    "Mới nhất được giữ (chọn giá trị của tệp lưu sau cùng cho mọi mục)",
                    "Newest wins (take the most recently saved file's value everywhere)",
                ),
            );
            html.close("p");
        }
    }
    html.append_text(&preview_html(preview, PREVIEW_SHOWN, lang));
    html.open("div", &[("class", Some("form-actions"))]);
    html.element(
        "button",
        &[
            ("type", Some("button")),
            ("data-action", Some("confirm-import")),
            ("disabled", (!preview.can_confirm()).then_some("")),
        ],
        lang.pick("Xác nhận nhập tệp", "Confirm the import"),
    );
    button(
        &mut html,
        "cancel-import",
        Some("secondary"),
        lang.pick("Hủy", "Cancel"),
    );
    html.close("div").close("section");
    html.into_string()
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

/// Where the preview will be, while a CSV import runs: how far it is and
/// a button to cancel it (the page rewrites the text of `csv-progress`;
/// the region drawn again for any other reason ends the import).
pub fn import_progress_html(lang: Lang, csv: bool) -> String {
    format!(
        "<p>{} <span id=\"csv-progress\">0%</span> <button type=\"button\" class=\"secondary\" data-action=\"cancel-import\">{}</button></p>",
        match csv {
            true => lang.pick("Đang nhập tệp CSV…", "Importing the CSV files…"),
            false => lang.pick("Đang đọc tệp JSON…", "Reading the JSON files…"),
        },
        lang.pick("Hủy", "Cancel")
    )
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
    use crate::import::preview_workspace;
    use crate::unit::{Unit, UnitKind};
    use crate::workspace::Workspace;

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
        assert!(import_progress_html(Lang::En, true).contains("data-action=\"cancel-import\""));
    }

    #[test]
    fn every_control_is_labelled_and_names_its_action() {
        let shell = shell_html(Lang::Vi, Parts::ALL).all();
        for id in ["import-file", "import-csv", "import-merge"] {
            assert!(shell.contains(&format!("<label class=\"stacked\" for=\"{id}\">")));
        }
        for id in ["data-preview", "data-checks"] {
            assert!(shell.contains(&format!("id=\"{id}\"")));
        }
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

    #[test]
    fn the_storage_section_says_what_the_browser_said_in_the_page_s_language() {
        let shell = shell_html(Lang::Vi, Parts::ALL).all();
        for id in ["data-backup", "data-storage"] {
            assert!(shell.contains(&format!("id=\"{id}\"")));
        }
        let status = StorageStatus {
            persistence: Persistence::BestEffort,
            usage: Some(1_234_567.0),
            quota: Some(10.0 * 1024.0 * 1024.0 * 1024.0),
            local_chars: Some(52_428.8),
        };
        let vi = storage_html(Some(&status), true, Lang::Vi);
        assert!(vi.contains("data-state=\"best-effort\""));
        assert!(vi.contains("chưa đồng ý"));
        assert!(vi.contains("<dd id=\"storage-usage\">1,2 MB</dd>"));
        assert!(vi.contains("<dd id=\"storage-available\">10,0 GB</dd>"));
        assert!(vi.contains("Safari"));
        assert!(vi.contains("<dd id=\"storage-local\">1,0% của giới hạn"));
        // Where the workspaces are, said as it is: IndexedDB, and
        // localStorage's limit only for the small settings.
        assert!(vi.contains("<dt>localStorage (chỉ cho cài đặt nhỏ)</dt>"));
        assert!(vi.contains("Các không gian làm việc được lưu trong IndexedDB"));
        assert!(!vi.contains("giới hạn riêng khoảng 5 triệu ký tự, dù"));
        assert!(vi.contains(">Yêu cầu lưu trữ lâu dài</button>"));
        let en = storage_html(Some(&status), false, Lang::En);
        assert!(en.contains("has not been asked"));
        assert!(en.contains("The workspaces are kept in the browser"));
        assert!(en.contains("IndexedDB"));
        assert!(en.contains("<dt>localStorage (small settings only)</dt>"));
        assert!(en.contains(">Ask to keep data</button>"));
        let granted = StorageStatus {
            persistence: Persistence::Persistent,
            ..status
        };
        assert!(!storage_html(Some(&granted), true, Lang::En).contains("ask-persist"));
        // An old browser: nothing breaks, the page says so.
        let old = storage_html(Some(&StorageStatus::UNKNOWN), false, Lang::Vi);
        assert_eq!(old.matches("Trình duyệt không cho biết").count(), 4);
        assert!(!old.contains("ask-persist"));
        assert!(storage_html(None, false, Lang::En).contains("Asking the browser"));
    }

    #[test]
    fn the_backup_reminder_downloads_the_workspace() {
        assert_eq!(backup_html(None, Lang::Vi), "");
        let html = backup_html(
            Some(Reminder::Stale {
                days: 31,
                never: false,
            }),
            Lang::Vi,
        );
        assert!(html.contains("Đã 31 ngày"));
        assert!(html.contains("data-action=\"export-json\">Tải bản sao lưu (JSON)</button>"));
        assert!(
            backup_html(Some(Reminder::Refused { never: true }), Lang::En)
                .contains("Download a backup (JSON)")
        );
    }

    #[test]
    fn a_build_without_csv_or_merge_offers_no_dead_buttons() {
        let parts = Parts {
            forms: false,
            csv_import: false,
            merge: false,
            workspaces: false,
        };
        let shell = shell_html(Lang::En, parts).all();
        for absent in ["import-csv", "import-merge"] {
            assert!(!shell.contains(absent), "{absent}");
        }
    }

    #[test]
    fn a_preview_with_errors_cannot_be_confirmed() {
        let current = Workspace::new("main", "x");
        let mut incoming = Workspace::new("f", "f");
        incoming.units.push(Unit::new("u", "", UnitKind::Htx));
        let html = preview_region_html(&preview_workspace(&current, incoming), None, &[], Lang::Vi);
        assert!(html.contains("data-action=\"confirm-import\" disabled"));
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
