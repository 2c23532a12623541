//! Tự đánh giá: a cooperative manager's self-assessment for one year.
//!
//! Four parts, one module each: the legal checklist ([`legal_rules`]), the
//! classification of Thông tư 01/2020/TT-BKHĐT ([`classification`]),
//! exemplary readiness ([`exemplary`]) and the action plan
//! ([`action_plan`]). The rules and the rubric are versioned data that name
//! their document and article; what a user enters is kept in an
//! [`Assessment`], one per cooperative per year, in the workspace.
//!
//! This module must not guess a legal figure: a threshold either comes from
//! a cited article or is labelled [`Verification::Unverified`] and shown so.
//! It has no web dependency; the page in `app::pages::assessment` only
//! displays what is computed here.

pub mod action_plan;
pub mod classification;
pub mod edit;
pub mod exemplary;
pub mod legal_rules;
pub mod page;
pub mod schema2;
pub mod shown;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::decimal::Decimal;
use crate::domain::workspace::Workspace;
use crate::i18n::Lang;

pub use action_plan::{ActionItem, ActionStatus, GapSource};

pub use classification::{Grade, SizeClass};
pub use exemplary::{exemplary_candidates, ready_candidates, Candidate, ExemplaryCriteria};
pub use legal_rules::{Law, Outcome};

/// A phrase in both languages, for data compiled into the app (rules,
/// rubric). [`crate::i18n::Text`] is its owned counterpart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaticText {
    pub vi: &'static str,
    pub en: &'static str,
}

impl StaticText {
    pub const fn new(vi: &'static str, en: &'static str) -> Self {
        StaticText { vi, en }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

/// How far a figure or a citation has been checked against its source
/// (the legend of `reference/research-notes.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verification {
    /// Read in the official text or a faithful copy.
    Verified,
    /// Read in a secondary or reworded copy only.
    Secondary,
    /// Not found in any source: a placeholder the user must check.
    Unverified,
}

impl Verification {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Verification::Verified => lang.pick("đã kiểm chứng", "verified"),
            Verification::Secondary => lang.pick(
                "kiểm chứng một phần (nguồn thứ cấp)",
                "partly verified (secondary source)",
            ),
            Verification::Unverified => lang.pick("chưa kiểm chứng", "unverified"),
        }
    }
}

/// The facts the legal checklist needs that the yearly record does not
/// hold, as `(name, "vi|en" label)`: the names under which they are
/// entered and saved, the labels of their fields, also what a check says is
/// missing. Money is in millions of VND, shares in percent. A missing fact
/// leaves its rule unanswered.
///
/// - `board_size`: số thành viên Hội đồng quản trị;
/// - `supervisory_board`: `yes` if there is a Ban kiểm soát (rather than a
///   single kiểm soát viên or none), `no`;
/// - `model`: the governance model of Luật HTX 2023, Điều 56, `full` (ĐHTV,
///   HĐQT, Giám đốc, Ban kiểm soát) or `reduced` (ĐHTV, Giám đốc, kiểm soát
///   viên);
/// - `meeting`: the date of the annual general meeting (Đại hội thành viên
///   thường niên) held for the year assessed;
/// - `capital_share`: the largest member's capital as a share of the
///   charter capital;
/// - `income`: the income on which the 2012 law's funds are computed, and
///   `development`, `reserve`: what went to the quỹ đầu tư phát triển and
///   the quỹ dự phòng tài chính;
/// - `external_income`: income from external transactions, on which the
///   2023 law's quỹ chung không chia (`indivisible`) is computed.
pub const FACTS: [(&str, &str); 11] = [
    ("fact:board_size", "Số thành viên HĐQT|Board members"),
    (
        "fact:supervisory_board",
        "Có ban kiểm soát|Supervisory board",
    ),
    (
        "fact:model",
        "Mô hình quản trị (Luật 2023)|Governance model (2023 law)",
    ),
    (
        "fact:meeting",
        "Ngày đại hội thường niên|Annual meeting date",
    ),
    (
        "fact:capital_share",
        "Vốn góp lớn nhất của một thành viên (%)|Largest member's capital share (%)",
    ),
    (
        "fact:income",
        "Thu nhập để trích quỹ (triệu đồng)|Income to allocate (million VND)",
    ),
    (
        "fact:development",
        "Trích quỹ đầu tư phát triển|Development fund allocated",
    ),
    (
        "fact:reserve",
        "Trích quỹ dự phòng tài chính|Reserve fund allocated",
    ),
    (
        "fact:external_income",
        "Thu nhập từ giao dịch bên ngoài|Income from external transactions",
    ),
    (
        "fact:indivisible",
        "Trích quỹ chung không chia|Indivisible fund allocated",
    ),
    (
        "fact:official_members",
        "Số thành viên chính thức (Luật 2023)|Official members (2023 law)",
    ),
];

/// A fact the legal checklist needs that the yearly record does not hold
/// (see [`FACTS`] for each one's meaning and label). Its stored name is
/// its `serde` name, independent of any control on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    BoardSize,
    SupervisoryBoard,
    Model,
    Meeting,
    CapitalShare,
    Income,
    Development,
    Reserve,
    ExternalIncome,
    Indivisible,
    OfficialMembers,
}

impl Fact {
    /// In the order of [`FACTS`].
    pub const ALL: [Fact; 11] = [
        Fact::BoardSize,
        Fact::SupervisoryBoard,
        Fact::Model,
        Fact::Meeting,
        Fact::CapitalShare,
        Fact::Income,
        Fact::Development,
        Fact::Reserve,
        Fact::ExternalIncome,
        Fact::Indivisible,
        Fact::OfficialMembers,
    ];

    /// The stored name (`board_size`), as its `serde` name.
    pub fn key(self) -> &'static str {
        let index = Fact::ALL.iter().position(|f| *f == self).unwrap_or(0);
        FACTS[index].0.trim_start_matches("fact:")
    }

    pub fn from_key(key: &str) -> Option<Fact> {
        Fact::ALL.into_iter().find(|f| f.key() == key)
    }

    /// What a stored value of this fact must be: a whole number, a date,
    /// a word of a closed list or an amount.
    pub fn accepts(self, value: &str) -> bool {
        match self {
            Fact::BoardSize | Fact::OfficialMembers => value.parse::<u32>().is_ok(),
            Fact::Meeting => crate::i18n::format::parse_iso(value).is_some(),
            Fact::SupervisoryBoard | Fact::Model => !value.is_empty(),
            _ => Decimal::parse(value).is_ok(),
        }
    }
}

/// A manager's answer to a rule that cannot be checked from the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    #[serde(rename = "yes")]
    Yes,
    #[serde(rename = "no")]
    No,
    #[serde(rename = "na")]
    NotApplicable,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::No, Answer::NotApplicable];

    /// The value a form control carries, also its stored name.
    pub fn key(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::NotApplicable => "na",
        }
    }

    pub fn from_key(key: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// One cooperative's self-assessment for one year, as saved in the
/// workspace (schema 3; schema 2's `name=value` entries are converted by
/// [`schema2`] when an older document is read). It keeps the rubric
/// version it was scored with, so a later rubric never re-scores an old
/// result.
///
/// Every field has a stored name of its own, independent of the page's
/// controls; actions are addressed by their stable `id`, never by their
/// place in the list. Maps are ordered, so one assessment always writes
/// the same bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    #[serde(rename = "unit")]
    pub unit_id: String,
    pub year: i32,
    /// The date of the assessment: it decides which law is in force.
    #[serde(rename = "date", with = "crate::files::iso_date")]
    pub assessed_on: NaiveDate,
    /// The rule set viewed, when the user chose the other one; not saved
    /// (see [`Assessment::law`]).
    #[serde(skip)]
    pub law: Option<Law>,
    #[serde(rename = "rubric")]
    pub rubric_version: String,
    /// The facts entered, as checked and normalised (`"12.5"`, an ISO date).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "facts"
    )]
    pub facts: BTreeMap<Fact, String>,
    /// Months the cooperative operated in the year, 0 to 12.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "months"
    )]
    pub months_operated: Option<u8>,
    /// Months it stopped operating in the year, 0 to 12.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "months"
    )]
    pub months_stopped: Option<u8>,
    /// Answers to the manual rules, by rule id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Answer>,
    /// Notes on the manual rules, by rule id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
    /// Points given, by rubric item (`"1a"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scores: BTreeMap<String, Decimal>,
    /// The user's corrections of unverified criteria's maxima, by
    /// criterion number.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub maxima: BTreeMap<u8, u32>,
    /// The action plan, in the order the actions were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
    /// Schema-2 entries the migration could not read (an unknown name, a
    /// garbled value), kept as they were rather than lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unread_entries: Vec<String>,
}

/// Months of a year, for serde: 0 to 12, anything else refused (a file
/// saying 13 months of a year is wrong, not something to cap silently).
fn months<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    let months = Option::<u8>::deserialize(d)?;
    match months {
        Some(m) if m > 12 => Err(serde::de::Error::custom(format!(
            "{m}: a year has 0 to 12 months"
        ))),
        _ => Ok(months),
    }
}

/// Facts, for serde: each value must read as its fact's kind
/// ([`Fact::accepts`]), so a file's wrong value is refused with its place.
fn facts<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<Fact, String>, D::Error> {
    let facts = BTreeMap::<Fact, String>::deserialize(d)?;
    match facts.iter().find(|(fact, value)| !fact.accepts(value)) {
        Some((fact, value)) => Err(serde::de::Error::custom(format!(
            "{}: \"{value}\" does not read",
            fact.key()
        ))),
        None => Ok(facts),
    }
}

impl Assessment {
    /// A blank assessment with the current rubric; the law in force on
    /// `assessed_on` applies.
    pub fn new(unit_id: impl Into<String>, year: i32, assessed_on: NaiveDate) -> Self {
        Assessment {
            unit_id: unit_id.into(),
            year,
            assessed_on,
            law: None,
            rubric_version: classification::CURRENT_RUBRIC.version.to_owned(),
            facts: BTreeMap::new(),
            months_operated: None,
            months_stopped: None,
            answers: BTreeMap::new(),
            notes: BTreeMap::new(),
            scores: BTreeMap::new(),
            maxima: BTreeMap::new(),
            actions: Vec::new(),
            unread_entries: Vec::new(),
        }
    }

    /// The rule set evaluated: the one chosen for viewing, else the one in
    /// force on the assessment date.
    pub fn law(&self) -> Law {
        self.law
            .unwrap_or_else(|| Law::in_force_on(self.assessed_on))
    }

    /// The assessment's fields under the names of the page's controls
    /// (`fact:board_size`, `ans:2012-bodies`, `score:1a`, `max:15`,
    /// `months_operated`, `act:<id>:owner`), each with its stored value as
    /// text: what the page shows and compares with another tab's save
    /// ([`shown`]). Empty values are left out.
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut put = |name: String, value: String| {
            if !value.is_empty() {
                out.push((name, value));
            }
        };
        for (fact, value) in &self.facts {
            put(format!("fact:{}", fact.key()), value.clone());
        }
        if let Some(m) = self.months_operated {
            put("months_operated".to_owned(), m.to_string());
        }
        if let Some(m) = self.months_stopped {
            put("months_stopped".to_owned(), m.to_string());
        }
        for (rule, answer) in &self.answers {
            put(format!("ans:{rule}"), answer.key().to_owned());
        }
        for (rule, note) in &self.notes {
            put(format!("note:{rule}"), note.clone());
        }
        for (item, points) in &self.scores {
            put(format!("score:{item}"), points.as_str().to_owned());
        }
        for (criterion, max) in &self.maxima {
            put(format!("max:{criterion}"), max.to_string());
        }
        for a in &self.actions {
            let id = a.id;
            put(format!("act:{id}:source"), a.source.clone());
            put(format!("act:{id}:action"), a.action.clone());
            put(format!("act:{id}:owner"), a.owner.clone());
            put(
                format!("act:{id}:due"),
                a.due.map(crate::i18n::format::iso_date).unwrap_or_default(),
            );
            if a.status != ActionStatus::Open {
                put(format!("act:{id}:status"), a.status.key().to_owned());
            }
        }
        out
    }

    /// The value of the field named `prefix` + `key` ("score:" + "1a"),
    /// as [`Assessment::fields`] writes it.
    pub fn value(&self, prefix: &str, key: &str) -> Option<String> {
        let name = [prefix, key].concat();
        self.fields()
            .into_iter()
            .find_map(|(n, v)| (n == name).then_some(v))
    }

    /// Sets the field named as a page's control (see
    /// [`Assessment::fields`]) to a value already checked and normalised
    /// ([`edit::set_field`]), or clears it when `value` is empty. A name
    /// or value that fits no field changes nothing; an action's fields
    /// other than its `source` change only an action that exists.
    pub fn set(&mut self, name: &str, value: &str) {
        let (kind, key) = name.split_once(':').unwrap_or((name, ""));
        let empty = value.is_empty();
        match kind {
            "fact" => {
                if let Some(fact) = Fact::from_key(key) {
                    if empty {
                        self.facts.remove(&fact);
                    } else if fact.accepts(value) {
                        self.facts.insert(fact, value.to_owned());
                    }
                }
            }
            "months_operated" => self.months_operated = month_count(value),
            "months_stopped" => self.months_stopped = month_count(value),
            "ans" => match Answer::from_key(value) {
                Some(answer) => {
                    self.answers.insert(key.to_owned(), answer);
                }
                None => {
                    self.answers.remove(key);
                }
            },
            "note" if empty => {
                self.notes.remove(key);
            }
            "note" => {
                self.notes.insert(key.to_owned(), value.to_owned());
            }
            "score" => match Decimal::parse(value) {
                Ok(points) if !empty => {
                    self.scores.insert(key.to_owned(), points);
                }
                _ => {
                    self.scores.remove(key);
                }
            },
            "max" => {
                let Some(criterion) = int(key).and_then(|n| u8::try_from(n).ok()) else {
                    return;
                };
                match int(value).and_then(|m| u32::try_from(m).ok()) {
                    Some(max) => {
                        self.maxima.insert(criterion, max);
                    }
                    None => {
                        self.maxima.remove(&criterion);
                    }
                }
            }
            "act" => {
                let Some((id, field)) = key.split_once(':') else {
                    return;
                };
                let Some(id) = action_id(id) else {
                    return;
                };
                let at = self.actions.iter().position(|a| a.id == id);
                match (field, at) {
                    ("source", None) if !empty => self.actions.push(ActionItem {
                        id,
                        source: value.to_owned(),
                        action: String::new(),
                        owner: String::new(),
                        due: None,
                        status: ActionStatus::Open,
                    }),
                    (_, Some(at)) => {
                        let item = &mut self.actions[at];
                        match field {
                            "source" if !empty => value.clone_into(&mut item.source),
                            "action" => value.clone_into(&mut item.action),
                            "owner" => value.clone_into(&mut item.owner),
                            "due" => item.due = crate::i18n::format::parse_iso(value),
                            "status" => {
                                item.status = ActionStatus::from_key(value).unwrap_or_default()
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// An amount entered under `prefix` + `key`.
    pub fn decimal(&self, prefix: &str, key: &str) -> Option<Decimal> {
        Decimal::parse(&self.value(prefix, key)?).ok()
    }

    /// A whole number entered under `name`.
    pub fn number(&self, name: &str) -> Option<i64> {
        int(&self.value(name, "")?)
    }

    /// The answer given for a manual rule.
    pub fn answer(&self, rule_id: &str) -> Option<Answer> {
        self.answers.get(rule_id).copied()
    }

    pub fn score(&self, item: &str) -> Option<Decimal> {
        self.scores.get(item).cloned()
    }

    /// The user's correction of an unverified criterion's maximum.
    pub fn max_override(&self, criterion: u8) -> Option<u32> {
        self.maxima.get(&criterion).copied()
    }

    /// The action items, in the order they were added.
    pub fn actions(&self) -> Vec<ActionItem> {
        self.actions.clone()
    }

    /// The id a new action gets: one past the highest in use, so an id is
    /// never given twice.
    pub fn next_action_id(&self) -> u32 {
        self.actions
            .iter()
            .map(|a| a.id.saturating_add(1))
            .max()
            .unwrap_or(0)
    }

    /// Sets (or with `None` removes) the answer to a manual rule.
    pub fn set_answer(&mut self, rule_id: &str, answer: Option<Answer>) {
        match answer {
            Some(answer) => {
                self.answers.insert(rule_id.to_owned(), answer);
            }
            None => {
                self.answers.remove(rule_id);
            }
        }
    }

    /// Sets (or with `None` removes) a score, already checked against its
    /// maximum.
    pub fn set_score(&mut self, item: &str, points: Option<Decimal>) {
        match points {
            Some(points) => {
                self.scores.insert(item.to_owned(), points);
            }
            None => {
                self.scores.remove(item);
            }
        }
    }

    pub fn set_max_override(&mut self, criterion: u8, max: Option<u32>) {
        match max {
            Some(max) => {
                self.maxima.insert(criterion, max);
            }
            None => {
                self.maxima.remove(&criterion);
            }
        }
    }
}

/// A count of months as stored: a whole number from 0 to 12.
fn month_count(value: &str) -> Option<u8> {
    value.parse::<u8>().ok().filter(|m| *m <= 12)
}

/// Sets the `name=value` entry of a list, in place, or removes it when
/// `value` is empty.
pub fn set_entry(entries: &mut Vec<String>, name: &str, value: &str) {
    let at = entries
        .iter()
        .position(|e| e.strip_prefix(name).is_some_and(|v| v.starts_with('=')));
    let entry = [name, "=", value].concat();
    match (at, value.is_empty()) {
        (Some(i), true) => {
            entries.remove(i);
        }
        (Some(i), false) => {
            if let Some(e) = entries.get_mut(i) {
                *e = entry;
            }
        }
        (None, false) => entries.push(entry),
        (None, true) => {}
    }
}

/// The saved assessment of a unit for a year.
pub fn find<'a>(workspace: &'a Workspace, unit_id: &str, year: i32) -> Option<&'a Assessment> {
    workspace
        .assessments
        .iter()
        .find(|a| a.unit_id == unit_id && a.year == year)
}

/// The saved assessment of a unit for a year, or a blank one dated
/// `assessed_on` (not saved until [`store`]d).
pub fn find_or_new(
    workspace: &Workspace,
    unit_id: &str,
    year: i32,
    assessed_on: NaiveDate,
) -> Assessment {
    find(workspace, unit_id, year)
        .cloned()
        .unwrap_or_else(|| Assessment::new(unit_id, year, assessed_on))
}

/// Saves an assessment in place of the unit's one for the year.
pub fn store(workspace: &mut Workspace, assessment: Assessment) {
    let all = &mut workspace.assessments;
    match all
        .iter_mut()
        .find(|a| a.unit_id == assessment.unit_id && a.year == assessment.year)
    {
        Some(saved) => *saved = assessment,
        None => all.push(assessment),
    }
}

/// The saved assessment of a unit for a year, created blank if there is none.
pub fn find_or_create<'a>(
    workspace: &'a mut Workspace,
    unit_id: &str,
    year: i32,
    assessed_on: NaiveDate,
) -> &'a mut Assessment {
    let index = match workspace
        .assessments
        .iter()
        .position(|a| a.unit_id == unit_id && a.year == year)
    {
        Some(index) => index,
        None => {
            workspace
                .assessments
                .push(Assessment::new(unit_id, year, assessed_on));
            workspace.assessments.len() - 1
        }
    };
    &mut workspace.assessments[index]
}

/// A whole number; one parser for every integer the page reads.
/// An action's id as its entries write it (`act:<id>:…`): a whole number
/// from 0.
pub fn action_id(text: &str) -> Option<u32> {
    text.parse().ok()
}

pub fn int(text: &str) -> Option<i64> {
    text.parse().ok()
}

/// Whether `a ≤ b`, with the app's one tolerance ([`crate::domain::tolerance`]):
/// a figure exactly at a legal threshold is at it (20 % passes a 20 % cap,
/// 20.01 % does not; 0.1 × 3 is 0.3).
pub fn at_most(a: f64, b: f64) -> bool {
    crate::domain::tolerance::at_most(a, b)
}

/// A decimal in hundredths: "79.99" is 7999. `None` with more than two
/// decimals or beyond what a double holds exactly.
pub fn hundredths(amount: &Decimal) -> Option<i64> {
    hundredths_of(amount.to_f64())
}

/// A number in hundredths (see [`hundredths`]).
pub fn hundredths_of(amount: f64) -> Option<i64> {
    let value = amount * 100.0;
    let rounded = value.round();
    ((value - rounded).abs() < 1e-6 && rounded.abs() < 1e15).then_some(rounded as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).expect("test decimal")
    }

    #[test]
    fn thresholds_hold_at_the_boundary() {
        assert!(at_most(d("20").to_f64(), 20.0));
        assert!(at_most(d("20.00").to_f64(), 20.0));
        assert!(!at_most(d("20.01").to_f64(), 20.0));
        assert!(at_most(-1.0, 0.0));
        // 0.1 × 3 is 0.3, as on paper.
        assert!(at_most(0.1 * 3.0, 0.3) && at_most(0.3, 0.1 * 3.0));
        // 19.99 of 100 is under 20 %.
        assert!(!at_most(100.0 * 20.0, 19.99 * 100.0));
    }

    #[test]
    fn hundredths_are_exact() {
        assert_eq!(hundredths(&d("79.99")), Some(7999));
        assert_eq!(hundredths(&d("80")), Some(8000));
        assert_eq!(hundredths(&d("0.5")), Some(50));
        assert_eq!(hundredths(&d("1.250")), Some(125));
        assert_eq!(hundredths(&d("1.255")), None);
    }
}
