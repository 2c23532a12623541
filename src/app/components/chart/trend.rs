//! A target's value by year, with the target line and the deadline, as
//! [`crate::report::TrendChart`] laid it out.

use leptos::prelude::*;

use super::{px, ChartLabel, ChartSvg};
use crate::app::components::number_table::NumberTable;
use crate::app::components::ForAny;
use crate::report::chart::Marker;
use crate::report::TrendChart;

#[component]
pub fn TrendChart(#[prop(into)] chart: Signal<TrendChart>) -> impl IntoView {
    let head = Signal::derive(move || chart.with(|c| c.head.clone()));
    view! {
        <figure class="chart" id=move || head.with(|h| h.id.clone())>
            <ChartSvg head>
                <ForAny
                    each=move || chart.with(|c| c.y_ticks.clone())
                    key=|tick| (tick.label.text.clone(), px(tick.grid.y1))
                    let(tick)
                >
                    <line
                        class="chart-grid"
                        x1=px(tick.grid.x1)
                        y1=px(tick.grid.y1)
                        x2=px(tick.grid.x2)
                        y2=px(tick.grid.y2)
                    ></line>
                    <ChartLabel label=tick.label/>
                </ForAny>
                <ForAny
                    each=move || chart.with(|c| c.x_ticks.clone())
                    key=|label| (label.text.clone(), px(label.x))
                    let(label)
                >
                    <ChartLabel label/>
                </ForAny>
                {move || chart.with(|c| view! { <ChartMarker class="chart-deadline" marker=c.deadline.clone()/> })}
                {move || {
                    chart
                        .with(|c| c.target_line.clone())
                        .map(|marker| view! { <ChartMarker class="chart-target" marker/> })
                }}
                <path class="chart-line" d=move || chart.with(|c| c.path.clone())></path>
                <ForAny
                    each=move || chart.with(|c| c.dots.clone())
                    key=|dot| (dot.title.clone(), px(dot.x), px(dot.y))
                    let(dot)
                >
                    <circle class="chart-dot" cx=px(dot.x) cy=px(dot.y) r="4">
                        <title>{dot.title}</title>
                    </circle>
                </ForAny>
            </ChartSvg>
            <figcaption>{move || head.with(|h| h.title.clone())}</figcaption>
            <details>
                <summary>{move || chart.with(|c| c.show_table)}</summary>
                <NumberTable
                    header=Signal::derive(move || chart.with(|c| vec![c.year_header, c.value_header]))
                    rows=Signal::derive(move || {
                        chart.with(|c| c.table.iter().map(|(year, value)| vec![year.clone(), value.clone()]).collect())
                    })
                />
            </details>
        </figure>
    }
}

/// A line across the plot with its label: the deadline, the target.
#[component]
fn ChartMarker(class: &'static str, marker: Marker) -> impl IntoView {
    let line = marker.line;
    view! {
        <line class=class x1=px(line.x1) y1=px(line.y1) x2=px(line.x2) y2=px(line.y2)></line>
        <ChartLabel label=marker.label/>
    }
}
