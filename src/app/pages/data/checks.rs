//! Kiểm tra dữ liệu: the units counted by kind, and every finding of the
//! validation (the first [`ISSUES_SHOWN`]) with its place
//! ([`crate::report::data_checks`]).

use leptos::prelude::*;

use leptos::task::spawn_local;

use crate::app::state::AppState;
use crate::app::storage;
use crate::app::words;
use crate::domain::validation::{Checker, Report};
use crate::report::data_checks_of;

/// Findings listed at once.
const ISSUES_SHOWN: usize = 50;
/// Units looked at in one step ([`Checker::step`] looks at each unit
/// twice): under 10 ms in the browser. A workspace of at most this many
/// units is checked at once.
const CHECK_SLICE_UNITS: usize = 1_500;

#[component]
pub fn DataChecks() -> impl IntoView {
    let state = expect_context::<AppState>();
    let report = RwSignal::new(None::<Report>);
    // Checked again after every change: at once for a small workspace; a
    // slice at a time for a big one, the findings shown so far staying on
    // screen meanwhile (a whole national workspace checked in one task
    // would hold the page after every edit and every batch a sync pulls).
    let run = StoredValue::new(0u64);
    Effect::new(move |_| {
        let generation = state.changes.get();
        run.set_value(generation);
        let small = state
            .workspace
            .with_untracked(|w| w.units.len() <= CHECK_SLICE_UNITS);
        if small {
            report.set(Some(
                state
                    .workspace
                    .with_untracked(crate::domain::validation::validate_workspace),
            ));
            return;
        }
        spawn_local(async move {
            // After the change's own work (the save, the page drawn).
            storage::next_turn().await;
            let mut checker = Checker::default();
            loop {
                if run.try_get_value() != Some(generation) {
                    return;
                }
                let done = state
                    .workspace
                    .with_untracked(|w| checker.step(w, CHECK_SLICE_UNITS));
                storage::next_turn().await;
                if done {
                    break;
                }
            }
            // The findings are put together in a task of their own.
            if run.try_get_value() != Some(generation) {
                return;
            }
            let finished = state.workspace.with_untracked(|w| checker.finish(w));
            report.set(Some(finished));
        });
    });
    let checks = Memo::new(move |_| {
        let lang = state.lang.get();
        report
            .with(|r| {
                r.as_ref().map(|r| {
                    state
                        .workspace
                        .with_untracked(|w| data_checks_of(w, r, ISSUES_SHOWN, lang))
                })
            })
            .unwrap_or_default()
    });
    let counts = move || {
        checks.with(|c| {
            c.counts
                .iter()
                .map(|(kind, count)| {
                    view! {
                        <div>
                            <dt>{*kind}</dt>
                            <dd>{count.clone()}</dd>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    let issues = move || {
        checks.with(|c| {
            c.issues
                .iter()
                .map(|issue| {
                    let class = if issue.error {
                        "issue issue-error"
                    } else {
                        "issue issue-warning"
                    };
                    view! {
                        <li class=class>
                            <strong>{issue.word}</strong>
                            {issue.text.clone()}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div id="data-checks">
            <dl class="counts">{counts}</dl>
            <h2>{words("Kiểm tra dữ liệu", "Data checks")}</h2>
            <p>{move || checks.with(|c| c.summary.clone())}</p>
            <ul class="issues">{issues}</ul>
        </div>
    }
}
