//! Schema 2's assessments, read only by the migration to schema 3
//! ([`crate::files::document`]).
//!
//! Schema 2 saved every assessment as `name=value` entries under the names
//! of the page's controls, all assessments in one list, each starting at
//! its `unit=` entry: `"unit=u1"`, `"year=2019"`, `"date=2020-01-15"`,
//! `"rubric=tt01-2020/v1"`, `"fact:board_size=5"`, `"months_operated=12"`,
//! `"ans:2012-bodies=no"`, `"note:2012-bodies=…"`, `"score:1a=4.5"`,
//! `"max:15=8"`, `"act:0:source=rule:2012-board-size"`, `"act:0:owner=…"`.
//! Renaming a control changed the file format. Schema 3 stores the typed
//! [`super::Assessment`]; [`migrate`] turns each group of entries into its
//! JSON object, in the tree, before serde reads it.
//!
//! An entry that fits no field, or whose value does not read (a score that
//! is not a number, 13 months, an action's field before its source), is
//! kept aside as it was in the assessment's `unread_entries`, never
//! dropped and never a panic. A missing or garbled unit, year or date is
//! left for serde to report with its place in the document, as any other
//! malformed field is.

use serde_json::{Map, Value};

use super::{Answer, Fact};
use crate::domain::decimal::Decimal;
use crate::i18n::format::iso_date;

/// The schema-3 `assessments` of a schema-2 list of entries.
pub fn migrate(list: &[Value]) -> Vec<Value> {
    let mut all: Vec<Map<String, Value>> = Vec::new();
    for entry in list {
        let text = match entry {
            Value::String(text) => text.clone(),
            // Schema 2 held only strings; anything else is kept as its JSON.
            other => other.to_string(),
        };
        if text.starts_with("unit=") || all.is_empty() {
            all.push(Map::new());
        }
        if let Some(assessment) = all.last_mut() {
            read_entry(assessment, &text);
        }
    }
    all.into_iter()
        .map(|mut a| {
            if !a.contains_key("rubric") {
                // Before rubric versions there was one rubric: the current.
                a.insert(
                    "rubric".to_owned(),
                    Value::from(super::classification::CURRENT_RUBRIC.version),
                );
            }
            Value::Object(a)
        })
        .collect()
}

/// Reads one entry into the assessment's object, or keeps it aside.
fn read_entry(a: &mut Map<String, Value>, entry: &str) {
    if !read_known(a, entry) {
        let unread = a
            .entry("unread_entries")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(unread) = unread {
            unread.push(Value::from(entry));
        }
    }
}

/// The object `key` of `a`, created empty.
fn object<'a>(a: &'a mut Map<String, Value>, key: &str) -> Option<&'a mut Map<String, Value>> {
    a.entry(key)
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
}

/// Sets `key` in the object `map` of `a`, unless it is already set (an
/// entry written twice is kept aside rather than overwriting).
fn put(a: &mut Map<String, Value>, map: &str, key: &str, value: Value) -> bool {
    match object(a, map) {
        Some(map) if !map.contains_key(key) => {
            map.insert(key.to_owned(), value);
            true
        }
        _ => false,
    }
}

/// Sets the top-level `key` of `a`, unless it is already set.
fn put_top(a: &mut Map<String, Value>, key: &str, value: Value) -> bool {
    if a.contains_key(key) {
        return false;
    }
    a.insert(key.to_owned(), value);
    true
}

/// Whether the entry fits a field of schema 3 (and was put there).
fn read_known(a: &mut Map<String, Value>, entry: &str) -> bool {
    let Some((name, value)) = entry.split_once('=') else {
        return false;
    };
    let (kind, key) = name.split_once(':').unwrap_or((name, ""));
    match (kind, key) {
        ("unit", "") => put_top(a, "unit", Value::from(value)),
        // A year that is not a number is left for serde to name.
        ("year", "") => put_top(
            a,
            "year",
            value
                .parse::<i64>()
                .map_or_else(|_| Value::from(value), Value::from),
        ),
        ("date", "") => {
            let date = crate::i18n::format::parse_iso(value)
                .or_else(|| crate::i18n::format::parse_date(value))
                .map_or_else(|| value.to_owned(), iso_date);
            put_top(a, "date", Value::from(date))
        }
        ("rubric", "") => put_top(a, "rubric", Value::from(value)),
        ("months_operated" | "months_stopped", "") => match value.parse::<u8>() {
            Ok(months) if months <= 12 => put_top(a, kind, Value::from(months)),
            _ => false,
        },
        ("fact", _) => match Fact::from_key(key) {
            Some(fact) if fact.accepts(value) => put(a, "facts", key, Value::from(value)),
            _ => false,
        },
        ("ans", _) if !key.is_empty() => match Answer::from_key(value) {
            Some(answer) => put(a, "answers", key, Value::from(answer.key())),
            None => false,
        },
        ("note", _) if !key.is_empty() => put(a, "notes", key, Value::from(value)),
        ("score", _) if !key.is_empty() && Decimal::parse(value).is_ok() => {
            put(a, "scores", key, Value::from(value))
        }
        ("max", _) => match (key.parse::<u8>(), value.parse::<u32>()) {
            (Ok(_), Ok(max)) => put(a, "maxima", key, Value::from(max)),
            _ => false,
        },
        ("act", _) => read_action(a, key, value),
        _ => false,
    }
}

/// An action's entry `act:<id>:<field>=value`: its `source` starts the
/// action, its other fields fill the action of that id.
fn read_action(a: &mut Map<String, Value>, key: &str, value: &str) -> bool {
    let Some((id, field)) = key.split_once(':') else {
        return false;
    };
    let Ok(id) = id.parse::<u32>() else {
        return false;
    };
    let actions = a
        .entry("actions")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Some(actions) = actions.as_array_mut() else {
        return false;
    };
    let existing = actions
        .iter_mut()
        .filter_map(Value::as_object_mut)
        .find(|x| x.get("id").and_then(Value::as_u64) == Some(u64::from(id)));
    match (field, existing) {
        ("source", None) => {
            if !["rule:", "criterion:", "manager:"]
                .iter()
                .any(|kind| value.starts_with(kind))
            {
                return false;
            }
            let mut action = Map::new();
            action.insert("id".to_owned(), Value::from(id));
            action.insert("source".to_owned(), Value::from(value));
            actions.push(Value::Object(action));
            true
        }
        ("action" | "owner", Some(action)) if !action.contains_key(field) => {
            action.insert(field.to_owned(), Value::from(value));
            true
        }
        ("due", Some(action)) if !action.contains_key("due") => {
            match crate::i18n::format::parse_iso(value) {
                Some(date) => {
                    action.insert("due".to_owned(), Value::from(iso_date(date)));
                    true
                }
                None => false,
            }
        }
        ("status", Some(action)) if !action.contains_key("status") => {
            match super::ActionStatus::from_key(value) {
                Some(status) => {
                    action.insert("status".to_owned(), Value::from(status.key()));
                    true
                }
                None => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{ActionStatus, Assessment};
    use serde_json::json;

    fn migrated(entries: &[&str]) -> Vec<Value> {
        let list: Vec<Value> = entries.iter().map(|e| Value::from(*e)).collect();
        migrate(&list)
    }

    fn one(entries: &[&str]) -> Assessment {
        let all = migrated(entries);
        assert_eq!(all.len(), 1, "{all:?}");
        serde_json::from_value(all[0].clone()).expect("a schema-3 assessment")
    }

    const HEAD: [&str; 4] = [
        "unit=u1",
        "year=2019",
        "date=2020-01-15",
        "rubric=tt01-2020/v1",
    ];

    fn with(more: &[&str]) -> Assessment {
        let mut entries = HEAD.to_vec();
        entries.extend_from_slice(more);
        one(&entries)
    }

    #[test]
    fn the_head_becomes_typed_fields() {
        let a = with(&[]);
        assert_eq!(a.unit_id, "u1");
        assert_eq!(a.year, 2019);
        assert_eq!(a.assessed_on.to_string(), "2020-01-15");
        assert_eq!(a.rubric_version, "tt01-2020/v1");
        assert!(a.unread_entries.is_empty());
        // No rubric entry: the one rubric there was.
        let old = one(&["unit=u1", "year=2019", "date=2020-01-15"]);
        assert_eq!(
            old.rubric_version,
            crate::assessment::classification::CURRENT_RUBRIC.version
        );
    }

    #[test]
    fn facts_months_answers_notes_scores_and_maxima_are_read() {
        let a = with(&[
            "fact:board_size=5",
            "fact:meeting=2020-03-01",
            "fact:capital_share=12.5",
            "fact:supervisory_board=yes",
            "months_operated=12",
            "months_stopped=0",
            "ans:2012-bodies=no",
            "note:2012-bodies=\"ghi chú\" = x",
            "score:1a=4.5",
            "max:15=8",
        ]);
        assert_eq!(a.facts.get(&Fact::BoardSize).map(String::as_str), Some("5"));
        assert_eq!(
            a.facts.get(&Fact::Meeting).map(String::as_str),
            Some("2020-03-01")
        );
        assert_eq!(
            a.facts.get(&Fact::CapitalShare).map(String::as_str),
            Some("12.5")
        );
        assert_eq!(
            a.facts.get(&Fact::SupervisoryBoard).map(String::as_str),
            Some("yes")
        );
        assert_eq!((a.months_operated, a.months_stopped), (Some(12), Some(0)));
        assert_eq!(a.answer("2012-bodies"), Some(Answer::No));
        assert_eq!(
            a.notes.get("2012-bodies").map(String::as_str),
            Some("\"ghi chú\" = x"),
            "a value holding `=` is kept whole"
        );
        assert_eq!(
            a.score("1a").map(|d| d.as_str().to_owned()),
            Some("4.5".into())
        );
        assert_eq!(a.max_override(15), Some(8));
        assert!(a.unread_entries.is_empty(), "{:?}", a.unread_entries);
        // The page's names still reach the same fields.
        assert_eq!(a.value("fact:board_size", "").as_deref(), Some("5"));
        assert_eq!(a.number("months_operated"), Some(12));
    }

    #[test]
    fn actions_keep_their_ids_whatever_the_order() {
        let a = with(&[
            "act:3:source=rule:2012-board-size",
            "act:0:source=manager:director",
            "act:3:owner=Chị Lan",
            "act:0:due=2020-06-30",
            "act:0:status=in_progress",
            "act:3:action=Bầu đủ HĐQT",
        ]);
        let actions = a.actions();
        assert_eq!(actions.len(), 2);
        assert_eq!((actions[0].id, actions[1].id), (3, 0), "in the order added");
        assert_eq!(actions[0].source, "rule:2012-board-size");
        assert_eq!(actions[0].owner, "Chị Lan");
        assert_eq!(actions[0].action, "Bầu đủ HĐQT");
        assert_eq!(actions[1].source, "manager:director");
        assert_eq!(
            actions[1].due.map(|d| d.to_string()).as_deref(),
            Some("2020-06-30")
        );
        assert_eq!(actions[1].status, ActionStatus::InProgress);
        assert_eq!(a.next_action_id(), 4);
    }

    #[test]
    fn unknown_and_garbled_entries_are_kept_aside() {
        let odd = [
            "no equals sign",
            "colour=blue",
            "fact:favourite=1",
            "fact:board_size=five",
            "fact:meeting=soon",
            "months_operated=13",
            "months_stopped=-1",
            "ans:2012-bodies=maybe",
            "score:1a=many",
            "max:x=8",
            "max:15=-2",
            "act:9:owner=nobody's action",
            "act:1:source=not a gap",
            "act:x:source=rule:2012-members",
            "act:2",
            "fact:board_size=5",
            "fact:board_size=6",
            "law=2012",
        ];
        let a = with(&odd);
        let mut expected: Vec<String> = odd.iter().map(|e| (*e).to_owned()).collect();
        // The first board size reads; the second is kept aside.
        expected.retain(|e| e != "fact:board_size=5");
        assert_eq!(a.unread_entries, expected);
        assert_eq!(a.facts.get(&Fact::BoardSize).map(String::as_str), Some("5"));
        assert_eq!(a.months_operated, None);
        assert!(a.actions.is_empty());
    }

    #[test]
    fn a_list_splits_at_each_unit_and_never_panics() {
        let all = migrated(&[
            "unit=a",
            "year=2019",
            "date=2020-01-15",
            "score:1a=3",
            "unit=b",
            "year=2020",
            "date=15/01/2021",
        ]);
        assert_eq!(all.len(), 2);
        assert_eq!(all[1]["date"], json!("2021-01-15"), "a dd/mm/yyyy date");
        let b: Assessment = serde_json::from_value(all[1].clone()).expect("b");
        assert_eq!((b.unit_id.as_str(), b.year), ("b", 2020));
        assert!(b.scores.is_empty(), "a's score stays with a");
        // Entries before any unit, non-strings, a year that is no number:
        // converted without a panic, left for serde to report.
        let odd = migrate(&[json!("year=x"), json!(5), json!(null), json!("")]);
        assert_eq!(odd.len(), 1);
        assert_eq!(odd[0]["year"], json!("x"));
        assert_eq!(odd[0]["unread_entries"], json!(["5", "null", ""]));
        assert!(serde_json::from_value::<Assessment>(odd[0].clone()).is_err());
        assert!(migrate(&[]).is_empty());
    }

    #[test]
    fn a_schema_3_assessment_refuses_13_months() {
        let mut value = migrated(&HEAD)[0].clone();
        value["months_operated"] = json!(12);
        assert!(serde_json::from_value::<Assessment>(value.clone()).is_ok());
        value["months_operated"] = json!(13);
        let error = serde_json::from_value::<Assessment>(value.clone()).expect_err("13");
        assert!(
            error.to_string().contains("13: a year has 0 to 12 months"),
            "{error}"
        );
        value["months_operated"] = json!(-1);
        assert!(serde_json::from_value::<Assessment>(value).is_err());
    }
}
