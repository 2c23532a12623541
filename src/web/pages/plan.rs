//! Kế hoạch: the plan the workspace measures against — its identity, its
//! targets as data, its settings, districts, sectors and tasks.

use leptos::prelude::*;

use crate::report::plan_summary_html;
use crate::web::components::plan_editor::{copy_of, PlanEditor};
use crate::web::components::task_tracker::TaskTracker;
use crate::web::state::AppState;
use crate::workspace::Workspace;

/// The text of plan 135 as far as we have it (`data/`, copied from the
/// project's reference folder).
const PLAN_135_TEXT: &str = include_str!("../../../data/ke-hoach-135-KH-UBND-2018.txt");

#[component]
pub fn PlanPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let content = move || {
        let lang = lang.get();
        state.workspace.with(|w| {
            let text = (w.plan.identity.number == "135/KH-UBND").then_some(PLAN_135_TEXT);
            plan_summary_html(&w.plan, text, lang)
        })
    };
    let new_plan = move |_| {
        let lang = lang.get_untracked();
        let (plan, name) = state
            .workspace
            .with_untracked(|w| (copy_of(&w.plan, lang), w.name.clone()));
        let mut workspace = Workspace::new(
            format!("plan-{}", js_sys::Date::now() as u64),
            format!(
                "{} — {}",
                lang.pick("Kế hoạch mới từ", "New plan from"),
                name
            ),
        );
        workspace.plan = plan;
        state.open_workspace(workspace);
    };
    view! {
        <section class="page plan" aria-labelledby="plan-title">
            <div inner_html=content></div>
            <PlanEditor />
            <p>
                <button type="button" class="secondary" on:click=new_plan>
                    {move || lang.get().pick("Tạo kế hoạch mới từ kế hoạch này (không gian làm việc mới)", "New plan from this one (a new workspace)")}
                </button>
            </p>
            <TaskTracker />
        </section>
    }
}
