//! The edits the self-assessment page makes, typed: which field of an
//! assessment (or of the workspace's exemplary criteria) a control edits is
//! an [`AssessmentField`] or an [`ExemplaryField`], never a control's name.
//!
//! What the user typed arrives as text in the page's language ("3,5" in
//! Vietnamese); [`set_field`] checks it and keeps it normalised ("3.5"),
//! [`apply`] saves it only when valid, so a bad first entry leaves no empty
//! assessment behind. The field's [`AssessmentField::key`] is how
//! [`super::shown`] compares it with another tab's save. No markup here.

use chrono::{Datelike, NaiveDate};

use super::action_plan::add_missing_actions;
use super::classification::{effective_max, item_max, parse_score, rubric, CURRENT_RUBRIC};
use super::exemplary::ExemplaryCriteria;
use super::legal_rules::{evaluate_law, Law, Summary};
use super::{find, find_or_new, store, Assessment, Fact, Grade, FACTS};
use crate::domain::decimal::Decimal;
use crate::domain::unit::{Unit, UnitKind, YearRecord};
use crate::domain::workspace::Workspace;
use crate::i18n::format::{iso_date, parse_iso};
use crate::i18n::number::{self, Convention};
use crate::i18n::{pick2, Lang};

/// A field of an action of the plan that the page edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionField {
    Action,
    Owner,
    Due,
    Status,
}

impl ActionField {
    fn key(self) -> &'static str {
        match self {
            ActionField::Action => "action",
            ActionField::Owner => "owner",
            ActionField::Due => "due",
            ActionField::Status => "status",
        }
    }
}

/// A field of one assessment the page edits. Rules and rubric items are
/// named by their ids in the compiled-in data; actions by their stable id
/// ([`super::ActionItem::id`]), never by their place in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssessmentField {
    /// The assessment date: it decides which law is in force.
    Date,
    /// The rule set viewed (not saved when it is the one in force).
    Law,
    Fact(Fact),
    MonthsOperated,
    MonthsStopped,
    /// The answer to a manual rule, by rule id.
    Answer(&'static str),
    /// The note on a manual rule, by rule id.
    Note(&'static str),
    /// The points of a rubric item, by item id (`1a`).
    Score(&'static str),
    /// The corrected maximum of an unverified criterion, by number.
    Max(u8),
    Action(u32, ActionField),
}

impl AssessmentField {
    /// The field's key in [`Assessment::fields`] (also the control's
    /// `name`, which the e2e tests find it by): `fact:board_size`,
    /// `score:1a`, `act:3:owner`.
    pub fn key(self) -> String {
        match self {
            AssessmentField::Date => "date".to_owned(),
            AssessmentField::Law => "law".to_owned(),
            AssessmentField::Fact(fact) => format!("fact:{}", fact.key()),
            AssessmentField::MonthsOperated => "months_operated".to_owned(),
            AssessmentField::MonthsStopped => "months_stopped".to_owned(),
            AssessmentField::Answer(rule) => format!("ans:{rule}"),
            AssessmentField::Note(rule) => format!("note:{rule}"),
            AssessmentField::Score(item) => format!("score:{item}"),
            AssessmentField::Max(criterion) => format!("max:{criterion}"),
            AssessmentField::Action(id, field) => format!("act:{id}:{}", field.key()),
        }
    }

    /// Whether another tab's save of this field is compared with this
    /// tab's ([`super::shown`]); the rule set viewed is this tab's own.
    pub fn is_compared(self) -> bool {
        self != AssessmentField::Law
    }

    /// The field's value as stored, as text (empty for none).
    pub fn stored(self, a: &Assessment) -> String {
        match self {
            AssessmentField::Date => iso_date(a.assessed_on),
            AssessmentField::Law => a.law().key().to_owned(),
            field => a.value(&field.key(), "").unwrap_or_default(),
        }
    }

    /// The field's value as its control shows it in `lang`: numbers the
    /// language's way ("3,5"), a criterion's maximum as in force (the
    /// rubric's unless corrected), text as typed.
    pub fn shown(self, a: &Assessment, lang: Lang) -> String {
        match self {
            AssessmentField::Max(number) => rubric(&a.rubric_version)
                .and_then(|r| r.criterion(number))
                .map(|c| effective_max(a, c).to_string())
                .unwrap_or_default(),
            AssessmentField::Score(_)
            | AssessmentField::MonthsOperated
            | AssessmentField::MonthsStopped
            | AssessmentField::Fact(_) => shown_number(&self.stored(a), lang),
            _ => self.stored(a),
        }
    }

    /// For an amount fact, the value typed as it will be stored, in the
    /// page's format and unit ("= 1.250,5 triệu đồng"), empty when there is
    /// none or it cannot be read; `None` for a field that is not an amount.
    pub fn typed_echo(self, typed: &str, lang: Lang) -> Option<String> {
        let unit = match self {
            AssessmentField::Fact(Fact::CapitalShare) => "%",
            AssessmentField::Fact(Fact::Income) => lang.pick(" triệu đồng", " million VND"),
            // The allocations are in the unit the income is given in.
            AssessmentField::Fact(
                Fact::Development | Fact::Reserve | Fact::ExternalIncome | Fact::Indivisible,
            ) => "",
            _ => return None,
        };
        let convention = Convention::of(lang);
        Some(match number::parse_decimal(typed, convention) {
            Ok(Some(amount)) => format!("= {}{unit}", number::write_decimal(&amount, convention)),
            _ => String::new(),
        })
    }

    /// The id of the paragraph that offers the choice when this field is
    /// in conflict with another tab's save.
    pub fn conflict_id(self) -> String {
        format!("assessment-conflict-{}", self.key().replace(':', "-"))
    }
}

impl Law {
    /// The rule set's key in the page's choice.
    pub fn key(self) -> &'static str {
        match self {
            Law::Coop2012 => "2012",
            Law::Coop2023 => "2023",
        }
    }
}

/// How a fact is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactInput {
    /// One of two words: `(value, "vi|en")`.
    Choice([(&'static str, &'static str); 2]),
    Date,
    /// A whole number.
    Count,
    /// An amount, echoed as it will be stored.
    Amount,
}

impl Fact {
    /// The label of its field, `"vi|en"`.
    pub fn label(self, lang: Lang) -> &'static str {
        let index = Fact::ALL.iter().position(|f| *f == self).unwrap_or(0);
        pick2(lang, FACTS[index].1)
    }

    pub fn input(self) -> FactInput {
        match self {
            Fact::SupervisoryBoard => FactInput::Choice([("yes", "Có|Yes"), ("no", "Không|No")]),
            Fact::Model => {
                FactInput::Choice([("full", "Đầy đủ|Full"), ("reduced", "Rút gọn|Reduced")])
            }
            Fact::Meeting => FactInput::Date,
            Fact::BoardSize | Fact::OfficialMembers => FactInput::Count,
            _ => FactInput::Amount,
        }
    }
}

/// One of the workspace's exemplary criteria.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExemplaryField {
    /// The least grade in the year assessed.
    Latest,
    /// The least grade the year before, or not asked.
    Previous,
    /// Profitable years running (0: not asked).
    Years,
    /// Whether every mandatory legal rule must pass.
    Compliance,
}

impl ExemplaryField {
    /// The entry's name in the workspace's `exemplary_criteria`.
    pub fn key(self) -> &'static str {
        match self {
            ExemplaryField::Latest => "latest",
            ExemplaryField::Previous => "previous",
            ExemplaryField::Years => "years",
            ExemplaryField::Compliance => "compliance",
        }
    }

    pub fn from_key(key: &str) -> Option<ExemplaryField> {
        [
            ExemplaryField::Latest,
            ExemplaryField::Previous,
            ExemplaryField::Years,
            ExemplaryField::Compliance,
        ]
        .into_iter()
        .find(|f| f.key() == key)
    }

    /// Its value in `criteria` as its control carries it.
    pub fn value(self, criteria: &ExemplaryCriteria) -> String {
        match self {
            ExemplaryField::Latest => grade_key(criteria.latest_grade).to_owned(),
            ExemplaryField::Previous => criteria.previous_grade.map_or("", grade_key).to_owned(),
            ExemplaryField::Years => criteria.profitable_years.to_string(),
            ExemplaryField::Compliance => criteria.require_compliance.to_string(),
        }
    }
}

/// What the user typed is not valid; the message says why.
pub type ApplyError = String;

/// A grade's key in forms and files.
pub fn grade_key(grade: Grade) -> &'static str {
    match grade {
        Grade::Excellent => "excellent",
        Grade::Good => "good",
        Grade::Average => "average",
        Grade::Weak => "weak",
    }
}

fn grade_from_key(key: &str) -> Option<Grade> {
    Grade::ALL.into_iter().find(|g| grade_key(*g) == key)
}

/// The cooperatives a manager can assess.
pub fn cooperatives(ws: &Workspace) -> impl Iterator<Item = &Unit> {
    ws.units.iter().filter(|u| u.kind.is_cooperative())
}

/// The cooperative shown when `asked` is chosen: it, if the workspace has
/// it, else the first (empty without a cooperative).
pub fn cooperative_shown(ws: &Workspace, asked: &str) -> String {
    if cooperatives(ws).any(|u| u.id == asked) {
        return asked.to_owned();
    }
    cooperatives(ws)
        .next()
        .map(|u| u.id.clone())
        .unwrap_or_default()
}

/// The year assessed: the plan's years (one before its start) to this
/// year.
pub fn assessed_years(ws: &Workspace, today: NaiveDate) -> std::ops::RangeInclusive<i32> {
    // The plan's years bounded: a stored plan may never have been checked.
    let (_, start_year, end_year) = ws.plan.bounded_years();
    let last_year = crate::domain::plan::Plan::bounded_year(today.year()).max(end_year);
    start_year - 1..=last_year
}

/// A new assessment's date: 31 March after the year, or today if sooner.
pub fn default_date(year: i32, today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 3, 31).map_or(today, |d| d.min(today))
}

/// The assessment of `unit_id` for `year` as the page shows it: the saved
/// one, or a blank one dated [`default_date`].
pub fn shown_assessment(ws: &Workspace, unit_id: &str, year: i32, today: NaiveDate) -> Assessment {
    find_or_new(ws, unit_id, year, default_date(year, today))
}

/// A whole number as saved, or nothing.
fn count_text(value: Option<u32>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

/// An amount as saved (normalised: `3,5` is `3.5`), or nothing.
fn amount_text(value: Option<Decimal>) -> String {
    value.map(|d| d.as_str().to_owned()).unwrap_or_default()
}

/// An amount as the page's language writes it ([`crate::i18n::number`]:
/// "3,5" in Vietnamese, "3.5" in English).
fn parse_opt_decimal(value: &str, lang: Lang) -> Result<Option<Decimal>, ApplyError> {
    let convention = Convention::of(lang);
    number::parse_decimal(value, convention).map_err(|e| e.message(convention).get(lang).to_owned())
}

/// A whole number, not negative, as the page's language writes it.
fn parse_opt_int(value: &str, lang: Lang) -> Result<Option<u32>, ApplyError> {
    let convention = Convention::of(lang);
    match number::parse_whole(value, convention) {
        Ok(None) => Ok(None),
        Ok(Some(n)) => u32::try_from(n).map(Some).map_err(|_| {
            pick2(lang, "Không phải số nguyên không âm|Not a whole number").to_owned()
        }),
        Err(e) => Err(e.message(convention).get(lang).to_owned()),
    }
}

/// A saved number ("3.5") as the page's language writes it ("3,5"); other
/// text as it is.
pub fn shown_number(value: &str, lang: Lang) -> String {
    match number::parse_plain(value, Convention::PLAIN) {
        Ok(Some(plain)) => number::write_plain(&plain, Convention::of(lang)),
        _ => value.to_owned(),
    }
}

fn parse_opt_date(value: &str, lang: Lang) -> Result<Option<NaiveDate>, ApplyError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    parse_iso(value)
        .or_else(|| crate::i18n::format::parse_date(value))
        .map(Some)
        .ok_or_else(|| pick2(lang, "Không phải ngày|Not a date").to_owned())
}

/// The exemplary criterion `field` set from its control's value; also how
/// saved criteria are read back ([`ExemplaryCriteria::of`]).
pub fn set_exemplary(
    c: &mut ExemplaryCriteria,
    field: ExemplaryField,
    value: &str,
    lang: Lang,
) -> Result<(), ApplyError> {
    match field {
        ExemplaryField::Latest => c.latest_grade = grade_from_key(value).unwrap_or(c.latest_grade),
        ExemplaryField::Previous => c.previous_grade = grade_from_key(value),
        ExemplaryField::Years => {
            c.profitable_years = parse_opt_int(value, lang)?.unwrap_or(0).min(10)
        }
        ExemplaryField::Compliance => c.require_compliance = value == "true",
    }
    Ok(())
}

/// Sets one of the workspace's exemplary criteria: checked as
/// [`ExemplaryCriteria::of`] reads it, saved as typed (`none` for "not
/// asked", where no entry means the default).
pub fn set_exemplary_entry(
    ws: &mut Workspace,
    field: ExemplaryField,
    value: &str,
    lang: Lang,
) -> Result<(), ApplyError> {
    set_exemplary(&mut ExemplaryCriteria::default(), field, value, lang)?;
    let value = match value.trim() {
        "" => "none",
        value => value,
    };
    super::set_entry(&mut ws.exemplary_criteria, field.key(), value);
    Ok(())
}

/// Applies one edit from the page to the assessment of `unit_id` for
/// `year` (created on the first edit, dated `today`).
pub fn apply(
    ws: &mut Workspace,
    unit_id: &str,
    year: i32,
    today: NaiveDate,
    field: AssessmentField,
    value: &str,
    lang: Lang,
) -> Result<(), ApplyError> {
    if ws.unit(unit_id).is_none() {
        return Ok(());
    }
    // Edited on a copy and saved only if the entry is valid, so a bad
    // first entry leaves no empty assessment behind.
    let mut a = shown_assessment(ws, unit_id, year, today);
    if let (AssessmentField::Score(item), false) = (field, value.trim().is_empty()) {
        let max = item_max(&a, item).ok_or_else(|| "?".to_owned())?;
        let convention = Convention::of(lang);
        let plain = number::parse_plain(value, convention)
            .map_err(|e| e.message(convention).get(lang).to_owned())?
            .unwrap_or_default();
        parse_score(&plain, max).map_err(|e| e.message(lang))?;
    }
    set_field(&mut a, field, value, lang)?;
    store(ws, a);
    Ok(())
}

/// Sets `field` of an assessment from its value as typed, checked and
/// normalised (`3,5` is kept as `3.5`). Scores are not checked against
/// their maxima here ([`apply`] does). An action that does not exist is
/// not changed.
pub fn set_field(
    a: &mut Assessment,
    field: AssessmentField,
    value: &str,
    lang: Lang,
) -> Result<(), ApplyError> {
    let value = value.trim();
    let stored = match field {
        AssessmentField::Date => {
            a.assessed_on = parse_opt_date(value, lang)?.unwrap_or(a.assessed_on);
            return Ok(());
        }
        AssessmentField::Law => {
            let law = if value == "2012" {
                Law::Coop2012
            } else {
                Law::Coop2023
            };
            a.law = (law != Law::in_force_on(a.assessed_on)).then_some(law);
            return Ok(());
        }
        AssessmentField::MonthsOperated | AssessmentField::MonthsStopped => {
            count_text(parse_opt_int(value, lang)?.map(|m| m.min(12)))
        }
        AssessmentField::Max(criterion) => {
            let max = parse_opt_int(value, lang)?;
            if max.is_some_and(|m| !(1..=100).contains(&m)) {
                return Err(
                    pick2(lang, "Điểm tối đa từ 1 đến 100|A maximum is 1 to 100").to_owned(),
                );
            }
            let rubric_max = CURRENT_RUBRIC.criterion(criterion).map(|c| c.max);
            count_text(max.filter(|m| Some(*m) != rubric_max))
        }
        AssessmentField::Fact(fact) => match fact.input() {
            FactInput::Count => count_text(parse_opt_int(value, lang)?),
            FactInput::Date => parse_opt_date(value, lang)?
                .map(iso_date)
                .unwrap_or_default(),
            FactInput::Choice(_) => value.to_owned(),
            FactInput::Amount => amount_text(parse_opt_decimal(value, lang)?),
        },
        AssessmentField::Answer(_) | AssessmentField::Note(_) => value.to_owned(),
        AssessmentField::Score(_) => amount_text(parse_opt_decimal(value, lang)?),
        AssessmentField::Action(id, action_field) => {
            if !a.actions.iter().any(|x| x.id == id) {
                return Ok(());
            }
            match action_field {
                ActionField::Due => parse_opt_date(value, lang)?
                    .map(iso_date)
                    .unwrap_or_default(),
                _ => value.to_owned(),
            }
        }
    };
    a.set(&field.key(), &stored);
    Ok(())
}

/// Adds an action for every gap that has none yet; how many were added.
pub fn propose_actions(
    ws: &mut Workspace,
    unit_id: &str,
    year: i32,
    today: NaiveDate,
    lang: Lang,
) -> usize {
    let Some(unit) = ws.unit(unit_id) else {
        return 0;
    };
    let mut a = shown_assessment(ws, unit_id, year, today);
    let added = add_missing_actions(unit, &mut a, lang);
    store(ws, a);
    added
}

/// Marks the unit reorganised under the 2012 law on `on`, if every
/// mandatory 2012 rule passes for its assessment of `year`.
pub fn mark_reorganised(ws: &mut Workspace, unit_id: &str, year: i32, on: NaiveDate) -> bool {
    let passes = match (ws.unit(unit_id), find(ws, unit_id, year)) {
        (Some(unit), Some(a)) => {
            Summary::of(&evaluate_law(unit, a, Law::Coop2012)).all_mandatory_pass()
        }
        _ => false,
    };
    if !passes {
        return false;
    }
    let Some(unit) = ws.units.iter_mut().find(|u| u.id == unit_id) else {
        return false;
    };
    unit.reorganisation.required = true;
    unit.reorganisation.completed_on = Some(on);
    true
}

/// The short form that creates a cooperative, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewCooperative {
    pub name: String,
    pub code: String,
    pub members: String,
}

impl NewCooperative {
    /// Creates the cooperative, its members kept under `year` (the year
    /// assessed); returns its id.
    pub fn create(&self, ws: &mut Workspace, year: i32, lang: Lang) -> Result<String, ApplyError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(pick2(lang, "Cần tên hợp tác xã|A name is needed").to_owned());
        }
        let members = parse_opt_int(&self.members, lang)?.map(i64::from);
        let id = (1..)
            .map(|n| format!("htx-{n}"))
            .find(|id| ws.unit(id).is_none())
            .unwrap_or_default();
        let mut unit = Unit::new(id.clone(), name, UnitKind::Htx);
        unit.registration_code = self.code.trim().to_owned();
        unit.years.push(YearRecord {
            year,
            members,
            ..YearRecord::default()
        });
        ws.units.push(unit);
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 3, 1).unwrap_or_default()
    }

    fn ws() -> Workspace {
        let mut ws = Workspace::new("w", "w");
        ws.units.push(Unit::new("u", "HTX A", UnitKind::Htx));
        ws
    }

    #[test]
    fn a_typed_edit_is_checked_normalised_and_saved() {
        let mut w = ws();
        let score = AssessmentField::Score("1a");
        assert!(apply(&mut w, "u", 2019, day(), score, "9", Lang::Vi).is_err());
        assert!(w.assessments.is_empty(), "nothing stored on error");
        apply(&mut w, "u", 2019, day(), score, "3,5", Lang::Vi).expect("valid");
        let a = find(&w, "u", 2019).expect("saved");
        assert_eq!(score.stored(a), "3.5");
        assert_eq!(score.shown(a, Lang::Vi), "3,5");
        assert_eq!(score.key(), "score:1a");
        let board = AssessmentField::Fact(Fact::BoardSize);
        assert!(apply(&mut w, "u", 2019, day(), board, "năm", Lang::Vi).is_err());
        apply(&mut w, "u", 2019, day(), board, "5", Lang::Vi).expect("valid");
        assert_eq!(board.stored(find(&w, "u", 2019).expect("a")), "5");
        // An action that does not exist is not made by an edit of its owner.
        // A criterion's maximum shows the rubric's until corrected.
        assert_eq!(
            AssessmentField::Max(15).shown(find(&w, "u", 2019).expect("a"), Lang::Vi),
            "5"
        );
        let owner = AssessmentField::Action(4, ActionField::Owner);
        apply(&mut w, "u", 2019, day(), owner, "Lan", Lang::Vi).expect("ignored");
        assert!(find(&w, "u", 2019).expect("a").actions.is_empty());
    }

    #[test]
    fn amounts_echo_as_stored_and_others_do_not() {
        let income = AssessmentField::Fact(Fact::Income);
        assert_eq!(
            income.typed_echo("1250,5", Lang::Vi).as_deref(),
            Some("= 1.250,5 triệu đồng")
        );
        assert_eq!(income.typed_echo("x", Lang::Vi).as_deref(), Some(""));
        assert_eq!(
            AssessmentField::Fact(Fact::BoardSize).typed_echo("5", Lang::Vi),
            None
        );
        assert_eq!(
            AssessmentField::Fact(Fact::BoardSize).conflict_id(),
            "assessment-conflict-fact-board_size"
        );
    }

    #[test]
    fn a_new_cooperative_keeps_its_members_under_the_year_assessed() {
        let mut w = Workspace::new("w", "w");
        let draft = NewCooperative {
            name: " HTX Mới ".into(),
            code: "01".into(),
            members: "40".into(),
        };
        let id = draft.create(&mut w, 2019, Lang::En).expect("made");
        assert_eq!(id, "htx-1");
        assert_eq!(w.units[0].years[0].year, 2019);
        assert_eq!(w.units[0].years[0].members, Some(40));
        assert!(NewCooperative::default()
            .create(&mut w, 2019, Lang::En)
            .is_err());
        assert_eq!(cooperative_shown(&w, "nope"), "htx-1");
    }
}
