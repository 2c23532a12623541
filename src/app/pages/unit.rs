//! One unit's record, as stored: what drill-downs link to. The sheet is
//! [`crate::report::UnitSheet`]'s; editing is on the data page.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::app::components::data_table::DataTable;
use crate::app::components::terms::Terms;
use crate::app::state::AppState;
use crate::app::words;
use crate::i18n::Lang;
use crate::report::{UnitSheet, YearSheet};

/// The page of the unit the path's `:id` names (percent-decoded: an id may
/// hold any character).
#[component]
pub fn UnitPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let sheet = Memo::new(move |_| {
        let lang = state.lang.get();
        id.with(|id| {
            state
                .workspace
                .with(|w| w.unit(id).map(|unit| UnitSheet::new(&w.plan, unit, lang)))
        })
    });
    view! {
        <section class="page unit-page" aria-labelledby="unit-title">
            {move || match sheet.get() {
                Some(sheet) => view! { <Sheet sheet/> }.into_any(),
                None => view! {
                    <h1 id="unit-title">{words("Không tìm thấy đơn vị", "Unit not found")}</h1>
                    <p class="not-found-id">
                        {move || {
                            let id = id.get();
                            match state.lang.get() {
                                Lang::Vi => format!("Không gian làm việc này không có đơn vị mã “{id}”."),
                                Lang::En => format!("This workspace has no unit with the id “{id}”."),
                            }
                        }}
                    </p>
                    <p><a href="/data">{words("Về trang Dữ liệu", "Back to the data page")}</a></p>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn Sheet(sheet: UnitSheet) -> impl IntoView {
    let status = if sheet.status_changes.is_empty() {
        view! { <p>{sheet.always_active}</p> }.into_any()
    } else {
        let lines = sheet
            .status_changes
            .into_iter()
            .map(|line| view! { <li>{line}</li> })
            .collect_view();
        view! { <ul>{lines}</ul> }.into_any()
    };
    let no_years = sheet.years.is_empty().then_some(sheet.no_years);
    let years = sheet
        .years
        .into_iter()
        .map(|year| view! { <Year year/> })
        .collect_view();
    view! {
        <h1 id="unit-title">{sheet.name}</h1>
        <Terms terms=sheet.identity/>
        <h2>{sheet.status_title}</h2>
        {status}
        <h2>{sheet.years_title}</h2>
        {no_years.map(|words| view! { <p>{words}</p> })}
        {years}
    }
}

#[component]
fn Year(year: YearSheet) -> impl IntoView {
    view! {
        <section class="record">
            <h3>{year.title}</h3>
            <Terms terms=year.figures/>
            <DataTable table=year.managers/>
        </section>
    }
}
