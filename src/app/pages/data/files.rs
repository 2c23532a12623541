//! Tệp dữ liệu: the workspace downloaded as JSON or CSV, and files brought
//! in — a JSON file that replaces the workspace's content, CSV files that
//! add and update units and yearly figures, several JSON files merged —
//! each previewed before anything changes ([`super::import`]).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::browser::{document, next_frame};
use crate::app::components::file_picker::FilePicker;
use crate::app::pages::data::import::{FileError, FileKind, Import};
use crate::app::pages::data::import_preview::{lines, ImportPreviewSection, NumbersNotes};
use crate::app::persist;
use crate::app::state::AppState;
use crate::app::words;
use crate::files::csv_data::{csv_error_list, units_csv, years_csv};
use crate::files::document::to_json;
use crate::i18n::format::iso_date;
use crate::report::data_page::{file_name, import_progress_label, Parts};

/// CSV errors listed at once.
const CSV_ERRORS_SHOWN: usize = 100;

/// What can be downloaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// The whole workspace: the backup, which imports back as it was.
    Json,
    /// The units, one row each, for a spreadsheet.
    UnitsCsv,
    /// The yearly figures, one row per unit and year.
    YearsCsv,
}

/// Offers the workspace for download as `what`; a JSON file is a backup,
/// and the reminder to make one waits another 30 days. Returns whether
/// the download started.
pub fn export(state: AppState, what: Export) -> bool {
    let date = iso_date(state.as_of.get_untracked());
    let (id, name, contents) = state.workspace.with_untracked(|w| {
        let contents = match what {
            Export::Json => to_json(w),
            Export::UnitsCsv => units_csv(w),
            Export::YearsCsv => years_csv(w),
        };
        (w.id.clone(), w.name.clone(), contents)
    });
    let (kind, extension, mime) = match what {
        Export::Json => ("", "json", "application/json"),
        Export::UnitsCsv => ("don-vi", "csv", "text/csv"),
        Export::YearsCsv => ("so-lieu-nam", "csv", "text/csv"),
    };
    let started = state.offer_download(&file_name(&name, &date, kind, extension), mime, &contents);
    if started && what == Export::Json {
        persist::record_export(&id);
    }
    started
}

/// The files section of the data page.
#[component]
pub fn DataFiles(
    /// Which file inputs this build has.
    parts: Parts,
    /// Called before any button's action (it ends the chance to undo a
    /// deletion of a unit).
    on_action: UnsyncCallback<()>,
    /// Called once an import has replaced the open workspace's content.
    on_imported: UnsyncCallback<()>,
    /// Notified when a backup (the JSON file) is downloaded.
    exported: Trigger,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let import = Import::new(state);

    // Another workspace opened: an import meant for the one before is
    // forgotten, and so is why a file was refused.
    let open_id = Memo::new(move |_| state.workspace.with(|w| w.id.clone()));
    Effect::new(move |before: Option<String>| {
        let id = open_id.get();
        if before.is_some_and(|before| before != id) {
            untrack(|| {
                import.stop();
                import.error.set(None);
            });
        }
        id
    });
    // A preview that arrives goes to the keyboard, unless the user is busy
    // elsewhere on the page (typing in a form meanwhile).
    Effect::new(move |shown_before: Option<bool>| {
        let shown = import.preview.with(Option::is_some);
        if shown && shown_before == Some(false) {
            next_frame(|| focus_if_idle("import-preview-title"));
        }
        shown
    });
    // Leaving the page disposes the import's signals: its slices and the
    // worker's messages find no run to continue, and the worker is dropped.

    let download = move |what: Export| {
        move |_| {
            on_action.run(());
            if export(state, what) && what == Export::Json {
                exported.notify();
            }
        }
    };
    let pick = move |kind: FileKind| UnsyncCallback::new(move |files| import.pick(kind, files));
    let running = Memo::new(move |_| import.running.with(|r| r.as_ref().map(|r| r.csv)));
    let percent = move || {
        import
            .running
            .with(|r| r.as_ref().map(|r| r.percent.clone()))
            .unwrap_or_default()
    };
    let cancel = move |_| {
        on_action.run(());
        import.stop();
    };
    let progress = move || {
        running.get().map(|csv| {
            view! {
                <p>
                    {move || import_progress_label(csv, lang.get())}
                    " "
                    <span id="csv-progress">{percent}</span>
                    " "
                    <button type="button" class="secondary" on:click=cancel>
                        {words("Hủy", "Cancel")}
                    </button>
                </p>
            }
        })
    };
    let error = move || {
        import.error.with(|e| match e {
            None => ().into_any(),
            Some(FileError::Message(text)) => text.clone().into_any(),
            Some(FileError::Csv(errors)) => {
                let list = csv_error_list(errors, CSV_ERRORS_SHOWN, lang.get());
                view! {
                    <p class="field-error">{list.heading.clone()}</p>
                    <ul class="issues">{lines(list, Some("issue issue-error"))}</ul>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="data-files" id="data-files" aria-labelledby="data-files-title">
            <h2 id="data-files-title">{words("Tệp dữ liệu", "Data files")}</h2>
            <p class="form-actions">
                <button type="button" on:click=download(Export::Json)>
                    {words(
                        "Tải về tệp JSON của không gian làm việc",
                        "Download the workspace as JSON",
                    )}
                </button>
                <button type="button" class="secondary" on:click=download(Export::UnitsCsv)>
                    {words("Tải về CSV các đơn vị", "Download the units as CSV")}
                </button>
                <button type="button" class="secondary" on:click=download(Export::YearsCsv)>
                    {words("Tải về CSV số liệu theo năm", "Download the yearly figures as CSV")}
                </button>
            </p>
            <div class="import">
                <FilePicker
                    id="import-file"
                    label=Signal::derive(words(
                        "Nhập tệp JSON của Coop Plan (thay nội dung không gian làm việc này, sau khi xem trước)",
                        "Import a Coop Plan JSON file (replaces this workspace's content, after a preview)",
                    ))
                    accept=".json,application/json"
                    on_pick=pick(FileKind::Json)
                />
                {parts.csv_import.then(|| view! {
                    // Excel's "Unicode text" is a tab-separated .txt file.
                    <FilePicker
                        id="import-csv"
                        label=Signal::derive(words(
                            "Nhập tệp CSV đơn vị và/hoặc số liệu theo năm (bổ sung, cập nhật; sau khi xem trước)",
                            "Import CSV files of units and/or yearly figures (adds and updates, after a preview)",
                        ))
                        accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values"
                        multiple=true
                        on_pick=pick(FileKind::Csv)
                    />
                })}
                {parts.merge.then(|| view! {
                    <FilePicker
                        id="import-merge"
                        label=Signal::derive(words(
                            "Gộp nhiều tệp JSON (ví dụ của các học viên) thành nội dung của không gian làm việc này",
                            "Merge several JSON files (e.g. from workshop participants) into this workspace's content",
                        ))
                        accept=".json,application/json"
                        multiple=true
                        on_pick=pick(FileKind::Merge)
                    />
                })}
                <div id="data-file-error" class="field-error" role="alert">{error}</div>
                <div id="data-preview">
                    {progress}
                    <NumbersNotes import on_action/>
                    <ImportPreviewSection import on_action on_imported/>
                </div>
            </div>
        </section>
    }
}

/// Focuses the element with `id` if the keyboard is nowhere in particular,
/// or in the files section (where the import was started).
fn focus_if_idle(id: &str) {
    let document = document();
    let idle = match document.active_element() {
        None => true,
        Some(active) => {
            document.body().is_some_and(|body| active == *body.as_ref())
                || active.closest("#data-files").ok().flatten().is_some()
        }
    };
    if !idle {
        return;
    }
    if let Some(element) = document
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
