//! The app's state, owned at the root and shared through context.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::storage::{self, Quarantined, Settings};
use super::today::today;
use crate::i18n::{Lang, Text};
use crate::indicator::{Engine, Evaluation, WorkspaceIndex};
use crate::workspace::Workspace;

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
    /// The revision of the open workspace this tab last read or wrote
    /// ([`storage::read_revision`]): a stored revision above it means
    /// another tab saved since.
    known_revision: StoredValue<f64>,
    /// Set while the workspace is replaced by what another tab saved, so
    /// that it is not written back.
    from_storage: StoredValue<bool>,
}

impl AppState {
    /// Reads storage and picks the workspace to open: the remembered one,
    /// else the first, else a new empty one under an id that no unreadable
    /// data still occupies.
    pub fn load() -> AppState {
        let loaded = storage::load();
        let settings = storage::load_settings();
        let mut workspaces = loaded.workspaces;
        let remembered = loaded
            .current
            .as_ref()
            .and_then(|id| workspaces.iter().position(|w| &w.id == id));
        let workspace = match remembered {
            Some(index) => workspaces.swap_remove(index),
            None if !workspaces.is_empty() => workspaces.swap_remove(0),
            None => {
                let id = (1..)
                    .map(|n| {
                        if n == 1 {
                            "main".to_owned()
                        } else {
                            format!("main-{n}")
                        }
                    })
                    .find(|id| !loaded.blocked_ids.contains(id))
                    .unwrap_or_else(|| "main".to_owned());
                Workspace::new(
                    id,
                    settings.lang.pick("Hợp tác xã của tôi", "My cooperatives"),
                )
            }
        };
        let known_revision = StoredValue::new(storage::read_revision(&workspace.id));
        let workspace = RwSignal::new(workspace);
        let as_of = RwSignal::new(today());
        // The index follows the data; moving the as-of date only re-reads
        // it (see `make bench` for both costs at 30,000 units). Every new
        // index counts as a change.
        let index =
            Memo::new_with_compare(move |_| workspace.with(WorkspaceIndex::new), |_, _| true);
        let evaluations = Memo::new(move |_| {
            index.with(|index| {
                workspace.with(|w| Engine::with_index(w, index).evaluate_all(as_of.get()))
            })
        });
        AppState {
            workspace,
            as_of,
            lang: RwSignal::new(settings.lang),
            notices: RwSignal::new(Vec::new()),
            quarantined: RwSignal::new(loaded.quarantined),
            evaluations,
            known_revision,
            from_storage: StoredValue::new(false),
        }
    }

    /// Opens another workspace: it is saved at once and remembered as the
    /// current one. The workspace left behind was saved with its last edit.
    pub fn open_workspace(&self, workspace: Workspace) {
        // Saved before it is shown, so that lists of stored workspaces read
        // while it opens already include it.
        match storage::save_workspace(&workspace) {
            Ok(revision) => self.known_revision.set_value(revision),
            Err(error) => self.notify(Text::new(error.message(Lang::Vi), error.message(Lang::En))),
        }
        // Just saved: the persisting effect need not write it again.
        self.from_storage.set_value(true);
        self.workspace.set(workspace);
    }

    /// Replaces the open workspace with its stored copy (saved by another
    /// tab), without writing it back.
    fn reload_from_storage(&self, id: &str) {
        if let Some(Ok(stored)) = storage::read_workspace(id) {
            self.known_revision.set_value(storage::read_revision(id));
            if self.workspace.with_untracked(|w| *w != stored) {
                self.from_storage.set_value(true);
                self.workspace.set(stored);
            }
        }
    }

    /// Offers a file for download; tells the user if the browser refuses.
    pub fn offer_download(&self, file_name: &str, mime: &str, contents: &str) {
        if !super::download::download_text(file_name, mime, contents) {
            self.notify(Text::new(
                "Trình duyệt không cho tải tệp về.",
                "The browser refused the download.",
            ));
        }
    }

    /// Asks the user to confirm, in the current language; `false` if the
    /// browser cannot ask.
    pub fn confirm(&self, vi: &str, en: &str) -> bool {
        let message = self.lang.get_untracked().pick(vi, en);
        web_sys::window()
            .and_then(|w| w.confirm_with_message(message).ok())
            .unwrap_or(false)
    }

    pub fn notify(&self, text: Text) {
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
                if state.from_storage.get_value() {
                    state.from_storage.set_value(false);
                    let _ = state
                        .workspace
                        .with_untracked(|w| storage::save_current(&w.id));
                    return;
                }
                let id = state.workspace.with_untracked(|w| w.id.clone());
                // Another tab saved this workspace since this one last read
                // or wrote it: never overwrite that silently.
                if storage::read_revision(&id) > state.known_revision.get_value()
                    && !state.confirm(
                        "Một thẻ khác vừa lưu dữ liệu mới hơn cho không gian làm việc này. Ghi đè bằng thay đổi của thẻ này? (Hủy: tải dữ liệu mới hơn, bỏ thay đổi vừa làm ở thẻ này.)",
                        "Another tab has just saved newer data for this workspace. Overwrite it with this tab's change? (Cancel: load the newer data and drop this tab's change.)",
                    )
                {
                    state.reload_from_storage(&id);
                    return;
                }
                let result = state.workspace.with_untracked(|w| {
                    storage::save_workspace(w).and_then(|revision| {
                        state.known_revision.set_value(revision);
                        storage::save_current(&w.id)
                    })
                });
                if let Err(error) = result {
                    state.notify(Text::new(error.message(Lang::Vi), error.message(Lang::En)));
                }
            },
            false,
        );
        // An edit saved in another tab shows here at once.
        let listener = window_event_listener(leptos::ev::storage, move |ev| {
            let id = state.workspace.with_untracked(|w| w.id.clone());
            if ev.key().as_deref() == Some(&format!("{}{id}", storage::WORKSPACE_PREFIX)) {
                state.reload_from_storage(&id);
            }
        });
        // The app's state lives as long as the page.
        std::mem::forget(listener);
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
