//! Languages and bilingual text. Vietnamese is the default; English is a switch.
//!
//! Domain messages (validation, target titles) carry both languages as data
//! ([`Text`]); the UI picks one with [`Lang`]. Number and date formatting for
//! each language lives in [`crate::i18n::format`].

pub mod format;
pub mod number;
pub mod tour;
pub mod wording;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The BCP 47 tag for the `lang` attribute of the page.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the phrase for this language; UI code calls it with both
    /// phrases side by side so that neither can be forgotten.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// A phrase in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

/// `template` in `lang` as plain text: in the template, `{vi|en}` is a
/// phrase in both languages, of which `lang`'s is written; `{}` is the
/// next of `args` and `{0}`, `{1}`, … the one at that place (for phrases
/// whose languages order them differently). Everything else is written as
/// it is. Nothing is escaped: what shows the text escapes it.
pub fn say(lang: Lang, template: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut next = args.iter();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        rest = rest.get(open + 1..).unwrap_or_default();
        let close = rest.find('}').unwrap_or(rest.len());
        let inner = rest.get(..close).unwrap_or_default();
        rest = rest.get(close + 1..).unwrap_or_default();
        let arg = match inner {
            "" | "!" => next.next(),
            _ => match inner.parse::<usize>() {
                Ok(index) => args.get(index),
                Err(_) => {
                    out.push_str(pick2(lang, inner));
                    continue;
                }
            },
        };
        out.push_str(arg.copied().unwrap_or_default());
    }
    out.push_str(rest);
    out
}

/// The part of `"vi|en"` for `lang`.
pub fn pick2(lang: Lang, both: &str) -> &str {
    let (vi, en) = both.split_once('|').unwrap_or((both, both));
    lang.pick(vi, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn say_fills_a_template_in_either_language() {
        let template = "{} {đạt|passed} · {1}";
        assert_eq!(say(Lang::Vi, template, &["3", "x"]), "3 đạt · x");
        assert_eq!(say(Lang::En, template, &["3", "<b>"]), "3 passed · <b>");
        assert_eq!(pick2(Lang::En, "Có|Yes"), "Yes");
        assert_eq!(pick2(Lang::Vi, "only"), "only");
    }
}
