//! Trình chiếu: presentation mode for a workshop. One target per slide in
//! large type; ← and → (or the buttons) move, Escape leaves, and a slider —
//! or the play button — walks the as-of date month by month through the
//! plan's years. Leaving puts the as-of date back where it was, and says
//! so, so the dashboard is not left at the slider's last month unnoticed.
//! The slides are computed by [`crate::report::present`].

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::app::components::chart::trend::TrendChart;
use crate::app::components::target_card::TargetCard;
use crate::app::state::AppState;
use crate::app::words;
use crate::i18n::format::format_date;
use crate::i18n::{Lang, Text};
use crate::report::present::{slide, Timeline};

/// How long each month is shown while the time line plays.
const PLAY_STEP: Duration = Duration::from_millis(300);

#[component]
pub fn PresentPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let index = RwSignal::new(0usize);
    let count = Memo::new(move |_| state.workspace.with(|w| w.plan.targets.len()).max(1));
    let step = move |delta: isize| {
        index.update(|s| {
            *s = s
                .saturating_add_signed(delta)
                .min(count.get_untracked() - 1)
        })
    };
    let timeline = Memo::new(move |_| state.workspace.with(Timeline::of));
    let month = Memo::new(move |_| timeline.get().index_of(state.as_of.get()));
    let set_month = move |month: u32| state.as_of.set(timeline.get_untracked().month_end(month));

    // The date the room saw before the slider moved, put back on leaving.
    let entered_at = state.as_of.get_untracked();
    on_cleanup(move || {
        let moved_to = state.as_of.get_untracked();
        if moved_to == entered_at {
            return;
        }
        state.as_of.set(entered_at);
        let say = |lang: Lang| {
            format!(
                "{} {} ({} {}).",
                lang.pick("Đã đưa ngày đánh giá về", "The as-of date is back to"),
                format_date(entered_at, lang),
                lang.pick("trình chiếu đã đến", "the presentation had reached"),
                format_date(moved_to, lang),
            )
        };
        state.notify(Text::new(say(Lang::Vi), say(Lang::En)));
    });

    // Playing: one month per tick until the end of the time line. The
    // timer belongs to the page: it stops when the page is left.
    let playing = StoredValue::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(handle) = playing.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    let is_playing = move || playing.with_value(Option::is_some);
    let playing_now = RwSignal::new(false);
    let stop = move || {
        stop();
        playing_now.set(false);
    };
    on_cleanup(stop);
    let play = move || {
        if is_playing() {
            return stop();
        }
        let last = timeline.get_untracked().last();
        if month.get_untracked() >= last {
            set_month(0);
        }
        let tick = move || {
            let next = month.get_untracked() + 1;
            set_month(next);
            if next >= timeline.get_untracked().last() {
                stop();
            }
        };
        if let Ok(handle) = set_interval_with_handle(tick, PLAY_STEP) {
            playing.set_value(Some(handle));
            playing_now.set(true);
        }
    };

    let navigate = use_navigate();
    let leave = move || {
        stop();
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
        navigate("/workshop", NavigateOptions::default());
    };
    let full_screen = move |_| {
        if let Some(page) = document().document_element() {
            // Refused (no user gesture, or not allowed): the page already
            // fills the window.
            let _ = page.request_fullscreen();
        }
    };
    let keys = window_event_listener(ev::keydown, {
        let leave = leave.clone();
        move |ev| {
            match ev.key().as_str() {
                "ArrowRight" | "PageDown" => step(1),
                "ArrowLeft" | "PageUp" => step(-1),
                "Home" => index.set(0),
                "End" => index.set(count.get_untracked() - 1),
                "Escape" => leave(),
                _ => return,
            }
            ev.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());

    let shown = Memo::new(move |_| {
        let (lang, as_of, index) = (lang.get(), state.as_of.get(), index.get());
        state.evaluations.with(|evaluations| {
            state
                .workspace
                .with(|w| slide(w, evaluations, index, as_of, lang))
        })
    });
    let card = Memo::new(move |_| shown.with(|s| s.as_ref().and_then(|s| s.card.clone())));
    let chart = Memo::new(move |_| shown.with(|s| s.as_ref().map(|s| s.chart.clone())));

    view! {
        <section class="present" aria-labelledby="present-title">
            <h1 id="present-title" class="visually-hidden">
                {words("Trình chiếu", "Presentation")}
            </h1>
            <div class="present-bar">
                <button
                    type="button"
                    aria-label=words("Chỉ tiêu trước", "Previous target")
                    on:click=move |_| step(-1)
                >
                    "←"
                </button>
                <span class="present-count" aria-live="polite">
                    {move || format!("{} / {}", index.get() + 1, count.get())}
                </span>
                <button
                    type="button"
                    aria-label=words("Chỉ tiêu sau", "Next target")
                    on:click=move |_| step(1)
                >
                    "→"
                </button>
                <label class="present-when">
                    <span>{words("Thời điểm", "As of")}</span>
                    <input
                        type="range"
                        name="month"
                        min="0"
                        max=move || timeline.get().last().to_string()
                        prop:value=move || month.get().to_string()
                        on:input:target=move |ev| {
                            if let Ok(month) = ev.target().value().parse::<u32>() {
                                set_month(month);
                            }
                        }
                    />
                    <strong>{move || format_date(state.as_of.get(), lang.get())}</strong>
                </label>
                <button
                    type="button"
                    aria-pressed=move || if playing_now.get() { "true" } else { "false" }
                    on:click=move |_| play()
                >
                    {move || {
                        if playing_now.get() {
                            lang.get().pick("❚❚ Dừng", "❚❚ Pause")
                        } else {
                            lang.get().pick("▶ Chạy thời gian", "▶ Play time")
                        }
                    }}
                </button>
                <button type="button" class="secondary" on:click=full_screen>
                    {words("Toàn màn hình", "Full screen")}
                </button>
                <button type="button" class="secondary" on:click=move |_| leave()>
                    {words("Thoát (Esc)", "Leave (Esc)")}
                </button>
            </div>
            <div class="present-slide">
                <Show
                    when=move || chart.with(Option::is_some)
                    fallback=|| {
                        view! {
                            <p>
                                {words("Kế hoạch chưa có chỉ tiêu nào.", "The plan has no targets.")}
                            </p>
                        }
                    }
                >
                    <Show when=move || card.with(Option::is_some)>
                        <TargetCard card=Signal::derive(move || card.get().unwrap_or_default())/>
                    </Show>
                    <TrendChart chart=Signal::derive(move || chart.get().unwrap_or_default())/>
                </Show>
            </div>
        </section>
    }
}
