//! The task tracker as data: the table of tasks (filtered by lead agency
//! and status, overdue ones marked as of the chosen date), the form that
//! adds or edits a task, and what each control does to the plan. The page
//! (`web::components::task_tracker`) writes these HTML texts and listens
//! once per container.
//!
//! Controls: `filter-agency`, `filter-status`, `status:<i>` (a row's
//! status), `note:<i>` with the button `data-action="log:<i>"`, the buttons
//! `data-action="edit:<i>"` and `"delete:<i>"`; the form's fields are `task-title`,
//! `task-lead`, `task-partners`, `task-deadline`, `task-notes` (their ids
//! are `new-task-…`).

use chrono::NaiveDate;

use crate::field_merge::{self, Fields};
use crate::format::format_date;
use crate::html::Html;
use crate::i18n::{Lang, Text};
use crate::plan::Plan;
use crate::small_sort::sort_small_by;
use crate::task::{ProgressEntry, Task, TaskDeadline, TaskStatus};

/// The lead agencies of the plan's tasks, sorted, each once.
pub fn agencies(plan: &Plan) -> Vec<String> {
    let mut agencies: Vec<String> = plan.tasks.iter().map(|t| t.lead_agency.clone()).collect();
    sort_small_by(&mut agencies, |a, b| a.cmp(b));
    agencies.dedup();
    agencies
}

/// Which tasks the table shows: an empty filter shows all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub agency: String,
    pub status: Option<TaskStatus>,
}

impl Filter {
    fn shows(&self, task: &Task) -> bool {
        (self.agency.is_empty() || task.lead_agency == self.agency)
            && self.status.is_none_or(|s| task.status == s)
    }
}

fn select_option(html: &mut Html, value: &str, text: &str, selected: bool) {
    html.element(
        "option",
        &[("value", Some(value)), ("selected", selected.then_some(""))],
        text,
    );
}

/// The filters and the table of tasks.
pub fn tasks_html(plan: &Plan, filter: &Filter, as_of: NaiveDate, lang: Lang) -> String {
    let pick = |vi, en| lang.pick(vi, en);
    let mut html = Html::new();
    html.open("div", &[("class", Some("filters"))]);
    html.open("label", &[("class", Some("inline"))])
        .text(pick("Lọc theo cơ quan chủ trì", "Filter by lead agency"))
        .text(" ")
        .open("select", &[("name", Some("filter-agency"))]);
    select_option(
        &mut html,
        "",
        pick("Tất cả", "All"),
        filter.agency.is_empty(),
    );
    for agency in agencies(plan) {
        select_option(&mut html, &agency, &agency, agency == filter.agency);
    }
    html.close("select").close("label");
    html.open("label", &[("class", Some("inline"))])
        .text(pick("Lọc theo tình trạng", "Filter by status"))
        .text(" ")
        .open("select", &[("name", Some("filter-status"))]);
    select_option(
        &mut html,
        "",
        pick("Tất cả", "All"),
        filter.status.is_none(),
    );
    for status in TaskStatus::ALL {
        select_option(
            &mut html,
            status.stored_key(),
            status.label(lang),
            filter.status == Some(status),
        );
    }
    html.close("select").close("label").close("div");

    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[])
        .open("thead", &[])
        .open("tr", &[]);
    for head in [
        pick("Nhiệm vụ", "Task"),
        pick("Chủ trì / phối hợp", "Lead / partners"),
        pick("Thời hạn", "Deadline"),
        pick("Tình trạng", "Status"),
        pick("Tiến độ", "Progress"),
    ] {
        html.element("th", &[("scope", Some("col"))], head);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for task in &plan.tasks {
        if filter.shows(task) {
            task_row(&mut html, task, as_of, lang);
        }
    }
    html.close("tbody").close("table").close("div");
    html.into_string()
}

/// The row's controls name the task by its id, never by its position: after
/// another tab deletes a task, this tab's row still means the same task.
fn task_row(html: &mut Html, task: &Task, as_of: NaiveDate, lang: Lang) {
    let pick = |vi, en| lang.pick(vi, en);
    let overdue = task.is_overdue(as_of);
    html.open(
        "tr",
        &[
            ("class", overdue.then_some("overdue")),
            ("data-task-id", Some(&task.id)),
        ],
    );
    html.open("td", &[])
        .element("strong", &[], &task.id)
        .text(" ")
        .text(task.title.get(lang));
    for small in [&task.source, &task.notes] {
        if !small.is_empty() {
            html.void("br", &[]).element("small", &[], small);
        }
    }
    html.close("td").open("td", &[]).text(&task.lead_agency);
    if !task.partner_agencies.is_empty() {
        html.void("br", &[])
            .element("small", &[], &task.partner_agencies.join("; "));
    }
    html.close("td").open("td", &[]);
    html.text(
        &task
            .deadline
            .map_or_else(|| "—".to_owned(), |d| d.describe(lang)),
    );
    if overdue {
        html.void("br", &[])
            .open("strong", &[("class", Some("overdue-badge"))])
            .element("span", &[("aria-hidden", Some("true"))], "⚠ ")
            .text(pick("Quá hạn", "Overdue"))
            .close("strong");
    }
    html.close("td");

    let id = &task.id;
    let status_id = format!("task-{id}-status");
    html.open("td", &[]).element(
        "label",
        &[
            ("class", Some("visually-hidden")),
            ("for", Some(&status_id)),
        ],
        &format!(
            "{} {}",
            pick("Tình trạng của nhiệm vụ", "Status of task"),
            task.id
        ),
    );
    html.open(
        "select",
        &[
            ("id", Some(&status_id)),
            ("name", Some(&format!("status:{id}"))),
        ],
    );
    for status in TaskStatus::ALL {
        select_option(
            html,
            status.stored_key(),
            status.label(lang),
            status == task.status,
        );
    }
    html.close("select").close("td");

    let note_id = note_input_id(id);
    html.open("td", &[]).open("ul", &[("class", Some("log"))]);
    for entry in &task.progress {
        html.element(
            "li",
            &[],
            &format!("{} — {}", format_date(entry.date, lang), entry.note),
        );
    }
    html.close("ul").element(
        "label",
        &[("class", Some("visually-hidden")), ("for", Some(&note_id))],
        &format!(
            "{} {}",
            pick("Ghi tiến độ cho nhiệm vụ", "Progress note for task"),
            task.id
        ),
    );
    html.void(
        "input",
        &[
            ("id", Some(&note_id)),
            ("name", Some(&format!("note:{id}"))),
            ("type", Some("text")),
            (
                "placeholder",
                Some(pick("Ghi chú tiến độ…", "Progress note…")),
            ),
        ],
    );
    html.text(" ").element(
        "button",
        &[
            ("type", Some("button")),
            ("class", Some("secondary")),
            ("data-action", Some(&format!("log:{id}"))),
        ],
        pick("Ghi", "Log"),
    );
    html.text(" ")
        .open(
            "button",
            &[
                ("type", Some("button")),
                ("class", Some("secondary")),
                ("data-action", Some(&format!("edit:{id}"))),
            ],
        )
        .text(pick("Sửa", "Edit"))
        .element(
            "span",
            &[("class", Some("visually-hidden"))],
            &format!(" {}", task.id),
        )
        .close("button")
        .text(" ")
        .open(
            "button",
            &[
                ("type", Some("button")),
                ("class", Some("secondary")),
                ("data-action", Some(&format!("delete:{id}"))),
            ],
        )
        .text(pick("Xóa", "Delete"))
        .element(
            "span",
            &[("class", Some("visually-hidden"))],
            &format!(" {}", task.id),
        )
        .close("button");
    html.close("td").close("tr");
}

/// What the task form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskDraft {
    pub title: String,
    pub lead: String,
    pub partners: String,
    pub deadline: String,
    pub notes: String,
}

/// The form's fields: (name, id, Vietnamese label, English label).
pub const FIELDS: [(&str, &str, &str, &str); 5] = [
    ("task-title", "new-task-title", "Tên nhiệm vụ", "Task"),
    (
        "task-lead",
        "new-task-lead",
        "Cơ quan chủ trì",
        "Lead agency",
    ),
    (
        "task-partners",
        "new-task-partners",
        "Cơ quan phối hợp (cách nhau bởi dấu ;)",
        "Partner agencies (separated by ;)",
    ),
    (
        "task-deadline",
        "new-task-deadline",
        "Thời hạn (30/06/2019, Quý II/2019, năm 2020, hằng năm 15/12)",
        "Deadline (30/06/2019, Q2/2019, 2020, yearly 15/12)",
    ),
    ("task-notes", "new-task-notes", "Ghi chú", "Notes"),
];

impl TaskDraft {
    /// The form filled from a task. The deadline is written the Vietnamese
    /// way, which [`TaskDeadline::parse`] reads back in either language.
    pub fn of(task: &Task) -> TaskDraft {
        TaskDraft {
            title: task.title.vi.clone(),
            lead: task.lead_agency.clone(),
            partners: task.partner_agencies.join("; "),
            deadline: task
                .deadline
                .map(|d| d.describe(Lang::Vi))
                .unwrap_or_default(),
            notes: task.notes.clone(),
        }
    }

    /// The draft with field `name` set (unknown names change nothing).
    pub fn set(&mut self, name: &str, value: String) {
        let slot = match name {
            "task-title" => &mut self.title,
            "task-lead" => &mut self.lead,
            "task-partners" => &mut self.partners,
            "task-deadline" => &mut self.deadline,
            "task-notes" => &mut self.notes,
            _ => return,
        };
        *slot = value;
    }

    /// The draft as `(field, value)` texts, under the form's field names,
    /// for a per-field merge ([`crate::field_merge`]).
    pub fn fields(&self) -> Fields {
        FIELDS
            .iter()
            .map(|(name, ..)| ((*name).to_owned(), self.value(name).to_owned()))
            .collect()
    }

    fn from_fields(fields: &[(String, String)]) -> TaskDraft {
        let mut draft = TaskDraft::default();
        for (name, ..) in FIELDS {
            draft.set(name, field_merge::value(fields, name).to_owned());
        }
        draft
    }

    fn value(&self, name: &str) -> &str {
        match name {
            "task-title" => &self.title,
            "task-lead" => &self.lead,
            "task-partners" => &self.partners,
            "task-deadline" => &self.deadline,
            _ => &self.notes,
        }
    }

    /// Adds the task (`editing` is `None`) or updates the task whose id is
    /// `editing`, or says what is missing or unreadable, or that the task
    /// is gone (another tab deleted it); nothing changes on an error.
    pub fn save(&self, plan: &mut Plan, editing: Option<&str>) -> Result<(), Text> {
        if editing.is_some_and(|id| find(plan, id).is_none()) {
            return Err(gone());
        }
        let title = self.title.trim();
        let lead = self.lead.trim();
        if title.is_empty() || lead.is_empty() {
            return Err(Text::new(
                "Cần nhập tên nhiệm vụ và cơ quan chủ trì.",
                "A task needs a title and a lead agency.",
            ));
        }
        let deadline = if self.deadline.trim().is_empty() {
            None
        } else {
            Some(TaskDeadline::parse(&self.deadline).ok_or_else(|| {
                Text::new(
                    "Không hiểu thời hạn. Ví dụ: 30/06/2019, Quý II/2019, năm 2020, hằng năm 15/12.",
                    "The deadline is not understood. Examples: 30/06/2019, Q2/2019, 2020, yearly 15/12.",
                )
            })?)
        };
        let partner_agencies: Vec<String> = self
            .partners
            .split([';', ','])
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        let notes = self.notes.trim().to_owned();
        match editing.and_then(|id| plan.tasks.iter_mut().find(|t| t.id == id)) {
            Some(task) => {
                // A title left as it was keeps its English translation.
                if task.title.vi != title {
                    task.title = Text::new(title, title);
                }
                task.lead_agency = lead.to_owned();
                task.partner_agencies = partner_agencies;
                task.deadline = deadline;
                task.notes = notes;
            }
            None => {
                let mut number = plan.tasks.len() + 1;
                while plan.tasks.iter().any(|t| t.id == format!("N{number}")) {
                    number += 1;
                }
                plan.tasks.push(Task {
                    id: format!("N{number}"),
                    title: Text::new(title, title),
                    lead_agency: lead.to_owned(),
                    partner_agencies,
                    deadline,
                    status: TaskStatus::NotStarted,
                    notes,
                    progress: Vec::new(),
                    source: String::new(),
                });
            }
        }
        Ok(())
    }

    /// The form: heading, labelled fields (each field in conflict with a
    /// save made elsewhere followed by the other value and the choice), the
    /// error slot and buttons; with `gone`, the task edited was deleted
    /// elsewhere and the form offers to add it as a new task.
    pub fn form_html(&self, edit: &TaskEdit, lang: Lang) -> String {
        let editing = edit.id.is_some();
        let pick = |vi, en| lang.pick(vi, en);
        let mut html = Html::new();
        html.element(
            "h3",
            &[],
            if editing {
                pick("Sửa nhiệm vụ", "Edit the task")
            } else {
                pick("Thêm nhiệm vụ", "Add a task")
            },
        );
        for (name, id, vi, en) in FIELDS {
            html.element(
                "label",
                &[("class", Some("stacked")), ("for", Some(id))],
                pick(vi, en),
            )
            .void(
                "input",
                &[
                    ("id", Some(id)),
                    ("name", Some(name)),
                    ("type", Some("text")),
                    ("value", Some(self.value(name))),
                ],
            );
            if let Some((_, theirs)) = edit.conflicts.iter().find(|(f, _)| f == name) {
                field_merge::choice_html(&mut html, &conflict_id(name), name, theirs, lang);
            }
        }
        html.element(
            "p",
            &[
                ("class", Some("field-error")),
                ("id", Some(ERROR_SLOT)),
                ("role", Some("alert")),
            ],
            "",
        );
        html.element(
            "button",
            &[("type", Some("submit"))],
            if editing {
                pick("Lưu nhiệm vụ", "Save the task")
            } else {
                pick("Thêm nhiệm vụ", "Add the task")
            },
        );
        if edit.gone {
            html.text(" ").element(
                "button",
                &[
                    ("type", Some("button")),
                    ("data-action", Some("save-as-new")),
                ],
                pick("Lưu thành nhiệm vụ mới", "Save as a new task"),
            );
        }
        if editing {
            html.text(" ").element(
                "button",
                &[
                    ("type", Some("button")),
                    ("class", Some("secondary")),
                    ("data-action", Some("cancel-edit")),
                ],
                pick("Hủy sửa", "Cancel editing"),
            );
        }
        html.into_string()
    }
}

/// The id of the form's error message.
pub const ERROR_SLOT: &str = "task-form-error";

/// The id of the box under field `name` that shows another tab's value.
pub fn conflict_id(name: &str) -> String {
    format!("{name}-conflict")
}

/// The task form's edit: which task (`None`: a new one), the task's fields
/// as the form opened them (the base of the merge), the fields changed
/// both here and elsewhere with the other value, and whether the task was
/// deleted elsewhere.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskEdit {
    pub id: Option<String>,
    pub opened: TaskDraft,
    pub conflicts: Vec<(String, String)>,
    pub gone: bool,
}

/// What [`TaskEdit::save`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskSave {
    /// Stored (added, or the task updated with the fields changed here).
    Saved,
    /// Nothing stored: these fields were changed here and elsewhere; the
    /// draft now holds every other field as stored.
    Conflicts,
    /// Nothing stored: the task is gone (deleted elsewhere), or the draft
    /// is incomplete or unreadable.
    Refused(Text),
}

impl TaskEdit {
    /// The form editing task `id` as the plan holds it now; `None` if the
    /// plan has no such task.
    pub fn of(plan: &Plan, id: &str) -> Option<(TaskEdit, TaskDraft)> {
        let task = plan.tasks.iter().find(|t| t.id == id)?;
        let opened = TaskDraft::of(task);
        let edit = TaskEdit {
            id: Some(id.to_owned()),
            opened: opened.clone(),
            ..TaskEdit::default()
        };
        Some((edit, opened))
    }

    /// Saves `draft`: a new task, or only the fields changed here onto the
    /// task as it is stored now (another tab may have saved it since the
    /// form opened). A field changed on both sides is not saved: it is
    /// listed in [`TaskEdit::conflicts`] for the user to choose. A task
    /// deleted elsewhere is never written into another one: the save is
    /// refused and the form offers to add it as new ([`TaskEdit::gone`]).
    pub fn save(&mut self, plan: &mut Plan, draft: &mut TaskDraft) -> TaskSave {
        if let Some(id) = &self.id {
            // Once heard deleted, a task of the same id is another task
            // (an id freed by a delete may be given again).
            let found = plan
                .tasks
                .iter()
                .find(|t| &t.id == id)
                .filter(|_| !self.gone);
            let Some(task) = found else {
                self.gone = true;
                self.conflicts.clear();
                return TaskSave::Refused(gone());
            };
            let merged = field_merge::merge(
                &self.opened.fields(),
                &draft.fields(),
                &TaskDraft::of(task).fields(),
                &field_merge::equal,
            );
            *draft = TaskDraft::from_fields(&merged.mine);
            self.opened = TaskDraft::from_fields(&merged.base);
            self.conflicts = merged.conflicts;
            if !self.conflicts.is_empty() {
                return TaskSave::Conflicts;
            }
        }
        match draft.save(plan, self.id.as_deref()) {
            Ok(()) => TaskSave::Saved,
            Err(text) => TaskSave::Refused(text),
        }
    }

    /// The user's choice for a field in conflict: keep the value typed
    /// here or take the stored one (put into `draft`).
    pub fn choose(&mut self, draft: &mut TaskDraft, field: &str, keep_mine: bool) {
        let Some(at) = self.conflicts.iter().position(|(f, _)| f == field) else {
            return;
        };
        let (field, theirs) = self.conflicts.remove(at);
        let (mut base, mut mine) = (self.opened.fields(), draft.fields());
        field_merge::choose(&mut base, &mut mine, &field, &theirs, keep_mine);
        self.opened = TaskDraft::from_fields(&base);
        *draft = TaskDraft::from_fields(&mine);
    }

    /// Leaves the task that is gone: the draft is saved as a new task.
    pub fn as_new(&mut self) {
        *self = TaskEdit::default();
    }
}

/// The id of the progress-note input of task `id`.
pub fn note_input_id(id: &str) -> String {
    format!("task-{id}-note")
}

/// Why an edit of a task was refused: its id is no longer in the plan.
pub fn gone() -> Text {
    Text::new(
        "Nhiệm vụ này vừa bị xóa ở tab khác.",
        "This task was just deleted in another tab.",
    )
}

/// What the form editing task `id`, opened as `opened`, says when the
/// stored plan is `plan`: nothing while the task's fields are as opened,
/// else that another tab saved it or deleted it.
pub fn heard(plan: &Plan, id: &str, opened: &TaskDraft) -> Option<Text> {
    match find(plan, id).and_then(|i| plan.tasks.get(i)) {
        None => Some(Text::new(
            "Tab khác vừa xóa nhiệm vụ này.",
            "Another tab just deleted this task.",
        )),
        Some(task) if TaskDraft::of(task) != *opened => Some(Text::new(
            "Tab khác vừa lưu thay đổi cho nhiệm vụ này. Khi bạn lưu, các ô bạn chưa sửa lấy giá trị của tab kia; ô sửa ở cả hai nơi sẽ cho bạn chọn.",
            "Another tab just saved changes to this task. When you save, the fields you have not changed take the other tab's values; a field changed in both is yours to choose.",
        )),
        Some(_) => None,
    }
}

/// The id of the line in the task form that says what [`heard`] found.
pub const HEARD_SLOT: &str = "task-heard";

/// The position of the task whose id is `id`, if the plan still has it.
pub fn find(plan: &Plan, id: &str) -> Option<usize> {
    plan.tasks.iter().position(|t| t.id == id)
}

/// Deletes the task whose id is `id`; `false` if it was already gone.
pub fn delete(plan: &mut Plan, id: &str) -> bool {
    match find(plan, id) {
        Some(index) => {
            plan.tasks.remove(index);
            true
        }
        None => false,
    }
}

/// Sets the status of task `id` from its key; unknown keys and unknown
/// tasks change nothing.
pub fn set_status(plan: &mut Plan, id: &str, key: &str) -> bool {
    let task = plan.tasks.iter_mut().find(|t| t.id == id);
    match (task, TaskStatus::from_stored_key(key)) {
        (Some(task), Some(status)) => {
            task.status = status;
            true
        }
        _ => false,
    }
}

/// Logs a progress note on task `id`, dated `date`; blank notes, and notes
/// on a task that is gone, are not logged.
pub fn log_progress(plan: &mut Plan, id: &str, date: NaiveDate, note: &str) -> bool {
    let note = note.trim();
    match plan.tasks.iter_mut().find(|t| t.id == id) {
        Some(task) if !note.is_empty() => {
            task.progress.push(ProgressEntry {
                date,
                note: note.to_owned(),
            });
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn draft(title: &str, lead: &str, deadline: &str) -> TaskDraft {
        TaskDraft {
            title: title.into(),
            lead: lead.into(),
            partners: "Sở Tài chính, ; Liên minh HTX".into(),
            deadline: deadline.into(),
            notes: " ghi chú ".into(),
        }
    }

    #[test]
    fn a_task_is_added_edited_and_refused_when_incomplete() {
        let mut plan = Plan::hai_phong_135();
        let before = plan.tasks.len();
        draft("Rà soát", "UBND huyện", "Quý II/2019")
            .save(&mut plan, None)
            .unwrap();
        let added = plan.tasks.last().unwrap();
        assert_eq!(plan.tasks.len(), before + 1);
        assert_eq!(added.partner_agencies, ["Sở Tài chính", "Liên minh HTX"]);
        assert_eq!(added.notes, "ghi chú");
        assert_eq!(added.deadline, TaskDeadline::parse("Quý II/2019"));
        assert!(added.is_overdue(date(2019, 7, 1)));
        assert!(!added.is_overdue(date(2019, 6, 30)));

        let index = plan.tasks.len() - 1;
        let mut edit = TaskDraft::of(&plan.tasks[index]);
        edit.set("task-deadline", "Quý IV/2019".into());
        let id = plan.tasks[index].id.clone();
        edit.save(&mut plan, Some(&id)).unwrap();
        assert_eq!(plan.tasks.len(), before + 1);
        assert!(!plan.tasks[index].is_overdue(date(2019, 7, 1)));

        let unchanged = plan.clone();
        let missing = draft("", "UBND", "").save(&mut plan, None).unwrap_err();
        assert!(missing.vi.contains("tên nhiệm vụ"));
        let unreadable = draft("Việc", "Sở", "sớm")
            .save(&mut plan, None)
            .unwrap_err();
        assert!(unreadable.en.contains("deadline"));
        assert_eq!(plan, unchanged);
    }

    #[test]
    fn new_ids_never_repeat() {
        let mut plan = Plan::hai_phong_135();
        plan.tasks.clear();
        for title in ["a", "b"] {
            draft(title, "x", "").save(&mut plan, None).unwrap();
        }
        plan.tasks.remove(0);
        draft("c", "x", "").save(&mut plan, None).unwrap();
        let ids: Vec<&str> = plan.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["N2", "N3"]);
    }

    #[test]
    fn the_table_filters_and_marks_overdue_tasks() {
        let mut plan = Plan::hai_phong_135();
        draft("Rà soát", "UBND huyện Tiên Lãng", "30/06/2019")
            .save(&mut plan, None)
            .unwrap();
        let all = tasks_html(&plan, &Filter::default(), date(2019, 7, 1), Lang::Vi);
        assert_eq!(
            all.matches("<tr data-task-id").count() + all.matches("<tr class=\"overdue\"").count(),
            plan.tasks.len()
        );
        assert!(all.contains("class=\"overdue\" data-task-id=\"N"));
        let only = Filter {
            agency: "UBND huyện Tiên Lãng".into(),
            status: None,
        };
        let filtered = tasks_html(&plan, &only, date(2019, 1, 1), Lang::En);
        assert_eq!(filtered.matches("data-task-id").count(), 1);
        assert!(!filtered.contains("Overdue"));
        let done = Filter {
            agency: String::new(),
            status: Some(TaskStatus::Done),
        };
        assert_eq!(
            tasks_html(&plan, &done, date(2019, 1, 1), Lang::En)
                .matches("data-task-id")
                .count(),
            plan.tasks
                .iter()
                .filter(|t| t.status == TaskStatus::Done)
                .count()
        );
    }

    #[test]
    fn every_status_offered_in_a_row_can_be_chosen() {
        let html = tasks_html(
            &Plan::hai_phong_135(),
            &Filter::default(),
            date(2019, 3, 2),
            Lang::En,
        );
        for status in TaskStatus::ALL {
            let value = status.stored_key();
            assert!(
                html.contains(&format!("value=\"{value}\"")),
                "{value} offered"
            );
            let mut plan = Plan::hai_phong_135();
            let id = plan.tasks[0].id.clone();
            assert!(set_status(&mut plan, &id, value));
            assert_eq!(plan.tasks[0].status, status);
        }
    }

    /// Tab B opened task 2's form; tab A deleted task 1. B's save changes
    /// task 2, not whichever task now sits where task 2 was; after task 2
    /// itself is deleted, B's save is refused and nothing changes.
    #[test]
    fn a_task_is_edited_by_its_id_not_its_position() {
        let mut plan = Plan::hai_phong_135();
        for title in ["một", "hai"] {
            draft(title, "UBND", "").save(&mut plan, None).unwrap();
        }
        let first = plan.tasks[0].id.clone();
        let second = plan.tasks[1].id.clone();
        let mut form = TaskDraft::of(&plan.tasks[1]);
        form.set("task-notes", "sửa ở tab B".into());

        assert!(delete(&mut plan, &first));
        assert!(!delete(&mut plan, &first), "already gone");
        form.save(&mut plan, Some(&second)).unwrap();
        let edited = &plan.tasks[find(&plan, &second).unwrap()];
        assert_eq!(edited.notes, "sửa ở tab B");
        assert!(
            plan.tasks
                .iter()
                .filter(|t| t.notes == "sửa ở tab B")
                .count()
                == 1
        );

        assert!(delete(&mut plan, &second));
        let before = plan.clone();
        let refused = form.save(&mut plan, Some(&second)).unwrap_err();
        assert_eq!(refused.get(Lang::Vi), "Nhiệm vụ này vừa bị xóa ở tab khác.");
        assert_eq!(
            refused.get(Lang::En),
            "This task was just deleted in another tab."
        );
        assert_eq!(plan, before);
    }

    #[test]
    fn status_and_progress_change_one_task() {
        let mut plan = Plan::hai_phong_135();
        let id = plan.tasks[0].id.clone();
        assert!(set_status(&mut plan, &id, "done"));
        assert_eq!(plan.tasks[0].status, TaskStatus::Done);
        assert!(!set_status(&mut plan, &id, "nope"));
        assert!(!set_status(&mut plan, "no-such-task", "done"));
        assert!(log_progress(&mut plan, &id, date(2019, 3, 1), " Đã họp "));
        assert!(!log_progress(&mut plan, &id, date(2019, 3, 1), "   "));
        assert!(!log_progress(
            &mut plan,
            "no-such-task",
            date(2019, 3, 1),
            "x"
        ));
        assert_eq!(plan.tasks[0].progress.len(), 1);
        assert_eq!(plan.tasks[0].progress[0].note, "Đã họp");
        let html = tasks_html(&plan, &Filter::default(), date(2019, 3, 2), Lang::Vi);
        assert!(html.contains("01/03/2019 — Đã họp"));
    }

    #[test]
    fn the_form_labels_its_fields_and_keeps_their_values() {
        let editing = TaskEdit {
            id: Some("N1".into()),
            ..TaskEdit::default()
        };
        let form = draft("Rà <soát>", "UBND", "").form_html(&editing, Lang::Vi);
        for (_, id, vi, _) in FIELDS {
            assert!(
                form.contains(&format!("for=\"{id}\">{}", crate::html::escape(vi))),
                "{id}"
            );
        }
        assert!(form.contains("value=\"Rà &lt;soát&gt;\""));
        assert!(form.contains("Sửa nhiệm vụ") && form.contains("cancel-edit"));
        assert!(!draft("", "", "")
            .form_html(&TaskEdit::default(), Lang::En)
            .contains("cancel-edit"));
    }

    /// Tab B's form saves only its own fields onto the task as tab A
    /// saved it; a field both changed waits for B's choice; a task A
    /// deleted is never written into another, and B may add it as new.
    #[test]
    fn a_task_edited_in_two_tabs_loses_no_field() {
        let mut plan = Plan::hai_phong_135();
        plan.tasks.clear();
        for title in ["một", "hai"] {
            draft(title, "UBND", "").save(&mut plan, None).unwrap();
        }
        let id = plan.tasks[1].id.clone();
        let (mut b, mut typed) = TaskEdit::of(&plan, &id).unwrap();
        let (mut a, mut theirs) = TaskEdit::of(&plan, &id).unwrap();
        theirs.set("task-lead", "Sở Nội vụ".into());
        assert_eq!(a.save(&mut plan, &mut theirs), TaskSave::Saved);

        typed.set("task-notes", "ghi ở tab B".into());
        assert_eq!(b.save(&mut plan, &mut typed), TaskSave::Saved);
        let task = &plan.tasks[1];
        assert_eq!(
            (task.lead_agency.as_str(), task.notes.as_str()),
            ("Sở Nội vụ", "ghi ở tab B")
        );

        for keep_mine in [true, false] {
            let mut stored = plan.clone();
            let (mut b, mut typed) = TaskEdit::of(&stored, &id).unwrap();
            let (mut a, mut theirs) = TaskEdit::of(&stored, &id).unwrap();
            theirs.set("task-lead", "Sở Tài chính".into());
            a.save(&mut stored, &mut theirs);
            typed.set("task-lead", "Liên minh HTX".into());
            typed.set("task-title", "hai (sửa)".into());
            let before = stored.clone();
            assert_eq!(b.save(&mut stored, &mut typed), TaskSave::Conflicts);
            assert_eq!(stored, before, "nothing saved before the choice");
            assert_eq!(
                b.conflicts,
                [("task-lead".to_owned(), "Sở Tài chính".to_owned())]
            );
            let html = typed.form_html(&b, Lang::Vi);
            assert!(html.contains("Tab khác vừa lưu: Sở Tài chính — giữ giá trị"));
            assert!(html.contains("id=\"task-lead-conflict\""));
            // Saving again without a choice still asks.
            assert_eq!(b.save(&mut stored, &mut typed), TaskSave::Conflicts);
            b.choose(&mut typed, "task-lead", keep_mine);
            assert_eq!(b.save(&mut stored, &mut typed), TaskSave::Saved);
            let task = &stored.tasks[1];
            let expected = if keep_mine {
                "Liên minh HTX"
            } else {
                "Sở Tài chính"
            };
            assert_eq!(task.lead_agency, expected);
            assert_eq!(task.title.vi, "hai (sửa)");
        }

        let (mut b, mut typed) = TaskEdit::of(&plan, &id).unwrap();
        typed.set("task-notes", "sau khi xóa".into());
        assert!(delete(&mut plan, &id));
        let before = plan.clone();
        let refused = b.save(&mut plan, &mut typed);
        assert_eq!(refused, TaskSave::Refused(gone()));
        assert_eq!(plan, before, "no other task takes the edit");
        assert!(b.gone);
        assert!(typed.form_html(&b, Lang::En).contains("Save as a new task"));
        // A new task given the freed id is not the one the form edited.
        let mut again = plan.clone();
        draft("khác", "UBND", "").save(&mut again, None).unwrap();
        assert!(
            again.tasks.iter().any(|t| t.id == id),
            "the id is given again"
        );
        let before_again = again.clone();
        assert_eq!(b.save(&mut again, &mut typed), TaskSave::Refused(gone()));
        assert_eq!(again, before_again);
        b.as_new();
        assert_eq!(b.save(&mut plan, &mut typed), TaskSave::Saved);
        assert_eq!(plan.tasks.len(), 2);
        assert_eq!(
            plan.tasks[0], before.tasks[0],
            "the other task is as it was"
        );
        assert_eq!(plan.tasks[1].notes, "sau khi xóa");
        assert_ne!(plan.tasks[1].id, plan.tasks[0].id);
    }

    #[test]
    fn a_task_form_hears_a_save_or_a_delete_elsewhere() {
        let mut plan = Plan::hai_phong_135();
        let Some(task) = plan.tasks.first().cloned() else {
            return;
        };
        let opened = TaskDraft::of(&task);
        assert_eq!(heard(&plan, &task.id, &opened), None);
        if let Some(t) = plan.tasks.first_mut() {
            t.lead_agency = "Sở Nội vụ".to_owned();
        }
        let changed = heard(&plan, &task.id, &opened).map(|t| t.get(Lang::En).to_owned());
        assert!(changed.is_some_and(|t| t.starts_with("Another tab just saved")));
        assert!(delete(&mut plan, &task.id));
        let gone = heard(&plan, &task.id, &opened).map(|t| t.get(Lang::Vi).to_owned());
        assert_eq!(gone.as_deref(), Some("Tab khác vừa xóa nhiệm vụ này."));
    }
}
