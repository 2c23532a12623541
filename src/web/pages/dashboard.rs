//! Tổng quan: every target of the plan as of the chosen date.

use leptos::prelude::*;

use crate::html::Html;
use crate::report::target_card_html;
use crate::web::state::AppState;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let empty = move || state.workspace.with(|w| w.is_empty());
    // The cards are read-only: written as HTML text (see crate::html).
    let cards = move || {
        let (lang, as_of) = (lang.get(), state.as_of.get());
        state.evaluations.with(|evaluations| {
            state.workspace.with(|w| {
                let mut html = Html::new();
                for (target, evaluation) in w.plan.targets.iter().zip(evaluations) {
                    target_card_html(&mut html, target, evaluation, as_of, lang, true);
                }
                html.into_string()
            })
        })
    };
    view! {
        <section class="page dashboard" aria-labelledby="dashboard-title">
            <h1 id="dashboard-title">{move || lang.get().pick("Tổng quan các chỉ tiêu", "Targets at a glance")}</h1>
            <p class="page-actions">
                <a href="/report">{move || lang.get().pick("Báo cáo tiến độ (in, CSV)", "Progress report (print, CSV)")}</a>
            </p>
            <Show when=empty>
                <div class="empty-state">
                    <p>
                        {move || lang.get().pick(
                            "Không gian làm việc này chưa có dữ liệu, nên chưa chỉ tiêu nào tính được.",
                            "This workspace has no data yet, so no target can be computed.",
                        )}
                    </p>
                    <p>
                        <a href="/data">{move || lang.get().pick("Nhập dữ liệu ở trang Dữ liệu", "Enter data on the Data page")}</a>
                    </p>
                </div>
            </Show>
            <div class="cards" inner_html=cards></div>
        </section>
    }
}
