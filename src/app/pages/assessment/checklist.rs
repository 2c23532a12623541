//! Part 1, legal compliance: the facts the automatic checks need, the
//! answers to the manual rules, and the checklist's results with the 2012
//! reorganisation mark (target T1).

use leptos::prelude::*;

use super::controls::{FieldConflict, FieldInput, FieldSelect, LabelledInput, LabelledSelect};
use super::Page;
use crate::app::components::ForAny;
use crate::app::state::AppState;
use crate::app::today::today;
use crate::app::words;
use crate::assessment::edit::{self, AssessmentField, FactInput};
use crate::assessment::page::{checklist, manual_rules, Failure, Reorganisation};
use crate::assessment::Fact;
use crate::i18n::pick2;

#[component]
pub fn FactsForm() -> impl IntoView {
    let page = expect_context::<Page>();
    let lang = page.lang;
    let facts = Fact::ALL.map(|fact| {
        let field = AssessmentField::Fact(fact);
        let label = Signal::derive(move || fact.label(lang.get()).to_owned());
        match fact.input() {
            FactInput::Choice([(first, first_text), (second, second_text)]) => {
                let choices = Signal::derive(move || {
                    let lang = lang.get();
                    vec![
                        ("", "—".to_owned()),
                        (first, pick2(lang, first_text).to_owned()),
                        (second, pick2(lang, second_text).to_owned()),
                    ]
                });
                view! { <LabelledSelect field label choices/> }.into_any()
            }
            FactInput::Date => view! { <LabelledInput field label kind="date"/> }.into_any(),
            FactInput::Count => {
                view! { <LabelledInput field label inputmode=Some("numeric")/> }.into_any()
            }
            FactInput::Amount => view! { <LabelledInput field label amount=true/> }.into_any(),
        }
    });
    view! {
        <fieldset class="facts">
            <legend>
                {words("Số liệu cho các kiểm tra tự động", "Data for the automatic checks")}
            </legend>
            {facts.into_iter().collect_view()}
        </fieldset>
    }
}

/// The manual rules of the viewed set, each with its answer and a note.
#[component]
pub fn AnswersForm() -> impl IntoView {
    let page = expect_context::<Page>();
    let lang = page.lang;
    let assessment = page.assessment;
    let rules = Memo::new(move |_| manual_rules(assessment.with(|a| a.law()), lang.get()));
    let choices = Signal::derive(move || {
        let lang = lang.get();
        vec![
            ("", "—".to_owned()),
            ("yes", pick2(lang, "Có (đạt)|Yes (met)").to_owned()),
            (
                "no",
                pick2(lang, "Không (chưa đạt)|No (not met)").to_owned(),
            ),
            ("na", pick2(lang, "Không áp dụng|Not applicable").to_owned()),
        ]
    });
    view! {
        <div class="table-scroll">
            <table class="answers">
                <caption>{words("Quy định tự trả lời", "Rules you answer")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{words("Quy định", "Rule")}</th>
                        <th scope="col">{words("Trả lời", "Answer")}</th>
                        <th scope="col">{words("Ghi chú", "Note")}</th>
                    </tr>
                </thead>
                <tbody>
                    <ForAny each=move || rules.get() key=|r| (r.id, r.text) let(rule)>
                        {
                            let answer = AssessmentField::Answer(rule.id);
                            let note = AssessmentField::Note(rule.id);
                            let answer_label = Signal::derive(move || {
                                format!("{}: {}", lang.get().pick("Trả lời", "Answer"), rule.id)
                            });
                            let note_label = Signal::derive(move || {
                                format!("{}: {}", lang.get().pick("Ghi chú", "Note"), rule.id)
                            });
                            view! {
                                <tr>
                                    <th scope="row">
                                        {rule.text}
                                        <small class="cite">{rule.citation}</small>
                                    </th>
                                    <td>
                                        <FieldSelect field=answer choices label=answer_label aria=true/>
                                        <FieldConflict field=answer/>
                                    </td>
                                    <td>
                                        <FieldInput field=note label=note_label aria=true/>
                                        <FieldConflict field=note/>
                                    </td>
                                </tr>
                            }
                        }
                    </ForAny>
                </tbody>
            </table>
        </div>
    }
}

/// The rules failed, with their citations.
#[component]
pub fn Failures(failures: Vec<Failure>) -> impl IntoView {
    (!failures.is_empty()).then(|| {
        view! {
            <h4>{words("Quy định không đạt", "Rules failed")}</h4>
            <ul class="failures">
                {failures
                    .into_iter()
                    .map(|f| view! { <li>{f.text} " — " <cite>{f.citation}</cite></li> })
                    .collect_view()}
            </ul>
        }
    })
}

/// Every rule with its outcome, the summary, the failures and the 2012
/// reorganisation mark.
#[component]
pub fn ChecklistResults() -> impl IntoView {
    let page = expect_context::<Page>();
    let state = expect_context::<AppState>();
    let (lang, unit, assessment) = (page.lang, page.unit, page.assessment);
    let results = Memo::new(move |_| {
        unit.with(|u| {
            u.as_ref()
                .map(|u| assessment.with(|a| checklist(u, a, lang.get())))
        })
    });
    let reorganise = move |_| {
        let (id, year) = (page.unit_id.get_untracked(), page.year.get_untracked());
        // Asked in the app's own dialog; recorded once confirmed.
        wasm_bindgen_futures::spawn_local(async move {
            if state
                .ask(
                    "Ghi nhận hợp tác xã đã tổ chức lại theo Luật HTX 2012 từ hôm nay? Việc này được tính vào chỉ tiêu T1.",
                    "Record the cooperative as reorganised under the 2012 law as of today? This counts towards target T1.",
                )
                .await
            {
                page.ws.update(|w| {
                    edit::mark_reorganised(w, &id, year, today());
                });
            }
        });
    };
    move || {
        results.get().map(|c| {
            let reorganisation = match c.reorganisation {
                Reorganisation::Done(date) => view! {
                    <p>
                        {words("Đã tổ chức lại theo Luật HTX 2012 ngày", "Reorganised under the 2012 law on")}
                        " " {date}
                    </p>
                }
                .into_any(),
                Reorganisation::Possible => view! {
                    <p>
                        {words(
                            "Đạt mọi quy định bắt buộc của Luật 2012 (chỉ tiêu T1).",
                            "Every mandatory 2012 rule passes (target T1).",
                        )}
                    </p>
                    <button type="button" on:click=reorganise>
                        {words(
                            "Ghi nhận đã tổ chức lại theo Luật 2012",
                            "Mark reorganised under the 2012 law",
                        )}
                    </button>
                }
                .into_any(),
                Reorganisation::NotYet { failed, open } => view! {
                    <p class="muted">
                        {words(
                            "Chưa thể ghi nhận tổ chức lại theo Luật 2012",
                            "Cannot be marked reorganised under the 2012 law yet",
                        )}
                        " (" {failed} " " {words("không đạt", "failed")} ", " {open} " "
                        {words("chưa rõ", "open")} ")"
                    </p>
                }
                .into_any(),
            };
            view! {
                <p class="summary" id="checklist-summary">{c.summary}</p>
                <Failures failures=c.failures/>
                <div class="table-scroll">
                    <table class="checklist">
                        <caption>{c.title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{words("Quy định", "Rule")}</th>
                                <th scope="col">{words("Căn cứ", "Citation")}</th>
                                <th scope="col">{words("Cách kiểm tra", "Check")}</th>
                                <th scope="col">{words("Kết quả", "Result")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {c
                                .rows
                                .into_iter()
                                .map(|r| {
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                {r.text}
                                                <small class="unverified">{r.unverified}</small>
                                            </th>
                                            <td>{r.citation}</td>
                                            <td>{r.how}</td>
                                            <td>
                                                <strong class=r.class>{r.word}</strong>
                                                <small>{r.detail}</small>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="reorganise">{reorganisation}</div>
            }
        })
    }
}
