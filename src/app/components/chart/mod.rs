//! Charts drawn as SVG in `view!` from the geometry the domain computed
//! ([`crate::report::chart`]): crisp on a projector, each with a title, a
//! description and its numbers as a table for anyone who cannot see it.

pub mod line;
pub mod tornado;
pub mod trend;

use leptos::prelude::*;

use crate::report::chart::{ChartHead, Label};

/// A coordinate as the SVG writes it: a tenth of a unit is finer than any
/// screen shows the 640-wide drawing.
fn px(value: f64) -> String {
    format!("{value:.1}")
}

/// A text of a chart at its point.
#[component]
pub fn ChartLabel(label: Label) -> impl IntoView {
    view! {
        <text class="chart-label" x=px(label.x) y=px(label.y) text-anchor=label.anchor.as_str()>
            {label.text}
        </text>
    }
}

/// The drawing every chart sits in: an SVG of the chart's size, named by
/// its title and described by its description (both referenced by id, so
/// a screen reader reads them), with the marks inside.
#[component]
pub fn ChartSvg(#[prop(into)] head: Signal<ChartHead>, children: Children) -> impl IntoView {
    let title_id = move || head.with(|h| format!("{}-title", h.id));
    let desc_id = move || head.with(|h| format!("{}-desc", h.id));
    view! {
        <svg
            viewBox=move || head.with(|h| format!("0 0 {} {}", h.width, h.height))
            role="img"
            aria-labelledby=move || format!("{} {}", title_id(), desc_id())
        >
            <title id=title_id>{move || head.with(|h| h.title.clone())}</title>
            <desc id=desc_id>{move || head.with(|h| h.description.clone())}</desc>
            {children()}
        </svg>
    }
}
