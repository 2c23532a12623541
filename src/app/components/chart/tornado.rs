//! Which input matters most: each ranged input's swing of a metric's value
//! on its deadline, as [`crate::report::simulation::TornadoChart`] laid it
//! out.

use leptos::prelude::*;

use super::{px, ChartLabel, ChartSvg};
use crate::report::simulation::TornadoChart;

#[component]
pub fn TornadoChart(#[prop(into)] chart: Signal<TornadoChart>) -> impl IntoView {
    let head = Signal::derive(move || chart.with(|c| c.head.clone()));
    view! {
        <figure class="chart" id=move || head.with(|h| h.id.clone())>
            <ChartSvg head>
                {move || {
                    chart
                        .with(|c| c.bars.clone())
                        .into_iter()
                        .map(|bar| {
                            view! {
                                <ChartLabel label=bar.name/>
                                <rect
                                    class="tornado-bar"
                                    x=px(bar.x)
                                    y=px(bar.y)
                                    width=px(bar.width)
                                    height=px(bar.height)
                                ></rect>
                                <ChartLabel label=bar.range/>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    let (s, label) = chart.with(|c| (c.centre, c.centre_label.clone()));
                    view! {
                        <line class="chart-deadline" x1=px(s.x1) y1=px(s.y1) x2=px(s.x2) y2=px(s.y2)></line>
                        <ChartLabel label/>
                    }
                }}
            </ChartSvg>
            <figcaption>
                {move || head.with(|h| h.title.clone())}
                <p class="note">{move || chart.with(|c| c.note)}</p>
            </figcaption>
        </figure>
    }
}
