//! Báo cáo tiến độ: the progress report the plan's monitor sends to the
//! People's Committee, for browser print on A4. Its content is written by
//! [`crate::report::progress_report_html`]; this page adds the buttons.

use web_sys::Element;

use crate::csv::write_csv;
use crate::format::iso_date;
use crate::report::{progress_report_html, target_table_header, target_table_rows};
use crate::web::dom::action;
use crate::web::state::AppState;
use crate::web::today::today;
use crate::web::ui::*;

pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    region(root, move || {
        let (lang, as_of) = (lang.get(), state.as_of.get());
        let content = state.evaluations.with(|evaluations| {
            state
                .workspace
                .with(|w| progress_report_html(w, evaluations, as_of, today(), lang))
        });
        format!(
            r#"<section class="page report" aria-labelledby="report-title"><div class="report-actions"><button type="button" data-action="print">{}</button><button type="button" class="secondary" data-action="export">{}</button></div><div>{content}</div></section>"#,
            lang.pick("In báo cáo (A4)", "Print the report (A4)"),
            lang.pick("Tải bảng chỉ tiêu (CSV)", "Download the target table (CSV)"),
        )
    });
    listen(root, "click", move |ev| match action(&ev).as_deref() {
        Some("print") => {
            let _ = window().print();
        }
        Some("export") => {
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
        }
        _ => {}
    });
}
