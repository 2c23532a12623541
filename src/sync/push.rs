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

use std::collections::{HashMap, HashSet};
use std::ops::Bound;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::domain::workspace::Workspace;
use crate::sync::doc_id::{DocId, DocKey};
use crate::sync::document::{
    assessment_doc, city_doc, plan_doc, task_doc, unit_doc, year_doc, SyncDoc,
};
use crate::sync::state::{fingerprint, SyncState};

/// How many known documents a [`Walk`] step looks through for deletions
/// for each document it may look at.
const KNOWN_PER_DOCUMENT: usize = 40;

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
/// was last known to hold them, in the order of
/// [`crate::sync::document::documents`], the
/// deletions last: a [`Walk`] taken to its end at once.
pub fn pending(ws: &Workspace, state: &SyncState) -> Vec<Outgoing> {
    let mut walk = Walk::default();
    let mut out = Vec::new();
    while !walk.step(ws, state, usize::MAX, &mut out) {}
    out
}

/// Where a push's look through the workspace stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Stage {
    /// The plan, the city's inputs and the tasks.
    #[default]
    Head,
    /// The units (with their years) from this position on.
    Units(usize),
    /// The self-assessments from this position on.
    Assessments(usize),
    /// The documents the server holds and the workspace does not, looked
    /// for among the known ones after this `_id`.
    Deletions(Option<String>),
    Done,
}

/// [`pending`] a step at a time, for a national workspace: each
/// [`Walk::step`] looks at about as many documents as it is told, so the
/// page can draw between steps, and a push can send a batch as soon as it
/// holds one.
///
/// The workspace may change between steps. A unit is looked at by its
/// position, so one added or removed meanwhile can be passed over or looked
/// at twice: twice sends nothing more (the first batch made it known), and
/// a record passed over is an edit made during the push, which leaves
/// changes waiting for the next one. A document is deleted only when no
/// step found it, so a record removed meanwhile is deleted next time, never
/// one that still exists.
#[derive(Clone, Debug, Default)]
pub struct Walk {
    stage: Stage,
    /// The `_id`s found so far, each as its [`fingerprint`]: a national
    /// workspace's 120,000 are then looked up in a few milliseconds when
    /// the walk ends. Two ids with one fingerprint (about one chance in
    /// 10^10 there) would keep a deletion for a later push, never delete a
    /// document that exists.
    present: HashSet<u64>,
}

impl Walk {
    /// Looks at about `look` documents (at least one unit's) from where the
    /// last step stopped, and appends those to send to `out`. `true` once
    /// the walk is done.
    pub fn step(
        &mut self,
        ws: &Workspace,
        state: &SyncState,
        look: usize,
        out: &mut Vec<Outgoing>,
    ) -> bool {
        let mut looked = 0;
        loop {
            match self.stage {
                Stage::Head => {
                    self.consider(plan_doc(ws), state, out);
                    self.consider(city_doc(ws), state, out);
                    for task in &ws.plan.tasks {
                        self.consider(task_doc(&ws.id, task), state, out);
                    }
                    looked += 2 + ws.plan.tasks.len();
                    self.stage = Stage::Units(0);
                }
                Stage::Units(at) => match ws.units.get(at) {
                    Some(unit) => {
                        self.consider(unit_doc(&ws.id, unit), state, out);
                        for record in &unit.years {
                            self.consider(year_doc(&ws.id, &unit.id, record), state, out);
                        }
                        looked += 1 + unit.years.len();
                        self.stage = Stage::Units(at + 1);
                    }
                    None => self.stage = Stage::Assessments(0),
                },
                Stage::Assessments(at) => match ws.assessments.get(at) {
                    Some(assessment) => {
                        self.consider(assessment_doc(&ws.id, assessment), state, out);
                        looked += 1;
                        self.stage = Stage::Assessments(at + 1);
                    }
                    None => self.stage = Stage::Deletions(None),
                },
                Stage::Deletions(ref after) => {
                    // The province's aggregate is no record of the
                    // workspace: known, it is never deleted for being absent
                    // (crate::sync::aggregate).
                    let aggregate = DocId::new(ws.id.clone(), DocKey::Aggregate).to_id();
                    let from = match after {
                        Some(id) => Bound::Excluded(id.as_str()),
                        None => Bound::Unbounded,
                    };
                    // A known document costs far less than one written:
                    // many are looked at in a step.
                    let most = look.saturating_mul(KNOWN_PER_DOCUMENT).max(1);
                    let mut last = None;
                    for (id, known) in state
                        .known
                        .range::<str, _>((from, Bound::Unbounded))
                        .take(most)
                    {
                        if !self.present.contains(&fingerprint(id)) && *id != aggregate {
                            out.push(Outgoing::deletion(id, &known.rev));
                        }
                        last = Some(id);
                    }
                    // A step of its own.
                    looked = look;
                    match last {
                        Some(id) => self.stage = Stage::Deletions(Some(id.clone())),
                        None => {
                            self.present = HashSet::new();
                            self.stage = Stage::Done;
                        }
                    }
                }
                Stage::Done => return true,
            }
            if looked >= look {
                return self.stage == Stage::Done;
            }
        }
    }

    fn consider(&mut self, doc: SyncDoc, state: &SyncState, out: &mut Vec<Outgoing>) {
        self.present.insert(fingerprint(&doc.id));
        if state.is_held(&doc.id) {
            return;
        }
        let body = doc.body();
        if !state.holds(&doc.id, Some(&body)) {
            out.push(Outgoing {
                id: doc.id.clone(),
                doc: doc.to_value(state.rev(&doc.id)),
                body: Some(body),
            });
        }
    }
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

/// The text of [`bulk_docs_request`], written a document at a time, so
/// that a thousand documents need not be written in one task.
#[derive(Clone, Debug)]
pub struct BulkText {
    text: String,
    empty: bool,
}

impl Default for BulkText {
    fn default() -> Self {
        BulkText {
            text: String::from("{\"docs\":["),
            empty: true,
        }
    }
}

impl BulkText {
    pub fn push(&mut self, outgoing: &Outgoing) {
        if !std::mem::replace(&mut self.empty, false) {
            self.text.push(',');
        }
        self.text.push_str(&outgoing.doc.to_string());
    }

    pub fn finish(mut self) -> String {
        self.text.push_str("]}");
        self.text
    }
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
    let sent: HashMap<&str, &Outgoing> = batch.iter().map(|o| (o.id.as_str(), o)).collect();
    for (id, rev) in &result.saved {
        let Some(sent) = sent.get(id.as_str()) else {
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
