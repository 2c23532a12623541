//! Numbers as people write them: one parser for every figure typed in a
//! form or read from a CSV cell, the page's (or the file's) language
//! deciding the marks.
//!
//! In Vietnamese a point groups thousands and a comma is the decimal mark
//! (`4.800` is four thousand eight hundred, `1.250,5` is 1250.5,
//! `200.000.000` two hundred million); in English the reverse (`4,800`,
//! `1,250.5`). A space (also a no-break or narrow no-break space) groups
//! thousands in both. Text that is not a number in the convention asked
//! for is an error that names the expected form, never a guess: `4.80` in
//! Vietnamese (a group of two digits), `1,2.5`, two decimal marks, a group
//! mark after the decimal mark.
//!
//! What the parser returns is the plain form the files store
//! ([`Decimal`], `-1250.5`), every digit kept as typed. JSON files keep that
//! plain form and are read by [`Decimal::parse`], not here. Nothing in this
//! module knows the browser.

use crate::domain::decimal::Decimal;
use crate::i18n::{Lang, Text};

/// Which marks group thousands and separate decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Convention {
    /// `4.800`, `1.250,5`: point for thousands, comma for decimals.
    Vietnamese,
    /// `4,800`, `1,250.5`: comma for thousands, point for decimals.
    English,
}

impl Convention {
    /// Both conventions, Vietnamese first.
    pub const ALL: [Convention; 2] = [Convention::Vietnamese, Convention::English];

    /// The plain form the app's own files write (`1250.5`, no grouping)
    /// reads as English.
    pub const PLAIN: Convention = Convention::English;

    /// The convention of a page's language.
    pub fn of(lang: Lang) -> Convention {
        match lang {
            Lang::Vi => Convention::Vietnamese,
            Lang::En => Convention::English,
        }
    }

    /// The language that writes numbers this way.
    pub fn lang(self) -> Lang {
        match self {
            Convention::Vietnamese => Lang::Vi,
            Convention::English => Lang::En,
        }
    }

    /// The other convention.
    pub fn other(self) -> Convention {
        match self {
            Convention::Vietnamese => Convention::English,
            Convention::English => Convention::Vietnamese,
        }
    }

    /// (thousands mark, decimal mark).
    pub fn marks(self) -> (char, char) {
        match self {
            Convention::Vietnamese => ('.', ','),
            Convention::English => (',', '.'),
        }
    }

    /// A stable key for attributes and tests: `vi` or `en`.
    pub fn key(self) -> &'static str {
        self.lang().tag()
    }

    pub fn from_key(key: &str) -> Option<Convention> {
        Lang::from_tag(key).map(Convention::of)
    }

    /// The expected form, as error messages name it.
    fn expected_number(self) -> Text {
        match self {
            Convention::Vietnamese => Text::new(
                "Cần một số dạng 4.800 hoặc 1.250,5 (dấu chấm tách hàng nghìn, dấu phẩy thập phân).",
                "Expected a number written like 4.800 or 1.250,5 (a point groups thousands, a comma is the decimal mark).",
            ),
            Convention::English => Text::new(
                "Cần một số dạng 4,800 hoặc 1,250.5 (dấu phẩy tách hàng nghìn, dấu chấm thập phân).",
                "Expected a number written like 4,800 or 1,250.5 (a comma groups thousands, a point is the decimal mark).",
            ),
        }
    }

    fn expected_whole(self) -> Text {
        match self {
            Convention::Vietnamese => Text::new(
                "Cần một số nguyên, ví dụ 25 hoặc 4.800 (dấu chấm tách hàng nghìn).",
                "Expected a whole number, e.g. 25 or 4.800 (a point groups thousands).",
            ),
            Convention::English => Text::new(
                "Cần một số nguyên, ví dụ 25 hoặc 4,800 (dấu phẩy tách hàng nghìn).",
                "Expected a whole number, e.g. 25 or 4,800 (a comma groups thousands).",
            ),
        }
    }
}

/// Why a text is not a number in a convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// A character that has no place in a number, or no digit at all.
    NotANumber,
    /// A group of thousands that is not three digits (`4.80`, `1.2345`
    /// in Vietnamese), or a grouped number starting with 0.
    BadGroup,
    /// Two decimal marks (`1,2,5` in Vietnamese).
    TwoDecimalMarks,
    /// A thousands mark after the decimal mark (`1,2.5` in Vietnamese).
    GroupAfterDecimal,
    /// A fraction where a whole number is needed (a count).
    NotWhole,
    /// A whole number beyond what a count can hold.
    TooLarge,
}

impl NumberError {
    /// The message shown beside the field or cell: why, and the form
    /// expected in `convention`.
    pub fn message(self, convention: Convention) -> Text {
        let (group, decimal) = convention.marks();
        let expected = match self {
            NumberError::NotWhole | NumberError::TooLarge => convention.expected_whole(),
            _ => convention.expected_number(),
        };
        let why = match self {
            NumberError::NotANumber => return expected,
            NumberError::BadGroup => Text::new(
                format!("Sau dấu “{group}” tách hàng nghìn phải có đúng 3 chữ số."),
                format!("A “{group}” grouping thousands must be followed by exactly 3 digits."),
            ),
            NumberError::TwoDecimalMarks => Text::new(
                format!("Có hai dấu thập phân “{decimal}”."),
                format!("There are two decimal marks “{decimal}”."),
            ),
            NumberError::GroupAfterDecimal => Text::new(
                format!("Dấu “{group}” tách hàng nghìn đứng sau dấu thập phân “{decimal}”."),
                format!("A thousands mark “{group}” comes after the decimal mark “{decimal}”."),
            ),
            NumberError::NotWhole => {
                Text::new("Số này phải là số nguyên.", "This must be a whole number.")
            }
            NumberError::TooLarge => Text::new("Số quá lớn.", "The number is too large."),
        };
        Text::new(
            format!("{} {}", why.vi, expected.vi),
            format!("{} {}", why.en, expected.en),
        )
    }
}

/// A space that groups thousands: the ordinary one, the no-break space
/// (U+00A0, which spreadsheets write), the narrow no-break space (U+202F)
/// and the thin space (U+2009).
fn is_space_mark(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// A number in `convention`, as the plain text the files hold
/// (`-1250.5`), or `None` for an empty (or blank) text.
pub fn parse_plain(text: &str, convention: Convention) -> Result<Option<String>, NumberError> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || is_space_mark(c));
    if text.is_empty() {
        return Ok(None);
    }
    let (group, decimal) = convention.marks();
    let (sign, body) = match text.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let mut plain = String::with_capacity(text.len());
    plain.push_str(sign);
    // The digits of the current group, how many groups, and the mark that
    // separated them (all separators of one number must be alike: a
    // space-like mark, or the convention's thousands mark).
    let mut run = 0usize;
    let mut first_run = 0usize;
    let mut groups = 0usize;
    let mut separator: Option<bool> = None; // Some(true): a space-like mark.
    let mut in_fraction = false;
    let mut fraction_digits = 0usize;
    let mut first_digit: Option<char> = None;
    for c in body.chars() {
        if c.is_ascii_digit() {
            if in_fraction {
                fraction_digits += 1;
            } else {
                run += 1;
                first_digit.get_or_insert(c);
            }
            plain.push(c);
        } else if c == decimal {
            if in_fraction {
                return Err(NumberError::TwoDecimalMarks);
            }
            in_fraction = true;
            plain.push('.');
        } else if c == group || is_space_mark(c) {
            if in_fraction {
                return Err(if c == group {
                    NumberError::GroupAfterDecimal
                } else {
                    NumberError::NotANumber
                });
            }
            let spacey = is_space_mark(c);
            if separator.is_some_and(|s| s != spacey) {
                return Err(NumberError::BadGroup);
            }
            separator = Some(spacey);
            if groups == 0 {
                if !(1..=3).contains(&run) {
                    return Err(NumberError::BadGroup);
                }
                first_run = run;
            } else if run != 3 {
                return Err(NumberError::BadGroup);
            }
            groups += 1;
            run = 0;
        } else {
            return Err(NumberError::NotANumber);
        }
    }
    if groups > 0 {
        // The last group is whole, and a grouped number does not start
        // with 0 ("0.500" is no Vietnamese way of writing five hundred).
        if run != 3 || (first_digit == Some('0') && first_run >= 1) {
            return Err(NumberError::BadGroup);
        }
    }
    if (groups == 0 && run == 0) || (in_fraction && fraction_digits == 0) {
        return Err(NumberError::NotANumber);
    }
    Ok(Some(plain))
}

/// An amount in `convention`, every digit kept, or `None` for an empty
/// text.
pub fn parse_decimal(text: &str, convention: Convention) -> Result<Option<Decimal>, NumberError> {
    match parse_plain(text, convention)? {
        None => Ok(None),
        // The plain form always parses; the mapping keeps a mistake here
        // from becoming a panic.
        Some(plain) => Decimal::parse(&plain)
            .map(Some)
            .map_err(|_| NumberError::NotANumber),
    }
}

/// A whole number (a count of members or people) in `convention`:
/// `4.800` is 4800 in Vietnamese, and any decimal mark is an error.
pub fn parse_whole(text: &str, convention: Convention) -> Result<Option<i64>, NumberError> {
    let Some(plain) = parse_plain(text, convention)? else {
        return Ok(None);
    };
    if plain.contains('.') {
        return Err(NumberError::NotWhole);
    }
    plain.parse().map(Some).map_err(|_| NumberError::TooLarge)
}

/// A number in `convention` as a double (for the plan's targets and the
/// simulation's inputs), or `None` for an empty text.
pub fn parse_f64(text: &str, convention: Convention) -> Result<Option<f64>, NumberError> {
    match parse_plain(text, convention)? {
        None => Ok(None),
        Some(plain) => plain
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or(NumberError::TooLarge),
    }
}

/// How a text reads in each convention, to decide a file's convention
/// from its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// The same value in both (`4800`, `12`), or empty.
    Same,
    /// A number in this convention only (`1.250,5` is Vietnamese).
    Only(Convention),
    /// A different number in each (`4.800`: 4800 or 4.8).
    Ambiguous,
    /// A number in neither.
    Neither,
}

/// How `text` reads in each convention.
pub fn reading(text: &str) -> Reading {
    Reading::of(
        parse_plain(text, Convention::Vietnamese),
        parse_plain(text, Convention::English),
    )
}

impl Reading {
    /// From a text's reading in Vietnamese and in English, by any parser.
    pub fn of<T: PartialEq, E>(vi: Result<T, E>, en: Result<T, E>) -> Reading {
        match (vi, en) {
            (Ok(a), Ok(b)) if a == b => Reading::Same,
            (Ok(_), Ok(_)) => Reading::Ambiguous,
            (Ok(_), Err(_)) => Reading::Only(Convention::Vietnamese),
            (Err(_), Ok(_)) => Reading::Only(Convention::English),
            (Err(_), Err(_)) => Reading::Neither,
        }
    }
}

/// Groups a run of digits by thousands.
fn grouped(digits: &str, mark: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(c);
    }
    out
}

/// A plain text (`-1250.5`) written in `convention`, thousands grouped:
/// `-1.250,5`. Text that is not plain is returned as it is.
pub fn write_plain(plain: &str, convention: Convention) -> String {
    let (group, decimal) = convention.marks();
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (unsigned, None),
    };
    if integer.is_empty() || !integer.bytes().all(|b| b.is_ascii_digit()) {
        return plain.to_owned();
    }
    // Leading zeros cannot be grouped and read back ("0.500"): they are
    // written as typed, ungrouped.
    let mut out = String::from(sign);
    if integer.len() > 1 && integer.starts_with('0') {
        out.push_str(integer);
    } else {
        out.push_str(&grouped(integer, group));
    }
    if let Some(fraction) = fraction {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

/// An amount written in `convention`, every digit kept: `1.250,50`.
pub fn write_decimal(amount: &Decimal, convention: Convention) -> String {
    write_plain(amount.as_str(), convention)
}

/// A count written in `convention`: `4.800`.
pub fn write_whole(value: i64, convention: Convention) -> String {
    write_plain(&value.to_string(), convention)
}

/// A double (a plan target, a simulation input) written in `convention`
/// for an input field: at most `decimals` decimals, trailing zeros left
/// out, thousands grouped.
pub fn write_f64(value: f64, decimals: usize, convention: Convention) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let plain = format!("{value:.decimals$}");
    let plain = if plain.contains('.') {
        plain.trim_end_matches('0').trim_end_matches('.')
    } else {
        plain.as_str()
    };
    let plain = if plain == "-0" { "0" } else { plain };
    write_plain(plain, convention)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VI: Convention = Convention::Vietnamese;
    const EN: Convention = Convention::English;

    fn plain(text: &str, convention: Convention) -> Result<Option<String>, NumberError> {
        parse_plain(text, convention)
    }

    fn ok(text: &str) -> Result<Option<String>, NumberError> {
        Ok(Some(text.to_owned()))
    }

    #[test]
    fn vietnamese_points_group_thousands_and_commas_mark_decimals() {
        assert_eq!(plain("4.800", VI), ok("4800"));
        assert_eq!(plain("1.250,5", VI), ok("1250.5"));
        assert_eq!(plain("200.000.000", VI), ok("200000000"));
        assert_eq!(plain("4800", VI), ok("4800"));
        assert_eq!(plain("4 800", VI), ok("4800"));
        assert_eq!(plain("4\u{a0}800", VI), ok("4800"));
        assert_eq!(plain("4\u{202f}800", VI), ok("4800"));
        assert_eq!(plain("1 250 000,75", VI), ok("1250000.75"));
        assert_eq!(plain("4,8", VI), ok("4.8"));
        assert_eq!(plain("0,5", VI), ok("0.5"));
        assert_eq!(plain("1250,50", VI), ok("1250.50"));
        assert_eq!(plain("-1.250,5", VI), ok("-1250.5"));
        assert_eq!(plain("\u{2212}12", VI), ok("-12"));
        assert_eq!(plain("  7  ", VI), ok("7"));
        assert_eq!(plain("999", VI), ok("999"));
        assert_eq!(plain("1.000", VI), ok("1000"));
    }

    #[test]
    fn english_is_the_reverse() {
        assert_eq!(plain("4,800", EN), ok("4800"));
        assert_eq!(plain("4.8", EN), ok("4.8"));
        assert_eq!(plain("4.800", EN), ok("4.800"));
        assert_eq!(plain("1,250.5", EN), ok("1250.5"));
        assert_eq!(plain("200,000,000", EN), ok("200000000"));
        assert_eq!(plain("4 800", EN), ok("4800"));
        assert_eq!(plain("1250.50", EN), ok("1250.50"));
        assert_eq!(plain("-0.25", EN), ok("-0.25"));
    }

    #[test]
    fn empty_is_no_value() {
        for text in ["", "   ", "\u{a0}", "\t"] {
            assert_eq!(plain(text, VI), Ok(None), "{text:?}");
            assert_eq!(plain(text, EN), Ok(None), "{text:?}");
        }
    }

    #[test]
    fn malformed_and_ambiguous_input_is_refused_with_its_reason() {
        use NumberError::*;
        // Groups that are not three digits.
        assert_eq!(plain("4.80", VI), Err(BadGroup));
        assert_eq!(plain("4.8", VI), Err(BadGroup));
        assert_eq!(plain("4.8000", VI), Err(BadGroup));
        assert_eq!(plain("1250.5", VI), Err(BadGroup));
        assert_eq!(plain("1234.567", VI), Err(BadGroup), "first group over 3");
        assert_eq!(plain("1.23.456", VI), Err(BadGroup));
        assert_eq!(plain("4,80", EN), Err(BadGroup));
        assert_eq!(plain("4 80", VI), Err(BadGroup));
        assert_eq!(plain(".800", VI), Err(BadGroup));
        assert_eq!(plain("4.", VI), Err(BadGroup));
        assert_eq!(plain("4..800", VI), Err(BadGroup));
        assert_eq!(plain("0.500", VI), Err(BadGroup), "no grouped leading zero");
        assert_eq!(plain("4.800 000", VI), Err(BadGroup), "mixed group marks");
        // Decimal marks.
        assert_eq!(plain("1,2,5", VI), Err(TwoDecimalMarks));
        assert_eq!(plain("1.2.5", EN), Err(TwoDecimalMarks));
        assert_eq!(plain("1,2.5", VI), Err(GroupAfterDecimal));
        assert_eq!(plain("1,2.5", EN), Err(BadGroup));
        assert_eq!(plain("1.250,5.0", VI), Err(GroupAfterDecimal));
        assert_eq!(plain("4,", VI), Err(NotANumber));
        assert_eq!(plain(",5", VI), Err(NotANumber));
        assert_eq!(plain("1,2 5", VI), Err(NotANumber));
        // Anything else.
        for text in [
            "abc", "-", "1e5", "+5", "12%", "1_000", "--1", "4.800đ", "inf", "NaN",
        ] {
            assert!(plain(text, VI).is_err(), "{text}");
            assert!(plain(text, EN).is_err(), "{text}");
        }
    }

    #[test]
    fn counts_are_whole() {
        assert_eq!(parse_whole("4.800", VI), Ok(Some(4800)));
        assert_eq!(parse_whole("4,800", EN), Ok(Some(4800)));
        assert_eq!(parse_whole("4.800", EN), Err(NumberError::NotWhole));
        assert_eq!(parse_whole("12,5", VI), Err(NumberError::NotWhole));
        assert_eq!(parse_whole("12,0", VI), Err(NumberError::NotWhole));
        assert_eq!(parse_whole("-3", VI), Ok(Some(-3)));
        assert_eq!(parse_whole("", VI), Ok(None));
        assert_eq!(
            parse_whole("9.223.372.036.854.775.807", VI),
            Ok(Some(i64::MAX))
        );
        assert_eq!(
            parse_whole("9.223.372.036.854.775.808", VI),
            Err(NumberError::TooLarge)
        );
    }

    #[test]
    fn amounts_keep_every_digit() {
        let amount = parse_decimal("1.234.567.890.123.456.789,120", VI)
            .expect("valid")
            .expect("some");
        assert_eq!(amount.as_str(), "1234567890123456789.120");
        assert_eq!(write_decimal(&amount, VI), "1.234.567.890.123.456.789,120");
        assert_eq!(write_decimal(&amount, EN), "1,234,567,890,123,456,789.120");
        assert_eq!(parse_f64("1.250,5", VI), Ok(Some(1250.5)));
        assert_eq!(parse_f64("1,250.5", EN), Ok(Some(1250.5)));
        assert_eq!(parse_f64("", EN), Ok(None));
    }

    #[test]
    fn readings_decide_a_files_convention() {
        assert_eq!(reading("4800"), Reading::Same);
        assert_eq!(reading(""), Reading::Same);
        assert_eq!(reading("4.800"), Reading::Ambiguous);
        assert_eq!(reading("4,800"), Reading::Ambiguous);
        assert_eq!(reading("1.250,5"), Reading::Only(VI));
        assert_eq!(reading("4,8"), Reading::Only(VI));
        assert_eq!(reading("200.000.000"), Reading::Only(VI));
        assert_eq!(reading("1250.50"), Reading::Only(EN));
        assert_eq!(reading("4.80"), Reading::Only(EN));
        assert_eq!(reading("1,250.5"), Reading::Only(EN));
        assert_eq!(reading("abc"), Reading::Neither);
        assert_eq!(reading("1,2.5"), Reading::Neither);
    }

    #[test]
    fn writing() {
        assert_eq!(write_plain("4800", VI), "4.800");
        assert_eq!(write_plain("-1250.5", VI), "-1.250,5");
        assert_eq!(write_plain("999", VI), "999");
        assert_eq!(write_plain("0.5", VI), "0,5");
        assert_eq!(write_plain("007", VI), "007");
        assert_eq!(write_plain("200000000", EN), "200,000,000");
        assert_eq!(write_whole(130105, VI), "130.105");
        assert_eq!(write_f64(1.2, 4, VI), "1,2");
        assert_eq!(write_f64(60.0, 4, VI), "60");
        assert_eq!(write_f64(245000.5, 4, VI), "245.000,5");
        assert_eq!(write_f64(-0.00001, 4, EN), "0");
        assert_eq!(write_f64(f64::NAN, 4, EN), "");
    }

    #[test]
    fn messages_name_the_expected_form() {
        let message = NumberError::BadGroup.message(VI);
        assert!(message.vi.contains("4.800 hoặc 1.250,5"), "{}", message.vi);
        assert!(message
            .vi
            .contains("dấu chấm tách hàng nghìn, dấu phẩy thập phân"));
        assert!(message.en.contains("4.800 or 1.250,5"), "{}", message.en);
        let message = NumberError::NotANumber.message(EN);
        assert!(message.en.contains("4,800 or 1,250.5"), "{}", message.en);
        let message = NumberError::NotWhole.message(VI);
        assert!(message.vi.contains("số nguyên"), "{}", message.vi);
    }

    // proptest builds natively only.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn written_then_parsed_is_the_same_value(
            plain in "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,6})?",
            vietnamese in proptest::bool::ANY,
            spaces in proptest::bool::ANY,
        ) {
            let convention = if vietnamese { VI } else { EN };
            let amount = Decimal::parse(&plain).expect("plain");
            let mut written = write_decimal(&amount, convention);
            if spaces {
                written = written.replace(convention.marks().0, "\u{a0}");
            }
            let back = parse_decimal(&written, convention).expect("reads back");
            proptest::prop_assert_eq!(back, Some(amount));
        }

        #[test]
        fn counts_written_then_parsed_are_the_same(value in proptest::num::i64::ANY, vietnamese in proptest::bool::ANY) {
            let convention = if vietnamese { VI } else { EN };
            proptest::prop_assert_eq!(parse_whole(&write_whole(value, convention), convention), Ok(Some(value)));
        }

        #[test]
        fn any_text_parses_or_is_refused_without_panic(text in "\\PC{0,40}") {
            for convention in Convention::ALL {
                if let Ok(Some(plain)) = parse_plain(&text, convention) {
                    proptest::prop_assert!(Decimal::parse(&plain).is_ok(), "{plain}");
                }
            }
        }
    }
}
