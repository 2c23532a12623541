//! Validation of what users enter (DESIGN.md §3): errors block saving,
//! warnings are saved and shown.
//!
//! Every [`Issue`] is located (unit, year, field, key manager) so the UI can
//! put its message beside the field, and carries its message in Vietnamese
//! and English. This module only reads data: it never changes or repairs a
//! unit, and it never panics on user data. [`validate_workspace`] is linear in
//! the number of units and records (registration codes are matched through a
//! hash map), so a workspace of tens of thousands of units checks at once.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::domain::decimal::Decimal;
use crate::domain::plan::Plan;
use crate::domain::unit::{ManagerRole, OperatingStatus, Unit, UnitKind, YearRecord};
use crate::domain::workspace::{CityYear, Workspace};
use crate::i18n::{Lang, Text};

/// The first year any date or record may fall in.
pub const EARLIEST_YEAR: i32 = 1990;
/// The last year any date or record may fall in.
pub const LATEST_YEAR: i32 = 2100;

/// Revenue at least this many times the previous year's is flagged.
const REVENUE_JUMP_FACTOR: &str = "10";

/// The first year a founding date may fall in. Many agricultural cooperatives
/// of Hải Phòng date from the 1960s–80s — exactly the ones Law 23/2012's
/// transitional provision asks to reorganise — so founding dates reach further back than
/// the 1990–2100 window of records and events.
pub const EARLIEST_FOUNDING_YEAR: i32 = 1900;

/// Whether a year is within [`EARLIEST_YEAR`]–[`LATEST_YEAR`], both included.
pub fn year_in_range(year: i32) -> bool {
    (EARLIEST_YEAR..=LATEST_YEAR).contains(&year)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The data cannot be saved until it is fixed.
    Error,
    /// Unusual but possible: saved, and shown.
    Warning,
}

/// Where an issue is: which unit (none for city-level data), which year,
/// which field and, for key managers, which one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub unit_id: Option<String>,
    pub unit_name: Option<String>,
    pub year: Option<i32>,
    /// The serde name of the field ("staff_trained").
    pub field: &'static str,
    /// The index in the year's `key_managers`.
    pub manager: Option<usize>,
    /// The whole path, for a place outside the units and city years ("kế
    /// hoạch › mục tiêu 3 (T3) › thời hạn"): see [`crate::files::document_check`].
    pub place: Option<Text>,
}

impl Location {
    pub(crate) fn unit(unit: &Unit, field: &'static str) -> Self {
        Location {
            unit_id: Some(unit.id.clone()),
            unit_name: Some(unit.name.clone()),
            year: None,
            field,
            manager: None,
            place: None,
        }
    }

    fn unit_year(unit: &Unit, year: i32, field: &'static str) -> Self {
        Location {
            year: Some(year),
            ..Location::unit(unit, field)
        }
    }

    fn city(year: i32, field: &'static str) -> Self {
        Location {
            unit_id: None,
            unit_name: None,
            year: Some(year),
            field,
            manager: None,
            place: None,
        }
    }

    /// A place in the document outside the units and city years, described
    /// by `place` in both languages; `field` is the stored field's name.
    pub fn document(place: Text, field: &'static str) -> Self {
        Location {
            unit_id: None,
            unit_name: None,
            year: None,
            field,
            manager: None,
            place: Some(place),
        }
    }

    /// A human path to the place: "HTX Đông Hải › 2019 › Cán bộ được bồi
    /// dưỡng"; city-level data starts with "Thành phố" / "City".
    pub fn describe(&self, lang: Lang) -> String {
        if let Some(place) = &self.place {
            return place.get(lang).to_owned();
        }
        let mut parts: Vec<String> = Vec::with_capacity(4);
        match (&self.unit_id, &self.unit_name) {
            (_, Some(name)) if !name.trim().is_empty() => parts.push(name.trim().to_owned()),
            (Some(_), _) | (None, Some(_)) => {
                parts.push(lang.pick("(chưa có tên)", "(unnamed)").to_owned())
            }
            (None, None) => parts.push(lang.pick("Thành phố", "City").to_owned()),
        }
        if let Some(year) = self.year {
            parts.push(year.to_string());
        }
        match self.manager {
            Some(index) => parts.push(match lang {
                Lang::Vi => format!("Cán bộ quản lý chủ chốt số {}", index + 1),
                Lang::En => format!("Key manager {}", index + 1),
            }),
            None => parts.push(field_label(self.field, lang).to_owned()),
        }
        parts.join(" › ")
    }
}

/// The label of a field, as the forms show it. An unknown field name is
/// returned unchanged.
pub fn field_label(field: &str, lang: Lang) -> &str {
    let (vi, en) = match field {
        "id" => ("Mã nội bộ", "Internal id"),
        "name" => ("Tên đơn vị", "Name"),
        "registration_code" => ("Mã số HTX", "Registration code"),
        "sector" => ("Lĩnh vực", "Sector"),
        "district" => ("Quận, huyện", "District"),
        "commune" => ("Xã, phường", "Commune"),
        "founded" => ("Ngày thành lập", "Founding date"),
        "reorganisation" => ("Chuyển đổi, tổ chức lại", "Reorganisation"),
        "status_history" => ("Tình trạng hoạt động", "Operating status"),
        "recognitions" => ("Công nhận điển hình tiên tiến", "Exemplary recognition"),
        "year" => ("Năm", "Year"),
        "members" => ("Số thành viên", "Members"),
        "regular_workers" => ("Số lao động thường xuyên", "Regular workers"),
        "charter_capital" => ("Vốn điều lệ", "Charter capital"),
        "total_capital" => ("Tổng nguồn vốn", "Total capital"),
        "indivisible_assets" => ("Tài sản không chia", "Indivisible assets"),
        "revenue" => ("Doanh thu", "Revenue"),
        "pre_tax_profit" => ("Lợi nhuận trước thuế", "Pre-tax profit"),
        "value_added" => ("Giá trị tăng thêm", "Value added"),
        "average_worker_income" => ("Thu nhập bình quân của lao động", "Average worker income"),
        "staff" => ("Số cán bộ chuyên môn, người lao động", "Staff"),
        "staff_trained" => ("Số cán bộ được bồi dưỡng", "Staff trained"),
        "development_fund" => ("Quỹ đầu tư phát triển", "Development fund"),
        "reserve_fund" => ("Quỹ dự phòng tài chính", "Reserve fund"),
        "non_member_supply_percent" => (
            "Tỷ lệ cung ứng cho ngoài thành viên",
            "Supply to non-members",
        ),
        "key_managers" => ("Cán bộ quản lý chủ chốt", "Key managers"),
        "grdp_current_prices" => ("GRDP theo giá hiện hành", "GRDP at current prices"),
        "extra_collective_value_added" => (
            "Giá trị tăng thêm KTTT ngoài các đơn vị",
            "Other collective-economy value added",
        ),
        _ => return field,
    };
    lang.pick(vi, en)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    pub location: Location,
    pub message: Text,
}

impl Issue {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The issue as one line: its place, then what is wrong there
    /// ("unit 12 (htx-12) › members: …").
    pub fn describe(&self, lang: Lang) -> String {
        format!(
            "{}: {}",
            self.location.describe(lang),
            self.message.get(lang)
        )
    }
}

/// All the issues found, in the order of the data (unit by unit, then city
/// years).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub issues: Vec<Issue>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Issue> + '_ {
        self.issues
            .iter()
            .filter(|issue| issue.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Issue> + '_ {
        self.issues
            .iter()
            .filter(|issue| issue.severity == Severity::Warning)
    }

    /// Whether anything blocks saving.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(Issue::is_error)
    }

    /// No errors and no warnings.
    pub fn is_clean(&self) -> bool {
        self.issues.is_empty()
    }

    /// The issues of one unit.
    pub fn for_unit<'a>(&'a self, unit_id: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues
            .iter()
            .filter(move |issue| issue.location.unit_id.as_deref() == Some(unit_id))
    }

    pub(crate) fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }

    fn error(&mut self, location: Location, vi: String, en: String) {
        self.issues.push(Issue {
            severity: Severity::Error,
            location,
            message: Text::new(vi, en),
        });
    }

    fn warning(&mut self, location: Location, vi: String, en: String) {
        self.issues.push(Issue {
            severity: Severity::Warning,
            location,
            message: Text::new(vi, en),
        });
    }
}

/// Checks the whole workspace: every unit (including registration codes
/// shared between units, and district and sector against the plan's lists)
/// and every city year (including a year entered twice).
pub fn validate_workspace(ws: &Workspace) -> Report {
    let mut checker = Checker::default();
    checker.step(ws, usize::MAX);
    checker.finish(ws)
}

/// [`validate_workspace`] a slice at a time, for a big workspace checked
/// between other work: each [`Checker::step`] looks at a bounded number of
/// units, and [`Checker::finish`] gives the same report.
#[derive(Default)]
pub struct Checker {
    /// Units looked at: each twice, once to group registration codes (so
    /// that even one code shared by every unit stays linear), once to
    /// check it.
    pub done: usize,
    codes: HashMap<String, CodeUse>,
    report: Report,
}

impl Checker {
    /// Looks at up to `count` more units of `ws` (which must not change
    /// between steps); whether every unit has been checked.
    pub fn step(&mut self, ws: &Workspace, count: usize) -> bool {
        let units = ws.units.len();
        let end = self.done.saturating_add(count).min(2 * units);
        let lists = PlanLists::new(&ws.plan);
        for position in self.done..end {
            let index = position % units.max(1);
            let Some(unit) = ws.units.get(index) else {
                break;
            };
            let code = normalised_code(&unit.registration_code);
            if position < units {
                if let Some(code) = code {
                    self.codes
                        .entry(code)
                        .and_modify(|uses| {
                            uses.count += 1;
                            if uses.second.is_none() {
                                uses.second = Some(index);
                            }
                        })
                        .or_insert(CodeUse {
                            first: index,
                            second: None,
                            count: 1,
                        });
                }
                continue;
            }
            let duplicate = code
                .and_then(|code| self.codes.get(&code))
                .filter(|uses| uses.count > 1)
                .and_then(|uses| {
                    let other = if uses.first == index {
                        uses.second?
                    } else {
                        uses.first
                    };
                    let other = ws.units.get(other)?;
                    Some(SharedCode {
                        other_name: &other.name,
                        other_count: uses.count - 1,
                    })
                });
            check_unit(unit, duplicate, Some(&lists), &mut self.report);
        }
        self.done = end;
        end == 2 * units
    }

    /// The report, with the city years checked (they are few).
    pub fn finish(mut self, ws: &Workspace) -> Report {
        let report = &mut self.report;
        let mut seen_years: HashSet<i32> = HashSet::with_capacity(ws.city_years.len());
        for city in &ws.city_years {
            if !seen_years.insert(city.year) {
                report.error(
                    Location::city(city.year, "year"),
                    format!(
                        "Năm {} đã có số liệu của thành phố; mỗi năm chỉ nhập một lần.",
                        city.year
                    ),
                    format!(
                        "There is already a city record for {}; enter each year once.",
                        city.year
                    ),
                );
            }
            check_city_year(city, report);
        }
        crate::files::document_check::check_parts(ws, report);
        self.report
    }
}

/// Checks one unit on its own, and its registration code against `others`
/// (the rest of the workspace; the unit itself, matched by id, is skipped).
/// District and sector need the plan: see [`validate_unit_in_workspace`].
pub fn validate_unit(unit: &Unit, others: &[Unit]) -> Report {
    let mut report = Report::default();
    let duplicate = shared_code(unit, others);
    check_unit(unit, duplicate, None, &mut report);
    report
}

/// Checks a unit's district and sector against the plan's lists (warnings).
pub fn validate_unit_in_plan(unit: &Unit, plan: &Plan) -> Report {
    let mut report = Report::default();
    check_plan_lists(unit, &PlanLists::new(plan), &mut report);
    report
}

/// Everything [`validate_workspace`] would say about `unit` (a draft from a
/// form, or a unit already in `ws`), without checking the rest of the
/// workspace.
pub fn validate_unit_in_workspace(unit: &Unit, ws: &Workspace) -> Report {
    let mut report = Report::default();
    let duplicate = shared_code(unit, &ws.units);
    check_unit(
        unit,
        duplicate,
        Some(&PlanLists::new(&ws.plan)),
        &mut report,
    );
    report
}

/// Checks one city year on its own.
pub fn validate_city_year(c: &CityYear) -> Report {
    let mut report = Report::default();
    check_city_year(c, &mut report);
    report
}

/// How often a registration code is used, and by whom first.
struct CodeUse {
    first: usize,
    second: Option<usize>,
    count: usize,
}

/// Another unit uses the same registration code.
struct SharedCode<'a> {
    other_name: &'a str,
    /// How many other units use it.
    other_count: usize,
}

/// The plan's districts and sector ids, for lookups.
struct PlanLists<'a> {
    districts: HashSet<&'a str>,
    sectors: HashSet<&'a str>,
}

impl<'a> PlanLists<'a> {
    fn new(plan: &'a Plan) -> Self {
        PlanLists {
            districts: plan.districts.iter().map(String::as_str).collect(),
            sectors: plan
                .sectors
                .iter()
                .map(|sector| sector.id.as_str())
                .collect(),
        }
    }
}

/// Codes are compared trimmed and case-insensitively; an empty code is "not
/// given" and never a duplicate.
fn normalised_code(code: &str) -> Option<String> {
    let trimmed = code.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_lowercase())
}

fn shared_code<'a>(unit: &Unit, others: &'a [Unit]) -> Option<SharedCode<'a>> {
    let code = normalised_code(&unit.registration_code)?;
    let mut matching = others.iter().filter(|other| {
        other.id != unit.id && normalised_code(&other.registration_code).as_ref() == Some(&code)
    });
    let first = matching.next()?;
    Some(SharedCode {
        other_name: &first.name,
        other_count: 1 + matching.count(),
    })
}

fn check_unit(
    unit: &Unit,
    duplicate: Option<SharedCode<'_>>,
    lists: Option<&PlanLists<'_>>,
    report: &mut Report,
) {
    if unit.name.trim().is_empty() {
        report.error(
            Location::unit(unit, "name"),
            "Chưa nhập tên đơn vị.".to_owned(),
            "The name is missing.".to_owned(),
        );
    }
    if let Some(shared) = duplicate {
        let code = unit.registration_code.trim();
        let (more_vi, more_en) = if shared.other_count > 1 {
            (
                format!(" và {} đơn vị khác", shared.other_count - 1),
                format!(" and {} other units", shared.other_count - 1),
            )
        } else {
            (String::new(), String::new())
        };
        report.error(
            Location::unit(unit, "registration_code"),
            format!(
                "Mã số HTX “{code}” trùng với “{}”{more_vi}; mỗi mã số chỉ dùng cho một đơn vị.",
                shared.other_name
            ),
            format!(
                "Registration code “{code}” is also used by “{}”{more_en}; each code must be unique.",
                shared.other_name
            ),
        );
    }
    if let Some(lists) = lists {
        check_plan_lists(unit, lists, report);
    }
    check_dates(unit, report);
    check_years(unit, report);
}

fn check_plan_lists(unit: &Unit, lists: &PlanLists<'_>, report: &mut Report) {
    if unit.district.trim().is_empty() {
        report.warning(
            Location::unit(unit, "district"),
            "Chưa chọn quận, huyện.".to_owned(),
            "No district chosen.".to_owned(),
        );
    } else if !lists.districts.contains(unit.district.as_str()) {
        report.warning(
            Location::unit(unit, "district"),
            format!(
                "Quận, huyện “{}” không có trong danh sách của kế hoạch.",
                unit.district
            ),
            format!("District “{}” is not in the plan's list.", unit.district),
        );
    }
    if unit.sector.trim().is_empty() {
        report.warning(
            Location::unit(unit, "sector"),
            "Chưa chọn lĩnh vực.".to_owned(),
            "No sector chosen.".to_owned(),
        );
    } else if !lists.sectors.contains(unit.sector.as_str()) {
        report.warning(
            Location::unit(unit, "sector"),
            format!(
                "Lĩnh vực “{}” không có trong danh sách của kế hoạch.",
                unit.sector
            ),
            format!("Sector “{}” is not in the plan's list.", unit.sector),
        );
    }
}

/// Founding, reorganisation, status history and recognitions.
fn check_dates(unit: &Unit, report: &mut Report) {
    let range_vi = format!("{EARLIEST_YEAR}–{LATEST_YEAR}");
    if let Some(founded) = unit.founded {
        if !(EARLIEST_FOUNDING_YEAR..=LATEST_YEAR).contains(&founded.year()) {
            let founding_range = format!("{EARLIEST_FOUNDING_YEAR}–{LATEST_YEAR}");
            report.error(
                Location::unit(unit, "founded"),
                format!(
                    "Ngày thành lập {}: năm phải trong khoảng {founding_range}.",
                    dmy(founded)
                ),
                format!(
                    "Founding date {}: the year must be within {founding_range}.",
                    dmy(founded)
                ),
            );
        }
    }

    // Law 23/2012/QH13's transitional provision (its article number, 62 by
    // our notes, is not verified against a text we hold): cooperatives
    // founded before 01/07/2013 (the law's effective date) reorganise under it; groups (THT) are not
    // cooperatives and never do.
    let reorganisation = &unit.reorganisation;
    if reorganisation.required {
        if unit.kind == UnitKind::Tht {
            report.warning(
                Location::unit(unit, "reorganisation"),
                "Tổ hợp tác không phải tổ chức lại theo Luật Hợp tác xã 2012.".to_owned(),
                "A cooperative group (THT) does not reorganise under the 2012 Law on Cooperatives."
                    .to_owned(),
            );
        } else if let Some(founded) = unit.founded.filter(|f| *f >= law_2012_effective()) {
            report.warning(
                Location::unit(unit, "reorganisation"),
                format!(
                    "Đơn vị thành lập ngày {}, từ 01/07/2013 (ngày Luật Hợp tác xã 2012 có hiệu \
                     lực) trở đi, nên không thuộc diện tổ chức lại theo quy định chuyển tiếp của \
                     Luật (số điều chưa kiểm chứng).",
                    dmy(founded)
                ),
                format!(
                    "Founded on {}, on or after 01/07/2013 (when the 2012 Law on Cooperatives \
                     took effect): the law's transitional provision does not require it to \
                     reorganise (article number not verified).",
                    dmy(founded)
                ),
            );
        }
    }
    if let Some(completed) = reorganisation.completed_on {
        if !year_in_range(completed.year()) {
            report.error(
                Location::unit(unit, "reorganisation"),
                format!(
                    "Ngày hoàn thành tổ chức lại {}: năm phải trong khoảng {range_vi}.",
                    dmy(completed)
                ),
                format!(
                    "Reorganisation date {}: the year must be within {range_vi}.",
                    dmy(completed)
                ),
            );
        }
        if let Some(founded) = unit.founded.filter(|f| completed < *f) {
            report.error(
                Location::unit(unit, "reorganisation"),
                format!(
                    "Ngày hoàn thành tổ chức lại ({}) trước ngày thành lập ({}).",
                    dmy(completed),
                    dmy(founded)
                ),
                format!(
                    "Reorganisation completed on {}, before the founding date ({}).",
                    dmy(completed),
                    dmy(founded)
                ),
            );
        }
    }

    // The first dissolution ends the history: nothing may be dated on or
    // after it (a change on the same day would make the status ambiguous).
    let dissolution = unit
        .status_history
        .iter()
        .enumerate()
        .filter(|(_, change)| change.status == OperatingStatus::Dissolved)
        .min_by_key(|(index, change)| (change.since, *index));
    for (index, change) in unit.status_history.iter().enumerate() {
        let since = change.since;
        let location = Location::unit_year(unit, since.year(), "status_history");
        if !year_in_range(since.year()) {
            report.error(
                location.clone(),
                format!(
                    "Ngày đổi tình trạng {}: năm phải trong khoảng {range_vi}.",
                    dmy(since)
                ),
                format!(
                    "Status change on {}: the year must be within {range_vi}.",
                    dmy(since)
                ),
            );
        }
        if let Some(founded) = unit.founded.filter(|f| since < *f) {
            if change.status == OperatingStatus::Dissolved {
                report.error(
                    location.clone(),
                    format!(
                        "Ngày giải thể ({}) trước ngày thành lập ({}).",
                        dmy(since),
                        dmy(founded)
                    ),
                    format!(
                        "Dissolution date ({}) is before the founding date ({}).",
                        dmy(since),
                        dmy(founded)
                    ),
                );
            } else {
                report.error(
                    location.clone(),
                    format!(
                        "Đổi tình trạng ngày {} trước ngày thành lập ({}).",
                        dmy(since),
                        dmy(founded)
                    ),
                    format!(
                        "Status change on {} is before the founding date ({}).",
                        dmy(since),
                        dmy(founded)
                    ),
                );
            }
        }
        if let Some((dissolved_index, dissolved)) = dissolution {
            if index != dissolved_index && since >= dissolved.since {
                report.error(
                    location,
                    format!(
                        "Đổi tình trạng ngày {} không hợp lệ: đơn vị đã giải thể ngày {}, sau giải \
                         thể không còn thay đổi nào.",
                        dmy(since),
                        dmy(dissolved.since)
                    ),
                    format!(
                        "Status change on {} is not possible: the unit was dissolved on {}, and \
                         nothing follows a dissolution.",
                        dmy(since),
                        dmy(dissolved.since)
                    ),
                );
            }
        }
    }

    for recognition in &unit.recognitions {
        let location = Location::unit_year(unit, recognition.year, "recognitions");
        if !year_in_range(recognition.year) {
            report.error(
                location.clone(),
                format!(
                    "Năm công nhận {} nằm ngoài khoảng {range_vi}.",
                    recognition.year
                ),
                format!(
                    "Recognition year {} is outside {range_vi}.",
                    recognition.year
                ),
            );
        }
        if let Some(date) = recognition.date.filter(|d| !year_in_range(d.year())) {
            report.error(
                location,
                format!(
                    "Ngày quyết định {}: năm phải trong khoảng {range_vi}.",
                    dmy(date)
                ),
                format!(
                    "Decision date {}: the year must be within {range_vi}.",
                    dmy(date)
                ),
            );
        }
    }
}

/// The yearly records: each on its own, then years entered twice and
/// year-on-year jumps.
fn check_years(unit: &Unit, report: &mut Report) {
    for record in &unit.years {
        check_record(unit, record, report);
    }

    let mut order: Vec<usize> = (0..unit.years.len()).collect();
    crate::sorting::sort_by_key(&mut order, |&index| {
        (unit.years.get(index).map_or(0, |r| r.year), index)
    });
    let mut previous: Option<&YearRecord> = None;
    for record in order.iter().filter_map(|&index| unit.years.get(index)) {
        if let Some(before) = previous {
            if before.year == record.year {
                report.error(
                    Location::unit_year(unit, record.year, "year"),
                    format!(
                        "Năm {} đã có số liệu; mỗi năm chỉ nhập một lần.",
                        record.year
                    ),
                    format!(
                        "There is already a record for {}; enter each year once.",
                        record.year
                    ),
                );
                // Compare later years with the first record of this year, the
                // one the rest of the app reads.
                continue;
            }
            if before.year.checked_add(1) == Some(record.year) {
                check_revenue_jump(unit, before, record, report);
            }
        }
        previous = Some(record);
    }
}

fn check_revenue_jump(unit: &Unit, before: &YearRecord, record: &YearRecord, report: &mut Report) {
    let (Some(old), Some(new)) = (&before.revenue, &record.revenue) else {
        return;
    };
    let (old_exact, new_exact) = (Exact::of(old), Exact::of(new));
    if !old_exact.is_positive() || !new_exact.is_positive() {
        return;
    }
    let threshold = old_exact.times(REVENUE_JUMP_FACTOR);
    if new_exact.cmp_value(&threshold) == Ordering::Less {
        return;
    }
    let ratio = new.to_f64() / old.to_f64();
    let ratio_en = if ratio.is_finite() {
        format!("{ratio:.1}")
    } else {
        "10+".to_owned()
    };
    let ratio_vi = ratio_en.replace('.', ",");
    report.warning(
        Location::unit_year(unit, record.year, "revenue"),
        format!(
            "Doanh thu năm {} ({}) gấp {ratio_vi} lần năm {} ({}): tăng từ 10 lần trở lên là bất \
             thường, hãy kiểm tra lại.",
            record.year,
            vi_number(new),
            before.year,
            vi_number(old)
        ),
        format!(
            "Revenue in {} ({new}) is {ratio_en} times that of {} ({old}): a rise of 10 times or \
             more is unusual, please check.",
            record.year, before.year
        ),
    );
}

fn check_record(unit: &Unit, record: &YearRecord, report: &mut Report) {
    let year = record.year;
    let at = |field: &'static str| Location::unit_year(unit, year, field);
    if !year_in_range(year) {
        report.error(
            at("year"),
            format!("Năm {year} nằm ngoài khoảng {EARLIEST_YEAR}–{LATEST_YEAR}."),
            format!("Year {year} is outside {EARLIEST_YEAR}–{LATEST_YEAR}."),
        );
    }

    let counts = [
        ("members", record.members),
        ("regular_workers", record.regular_workers),
        ("staff", record.staff),
        ("staff_trained", record.staff_trained),
    ];
    for (field, value) in counts {
        if let Some(value) = value.filter(|v| *v < 0) {
            negative_error(report, at(field), &value.to_string(), &value.to_string());
        }
    }
    if let (Some(staff), Some(trained)) = (record.staff, record.staff_trained) {
        if staff >= 0 && trained > staff {
            report.error(
                at("staff_trained"),
                format!("Số cán bộ được bồi dưỡng ({trained}) lớn hơn tổng số cán bộ ({staff})."),
                format!("Staff trained ({trained}) is more than staff ({staff})."),
            );
        }
    }

    let amounts = [
        ("charter_capital", &record.charter_capital),
        ("total_capital", &record.total_capital),
        ("indivisible_assets", &record.indivisible_assets),
        ("revenue", &record.revenue),
        ("average_worker_income", &record.average_worker_income),
        ("development_fund", &record.development_fund),
        ("reserve_fund", &record.reserve_fund),
    ];
    for (field, value) in amounts {
        if let Some(value) = value.as_ref().filter(|v| v.is_negative()) {
            negative_error(report, at(field), &vi_number(value), value.as_str());
        }
    }

    if let Some(value_added) = &record.value_added {
        if value_added.is_negative() {
            report.warning(
                at("value_added"),
                format!(
                    "Giá trị tăng thêm âm ({}): hiếm gặp, hãy kiểm tra lại.",
                    vi_number(value_added)
                ),
                format!("Value added is negative ({value_added}): unusual, please check."),
            );
        } else if let Some(revenue) = record.revenue.as_ref().filter(|r| !r.is_negative()) {
            if Exact::of(value_added).cmp_value(&Exact::of(revenue)) == Ordering::Greater {
                report.warning(
                    at("value_added"),
                    format!(
                        "Giá trị tăng thêm ({}) lớn hơn doanh thu ({}): hiếm gặp, hãy kiểm tra lại.",
                        vi_number(value_added),
                        vi_number(revenue)
                    ),
                    format!(
                        "Value added ({value_added}) is more than revenue ({revenue}): unusual, \
                         please check."
                    ),
                );
            }
        }
    }

    if let Some(percent) = &record.non_member_supply_percent {
        let exact = Exact::of(percent);
        if exact.negative || exact.cmp_value(&Exact::hundred()) == Ordering::Greater {
            report.error(
                at("non_member_supply_percent"),
                format!(
                    "Tỷ lệ cung ứng cho ngoài thành viên phải từ 0 đến 100 % (đã nhập {}).",
                    vi_number(percent)
                ),
                format!("Supply to non-members must be between 0 and 100 % (entered {percent})."),
            );
        }
    }

    for (role, vi_role, en_role) in [
        (ManagerRole::Chair, "Chủ tịch HĐQT", "chairs"),
        (ManagerRole::Director, "Giám đốc", "directors"),
    ] {
        let mut holders = record
            .key_managers
            .iter()
            .enumerate()
            .filter(|(_, manager)| manager.role == role)
            .map(|(index, _)| index);
        let (Some(_), Some(second)) = (holders.next(), holders.next()) else {
            continue;
        };
        let count = 2 + holders.count();
        report.warning(
            Location {
                manager: Some(second),
                ..at("key_managers")
            },
            format!("Năm {year} có {count} {vi_role} trong cán bộ quản lý; thường chỉ có một."),
            format!(
                "{year} lists {count} {en_role} among the key managers; there is normally one."
            ),
        );
    }
}

fn negative_error(report: &mut Report, location: Location, vi_value: &str, en_value: &str) {
    let field = location.field;
    report.error(
        location,
        format!(
            "{} không được âm (đã nhập {vi_value}).",
            field_label(field, Lang::Vi)
        ),
        format!(
            "{} cannot be negative (entered {en_value}).",
            field_label(field, Lang::En)
        ),
    );
}

fn check_city_year(city: &CityYear, report: &mut Report) {
    let year = city.year;
    if !year_in_range(year) {
        report.error(
            Location::city(year, "year"),
            format!("Năm {year} nằm ngoài khoảng {EARLIEST_YEAR}–{LATEST_YEAR}."),
            format!("Year {year} is outside {EARLIEST_YEAR}–{LATEST_YEAR}."),
        );
    }
    if let Some(grdp) = &city.grdp_current_prices {
        if !Exact::of(grdp).is_positive() {
            report.error(
                Location::city(year, "grdp_current_prices"),
                format!(
                    "GRDP theo giá hiện hành phải lớn hơn 0 (đã nhập {}).",
                    vi_number(grdp)
                ),
                format!("GRDP at current prices must be more than 0 (entered {grdp})."),
            );
        }
    }
    if let Some(extra) = city
        .extra_collective_value_added
        .as_ref()
        .filter(|v| v.is_negative())
    {
        negative_error(
            report,
            Location::city(year, "extra_collective_value_added"),
            &vi_number(extra),
            extra.as_str(),
        );
    }
}

/// The day Law 23/2012/QH13 took effect.
fn law_2012_effective() -> NaiveDate {
    NaiveDate::from_ymd_opt(2013, 7, 1).unwrap_or(NaiveDate::MIN)
}

/// dd/mm/yyyy, as dates are shown on screen in both languages.
fn dmy(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// A decimal with the Vietnamese decimal comma.
fn vi_number(value: &Decimal) -> String {
    value.as_str().replace('.', ",")
}

/// A decimal taken apart for exact comparison: sign, integer digits without
/// leading zeros, fraction digits without trailing zeros. Zero is never
/// negative. Comparing through `f64` would call 100.0000000000000001 % fine.
#[derive(Debug, PartialEq, Eq)]
struct Exact {
    negative: bool,
    integer: String,
    fraction: String,
}

impl Exact {
    fn of(value: &Decimal) -> Self {
        Exact::parse(value.as_str())
    }

    fn parse(text: &str) -> Self {
        let text = text.trim();
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let integer = integer.trim_start_matches('0').to_owned();
        let fraction = fraction.trim_end_matches('0').to_owned();
        let is_zero = integer.is_empty() && fraction.is_empty();
        Exact {
            negative: negative && !is_zero,
            integer,
            fraction,
        }
    }

    fn hundred() -> Self {
        Exact {
            negative: false,
            integer: "100".to_owned(),
            fraction: String::new(),
        }
    }

    fn is_zero(&self) -> bool {
        self.integer.is_empty() && self.fraction.is_empty()
    }

    fn is_positive(&self) -> bool {
        !self.negative && !self.is_zero()
    }

    /// The value times a whole number of the form "1", "10", "100", …: the
    /// point moves right by the number of zeros.
    fn times(&self, power_of_ten: &str) -> Self {
        let shift = power_of_ten.len().saturating_sub(1);
        let mut digits = self.integer.clone();
        let moved: String = self.fraction.chars().take(shift).collect();
        let padding = shift.saturating_sub(moved.len());
        digits.push_str(&moved);
        digits.extend(std::iter::repeat_n('0', padding));
        let fraction: String = self.fraction.chars().skip(shift).collect();
        Exact::parse(&format!(
            "{}{digits}.{fraction}",
            if self.negative { "-" } else { "" }
        ))
    }

    fn cmp_magnitude(&self, other: &Exact) -> Ordering {
        self.integer
            .len()
            .cmp(&other.integer.len())
            .then_with(|| self.integer.cmp(&other.integer))
            // Without trailing zeros, fraction digits compare as text.
            .then_with(|| self.fraction.cmp(&other.fraction))
    }

    fn cmp_value(&self, other: &Exact) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit::{KeyManager, Qualification, Recognition, StatusChange};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn dec(text: &str) -> Decimal {
        Decimal::parse(text).expect("valid decimal")
    }

    /// A unit that raises nothing, even against the plan's lists.
    fn good_unit(id: &str) -> Unit {
        let mut unit = Unit::new(id, format!("HTX {id}"), UnitKind::Htx);
        unit.district = "Hải An".to_owned();
        unit.sector = "nong-nghiep".to_owned();
        unit.founded = Some(day(2005, 3, 1));
        unit
    }

    fn unit_with_record(record: YearRecord) -> Unit {
        let mut unit = good_unit("u1");
        unit.years.push(record);
        unit
    }

    fn record(year: i32) -> YearRecord {
        YearRecord {
            year,
            ..YearRecord::default()
        }
    }

    fn manager(role: ManagerRole) -> KeyManager {
        KeyManager {
            role,
            qualification: Qualification::College,
            trained: true,
            name: String::new(),
        }
    }

    fn issues_at<'a>(report: &'a Report, field: &str) -> Vec<&'a Issue> {
        report
            .issues
            .iter()
            .filter(|issue| issue.location.field == field)
            .collect()
    }

    /// Exactly one issue, at `field`, of `severity`; returns it.
    fn only_issue<'a>(report: &'a Report, field: &str, severity: Severity) -> &'a Issue {
        assert_eq!(
            report.issues.len(),
            1,
            "expected one issue, got {:#?}",
            report.issues
        );
        let issue = &report.issues[0];
        assert_eq!(issue.location.field, field, "{issue:#?}");
        assert_eq!(issue.severity, severity, "{issue:#?}");
        assert!(!issue.message.vi.is_empty() && !issue.message.en.is_empty());
        issue
    }

    fn check(unit: &Unit) -> Report {
        let mut ws = Workspace::new("w", "x");
        ws.units.push(unit.clone());
        validate_workspace(&ws)
    }

    #[test]
    fn the_empty_workspace_and_a_good_unit_are_clean() {
        assert!(validate_workspace(&Workspace::new("w", "x")).is_clean());
        let mut unit = good_unit("u1");
        let mut year = record(2018);
        year.members = Some(0);
        year.staff = Some(10);
        year.staff_trained = Some(10);
        year.revenue = Some(dec("100"));
        year.value_added = Some(dec("100"));
        year.pre_tax_profit = Some(dec("-20"));
        year.non_member_supply_percent = Some(dec("100"));
        year.key_managers = vec![
            manager(ManagerRole::Chair),
            manager(ManagerRole::Director),
            manager(ManagerRole::Controller),
            manager(ManagerRole::Controller),
        ];
        unit.years.push(year);
        assert!(check(&unit).is_clean(), "{:#?}", check(&unit));
    }

    #[test]
    fn negative_counts_are_errors_and_zero_is_fine() {
        for field in ["members", "regular_workers", "staff", "staff_trained"] {
            let set = |value: i64| {
                let mut year = record(2019);
                let slot = match field {
                    "members" => &mut year.members,
                    "regular_workers" => &mut year.regular_workers,
                    "staff" => &mut year.staff,
                    _ => &mut year.staff_trained,
                };
                *slot = Some(value);
                unit_with_record(year)
            };
            let report = check(&set(-1));
            let issue = only_issue(&report, field, Severity::Error);
            assert_eq!(issue.location.year, Some(2019));
            assert_eq!(issue.location.unit_id.as_deref(), Some("u1"));
            assert!(issue.message.en.contains("-1"), "{}", issue.message.en);
            assert!(check(&set(0)).is_clean(), "{field} = 0");
        }
    }

    #[test]
    fn impossible_negative_amounts_are_errors_and_profit_may_be_negative() {
        let fields = [
            "charter_capital",
            "total_capital",
            "indivisible_assets",
            "revenue",
            "average_worker_income",
            "development_fund",
            "reserve_fund",
        ];
        for field in fields {
            let set = |text: &str| {
                let mut year = record(2019);
                let slot = match field {
                    "charter_capital" => &mut year.charter_capital,
                    "total_capital" => &mut year.total_capital,
                    "indivisible_assets" => &mut year.indivisible_assets,
                    "revenue" => &mut year.revenue,
                    "average_worker_income" => &mut year.average_worker_income,
                    "development_fund" => &mut year.development_fund,
                    _ => &mut year.reserve_fund,
                };
                *slot = Some(dec(text));
                unit_with_record(year)
            };
            let report = check(&set("-0.5"));
            let issue = only_issue(&report, field, Severity::Error);
            assert_eq!(issue.location.year, Some(2019));
            assert!(issue.message.vi.contains("-0,5"), "{}", issue.message.vi);
            assert!(issue.message.en.contains("-0.5"), "{}", issue.message.en);
            assert!(check(&set("0")).is_clean(), "{field} = 0");
            assert!(check(&set("-0.00")).is_clean(), "{field} = -0.00");
        }
        let mut year = record(2019);
        year.pre_tax_profit = Some(dec("-1500"));
        assert!(check(&unit_with_record(year)).is_clean());
    }

    #[test]
    fn negative_value_added_is_a_warning() {
        let mut year = record(2019);
        year.value_added = Some(dec("-3"));
        let report = check(&unit_with_record(year));
        only_issue(&report, "value_added", Severity::Warning);
        assert!(!report.has_errors());
        let mut year = record(2019);
        year.value_added = Some(dec("0"));
        assert!(check(&unit_with_record(year)).is_clean());
    }

    #[test]
    fn staff_trained_over_staff_is_an_error_and_equal_is_fine() {
        let mut year = record(2019);
        year.staff = Some(10);
        year.staff_trained = Some(12);
        let report = check(&unit_with_record(year.clone()));
        let issue = only_issue(&report, "staff_trained", Severity::Error);
        assert_eq!(
            issue.message.vi,
            "Số cán bộ được bồi dưỡng (12) lớn hơn tổng số cán bộ (10)."
        );
        assert_eq!(
            issue.message.en,
            "Staff trained (12) is more than staff (10)."
        );
        assert_eq!(issue.location.year, Some(2019));
        year.staff_trained = Some(10);
        assert!(check(&unit_with_record(year)).is_clean());
    }

    #[test]
    fn non_member_supply_must_be_within_0_and_100() {
        let with = |text: &str| {
            let mut year = record(2019);
            year.non_member_supply_percent = Some(dec(text));
            check(&unit_with_record(year))
        };
        for bad in ["100.01", "-0.01", "100.0000000000000000001", "1000"] {
            only_issue(&with(bad), "non_member_supply_percent", Severity::Error);
        }
        for good in ["100", "100.000", "0", "-0", "99.99"] {
            assert!(with(good).is_clean(), "{good}");
        }
    }

    #[test]
    fn record_years_must_be_within_1990_and_2100() {
        for bad in [1989, 2101] {
            let report = check(&unit_with_record(record(bad)));
            let issue = only_issue(&report, "year", Severity::Error);
            assert_eq!(issue.location.year, Some(bad));
        }
        for good in [1990, 2100] {
            assert!(check(&unit_with_record(record(good))).is_clean(), "{good}");
        }
    }

    #[test]
    fn a_year_entered_twice_is_an_error() {
        let mut unit = good_unit("u1");
        unit.years = vec![record(2018), record(2019), record(2018)];
        let report = check(&unit);
        let issue = only_issue(&report, "year", Severity::Error);
        assert_eq!(issue.location.year, Some(2018));
        unit.years = vec![record(2018), record(2019)];
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn founding_year_must_be_within_1900_and_2100() {
        let mut unit = good_unit("u1");
        unit.founded = Some(day(1899, 12, 31));
        only_issue(&check(&unit), "founded", Severity::Error);
        unit.founded = Some(day(2101, 1, 1));
        only_issue(&check(&unit), "founded", Severity::Error);
        // An agricultural cooperative of the 1960s is real data.
        unit.founded = Some(day(1962, 1, 1));
        assert!(check(&unit).is_clean());
        unit.founded = Some(day(2100, 12, 31));
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn dissolution_before_founding_is_an_error_and_on_the_day_is_fine() {
        let mut unit = good_unit("u1");
        unit.status_history = vec![StatusChange {
            status: OperatingStatus::Dissolved,
            since: day(2005, 2, 28),
        }];
        let report = check(&unit);
        let issue = only_issue(&report, "status_history", Severity::Error);
        assert_eq!(issue.location.year, Some(2005));
        assert!(
            issue.message.vi.contains("28/02/2005"),
            "{}",
            issue.message.vi
        );
        assert!(
            issue.message.en.contains("Dissolution"),
            "{}",
            issue.message.en
        );
        unit.status_history[0].since = day(2005, 3, 1);
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn any_status_change_before_founding_is_an_error() {
        let mut unit = good_unit("u1");
        unit.status_history = vec![StatusChange {
            status: OperatingStatus::Inactive,
            since: day(2004, 12, 31),
        }];
        only_issue(&check(&unit), "status_history", Severity::Error);
        unit.status_history[0].since = day(2005, 3, 1);
        assert!(check(&unit).is_clean());
        // Without a founding date there is nothing to compare with.
        unit.founded = None;
        unit.status_history[0].since = day(1995, 1, 1);
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn nothing_may_follow_a_dissolution() {
        let mut unit = good_unit("u1");
        unit.status_history = vec![
            StatusChange {
                status: OperatingStatus::Active,
                since: day(2019, 1, 1),
            },
            StatusChange {
                status: OperatingStatus::Dissolved,
                since: day(2018, 9, 1),
            },
            StatusChange {
                status: OperatingStatus::Inactive,
                since: day(2016, 3, 1),
            },
        ];
        let report = check(&unit);
        let issue = only_issue(&report, "status_history", Severity::Error);
        assert_eq!(issue.location.year, Some(2019));
        // A change on the dissolution day itself is ambiguous, so also refused.
        unit.status_history[0].since = day(2018, 9, 1);
        only_issue(&check(&unit), "status_history", Severity::Error);
        // Inactive, then dissolved, is the normal path.
        unit.status_history.remove(0);
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn status_change_years_must_be_within_range() {
        let mut unit = good_unit("u1");
        unit.founded = None;
        unit.status_history = vec![StatusChange {
            status: OperatingStatus::Inactive,
            since: day(2101, 1, 1),
        }];
        let report = check(&unit);
        let issue = only_issue(&report, "status_history", Severity::Error);
        assert_eq!(issue.location.year, Some(2101));
        unit.status_history[0].since = day(2100, 12, 31);
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn reorganisation_completed_before_founding_is_an_error() {
        let mut unit = good_unit("u1");
        unit.reorganisation.required = true;
        unit.reorganisation.completed_on = Some(day(2005, 2, 28));
        only_issue(&check(&unit), "reorganisation", Severity::Error);
        unit.reorganisation.completed_on = Some(day(2005, 3, 1));
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn reorganisation_date_year_must_be_within_range() {
        let mut unit = good_unit("u1");
        unit.founded = None;
        unit.reorganisation.required = true;
        unit.reorganisation.completed_on = Some(day(2101, 1, 1));
        only_issue(&check(&unit), "reorganisation", Severity::Error);
        unit.reorganisation.completed_on = Some(day(2100, 1, 1));
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn reorganisation_is_not_required_of_units_founded_from_1_july_2013() {
        let mut unit = good_unit("u1");
        unit.reorganisation.required = true;
        unit.founded = Some(day(2013, 7, 1));
        let report = check(&unit);
        let issue = only_issue(&report, "reorganisation", Severity::Warning);
        assert!(
            issue.message.vi.contains("01/07/2013"),
            "{}",
            issue.message.vi
        );
        // The 2012 law's text is not in the references: its article number
        // is not cited as if verified.
        assert!(!issue.message.vi.contains("Điều 62"));
        assert!(issue.message.vi.contains("chưa kiểm chứng"));
        assert!(issue.message.en.contains("not verified"));
        unit.founded = Some(day(2013, 6, 30));
        assert!(check(&unit).is_clean());
        unit.reorganisation.required = false;
        unit.founded = Some(day(2015, 1, 1));
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn a_cooperative_group_is_not_reorganised() {
        let mut unit = good_unit("u1");
        unit.kind = UnitKind::Tht;
        unit.reorganisation.required = true;
        only_issue(&check(&unit), "reorganisation", Severity::Warning);
        unit.reorganisation.required = false;
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn recognition_years_must_be_within_range() {
        let mut unit = good_unit("u1");
        let recognition = |year: i32| Recognition {
            year,
            decision: String::new(),
            date: None,
        };
        unit.recognitions = vec![recognition(1989)];
        let report = check(&unit);
        let issue = only_issue(&report, "recognitions", Severity::Error);
        assert_eq!(issue.location.year, Some(1989));
        unit.recognitions = vec![recognition(1990), recognition(2100)];
        assert!(check(&unit).is_clean());
        unit.recognitions = vec![Recognition {
            date: Some(day(2101, 1, 2)),
            ..recognition(2100)
        }];
        only_issue(&check(&unit), "recognitions", Severity::Error);
    }

    #[test]
    fn a_duplicate_registration_code_is_an_error_on_both_units() {
        let mut first = good_unit("a");
        first.registration_code = " 0201-ABC ".to_owned();
        let mut second = good_unit("b");
        second.registration_code = "0201-abc".to_owned();
        let mut ws = Workspace::new("w", "x");
        ws.units = vec![first.clone(), second.clone()];
        let report = validate_workspace(&ws);
        assert_eq!(report.issues.len(), 2, "{:#?}", report.issues);
        for (issue, (id, other)) in report.issues.iter().zip([("a", "HTX b"), ("b", "HTX a")]) {
            assert_eq!(issue.severity, Severity::Error);
            assert_eq!(issue.location.field, "registration_code");
            assert_eq!(issue.location.unit_id.as_deref(), Some(id));
            assert!(issue.message.en.contains(other), "{}", issue.message.en);
        }

        // validate_unit skips the unit itself, by id.
        only_issue(
            &validate_unit(&second, &ws.units),
            "registration_code",
            Severity::Error,
        );
        assert!(validate_unit(&first, &[first.clone()]).is_clean());

        // A different code, or no code at all, is fine.
        ws.units[1].registration_code = "0201-abd".to_owned();
        assert!(validate_workspace(&ws).is_clean());
        ws.units[0].registration_code = "  ".to_owned();
        ws.units[1].registration_code = String::new();
        assert!(validate_workspace(&ws).is_clean());
    }

    #[test]
    fn an_empty_name_is_an_error() {
        let mut unit = good_unit("u1");
        unit.name = "   ".to_owned();
        let report = check(&unit);
        let issue = only_issue(&report, "name", Severity::Error);
        assert_eq!(issue.location.describe(Lang::En), "(unnamed) › Name");
        unit.name = "X".to_owned();
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn revenue_up_ten_times_is_a_warning() {
        let with = |before: &str, after: &str| {
            let mut unit = good_unit("u1");
            let mut first = record(2018);
            first.revenue = Some(dec(before));
            let mut second = record(2019);
            second.revenue = Some(dec(after));
            // Out of order on purpose: the check follows the years.
            unit.years = vec![second, first];
            check(&unit)
        };
        let report = with("10.5", "105");
        let issue = only_issue(&report, "revenue", Severity::Warning);
        assert_eq!(issue.location.year, Some(2019));
        assert!(
            issue.message.en.contains("10.0 times"),
            "{}",
            issue.message.en
        );
        assert!(issue.message.vi.contains("10,5"), "{}", issue.message.vi);
        assert!(with("10.5", "104.99").is_clean());
        assert!(with("0", "1000").is_clean(), "no jump from zero");
        assert!(with("0.001", "0.01").issues.len() == 1);
        // Not consecutive years: no comparison.
        let mut unit = good_unit("u1");
        let mut first = record(2017);
        first.revenue = Some(dec("1"));
        let mut second = record(2019);
        second.revenue = Some(dec("1000"));
        unit.years = vec![first, second];
        assert!(check(&unit).is_clean());
    }

    #[test]
    fn value_added_above_revenue_is_a_warning() {
        let mut year = record(2019);
        year.revenue = Some(dec("500"));
        year.value_added = Some(dec("500.1"));
        only_issue(
            &check(&unit_with_record(year.clone())),
            "value_added",
            Severity::Warning,
        );
        year.value_added = Some(dec("500.00"));
        assert!(check(&unit_with_record(year)).is_clean());
    }

    #[test]
    fn more_than_one_chair_or_director_is_a_warning() {
        let mut year = record(2019);
        year.key_managers = vec![
            manager(ManagerRole::Director),
            manager(ManagerRole::Chair),
            manager(ManagerRole::Accountant),
            manager(ManagerRole::Chair),
        ];
        let report = check(&unit_with_record(year.clone()));
        let issue = only_issue(&report, "key_managers", Severity::Warning);
        assert_eq!(issue.location.manager, Some(3));
        assert_eq!(issue.location.year, Some(2019));
        assert_eq!(
            issue.location.describe(Lang::Vi),
            "HTX u1 › 2019 › Cán bộ quản lý chủ chốt số 4"
        );
        year.key_managers.push(manager(ManagerRole::Director));
        let report = check(&unit_with_record(year.clone()));
        assert_eq!(report.warnings().count(), 2);
        year.key_managers.truncate(3);
        assert!(check(&unit_with_record(year)).is_clean());
    }

    #[test]
    fn district_and_sector_must_be_in_the_plan() {
        let mut unit = good_unit("u1");
        unit.district = "Hà Đông".to_owned();
        let report = check(&unit);
        assert!(only_issue(&report, "district", Severity::Warning)
            .message
            .vi
            .contains("Hà Đông"));
        unit.district = String::new();
        let report = check(&unit);
        assert!(only_issue(&report, "district", Severity::Warning)
            .message
            .en
            .contains("No district"));
        unit.district = "Hải An".to_owned();
        unit.sector = "mining".to_owned();
        only_issue(&check(&unit), "sector", Severity::Warning);
        unit.sector = " ".to_owned();
        only_issue(&check(&unit), "sector", Severity::Warning);
        // validate_unit has no plan; the plan check is separate.
        assert!(validate_unit(&unit, &[]).is_clean());
        let plan = Plan::hai_phong_135();
        assert_eq!(validate_unit_in_plan(&unit, &plan).issues.len(), 1);
        unit.sector = "khac".to_owned();
        assert!(validate_unit_in_plan(&unit, &plan).is_clean());
    }

    #[test]
    fn city_years_are_checked() {
        let city = |year: i32, grdp: Option<&str>, extra: Option<&str>| CityYear {
            year,
            grdp_current_prices: grdp.map(dec),
            extra_collective_value_added: extra.map(dec),
        };
        for bad in [1989, 2101] {
            let report = validate_city_year(&city(bad, None, None));
            let issue = only_issue(&report, "year", Severity::Error);
            assert_eq!(issue.location.unit_id, None);
            assert_eq!(issue.location.year, Some(bad));
        }
        assert!(validate_city_year(&city(1990, None, None)).is_clean());
        assert!(validate_city_year(&city(2100, None, None)).is_clean());
        for bad in ["0", "-0.0", "-5"] {
            let report = validate_city_year(&city(2019, Some(bad), None));
            only_issue(&report, "grdp_current_prices", Severity::Error);
        }
        assert!(validate_city_year(&city(2019, Some("0.01"), None)).is_clean());
        let report = validate_city_year(&city(2019, None, Some("-1")));
        let issue = only_issue(&report, "extra_collective_value_added", Severity::Error);
        assert_eq!(
            issue.location.describe(Lang::En),
            "City › 2019 › Other collective-economy value added"
        );
        assert!(validate_city_year(&city(2019, None, Some("0"))).is_clean());

        let mut ws = Workspace::new("w", "x");
        ws.city_years = vec![city(2018, None, None), city(2019, None, None)];
        assert!(validate_workspace(&ws).is_clean());
        ws.city_years.push(city(2018, Some("1"), None));
        only_issue(&validate_workspace(&ws), "year", Severity::Error);
    }

    #[test]
    fn report_helpers_and_locations() {
        let mut year = record(2019);
        year.staff = Some(10);
        year.staff_trained = Some(12);
        year.value_added = Some(dec("-1"));
        let unit = Unit {
            name: "HTX Đông Hải".to_owned(),
            ..unit_with_record(year)
        };
        let report = check(&unit);
        assert!(report.has_errors());
        assert!(!report.is_clean());
        assert_eq!(report.errors().count(), 1);
        assert_eq!(report.warnings().count(), 1);
        assert_eq!(report.for_unit("u1").count(), 2);
        assert_eq!(report.for_unit("u2").count(), 0);
        let issue = &issues_at(&report, "staff_trained")[0];
        assert_eq!(
            issue.location.describe(Lang::Vi),
            "HTX Đông Hải › 2019 › Số cán bộ được bồi dưỡng"
        );
        assert_eq!(
            issue.location.describe(Lang::En),
            "HTX Đông Hải › 2019 › Staff trained"
        );
        assert_eq!(field_label("unknown_field", Lang::Vi), "unknown_field");
        assert_eq!(
            validate_unit_in_workspace(&unit, &Workspace::new("w", "x")),
            report
        );
    }

    #[test]
    fn exact_comparison_does_not_round() {
        let cmp = |a: &str, b: &str| Exact::parse(a).cmp_value(&Exact::parse(b));
        assert_eq!(cmp("100.0000000000000000001", "100"), Ordering::Greater);
        assert_eq!(cmp("0100.50", "100.5"), Ordering::Equal);
        assert_eq!(cmp("-2", "-10"), Ordering::Greater);
        assert_eq!(cmp("-0", "0"), Ordering::Equal);
        assert_eq!(cmp("0.6", "0.51"), Ordering::Greater);
        assert_eq!(Exact::parse("1.234").times("10"), Exact::parse("12.34"));
        assert_eq!(Exact::parse("0.001").times("10"), Exact::parse("0.01"));
        assert_eq!(Exact::parse("7").times("100"), Exact::parse("700"));
    }

    #[test]
    fn thirty_thousand_units_sharing_one_code_check_in_linear_time() {
        let mut ws = Workspace::new("w", "x");
        ws.units = (0..30_000)
            .map(|i| {
                let mut unit = good_unit(&format!("u{i}"));
                unit.registration_code = "SAME".to_owned();
                unit.years = vec![record(2018), record(2019)];
                unit
            })
            .collect();
        let report = validate_workspace(&ws);
        assert_eq!(report.errors().count(), 30_000);
        assert!(
            report.issues[0].message.en.contains("29998 other units"),
            "{}",
            report.issues[0].message.en
        );
    }
}
