//! The browser app: a Leptos app over the domain.
//!
//! State that outlives a page — the workspace, the as-of date, the language
//! and the notices — is owned here at the root ([`state::AppState`]) and
//! provided through context, so navigating never touches a disposed signal.
//! No page computes a target: pages call [`crate::domain::indicator`] inside
//! memos. leptos_router picks the page from the URL.

#[cfg(feature = "bench")]
pub mod bench;
pub mod browser;
pub mod components;
pub mod download;
pub mod files;
pub mod import_worker;
pub mod pages;
pub mod persist;
pub mod route;
pub mod state;
pub mod storage;
pub mod sync;
pub mod today;

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

use components::header::Header;
use components::tour::TourState;
use state::AppState;

/// Words in the app's language, following the language switch: `{words("Lưu", "Save")}`
/// in a view.
pub fn words(
    vi: &'static str,
    en: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = expect_context::<AppState>().lang;
    move || lang.get().pick(vi, en)
}

/// Reads storage (IndexedDB, asynchronously; the page says "Đang mở dữ
/// liệu…" meanwhile), then mounts the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let loaded = storage::load().await;
        // Reading the stored head and drawing the page are two tasks, not
        // one long one: at a national scale each is tens of milliseconds.
        storage::next_turn().await;
        let body = browser::document().body().expect("a body");
        mount_to(body, loaded);
    });
}

/// Mounts the app in `host` for as long as the page lives.
pub fn mount_to(host: web_sys::HtmlElement, loaded: storage::Loaded) {
    // boot.js's "Đang mở dữ liệu…" gives way to the app.
    host.set_text_content(None);
    leptos::mount::mount_to(host, move || view! { <App loaded/> }).forget();
}

/// The app's root: the state every page shares, and the router.
#[component]
fn App(loaded: storage::Loaded) -> impl IntoView {
    let state = AppState::load(loaded);
    provide_context(state);
    state.persist();
    sync::Sync::provide(state);
    TourState::provide();
    view! {
        <Router>
            <Frame/>
        </Router>
    }
}

/// The app's frame: the skip link, the header, the notices, the tour and
/// the page the URL names.
#[component]
fn Frame() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let location = route::Location::provide();
    let page = location.page();
    // Presentation mode fills the screen: the header would only be tabbed through.
    let presenting = move || page.get() == crate::route::Page::Present;
    let reading = state.reading;
    let waiting = Memo::new(move |_| {
        reading.with(Option::is_some) && page.get() != crate::route::Page::Dashboard
    });
    view! {
        <a class="skip-link" href="#main">
            {move || lang.get().pick("Bỏ qua đến nội dung chính", "Skip to main content")}
        </a>
        <header class="app-header" hidden=presenting>
            <Header/>
        </header>
        <div class="update-host" role="status" hidden=presenting>
            <components::update::UpdateBanner/>
        </div>
        <div class="notices">
            <components::notices::Notices/>
        </div>
        <div class="tour-host">
            <components::tour::Tour/>
        </div>
        <components::dialog::DialogHost dialogs=state.dialogs lang/>
        <main id="main" tabindex="-1">
            // A big workspace opened before its units were read: only the
            // dashboard, from the targets its last save kept, until they are.
            <Show when=move || !waiting.get() fallback=components::opening::OpeningPanel>
            <FlatRoutes fallback=pages::not_found::NotFound>
                <Route path=path!("/") view=pages::dashboard::Dashboard/>
                <Route path=path!("/index.html") view=pages::dashboard::Dashboard/>
                <Route path=path!("/data") view=pages::data::DataPage/>
                <Route path=path!("/assessment") view=pages::assessment::AssessmentPage/>
                <Route path=path!("/simulation") view=pages::simulation::SimulationPage/>
                <Route path=path!("/workshop") view=pages::workshop::WorkshopPage/>
                <Route path=path!("/plan") view=pages::plan::PlanPage/>
                <Route path=path!("/report") view=pages::report::ReportPage/>
                <Route path=path!("/present") view=pages::present::PresentPage/>
                <Route path=path!("/targets/:id") view=pages::target::TargetPage/>
                <Route path=path!("/units/:id") view=pages::unit::UnitPage/>
            </FlatRoutes>
            </Show>
        </main>
    }
}
