//! Charts drawn as SVG text by the app (crisp on a projector, clean in
//! print), each with a title, a text description and its numbers as a
//! table for anyone who cannot see it.

use crate::html::{table, Html};
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
    pub lang: Lang,
}

fn number(value: f64) -> String {
    format!("{value:.1}")
}

/// The SVG path of the values, broken where a year has no data.
fn path(points: &[(f64, Option<f64>)]) -> String {
    let mut path = String::new();
    let mut pen_down = false;
    for (x, y) in points {
        match y {
            Some(y) => {
                path.push_str(&format!(
                    "{}{x:.1},{y:.1} ",
                    if pen_down { "L" } else { "M" }
                ));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    path
}

/// A line across the plot at height `y`.
fn across(html: &mut Html, class: &'static str, y: f64) {
    let (left, right, y) = (number(LEFT), number(WIDTH - RIGHT), number(y));
    let attributes = [
        ("class", Some(class)),
        ("x1", Some(left.as_str())),
        ("y1", Some(y.as_str())),
        ("x2", Some(right.as_str())),
        ("y2", Some(y.as_str())),
    ];
    html.void("line", &attributes).close("line");
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
        let title_id = format!("{}-title", self.id);
        let desc_id = format!("{}-desc", self.id);
        let labelled_by = format!("{title_id} {desc_id}");
        let view_box = format!("0 0 {WIDTH} {HEIGHT}");

        let mut html = Html::new();
        html.open("figure", &[("class", Some("chart"))]);
        html.open(
            "svg",
            &[
                ("viewBox", Some(&view_box)),
                ("role", Some("img")),
                ("aria-labelledby", Some(&labelled_by)),
            ],
        );
        html.element("title", &[("id", Some(&title_id))], self.title);
        html.element("desc", &[("id", Some(&desc_id))], &description);
        for i in 0..=4 {
            let tick = low + (high - low) * f64::from(i) / 4.0;
            across(&mut html, "chart-grid", y(tick));
            html.element(
                "text",
                &[
                    ("class", Some("chart-label")),
                    ("x", Some(&number(LEFT - 6.0))),
                    ("y", Some(&number(y(tick) + 4.0))),
                    ("text-anchor", Some("end")),
                ],
                &format(tick),
            );
        }
        for p in self.points {
            html.element(
                "text",
                &[
                    ("class", Some("chart-label")),
                    ("x", Some(&number(x(p.year)))),
                    ("y", Some(&number(HEIGHT - 10.0))),
                    ("text-anchor", Some("middle")),
                ],
                &p.year.to_string(),
            );
        }
        let deadline_x = number(x(self.deadline_year.clamp(first, last)));
        html.void(
            "line",
            &[
                ("class", Some("chart-deadline")),
                ("x1", Some(&deadline_x)),
                ("y1", Some(&number(TOP))),
                ("x2", Some(&deadline_x)),
                ("y2", Some(&number(HEIGHT - BOTTOM))),
            ],
        )
        .close("line");
        // The label sits on the side of the line with room for it.
        let deadline_at = x(self.deadline_year.clamp(first, last));
        let (label_x, anchor) = if deadline_at > WIDTH / 2.0 {
            (deadline_at - 4.0, "end")
        } else {
            (deadline_at + 4.0, "start")
        };
        html.element(
            "text",
            &[
                ("class", Some("chart-label")),
                ("x", Some(&number(label_x))),
                ("y", Some(&number(TOP + 10.0))),
                ("text-anchor", Some(anchor)),
            ],
            lang.pick("Thời hạn", "Deadline"),
        );
        if let Some(target) = self.target {
            across(&mut html, "chart-target", y(target));
            html.element(
                "text",
                &[
                    ("class", Some("chart-label")),
                    ("x", Some(&number(WIDTH - RIGHT))),
                    ("y", Some(&number(y(target) - 4.0))),
                    ("text-anchor", Some("end")),
                ],
                &format!("{} {}", lang.pick("Mục tiêu", "Target"), format(target)),
            );
        }
        let plotted: Vec<(f64, Option<f64>)> = self
            .points
            .iter()
            .map(|p| (x(p.year), p.value.map(y)))
            .collect();
        html.void(
            "path",
            &[("class", Some("chart-line")), ("d", Some(&path(&plotted)))],
        )
        .close("path");
        for ((px, py), p) in plotted.iter().zip(self.points) {
            if let (Some(py), Some(value)) = (py, p.value) {
                html.open(
                    "circle",
                    &[
                        ("class", Some("chart-dot")),
                        ("cx", Some(&number(*px))),
                        ("cy", Some(&number(*py))),
                        ("r", Some("4")),
                    ],
                );
                html.element("title", &[], &format!("{}: {}", p.year, format(value)))
                    .close("circle");
            }
        }
        html.close("svg");
        html.element("figcaption", &[], self.title);
        html.open("details", &[]).element(
            "summary",
            &[],
            lang.pick("Xem số liệu dạng bảng", "Show the numbers as a table"),
        );
        let rows: Vec<Vec<String>> = self
            .points
            .iter()
            .map(|p| vec![p.year.to_string(), p.value.map_or("—".to_owned(), format)])
            .collect();
        table(
            &mut html,
            None,
            None,
            &[lang.pick("Năm", "Year"), lang.pick("Giá trị", "Value")],
            &rows,
            &[1],
        );
        html.close("details").close("figure");
        html.into_string()
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
}
