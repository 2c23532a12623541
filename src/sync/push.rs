//! What to send to the server, and what its answer means.
//!
//! A push compares the workspace's documents ([`crate::sync::document`])
//! with what the server is known to hold ([`SyncState`]): a document whose
//! body differs, or that the server does not have, is written (with the
//! `_rev` known, so CouchDB's `new_edits` check refuses it with a conflict
//! if the server moved on meanwhile); a document the server has and the
//! workspace no longer does is deleted (`{"_id", "_rev", "_deleted": true}`).
//! Documents a newer version of the app wrote are never touched. The
//! writes go in `_bulk_docs` batches of at most [`BATCH`], and each batch's
//! answer is read per document ([`read_bulk_response`]) and remembered
//! ([`confirm`]), so a push cut off halfway resumes with what is left.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::domain::workspace::Workspace;
use crate::sync::doc_id::{DocId, DocKey};
use crate::sync::document::{documents, SyncDoc};
use crate::sync::state::SyncState;

/// The most documents in one `_bulk_docs` request.
pub const BATCH: usize = 1000;

/// One document to send.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub id: String,
    /// The body written ([`SyncDoc::body`]), remembered once saved; `None`
    /// for a deletion.
    pub body: Option<String>,
    /// What goes in `_bulk_docs`' `docs` list.
    pub doc: Value,
}

impl Outgoing {
    pub fn is_deletion(&self) -> bool {
        self.body.is_none()
    }

    /// A deletion of `id` at revision `rev`.
    pub fn deletion(id: &str, rev: &str) -> Outgoing {
        Outgoing {
            id: id.to_owned(),
            body: None,
            doc: json!({ "_id": id, "_rev": rev, "_deleted": true }),
        }
    }

    /// A write of `doc` over revision `rev` (`None`: a new document).
    pub fn write(doc: &SyncDoc, rev: Option<&str>) -> Outgoing {
        Outgoing {
            id: doc.id.clone(),
            body: Some(doc.body()),
            doc: doc.to_value(rev),
        }
    }
}

/// The documents that changed, were added or were removed since the server
/// was last known to hold them, in the order of [`documents`], the
/// deletions last.
pub fn pending(ws: &Workspace, state: &SyncState) -> Vec<Outgoing> {
    let docs = documents(ws);
    let mut out = Vec::new();
    let mut present: HashSet<&str> = HashSet::with_capacity(docs.len());
    for doc in &docs {
        present.insert(doc.id.as_str());
        if state.is_held(&doc.id) {
            continue;
        }
        let body = doc.body();
        if state.body(&doc.id) == Some(body.as_str()) {
            continue;
        }
        out.push(Outgoing {
            id: doc.id.clone(),
            doc: doc.to_value(state.rev(&doc.id)),
            body: Some(body),
        });
    }
    // The province's aggregate is no record of the workspace: known, it is
    // never deleted for being absent (crate::sync::aggregate).
    let aggregate = DocId::new(ws.id.clone(), DocKey::Aggregate).to_id();
    for (id, known) in &state.known {
        if !present.contains(id.as_str()) && *id != aggregate {
            out.push(Outgoing::deletion(id, &known.rev));
        }
    }
    out
}

/// `outgoing` cut into `_bulk_docs` batches of at most [`BATCH`].
pub fn batches(outgoing: Vec<Outgoing>) -> Vec<Vec<Outgoing>> {
    let mut out = Vec::with_capacity(outgoing.len().div_ceil(BATCH));
    let mut rest = outgoing.into_iter().peekable();
    while rest.peek().is_some() {
        out.push(rest.by_ref().take(BATCH).collect());
    }
    out
}

/// The body of the `POST /{db}/_bulk_docs` request for a batch.
pub fn bulk_docs_request(batch: &[Outgoing]) -> Value {
    json!({ "docs": batch.iter().map(|o| o.doc.clone()).collect::<Vec<_>>() })
}

/// One document's line of a `_bulk_docs` answer.
#[derive(Deserialize)]
struct BulkLine {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    ok: Option<bool>,
    #[serde(default)]
    rev: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

/// What the server made of a batch, document by document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PushResult {
    /// Written (or deleted): the id and its new revision.
    pub saved: Vec<(String, String)>,
    /// Refused because the server holds another revision (409): to be
    /// pulled and shown to the user ([`crate::sync::conflict`]).
    pub conflicts: Vec<String>,
    /// Refused by the database's rules (403 `forbidden`), with CouchDB's
    /// reason, as `validate_doc_update` wrote it.
    pub refused: Vec<(String, String)>,
    /// Any other error (`unauthorized`, a server fault): the id, the error
    /// and its reason; to be sent again later.
    pub failed: Vec<(String, String)>,
}

/// Reads the answer to a `_bulk_docs` request: a list with one line per
/// document, `{"ok": true, "id", "rev"}` or `{"id", "error", "reason"}`.
pub fn read_bulk_response(text: &str) -> Result<PushResult, String> {
    let lines: Vec<BulkLine> = serde_json::from_str(text)
        .map_err(|e| format!("the _bulk_docs answer is not a list of results: {e}"))?;
    let mut out = PushResult::default();
    for line in lines {
        let id = line.id.unwrap_or_default();
        let reason = line.reason.unwrap_or_default();
        match (line.ok, line.rev, line.error.as_deref()) {
            (_, _, Some("conflict")) => out.conflicts.push(id),
            (_, _, Some("forbidden")) => out.refused.push((id, reason)),
            (_, _, Some(error)) => out.failed.push((id, format!("{error}: {reason}"))),
            (Some(true), Some(rev), None) | (None, Some(rev), None) => out.saved.push((id, rev)),
            _ => out.failed.push((
                id,
                "the answer gives neither a revision nor an error".to_owned(),
            )),
        }
    }
    Ok(out)
}

/// Remembers what the server saved of `batch`: a written body at its new
/// revision, a deletion as gone. What was refused stays pending.
pub fn confirm(state: &mut SyncState, batch: &[Outgoing], result: &PushResult) {
    for (id, rev) in &result.saved {
        let Some(sent) = batch.iter().find(|o| o.id == *id) else {
            continue;
        };
        match &sent.body {
            Some(body) => state.remember(id, rev, body.clone()),
            None => state.forget(id),
        }
    }
}

/// The writes that settle a conflict as CouchDB expects: the chosen
/// document over the winning revision, and every losing revision deleted.
pub fn resolution(chosen: &SyncDoc, winning_rev: &str, losing_revs: &[String]) -> Vec<Outgoing> {
    std::iter::once(Outgoing::write(chosen, Some(winning_rev)))
        .chain(
            losing_revs
                .iter()
                .map(|rev| Outgoing::deletion(&chosen.id, rev)),
        )
        .collect()
}
