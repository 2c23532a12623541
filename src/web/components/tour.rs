//! The first-run tour ([`crate::tour`]): a small panel that walks through
//! the pages a newcomer needs, opening each one. It shows by itself until
//! it has been finished or skipped once; the header's « Hướng dẫn » button
//! brings it back. The panel is written by [`crate::tour::panel_html`].

use web_sys::Element;

use crate::tour::{panel_html, STEPS};
use crate::web::dom::{action, focus_later};
use crate::web::route::Location;
use crate::web::state::AppState;
use crate::web::storage;
use crate::web::ui::*;

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

/// Writes the tour panel into `root` while the tour is open.
pub fn mount(root: &Element) {
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
    listen(root, "click", move |ev| {
        let at = step.get_untracked().unwrap_or(0);
        match action(&ev).as_deref() {
            Some("tour-skip") => close(),
            Some("tour-back") => show(at.saturating_sub(1)),
            Some("tour-next") if at + 1 < STEPS.len() => show(at + 1),
            Some("tour-next") => close(),
            _ => {}
        }
    });
    listen(root, "keydown", move |ev| {
        if key(&ev) == "Escape" {
            close();
        }
    });
    region(root, move || {
        step.get()
            .map(|i| panel_html(i, lang.get()))
            .unwrap_or_default()
    });
}
