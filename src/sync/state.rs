//! What the province's database is known to hold of a workspace: for each
//! document, the revision last written or read and the body it had then.
//!
//! The body is kept as text (the document without `_rev`, as
//! [`crate::sync::document::SyncDoc::body`] writes it), not as a hash: it is
//! what a push compares the workspace with ([`crate::sync::push`]), and it
//! is the common ancestor a conflict is merged against field by field
//! ([`crate::sync::conflict`]), which a hash could not give back. It costs
//! one more copy of the workspace's text in storage. Stored with serde, as
//! the app's other records are.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One document as the server is known to hold it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    /// CouchDB's `_rev` ("3-9c1e…").
    pub rev: String,
    /// The body at that revision, without `_id` and `_rev` changes: the
    /// document as this build writes it.
    pub body: String,
}

/// A document written by a newer version of the app: never applied,
/// written over or deleted by this one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    pub rev: String,
    /// The `schema_version` it was written with.
    pub found: u64,
}

/// The sync's memory of the server, by `_id`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    #[serde(default)]
    pub known: BTreeMap<String, Known>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub held: BTreeMap<String, Held>,
}

impl SyncState {
    pub fn rev(&self, id: &str) -> Option<&str> {
        self.known
            .get(id)
            .map(|k| k.rev.as_str())
            .or_else(|| self.held.get(id).map(|h| h.rev.as_str()))
    }

    pub fn body(&self, id: &str) -> Option<&str> {
        self.known.get(id).map(|k| k.body.as_str())
    }

    /// The server holds `body` at `rev` under `id`.
    pub fn remember(&mut self, id: &str, rev: &str, body: String) {
        self.held.remove(id);
        self.known.insert(
            id.to_owned(),
            Known {
                rev: rev.to_owned(),
                body,
            },
        );
    }

    /// The server deleted `id` (or it was never there).
    pub fn forget(&mut self, id: &str) {
        self.known.remove(id);
        self.held.remove(id);
    }

    /// `id` holds a newer version's document: keep off it.
    pub fn hold(&mut self, id: &str, rev: &str, found: u64) {
        self.known.remove(id);
        self.held.insert(
            id.to_owned(),
            Held {
                rev: rev.to_owned(),
                found,
            },
        );
    }

    pub fn is_held(&self, id: &str) -> bool {
        self.held.contains_key(id)
    }
}
