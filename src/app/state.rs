//! The app's state, owned at the root and shared through context.

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use super::components::dialog::{Dialogs, Question};
use super::storage::{self, Quarantined, Settings};
use super::today::today;
use crate::domain::indicator::{Engine, Evaluation, Snapshot, WorkspaceIndex};
use crate::domain::workspace::Workspace;
use crate::files::save_diff::{ChangeLog, Changes};
use crate::i18n::{Lang, Text};

thread_local! {
    /// Set when the workspace was just stored as it is (opened, or saved by
    /// another tab), so that the save that follows every change skips it.
    static ALREADY_STORED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// A save is being written: a change meanwhile is saved after it.
    static SAVING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The workspace changed since the save being written was prepared.
    static DIRTY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set only inside [`AppState::edit_one_unit`], for the index update it
    /// forces at once: the one unit that changed. Every other change of the
    /// workspace finds it empty and rebuilds the index.
    static UNIT_EDIT: std::cell::Cell<Option<UnitEdit>> = const { std::cell::Cell::new(None) };
    /// The units written by each change of the workspace that said so
    /// ([`AppState::edit_one_unit`]), by the change's number
    /// ([`AppState::changes`]): a save compares only those units when the
    /// log accounts for every change since the last save
    /// ([`crate::files::save_diff`]).
    static CHANGE_LOG: std::cell::RefCell<ChangeLog> = std::cell::RefCell::new(ChangeLog::default());
    /// The index of a big workspace just read, built and evaluated a slice
    /// at a time ([`AppState::read_units`]), for the index memo to take
    /// instead of building one in a single long task.
    static PREBUILT: std::cell::RefCell<Option<WorkspaceIndex>> = const { std::cell::RefCell::new(None) };
    static NEXT_TOKEN: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// How long a slice of reading holds the page, in milliseconds (the
/// long-task line is 50).
const SLICE_MS: f64 = 25.0;

/// The index of `w`, built a few units at a time, then its targets as of
/// `as_of` summed a few blocks at a time, each slice about [`SLICE_MS`]
/// with a turn for the browser between: at 110,000 units, building it in
/// one go would hold the page for a quarter of a second.
async fn index_in_slices(w: &Workspace, as_of: NaiveDate) -> WorkspaceIndex {
    let mut turns = storage::Turns::new(SLICE_MS);
    let mut index = WorkspaceIndex::default();
    for unit in &w.units {
        if !index.push_unit(unit) {
            // Beyond what an index counts: the memo builds (and refuses) it.
            return WorkspaceIndex::new(w);
        }
        turns.check().await;
    }
    // Bounded: each call sums at least one block more, until none is left.
    while index.evaluate_within(w, as_of, 8).is_none() {
        turns.check().await;
    }
    index
}

/// A big workspace opened before its units were read: how far the
/// reading is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub read: usize,
    pub units: usize,
    /// Which reading this is: one begun for an earlier opening ends
    /// without effect.
    token: u32,
}

/// Above this many units a save waits a turn before comparing
/// ([`AppState::save_soon`]).
const SAVE_AFTER_A_TURN_UNITS: usize = 5_000;

/// What a change of the workspace did to its units, when it touched one
/// unit and no other (the plan, city figures and the rest may change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitChange {
    /// The first unit with this id was replaced, or appended at the end.
    Saved(String),
    /// A unit was inserted at this position.
    Inserted(usize),
    /// The unit at this position was removed.
    Removed(usize),
}

/// A [`UnitChange`] placed: the patch to make, and how many units there
/// were before it.
#[derive(Clone, Debug)]
struct UnitEdit {
    patch: Patch,
    units_before: usize,
}

#[derive(Clone, Debug)]
enum Patch {
    Replace(usize),
    Insert(usize),
    Remove(usize),
    /// The units at these positions were replaced in place, and any unit
    /// past the count before was added at the end ([`AppState::edit_units`]).
    Many(Vec<usize>),
}

impl UnitEdit {
    fn of(change: UnitChange, units_before: usize, w: &Workspace) -> Option<UnitEdit> {
        let count = w.units.len();
        let patch = match change {
            UnitChange::Saved(id) => {
                let position = w.units.iter().position(|u| u.id == id)?;
                if count == units_before {
                    Patch::Replace(position)
                } else if count == units_before + 1 && position + 1 == count {
                    Patch::Insert(position)
                } else {
                    return None;
                }
            }
            UnitChange::Inserted(position) if count == units_before + 1 => Patch::Insert(position),
            UnitChange::Removed(position) if count + 1 == units_before => Patch::Remove(position),
            _ => return None,
        };
        Some(UnitEdit {
            patch,
            units_before,
        })
    }
}

/// The index for the workspace `w`: `old` patched for `edit` when `old`
/// was made for the workspace just before it, else built again. Any doubt
/// rebuilds.
fn next_index(
    old: Option<WorkspaceIndex>,
    edit: Option<UnitEdit>,
    w: &Workspace,
) -> WorkspaceIndex {
    if let Some(index) = PREBUILT.take() {
        if index.unit_count() == w.units.len() {
            debug_assert!(index == WorkspaceIndex::new(w), "a prebuilt index differs");
            return index;
        }
    }
    let (Some(mut index), Some(edit)) = (old, edit) else {
        return WorkspaceIndex::new(w);
    };
    if edit.units_before != index.unit_count() {
        return WorkspaceIndex::new(w);
    }
    let patched = match edit.patch {
        Patch::Replace(position) => w
            .units
            .get(position)
            .is_some_and(|unit| index.replace_unit(position, unit)),
        Patch::Insert(position) => w
            .units
            .get(position)
            .is_some_and(|unit| index.insert_unit(position, unit)),
        Patch::Remove(position) => index.remove_unit(position),
        Patch::Many(positions) => {
            let before = edit.units_before;
            w.units.len() >= before
                && positions.iter().filter(|p| **p < before).all(|&p| {
                    w.units
                        .get(p)
                        .is_some_and(|unit| index.replace_unit(p, unit))
                })
                && (before..w.units.len()).all(|p| index.insert_unit(p, &w.units[p]))
        }
    };
    if !patched || index.unit_count() != w.units.len() {
        return WorkspaceIndex::new(w);
    }
    debug_assert!(index == WorkspaceIndex::new(w), "a patched index differs");
    index
}

/// A message for the user that stays until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u32,
    pub text: Text,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub workspace: RwSignal<Workspace>,
    pub as_of: RwSignal<NaiveDate>,
    pub lang: RwSignal<Lang>,
    pub notices: RwSignal<Vec<Notice>>,
    pub quarantined: RwSignal<Vec<Quarantined>>,
    /// Every target of the workspace's plan as of the as-of date.
    pub evaluations: Memo<Vec<Evaluation>>,
    /// What the evaluations read of the units, patched after an edit of
    /// one unit ([`AppState::edit_one_unit`]), built again after any other
    /// change.
    index: Memo<WorkspaceIndex>,
    /// Counts the changes of the workspace: one more each time it is read
    /// after the workspace changed, however many writes that was. Read
    /// just before and just after an edit, it gives that edit a number of
    /// its own, which no other change shares (the same way as `index`).
    pub changes: Memo<u64>,
    /// Changes when the browser answers a request for persistent storage,
    /// and after a workspace's first save in this tab, so that the data
    /// page asks the browser again what it keeps and lists the stored
    /// workspaces again.
    pub storage_answers: RwSignal<u32>,
    /// Set while the open workspace is one a newer version of the app
    /// wrote (its schema version): shown read-only, never saved.
    pub read_only: RwSignal<Option<u64>>,
    /// The in-app dialogs ([`AppState::ask`]).
    pub dialogs: Dialogs,
    /// Set while a big workspace's units are read after it opened
    /// ([`storage::OPEN_BEFORE_READ_UNITS`]): the dashboard shows the
    /// targets its last save kept, every other page waits, and nothing
    /// is saved.
    pub reading: RwSignal<Option<Reading>>,
}

/// What the user sees of a workspace a newer version wrote: what this
/// version can read of it, else an empty one under its id and name. Its
/// schema version stays the newer one, so no save path can write it.
fn newer_view(id: &str, newer: crate::files::document::Newer) -> Workspace {
    let mut view = newer
        .view
        .unwrap_or_else(|| Workspace::new(id, newer.name.clone().unwrap_or_else(|| id.to_owned())));
    view.id = id.to_owned();
    view.schema_version = u32::try_from(newer.found).unwrap_or(u32::MAX);
    view
}

/// Resolves once every change of the workspace made so far is stored
/// (or its save failed and said so), after at most a few seconds: the
/// sync writes what the server holds only once the workspace that
/// matches it is stored, so that a tab closed in between never makes an
/// older stored workspace look like a change to push.
pub async fn settled() {
    // The persisting effect starts the save on the next turn.
    storage::next_turn().await;
    for _ in 0..3000 {
        if !SAVING.get() && !DIRTY.get() {
            return;
        }
        storage::next_turn().await;
    }
}

impl AppState {
    /// Picks the workspace to open from what storage held at start-up
    /// ([`storage::load`]): the remembered one, else the first, else a new
    /// empty one under an id that no unreadable data still occupies.
    pub fn load(loaded: storage::Loaded) -> AppState {
        let settings = storage::load_settings();
        let mut workspaces = loaded.workspaces;
        let mut newer = loaded.newer;
        // The demo is remembered as current the moment it opens, before its
        // first save ends: a reload meanwhile opens it again, made anew.
        let demo_unsaved = loaded.current.as_deref() == Some(crate::domain::demo::DEMO_ID)
            && !workspaces
                .iter()
                .any(|w| w.id == crate::domain::demo::DEMO_ID)
            && !newer
                .iter()
                .any(|(id, _)| id == crate::domain::demo::DEMO_ID)
            && !loaded
                .blocked_ids
                .iter()
                .any(|id| id == crate::domain::demo::DEMO_ID);
        if demo_unsaved {
            workspaces.push(crate::domain::demo::demo_workspace());
        }
        let remembered = loaded
            .current
            .as_ref()
            .and_then(|id| workspaces.iter().position(|w| &w.id == id));
        let remembered_newer = loaded
            .current
            .as_ref()
            .and_then(|id| newer.iter().position(|(n, _)| n == id));
        // The remembered workspace, readable or newer; else the first
        // readable one; else the first newer one (read-only); else a new one.
        let mut opened_newer = None;
        let workspace = match (remembered, remembered_newer) {
            (Some(index), _) => workspaces.swap_remove(index),
            (None, Some(index)) => {
                let (id, found) = newer.swap_remove(index);
                opened_newer = Some(found.clone());
                newer_view(&id, found)
            }
            (None, None) if !workspaces.is_empty() => workspaces.swap_remove(0),
            (None, None) if !newer.is_empty() => {
                let (id, found) = newer.swap_remove(0);
                opened_newer = Some(found.clone());
                newer_view(&id, found)
            }
            (None, None) => {
                let id = (1..)
                    .map(|n| {
                        if n == 1 {
                            "main".to_owned()
                        } else {
                            format!("main-{n}")
                        }
                    })
                    .find(|id| {
                        !loaded.blocked_ids.contains(id) && !newer.iter().any(|(n, _)| n == id)
                    })
                    .unwrap_or_else(|| "main".to_owned());
                Workspace::new(
                    id,
                    settings.lang.pick("Hợp tác xã của tôi", "My cooperatives"),
                )
            }
        };
        let workspace = RwSignal::new(workspace);
        let as_of = RwSignal::new(today());
        // The index follows the data; moving the as-of date only re-reads
        // it, and an edit of one unit patches it (see `make bench` for the
        // costs at 30,000 units). Every new index counts as a change.
        let index = Memo::new_owning(move |old: Option<WorkspaceIndex>| {
            let edit = UNIT_EDIT.take();
            (workspace.with(|w| next_index(old, edit, w)), true)
        });
        let reading = RwSignal::new(None::<Reading>);
        let is_reading = Memo::new(move |_| reading.with(Option::is_some));
        let snapshot = StoredValue::new(loaded.unread);
        let evaluations = Memo::new(move |_| {
            if is_reading.get() {
                // The units are still being read: the targets the last
                // save kept, for the day they were evaluated as of.
                let as_of = as_of.get();
                return snapshot.with_value(|s| {
                    s.as_ref()
                        .filter(|s| s.as_of == as_of)
                        .map(|s| s.evaluations.clone())
                        .unwrap_or_default()
                });
            }
            index.with(|index| {
                workspace.with(|w| Engine::with_index(w, index).evaluate_all(as_of.get()))
            })
        });
        let changes = Memo::new(move |old: Option<&u64>| {
            workspace.track();
            old.map_or(0, |n| n.wrapping_add(1))
        });
        // The workspace opened is the one storage just read (if it was
        // read): the image the next save compares with is of change 0.
        workspace.with_untracked(|w| storage::stamp(&w.id, changes.get_untracked()));
        let state = AppState {
            workspace,
            as_of,
            lang: RwSignal::new(settings.lang),
            notices: RwSignal::new(Vec::new()),
            quarantined: RwSignal::new(loaded.quarantined),
            evaluations,
            index,
            changes,
            storage_answers: RwSignal::new(0),
            read_only: RwSignal::new(opened_newer.as_ref().map(|n| n.found)),
            dialogs: Dialogs::new(),
            reading,
        };
        let unread = snapshot.with_value(|s| s.as_ref().map(|s| s.units));
        if let Some(units) = unread {
            state.read_units(units);
        }
        if let Some(newer) = opened_newer {
            state.notify(crate::files::document::newer_notice(newer.view.is_some()));
        }
        // The demo made anew is stored now, as its interrupted first save
        // would have done.
        if demo_unsaved
            && state
                .workspace
                .with_untracked(|w| w.id == crate::domain::demo::DEMO_ID)
        {
            state.save_soon();
        }
        // Corrupt data that could not be kept aside (storage full) is still
        // where it was, untouched: the user must hear of it.
        for (id, reason_vi, reason_en) in loaded.unmoved {
            state.notify(Text::new(
                format!("Không đọc được không gian làm việc “{id}” ({reason_vi}). Bộ nhớ của trình duyệt đã đầy nên chưa cất riêng được; dữ liệu vẫn nằm nguyên chỗ cũ và không bị xóa. Hãy xóa bớt một không gian làm việc rồi tải lại trang để tải dữ liệu đó về."),
                format!("The workspace “{id}” could not be read ({reason_en}). The browser's storage is full, so it could not be kept aside; the data is still where it was and has not been deleted. Delete a workspace, then reload the page to download that data."),
            ));
        }
        state
    }

    /// Shows the workspace stored under `id`, which a newer version of the
    /// app wrote, read-only and without writing anything to it.
    pub fn open_read_only(&self, id: &str) -> bool {
        let Some(newer) = storage::read_newer(id) else {
            return false;
        };
        let readable = newer.view.is_some();
        self.reading.set(None);
        self.read_only.set(Some(newer.found));
        // Nothing to save: the persisting effect only remembers it as open.
        ALREADY_STORED.set(true);
        self.workspace.set(newer_view(id, newer));
        self.notify(crate::files::document::newer_notice(readable));
        true
    }

    /// Changes the workspace through `f`, which touches at most one unit
    /// and says how ([`UnitChange`]; the plan, city figures and the rest
    /// may change too). The index behind the targets is then patched for
    /// that unit instead of built again. `f` returning `None` rebuilds it.
    pub fn edit_one_unit(&self, f: &mut dyn FnMut(&mut Workspace) -> Option<UnitChange>) {
        // Up to date first, so that the edit is patched onto an index of
        // the workspace exactly as `f` finds it (an earlier change not yet
        // read would otherwise be missed).
        self.index.with_untracked(|_| ());
        // So too the count of changes: the edit gets a number of its own.
        let before = self.changes.get_untracked();
        let mut written: Option<(Vec<String>, Option<usize>)> = None;
        self.workspace.update(|w| {
            let units_before = w.units.len();
            let edit = f(w).and_then(|change| UnitEdit::of(change, units_before, w));
            // The units the save must compare: the one replaced or inserted
            // (none for a removal; the order says which).
            written = edit.as_ref().map(|edit| match edit.patch {
                Patch::Replace(p) => (
                    w.units.get(p).map(|u| u.id.clone()).into_iter().collect(),
                    Some(p),
                ),
                Patch::Insert(p) => (
                    w.units.get(p).map(|u| u.id.clone()).into_iter().collect(),
                    None,
                ),
                Patch::Remove(_) | Patch::Many(_) => (Vec::new(), None),
            });
            UNIT_EDIT.set(edit);
        });
        // Brought up to date now, while the edit is the only change since
        // the index was last made; then the edit is forgotten, so that no
        // later change can be taken for it.
        self.index.with_untracked(|_| ());
        UNIT_EDIT.set(None);
        let after = self.changes.get_untracked();
        // Only when this edit, and nothing else, was counted.
        if let (Some((units, replaced)), true) = (written, after == before.wrapping_add(1)) {
            CHANGE_LOG.with_borrow_mut(|log| match (replaced, units.first()) {
                // One unit replaced in place: the save need not look at
                // the others' places either.
                (Some(position), Some(id)) if units.len() == 1 => {
                    log.record_replaced(after, id.clone(), position)
                }
                _ => log.record(after, units),
            });
        }
    }

    /// Changes the workspace through `f`, which may touch many units but
    /// moves none: it gives the positions of the units it replaced or
    /// changed in place and of those it added at the end (`None`: it
    /// removed or moved some; the index is then built again and the save
    /// compares every unit). `f` giving nothing at all changed nothing:
    /// no change is counted. The index is patched for those units only,
    /// and the save compares only them: what a sync's pull of a thousand
    /// documents into a national workspace needs, where going through
    /// every unit after each batch would hold the page.
    pub fn edit_units<T>(
        &self,
        f: impl FnOnce(&mut Workspace) -> Option<(T, Option<Vec<usize>>)>,
    ) -> Option<T> {
        self.index.with_untracked(|_| ());
        let before = self.changes.get_untracked();
        let mut out = None;
        let mut edit = None;
        let mut ids = None;
        self.workspace.try_update_untracked(|w| {
            let units_before = w.units.len();
            let (value, positions) = f(w)?;
            out = Some(value);
            if let Some(positions) = positions {
                ids = Some(
                    positions
                        .iter()
                        .filter_map(|p| w.units.get(*p).map(|u| u.id.clone()))
                        .collect::<Vec<String>>(),
                );
                edit = Some(UnitEdit {
                    patch: Patch::Many(positions),
                    units_before,
                });
            }
            Some(())
        });
        out.as_ref()?;
        UNIT_EDIT.set(edit);
        self.workspace.notify();
        self.index.with_untracked(|_| ());
        UNIT_EDIT.set(None);
        let after = self.changes.get_untracked();
        if let (Some(ids), true) = (ids, after == before.wrapping_add(1)) {
            CHANGE_LOG.with_borrow_mut(|log| log.record(after, ids));
        }
        out
    }

    /// Opens another workspace: it is saved at once and remembered as the
    /// current one. The workspace left behind was saved with its last edit.
    pub fn open_workspace(&self, workspace: Workspace) {
        // A newer version's data is under this id: it is shown as it is
        // stored, read-only, and nothing is written.
        if storage::read_newer(&workspace.id).is_some() && self.open_read_only(&workspace.id) {
            return;
        }
        self.read_only.set(None);
        // A reading still going on belongs to the workspace left behind.
        self.reading.set(None);
        // Remembered at once, so that a reload before the first save ends
        // comes back here (the demo is made again; see `load`).
        let _ = storage::save_current(&workspace.id);
        // Saved by the persisting effect: only what differs from what is
        // stored is written (nothing, for a workspace just read).
        self.workspace.set(workspace);
    }

    /// After a successful save: the workspace's first save is recorded
    /// and, the first time, persistent storage asked for.
    fn saved(&self, id: &str) {
        let answers = self.storage_answers;
        let bump = move || answers.update(|n| *n = n.wrapping_add(1));
        if super::persist::after_save(id, bump) {
            bump();
        }
    }

    /// Offers a file for download; tells the user if the browser refuses.
    /// Returns whether the download started.
    pub fn offer_download(&self, file_name: &str, mime: &str, contents: &str) -> bool {
        let started = super::download::download_text(file_name, mime, contents);
        if !started {
            self.notify(Text::new(
                "Trình duyệt không cho tải tệp về.",
                "The browser refused the download.",
            ));
        }
        started
    }

    /// Asks the user to confirm, in an in-app dialog in the page's
    /// language; `false` if the user cancels.
    pub async fn ask(&self, vi: &str, en: &str) -> bool {
        self.ask_with(Question::confirm(vi, en)).await.is_some()
    }

    /// Asks for a line of text (a name), starting from `default`; `None`
    /// if the user cancels. The answer is trimmed and never empty.
    pub async fn ask_text(&self, vi: &str, en: &str, default: &str) -> Option<String> {
        self.ask_with(Question::text(vi, en, default)).await
    }

    /// Asks a question built with [`Question`] (a button named after what
    /// it does, say).
    pub async fn ask_with(&self, question: Question) -> Option<String> {
        self.dialogs.ask(question).await
    }

    /// Another tab saved the open workspace since this tab read it, and this
    /// tab has changes of its own: the user keeps one of the two.
    async fn resolve_conflict(&self) {
        let keep_ours = self
            .ask_with(
                Question::confirm(
                    "Một tab khác vừa lưu thay đổi mới hơn cho không gian làm việc này. Giữ bản của tab này (ghi đè bản kia), hay Hủy để mở bản của tab kia (thay đổi vừa rồi ở tab này sẽ bỏ)?",
                    "Another tab has just saved newer changes to this workspace. Keep this tab's version (overwriting the other), or Cancel to open the other tab's version (this tab's latest change is dropped)?",
                )
                .yes("Giữ bản của tab này", "Keep this tab's version"),
            )
            .await
            .is_some();
        let id = self.workspace.with_untracked(|w| w.id.clone());
        if keep_ours {
            let prepared = self.workspace.with_untracked(storage::prepare_anyway);
            let result = match prepared {
                Ok(prepared) => match self.take_units(prepared).await {
                    Some(prepared) => storage::write(prepared).await,
                    // Units added or removed meanwhile: that change saves
                    // again, over the other tab's as chosen.
                    None => Ok(()),
                },
                Err(error) => Err(error),
            };
            if let Err(error) = result {
                self.notify(Text::new(error.message(Lang::Vi), error.message(Lang::En)));
            }
        } else if let Some(Ok(theirs)) = storage::read_workspace(&id).await {
            ALREADY_STORED.set(true);
            self.workspace.set(theirs);
            storage::stamp(&id, self.changes.get_untracked());
        } else if self.open_read_only(&id) {
            // Theirs is a newer version's: shown read-only, untouched.
        } else {
            // Theirs cannot be read: nothing is overwritten; say so.
            let error = storage::SaveError::Conflict;
            self.notify(Text::new(error.message(Lang::Vi), error.message(Lang::En)));
        }
    }

    /// Shows what another tab saves to the open workspace as soon as it is
    /// saved (each committed save is announced on a `BroadcastChannel`).
    fn follow_other_tabs(self) {
        let state = self;
        storage::listen_to_other_tabs(move |id, revision| {
            spawn_local(async move {
                // The header's list of workspaces follows renames and deletions.
                storage::refresh().await;
                if storage::take_names_changed() {
                    state.storage_answers.update(|n| *n = n.wrapping_add(1));
                }
                let open = state.workspace.with_untracked(|w| w.id.clone());
                // While the units are read, the reading itself starts again
                // when another tab saves.
                if id != open
                    || state.read_only.get_untracked().is_some()
                    || state.reading.get_untracked().is_some()
                {
                    return;
                }
                match revision {
                    Some(revision) if !storage::is_known(&id, revision) => {
                        // Unreadable data is left to the next save's conflict check.
                        if let Some(Ok(theirs)) = storage::read_workspace(&id).await {
                            ALREADY_STORED.set(true);
                            state.workspace.set(theirs);
                            storage::stamp(&id, state.changes.get_untracked());
                            state.notify(Text::new(
                                "Đã cập nhật thay đổi vừa lưu ở một tab khác.",
                                "Updated with changes just saved in another tab.",
                            ));
                        }
                    }
                    Some(_) => {}
                    None => state.notify(Text::new(
                        "Một tab khác đã xóa không gian làm việc đang mở ở đây. Nó vẫn còn trong tab này và sẽ được lưu lại khi bạn sửa.",
                        "Another tab deleted the workspace open here. It is still in this tab and is saved again when you edit it.",
                    )),
                }
            });
        });
    }

    /// Writes the open workspace, then again while it changed meanwhile:
    /// one save at a time, each compared with what the last one stored.
    fn save_soon(self) {
        // Opened before its units were read: what is shown is not the
        // whole workspace, and no page that edits is shown either.
        if self.reading.get_untracked().is_some() {
            self.notify(Text::new(
                "Chưa lưu: dữ liệu vẫn đang được đọc. Hãy sửa lại khi đọc xong.",
                "Not saved: the data is still being read. Make the change again once it is read.",
            ));
            return;
        }
        DIRTY.set(true);
        if SAVING.replace(true) {
            return;
        }
        let state = self;
        spawn_local(async move {
            // A big workspace's save is a task of its own, after the
            // change's: comparing a national workspace takes a few
            // milliseconds more than the change itself may, and changes
            // made meanwhile (a sync's pull, a batch at a time) are saved
            // together. A small one starts at once: the sooner it is
            // written, the less a reload or a closed tab can cut short.
            if state.workspace.with_untracked(|w| w.units.len()) > SAVE_AFTER_A_TURN_UNITS {
                storage::next_turn().await;
            }
            // Each round takes the changes made before it started.
            while DIRTY.replace(false) {
                // The number of the last change, read with the workspace.
                let generation = state.changes.get_untracked();
                let snapshot = state.snapshot_for_save();
                let prepared = state.workspace.with_untracked(|w| {
                    CHANGE_LOG
                        .with_borrow(|log| storage::prepare_since(w, Changes { generation, log }))
                        .map(|p| p.with_snapshot(snapshot.as_ref()))
                });
                let result = match prepared {
                    Ok(prepared) if prepared.is_empty() => Ok(()),
                    Ok(prepared) => match state.take_units(prepared).await {
                        Some(prepared) => storage::write(prepared).await,
                        None => {
                            // Units added or removed while they were
                            // taken: the next round prepares again.
                            DIRTY.set(true);
                            continue;
                        }
                    },
                    Err(error) => Err(error),
                };
                if result.is_ok() {
                    CHANGE_LOG.with_borrow_mut(|log| log.forget_through(generation));
                }
                state.after_save(result).await;
            }
            SAVING.set(false);
        });
    }

    /// Copies the units a whole save writes from the open workspace, a
    /// slice at a time with the browser's turn in between (110,000 units
    /// hold the page for a quarter of a second); `None` when its units
    /// were added, removed or moved meanwhile (the save must be prepared
    /// again). Units edited in place meanwhile are taken as they are now.
    async fn take_units(&self, mut prepared: storage::Prepared) -> Option<storage::Prepared> {
        let workspace = self.workspace;
        prepared
            .take_from(|take| workspace.with_untracked(|w| take(w)))
            .await
            .ok()
            .map(|()| prepared)
    }

    /// The targets as of today of the workspace as it is now, to keep
    /// with its save when it is big enough to open before its units are
    /// read next time; `None` otherwise (or when the page shows another
    /// date: today's are not at hand).
    fn snapshot_for_save(&self) -> Option<Snapshot> {
        let units = self.workspace.with_untracked(|w| w.units.len());
        let as_of = self.as_of.get_untracked();
        (units >= storage::OPEN_BEFORE_READ_UNITS && as_of == today()).then(|| Snapshot {
            as_of,
            units,
            evaluations: self.evaluations.get_untracked(),
        })
    }

    /// Reads the units of the big workspace opened from its head alone,
    /// then its index and targets, a slice at a time; shows it whole once
    /// done. Another workspace opened meanwhile ends it without effect.
    fn read_units(self, units: usize) {
        let state = self;
        let token = NEXT_TOKEN.with(|n| {
            let token = n.get();
            n.set(token.wrapping_add(1));
            token
        });
        state.reading.set(Some(Reading {
            read: 0,
            units,
            token,
        }));
        let current = move || {
            state
                .reading
                .get_untracked()
                .is_some_and(|r| r.token == token)
        };
        spawn_local(async move {
            let id = state.workspace.with_untracked(|w| w.id.clone());
            let report = move |read: usize, units: usize| {
                if current() {
                    state.reading.set(Some(Reading { read, units, token }));
                }
            };
            let read = storage::read_workspace_reporting(&id, &report).await;
            if !current() {
                return;
            }
            let Some(Ok(workspace)) = read else {
                // Not readable by records after all: read whole, as any
                // start does, which keeps unreadable data aside.
                return storage::read_whole_after_reload();
            };
            let as_of = state.as_of.get_untracked();
            let index = index_in_slices(&workspace, as_of).await;
            if !current() {
                return;
            }
            PREBUILT.set(Some(index));
            ALREADY_STORED.set(true);
            state.workspace.set(workspace);
            state.reading.set(None);
            storage::stamp(&id, state.changes.get_untracked());
        });
    }

    async fn after_save(self, result: Result<(), storage::SaveError>) {
        let state = self;
        match result {
            Ok(()) => {
                state.workspace.with_untracked(|w| {
                    let _ = storage::save_current(&w.id);
                    state.saved(&w.id)
                });
                // A new workspace, or a new name: lists show it.
                if storage::take_names_changed() {
                    state.storage_answers.update(|n| *n = n.wrapping_add(1));
                }
            }
            Err(storage::SaveError::Conflict) => state.resolve_conflict().await,
            // The edit is refused, said why, and the page goes back
            // to what is stored.
            Err(storage::SaveError::Newer) => {
                state.notify(crate::files::document::newer_refused());
                let id = state.workspace.with_untracked(|w| w.id.clone());
                if storage::read_newer(&id).is_some() {
                    let notices = state.notices.get_untracked();
                    state.open_read_only(&id);
                    // The notice on opening was shown already.
                    state.notices.set(notices);
                }
            }
            Err(error) => state.notify(Text::new(error.message(Lang::Vi), error.message(Lang::En))),
        }
    }

    /// Adds a notice, unless the same one is already showing.
    pub fn notify(&self, text: Text) {
        if self
            .notices
            .with_untracked(|n| n.iter().any(|n| n.text == text))
        {
            return;
        }
        self.notices.update(|notices| {
            let id = notices.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            notices.push(Notice { id, text });
        });
    }

    /// Writes the workspace after every change and the language after every
    /// switch, and keeps `<html lang>` in step.
    pub fn persist(self) {
        let state = self;
        Effect::watch(
            move || state.workspace.track(),
            move |_, _, _| {
                // Already stored as is: just opened (and saved), or just read
                // from another tab's save.
                if ALREADY_STORED.replace(false) {
                    let _ = state
                        .workspace
                        .with_untracked(|w| storage::save_current(&w.id));
                    return;
                }
                state.save_soon();
            },
            false,
        );
        state.follow_other_tabs();
        Effect::new(move |_| {
            let lang = state.lang.get();
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.tag());
            }
        });
        Effect::watch(
            move || state.lang.get(),
            move |lang, _, _| {
                if let Err(error) = storage::save_settings(&Settings { lang: *lang }) {
                    state.notify(Text::new(error.message(Lang::Vi), error.message(Lang::En)));
                }
            },
            false,
        );
    }
}
