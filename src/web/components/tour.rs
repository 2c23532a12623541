//! The first-run tour ([`crate::tour`]): a small panel that walks through
//! the pages a newcomer needs, opening each one. It shows by itself until
//! it has been finished or skipped once; the header's « Hướng dẫn » button
//! brings it back.

use leptos::prelude::*;

use crate::tour::STEPS;
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
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let TourState(step) = expect_context::<TourState>();
    let location = expect_context::<Location>();
    let show = move |index: usize| {
        if let Some(next) = STEPS.get(index) {
            step.set(Some(index));
            location.go(next.path);
        }
    };
    let close = move || {
        step.set(None);
        storage::mark_tour_seen();
    };
    let last = STEPS.len() - 1;
    let current = move || step.get().and_then(|i| STEPS.get(i));
    let title = move || {
        current().map(|s| {
            let (lang, i) = (lang.get(), step.get().unwrap_or(0));
            format!(
                "{} {}/{} · {}",
                lang.pick("Hướng dẫn", "Tour"),
                i + 1,
                STEPS.len(),
                s.title(lang)
            )
        })
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    let pick = move |vi: &'static str, en: &'static str| move || lang.get().pick(vi, en);
    view! {
        <Show when=move || step.with(Option::is_some)>
            <div class="tour" role="dialog" aria-labelledby="tour-title" on:keydown=on_key>
                <h2 id="tour-title">{title}</h2>
                <p>{move || current().map(|s| s.body(lang.get()))}</p>
                <div class="form-actions">
                    <button type="button" class="secondary" on:click=move |_| close()>{pick("Bỏ qua", "Skip")}</button>
                    <button type="button" class="secondary"
                        disabled=move || step.get().unwrap_or(0) == 0
                        on:click=move |_| show(step.get().unwrap_or(1).saturating_sub(1))>{pick("Trước", "Back")}</button>
                    <button type="button" on:click=move |_| match step.get() {
                        Some(i) if i < last => show(i + 1),
                        _ => close(),
                    }>
                        {move || if step.get().unwrap_or(0) < last { lang.get().pick("Tiếp", "Next") } else { lang.get().pick("Xong", "Done") }}
                    </button>
                </div>
            </div>
        </Show>
    }
}
