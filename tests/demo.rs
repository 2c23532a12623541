//! The workshop demo equals what Hải Phòng published, validates, is the same
//! every time, and exercises every target.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::day;
use coop_plan::domain::demo::{demo_workspace, demo_workspace_with_seed, published};
use coop_plan::domain::indicator::{evaluate_all, measure, Observation};
use coop_plan::domain::plan::Indicator;
use coop_plan::domain::status::Status;
use coop_plan::domain::unit::UnitKind;
use coop_plan::domain::validation::validate_workspace;
use coop_plan::files::document::to_json;

const MID_2019: (i32, u32, u32) = (2019, 7, 31);

fn mid_2019() -> chrono::NaiveDate {
    day(MID_2019.0, MID_2019.1, MID_2019.2)
}

#[test]
fn the_aggregates_equal_the_published_figures() {
    let ws = demo_workspace();
    let as_of = mid_2019();
    let active: Vec<_> = ws
        .units
        .iter()
        .filter(|u| u.kind.is_cooperative() && u.is_active_on(as_of))
        .collect();
    assert_eq!(active.len() as u32, published::COOPERATIVES);
    assert_eq!(
        active.iter().filter(|u| u.kind == UnitKind::Lhhtx).count(),
        1
    );
    assert_eq!(
        active.iter().filter(|u| u.kind == UnitKind::Qtdnd).count(),
        26
    );
    for (sector, count) in published::BY_SECTOR {
        assert_eq!(
            active.iter().filter(|u| u.sector == sector).count() as u32,
            count,
            "{sector}"
        );
    }
    let required = active.iter().filter(|u| u.reorganisation.required).count() as u32;
    let done = active
        .iter()
        .filter(|u| u.reorganisation.completed_on.is_some_and(|d| d <= as_of))
        .count() as u32;
    assert_eq!(
        (required, done),
        (published::REQUIRED_TO_REORGANISE, published::REORGANISED)
    );
    assert_eq!(
        ws.units.iter().filter(|u| u.kind == UnitKind::Tht).count() as u32,
        published::GROUPS
    );
    assert_eq!(
        ws.units
            .iter()
            .filter(|u| u.was_marked_inactive_by(as_of))
            .count() as u32,
        published::STOPPED
    );

    let records: Vec<_> = active.iter().filter_map(|u| u.record(2019)).collect();
    assert_eq!(records.len() as u32, published::COOPERATIVES);
    let sum = |f: &dyn Fn(&coop_plan::domain::unit::YearRecord) -> Option<i64>| {
        records.iter().map(|r| f(r).unwrap_or(0)).sum::<i64>()
    };
    assert_eq!(sum(&|r| r.members), published::MEMBERS);
    assert_eq!(sum(&|r| r.regular_workers), published::REGULAR_WORKERS);
    let revenue = sum(&|r| r.revenue.as_ref().map(|d| d.to_f64() as i64));
    assert_eq!(
        revenue,
        published::AVERAGE_REVENUE * i64::from(published::COOPERATIVES)
    );
    let income = sum(&|r| r.average_worker_income.as_ref().map(|d| d.to_f64() as i64));
    assert_eq!(
        income,
        published::AVERAGE_WORKER_INCOME * i64::from(published::COOPERATIVES)
    );
}

#[test]
fn t1_reads_91_6_percent_in_mid_2019() {
    let ws = demo_workspace();
    let measurement = measure(&ws, Indicator::ReorganisedShare, mid_2019());
    assert_eq!(
        measurement.observation,
        Some(Observation::Share {
            numerator: 208.0,
            denominator: 227.0
        })
    );
    assert_eq!(
        coop_plan::i18n::format::format_percent(208.0 / 227.0, 1, coop_plan::i18n::Lang::Vi),
        "91,6%"
    );
}

#[test]
fn the_demo_validates_without_errors() {
    let report = validate_workspace(&demo_workspace());
    let errors: Vec<String> = report
        .errors()
        .map(|e| {
            format!(
                "{} {}",
                e.location.describe(coop_plan::i18n::Lang::En),
                e.message.en
            )
        })
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    assert_eq!(to_json(&demo_workspace()), to_json(&demo_workspace()));
    assert_ne!(
        to_json(&demo_workspace_with_seed(1)),
        to_json(&demo_workspace_with_seed(2))
    );
}

#[test]
fn every_target_is_exercised() {
    let ws = demo_workspace();
    let mut seen = std::collections::HashSet::new();
    for as_of in [
        day(2018, 1, 1),
        day(2018, 6, 30),
        mid_2019(),
        day(2020, 6, 30),
        day(2021, 1, 1),
    ] {
        for evaluation in evaluate_all(&ws, as_of) {
            assert_ne!(
                evaluation.status,
                Status::NoData,
                "{} as of {as_of}",
                evaluation.target_id
            );
            seen.insert(evaluation.status);
        }
    }
    for status in [Status::Met, Status::OnTrack, Status::AtRisk, Status::Missed] {
        assert!(
            seen.contains(&status),
            "no target is {status:?} at any date"
        );
    }
}

#[test]
fn the_exemplary_cooperatives_span_several_sectors() {
    let ws = demo_workspace();
    let measurement = measure(&ws, Indicator::ExemplaryCount, day(2020, 12, 31));
    assert_eq!(
        measurement.observation,
        Some(Observation::Count {
            count: 9,
            sectors: 4
        })
    );
}
