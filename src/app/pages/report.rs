//! Báo cáo tiến độ: the progress report the plan's monitor sends to the
//! People's Committee, for browser print on A4 (style/main.css's print
//! rules). Its content is [`crate::report::ProgressReport`]; this page adds
//! the buttons: print, and the target table as CSV.

use leptos::prelude::*;

use crate::app::components::data_table::DataTable;
use crate::app::components::terms::Terms;
use crate::app::state::AppState;
use crate::app::today::today;
use crate::app::words;
use crate::files::csv::write_csv;
use crate::i18n::format::iso_date;
use crate::report::{target_table_header, target_table_rows, ProgressReport};

#[component]
pub fn ReportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let report = Memo::new(move |_| {
        let (lang, as_of) = (lang.get(), state.as_of.get());
        state.evaluations.with(|evaluations| {
            state
                .workspace
                .with(|w| ProgressReport::new(w, evaluations, as_of, today(), lang))
        })
    });
    let print = move |_| {
        let _ = window().print();
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
    view! {
        <section class="page report" aria-labelledby="report-title">
            <div class="report-actions">
                <button type="button" on:click=print>
                    {words("In báo cáo (A4)", "Print the report (A4)")}
                </button>
                <button type="button" class="secondary" on:click=export>
                    {words("Tải bảng chỉ tiêu (CSV)", "Download the target table (CSV)")}
                </button>
            </div>
            <div>{move || view! { <Report report=report.get()/> }}</div>
        </section>
    }
}

/// The report itself: what is printed.
#[component]
fn Report(report: ProgressReport) -> impl IntoView {
    let breakdowns = report
        .breakdowns
        .into_iter()
        .map(|table| view! { <DataTable table/> })
        .collect_view();
    view! {
        <header class="report-head">
            <p class="issuer">{report.issuer}</p>
            <h1 id="report-title">{report.title}</h1>
            <p class="lead">{report.lead}</p>
            <Terms terms=report.identity/>
            {report.illustrative.map(|note| view! { <p class="illustrative-note">{note}</p> })}
        </header>
        <h2>{report.targets_title}</h2>
        <DataTable table=report.targets/>
        <h2>{report.breakdowns_title}</h2>
        {breakdowns}
        <h2>{report.tasks_title}</h2>
        <DataTable table=report.tasks/>
    }
}
