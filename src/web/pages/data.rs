//! Dữ liệu: what the workspace holds. Entry forms, import and merge come
//! with the data issue; for now the units are listed as stored, with every
//! validation finding, and the whole workspace can be downloaded as JSON.
//! The overview is written by [`crate::report::data_overview_html`].

use leptos::prelude::*;

use crate::document::to_json;
use crate::format::iso_date;
use crate::report::data_overview_html;
use crate::web::state::AppState;

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

    view! {
        <section class="page data" aria-labelledby="data-title">
            <h1 id="data-title">{move || lang.get().pick("Dữ liệu", "Data")}</h1>
            <p class="lead">
                {move || lang.get().pick(
                    "Các đơn vị kinh tế tập thể trong không gian làm việc này. Biểu mẫu nhập liệu, nhập tệp JSON/CSV và gộp tệp đang được xây dựng.",
                    "The collective-economy units in this workspace. Entry forms, JSON/CSV import and merging are being built.",
                )}
            </p>
            <p>
                <button type="button" on:click=export>
                    {move || lang.get().pick("Tải về tệp JSON của không gian làm việc", "Download the workspace as JSON")}
                </button>
            </p>
            <div inner_html=overview></div>
        </section>
    }
}
