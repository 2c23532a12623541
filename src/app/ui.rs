//! The app's whole view layer, in place of a UI framework.
//!
//! What the user sees is HTML text written by the domain (`crate::html`):
//! a *region* is an element whose content is written again, by a
//! reactive_graph effect, whenever the signals its text reads change. A
//! *listener* is one closure per container and kind of event that reads
//! the `name`, `value` or `data-action` of whatever the event came from
//! (`super::dom`). Both belong to the reactive owner they are made in: a
//! page's regions and listeners go when the page does.
//!
//! Each generic function here is a thin shell over a non-generic one, so
//! that the many call sites share one copy of the code that does the work.

use std::time::Duration;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget};

pub use reactive_graph::computed::Memo;
pub use reactive_graph::effect::Effect;
pub use reactive_graph::graph::untrack;
pub use reactive_graph::owner::{expect_context, provide_context, use_context, StoredValue};
pub use reactive_graph::prelude::*;
pub use reactive_graph::signal::RwSignal;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a document")
}

/// Writes `html()` into `element` now and whenever a signal it read
/// changes; an unchanged text is not written again (the focus stays).
pub fn region(element: &Element, html: impl Fn() -> String + 'static) {
    region_dyn(element.clone(), Box::new(html));
}

fn region_dyn(element: Element, html: Box<dyn Fn() -> String>) {
    Effect::new(move |last: Option<String>| {
        let text = html();
        if last.as_ref() != Some(&text) {
            element.set_inner_html(&text);
        }
        text
    });
}

/// Runs `build` now and again whenever a signal read by `track` changes,
/// after throwing away what the last run made (its regions, listeners and
/// effects). `build` itself is not tracked.
pub fn rebuild_on<T: 'static>(track: impl Fn() -> T + 'static, build: impl Fn(T) + 'static) {
    Effect::new(move |_| {
        let value = track();
        untrack(|| build(value));
    });
}

/// An event listener that is removed when the owner it was made in is
/// cleaned up (the page left, the region rewritten).
struct Listener {
    target: EventTarget,
    event: &'static str,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
    }
}

/// Calls `handler` for every `event` on `target` (or inside it: events
/// bubble) for as long as the current owner lives.
pub fn listen(
    target: &EventTarget,
    event: &'static str,
    handler: impl FnMut(web_sys::Event) + 'static,
) {
    listen_dyn(target, event, Box::new(handler));
}

fn listen_dyn(target: &EventTarget, event: &'static str, handler: Box<dyn FnMut(web_sys::Event)>) {
    let closure = Closure::wrap(handler);
    if target
        .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
        .is_ok()
    {
        StoredValue::new_local(Listener {
            target: target.clone(),
            event,
            closure,
        });
    }
}

/// The element inside `root` that `selector` names, if any.
pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// Sets or removes a boolean attribute (`disabled`, `hidden`).
pub fn toggle_attribute(element: &Element, name: &str, on: bool) {
    let _ = if on {
        element.set_attribute(name, "")
    } else {
        element.remove_attribute(name)
    };
}

/// The key of a keyboard event (`"Enter"`, `"Escape"`); empty for others.
pub fn key(event: &web_sys::Event) -> String {
    super::dom::property(event, "key")
        .as_string()
        .unwrap_or_default()
}

/// Runs `f` once the browser has drawn the page again.
pub fn next_frame(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let _ = window().request_animation_frame(callback.unchecked_ref());
}

/// A repeating timer that stops when dropped.
pub struct Interval {
    id: i32,
    _tick: Closure<dyn FnMut()>,
}

impl Interval {
    pub fn start(every: Duration, tick: impl FnMut() + 'static) -> Option<Interval> {
        let tick = Closure::<dyn FnMut()>::wrap(Box::new(tick));
        let id = window()
            .set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                every.as_millis() as i32,
            )
            .ok()?;
        Some(Interval { id, _tick: tick })
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        window().clear_interval_with_handle(self.id);
    }
}
