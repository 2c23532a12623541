//! The data page's units: the filters and search box above, then the
//! counts, one page of rows with their edit and delete buttons, and the page
//! buttons ([`crate::edit::unit_table`] computes all of it). Rows are keyed by
//! unit id, so a row the edit did not touch is left as it is.

use leptos::prelude::*;

use crate::app::components::keys_of;
use crate::app::components::ForAny;
use crate::app::state::AppState;
use crate::app::words;
use crate::edit::unit_table::{
    filter_controls, search_label, unit_table, Filter, Pager, SortKey, UnitQuery, UnitRow,
};

/// The kind, district, sector and status filters and the search box.
#[component]
pub fn UnitFilters(query: RwSignal<UnitQuery>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let controls = Memo::new(move |_| {
        state
            .workspace
            .with(|w| filter_controls(w, state.lang.get()))
    });
    let filter = move |filter: Filter| {
        let control = move || controls.with(|c| c.iter().find(|c| c.filter == filter).cloned());
        view! {
            <div>
                <label for=filter.id()>{move || filter.label(state.lang.get())}</label>
                <select
                    id=filter.id()
                    on:change:target=move |ev| query.update(|q| q.set_filter(filter, &ev.target().value()))
                >
                    <option value="" prop:selected=move || query.with(|q| q.filter(filter).is_empty())>
                        {move || control().map(|c| c.all)}
                    </option>
                    {move || {
                        control()
                            .map(|c| c.choices)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|choice| {
                                let value = choice.value.clone();
                                let selected = move || query.with(|q| q.filter(filter) == value);
                                view! {
                                    <option value=choice.value prop:selected=selected>
                                        {choice.text}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
    };
    view! {
        <div class="filters">
            {Filter::ALL.into_iter().map(filter).collect_view()}
            <div>
                <label for="filter-search">{move || search_label(state.lang.get())}</label>
                <input
                    id="filter-search"
                    type="search"
                    autocomplete="off"
                    prop:value=move || query.with(|q| q.search.clone())
                    on:input:target=move |ev| query.update(|q| q.set_search(&ev.target().value()))
                />
            </div>
        </div>
    }
}

/// The counts, the table of one page of units and the page buttons. Edit
/// and delete say which unit with its id; `editable` is false in a build
/// without the entry forms.
#[component]
pub fn UnitTable(
    query: RwSignal<UnitQuery>,
    #[prop(optional)] editable: bool,
    on_edit: UnsyncCallback<String>,
    on_delete: UnsyncCallback<String>,
    /// Called before the table's own actions (sort, page): they end the
    /// chance to undo a deletion.
    on_action: UnsyncCallback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let table = Memo::new(move |_| {
        let lang = state.lang.get();
        let as_of = state.as_of.get();
        query.with(|q| {
            state
                .workspace
                .with(|w| unit_table(w, q, as_of, crate::edit::unit_table::PAGE_SIZE, lang))
        })
    });
    let rows = Memo::new(move |_| table.with(|t| t.rows.clone()));
    let empty = move || table.with(|t| t.rows.is_empty());
    // The heads and page buttons stay in place (a sort keeps the focus on
    // its button); only what they say follows the table.
    let head = move || {
        SortKey::ALL
            .into_iter()
            .map(|key| {
                let sort = move || {
                    table.with(|t| t.columns.iter().find(|c| c.key == key).and_then(|c| c.sort))
                };
                view! {
                    <th scope="col" aria-sort=sort>
                        <button
                            type="button"
                            class="sort"
                            on:click=move |_| {
                                on_action.run(());
                                query.update(|q| q.sort_by(key));
                            }
                        >
                            {move || key.label(state.lang.get())}
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    let pager = Memo::new(move |_| table.with(|t| t.pager.clone()));
    let go = move |next: bool| {
        move |_| {
            on_action.run(());
            if let Some(pager) = pager.get_untracked() {
                query.update(|q| q.go_to(if next { pager.next } else { pager.previous }));
            }
        }
    };
    let at = move |end: fn(&Pager) -> bool| move || pager.with(|p| p.as_ref().is_none_or(end));
    let pages = view! {
        <Show when=move || pager.with(Option::is_some)>
            <nav class="pages" aria-label=words("Trang", "Pages")>
                <button type="button" disabled=at(|p| p.at_first) on:click=go(false)>
                    {words("‹ Trang trước", "‹ Previous")}
                </button>
                <span>{move || pager.with(|p| p.as_ref().map(|p| p.label.clone()))}</span>
                <button type="button" disabled=at(|p| p.at_last) on:click=go(true)>
                    {words("Trang sau ›", "Next ›")}
                </button>
            </nav>
        </Show>
    };
    view! {
        <p class="table-count" role="status">{move || table.with(|t| t.count.clone())}</p>
        <Show when=move || !empty()>
            <div class="table-scroll">
                <table class="unit-table">
                    <caption>{words("Danh sách đơn vị", "Units")}</caption>
                    <thead>
                        <tr>
                            {head}
                            <th scope="col">{words("Thao tác", "Actions")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <ForAny
                            each=move || rows.with(|r| keys_of(r.iter().map(|r| r.id.as_str())))
                            key=|key| key.clone()
                            let((id, nth))
                        >
                            <UnitRowView
                                row=Memo::new(move |_| {
                                    rows.with(|r| {
                                        r.iter().filter(|r| r.id == id).nth(nth).cloned().unwrap_or_default()
                                    })
                                })
                                editable
                                on_edit
                                on_delete
                            />
                        </ForAny>
                    </tbody>
                </table>
            </div>
        </Show>
        {pages}
    }
}

/// One unit: its name (a link to its page), kind, code, district, sector,
/// status, latest year, and the edit and delete buttons.
#[component]
fn UnitRowView(
    row: Memo<UnitRow>,
    editable: bool,
    on_edit: UnsyncCallback<String>,
    on_delete: UnsyncCallback<String>,
) -> impl IntoView {
    let text = move |f: fn(&UnitRow) -> String| move || row.with(f);
    let id = move || row.with_untracked(|r| r.id.clone());
    view! {
        <tr>
            <th scope="row">
                <a href=text(|r| r.href.clone())>{text(|r| r.name.clone())}</a>
            </th>
            <td>{text(|r| r.kind.to_owned())}</td>
            <td>{text(|r| r.registration_code.clone())}</td>
            <td>{text(|r| r.district.clone())}</td>
            <td>{text(|r| r.sector.clone())}</td>
            <td>{text(|r| r.status.to_owned())}</td>
            <td class="num">{text(|r| r.latest_year.clone())}</td>
            <td class="actions">
                {editable
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="secondary"
                                aria-label=text(|r| r.edit_label.clone())
                                on:click=move |_| on_edit.run(id())
                            >
                                {words("Sửa", "Edit")}
                            </button>
                        }
                    })}
                <button
                    type="button"
                    class="secondary danger"
                    aria-label=text(|r| r.delete_label.clone())
                    on:click=move |_| on_delete.run(id())
                >
                    {words("Xóa", "Delete")}
                </button>
            </td>
        </tr>
    }
}
