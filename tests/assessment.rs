//! Self-assessment: grade and size boundaries, the rubric data, and every
//! automatic legal rule on both sides of its threshold under both laws.

use chrono::NaiveDate;
use coop_plan::assessment::action_plan::{add_missing_actions, gaps};
use coop_plan::assessment::classification::{
    classify, eligibility, parse_score, rubric, GradeOutcome, NotGraded, ScoreError,
    CURRENT_RUBRIC, RUBRICS,
};
use coop_plan::assessment::edit::{ActionField, AssessmentField};
use coop_plan::assessment::exemplary::readiness;
use coop_plan::assessment::legal_rules::{
    annual_meeting_deadline, evaluate, evaluate_law, Check, Summary,
};
use coop_plan::assessment::{
    exemplary_candidates, find_or_create, ready_candidates, Answer, Assessment, ExemplaryCriteria,
    Grade, Law, Outcome, SizeClass, Verification,
};
use coop_plan::domain::decimal::Decimal;
use coop_plan::domain::unit::{
    CoopModel, KeyManager, ManagerRole, Qualification, Unit, UnitKind, YearRecord,
};
use coop_plan::domain::workspace::Workspace;
use coop_plan::files::document::{from_json, to_json};
use coop_plan::i18n::Lang;

const YEAR: i32 = 2023;

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
}

fn d(text: &str) -> Decimal {
    Decimal::parse(text).expect("test decimal")
}

fn unit(kind: UnitKind, members: Option<i64>) -> Unit {
    let mut unit = Unit::new("u1", "HTX Thử", kind);
    unit.years.push(YearRecord {
        year: YEAR,
        members,
        ..YearRecord::default()
    });
    unit
}

fn assessment(law: Law) -> Assessment {
    let mut a = Assessment::new("u1", YEAR, day(2024, 3, 1));
    a.law = Some(law);
    a
}

/// Enters a fact as the page does.
fn fact(a: &mut Assessment, name: &str, value: &str) {
    let fact = coop_plan::assessment::Fact::from_key(name).expect("a fact");
    coop_plan::assessment::edit::set_field(a, AssessmentField::Fact(fact), value, Lang::En)
        .unwrap_or_else(|e| panic!("{name}={value}: {e}"));
}

fn outcome(unit: &Unit, assessment: &Assessment, rule_id: &str) -> Outcome {
    evaluate(unit, assessment)
        .into_iter()
        .find(|r| r.rule.id == rule_id)
        .map(|r| r.outcome)
        .unwrap_or_else(|| panic!("no rule {rule_id}"))
}

// --- Classification ---------------------------------------------------------

#[test]
fn grade_boundaries_are_exact() {
    let grade = |text: &str| {
        let points = coop_plan::assessment::hundredths(&d(text)).expect("two decimals");
        Grade::of_total(points)
    };
    assert_eq!(grade("100"), Grade::Excellent);
    assert_eq!(grade("80"), Grade::Excellent);
    assert_eq!(grade("79.99"), Grade::Good);
    assert_eq!(grade("65"), Grade::Good);
    assert_eq!(grade("64.99"), Grade::Average);
    assert_eq!(grade("50"), Grade::Average);
    assert_eq!(grade("49.99"), Grade::Weak);
    assert_eq!(grade("0"), Grade::Weak);
}

#[test]
fn not_graded_under_twelve_months_or_stopped_over_three() {
    assert_eq!(eligibility(Some(12), Some(0)), Ok(()));
    assert_eq!(eligibility(Some(12), Some(3)), Ok(()));
    assert_eq!(eligibility(None, None), Ok(()));
    assert_eq!(
        eligibility(Some(11), Some(0)),
        Err(NotGraded::OperatedUnderTwelveMonths)
    );
    assert_eq!(
        eligibility(Some(12), Some(4)),
        Err(NotGraded::StoppedOverThreeMonths)
    );
}

#[test]
fn size_class_boundaries() {
    assert_eq!(SizeClass::of_members(49), SizeClass::Micro);
    assert_eq!(SizeClass::of_members(50), SizeClass::Small);
    assert_eq!(SizeClass::of_members(300), SizeClass::Small);
    assert_eq!(SizeClass::of_members(301), SizeClass::Medium);
    assert_eq!(SizeClass::of_members(1000), SizeClass::Medium);
    assert_eq!(SizeClass::of_members(1001), SizeClass::Large);
}

#[test]
fn rubric_data_sums_and_maxima() {
    for rubric in RUBRICS {
        assert_eq!(rubric.groups.len(), 4);
        assert_eq!(rubric.criteria().len(), 15);
        let numbers: Vec<u8> = rubric.criteria().iter().map(|c| c.number).collect();
        assert_eq!(numbers, (1..=15).collect::<Vec<u8>>());
        let group_sum = |n: u8| -> u32 {
            rubric
                .groups
                .iter()
                .filter(|g| g.number == n)
                .flat_map(|g| g.criteria.iter())
                .map(|c| c.max)
                .sum()
        };
        assert_eq!(group_sum(1), 30, "group I");
        assert_eq!(group_sum(2), 30, "group II");
        assert_eq!(rubric.max_total(), 100);
        for criterion in rubric.criteria() {
            for item in criterion.items {
                assert!(item.max <= criterion.max, "{} above its criterion", item.id);
            }
            if !criterion.items.is_empty() {
                let items: u32 = criterion.items.iter().map(|i| i.max).sum();
                assert_eq!(items, criterion.max, "criterion {}", criterion.number);
            }
            // Groups III–IV were not verified and must say so.
            if criterion.number >= 10 {
                assert_eq!(criterion.verification, Verification::Unverified);
                assert!(criterion.is_editable());
            } else {
                assert_ne!(criterion.verification, Verification::Unverified);
            }
        }
    }
    // DESIGN.md §4: the known points of criteria 1–9.
    let known = [7, 6, 11, 6, 8, 6, 6, 6, 4];
    for (number, max) in (1..=9).zip(known) {
        assert_eq!(CURRENT_RUBRIC.criterion(number).map(|c| c.max), Some(max));
    }
}

#[test]
fn scores_are_checked_against_their_maximum() {
    assert_eq!(
        parse_score("6", 6).map(|p| p.to_string()),
        Ok("6".to_owned())
    );
    assert_eq!(
        parse_score("3,5", 6).map(|p| p.to_string()),
        Ok("3.5".to_owned())
    );
    assert_eq!(parse_score("6.01", 6), Err(ScoreError::AboveMax(6)));
    assert_eq!(parse_score("-1", 6), Err(ScoreError::Negative));
    assert_eq!(parse_score("1.005", 6), Err(ScoreError::TooManyDecimals));
    assert_eq!(parse_score("abc", 6), Err(ScoreError::NotANumber));
}

fn fully_scored(fraction_of_max: f64) -> Assessment {
    let mut a = assessment(Law::Coop2012);
    for criterion in CURRENT_RUBRIC.criteria() {
        for item in criterion.scoring_items() {
            let hundredths = (f64::from(item.max) * fraction_of_max * 100.0).round() as i64;
            let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
            a.set_score(item.id, Some(d(&text)));
        }
    }
    a
}

#[test]
fn a_full_score_is_graded_and_a_partial_one_is_incomplete() {
    let full = fully_scored(1.0);
    let result = classify(&full).expect("known rubric");
    assert_eq!(result.total, 10_000);
    assert_eq!(result.outcome, GradeOutcome::Graded(Grade::Excellent));
    assert_eq!(result.groups.iter().map(|g| g.max).sum::<i64>(), 10_000);

    let mut partial = full.clone();
    partial.set_score("1a", None);
    assert_eq!(
        classify(&partial).map(|c| c.outcome),
        Some(GradeOutcome::Incomplete)
    );

    let mut stopped = full.clone();
    stopped.set("months_stopped", "4");
    assert_eq!(
        classify(&stopped).map(|c| c.outcome),
        Some(GradeOutcome::NotGraded(NotGraded::StoppedOverThreeMonths))
    );

    // A lowered unverified maximum makes a stored score above it invalid.
    let mut corrected = full;
    corrected.set_max_override(15, Some(4));
    let result = classify(&corrected).expect("known rubric");
    assert_eq!(result.invalid_items, vec!["15"]);
    assert_eq!(result.outcome, GradeOutcome::Incomplete);
}

#[test]
fn an_unknown_rubric_version_is_not_rescored() {
    let mut a = fully_scored(1.0);
    a.rubric_version = "tt01-2020/v999".to_owned();
    assert!(rubric(&a.rubric_version).is_none());
    assert!(classify(&a).is_none());
}

// --- Legal rules ------------------------------------------------------------

#[test]
fn the_law_in_force_follows_the_assessment_date() {
    assert_eq!(Law::in_force_on(day(2024, 6, 30)), Law::Coop2012);
    assert_eq!(Law::in_force_on(day(2024, 7, 1)), Law::Coop2023);
    assert_eq!(
        Assessment::new("u", 2024, day(2025, 3, 1)).law(),
        Law::Coop2023
    );
}

#[test]
fn every_rule_has_a_citation_and_both_languages() {
    for law in Law::ALL {
        let set = law.rules();
        assert_eq!(set.law, law);
        for rule in set.rules {
            assert!(!rule.citation.is_empty(), "{}", rule.id);
            assert!(
                !rule.text.vi.is_empty() && !rule.text.en.is_empty(),
                "{}",
                rule.id
            );
        }
        let mut ids: Vec<_> = set.rules.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), set.rules.len(), "rule ids are unique");
    }
}

#[test]
fn minimum_members_2012_is_seven() {
    let a = assessment(Law::Coop2012);
    assert_eq!(
        outcome(&unit(UnitKind::Htx, Some(6)), &a, "2012-members"),
        Outcome::Fail
    );
    assert_eq!(
        outcome(&unit(UnitKind::Htx, Some(7)), &a, "2012-members"),
        Outcome::Pass
    );
    assert_eq!(
        outcome(&unit(UnitKind::Lhhtx, Some(3)), &a, "2012-members"),
        Outcome::Fail
    );
    assert_eq!(
        outcome(&unit(UnitKind::Lhhtx, Some(4)), &a, "2012-members"),
        Outcome::Pass
    );
    assert_eq!(
        outcome(&unit(UnitKind::Htx, None), &a, "2012-members"),
        Outcome::Unanswered
    );
}

#[test]
fn minimum_members_2023_is_five_official_members() {
    let a = assessment(Law::Coop2023);
    // Fewer members in all than the minimum: fewer official members too.
    assert_eq!(
        outcome(&unit(UnitKind::Htx, Some(4)), &a, "2023-members"),
        Outcome::Fail
    );
    assert_eq!(
        outcome(&unit(UnitKind::Lhhtx, Some(2)), &a, "2023-members"),
        Outcome::Fail
    );
    // Enough members in all says nothing of the official ones.
    assert_eq!(
        outcome(&unit(UnitKind::Htx, Some(40)), &a, "2023-members"),
        Outcome::Unanswered
    );
    let official = |count: &str| {
        let mut a = a.clone();
        fact(&mut a, "official_members", count);
        a
    };
    assert_eq!(
        outcome(
            &unit(UnitKind::Htx, Some(40)),
            &official("4"),
            "2023-members"
        ),
        Outcome::Fail
    );
    assert_eq!(
        outcome(
            &unit(UnitKind::Htx, Some(40)),
            &official("5"),
            "2023-members"
        ),
        Outcome::Pass
    );
    assert_eq!(
        outcome(
            &unit(UnitKind::Lhhtx, Some(3)),
            &official("3"),
            "2023-members"
        ),
        Outcome::Pass
    );
    assert_eq!(
        outcome(
            &unit(UnitKind::Lhhtx, Some(9)),
            &official("2"),
            "2023-members"
        ),
        Outcome::Fail
    );
}

fn with_share(law: Law, share: &str) -> Assessment {
    let mut a = assessment(law);
    fact(&mut a, "capital_share", share);
    a
}

#[test]
fn capital_cap_2012_is_twenty_percent() {
    let htx = unit(UnitKind::Htx, Some(10));
    let id = "2012-capital-cap";
    assert_eq!(
        outcome(&htx, &with_share(Law::Coop2012, "20"), id),
        Outcome::Pass
    );
    assert_eq!(
        outcome(&htx, &with_share(Law::Coop2012, "20.00"), id),
        Outcome::Pass
    );
    assert_eq!(
        outcome(&htx, &with_share(Law::Coop2012, "20.01"), id),
        Outcome::Fail
    );
    assert_eq!(
        outcome(&htx, &assessment(Law::Coop2012), id),
        Outcome::Unanswered
    );
    let union = unit(UnitKind::Lhhtx, Some(5));
    assert_eq!(
        outcome(&union, &with_share(Law::Coop2012, "30"), id),
        Outcome::Pass
    );
    assert_eq!(
        outcome(&union, &with_share(Law::Coop2012, "30.01"), id),
        Outcome::Fail
    );
}

#[test]
fn capital_cap_2023_is_thirty_percent() {
    let htx = unit(UnitKind::Htx, Some(10));
    let id = "2023-capital-cap";
    assert_eq!(
        outcome(&htx, &with_share(Law::Coop2023, "30"), id),
        Outcome::Pass
    );
    assert_eq!(
        outcome(&htx, &with_share(Law::Coop2023, "30.01"), id),
        Outcome::Fail
    );
    let union = unit(UnitKind::Lhhtx, Some(5));
    assert_eq!(
        outcome(&union, &with_share(Law::Coop2023, "40"), id),
        Outcome::Pass
    );
    assert_eq!(
        outcome(&union, &with_share(Law::Coop2023, "40.01"), id),
        Outcome::Fail
    );
}

#[test]
fn supervisory_board_required_from_thirty_members_2012() {
    let id = "2012-supervisory-board";
    let mut without = assessment(Law::Coop2012);
    fact(&mut without, "supervisory_board", "no");
    let mut with = assessment(Law::Coop2012);
    fact(&mut with, "supervisory_board", "yes");
    assert_eq!(
        outcome(&unit(UnitKind::Htx, Some(29)), &without, id),
        Outcome::NotApplicable
    );
    assert_eq!(
        outcome(&unit(UnitKind::Htx, Some(30)), &without, id),
        Outcome::Fail
    );
    assert_eq!(
        outcome(&unit(UnitKind::Htx, Some(30)), &with, id),
        Outcome::Pass
    );
    assert_eq!(
        outcome(
            &unit(UnitKind::Htx, Some(30)),
            &assessment(Law::Coop2012),
            id
        ),
        Outcome::Unanswered
    );
    assert_eq!(
        outcome(&unit(UnitKind::Lhhtx, Some(9)), &without, id),
        Outcome::NotApplicable
    );
    assert_eq!(
        outcome(&unit(UnitKind::Lhhtx, Some(10)), &without, id),
        Outcome::Fail
    );
}

#[test]
fn supervisory_board_2023_follows_the_governance_model() {
    let id = "2023-supervisory-board";
    let htx = unit(UnitKind::Htx, Some(10));
    let mut a = assessment(Law::Coop2023);
    assert_eq!(outcome(&htx, &a, id), Outcome::Unanswered);
    fact(&mut a, "model", "reduced");
    assert_eq!(outcome(&htx, &a, id), Outcome::NotApplicable);
    fact(&mut a, "model", "full");
    fact(&mut a, "supervisory_board", "no");
    assert_eq!(outcome(&htx, &a, id), Outcome::Fail);
    fact(&mut a, "supervisory_board", "yes");
    assert_eq!(outcome(&htx, &a, id), Outcome::Pass);
}

#[test]
fn board_size_is_three_to_fifteen_under_both_laws() {
    let htx = unit(UnitKind::Htx, Some(10));
    for (law, id) in [
        (Law::Coop2012, "2012-board-size"),
        (Law::Coop2023, "2023-board-size"),
    ] {
        let mut a = assessment(law);
        assert_eq!(outcome(&htx, &a, id), Outcome::Unanswered);
        for (size, expected) in [
            (2, Outcome::Fail),
            (3, Outcome::Pass),
            (15, Outcome::Pass),
            (16, Outcome::Fail),
        ] {
            fact(&mut a, "board_size", &size.to_string());
            assert_eq!(outcome(&htx, &a, id), expected, "{law:?} board of {size}");
        }
    }
    let mut reduced = assessment(Law::Coop2023);
    fact(&mut reduced, "model", "reduced");
    fact(&mut reduced, "board_size", &0.to_string());
    assert_eq!(
        outcome(&htx, &reduced, "2023-board-size"),
        Outcome::NotApplicable
    );
}

#[test]
fn annual_meeting_deadline_is_three_months_2012_and_four_2023() {
    assert_eq!(annual_meeting_deadline(YEAR, 3), Some(day(2024, 3, 31)));
    assert_eq!(annual_meeting_deadline(YEAR, 4), Some(day(2024, 4, 30)));
    let htx = unit(UnitKind::Htx, Some(10));
    let cases = [
        (
            Law::Coop2012,
            "2012-annual-meeting",
            day(2024, 3, 31),
            Outcome::Pass,
        ),
        (
            Law::Coop2012,
            "2012-annual-meeting",
            day(2024, 4, 1),
            Outcome::Fail,
        ),
        (
            Law::Coop2023,
            "2023-annual-meeting",
            day(2024, 4, 30),
            Outcome::Pass,
        ),
        (
            Law::Coop2023,
            "2023-annual-meeting",
            day(2024, 5, 1),
            Outcome::Fail,
        ),
        // A meeting before the year ended is not that year's annual meeting.
        (
            Law::Coop2023,
            "2023-annual-meeting",
            day(2023, 12, 31),
            Outcome::Fail,
        ),
    ];
    for (law, id, held, expected) in cases {
        let mut a = assessment(law);
        assert_eq!(outcome(&htx, &a, id), Outcome::Unanswered);
        fact(&mut a, "meeting", &held.to_string());
        assert_eq!(outcome(&htx, &a, id), expected, "{id} on {held}");
    }
}

#[test]
fn non_member_supply_2012_at_most_fifty_percent() {
    let id = "2012-non-member-supply";
    let a = assessment(Law::Coop2012);
    let with_supply = |share: &str| {
        let mut u = unit(UnitKind::Htx, Some(10));
        if let Some(r) = u.record_mut(YEAR) {
            r.non_member_supply_percent = Some(d(share));
        }
        u
    };
    assert_eq!(outcome(&with_supply("50"), &a, id), Outcome::Pass);
    assert_eq!(outcome(&with_supply("50.01"), &a, id), Outcome::Fail);
    assert_eq!(
        outcome(&unit(UnitKind::Htx, Some(10)), &a, id),
        Outcome::Unanswered
    );
    let mut job = with_supply("80");
    job.model = Some(CoopModel::JobCreation);
    assert_eq!(outcome(&job, &a, id), Outcome::NotApplicable);
}

#[test]
fn fund_allocations_2012_development_twenty_and_reserve_five_percent() {
    let htx = unit(UnitKind::Htx, Some(10));
    let funds = |dev: &str, reserve: &str| {
        let mut a = assessment(Law::Coop2012);
        fact(&mut a, "income", "1000");
        fact(&mut a, "development", dev);
        fact(&mut a, "reserve", reserve);
        a
    };
    let ok = funds("200", "50");
    assert_eq!(outcome(&htx, &ok, "2012-development-fund"), Outcome::Pass);
    assert_eq!(outcome(&htx, &ok, "2012-reserve-fund"), Outcome::Pass);
    let short = funds("199.99", "49.99");
    assert_eq!(
        outcome(&htx, &short, "2012-development-fund"),
        Outcome::Fail
    );
    assert_eq!(outcome(&htx, &short, "2012-reserve-fund"), Outcome::Fail);
    assert_eq!(
        outcome(&htx, &assessment(Law::Coop2012), "2012-development-fund"),
        Outcome::Unanswered
    );
    let mut loss = funds("0", "0");
    fact(&mut loss, "income", "-5");
    assert_eq!(
        outcome(&htx, &loss, "2012-development-fund"),
        Outcome::NotApplicable
    );
}

#[test]
fn indivisible_fund_2023_at_least_five_percent_ten_for_a_union() {
    let id = "2023-indivisible-fund";
    let fund = |allocated: &str| {
        let mut a = assessment(Law::Coop2023);
        fact(&mut a, "external_income", "400");
        fact(&mut a, "indivisible", allocated);
        a
    };
    let htx = unit(UnitKind::Htx, Some(10));
    assert_eq!(outcome(&htx, &fund("20"), id), Outcome::Pass);
    assert_eq!(outcome(&htx, &fund("19.99"), id), Outcome::Fail);
    let union = unit(UnitKind::Lhhtx, Some(5));
    assert_eq!(outcome(&union, &fund("40"), id), Outcome::Pass);
    assert_eq!(outcome(&union, &fund("39.99"), id), Outcome::Fail);
}

#[test]
fn manual_rules_follow_the_answers_and_the_summary_counts() {
    let htx = unit(UnitKind::Htx, Some(10));
    let mut a = assessment(Law::Coop2012);
    assert_eq!(outcome(&htx, &a, "2012-bodies"), Outcome::Unanswered);
    a.set_answer("2012-bodies", Some(Answer::Yes));
    a.set("note:2012-bodies", "Có đủ");
    assert_eq!(outcome(&htx, &a, "2012-bodies"), Outcome::Pass);
    a.set_answer("2012-bodies", Some(Answer::No));
    assert_eq!(outcome(&htx, &a, "2012-bodies"), Outcome::Fail);
    assert_eq!(a.value("note:", "2012-bodies").as_deref(), Some("Có đủ"));
    let results = evaluate(&htx, &a);
    let summary = Summary::of(&results);
    assert_eq!(
        summary.passed + summary.failed + summary.not_applicable + summary.unanswered,
        results.len()
    );
    assert!(!summary.all_mandatory_pass());
}

/// A cooperative whose 2012 checklist passes throughout.
fn compliant_2012() -> (Unit, Assessment) {
    let mut u = unit(UnitKind::Htx, Some(40));
    if let Some(r) = u.record_mut(YEAR) {
        r.non_member_supply_percent = Some(d("10"));
    }
    let mut a = assessment(Law::Coop2012);
    fact(&mut a, "capital_share", "15");
    fact(&mut a, "supervisory_board", "yes");
    fact(&mut a, "board_size", &5.to_string());
    fact(&mut a, "meeting", &day(2024, 3, 15).to_string());
    fact(&mut a, "income", "100");
    fact(&mut a, "development", "20");
    fact(&mut a, "reserve", "5");
    for rule in Law::Coop2012.rules().rules {
        if rule.check == Check::Manual {
            a.set_answer(rule.id, Some(Answer::Yes));
        }
    }
    (u, a)
}

#[test]
fn a_fully_compliant_cooperative_passes_every_mandatory_2012_rule() {
    let (u, a) = compliant_2012();
    let summary = Summary::of(&evaluate_law(&u, &a, Law::Coop2012));
    assert_eq!(summary.failed, 0);
    assert_eq!(summary.unanswered, 0);
    assert!(summary.all_mandatory_pass());
}

// --- Action plan, exemplary readiness, storage -------------------------------

#[test]
fn every_gap_proposes_an_action_and_edits_survive_a_refresh() {
    let (mut u, mut a) = compliant_2012();
    fact(&mut a, "board_size", &2.to_string());
    if let Some(r) = u.record_mut(YEAR) {
        r.key_managers.push(KeyManager {
            role: ManagerRole::Director,
            qualification: Qualification::Intermediate,
            trained: false,
            name: String::new(),
        });
    }
    a.set_score("5", Some(d("2")));
    let found = gaps(&u, &a);
    let sources: Vec<_> = found.iter().map(|g| g.source.clone()).collect();
    for source in ["rule:2012-board-size", "criterion:5", "manager:director"] {
        assert!(sources.iter().any(|s| s == source), "{source}");
    }
    assert_eq!(add_missing_actions(&u, &mut a, Lang::Vi), found.len());
    a.set("act:0:owner", "Chị Lan");
    assert_eq!(add_missing_actions(&u, &mut a, Lang::Vi), 0);
    assert_eq!(a.actions()[0].owner, "Chị Lan");
}

/// Actions are named by a stable id, never by their place. Schema-2
/// entries saved before ids existed (`act:0`, `act:1`, … in order) read
/// with those numbers as ids and write back (as schema 3) with them; a new
/// action takes an id never used; an edit names the action it meant even
/// when the entries come in another order (another tab's save).
#[test]
fn actions_have_stable_ids_and_old_entries_keep_theirs() {
    let (u, mut a) = compliant_2012();
    fact(&mut a, "board_size", "2");
    let old = vec![
        "act:0:source=rule:2012-board-size".to_owned(),
        "act:0:action=Bầu thêm thành viên".to_owned(),
        "act:1:source=criterion:5".to_owned(),
        "act:1:owner=Chị Lan".to_owned(),
    ];
    for entry in &old {
        let (name, value) = entry.split_once('=').expect("name=value");
        a.set(name, value);
    }
    let actions = a.actions();
    assert_eq!(actions.iter().map(|x| x.id).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(actions[1].owner, "Chị Lan");
    assert_eq!(a.next_action_id(), 2);

    // The file round trip keeps the stored entries as they were.
    let mut ws = Workspace::new("t", "t");
    ws.units.push(u.clone());
    let mut saved = a.clone();
    saved.law = None; // the viewed law is not saved
    ws.assessments.push(saved);
    let json = to_json(&ws);
    let back = from_json(&json).expect("reads back");
    assert_eq!(back, ws);
    assert_eq!(to_json(&back), json);
    assert_eq!(back.assessments[0].actions(), actions);
    assert!(
        json.contains(r#""actions":[{"id":0,"source":"rule:2012-board-size","action":"Bầu thêm thành viên","status":"open"},{"id":1,"source":"criterion:5","owner":"Chị Lan","status":"open"}]"#),
        "{json}"
    );
    // The same entries in a schema-2 file read with the same ids.
    let mut v2: serde_json::Value = serde_json::from_str(&json).expect("json");
    v2["schema_version"] = 2.into();
    let mut entries: Vec<String> = vec![
        "unit=u1".to_owned(),
        format!("year={}", a.year),
        format!("date={}", a.assessed_on),
    ];
    entries.extend(old.iter().cloned());
    v2["assessments"] = serde_json::json!(entries);
    let from_v2 = from_json(&v2.to_string()).expect("a schema-2 file");
    assert_eq!(from_v2.assessments[0].actions(), actions);

    // Entries in another order: each field still lands on its own action.
    let mut shuffled = a.clone();
    shuffled.actions.clear();
    for entry in [&old[2], &old[0], &old[3], &old[1]] {
        let (name, value) = entry.split_once('=').expect("name=value");
        shuffled.set(name, value);
    }
    let by_id = |a: &Assessment, id: u32| a.actions().into_iter().find(|x| x.id == id);
    assert_eq!(
        by_id(&shuffled, 1).map(|x| x.owner),
        Some("Chị Lan".to_owned())
    );
    assert_eq!(
        by_id(&shuffled, 0).map(|x| x.action),
        Some("Bầu thêm thành viên".to_owned())
    );

    // An edit by id changes that action only; an unknown id changes nothing.
    let owner = |id| AssessmentField::Action(id, ActionField::Owner);
    coop_plan::assessment::edit::set_field(&mut shuffled, owner(0), "Anh Minh", Lang::Vi)
        .expect("a known action");
    assert_eq!(
        by_id(&shuffled, 0).map(|x| x.owner),
        Some("Anh Minh".to_owned())
    );
    assert_eq!(
        by_id(&shuffled, 1).map(|x| x.owner),
        Some("Chị Lan".to_owned())
    );
    let before = shuffled.clone();
    coop_plan::assessment::edit::set_field(&mut shuffled, owner(7), "Ai đó", Lang::Vi)
        .expect("ignored");
    assert_eq!(shuffled, before);

    // New actions take ids after the highest, never a used one.
    let added = add_missing_actions(&u, &mut shuffled, Lang::Vi);
    let ids: Vec<u32> = shuffled.actions().iter().map(|x| x.id).collect();
    assert_eq!(ids.len(), 2 + added);
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
}

fn scored_workspace(grades: &[(i32, f64)], profits: &[(i32, &str)]) -> Workspace {
    let mut ws = Workspace::new("t", "t");
    let (mut u, compliant) = compliant_2012();
    for (year, profit) in profits {
        let record = match u.record_mut(*year) {
            Some(r) => r,
            None => {
                u.years.push(YearRecord {
                    year: *year,
                    members: Some(40),
                    ..YearRecord::default()
                });
                u.years.last_mut().expect("just pushed")
            }
        };
        record.pre_tax_profit = Some(d(profit));
    }
    ws.units.push(u);
    for (year, fraction) in grades {
        let a = find_or_create(&mut ws, "u1", *year, day(*year + 1, 3, 1));
        let mut scored = fully_scored(*fraction);
        scored.year = *year;
        scored.assessed_on = a.assessed_on;
        // The law in force on that date, as after a reload (the viewed law
        // is not saved).
        scored.law = None;
        // The scores first; the compliant answers and facts besides.
        for (name, value) in compliant.fields() {
            if scored.value(&name, "").is_none() {
                scored.set(&name, &value);
            }
        }
        *a = scored;
    }
    ws
}

#[test]
fn exemplary_candidates_meet_the_default_criteria() {
    let profits = [(2021, "10"), (2022, "12"), (2023, "15")];
    let ready = scored_workspace(&[(2022, 0.7), (2023, 1.0)], &profits);
    assert_eq!(exemplary_candidates(&ready, YEAR), vec![0]);
    // T8's page lists it by its latest self-assessed year, linked to its record.
    let listed = ready_candidates(&ready, YEAR + 2);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].assessed_year, YEAR);
    assert_eq!(listed[0].href, format!("/units/{}", ready.units[0].id));
    assert!(ready_candidates(&ready, YEAR - 2).is_empty());

    let weak_before = scored_workspace(&[(2022, 0.3), (2023, 1.0)], &profits);
    assert!(exemplary_candidates(&weak_before, YEAR).is_empty());
    let missing = readiness(
        &weak_before,
        &weak_before.units[0],
        YEAR,
        &ExemplaryCriteria::of(&weak_before.exemplary_criteria),
        Lang::En,
    );
    assert_eq!(missing.missing().count(), 1);

    let loss = scored_workspace(
        &[(2022, 0.7), (2023, 1.0)],
        &[(2021, "-1"), (2022, "12"), (2023, "15")],
    );
    assert!(exemplary_candidates(&loss, YEAR).is_empty());

    let mut relaxed = loss.clone();
    coop_plan::assessment::edit::set_exemplary_entry(
        &mut relaxed,
        coop_plan::assessment::edit::ExemplaryField::Years,
        "2",
        Lang::En,
    )
    .expect("a number");
    assert_eq!(exemplary_candidates(&relaxed, YEAR), vec![0]);
}

#[test]
fn assessments_travel_in_the_workspace_json() {
    let ws = scored_workspace(&[(2023, 0.9)], &[(2023, "1")]);
    let back = from_json(&to_json(&ws)).expect("reads back");
    assert_eq!(back, ws);
    assert_eq!(back.assessments[0].rubric_version, CURRENT_RUBRIC.version);
    // A workspace without assessments writes no such key.
    let empty = Workspace::new("e", "e");
    assert!(!to_json(&empty).contains("assessments"));
    assert!(!to_json(&empty).contains("exemplary_criteria"));
}

#[test]
fn citations_not_verified_against_the_references_say_so() {
    let rule = |law: Law, id: &str| {
        law.rules()
            .rules
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // One clause cannot carry two different limits: the clause is not
    // verified, and the figures come from a translation only.
    for id in ["2012-non-member-supply", "2012-job-creation-wages"] {
        let r = rule(Law::Coop2012, id);
        assert_eq!(r.verification, Verification::Secondary, "{id}");
        assert!(!r.citation.contains("khoản 2"), "{id}: {}", r.citation);
        assert!(
            r.citation.contains("chưa kiểm chứng"),
            "{id}: {}",
            r.citation
        );
    }
    // The 2023 law is in the reference copy: Điều 62 khoản 1 điểm b is the
    // board's incompatibilities.
    let r = rule(Law::Coop2023, "2023-incompatibilities");
    assert_eq!(r.verification, Verification::Verified);
    assert!(r.citation.ends_with("Điều 62 khoản 1 điểm b"));
    // No rule of the 2012 law cites its Điều 62, whose text we do not hold.
    assert!(Law::Coop2012
        .rules()
        .rules
        .iter()
        .all(|r| !r.citation.contains("Điều 62")));
}
