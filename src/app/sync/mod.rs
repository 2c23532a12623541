//! The sync with a province's CouchDB, in the browser: the open
//! workspace's sync record (read from and written to IndexedDB), the
//! login, and a sync run — pull, then push — in the background, a batch
//! at a time with a turn for the browser between, retried when the
//! browser comes back online and with back-off after a network failure.
//!
//! What to send and what an answer means is plain Rust ([`crate::sync`]);
//! this module only moves it over HTTP ([`http`]) and through the app's
//! state. Pulled documents change the workspace through its signal, as any
//! edit does, so the persisting effect saves them
//! ([`AppState::persist`]); nothing is applied while a big workspace is
//! still being read or to a read-only (newer) one.

pub mod http;

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;

use crate::app::state::{settled, AppState};
use crate::app::storage;
use crate::i18n::Text;
use crate::sync::address::{check_database, check_server, database_url};
use crate::sync::aggregate::{publish, Aggregate, News};
use crate::sync::conflict::{choice, choice_of_conflict, Choice, Unsettled};
use crate::sync::doc_id::encode_component;
use crate::sync::document::{apply_at, read_doc, Incoming, NotApplied, Places, Policy};
use crate::sync::pull::{conflicts_of, read_changes};
use crate::sync::push::{
    bulk_docs_request, confirm, read_bulk_response, BulkText, Outgoing, Walk, BATCH,
};
use crate::sync::record::{SyncRecord, SyncSettings};
use crate::sync::scope::{to_push, Scope};
use crate::sync::status::{http_problem, offline_text, Outcome};
use http::HttpError;

/// Changes asked for at a time (`_changes?limit=`).
const CHANGES_LIMIT: usize = 1000;
/// The most `_changes` rounds in one run: 200,000 changes. A run that
/// stops there goes on at the next one, from its checkpoint.
const MAX_ROUNDS: usize = 200;
/// The most records in conflict fetched for a field-by-field choice in one
/// run (`GET` each after a 409); the others are listed all the same.
const MAX_CHOICES: usize = 20;
/// Documents applied in one change of the workspace, between two turns of
/// the browser: about 15 ms at 30,000 units.
const APPLY_SLICE: usize = 100;
/// Documents a push looks at in one step ([`Walk::step`]), and how long
/// its steps may hold the page before the browser gets a turn.
const WALK_LOOK: usize = 50;
const WALK_SLICE_MS: f64 = 10.0;
/// The waits before each retry after a network failure, in seconds; the
/// last one repeats.
const BACK_OFF_S: [u32; 4] = [5, 15, 60, 300];
/// Above this many units the count of changes waiting is not worked out
/// after every edit (it writes every document of the workspace, a task
/// that grows past 50 ms somewhere above this): only whether some wait.
const COUNT_UP_TO_UNITS: usize = 1_000;

thread_local! {
    /// The open workspace's sync record, by workspace id.
    static RECORD: RefCell<Option<(String, SyncRecord)>> = const { RefCell::new(None) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// Network failures in a row: which back-off wait comes next.
    static FAILURES: Cell<usize> = const { Cell::new(0) };
    static TIMER: Cell<Option<i32>> = const { Cell::new(None) };
}

/// Who the server says is logged in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub name: String,
    pub roles: Vec<String>,
}

/// The sync as the page shows it, provided through context.
#[derive(Clone, Copy)]
pub struct Sync {
    /// The open workspace's settings; `None` when it does not sync.
    pub settings: RwSignal<Option<SyncSettings>>,
    /// Who is logged in, once the server said so.
    pub session: RwSignal<Option<Session>>,
    /// The browser's `navigator.onLine`, followed.
    pub online: RwSignal<bool>,
    pub running: RwSignal<bool>,
    pub last_pushed: RwSignal<Option<f64>>,
    pub last_pulled: RwSignal<Option<f64>>,
    /// The record's pending flag.
    pub pending_flag: RwSignal<bool>,
    /// Changes waiting to be pushed, when counted.
    pub pending: Memo<Option<usize>>,
    /// The last run failed for network reasons: it is retried.
    pub offline: RwSignal<bool>,
    /// What the last run that reached the server did.
    pub outcome: RwSignal<Option<Outcome>>,
    /// Why the last run or login stopped, in plain words.
    pub error: RwSignal<Option<Text>>,
    /// Units and yearly records changed here and on the server, offered
    /// field by field ([`crate::sync::conflict`]).
    pub choices: RwSignal<Vec<Choice>>,
    /// The province's picture as last pulled, and the roles it is placed
    /// for ([`crate::sync::aggregate`]).
    pub aggregate: RwSignal<Option<Aggregate>>,
    pub roles: RwSignal<Vec<String>>,
    /// Bumped whenever the record's knowledge of the server changes.
    known: RwSignal<u64>,
}

/// Why a run stopped.
enum Stop {
    Network,
    Said(Text),
}

fn said(vi: &str, en: &str) -> Stop {
    Stop::Said(Text::new(vi, en))
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

fn navigator_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

fn with_record<T>(id: &str, f: impl FnOnce(&mut SyncRecord) -> T) -> Option<T> {
    RECORD.with_borrow_mut(|r| match r {
        Some((rid, record)) if rid == id => Some(f(record)),
        _ => None,
    })
}

/// Who `GET /_session` says is logged in (its `userCtx`); `None` when no
/// one is, or the answer cannot be read.
fn read_session(text: &str) -> Option<Session> {
    let value: Value = serde_json::from_str(text).ok()?;
    let context = value.get("userCtx")?;
    let name = context.get("name").and_then(Value::as_str)?.to_owned();
    let roles = context
        .get("roles")
        .and_then(Value::as_array)
        .map(|roles| {
            roles
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Some(Session { name, roles })
}

/// A storage failure in both languages.
fn storage_problem(error: &storage::SaveError) -> Text {
    Text::new(
        error.message(crate::i18n::Lang::Vi),
        error.message(crate::i18n::Lang::En),
    )
}

/// A document fetched from the server (`GET`), when it answers with one.
async fn fetch_doc(url: &str) -> Option<Value> {
    let text = http::send("GET", url, None).await.ok()?;
    serde_json::from_str(&text).ok()
}

/// Stores the record of workspace `id` with the entries that changed since
/// the last store; if the store fails, they wait for the next one.
async fn store_record(id: &str) -> Result<(), storage::SaveError> {
    let Some((text, entries, clear)) = with_record(id, |r| {
        (
            r.to_text(),
            r.state.take_unsaved(usize::MAX),
            std::mem::take(&mut r.clear_entries),
        )
    }) else {
        return Ok(());
    };
    let result = storage::write_sync(id, &text, &entries, clear).await;
    if result.is_err() {
        with_record(id, |r| {
            r.state.put_back(entries);
            r.clear_entries |= clear;
        });
    }
    result
}

/// The body the server was last known to hold for document `doc`: what a
/// field-by-field choice is merged against.
async fn base_of(id: &str, doc: &str) -> Option<String> {
    if let Some(Some(body)) = with_record(id, |r| r.state.unsaved_body(doc).map(str::to_owned)) {
        return Some(body);
    }
    storage::read_sync_body(id, doc).await
}

/// Reads what the server is known to hold, stored an entry per document,
/// into the record, once a visit (before its first run).
async fn read_entries(id: &str) -> Result<(), storage::SaveError> {
    if with_record(id, |r| r.entries_read) != Some(false) {
        return Ok(());
    }
    let mut stored = crate::sync::state::SyncState::default();
    storage::read_sync_entries(id, &mut stored).await?;
    with_record(id, |r| {
        if !r.entries_read {
            r.state.absorb(stored);
            r.entries_read = true;
        }
    });
    Ok(())
}

/// The choice for each record that changed here and on the server, merged
/// against the body both came from.
async fn choices_for(state: AppState, id: &str, diverged: &[Incoming]) -> Vec<Choice> {
    let mut out = Vec::new();
    for incoming in diverged.iter().take(MAX_CHOICES) {
        let doc = match incoming {
            Incoming::Record { id, .. } | Incoming::Deleted { id, .. } => id.to_id(),
        };
        let base = base_of(id, &doc).await;
        let made = state.workspace.with_untracked(|w| {
            if w.id != id {
                return None;
            }
            choice(w, base.as_deref(), incoming)
        });
        out.extend(made);
    }
    out
}

fn scope_of(record: &SyncRecord) -> Scope {
    Scope::of_roles(&record.roles)
}

impl Sync {
    /// Makes the sync for `state`'s workspaces and provides it.
    pub fn provide(state: AppState) -> Sync {
        let settings = RwSignal::new(None::<SyncSettings>);
        let known = RwSignal::new(0u64);
        let pending = Memo::new(move |_| {
            known.track();
            state.changes.track();
            if settings.with(Option::is_none) {
                return None;
            }
            state.workspace.with(|w| {
                if w.units.len() > COUNT_UP_TO_UNITS {
                    return None;
                }
                RECORD.with_borrow(|r| match r {
                    Some((id, record)) if *id == w.id && record.entries_read => {
                        Some(to_push(w, &record.state, &scope_of(record), &record.baseline).len())
                    }
                    _ => None,
                })
            })
        });
        let sync = Sync {
            settings,
            session: RwSignal::new(None),
            online: RwSignal::new(navigator_online()),
            running: RwSignal::new(false),
            last_pushed: RwSignal::new(None),
            last_pulled: RwSignal::new(None),
            pending_flag: RwSignal::new(false),
            pending,
            offline: RwSignal::new(false),
            outcome: RwSignal::new(None),
            error: RwSignal::new(None),
            choices: RwSignal::new(Vec::new()),
            aggregate: RwSignal::new(None),
            roles: RwSignal::new(Vec::new()),
            known,
        };
        provide_context(sync);
        sync.follow_workspace(state);
        sync.follow_connection(state);
        sync
    }

    /// Reads the sync record of each workspace opened; syncs at once when
    /// changes were left waiting (a reload, a push cut off).
    fn follow_workspace(self, state: AppState) {
        let open_id = Memo::new(move |_| state.workspace.with(|w| w.id.clone()));
        Effect::new(move |_| {
            let id = open_id.get();
            spawn_local(async move {
                let record = storage::read_sync(&id)
                    .await
                    .and_then(|text| SyncRecord::from_text(&text));
                if open_id.get_untracked() != id {
                    return;
                }
                RECORD.set(record.clone().map(|r| (id.clone(), r)));
                self.show_record(record.as_ref());
                self.session.set(None);
                self.outcome.set(None);
                self.error.set(None);
                self.choices.set(Vec::new());
                if record.is_some() && navigator_online() {
                    self.check_session().await;
                    if self.pending_flag.get_untracked() {
                        self.sync_now(state);
                    }
                }
            });
        });
        // Every change of the open workspace leaves changes to push.
        Effect::watch(
            move || state.changes.get(),
            move |_, _, _| {
                let id = state.workspace.with_untracked(|w| w.id.clone());
                let flagged = with_record(&id, |r| !std::mem::replace(&mut r.pending, true));
                if flagged == Some(true) {
                    self.pending_flag.set(true);
                    spawn_local(async move {
                        let _ = store_record(&id).await;
                    });
                }
            },
            false,
        );
    }

    fn show_record(self, record: Option<&SyncRecord>) {
        self.settings.set(record.map(|r| r.settings.clone()));
        self.last_pushed.set(record.and_then(|r| r.last_pushed));
        self.last_pulled.set(record.and_then(|r| r.last_pulled));
        self.pending_flag.set(record.is_some_and(|r| r.pending));
        self.aggregate.set(
            record
                .and_then(|r| r.aggregate.as_ref())
                .and_then(Aggregate::from_stored),
        );
        self.roles
            .set(record.map(|r| r.roles.clone()).unwrap_or_default());
        self.known.update(|n| *n = n.wrapping_add(1));
    }

    /// Follows the browser's `online` and `offline` events: back online,
    /// a workspace that syncs syncs at once.
    fn follow_connection(self, state: AppState) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let online = Closure::<dyn Fn()>::new(move || {
            self.online.set(true);
            if self.settings.with_untracked(Option::is_some) {
                self.cancel_retry();
                self.sync_now(state);
            }
        });
        let offline = Closure::<dyn Fn()>::new(move || self.online.set(false));
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        let _ =
            window.add_event_listener_with_callback("offline", offline.as_ref().unchecked_ref());
        // The app lives as long as the page.
        online.forget();
        offline.forget();
    }

    fn cancel_retry(self) {
        if let (Some(timer), Some(window)) = (TIMER.take(), web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
    }

    /// Tries again after the next back-off wait.
    fn retry_later(self, state: AppState) {
        self.cancel_retry();
        let failures = FAILURES.get();
        FAILURES.set(failures + 1);
        let wait = BACK_OFF_S[failures.min(BACK_OFF_S.len() - 1)];
        let Some(window) = web_sys::window() else {
            return;
        };
        let again = Closure::once_into_js(move || {
            TIMER.set(None);
            self.sync_now(state);
        });
        if let Ok(timer) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            again.unchecked_ref(),
            i32::try_from(wait * 1000).unwrap_or(i32::MAX),
        ) {
            TIMER.set(Some(timer));
        }
    }

    /// Checks the settings the user entered, and keeps them for the open
    /// workspace; what was known of another server is forgotten.
    pub async fn configure(
        self,
        state: AppState,
        server: &str,
        database: &str,
        user: &str,
    ) -> Result<SyncSettings, Text> {
        let server = check_server(server, &origin())?;
        let database = check_database(database)?;
        let user = user.trim().to_owned();
        if user.is_empty() {
            return Err(Text::new("Hãy nhập tên đăng nhập.", "Enter the user name."));
        }
        let settings = SyncSettings {
            server,
            database,
            user,
        };
        let id = state.workspace.with_untracked(|w| w.id.clone());
        RECORD.with_borrow_mut(|r| match r {
            Some((rid, record)) if *rid == id => record.change_settings(settings.clone()),
            _ => *r = Some((id.clone(), SyncRecord::new(settings.clone()))),
        });
        with_record(&id, |r| r.pending = true);
        store_record(&id).await.map_err(|e| storage_problem(&e))?;
        let record = RECORD.with_borrow(|r| r.as_ref().map(|(_, r)| r.clone()));
        self.show_record(record.as_ref());
        Ok(settings)
    }

    /// Logs in with `password` (`POST /_session`: the browser keeps the
    /// cookie; the password is not kept), then syncs.
    pub async fn log_in(self, state: AppState, password: &str) -> Result<(), Text> {
        let Some(settings) = self.settings.get_untracked() else {
            return Err(Text::new("Chưa cài đặt đồng bộ.", "Sync is not set up."));
        };
        let body = json!({ "name": settings.user, "password": password }).to_string();
        let url = format!("{}/_session", settings.server);
        match http::send("POST", &url, Some(&body)).await {
            Ok(_) => {}
            Err(HttpError::Network) => return Err(offline_text()),
            Err(HttpError::Status { status: 401, .. }) => {
                return Err(Text::new(
                    "Tên đăng nhập hoặc mật khẩu không đúng.",
                    "The user name or password is wrong.",
                ))
            }
            Err(HttpError::Status {
                status,
                error,
                reason,
            }) => return Err(http_problem(status, &error, &reason, &settings.database)),
        }
        self.check_session().await;
        self.sync_now(state);
        Ok(())
    }

    /// Logs out (`DELETE /_session`); the settings stay.
    pub async fn log_out(self) {
        if let Some(settings) = self.settings.get_untracked() {
            let _ = http::send("DELETE", &format!("{}/_session", settings.server), None).await;
        }
        self.session.set(None);
        self.cancel_retry();
    }

    /// Asks the server who is logged in; remembers the roles.
    async fn check_session(self) -> Option<Session> {
        let settings = self.settings.get_untracked()?;
        let text = http::send("GET", &format!("{}/_session", settings.server), None)
            .await
            .ok()?;
        let session = read_session(&text)?;
        self.session.set(Some(session.clone()));
        Some(session)
    }

    /// Starts a run unless one is going on.
    pub fn sync_now(self, state: AppState) {
        if RUNNING.replace(true) {
            return;
        }
        self.cancel_retry();
        self.running.set(true);
        spawn_local(async move {
            let result = self.run(state).await;
            RUNNING.set(false);
            self.running.set(false);
            self.known.update(|n| *n = n.wrapping_add(1));
            match result {
                Ok(outcome) => {
                    FAILURES.set(0);
                    self.offline.set(false);
                    self.error.set(None);
                    self.outcome.set(Some(outcome));
                }
                Err(Stop::Network) => {
                    self.offline.set(true);
                    self.retry_later(state);
                }
                Err(Stop::Said(text)) => {
                    self.offline.set(false);
                    self.error.set(Some(text));
                }
            }
        });
    }

    fn problem(&self, error: HttpError, database: &str) -> Stop {
        match error {
            HttpError::Network => Stop::Network,
            // The proxy answers for a server it cannot reach.
            HttpError::Status {
                status: 502..=504, ..
            } => Stop::Network,
            HttpError::Status {
                status,
                error,
                reason,
            } => Stop::Said(http_problem(status, &error, &reason, database)),
        }
    }

    /// One run: who is logged in, then the pull, then the push.
    async fn run(self, state: AppState) -> Result<Outcome, Stop> {
        if state.read_only.get_untracked().is_some() {
            return Err(said(
                "Không đồng bộ: dữ liệu này do phiên bản mới hơn của ứng dụng ghi và chỉ được xem.",
                "Not synced: this data was written by a newer version of the app and is read-only.",
            ));
        }
        if state.reading.get_untracked().is_some() {
            return Err(said(
                "Chưa đồng bộ: dữ liệu vẫn đang được đọc. Hãy thử lại khi đọc xong.",
                "Not synced yet: the data is still being read. Try again once it is read.",
            ));
        }
        let Some(settings) = self.settings.get_untracked() else {
            return Err(said("Chưa cài đặt đồng bộ.", "Sync is not set up."));
        };
        if !navigator_online() {
            return Err(Stop::Network);
        }
        // What the page shows is stored first.
        settled().await;
        let id = state.workspace.with_untracked(|w| w.id.clone());
        let server = settings.server.clone();
        let database = settings.database.clone();
        let text = http::send("GET", &format!("{server}/_session"), None)
            .await
            .map_err(|e| self.problem(e, &database))?;
        let Some(session) = read_session(&text) else {
            self.session.set(None);
            return Err(said(
                "Chưa đăng nhập: hãy nhập mật khẩu và bấm Đăng nhập.",
                "Not logged in: enter the password and press Log in.",
            ));
        };
        self.session.set(Some(session.clone()));
        let Session { name, roles } = session;
        let scope = Scope::of_roles(&roles);
        if scope == Scope::NoRole {
            return Err(Stop::Said(Text::new(
                format!("Người dùng “{name}” không có vai trò nào trong cơ sở dữ liệu của tỉnh (cần “province” hoặc “unit:<mã đơn vị>”)."),
                format!("The user “{name}” has no role in the province database (it needs “province” or “unit:<unit id>”)."),
            )));
        }
        with_record(&id, |r| r.roles = roles.clone())
            .ok_or_else(|| said("Chưa cài đặt đồng bộ.", "Sync is not set up."))?;
        read_entries(&id)
            .await
            .map_err(|e| Stop::Said(storage_problem(&e)))?;
        self.known.update(|n| *n = n.wrapping_add(1));
        self.roles.set(roles.clone());
        let db = database_url(&server, &database);
        let mut outcome = Outcome::default();
        let mut choices = Vec::new();
        self.pull(state, &id, &db, &scope, &mut outcome, &mut choices)
            .await
            .map_err(|e| self.problem(e, &database))?;
        self.push(state, &id, &db, &scope, &mut outcome)
            .await
            .map_err(|e| self.problem(e, &database))?;
        // A record refused with 409 on push: the server's version, for
        // the choice.
        let mut refused = Vec::new();
        for conflict in outcome.conflicts.iter().take(MAX_CHOICES) {
            if choices.iter().any(|c: &Choice| c.id.to_id() == *conflict) {
                continue;
            }
            let url = format!("{db}/{}", encode_component(conflict));
            if let Some(value) = fetch_doc(&url).await {
                refused.extend(read_doc(&id, &value).ok());
            }
        }
        choices.extend(choices_for(state, &id, &refused).await);
        self.choices.set(choices);
        Ok(outcome)
    }

    /// The server's changes since the checkpoint, a batch at a time, each
    /// applied and stored before the checkpoint moves past it.
    async fn pull(
        self,
        state: AppState,
        id: &str,
        db: &str,
        scope: &Scope,
        outcome: &mut Outcome,
        choices: &mut Vec<Choice>,
    ) -> Result<(), HttpError> {
        let ids = state.workspace.with_untracked(|w| scope.pull_ids(w));
        let body = ids.map(|ids| json!({ "doc_ids": ids }).to_string());
        let mut waiting: Vec<Value> = Vec::new();
        let mut diverging: Vec<Incoming> = Vec::new();
        // Where the workspace's records are, kept from one slice to the
        // next while nothing else changes the workspace.
        let mut places = Places::default();
        let mut places_of = state.changes.get_untracked();
        // Documents the server holds in conflict: id, winning and losing
        // revisions.
        let mut in_conflict: Vec<(String, String, Vec<String>)> = Vec::new();
        let mut turns = storage::Turns::new(10.0);
        for _ in 0..MAX_ROUNDS {
            let Some(since) = with_record(id, |r| r.checkpoint.since()) else {
                return Ok(());
            };
            let mut url = format!(
                "{db}/_changes?include_docs=true&conflicts=true&limit={CHANGES_LIMIT}&since={}",
                crate::sync::doc_id::encode_component(&since)
            );
            let text = match &body {
                Some(body) => {
                    url.push_str("&filter=_doc_ids");
                    http::send("POST", &url, Some(body)).await?
                }
                None => http::send("GET", &url, None).await?,
            };
            turns.restart();
            let changes = match read_changes(&text) {
                Ok(changes) => changes,
                Err(reason) => {
                    outcome.malformed.push(("_changes".to_owned(), reason));
                    return Ok(());
                }
            };
            drop(text);
            turns.check().await;
            // The workspace may have been left, or made unwritable, meanwhile.
            if state.workspace.with_untracked(|w| w.id != id)
                || state.reading.get_untracked().is_some()
                || state.read_only.get_untracked().is_some()
            {
                return Ok(());
            }
            let mut docs = std::mem::take(&mut waiting);
            docs.extend(changes.documents());
            for doc in &docs {
                let losing = conflicts_of(doc);
                if losing.is_empty() {
                    continue;
                }
                let (Some(doc_id), Some(rev)) = (
                    doc.get("_id").and_then(Value::as_str),
                    doc.get("_rev").and_then(Value::as_str),
                ) else {
                    continue;
                };
                outcome.conflicts.push(doc_id.to_owned());
                if in_conflict.len() < MAX_CHOICES {
                    in_conflict.push((doc_id.to_owned(), rev.to_owned(), losing));
                }
            }
            for slice in docs.chunks(APPLY_SLICE) {
                // Applied as one change of the workspace, the index and the
                // save told which units it touched.
                let mut unchanged = None;
                if state.changes.get_untracked() != places_of {
                    places.forget();
                }
                let applied = state.edit_units(|w| {
                    let mut applied = with_record(id, |r| {
                        apply_at(w, &mut r.state, slice, Policy::KeepLocalEdits, &mut places)
                    })?;
                    if applied.changed == 0 {
                        unchanged = Some(applied);
                        return None;
                    }
                    let units = applied.units.take();
                    Some((applied, units))
                });
                let Some(applied) = applied.or(unchanged) else {
                    return Ok(());
                };
                places_of = state.changes.get_untracked();
                outcome.pulled += applied.changed;
                // The province's picture: kept with the sync record.
                if let Some(news) = applied.aggregate {
                    let aggregate = match news {
                        News::Published(aggregate) => Some(*aggregate),
                        News::Withdrawn => None,
                    };
                    with_record(id, |r| {
                        r.aggregate = aggregate.as_ref().map(Aggregate::to_stored)
                    });
                    self.aggregate.set(aggregate);
                }
                for diverged in applied.diverged {
                    let doc_id = match &diverged {
                        Incoming::Record { id, .. } | Incoming::Deleted { id, .. } => id.to_id(),
                    };
                    outcome.conflicts.push(doc_id);
                    if diverging.len() < MAX_CHOICES {
                        diverging.push(diverged);
                    }
                }
                for not in applied.not_applied {
                    match not {
                        NotApplied::Newer { .. } => outcome.newer += 1,
                        NotApplied::Malformed { id, reason } => {
                            outcome.malformed.push((id, reason))
                        }
                        NotApplied::Other { .. } => {}
                    }
                }
                waiting.extend(applied.waiting);
                turns.check().await;
            }
            // The workspace that holds these documents is stored before the
            // record that says the server holds them.
            settled().await;
            with_record(id, |r| r.checkpoint.advance(&changes));
            let _ = store_record(id).await;
            turns.take().await;
            let done = changes.results.is_empty()
                || changes.pending == Some(0)
                || (changes.pending.is_none() && changes.results.len() < CHANGES_LIMIT);
            if done {
                break;
            }
        }
        choices.extend(choices_for(state, id, &diverging).await);
        // A conflict on the server: the losing revision against the winning
        // one here (unless it was edited here too: that choice comes first).
        for (doc_id, winning, losing) in in_conflict {
            if choices.iter().any(|c| c.id.to_id() == doc_id) {
                continue;
            }
            let Some(first) = losing.first() else {
                continue;
            };
            let url = format!(
                "{db}/{}?rev={}",
                encode_component(&doc_id),
                encode_component(first)
            );
            let Some(value) = fetch_doc(&url).await else {
                continue;
            };
            let made = state.workspace.with_untracked(|w| {
                let loser = read_doc(&w.id, &value).ok()?;
                choice_of_conflict(w, &winning, &loser, losing.clone())
            });
            choices.extend(made);
        }
        outcome.conflicts.sort();
        outcome.conflicts.dedup();
        with_record(id, |r| r.last_pulled = Some(js_sys::Date::now()));
        let _ = store_record(id).await;
        self.last_pulled.set(Some(js_sys::Date::now()));
        Ok(())
    }

    /// What changed here since the server was last known to hold it, in
    /// `_bulk_docs` batches, found a few documents at a time ([`Walk`]) so
    /// that the page draws in between; each answer remembered and stored
    /// at once, so a push cut off resumes with what is left.
    async fn push(
        self,
        state: AppState,
        id: &str,
        db: &str,
        scope: &Scope,
        outcome: &mut Outcome,
    ) -> Result<(), HttpError> {
        let changes_before = state.changes.get_untracked();
        let taken = state.workspace.with_untracked(|w| {
            with_record(id, |r| r.baseline.take_once(w, scope)).filter(|_| w.id == id)
        });
        if taken.is_none() {
            return Ok(());
        }
        self.delete_losing(id, db, outcome).await?;
        let mut walk = Walk::default();
        let mut walked = false;
        let mut found: Vec<Outgoing> = Vec::new();
        let mut left = 0;
        let mut turns = storage::Turns::new(WALK_SLICE_MS);
        loop {
            while !walked && found.len() < BATCH {
                let step = state.workspace.with_untracked(|w| {
                    with_record(id, |r| {
                        let mut more = Vec::new();
                        let done = walk.step(w, &r.state, WALK_LOOK, &mut more);
                        more.retain(|o| scope.sends(o, &r.state, &r.baseline));
                        (done, more)
                    })
                    .filter(|_| w.id == id)
                });
                // The workspace was left meanwhile.
                let Some((done, more)) = step else {
                    return Ok(());
                };
                walked = done;
                found.extend(more);
                if walked && *scope == Scope::Province {
                    // The province publishes its picture for the managers,
                    // from the targets the dashboard shows when they are
                    // today's; each part in a task of its own.
                    let today = crate::app::today::today();
                    turns.take().await;
                    let evaluations = (state.as_of.get_untracked() == today)
                        .then(|| state.evaluations.get_untracked());
                    turns.take().await;
                    let published = state.workspace.with_untracked(|w| {
                        with_record(id, |r| publish(w, &r.state, scope, today, evaluations))
                    });
                    found.extend(published.flatten());
                }
                turns.check().await;
            }
            if found.is_empty() {
                break;
            }
            let rest = found.split_off(found.len().min(BATCH));
            let batch = std::mem::replace(&mut found, rest);
            let mut text = BulkText::default();
            for outgoing in &batch {
                text.push(outgoing);
                turns.check().await;
            }
            let body = text.finish();
            let text = http::send("POST", &format!("{db}/_bulk_docs"), Some(&body)).await?;
            turns.restart();
            let result = match read_bulk_response(&text) {
                Ok(result) => result,
                Err(reason) => {
                    outcome.malformed.push(("_bulk_docs".to_owned(), reason));
                    left += batch.len();
                    continue;
                }
            };
            with_record(id, |r| confirm(&mut r.state, &batch, &result));
            outcome.pushed += result.saved.len();
            left += result.conflicts.len() + result.refused.len() + result.failed.len();
            outcome.conflicts.extend(result.conflicts);
            outcome.refused.extend(result.refused);
            // Any other error (a server fault): sent again next time.
            outcome.failed.extend(result.failed);
            let _ = store_record(id).await;
            self.known.update(|n| *n = n.wrapping_add(1));
            turns.take().await;
        }
        outcome.conflicts.sort();
        outcome.conflicts.dedup();
        let now = js_sys::Date::now();
        // An edit made during the push may have been passed over.
        let pending = left > 0 || state.changes.get_untracked() != changes_before;
        with_record(id, |r| {
            r.last_pushed = Some(now);
            r.pending = pending;
        });
        let _ = store_record(id).await;
        self.last_pushed.set(Some(now));
        self.pending_flag.set(pending);
        Ok(())
    }

    /// Deletes the losing revisions of conflicts the user settled, in one
    /// `_bulk_docs` request. A revision the server no longer has (deleted
    /// already, or never replicated here) needs nothing more; one the
    /// rules refuse is reported.
    async fn delete_losing(
        self,
        id: &str,
        db: &str,
        outcome: &mut Outcome,
    ) -> Result<(), HttpError> {
        let losing = with_record(id, |r| r.losing.clone()).unwrap_or_default();
        if losing.is_empty() {
            return Ok(());
        }
        let batch: Vec<Outgoing> = losing
            .iter()
            .take(BATCH)
            .map(|(doc, rev)| Outgoing::deletion(doc, rev))
            .collect();
        let body = bulk_docs_request(&batch).to_string();
        let text = http::send("POST", &format!("{db}/_bulk_docs"), Some(&body)).await?;
        match read_bulk_response(&text) {
            Ok(result) => {
                outcome.refused.extend(result.refused);
                with_record(id, |r| {
                    r.losing.retain(|sent| {
                        !batch
                            .iter()
                            .any(|o| o.id == sent.0 && o.doc["_rev"] == *sent.1)
                    });
                });
                let _ = store_record(id).await;
            }
            Err(reason) => outcome.malformed.push(("_bulk_docs".to_owned(), reason)),
        }
        Ok(())
    }

    /// Writes the record chosen field by field (the `at`-th choice) into
    /// the workspace, through its signal as any edit, then syncs: the push
    /// sends it over the server's revision.
    pub fn settle(self, state: AppState, at: usize) -> Result<(), Unsettled> {
        let Some(choice) = self.choices.with_untracked(|c| c.get(at).cloned()) else {
            return Ok(());
        };
        let id = state.workspace.with_untracked(|w| w.id.clone());
        let mut result = Ok(());
        state.workspace.update(|w| {
            if let Some(settled) = with_record(&id, |r| choice.settle(w, &mut r.state)) {
                result = settled;
            }
        });
        result?;
        with_record(&id, |r| {
            let doc = choice.id.to_id();
            r.losing
                .extend(choice.losing.iter().map(|rev| (doc.clone(), rev.clone())));
        });
        self.choices.update(|c| {
            if at < c.len() {
                c.remove(at);
            }
        });
        self.known.update(|n| *n = n.wrapping_add(1));
        spawn_local(async move {
            settled().await;
            let _ = store_record(&id).await;
            self.sync_now(state);
        });
        Ok(())
    }
}
