//! Builders for small workspaces in native tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use coop_plan::domain::decimal::Decimal;
use coop_plan::domain::unit::{
    GroupConditions, KeyManager, ManagerRole, OperatingStatus, Qualification, Recognition,
    StatusChange, Unit, UnitKind, YearRecord,
};
use coop_plan::domain::workspace::{CityYear, Workspace};

pub fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
}

pub fn workspace() -> Workspace {
    Workspace::new("test", "Thử nghiệm")
}

pub fn cooperative(id: &str) -> Unit {
    let mut unit = Unit::new(id, format!("HTX {id}"), UnitKind::Htx);
    unit.founded = Some(day(2005, 1, 1));
    unit.district = "Hồng Bàng".to_owned();
    unit.sector = "nong-nghiep".to_owned();
    unit
}

/// A cooperative required to reorganise, done on `done` (if any).
pub fn reorganising(id: &str, done: Option<NaiveDate>) -> Unit {
    let mut unit = cooperative(id);
    unit.reorganisation.required = true;
    unit.reorganisation.completed_on = done;
    unit
}

pub fn with_status(mut unit: Unit, status: OperatingStatus, since: NaiveDate) -> Unit {
    unit.status_history.push(StatusChange { status, since });
    unit
}

pub fn group(id: &str, lawful: bool) -> Unit {
    let mut unit = Unit::new(id, format!("THT {id}"), UnitKind::Tht);
    unit.founded = Some(day(2010, 1, 1));
    unit.group = Some(GroupConditions {
        contract_authenticated: lawful,
        meets_legal_conditions: lawful,
    });
    unit
}

pub fn manager(trained: bool, qualification: Qualification) -> KeyManager {
    KeyManager {
        role: ManagerRole::Director,
        qualification,
        trained,
        name: String::new(),
    }
}

pub fn amount(text: &str) -> Decimal {
    Decimal::parse(text).expect("valid amount")
}

pub fn record(year: i32) -> YearRecord {
    YearRecord {
        year,
        ..YearRecord::default()
    }
}

pub fn with_managers(mut unit: Unit, year: i32, managers: Vec<KeyManager>) -> Unit {
    let mut rec = record(year);
    rec.key_managers = managers;
    unit.years.push(rec);
    unit
}

pub fn with_value_added(mut unit: Unit, year: i32, value_added: &str) -> Unit {
    match unit.record_mut(year) {
        Some(rec) => rec.value_added = Some(amount(value_added)),
        None => {
            let mut rec = record(year);
            rec.value_added = Some(amount(value_added));
            unit.years.push(rec);
        }
    }
    unit
}

pub fn recognised(mut unit: Unit, year: i32) -> Unit {
    unit.recognitions.push(Recognition {
        year,
        decision: format!("QĐ {year}"),
        date: None,
    });
    unit
}

pub fn city(year: i32, grdp: &str, extra: Option<&str>) -> CityYear {
    CityYear {
        year,
        grdp_current_prices: Some(amount(grdp)),
        extra_collective_value_added: extra.map(amount),
    }
}
