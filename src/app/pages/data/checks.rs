//! Kiểm tra dữ liệu: the units counted by kind, and every finding of the
//! validation (the first [`ISSUES_SHOWN`]) with its place
//! ([`crate::report::data_checks`]).

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::app::words;
use crate::report::data_checks;

/// Findings listed at once.
const ISSUES_SHOWN: usize = 50;

#[component]
pub fn DataChecks() -> impl IntoView {
    let state = expect_context::<AppState>();
    let checks = Memo::new(move |_| {
        let lang = state.lang.get();
        state.workspace.with(|w| data_checks(w, ISSUES_SHOWN, lang))
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
