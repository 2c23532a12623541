//! Pieces shared by pages.

use std::any::Any;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

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
pub mod opening;
pub mod plan_editor;
pub mod target_card;
pub mod task_tracker;
pub mod terms;
pub mod tour;
pub mod unit_table;
pub mod update;
pub mod workspace_list;

/// Leptos's `<For>` (same props, same keyed diff, same owner per row) with
/// its types erased, so that one instance of the keyed list serves every
/// list in the app. `<For>` is compiled once per list: its diff, the rows'
/// build and rebuild and the closures around them came to about 6 KB of
/// wasm per list (issue 12's size work: 191 KB for 29 lists). Here the
/// items travel as `Box<dyn Any>` with an [`AnyKey`], and the row's view as
/// an `AnyView`; what is left per list is this thin shell.
#[component]
pub fn ForAny<IF, I, T, EF, N, KF, K>(
    /// The items, as for `<For>`.
    each: IF,
    /// Each item's key, as for `<For>`.
    key: KF,
    /// Each item's row, as for `<For>`; made once per key.
    children: EF,
) -> impl IntoView
where
    IF: Fn() -> I + Send + 'static,
    I: IntoIterator<Item = T> + Send + 'static,
    EF: Fn(T) -> N + Send + Sync + 'static,
    N: IntoView + 'static,
    KF: Fn(&T) -> K + Send + 'static,
    K: Eq + Hash + Send + Sync + 'static,
    T: Send + 'static,
{
    let each = move || {
        each()
            .into_iter()
            .map(|item| {
                let key = AnyKey(Arc::new(key(&item)));
                (key, Box::new(item) as Box<dyn Any + Send>)
            })
            .collect::<Vec<_>>()
    };
    let children = move |item: Box<dyn Any + Send>| {
        let item = item
            .downcast::<T>()
            .expect("ForAny's rows are its own items");
        children(*item).into_any()
    };
    for_any(Box::new(each), Arc::new(children))
}

/// An item of a [`ForAny`] list: its key and itself.
type AnyItem = (AnyKey, Box<dyn Any + Send>);

/// The one `<For>` instance behind every [`ForAny`].
fn for_any(
    each: Box<dyn Fn() -> Vec<AnyItem> + Send>,
    children: Arc<dyn Fn(Box<dyn Any + Send>) -> AnyView + Send + Sync>,
) -> AnyView {
    view! {
        <For
            each=move || each()
            key=|(key, _): &AnyItem| key.clone()
            children=move |(_, item): AnyItem| children(item)
        />
    }
    .into_any()
}

/// A [`ForAny`] item's key, its type erased: equal when of the same type
/// and equal, hashed as the key itself hashes.
#[derive(Clone)]
pub struct AnyKey(Arc<dyn ErasedKey>);

trait ErasedKey: Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn equals(&self, other: &dyn Any) -> bool;
    fn hash_into(&self, state: &mut dyn Hasher);
}

impl<K: Eq + Hash + Send + Sync + 'static> ErasedKey for K {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn equals(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<K>() == Some(self)
    }
    fn hash_into(&self, mut state: &mut dyn Hasher) {
        self.hash(&mut state);
    }
}

impl PartialEq for AnyKey {
    fn eq(&self, other: &Self) -> bool {
        (*self.0).equals((*other.0).as_any())
    }
}

impl Eq for AnyKey {}

impl Hash for AnyKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (*self.0).hash_into(state);
    }
}

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
        <ForAny
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
        </ForAny>
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
