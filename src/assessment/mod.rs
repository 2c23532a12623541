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
pub mod stored;

use std::cmp::Ordering;

use chrono::NaiveDate;

use crate::decimal::Decimal;
use crate::i18n::Lang;
use crate::workspace::Workspace;

pub use action_plan::{ActionItem, ActionStatus, GapSource};

pub use classification::{Grade, SizeClass};
pub use exemplary::{exemplary_candidates, ExemplaryCriteria};
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

/// Governance model under Luật HTX 2023, Điều 56.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GovernanceModel {
    /// Tổ chức quản trị đầy đủ: ĐHTV, HĐQT, Giám đốc, Ban kiểm soát.
    Full,
    /// Tổ chức quản trị rút gọn: ĐHTV, Giám đốc, kiểm soát viên.
    Reduced,
}

/// Facts the legal checklist needs that the yearly record does not hold.
/// Every field is optional: a missing fact leaves its rule unanswered.
/// Money is in millions of VND, shares in percent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GovernanceFacts {
    /// Số thành viên Hội đồng quản trị.
    pub board_size: Option<i64>,
    /// Whether there is a Ban kiểm soát (as opposed to a single kiểm soát
    /// viên or none).
    pub has_supervisory_board: Option<bool>,
    pub governance_model: Option<GovernanceModel>,
    /// The date of the annual general meeting (Đại hội thành viên thường
    /// niên) held for the year assessed.
    pub annual_meeting_on: Option<NaiveDate>,
    /// The largest single member's capital contribution as a share of the
    /// charter capital, in percent.
    pub largest_member_capital_percent: Option<Decimal>,
    /// Income on which the 2012 law's fund allocations are computed.
    pub income_for_allocation: Option<Decimal>,
    /// Allocated to the quỹ đầu tư phát triển in the year.
    pub development_fund_allocated: Option<Decimal>,
    /// Allocated to the quỹ dự phòng tài chính in the year.
    pub reserve_fund_allocated: Option<Decimal>,
    /// Income from external transactions (thu nhập từ giao dịch bên ngoài),
    /// on which the 2023 law's indivisible fund is computed.
    pub external_income: Option<Decimal>,
    /// Allocated to the quỹ chung không chia from that income.
    pub indivisible_fund_allocated: Option<Decimal>,
}

/// The labels of the facts (`"vi|en"`), in the order of
/// [`page::fact_values`]; also what a check says is missing.
pub const FACT_LABELS: [&str; 10] = [
    "Số thành viên HĐQT|Board members",
    "Có ban kiểm soát|Supervisory board",
    "Mô hình quản trị (Luật 2023)|Governance model (2023 law)",
    "Ngày đại hội thường niên|Annual meeting date",
    "Vốn góp lớn nhất của một thành viên (%)|Largest member's capital share (%)",
    "Thu nhập để trích quỹ (triệu đồng)|Income to allocate (million VND)",
    "Trích quỹ đầu tư phát triển|Development fund allocated",
    "Trích quỹ dự phòng tài chính|Reserve fund allocated",
    "Thu nhập từ giao dịch bên ngoài|Income from external transactions",
    "Trích quỹ chung không chia|Indivisible fund allocated",
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
/// Saved as a list of `name=value` entries, the names the page's controls
/// carry ([`stored`]), rather than through serde's derived code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub unit_id: String,
    pub year: i32,
    /// The date of the assessment: it decides which law is in force.
    pub assessed_on: NaiveDate,
    /// The rule set viewed, when the user chose the other one; not saved
    /// (see [`Assessment::law`]).
    pub law: Option<Law>,
    pub facts: GovernanceFacts,
    /// (rule id, answer, note) of the manual rules.
    pub answers: Vec<(String, Option<Answer>, String)>,
    pub rubric_version: String,
    /// (criterion, maximum): the user's corrections of unverified maxima.
    pub max_overrides: Vec<(u8, u32)>,
    /// (scoring item such as "1a" or "5", points).
    pub scores: Vec<(String, Decimal)>,
    /// Months the cooperative operated in the year (Thông tư 01/2020: fewer
    /// than 12 means not graded).
    pub months_operated: Option<u32>,
    /// Months it stopped operating in the year (more than 3: not graded).
    pub months_stopped: Option<u32>,
    pub actions: Vec<ActionItem>,
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
            facts: GovernanceFacts::default(),
            answers: Vec::new(),
            rubric_version: classification::CURRENT_RUBRIC.version.to_owned(),
            max_overrides: Vec::new(),
            scores: Vec::new(),
            months_operated: None,
            months_stopped: None,
            actions: Vec::new(),
        }
    }

    /// The rule set evaluated: the one chosen for viewing, else the one in
    /// force on the assessment date.
    pub fn law(&self) -> Law {
        self.law
            .unwrap_or_else(|| Law::in_force_on(self.assessed_on))
    }

    /// The answer and note given for a manual rule.
    pub fn answer(&self, rule_id: &str) -> Option<(Option<Answer>, &str)> {
        self.answers
            .iter()
            .find(|a| a.0 == rule_id)
            .map(|a| (a.1, a.2.as_str()))
    }

    fn answer_mut(&mut self, rule_id: &str) -> &mut (String, Option<Answer>, String) {
        let index = match self.answers.iter().position(|a| a.0 == rule_id) {
            Some(index) => index,
            None => {
                self.answers.push((rule_id.to_owned(), None, String::new()));
                self.answers.len() - 1
            }
        };
        &mut self.answers[index]
    }

    /// Sets the answer (and keeps the note) for a manual rule.
    pub fn set_answer(&mut self, rule_id: &str, answer: Option<Answer>) {
        self.answer_mut(rule_id).1 = answer;
    }

    pub fn set_note(&mut self, rule_id: &str, note: String) {
        self.answer_mut(rule_id).2 = note;
    }

    pub fn score(&self, item: &str) -> Option<&Decimal> {
        self.scores.iter().find(|s| s.0 == item).map(|s| &s.1)
    }

    /// Stores a score (already validated against its maximum), or removes
    /// it with `None`.
    pub fn set_score(&mut self, item: &str, points: Option<Decimal>) {
        self.scores.retain(|s| s.0 != item);
        if let Some(points) = points {
            self.scores.push((item.to_owned(), points));
        }
    }

    pub fn max_override(&self, criterion: u8) -> Option<u32> {
        self.max_overrides
            .iter()
            .find(|o| o.0 == criterion)
            .map(|o| o.1)
    }

    pub fn set_max_override(&mut self, criterion: u8, max: Option<u32>) {
        self.max_overrides.retain(|o| o.0 != criterion);
        if let Some(max) = max {
            self.max_overrides.push((criterion, max));
        }
    }
}

/// The saved assessment of a unit for a year.
pub fn find<'a>(workspace: &'a Workspace, unit_id: &str, year: i32) -> Option<&'a Assessment> {
    workspace
        .assessments
        .iter()
        .find(|a| a.unit_id == unit_id && a.year == year)
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

/// Compares `a × b` with `c × d`, as doubles with a tolerance of one part
/// in 10¹²: far below the precision of any amount a cooperative reports,
/// and above the rounding of doubles, so a figure exactly at a legal
/// threshold is at it (20 % passes a 20 % cap, 20.01 % does not; 0.1 × 3
/// is 0.3).
pub fn compare_products(a: &Decimal, b: &Decimal, c: &Decimal, d: &Decimal) -> Ordering {
    let (left, right) = (a.to_f64() * b.to_f64(), c.to_f64() * d.to_f64());
    if (left - right).abs() <= 1e-12 * left.abs().max(right.abs()) {
        Ordering::Equal
    } else if left < right {
        Ordering::Less
    } else {
        Ordering::Greater
    }
}

/// Compares two decimals (see [`compare_products`]).
pub fn compare(a: &Decimal, b: &Decimal) -> Ordering {
    let one = Decimal::from_i64(1);
    compare_products(a, &one, b, &one)
}

/// A decimal in hundredths: "79.99" is 7999. `None` with more than two
/// decimals or beyond what a double holds exactly.
pub fn hundredths(amount: &Decimal) -> Option<i64> {
    let value = amount.to_f64() * 100.0;
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
    fn compares_exactly_at_the_boundary() {
        assert_eq!(compare(&d("20"), &d("20.00")), Ordering::Equal);
        assert_eq!(compare(&d("20.01"), &d("20")), Ordering::Greater);
        assert_eq!(compare(&d("-1"), &d("0")), Ordering::Less);
        // 0.1 × 3 is exactly 0.3, unlike in doubles.
        assert_eq!(
            compare_products(&d("0.1"), &d("3"), &d("0.3"), &d("1")),
            Ordering::Equal
        );
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
