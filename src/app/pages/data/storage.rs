//! Lưu trữ: what the browser keeps of the site's data (for good or not,
//! how much, how much room is left), the button that asks it to keep the
//! data, and the reminder to download a backup.
//!
//! The browser is asked again ([`persist::status`]) when the workspace
//! changes or storage answers a save; what it said last is a signal that
//! the section and the reminder both read.

use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use crate::app::browser::next_frame;
use crate::app::pages::data::files::{export, Export};
use crate::app::persist;
use crate::app::state::AppState;
use crate::app::today::today;
use crate::app::words;
use crate::files::backup::{reminder, reminder_text, Persistence, StorageStatus};
use crate::report::data_page::storage_view;

/// What the browser said of its storage, shared by the section and the
/// reminder.
#[derive(Clone, Copy)]
pub struct StorageWatch {
    /// `None` until the browser answers (and while it is asked again).
    pub status: RwSignal<Option<StorageStatus>>,
    /// Notified when a backup is downloaded.
    pub exported: Trigger,
}

impl StorageWatch {
    /// Asks the browser now, and again after every change to the
    /// workspace and every answer of storage (usage grows with saves; the
    /// first save asks for persistent storage).
    pub fn new(state: AppState) -> Self {
        let watch = StorageWatch {
            status: RwSignal::new(None),
            exported: Trigger::new(),
        };
        Effect::new(move |_| {
            state.storage_answers.track();
            state.workspace.track();
            untrack(|| watch.query(false));
        });
        watch
    }

    /// Asks the browser what it keeps (`ask`: first asks it to keep the
    /// data for good).
    fn query(self, ask: bool) {
        let status = self.status;
        spawn_local(async move {
            if ask {
                persist::ask().await;
            }
            let answer = persist::status().await;
            status.try_set(Some(answer));
            if ask {
                // The button was pressed: the keyboard goes back to it if
                // the browser still refuses.
                next_frame(|| crate::app::browser::focus("ask-persist"));
            }
        });
    }
}

/// The storage section.
#[component]
pub fn StorageSection(watch: StorageWatch, on_action: UnsyncCallback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let view_of = Memo::new(move |_| {
        let lang = state.lang.get();
        watch
            .status
            .get()
            .map(|status| storage_view(&status, persist::asked(), lang))
    });
    let ask = move |_| {
        on_action.run(());
        watch.status.set(None);
        watch.query(true);
    };
    let body = move || {
        match view_of.get() {
        None => view! { <p class="saved-note">{words("Đang hỏi trình duyệt…", "Asking the browser…")}</p> }
            .into_any(),
        Some(shown) => {
            let rows = shown
                .rows
                .into_iter()
                .map(|row| {
                    let state = (row.id == "storage-persisted").then_some(shown.state);
                    view! {
                        <dt>{row.term}</dt>
                        <dd id=row.id data-state=state>{row.value}</dd>
                    }
                })
                .collect_view();
            view! {
                <dl>{rows}</dl>
                <p>{shown.explanation}</p>
                {shown.ask.map(|label| view! {
                    <p>
                        <button type="button" id="ask-persist" class="secondary" on:click=ask>
                            {label}
                        </button>
                    </p>
                })}
            }
            .into_any()
        }
    }
    };
    view! {
        <section class="storage" aria-labelledby="storage-title">
            <h2 id="storage-title">{words("Lưu trữ trong trình duyệt", "Storage in this browser")}</h2>
            <div id="data-storage" class="storage-status">{body}</div>
        </section>
    }
}

/// The reminder to download a backup, with the button that does: when
/// the last backup is 30 days old or more, or none was ever made and the
/// browser refused to keep the data for good.
#[component]
pub fn BackupReminder(watch: StorageWatch, on_action: UnsyncCallback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open_id = Memo::new(move |_| state.workspace.with(|w| w.id.clone()));
    let due = Memo::new(move |_| {
        watch.exported.track();
        state.storage_answers.track();
        let refused = watch
            .status
            .with(|s| s.is_some_and(|s| s.persistence == Persistence::BestEffort))
            && persist::asked();
        let record = open_id.with(|id| persist::backup_record(id));
        reminder(&record, today(), refused)
    });
    let download = move |_| {
        on_action.run(());
        if export(state, Export::Json) {
            watch.exported.notify();
        }
    };
    view! {
        <div id="data-backup" role="status">
            {move || {
                due.get().map(|due| {
                    view! {
                        <div class="notice notice-warning backup-reminder">
                            <p>{move || reminder_text(due, state.lang.get())}</p>
                            <p class="notice-actions">
                                <button type="button" on:click=download>
                                    {words("Tải bản sao lưu (JSON)", "Download a backup (JSON)")}
                                </button>
                            </p>
                        </div>
                    }
                })
            }}
        </div>
    }
}
