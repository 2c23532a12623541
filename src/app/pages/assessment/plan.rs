//! Parts 3 and 4: the workspace's exemplary criteria and the cooperative's
//! readiness; the gaps without an action and the action plan, each action
//! under the gap it answers, keyed by its stable id.

use leptos::prelude::*;

use super::controls::{FieldConflict, FieldInput, FieldSelect};
use super::Page;
use crate::app::components::ForAny;
use crate::app::today::today;
use crate::app::words;
use crate::assessment::edit::{self, grade_key, ActionField, AssessmentField, ExemplaryField};
use crate::assessment::exemplary::readiness;
use crate::assessment::page::{action_rows, open_gaps, open_gaps_text};
use crate::assessment::shown::Shown;
use crate::assessment::{ActionStatus, ExemplaryCriteria, Grade};
use crate::i18n::{pick2, Lang};

/// The choices of a criterion in a language: `(value, text)`.
type Choices = fn(Lang) -> Vec<(&'static str, &'static str)>;

/// One of the exemplary criteria as a labelled select or input.
#[component]
fn Criterion(
    field: ExemplaryField,
    vi: &'static str,
    en: &'static str,
    /// `None`: a whole number typed.
    choices: Option<Choices>,
) -> impl IntoView {
    let page = expect_context::<Page>();
    let (ws, lang) = (page.ws, page.lang);
    let value =
        Memo::new(move |_| ws.with(|w| field.value(&ExemplaryCriteria::of(&w.exemplary_criteria))));
    let name = format!("ex:{}", field.key());
    let control = match choices {
        Some(choices) => view! {
            <select
                name=name
                on:change:target=move |ev| page.commit_exemplary(field, ev.target().value())
            >
                {move || {
                    choices(lang.get())
                        .into_iter()
                        .map(|(key, text)| {
                            view! {
                                <option value=key prop:selected=move || value.get() == key>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        }
        .into_any(),
        None => view! {
            <input
                name=name
                type="number"
                prop:value=value
                on:change:target=move |ev| page.commit_exemplary(field, ev.target().value())
            />
        }
        .into_any(),
    };
    view! {
        <label class="field">
            <span>{move || lang.get().pick(vi, en)}</span>
            {control}
        </label>
    }
}

fn grades(lang: Lang, asked: bool) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    if !asked {
        out.push(("", pick2(lang, "Không xét|Not asked")));
    }
    out.extend(Grade::ALL.map(|g| (grade_key(g), g.label(lang))));
    out
}

/// The workspace's exemplary criteria as a form.
#[component]
pub fn ExemplaryForm() -> impl IntoView {
    view! {
        <fieldset class="exemplary-criteria">
            <legend>
                {words("Điều kiện điển hình (sửa được)", "Exemplary criteria (editable)")}
            </legend>
            <Criterion
                field=ExemplaryField::Latest
                vi="Xếp loại năm đánh giá từ"
                en="Grade in the year at least"
                choices=Some(|lang| grades(lang, true))
            />
            <Criterion
                field=ExemplaryField::Previous
                vi="Xếp loại năm trước từ"
                en="Grade the year before at least"
                choices=Some(|lang| grades(lang, false))
            />
            <Criterion
                field=ExemplaryField::Years
                vi="Số năm có lãi liền (0: không xét)"
                en="Profitable years running (0: not asked)"
                choices=None
            />
            <Criterion
                field=ExemplaryField::Compliance
                vi="Tuân thủ mọi quy định bắt buộc"
                en="Every mandatory legal rule passed"
                choices=Some(|lang| {
                    vec![
                        ("true", pick2(lang, "Có|Yes")),
                        ("false", pick2(lang, "Không xét|Not asked")),
                    ]
                })
            />
        </fieldset>
    }
}

/// Readiness: each condition met, or what is missing.
#[component]
pub fn ReadinessPart() -> impl IntoView {
    let page = expect_context::<Page>();
    let (ws, unit, lang, year) = (page.ws, page.unit, page.lang, page.year);
    let shown = Memo::new(move |_| {
        unit.with(|u| {
            let u = u.as_ref()?;
            Some(ws.with(|w| {
                readiness(
                    w,
                    u,
                    year.get(),
                    &ExemplaryCriteria::of(&w.exemplary_criteria),
                    lang.get(),
                )
            }))
        })
    });
    move || {
        shown.get().map(|r| {
            let verdict = if r.is_ready() {
                words(
                    "Sẵn sàng đề xuất điển hình tiên tiến (ứng viên chỉ tiêu T8).",
                    "Ready to be put forward as exemplary (a T8 candidate).",
                )
            } else {
                words(
                    "Chưa sẵn sàng đề xuất điển hình tiên tiến.",
                    "Not yet ready to be put forward as exemplary.",
                )
            };
            view! {
                <p class="summary" id="readiness-verdict">{verdict}</p>
                <ul class="conditions">
                    {r
                        .conditions
                        .into_iter()
                        .map(|c| {
                            if c.met {
                                view! { <li class="ok"><strong>"✓ "</strong>{c.text}</li> }.into_any()
                            } else {
                                view! {
                                    <li class="fail">
                                        <strong>"✗ "</strong>{c.text} " — " {c.detail}
                                    </li>
                                }
                                .into_any()
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}

/// How many gaps have no action yet.
#[component]
pub fn GapsPart() -> impl IntoView {
    let page = expect_context::<Page>();
    let (unit, assessment, lang) = (page.unit, page.assessment, page.lang);
    let open = Memo::new(move |_| {
        unit.with(|u| {
            u.as_ref()
                .map_or(0, |u| assessment.with(|a| open_gaps(u, a)))
        })
    });
    move || {
        let open = open.get();
        let text = open_gaps_text(open, lang.get());
        if open == 0 {
            view! { <p class="muted">{text}</p> }.into_any()
        } else {
            view! { <p>{text}</p> }.into_any()
        }
    }
}

/// The button that adds the proposed actions, and the plan as a form.
#[component]
pub fn ActionsForm() -> impl IntoView {
    let page = expect_context::<Page>();
    let (unit, assessment, lang) = (page.unit, page.assessment, page.lang);
    let rows = Memo::new(move |_| {
        unit.with(|u| {
            u.as_ref()
                .map(|u| assessment.with(|a| action_rows(u, a, lang.get())))
                .unwrap_or_default()
        })
    });
    let ids = Memo::new(move |_| rows.with(|r| r.iter().map(|r| r.id).collect::<Vec<u32>>()));
    let propose = move |_| {
        let (id, year) = (page.unit_id.get_untracked(), page.year.get_untracked());
        let lang = lang.get_untracked();
        page.ws
            .update(|w| _ = edit::propose_actions(w, &id, year, today(), lang));
        // Made here: the base of the next edits.
        page.ws
            .with_untracked(|w| page.shown.set(Shown::of(w, &id, year)));
    };
    // The button stays in place while the results above change: a click
    // right after typing a score first commits the score (its `change`).
    view! {
        <button type="button" class="propose" on:click=propose>
            {words(
                "Đưa các hành động đề xuất vào kế hoạch",
                "Add the proposed actions to the plan",
            )}
        </button>
        <Show
            when=move || ids.with(|i| !i.is_empty())
            fallback=|| {
                view! {
                    <p class="muted">
                        {words("Chưa có hành động nào trong kế hoạch.", "No action in the plan yet.")}
                    </p>
                }
            }
        >
            <div class="table-scroll">
                <table class="actions">
                    <caption>{words("Kế hoạch hành động", "Action plan")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{words("Điểm cần khắc phục", "Gap")}</th>
                            <th scope="col">{words("Hành động", "Action")}</th>
                            <th scope="col">{words("Người phụ trách", "Owner")}</th>
                            <th scope="col">{words("Hạn", "Due")}</th>
                            <th scope="col">{words("Tình trạng", "Status")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <ForAny each=move || ids.get() key=|id| *id let(id)>
                            <ActionRowForm id rows/>
                        </ForAny>
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

/// One action's row: its gap, then its fields, labelled by its place.
#[component]
fn ActionRowForm(id: u32, rows: Memo<Vec<crate::assessment::page::ActionRow>>) -> impl IntoView {
    let lang = expect_context::<Page>().lang;
    let number =
        Memo::new(move |_| rows.with(|r| r.iter().find(|r| r.id == id).map_or(0, |r| r.number)));
    let gap = move || {
        rows.with(|r| {
            r.iter()
                .find(|r| r.id == id)
                .map(|r| r.gap.clone())
                .unwrap_or_default()
        })
    };
    let label = move |vi: &'static str, en: &'static str| {
        Signal::derive(move || format!("{} {}", lang.get().pick(vi, en), number.get()))
    };
    let field = |f| AssessmentField::Action(id, f);
    let statuses = Signal::derive(move || {
        let lang = lang.get();
        ActionStatus::ALL
            .iter()
            .map(|s| (s.key(), s.label(lang).to_owned()))
            .collect::<Vec<_>>()
    });
    view! {
        <tr>
            <th scope="row">{gap}</th>
            <td>
                <FieldInput field=field(ActionField::Action) label=label("Hành động", "Action") aria=true/>
                <FieldConflict field=field(ActionField::Action)/>
            </td>
            <td>
                <FieldInput field=field(ActionField::Owner) label=label("Người phụ trách", "Owner") aria=true/>
                <FieldConflict field=field(ActionField::Owner)/>
            </td>
            <td>
                <FieldInput field=field(ActionField::Due) kind="date" label=label("Hạn", "Due") aria=true/>
                <FieldConflict field=field(ActionField::Due)/>
            </td>
            <td>
                <FieldSelect
                    field=field(ActionField::Status)
                    choices=statuses
                    label=label("Tình trạng", "Status")
                    aria=true
                />
                <FieldConflict field=field(ActionField::Status)/>
            </td>
        </tr>
    }
}
