//! The self-assessment page's HTML and its edits by name: what the browser
//! shows is written here, so it is checked here.

use chrono::NaiveDate;
use coop_plan::assessment::classification::CURRENT_RUBRIC;
use coop_plan::assessment::page::{
    actions_form_html, answers_form_html, apply, checklist_html, classification_html,
    create_cooperative, gaps_html, mark_reorganised, pick_form_html, propose_actions,
    readiness_html, region, report_html, scores_form_html,
};
use coop_plan::assessment::{find, Law};
use coop_plan::document::{from_json, to_json};
use coop_plan::i18n::Lang;
use coop_plan::unit::{KeyManager, ManagerRole, Qualification, UnitKind};
use coop_plan::workspace::Workspace;

const YEAR: i32 = 2023;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 3, 20).expect("date")
}

fn workspace() -> (Workspace, String) {
    let mut ws = Workspace::new("t", "t");
    let id = create_cooperative(&mut ws, "HTX <Tân> Minh", "0201", "40", YEAR, Lang::Vi)
        .expect("created");
    (ws, id)
}

fn set(ws: &mut Workspace, id: &str, name: &str, value: &str) {
    apply(ws, id, YEAR, today(), name, value, Lang::En)
        .unwrap_or_else(|e| panic!("{name}={value}: {e}"));
}

/// Every 2012 rule answered or backed by data so that all pass.
fn compliant(ws: &mut Workspace, id: &str) {
    for (name, value) in [
        ("fact:board_size", "5"),
        ("fact:supervisory_board", "yes"),
        ("fact:meeting", "2024-03-15"),
        ("fact:capital_share", "15"),
        ("fact:income", "100"),
        ("fact:development", "20"),
        ("fact:reserve", "5"),
    ] {
        set(ws, id, name, value);
    }
    if let Some(r) = ws.units[0].record_mut(YEAR) {
        r.non_member_supply_percent = Some(coop_plan::decimal::Decimal::from_i64(10));
    }
    for rule in Law::Coop2012
        .rules()
        .rules
        .iter()
        .filter(|r| !r.is_automatic())
    {
        set(ws, id, &format!("ans:{}", rule.id), "yes");
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
            set(ws, id, &format!("score:{}", item.id), &value);
        }
    }
}

#[test]
fn a_workspace_without_a_cooperative_offers_the_create_form() {
    let ws = Workspace::new("e", "e");
    let html = pick_form_html(&ws, "", YEAR, today(), Lang::En);
    assert!(html.contains("name=\"new:name\""));
    assert!(html.contains("data-action=\"create\""));
    // The year assessed is chosen before the cooperative is created.
    assert!(html.contains("<select name=\"year\">"));
    assert!(html.contains("<option value=\"2023\" selected=\"\">2023</option>"));
    let (ws, id) = workspace();
    let html = pick_form_html(&ws, &id, YEAR, today(), Lang::En);
    assert!(html.contains("HTX &lt;Tân&gt; Minh"), "names are escaped");
    assert!(html.contains("<option value=\"2012\" selected=\"\">2012 Law (in force)</option>"));
    assert!(html.contains("<option value=\"2023\">2023 Law (for viewing)</option>"));
    assert!(html.contains("<option value=\"2023\" selected=\"\">2023</option>"));
    assert!(html.contains("<option value=\"2022\">2022</option>"));
}

#[test]
fn scores_are_validated_and_nothing_is_stored_on_error() {
    let (mut ws, id) = workspace();
    let error = apply(&mut ws, &id, YEAR, today(), "score:1a", "7", Lang::En);
    assert_eq!(error, Err("At most 6 points".to_owned()));
    assert!(
        find(&ws, &id, YEAR).is_none(),
        "a refused first entry creates nothing"
    );
    assert!(apply(&mut ws, &id, YEAR, today(), "score:1a", "-1", Lang::En).is_err());
    // A decimal comma is Vietnamese: in English "5,5" is no number.
    assert!(apply(&mut ws, &id, YEAR, today(), "score:1a", "5,5", Lang::En).is_err());
    apply(&mut ws, &id, YEAR, today(), "score:1a", "5,5", Lang::Vi).expect("5,5 in Vietnamese");
    let a = find(&ws, &id, YEAR).expect("created on the first edit");
    assert_eq!(a.value("score:", "1a").as_deref(), Some("5.5"));
    // Saved as a typed field of its own.
    assert!(to_json(&ws).contains(r#""scores":{"1a":"5.5"}"#));
    // Unverified maxima are editable; the score follows the new maximum.
    set(&mut ws, &id, "max:15", "8");
    set(&mut ws, &id, "score:15", "8");
    assert!(apply(&mut ws, &id, YEAR, today(), "score:15", "9", Lang::En).is_err());
    let html = scores_form_html(&ws.units[0], find(&ws, &id, YEAR).expect("a"), Lang::En);
    assert!(html.contains("name=\"max:15\""));
    assert!(
        !html.contains("name=\"max:1\""),
        "verified maxima are fixed"
    );
    assert!(html.contains("maximum unverified"));
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
    set(&mut ws, &id, "months_operated", "12");
    let html = scores_form_html(&ws.units[0], find(&ws, &id, YEAR).expect("a"), Lang::En);
    assert!(
        html.contains("Key managers: 50% university or college; 50% elementary or intermediate")
    );
}

#[test]
fn checklist_failures_show_their_citation_and_the_2012_mark_needs_every_rule() {
    let (mut ws, id) = workspace();
    set(&mut ws, &id, "fact:board_size", "2");
    let html = checklist_html(&ws.units[0], find(&ws, &id, YEAR).expect("a"), Lang::En);
    assert!(html.contains("Rules failed"));
    assert!(html.contains("<cite>Luật 23/2012/QH13, Điều 35</cite>"));
    assert!(!html.contains("data-action=\"reorganise\""));
    assert!(!mark_reorganised(&mut ws, &id, YEAR, today()));

    compliant(&mut ws, &id);
    let html = checklist_html(&ws.units[0], find(&ws, &id, YEAR).expect("a"), Lang::En);
    assert!(html.contains("data-action=\"reorganise\""), "{html}");
    assert!(mark_reorganised(&mut ws, &id, YEAR, today()));
    assert_eq!(ws.units[0].reorganisation.completed_on, Some(today()));
    assert!(ws.units[0].reorganisation.required, "counts towards T1");
    let html = checklist_html(&ws.units[0], find(&ws, &id, YEAR).expect("a"), Lang::En);
    assert!(html.contains("Reorganised under the 2012 law on 20 Mar 2024"));
}

#[test]
fn manual_answers_and_the_other_law_can_be_viewed() {
    let (mut ws, id) = workspace();
    set(&mut ws, &id, "ans:2012-bodies", "no");
    set(&mut ws, &id, "note:2012-bodies", "Chưa có <ban> kiểm soát");
    let a = find(&ws, &id, YEAR).expect("a");
    let form = answers_form_html(a, Lang::En);
    assert!(form.contains("value=\"Chưa có &lt;ban&gt; kiểm soát\""));
    assert!(form.contains("<option value=\"no\" selected=\"\">"));
    set(&mut ws, &id, "law", "2023");
    let a = find(&ws, &id, YEAR).expect("a");
    assert_eq!(a.law(), Law::Coop2023);
    assert!(answers_form_html(a, Lang::En).contains("ans:2023-disclosure"));
    set(&mut ws, &id, "law", "2012");
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
    let html = classification_html(
        &ws,
        &ws.units[0],
        find(&ws, &id, YEAR).expect("a"),
        Lang::En,
    );
    assert!(html.contains("100 / 100"));
    assert!(html.contains("Excellent (Tốt)"));
    assert!(html.contains("Micro (40 members)"));
    assert!(html.contains("<svg viewBox=\"0 0 300 300\" role=\"img\""));
    assert!(!html.contains("radar-previous"));
    // Last year, scored zero: compared in the table and drawn underneath.
    for criterion in CURRENT_RUBRIC.criteria() {
        for item in criterion.scoring_items() {
            apply(
                &mut ws,
                &id,
                YEAR - 1,
                today(),
                &format!("score:{}", item.id),
                "0",
                Lang::En,
            )
            .expect("score");
        }
    }
    let html = classification_html(
        &ws,
        &ws.units[0],
        find(&ws, &id, YEAR).expect("a"),
        Lang::En,
    );
    assert!(html.contains("radar-previous"));
    assert!(
        html.contains("<dt>Year 2022</dt><dd>0 · Weak (Yếu)</dd>"),
        "{html}"
    );
    // The points by criterion against last year are in the report.
    let report = coop_plan::assessment::page::region(&ws, &id, YEAR, today(), Lang::En, 10);
    assert!(
        report.contains("<th scope=\"col\" class=\"num\">2022</th>"),
        "{report}"
    );
    set(&mut ws, &id, "months_operated", "10");
    let html = classification_html(
        &ws,
        &ws.units[0],
        find(&ws, &id, YEAR).expect("a"),
        Lang::En,
    );
    assert!(html.contains("Not graded (operated under 12 months)"));
}

#[test]
fn gaps_become_editable_actions_that_reach_the_report() {
    let (mut ws, id) = workspace();
    set(&mut ws, &id, "fact:board_size", "20");
    score_all(&mut ws, &id, false);
    assert!(propose_actions(&mut ws, &id, YEAR, today(), Lang::En) > 0);
    set(&mut ws, &id, "act:0:owner", "Chị Lan");
    set(&mut ws, &id, "act:0:due", "2024-06-30");
    set(&mut ws, &id, "act:0:status", "in_progress");
    assert!(apply(&mut ws, &id, YEAR, today(), "act:0:due", "soon", Lang::En).is_err());
    let a = find(&ws, &id, YEAR).expect("a");
    let form = actions_form_html(&ws.units[0], a, Lang::En);
    assert!(form.contains("value=\"Chị Lan\""));
    // The button that adds proposals is in the form, which typing never
    // rewrites, not in the gaps' text, which every edit rewrites.
    assert!(form.contains("data-action=\"propose\""));
    assert!(!gaps_html(&ws.units[0], a, Lang::En).contains("<button"));
    assert!(form.contains("<option value=\"in_progress\" selected=\"\">"));
    let report = report_html(&ws.units[0], a, Lang::En);
    assert!(report.contains("Self-assessment report 2023 — HTX &lt;Tân&gt; Minh"));
    assert!(report.contains("Code: 0201"));
    assert!(report.contains("Weak (Yếu)"));
    assert!(report.contains("<cite>Luật 23/2012/QH13, Điều 35</cite>"));
    assert!(report.contains("Chị Lan"));
    assert!(report.contains("30 Jun 2024"));
}

#[test]
fn ready_cooperatives_are_t8_candidates_and_results_survive_export() {
    let (mut ws, id) = workspace();
    for year in [YEAR - 2, YEAR - 1, YEAR] {
        let record = match ws.units[0].record_mut(year) {
            Some(r) => r,
            None => {
                ws.units[0].years.push(coop_plan::unit::YearRecord {
                    year,
                    ..Default::default()
                });
                ws.units[0].years.last_mut().expect("pushed")
            }
        };
        record.pre_tax_profit = Some(coop_plan::decimal::Decimal::from_i64(5));
    }
    compliant(&mut ws, &id);
    score_all(&mut ws, &id, true);
    let before = readiness_html(&ws, &ws.units[0], YEAR, Lang::En);
    assert!(
        before.contains("Not yet ready"),
        "no grade for the year before"
    );
    set(&mut ws, &id, "ex:previous", "");
    let after = readiness_html(&ws, &ws.units[0], YEAR, Lang::En);
    assert!(after.contains("Ready to be put forward"), "{after}");
    let candidates = coop_plan::assessment::ready_candidates(&ws, 2025);
    assert_eq!(candidates.len(), 1);
    assert_eq!(candidates[0].href, "/units/htx-1");

    let back = from_json(&to_json(&ws)).expect("reads back");
    assert_eq!(back, ws);
    assert_eq!(
        coop_plan::assessment::ExemplaryCriteria::of(&back.exemplary_criteria).previous_grade,
        None
    );
    let other = Workspace::new("x", "x");
    assert!(coop_plan::assessment::ready_candidates(&other, 2025).is_empty());
    let _ = UnitKind::Htx;
}

#[test]
fn every_kind_of_entry_survives_export_and_a_bad_one_refuses_the_file() {
    let (mut ws, id) = workspace();
    for (name, value) in [
        ("fact:board_size", "5"),
        ("fact:supervisory_board", "no"),
        ("fact:model", "reduced"),
        ("fact:meeting", "2024-04-10"),
        ("fact:capital_share", "12.5"),
        ("fact:external_income", "400"),
        ("fact:indivisible", "19.99"),
        ("months_operated", "12"),
        ("months_stopped", "1"),
        ("ans:2023-disclosure", "no"),
        ("note:2023-disclosure", "  Chưa niêm yết = \"sắp\"  "),
        ("note:2023-capital-paid", "Chỉ ghi chú"),
        ("max:15", "8"),
        ("score:15", "7.5"),
        ("score:1a", "4"),
        ("ex:previous", ""),
        ("ex:years", "2"),
        ("ex:compliance", "false"),
    ] {
        set(&mut ws, &id, name, value);
    }
    set(&mut ws, &id, "law", "2012");
    assert!(propose_actions(&mut ws, &id, YEAR, today(), Lang::Vi) > 0);
    set(&mut ws, &id, "act:0:owner", "Chị Lan");
    set(&mut ws, &id, "act:0:due", "2024-06-30");
    set(&mut ws, &id, "act:0:status", "done");
    set(&mut ws, &id, "act:1:action", "Họp ban quản trị");
    let a = find(&ws, &id, YEAR).expect("a");
    assert_eq!(
        a.value("fact:capital_share", "").as_deref(),
        Some("12.5"),
        "normalised"
    );
    assert_eq!(
        a.value("note:", "2023-disclosure").as_deref(),
        Some("Chưa niêm yết = \"sắp\""),
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
    ws.units[0].kind = coop_plan::unit::UnitKind::Qtdnd;
    let scores = region(&ws, &id, YEAR, today(), Lang::Vi, 4);
    assert!(scores.contains("credit-fund-not-graded"), "{scores}");
    assert!(scores.contains("Ngân hàng Nhà nước"));
    assert!(scores.contains("chưa kiểm chứng"));
    assert!(!scores.contains("score:"), "no score fields: {scores}");
    assert_eq!(region(&ws, &id, YEAR, today(), Lang::Vi, 5), "");
    let report = region(&ws, &id, YEAR, today(), Lang::En, 10);
    assert!(report.contains("not graded under Circular 01/2020"));
    assert!(!report.contains("report-grade"));
    // An HTX still is.
    ws.units[0].kind = coop_plan::unit::UnitKind::Htx;
    assert!(region(&ws, &id, YEAR, today(), Lang::En, 5).contains("100 / 100"));
}

#[test]
fn amounts_are_typed_the_pages_way_and_shown_as_stored() {
    use coop_plan::assessment::page::{region, typed_echo};
    let (mut ws, id) = workspace();
    assert_eq!(
        typed_echo("fact:income", "1.250,5", Lang::Vi).as_deref(),
        Some("= 1.250,5 triệu đồng")
    );
    assert_eq!(
        typed_echo("fact:income", "1,250.5", Lang::En).as_deref(),
        Some("= 1,250.5 million VND")
    );
    assert_eq!(
        typed_echo("fact:income", "4.80", Lang::Vi).as_deref(),
        Some("")
    );
    assert_eq!(
        typed_echo("fact:capital_share", "12,5", Lang::Vi).as_deref(),
        Some("= 12,5%")
    );
    assert_eq!(typed_echo("fact:board_size", "5", Lang::Vi), None);
    // "4.800" is four thousand eight hundred on a Vietnamese page; "4.80"
    // is refused with the form expected.
    let error = apply(&mut ws, &id, YEAR, today(), "fact:income", "4.80", Lang::Vi);
    assert!(error.is_err_and(|e| e.contains("4.800 hoặc 1.250,5")));
    apply(
        &mut ws,
        &id,
        YEAR,
        today(),
        "fact:income",
        "4.800",
        Lang::Vi,
    )
    .expect("4.800");
    let a = find(&ws, &id, YEAR).expect("saved");
    assert_eq!(a.value("fact:income", "").as_deref(), Some("4800"));
    // Shown back the page's way, with the value as stored beside it.
    let html: String = (0..coop_plan::assessment::page::REGIONS)
        .map(|i| region(&ws, &id, YEAR, today(), Lang::Vi, i))
        .collect();
    assert!(html.contains("value=\"4.800\""), "{html}");
    assert!(
        html.contains("id=\"echo-fact-income\">= 4.800 triệu đồng</small>"),
        "{html}"
    );
}
