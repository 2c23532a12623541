//! Kế hoạch: the plan the workspace measures against — its identity, its
//! targets as data, its settings, districts, sectors and tasks.

use leptos::prelude::*;

use crate::app::components::plan_editor::PlanEditor;
use crate::app::components::task_tracker::TaskTracker;
use crate::app::components::ForAny;
use crate::app::state::AppState;
use crate::app::words;
use crate::domain::workspace::Workspace;
use crate::edit::plan_form::copy_of;
use crate::report::PlanSummary;

/// The text of plan 135 as far as we have it (`data/`, copied from the
/// project's reference folder).
const PLAN_135_TEXT: &str = include_str!("../../../data/ke-hoach-135-KH-UBND-2018.txt");

#[component]
pub fn PlanPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
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
            <div class="plan-summary">
                <Summary/>
            </div>
            <section class="plan-editor" aria-labelledby="plan-editor-title">
                <PlanEditor/>
            </section>
            <p class="plan-new">
                <button type="button" class="secondary" on:click=new_plan>
                    {words(
                        "Tạo kế hoạch mới từ kế hoạch này (không gian làm việc mới)",
                        "New plan from this one (a new workspace)",
                    )}
                </button>
            </p>
            <section class="tasks" aria-labelledby="tasks-title">
                <TaskTracker/>
            </section>
        </section>
    }
}

/// The plan's identity, the documents it implements, its targets with their
/// wording and sources, the reading of T6, and (for plan 135) its text.
#[component]
fn Summary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let summary = Memo::new(move |_| {
        let lang = state.lang.get();
        state.workspace.with(|w| PlanSummary::new(&w.plan, lang))
    });
    let is_135 = Memo::new(move |_| {
        state
            .workspace
            .with(|w| w.plan.identity.number == "135/KH-UBND")
    });
    let part = move |f: fn(&PlanSummary) -> String| move || summary.with(f);
    view! {
        <h1 id="plan-title">{part(|s| s.title.clone())}</h1>
        <p class="lead">{part(|s| s.lead.clone())}</p>
        <dl class="identity">
            {move || {
                summary
                    .with(|s| s.identity.clone())
                    .into_iter()
                    .map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> })
                    .collect_view()
            }}
        </dl>
        <h2>{words("Thực hiện các văn bản", "Implements")}</h2>
        <ul>
            <ForAny
                each=move || summary.with(|s| s.implements.clone()).into_iter().enumerate()
                key=|item| item.clone()
                let((_, document))
            >
                <li>{document}</li>
            </ForAny>
        </ul>
        <h2>{words("Các chỉ tiêu", "Targets")}</h2>
        <div class="table-scroll">
            <table>
                <thead>
                    <tr>
                        {move || {
                            summary
                                .with(|s| s.header)
                                .map(|head| view! { <th scope="col">{head}</th> })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    <ForAny
                        each=move || summary.with(|s| s.rows.clone()).into_iter().enumerate()
                        key=|item| item.clone()
                        let((_, row))
                    >
                        {
                            let [id, target, value, deadline, source] = row;
                            view! {
                                <tr>
                                    <th scope="row">{id}</th>
                                    <td>{target}</td>
                                    <td>{value}</td>
                                    <td>{deadline}</td>
                                    <td>{source}</td>
                                </tr>
                            }
                        }
                    </ForAny>
                </tbody>
            </table>
        </div>
        <h2>{words("Cách hiểu chỉ tiêu T6", "Reading of target T6")}</h2>
        <p>{move || summary.with(|s| s.reading)}</p>
        <Show when=move || is_135.get()>
            <details class="source-text">
                <summary>
                    {words("Văn bản Kế hoạch (bản hiện có)", "The plan's text (the copy we have)")}
                </summary>
                <pre lang="vi">{PLAN_135_TEXT}</pre>
            </details>
        </Show>
    }
}
