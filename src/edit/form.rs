//! The entry forms as data: a unit, one year of a unit, and the city's
//! yearly inputs.
//!
//! A [`Form`] is the draft: what the user typed, field by field, as text.
//! Every change goes through [`Form::set`], which reads the text the way
//! the CSV files are read ([`crate::files::csv_data`]: numbers as the page's
//! language writes them, see [`crate::i18n::number`]; dd/mm/yyyy) and runs the
//! workspace's validation on the result, so each message lands beside its
//! field in both languages. Fields are typed ([`Field`], from
//! [`crate::edit::form_field`]); their names are texts only in the page's
//! ids and in the files' columns. What the page shows of a field is data
//! ([`Form::field`]: label, kind, value, hint, the echo of an amount as it
//! will be stored — "= 4.800 triệu đồng" —, message, conflict), and the
//! layout too ([`Form::groups`], [`Form::manager_rows`]); the page draws
//! it (`app/pages/data/forms.rs`) and writes no markup here. [`Form::apply`]
//! puts a form without errors into the workspace; [`Form::rebase`] first
//! takes in what another tab saved meanwhile.

use crate::domain::decimal::Decimal;
use crate::domain::field_merge;
use crate::domain::unit::{
    latest_change, KeyManager, ManagerRole, OperatingStatus, Qualification, StatusChange, Unit,
    UnitKind, YearRecord,
};
use crate::domain::validation::{validate_city_year, validate_unit_in_workspace, Severity};
use crate::domain::workspace::{CityYear, Workspace};
use crate::edit::form_field::{manager_title, managers_label, Choices, Input};
pub use crate::edit::form_field::{CityField, Field, ManagerPart, UnitField, YearField};
use crate::files::csv_data::{parse_flag, set_unit_cell, set_year_cell, unit_cell, year_cell};
use crate::i18n::format::iso_date;
use crate::i18n::number::{self, Convention};
use crate::i18n::{Lang, Text};
use crate::report::{qualification_label, role_label};

/// A form with errors cannot be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invalid;

/// What a form edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A new unit, or the unit with this id.
    Unit(Option<String>),
    /// A year of a unit: the record of `year`, or a new one.
    Year { unit_id: String, year: Option<i32> },
    /// The city's inputs of `year`, or a new year.
    City(Option<i32>),
}

/// A form's fields, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub target: Target,
    values: Vec<(Field, String)>,
    /// Key-manager rows (year forms).
    managers: usize,
    /// Messages by field: errors block saving, warnings do not.
    messages: Vec<(Field, Severity, Text)>,
    /// How the numbers in `values` are written: the page's language.
    numbers: Convention,
    /// The values the record had when the form was opened (or last
    /// rebased, [`Form::rebase`]), written as `values` are: a save applies
    /// only the fields the user changed from these.
    opened: Vec<(Field, String)>,
    /// Fields changed both here and in the stored workspace since the form
    /// opened, with the value stored there; the user chooses
    /// ([`Form::resolve`]) before the form can be saved.
    conflicts: Vec<(Field, String)>,
    /// When the key managers of a year were changed here and elsewhere in
    /// ways that cannot be matched row by row (rows added or removed): the
    /// other save's rows and their count, for the user to choose between
    /// (conflict [`Field::Managers`]).
    their_managers: Option<(usize, Vec<(Field, String)>)>,
    /// What a save elsewhere did to the record since the form opened, as
    /// last told to the user ([`Form::hear`]).
    heard: Heard,
}

/// What became of the record a form edits, by a save made elsewhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Heard {
    /// Nothing (or a new record, which no other tab can know).
    #[default]
    Nothing,
    /// Saved with other values than the form was opened from.
    Changed,
    /// Deleted.
    Deleted,
}

impl Heard {
    /// What the form says about it (nothing for [`Heard::Nothing`]).
    pub fn notice(self, lang: Lang) -> &'static str {
        match self {
            Heard::Nothing => "",
            Heard::Changed => lang.pick(
                "Tab khác vừa lưu thay đổi cho mục này. Khi bạn lưu, các ô bạn chưa sửa lấy giá trị của tab kia; ô sửa ở cả hai nơi sẽ cho bạn chọn.",
                "Another tab just saved changes to this. When you save, the fields you have not changed take the other tab's values; a field changed in both is yours to choose.",
            ),
            Heard::Deleted => lang.pick(
                "Tab khác vừa xóa mục này.",
                "Another tab just deleted this.",
            ),
        }
    }
}

/// What [`Form::rebase`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Rebase {
    /// The form now holds the stored values plus the user's changes.
    #[default]
    Merged,
    /// These fields were changed both here and in the stored workspace:
    /// (field, the value stored there). Nothing may be saved until the
    /// user chooses for each.
    Conflicts(Vec<(Field, String)>),
}

fn flag_text(value: bool) -> String {
    if value { "có" } else { "không" }.to_owned()
}

impl Form {
    /// A form of `values` as the files hold them (numbers in the plain
    /// form), written for a page in `lang`.
    fn new(target: Target, values: Vec<(Field, String)>, managers: usize, lang: Lang) -> Form {
        let mut form = Form {
            target,
            opened: values.clone(),
            values,
            managers,
            messages: Vec::new(),
            numbers: Convention::PLAIN,
            conflicts: Vec::new(),
            their_managers: None,
            heard: Heard::Nothing,
        };
        form.rewrite_numbers(Convention::of(lang));
        form
    }

    /// Writes every number the form holds in `convention`; text that is
    /// not a number in the form's present convention is kept as typed.
    fn rewrite_numbers(&mut self, convention: Convention) {
        let from = self.numbers;
        if from == convention {
            return;
        }
        let all = self
            .values
            .iter_mut()
            .chain(self.opened.iter_mut())
            .chain(self.conflicts.iter_mut());
        for (field, value) in all {
            if !field.is_number() {
                continue;
            }
            if let Ok(Some(plain)) = number::parse_plain(value, from) {
                *value = number::write_plain(&plain, convention);
            }
        }
        self.numbers = convention;
    }

    /// The page's language changed: the numbers typed so far are written
    /// its way (what was "4.800" in Vietnamese becomes "4,800" in English),
    /// and the form is checked again.
    pub fn set_lang(&mut self, ws: &Workspace, lang: Lang) {
        if Convention::of(lang) != self.numbers {
            self.rewrite_numbers(Convention::of(lang));
            self.check(ws);
        }
    }

    /// For every amount field: the field and the value as it will be
    /// stored, in `lang`'s format and unit ("= 4.800 triệu đồng"); empty
    /// when the field is empty or cannot be read.
    pub fn echoes(&self, lang: Lang) -> Vec<(Field, String)> {
        self.values
            .iter()
            .filter_map(|&(field, ref value)| {
                let unit = field.echo_unit(lang)?;
                let echo = match number::parse_decimal(value, self.numbers) {
                    Ok(Some(amount)) => format!(
                        "= {}{unit}",
                        number::write_decimal(&amount, Convention::of(lang))
                    ),
                    _ => String::new(),
                };
                Some((field, echo))
            })
            .collect()
    }

    /// The form for a new unit (`None`) or an existing one.
    pub fn unit(ws: &Workspace, id: Option<&str>, lang: Lang) -> Form {
        let found = id.and_then(|id| ws.unit(id));
        let unit = found
            .cloned()
            .unwrap_or_else(|| Unit::new("", "", UnitKind::Htx));
        let latest = |status: OperatingStatus| {
            latest_change(&unit.status_history, status)
                .map(iso_date)
                .unwrap_or_default()
        };
        let values = UnitField::ALL
            .into_iter()
            .map(|field| {
                let value = match field {
                    UnitField::InactiveSince => latest(OperatingStatus::Inactive),
                    UnitField::ResumedOn => resumption(&unit.status_history)
                        .map(iso_date)
                        .unwrap_or_default(),
                    UnitField::DissolvedOn => unit.dissolved_on().map(iso_date).unwrap_or_default(),
                    UnitField::ContractAuthenticated | UnitField::MeetsLegalConditions
                        if unit.group.is_none() =>
                    {
                        flag_text(false)
                    }
                    field => unit_cell(&unit, field.key()),
                };
                (Field::Unit(field), value)
            })
            .collect();
        let mut form = Form::new(Target::Unit(found.map(|u| u.id.clone())), values, 0, lang);
        form.check(ws);
        form
    }

    /// The form for a unit's year: the record of `year`, or a new record
    /// for the year after the latest (this year if none).
    pub fn year(
        ws: &Workspace,
        unit_id: &str,
        year: Option<i32>,
        this_year: i32,
        lang: Lang,
    ) -> Form {
        let unit = ws.unit(unit_id);
        let record = year.and_then(|y| unit.and_then(|u| u.record(y)).cloned());
        let target_year = record.as_ref().map(|r| r.year);
        let record = record.unwrap_or_else(|| YearRecord {
            year: unit
                .and_then(|u| u.years.iter().map(|r| r.year).max())
                .map_or(this_year, |y| y.saturating_add(1)),
            ..Default::default()
        });
        Form::for_record(ws, unit_id, target_year, &record, lang)
    }

    /// "Start year Y+1 from year Y": a new record for the next year,
    /// filled with year Y's figures to be corrected.
    pub fn next_year_from(ws: &Workspace, unit_id: &str, from: i32, lang: Lang) -> Form {
        let mut record = ws
            .unit(unit_id)
            .and_then(|u| u.record(from))
            .cloned()
            .unwrap_or_default();
        record.year = from.saturating_add(1);
        Form::for_record(ws, unit_id, None, &record, lang)
    }

    fn for_record(
        ws: &Workspace,
        unit_id: &str,
        year: Option<i32>,
        record: &YearRecord,
        lang: Lang,
    ) -> Form {
        // The year's cell is the record's year.
        let mut values: Vec<(Field, String)> = YearField::ALL
            .into_iter()
            .map(|f| (Field::Year(f), year_cell(record, f.key())))
            .collect();
        for (i, manager) in record.key_managers.iter().enumerate() {
            values.extend(manager_values(i, manager));
        }
        let mut form = Form::new(
            Target::Year {
                unit_id: unit_id.to_owned(),
                year,
            },
            values,
            record.key_managers.len(),
            lang,
        );
        form.check(ws);
        form
    }

    /// The city's inputs for `year`, or a new year (`None`: this year, or
    /// the year after the latest entered).
    pub fn city(ws: &Workspace, year: Option<i32>, this_year: i32, lang: Lang) -> Form {
        let existing = year.and_then(|y| ws.city_year(y)).cloned();
        let target = existing.as_ref().map(|c| c.year);
        let city = existing.unwrap_or_else(|| CityYear {
            year: ws
                .city_years
                .iter()
                .map(|c| c.year)
                .max()
                .map_or(this_year, |y| y.saturating_add(1)),
            ..Default::default()
        });
        let amount = |a: &Option<Decimal>| {
            a.as_ref()
                .map(|a| a.as_str().to_owned())
                .unwrap_or_default()
        };
        let values = CityField::ALL
            .into_iter()
            .map(|field| {
                let value = match field {
                    CityField::Year => city.year.to_string(),
                    CityField::GrdpCurrentPrices => amount(&city.grdp_current_prices),
                    CityField::ExtraCollectiveValueAdded => {
                        amount(&city.extra_collective_value_added)
                    }
                };
                (Field::City(field), value)
            })
            .collect();
        let mut form = Form::new(Target::City(target), values, 0, lang);
        form.check(ws);
        form
    }

    /// The first field, to focus when the form opens.
    pub fn first_field(&self) -> Option<Field> {
        self.values.first().map(|(f, _)| *f)
    }

    /// How many key-manager rows the form has.
    pub fn managers(&self) -> usize {
        self.managers
    }

    /// The unit a unit or year form edits.
    pub fn unit_id(&self) -> Option<&str> {
        match &self.target {
            Target::Unit(id) => id.as_deref(),
            Target::Year { unit_id, .. } => Some(unit_id),
            Target::City(_) => None,
        }
    }

    /// The text of `field` (empty when the form has no such field).
    pub fn value(&self, field: impl Into<Field>) -> &str {
        self.value_of(field.into())
    }

    fn value_of(&self, field: Field) -> &str {
        self.values
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Whether the form holds edits a reload would lose: a field whose
    /// text no longer says what the record said when the form opened
    /// ("4.800" and "4800" say the same in Vietnamese), a key-manager row
    /// added or removed, or a conflict still to choose.
    pub fn unsaved(&self) -> bool {
        !self.conflicts.is_empty()
            || self.values.len() != self.opened.len()
            || self.values.iter().any(|&(field, ref value)| {
                self.opened
                    .iter()
                    .find(|(f, _)| *f == field)
                    .is_none_or(|(_, base)| !self.same(field, value, base))
            })
    }

    /// Takes a field's new text and checks the form again; a field the
    /// form does not have is ignored.
    pub fn set(&mut self, ws: &Workspace, field: impl Into<Field>, value: &str) {
        self.set_field(ws, field.into(), value);
    }

    fn set_field(&mut self, ws: &Workspace, field: Field, value: &str) {
        match self.values.iter_mut().find(|(f, _)| *f == field) {
            Some((_, old)) => *old = value.to_owned(),
            None => return,
        }
        self.check(ws);
    }

    /// The same form opened afresh from the workspace as it is now; `None`
    /// for a new record, or one that is no longer there.
    fn reopened(&self, ws: &Workspace) -> Option<Form> {
        let lang = self.numbers.lang();
        match &self.target {
            Target::Unit(Some(id)) => ws.unit(id).map(|_| Form::unit(ws, Some(id), lang)),
            Target::Year {
                unit_id,
                year: Some(year),
            } => ws
                .unit(unit_id)
                .and_then(|u| u.record(*year))
                .map(|_| Form::year(ws, unit_id, Some(*year), *year, lang)),
            Target::City(Some(year)) => ws
                .city_year(*year)
                .map(|_| Form::city(ws, Some(*year), *year, lang)),
            _ => None,
        }
    }

    /// Checks the record in `ws` against what the form was opened from and
    /// remembers what a save elsewhere did to it; returns it when that is
    /// news (to be said at once; [`Form::heard`] keeps it for the form).
    pub fn hear(&mut self, ws: &Workspace) -> Option<Heard> {
        let existing = matches!(
            &self.target,
            Target::Unit(Some(_)) | Target::Year { year: Some(_), .. } | Target::City(Some(_))
        );
        let heard = match (existing, self.reopened(ws)) {
            (false, _) => Heard::Nothing,
            (true, None) => Heard::Deleted,
            (true, Some(now)) => {
                let opened_value = |field: Field| {
                    self.opened
                        .iter()
                        .find(|(f, _)| *f == field)
                        .map(|(_, v)| v.as_str())
                };
                let differs = now.values.len() != self.opened.len()
                    || now.values.iter().any(|&(field, ref theirs)| {
                        opened_value(field).is_none_or(|base| !self.same(field, theirs, base))
                    });
                if differs {
                    Heard::Changed
                } else {
                    Heard::Nothing
                }
            }
        };
        if heard == self.heard {
            return None;
        }
        self.heard = heard;
        Some(heard)
    }

    /// Whether two texts of `field` say the same ("4.800" and "4800" do,
    /// in Vietnamese).
    fn same(&self, field: Field, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        if field.is_number() {
            if let (Ok(x), Ok(y)) = (
                number::parse_plain(a, self.numbers),
                number::parse_plain(b, self.numbers),
            ) {
                return x == y;
            }
        }
        false
    }

    /// Takes in what was saved to the record since the form opened (by
    /// another tab, say), keeping the user's own changes: a field only the
    /// store changed takes the stored value; a field only the user changed
    /// keeps the user's; a field both changed to different values is a
    /// conflict, reported with the stored value and kept as typed until
    /// the user chooses ([`Form::resolve`]). The key managers of a year
    /// go field by field while every side has the same rows, else as one
    /// block (the user's rows win when both changed them). Call it right
    /// before [`Form::apply`], on the workspace that is about to be saved.
    pub fn rebase(&mut self, ws: &Workspace) -> Rebase {
        let Some(now) = self.reopened(ws) else {
            return Rebase::Merged;
        };
        let rows = |values: &[(Field, String)]| -> Vec<(Field, String)> {
            values
                .iter()
                .filter(|(f, _)| f.is_manager())
                .cloned()
                .collect()
        };
        let opened_rows = rows(&self.opened);
        let opened_count = opened_rows
            .iter()
            .filter(|(f, _)| matches!(f, Field::Manager(_, ManagerPart::Role)))
            .count();
        let rows_alike = self.managers == now.managers && self.managers == opened_count;
        // Field by field; key-manager rows too while every side has the
        // same rows, else as one block below.
        let fields = |values: &[(Field, String)]| -> Vec<(Field, String)> {
            values
                .iter()
                .filter(|(f, _)| rows_alike || !f.is_manager())
                .cloned()
                .collect()
        };
        let same = |field: &Field, a: &str, b: &str| self.same(*field, a, b);
        let field_merge::Merged {
            mine: mut merged,
            base: mut opened,
            mut conflicts,
            ..
        } = field_merge::merge(
            &fields(&self.opened),
            &fields(&self.values),
            &fields(&now.values),
            &same,
        );
        let mut managers = self.managers;
        let mut their_managers = None;
        if !rows_alike {
            let mine_rows = rows(&self.values);
            let their_rows = rows(&now.values);
            let changed_here = mine_rows != opened_rows;
            let changed_there = their_rows != opened_rows;
            if !changed_here {
                merged.extend(their_rows.iter().cloned());
                managers = now.managers;
            } else {
                if changed_there && mine_rows != their_rows {
                    conflicts.push((Field::Managers, String::new()));
                    their_managers = Some((now.managers, their_rows.clone()));
                }
                merged.extend(mine_rows);
            }
            // The rows stay in conflict until the user chooses.
            if their_managers.is_some() {
                opened.extend(opened_rows);
            } else {
                opened.extend(their_rows);
            }
        }
        self.their_managers = their_managers;
        self.values = merged;
        self.managers = managers;
        self.opened = opened;
        self.conflicts = conflicts;
        self.check(ws);
        if self.conflicts.is_empty() {
            Rebase::Merged
        } else {
            Rebase::Conflicts(self.conflicts.clone())
        }
    }

    /// The fields waiting for the user's choice, with the stored value.
    pub fn conflicts(&self) -> &[(Field, String)] {
        &self.conflicts
    }

    /// The user's choice for a conflicting field: keep what was typed here
    /// (`keep_mine`) or take the value stored by the other save. Either
    /// way the field is no longer in conflict.
    pub fn resolve(&mut self, ws: &Workspace, field: impl Into<Field>, keep_mine: bool) {
        self.resolve_field(ws, field.into(), keep_mine);
    }

    fn resolve_field(&mut self, ws: &Workspace, field: Field, keep_mine: bool) {
        let Some(position) = self.conflicts.iter().position(|(f, _)| *f == field) else {
            return;
        };
        let (_, theirs) = self.conflicts.remove(position);
        if field == Field::Managers {
            let Some((count, rows)) = self.their_managers.take() else {
                return;
            };
            self.opened.retain(|(f, _)| !f.is_manager());
            self.opened.extend(rows.iter().cloned());
            if !keep_mine {
                self.values.retain(|(f, _)| !f.is_manager());
                self.values.extend(rows);
                self.managers = count;
            }
            self.check(ws);
            return;
        }
        // The stored value becomes the field's base: "mine" is then a
        // change of it, "theirs" none.
        if let Some((_, base)) = self.opened.iter_mut().find(|(f, _)| *f == field) {
            base.clone_from(&theirs);
        }
        if !keep_mine {
            if let Some((_, value)) = self.values.iter_mut().find(|(f, _)| *f == field) {
                *value = theirs;
            }
        }
        self.check(ws);
    }

    pub fn add_manager(&mut self, ws: &Workspace) {
        let manager = KeyManager {
            role: ManagerRole::Director,
            qualification: Qualification::None,
            trained: false,
            name: String::new(),
        };
        self.values.extend(manager_values(self.managers, &manager));
        self.managers += 1;
        self.check(ws);
    }

    /// Removes key-manager row `index`; later rows move up.
    pub fn remove_manager(&mut self, ws: &Workspace, index: usize) {
        if index >= self.managers {
            return;
        }
        let mut kept: Vec<KeyManager> = self.managers_typed();
        if index < kept.len() {
            kept.remove(index);
        }
        self.values.retain(|(f, _)| !f.is_manager());
        for (i, manager) in kept.iter().enumerate() {
            self.values.extend(manager_values(i, manager));
        }
        self.managers = kept.len();
        self.check(ws);
    }

    /// The key managers as typed (a row that cannot be read counts as the
    /// defaults, and is reported by `check`).
    fn managers_typed(&self) -> Vec<KeyManager> {
        (0..self.managers)
            .map(|i| {
                let part = |p: ManagerPart| self.value_of(Field::Manager(i, p));
                KeyManager {
                    role: ManagerRole::ALL
                        .into_iter()
                        .find(|r| r.stored_key() == part(ManagerPart::Role))
                        .unwrap_or(ManagerRole::Director),
                    qualification: Qualification::ALL
                        .into_iter()
                        .find(|q| q.stored_key() == part(ManagerPart::Qualification))
                        .unwrap_or(Qualification::None),
                    trained: parse_flag(part(ManagerPart::Trained))
                        .ok()
                        .flatten()
                        .unwrap_or(false),
                    name: part(ManagerPart::Name).trim().to_owned(),
                }
            })
            .collect()
    }

    /// Builds what the form describes; problems reading a field are added
    /// to `errors`.
    fn build(&self, ws: &Workspace, errors: &mut Vec<(Field, Severity, Text)>) -> Built {
        let mut bad = |field: Field, text: Text| errors.push((field, Severity::Error, text));
        match &self.target {
            Target::Unit(id) => {
                let mut unit = id
                    .as_deref()
                    .and_then(|id| ws.unit(id))
                    .cloned()
                    .unwrap_or_else(|| Unit::new(new_unit_id(ws), "", UnitKind::Htx));
                for field in UnitField::ALL {
                    // The status dates are read into the history below.
                    if field.is_status_date() {
                        continue;
                    }
                    let value = self.value(field);
                    if let Err(text) = set_unit_cell(&mut unit, field.key(), value, &ws.plan) {
                        bad(Field::Unit(field), text);
                    }
                }
                if unit.kind != UnitKind::Tht {
                    unit.group = None;
                }
                // The form edits the latest inactivity, the latest return to
                // activity and the dissolution; earlier ones stay as they were.
                let latest_inactive =
                    latest_change(&unit.status_history, OperatingStatus::Inactive);
                let resumed = resumption(&unit.status_history);
                let mut history: Vec<StatusChange> = unit
                    .status_history
                    .iter()
                    .filter(|c| match c.status {
                        OperatingStatus::Active => Some(c.since) != resumed,
                        OperatingStatus::Inactive => Some(c.since) != latest_inactive,
                        OperatingStatus::Dissolved => false,
                    })
                    .cloned()
                    .collect();
                let date_of = |field: UnitField| {
                    crate::files::csv_data::parse_date_cell(self.value(field))
                        .ok()
                        .flatten()
                };
                if let (Some(resumed), inactive) = (
                    date_of(UnitField::ResumedOn),
                    date_of(UnitField::InactiveSince),
                ) {
                    if inactive.is_none_or(|inactive| resumed <= inactive) {
                        bad(
                            UnitField::ResumedOn.into(),
                            Text::new(
                                "Ngày hoạt động trở lại phải sau ngày ngừng hoạt động.",
                                "The date it operated again must be after the date it stopped.",
                            ),
                        );
                    }
                }
                for (field, status) in [
                    (UnitField::InactiveSince, OperatingStatus::Inactive),
                    (UnitField::ResumedOn, OperatingStatus::Active),
                    (UnitField::DissolvedOn, OperatingStatus::Dissolved),
                ] {
                    match crate::files::csv_data::parse_date_cell(self.value(field)) {
                        Ok(Some(since)) => history.push(StatusChange { status, since }),
                        Ok(None) => {}
                        Err(_) => bad(
                            field.into(),
                            Text::new(
                                "Cần một ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd.",
                                "Expected a date as dd/mm/yyyy or yyyy-mm-dd.",
                            ),
                        ),
                    }
                }
                crate::sorting::sort_by_key(&mut history, |c| c.since);
                unit.status_history = history;
                Built::Unit(Box::new(unit))
            }
            Target::Year { unit_id, .. } => {
                let mut record = YearRecord::default();
                for (field, value) in &self.values {
                    // The key managers' rows are read below.
                    let Field::Year(year_field) = *field else {
                        continue;
                    };
                    if let Err(text) =
                        set_year_cell(&mut record, year_field.key(), value, self.numbers)
                    {
                        bad(*field, text);
                    }
                }
                record.key_managers = self.managers_typed();
                Built::Year(unit_id.clone(), Box::new(record))
            }
            Target::City(_) => {
                let mut city = CityYear::default();
                let mut record = YearRecord::default();
                // The year is read as a year's record reads it.
                let year = self.value(CityField::Year);
                if let Err(text) = set_year_cell(&mut record, "year", year, self.numbers) {
                    bad(CityField::Year.into(), text);
                }
                city.year = record.year;
                for field in [
                    CityField::GrdpCurrentPrices,
                    CityField::ExtraCollectiveValueAdded,
                ] {
                    match crate::files::csv_data::parse_amount(self.value(field), self.numbers) {
                        Ok(value) => match field {
                            CityField::GrdpCurrentPrices => city.grdp_current_prices = value,
                            CityField::ExtraCollectiveValueAdded => {
                                city.extra_collective_value_added = value;
                            }
                            CityField::Year => {}
                        },
                        Err(error) => bad(field.into(), error.message(self.numbers)),
                    }
                }
                Built::City(city)
            }
        }
    }

    /// Reads every field and validates the result as the workspace would,
    /// keeping each message under the field it is about.
    pub fn check(&mut self, ws: &Workspace) {
        let mut messages = Vec::new();
        let built = self.build(ws, &mut messages);
        let unreadable: Vec<Field> = messages.iter().map(|(f, _, _)| *f).collect();
        let mut place = |field: Field, severity: Severity, text: Text| {
            // A field that cannot be read has its reading message only.
            if !unreadable.contains(&field) {
                messages.push((field, severity, text));
            }
        };
        match built {
            Built::Unit(unit) => {
                for issue in validate_unit_in_workspace(&unit, ws).issues {
                    // The validation names the unit's fields as its
                    // document does; here they become the form's.
                    let field = match issue.location.field {
                        "reorganisation" => UnitField::ReorganisationCompletedOn,
                        "status_history" => {
                            if unit.dissolved_on().is_some() {
                                UnitField::DissolvedOn
                            } else {
                                UnitField::InactiveSince
                            }
                        }
                        key => match UnitField::from_key(key) {
                            Some(field) => field,
                            // Issues of the yearly records belong to their forms.
                            None => continue,
                        },
                    };
                    place(field.into(), issue.severity, issue.message);
                }
            }
            Built::Year(unit_id, record) => {
                let year = record.year;
                if let Some(mut unit) = ws.unit(&unit_id).cloned() {
                    let original = match &self.target {
                        Target::Year { year, .. } => *year,
                        _ => None,
                    };
                    match original.and_then(|y| unit.years.iter().position(|r| r.year == y)) {
                        Some(position) => {
                            if let Some(slot) = unit.years.get_mut(position) {
                                *slot = *record;
                            }
                        }
                        None => unit.years.push(*record),
                    }
                    for issue in validate_unit_in_workspace(&unit, ws).issues {
                        if issue.location.year != Some(year) || issue.location.unit_id.is_none() {
                            continue;
                        }
                        let field = match (issue.location.field, issue.location.manager) {
                            ("key_managers", Some(i)) => Field::Manager(i, ManagerPart::Role),
                            // About the rows as a whole: it counts (an error
                            // blocks the save) though no field shows it.
                            ("key_managers", None) => Field::Managers,
                            (key, _) => match YearField::from_key(key) {
                                Some(field) => field.into(),
                                None => continue,
                            },
                        };
                        place(field, issue.severity, issue.message);
                    }
                }
            }
            Built::City(city) => {
                let original = match self.target {
                    Target::City(year) => year,
                    _ => None,
                };
                if original != Some(city.year) && ws.city_year(city.year).is_some() {
                    place(
                        CityField::Year.into(),
                        Severity::Error,
                        Text::new(
                            format!("Năm {} đã có số liệu của thành phố.", city.year),
                            format!("There is already a city record for {}.", city.year),
                        ),
                    );
                }
                for issue in validate_city_year(&city).issues {
                    // Every issue of a city year is about one of its fields.
                    if let Some(field) = CityField::from_key(issue.location.field) {
                        place(field.into(), issue.severity, issue.message);
                    }
                }
            }
        }
        self.messages = messages;
    }

    pub fn has_errors(&self) -> bool {
        self.messages.iter().any(|(_, s, _)| *s == Severity::Error)
    }

    /// The first field with an error, in the form's order.
    pub fn first_error(&self) -> Option<Field> {
        self.values.iter().map(|(f, _)| *f).find(|field| {
            self.messages
                .iter()
                .any(|(m, s, _)| m == field && *s == Severity::Error)
        })
    }

    /// For every field: the field, whether it has an error, and the text
    /// to show beside it (empty for none).
    pub fn messages(&self, lang: Lang) -> Vec<(Field, bool, String)> {
        self.values
            .iter()
            .map(|&(field, _)| {
                let mine = self.messages.iter().filter(|(f, _, _)| *f == field);
                let error = mine.clone().any(|(_, s, _)| *s == Severity::Error);
                let text = mine
                    .map(|(_, _, t)| t.get(lang))
                    .collect::<Vec<_>>()
                    .join(" ");
                (field, error, text)
            })
            .collect()
    }

    /// Puts the form into the workspace if it has no error; returns the
    /// id of the unit it saved (none for the city form).
    pub fn apply(&self, ws: &mut Workspace) -> Result<Option<String>, Invalid> {
        // A field changed both here and elsewhere waits for the user.
        if !self.conflicts.is_empty() {
            return Err(Invalid);
        }
        let mut errors = Vec::new();
        let built = self.build(ws, &mut errors);
        if !errors.is_empty() || self.has_errors() {
            return Err(Invalid);
        }
        match built {
            Built::Unit(unit) => {
                let id = unit.id.clone();
                match ws.units.iter().position(|u| u.id == id) {
                    Some(position) => {
                        if let Some(slot) = ws.units.get_mut(position) {
                            *slot = *unit;
                        }
                    }
                    None => ws.units.push(*unit),
                }
                Ok(Some(id))
            }
            Built::Year(unit_id, record) => {
                let original = match &self.target {
                    Target::Year { year, .. } => *year,
                    _ => None,
                };
                let unit = ws
                    .units
                    .iter_mut()
                    .find(|u| u.id == unit_id)
                    .ok_or(Invalid)?;
                match original.and_then(|y| unit.years.iter().position(|r| r.year == y)) {
                    Some(position) => {
                        if let Some(slot) = unit.years.get_mut(position) {
                            *slot = *record;
                        }
                    }
                    None => unit.years.push(*record),
                }
                crate::sorting::sort_by_key(&mut unit.years, |r| r.year);
                Ok(Some(unit_id))
            }
            Built::City(city) => {
                let original = match self.target {
                    Target::City(year) => year,
                    _ => None,
                };
                match original.and_then(|y| ws.city_years.iter().position(|c| c.year == y)) {
                    Some(position) => {
                        if let Some(slot) = ws.city_years.get_mut(position) {
                            *slot = city;
                        }
                    }
                    None => ws.city_years.push(city),
                }
                crate::sorting::sort_by_key(&mut ws.city_years, |c| c.year);
                Ok(None)
            }
        }
    }
}

/// How a field is entered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    #[default]
    Text,
    /// A number written the page's way (typed as text, with a decimal
    /// keyboard on phones).
    Number,
    /// A date (the browser's date input: yyyy-mm-dd).
    Date,
    /// Yes or no (a checkbox, whose label holds it).
    Flag,
    /// One of these (stored code, text shown).
    Choice(Vec<(String, String)>),
}

/// One field of a form as the page shows it, in the page's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldView {
    /// The field ([`Field::key`] is its name in the page: `revenue`,
    /// `manager-2-role`).
    pub field: Field,
    pub label: String,
    pub kind: FieldKind,
    /// The text typed (for a flag: "có" or "không").
    pub value: String,
    /// For a flag: whether it is ticked.
    pub checked: bool,
    /// The format to follow, for the fields with one.
    pub hint: Option<&'static str>,
    /// For an amount: the value as it will be stored ("= 4.800 triệu
    /// đồng"), empty while it cannot be read.
    pub echo: Option<String>,
    /// Whether [`FieldView::message`] is an error (else a warning).
    pub error: bool,
    /// What is said beside the field (empty for nothing).
    pub message: String,
    /// While the field was changed here and by another save: what is said
    /// beside it ([`field_merge::choice_text`]).
    pub conflict: Option<String>,
}

impl FieldView {
    /// `field` with nothing typed or said: what a field shows for the
    /// moment its form no longer has it (a key-manager row just removed).
    pub fn empty(field: Field) -> FieldView {
        FieldView {
            field,
            label: String::new(),
            kind: FieldKind::default(),
            value: String::new(),
            checked: false,
            hint: None,
            echo: None,
            error: false,
            message: String::new(),
            conflict: None,
        }
    }
}

/// A group of a form's fields, drawn together (a fieldset when it has a
/// legend).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldGroup {
    pub legend: Option<&'static str>,
    pub fields: Vec<Field>,
}

/// A key-manager row of a year form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ManagerRow {
    /// "Cán bộ số 2".
    pub title: String,
    /// The remove button's text ("Bỏ Cán bộ số 2").
    pub remove: String,
    /// Its fields: role, qualification, trained, name.
    pub fields: Vec<Field>,
}

impl Form {
    /// What the form is about ("Sửa đơn vị HTX A", "HTX A · số liệu năm
    /// 2019").
    pub fn title(&self, ws: &Workspace, lang: Lang) -> String {
        match &self.target {
            Target::Unit(None) => lang.pick("Thêm đơn vị", "Add a unit").to_owned(),
            Target::Unit(Some(id)) => {
                let name = ws.unit(id).map_or("", |u| u.name.as_str());
                format!("{} {name}", lang.pick("Sửa đơn vị", "Edit unit"))
            }
            Target::Year { unit_id, year } => {
                let name = ws.unit(unit_id).map_or("", |u| u.name.as_str());
                match year {
                    Some(y) => format!("{name} · {} {y}", lang.pick("số liệu năm", "figures for")),
                    None => format!(
                        "{name} · {}",
                        lang.pick("thêm số liệu năm", "new year of figures")
                    ),
                }
            }
            Target::City(_) => lang
                .pick(
                    "Số liệu cấp thành phố theo năm",
                    "City-level inputs by year",
                )
                .to_owned(),
        }
    }

    /// The form's fields but the key managers', in order, in groups.
    pub fn groups(&self, lang: Lang) -> Vec<FieldGroup> {
        let fields = |list: &[UnitField]| list.iter().map(|f| Field::Unit(*f)).collect();
        match &self.target {
            Target::Unit(_) => {
                let split = UnitField::ALL
                    .iter()
                    .position(|f| *f == UnitField::ContractAuthenticated)
                    .unwrap_or(UnitField::ALL.len());
                let (all, groups_only) = UnitField::ALL.split_at(split);
                vec![
                    FieldGroup {
                        legend: None,
                        fields: fields(all),
                    },
                    FieldGroup {
                        legend: Some(lang.pick(
                            "Chỉ dành cho tổ hợp tác (THT)",
                            "Cooperative groups (THT) only",
                        )),
                        fields: fields(groups_only),
                    },
                ]
            }
            Target::Year { .. } => vec![FieldGroup {
                legend: None,
                fields: YearField::ALL.into_iter().map(Field::Year).collect(),
            }],
            Target::City(_) => vec![FieldGroup {
                legend: None,
                fields: CityField::ALL.into_iter().map(Field::City).collect(),
            }],
        }
    }

    /// The key-manager rows of a year form (none for other forms).
    pub fn manager_rows(&self, lang: Lang) -> Vec<ManagerRow> {
        (0..self.managers)
            .map(|i| {
                let title = manager_title(i, lang);
                ManagerRow {
                    remove: format!("{} {title}", lang.pick("Bỏ", "Remove")),
                    title,
                    fields: ManagerPart::ALL
                        .into_iter()
                        .map(|part| Field::Manager(i, part))
                        .collect(),
                }
            })
            .collect()
    }

    /// The legend of the key managers' rows.
    pub fn managers_legend(lang: Lang) -> &'static str {
        managers_label(lang)
    }

    /// Whether this is a year's form (which has key-manager rows).
    pub fn has_managers(&self) -> bool {
        matches!(self.target, Target::Year { .. })
    }

    /// While the key managers were changed here and by another save in
    /// ways that cannot be matched row by row: the other save's rows as
    /// the user reads them, and the choice to make.
    pub fn managers_conflict(&self, lang: Lang) -> Option<String> {
        let (count, rows) = self.their_managers.as_ref()?;
        let summary = (0..*count)
            .map(|i| {
                let part = |p: ManagerPart| {
                    rows.iter()
                        .find(|(f, _)| *f == Field::Manager(i, p))
                        .map_or("", |(_, v)| v.as_str())
                };
                let role = ManagerRole::ALL
                    .into_iter()
                    .find(|r| r.stored_key() == part(ManagerPart::Role))
                    .map_or("?", |r| role_label(r, lang));
                match part(ManagerPart::Name) {
                    "" => role.to_owned(),
                    name => format!("{role} {name}"),
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        Some(field_merge::choice_text(&summary, lang))
    }

    /// What a save elsewhere did to the record, as last heard.
    pub fn heard(&self) -> Heard {
        self.heard
    }

    /// `field` as the page shows it; `None` when the form has no such
    /// field.
    pub fn field(&self, ws: &Workspace, field: impl Into<Field>, lang: Lang) -> Option<FieldView> {
        self.field_view(ws, field.into(), lang)
    }

    fn field_view(&self, ws: &Workspace, field: Field, lang: Lang) -> Option<FieldView> {
        let value = self
            .values
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.clone())?;
        let kind = match field.input() {
            Input::Text => FieldKind::Text,
            Input::Number => FieldKind::Number,
            Input::Date => FieldKind::Date,
            Input::Flag => FieldKind::Flag,
            Input::Choice(list) => FieldKind::Choice(choices(ws, list, lang)),
        };
        let mine = self.messages.iter().filter(|(f, _, _)| *f == field);
        let error = mine.clone().any(|(_, s, _)| *s == Severity::Error);
        let message = mine
            .map(|(_, _, t)| t.get(lang))
            .collect::<Vec<_>>()
            .join(" ");
        let echo =
            field
                .echo_unit(lang)
                .map(|unit| match number::parse_decimal(&value, self.numbers) {
                    Ok(Some(amount)) => format!(
                        "= {}{unit}",
                        number::write_decimal(&amount, Convention::of(lang))
                    ),
                    _ => String::new(),
                });
        // The other value as the user reads it: a list's text, not its code.
        let conflict = self
            .conflicts
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, theirs)| {
                let shown = match &kind {
                    FieldKind::Choice(choices) => choices
                        .iter()
                        .find(|(code, _)| code == theirs)
                        .map_or(theirs.as_str(), |(_, text)| text.as_str()),
                    _ => theirs.as_str(),
                };
                field_merge::choice_text(shown, lang)
            });
        Some(FieldView {
            field,
            label: field.label(lang),
            checked: kind == FieldKind::Flag && parse_flag(&value).ok().flatten().unwrap_or(false),
            kind,
            value,
            hint: field.hint(lang),
            echo,
            error,
            message,
            conflict,
        })
    }

    /// Ticks or unticks a flag field.
    pub fn set_flag(&mut self, ws: &Workspace, field: impl Into<Field>, checked: bool) {
        self.set_field(ws, field.into(), &flag_text(checked));
    }
}

/// The years a unit has figures for, oldest first (the buttons under its
/// form).
pub fn unit_years(ws: &Workspace, unit_id: &str) -> Vec<i32> {
    let mut years: Vec<i32> = ws
        .unit(unit_id)
        .map(|u| u.years.iter().map(|r| r.year).collect())
        .unwrap_or_default();
    crate::sorting::sort(&mut years);
    years
}

/// The years the city's inputs were entered for.
pub fn city_years(ws: &Workspace) -> Vec<i32> {
    ws.city_years.iter().map(|c| c.year).collect()
}

/// The latest return to activity after the latest inactivity, which the
/// unit form edits; an earlier "active" change is history.
fn resumption(history: &[StatusChange]) -> Option<chrono::NaiveDate> {
    let inactive = latest_change(history, OperatingStatus::Inactive)?;
    latest_change(history, OperatingStatus::Active).filter(|active| *active > inactive)
}

/// The choices of `list`: (the code stored, the text shown).
fn choices(ws: &Workspace, list: Choices, lang: Lang) -> Vec<(String, String)> {
    let none = || {
        (
            String::new(),
            lang.pick("— chưa chọn —", "— none —").to_owned(),
        )
    };
    match list {
        Choices::UnitKinds => UnitKind::ALL
            .iter()
            .map(|k| (k.abbreviation().to_owned(), k.abbreviation().to_owned()))
            .collect(),
        Choices::Sectors => std::iter::once(none())
            .chain(
                ws.plan
                    .sectors
                    .iter()
                    .map(|s| (s.id.clone(), s.name.get(lang).to_owned())),
            )
            .collect(),
        Choices::Districts => std::iter::once(none())
            .chain(ws.plan.districts.iter().map(|d| (d.clone(), d.clone())))
            .collect(),
        Choices::Models => vec![
            none(),
            (
                "service_supply".to_owned(),
                lang.pick("Cung ứng dịch vụ", "Service supply").to_owned(),
            ),
            (
                "job_creation".to_owned(),
                lang.pick("Tạo việc làm", "Job creation").to_owned(),
            ),
        ],
        Choices::Roles => ManagerRole::ALL
            .iter()
            .map(|r| (r.stored_key().to_owned(), role_label(*r, lang).to_owned()))
            .collect(),
        Choices::Qualifications => Qualification::ALL
            .iter()
            .map(|q| {
                (
                    q.stored_key().to_owned(),
                    qualification_label(*q, lang).to_owned(),
                )
            })
            .collect(),
    }
}

/// The fields of key-manager row `i`, as the form holds them.
fn manager_values(i: usize, manager: &KeyManager) -> Vec<(Field, String)> {
    ManagerPart::ALL
        .into_iter()
        .map(|part| {
            let value = match part {
                ManagerPart::Role => manager.role.stored_key().to_owned(),
                ManagerPart::Qualification => manager.qualification.stored_key().to_owned(),
                ManagerPart::Trained => flag_text(manager.trained),
                ManagerPart::Name => manager.name.clone(),
            };
            (Field::Manager(i, part), value)
        })
        .collect()
}

enum Built {
    Unit(Box<Unit>),
    Year(String, Box<YearRecord>),
    City(CityYear),
}

/// An id no unit of the workspace has.
pub fn new_unit_id(ws: &Workspace) -> String {
    (ws.units.len() + 1..)
        .map(|n| format!("unit-{n}"))
        .find(|id| ws.unit(id).is_none())
        .unwrap_or_default()
}

/// A deleted unit and where it was, until the next action.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    pub index: usize,
    pub unit: Unit,
}

/// Removes a unit, keeping it to undo.
pub fn delete_unit(ws: &mut Workspace, id: &str) -> Option<Deleted> {
    let index = ws.units.iter().position(|u| u.id == id)?;
    Some(Deleted {
        index,
        unit: ws.units.remove(index),
    })
}

/// Puts a deleted unit back where it was.
pub fn undo_delete(ws: &mut Workspace, deleted: Deleted) {
    let index = deleted.index.min(ws.units.len());
    ws.units.insert(index, deleted.unit);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn ws() -> Workspace {
        let mut ws = Workspace::new("w", "w");
        let mut unit = Unit::new("a", "HTX Bình Minh", UnitKind::Htx);
        unit.registration_code = "0201".into();
        unit.district = "Lê Chân".into();
        unit.sector = "nong-nghiep".into();
        unit.years.push(YearRecord {
            year: 2019,
            members: Some(10),
            staff: Some(4),
            key_managers: vec![KeyManager {
                role: ManagerRole::Director,
                qualification: Qualification::College,
                trained: true,
                name: "Hoa".into(),
            }],
            ..Default::default()
        });
        ws.units.push(unit);
        ws
    }

    /// A form is unsaved while a field says something else than the
    /// record did, and no longer once it says the same again.
    #[test]
    fn a_form_is_unsaved_while_it_differs_from_the_record() {
        let ws = ws();
        let mut form = Form::unit(&ws, Some("a"), Lang::Vi);
        assert!(!form.unsaved());
        form.set(&ws, UnitField::Name, "HTX Bình Minh 2");
        assert!(form.unsaved());
        form.set(&ws, UnitField::Name, "HTX Bình Minh");
        assert!(!form.unsaved());
        let mut year = Form::year(&ws, "a", Some(2019), 2019, Lang::Vi);
        assert!(!year.unsaved());
        year.set(&ws, YearField::Members, "10");
        assert!(!year.unsaved());
        year.set(&ws, YearField::Members, "11");
        assert!(year.unsaved());
        let mut managers = Form::year(&ws, "a", Some(2019), 2019, Lang::Vi);
        managers.add_manager(&ws);
        assert!(managers.unsaved(), "a row added");
        let mut new = Form::unit(&ws, None, Lang::Vi);
        assert!(!new.unsaved());
        new.set(&ws, UnitField::Name, "HTX Đang nhập dở");
        assert!(new.unsaved());
    }

    /// Tab A saves field x, tab B (whose form opened before) saves field y:
    /// both are stored.
    #[test]
    fn a_save_applies_only_the_fields_changed_here_onto_the_stored_record() {
        let opened = ws();
        let mut b = Form::unit(&opened, Some("a"), Lang::Vi);
        let mut stored = opened.clone();
        let mut a = Form::unit(&stored, Some("a"), Lang::Vi);
        a.set(&stored, UnitField::Commune, "Dư Hàng");
        assert_eq!(a.rebase(&stored), Rebase::Merged);
        a.apply(&mut stored).expect("A saves");

        b.set(&opened, UnitField::Name, "HTX Bình Minh Mới");
        assert_eq!(b.rebase(&stored), Rebase::Merged);
        assert_eq!(
            b.value(UnitField::Commune),
            "Dư Hàng",
            "the form shows A's field"
        );
        b.apply(&mut stored).expect("B saves");
        let unit = stored.unit("a").expect("kept");
        assert_eq!(unit.commune, "Dư Hàng");
        assert_eq!(unit.name, "HTX Bình Minh Mới");
        assert_eq!(unit.registration_code, "0201");

        // The same for a year's figures, numbers compared by value.
        let opened = stored.clone();
        let mut b = Form::year(&opened, "a", Some(2019), 2019, Lang::Vi);
        let mut a = Form::year(&stored, "a", Some(2019), 2019, Lang::Vi);
        a.set(&stored, YearField::Members, "12");
        a.rebase(&stored);
        a.apply(&mut stored).expect("A saves");
        b.set(&opened, YearField::Staff, "5");
        assert_eq!(b.rebase(&stored), Rebase::Merged);
        b.apply(&mut stored).expect("B saves");
        let record = stored.unit("a").and_then(|u| u.record(2019)).expect("kept");
        assert_eq!((record.members, record.staff), (Some(12), Some(5)));
        assert_eq!(record.key_managers.len(), 1);
    }

    /// A save elsewhere is heard once, at once; a deletion too; a new
    /// record's form hears nothing.
    #[test]
    fn a_form_hears_when_its_record_changes_or_goes() {
        let opened = ws();
        let mut b = Form::unit(&opened, Some("a"), Lang::En);
        assert_eq!(b.hear(&opened), None);
        let mut stored = opened.clone();
        let mut a = Form::unit(&stored, Some("a"), Lang::En);
        a.set(&stored, UnitField::Commune, "Dư Hàng");
        a.apply(&mut stored).expect("A saves");
        assert_eq!(b.hear(&stored), Some(Heard::Changed));
        assert_eq!(b.hear(&stored), None, "said once");
        assert!(b
            .heard()
            .notice(Lang::Vi)
            .contains("Tab khác vừa lưu thay đổi cho mục này"));
        stored.units.retain(|u| u.id != "a");
        assert_eq!(b.hear(&stored), Some(Heard::Deleted));
        assert_eq!(b.heard().notice(Lang::En), "Another tab just deleted this.");
        let mut new = Form::unit(&opened, None, Lang::En);
        assert_eq!(new.hear(&stored), None);
    }

    /// Both tabs change the same field: B is told both values, saves
    /// nothing until it chooses, and its choice is what is stored.
    #[test]
    fn the_same_field_changed_in_both_tabs_waits_for_the_users_choice() {
        for keep_mine in [true, false] {
            let opened = ws();
            let mut b = Form::unit(&opened, Some("a"), Lang::En);
            let mut stored = opened.clone();
            let mut a = Form::unit(&stored, Some("a"), Lang::En);
            a.set(&stored, UnitField::Commune, "Dư Hàng");
            a.set(&stored, UnitField::Name, "HTX A");
            a.apply(&mut stored).expect("A saves");

            b.set(&opened, UnitField::Commune, "Hàng Kênh");
            assert_eq!(
                b.rebase(&stored),
                Rebase::Conflicts(vec![(Field::Unit(UnitField::Commune), "Dư Hàng".into())])
            );
            let before = stored.clone();
            assert!(
                b.apply(&mut stored).is_err(),
                "nothing saved before a choice"
            );
            assert_eq!(stored, before);
            // Saving again without choosing still asks.
            assert!(matches!(b.rebase(&stored), Rebase::Conflicts(_)));
            assert_eq!(b.value(UnitField::Commune), "Hàng Kênh");
            assert_eq!(b.value(UnitField::Name), "HTX A");

            let conflict = |lang| {
                b.field(&stored, UnitField::Commune, lang)
                    .and_then(|f| f.conflict)
            };
            assert_eq!(
                conflict(Lang::Vi).as_deref(),
                Some("Tab khác vừa lưu: Dư Hàng — giữ giá trị của bạn hoặc lấy giá trị kia")
            );
            assert_eq!(
                conflict(Lang::En).as_deref(),
                Some("Another tab just saved: Dư Hàng — keep your value or take the other one")
            );
            assert_eq!(
                b.field(&stored, UnitField::Name, Lang::Vi)
                    .and_then(|f| f.conflict),
                None,
                "a field changed on one side only is no conflict"
            );

            b.resolve(&stored, UnitField::Commune, keep_mine);
            assert!(b.conflicts().is_empty());
            assert_eq!(b.rebase(&stored), Rebase::Merged);
            b.apply(&mut stored).expect("B saves");
            let unit = stored.unit("a").expect("kept");
            let expected = if keep_mine {
                "Hàng Kênh"
            } else {
                "Dư Hàng"
            };
            assert_eq!(unit.commune, expected);
            assert_eq!(unit.name, "HTX A", "A's other field is kept");
        }
    }

    /// Key managers: rows added here and a figure saved elsewhere are both
    /// kept; rows changed on both sides in ways that do not match row by
    /// row wait for the user's choice, showing the other rows.
    #[test]
    fn key_manager_rows_changed_in_both_tabs_wait_for_the_users_choice() {
        let opened = ws();
        let mut stored = opened.clone();
        let mut b = Form::year(&opened, "a", Some(2019), 2019, Lang::Vi);
        let mut a = Form::year(&stored, "a", Some(2019), 2019, Lang::Vi);
        a.set(&stored, YearField::Members, "11");
        a.apply(&mut stored).expect("A saves");
        b.add_manager(&opened);
        b.set(&opened, Field::Manager(1, ManagerPart::Name), "Lan");
        assert_eq!(b.rebase(&stored), Rebase::Merged);
        b.apply(&mut stored).expect("B saves");
        let record = stored.unit("a").and_then(|u| u.record(2019)).expect("kept");
        assert_eq!(record.members, Some(11));
        assert_eq!(record.key_managers.len(), 2);

        for keep_mine in [true, false] {
            let opened = stored.clone();
            let mut after = stored.clone();
            let mut a = Form::year(&after, "a", Some(2019), 2019, Lang::Vi);
            a.remove_manager(&after, 0);
            a.apply(&mut after).expect("A saves");
            let mut b = Form::year(&opened, "a", Some(2019), 2019, Lang::Vi);
            b.add_manager(&opened);
            b.set(&opened, Field::Manager(2, ManagerPart::Name), "Minh");
            assert_eq!(
                b.rebase(&after),
                Rebase::Conflicts(vec![(Field::Managers, String::new())])
            );
            assert!(b.apply(&mut after.clone()).is_err());
            assert!(b
                .managers_conflict(Lang::Vi)
                .is_some_and(|text| text.contains("Tab khác vừa lưu: Giám đốc Lan — giữ giá trị")));
            b.resolve(&after, Field::Managers, keep_mine);
            assert_eq!(b.rebase(&after), Rebase::Merged);
            b.apply(&mut after).expect("B saves");
            let names: Vec<String> = after
                .unit("a")
                .and_then(|u| u.record(2019))
                .map(|r| r.key_managers.iter().map(|m| m.name.clone()).collect())
                .unwrap_or_default();
            if keep_mine {
                assert_eq!(names, ["Hoa", "Lan", "Minh"]);
            } else {
                assert_eq!(names, ["Lan"]);
            }
        }
    }

    #[test]
    fn a_new_unit_is_checked_as_typed_and_saved_when_valid() {
        let mut ws = ws();
        let mut form = Form::unit(&ws, None, Lang::Vi);
        assert!(form.has_errors(), "a new unit has no name yet");
        assert_eq!(form.first_error(), Some(Field::Unit(UnitField::Name)));
        form.set(&ws, UnitField::Name, "HTX Mới");
        form.set(&ws, UnitField::RegistrationCode, "0201");
        let messages = form.messages(Lang::Vi);
        let code = messages
            .iter()
            .find(|(n, _, _)| *n == Field::Unit(UnitField::RegistrationCode))
            .expect("field");
        assert!(code.1 && code.2.contains("trùng"), "{code:?}");
        assert!(form.apply(&mut ws).is_err());
        assert_eq!(ws.units.len(), 1, "an invalid form saves nothing");
        form.set(&ws, UnitField::RegistrationCode, "0202");
        form.set(&ws, UnitField::Founded, "01/02/2010");
        form.set(&ws, UnitField::Kind, "THT");
        form.set(&ws, UnitField::ContractAuthenticated, "có");
        form.set(&ws, UnitField::DissolvedOn, "2019-05-01");
        assert!(!form.has_errors(), "{:?}", form.messages(Lang::En));
        let id = form.apply(&mut ws).expect("valid").expect("a unit");
        let unit = ws.unit(&id).expect("saved");
        assert_eq!(unit.name, "HTX Mới");
        assert_eq!(unit.founded, NaiveDate::from_ymd_opt(2010, 2, 1));
        assert_eq!(
            unit.group.as_ref().map(|g| g.contract_authenticated),
            Some(true)
        );
        assert_eq!(unit.dissolved_on(), NaiveDate::from_ymd_opt(2019, 5, 1));
        let name = form.field(&ws, UnitField::Name, Lang::Vi).expect("a field");
        assert_eq!(name.label, "Tên đơn vị");
        assert_eq!(name.kind, FieldKind::Text);
        assert_eq!(name.message, "");
        let groups = form.groups(Lang::Vi);
        assert_eq!(
            groups.first().and_then(|g| g.fields.first()).copied(),
            Some(Field::Unit(UnitField::Name))
        );
        assert_eq!(
            groups.get(1).and_then(|g| g.legend),
            Some("Chỉ dành cho tổ hợp tác (THT)")
        );
        let flag = form
            .field(&ws, UnitField::ContractAuthenticated, Lang::Vi)
            .expect("a flag");
        assert_eq!((flag.kind, flag.checked), (FieldKind::Flag, true));
        assert!(matches!(
            form.field(&ws, UnitField::Kind, Lang::Vi).map(|f| f.kind),
            Some(FieldKind::Choice(choices)) if choices.iter().any(|(code, _)| code == "THT")
        ));
        assert_eq!(
            form.field(&ws, UnitField::Founded, Lang::Vi)
                .map(|f| f.kind),
            Some(FieldKind::Date)
        );
        assert_eq!(form.field(&ws, YearField::Revenue, Lang::Vi), None);
    }

    #[test]
    fn a_return_to_activity_is_entered_with_its_date_and_checked() {
        let mut ws = ws();
        let mut form = Form::unit(&ws, Some("a"), Lang::En);
        assert_eq!(form.value(UnitField::ResumedOn), "");
        form.set(&ws, UnitField::ResumedOn, "2018-04-01");
        assert!(form.has_errors(), "a resumption needs an earlier stop");
        assert_eq!(form.first_error(), Some(Field::Unit(UnitField::ResumedOn)));
        form.set(&ws, UnitField::InactiveSince, "2017-01-01");
        assert!(!form.has_errors(), "{:?}", form.messages(Lang::En));
        form.apply(&mut ws).expect("valid");
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let unit = ws.unit("a").expect("unit");
        assert_eq!(
            unit.status_on(day(2017, 6, 1)),
            Some(OperatingStatus::Inactive)
        );
        assert_eq!(
            unit.status_on(day(2018, 4, 1)),
            Some(OperatingStatus::Active)
        );
        let again = Form::unit(&ws, Some("a"), Lang::En);
        assert_eq!(again.value(UnitField::ResumedOn), "2018-04-01");
        assert_eq!(again.value(UnitField::InactiveSince), "2017-01-01");
    }

    #[test]
    fn the_year_form_reads_decimal_commas_managers_and_starts_the_next_year() {
        let mut ws = ws();
        let mut form = Form::next_year_from(&ws, "a", 2019, Lang::Vi);
        assert_eq!(form.value(YearField::Year), "2020");
        assert_eq!(form.value(YearField::Members), "10");
        form.set(&ws, YearField::Revenue, "1.250,5");
        form.set(&ws, YearField::StaffTrained, "9");
        assert_eq!(
            form.first_error(),
            Some(Field::Year(YearField::StaffTrained))
        );
        form.set(&ws, YearField::StaffTrained, "3");
        form.add_manager(&ws);
        form.set(&ws, Field::Manager(1, ManagerPart::Role), "accountant");
        form.set(&ws, Field::Manager(1, ManagerPart::Trained), "có");
        form.remove_manager(&ws, 0);
        assert!(!form.has_errors(), "{:?}", form.messages(Lang::En));
        form.apply(&mut ws).expect("valid");
        let record = ws.unit("a").and_then(|u| u.record(2020)).expect("saved");
        assert_eq!(record.revenue.as_ref().map(Decimal::as_str), Some("1250.5"));
        assert_eq!(record.key_managers.len(), 1);
        assert_eq!(record.key_managers[0].role, ManagerRole::Accountant);
        assert!(record.key_managers[0].trained);
        // Changing a year to one that exists is an error on the year.
        let mut form = Form::year(&ws, "a", Some(2020), 2026, Lang::Vi);
        form.set(&ws, YearField::Year, "2019");
        assert_eq!(form.first_error(), Some(Field::Year(YearField::Year)));
        let mut form = Form::year(&ws, "a", Some(2019), 2026, Lang::Vi);
        form.set(&ws, YearField::Members, "-1");
        let messages = form.messages(Lang::En);
        assert!(messages
            .iter()
            .any(|(n, e, t)| *n == Field::Year(YearField::Members) && *e && !t.is_empty()));
    }

    #[test]
    fn city_inputs_and_delete_with_undo() {
        let mut ws = ws();
        let mut form = Form::city(&ws, None, 2019, Lang::Vi);
        form.set(&ws, CityField::GrdpCurrentPrices, "0");
        assert_eq!(
            form.first_error(),
            Some(Field::City(CityField::GrdpCurrentPrices))
        );
        form.set(&ws, CityField::GrdpCurrentPrices, "245.000,5");
        form.apply(&mut ws).expect("valid");
        assert_eq!(
            ws.city_year(2019)
                .and_then(|c| c.grdp_current_prices.clone())
                .map(|d| d.to_string()),
            Some("245000.5".into())
        );
        let mut again = Form::city(&ws, None, 2019, Lang::Vi);
        again.set(&ws, CityField::Year, "2019");
        assert_eq!(again.first_error(), Some(Field::City(CityField::Year)));
        let before = ws.clone();
        let deleted = delete_unit(&mut ws, "a").expect("there");
        assert!(ws.units.is_empty());
        undo_delete(&mut ws, deleted);
        assert_eq!(ws, before);
    }

    fn echo(form: &Form, field: impl Into<Field>, lang: Lang) -> String {
        let field = field.into();
        form.echoes(lang)
            .into_iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e)
            .unwrap_or_else(|| panic!("{field:?} has no echo"))
    }

    fn message(form: &Form, field: impl Into<Field>, lang: Lang) -> (bool, String) {
        let field = field.into();
        form.messages(lang)
            .into_iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, e, t)| (e, t))
            .unwrap_or_default()
    }

    #[test]
    fn numbers_are_typed_the_pages_way_and_echoed_as_stored() {
        let mut ws = ws();
        // Vietnamese: 4.800 is four thousand eight hundred.
        let mut form = Form::year(&ws, "a", None, 2026, Lang::Vi);
        form.set(&ws, YearField::Revenue, "4.800");
        assert_eq!(
            echo(&form, YearField::Revenue, Lang::Vi),
            "= 4.800 triệu đồng"
        );
        form.set(&ws, YearField::Members, "1.200");
        form.set(&ws, YearField::AverageWorkerIncome, "85,5");
        assert_eq!(
            echo(&form, YearField::AverageWorkerIncome, Lang::Vi),
            "= 85,5 triệu đồng/năm"
        );
        form.set(&ws, YearField::NonMemberSupplyPercent, "12,5");
        assert_eq!(
            echo(&form, YearField::NonMemberSupplyPercent, Lang::Vi),
            "= 12,5%"
        );
        assert!(!form.has_errors(), "{:?}", form.messages(Lang::Vi));
        form.apply(&mut ws).expect("valid");
        let record = ws.unit("a").and_then(|u| u.record(2020)).expect("saved");
        assert_eq!(record.revenue.as_ref().map(Decimal::as_str), Some("4800"));
        assert_eq!(record.members, Some(1200));
        // A group that is not three digits is refused, with the form expected.
        let mut form = Form::year(&ws, "a", Some(2020), 2026, Lang::Vi);
        assert_eq!(
            form.value(YearField::Revenue),
            "4.800",
            "shown the Vietnamese way"
        );
        form.set(&ws, YearField::Revenue, "4.80");
        assert_eq!(echo(&form, YearField::Revenue, Lang::Vi), "");
        let (error, text) = message(&form, YearField::Revenue, Lang::Vi);
        assert!(
            error && text.contains("Cần một số dạng 4.800 hoặc 1.250,5"),
            "{text}"
        );
        assert!(form.apply(&mut ws).is_err());
        // A fraction in a count is an error.
        form.set(&ws, YearField::Revenue, "4.800");
        form.set(&ws, YearField::Members, "12,5");
        let (error, text) = message(&form, YearField::Members, Lang::Vi);
        assert!(error && text.contains("số nguyên"), "{text}");
        // English: 4.800 is four point eight.
        let mut form = Form::year(&ws, "a", None, 2026, Lang::En);
        form.set(&ws, YearField::Revenue, "4.800");
        assert_eq!(
            echo(&form, YearField::Revenue, Lang::En),
            "= 4.800 million VND"
        );
        form.set(&ws, YearField::Revenue, "4,800");
        assert_eq!(
            echo(&form, YearField::Revenue, Lang::En),
            "= 4,800 million VND"
        );
        form.apply(&mut ws).expect("valid");
        let record = ws.unit("a").and_then(|u| u.record(2021)).expect("saved");
        assert_eq!(record.revenue.as_ref().map(Decimal::as_str), Some("4800"));
    }

    #[test]
    fn switching_the_language_rewrites_the_numbers_typed() {
        let ws = ws();
        let mut form = Form::city(&ws, None, 2019, Lang::Vi);
        form.set(&ws, CityField::GrdpCurrentPrices, "245.000,5");
        form.set(&ws, CityField::ExtraCollectiveValueAdded, "4.80");
        form.set_lang(&ws, Lang::En);
        assert_eq!(form.value(CityField::GrdpCurrentPrices), "245,000.5");
        // Text that was not a number is left as typed, then read the new
        // way (its echo says how).
        assert_eq!(form.value(CityField::ExtraCollectiveValueAdded), "4.80");
        assert_eq!(
            echo(&form, CityField::GrdpCurrentPrices, Lang::En),
            "= 245,000.5 million VND"
        );
        form.set_lang(&ws, Lang::Vi);
        assert_eq!(form.value(CityField::GrdpCurrentPrices), "245.000,5");
        let grdp = form
            .field(&ws, CityField::GrdpCurrentPrices, Lang::Vi)
            .expect("a field");
        assert_eq!(grdp.echo.as_deref(), Some("= 245.000,5 triệu đồng"));
        assert_eq!(grdp.hint, Some("Triệu đồng"));
        assert_eq!(grdp.kind, FieldKind::Number);
    }

    /// The page names each field by its key (the input's `name`, and its
    /// id after `f-`), and the end-to-end tests find them so: the typed
    /// fields keep the names the forms had when they were texts.
    #[test]
    fn every_field_keeps_its_name_in_the_page() {
        let ws = ws();
        let keys = |form: &Form| -> Vec<String> {
            form.groups(Lang::Vi)
                .iter()
                .flat_map(|g| g.fields.iter().map(|f| f.key()))
                .chain(
                    form.manager_rows(Lang::Vi)
                        .iter()
                        .flat_map(|r| r.fields.iter().map(|f| f.key())),
                )
                .collect()
        };
        assert_eq!(
            keys(&Form::unit(&ws, Some("a"), Lang::Vi)),
            [
                "name",
                "kind",
                "registration_code",
                "sector",
                "district",
                "commune",
                "founded",
                "model",
                "reorganisation_required",
                "reorganisation_completed_on",
                "inactive_since",
                "resumed_on",
                "dissolved_on",
                "recognitions",
                "contract_authenticated",
                "meets_legal_conditions",
            ]
        );
        assert_eq!(
            keys(&Form::year(&ws, "a", Some(2019), 2019, Lang::Vi)),
            [
                "year",
                "members",
                "regular_workers",
                "charter_capital",
                "total_capital",
                "indivisible_assets",
                "revenue",
                "pre_tax_profit",
                "value_added",
                "average_worker_income",
                "staff",
                "staff_trained",
                "development_fund",
                "reserve_fund",
                "non_member_supply_percent",
                "manager-0-role",
                "manager-0-qualification",
                "manager-0-trained",
                "manager-0-name",
            ]
        );
        assert_eq!(
            keys(&Form::city(&ws, None, 2019, Lang::Vi)),
            [
                "year",
                "grdp_current_prices",
                "extra_collective_value_added"
            ]
        );
        // Every field laid out is one the form holds, and the first is
        // the one focused when it opens.
        for form in [
            Form::unit(&ws, None, Lang::En),
            Form::year(&ws, "a", Some(2019), 2019, Lang::En),
            Form::city(&ws, None, 2019, Lang::En),
        ] {
            let laid_out: Vec<Field> = form
                .groups(Lang::En)
                .into_iter()
                .flat_map(|g| g.fields)
                .chain(
                    form.manager_rows(Lang::En)
                        .into_iter()
                        .flat_map(|r| r.fields),
                )
                .collect();
            assert_eq!(form.first_field(), laid_out.first().copied());
            for field in laid_out {
                let view = form
                    .field(&ws, field, Lang::En)
                    .expect("a field of the form");
                assert_eq!(view.field, field);
                assert!(!view.label.is_empty(), "{field:?}");
            }
        }
    }

    #[test]
    fn a_year_form_lays_out_its_fields_and_key_manager_rows_as_data() {
        let ws = ws();
        let mut form = Form::year(&ws, "a", Some(2019), 2019, Lang::Vi);
        assert!(form.has_managers());
        assert_eq!(
            form.title(&ws, Lang::Vi),
            "HTX Bình Minh · số liệu năm 2019"
        );
        let groups = form.groups(Lang::Vi);
        assert_eq!(groups.len(), 1);
        assert_eq!(
            groups[0].fields.first().copied(),
            Some(Field::Year(YearField::Year))
        );
        assert!(!groups[0].fields.iter().any(|f| f.is_manager()));
        form.add_manager(&ws);
        let rows = form.manager_rows(Lang::Vi);
        let last = rows.last().expect("a row");
        assert_eq!(last.title, format!("Cán bộ số {}", rows.len()));
        assert_eq!(last.remove, format!("Bỏ Cán bộ số {}", rows.len()));
        let role = form.field(&ws, last.fields[0], Lang::Vi).expect("the role");
        assert_eq!(role.label, format!("Chức danh (Cán bộ số {})", rows.len()));
        assert!(matches!(role.kind, FieldKind::Choice(_)));
        let trained = form.field(&ws, last.fields[2], Lang::En).expect("trained");
        assert_eq!(trained.kind, FieldKind::Flag);
        assert_eq!(trained.label, format!("Trained (Manager {})", rows.len()));
        let members = form
            .field(&ws, YearField::Members, Lang::Vi)
            .expect("members");
        assert_eq!((members.kind, members.echo), (FieldKind::Number, None));
        form.set(&ws, YearField::Members, "-5");
        let members = form
            .field(&ws, YearField::Members, Lang::Vi)
            .expect("members");
        assert!(members.error && !members.message.is_empty());
        assert!(!Form::unit(&ws, Some("a"), Lang::Vi).has_managers());
        assert_eq!(unit_years(&ws, "a"), [2019]);
    }
}
