//! A table of figures: the first column names each row (a district, a
//! year), the others are numbers, right-aligned. Scrolls sideways inside
//! its own box on a narrow screen rather than the page.

use leptos::prelude::*;

use crate::app::components::ForAny;

/// The rows, each with how many equal rows came before it: together the
/// row's key, so a re-sorted table moves its rows and a changed figure
/// redraws its row.
fn keyed(rows: Vec<Vec<String>>) -> Vec<(Vec<String>, usize)> {
    let mut seen: Vec<&Vec<String>> = Vec::new();
    let occurrences: Vec<usize> = rows
        .iter()
        .map(|row| {
            let before = seen.iter().filter(|r| **r == row).count();
            seen.push(row);
            before
        })
        .collect();
    rows.into_iter().zip(occurrences).collect()
}

#[component]
pub fn NumberTable(
    /// The table's class (`breakdown`), for the page's styles.
    #[prop(optional)]
    class: Option<&'static str>,
    #[prop(optional)] caption: Option<Signal<&'static str>>,
    #[prop(into)] header: Signal<Vec<&'static str>>,
    #[prop(into)] rows: Signal<Vec<Vec<String>>>,
) -> impl IntoView {
    let head = move || {
        header
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, cell)| {
                view! { <th scope="col" class=(index > 0).then_some("num")>{cell}</th> }
            })
            .collect_view()
    };
    view! {
        <div class="table-scroll">
            <table class=class>
                {caption.map(|caption| view! { <caption>{caption}</caption> })}
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>
                    <ForAny each=move || keyed(rows.get()) key=|row| row.clone() let((cells, _))>
                        <tr>
                            {cells
                                .into_iter()
                                .enumerate()
                                .map(|(index, cell)| {
                                    if index == 0 {
                                        view! { <th scope="row">{cell}</th> }.into_any()
                                    } else {
                                        view! { <td class="num">{cell}</td> }.into_any()
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </ForAny>
                </tbody>
            </table>
        </div>
    }
}
