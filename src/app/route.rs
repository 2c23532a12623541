//! The URL as the app reads it, over the router.
//!
//! leptos_router owns the address bar: `<Router>` follows link clicks and
//! back/forward, `<FlatRoutes>` picks the page. [`Location`] gives the
//! frame (the page named, for the header and presentation mode), the tour,
//! the workshop and the simulation (its `?scenario=`) the current URL and
//! a way to navigate, read from the router; it is provided inside
//! `<Router>` by [`Location::provide`].

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::route::Page;

type Navigate = Arc<dyn Fn(&str, NavigateOptions) + Send + Sync>;

/// The URL the app shows (path and query) and the router's navigation.
#[derive(Clone, Copy)]
pub struct Location {
    url: Memo<String>,
    navigate: StoredValue<Navigate>,
}

impl Location {
    /// Reads the router's location; call inside `<Router>`.
    pub fn provide() -> Location {
        let location = use_location();
        // The router's `search` has no leading `?`.
        let url = Memo::new(move |_| {
            let search = location.search.get();
            let path = location.pathname.get();
            if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            }
        });
        let navigate = use_navigate();
        let location = Location {
            url,
            navigate: StoredValue::new(Arc::new(move |href: &str, options| {
                navigate(href, options)
            })),
        };
        location.keep_percent_signs();
        provide_context(location);
        location
    }

    /// leptos_router 0.8 passes a clicked link's path through `decodeURI`
    /// before pushing it, which turns an id's `%25` into a bare `%`: the
    /// address bar then holds a broken URL and a reload loses the page.
    /// Such links (only ids with a `%` in them) are routed here instead,
    /// with their href as written; every other link stays the router's.
    fn keep_percent_signs(self) {
        use wasm_bindgen::JsCast;
        let on_click = move |event: web_sys::Event| {
            let Some(event) = event.dyn_ref::<web_sys::MouseEvent>() else {
                return;
            };
            if event.default_prevented()
                || event.button() != 0
                || event.ctrl_key()
                || event.meta_key()
                || event.shift_key()
                || event.alt_key()
            {
                return;
            }
            let anchor = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten());
            let Some(anchor) = anchor else { return };
            if anchor.has_attribute("download") || anchor.get_attribute("target").is_some() {
                return;
            }
            let Some(href) = anchor.get_attribute("href") else {
                return;
            };
            if href.starts_with('/') && !href.starts_with("//") && href.contains("%25") {
                event.prevent_default();
                self.go(&href);
            }
        };
        let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(on_click);
        // Capture: before the router's own listener on the window sees the click.
        let _ = super::browser::window().add_event_listener_with_callback_and_bool(
            "click",
            closure.as_ref().unchecked_ref(),
            true,
        );
        // The app lives as long as the page.
        closure.forget();
    }

    /// The page the current path names; changes only when the page does.
    pub fn page(self) -> Memo<Page> {
        Memo::new(move |_| self.url.with(|url| Page::parse(url)))
    }

    /// The current URL (tracked).
    pub fn url(self) -> String {
        self.url.get()
    }

    /// Shows `href` and adds it to the history, as following a link does.
    pub fn go(self, href: &str) {
        let navigate = self.navigate.get_value();
        navigate(href, NavigateOptions::default());
    }
}
