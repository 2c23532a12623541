//! Dữ liệu: what the workspace holds. Entry forms, import and merge come
//! with the data issue; for now the units are listed as stored, with every
//! validation finding, and the whole workspace can be downloaded as JSON.
//! The overview is written by [`crate::report::data_overview_html`].

use leptos::prelude::*;

use wasm_bindgen::JsCast;

use crate::document::to_json;
use crate::format::iso_date;
use crate::import::{preview_html, preview_import, ImportError, ImportPreview, MAX_IMPORT_BYTES};
use crate::report::data_overview_html;
use crate::web::state::AppState;

/// Names and errors listed in an import preview.
const PREVIEW_SHOWN: usize = 20;

/// Rows shown at once; the table is a preview, not the editor.
const SHOWN: usize = 100;
/// Validation messages listed at once.
const ISSUES_SHOWN: usize = 50;

#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let overview = move || {
        let (lang, as_of) = (lang.get(), state.as_of.get());
        state
            .workspace
            .with(|w| data_overview_html(w, as_of, SHOWN, ISSUES_SHOWN, lang))
    };
    let export = move |_| {
        let (name, json) = state
            .workspace
            .with_untracked(|w| (w.name.clone(), to_json(w)));
        let date = iso_date(state.as_of.get_untracked());
        let file_name = format!("{}-{date}.json", name.replace(['/', '\\', ':'], "-"));
        state.offer_download(&file_name, "application/json", &json);
    };

    // Import: the file is read and checked whole into a preview; nothing
    // changes until the user confirms a preview without errors.
    let preview = RwSignal::new(None::<ImportPreview>);
    let import_error = RwSignal::new(None::<ImportError>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // The same file can be chosen again after a fix.
        input.set_value("");
        preview.set(None);
        let bytes = file.size() as u64;
        if bytes > MAX_IMPORT_BYTES {
            import_error.set(Some(ImportError::TooLarge { bytes }));
            return;
        }
        // FileReader with a callback rather than a future: the download
        // stays free of an async executor for this one read.
        let Ok(reader) = web_sys::FileReader::new() else {
            return;
        };
        let reader_in_callback = reader.clone();
        let on_load = wasm_bindgen::closure::Closure::once_into_js(move || {
            let text = reader_in_callback.result().ok().and_then(|v| v.as_string());
            let Some(text) = text else {
                state.notify(crate::i18n::Text::new(
                    "Không đọc được tệp.",
                    "The file could not be read.",
                ));
                return;
            };
            match state
                .workspace
                .with_untracked(|w| preview_import(w, &text, bytes))
            {
                Ok(result) => {
                    import_error.set(None);
                    preview.set(Some(result));
                }
                Err(error) => import_error.set(Some(error)),
            }
        });
        reader.set_onload(Some(on_load.unchecked_ref()));
        if reader.read_as_text(&file).is_err() {
            state.notify(crate::i18n::Text::new(
                "Không đọc được tệp.",
                "The file could not be read.",
            ));
        }
    };
    let confirm_import = move |_| {
        // Moved out of the preview, not copied: it may hold a whole city.
        let result = preview
            .try_update(|p| p.take_if(|p| p.can_confirm()))
            .flatten();
        if let Some(result) = result {
            state.open_workspace(result.workspace);
        }
    };
    let preview_view = move || {
        preview.with(|p| {
            p.as_ref().map(|p| {
                let lang = lang.get();
                let can_confirm = p.can_confirm();
                view! {
                    <section class="import-preview" aria-labelledby="import-preview-title">
                        <h3 id="import-preview-title">{lang.pick("Xem trước khi nhập", "Before importing")}</h3>
                        <div inner_html=preview_html(p, PREVIEW_SHOWN, lang)></div>
                        <div class="form-actions">
                            <button type="button" on:click=confirm_import disabled=!can_confirm>
                                {lang.pick("Xác nhận nhập tệp", "Confirm the import")}
                            </button>
                            <button type="button" class="secondary" on:click=move |_| preview.set(None)>
                                {lang.pick("Hủy", "Cancel")}
                            </button>
                        </div>
                    </section>
                }
            })
        })
    };

    view! {
        <section class="page data" aria-labelledby="data-title">
            <h1 id="data-title">{move || lang.get().pick("Dữ liệu", "Data")}</h1>
            <p class="lead">
                {move || lang.get().pick(
                    "Các đơn vị kinh tế tập thể trong không gian làm việc này. Biểu mẫu nhập liệu, nhập tệp CSV và gộp nhiều tệp đang được xây dựng.",
                    "The collective-economy units in this workspace. Entry forms, CSV import and merging several files are being built.",
                )}
            </p>
            <p>
                <button type="button" on:click=export>
                    {move || lang.get().pick("Tải về tệp JSON của không gian làm việc", "Download the workspace as JSON")}
                </button>
            </p>
            <div class="import">
                <label class="stacked" for="import-file">
                    {move || lang.get().pick(
                        "Nhập tệp JSON của Coop Plan (thay nội dung không gian làm việc này, sau khi xem trước)",
                        "Import a Coop Plan JSON file (replaces this workspace's content, after a preview)",
                    )}
                </label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_file />
                <p class="field-error" role="alert">{move || import_error.get().map(|e| e.message(lang.get()))}</p>
                {preview_view}
            </div>
            <div inner_html=overview></div>
        </section>
    }
}
