//! A [`crate::report::Table`] drawn: in a frame that scrolls sideways on a
//! narrow screen, the first cell of each row its header.

use leptos::prelude::*;

use crate::report::Table;

#[component]
pub fn DataTable(table: Table) -> impl IntoView {
    let Table {
        class,
        caption,
        header,
        rows,
        numeric,
    } = table;
    let is_numeric = |index: usize| numeric.contains(&index).then_some("num");
    let head = header
        .into_iter()
        .enumerate()
        .map(|(i, cell)| view! { <th scope="col" class=is_numeric(i)>{cell}</th> })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(i, cell)| {
                    if i == 0 {
                        view! { <th scope="row" class=is_numeric(i)>{cell}</th> }.into_any()
                    } else {
                        view! { <td class=is_numeric(i)>{cell}</td> }.into_any()
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class=class>
                {caption.map(|caption| view! { <caption>{caption}</caption> })}
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
