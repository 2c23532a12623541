//! Báo cáo tiến độ: the progress report the plan's monitor sends to the
//! People's Committee, for browser print on A4. Its content is written by
//! [`crate::report::progress_report_html`]; this page adds the buttons.

use leptos::prelude::*;

use crate::csv::write_csv;
use crate::format::iso_date;
use crate::report::{progress_report_html, target_table_header, target_table_rows};
use crate::web::state::AppState;
use crate::web::today::today;

#[component]
pub fn ReportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let export = move |_| {
        let lang = lang.get_untracked();
        let as_of = state.as_of.get_untracked();
        let csv = state.evaluations.with_untracked(|evaluations| {
            state.workspace.with_untracked(|w| {
                write_csv(
                    &target_table_header(lang),
                    target_table_rows(w, evaluations, as_of, lang),
                )
            })
        });
        let name = format!(
            "{}-{}.csv",
            lang.pick("bao-cao-tien-do", "progress-report"),
            iso_date(as_of)
        );
        state.offer_download(&name, "text/csv;charset=utf-8", &csv);
    };
    let content = move || {
        let (lang, as_of) = (lang.get(), state.as_of.get());
        state.evaluations.with(|evaluations| {
            state
                .workspace
                .with(|w| progress_report_html(w, evaluations, as_of, today(), lang))
        })
    };
    view! {
        <section class="page report" aria-labelledby="report-title">
            <div class="report-actions">
                <button type="button" on:click=print>{move || lang.get().pick("In báo cáo (A4)", "Print the report (A4)")}</button>
                <button type="button" class="secondary" on:click=export>
                    {move || lang.get().pick("Tải bảng chỉ tiêu (CSV)", "Download the target table (CSV)")}
                </button>
            </div>
            <div inner_html=content></div>
        </section>
    }
}
