//! Reading a document's units by hand, from the JSON tree.
//!
//! The units are nearly all of a workspace document. serde's derived
//! readers — a visitor per struct, instantiated for every field type and
//! list — cost more download than these few functions, which take each
//! unit from the document's JSON tree ([`crate::document::from_json`]),
//! with serde's rules: a field marked `default` may be missing, an
//! `Option` may be `null` or missing, other fields are required, and
//! fields we do not know are ignored. A wrong value is named by its place
//! — "unit 12 (htx-12), year 2019, members: …" — which is the place a user
//! can find in the app.
//!
//! Writing stays derived: it is small, and `tests/data_files.rs` checks
//! that what is written reads back identical, for any valid workspace.

use serde_json::Value;

use crate::json_read::*;
use crate::unit::{
    CoopModel, GroupConditions, KeyManager, ManagerRole, OperatingStatus, Qualification,
    Recognition, Reorganisation, StatusChange, Unit, UnitKind, YearRecord,
};

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
                since: required_date(c, "since")?,
            })
        })?,
        recognitions: list(o, "recognitions", &|v| {
            let r = object(v)?;
            Ok(Recognition {
                year: integer(required(r, "year")?, "year")?,
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
        Some(v) => integer(v, "year")?,
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
