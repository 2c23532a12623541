//! Checks on the parts of a workspace beyond its units and city years —
//! the plan (ids, years, values, deadlines, districts, sectors), its tasks,
//! the self-assessments and the scenarios — so that a file is validated
//! whole before it can replace anything, and a stored workspace shows what
//! is wrong with it.
//!
//! Each finding becomes an [`Issue`] whose [`Location`] is a path a user
//! can follow: "kế hoạch › mục tiêu 3 (T3) › thời hạn" / "plan › target 3
//! (T3) › deadline". Ids and names are written into a place only as far as
//! their first [`MAX_ID_CHARS`] characters (they are escaped where shown).
//! This module only reads: it never repairs anything, and every loop in it
//! is over the items of the document, never over a range of years.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;

use crate::domain::plan::Plan;
use crate::domain::plan_validation::{
    check_plan, check_tasks, id_problem, PlanIssue, PlanPart, MAX_ID_CHARS,
};
use crate::domain::validation::{
    year_in_range, Issue, Location, Report, Severity, EARLIEST_YEAR, LATEST_YEAR,
};
use crate::domain::workspace::Workspace;
use crate::i18n::Text;

/// Adds every finding on the plan, its tasks, the assessments and the
/// scenarios of `ws` to `report`.
pub fn check_parts(ws: &Workspace, report: &mut Report) {
    let plan = &ws.plan;
    for issue in check_plan(plan).into_iter().chain(check_tasks(plan)) {
        report.push(plan_issue(plan, issue));
    }
    check_unit_ids(ws, report);
    check_assessments(ws, report);
    check_scenarios(ws, report);
}

/// Each unit's internal id: given, and not another unit's (a unit's page,
/// its edits, its records' CSV rows and its assessments find it by id).
/// Hashed, so linear in the number of units.
fn check_unit_ids(ws: &Workspace, report: &mut Report) {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(ws.units.len());
    for (index, unit) in ws.units.iter().enumerate() {
        let message = if unit.id.trim().is_empty() {
            Text::new("Mã nội bộ trống.", "The internal id is empty.")
        } else if let Some(other) = first.get(unit.id.as_str()).and_then(|&i| ws.units.get(i)) {
            let id = shown(&unit.id);
            let name = shown(&other.name);
            Text::new(
                format!("Mã nội bộ \"{id}\" đã dùng cho đơn vị \"{name}\"."),
                format!("The internal id \"{id}\" is already that of \"{name}\"."),
            )
        } else {
            first.insert(unit.id.as_str(), index);
            continue;
        };
        report.push(Issue {
            severity: Severity::Error,
            location: Location::unit(unit, "id"),
            message,
        });
    }
}

/// The first characters of an id or name, as a place shows it.
fn shown(text: &str) -> String {
    let mut out: String = text.chars().take(MAX_ID_CHARS).collect();
    if text.chars().nth(MAX_ID_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// A plan field's name as the plan page says it.
fn plan_field(field: &str) -> (&'static str, &'static str) {
    match field {
        "id" => ("mã", "id"),
        "value" => ("giá trị mục tiêu", "target value"),
        "band_upper" => ("cận trên", "upper end of the band"),
        "deadline" => ("thời hạn", "deadline"),
        "period" => ("giai đoạn", "period"),
        "baseline_year" => ("năm gốc", "baseline year"),
        "issued" => ("ngày ban hành", "date of issue"),
        "progress" => ("nhật ký tiến độ", "progress log"),
        "districts" => ("tên", "name"),
        "sectors" => ("lĩnh vực", "sector"),
        _ => ("", ""),
    }
}

fn plan_issue(plan: &Plan, issue: PlanIssue) -> Issue {
    let (field_vi, field_en) = plan_field(issue.field);
    let (mut vi, mut en) = ("kế hoạch".to_owned(), "plan".to_owned());
    let mut part = |item_vi: &str, item_en: &str, index: usize, id: Option<&str>| {
        let id = id.map(|id| format!(" ({})", shown(id))).unwrap_or_default();
        vi.push_str(&format!(" › {item_vi} {}{id}", index + 1));
        en.push_str(&format!(" › {item_en} {}{id}", index + 1));
    };
    match issue.part {
        PlanPart::Plan => {}
        PlanPart::Target(i) => part(
            "mục tiêu",
            "target",
            i,
            plan.targets.get(i).map(|t| t.id.as_str()),
        ),
        PlanPart::District(i) => part("quận/huyện", "district", i, None),
        PlanPart::Sector(i) => part(
            "lĩnh vực",
            "sector",
            i,
            plan.sectors.get(i).map(|s| s.id.as_str()),
        ),
        PlanPart::Task(i) => part(
            "nhiệm vụ",
            "task",
            i,
            plan.tasks.get(i).map(|t| t.id.as_str()),
        ),
    }
    let whole_item = matches!(issue.part, PlanPart::District(_) | PlanPart::Sector(_));
    if !field_vi.is_empty() && !whole_item {
        vi.push_str(" › ");
        vi.push_str(field_vi);
        en.push_str(" › ");
        en.push_str(field_en);
    }
    Issue {
        severity: issue.severity,
        location: Location::document(Text::new(vi, en), issue.field),
        message: issue.message,
    }
}

fn error(report: &mut Report, place: (String, String), field: &'static str, message: Text) {
    report.push(Issue {
        severity: Severity::Error,
        location: Location::document(Text::new(place.0, place.1), field),
        message,
    });
}

/// Each assessment: its year and date within 1990–2100, and a unit of the
/// workspace (an assessment of a unit that is not there is a warning: the
/// unit may have been removed on purpose), and a warning for entries of a
/// schema-2 file that were kept aside unread
/// ([`crate::assessment::schema2`]). A month count over 12 is refused when
/// the assessment is read ([`crate::assessment::Assessment`]).
fn check_assessments(ws: &Workspace, report: &mut Report) {
    let units: HashSet<&str> = ws.units.iter().map(|u| u.id.as_str()).collect();
    for (index, a) in ws.assessments.iter().enumerate() {
        let place = |field_vi: &str, field_en: &str| {
            (
                format!(
                    "đánh giá {} ({}, {}) › {field_vi}",
                    index + 1,
                    shown(&a.unit_id),
                    a.year
                ),
                format!(
                    "assessment {} ({}, {}) › {field_en}",
                    index + 1,
                    shown(&a.unit_id),
                    a.year
                ),
            )
        };
        if !year_in_range(a.year) {
            error(
                report,
                place("năm", "year"),
                "year",
                Text::new(
                    format!(
                        "Năm {} nằm ngoài khoảng {EARLIEST_YEAR}–{LATEST_YEAR}.",
                        a.year
                    ),
                    format!("Year {} is outside {EARLIEST_YEAR}–{LATEST_YEAR}.", a.year),
                ),
            );
        }
        let date_year = a.assessed_on.year();
        if !year_in_range(date_year) {
            error(
                report,
                place("ngày đánh giá", "date"),
                "date",
                Text::new(
                    format!("Năm {date_year} của ngày đánh giá nằm ngoài khoảng {EARLIEST_YEAR}–{LATEST_YEAR}."),
                    format!("The date's year {date_year} is outside {EARLIEST_YEAR}–{LATEST_YEAR}."),
                ),
            );
        }
        if !units.contains(a.unit_id.as_str()) {
            let (vi, en) = place("đơn vị", "unit");
            report.push(Issue {
                severity: Severity::Warning,
                location: Location::document(Text::new(vi, en), "unit"),
                message: Text::new(
                    "Không có đơn vị này trong dữ liệu.",
                    "There is no such unit in the data.",
                ),
            });
        }
        if !a.unread_entries.is_empty() {
            let (vi, en) = place("mục chưa đọc được", "entries not read");
            let count = a.unread_entries.len();
            let first = shown(&a.unread_entries[0]);
            report.push(Issue {
                severity: Severity::Warning,
                location: Location::document(Text::new(vi, en), "unread_entries"),
                message: Text::new(
                    format!("{count} mục của tệp cũ không khớp trường nào, được giữ nguyên (đầu tiên: {first})."),
                    format!("{count} entries of the older file fit no field and are kept as they were (the first: {first})."),
                ),
            });
        }
    }
}

/// Each scenario: a plain id (it is written into links), not repeated.
fn check_scenarios(ws: &Workspace, report: &mut Report) {
    let mut seen = HashSet::new();
    for (index, scenario) in ws.scenarios.iter().enumerate() {
        let repeated = !seen.insert(scenario.id.as_str());
        if let Some(problem) = id_problem(&scenario.id, repeated, ("kịch bản", "scenario")) {
            error(
                report,
                (
                    format!("kịch bản {} ({}) › mã", index + 1, shown(&scenario.id)),
                    format!("scenario {} ({}) › id", index + 1, shown(&scenario.id)),
                ),
                "id",
                problem,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::validate_workspace;
    use crate::i18n::Lang;

    fn errors_of(edit: impl FnOnce(&mut Workspace)) -> Vec<String> {
        let mut ws = Workspace::new("w", "w");
        edit(&mut ws);
        validate_workspace(&ws)
            .errors()
            .map(|i| i.describe(Lang::En))
            .collect()
    }

    #[test]
    fn the_built_in_workspace_is_clean() {
        assert!(validate_workspace(&Workspace::new("w", "w")).is_clean());
    }

    #[test]
    fn a_hostile_target_id_is_refused_with_its_place() {
        let errors =
            errors_of(|ws| ws.plan.targets[2].id = "\"><img src=x onerror=alert(1)>".into());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("plan › target 3 (\"><img src=x onerror=alert(1)>) › id: "),
            "{errors:?}"
        );
    }

    #[test]
    fn repeated_ids_are_refused() {
        let errors = errors_of(|ws| ws.plan.targets[1].id = "T1".into());
        assert_eq!(
            errors,
            ["plan › target 2 (T1) › id: The target id \"T1\" is repeated."]
        );
        let errors = errors_of(|ws| {
            let copy = ws.plan.tasks[0].clone();
            ws.plan.tasks.push(copy);
        });
        assert_eq!(
            errors,
            ["plan › task 3 (IV.1) › id: The task id \"IV.1\" is repeated."]
        );
    }

    #[test]
    fn years_outside_1990_to_2100_are_refused() {
        let errors = errors_of(|ws| {
            ws.plan.start_year = -100_000_000;
            ws.plan.baseline_year = -100_000_001;
        });
        assert!(
            errors.iter().any(|e| e.starts_with("plan › period: ")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("plan › baseline year: ")),
            "{errors:?}"
        );
        let errors = errors_of(|ws| {
            ws.plan.targets[0].deadline = chrono::NaiveDate::from_ymd_opt(2400, 1, 1).expect("date")
        });
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("plan › target 1 (T1) › deadline: "),
            "{errors:?}"
        );
    }

    #[test]
    fn a_task_deadline_must_exist() {
        use crate::domain::task::TaskDeadline;
        let errors = errors_of(|ws| {
            ws.plan.tasks[0].deadline = Some(TaskDeadline::Yearly { month: 13, day: 1 });
            ws.plan.tasks[1].deadline = Some(TaskDeadline::Quarter {
                year: 2018,
                quarter: 5,
            });
        });
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("plan › task 1 (IV.1) › deadline: "),
            "{errors:?}"
        );
        assert!(errors[0].contains("12 months"), "{errors:?}");
        assert!(
            errors[1].starts_with("plan › task 2 (IV.2) › deadline: "),
            "{errors:?}"
        );
        let errors = errors_of(|ws| {
            ws.plan.tasks[0].deadline = Some(TaskDeadline::Year { year: -100_000_000 })
        });
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn unit_ids_are_given_and_not_repeated() {
        let errors = errors_of(|ws| {
            let mut unit =
                crate::domain::unit::Unit::new("u1", "HTX A", crate::domain::unit::UnitKind::Tht);
            unit.district = "Hồng Bàng".into();
            ws.units.push(unit.clone());
            unit.name = "HTX B".into();
            ws.units.push(unit.clone());
            unit.id = " ".into();
            ws.units.push(unit);
        });
        assert_eq!(
            errors,
            [
                "HTX B › Internal id: The internal id \"u1\" is already that of \"HTX A\".",
                "HTX B › Internal id: The internal id is empty."
            ]
        );
    }

    #[test]
    fn scenario_ids_and_assessment_years_are_checked() {
        let errors = errors_of(|ws| {
            ws.scenarios.push(crate::simulation::scenario::Scenario {
                id: "<b>".into(),
                ..Default::default()
            });
            ws.assessments.push(crate::assessment::Assessment::new(
                "u1",
                -5,
                chrono::NaiveDate::from_ymd_opt(2019, 1, 1).expect("date"),
            ));
        });
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("assessment 1 (u1, -5) › year: "),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("scenario 1 (<b>) › id: "),
            "{errors:?}"
        );
    }

    #[test]
    fn entries_kept_aside_by_the_migration_are_a_warning() {
        let mut ws = Workspace::new("w", "w");
        let mut a = crate::assessment::Assessment::new(
            "u1",
            2019,
            chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("date"),
        );
        a.unread_entries = vec!["colour=blue".into(), "score:1a=many".into()];
        ws.assessments.push(a);
        let report = validate_workspace(&ws);
        let warnings: Vec<String> = report.warnings().map(|i| i.describe(Lang::En)).collect();
        assert!(
            warnings.iter().any(|w| w.starts_with("assessment 1 (u1, 2019) › entries not read: 2 entries of the older file fit no field and are kept as they were (the first: colour=blue).")),
            "{warnings:?}"
        );
        assert_eq!(report.errors().count(), 0);
    }

    #[test]
    fn an_id_shown_in_a_place_is_cut_short() {
        let long = "x".repeat(10_000);
        let errors = errors_of(|ws| ws.plan.targets[0].id = format!("{long}!"));
        assert!(errors[0].len() < 600, "{}", errors[0].len());
    }
}
