//! Exemplary readiness (HTX điển hình tiên tiến): whether a cooperative
//! meets configurable criteria, and what is missing.
//!
//! No official definition of "điển hình tiên tiến" was found (research notes
//! §3.3). The defaults follow the national new-model programme, Quyết định
//! 167/QĐ-TTg (2021): graded Tốt under Thông tư 01/2020/TT-BKHĐT, Khá or
//! better the year before, profitable three financial years running, and
//! operating in compliance with the law. The user may change them.

use serde::Serialize;

use super::classification::{grade_of, Grade};
use super::legal_rules::{evaluate, Summary};
use crate::i18n::{Lang, Text};
use crate::unit::Unit;
use crate::workspace::Workspace;

/// Saved by derive; read back in [`super::stored`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExemplaryCriteria {
    /// The lowest grade accepted in the year assessed.
    pub latest_grade: Grade,
    /// The lowest grade accepted the year before; `None` to not ask.
    pub previous_grade: Option<Grade>,
    /// Consecutive years, ending with the year assessed, with a pre-tax
    /// profit above zero; 0 to not ask.
    pub profitable_years: u32,
    /// Every mandatory rule of the year's checklist passes.
    pub require_compliance: bool,
}

impl Default for ExemplaryCriteria {
    fn default() -> Self {
        ExemplaryCriteria {
            latest_grade: Grade::Excellent,
            previous_grade: Some(Grade::Good),
            profitable_years: 3,
            require_compliance: true,
        }
    }
}

impl ExemplaryCriteria {
    pub fn is_default(&self) -> bool {
        *self == ExemplaryCriteria::default()
    }
}

/// One condition and whether it is met.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub text: Text,
    pub met: bool,
    /// Why it is not met, or what data is missing.
    pub detail: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Readiness {
    pub conditions: Vec<Condition>,
}

impl Readiness {
    pub fn is_ready(&self) -> bool {
        !self.conditions.is_empty() && self.conditions.iter().all(|c| c.met)
    }

    pub fn missing(&self) -> impl Iterator<Item = &Condition> {
        self.conditions.iter().filter(|c| !c.met)
    }
}

fn grade_condition(workspace: &Workspace, unit: &Unit, year: i32, minimum: Grade) -> Condition {
    let grade = super::find(workspace, &unit.id, year).and_then(grade_of);
    let text = Text::new(
        format!("Xếp loại năm {year} từ {} trở lên", minimum.label(Lang::Vi)),
        format!("Graded {} or better in {year}", minimum.label(Lang::En)),
    );
    match grade {
        Some(grade) => Condition {
            text,
            met: grade >= minimum,
            detail: Text::new(
                format!("Xếp loại: {}", grade.label(Lang::Vi)),
                format!("Graded: {}", grade.label(Lang::En)),
            ),
        },
        None => Condition {
            text,
            met: false,
            detail: Text::new(
                format!("Chưa có kết quả xếp loại năm {year}"),
                format!("No grade for {year}"),
            ),
        },
    }
}

/// The unit's readiness for `year` under `criteria`.
pub fn readiness(
    workspace: &Workspace,
    unit: &Unit,
    year: i32,
    criteria: &ExemplaryCriteria,
) -> Readiness {
    let mut conditions = vec![grade_condition(
        workspace,
        unit,
        year,
        criteria.latest_grade,
    )];
    if let Some(previous) = criteria.previous_grade {
        conditions.push(grade_condition(workspace, unit, year - 1, previous));
    }
    if criteria.profitable_years > 0 {
        let years = criteria.profitable_years;
        let first = year - i32::try_from(years).unwrap_or(i32::MAX).saturating_sub(1);
        let not_profitable: Vec<i32> = (first..=year)
            .filter(|y| {
                !unit
                    .record(*y)
                    .and_then(|r| r.pre_tax_profit.as_ref())
                    .is_some_and(|p| p.to_f64() > 0.0)
            })
            .collect();
        let list = not_profitable
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        conditions.push(Condition {
            text: Text::new(
                format!("Có lãi {years} năm liền ({first}–{year})"),
                format!("Profitable {years} years running ({first}–{year})"),
            ),
            met: not_profitable.is_empty(),
            detail: Text::new(
                format!("Không có lãi hoặc thiếu số liệu lợi nhuận: {list}"),
                format!("No profit or no profit figure: {list}"),
            ),
        });
    }
    if criteria.require_compliance {
        let text = Text::new(
            format!("Tuân thủ mọi quy định bắt buộc của pháp luật (năm {year})"),
            format!("Every mandatory legal rule passed ({year})"),
        );
        let condition = match super::find(workspace, &unit.id, year) {
            Some(assessment) => {
                let summary = Summary::of(&evaluate(unit, assessment));
                Condition {
                    text,
                    met: summary.all_mandatory_pass(),
                    detail: Text::new(
                        format!(
                            "{} quy định không đạt, {} chưa trả lời",
                            summary.mandatory_failed, summary.mandatory_unanswered
                        ),
                        format!(
                            "{} rules failed, {} unanswered",
                            summary.mandatory_failed, summary.mandatory_unanswered
                        ),
                    ),
                }
            }
            None => Condition {
                text,
                met: false,
                detail: Text::new(
                    format!("Chưa tự đánh giá năm {year}"),
                    format!("No self-assessment for {year}"),
                ),
            },
        };
        conditions.push(condition);
    }
    Readiness { conditions }
}

/// Indices into `workspace.units` of the cooperatives ready to be put
/// forward as exemplary for `year` (target T8's candidates), under the
/// workspace's criteria.
pub fn exemplary_candidates(workspace: &Workspace, year: i32) -> Vec<usize> {
    workspace
        .units
        .iter()
        .enumerate()
        .filter(|(_, unit)| unit.kind.is_cooperative())
        .filter(|(_, unit)| {
            readiness(workspace, unit, year, &workspace.exemplary_criteria).is_ready()
        })
        .map(|(index, _)| index)
        .collect()
}
