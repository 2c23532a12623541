//! The first-run tour ([`crate::i18n::tour`]): a small panel that walks through
//! the pages a newcomer needs, opening each one. It shows by itself until
//! it has been finished or skipped once; the header's « Hướng dẫn » button
//! brings it back. Its words are [`crate::i18n::tour::TourPanel`]'s.

use leptos::prelude::*;

use crate::app::browser::focus_later;
use crate::app::route::Location;
use crate::app::state::AppState;
use crate::app::storage;
use crate::i18n::tour::{TourPanel, STEPS};

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

/// The tour's panel while the tour is open.
#[component]
pub fn Tour() -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let TourState(step) = expect_context::<TourState>();
    let location = expect_context::<Location>();
    let panel = Memo::new(move |_| step.get().map(|index| TourPanel::new(index, lang.get())));
    let show = move |index: usize| {
        if let Some(next) = STEPS.get(index) {
            step.set(Some(index));
            location.go(next.path);
            // Back is disabled at the first step: keep the keyboard on Next.
            focus_later("tour-next");
        }
    };
    let close = move || {
        step.set(None);
        storage::mark_tour_seen();
    };
    let at = move || panel.with_untracked(|p| p.as_ref().map_or(0, |p| p.index));
    let part =
        move |f: fn(&TourPanel) -> &'static str| move || panel.with(|p| p.as_ref().map_or("", f));
    view! {
        <Show when=move || panel.with(Option::is_some)>
            <div
                class="tour"
                role="dialog"
                aria-labelledby="tour-title"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        close();
                    }
                }
            >
                <h2 id="tour-title">
                    {move || panel.with(|p| p.as_ref().map(|p| p.title.clone()).unwrap_or_default())}
                </h2>
                <p>{part(|p| p.body)}</p>
                <div class="form-actions">
                    <button type="button" id="tour-skip" class="secondary" on:click=move |_| close()>
                        {part(|p| p.skip)}
                    </button>
                    <button
                        type="button"
                        id="tour-back"
                        class="secondary"
                        disabled=move || panel.with(|p| p.as_ref().is_some_and(|p| p.back_disabled))
                        on:click=move |_| show(at().saturating_sub(1))
                    >
                        {part(|p| p.back)}
                    </button>
                    <button
                        type="button"
                        id="tour-next"
                        on:click=move |_| {
                            if panel.with_untracked(|p| p.as_ref().is_some_and(|p| p.last)) {
                                close();
                            } else {
                                show(at() + 1);
                            }
                        }
                    >
                        {part(|p| p.next)}
                    </button>
                </div>
            </div>
        </Show>
    }
}
