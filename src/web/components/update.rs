//! "A new version is ready — reload": the banner for a new build that the
//! service worker has fetched in the background ([`crate::update_view`]).
//!
//! boot.js is the go-between: it sets `<html data-update="ready">` and
//! sends `coop-plan:update-ready` when a new build waits, and on
//! `coop-plan:update-apply` lets it take over and reloads the page.
//!
//! Unsaved input, which a reload would lose: a form control in the page
//! whose value differs from the one it was drawn with, or an element
//! marked `data-unsaved` (the plan editor's pending changes).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

use crate::update_view::{banner_html, Update};
use crate::web::dom::{action, property};
use crate::web::state::AppState;
use crate::web::ui::*;

const READY: &str = "coop-plan:update-ready";
const APPLY: &str = "coop-plan:update-apply";

/// Writes the banner into `root` and keeps it current.
pub fn mount(root: &Element) {
    let lang = expect_context::<AppState>().lang;
    let ready_at_start = document()
        .document_element()
        .and_then(|html| html.get_attribute("data-update"))
        .is_some_and(|v| v == "ready");
    let update = RwSignal::new(if ready_at_start {
        Update::Ready
    } else {
        Update::None
    });
    listen(&window(), READY, move |_| {
        if update.get_untracked() == Update::None {
            update.set(Update::Ready);
        }
    });
    region(root, move || banner_html(update.get(), lang.get()));
    let banner = root.clone();
    listen(root, "click", move |ev| match action(&ev).as_deref() {
        Some("update-reload") => {
            if unsaved_input().is_some() {
                update.set(Update::Unsaved);
                // Once the banner has been written again.
                let banner = banner.clone();
                next_frame(move || focus_first_button(&banner));
            } else {
                apply();
            }
        }
        Some("update-reload-anyway") => apply(),
        Some("update-later") => {
            update.set(Update::Ready);
            if let Some(control) = unsaved_input().and_then(|c| c.dyn_into::<HtmlElement>().ok()) {
                let _ = control.focus();
            }
        }
        _ => {}
    });
}

fn apply() {
    if let Ok(event) = web_sys::Event::new(APPLY) {
        let _ = window().dispatch_event(&event);
    }
}

fn focus_first_button(banner: &Element) {
    if let Some(button) = find(banner, "button").and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
        let _ = button.focus();
    }
}

/// The first control in the page that holds input a reload would lose.
fn unsaved_input() -> Option<Element> {
    let main = document().get_element_by_id("main")?;
    if let Some(marked) = find(&main, "[data-unsaved]") {
        return Some(marked);
    }
    let controls = main
        .query_selector_all("form input, form textarea, form select")
        .ok()?;
    // A page holds a few dozen controls; the bound is only a guard.
    (0..controls.length().min(10_000))
        .filter_map(|i| controls.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .find(changed)
}

/// Whether a control's value differs from the one it was drawn with.
fn changed(control: &Element) -> bool {
    let get = |name: &str| property(control, name);
    match control.tag_name().as_str() {
        "SELECT" => {
            // The option drawn as selected, or the first when none was.
            let options = get("options");
            let count = get("length").as_f64().unwrap_or(0.0) as u32;
            let drawn = (0..count.min(10_000))
                .find(|i| {
                    let option =
                        js_sys::Reflect::get(&options, &JsValue::from(*i)).unwrap_or_default();
                    property(&option, "defaultSelected").as_bool() == Some(true)
                })
                .unwrap_or(0);
            get("selectedIndex").as_f64() != Some(f64::from(drawn)) && count > 0
        }
        "INPUT" => match get("type").as_string().as_deref() {
            Some("checkbox" | "radio") => get("checked") != get("defaultChecked"),
            Some("button" | "submit" | "reset" | "hidden" | "file") => false,
            _ => get("value") != get("defaultValue"),
        },
        _ => get("value") != get("defaultValue"),
    }
}
