//! Kế hoạch: the plan the workspace measures against — its identity, its
//! targets as data, its settings, districts, sectors and tasks.

use web_sys::Element;

use crate::report::plan_summary_html;
use crate::web::components::plan_editor::{self, copy_of};
use crate::web::components::task_tracker;
use crate::web::dom::action;
use crate::web::state::AppState;
use crate::web::ui::*;
use crate::workspace::Workspace;

/// The text of plan 135 as far as we have it (`data/`, copied from the
/// project's reference folder).
const PLAN_135_TEXT: &str = include_str!("../../../data/ke-hoach-135-KH-UBND-2018.txt");

pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    root.set_inner_html(
        r#"<section class="page plan" aria-labelledby="plan-title"><div class="plan-summary"></div><section class="plan-editor" aria-labelledby="plan-editor-title"></section><p class="plan-new"></p><section class="tasks" aria-labelledby="tasks-title"></section></section>"#,
    );
    let part = |selector: &str| find(root, selector).expect("the plan page");
    region(&part(".plan-summary"), move || {
        let lang = lang.get();
        state.workspace.with(|w| {
            let text = (w.plan.identity.number == "135/KH-UBND").then_some(PLAN_135_TEXT);
            plan_summary_html(&w.plan, text, lang)
        })
    });
    plan_editor::mount(&part(".plan-editor"));
    let new_plan = part(".plan-new");
    region(&new_plan, move || {
        format!(
            r#"<button type="button" class="secondary" data-action="new-plan">{}</button>"#,
            lang.get().pick(
                "Tạo kế hoạch mới từ kế hoạch này (không gian làm việc mới)",
                "New plan from this one (a new workspace)"
            )
        )
    });
    listen(&new_plan, "click", move |ev| {
        if action(&ev).as_deref() != Some("new-plan") {
            return;
        }
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
    });
    task_tracker::mount(&part(".tasks"));
}
