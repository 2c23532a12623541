//! The simulation page's HTML and SVG text and its event handling
//! (`simulation::view`, `simulation::workbench`), natively.

mod common;

use common::*;
use coop_plan::i18n::Lang;
use coop_plan::simulation::distribution::{Estimate, Shape};
use coop_plan::simulation::monte_carlo;
use coop_plan::simulation::scenario::Scenario;
use coop_plan::simulation::sensitivity::tornado;
use coop_plan::simulation::view::{self, parse_field, show};
use coop_plan::simulation::workbench::{self, Change, Workbench};
use coop_plan::simulation::{ModelKind, Quantity};
use coop_plan::workspace::Workspace;

fn grdp_workspace() -> Workspace {
    let mut ws = workspace();
    ws.city_years.push(city(2016, "1000000", Some("4500")));
    ws.city_years.push(city(2017, "1150000", Some("5750")));
    ws
}

fn as_of() -> chrono::NaiveDate {
    day(2018, 1, 15)
}

#[test]
fn fields_read_both_decimal_marks_and_percentages() {
    assert_eq!(parse_field("12,5", Quantity::Rate, Lang::Vi), Some(0.125));
    assert_eq!(
        parse_field(" 12.5 % ", Quantity::Rate, Lang::En),
        Some(0.125)
    );
    // Each language's marks only: a point in Vietnamese groups thousands.
    assert_eq!(parse_field("12.5", Quantity::Rate, Lang::Vi), None);
    assert_eq!(
        parse_field("1.500", Quantity::Count, Lang::Vi),
        Some(1500.0)
    );
    assert_eq!(
        parse_field("1,500", Quantity::Count, Lang::En),
        Some(1500.0)
    );
    assert_eq!(parse_field("1500", Quantity::Count, Lang::Vi), Some(1500.0));
    assert_eq!(parse_field("abc", Quantity::Count, Lang::Vi), None);
    assert_eq!(parse_field("inf", Quantity::Count, Lang::En), None);
    assert_eq!(view::field_text(0.125, Quantity::Rate, Lang::Vi), "12,5");
    assert_eq!(view::field_text(0.125, Quantity::Rate, Lang::En), "12.5");
    assert_eq!(view::field_text(3.0, Quantity::Count, Lang::En), "3");
    assert_eq!(
        view::field_text(245000.5, Quantity::Money, Lang::Vi),
        "245.000,5"
    );
    assert_eq!(show(0.0105, Quantity::Fraction, Lang::Vi), "1,05%");
    assert_eq!(show(0.72, Quantity::Fraction, Lang::En), "72.0%");
}

#[test]
fn money_fields_show_their_value_as_used() {
    assert_eq!(
        view::typed_echo(Quantity::Money, "245.000,5", Lang::Vi).as_deref(),
        Some("= 245.000,5 triệu đồng")
    );
    assert_eq!(
        view::typed_echo(Quantity::Money, "4.800", Lang::En).as_deref(),
        Some("= 4.800 million VND")
    );
    assert_eq!(
        view::typed_echo(Quantity::Money, "4.80", Lang::Vi).as_deref(),
        Some("")
    );
    assert_eq!(view::typed_echo(Quantity::Rate, "12", Lang::Vi), None);
    let ws = grdp_workspace();
    let wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    let inputs = setup.resolve(&wb.overrides).expect("complete");
    let html = view::form_html(&setup, &inputs, &[], Lang::Vi);
    assert!(
        html.contains("aria-describedby=\"sim-grdp-likely-echo\" value=\"1.150.000\"><small class=\"echo\" id=\"sim-grdp-likely-echo\">= 1.150.000 triệu đồng</small>"),
        "{html}"
    );
}

#[test]
fn the_form_labels_every_field_and_escapes_text() {
    let ws = grdp_workspace();
    let wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    let inputs = setup.resolve(&wb.overrides).expect("complete");
    let html = view::form_html(&setup, &inputs, &[], Lang::En);
    let fields = html.matches("<input ").count() + html.matches("<select ").count();
    assert_eq!(fields, setup.inputs.len() * 4);
    assert_eq!(html.matches("aria-label=").count(), fields);
    assert!(html.contains("data-key=\"value_added_growth\" data-f=\"likely\""));
    // Exact inputs leave the range empty.
    assert!(html.contains("data-f=\"low\" aria-label=\"Nominal growth of collective value added (current prices) per year: minimum\" value=\"\""), "{html}");

    let mut named = Scenario::new("s1", "<b>Tăng tốc</b>", ModelKind::GrdpShare);
    named.overrides.clear();
    let list = view::scenarios_html(&[named], ModelKind::GrdpShare, None, None, &[], Lang::Vi);
    assert!(list.contains("&lt;b&gt;Tăng tốc&lt;/b&gt;"));
    assert!(!list.contains("<b>"));
}

#[test]
fn editing_a_field_changes_the_projection_and_the_run() {
    let ws = grdp_workspace();
    let mut wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    let (before, _) = workbench::results_html(&wb, &setup, Lang::En);
    assert_eq!(
        wb.field(&setup, "value_added_growth", "likely", "40", Lang::Vi),
        Change::Values
    );
    let (after, outcome) = workbench::results_html(&wb, &setup, Lang::En);
    assert_ne!(before, after);
    let (inputs, _) = outcome.expect("complete");
    let index = setup.input_index("value_added_growth").expect("input");
    assert_eq!(inputs[index], Estimate::exact(0.4));

    // A range, then PERT; an empty most likely value returns to the data.
    wb.field(&setup, "value_added_growth", "low", "20", Lang::Vi);
    wb.field(&setup, "value_added_growth", "high", "50", Lang::Vi);
    wb.field(&setup, "value_added_growth", "shape", "pert", Lang::Vi);
    let resolved = setup.resolve(&wb.overrides).expect("complete");
    assert_eq!(resolved[index], Estimate::range(0.2, 0.4, 0.5, Shape::Pert));
    wb.field(&setup, "value_added_growth", "likely", "", Lang::Vi);
    assert!(wb.overrides.is_empty());

    // Unreadable text changes nothing and is reported.
    wb.field(&setup, "grdp_growth", "likely", "lots", Lang::Vi);
    assert!(wb.overrides.is_empty());
    let (html, _) = workbench::results_html(&wb, &setup, Lang::En);
    assert!(html.contains("Not a number: &quot;lots&quot;"));

    // An out-of-order range is named, and the data's value used.
    wb.field(&setup, "grdp_growth", "low", "90", Lang::Vi);
    let (html, _) = workbench::results_html(&wb, &setup, Lang::En);
    assert!(html.contains("needs minimum ≤ most likely ≤ maximum"));
}

#[test]
fn results_include_projection_goal_seek_and_tornado() {
    let ws = grdp_workspace();
    let mut wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    wb.field(&setup, "value_added_growth", "low", "10", Lang::Vi);
    wb.field(&setup, "value_added_growth", "high", "40", Lang::Vi);
    let (html, outcome) = workbench::results_html(&wb, &setup, Lang::Vi);
    assert!(html.contains("<table class=\"sim-projection\">"));
    assert!(html.contains("2020 (thời hạn)"));
    assert!(html.contains("Cần ít nhất"), "{html}");
    assert!(html.contains("id=\"sim-tornado-0\""));
    assert!(html.contains("class=\"tornado-bar\""));
    let (inputs, trajectory) = outcome.expect("complete");

    let summary = monte_carlo::run(&setup, &inputs, 2_000, 1);
    let mc = workbench::monte_carlo_html(&setup, &trajectory, Some(&summary), Lang::En);
    assert!(mc.contains("class=\"fan-band\""));
    assert!(mc.contains("class=\"fan-median\""));
    assert!(mc.contains("class=\"chart-target\""));
    assert!(mc.contains("chance of meeting it"));
    assert_eq!(
        mc.matches("class=\"sim-probability\"").count(),
        setup.goals.len()
    );
    // Before a run: the most likely line alone.
    let plain = workbench::monte_carlo_html(&setup, &trajectory, None, Lang::En);
    assert!(plain.contains("fan-likely") && !plain.contains("fan-band"));
}

#[test]
fn fan_chart_band_encloses_the_median() {
    let ws = grdp_workspace();
    let mut wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    wb.field(&setup, "value_added_growth", "low", "0", Lang::Vi);
    wb.field(&setup, "value_added_growth", "high", "60", Lang::Vi);
    let inputs = setup.resolve(&wb.overrides).expect("complete");
    let trajectory = setup.run(
        &monte_carlo::run(&setup, &inputs, 1, 1)
            .judged
            .iter()
            .map(|b| b.p50)
            .collect::<Vec<_>>(),
    );
    let summary = monte_carlo::run(&setup, &inputs, 3_000, 9);
    let html = view::fan_chart_html(&setup, 0, &trajectory, Some(&summary), Lang::En);
    // Every coordinate inside the view box.
    for number in html
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|t| t.contains('.'))
        .filter_map(|t| t.parse::<f64>().ok())
    {
        assert!(
            (-1.0..=641.0).contains(&number),
            "{number} outside the chart"
        );
    }
    assert!(html.contains("role=\"img\" aria-labelledby=\"sim-fan-0-title sim-fan-0-desc\""));
}

#[test]
fn tornado_without_ranges_says_what_it_needs() {
    let ws = grdp_workspace();
    let wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    let inputs = setup.resolve(&[]).expect("complete");
    let swings = tornado(&setup, &inputs, 0);
    assert!(swings.is_empty());
    let html = view::tornado_html(&setup, 0, &swings, 0.01, Lang::En);
    assert!(html.contains("needs at least one input given as a range"));
}

#[test]
fn goal_seek_answers_are_plain_words() {
    use coop_plan::simulation::goal_seek::{Answer, Lever, Unreachable};
    assert_eq!(
        view::answer_text(Lever::UnitsPerMonth, Answer::Needed(2.01), Lang::En),
        "Needs at least 3 units processed per month (rounded up from 2.01)"
    );
    // People and cooperatives come whole: 0,1 of a training seat is no answer.
    assert_eq!(
        view::answer_text(Lever::SeatsPerYear, Answer::Needed(0.1), Lang::Vi),
        "Cần ít nhất 1 suất đào tạo mỗi năm (làm tròn lên từ 0,10)"
    );
    assert_eq!(
        view::answer_text(Lever::RecognitionsPerYear, Answer::Needed(2.0), Lang::En),
        "Needs at least 2 recognitions per year"
    );
    assert_eq!(
        view::answer_text(Lever::UnitsPerMonth, Answer::DeadlinePassed, Lang::En),
        "Not possible: the deadline has passed."
    );
    assert!(view::answer_text(
        Lever::SeatsPerYear,
        Answer::NotReachable(Unreachable::EvenAtFullCapacity),
        Lang::Vi
    )
    .starts_with("Không thể đạt:"));
}

#[test]
fn scenarios_are_created_renamed_duplicated_compared_and_deleted() {
    let mut ws = grdp_workspace();
    let mut wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    wb.field(&setup, "value_added_growth", "likely", "30", Lang::Vi);
    wb.save_new(&mut ws, "Nhanh", Lang::Vi);
    assert_eq!(wb.open.as_deref(), Some("s1"));
    assert_eq!(ws.scenarios[0].overrides.len(), 1);

    // Edits go into the open scenario.
    wb.field(&setup, "grdp_growth", "likely", "10", Lang::Vi);
    assert!(wb.save_into(&mut ws));
    assert_eq!(ws.scenarios[0].overrides.len(), 2);
    assert!(!wb.save_into(&mut ws), "nothing new to save");
    assert!(!wb.open_is_gone(&ws));

    // Another tab deleted the open scenario: nothing is saved into another.
    let mut elsewhere = ws.clone();
    elsewhere.scenarios.retain(|s| s.id != "s1");
    let before = elsewhere.clone();
    assert!(wb.open_is_gone(&elsewhere));
    assert!(!wb.save_into(&mut elsewhere));
    assert_eq!(elsewhere, before);
    assert!(workbench::scenario_gone()
        .get(Lang::En)
        .starts_with("This scenario was just deleted in another tab."));

    assert_eq!(
        wb.scenario_action(&mut ws, "duplicate", "s1", Lang::Vi),
        Change::Scenarios
    );
    assert_eq!(ws.scenarios[1].name, "Nhanh (bản sao)");
    assert_eq!(wb.rename(&mut ws, "s2", "  Chậm "), Change::Scenarios);
    assert_eq!(wb.rename(&mut ws, "s2", ""), Change::None);
    assert_eq!(ws.scenarios[1].name, "Chậm");
    assert_eq!(
        wb.scenario_action(&mut ws, "open", "s2", Lang::Vi),
        Change::All
    );
    wb.field(&setup, "value_added_growth", "likely", "5", Lang::Vi);
    wb.save_into(&mut ws);

    // Nothing to compare with one ticked; a table and overlaid lines with two.
    wb.toggle_compare("s1", true);
    assert_eq!(workbench::comparison_html(&wb, &ws, as_of(), Lang::En), "");
    wb.toggle_compare("s2", true);
    let html = workbench::comparison_html(&wb, &ws, as_of(), Lang::En);
    assert!(html.contains("<table class=\"sim-compare\">"));
    assert!(html.contains("Difference Nhanh") && html.contains("Difference Chậm"));
    assert!(html.contains("class=\"line-1\"") && html.contains("class=\"line-2\""));
    // Value-added growth 30 % and 5 % against the data's 27.8 %.
    assert!(html.contains("sim-diff\">+2.2%") && html.contains("sim-diff\">-22.8%"));

    // A scenario as the base.
    wb.setting("base", "s1", false, Lang::Vi);
    let html = workbench::comparison_html(&wb, &ws, as_of(), Lang::En);
    assert!(html.contains("<th scope=\"col\" class=\"num\">Nhanh</th>"));

    // Four at most.
    for id in ["a", "b", "c"] {
        wb.toggle_compare(id, true);
    }
    assert_eq!(wb.compared.len(), 4);

    assert_eq!(
        wb.scenario_action(&mut ws, "delete", "s2", Lang::Vi),
        Change::Scenarios
    );
    assert_eq!(wb.open, None);
    assert!(!wb.compared.iter().any(|c| c == "s2"));
    assert_eq!(ws.scenarios.len(), 1);
}

#[test]
fn a_scenario_opens_from_the_address() {
    let mut ws = grdp_workspace();
    let mut s = Scenario::new("s7", "Bài tập", ModelKind::Backlog);
    s.overrides
        .push(coop_plan::simulation::scenario::Override::new(
            "t1_per_month",
            Estimate::exact(3.0),
        ));
    ws.scenarios.push(s);
    assert_eq!(view::scenario_href("s7"), "/simulation?scenario=s7");
    assert_eq!(
        coop_plan::route::query_value("/simulation?lang=vi&scenario=s7", "scenario").as_deref(),
        Some("s7")
    );
    let mut wb = Workbench::default();
    assert!(wb.open_id(&ws, "s7"));
    assert_eq!(wb.kind, ModelKind::Backlog);
    assert_eq!(wb.overrides.len(), 1);
    assert!(!wb.open_id(&ws, "nope"));
}

#[test]
fn settings_are_checked() {
    let mut wb = Workbench::default();
    assert_eq!(
        wb.setting("samples", "1.000.000", false, Lang::Vi),
        Change::Run
    );
    assert_eq!(wb.samples, 1_000_000);
    assert_eq!(wb.setting("samples", "0", false, Lang::Vi), Change::Values);
    assert_eq!(wb.samples, 1_000_000);
    assert_eq!(wb.setting("seed", "42", false, Lang::Vi), Change::Run);
    assert_eq!(
        wb.setting("model", "training", false, Lang::Vi),
        Change::All
    );
    assert_eq!(wb.kind, ModelKind::Training);
    assert_eq!(
        wb.setting("model", "nonsense", false, Lang::Vi),
        Change::None
    );
}

#[test]
fn progress_offers_cancel_only_while_running() {
    let running = view::progress_html(5_000, 1_000_000, Lang::En);
    assert!(running.contains("data-action=\"cancel\""));
    assert!(running.contains("5,000 / 1,000,000"));
    assert!(!view::progress_html(10, 10, Lang::En).contains("cancel"));
}

#[test]
fn scenarios_travel_in_the_json_export_and_import() {
    let mut ws = grdp_workspace();
    let mut wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    wb.field(&setup, "value_added_growth", "low", "10", Lang::Vi);
    wb.field(&setup, "value_added_growth", "high", "30", Lang::Vi);
    wb.field(&setup, "value_added_growth", "shape", "pert", Lang::Vi);
    wb.save_new(&mut ws, "Kịch bản A", Lang::Vi);
    let text = coop_plan::document::to_json(&ws);
    assert!(
        text.contains("\"model\": \"grdp_share\"") || text.contains("\"model\":\"grdp_share\"")
    );
    let back = coop_plan::document::from_json(&text).expect("reads");
    assert_eq!(back.scenarios, ws.scenarios);
    // An unknown model is refused, not guessed.
    let broken = text.replace("grdp_share", "weather");
    assert!(coop_plan::document::from_json(&broken).is_err());
}

#[test]
fn an_exercise_opens_as_a_scenario_made_once() {
    use coop_plan::exercise::EXERCISES;
    let mut ws = coop_plan::demo::demo_workspace();
    let as_of = chrono::NaiveDate::from_ymd_opt(2018, 12, 31).unwrap();
    let exercise = &EXERCISES[0];
    let id = exercise.scenario_id();
    let views = coop_plan::exercise::exercise_views(&ws, as_of, Lang::En);
    assert_eq!(views[0].href, format!("/simulation?scenario={id}"));

    let mut wb = Workbench::default();
    assert!(wb.open_or_create(&mut ws, &id, as_of, Lang::Vi));
    assert_eq!(ws.scenarios.len(), 1);
    let made = &ws.scenarios[0];
    assert_eq!(made.id, id);
    assert_eq!(made.name, exercise.question(Lang::Vi));
    assert_eq!(made.model.key(), exercise.model);
    assert!(!made.overrides.is_empty());
    assert_eq!(wb.open.as_deref(), Some(id.as_str()));
    assert_eq!(wb.overrides, made.overrides);

    // Opened again (after the user's edits), it is the same scenario.
    ws.scenarios[0].overrides.clear();
    let mut again = Workbench::default();
    assert!(!again.open_or_create(&mut ws, &id, as_of, Lang::Vi));
    assert_eq!(ws.scenarios.len(), 1);
    assert!(again.overrides.is_empty());
    // Unknown ids change nothing.
    assert!(!again.open_or_create(&mut ws, "ex-nope", as_of, Lang::Vi));
    assert!(!again.open_or_create(&mut ws, "", as_of, Lang::Vi));
    assert_eq!(ws.scenarios.len(), 1);
}

/// Two tabs with the same scenario open: each saves only what it changed
/// onto the scenario as stored; an input changed in both waits for the
/// user's choice, with the other tab's value shown; another tab's save is
/// taken into the draft at once where the user changed nothing.
#[test]
fn a_scenario_edited_in_two_tabs_loses_no_assumption() {
    let mut ws = grdp_workspace();
    let mut a = Workbench::default();
    let setup = a.setup(&ws, as_of());
    a.field(&setup, "value_added_growth", "likely", "30", Lang::Vi);
    a.save_new(&mut ws, "Nhanh", Lang::Vi);
    let mut b = Workbench::default();
    assert!(b.open_id(&ws, "s1"));
    assert_eq!(b.hear(&ws), workbench::Heard::Nothing);

    a.field(&setup, "grdp_growth", "likely", "10", Lang::Vi);
    assert!(a.save_into(&mut ws));
    b.field(&setup, "value_added_growth", "likely", "25", Lang::Vi);
    assert!(b.save_into(&mut ws), "B's own change is saved");
    let stored = |ws: &Workspace, key: &str| {
        ws.scenarios[0]
            .overrides
            .iter()
            .find(|o| o.key == key)
            .map(|o| o.likely)
    };
    assert_eq!(stored(&ws, "grdp_growth"), Some(0.1), "A's change is kept");
    assert_eq!(stored(&ws, "value_added_growth"), Some(0.25));

    // A saves; B, which changed nothing, takes it in at once.
    assert_eq!(a.hear(&ws), workbench::Heard::Changed);
    a.field(&setup, "grdp_growth", "likely", "12", Lang::Vi);
    assert!(a.save_into(&mut ws));
    assert_eq!(b.hear(&ws), workbench::Heard::Changed);
    assert!(b.conflicts.is_empty());
    let html = b.heard_html(&setup, Lang::Vi);
    assert!(
        html.contains("Tab khác vừa lưu thay đổi cho kịch bản này"),
        "{html}"
    );
    assert_eq!(
        b.overrides
            .iter()
            .find(|o| o.key == "grdp_growth")
            .map(|o| o.likely),
        Some(0.12)
    );

    for keep_mine in [true, false] {
        let mut ws = ws.clone();
        let (mut a, mut b) = (a.clone(), b.clone());
        a.field(&setup, "grdp_growth", "likely", "15", Lang::Vi);
        // B is still typing its own value when A's save arrives.
        b.field(&setup, "grdp_growth", "likely", "8", Lang::Vi);
        assert!(a.save_into(&mut ws));
        assert_eq!(b.hear(&ws), workbench::Heard::Changed);
        assert_eq!(b.conflicts.len(), 1);
        let before = ws.clone();
        assert!(!b.save_into(&mut ws), "nothing saved before the choice");
        assert_eq!(ws, before);
        let html = b.heard_html(&setup, Lang::Vi);
        assert!(html.contains("Tab khác vừa lưu: Tăng trưởng GRDP danh nghĩa (giá hiện hành) mỗi năm: 15,0% — giữ"), "{html}");
        assert!(
            html.contains("data-field=\"override:grdp_growth\""),
            "{html}"
        );
        assert_eq!(b.choose("override:grdp_growth", keep_mine), Change::All);
        assert!(b.save_into(&mut ws) || !keep_mine);
        let expected = if keep_mine { 0.08 } else { 0.15 };
        assert_eq!(stored(&ws, "grdp_growth"), Some(expected));
        assert_eq!(stored(&ws, "value_added_growth"), Some(0.25));
    }

    // Deleted in A: B hears it at once and saves nothing into another.
    ws.scenarios.clear();
    assert_eq!(b.hear(&ws), workbench::Heard::Deleted);
}
