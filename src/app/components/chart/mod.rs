//! Charts drawn as SVG in `view!` from the geometry the domain computed
//! ([`crate::report::chart`]): crisp on a projector, each with a title, a
//! description and its numbers as a table for anyone who cannot see it.

pub mod line;
pub mod tornado;
pub mod trend;

use leptos::prelude::*;

use crate::report::chart::Label;

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
