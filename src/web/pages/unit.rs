//! One unit's record, as stored: what drill-downs link to. The sheet is
//! written by [`crate::report::unit_sheet_html`]; editing comes with the
//! data-entry forms.

use leptos::prelude::*;

use crate::report::unit_sheet_html;
use crate::web::state::AppState;

#[component]
pub fn UnitPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let sheet = Memo::new(move |_| {
        let lang = lang.get();
        state
            .workspace
            .with(|w| w.unit(&id).map(|unit| unit_sheet_html(&w.plan, unit, lang)))
    });
    view! {
        <section class="page unit-page" aria-labelledby="unit-title">
            <Show
                when=move || sheet.with(Option::is_some)
                fallback=move || view! {
                    <h1 id="unit-title">{move || lang.get().pick("Không tìm thấy đơn vị", "Unit not found")}</h1>
                    <p><a href="/data">{move || lang.get().pick("Về trang Dữ liệu", "Back to the data page")}</a></p>
                }
            >
                <div inner_html=move || sheet.get().unwrap_or_default()></div>
            </Show>
        </section>
    }
}
