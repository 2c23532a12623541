//! The app mounted in headless Chromium: the dashboard lists the nine
//! targets of the stored workspace, and the language switch changes the UI.
#![cfg(all(target_arch = "wasm32", feature = "app"))]

use coop_plan::app::{mount_to, storage};
use coop_plan::domain::workspace::Workspace;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

async fn mount_app() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document()
        .create_element("div")
        .expect("div")
        .dyn_into()
        .expect("html element");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    mount_to(host.clone(), storage::load().await);
    host
}

/// Waits until the app's effects have run: they are queued as microtasks,
/// and a timer fires only after every queued microtask.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn the_dashboard_shows_nine_targets_and_switches_language() {
    let storage_area = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("storage");
    storage_area.clear().expect("clear");
    storage::clear_for_tests().await;
    storage::save_workspace(&Workspace::new("main", "Thử"))
        .await
        .expect("saved");

    let host = mount_app().await;
    settle().await;
    // The dashboard draws its cards a turn after the page around them.
    settle().await;
    let cards = host
        .query_selector_all("article[data-target-id]")
        .expect("query");
    assert_eq!(cards.length(), 9);
    let statuses = host
        .query_selector_all("[data-status='no-data']")
        .expect("query");
    assert_eq!(
        statuses.length(),
        9,
        "an empty workspace has no data for any target"
    );
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Tổng quan các chỉ tiêu"));

    let switch: web_sys::HtmlElement = host
        .query_selector("button.lang-switch")
        .expect("query")
        .expect("a language switch")
        .dyn_into()
        .expect("button");
    switch.click();
    settle().await;
    let text = host.text_content().unwrap_or_default();
    assert!(
        text.contains("Targets at a glance"),
        "the UI is in English after the switch"
    );
    assert_eq!(
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .as_deref(),
        Some("en")
    );
    assert_eq!(storage::load_settings().lang, coop_plan::i18n::Lang::En);
    host.remove();
    storage_area.clear().expect("clear");
}
