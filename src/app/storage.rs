//! Workspaces in the browser's IndexedDB; small settings in localStorage.
//!
//! IndexedDB database `coop-plan`, three object stores:
//! - `heads`, key = workspace id: `{id, name, schema_version, revision}`
//!   and either `raw` (a whole document, byte for byte, as the migration
//!   from localStorage found it) or `before`/`after` (the document written
//!   by [`crate::files::document`] without its units: the text before and after
//!   the `units` list) with `order` (the unit ids in order, as JSON) and,
//!   when the save that wrote it evaluated the targets as of that day,
//!   `snapshot` ([`Snapshot`] as JSON: a big workspace's dashboard is
//!   shown from it before its units are read, [`OPEN_BEFORE_READ_UNITS`]);
//! - `units`, key = `[workspace id, unit id]`: `{ws, unit, text, revision}`,
//!   the unit as the document writes it, so that a workspace read back is
//!   byte for byte the document an export writes;
//! - `kept`, key = `coop-plan:quarantine:<id>:<millis>`:
//!   `{original_key, text}`, data that could not be read, byte for byte.
//!
//! A workspace's sync record ([`crate::sync::record::SyncRecord`] as JSON,
//! `{ws, text}`) is kept in `units` too, under the plain string key
//! `coop-plan:sync:<id>` ([`read_sync`], [`write_sync`]), and so are its
//! entries, one short entry (`{ws, doc, meta}`) and one body (`{ws, text}`)
//! per document the server holds, under that key, `\u{1}`, `m` or `b`,
//! `\u{1}` and the document's `_id` ([`read_sync_entries`],
//! [`read_sync_body`]): every workspace key of that store is an array, and
//! IndexedDB never orders a string inside an array's range, so no read or
//! deletion of a workspace's units meets them. A store of its own would need a version bump, and the
//! upgrade waits (the page stays on "Đang mở dữ liệu…") for as long as
//! another tab still runs a build that never closes its connection.
//!
//! A save writes only the records that changed since this tab last read
//! or wrote the workspace (the head every time, with the next revision),
//! in one readwrite transaction that first checks the stored revision is
//! still the one this tab knows: a save by another tab since then is
//! refused ([`SaveError::Conflict`]) and the caller asks the user
//! ([`prepare_anyway`] after they choose). A transaction is atomic: a
//! failed save (storage full) leaves the last good copy.
//!
//! localStorage keys, all under `coop-plan:`: `current` (the open
//! workspace's id, as a JSON string), `settings` (`{"lang": "vi"}`),
//! `tour`, `persist-asked`, `backup:<id>` ([`super::persist`]) and
//! `assessment-year` (the year the self-assessment page shows, a JSON
//! number).
//! Workspaces that earlier versions kept in localStorage
//! (`coop-plan:workspace:<id>`, `coop-plan:quarantine:…`) are moved into
//! IndexedDB at start-up ([`load`]); each is removed from localStorage
//! only after its copy was read back and compared, so a tab closed half way
//! loses nothing and the next start finishes the job.
//!
//! Data written by a newer version of the app (a `schema_version` above
//! this build's) is never written over, moved or deleted: it stays where
//! it is (in localStorage) and opens read-only ([`Loaded::newer`],
//! [`SaveError::Newer`], rules in [`crate::files::document::Newer`]). Corrupt data
//! that cannot be kept aside (storage full) stays where it is and the
//! caller is told ([`Loaded::unmoved`]).
//!
//! Other tabs hear each committed save on the `BroadcastChannel`
//! `coop-plan` ([`CHANNEL`]): `{id, revision}`, or `{id, deleted: true}`.

use std::cell::RefCell;
use std::collections::HashMap;

use gloo_storage::{LocalStorage, Storage as _};
use idb::{
    Database, DatabaseEvent, KeyRange, ObjectStoreParams, Query, TransactionMode, TransactionResult,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::indicator::Snapshot;
use crate::domain::unit::Unit;
use crate::domain::workspace::Workspace;
use crate::files::document;
use crate::files::save_diff::{self, Changes, Image};
use crate::i18n::Lang;
use crate::sync::state::{Entry, SyncState};

pub const PREFIX: &str = "coop-plan:";
/// Where earlier versions kept each workspace in localStorage (and where
/// data written by a newer version may still be).
pub const WORKSPACE_PREFIX: &str = "coop-plan:workspace:";
pub const QUARANTINE_PREFIX: &str = "coop-plan:quarantine:";
pub const CURRENT_KEY: &str = "coop-plan:current";
pub const SETTINGS_KEY: &str = "coop-plan:settings";
/// The IndexedDB database and the BroadcastChannel.
pub const DATABASE: &str = "coop-plan";
pub const CHANNEL: &str = "coop-plan";
const HEADS: &str = "heads";
const UNITS: &str = "units";
const KEPT: &str = "kept";

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
            SaveError::Newer => crate::files::document::newer_refused().get(lang).to_owned(),
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

/// What this tab last read or wrote of a stored workspace: the revision
/// it found, and the records as they were then (what the next save is
/// compared with, [`crate::files::save_diff`]).
struct Known {
    revision: f64,
    image: Image,
}

thread_local! {
    static DB: RefCell<Option<web_sys::IdbDatabase>> = const { RefCell::new(None) };
    /// Every stored workspace's id and name, from the heads.
    static NAMES: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    /// Everything kept aside, with its text.
    static KEPT_DATA: RefCell<Vec<(Quarantined, String)>> = const { RefCell::new(Vec::new()) };
    static NAMES_CHANGED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static KNOWN: RefCell<HashMap<String, Known>> = RefCell::new(HashMap::new());
    static BROADCAST: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
}

/// What was found in storage at start-up.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// The workspace to open, if one is stored and readable: the
    /// remembered one, else the first (by id); read whole. The others are
    /// only named ([`list_workspaces`]).
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
    /// When the workspace to open is a big one whose units are still to
    /// be read ([`read_workspace`]): the targets its last save kept, for
    /// the dashboard meanwhile. Its entry in `workspaces` has no units.
    pub unread: Option<Snapshot>,
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn local_keys(storage: &web_sys::Storage) -> Vec<String> {
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|index| storage.key(index).ok().flatten())
        .collect()
}

fn save_error_named(name: String, detail: &dyn Fn() -> String) -> SaveError {
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        SaveError::QuotaExceeded
    } else {
        SaveError::Unavailable(if name.is_empty() { detail() } else { name })
    }
}

fn idb_error(error: idb::Error) -> SaveError {
    match &error {
        idb::Error::DomException(exception) => {
            save_error_named(exception.name(), &|| error.to_string())
        }
        _ => SaveError::Unavailable(error.to_string()),
    }
}

fn now_millis() -> u64 {
    js_sys::Date::now() as u64
}

fn db() -> Result<Database, SaveError> {
    DB.with_borrow(|db| db.clone().map(Database::from))
        .ok_or_else(|| SaveError::Unavailable("IndexedDB".to_owned()))
}

async fn open() -> Result<Database, SaveError> {
    let factory = idb::Factory::new().map_err(idb_error)?;
    let mut request = factory.open(DATABASE, Some(1)).map_err(idb_error)?;
    request.on_upgrade_needed(|event| {
        let Ok(database) = event.database() else {
            return;
        };
        let names = database.store_names();
        for store in [HEADS, UNITS, KEPT] {
            if !names.iter().any(|n| n == store) {
                let _ = database.create_object_store(store, ObjectStoreParams::new());
            }
        }
    });
    request.await.map_err(idb_error)
}

fn field(record: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(record, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn text_field(record: &JsValue, name: &str) -> Option<String> {
    field(record, name).as_string()
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let record = js_sys::Object::new();
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&record, &JsValue::from_str(name), value);
    }
    record.into()
}

fn unit_key(id: &str, unit: &str) -> JsValue {
    js_sys::Array::of2(&JsValue::from_str(id), &JsValue::from_str(unit)).into()
}

/// Every unit record of workspace `id`.
fn units_of(id: &str) -> Result<Query, SaveError> {
    let lower: JsValue = js_sys::Array::of1(&JsValue::from_str(id)).into();
    let upper: JsValue = js_sys::Array::of2(&JsValue::from_str(id), &js_sys::Array::new()).into();
    KeyRange::bound(&lower, &upper, Some(false), Some(false))
        .map(Query::from)
        .map_err(idb_error)
}

/// A workspace's stored document, put together from its records: the
/// revision, the text, and whether it is stored raw (one record).
async fn read_stored(
    database: &Database,
    id: &str,
) -> Result<Option<(f64, String, bool)>, SaveError> {
    let tx = database
        .transaction(&[HEADS, UNITS], TransactionMode::ReadOnly)
        .map_err(idb_error)?;
    let heads = tx.object_store(HEADS).map_err(idb_error)?;
    let Some(head) = heads
        .get(JsValue::from_str(id))
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?
    else {
        return Ok(None);
    };
    let revision = field(&head, "revision").as_f64().unwrap_or(0.0);
    if let Some(raw) = text_field(&head, "raw") {
        return Ok(Some((revision, raw, true)));
    }
    let order: Vec<String> = text_field(&head, "order")
        .and_then(|o| serde_json::from_str(&o).ok())
        .unwrap_or_default();
    let units = tx.object_store(UNITS).map_err(idb_error)?;
    let records = units
        .get_all(Some(units_of(id)?), None)
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    let mut texts: HashMap<String, String> = HashMap::with_capacity(records.len());
    for record in &records {
        if let (Some(unit), Some(text)) = (text_field(record, "unit"), text_field(record, "text")) {
            texts.insert(unit, text);
        }
    }
    let mut out = text_field(&head, "before").unwrap_or_default();
    out.push('[');
    for (i, unit) in order.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // A unit the order names but no record holds leaves the document
        // unreadable rather than silently shorter.
        out.push_str(texts.get(unit).map_or("", String::as_str));
    }
    out.push(']');
    out.push_str(&text_field(&head, "after").unwrap_or_default());
    Ok(Some((revision, out, false)))
}

/// The same without the flag.
async fn read_text(database: &Database, id: &str) -> Result<Option<(f64, String)>, SaveError> {
    Ok(read_stored(database, id)
        .await?
        .map(|(revision, text, _)| (revision, text)))
}

fn remember(workspace: &Workspace, revision: f64, whole: bool) {
    let image = Image::of(workspace, whole);
    KNOWN.with_borrow_mut(|known| {
        known.insert(workspace.id.clone(), Known { revision, image });
    });
}

fn set_name(id: &str, name: &str) {
    NAMES.with_borrow_mut(|names| {
        match names.iter_mut().find(|(i, _)| i == id) {
            Some(entry) if entry.1 == name => return,
            Some(entry) => name.clone_into(&mut entry.1),
            None => names.push((id.to_owned(), name.to_owned())),
        }
        crate::sorting::sort_by(names, |a, b| a.1.cmp(&b.1));
        NAMES_CHANGED.set(true);
    });
}

/// Whether the list of stored workspaces changed (one added or renamed)
/// since this was last asked.
pub fn take_names_changed() -> bool {
    NAMES_CHANGED.replace(false)
}

/// Reads the heads' names and what is kept aside into memory.
async fn refresh_lists(database: &Database) -> Result<(), SaveError> {
    let tx = database
        .transaction(&[HEADS, KEPT], TransactionMode::ReadOnly)
        .map_err(idb_error)?;
    let heads = tx
        .object_store(HEADS)
        .map_err(idb_error)?
        .get_all(None, None)
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    let mut names: Vec<(String, String)> = heads
        .iter()
        .filter_map(|h| {
            Some((
                text_field(h, "id")?,
                text_field(h, "name").unwrap_or_default(),
            ))
        })
        .collect();
    crate::sorting::sort_by(&mut names, |a, b| a.1.cmp(&b.1));
    if NAMES.with_borrow(|old| *old != names) {
        NAMES_CHANGED.set(true);
    }
    NAMES.set(names);
    let kept_store = tx.object_store(KEPT).map_err(idb_error)?;
    let keys = kept_store
        .get_all_keys(None, None)
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    let values = kept_store
        .get_all(None, None)
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    let mut kept: Vec<(Quarantined, String)> = keys
        .iter()
        .zip(values.iter())
        .filter_map(|(key, value)| {
            let key = key.as_string()?;
            let text = text_field(value, "text")?;
            let (reason_vi, reason_en) = match document::from_json(&text) {
                Err(error) => (error.message(Lang::Vi), error.message(Lang::En)),
                Ok(_) => (String::new(), String::new()),
            };
            let rest = key.trim_start_matches(QUARANTINE_PREFIX);
            let id = rest.rsplit_once(':').map_or(rest, |(id, _)| id);
            let original_key = text_field(value, "original_key")
                .unwrap_or_else(|| format!("{WORKSPACE_PREFIX}{id}"));
            Some((
                Quarantined {
                    key,
                    original_key,
                    reason_vi,
                    reason_en,
                },
                text,
            ))
        })
        .collect();
    crate::sorting::sort_by(&mut kept, |a, b| a.0.key.cmp(&b.0.key));
    KEPT_DATA.set(kept);
    Ok(())
}

/// Writes one record in its own transaction and reads it back: `true`
/// only when what is stored now is `text`, byte for byte.
async fn put_verified(
    database: &Database,
    store: &str,
    key: &JsValue,
    record: &JsValue,
    text_name: &str,
    text: &str,
) -> Result<bool, SaveError> {
    let tx = database
        .transaction(&[store], TransactionMode::ReadWrite)
        .map_err(idb_error)?;
    let raw_tx: web_sys::IdbTransaction = tx
        .object_store(store)
        .map_err(idb_error)?
        .transaction()
        .into();
    tx.object_store(store)
        .map_err(idb_error)?
        .put(record, Some(key))
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    match tx.await {
        Ok(TransactionResult::Committed) => {}
        Ok(TransactionResult::Aborted) | Err(_) => {
            return Err(aborted(&raw_tx));
        }
    }
    let tx = database
        .transaction(&[store], TransactionMode::ReadOnly)
        .map_err(idb_error)?;
    let back = tx
        .object_store(store)
        .map_err(idb_error)?
        .get(key.clone())
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    Ok(back.is_some_and(|b| text_field(&b, text_name).as_deref() == Some(text)))
}

/// Why a transaction did not commit.
fn aborted(tx: &web_sys::IdbTransaction) -> SaveError {
    match tx.error() {
        Some(exception) => save_error_named(exception.name(), &|| exception.message()),
        None => SaveError::Unavailable("IndexedDB".to_owned()),
    }
}

/// Moves what earlier versions kept in localStorage into IndexedDB: each
/// workspace is written, read back and compared, and only then removed;
/// unreadable ones (and localStorage's quarantine) go to `kept` the same
/// way. Newer versions' data stays where it is.
async fn migrate(database: &Database, loaded: &mut Loaded) -> Vec<Workspace> {
    let mut unmoved = Vec::new();
    let Some(storage) = local() else {
        return unmoved;
    };
    let mut keys: Vec<String> = local_keys(&storage)
        .into_iter()
        .filter(|k| k.starts_with(WORKSPACE_PREFIX) || k.starts_with(QUARANTINE_PREFIX))
        .collect();
    crate::sorting::sort(&mut keys);
    for key in keys {
        let Ok(Some(text)) = storage.get_item(&key) else {
            continue;
        };
        if let Some(kept_key) = key.strip_prefix(QUARANTINE_PREFIX).map(|_| key.clone()) {
            let id = kept_key.trim_start_matches(QUARANTINE_PREFIX);
            let id = id.rsplit_once(':').map_or(id, |(id, _)| id);
            if keep(
                database,
                &kept_key,
                &format!("{WORKSPACE_PREFIX}{id}"),
                &text,
            )
            .await
            .unwrap_or(false)
            {
                let _ = storage.remove_item(&key);
            }
            continue;
        }
        let key_id = key.trim_start_matches(WORKSPACE_PREFIX).to_owned();
        match document::from_json(&text) {
            Ok(workspace) => {
                if move_workspace(database, &workspace, &text).await {
                    let _ = storage.remove_item(&key);
                } else {
                    // Not copied (storage full?): it stays in localStorage,
                    // and is still shown; the next start tries again.
                    unmoved.push(workspace);
                }
            }
            Err(error) => {
                if let Some(newer) = document::read_newer(&text) {
                    // Left where it is, untouched.
                    loaded.newer.push((key_id, newer));
                    continue;
                }
                let kept_key = format!("{QUARANTINE_PREFIX}{key_id}:{}", now_millis());
                match keep(database, &kept_key, &key, &text).await {
                    Ok(true) => {
                        let _ = storage.remove_item(&key);
                    }
                    _ => {
                        loaded.unmoved.push((
                            key_id.clone(),
                            error.message(Lang::Vi),
                            error.message(Lang::En),
                        ));
                        loaded.blocked_ids.push(key_id);
                    }
                }
            }
        }
    }
    unmoved
}

/// Keeps unreadable `text` aside under `kept_key`; `true` once it is
/// stored and read back the same.
async fn keep(
    database: &Database,
    kept_key: &str,
    original_key: &str,
    text: &str,
) -> Result<bool, SaveError> {
    let record = object(&[
        ("original_key", JsValue::from_str(original_key)),
        ("text", JsValue::from_str(text)),
    ]);
    put_verified(
        database,
        KEPT,
        &JsValue::from_str(kept_key),
        &record,
        "text",
        text,
    )
    .await
}

/// Writes a workspace found in localStorage as a raw head (its text byte
/// for byte); `true` once it is stored and read back the same. When
/// IndexedDB already holds a different workspace under its id (a start
/// that stopped half way, then edits), both are kept: this one under a
/// new id.
async fn move_workspace(database: &Database, workspace: &Workspace, text: &str) -> bool {
    let mut id = workspace.id.clone();
    let mut name = workspace.name.clone();
    if let Ok(Some((_, stored))) = read_text(database, &id).await {
        if stored == text {
            // Copied by an earlier start that stopped before removing it.
            return true;
        }
        if document::from_json(&stored).is_ok_and(|s| s == *workspace) {
            return true;
        }
        id = format!("{}-{}", workspace.id, now_millis());
        name = format!("{} (localStorage)", workspace.name);
    }
    if id != workspace.id {
        // Under a new id: written as records, since the text names the old id.
        let mut copy = workspace.clone();
        copy.id = id;
        copy.name = name;
        let mut prepared = prepare_for(&copy, true, None);
        prepared.take_all(&copy).await;
        return write(prepared).await.is_ok()
            && read_text(database, &copy.id)
                .await
                .ok()
                .flatten()
                .and_then(|(_, t)| document::from_json(&t).ok())
                .is_some_and(|back| back == copy);
    }
    let record = object(&[
        ("id", JsValue::from_str(&id)),
        ("name", JsValue::from_str(&name)),
        (
            "schema_version",
            JsValue::from_f64(f64::from(workspace.schema_version)),
        ),
        ("revision", JsValue::from_f64(1.0)),
        ("raw", JsValue::from_str(text)),
    ]);
    put_verified(
        database,
        HEADS,
        &JsValue::from_str(&id),
        &record,
        "raw",
        text,
    )
    .await
    .unwrap_or(false)
}

/// sessionStorage: set when a workspace opened before its units were
/// read could not then be read that way; the page reloads and the next
/// start reads it whole, so that its errors are handled as at any start.
const READ_WHOLE_KEY: &str = "coop-plan:read-whole";

/// Whether this start must read the workspace whole (the flag is taken).
fn skip_open_before_read() -> bool {
    use gloo_storage::SessionStorage;
    let set = SessionStorage::get::<bool>(READ_WHOLE_KEY).unwrap_or(false);
    SessionStorage::delete(READ_WHOLE_KEY);
    set
}

/// The workspace opened before its units were read could not be read by
/// records: the page starts again and reads it whole.
pub fn read_whole_after_reload() {
    use gloo_storage::SessionStorage;
    let _ = SessionStorage::set(READ_WHOLE_KEY, true);
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Opens the database, moves what earlier versions kept in localStorage
/// into it, and reads the workspace to open.
pub async fn load() -> Loaded {
    let mut loaded = Loaded {
        current: LocalStorage::get::<String>(CURRENT_KEY).ok(),
        ..Loaded::default()
    };
    let database = match open().await {
        Ok(database) => database,
        Err(_) => {
            // No IndexedDB (switched off): nothing is moved or read, and
            // saves say they failed; localStorage is left as it is.
            return loaded;
        }
    };
    let database = web_sys::IdbDatabase::from(database);
    DB.set(Some(database.clone()));
    let database = Database::from(database);
    let unmoved = migrate(&database, &mut loaded).await;
    let _ = refresh_lists(&database).await;
    let mut ids: Vec<String> = NAMES.with_borrow(|n| n.iter().map(|(id, _)| id.clone()).collect());
    crate::sorting::sort(&mut ids);
    // The remembered one first, unless it is a newer version's.
    let remembered_newer = loaded
        .current
        .as_ref()
        .is_some_and(|c| loaded.newer.iter().any(|(id, _)| id == c));
    if let Some(current) = &loaded.current {
        if let Some(at) = ids.iter().position(|id| id == current) {
            let id = ids.remove(at);
            ids.insert(0, id);
        } else if remembered_newer {
            ids.clear();
        }
    }
    // The remembered workspace, when big and its targets were kept as of
    // today, opens before its units are read.
    if let Some(current) = loaded
        .current
        .as_deref()
        .filter(|c| ids.first().map(String::as_str) == Some(*c))
    {
        if !skip_open_before_read() {
            if let Some((workspace, snapshot)) =
                read_head_only(&database, current, super::today::today()).await
            {
                loaded.workspaces.push(workspace);
                loaded.unread = Some(snapshot);
                ids.clear();
            }
        }
    }
    // Bounded by the stored workspaces: each is tried once.
    let mut kept_aside = false;
    for id in ids {
        match read_workspace(&id).await {
            Some(Ok(workspace)) => {
                loaded.workspaces.push(workspace);
                break;
            }
            Some(Err(_)) => {
                // Unreadable in IndexedDB: kept aside, byte for byte, and
                // only then removed.
                if let Ok(Some((_, text))) = read_text(&database, &id).await {
                    let kept_key = format!("{QUARANTINE_PREFIX}{id}:{}", now_millis());
                    let original = format!("{WORKSPACE_PREFIX}{id}");
                    if keep(&database, &kept_key, &original, &text)
                        .await
                        .unwrap_or(false)
                    {
                        let _ = remove(&database, &id).await;
                        kept_aside = true;
                    } else {
                        loaded.blocked_ids.push(id);
                    }
                }
            }
            None => {}
        }
    }
    if kept_aside {
        // The lists as they are now (every head is read again: at a
        // national scale, 2 MB of order that start-up can do without).
        let _ = refresh_lists(&database).await;
    }
    // A workspace that could not be copied from localStorage is still
    // shown (and listed): the remembered one, or any when none was read.
    for workspace in unmoved {
        set_name(&workspace.id, &workspace.name);
        let remembered = loaded.current.as_deref() == Some(workspace.id.as_str());
        if remembered && !loaded.workspaces.iter().any(|w| w.id == workspace.id) {
            loaded.workspaces.clear();
        }
        if loaded.workspaces.is_empty() {
            // What is shown is not what IndexedDB holds under this id (if
            // anything): its first save writes every record.
            KNOWN.with_borrow_mut(|known| {
                if let Some(k) = known.get_mut(&workspace.id) {
                    k.image.whole = true;
                    k.image.generation = None;
                }
            });
            loaded.workspaces.push(workspace);
        }
    }
    loaded.quarantined = list_quarantined();
    loaded
}

/// Everything currently kept aside, with the reason it could not be read.
pub fn list_quarantined() -> Vec<Quarantined> {
    KEPT_DATA.with_borrow(|kept| kept.iter().map(|(q, _)| q.clone()).collect())
}

/// The raw text kept under a quarantine key.
pub fn quarantined_text(key: &str) -> Option<String> {
    KEPT_DATA.with_borrow(|kept| {
        kept.iter()
            .find(|(q, _)| q.key == key)
            .map(|(_, t)| t.clone())
    })
}

/// Deletes data kept aside, after the user confirmed.
pub async fn discard_quarantined(key: &str) {
    if !key.starts_with(QUARANTINE_PREFIX) {
        return;
    }
    KEPT_DATA.with_borrow_mut(|kept| kept.retain(|(q, _)| q.key != key));
    let Ok(database) = db() else { return };
    if let Ok(tx) = database.transaction(&[KEPT], TransactionMode::ReadWrite) {
        if let Ok(store) = tx.object_store(KEPT) {
            if let Ok(request) = store.delete(JsValue::from_str(key)) {
                let _ = request.await;
            }
        }
        let _ = tx.await;
    }
}

/// The records a save writes, worked out from the workspace at once: the
/// write itself ([`write`]) is asynchronous.
pub struct Prepared {
    id: String,
    name: String,
    /// The revision this tab knows; `None`: no check (the user chose to
    /// overwrite, or this tab never saw the workspace).
    expect: Option<f64>,
    /// The revision this tab knew when this was prepared: if it knows
    /// another once written (it read another tab's save meanwhile), the
    /// image no longer follows the change numbers.
    known: Option<f64>,
    /// What to write: each changed unit's text is made as it is written
    /// ([`write`], a slice at a time).
    diff: save_diff::Diff,
    /// The targets as of today for the workspace saved, as JSON: kept in
    /// the head for the next opening ([`OPEN_BEFORE_READ_UNITS`]).
    snapshot: Option<String>,
}

impl Prepared {
    /// Keeps `snapshot`, the targets of the workspace this save writes,
    /// with it; a save without one removes the one kept before.
    pub fn with_snapshot(mut self, snapshot: Option<&Snapshot>) -> Self {
        self.snapshot = snapshot.and_then(|s| serde_json::to_string(s).ok());
        self
    }

    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.diff.is_empty()
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Whether only the units the caller said changed were compared
    /// ([`prepare_since`]).
    pub fn hinted(&self) -> bool {
        self.diff.hinted
    }

    /// A save that writes every unit copies them from the workspace a
    /// slice at a time, the browser's turn in between: `Ok(true)` once
    /// all are taken, [`save_diff::Moved`] when the workspace's units
    /// moved meanwhile (prepare again). See [`save_diff::Diff::take`].
    pub fn take(&mut self, workspace: &Workspace) -> Result<bool, save_diff::Moved> {
        let turns = Turns::new(WRITE_SLICE_MS);
        while !self.diff.take(workspace, TAKE_UNITS)? {
            if turns.due() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// [`Prepared::take`] until done, the browser's turn between slices,
    /// from the workspace `with` lends each time (the open one may change
    /// in between): `Err` when its units moved meanwhile.
    pub async fn take_from(
        &mut self,
        with: impl Fn(&mut dyn FnMut(&Workspace)),
    ) -> Result<(), save_diff::Moved> {
        // Bounded: each round takes at least one slice of units, or ends.
        for _ in 0..=self.diff.deferred.len() / TAKE_UNITS + 1 {
            let mut taken = Ok(true);
            with(&mut |w| taken = self.take(w));
            if taken? {
                return Ok(());
            }
            next_turn().await;
        }
        Err(save_diff::Moved)
    }

    /// The same for a workspace that cannot change meanwhile.
    pub async fn take_all(&mut self, workspace: &Workspace) {
        // Taken from the workspace it was prepared from: nothing moves.
        let _ = self.take_from(|take| take(workspace)).await;
    }
}

/// How many units [`Prepared::take`] copies between looks at the clock.
const TAKE_UNITS: usize = 250;

/// Whether localStorage holds a newer version's data under `id`.
fn newer_in_local(id: &str) -> bool {
    local()
        .and_then(|s| {
            s.get_item(&format!("{WORKSPACE_PREFIX}{id}"))
                .ok()
                .flatten()
        })
        .is_some_and(|text| document::is_newer(&text))
}

/// What saving `workspace` writes. Refused at once for a newer version's
/// data.
pub fn prepare(workspace: &Workspace) -> Result<Prepared, SaveError> {
    check(workspace)?;
    Ok(prepare_for(workspace, false, None))
}

/// The same, told which units changed: `changes.generation` is the
/// number of the workspace's last change, and `changes.log` the units each
/// change wrote. Only the units the log names are compared, and only when
/// it accounts for every change since this tab last stored the workspace
/// ([`crate::files::save_diff`]); otherwise every unit is.
pub fn prepare_since(workspace: &Workspace, changes: Changes) -> Result<Prepared, SaveError> {
    check(workspace)?;
    Ok(prepare_for(workspace, false, Some(changes)))
}

/// The same, to be written over whatever another tab saved: only after
/// the user chose to keep this tab's version.
pub fn prepare_anyway(workspace: &Workspace) -> Result<Prepared, SaveError> {
    check(workspace)?;
    Ok(prepare_for(workspace, true, None))
}

fn check(workspace: &Workspace) -> Result<(), SaveError> {
    // A view of newer data (see `crate::files::document::Newer`) is never written.
    if u64::from(workspace.schema_version) > u64::from(crate::domain::workspace::SCHEMA_VERSION)
        || newer_in_local(&workspace.id)
    {
        return Err(SaveError::Newer);
    }
    Ok(())
}

fn prepare_for(workspace: &Workspace, overwrite: bool, changes: Option<Changes>) -> Prepared {
    KNOWN.with_borrow(|known| {
        let known = known.get(&workspace.id);
        let expect = if overwrite {
            None
        } else {
            known.map(|k| k.revision)
        };
        let diff =
            save_diff::diff_deferring(known.map(|k| &k.image), workspace, overwrite, changes);
        Prepared {
            id: workspace.id.clone(),
            name: workspace.name.clone(),
            expect,
            known: known.map(|k| k.revision),
            diff,
            snapshot: None,
        }
    })
}

/// This tab's image of `id` is the workspace as it is after change number
/// `generation` (it was just read, and nothing changed it since): saves
/// may then be told which units changed ([`prepare_since`]). Not for an
/// image that is to be written whole anyway (stored raw, or not what is
/// shown: [`load`]).
pub fn stamp(id: &str, generation: u64) {
    KNOWN.with_borrow_mut(|known| {
        if let Some(k) = known.get_mut(id) {
            if !k.image.whole {
                k.image.generation = Some(generation);
            }
        }
    });
}

/// Writes what [`prepare`] found, in one transaction: refused with
/// [`SaveError::Conflict`] when the stored revision is not the one this
/// tab knows. On failure nothing was written.
pub async fn write(prepared: Prepared) -> Result<(), SaveError> {
    if !prepared.diff.deferred.is_empty() {
        // Not every unit was taken ([`Prepared::take`]): writing would
        // lose the others.
        return Err(SaveError::Unavailable("IndexedDB".to_owned()));
    }
    let database = db()?;
    set_name(&prepared.id, &prepared.name);
    let tx = database
        .transaction(&[HEADS, UNITS], TransactionMode::ReadWrite)
        .map_err(idb_error)?;
    let heads = tx.object_store(HEADS).map_err(idb_error)?;
    let raw_tx: web_sys::IdbTransaction = heads.transaction().into();
    let stored = heads
        .get(JsValue::from_str(&prepared.id))
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    let stored_revision = stored
        .as_ref()
        .map(|h| field(h, "revision").as_f64().unwrap_or(0.0));
    let stored_schema = stored
        .as_ref()
        .and_then(|h| field(h, "schema_version").as_f64())
        .unwrap_or(0.0);
    if stored_schema > f64::from(crate::domain::workspace::SCHEMA_VERSION) {
        let _ = tx.abort();
        return Err(SaveError::Newer);
    }
    if let Some(expect) = prepared.expect {
        if stored_revision != Some(expect) {
            let _ = tx.abort();
            return Err(SaveError::Conflict);
        }
    }
    let revision = stored_revision.unwrap_or(0.0) + 1.0;
    // The order, when unchanged, is carried over from the stored head.
    // The order, when it changed, as JSON: made here rather than when
    // prepared, where it would add to the same task as the diff.
    let order = match &prepared.diff.order {
        Some(order) => {
            JsValue::from_str(&serde_json::to_string(order).unwrap_or_else(|_| "[]".to_owned()))
        }
        None => stored
            .as_ref()
            .map(|h| field(h, "order"))
            .unwrap_or_else(|| JsValue::from_str("[]")),
    };
    let mut fields = vec![
        ("id", JsValue::from_str(&prepared.id)),
        ("name", JsValue::from_str(&prepared.name)),
        (
            "schema_version",
            JsValue::from_f64(f64::from(crate::domain::workspace::SCHEMA_VERSION)),
        ),
        ("revision", JsValue::from_f64(revision)),
        ("before", JsValue::from_str(&prepared.diff.before)),
        ("after", JsValue::from_str(&prepared.diff.after)),
        ("order", order),
    ];
    if let Some(snapshot) = &prepared.snapshot {
        fields.push(("snapshot", JsValue::from_str(snapshot)));
    }
    let head = object(&fields);
    heads
        .put(&head, Some(&JsValue::from_str(&prepared.id)))
        .map_err(idb_error)?;
    let units = tx.object_store(UNITS).map_err(idb_error)?;
    if prepared.diff.whole {
        units.delete(units_of(&prepared.id)?).map_err(idb_error)?;
    }
    let id_value = JsValue::from_str(&prepared.id);
    let revision_value = JsValue::from_f64(revision);
    // A whole country is 100 MB of text: the units are written a slice
    // at a time, each slice ending by waiting for its last request. Its
    // success is a task of its own, so the browser draws and answers in
    // between, and the transaction stays active for the next slice (it
    // would commit on a `setTimeout` turn: nothing may wait on anything
    // but its own requests).
    let mut slice = Turns::new(WRITE_SLICE_MS);
    let mut failed = None;
    for (_, unit) in &prepared.diff.changed {
        let record = object(&[
            ("ws", id_value.clone()),
            ("unit", JsValue::from_str(&unit.id)),
            (
                "text",
                JsValue::from_str(&crate::files::document::unit_text(unit)),
            ),
            ("revision", revision_value.clone()),
        ]);
        let request = units
            .put(&record, Some(&unit_key(&prepared.id, &unit.id)))
            .map_err(idb_error)?;
        if let Err(error) = pace(&mut slice, request).await {
            failed = Some(error);
            break;
        }
    }
    if failed.is_none() {
        for unit in &prepared.diff.removed {
            let request = units
                .delete(unit_key(&prepared.id, unit))
                .map_err(idb_error)?;
            if let Err(error) = pace(&mut slice, request).await {
                failed = Some(error);
                break;
            }
        }
    }
    if let Some(error) = failed {
        // A request failed: nothing of this save is kept.
        let _ = tx.abort();
        return Err(idb_error(error));
    }
    match tx.await {
        Ok(TransactionResult::Committed) => {}
        Ok(TransactionResult::Aborted) | Err(_) => {
            return Err(aborted(&raw_tx));
        }
    }
    // What is stored now is what this tab knows.
    KNOWN.with_borrow_mut(|known| {
        let entry = known.entry(prepared.id.clone()).or_insert_with(|| Known {
            revision,
            image: Image::default(),
        });
        let followed = prepared.known.is_none_or(|k| k == entry.revision);
        entry.revision = revision;
        entry.image.apply(prepared.diff);
        if !followed {
            entry.image.generation = None;
        }
    });
    announce(&object(&[
        ("id", JsValue::from_str(&prepared.id)),
        ("revision", JsValue::from_f64(revision)),
    ]));
    Ok(())
}

/// Inside a write's transaction: once the slice is used up, waits on
/// `request` (the last one made), which gives the page its turn and
/// keeps the transaction active, then starts a new slice.
async fn pace<T>(
    slice: &mut Turns,
    request: impl std::future::IntoFuture<Output = Result<T, idb::Error>>,
) -> Result<(), idb::Error> {
    if slice.due() {
        request.await?;
        slice.restart();
    }
    Ok(())
}

fn announce(message: &JsValue) {
    BROADCAST.with(|channel| {
        if let Some(channel) = channel {
            let _ = channel.post_message(message);
        }
    });
}

/// Calls `hear` with each message another tab posts about a save:
/// the workspace id, and its revision (`None`: deleted).
pub fn listen_to_other_tabs(hear: impl Fn(String, Option<f64>) + 'static) {
    BROADCAST.with(|channel| {
        let Some(channel) = channel else { return };
        let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let data = event.data();
                let Some(id) = text_field(&data, "id") else {
                    return;
                };
                let deleted = field(&data, "deleted").as_bool().unwrap_or(false);
                let revision = field(&data, "revision").as_f64();
                hear(
                    id,
                    if deleted {
                        None
                    } else {
                        revision.or(Some(0.0))
                    },
                );
            },
        );
        channel.set_onmessage(Some(closure.as_ref().unchecked_ref()));
        // Listens as long as the page lives.
        closure.forget();
    });
}

/// Whether `revision` of `id` is the one this tab last read or wrote.
pub fn is_known(id: &str, revision: f64) -> bool {
    KNOWN.with_borrow(|known| known.get(id).is_some_and(|k| k.revision == revision))
}

/// Reads the heads' names again (another tab saved or deleted one).
pub async fn refresh() {
    if let Ok(database) = db() {
        let _ = refresh_lists(&database).await;
    }
}

/// The id and name of every stored workspace (from the heads, without
/// reading their units), and of any a newer version left in localStorage.
pub fn list_workspaces() -> Vec<(String, String)> {
    #[derive(Deserialize)]
    struct Name {
        id: String,
        name: String,
    }
    let mut found = NAMES.with_borrow(|names| names.clone());
    if let Some(storage) = local() {
        for key in local_keys(&storage) {
            if !key.starts_with(WORKSPACE_PREFIX) {
                continue;
            }
            let Some(name) = storage
                .get_item(&key)
                .ok()
                .flatten()
                .and_then(|text| serde_json::from_str::<Name>(&text).ok())
            else {
                continue;
            };
            if !found.iter().any(|(id, _)| *id == name.id) {
                found.push((name.id, name.name));
            }
        }
    }
    crate::sorting::sort_by(&mut found, |a, b| a.1.cmp(&b.1));
    found
}

/// What localStorage holds under `id`, when a newer version of the app
/// wrote it.
pub fn read_newer(id: &str) -> Option<document::Newer> {
    let text = local()?
        .get_item(&format!("{WORKSPACE_PREFIX}{id}"))
        .ok()
        .flatten()?;
    document::read_newer(&text)
}

/// Reads one stored workspace whole; this tab then knows its revision.
///
/// A workspace stored as records is read a batch of records at a time and
/// each unit parsed on its own ([`read_by_records`]), handing the page back
/// to the browser between slices, so that opening 110,000 units never
/// holds the page for long. Anything unusual (stored raw, another schema,
/// a record that does not read, another tab's save meanwhile) is read the
/// old way, whole, so that its errors are the whole document's, located as
/// before.
pub async fn read_workspace(id: &str) -> Option<Result<Workspace, document::DocumentError>> {
    read_workspace_reporting(id, &|_, _| ()).await
}

/// The same, telling `report` how many units of how many were read after
/// each slice.
pub async fn read_workspace_reporting(
    id: &str,
    report: &dyn Fn(usize, usize),
) -> Option<Result<Workspace, document::DocumentError>> {
    let database = db().ok()?;
    if let Some((workspace, revision, image)) = read_by_records(&database, id, report).await {
        KNOWN.with_borrow_mut(|known| {
            known.insert(workspace.id.clone(), Known { revision, image });
        });
        set_name(id, &workspace.name);
        return Some(Ok(workspace));
    }
    let (revision, text, raw) = read_stored(&database, id).await.ok().flatten()?;
    let read = document::from_json(&text);
    if let Ok(workspace) = &read {
        remember(workspace, revision, raw);
        set_name(id, &workspace.name);
    }
    Some(read)
}

/// Unit records asked for at a time while a workspace is read: the
/// browser hands a batch over in one task (2,000, about 2 MB, made tasks
/// of 100–200 ms at 110,000 units; 500 keep them under 50 ms).
const READ_BATCH: u32 = 500;
/// How long the page is held at most between two turns of the browser
/// while units are parsed, in milliseconds (the long-task line is 50).
const READ_SLICE_MS: f64 = 20.0;

/// How long a save writes records before the browser's turn ([`write`]).
const WRITE_SLICE_MS: f64 = 20.0;
/// Another tab's save while a workspace is read a batch at a time starts
/// the reading again, this many times; then it is read whole.
const READ_TRIES: usize = 3;

/// A clock in milliseconds: the page's `performance`, else the date.
pub fn clock_ms() -> impl Fn() -> f64 {
    let performance = web_sys::window().and_then(|w| w.performance());
    move || {
        performance
            .as_ref()
            .map_or_else(js_sys::Date::now, |p| p.now())
    }
}

/// Lets the browser run its other tasks (draw, answer input) before the
/// work goes on: `setTimeout(0)`.
pub async fn next_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Work done in slices on the page: [`Turns::check`] gives the browser a
/// turn ([`next_turn`]) once the slice has held the page for its length,
/// [`Turns::take`] gives one at once; each turn starts a new slice.
pub struct Turns {
    clock: Box<dyn Fn() -> f64>,
    slice_ms: f64,
    start: f64,
}

impl Turns {
    pub fn new(slice_ms: f64) -> Turns {
        let clock = clock_ms();
        let start = clock();
        Turns {
            clock: Box::new(clock),
            slice_ms,
            start,
        }
    }

    /// Whether the slice is used up.
    pub fn due(&self) -> bool {
        (self.clock)() - self.start > self.slice_ms
    }

    /// A turn for the browser now, and a new slice.
    pub async fn take(&mut self) {
        next_turn().await;
        self.start = (self.clock)();
    }

    /// A new slice, after a turn the caller gave the browser otherwise
    /// (by waiting on a request of its own).
    pub fn restart(&mut self) {
        self.start = (self.clock)();
    }

    /// A turn for the browser if the slice is used up.
    pub async fn check(&mut self) {
        if self.due() {
            self.take().await;
        }
    }
}

/// A workspace stored as records, read a batch of records at a time (each
/// batch in its own transaction, which checks that the head's revision is
/// still the one the first found) and parsed a unit at a time
/// ([`document::unit_from_text`]), with a turn for the browser every
/// [`READ_SLICE_MS`]. Gives the workspace, its revision and the image the
/// next save compares with; `None` when it must be read whole instead.
async fn read_by_records(
    database: &Database,
    id: &str,
    report: &dyn Fn(usize, usize),
) -> Option<(Workspace, f64, Image)> {
    for _ in 0..READ_TRIES {
        match read_records_once(database, id, report).await {
            Ok(read) => return read,
            // Another tab saved meanwhile: again from the start.
            Err(Restart) => continue,
        }
    }
    None
}

/// Another tab saved the workspace while it was read.
struct Restart;

/// A head stored as records (not raw, this build's schema), read.
struct Head {
    revision: f64,
    before: String,
    after: String,
    /// The units' ids in order, as JSON: parsed only by what needs them
    /// ([`Head::order`]); 110,000 ids take 20 ms to make and drop.
    order: String,
    /// The workspace without its units.
    workspace: Workspace,
    /// The targets its save found, when it kept them.
    snapshot: Option<String>,
}

impl Head {
    /// The units' ids in order; `None` when the order does not read.
    fn order(&self) -> Option<Vec<String>> {
        serde_json::from_str(&self.order).ok()
    }
}

fn head_request(tx: &idb::Transaction, id: &str) -> Option<idb::request::GetStoreRequest> {
    tx.object_store(HEADS).ok()?.get(JsValue::from_str(id)).ok()
}

/// The head of `id`, when it is stored as records by this build's schema
/// and reads.
/// The head of `id`, with its order when `with_order` (1 MB of text at a
/// national scale, which opening before the units are read does without).
async fn read_head(database: &Database, id: &str, with_order: bool) -> Option<Head> {
    let tx = database
        .transaction(&[HEADS], TransactionMode::ReadOnly)
        .ok()?;
    let head = head_request(&tx, id)?.await.ok()??;
    let revision = field(&head, "revision").as_f64().unwrap_or(0.0);
    let schema = field(&head, "schema_version").as_f64();
    if text_field(&head, "raw").is_some()
        || schema != Some(f64::from(crate::domain::workspace::SCHEMA_VERSION))
    {
        return None;
    }
    let before = text_field(&head, "before")?;
    let after = text_field(&head, "after")?;
    let order = if with_order {
        text_field(&head, "order")?
    } else {
        String::new()
    };
    // The workspace without its units, read as a document.
    let workspace = document::from_json(&format!("{before}[]{after}")).ok()?;
    if workspace.id != id {
        return None;
    }
    Some(Head {
        revision,
        before,
        after,
        order,
        workspace,
        snapshot: text_field(&head, "snapshot"),
    })
}

/// Workspaces with at least this many units open with their dashboard
/// from the targets their last save kept ([`Snapshot`]), their units read
/// afterwards ([`read_workspace`]); smaller ones are read before the page
/// is drawn, which takes well under half a second.
pub const OPEN_BEFORE_READ_UNITS: usize = 5_000;

/// The workspace `id` without its units, and the targets its last save
/// kept, when it is big enough to be worth opening before its units are
/// read ([`OPEN_BEFORE_READ_UNITS`]) and the targets were evaluated as of
/// `as_of`. The head holds the snapshot and the units' order written in
/// the same transaction, so the one is the other's.
async fn read_head_only(
    database: &Database,
    id: &str,
    as_of: chrono::NaiveDate,
) -> Option<(Workspace, Snapshot)> {
    // The snapshot counts the units of the save that wrote it, and the
    // order with it: a save writes the whole head, without a snapshot
    // when it keeps none.
    let head = read_head(database, id, false).await?;
    let snapshot: Snapshot = serde_json::from_str(head.snapshot.as_deref()?).ok()?;
    (snapshot.as_of == as_of
        && snapshot.units >= OPEN_BEFORE_READ_UNITS
        && snapshot.evaluations.len() == head.workspace.plan.targets.len())
    .then_some((head.workspace, snapshot))
}

async fn read_records_once(
    database: &Database,
    id: &str,
    report: &dyn Fn(usize, usize),
) -> Result<Option<(Workspace, f64, Image)>, Restart> {
    let Some(head) = read_head(database, id, true).await else {
        return Ok(None);
    };
    // Taking the head's 1 MB order from IndexedDB and making 110,000 ids
    // of it are 20 ms each: two tasks, not one.
    next_turn().await;
    let Some(order) = head.order() else {
        return Ok(None);
    };
    let Head {
        revision,
        before,
        after,
        mut workspace,
        ..
    } = head;
    let mut parsed: HashMap<String, Unit> = HashMap::with_capacity(order.len());
    let mut last: Option<String> = None;
    let mut turns = Turns::new(READ_SLICE_MS);
    // Bounded by the records stored: each batch starts after the last key
    // read, and an empty or short batch ends the loop.
    loop {
        let Ok(tx) = database.transaction(&[HEADS, UNITS], TransactionMode::ReadOnly) else {
            return Ok(None);
        };
        let Some(request) = head_request(&tx, id) else {
            return Ok(None);
        };
        let now = match request.await {
            Ok(Some(head)) => field(&head, "revision").as_f64().unwrap_or(0.0),
            _ => return Err(Restart),
        };
        if now != revision {
            return Err(Restart);
        }
        let lower: JsValue = match &last {
            None => js_sys::Array::of1(&JsValue::from_str(id)).into(),
            Some(unit) => unit_key(id, unit),
        };
        let upper: JsValue =
            js_sys::Array::of2(&JsValue::from_str(id), &js_sys::Array::new()).into();
        let Ok(range) = KeyRange::bound(&lower, &upper, Some(last.is_some()), Some(false)) else {
            return Ok(None);
        };
        let records = match tx
            .object_store(UNITS)
            .map(|units| units.get_all(Some(Query::from(range)), Some(READ_BATCH)))
        {
            Ok(Ok(request)) => match request.await {
                Ok(records) => records,
                Err(_) => return Ok(None),
            },
            _ => return Ok(None),
        };
        let count = records.len();
        for record in records {
            let (Some(unit_id), Some(text)) =
                (text_field(&record, "unit"), text_field(&record, "text"))
            else {
                return Ok(None);
            };
            // A unit that does not read: the whole document says where.
            let Ok(unit) = document::unit_from_text(&text) else {
                return Ok(None);
            };
            last = Some(unit_id.clone());
            parsed.insert(unit_id, unit);
            if turns.due() {
                report(parsed.len(), order.len());
                turns.take().await;
            }
        }
        if count < READ_BATCH as usize {
            break;
        }
        // A new transaction after a turn: the one before has ended.
        turns.take().await;
    }
    // In the order the head says; a unit the order names twice or no
    // record holds is left to the whole reading, which names it.
    let mut units = Vec::with_capacity(order.len());
    let mut image_units = Vec::with_capacity(order.len());
    for unit_id in &order {
        let Some(unit) = parsed.remove(unit_id) else {
            return Ok(None);
        };
        image_units.push(unit.clone());
        units.push(unit);
        turns.check().await;
    }
    workspace.units = units;
    let image = Image {
        whole: false,
        before,
        after,
        order,
        units: image_units,
        generation: None,
    };
    Ok(Some((workspace, revision, image)))
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

/// Where the self-assessment page keeps the year it shows.
const ASSESSMENT_YEAR_KEY: &str = "coop-plan:assessment-year";

/// The year the self-assessment page showed last, if any.
pub fn load_assessment_year() -> Option<i32> {
    LocalStorage::get(ASSESSMENT_YEAR_KEY).ok()
}

/// Remembers the year the self-assessment page shows, across navigation
/// and reloads; if storage refuses, the page starts at its default year
/// next time, which is harmless.
pub fn save_assessment_year(year: i32) {
    let _ = LocalStorage::set(ASSESSMENT_YEAR_KEY, year);
}

pub fn load_settings() -> Settings {
    LocalStorage::get(SETTINGS_KEY).unwrap_or_default()
}

pub fn save_settings(settings: &Settings) -> Result<(), SaveError> {
    LocalStorage::set(SETTINGS_KEY, settings).map_err(|e| SaveError::Unavailable(e.to_string()))
}

async fn remove(database: &Database, id: &str) -> Result<(), SaveError> {
    let tx = database
        .transaction(&[HEADS, UNITS], TransactionMode::ReadWrite)
        .map_err(idb_error)?;
    let raw_tx: web_sys::IdbTransaction = tx
        .object_store(HEADS)
        .map_err(idb_error)?
        .transaction()
        .into();
    tx.object_store(HEADS)
        .map_err(idb_error)?
        .delete(JsValue::from_str(id))
        .map_err(idb_error)?;
    tx.object_store(UNITS)
        .map_err(idb_error)?
        .delete(units_of(id)?)
        .map_err(idb_error)?;
    // Its sync record and entries go with it.
    tx.object_store(UNITS)
        .map_err(idb_error)?
        .delete(sync_key(id))
        .map_err(idb_error)?;
    tx.object_store(UNITS)
        .map_err(idb_error)?
        .delete(sync_entries(id, None, None)?)
        .map_err(idb_error)?;
    match tx.await {
        Ok(TransactionResult::Committed) => Ok(()),
        _ => Err(aborted(&raw_tx)),
    }
}

fn sync_key(id: &str) -> JsValue {
    JsValue::from_str(&format!("{PREFIX}sync:{id}"))
}

/// The sync's entries of workspace `id` (its [`SyncState`], a short entry
/// and a body per document) are kept in `units` too, under string keys
/// that start with the record's key and a separator no workspace id
/// holds: `…sync:<id>\u{1}m\u{1}<_id>` for an entry, `…\u{1}b\u{1}<_id>`
/// for a body.
fn sync_entry_key(id: &str, kind: char, doc: &str) -> JsValue {
    JsValue::from_str(&format!("{PREFIX}sync:{id}\u{1}{kind}\u{1}{doc}"))
}

/// Every key from `…sync:<id>\u{1}<kind>…` (or every entry and body when
/// `kind` is `None`), from after `after` when given.
fn sync_entries(id: &str, kind: Option<char>, after: Option<&str>) -> Result<Query, SaveError> {
    let base = format!("{PREFIX}sync:{id}\u{1}");
    let (lower, upper) = match kind {
        Some(kind) => (
            match after {
                Some(doc) => format!("{base}{kind}\u{1}{doc}"),
                None => format!("{base}{kind}\u{1}"),
            },
            format!("{base}{kind}\u{2}"),
        ),
        None => (base.clone(), format!("{PREFIX}sync:{id}\u{2}")),
    };
    KeyRange::bound(
        &JsValue::from_str(&lower),
        &JsValue::from_str(&upper),
        Some(after.is_some()),
        Some(true),
    )
    .map(Query::from)
    .map_err(idb_error)
}

/// Entries read from storage at a time ([`read_sync_entries`]).
const SYNC_ENTRIES_BATCH: u32 = 5_000;

/// The sync record of workspace `id`, as stored; `None` when there is none
/// (or IndexedDB cannot be read).
pub async fn read_sync(id: &str) -> Option<String> {
    read_text_under(sync_key(id)).await
}

/// The `text` of the `units` record under the string key `key`.
async fn read_text_under(key: JsValue) -> Option<String> {
    let database = db().ok()?;
    let tx = database
        .transaction(&[UNITS], TransactionMode::ReadOnly)
        .ok()?;
    let record = tx.object_store(UNITS).ok()?.get(key).ok()?.await.ok()??;
    text_field(&record, "text")
}

/// Reads the stored entries of workspace `id`'s sync into `state`, a
/// batch at a time with a turn for the browser between; an entry this
/// build cannot read is left out (that document is then unknown, and found
/// again by the next pull or push).
pub async fn read_sync_entries(id: &str, state: &mut SyncState) -> Result<(), SaveError> {
    let database = db()?;
    let mut after: Option<String> = None;
    // At most every document of a national workspace, many times over.
    for _ in 0..10_000 {
        let tx = database
            .transaction(&[UNITS], TransactionMode::ReadOnly)
            .map_err(idb_error)?;
        let values = tx
            .object_store(UNITS)
            .map_err(idb_error)?
            .get_all(
                Some(sync_entries(id, Some('m'), after.as_deref())?),
                Some(SYNC_ENTRIES_BATCH),
            )
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        let read = values.len();
        for value in &values {
            if let (Some(doc), Some(meta)) = (text_field(value, "doc"), text_field(value, "meta")) {
                state.read_entry(&doc, &meta);
                after = Some(doc);
            }
        }
        if read < SYNC_ENTRIES_BATCH as usize || after.is_none() {
            return Ok(());
        }
        next_turn().await;
    }
    Ok(())
}

/// The body stored for document `doc` of workspace `id`'s sync.
pub async fn read_sync_body(id: &str, doc: &str) -> Option<String> {
    read_text_under(sync_entry_key(id, 'b', doc)).await
}

/// Stores the sync record of workspace `id` and the entries that changed,
/// in one transaction: the record's checkpoint never runs ahead of the
/// documents it stands for. `clear` first deletes every entry stored (the
/// settings changed). Puts are paced as a save's are ([`pace`]).
pub async fn write_sync(
    id: &str,
    text: &str,
    entries: &[Entry],
    clear: bool,
) -> Result<(), SaveError> {
    let database = db()?;
    let tx = database
        .transaction(&[UNITS], TransactionMode::ReadWrite)
        .map_err(idb_error)?;
    let store = tx.object_store(UNITS).map_err(idb_error)?;
    let raw_tx: web_sys::IdbTransaction = store.transaction().into();
    let ws = JsValue::from_str(id);
    if clear {
        store
            .delete(sync_entries(id, None, None)?)
            .map_err(idb_error)?;
    }
    let record = object(&[("ws", ws.clone()), ("text", JsValue::from_str(text))]);
    store.put(&record, Some(&sync_key(id))).map_err(idb_error)?;
    let mut turns = Turns::new(WRITE_SLICE_MS);
    for entry in entries {
        let meta_key = sync_entry_key(id, 'm', &entry.id);
        let body_key = sync_entry_key(id, 'b', &entry.id);
        let deleted = match &entry.meta {
            Some(meta) => {
                let value = object(&[
                    ("ws", ws.clone()),
                    ("doc", JsValue::from_str(&entry.id)),
                    ("meta", JsValue::from_str(meta)),
                ]);
                store.put(&value, Some(&meta_key)).map_err(idb_error)?;
                match &entry.body {
                    Some(body) => {
                        let value =
                            object(&[("ws", ws.clone()), ("text", JsValue::from_str(body))]);
                        let put = store.put(&value, Some(&body_key)).map_err(idb_error)?;
                        pace(&mut turns, put).await.map_err(idb_error)?;
                        continue;
                    }
                    None => store.delete(Query::from(body_key)).map_err(idb_error)?,
                }
            }
            None => {
                store.delete(Query::from(meta_key)).map_err(idb_error)?;
                store.delete(Query::from(body_key)).map_err(idb_error)?
            }
        };
        pace(&mut turns, deleted).await.map_err(idb_error)?;
    }
    match tx.await {
        Ok(TransactionResult::Committed) => Ok(()),
        _ => Err(aborted(&raw_tx)),
    }
}

/// Removes a stored workspace; this tab forgets it had seen it. Refused
/// with [`SaveError::Newer`] for data a newer version of the app wrote.
pub async fn delete_workspace(id: &str) -> Result<(), SaveError> {
    if read_newer(id).is_some() {
        return Err(SaveError::Newer);
    }
    let database = db()?;
    remove(&database, id).await?;
    NAMES.with_borrow_mut(|names| names.retain(|(i, _)| i != id));
    KNOWN.with_borrow_mut(|known| known.remove(id));
    super::persist::forget(id);
    announce(&object(&[
        ("id", JsValue::from_str(id)),
        ("deleted", JsValue::TRUE),
    ]));
    Ok(())
}

/// [`prepare`] and [`write`] at once, for a workspace that is not the one
/// open (the open one is saved by [`super::state::AppState::persist`]).
pub async fn save_workspace(workspace: &Workspace) -> Result<(), SaveError> {
    let mut prepared = prepare(workspace)?;
    if prepared.is_empty() {
        return Ok(());
    }
    prepared.take_all(workspace).await;
    write(prepared).await
}

/// The same over whatever another tab saved.
pub async fn save_workspace_anyway(workspace: &Workspace) -> Result<(), SaveError> {
    let mut prepared = prepare_anyway(workspace)?;
    prepared.take_all(workspace).await;
    write(prepared).await
}

/// Empties the database and forgets what this tab knew of it: for the
/// browser tests, which start each case from nothing.
#[doc(hidden)]
pub async fn clear_for_tests() {
    if db().is_err() {
        if let Ok(database) = open().await {
            DB.set(Some(database.into()));
        }
    }
    if let Ok(database) = db() {
        if let Ok(tx) = database.transaction(&[HEADS, UNITS, KEPT], TransactionMode::ReadWrite) {
            for store in [HEADS, UNITS, KEPT] {
                if let Ok(store) = tx.object_store(store) {
                    let _ = store.clear();
                }
            }
            let _ = tx.await;
        }
    }
    NAMES.set(Vec::new());
    KEPT_DATA.set(Vec::new());
    KNOWN.with_borrow_mut(HashMap::clear);
}

impl Prepared {
    /// The units this save writes or removes.
    pub fn unit_ids(&self) -> Vec<String> {
        self.diff
            .changed
            .iter()
            .map(|(_, u)| u.id.clone())
            .chain(self.diff.removed.iter().cloned())
            .collect()
    }
}

/// Makes this tab believe it last saw `revision` of `id`, as a tab that
/// missed another's save would: for the browser tests.
#[doc(hidden)]
pub fn forget_revision_for_tests(id: &str, revision: f64) {
    KNOWN.with_borrow_mut(|known| {
        if let Some(k) = known.get_mut(id) {
            k.revision = revision;
        }
    });
}

/// Reads `id` the way every workspace was read before the reading by
/// records: its records joined into one document, read whole. For
/// `make bench`, to compare the two in the same run; whether it read.
#[doc(hidden)]
pub async fn read_whole_for_bench(id: &str) -> bool {
    let Ok(database) = db() else { return false };
    match read_stored(&database, id).await {
        Ok(Some((_, text, _))) => document::from_json(&text).is_ok(),
        _ => false,
    }
}

/// The document text stored for `id`: for the browser tests.
#[doc(hidden)]
pub async fn stored_text_for_tests(id: &str) -> Option<String> {
    read_text(&db().ok()?, id)
        .await
        .ok()
        .flatten()
        .map(|(_, text)| text)
}
