//! Reading saved assessments and exemplary criteria by hand.
//!
//! A derived `Deserialize` writes a visitor, a field matcher and error
//! paths for every saved type; for these few it came to about 11 KB of
//! gzipped download. They are read instead as a JSON tree
//! (`serde_json::Value`, whose reader the app already carries for
//! migrations) and picked apart here. Writing stays derived: it is small.
//! A value of the wrong shape is an error naming the assessment, so a bad
//! file is refused whole as any other malformed document is.

use serde::{de, Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::action_plan::{ActionItem, ActionStatus, GapSource};
use super::classification::Grade;
use super::exemplary::ExemplaryCriteria;
use super::{Answer, Assessment, GovernanceFacts, GovernanceModel};
use crate::decimal::Decimal;
use crate::iso_date::parse_iso;

type Object = Map<String, Value>;

fn text<'a>(o: &'a Object, key: &str) -> Option<&'a str> {
    o.get(key).and_then(Value::as_str)
}

fn int<T: TryFrom<i64>>(o: &Object, key: &str) -> Result<Option<T>, String> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_i64()
            .and_then(|n| T::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| format!("{key}: not a whole number")),
    }
}

fn decimal_of(value: &Value) -> Option<Decimal> {
    value.as_str().and_then(|t| Decimal::parse(t).ok())
}

fn decimal(o: &Object, key: &str) -> Result<Option<Decimal>, String> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => decimal_of(v)
            .map(Some)
            .ok_or_else(|| format!("{key}: not an amount")),
    }
}

fn date(o: &Object, key: &str) -> Result<Option<chrono::NaiveDate>, String> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(parse_iso)
            .map(Some)
            .ok_or_else(|| format!("{key}: not a date (yyyy-mm-dd)")),
    }
}

fn array<'a>(o: &'a Object, key: &str) -> &'a [Value] {
    o.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn facts(o: Option<&Object>) -> Result<GovernanceFacts, String> {
    let Some(o) = o else {
        return Ok(GovernanceFacts::default());
    };
    Ok(GovernanceFacts {
        board_size: int(o, "board_size")?,
        has_supervisory_board: o.get("has_supervisory_board").and_then(Value::as_bool),
        governance_model: match text(o, "governance_model") {
            Some("full") => Some(GovernanceModel::Full),
            Some("reduced") => Some(GovernanceModel::Reduced),
            _ => None,
        },
        annual_meeting_on: date(o, "annual_meeting_on")?,
        largest_member_capital_percent: decimal(o, "largest_member_capital_percent")?,
        income_for_allocation: decimal(o, "income_for_allocation")?,
        development_fund_allocated: decimal(o, "development_fund_allocated")?,
        reserve_fund_allocated: decimal(o, "reserve_fund_allocated")?,
        external_income: decimal(o, "external_income")?,
        indivisible_fund_allocated: decimal(o, "indivisible_fund_allocated")?,
    })
}

fn answer(text: Option<&str>) -> Option<Answer> {
    match text? {
        "yes" => Some(Answer::Yes),
        "no" => Some(Answer::No),
        "not_applicable" => Some(Answer::NotApplicable),
        _ => None,
    }
}

fn status(text: Option<&str>) -> ActionStatus {
    match text {
        Some("in_progress") => ActionStatus::InProgress,
        Some("done") => ActionStatus::Done,
        _ => ActionStatus::Open,
    }
}

fn action(value: &Value) -> Result<ActionItem, String> {
    let o = value.as_object().ok_or("an action is not an object")?;
    let source = text(o, "source")
        .and_then(GapSource::from_key)
        .ok_or("an action names no known gap")?;
    Ok(ActionItem {
        source,
        action: text(o, "action").unwrap_or_default().to_owned(),
        owner: text(o, "owner").unwrap_or_default().to_owned(),
        due: date(o, "due")?,
        status: status(text(o, "status")),
    })
}

/// One saved assessment.
pub fn assessment(value: &Value) -> Result<Assessment, String> {
    let o = value.as_object().ok_or("an assessment is not an object")?;
    let unit_id = text(o, "unit_id").ok_or("an assessment without unit_id")?;
    let year: i32 = int(o, "year")?.ok_or("an assessment without year")?;
    let assessed_on = date(o, "assessed_on")?.ok_or("an assessment without assessed_on")?;
    let mut a = Assessment::new(unit_id, year, assessed_on);
    let context = |e: String| format!("assessment of {unit_id} for {year}: {e}");
    a.facts = facts(o.get("facts").and_then(Value::as_object)).map_err(context)?;
    if let Some(version) = text(o, "rubric_version") {
        version.clone_into(&mut a.rubric_version);
    }
    for entry in array(o, "answers") {
        let row = entry.as_array().map_or(&[][..], Vec::as_slice);
        if let Some(rule) = row.first().and_then(Value::as_str) {
            let chosen = answer(row.get(1).and_then(Value::as_str));
            let note = row.get(2).and_then(Value::as_str).unwrap_or_default();
            a.answers.push((rule.to_owned(), chosen, note.to_owned()));
        }
    }
    for entry in array(o, "max_overrides") {
        let row = entry.as_array().map_or(&[][..], Vec::as_slice);
        let number = row
            .first()
            .and_then(Value::as_u64)
            .and_then(|n| u8::try_from(n).ok());
        let max = row
            .get(1)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok());
        if let (Some(number), Some(max)) = (number, max) {
            a.max_overrides.push((number, max));
        }
    }
    for entry in array(o, "scores") {
        let row = entry.as_array().map_or(&[][..], Vec::as_slice);
        let item = row.first().and_then(Value::as_str);
        let points = row.get(1).and_then(decimal_of);
        match (item, points) {
            (Some(item), Some(points)) => a.scores.push((item.to_owned(), points)),
            _ => return Err(context("a score is not [item, \"points\"]".to_owned())),
        }
    }
    a.months_operated = int(o, "months_operated").map_err(context)?;
    a.months_stopped = int(o, "months_stopped").map_err(context)?;
    for entry in array(o, "actions") {
        a.actions.push(action(entry).map_err(context)?);
    }
    Ok(a)
}

fn grade(text: Option<&str>) -> Option<Grade> {
    match text? {
        "excellent" => Some(Grade::Excellent),
        "good" => Some(Grade::Good),
        "average" => Some(Grade::Average),
        "weak" => Some(Grade::Weak),
        _ => None,
    }
}

/// The workspace's exemplary criteria; what is missing keeps its default.
pub fn exemplary(value: &Value) -> ExemplaryCriteria {
    let mut c = ExemplaryCriteria::default();
    let Some(o) = value.as_object() else {
        return c;
    };
    if let Some(g) = grade(text(o, "latest_grade")) {
        c.latest_grade = g;
    }
    if o.contains_key("previous_grade") {
        c.previous_grade = grade(text(o, "previous_grade"));
    }
    if let Some(years) = o.get("profitable_years").and_then(Value::as_u64) {
        c.profitable_years = u32::try_from(years).unwrap_or(0).min(10);
    }
    if let Some(required) = o.get("require_compliance").and_then(Value::as_bool) {
        c.require_compliance = required;
    }
    c
}

/// `Workspace::assessments`, for serde's `deserialize_with`.
pub fn deserialize_assessments<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Assessment>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    value
        .as_array()
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|v| assessment(v).map_err(de::Error::custom))
        .collect()
}

/// `Workspace::exemplary_criteria`, for serde's `deserialize_with`.
pub fn deserialize_exemplary<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<ExemplaryCriteria, D::Error> {
    Value::deserialize(deserializer).map(|v| exemplary(&v))
}
