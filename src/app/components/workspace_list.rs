//! The stored workspaces: open, rename, duplicate or delete one, or make a
//! new one. Names are asked for and deletions confirmed with the app's own
//! dialog, in the page's language.
//!
//! The list is read from storage ([`storage::list_workspaces`]) again when
//! the open workspace or its name changes, when storage answers (a first
//! save may have stored a new workspace), and after an action here on
//! another stored workspace (`changed`), not after every edit.

use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use crate::app::components::dialog::Question;
use crate::app::components::keys_of;
use crate::app::components::ForAny;
use crate::app::state::AppState;
use crate::app::storage;
use crate::app::words;
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Text};
use crate::report::data_page::WorkspaceEntry;
use crate::report::data_page::{new_workspace_id, open_note, workspace_entries, WorkspaceAction};

#[component]
pub fn WorkspaceList(
    /// Called before any action here (it ends the chance to undo a
    /// deletion of a unit).
    on_action: UnsyncCallback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let changed = Trigger::new();
    let open = Memo::new(move |_| state.workspace.with(|w| (w.id.clone(), w.name.clone())));
    let entries = Memo::new(move |_| {
        changed.track();
        state.storage_answers.track();
        open.with(|(id, _)| workspace_entries(&storage::list_workspaces(), id))
    });
    let act = move |action: WorkspaceAction, id: String| {
        on_action.run(());
        workspace_action(state, action, id, changed);
    };
    let new_workspace = move |_| {
        on_action.run(());
        spawn_local(async move {
            let Some(name) = state
                .ask_text(
                    "Tên không gian làm việc mới:",
                    "Name of the new workspace:",
                    "",
                )
                .await
            else {
                return;
            };
            let id = new_workspace_id(&storage::list_workspaces(), js_sys::Date::now() as u64);
            state.open_workspace(Workspace::new(id, name));
        });
    };
    view! {
        <ul class="workspaces">
            <ForAny
                each=move || entries.with(|e| keys_of(e.iter().map(|e| e.id.as_str())))
                key=|key| key.clone()
                let((id, nth))
            >
                <WorkspaceItem
                    entry=Memo::new(move |_| {
                        entries.with(|e| e.iter().filter(|e| e.id == id).nth(nth).cloned())
                    })
                    act
                />
            </ForAny>
        </ul>
        <p>
            <button type="button" class="secondary" on:click=new_workspace>
                {words("+ Tạo không gian làm việc mới", "+ New workspace")}
            </button>
        </p>
    }
}

/// One stored workspace: its name and its buttons.
#[component]
fn WorkspaceItem(
    entry: Memo<Option<WorkspaceEntry>>,
    act: impl Fn(WorkspaceAction, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    move || {
        entry.get().map(|entry| {
            let buttons = WorkspaceAction::ALL
                .into_iter()
                .filter(|action| action.offered(&entry))
                .map(|action| {
                    let (id, name) = (entry.id.clone(), entry.name.clone());
                    view! {
                        <button
                            type="button"
                            class="secondary"
                            aria-label=move || action.label(&name, lang.get())
                            on:click=move |_| act(action, id.clone())
                        >
                            {move || action.words(lang.get())}
                        </button>
                    }
                })
                .collect_view();
            let note = move || {
                if entry.open {
                    open_note(lang.get())
                } else {
                    " "
                }
            };
            view! {
                <li>
                    <strong>{entry.name.clone()}</strong>
                    {note}
                    {buttons}
                </li>
            }
        })
    }
}

/// Opens, renames, duplicates or deletes the stored workspace `id`.
fn workspace_action(state: AppState, action: WorkspaceAction, id: String, changed: Trigger) {
    let lang = state.lang.get_untracked();
    let current = state.workspace.with_untracked(|w| w.id.clone());
    let name_of = |id: &str| {
        storage::list_workspaces()
            .into_iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n)
            .unwrap_or_default()
    };
    // Another stored workspace is read from IndexedDB: asynchronously.
    let open_id = current.clone();
    let stored = move |id: String| async move {
        if id == open_id {
            return Some(state.workspace.get_untracked());
        }
        storage::read_workspace(&id).await.and_then(Result::ok)
    };
    let cannot_open = move || {
        state.notify(Text::new(
            "Không mở được không gian làm việc này.",
            "This workspace could not be opened.",
        ))
    };
    let failed = move |error: storage::SaveError| {
        state.notify(Text::new(error.message(Lang::Vi), error.message(Lang::En)))
    };
    match action {
        WorkspaceAction::Open => spawn_local(async move {
            match stored(id.clone()).await {
                Some(ws) => state.open_workspace(ws),
                // Written by a newer version: shown read-only, untouched.
                None if state.open_read_only(&id) => {}
                None => cannot_open(),
            }
        }),
        WorkspaceAction::Rename => {
            let old_name = name_of(&id);
            spawn_local(async move {
                let Some(name) = state.ask_text("Tên mới:", "New name:", &old_name).await else {
                    return;
                };
                if id == current {
                    state.workspace.update(|w| w.name = name);
                    return;
                }
                let Some(mut ws) = stored(id).await else {
                    return cannot_open();
                };
                ws.name = name;
                if let Err(error) = storage::save_workspace(&ws).await {
                    failed(error);
                }
                changed.notify();
            });
        }
        WorkspaceAction::Duplicate => spawn_local(async move {
            let Some(mut ws) = stored(id).await else {
                return cannot_open();
            };
            ws.id = new_workspace_id(&storage::list_workspaces(), js_sys::Date::now() as u64);
            ws.name = format!("{} ({})", ws.name, lang.pick("bản sao", "copy"));
            // A copy of a newer version's workspace is this version's own:
            // the original stays as it is.
            ws.schema_version = crate::domain::workspace::SCHEMA_VERSION;
            state.open_workspace(ws);
        }),
        WorkspaceAction::Delete => {
            let name = name_of(&id);
            let question = Question::confirm(
                &format!(
                    "Xóa hẳn không gian làm việc “{name}” và mọi dữ liệu của nó? Không thể hoàn tác."
                ),
                &format!(
                    "Delete the workspace “{name}” and all its data for good? This cannot be undone."
                ),
            )
            .yes("Xóa", "Delete");
            spawn_local(async move {
                if state.ask_with(question).await.is_none() {
                    return;
                }
                if let Err(error) = storage::delete_workspace(&id).await {
                    return failed(error);
                }
                if id != current {
                    return changed.notify();
                }
                let mut next = None;
                // Bounded by the stored workspaces: each is tried once.
                for (other, _) in storage::list_workspaces() {
                    if let Some(Ok(ws)) = storage::read_workspace(&other).await {
                        next = Some(ws);
                        break;
                    }
                }
                let next = next.unwrap_or_else(|| {
                    Workspace::new(
                        new_workspace_id(&[], js_sys::Date::now() as u64),
                        lang.pick("Hợp tác xã của tôi", "My cooperatives"),
                    )
                });
                state.open_workspace(next);
            });
        }
    }
}
