//! Which page a URL path shows, and the encoding of ids in paths.
//!
//! leptos_router matches the routes (`app::Frame`); this plain-Rust twin of
//! that table is what the shell asks "is this the presentation?" with, and
//! what the natively tested encoding of ids in links lives beside.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// A page of the app, as named by its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Dashboard,
    Data,
    Assessment,
    Simulation,
    Workshop,
    Plan,
    Report,
    /// `/present`: the workshop's presentation mode.
    Present,
    /// `/targets/<id>`: one target's trend, breakdowns and drill-down.
    Target(String),
    /// `/units/<id>`: one unit's record sheet.
    Unit(String),
    NotFound,
}

impl Page {
    /// The page for a path such as `/targets/T1` (a query or fragment, and
    /// a trailing slash, are ignored; ids are percent-decoded).
    pub fn parse(path: &str) -> Page {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let path = path
            .strip_suffix('/')
            .filter(|p| !p.is_empty())
            .unwrap_or(path);
        match path {
            "" | "/" | "/index.html" => return Page::Dashboard,
            "/data" => return Page::Data,
            "/assessment" => return Page::Assessment,
            "/simulation" => return Page::Simulation,
            "/workshop" => return Page::Workshop,
            "/plan" => return Page::Plan,
            "/report" => return Page::Report,
            "/present" => return Page::Present,
            _ => {}
        }
        let id = |prefix: &str| {
            path.strip_prefix(prefix)
                .filter(|id| !id.is_empty() && !id.contains('/'))
                .map(percent_decode)
        };
        if let Some(id) = id("/targets/") {
            Page::Target(id)
        } else if let Some(id) = id("/units/") {
            Page::Unit(id)
        } else {
            Page::NotFound
        }
    }
}

/// The value of `key` in a URL's query string (`?scenario=a&x=1`), decoded.
pub fn query_value(url: &str, key: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or("");
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k) == key).then(|| percent_decode(v))
    })
}

/// Decodes `%XX` escapes (`+` stays a plus: paths do not use it for a
/// space). Malformed escapes are kept as written; invalid UTF-8 is replaced.
pub fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// What a path segment keeps as it is: RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Encodes a path segment (a unit id may hold any character).
pub fn percent_encode(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_paths() {
        assert_eq!(Page::parse("/"), Page::Dashboard);
        assert_eq!(Page::parse(""), Page::Dashboard);
        assert_eq!(Page::parse("/data"), Page::Data);
        assert_eq!(Page::parse("/data/"), Page::Data);
        assert_eq!(Page::parse("/simulation?scenario=s1"), Page::Simulation);
        assert_eq!(Page::parse("/report#t3"), Page::Report);
        assert_eq!(Page::parse("/datas"), Page::NotFound);
        assert_eq!(Page::parse("/nowhere"), Page::NotFound);
    }

    #[test]
    fn paths_with_an_id() {
        assert_eq!(Page::parse("/targets/T1"), Page::Target("T1".into()));
        assert_eq!(Page::parse("/units/hp%20001"), Page::Unit("hp 001".into()));
        assert_eq!(Page::parse("/units/H%E1%BA%A3i"), Page::Unit("Hải".into()));
        assert_eq!(Page::parse("/targets/"), Page::NotFound);
        assert_eq!(Page::parse("/targets/T1/extra"), Page::NotFound);
    }

    #[test]
    fn encoding_round_trips_and_bad_escapes_survive() {
        for id in ["hp-001", "Hải Phòng/3", "a%b", "100%"] {
            assert_eq!(percent_decode(&percent_encode(id)), id);
        }
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn query_values() {
        let url = "/simulation?x=1&scenario=b%C3%A0i%201#top";
        assert_eq!(query_value(url, "scenario").as_deref(), Some("bài 1"));
        assert_eq!(query_value(url, "x").as_deref(), Some("1"));
        assert_eq!(query_value(url, "y"), None);
        assert_eq!(query_value("/simulation", "x"), None);
    }
}
