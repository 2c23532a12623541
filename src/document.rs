//! Workspace documents: the JSON that is stored in the browser and exported
//! to files, with its schema version and step-by-step migrations.
//!
//! Reading is: find the schema version → migrate if older → read the shape.
//! Every failure says where and nothing is half-read: broken JSON by its
//! line and column; a value of the wrong type by its place in the document
//! — "unit 2 (u2), years 1: year 2019, members: …" — as the plan and the
//! units are read by hand from the JSON tree ([`crate::plan_read`],
//! [`crate::unit_read`]), with the line and column just after the part
//! (the plan, the units) that holds it. Whether a readable document
//! is also *valid* (counts not negative, and so on) is
//! [`crate::validation`]'s question.

use serde_json::{Map, Value};

use crate::i18n::Lang;
use crate::workspace::{Workspace, SCHEMA_VERSION};

/// Why a text could not be read as a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentError {
    /// Not JSON at all, or broken JSON.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a workspace document (no `schema_version`).
    NotAWorkspace,
    /// Written by a newer version of the app: never overwritten, never guessed at.
    NewerVersion { found: u64 },
    /// A workspace document with a value of the wrong shape. For a migrated
    /// document, the place is in the migrated text.
    Shape {
        line: usize,
        column: usize,
        message: String,
        migrated: bool,
    },
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
            (DocumentError::Shape { line, column, message, migrated }, Lang::Vi) => format!(
                "Giá trị sai ở dòng {line}, cột {column}{}: {message}",
                if *migrated { " (của bản đã chuyển sang lược đồ mới)" } else { "" }
            ),
            (DocumentError::Shape { line, column, message, migrated }, Lang::En) => format!(
                "Wrong value at line {line}, column {column}{}: {message}",
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

/// Just enough of a document to learn its version: a JSON object's
/// `schema_version`, every other member skipped unread. (A derived
/// `Deserialize` would also accept an array.)
struct VersionProbe {
    schema_version: Option<u64>,
}

impl<'de> serde::Deserialize<'de> for VersionProbe {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ProbeVisitor;
        impl<'de> serde::de::Visitor<'de> for ProbeVisitor {
            type Value = VersionProbe;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a workspace document (a JSON object)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<VersionProbe, A::Error> {
                let mut schema_version = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "schema_version" {
                        schema_version = map.next_value::<Option<u64>>()?;
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                Ok(VersionProbe { schema_version })
            }
        }
        deserializer.deserialize_map(ProbeVisitor)
    }
}

/// Reads a workspace document of any schema version up to this build's.
///
/// A current document is read straight from its text, so a wrong value is
/// reported at its line and column. An older one is migrated as a JSON tree
/// and written back to text first: reading our types from text alone keeps
/// one deserializer in the download instead of two.
pub fn from_json(text: &str) -> Result<Workspace, DocumentError> {
    let syntax = |e: serde_json::Error| DocumentError::Syntax {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    };
    let probe: VersionProbe = match serde_json::from_str(text) {
        Ok(probe) => probe,
        // Valid JSON that is not an object (an array, a number) is not ours.
        Err(e) if e.is_data() => return Err(DocumentError::NotAWorkspace),
        Err(e) => return Err(syntax(e)),
    };
    let version = probe.schema_version.ok_or(DocumentError::NotAWorkspace)?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(DocumentError::NewerVersion { found: version });
    }
    if version < 1 {
        return Err(DocumentError::NotAWorkspace);
    }
    let migrated = version < u64::from(SCHEMA_VERSION);
    let current_text = if migrated {
        let mut value: Value = serde_json::from_str(text).map_err(syntax)?;
        if version < 2 {
            migrate_v1_to_v2(&mut value);
        }
        value.to_string()
    } else {
        text.to_owned()
    };
    let mut workspace: Workspace =
        serde_json::from_str(&current_text).map_err(|e| DocumentError::Shape {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
            migrated,
        })?;
    workspace.schema_version = SCHEMA_VERSION;
    Ok(workspace)
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
    fn newer_schema_is_refused() {
        let error = from_json(r#"{"schema_version": 99}"#).expect_err("newer");
        assert_eq!(error, DocumentError::NewerVersion { found: 99 });
        assert!(error.message(Lang::Vi).contains("phiên bản mới hơn"));
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
            DocumentError::Shape {
                line,
                column,
                migrated,
                message,
            } => {
                // Just after the part that is wrong, and named.
                assert_eq!((line, column, migrated), (2, 11, false));
                assert!(message.starts_with("plan, "), "{message}");
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
