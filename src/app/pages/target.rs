//! One target in depth: its card, its trend, its breakdowns by district and
//! sector, and the units behind its numerator and denominator — which
//! cooperatives have not reorganised, which inactive ones are not
//! dissolved, where managers are untrained — each linking to its record.
//! What is shown is computed by [`crate::report`] as data; this page draws
//! it and holds the controls.

use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::app::components::chart::trend::TrendChart;
use crate::app::components::number_table::NumberTable;
use crate::app::components::target_card::TargetCard;
use crate::app::components::ForAny;
use crate::app::state::AppState;
use crate::app::words;
use crate::assessment::ready_candidates;
use crate::domain::indicator::Dimension;
use crate::domain::plan::{Indicator, Target};
use crate::report::target_page::{
    breakdown_caption, breakdown_csv, breakdown_file_name, breakdown_header, drill_count,
    sectors_note, BreakdownOrder,
};
use crate::report::{breakdown_rows, drill_down, trend_chart, DrillRow, TargetCard};

/// Drill-down rows listed at once.
const DRILL_ROWS: usize = 200;

/// The page for the target the path's `:id` names (percent-decoded). Made
/// again when the id changes, so another target starts with its own
/// controls.
#[component]
pub fn TargetPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    move || {
        let id = id.get();
        view! { <TargetView id/> }
    }
}

#[component]
fn TargetView(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let target = Memo::new(move |_| state.workspace.with(|w| w.plan.target(&id).cloned()));
    view! {
        <section class="page target-page" aria-labelledby="target-page-title">
            {move || match target.get() {
                None => view! { <NoSuchTarget/> }.into_any(),
                Some(target) => view! { <TargetDetails target/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn NoSuchTarget() -> impl IntoView {
    view! {
        <div class="target-head">
            <h1 id="target-page-title">{words("Không có chỉ tiêu này", "No such target")}</h1>
            <p>
                <a href="/">{words("Về trang Tổng quan", "Back to the dashboard")}</a>
            </p>
        </div>
    }
}

/// A target of the plan. Redrawn whole when the plan's target changes (an
/// edit on the plan page); the data, the date and the language update the
/// parts in place.
#[component]
fn TargetDetails(target: Target) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let indicator = target.indicator;
    let evaluation = {
        let id = target.id.clone();
        Memo::new(move |_| {
            state
                .evaluations
                .with(|all| all.iter().find(|e| e.target_id == id).cloned())
        })
    };
    let card = {
        let target = target.clone();
        Memo::new(move |_| {
            let (lang, as_of) = (lang.get(), state.as_of.get());
            evaluation.with(|e| e.as_ref().map(|e| TargetCard::new(&target, e, as_of, lang)))
        })
    };
    let sectors = Memo::new(move |_| {
        let lang = lang.get();
        evaluation.with(|e| e.as_ref().and_then(|e| sectors_note(e, lang)))
    });
    let chart = {
        let target = target.clone();
        Memo::new(move |_| {
            let lang = lang.get();
            state.workspace.with(|w| trend_chart(w, &target, lang))
        })
    };
    let target_id = target.id.clone();
    let title = move || format!("{} · {}", target.id, target.title.get(lang.get()));
    let has_breakdowns = indicator != Indicator::ValueAddedGrowth;
    let order = RwSignal::new(BreakdownOrder::Name);
    let gaps_only = RwSignal::new(true);
    view! {
        <div class="target-head">
            <p class="breadcrumb">
                <a href="/">{words("Tổng quan", "Dashboard")}</a>
                " › "
                {target_id.clone()}
            </p>
            <h1 id="target-page-title">{title}</h1>
            <Show when=move || card.with(Option::is_some)>
                <div>
                    <TargetCard card=Signal::derive(move || card.get().unwrap_or_default())/>
                </div>
            </Show>
            {move || sectors.get().map(|text| view! { <p>{text}</p> })}
        </div>
        <div class="target-details">
            <TrendChart chart/>
            {(indicator == Indicator::ExemplaryCount).then(|| view! { <Candidates/> })}
            {has_breakdowns.then(|| view! { <Breakdowns indicator order/> })}
        </div>
        <div class="target-more">
            {has_breakdowns
                .then(|| {
                    view! {
                        <Controls id=target_id.clone() indicator order/>
                        <DrillDownList indicator gaps_only/>
                    }
                })}
        </div>
    }
}

/// T8: who could be put forward next — cooperatives whose own
/// self-assessment meets the exemplary criteria.
#[component]
fn Candidates() -> impl IntoView {
    let state = expect_context::<AppState>();
    let candidates = Memo::new(move |_| {
        let year = state.as_of.get().year();
        state.workspace.with(|w| ready_candidates(w, year))
    });
    view! {
        <h2 id="candidates-title">
            {words(
                "Ứng viên điển hình (theo tự đánh giá)",
                "Exemplary candidates (from self-assessments)",
            )}
        </h2>
        <ul class="candidates">
            <ForAny each=move || candidates.get() key=|c| c.clone() let(candidate)>
                <li>
                    <a href=candidate.href>{candidate.name}</a>
                    " ("
                    {words("tự đánh giá năm", "self-assessed")}
                    " "
                    {candidate.assessed_year}
                    ")"
                </li>
            </ForAny>
        </ul>
        <Show when=move || candidates.with(Vec::is_empty)>
            <p>{words("Chưa có hợp tác xã nào sẵn sàng.", "No cooperative is ready yet.")}</p>
        </Show>
    }
}

/// The indicator by district and by sector, in the chosen order, each
/// table ending with the whole city.
#[component]
fn Breakdowns(indicator: Indicator, order: RwSignal<BreakdownOrder>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let table = move |by: Dimension| {
        let rows = Memo::new(move |_| {
            let (lang, as_of, sort) = (lang.get(), state.as_of.get(), order.get().sort());
            state
                .workspace
                .with(|w| breakdown_rows(w, indicator, as_of, by, sort, lang))
        });
        view! {
            <div>
                <NumberTable
                    class="breakdown"
                    caption=Signal::derive(move || breakdown_caption(by, lang.get()))
                    header=Signal::derive(move || breakdown_header(indicator, by, lang.get()))
                    rows
                />
            </div>
        }
    };
    view! {
        <h2>{words("Phân tổ", "Breakdowns")}</h2>
        <div class="columns">{table(Dimension::District)} {table(Dimension::Sector)}</div>
    }
}

/// The breakdowns' order and their CSV download.
#[component]
fn Controls(id: String, indicator: Indicator, order: RwSignal<BreakdownOrder>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let download = move |_| {
        let (lang, as_of) = (lang.get_untracked(), state.as_of.get_untracked());
        let csv = state
            .workspace
            .with_untracked(|w| breakdown_csv(w, indicator, as_of, lang));
        state.offer_download(
            &breakdown_file_name(&id, as_of, lang),
            "text/csv;charset=utf-8",
            &csv,
        );
    };
    let options = BreakdownOrder::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <option value=choice.key() prop:selected=move || order.get() == choice>
                    {move || choice.label(lang.get())}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="table-controls">
            <label class="inline">
                {words("Sắp xếp phân tổ theo", "Sort the breakdowns by")}
                <select
                    name="sort"
                    on:change:target=move |ev| order.set(BreakdownOrder::from_key(&ev.target().value()))
                >
                    {options}
                </select>
            </label>
            <button type="button" class="secondary" on:click=download>
                {words("Tải phân tổ (CSV)", "Download the breakdowns (CSV)")}
            </button>
        </div>
    }
}

/// The units behind the figure, only those with a gap unless asked.
#[component]
fn DrillDownList(indicator: Indicator, gaps_only: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let drill = Memo::new(move |_| {
        let (lang, as_of) = (lang.get(), state.as_of.get());
        state
            .workspace
            .with(|w| drill_down(w, indicator, as_of, gaps_only.get(), DRILL_ROWS, lang))
    });
    let headers = move || {
        drill
            .with(|d| d.headers.clone())
            .into_iter()
            .map(|header| view! { <th scope="col">{header}</th> })
            .collect_view()
    };
    view! {
        <section class="drill-down" aria-labelledby="drill-title">
            <h2 id="drill-title">{words("Các đơn vị", "Units")}</h2>
            <label class="inline">
                <input
                    type="checkbox"
                    name="gaps-only"
                    prop:checked=gaps_only
                    on:change:target=move |ev| gaps_only.set(ev.target().checked())
                />
                {words(
                    "Chỉ hiện đơn vị còn thiếu (chưa đạt)",
                    "Only units with a gap (not yet there)",
                )}
            </label>
            <p class="drill-count">
                {move || drill.with(|d| drill_count(d.matched, DRILL_ROWS, lang.get()))}
            </p>
            <div class="drill-list">
                <div class="table-scroll">
                    <table>
                        <caption>
                            {words("Các đơn vị phía sau con số", "The units behind the figure")}
                        </caption>
                        <thead>
                            <tr>{headers}</tr>
                        </thead>
                        <tbody>
                            <ForAny each=move || drill.with(|d| d.rows.clone()) key=|row| row.clone() let(row)>
                                <DrillDownRow row/>
                            </ForAny>
                        </tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}

#[component]
fn DrillDownRow(row: DrillRow) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">
                <a href=row.href>{row.name}</a>
            </th>
            <td>{row.kind}</td>
            <td>{row.district}</td>
            <td class="num">{row.numerator}</td>
            {row.denominator.map(|d| view! { <td class="num">{d}</td> })}
        </tr>
    }
}
