//! Collecting a workshop's files: each participant exports a workspace, the
//! trainer drops all the files on the workshop page, sees who sent what,
//! and merges them ([`crate::domain::merge`]: the same registration code is the
//! same unit; conflicting values are listed to choose) into the workshop
//! workspace, whose dashboard is the room's combined picture.

use crate::domain::merge::Source;
use crate::domain::unit::UnitKind;
use crate::domain::validation::validate_workspace;
use crate::domain::workspace::Workspace;
use crate::files::bytes::text_from_bytes;
use crate::files::document::from_json;
use crate::files::import::MAX_IMPORT_BYTES;
use crate::i18n::{Lang, Text};
use crate::report::Table;

/// The id of the workspace a workshop's files are merged into.
pub const WORKSHOP_ID: &str = "workshop";

/// One file received: its name, when it was last modified (milliseconds
/// since 1970, to decide "newest wins"), and what was read from it.
#[derive(Clone, Debug)]
pub struct Received {
    pub file_name: String,
    pub modified: f64,
    pub read: Result<Workspace, Text>,
}

impl Received {
    /// Reads a file's bytes; over-large files are refused before reading
    /// (`data` is `None` then). Bytes that are not UTF-8 are refused with
    /// their place.
    pub fn read(file_name: &str, modified: f64, bytes: u64, data: Option<&[u8]>) -> Received {
        let read = match data {
            _ if bytes > MAX_IMPORT_BYTES => Err(Text::new(
                format!("Tệp lớn hơn {} MB.", MAX_IMPORT_BYTES / (1024 * 1024)),
                format!("The file is over {} MB.", MAX_IMPORT_BYTES / (1024 * 1024)),
            )),
            None => Err(Text::new(
                "Không đọc được tệp.",
                "The file could not be read.",
            )),
            Some(data) => text_from_bytes(data)
                .map_err(|e| e.text())
                .and_then(|text| {
                    from_json(&text)
                        .map_err(|e| Text::new(e.message(Lang::Vi), e.message(Lang::En)))
                }),
        };
        Received {
            file_name: file_name.to_owned(),
            modified,
            read,
        }
    }
}

/// The files that were read, as sources to merge (unreadable ones left out).
pub fn sources(received: &[Received]) -> Vec<Source> {
    received
        .iter()
        .filter_map(|r| {
            r.read.as_ref().ok().map(|workspace| Source {
                label: r.file_name.clone(),
                modified: r.modified,
                workspace: workspace.clone(),
            })
        })
        .collect()
}

/// The empty workspace the files are merged into.
pub fn workshop_base(files: usize, lang: Lang) -> Workspace {
    let name = match lang {
        Lang::Vi => format!("Hội thảo — gộp {files} tệp"),
        Lang::En => format!("Workshop — {files} files merged"),
    };
    Workspace::new(WORKSHOP_ID, name)
}

/// The received files' table: one row per file (file, workspace,
/// cooperatives, groups, years, state).
pub fn received_table(received: &[Received], lang: Lang) -> Table {
    let pick = |vi, en| lang.pick(vi, en);
    Table::new(
        &[
            pick("Tệp", "File"),
            pick("Không gian làm việc", "Workspace"),
            pick("HTX, liên hiệp", "Cooperatives"),
            pick("Tổ hợp tác", "Groups"),
            pick("Các năm", "Years"),
            pick("Tình trạng", "State"),
        ],
        received_rows(received, lang),
    )
    .class("received")
    .caption(pick("Các tệp đã nhận", "Files received"))
    .numeric([2, 3])
}

fn received_rows(received: &[Received], lang: Lang) -> Vec<Vec<String>> {
    let pick = |vi, en| lang.pick(vi, en);
    received
        .iter()
        .map(|r| match &r.read {
            Ok(w) => {
                let count = |kind: UnitKind| w.units.iter().filter(|u| u.kind == kind).count();
                let cooperatives = w.units.iter().filter(|u| u.kind.is_cooperative()).count();
                let years = w.units.iter().flat_map(|u| u.years.iter().map(|y| y.year));
                let (first, last) =
                    years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
                let errors = validate_workspace(w).errors().count();
                vec![
                    r.file_name.clone(),
                    w.name.clone(),
                    cooperatives.to_string(),
                    count(UnitKind::Tht).to_string(),
                    if first <= last {
                        format!("{first}–{last}")
                    } else {
                        "—".to_owned()
                    },
                    if errors == 0 {
                        pick("Đọc được", "Read").to_owned()
                    } else {
                        match lang {
                            Lang::Vi => format!("Đọc được; {errors} lỗi dữ liệu"),
                            Lang::En => format!("Read; {errors} data errors"),
                        }
                    },
                ]
            }
            Err(message) => vec![
                r.file_name.clone(),
                "—".to_owned(),
                "—".to_owned(),
                "—".to_owned(),
                "—".to_owned(),
                format!(
                    "{} {}",
                    pick("Không dùng được:", "Not usable:"),
                    message.get(lang)
                ),
            ],
        })
        .collect()
}

/// The words of the button that merges: how many files can be merged.
pub fn merge_button_text(received: &[Received], lang: Lang) -> String {
    let readable = received.iter().filter(|r| r.read.is_ok()).count();
    match lang {
        Lang::Vi => format!("Gộp {readable} tệp đọc được"),
        Lang::En => format!("Merge the {readable} readable files"),
    }
}

/// What keeps a merged workspace from opening: its validation errors.
pub fn problems(workspace: &Workspace, lang: Lang) -> Vec<String> {
    validate_workspace(workspace)
        .errors()
        .map(|issue| issue.describe(lang))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::generate::synthetic_workspace;
    use crate::files::document::to_json;

    fn file(name: &str, units: usize, seed: u64, modified: f64) -> Received {
        let text = to_json(&synthetic_workspace(units, seed));
        Received::read(name, modified, text.len() as u64, Some(text.as_bytes()))
    }

    #[test]
    fn unreadable_and_oversized_files_are_named_and_left_out() {
        let received = vec![
            file("lan.json", 3, 1, 1.0),
            Received::read("hong.json", 2.0, 10, Some(b"{ not json")),
            Received::read("to.json", 3.0, MAX_IMPORT_BYTES + 1, None),
            Received::read("latin.json", 4.0, 12, Some(b"{\"name\": \"\xE9\"}")),
        ];
        assert_eq!(sources(&received).len(), 1);
        let html = received_table(&received, Lang::Vi).rows.concat().join("|");
        assert!(
            html.contains("lan.json") && html.contains("hong.json") && html.contains("to.json")
        );
        assert!(html.contains("Không dùng được:"));
        assert!(html.contains("Tệp lớn hơn 256 MB."), "{html}");
        assert!(
            html.contains("dòng 1, byte thứ 11"),
            "invalid UTF-8 is placed"
        );
        assert!(html.contains("2016–2020"));
    }

    /// Three participants: five units each, and one unit all three
    /// entered, whose name one of them spelled differently.
    fn participants() -> Vec<Received> {
        let city = synthetic_workspace(15, 4);
        (0..3)
            .map(|p| {
                let mut w = city.clone();
                w.id = format!("p{p}");
                w.units = city.units[p * 5..p * 5 + 5].to_vec();
                let mut shared = city.units[14].clone();
                if p == 2 {
                    shared.name.push_str(" (mới)");
                }
                if p < 2 {
                    w.units.push(shared);
                } else {
                    w.units[4] = shared;
                }
                let text = to_json(&w);
                Received::read(
                    &format!("hv{p}.json"),
                    p as f64,
                    text.len() as u64,
                    Some(text.as_bytes()),
                )
            })
            .collect()
    }

    #[test]
    fn three_files_merge_into_the_workshop_workspace() {
        let received = participants();
        let mut merge =
            crate::domain::merge::merge(&workshop_base(3, Lang::Vi), &sources(&received));
        assert_eq!(
            merge.conflicts.len(),
            1,
            "only the shared unit's name differs"
        );
        merge.newest_wins();
        let merged = merge.workspace();
        assert_eq!(merged.id, WORKSHOP_ID);
        assert_eq!(merged.units.len(), 15);
        let shared = merged.units.iter().find(|u| u.name.ends_with(" (mới)"));
        assert!(shared.is_some(), "newest wins: hv2.json is the latest");
        let members: i64 = merged
            .units
            .iter()
            .filter_map(|u| u.years.last())
            .map(|y| y.members.unwrap_or(0))
            .sum();
        let expected: i64 = synthetic_workspace(15, 4)
            .units
            .iter()
            .filter_map(|u| u.years.last())
            .map(|y| y.members.unwrap_or(0))
            .sum();
        assert_eq!(members, expected, "every unit counted once");
        let found = problems(&merged, Lang::Vi);
        assert!(found.is_empty(), "{found:?}");

        assert_eq!(
            merge_button_text(&received, Lang::En),
            "Merge the 3 readable files"
        );
        let table = received_table(&received, Lang::En);
        assert_eq!(table.header.len(), table.rows[0].len());
        assert_eq!(table.caption, Some("Files received"));
        let list = merge.conflict_list(200, Lang::En);
        assert_eq!(list.items.len(), 1);
        assert!(
            list.items[0].legend.ends_with("› Name"),
            "{:?}",
            list.items[0]
        );
        assert_eq!(list.items[0].options.len(), 2);
    }
}
