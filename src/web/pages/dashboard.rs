//! Tổng quan: every target of the plan as of the chosen date.

use web_sys::Element;

use crate::html::Html;
use crate::report::target_card_html;
use crate::web::dom::action;
use crate::web::state::AppState;
use crate::web::ui::*;

pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    region(root, move || {
        let (lang, as_of) = (lang.get(), state.as_of.get());
        let mut html = Html::new();
        html.append_text(&format!(
            r#"<section class="page dashboard" aria-labelledby="dashboard-title"><h1 id="dashboard-title">{}</h1><p class="page-actions"><a href="/report">{}</a></p>"#,
            lang.pick("Tổng quan các chỉ tiêu", "Targets at a glance"),
            lang.pick("Báo cáo tiến độ (in, CSV)", "Progress report (print, CSV)"),
        ));
        if state.workspace.with(|w| w.id == crate::demo::DEMO_ID) {
            html.append_text(&crate::demo::as_of_note_html(as_of, lang));
        }
        if state.workspace.with(|w| w.is_empty()) {
            html.append_text(&format!(
                r#"<div class="empty-state"><p>{}</p><p><a href="/data">{}</a></p></div>"#,
                lang.pick(
                    "Không gian làm việc này chưa có dữ liệu, nên chưa chỉ tiêu nào tính được.",
                    "This workspace has no data yet, so no target can be computed.",
                ),
                lang.pick(
                    "Nhập dữ liệu ở trang Dữ liệu",
                    "Enter data on the Data page"
                ),
            ));
        }
        html.append_text(r#"<div class="cards">"#);
        state.evaluations.with(|evaluations| {
            state.workspace.with(|w| {
                for (target, evaluation) in w.plan.targets.iter().zip(evaluations) {
                    target_card_html(&mut html, target, evaluation, as_of, lang, true);
                }
            })
        });
        html.append_text("</div></section>");
        html.into_string()
    });
    listen(root, "click", move |ev| {
        if action(&ev).as_deref() == Some("demo-as-of") {
            state.as_of.set(crate::demo::published_as_of());
        }
    });
}
