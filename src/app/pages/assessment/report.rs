//! Part 5, the one-page A4 report (name, code, year, scores by criterion,
//! grade, checklist failures with citations and the action plan), and the
//! button that prints it; only it is printed (style/main.css).

use leptos::prelude::*;

use super::checklist::Failures;
use super::scores::CreditFundNotice;
use super::Page;
use crate::app::words;
use crate::assessment::page::{report, CriteriaTable};

#[component]
pub fn ReportPart() -> impl IntoView {
    let page = expect_context::<Page>();
    let (ws, unit, assessment, lang) = (page.ws, page.unit, page.assessment, page.lang);
    let shown = Memo::new(move |_| {
        unit.with(|u| {
            let u = u.as_ref()?;
            Some(ws.with(|w| assessment.with(|a| report(w, u, a, lang.get()))))
        })
    });
    let print = move |_| {
        let _ = crate::app::browser::window().print();
    };
    view! {
        <div class="report-section">
            <h2 id="print-title">{words("5. Báo cáo (một trang A4)", "5. Report (one A4 page)")}</h2>
            <button type="button" on:click=print>{words("In báo cáo", "Print the report")}</button>
            {move || {
                shown
                    .get()
                    .map(|r| {
                        let lang = lang.get();
                        view! {
                            <article class="assessment-report" aria-labelledby="report-title">
                                <h2 id="report-title">{r.title}</h2>
                                <p>{r.line}</p>
                                {r.credit_fund.then(|| view! { <CreditFundNotice/> })}
                                {r.grade.map(|g| view! { <p class="report-grade">{g}</p> })}
                                {r.criteria.map(criteria_table)}
                                <h3>{r.checklist}</h3>
                                <Failures failures=r.failures/>
                                <h3>{words("Kế hoạch hành động", "Action plan")}</h3>
                                {if r.actions.is_empty() {
                                    view! { <p>{words("Chưa có hành động.", "No action yet.")}</p> }
                                        .into_any()
                                } else {
                                    view! {
                                        <div class="table-scroll">
                                            <table class="action-plan">
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{lang.pick("Điểm cần khắc phục", "Gap")}</th>
                                                        <th scope="col">{lang.pick("Hành động", "Action")}</th>
                                                        <th scope="col">{lang.pick("Người phụ trách", "Owner")}</th>
                                                        <th scope="col">{lang.pick("Hạn", "Due")}</th>
                                                        <th scope="col">{lang.pick("Tình trạng", "Status")}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {r
                                                        .actions
                                                        .into_iter()
                                                        .map(|a| {
                                                            view! {
                                                                <tr>
                                                                    <th scope="row">{a.gap}</th>
                                                                    <td>{a.action}</td>
                                                                    <td>{a.owner}</td>
                                                                    <td>{a.due_shown}</td>
                                                                    <td>{a.status.label(lang)}</td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                    }
                                        .into_any()
                                }}
                            </article>
                        }
                    })
            }}
        </div>
    }
}

/// Points by criterion, against last year when there is one.
fn criteria_table(table: CriteriaTable) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="criteria">
                <caption>{words("Điểm theo tiêu chí", "Points by criterion")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{words("Tiêu chí", "Criterion")}</th>
                        {table
                            .years
                            .into_iter()
                            .map(|y| view! { <th scope="col" class="num">{y}</th> })
                            .collect_view()}
                        <th scope="col" class="num">{words("Tối đa", "Max")}</th>
                    </tr>
                </thead>
                <tbody>
                    {table
                        .rows
                        .into_iter()
                        .map(|(name, cells, max)| {
                            view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    {cells
                                        .into_iter()
                                        .map(|c| view! { <td class="num">{c}</td> })
                                        .collect_view()}
                                    <td class="num">{max}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
