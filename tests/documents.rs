//! Workspace documents: older files migrate, and nothing a user typed
//! changes through save → load → export → import.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use coop_plan::domain::generate::synthetic_workspace;
use coop_plan::domain::indicator::evaluate;
use coop_plan::domain::status::Status;
use coop_plan::domain::unit::OperatingStatus;
use coop_plan::files::document::{from_json, to_json};

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A schema-2 file's assessments (`name=value` entries under the page's
/// control names) become typed; what fits no field is kept aside.
#[test]
fn a_schema_2_file_with_assessments_migrates_to_the_current_schema() {
    use coop_plan::assessment::{ActionStatus, Answer, Fact};
    let workspace = from_json(&fixture("v2-assessments.json")).expect("a schema 2 file reads");
    assert_eq!(
        workspace.schema_version,
        coop_plan::domain::workspace::SCHEMA_VERSION
    );
    let [first, second] = &workspace.assessments[..] else {
        panic!("two assessments: {:?}", workspace.assessments);
    };
    assert_eq!((first.unit_id.as_str(), first.year), ("htx-1", 2018));
    assert_eq!(first.assessed_on, day(2019, 3, 10));
    assert_eq!(first.rubric_version, "tt01-2020/v1");
    assert_eq!(
        first.facts.get(&Fact::BoardSize).map(String::as_str),
        Some("5")
    );
    assert_eq!(
        first.facts.get(&Fact::Income).map(String::as_str),
        Some("4800")
    );
    assert_eq!(
        (first.months_operated, first.months_stopped),
        (Some(12), Some(0))
    );
    assert_eq!(first.answer("2012-bodies"), Some(Answer::Yes));
    assert_eq!(
        first.notes.get("2012-bodies").map(String::as_str),
        Some("Có đủ = \"ĐHTV, HĐQT\"")
    );
    assert_eq!(first.score("1a").map(|p| p.to_f64()), Some(4.5));
    assert_eq!(first.max_override(15), Some(8));
    let actions = first.actions();
    assert_eq!(actions.iter().map(|a| a.id).collect::<Vec<_>>(), [0, 2]);
    assert_eq!(actions[0].owner, "Chị Lan");
    assert_eq!(actions[0].due, Some(day(2019, 6, 30)));
    assert_eq!(actions[0].status, ActionStatus::InProgress);
    assert_eq!(actions[1].status, ActionStatus::Done);
    assert_eq!(first.next_action_id(), 3, "an id is never given twice");
    assert_eq!(first.unread_entries, ["colour=blue", "score:1b=nhiều"]);
    assert_eq!(second.answer("2012-bodies"), Some(Answer::No));
    // Exported as schema 3 and read again unchanged.
    let again = from_json(&to_json(&workspace)).expect("schema 3 reads");
    assert_eq!(again, workspace);
}

#[test]
fn a_schema_1_file_migrates_to_the_current_schema() {
    let workspace = from_json(&fixture("v1-workspace.json")).expect("a schema 1 file reads");
    assert_eq!(
        workspace.schema_version,
        coop_plan::domain::workspace::SCHEMA_VERSION
    );
    let dissolved = workspace.unit("u2").expect("u2");
    assert_eq!(
        dissolved.status_on(day(2017, 1, 1)),
        Some(OperatingStatus::Inactive)
    );
    assert_eq!(
        dissolved.status_on(day(2018, 9, 30)),
        Some(OperatingStatus::Dissolved)
    );
    let record = workspace
        .unit("u1")
        .and_then(|u| u.record(2017))
        .expect("record");
    // Amounts written as JSON numbers become exact decimal text.
    assert_eq!(record.revenue.as_ref().map(|d| d.as_str()), Some("2925.5"));
    assert_eq!(
        record.charter_capital.as_ref().map(|d| d.as_str()),
        Some("1500.25")
    );
    let city = workspace.city_year(2017).expect("city year");
    assert_eq!(
        city.extra_collective_value_added
            .as_ref()
            .map(|d| d.as_str()),
        Some("850.5")
    );
    // Migrated data computes: on the deadline u2 is neither reorganised nor
    // yet dissolved (1 of 2); once it is dissolved, u1 alone counts.
    let t1 = workspace.plan.target("T1").expect("T1");
    assert_eq!(
        evaluate(&workspace, t1, day(2018, 6, 30)).status,
        Status::AtRisk
    );
    assert_eq!(
        evaluate(&workspace, t1, day(2018, 7, 1)).status,
        Status::Missed
    );
    assert_eq!(
        evaluate(&workspace, t1, day(2018, 10, 1)).status,
        Status::MetLate
    );
}

#[test]
fn save_load_export_import_changes_nothing() {
    let mut workspace = synthetic_workspace(200, 7);
    let record = &mut workspace.units[0].years[0];
    record.revenue = Some(amount("98765432109876543210.0100"));
    record.pre_tax_profit = Some(amount("-0.50"));
    let once = to_json(&workspace);
    let loaded = from_json(&once).expect("reads back");
    assert_eq!(loaded, workspace);
    let twice = to_json(&loaded);
    assert_eq!(once, twice, "the bytes of a second export equal the first");
    assert!(once.contains("\"98765432109876543210.0100\""));
}

/// The end-to-end fixtures mean what the browser tests say they mean.
#[test]
fn the_end_to_end_fixtures_have_the_statuses_the_browser_tests_expect() {
    let on_time = from_json(&fixture("t1-on-time.json")).expect("t1-on-time reads");
    let late = from_json(&fixture("t1-late.json")).expect("t1-late reads");
    let t1 = on_time.plan.target("T1").expect("T1").clone();
    assert_eq!(
        evaluate(&on_time, &t1, day(2018, 1, 1)).status,
        Status::OnTrack
    );
    assert_eq!(evaluate(&on_time, &t1, day(2018, 7, 1)).status, Status::Met);
    assert_eq!(evaluate(&late, &t1, day(2018, 7, 1)).status, Status::Missed);
    assert!(coop_plan::domain::validation::validate_workspace(&on_time)
        .errors()
        .next()
        .is_none());
    assert!(coop_plan::domain::validation::validate_workspace(&late)
        .errors()
        .next()
        .is_none());
}

mod properties {
    use coop_plan::domain::workspace::Workspace;
    use coop_plan::files::document::from_json;
    use coop_plan::files::import::preview_import;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Any text, JSON or not, is read or refused with a message: never a panic.
        #[test]
        fn reading_any_text_never_panics(text in ".{0,400}") {
            let _ = from_json(&text);
            let _ = preview_import(&Workspace::new("main", "x"), &text, text.len() as u64);
        }

        /// Text shaped like a workspace, with values of the wrong kinds in
        /// places, is refused with a place or read: never a panic.
        #[test]
        fn reading_near_workspaces_never_panics(version in 0u64..4, name in ".{0,20}", members in any::<i64>(), year in any::<i32>()) {
            let text = format!(
                r#"{{"schema_version":{version},"id":"w","name":{name:?},"plan":{plan},"units":[{{"id":"u","name":"A","kind":"htx","years":[{{"year":{year},"members":{members}}}]}}]}}"#,
                plan = serde_json::to_string(&coop_plan::domain::plan::Plan::hai_phong_135()).unwrap_or_default(),
            );
            match from_json(&text) {
                Ok(workspace) => prop_assert_eq!(workspace.units.len(), 1),
                Err(error) => prop_assert!(!error.message(coop_plan::i18n::Lang::En).is_empty()),
            }
        }
    }
}
