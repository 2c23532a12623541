//! Reorganisation and dissolution backlog (T1, T2): cooperatives still to
//! reorganise under the 2012 law and inactive cooperatives still to
//! dissolve, processed at a steady number per month from the as-of date.
//!
//! Time runs month by month and is continuous in between: with R units
//! left at p per month the work ends R ÷ p months after the start. A month
//! here is an average month (365.25 ÷ 12 days), so the dates are those of
//! a steady pace, not of a calendar of working days.

use chrono::{Datelike, Months, NaiveDate};

use super::goal_seek::{Answer, GoalSeek, Lever};
use super::{
    assumed, no_data, spec, value, Goal, Metric, ModelKind, Period, Quantity, Setup, Trajectory,
};
use crate::domain::indicator::{Engine, Observation};
use crate::domain::plan::{Comparator, Indicator};
use crate::domain::workspace::Workspace;
use crate::i18n::format::format_date;
use crate::i18n::{Lang, Text};

/// Days in an average month.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// One queue: done so far, still to do, and the pace.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Queue {
    pub done: f64,
    pub remaining: f64,
    pub per_month: f64,
}

impl Queue {
    fn from_values(values: &[f64], first: usize) -> Queue {
        Queue {
            done: value(values, first).max(0.0),
            remaining: value(values, first + 1).max(0.0),
            per_month: value(values, first + 2).max(0.0),
        }
    }

    /// The share done `months` after the start.
    pub fn share_after(&self, months: f64) -> f64 {
        let total = self.done + self.remaining;
        if total <= 0.0 {
            return 1.0;
        }
        let processed = (self.per_month * months.max(0.0)).min(self.remaining);
        (self.done + processed) / total
    }

    /// Months until the last unit is processed: `Some(0)` when nothing is
    /// left, `None` when nothing is being processed.
    pub fn months_to_finish(&self) -> Option<f64> {
        if self.remaining <= 0.0 {
            Some(0.0)
        } else if self.per_month > 0.0 {
            Some(self.remaining / self.per_month)
        } else {
            None
        }
    }
}

/// Months (fractional) from `start` to `end`; negative when `end` is past.
pub fn months_between(start: NaiveDate, end: NaiveDate) -> f64 {
    (end - start).num_days() as f64 / DAYS_PER_MONTH
}

/// The date `months` (fractional) after `start`.
pub fn date_after(start: NaiveDate, months: f64) -> Option<NaiveDate> {
    let days = (months * DAYS_PER_MONTH).ceil();
    if !(0.0..=1.0e6).contains(&days) {
        return None;
    }
    start.checked_add_days(chrono::Days::new(days as u64))
}

/// Units per month that finish a queue by the deadline.
pub fn rate_needed(queue: &Queue, start: NaiveDate, deadline: NaiveDate) -> Answer {
    if queue.remaining <= 0.0 {
        return Answer::AlreadyMet;
    }
    let months = months_between(start, deadline);
    if months <= 0.0 {
        return Answer::DeadlinePassed;
    }
    Answer::Needed(queue.remaining / months)
}

/// The structure: the start, the two deadlines, the horizon in months.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub start: NaiveDate,
    /// The deadline of each queue (T1, T2).
    pub deadlines: [NaiveDate; 2],
}

impl Frame {
    pub(super) fn run_into(&self, values: &[f64], out: &mut Trajectory) {
        for (index, series) in out.values.iter_mut().enumerate().take(2) {
            let queue = Queue::from_values(values, index * 3);
            for (month, slot) in series.iter_mut().enumerate() {
                *slot = queue.share_after(month as f64);
            }
        }
    }

    /// The share on the deadline day itself, not at a whole month.
    pub(super) fn judge(&self, values: &[f64], judged: &mut [f64]) {
        for (index, slot) in judged.iter_mut().enumerate().take(2) {
            let queue = Queue::from_values(values, index * 3);
            let months = months_between(self.start, self.deadlines[index]);
            *slot = if queue.done + queue.remaining <= 0.0 {
                // No cooperative falls under the queue at all: the
                // dashboard's indicator has a zero denominator and says "no
                // data", and so does the simulation — not "met".
                f64::NAN
            } else if months < 0.0 {
                // Past the deadline nothing more counts: what is done now.
                queue.share_after(0.0)
            } else {
                queue.share_after(months)
            };
        }
    }

    pub(super) fn goal_seek(&self, setup: &Setup, values: &[f64]) -> Vec<GoalSeek> {
        setup
            .goals
            .iter()
            .enumerate()
            .map(|(index, goal)| {
                let queue = Queue::from_values(values, goal.metric * 3);
                GoalSeek {
                    goal: index,
                    lever: Lever::UnitsPerMonth,
                    answer: rate_needed(&queue, self.start, goal.deadline),
                }
            })
            .collect()
    }

    /// When each queue finishes at the given values.
    pub fn completion(&self, values: &[f64], queue: usize) -> Option<NaiveDate> {
        let queue = Queue::from_values(values, queue * 3);
        queue
            .months_to_finish()
            .and_then(|months| date_after(self.start, months))
    }
}

fn observed(engine: &Engine, indicator: Indicator, as_of: NaiveDate) -> Option<(f64, f64)> {
    match engine.measure(indicator, as_of).observation {
        Some(Observation::Share {
            numerator,
            denominator,
        }) => Some((numerator, denominator)),
        _ => None,
    }
}

pub(super) fn setup(ws: &Workspace, as_of: NaiveDate) -> Setup {
    let plan = &ws.plan;
    let engine = Engine::new(ws);
    let t1 = plan.target_for(Indicator::ReorganisedShare);
    let t2 = plan.target_for(Indicator::InactiveDissolvedShare);
    let fallback = super::year_end(plan.start_year);
    let deadlines = [
        t1.map_or(fallback, |t| t.deadline),
        t2.map_or(fallback, |t| t.deadline),
    ];
    let year_ago = as_of.checked_sub_months(Months::new(12)).unwrap_or(as_of);
    let now_source = Text::new(
        format!("Dữ liệu đến ngày {}", format_date(as_of, Lang::Vi)),
        format!("Data as of {}", format_date(as_of, Lang::En)),
    );
    let mut inputs = Vec::new();
    let queues: [(Indicator, &str, &str, &str); 2] = [
        (
            Indicator::ReorganisedShare,
            "reorganisation",
            "HTX phải chuyển đổi, tổ chức lại",
            "cooperatives to reorganise",
        ),
        (
            Indicator::InactiveDissolvedShare,
            "dissolution",
            "HTX ngừng hoạt động phải giải thể",
            "inactive cooperatives to dissolve",
        ),
    ];
    for (indicator, key, vi, en) in queues {
        let now = observed(&engine, indicator, as_of);
        let before = observed(&engine, indicator, year_ago);
        let (rate, rate_source) = match (now, before) {
            (Some(now), Some(before)) => (
                Some(((now.0 - before.0) / 12.0).max(0.0)),
                Text::new(
                    "Bình quân 12 tháng qua theo dữ liệu",
                    "Average of the last 12 months in the data",
                ),
            ),
            _ => (Some(0.0), assumed("0 mỗi tháng", "0 a month")),
        };
        // No unit in the queue at all is a real zero for the simulation
        // (nothing to do), though the indicator calls it "no data".
        let (now, source) = match now {
            Some(now) => (Some(now), now_source.clone()),
            None if !ws.units.is_empty() => (
                Some((0.0, 0.0)),
                Text::new(
                    "Dữ liệu không có HTX nào thuộc diện này",
                    "No cooperative in the data falls under this",
                ),
            ),
            None => (None, no_data()),
        };
        inputs.push(spec(
            &format!("{key}_done"),
            Text::new(
                format!("Số {vi} đã xong"),
                format!("{} done", capitalise(en)),
            ),
            Quantity::Count,
            now.map(|n| n.0),
            source.clone(),
        ));
        inputs.push(spec(
            &format!("{key}_remaining"),
            Text::new(
                format!("Số {vi} còn lại"),
                format!("{} still to do", capitalise(en)),
            ),
            Quantity::Count,
            now.map(|n| (n.1 - n.0).max(0.0)),
            source,
        ));
        inputs.push(spec(
            &format!("{key}_per_month"),
            Text::new(
                format!("Số {vi} xử lý mỗi tháng"),
                format!("{} processed per month", capitalise(en)),
            ),
            Quantity::PerMonth,
            rate,
            rate_source,
        ));
    }
    let months_left = deadlines
        .iter()
        .map(|d| months_between(as_of, *d))
        .fold(0.0f64, f64::max);
    let horizon = (months_left.ceil() as u32).clamp(12, 48);
    let periods: Vec<Period> = (0..=horizon)
        .map(|k| {
            let date = as_of.checked_add_months(Months::new(k)).unwrap_or(as_of);
            Period {
                label: format!("{:02}/{}", date.month(), date.year()),
                date,
            }
        })
        .collect();
    let metric = |index: usize, vi: &str, en: &str| {
        let months = months_between(as_of, deadlines[index]);
        let deadline_period =
            (months >= 0.0 && months <= f64::from(horizon)).then(|| months.floor() as usize);
        Metric {
            title: Text::new(vi, en),
            quantity: Quantity::Fraction,
            judged_period: deadline_period.unwrap_or(0),
            deadline_period,
        }
    };
    let metrics = vec![
        metric(
            0,
            "Tỷ lệ HTX đã chuyển đổi, tổ chức lại",
            "Cooperatives reorganised",
        ),
        metric(
            1,
            "Tỷ lệ HTX ngừng hoạt động đã giải thể",
            "Inactive cooperatives dissolved",
        ),
    ];
    let goals = [(t1, 0usize), (t2, 1usize)]
        .into_iter()
        .filter_map(|(target, metric)| {
            let target = target?;
            Some(Goal {
                target_id: target.id.clone(),
                metric,
                value: target.value,
                strict: target.comparator == Comparator::MoreThan,
                label: Text::new(
                    format!(
                        "{}: xong trước {}",
                        target.id,
                        format_date(target.deadline, Lang::Vi)
                    ),
                    format!(
                        "{}: done by {}",
                        target.id,
                        format_date(target.deadline, Lang::En)
                    ),
                ),
                deadline: target.deadline,
            })
        })
        .collect();
    Setup {
        kind: ModelKind::Backlog,
        inputs,
        periods,
        metrics,
        goals,
        frame: super::Frame::Backlog(Frame {
            start: as_of,
            deadlines,
        }),
    }
}

/// Our own English phrases, which start with an ASCII letter: no Unicode
/// case tables in the download for them.
fn capitalise(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    text
}
