//! The plan editor's draft against saves made elsewhere (another tab).
//!
//! A [`PlanDraft`] keeps what the user holds (`draft`) and what it was
//! opened from (`base`). When the stored plan changes, [`PlanDraft::rebase`]
//! merges per field of the editor: a field the user did not touch takes the
//! stored value, a field only the user changed keeps the user's, and a
//! field changed on both sides to different values becomes a conflict that
//! the user settles ([`PlanDraft::choose`]) before the draft can be saved.
//! Everything the editor does not edit (tasks, identity, years) always
//! follows the stored plan, so a save never takes back another form's edit.
//!
//! Targets are matched by id, never by position.
//!
//! What the user types is kept beside the typed value ([`PlanDraft::input`]),
//! so that a field shows the text as typed ("60,0", a district's line being
//! written, an unreadable "nhiều") for as long as it still means the value
//! the draft holds; a value that came from elsewhere (a merge, a choice, a
//! discard) is shown as the editor writes it ([`PlanDraft::text`]).

use chrono::NaiveDate;

use crate::domain::field_merge::choice_text;
use crate::domain::plan::{Comparator, Plan, QualifiedReading, Sector};
use crate::edit::plan_form::{parse_number, shown};
use crate::i18n::format::{iso_date, parse_date};
use crate::i18n::Lang;

/// A field of the plan editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// A target's part (`comparator`, `value`, `band`, `deadline`), by id.
    Target(String, Part),
    Reading,
    Districts,
    Sectors,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Comparator,
    Value,
    Band,
    Deadline,
}

const PARTS: [Part; 4] = [Part::Comparator, Part::Value, Part::Band, Part::Deadline];

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::Comparator => "comparator",
            Part::Value => "value",
            Part::Band => "band",
            Part::Deadline => "deadline",
        }
    }

    fn from_name(name: &str) -> Option<Part> {
        PARTS.into_iter().find(|p| p.name() == name)
    }
}

impl Field {
    /// The field's key in the page (`T5:value`, `reading`, …).
    pub fn key(&self) -> String {
        match self {
            Field::Target(id, part) => format!("{id}:{}", part.name()),
            Field::Reading => "reading".to_owned(),
            Field::Districts => "districts".to_owned(),
            Field::Sectors => "sectors".to_owned(),
        }
    }

    /// The field with this [`Field::key`].
    pub fn from_key(key: &str) -> Option<Field> {
        match key {
            "reading" => Some(Field::Reading),
            "districts" => Some(Field::Districts),
            "sectors" => Some(Field::Sectors),
            _ => {
                let (id, part) = key.rsplit_once(':')?;
                Some(Field::Target(id.to_owned(), Part::from_name(part)?))
            }
        }
    }
}

/// A field's value. Numbers compare by their bits, so that a NaN typed
/// into a field equals itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Comparator(Comparator),
    Number(u64),
    Band(Option<u64>),
    Date(NaiveDate),
    Reading(QualifiedReading),
    Lines(Vec<String>),
    Sectors(Vec<Sector>),
}

/// The value of `field` in `plan`; `None` for a target the plan lacks.
pub fn get(plan: &Plan, field: &Field) -> Option<Value> {
    Some(match field {
        Field::Target(id, part) => {
            let t = plan.targets.iter().find(|t| &t.id == id)?;
            match part {
                Part::Comparator => Value::Comparator(t.comparator),
                Part::Value => Value::Number(t.value.to_bits()),
                Part::Band => Value::Band(t.band_upper.map(f64::to_bits)),
                Part::Deadline => Value::Date(t.deadline),
            }
        }
        Field::Reading => Value::Reading(plan.settings.qualified_reading),
        Field::Districts => Value::Lines(plan.districts.clone()),
        Field::Sectors => Value::Sectors(plan.sectors.clone()),
    })
}

/// Sets `field` of `plan` to `value` (nothing when the target is missing or
/// the value is of another kind).
pub fn set(plan: &mut Plan, field: &Field, value: &Value) {
    match (field, value) {
        (Field::Target(id, part), value) => {
            let Some(t) = plan.targets.iter_mut().find(|t| &t.id == id) else {
                return;
            };
            match (part, value) {
                (Part::Comparator, Value::Comparator(c)) => t.comparator = *c,
                (Part::Value, Value::Number(n)) => t.value = f64::from_bits(*n),
                (Part::Band, Value::Band(b)) => t.band_upper = b.map(f64::from_bits),
                (Part::Deadline, Value::Date(d)) => t.deadline = *d,
                _ => {}
            }
        }
        (Field::Reading, Value::Reading(r)) => plan.settings.qualified_reading = *r,
        (Field::Districts, Value::Lines(l)) => plan.districts = l.clone(),
        (Field::Sectors, Value::Sectors(s)) => plan.sectors = s.clone(),
        _ => {}
    }
}

/// Every field of the editor in `plan`, targets in the plan's order.
pub fn fields(plan: &Plan) -> Vec<Field> {
    let mut out: Vec<Field> = plan
        .targets
        .iter()
        .flat_map(|t| PARTS.into_iter().map(|p| Field::Target(t.id.clone(), p)))
        .collect();
    out.extend([Field::Reading, Field::Districts, Field::Sectors]);
    out
}

/// A value as the editor would show it, in the page's language.
pub fn describe(plan: &Plan, field: &Field, value: &Value, lang: Lang) -> String {
    let share = match field {
        Field::Target(id, _) => plan
            .targets
            .iter()
            .find(|t| &t.id == id)
            .is_some_and(|t| t.indicator.is_share()),
        _ => false,
    };
    let empty = || lang.pick("(trống)", "(empty)").to_owned();
    match value {
        Value::Comparator(Comparator::AtLeast) => "≥".to_owned(),
        Value::Comparator(Comparator::MoreThan) => ">".to_owned(),
        Value::Comparator(Comparator::RisingEachYear) => lang.pick("tăng dần", "rising").to_owned(),
        Value::Number(n) => {
            let n = f64::from_bits(*n);
            if n.is_finite() {
                shown(n, share, lang)
            } else {
                empty()
            }
        }
        Value::Band(None) => empty(),
        Value::Band(Some(n)) => shown(f64::from_bits(*n), share, lang),
        Value::Date(d) => crate::i18n::format::iso_date(*d),
        Value::Reading(QualifiedReading::OfTrained) => lang
            .pick("của số cán bộ đã được đào tạo", "of the trained managers")
            .to_owned(),
        Value::Reading(QualifiedReading::OfAll) => lang
            .pick("của tất cả cán bộ quản lý", "of all key managers")
            .to_owned(),
        Value::Lines(lines) if lines.is_empty() => empty(),
        Value::Lines(lines) => lines.join(", "),
        Value::Sectors(sectors) if sectors.is_empty() => empty(),
        Value::Sectors(sectors) => sectors
            .iter()
            .map(|s| s.name.get(lang).to_owned())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The value `text` (as typed into `field` of the editor, numbers written
/// as `lang` writes them) gives `field` of `plan`: shares are typed in per
/// cent, text that is no number is NaN (reported beside the field by
/// [`crate::domain::plan_validation`]), a blank band is none, districts are the
/// text's non-blank lines. `None` when the text changes nothing: an
/// unreadable date, a comparator of a target that rises each year, a
/// target the plan lacks, the list of sectors (edited name by name).
pub fn parse_input(plan: &Plan, field: &Field, text: &str, lang: Lang) -> Option<Value> {
    match field {
        Field::Target(id, part) => {
            let target = plan.targets.iter().find(|t| &t.id == id)?;
            let share = target.indicator.is_share();
            let number = || {
                let typed = parse_number(text, lang).unwrap_or(f64::NAN);
                let value = if share { typed / 100.0 } else { typed };
                value.to_bits()
            };
            match part {
                Part::Comparator if target.comparator == Comparator::RisingEachYear => None,
                Part::Comparator => Some(Value::Comparator(if text == "more_than" {
                    Comparator::MoreThan
                } else {
                    Comparator::AtLeast
                })),
                Part::Value => Some(Value::Number(number())),
                Part::Band => Some(Value::Band((!text.trim().is_empty()).then(number))),
                Part::Deadline => parse_date(text).map(Value::Date),
            }
        }
        Field::Reading => Some(Value::Reading(if text == "of_all" {
            QualifiedReading::OfAll
        } else {
            QualifiedReading::OfTrained
        })),
        Field::Districts => Some(Value::Lines(
            text.lines()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
        )),
        Field::Sectors => None,
    }
}

/// The text of `field`'s control for `value`: a number as the editor
/// writes it in `lang` (shares in per cent; nothing for NaN and for the
/// level of a target that rises each year), a date as ISO (a date input's
/// value), a comparator or reading as its option's value, districts one a
/// line.
fn input_text(plan: &Plan, field: &Field, value: &Value, lang: Lang) -> String {
    let target = match field {
        Field::Target(id, _) => plan.targets.iter().find(|t| &t.id == id),
        _ => None,
    };
    let share = target.is_some_and(|t| t.indicator.is_share());
    let rising = target.is_some_and(|t| t.comparator == Comparator::RisingEachYear);
    match value {
        Value::Comparator(Comparator::AtLeast) => "at_least".to_owned(),
        Value::Comparator(Comparator::MoreThan) => "more_than".to_owned(),
        Value::Comparator(Comparator::RisingEachYear) => "rising".to_owned(),
        Value::Number(_) if rising => String::new(),
        Value::Number(n) => shown(f64::from_bits(*n), share, lang),
        Value::Band(None) => String::new(),
        Value::Band(Some(n)) => shown(f64::from_bits(*n), share, lang),
        Value::Date(d) => iso_date(*d),
        Value::Reading(QualifiedReading::OfTrained) => "of_trained".to_owned(),
        Value::Reading(QualifiedReading::OfAll) => "of_all".to_owned(),
        Value::Lines(lines) => lines.join("\n"),
        Value::Sectors(sectors) => sectors
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// What a [`PlanDraft::rebase`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rebased {
    /// Fields the user had not touched that took a new stored value.
    pub updated: Vec<Field>,
    /// Fields changed here and there to different values (still open).
    pub conflicts: Vec<Field>,
}

impl Rebased {
    /// Whether the stored plan brought anything the draft did not hold.
    pub fn changed_elsewhere(&self) -> bool {
        !self.updated.is_empty() || !self.conflicts.is_empty()
    }
}

/// The editor's draft, the plan it was opened from, and the fields in
/// conflict with a save made elsewhere (with the stored value).
#[derive(Clone, Debug, PartialEq)]
pub struct PlanDraft {
    pub draft: Plan,
    base: Plan,
    conflicts: Vec<(Field, Value)>,
    /// The text last typed into each field, as typed.
    typed: Vec<(Field, String)>,
}

impl PlanDraft {
    /// A draft of `stored`, untouched.
    pub fn new(stored: &Plan) -> PlanDraft {
        PlanDraft {
            draft: stored.clone(),
            base: stored.clone(),
            conflicts: Vec::new(),
            typed: Vec::new(),
        }
    }

    /// Applies what the user typed into `field` (see [`parse_input`]) and
    /// keeps the text as typed. Returns whether the draft took it.
    pub fn input(&mut self, field: &Field, text: &str, lang: Lang) -> bool {
        let Some(value) = parse_input(&self.draft, field, text, lang) else {
            return false;
        };
        set(&mut self.draft, field, &value);
        self.typed.retain(|(f, _)| f != field);
        self.typed.push((field.clone(), text.to_owned()));
        true
    }

    /// What `field`'s control shows: the text typed into it while that
    /// text still means the draft's value, else the value as the editor
    /// writes it in `lang`.
    pub fn text(&self, field: &Field, lang: Lang) -> String {
        let Some(value) = get(&self.draft, field) else {
            return String::new();
        };
        let typed = self.typed.iter().find(|(f, _)| f == field);
        match typed {
            Some((_, text))
                if parse_input(&self.draft, field, text, lang).as_ref() == Some(&value) =>
            {
                text.clone()
            }
            _ => input_text(&self.draft, field, &value, lang),
        }
    }

    /// Renames the sector `id` in one language (`name_lang`), as typed.
    pub fn rename_sector(&mut self, id: &str, name_lang: Lang, name: &str) -> bool {
        let Some(sector) = self.draft.sectors.iter_mut().find(|s| s.id == id) else {
            return false;
        };
        match name_lang {
            Lang::Vi => sector.name.vi = name.to_owned(),
            Lang::En => sector.name.en = name.to_owned(),
        }
        true
    }

    /// Beside a field in conflict: the value saved elsewhere as the editor
    /// would show it, and the two choices; `None` for a field not in
    /// conflict.
    pub fn conflict_text(&self, field: &Field, lang: Lang) -> Option<String> {
        let theirs = self.theirs(field)?;
        Some(choice_text(
            &describe(&self.draft, field, theirs, lang),
            lang,
        ))
    }

    /// Whether the draft differs from what it was opened from.
    pub fn is_changed(&self) -> bool {
        self.draft != self.base || !self.conflicts.is_empty()
    }

    /// The fields in conflict, with the value saved elsewhere.
    pub fn conflicts(&self) -> &[(Field, Value)] {
        &self.conflicts
    }

    /// The value saved elsewhere for `field`, when it is in conflict.
    pub fn theirs(&self, field: &Field) -> Option<&Value> {
        self.conflicts
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v)
    }

    /// Merges the stored plan `stored` into the draft, field by field (see
    /// the module's documentation). The draft then holds exactly what the
    /// editor must show.
    pub fn rebase(&mut self, stored: &Plan) -> Rebased {
        let mut result = stored.clone();
        let mut new_base = stored.clone();
        let mut found = Rebased::default();
        let mut conflicts = Vec::new();
        for field in fields(stored) {
            let (Some(theirs), Some(mine)) = (get(stored, &field), get(&self.draft, &field)) else {
                // A target only stored: it comes as stored.
                continue;
            };
            let base = get(&self.base, &field);
            let touched = base.as_ref() != Some(&mine);
            if !touched {
                if base.as_ref() != Some(&theirs) {
                    found.updated.push(field.clone());
                }
                continue;
            }
            // The user's value stays.
            set(&mut result, &field, &mine);
            if mine == theirs || base.as_ref() == Some(&theirs) {
                continue;
            }
            // Changed on both sides, differently: the base stays as it was,
            // so the field stays in conflict until the user chooses.
            if let Some(base) = &base {
                set(&mut new_base, &field, base);
            }
            found.conflicts.push(field.clone());
            conflicts.push((field, theirs));
        }
        self.draft = result;
        self.base = new_base;
        self.conflicts = conflicts;
        found
    }

    /// The user's choice for a field in conflict: keep the value typed
    /// here (`keep_mine`) or take the stored one. Returns whether the field
    /// was in conflict.
    pub fn choose(&mut self, field: &Field, keep_mine: bool) -> bool {
        let Some(position) = self.conflicts.iter().position(|(f, _)| f == field) else {
            return false;
        };
        let (field, theirs) = self.conflicts.remove(position);
        set(&mut self.base, &field, &theirs);
        if !keep_mine {
            set(&mut self.draft, &field, &theirs);
        }
        true
    }

    /// The plan to store, or `None` while a field is in conflict.
    pub fn to_save(&self) -> Option<Plan> {
        self.conflicts.is_empty().then(|| self.draft.clone())
    }

    /// Back to the stored plan, every edit dropped.
    pub fn discard(&mut self, stored: &Plan) {
        *self = PlanDraft::new(stored);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Types `text` into `field` of `plan` (in English).
    fn type_into(plan: &mut Plan, field: Field, text: &str) {
        if let Some(value) = parse_input(plan, &field, text, Lang::En) {
            set(plan, &field, &value);
        }
    }

    fn t(plan: &Plan, id: &str) -> f64 {
        plan.targets
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.value)
            .unwrap_or(f64::NAN)
    }

    fn edit(plan: &mut Plan, id: &str, value: &str) {
        type_into(plan, Field::Target(id.to_owned(), Part::Value), value);
    }

    #[test]
    fn untouched_fields_take_the_stored_values_and_own_edits_stay() {
        let stored = Plan::hai_phong_135();
        let mut b = PlanDraft::new(&stored);
        edit(&mut b.draft, "T1", "90");
        let mut theirs = stored.clone();
        edit(&mut theirs, "T5", "60");
        theirs.tasks.clear();
        let found = b.rebase(&theirs);
        assert!(found.changed_elsewhere());
        assert!(found.conflicts.is_empty());
        assert_eq!(found.updated, vec![Field::Target("T5".into(), Part::Value)]);
        assert!((t(&b.draft, "T5") - 0.6).abs() < 1e-12);
        assert!((t(&b.draft, "T1") - 0.9).abs() < 1e-12);
        // What the editor does not edit follows the stored plan.
        assert!(b.draft.tasks.is_empty());
        let saved = b.to_save().unwrap_or_else(|| stored.clone());
        assert!((t(&saved, "T5") - 0.6).abs() < 1e-12);
        assert!((t(&saved, "T1") - 0.9).abs() < 1e-12);
        assert!(b.is_changed());
        // After the save, the stored plan is the draft: nothing is reported.
        let after = b.rebase(&saved);
        assert!(!after.changed_elsewhere());
        assert!(!b.is_changed());
    }

    #[test]
    fn a_field_changed_on_both_sides_waits_for_the_users_choice() {
        let stored = Plan::hai_phong_135();
        for keep_mine in [true, false] {
            let mut b = PlanDraft::new(&stored);
            edit(&mut b.draft, "T5", "70");
            let mut theirs = stored.clone();
            edit(&mut theirs, "T5", "60");
            let found = b.rebase(&theirs);
            let t5 = Field::Target("T5".into(), Part::Value);
            assert_eq!(found.conflicts, vec![t5.clone()]);
            assert!(b.to_save().is_none());
            // Shown as typed, with the other value beside it.
            assert!((t(&b.draft, "T5") - 0.7).abs() < 1e-12);
            let other = b.theirs(&t5).cloned();
            assert_eq!(
                other.map(|v| describe(&b.draft, &t5, &v, Lang::Vi)),
                Some("60".to_owned())
            );
            // Another save elsewhere keeps the conflict open.
            assert_eq!(b.rebase(&theirs).conflicts, vec![t5.clone()]);
            assert!(b.choose(&t5, keep_mine));
            assert!(!b.choose(&t5, keep_mine));
            let saved = b.to_save();
            let want = if keep_mine { 0.7 } else { 0.6 };
            assert!(saved.is_some_and(|p| (t(&p, "T5") - want).abs() < 1e-12));
            // Settled: the same stored value does not raise it again.
            assert!(b.rebase(&theirs).conflicts.is_empty());
            assert_eq!(b.is_changed(), keep_mine);
        }
    }

    #[test]
    fn the_same_value_on_both_sides_is_no_conflict_and_nan_equals_itself() {
        let stored = Plan::hai_phong_135();
        let mut b = PlanDraft::new(&stored);
        edit(&mut b.draft, "T5", "60");
        edit(&mut b.draft, "T2", "abc");
        let mut theirs = stored.clone();
        edit(&mut theirs, "T5", "60");
        let found = b.rebase(&theirs);
        assert!(found.conflicts.is_empty());
        assert!(t(&b.draft, "T2").is_nan());
        assert!(b.rebase(&theirs).conflicts.is_empty());
    }

    #[test]
    fn the_form_shows_the_other_value_with_the_two_choices() {
        let stored = Plan::hai_phong_135();
        let mut b = PlanDraft::new(&stored);
        let t5 = Field::Target("T5".into(), Part::Value);
        assert!(b.input(&t5, "70", Lang::En));
        let mut theirs = stored.clone();
        edit(&mut theirs, "T5", "60");
        b.rebase(&theirs);
        assert_eq!(
            crate::edit::plan_form::conflict_id(&t5),
            "plan-conflict-T5-value"
        );
        assert_eq!(
            b.conflict_text(&t5, Lang::En).as_deref(),
            Some("Another tab just saved: 60 — keep your value or take the other one")
        );
        assert_eq!(b.conflict_text(&Field::Reading, Lang::En), None);
        assert_eq!(b.text(&t5, Lang::En), "70");
        // Taken: the field shows the other value, as the editor writes it.
        assert!(b.choose(&t5, false));
        assert_eq!(b.text(&t5, Lang::En), "60");
        assert_eq!(b.conflict_text(&t5, Lang::En), None);
    }

    #[test]
    fn a_field_shows_the_text_as_typed_while_it_means_the_drafts_value() {
        let stored = Plan::hai_phong_135();
        let mut b = PlanDraft::new(&stored);
        let t5 = Field::Target("T5".into(), Part::Value);
        assert_eq!(b.text(&t5, Lang::Vi), "50");
        // A comma is the Vietnamese decimal mark; a point groups thousands.
        assert!(b.input(&t5, "60,50", Lang::Vi));
        assert!((t(&b.draft, "T5") - 0.605).abs() < 1e-12);
        assert_eq!(b.text(&t5, Lang::Vi), "60,50");
        // In English the same value is written the English way.
        assert_eq!(b.text(&t5, Lang::En), "60.5");
        assert!(b.input(&t5, "1.2", Lang::Vi));
        assert!(t(&b.draft, "T5").is_nan(), "a point is no decimal mark");
        assert_eq!(b.text(&t5, Lang::Vi), "1.2", "unreadable text stays");
        // A line being written keeps its line break.
        assert!(b.input(&Field::Districts, "Lê Chân\n", Lang::Vi));
        assert_eq!(b.draft.districts, ["Lê Chân"]);
        assert_eq!(b.text(&Field::Districts, Lang::Vi), "Lê Chân\n");
        // A value from elsewhere replaces the text typed.
        let mut theirs = stored.clone();
        theirs.districts = vec!["An Lão".into(), "Kiến Thụy".into()];
        b.discard(&theirs);
        assert_eq!(b.text(&Field::Districts, Lang::Vi), "An Lão\nKiến Thụy");
        // An unreadable date changes nothing.
        let deadline = Field::Target("T5".into(), Part::Deadline);
        assert!(!b.input(&deadline, "", Lang::Vi));
        assert!(b.input(&deadline, "2021-06-30", Lang::Vi));
        assert_eq!(b.text(&deadline, Lang::Vi), "2021-06-30");
        assert!(b.rename_sector(&stored.sectors[0].id, Lang::En, "Farming"));
        assert_eq!(b.draft.sectors[0].name.en, "Farming");
        assert!(!b.rename_sector("no-such-sector", Lang::En, "x"));
    }

    #[test]
    fn reading_districts_and_sectors_merge_too() {
        let stored = Plan::hai_phong_135();
        let mut b = PlanDraft::new(&stored);
        type_into(&mut b.draft, Field::Districts, "Kiến Thụy\nAn Lão");
        let mut theirs = stored.clone();
        type_into(&mut theirs, Field::Reading, "of_all");
        let found = b.rebase(&theirs);
        assert_eq!(found.updated, vec![Field::Reading]);
        assert_eq!(b.draft.settings.qualified_reading, QualifiedReading::OfAll);
        assert_eq!(b.draft.districts, vec!["Kiến Thụy", "An Lão"]);
        for field in fields(&stored) {
            assert_eq!(Field::from_key(&field.key()), Some(field));
        }
    }
}
