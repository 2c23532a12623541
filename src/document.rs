//! Workspace documents: the JSON that is stored in the browser and exported
//! to files, with its schema version and step-by-step migrations.
//!
//! Reading is: find the schema version → migrate if older → read the shape.
//! Every failure says where and nothing is half-read: broken JSON by its
//! line and column; a value of the wrong type by its place in the document
//! — "unit 2 (u2), years 1: year 2019, members: …" — as the workspace is
//! read by hand from the JSON tree ([`workspace_from_value`]). Whether a readable document
//! is also *valid* (counts not negative, and so on) is
//! [`crate::validation`]'s question.

use serde_json::{Map, Value};

use crate::assessment::stored::texts;
use crate::i18n::{Lang, Text};
use crate::json_read::*;
use crate::workspace::{CityYear, Workspace, SCHEMA_VERSION};

/// Why a text could not be read as a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentError {
    /// Not JSON at all, or broken JSON.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// A key written twice in one object (JSON readers differ on which one
    /// wins, so neither is guessed at): its place ("plan › targets 3",
    /// empty for the document itself), line and column.
    DuplicateKey {
        line: usize,
        column: usize,
        path: String,
        key: String,
    },
    /// JSON, but not a workspace document (no `schema_version`).
    NotAWorkspace,
    /// Written by a newer version of the app: never overwritten, never guessed at.
    NewerVersion { found: u64 },
    /// A workspace document with a value of the wrong shape; the message
    /// names its place ("unit 2 (u2), years 1: year 2019, members: …").
    /// For a migrated document, the place is in the migrated copy.
    Shape { message: String, migrated: bool },
}

impl DocumentError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DocumentError::Syntax { line, column, message }, Lang::Vi) => {
                format!("Tệp JSON bị hỏng ở dòng {line}, cột {column}: {message}")
            }
            (DocumentError::Syntax { line, column, message }, Lang::En) => {
                format!("Broken JSON at line {line}, column {column}: {message}")
            }
            (DocumentError::DuplicateKey { line, column, path, key }, Lang::Vi) => {
                let place = if path.is_empty() { "tài liệu".to_owned() } else { path.clone() };
                format!("Khóa \"{key}\" xuất hiện hai lần trong {place} (dòng {line}, cột {column}); hãy giữ một.")
            }
            (DocumentError::DuplicateKey { line, column, path, key }, Lang::En) => {
                let place = if path.is_empty() { "the document".to_owned() } else { path.clone() };
                format!("The key \"{key}\" appears twice in {place} (line {line}, column {column}); keep one.")
            }
            (DocumentError::NotAWorkspace, Lang::Vi) => {
                "Đây không phải tệp dữ liệu của Coop Plan (thiếu schema_version).".to_owned()
            }
            (DocumentError::NotAWorkspace, Lang::En) => "This is not a Coop Plan file (no schema_version).".to_owned(),
            (DocumentError::NewerVersion { found }, Lang::Vi) => format!(
                "Dữ liệu được tạo bởi phiên bản mới hơn (lược đồ {found}, phiên bản này đọc đến {SCHEMA_VERSION}). Hãy cập nhật ứng dụng."
            ),
            (DocumentError::NewerVersion { found }, Lang::En) => format!(
                "The data comes from a newer version (schema {found}; this version reads up to {SCHEMA_VERSION}). Please update the app."
            ),
            (DocumentError::Shape { message, migrated }, Lang::Vi) => format!(
                "Giá trị sai{}: {message}",
                if *migrated { " (của bản đã chuyển sang lược đồ mới)" } else { "" }
            ),
            (DocumentError::Shape { message, migrated }, Lang::En) => format!(
                "Wrong value{}: {message}",
                if *migrated { " (of the copy migrated to the current schema)" } else { "" }
            ),
        }
    }
}

impl std::fmt::Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DocumentError {}

/// Serialises a workspace as the current schema.
pub fn to_json(workspace: &Workspace) -> String {
    // The version written is always this build's (see
    // `Workspace::schema_version`).
    crate::json_write::workspace(workspace)
}

/// Reads a workspace document of any schema version up to this build's.
///
/// The text is read once into a JSON tree (broken JSON is named by its line
/// and column, a key written twice by its place too, [`crate::json_tree`]); an older document is migrated in the tree; then the
/// workspace is taken from the tree by hand ([`workspace_from_value`]).
pub fn from_json(text: &str) -> Result<Workspace, DocumentError> {
    let mut value = tree(text)?;
    // Valid JSON that is not an object with a version (an array, a number)
    // is not ours.
    let version = version_of(&value).ok_or(DocumentError::NotAWorkspace)?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(DocumentError::NewerVersion { found: version });
    }
    if version < 1 {
        return Err(DocumentError::NotAWorkspace);
    }
    let migrated = version < u64::from(SCHEMA_VERSION);
    if version < 2 {
        migrate_v1_to_v2(&mut value);
    }
    let mut workspace = workspace_from_value(&value)
        .map_err(|message| DocumentError::Shape { message, migrated })?;
    workspace.schema_version = SCHEMA_VERSION;
    Ok(workspace)
}

/// One unit from its JSON text, as [`crate::json_write::unit_text`] writes
/// it (one record of the browser's store), with the same rules and errors
/// as the units of a whole document: broken JSON and a key written twice
/// by their line and column in this text, a wrong value by its place
/// ("unit 1 (u7), …").
pub fn unit_from_text(text: &str) -> Result<crate::unit::Unit, DocumentError> {
    let value = tree(text)?;
    let mut units =
        crate::unit_read::units_from_value(&Value::Array(vec![value])).map_err(|message| {
            DocumentError::Shape {
                message,
                migrated: false,
            }
        })?;
    units.pop().ok_or(DocumentError::NotAWorkspace)
}

/// A document's `schema_version`, when it is a whole number.
fn version_of(value: &Value) -> Option<u64> {
    value.get("schema_version").and_then(Value::as_u64)
}

/// A workspace written by a newer version of the app, as far as this
/// version can read it.
///
/// The rules for such data (issue 14):
/// - *newer* means well-formed JSON whose `schema_version` is a whole
///   number above this build's [`SCHEMA_VERSION`]; anything else this
///   version cannot read (broken JSON, no version, a version in quotes) is
///   *corrupt* and is kept aside as before;
/// - newer data is never written, moved or deleted by this version: it is
///   opened **read-only**. Every page shows [`Newer::view`] (what this
///   version understands of it: fields it does not know are left out of
///   the view, never out of the stored text), or an empty workspace under
///   the same id and name when even that cannot be read; an edit on any
///   page is refused when it would be saved, the page goes back to the
///   stored view, and the user is told why ([`newer_notice`]);
/// - no "overwrite?" is ever offered for it; the way forward is to update
///   the app (reload the page: the service worker fetches the new build).
#[derive(Clone, Debug, PartialEq)]
pub struct Newer {
    /// The schema version it was written with.
    pub found: u64,
    /// Its name, when it has one that is text.
    pub name: Option<String>,
    /// What this version can read of it, if anything.
    pub view: Option<Workspace>,
}

/// `Some` when `text` was written by a newer version of the app (see
/// [`Newer`]), with what this version can read of it.
pub fn read_newer(text: &str) -> Option<Newer> {
    let value = tree(text).ok()?;
    let found = version_of(&value).filter(|v| *v > u64::from(SCHEMA_VERSION))?;
    let name = value.get("name").and_then(Value::as_str).map(str::to_owned);
    let view = workspace_from_value(&value).ok();
    Some(Newer { found, name, view })
}

/// Whether `text` was written by a newer version of the app: such a text
/// must never be written over.
pub fn is_newer(text: &str) -> bool {
    tree(text)
        .ok()
        .and_then(|value| version_of(&value))
        .is_some_and(|v| v > u64::from(SCHEMA_VERSION))
}

/// What the user is told when a workspace written by a newer version is
/// opened (`readable`: whether this version could show any of it).
pub fn newer_notice(readable: bool) -> Text {
    const VI: &str = "Dữ liệu này do phiên bản mới hơn của ứng dụng ghi. Hãy tải lại trang để cập nhật ứng dụng; dữ liệu không bị thay đổi.";
    const EN: &str = "This data was written by a newer version of the app. Reload the page to update the app; the data has not been changed.";
    if readable {
        Text::new(
            format!("{VI} Trong lúc này chỉ xem được, không sửa được."),
            format!("{EN} Until then it can be viewed but not edited."),
        )
    } else {
        Text::new(
            format!("{VI} Phiên bản này không đọc được nội dung của nó."),
            format!("{EN} This version cannot read what it contains."),
        )
    }
}

/// What the user is told when an edit to such a workspace is refused.
pub fn newer_refused() -> Text {
    Text::new(
        "Chưa lưu: không gian làm việc này do phiên bản mới hơn của ứng dụng ghi nên chỉ xem được. Hãy tải lại trang để cập nhật ứng dụng; dữ liệu không bị thay đổi.",
        "Not saved: this workspace was written by a newer version of the app, so it can only be viewed. Reload the page to update the app; the data has not been changed.",
    )
}

/// The text read once into a JSON tree: broken JSON named by its line and
/// column, a key written twice by its place too ([`crate::json_tree`]).
fn tree(text: &str) -> Result<Value, DocumentError> {
    crate::json_tree::parse(text).map_err(|e| match e {
        crate::json_tree::TreeError::Syntax {
            line,
            column,
            message,
        } => DocumentError::Syntax {
            line,
            column,
            message,
        },
        crate::json_tree::TreeError::DuplicateKey {
            line,
            column,
            path,
            key,
        } => DocumentError::DuplicateKey {
            line,
            column,
            path,
            key,
        },
    })
}

/// A workspace from a document's JSON tree, with serde's rules (see
/// [`crate::json_read`]). serde's derived readers for the workspace's
/// thirty-odd stored types were over 20 KB of the download; these are a
/// few small functions, and they name a wrong value by its place.
pub fn workspace_from_value(value: &Value) -> Read<Workspace> {
    let o = object(value)?;
    Ok(Workspace {
        schema_version: integer(required(o, "schema_version")?, "schema_version")?,
        id: string(required(o, "id")?, "id")?,
        name: string(required(o, "name")?, "name")?,
        illustrative: match o.get("illustrative") {
            Some(v) => boolean(v, "illustrative")?,
            None => false,
        },
        plan: crate::plan_read::plan(required(o, "plan")?).map_err(|e| format!("plan, {e}"))?,
        units: match o.get("units") {
            Some(v) => crate::unit_read::units_from_value(v)?,
            None => Vec::new(),
        },
        city_years: list(o, "city_years", &|v| {
            let c = object(v)?;
            let year = match c.get("year") {
                Some(v) => integer(v, "year")?,
                None => 0,
            };
            Ok(CityYear {
                year,
                grdp_current_prices: decimal(c, "grdp_current_prices")?,
                extra_collective_value_added: decimal(c, "extra_collective_value_added")?,
            })
        })?,
        assessments: crate::assessment::stored::assessments(&texts(o, "assessments")?)?,
        exemplary_criteria: texts(o, "exemplary_criteria")?,
        scenarios: list(
            o,
            "scenarios",
            &crate::simulation::scenario::scenario_from_value,
        )?,
    })
}

/// Schema 1 (the first prototype's files) kept a unit's status as three flat
/// fields — `status`, `inactive_since`, `dissolved_on` — and wrote amounts as
/// JSON numbers. Schema 2 keeps a dated status history and writes amounts as
/// strings, so that no digit is lost to a double.
fn migrate_v1_to_v2(document: &mut Value) {
    const AMOUNTS: [&str; 10] = [
        "charter_capital",
        "total_capital",
        "indivisible_assets",
        "revenue",
        "pre_tax_profit",
        "value_added",
        "average_worker_income",
        "development_fund",
        "reserve_fund",
        "non_member_supply_percent",
    ];
    const CITY_AMOUNTS: [&str; 2] = ["grdp_current_prices", "extra_collective_value_added"];

    fn numbers_to_strings(object: &mut Map<String, Value>, fields: &[&str]) {
        for field in fields {
            if let Some(value) = object.get_mut(*field) {
                if let Value::Number(number) = value {
                    *value = Value::String(number.to_string());
                }
            }
        }
    }

    if let Some(units) = document.get_mut("units").and_then(Value::as_array_mut) {
        for unit in units.iter_mut().filter_map(Value::as_object_mut) {
            let mut history = Vec::new();
            if let Some(since) = unit.remove("inactive_since").filter(|v| !v.is_null()) {
                history.push(serde_json::json!({ "status": "inactive", "since": since }));
            }
            if let Some(since) = unit.remove("dissolved_on").filter(|v| !v.is_null()) {
                history.push(serde_json::json!({ "status": "dissolved", "since": since }));
            }
            unit.remove("status");
            unit.insert("status_history".to_owned(), Value::Array(history));
            if let Some(years) = unit.get_mut("years").and_then(Value::as_array_mut) {
                for record in years.iter_mut().filter_map(Value::as_object_mut) {
                    numbers_to_strings(record, &AMOUNTS);
                }
            }
        }
    }
    if let Some(city_years) = document.get_mut("city_years").and_then(Value::as_array_mut) {
        for city in city_years.iter_mut().filter_map(Value::as_object_mut) {
            numbers_to_strings(city, &CITY_AMOUNTS);
        }
    }
    if let Some(object) = document.as_object_mut() {
        object.insert("schema_version".to_owned(), Value::from(2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_json_names_line_and_column() {
        let error = from_json("{\n  \"schema_version\": 2,\n  oops\n}").expect_err("broken");
        match error {
            DocumentError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 3)),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn one_unit_reads_back_from_its_text() {
        let workspace = crate::benchmark::big_workspace(20, 3);
        for unit in &workspace.units {
            let text = crate::json_write::unit_text(unit);
            assert_eq!(unit_from_text(&text).as_ref(), Ok(unit));
        }
        let text = crate::json_write::unit_text(&workspace.units[0]);
        let twice = text.replacen("{", "{\"name\":\"x\",", 1);
        assert!(matches!(
            unit_from_text(&twice),
            Err(DocumentError::DuplicateKey { key, .. }) if key == "name"
        ));
        assert!(matches!(
            unit_from_text(&text[..text.len() - 1]),
            Err(DocumentError::Syntax { .. })
        ));
        assert!(matches!(
            unit_from_text("{\"id\":\"u1\"}"),
            Err(DocumentError::Shape { message, .. }) if message.starts_with("unit 1 (u1)")
        ));
    }

    #[test]
    fn a_duplicate_key_names_its_place() {
        let mut text = to_json(&Workspace::new("w", "x"));
        text = text.replacen("\"start_year\":", "\"start_year\": 1, \"start_year\":", 1);
        let error = from_json(&text).expect_err("a duplicate key");
        assert!(
            error
                .message(Lang::En)
                .starts_with("The key \"start_year\" appears twice in plan (line "),
            "{}",
            error.message(Lang::En)
        );
        assert!(error
            .message(Lang::Vi)
            .contains("xuất hiện hai lần trong plan"));
    }

    #[test]
    fn newer_schema_is_refused() {
        let error = from_json(r#"{"schema_version": 99}"#).expect_err("newer");
        assert_eq!(error, DocumentError::NewerVersion { found: 99 });
        assert!(error.message(Lang::Vi).contains("phiên bản mới hơn"));
    }

    #[test]
    fn which_documents_count_as_newer() {
        let mut current = to_json(&Workspace::new("w", "Của tôi"));
        assert!(!is_newer(&current));
        assert_eq!(read_newer(&current), None);
        current = current.replacen(
            &format!("\"schema_version\":{SCHEMA_VERSION}"),
            "\"schema_version\":999",
            1,
        );
        assert!(is_newer(&current), "{current}");
        // A version in quotes, broken JSON, no version: corrupt, not newer.
        for text in [
            r#"{"schema_version": "999"}"#,
            r#"{"schema_version": 999, oops"#,
            r#"{"schema_version": 999.5}"#,
            r#"{"name": "x"}"#,
            "[999]",
        ] {
            assert!(!is_newer(text), "{text}");
            assert_eq!(read_newer(text), None, "{text}");
        }
    }

    #[test]
    fn a_newer_document_is_read_as_far_as_it_can_be() {
        let mut workspace = Workspace::new("w", "HTX Đồ Sơn");
        workspace.units.push(crate::unit::Unit::new(
            "u1",
            "HTX Đông Hưng",
            crate::unit::UnitKind::Htx,
        ));
        let text = to_json(&workspace).replacen(
            &format!("\"schema_version\":{SCHEMA_VERSION}"),
            "\"schema_version\":999,\"field_from_the_future\":[1,2]",
            1,
        );
        let newer = read_newer(&text).expect("newer");
        assert_eq!(newer.found, 999);
        assert_eq!(newer.name.as_deref(), Some("HTX Đồ Sơn"));
        let view = newer.view.expect("readable as far as this version goes");
        assert_eq!(view.units, workspace.units);
        // From_json still refuses it: it is never taken for a current one.
        assert_eq!(
            from_json(&text),
            Err(DocumentError::NewerVersion { found: 999 })
        );

        // Reshaped beyond this version's reading: no view, still newer.
        let reshaped = r#"{"schema_version": 999, "id": "w", "name": "Mới", "plan": {"v3": true}}"#;
        let newer = read_newer(reshaped).expect("newer");
        assert_eq!(newer.view, None);
        assert_eq!(newer.name.as_deref(), Some("Mới"));
    }

    #[test]
    fn the_newer_notices_say_the_data_is_unchanged_in_both_languages() {
        for text in [newer_notice(true), newer_notice(false), newer_refused()] {
            assert!(text
                .vi
                .contains("Hãy tải lại trang để cập nhật ứng dụng; dữ liệu không bị thay đổi."));
            assert!(text
                .en
                .contains("Reload the page to update the app; the data has not been changed."));
        }
        assert!(newer_notice(false).vi.contains("không đọc được"));
    }

    #[test]
    fn other_json_is_not_a_workspace() {
        assert_eq!(from_json("[1, 2]"), Err(DocumentError::NotAWorkspace));
        assert_eq!(
            from_json(r#"{"schema_version": 0}"#),
            Err(DocumentError::NotAWorkspace)
        );
    }

    #[test]
    fn a_wrong_value_names_its_place() {
        let text = "{\"schema_version\": 2, \"id\": \"w\", \"name\": \"Thử\",\n\"plan\": 17}";
        match from_json(text).expect_err("a number is not a plan") {
            DocumentError::Shape { migrated, message } => {
                assert!(!migrated);
                assert!(
                    message.starts_with("plan, value: expected an object, found a number"),
                    "{message}"
                );
            }
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    #[test]
    fn current_documents_round_trip() {
        let workspace = Workspace::new("w", "Của tôi");
        assert_eq!(from_json(&to_json(&workspace)), Ok(workspace));
    }
}
