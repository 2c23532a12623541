//! What the simulation page shows, as data: values and fields in the
//! page's language, the projection table, goal-seek answers, the chances
//! of meeting each goal, the fan, overlay and tornado charts as geometry
//! and the comparison of scenarios. No markup: the app's simulation page
//! draws it (`app/pages/simulation/`), and every fact it shows is tested
//! natively on this data.

use super::chart::{Anchor, ChartHead, Label, Segment, Tick};
use crate::i18n::format::{format_number, format_percent};
use crate::i18n::number::{self, Convention};
use crate::i18n::Lang;
use crate::simulation::goal_seek::{Answer, GoalSeek, Lever};
use crate::simulation::monte_carlo::{Band, Summary};
use crate::simulation::scenario::{ComparisonRow, RowKind};
use crate::simulation::sensitivity::Swing;
use crate::simulation::{ModelKind, Quantity, Setup, Trajectory};

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
/// numbers ([`crate::i18n::number`]: "12,5" in Vietnamese, "12.5" in English), a
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
            let (whole, rounded) = crate::simulation::goal_seek::whole_up(value);
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

/// `text` cut to `chars` characters, the last of them "…", if longer.
fn shorten(text: &str, chars: usize) -> String {
    let mut starts = text.char_indices().map(|(i, _)| i).skip(chars - 1);
    match (starts.next(), starts.next()) {
        (Some(cut), Some(_)) => format!("{}…", &text[..cut]),
        _ => text.to_owned(),
    }
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

/// The unit an input's label ends with ("%", "/năm"); empty for money
/// (named in the label) and counts.
pub fn unit_suffix(quantity: Quantity, lang: Lang) -> &'static str {
    match quantity {
        Quantity::Rate | Quantity::Fraction => "%",
        Quantity::Money => "",
        Quantity::PerMonth => lang.pick("/tháng", "/month"),
        Quantity::PerYear => lang.pick("/năm", "/year"),
        Quantity::Count => "",
    }
}

/// Whether a projected value meets every goal of its metric, in words.
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

/// One row of the projection table: a period (or "on the deadline") and
/// each metric's value as shown.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ProjectionRow {
    pub period: String,
    /// The row of a metric's deadline, marked as such.
    pub deadline: bool,
    pub cells: Vec<String>,
}

/// The most likely projection as a table.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ProjectionTable {
    pub caption: &'static str,
    pub period_header: &'static str,
    /// The metrics' titles, one column each.
    pub metrics: Vec<String>,
    pub rows: Vec<ProjectionRow>,
    /// Each metric's value on its deadline, judged against its goal.
    pub judged: ProjectionRow,
}

/// The most likely projection: one row per period shown (every year; the
/// backlog's months at each year's end and at the deadlines), one column
/// per metric, and each metric's value on its deadline judged.
pub fn projection_table(setup: &Setup, trajectory: &Trajectory, lang: Lang) -> ProjectionTable {
    let cell = |m: usize, value: Option<&f64>, status: &str| {
        let q = setup.metrics.get(m).map_or(Quantity::Count, |m| m.quantity);
        format!("{}{status}", show(value.copied().unwrap_or(0.0), q, lang))
    };
    let last = setup.periods.len().saturating_sub(1);
    let mut rows = Vec::new();
    for (index, period) in setup.periods.iter().enumerate() {
        let deadline = setup
            .metrics
            .iter()
            .any(|m| m.deadline_period == Some(index));
        let monthly = setup.kind == ModelKind::Backlog;
        if monthly && !(index == 0 || index == last || deadline || period.label.starts_with("12/"))
        {
            continue;
        }
        rows.push(ProjectionRow {
            period: format!(
                "{}{}",
                period.label,
                if deadline {
                    lang.pick(" (thời hạn)", " (deadline)")
                } else {
                    ""
                }
            ),
            deadline,
            cells: trajectory
                .values
                .iter()
                .enumerate()
                .map(|(m, series)| cell(m, series.get(index), ""))
                .collect(),
        });
    }
    ProjectionTable {
        caption: lang.pick(
            "Dự báo với các giá trị khả năng nhất",
            "Projection with the most likely values",
        ),
        period_header: lang.pick("Kỳ", "Period"),
        metrics: setup
            .metrics
            .iter()
            .map(|m| m.title.get(lang).to_owned())
            .collect(),
        rows,
        judged: ProjectionRow {
            period: lang.pick("Tại thời hạn", "On the deadline").to_owned(),
            deadline: false,
            cells: trajectory
                .judged
                .iter()
                .enumerate()
                .map(|(m, value)| cell(m, Some(value), status_word(setup, m, *value, lang)))
                .collect(),
        },
    }
}

/// Goal seek: for each goal, its label and what its model's main lever
/// must be, in words.
pub fn goal_seek_lines(setup: &Setup, seeks: &[GoalSeek], lang: Lang) -> Vec<(String, String)> {
    seeks
        .iter()
        .map(|seek| {
            let label = setup.goals.get(seek.goal).map_or("", |g| g.label.get(lang));
            (label.to_owned(), answer_text(seek.lever, seek.answer, lang))
        })
        .collect()
}

/// The chance of meeting one goal.
#[derive(Clone, Debug, PartialEq)]
pub struct Chance {
    pub target_id: String,
    pub goal: String,
    /// "87,5%", or "—" when it could never be judged.
    pub value: String,
    /// " khả năng đạt", or why there is no value.
    pub words: &'static str,
}

/// The probability of meeting each goal, the P10–P90 band of each metric
/// on its deadline, and how many samples they come from.
#[derive(Clone, Debug, PartialEq)]
pub struct Chances {
    pub goals: Vec<Chance>,
    pub bands: Vec<String>,
    pub note: String,
}

pub fn chances(setup: &Setup, summary: &Summary, lang: Lang) -> Chances {
    let goals = setup
        .goals
        .iter()
        .zip(&summary.probabilities)
        .map(|(goal, p)| Chance {
            target_id: goal.target_id.clone(),
            goal: goal.label.get(lang).to_owned(),
            value: if p.is_nan() {
                "—".to_owned()
            } else {
                format_percent(*p, 1, lang)
            },
            words: if p.is_nan() {
                lang.pick(
                    " chưa có dữ liệu (không đơn vị nào thuộc diện này)",
                    " no data (no unit falls under it)",
                )
            } else {
                lang.pick(" khả năng đạt", " chance of meeting it")
            },
        })
        .collect();
    let bands = setup
        .metrics
        .iter()
        .zip(&summary.judged)
        .map(|(metric, band)| {
            let q = metric.quantity;
            format!(
                "{} — {}: P10 {} · P50 {} · P90 {}",
                metric.title.get(lang),
                lang.pick("tại thời hạn", "on the deadline"),
                show(band.p10, q, lang),
                show(band.p50, q, lang),
                show(band.p90, q, lang)
            )
        })
        .collect();
    Chances {
        goals,
        bands,
        note: format!(
            "{} {} {}",
            format_number(f64::from(summary.samples), 0, lang),
            lang.pick("lần mô phỏng.", "samples."),
            lang.pick(
                "Cùng hạt giống cho cùng kết quả.",
                "The same seed gives the same numbers."
            )
        ),
    }
}

// --- Charts -----------------------------------------------------------------

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 32.0;

/// A line of a chart: its class (which says its colour and dash, so that
/// no line is told by colour alone) and its points as SVG writes them.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLine {
    pub class: &'static str,
    pub points: String,
}

/// A legend entry: the key's class and its words.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendKey {
    pub class: &'static str,
    pub text: String,
}

/// One metric over the periods, as geometry on a 640-wide drawing: lines,
/// an optional P10–P90 band, the grid with value labels, the period
/// labels (thinned to fit), the target lines and the deadline.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LineChart {
    pub head: ChartHead,
    pub y_ticks: Vec<Tick>,
    pub x_labels: Vec<Label>,
    /// The P10–P90 band as an SVG path, when there is one.
    pub band: Option<String>,
    pub lines: Vec<ChartLine>,
    pub targets: Vec<Segment>,
    pub deadline: Option<Segment>,
    pub legend: Vec<LegendKey>,
}

/// What a line chart is drawn from.
struct LineChartSpec<'a> {
    metric: usize,
    id: String,
    title: String,
    description: String,
    lines: Vec<(&'static str, &'a [f64])>,
    band: &'a [Band],
    legend: Vec<LegendKey>,
}

fn points(values: impl Iterator<Item = (f64, f64)>) -> String {
    let mut text = String::new();
    for (x, y) in values {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!("{x:.1},{y:.1}"));
    }
    text
}

fn line_chart(setup: &Setup, spec: LineChartSpec, lang: Lang) -> LineChart {
    let metric = spec.metric;
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
    let all = spec.lines.iter().flat_map(|(_, values)| values.iter());
    for &v in all
        .chain(spec.band.iter().flat_map(|b| [&b.p10, &b.p90]))
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
    let y_ticks = (0..=4)
        .map(|i| {
            let value = low + (high - low) * f64::from(i) / 4.0;
            Tick {
                grid: Segment {
                    x1: LEFT,
                    y1: y(value),
                    x2: W - RIGHT,
                    y2: y(value),
                },
                label: Label {
                    x: LEFT - 6.0,
                    y: y(value) + 4.0,
                    anchor: Anchor::End,
                    text: show(value, q, lang),
                },
            }
        })
        .collect();
    let count = setup.periods.len();
    let step = count.div_ceil(12).max(1);
    let x_labels = setup
        .periods
        .iter()
        .enumerate()
        .filter_map(|(i, period)| {
            // The last label ends at the plot's edge, inside the chart.
            let anchor = if i + 1 == count {
                Anchor::End
            } else if i % step == 0 && i + step < count {
                Anchor::Middle
            } else {
                return None;
            };
            Some(Label {
                x: x(i),
                y: H - 10.0,
                anchor,
                text: period.label.clone(),
            })
        })
        .collect();
    let band = (!spec.band.is_empty()).then(|| {
        let edge = spec.band.iter().map(|b| b.p90).enumerate();
        let back = spec.band.iter().map(|b| b.p10).enumerate().rev();
        let mut d = String::new();
        for (n, (i, v)) in edge.chain(back).enumerate() {
            d.push_str(&format!(
                "{}{:.1},{:.1} ",
                if n == 0 { "M" } else { "L" },
                x(i),
                y(v)
            ));
        }
        d.push('Z');
        d
    });
    let lines = spec
        .lines
        .iter()
        .map(|(class, values)| ChartLine {
            class,
            points: points(values.iter().enumerate().map(|(i, v)| (x(i), y(*v)))),
        })
        .collect();
    let targets = goals
        .iter()
        .map(|&goal| Segment {
            x1: LEFT,
            y1: y(goal),
            x2: W - RIGHT,
            y2: y(goal),
        })
        .collect();
    let deadline = setup
        .metrics
        .get(metric)
        .and_then(|m| m.deadline_period)
        .map(|period| Segment {
            x1: x(period),
            y1: TOP,
            x2: x(period),
            y2: H - BOTTOM,
        });
    LineChart {
        head: ChartHead {
            id: spec.id,
            title: spec.title,
            description: spec.description,
            width: W,
            height: H,
        },
        y_ticks,
        x_labels,
        band,
        lines,
        targets,
        deadline,
        legend: spec.legend,
    }
}

fn key(class: &'static str, text: &str) -> LegendKey {
    LegendKey {
        class,
        text: text.to_owned(),
    }
}

/// The fan chart of one metric: the P10–P90 band, the median and the most
/// likely projection, with the target and the deadline marked. `None` for
/// a metric the setup does not have.
pub fn fan_chart(
    setup: &Setup,
    metric: usize,
    trajectory: &Trajectory,
    summary: Option<&Summary>,
    lang: Lang,
) -> Option<LineChart> {
    let spec = setup.metrics.get(metric)?;
    let q = spec.quantity;
    let likely = trajectory.values.get(metric).map_or(&[][..], |v| &v[..]);
    let bands = summary
        .and_then(|s| s.bands.get(metric))
        .map_or(&[][..], |b| &b[..]);
    let mut description = String::new();
    for (i, period) in setup.periods.iter().enumerate() {
        let value = show(likely.get(i).copied().unwrap_or(0.0), q, lang);
        description.push_str(&format!(
            "{}{} {value}",
            if i > 0 { "; " } else { "" },
            period.label
        ));
        if let Some(band) = bands.get(i) {
            let (p10, p90) = (show(band.p10, q, lang), show(band.p90, q, lang));
            description.push_str(&format!(" (P10 {p10}, P90 {p90})"));
        }
    }
    let median: Vec<f64> = bands.iter().map(|b| b.p50).collect();
    let mut lines = Vec::new();
    let mut legend = vec![key("key-likely", lang.pick("Khả năng nhất", "Most likely"))];
    if !bands.is_empty() {
        lines.push(("fan-median", &median[..]));
        legend.push(key(
            "key-median",
            lang.pick("Trung vị (P50)", "Median (P50)"),
        ));
        legend.push(key("key-band", lang.pick("Từ P10 đến P90", "P10 to P90")));
    }
    lines.push(("fan-likely", likely));
    legend.push(key("key-target", lang.pick("Mục tiêu", "Target")));
    legend.push(key("key-deadline", lang.pick("Thời hạn", "Deadline")));
    Some(line_chart(
        setup,
        LineChartSpec {
            metric,
            id: format!("sim-fan-{metric}"),
            title: spec.title.get(lang).to_owned(),
            description,
            lines,
            band: bands,
            legend,
        },
        lang,
    ))
}

/// One metric's most likely projection under several scenarios (named),
/// overlaid, with the target and the deadline.
pub fn overlay_chart(
    setup: &Setup,
    metric: usize,
    lines: &[(&str, &Trajectory)],
    lang: Lang,
) -> Option<LineChart> {
    let spec = setup.metrics.get(metric)?;
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
        description.push_str(&format!("{name}: {last} {end}. "));
        let (line, class) = CLASSES[i % CLASSES.len()];
        series.push((line, values));
        legend.push(key(class, name));
    }
    legend.push(key("key-target", lang.pick("Mục tiêu", "Target")));
    legend.push(key("key-deadline", lang.pick("Thời hạn", "Deadline")));
    Some(line_chart(
        setup,
        LineChartSpec {
            metric,
            id: format!("sim-overlay-{metric}"),
            title: format!(
                "{} — {}",
                spec.title.get(lang),
                lang.pick("so sánh", "compared")
            ),
            description: description.trim_end().to_owned(),
            lines: series,
            band: &[],
            legend,
        },
        lang,
    ))
}

/// One bar of the tornado: the input's name, the bar, and the values at
/// the input's minimum and maximum.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    pub name: Label,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub range: Label,
}

/// The tornado chart of one metric, as geometry.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoChart {
    pub head: ChartHead,
    pub bars: Vec<TornadoBar>,
    /// The most likely value on the deadline, and its label.
    pub centre: Segment,
    pub centre_label: Label,
    pub note: &'static str,
}

/// A metric's tornado, or what it needs to be drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Tornado {
    Chart(TornadoChart),
    /// No input is a range: there is nothing to swing.
    NeedsRange(&'static str),
}

/// The tornado chart: each ranged input's swing of a metric's value on its
/// deadline, widest on top, bars from the value at the input's minimum to
/// the value at its maximum around the most likely value. `None` for a
/// metric the setup does not have.
pub fn tornado_chart(
    setup: &Setup,
    metric: usize,
    swings: &[Swing],
    centre: f64,
    lang: Lang,
) -> Option<Tornado> {
    let spec = setup.metrics.get(metric)?;
    if swings.is_empty() {
        return Some(Tornado::NeedsRange(lang.pick(
            "Biểu đồ lốc xoáy cần ít nhất một đầu vào là khoảng (tối thiểu – tối đa).",
            "The tornado chart needs at least one input given as a range (minimum – maximum).",
        )));
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
    let mut bars = Vec::new();
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
        description.push_str(&format!("{name}: {range}. "));
        let top = TOP + ROW * i as f64;
        let (a, b) = (
            x(swing.at_low.min(swing.at_high)),
            x(swing.at_low.max(swing.at_high)),
        );
        bars.push(TornadoBar {
            name: Label {
                x: LABEL - 6.0,
                y: top + 16.0,
                anchor: Anchor::End,
                text: shorten(name, 34),
            },
            x: a,
            y: top + 4.0,
            width: (b - a).max(1.0),
            height: 18.0,
            range: Label {
                x: b + 4.0,
                y: top + 16.0,
                anchor: Anchor::Start,
                text: range,
            },
        });
    }
    Some(Tornado::Chart(TornadoChart {
        head: ChartHead {
            id: format!("sim-tornado-{metric}"),
            title: format!(
                "{}: {}",
                lang.pick("Độ nhạy", "Sensitivity"),
                spec.title.get(lang)
            ),
            description: description.trim_end().to_owned(),
            width: W,
            height,
        },
        bars,
        centre: Segment {
            x1: x(centre),
            y1: TOP,
            x2: x(centre),
            y2: height - BOTTOM,
        },
        centre_label: Label {
            x: x(centre),
            y: height - 10.0,
            anchor: Anchor::Middle,
            text: show(centre, q, lang),
        },
        note: lang.pick(
            "Mỗi thanh: giá trị tại thời hạn khi đầu vào đi từ tối thiểu đến tối đa, các đầu vào khác giữ ở mức khả năng nhất.",
            "Each bar: the value on the deadline as the input goes from its minimum to its maximum, the others held at their most likely values.",
        ),
    }))
}

// --- Scenarios --------------------------------------------------------------

/// The link that opens the page with a scenario loaded (for other pages,
/// e.g. the workshop's exercises).
pub fn scenario_href(id: &str) -> String {
    format!("/simulation?scenario={id}")
}

/// One row of the comparison: an input or a result, the base's value, and
/// each scenario's value with its difference from the base ("—" where a
/// scenario has none).
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonLine {
    pub label: String,
    /// Some scenario differs from the base here.
    pub changed: bool,
    pub base: String,
    pub others: Vec<(String, String)>,
}

/// The comparison table: the base's name, then each scenario's name, and
/// the rows.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonTable {
    pub caption: &'static str,
    pub row_header: &'static str,
    pub base: String,
    /// Each scenario's name and its difference column's header.
    pub columns: Vec<(String, String)>,
    pub rows: Vec<ComparisonLine>,
}

/// The comparison table: the base's value, then each scenario's value and
/// its difference from the base, row by row.
pub fn comparison_table(
    rows: &[ComparisonRow],
    base_name: &str,
    names: &[&str],
    lang: Lang,
) -> ComparisonTable {
    let rows = rows
        .iter()
        .map(|row| {
            let prefix = match row.kind {
                RowKind::Input => "",
                RowKind::Projected => {
                    lang.pick("Dự báo tại thời hạn: ", "Projected on the deadline: ")
                }
                RowKind::Probability => lang.pick("Khả năng đạt ", "Chance of "),
            };
            ComparisonLine {
                label: format!("{prefix}{}", row.label.get(lang)),
                changed: row
                    .others
                    .iter()
                    .any(|o| o.is_some_and(|(_, d)| d.abs() > 1e-12)),
                base: show(row.base, row.quantity, lang),
                others: row
                    .others
                    .iter()
                    .map(|other| match other {
                        Some((value, diff)) => (
                            show(*value, row.quantity, lang),
                            signed(*diff, row.quantity, lang),
                        ),
                        None => ("—".to_owned(), "—".to_owned()),
                    })
                    .collect(),
            }
        })
        .collect();
    ComparisonTable {
        caption: lang.pick("So sánh với cơ sở", "Compared with the base"),
        row_header: lang.pick("Đầu vào hoặc kết quả", "Input or result"),
        base: base_name.to_owned(),
        columns: names
            .iter()
            .map(|name| {
                (
                    (*name).to_owned(),
                    format!("{} {name}", lang.pick("Chênh lệch", "Difference")),
                )
            })
            .collect(),
        rows,
    }
}

/// "5.000 / 1.000.000": the count beside the progress bar.
pub fn progress_count(done: u32, total: u32, lang: Lang) -> String {
    format!(
        "{} / {}",
        format_number(f64::from(done), 0, lang),
        format_number(f64::from(total), 0, lang)
    )
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
