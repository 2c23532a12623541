//! Numbers and dates as each language writes them: Vietnamese "1.234,5" and
//! "30/06/2018"; English "1,234.5" and "30 Jun 2018".
//!
//! Pure functions, so every figure on screen and in print is tested natively.

use chrono::{Datelike, NaiveDate};

use crate::domain::decimal::Decimal;
use crate::i18n::number::Convention;
use crate::i18n::Lang;

/// Writes a plain "-1234.5" text with the language's separators: the
/// same writing [`crate::i18n::number`] reads back.
fn localise_plain(plain: &str, lang: Lang) -> String {
    crate::i18n::number::write_plain(plain, Convention::of(lang))
}

/// A number rounded to `decimals` places: `format_number(1234.5, 1, Vi)` is
/// "1.234,5". Not-a-number and infinities (which the engine never produces)
/// print as "—".
pub fn format_number(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let plain = format!("{value:.decimals$}");
    // "-0.0" reads as a sign error to a person.
    let plain = if plain.starts_with('-') && plain.bytes().all(|b| matches!(b, b'-' | b'0' | b'.'))
    {
        plain[1..].to_owned()
    } else {
        plain
    };
    localise_plain(&plain, lang)
}

/// A stored amount with every digit kept: "1234567.50" → "1.234.567,50".
pub fn format_decimal(amount: &Decimal, lang: Lang) -> String {
    localise_plain(amount.as_str(), lang)
}

/// A fraction as a percentage: `format_percent(0.916, 1, Vi)` is "91,6%".
pub fn format_percent(fraction: f64, decimals: usize, lang: Lang) -> String {
    format!("{}%", format_number(fraction * 100.0, decimals, lang))
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date for the screen: "30/06/2018" in Vietnamese, "30 Jun 2018" in English.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{:02}/{:02}/{}", date.day(), date.month(), date.year()),
        Lang::En => {
            let month = MONTHS_EN.get(date.month0() as usize).copied().unwrap_or("");
            format!("{} {month} {}", date.day(), date.year())
        }
    }
}

/// A date as ISO 8601 (yyyy-mm-dd), the form of files and `<input type=date>`.
/// Written by hand rather than with chrono's strftime, which would add its
/// format interpreter to the download.
pub fn iso_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Reads exactly the ISO form files and date inputs use, `yyyy-mm-dd`
/// with a four-digit year (chrono's parser, held to ten characters).
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    if text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Parses the dd/mm/yyyy form people type, and ISO yyyy-mm-dd.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let number = |part: &str| -> Option<u32> {
        (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())?
    };
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = if text.contains('-') && a.len() == 4 {
        (number(a)?, number(b)?, number(c)?)
    } else if text.contains('/') && c.len() == 4 {
        (number(c)?, number(b)?, number(a)?)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
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

    #[test]
    fn numbers_use_the_language_separators() {
        assert_eq!(format_number(1234.5, 1, Lang::Vi), "1.234,5");
        assert_eq!(format_number(1234.5, 1, Lang::En), "1,234.5");
        assert_eq!(format_number(130105.0, 0, Lang::Vi), "130.105");
        assert_eq!(format_number(999.0, 0, Lang::Vi), "999");
        assert_eq!(format_number(-1234567.0, 0, Lang::En), "-1,234,567");
        assert_eq!(format_number(-0.01, 1, Lang::Vi), "0,0");
        assert_eq!(format_number(f64::NAN, 1, Lang::Vi), "—");
    }

    #[test]
    fn percentages() {
        assert_eq!(format_percent(208.0 / 227.0, 1, Lang::Vi), "91,6%");
        assert_eq!(format_percent(0.5, 0, Lang::En), "50%");
    }

    #[test]
    fn decimals_keep_every_digit() {
        let amount = Decimal::parse("-1234567.50").expect("valid");
        assert_eq!(format_decimal(&amount, Lang::Vi), "-1.234.567,50");
        assert_eq!(format_decimal(&amount, Lang::En), "-1,234,567.50");
    }

    #[test]
    fn dates() {
        let date = NaiveDate::from_ymd_opt(2018, 6, 30).expect("valid");
        assert_eq!(format_date(date, Lang::Vi), "30/06/2018");
        assert_eq!(format_date(date, Lang::En), "30 Jun 2018");
        assert_eq!(parse_date("30/06/2018"), Some(date));
        assert_eq!(parse_date("2018-06-30"), Some(date));
        assert_eq!(parse_date("1/7/2018"), NaiveDate::from_ymd_opt(2018, 7, 1));
        assert_eq!(parse_date("31/02/2018"), None);
        assert_eq!(parse_date("2018/06/30"), None);
        assert_eq!(parse_date("30-06-2018"), None);
        assert_eq!(parse_date("+2018-06-30"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(iso_date(date), "2018-06-30");
    }
}
