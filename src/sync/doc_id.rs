//! A CouchDB document's `_id`, exactly as the province database's
//! `validate_doc_update` computes it (`idOf` in
//! `couchdb/validate_doc_update.js`): the workspace, the type and the
//! record's key parts, each part percent-encoded as JavaScript's
//! `encodeURIComponent` does, joined by `:`.
//!
//! Because `encodeURIComponent` encodes `:`, an id splits back into its
//! parts unambiguously ([`DocId::parse`]); that is how a deletion, which
//! carries nothing but its `_id`, is known on pull.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

/// What `encodeURIComponent` leaves as it is: ASCII letters and digits and
/// `- _ . ! ~ * ' ( )` (ECMA-262, "uriUnreserved"). Everything else is
/// written as the `%XX` of each of its UTF-8 bytes, in upper-case hex.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// `text` as JavaScript's `encodeURIComponent(text)` writes it.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, URI_COMPONENT).to_string()
}

/// The longest `_id` read back: far more than four parts of 200
/// characters (the longest `validate_doc_update` accepts, each written
/// with up to 12 bytes per character) need, so a longer one is not ours.
pub const MAX_ID_BYTES: usize = 16 * 1024;

/// A document type, as its `type` field writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocType {
    Unit,
    Year,
    Assessment,
    Task,
    Plan,
    City,
    /// The figures the province publishes for managers; not a workspace
    /// record, so the sync of a workspace never writes one.
    Aggregate,
}

impl DocType {
    pub const ALL: [DocType; 7] = [
        DocType::Unit,
        DocType::Year,
        DocType::Assessment,
        DocType::Task,
        DocType::Plan,
        DocType::City,
        DocType::Aggregate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocType::Unit => "unit",
            DocType::Year => "year",
            DocType::Assessment => "assessment",
            DocType::Task => "task",
            DocType::Plan => "plan",
            DocType::City => "city",
            DocType::Aggregate => "aggregate",
        }
    }

    pub fn from_name(text: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// Which record of a workspace a document holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKey {
    /// A unit without its years.
    Unit { unit: String },
    /// One year's record of a unit.
    Year { unit: String, year: i32 },
    /// A unit's self-assessment for a year; the year is its `period`.
    Assessment { unit: String, year: i32 },
    /// A task of the plan, by its stable id (`key`).
    Task { task: String },
    /// The plan without its tasks.
    Plan,
    /// The workspace's own inputs ([`crate::sync::document::CityInputs`]).
    City,
    /// The province's published figures.
    Aggregate,
}

impl DocKey {
    pub fn doc_type(&self) -> DocType {
        match self {
            DocKey::Unit { .. } => DocType::Unit,
            DocKey::Year { .. } => DocType::Year,
            DocKey::Assessment { .. } => DocType::Assessment,
            DocKey::Task { .. } => DocType::Task,
            DocKey::Plan => DocType::Plan,
            DocKey::City => DocType::City,
            DocKey::Aggregate => DocType::Aggregate,
        }
    }

    /// The unit whose record it is, for a cooperative's records.
    pub fn unit(&self) -> Option<&str> {
        match self {
            DocKey::Unit { unit } | DocKey::Year { unit, .. } | DocKey::Assessment { unit, .. } => {
                Some(unit)
            }
            _ => None,
        }
    }
}

/// A document's id: its workspace and the record it holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId {
    pub workspace: String,
    pub key: DocKey,
}

/// Why an `_id` is not one of ours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadId(pub &'static str);

impl DocId {
    pub fn new(workspace: impl Into<String>, key: DocKey) -> DocId {
        DocId {
            workspace: workspace.into(),
            key,
        }
    }

    /// The `_id`, as `idOf` computes it: `<workspace>:<type>` and the
    /// key's parts, each part encoded ([`encode_component`]). A year is
    /// written as JavaScript writes a whole number (`String(2019)`).
    pub fn to_id(&self) -> String {
        let mut id = encode_component(&self.workspace);
        id.push(':');
        id.push_str(self.key.doc_type().as_str());
        let mut part = |text: &str| {
            id.push(':');
            id.push_str(&encode_component(text));
        };
        match &self.key {
            DocKey::Unit { unit } => part(unit),
            DocKey::Year { unit, year } | DocKey::Assessment { unit, year } => {
                part(unit);
                part(&year.to_string());
            }
            DocKey::Task { task } => part(task),
            DocKey::Plan | DocKey::City | DocKey::Aggregate => {}
        }
        id
    }

    /// Reads an `_id` back. Only the canonical spelling is ours: an id
    /// whose parts decode but do not encode back to the same text
    /// (`%41` for `A`, lower-case hex) is refused, as `validate_doc_update`
    /// would refuse a document under it.
    pub fn parse(id: &str) -> Result<DocId, BadId> {
        if id.len() > MAX_ID_BYTES {
            return Err(BadId("the id is too long"));
        }
        // At most four parts: workspace, type, unit or key, year or period.
        let parts: Vec<&str> = id.splitn(5, ':').collect();
        let decode = |part: &str| -> Result<String, BadId> {
            let text = percent_decode_str(part)
                .decode_utf8()
                .map_err(|_| BadId("a part of the id is not UTF-8 text"))?
                .into_owned();
            if encode_component(&text) != part {
                return Err(BadId(
                    "a part of the id is not written as encodeURIComponent writes it",
                ));
            }
            Ok(text)
        };
        let year = |part: &str| -> Result<i32, BadId> {
            let year: i32 = part
                .parse()
                .map_err(|_| BadId("the year in the id is not a whole number"))?;
            // `String(year)` in JavaScript: no sign, no leading zero.
            if year.to_string() != part {
                return Err(BadId("the year in the id is not written as a whole number"));
            }
            Ok(year)
        };
        let (workspace, kind, rest) = match parts.as_slice() {
            [workspace, kind, rest @ ..] => (decode(workspace)?, *kind, rest),
            _ => return Err(BadId("the id has no type")),
        };
        let kind = DocType::from_name(kind).ok_or(BadId("the id names an unknown type"))?;
        let key = match (kind, rest) {
            (DocType::Unit, [unit]) => DocKey::Unit {
                unit: decode(unit)?,
            },
            (DocType::Year, [unit, y]) => DocKey::Year {
                unit: decode(unit)?,
                year: year(y)?,
            },
            (DocType::Assessment, [unit, y]) => DocKey::Assessment {
                unit: decode(unit)?,
                year: year(y)?,
            },
            (DocType::Task, [task]) => DocKey::Task {
                task: decode(task)?,
            },
            (DocType::Plan, []) => DocKey::Plan,
            (DocType::City, []) => DocKey::City,
            (DocType::Aggregate, []) => DocKey::Aggregate,
            _ => return Err(BadId("the id has the wrong number of parts for its type")),
        };
        Ok(DocId { workspace, key })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unreserved_set_is_javascript_s() {
        // encodeURIComponent leaves exactly these 71 ASCII characters.
        let unreserved: String = ('A'..='Z')
            .chain('a'..='z')
            .chain('0'..='9')
            .chain("-_.!~*'()".chars())
            .collect();
        assert_eq!(unreserved.len(), 71);
        assert_eq!(encode_component(&unreserved), unreserved);
        for byte in 0x20u8..0x7f {
            let c = char::from(byte);
            let encoded = encode_component(&c.to_string());
            if unreserved.contains(c) {
                assert_eq!(encoded, c.to_string());
            } else {
                assert_eq!(encoded, format!("%{byte:02X}"), "{c:?}");
            }
        }
        // "ệ" is U+1EC7, in UTF-8 E1 BB 87; "đ" U+0111, C4 91.
        assert_eq!(encode_component("Hiệp đ"), "Hi%E1%BB%87p%20%C4%91");
    }

    #[test]
    fn ids_read_back_and_only_canonical_ones() {
        let id = DocId::new(
            "hải phòng",
            DocKey::Year {
                unit: "htx:1/2".to_owned(),
                year: 2019,
            },
        );
        let text = id.to_id();
        assert_eq!(text, "h%E1%BA%A3i%20ph%C3%B2ng:year:htx%3A1%2F2:2019");
        assert_eq!(DocId::parse(&text), Ok(id));
        for bad in [
            "w:unit",
            "w:unit:a:b",
            "w:plan:x",
            "w:nope:a",
            "w:year:u:0219",
            "w:year:u:+2019",
            "w:unit:%41",
            "w:unit:%e1%bb%87",
            "w:unit:%FF",
            "w",
        ] {
            assert!(DocId::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            DocId::parse("w:year:u:-5").map(|d| d.key),
            Ok(DocKey::Year {
                unit: "u".to_owned(),
                year: -5
            })
        );
    }
}
