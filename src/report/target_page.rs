//! What a target's own page shows besides its card and trend, as data:
//! the breakdown tables' headers and order, their CSV download, and the
//! words around the drill-down. No markup: `app::pages::target` draws it.

use chrono::NaiveDate;

use super::{breakdown_rows, dimension_label, tally_names, SortBy};
use crate::domain::indicator::{Dimension, Evaluation, Observation};
use crate::domain::plan::Indicator;
use crate::domain::workspace::Workspace;
use crate::files::csv::write_csv;
use crate::i18n::format::{format_number, iso_date};
use crate::i18n::Lang;

/// The tables' columns: the group, the numerator, the denominator (for a
/// share) and the value.
pub fn breakdown_header(indicator: Indicator, by: Dimension, lang: Lang) -> Vec<&'static str> {
    let (numerator, denominator) = tally_names(indicator, lang);
    let mut header = vec![dimension_label(by, lang), numerator];
    header.extend(denominator);
    header.push(lang.pick("Giá trị", "Value"));
    header
}

/// A breakdown table's caption.
pub fn breakdown_caption(by: Dimension, lang: Lang) -> &'static str {
    match by {
        Dimension::District => lang.pick("Theo quận, huyện", "By district"),
        Dimension::Sector => lang.pick("Theo lĩnh vực", "By sector"),
    }
}

/// The orders the page offers for its breakdown tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BreakdownOrder {
    #[default]
    Name,
    NumeratorLargestFirst,
    ValueHighestFirst,
    ValueLowestFirst,
}

impl BreakdownOrder {
    pub const ALL: [BreakdownOrder; 4] = [
        BreakdownOrder::Name,
        BreakdownOrder::NumeratorLargestFirst,
        BreakdownOrder::ValueHighestFirst,
        BreakdownOrder::ValueLowestFirst,
    ];

    /// How [`breakdown_rows`] sorts for this order.
    pub fn sort(self) -> (SortBy, bool) {
        match self {
            BreakdownOrder::Name => (SortBy::Name, true),
            BreakdownOrder::NumeratorLargestFirst => (SortBy::Numerator, false),
            BreakdownOrder::ValueHighestFirst => (SortBy::Value, false),
            BreakdownOrder::ValueLowestFirst => (SortBy::Value, true),
        }
    }

    /// The order's value in the page's list of choices.
    pub fn key(self) -> &'static str {
        match self {
            BreakdownOrder::Name => "name",
            BreakdownOrder::NumeratorLargestFirst => "numerator-desc",
            BreakdownOrder::ValueHighestFirst => "value-desc",
            BreakdownOrder::ValueLowestFirst => "value-asc",
        }
    }

    /// The order a choice's value names; by name for anything else.
    pub fn from_key(key: &str) -> BreakdownOrder {
        BreakdownOrder::ALL
            .into_iter()
            .find(|order| order.key() == key)
            .unwrap_or_default()
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            BreakdownOrder::Name => lang.pick("Tên", "Name"),
            BreakdownOrder::NumeratorLargestFirst => {
                lang.pick("Tử số, lớn trước", "Numerator, largest first")
            }
            BreakdownOrder::ValueHighestFirst => {
                lang.pick("Giá trị, cao trước", "Value, highest first")
            }
            BreakdownOrder::ValueLowestFirst => {
                lang.pick("Giá trị, thấp trước", "Value, lowest first")
            }
        }
    }
}

/// Both breakdowns as one CSV, by name: a first column says which
/// ("Quận, huyện" or "Lĩnh vực").
pub fn breakdown_csv(ws: &Workspace, indicator: Indicator, as_of: NaiveDate, lang: Lang) -> String {
    let mut rows = Vec::new();
    for by in [Dimension::District, Dimension::Sector] {
        for mut row in breakdown_rows(ws, indicator, as_of, by, (SortBy::Name, true), lang) {
            row.insert(0, dimension_label(by, lang).to_owned());
            rows.push(row);
        }
    }
    let mut header = vec![lang.pick("Chia theo", "By")];
    header.extend(breakdown_header(indicator, Dimension::District, lang));
    write_csv(&header, rows)
}

/// The CSV's file name: "T1-phan-to-2019-07-31.csv".
pub fn breakdown_file_name(target_id: &str, as_of: NaiveDate, lang: Lang) -> String {
    format!(
        "{target_id}-{}-{}.csv",
        lang.pick("phan-to", "breakdown"),
        iso_date(as_of)
    )
}

/// How many units the drill-down found, and how many it lists when that
/// is fewer: "250 đơn vị · hiện 200".
pub fn drill_count(matched: usize, limit: usize, lang: Lang) -> String {
    let mut text = format!(
        "{} {}",
        format_number(matched as f64, 0, lang),
        lang.pick("đơn vị", "units")
    );
    if matched > limit {
        text.push_str(&format!(" · {} {limit}", lang.pick("hiện", "showing")));
    }
    text
}

/// For T8: how many sectors have an exemplary cooperative.
pub fn sectors_note(evaluation: &Evaluation, lang: Lang) -> Option<String> {
    match &evaluation.measurement.observation {
        Some(Observation::Count { sectors, .. }) => Some(format!(
            "{sectors} {}",
            lang.pick(
                "lĩnh vực có HTX điển hình.",
                "sectors have an exemplary cooperative."
            )
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::generate::synthetic_workspace;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn every_order_is_found_by_its_key() {
        for order in BreakdownOrder::ALL {
            assert_eq!(BreakdownOrder::from_key(order.key()), order);
        }
        assert_eq!(BreakdownOrder::from_key("?"), BreakdownOrder::Name);
        assert_eq!(
            BreakdownOrder::ValueLowestFirst.sort(),
            (SortBy::Value, true)
        );
    }

    #[test]
    fn the_csv_has_both_breakdowns_under_one_header() {
        let ws = synthetic_workspace(80, 2);
        let as_of = day(2019, 7, 31);
        let csv = breakdown_csv(&ws, Indicator::ReorganisedShare, as_of, Lang::Vi);
        let lines: Vec<&str> = csv.lines().collect();
        // After the byte-order mark that tells a spreadsheet it is UTF-8.
        assert_eq!(
            lines[0].trim_start_matches('\u{feff}'),
            "Chia theo,\"Quận, huyện\",Đã tổ chức lại,Phải tổ chức lại,Giá trị"
        );
        let district_rows = breakdown_rows(
            &ws,
            Indicator::ReorganisedShare,
            as_of,
            Dimension::District,
            (SortBy::Name, true),
            Lang::Vi,
        )
        .len();
        let sector_rows = breakdown_rows(
            &ws,
            Indicator::ReorganisedShare,
            as_of,
            Dimension::Sector,
            (SortBy::Name, true),
            Lang::Vi,
        )
        .len();
        assert_eq!(lines.len(), 1 + district_rows + sector_rows);
        assert_eq!(
            breakdown_file_name("T1", as_of, Lang::En),
            "T1-breakdown-2019-07-31.csv"
        );
    }

    #[test]
    fn the_count_says_when_not_every_unit_is_listed() {
        assert_eq!(drill_count(12, 200, Lang::Vi), "12 đơn vị");
        assert_eq!(drill_count(1250, 200, Lang::Vi), "1.250 đơn vị · hiện 200");
        assert_eq!(
            drill_count(1250, 200, Lang::En),
            "1,250 units · showing 200"
        );
    }
}
