//! Units of the collective economy and what is recorded about them.
//!
//! A [`Unit`] holds the static facts (kind, sector, district, founding,
//! reorganisation, status history, recognitions) and one [`YearRecord`] per
//! year. This module answers questions about one unit at a date ("was it
//! active on 30/06/2018?"); questions about many units belong to
//! [`crate::domain::indicator`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::decimal::Decimal;

/// The four kinds of unit the plan counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnitKind {
    /// Hợp tác xã: a cooperative.
    #[serde(rename = "htx")]
    Htx,
    /// Liên hiệp hợp tác xã: a union of cooperatives.
    #[serde(rename = "lhhtx")]
    Lhhtx,
    /// Quỹ tín dụng nhân dân: a people's credit fund (a credit cooperative).
    #[serde(rename = "qtdnd")]
    Qtdnd,
    /// Tổ hợp tác: a cooperative group, without legal personality.
    #[serde(rename = "tht")]
    Tht,
}

impl UnitKind {
    /// The key it is stored under (as its `serde(rename)` says; written in
    /// CSV files and forms too).
    pub fn stored_key(self) -> &'static str {
        match self {
            UnitKind::Htx => "htx",
            UnitKind::Lhhtx => "lhhtx",
            UnitKind::Qtdnd => "qtdnd",
            UnitKind::Tht => "tht",
        }
    }

    pub const ALL: [UnitKind; 4] = [
        UnitKind::Htx,
        UnitKind::Lhhtx,
        UnitKind::Qtdnd,
        UnitKind::Tht,
    ];

    /// "Cooperatives" in the plan's targets means HTX, LHHTX and QTDND.
    pub fn is_cooperative(self) -> bool {
        !matches!(self, UnitKind::Tht)
    }

    pub fn abbreviation(self) -> &'static str {
        match self {
            UnitKind::Htx => "HTX",
            UnitKind::Lhhtx => "LHHTX",
            UnitKind::Qtdnd => "QTDND",
            UnitKind::Tht => "THT",
        }
    }
}

/// Mô hình: what the cooperative exists to do for its members.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CoopModel {
    /// Cung ứng dịch vụ cho thành viên.
    #[serde(rename = "service_supply")]
    ServiceSupply,
    /// Tạo việc làm cho thành viên.
    #[serde(rename = "job_creation")]
    JobCreation,
}

impl CoopModel {
    pub const ALL: [CoopModel; 2] = [CoopModel::ServiceSupply, CoopModel::JobCreation];

    /// The key it is stored under (as its `serde(rename)` says; written in
    /// CSV files and forms too).
    pub fn stored_key(self) -> &'static str {
        match self {
            CoopModel::ServiceSupply => "service_supply",
            CoopModel::JobCreation => "job_creation",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OperatingStatus {
    #[serde(rename = "active")]
    Active,
    #[serde(rename = "inactive")]
    Inactive,
    #[serde(rename = "dissolved")]
    Dissolved,
}

impl OperatingStatus {
    pub const ALL: [OperatingStatus; 3] = [
        OperatingStatus::Active,
        OperatingStatus::Inactive,
        OperatingStatus::Dissolved,
    ];

    /// The key it is stored under (as its `serde(rename)` says; written in
    /// CSV files and forms too).
    pub fn stored_key(self) -> &'static str {
        match self {
            OperatingStatus::Active => "active",
            OperatingStatus::Inactive => "inactive",
            OperatingStatus::Dissolved => "dissolved",
        }
    }
}

/// From `since` on, the unit has `status` (until the next change).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: OperatingStatus,
    #[serde(with = "crate::files::iso_date")]
    pub since: NaiveDate,
}

/// Reorganisation under Law 23/2012/QH13 (its transitional provision; the
/// article number is not verified): required of cooperatives
/// founded before 01/07/2013.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reorganisation {
    pub required: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::files::iso_date::option"
    )]
    pub completed_on: Option<NaiveDate>,
}

/// Recognition as an exemplary advanced cooperative (HTX điển hình tiên tiến).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recognition {
    pub year: i32,
    /// The decision that recognised it ("Quyết định số …").
    #[serde(default)]
    pub decision: String,
    /// The decision's date, when known; otherwise the recognition counts from
    /// the end of its year.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::files::iso_date::option"
    )]
    pub date: Option<NaiveDate>,
}

impl Recognition {
    pub fn effective_date(&self) -> NaiveDate {
        self.date
            .or_else(|| NaiveDate::from_ymd_opt(self.year, 12, 31))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// What the law asks of a cooperative group (Nghị định 77/2019/NĐ-CP).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupConditions {
    /// The cooperation contract is authenticated by the commune.
    pub contract_authenticated: bool,
    /// The group meets the legal conditions for its operation.
    pub meets_legal_conditions: bool,
}

/// The four key managers the plan's training targets count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ManagerRole {
    /// Chủ tịch hội đồng quản trị.
    #[serde(rename = "chair")]
    Chair,
    /// Giám đốc.
    #[serde(rename = "director")]
    Director,
    /// Kế toán.
    #[serde(rename = "accountant")]
    Accountant,
    /// Kiểm soát viên / trưởng ban kiểm soát.
    #[serde(rename = "controller")]
    Controller,
}

impl ManagerRole {
    /// The key it is stored under (as its `serde(rename)` says; written in
    /// CSV files and forms too).
    pub fn stored_key(self) -> &'static str {
        match self {
            ManagerRole::Chair => "chair",
            ManagerRole::Director => "director",
            ManagerRole::Accountant => "accountant",
            ManagerRole::Controller => "controller",
        }
    }

    pub const ALL: [ManagerRole; 4] = [
        ManagerRole::Chair,
        ManagerRole::Director,
        ManagerRole::Accountant,
        ManagerRole::Controller,
    ];
}

/// Professional qualification, lowest first, as in the annual report form
/// (Phụ lục I-19, Thông tư 07/2019/TT-BKHĐT).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Qualification {
    /// Chưa qua đào tạo.
    #[serde(rename = "none")]
    None,
    /// Sơ cấp.
    #[serde(rename = "elementary")]
    Elementary,
    /// Trung cấp.
    #[serde(rename = "intermediate")]
    Intermediate,
    /// Cao đẳng.
    #[serde(rename = "college")]
    College,
    /// Đại học trở lên.
    #[serde(rename = "university")]
    University,
}

impl Qualification {
    /// The key it is stored under (as its `serde(rename)` says; written in
    /// CSV files and forms too).
    pub fn stored_key(self) -> &'static str {
        match self {
            Qualification::None => "none",
            Qualification::Elementary => "elementary",
            Qualification::Intermediate => "intermediate",
            Qualification::College => "college",
            Qualification::University => "university",
        }
    }

    /// Lowest first.
    pub const ALL: [Qualification; 5] = [
        Qualification::None,
        Qualification::Elementary,
        Qualification::Intermediate,
        Qualification::College,
        Qualification::University,
    ];

    /// "Cao đẳng trở lên", the bar of target T6.
    pub fn is_college_or_above(self) -> bool {
        self >= Qualification::College
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyManager {
    pub role: ManagerRole,
    pub qualification: Qualification,
    /// Trained within the plan period.
    pub trained: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// What a unit reports for one year. Every figure is optional: a missing
/// figure is "no data", never zero. Money is in millions of VND.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct YearRecord {
    pub year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regular_workers: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charter_capital: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_capital: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indivisible_assets: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pre_tax_profit: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_added: Option<Decimal>,
    /// Average income of a regular worker, millions of VND a year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub average_worker_income: Option<Decimal>,
    /// Professional staff and workers (cán bộ chuyên môn, người lao động).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_trained: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub development_fund: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reserve_fund: Option<Decimal>,
    /// Share of products and services supplied to non-members, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub non_member_supply_percent: Option<Decimal>,
    pub key_managers: Vec<KeyManager>,
}

/// A unit of the collective economy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Stable within a workspace; not shown to users.
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
    /// Mã số HTX; unique within a workspace where given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub registration_code: String,
    /// A [`crate::domain::plan::Sector`] id.
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub district: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub commune: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::files::iso_date::option"
    )]
    pub founded: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<CoopModel>,
    #[serde(default)]
    pub reorganisation: Reorganisation,
    /// Changes of status, in date order. Before the first change (and with
    /// none) the unit is active from its founding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_history: Vec<StatusChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recognitions: Vec<Recognition>,
    /// For a THT only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupConditions>,
    #[serde(default)]
    pub years: Vec<YearRecord>,
}

impl Unit {
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: UnitKind) -> Self {
        Unit {
            id: id.into(),
            name: name.into(),
            kind,
            registration_code: String::new(),
            sector: String::new(),
            district: String::new(),
            commune: String::new(),
            founded: None,
            model: None,
            reorganisation: Reorganisation::default(),
            status_history: Vec::new(),
            recognitions: Vec::new(),
            group: if kind == UnitKind::Tht {
                Some(GroupConditions::default())
            } else {
                None
            },
            years: Vec::new(),
        }
    }

    /// Whether the unit existed on `date` (it had been founded).
    pub fn exists_on(&self, date: NaiveDate) -> bool {
        self.founded.is_none_or(|founded| founded <= date)
    }

    /// The unit's status on `date`, or `None` before it was founded. The
    /// latest change on or before the date wins; the history need not be
    /// sorted.
    pub fn status_on(&self, date: NaiveDate) -> Option<OperatingStatus> {
        status_at(self.founded, &self.status_history, date)
    }

    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.status_on(date) == Some(OperatingStatus::Active)
    }

    pub fn is_dissolved_on(&self, date: NaiveDate) -> bool {
        self.status_on(date) == Some(OperatingStatus::Dissolved)
    }

    /// Whether the unit had been marked inactive at any time up to `date`.
    pub fn was_marked_inactive_by(&self, date: NaiveDate) -> bool {
        self.status_history
            .iter()
            .any(|change| change.status == OperatingStatus::Inactive && change.since <= date)
    }

    /// Whether the unit is in T2's population on `date`: marked inactive by
    /// then and either dissolved by then or still not operating. A
    /// cooperative that resumed operating (an "active" change after its
    /// inactivity) is out from the date it resumed, and back in if it stops
    /// again.
    pub fn awaits_or_had_dissolution_on(&self, date: NaiveDate) -> bool {
        self.was_marked_inactive_by(date) && !self.is_active_on(date)
    }

    /// The date the unit was dissolved, if it was.
    pub fn dissolved_on(&self) -> Option<NaiveDate> {
        self.status_history
            .iter()
            .filter(|change| change.status == OperatingStatus::Dissolved)
            .map(|change| change.since)
            .min()
    }

    pub fn record(&self, year: i32) -> Option<&YearRecord> {
        self.years.iter().find(|record| record.year == year)
    }

    pub fn record_mut(&mut self, year: i32) -> Option<&mut YearRecord> {
        self.years.iter_mut().find(|record| record.year == year)
    }
}

/// The date of the latest change to `status` in a history (not sorted).
pub fn latest_change(history: &[StatusChange], status: OperatingStatus) -> Option<NaiveDate> {
    history
        .iter()
        .filter(|change| change.status == status)
        .map(|change| change.since)
        .max()
}

/// The status on `date` of a unit founded on `founded` (if known) with this
/// history of changes: `None` before the founding, otherwise the latest
/// change on or before the date, and active before any. The history need
/// not be sorted. Shared by [`Unit::status_on`] and the indicator engine's
/// compact copy of the units, so both read a history the same way.
pub fn status_at(
    founded: Option<NaiveDate>,
    history: &[StatusChange],
    date: NaiveDate,
) -> Option<OperatingStatus> {
    if founded.is_some_and(|founded| founded > date) {
        return None;
    }
    let latest = history
        .iter()
        .filter(|change| change.since <= date)
        .max_by_key(|change| change.since);
    Some(latest.map_or(OperatingStatus::Active, |change| change.status))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn status_follows_the_history_and_founding() {
        let mut unit = Unit::new("u1", "HTX Đông Hải", UnitKind::Htx);
        unit.founded = Some(day(2000, 1, 1));
        unit.status_history = vec![
            StatusChange {
                status: OperatingStatus::Dissolved,
                since: day(2018, 9, 1),
            },
            StatusChange {
                status: OperatingStatus::Inactive,
                since: day(2016, 3, 1),
            },
        ];
        assert_eq!(unit.status_on(day(1999, 12, 31)), None);
        assert_eq!(
            unit.status_on(day(2016, 2, 29)),
            Some(OperatingStatus::Active)
        );
        assert_eq!(
            unit.status_on(day(2016, 3, 1)),
            Some(OperatingStatus::Inactive)
        );
        assert_eq!(
            unit.status_on(day(2018, 9, 1)),
            Some(OperatingStatus::Dissolved)
        );
        assert!(unit.was_marked_inactive_by(day(2016, 3, 1)));
        assert!(!unit.was_marked_inactive_by(day(2016, 2, 29)));
        assert_eq!(unit.dissolved_on(), Some(day(2018, 9, 1)));
    }

    #[test]
    fn college_or_above_starts_at_cao_dang() {
        assert!(!Qualification::Intermediate.is_college_or_above());
        assert!(Qualification::College.is_college_or_above());
        assert!(Qualification::University.is_college_or_above());
    }
}
