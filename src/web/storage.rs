//! Workspaces in the browser's localStorage.
//!
//! Keys share the prefix `coop-plan:` so nothing else on the origin is
//! touched:
//! - `coop-plan:workspace:<id>` — one workspace document ([`crate::document`]);
//! - `coop-plan:current` — the id of the open workspace, as a JSON string;
//! - `coop-plan:settings` — `{"lang": "vi"}`;
//! - `coop-plan:tour` — present once the first-run tour was seen;
//! - `coop-plan:persist-asked`, `coop-plan:backup:<id>` — when persistent
//!   storage was asked for, and each workspace's first save and last
//!   download ([`super::persist`]);
//! - `coop-plan:quarantine:<id>:<millis>` — data that could not be read,
//!   kept byte for byte.
//!
//! Three promises: corrupt data is never overwritten — it is moved aside
//! before anything else is written, and when it cannot be (storage full) it
//! stays where it is and the caller is told ([`Loaded::unmoved`]); data
//! written by a newer version of the app is never written over, moved or
//! deleted — it stays where it is and opens read-only ([`Loaded::newer`],
//! [`SaveError::Newer`], rules in [`crate::document::Newer`]); and a failed
//! save leaves the last good copy in place (`setItem` either
//! stores the whole value or nothing) and is reported to the caller.
//!
//! A third, for two open tabs: a tab never overwrites a workspace that
//! another tab saved since this one last read or wrote it. Each read and
//! write records a fingerprint of the stored text; a save that finds a
//! different text stored is refused with [`SaveError::Conflict`], and the
//! caller asks the user ([`save_workspace_anyway`] after they choose).

use std::cell::RefCell;

use crate::small_sort::sort_small_by;
use gloo_storage::{LocalStorage, Storage as _};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::document;
use crate::i18n::Lang;
use crate::workspace::Workspace;

pub const PREFIX: &str = "coop-plan:";
pub const WORKSPACE_PREFIX: &str = "coop-plan:workspace:";
pub const QUARANTINE_PREFIX: &str = "coop-plan:quarantine:";
pub const CURRENT_KEY: &str = "coop-plan:current";
pub const SETTINGS_KEY: &str = "coop-plan:settings";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub lang: Lang,
}

/// Unreadable data kept aside.
#[derive(Clone, Debug, PartialEq)]
pub struct Quarantined {
    pub key: String,
    /// The key it was found under.
    pub original_key: String,
    /// Why it could not be read, in both languages.
    pub reason_vi: String,
    pub reason_en: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// The browser's storage for this site is full.
    QuotaExceeded,
    /// Storage is switched off or refused for another reason.
    Unavailable(String),
    /// Another tab saved this workspace since this tab last read it.
    Conflict,
    /// What is stored under this id was written by a newer version of the
    /// app: it is never written over (no "overwrite?" is offered).
    Newer,
}

impl SaveError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SaveError::QuotaExceeded => lang
                .pick(
                    "Không lưu được: bộ nhớ của trình duyệt đã đầy. Bản lưu trước vẫn còn nguyên. Hãy tải dữ liệu về máy hoặc xóa bớt không gian làm việc.",
                    "Not saved: the browser's storage is full. The last saved copy is intact. Download your data or delete a workspace.",
                )
                .to_owned(),
            SaveError::Conflict => lang
                .pick(
                    "Chưa lưu: một tab khác vừa lưu thay đổi mới hơn cho không gian làm việc này.",
                    "Not saved: another tab has just saved newer changes to this workspace.",
                )
                .to_owned(),
            SaveError::Newer => crate::document::newer_refused().get(lang).to_owned(),
            SaveError::Unavailable(detail) => format!(
                "{} ({detail})",
                lang.pick(
                    "Không lưu được vào bộ nhớ của trình duyệt. Bản lưu trước vẫn còn nguyên.",
                    "Could not save to the browser's storage. The last saved copy is intact.",
                )
            ),
        }
    }
}

thread_local! {
    /// For each workspace id, the fingerprint of the stored text this tab
    /// last read or wrote.
    static KNOWN: RefCell<Vec<(String, u64)>> = const { RefCell::new(Vec::new()) };
    /// The workspace the browser last refused as too big, and its number of
    /// records (units and yearly records) then.
    static TOO_BIG: RefCell<Option<(String, usize)>> = const { RefCell::new(None) };
}

/// Units and yearly records: what a stored workspace's size grows with.
fn records(workspace: &Workspace) -> usize {
    workspace.units.len() + workspace.units.iter().map(|u| u.years.len()).sum::<usize>()
}

/// Whether saving `workspace` is known to fail for want of room: the
/// browser refused it, or a version of it that was not much bigger, since
/// the last workspace was deleted. Writing out a workspace of tens of
/// megabytes takes a fifth of a second; at national scale every edit would
/// freeze the page for that long only to be refused again.
pub fn known_too_big(workspace: &Workspace) -> bool {
    TOO_BIG.with_borrow(|too_big| {
        too_big.as_ref().is_some_and(|(id, refused)| {
            *id == workspace.id && records(workspace) * 20 >= refused * 19
        })
    })
}

/// FNV-1a over the text: equal texts, equal fingerprints; a change by
/// another tab is all but certain to change it.
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Records that this tab has seen `text` stored for workspace `id`.
pub fn remember(id: &str, text: &str) {
    let print = fingerprint(text);
    KNOWN.with_borrow_mut(|known| match known.iter_mut().find(|(k, _)| k == id) {
        Some(entry) => entry.1 = print,
        None => known.push((id.to_owned(), print)),
    });
}

/// Whether `text` is what this tab last read or wrote for `id`.
pub fn is_known(id: &str, text: &str) -> bool {
    let print = fingerprint(text);
    KNOWN.with_borrow(|known| known.iter().any(|(k, p)| k == id && *p == print))
}

fn has_seen(id: &str) -> bool {
    KNOWN.with_borrow(|known| known.iter().any(|(k, _)| k == id))
}

/// What was found in storage at start-up.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub workspaces: Vec<Workspace>,
    pub current: Option<String>,
    /// Everything kept aside, from this start and earlier ones.
    pub quarantined: Vec<Quarantined>,
    /// Ids whose unreadable data could not be moved aside (storage full):
    /// the data stays where it is, and these ids must not be written.
    pub blocked_ids: Vec<String>,
    /// The same, with why each could not be read (vi, en): the user is told.
    pub unmoved: Vec<(String, String, String)>,
    /// Workspaces written by a newer version of the app, by id: left in
    /// place, opened read-only.
    pub newer: Vec<(String, document::Newer)>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn keys(storage: &web_sys::Storage) -> Vec<String> {
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|index| storage.key(index).ok().flatten())
        .collect()
}

fn save_error(error: JsValue) -> SaveError {
    let name = js_sys::Reflect::get(&error, &JsValue::from_str("name"))
        .ok()
        .and_then(|name| name.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        SaveError::QuotaExceeded
    } else {
        SaveError::Unavailable(if name.is_empty() {
            format!("{error:?}")
        } else {
            name
        })
    }
}

fn now_millis() -> u64 {
    js_sys::Date::now() as u64
}

/// Reads every stored workspace, moving unreadable ones aside.
pub fn load() -> Loaded {
    let Some(storage) = storage() else {
        return Loaded::default();
    };
    let mut loaded = Loaded::default();
    let mut workspace_keys: Vec<String> = keys(&storage)
        .into_iter()
        .filter(|k| k.starts_with(WORKSPACE_PREFIX))
        .collect();
    sort_small_by(&mut workspace_keys, |a, b| a.cmp(b));
    for key in workspace_keys {
        let Ok(Some(text)) = storage.get_item(&key) else {
            continue;
        };
        match document::from_json(&text) {
            Ok(workspace) => {
                remember(&workspace.id, &text);
                loaded.workspaces.push(workspace)
            }
            Err(error) => {
                let id = key.trim_start_matches(WORKSPACE_PREFIX).to_owned();
                if let Some(newer) = document::read_newer(&text) {
                    // Left where it is, untouched; never remembered, so
                    // that no save can take it for this tab's own text.
                    loaded.newer.push((id, newer));
                } else if quarantine(&storage, &key, &text).is_err() {
                    loaded.unmoved.push((
                        id.clone(),
                        error.message(Lang::Vi),
                        error.message(Lang::En),
                    ));
                    loaded.blocked_ids.push(id);
                }
            }
        }
    }
    loaded.current = LocalStorage::get::<String>(CURRENT_KEY).ok();
    loaded.quarantined = list_quarantined();
    loaded
}

/// Copies `text` to a quarantine key, then removes the original. If the copy
/// fails, the original stays untouched.
fn quarantine(storage: &web_sys::Storage, key: &str, text: &str) -> Result<String, SaveError> {
    let id = key.trim_start_matches(WORKSPACE_PREFIX);
    let quarantine_key = format!("{QUARANTINE_PREFIX}{id}:{}", now_millis());
    storage
        .set_item(&quarantine_key, text)
        .map_err(save_error)?;
    storage.remove_item(key).map_err(save_error)?;
    Ok(quarantine_key)
}

/// Everything currently kept aside, with the reason it could not be read.
pub fn list_quarantined() -> Vec<Quarantined> {
    let Some(storage) = storage() else {
        return Vec::new();
    };
    let mut found: Vec<Quarantined> = keys(&storage)
        .into_iter()
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .filter_map(|key| {
            let text = storage.get_item(&key).ok().flatten()?;
            let (reason_vi, reason_en) = match document::from_json(&text) {
                Err(error) => (error.message(Lang::Vi), error.message(Lang::En)),
                Ok(_) => (String::new(), String::new()),
            };
            let rest = key.trim_start_matches(QUARANTINE_PREFIX);
            let id = rest.rsplit_once(':').map_or(rest, |(id, _)| id);
            Some(Quarantined {
                original_key: format!("{WORKSPACE_PREFIX}{id}"),
                key,
                reason_vi,
                reason_en,
            })
        })
        .collect();
    sort_small_by(&mut found, |a, b| a.key.cmp(&b.key));
    found
}

/// The raw text kept under a quarantine key.
pub fn quarantined_text(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn discard_quarantined(key: &str) {
    if key.starts_with(QUARANTINE_PREFIX) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(key);
        }
    }
}

/// Writes a workspace. On failure the previous copy is still there. Refused
/// with [`SaveError::Conflict`] when another tab has saved it since this
/// tab last read or wrote it.
pub fn save_workspace(workspace: &Workspace) -> Result<(), SaveError> {
    write_workspace(workspace, false)
}

/// Writes a workspace over whatever another tab saved: only after the user
/// chose to keep this tab's version.
pub fn save_workspace_anyway(workspace: &Workspace) -> Result<(), SaveError> {
    write_workspace(workspace, true)
}

fn write_workspace(workspace: &Workspace, overwrite: bool) -> Result<(), SaveError> {
    let storage = storage().ok_or_else(|| SaveError::Unavailable("localStorage".to_owned()))?;
    let key = format!("{WORKSPACE_PREFIX}{}", workspace.id);
    // A view of newer data (see `crate::document::Newer`) is never written.
    if u64::from(workspace.schema_version) > u64::from(crate::workspace::SCHEMA_VERSION) {
        return Err(SaveError::Newer);
    }
    if let Ok(Some(stored)) = storage.get_item(&key) {
        if !is_known(&workspace.id, &stored) {
            // Checked before anything else, even when the user chose to
            // overwrite another tab's save: newer data is never written over.
            if document::is_newer(&stored) {
                return Err(SaveError::Newer);
            }
            if !overwrite && has_seen(&workspace.id) {
                return Err(SaveError::Conflict);
            }
        }
    }
    if known_too_big(workspace) {
        return Err(SaveError::QuotaExceeded);
    }
    let text = document::to_json(workspace);
    if let Err(error) = storage.set_item(&key, &text).map_err(save_error) {
        if error == SaveError::QuotaExceeded {
            TOO_BIG.set(Some((workspace.id.clone(), records(workspace))));
        }
        return Err(error);
    }
    remember(&workspace.id, &text);
    Ok(())
}

/// The id and name of every readable stored workspace, without reading
/// their data into memory.
pub fn list_workspaces() -> Vec<(String, String)> {
    #[derive(Deserialize)]
    struct Name {
        id: String,
        name: String,
    }
    let Some(storage) = storage() else {
        return Vec::new();
    };
    let mut found: Vec<(String, String)> = keys(&storage)
        .into_iter()
        .filter(|k| k.starts_with(WORKSPACE_PREFIX))
        .filter_map(|key| storage.get_item(&key).ok().flatten())
        .filter_map(|text| serde_json::from_str::<Name>(&text).ok())
        .map(|n| (n.id, n.name))
        .collect();
    sort_small_by(&mut found, |a, b| a.1.cmp(&b.1));
    found
}

/// What is stored under `id`, when a newer version of the app wrote it.
pub fn read_newer(id: &str) -> Option<document::Newer> {
    let text = storage()?
        .get_item(&format!("{WORKSPACE_PREFIX}{id}"))
        .ok()
        .flatten()?;
    document::read_newer(&text)
}

/// Reads one stored workspace (for tests and for checking a save).
pub fn read_workspace(id: &str) -> Option<Result<Workspace, document::DocumentError>> {
    let text = storage()?
        .get_item(&format!("{WORKSPACE_PREFIX}{id}"))
        .ok()
        .flatten()?;
    let read = document::from_json(&text);
    if read.is_ok() {
        remember(id, &text);
    }
    Some(read)
}

pub fn save_current(id: &str) -> Result<(), SaveError> {
    LocalStorage::set(CURRENT_KEY, id).map_err(|e| SaveError::Unavailable(e.to_string()))
}

/// Set once the first-run tour has been finished or skipped.
pub const TOUR_KEY: &str = "coop-plan:tour";

pub fn tour_seen() -> bool {
    LocalStorage::raw()
        .get_item(TOUR_KEY)
        .ok()
        .flatten()
        .is_some()
}

/// Remembers the tour as seen; if storage refuses, it shows again next
/// time, which is harmless.
pub fn mark_tour_seen() {
    let _ = LocalStorage::raw().set_item(TOUR_KEY, "seen");
}

pub fn load_settings() -> Settings {
    LocalStorage::get(SETTINGS_KEY).unwrap_or_default()
}

pub fn save_settings(settings: &Settings) -> Result<(), SaveError> {
    LocalStorage::set(SETTINGS_KEY, settings).map_err(|e| SaveError::Unavailable(e.to_string()))
}

/// Removes a stored workspace; this tab forgets it had seen it. Refused
/// with [`SaveError::Newer`] for data a newer version of the app wrote.
pub fn delete_workspace(id: &str) -> Result<(), SaveError> {
    if read_newer(id).is_some() {
        return Err(SaveError::Newer);
    }
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&format!("{WORKSPACE_PREFIX}{id}"));
        KNOWN.with_borrow_mut(|known| known.retain(|(k, _)| k != id));
        super::persist::forget(id);
        // Room was made: any workspace may fit now.
        TOO_BIG.set(None);
    }
    Ok(())
}
