//! The URL, for pages not yet moved onto components.
//!
//! leptos_router owns the address bar: `<Router>` follows link clicks and
//! back/forward, `<FlatRoutes>` picks the page. [`Location`] gives the
//! pages that still write HTML text (see [`super::legacy`]) the current
//! URL and a way to navigate, read from the router; it is provided inside
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
        let url = Memo::new(move |_| location.pathname.get() + &location.search.get());
        let navigate = use_navigate();
        let location = Location {
            url,
            navigate: StoredValue::new(Arc::new(move |href: &str, options| {
                navigate(href, options)
            })),
        };
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

    /// Shows `href` and adds it to the history, as following a link does.
    pub fn go(self, href: &str) {
        let navigate = self.navigate.get_value();
        navigate(href, NavigateOptions::default());
    }
}
