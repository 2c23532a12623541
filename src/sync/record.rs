//! What a workspace keeps of its sync between visits: the server it syncs
//! with (never the password: the `_session` cookie is the browser's),
//! what the server is known to hold ([`SyncState`]), where the last pull
//! stopped ([`Checkpoint`]), a manager's [`Baseline`], when it last
//! pushed and pulled, and whether changes wait to be pushed. Stored with
//! serde, one record per workspace (`app::sync::store`).

use serde::{Deserialize, Serialize};

use crate::sync::pull::Checkpoint;
use crate::sync::scope::Baseline;
use crate::sync::state::SyncState;

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
    #[serde(default)]
    pub state: SyncState,
    #[serde(default)]
    pub checkpoint: Checkpoint,
    #[serde(default)]
    pub baseline: Baseline,
    /// The roles the server gave the user at the last login or sync:
    /// what a push may send is known offline too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
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
    pub fn new(settings: SyncSettings) -> SyncRecord {
        SyncRecord {
            settings,
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
        }
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored record read back; `None` for a text this build cannot
    /// read (the sync then starts afresh: the server keeps everything).
    pub fn from_text(text: &str) -> Option<SyncRecord> {
        serde_json::from_str(text).ok()
    }
}
