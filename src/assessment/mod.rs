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
//! It has no web dependency; the page in `web::pages::assessment` only
//! displays what is computed here.

pub mod action_plan;
pub mod classification;
pub mod exemplary;
pub mod legal_rules;
pub mod page;
pub mod shown;
pub mod stored;

use chrono::NaiveDate;

use crate::decimal::Decimal;
use crate::i18n::Lang;
use crate::workspace::Workspace;

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

/// A manager's answer to a rule that cannot be checked from the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    NotApplicable,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::No, Answer::NotApplicable];

    /// The value a form control carries.
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
/// workspace. It keeps the rubric version it was scored with, so a later
/// rubric never re-scores an old result.
///
/// What the manager entered is kept as `name=value` entries under the
/// names of the page's controls ([`page`]), as [`page::set_field`] checked
/// and normalised them: facts (`fact:board_size=5`, see [`FACTS`]),
/// answers and notes (`ans:2012-bodies=no`, `note:2012-bodies=…`), months
/// (`months_operated=12`), scores (`score:1a=4.5`), corrected maxima
/// (`max:15=8`) and action items (`act:0:source=rule:2012-board-size`,
/// `act:0:owner=…`). One list of strings is cheap to keep, copy, compare
/// and save ([`stored`]); the typed readers below parse what they need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub unit_id: String,
    pub year: i32,
    /// The date of the assessment: it decides which law is in force.
    pub assessed_on: NaiveDate,
    /// The rule set viewed, when the user chose the other one; not saved
    /// (see [`Assessment::law`]).
    pub law: Option<Law>,
    pub rubric_version: String,
    pub entries: Vec<String>,
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
            entries: Vec::new(),
        }
    }

    /// The rule set evaluated: the one chosen for viewing, else the one in
    /// force on the assessment date.
    pub fn law(&self) -> Law {
        self.law
            .unwrap_or_else(|| Law::in_force_on(self.assessed_on))
    }

    /// The value entered under the name `prefix` + `key` ("score:" + "1a").
    pub fn value(&self, prefix: &str, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find_map(|e| e.strip_prefix(prefix)?.strip_prefix(key)?.strip_prefix('='))
    }

    /// Sets the entry `name`, or removes it when `value` is empty.
    pub fn set(&mut self, name: &str, value: &str) {
        set_entry(&mut self.entries, name, value);
    }

    /// An amount entered under `prefix` + `key`.
    pub fn decimal(&self, prefix: &str, key: &str) -> Option<Decimal> {
        Decimal::parse(self.value(prefix, key)?).ok()
    }

    /// A whole number entered under `name`.
    pub fn number(&self, name: &str) -> Option<i64> {
        int(self.value(name, "")?)
    }

    /// The answer given for a manual rule.
    pub fn answer(&self, rule_id: &str) -> Option<Answer> {
        Answer::from_key(self.value("ans:", rule_id)?)
    }

    pub fn score(&self, item: &str) -> Option<Decimal> {
        self.decimal("score:", item)
    }

    /// The user's correction of an unverified criterion's maximum.
    pub fn max_override(&self, criterion: u8) -> Option<u32> {
        u32::try_from(int(self.value("max:", &criterion.to_string())?)?).ok()
    }

    /// The action items, in the order they were added. An action starts
    /// at its `act:<id>:source` entry; its other entries are found by id,
    /// not by position.
    pub fn actions(&self) -> Vec<ActionItem> {
        let mut items: Vec<ActionItem> = Vec::new();
        for entry in &self.entries {
            let Some((id, field, value)) = entry.strip_prefix("act:").and_then(|rest| {
                let (id, rest) = rest.split_once(':')?;
                let (field, value) = rest.split_once('=')?;
                Some((action_id(id)?, field, value))
            }) else {
                continue;
            };
            let existing = items.iter_mut().find(|item| item.id == id);
            let Some(item) = existing else {
                if field == "source" {
                    items.push(ActionItem {
                        id,
                        source: value.to_owned(),
                        action: String::new(),
                        owner: String::new(),
                        due: None,
                        status: ActionStatus::Open,
                    });
                }
                continue;
            };
            match field {
                "action" => value.clone_into(&mut item.action),
                "owner" => value.clone_into(&mut item.owner),
                "due" => item.due = crate::format::parse_iso(value),
                "status" => item.status = ActionStatus::from_key(value).unwrap_or_default(),
                _ => {}
            }
        }
        items
    }

    /// The id a new action gets: one past the highest in use (for data
    /// saved before ids, the number of actions, as then).
    pub fn next_action_id(&self) -> u32 {
        self.actions()
            .iter()
            .map(|a| a.id.saturating_add(1))
            .max()
            .unwrap_or(0)
    }

    /// Sets (or with `None` removes) the answer to a manual rule.
    pub fn set_answer(&mut self, rule_id: &str, answer: Option<Answer>) {
        self.set(&format!("ans:{rule_id}"), answer.map_or("", Answer::key));
    }

    /// Sets (or with `None` removes) a score, already checked against its
    /// maximum.
    pub fn set_score(&mut self, item: &str, points: Option<Decimal>) {
        self.set(
            &format!("score:{item}"),
            points.as_ref().map_or("", Decimal::as_str),
        );
    }

    pub fn set_max_override(&mut self, criterion: u8, max: Option<u32>) {
        self.set(
            &format!("max:{criterion}"),
            &max.map(|m| m.to_string()).unwrap_or_default(),
        );
    }
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

/// Whether `a ≤ b`, with the app's one tolerance ([`crate::tolerance`]):
/// a figure exactly at a legal threshold is at it (20 % passes a 20 % cap,
/// 20.01 % does not; 0.1 × 3 is 0.3).
pub fn at_most(a: f64, b: f64) -> bool {
    crate::tolerance::at_most(a, b)
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
