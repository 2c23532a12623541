//! Part 2, the classification of Thông tư 01/2020/TT-BKHĐT: months
//! operated and stopped, the points of every rubric item (with the
//! record's figures beside the criteria it informs and the unverified
//! maxima as inputs), then the total, grade, size class and the radar of
//! the four groups. People's credit funds are not graded: a notice instead.

use leptos::prelude::*;

use super::controls::{FieldConflict, FieldInput, LabelledInput};
use super::Page;
use crate::app::words;
use crate::assessment::edit::AssessmentField;
use crate::assessment::page::{
    classification, credit_fund_notice, scores_form, Radar, ScoreRow, ScoresForm as Form,
    RADAR_LABELS,
};
use crate::domain::unit::UnitKind;

/// Why a people's credit fund is not graded here.
#[component]
pub fn CreditFundNotice() -> impl IntoView {
    let lang = expect_context::<Page>().lang;
    move || {
        let (before, unverified, after) = credit_fund_notice(lang.get());
        view! {
            <p class="notice" id="credit-fund-not-graded">
                {before} <em>{unverified}</em> {after}
            </p>
        }
    }
}

#[component]
pub fn ScoresForm() -> impl IntoView {
    let page = expect_context::<Page>();
    let (lang, unit, assessment) = (page.lang, page.unit, page.assessment);
    let credit_fund =
        Memo::new(move |_| unit.with(|u| u.as_ref().is_some_and(|u| u.kind == UnitKind::Qtdnd)));
    // Rewritten only when its shape changes (another rubric, a maximum
    // corrected, the language), so typing keeps its place.
    let form = Memo::new(move |_| {
        unit.with(|u| {
            u.as_ref()
                .map(|u| assessment.with(|a| scores_form(u, a, lang.get())))
        })
    });
    let months = [
        (
            AssessmentField::MonthsOperated,
            "Số tháng hoạt động trong năm",
            "Months operating in the year",
        ),
        (
            AssessmentField::MonthsStopped,
            "Số tháng ngừng hoạt động",
            "Months stopped",
        ),
    ];
    move || {
        if credit_fund.get() {
            return view! { <CreditFundNotice/> }.into_any();
        }
        let months = months.map(|(field, vi, en)| {
            let label = Signal::derive(move || lang.get().pick(vi, en).to_owned());
            view! { <LabelledInput field label kind="number"/> }
        });
        let table = form.get().map(|form| match form {
            Form::UnknownRubric(text) => view! { <p class="field-error">{text}</p> }.into_any(),
            Form::Table { caption, groups } => view! {
                <div class="table-scroll">
                    <table class="scores">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{words("Tiêu chí", "Criterion")}</th>
                                <th scope="col">{words("Mục chấm", "Item")}</th>
                                <th scope="col">{words("Điểm", "Points")}</th>
                                <th scope="col">{words("Tối đa", "Max")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {groups
                                .into_iter()
                                .map(|group| {
                                    view! {
                                        <tr class="group">
                                            <th scope="rowgroup" colspan="4">{group.heading}</th>
                                        </tr>
                                        {group.rows.into_iter().map(score_row).collect_view()}
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any(),
        });
        view! {
            <div class="months">{months.into_iter().collect_view()}</div>
            {table}
        }
        .into_any()
    }
}

fn score_row(row: ScoreRow) -> impl IntoView {
    let lang = expect_context::<Page>().lang;
    let field = row.field;
    let item = match field {
        AssessmentField::Score(item) => item,
        _ => "",
    };
    let max = row.max;
    let label = Signal::derive(move || {
        let lang = lang.get();
        format!(
            "{} {item} ({} {max})",
            lang.pick("Điểm", "Points"),
            lang.pick("tối đa", "max")
        )
    });
    let head = row.head.map(|(span, name, unverified, figures)| {
        view! {
            <th scope="row" rowspan=span.to_string()>
                {name}
                <small class="unverified">{unverified}</small>
                <small class="figures">{figures}</small>
            </th>
        }
    });
    let max_cell = match row.editable {
        Some(criterion) => {
            let max_field = AssessmentField::Max(criterion);
            let max_label = Signal::derive(move || {
                format!(
                    "{} {criterion}",
                    lang.get()
                        .pick("Điểm tối đa tiêu chí", "Maximum of criterion")
                )
            });
            view! {
                <FieldInput
                    field=max_field
                    kind="number"
                    class="max"
                    min="1"
                    max="100"
                    label=max_label
                    aria=true
                />
                <FieldConflict field=max_field/>
            }
            .into_any()
        }
        None => max.to_string().into_any(),
    };
    view! {
        <tr>
            {head}
            <td>{row.name}</td>
            <td>
                <FieldInput field inputmode=Some("decimal") class="score" label aria=true/>
                <FieldConflict field/>
            </td>
            <td class="num">{max_cell}</td>
        </tr>
    }
}

/// The total, grade, size class and last year; the radar chart.
#[component]
pub fn ClassificationPart() -> impl IntoView {
    let page = expect_context::<Page>();
    let (lang, unit, assessment, ws) = (page.lang, page.unit, page.assessment, page.ws);
    let shown = Memo::new(move |_| {
        unit.with(|u| {
            let u = u.as_ref().filter(|u| u.kind != UnitKind::Qtdnd)?;
            ws.with(|w| assessment.with(|a| classification(w, u, a, lang.get())))
        })
    });
    move || {
        shown.get().map(|c| {
            view! {
                <dl class="figures-list" id="grade">
                    <dt>{words("Tổng điểm", "Total")}</dt>
                    <dd>{c.total}</dd>
                    <dt>{words("Xếp loại", "Grade")}</dt>
                    <dd><strong>{c.grade}</strong></dd>
                    <dt>{words("Quy mô", "Size class")}</dt>
                    <dd>{c.size}</dd>
                    {c.previous.map(|(year, result)| view! { <dt>{year}</dt><dd>{result}</dd> })}
                </dl>
                {c.invalid.map(|text| view! { <p class="field-error">{text}</p> })}
                <RadarChart radar=c.radar/>
            }
        })
    }
}

/// The four groups' shares, this year over last year's; the geometry is
/// the domain's ([`crate::assessment::page::radar`]).
#[component]
fn RadarChart(radar: Radar) -> impl IntoView {
    let centre = radar.centre;
    let reach = radar.rings[3];
    view! {
        <figure class="chart radar">
            <svg viewBox="0 0 300 300" role="img" aria-labelledby="radar-title radar-desc">
                <title id="radar-title">{radar.title}</title>
                <desc id="radar-desc">{radar.description}</desc>
                <g class="chart-grid" fill="none">
                    {radar
                        .rings
                        .map(|r| view! { <circle cx=centre cy=centre r=r></circle> })
                        .into_iter()
                        .collect_view()}
                    <line x1=centre y1=centre - reach x2=centre y2=centre + reach></line>
                    <line x1=centre - reach y1=centre x2=centre + reach y2=centre></line>
                </g>
                <g class="chart-label" text-anchor="middle">
                    {RADAR_LABELS
                        .map(|(text, x, y)| view! { <text x=x y=y>{text}</text> })
                        .into_iter()
                        .collect_view()}
                </g>
                {radar
                    .previous
                    .map(|points| view! { <polygon class="radar-previous" points=points></polygon> })}
                <polygon class="radar-current" points=radar.current></polygon>
            </svg>
            <figcaption>{radar.caption}</figcaption>
        </figure>
    }
}
