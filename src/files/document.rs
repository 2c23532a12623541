//! Workspace documents: the JSON that is stored in the browser and exported
//! to files, with its schema version and step-by-step migrations.
//!
//! Reading is: read the text into a JSON tree ([`crate::files::json_tree`]) →
//! find the schema version → migrate if older, in the tree → take the
//! workspace from the tree with serde's derived readers. Writing is
//! serde's derived writers, and `tests/golden.rs` holds them to the bytes
//! earlier builds wrote.
//!
//! Every failure says where and nothing is half-read: broken JSON by its
//! line and column, a key written twice by its place; a value of the wrong
//! type by its place in the document — "unit 2 (u2), years 1: year 2019,
//! members: expected a whole number, found a text". The units are read one
//! at a time, so a unit is known by its number and id; within a unit (and
//! the rest of the document) the place is found in the tree once reading
//! has failed ([`locate`]), and written out with what the tree says of the
//! places it passes (a record's year; [`describe`]).
//! Whether a readable document is also *valid* (counts not negative, and
//! so on) is [`crate::domain::validation`]'s question.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::domain::unit::Unit;
use crate::domain::workspace::{Workspace, SCHEMA_VERSION};
use crate::i18n::{Lang, Text};

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
    write(workspace)
}

/// `value` as JSON text. Every stored type writes plain JSON (string keys,
/// no fallible `Serialize` of its own; a double that is not finite is
/// written `null`), so serde_json cannot refuse one.
fn write<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("stored types always serialise")
}

/// One unit as the document writes it in its `units` list (the record the
/// browser's storage keeps per unit, [`unit_from_text`] reads it back).
pub fn unit_text(unit: &Unit) -> String {
    write(unit)
}

/// The document without its units: the text before the `units` list and
/// the text after it. `before + "[" + units joined by "," + "]" + after`,
/// each unit as [`unit_text`] writes it, is exactly [`to_json`].
pub fn workspace_around_units(workspace: &Workspace) -> (String, String) {
    // Every field but the units (a literal, so a new field is not
    // forgotten here).
    let head = Workspace {
        schema_version: workspace.schema_version,
        id: workspace.id.clone(),
        name: workspace.name.clone(),
        illustrative: workspace.illustrative,
        plan: workspace.plan.clone(),
        units: Vec::new(),
        city_years: workspace.city_years.clone(),
        assessments: workspace.assessments.clone(),
        exemplary_criteria: workspace.exemplary_criteria.clone(),
        scenarios: workspace.scenarios.clone(),
    };
    let mut text = write(&head);
    // The first `"units":[]` is the workspace's own list: the fields before
    // it (id, name, the plan) have no `units` key, and a quote inside a
    // JSON string is always escaped, so no text can hold it.
    const EMPTY: &str = "\"units\":[]";
    match text.find(EMPTY) {
        Some(at) => {
            let after = text.split_off(at + EMPTY.len());
            text.truncate(at + EMPTY.len() - 2);
            (text, after)
        }
        // Not reached: the list is always written.
        None => (text, String::new()),
    }
}

/// One unit's record, as [`unit_text`] writes it (and as the browser's
/// storage keeps it): read as a unit of a document is read, broken JSON
/// and a key written twice named, a wrong value by its place ("unit (u2),
/// years 1: year 2019, members: …").
pub fn unit_from_text(text: &str) -> Result<Unit, DocumentError> {
    // Straight from the text first: two and a half times as fast as going
    // through the tree, which is what reopening 110,000 stored units spends
    // most of its time on. serde's derives refuse a field written twice as
    // the tree does (a unit holds no map), so whatever reads here reads the
    // same through the tree; the tree is built only to say what is wrong.
    if let Ok(unit) = serde_json::from_str::<Unit>(text) {
        return Ok(unit);
    }
    let value = tree(text)?;
    read_value::<Unit>(&value).map_err(|message| {
        let id = value.get("id").and_then(Value::as_str).unwrap_or("?");
        DocumentError::Shape {
            message: format!("unit ({}), {message}", cut(id)),
            migrated: false,
        }
    })
}

/// A list of units (as [`crate::files::import_pieces`] sends them), read as a
/// document's units are.
pub fn units_from_text(text: &str) -> Result<Vec<Unit>, DocumentError> {
    let value = tree(text)?;
    read_units(&value).map_err(|message| DocumentError::Shape {
        message,
        migrated: false,
    })
}

/// Reads a workspace document of any schema version up to this build's.
///
/// The text is read once into a JSON tree (broken JSON is named by its line
/// and column, a key written twice by its place too, [`crate::files::json_tree`]); an older document is migrated in the tree; then the
/// workspace is taken from the tree by serde's derived readers, a wrong
/// value named by its place ([`describe`]).
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
    migrate_tree(&mut value, version);
    let mut workspace =
        read_workspace(value).map_err(|message| DocumentError::Shape { message, migrated })?;
    workspace.schema_version = SCHEMA_VERSION;
    Ok(workspace)
}

/// Migrates a workspace document's tree written with schema `version` to
/// the current schema, step by step. A tree holding only part of a
/// workspace (the sync's documents, [`crate::sync::document`], put one
/// record under its list's key) migrates the same way: each step touches
/// only the keys it finds.
pub fn migrate_tree(value: &mut Value, version: u64) {
    if version < 2 {
        migrate_v1_to_v2(value);
    }
    if version < 3 {
        migrate_v2_to_v3(value);
    }
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
    let view = read_workspace(value).ok();
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
/// column, a key written twice by its place too ([`crate::files::json_tree`]).
fn tree(text: &str) -> Result<Value, DocumentError> {
    crate::files::json_tree::parse(text).map_err(|e| match e {
        crate::files::json_tree::TreeError::Syntax {
            line,
            column,
            message,
        } => DocumentError::Syntax {
            line,
            column,
            message,
        },
        crate::files::json_tree::TreeError::DuplicateKey {
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

/// A workspace from a document's JSON tree: everything but the units,
/// then each unit ([`read_units`]).
fn read_workspace(mut value: Value) -> Result<Workspace, String> {
    let units = value.as_object_mut().and_then(|o| o.remove("units"));
    let mut workspace: Workspace = read_value(&value)?;
    if let Some(units) = units {
        workspace.units = read_units(&units)?;
    }
    Ok(workspace)
}

/// What a JSON value is, in the words of the messages.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A list of units, one at a time, so that a wrong value is named by its
/// unit's number and id ("unit 12 (htx-12), …").
fn read_units(value: &Value) -> Result<Vec<Unit>, String> {
    let items = value
        .as_array()
        .ok_or_else(|| format!("units: expected a list, found {}", kind_of(value)))?;
    let mut units = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let unit = read_value::<Unit>(item).map_err(|message| {
            let id = item.get("id").and_then(Value::as_str).unwrap_or("?");
            format!("unit {} ({}), {message}", index + 1, cut(id))
        })?;
        units.push(unit);
    }
    Ok(units)
}

/// A stored type from a JSON tree by serde's derived readers; a wrong
/// value is named by its place in the tree ([`locate`], [`describe`]).
pub fn read_value<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    T::deserialize(value).map_err(|e| {
        let message = e.to_string();
        let trial = |v: &Value| T::deserialize(v).err().map(|e| e.to_string());
        let path = locate(value, &message, &trial);
        describe(value, &path, &message)
    })
}

/// One step from a tree's root down to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// How many keys or levels [`locate`] looks at: far more than any stored
/// type has; past them the place named is the one reached.
const LOCATE_LIMIT: usize = 64;

/// Where in `root` reading it failed with `message`, found by reading
/// altered copies again (`trial`: the message reading a copy gives, if
/// any). This works because serde reads an object's keys and a list's
/// items in order and stops at the first wrong one, and reports a missing
/// field only once an object's keys are all read:
/// - in an object, the key whose removal changes the message holds the
///   wrong value (removing any other key leaves it as it was);
/// - in a list, the first item is the one whose list cut after it still
///   gives the message (found by halving);
/// - "missing field `f`" is this object's when giving it an `f` changes
///   the message.
///
/// Only run once reading has failed; each trial reads a copy of `root` (a
/// unit, or a document without its units).
pub fn locate(root: &Value, message: &str, trial: &dyn Fn(&Value) -> Option<String>) -> Vec<Step> {
    let changes = |path: &[Step], alter: &dyn Fn(&mut Value)| {
        let mut copy = root.clone();
        if let Some(at) = at_mut(&mut copy, path) {
            alter(at);
        }
        trial(&copy).as_deref() != Some(message)
    };
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'));
    let mut path = Vec::new();
    for _ in 0..LOCATE_LIMIT {
        let Some(here) = at(root, &path) else {
            break;
        };
        let step = match here {
            Value::Object(map) => {
                if let Some(field) = missing.filter(|f| !map.contains_key(*f)) {
                    let given = changes(&path, &|v| {
                        if let Some(o) = v.as_object_mut() {
                            o.insert(field.to_owned(), Value::Null);
                        }
                    });
                    if given {
                        break;
                    }
                }
                map.keys()
                    .take(LOCATE_LIMIT)
                    .find(|key| {
                        changes(&path, &|v| {
                            if let Some(o) = v.as_object_mut() {
                                o.remove(key.as_str());
                            }
                        })
                    })
                    .map(|key| Step::Key(key.clone()))
            }
            Value::Array(items) if !items.is_empty() => {
                // The shortest cut that still fails as the whole list did.
                let (mut low, mut high) = (1, items.len());
                while low < high {
                    let mid = low + (high - low) / 2;
                    if changes(&path, &|v| {
                        if let Some(a) = v.as_array_mut() {
                            a.truncate(mid);
                        }
                    }) {
                        low = mid + 1;
                    } else {
                        high = mid;
                    }
                }
                Some(Step::Index(low - 1))
            }
            _ => None,
        };
        match step {
            Some(step) => path.push(step),
            None => break,
        }
    }
    path
}

fn at<'a>(root: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(root, |v, step| match step {
        Step::Key(key) => v.get(key),
        Step::Index(index) => v.get(index),
    })
}

fn at_mut<'a>(root: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(root, |v, step| match step {
        Step::Key(key) => v.get_mut(key),
        Step::Index(index) => v.get_mut(index),
    })
}

/// The longest id written into a message, in characters.
const SHOWN_CHARS: usize = 80;

fn cut(text: &str) -> String {
    let mut out: String = text.chars().take(SHOWN_CHARS).collect();
    if text.chars().nth(SHOWN_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// A reading error as the user reads it: the place, by the path serde
/// followed through `root` ("unit 2 (u2), years 1: year 2019, members"),
/// then what is wrong there in plain words ([`plain`]).
///
/// A unit is named by its number and id, a yearly record by its number and
/// year, any other list item by its list and number, as the app shows them.
pub fn describe(root: &Value, path: &[Step], message: &str) -> String {
    let mut out = String::new();
    let mut at = Some(root);
    let mut steps = path.iter().peekable();
    // Bounded by the path, one step or two a turn.
    while let Some(step) = steps.next() {
        match step {
            // A message that names its own place from here (an
            // assessment's, "assessments 2, …") needs no more.
            Step::Key(key) if message.starts_with(&format!("{key} ")) => break,
            Step::Key(key) => {
                at = at.and_then(|v| v.get(key));
                let index = match steps.peek() {
                    Some(Step::Index(index)) => Some(*index),
                    _ => None,
                };
                let key = cut(key);
                match index {
                    Some(index) => {
                        steps.next();
                        at = at.and_then(|v| v.get(index));
                        let n = index + 1;
                        let text = |field: &str| at.and_then(|v| v.get(field));
                        match key.as_str() {
                            "units" => {
                                let id = text("id").and_then(Value::as_str).unwrap_or("?");
                                out.push_str(&format!("unit {n} ({}), ", cut(id)));
                            }
                            "years" => match text("year").and_then(Value::as_i64) {
                                Some(year) => out.push_str(&format!("years {n}: year {year}, ")),
                                None => out.push_str(&format!("years {n}: ")),
                            },
                            _ => out.push_str(&format!("{key} {n}: ")),
                        }
                    }
                    // The last step names the field.
                    None if steps.peek().is_none() => {
                        out.push_str(&key);
                        out.push_str(if message.starts_with("missing field") {
                            ", "
                        } else {
                            ": "
                        });
                    }
                    None => {
                        out.push_str(&key);
                        out.push_str(", ");
                    }
                }
            }
            Step::Index(index) => {
                at = at.and_then(|v| v.get(*index));
                out.push_str(&format!("{}: ", index + 1));
            }
        }
    }
    out.push_str(&plain(message));
    out
}

/// serde's wording made plain ("invalid type: string \"many\", expected
/// i64" → "expected a whole number, found a text"); other messages (a
/// missing field, ours) as they are.
pub fn plain(message: &str) -> String {
    fn kind(what: &str) -> &str {
        let what = what.trim();
        let word = what.split([' ', '`']).next().unwrap_or(what);
        match word {
            "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "isize" | "usize" => {
                "a whole number"
            }
            "f32" | "f64" | "integer" | "floating" => "a number",
            "string" => "a text",
            "boolean" => "true or false",
            "unit" | "null" => "null",
            "sequence" => "a list",
            "map" | "struct" | "internally" => "an object",
            _ => match what {
                "a string" | "string or map" => "a text",
                "a boolean" => "true or false",
                "a sequence" => "a list",
                "a map" => "an object",
                _ => what,
            },
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("expected {}, found {}", kind(expected), kind(found));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let found = found.split('`').nth(1).unwrap_or(found);
            return format!("expected {}, found {found}", kind(expected));
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        if let Some((found, expected)) = rest.split_once("`, expected ") {
            return format!(
                "unknown value \"{found}\", expected {}",
                expected.replace('`', "")
            );
        }
    }
    message.to_owned()
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

/// Schema 2 kept each assessment as `name=value` entries under the names
/// of the page's controls (`"fact:board_size=5"`), all of them in one
/// list; schema 3 keeps each as a typed object whose field names are its
/// own ([`crate::assessment::Assessment`]). Entries that fit no field are
/// kept aside in the assessment's `unread_entries`
/// ([`crate::assessment::schema2`]).
fn migrate_v2_to_v3(document: &mut Value) {
    if let Some(list) = document.get_mut("assessments") {
        if let Some(entries) = list.as_array() {
            *list = Value::Array(crate::assessment::schema2::migrate(entries));
        }
    }
    if let Some(object) = document.as_object_mut() {
        object.insert("schema_version".to_owned(), Value::from(3));
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
            let text = crate::files::document::unit_text(unit);
            assert_eq!(unit_from_text(&text).as_ref(), Ok(unit));
        }
        let text = crate::files::document::unit_text(&workspace.units[0]);
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
            Err(DocumentError::Shape { message, .. }) if message.starts_with("unit (u1)")
        ));
    }

    /// The straight read of a unit and the read through the tree agree on
    /// every unit of the demo and of the export with every field, and on
    /// a key written twice deep in a unit.
    #[test]
    fn a_unit_reads_the_same_straight_and_through_the_tree() {
        let golden = include_str!("../../tests/golden/every-field.json");
        let mut units = from_json(golden).expect("the golden file").units;
        units.extend(crate::domain::demo::demo_workspace().units);
        units.extend(crate::benchmark::national_workspace(5, 5, 3).units);
        for unit in &units {
            let text = crate::files::document::unit_text(unit);
            let straight = serde_json::from_str::<Unit>(&text).expect("straight");
            let through = read_value::<Unit>(&tree(&text).expect("a tree")).expect("through");
            assert_eq!(straight, through);
            assert_eq!(&straight, unit);
        }
        let text = crate::files::document::unit_text(&units[0]);
        let deep = text.replacen("\"revenue\":", "\"revenue\":\"1\",\"revenue\":", 1);
        assert_ne!(deep, text);
        assert!(matches!(
            unit_from_text(&deep),
            Err(DocumentError::DuplicateKey { key, .. }) if key == "revenue"
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
        workspace.units.push(crate::domain::unit::Unit::new(
            "u1",
            "HTX Đông Hưng",
            crate::domain::unit::UnitKind::Htx,
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
        let text = "{\"schema_version\": 3, \"id\": \"w\", \"name\": \"Thử\",\n\"plan\": 17}";
        match from_json(text).expect_err("a number is not a plan") {
            DocumentError::Shape { migrated, message } => {
                assert!(!migrated);
                assert!(
                    message.starts_with("plan: expected an object, found a number"),
                    "{message}"
                );
            }
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    fn document(units: &str) -> String {
        format!(
            r#"{{"schema_version": 3, "id": "w", "name": "Thử", "plan": {}, "units": {units}}}"#,
            serde_json::to_string(&crate::domain::plan::Plan::hai_phong_135()).expect("plan")
        )
    }

    fn unit_error(units: &str) -> String {
        match from_json(&document(units)) {
            Err(e) => e.message(Lang::En),
            Ok(_) => panic!("{units} should be refused"),
        }
    }

    #[test]
    fn missing_optional_parts_of_a_unit_take_their_defaults() {
        use crate::domain::unit::{Reorganisation, YearRecord};
        let workspace = from_json(&document(
            r#"[{"id": "u1", "name": "HTX A", "kind": "htx", "model": null, "years": [{}]}]"#,
        ))
        .expect("readable");
        let unit = &workspace.units[0];
        assert_eq!(unit.registration_code, "");
        assert_eq!(unit.model, None);
        assert_eq!(unit.reorganisation, Reorganisation::default());
        assert_eq!(unit.years, vec![YearRecord::default()]);
    }

    #[test]
    fn a_wrong_value_in_a_unit_is_named_by_unit_year_and_field() {
        let message = unit_error(
            r#"[{"id": "u1", "name": "A", "kind": "htx"},
               {"id": "u2", "name": "B", "kind": "htx", "years": [{"year": 2019, "members": "many"}]}]"#,
        );
        assert_eq!(
            message,
            "Wrong value: unit 2 (u2), years 1: year 2019, members: expected a whole number, found a text"
        );
        let message = unit_error(r#"[{"id": "u1", "name": "A", "kind": "coop"}]"#);
        assert!(
            message.contains(
                "unit 1 (u1), kind: unknown value \"coop\", expected one of htx, lhhtx, qtdnd, tht"
            ),
            "{message}"
        );
        let message = unit_error(r#"[{"id": "u1", "kind": "htx"}]"#);
        assert!(
            message.contains("unit 1 (u1), missing field `name`"),
            "{message}"
        );
        let message =
            unit_error(r#"[{"id": "u1", "name": "A", "kind": "htx", "founded": "30/06/2018"}]"#);
        assert!(
            message.contains("unit 1 (u1), founded: \"30/06/2018\" is not a date"),
            "{message}"
        );
        let message = unit_error(
            r#"[{"id": "u1", "name": "A", "kind": "htx", "years": [{"year": 2019, "revenue": 12.5}]}]"#,
        );
        assert!(
            message.contains("years 1: year 2019, revenue: expected a text, found a number"),
            "{message}"
        );
        let message = unit_error(
            r#"[{"id": "u1", "name": "A", "kind": "htx", "years": [{"year": 2019, "key_managers": [{"role": "chair", "qualification": "phd", "trained": true}]}]}]"#,
        );
        assert!(
            message.contains("unit 1 (u1), years 1: year 2019, key_managers 1: qualification: unknown value \"phd\""),
            "{message}"
        );
        assert!(unit_error("{}").contains("units: expected a list, found an object"));
    }

    #[test]
    fn a_wrong_value_elsewhere_is_named_by_its_place() {
        let plan = serde_json::to_value(crate::domain::plan::Plan::hai_phong_135()).expect("plan");
        let with = |edit: &dyn Fn(&mut Value)| {
            let mut document = serde_json::json!({
                "schema_version": 3, "id": "w", "name": "Thử", "plan": plan.clone(),
            });
            edit(&mut document);
            match from_json(&document.to_string()) {
                Err(DocumentError::Shape { message, .. }) => message,
                other => panic!("expected a shape error, got {other:?}"),
            }
        };
        assert_eq!(
            with(&|d| d["plan"]["targets"][2]["value"] = "x".into()),
            "plan, targets 3: value: expected a number, found a text"
        );
        assert_eq!(
            with(&|d| {
                d["plan"]["identity"]
                    .as_object_mut()
                    .map(|o| o.remove("issued"));
            }),
            "plan, identity, missing field `issued`"
        );
        assert_eq!(
            with(&|d| d["plan"]["tasks"][0]["deadline"] = serde_json::json!({"kind": "week"})),
            "plan, tasks 1: deadline, kind: unknown value \"week\", expected one of date, quarter, year, yearly"
        );
        assert_eq!(
            with(&|d| d["city_years"] =
                serde_json::json!([{"year": 2019, "grdp_current_prices": "1,5"}])),
            "city_years 1: grdp_current_prices: \"1,5\": not a decimal number".replace(
                "not a decimal number",
                &crate::domain::decimal::Decimal::parse("1,5")
                    .expect_err("not one")
                    .to_string()
            )
        );
        assert_eq!(
            with(&|d| d["scenarios"] =
                serde_json::json!([{"id": "s", "name": "S", "model": "tarot"}])),
            "scenarios 1: model: unknown simulation model \"tarot\""
        );
        assert_eq!(
            with(
                &|d| d["assessments"] = serde_json::json!([{"unit": "u1", "year": 2019, "date": "2020-01-15", "rubric": "tt01-2020/v1", "months_operated": 13}])
            ),
            "assessments 1: months_operated: 13: a year has 0 to 12 months"
        );
        assert_eq!(
            with(&|d| d["assessments"] =
                serde_json::json!([{"unit": "u1", "year": 2019, "rubric": "tt01-2020/v1"}])),
            "assessments 1: missing field `date`"
        );
        assert_eq!(
            with(&|d| d["illustrative"] = "yes".into()),
            "illustrative: expected true or false, found a text"
        );
        assert_eq!(
            with(&|d| d["plan"]["start_year"] = 1e12.into()),
            "plan, start_year: expected a whole number, found a number"
        );
    }

    #[test]
    fn schema_2_assessments_become_typed_and_odd_entries_are_kept_aside() {
        let plan = serde_json::to_value(crate::domain::plan::Plan::hai_phong_135()).expect("plan");
        let document = serde_json::json!({
            "schema_version": 2, "id": "w", "name": "Thử", "plan": plan,
            "assessments": [
                "unit=u1", "year=2019", "date=2020-01-15", "months_operated=13",
                "fact:board_size=5", "score:1a=4.5",
                "unit=u2", "year=2020", "date=2021-02-01", "ans:2012-bodies=no",
            ],
        });
        let workspace = from_json(&document.to_string()).expect("a schema-2 file reads");
        let [first, second] = &workspace.assessments[..] else {
            panic!("two assessments: {:?}", workspace.assessments);
        };
        assert_eq!((first.unit_id.as_str(), first.year), ("u1", 2019));
        assert_eq!(first.months_operated, None);
        assert_eq!(first.unread_entries, ["months_operated=13"]);
        assert_eq!(first.number("fact:board_size"), Some(5));
        assert_eq!(
            first.score("1a").map(|p| p.as_str().to_owned()),
            Some("4.5".into())
        );
        assert_eq!(
            second.answer("2012-bodies"),
            Some(crate::assessment::Answer::No)
        );
        // Written back as schema 3, and read again unchanged.
        let text = to_json(&workspace);
        assert!(text.starts_with("{\"schema_version\":3,"), "{text}");
        assert!(
            text.contains(r#""unread_entries":["months_operated=13"]"#),
            "{text}"
        );
        assert_eq!(from_json(&text).expect("schema 3"), workspace);
        // Without a date the assessment is refused with its place.
        let mut dateless = document.clone();
        dateless["assessments"] = serde_json::json!(["unit=u1", "year=2019"]);
        match from_json(&dateless.to_string()) {
            Err(DocumentError::Shape { message, migrated }) => {
                assert!(migrated);
                assert_eq!(message, "assessments 1: missing field `date`");
            }
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    #[test]
    fn the_place_is_found_past_lists_and_missing_fields() {
        let manager =
            |q: &str| format!(r#"{{"role": "chair", "qualification": "{q}", "trained": true}}"#);
        let managers = [
            manager("none"),
            manager("none"),
            manager("phd"),
            manager("dr"),
        ]
        .join(",");
        let message = unit_error(&format!(
            r#"[{{"id": "u1", "name": "A", "kind": "htx", "years": [{{"year": 2018}}, {{"year": 2019, "key_managers": [{managers}]}}]}}]"#
        ));
        assert!(
            message.ends_with("unit 1 (u1), years 2: year 2019, key_managers 3: qualification: unknown value \"phd\", expected one of none, elementary, intermediate, college, university"),
            "{message}"
        );
        let message = unit_error(
            r#"[{"id": "u1", "name": "A", "kind": "htx", "status_history": [{"status": "active"}]}]"#,
        );
        assert!(
            message.ends_with("unit 1 (u1), status_history 1: missing field `since`"),
            "{message}"
        );
        // Two wrong values in one record: the first serde meets is named.
        let message = unit_error(
            r#"[{"id": "u1", "name": "A", "kind": "htx", "years": [{"year": 2019, "members": "x", "staff": "y"}]}]"#,
        );
        assert!(message.contains("years 1: year 2019, "), "{message}");
        assert!(
            message.ends_with("expected a whole number, found a text"),
            "{message}"
        );
    }

    #[test]
    fn a_unit_record_reads_back_and_names_its_place() {
        let mut unit = crate::domain::unit::Unit::new(
            "htx-12",
            "HTX \"A\"",
            crate::domain::unit::UnitKind::Htx,
        );
        unit.years.push(crate::domain::unit::YearRecord {
            year: 2019,
            members: Some(12),
            ..Default::default()
        });
        let text = unit_text(&unit);
        assert_eq!(unit_from_text(&text), Ok(unit));
        let broken = text.replace("\"members\":12", "\"members\":\"12\"");
        assert_eq!(
            unit_from_text(&broken).map_err(|e| e.message(Lang::En)),
            Err("Wrong value: unit (htx-12), years 1: year 2019, members: expected a whole number, found a text".to_owned())
        );
        assert!(matches!(
            unit_from_text("{\"id\": \"u\", \"id\": \"v\"}"),
            Err(DocumentError::DuplicateKey { .. })
        ));
        assert!(matches!(
            unit_from_text("{\"id\": "),
            Err(DocumentError::Syntax { .. })
        ));
    }

    /// Every stored enum is written as its key (`stored_key`, what CSV
    /// files and forms use too) and read back; anything else is refused
    /// with the list of keys.
    #[test]
    fn every_stored_enum_is_written_and_read_as_its_key() {
        use crate::domain::plan::{Comparator, Indicator, QualifiedReading};
        use crate::domain::task::TaskStatus;
        use crate::domain::unit::{
            CoopModel, ManagerRole, OperatingStatus, Qualification, UnitKind,
        };
        fn check<T>(all: &[T], key: fn(&T) -> &'static str)
        where
            T: serde::Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            for variant in all {
                assert_eq!(write(variant), format!("\"{}\"", key(variant)));
                let back = read_value::<T>(&Value::String(key(variant).to_owned()));
                assert_eq!(back.as_ref(), Ok(variant));
            }
            let error = read_value::<T>(&Value::String("nope".to_owned())).expect_err("nope");
            assert!(
                error.starts_with("unknown value \"nope\", expected "),
                "{error}"
            );
            assert!(error.contains(key(&all[0])), "{error}");
            assert!(read_value::<T>(&Value::from(3)).is_err());
        }
        check(&UnitKind::ALL, |v| v.stored_key());
        check(&CoopModel::ALL, |v| v.stored_key());
        check(&OperatingStatus::ALL, |v| v.stored_key());
        check(&ManagerRole::ALL, |v| v.stored_key());
        check(&Qualification::ALL, |v| v.stored_key());
        check(&Comparator::ALL, |v| v.stored_key());
        check(&Indicator::ALL, |v| v.stored_key());
        check(&QualifiedReading::ALL, |v| v.stored_key());
        check(&TaskStatus::ALL, |v| v.stored_key());
        for status in TaskStatus::ALL {
            assert_eq!(
                TaskStatus::from_stored_key(status.stored_key()),
                Some(status)
            );
        }
        assert_eq!(TaskStatus::from_stored_key("nope"), None);
    }

    #[test]
    fn serde_wording_is_made_plain() {
        for (theirs, ours) in [
            (
                "invalid type: string \"x\", expected i64",
                "expected a whole number, found a text",
            ),
            (
                "invalid type: integer `3`, expected a string",
                "expected a text, found a number",
            ),
            (
                "invalid type: null, expected a boolean",
                "expected true or false, found null",
            ),
            (
                "invalid type: unit value, expected a sequence",
                "expected a list, found null",
            ),
            (
                "invalid type: sequence, expected struct Unit",
                "expected an object, found a list",
            ),
            (
                "invalid type: map, expected f64",
                "expected a number, found an object",
            ),
            (
                "invalid value: integer `-1`, expected u32",
                "expected a whole number, found -1",
            ),
            (
                "unknown variant `x`, expected `a` or `b`",
                "unknown value \"x\", expected a or b",
            ),
            ("missing field `id`", "missing field `id`"),
        ] {
            assert_eq!(plain(theirs), ours);
        }
    }

    #[test]
    fn current_documents_round_trip() {
        let workspace = Workspace::new("w", "Của tôi");
        assert_eq!(from_json(&to_json(&workspace)), Ok(workspace));
    }
}
