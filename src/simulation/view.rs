//! The simulation page as HTML text: the inputs form, the projection table,
//! goal-seek answers, probabilities, the fan and tornado charts, the
//! scenario list and the comparison. Written by plain Rust and tested
//! natively; the page only puts the text in place and forwards events
//! ([`super::workbench`]). Every value passes through [`Html`]'s escaping.
//!
//! Form fields carry what the page needs in attributes: `data-key` (an
//! input's key) with `data-f` (`low`, `likely`, `high`, `shape`), or a
//! `name` for page settings; buttons carry `data-action` and `data-id`.

use super::distribution::{Estimate, Shape};
use super::goal_seek::{Answer, GoalSeek, Lever};
use std::fmt::Write as _;

use super::monte_carlo::{Band, Summary};
use super::scenario::{ComparisonRow, RowKind, Scenario};
use super::sensitivity::Swing;
use super::{ModelKind, Quantity, Setup, Trajectory};
use crate::format::{format_number, format_percent};
use crate::html::{escape, Html};
use crate::i18n::Lang;

/// A value as a person reads it, by what it means.
pub fn show(value: f64, quantity: Quantity, lang: Lang) -> String {
    match quantity {
        // The GRDP share lives around 1 %: two decimals there. Rates keep
        // one, so a column of them reads alike.
        Quantity::Fraction if value.abs() < 0.1 => format_percent(value, 2, lang),
        Quantity::Fraction | Quantity::Rate => format_percent(value, 1, lang),
        Quantity::Money => format_number(value, 0, lang),
        Quantity::Count | Quantity::PerYear | Quantity::PerMonth => {
            let decimals = if (value - value.round()).abs() < 1e-9 {
                0
            } else {
                1
            };
            format_number(value, decimals, lang)
        }
    }
}

/// A value as an input field holds it: percentages for rates and shares,
/// the language's decimal mark, no grouping, at most four decimals.
pub fn field_text(value: f64, quantity: Quantity, lang: Lang) -> String {
    let value = if quantity.is_percent() {
        value * 100.0
    } else {
        value
    };
    let plain = format!("{value:.4}");
    let plain = plain.trim_end_matches('0').trim_end_matches('.');
    let plain = if plain == "-0" { "0" } else { plain };
    match lang {
        Lang::Vi => plain.replace('.', ","),
        Lang::En => plain.to_owned(),
    }
}

/// Reads what a person typed in a field: either decimal mark, spaces
/// ignored, percentages back to fractions. `None` for anything else.
pub fn parse_field(text: &str, quantity: Quantity) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '%')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let value = cleaned.parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some(if quantity.is_percent() {
        value / 100.0
    } else {
        value
    })
}

fn unit_suffix(quantity: Quantity, lang: Lang) -> &'static str {
    match quantity {
        Quantity::Rate | Quantity::Fraction => "%",
        // Money inputs name their unit in their label.
        Quantity::Money => "",
        Quantity::PerMonth => lang.pick("/tháng", "/month"),
        Quantity::PerYear => lang.pick("/năm", "/year"),
        Quantity::Count => "",
    }
}

fn number_field(html: &mut Html, key: &str, field: &'static str, label: &str, value: &str) {
    let id = format!("sim-{key}-{field}");
    html.void(
        "input",
        &[
            ("id", Some(&id)),
            ("type", Some("text")),
            ("inputmode", Some("decimal")),
            ("size", Some("7")),
            ("data-key", Some(key)),
            ("data-f", Some(field)),
            ("aria-label", Some(label)),
            ("value", Some(value)),
        ],
    );
}

fn option(html: &mut Html, value: &str, selected: bool, text: &str) {
    html.element(
        "option",
        &[("value", Some(value)), ("selected", selected.then_some(""))],
        text,
    );
}

/// The model chooser and the page's settings (runs, seed).
pub fn settings_html(
    kind: ModelKind,
    per_year_growth: bool,
    samples: u32,
    seed: u64,
    lang: Lang,
) -> String {
    let mut html = Html::new();
    html.element(
        "p",
        &[("class", Some("lead"))],
        lang.pick(
            "Thử các giả định và xem đến hạn các chỉ tiêu sẽ ra sao, cần bao nhiêu để đạt, và khả năng đạt khi các giả định không chắc chắn. Giá trị mặc định lấy từ dữ liệu của bạn.",
            "Try assumptions and see where the targets will be at their deadlines, what it would take to meet them, and the chance of meeting them when the assumptions are uncertain. Defaults come from your data.",
        ),
    );
    html.open("div", &[("class", Some("sim-settings"))]);
    html.element(
        "label",
        &[("for", Some("sim-model"))],
        lang.pick("Mô hình", "Model"),
    );
    html.open(
        "select",
        &[("id", Some("sim-model")), ("name", Some("model"))],
    );
    for k in ModelKind::ALL {
        option(&mut html, k.key(), k == kind, k.title().get(lang));
    }
    html.close("select");
    if kind == ModelKind::GrdpShare {
        html.open("label", &[("class", Some("inline"))]);
        html.void(
            "input",
            &[
                ("type", Some("checkbox")),
                ("name", Some("per_year")),
                ("checked", per_year_growth.then_some("")),
            ],
        );
        html.text(lang.pick(
            " Mỗi năm một tốc độ tăng trưởng",
            " One growth rate per year",
        ));
        html.close("label");
    }
    for (name, label, value) in [
        (
            "samples",
            lang.pick("Số lần mô phỏng", "Samples"),
            samples.to_string(),
        ),
        ("seed", lang.pick("Hạt giống", "Seed"), seed.to_string()),
    ] {
        let id = format!("sim-{name}");
        html.element("label", &[("for", Some(&id))], label);
        html.void(
            "input",
            &[
                ("id", Some(&id)),
                ("name", Some(name)),
                ("type", Some("text")),
                ("inputmode", Some("numeric")),
                ("size", Some("8")),
                ("value", Some(&value)),
            ],
        );
    }
    html.close("div");
    html.into_string()
}

/// The inputs as a table: each with its most likely value, an optional
/// range (minimum and maximum) and its shape, and where the default came
/// from. `inputs` are the resolved ranges (same order as the setup's).
pub fn form_html(setup: &Setup, inputs: &[Estimate], missing: &[usize], lang: Lang) -> String {
    let mut html = Html::new();
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[("class", Some("sim-inputs"))]);
    html.element(
        "caption",
        &[],
        lang.pick(
            "Giả định (để trống tối thiểu và tối đa nếu chắc chắn)",
            "Assumptions (leave minimum and maximum empty when certain)",
        ),
    );
    html.open("thead", &[]).open("tr", &[]);
    for head in [
        lang.pick("Đầu vào", "Input"),
        lang.pick("Tối thiểu", "Minimum"),
        lang.pick("Khả năng nhất", "Most likely"),
        lang.pick("Tối đa", "Maximum"),
        lang.pick("Phân phối", "Shape"),
    ] {
        html.element("th", &[("scope", Some("col"))], head);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for (index, spec) in setup.inputs.iter().enumerate() {
        let estimate = inputs.get(index).copied().unwrap_or_default();
        let label = spec.label.get(lang);
        let suffix = unit_suffix(spec.quantity, lang);
        html.open("tr", &[]).open("th", &[("scope", Some("row"))]);
        html.text(label);
        if !suffix.is_empty() {
            html.text(" (").text(suffix).text(")");
        }
        html.element("small", &[], spec.source.get(lang));
        if missing.contains(&index) {
            html.element(
                "span",
                &[("class", Some("field-error"))],
                lang.pick("Cần nhập giá trị.", "A value is needed."),
            );
        }
        html.close("th");
        let ranged = !estimate.is_exact();
        let text = |v: f64| field_text(v, spec.quantity, lang);
        let likely = if missing.contains(&index) {
            String::new()
        } else {
            text(estimate.likely)
        };
        for (field, head, value) in [
            (
                "low",
                lang.pick("tối thiểu", "minimum"),
                if ranged {
                    text(estimate.low)
                } else {
                    String::new()
                },
            ),
            ("likely", lang.pick("khả năng nhất", "most likely"), likely),
            (
                "high",
                lang.pick("tối đa", "maximum"),
                if ranged {
                    text(estimate.high)
                } else {
                    String::new()
                },
            ),
        ] {
            html.open("td", &[]);
            number_field(
                &mut html,
                &spec.key,
                field,
                &format!("{label}: {head}"),
                &value,
            );
            html.close("td");
        }
        html.open("td", &[]);
        let shape_label = format!("{label}: {}", lang.pick("phân phối", "shape"));
        html.open(
            "select",
            &[
                ("data-key", Some(&spec.key)),
                ("data-f", Some("shape")),
                ("aria-label", Some(&shape_label)),
            ],
        );
        option(
            &mut html,
            "triangular",
            estimate.shape == Shape::Triangular,
            lang.pick("Tam giác", "Triangular"),
        );
        option(&mut html, "pert", estimate.shape == Shape::Pert, "PERT");
        html.close("select").close("td").close("tr");
    }
    html.close("tbody").close("table").close("div");
    html.into_string()
}

/// Whether a projected value meets every goal of its metric.
fn status_word(setup: &Setup, metric: usize, value: f64, lang: Lang) -> &'static str {
    let goals: Vec<_> = setup.goals.iter().filter(|g| g.metric == metric).collect();
    match goals.first() {
        None => "",
        // The first goal of a metric is the plan's target (a band's upper
        // end follows it).
        Some(goal) if goal.is_met_by(value) => lang.pick("✓ đạt", "✓ met"),
        Some(_) => lang.pick("✗ chưa đạt", "✗ not met"),
    }
}

/// The most likely projection: one row per period shown (every year; the
/// backlog's months at each year's end and at the deadlines), one column
/// per metric, and each metric's value on its deadline judged.
pub fn projection_html(setup: &Setup, trajectory: &Trajectory, lang: Lang) -> String {
    let mut html = Html::new();
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[("class", Some("sim-projection"))]);
    html.element(
        "caption",
        &[],
        lang.pick(
            "Dự báo với các giá trị khả năng nhất",
            "Projection with the most likely values",
        ),
    );
    html.open("thead", &[]).open("tr", &[]);
    html.element("th", &[("scope", Some("col"))], lang.pick("Kỳ", "Period"));
    for metric in &setup.metrics {
        html.element(
            "th",
            &[("scope", Some("col")), ("class", Some("num"))],
            metric.title.get(lang),
        );
    }
    html.close("tr").close("thead").open("tbody", &[]);
    let last = setup.periods.len().saturating_sub(1);
    for (index, period) in setup.periods.iter().enumerate() {
        let is_deadline = setup
            .metrics
            .iter()
            .any(|m| m.deadline_period == Some(index));
        let monthly = setup.kind == ModelKind::Backlog;
        if monthly
            && !(index == 0 || index == last || is_deadline || period.label.starts_with("12/"))
        {
            continue;
        }
        html.open("tr", &[("class", is_deadline.then_some("sim-deadline"))]);
        html.open("th", &[("scope", Some("row"))])
            .text(&period.label);
        if is_deadline {
            html.text(lang.pick(" (thời hạn)", " (deadline)"));
        }
        html.close("th");
        for (m, metric) in setup.metrics.iter().enumerate() {
            let value = trajectory
                .values
                .get(m)
                .and_then(|s| s.get(index))
                .copied()
                .unwrap_or(0.0);
            html.element(
                "td",
                &[("class", Some("num"))],
                &show(value, metric.quantity, lang),
            );
        }
        html.close("tr");
    }
    html.close("tbody");
    html.open("tfoot", &[]).open("tr", &[]);
    html.element(
        "th",
        &[("scope", Some("row"))],
        lang.pick("Tại thời hạn", "On the deadline"),
    );
    for (m, metric) in setup.metrics.iter().enumerate() {
        let value = trajectory.judged.get(m).copied().unwrap_or(0.0);
        let cell = format!(
            "{} {}",
            show(value, metric.quantity, lang),
            status_word(setup, m, value, lang)
        );
        html.element("td", &[("class", Some("num"))], cell.trim_end());
    }
    html.close("tr").close("tfoot").close("table").close("div");
    html.into_string()
}

fn lever_quantity(lever: Lever) -> Quantity {
    match lever {
        Lever::ValueAddedGrowth => Quantity::Rate,
        Lever::SeatsPerYear | Lever::RecognitionsPerYear => Quantity::PerYear,
        Lever::UnitsPerMonth => Quantity::PerMonth,
    }
}

/// One goal-seek answer in words.
pub fn answer_text(lever: Lever, answer: Answer, lang: Lang) -> String {
    let what = match lever {
        Lever::ValueAddedGrowth => lang.pick(
            "tăng trưởng giá trị gia tăng KTTT mỗi năm",
            "collective value-added growth per year",
        ),
        Lever::SeatsPerYear => lang.pick("suất đào tạo mỗi năm", "training seats per year"),
        Lever::UnitsPerMonth => lang.pick("đơn vị xử lý mỗi tháng", "units processed per month"),
        Lever::RecognitionsPerYear => {
            lang.pick("HTX được công nhận mỗi năm", "recognitions per year")
        }
    };
    match answer {
        Answer::Needed(value) => {
            let quantity = lever_quantity(lever);
            // Seats, units and recognitions come whole: round up.
            let value = if quantity == Quantity::Rate {
                value
            } else {
                (value * 10.0).ceil() / 10.0
            };
            format!(
                "{} {} {what}",
                lang.pick("Cần ít nhất", "Needs at least"),
                show(value, quantity, lang).trim_start_matches('+')
            )
        }
        Answer::AlreadyMet => lang
            .pick(
                "Đã đạt, không cần thêm.",
                "Already met; nothing more is needed.",
            )
            .to_owned(),
        Answer::DeadlinePassed => lang
            .pick(
                "Không thể: thời hạn đã qua.",
                "Not possible: the deadline has passed.",
            )
            .to_owned(),
        Answer::NotReachable(why) => format!(
            "{} {}.",
            lang.pick("Không thể đạt:", "Out of reach:"),
            why.text().get(lang)
        ),
        Answer::NoData => lang
            .pick(
                "Chưa tính được: thiếu dữ liệu.",
                "Cannot tell: data are missing.",
            )
            .to_owned(),
    }
}

/// Goal seek: for each goal, what its model's main lever must be.
pub fn goal_seek_html(setup: &Setup, seeks: &[GoalSeek], lang: Lang) -> String {
    let mut html = Html::new();
    html.element(
        "h3",
        &[],
        lang.pick("Cần bao nhiêu để đạt?", "What would it take?"),
    );
    html.open("ul", &[("class", Some("sim-goal-seek"))]);
    for seek in seeks {
        let label = setup
            .goals
            .get(seek.goal)
            .map(|g| g.label.get(lang))
            .unwrap_or("");
        html.open("li", &[])
            .element("strong", &[], label)
            .text(": ");
        html.text(&answer_text(seek.lever, seek.answer, lang));
        html.close("li");
    }
    html.close("ul");
    html.into_string()
}

/// The probability of meeting each goal, and the P10–P90 band on the
/// deadline.
pub fn probabilities_html(setup: &Setup, summary: &Summary, lang: Lang) -> String {
    let mut html = Html::new();
    html.open("ul", &[("class", Some("sim-probabilities"))]);
    for (index, goal) in setup.goals.iter().enumerate() {
        let p = summary.probabilities.get(index).copied().unwrap_or(0.0);
        html.open("li", &[("data-goal", Some(&goal.target_id))]);
        html.text(goal.label.get(lang)).text(": ");
        html.element(
            "strong",
            &[("class", Some("sim-probability"))],
            &format_percent(p, 1, lang),
        );
        html.text(lang.pick(" khả năng đạt", " chance of meeting it"));
        html.close("li");
    }
    for (m, metric) in setup.metrics.iter().enumerate() {
        if let Some(band) = summary.judged.get(m) {
            let q = metric.quantity;
            let line = format!(
                "{} — {}: P10 {} · P50 {} · P90 {}",
                metric.title.get(lang),
                lang.pick("tại thời hạn", "on the deadline"),
                show(band.p10, q, lang),
                show(band.p50, q, lang),
                show(band.p90, q, lang)
            );
            html.element("li", &[], &line);
        }
    }
    html.close("ul");
    html.element(
        "p",
        &[("class", Some("note"))],
        &format!(
            "{} {} {}",
            format_number(f64::from(summary.samples), 0, lang),
            lang.pick("lần mô phỏng.", "samples."),
            lang.pick(
                "Cùng hạt giống cho cùng kết quả.",
                "The same seed gives the same numbers."
            )
        ),
    );
    html.into_string()
}

// --- Charts -----------------------------------------------------------------
//
// SVG written with `write!` straight into the text: coordinates are
// formatted in place rather than through a string each.

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 32.0;

/// Opens a chart: the figure and the SVG with its title and description.
fn open_svg(html: &mut String, id: &str, height: f64, title: &str, description: &str) {
    let _ = write!(
        html,
        r#"<figure class="chart" id="{id}"><svg viewBox="0 0 640 {height}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(description)
    );
}

/// A line of the chart's class from (x1, y1) to (x2, y2).
fn line(html: &mut String, class: &str, x1: f64, y1: f64, x2: f64, y2: f64) {
    let _ = write!(
        html,
        r#"<line class="{class}" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"></line>"#
    );
}

/// A label at (x, y).
fn label(html: &mut String, x: f64, y: f64, anchor: &str, text: &str) {
    let _ = write!(
        html,
        r#"<text class="chart-label" x="{x:.1}" y="{y:.1}" text-anchor="{anchor}">{}</text>"#,
        escape(text)
    );
}

/// The legend under a chart, as text (never colour alone: each line is
/// also named by its pattern), and the end of the figure.
fn close_chart(html: &mut String, items: &[(&str, &str)]) {
    html.push_str(r#"</svg><figcaption><ul class="chart-legend">"#);
    for (class, text) in items {
        let _ = write!(
            html,
            r#"<li><span class="{class}" aria-hidden="true"></span>{}</li>"#,
            escape(text)
        );
    }
    html.push_str("</ul></figcaption></figure>");
}

/// A chart of one metric over the periods: lines (each a class and its
/// values), an optional P10–P90 band, the grid with value labels, the
/// period labels (thinned to fit), the target lines and the deadline.
#[allow(clippy::too_many_arguments)]
fn line_chart(
    setup: &Setup,
    metric: usize,
    id: &str,
    title: &str,
    description: &str,
    lines: &[(&str, &[f64])],
    band: &[Band],
    legend: &[(&str, &str)],
    lang: Lang,
) -> String {
    let q = setup
        .metrics
        .get(metric)
        .map_or(Quantity::Count, |m| m.quantity);
    let goals: Vec<f64> = setup
        .goals
        .iter()
        .filter(|g| g.metric == metric)
        .map(|g| g.value)
        .collect();
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    let all = lines.iter().flat_map(|(_, values)| values.iter());
    for &v in all
        .chain(band.iter().flat_map(|b| [&b.p10, &b.p90]))
        .chain(&goals)
    {
        if v.is_finite() {
            low = low.min(v);
            high = high.max(v);
        }
    }
    if !low.is_finite() {
        (low, high) = (0.0, 1.0);
    }
    // From zero when the values are all positive, so that shares and
    // counts are not exaggerated; a margin on top.
    low = low.min(0.0);
    high = if high <= low {
        low + 1.0
    } else {
        high + (high - low) * 0.08
    };
    let span = setup.periods.len().saturating_sub(1).max(1) as f64;
    let x = |period: usize| LEFT + period as f64 / span * (W - LEFT - RIGHT);
    let y = |value: f64| {
        let value = if value.is_finite() { value } else { low };
        TOP + (high - value) / (high - low) * (H - TOP - BOTTOM)
    };
    let mut html = String::new();
    open_svg(&mut html, id, H, title, description);
    for i in 0..=4 {
        let value = low + (high - low) * f64::from(i) / 4.0;
        line(&mut html, "chart-grid", LEFT, y(value), W - RIGHT, y(value));
        label(
            &mut html,
            LEFT - 6.0,
            y(value) + 4.0,
            "end",
            &show(value, q, lang),
        );
    }
    let count = setup.periods.len();
    let step = count.div_ceil(12).max(1);
    for (i, period) in setup.periods.iter().enumerate() {
        if i % step == 0 || i + 1 == count {
            label(&mut html, x(i), H - 10.0, "middle", &period.label);
        }
    }
    if !band.is_empty() {
        html.push_str(r#"<path class="fan-band" d=""#);
        let edge = band.iter().map(|b| b.p90).enumerate();
        let back = band.iter().map(|b| b.p10).enumerate().rev();
        for (n, (i, v)) in edge.chain(back).enumerate() {
            let _ = write!(
                html,
                "{}{:.1},{:.1} ",
                if n == 0 { "M" } else { "L" },
                x(i),
                y(v)
            );
        }
        html.push_str(r#"Z"></path>"#);
    }
    for (class, values) in lines {
        let _ = write!(html, r#"<polyline class="{class}" points=""#);
        for (i, v) in values.iter().enumerate() {
            let _ = write!(html, "{:.1},{:.1} ", x(i), y(*v));
        }
        html.push_str(r#""></polyline>"#);
    }
    for goal in goals {
        line(&mut html, "chart-target", LEFT, y(goal), W - RIGHT, y(goal));
    }
    if let Some(period) = setup.metrics.get(metric).and_then(|m| m.deadline_period) {
        line(
            &mut html,
            "chart-deadline",
            x(period),
            TOP,
            x(period),
            H - BOTTOM,
        );
    }
    close_chart(&mut html, legend);
    html
}

/// The fan chart of one metric: the P10–P90 band, the median and the most
/// likely projection, with the target and the deadline marked.
pub fn fan_chart_html(
    setup: &Setup,
    metric: usize,
    trajectory: &Trajectory,
    summary: Option<&Summary>,
    lang: Lang,
) -> String {
    let Some(spec) = setup.metrics.get(metric) else {
        return String::new();
    };
    let q = spec.quantity;
    let likely = trajectory.values.get(metric).map_or(&[][..], |v| &v[..]);
    let bands = summary
        .and_then(|s| s.bands.get(metric))
        .map_or(&[][..], |b| &b[..]);
    let mut description = String::new();
    for (i, period) in setup.periods.iter().enumerate() {
        let value = show(likely.get(i).copied().unwrap_or(0.0), q, lang);
        let _ = write!(
            description,
            "{}{} {value}",
            if i > 0 { "; " } else { "" },
            period.label
        );
        if let Some(band) = bands.get(i) {
            let (p10, p90) = (show(band.p10, q, lang), show(band.p90, q, lang));
            let _ = write!(description, " (P10 {p10}, P90 {p90})");
        }
    }
    let median: Vec<f64> = bands.iter().map(|b| b.p50).collect();
    let mut lines = Vec::new();
    let mut legend = vec![("key-likely", lang.pick("Khả năng nhất", "Most likely"))];
    if !bands.is_empty() {
        lines.push(("fan-median", &median[..]));
        legend.push(("key-median", lang.pick("Trung vị (P50)", "Median (P50)")));
        legend.push(("key-band", lang.pick("Từ P10 đến P90", "P10 to P90")));
    }
    lines.push(("fan-likely", likely));
    legend.push(("key-target", lang.pick("Mục tiêu", "Target")));
    legend.push(("key-deadline", lang.pick("Thời hạn", "Deadline")));
    line_chart(
        setup,
        metric,
        &format!("sim-fan-{metric}"),
        spec.title.get(lang),
        &description,
        &lines,
        bands,
        &legend,
        lang,
    )
}

/// One metric's most likely projection under several scenarios, overlaid,
/// with the target and the deadline.
pub fn overlay_chart_html(
    setup: &Setup,
    metric: usize,
    lines: &[(&str, &Trajectory)],
    lang: Lang,
) -> String {
    let Some(spec) = setup.metrics.get(metric) else {
        return String::new();
    };
    const CLASSES: [(&str, &str); 5] = [
        ("line-0", "key-0"),
        ("line-1", "key-1"),
        ("line-2", "key-2"),
        ("line-3", "key-3"),
        ("line-4", "key-4"),
    ];
    let last = setup.periods.last().map_or("", |p| p.label.as_str());
    let mut description = String::new();
    let mut series = Vec::new();
    let mut legend = Vec::new();
    for (i, (name, trajectory)) in lines.iter().enumerate() {
        let values = trajectory.values.get(metric).map_or(&[][..], |v| &v[..]);
        let end = show(values.last().copied().unwrap_or(0.0), spec.quantity, lang);
        let _ = write!(description, "{name}: {last} {end}. ");
        let (line, key) = CLASSES[i % CLASSES.len()];
        series.push((line, values));
        legend.push((key, *name));
    }
    let title = format!(
        "{} — {}",
        spec.title.get(lang),
        lang.pick("so sánh", "compared")
    );
    line_chart(
        setup,
        metric,
        &format!("sim-overlay-{metric}"),
        &title,
        description.trim_end(),
        &series,
        &[],
        &legend,
        lang,
    )
}

/// The tornado chart: each ranged input's swing of a metric's value on its
/// deadline, widest on top, bars from the value at the input's minimum to
/// the value at its maximum around the most likely value.
pub fn tornado_html(
    setup: &Setup,
    metric: usize,
    swings: &[Swing],
    centre: f64,
    lang: Lang,
) -> String {
    let Some(spec) = setup.metrics.get(metric) else {
        return String::new();
    };
    if swings.is_empty() {
        return note_html(lang.pick(
            "Biểu đồ lốc xoáy cần ít nhất một đầu vào là khoảng (tối thiểu – tối đa).",
            "The tornado chart needs at least one input given as a range (minimum – maximum).",
        ));
    }
    let q = spec.quantity;
    let (mut low, mut high) = (centre, centre);
    for s in swings {
        low = low.min(s.at_low.min(s.at_high));
        high = high.max(s.at_low.max(s.at_high));
    }
    let span = if high > low { high - low } else { 1.0 };
    const LABEL: f64 = 230.0;
    const ROW: f64 = 26.0;
    let height = TOP + ROW * swings.len() as f64 + BOTTOM;
    // Room on the right for the "low → high" figures.
    let x = |v: f64| LABEL + (v - low) / span * (W - LABEL - 150.0);
    let mut description = String::new();
    let mut bars = String::new();
    for (i, swing) in swings.iter().enumerate() {
        let name = setup
            .inputs
            .get(swing.input)
            .map_or("", |s| s.label.get(lang));
        let range = format!(
            "{} → {}",
            show(swing.at_low, q, lang),
            show(swing.at_high, q, lang)
        );
        let _ = write!(description, "{name}: {range}. ");
        let top = TOP + ROW * i as f64;
        let (a, b) = (
            x(swing.at_low.min(swing.at_high)),
            x(swing.at_low.max(swing.at_high)),
        );
        label(
            &mut bars,
            LABEL - 6.0,
            top + 16.0,
            "end",
            &shorten(name, 34),
        );
        let _ = write!(
            bars,
            r#"<rect class="tornado-bar" x="{a:.1}" y="{:.1}" width="{:.1}" height="18"></rect>"#,
            top + 4.0,
            (b - a).max(1.0)
        );
        label(&mut bars, b + 4.0, top + 16.0, "start", &range);
    }
    let mut html = String::new();
    open_svg(
        &mut html,
        &format!("sim-tornado-{metric}"),
        height,
        &format!(
            "{}: {}",
            lang.pick("Độ nhạy", "Sensitivity"),
            spec.title.get(lang)
        ),
        description.trim_end(),
    );
    html.push_str(&bars);
    line(
        &mut html,
        "chart-deadline",
        x(centre),
        TOP,
        x(centre),
        height - BOTTOM,
    );
    label(
        &mut html,
        x(centre),
        height - 10.0,
        "middle",
        &show(centre, q, lang),
    );
    html.push_str("</svg><figcaption>");
    html.push_str(&escape(lang.pick(
        "Mỗi thanh: giá trị tại thời hạn khi đầu vào đi từ tối thiểu đến tối đa, các đầu vào khác giữ ở mức khả năng nhất.",
        "Each bar: the value on the deadline as the input goes from its minimum to its maximum, the others held at their most likely values.",
    )));
    html.push_str("</figcaption></figure>");
    html
}

fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(chars - 1).collect();
        short.push('…');
        short
    }
}

// --- Scenarios --------------------------------------------------------------

/// The link that opens the page with a scenario loaded (for other pages,
/// e.g. the workshop's exercises).
pub fn scenario_href(id: &str) -> String {
    format!("/simulation?scenario={id}")
}

fn button(html: &mut Html, action: &str, id: Option<&str>, class: Option<&str>, text: &str) {
    html.element(
        "button",
        &[
            ("type", Some("button")),
            ("class", class),
            ("data-action", Some(action)),
            ("data-id", id),
        ],
        text,
    );
}

/// The scenarios of one model: rename, open, duplicate, delete, and
/// choose which to compare with which base.
pub fn scenarios_html(
    scenarios: &[Scenario],
    kind: ModelKind,
    open: Option<&str>,
    base: Option<&str>,
    compared: &[String],
    lang: Lang,
) -> String {
    let mut html = Html::new();
    html.element("h2", &[], lang.pick("Kịch bản", "Scenarios"));
    html.open("p", &[("class", Some("sim-open"))]);
    match open.and_then(|id| scenarios.iter().find(|s| s.id == id)) {
        Some(s) => {
            html.text(lang.pick("Đang mở kịch bản: ", "Open scenario: "));
            html.element("strong", &[], &s.name);
            html.text(lang.pick(
                ". Thay đổi được lưu vào kịch bản này. ",
                ". Changes are saved to this scenario. ",
            ));
            button(
                &mut html,
                "close",
                None,
                Some("secondary"),
                lang.pick("Đóng", "Close"),
            );
        }
        None => {
            html.text(lang.pick(
                "Đang xem dữ liệu (chưa lưu thành kịch bản). ",
                "Showing the data (not saved as a scenario). ",
            ));
        }
    }
    html.close("p");
    html.open("div", &[("class", Some("form-actions"))]);
    html.element(
        "label",
        &[("for", Some("sim-new-name"))],
        lang.pick("Tên kịch bản mới", "New scenario's name"),
    );
    html.void(
        "input",
        &[
            ("id", Some("sim-new-name")),
            ("type", Some("text")),
            ("size", Some("20")),
        ],
    );
    button(
        &mut html,
        "save-new",
        None,
        None,
        lang.pick("Lưu thành kịch bản mới", "Save as a new scenario"),
    );
    html.close("div");
    let mine: Vec<&Scenario> = scenarios.iter().filter(|s| s.model == kind).collect();
    if mine.is_empty() {
        html.element(
            "p",
            &[("class", Some("note"))],
            lang.pick(
                "Chưa có kịch bản nào cho mô hình này.",
                "No scenario for this model yet.",
            ),
        );
        return html.into_string();
    }
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[("class", Some("sim-scenarios"))]);
    html.element("caption", &[], lang.pick("Kịch bản", "Scenarios"));
    html.open("thead", &[]).open("tr", &[]);
    for head in [
        lang.pick("Tên", "Name"),
        lang.pick("Số thay đổi", "Changes"),
        lang.pick("So sánh", "Compare"),
        lang.pick("Thao tác", "Actions"),
    ] {
        html.element("th", &[("scope", Some("col"))], head);
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for s in &mine {
        let id = s.id.as_str();
        html.open("tr", &[("data-scenario", Some(id))])
            .open("td", &[]);
        let name_label = format!(
            "{} {}",
            lang.pick("Tên kịch bản", "Name of scenario"),
            s.name
        );
        html.void(
            "input",
            &[
                ("type", Some("text")),
                ("size", Some("18")),
                ("data-rename", Some(id)),
                ("aria-label", Some(&name_label)),
                ("value", Some(&s.name)),
            ],
        );
        html.close("td");
        html.element(
            "td",
            &[("class", Some("num"))],
            &s.overrides.len().to_string(),
        );
        html.open("td", &[]);
        let compare_label = format!("{} {}", lang.pick("So sánh", "Compare"), s.name);
        let checked = compared.iter().any(|c| c == id);
        html.void(
            "input",
            &[
                ("type", Some("checkbox")),
                ("data-compare", Some(id)),
                ("aria-label", Some(&compare_label)),
                ("checked", checked.then_some("")),
                ("disabled", (!checked && compared.len() >= 4).then_some("")),
            ],
        );
        html.close("td").open("td", &[]);
        if open != Some(id) {
            button(&mut html, "open", Some(id), None, lang.pick("Mở", "Open"));
        }
        button(
            &mut html,
            "duplicate",
            Some(id),
            Some("secondary"),
            lang.pick("Nhân bản", "Duplicate"),
        );
        button(
            &mut html,
            "delete",
            Some(id),
            Some("secondary"),
            lang.pick("Xóa", "Delete"),
        );
        html.close("td").close("tr");
    }
    html.close("tbody").close("table").close("div");
    html.open("div", &[("class", Some("form-actions"))]);
    html.element(
        "label",
        &[("for", Some("sim-base"))],
        lang.pick("So sánh với (cơ sở)", "Compare against (base)"),
    );
    html.open(
        "select",
        &[("id", Some("sim-base")), ("name", Some("base"))],
    );
    option(
        &mut html,
        "",
        base.is_none(),
        lang.pick("Dữ liệu (không thay đổi)", "The data (no changes)"),
    );
    for s in &mine {
        option(&mut html, &s.id, base == Some(s.id.as_str()), &s.name);
    }
    html.close("select");
    html.element(
        "span",
        &[("class", Some("note"))],
        lang.pick(
            "Chọn 2 đến 4 kịch bản để so sánh.",
            "Tick 2 to 4 scenarios to compare.",
        ),
    );
    html.close("div");
    html.into_string()
}

fn signed(value: f64, quantity: Quantity, lang: Lang) -> String {
    let text = show(value, quantity, lang);
    if value > 0.0
        && !text.starts_with('-')
        && text.bytes().any(|b| b.is_ascii_digit() && b != b'0')
    {
        format!("+{text}")
    } else {
        text
    }
}

/// The comparison table: the base's value, then each scenario's value and
/// its difference from the base, row by row.
pub fn comparison_html(
    rows: &[ComparisonRow],
    base_name: &str,
    names: &[&str],
    lang: Lang,
) -> String {
    let mut html = Html::new();
    html.open("div", &[("class", Some("table-scroll"))])
        .open("table", &[("class", Some("sim-compare"))]);
    html.element(
        "caption",
        &[],
        lang.pick("So sánh với cơ sở", "Compared with the base"),
    );
    html.open("thead", &[]).open("tr", &[]);
    html.element("th", &[("scope", Some("col"))], "");
    html.element(
        "th",
        &[("scope", Some("col")), ("class", Some("num"))],
        base_name,
    );
    for name in names {
        html.element(
            "th",
            &[("scope", Some("col")), ("class", Some("num"))],
            name,
        );
        let diff = format!("{} {name}", lang.pick("Chênh lệch", "Difference"));
        html.element(
            "th",
            &[("scope", Some("col")), ("class", Some("num"))],
            &diff,
        );
    }
    html.close("tr").close("thead").open("tbody", &[]);
    for row in rows {
        let prefix = match row.kind {
            RowKind::Input => "",
            RowKind::Projected => lang.pick("Dự báo tại thời hạn: ", "Projected on the deadline: "),
            RowKind::Probability => lang.pick("Khả năng đạt ", "Chance of "),
        };
        let changed = row
            .others
            .iter()
            .any(|o| o.is_some_and(|(_, d)| d.abs() > 1e-12));
        html.open("tr", &[("class", changed.then_some("sim-changed"))]);
        html.open("th", &[("scope", Some("row"))])
            .text(prefix)
            .text(row.label.get(lang))
            .close("th");
        html.element(
            "td",
            &[("class", Some("num"))],
            &show(row.base, row.quantity, lang),
        );
        for other in &row.others {
            let (value, diff) = match other {
                Some((value, diff)) => (
                    show(*value, row.quantity, lang),
                    signed(*diff, row.quantity, lang),
                ),
                None => ("—".to_owned(), "—".to_owned()),
            };
            html.element("td", &[("class", Some("num"))], &value);
            html.element("td", &[("class", Some("num sim-diff"))], &diff);
        }
        html.close("tr");
    }
    html.close("tbody").close("table").close("div");
    html.into_string()
}

/// "5.000 / 1.000.000": the count beside the progress bar.
pub fn progress_count(done: u32, total: u32, lang: Lang) -> String {
    format!(
        " {} / {} ",
        format_number(f64::from(done), 0, lang),
        format_number(f64::from(total), 0, lang)
    )
}

/// The progress of a Monte Carlo run, with its cancel button while it runs.
/// Written once per run: the page then moves the bar and the count
/// (`sim-progress-bar`, `sim-progress-count`) without replacing the button.
pub fn progress_html(done: u32, total: u32, lang: Lang) -> String {
    let mut html = Html::new();
    let (d, t) = (done.to_string(), total.max(1).to_string());
    html.element(
        "label",
        &[("for", Some("sim-progress-bar"))],
        lang.pick("Tiến độ mô phỏng", "Simulation progress"),
    );
    html.void(
        "progress",
        &[
            ("id", Some("sim-progress-bar")),
            ("max", Some(&t)),
            ("value", Some(&d)),
        ],
    )
    .close("progress");
    html.element(
        "span",
        &[("id", Some("sim-progress-count"))],
        &progress_count(done, total, lang),
    );
    if done < total {
        button(
            &mut html,
            "cancel",
            None,
            Some("secondary"),
            lang.pick("Hủy", "Cancel"),
        );
    }
    html.into_string()
}

/// A message line, escaped.
pub fn note_html(text: &str) -> String {
    format!("<p class=\"note\">{}</p>", escape(text))
}
