//! The small readers that take stored values out of a JSON tree
//! ([`Value`]) by hand, with serde's rules and errors that say which field
//! and what was found. [`crate::unit_read`] and [`crate::plan_read`] read
//! a document's units and plan with them; see there for why.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::decimal::Decimal;
use crate::i18n::Text;
use crate::iso_date::parse_iso;

/// A reading error: where (as far as known) and what.
pub type Read<T> = Result<T, String>;

pub type Object = Map<String, Value>;

pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

pub fn wrong(field: &str, expected: &str, value: &Value) -> String {
    format!("{field}: expected {expected}, found {}", kind_of(value))
}

pub fn object(value: &Value) -> Read<&Object> {
    value
        .as_object()
        .ok_or_else(|| wrong("value", "an object", value))
}

pub fn required<'a>(o: &'a Object, field: &str) -> Read<&'a Value> {
    o.get(field)
        .ok_or_else(|| format!("missing field `{field}`"))
}

/// The field's value, unless it is missing or `null`.
pub fn present<'a>(o: &'a Object, field: &str) -> Option<&'a Value> {
    o.get(field).filter(|v| !v.is_null())
}

pub fn string(value: &Value, field: &str) -> Read<String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| wrong(field, "a text", value))
}

/// A text field that may be missing (empty then).
pub fn text_or_empty(o: &Object, field: &str) -> Read<String> {
    o.get(field).map_or(Ok(String::new()), |v| string(v, field))
}

pub fn boolean(value: &Value, field: &str) -> Read<bool> {
    value
        .as_bool()
        .ok_or_else(|| wrong(field, "true or false", value))
}

/// An optional whole number (`null` or missing: none).
pub fn whole(o: &Object, field: &str) -> Read<Option<i64>> {
    present(o, field)
        .map(|v| v.as_i64().ok_or_else(|| wrong(field, "a whole number", v)))
        .transpose()
}

/// An optional amount, written as a decimal text ("1250.50").
pub fn decimal(o: &Object, field: &str) -> Read<Option<Decimal>> {
    let Some(value) = present(o, field) else {
        return Ok(None);
    };
    let text = string(value, field)?;
    Decimal::parse(&text)
        .map(Some)
        .map_err(|e| format!("{field}: \"{text}\": {e}"))
}

/// An optional `yyyy-mm-dd` date.
pub fn date(o: &Object, field: &str) -> Read<Option<NaiveDate>> {
    let Some(value) = present(o, field) else {
        return Ok(None);
    };
    let text = string(value, field)?;
    parse_iso(&text)
        .map(Some)
        .ok_or_else(|| format!("{field}: \"{text}\" is not a date (expected yyyy-mm-dd)"))
}

/// A stored enum, by its key.
pub fn key<T: Copy>(value: &Value, field: &str, keys: &[&str], variants: &[T]) -> Read<T> {
    let text = value
        .as_str()
        .ok_or_else(|| wrong(field, "a text", value))?;
    crate::serde_keys::position(keys, text)
        .and_then(|i| variants.get(i).copied())
        .ok_or_else(|| {
            format!(
                "{field}: unknown value \"{text}\", expected one of {}",
                keys.join(", ")
            )
        })
}

/// A list field that may be missing (empty then); each item read by `item`.
pub fn list<T>(o: &Object, field: &str, item: &dyn Fn(&Value) -> Read<T>) -> Read<Vec<T>> {
    match o.get(field) {
        Some(value) => items(value, field, item),
        None => Ok(Vec::new()),
    }
}

/// A list; each item read by `item`.
pub fn items<T>(value: &Value, field: &str, item: &dyn Fn(&Value) -> Read<T>) -> Read<Vec<T>> {
    let items = value
        .as_array()
        .ok_or_else(|| wrong(field, "a list", value))?;
    items
        .iter()
        .enumerate()
        .map(|(index, v)| item(v).map_err(|e| format!("{field} {}: {e}", index + 1)))
        .collect()
}

/// A phrase in both languages: `{"vi": …, "en": …}`.
pub fn text(value: &Value, field: &str) -> Read<Text> {
    let o = object(value).map_err(|e| format!("{field}: {e}"))?;
    Ok(Text {
        vi: string(required(o, "vi")?, "vi")?,
        en: string(required(o, "en")?, "en")?,
    })
}

/// A list of texts.
pub fn strings(value: &Value, field: &str) -> Read<Vec<String>> {
    value
        .as_array()
        .ok_or_else(|| wrong(field, "a list", value))?
        .iter()
        .map(|v| string(v, field))
        .collect()
}

/// A number (JSON integers too).
pub fn number(value: &Value, field: &str) -> Read<f64> {
    value
        .as_f64()
        .ok_or_else(|| wrong(field, "a number", value))
}

/// A whole number within `T`'s range.
pub fn integer<T: TryFrom<i64>>(value: &Value, field: &str) -> Read<T> {
    value
        .as_i64()
        .and_then(|n| T::try_from(n).ok())
        .ok_or_else(|| wrong(field, "a whole number", value))
}

/// A required `yyyy-mm-dd` date.
pub fn required_date(o: &Object, field: &str) -> Read<NaiveDate> {
    date(o, field)?.ok_or_else(|| format!("missing field `{field}`"))
}
