//! The plan's tasks: who leads, by when, how far along, and which are
//! overdue as of the chosen date. Filter by agency and status; add, edit
//! and delete tasks (the plan's appendix is not in our copy, so users enter
//! them), change a status, and keep a dated progress log.
//!
//! The table and the form are written by [`crate::task_form`]; this
//! part keeps the filter and the task being edited, and listens once
//! per container.

use web_sys::Element;

use crate::field_merge::{KEEP, TAKE};
use crate::i18n::Text;
use crate::task::TaskStatus;
use crate::task_form::{self, Filter, TaskDraft, TaskEdit, TaskSave, ERROR_SLOT, FIELDS};
use crate::web::dom::{
    action, after_redraw, event_element, fill_slots, focus_first, focus_later, input_value,
    name_and_value,
};
use crate::web::state::AppState;
use crate::web::ui::*;

/// Writes the tracker into `root` (a `<section>`).
pub fn mount(root: &Element) {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let filter = RwSignal::new(Filter::default());
    // The task being edited, by its id (`None`: adding one), never its
    // position, which another tab's delete moves, with the fields as the
    // form opened them; and a count of the times the form must be written
    // again.
    let edit = StoredValue::new(TaskEdit::default());
    let form_layout = RwSignal::new(0u32);
    let draft = StoredValue::new(TaskDraft::default());
    // What the form last said about a save elsewhere (another tab) of the
    // task it edits.
    let heard = RwSignal::new(None::<Text>);
    Effect::watch(
        move || state.workspace.track(),
        move |_, _, _| {
            let (Some(id), opened) = edit.with_value(|e| (e.id.clone(), e.opened.clone())) else {
                return;
            };
            let news = state
                .workspace
                .with_untracked(|w| task_form::heard(&w.plan, &id, &opened));
            if news.is_some() && news != heard.get_untracked() {
                let text = news
                    .as_ref()
                    .map(|t| t.get(lang.get_untracked()).to_owned())
                    .unwrap_or_default();
                fill_slots(&[(task_form::HEARD_SLOT.to_owned(), text)], "");
                heard.set(news);
                let deleted = state
                    .workspace
                    .with_untracked(|w| task_form::find(&w.plan, &id).is_none());
                if deleted && !edit.with_value(|e| e.gone) {
                    // Gone for good (its id may be given to another task),
                    // and the form offers at once to add it as new, with
                    // what is typed.
                    draft.set_value(typed());
                    edit.update_value(|e| e.gone = true);
                    form_layout.update(|n| *n += 1);
                }
            }
        },
        false,
    );

    let table_html = move || {
        let (lang, as_of) = (lang.get(), state.as_of.get());
        filter.with(|filter| {
            state
                .workspace
                .with(|w| task_form::tasks_html(&w.plan, filter, as_of, lang))
        })
    };
    let on_change = move |ev: web_sys::Event| {
        let Some((name, value)) = name_and_value(&ev) else {
            return;
        };
        match name.split_once(':') {
            None if name == "filter-agency" => filter.update(|f| f.agency = value),
            None if name == "filter-status" => {
                filter.update(|f| f.status = TaskStatus::from_stored_key(&value))
            }
            Some(("status", id))
                if state
                    .workspace
                    .with_untracked(|w| task_form::find(&w.plan, id).is_some()) =>
            {
                state.workspace.update(|w| {
                    task_form::set_status(&mut w.plan, id, &value);
                });
            }
            _ => {}
        }
    };
    let log_note = move |id: &str| {
        let note = input_value(&task_form::note_input_id(id)).unwrap_or_default();
        let date = state.as_of.get_untracked();
        if state
            .workspace
            .with_untracked(|w| task_form::find(&w.plan, id).is_some())
            && !note.trim().is_empty()
        {
            state.workspace.update(|w| {
                task_form::log_progress(&mut w.plan, id, date, &note);
            });
        }
    };
    let on_table_click = move |action: &str| {
        let Some((verb, id)) = action.split_once(':') else {
            return;
        };
        match verb {
            "log" => log_note(id),
            "edit" => {
                let Some((opened, task)) = state
                    .workspace
                    .with_untracked(|w| TaskEdit::of(&w.plan, id))
                else {
                    return;
                };
                heard.set(None);
                draft.set_value(task);
                edit.set_value(opened);
                form_layout.update(|n| *n += 1);
                focus_later("new-task-title");
            }
            KEEP | TAKE => {
                // The typed values stay; the chosen one is put in.
                draft.set_value(typed());
                edit.update_value(|e| draft.update_value(|d| e.choose(d, id, verb == KEEP)));
                form_layout.update(|n| *n += 1);
                focus_later("new-task-title");
            }
            "delete" => {
                let name = state.workspace.with_untracked(|w| {
                    task_form::find(&w.plan, id)
                        .map(|i| w.plan.tasks[i].title.get(lang.get_untracked()).to_owned())
                });
                let Some(name) = name else { return };
                let question = state
                    .lang
                    .get_untracked()
                    .pick("Xóa nhiệm vụ", "Delete the task");
                let asked = format!("{question} « {name} »?");
                if state.confirm(&asked, &asked) {
                    if state
                        .workspace
                        .with_untracked(|w| task_form::find(&w.plan, id).is_some())
                    {
                        state.workspace.update(|w| {
                            task_form::delete(&mut w.plan, id);
                        });
                    }
                    // A form editing the deleted task starts over; one
                    // editing another task keeps its id and its draft.
                    if edit.with_value(|e| e.id.as_deref() == Some(id)) {
                        clear_form(draft, edit, form_layout);
                    }
                }
            }
            _ => {}
        }
    };
    let on_note_enter = move |ev: &web_sys::Event| {
        // Enter in a progress note logs it.
        if let Some(id) =
            name_and_value(ev).and_then(|(name, _)| name.strip_prefix("note:").map(str::to_owned))
        {
            ev.prevent_default();
            log_note(&id);
        }
    };

    let form_html = move || {
        form_layout.track();
        let lang = lang.get();
        let editing = edit.with_value(|e| e.id.is_some());
        let said = heard
            .get_untracked()
            .filter(|_| editing)
            .map(|t| t.get(lang).to_owned())
            .unwrap_or_default();
        let mut html = crate::html::Html::new();
        html.element(
            "p",
            &[
                ("id", Some(task_form::HEARD_SLOT)),
                ("class", Some("form-notice")),
                ("role", Some("status")),
            ],
            &said,
        );
        html.into_string() + &draft.with_value(|d| edit.with_value(|e| d.form_html(e, lang)))
    };
    let save = move || {
        let mut typed = typed();
        // Tried on a copy first, so that a refused save (the task was
        // deleted in another tab, a field is missing, a field changed in
        // both tabs) stores nothing.
        let mut trial = edit.get_value();
        let mut result = state.workspace.with_untracked(|w| {
            let mut plan = w.plan.clone();
            trial.save(&mut plan, &mut typed)
        });
        if result == TaskSave::Saved {
            let mut done = edit.get_value();
            let mut typed = typed.clone();
            state
                .workspace
                .update(|w| result = done.save(&mut w.plan, &mut typed));
        }
        let was_gone = edit.with_value(|e| e.gone);
        edit.set_value(trial);
        draft.set_value(typed);
        let lang = lang.get_untracked();
        let text = match result {
            TaskSave::Saved => return clear_form(draft, edit, form_layout),
            TaskSave::Conflicts => lang.pick(
                "Chưa lưu: một tab khác vừa lưu các ô được đánh dấu. Hãy chọn giá trị cho từng ô rồi lưu.",
                "Not saved: another tab just saved the marked fields. Choose a value for each, then save.",
            ).to_owned(),
            TaskSave::Refused(message) => message.get(lang).to_owned(),
        };
        let focus = match edit.with_value(|e| e.conflicts.first().map(|(f, _)| f.clone())) {
            Some(field) => format!("#{} button", task_form::conflict_id(&field)),
            None => "#new-task-title".to_owned(),
        };
        let slots = vec![(ERROR_SLOT.to_owned(), text)];
        // The form is written again when what it shows changed: the
        // fields merged and the choices, or the offer to add a task gone.
        if edit.with_value(|e| !e.conflicts.is_empty() || e.gone != was_gone) {
            form_layout.update(|n| *n += 1);
            after_redraw(slots, focus);
        } else {
            fill_slots(&slots, "");
            focus_first(&focus);
        }
    };
    let submit = move |ev: web_sys::Event| {
        ev.prevent_default();
        save();
    };
    let frame = root.clone();
    rebuild_on(
        move || lang.get(),
        move |lang| {
            frame.set_inner_html(&format!(
                r#"<h2 id="tasks-title">{}</h2><p class="note">{}</p><div class="task-table"></div><form class="new-task"></form>"#,
                lang.pick("Theo dõi nhiệm vụ", "Task tracker"),
                lang.pick(
                    "Phụ lục phân công nhiệm vụ của Kế hoạch không có trong bản văn bản hiện có; chỉ hai nhiệm vụ nêu tại mục IV được đưa sẵn. Hãy nhập các nhiệm vụ khác từ văn bản chính thức.",
                    "The plan's appendix of tasks is not in our copy of its text; only the two tasks named in section IV are built in. Enter the others from the official text.",
                ),
            ));
            if let Some(table) = find(&frame, ".task-table") {
                region(&table, table_html);
            }
            if let Some(form) = find(&frame, "form") {
                region(&form, form_html);
            }
        },
    );
    listen(root, "change", on_change);
    listen(root, "submit", submit);
    listen(root, "click", move |ev| {
        let Some(action) = action(&ev) else { return };
        if action == "cancel-edit" {
            clear_form(draft, edit, form_layout);
        } else if action == "save-as-new" {
            // The task edited was deleted elsewhere: what is typed becomes
            // a new task, never a change of another.
            edit.update_value(TaskEdit::as_new);
            save();
        } else if let (KEEP | TAKE, Some(field)) = (
            action.as_str(),
            event_element(&ev, "[data-field]").and_then(|b| b.get_attribute("data-field")),
        ) {
            on_table_click(&format!("{action}:{field}"));
        } else {
            on_table_click(&action);
        }
    });
    listen(root, "keydown", move |ev| match key(&ev).as_str() {
        "Enter" => on_note_enter(&ev),
        "Escape" if edit.with_value(|e| e.id.is_some()) => clear_form(draft, edit, form_layout),
        _ => {}
    });
}

/// Empties the task form and leaves editing.
fn clear_form(draft: StoredValue<TaskDraft>, edit: StoredValue<TaskEdit>, layout: RwSignal<u32>) {
    draft.set_value(TaskDraft::default());
    edit.set_value(TaskEdit::default());
    layout.update(|n| *n += 1);
}

/// What the form's fields hold now.
fn typed() -> TaskDraft {
    let mut typed = TaskDraft::default();
    for (name, id, _, _) in FIELDS {
        typed.set(name, input_value(id).unwrap_or_default());
    }
    typed
}
