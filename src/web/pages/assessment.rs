//! Tự đánh giá: a cooperative manager's self-assessment (legal checklist,
//! classification under Thông tư 01/2020/TT-BKHĐT, exemplary readiness,
//! action plan, printable report).
//!
//! Everything on the page is HTML text written by
//! [`crate::assessment::page`]. The forms are rewritten only when their
//! shape changes (another cooperative, year, language, rule set, new
//! actions), so typing never loses focus; the results are rewritten after
//! every edit. One `change` and one `click` handler serve every control:
//! they pass the control's `name` and value to [`page::apply`].

use chrono::Datelike;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::assessment::page;
use crate::assessment::{find, Assessment};
use crate::web::state::AppState;
use crate::web::today::today;

/// The forms of the page, as HTML text.
#[derive(Clone, Default, PartialEq)]
struct Forms {
    pick: String,
    facts: String,
    answers: String,
    scores: String,
    exemplary: String,
    actions: String,
}

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let ws = state.workspace;
    // The cooperative and year asked for; an unknown id means the first
    // cooperative.
    let chosen = RwSignal::new((String::new(), today().year() - 1));
    // Bumped when the forms must be rewritten although the selection did
    // not change (a cooperative created, the rule set switched, actions
    // added).
    let shape = RwSignal::new(0u32);
    let message = RwSignal::new(String::new());
    let drafts = StoredValue::new(Vec::<(String, String)>::new());

    let current = Memo::new(move |_| {
        let (id, year) = chosen.get();
        let id = ws.with(|w| {
            let known = page::cooperatives(w).any(|u| u.id == id);
            if known {
                id
            } else {
                page::cooperatives(w)
                    .next()
                    .map(|u| u.id.clone())
                    .unwrap_or_default()
            }
        });
        (id, year)
    });
    let workspace_key = Memo::new(move |_| ws.with(|w| (w.id.clone(), w.units.len())));
    let forms = Memo::new(move |_| {
        shape.track();
        workspace_key.track();
        let (id, year) = current.get();
        let lang = lang.get();
        ws.with_untracked(|w| {
            let mut forms = Forms {
                pick: page::pick_form_html(w, &id, year, today(), lang),
                exemplary: page::exemplary_form_html(&w.exemplary_criteria, lang),
                ..Forms::default()
            };
            let Some(unit) = w.unit(&id) else {
                return forms;
            };
            let blank;
            let a = match find(w, &id, year) {
                Some(a) => a,
                None => {
                    blank = Assessment::new(id.as_str(), year, page::default_date(year, today()));
                    &blank
                }
            };
            forms.facts = page::facts_form_html(a, lang);
            forms.answers = page::answers_form_html(a, lang);
            forms.scores = page::scores_form_html(unit, a, lang);
            forms.actions = page::actions_form_html(unit, a, lang);
            forms
        })
    });
    // A result written from the unit and its assessment (blank if none).
    let result = move |write: fn(
        &crate::workspace::Workspace,
        &crate::unit::Unit,
        &Assessment,
        crate::i18n::Lang,
    ) -> String| {
        move || {
            let (id, year) = current.get();
            let lang = lang.get();
            ws.with(|w| {
                let Some(unit) = w.unit(&id) else {
                    return String::new();
                };
                match find(w, &id, year) {
                    Some(a) => write(w, unit, a, lang),
                    None => write(
                        w,
                        unit,
                        &Assessment::new(id.as_str(), year, page::default_date(year, today())),
                        lang,
                    ),
                }
            })
        }
    };
    let checklist = result(|_, u, a, lang| page::checklist_html(u, a, lang));
    let classification = result(page::classification_html);
    let readiness = result(|w, u, a, lang| page::readiness_html(w, u, a.year, lang));
    let gaps = result(|_, u, a, lang| page::gaps_html(u, a, lang));
    let report = result(|_, u, a, lang| page::report_html(u, a, lang));

    let on_change = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target() else {
            return;
        };
        // Inputs and selects alike: `name`, `value` and `checked` are read
        // as properties.
        let control: web_sys::HtmlInputElement = target.unchecked_into();
        let name = control.name();
        let value = if control.type_() == "checkbox" {
            control.checked().to_string()
        } else {
            control.value()
        };
        if name == "unit" {
            chosen.update(|c| c.0 = value);
            return;
        }
        if name == "year" {
            chosen.update(|c| c.1 = value.parse().unwrap_or(c.1));
            return;
        }
        if let Some(field) = name.strip_prefix("new:") {
            drafts.update_value(|d| {
                d.retain(|(k, _)| k != field);
                d.push((field.to_owned(), value));
            });
            return;
        }
        let (id, year) = current.get_untracked();
        let lang = lang.get_untracked();
        let mut outcome = Ok(());
        ws.update(|w| outcome = page::apply(w, &id, year, today(), &name, &value, lang));
        match outcome {
            Ok(()) => {
                let _ = control.remove_attribute("aria-invalid");
                message.set(String::new());
            }
            Err(error) => {
                let _ = control.set_attribute("aria-invalid", "true");
                let label = control
                    .get_attribute("aria-label")
                    .unwrap_or_else(|| name.clone());
                message.set(format!("{label}: {error}"));
            }
        }
        if name == "law" {
            shape.update(|s| *s += 1);
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(act) = ev
            .target()
            .map(|t| t.unchecked_into::<web_sys::Element>())
            .and_then(|e| e.get_attribute("data-act"))
        else {
            return;
        };
        let (id, year) = current.get_untracked();
        let lang = lang.get_untracked();
        match act.as_str() {
            "create" => {
                let draft = |key: &str| {
                    drafts.with_value(|d| {
                        d.iter()
                            .find(|(k, _)| k == key)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default()
                    })
                };
                let (name, code, members) = (draft("name"), draft("code"), draft("members"));
                let mut created = Err(String::new());
                ws.update(|w| {
                    created = page::create_cooperative(w, &name, &code, &members, year, lang)
                });
                match created {
                    Ok(new_id) => chosen.update(|c| c.0 = new_id),
                    Err(error) => message.set(error),
                }
            }
            "propose" => {
                ws.update(|w| {
                    page::propose_actions(w, &id, year, today(), lang);
                });
                shape.update(|s| *s += 1);
            }
            "reorganise" => {
                if state.confirm(
                    "Ghi nhận hợp tác xã đã tổ chức lại theo Luật HTX 2012 từ hôm nay? Việc này được tính vào chỉ tiêu T1.",
                    "Record the cooperative as reorganised under the 2012 law as of today? This counts towards target T1.",
                ) {
                    ws.update(|w| {
                        page::mark_reorganised(w, &id, year, today());
                    });
                }
            }
            "print" => {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            }
            _ => {}
        }
    };

    let text = move |vi: &'static str, en: &'static str| move || lang.get().pick(vi, en);
    let form = move |get: fn(&Forms) -> String| move || forms.with(get);
    view! {
        <section class="page assessment-page" aria-labelledby="assessment-title" on:change=on_change on:click=on_click>
            <h1 id="assessment-title">{text("Tự đánh giá hợp tác xã", "Cooperative self-assessment")}</h1>
            <div inner_html=form(|f| f.pick.clone())></div>
            <p class="field-error assessment-message" role="alert">{move || message.get()}</p>
            <section aria-labelledby="checklist-title">
                <h2 id="checklist-title">{text("1. Tuân thủ pháp luật", "1. Legal compliance")}</h2>
                <div inner_html=form(|f| f.facts.clone())></div>
                <div inner_html=form(|f| f.answers.clone())></div>
                <div inner_html=checklist></div>
            </section>
            <section aria-labelledby="scores-title">
                <h2 id="scores-title">{text("2. Xếp loại (Thông tư 01/2020/TT-BKHĐT)", "2. Classification (Circular 01/2020/TT-BKHĐT)")}</h2>
                <div inner_html=form(|f| f.scores.clone())></div>
                <div inner_html=classification></div>
            </section>
            <section aria-labelledby="exemplary-title">
                <h2 id="exemplary-title">{text("3. Sẵn sàng điển hình tiên tiến", "3. Exemplary readiness")}</h2>
                <div inner_html=form(|f| f.exemplary.clone())></div>
                <div inner_html=readiness></div>
            </section>
            <section aria-labelledby="actions-title">
                <h2 id="actions-title">{text("4. Kế hoạch hành động", "4. Action plan")}</h2>
                <div inner_html=gaps></div>
                <div inner_html=form(|f| f.actions.clone())></div>
            </section>
            <section class="report-section" aria-labelledby="print-title">
                <h2 id="print-title">{text("5. Báo cáo (một trang A4)", "5. Report (one A4 page)")}</h2>
                <button type="button" data-act="print">{text("In báo cáo", "Print the report")}</button>
                <div inner_html=report></div>
            </section>
        </section>
    }
}
