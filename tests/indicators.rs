//! The indicator engine at the boundaries DESIGN.md §2 sets, and properties
//! that must hold for any workspace.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use coop_plan::domain::indicator::{
    breakdown, contributions, evaluate, measure, Dimension, Observation, CITY_LEVEL_KEY,
};
use coop_plan::domain::plan::{Indicator, QualifiedReading};
use coop_plan::domain::status::Status;
use coop_plan::domain::unit::{OperatingStatus, Qualification};
use coop_plan::domain::workspace::Workspace;

fn status_of(ws: &Workspace, id: &str, as_of: chrono::NaiveDate) -> Status {
    evaluate(ws, ws.plan.target(id).expect("target exists"), as_of).status
}

fn value_of(ws: &Workspace, indicator: Indicator, as_of: chrono::NaiveDate) -> Option<f64> {
    measure(ws, indicator, as_of).value
}

// ---- T1 ----------------------------------------------------------------

fn t1_workspace(last_done: Option<chrono::NaiveDate>) -> Workspace {
    let mut ws = workspace();
    ws.units = vec![
        reorganising("a", Some(day(2016, 5, 1))),
        reorganising("b", Some(day(2017, 3, 1))),
        reorganising("c", Some(day(2017, 12, 31))),
        reorganising("d", Some(day(2018, 1, 1))),
        reorganising("e", last_done),
    ];
    ws
}

#[test]
fn t1_on_track_then_met_when_reorganisation_finishes_in_time() {
    let ws = t1_workspace(Some(day(2018, 5, 15)));
    // 60 % at the baseline (31/12/2017), 80 % on 01/01/2018: above the line.
    assert_eq!(
        value_of(&ws, Indicator::ReorganisedShare, day(2018, 1, 1)),
        Some(0.8)
    );
    assert_eq!(status_of(&ws, "T1", day(2018, 1, 1)), Status::OnTrack);
    assert_eq!(status_of(&ws, "T1", day(2018, 7, 1)), Status::Met);
}

#[test]
fn t1_missed_after_the_deadline_and_met_late_once_done() {
    let ws = t1_workspace(None);
    assert_eq!(status_of(&ws, "T1", day(2018, 7, 1)), Status::Missed);
    let late = t1_workspace(Some(day(2018, 7, 1)));
    assert_eq!(status_of(&late, "T1", day(2018, 7, 1)), Status::MetLate);
}

#[test]
fn t1_the_deadline_day_itself_is_on_time() {
    let ws = t1_workspace(Some(day(2018, 6, 30)));
    assert_eq!(status_of(&ws, "T1", day(2018, 6, 30)), Status::Met);
    assert_eq!(status_of(&ws, "T1", day(2019, 1, 1)), Status::Met);
    assert_eq!(status_of(&ws, "T1", day(2018, 6, 29)), Status::AtRisk);
}

#[test]
fn t1_excludes_dissolved_units_from_its_denominator() {
    let mut ws = t1_workspace(None);
    // The unfinished one is dissolved on 01/03/2018: the rest are all done.
    ws.units[4] = with_status(
        reorganising("e", None),
        OperatingStatus::Dissolved,
        day(2018, 3, 1),
    );
    assert_eq!(
        value_of(&ws, Indicator::ReorganisedShare, day(2018, 2, 28)),
        Some(0.8)
    );
    assert_eq!(
        value_of(&ws, Indicator::ReorganisedShare, day(2018, 3, 1)),
        Some(1.0)
    );
    assert_eq!(status_of(&ws, "T1", day(2018, 3, 1)), Status::Met);
}

#[test]
fn t1_ignores_groups_and_units_not_required() {
    let mut ws = workspace();
    ws.units = vec![reorganising("a", None), cooperative("b"), group("g", true)];
    ws.units[2].reorganisation.required = true;
    assert_eq!(
        value_of(&ws, Indicator::ReorganisedShare, day(2018, 1, 1)),
        Some(0.0)
    );
    let drill = contributions(&ws, Indicator::ReorganisedShare, day(2018, 1, 1));
    assert_eq!(drill.len(), 1);
    assert_eq!(drill[0].unit_index, 0);
}

#[test]
fn zero_denominator_is_no_data_not_zero() {
    let ws = workspace();
    for target in &ws.plan.targets {
        let evaluation = evaluate(&ws, target, day(2019, 7, 31));
        assert_eq!(
            evaluation.status,
            Status::NoData,
            "{} on an empty workspace",
            target.id
        );
        assert_eq!(evaluation.value(), None, "{}", target.id);
    }
}

// ---- T2 ----------------------------------------------------------------

#[test]
fn t2_counts_only_units_marked_inactive_by_the_as_of_date() {
    let mut ws = workspace();
    ws.units = vec![
        with_status(
            with_status(cooperative("a"), OperatingStatus::Inactive, day(2016, 1, 1)),
            OperatingStatus::Dissolved,
            day(2018, 6, 1),
        ),
        with_status(cooperative("b"), OperatingStatus::Inactive, day(2016, 1, 1)),
        with_status(cooperative("c"), OperatingStatus::Inactive, day(2018, 9, 1)),
        // Dissolved without ever being marked inactive: not in T2.
        with_status(
            cooperative("d"),
            OperatingStatus::Dissolved,
            day(2017, 1, 1),
        ),
    ];
    assert_eq!(
        value_of(&ws, Indicator::InactiveDissolvedShare, day(2018, 5, 31)),
        Some(0.0)
    );
    assert_eq!(
        value_of(&ws, Indicator::InactiveDissolvedShare, day(2018, 6, 1)),
        Some(0.5)
    );
    // c joins the denominator once marked inactive.
    assert_eq!(
        value_of(&ws, Indicator::InactiveDissolvedShare, day(2018, 9, 1)),
        Some(1.0 / 3.0)
    );
    assert_eq!(status_of(&ws, "T2", day(2019, 1, 1)), Status::Missed);
}

// ---- T3 ----------------------------------------------------------------

#[test]
fn t3_with_and_without_city_level_value_added() {
    let mut ws = workspace();
    ws.units = vec![
        with_value_added(cooperative("a"), 2020, "600"),
        with_value_added(group("g", true), 2020, "300"),
    ];
    ws.city_years = vec![city(2020, "100000", None)];
    assert_eq!(
        value_of(&ws, Indicator::GrdpShare, day(2020, 12, 31)),
        Some(0.009)
    );
    assert_eq!(status_of(&ws, "T3", day(2021, 1, 1)), Status::Missed);
    ws.city_years = vec![city(2020, "100000", Some("100"))];
    assert_eq!(
        value_of(&ws, Indicator::GrdpShare, day(2020, 12, 31)),
        Some(0.01)
    );
    assert_eq!(status_of(&ws, "T3", day(2021, 1, 1)), Status::Met);
    // The breakdown by district carries the city-level figure in its own row.
    let rows = breakdown(
        &ws,
        Indicator::GrdpShare,
        day(2020, 12, 31),
        Dimension::District,
    );
    let total: f64 = rows.iter().map(|r| r.tally.numerator).sum();
    assert_eq!(total, 1000.0);
    assert!(rows
        .iter()
        .any(|r| r.key == CITY_LEVEL_KEY && r.tally.numerator == 100.0));
}

#[test]
fn t3_without_grdp_is_no_data() {
    let mut ws = workspace();
    ws.units = vec![with_value_added(cooperative("a"), 2020, "600")];
    assert_eq!(value_of(&ws, Indicator::GrdpShare, day(2020, 12, 31)), None);
    assert_eq!(status_of(&ws, "T3", day(2020, 12, 31)), Status::NoData);
}

#[test]
fn yearly_indicators_read_the_latest_year_with_data() {
    let mut ws = workspace();
    ws.units = vec![with_value_added(cooperative("a"), 2019, "500")];
    ws.city_years = vec![city(2019, "100000", None), city(2020, "120000", None)];
    let measurement = measure(&ws, Indicator::GrdpShare, day(2026, 11, 26));
    assert_eq!(measurement.data_year, Some(2019));
    assert_eq!(measurement.value, Some(0.005));
    // Data of a later year than the as-of date is not read.
    assert_eq!(value_of(&ws, Indicator::GrdpShare, day(2018, 12, 31)), None);
}

// ---- T4 ----------------------------------------------------------------

#[test]
fn t4_counts_active_groups_only() {
    let mut ws = workspace();
    ws.units = vec![
        group("a", true),
        group("b", false),
        with_status(
            group("c", false),
            OperatingStatus::Inactive,
            day(2019, 1, 1),
        ),
        cooperative("h"),
    ];
    assert_eq!(
        value_of(&ws, Indicator::GroupsCompliantShare, day(2018, 12, 31)),
        Some(1.0 / 3.0)
    );
    assert_eq!(
        value_of(&ws, Indicator::GroupsCompliantShare, day(2019, 1, 1)),
        Some(0.5)
    );
}

// ---- T5, T6, T7 ----------------------------------------------------------

fn managers_workspace(trained: usize, untrained: usize) -> Workspace {
    let mut ws = workspace();
    let mut managers = Vec::new();
    managers.extend((0..trained).map(|_| manager(true, Qualification::College)));
    managers.extend((0..untrained).map(|_| manager(false, Qualification::None)));
    ws.units = vec![with_managers(cooperative("a"), 2020, managers)];
    ws
}

#[test]
fn t5_more_than_half_means_exactly_half_is_not_met() {
    let half = managers_workspace(2, 2);
    assert_eq!(
        value_of(&half, Indicator::ManagersTrainedShare, day(2020, 12, 31)),
        Some(0.5)
    );
    assert_eq!(status_of(&half, "T5", day(2021, 1, 1)), Status::Missed);
    let more = managers_workspace(3, 2);
    assert_eq!(status_of(&more, "T5", day(2021, 1, 1)), Status::Met);
}

#[test]
fn t5_counts_managers_of_active_cooperatives_only() {
    let mut ws = managers_workspace(0, 4);
    let trained = with_managers(
        cooperative("b"),
        2020,
        vec![manager(true, Qualification::College); 4],
    );
    ws.units.push(with_status(
        trained,
        OperatingStatus::Inactive,
        day(2020, 6, 1),
    ));
    assert_eq!(
        value_of(&ws, Indicator::ManagersTrainedShare, day(2020, 5, 31)),
        Some(0.5)
    );
    assert_eq!(
        value_of(&ws, Indicator::ManagersTrainedShare, day(2020, 12, 31)),
        Some(0.0)
    );
}

#[test]
fn t6_under_both_readings() {
    let mut ws = workspace();
    let managers = vec![
        manager(true, Qualification::University),
        manager(true, Qualification::College),
        manager(true, Qualification::Intermediate),
        manager(false, Qualification::University),
        manager(false, Qualification::None),
    ];
    ws.units = vec![with_managers(cooperative("a"), 2020, managers)];
    // (a) of the trained: 2 of 3.
    assert_eq!(
        value_of(&ws, Indicator::ManagersQualifiedShare, day(2020, 12, 31)),
        Some(2.0 / 3.0)
    );
    assert_eq!(status_of(&ws, "T6", day(2021, 1, 1)), Status::Missed);
    // (b) of all: 3 of 5.
    ws.plan.settings.qualified_reading = QualifiedReading::OfAll;
    assert_eq!(
        value_of(&ws, Indicator::ManagersQualifiedShare, day(2020, 12, 31)),
        Some(0.6)
    );
}

#[test]
fn t6_exactly_seventy_percent_is_met() {
    let mut ws = workspace();
    let mut managers = vec![manager(true, Qualification::College); 7];
    managers.extend(vec![manager(true, Qualification::Elementary); 3]);
    ws.units = vec![with_managers(cooperative("a"), 2020, managers)];
    assert_eq!(
        value_of(&ws, Indicator::ManagersQualifiedShare, day(2020, 12, 31)),
        Some(0.7)
    );
    assert_eq!(status_of(&ws, "T6", day(2020, 12, 31)), Status::Met);
}

#[test]
fn t7_leaves_out_records_missing_a_figure() {
    let mut ws = workspace();
    let mut a = cooperative("a");
    let mut rec = record(2020);
    rec.staff = Some(10);
    rec.staff_trained = Some(10);
    a.years.push(rec);
    let mut b = cooperative("b");
    let mut rec = record(2020);
    rec.staff = Some(10);
    b.years.push(rec);
    ws.units = vec![a, b];
    assert_eq!(
        value_of(&ws, Indicator::StaffTrainedShare, day(2020, 12, 31)),
        Some(1.0)
    );
    assert_eq!(status_of(&ws, "T7", day(2020, 12, 31)), Status::Met);
}

// ---- T8 ----------------------------------------------------------------

#[test]
fn t8_counts_recognitions_within_the_period_and_their_sectors() {
    let mut ws = workspace();
    let mut units: Vec<_> = (0..9)
        .map(|i| recognised(cooperative(&format!("c{i}")), 2019))
        .collect();
    units[0].sector = "tin-dung".to_owned();
    units.push(recognised(cooperative("old"), 2016));
    units.push(recognised(group("g", true), 2019));
    ws.units = units;
    let measurement = measure(&ws, Indicator::ExemplaryCount, day(2020, 12, 31));
    assert_eq!(
        measurement.observation,
        Some(Observation::Count {
            count: 9,
            sectors: 2
        })
    );
    assert_eq!(status_of(&ws, "T8", day(2021, 1, 1)), Status::Missed);
    // A recognition without a date counts from the end of its year.
    assert_eq!(
        value_of(&ws, Indicator::ExemplaryCount, day(2019, 12, 30)),
        Some(0.0)
    );
    ws.units.push(recognised(cooperative("tenth"), 2020));
    assert_eq!(status_of(&ws, "T8", day(2020, 12, 31)), Status::Met);
}

// ---- T9 ----------------------------------------------------------------

fn growth_workspace(values: &[(i32, &str)]) -> Workspace {
    let mut ws = workspace();
    let mut unit = cooperative("a");
    for (year, value) in values {
        unit = with_value_added(unit, *year, value);
    }
    ws.units = vec![unit];
    ws
}

#[test]
fn t9_rising_growth_is_met_and_a_fall_is_missed() {
    // Growth 2017 10 %, 2018 20 %, 2019 25 %, 2020 30 %.
    let rising = growth_workspace(&[
        (2016, "1000"),
        (2017, "1100"),
        (2018, "1320"),
        (2019, "1650"),
        (2020, "2145"),
    ]);
    assert_eq!(status_of(&rising, "T9", day(2019, 12, 31)), Status::OnTrack);
    assert_eq!(status_of(&rising, "T9", day(2021, 1, 1)), Status::Met);
    // 2019 growth falls to 5 %.
    let falling = growth_workspace(&[
        (2016, "1000"),
        (2017, "1100"),
        (2018, "1320"),
        (2019, "1386"),
        (2020, "2000"),
    ]);
    let evaluation = evaluate(
        &falling,
        falling.plan.target("T9").expect("T9"),
        day(2019, 12, 31),
    );
    match evaluation.measurement.observation {
        Some(Observation::Growth {
            year,
            current,
            previous,
        }) => {
            assert_eq!(year, 2019);
            assert!((current - 0.05).abs() < 1e-12 && (previous - 0.2).abs() < 1e-12);
        }
        other => panic!("expected growth, got {other:?}"),
    }
    assert_eq!(evaluation.status, Status::AtRisk);
    assert_eq!(status_of(&falling, "T9", day(2021, 1, 1)), Status::Missed);
}

#[test]
fn t9_needs_three_years_of_value_added() {
    let ws = growth_workspace(&[(2019, "1000"), (2020, "1200")]);
    assert_eq!(status_of(&ws, "T9", day(2020, 12, 31)), Status::NoData);
}

// ---- Trends ------------------------------------------------------------------

#[test]
fn trends_run_from_the_baseline_and_do_not_carry_years_forward() {
    let mut ws = t1_workspace(Some(day(2018, 5, 15)));
    ws.units[0] = with_value_added(ws.units[0].clone(), 2017, "500");
    ws.units[1] = with_value_added(ws.units[1].clone(), 2019, "700");
    ws.city_years = vec![city(2017, "100000", None), city(2019, "100000", None)];
    let engine = coop_plan::domain::indicator::Engine::new(&ws);
    let t1: Vec<(i32, Option<f64>)> = engine
        .trend(Indicator::ReorganisedShare)
        .iter()
        .map(|p| (p.year, p.value))
        .collect();
    assert_eq!(
        t1,
        vec![
            (2017, Some(0.6)),
            (2018, Some(1.0)),
            (2019, Some(1.0)),
            (2020, Some(1.0))
        ]
    );
    let t3: Vec<Option<f64>> = engine
        .trend(Indicator::GrdpShare)
        .iter()
        .map(|p| p.value)
        .collect();
    assert_eq!(t3, vec![Some(0.005), None, Some(0.007), None]);
}

#[test]
fn an_index_built_once_gives_the_same_evaluations_at_every_date() {
    let ws = coop_plan::domain::generate::synthetic_workspace(300, 3);
    let index = coop_plan::domain::indicator::WorkspaceIndex::new(&ws);
    for as_of in [
        day(2017, 12, 31),
        day(2018, 6, 30),
        day(2019, 7, 31),
        day(2021, 1, 1),
    ] {
        let kept =
            coop_plan::domain::indicator::Engine::with_index(&ws, &index).evaluate_all(as_of);
        assert_eq!(kept, coop_plan::domain::indicator::evaluate_all(&ws, as_of));
    }
}

// ---- Breakdowns and properties ---------------------------------------------

mod properties {
    use super::*;
    use coop_plan::domain::generate::synthetic_workspace;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn shares_are_fractions_and_breakdowns_add_up(
            seed in any::<u64>(),
            units in 0usize..60,
            days in 0i64..2500,
        ) {
            let ws = synthetic_workspace(units, seed);
            let as_of = day(2016, 1, 1) + chrono::Days::new(days as u64);
            for target in &ws.plan.targets {
                let evaluation = evaluate(&ws, target, as_of);
                if let Some(value) = evaluation.value() {
                    prop_assert!(value.is_finite());
                    if target.indicator.is_share() {
                        prop_assert!((0.0..=1.0).contains(&value), "{} = {}", target.id, value);
                    }
                }
                if target.indicator == Indicator::ValueAddedGrowth {
                    continue;
                }
                for by in [Dimension::District, Dimension::Sector] {
                    let rows = breakdown(&ws, target.indicator, as_of, by);
                    let numerator: f64 = rows.iter().map(|r| r.tally.numerator).sum();
                    let city_numerator = match &evaluation.measurement.observation {
                        Some(Observation::Share { numerator, .. }) => *numerator,
                        Some(Observation::Count { count, .. }) => f64::from(*count),
                        _ => 0.0,
                    };
                    prop_assert!((numerator - city_numerator).abs() <= 1e-6 * city_numerator.abs().max(1.0));
                    if target.indicator != Indicator::GrdpShare {
                        let denominator: f64 = rows.iter().map(|r| r.tally.denominator).sum();
                        let city_denominator = match &evaluation.measurement.observation {
                            Some(Observation::Share { denominator, .. }) => *denominator,
                            _ => 0.0,
                        };
                        prop_assert_eq!(denominator, city_denominator);
                    }
                }
            }
        }
    }
}

// ---- The incremental index ---------------------------------------------------

mod incremental {
    use super::*;
    use coop_plan::domain::generate::synthetic_workspace;
    use coop_plan::domain::indicator::{Engine, WorkspaceIndex};
    use coop_plan::domain::unit::{Unit, UnitKind};
    use proptest::prelude::*;

    /// One change a user can make to the units.
    #[derive(Clone, Debug)]
    enum Op {
        /// The unit at this position (modulo the count) becomes the donor.
        Replace(usize, usize),
        /// Only some of the unit's years kept, or its kind switched.
        Trim(usize, usize),
        Insert(usize, usize),
        Remove(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (any::<usize>(), any::<usize>()).prop_map(|(p, d)| Op::Replace(p, d)),
            (any::<usize>(), 0usize..8).prop_map(|(p, k)| Op::Trim(p, k)),
            (any::<usize>(), any::<usize>()).prop_map(|(p, d)| Op::Insert(p, d)),
            any::<usize>().prop_map(Op::Remove),
        ]
    }

    fn donor(donors: &[Unit], d: usize) -> Unit {
        donors[d % donors.len()].clone()
    }

    /// Applies `op` to the workspace and the same patch to the index.
    fn apply(ws: &mut Workspace, index: &mut WorkspaceIndex, donors: &[Unit], op: &Op) {
        let len = ws.units.len();
        match *op {
            Op::Replace(p, d) if len > 0 => {
                let p = p % len;
                ws.units[p] = donor(donors, d);
                assert!(index.replace_unit(p, &ws.units[p]));
            }
            Op::Trim(p, keep) if len > 0 => {
                let p = p % len;
                let unit = &mut ws.units[p];
                if keep == 0 {
                    unit.kind = match unit.kind {
                        UnitKind::Tht => UnitKind::Htx,
                        _ => UnitKind::Tht,
                    };
                    unit.status_history.pop();
                } else {
                    unit.years.truncate(keep);
                }
                assert!(index.replace_unit(p, &ws.units[p]));
            }
            Op::Insert(p, d) => {
                let p = p % (len + 1);
                ws.units.insert(p, donor(donors, d));
                assert!(index.insert_unit(p, &ws.units[p]));
            }
            Op::Remove(p) if len > 0 => {
                let p = p % len;
                ws.units.remove(p);
                assert!(index.remove_unit(p));
            }
            // Nothing to edit or remove: the index must refuse too.
            Op::Replace(p, _) | Op::Trim(p, _) | Op::Remove(p) => {
                assert!(!index.replace_unit(p, &donors[0]));
                assert!(!index.remove_unit(p));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        /// After any sequence of edits, additions and deletions the patched
        /// index equals the one built from scratch, and so do the
        /// evaluations read through it. The index keeps per-date totals in
        /// blocks of 256 units, so the workspaces run to several blocks,
        /// and the patched index is read (its blocks cached) between edits.
        #[test]
        fn a_patched_index_equals_a_rebuilt_one(
            seed in any::<u64>(),
            units in prop_oneof![0usize..40, 200usize..800],
            ops in proptest::collection::vec(op(), 1..16),
            days in 0i64..2500,
        ) {
            let mut ws = synthetic_workspace(units, seed);
            let donors = synthetic_workspace(30, seed.wrapping_add(1)).units;
            let mut index = WorkspaceIndex::new(&ws);
            let as_of = day(2016, 1, 1) + chrono::Days::new(days as u64);
            let dates = [as_of, day(2019, 7, 31), day(2020, 12, 31)];
            for date in dates {
                Engine::with_index(&ws, &index).evaluate_all(date);
            }
            for op in &ops {
                apply(&mut ws, &mut index, &donors, op);
                prop_assert_eq!(&index, &WorkspaceIndex::new(&ws), "after {:?}", op);
                for date in dates {
                    prop_assert_eq!(
                        Engine::with_index(&ws, &index).evaluate_all(date),
                        Engine::new(&ws).evaluate_all(date),
                        "after {:?} as of {}", op, date
                    );
                }
            }
            prop_assert_eq!(index.unit_count(), ws.units.len());
            for target in &ws.plan.targets {
                prop_assert_eq!(
                    Engine::with_index(&ws, &index).trend(target.indicator),
                    Engine::new(&ws).trend(target.indicator)
                );
            }
        }
    }

    /// An index built a unit at a time and evaluated with a small budget
    /// of blocks per call, as a big workspace just read is, gives what a
    /// whole evaluation gives, and then keeps its blocks like any other.
    #[test]
    fn evaluated_in_slices_equals_evaluated_at_once() {
        let ws = synthetic_workspace(1500, 11);
        let mut index = WorkspaceIndex::default();
        for unit in &ws.units {
            assert!(index.push_unit(unit));
        }
        assert_eq!(index, WorkspaceIndex::new(&ws));
        let as_of = day(2020, 6, 30);
        let expected = Engine::new(&ws).evaluate_all(as_of);
        let mut calls = 0;
        let evaluations = loop {
            calls += 1;
            assert!(calls < 1000, "never finished");
            if let Some(evaluations) = index.evaluate_within(&ws, as_of, 2) {
                break evaluations;
            }
        };
        assert_eq!(evaluations, expected);
        // Six blocks of 256 units, two at a time: several calls were short.
        assert!(calls > 3, "{calls} calls");
        // Every block is kept now: a budget of none is enough.
        assert_eq!(index.evaluate_within(&ws, as_of, 0), Some(expected.clone()));
        assert_eq!(
            Engine::with_index(&ws, &index).evaluate_all(as_of),
            expected
        );
    }

    /// A snapshot of the targets reads back as it was written: every
    /// status, date and count exactly, every figure to within a unit in
    /// the last place (serde_json's quick float reading; exact reading,
    /// its `float_roundtrip`, costs 25 KB of download for digits no page
    /// shows, and the figures are computed again once the units are read).
    #[test]
    fn a_snapshot_reads_back() {
        use coop_plan::domain::indicator::Snapshot;
        for (seed, as_of) in [
            (3, day(2020, 6, 30)),
            (4, day(2019, 12, 31)),
            (5, day(2024, 1, 1)),
        ] {
            let ws = synthetic_workspace(300, seed);
            let snapshot = Snapshot {
                as_of,
                units: ws.units.len(),
                evaluations: Engine::new(&ws).evaluate_all(as_of),
            };
            let text = serde_json::to_string(&snapshot).unwrap();
            let back: Snapshot = serde_json::from_str(&text).unwrap();
            let close = |a: f64, b: f64| {
                a == b || (a - b).abs() <= a.abs().max(b.abs()) * 4.0 * f64::EPSILON
            };
            let same_option = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => close(a, b),
                (a, b) => a == b,
            };
            assert_eq!((back.as_of, back.units), (snapshot.as_of, snapshot.units));
            assert_eq!(back.evaluations.len(), snapshot.evaluations.len());
            for (b, s) in back.evaluations.iter().zip(&snapshot.evaluations) {
                assert_eq!(
                    (&b.target_id, b.indicator, b.as_of, b.status),
                    (&s.target_id, s.indicator, s.as_of, s.status)
                );
                assert_eq!(b.measurement.data_year, s.measurement.data_year);
                assert!(
                    same_option(b.measurement.value, s.measurement.value),
                    "{b:?} {s:?}"
                );
                assert!(same_option(b.expected, s.expected), "{b:?} {s:?}");
                assert!(same_option(b.slipped, s.slipped), "{b:?} {s:?}");
                // The observation's kind and figures.
                let figures = |e: &coop_plan::domain::indicator::Evaluation| {
                    serde_json::to_value(&e.measurement.observation).unwrap()
                };
                let (fb, fs) = (figures(b), figures(s));
                assert_eq!(fb.get("kind"), fs.get("kind"));
                if let (Some(ob), Some(os)) = (fb.as_object(), fs.as_object()) {
                    for (key, value) in os {
                        match (value.as_f64(), ob.get(key).and_then(|v| v.as_f64())) {
                            (Some(x), Some(y)) => assert!(close(x, y), "{key}: {x} {y}"),
                            _ => assert_eq!(ob.get(key), Some(value)),
                        }
                    }
                }
            }
        }
    }

    /// More dates than the index keeps totals for, edits between them, and
    /// the plan's reading of T6 switched: every figure as from scratch.
    #[test]
    fn cached_dates_are_forgotten_and_patched_correctly() {
        let mut ws = synthetic_workspace(700, 5);
        let donors = synthetic_workspace(10, 6).units;
        let mut index = WorkspaceIndex::new(&ws);
        let dates: Vec<_> = (0..40u64)
            .map(|n| day(2016, 1, 1) + chrono::Days::new(n * 61))
            .collect();
        for (n, date) in dates.iter().enumerate() {
            Engine::with_index(&ws, &index).evaluate_all(*date);
            let position = (n * 97) % ws.units.len();
            ws.units[position] = donors[n % donors.len()].clone();
            assert!(index.replace_unit(position, &ws.units[position]));
        }
        ws.plan.settings.qualified_reading = QualifiedReading::OfAll;
        for date in dates.iter().rev() {
            assert_eq!(
                Engine::with_index(&ws, &index).evaluate_all(*date),
                Engine::new(&ws).evaluate_all(*date),
                "as of {date}"
            );
        }
    }

    #[test]
    fn patches_out_of_range_are_refused_and_change_nothing() {
        let ws = synthetic_workspace(5, 9);
        let mut index = WorkspaceIndex::new(&ws);
        let before = index.clone();
        assert!(!index.replace_unit(5, &ws.units[0]));
        assert!(!index.insert_unit(6, &ws.units[0]));
        assert!(!index.remove_unit(5));
        assert!(!index.remove_unit(usize::MAX));
        assert_eq!(index, before);
    }
}

// ---- Verdict rules (DESIGN.md §2) ------------------------------------------

#[test]
fn t3_exactly_one_percent_by_decimal_arithmetic_is_met() {
    // Ten units of 100.8 over a GRDP of 100,800: 1.0 % exactly, which a
    // double sums to 0.009999999999999998.
    let mut ws = workspace();
    ws.units = (0..10)
        .map(|i| with_value_added(cooperative(&format!("u{i}")), 2020, "100.8"))
        .collect();
    ws.city_years = vec![city(2020, "100800", None)];
    let value = value_of(&ws, Indicator::GrdpShare, day(2020, 12, 31)).expect("a share");
    assert!(value < 0.01, "the double is below 1 %: {value}");
    assert_eq!(status_of(&ws, "T3", day(2020, 12, 31)), Status::Met);
    assert_eq!(status_of(&ws, "T3", day(2021, 1, 1)), Status::Met);
    // A real shortfall is still a shortfall.
    ws.city_years = vec![city(2020, "100801", None)];
    assert_eq!(status_of(&ws, "T3", day(2021, 1, 1)), Status::Missed);
}

#[test]
fn t5_exactly_half_is_not_on_track_on_its_deadline_day() {
    let half = managers_workspace(2, 2);
    let deadline = half.plan.target("T5").expect("T5").deadline;
    assert_eq!(status_of(&half, "T5", deadline), Status::AtRisk);
    let more = managers_workspace(3, 2);
    assert_eq!(status_of(&more, "T5", deadline), Status::Met);
}

fn t2_met_in_2018() -> Workspace {
    let mut ws = workspace();
    ws.units = vec![with_status(
        with_status(cooperative("a"), OperatingStatus::Inactive, day(2016, 1, 1)),
        OperatingStatus::Dissolved,
        day(2018, 6, 1),
    )];
    ws
}

#[test]
fn a_verdict_met_by_the_deadline_stays_met_and_says_it_slipped() {
    let mut ws = t2_met_in_2018();
    // Another cooperative stops in 2019: today's value falls to 50 %.
    ws.units.push(with_status(
        cooperative("b"),
        OperatingStatus::Inactive,
        day(2019, 3, 1),
    ));
    let t2 = ws.plan.target("T2").expect("T2").clone();
    let later = evaluate(&ws, &t2, day(2019, 6, 1));
    assert_eq!(later.value(), Some(0.5), "the card shows today's value");
    assert_eq!(later.status, Status::Met);
    assert_eq!(later.slipped, Some(1.0));
    let note = coop_plan::i18n::wording::slipped_text(&t2, &later, coop_plan::i18n::Lang::Vi)
        .expect("a note");
    assert!(note.contains("31/12/2018"), "{note}");
    // Before the slip, nothing to say.
    let before = evaluate(&ws, &t2, day(2019, 1, 1));
    assert_eq!((before.status, before.slipped), (Status::Met, None));
}

#[test]
fn a_verdict_met_only_after_the_deadline_is_met_late_and_missed_before() {
    let mut ws = workspace();
    ws.units = vec![with_status(
        with_status(cooperative("a"), OperatingStatus::Inactive, day(2016, 1, 1)),
        OperatingStatus::Dissolved,
        day(2019, 2, 1),
    )];
    assert_eq!(status_of(&ws, "T2", day(2019, 1, 31)), Status::Missed);
    assert_eq!(status_of(&ws, "T2", day(2019, 2, 1)), Status::MetLate);
}

#[test]
fn t2_a_cooperative_that_resumed_is_out_from_the_day_it_resumed() {
    let mut ws = t2_met_in_2018();
    ws.units.push(with_status(
        with_status(cooperative("b"), OperatingStatus::Inactive, day(2017, 1, 1)),
        OperatingStatus::Active,
        day(2018, 4, 1),
    ));
    assert_eq!(
        value_of(&ws, Indicator::InactiveDissolvedShare, day(2018, 3, 31)),
        Some(0.0)
    );
    // From 01/04/2018 b operates again: only a is in the queue.
    assert_eq!(
        measure(&ws, Indicator::InactiveDissolvedShare, day(2018, 4, 1)).observation,
        Some(Observation::Share {
            numerator: 0.0,
            denominator: 1.0
        })
    );
    assert_eq!(status_of(&ws, "T2", day(2018, 12, 31)), Status::Met);
    // Stopping again puts it back.
    let last = ws.units.len() - 1;
    ws.units[last] = with_status(
        ws.units[last].clone(),
        OperatingStatus::Inactive,
        day(2019, 5, 1),
    );
    assert_eq!(
        value_of(&ws, Indicator::InactiveDissolvedShare, day(2019, 5, 1)),
        Some(0.5)
    );
}

#[test]
fn an_empty_dissolution_queue_is_no_data_on_the_dashboard_and_in_the_simulation() {
    use coop_plan::simulation::{ModelKind, Options, Setup};
    let mut ws = workspace();
    ws.units = vec![cooperative("a")];
    assert_eq!(status_of(&ws, "T2", day(2018, 12, 31)), Status::NoData);
    let setup = Setup::from_workspace(ModelKind::Backlog, &ws, day(2018, 1, 1), Options::default());
    let inputs = setup.resolve(&Vec::new()).expect("complete");
    let trajectory = setup.run(&Setup::likely(&inputs));
    let goal = setup
        .goals
        .iter()
        .position(|g| g.target_id == "T2")
        .expect("a T2 goal");
    assert!(trajectory.judged[setup.goals[goal].metric].is_nan());
    assert!(!trajectory.met[goal]);
    let table = coop_plan::report::simulation::projection_table(
        &setup,
        &trajectory,
        coop_plan::i18n::Lang::Vi,
    );
    let judged = &table.judged.cells[setup.goals[goal].metric];
    assert!(judged.contains("chưa có dữ liệu"), "{judged}");
}
