//! Reading form events delegated to a container: forms written as HTML
//! text by the domain have no handler per input; one listener on their
//! container reads the `name` and `value` of whatever changed.

use wasm_bindgen::{JsCast, JsValue};

fn property(target: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
}

/// The `name` and `value` of the input, select or textarea an event came
/// from; `None` for anything without a name.
pub fn name_and_value(event: &web_sys::Event) -> Option<(String, String)> {
    let target: JsValue = event.target()?.into();
    let name = property(&target, "name").filter(|n| !n.is_empty())?;
    Some((name, property(&target, "value").unwrap_or_default()))
}

/// The `data-action` of the element an event came from, or of its closest
/// ancestor that has one (a button's text may be the target).
pub fn action(event: &web_sys::Event) -> Option<String> {
    let element = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    element
        .closest("[data-action]")
        .ok()??
        .get_attribute("data-action")
}

/// The value of the input with `id`, if there is one.
pub fn input_value(id: &str) -> Option<String> {
    let element: JsValue = web_sys::window()?.document()?.get_element_by_id(id)?.into();
    property(&element, "value")
}

/// Sets each slot's text (or, for `html_slot`, its HTML written by the
/// domain), leaving the rest of the form — and the focus — alone.
pub fn fill_slots(slots: &[(String, String)], html_slot: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for (id, text) in slots {
        if let Some(element) = document.get_element_by_id(id) {
            if id == html_slot {
                element.set_inner_html(text);
            } else if element.text_content().as_deref() != Some(text.as_str()) {
                element.set_text_content(Some(text));
            }
        }
    }
}

/// Focuses the element with `id` once the page has been drawn again.
pub fn focus_later(id: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}
