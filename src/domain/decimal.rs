//! Exact decimal amounts (money in VND or millions of VND, percentages).
//!
//! An amount keeps the text the user typed, normalised only to the plain
//! `-123.45` form, so nothing changes through save → load → export → import:
//! "1250.50" stays "1250.50", and a 25-digit figure keeps all 25 digits. The
//! indicator engine reads amounts through [`Decimal::to_f64`]; a ratio needs
//! no more than a double's precision, but the stored figure never passes
//! through a float.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A decimal number held exactly as written: an optional minus sign, one or
/// more digits, and optionally a point followed by one or more digits.
///
/// The nearest double is kept beside the text, so the indicator engine sums
/// thousands of amounts without parsing each one again.
#[derive(Clone)]
pub struct Decimal {
    text: String,
    approximate: f64,
}

// Equality is the text's: "1.50" and "1.5" are different entries.
impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Decimal {}

impl std::hash::Hash for Decimal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

/// Why a text is not a decimal number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecimalError {
    Empty,
    Invalid,
}

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecimalError::Empty => f.write_str("empty number"),
            DecimalError::Invalid => {
                f.write_str("not a decimal number (expected digits, optionally with a point)")
            }
        }
    }
}

impl std::error::Error for DecimalError {}

impl Decimal {
    /// Parses the plain form used in files: `-?[0-9]+(\.[0-9]+)?`, surrounding
    /// spaces ignored. Localised input ("1.234,5") is read by
    /// [`crate::i18n::number`].
    pub fn parse(text: &str) -> Result<Self, DecimalError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(DecimalError::Empty);
        }
        let unsigned = trimmed.strip_prefix('-').unwrap_or(trimmed);
        let (integer, fraction) = match unsigned.split_once('.') {
            Some((integer, fraction)) => (integer, Some(fraction)),
            None => (unsigned, None),
        };
        let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(integer) || fraction.is_some_and(|f| !all_digits(f)) {
            return Err(DecimalError::Invalid);
        }
        Ok(Decimal::from_checked_text(trimmed.to_owned()))
    }

    /// `text` must already be in the plain form.
    fn from_checked_text(text: String) -> Self {
        // Digits with an optional point always parse. A figure beyond a
        // double's range (hundreds of digits) would parse as infinite and
        // turn ratios into NaN; it is held at the largest double instead.
        let approximate = text.parse::<f64>().unwrap_or(0.0).clamp(f64::MIN, f64::MAX);
        Decimal { text, approximate }
    }

    /// A whole number, for amounts built by code (generators, tests).
    pub fn from_i64(value: i64) -> Self {
        Decimal::from_checked_text(value.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_negative(&self) -> bool {
        // "-0" and "-0.00" are zero, not negative.
        self.text.starts_with('-') && self.text.bytes().any(|b| (b'1'..=b'9').contains(&b))
    }

    /// The nearest double.
    pub fn to_f64(&self) -> f64 {
        self.approximate
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({})", self.text)
    }
}

impl std::str::FromStr for Decimal {
    type Err = DecimalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::parse(s)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A JSON string, not a number: JSON readers (and JavaScript) would
        // otherwise round long figures through a double.
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Decimal::parse(&text).map_err(|e| serde::de::Error::custom(format!("\"{text}\": {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_text_as_typed() {
        for text in [
            "0",
            "1250.50",
            "-3.000",
            "123456789012345678901234567890.000000001",
        ] {
            let amount = Decimal::parse(text).expect(text);
            assert_eq!(amount.as_str(), text);
            let json = serde_json::to_string(&amount).expect("serialise");
            let back: Decimal = serde_json::from_str(&json).expect("deserialise");
            assert_eq!(back, amount);
        }
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for text in [
            "", " ", "1e5", ".5", "5.", "1,5", "--1", "1.2.3", "NaN", "inf", "+1",
        ] {
            assert!(Decimal::parse(text).is_err(), "{text:?} should be rejected");
        }
    }

    #[test]
    fn negative_zero_is_not_negative() {
        assert!(!Decimal::parse("-0.00").expect("parses").is_negative());
        assert!(Decimal::parse("-0.01").expect("parses").is_negative());
    }

    #[test]
    fn an_absurdly_long_figure_stays_finite() {
        let text = format!("-{}", "9".repeat(400));
        let amount = Decimal::parse(&text).expect("digits");
        assert_eq!(amount.as_str(), text);
        assert_eq!(amount.to_f64(), f64::MIN);
    }

    #[test]
    fn converts_to_f64() {
        assert_eq!(Decimal::parse("2925.5").expect("parses").to_f64(), 2925.5);
    }
}
