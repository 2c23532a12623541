//! The header: the plan's name, the workspace, the as-of date, the language
//! switch and the navigation.

use leptos::prelude::*;

use crate::format::{format_date, iso_date, parse_date};
use crate::i18n::Lang;
use crate::web::route::Location;
use crate::web::state::AppState;
use crate::web::storage;

#[component]
pub fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let pick = move |vi: &'static str, en: &'static str| move || lang.get().pick(vi, en);
    let plan_number = move || state.workspace.with(|w| w.plan.identity.number.clone());
    let period = move || {
        state
            .workspace
            .with(|w| format!("{}–{}", w.plan.start_year, w.plan.end_year))
    };
    let as_of_iso = move || iso_date(state.as_of.get());
    let as_of_shown = move || format_date(state.as_of.get(), lang.get());
    let on_date = move |ev| {
        // An empty or half-typed date changes nothing.
        if let Some(date) = parse_date(&event_target_value(&ev)) {
            state.as_of.set(date);
        }
    };
    // The stored workspaces, read again whenever the open one changes (a
    // new one may just have been made).
    let workspaces = Memo::new(move |_| {
        state.workspace.with(|w| w.id.clone());
        storage::list_workspaces()
    });
    let workspace_line = move || {
        let lang = lang.get();
        workspaces.with(|list| {
            state.workspace.with(|w| {
                crate::header_view::workspace_line_html(&w.name, &w.id, list, w.illustrative, lang)
            })
        })
    };
    let switch_workspace = move |ev: leptos::ev::Event| {
        let Some((_, id)) = crate::web::form_events::name_and_value(&ev) else {
            return;
        };
        match storage::read_workspace(&id) {
            Some(Ok(workspace)) => state.open_workspace(workspace),
            _ => state.notify(crate::i18n::Text::new(
                "Không mở được không gian làm việc này.",
                "This workspace could not be opened.",
            )),
        }
    };
    let location = expect_context::<Location>();
    let here = move |href: &str| location.is_current(href).then_some("page");
    let tour = expect_context::<super::tour::TourState>();
    let switch_language = move |_| {
        lang.update(|l| {
            *l = match l {
                Lang::Vi => Lang::En,
                Lang::En => Lang::Vi,
            }
        })
    };

    view! {
        <header class="app-header">
            <div class="brand">
                <p class="app-name">"Coop Plan"</p>
                <p class="plan-name">
                    {pick("Kế hoạch ", "Plan ")} {plan_number} " · " {pick("Hải Phòng", "Hải Phòng")} " " {period}
                </p>
                <p class="workspace-name" inner_html=workspace_line on:change=switch_workspace></p>
            </div>
            <div class="controls">
                <label class="as-of">
                    <span>{pick("Ngày đánh giá", "As of")}</span>
                    <input type="date" min="1990-01-01" max="2100-12-31" prop:value=as_of_iso on:change=on_date />
                    <span class="as-of-shown" aria-hidden="true">{as_of_shown}</span>
                </label>
                <button type="button" class="tour-open" on:click=move |_| { tour.0.set(Some(0)); location.go("/"); }>
                    {pick("Hướng dẫn", "Tour")}
                </button>
                <button type="button" class="lang-switch" on:click=switch_language>
                    <span lang=move || lang.get().pick("en", "vi")>{pick("English", "Tiếng Việt")}</span>
                </button>
            </div>
            <nav aria-label=pick("Các trang", "Pages")>
                <ul>
                    <li><a href="/" aria-current=move || here("/")>{pick("Tổng quan", "Dashboard")}</a></li>
                    <li><a href="/data" aria-current=move || here("/data")>{pick("Dữ liệu", "Data")}</a></li>
                    <li><a href="/assessment" aria-current=move || here("/assessment")>{pick("Tự đánh giá", "Self-assessment")}</a></li>
                    <li><a href="/simulation" aria-current=move || here("/simulation")>{pick("Mô phỏng", "Simulation")}</a></li>
                    <li><a href="/workshop" aria-current=move || here("/workshop")>{pick("Hội thảo", "Workshop")}</a></li>
                    <li><a href="/plan" aria-current=move || here("/plan")>{pick("Kế hoạch", "Plan")}</a></li>
                </ul>
            </nav>
        </header>
    }
}
