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
pub mod download;
pub mod pages;
pub mod state;
pub mod storage;
pub mod today;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::header::Header;
use components::notices::Notices;
use pages::{
    assessment::AssessmentPage, dashboard::DashboardPage, data::DataPage, not_found::NotFoundPage,
    plan::PlanPage, report::ReportPage, simulation::SimulationPage, target::TargetPage,
    unit::UnitPage, workshop::WorkshopPage,
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

    view! {
        <Router>
            <a class="skip-link" href="#main">
                {move || state.lang.get().pick("Bỏ qua đến nội dung chính", "Skip to main content")}
            </a>
            <Header />
            <Notices />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=DashboardPage />
                    <Route path=path!("/data") view=DataPage />
                    <Route path=path!("/assessment") view=AssessmentPage />
                    <Route path=path!("/simulation") view=SimulationPage />
                    <Route path=path!("/workshop") view=WorkshopPage />
                    <Route path=path!("/plan") view=PlanPage />
                    <Route path=path!("/targets/:id") view=TargetPage />
                    <Route path=path!("/units/:id") view=UnitPage />
                    <Route path=path!("/report") view=ReportPage />
                </Routes>
            </main>
        </Router>
    }
}
