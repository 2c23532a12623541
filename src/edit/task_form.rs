//! The task tracker as data: the rows of the table of tasks (filtered by
//! lead agency and status, overdue ones marked as of the chosen date), the
//! draft of the form that adds or edits a task with its per-field merge
//! against saves made elsewhere, and what each control does to the plan.
//! No markup: the app's task tracker (`app::components::task_tracker`)
//! draws them. Tasks are named by id, never by position.

use chrono::NaiveDate;

use crate::domain::field_merge::{self, Fields};
use crate::domain::plan::Plan;
use crate::domain::task::{ProgressEntry, Task, TaskDeadline, TaskStatus};
use crate::i18n::format::format_date;
use crate::i18n::{Lang, Text};

/// The lead agencies of the plan's tasks, sorted, each once.
pub fn agencies(plan: &Plan) -> Vec<String> {
    let mut agencies: Vec<String> = plan.tasks.iter().map(|t| t.lead_agency.clone()).collect();
    crate::sorting::sort(&mut agencies);
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

/// One row of the table of tasks, as shown in one language as of a date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskRow {
    pub id: String,
    pub title: String,
    /// The task's source and notes, those that are not blank.
    pub small: Vec<String>,
    pub lead: String,
    /// The partner agencies, joined by "; " (empty for none).
    pub partners: String,
    /// The deadline in words, "—" for none.
    pub deadline: String,
    pub overdue: bool,
    pub status: TaskStatus,
    /// The progress log: "01/03/2019 — Đã họp", oldest first.
    pub log: Vec<String>,
}

impl TaskRow {
    fn new(task: &Task, as_of: NaiveDate, lang: Lang) -> TaskRow {
        TaskRow {
            id: task.id.clone(),
            title: task.title.get(lang).to_owned(),
            small: [&task.source, &task.notes]
                .into_iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect(),
            lead: task.lead_agency.clone(),
            partners: task.partner_agencies.join("; "),
            deadline: task
                .deadline
                .map_or_else(|| "—".to_owned(), |d| d.describe(lang)),
            overdue: task.is_overdue(as_of),
            status: task.status,
            log: task
                .progress
                .iter()
                .map(|entry| format!("{} — {}", format_date(entry.date, lang), entry.note))
                .collect(),
        }
    }
}

/// The rows of the tasks `filter` shows, in the plan's order. Rows name
/// their task by its id, never by its position: after another tab deletes
/// a task, this tab's row still means the same task.
pub fn task_rows(plan: &Plan, filter: &Filter, as_of: NaiveDate, lang: Lang) -> Vec<TaskRow> {
    plan.tasks
        .iter()
        .filter(|task| filter.shows(task))
        .map(|task| TaskRow::new(task, as_of, lang))
        .collect()
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

/// A field of the task form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskField {
    Title,
    Lead,
    Partners,
    Deadline,
    Notes,
}

impl TaskField {
    /// The form's fields, in order.
    pub const ALL: [TaskField; 5] = [
        TaskField::Title,
        TaskField::Lead,
        TaskField::Partners,
        TaskField::Deadline,
        TaskField::Notes,
    ];

    /// The field's name in a per-field merge ([`crate::domain::field_merge`]).
    pub fn key(self) -> &'static str {
        match self {
            TaskField::Title => "task-title",
            TaskField::Lead => "task-lead",
            TaskField::Partners => "task-partners",
            TaskField::Deadline => "task-deadline",
            TaskField::Notes => "task-notes",
        }
    }

    /// The id of the field's input.
    pub fn input_id(self) -> &'static str {
        match self {
            TaskField::Title => "new-task-title",
            TaskField::Lead => "new-task-lead",
            TaskField::Partners => "new-task-partners",
            TaskField::Deadline => "new-task-deadline",
            TaskField::Notes => "new-task-notes",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TaskField::Title => lang.pick("Tên nhiệm vụ", "Task"),
            TaskField::Lead => lang.pick("Cơ quan chủ trì", "Lead agency"),
            TaskField::Partners => lang.pick(
                "Cơ quan phối hợp (cách nhau bởi dấu ;)",
                "Partner agencies (separated by ;)",
            ),
            TaskField::Deadline => lang.pick(
                "Thời hạn (30/06/2019, Quý II/2019, năm 2020, hằng năm 15/12)",
                "Deadline (30/06/2019, Q2/2019, 2020, yearly 15/12)",
            ),
            TaskField::Notes => lang.pick("Ghi chú", "Notes"),
        }
    }

    /// The id of the box under the field that shows another tab's value.
    pub fn conflict_id(self) -> String {
        format!("{}-conflict", self.key())
    }
}

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

    /// The draft with `field` set to `value`, as typed.
    pub fn set(&mut self, field: TaskField, value: String) {
        *self.slot(field) = value;
    }

    /// What `field` holds, as typed.
    pub fn get(&self, field: TaskField) -> &str {
        match field {
            TaskField::Title => &self.title,
            TaskField::Lead => &self.lead,
            TaskField::Partners => &self.partners,
            TaskField::Deadline => &self.deadline,
            TaskField::Notes => &self.notes,
        }
    }

    fn slot(&mut self, field: TaskField) -> &mut String {
        match field {
            TaskField::Title => &mut self.title,
            TaskField::Lead => &mut self.lead,
            TaskField::Partners => &mut self.partners,
            TaskField::Deadline => &mut self.deadline,
            TaskField::Notes => &mut self.notes,
        }
    }

    /// The draft as `(field, value)` texts, under the fields' keys, for a
    /// per-field merge ([`crate::domain::field_merge`]).
    pub fn fields(&self) -> Fields {
        TaskField::ALL
            .iter()
            .map(|f| (f.key().to_owned(), self.get(*f).to_owned()))
            .collect()
    }

    fn from_fields(fields: &[(String, String)]) -> TaskDraft {
        let mut draft = TaskDraft::default();
        for field in TaskField::ALL {
            draft.set(field, field_merge::value(fields, field.key()).to_owned());
        }
        draft
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
    pub fn choose(&mut self, draft: &mut TaskDraft, field: TaskField, keep_mine: bool) {
        let Some(at) = self.conflicts.iter().position(|(f, _)| f == field.key()) else {
            return;
        };
        let (field, theirs) = self.conflicts.remove(at);
        let (mut base, mut mine) = (self.opened.fields(), draft.fields());
        field_merge::choose(&mut base, &mut mine, &field, &theirs, keep_mine);
        self.opened = TaskDraft::from_fields(&base);
        *draft = TaskDraft::from_fields(&mine);
    }

    /// The value saved elsewhere for `field`, when it is in conflict.
    pub fn theirs(&self, field: TaskField) -> Option<&str> {
        self.conflicts
            .iter()
            .find(|(f, _)| f == field.key())
            .map(|(_, v)| v.as_str())
    }

    /// The first field in conflict, in the form's order.
    pub fn first_conflict(&self) -> Option<TaskField> {
        TaskField::ALL
            .into_iter()
            .find(|f| self.theirs(*f).is_some())
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
        edit.set(TaskField::Deadline, "Quý IV/2019".into());
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
        let all = task_rows(&plan, &Filter::default(), date(2019, 7, 1), Lang::Vi);
        assert_eq!(all.len(), plan.tasks.len());
        let added = all.last().cloned().unwrap_or_default();
        assert!(added.id.starts_with('N') && added.overdue);
        assert_eq!(added.partners, "Sở Tài chính; Liên minh HTX");
        assert_eq!(added.small, ["ghi chú"]);
        assert_eq!(added.deadline, "30/06/2019");
        let only = Filter {
            agency: "UBND huyện Tiên Lãng".into(),
            status: None,
        };
        let filtered = task_rows(&plan, &only, date(2019, 1, 1), Lang::En);
        assert_eq!(filtered.len(), 1);
        assert!(!filtered[0].overdue);
        assert!(agencies(&plan).contains(&"UBND huyện Tiên Lãng".to_owned()));
        let done = Filter {
            agency: String::new(),
            status: Some(TaskStatus::Done),
        };
        assert_eq!(
            task_rows(&plan, &done, date(2019, 1, 1), Lang::En).len(),
            plan.tasks
                .iter()
                .filter(|t| t.status == TaskStatus::Done)
                .count()
        );
    }

    #[test]
    fn every_status_offered_in_a_row_can_be_chosen() {
        for status in TaskStatus::ALL {
            let value = status.stored_key();
            assert_eq!(TaskStatus::from_stored_key(value), Some(status), "{value}");
            let mut plan = Plan::hai_phong_135();
            let id = plan.tasks[0].id.clone();
            assert!(set_status(&mut plan, &id, value));
            assert_eq!(plan.tasks[0].status, status);
            let rows = task_rows(&plan, &Filter::default(), date(2019, 3, 2), Lang::En);
            assert_eq!(rows[0].status, status);
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
        form.set(TaskField::Notes, "sửa ở tab B".into());

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
        let rows = task_rows(&plan, &Filter::default(), date(2019, 3, 2), Lang::Vi);
        assert_eq!(rows[0].log, ["01/03/2019 — Đã họp"]);
    }

    #[test]
    fn the_form_labels_its_fields_and_keeps_their_values() {
        let mut form = draft("Rà <soát>", "UBND", "");
        let mut ids: Vec<&str> = TaskField::ALL.iter().map(|f| f.input_id()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 5);
        for field in TaskField::ALL {
            assert!(!field.label(Lang::Vi).is_empty() && !field.label(Lang::En).is_empty());
            form.set(field, format!("{} <x>", field.key()));
            assert_eq!(form.get(field), format!("{} <x>", field.key()));
        }
        assert_eq!(TaskField::Lead.label(Lang::Vi), "Cơ quan chủ trì");
        assert!(TaskField::Deadline
            .label(Lang::Vi)
            .starts_with("Thời hạn (30"));
        assert_eq!(TaskDraft::from_fields(&form.fields()), form);
        assert_eq!(TaskField::Lead.conflict_id(), "task-lead-conflict");
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
        theirs.set(TaskField::Lead, "Sở Nội vụ".into());
        assert_eq!(a.save(&mut plan, &mut theirs), TaskSave::Saved);

        typed.set(TaskField::Notes, "ghi ở tab B".into());
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
            theirs.set(TaskField::Lead, "Sở Tài chính".into());
            a.save(&mut stored, &mut theirs);
            typed.set(TaskField::Lead, "Liên minh HTX".into());
            typed.set(TaskField::Title, "hai (sửa)".into());
            let before = stored.clone();
            assert_eq!(b.save(&mut stored, &mut typed), TaskSave::Conflicts);
            assert_eq!(stored, before, "nothing saved before the choice");
            assert_eq!(
                b.conflicts,
                [("task-lead".to_owned(), "Sở Tài chính".to_owned())]
            );
            assert_eq!(b.first_conflict(), Some(TaskField::Lead));
            let shown = b
                .theirs(TaskField::Lead)
                .map(|v| field_merge::choice_text(v, Lang::Vi));
            assert!(shown
                .is_some_and(|t| t.starts_with("Tab khác vừa lưu: Sở Tài chính — giữ giá trị")));
            assert_eq!(b.theirs(TaskField::Title), None);
            // Saving again without a choice still asks.
            assert_eq!(b.save(&mut stored, &mut typed), TaskSave::Conflicts);
            b.choose(&mut typed, TaskField::Lead, keep_mine);
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
        typed.set(TaskField::Notes, "sau khi xóa".into());
        assert!(delete(&mut plan, &id));
        let before = plan.clone();
        let refused = b.save(&mut plan, &mut typed);
        assert_eq!(refused, TaskSave::Refused(gone()));
        assert_eq!(plan, before, "no other task takes the edit");
        assert!(b.gone);
        assert!(b.gone, "the form offers to save it as a new task");
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
