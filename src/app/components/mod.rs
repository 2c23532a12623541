//! Pieces shared by pages.

use leptos::prelude::*;

use crate::app::words;

pub mod chart;
pub mod conflict_choice;
pub mod data_table;
pub mod dialog;
pub mod field;
pub mod file_picker;
pub mod header;
pub mod notices;
pub mod number_table;
pub mod plan_editor;
pub mod target_card;
pub mod task_tracker;
pub mod terms;
pub mod tour;
pub mod unit_table;
pub mod update;
pub mod workspace_list;

/// Keys for a keyed `<For>` over records named by id: each id with the
/// number of times it came before. Ids are unique in any plan this app
/// writes; a stored document that repeats one still gets a row per
/// record (a repeated key would confuse the list's diff).
pub fn keys_of<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut keys: Vec<(String, usize)> = Vec::new();
    for id in ids {
        let before = keys.iter().filter(|(k, _)| k == id).count();
        keys.push((id.to_owned(), before));
    }
    keys
}

/// A keyed `<For>` over records named by id ([`keys_of`]): one `row` per
/// record, made once for its key and given its record as a signal that
/// follows later changes, so that typing in one row never redraws another.
pub fn keyed_rows<R, V>(
    rows: Memo<Vec<R>>,
    id_of: fn(&R) -> &str,
    row: impl Fn(String, Signal<R>) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    R: Clone + Default + PartialEq + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <For
            each=move || rows.with(|r| keys_of(r.iter().map(id_of)))
            key=|key| key.clone()
            let((id, nth))
        >
            {
                let record = Signal::derive({
                    let id = id.clone();
                    move || {
                        rows.with(|r| {
                            r.iter().filter(|r| id_of(r) == id).nth(nth).cloned().unwrap_or_default()
                        })
                    }
                });
                row(id, record)
            }
        </For>
    }
}

/// A table of records named by id, in a frame that scrolls sideways on a
/// narrow screen: the column headers (Vietnamese, English), then one
/// [`keyed_rows`] row per record.
pub fn keyed_table<R, V>(
    headers: &'static [(&'static str, &'static str)],
    rows: Memo<Vec<R>>,
    id_of: fn(&R) -> &str,
    row: impl Fn(String, Signal<R>) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    R: Clone + Default + PartialEq + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let head = headers
        .iter()
        .map(|&(vi, en)| view! { <th scope="col">{words(vi, en)}</th> })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table>
                <thead><tr>{head}</tr></thead>
                <tbody>{keyed_rows(rows, id_of, row)}</tbody>
            </table>
        </div>
    }
}
