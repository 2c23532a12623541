//! What the self-assessment page shows of one assessment, against what is
//! stored: the base of every edit made on the page.
//!
//! The page saves each field as soon as it is committed, so only the field
//! being typed in can differ from what is stored. When another tab saves
//! the same assessment, [`Shown::hear`] says so at once and the page shows
//! the stored values (the field being typed keeps its old base); a field
//! committed here whose stored value another tab changed since the page
//! showed it, to something else, is not saved: [`Shown::check`] holds it
//! back and the page offers both values ([`Shown::conflict_text`]) — never
//! a silent overwrite. Fields are merged with [`crate::domain::field_merge`].
//!
//! Fields are [`AssessmentField`]s, compared under their keys
//! ([`super::Assessment::fields`]) and the `date`. The exemplary criteria
//! belong to the workspace, not the assessment, and are saved as typed.

use chrono::NaiveDate;

use super::edit::{default_date, set_field, AssessmentField};
use super::{find, find_or_new};
use crate::domain::field_merge::{self, Fields};
use crate::domain::workspace::Workspace;
use crate::i18n::format::iso_date;
use crate::i18n::number::{self, Convention};
use crate::i18n::{Lang, Text};

/// The assessment of `unit_id` for `year` as fields (none if not saved).
fn fields_of(ws: &Workspace, unit_id: &str, year: i32) -> Fields {
    let Some(a) = find(ws, unit_id, year) else {
        return Fields::new();
    };
    let mut fields = vec![("date".to_owned(), iso_date(a.assessed_on))];
    fields.extend(a.fields());
    fields
}

/// A field committed here that another tab changed meanwhile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub field: AssessmentField,
    /// The value stored by the other tab.
    pub theirs: String,
    /// The value as typed here.
    pub mine: String,
}

/// The assessment the page shows, and the fields waiting for a choice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    unit_id: String,
    year: i32,
    base: Fields,
    pub conflicts: Vec<Conflict>,
}

impl Shown {
    /// The assessment of `unit_id` for `year` as the page now shows it.
    pub fn of(ws: &Workspace, unit_id: &str, year: i32) -> Shown {
        Shown {
            unit_id: unit_id.to_owned(),
            year,
            base: fields_of(ws, unit_id, year),
            conflicts: Vec::new(),
        }
    }

    /// Whether this is the assessment of `unit_id` for `year`.
    pub fn is_for(&self, unit_id: &str, year: i32) -> bool {
        self.unit_id == unit_id && self.year == year
    }

    /// After a save elsewhere: whether the stored assessment differs from
    /// what the page shows. The page then shows the stored values, which
    /// become the base of every field but `typing` (the field being typed
    /// here, not yet committed), whose commit is then checked against its
    /// old base.
    pub fn hear(&mut self, ws: &Workspace, typing: Option<AssessmentField>) -> bool {
        let stored = fields_of(ws, &self.unit_id, self.year);
        if field_merge::same_fields(&self.base, &stored, &field_merge::equal) {
            return false;
        }
        let kept = typing.map(|field| {
            let name = field.key();
            let value = field_merge::value(&self.base, &name).to_owned();
            (name, value)
        });
        self.base = stored;
        if let Some((name, value)) = kept {
            field_merge::set(&mut self.base, &name, &value);
        }
        true
    }

    /// The notice for [`Shown::hear`].
    pub fn heard() -> Text {
        Text::new(
            "Tab khác vừa lưu thay đổi cho bản tự đánh giá này; các ô đã hiện giá trị của tab kia. Ô bạn đang sửa sẽ cho bạn chọn nếu tab kia cũng sửa.",
            "Another tab just saved changes to this self-assessment; the fields now show its values. If it changed the field you are editing, you choose.",
        )
    }

    /// Before `field` is saved with `value` (as typed in `lang`):
    /// `false`, and the field listed in [`Shown::conflicts`], when another
    /// tab changed its stored value since the page showed it, to another
    /// value than this one. `today` dates a new assessment.
    pub fn check(
        &mut self,
        ws: &Workspace,
        field: AssessmentField,
        value: &str,
        today: NaiveDate,
        lang: Lang,
    ) -> bool {
        if !field.is_compared() {
            return true;
        }
        let name = &field.key();
        let stored = fields_of(ws, &self.unit_id, self.year);
        let theirs = field_merge::value(&stored, name);
        let base = field_merge::value(&self.base, name);
        if theirs == base {
            return true;
        }
        // The value typed, as it would be stored ("3,5" is "3.5").
        let mut trial = find_or_new(ws, &self.unit_id, self.year, default_date(self.year, today));
        if set_field(&mut trial, field, value, lang).is_err() {
            // Refused as typed: the page says why, and nothing is saved.
            return true;
        }
        let mine = field.stored(&trial);
        if mine == theirs {
            field_merge::set(&mut self.base, name, theirs);
            return true;
        }
        self.conflicts.retain(|c| c.field != field);
        self.conflicts.push(Conflict {
            field,
            theirs: theirs.to_owned(),
            mine: value.to_owned(),
        });
        false
    }

    /// After `field` was saved: its stored value is its base (and the
    /// date's, when this save created the assessment).
    pub fn saved(&mut self, ws: &Workspace, field: AssessmentField) {
        let stored = fields_of(ws, &self.unit_id, self.year);
        if field_merge::value(&self.base, "date").is_empty() {
            field_merge::set(&mut self.base, "date", field_merge::value(&stored, "date"));
        }
        if field.is_compared() {
            let name = field.key();
            field_merge::set(&mut self.base, &name, field_merge::value(&stored, &name));
        }
    }

    /// The user's choice for a field in conflict. Keeping the value typed
    /// here returns it, to be saved; taking the other tab's returns `None`
    /// (it is stored already). Either way the field is settled.
    pub fn choose(&mut self, field: AssessmentField, keep_mine: bool) -> Option<String> {
        let at = self.conflicts.iter().position(|c| c.field == field)?;
        let conflict = self.conflicts.remove(at);
        let mut mine = Fields::new();
        let name = field.key();
        field_merge::choose(
            &mut self.base,
            &mut mine,
            &name,
            &conflict.theirs,
            keep_mine,
        );
        keep_mine.then_some(conflict.mine)
    }

    /// Beside `field` while it is in conflict: the other tab's value as
    /// the user reads it, and the choice ([`field_merge::choice_text`]).
    pub fn conflict_text(&self, field: AssessmentField, lang: Lang) -> Option<String> {
        let conflict = self.conflicts.iter().find(|c| c.field == field)?;
        let theirs = &conflict.theirs;
        let shown = match theirs.as_str() {
            "yes" => lang.pick("Có (đạt)", "Yes (met)").to_owned(),
            "no" => lang.pick("Không (chưa đạt)", "No (not met)").to_owned(),
            "na" => lang.pick("Không áp dụng", "Not applicable").to_owned(),
            _ => match number::parse_plain(theirs, Convention::PLAIN) {
                Ok(Some(plain)) => number::write_plain(&plain, Convention::of(lang)),
                _ => theirs.clone(),
            },
        };
        Some(field_merge::choice_text(&shown, lang))
    }

    /// Why a field was not saved.
    pub fn not_saved() -> Text {
        Text::new(
            "Chưa lưu: một tab khác vừa lưu ô này với giá trị khác. Hãy chọn giá trị.",
            "Not saved: another tab just saved this field with another value. Choose one.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::edit::apply;
    use crate::assessment::Fact;
    use crate::domain::unit::{Unit, UnitKind};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 3, 1).unwrap_or_default()
    }

    fn ws() -> Workspace {
        let mut ws = Workspace::new("w", "w");
        ws.units.push(Unit::new("u", "HTX A", UnitKind::Htx));
        ws
    }

    /// What a tab does on a committed field: check, then save.
    fn commit(shown: &mut Shown, ws: &mut Workspace, field: AssessmentField, value: &str) -> bool {
        if !shown.check(ws, field, value, day(), Lang::Vi) {
            return false;
        }
        apply(ws, "u", 2019, day(), field, value, Lang::Vi).expect("valid");
        shown.saved(ws, field);
        true
    }

    const BOARD: AssessmentField = AssessmentField::Fact(Fact::BoardSize);
    const NOTE: AssessmentField = AssessmentField::Note("2012-bodies");
    const SCORE: AssessmentField = AssessmentField::Score("1a");

    #[test]
    fn two_tabs_each_save_their_own_fields() {
        let mut stored = ws();
        let mut a = Shown::of(&stored, "u", 2019);
        let mut b = Shown::of(&stored, "u", 2019);
        assert!(commit(&mut a, &mut stored, BOARD, "5"));
        assert!(b.hear(&stored, None));
        assert!(!b.hear(&stored, None), "said once");
        assert!(commit(&mut b, &mut stored, NOTE, "đủ"));
        let saved = find(&stored, "u", 2019).expect("saved");
        assert_eq!(saved.value("fact:board_size", "").as_deref(), Some("5"));
        assert_eq!(saved.value("note:2012-bodies", "").as_deref(), Some("đủ"));
        // A tab that did not hear it yet still keeps A's field.
        let mut c = Shown::of(&ws(), "u", 2019);
        assert!(commit(&mut c, &mut stored, SCORE, "3,5"));
        assert_eq!(
            find(&stored, "u", 2019)
                .and_then(|a| a.value("fact:board_size", ""))
                .as_deref(),
            Some("5")
        );
    }

    #[test]
    fn a_field_changed_in_both_tabs_waits_for_the_choice() {
        for keep_mine in [true, false] {
            let mut stored = ws();
            let mut a = Shown::of(&stored, "u", 2019);
            let mut b = Shown::of(&stored, "u", 2019);
            assert!(commit(&mut a, &mut stored, SCORE, "4"));
            // B was typing in that field when A's save arrived.
            assert!(b.hear(&stored, Some(SCORE)));
            let before = stored.clone();
            assert!(!commit(&mut b, &mut stored, SCORE, "3,5"));
            assert_eq!(stored, before, "nothing saved before the choice");
            let text = b.conflict_text(SCORE, Lang::Vi).expect("in conflict");
            assert!(text.contains("Tab khác vừa lưu: 4 — giữ giá trị"), "{text}");
            assert_eq!(SCORE.conflict_id(), "assessment-conflict-score-1a");
            let keep = b.choose(SCORE, keep_mine);
            assert!(b.conflicts.is_empty());
            if let Some(mine) = keep {
                assert!(commit(&mut b, &mut stored, SCORE, &mine));
            }
            let expected = if keep_mine { "3.5" } else { "4" };
            assert_eq!(
                find(&stored, "u", 2019)
                    .and_then(|a| a.value("score:1a", ""))
                    .as_deref(),
                Some(expected)
            );
        }
        // The same value typed in both is no conflict.
        let mut stored = ws();
        let mut a = Shown::of(&stored, "u", 2019);
        let mut b = Shown::of(&stored, "u", 2019);
        assert!(commit(&mut a, &mut stored, SCORE, "4"));
        assert!(commit(&mut b, &mut stored, SCORE, "4"));
        // The rule set viewed is this tab's own: never compared.
        assert!(b.check(&stored, AssessmentField::Law, "2012", day(), Lang::Vi));
    }
}
