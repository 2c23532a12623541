//! Tổng quan: every target of the plan as of the chosen date.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::web::components::target_card::TargetCard;
use crate::web::state::AppState;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let empty = move || state.workspace.with(|w| w.is_empty());
    let cards = move || {
        let lang = lang.get();
        let as_of = state.as_of.get();
        let evaluations = state.evaluations.get();
        state.workspace.with(|w| {
            w.plan
                .targets
                .iter()
                .zip(evaluations)
                .map(|(target, evaluation)| {
                    view! { <TargetCard target=target.clone() evaluation=evaluation as_of=as_of lang=lang /> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="page dashboard" aria-labelledby="dashboard-title">
            <h1 id="dashboard-title">{move || lang.get().pick("Tổng quan các chỉ tiêu", "Targets at a glance")}</h1>
            <p class="page-actions">
                <A href="/report">{move || lang.get().pick("Báo cáo tiến độ (in, CSV)", "Progress report (print, CSV)")}</A>
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
                        <A href="/data">{move || lang.get().pick("Nhập dữ liệu ở trang Dữ liệu", "Enter data on the Data page")}</A>
                    </p>
                </div>
            </Show>
            <div class="cards">{cards}</div>
        </section>
    }
}
