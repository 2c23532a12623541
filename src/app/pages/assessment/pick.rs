//! Picking the cooperative, the year, the assessment date and the rule set
//! viewed; or, in a workspace without a cooperative, a short form that
//! creates one.

use leptos::prelude::*;

use super::controls::{FieldConflict, FieldInput, LabelledSelect};
use super::Page;
use crate::app::components::ForAny;
use crate::app::today::today;
use crate::app::words;
use crate::assessment::edit::{self, cooperatives, AssessmentField, NewCooperative};
use crate::assessment::page::law_choices;

#[component]
pub fn PickForm() -> impl IntoView {
    let page = expect_context::<Page>();
    let ws = page.ws;
    let any = Memo::new(move |_| ws.with(|w| cooperatives(w).next().is_some()));
    move || {
        if any.get() {
            view! {
                <div class="pick">
                    <UnitSelect/>
                    <YearSelect/>
                    <DateAndLaw/>
                </div>
            }
            .into_any()
        } else {
            // The year assessed is chosen here too: the new cooperative's
            // figures (its members) are kept under it.
            view! {
                <div class="pick">
                    <YearSelect/>
                </div>
                <CreateForm/>
            }
            .into_any()
        }
    }
}

#[component]
fn UnitSelect() -> impl IntoView {
    let page = expect_context::<Page>();
    let ws = page.ws;
    let units = Memo::new(move |_| {
        ws.with(|w| {
            cooperatives(w)
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <label class="field">
            <span>{words("Hợp tác xã", "Cooperative")}</span>
            <select name="unit" on:change:target=move |ev| page.chosen_unit.set(ev.target().value())>
                <ForAny each=move || units.get() key=|u| u.clone() let((id, name))>
                    {
                        let shown = id.clone();
                        view! {
                            <option value=id prop:selected=move || page.unit_id.with(|u| *u == shown)>
                                {name}
                            </option>
                        }
                    }
                </ForAny>
            </select>
        </label>
    }
}

#[component]
fn YearSelect() -> impl IntoView {
    let page = expect_context::<Page>();
    let ws = page.ws;
    let years = Memo::new(move |_| {
        ws.with(|w| edit::assessed_years(w, today()).rev().collect::<Vec<i32>>())
    });
    view! {
        <label class="field">
            <span>{words("Năm đánh giá", "Year assessed")}</span>
            <select
                name="year"
                on:change:target=move |ev| {
                    if let Ok(year) = ev.target().value().parse::<i32>() {
                        crate::app::storage::save_assessment_year(year);
                        page.year.set(year);
                    }
                }
            >
                <ForAny each=move || years.get() key=|y| *y let(y)>
                    <option value=y.to_string() prop:selected=move || page.year.get() == y>
                        {y.to_string()}
                    </option>
                </ForAny>
            </select>
        </label>
    }
}

/// The assessment date, which decides the law in force, and the rule set
/// viewed.
#[component]
fn DateAndLaw() -> impl IntoView {
    let page = expect_context::<Page>();
    let lang = page.lang;
    let assessment = page.assessment;
    let date_label = Signal::derive(move || {
        lang.get()
            .pick("Ngày đánh giá", "Assessment date")
            .to_owned()
    });
    let laws = Memo::new(move |_| {
        let on = assessment.with(|a| a.assessed_on);
        law_choices(on, lang.get())
            .into_iter()
            .map(|(law, text)| (law.key(), text))
            .collect::<Vec<_>>()
    });
    let law_label = Signal::derive(move || lang.get().pick("Bộ quy định", "Rule set").to_owned());
    view! {
        <label class="field">
            <span>{move || date_label.get()}</span>
            <FieldInput field=AssessmentField::Date kind="date" label=date_label/>
        </label>
        <FieldConflict field=AssessmentField::Date/>
        <LabelledSelect field=AssessmentField::Law label=law_label choices=laws/>
    }
}

/// The short form that creates a cooperative; its members are kept under
/// the year chosen.
#[component]
fn CreateForm() -> impl IntoView {
    let page = expect_context::<Page>();
    let draft = RwSignal::new(NewCooperative::default());
    let create = move |_| {
        let lang = page.lang.get_untracked();
        let year = page.year.get_untracked();
        let mut created = Err(String::new());
        draft.with_untracked(|d| page.ws.update(|w| created = d.create(w, year, lang)));
        match created {
            Ok(id) => {
                page.message.set(String::new());
                page.chosen_unit.set(id);
            }
            Err(error) => page.message.set(error),
        }
    };
    view! {
        <fieldset class="create-coop">
            <legend>{words("Tạo hợp tác xã", "Create a cooperative")}</legend>
            <label class="field">
                <span>{words("Tên hợp tác xã", "Cooperative name")}</span>
                <input
                    id="new-name"
                    type="text"
                    prop:value=move || draft.with(|d| d.name.clone())
                    on:input:target=move |ev| draft.update(|d| d.name = ev.target().value())
                />
            </label>
            <label class="field">
                <span>{words("Mã số HTX", "Registration code")}</span>
                <input
                    id="new-code"
                    type="text"
                    prop:value=move || draft.with(|d| d.code.clone())
                    on:input:target=move |ev| draft.update(|d| d.code = ev.target().value())
                />
            </label>
            <label class="field">
                <span>{words("Số thành viên", "Members")}</span>
                <input
                    id="new-members"
                    type="text"
                    inputmode="numeric"
                    prop:value=move || draft.with(|d| d.members.clone())
                    on:input:target=move |ev| draft.update(|d| d.members = ev.target().value())
                />
            </label>
            <button type="button" on:click=create>{words("Tạo", "Create")}</button>
        </fieldset>
    }
}
