//! Importing a workspace file: read it whole, migrate it, check it, and say
//! what would change — before anything does.
//!
//! A file either becomes a complete [`ImportPreview`] or is refused with a
//! message that names the place (line and column for broken JSON). A
//! readable file with invalid data is previewed with its errors, and the
//! app does not let it replace the workspace.

use std::collections::HashMap;

use crate::document::{from_json, DocumentError};
use crate::i18n::Lang;
use crate::unit::Unit;
use crate::validation::{validate_workspace, Issue, Report};
use crate::workspace::Workspace;

/// Files over this size are refused before they are read.
pub const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;

/// Why a file cannot be imported at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge { bytes: u64 },
    Unreadable(DocumentError),
}

impl ImportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::TooLarge { bytes } => {
                let megabytes = crate::format::format_number(*bytes as f64 / 1_048_576.0, 1, lang);
                match lang {
                    Lang::Vi => format!("Tệp quá lớn ({megabytes} MB). Chỉ nhập được tệp đến 20 MB."),
                    Lang::En => format!("The file is too large ({megabytes} MB). Files up to 20 MB can be imported."),
                }
            }
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
    /// Validation errors: while there are any, the import cannot be confirmed.
    pub errors: Vec<Issue>,
    pub warnings: usize,
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
/// 30,000 by scanning froze the page for minutes.
struct UnitFinder<'a> {
    /// The first unit with each registration code.
    by_code: HashMap<String, usize>,
    /// The first unit with each id, among those without a code.
    codeless_by_id: HashMap<&'a str, usize>,
    /// The first unit with each id.
    by_id: HashMap<&'a str, usize>,
}

impl<'a> UnitFinder<'a> {
    fn new(units: &'a [Unit]) -> Self {
        let mut finder = UnitFinder {
            by_code: HashMap::with_capacity(units.len()),
            codeless_by_id: HashMap::new(),
            by_id: HashMap::with_capacity(units.len()),
        };
        for (position, unit) in units.iter().enumerate() {
            let code = registration_key(unit);
            if code.is_empty() {
                finder
                    .codeless_by_id
                    .entry(unit.id.as_str())
                    .or_insert(position);
            } else {
                finder.by_code.entry(code).or_insert(position);
            }
            finder.by_id.entry(unit.id.as_str()).or_insert(position);
        }
        finder
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

/// Compares a workspace read from a file (JSON, CSV or a merge) with
/// `current` and validates it whole; it takes `current`'s id.
pub fn preview_workspace(current: &Workspace, incoming: Workspace) -> ImportPreview {
    let report = validate_workspace(&incoming);
    preview_checked(current, incoming, report)
}

/// [`preview_workspace`] with `incoming` already validated (`report`): the
/// CSV import validates as it goes.
pub fn preview_checked(
    current: &Workspace,
    mut incoming: Workspace,
    report: Report,
) -> ImportPreview {
    incoming.id = current.id.clone();
    let mut added = Vec::new();
    let mut updated = Vec::new();
    let mut unchanged = 0;
    let in_current = UnitFinder::new(&current.units);
    for unit in &incoming.units {
        match in_current.find(unit).and_then(|i| current.units.get(i)) {
            None => added.push(unit.name.clone()),
            Some(old) if old == unit => unchanged += 1,
            Some(_) => updated.push(unit.name.clone()),
        }
    }
    let in_incoming = UnitFinder::new(&incoming.units);
    let removed = current
        .units
        .iter()
        .filter(|old| in_incoming.find(old).is_none())
        .map(|old| old.name.clone())
        .collect();
    let warnings = report.warnings().count();
    let errors = report.issues.into_iter().filter(Issue::is_error).collect();
    ImportPreview {
        workspace: incoming,
        added,
        updated,
        removed,
        unchanged,
        errors,
        warnings,
    }
}

/// The preview as HTML: counts, the names (the first `shown` of each
/// list), and every error with its place.
pub fn preview_html(preview: &ImportPreview, shown: usize, lang: Lang) -> String {
    use crate::format::format_number;
    let mut html = crate::html::Html::new();
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
    html.open("dl", &[("class", Some("counts"))]);
    for (label, names) in &lists {
        html.open("div", &[])
            .element("dt", &[], label)
            .element("dd", &[], &count(names.len()))
            .close("div");
    }
    html.open("div", &[])
        .element("dt", &[], lang.pick("Không đổi", "Unchanged"))
        .element("dd", &[], &count(preview.unchanged))
        .close("div");
    html.close("dl");
    for (label, names) in lists {
        if names.is_empty() {
            continue;
        }
        let unnamed = lang.pick("(chưa có tên)", "(unnamed)");
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
        if names.len() > shown {
            line.push_str(&format!("; … (+{})", count(names.len() - shown)));
        }
        html.open("p", &[])
            .element("strong", &[], label)
            .text(": ")
            .text(&line)
            .close("p");
    }
    if !preview.errors.is_empty() {
        let heading = format!(
            "{} {}",
            count(preview.errors.len()),
            lang.pick(
                "lỗi — chưa thể nhập tệp này:",
                "errors — this file cannot be imported yet:"
            )
        );
        html.element("p", &[("class", Some("field-error"))], &heading);
        html.open("ul", &[("class", Some("issues"))]);
        for issue in preview.errors.iter().take(shown) {
            let line = format!(
                "{}: {}",
                issue.location.describe(lang),
                issue.message.get(lang)
            );
            html.element("li", &[("class", Some("issue issue-error"))], &line);
        }
        html.close("ul");
    }
    if preview.warnings > 0 {
        html.element(
            "p",
            &[],
            &format!(
                "{} {}",
                count(preview.warnings),
                lang.pick(
                    "cảnh báo (vẫn nhập được).",
                    "warnings (it can still be imported)."
                )
            ),
        );
    }
    html.into_string()
}

// Property tests build natively only, like the other proptest tests:
// proptest is not a dependency of the browser tests.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::document::to_json;
    use crate::unit::UnitKind;
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
        let html = preview_html(&preview, 10, Lang::En);
        assert!(html.contains("<strong>Added</strong>: HTX D"));
        assert_eq!(
            preview.workspace.id, "main",
            "the file replaces this workspace's content, under its id"
        );
        assert!(preview.can_confirm());
    }

    #[test]
    fn invalid_data_is_previewed_but_cannot_be_confirmed() {
        let mut file = Workspace::new("w", "Tệp");
        let mut bad = unit("a", "0201", "HTX A");
        bad.years.push(crate::unit::YearRecord {
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
        assert!(error.message(Lang::Vi).contains("20 MB"));
    }
}
