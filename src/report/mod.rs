//! Read-only pages written as HTML text: the progress report, a target's
//! breakdowns and drill-down, and a unit's record sheet. Plain functions of
//! the workspace, tested natively; the app shows their output as is
//! ([`crate::html`] says why).

use chrono::{Datelike, NaiveDate};

use crate::format::{format_date, format_decimal, format_number};
use crate::html::{table, Html};
use crate::i18n::Lang;
use crate::indicator::{
    breakdown, contributions, BreakdownRow, Dimension, Engine, Evaluation, CITY_LEVEL_KEY,
};
use crate::plan::{Indicator, Plan, Target};
use crate::small_sort::{sort_small_by, sort_small_by_key};
use crate::unit::{ManagerRole, OperatingStatus, Qualification, Unit};
pub mod plan_summary;
pub mod target_card;

pub use plan_summary::PlanSummary;
pub use target_card::{ProgressBar, TargetCard};

use crate::wording::{comment_text, deadline_text, format_value, target_text, value_text};
use crate::workspace::Workspace;

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
    sort_small_by(&mut rows, |a, b| {
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

/// The units behind an indicator, gaps first if `gaps_only`: a link to each
/// unit's record, its kind, district and tallies. At most `limit` rows;
/// returns the HTML and how many units matched.
pub fn drill_down_html(
    ws: &Workspace,
    indicator: Indicator,
    as_of: NaiveDate,
    gaps_only: bool,
    limit: usize,
    lang: Lang,
) -> (String, usize) {
    let all = contributions(ws, indicator, as_of);
    let (numerator_name, denominator_name) = tally_names(indicator, lang);
    let shown: Vec<_> = all
        .iter()
        .filter(|c| {
            !gaps_only || denominator_name.is_none() || c.tally.numerator < c.tally.denominator
        })
        .collect();
    let mut html = Html::new();
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[]);
    html.element(
        "caption",
        &[],
        lang.pick("Các đơn vị phía sau con số", "The units behind the figure"),
    );
    html.open("thead", &[]).open("tr", &[]);
    for header in [
        lang.pick("Đơn vị", "Unit"),
        lang.pick("Loại", "Kind"),
        lang.pick("Quận, huyện", "District"),
        numerator_name,
    ]
    .into_iter()
    .chain(denominator_name)
    {
        html.element("th", &[("scope", Some("col"))], header);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for c in shown.iter().take(limit) {
        let Some(unit) = ws.units.get(c.unit_index) else {
            continue;
        };
        let href = format!("/units/{}", crate::route::percent_encode(&unit.id));
        html.open("tr", &[])
            .open("th", &[("scope", Some("row"))])
            .element("a", &[("href", Some(&href))], &unit.name)
            .close("th");
        html.element("td", &[], unit.kind.abbreviation())
            .element("td", &[], &unit.district);
        html.element(
            "td",
            &[("class", Some("num"))],
            &format_number(c.tally.numerator, 0, lang),
        );
        if denominator_name.is_some() {
            html.element(
                "td",
                &[("class", Some("num"))],
                &format_number(c.tally.denominator, 0, lang),
            );
        }
        html.close("tr");
    }
    html.close("tbody").close("table").close("div");
    (html.into_string(), shown.len())
}

fn breakdown_matrix(
    html: &mut Html,
    engine: &Engine,
    ws: &Workspace,
    as_of: NaiveDate,
    by: Dimension,
    lang: Lang,
) {
    let targets: Vec<&Target> = ws
        .plan
        .targets
        .iter()
        .filter(|t| BROKEN_DOWN.contains(&t.indicator))
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
    sort_small_by(&mut keys, |a, b| a.cmp(b));
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
    let numeric: Vec<usize> = (1..=targets.len()).collect();
    let caption = match by {
        Dimension::District => lang.pick("Theo quận, huyện", "By district"),
        Dimension::Sector => lang.pick("Theo lĩnh vực", "By sector"),
    };
    table(
        html,
        Some("report-breakdown"),
        Some(caption),
        &header,
        &rows,
        &numeric,
    );
}

/// The progress report: the plan's identity, the as-of date, every target
/// with value, status and comment, the breakdowns and the tasks.
pub fn progress_report_html(
    ws: &Workspace,
    evaluations: &[Evaluation],
    as_of: NaiveDate,
    generated_on: NaiveDate,
    lang: Lang,
) -> String {
    let plan = &ws.plan;
    let mut html = Html::new();
    html.open("header", &[("class", Some("report-head"))]);
    html.element("p", &[("class", Some("issuer"))], &plan.identity.issuer);
    html.element(
        "h1",
        &[("id", Some("report-title"))],
        &format!(
            "{} {}",
            lang.pick(
                "Báo cáo tiến độ thực hiện Kế hoạch",
                "Progress report on Plan"
            ),
            plan.identity.number
        ),
    );
    html.element(
        "p",
        &[("class", Some("lead"))],
        plan.identity.title.get(lang),
    );
    html.open("dl", &[("class", Some("identity"))]);
    let period = format!("{}–{}", plan.start_year, plan.end_year);
    for (term, value) in [
        (
            lang.pick("Ngày ban hành", "Issued"),
            format_date(plan.identity.issued, lang),
        ),
        (lang.pick("Giai đoạn", "Period"), period),
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
    ] {
        html.open("div", &[])
            .element("dt", &[], term)
            .element("dd", &[], &value)
            .close("div");
    }
    html.close("dl");
    if ws.illustrative {
        html.element(
            "p",
            &[("class", Some("illustrative-note"))],
            lang.pick(
                "Số liệu minh họa, không phải số liệu thật.",
                "Illustrative data, not real figures.",
            ),
        );
    }
    html.close("header");

    html.element("h2", &[], lang.pick("Các chỉ tiêu", "Targets"));
    table(
        &mut html,
        Some("report-targets"),
        None,
        &target_table_header(lang),
        &target_table_rows(ws, evaluations, as_of, lang),
        &[2],
    );

    html.element("h2", &[], lang.pick("Phân tổ", "Breakdowns"));
    // One engine for all twelve breakdowns: the units are indexed once.
    let engine = Engine::new(ws);
    breakdown_matrix(&mut html, &engine, ws, as_of, Dimension::District, lang);
    breakdown_matrix(&mut html, &engine, ws, as_of, Dimension::Sector, lang);

    html.element("h2", &[], lang.pick("Nhiệm vụ", "Tasks"));
    let rows: Vec<Vec<String>> = plan
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
    table(&mut html, Some("report-tasks"), None, &header, &rows, &[]);
    html.into_string()
}

/// One target's card: value, target, deadline and status — the status as a
/// word and an icon, never by colour alone — with a progress bar whose
/// label says the value and the target in words. `linked`: on the
/// dashboard the card leads to the target's own page.
/// A target's value by year as a chart (SVG, caption and table), with its
/// target line (none for "rising each year") and deadline.
pub fn trend_chart_html(w: &Workspace, target: &Target, lang: Lang) -> String {
    let indicator = target.indicator;
    let points = crate::indicator::Engine::new(w).trend(indicator);
    let format = |v: f64| crate::wording::format_value(indicator, v, lang);
    let title = format!(
        "{} · {} — {}",
        target.id,
        target.title.get(lang),
        lang.pick("diễn biến theo năm", "by year")
    );
    crate::chart::TrendChart {
        id: &format!("trend-{}", target.id),
        title: &title,
        points: &points,
        target: (target.comparator != crate::plan::Comparator::RisingEachYear)
            .then_some(target.value),
        deadline_year: target.deadline.year(),
        format: &format,
        whole: indicator == crate::plan::Indicator::ExemplaryCount,
        lang,
    }
    .to_html()
}

pub fn target_card_html(
    html: &mut Html,
    target: &Target,
    evaluation: &Evaluation,
    as_of: NaiveDate,
    lang: Lang,
    linked: bool,
) {
    let card = TargetCard::new(target, evaluation, as_of, lang);
    let title_id = format!("target-{}-title", card.id);
    let class = format!("target-card status-{}", card.status.key());
    html.open(
        "article",
        &[
            ("class", Some(&class)),
            ("data-target-id", Some(&card.id)),
            ("aria-labelledby", Some(&title_id)),
        ],
    );
    html.open("h2", &[("id", Some(&title_id))]).element(
        "span",
        &[("class", Some("target-id"))],
        &card.id,
    );
    html.text(" · ").text(&card.title).close("h2");
    html.open(
        "p",
        &[
            ("class", Some("status")),
            ("data-status", Some(card.status.key())),
        ],
    );
    html.element(
        "span",
        &[
            ("class", Some("status-icon")),
            ("aria-hidden", Some("true")),
        ],
        card.status.icon(),
    );
    html.text(" ").text(card.status_label).close("p");
    html.open("dl", &[("class", Some("figures"))]);
    for (index, (term, text)) in card.figures.iter().enumerate() {
        html.open("div", &[])
            .element("dt", &[], term)
            .element("dd", &[("class", (index == 0).then_some("value"))], text)
            .close("div");
    }
    html.close("dl");
    if let Some(detail) = &card.detail {
        html.element("p", &[("class", Some("detail"))], detail);
    }
    if let Some(slipped) = &card.slipped {
        html.element("p", &[("class", Some("slipped"))], slipped);
    }
    if let Some(bar) = &card.bar {
        // An SVG rather than `style` attributes, which the page's
        // Content-Security-Policy (no inline style) would refuse.
        let fill = format!("{:.1}", bar.fill);
        let mark = format!("{:.1}", bar.mark);
        html.open(
            "svg",
            &[
                ("class", Some("progress")),
                ("viewBox", Some("0 0 100 10")),
                ("preserveAspectRatio", Some("none")),
                ("role", Some("img")),
                ("aria-label", Some(&bar.label)),
            ],
        );
        html.open(
            "rect",
            &[
                ("class", Some("progress-track")),
                ("width", Some("100")),
                ("height", Some("10")),
            ],
        )
        .close("rect");
        html.open(
            "rect",
            &[
                ("class", Some("progress-fill")),
                ("width", Some(&fill)),
                ("height", Some("10")),
            ],
        )
        .close("rect");
        html.void(
            "line",
            &[
                ("class", Some("progress-target")),
                ("x1", Some(&mark)),
                ("x2", Some(&mark)),
                ("y1", Some("-4")),
                ("y2", Some("14")),
                ("vector-effect", Some("non-scaling-stroke")),
            ],
        )
        .close("line");
        html.close("svg");
    }
    html.element(
        "p",
        &[("class", Some("wording")), ("lang", Some("vi"))],
        &card.wording,
    );
    if linked {
        html.open("p", &[("class", Some("more"))])
            .element("a", &[("href", Some(&card.more.0))], &card.more.1)
            .close("p");
    }
    html.close("article");
}

/// The data page's summary: counts by kind and every validation finding
/// (the first `issues_shown`) with its place. The units themselves are in
/// [`crate::unit_table`].
pub fn data_checks_html(ws: &Workspace, issues_shown: usize, lang: Lang) -> String {
    let mut html = Html::new();
    html.open("dl", &[("class", Some("counts"))]);
    for kind in crate::unit::UnitKind::ALL {
        let count = ws.units.iter().filter(|u| u.kind == kind).count();
        html.open("div", &[])
            .element("dt", &[], kind.abbreviation())
            .element("dd", &[], &format_number(count as f64, 0, lang))
            .close("div");
    }
    html.close("dl");
    let report = crate::validation::validate_workspace(ws);
    html.element("h2", &[], lang.pick("Kiểm tra dữ liệu", "Data checks"));
    let summary = format!(
        "{} {} · {} {}",
        format_number(report.errors().count() as f64, 0, lang),
        lang.pick("lỗi", "errors"),
        format_number(report.warnings().count() as f64, 0, lang),
        lang.pick("cảnh báo", "warnings"),
    );
    html.element("p", &[], &summary);
    html.open("ul", &[("class", Some("issues"))]);
    for issue in report.issues.iter().take(issues_shown) {
        let (class, word) = if issue.is_error() {
            ("issue issue-error", lang.pick("Lỗi", "Error"))
        } else {
            ("issue issue-warning", lang.pick("Cảnh báo", "Warning"))
        };
        html.open("li", &[("class", Some(class))])
            .element("strong", &[], word);
        html.text(&format!(
            " · {}: {}",
            issue.location.describe(lang),
            issue.message.get(lang)
        ))
        .close("li");
    }
    html.close("ul");
    html.into_string()
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

/// A unit's record as stored: identity, status history, yearly records and
/// key managers.
pub fn unit_sheet_html(plan: &Plan, unit: &Unit, lang: Lang) -> String {
    let date = |d: Option<NaiveDate>| d.map_or("—".to_owned(), |d| format_date(d, lang));
    let amount = |a: &Option<crate::decimal::Decimal>| {
        a.as_ref()
            .map_or("—".to_owned(), |a| format_decimal(a, lang))
    };
    let count = |c: Option<i64>| c.map_or("—".to_owned(), |c| format_number(c as f64, 0, lang));
    let sector = plan
        .sector(&unit.sector)
        .map_or(unit.sector.clone(), |s| s.name.get(lang).to_owned());
    let reorganised = if unit.reorganisation.required {
        date(unit.reorganisation.completed_on)
    } else {
        lang.pick("Không phải", "Not required").to_owned()
    };
    let mut html = Html::new();
    html.element("h1", &[("id", Some("unit-title"))], &unit.name);
    html.open("dl", &[("class", Some("identity"))]);
    for (term, value) in [
        (
            lang.pick("Loại", "Kind"),
            unit.kind.abbreviation().to_owned(),
        ),
        (
            lang.pick("Mã số", "Registration code"),
            unit.registration_code.clone(),
        ),
        (lang.pick("Quận, huyện", "District"), unit.district.clone()),
        (lang.pick("Lĩnh vực", "Sector"), sector),
        (lang.pick("Thành lập", "Founded"), date(unit.founded)),
        (
            lang.pick(
                "Tổ chức lại theo Luật 2012",
                "Reorganised under the 2012 law",
            ),
            reorganised,
        ),
    ] {
        html.open("div", &[])
            .element("dt", &[], term)
            .element("dd", &[], &value)
            .close("div");
    }
    html.close("dl");
    html.element("h2", &[], lang.pick("Tình trạng", "Status"));
    if unit.status_history.is_empty() {
        html.element(
            "p",
            &[],
            lang.pick("Hoạt động từ khi thành lập.", "Active since founding."),
        );
    } else {
        html.open("ul", &[]);
        for change in &unit.status_history {
            let line = format!(
                "{} {} {}",
                status_label(change.status, lang),
                lang.pick("từ", "from"),
                format_date(change.since, lang)
            );
            html.element("li", &[], &line);
        }
        html.close("ul");
    }
    html.element("h2", &[], lang.pick("Số liệu theo năm", "Yearly records"));
    let mut years: Vec<_> = unit.years.iter().collect();
    sort_small_by_key(&mut years, |r| r.year);
    if years.is_empty() {
        html.element(
            "p",
            &[],
            lang.pick("Chưa có số liệu năm nào.", "No yearly record yet."),
        );
    }
    for record in years {
        html.open("section", &[("class", Some("record"))]);
        html.element(
            "h3",
            &[],
            &format!("{} {}", lang.pick("Năm", "Year"), record.year),
        );
        html.open("dl", &[("class", Some("identity"))]);
        for (term, value) in [
            (lang.pick("Thành viên", "Members"), count(record.members)),
            (
                lang.pick("Lao động thường xuyên", "Regular workers"),
                count(record.regular_workers),
            ),
            (
                lang.pick("Doanh thu (tr.đ)", "Revenue (m VND)"),
                amount(&record.revenue),
            ),
            (
                lang.pick("Lợi nhuận trước thuế (tr.đ)", "Pre-tax profit (m VND)"),
                amount(&record.pre_tax_profit),
            ),
            (
                lang.pick("Giá trị gia tăng (tr.đ)", "Value added (m VND)"),
                amount(&record.value_added),
            ),
            (
                lang.pick("Cán bộ, lao động / được bồi dưỡng", "Staff / coached"),
                format!("{} / {}", count(record.staff), count(record.staff_trained)),
            ),
        ] {
            html.open("div", &[])
                .element("dt", &[], term)
                .element("dd", &[], &value)
                .close("div");
        }
        html.close("dl");
        let rows: Vec<Vec<String>> = record
            .key_managers
            .iter()
            .map(|m| {
                vec![
                    role_label(m.role, lang).to_owned(),
                    qualification_label(m.qualification, lang).to_owned(),
                    if m.trained {
                        lang.pick("Đã đào tạo", "Trained")
                    } else {
                        lang.pick("Chưa đào tạo", "Not trained")
                    }
                    .to_owned(),
                ]
            })
            .collect();
        let header = [
            lang.pick("Cán bộ quản lý chủ chốt", "Key manager"),
            lang.pick("Trình độ", "Qualification"),
            lang.pick("Đào tạo", "Training"),
        ];
        table(&mut html, None, None, &header, &rows, &[]);
        html.close("section");
    }
    html.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::synthetic_workspace;
    use crate::indicator::evaluate_all;

    #[test]
    fn a_hostile_target_id_stays_text_in_cards_charts_and_links() {
        let mut ws = synthetic_workspace(3, 1);
        ws.plan.targets[0].id = "\"><img src=x onerror=alert(1)>".to_owned();
        let as_of = day(2019, 6, 30);
        let evaluations = evaluate_all(&ws, as_of);
        let target = &ws.plan.targets[0];
        let mut card = Html::new();
        target_card_html(&mut card, target, &evaluations[0], as_of, Lang::Vi, true);
        let chart = trend_chart_html(&ws, target, Lang::En);
        for html in [card.as_str(), chart.as_str()] {
            assert!(!html.contains("<img"), "{html}");
            assert!(html.contains("&quot;&gt;&lt;img"), "{html}");
        }
        assert!(card
            .as_str()
            .contains("href=\"/targets/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E\""));
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn the_report_has_every_target_and_task() {
        let ws = synthetic_workspace(50, 1);
        let as_of = day(2019, 7, 31);
        let html = progress_report_html(
            &ws,
            &evaluate_all(&ws, as_of),
            as_of,
            day(2026, 11, 26),
            Lang::Vi,
        );
        for target in &ws.plan.targets {
            assert!(
                html.contains(&format!("<th scope=\"row\">{}</th>", target.id)),
                "{} missing",
                target.id
            );
        }
        assert!(html.contains("Sở Tài chính"));
        assert!(html.contains("31/07/2019") && html.contains("26/11/2026"));
        assert!(html.contains("Theo quận, huyện") && html.contains("Theo lĩnh vực"));
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
        let evaluation = crate::indicator::measure(&ws, Indicator::ReorganisedShare, as_of);
        if let Some(crate::indicator::Observation::Share {
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
        let mut html = Html::new();
        target_card_html(
            &mut html,
            &ws.plan.targets[0],
            &evaluations[0],
            as_of,
            Lang::En,
            true,
        );
        let html = html.into_string();
        let status = evaluations[0].status;
        assert!(html.contains(&format!("data-status=\"{}\"", status.key())));
        assert!(html.contains(status.label(Lang::En)));
        assert!(html.contains("href=\"/targets/T1\""));
        assert!(html.contains("role=\"img\" aria-label=\"Value "));
    }

    #[test]
    fn a_unit_sheet_escapes_what_users_typed() {
        let plan = Plan::hai_phong_135();
        let unit = Unit::new("u1", "HTX <b>Đông</b> & Tây", crate::unit::UnitKind::Htx);
        let html = unit_sheet_html(&plan, &unit, Lang::Vi);
        assert!(html.contains("HTX &lt;b&gt;Đông&lt;/b&gt; &amp; Tây"));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn drill_down_lists_only_gaps_when_asked() {
        let ws = synthetic_workspace(120, 5);
        let as_of = day(2019, 7, 31);
        let (_, all) =
            drill_down_html(&ws, Indicator::ReorganisedShare, as_of, false, 10, Lang::Vi);
        let (html, gaps) =
            drill_down_html(&ws, Indicator::ReorganisedShare, as_of, true, 10, Lang::Vi);
        assert!(gaps < all && gaps > 0, "gaps {gaps} of {all}");
        assert!(html.contains("href=\"/units/"));
        assert!(html.matches("<tr>").count() <= 11);
    }
}
