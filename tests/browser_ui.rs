//! The view layer (`app::ui`) in headless Chromium: a region follows the
//! signals it reads, and what a page made — its regions, listeners and
//! timers — stops when the page's owner is cleaned up.
#![cfg(all(target_arch = "wasm32", feature = "app"))]

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use coop_plan::app::ui::{self, *};
use reactive_graph::owner::Owner;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Waits `ms` milliseconds: effects (queued as microtasks) have all run.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = ui::window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn element() -> web_sys::HtmlElement {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let div: web_sys::HtmlElement = ui::document()
        .create_element("div")
        .expect("div")
        .dyn_into()
        .expect("html element");
    ui::document()
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

#[wasm_bindgen_test]
async fn a_region_follows_its_signals_and_stops_with_its_owner() {
    let host = element();
    let owner = Owner::new();
    let count = owner.with(|| RwSignal::new(1u32));
    owner.with(|| region(&host, move || format!("<b>{}</b>", count.get())));
    sleep(0).await;
    assert_eq!(host.inner_html(), "<b>1</b>");

    count.set(2);
    sleep(0).await;
    assert_eq!(host.inner_html(), "<b>2</b>");

    // An unchanged text is not written again: what is inside stays the
    // same element (and keeps focus, caret and scroll).
    let before = host.first_element_child().expect("b");
    count.set(2);
    sleep(0).await;
    let after = host.first_element_child().expect("b");
    assert!(before.is_same_node(Some(&after)));

    owner.cleanup();
    host.set_inner_html("left alone");
    sleep(0).await;
    assert_eq!(
        host.inner_html(),
        "left alone",
        "a cleaned-up region writes nothing"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn a_listener_goes_with_its_owner() {
    let host = element();
    let clicks = Rc::new(Cell::new(0));
    let owner = Owner::new();
    owner.with(|| {
        let clicks = clicks.clone();
        listen(&host, "click", move |_| clicks.set(clicks.get() + 1));
    });
    host.click();
    host.click();
    assert_eq!(clicks.get(), 2);

    drop(owner);
    host.click();
    assert_eq!(clicks.get(), 2, "the listener was removed with its owner");
    host.remove();
}

#[wasm_bindgen_test]
async fn an_interval_ticks_until_dropped() {
    let ticks = Rc::new(Cell::new(0));
    let interval = {
        let ticks = ticks.clone();
        Interval::start(Duration::from_millis(10), move || {
            ticks.set(ticks.get() + 1)
        })
    }
    .expect("a timer");
    sleep(60).await;
    let seen = ticks.get();
    assert!(seen >= 2, "ticked {seen} times in 60 ms");

    drop(interval);
    sleep(50).await;
    assert_eq!(ticks.get(), seen, "no tick after the timer was dropped");
}
