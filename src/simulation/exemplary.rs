//! Exemplary pipeline (T8): cooperatives recognised as exemplary advanced
//! (HTX điển hình tiên tiến) within the plan's period, from those
//! recognised so far, at a steady number per year, out of a pool of
//! candidates, from the as-of date to the deadline.
//!
//! Time is continuous: `r` recognitions a year give r·(days ÷ 365.25) by a
//! date; each year's end is a point on the axis.

use chrono::{Datelike, NaiveDate};

use super::goal_seek::{Answer, GoalSeek, Lever, Unreachable};
use super::{
    assumed, spec, value, year_end, Goal, Metric, ModelKind, Period, Quantity, Setup, Trajectory,
};
use crate::domain::indicator::{Engine, Observation};
use crate::domain::plan::{Comparator, Indicator};
use crate::domain::workspace::Workspace;
use crate::i18n::format::format_date;
use crate::i18n::{Lang, Text};

pub const RECOGNISED: usize = 0;
pub const CANDIDATES: usize = 1;
pub const PER_YEAR: usize = 2;

/// Years (fractional) from `start` to `end`, never negative.
pub fn years_between(start: NaiveDate, end: NaiveDate) -> f64 {
    ((end - start).num_days() as f64 / 365.25).max(0.0)
}

/// Recognised cooperatives `years` after the start.
pub fn count_after(recognised: f64, candidates: f64, per_year: f64, years: f64) -> f64 {
    recognised.max(0.0) + (per_year.max(0.0) * years.max(0.0)).min(candidates.max(0.0))
}

/// Recognitions per year that reach `goal` by the deadline.
pub fn recognitions_needed(
    recognised: f64,
    candidates: f64,
    start: NaiveDate,
    deadline: NaiveDate,
    goal: f64,
) -> Answer {
    if recognised >= goal {
        return Answer::AlreadyMet;
    }
    if recognised + candidates < goal {
        return Answer::NotReachable(Unreachable::TooFewCandidates);
    }
    let years = years_between(start, deadline);
    if years <= 0.0 {
        return Answer::DeadlinePassed;
    }
    Answer::Needed((goal - recognised) / years)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub start: NaiveDate,
    pub deadline: NaiveDate,
}

impl Frame {
    /// Years from the start to a period's date, stopping at the deadline:
    /// recognitions after it do not count for the plan.
    fn elapsed(&self, date: NaiveDate) -> f64 {
        years_between(self.start, date.min(self.deadline))
    }

    pub(super) fn run_into(&self, values: &[f64], out: &mut Trajectory, periods: &[Period]) {
        let (recognised, candidates, per_year) = (
            value(values, RECOGNISED),
            value(values, CANDIDATES),
            value(values, PER_YEAR),
        );
        if let Some(series) = out.values.first_mut() {
            for (slot, period) in series.iter_mut().zip(periods) {
                *slot = count_after(recognised, candidates, per_year, self.elapsed(period.date));
            }
        }
    }

    pub(super) fn judge(&self, values: &[f64], judged: &mut [f64]) {
        if let Some(slot) = judged.first_mut() {
            *slot = count_after(
                value(values, RECOGNISED),
                value(values, CANDIDATES),
                value(values, PER_YEAR),
                years_between(self.start, self.deadline),
            );
        }
    }

    pub(super) fn goal_seek(&self, setup: &Setup, values: &[f64]) -> Vec<GoalSeek> {
        setup
            .goals
            .iter()
            .enumerate()
            .map(|(index, goal)| GoalSeek {
                goal: index,
                lever: Lever::RecognitionsPerYear,
                answer: recognitions_needed(
                    value(values, RECOGNISED),
                    value(values, CANDIDATES),
                    self.start,
                    self.deadline,
                    goal.value,
                ),
            })
            .collect()
    }
}

pub(super) fn setup(ws: &Workspace, as_of: NaiveDate) -> Setup {
    let plan = &ws.plan;
    let target = plan.target_for(Indicator::ExemplaryCount);
    let deadline = target.map_or(year_end(plan.end_year), |t| t.deadline);
    let engine = Engine::new(ws);
    let measured = engine.measure(Indicator::ExemplaryCount, as_of);
    let recognised = match measured.observation {
        Some(Observation::Count { count, .. }) => Some(f64::from(count)),
        _ => None,
    };
    let period_start = NaiveDate::from_ymd_opt(plan.start_year, 1, 1).unwrap_or(as_of);
    let candidates = ws
        .units
        .iter()
        .filter(|u| {
            u.kind.is_cooperative()
                && u.is_active_on(as_of)
                && !u
                    .recognitions
                    .iter()
                    .any(|r| (plan.start_year..=plan.end_year).contains(&r.year))
        })
        .count();
    let data_source = Text::new(
        format!("Dữ liệu đến ngày {}", format_date(as_of, Lang::Vi)),
        format!("Data as of {}", format_date(as_of, Lang::En)),
    );
    let elapsed = years_between(period_start, as_of.min(deadline));
    let (per_year, per_year_source) = match recognised {
        Some(count) if elapsed >= 0.25 => (
            Some(count / elapsed),
            Text::new(
                format!(
                    "Bình quân mỗi năm từ đầu năm {} theo dữ liệu",
                    plan.start_year
                ),
                format!(
                    "Yearly average since the start of {} in the data",
                    plan.start_year
                ),
            ),
        ),
        _ => (Some(0.0), assumed("0 mỗi năm", "0 a year")),
    };
    let inputs = vec![
        spec(
            "recognised",
            Text::new(
                "Số HTX đã được công nhận điển hình tiên tiến",
                "Cooperatives recognised exemplary so far",
            ),
            Quantity::Count,
            recognised,
            if recognised.is_some() {
                data_source.clone()
            } else {
                super::no_data()
            },
        ),
        spec(
            "candidates",
            Text::new(
                "Số HTX có thể được công nhận (ứng viên)",
                "Candidate cooperatives",
            ),
            Quantity::Count,
            Some(candidates as f64),
            Text::new(
                format!(
                    "HTX đang hoạt động chưa được công nhận, ngày {}",
                    format_date(as_of, Lang::Vi)
                ),
                format!(
                    "Active cooperatives not yet recognised, {}",
                    format_date(as_of, Lang::En)
                ),
            ),
        ),
        spec(
            "recognitions_per_year",
            Text::new("Số HTX được công nhận mỗi năm", "Recognitions per year"),
            Quantity::PerYear,
            per_year,
            per_year_source,
        ),
    ];
    // Bounded: a stored plan's deadline may never have been checked.
    let last_year = crate::domain::plan::Plan::bounded_year(deadline.year()).max(as_of.year());
    let periods: Vec<Period> = std::iter::once(Period {
        // By hand: chrono's strftime would add its format interpreter to
        // the download.
        label: format!("{:02}/{:02}/{}", as_of.day(), as_of.month(), as_of.year()),
        date: as_of,
    })
    .chain(
        (as_of.year()..=last_year)
            .map(|y| Period {
                label: y.to_string(),
                date: year_end(y),
            })
            .filter(|p| p.date > as_of),
    )
    .collect();
    let deadline_period = if as_of <= deadline {
        periods.iter().position(|p| p.date >= deadline)
    } else {
        None
    };
    let metrics = vec![Metric {
        title: Text::new("Số HTX điển hình tiên tiến", "Exemplary cooperatives"),
        quantity: Quantity::Count,
        judged_period: deadline_period.unwrap_or(0),
        deadline_period,
    }];
    let goals = target
        .map(|t| Goal {
            target_id: t.id.clone(),
            metric: 0,
            value: t.value,
            strict: t.comparator == Comparator::MoreThan,
            label: Text::new(
                format!("{}: {} HTX", t.id, t.value),
                format!("{}: {} cooperatives", t.id, t.value),
            ),
            deadline: t.deadline,
        })
        .into_iter()
        .collect();
    Setup {
        kind: ModelKind::Exemplary,
        inputs,
        periods,
        metrics,
        goals,
        frame: super::Frame::Exemplary(Frame {
            start: as_of,
            deadline,
        }),
    }
}
