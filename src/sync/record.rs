//! What a workspace keeps of its sync between visits: the server it syncs
//! with (never the password: the `_session` cookie is the browser's),
//! where the last pull stopped ([`Checkpoint`]), a manager's [`Baseline`],
//! when it last pushed and pulled, and whether changes wait to be pushed.
//! Stored with serde, one small record per workspace. What the server is
//! known to hold ([`SyncState`]) travels with it in memory but is stored
//! an entry per document ([`crate::sync::state::Entry`]), so that a batch
//! stores only its own documents.

use serde::{Deserialize, Serialize};

use crate::sync::pull::Checkpoint;
use crate::sync::scope::Baseline;
use crate::sync::state::{SyncState, WholeState};

/// The sync settings of a workspace, as the user entered them (checked by
/// [`crate::sync::address`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSettings {
    /// `https://host/couchdb`, on the page's own origin.
    pub server: String,
    pub database: String,
    pub user: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncRecord {
    pub settings: SyncSettings,
    /// Stored entry by entry, not in the record's text.
    #[serde(skip)]
    pub state: SyncState,
    /// Whether [`Self::state`] holds the stored entries (read when the
    /// first sync of a visit starts), or only what changed since.
    #[serde(skip)]
    pub entries_read: bool,
    /// The stored entries belong to other settings: delete them all with
    /// the next store of the record ([`Self::change_settings`]).
    #[serde(skip)]
    pub clear_entries: bool,
    #[serde(default)]
    pub checkpoint: Checkpoint,
    #[serde(default)]
    pub baseline: Baseline,
    /// The roles the server gave the user at the last login or sync:
    /// what a push may send is known offline too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Losing revisions of documents in conflict on the server, by `_id`,
    /// to delete with the next push: the user chose a version, written
    /// over the winning revision ([`crate::sync::conflict::Choice::losing`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub losing: Vec<(String, String)>,
    /// Milliseconds since 1970 (UTC), of the last push that completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_pushed: Option<f64>,
    /// The same, of the last pull that completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_pulled: Option<f64>,
    /// Changes wait to be pushed: set with every change of the workspace,
    /// cleared by a push that sent everything. A reload with it set syncs
    /// as soon as the browser is online.
    #[serde(default)]
    pub pending: bool,
    /// The province's picture as last pulled (a manager's): the
    /// aggregate document's `data`, kept here, never in the workspace,
    /// and read by [`crate::sync::aggregate::Aggregate::from_stored`]. As
    /// a JSON value, so that one this build cannot read costs only itself,
    /// not the record's knowledge of the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<serde_json::Value>,
}

impl SyncRecord {
    /// A record for a workspace that never synced: nothing stored to read.
    pub fn new(settings: SyncSettings) -> SyncRecord {
        SyncRecord {
            settings,
            entries_read: true,
            ..SyncRecord::default()
        }
    }

    /// The settings now point to another server, database or user: what
    /// was known of the old one means nothing to the new one.
    pub fn change_settings(&mut self, settings: SyncSettings) {
        if self.settings.server != settings.server
            || self.settings.database != settings.database
            || self.settings.user != settings.user
        {
            let pending = self.pending || self.last_pushed.is_some();
            *self = SyncRecord::new(settings);
            self.pending = pending;
            self.entries_read = true;
            self.clear_entries = true;
        }
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored record read back; `None` for a text this build cannot
    /// read (the sync then starts afresh: the server keeps everything).
    pub fn from_text(text: &str) -> Option<SyncRecord> {
        let mut record: SyncRecord = serde_json::from_str(text).ok()?;
        // The first slice of the sync kept the state in the record, whole.
        #[derive(Deserialize)]
        struct Whole {
            #[serde(default)]
            state: Option<WholeState>,
        }
        if let Ok(Whole { state: Some(whole) }) = serde_json::from_str(text) {
            record.state = whole.into_state();
            record.entries_read = true;
        }
        Some(record)
    }
}
