//! Pages and parts not yet moved onto components, hosted inside the
//! Leptos app.
//!
//! While the view layer moves onto `view!` page by page (issue 12), a part
//! that still writes HTML text gets an element of its own: its regions and
//! listeners are made once the element is in the document, owned by an
//! effect, and dropped when the route changes or (for pages with an id)
//! when the id does. This module goes when the last such part does.

use leptos::html;
use leptos::prelude::*;
use web_sys::Element;

/// Hosts a part written by `mount(element)`.
pub fn hosted(mount: fn(&Element)) -> impl IntoView {
    keyed(String::new, move |element, _| mount(element))
}

/// Hosts a page written by `mount(element, key)`; it is made again when
/// `key` (tracked: a target's or unit's id) changes.
pub fn keyed(
    key: impl Fn() -> String + 'static,
    mount: impl Fn(&Element, String) + 'static,
) -> impl IntoView {
    let host = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        let key = key();
        if let Some(element) = host.get() {
            let element: Element = element.into();
            untrack(|| {
                element.set_inner_html("");
                mount(&element, key);
            });
        }
    });
    view! { <div class="page-host" node_ref=host></div> }
}
