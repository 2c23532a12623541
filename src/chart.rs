//! Charts drawn as SVG text by the app (crisp on a projector, clean in
//! print), each with a title, a text description and its numbers as a
//! table for anyone who cannot see it.

use std::fmt::Write as _;

use crate::html::{escape, table, Html};
use crate::i18n::Lang;
use crate::indicator::TrendPoint;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 32.0;

/// A value by year, with the target line and the deadline marked.
pub struct TrendChart<'a> {
    /// Unique on the page: the SVG's title and description are referenced by id.
    pub id: &'a str,
    pub title: &'a str,
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

/// Opens a chart: the figure and the SVG, `height` tall, with its title
/// and description (which screen readers announce for the image).
pub(crate) fn open_svg(html: &mut String, id: &str, height: f64, title: &str, description: &str) {
    // The id is escaped too: a trend chart's is made of a target's id,
    // which a stored workspace may have from an unchecked file.
    let id = escape(id);
    let _ = write!(
        html,
        r#"<figure class="chart" id="{id}"><svg viewBox="0 0 640 {height}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(description)
    );
}

/// A line of a chart's class from (x1, y1) to (x2, y2).
pub(crate) fn line(html: &mut String, class: &str, x1: f64, y1: f64, x2: f64, y2: f64) {
    let _ = write!(
        html,
        r#"<line class="{class}" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"></line>"#
    );
}

/// A label at (x, y), anchored `start`, `middle` or `end`.
pub(crate) fn label(html: &mut String, x: f64, y: f64, anchor: &str, text: &str) {
    let _ = write!(
        html,
        r#"<text class="chart-label" x="{x:.1}" y="{y:.1}" text-anchor="{anchor}">{}</text>"#,
        escape(text)
    );
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

impl TrendChart<'_> {
    /// The chart as a `<figure>`: the SVG, its caption and a table.
    pub fn to_html(&self) -> String {
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

        let mut html = String::new();
        open_svg(&mut html, self.id, HEIGHT, self.title, &description);
        for i in 0..=steps as u32 {
            let tick = low + step * f64::from(i);
            line(
                &mut html,
                "chart-grid",
                LEFT,
                y(tick),
                WIDTH - RIGHT,
                y(tick),
            );
            label(&mut html, LEFT - 6.0, y(tick) + 4.0, "end", &format(tick));
        }
        for p in self.points {
            label(
                &mut html,
                x(p.year),
                HEIGHT - 10.0,
                "middle",
                &p.year.to_string(),
            );
        }
        let deadline_at = x(self.deadline_year.clamp(first, last));
        line(
            &mut html,
            "chart-deadline",
            deadline_at,
            TOP,
            deadline_at,
            HEIGHT - BOTTOM,
        );
        // The label sits on the side of the line with room for it.
        let deadline_on_right = deadline_at > WIDTH / 2.0;
        let (label_x, anchor) = if deadline_on_right {
            (deadline_at - 4.0, "end")
        } else {
            (deadline_at + 4.0, "start")
        };
        label(
            &mut html,
            label_x,
            TOP + 10.0,
            anchor,
            lang.pick("Thời hạn", "Deadline"),
        );
        if let Some(target) = self.target {
            line(
                &mut html,
                "chart-target",
                LEFT,
                y(target),
                WIDTH - RIGHT,
                y(target),
            );
            let text = format!("{} {}", lang.pick("Mục tiêu", "Target"), format(target));
            // At the other end from the deadline's label, which it would
            // cover when the target is near the top (T3's 1,0%).
            if deadline_on_right {
                label(&mut html, LEFT + 4.0, y(target) - 4.0, "start", &text);
            } else {
                label(&mut html, WIDTH - RIGHT, y(target) - 4.0, "end", &text);
            }
        }
        // The line, broken where a year has no data.
        html.push_str(r#"<path class="chart-line" d=""#);
        let mut pen_down = false;
        for p in self.points {
            match p.value {
                Some(v) => {
                    let pen = if pen_down { "L" } else { "M" };
                    let _ = write!(html, "{pen}{:.1},{:.1} ", x(p.year), y(v));
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        html.push_str(r#""></path>"#);
        for p in self.points {
            if let Some(value) = p.value {
                let _ = write!(
                    html,
                    r#"<circle class="chart-dot" cx="{:.1}" cy="{:.1}" r="4"><title>{}: {}</title></circle>"#,
                    x(p.year),
                    y(value),
                    p.year,
                    escape(&format(value))
                );
            }
        }
        let _ = write!(
            html,
            "</svg><figcaption>{}</figcaption><details><summary>{}</summary>",
            escape(self.title),
            lang.pick("Xem số liệu dạng bảng", "Show the numbers as a table"),
        );
        let rows: Vec<Vec<String>> = self
            .points
            .iter()
            .map(|p| vec![p.year.to_string(), p.value.map_or("—".to_owned(), format)])
            .collect();
        let mut numbers = Html::new();
        table(
            &mut numbers,
            None,
            None,
            &[lang.pick("Năm", "Year"), lang.pick("Giá trị", "Value")],
            &rows,
            &[1],
        );
        html.push_str(numbers.as_str());
        html.push_str("</details></figure>");
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let html = TrendChart {
            id: "t1",
            title: "T1 <thử>",
            points: &points,
            target: Some(1.0),
            deadline_year: 2018,
            format: &format,
            whole: false,
            lang: Lang::En,
        }
        .to_html();
        assert!(html.contains("<title id=\"t1-title\">T1 &lt;thử&gt;</title>"));
        assert!(html.contains("Value by year: 2017 50%; 2019 75%."));
        assert!(html.contains("Target 100%"));
        // The gap year breaks the line: two separate moves, no line across 2018.
        assert_eq!(
            html.matches("M").count() - html.matches("Mục").count(),
            2,
            "{html}"
        );
        assert_eq!(html.matches("<circle").count(), 2);
        assert!(html.contains("<th scope=\"row\">2018</th><td class=\"num\">—</td>"));
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
        // Every tick of a count chart is a whole number.
        let points: Vec<TrendPoint> = (2017..=2020)
            .zip([0.0, 3.0, 7.0, 9.0])
            .map(|(year, v)| TrendPoint {
                year,
                value: Some(v),
            })
            .collect();
        let format = |v: f64| format!("{v}");
        let html = TrendChart {
            id: "t8",
            title: "T8",
            points: &points,
            target: Some(10.0),
            deadline_year: 2020,
            format: &format,
            whole: true,
            lang: Lang::Vi,
        }
        .to_html();
        let ticks: Vec<&str> = html
            .split("text-anchor=\"end\">")
            .skip(1)
            .filter_map(|rest| rest.split('<').next())
            .filter(|t| !t.starts_with('T'))
            .collect();
        assert_eq!(ticks, ["0", "5", "10", "15"], "{html}");
    }
}
