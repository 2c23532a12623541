//! Importing a workspace file: read it whole, migrate it, check it, and say
//! what would change — before anything does.
//!
//! A file either becomes a complete [`ImportPreview`] or is refused with a
//! message that names the place (line and column for broken JSON). A
//! readable file with invalid data — in its units, its plan, tasks,
//! districts, sectors, city inputs, assessments or scenarios — is
//! previewed with its errors, and the app does not let it replace the
//! workspace. The preview lists every change: units added, changed and
//! removed, and everything else the file would replace
//! ([`crate::files::import_diff`]), and each warning with its place.

use std::collections::HashMap;

use crate::domain::unit::Unit;
use crate::domain::validation::{validate_workspace, Issue, Report};
use crate::domain::workspace::Workspace;
use crate::files::document::{from_json, DocumentError};
use crate::files::import_diff::{changes, Changes};
use crate::i18n::{Lang, Text};

/// Files over this size are refused before they are read: 256 MB, so that
/// any export of the app can be imported back (30,000 units with three
/// years of records are a 34 MB document).
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// [`MAX_IMPORT_BYTES`] in megabytes, as the messages say it.
pub const MAX_IMPORT_MB: u64 = MAX_IMPORT_BYTES / (1024 * 1024);

/// Why a file cannot be imported at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        bytes: u64,
    },
    /// Bytes that are not UTF-8, with the place of the first.
    NotText(crate::files::bytes::NotText),
    Unreadable(DocumentError),
}

impl ImportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::TooLarge { bytes } => {
                let megabytes =
                    crate::i18n::format::format_number(*bytes as f64 / 1_048_576.0, 1, lang);
                match lang {
                    Lang::Vi => format!("Tệp quá lớn ({megabytes} MB). Chỉ nhập được tệp đến {MAX_IMPORT_MB} MB."),
                    Lang::En => format!("The file is too large ({megabytes} MB). Files up to {MAX_IMPORT_MB} MB can be imported."),
                }
            }
            ImportError::NotText(error) => error.message(lang),
            ImportError::Unreadable(error) => error.message(lang),
        }
    }
}

/// What importing a file would do to the current workspace.
#[derive(Clone, Debug)]
pub struct ImportPreview {
    /// The workspace as it would be: the file's content under the current
    /// workspace's id.
    pub workspace: Workspace,
    /// Names of units that are new, changed, or no longer there.
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
    /// Everything else the file changes: the plan, tasks, districts,
    /// sectors, city inputs, assessments, scenarios.
    pub changes: Changes,
    /// Validation errors: while there are any, the import cannot be confirmed.
    pub errors: Vec<Issue>,
    /// Validation warnings: shown one by one; they do not block the import.
    pub warnings: Vec<Issue>,
}

impl ImportPreview {
    pub fn can_confirm(&self) -> bool {
        self.errors.is_empty()
    }
}

/// The same unit in two workspaces: by registration code where both have
/// one, else by id.
fn registration_key(unit: &Unit) -> String {
    unit.registration_code.trim().to_lowercase()
}

/// Two units are the same unit when both have a registration code and the
/// codes match (case and surrounding spaces aside), or, when either has
/// none, when their ids match. [`UnitFinder`] answers the same question
/// for a whole list at once.
#[cfg(all(test, not(target_arch = "wasm32")))]
fn same_unit(a: &Unit, b: &Unit) -> bool {
    let (code_a, code_b) = (registration_key(a), registration_key(b));
    if !code_a.is_empty() && !code_b.is_empty() {
        code_a == code_b
    } else {
        a.id == b.id
    }
}

/// Finds, in a list of units, the first that is the same unit as a given
/// one, by hashed lookups instead of a scan: comparing 30,000 units with
/// 30,000 by scanning froze the page for minutes. It owns its keys, so
/// that it can be built a slice of units at a time ([`Comparison`]).
#[derive(Default)]
struct UnitFinder {
    /// The first unit with each registration code.
    by_code: HashMap<String, usize>,
    /// The first unit with each id, among those without a code.
    codeless_by_id: HashMap<String, usize>,
    /// The first unit with each id.
    by_id: HashMap<String, usize>,
}

impl UnitFinder {
    #[cfg(all(test, not(target_arch = "wasm32")))]
    fn new(units: &[Unit]) -> Self {
        let mut finder = UnitFinder::default();
        for (position, unit) in units.iter().enumerate() {
            finder.add(position, unit);
        }
        finder
    }

    /// Adds the unit at `position` (positions are added in order).
    fn add(&mut self, position: usize, unit: &Unit) {
        let code = registration_key(unit);
        if code.is_empty() {
            self.codeless_by_id
                .entry(unit.id.clone())
                .or_insert(position);
        } else {
            self.by_code.entry(code).or_insert(position);
        }
        self.by_id.entry(unit.id.clone()).or_insert(position);
    }

    /// The position of the first unit that is the same unit as `unit`.
    fn find(&self, unit: &Unit) -> Option<usize> {
        let code = registration_key(unit);
        if code.is_empty() {
            return self.by_id.get(unit.id.as_str()).copied();
        }
        let by_code = self.by_code.get(&code).copied();
        let by_id = self.codeless_by_id.get(unit.id.as_str()).copied();
        match (by_code, by_id) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Reads `text` (of `bytes` bytes on disk) and compares it with `current`.
pub fn preview_import(
    current: &Workspace,
    text: &str,
    bytes: u64,
) -> Result<ImportPreview, ImportError> {
    if bytes > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes });
    }
    // A byte-order mark, as some editors save one, is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let incoming = from_json(text).map_err(ImportError::Unreadable)?;
    Ok(preview_workspace(current, incoming))
}

/// Reads a JSON workspace file from its bytes, as [`preview_import`] reads
/// its text: over the cap refused, bytes that are not UTF-8 refused with
/// their place, a byte-order mark left out, broken JSON refused with its
/// line and column. The bytes become the text without a copy.
pub fn read_json_file(bytes: Vec<u8>) -> Result<Workspace, ImportError> {
    let size = bytes.len() as u64;
    if size > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: size });
    }
    let text = crate::files::bytes::text_from_vec(bytes).map_err(ImportError::NotText)?;
    from_json(&text).map_err(ImportError::Unreadable)
}

/// Compares a workspace read from a file (JSON, CSV or a merge) with
/// `current` and validates it whole; it takes `current`'s id.
pub fn preview_workspace(current: &Workspace, incoming: Workspace) -> ImportPreview {
    let report = validate_workspace(&incoming);
    preview_checked(current, incoming, report)
}

/// [`preview_workspace`] with `incoming` already validated (`report`): the
/// CSV import validates as it goes.
pub fn preview_checked(current: &Workspace, incoming: Workspace, report: Report) -> ImportPreview {
    Comparison::new(incoming, report).finish(current)
}

/// [`preview_checked`] a slice of units at a time, for a big import
/// compared between the browser's other work: each [`Comparison::step`]
/// indexes or compares a bounded number of units of the open workspace
/// (`current`, given to every step: it may only change between steps by
/// an edit elsewhere, which at worst miscounts a unit, never panics) and
/// of the incoming one.
pub struct Comparison {
    incoming: Workspace,
    report: Report,
    in_current: UnitFinder,
    in_incoming: UnitFinder,
    /// How far along four passes: index `current`'s units, index the
    /// incoming units, find each incoming unit in `current`, find each of
    /// `current`'s units among the incoming.
    done: usize,
    added: Vec<String>,
    updated: Vec<String>,
    removed: Vec<String>,
    unchanged: usize,
}

impl Comparison {
    pub fn new(incoming: Workspace, report: Report) -> Self {
        Comparison {
            incoming,
            report,
            in_current: UnitFinder::default(),
            in_incoming: UnitFinder::default(),
            done: 0,
            added: Vec::new(),
            updated: Vec::new(),
            removed: Vec::new(),
            unchanged: 0,
        }
    }

    /// Units looked at so far, and in all (each unit is looked at twice).
    pub fn progress(&self, current: &Workspace) -> (usize, usize) {
        let all = 2 * (current.units.len() + self.incoming.units.len());
        (self.done.min(all), all)
    }

    /// Looks at up to `count` more units; whether every unit has been.
    pub fn step(&mut self, current: &Workspace, count: usize) -> bool {
        let (ours, theirs) = (current.units.len(), self.incoming.units.len());
        let all = 2 * (ours + theirs);
        let end = self.done.saturating_add(count.max(1)).min(all);
        for at in self.done..end {
            if at < ours {
                if let Some(unit) = current.units.get(at) {
                    self.in_current.add(at, unit);
                }
            } else if at < ours + theirs {
                let position = at - ours;
                if let Some(unit) = self.incoming.units.get(position) {
                    self.in_incoming.add(position, unit);
                }
            } else if at < ours + 2 * theirs {
                let Some(unit) = self.incoming.units.get(at - ours - theirs) else {
                    continue;
                };
                match self
                    .in_current
                    .find(unit)
                    .and_then(|i| current.units.get(i))
                {
                    None => self.added.push(unit.name.clone()),
                    Some(old) if old == unit => self.unchanged += 1,
                    Some(_) => self.updated.push(unit.name.clone()),
                }
            } else if let Some(old) = current.units.get(at - ours - 2 * theirs) {
                if self.in_incoming.find(old).is_none() {
                    self.removed.push(old.name.clone());
                }
            }
        }
        self.done = end;
        end == all
    }

    /// The preview (the comparison is run to its end first).
    pub fn finish(mut self, current: &Workspace) -> ImportPreview {
        while !self.step(current, usize::MAX) {}
        self.incoming.id = current.id.clone();
        let changes = changes(current, &self.incoming);
        let (errors, warnings) = self.report.issues.into_iter().partition(Issue::is_error);
        ImportPreview {
            workspace: self.incoming,
            added: self.added,
            updated: self.updated,
            removed: self.removed,
            unchanged: self.unchanged,
            changes,
            errors,
            warnings,
        }
    }
}

/// What an import's preview says, in the page's language, for the page to
/// lay out: counts, the names (the first `shown` of each list), the other
/// changes, and every error and warning with its place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PreviewSummary {
    /// The heading of the counts ("Đơn vị").
    pub units_heading: &'static str,
    /// Each count's label and figure: added, changed, removed, unchanged.
    pub counts: Vec<(&'static str, String)>,
    /// Each list of names that is not empty: its label and its names,
    /// joined with "; ", and how many more.
    pub names: Vec<(&'static str, String)>,
    pub other: OtherChanges,
    /// The errors (while there are any the import cannot be confirmed).
    pub errors: Option<IssueList>,
    pub warnings: Option<IssueList>,
}

/// What the file changes beyond the units.
#[derive(Clone, Debug, PartialEq)]
pub enum OtherChanges {
    /// Nothing: the sentence that says so.
    None(&'static str),
    Some {
        heading: &'static str,
        /// "Thay đổi (3):" and each field's old → new value.
        fields: Option<LineList>,
        /// Each list that changes: its heading ("Nhiệm vụ") and what
        /// follows it (" — xóa (2): IV.1 · …").
        lists: Vec<(String, String)>,
    },
}

impl Default for OtherChanges {
    fn default() -> Self {
        OtherChanges::None("")
    }
}

/// A heading and the lines under it, the first `shown`, and how many more
/// ("… (+3)").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineList {
    pub heading: String,
    pub lines: Vec<String>,
    pub more: Option<String>,
}

/// Issues listed under a heading, each "place: message".
pub type IssueList = LineList;

/// "… (+n)" when `total` is more than `shown`.
pub fn more_than(total: usize, shown: usize, lang: Lang) -> Option<String> {
    (total > shown).then(|| {
        let more = crate::i18n::format::format_number((total - shown) as f64, 0, lang);
        format!("… (+{more})")
    })
}

/// The preview as the page shows it ([`PreviewSummary`]).
pub fn preview_summary(preview: &ImportPreview, shown: usize, lang: Lang) -> PreviewSummary {
    use crate::i18n::format::format_number;
    let count = |n: usize| format_number(n as f64, 0, lang);
    let lists = [
        (lang.pick("Thêm mới", "Added"), &preview.added),
        (lang.pick("Thay đổi", "Changed"), &preview.updated),
        (
            lang.pick(
                "Không còn trong tệp (sẽ bị xóa)",
                "Not in the file (will be removed)",
            ),
            &preview.removed,
        ),
    ];
    let mut counts: Vec<(&'static str, String)> = lists
        .iter()
        .map(|(label, names)| (*label, count(names.len())))
        .collect();
    counts.push((
        lang.pick("Không đổi", "Unchanged"),
        count(preview.unchanged),
    ));
    let unnamed = lang.pick("(chưa có tên)", "(unnamed)");
    let names = lists
        .into_iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(label, names)| {
            let mut line = names
                .iter()
                .take(shown)
                .map(|name| {
                    if name.trim().is_empty() {
                        unnamed
                    } else {
                        name.as_str()
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            if let Some(more) = more_than(names.len(), shown, lang) {
                line.push_str("; ");
                line.push_str(&more);
            }
            (label, line)
        })
        .collect();
    let issues = |issues: &[Issue], heading: &str| {
        (!issues.is_empty()).then(|| LineList {
            heading: format!("{} {heading}", count(issues.len())),
            lines: issues
                .iter()
                .take(shown)
                .map(|issue| {
                    format!(
                        "{}: {}",
                        issue.location.describe(lang),
                        issue.message.get(lang)
                    )
                })
                .collect(),
            more: more_than(issues.len(), shown, lang),
        })
    };
    PreviewSummary {
        units_heading: lang.pick("Đơn vị", "Units"),
        counts,
        names,
        other: other_changes(&preview.changes, shown, lang),
        errors: issues(
            &preview.errors,
            lang.pick(
                "lỗi — chưa thể nhập tệp này:",
                "errors — this file cannot be imported yet:",
            ),
        ),
        warnings: issues(
            &preview.warnings,
            lang.pick(
                "cảnh báo (vẫn nhập được):",
                "warnings (it can still be imported):",
            ),
        ),
    }
}

/// What the file changes beyond the units: each field old → new, then
/// each list's additions, changes and removals (the first `shown` of
/// each, and how many more).
fn other_changes(changes: &Changes, shown: usize, lang: Lang) -> OtherChanges {
    use crate::i18n::format::format_number;
    if changes.is_empty() {
        return OtherChanges::None(lang.pick(
            "Kế hoạch, nhiệm vụ, số liệu thành phố, tự đánh giá và kịch bản không đổi.",
            "The plan, tasks, city inputs, self-assessments and scenarios do not change.",
        ));
    }
    let fields = (!changes.fields.is_empty()).then(|| LineList {
        heading: format!(
            "{} ({}):",
            lang.pick("Thay đổi", "Changed"),
            format_number(changes.fields.len() as f64, 0, lang)
        ),
        lines: changes
            .fields
            .iter()
            .take(shown)
            .map(|change| {
                format!(
                    "{}: {} → {}",
                    change.place.get(lang),
                    shorten(change.old.get(lang)),
                    shorten(change.new.get(lang))
                )
            })
            .collect(),
        more: more_than(changes.fields.len(), shown, lang),
    });
    let lists = changes
        .lists()
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(heading, list)| {
            let mut text = String::new();
            for (label, items) in [
                (Text::new("thêm", "added"), &list.added),
                (Text::new("thay đổi", "changed"), &list.changed),
                (Text::new("xóa", "removed"), &list.removed),
            ] {
                if items.is_empty() {
                    continue;
                }
                let mut line = items
                    .iter()
                    .take(shown)
                    .map(|item| shorten(item.get(lang)))
                    .collect::<Vec<_>>()
                    .join("; ");
                if let Some(more) = more_than(items.len(), shown, lang) {
                    line.push_str("; ");
                    line.push_str(&more);
                }
                text.push_str(&format!(
                    " — {} ({}): {line}",
                    label.get(lang),
                    format_number(items.len() as f64, 0, lang)
                ));
            }
            (heading.get(lang).to_owned(), text)
        })
        .collect();
    OtherChanges::Some {
        heading: lang.pick("Kế hoạch và dữ liệu khác", "Plan and other data"),
        fields,
        lists,
    }
}

/// A value as the preview shows it: at most 200 characters (a plan's
/// title is long, a hostile one longer).
fn shorten(text: &str) -> String {
    const MAX: usize = 200;
    let mut out: String = text.chars().take(MAX).collect();
    if text.chars().nth(MAX).is_some() {
        out.push('…');
    }
    if out.trim().is_empty() {
        out = "—".to_owned();
    }
    out
}

// Property tests build natively only, like the other proptest tests:
// proptest is not a dependency of the browser tests.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::unit::UnitKind;
    use crate::files::document::to_json;
    use proptest::prelude::*;

    /// Units whose ids and codes come from small sets, so that matches by
    /// code, by id, with and without codes, and duplicates all happen.
    fn units() -> impl Strategy<Value = Vec<Unit>> {
        let code = prop::sample::select(vec!["", "", " 01 ", "01", "02", "A3", "a3"]);
        let id = prop::sample::select(vec!["u1", "u2", "u3", "u4"]);
        prop::collection::vec((id, code), 0..8).prop_map(|pairs| {
            pairs
                .into_iter()
                .map(|(id, code)| {
                    let mut unit = Unit::new(id, id, UnitKind::Htx);
                    unit.registration_code = code.to_owned();
                    unit
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn the_finder_finds_what_a_scan_finds(current in units(), incoming in units()) {
            let finder = UnitFinder::new(&current);
            for unit in &incoming {
                let scanned = current.iter().position(|old| same_unit(old, unit));
                prop_assert_eq!(finder.find(unit), scanned);
            }
        }
    }

    fn unit(id: &str, code: &str, name: &str) -> Unit {
        let mut unit = Unit::new(id, name, UnitKind::Htx);
        unit.registration_code = code.to_owned();
        unit.district = "Hồng Bàng".to_owned();
        unit.sector = "nong-nghiep".to_owned();
        unit
    }

    #[test]
    fn the_preview_names_what_is_added_updated_and_removed() {
        let mut current = Workspace::new("main", "Của tôi");
        current.units = vec![
            unit("a", "0201", "HTX A"),
            unit("b", "0202", "HTX B"),
            unit("c", "0203", "HTX C"),
        ];
        let mut file = Workspace::new("other-id", "Tệp gửi lên");
        let mut changed = unit("x", "0202", "HTX B (đổi tên)");
        changed.commune = "Đông Hải".to_owned();
        file.units = vec![
            unit("a", "0201", "HTX A"),
            changed,
            unit("d", "0204", "HTX D"),
        ];
        let preview = preview_import(&current, &to_json(&file), 100).expect("readable");
        assert_eq!(preview.added, ["HTX D"]);
        assert_eq!(preview.updated, ["HTX B (đổi tên)"]);
        assert_eq!(preview.removed, ["HTX C"]);
        assert_eq!(preview.unchanged, 1);
        let summary = preview_summary(&preview, 10, Lang::En);
        assert_eq!(
            summary.names,
            [
                ("Added", "HTX D".to_owned()),
                ("Changed", "HTX B (đổi tên)".to_owned()),
                ("Not in the file (will be removed)", "HTX C".to_owned())
            ]
        );
        assert_eq!(summary.counts[3], ("Unchanged", "1".to_owned()));
        assert_eq!(summary.errors, None);
        let one = preview_summary(&preview, 0, Lang::Vi);
        assert_eq!(one.names[0], ("Thêm mới", "; … (+1)".to_owned()));
        assert_eq!(
            preview.workspace.id, "main",
            "the file replaces this workspace's content, under its id"
        );
        assert!(preview.can_confirm());
    }

    #[test]
    fn a_file_that_changes_only_the_plan_says_so_in_both_languages() {
        let current = Workspace::new("main", "Của tôi");
        let mut file = current.clone();
        file.plan.targets[0].value = 0.5;
        file.plan.tasks.clear();
        let preview = preview_import(&current, &to_json(&file), 100).expect("readable");
        assert!(preview.can_confirm());
        let other = |lang| match preview_summary(&preview, 10, lang).other {
            OtherChanges::Some { fields, lists, .. } => (fields.unwrap_or_default(), lists),
            OtherChanges::None(text) => panic!("{text}"),
        };
        let (fields, lists) = other(Lang::Vi);
        assert_eq!(fields.heading, "Thay đổi (1):");
        assert_eq!(fields.lines, ["T1 · giá trị mục tiêu: 100% → ≥ 50%"]);
        let tasks = lists.iter().find(|(h, _)| h == "Nhiệm vụ").expect("tasks");
        assert!(tasks.1.starts_with(" — xóa (2): IV.1 · "), "{tasks:?}");
        let (fields, lists) = other(Lang::En);
        assert_eq!(fields.lines, ["T1 · target value: 100% → ≥ 50%"]);
        let tasks = lists.iter().find(|(h, _)| h == "Tasks").expect("tasks");
        assert!(tasks.1.starts_with(" — removed (2): IV.1 · "), "{tasks:?}");
        let same = preview_import(&current, &to_json(&current), 100).expect("readable");
        assert!(same.changes.is_empty());
        match preview_summary(&same, 10, Lang::En).other {
            OtherChanges::None(text) => assert!(text.contains("do not change")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_hostile_plan_is_previewed_escaped_with_its_place_and_cannot_be_confirmed() {
        let current = Workspace::new("main", "x");
        let mut file = current.clone();
        file.plan.targets[0].id = "\"><img src=x onerror=alert(1)>".to_owned();
        file.plan.start_year = -100_000_000;
        file.plan.targets[1].deadline =
            chrono::NaiveDate::from_ymd_opt(2018, 12, 31).expect("date");
        file.units.push(unit("a", "", "<script>alert(1)</script>"));
        let preview = preview_import(&current, &to_json(&file), 100).expect("readable");
        assert!(!preview.can_confirm());
        let places: Vec<String> = preview
            .errors
            .iter()
            .map(|i| i.location.describe(Lang::En))
            .collect();
        assert!(places.contains(&"plan › period".to_owned()), "{places:?}");
        assert!(
            places.contains(&"plan › target 1 (\"><img src=x onerror=alert(1)>) › id".to_owned()),
            "{places:?}"
        );
        // The summary carries the names and ids as text, as they are;
        // the page's view escapes them.
        let summary = preview_summary(&preview, 100, Lang::En);
        let errors = summary.errors.expect("errors");
        assert!(errors
            .heading
            .ends_with("errors — this file cannot be imported yet:"));
        assert!(errors
            .lines
            .iter()
            .any(|l| l.starts_with("plan › target 1 (\"><img src=x onerror=alert(1)>) › id: ")));
    }

    #[test]
    fn warnings_are_listed_one_by_one() {
        let current = Workspace::new("main", "x");
        let mut file = current.clone();
        let mut stray = unit("a", "0201", "HTX A");
        stray.district = "Nowhere".to_owned();
        file.units.push(stray);
        let preview = preview_import(&current, &to_json(&file), 100).expect("readable");
        assert_eq!(preview.warnings.len(), 1);
        let warnings = preview_summary(&preview, 10, Lang::En)
            .warnings
            .expect("a warning");
        assert_eq!(warnings.heading, "1 warnings (it can still be imported):");
        assert!(
            warnings.lines[0].starts_with("HTX A › District: "),
            "{warnings:?}"
        );
        assert_eq!(warnings.more, None);
    }

    #[test]
    fn invalid_data_is_previewed_but_cannot_be_confirmed() {
        let mut file = Workspace::new("w", "Tệp");
        let mut bad = unit("a", "0201", "HTX A");
        bad.years.push(crate::domain::unit::YearRecord {
            year: 2019,
            members: Some(-3),
            ..Default::default()
        });
        file.units = vec![bad];
        let preview =
            preview_import(&Workspace::new("main", "x"), &to_json(&file), 100).expect("readable");
        assert!(!preview.can_confirm());
        assert_eq!(preview.errors[0].location.field, "members");
    }

    #[test]
    fn broken_and_oversized_files_are_refused_with_the_place() {
        let current = Workspace::new("main", "x");
        match preview_import(&current, "{\n\"schema_version\": 2,\n}", 30) {
            Err(ImportError::Unreadable(DocumentError::Syntax { line, .. })) => assert_eq!(line, 3),
            other => panic!("expected a syntax error, got {other:?}"),
        }
        let error = preview_import(&current, "{}", MAX_IMPORT_BYTES + 1).expect_err("too large");
        assert!(error.message(Lang::Vi).contains("256 MB"), "{error:?}");
        assert!(error.message(Lang::En).contains("Files up to 256 MB"));
    }
}
