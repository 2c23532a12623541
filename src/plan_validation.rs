//! Checks on a plan someone edited: a target value outside what its
//! indicator can take is an error; a deadline outside the plan's period is
//! a warning (plans do set catch-up deadlines, like plan 135's Q2/2018 for
//! a national deadline of 2016).

use crate::small_sort::sort_small_by_key;
use std::collections::HashSet;

use chrono::Datelike;

use crate::format::format_date;
use crate::i18n::Text;
use crate::plan::{Comparator, Plan};
use crate::validation::{Severity, EARLIEST_YEAR, LATEST_YEAR};

/// One finding on a plan: which target (if any), which field, what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanIssue {
    pub severity: Severity,
    pub target_id: Option<String>,
    /// "value", "band_upper", "deadline", "period", "districts", "sectors".
    pub field: &'static str,
    pub message: Text,
}

impl PlanIssue {
    fn new(
        severity: Severity,
        target_id: Option<&str>,
        field: &'static str,
        vi: String,
        en: String,
    ) -> Self {
        PlanIssue {
            severity,
            target_id: target_id.map(str::to_owned),
            field,
            message: Text::new(vi, en),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Every problem with a plan, errors first.
pub fn check_plan(plan: &Plan) -> Vec<PlanIssue> {
    let mut issues = Vec::new();
    let years = EARLIEST_YEAR..=LATEST_YEAR;
    if !years.contains(&plan.start_year)
        || !years.contains(&plan.end_year)
        || plan.start_year > plan.end_year
    {
        issues.push(PlanIssue::new(
            Severity::Error,
            None,
            "period",
            format!(
                "Giai đoạn {}–{} không hợp lệ.",
                plan.start_year, plan.end_year
            ),
            format!(
                "The period {}–{} is not valid.",
                plan.start_year, plan.end_year
            ),
        ));
    }
    if plan.baseline_year >= plan.start_year || !years.contains(&plan.baseline_year) {
        issues.push(PlanIssue::new(
            Severity::Error,
            None,
            "baseline_year",
            format!(
                "Năm gốc {} phải trước năm đầu giai đoạn {}.",
                plan.baseline_year, plan.start_year
            ),
            format!(
                "The baseline year {} must come before the period's first year {}.",
                plan.baseline_year, plan.start_year
            ),
        ));
    }
    for target in &plan.targets {
        let id = Some(target.id.as_str());
        let value = target.value;
        if target.comparator != Comparator::RisingEachYear {
            let in_range = if target.indicator.is_share() {
                // "More than 100 %" can never be met; "at least 0 %" always is.
                value.is_finite()
                    && value > 0.0
                    && value <= 1.0
                    && !(target.comparator == Comparator::MoreThan && value >= 1.0)
            } else {
                value.is_finite() && value >= 1.0 && value.fract() == 0.0
            };
            if !in_range {
                let (vi, en) = if target.indicator.is_share() {
                    (
                        "một tỷ lệ lớn hơn 0% và không quá 100%",
                        "a share above 0 % and at most 100 %",
                    )
                } else {
                    ("một số nguyên từ 1 trở lên", "a whole number of at least 1")
                };
                issues.push(PlanIssue::new(
                    Severity::Error,
                    id,
                    "value",
                    format!("Mức mục tiêu của {} phải là {vi}.", target.id),
                    format!("The target value of {} must be {en}.", target.id),
                ));
            }
        }
        if let Some(upper) = target.band_upper {
            if !(upper.is_finite()
                && upper >= value
                && (!target.indicator.is_share() || upper <= 1.0))
            {
                issues.push(PlanIssue::new(
                    Severity::Error,
                    id,
                    "band_upper",
                    format!(
                        "Cận trên của {} phải không nhỏ hơn mức mục tiêu.",
                        target.id
                    ),
                    format!(
                        "The upper end of {}'s band must not be below its target value.",
                        target.id
                    ),
                ));
            }
        }
        let deadline_year = target.deadline.year();
        if !(plan.start_year..=plan.end_year).contains(&deadline_year) {
            issues.push(PlanIssue::new(
                Severity::Warning,
                id,
                "deadline",
                format!(
                    "Thời hạn {} của {} nằm ngoài giai đoạn {}–{}.",
                    format_date(target.deadline, crate::i18n::Lang::Vi),
                    target.id,
                    plan.start_year,
                    plan.end_year
                ),
                format!(
                    "{}'s deadline {} is outside the period {}–{}.",
                    target.id,
                    format_date(target.deadline, crate::i18n::Lang::En),
                    plan.start_year,
                    plan.end_year
                ),
            ));
        }
    }
    let mut seen = HashSet::new();
    for district in &plan.districts {
        let name = district.trim();
        if name.is_empty() || !seen.insert(name.to_lowercase()) {
            issues.push(PlanIssue::new(
                Severity::Error,
                None,
                "districts",
                format!("Tên quận/huyện trống hoặc trùng: \"{name}\"."),
                format!("A district name is empty or repeated: \"{name}\"."),
            ));
        }
    }
    let mut seen = HashSet::new();
    for sector in &plan.sectors {
        if sector.id.trim().is_empty()
            || sector.name.vi.trim().is_empty()
            || !seen.insert(sector.id.as_str())
        {
            issues.push(PlanIssue::new(
                Severity::Error,
                None,
                "sectors",
                format!("Lĩnh vực trống hoặc trùng mã: \"{}\".", sector.name.vi),
                format!(
                    "A sector is empty or its key is repeated: \"{}\".",
                    sector.name.en
                ),
            ));
        }
    }
    sort_small_by_key(&mut issues, |issue| !issue.is_error());
    issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn issues_for(edit: impl FnOnce(&mut Plan)) -> Vec<PlanIssue> {
        let mut plan = Plan::hai_phong_135();
        edit(&mut plan);
        check_plan(&plan)
    }

    #[test]
    fn the_built_in_plan_is_clean() {
        assert_eq!(check_plan(&Plan::hai_phong_135()), Vec::new());
    }

    #[test]
    fn a_share_above_100_percent_is_an_error() {
        let issues = issues_for(|p| p.targets[0].value = 1.01);
        assert_eq!(issues.len(), 1);
        assert!(issues[0].is_error());
        assert_eq!(
            (issues[0].target_id.as_deref(), issues[0].field),
            (Some("T1"), "value")
        );
        assert!(issues_for(|p| p.targets[0].value = 1.0).is_empty());
        assert!(
            !issues_for(|p| p.targets[4].value = 1.0).is_empty(),
            "more than 100 % cannot be met"
        );
        assert!(!issues_for(|p| p.targets[0].value = 0.0).is_empty());
    }

    #[test]
    fn a_count_must_be_a_whole_number() {
        assert!(!issues_for(|p| p.targets[7].value = 9.5).is_empty());
        assert!(!issues_for(|p| p.targets[7].value = 0.0).is_empty());
        assert!(issues_for(|p| p.targets[7].value = 12.0).is_empty());
    }

    #[test]
    fn a_band_below_the_target_is_an_error() {
        let issues = issues_for(|p| p.targets[2].band_upper = Some(0.009));
        assert_eq!(issues[0].field, "band_upper");
    }

    #[test]
    fn a_deadline_outside_the_period_is_a_warning() {
        let issues = issues_for(|p| {
            p.targets[0].deadline = NaiveDate::from_ymd_opt(2021, 6, 30).expect("date")
        });
        assert_eq!(issues.len(), 1);
        assert_eq!(
            (issues[0].severity, issues[0].field),
            (Severity::Warning, "deadline")
        );
    }

    #[test]
    fn repeated_districts_and_sectors_are_errors() {
        assert_eq!(
            issues_for(|p| p.districts.push("hồng bàng".to_owned()))[0].field,
            "districts"
        );
        assert_eq!(
            issues_for(|p| p.districts.push("  ".to_owned()))[0].field,
            "districts"
        );
        let issues = issues_for(|p| {
            let copy = p.sectors[0].clone();
            p.sectors.push(copy);
        });
        assert_eq!(issues[0].field, "sectors");
    }
}
