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

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::plan::{Comparator, Plan, QualifiedReading, Sector};
use crate::plan_form::shown;

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
        Value::Date(d) => crate::format::iso_date(*d),
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
}

impl PlanDraft {
    /// A draft of `stored`, untouched.
    pub fn new(stored: &Plan) -> PlanDraft {
        PlanDraft {
            draft: stored.clone(),
            base: stored.clone(),
            conflicts: Vec::new(),
        }
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
    use crate::plan_form::apply;

    fn t(plan: &Plan, id: &str) -> f64 {
        plan.targets
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.value)
            .unwrap_or(f64::NAN)
    }

    fn index(plan: &Plan, id: &str) -> usize {
        plan.targets
            .iter()
            .position(|t| t.id == id)
            .unwrap_or(usize::MAX)
    }

    fn edit(plan: &mut Plan, id: &str, value: &str) {
        let i = index(plan, id);
        apply(plan, &format!("target:{i}:value"), value, Lang::En);
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
        edit(&mut b.draft, "T5", "70");
        let mut theirs = stored.clone();
        edit(&mut theirs, "T5", "60");
        b.rebase(&theirs);
        let html = crate::plan_form::form_html_with(&b.draft, &[], b.conflicts(), Lang::En);
        assert!(html.contains("id=\"plan-conflict-T5-value\""));
        assert!(html.contains("Another tab just saved: 60"));
        assert!(html.contains("data-action=\"plan-conflict-take\" data-field=\"T5:value\""));
        assert!(html.contains("value=\"70\""));
    }

    #[test]
    fn reading_districts_and_sectors_merge_too() {
        let stored = Plan::hai_phong_135();
        let mut b = PlanDraft::new(&stored);
        apply(&mut b.draft, "districts", "Kiến Thụy\nAn Lão", Lang::Vi);
        let mut theirs = stored.clone();
        apply(&mut theirs, "reading", "of_all", Lang::Vi);
        let found = b.rebase(&theirs);
        assert_eq!(found.updated, vec![Field::Reading]);
        assert_eq!(b.draft.settings.qualified_reading, QualifiedReading::OfAll);
        assert_eq!(b.draft.districts, vec!["Kiến Thụy", "An Lão"]);
        for field in fields(&stored) {
            assert_eq!(Field::from_key(&field.key()), Some(field));
        }
    }
}
