//! The DOM helpers of pages written as HTML text by the domain: such pages
//! have no handler per control; one listener per container reads the
//! `name`, `value` or `data-action` of whatever the event came from, and
//! only the regions that change are written again.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// A property of a DOM object (`value`, `checked`, `name`), without a
/// typed binding per kind of control.
pub fn property(target: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(name)).unwrap_or_default()
}

fn string_property(target: &JsValue, name: &str) -> Option<String> {
    property(target, name).as_string()
}

pub fn by_id(id: &str) -> Option<Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// The element an event came from, or its closest ancestor, that matches
/// `selector`.
pub fn event_element(event: &web_sys::Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

/// The `name` and `value` of the input, select or textarea an event came
/// from; `None` for anything without a name.
pub fn name_and_value(event: &web_sys::Event) -> Option<(String, String)> {
    let target: JsValue = event.target()?.into();
    let name = string_property(&target, "name").filter(|n| !n.is_empty())?;
    Some((name, string_property(&target, "value").unwrap_or_default()))
}

/// The `data-action` of the element an event came from, or of its closest
/// ancestor that has one (a button's text may be the target).
pub fn action(event: &web_sys::Event) -> Option<String> {
    event_element(event, "[data-action]")?.get_attribute("data-action")
}

/// The value of the input with `id`, if there is one.
pub fn input_value(id: &str) -> Option<String> {
    string_property(&by_id(id)?.into(), "value")
}

pub fn set_html(id: &str, html: &str) {
    if let Some(element) = by_id(id) {
        element.set_inner_html(html);
    }
}

pub fn set_text(id: &str, text: &str) {
    if let Some(element) = by_id(id) {
        element.set_text_content(Some(text));
    }
}

/// Focuses the element with `id` now.
pub fn focus(id: &str) {
    if let Some(element) = by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Focuses the first element `selector` finds in the document now.
pub fn focus_first(selector: &str) {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = found {
        let _ = element.focus();
    }
}

/// Brings the controls inside `container` up to date with `fresh` (the
/// same part of the page written anew) without writing them again, so
/// that the focus, the caret and what is being typed stay: each control
/// takes the value (and, a box, the check) of the control in `fresh`
/// with the same `key` attribute (`name`, `id`), except the one whose key
/// is `keep` (being typed in). Returns `false`, changing nothing, when the
/// two hold other controls: the caller then writes the part anew.
pub fn refresh_controls(container: &Element, fresh: &str, key: &str, keep: Option<&str>) -> bool {
    let Some(scratch) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
    else {
        return false;
    };
    scratch.set_inner_html(fresh);
    let selector = format!("[{key}]");
    let (live, new) = (all(container, &selector), all(&scratch, &selector));
    if live.len() != new.len()
        || live.iter().zip(&new).any(|(l, n)| {
            l.tag_name() != n.tag_name() || l.get_attribute(key) != n.get_attribute(key)
        })
    {
        return false;
    }
    for (live, new) in live.iter().zip(&new) {
        if keep.is_some() && live.get_attribute(key).as_deref() == keep {
            continue;
        }
        if live.class_name() == "echo" {
            // What a typed amount will be stored as, beside it.
            live.set_text_content(new.text_content().as_deref());
            continue;
        }
        let boxed = matches!(
            property(new, "type").as_string().as_deref(),
            Some("checkbox" | "radio")
        );
        let props: &[&str] = if boxed { &["checked"] } else { &["value"] };
        for prop in props {
            let value = property(new, prop);
            if property(live, prop) != value {
                let _ = js_sys::Reflect::set(live, &JsValue::from_str(prop), &value);
            }
        }
    }
    true
}

/// Every element inside `root` that `selector` finds, in document order
/// (`querySelectorAll` through JavaScript, which needs no more of web-sys).
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(query) = property(root, "querySelectorAll").dyn_into::<js_sys::Function>() else {
        return Vec::new();
    };
    let Ok(list) = query.call1(root, &JsValue::from_str(selector)) else {
        return Vec::new();
    };
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

/// Focuses the element with `id` once the page has been drawn again.
pub fn focus_later(id: &'static str) {
    super::ui::next_frame(move || focus(id));
}

/// Runs `f` once the browser has had its turn (`setTimeout(f, 0)`): events
/// are handled and the page is drawn in between, so that long work split
/// into slices does not freeze the page.
pub fn later(f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback(callback.unchecked_ref());
    }
}
