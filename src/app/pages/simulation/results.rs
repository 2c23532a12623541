//! What follows the inputs at once: problems with them, the most likely
//! projection, what it would take to meet each goal, and the tornado
//! charts.

use leptos::prelude::*;

use super::Sim;
use crate::app::components::chart::tornado::TornadoChart;
use crate::app::components::ForAny;
use crate::app::words;
use crate::report::simulation::{ProjectionTable, Tornado};

#[component]
pub(super) fn Results(sim: Sim) -> impl IntoView {
    let results = sim.results;
    let notes = move || {
        results.with(|r| {
            r.notes
                .iter()
                .map(|note| view! { <p class="note">{note.clone()}</p> })
                .collect_view()
        })
    };
    let complete = Memo::new(move |_| results.with(|r| r.outcome.is_some()));
    let projection = Signal::derive(move || {
        results.with(|r| {
            r.outcome
                .as_ref()
                .map(|o| o.projection.clone())
                .unwrap_or_default()
        })
    });
    let goal_seek = move || {
        results.with(|r| {
            r.outcome
                .iter()
                .flat_map(|o| &o.goal_seek)
                .map(|(goal, answer)| {
                    view! { <li><strong>{goal.clone()}</strong>": "{answer.clone()}</li> }
                })
                .collect_view()
        })
    };
    let tornadoes = Memo::new(move |_| {
        results.with(|r| {
            r.outcome
                .as_ref()
                .map(|o| o.tornadoes.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <h2>{words("Dự báo", "Projection")}</h2>
        {notes}
        <Show when=move || complete.get()>
            <Projection table=projection/>
            <h3>{words("Cần bao nhiêu để đạt?", "What would it take?")}</h3>
            <ul class="sim-goal-seek">{goal_seek}</ul>
            <ForAny
                each=move || tornadoes.with(|t| (0..t.len()).collect::<Vec<_>>())
                key=|index| *index
                let(index)
            >
                {move || match tornadoes.with(|t| t.get(index).cloned()) {
                    Some(Tornado::Chart(chart)) => {
                        view! { <TornadoChart chart=Signal::stored(chart)/> }.into_any()
                    }
                    Some(Tornado::NeedsRange(note)) => view! { <p class="note">{note}</p> }.into_any(),
                    None => ().into_any(),
                }}
            </ForAny>
        </Show>
    }
}

/// The most likely projection, one row per period shown and one column per
/// metric; its last row judges each metric on its deadline.
#[component]
fn Projection(table: Signal<ProjectionTable>) -> impl IntoView {
    let header = move || {
        table.with(|t| {
            t.metrics
                .iter()
                .map(|m| view! { <th scope="col" class="num">{m.clone()}</th> })
                .collect_view()
        })
    };
    let rows = move || {
        table.with(|t| {
            t.rows
                .iter()
                .map(|row| {
                    let cells = row
                        .cells
                        .iter()
                        .map(|c| view! { <td class="num">{c.clone()}</td> })
                        .collect_view();
                    view! {
                        <tr class:sim-deadline=row.deadline>
                            <th scope="row">{row.period.clone()}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let judged = move || {
        table.with(|t| {
            let cells = t
                .judged
                .cells
                .iter()
                .map(|c| view! { <td class="num">{c.clone()}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{t.judged.period.clone()}</th>
                    {cells}
                </tr>
            }
        })
    };
    view! {
        <div class="table-scroll">
            <table class="sim-projection">
                <caption>{move || table.with(|t| t.caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || table.with(|t| t.period_header)}</th>
                        {header}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>{judged}</tfoot>
            </table>
        </div>
    }
}
