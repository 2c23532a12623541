//! The header: the plan's name, the workspace, the as-of date, the language
//! switch and the navigation.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::components::ForAny;
use crate::app::route::Location;
use crate::app::state::AppState;
use crate::app::storage;
use crate::app::words;
use crate::i18n::format::{format_date, iso_date, parse_date};
use crate::i18n::{Lang, Text};

/// The pages in the navigation: path, Vietnamese, English.
const NAVIGATION: [(&str, &str, &str); 6] = [
    ("/", "Tổng quan", "Dashboard"),
    ("/data", "Dữ liệu", "Data"),
    ("/assessment", "Tự đánh giá", "Self-assessment"),
    ("/simulation", "Mô phỏng", "Simulation"),
    ("/workshop", "Hội thảo", "Workshop"),
    ("/plan", "Kế hoạch", "Plan"),
];

#[component]
pub fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let plan_name = move || {
        state.workspace.with(|w| {
            format!(
                "{}{} · Hải Phòng {}–{}",
                lang.get().pick("Kế hoạch ", "Plan "),
                w.plan.identity.number,
                w.plan.start_year,
                w.plan.end_year
            )
        })
    };
    let as_of = move || iso_date(state.as_of.get());
    let on_as_of = move |input: web_sys::HtmlInputElement| {
        // An empty or half-typed date changes nothing.
        if let Some(date) = parse_date(&input.value()) {
            state.as_of.set(date);
        }
    };
    let tour = expect_context::<super::tour::TourState>();
    let location = expect_context::<Location>();
    let start_tour = move |_| {
        tour.0.set(Some(0));
        location.go("/");
    };
    let switch_lang = move |_| {
        lang.update(|l| {
            *l = match l {
                Lang::Vi => Lang::En,
                Lang::En => Lang::Vi,
            }
        })
    };
    view! {
        <div class="brand">
            <p class="app-name">"Coop Plan"</p>
            <p class="plan-name">{plan_name}</p>
            <p class="workspace-name"><WorkspaceLine/></p>
        </div>
        <div class="controls">
            <label class="as-of">
                <span>{words("Ngày đánh giá", "As of")}</span>
                <input
                    type="date"
                    name="as-of"
                    min="1990-01-01"
                    max="2100-12-31"
                    prop:value=as_of
                    on:change:target=move |ev| on_as_of(ev.target())
                />
                <span class="as-of-shown" aria-hidden="true">
                    {move || format_date(state.as_of.get(), lang.get())}
                </span>
            </label>
            <button type="button" class="tour-open" on:click=start_tour>
                {words("Hướng dẫn", "Tour")}
            </button>
            <button type="button" class="lang-switch" on:click=switch_lang>
                <span lang=words("en", "vi")>{words("English", "Tiếng Việt")}</span>
            </button>
        </div>
        <nav aria-label=words("Các trang", "Pages")>
            <ul>
                {NAVIGATION
                    .into_iter()
                    .map(|(href, vi, en)| {
                        view! {
                            <li>
                                <A href=href exact=href == "/">
                                    {words(vi, en)}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// The open workspace's name — or, when there are several, a labelled
/// switcher — with its "illustrative data" and "read-only" tags.
#[component]
fn WorkspaceLine() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    // The stored workspaces, read again whenever the open one changes (a
    // new one may just have been made) or a save added or renamed one.
    let current = Memo::new(move |_| state.workspace.with(|w| w.id.clone()));
    let workspaces = Memo::new(move |_| {
        // Not on every edit: only when another workspace opens.
        current.track();
        state.storage_answers.track();
        storage::list_workspaces()
    });
    let label = move || lang.get().pick("Không gian làm việc: ", "Workspace: ");
    let switch = move |id: String| {
        leptos::task::spawn_local(async move {
            match storage::read_workspace(&id).await {
                Some(Ok(workspace)) => state.open_workspace(workspace),
                // Written by a newer version (left in localStorage): shown
                // read-only, untouched.
                None if state.open_read_only(&id) => {}
                Some(Err(crate::files::document::DocumentError::NewerVersion { .. }))
                    if state.open_read_only(&id) => {}
                _ => state.notify(Text::new(
                    "Không mở được không gian làm việc này.",
                    "This workspace could not be opened.",
                )),
            }
        })
    };
    let several = move || workspaces.with(|list| list.len() > 1);
    view! {
        <Show
            when=several
            fallback=move || {
                view! { {label} <strong>{move || state.workspace.with(|w| w.name.clone())}</strong> }
            }
        >
            <label for="workspace-switch">{label}</label>
            <select
                id="workspace-switch"
                name="workspace-switch"
                on:change:target=move |ev| switch(ev.target().value())
            >
                <ForAny each=move || workspaces.get() key=|(id, name)| (id.clone(), name.clone()) let((id, name))>
                    <option value=id.clone() selected=move || current.with(|c| *c == id)>
                        {name}
                    </option>
                </ForAny>
            </select>
        </Show>
        <Show when=move || state.workspace.with(|w| w.illustrative)>
            " "
            <span class="illustrative-tag">
                {move || lang.get().pick("Số liệu minh họa", "Illustrative data")}
            </span>
        </Show>
        <Show when=move || state.workspace.with(|w| w.read_only())>
            " "
            <span
                class="read-only-tag"
                title=move || {
                    lang.get()
                            .pick(
                            "Do phiên bản mới hơn của ứng dụng ghi. Hãy tải lại trang để cập nhật.",
                            "Written by a newer version of the app. Reload the page to update.",
                        )
                }
            >
                {move || lang.get().pick("Chỉ xem", "Read-only")}
            </span>
        </Show>
    }
}
