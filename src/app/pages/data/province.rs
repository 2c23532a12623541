//! The province's picture, for a cooperative's manager: the figures the
//! province published ([`crate::sync::aggregate`]), pulled with her sync,
//! and her own cooperatives set against them. Shown under the sync's
//! status once an aggregate has come; the words and numbers are
//! [`crate::report::province_picture`]'s.

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::app::sync::Sync;
use crate::app::words;
use crate::report::province_picture::{OwnCell, PictureRow, ProvincePicture};
use crate::sync::aggregate::places;
use crate::sync::scope::Scope;

#[component]
pub fn ProvincePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let sync = expect_context::<Sync>();
    let lang = state.lang;
    // Her units, from the roles the server gave her: only a manager is
    // placed (the province sees everything on its dashboard).
    let units = Memo::new(move |_| match sync.roles.with(|r| Scope::of_roles(r)) {
        Scope::Manager { units } => Some(units.into_iter().collect::<Vec<_>>()),
        _ => None,
    });
    let picture = Memo::new(move |_| {
        let units = units.get()?;
        let lang = lang.get();
        sync.aggregate.with(|aggregate| {
            let aggregate = aggregate.as_ref()?;
            let placed = state.workspace.with(|w| places(w, aggregate, &units));
            Some(ProvincePicture::new(aggregate, &placed, lang))
        })
    });
    move || {
        picture.get().map(|picture| {
            let rows = picture.rows.into_iter().map(target_row).collect_view();
            let revenue = picture
                .revenue
                .into_iter()
                .map(|line| view! { <li>{line}</li> })
                .collect_view();
            view! {
                <section id="province-picture" class="province-picture" aria-labelledby="province-title">
                    <h3 id="province-title">{words("Bức tranh của tỉnh", "The province's picture")}</h3>
                    <p id="province-published">{picture.published}</p>
                    <p id="province-counts">{picture.counts}</p>
                    <p class="detail">
                        {words(
                            "Chỉ có số liệu tổng hợp của tỉnh; không có bản ghi của hợp tác xã nào khác.",
                            "Only the province's totals; no other cooperative's records.",
                        )}
                    </p>
                    <ul class="province-targets">{rows}</ul>
                    <h4>{words("Doanh thu", "Revenue")}</h4>
                    <ul id="province-revenue" class="province-revenue">{revenue}</ul>
                </section>
            }
        })
    }
}

fn target_row(row: PictureRow) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let status = row.status;
    let own = row.own.into_iter().map(own_line).collect_view();
    let key = row.target_id.clone();
    view! {
        <li class="province-target" data-target=key>
            <h4><span class="target-id">{row.target_id}</span>" "{row.title}</h4>
            <p class="province-figure">
                <span class="province-label">{words("Tỉnh", "Province")}": "</span>
                <strong>{row.value}</strong>
                {row.detail.map(|d| format!(" ({d})"))}
                " · "{words("mục tiêu", "target")}" "{row.target}" "
                <span class=format!("status status-{}", status.key())>
                    {move || format!("{} {}", status.icon(), status.label(lang.get()))}
                </span>
            </p>
            {own}
        </li>
    }
}

fn own_line(cell: OwnCell) -> impl IntoView {
    view! {
        <p class="own-figure" data-standing=cell.key>
            <span class="province-label">{cell.unit_name}": "</span>
            {cell.value.map(|v| view! { <strong>{v}</strong>" · " })}
            {cell.standing}
        </p>
    }
}
