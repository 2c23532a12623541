//! A progress bar with the target marked, readable without colour: its
//! label says the value and the target in words.

use leptos::prelude::*;

/// `value` and `target` are on the same scale; `scale_max` is the bar's end.
#[component]
pub fn ProgressBar(
    value: Option<f64>,
    target: f64,
    scale_max: f64,
    label: String,
) -> impl IntoView {
    let percent_of_scale = |x: f64| {
        if scale_max > 0.0 {
            (x / scale_max * 100.0).clamp(0.0, 100.0)
        } else {
            0.0
        }
    };
    let fill = value.map_or(0.0, percent_of_scale);
    let mark = percent_of_scale(target);
    view! {
        <div class="progress" role="img" aria-label=label>
            <div class="progress-fill" style=format!("width: {fill:.1}%")></div>
            <div class="progress-target" style=format!("left: {mark:.1}%")></div>
        </div>
    }
}
