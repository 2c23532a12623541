//! Terms and their values (`<dl class="identity">`): a plan's identity, a
//! unit's, a year's figures.

use leptos::prelude::*;

use crate::report::Term;

#[component]
pub fn Terms(terms: Vec<Term>) -> impl IntoView {
    let rows = terms
        .into_iter()
        .map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> })
        .collect_view();
    view! { <dl class="identity">{rows}</dl> }
}
