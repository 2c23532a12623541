//! Which input matters most: each ranged input's swing of a metric's value
//! on its deadline, as [`crate::report::simulation::TornadoChart`] laid it
//! out.

use leptos::prelude::*;

use super::{px, ChartLabel};
use crate::report::simulation::TornadoChart;

#[component]
pub fn TornadoChart(#[prop(into)] chart: Signal<TornadoChart>) -> impl IntoView {
    let id = move || chart.with(|c| c.id.clone());
    let title_id = move || format!("{}-title", id());
    let desc_id = move || format!("{}-desc", id());
    let view_box = move || chart.with(|c| format!("0 0 {} {}", c.width, c.height));
    let title = move || chart.with(|c| c.title.clone());
    view! {
        <figure class="chart" id=id>
            <svg
                viewBox=view_box
                role="img"
                aria-labelledby=move || format!("{} {}", title_id(), desc_id())
            >
                <title id=title_id>{title}</title>
                <desc id=desc_id>{move || chart.with(|c| c.description.clone())}</desc>
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
            </svg>
            <figcaption>
                {title}
                <p class="note">{move || chart.with(|c| c.note)}</p>
            </figcaption>
        </figure>
    }
}
