//! Reading a document's units by hand, from the JSON tree.
//!
//! The units are nearly all of a workspace document, and serde's derived
//! readers for them — a visitor per struct, instantiated for every field
//! type and list — were about 20 KB of the download. Here the `units`
//! array is read as one [`Value`] tree (the reader the migrations already
//! use) and each unit taken from it by the small, non-generic functions
//! below, with serde's rules: a field marked `default` may be missing, an
//! `Option` may be `null` or missing, other fields are required, and
//! fields we do not know are ignored. A wrong value is named by its place
//! — "unit 12 (htx-12), year 2019, members: …" — which is the place a user
//! can find in the app.
//!
//! Writing stays derived: it is small, and `tests/data_files.rs` checks
//! that what is written reads back identical, for any valid workspace.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::decimal::Decimal;
use crate::iso_date::parse_iso;
use crate::unit::{
    CoopModel, GroupConditions, KeyManager, ManagerRole, OperatingStatus, Qualification,
    Recognition, Reorganisation, StatusChange, Unit, UnitKind, YearRecord,
};

/// A reading error: where (as far as known) and what.
type Read<T> = Result<T, String>;

type Object = Map<String, Value>;

/// For `#[serde(deserialize_with)]` on `Workspace::units`.
pub fn deserialize_units<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Unit>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    units_from_value(&value).map_err(serde::de::Error::custom)
}

/// The units of a document's `units` array.
pub fn units_from_value(value: &Value) -> Read<Vec<Unit>> {
    let items = value
        .as_array()
        .ok_or_else(|| format!("units: expected a list, found {}", kind_of(value)))?;
    let mut units = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let unit = unit(item).map_err(|e| {
            let id = item.get("id").and_then(Value::as_str).unwrap_or("?");
            format!("unit {} ({id}), {e}", index + 1)
        })?;
        units.push(unit);
    }
    Ok(units)
}

fn unit(value: &Value) -> Read<Unit> {
    let o = object(value)?;
    Ok(Unit {
        id: string(required(o, "id")?, "id")?,
        name: string(required(o, "name")?, "name")?,
        kind: key(
            required(o, "kind")?,
            "kind",
            UnitKind::KEYS,
            UnitKind::VARIANTS,
        )?,
        registration_code: text_or_empty(o, "registration_code")?,
        sector: text_or_empty(o, "sector")?,
        district: text_or_empty(o, "district")?,
        commune: text_or_empty(o, "commune")?,
        founded: date(o, "founded")?,
        model: match present(o, "model") {
            Some(v) => Some(key(v, "model", CoopModel::KEYS, CoopModel::VARIANTS)?),
            None => None,
        },
        reorganisation: match o.get("reorganisation") {
            Some(v) => {
                let r = object(v).map_err(|e| format!("reorganisation: {e}"))?;
                Reorganisation {
                    required: boolean(required(r, "required")?, "reorganisation.required")?,
                    completed_on: date(r, "completed_on")?,
                }
            }
            None => Reorganisation::default(),
        },
        status_history: list(o, "status_history", &|v| {
            let c = object(v)?;
            Ok(StatusChange {
                status: key(
                    required(c, "status")?,
                    "status",
                    OperatingStatus::KEYS,
                    OperatingStatus::VARIANTS,
                )?,
                since: date(c, "since")?.ok_or("since: missing date")?,
            })
        })?,
        recognitions: list(o, "recognitions", &|v| {
            let r = object(v)?;
            Ok(Recognition {
                year: year(required(r, "year")?)?,
                decision: text_or_empty(r, "decision")?,
                date: date(r, "date")?,
            })
        })?,
        group: match present(o, "group") {
            Some(v) => {
                let g = object(v).map_err(|e| format!("group: {e}"))?;
                Some(GroupConditions {
                    contract_authenticated: boolean(
                        required(g, "contract_authenticated")?,
                        "contract_authenticated",
                    )?,
                    meets_legal_conditions: boolean(
                        required(g, "meets_legal_conditions")?,
                        "meets_legal_conditions",
                    )?,
                })
            }
            None => None,
        },
        years: list(o, "years", &|v| year_record(v))?,
    })
}

fn year_record(value: &Value) -> Read<YearRecord> {
    let o = object(value)?;
    let year = match o.get("year") {
        Some(v) => year(v)?,
        None => 0,
    };
    let read = || -> Read<YearRecord> {
        Ok(YearRecord {
            year,
            members: whole(o, "members")?,
            regular_workers: whole(o, "regular_workers")?,
            charter_capital: decimal(o, "charter_capital")?,
            total_capital: decimal(o, "total_capital")?,
            indivisible_assets: decimal(o, "indivisible_assets")?,
            revenue: decimal(o, "revenue")?,
            pre_tax_profit: decimal(o, "pre_tax_profit")?,
            value_added: decimal(o, "value_added")?,
            average_worker_income: decimal(o, "average_worker_income")?,
            staff: whole(o, "staff")?,
            staff_trained: whole(o, "staff_trained")?,
            development_fund: decimal(o, "development_fund")?,
            reserve_fund: decimal(o, "reserve_fund")?,
            non_member_supply_percent: decimal(o, "non_member_supply_percent")?,
            key_managers: list(o, "key_managers", &|v| {
                let m = object(v)?;
                Ok(KeyManager {
                    role: key(
                        required(m, "role")?,
                        "role",
                        ManagerRole::KEYS,
                        ManagerRole::VARIANTS,
                    )?,
                    qualification: key(
                        required(m, "qualification")?,
                        "qualification",
                        Qualification::KEYS,
                        Qualification::VARIANTS,
                    )?,
                    trained: boolean(required(m, "trained")?, "trained")?,
                    name: text_or_empty(m, "name")?,
                })
            })?,
        })
    };
    read().map_err(|e| format!("year {year}, {e}"))
}

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

fn wrong(field: &str, expected: &str, value: &Value) -> String {
    format!("{field}: expected {expected}, found {}", kind_of(value))
}

fn object(value: &Value) -> Read<&Object> {
    value
        .as_object()
        .ok_or_else(|| wrong("value", "an object", value))
}

fn required<'a>(o: &'a Object, field: &str) -> Read<&'a Value> {
    o.get(field)
        .ok_or_else(|| format!("missing field `{field}`"))
}

/// The field's value, unless it is missing or `null`.
fn present<'a>(o: &'a Object, field: &str) -> Option<&'a Value> {
    o.get(field).filter(|v| !v.is_null())
}

fn string(value: &Value, field: &str) -> Read<String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| wrong(field, "a text", value))
}

/// A text field that may be missing (empty then).
fn text_or_empty(o: &Object, field: &str) -> Read<String> {
    o.get(field).map_or(Ok(String::new()), |v| string(v, field))
}

fn boolean(value: &Value, field: &str) -> Read<bool> {
    value
        .as_bool()
        .ok_or_else(|| wrong(field, "true or false", value))
}

fn year(value: &Value) -> Read<i32> {
    value
        .as_i64()
        .and_then(|n| i32::try_from(n).ok())
        .ok_or_else(|| wrong("year", "a year", value))
}

/// An optional whole number (`null` or missing: none).
fn whole(o: &Object, field: &str) -> Read<Option<i64>> {
    present(o, field)
        .map(|v| v.as_i64().ok_or_else(|| wrong(field, "a whole number", v)))
        .transpose()
}

/// An optional amount, written as a decimal text ("1250.50").
fn decimal(o: &Object, field: &str) -> Read<Option<Decimal>> {
    let Some(value) = present(o, field) else {
        return Ok(None);
    };
    let text = string(value, field)?;
    Decimal::parse(&text)
        .map(Some)
        .map_err(|e| format!("{field}: \"{text}\": {e}"))
}

/// An optional `yyyy-mm-dd` date.
fn date(o: &Object, field: &str) -> Read<Option<NaiveDate>> {
    let Some(value) = present(o, field) else {
        return Ok(None);
    };
    let text = string(value, field)?;
    parse_iso(&text)
        .map(Some)
        .ok_or_else(|| format!("{field}: \"{text}\" is not a date (expected yyyy-mm-dd)"))
}

/// A stored enum, by its key.
fn key<T: Copy>(value: &Value, field: &str, keys: &[&str], variants: &[T]) -> Read<T> {
    let text = value
        .as_str()
        .ok_or_else(|| wrong(field, "a text", value))?;
    keys.iter()
        .position(|k| *k == text)
        .and_then(|i| variants.get(i).copied())
        .ok_or_else(|| {
            format!(
                "{field}: unknown value \"{text}\", expected one of {}",
                keys.join(", ")
            )
        })
}

/// A list field that may be missing (empty then); each item read by `item`.
fn list<T>(o: &Object, field: &str, item: &dyn Fn(&Value) -> Read<T>) -> Read<Vec<T>> {
    let Some(value) = o.get(field) else {
        return Ok(Vec::new());
    };
    let items = value
        .as_array()
        .ok_or_else(|| wrong(field, "a list", value))?;
    items
        .iter()
        .enumerate()
        .map(|(index, v)| item(v).map_err(|e| format!("{field} {}: {e}", index + 1)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::from_json;

    fn document(units: &str) -> String {
        format!(
            r#"{{"schema_version": 2, "id": "w", "name": "Thử", "plan": {}, "units": {units}}}"#,
            serde_json::to_string(&crate::plan::Plan::hai_phong_135()).expect("plan")
        )
    }

    fn error(units: &str) -> String {
        match from_json(&document(units)) {
            Err(e) => e.message(crate::i18n::Lang::En),
            Ok(_) => panic!("{units} should be refused"),
        }
    }

    #[test]
    fn missing_optional_parts_take_their_defaults() {
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
    fn a_wrong_value_is_named_by_unit_year_and_field() {
        let message = error(
            r#"[{"id": "u1", "name": "A", "kind": "htx"},
               {"id": "u2", "name": "B", "kind": "htx", "years": [{"year": 2019, "members": "many"}]}]"#,
        );
        assert!(
            message.contains(
                "unit 2 (u2), years 1: year 2019, members: expected a whole number, found a text"
            ),
            "{message}"
        );
        let message = error(r#"[{"id": "u1", "name": "A", "kind": "coop"}]"#);
        assert!(
            message.contains("kind: unknown value \"coop\""),
            "{message}"
        );
        let message = error(r#"[{"id": "u1", "kind": "htx"}]"#);
        assert!(
            message.contains("unit 1 (u1), missing field `name`"),
            "{message}"
        );
        let message =
            error(r#"[{"id": "u1", "name": "A", "kind": "htx", "founded": "30/06/2018"}]"#);
        assert!(
            message.contains("founded: \"30/06/2018\" is not a date"),
            "{message}"
        );
        let message = error(
            r#"[{"id": "u1", "name": "A", "kind": "htx", "years": [{"year": 2019, "revenue": 12.5}]}]"#,
        );
        assert!(
            message.contains("revenue: expected a text, found a number"),
            "{message}"
        );
        assert!(error("{}").contains("units: expected a list"));
    }
}
