//! Exemplary readiness (HTX điển hình tiên tiến): whether a cooperative
//! meets configurable criteria, and what is missing.
//!
//! No official definition of "điển hình tiên tiến" was found (research notes
//! §3.3). The defaults follow the national new-model programme, Quyết định
//! 167/QĐ-TTg (2021): graded Tốt under Thông tư 01/2020/TT-BKHĐT, Khá or
//! better the year before, profitable three financial years running, and
//! operating in compliance with the law. The user may change them.

use super::classification::{grade_of, Grade};
use super::legal_rules::{evaluate, Summary};
use crate::domain::unit::Unit;
use crate::domain::workspace::Workspace;
use crate::i18n::say;
use crate::i18n::Lang;

/// The criteria in force in a workspace, read from the entries it saves
/// ([`ExemplaryCriteria::of`]).
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// The criteria a workspace saves as `name=value` entries (`latest=good`,
    /// `previous=none`, `years=2`, `compliance=false`, as the page's
    /// controls send them without their `ex:`); what is missing or does not
    /// read keeps its default.
    pub fn of(entries: &[String]) -> Self {
        let mut c = ExemplaryCriteria::default();
        for entry in entries {
            let (name, value) = entry.split_once('=').unwrap_or((entry, ""));
            if let Some(field) = super::edit::ExemplaryField::from_key(name) {
                let _ = super::edit::set_exemplary(&mut c, field, value, Lang::En);
            }
        }
        c
    }
}

/// One condition and whether it is met, in the language asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub text: String,
    pub met: bool,
    /// Why it is not met, or what data is missing.
    pub detail: String,
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

/// The unit's readiness for `year` under `criteria`, said in `lang`.
pub fn readiness(
    workspace: &Workspace,
    unit: &Unit,
    year: i32,
    criteria: &ExemplaryCriteria,
    lang: Lang,
) -> Readiness {
    let mut conditions = Vec::new();
    let mut push =
        |met: bool, text: String, detail: String| conditions.push(Condition { text, met, detail });
    for (y, minimum) in [
        (year, Some(criteria.latest_grade)),
        (year - 1, criteria.previous_grade),
    ] {
        let Some(minimum) = minimum else { continue };
        let y_text = y.to_string();
        let grade = super::find(workspace, &unit.id, y).and_then(grade_of);
        push(
            grade.is_some_and(|g| g >= minimum),
            say(
                lang,
                "{Năm|In} {}, {xếp loại từ|graded} {} {trở lên|or better}",
                &[&y_text, minimum.label(lang)],
            ),
            match grade {
                Some(g) => say(lang, "{Xếp loại|Graded}: {}", &[g.label(lang)]),
                None => say(
                    lang,
                    "{Chưa có kết quả xếp loại năm|No grade for} {}",
                    &[&y_text],
                ),
            },
        );
    }
    let year_text = year.to_string();
    if criteria.profitable_years > 0 {
        let years = criteria.profitable_years;
        let first = year.saturating_sub(i32::try_from(years).unwrap_or(i32::MAX).saturating_sub(1));
        let not_profitable: Vec<String> = (first..=year)
            .filter(|y| {
                !unit
                    .record(*y)
                    .and_then(|r| r.pre_tax_profit.as_ref())
                    .is_some_and(|p| p.to_f64() > 0.0)
            })
            .map(|y| y.to_string())
            .collect();
        push(
            not_profitable.is_empty(),
            say(
                lang,
                "{Có lãi|Profitable} {} {năm liền|years running} ({}–{})",
                &[&years.to_string(), &first.to_string(), &year_text],
            ),
            say(
                lang,
                "{Không có lãi hoặc thiếu số liệu lợi nhuận|No profit or no profit figure}: {}",
                &[&not_profitable.join(", ")],
            ),
        );
    }
    if criteria.require_compliance {
        let text = say(
            lang,
            "{Tuân thủ mọi quy định bắt buộc của pháp luật|Every mandatory legal rule passed} ({})",
            &[&year_text],
        );
        match super::find(workspace, &unit.id, year) {
            Some(assessment) => {
                let summary = Summary::of(&evaluate(unit, assessment));
                push(
                    summary.all_mandatory_pass(),
                    text,
                    say(
                        lang,
                        "{} {quy định không đạt|rules failed}, {} {chưa trả lời|unanswered}",
                        &[
                            &summary.mandatory_failed.to_string(),
                            &summary.mandatory_unanswered.to_string(),
                        ],
                    ),
                );
            }
            None => push(
                false,
                text,
                say(
                    lang,
                    "{Chưa tự đánh giá năm|No self-assessment for} {}",
                    &[&year_text],
                ),
            ),
        }
    }
    Readiness { conditions }
}

/// Indices into `workspace.units` of the cooperatives ready to be put
/// forward as exemplary for `year` (target T8's candidates), under the
/// workspace's criteria.
pub fn exemplary_candidates(workspace: &Workspace, year: i32) -> Vec<usize> {
    let criteria = ExemplaryCriteria::of(&workspace.exemplary_criteria);
    workspace
        .units
        .iter()
        .enumerate()
        .filter(|(_, unit)| unit.kind.is_cooperative())
        .filter(|(_, unit)| readiness(workspace, unit, year, &criteria, Lang::En).is_ready())
        .map(|(index, _)| index)
        .collect()
}

/// A cooperative ready to be put forward as exemplary, as target T8's
/// page lists it: a link to its record and the year it was assessed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Candidate {
    pub unit_id: String,
    /// The unit's record page, its id percent-encoded.
    pub href: String,
    pub name: String,
    pub assessed_year: i32,
}

/// The cooperatives ready to be put forward as exemplary, each by its
/// latest self-assessed year up to `year`: target T8's candidates.
pub fn ready_candidates(workspace: &Workspace, year: i32) -> Vec<Candidate> {
    let criteria = ExemplaryCriteria::of(&workspace.exemplary_criteria);
    workspace
        .units
        .iter()
        .filter(|unit| unit.kind.is_cooperative())
        .filter_map(|unit| {
            let latest = workspace
                .assessments
                .iter()
                .filter(|a| a.unit_id == unit.id && a.year <= year)
                .map(|a| a.year)
                .max()?;
            readiness(workspace, unit, latest, &criteria, Lang::En)
                .is_ready()
                .then(|| Candidate {
                    unit_id: unit.id.clone(),
                    href: format!("/units/{}", crate::route::percent_encode(&unit.id)),
                    name: unit.name.clone(),
                    assessed_year: latest,
                })
        })
        .collect()
}
