//! The action plan: one proposed action for every gap the assessment finds
//! (a failed rule, a criterion scored low, a key manager not trained),
//! which the user then edits: action, owner, due date and status.

use chrono::NaiveDate;
use serde::Serialize;

use super::classification::classify;
use super::legal_rules::{evaluate, Outcome};
use super::Assessment;
use crate::i18n::{Lang, Text};
use crate::unit::{ManagerRole, Unit};

/// A criterion scores "low" under this share of its maximum, in percent.
/// The app's own choice, not an official figure.
pub const LOW_CRITERION_PERCENT: i64 = 50;

/// What a gap is about; two gaps with the same source are the same gap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GapSource {
    Rule { id: String },
    Criterion { number: u8 },
    UntrainedManager { role: ManagerRole },
}

const ROLE_KEYS: [(ManagerRole, &str); 4] = [
    (ManagerRole::Chair, "chair"),
    (ManagerRole::Director, "director"),
    (ManagerRole::Accountant, "accountant"),
    (ManagerRole::Controller, "controller"),
];

impl GapSource {
    /// The gap as saved and as carried by form controls: "rule:2012-members",
    /// "criterion:7", "manager:director".
    pub fn key(&self) -> String {
        match self {
            GapSource::Rule { id } => format!("rule:{id}"),
            GapSource::Criterion { number } => format!("criterion:{number}"),
            GapSource::UntrainedManager { role } => {
                let name = ROLE_KEYS
                    .iter()
                    .find(|(r, _)| r == role)
                    .map_or("?", |(_, k)| k);
                format!("manager:{name}")
            }
        }
    }

    pub fn from_key(key: &str) -> Option<GapSource> {
        let (kind, rest) = key.split_once(':')?;
        match kind {
            "rule" => Some(GapSource::Rule {
                id: rest.to_owned(),
            }),
            "criterion" => rest
                .parse()
                .ok()
                .map(|number| GapSource::Criterion { number }),
            "manager" => ROLE_KEYS
                .iter()
                .find(|(_, k)| *k == rest)
                .map(|(role, _)| GapSource::UntrainedManager { role: *role }),
            _ => None,
        }
    }
}

/// A gap source saved as its [`GapSource::key`] text.
fn source_key<S: serde::Serializer>(source: &GapSource, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&source.key())
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionItem {
    /// The gap; its description is written anew from the data each time.
    #[serde(serialize_with = "source_key")]
    pub source: GapSource,
    pub action: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::iso_date::option::serialize"
    )]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: ActionStatus,
}

/// A gap with a proposed action.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub source: GapSource,
    pub description: Text,
    pub proposal: Text,
}

fn role_name(role: ManagerRole) -> Text {
    match role {
        ManagerRole::Chair => Text::new("Chủ tịch hội đồng quản trị", "Board chair"),
        ManagerRole::Director => Text::new("Giám đốc", "Director"),
        ManagerRole::Accountant => Text::new("Kế toán", "Accountant"),
        ManagerRole::Controller => Text::new("Kiểm soát viên / trưởng ban kiểm soát", "Controller"),
    }
}

/// Every gap of the assessment, in checklist, rubric and manager order.
pub fn gaps(unit: &Unit, assessment: &Assessment) -> Vec<Gap> {
    let mut found = Vec::new();
    for result in evaluate(unit, assessment) {
        if result.outcome == Outcome::Fail {
            let rule = result.rule;
            found.push(Gap {
                source: GapSource::Rule {
                    id: rule.id.to_owned(),
                },
                description: Text::new(
                    format!("Không đạt: {} ({})", rule.text.vi, rule.citation),
                    format!("Failed: {} ({})", rule.text.en, rule.citation),
                ),
                proposal: Text::new(
                    format!("Khắc phục để đáp ứng {}", rule.citation),
                    format!("Remedy to meet {}", rule.citation),
                ),
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
                    source: GapSource::Criterion {
                        number: criterion.number,
                    },
                    description: Text::new(
                        format!(
                            "Tiêu chí {} ({}) đạt dưới {}% số điểm tối đa",
                            criterion.number, criterion.name.vi, LOW_CRITERION_PERCENT
                        ),
                        format!(
                            "Criterion {} ({}) scored under {} % of its maximum",
                            criterion.number, criterion.name.en, LOW_CRITERION_PERCENT
                        ),
                    ),
                    proposal: Text::new(
                        format!(
                            "Cải thiện tiêu chí {}: {}",
                            criterion.number, criterion.name.vi
                        ),
                        format!(
                            "Improve criterion {}: {}",
                            criterion.number, criterion.name.en
                        ),
                    ),
                });
            }
        }
    }
    if let Some(record) = unit.record(assessment.year) {
        for manager in record.key_managers.iter().filter(|m| !m.trained) {
            let role = role_name(manager.role);
            found.push(Gap {
                source: GapSource::UntrainedManager { role: manager.role },
                description: Text::new(
                    format!("{} chưa qua đào tạo, bồi dưỡng", role.vi),
                    format!("{} not trained", role.en),
                ),
                proposal: Text::new(
                    format!(
                        "Cử {} tham gia lớp đào tạo, bồi dưỡng",
                        role.vi.to_lowercase()
                    ),
                    format!("Send the {} to a training course", role.en.to_lowercase()),
                ),
            });
        }
    }
    found
}

/// Adds an action for every gap that has none yet, its action text the
/// proposal in `lang`. Existing items, and the user's edits to them, are
/// kept even when their gap has gone. Returns how many were added.
pub fn add_missing_actions(unit: &Unit, assessment: &mut Assessment, lang: Lang) -> usize {
    let mut added = 0;
    for gap in gaps(unit, assessment) {
        if assessment.actions.iter().any(|a| a.source == gap.source) {
            continue;
        }
        assessment.actions.push(ActionItem {
            source: gap.source,
            action: gap.proposal.get(lang).to_owned(),
            owner: String::new(),
            due: None,
            status: ActionStatus::Open,
        });
        added += 1;
    }
    added
}
