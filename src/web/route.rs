//! Client-side navigation without a router crate.
//!
//! The current URL (path and query) lives in one signal, provided at the
//! root. Links are plain `<a href="/…">`: one click listener on the window
//! turns a same-origin left click into `history.pushState`, and `popstate`
//! (back/forward) sets the signal from the address bar. Which page a path
//! shows is decided by [`crate::route::Page::parse`], natively tested.

use wasm_bindgen::JsCast;

use super::ui::*;
use crate::route::Page;

/// The URL the app shows: path, query and fragment, as in the address bar.
#[derive(Clone, Copy)]
pub struct Location {
    url: RwSignal<String>,
}

impl Location {
    /// Reads the address bar and starts following clicks and back/forward.
    pub fn install() -> Location {
        let location = Location {
            url: RwSignal::new(current_url()),
        };
        let window: web_sys::EventTarget = window().into();
        listen(&window, "popstate", move |_| {
            location.url.set(current_url())
        });
        listen(&window, "click", move |event| {
            if let Some(href) = event.dyn_ref().and_then(routed_href) {
                event.prevent_default();
                location.go(&href);
            }
        });
        provide_context(location);
        location
    }

    /// The page the current path names; changes only when the page does.
    pub fn page(self) -> Memo<Page> {
        Memo::new(move |_| self.url.with(|url| Page::parse(url)))
    }

    /// The current URL (tracked).
    pub fn url(self) -> String {
        self.url.get()
    }

    /// Whether the current path is `href` (or, for a section such as
    /// `/data`, inside it), for `aria-current` in the navigation.
    pub fn is_current(self, href: &str) -> bool {
        self.url.with(|url| {
            let path = url.split(['?', '#']).next().unwrap_or("");
            path == href
                || (href != "/" && path.starts_with(href) && path[href.len()..].starts_with('/'))
        })
    }

    /// Shows `href` and adds it to the history, as following a link does.
    pub fn go(self, href: &str) {
        if let Ok(history) = window().history() {
            // A refused pushState (it never is for same-origin paths) still
            // shows the page; only the back button would miss it.
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
        }
        self.url.set(href.to_owned());
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Navigates from a page or its event handlers, e.g. after opening a
/// workspace. Listeners run outside any owner: capture the [`Location`]
/// from context when the page is made and call [`Location::go`] instead.
pub fn navigate(href: &str) {
    if let Some(location) = use_context::<Location>() {
        location.go(href);
    }
}

fn current_url() -> String {
    let location = window().location();
    let path = location.pathname().unwrap_or_else(|_| "/".to_owned());
    let query = location.search().unwrap_or_default();
    path + &query
}

/// The path a click should route in the app, or `None` to let the browser
/// handle it: modified or non-left clicks, downloads, other targets, other
/// origins and in-page anchors (`#main`) keep their usual behaviour.
fn routed_href(event: &web_sys::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let element = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let anchor = element.closest("a[href]").ok()??;
    if anchor.has_attribute("download")
        || anchor.get_attribute("target").is_some_and(|t| t != "_self")
    {
        return None;
    }
    let href = anchor.get_attribute("href")?;
    (href.starts_with('/') && !href.starts_with("//")).then_some(href)
}
