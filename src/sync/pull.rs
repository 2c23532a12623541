//! Pull bookkeeping: where the last pull stopped ([`Checkpoint`]), the
//! answers of `_changes` and `_all_docs` read into documents for
//! [`crate::sync::document::apply`], and the conflicts a document carries.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Where the next `_changes?since=` starts. CouchDB's sequence is opaque
/// (a text in 2.x and later, a number in 1.x): it is kept as the server
/// gave it and sent back as it is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seq: Option<Value>,
}

impl Checkpoint {
    /// The `since` parameter: `0` before the first pull.
    pub fn since(&self) -> String {
        match &self.last_seq {
            None => "0".to_owned(),
            Some(Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
        }
    }

    /// Moves on past a batch, once its documents are applied and stored.
    pub fn advance(&mut self, changes: &Changes) {
        self.last_seq = Some(changes.last_seq.clone());
    }
}

/// A revision, as `changes[]` lists them.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Rev {
    pub rev: String,
}

/// One line of a `_changes` answer.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Change {
    pub id: String,
    pub seq: Value,
    #[serde(default)]
    pub deleted: bool,
    /// With `include_docs=true`.
    #[serde(default)]
    pub doc: Option<Value>,
    #[serde(default)]
    pub changes: Vec<Rev>,
}

impl Change {
    /// The document to apply: the one included, or (for a deletion asked
    /// without documents) its tombstone. `None` for a change without its
    /// document: fetch it.
    pub fn document(&self) -> Option<Value> {
        match (&self.doc, self.deleted) {
            (Some(doc), _) => Some(doc.clone()),
            (None, true) => {
                let rev = self.changes.first().map_or("", |r| r.rev.as_str());
                Some(json!({ "_id": self.id, "_rev": rev, "_deleted": true }))
            }
            (None, false) => None,
        }
    }
}

/// A `_changes` answer (`feed=normal`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Changes {
    pub results: Vec<Change>,
    pub last_seq: Value,
    /// How many changes are left after this batch (CouchDB 2.x and later).
    #[serde(default)]
    pub pending: Option<u64>,
}

impl Changes {
    /// The documents of the batch, in the order of the feed.
    pub fn documents(&self) -> Vec<Value> {
        self.results.iter().filter_map(Change::document).collect()
    }
}

pub fn read_changes(text: &str) -> Result<Changes, String> {
    serde_json::from_str(text).map_err(|e| format!("the _changes answer cannot be read: {e}"))
}

#[derive(Deserialize)]
struct AllDocs {
    rows: Vec<AllDocsRow>,
}

#[derive(Deserialize)]
struct AllDocsRow {
    #[serde(default)]
    doc: Option<Value>,
}

/// The documents of an `_all_docs?include_docs=true` answer (rows of
/// deleted documents come without one and are left out).
pub fn read_all_docs(text: &str) -> Result<Vec<Value>, String> {
    let all: AllDocs = serde_json::from_str(text)
        .map_err(|e| format!("the _all_docs answer cannot be read: {e}"))?;
    Ok(all.rows.into_iter().filter_map(|row| row.doc).collect())
}

/// The most conflicting revisions read from a document: far more than
/// people editing one record ever make; past it the document is in
/// conflict all the same.
pub const MAX_CONFLICTS: usize = 100;

/// The losing revisions CouchDB keeps for a document in conflict (its
/// `_conflicts`, asked with `conflicts=true`); empty when there are none.
pub fn conflicts_of(doc: &Value) -> Vec<String> {
    doc.get("_conflicts")
        .and_then(Value::as_array)
        .map(|revs| {
            revs.iter()
                .take(MAX_CONFLICTS)
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}
