//! Workspaces in the browser's localStorage.
//!
//! Keys share the prefix `coop-plan:` so nothing else on the origin is
//! touched:
//! - `coop-plan:workspace:<id>` — one workspace document ([`crate::document`]);
//! - `coop-plan:revision:<id>` — when the workspace was last saved, in
//!   milliseconds: a tab that finds it newer than what it read asks before
//!   writing;
//! - `coop-plan:current` — the id of the open workspace, as a JSON string;
//! - `coop-plan:settings` — `{"lang": "vi"}`;
//! - `coop-plan:quarantine:<id>:<millis>` — data that could not be read,
//!   kept byte for byte.
//!
//! Two promises: data the app cannot read (corrupt, or from a newer version)
//! is never overwritten — it is moved aside before anything else is written
//! — and a failed save leaves the last good copy in place (`setItem` either
//! stores the whole value or nothing) and is reported to the caller.

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
/// When each workspace was last saved (milliseconds), so that a tab can
/// tell that another tab saved newer data.
pub const REVISION_PREFIX: &str = "coop-plan:revision:";

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
            Ok(workspace) => loaded.workspaces.push(workspace),
            Err(_) => {
                let id = key.trim_start_matches(WORKSPACE_PREFIX).to_owned();
                if quarantine(&storage, &key, &text).is_err() {
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

/// Writes a workspace, then marks when (its revision, which
/// [`read_revision`] returns to any tab). On failure the previous copy is
/// still there.
pub fn save_workspace(workspace: &Workspace) -> Result<f64, SaveError> {
    let storage = storage().ok_or_else(|| SaveError::Unavailable("localStorage".to_owned()))?;
    let key = format!("{WORKSPACE_PREFIX}{}", workspace.id);
    storage
        .set_item(&key, &document::to_json(workspace))
        .map_err(save_error)?;
    // Strictly later than the last mark, even within one millisecond.
    let revision = now_millis().max(read_revision(&workspace.id) as u64 + 1) as f64;
    let _ = storage.set_item(
        &format!("{REVISION_PREFIX}{}", workspace.id),
        &revision.to_string(),
    );
    Ok(revision)
}

/// When a workspace was last saved by any tab (0 if never marked).
pub fn read_revision(id: &str) -> f64 {
    storage()
        .and_then(|s| s.get_item(&format!("{REVISION_PREFIX}{id}")).ok().flatten())
        .and_then(|text| text.parse().ok())
        .unwrap_or(0.0)
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

/// Reads one stored workspace (for tests and for checking a save).
pub fn read_workspace(id: &str) -> Option<Result<Workspace, document::DocumentError>> {
    let text = storage()?
        .get_item(&format!("{WORKSPACE_PREFIX}{id}"))
        .ok()
        .flatten()?;
    Some(document::from_json(&text))
}

pub fn save_current(id: &str) -> Result<(), SaveError> {
    LocalStorage::set(CURRENT_KEY, id).map_err(|e| SaveError::Unavailable(e.to_string()))
}

pub fn load_settings() -> Settings {
    LocalStorage::get(SETTINGS_KEY).unwrap_or_default()
}

pub fn save_settings(settings: &Settings) -> Result<(), SaveError> {
    LocalStorage::set(SETTINGS_KEY, settings).map_err(|e| SaveError::Unavailable(e.to_string()))
}

/// Removes a stored workspace and its revision mark.
pub fn delete_workspace(id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&format!("{WORKSPACE_PREFIX}{id}"));
        let _ = storage.remove_item(&format!("{REVISION_PREFIX}{id}"));
    }
}
