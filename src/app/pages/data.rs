//! Dữ liệu: the units (filtered, searched, sorted, a page at a time), the
//! entry forms for a unit, its years and the city's inputs, the files (JSON
//! and CSV, export, import with a preview, merging several files), the
//! browser's storage, the sync with the province's server, the workspaces
//! and the data checks.
//!
//! Every part is a component: the top and the entry forms ([`forms`]), the
//! table of units and the stored workspaces (`components/`), the files
//! ([`files`], the import in [`import`] and its preview in
//! [`import_preview`]), the storage section and the backup reminder
//! ([`storage`]) and the checks ([`checks`]). This module puts them in
//! order and holds what they share: the unit deleted last, with its undo.

mod checks;
mod files;
mod forms;
mod import;
mod import_preview;
mod province;
mod storage;
mod sync;

use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use crate::app::browser::{focus, focus_later};
use crate::app::components::dialog::Question;
use crate::app::components::unit_table::{UnitFilters, UnitTable};
use crate::app::components::workspace_list::WorkspaceList;
use crate::app::state::{AppState, UnitChange};
use crate::app::words;
use crate::edit::form::{delete_unit, undo_delete};
use crate::edit::unit_table::UnitQuery;
use crate::report::data_page::{undo_text, Parts};
use checks::DataChecks;
use files::DataFiles;
use forms::{Entry, EntryForm, EntryTop, IMPORTED};
use storage::{BackupReminder, StorageSection, StorageWatch};
use sync::SyncSection;

/// What this build of the page has.
const PARTS: Parts = Parts::ALL;

#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The unit deleted last, until the next action (its undo note).
    let deleted = RwSignal::new(None);
    let entry = Entry::new(state, deleted);
    let query = RwSignal::new(UnitQuery::default());
    let storage = StorageWatch::new(state);

    // A form or an undo of another workspace is forgotten when another
    // workspace opens.
    Effect::new(move |previous: Option<String>| {
        let id = state.workspace.with(|w| w.id.clone());
        if previous.is_some_and(|p| p != id) {
            deleted.set(None);
            entry.draft.set(None);
        }
        id
    });

    let on_edit = UnsyncCallback::new(move |id: String| entry.open_unit(Some(&id)));
    // Deletes a unit once the user agrees; it can be undone until the next
    // action.
    let on_delete = UnsyncCallback::new(move |id: String| {
        entry.forget_undo();
        let unit = state
            .workspace
            .with_untracked(|w| w.unit(&id).map(|u| u.name.clone()))
            .unwrap_or_default();
        let question = Question::confirm(
            &format!("Xóa đơn vị “{unit}” cùng mọi số liệu của nó?"),
            &format!("Delete the unit “{unit}” and all its figures?"),
        )
        .yes("Xóa", "Delete");
        spawn_local(async move {
            if state.ask_with(question).await.is_none() {
                return;
            }
            let mut removed = None;
            state.edit_one_unit(&mut |w| {
                removed = delete_unit(w, &id);
                removed.as_ref().map(|d| UnitChange::Removed(d.index))
            });
            entry.forget_unit(&id);
            deleted.set(removed);
            focus_later("undo-delete");
        });
    });
    // Any action but undo ends the chance to undo a deletion.
    let on_action = UnsyncCallback::new(move |()| entry.forget_undo());
    // Puts the unit deleted last back where it was.
    let undo = move |_| {
        if let Some(removed) = deleted.try_update(Option::take).flatten() {
            let mut removed = Some(removed);
            state.edit_one_unit(&mut |w| {
                let removed = removed.take()?;
                let at = removed.index.min(w.units.len());
                undo_delete(w, removed);
                Some(UnitChange::Inserted(at))
            });
        }
        focus("add-unit");
    };
    let undo_note = move || {
        deleted
            .with(|d| d.as_ref().map(|d| undo_text(d, state.lang.get())))
            .map(|text| {
                view! {
                    <p class="undo">
                        {text}
                        " "
                        <button type="button" id="undo-delete" on:click=undo>
                            {words("Hoàn tác", "Undo")}
                        </button>
                    </p>
                }
            })
    };
    // After an import, the page says so and the keyboard goes to its top.
    let on_imported = UnsyncCallback::new(move |()| {
        entry.saved.set(Some(IMPORTED));
        focus("data-title");
    });
    view! {
        <section class="page data" id="data-page">
            <EntryTop entry forms=PARTS.forms/>
            // The backup reminder, near the top where it is seen.
            <BackupReminder watch=storage on_action/>
            <div id="data-form" class="entry">
                <EntryForm entry/>
            </div>
            <div id="data-undo">{undo_note}</div>
            <div id="data-filters" class="unit-filters">
                <UnitFilters query/>
            </div>
            <div id="data-table" class="unit-list">
                <UnitTable query editable=PARTS.forms on_edit on_delete on_action/>
            </div>
            <DataFiles parts=PARTS on_action on_imported exported=storage.exported/>
            <StorageSection watch=storage on_action/>
            <SyncSection/>
            {PARTS.workspaces.then(|| view! {
                <h2>{words("Không gian làm việc", "Workspaces")}</h2>
                <div id="data-workspaces">
                    <WorkspaceList on_action/>
                </div>
            })}
            <DataChecks/>
        </section>
    }
}
