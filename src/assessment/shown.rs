//! What the self-assessment page shows of one assessment, against what is
//! stored: the base of every edit made on the page.
//!
//! The page saves each field as soon as it is committed, so only the field
//! being typed in can differ from what is stored. When another tab saves
//! the same assessment, [`Shown::hear`] says so at once and the page shows
//! the stored values (the field being typed keeps its old base); a field
//! committed here whose stored value another tab changed since the page
//! showed it, to something else, is not saved: [`Shown::check`] holds it
//! back and the page offers both values ([`Shown::choice_html`]) — never
//! a silent overwrite. Fields are merged with [`crate::field_merge`].
//!
//! Fields are the assessment's fields under its controls' names
//! ([`super::Assessment::fields`]) and its `date`. The exemplary criteria (`ex:`)
//! belong to the workspace, not the assessment, and are saved as typed.

use chrono::NaiveDate;

use super::page::{default_date, set_field};
use super::{find, find_or_new};
use crate::field_merge::{self, Fields};
use crate::format::iso_date;
use crate::html::Html;
use crate::i18n::{Lang, Text};
use crate::number::{self, Convention};
use crate::workspace::Workspace;

/// The assessment of `unit_id` for `year` as fields (none if not saved).
fn fields_of(ws: &Workspace, unit_id: &str, year: i32) -> Fields {
    let Some(a) = find(ws, unit_id, year) else {
        return Fields::new();
    };
    let mut fields = vec![("date".to_owned(), iso_date(a.assessed_on))];
    fields.extend(a.fields());
    fields
}

/// Whether a control's name is a field of the assessment.
fn is_field(name: &str) -> bool {
    !name.starts_with("ex:")
        && !name.starts_with("new:")
        && !matches!(name, "unit" | "year" | "law")
}

/// A field committed here that another tab changed meanwhile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub name: String,
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
    pub fn hear(&mut self, ws: &Workspace, typing: Option<&str>) -> bool {
        let stored = fields_of(ws, &self.unit_id, self.year);
        if field_merge::same_fields(&self.base, &stored, &field_merge::equal) {
            return false;
        }
        let kept = typing.map(|name| (name, field_merge::value(&self.base, name).to_owned()));
        self.base = stored;
        if let Some((name, value)) = kept {
            field_merge::set(&mut self.base, name, &value);
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

    /// Before field `name` is saved with `value` (as typed in `lang`):
    /// `false`, and the field listed in [`Shown::conflicts`], when another
    /// tab changed its stored value since the page showed it, to another
    /// value than this one. `today` dates a new assessment.
    pub fn check(
        &mut self,
        ws: &Workspace,
        name: &str,
        value: &str,
        today: NaiveDate,
        lang: Lang,
    ) -> bool {
        if !is_field(name) {
            return true;
        }
        let stored = fields_of(ws, &self.unit_id, self.year);
        let theirs = field_merge::value(&stored, name);
        let base = field_merge::value(&self.base, name);
        if theirs == base {
            return true;
        }
        // The value typed, as it would be stored ("3,5" is "3.5").
        let mut trial = find_or_new(ws, &self.unit_id, self.year, default_date(self.year, today));
        if set_field(&mut trial, name, value, lang).is_err() {
            // Refused as typed: the page says why, and nothing is saved.
            return true;
        }
        let mine = if name == "date" {
            iso_date(trial.assessed_on)
        } else {
            trial.value(name, "").unwrap_or_default()
        };
        if mine == theirs {
            field_merge::set(&mut self.base, name, theirs);
            return true;
        }
        self.conflicts.retain(|c| c.name != name);
        self.conflicts.push(Conflict {
            name: name.to_owned(),
            theirs: theirs.to_owned(),
            mine: value.to_owned(),
        });
        false
    }

    /// After field `name` was saved: its stored value is its base (and
    /// the date's, when this save created the assessment).
    pub fn saved(&mut self, ws: &Workspace, name: &str) {
        let stored = fields_of(ws, &self.unit_id, self.year);
        if field_merge::value(&self.base, "date").is_empty() {
            field_merge::set(&mut self.base, "date", field_merge::value(&stored, "date"));
        }
        if is_field(name) {
            field_merge::set(&mut self.base, name, field_merge::value(&stored, name));
        }
    }

    /// The user's choice for a field in conflict. Keeping the value typed
    /// here returns it, to be saved; taking the other tab's returns `None`
    /// (it is stored already). Either way the field is settled.
    pub fn choose(&mut self, name: &str, keep_mine: bool) -> Option<String> {
        let at = self.conflicts.iter().position(|c| c.name == name)?;
        let conflict = self.conflicts.remove(at);
        let mut mine = Fields::new();
        field_merge::choose(&mut self.base, &mut mine, name, &conflict.theirs, keep_mine);
        keep_mine.then_some(conflict.mine)
    }

    /// The id of the box under field `name` that shows the other value.
    pub fn conflict_id(name: &str) -> String {
        format!("assessment-conflict-{}", name.replace(':', "-"))
    }

    /// Beside field `name`: the other tab's value and the two choices.
    pub fn choice_html(&self, name: &str, lang: Lang) -> String {
        let Some(conflict) = self.conflicts.iter().find(|c| c.name == name) else {
            return String::new();
        };
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
        let mut html = Html::new();
        field_merge::choice_html(&mut html, &Shown::conflict_id(name), name, &shown, lang);
        html.into_string()
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
    use crate::assessment::page::apply;
    use crate::unit::{Unit, UnitKind};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 3, 1).unwrap_or_default()
    }

    fn ws() -> Workspace {
        let mut ws = Workspace::new("w", "w");
        ws.units.push(Unit::new("u", "HTX A", UnitKind::Htx));
        ws
    }

    /// What a tab does on a committed field: check, then save.
    fn commit(shown: &mut Shown, ws: &mut Workspace, name: &str, value: &str) -> bool {
        if !shown.check(ws, name, value, day(), Lang::Vi) {
            return false;
        }
        apply(ws, "u", 2019, day(), name, value, Lang::Vi).expect("valid");
        shown.saved(ws, name);
        true
    }

    #[test]
    fn two_tabs_each_save_their_own_fields() {
        let mut stored = ws();
        let mut a = Shown::of(&stored, "u", 2019);
        let mut b = Shown::of(&stored, "u", 2019);
        assert!(commit(&mut a, &mut stored, "fact:board_size", "5"));
        assert!(b.hear(&stored, None));
        assert!(!b.hear(&stored, None), "said once");
        assert!(commit(&mut b, &mut stored, "note:2012-bodies", "đủ"));
        let saved = find(&stored, "u", 2019).expect("saved");
        assert_eq!(saved.value("fact:board_size", "").as_deref(), Some("5"));
        assert_eq!(saved.value("note:2012-bodies", "").as_deref(), Some("đủ"));
        // A tab that did not hear it yet still keeps A's field.
        let mut c = Shown::of(&ws(), "u", 2019);
        assert!(commit(&mut c, &mut stored, "score:1a", "3,5"));
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
            assert!(commit(&mut a, &mut stored, "score:1a", "4"));
            // B was typing in that field when A's save arrived.
            assert!(b.hear(&stored, Some("score:1a")));
            let before = stored.clone();
            assert!(!commit(&mut b, &mut stored, "score:1a", "3,5"));
            assert_eq!(stored, before, "nothing saved before the choice");
            let html = b.choice_html("score:1a", Lang::Vi);
            assert!(html.contains("Tab khác vừa lưu: 4 — giữ giá trị"), "{html}");
            assert!(html.contains("id=\"assessment-conflict-score-1a\""));
            let keep = b.choose("score:1a", keep_mine);
            assert!(b.conflicts.is_empty());
            if let Some(mine) = keep {
                assert!(commit(&mut b, &mut stored, "score:1a", &mine));
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
        assert!(commit(&mut a, &mut stored, "score:1a", "4"));
        assert!(commit(&mut b, &mut stored, "score:1a", "4"));
        // The exemplary criteria are the workspace's: saved as typed.
        assert!(b.check(&stored, "ex:years", "3", day(), Lang::Vi));
    }
}
