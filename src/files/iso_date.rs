//! Dates in files as ISO 8601 text ("2018-06-30"), for serde's `with`
//! attribute: chrono reads and writes them; this adapter only keeps the
//! error a user sees naming the value and the form expected ("\"30/06/2018\"
//! is not a date (expected yyyy-mm-dd)"), which chrono's own serde support
//! words as "input contains invalid characters".

use chrono::NaiveDate;
use serde::{de, Deserialize, Deserializer, Serializer};

use crate::i18n::format::iso_date;

use crate::i18n::format::parse_iso;

pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&iso_date(*date))
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_iso(&text)
        .ok_or_else(|| de::Error::custom(format!("\"{text}\" is not a date (expected yyyy-mm-dd)")))
}

/// The same for an optional date; `null` and a missing field are `None`.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => super::serialize(date, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            Some(text) => parse_iso(&text).map(Some).ok_or_else(|| {
                de::Error::custom(format!("\"{text}\" is not a date (expected yyyy-mm-dd)"))
            }),
            None => Ok(None),
        }
    }
}
