//! A target's trend chart, as geometry: the value by year on a 640-wide
//! drawing, with round ticks, the target line and the deadline marked,
//! and the numbers again as table rows for anyone who cannot see it.
//! No markup: the app's `TrendChart` component draws it as SVG.

use chrono::Datelike;

use crate::domain::indicator::TrendPoint;
use crate::domain::plan::{Comparator, Indicator, Target};
use crate::domain::workspace::Workspace;
use crate::i18n::wording::format_value;
use crate::i18n::Lang;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 32.0;

/// Which end of a label sits at its point (SVG's `text-anchor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Anchor {
    #[default]
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A text at a point of the drawing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub text: String,
}

/// A straight line from (x1, y1) to (x2, y2).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Segment {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

/// A value's tick: its grid line across the plot and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub grid: Segment,
    pub label: Label,
}

/// A year with data: where its dot is, and what its tooltip says ("2019: 91,6%").
#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub title: String,
}

/// A line across the plot with its label: the deadline, the target.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Marker {
    pub line: Segment,
    pub label: Label,
}

/// What every chart has whatever it draws: the id its title and
/// description are referenced by, the drawing's size, and the words that
/// name it for those who cannot see it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartHead {
    /// Unique on the page.
    pub id: String,
    pub title: String,
    /// What the chart shows, in words, for screen readers.
    pub description: String,
    pub width: f64,
    pub height: f64,
}

/// A value by year, with the target line and the deadline marked. The
/// default is an empty drawing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrendChart {
    pub head: ChartHead,
    /// Bottom to top.
    pub y_ticks: Vec<Tick>,
    /// One year label per point, left to right.
    pub x_ticks: Vec<Label>,
    pub deadline: Marker,
    /// None for "rising each year", which has no level to reach.
    pub target_line: Option<Marker>,
    /// The line as an SVG path (`M`, `L`), broken where a year has no data.
    pub path: String,
    pub dots: Vec<Dot>,
    /// The numbers as (year, value) rows; "—" where a year has no data.
    pub table: Vec<(String, String)>,
    /// The table's summary and header words.
    pub show_table: &'static str,
    pub year_header: &'static str,
    pub value_header: &'static str,
}

/// What a trend chart is drawn from.
pub struct TrendSeries<'a> {
    pub id: String,
    pub title: String,
    pub points: &'a [TrendPoint],
    pub target: Option<f64>,
    pub deadline_year: i32,
    /// Formats a value for labels and the table ("91,6%").
    pub format: &'a dyn Fn(f64) -> String,
    /// Whole numbers (a count of cooperatives): the axis steps by whole
    /// numbers too, so no tick falls between two counts.
    pub whole: bool,
    pub lang: Lang,
}

/// A target's value by year, with its target line (none for "rising each
/// year") and deadline.
pub fn trend_chart(w: &Workspace, target: &Target, lang: Lang) -> TrendChart {
    let indicator = target.indicator;
    let points = crate::domain::indicator::Engine::new(w).trend(indicator);
    let format = |v: f64| format_value(indicator, v, lang);
    TrendSeries {
        id: format!("trend-{}", target.id),
        title: format!(
            "{} · {} — {}",
            target.id,
            target.title.get(lang),
            lang.pick("diễn biến theo năm", "by year")
        ),
        points: &points,
        target: (target.comparator != Comparator::RisingEachYear).then_some(target.value),
        deadline_year: target.deadline.year(),
        format: &format,
        whole: indicator == Indicator::ExemplaryCount,
        lang,
    }
    .chart()
}

/// A round step at least `raw`: 1, 2, 2,5 or 5 times a power of ten
/// (whole numbers: 1, 2 or 5 times, and at least 1).
fn tick_step(raw: f64, whole: bool) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    let multiples: &[f64] = if whole {
        &[1.0, 2.0, 5.0, 10.0]
    } else {
        &[1.0, 2.0, 2.5, 5.0, 10.0]
    };
    let step = multiples
        .iter()
        .map(|m| m * power)
        .find(|step| *step >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * power);
    if whole {
        step.max(1.0).round()
    } else {
        step
    }
}

impl TrendSeries<'_> {
    /// The chart's geometry and words.
    pub fn chart(&self) -> TrendChart {
        let lang = self.lang;
        let format = self.format;
        let values: Vec<f64> = self.points.iter().filter_map(|p| p.value).collect();
        let high = values
            .iter()
            .copied()
            .chain(self.target)
            .fold(0.0_f64, f64::max);
        let low = values.iter().copied().fold(0.0_f64, f64::min);
        let high = if high <= low {
            low + 1.0
        } else {
            high + (high - low) * 0.1
        };
        // Up to six steps of a round size, from a multiple of it: each tick
        // is a value its label writes exactly (0, 5, 10, 15 rather than 0,
        // 2,75, 5,5, …, which a count writes as 3 and 6).
        let step = tick_step((high - low) / 5.0, self.whole);
        let low = (low / step).floor() * step;
        let steps = ((high - low) / step - 1e-9).ceil().clamp(1.0, 6.0);
        let high = low + step * steps;
        let first = self.points.first().map_or(0, |p| p.year);
        let last = self.points.last().map_or(first, |p| p.year).max(first + 1);
        let x = |year: i32| {
            LEFT + f64::from(year - first) / f64::from(last - first) * (WIDTH - LEFT - RIGHT)
        };
        let y = |value: f64| TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM);
        let across = |at: f64| Segment {
            x1: LEFT,
            y1: at,
            x2: WIDTH - RIGHT,
            y2: at,
        };
        let label = |x: f64, y: f64, anchor: Anchor, text: String| Label { x, y, anchor, text };

        let known: Vec<String> = self
            .points
            .iter()
            .filter_map(|p| p.value.map(|v| format!("{} {}", p.year, format(v))))
            .collect();
        let description = if known.is_empty() {
            lang.pick("Chưa có năm nào có dữ liệu.", "No year has data yet.")
                .to_owned()
        } else {
            format!(
                "{}: {}.",
                lang.pick("Giá trị theo năm", "Value by year"),
                known.join("; ")
            )
        };

        let y_ticks = (0..=steps as u32)
            .map(|i| {
                let tick = low + step * f64::from(i);
                Tick {
                    grid: across(y(tick)),
                    label: label(LEFT - 6.0, y(tick) + 4.0, Anchor::End, format(tick)),
                }
            })
            .collect();
        let x_ticks = self
            .points
            .iter()
            .map(|p| label(x(p.year), HEIGHT - 10.0, Anchor::Middle, p.year.to_string()))
            .collect();
        let deadline_at = x(self.deadline_year.clamp(first, last));
        // The label sits on the side of the line with room for it.
        let deadline_on_right = deadline_at > WIDTH / 2.0;
        let deadline_text = lang.pick("Thời hạn", "Deadline").to_owned();
        let deadline = Marker {
            line: Segment {
                x1: deadline_at,
                y1: TOP,
                x2: deadline_at,
                y2: HEIGHT - BOTTOM,
            },
            label: if deadline_on_right {
                label(deadline_at - 4.0, TOP + 10.0, Anchor::End, deadline_text)
            } else {
                label(deadline_at + 4.0, TOP + 10.0, Anchor::Start, deadline_text)
            },
        };
        let target_line = self.target.map(|target| {
            let text = format!("{} {}", lang.pick("Mục tiêu", "Target"), format(target));
            // At the other end from the deadline's label, which it would
            // cover when the target is near the top (T3's 1,0%).
            Marker {
                line: across(y(target)),
                label: if deadline_on_right {
                    label(LEFT + 4.0, y(target) - 4.0, Anchor::Start, text)
                } else {
                    label(WIDTH - RIGHT, y(target) - 4.0, Anchor::End, text)
                },
            }
        });
        // The line, broken where a year has no data.
        let mut path = String::new();
        let mut pen_down = false;
        for p in self.points {
            match p.value {
                Some(v) => {
                    let pen = if pen_down { "L" } else { "M" };
                    path.push_str(&format!("{pen}{:.1},{:.1} ", x(p.year), y(v)));
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let dots = self
            .points
            .iter()
            .filter_map(|p| {
                p.value.map(|value| Dot {
                    x: x(p.year),
                    y: y(value),
                    title: format!("{}: {}", p.year, format(value)),
                })
            })
            .collect();
        let table = self
            .points
            .iter()
            .map(|p| (p.year.to_string(), p.value.map_or("—".to_owned(), format)))
            .collect();
        TrendChart {
            head: ChartHead {
                id: self.id.clone(),
                title: self.title.clone(),
                description,
                width: WIDTH,
                height: HEIGHT,
            },
            y_ticks,
            x_ticks,
            deadline,
            target_line,
            path,
            dots,
            table,
            show_table: lang.pick("Xem số liệu dạng bảng", "Show the numbers as a table"),
            year_header: lang.pick("Năm", "Year"),
            value_header: lang.pick("Giá trị", "Value"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series<'a>(
        points: &'a [TrendPoint],
        format: &'a dyn Fn(f64) -> String,
        target: Option<f64>,
        deadline_year: i32,
        whole: bool,
    ) -> TrendSeries<'a> {
        TrendSeries {
            id: "t1".to_owned(),
            title: "T1 <thử>".to_owned(),
            points,
            target,
            deadline_year,
            format,
            whole,
            lang: Lang::En,
        }
    }

    #[test]
    fn a_trend_chart_says_what_it_shows() {
        let points = [
            TrendPoint {
                year: 2017,
                value: Some(0.5),
            },
            TrendPoint {
                year: 2018,
                value: None,
            },
            TrendPoint {
                year: 2019,
                value: Some(0.75),
            },
        ];
        let format = |v: f64| format!("{:.0}%", v * 100.0);
        let chart = series(&points, &format, Some(1.0), 2018, false).chart();
        assert_eq!(chart.head.title, "T1 <thử>");
        assert_eq!(chart.head.description, "Value by year: 2017 50%; 2019 75%.");
        let target = chart.target_line.as_ref().expect("a target line");
        assert_eq!(target.label.text, "Target 100%");
        // The gap year breaks the line: two separate moves, no line across 2018.
        assert_eq!(chart.path.matches('M').count(), 2, "{}", chart.path);
        assert_eq!(chart.path.matches('L').count(), 0, "{}", chart.path);
        assert_eq!(chart.dots.len(), 2);
        assert_eq!(chart.dots[1].title, "2019: 75%");
        assert_eq!(chart.table[1], ("2018".to_owned(), "—".to_owned()));
        assert_eq!(
            chart
                .x_ticks
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>(),
            ["2017", "2018", "2019"]
        );
        // Every point and tick is inside the drawing.
        for dot in &chart.dots {
            assert!((LEFT..=WIDTH - RIGHT).contains(&dot.x), "{dot:?}");
            assert!((TOP..=HEIGHT - BOTTOM).contains(&dot.y), "{dot:?}");
        }
        // The deadline, 2018, is the middle year, just right of the
        // middle (the plot starts after the axis labels): its label ends at
        // it, and the target's starts at the left.
        assert_eq!(chart.deadline.label.text, "Deadline");
        assert_eq!(chart.deadline.label.anchor, Anchor::End);
        assert!(chart.deadline.label.x < chart.deadline.line.x1);
        assert_eq!(target.label.anchor, Anchor::Start);
    }

    #[test]
    fn a_chart_without_data_says_so() {
        let points = [TrendPoint {
            year: 2017,
            value: None,
        }];
        let format = |v: f64| format!("{v}");
        let chart = series(&points, &format, None, 2017, false).chart();
        assert_eq!(chart.head.description, "No year has data yet.");
        // A deadline at the left: its label starts right of it.
        assert_eq!(chart.deadline.label.anchor, Anchor::Start);
        assert!(chart.deadline.label.x > chart.deadline.line.x1);
        assert!(chart.path.is_empty());
        assert!(chart.dots.is_empty());
        assert!(chart.target_line.is_none());
    }

    #[test]
    fn ticks_step_by_round_sizes_and_counts_by_whole_numbers() {
        assert_eq!(tick_step(2.75, true), 5.0);
        assert_eq!(tick_step(2.75, false), 5.0);
        assert_eq!(tick_step(0.3, true), 1.0);
        assert_eq!(tick_step(0.3, false), 0.5);
        assert_eq!(tick_step(0.002_75, false), 0.002_5 * 2.0);
        assert_eq!(tick_step(0.002_4, false), 0.002_5);
        assert_eq!(tick_step(14.0, true), 20.0);
        assert_eq!(tick_step(0.0, true), 1.0);
        assert_eq!(tick_step(f64::NAN, false), 1.0);
        // Every tick of a count chart is a whole number, evenly spaced.
        let points: Vec<TrendPoint> = (2017..=2020)
            .zip([0.0, 3.0, 7.0, 9.0])
            .map(|(year, v)| TrendPoint {
                year,
                value: Some(v),
            })
            .collect();
        let format = |v: f64| format!("{v}");
        let chart = series(&points, &format, Some(10.0), 2020, true).chart();
        let ticks: Vec<&str> = chart
            .y_ticks
            .iter()
            .map(|t| t.label.text.as_str())
            .collect();
        assert_eq!(ticks, ["0", "5", "10", "15"]);
        assert!(chart
            .y_ticks
            .windows(2)
            .all(|t| t[1].grid.y1 < t[0].grid.y1));
        // The deadline at the right end: its label to its left, the
        // target's at the left so the two do not meet.
        assert_eq!(chart.deadline.label.anchor, Anchor::End);
        assert_eq!(
            chart.target_line.map(|t| t.label.anchor),
            Some(Anchor::Start)
        );
    }

    #[test]
    fn a_target_chart_has_the_target_line_unless_it_only_rises() {
        let w = crate::domain::demo::demo_workspace();
        for target in &w.plan.targets {
            let chart = trend_chart(&w, target, Lang::Vi);
            assert_eq!(chart.head.id, format!("trend-{}", target.id));
            assert!(chart.head.title.starts_with(&target.id));
            assert_eq!(
                chart.target_line.is_some(),
                target.comparator != Comparator::RisingEachYear,
                "{}",
                target.id
            );
            // Vietnamese decimal commas, never points, in every label.
            for tick in &chart.y_ticks {
                assert!(!tick.label.text.contains('.'), "{}", tick.label.text);
            }
        }
    }
}
