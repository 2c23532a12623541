//! Files in and out: JSON and CSV export → import give back any valid
//! workspace exactly, and no input, however broken, makes an importer
//! panic or fail without saying where.
// proptest builds natively only: the browser tests leave this file out.
#![cfg(not(target_arch = "wasm32"))]
// Property tests run natively only (proptest does not build for the browser).
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use coop_plan::domain::decimal::Decimal;
use coop_plan::domain::generate::synthetic_workspace;
use coop_plan::domain::merge::{merge, Source};
use coop_plan::domain::plan::Plan;
use coop_plan::domain::unit::{
    CoopModel, GroupConditions, KeyManager, ManagerRole, OperatingStatus, Qualification,
    Recognition, Reorganisation, StatusChange, Unit, UnitKind, YearRecord,
};
use coop_plan::domain::validation::validate_workspace;
use coop_plan::domain::workspace::{CityYear, Workspace};
use coop_plan::files::csv_data::{
    import_csv, import_csv_files, units_csv, years_csv, CsvError, CsvImport, Phase, UNIT_COLUMNS,
    YEAR_FIELDS,
};
use coop_plan::files::document::{from_json, to_json};
use coop_plan::files::import::preview_import;
use proptest::option::of;
use proptest::prelude::*;

fn day(year: i32, ordinal: u32) -> NaiveDate {
    NaiveDate::from_yo_opt(year, ordinal).unwrap_or(NaiveDate::MIN)
}

fn date_in(years: std::ops::Range<i32>) -> impl Strategy<Value = NaiveDate> {
    (years, 1u32..366).prop_map(|(y, d)| day(y, d))
}

/// Text as people write it: Vietnamese letters and every character that
/// matters to CSV, JSON and the list cells, trimmed as cells are read.
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!(
        "[A-Za-z0-9Đđăâêôơưáàảãạếềểễệốồổỗộớờởỡợ ,;\"'\\\\\\n<>&/-]{{0,{max}}}"
    ))
    .unwrap_or_else(|_| proptest::string::string_regex("[a-z]{0,5}").expect("regex"))
    .prop_map(|s| s.trim().to_owned())
}

fn amount(signed: bool) -> impl Strategy<Value = Option<Decimal>> {
    let pattern = if signed {
        "-?[0-9]{1,18}(\\.[0-9]{1,6})?"
    } else {
        "[0-9]{1,18}(\\.[0-9]{1,6})?"
    };
    of(proptest::string::string_regex(pattern)
        .expect("regex")
        .prop_map(|s| Decimal::parse(&s).expect("a plain decimal")))
}

fn manager() -> impl Strategy<Value = KeyManager> {
    (0usize..4, 0usize..5, any::<bool>(), text(12)).prop_map(|(r, q, trained, name)| KeyManager {
        role: ManagerRole::ALL[r],
        qualification: Qualification::ALL[q],
        trained,
        name,
    })
}

fn record(year: i32) -> impl Strategy<Value = YearRecord> {
    (
        (of(0i64..100_000), of(0i64..100_000), of(0i64..1_000)),
        (amount(false), amount(false), amount(false), amount(false)),
        (amount(true), amount(false), amount(false)),
        (amount(false), amount(false)),
        of("[0-9]{1,2}(\\.[0-9]{1,3})?".prop_map(|s| Decimal::parse(&s).expect("decimal"))),
        proptest::collection::vec(manager(), 0..4),
    )
        .prop_map(
            move |(
                (members, workers, staff),
                (charter, total, assets, revenue),
                (profit, value_added, income),
                (development, reserve),
                percent,
                key_managers,
            )| YearRecord {
                year,
                members,
                regular_workers: workers,
                charter_capital: charter,
                total_capital: total,
                indivisible_assets: assets,
                revenue,
                pre_tax_profit: profit,
                value_added,
                average_worker_income: income,
                staff,
                staff_trained: staff.map(|s| s / 2),
                development_fund: development,
                reserve_fund: reserve,
                non_member_supply_percent: percent,
                key_managers,
            },
        )
}

fn unit(index: usize) -> impl Strategy<Value = Unit> {
    let plan = Plan::hai_phong_135();
    let sectors: Vec<String> = plan.sectors.iter().map(|s| s.id.clone()).collect();
    let districts = plan.districts.clone();
    (
        (
            0usize..4,
            text(30),
            any::<bool>(),
            0..=sectors.len(),
            0..=districts.len(),
            text(15),
        ),
        (
            of(date_in(1950..2011)),
            of(0usize..2),
            any::<bool>(),
            of(date_in(2011..2021)),
        ),
        (
            proptest::collection::vec((any::<bool>(), date_in(2011..2031)), 0..3),
            of(date_in(2031..2041)),
        ),
        proptest::collection::vec((2000i32..2031, of(date_in(2000..2031)), text(20)), 0..3),
        (any::<bool>(), any::<bool>()),
        proptest::collection::btree_set(2015i32..2025, 0..4),
    )
        .prop_flat_map(
            move |(
                (kind, name, coded, sector, district, commune),
                (founded, model, required, completed),
                (changes, dissolved),
                recognitions,
                (contract, legal),
                years,
            )| {
                let kind = UnitKind::ALL[kind];
                let mut unit = Unit::new(format!("u{index}"), name, kind);
                if unit.name.is_empty() {
                    unit.name = format!("HTX số {index}");
                }
                if coded {
                    unit.registration_code = format!("C{index}");
                }
                unit.sector = sectors.get(sector).cloned().unwrap_or_default();
                unit.district = districts.get(district).cloned().unwrap_or_default();
                unit.commune = commune;
                unit.founded = founded;
                unit.model = model.map(|m| [CoopModel::ServiceSupply, CoopModel::JobCreation][m]);
                unit.reorganisation = Reorganisation {
                    required,
                    completed_on: completed,
                };
                unit.status_history = changes
                    .into_iter()
                    .map(|(active, since)| StatusChange {
                        status: if active {
                            OperatingStatus::Active
                        } else {
                            OperatingStatus::Inactive
                        },
                        since,
                    })
                    .chain(dissolved.map(|since| StatusChange {
                        status: OperatingStatus::Dissolved,
                        since,
                    }))
                    .collect();
                unit.recognitions = recognitions
                    .into_iter()
                    .map(|(year, date, decision)| Recognition {
                        year,
                        date,
                        decision,
                    })
                    .collect();
                unit.group = (kind == UnitKind::Tht).then_some(GroupConditions {
                    contract_authenticated: contract,
                    meets_legal_conditions: legal,
                });
                let records: Vec<_> = years.into_iter().map(record).collect();
                (Just(unit), records).prop_map(|(mut unit, records)| {
                    unit.years = records;
                    unit
                })
            },
        )
}

fn workspace() -> impl Strategy<Value = Workspace> {
    (0usize..6)
        .prop_flat_map(|n| {
            (
                (0..n).map(unit).collect::<Vec<_>>(),
                proptest::collection::btree_set(2015i32..2025, 0..3),
                text(20),
            )
        })
        .prop_flat_map(|(units, city_years, name)| {
            let city: Vec<_> = city_years
                .into_iter()
                .map(|year| {
                    let positive = of("[1-9][0-9]{0,17}(\\.[0-9]{1,6})?"
                        .prop_map(|s| Decimal::parse(&s).expect("a plain decimal")));
                    (positive, amount(false)).prop_map(move |(grdp, extra)| CityYear {
                        year,
                        grdp_current_prices: grdp,
                        extra_collective_value_added: extra,
                    })
                })
                .collect();
            (Just(units), city, Just(name)).prop_map(|(units, city_years, name)| {
                let mut ws = Workspace::new("w", name);
                ws.units = units;
                ws.city_years = city_years;
                ws
            })
        })
}

type Outcome = Result<Workspace, Vec<(String, CsvError)>>;

/// Imports `files` into `current` `rows` rows at a time, checking on the
/// way that every step does a bounded amount of work and that progress
/// only moves forward and ends at its total.
fn stepped(current: &Workspace, files: &[(String, String)], rows: usize) -> Outcome {
    let mut import = CsvImport::new(current, files.to_vec());
    let mut last = import.progress();
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    for _ in 0..10_000_000 {
        let progress = import.step(rows);
        assert!(
            (progress.phase, progress.done) >= (last.phase, last.done),
            "progress went back: {last:?} → {progress:?}"
        );
        assert!(progress.done <= progress.total, "{progress:?}");
        assert!(progress.rows - last.rows <= rows, "more rows than asked");
        if progress.phase == Phase::Reading {
            assert_eq!(progress.total, bytes);
        }
        if progress.phase == Phase::Done {
            assert_eq!(progress.done, progress.total);
            return import.finish();
        }
        last = progress;
    }
    panic!("the import never finished");
}

/// Stepping with any chunk size gives exactly what the one-shot import
/// gives: the same workspace, or the same errors in the same order.
fn same_in_any_steps(current: &Workspace, files: &[(String, String)]) -> Outcome {
    let whole = import_csv_files(current, files);
    for rows in [1, 7, 1000, usize::MAX] {
        assert_eq!(
            stepped(current, files, rows),
            whole,
            "in steps of {rows} rows"
        );
    }
    whole
}

fn named(name: &str, text: String) -> (String, String) {
    (name.to_owned(), text)
}

#[test]
fn a_big_import_in_steps_is_the_import_at_once() {
    let mut ws = synthetic_workspace(300, 7);
    for unit in &mut ws.units {
        unit.years.retain(|r| r.year > 2017);
    }
    let empty = Workspace::new(ws.id.clone(), ws.name.clone());
    // Years first: the units file is read first all the same.
    let files = [
        named("so-lieu-nam.csv", years_csv(&ws)),
        named("don-vi.csv", units_csv(&ws)),
    ];
    let back = same_in_any_steps(&empty, &files).expect("valid files");
    assert_eq!(back.units, ws.units);
    // Into a workspace that has them already: nothing changes.
    assert_eq!(
        same_in_any_steps(&back, &files).expect("again").units,
        ws.units
    );
}

#[test]
fn errors_in_steps_are_the_errors_at_once() {
    let mut ws = synthetic_workspace(60, 3);
    for unit in &mut ws.units {
        unit.years.retain(|r| r.year > 2018);
    }
    let empty = Workspace::new("w", "w");
    let units = units_csv(&ws);
    let years = years_csv(&ws);
    let mut lines: Vec<&str> = years.split("\r\n").collect();
    // A year that cannot be read, an id no unit has (the unit is found by
    // its code), a repeated row; a units file without one of the units;
    // a quote never closed; wrong columns; empty files; years alone.
    let bad_cell = lines[3].replacen(",20", ",2x0", 1);
    lines[3] = &bad_cell;
    let unknown = lines[5].replacen("u", "nobody-", 1);
    lines[5] = &unknown;
    let repeated = lines[8].to_owned();
    lines.push(&repeated);
    let broken_years = lines.join("\r\n");
    let mut units_lines: Vec<&str> = units.split("\r\n").collect();
    units_lines.remove(2);
    let broken_units = units_lines.join("\r\n");
    let cases = [
        vec![
            named("y.csv", broken_years.clone()),
            named("u.csv", units.clone()),
        ],
        vec![named("u.csv", broken_units), named("y.csv", years.clone())],
        vec![named("u.csv", format!("{units}\"open,quote\r\n"))],
        vec![named("u.csv", "Tên đơn vị,Năm,Năm\r\nA,1\r\n".into())],
        vec![
            named("u.csv", String::new()),
            named("y.csv", "\u{feff}\r\n\r\n".into()),
        ],
        vec![named("y.csv", years.clone())],
    ];
    for files in cases {
        let errors = same_in_any_steps(&empty, &files).expect_err("refused");
        assert!(!errors.is_empty());
        assert!(errors
            .iter()
            .all(|(name, e)| !name.is_empty() && e.line >= 1));
    }
}

#[test]
fn staff_trained_over_staff_is_placed_on_the_years_line() {
    let mut ws = synthetic_workspace(5, 1);
    for unit in &mut ws.units {
        unit.years.retain(|r| r.year == 2020);
    }
    let empty = Workspace::new("w", "w");
    let years = "id,year,staff,staff_trained\r\nu2,2020,3,5\r\n";
    let files = [named("u.csv", units_csv(&ws)), named("y.csv", years.into())];
    let errors = same_in_any_steps(&empty, &files).expect_err("refused");
    let places: Vec<(&str, usize, &str)> = errors
        .iter()
        .map(|(name, e)| (name.as_str(), e.line, e.column.as_str()))
        .collect();
    assert_eq!(places, [("y.csv", 2, "staff_trained")]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn generated_workspaces_are_valid(ws in workspace()) {
        let report = validate_workspace(&ws);
        prop_assert!(report.errors().next().is_none(), "{:?}", report.errors().next());
    }

    #[test]
    fn json_export_then_import_is_the_identity(ws in workspace()) {
        let back = from_json(&to_json(&ws)).expect("readable");
        prop_assert_eq!(&back, &ws);
        let preview = preview_import(&ws, &to_json(&ws), 0).expect("importable");
        prop_assert!(preview.can_confirm());
        prop_assert_eq!(preview.workspace, ws);
    }

    #[test]
    fn csv_export_then_import_is_the_identity(ws in workspace()) {
        let empty = Workspace::new("w", ws.name.clone());
        let (_, with_units) = import_csv(&empty, &units_csv(&ws)).expect("units file");
        let (_, back) = import_csv(&with_units, &years_csv(&ws)).expect("years file");
        prop_assert_eq!(&back.units, &ws.units);
        // Importing the same files again changes nothing.
        let (_, again) = import_csv(&back, &units_csv(&ws)).expect("units again");
        let (_, again) = import_csv(&again, &years_csv(&ws)).expect("years again");
        prop_assert_eq!(again.units, ws.units);
    }

    #[test]
    fn merging_a_workspace_with_itself_gives_it_back(ws in workspace()) {
        let source = |label: &str| Source { label: label.into(), modified: 0.0, workspace: ws.clone() };
        let merged = merge(&ws, &[source("a")]);
        prop_assert!(merged.conflicts.is_empty());
        let merged = merged.workspace();
        prop_assert_eq!(&merged.units, &ws.units);
        prop_assert_eq!(&merged.city_years, &ws.city_years);
        // The same file twice: every unit once (by code, or identical
        // without one), and nothing conflicts.
        let twice = merge(&ws, &[source("a"), source("b")]);
        prop_assert!(twice.conflicts.is_empty());
        prop_assert_eq!(twice.workspace().units, ws.units.clone());
    }

    /// Any text is imported or refused with every problem placed on a line.
    #[test]
    fn csv_import_of_any_text_never_panics(text in "\\PC{0,300}") {
        if let Err(errors) = import_csv(&Workspace::new("w", "w"), &text) {
            prop_assert!(!errors.is_empty());
            for error in errors {
                prop_assert!(error.line >= 1);
                prop_assert!(!error.message.en.is_empty() && !error.message.vi.is_empty());
            }
        }
    }

    #[test]
    fn csv_and_json_import_of_any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Err(errors) = import_csv(&Workspace::new("w", "w"), &text) {
            prop_assert!(errors.iter().all(|e| e.line >= 1));
        }
        if let Err(error) = preview_import(&Workspace::new("w", "w"), &text, bytes.len() as u64) {
            prop_assert!(!error.message(coop_plan::i18n::Lang::En).is_empty());
        }
    }

    /// Files with the right columns and any cells: read, or refused with a
    /// line and a column for each problem.
    #[test]
    fn csv_with_known_columns_and_any_cells_never_panics(
        years in any::<bool>(),
        semicolons in any::<bool>(),
        cells in proptest::collection::vec(proptest::collection::vec("[^\"]{0,12}", 1..20), 0..6),
    ) {
        let columns: Vec<&str> = if years {
            ["id", "year"].into_iter().chain(YEAR_FIELDS).collect()
        } else {
            UNIT_COLUMNS.to_vec()
        };
        let separator = if semicolons { ";" } else { "," };
        let quote = |c: &str| format!("\"{c}\"");
        let mut text = columns.join(separator);
        for row in &cells {
            text.push('\n');
            text.push_str(&row.iter().map(|c| quote(c)).collect::<Vec<_>>().join(separator));
        }
        let mut ws = Workspace::new("w", "w");
        ws.units.push(Unit::new("u1", "A", UnitKind::Htx));
        // Quoted cells may hold line breaks: a line is at most one past
        // the last break.
        let last_line = 1 + text.chars().filter(|c| matches!(c, '\n' | '\r')).count();
        if let Err(errors) = import_csv(&ws, &text) {
            for error in errors {
                prop_assert!(error.line >= 2 && error.line <= last_line, "{error:?}");
                prop_assert!(!error.column.is_empty(), "{error:?}");
            }
        }
    }

    /// Any chunk size, for generated workspaces (valid) and for any text
    /// (mostly refused): the same outcome as at once.
    #[test]
    fn csv_import_in_any_steps_is_the_import_at_once(
        ws in workspace(),
        rows in 1usize..40,
        text in "\\PC{0,200}",
    ) {
        let empty = Workspace::new("w", ws.name.clone());
        let files = [named("y.csv", years_csv(&ws)), named("u.csv", units_csv(&ws))];
        let whole = import_csv_files(&empty, &files);
        prop_assert_eq!(&whole.clone().map(|w| w.units), &Ok(ws.units.clone()));
        prop_assert_eq!(stepped(&empty, &files, rows), whole);
        let files = [named("x.csv", text), named("u.csv", units_csv(&ws))];
        prop_assert_eq!(stepped(&ws, &files, rows), import_csv_files(&ws, &files));
    }
}
