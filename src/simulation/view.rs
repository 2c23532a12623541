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
use crate::chart::{label, line, open_svg};
use crate::format::{format_number, format_percent};
use crate::html::escape;
use crate::i18n::Lang;
use crate::number::{self, Convention};

/// A value as a person reads it, by what it means.
pub fn show(value: f64, quantity: Quantity, lang: Lang) -> String {
    if value.is_nan() {
        return "—".to_owned();
    }
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
/// written as the language writes numbers (thousands grouped), at most
/// four decimals.
pub fn field_text(value: f64, quantity: Quantity, lang: Lang) -> String {
    let value = if quantity.is_percent() {
        value * 100.0
    } else {
        value
    };
    number::write_f64(value, 4, Convention::of(lang))
}

/// Reads what a person typed in a field, as the page's language writes
/// numbers ([`crate::number`]: "12,5" in Vietnamese, "12.5" in English), a
/// trailing percent sign allowed, percentages back to fractions. `None`
/// for anything else, a guess never.
pub fn parse_field(text: &str, quantity: Quantity, lang: Lang) -> Option<f64> {
    let text = text.trim();
    let text = text.strip_suffix('%').unwrap_or(text);
    let value = number::parse_f64(text, Convention::of(lang))
        .ok()
        .flatten()?;
    Some(if quantity.is_percent() {
        value / 100.0
    } else {
        value
    })
}

/// The id of the element under a money field that shows its value as it
/// will be used.
pub fn echo_id(key: &str, field: &str) -> String {
    format!("sim-{key}-{field}-echo")
}

/// What shows under a money field typed as `text`: the value in the
/// page's format and unit ("= 245.000 triệu đồng"), empty when there is
/// none or it cannot be read; `None` for a field that is not money.
pub fn typed_echo(quantity: Quantity, text: &str, lang: Lang) -> Option<String> {
    if quantity != Quantity::Money {
        return None;
    }
    let convention = Convention::of(lang);
    Some(match number::parse_decimal(text, convention) {
        Ok(Some(amount)) => format!(
            "= {} {}",
            number::write_decimal(&amount, convention),
            lang.pick("triệu đồng", "million VND")
        ),
        _ => String::new(),
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

fn option(html: &mut String, value: &str, selected: bool, text: &str) {
    let selected = if selected { " selected" } else { "" };
    let _ = write!(
        html,
        r#"<option value="{}"{selected}>{}</option>"#,
        escape(value),
        escape(text)
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
    let mut html = format!(
        r#"<p class="lead">{}</p><div class="sim-settings"><label for="sim-model">{}</label><select id="sim-model" name="model">"#,
        lang.pick(
            "Thử các giả định và xem đến hạn các chỉ tiêu sẽ ra sao, cần bao nhiêu để đạt, và khả năng đạt khi các giả định không chắc chắn. Giá trị mặc định lấy từ dữ liệu của bạn.",
            "Try assumptions and see where the targets will be at their deadlines, what it would take to meet them, and the chance of meeting them when the assumptions are uncertain. Defaults come from your data.",
        ),
        lang.pick("Mô hình", "Model"),
    );
    for k in ModelKind::ALL {
        option(&mut html, k.key(), k == kind, k.title().get(lang));
    }
    html.push_str("</select>");
    if kind == ModelKind::GrdpShare {
        let _ = write!(
            html,
            r#"<label class="inline"><input type="checkbox" name="per_year"{}>{}</label>"#,
            if per_year_growth { " checked" } else { "" },
            lang.pick(
                " Mỗi năm một tốc độ tăng trưởng",
                " One growth rate per year"
            ),
        );
    }
    for (name, label, value) in [
        (
            "samples",
            lang.pick("Số lần mô phỏng", "Samples"),
            u64::from(samples),
        ),
        ("seed", lang.pick("Hạt giống", "Seed"), seed),
    ] {
        let _ = write!(
            html,
            r#"<label for="sim-{name}">{label}</label><input id="sim-{name}" name="{name}" type="text" inputmode="numeric" size="8" value="{value}">"#
        );
    }
    html.push_str("</div>");
    html
}

/// The inputs as a table: each with its most likely value, an optional
/// range (minimum and maximum) and its shape, and where the default came
/// from. `inputs` are the resolved ranges (same order as the setup's).
pub fn form_html(setup: &Setup, inputs: &[Estimate], missing: &[usize], lang: Lang) -> String {
    let pick = |vi, en| lang.pick(vi, en);
    let mut html = format!(
        r#"<div class="table-scroll"><table class="sim-inputs"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        pick(
            "Giả định (để trống tối thiểu và tối đa nếu chắc chắn)",
            "Assumptions (leave minimum and maximum empty when certain)",
        ),
        pick("Đầu vào", "Input"),
        pick("Tối thiểu", "Minimum"),
        pick("Khả năng nhất", "Most likely"),
        pick("Tối đa", "Maximum"),
        pick("Phân phối", "Shape"),
    );
    for (index, spec) in setup.inputs.iter().enumerate() {
        let estimate = inputs.get(index).copied().unwrap_or_default();
        let label = escape(spec.label.get(lang));
        let suffix = unit_suffix(spec.quantity, lang);
        let _ = write!(html, r#"<tr><th scope="row">{label}"#);
        if !suffix.is_empty() {
            let _ = write!(html, " ({suffix})");
        }
        let _ = write!(html, "<small>{}</small>", escape(spec.source.get(lang)));
        let is_missing = missing.contains(&index);
        if is_missing {
            let _ = write!(
                html,
                r#"<span class="field-error">{}</span>"#,
                pick("Cần nhập giá trị.", "A value is needed.")
            );
        }
        html.push_str("</th>");
        let ranged = !estimate.is_exact();
        let text = |v: f64, shown: bool| {
            if shown {
                field_text(v, spec.quantity, lang)
            } else {
                String::new()
            }
        };
        let key = escape(&spec.key);
        for (field, head, value) in [
            (
                "low",
                pick("tối thiểu", "minimum"),
                text(estimate.low, ranged),
            ),
            (
                "likely",
                pick("khả năng nhất", "most likely"),
                text(estimate.likely, !is_missing),
            ),
            (
                "high",
                pick("tối đa", "maximum"),
                text(estimate.high, ranged),
            ),
        ] {
            match typed_echo(spec.quantity, &value, lang) {
                Some(echo) => {
                    let echo_id = echo_id(&key, field);
                    let _ = write!(
                        html,
                        r#"<td><input id="sim-{key}-{field}" type="text" inputmode="decimal" size="7" data-key="{key}" data-f="{field}" aria-label="{label}: {head}" aria-describedby="{echo_id}" value="{value}"><small class="echo" id="{echo_id}">{}</small></td>"#,
                        escape(&echo)
                    );
                }
                None => {
                    let _ = write!(
                        html,
                        r#"<td><input id="sim-{key}-{field}" type="text" inputmode="decimal" size="7" data-key="{key}" data-f="{field}" aria-label="{label}: {head}" value="{value}"></td>"#
                    );
                }
            }
        }
        let _ = write!(
            html,
            r#"<td><select data-key="{key}" data-f="shape" aria-label="{label}: {}">"#,
            pick("phân phối", "shape")
        );
        let pert = estimate.shape == Shape::Pert;
        option(
            &mut html,
            "triangular",
            !pert,
            pick("Tam giác", "Triangular"),
        );
        option(&mut html, "pert", pert, "PERT");
        html.push_str("</select></td></tr>");
    }
    html.push_str("</tbody></table></div>");
    html
}

/// Whether a projected value meets every goal of its metric.
fn status_word(setup: &Setup, metric: usize, value: f64, lang: Lang) -> &'static str {
    match setup.goals.iter().find(|g| g.metric == metric) {
        None => "",
        // The first goal of a metric is the plan's target (a band's upper
        // end follows it).
        Some(_) if value.is_nan() => lang.pick(
            " ? chưa có dữ liệu (không đơn vị nào thuộc diện này)",
            " ? no data (no unit falls under it)",
        ),
        Some(goal) if goal.is_met_by(value) => lang.pick(" ✓ đạt", " ✓ met"),
        Some(_) => lang.pick(" ✗ chưa đạt", " ✗ not met"),
    }
}

/// The most likely projection: one row per period shown (every year; the
/// backlog's months at each year's end and at the deadlines), one column
/// per metric, and each metric's value on its deadline judged.
pub fn projection_html(setup: &Setup, trajectory: &Trajectory, lang: Lang) -> String {
    let mut html = format!(
        r#"<div class="table-scroll"><table class="sim-projection"><caption>{}</caption><thead><tr><th scope="col">{}</th>"#,
        lang.pick(
            "Dự báo với các giá trị khả năng nhất",
            "Projection with the most likely values",
        ),
        lang.pick("Kỳ", "Period"),
    );
    for metric in &setup.metrics {
        let _ = write!(
            html,
            r#"<th scope="col" class="num">{}</th>"#,
            escape(metric.title.get(lang))
        );
    }
    html.push_str("</tr></thead><tbody>");
    let last = setup.periods.len().saturating_sub(1);
    let cell = |html: &mut String, m: usize, value: Option<&f64>, status: &str| {
        let q = setup.metrics.get(m).map_or(Quantity::Count, |m| m.quantity);
        let shown = show(value.copied().unwrap_or(0.0), q, lang);
        let _ = write!(html, r#"<td class="num">{shown}{status}</td>"#);
    };
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
        let _ = write!(
            html,
            r#"<tr{}><th scope="row">{}{}</th>"#,
            if is_deadline {
                r#" class="sim-deadline""#
            } else {
                ""
            },
            escape(&period.label),
            if is_deadline {
                lang.pick(" (thời hạn)", " (deadline)")
            } else {
                ""
            }
        );
        for (m, series) in trajectory.values.iter().enumerate() {
            cell(&mut html, m, series.get(index), "");
        }
        html.push_str("</tr>");
    }
    let _ = write!(
        html,
        r#"</tbody><tfoot><tr><th scope="row">{}</th>"#,
        lang.pick("Tại thời hạn", "On the deadline")
    );
    for (m, value) in trajectory.judged.iter().enumerate() {
        cell(
            &mut html,
            m,
            Some(value),
            status_word(setup, m, *value, lang),
        );
    }
    html.push_str("</tr></tfoot></table></div>");
    html
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
    let text = match answer {
        Answer::Needed(value) => {
            let quantity = lever_quantity(lever);
            let needs = lang.pick("Cần ít nhất", "Needs at least");
            if quantity == Quantity::Rate {
                return format!(
                    "{needs} {} {what}",
                    show(value, quantity, lang).trim_start_matches('+')
                );
            }
            // Seats, units and recognitions come whole: round up, and say
            // so when the model's answer was a fraction.
            let (whole, rounded) = super::goal_seek::whole_up(value);
            let mut text = format!("{needs} {} {what}", format_number(whole, 0, lang));
            if rounded {
                text.push_str(&format!(
                    " ({} {})",
                    lang.pick("làm tròn lên từ", "rounded up from"),
                    format_number(value, 2, lang)
                ));
            }
            return text;
        }
        Answer::AlreadyMet => lang.pick(
            "Đã đạt, không cần thêm.",
            "Already met; nothing more is needed.",
        ),
        Answer::DeadlinePassed => lang.pick(
            "Không thể: thời hạn đã qua.",
            "Not possible: the deadline has passed.",
        ),
        Answer::NotReachable(why) => {
            return format!(
                "{} {}.",
                lang.pick("Không thể đạt:", "Out of reach:"),
                why.text().get(lang)
            )
        }
        Answer::NoData => lang.pick(
            "Chưa tính được: thiếu dữ liệu.",
            "Cannot tell: data are missing.",
        ),
    };
    text.to_owned()
}

/// Goal seek: for each goal, what its model's main lever must be.
pub fn goal_seek_html(setup: &Setup, seeks: &[GoalSeek], lang: Lang) -> String {
    let mut html = format!(
        r#"<h3>{}</h3><ul class="sim-goal-seek">"#,
        lang.pick("Cần bao nhiêu để đạt?", "What would it take?")
    );
    for seek in seeks {
        let label = setup.goals.get(seek.goal).map_or("", |g| g.label.get(lang));
        let _ = write!(
            html,
            "<li><strong>{}</strong>: {}</li>",
            escape(label),
            escape(&answer_text(seek.lever, seek.answer, lang))
        );
    }
    html.push_str("</ul>");
    html
}

/// The probability of meeting each goal, and the P10–P90 band on the
/// deadline.
pub fn probabilities_html(setup: &Setup, summary: &Summary, lang: Lang) -> String {
    let mut html = r#"<ul class="sim-probabilities">"#.to_owned();
    for (goal, p) in setup.goals.iter().zip(&summary.probabilities) {
        let _ = write!(
            html,
            r#"<li data-goal="{}">{}: <strong class="sim-probability">{}</strong>{}</li>"#,
            escape(&goal.target_id),
            escape(goal.label.get(lang)),
            if p.is_nan() {
                "—".to_owned()
            } else {
                format_percent(*p, 1, lang)
            },
            if p.is_nan() {
                lang.pick(
                    " chưa có dữ liệu (không đơn vị nào thuộc diện này)",
                    " no data (no unit falls under it)",
                )
            } else {
                lang.pick(" khả năng đạt", " chance of meeting it")
            },
        );
    }
    for (metric, band) in setup.metrics.iter().zip(&summary.judged) {
        let q = metric.quantity;
        let _ = write!(
            html,
            "<li>{} — {}: P10 {} · P50 {} · P90 {}</li>",
            escape(metric.title.get(lang)),
            lang.pick("tại thời hạn", "on the deadline"),
            show(band.p10, q, lang),
            show(band.p50, q, lang),
            show(band.p90, q, lang)
        );
    }
    let _ = write!(
        html,
        r#"</ul><p class="note">{} {} {}</p>"#,
        format_number(f64::from(summary.samples), 0, lang),
        lang.pick("lần mô phỏng.", "samples."),
        lang.pick(
            "Cùng hạt giống cho cùng kết quả.",
            "The same seed gives the same numbers."
        )
    );
    html
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

/// The chart's title, shown, and its legend as text (never colour alone:
/// each line is also named by its pattern); the end of the figure.
fn close_chart(html: &mut String, title: &str, items: &[(&str, &str)]) {
    let _ = write!(
        html,
        r#"</svg><figcaption>{}<ul class="chart-legend">"#,
        escape(title)
    );
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
    let top = high;
    high = if high <= low {
        low + 1.0
    } else {
        high + (high - low) * 0.08
    };
    // A share's axis stops at 100 %.
    if q == Quantity::Fraction && top <= 1.0 {
        high = high.min(1.0);
    }
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
        // The last label ends at the plot's edge, inside the chart.
        if i + 1 == count {
            label(&mut html, x(i), H - 10.0, "end", &period.label);
        } else if i % step == 0 && i + step < count {
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
    close_chart(&mut html, title, legend);
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
    legend.push(("key-target", lang.pick("Mục tiêu", "Target")));
    legend.push(("key-deadline", lang.pick("Thời hạn", "Deadline")));
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
    let title = format!(
        "{}: {}",
        lang.pick("Độ nhạy", "Sensitivity"),
        spec.title.get(lang)
    );
    let mut html = String::new();
    open_svg(
        &mut html,
        &format!("sim-tornado-{metric}"),
        height,
        &title,
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
    let _ = write!(
        html,
        r#"</svg><figcaption>{}<p class="note">{}</p>"#,
        escape(&title),
        lang.pick(
            "Mỗi thanh: giá trị tại thời hạn khi đầu vào đi từ tối thiểu đến tối đa, các đầu vào khác giữ ở mức khả năng nhất.",
            "Each bar: the value on the deadline as the input goes from its minimum to its maximum, the others held at their most likely values.",
        )
    );
    html.push_str("</figcaption></figure>");
    html
}

/// `text` cut to `chars` characters, the last of them "…", if longer.
fn shorten(text: &str, chars: usize) -> String {
    let mut starts = text.char_indices().map(|(i, _)| i).skip(chars - 1);
    match (starts.next(), starts.next()) {
        (Some(cut), Some(_)) => format!("{}…", &text[..cut]),
        _ => text.to_owned(),
    }
}

// --- Scenarios --------------------------------------------------------------

/// The link that opens the page with a scenario loaded (for other pages,
/// e.g. the workshop's exercises).
pub fn scenario_href(id: &str) -> String {
    format!("/simulation?scenario={id}")
}

fn button(html: &mut String, action: &str, id: &str, class: &str, text: &str) {
    let _ = write!(
        html,
        r#"<button type="button" class="{class}" data-action="{action}" data-id="{}">{}</button>"#,
        escape(id),
        escape(text)
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
    let pick = |vi, en| lang.pick(vi, en);
    let title = pick("Kịch bản", "Scenarios");
    let mut html = format!(r#"<h2>{title}</h2><p class="sim-open">"#);
    match open.and_then(|id| scenarios.iter().find(|s| s.id == id)) {
        Some(s) => {
            let _ = write!(
                html,
                "{}<strong>{}</strong>{}",
                pick("Đang mở kịch bản: ", "Open scenario: "),
                escape(&s.name),
                pick(
                    ". Thay đổi được lưu vào kịch bản này. ",
                    ". Changes are saved to this scenario. ",
                )
            );
            button(&mut html, "close", "", "secondary", pick("Đóng", "Close"));
        }
        None => html.push_str(pick(
            "Đang xem dữ liệu (chưa lưu thành kịch bản). ",
            "Showing the data (not saved as a scenario). ",
        )),
    }
    let _ = write!(
        html,
        r#"</p><div class="form-actions"><label for="sim-new-name">{}</label><input id="sim-new-name" type="text" size="20">"#,
        pick("Tên kịch bản mới", "New scenario's name")
    );
    button(
        &mut html,
        "save-new",
        "",
        "",
        pick("Lưu thành kịch bản mới", "Save as a new scenario"),
    );
    html.push_str("</div>");
    let mine: Vec<&Scenario> = scenarios.iter().filter(|s| s.model == kind).collect();
    if mine.is_empty() {
        html.push_str(&note_html(pick(
            "Chưa có kịch bản nào cho mô hình này.",
            "No scenario for this model yet.",
        )));
        return html;
    }
    let compare = pick("So sánh", "Compare");
    let _ = write!(
        html,
        r#"<div class="table-scroll"><table class="sim-scenarios"><caption>{title}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{compare}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        pick("Tên", "Name"),
        pick("Số thay đổi", "Changes"),
        pick("Thao tác", "Actions"),
    );
    for s in &mine {
        let (id, name) = (s.id.as_str(), escape(&s.name));
        let checked = compared.iter().any(|c| c == id);
        let _ = write!(
            html,
            r#"<tr data-scenario="{id}"><td><input type="text" size="18" data-rename="{id}" aria-label="{} {name}" value="{name}"></td><td class="num">{}</td><td><input type="checkbox" data-compare="{id}" aria-label="{compare} {name}"{}{}></td><td>"#,
            pick("Tên kịch bản", "Name of scenario"),
            s.overrides.len(),
            if checked { " checked" } else { "" },
            if !checked && compared.len() >= 4 {
                " disabled"
            } else {
                ""
            },
            id = escape(id),
        );
        if open != Some(id) {
            button(&mut html, "open", id, "", pick("Mở", "Open"));
        }
        button(
            &mut html,
            "duplicate",
            id,
            "secondary",
            pick("Nhân bản", "Duplicate"),
        );
        button(&mut html, "delete", id, "secondary", pick("Xóa", "Delete"));
        html.push_str("</td></tr>");
    }
    let _ = write!(
        html,
        r#"</tbody></table></div><div class="form-actions"><label for="sim-base">{}</label><select id="sim-base" name="base">"#,
        pick("So sánh với (cơ sở)", "Compare against (base)")
    );
    option(
        &mut html,
        "",
        base.is_none(),
        pick("Dữ liệu (không thay đổi)", "The data (no changes)"),
    );
    for s in &mine {
        option(&mut html, &s.id, base == Some(s.id.as_str()), &s.name);
    }
    let _ = write!(
        html,
        r#"</select><span class="note">{}</span></div>"#,
        pick(
            "Chọn 2 đến 4 kịch bản để so sánh.",
            "Tick 2 to 4 scenarios to compare.",
        )
    );
    html
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
    let mut html = format!(
        r#"<div class="table-scroll"><table class="sim-compare"><caption>{}</caption><thead><tr><th scope="col"><span class="visually-hidden">{}</span></th><th scope="col" class="num">{}</th>"#,
        lang.pick("So sánh với cơ sở", "Compared with the base"),
        lang.pick("Đầu vào hoặc kết quả", "Input or result"),
        escape(base_name)
    );
    for name in names {
        let name = escape(name);
        let _ = write!(
            html,
            r#"<th scope="col" class="num">{name}</th><th scope="col" class="num">{} {name}</th>"#,
            lang.pick("Chênh lệch", "Difference")
        );
    }
    html.push_str("</tr></thead><tbody>");
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
        let _ = write!(
            html,
            r#"<tr{}><th scope="row">{prefix}{}</th><td class="num">{}</td>"#,
            if changed {
                r#" class="sim-changed""#
            } else {
                ""
            },
            escape(row.label.get(lang)),
            show(row.base, row.quantity, lang)
        );
        for other in &row.others {
            let (value, diff) = match other {
                Some((value, diff)) => (
                    show(*value, row.quantity, lang),
                    signed(*diff, row.quantity, lang),
                ),
                None => ("—".to_owned(), "—".to_owned()),
            };
            let _ = write!(
                html,
                r#"<td class="num">{value}</td><td class="num sim-diff">{diff}</td>"#
            );
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div>");
    html
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
    let mut html = format!(
        r#"<label for="sim-progress-bar">{}</label><progress id="sim-progress-bar" max="{}" value="{done}"></progress><span id="sim-progress-count">{}</span>"#,
        lang.pick("Tiến độ mô phỏng", "Simulation progress"),
        total.max(1),
        progress_count(done, total, lang)
    );
    if done < total {
        button(
            &mut html,
            "cancel",
            "",
            "secondary",
            lang.pick("Hủy", "Cancel"),
        );
    }
    html
}

/// A message line, escaped.
pub fn note_html(text: &str) -> String {
    format!("<p class=\"note\">{}</p>", escape(text))
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn long_labels_are_cut_on_a_character() {
        assert_eq!(shorten("Tăng trưởng", 11), "Tăng trưởng");
        assert_eq!(shorten("Tăng trưởng GRDP", 11), "Tăng trưởn…");
        assert_eq!(shorten("ấấấ", 2), "ấ…");
        assert_eq!(shorten("", 3), "");
    }
}
