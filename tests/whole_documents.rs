//! Whole workspace documents, plan included, with hostile values: huge and
//! negative years and counts, long texts, markup in every text, duplicate
//! keys, deep nesting, values of the wrong kind. Each is fed through the
//! import (read, validate, preview) and — as a stored workspace that was
//! never checked would be — through the indicators, the trend charts, the
//! target cards, the presentation, the progress report, the simulation's
//! models, the plan page, the task tracker, the data page's checks and
//! table, the unit sheets, breakdowns, drill-downs, exercises and
//! self-assessment pages. None may
//! panic; no work may grow with a year or a count taken from the file
//! (each case is timed, and the lists over years are bounded); every
//! refusal and every finding names its place; no markup from the file
//! reaches the HTML unescaped.
//!
//! `make test` runs a few hundred cases; `make fuzz` runs 100,000
//! (`PROPTEST_CASES` sets the number).
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use coop_plan::domain::indicator::Engine;
use coop_plan::domain::task::TaskDeadline;
use coop_plan::domain::workspace::{CityYear, Workspace};
use coop_plan::files::document::{from_json, to_json, DocumentError};
use coop_plan::files::import::{preview_import, preview_summary, ImportError};
use coop_plan::i18n::Lang;
use coop_plan::report::present::{slide, Timeline};
use coop_plan::report::simulation::projection_table;
use coop_plan::report::{trend_chart, ProgressReport, TargetCard};
use coop_plan::simulation::{ModelKind, Options, Setup};
use proptest::prelude::*;
use serde_json::Value;

/// Markup a file may carry in any text: none of it may reach the HTML as
/// markup.
const MARKUP: [&str; 4] = [
    "\"><img src=x onerror=window.__pwned=1>",
    "<script>window.__pwned=1</script>",
    "' onmouseover='window.__pwned=1",
    "</title><svg onload=window.__pwned=1>",
];

/// The longest any case may take, however hostile (a debug build on a busy
/// machine takes a few milliseconds for most).
const CASE_LIMIT: Duration = Duration::from_secs(5);

/// The number of years 1990–2100 span, and the ten a trend may add.
const MAX_TREND_POINTS: usize = (2100 - 1990 + 1) + 10;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// A small valid workspace with something in every part of the document.
fn base() -> Value {
    let mut ws = coop_plan::domain::generate::synthetic_workspace(3, 7);
    ws.plan.tasks[0].deadline = Some(TaskDeadline::Quarter {
        year: 2018,
        quarter: 2,
    });
    ws.plan.tasks[1].deadline = Some(TaskDeadline::Yearly { month: 12, day: 15 });
    let mut dated = ws.plan.tasks[0].clone();
    dated.id = "N1".into();
    dated.deadline = Some(TaskDeadline::Date {
        date: day(2019, 3, 1),
    });
    dated.progress.push(coop_plan::domain::task::ProgressEntry {
        date: day(2019, 1, 2),
        note: "ghi chú".into(),
    });
    ws.plan.tasks.push(dated);
    ws.city_years.push(CityYear {
        year: 2021,
        grdp_current_prices: coop_plan::domain::decimal::Decimal::parse("250000").ok(),
        extra_collective_value_added: coop_plan::domain::decimal::Decimal::parse("12.5").ok(),
    });
    if let Some(unit) = ws.units.first() {
        let mut a = coop_plan::assessment::Assessment::new(unit.id.clone(), 2019, day(2020, 1, 15));
        a.set("months_operated", "12");
        a.set("score:1a", "4");
        ws.assessments.push(a);
    }
    ws.scenarios
        .push(coop_plan::simulation::scenario::Scenario {
            id: "s1".into(),
            name: "Kịch bản".into(),
            ..Default::default()
        });
    serde_json::from_str(&to_json(&ws)).unwrap_or(Value::Null)
}

/// Every leaf of a JSON tree, as a JSON pointer, with its value.
fn leaves(value: &Value, at: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                leaves(
                    v,
                    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{at}/{i}"), out);
            }
        }
        leaf => out.push((at, leaf.clone())),
    }
}

fn hostile_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        (1985i64..2110).prop_map(Value::from),
        Just(Value::from(-100_000_000i64)),
        Just(Value::from(i64::from(i32::MAX))),
        Just(Value::from(i64::from(i32::MIN))),
        Just(Value::from(i64::MAX)),
        Just(Value::from(i64::MIN)),
        Just(Value::from(u64::MAX)),
        any::<i64>().prop_map(Value::from),
        (-1e300f64..1e300).prop_map(Value::from),
        (0u32..20).prop_map(Value::from),
        Just(Value::from(-1)),
        Just(Value::from(0.5)),
    ]
}

fn hostile_text() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(MARKUP.to_vec()).prop_map(|s| Value::from(s.to_owned())),
        ".{0,24}".prop_map(Value::from),
        "[A-Za-z0-9._-]{1,8}".prop_map(Value::from),
        (1usize..200_000).prop_map(|n| Value::from("x".repeat(n))),
        "-?[0-9]{1,30}(\\.[0-9]{1,12})?".prop_map(Value::from),
        "[0-9]{1,6}-(0[0-9]|1[0-3])-[0-3][0-9]".prop_map(Value::from),
        "(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])".prop_map(Value::from),
        "(months_operated|months_stopped|score:1a|fact:board_size|year|unit)=-?[0-9]{1,12}"
            .prop_map(Value::from),
    ]
}

/// Nested lists, up to a depth past serde_json's limit of 128.
fn deep() -> impl Strategy<Value = Value> {
    (1usize..300).prop_map(|depth| {
        let mut v = Value::Array(Vec::new());
        for _ in 0..depth {
            v = Value::Array(vec![v]);
        }
        v
    })
}

/// A replacement for a leaf: of the leaf's own kind most of the time, so
/// that it reaches validation and the indicators, else of any kind.
fn replacement(original: &Value) -> BoxedStrategy<Value> {
    let own = match original {
        Value::Number(_) => hostile_number().boxed(),
        Value::String(_) => hostile_text().boxed(),
        Value::Bool(_) => any::<bool>().prop_map(Value::from).boxed(),
        _ => prop_oneof![hostile_number(), hostile_text()].boxed(),
    };
    prop_oneof![
        8 => own,
        1 => prop_oneof![hostile_number(), hostile_text(), Just(Value::Null), deep()],
    ]
    .boxed()
}

/// One edit of the text after it is written: a key repeated, or nothing.
#[derive(Clone, Debug)]
enum TextEdit {
    None,
    /// The `nth` occurrence of `"key":` gets a twin before it.
    DuplicateKey {
        key: &'static str,
        nth: usize,
    },
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        4 => Just(TextEdit::None),
        1 => (
            prop::sample::select(vec!["year", "id", "value", "start_year", "members", "deadline", "units", "plan"]),
            0usize..8
        )
            .prop_map(|(key, nth)| TextEdit::DuplicateKey { key, nth }),
    ]
}

/// A whole document: the base with a few leaves replaced, written as text
/// and perhaps given a duplicate key.
fn document() -> impl Strategy<Value = String> {
    let base = base();
    let mut all = Vec::new();
    leaves(&base, String::new(), &mut all);
    let edits = prop::collection::vec(
        prop::sample::select(all)
            .prop_flat_map(|(pointer, original)| (Just(pointer), replacement(&original))),
        1..6,
    );
    (edits, text_edit()).prop_map(move |(edits, text_edit)| {
        let mut doc = base.clone();
        for (pointer, value) in edits {
            if let Some(slot) = doc.pointer_mut(&pointer) {
                *slot = value;
            }
        }
        let text = serde_json::to_string(&doc).unwrap_or_default();
        match text_edit {
            TextEdit::None => text,
            TextEdit::DuplicateKey { key, nth } => {
                let needle = format!("\"{key}\":");
                match text.match_indices(&needle).nth(nth).map(|(i, _)| i) {
                    Some(i) => format!("{}{needle}0,{}", &text[..i], &text[i..]),
                    None => text,
                }
            }
        }
    })
}

/// What the app does with a stored workspace that was never checked:
/// every target evaluated and drawn, the presentation and the report.
fn show_everything(ws: &Workspace) -> Result<(), TestCaseError> {
    let engine = Engine::new(ws);
    for as_of in [day(2017, 6, 30), day(2019, 7, 1), day(2030, 1, 1)] {
        let evaluations = engine.evaluate_all(as_of);
        for (target, evaluation) in ws.plan.targets.iter().zip(&evaluations) {
            let trend = engine.trend(target.indicator);
            prop_assert!(
                trend.len() <= MAX_TREND_POINTS,
                "{} years in a trend",
                trend.len()
            );
            // Cards and charts are data, drawn by the app's views (which
            // escape): they must be made without panicking, and small.
            let card = TargetCard::new(target, evaluation, as_of, Lang::Vi);
            prop_assert_eq!(&card.id, &target.id);
            let chart = trend_chart(ws, target, Lang::En);
            prop_assert!(chart.dots.len() <= MAX_TREND_POINTS);
            prop_assert!(chart.y_ticks.len() <= 7, "{} ticks", chart.y_ticks.len());
        }
        let timeline = Timeline::of(ws);
        prop_assert!(
            timeline.last() < 12 * 112,
            "a time line of {} months",
            timeline.last()
        );
        let _ = timeline.month_end(timeline.index_of(as_of));
        for index in 0..ws.plan.targets.len().min(3) {
            prop_assert!(slide(ws, &evaluations, index, as_of, Lang::Vi).is_some());
        }
        // The report is data (its view escapes text): every target and task
        // has its row, whatever the file holds.
        let report = ProgressReport::new(ws, &evaluations, as_of, as_of, Lang::En);
        prop_assert_eq!(report.targets.rows.len(), ws.plan.targets.len());
        prop_assert_eq!(report.tasks.rows.len(), ws.plan.tasks.len());
        // The plan page and the task tracker: what they show is data,
        // drawn as text by the app, so what matters is that it is made
        // without a panic, every row there.
        let plan = &ws.plan;
        let issues = coop_plan::domain::plan_validation::check_plan(plan);
        let rows = coop_plan::edit::plan_form::target_rows(plan, Lang::Vi);
        prop_assert_eq!(rows.len(), plan.targets.len());
        for row in &rows {
            for part in [
                coop_plan::edit::plan_draft::Part::Value,
                coop_plan::edit::plan_draft::Part::Band,
                coop_plan::edit::plan_draft::Part::Deadline,
            ] {
                let _ = coop_plan::edit::plan_form::field_message(
                    plan,
                    &issues,
                    &row.id,
                    part,
                    Lang::Vi,
                );
            }
        }
        let _ = coop_plan::edit::plan_form::general_issues(&issues, Lang::Vi);
        let summary = coop_plan::report::PlanSummary::new(plan, Lang::En);
        prop_assert_eq!(summary.rows.len(), plan.targets.len());
        let tasks =
            coop_plan::edit::task_form::task_rows(plan, &Default::default(), as_of, Lang::Vi);
        prop_assert_eq!(tasks.len(), plan.tasks.len());
        // The data page.
        // The data checks are text for the view to escape: one line per
        // finding listed, each with its place.
        let checks = coop_plan::report::data_checks(ws, 50, Lang::Vi);
        prop_assert!(checks.issues.len() <= 50);
        prop_assert!(checks.issues.iter().all(|i| i.text.starts_with(" · ")));
        // The units table is text for the view to escape; one page of it.
        let table =
            coop_plan::edit::unit_table::unit_table(ws, &Default::default(), as_of, 50, Lang::En);
        prop_assert_eq!(table.rows.len(), ws.units.len().min(50));
        // The simulation page's models, from the same data.
        for kind in ModelKind::ALL {
            let options = Options {
                per_year_growth: true,
            };
            let setup = Setup::from_workspace(kind, ws, as_of, options);
            prop_assert!(
                setup.periods.len() <= MAX_TREND_POINTS,
                "{} periods",
                setup.periods.len()
            );
            // A few inputs a year at most (growth rates, seats), over
            // bounded years.
            prop_assert!(
                setup.inputs.len() <= 3 * MAX_TREND_POINTS,
                "{} inputs",
                setup.inputs.len()
            );
            if let Ok(inputs) = setup.resolve(&[]) {
                let values = Setup::likely(&inputs);
                let trajectory = setup.run(&values);
                let _ = setup.goal_seek(&values);
                // Data, drawn as text by the page: every row has a cell
                // per metric, whatever the document holds.
                let table = projection_table(&setup, &trajectory, Lang::Vi);
                prop_assert_eq!(table.metrics.len(), setup.metrics.len());
                for row in table.rows.iter().chain([&table.judged]) {
                    prop_assert_eq!(row.cells.len(), setup.metrics.len());
                }
            }
        }
    }
    Ok(())
}

/// The pages that read one unit, one target's groups or one assessment.
fn show_the_details(ws: &Workspace) -> Result<(), TestCaseError> {
    use coop_plan::assessment::page;
    use coop_plan::domain::indicator::Dimension;
    use coop_plan::report::{breakdown_rows, drill_down, SortBy, UnitSheet};
    let as_of = day(2019, 7, 1);
    for unit in ws.units.iter().take(3) {
        // Data: the name is kept as typed, and the view draws it as text.
        let sheet = UnitSheet::new(&ws.plan, unit, Lang::Vi);
        prop_assert_eq!(&sheet.name, &unit.name);
        prop_assert_eq!(sheet.years.len(), unit.years.len());
    }
    for target in &ws.plan.targets {
        for by in [Dimension::District, Dimension::Sector] {
            let rows = breakdown_rows(
                ws,
                target.indicator,
                as_of,
                by,
                (SortBy::Value, false),
                Lang::En,
            );
            prop_assert!(
                rows.len() <= ws.units.len() + ws.plan.districts.len() + ws.plan.sectors.len() + 2
            );
        }
        let drill = drill_down(ws, target.indicator, as_of, false, 50, Lang::Vi);
        prop_assert!(drill.rows.len() <= 50 && drill.rows.len() <= drill.matched);
    }
    // Drawn by a component (text escaped by Leptos): any document gives an
    // answer or a reason for every exercise.
    let views = coop_plan::domain::exercise::exercise_views(ws, as_of, Lang::Vi);
    prop_assert_eq!(views.len(), coop_plan::domain::exercise::EXERCISES.len());
    for a in ws.assessments.iter().take(3) {
        let Some(unit) = ws.unit(&a.unit_id) else {
            continue;
        };
        // Computed as data for the page's components: any document gives
        // every part of the page without a panic.
        let _ = page::checklist(unit, a, Lang::Vi);
        let _ = page::classification(ws, unit, a, Lang::En);
        let _ = page::scores_form(unit, a, Lang::Vi);
        let _ = page::report(ws, unit, a, Lang::En);
        let _ = coop_plan::assessment::exemplary::readiness(
            ws,
            unit,
            a.year,
            &coop_plan::assessment::ExemplaryCriteria::of(&ws.exemplary_criteria),
            Lang::Vi,
        );
        let _ = coop_plan::assessment::ready_candidates(ws, a.year);
    }
    Ok(())
}

fn check_document(text: &str) -> Result<(), TestCaseError> {
    let started = Instant::now();
    let current = Workspace::new("main", "Của tôi");
    match preview_import(&current, text, text.len() as u64) {
        Err(ImportError::Unreadable(error)) => {
            for lang in [Lang::Vi, Lang::En] {
                prop_assert!(!error.message(lang).is_empty());
            }
            match &error {
                DocumentError::Syntax { line, .. } | DocumentError::DuplicateKey { line, .. } => {
                    prop_assert!(*line >= 1)
                }
                // "plan, targets 3: value: expected a number, found a text"
                // "plan, targets 3: value: expected a number, found a text",
                // "plan, identity, missing field `issued`".
                DocumentError::Shape { message, .. } => prop_assert!(
                    message.contains(": ") || message.contains("missing field"),
                    "no place in {message:?}"
                ),
                DocumentError::NotAWorkspace | DocumentError::NewerVersion { .. } => {}
            }
        }
        Err(ImportError::TooLarge { .. }) => {}
        // Only bytes can fail to be text; the document here is text.
        Err(error @ ImportError::NotText(_)) => prop_assert!(false, "{error:?}"),
        Ok(preview) => {
            for issue in preview.errors.iter().chain(&preview.warnings) {
                for lang in [Lang::Vi, Lang::En] {
                    prop_assert!(!issue.location.describe(lang).trim().is_empty());
                    prop_assert!(!issue.message.get(lang).trim().is_empty());
                }
            }
            for lang in [Lang::Vi, Lang::En] {
                // Text for the view to escape; errors listed while there are any.
                let summary = preview_summary(&preview, 20, lang);
                prop_assert_eq!(summary.errors.is_some(), !preview.can_confirm());
            }
            let ws = &preview.workspace;
            if preview.can_confirm() {
                // What may be confirmed is within the bounds validation sets.
                let plan = &ws.plan;
                for year in [plan.start_year, plan.end_year, plan.baseline_year] {
                    prop_assert!((1990..=2100).contains(&year), "year {year} passed");
                }
                for target in &plan.targets {
                    prop_assert!(coop_plan::domain::plan_validation::is_plain_id(&target.id));
                }
            }
            // Confirmed or not, as stored data it must show without harm.
            show_everything(ws)?;
            show_the_details(ws)?;
        }
    }
    // The document as stored, read again: the same answer.
    let _ = from_json(text);
    prop_assert!(
        started.elapsed() < CASE_LIMIT,
        "a case took {:?}",
        started.elapsed()
    );
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

/// `make test` runs the same cases every time, so that CI is repeatable;
/// `make fuzz` (PROPTEST_CASES set) draws new ones on every run.
fn seed() -> proptest::test_runner::RngSeed {
    if std::env::var_os("PROPTEST_CASES").is_some() {
        proptest::test_runner::RngSeed::Random
    } else {
        proptest::test_runner::RngSeed::Fixed(13)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, rng_seed: seed(), ..ProptestConfig::default() })]

    #[test]
    fn hostile_documents_are_refused_with_their_place_or_shown_safely(text in document()) {
        check_document(&text)?;
    }
}

#[test]
fn the_base_document_is_valid_and_imports() {
    let text = serde_json::to_string(&base()).unwrap_or_default();
    let preview = preview_import(&Workspace::new("main", "x"), &text, 0).expect("readable");
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
}

/// The two documents the issue names, checked by hand: a hostile target id
/// and plan years of −100,000,000, stored and imported.
#[test]
fn a_hostile_id_and_a_year_of_minus_100_million_are_refused_and_harmless() {
    let mut doc = base();
    doc["plan"]["targets"][2]["id"] = Value::from(MARKUP[0]);
    doc["plan"]["start_year"] = Value::from(-100_000_000);
    doc["plan"]["end_year"] = Value::from(-100_000_000);
    doc["plan"]["baseline_year"] = Value::from(-100_000_001);
    let text = serde_json::to_string(&doc).unwrap_or_default();
    let started = Instant::now();
    let preview = preview_import(&Workspace::new("main", "x"), &text, 0).expect("readable");
    assert!(!preview.can_confirm());
    let places: Vec<String> = preview
        .errors
        .iter()
        .map(|i| i.describe(Lang::En))
        .collect();
    assert!(
        places.iter().any(|p| p.starts_with("plan › period: ")),
        "{places:?}"
    );
    assert!(
        places
            .iter()
            .any(|p| p.starts_with(&format!("plan › target 3 ({}) › id: ", MARKUP[0]))),
        "{places:?}"
    );
    // As a stored workspace: shown at once, bounded, escaped.
    let ws = from_json(&text).expect("readable");
    check_document(&text).expect("harmless");
    show_everything(&ws).expect("harmless");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}
