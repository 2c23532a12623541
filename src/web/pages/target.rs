//! One target in depth: its card, its trend, its breakdowns by district and
//! sector, and the units behind its numerator and denominator — which
//! cooperatives have not reorganised, which inactive ones are not
//! dissolved, where managers are untrained — each linking to its record.
//! Tables and the chart are written by [`crate::report`] and
//! [`crate::chart`]; this page holds the controls.

use chrono::Datelike;
use leptos::prelude::*;

use crate::csv::write_csv;
use crate::format::iso_date;
use crate::html::{table, Html};
use crate::i18n::Lang;
use crate::indicator::{Dimension, Observation};
use crate::plan::{Indicator, Target};
use crate::report::{
    breakdown_rows, dimension_label, drill_down_html, tally_names, target_card_html,
    trend_chart_html, SortBy,
};
use crate::web::state::AppState;

/// Drill-down rows listed at once.
const DRILL_ROWS: usize = 200;

fn breakdown_header(indicator: Indicator, by: Dimension, lang: Lang) -> Vec<&'static str> {
    let (numerator, denominator) = tally_names(indicator, lang);
    let mut header = vec![dimension_label(by, lang), numerator];
    header.extend(denominator);
    header.push(lang.pick("Giá trị", "Value"));
    header
}

#[component]
pub fn TargetPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let target = Memo::new(move |_| state.workspace.with(|w| w.plan.target(&id).cloned()));
    let sort = RwSignal::new((SortBy::Name, true));
    let gaps_only = RwSignal::new(true);

    let export = move |_| {
        let Some(target) = target.get_untracked() else {
            return;
        };
        let (lang, as_of) = (lang.get_untracked(), state.as_of.get_untracked());
        let csv = state.workspace.with_untracked(|w| {
            let mut rows = Vec::new();
            for by in [Dimension::District, Dimension::Sector] {
                for mut row in
                    breakdown_rows(w, target.indicator, as_of, by, (SortBy::Name, true), lang)
                {
                    row.insert(0, dimension_label(by, lang).to_owned());
                    rows.push(row);
                }
            }
            let mut header = vec![lang.pick("Chia theo", "By")];
            header.extend(breakdown_header(
                target.indicator,
                Dimension::District,
                lang,
            ));
            write_csv(&header, rows)
        });
        let name = format!(
            "{}-{}-{}.csv",
            target.id,
            lang.pick("phan-to", "breakdown"),
            iso_date(as_of)
        );
        state.offer_download(&name, "text/csv;charset=utf-8", &csv);
    };

    // The chart, breakdowns and drill-down as HTML text, rewritten when the
    // data, the date, the language or a control changes.
    let details = move || {
        let Some(target) = target.get() else {
            return String::new();
        };
        let (lang, as_of) = (lang.get(), state.as_of.get());
        let indicator = target.indicator;
        state.workspace.with(|w| {
            let mut html = Html::new();
            html.append_text(&trend_chart_html(w, &target, lang));
            if indicator == Indicator::ValueAddedGrowth {
                return html.into_string();
            }
            if indicator == Indicator::ExemplaryCount {
                // Who could be put forward next: cooperatives whose own
                // self-assessment meets the exemplary criteria.
                html.append_text(&crate::assessment::page::candidates_html(
                    w,
                    as_of.year(),
                    lang,
                ));
            }
            html.element("h2", &[], lang.pick("Phân tổ", "Breakdowns"));
            html.open("div", &[("class", Some("columns"))]);
            for by in [Dimension::District, Dimension::Sector] {
                let rows = breakdown_rows(w, indicator, as_of, by, sort.get(), lang);
                let header = breakdown_header(indicator, by, lang);
                let numeric: Vec<usize> = (1..header.len()).collect();
                let caption = match by {
                    Dimension::District => lang.pick("Theo quận, huyện", "By district"),
                    Dimension::Sector => lang.pick("Theo lĩnh vực", "By sector"),
                };
                html.open("div", &[]);
                table(
                    &mut html,
                    Some("breakdown"),
                    Some(caption),
                    &header,
                    &rows,
                    &numeric,
                );
                html.close("div");
            }
            html.close("div");
            html.into_string()
        })
    };
    let drill = Memo::new(move |_| {
        let Some(target) = target.get() else {
            return (String::new(), 0);
        };
        let (lang, as_of) = (lang.get(), state.as_of.get());
        state.workspace.with(|w| {
            drill_down_html(
                w,
                target.indicator,
                as_of,
                gaps_only.get(),
                DRILL_ROWS,
                lang,
            )
        })
    });
    let drill_count = move || {
        let lang = lang.get();
        let count = drill.with(|d| d.1);
        let mut text = format!(
            "{} {}",
            crate::format::format_number(count as f64, 0, lang),
            lang.pick("đơn vị", "units")
        );
        if count > DRILL_ROWS {
            text.push_str(&format!(" · {} {DRILL_ROWS}", lang.pick("hiện", "showing")));
        }
        text
    };
    let header = move || {
        let lang = lang.get();
        let Some(target) = target.get() else {
            return view! {
                <h1 id="target-page-title">{lang.pick("Không có chỉ tiêu này", "No such target")}</h1>
                <p><a href="/">{lang.pick("Về trang Tổng quan", "Back to the dashboard")}</a></p>
            }
            .into_any();
        };
        let as_of = state.as_of.get();
        let evaluation = state
            .evaluations
            .with(|all| all.iter().find(|e| e.target_id == target.id).cloned());
        let sectors = evaluation
            .as_ref()
            .and_then(|e| match &e.measurement.observation {
                Some(Observation::Count { sectors, .. }) => Some(format!(
                    "{sectors} {}",
                    lang.pick(
                        "lĩnh vực có HTX điển hình.",
                        "sectors have an exemplary cooperative."
                    )
                )),
                _ => None,
            });
        view! {
            <p class="breadcrumb"><a href="/">{lang.pick("Tổng quan", "Dashboard")}</a> " › " {target.id.clone()}</p>
            <h1 id="target-page-title">{format!("{} · {}", target.id, target.title.get(lang))}</h1>
            {evaluation.map(|e| {
                let mut html = Html::new();
                target_card_html(&mut html, &target, &e, as_of, lang, false);
                view! { <div inner_html=html.into_string()></div> }
            })}
            {sectors.map(|note| view! { <p>{note}</p> })}
        }
        .into_any()
    };
    let has_breakdowns = move || {
        target
            .get()
            .is_some_and(|t: Target| t.indicator != Indicator::ValueAddedGrowth)
    };

    view! {
        <section class="page target-page" aria-labelledby="target-page-title">
            {header}
            <div inner_html=details></div>
            <Show when=has_breakdowns>
                <div class="table-controls">
                    <label class="inline">
                        {move || lang.get().pick("Sắp xếp phân tổ theo", "Sort the breakdowns by")}
                        <select on:change=move |ev| {
                            let key = match event_target_value(&ev).as_str() {
                                "numerator-desc" => (SortBy::Numerator, false),
                                "value-desc" => (SortBy::Value, false),
                                "value-asc" => (SortBy::Value, true),
                                _ => (SortBy::Name, true),
                            };
                            sort.set(key);
                        }>
                            <option value="name">{move || lang.get().pick("Tên", "Name")}</option>
                            <option value="numerator-desc">{move || lang.get().pick("Tử số, lớn trước", "Numerator, largest first")}</option>
                            <option value="value-desc">{move || lang.get().pick("Giá trị, cao trước", "Value, highest first")}</option>
                            <option value="value-asc">{move || lang.get().pick("Giá trị, thấp trước", "Value, lowest first")}</option>
                        </select>
                    </label>
                    <button type="button" class="secondary" on:click=export>
                        {move || lang.get().pick("Tải phân tổ (CSV)", "Download the breakdowns (CSV)")}
                    </button>
                </div>
                <section class="drill-down" aria-labelledby="drill-title">
                    <h2 id="drill-title">{move || lang.get().pick("Các đơn vị", "Units")}</h2>
                    <label class="inline">
                        <input type="checkbox" prop:checked=move || gaps_only.get() on:change=move |ev| gaps_only.set(event_target_checked(&ev)) />
                        {move || lang.get().pick("Chỉ hiện đơn vị còn thiếu (chưa đạt)", "Only units with a gap (not yet there)")}
                    </label>
                    <p>{drill_count}</p>
                    <div inner_html=move || drill.with(|d| d.0.clone())></div>
                </section>
            </Show>
        </section>
    }
}
