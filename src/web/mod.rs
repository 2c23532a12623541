//! The browser app: HTML text written by the domain, kept up to date by a
//! few reactive regions ([`ui`]).
//!
//! State that outlives a page — the workspace, the as-of date, the language
//! and the notices — is owned here at the root ([`state::AppState`]) and
//! provided through context, so navigating never touches a disposed signal.
//! No page computes a target: pages call [`crate::indicator`] inside
//! memos.

#[cfg(feature = "bench")]
pub mod bench;
pub mod components;
pub mod dom;
pub mod download;
pub mod files;
pub mod import_worker;
pub mod pages;
pub mod persist;
pub mod route;
pub mod state;
pub mod storage;
pub mod today;
pub mod ui;

use crate::route::Page;
use components::tour::TourState;
use state::AppState;
use ui::*;

/// Reads storage (IndexedDB, asynchronously; the page says "Đang mở dữ
/// liệu…" meanwhile), then mounts the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let loaded = storage::load().await;
        mount_to(document().body().expect("a body"), loaded);
    });
}

/// The app's frame: the skip link, the header, the notices, the tour and
/// the page. Pages are written into `<main>` and thrown away with what
/// they made when the path names another page.
pub fn mount_to(host: web_sys::HtmlElement, loaded: storage::Loaded) {
    // Already set (a test mounting twice) is fine.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = reactive_graph::owner::Owner::new();
    owner.set();
    // The app lives as long as the page.
    std::mem::forget(owner);

    let state = AppState::load(loaded);
    provide_context(state);
    state.persist();
    let location = route::Location::install();
    let page = location.page();
    TourState::provide();

    host.set_inner_html(
        r##"<a class="skip-link" href="#main"></a><header class="app-header"></header><div class="update-host" role="status"></div><div class="notices"></div><div class="tour-host"></div><main id="main" tabindex="-1"></main>"##,
    );
    let part = |selector: &str| find(&host, selector).expect("the app's frame");
    let lang = state.lang;
    region(&part(".skip-link"), move || {
        lang.get()
            .pick("Bỏ qua đến nội dung chính", "Skip to main content")
            .to_owned()
    });
    let header = part("header");
    components::header::mount(&header);
    let update = part(".update-host");
    components::update::mount(&update);
    components::notices::mount(&part(".notices"));
    components::tour::mount(&part(".tour-host"));
    // Presentation mode fills the screen: the header would only be tabbed through.
    Effect::new(move |_| {
        let presenting = page.get() == Page::Present;
        toggle_attribute(&header, "hidden", presenting);
        toggle_attribute(&update, "hidden", presenting);
    });
    let main = part("main");
    rebuild_on(move || page.get(), move |page| pages::mount(page, &main));
}
