//! Exports are byte for byte what earlier builds wrote: the demo
//! workspace, every workspace fixture read and written again, a generated
//! workspace and one that sets every stored field and escape, each
//! compared with its file in `tests/golden/`. The per-unit records the
//! browser stores (`unit_text`, `workspace_around_units`) put together
//! again are the same bytes.
//!
//! The files were written by the hand-written JSON writer that serde's
//! derived code replaced; to write them again after a deliberate change of
//! format, run `GOLDEN_WRITE=1 cargo test --no-default-features --test
//! golden` and review the diff.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::{Path, PathBuf};

use coop_plan::domain::decimal::Decimal;
use coop_plan::domain::unit::{
    CoopModel, KeyManager, ManagerRole, OperatingStatus, Qualification, Recognition, StatusChange,
    Unit, UnitKind, YearRecord,
};
use coop_plan::domain::workspace::Workspace;
use coop_plan::files::document::{from_json, to_json, unit_text, workspace_around_units};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden_path(name: &str) -> PathBuf {
    root().join("tests/golden").join(name)
}

/// `text` is the golden file `name`, byte for byte; its records put
/// together again are too, and it reads back to a workspace that writes
/// the same bytes.
fn check(name: &str, workspace: &Workspace) {
    let text = to_json(workspace);
    let path = golden_path(name);
    if std::env::var_os("GOLDEN_WRITE").is_some() {
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let golden =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if text != golden {
        let at = text
            .bytes()
            .zip(golden.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(text.len().min(golden.len()));
        let from = at.saturating_sub(60);
        panic!(
            "{name} differs from its golden file at byte {at}:\n written: {:?}\n  golden: {:?}",
            text.get(from..(at + 60).min(text.len())).unwrap_or(""),
            golden.get(from..(at + 60).min(golden.len())).unwrap_or(""),
        );
    }
    let (before, after) = workspace_around_units(workspace);
    let units: Vec<String> = workspace.units.iter().map(unit_text).collect();
    assert_eq!(
        format!("{before}[{}]{after}", units.join(",")),
        golden,
        "{name}: the stored records put together again"
    );
    let again = from_json(&golden).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(&again, workspace, "{name} reads back as it was");
    assert_eq!(to_json(&again), golden, "{name} written again");
}

#[test]
fn the_demo_is_written_as_before() {
    check("demo.json", &coop_plan::domain::demo::demo_workspace());
}

#[test]
fn every_fixture_is_written_as_before() {
    let mut seen = 0;
    let mut names: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .expect("tests/fixtures")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path).expect("a fixture");
        let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
        let workspace = from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(name, &workspace);
        seen += 1;
    }
    assert!(seen >= 3, "the workspace fixtures were found ({seen})");
}

#[test]
fn a_generated_workspace_is_written_as_before() {
    check(
        "synthetic-40.json",
        &coop_plan::domain::generate::synthetic_workspace(40, 7),
    );
    check("empty.json", &Workspace::new("e", "e"));
}

#[test]
fn every_field_and_escape_is_written_as_before() {
    check("every-field.json", &every_field());
}

/// A workspace that sets every stored field at least once, with every
/// character JSON escapes.
fn every_field() -> Workspace {
    let mut ws = Workspace::new("w\"1", "Tên \\ \n\t\u{1} \u{8}\u{c}\r \u{7f} ✓ </script>");
    ws.illustrative = true;
    let d = |t: &str| Some(Decimal::parse(t).expect("decimal"));
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
    for kind in [
        UnitKind::Htx,
        UnitKind::Tht,
        UnitKind::Lhhtx,
        UnitKind::Qtdnd,
    ] {
        let mut u = Unit::new(format!("u-{}", kind.stored_key()), "HTX \"A\"", kind);
        u.registration_code = "0201".to_owned();
        u.commune = "Xã B".to_owned();
        u.founded = Some(date(2010, 2, 3));
        u.model = Some(if kind == UnitKind::Htx {
            CoopModel::ServiceSupply
        } else {
            CoopModel::JobCreation
        });
        u.reorganisation.required = true;
        u.reorganisation.completed_on = Some(date(2018, 6, 30));
        for status in [
            OperatingStatus::Inactive,
            OperatingStatus::Active,
            OperatingStatus::Dissolved,
        ] {
            u.status_history.push(StatusChange {
                status,
                since: date(2019, 1, 1),
            });
        }
        u.recognitions.push(Recognition {
            year: 2019,
            decision: "QĐ 1".to_owned(),
            date: None,
        });
        u.recognitions.push(Recognition {
            year: 2020,
            decision: String::new(),
            date: Some(date(2020, 12, 1)),
        });
        u.years.push(YearRecord {
            year: 2019,
            members: Some(40),
            regular_workers: Some(-3),
            charter_capital: d("1.5"),
            total_capital: d("2"),
            indivisible_assets: d("3"),
            revenue: d("-4"),
            pre_tax_profit: d("5"),
            value_added: d("6"),
            average_worker_income: d("7"),
            staff: Some(8),
            staff_trained: Some(9),
            development_fund: d("10"),
            reserve_fund: d("11"),
            non_member_supply_percent: d("12.5"),
            key_managers: ManagerRole::ALL
                .iter()
                .zip(Qualification::ALL)
                .enumerate()
                .map(|(i, (role, qualification))| KeyManager {
                    role: *role,
                    qualification,
                    trained: i % 2 == 0,
                    name: if i == 0 {
                        "Chị Lan".to_owned()
                    } else {
                        String::new()
                    },
                })
                .collect(),
        });
        u.years.push(YearRecord {
            year: 2020,
            ..YearRecord::default()
        });
        ws.units.push(u);
    }
    let mut a = coop_plan::assessment::Assessment::new("u-htx", 2023, date(2023, 5, 6));
    a.set("note:2012-bodies", "\"ghi chú\" = x");
    ws.assessments.push(a);
    ws.exemplary_criteria.push("previous=none".to_owned());
    ws.scenarios
        .push(coop_plan::simulation::scenario::Scenario {
            id: "s1".to_owned(),
            name: "Kịch bản".to_owned(),
            ..Default::default()
        });
    let mut growth = coop_plan::simulation::scenario::Scenario {
        id: "s2".to_owned(),
        name: "Tăng trưởng".to_owned(),
        per_year_growth: true,
        ..Default::default()
    };
    growth
        .overrides
        .push(coop_plan::simulation::scenario::Override {
            key: "growth".to_owned(),
            low: 0.05,
            likely: 0.1,
            high: 1.0,
            pert: true,
        });
    ws.scenarios.push(growth);
    ws.city_years.push(coop_plan::domain::workspace::CityYear {
        year: 2019,
        grdp_current_prices: d("1000"),
        extra_collective_value_added: None,
    });
    ws.city_years.push(coop_plan::domain::workspace::CityYear {
        year: 2020,
        grdp_current_prices: None,
        extra_collective_value_added: d("0.5"),
    });
    use coop_plan::domain::task::{ProgressEntry, TaskDeadline, TaskStatus};
    let template = ws.plan.tasks.first().cloned().expect("the plan's tasks");
    for (i, deadline) in [
        None,
        Some(TaskDeadline::Date {
            date: date(2019, 6, 30),
        }),
        Some(TaskDeadline::Quarter {
            year: 2018,
            quarter: 2,
        }),
        Some(TaskDeadline::Year { year: 2020 }),
        Some(TaskDeadline::Yearly { month: 12, day: 15 }),
    ]
    .into_iter()
    .enumerate()
    {
        let mut task = template.clone();
        task.id = format!("t{i}");
        task.deadline = deadline;
        task.status = [
            TaskStatus::NotStarted,
            TaskStatus::InProgress,
            TaskStatus::Done,
        ][i % 3];
        task.partner_agencies = vec!["Sở \"A\"".to_owned()];
        task.progress.push(ProgressEntry {
            date: date(2019, 1, 2),
            note: "Đã họp".to_owned(),
        });
        ws.plan.tasks.push(task);
    }
    ws.plan.settings.qualified_reading = coop_plan::domain::plan::QualifiedReading::OfAll;
    ws.plan.targets[0].band_upper = Some(0.012);
    ws.plan.targets[1].value = 1e-7;
    ws.plan.targets[2].value = 123456.5;
    ws
}
