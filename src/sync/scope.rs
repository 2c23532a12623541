//! Who the logged-in user is to the province database, read from the
//! roles `GET /_session` gives (`couchdb/README.md`, "Users and roles"),
//! and what that means for a sync: which documents a pull asks for and
//! which a push may send.
//!
//! The province (role `province`) pulls and pushes everything. A
//! cooperative's manager (roles `manager` and `unit:<id>`) pulls only her
//! cooperative's documents and the province's aggregate (`_changes` with
//! `filter=_doc_ids`), and pushes her cooperative's documents plus any
//! other document she changed since her first sync ([`Baseline`]): the
//! server refuses those with its reason, which the user must see, while a
//! record she never touched is never sent (the province's copy is not
//! hers to overwrite, and sending it would only be refused).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::domain::workspace::Workspace;
use crate::sync::doc_id::{DocId, DocKey};
use crate::sync::document::documents;
use crate::sync::push::{pending, Outgoing};
use crate::sync::state::{fingerprint, SyncState};

/// What the user may do, from her roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The province office: everything.
    Province,
    /// A cooperative's manager, with the units her roles name.
    Manager { units: BTreeSet<String> },
    /// Logged in but neither: the server would refuse every write.
    NoRole,
}

/// How many years before the plan's baseline a manager's pull asks for
/// a unit's yearly records and self-assessments (`filter=_doc_ids` needs
/// every id): the years the app's files hold in practice.
pub const YEARS_BEFORE_BASELINE: i32 = 10;

impl Scope {
    pub fn of_roles(roles: &[String]) -> Scope {
        if roles.iter().any(|r| r == "province") {
            return Scope::Province;
        }
        let units: BTreeSet<String> = roles
            .iter()
            .filter_map(|r| r.strip_prefix("unit:"))
            .filter(|u| !u.is_empty())
            .map(str::to_owned)
            .collect();
        if units.is_empty() {
            Scope::NoRole
        } else {
            Scope::Manager { units }
        }
    }

    /// Whether the database's rules let this user write the record.
    pub fn writes(&self, key: &DocKey) -> bool {
        match self {
            Scope::Province => true,
            Scope::Manager { units } => key.unit().is_some_and(|u| units.contains(u)),
            Scope::NoRole => false,
        }
    }

    /// The `_id`s a pull asks for (`filter=_doc_ids`), or `None` for the
    /// whole database. A manager's: each of her units, its yearly
    /// records and self-assessments for every year held here or from
    /// [`YEARS_BEFORE_BASELINE`] before the plan's baseline to its end,
    /// and the province's aggregate.
    pub fn pull_ids(&self, ws: &Workspace) -> Option<Vec<String>> {
        let Scope::Manager { units } = self else {
            return None;
        };
        let first = ws.plan.baseline_year.min(ws.plan.start_year) - YEARS_BEFORE_BASELINE;
        let last = ws.plan.end_year.max(ws.plan.start_year);
        let mut ids = BTreeSet::new();
        let id = |key: DocKey| DocId::new(ws.id.clone(), key).to_id();
        for unit in units {
            let mut years: BTreeSet<i32> = (first..=last).collect();
            if let Some(here) = ws.unit(unit) {
                years.extend(here.years.iter().map(|r| r.year));
            }
            years.extend(
                ws.assessments
                    .iter()
                    .filter(|a| a.unit_id == *unit)
                    .map(|a| a.year),
            );
            ids.insert(id(DocKey::Unit { unit: unit.clone() }));
            for year in years {
                let unit = unit.clone();
                ids.insert(id(DocKey::Year {
                    unit: unit.clone(),
                    year,
                }));
                ids.insert(id(DocKey::Assessment { unit, year }));
            }
        }
        ids.insert(id(DocKey::Aggregate));
        Some(ids.into_iter().collect())
    }
}

/// The records a manager may not write, as they were at her first sync:
/// a push sends one of them only once it changed here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Taken (at the first sync of a manager).
    #[serde(default)]
    pub taken: bool,
    /// By `_id`, the fingerprint of the body.
    #[serde(default)]
    pub bodies: BTreeMap<String, u64>,
}

impl Baseline {
    /// Takes the fingerprints of every record of `ws` that `scope` may
    /// not write, once.
    pub fn take_once(&mut self, ws: &Workspace, scope: &Scope) {
        if self.taken || !matches!(scope, Scope::Manager { .. }) {
            return;
        }
        self.taken = true;
        for doc in documents(ws) {
            let writes = DocId::parse(&doc.id).is_ok_and(|id| scope.writes(&id.key));
            if !writes {
                self.bodies.insert(doc.id.clone(), fingerprint(&doc.body()));
            }
        }
    }

    /// Whether the record `id` with `body` is as it was at the first sync.
    fn unchanged(&self, id: &str, body: &str) -> bool {
        self.bodies.get(id) == Some(&fingerprint(body))
    }
}

/// What a push sends for this user: [`pending`], less the records she may
/// not write and did not change since her first sync.
pub fn to_push(
    ws: &Workspace,
    state: &SyncState,
    scope: &Scope,
    baseline: &Baseline,
) -> Vec<Outgoing> {
    let mut out = pending(ws, state);
    out.retain(|o| scope.sends(o, state, baseline));
    out
}

impl Scope {
    /// Whether a push by this user sends `o`, one of [`pending`]'s.
    pub fn sends(&self, o: &Outgoing, state: &SyncState, baseline: &Baseline) -> bool {
        if matches!(self, Scope::Province) {
            return true;
        }
        let writes = DocId::parse(&o.id).is_ok_and(|id| self.writes(&id.key));
        // What the server is known to hold was pulled or pushed by this
        // user: a change to it is hers to send.
        writes
            || state.rev(&o.id).is_some()
            || !o
                .body
                .as_deref()
                .is_some_and(|b| baseline.unchanged(&o.id, b))
    }
}
