//! The province's picture for managers (issue 15, item 6,
//! `src/sync/aggregate.rs`): the aggregate the province publishes, made
//! by the dashboard's engine and holding no cooperative's record; read
//! back (newer kept untouched, malformed named); given to the caller by
//! `apply`, never put in the workspace; sent by the province's push only;
//! and a manager's own cooperatives placed against it.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeSet;

use common::*;
use coop_plan::domain::indicator::evaluate_all;
use coop_plan::domain::plan::Indicator;
use coop_plan::domain::unit::Qualification;
use coop_plan::domain::workspace::{Workspace, SCHEMA_VERSION};
use coop_plan::files::document::from_json;
use coop_plan::i18n::Lang;
use coop_plan::report::province_picture::ProvincePicture;
use coop_plan::sync::aggregate::{
    aggregate_doc, places, publish, read_aggregate, Aggregate, News, Quarter, Standing,
    MIN_REPORTING,
};
use coop_plan::sync::document::{apply, NotApplied, Policy};
use coop_plan::sync::push::{confirm, pending, read_bulk_response};
use coop_plan::sync::scope::{to_push, Baseline, Scope};
use coop_plan::sync::state::SyncState;
use serde_json::{json, Value};

/// Five cooperatives (htx-1 … htx-5), a dissolved one and a group, with
/// 2017 and 2018 figures: `tests/fixtures/t1-on-time.json`.
fn province() -> Workspace {
    from_json(include_str!("fixtures/t1-on-time.json")).expect("the fixture reads")
}

fn as_of() -> chrono::NaiveDate {
    day(2019, 12, 31)
}

fn lan() -> Scope {
    Scope::Manager {
        units: BTreeSet::from(["htx-1".to_owned()]),
    }
}

fn received(ws: &Workspace, rev: &str) -> Value {
    aggregate_doc(ws, as_of()).to_value(Some(rev))
}

#[test]
fn the_aggregate_holds_the_dashboards_evaluations_and_no_cooperatives_record() {
    let ws = province();
    let aggregate = Aggregate::of(&ws, as_of());
    assert_eq!(aggregate.as_of, as_of());
    assert_eq!(aggregate.plan, ws.plan.identity.number);
    let evaluations: Vec<_> = aggregate
        .targets
        .iter()
        .map(|f| f.evaluation.clone())
        .collect();
    assert_eq!(evaluations, evaluate_all(&ws, as_of()));
    assert_eq!(aggregate.targets.len(), 9);
    assert_eq!(aggregate.targets[0].target, ws.plan.targets[0]);
    // htx-6 was dissolved in 2018.
    assert_eq!(aggregate.counts.units, 7);
    assert_eq!(aggregate.counts.active_cooperatives, 5);
    assert_eq!(aggregate.counts.active_groups, 1);

    let body = aggregate_doc(&ws, as_of()).body();
    for unit in &ws.units {
        assert!(!body.contains(&unit.id), "{} is in the aggregate", unit.id);
        assert!(
            !body.contains(&unit.name),
            "{} is in the aggregate",
            unit.name
        );
    }
}

#[test]
fn the_aggregate_document_has_the_id_and_fields_the_rules_expect_and_reads_back() {
    let ws = province();
    let doc = aggregate_doc(&ws, as_of());
    let value = doc.to_value(None);
    assert_eq!(value["_id"], "main:aggregate");
    assert_eq!(value["type"], "aggregate");
    assert_eq!(value["workspace"], "main");
    assert_eq!(value["schema_version"], SCHEMA_VERSION);
    assert_eq!(value["data"]["as_of"], "2019-12-31");
    for field in ["unit", "year", "period", "key"] {
        assert!(value.get(field).is_none(), "{field}");
    }
    let read = read_aggregate("main", &received(&ws, "3-a")).expect("it reads");
    assert_eq!(read.id, "main:aggregate");
    assert_eq!(read.rev, "3-a");
    assert_eq!(read.body, doc.body());
    assert_eq!(
        read.news,
        News::Published(Box::new(Aggregate::of(&ws, as_of())))
    );
}

#[test]
fn a_newer_aggregate_is_kept_untouched_and_a_malformed_one_is_named() {
    let ws = province();
    let mut newer = received(&ws, "5-n");
    newer["schema_version"] = json!(SCHEMA_VERSION + 1);
    newer["data"] = json!({ "a shape": "of the future" });
    assert_eq!(
        read_aggregate("main", &newer),
        Err(NotApplied::Newer {
            id: "main:aggregate".to_owned(),
            found: u64::from(SCHEMA_VERSION + 1),
        })
    );
    // Through apply: held, so the province's push never writes over it.
    let mut here = ws.clone();
    let mut state = SyncState::default();
    let applied = apply(&mut here, &mut state, &[newer], Policy::KeepLocalEdits);
    assert_eq!(applied.aggregate, None);
    assert!(state.is_held("main:aggregate"));
    assert_eq!(publish(&ws, &state, &Scope::Province, as_of(), None), None);

    let reason = |value: &Value| match read_aggregate("main", value) {
        Err(NotApplied::Malformed { id, reason }) => {
            assert_eq!(id, "main:aggregate");
            reason
        }
        other => panic!("not malformed: {other:?}"),
    };
    let mut no_version = received(&ws, "1-a");
    no_version
        .as_object_mut()
        .map(|o| o.remove("schema_version"));
    assert_eq!(reason(&no_version), "the document has no schema_version");
    let mut bad_data = received(&ws, "1-a");
    bad_data["data"]["as_of"] = json!("31/12/2019");
    assert!(
        reason(&bad_data).starts_with("data: "),
        "{}",
        reason(&bad_data)
    );
    let mut bad_targets = received(&ws, "1-a");
    bad_targets["data"]["targets"] = json!("nine");
    assert!(reason(&bad_targets).starts_with("data: "));
    let mut elsewhere = received(&ws, "1-a");
    elsewhere["workspace"] = json!("other");
    assert_eq!(
        reason(&elsewhere),
        "the fields workspace or type do not match the _id"
    );
    let mut no_data = received(&ws, "1-a");
    no_data.as_object_mut().map(|o| o.remove("data"));
    assert_eq!(reason(&no_data), "the document has no data");
}

#[test]
fn apply_gives_the_aggregate_to_the_caller_and_never_puts_it_in_the_workspace() {
    let province = province();
    // Lan's workspace: her cooperative only.
    let mut mine = province.clone();
    mine.units.retain(|u| u.id == "htx-1");
    let before = mine.clone();
    let mut state = SyncState::default();
    let applied = apply(
        &mut mine,
        &mut state,
        &[received(&province, "2-x")],
        Policy::KeepLocalEdits,
    );
    assert_eq!(mine, before);
    assert_eq!(applied.changed, 0);
    assert!(applied.diverged.is_empty() && applied.not_applied.is_empty());
    assert_eq!(
        applied.aggregate,
        Some(News::Published(Box::new(Aggregate::of(&province, as_of()))))
    );
    assert_eq!(state.rev("main:aggregate"), Some("2-x"));
    // Known to the state, but never sent back nor deleted by her push.
    assert!(pending(&mine, &state)
        .iter()
        .all(|o| o.id != "main:aggregate"));
    let mut baseline = Baseline::default();
    baseline.take_once(&mine, &lan());
    assert!(to_push(&mine, &state, &lan(), &baseline)
        .iter()
        .all(|o| o.id != "main:aggregate"));

    // Withdrawn by the province: said, and forgotten.
    let deletion = json!({ "_id": "main:aggregate", "_rev": "3-y", "_deleted": true });
    let applied = apply(&mut mine, &mut state, &[deletion], Policy::KeepLocalEdits);
    assert_eq!(applied.aggregate, Some(News::Withdrawn));
    assert_eq!(state.rev("main:aggregate"), None);
    assert_eq!(mine, before);
    // Another workspace's aggregate is not this one's.
    let mut other = received(&province, "1-o");
    other["_id"] = json!("other:aggregate");
    other["workspace"] = json!("other");
    let applied = apply(&mut mine, &mut state, &[other], Policy::KeepLocalEdits);
    assert_eq!(applied.aggregate, None);
    assert_eq!(
        applied.not_applied,
        vec![NotApplied::Other {
            id: "other:aggregate".to_owned()
        }]
    );
}

#[test]
fn only_the_provinces_push_sends_the_aggregate_and_only_when_it_changed() {
    let mut ws = province();
    let mut state = SyncState::default();
    assert_eq!(publish(&ws, &state, &lan(), as_of(), None), None);
    assert_eq!(publish(&ws, &state, &Scope::NoRole, as_of(), None), None);
    let first = publish(&ws, &state, &Scope::Province, as_of(), None).expect("a first write");
    assert_eq!(first.id, "main:aggregate");
    assert!(first.doc.get("_rev").is_none());
    let answer = json!([{ "ok": true, "id": "main:aggregate", "rev": "1-a" }]).to_string();
    let result = read_bulk_response(&answer).expect("an answer");
    confirm(&mut state, std::slice::from_ref(&first), &result);
    assert_eq!(publish(&ws, &state, &Scope::Province, as_of(), None), None);
    // The province's pull gets its own aggregate back: nothing to send.
    let applied = apply(
        &mut ws,
        &mut state,
        &[received(&province(), "1-a")],
        Policy::KeepLocalEdits,
    );
    assert_eq!(applied.changed, 0);
    assert!(applied.diverged.is_empty());
    assert_eq!(publish(&ws, &state, &Scope::Province, as_of(), None), None);
    // Its figures change (htx-1 loses its recognition): written over 1-a.
    ws.units[0].recognitions.clear();
    let again = publish(&ws, &state, &Scope::Province, as_of(), None).expect("a change");
    assert_eq!(again.doc["_rev"], "1-a");
    // The same from the targets evaluated already (the app's own).
    let evaluations = coop_plan::domain::indicator::Engine::new(&ws).evaluate_all(as_of());
    assert_eq!(
        publish(&ws, &state, &Scope::Province, as_of(), Some(evaluations)).as_ref(),
        Some(&again)
    );
    assert_eq!(
        again.doc["data"]["targets"][7]["evaluation"]["measurement"]["value"],
        0.0
    );
    // A later day is a new publication.
    assert!(publish(&province(), &state, &Scope::Province, day(2020, 1, 1), None).is_some());
    // The push of the workspace's records never deletes it.
    assert!(pending(&ws, &state)
        .iter()
        .all(|o| o.id != "main:aggregate"));
}

#[test]
fn the_revenue_spread_is_published_from_five_cooperatives_on() {
    let mut ws = workspace();
    for (i, revenue) in ["100", "200", "300", "400"].iter().enumerate() {
        let mut unit = cooperative(&format!("c{i}"));
        let mut rec = record(2019);
        rec.revenue = Some(amount(revenue));
        unit.years.push(rec);
        ws.units.push(unit);
    }
    // A group's revenue is not a cooperative's.
    let mut tht = group("g", true);
    let mut rec = record(2019);
    rec.revenue = Some(amount("9000"));
    tht.years.push(rec);
    ws.units.push(tht);
    assert_eq!(MIN_REPORTING, 5);
    assert_eq!(Aggregate::of(&ws, day(2020, 6, 30)).revenue, None);
    let mut fifth = cooperative("c4");
    let mut rec = record(2019);
    rec.revenue = Some(amount("500"));
    fifth.years.push(rec);
    ws.units.push(fifth);
    let spread = Aggregate::of(&ws, day(2020, 6, 30))
        .revenue
        .expect("five report");
    assert_eq!(spread.year, 2019);
    assert_eq!(spread.reporting, 5);
    assert_eq!(
        (
            spread.mean,
            spread.lower_quartile,
            spread.median,
            spread.upper_quartile
        ),
        (300.0, 200.0, 300.0, 400.0)
    );
    // Not a year after the as-of date's.
    assert_eq!(Aggregate::of(&ws, day(2018, 12, 31)).revenue, None);
}

#[test]
fn her_cooperative_is_placed_against_the_province() {
    let province = province();
    let aggregate = Aggregate::of(&province, as_of());
    // Her workspace holds her cooperative (and a file's others); an id her
    // roles name that it does not hold is left out.
    let placed = places(
        &province,
        &aggregate,
        &["htx-1".to_owned(), "htx-9".to_owned(), "tht-1".to_owned()],
    );
    assert_eq!(placed.len(), 2);
    let lap_le = &placed[0];
    assert_eq!(lap_le.unit_id, "htx-1");
    let on = |indicator: Indicator| {
        lap_le
            .targets
            .iter()
            .find(|t| t.indicator == indicator)
            .expect("every target")
    };
    assert_eq!(lap_le.targets.len(), 9);
    // Reorganised in 2017, recognised in 2019: counted, and done.
    assert_eq!(on(Indicator::ReorganisedShare).standing, Standing::Counts);
    assert_eq!(on(Indicator::ExemplaryCount).standing, Standing::Counts);
    // Never inactive: not among T2's; a cooperative: not among T4's.
    assert_eq!(
        on(Indicator::InactiveDissolvedShare).standing,
        Standing::NotCounted
    );
    assert_eq!(
        on(Indicator::GroupsCompliantShare).standing,
        Standing::NotCounted
    );
    // Every cooperative trains 3 of its 4 managers: exactly the province's 75 %.
    let trained = on(Indicator::ManagersTrainedShare);
    assert_eq!(trained.own.value, Some(0.75));
    assert_eq!(trained.standing, Standing::AtOrAbove);
    // Her value added over the province's collective value added, in 2018.
    let grdp = on(Indicator::GrdpShare);
    assert_eq!(grdp.standing, Standing::Counts);
    let share = grdp.share_of_province.expect("a share");
    let total = 940.25 + 980.25 + 1020.25 + 1060.25 + 1100.25;
    assert!((share - 940.25 / total).abs() < 1e-12, "{share}");
    // Her workspace need not hold the city's GRDP: the province's is used.
    let mut bare = province.clone();
    bare.city_years.clear();
    bare.units.retain(|u| u.id == "htx-1");
    let alone = places(&bare, &aggregate, &["htx-1".to_owned()]);
    assert_eq!(alone[0].targets, lap_le.targets);
    // Her revenue of 2018 (3.200) is the lowest of 3.200 … 3.600.
    let revenue = lap_le.revenue.as_ref().expect("her revenue");
    assert_eq!((revenue.year, revenue.own), (2018, 3200.0));
    assert_eq!(revenue.quarter, Quarter::Bottom);
    assert!((revenue.of_mean.expect("a mean") - 3200.0 / 3400.0).abs() < 1e-12);

    // The group: T4 counts it, T5 does not.
    let tht = &placed[1];
    assert_eq!(tht.unit_id, "tht-1");
    let on = |indicator: Indicator| {
        tht.targets
            .iter()
            .find(|t| t.indicator == indicator)
            .expect("every target")
            .standing
    };
    assert_eq!(on(Indicator::GroupsCompliantShare), Standing::Counts);
    assert_eq!(on(Indicator::ManagersTrainedShare), Standing::NotCounted);
    assert_eq!(on(Indicator::ReorganisedShare), Standing::NotCounted);
}

#[test]
fn a_share_below_or_above_the_provinces_and_a_cooperative_still_awaited() {
    let mut ws = workspace();
    let trained = manager(true, Qualification::College);
    let untrained = manager(false, Qualification::College);
    ws.units.push(with_managers(
        reorganising("a", Some(day(2018, 3, 1))),
        2019,
        vec![trained.clone(), trained.clone()],
    ));
    ws.units.push(with_managers(
        reorganising("b", None),
        2019,
        vec![untrained.clone(), untrained],
    ));
    let aggregate = Aggregate::of(&ws, day(2019, 12, 31));
    let placed = places(&ws, &aggregate, &["a".to_owned(), "b".to_owned()]);
    let standing = |at: usize, indicator: Indicator| {
        placed[at]
            .targets
            .iter()
            .find(|t| t.indicator == indicator)
            .expect("every target")
            .standing
    };
    assert_eq!(
        standing(0, Indicator::ManagersTrainedShare),
        Standing::AtOrAbove
    );
    assert_eq!(
        standing(1, Indicator::ManagersTrainedShare),
        Standing::Below
    );
    assert_eq!(standing(0, Indicator::ReorganisedShare), Standing::Counts);
    assert_eq!(standing(1, Indicator::ReorganisedShare), Standing::Awaited);
    assert_eq!(standing(1, Indicator::ExemplaryCount), Standing::Awaited);
    // No GRDP anywhere: the province has no T3 figure.
    assert_eq!(standing(0, Indicator::GrdpShare), Standing::NotCounted);
    // No revenue reported: nothing published, nothing placed.
    assert_eq!(aggregate.revenue, None);
    assert_eq!(placed[0].revenue, None);
}

#[test]
fn the_picture_is_written_in_the_pages_language() {
    let province = province();
    let aggregate = Aggregate::of(&province, as_of());
    let placed = places(&province, &aggregate, &["htx-1".to_owned()]);
    let vi = ProvincePicture::new(&aggregate, &placed, Lang::Vi);
    assert!(vi.published.contains("31/12/2019"), "{}", vi.published);
    assert_eq!(vi.counts, "7 đơn vị; 5 HTX và 1 THT đang hoạt động.");
    assert_eq!(vi.rows.len(), 9);
    assert_eq!(vi.rows[0].target_id, "T1");
    assert_eq!(vi.rows[0].own.len(), 1);
    assert_eq!(vi.rows[0].own[0].key, "counts");
    assert_eq!(vi.rows[0].own[0].unit_name, "HTX Nông nghiệp Lập Lễ");
    assert_eq!(vi.rows[4].own[0].value.as_deref(), Some("75,0% (3 / 4)"));
    assert!(
        vi.revenue[0].contains("bình quân 3.400 triệu đồng"),
        "{}",
        vi.revenue[0]
    );
    assert!(vi.revenue[0].contains("5 HTX báo cáo"));
    assert!(
        vi.revenue[1].starts_with("HTX Nông nghiệp Lập Lễ: 3.200 triệu đồng, thuộc một phần tư"),
        "{}",
        vi.revenue[1]
    );
    assert!(
        vi.revenue[1].ends_with("94% mức bình quân."),
        "{}",
        vi.revenue[1]
    );
    let en = ProvincePicture::new(&aggregate, &placed, Lang::En);
    assert!(en.published.contains("31 Dec 2019"), "{}", en.published);
    assert_eq!(
        en.counts,
        "7 units; 5 cooperatives and 1 cooperative group operating."
    );
    assert!(
        en.revenue[0].contains("mean 3,400 million VND"),
        "{}",
        en.revenue[0]
    );
    assert_eq!(en.rows[4].own[0].value.as_deref(), Some("75.0% (3 / 4)"));
    assert_eq!(
        en.rows[0].own[0].standing,
        "Reorganised under the 2012 law: counts toward the target"
    );
}

#[test]
fn the_sync_record_keeps_the_aggregate_and_an_older_record_still_reads() {
    use coop_plan::sync::record::{SyncRecord, SyncSettings};
    let settings = SyncSettings {
        server: "https://coop.example.vn/couchdb".to_owned(),
        database: "coop-plan-haiphong".to_owned(),
        user: "lan".to_owned(),
    };
    let older = SyncRecord::new(settings.clone()).to_text();
    assert!(!older.contains("aggregate"));
    assert_eq!(
        SyncRecord::from_text(&older).expect("reads").aggregate,
        None
    );
    let mut record = SyncRecord::new(settings);
    let aggregate = Aggregate::of(&province(), as_of());
    record.aggregate = Some(aggregate.to_stored());
    let back = SyncRecord::from_text(&record.to_text()).expect("reads");
    // What the server holds is stored entry by entry and read on the
    // first sync: a record read back has not read them yet.
    assert!(!back.entries_read);
    assert_eq!(
        SyncRecord {
            entries_read: true,
            ..back.clone()
        },
        record
    );
    let stored = back.aggregate.as_ref().expect("kept");
    assert_eq!(Aggregate::from_stored(stored), Some(aggregate));
    // One it cannot read costs only itself.
    let mut text: Value = serde_json::from_str(&record.to_text()).expect("JSON");
    text["aggregate"] = json!({ "as_of": "not a date" });
    let back = SyncRecord::from_text(&text.to_string()).expect("the record still reads");
    assert_eq!(back.settings, record.settings);
    assert_eq!(
        back.aggregate.as_ref().and_then(Aggregate::from_stored),
        None
    );
}
