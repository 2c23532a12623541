//! The Monte Carlo part: a run of the model over the inputs' ranges, with
//! its progress and a cancel button; then the chance of meeting each goal
//! and a fan chart per metric (the most likely line alone until a run has
//! finished).
//!
//! A run goes in slices of about [`SLICE_MS`] on the event loop (a
//! zero-delay interval), so the page answers clicks and typing between
//! slices; new inputs, Cancel or leaving the page stop it.

use std::cell::RefCell;
use std::time::Duration;

use leptos::prelude::*;

use super::Sim;
use crate::app::components::chart::line::LineChart;
use crate::app::components::ForAny;
use crate::app::words;
use crate::report::simulation::{chances, fan_chart, progress_count};
use crate::simulation::distribution::Estimate;
use crate::simulation::monte_carlo::{Run, Summary};
use crate::simulation::workbench::RunProgress;
use crate::simulation::Setup;

const SLICE_MS: f64 = 12.0;

/// What a run is made of: a new one starts when any of it changes.
#[derive(Clone, PartialEq)]
struct RunOf {
    setup: Setup,
    inputs: Vec<Estimate>,
    samples: u32,
    seed: u64,
}

#[component]
pub(super) fn MonteCarlo(sim: Sim) -> impl IntoView {
    let Sim {
        state,
        wb,
        setup,
        results,
    } = sim;
    let lang = state.lang;
    let run_of = Memo::new(move |_| {
        let inputs = results.with(|r| r.outcome.as_ref().map(|o| o.inputs.clone()))?;
        let (samples, seed) = wb.with(|b| (b.samples, b.seed));
        Some(RunOf {
            setup: setup.get(),
            inputs,
            samples,
            seed,
        })
    });
    let progress = RwSignal::new(None::<RunProgress>);
    let summary = RwSignal::new(None::<Summary>);
    let timer = StoredValue::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(None);
    };
    on_cleanup(stop);
    // A run for what the inputs are now: the older one stops.
    Effect::new(move |_| {
        let of = run_of.get();
        stop();
        summary.set(None);
        let Some(RunOf {
            setup,
            inputs,
            samples,
            seed,
        }) = of
        else {
            progress.set(None);
            return;
        };
        let run = RefCell::new(Run::new(&setup, inputs, samples, seed));
        progress.set(Some(RunProgress::new(run.borrow().total())));
        let slice = move || {
            let mut run = run.borrow_mut();
            let start = js_sys::Date::now();
            while !run.is_finished() && js_sys::Date::now() - start < SLICE_MS {
                run.advance(&setup, 250);
            }
            let done = run.done();
            progress.update(|p| {
                if let Some(p) = p {
                    p.done = done;
                }
            });
            if run.is_finished() {
                stop();
                summary.set(Some(run.summary()));
            }
        };
        timer.set_value(set_interval_with_handle(slice, Duration::ZERO).ok());
    });
    let cancel = move |_| {
        stop();
        progress.update(|p| {
            if let Some(p) = p {
                p.cancel();
            }
        });
    };
    let has_run = Memo::new(move |_| progress.with(Option::is_some));
    let running = Memo::new(move |_| progress.with(|p| p.is_some_and(RunProgress::is_running)));
    let cancelled = Memo::new(move |_| progress.with(|p| p.is_some_and(|p| p.cancelled)));
    let done = move || progress.with(|p| p.map_or(0, |p| p.done));
    let total = move || progress.with(|p| p.map_or(1, |p| p.total.max(1)));
    let count = move || progress.with(|p| p.map(|p| progress_count(p.done, p.total, lang.get())));
    let chances = Memo::new(move |_| {
        summary.with(|s| {
            s.as_ref()
                .map(|s| setup.with(|setup| chances(setup, s, lang.get())))
        })
    });
    let fans = Memo::new(move |_| {
        let lang = lang.get();
        setup.with(|setup| {
            results.with(|r| {
                summary.with(|s| {
                    r.outcome
                        .as_ref()
                        .map(|o| {
                            (0..setup.metrics.len())
                                .filter_map(|m| {
                                    fan_chart(setup, m, &o.trajectory, s.as_ref(), lang)
                                })
                                .collect::<Vec<_>>()
                        })
                        .unwrap_or_default()
                })
            })
        })
    });
    let goals = move || {
        chances.with(|c| {
            c.iter()
                .flat_map(|c| &c.goals)
                .map(|g| {
                    view! {
                        <li data-goal=g.target_id.clone()>
                            {g.goal.clone()}": "
                            <strong class="sim-probability">{g.value.clone()}</strong>
                            {g.words}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let bands = move || {
        chances.with(|c| {
            c.iter()
                .flat_map(|c| &c.bands)
                .map(|b| view! { <li>{b.clone()}</li> })
                .collect_view()
        })
    };
    let note = move || chances.with(|c| c.as_ref().map(|c| c.note.clone()));
    view! {
        <Show when=move || results.with(|r| r.outcome.is_some())>
            <h2>
                {words(
                    "Khả năng đạt (Monte Carlo)",
                    "Chance of meeting the targets (Monte Carlo)",
                )}
            </h2>
            <div id="sim-progress" role="status">
                <Show when=move || has_run.get()>
                    <label for="sim-progress-bar">
                        {words("Tiến độ mô phỏng", "Simulation progress")}
                    </label>
                    " "
                    <progress id="sim-progress-bar" max=total value=done></progress>
                    " "
                    <span id="sim-progress-count">{count}</span>
                    " "
                    <Show when=move || running.get()>
                        <button type="button" class="secondary" on:click=cancel>
                            {words("Hủy", "Cancel")}
                        </button>
                    </Show>
                    <Show when=move || cancelled.get()>
                        <p class="note">
                            {words(
                                "Đã hủy. Thay đổi một giá trị hoặc số lần mô phỏng để chạy lại.",
                                "Cancelled. Change a value or the number of samples to run again.",
                            )}
                        </p>
                    </Show>
                </Show>
            </div>
            <Show when=move || chances.with(Option::is_some)>
                <ul class="sim-probabilities">{goals} {bands}</ul>
                <p class="note">{note}</p>
            </Show>
            <div class="sim-charts">
                <ForAny
                    each=move || fans.with(|f| f.iter().map(|c| c.head.id.clone()).collect::<Vec<_>>())
                    key=|id| id.clone()
                    let(id)
                >
                    <LineChart chart=Signal::derive(move || {
                        fans.with(|f| f.iter().find(|c| c.head.id == id).cloned().unwrap_or_default())
                    })/>
                </ForAny>
            </div>
        </Show>
    }
}
