//! What read-only screens and printouts show. Moved to data, drawn by
//! components: the progress report ([`ProgressReport`]), a unit's record
//! sheet ([`UnitSheet`]), a target's card ([`TargetCard`]), with tables as
//! [`Table`], the data page's checks ([`DataChecks`]).

use chrono::NaiveDate;

use crate::domain::indicator::{
    breakdown, contributions, BreakdownRow, Dimension, Evaluation, CITY_LEVEL_KEY,
};
use crate::domain::plan::{Indicator, Plan};
use crate::domain::unit::{ManagerRole, OperatingStatus, Qualification};
use crate::i18n::format::format_number;
use crate::i18n::Lang;
pub mod chart;
pub mod data_page;
pub mod notice_view;
pub mod plan_summary;
pub mod present;
pub mod progress;
pub mod province_picture;
pub mod simulation;
pub mod table;
pub mod target_card;
pub mod target_page;
pub mod unit_sheet;
pub mod update_view;

pub use chart::{trend_chart, TrendChart};
pub use plan_summary::PlanSummary;
pub use progress::ProgressReport;
pub use table::Table;
pub use target_card::{ProgressBar, TargetCard};
pub use unit_sheet::{Term, UnitSheet, YearSheet};

use crate::domain::workspace::Workspace;
use crate::i18n::wording::{comment_text, deadline_text, format_value, target_text, value_text};

/// The targets the report tabulates by district and sector: the shares
/// counted unit by unit.
const BROKEN_DOWN: [Indicator; 6] = [
    Indicator::ReorganisedShare,
    Indicator::InactiveDissolvedShare,
    Indicator::GroupsCompliantShare,
    Indicator::ManagersTrainedShare,
    Indicator::ManagersQualifiedShare,
    Indicator::StaffTrainedShare,
];

pub fn target_table_header(lang: Lang) -> [&'static str; 7] {
    [
        lang.pick("Mã", "Id"),
        lang.pick("Chỉ tiêu", "Target"),
        lang.pick("Hiện tại", "Current"),
        lang.pick("Mục tiêu", "Target value"),
        lang.pick("Thời hạn", "Deadline"),
        lang.pick("Tình trạng", "Status"),
        lang.pick("Nhận xét", "Comment"),
    ]
}

/// One row per target: id, title, value, target, deadline, status, comment.
/// The report's table and its CSV download share these rows.
pub fn target_table_rows(
    ws: &Workspace,
    evaluations: &[Evaluation],
    as_of: NaiveDate,
    lang: Lang,
) -> Vec<Vec<String>> {
    ws.plan
        .targets
        .iter()
        .zip(evaluations)
        .map(|(t, e)| {
            vec![
                t.id.clone(),
                t.title.get(lang).to_owned(),
                value_text(e, lang),
                target_text(t, lang),
                deadline_text(t.deadline, as_of, lang),
                format!("{} {}", e.status.icon(), e.status.label(lang)),
                comment_text(t, e, lang),
            ]
        })
        .collect()
}

/// The label of a breakdown group: a district's name, a sector's name in
/// the language, or what an empty key means.
pub fn group_label(plan: &Plan, by: Dimension, key: &str, lang: Lang) -> String {
    if key == CITY_LEVEL_KEY {
        return lang
            .pick(
                "Cấp thành phố (không theo đơn vị)",
                "City level (not by unit)",
            )
            .to_owned();
    }
    if key.is_empty() {
        return lang.pick("(chưa ghi)", "(not given)").to_owned();
    }
    match by {
        Dimension::Sector => plan
            .sector(key)
            .map_or(key.to_owned(), |s| s.name.get(lang).to_owned()),
        Dimension::District => key.to_owned(),
    }
}

pub fn dimension_label(by: Dimension, lang: Lang) -> &'static str {
    match by {
        Dimension::District => lang.pick("Quận, huyện", "District"),
        Dimension::Sector => lang.pick("Lĩnh vực", "Sector"),
    }
}

/// What an indicator's numerator and denominator count, for headers.
pub fn tally_names(indicator: Indicator, lang: Lang) -> (&'static str, Option<&'static str>) {
    match indicator {
        Indicator::ReorganisedShare => (
            lang.pick("Đã tổ chức lại", "Reorganised"),
            Some(lang.pick("Phải tổ chức lại", "Required")),
        ),
        Indicator::InactiveDissolvedShare => (
            lang.pick("Đã giải thể", "Dissolved"),
            Some(lang.pick("Ngừng hoạt động", "Inactive")),
        ),
        Indicator::GroupsCompliantShare => (
            lang.pick("Đúng pháp luật", "Lawful"),
            Some(lang.pick("Tổ hợp tác", "Groups")),
        ),
        Indicator::ManagersTrainedShare => (
            lang.pick("Đã đào tạo", "Trained"),
            Some(lang.pick("Cán bộ quản lý", "Managers")),
        ),
        Indicator::ManagersQualifiedShare => (
            lang.pick("Cao đẳng trở lên", "College or above"),
            Some(lang.pick("Cán bộ được tính", "Counted")),
        ),
        Indicator::StaffTrainedShare => (
            lang.pick("Được bồi dưỡng", "Coached"),
            Some(lang.pick("Cán bộ, lao động", "Staff")),
        ),
        Indicator::GrdpShare | Indicator::ValueAddedGrowth => (
            lang.pick("GTGT (triệu đồng)", "Value added (million VND)"),
            None,
        ),
        Indicator::ExemplaryCount => (lang.pick("HTX điển hình", "Exemplary"), None),
    }
}

/// How a breakdown table is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Name,
    Numerator,
    Value,
}

/// A target's breakdown as table rows (group, numerator, [denominator],
/// value), sorted, with the whole city's totals last.
pub fn breakdown_rows(
    ws: &Workspace,
    indicator: Indicator,
    as_of: NaiveDate,
    by: Dimension,
    sort: (SortBy, bool),
    lang: Lang,
) -> Vec<Vec<String>> {
    let mut rows: Vec<BreakdownRow> = breakdown(ws, indicator, as_of, by);
    let label = |r: &BreakdownRow| group_label(&ws.plan, by, &r.key, lang);
    let (key, ascending) = sort;
    crate::sorting::sort_by(&mut rows, |a, b| {
        let order = match key {
            SortBy::Name => label(a).cmp(&label(b)),
            SortBy::Numerator => a.tally.numerator.total_cmp(&b.tally.numerator),
            SortBy::Value => a
                .value
                .unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&b.value.unwrap_or(f64::NEG_INFINITY)),
        };
        if ascending {
            order
        } else {
            order.reverse()
        }
    });
    let has_denominator = tally_names(indicator, lang).1.is_some();
    let mut total = (0.0, 0.0);
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            total.0 += r.tally.numerator;
            total.1 += r.tally.denominator;
            let mut row = vec![label(r), format_number(r.tally.numerator, 0, lang)];
            if has_denominator {
                row.push(format_number(r.tally.denominator, 0, lang));
            }
            row.push(
                r.value
                    .map_or("—".to_owned(), |v| format_value(indicator, v, lang)),
            );
            row
        })
        .collect();
    let mut total_row = vec![
        lang.pick("Toàn thành phố", "Whole city").to_owned(),
        format_number(total.0, 0, lang),
    ];
    if has_denominator {
        total_row.push(format_number(total.1, 0, lang));
    }
    total_row.push(String::new());
    out.push(total_row);
    out
}

/// One unit behind an indicator's figure, as the drill-down lists it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DrillRow {
    pub unit_id: String,
    /// The unit's record page, its id percent-encoded.
    pub href: String,
    pub name: String,
    pub kind: &'static str,
    pub district: String,
    pub numerator: String,
    /// None for an indicator with no denominator (a count, a value).
    pub denominator: Option<String>,
}

/// The units behind an indicator: the table's headers, its rows (at most
/// `limit`) and how many units matched.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DrillDown {
    pub headers: Vec<&'static str>,
    pub rows: Vec<DrillRow>,
    pub matched: usize,
}

/// The units behind an indicator, only those with a gap if `gaps_only`
/// (numerator below denominator): each unit's record link, its kind,
/// district and tallies.
pub fn drill_down(
    ws: &Workspace,
    indicator: Indicator,
    as_of: NaiveDate,
    gaps_only: bool,
    limit: usize,
    lang: Lang,
) -> DrillDown {
    let all = contributions(ws, indicator, as_of);
    let (numerator_name, denominator_name) = tally_names(indicator, lang);
    let shown: Vec<_> = all
        .iter()
        .filter(|c| {
            !gaps_only || denominator_name.is_none() || c.tally.numerator < c.tally.denominator
        })
        .collect();
    let headers = [
        lang.pick("Đơn vị", "Unit"),
        lang.pick("Loại", "Kind"),
        lang.pick("Quận, huyện", "District"),
        numerator_name,
    ]
    .into_iter()
    .chain(denominator_name)
    .collect();
    let rows = shown
        .iter()
        .take(limit)
        .filter_map(|c| {
            let unit = ws.units.get(c.unit_index)?;
            Some(DrillRow {
                unit_id: unit.id.clone(),
                href: format!("/units/{}", crate::route::percent_encode(&unit.id)),
                name: unit.name.clone(),
                kind: unit.kind.abbreviation(),
                district: unit.district.clone(),
                numerator: format_number(c.tally.numerator, 0, lang),
                denominator: denominator_name.map(|_| format_number(c.tally.denominator, 0, lang)),
            })
        })
        .collect();
    DrillDown {
        headers,
        rows,
        matched: shown.len(),
    }
}

/// The data page's summary ([`data_checks`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataChecks {
    /// Each kind's abbreviation and how many units are of it.
    pub counts: Vec<(&'static str, String)>,
    /// "2 lỗi · 5 cảnh báo".
    pub summary: String,
    /// The findings listed (the first `issues_shown`).
    pub issues: Vec<CheckLine>,
}

/// One finding of the data checks: its kind in a word, and its place and
/// message.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckLine {
    pub error: bool,
    /// "Lỗi" or "Cảnh báo".
    pub word: &'static str,
    /// " · HTX A › 2019 › Số thành viên: …".
    pub text: String,
}

/// The data page's summary: counts by kind and every validation finding
/// (the first `issues_shown`) with its place. The units themselves are in
/// [`crate::edit::unit_table`].
pub fn data_checks(ws: &Workspace, issues_shown: usize, lang: Lang) -> DataChecks {
    let report = crate::domain::validation::validate_workspace(ws);
    data_checks_of(ws, &report, issues_shown, lang)
}

/// [`data_checks`] from a validation `report` of `ws` made already (a
/// slice at a time: [`crate::domain::validation::Checker`]).
pub fn data_checks_of(
    ws: &Workspace,
    report: &crate::domain::validation::Report,
    issues_shown: usize,
    lang: Lang,
) -> DataChecks {
    let counts = crate::domain::unit::UnitKind::ALL
        .into_iter()
        .map(|kind| {
            let count = ws.units.iter().filter(|u| u.kind == kind).count();
            (kind.abbreviation(), format_number(count as f64, 0, lang))
        })
        .collect();
    let summary = format!(
        "{} {} · {} {}",
        format_number(report.errors().count() as f64, 0, lang),
        lang.pick("lỗi", "errors"),
        format_number(report.warnings().count() as f64, 0, lang),
        lang.pick("cảnh báo", "warnings"),
    );
    let issues = report
        .issues
        .iter()
        .take(issues_shown)
        .map(|issue| CheckLine {
            error: issue.is_error(),
            word: if issue.is_error() {
                lang.pick("Lỗi", "Error")
            } else {
                lang.pick("Cảnh báo", "Warning")
            },
            text: format!(
                " · {}: {}",
                issue.location.describe(lang),
                issue.message.get(lang)
            ),
        })
        .collect();
    DataChecks {
        counts,
        summary,
        issues,
    }
}

pub fn role_label(role: ManagerRole, lang: Lang) -> &'static str {
    match role {
        ManagerRole::Chair => lang.pick("Chủ tịch HĐQT", "Chair of the board"),
        ManagerRole::Director => lang.pick("Giám đốc", "Director"),
        ManagerRole::Accountant => lang.pick("Kế toán", "Accountant"),
        ManagerRole::Controller => lang.pick("Kiểm soát viên", "Controller"),
    }
}

pub fn qualification_label(q: Qualification, lang: Lang) -> &'static str {
    match q {
        Qualification::None => lang.pick("Chưa qua đào tạo", "No training"),
        Qualification::Elementary => lang.pick("Sơ cấp", "Elementary"),
        Qualification::Intermediate => lang.pick("Trung cấp", "Intermediate"),
        Qualification::College => lang.pick("Cao đẳng", "College"),
        Qualification::University => lang.pick("Đại học trở lên", "University or above"),
    }
}

pub fn status_label(status: OperatingStatus, lang: Lang) -> &'static str {
    match status {
        OperatingStatus::Active => lang.pick("Hoạt động", "Active"),
        OperatingStatus::Inactive => lang.pick("Ngừng hoạt động", "Inactive"),
        OperatingStatus::Dissolved => lang.pick("Giải thể", "Dissolved"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::generate::synthetic_workspace;
    use crate::domain::indicator::evaluate_all;

    #[test]
    fn a_hostile_target_id_stays_in_text_and_is_percent_encoded_in_links() {
        let mut ws = synthetic_workspace(3, 1);
        let hostile = "\"><img src=x onerror=alert(1)>";
        ws.plan.targets[0].id = hostile.to_owned();
        let as_of = day(2019, 6, 30);
        let evaluations = evaluate_all(&ws, as_of);
        let target = &ws.plan.targets[0];
        // The card and chart carry the id as text, which the view escapes.
        let card = TargetCard::new(target, &evaluations[0], as_of, Lang::Vi);
        assert_eq!(card.id, hostile);
        let chart = trend_chart(&ws, target, Lang::En);
        assert_eq!(chart.head.id, format!("trend-{hostile}"));
        assert!(chart.head.title.starts_with(hostile));
        // The link's path has no character that could end its attribute.
        assert_eq!(
            card.more.0,
            "/targets/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E"
        );
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn breakdown_rows_end_with_the_city_total() {
        let ws = synthetic_workspace(80, 2);
        let as_of = day(2019, 7, 31);
        let rows = breakdown_rows(
            &ws,
            Indicator::ReorganisedShare,
            as_of,
            Dimension::District,
            (SortBy::Numerator, false),
            Lang::En,
        );
        let total = rows.last().expect("a total row");
        assert_eq!(total[0], "Whole city");
        let evaluation = crate::domain::indicator::measure(&ws, Indicator::ReorganisedShare, as_of);
        if let Some(crate::domain::indicator::Observation::Share {
            numerator,
            denominator,
        }) = evaluation.observation
        {
            assert_eq!(total[1], format_number(numerator, 0, Lang::En));
            assert_eq!(total[2], format_number(denominator, 0, Lang::En));
        }
        // Sorted by numerator, descending.
        let numerators: Vec<f64> = rows[..rows.len() - 1]
            .iter()
            .map(|r| r[1].replace(',', "").parse().unwrap_or(0.0))
            .collect();
        assert!(numerators.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn a_card_shows_the_status_in_words_and_links_to_its_page() {
        let ws = synthetic_workspace(40, 3);
        let as_of = day(2019, 7, 31);
        let evaluations = evaluate_all(&ws, as_of);
        let card = TargetCard::new(&ws.plan.targets[0], &evaluations[0], as_of, Lang::En);
        let status = evaluations[0].status;
        assert_eq!(card.status, status);
        assert_eq!(card.status_label, status.label(Lang::En));
        assert_eq!(card.more.0, "/targets/T1");
        let bar = card.bar.expect("T1, a share, has a bar");
        assert!(bar.label.starts_with("Value "), "{}", bar.label);
    }

    #[test]
    fn the_data_checks_count_units_by_kind_and_place_each_finding() {
        let mut ws = synthetic_workspace(12, 2);
        ws.units[0].name = String::new();
        let checks = data_checks(&ws, 3, Lang::Vi);
        assert_eq!(
            checks.counts.len(),
            crate::domain::unit::UnitKind::ALL.len()
        );
        let total: usize = checks
            .counts
            .iter()
            .map(|(_, n)| n.parse::<usize>().unwrap_or(0))
            .sum();
        assert_eq!(total, 12);
        assert!(checks.summary.contains(" lỗi · "), "{}", checks.summary);
        assert!(checks.issues.len() <= 3);
        let first = checks.issues.first().expect("the unnamed unit is an error");
        assert!(first.error);
        assert_eq!(first.word, "Lỗi");
        assert!(first.text.starts_with(" · "), "{first:?}");
        let en = data_checks(&ws, 3, Lang::En);
        assert!(en.summary.contains(" errors · "), "{}", en.summary);
        assert_eq!(en.issues[0].word, "Error");
    }

    #[test]
    fn drill_down_lists_only_gaps_when_asked() {
        let ws = synthetic_workspace(120, 5);
        let as_of = day(2019, 7, 31);
        let all = drill_down(&ws, Indicator::ReorganisedShare, as_of, false, 10, Lang::Vi);
        let gaps = drill_down(&ws, Indicator::ReorganisedShare, as_of, true, 10, Lang::Vi);
        assert!(
            gaps.matched < all.matched && gaps.matched > 0,
            "gaps {} of {}",
            gaps.matched,
            all.matched
        );
        assert!(gaps.rows.iter().all(|r| r.href.starts_with("/units/")));
        assert!(gaps.rows.len() <= 10);
        assert_eq!(gaps.headers.len(), 5);
        // A gap: fewer reorganised than required.
        for row in &gaps.rows {
            let (n, d) = (&row.numerator, row.denominator.as_ref().expect("a share"));
            assert!(n.parse::<f64>().ok() < d.parse::<f64>().ok(), "{row:?}");
        }
    }
}
