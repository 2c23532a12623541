//! Editing the plan's targets, the T6 reading, districts and sectors. Edits
//! go into a draft ([`crate::edit::plan_draft::PlanDraft`]) checked as a whole
//! ([`crate::domain::plan_validation`]); only a draft without errors replaces the
//! plan, and warnings are shown and kept.
//!
//! Another tab's (or another form's) save of the plan is merged into the
//! draft field by field as soon as it is heard of; a field changed on both
//! sides waits for the user's choice, and Save waits for every choice.

use leptos::prelude::*;

use crate::app::browser::focus;
use crate::app::components::conflict_choice::ConflictChoice;
use crate::app::components::ForAny;
use crate::app::components::{keyed_table, keys_of};
use crate::app::state::AppState;
use crate::app::words;
use crate::domain::plan_validation::{check_plan, PlanIssue};
use crate::edit::plan_draft::{Field, Part, PlanDraft};
use crate::edit::plan_form::{
    add_sector, conflict_id, field_message, general_issues, target_rows, TargetRow,
};

/// What the editor shares with its parts: the draft and its messages.
#[derive(Clone, Copy)]
struct Editor {
    draft: RwSignal<PlanDraft>,
    issues: Memo<Vec<PlanIssue>>,
}

impl Editor {
    /// What the control of `field` shows.
    fn text(self, field: Field) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        let lang = expect_context::<AppState>().lang;
        let field = StoredValue::new(field);
        let draft = self.draft;
        move || draft.with(|d| field.with_value(|f| d.text(f, lang.get())))
    }

    /// Puts what was typed into `field` into the draft.
    fn input(self, field: Field) -> impl Fn(String) + Copy + Send + Sync + 'static {
        let lang = expect_context::<AppState>().lang;
        let field = StoredValue::new(field);
        let draft = self.draft;
        move |text: String| {
            draft.update(|d| {
                field.with_value(|f| d.input(f, &text, lang.get_untracked()));
            })
        }
    }

    /// The choice beside `field`, shown while it is in conflict.
    fn conflict(self, field: Field) -> impl IntoView {
        let lang = expect_context::<AppState>().lang;
        let id = conflict_id(&field);
        let stored = StoredValue::new(field);
        let draft = self.draft;
        let text = Signal::derive(move || {
            draft.with(|d| stored.with_value(|f| d.conflict_text(f, lang.get())))
        });
        let on_choose = Callback::new(move |keep_mine: bool| {
            draft.update(|d| {
                stored.with_value(|f| d.choose(f, keep_mine));
            })
        });
        view! { <ConflictChoice id text on_choose/> }
    }
}

#[component]
pub fn PlanEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let stored_plan = move || state.workspace.with_untracked(|w| w.plan.clone());
    let draft = RwSignal::new(PlanDraft::new(&stored_plan()));
    let opened_id = StoredValue::new(state.workspace.with_untracked(|w| w.id.clone()));
    // Set when another tab's save changed what this editor shows.
    let heard = RwSignal::new(false);
    let reset = move || {
        draft.set(PlanDraft::new(&stored_plan()));
        heard.set(false);
    };
    // The plan as stored now merged into the draft, field by field: the
    // editor says so when another save changed it.
    let merge_stored = move || {
        let found = state
            .workspace
            .with_untracked(|w| draft.try_update(|d| d.rebase(&w.plan)))
            .unwrap_or_default();
        if found.changed_elsewhere() {
            heard.set(true);
        }
    };
    // Another plan (another workspace, an import) resets the draft; a save
    // of this plan elsewhere (another tab, another form) is merged into it.
    Effect::watch(
        move || state.workspace.track(),
        move |_, _, _| {
            let id = state.workspace.with_untracked(|w| w.id.clone());
            if opened_id.with_value(|o| *o != id) {
                opened_id.set_value(id);
                reset();
                return;
            }
            merge_stored();
        },
        false,
    );
    let issues = Memo::new(move |_| draft.with(|d| check_plan(&d.draft)));
    let editor = Editor { draft, issues };
    let changed = Memo::new(move |_| draft.with(PlanDraft::is_changed));
    let in_conflict = Memo::new(move |_| draft.with(|d| !d.conflicts().is_empty()));
    let has_errors = Memo::new(move |_| issues.with(|i| i.iter().any(PlanIssue::is_error)));
    let status = move || {
        let lang = lang.get();
        if in_conflict.get() {
            lang.pick(
                "Chưa lưu: hãy chọn giá trị cho các ô được sửa ở cả hai tab.",
                "Not saved: choose a value for the fields changed in both tabs.",
            )
        } else if has_errors.get() {
            lang.pick(
                "Còn lỗi: chưa thể lưu.",
                "There are errors: it cannot be saved yet.",
            )
        } else if changed.get() {
            lang.pick("Có thay đổi chưa lưu.", "Unsaved changes.")
        } else {
            ""
        }
    };
    let notice = move || {
        if heard.get() {
            lang.get().pick(
                "Tab khác vừa lưu thay đổi cho mục này; giá trị bạn chưa sửa đã được cập nhật.",
                "Another tab just saved changes to this; the values you had not changed were updated.",
            )
        } else {
            ""
        }
    };
    let save = move |_| {
        if has_errors.get_untracked() {
            return;
        }
        // Onto the plan as it is stored now: a save made elsewhere since
        // the last merge is merged first, and a new conflict stops here.
        merge_stored();
        let Some(plan) = draft.with_untracked(PlanDraft::to_save) else {
            return;
        };
        state.workspace.update(|w| w.plan = plan);
        heard.set(false);
    };
    let rows = Memo::new(move |_| draft.with(|d| target_rows(&d.draft, lang.get())));
    let general = Memo::new(move |_| issues.with(|i| general_issues(i, lang.get())));

    view! {
        <h2 id="plan-editor-title">{words("Sửa các chỉ tiêu", "Edit the targets")}</h2>
        <p class="form-notice" id="plan-notice" role="status">{notice}</p>
        <div class="plan-form">
            {keyed_table(
                &[
                    ("Chỉ tiêu", "Target"),
                    ("So sánh", "Comparator"),
                    ("Mức", "Value"),
                    ("Cận trên", "Band up to"),
                    ("Thời hạn", "Deadline"),
                ],
                rows,
                |r| r.id.as_str(),
                move |id, row| view! { <TargetRowEditor row id editor/> },
            )}
            <ReadingChoice editor/>
            <div class="columns">
                <div>
                    <label class="stacked" for="districts-editor">
                        {words("Quận, huyện (mỗi dòng một tên)", "Districts (one per line)")}
                    </label>
                    <textarea
                        id="districts-editor"
                        rows="8"
                        prop:value=editor.text(Field::Districts)
                        on:input:target={
                            let input = editor.input(Field::Districts);
                            move |ev| input(ev.target().value())
                        }
                    ></textarea>
                    {editor.conflict(Field::Districts)}
                </div>
                <div>
                    <SectorsEditor editor/>
                </div>
            </div>
            <ul class="issues" id="plan-msg-general">
                <ForAny
                    each=move || general.get().into_iter().enumerate()
                    key=|(i, issue)| (*i, issue.error, issue.text.clone())
                    let((_, issue))
                >
                    <li class=issue.class()>{issue.text.clone()}</li>
                </ForAny>
            </ul>
        </div>
        <div class="form-actions">
            <button
                type="button"
                disabled=move || !changed.get() || has_errors.get() || in_conflict.get()
                // Held back by a reload to a new version (components::update).
                attr:data-unsaved=move || changed.get().then_some("")
                on:click=save
            >
                {words("Lưu thay đổi kế hoạch", "Save the plan changes")}
            </button>
            <button
                type="button"
                class="secondary"
                disabled=move || !changed.get()
                on:click=move |_| reset()
            >
                {words("Hủy thay đổi", "Discard the changes")}
            </button>
            <span class="form-status" role="status">{status}</span>
        </div>
    }
}

/// One target's row: comparator, value, band and deadline, each with its
/// label, message and choice.
#[component]
fn TargetRowEditor(id: String, row: Signal<TargetRow>, editor: Editor) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let field = |part| Field::Target(id.clone(), part);
    let control_id = |part: Part| format!("target-{id}-{}", part_name(part));
    let label = move |n: usize| move || row.with(|r| r.labels[n].clone());
    let rising = move || row.with(|r| r.rising);
    let message = |part: Part| {
        let id = StoredValue::new(id.clone());
        let draft = editor.draft;
        let issues = editor.issues;
        move || {
            draft.with(|d| {
                issues
                    .with(|i| id.with_value(|id| field_message(&d.draft, i, id, part, lang.get())))
            })
        }
    };
    let comparator = editor.text(field(Part::Comparator));
    let set_comparator = editor.input(field(Part::Comparator));
    let set_deadline = editor.input(field(Part::Deadline));
    let number = |part: Part, label_index: usize| {
        let input = editor.input(field(part));
        view! {
            <td>
                <label class="visually-hidden" for=control_id(part)>{label(label_index)}</label>
                <input
                    id=control_id(part)
                    type="text"
                    inputmode="decimal"
                    size="6"
                    disabled=rising
                    prop:value=editor.text(field(part))
                    on:input:target=move |ev| input(ev.target().value())
                />
                {(part == Part::Value).then(|| view! { " " {move || row.with(|r| r.unit)} })}
                <span id=format!("plan-msg-{id}-{}", part_name(part)) class="field-error" role="alert">
                    {message(part)}
                </span>
                {editor.conflict(field(part))}
            </td>
        }
    };
    view! {
        <tr>
            <th scope="row">{move || row.with(|r| r.heading.clone())}</th>
            <td>
                <label class="visually-hidden" for=control_id(Part::Comparator)>{label(0)}</label>
                <select
                    id=control_id(Part::Comparator)
                    disabled=rising
                    on:change:target=move |ev| set_comparator(ev.target().value())
                >
                    {move || {
                        if rising() {
                            view! { <option selected>{words("tăng dần", "rising")}</option> }.into_any()
                        } else {
                            view! {
                                <option value="at_least" prop:selected=move || comparator() == "at_least">
                                    "≥"
                                </option>
                                <option value="more_than" prop:selected=move || comparator() == "more_than">
                                    ">"
                                </option>
                            }
                                .into_any()
                        }
                    }}
                </select>
                {editor.conflict(field(Part::Comparator))}
            </td>
            {number(Part::Value, 1)}
            {number(Part::Band, 2)}
            <td>
                <label class="visually-hidden" for=control_id(Part::Deadline)>{label(3)}</label>
                <input
                    id=control_id(Part::Deadline)
                    type="date"
                    prop:value=editor.text(field(Part::Deadline))
                    on:change:target=move |ev| set_deadline(ev.target().value())
                />
                <span id=format!("plan-msg-{id}-deadline") class="field-warning" role="alert">
                    {message(Part::Deadline)}
                </span>
                {editor.conflict(field(Part::Deadline))}
            </td>
        </tr>
    }
}

fn part_name(part: Part) -> &'static str {
    match part {
        Part::Comparator => "comparator",
        Part::Value => "value",
        Part::Band => "band",
        Part::Deadline => "deadline",
    }
}

/// The reading of T6: of the trained managers, or of all of them.
#[component]
fn ReadingChoice(editor: Editor) -> impl IntoView {
    let reading = editor.text(Field::Reading);
    let input = editor.input(Field::Reading);
    let choice = move |value: &'static str, text| {
        view! {
            <label class="inline">
                <input
                    type="radio"
                    name="reading"
                    value=value
                    prop:checked=move || reading() == value
                    on:change=move |_| input(value.to_owned())
                />
                " "
                {text}
            </label>
        }
    };
    view! {
        <fieldset>
            <legend>
                {words(
                    "Cách hiểu chỉ tiêu T6 (70% cao đẳng trở lên)",
                    "Reading of T6 (70 % college or above)",
                )}
            </legend>
            {choice(
                "of_trained",
                words("70% của số cán bộ đã được đào tạo (mặc định)", "70 % of the trained managers (default)"),
            )}
            {choice("of_all", words("70% của tất cả cán bộ quản lý", "70 % of all key managers"))}
            {editor.conflict(Field::Reading)}
        </fieldset>
    }
}

/// The plan's sectors, named in both languages, and a new one added by
/// name.
#[component]
fn SectorsEditor(editor: Editor) -> impl IntoView {
    let draft = editor.draft;
    let new_sector = RwSignal::new(String::new());
    let add = move || {
        let name = new_sector.get_untracked();
        let mut added = false;
        draft.update(|d| added = add_sector(&mut d.draft, &name));
        if added {
            new_sector.set(String::new());
            focus("new-sector");
        }
    };
    let ids = move || draft.with(|d| keys_of(d.draft.sectors.iter().map(|s| s.id.as_str())));
    view! {
        <table>
            <caption>{words("Lĩnh vực", "Sectors")}</caption>
            <thead>
                <tr>
                    <th scope="col">{words("Mã", "Key")}</th>
                    <th scope="col">{words("Tiếng Việt", "Vietnamese")}</th>
                    <th scope="col">{words("Tiếng Anh", "English")}</th>
                </tr>
            </thead>
            <tbody>
                <ForAny each=ids key=|key| key.clone() let((id, _))>
                    <tr>
                        <td><code>{id.clone()}</code></td>
                        <SectorName id=id.clone() name_lang=crate::i18n::Lang::Vi draft/>
                        <SectorName id name_lang=crate::i18n::Lang::En draft/>
                    </tr>
                </ForAny>
            </tbody>
        </table>
        <label class="inline" for="new-sector">{words("Lĩnh vực mới", "New sector")}</label>
        <input
            id="new-sector"
            type="text"
            prop:value=move || new_sector.get()
            on:input:target=move |ev| new_sector.set(ev.target().value())
            on:keydown=move |ev| {
                if ev.key() == "Enter" {
                    ev.prevent_default();
                    add();
                }
            }
        />
        " "
        <button type="button" class="secondary" on:click=move |_| add()>
            {words("Thêm", "Add")}
        </button>
        {editor.conflict(Field::Sectors)}
    }
}

/// A sector's name in one language, as typed.
#[component]
fn SectorName(
    id: String,
    name_lang: crate::i18n::Lang,
    draft: RwSignal<PlanDraft>,
) -> impl IntoView {
    let control_id = format!("sector-{id}-{}", name_lang.tag());
    let label = match name_lang {
        crate::i18n::Lang::Vi => words("Tên tiếng Việt của lĩnh vực", "Vietnamese name of sector"),
        crate::i18n::Lang::En => words("Tên tiếng Anh của lĩnh vực", "English name of sector"),
    };
    let id = StoredValue::new(id);
    let value = move || {
        draft.with(|d| {
            id.with_value(|id| {
                d.draft
                    .sectors
                    .iter()
                    .find(|s| &s.id == id)
                    .map(|s| s.name.get(name_lang).to_owned())
                    .unwrap_or_default()
            })
        })
    };
    view! {
        <td>
            <label class="visually-hidden" for=control_id.clone()>
                {label} " " {id.get_value()}
            </label>
            <input
                id=control_id
                type="text"
                prop:value=value
                on:input:target=move |ev| {
                    let name = ev.target().value();
                    draft.update(|d| {
                        id.with_value(|id| d.rename_sector(id, name_lang, &name));
                    });
                }
            />
        </td>
    }
}
