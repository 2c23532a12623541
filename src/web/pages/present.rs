//! Trình chiếu: presentation mode for a workshop. One target per slide in
//! large type; ← and → (or the buttons) move, Escape leaves, and a slider —
//! or the play button — walks the as-of date month by month through the
//! plan's years. The slides are written by [`crate::present`].

use std::time::Duration;

use leptos::prelude::*;

use crate::format::format_date;
use crate::present::{slide_html, Timeline};
use crate::web::route::Location;
use crate::web::state::AppState;

/// How long each month is shown while the time line plays.
const PLAY_STEP: Duration = Duration::from_millis(300);

#[component]
pub fn PresentPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let slide = RwSignal::new(0usize);
    let count = move || state.workspace.with(|w| w.plan.targets.len()).max(1);
    let step =
        move |delta: isize| slide.update(|s| *s = s.saturating_add_signed(delta).min(count() - 1));
    let timeline = move || state.workspace.with(Timeline::of);
    let month = move || timeline().index_of(state.as_of.get());
    let set_month = move |index: u32| state.as_of.set(timeline().month_end(index));

    // Playing: one month per tick until the end of the time line.
    let playing = RwSignal::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(handle) = playing.get_untracked() {
            handle.clear();
            playing.set(None);
        }
    };
    let play = move || {
        if playing.get_untracked().is_some() {
            return stop();
        }
        if month() >= timeline().last() {
            set_month(0);
        }
        let tick = move || {
            let next = month() + 1;
            set_month(next);
            if next >= timeline().last() {
                stop();
            }
        };
        if let Ok(handle) = set_interval_with_handle(tick, PLAY_STEP) {
            playing.set(Some(handle));
        }
    };
    // Captured now: the key listener runs outside the component's owner,
    // where context cannot be looked up.
    let location = expect_context::<Location>();
    let leave = move || {
        stop();
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
        location.go("/workshop");
    };
    let full_screen = move |_| {
        if let Some(root) = document().document_element() {
            // Refused (no user gesture, or not allowed): the page already
            // fills the window.
            let _ = root.request_fullscreen();
        }
    };

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        match ev.key().as_str() {
            "ArrowRight" | "PageDown" => step(1),
            "ArrowLeft" | "PageUp" => step(-1),
            "Home" => slide.set(0),
            "End" => slide.set(count() - 1),
            "Escape" => leave(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || {
        keys.remove();
        stop();
    });

    let slide_html = move || {
        let (lang, as_of, index) = (lang.get(), state.as_of.get(), slide.get());
        state.evaluations.with(|evaluations| {
            state
                .workspace
                .with(|w| slide_html(w, evaluations, index, as_of, lang))
        })
    };
    let pick = move |vi: &'static str, en: &'static str| move || lang.get().pick(vi, en);

    view! {
        <section class="present" aria-labelledby="present-title">
            <h1 id="present-title" class="visually-hidden">{pick("Trình chiếu", "Presentation")}</h1>
            <div class="present-bar">
                <button type="button" on:click=move |_| step(-1) aria-label=pick("Chỉ tiêu trước", "Previous target")>"←"</button>
                <span class="present-count" aria-live="polite">{move || format!("{} / {}", slide.get() + 1, count())}</span>
                <button type="button" on:click=move |_| step(1) aria-label=pick("Chỉ tiêu sau", "Next target")>"→"</button>
                <label class="present-when">
                    <span>{pick("Thời điểm", "As of")}</span>
                    <input type="range" min="0" max=move || timeline().last() prop:value=month
                        on:input=move |ev| {
                            if let Ok(index) = event_target_value(&ev).parse::<u32>() {
                                set_month(index);
                            }
                        } />
                    <strong>{move || format_date(state.as_of.get(), lang.get())}</strong>
                </label>
                <button type="button" aria-pressed=move || playing.with(Option::is_some).to_string() on:click=move |_| play()>
                    {move || if playing.with(Option::is_some) { lang.get().pick("❚❚ Dừng", "❚❚ Pause") } else { lang.get().pick("▶ Chạy thời gian", "▶ Play time") }}
                </button>
                <button type="button" class="secondary" on:click=full_screen>{pick("Toàn màn hình", "Full screen")}</button>
                <button type="button" class="secondary" on:click=move |_| leave()>{pick("Thoát (Esc)", "Leave (Esc)")}</button>
            </div>
            <div class="present-slide" inner_html=slide_html></div>
        </section>
    }
}
