//! The plan's tasks: who leads, by when, how far along, and which are
//! overdue as of the chosen date. Filter by agency and status; add tasks
//! (the plan's appendix is not in our copy, so users enter them), change a
//! status, and keep a dated progress log.

use crate::small_sort::sort_small_by;
use leptos::prelude::*;

use crate::format::format_date;
use crate::i18n::{Lang, Text};
use crate::task::{ProgressEntry, Task, TaskDeadline, TaskStatus};
use crate::web::state::AppState;

/// The task form's fields, shared by the rows (whose "Sửa" button fills
/// them) and the form; `editing` is the task being edited, if any.
#[derive(Clone, Copy)]
struct TaskForm {
    title: RwSignal<String>,
    lead: RwSignal<String>,
    partners: RwSignal<String>,
    deadline: RwSignal<String>,
    notes: RwSignal<String>,
    editing: RwSignal<Option<usize>>,
}

impl TaskForm {
    fn new() -> Self {
        TaskForm {
            title: RwSignal::new(String::new()),
            lead: RwSignal::new(String::new()),
            partners: RwSignal::new(String::new()),
            deadline: RwSignal::new(String::new()),
            notes: RwSignal::new(String::new()),
            editing: RwSignal::new(None),
        }
    }

    fn clear(&self) {
        for field in [
            self.title,
            self.lead,
            self.partners,
            self.deadline,
            self.notes,
        ] {
            field.set(String::new());
        }
        self.editing.set(None);
    }

    /// Fills the form from a task. The deadline is written the Vietnamese
    /// way, which [`TaskDeadline::parse`] reads back in either language.
    fn load(&self, index: usize, task: &Task) {
        self.title.set(task.title.vi.clone());
        self.lead.set(task.lead_agency.clone());
        self.partners.set(task.partner_agencies.join("; "));
        self.deadline.set(
            task.deadline
                .map(|d| d.describe(Lang::Vi))
                .unwrap_or_default(),
        );
        self.notes.set(task.notes.clone());
        self.editing.set(Some(index));
    }
}

#[component]
pub fn TaskTracker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let agency_filter = RwSignal::new(String::new());
    let status_filter = RwSignal::new(String::new());
    let form = TaskForm::new();

    let agencies = move || {
        let mut agencies: Vec<String> = state
            .workspace
            .with(|w| w.plan.tasks.iter().map(|t| t.lead_agency.clone()).collect());
        sort_small_by(&mut agencies, |a, b| a.cmp(b));
        agencies.dedup();
        agencies
    };
    let set_status = move |index: usize, status: TaskStatus| {
        state.workspace.update(|w| {
            if let Some(task) = w.plan.tasks.get_mut(index) {
                task.status = status;
            }
        })
    };
    let rows = move || {
        let lang = lang.get();
        let as_of = state.as_of.get();
        let agency = agency_filter.get();
        let status = TaskStatus::from_key(&status_filter.get());
        state.workspace.with(|w| {
            w.plan
                .tasks
                .iter()
                .enumerate()
                .filter(|(_, t)| agency.is_empty() || t.lead_agency == agency)
                .filter(|(_, t)| status.is_none_or(|s| t.status == s))
                .map(|(index, task)| task_row(index, task, as_of, lang, set_status, form))
                .collect_view()
        })
    };

    view! {
        <section class="tasks" aria-labelledby="tasks-title">
            <h2 id="tasks-title">{move || lang.get().pick("Theo dõi nhiệm vụ", "Task tracker")}</h2>
            <p class="note">
                {move || lang.get().pick(
                    "Phụ lục phân công nhiệm vụ của Kế hoạch không có trong bản văn bản hiện có; chỉ hai nhiệm vụ nêu tại mục IV được đưa sẵn. Hãy nhập các nhiệm vụ khác từ văn bản chính thức.",
                    "The plan's appendix of tasks is not in our copy of its text; only the two tasks named in section IV are built in. Enter the others from the official text.",
                )}
            </p>
            <div class="filters">
                <label class="inline">
                    {move || lang.get().pick("Lọc theo cơ quan chủ trì", "Filter by lead agency")}
                    <select on:change=move |ev| agency_filter.set(event_target_value(&ev))>
                        <option value="">{move || lang.get().pick("Tất cả", "All")}</option>
                        {move || agencies().into_iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="inline">
                    {move || lang.get().pick("Lọc theo tình trạng", "Filter by status")}
                    <select on:change=move |ev| status_filter.set(event_target_value(&ev))>
                        <option value="">{move || lang.get().pick("Tất cả", "All")}</option>
                        {move || TaskStatus::ALL.map(|s| view! { <option value=s.key()>{s.label(lang.get())}</option> }).into_iter().collect_view()}
                    </select>
                </label>
            </div>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || lang.get().pick("Nhiệm vụ", "Task")}</th>
                            <th scope="col">{move || lang.get().pick("Chủ trì / phối hợp", "Lead / partners")}</th>
                            <th scope="col">{move || lang.get().pick("Thời hạn", "Deadline")}</th>
                            <th scope="col">{move || lang.get().pick("Tình trạng", "Status")}</th>
                            <th scope="col">{move || lang.get().pick("Tiến độ", "Progress")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <TaskFormView form=form />
        </section>
    }
}

fn task_row(
    index: usize,
    task: &Task,
    as_of: chrono::NaiveDate,
    lang: Lang,
    set_status: impl Fn(usize, TaskStatus) + Copy + 'static,
    form: TaskForm,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let overdue = task.is_overdue(as_of);
    let status_id = format!("task-{index}-status");
    let note_id = format!("task-{index}-note");
    let note = RwSignal::new(String::new());
    let add_note = move |_| {
        let text = note.get_untracked().trim().to_owned();
        if text.is_empty() {
            return;
        }
        let date = state.as_of.get_untracked();
        state.workspace.update(|w| {
            if let Some(task) = w.plan.tasks.get_mut(index) {
                task.progress.push(ProgressEntry { date, note: text });
            }
        });
        note.set(String::new());
    };
    let log = task
        .progress
        .iter()
        .map(|entry| view! { <li>{format_date(entry.date, lang)} " — " {entry.note.clone()}</li> })
        .collect_view();
    let current = task.status;
    view! {
        <tr class:overdue=overdue data-task-id=task.id.clone()>
            <td>
                <strong>{task.id.clone()}</strong> " " {task.title.get(lang).to_owned()}
                {(!task.source.is_empty()).then(|| view! { <br /><small>{task.source.clone()}</small> })}
                {(!task.notes.is_empty()).then(|| view! { <br /><small>{task.notes.clone()}</small> })}
            </td>
            <td>{task.lead_agency.clone()} {(!task.partner_agencies.is_empty()).then(|| view! { <br /><small>{task.partner_agencies.join("; ")}</small> })}</td>
            <td>
                {task.deadline.map(|d| d.describe(lang)).unwrap_or_else(|| "—".to_owned())}
                {overdue.then(|| view! { <br /><strong class="overdue-badge"><span aria-hidden="true">"⚠ "</span>{lang.pick("Quá hạn", "Overdue")}</strong> })}
            </td>
            <td>
                <label class="visually-hidden" for=status_id.clone()>{format!("{} {}", lang.pick("Tình trạng của nhiệm vụ", "Status of task"), task.id)}</label>
                <select id=status_id on:change=move |ev| {
                    if let Some(status) = TaskStatus::from_key(&event_target_value(&ev)) {
                        set_status(index, status);
                    }
                }>
                    {TaskStatus::ALL.map(|s| view! { <option value=s.key() selected=s == current>{s.label(lang)}</option> }).into_iter().collect_view()}
                </select>
            </td>
            <td>
                <ul class="log">{log}</ul>
                <label class="visually-hidden" for=note_id.clone()>{format!("{} {}", lang.pick("Ghi tiến độ cho nhiệm vụ", "Progress note for task"), task.id)}</label>
                <input id=note_id type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))
                    placeholder=lang.pick("Ghi chú tiến độ…", "Progress note…") />
                <button type="button" class="secondary" on:click=add_note>{lang.pick("Ghi", "Log")}</button>
                <button type="button" class="secondary" on:click=move |_| {
                    state.workspace.with_untracked(|w| if let Some(task) = w.plan.tasks.get(index) { form.load(index, task) });
                    focus_form();
                }>
                    {lang.pick("Sửa", "Edit")}<span class="visually-hidden">{format!(" {}", task.id)}</span>
                </button>
            </td>
        </tr>
    }
}

/// Moves the keyboard focus to the task form's first field.
fn focus_form() {
    use wasm_bindgen::JsCast;
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("new-task-title"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}

#[component]
fn TaskFormView(form: TaskForm) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let TaskForm {
        title,
        lead,
        partners,
        deadline,
        notes,
        editing,
    } = form;
    let error = RwSignal::new(None::<Text>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title_text = title.get_untracked().trim().to_owned();
        let lead_text = lead.get_untracked().trim().to_owned();
        let deadline_text = deadline.get_untracked();
        if title_text.is_empty() || lead_text.is_empty() {
            error.set(Some(Text::new(
                "Cần nhập tên nhiệm vụ và cơ quan chủ trì.",
                "A task needs a title and a lead agency.",
            )));
            return;
        }
        let parsed = if deadline_text.trim().is_empty() {
            Ok(None)
        } else {
            TaskDeadline::parse(&deadline_text).map(Some).ok_or(())
        };
        let Ok(parsed) = parsed else {
            error.set(Some(Text::new(
                "Không hiểu thời hạn. Ví dụ: 30/06/2019, Quý II/2019, năm 2020, hằng năm 15/12.",
                "The deadline is not understood. Examples: 30/06/2019, Q2/2019, 2020, yearly 15/12.",
            )));
            return;
        };
        let partner_agencies: Vec<String> = partners
            .get_untracked()
            .split([';', ','])
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        let notes_text = notes.get_untracked().trim().to_owned();
        state.workspace.update(|w| {
            match editing
                .get_untracked()
                .and_then(|i| w.plan.tasks.get_mut(i))
            {
                Some(task) => {
                    // A title left as it was keeps its English translation.
                    if task.title.vi != title_text {
                        task.title = Text::new(title_text.clone(), title_text);
                    }
                    task.lead_agency = lead_text;
                    task.partner_agencies = partner_agencies;
                    task.deadline = parsed;
                    task.notes = notes_text;
                }
                None => {
                    let id = format!("N{}", w.plan.tasks.len() + 1);
                    w.plan.tasks.push(Task {
                        id,
                        title: Text::new(title_text.clone(), title_text),
                        lead_agency: lead_text,
                        partner_agencies,
                        deadline: parsed,
                        status: TaskStatus::NotStarted,
                        notes: notes_text,
                        progress: Vec::new(),
                        source: String::new(),
                    });
                }
            }
        });
        form.clear();
        error.set(None);
    };
    let field = move |id: &'static str,
                      label_vi: &'static str,
                      label_en: &'static str,
                      signal: RwSignal<String>| {
        view! {
            <label class="stacked" for=id>{move || lang.get().pick(label_vi, label_en)}</label>
            <input id=id type="text" prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev)) />
        }
    };
    view! {
        <form class="new-task" on:submit=submit>
            <h3>{move || match editing.get() {
                Some(_) => lang.get().pick("Sửa nhiệm vụ", "Edit the task"),
                None => lang.get().pick("Thêm nhiệm vụ", "Add a task"),
            }}</h3>
            {field("new-task-title", "Tên nhiệm vụ", "Task", title)}
            {field("new-task-lead", "Cơ quan chủ trì", "Lead agency", lead)}
            {field("new-task-partners", "Cơ quan phối hợp (cách nhau bởi dấu ;)", "Partner agencies (separated by ;)", partners)}
            {field("new-task-deadline", "Thời hạn (30/06/2019, Quý II/2019, năm 2020, hằng năm 15/12)", "Deadline (30/06/2019, Q2/2019, 2020, yearly 15/12)", deadline)}
            {field("new-task-notes", "Ghi chú", "Notes", notes)}
            <p class="field-error" role="alert">{move || error.get().map(|e| e.get(lang.get()).to_owned())}</p>
            <button type="submit">{move || match editing.get() {
                Some(_) => lang.get().pick("Lưu nhiệm vụ", "Save the task"),
                None => lang.get().pick("Thêm nhiệm vụ", "Add the task"),
            }}</button>
            <Show when=move || editing.get().is_some()>
                <button type="button" class="secondary" on:click=move |_| form.clear()>{move || lang.get().pick("Hủy sửa", "Cancel editing")}</button>
            </Show>
        </form>
    }
}
