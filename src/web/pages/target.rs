//! One target in depth: its card, its trend, its breakdowns by district and
//! sector, and the units behind its numerator and denominator — which
//! cooperatives have not reorganised, which inactive ones are not
//! dissolved, where managers are untrained — each linking to its record.
//! Tables and the chart are written by [`crate::report`] and
//! [`crate::chart`]; this page holds the controls.

use web_sys::Element;

use crate::csv::write_csv;
use crate::format::iso_date;
use crate::html::escape;
use crate::html::{table, Html};
use crate::i18n::Lang;
use crate::indicator::{Dimension, Observation};
use crate::plan::{Indicator, Target};
use crate::report::{
    breakdown_rows, dimension_label, drill_down_html, tally_names, target_card_html,
    trend_chart_html, SortBy,
};
use crate::web::dom::{action, name_and_value, property};
use crate::web::state::AppState;
use crate::web::ui::*;

/// Drill-down rows listed at once.
const DRILL_ROWS: usize = 200;

fn breakdown_header(indicator: Indicator, by: Dimension, lang: Lang) -> Vec<&'static str> {
    let (numerator, denominator) = tally_names(indicator, lang);
    let mut header = vec![dimension_label(by, lang), numerator];
    header.extend(denominator);
    header.push(lang.pick("Giá trị", "Value"));
    header
}

pub fn mount(root: &Element, id: String) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let target = Memo::new(move |_| state.workspace.with(|w| w.plan.target(&id).cloned()));
    let sort = RwSignal::new((SortBy::Name, true));
    let gaps_only = RwSignal::new(true);

    root.set_inner_html(
        r#"<section class="page target-page" aria-labelledby="target-page-title"><div class="target-head"></div><div class="target-details"></div><div class="target-more"></div></section>"#,
    );
    let part = |selector: &str| find(root, selector).expect("the target page");

    region(&part(".target-head"), move || {
        let lang = lang.get();
        let Some(target) = target.get() else {
            return format!(
                r#"<h1 id="target-page-title">{}</h1><p><a href="/">{}</a></p>"#,
                lang.pick("Không có chỉ tiêu này", "No such target"),
                lang.pick("Về trang Tổng quan", "Back to the dashboard"),
            );
        };
        let as_of = state.as_of.get();
        let evaluation = state
            .evaluations
            .with(|all| all.iter().find(|e| e.target_id == target.id).cloned());
        let mut html = Html::new();
        html.append_text(&format!(
            r#"<p class="breadcrumb"><a href="/">{}</a> › {}</p><h1 id="target-page-title">{} · {}</h1>"#,
            lang.pick("Tổng quan", "Dashboard"),
            escape(&target.id),
            escape(&target.id),
            escape(target.title.get(lang)),
        ));
        if let Some(e) = &evaluation {
            html.open("div", &[]);
            target_card_html(&mut html, &target, e, as_of, lang, false);
            html.close("div");
            if let Some(Observation::Count { sectors, .. }) = &e.measurement.observation {
                html.element(
                    "p",
                    &[],
                    &format!(
                        "{sectors} {}",
                        lang.pick(
                            "lĩnh vực có HTX điển hình.",
                            "sectors have an exemplary cooperative."
                        )
                    ),
                );
            }
        }
        html.into_string()
    });

    // The chart, breakdowns and drill-down as HTML text, rewritten when the
    // data, the date, the language or a control changes.
    region(&part(".target-details"), move || {
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
    });

    // The controls and the drill-down, for every target but growth.
    let more = part(".target-more");
    let has_breakdowns = move || {
        target
            .get()
            .is_some_and(|t: Target| t.indicator != Indicator::ValueAddedGrowth)
    };
    rebuild_on(
        move || (lang.get(), has_breakdowns()),
        move |(lang, shown)| {
            if !shown {
                more.set_inner_html("");
                return;
            }
            let (by, ascending) = sort.get_untracked();
            let option = |value: &str, vi: &str, en: &str, on: bool| {
                format!(
                    r#"<option value="{value}"{}>{}</option>"#,
                    if on { " selected" } else { "" },
                    lang.pick(vi, en)
                )
            };
            more.set_inner_html(&format!(
                r#"<div class="table-controls"><label class="inline">{}<select name="sort">{}{}{}{}</select></label><button type="button" class="secondary" data-action="export">{}</button></div><section class="drill-down" aria-labelledby="drill-title"><h2 id="drill-title">{}</h2><label class="inline"><input type="checkbox" name="gaps-only"{}>{}</label><p class="drill-count"></p><div class="drill-list"></div></section>"#,
                lang.pick("Sắp xếp phân tổ theo", "Sort the breakdowns by"),
                option("name", "Tên", "Name", by == SortBy::Name),
                option("numerator-desc", "Tử số, lớn trước", "Numerator, largest first", by == SortBy::Numerator),
                option("value-desc", "Giá trị, cao trước", "Value, highest first", by == SortBy::Value && !ascending),
                option("value-asc", "Giá trị, thấp trước", "Value, lowest first", by == SortBy::Value && ascending),
                lang.pick("Tải phân tổ (CSV)", "Download the breakdowns (CSV)"),
                lang.pick("Các đơn vị", "Units"),
                if gaps_only.get_untracked() { " checked" } else { "" },
                lang.pick("Chỉ hiện đơn vị còn thiếu (chưa đạt)", "Only units with a gap (not yet there)"),
            ));
            let drill = Memo::new(move |_| {
                let Some(target) = target.get() else {
                    return (String::new(), 0);
                };
                let (lang, as_of) = (state.lang.get(), state.as_of.get());
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
            if let Some(count) = find(&more, ".drill-count") {
                region(&count, move || {
                    let lang = state.lang.get();
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
                });
            }
            if let Some(list) = find(&more, ".drill-list") {
                region(&list, move || drill.with(|d| d.0.clone()));
            }
        },
    );

    listen(root, "change", move |ev| {
        let Some((name, value)) = name_and_value(&ev) else {
            return;
        };
        match name.as_str() {
            "sort" => sort.set(match value.as_str() {
                "numerator-desc" => (SortBy::Numerator, false),
                "value-desc" => (SortBy::Value, false),
                "value-asc" => (SortBy::Value, true),
                _ => (SortBy::Name, true),
            }),
            "gaps-only" => gaps_only.set(
                ev.target()
                    .is_some_and(|t| property(&t, "checked").is_truthy()),
            ),
            _ => {}
        }
    });
    listen(root, "click", move |ev| {
        if action(&ev).as_deref() != Some("export") {
            return;
        }
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
    });
}
