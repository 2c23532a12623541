//! The first-run tour ([`crate::tour`]): a small panel that walks through
//! the pages a newcomer needs, opening each one. It shows by itself until
//! it has been finished or skipped once; the header's « Hướng dẫn » button
//! brings it back. The panel is written by [`crate::tour::panel_html`].

use leptos::prelude::*;

use crate::tour::{panel_html, STEPS};
use crate::web::form_events::{action, focus_later};
use crate::web::route::Location;
use crate::web::state::AppState;
use crate::web::storage;

/// The open step, if the tour is showing; provided at the root.
#[derive(Clone, Copy)]
pub struct TourState(pub RwSignal<Option<usize>>);

impl TourState {
    /// Open at the first step on a first visit, closed afterwards.
    pub fn provide() -> TourState {
        let tour = TourState(RwSignal::new((!storage::tour_seen()).then_some(0)));
        provide_context(tour);
        tour
    }
}

#[component]
pub fn Tour() -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let TourState(step) = expect_context::<TourState>();
    let location = expect_context::<Location>();
    let show = move |index: usize| {
        if let Some(next) = STEPS.get(index) {
            step.set(Some(index));
            location.go(next.path);
            // The panel is written again: keep the keyboard on it.
            focus_later("tour-next");
        }
    };
    let close = move || {
        step.set(None);
        storage::mark_tour_seen();
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let at = step.get_untracked().unwrap_or(0);
        match action(&ev).as_deref() {
            Some("tour-skip") => close(),
            Some("tour-back") => show(at.saturating_sub(1)),
            Some("tour-next") if at + 1 < STEPS.len() => show(at + 1),
            Some("tour-next") => close(),
            _ => {}
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    let panel = move || {
        step.get()
            .map(|i| panel_html(i, lang.get()))
            .unwrap_or_default()
    };
    view! { <div inner_html=panel on:click=on_click on:keydown=on_key></div> }
}
