//! The browser app: a thin Leptos skin over the domain.
//!
//! State that outlives a page — the workspace, the as-of date, the language
//! and the notices — is owned here at the root ([`state::AppState`]) and
//! provided through context, so navigating never touches a disposed signal.
//! No component computes a target: pages call [`crate::indicator`] inside
//! memos.

#[cfg(feature = "bench")]
pub mod bench;
pub mod components;
pub mod dom;
pub mod download;
pub mod files;
pub mod pages;
pub mod route;
pub mod state;
pub mod storage;
pub mod today;

use leptos::prelude::*;

use crate::route::Page;
use components::header::Header;
use components::notices::Notices;
use components::tour::{Tour, TourState};
use pages::{
    assessment::AssessmentPage, dashboard::DashboardPage, data::DataPage, not_found::NotFoundPage,
    plan::PlanPage, present::PresentPage, report::ReportPage, simulation::SimulationPage,
    target::TargetPage, unit::UnitPage, workshop::WorkshopPage,
};
use state::AppState;

/// Mounts the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);
    state.persist();

    let page = route::Location::install().page();
    TourState::provide();
    // Presentation mode fills the screen: the header would only be tabbed through.
    let presenting = Memo::new(move |_| page.with(|p| *p == Page::Present));

    view! {
        <a class="skip-link" href="#main">
            {move || state.lang.get().pick("Bỏ qua đến nội dung chính", "Skip to main content")}
        </a>
        <Show when=move || !presenting.get()>
            <Header />
        </Show>
        <Notices />
        <Tour />
        <main id="main" tabindex="-1">
            {move || match page.get() {
                Page::Dashboard => view! { <DashboardPage /> }.into_any(),
                Page::Data => view! { <DataPage /> }.into_any(),
                Page::Assessment => view! { <AssessmentPage /> }.into_any(),
                Page::Simulation => view! { <SimulationPage /> }.into_any(),
                Page::Workshop => view! { <WorkshopPage /> }.into_any(),
                Page::Plan => view! { <PlanPage /> }.into_any(),
                Page::Report => view! { <ReportPage /> }.into_any(),
                Page::Present => view! { <PresentPage /> }.into_any(),
                Page::Target(id) => view! { <TargetPage id /> }.into_any(),
                Page::Unit(id) => view! { <UnitPage id /> }.into_any(),
                Page::NotFound => view! { <NotFoundPage /> }.into_any(),
            }}
        </main>
    }
}
