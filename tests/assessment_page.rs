//! The self-assessment page's data and its typed edits: what the browser
//! shows is computed here, so it is checked here (the components only lay
//! it out).

use chrono::NaiveDate;
use coop_plan::assessment::classification::CURRENT_RUBRIC;
use coop_plan::assessment::edit::{
    apply, assessed_years, mark_reorganised, propose_actions, set_exemplary_entry, ActionField,
    AssessmentField, ExemplaryField, NewCooperative,
};
use coop_plan::assessment::page::{
    action_rows, checklist, classification, law_choices, manual_rules, open_gaps, open_gaps_text,
    report, scores_form, Reorganisation, ScoresForm,
};
use coop_plan::assessment::{exemplary, find, ExemplaryCriteria, Fact, Law};
use coop_plan::domain::unit::{KeyManager, ManagerRole, Qualification, UnitKind};
use coop_plan::domain::workspace::Workspace;
use coop_plan::files::document::{from_json, to_json};
use coop_plan::i18n::Lang;

use AssessmentField::{Action, Answer, Max, MonthsOperated, MonthsStopped, Note, Score};

const YEAR: i32 = 2023;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 3, 20).expect("date")
}

fn workspace() -> (Workspace, String) {
    let mut ws = Workspace::new("t", "t");
    let draft = NewCooperative {
        name: "HTX <Tân> Minh".into(),
        code: "0201".into(),
        members: "40".into(),
    };
    let id = draft.create(&mut ws, YEAR, Lang::Vi).expect("created");
    (ws, id)
}

fn set(ws: &mut Workspace, id: &str, field: AssessmentField, value: &str) {
    apply(ws, id, YEAR, today(), field, value, Lang::En)
        .unwrap_or_else(|e| panic!("{field:?}={value}: {e}"));
}

fn fact(f: Fact) -> AssessmentField {
    AssessmentField::Fact(f)
}

fn ex(ws: &mut Workspace, field: ExemplaryField, value: &str) {
    set_exemplary_entry(ws, field, value, Lang::En).expect("a criterion");
}

/// Every 2012 rule answered or backed by data so that all pass.
fn compliant(ws: &mut Workspace, id: &str) {
    for (f, value) in [
        (Fact::BoardSize, "5"),
        (Fact::SupervisoryBoard, "yes"),
        (Fact::Meeting, "2024-03-15"),
        (Fact::CapitalShare, "15"),
        (Fact::Income, "100"),
        (Fact::Development, "20"),
        (Fact::Reserve, "5"),
    ] {
        set(ws, id, fact(f), value);
    }
    if let Some(r) = ws.units[0].record_mut(YEAR) {
        r.non_member_supply_percent = Some(coop_plan::domain::decimal::Decimal::from_i64(10));
    }
    for rule in Law::Coop2012
        .rules()
        .rules
        .iter()
        .filter(|r| !r.is_automatic())
    {
        set(ws, id, Answer(rule.id), "yes");
    }
}

fn score_all(ws: &mut Workspace, id: &str, full: bool) {
    for criterion in CURRENT_RUBRIC.criteria() {
        for item in criterion.scoring_items() {
            let value = if full {
                item.max.to_string()
            } else {
                "0".to_owned()
            };
            set(ws, id, Score(item.id), &value);
        }
    }
}

fn rows_of(form: &ScoresForm) -> Vec<&coop_plan::assessment::page::ScoreRow> {
    match form {
        ScoresForm::Table { groups, .. } => groups.iter().flat_map(|g| &g.rows).collect(),
        ScoresForm::UnknownRubric(_) => Vec::new(),
    }
}

#[test]
fn the_years_and_rule_sets_offered() {
    let ws = Workspace::new("e", "e");
    let years = assessed_years(&ws, today());
    assert!(years.contains(&2023) && years.contains(&2022));
    let laws = law_choices(NaiveDate::from_ymd_opt(2024, 3, 1).expect("d"), Lang::En);
    assert_eq!(
        laws,
        vec![
            (Law::Coop2012, "2012 Law (in force)".to_owned()),
            (Law::Coop2023, "2023 Law (for viewing)".to_owned())
        ]
    );
    let laws = law_choices(NaiveDate::from_ymd_opt(2024, 3, 1).expect("d"), Lang::Vi);
    assert_eq!(laws[0].1, "Luật HTX 2012 (đang có hiệu lực)");
}

#[test]
fn scores_are_validated_and_nothing_is_stored_on_error() {
    let (mut ws, id) = workspace();
    let error = apply(&mut ws, &id, YEAR, today(), Score("1a"), "7", Lang::En);
    assert_eq!(error, Err("At most 6 points".to_owned()));
    assert!(
        find(&ws, &id, YEAR).is_none(),
        "a refused first entry creates nothing"
    );
    assert!(apply(&mut ws, &id, YEAR, today(), Score("1a"), "-1", Lang::En).is_err());
    // A decimal comma is Vietnamese: in English "5,5" is no number.
    assert!(apply(&mut ws, &id, YEAR, today(), Score("1a"), "5,5", Lang::En).is_err());
    apply(&mut ws, &id, YEAR, today(), Score("1a"), "5,5", Lang::Vi).expect("5,5 in Vietnamese");
    let a = find(&ws, &id, YEAR).expect("created on the first edit");
    assert_eq!(Score("1a").stored(a), "5.5");
    assert_eq!(Score("1a").shown(a, Lang::Vi), "5,5");
    // Saved as a typed field of its own.
    assert!(to_json(&ws).contains(r#""scores":{"1a":"5.5"}"#));
    // Unverified maxima are editable; the score follows the new maximum.
    set(&mut ws, &id, Max(15), "8");
    set(&mut ws, &id, Score("15"), "8");
    assert!(apply(&mut ws, &id, YEAR, today(), Score("15"), "9", Lang::En).is_err());
    let form = scores_form(&ws.units[0], find(&ws, &id, YEAR).expect("a"), Lang::En);
    let rows = rows_of(&form);
    assert!(rows.iter().any(|r| r.editable == Some(15) && r.max == 8));
    assert!(
        !rows.iter().any(|r| r.editable == Some(1)),
        "verified maxima are fixed"
    );
    assert!(rows
        .iter()
        .filter_map(|r| r.head.as_ref())
        .any(|h| h.2.contains("maximum unverified")));
}

#[test]
fn the_figures_of_the_record_appear_beside_criterion_7() {
    let (mut ws, id) = workspace();
    if let Some(r) = ws.units[0].record_mut(YEAR) {
        for (role, q) in [
            (ManagerRole::Chair, Qualification::University),
            (ManagerRole::Director, Qualification::Intermediate),
        ] {
            r.key_managers.push(KeyManager {
                role,
                qualification: q,
                trained: true,
                name: String::new(),
            });
        }
    }
    set(&mut ws, &id, MonthsOperated, "12");
    let form = scores_form(&ws.units[0], find(&ws, &id, YEAR).expect("a"), Lang::En);
    assert!(rows_of(&form)
        .iter()
        .filter_map(|r| r.head.as_ref())
        .any(|h| h.3 == "Key managers: 50% university or college; 50% elementary or intermediate"));
}

#[test]
fn checklist_failures_show_their_citation_and_the_2012_mark_needs_every_rule() {
    let (mut ws, id) = workspace();
    set(&mut ws, &id, fact(Fact::BoardSize), "2");
    let c = checklist(&ws.units[0], find(&ws, &id, YEAR).expect("a"), Lang::En);
    assert!(c
        .failures
        .iter()
        .any(|f| f.citation == "Luật 23/2012/QH13, Điều 35"));
    assert!(matches!(c.reorganisation, Reorganisation::NotYet { .. }));
    assert!(!mark_reorganised(&mut ws, &id, YEAR, today()));

    compliant(&mut ws, &id);
    let c = checklist(&ws.units[0], find(&ws, &id, YEAR).expect("a"), Lang::En);
    assert_eq!(c.reorganisation, Reorganisation::Possible);
    assert!(c.summary.contains("0 failed"), "{}", c.summary);
    assert!(mark_reorganised(&mut ws, &id, YEAR, today()));
    assert_eq!(ws.units[0].reorganisation.completed_on, Some(today()));
    assert!(ws.units[0].reorganisation.required, "counts towards T1");
    let c = checklist(&ws.units[0], find(&ws, &id, YEAR).expect("a"), Lang::En);
    assert_eq!(
        c.reorganisation,
        Reorganisation::Done("20 Mar 2024".to_owned())
    );
}

#[test]
fn manual_answers_and_the_other_law_can_be_viewed() {
    let (mut ws, id) = workspace();
    set(&mut ws, &id, Answer("2012-bodies"), "no");
    set(&mut ws, &id, Note("2012-bodies"), "Chưa có <ban> kiểm soát");
    let a = find(&ws, &id, YEAR).expect("a");
    assert_eq!(
        Note("2012-bodies").shown(a, Lang::En),
        "Chưa có <ban> kiểm soát"
    );
    assert_eq!(Answer("2012-bodies").stored(a), "no");
    set(&mut ws, &id, AssessmentField::Law, "2023");
    let a = find(&ws, &id, YEAR).expect("a");
    assert_eq!(a.law(), Law::Coop2023);
    assert!(manual_rules(a.law(), Lang::En)
        .iter()
        .any(|r| r.id == "2023-disclosure"));
    set(&mut ws, &id, AssessmentField::Law, "2012");
    assert_eq!(
        find(&ws, &id, YEAR).expect("a").law,
        None,
        "back to the law in force"
    );
}

#[test]
fn classification_shows_total_grade_size_radar_and_last_year() {
    let (mut ws, id) = workspace();
    score_all(&mut ws, &id, true);
    let c = classification(
        &ws,
        &ws.units[0],
        find(&ws, &id, YEAR).expect("a"),
        Lang::En,
    )
    .expect("classified");
    assert_eq!(c.total, "100 / 100");
    assert_eq!(c.grade, "Excellent (Tốt)");
    assert_eq!(c.size, "Micro (40 members)");
    assert_eq!(c.radar.title, "Share of points by criterion group");
    // Every group full: the polygon reaches the outer ring on each axis.
    assert_eq!(
        c.radar.current,
        "150.0,40.0 260.0,150.0 150.0,260.0 40.0,150.0"
    );
    assert!(c.radar.previous.is_none());
    // Last year, scored zero: compared in the table and drawn underneath.
    for criterion in CURRENT_RUBRIC.criteria() {
        for item in criterion.scoring_items() {
            apply(
                &mut ws,
                &id,
                YEAR - 1,
                today(),
                Score(item.id),
                "0",
                Lang::En,
            )
            .expect("score");
        }
    }
    let c = classification(
        &ws,
        &ws.units[0],
        find(&ws, &id, YEAR).expect("a"),
        Lang::En,
    )
    .expect("classified");
    assert_eq!(
        c.radar.previous.as_deref(),
        Some("150.0,150.0 150.0,150.0 150.0,150.0 150.0,150.0")
    );
    assert_eq!(
        c.previous,
        Some(("Year 2022".to_owned(), "0 · Weak (Yếu)".to_owned()))
    );
    assert!(c.radar.caption.contains("2023 (solid) · 2022 (dashed)"));
    // The points by criterion against last year are in the report.
    let r = report(
        &ws,
        &ws.units[0],
        find(&ws, &id, YEAR).expect("a"),
        Lang::En,
    );
    assert_eq!(
        r.criteria.expect("a table").years,
        vec!["2023".to_owned(), "2022".to_owned()]
    );
    set(&mut ws, &id, MonthsOperated, "10");
    let c = classification(
        &ws,
        &ws.units[0],
        find(&ws, &id, YEAR).expect("a"),
        Lang::En,
    )
    .expect("classified");
    assert_eq!(c.grade, "Not graded (operated under 12 months)");
}

#[test]
fn gaps_become_editable_actions_that_reach_the_report() {
    let (mut ws, id) = workspace();
    set(&mut ws, &id, fact(Fact::BoardSize), "20");
    score_all(&mut ws, &id, false);
    let open = open_gaps(&ws.units[0], find(&ws, &id, YEAR).expect("a"));
    assert!(open > 0);
    assert!(open_gaps_text(open, Lang::En).ends_with("gaps without an action."));
    assert!(propose_actions(&mut ws, &id, YEAR, today(), Lang::En) > 0);
    assert_eq!(open_gaps(&ws.units[0], find(&ws, &id, YEAR).expect("a")), 0);
    assert_eq!(open_gaps_text(0, Lang::En), "Every gap has an action.");
    set(&mut ws, &id, Action(0, ActionField::Owner), "Chị Lan");
    set(&mut ws, &id, Action(0, ActionField::Due), "2024-06-30");
    set(&mut ws, &id, Action(0, ActionField::Status), "in_progress");
    assert!(apply(
        &mut ws,
        &id,
        YEAR,
        today(),
        Action(0, ActionField::Due),
        "soon",
        Lang::En
    )
    .is_err());
    let a = find(&ws, &id, YEAR).expect("a");
    let rows = action_rows(&ws.units[0], a, Lang::En);
    assert_eq!(rows[0].owner, "Chị Lan");
    assert_eq!(rows[0].number, 1);
    assert_eq!(rows[0].due, "2024-06-30");
    assert_eq!(
        rows[0].status,
        coop_plan::assessment::ActionStatus::InProgress
    );
    let r = report(&ws, &ws.units[0], a, Lang::En);
    assert_eq!(r.title, "Self-assessment report 2023 — HTX <Tân> Minh");
    assert!(r.line.starts_with("Code: 0201"));
    assert!(r.grade.as_deref().is_some_and(|g| g.contains("Weak (Yếu)")));
    assert!(r
        .failures
        .iter()
        .any(|f| f.citation == "Luật 23/2012/QH13, Điều 35"));
    assert_eq!(r.actions[0].owner, "Chị Lan");
    assert_eq!(r.actions[0].due_shown, "30 Jun 2024");
}

#[test]
fn ready_cooperatives_are_t8_candidates_and_results_survive_export() {
    let (mut ws, id) = workspace();
    for year in [YEAR - 2, YEAR - 1, YEAR] {
        let record = match ws.units[0].record_mut(year) {
            Some(r) => r,
            None => {
                ws.units[0].years.push(coop_plan::domain::unit::YearRecord {
                    year,
                    ..Default::default()
                });
                ws.units[0].years.last_mut().expect("pushed")
            }
        };
        record.pre_tax_profit = Some(coop_plan::domain::decimal::Decimal::from_i64(5));
    }
    compliant(&mut ws, &id);
    score_all(&mut ws, &id, true);
    let ready = |ws: &Workspace| {
        exemplary::readiness(
            ws,
            &ws.units[0],
            YEAR,
            &ExemplaryCriteria::of(&ws.exemplary_criteria),
            Lang::En,
        )
        .is_ready()
    };
    assert!(!ready(&ws), "no grade for the year before");
    ex(&mut ws, ExemplaryField::Previous, "");
    assert!(ready(&ws));
    let candidates = coop_plan::assessment::ready_candidates(&ws, 2025);
    assert_eq!(candidates.len(), 1);
    assert_eq!(candidates[0].href, "/units/htx-1");

    let back = from_json(&to_json(&ws)).expect("reads back");
    assert_eq!(back, ws);
    assert_eq!(
        ExemplaryCriteria::of(&back.exemplary_criteria).previous_grade,
        None
    );
    assert_eq!(
        ExemplaryField::Previous.value(&ExemplaryCriteria::of(&back.exemplary_criteria)),
        ""
    );
    let other = Workspace::new("x", "x");
    assert!(coop_plan::assessment::ready_candidates(&other, 2025).is_empty());
    let _ = UnitKind::Htx;
}

#[test]
fn every_kind_of_entry_survives_export_and_a_bad_one_refuses_the_file() {
    let (mut ws, id) = workspace();
    for (field, value) in [
        (fact(Fact::BoardSize), "5"),
        (fact(Fact::SupervisoryBoard), "no"),
        (fact(Fact::Model), "reduced"),
        (fact(Fact::Meeting), "2024-04-10"),
        (fact(Fact::CapitalShare), "12.5"),
        (fact(Fact::ExternalIncome), "400"),
        (fact(Fact::Indivisible), "19.99"),
        (MonthsOperated, "12"),
        (MonthsStopped, "1"),
        (Answer("2023-disclosure"), "no"),
        (Note("2023-disclosure"), "  Chưa niêm yết = \"sắp\"  "),
        (Note("2023-capital-paid"), "Chỉ ghi chú"),
        (Max(15), "8"),
        (Score("15"), "7.5"),
        (Score("1a"), "4"),
    ] {
        set(&mut ws, &id, field, value);
    }
    ex(&mut ws, ExemplaryField::Previous, "");
    ex(&mut ws, ExemplaryField::Years, "2");
    ex(&mut ws, ExemplaryField::Compliance, "false");
    set(&mut ws, &id, AssessmentField::Law, "2012");
    assert!(propose_actions(&mut ws, &id, YEAR, today(), Lang::Vi) > 0);
    set(&mut ws, &id, Action(0, ActionField::Owner), "Chị Lan");
    set(&mut ws, &id, Action(0, ActionField::Due), "2024-06-30");
    set(&mut ws, &id, Action(0, ActionField::Status), "done");
    set(
        &mut ws,
        &id,
        Action(1, ActionField::Action),
        "Họp ban quản trị",
    );
    let a = find(&ws, &id, YEAR).expect("a");
    assert_eq!(fact(Fact::CapitalShare).stored(a), "12.5", "normalised");
    assert_eq!(
        Note("2023-disclosure").stored(a),
        "Chưa niêm yết = \"sắp\"",
        "trimmed, and an '=' in a value is kept"
    );
    assert_eq!(a.actions()[0].owner, "Chị Lan");

    let text = to_json(&ws);
    let back = from_json(&text).expect("reads back");
    let mut expected = ws.clone();
    // The rule set viewed is not saved: the law in force applies again.
    for a in &mut expected.assessments {
        a.law = None;
    }
    assert_eq!(back, expected);

    // A value that does not read refuses the file, naming the assessment.
    let broken = text.replace(r#""meeting":"2024-04-10""#, r#""meeting":"soon""#);
    assert_ne!(broken, text);
    let error = from_json(&broken).expect_err("refused");
    assert!(format!("{error:?}").contains("assessments 1"), "{error:?}");
}

#[test]
fn a_peoples_credit_fund_is_not_offered_the_tt01_classification() {
    let (mut ws, id) = workspace();
    score_all(&mut ws, &id, true);
    ws.units[0].kind = UnitKind::Qtdnd;
    let (before, unverified, after) = coop_plan::assessment::page::credit_fund_notice(Lang::Vi);
    assert!(before.contains("Ngân hàng Nhà nước"));
    assert_eq!(unverified, "chưa kiểm chứng");
    assert!(after.contains("văn bản gốc"));
    let r = report(
        &ws,
        &ws.units[0],
        find(&ws, &id, YEAR).expect("a"),
        Lang::En,
    );
    assert!(r.credit_fund);
    assert!(r.grade.is_none() && r.criteria.is_none());
    // An HTX still is.
    ws.units[0].kind = UnitKind::Htx;
    let r = report(
        &ws,
        &ws.units[0],
        find(&ws, &id, YEAR).expect("a"),
        Lang::En,
    );
    assert!(r.grade.is_some_and(|g| g.contains("100 / 100")));
}

#[test]
fn amounts_are_typed_the_pages_way_and_shown_as_stored() {
    let (mut ws, id) = workspace();
    let income = fact(Fact::Income);
    assert_eq!(
        income.typed_echo("1.250,5", Lang::Vi).as_deref(),
        Some("= 1.250,5 triệu đồng")
    );
    assert_eq!(
        income.typed_echo("1,250.5", Lang::En).as_deref(),
        Some("= 1,250.5 million VND")
    );
    assert_eq!(income.typed_echo("4.80", Lang::Vi).as_deref(), Some(""));
    assert_eq!(
        fact(Fact::CapitalShare)
            .typed_echo("12,5", Lang::Vi)
            .as_deref(),
        Some("= 12,5%")
    );
    assert_eq!(fact(Fact::BoardSize).typed_echo("5", Lang::Vi), None);
    // "4.800" is four thousand eight hundred on a Vietnamese page; "4.80"
    // is refused with the form expected.
    let error = apply(&mut ws, &id, YEAR, today(), income, "4.80", Lang::Vi);
    assert!(error.is_err_and(|e| e.contains("4.800 hoặc 1.250,5")));
    apply(&mut ws, &id, YEAR, today(), income, "4.800", Lang::Vi).expect("4.800");
    let a = find(&ws, &id, YEAR).expect("saved");
    assert_eq!(income.stored(a), "4800");
    // Shown back the page's way, with the value as stored beside it.
    assert_eq!(income.shown(a, Lang::Vi), "4.800");
    assert_eq!(
        income
            .typed_echo(&income.shown(a, Lang::Vi), Lang::Vi)
            .as_deref(),
        Some("= 4.800 triệu đồng")
    );
}
