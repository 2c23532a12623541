//! Saved assessments and exemplary criteria, as lists of `name=value`
//! entries.
//!
//! An assessment is written as the edits that would make it, under the
//! names the page's controls carry (`"fact:board_size=5"`,
//! `"ans:2012-bodies=no"`, `"score:1a=4.5"`, `"act:0:owner=Chị Lan"`, see
//! [`super::page`]), and read back by replaying them through
//! [`page::set_field`]. So one piece of code reads what the user types and
//! what a file holds, and serde handles nothing but lists of strings, whose
//! code the app already carries: derived readers and writers for these
//! types cost several kilobytes of download.
//!
//! A saved entry that does not read (a date that is not one, an action with
//! no known gap) is an error naming the assessment, so a bad file is
//! refused whole as any other malformed document is.

use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

use super::page;
use super::Assessment;
use crate::format::iso_date;
use crate::i18n::Lang;

fn put(out: &mut Vec<String>, name: &str, value: &str) {
    let mut entry = String::with_capacity(name.len() + 1 + value.len());
    entry.push_str(name);
    entry.push('=');
    entry.push_str(value);
    out.push(entry);
}

/// The entries of one assessment, in the order they are read back.
pub fn entries(a: &Assessment) -> Vec<String> {
    let mut out = Vec::new();
    put(&mut out, "unit", &a.unit_id);
    put(&mut out, "year", &a.year.to_string());
    put(&mut out, "date", &iso_date(a.assessed_on));
    put(&mut out, "rubric", &a.rubric_version);
    out.extend(a.entries.iter().cloned());
    out
}

/// One saved assessment, from its entries.
pub fn read(entries: &[String]) -> Result<Assessment, String> {
    let mut a = Assessment::new("", i32::MIN, chrono::NaiveDate::MIN);
    for entry in entries {
        let (name, value) = entry.split_once('=').unwrap_or((entry, ""));
        let read = match name {
            "unit" => {
                value.clone_into(&mut a.unit_id);
                Ok(())
            }
            "year" => super::int(value)
                .and_then(|y| i32::try_from(y).ok())
                .map(|year| a.year = year)
                .ok_or_else(|| "?".to_owned()),
            "rubric" => {
                value.clone_into(&mut a.rubric_version);
                Ok(())
            }
            // The page caps what is typed at 12; a file saying 13 months
            // of a year is wrong, not something to cap silently.
            "months_operated" | "months_stopped"
                if super::int(value).is_some_and(|m| !(0..=12).contains(&m)) =>
            {
                Err(format!("{value}: a year has 0 to 12 months"))
            }
            _ => page::set_field(&mut a, name, value, Lang::En),
        };
        if let Err(e) = read {
            return Err(format!(
                "assessment of {} for {}: {name}: {e}",
                a.unit_id, a.year
            ));
        }
    }
    if a.unit_id.is_empty() || a.year == i32::MIN || a.assessed_on == chrono::NaiveDate::MIN {
        return Err(format!(
            "assessment of {} for {}: an assessment needs unit, year and date",
            if a.unit_id.is_empty() {
                "?"
            } else {
                &a.unit_id
            },
            if a.year == i32::MIN {
                "?".to_owned()
            } else {
                a.year.to_string()
            }
        ));
    }
    Ok(a)
}

/// `Workspace::assessments`, for serde's `serialize_with`: every
/// assessment's entries in one list, each assessment starting with its
/// `unit=` entry. A list of strings is a type whose serde code the app
/// already carries.
pub fn write_assessments<S: Serializer>(all: &[Assessment], s: S) -> Result<S::Ok, S::Error> {
    all.iter()
        .flat_map(entries)
        .collect::<Vec<_>>()
        .serialize(s)
}

/// `Workspace::assessments`, for serde's `deserialize_with`: the list
/// [`write_assessments`] writes, read back ([`assessments`]).
pub fn read_assessments<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Assessment>, D::Error> {
    let list = Vec::<String>::deserialize(d)?;
    assessments(&list).map_err(D::Error::custom)
}

/// The assessments of a document's `assessments` list: each starts with
/// its `unit=` entry.
pub fn assessments(list: &[String]) -> Result<Vec<Assessment>, String> {
    let mut all = Vec::new();
    let mut rest = list;
    while !rest.is_empty() {
        // The next assessment runs to the following `unit=` entry.
        let end = rest
            .iter()
            .skip(1)
            .position(|e| e.starts_with("unit="))
            .map_or(rest.len(), |i| i + 1);
        let (one, others) = rest.split_at(end);
        let place = all.len() + 1;
        all.push(read(one).map_err(|e| format!("assessments {place}, {e}"))?);
        rest = others;
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(months: &str) -> Vec<String> {
        ["unit=u1", "year=2019", "date=2020-01-15", months]
            .map(str::to_owned)
            .to_vec()
    }

    #[test]
    fn a_year_of_13_months_is_refused() {
        assert!(read(&entries("months_operated=12")).is_ok());
        assert!(read(&entries("months_stopped=0")).is_ok());
        let error = read(&entries("months_operated=13")).expect_err("13 months");
        assert!(
            error.starts_with("assessment of u1 for 2019: months_operated: 13"),
            "{error}"
        );
        assert!(read(&entries("months_stopped=-1")).is_err());
    }
}
