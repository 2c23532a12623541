//! A metric over the periods with its lines, an optional P10–P90 band,
//! the target and the deadline, as [`crate::report::simulation::LineChart`]
//! laid it out: the simulation's fan and overlay charts.

use leptos::prelude::*;

use super::{px, ChartLabel, ChartSvg};
use crate::report::simulation::LineChart;

#[component]
pub fn LineChart(#[prop(into)] chart: Signal<LineChart>) -> impl IntoView {
    let head = Signal::derive(move || chart.with(|c| c.head.clone()));
    view! {
        <figure class="chart" id=move || head.with(|h| h.id.clone())>
            <ChartSvg head>
                {move || {
                    chart
                        .with(|c| c.y_ticks.clone())
                        .into_iter()
                        .map(|tick| {
                            view! {
                                <line
                                    class="chart-grid"
                                    x1=px(tick.grid.x1)
                                    y1=px(tick.grid.y1)
                                    x2=px(tick.grid.x2)
                                    y2=px(tick.grid.y2)
                                ></line>
                                <ChartLabel label=tick.label/>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    chart
                        .with(|c| c.x_labels.clone())
                        .into_iter()
                        .map(|label| view! { <ChartLabel label/> })
                        .collect_view()
                }}
                {move || chart.with(|c| c.band.clone()).map(|d| view! { <path class="fan-band" d=d></path> })}
                {move || {
                    chart
                        .with(|c| c.lines.clone())
                        .into_iter()
                        .map(|line| view! { <polyline class=line.class points=line.points></polyline> })
                        .collect_view()
                }}
                {move || {
                    chart
                        .with(|c| c.targets.clone())
                        .into_iter()
                        .map(|s| {
                            view! { <line class="chart-target" x1=px(s.x1) y1=px(s.y1) x2=px(s.x2) y2=px(s.y2)></line> }
                        })
                        .collect_view()
                }}
                {move || {
                    chart
                        .with(|c| c.deadline)
                        .map(|s| {
                            view! { <line class="chart-deadline" x1=px(s.x1) y1=px(s.y1) x2=px(s.x2) y2=px(s.y2)></line> }
                        })
                }}
            </ChartSvg>
            <figcaption>
                {move || head.with(|h| h.title.clone())}
                <ul class="chart-legend">
                    {move || {
                        chart
                            .with(|c| c.legend.clone())
                            .into_iter()
                            .map(|key| view! { <li><span class=key.class aria-hidden="true"></span>{key.text}</li> })
                            .collect_view()
                    }}
                </ul>
            </figcaption>
        </figure>
    }
}
