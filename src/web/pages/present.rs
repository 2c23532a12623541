//! Trình chiếu: presentation mode for a workshop. One target per slide in
//! large type; ← and → (or the buttons) move, Escape leaves, and a slider —
//! or the play button — walks the as-of date month by month through the
//! plan's years. The slides are written by [`crate::present`].

use std::time::Duration;

use web_sys::Element;

use crate::format::format_date;
use crate::present::{slide_html, Timeline};
use crate::web::dom::{action, name_and_value};
use crate::web::route::Location;
use crate::web::state::AppState;
use crate::web::ui::*;

/// How long each month is shown while the time line plays.
const PLAY_STEP: Duration = Duration::from_millis(300);

pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let slide = RwSignal::new(0usize);
    let count = move || state.workspace.with(|w| w.plan.targets.len()).max(1);
    let step =
        move |delta: isize| slide.update(|s| *s = s.saturating_add_signed(delta).min(count() - 1));
    let timeline = move || state.workspace.with(Timeline::of);
    let month = move || timeline().index_of(state.as_of.get());
    let set_month = move |index: u32| state.as_of.set(timeline().month_end(index));

    // Playing: one month per tick until the end of the time line. The
    // timer belongs to the page: it stops when the page is left.
    let playing = StoredValue::new_local(None::<Interval>);
    let is_playing = RwSignal::new(false);
    let stop = move || {
        playing.set_value(None);
        is_playing.set(false);
    };
    let play = move || {
        if is_playing.get_untracked() {
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
        if let Some(interval) = Interval::start(PLAY_STEP, tick) {
            playing.set_value(Some(interval));
            is_playing.set(true);
        }
    };
    // Captured now: listeners run outside the page's owner, where context
    // cannot be looked up.
    let location = expect_context::<Location>();
    let leave = move || {
        stop();
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
        location.go("/workshop");
    };

    let frame = root.clone();
    rebuild_on(
        move || lang.get(),
        move |lang| {
            frame.set_inner_html(&format!(
                r#"<section class="present" aria-labelledby="present-title"><h1 id="present-title" class="visually-hidden">{}</h1><div class="present-bar"><button type="button" data-action="previous" aria-label="{}">←</button><span class="present-count" aria-live="polite"></span><button type="button" data-action="next" aria-label="{}">→</button><label class="present-when"><span>{}</span><input type="range" name="month" min="0"><strong></strong></label><button type="button" data-action="play"></button><button type="button" class="secondary" data-action="full-screen">{}</button><button type="button" class="secondary" data-action="leave">{}</button></div><div class="present-slide"></div></section>"#,
                lang.pick("Trình chiếu", "Presentation"),
                lang.pick("Chỉ tiêu trước", "Previous target"),
                lang.pick("Chỉ tiêu sau", "Next target"),
                lang.pick("Thời điểm", "As of"),
                lang.pick("Toàn màn hình", "Full screen"),
                lang.pick("Thoát (Esc)", "Leave (Esc)"),
            ));
            let part = |selector: &str| find(&frame, selector).expect("the presentation");
            region(&part(".present-count"), move || {
                format!("{} / {}", slide.get() + 1, count())
            });
            let slider = part("input");
            Effect::new(move |_| {
                let _ = slider.set_attribute("max", &timeline().last().to_string());
                let _ = js_sys::Reflect::set(&slider, &"value".into(), &month().to_string().into());
            });
            region(&part(".present-when strong"), move || {
                format_date(state.as_of.get(), lang)
            });
            let play_button = part("[data-action=play]");
            Effect::new(move |_| {
                let on = is_playing.get();
                let _ =
                    play_button.set_attribute("aria-pressed", if on { "true" } else { "false" });
                play_button.set_text_content(Some(if on {
                    lang.pick("❚❚ Dừng", "❚❚ Pause")
                } else {
                    lang.pick("▶ Chạy thời gian", "▶ Play time")
                }));
            });
            region(&part(".present-slide"), move || {
                let (as_of, index) = (state.as_of.get(), slide.get());
                state.evaluations.with(|evaluations| {
                    state
                        .workspace
                        .with(|w| slide_html(w, evaluations, index, as_of, lang))
                })
            });
        },
    );

    listen(root, "click", move |ev| match action(&ev).as_deref() {
        Some("previous") => step(-1),
        Some("next") => step(1),
        Some("play") => play(),
        Some("full-screen") => {
            if let Some(page) = document().document_element() {
                // Refused (no user gesture, or not allowed): the page already
                // fills the window.
                let _ = page.request_fullscreen();
            }
        }
        Some("leave") => leave(),
        _ => {}
    });
    listen(root, "input", move |ev| {
        if let Some(index) = name_and_value(&ev)
            .filter(|(name, _)| name == "month")
            .and_then(|(_, value)| value.parse::<u32>().ok())
        {
            set_month(index);
        }
    });
    let window: web_sys::EventTarget = window().into();
    listen(&window, "keydown", move |ev| {
        match key(&ev).as_str() {
            "ArrowRight" | "PageDown" => step(1),
            "ArrowLeft" | "PageUp" => step(-1),
            "Home" => slide.set(0),
            "End" => slide.set(count() - 1),
            "Escape" => leave(),
            _ => return,
        }
        ev.prevent_default();
    });
}
