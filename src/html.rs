//! A small builder for HTML text, with every value escaped.
//!
//! Read-only content — reports, record sheets, tables, charts — is written
//! as HTML text by plain Rust functions and handed to the page whole. Each
//! distinct Leptos view costs download size; text costs almost none, and
//! these functions are tested natively like the rest of the domain. Tag
//! and attribute names come from our code; every value and text passes
//! through [`escape`], so a unit named `<script>` stays text.

use std::borrow::Cow;

use crate::i18n::Lang;

/// Escapes text for use in HTML content and in quoted attribute values.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// HTML text being written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    pub fn new() -> Self {
        Html(String::new())
    }

    /// Opens `tag` with attributes; `None` values are left out.
    pub fn open(
        &mut self,
        tag: &'static str,
        attributes: &[(&'static str, Option<&str>)],
    ) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes {
            if let Some(value) = value {
                self.0.push(' ');
                self.0.push_str(name);
                self.0.push_str("=\"");
                self.0.push_str(&escape(value));
                self.0.push('"');
            }
        }
        self.0.push('>');
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.0.push_str(&escape(text));
        self
    }

    /// `<tag attributes>text</tag>`.
    pub fn element(
        &mut self,
        tag: &'static str,
        attributes: &[(&'static str, Option<&str>)],
        text: &str,
    ) -> &mut Self {
        self.open(tag, attributes).text(text).close(tag)
    }

    /// An element with no content and no closing tag (`<br>`).
    pub fn void(
        &mut self,
        tag: &'static str,
        attributes: &[(&'static str, Option<&str>)],
    ) -> &mut Self {
        self.open(tag, attributes)
    }

    pub fn append(&mut self, other: &Html) -> &mut Self {
        self.0.push_str(&other.0);
        self
    }

    /// Appends HTML that another builder of this module wrote.
    pub fn append_text(&mut self, html: &str) -> &mut Self {
        self.0.push_str(html);
        self
    }

    /// Writes `template` in `lang` (see [`write_template`]), every argument
    /// escaped but those of `{!}`. One call writes a whole fragment with its
    /// words in both languages, which compiles to far less code than a call
    /// per tag, attribute and phrase.
    pub fn tr(&mut self, lang: Lang, template: &str, args: &[&str]) -> &mut Self {
        write_template(&mut self.0, lang, template, args, true);
        self
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Writes `template` into `out` in `lang`. In the template, `{vi|en}` is a
/// phrase in both languages, of which `lang`'s is written; `{}` is the next
/// of `args` and `{0}`, `{1}`, … the one at that place (for phrases whose
/// languages order them differently), each escaped for HTML when `escaped`;
/// `{!}` is the next of `args` as it is (HTML another builder wrote).
/// Everything else is written as it is.
pub fn write_template(out: &mut String, lang: Lang, template: &str, args: &[&str], escaped: bool) {
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
        let arg = arg.copied().unwrap_or_default();
        if escaped && inner != "!" {
            out.push_str(&escape(arg));
        } else {
            out.push_str(arg);
        }
    }
    out.push_str(rest);
}

pub use crate::i18n::{pick2, say};

/// A table of text cells: a caption, header cells and rows whose first cell
/// heads its row. `numeric` marks the columns to right-align.
pub fn table(
    html: &mut Html,
    class: Option<&str>,
    caption: Option<&str>,
    header: &[&str],
    rows: &[Vec<String>],
    numeric: &[usize],
) {
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[("class", class)]);
    if let Some(caption) = caption {
        html.element("caption", &[], caption);
    }
    html.open("thead", &[]).open("tr", &[]);
    for (i, cell) in header.iter().enumerate() {
        let class = numeric.contains(&i).then_some("num");
        html.element("th", &[("scope", Some("col")), ("class", class)], cell);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for row in rows {
        html.open("tr", &[]);
        for (i, cell) in row.iter().enumerate() {
            let class = numeric.contains(&i).then_some("num");
            if i == 0 {
                html.element("th", &[("scope", Some("row")), ("class", class)], cell);
            } else {
                html.element("td", &[("class", class)], cell);
            }
        }
        html.close("tr");
    }
    html.close("tbody").close("table").close("div");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_text_are_escaped() {
        let mut html = Html::new();
        html.element(
            "a",
            &[("href", Some("/units/\"x\"")), ("title", None)],
            "<script>&'",
        );
        assert_eq!(
            html.as_str(),
            "<a href=\"/units/&quot;x&quot;\">&lt;script&gt;&amp;&#39;</a>"
        );
    }

    #[test]
    fn templates_escape_their_arguments_and_pick_the_language() {
        let mut html = Html::new();
        html.tr(
            Lang::En,
            "<p title=\"{}\">{Chào|Hello} {}</p>{!}{}",
            &["\"x\"", "<b>", "<i>"],
        );
        assert_eq!(
            html.as_str(),
            "<p title=\"&quot;x&quot;\">Hello &lt;b&gt;</p><i>"
        );
        assert_eq!(say(Lang::Vi, "{Chào|Hello} {}", &["<b>"]), "Chào <b>");
        assert_eq!(pick2(Lang::En, "Có|Yes"), "Yes");
    }

    #[test]
    fn tables_head_their_rows() {
        let mut html = Html::new();
        table(
            &mut html,
            None,
            Some("Bảng"),
            &["Tên", "Số"],
            &[vec!["A".into(), "1".into()]],
            &[1],
        );
        assert_eq!(
            html.as_str(),
            "<div class=\"table-scroll\"><table><caption>Bảng</caption><thead><tr><th scope=\"col\">Tên</th><th scope=\"col\" class=\"num\">Số</th></tr></thead><tbody><tr><th scope=\"row\">A</th><td class=\"num\">1</td></tr></tbody></table></div>"
        );
    }
}
