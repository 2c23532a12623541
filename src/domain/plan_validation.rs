//! Checks on a plan someone edited or a file brought in: a target value
//! outside what its indicator can take is an error; so are an id that is
//! not a plain key (ids reach links and HTML ids), a repeated id, and a
//! year or deadline outside 1990–2100 (a year of −100,000,000 would make
//! every loop over the plan's years run for ever). A deadline outside the
//! plan's period but within those years is a warning (plans do set
//! catch-up deadlines, like plan 135's Q2/2018 for a national deadline of
//! 2016). The tasks are checked here too ([`check_tasks`]), for imports.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};

use crate::domain::plan::{Comparator, Plan};
use crate::domain::task::TaskDeadline;
use crate::domain::validation::{Severity, EARLIEST_YEAR, LATEST_YEAR};
use crate::i18n::format::format_date;
use crate::i18n::Text;

/// Which part of a plan a finding is about, by position (ids may repeat).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanPart {
    /// The plan as a whole: its identity, period and baseline.
    Plan,
    Target(usize),
    District(usize),
    Sector(usize),
    Task(usize),
}

/// One finding on a plan: which target (if any), which field, what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanIssue {
    pub severity: Severity,
    /// The target the editor shows the message beside; none for messages
    /// about the plan as a whole (and a target's id, which it cannot edit).
    pub target_id: Option<String>,
    /// "id", "value", "band_upper", "deadline", "period", "baseline_year",
    /// "issued", "districts", "sectors", and a task's fields.
    pub field: &'static str,
    pub message: Text,
    pub part: PlanPart,
}

/// The longest id a target, sector, task or scenario may have.
pub const MAX_ID_CHARS: usize = 64;

/// Whether `id` is a plain key like the built-in ones ("T1", "IV.1",
/// "nong-nghiep", "s2"): an ASCII letter or digit, then letters, digits,
/// `.`, `_` or `-`, at most [`MAX_ID_CHARS`] in all. Such an id is safe in
/// a link, an HTML id and a CSS selector without any escaping.
pub fn is_plain_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id.len() <= MAX_ID_CHARS
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The error for an id that is not plain or is repeated, if it is either:
/// `what` names the kind of thing in both languages.
pub fn id_problem(id: &str, repeated: bool, what: (&str, &str)) -> Option<Text> {
    let shown: String = id.chars().take(MAX_ID_CHARS).collect();
    if !is_plain_id(id) {
        Some(Text::new(
            format!(
                "Mã {} \"{shown}\" không hợp lệ: chỉ dùng chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang (tối đa {MAX_ID_CHARS} ký tự), bắt đầu bằng chữ cái hoặc chữ số.",
                what.0
            ),
            format!(
                "The {} id \"{shown}\" is not valid: use only letters without marks, digits, dots, underscores and hyphens (at most {MAX_ID_CHARS}), starting with a letter or digit.",
                what.1
            ),
        ))
    } else if repeated {
        Some(Text::new(
            format!("Mã {} \"{shown}\" bị trùng.", what.0),
            format!("The {} id \"{shown}\" is repeated.", what.1),
        ))
    } else {
        None
    }
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
            part: PlanPart::Plan,
        }
    }

    fn at(mut self, part: PlanPart) -> Self {
        self.part = part;
        self
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
    if !years.contains(&plan.identity.issued.year()) {
        issues.push(PlanIssue::new(
            Severity::Error,
            None,
            "issued",
            format!(
                "Ngày ban hành {} nằm ngoài các năm {EARLIEST_YEAR}–{LATEST_YEAR}.",
                format_date(plan.identity.issued, crate::i18n::Lang::Vi)
            ),
            format!(
                "The date of issue {} is outside the years {EARLIEST_YEAR}–{LATEST_YEAR}.",
                format_date(plan.identity.issued, crate::i18n::Lang::En)
            ),
        ));
    }
    let mut seen_ids = HashSet::new();
    for (index, target) in plan.targets.iter().enumerate() {
        let part = PlanPart::Target(index);
        let repeated = !seen_ids.insert(target.id.as_str());
        if let Some(problem) = id_problem(&target.id, repeated, ("mục tiêu", "target")) {
            issues
                .push(PlanIssue::new(Severity::Error, None, "id", problem.vi, problem.en).at(part));
        }
        // Past here the id is written into messages: a hostile one only
        // as far as its first characters.
        let shown_id: String = target.id.chars().take(MAX_ID_CHARS).collect();
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
                issues.push(
                    PlanIssue::new(
                        Severity::Error,
                        id,
                        "value",
                        format!("Mức mục tiêu của {shown_id} phải là {vi}."),
                        format!("The target value of {shown_id} must be {en}."),
                    )
                    .at(part),
                );
            }
        }
        if let Some(upper) = target.band_upper {
            if !(upper.is_finite()
                && upper >= value
                && (!target.indicator.is_share() || upper <= 1.0))
            {
                issues.push(
                    PlanIssue::new(
                        Severity::Error,
                        id,
                        "band_upper",
                        format!("Cận trên của {} phải không nhỏ hơn mức mục tiêu.", shown_id),
                        format!(
                            "The upper end of {}'s band must not be below its target value.",
                            shown_id
                        ),
                    )
                    .at(part),
                );
            }
        }
        let deadline_year = target.deadline.year();
        if !years.contains(&deadline_year) {
            issues.push(
                PlanIssue::new(
                    Severity::Error,
                    id,
                    "deadline",
                    format!(
                        "Thời hạn {} của {shown_id} nằm ngoài các năm {EARLIEST_YEAR}–{LATEST_YEAR}.",
                        format_date(target.deadline, crate::i18n::Lang::Vi),
                    ),
                    format!(
                        "{shown_id}'s deadline {} is outside the years {EARLIEST_YEAR}–{LATEST_YEAR}.",
                        format_date(target.deadline, crate::i18n::Lang::En),
                    ),
                )
                .at(part),
            );
        } else if !(plan.start_year..=plan.end_year).contains(&deadline_year) {
            issues.push(
                PlanIssue::new(
                    Severity::Warning,
                    id,
                    "deadline",
                    format!(
                        "Thời hạn {} của {} nằm ngoài giai đoạn {}–{}.",
                        format_date(target.deadline, crate::i18n::Lang::Vi),
                        shown_id,
                        plan.start_year,
                        plan.end_year
                    ),
                    format!(
                        "{}'s deadline {} is outside the period {}–{}.",
                        shown_id,
                        format_date(target.deadline, crate::i18n::Lang::En),
                        plan.start_year,
                        plan.end_year
                    ),
                )
                .at(part),
            );
        }
    }
    let mut seen = HashSet::new();
    for (index, district) in plan.districts.iter().enumerate() {
        let name = district.trim();
        if name.is_empty() || !seen.insert(name.to_lowercase()) {
            issues.push(
                PlanIssue::new(
                    Severity::Error,
                    None,
                    "districts",
                    format!("Tên quận/huyện trống hoặc trùng: \"{name}\"."),
                    format!("A district name is empty or repeated: \"{name}\"."),
                )
                .at(PlanPart::District(index)),
            );
        }
    }
    let mut seen = HashSet::new();
    for (index, sector) in plan.sectors.iter().enumerate() {
        let part = PlanPart::Sector(index);
        if !sector.id.trim().is_empty() && !is_plain_id(&sector.id) {
            if let Some(problem) = id_problem(&sector.id, false, ("lĩnh vực", "sector")) {
                issues.push(
                    PlanIssue::new(Severity::Error, None, "sectors", problem.vi, problem.en)
                        .at(part),
                );
            }
            continue;
        }
        if sector.id.trim().is_empty()
            || sector.name.vi.trim().is_empty()
            || !seen.insert(sector.id.as_str())
        {
            issues.push(
                PlanIssue::new(
                    Severity::Error,
                    None,
                    "sectors",
                    format!("Lĩnh vực trống hoặc trùng mã: \"{}\".", sector.name.vi),
                    format!(
                        "A sector is empty or its key is repeated: \"{}\".",
                        sector.name.en
                    ),
                )
                .at(part),
            );
        }
    }
    crate::sorting::sort_by_key(&mut issues, |issue| !issue.is_error());
    issues
}

/// Every problem with the plan's tasks, as a file brings them (the task
/// form checks its own draft): ids plain and not repeated, a deadline that
/// exists — a quarter 1–4, a month 1–12 with a day it has — within
/// 1990–2100, and progress dated within those years.
pub fn check_tasks(plan: &Plan) -> Vec<PlanIssue> {
    let years = EARLIEST_YEAR..=LATEST_YEAR;
    let mut issues = Vec::new();
    let mut seen_ids = HashSet::new();
    for (index, task) in plan.tasks.iter().enumerate() {
        let part = PlanPart::Task(index);
        let error = |field: &'static str, vi: String, en: String| {
            PlanIssue::new(Severity::Error, None, field, vi, en).at(part)
        };
        let repeated = !seen_ids.insert(task.id.as_str());
        if let Some(problem) = id_problem(&task.id, repeated, ("nhiệm vụ", "task")) {
            issues.push(error("id", problem.vi, problem.en));
        }
        let deadline_problem = match task.deadline {
            None => None,
            Some(TaskDeadline::Date { date }) => {
                (!years.contains(&date.year())).then(|| format!("{}", date.year()))
            }
            Some(TaskDeadline::Year { year }) => (!years.contains(&year)).then(|| year.to_string()),
            Some(TaskDeadline::Quarter { year, quarter }) => {
                if !(1..=4).contains(&quarter) {
                    issues.push(error(
                        "deadline",
                        format!("Quý {quarter} không tồn tại (chỉ có quý 1–4)."),
                        format!("There is no quarter {quarter} (quarters are 1–4)."),
                    ));
                }
                (!years.contains(&year)).then(|| year.to_string())
            }
            Some(TaskDeadline::Yearly { month, day }) => {
                // 2000 is a leap year: 29/02 is a day a yearly task may fall on.
                if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
                    issues.push(error(
                        "deadline",
                        format!("Ngày {day}/{month} không tồn tại (một năm có 12 tháng)."),
                        format!("There is no day {day}/{month} (a year has 12 months)."),
                    ));
                }
                None
            }
        };
        if let Some(year) = deadline_problem {
            issues.push(error(
                "deadline",
                format!("Năm {year} của thời hạn nằm ngoài các năm {EARLIEST_YEAR}–{LATEST_YEAR}."),
                format!("The deadline's year {year} is outside {EARLIEST_YEAR}–{LATEST_YEAR}."),
            ));
        }
        if let Some(entry) = task
            .progress
            .iter()
            .find(|p| !years.contains(&p.date.year()))
        {
            issues.push(error(
                "progress",
                format!(
                    "Ngày {} trong nhật ký tiến độ nằm ngoài các năm {EARLIEST_YEAR}–{LATEST_YEAR}.",
                    format_date(entry.date, crate::i18n::Lang::Vi)
                ),
                format!(
                    "The progress date {} is outside the years {EARLIEST_YEAR}–{LATEST_YEAR}.",
                    format_date(entry.date, crate::i18n::Lang::En)
                ),
            ));
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

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
