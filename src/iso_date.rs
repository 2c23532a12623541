//! Dates in files as ISO 8601 text ("2018-06-30"), for serde's `with`
//! attribute. Read and written by hand rather than through chrono's serde
//! support, which brings chrono's general parser and formatter into the
//! download for what is one fixed form.

use chrono::NaiveDate;
use serde::{de, Deserialize, Deserializer, Serializer};

use crate::format::iso_date;

/// Reads exactly `yyyy-mm-dd` (four-digit year), the form files use.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_the_iso_form() {
        assert_eq!(
            parse_iso("2018-06-30"),
            NaiveDate::from_ymd_opt(2018, 6, 30)
        );
        for bad in [
            "2018-6-30",
            "30/06/2018",
            "2018-02-30",
            "2018-06-3x",
            "+2018-06-30",
            "2018-06-300",
            "",
            "２０１８-06-30",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad:?}");
        }
    }
}
