//! The action plan: one proposed action for every gap the assessment finds
//! (a failed rule, a criterion scored low, a key manager not trained),
//! which the user then edits: action, owner, due date and status.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::classification::classify;
use super::legal_rules::{evaluate, Outcome};
use super::Assessment;
use super::StaticText;
use crate::domain::unit::{ManagerRole, Unit};
use crate::i18n::Lang;

/// A criterion scores "low" under this share of its maximum, in percent.
/// The app's own choice, not an official figure.
pub const LOW_CRITERION_PERCENT: i64 = 50;

/// What a gap is about, as saved and as carried by form controls:
/// `rule:2012-members`, `criterion:7`, `manager:director`. Two gaps with
/// the same source are the same gap.
pub type GapSource = String;

/// A key manager's role as in a gap's source.
const ROLE_KEYS: [(ManagerRole, &str); 4] = [
    (ManagerRole::Chair, "chair"),
    (ManagerRole::Director, "director"),
    (ManagerRole::Accountant, "accountant"),
    (ManagerRole::Controller, "controller"),
];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ActionStatus::Open => lang.pick("Chưa làm", "Open"),
            ActionStatus::InProgress => lang.pick("Đang làm", "In progress"),
            ActionStatus::Done => lang.pick("Đã xong", "Done"),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
        }
    }

    pub fn from_key(key: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    /// The action's stable id. It names the action in the page and in
    /// every edit, so that edits from another tab never land on a
    /// different action. Ids are given in order from 0 and never reused;
    /// schema 2 wrote them in its entries (`act:<id>:…`, data saved before
    /// ids existed numbered its actions 0, 1, 2… there) and the migration
    /// keeps them.
    pub id: u32,
    /// The gap; its description is written anew from the data each time.
    pub source: GapSource,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::files::iso_date::option"
    )]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: ActionStatus,
}

/// A gap with a proposed action; both are said in the user's language
/// when shown ([`Gap::description`], [`Gap::proposal`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub source: GapSource,
    /// What failed or is low: a rule's text, a criterion's name, a role.
    what: StaticText,
    /// A failed rule's citation.
    citation: &'static str,
}

const ROLE_NAMES: [StaticText; 4] = [
    StaticText::new("Chủ tịch hội đồng quản trị", "Board chair"),
    StaticText::new("Giám đốc", "Director"),
    StaticText::new("Kế toán", "Accountant"),
    StaticText::new("Kiểm soát viên / trưởng ban kiểm soát", "Controller"),
];

impl Gap {
    /// What the gap is.
    pub fn description(&self, lang: Lang) -> String {
        self.say(lang, false)
    }

    /// The action proposed for it.
    pub fn proposal(&self, lang: Lang) -> String {
        self.say(lang, true)
    }

    fn say(&self, lang: Lang, proposal: bool) -> String {
        let what = self.what.get(lang);
        let (kind, number) = self.source.split_once(':').unwrap_or_default();
        let template = match (kind, proposal) {
            ("rule", true) => "{Khắc phục để đáp ứng|Remedy to meet} {2}",
            ("rule", false) => "{Không đạt|Failed}: {1} ({2})",
            ("criterion", true) => "{Cải thiện tiêu chí|Improve criterion} {0}: {1}",
            ("criterion", false) => {
                "{Tiêu chí|Criterion} {0} ({1}) {đạt dưới|scored under} {3} % {số điểm tối đa|of its maximum}"
            }
            (_, true) => "{Cử|Send the} {4} {tham gia lớp đào tạo, bồi dưỡng|to a training course}",
            (_, false) => "{1} {chưa qua đào tạo, bồi dưỡng|not trained}",
        };
        // Arguments by number: the templates use them in their own order.
        let args = [
            number,
            what,
            self.citation,
            &LOW_CRITERION_PERCENT.to_string(),
            &what.to_lowercase(),
        ];
        crate::i18n::say(lang, template, &args)
    }
}

/// Every gap of the assessment, in checklist, rubric and manager order.
pub fn gaps(unit: &Unit, assessment: &Assessment) -> Vec<Gap> {
    let mut found = Vec::new();
    for result in evaluate(unit, assessment) {
        if result.outcome == Outcome::Fail {
            let rule = result.rule;
            found.push(Gap {
                source: format!("rule:{}", rule.id),
                what: rule.text,
                citation: rule.citation,
            });
        }
    }
    if let Some(classification) = classify(assessment) {
        for criterion in &classification.criteria {
            let Some(score) = criterion.score else {
                continue;
            };
            if criterion.max > 0 && score * 100 < criterion.max * LOW_CRITERION_PERCENT {
                found.push(Gap {
                    source: format!("criterion:{}", criterion.number),
                    what: criterion.name,
                    citation: "",
                });
            }
        }
    }
    if let Some(record) = unit.record(assessment.year) {
        for manager in record.key_managers.iter().filter(|m| !m.trained) {
            let index = ROLE_KEYS
                .iter()
                .position(|(r, _)| *r == manager.role)
                .unwrap_or(0);
            found.push(Gap {
                source: format!("manager:{}", ROLE_KEYS[index].1),
                what: ROLE_NAMES[index],
                citation: "",
            });
        }
    }
    found
}

/// Adds an action for every gap that has none yet, its action text the
/// proposal in `lang`. Existing items, and the user's edits to them, are
/// kept even when their gap has gone. Returns how many were added.
pub fn add_missing_actions(unit: &Unit, assessment: &mut Assessment, lang: Lang) -> usize {
    let mut sources: Vec<GapSource> = assessment.actions().into_iter().map(|a| a.source).collect();
    let before = sources.len();
    for gap in gaps(unit, assessment) {
        if sources.contains(&gap.source) {
            continue;
        }
        let n = assessment.next_action_id();
        assessment.set(&format!("act:{n}:source"), &gap.source);
        assessment.set(&format!("act:{n}:action"), &gap.proposal(lang));
        sources.push(gap.source);
    }
    sources.len() - before
}
