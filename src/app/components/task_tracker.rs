//! The plan's tasks: who leads, by when, how far along, and which are
//! overdue as of the chosen date. Filter by agency and status; add, edit
//! and delete tasks (the plan's appendix is not in our copy, so users enter
//! them), change a status, and keep a dated progress log.
//!
//! The rows and the form's draft are [`crate::edit::task_form`]'s data; the task
//! being edited is named by its id, never its position, which another
//! tab's delete moves.

use leptos::prelude::*;

use crate::app::browser::focus_first;
use crate::app::browser::next_frame;
use crate::app::components::conflict_choice::ConflictChoice;
use crate::app::components::dialog::Question;
use crate::app::components::keyed_table;
use crate::app::components::ForAny;
use crate::app::state::AppState;
use crate::app::words;
use crate::domain::field_merge::choice_text;
use crate::domain::task::TaskStatus;
use crate::edit::task_form::{
    self, agencies, note_input_id, task_rows, Filter, TaskDraft, TaskEdit, TaskField, TaskRow,
    TaskSave,
};
use crate::i18n::Text;

/// The form's state, shared with its parts: the task being edited (`None`:
/// adding one) with the fields as the form opened them, what is typed,
/// what the form last heard of a save elsewhere, and why the last save was
/// refused.
#[derive(Clone, Copy)]
struct TaskForm {
    state: AppState,
    edit: RwSignal<TaskEdit>,
    draft: RwSignal<TaskDraft>,
    heard: RwSignal<Option<Text>>,
    error: RwSignal<Option<Text>>,
}

impl TaskForm {
    /// Empties the form and leaves editing.
    fn clear(self) {
        self.draft.set(TaskDraft::default());
        self.edit.set(TaskEdit::default());
        self.error.set(None);
    }

    /// Opens the form on task `id` as it is stored now.
    fn open(self, id: &str) {
        let Some((opened, task)) = self
            .state
            .workspace
            .with_untracked(|w| TaskEdit::of(&w.plan, id))
        else {
            return;
        };
        self.heard.set(None);
        self.error.set(None);
        self.draft.set(task);
        self.edit.set(opened);
        focus_later("#new-task-title");
    }
}

/// Focuses what `selector` finds once the page has been drawn again.
fn focus_later(selector: &str) {
    let selector = selector.to_owned();
    next_frame(move || focus_first(&selector));
}

#[component]
pub fn TaskTracker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let filter = RwSignal::new(Filter::default());
    let form = TaskForm {
        state,
        edit: RwSignal::new(TaskEdit::default()),
        draft: RwSignal::new(TaskDraft::default()),
        heard: RwSignal::new(None),
        error: RwSignal::new(None),
    };
    // A save elsewhere (another tab) of the task being edited is said in
    // the form at once; a task deleted there is gone for good (its id may
    // be given to another task), and the form offers to add it as new.
    Effect::watch(
        move || state.workspace.track(),
        move |_, _, _| {
            let Some((id, opened)) = form
                .edit
                .with_untracked(|e| e.id.clone().map(|id| (id, e.opened.clone())))
            else {
                return;
            };
            let news = state
                .workspace
                .with_untracked(|w| task_form::heard(&w.plan, &id, &opened));
            if news.is_some() && news != form.heard.get_untracked() {
                form.heard.set(news);
                let deleted = state
                    .workspace
                    .with_untracked(|w| task_form::find(&w.plan, &id).is_none());
                if deleted && !form.edit.with_untracked(|e| e.gone) {
                    form.edit.update(|e| e.gone = true);
                    form.error.set(None);
                }
            }
        },
        false,
    );
    let rows = Memo::new(move |_| {
        let (lang, as_of) = (lang.get(), state.as_of.get());
        filter.with(|f| state.workspace.with(|w| task_rows(&w.plan, f, as_of, lang)))
    });
    let agency_list = Memo::new(move |_| state.workspace.with(|w| agencies(&w.plan)));
    let editing = move || form.edit.with(|e| e.id.is_some());
    view! {
        <h2 id="tasks-title">{words("Theo dõi nhiệm vụ", "Task tracker")}</h2>
        <p class="note">
            {words(
                "Phụ lục phân công nhiệm vụ của Kế hoạch không có trong bản văn bản hiện có; chỉ hai nhiệm vụ nêu tại mục IV được đưa sẵn. Hãy nhập các nhiệm vụ khác từ văn bản chính thức.",
                "The plan's appendix of tasks is not in our copy of its text; only the two tasks named in section IV are built in. Enter the others from the official text.",
            )}
        </p>
        <div
            class="task-table"
            on:keydown=move |ev| {
                if ev.key() == "Escape" && editing() {
                    form.clear();
                }
            }
        >
            <div class="filters">
                <label class="inline">
                    {words("Lọc theo cơ quan chủ trì", "Filter by lead agency")}
                    " "
                    <select on:change:target=move |ev| filter.update(|f| f.agency = ev.target().value())>
                        <option value="" prop:selected=move || filter.with(|f| f.agency.is_empty())>
                            {words("Tất cả", "All")}
                        </option>
                        <ForAny each=move || agency_list.get() key=|a| a.clone() let(agency)>
                            <AgencyOption agency filter/>
                        </ForAny>
                    </select>
                </label>
                <label class="inline">
                    {words("Lọc theo tình trạng", "Filter by status")}
                    " "
                    <select on:change:target=move |ev| {
                        filter.update(|f| f.status = TaskStatus::from_stored_key(&ev.target().value()))
                    }>
                        <option value="" prop:selected=move || filter.with(|f| f.status.is_none())>
                            {words("Tất cả", "All")}
                        </option>
                        {TaskStatus::ALL
                            .iter()
                            .map(|&status| {
                                view! {
                                    <option
                                        value=status.stored_key()
                                        prop:selected=move || filter.with(|f| f.status == Some(status))
                                    >
                                        {move || status.label(lang.get())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
            {keyed_table(
                &[
                    ("Nhiệm vụ", "Task"),
                    ("Chủ trì / phối hợp", "Lead / partners"),
                    ("Thời hạn", "Deadline"),
                    ("Tình trạng", "Status"),
                    ("Tiến độ", "Progress"),
                ],
                rows,
                |r| r.id.as_str(),
                move |id, row| view! { <TaskRowView row id form/> },
            )}
        </div>
        <TaskFormView form/>
    }
}

/// An agency to filter by.
#[component]
fn AgencyOption(agency: String, filter: RwSignal<Filter>) -> impl IntoView {
    let value = agency.clone();
    let selected = StoredValue::new(agency.clone());
    view! {
        <option
            value=value
            prop:selected=move || filter.with(|f| selected.with_value(|a| f.agency == *a))
        >
            {agency}
        </option>
    }
}

/// One task's row: what it is, who leads, by when, its status and its
/// progress log, with the row's controls.
#[component]
fn TaskRowView(id: String, row: Signal<TaskRow>, form: TaskForm) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let note = RwSignal::new(String::new());
    let task = StoredValue::new(id.clone());
    let exists = move || {
        state
            .workspace
            .with_untracked(|w| task.with_value(|id| task_form::find(&w.plan, id).is_some()))
    };
    let log = move || {
        let text = note.get_untracked();
        if exists() && !text.trim().is_empty() {
            let date = state.as_of.get_untracked();
            state.workspace.update(|w| {
                task.with_value(|id| task_form::log_progress(&mut w.plan, id, date, &text));
            });
            note.set(String::new());
        }
    };
    let set_status = move |key: String| {
        if exists() {
            state.workspace.update(|w| {
                task.with_value(|id| task_form::set_status(&mut w.plan, id, &key));
            });
        }
    };
    let delete = move |_| {
        let lang = lang.get_untracked();
        let name = state.workspace.with_untracked(|w| {
            task.with_value(|id| {
                task_form::find(&w.plan, id).map(|i| w.plan.tasks[i].title.get(lang).to_owned())
            })
        });
        let Some(name) = name else { return };
        let asked = format!(
            "{} « {name} »?",
            lang.pick("Xóa nhiệm vụ", "Delete the task")
        );
        wasm_bindgen_futures::spawn_local(async move {
            let question = Question::confirm(&asked, &asked).yes("Xóa", "Delete");
            if state.ask_with(question).await.is_none() {
                return;
            }
            if exists() {
                state.workspace.update(|w| {
                    task.with_value(|id| task_form::delete(&mut w.plan, id));
                });
            }
            // A form editing the deleted task starts over; one editing another
            // task keeps its id and its draft.
            if form
                .edit
                .with_untracked(|e| task.with_value(|id| e.id.as_deref() == Some(id)))
            {
                form.clear();
            }
        });
    };
    let status_id = format!("task-{id}-status");
    let note_id = note_input_id(&id);
    let status_label = words("Tình trạng của nhiệm vụ", "Status of task");
    let (id_row, id_strong, id_status, id_note, id_edit) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let note_label = words("Ghi tiến độ cho nhiệm vụ", "Progress note for task");
    view! {
        <tr class:overdue=move || row.with(|r| r.overdue) data-task-id=id_row>
            <td>
                <strong>{id_strong}</strong>
                " "
                {move || row.with(|r| r.title.clone())}
                {move || {
                    row.with(|r| r.small.clone())
                        .into_iter()
                        .map(|small| view! { <br/><small>{small}</small> })
                        .collect_view()
                }}
            </td>
            <td>
                {move || row.with(|r| r.lead.clone())}
                {move || {
                    let partners = row.with(|r| r.partners.clone());
                    (!partners.is_empty()).then(|| view! { <br/><small>{partners}</small> })
                }}
            </td>
            <td>
                {move || row.with(|r| r.deadline.clone())}
                {move || {
                    row.with(|r| r.overdue)
                        .then(|| {
                            view! {
                                <br/>
                                <strong class="overdue-badge">
                                    <span aria-hidden="true">"⚠ "</span>
                                    {words("Quá hạn", "Overdue")}
                                </strong>
                            }
                        })
                }}
            </td>
            <td>
                <label class="visually-hidden" for=status_id.clone()>
                    {status_label} " " {id_status}
                </label>
                <select id=status_id on:change:target=move |ev| set_status(ev.target().value())>
                    {TaskStatus::ALL
                        .iter()
                        .map(|&status| {
                            view! {
                                <option
                                    value=status.stored_key()
                                    prop:selected=move || row.with(|r| r.status == status)
                                >
                                    {move || status.label(lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </td>
            <td>
                <ul class="log">
                    {move || {
                        row.with(|r| r.log.clone())
                            .into_iter()
                            .map(|line| view! { <li>{line}</li> })
                            .collect_view()
                    }}
                </ul>
                <label class="visually-hidden" for=note_id.clone()>
                    {note_label} " " {id_note}
                </label>
                <input
                    id=note_id
                    type="text"
                    placeholder=words("Ghi chú tiến độ…", "Progress note…")
                    prop:value=move || note.get()
                    on:input:target=move |ev| note.set(ev.target().value())
                    on:keydown=move |ev| {
                        // Enter in a progress note logs it.
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            log();
                        }
                    }
                />
                " "
                <button type="button" class="secondary" on:click=move |_| log()>
                    {words("Ghi", "Log")}
                </button>
                " "
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| task.with_value(|id| form.open(id))
                >
                    {words("Sửa", "Edit")}
                    <span class="visually-hidden">" " {id_edit}</span>
                </button>
                " "
                <button type="button" class="secondary" on:click=delete>
                    {words("Xóa", "Delete")}
                    <span class="visually-hidden">" " {id}</span>
                </button>
            </td>
        </tr>
    }
}

/// The form that adds a task or edits one.
#[component]
fn TaskFormView(form: TaskForm) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let editing = move || form.edit.with(|e| e.id.is_some());
    // The words of a task being edited, or of one being added.
    let by_mode = move |edit: (&'static str, &'static str), add: (&'static str, &'static str)| {
        move || {
            let (vi, en) = if editing() { edit } else { add };
            lang.get().pick(vi, en)
        }
    };
    let save = move || {
        let mut typed = form.draft.get_untracked();
        // Tried on a copy first, so that a refused save (the task was
        // deleted in another tab, a field is missing, a field changed in
        // both tabs) stores nothing.
        let mut trial = form.edit.get_untracked();
        let mut result = state.workspace.with_untracked(|w| {
            let mut plan = w.plan.clone();
            trial.save(&mut plan, &mut typed)
        });
        if result == TaskSave::Saved {
            let mut done = form.edit.get_untracked();
            let mut typed = typed.clone();
            state
                .workspace
                .update(|w| result = done.save(&mut w.plan, &mut typed));
        }
        let first_conflict = trial.first_conflict();
        form.edit.set(trial);
        form.draft.set(typed);
        match result {
            TaskSave::Saved => return form.clear(),
            TaskSave::Conflicts => form.error.set(Some(Text::new(
                "Chưa lưu: một tab khác vừa lưu các ô được đánh dấu. Hãy chọn giá trị cho từng ô rồi lưu.",
                "Not saved: another tab just saved the marked fields. Choose a value for each, then save.",
            ))),
            TaskSave::Refused(message) => form.error.set(Some(message)),
        }
        match first_conflict {
            Some(field) => focus_later(&format!("#{} button", field.conflict_id())),
            None => focus_later("#new-task-title"),
        }
    };
    let heard = move || {
        form.heard
            .get()
            .filter(|_| editing())
            .map(|t| t.get(lang.get()).to_owned())
            .unwrap_or_default()
    };
    let error = move || {
        form.error
            .get()
            .map(|t| t.get(lang.get()).to_owned())
            .unwrap_or_default()
    };
    let unsaved = move || form.draft.with(|d| form.edit.with(|e| *d != e.opened));
    view! {
        <form
            class="new-task"
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
            on:keydown=move |ev| {
                if ev.key() == "Escape" && editing() {
                    form.clear();
                }
            }
        >
            <p id="task-heard" class="form-notice" role="status">{heard}</p>
            <h3>{by_mode(("Sửa nhiệm vụ", "Edit the task"), ("Thêm nhiệm vụ", "Add a task"))}</h3>
            {TaskField::ALL.map(|field| view! { <TaskFieldInput field form/> })}
            <p class="field-error" id="task-form-error" role="alert">{error}</p>
            <button type="submit" attr:data-unsaved=move || unsaved().then_some("")>
                {by_mode(("Lưu nhiệm vụ", "Save the task"), ("Thêm nhiệm vụ", "Add the task"))}
            </button>
            {move || {
                form.edit.with(|e| e.gone).then(|| {
                    view! {
                        " "
                        <button
                            type="button"
                            on:click=move |_| {
                                // The task edited was deleted elsewhere: what
                                // is typed becomes a new task, never a change
                                // of another.
                                form.edit.update(TaskEdit::as_new);
                                save();
                            }
                        >
                            {words("Lưu thành nhiệm vụ mới", "Save as a new task")}
                        </button>
                    }
                })
            }}
            {move || {
                editing().then(|| {
                    view! {
                        " "
                        <button type="button" class="secondary" on:click=move |_| form.clear()>
                            {words("Hủy sửa", "Cancel editing")}
                        </button>
                    }
                })
            }}
        </form>
    }
}

/// One field of the task form: its label, its input and, while it is in
/// conflict with another tab's save, the choice.
#[component]
fn TaskFieldInput(field: TaskField, form: TaskForm) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let conflict = Signal::derive(move || {
        form.edit.with(|e| {
            e.theirs(field)
                .map(|theirs| choice_text(theirs, lang.get()))
        })
    });
    let on_choose = Callback::new(move |keep_mine: bool| {
        form.draft
            .update(|d| form.edit.update(|e| e.choose(d, field, keep_mine)));
        form.error.set(None);
        focus_later("#new-task-title");
    });
    view! {
        <label class="stacked" for=field.input_id()>{move || field.label(lang.get())}</label>
        <input
            id=field.input_id()
            type="text"
            // The value the form opened with, so that the page knows what
            // is changed (components::update).
            value=move || form.edit.with(|e| e.opened.get(field).to_owned())
            prop:value=move || form.draft.with(|d| d.get(field).to_owned())
            on:input:target=move |ev| form.draft.update(|d| d.set(field, ev.target().value()))
        />
        <ConflictChoice id=field.conflict_id() text=conflict on_choose/>
    }
}
