//! Keeping the data for good: the browser's Storage API
//! (`navigator.storage`: `persist`, `persisted`, `estimate`) and the small
//! settings that say when to remind the user to download a backup (the rule
//! is [`crate::files::backup`]'s).
//!
//! Keys, beside the workspaces (see [`super::storage`]):
//! - `coop-plan:persist-asked` — the day persistent storage was first asked
//!   for in this browser (a JSON string, `"2026-12-06"`): asked once, after
//!   the first successful save, and again only from the data page's button;
//! - `coop-plan:backup:<workspace id>` — the workspace's
//!   [`BackupRecord`]: its first save here and its last JSON download.
//!
//! A browser without the Storage API (or one that fails) answers
//! [`StorageStatus::UNKNOWN`]; nothing else changes.

use std::cell::RefCell;

use gloo_storage::{LocalStorage, Storage as _};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::today::today;
use crate::files::backup::{BackupRecord, Persistence, StorageStatus};
use crate::i18n::format::iso_date;

pub const ASKED_KEY: &str = "coop-plan:persist-asked";
pub const BACKUP_PREFIX: &str = "coop-plan:backup:";

thread_local! {
    /// Workspaces whose first save this tab has already made sure of, so
    /// that a save does not read their record again.
    static RECORDED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// `navigator.storage`, if the browser has it.
fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    storage
        .is_object()
        .then(|| storage.unchecked_into::<web_sys::StorageManager>())
}

/// Awaits one of the Storage API's promises; `None` if the method is
/// missing, throws or rejects.
async fn answer(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// Characters the app's keys and values take in localStorage, counted
/// without copying the values out of the browser (a workspace may be
/// millions of characters).
fn local_chars() -> Option<f64> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let length = storage.length().ok()?;
    let mut chars = 0.0;
    for index in 0..length {
        let Some(key) = storage.key(index).ok().flatten() else {
            continue;
        };
        if !key.starts_with(super::storage::PREFIX) {
            continue;
        }
        // `localStorage[key]` stays a JS string: only its length is read.
        let value_chars = js_sys::Reflect::get(&storage, &JsValue::from_str(&key))
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
            .map_or(0, |v| v.length());
        chars += key.encode_utf16().count() as f64 + f64::from(value_chars);
    }
    Some(chars)
}

/// Whether the site's data is kept for good, and how much it uses and may use.
pub async fn status() -> StorageStatus {
    let local_chars = local_chars();
    let Some(manager) = manager() else {
        return StorageStatus {
            local_chars,
            ..StorageStatus::UNKNOWN
        };
    };
    let persistence = match answer(manager.persisted()).await.and_then(|v| v.as_bool()) {
        Some(true) => Persistence::Persistent,
        Some(false) => Persistence::BestEffort,
        None => Persistence::Unknown,
    };
    let estimate = answer(manager.estimate())
        .await
        .filter(JsValue::is_object)
        .map(|v| v.unchecked_into::<web_sys::StorageEstimate>());
    let bytes = |value: Option<f64>| value.filter(|n| n.is_finite() && *n >= 0.0);
    StorageStatus {
        persistence,
        usage: estimate.as_ref().and_then(|e| bytes(e.get_usage())),
        quota: estimate.as_ref().and_then(|e| bytes(e.get_quota())),
        local_chars,
    }
}

/// Asks the browser to keep the site's data for good (remembered, so that
/// saves do not ask again); `Some(granted)` once it answers.
pub async fn ask() -> Option<bool> {
    let _ = LocalStorage::set(ASKED_KEY, iso_date(today()));
    answer(manager()?.persist()).await?.as_bool()
}

/// Whether persistent storage was ever asked for in this browser.
pub fn asked() -> bool {
    LocalStorage::raw()
        .get_item(ASKED_KEY)
        .ok()
        .flatten()
        .is_some()
}

fn backup_key(id: &str) -> String {
    format!("{BACKUP_PREFIX}{id}")
}

/// The workspace's backup dates; an empty record if none or unreadable.
pub fn backup_record(id: &str) -> BackupRecord {
    LocalStorage::raw()
        .get_item(&backup_key(id))
        .ok()
        .flatten()
        .map(|text| BackupRecord::from_json(&text))
        .unwrap_or_default()
}

/// Stores a record; if storage refuses, the reminder may come early,
/// which is harmless.
fn store_record(id: &str, record: &BackupRecord) {
    let _ = LocalStorage::raw().set_item(&backup_key(id), &record.to_json());
}

/// After a workspace was saved: records its first save in this browser
/// and, the first time any workspace is saved here, asks for persistent
/// storage (not on first paint: a site that has just been opened has given
/// the browser no reason to keep it); `answered` runs once the browser
/// has answered.
///
/// Returns whether this was the workspace's first save in this tab's
/// session (the data page lists the stored workspaces again then: a new
/// workspace is in storage only from its first save).
pub fn after_save(id: &str, answered: impl FnOnce() + 'static) -> bool {
    let first = !RECORDED.with_borrow(|done| done.iter().any(|d| d == id));
    if first {
        let mut record = backup_record(id);
        if record.saved(today()) {
            store_record(id, &record);
        }
        RECORDED.with_borrow_mut(|done| done.push(id.to_owned()));
    }
    if !asked() {
        wasm_bindgen_futures::spawn_local(async move {
            ask().await;
            answered();
        });
    }
    first
}

/// Records a download of the workspace's JSON today.
pub fn record_export(id: &str) {
    let mut record = backup_record(id);
    record.exported(today());
    store_record(id, &record);
}

/// Forgets a deleted workspace's dates.
pub fn forget(id: &str) {
    LocalStorage::delete(backup_key(id));
    RECORDED.with_borrow_mut(|done| done.retain(|d| d != id));
}
