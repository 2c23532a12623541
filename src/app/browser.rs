//! The few things components ask of the browser directly: the window and
//! document, focus, and running code after the page is drawn or after the
//! browser's other work.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a document")
}

/// The element inside `root` that `selector` names, if any.
pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// Focuses the element with `id` now.
pub fn focus(id: &str) {
    let found = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(element) = found {
        let _ = element.focus();
    }
}

/// Focuses the first element `selector` finds in the document now.
pub fn focus_first(selector: &str) {
    let found = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(element) = found {
        let _ = element.focus();
    }
}

/// Focuses the element with `id` once the page has been drawn again.
pub fn focus_later(id: &'static str) {
    next_frame(move || focus(id));
}

/// Runs `f` once the browser has drawn the page again.
pub fn next_frame(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let _ = window().request_animation_frame(callback.unchecked_ref());
}

/// Runs `f` once the browser has had its turn (`setTimeout(f, 0)`): events
/// are handled and the page is drawn in between, so that long work split
/// into slices does not freeze the page.
pub fn later(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let _ = window().set_timeout_with_callback(callback.unchecked_ref());
}
