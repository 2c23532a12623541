//! What the simulation page shows, as data (`report::simulation`), and the
//! draft's typed edits (`simulation::workbench`), natively.

mod common;

use common::*;
use coop_plan::domain::workspace::Workspace;
use coop_plan::i18n::Lang;
use coop_plan::report::simulation::{self as view, parse_field, show, Tornado};
use coop_plan::simulation::distribution::{Estimate, Shape};
use coop_plan::simulation::monte_carlo;
use coop_plan::simulation::scenario::Scenario;
use coop_plan::simulation::sensitivity::tornado;
use coop_plan::simulation::workbench::{self, Bound, Comparison, Workbench};
use coop_plan::simulation::{ModelKind, Quantity};

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
    let rows = wb.input_rows(&setup, Lang::Vi);
    let grdp = rows.iter().find(|r| r.key == "grdp").expect("a GRDP input");
    let likely = &grdp.fields[1];
    assert_eq!(likely.bound, Bound::Likely);
    assert_eq!(likely.text, "1.150.000");
    assert_eq!(likely.echo.as_deref(), Some("= 1.150.000 triệu đồng"));
}

#[test]
fn the_form_labels_every_field() {
    let ws = grdp_workspace();
    let wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    let rows = wb.input_rows(&setup, Lang::En);
    assert_eq!(rows.len(), setup.inputs.len());
    for row in &rows {
        // Three numbers a row, each named by its input and column.
        for field in &row.fields {
            assert!(field
                .name
                .starts_with(&row.label[..row.label.find(" (").unwrap_or(row.label.len())]));
        }
    }
    let growth = rows
        .iter()
        .find(|r| r.key == "value_added_growth")
        .expect("an input");
    // Exact inputs leave the range empty.
    assert_eq!(
        growth.fields[0].name,
        "Nominal growth of collective value added (current prices) per year: minimum"
    );
    assert_eq!(growth.fields[0].text, "");
    assert_eq!(growth.fields[2].text, "");
    assert!(growth.label.ends_with(" (%)"), "{}", growth.label);
    assert!(!growth.missing);
}

/// A field keeps what the user typed while it means the value in use
/// ("12," is 12 as typed), and shows the value itself once the draft
/// changes another way.
#[test]
fn a_field_keeps_its_text_while_it_is_typed() {
    let ws = grdp_workspace();
    let mut wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    let text = |wb: &Workbench, lang| {
        wb.input_rows(&setup, lang)
            .into_iter()
            .find(|r| r.key == "grdp_growth")
            .map(|r| r.fields[1].text.clone())
            .unwrap_or_default()
    };
    wb.field(&setup, "grdp_growth", Bound::Likely, "12,", Lang::Vi);
    assert_eq!(text(&wb, Lang::Vi), "12,");
    wb.field(&setup, "grdp_growth", Bound::Likely, "12,5", Lang::Vi);
    assert_eq!(text(&wb, Lang::Vi), "12,5");
    // In the other language, the value as that language writes it.
    assert_eq!(text(&wb, Lang::En), "12.5");
    // Emptied, the field stays empty while the data's value is used.
    wb.field(&setup, "grdp_growth", Bound::Likely, "", Lang::Vi);
    assert_eq!(text(&wb, Lang::Vi), "");
    assert!(wb.overrides.is_empty());
    // Another model and back: the value in use.
    wb.set_model(ModelKind::Training);
    wb.set_model(ModelKind::GrdpShare);
    assert_ne!(text(&wb, Lang::Vi), "");
}

/// One year of data: the inputs it gives show their values while another
/// input (a growth rate, which needs two years) is empty.
#[test]
fn inputs_from_the_data_show_their_values_while_another_is_empty() {
    let mut ws = workspace();
    ws.city_years.push(city(2017, "1150000", Some("5750")));
    let wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    let rows = wb.input_rows(&setup, Lang::Vi);
    let row = |key: &str| rows.iter().find(|r| r.key == key).expect("an input");
    assert_eq!(row("grdp").fields[1].text, "1.150.000");
    assert_eq!(row("value_added").fields[1].text, "5.750");
    assert!(!row("grdp").missing);
    assert!(row("value_added_growth").missing);
    assert_eq!(row("value_added_growth").fields[1].text, "");
    let results = workbench::results(&wb, &setup, Lang::En);
    assert!(results.outcome.is_none());
    assert!(results.notes[0].starts_with("Not in the data; please enter:"));
}

#[test]
fn editing_a_field_changes_the_projection_and_the_run() {
    let ws = grdp_workspace();
    let mut wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    let before = workbench::results(&wb, &setup, Lang::En);
    wb.field(&setup, "value_added_growth", Bound::Likely, "40", Lang::Vi);
    let after = workbench::results(&wb, &setup, Lang::En);
    assert_ne!(before, after);
    let outcome = after.outcome.expect("complete");
    let index = setup.input_index("value_added_growth").expect("input");
    assert_eq!(outcome.inputs[index], Estimate::exact(0.4));

    // A range, then PERT; an empty most likely value returns to the data.
    wb.field(&setup, "value_added_growth", Bound::Low, "20", Lang::Vi);
    wb.field(&setup, "value_added_growth", Bound::High, "50", Lang::Vi);
    wb.set_shape(&setup, "value_added_growth", Shape::Pert);
    let resolved = setup.resolve(&wb.overrides).expect("complete");
    assert_eq!(resolved[index], Estimate::range(0.2, 0.4, 0.5, Shape::Pert));
    wb.field(&setup, "value_added_growth", Bound::Likely, "", Lang::Vi);
    assert!(wb.overrides.is_empty());

    // Unreadable text changes nothing and is reported.
    wb.field(&setup, "grdp_growth", Bound::Likely, "lots", Lang::Vi);
    assert!(wb.overrides.is_empty());
    let results = workbench::results(&wb, &setup, Lang::En);
    assert!(results
        .notes
        .iter()
        .any(|n| n.contains("Not a number: \"lots\"")));

    // An out-of-order range is named, and the data's value used.
    wb.field(&setup, "grdp_growth", Bound::Low, "90", Lang::Vi);
    let results = workbench::results(&wb, &setup, Lang::En);
    assert!(results
        .notes
        .iter()
        .any(|n| n.contains("needs minimum ≤ most likely ≤ maximum")));
}

#[test]
fn results_include_projection_goal_seek_and_tornado() {
    let ws = grdp_workspace();
    let mut wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    wb.field(&setup, "value_added_growth", Bound::Low, "10", Lang::Vi);
    wb.field(&setup, "value_added_growth", Bound::High, "40", Lang::Vi);
    let outcome = workbench::results(&wb, &setup, Lang::Vi)
        .outcome
        .expect("complete");
    assert!(outcome
        .projection
        .rows
        .iter()
        .any(|r| r.deadline && r.period == "2020 (thời hạn)"));
    assert_eq!(outcome.projection.metrics.len(), setup.metrics.len());
    assert!(
        outcome
            .goal_seek
            .iter()
            .any(|(_, a)| a.contains("Cần ít nhất")),
        "{:?}",
        outcome.goal_seek
    );
    let Some(Tornado::Chart(tornado)) = outcome.tornadoes.first() else {
        panic!("a tornado chart: {:?}", outcome.tornadoes);
    };
    assert_eq!(tornado.head.id, "sim-tornado-0");
    assert_eq!(tornado.bars.len(), 1);

    let summary = monte_carlo::run(&setup, &outcome.inputs, 2_000, 1);
    let fan = view::fan_chart(&setup, 0, &outcome.trajectory, Some(&summary), Lang::En)
        .expect("a fan chart");
    assert!(fan.band.is_some());
    assert!(fan.lines.iter().any(|l| l.class == "fan-median"));
    assert!(!fan.targets.is_empty());
    let chances = view::chances(&setup, &summary, Lang::En);
    assert!(chances
        .goals
        .iter()
        .all(|g| g.words == " chance of meeting it"));
    assert_eq!(chances.goals.len(), setup.goals.len());
    assert!(chances.goals.iter().all(|g| g.value.ends_with('%')));
    // Before a run: the most likely line alone.
    let plain = view::fan_chart(&setup, 0, &outcome.trajectory, None, Lang::En).expect("a chart");
    assert!(plain.band.is_none());
    assert_eq!(
        plain.lines.iter().map(|l| l.class).collect::<Vec<_>>(),
        ["fan-likely"]
    );
}

#[test]
fn fan_chart_band_encloses_the_median() {
    let ws = grdp_workspace();
    let mut wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    wb.field(&setup, "value_added_growth", Bound::Low, "0", Lang::Vi);
    wb.field(&setup, "value_added_growth", Bound::High, "60", Lang::Vi);
    let inputs = setup.resolve(&wb.overrides).expect("complete");
    let trajectory = setup.run(
        &monte_carlo::run(&setup, &inputs, 1, 1)
            .judged
            .iter()
            .map(|b| b.p50)
            .collect::<Vec<_>>(),
    );
    let summary = monte_carlo::run(&setup, &inputs, 3_000, 9);
    let chart = view::fan_chart(&setup, 0, &trajectory, Some(&summary), Lang::En).expect("a chart");
    // Every coordinate inside the view box.
    let mut numbers = Vec::new();
    let texts = chart
        .lines
        .iter()
        .map(|l| l.points.clone())
        .chain(chart.band.clone());
    for text in texts {
        numbers.extend(
            text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
                .filter(|t| t.contains('.'))
                .filter_map(|t| t.parse::<f64>().ok()),
        );
    }
    for s in chart.targets.iter().chain(&chart.deadline) {
        numbers.extend([s.x1, s.y1, s.x2, s.y2]);
    }
    for tick in &chart.y_ticks {
        numbers.extend([tick.grid.y1, tick.label.y]);
    }
    assert!(!numbers.is_empty());
    for number in numbers {
        assert!(
            (-1.0..=641.0).contains(&number),
            "{number} outside the chart"
        );
    }
    assert_eq!(chart.head.id, "sim-fan-0");
    assert!(!chart.head.title.is_empty() && !chart.head.description.is_empty());
}

#[test]
fn tornado_without_ranges_says_what_it_needs() {
    let ws = grdp_workspace();
    let wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    let inputs = setup.resolve(&[]).expect("complete");
    let swings = tornado(&setup, &inputs, 0);
    assert!(swings.is_empty());
    let Some(Tornado::NeedsRange(note)) = view::tornado_chart(&setup, 0, &swings, 0.01, Lang::En)
    else {
        panic!("a note");
    };
    assert!(note.contains("needs at least one input given as a range"));
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
    wb.field(&setup, "value_added_growth", Bound::Likely, "30", Lang::Vi);
    wb.save_new(&mut ws, "Nhanh", Lang::Vi);
    assert_eq!(wb.open.as_deref(), Some("s1"));
    assert_eq!(ws.scenarios[0].overrides.len(), 1);

    // Edits go into the open scenario.
    wb.field(&setup, "grdp_growth", Bound::Likely, "10", Lang::Vi);
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

    assert!(wb.duplicate(&mut ws, "s1", Lang::Vi));
    assert!(!wb.duplicate(&mut ws, "nope", Lang::Vi));
    assert_eq!(ws.scenarios[1].name, "Nhanh (bản sao)");
    assert!(wb.rename(&mut ws, "s2", "  Chậm "));
    assert!(!wb.rename(&mut ws, "s2", ""));
    assert_eq!(ws.scenarios[1].name, "Chậm");
    assert!(wb.open_id(&ws, "s2"));
    wb.field(&setup, "value_added_growth", Bound::Likely, "5", Lang::Vi);
    wb.save_into(&mut ws);

    // Nothing to compare with one ticked; a table and overlaid lines with two.
    wb.toggle_compare("s1", true);
    assert_eq!(
        workbench::comparison(&wb, &ws, as_of(), Lang::En),
        Comparison::Nothing
    );
    wb.toggle_compare("s2", true);
    let Comparison::Table { table, charts } = workbench::comparison(&wb, &ws, as_of(), Lang::En)
    else {
        panic!("a comparison");
    };
    let heads: Vec<&str> = table.columns.iter().map(|(_, d)| d.as_str()).collect();
    assert!(heads.contains(&"Difference Nhanh") && heads.contains(&"Difference Chậm"));
    let classes: Vec<&str> = charts[0].lines.iter().map(|l| l.class).collect();
    assert!(classes.contains(&"line-1") && classes.contains(&"line-2"));
    assert_eq!(charts[0].head.id, "sim-overlay-0");
    // Value-added growth 30 % and 5 % against the data's 27.8 %.
    let diffs: Vec<&str> = table
        .rows
        .iter()
        .flat_map(|r| r.others.iter().map(|(_, d)| d.as_str()))
        .collect();
    assert!(
        diffs.contains(&"+2.2%") && diffs.contains(&"-22.8%"),
        "{diffs:?}"
    );

    // A scenario as the base.
    wb.set_base(Some("s1".to_owned()));
    let Comparison::Table { table, .. } = workbench::comparison(&wb, &ws, as_of(), Lang::En) else {
        panic!("a comparison");
    };
    assert_eq!(table.base, "Nhanh");

    // Four at most.
    for id in ["a", "b", "c"] {
        wb.toggle_compare(id, true);
    }
    assert_eq!(wb.compared.len(), 4);

    wb.delete(&mut ws, "s2");
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
    assert!(wb.set_samples("1.000.000", Lang::Vi));
    assert_eq!(wb.samples, 1_000_000);
    assert!(!wb.set_samples("0", Lang::Vi));
    assert_eq!(wb.unreadable.as_deref(), Some("0"));
    assert_eq!(wb.samples, 1_000_000);
    assert!(wb.set_seed("42"));
    assert_eq!(wb.seed, 42);
    assert!(wb.set_model(ModelKind::Training));
    assert_eq!(wb.kind, ModelKind::Training);
    assert!(!wb.set_model(ModelKind::Training), "the same model");
    assert_eq!(ModelKind::from_key("nonsense"), None);
}

#[test]
fn progress_offers_cancel_only_while_running() {
    let mut progress = workbench::RunProgress::new(1_000_000);
    progress.done = 5_000;
    assert!(progress.is_running());
    progress.cancel();
    assert!(!progress.is_running());
    assert_eq!((progress.done, progress.total), (5_000, 5_000));
    let finished = workbench::RunProgress {
        done: 10,
        total: 10,
        cancelled: false,
    };
    assert!(!finished.is_running());
}

#[test]
fn progress_counts_in_the_language() {
    assert_eq!(
        view::progress_count(5_000, 1_000_000, Lang::En),
        "5,000 / 1,000,000"
    );
    assert_eq!(
        view::progress_count(5_000, 1_000_000, Lang::Vi),
        "5.000 / 1.000.000"
    );
}

#[test]
fn scenarios_travel_in_the_json_export_and_import() {
    let mut ws = grdp_workspace();
    let mut wb = Workbench::default();
    let setup = wb.setup(&ws, as_of());
    wb.field(&setup, "value_added_growth", Bound::Low, "10", Lang::Vi);
    wb.field(&setup, "value_added_growth", Bound::High, "30", Lang::Vi);
    wb.set_shape(&setup, "value_added_growth", Shape::Pert);
    wb.save_new(&mut ws, "Kịch bản A", Lang::Vi);
    let text = coop_plan::files::document::to_json(&ws);
    assert!(
        text.contains("\"model\": \"grdp_share\"") || text.contains("\"model\":\"grdp_share\"")
    );
    let back = coop_plan::files::document::from_json(&text).expect("reads");
    assert_eq!(back.scenarios, ws.scenarios);
    // An unknown model is refused, not guessed.
    let broken = text.replace("grdp_share", "weather");
    assert!(coop_plan::files::document::from_json(&broken).is_err());
}

#[test]
fn an_exercise_opens_as_a_scenario_made_once() {
    use coop_plan::domain::exercise::EXERCISES;
    let mut ws = coop_plan::domain::demo::demo_workspace();
    let as_of = chrono::NaiveDate::from_ymd_opt(2018, 12, 31).unwrap();
    let exercise = &EXERCISES[0];
    let id = exercise.scenario_id();
    let views = coop_plan::domain::exercise::exercise_views(&ws, as_of, Lang::En);
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
    a.field(&setup, "value_added_growth", Bound::Likely, "30", Lang::Vi);
    a.save_new(&mut ws, "Nhanh", Lang::Vi);
    let mut b = Workbench::default();
    assert!(b.open_id(&ws, "s1"));
    assert_eq!(b.hear(&ws), workbench::Heard::Nothing);

    a.field(&setup, "grdp_growth", Bound::Likely, "10", Lang::Vi);
    assert!(a.save_into(&mut ws));
    b.field(&setup, "value_added_growth", Bound::Likely, "25", Lang::Vi);
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
    a.field(&setup, "grdp_growth", Bound::Likely, "12", Lang::Vi);
    assert!(a.save_into(&mut ws));
    assert_eq!(b.hear(&ws), workbench::Heard::Changed);
    assert!(b.conflicts.is_empty());
    assert!(b.heard.as_ref().is_some_and(|t| t
        .get(Lang::Vi)
        .starts_with("Tab khác vừa lưu thay đổi cho kịch bản này")));
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
        a.field(&setup, "grdp_growth", Bound::Likely, "15", Lang::Vi);
        // B is still typing its own value when A's save arrives.
        b.field(&setup, "grdp_growth", Bound::Likely, "8", Lang::Vi);
        assert!(a.save_into(&mut ws));
        assert_eq!(b.hear(&ws), workbench::Heard::Changed);
        assert_eq!(b.conflicts.len(), 1);
        let before = ws.clone();
        assert!(!b.save_into(&mut ws), "nothing saved before the choice");
        assert_eq!(ws, before);
        let lines = b.conflict_lines(&setup, Lang::Vi);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].text.starts_with("Tab khác vừa lưu: Tăng trưởng GRDP danh nghĩa (giá hiện hành) mỗi năm: 15,0% — giữ"), "{}", lines[0].text);
        assert_eq!(lines[0].field, "override:grdp_growth");
        assert_eq!(lines[0].id, "sim-conflict-grdp_growth");
        // The field being typed keeps its text.
        let typed = b.input_rows(&setup, Lang::Vi);
        let grdp = typed
            .iter()
            .find(|r| r.key == "grdp_growth")
            .expect("an input");
        assert_eq!(grdp.fields[1].text, "8");
        b.choose("override:grdp_growth", keep_mine);
        assert!(b.conflicts.is_empty());
        assert!(b.save_into(&mut ws) || !keep_mine);
        let expected = if keep_mine { 0.08 } else { 0.15 };
        assert_eq!(stored(&ws, "grdp_growth"), Some(expected));
        assert_eq!(stored(&ws, "value_added_growth"), Some(0.25));
    }

    // Deleted in A: B hears it at once and saves nothing into another.
    ws.scenarios.clear();
    assert_eq!(b.hear(&ws), workbench::Heard::Deleted);
}
