//! Báo cáo tiến độ: the progress report the plan's monitor sends to the
//! People's Committee, as data: the plan's identity, the as-of date, every
//! target with value, status and comment, the breakdowns by district and
//! by sector, and the tasks.

use chrono::NaiveDate;

use super::{dimension_label, group_label, target_table_header, target_table_rows, Table, Term};
use crate::domain::indicator::{BreakdownRow, Dimension, Engine, Evaluation, CITY_LEVEL_KEY};
use crate::domain::plan::Target;
use crate::domain::workspace::Workspace;
use crate::i18n::format::format_date;
use crate::i18n::wording::format_value;
use crate::i18n::Lang;

/// The report, ready to be drawn and printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgressReport {
    pub issuer: String,
    pub title: String,
    /// The plan's full title.
    pub lead: String,
    pub identity: Vec<Term>,
    /// Said when the figures are the demo's, not real ones.
    pub illustrative: Option<&'static str>,
    pub targets_title: &'static str,
    pub targets: Table,
    pub breakdowns_title: &'static str,
    /// By district, then by sector.
    pub breakdowns: Vec<Table>,
    pub tasks_title: &'static str,
    pub tasks: Table,
}

impl ProgressReport {
    pub fn new(
        ws: &Workspace,
        evaluations: &[Evaluation],
        as_of: NaiveDate,
        generated_on: NaiveDate,
        lang: Lang,
    ) -> ProgressReport {
        let plan = &ws.plan;
        let identity = vec![
            (
                lang.pick("Ngày ban hành", "Issued"),
                format_date(plan.identity.issued, lang),
            ),
            (
                lang.pick("Giai đoạn", "Period"),
                format!("{}–{}", plan.start_year, plan.end_year),
            ),
            (
                lang.pick("Số liệu tính đến", "Figures as of"),
                format_date(as_of, lang),
            ),
            (
                lang.pick("Không gian làm việc", "Workspace"),
                ws.name.clone(),
            ),
            (
                lang.pick("Ngày lập báo cáo", "Generated on"),
                format_date(generated_on, lang),
            ),
        ];
        // One engine for all twelve breakdowns: the units are indexed once.
        let engine = Engine::new(ws);
        let breakdowns = [Dimension::District, Dimension::Sector]
            .map(|by| breakdown_table(&engine, ws, as_of, by, lang))
            .into();
        ProgressReport {
            issuer: plan.identity.issuer.clone(),
            title: format!(
                "{} {}",
                lang.pick(
                    "Báo cáo tiến độ thực hiện Kế hoạch",
                    "Progress report on Plan"
                ),
                plan.identity.number
            ),
            lead: plan.identity.title.get(lang).to_owned(),
            identity,
            illustrative: ws.illustrative.then(|| {
                lang.pick(
                    "Số liệu minh họa, không phải số liệu thật.",
                    "Illustrative data, not real figures.",
                )
            }),
            targets_title: lang.pick("Các chỉ tiêu", "Targets"),
            targets: Table::new(
                &target_table_header(lang),
                target_table_rows(ws, evaluations, as_of, lang),
            )
            .class("report-targets")
            .numeric([2]),
            breakdowns_title: lang.pick("Phân tổ", "Breakdowns"),
            breakdowns,
            tasks_title: lang.pick("Nhiệm vụ", "Tasks"),
            tasks: tasks_table(ws, as_of, lang),
        }
    }
}

/// The targets counted unit by unit, one column each, for every district
/// or sector that has a value.
fn breakdown_table(
    engine: &Engine,
    ws: &Workspace,
    as_of: NaiveDate,
    by: Dimension,
    lang: Lang,
) -> Table {
    let targets: Vec<&Target> = ws
        .plan
        .targets
        .iter()
        .filter(|t| super::BROKEN_DOWN.contains(&t.indicator))
        .collect();
    let columns: Vec<Vec<BreakdownRow>> = targets
        .iter()
        .map(|t| engine.breakdown(t.indicator, as_of, by))
        .collect();
    let mut keys: Vec<&str> = columns
        .iter()
        .flatten()
        .map(|r| r.key.as_str())
        .filter(|k| *k != CITY_LEVEL_KEY)
        .collect();
    crate::sorting::sort(&mut keys);
    keys.dedup();
    let mut header = vec![dimension_label(by, lang)];
    header.extend(targets.iter().map(|t| t.id.as_str()));
    let rows: Vec<Vec<String>> = keys
        .iter()
        .map(|key| {
            let mut row = vec![group_label(&ws.plan, by, key, lang)];
            for (t, column) in targets.iter().zip(&columns) {
                let value = column.iter().find(|r| r.key == *key).and_then(|r| r.value);
                row.push(value.map_or("—".to_owned(), |v| format_value(t.indicator, v, lang)));
            }
            row
        })
        .collect();
    let caption = match by {
        Dimension::District => lang.pick("Theo quận, huyện", "By district"),
        Dimension::Sector => lang.pick("Theo lĩnh vực", "By sector"),
    };
    Table::new(&header, rows)
        .class("report-breakdown")
        .caption(caption)
        .numeric(1..=targets.len())
}

/// Every task of the plan: item, title, lead agency, deadline and status,
/// marked when overdue.
fn tasks_table(ws: &Workspace, as_of: NaiveDate, lang: Lang) -> Table {
    let rows: Vec<Vec<String>> = ws
        .plan
        .tasks
        .iter()
        .map(|task| {
            let mut status = task.status.label(lang).to_owned();
            if task.is_overdue(as_of) {
                status.push_str(&format!(" · ⚠ {}", lang.pick("Quá hạn", "Overdue")));
            }
            vec![
                task.id.clone(),
                task.title.get(lang).to_owned(),
                task.lead_agency.clone(),
                task.deadline.map_or("—".to_owned(), |d| d.describe(lang)),
                status,
            ]
        })
        .collect();
    let header = [
        lang.pick("Mục", "Item"),
        lang.pick("Nhiệm vụ", "Task"),
        lang.pick("Chủ trì", "Lead"),
        lang.pick("Thời hạn", "Deadline"),
        lang.pick("Tình trạng", "Status"),
    ];
    Table::new(&header, rows).class("report-tasks")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::generate::synthetic_workspace;
    use crate::domain::indicator::evaluate_all;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn the_report_has_every_target_and_task() {
        let ws = synthetic_workspace(50, 1);
        let as_of = day(2019, 7, 31);
        let report = ProgressReport::new(
            &ws,
            &evaluate_all(&ws, as_of),
            as_of,
            day(2026, 11, 26),
            Lang::Vi,
        );
        for target in &ws.plan.targets {
            assert!(
                report.targets.row(&target.id).is_some(),
                "{} missing",
                target.id
            );
        }
        assert_eq!(report.targets.rows.len(), ws.plan.targets.len());
        assert_eq!(report.tasks.rows.len(), ws.plan.tasks.len());
        assert!(report
            .tasks
            .rows
            .iter()
            .any(|row| row.iter().any(|cell| cell.contains("Sở Tài chính"))));
        let dates: Vec<&str> = report.identity.iter().map(|(_, v)| v.as_str()).collect();
        assert!(dates.contains(&"31/07/2019") && dates.contains(&"26/11/2026"));
        let captions: Vec<_> = report.breakdowns.iter().map(|t| t.caption).collect();
        assert_eq!(captions, [Some("Theo quận, huyện"), Some("Theo lĩnh vực")]);
        assert_eq!(report.targets.numeric, [2]);
    }

    #[test]
    fn a_breakdown_has_a_column_per_share_and_no_city_level_row() {
        let ws = synthetic_workspace(80, 2);
        let as_of = day(2019, 7, 31);
        let report = ProgressReport::new(&ws, &evaluate_all(&ws, as_of), as_of, as_of, Lang::En);
        let by_district = &report.breakdowns[0];
        assert_eq!(by_district.header[0], "District");
        assert_eq!(by_district.header.len(), 1 + 6);
        assert!(by_district.rows.iter().all(|r| r.len() == 7));
        assert!(by_district.is_numeric(6) && !by_district.is_numeric(0));
        assert!(!by_district.rows.is_empty());
        assert_eq!(report.illustrative.is_some(), ws.illustrative);
    }
}
