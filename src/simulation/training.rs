//! Training pipeline (T5, T6): key managers of active cooperatives, how many
//! are trained and how many of the trained hold cao đẳng or above, projected
//! year by year from the latest year with data to the targets' year.
//!
//! Each year: a share `turnover` of managers leaves, evenly across trained
//! and untrained, and is replaced by untrained newcomers; then up to
//! `seats` untrained managers are trained, a share `trainee_qualified` of
//! them at cao đẳng or above; then up to `upgrades` trained managers below
//! cao đẳng reach it. Counts are expected values, so they may be fractional.
//!
//! T6 follows the plan's reading ([`QualifiedReading`]): qualified ÷
//! trained (default), or qualified ÷ all managers. Under the second reading
//! untrained managers who already hold cao đẳng or above count too, as on
//! the dashboard: the model keeps them as their own stock, which turnover
//! thins like the others and training draws from evenly (a trainee drawn
//! from it is then counted among the trained by `trainee_qualified`).

use chrono::NaiveDate;

use super::goal_seek::{bisect, Answer, GoalSeek, Lever, Unreachable};
use super::{
    assumed, deadline_period, no_data, observed_share, spec, value, year_end, year_periods, Goal,
    Metric, ModelKind, Quantity, Setup, Trajectory,
};
use crate::domain::indicator::Engine;
use crate::domain::plan::{Comparator, Indicator, QualifiedReading};
use crate::domain::workspace::Workspace;
use crate::i18n::Text;

/// The inputs' positions in a run's values.
pub const MANAGERS: usize = 0;
pub const TRAINED: usize = 1;
pub const QUALIFIED: usize = 2;
pub const TURNOVER: usize = 3;
pub const SEATS: usize = 4;
pub const TRAINEE_QUALIFIED: usize = 5;
pub const UPGRADES: usize = 6;
pub const UNTRAINED_QUALIFIED: usize = 7;

/// The pipeline's parameters, by name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    pub managers: f64,
    pub trained: f64,
    /// Trained managers at cao đẳng or above.
    pub qualified: f64,
    /// Share of managers replaced each year.
    pub turnover: f64,
    pub seats: f64,
    /// Share of trainees at cao đẳng or above.
    pub trainee_qualified: f64,
    pub upgrades: f64,
    /// Untrained managers already at cao đẳng or above (T6's second reading).
    pub untrained_qualified: f64,
}

impl Params {
    pub fn from_values(values: &[f64]) -> Params {
        Params {
            managers: value(values, MANAGERS),
            trained: value(values, TRAINED),
            qualified: value(values, QUALIFIED),
            turnover: value(values, TURNOVER),
            seats: value(values, SEATS),
            trainee_qualified: value(values, TRAINEE_QUALIFIED),
            upgrades: value(values, UPGRADES),
            untrained_qualified: value(values, UNTRAINED_QUALIFIED),
        }
    }
}

/// The trained share (T5) and qualified share (T6) in one year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shares {
    pub trained: f64,
    pub qualified: f64,
}

/// The shares in each year t = 0..=years.
pub fn project(params: &Params, reading: QualifiedReading, years: usize) -> Vec<Shares> {
    let mut out = Vec::with_capacity(years + 1);
    simulate(params, reading, years, &mut |shares| out.push(shares));
    out
}

fn simulate(
    params: &Params,
    reading: QualifiedReading,
    years: usize,
    emit: &mut dyn FnMut(Shares),
) {
    let managers = params.managers.max(0.0);
    let turnover = params.turnover.clamp(0.0, 1.0);
    let trainee_qualified = params.trainee_qualified.clamp(0.0, 1.0);
    let seats = params.seats.max(0.0);
    let upgrades = params.upgrades.max(0.0);
    let mut trained = params.trained.clamp(0.0, managers);
    let mut qualified = params.qualified.clamp(0.0, trained);
    let mut untrained_qualified = params
        .untrained_qualified
        .clamp(0.0, (managers - trained).max(0.0));
    let shares = |trained: f64, qualified: f64, untrained_qualified: f64| {
        let of = |n: f64, d: f64| if d > 0.0 { n / d } else { 0.0 };
        Shares {
            trained: of(trained, managers),
            qualified: match reading {
                QualifiedReading::OfTrained => of(qualified, trained),
                QualifiedReading::OfAll => of(qualified + untrained_qualified, managers),
            },
        }
    };
    emit(shares(trained, qualified, untrained_qualified));
    for _ in 0..years {
        trained *= 1.0 - turnover;
        qualified *= 1.0 - turnover;
        untrained_qualified *= 1.0 - turnover;
        let untrained = (managers - trained).max(0.0);
        let newly_trained = seats.min(untrained).max(0.0);
        if untrained > 0.0 {
            untrained_qualified -= untrained_qualified * (newly_trained / untrained);
        }
        trained += newly_trained;
        qualified += trainee_qualified * newly_trained;
        qualified += upgrades.min(trained - qualified).max(0.0);
        emit(shares(trained, qualified, untrained_qualified));
    }
}

/// The structure: the years spanned and the plan's T6 reading.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub base_year: i32,
    pub target_year: i32,
    pub reading: QualifiedReading,
}

impl Frame {
    pub fn years(&self) -> usize {
        usize::try_from(self.target_year - self.base_year).unwrap_or(0)
    }

    pub(super) fn run_into(&self, values: &[f64], out: &mut Trajectory) {
        let params = Params::from_values(values);
        let mut t = 0;
        let years = self.years();
        let split = 1.min(out.values.len());
        let (first, rest) = out.values.split_at_mut(split);
        simulate(&params, self.reading, years, &mut |shares| {
            if let Some(slot) = first.first_mut().and_then(|s| s.get_mut(t)) {
                *slot = shares.trained;
            }
            if let Some(slot) = rest.first_mut().and_then(|s| s.get_mut(t)) {
                *slot = shares.qualified;
            }
            t += 1;
        });
    }

    pub(super) fn goal_seek(&self, setup: &Setup, values: &[f64]) -> Vec<GoalSeek> {
        let params = Params::from_values(values);
        setup
            .goals
            .iter()
            .enumerate()
            .map(|(index, goal)| {
                let answer = if goal.metric == 0 {
                    seats_for_trained_share(&params, self.years(), goal)
                } else {
                    seats_for_qualified_share(&params, self.reading, self.years(), goal)
                };
                GoalSeek {
                    goal: index,
                    lever: Lever::SeatsPerYear,
                    answer,
                }
            })
            .collect()
    }
}

fn final_shares(params: &Params, reading: QualifiedReading, years: usize) -> Shares {
    let mut last = Shares {
        trained: 0.0,
        qualified: 0.0,
    };
    simulate(params, reading, years, &mut |shares| last = shares);
    last
}

fn with_seats(params: &Params, seats: f64) -> Params {
    Params { seats, ..*params }
}

/// Seats per year for the trained share (T5).
///
/// While seats never exceed the untrained managers, T_n = T_0·a^n +
/// S·(1 + a + … + a^(n−1)) with a = 1 − turnover, so
/// S = (goal·M − T_0·a^n) ÷ (1 + a + … + a^(n−1)). When that answer would
/// train more than there are untrained managers in some year, the cap
/// binds and the answer comes from [`bisect`] instead.
pub fn seats_for_trained_share(params: &Params, years: usize, goal: &Goal) -> Answer {
    let reading = QualifiedReading::OfTrained;
    let managers = params.managers;
    if managers <= 0.0 {
        return Answer::NoData;
    }
    let meets = |seats: f64| {
        goal.is_met_by(final_shares(&with_seats(params, seats), reading, years).trained)
    };
    if meets(0.0) {
        return Answer::AlreadyMet;
    }
    if years == 0 {
        return Answer::DeadlinePassed;
    }
    if !meets(managers) {
        return Answer::NotReachable(Unreachable::EvenAtFullCapacity);
    }
    let kept = 1.0 - params.turnover.clamp(0.0, 1.0);
    let (mut power, mut sum) = (1.0, 0.0);
    for _ in 0..years {
        sum += power;
        power *= kept;
    }
    let trained = params.trained.clamp(0.0, managers);
    let closed = (goal.value * managers - trained * power) / sum;
    // The strict "trên 50 %" needs a hair more than the boundary.
    let closed = if goal.strict {
        closed + 1e-9 * managers.max(1.0)
    } else {
        closed
    };
    if closed.is_finite() && closed >= 0.0 && meets(closed) {
        return Answer::Needed(closed);
    }
    match bisect(0.0, managers, 1e-10 * managers.max(1.0), &meets) {
        Some(seats) => Answer::Needed(seats),
        None => Answer::NotReachable(Unreachable::EvenAtFullCapacity),
    }
}

/// Seats per year for the qualified share (T6). More seats need not raise
/// this share (trainees below cao đẳng dilute it), so the smallest number
/// that meets it is searched on a grid and refined by [`bisect`].
pub fn seats_for_qualified_share(
    params: &Params,
    reading: QualifiedReading,
    years: usize,
    goal: &Goal,
) -> Answer {
    let managers = params.managers;
    if managers <= 0.0 {
        return Answer::NoData;
    }
    let meets = |seats: f64| {
        goal.is_met_by(final_shares(&with_seats(params, seats), reading, years).qualified)
    };
    if meets(0.0) {
        return Answer::AlreadyMet;
    }
    if years == 0 {
        return Answer::DeadlinePassed;
    }
    const STEPS: u32 = 400;
    let step = managers / f64::from(STEPS);
    let mut previous = 0.0;
    for k in 1..=STEPS {
        let seats = step * f64::from(k);
        if meets(seats) {
            return match bisect(previous, seats, 1e-10 * managers.max(1.0), &meets) {
                Some(found) => Answer::Needed(found),
                None => Answer::Needed(seats),
            };
        }
        previous = seats;
    }
    Answer::NotReachable(Unreachable::EvenAtFullCapacity)
}

pub(super) fn setup(ws: &Workspace, as_of: NaiveDate) -> Setup {
    let plan = &ws.plan;
    let reading = plan.settings.qualified_reading;
    let t5 = plan.target_for(Indicator::ManagersTrainedShare);
    let t6 = plan.target_for(Indicator::ManagersQualifiedShare);
    let deadline = t5.or(t6).map_or(year_end(plan.end_year), |t| t.deadline);
    let engine = Engine::new(ws);
    let latest = observed_share(&engine, Indicator::ManagersTrainedShare, as_of);
    // Bounded years: a stored plan may never have been checked.
    let base_year =
        crate::domain::plan::Plan::bounded_year(latest.map_or(plan.baseline_year, |o| o.0));
    let previous = latest.and_then(|(year, _, _)| {
        // Saturating: a stored record's year may be any i32.
        observed_share(
            &engine,
            Indicator::ManagersTrainedShare,
            year_end(year.saturating_sub(1)),
        )
    });
    // The model follows the qualified among the trained under the first
    // reading, and adds the untrained who hold cao đẳng or above for the
    // second: read both counts whatever the plan's reading.
    let under = |wanted: QualifiedReading| {
        if wanted == reading {
            observed_share(&engine, Indicator::ManagersQualifiedShare, as_of)
        } else {
            let mut copy = ws.clone();
            copy.plan.settings.qualified_reading = wanted;
            observed_share(
                &Engine::new(&copy),
                Indicator::ManagersQualifiedShare,
                as_of,
            )
        }
        .filter(|o| Some(o.0) == latest.map(|l| l.0))
    };
    let qualified_trained = under(QualifiedReading::OfTrained);
    let untrained_qualified = match (under(QualifiedReading::OfAll), qualified_trained) {
        (Some(all), Some(trained)) => Some((all.0, (all.1 - trained.1).max(0.0))),
        (Some(all), None) => Some((all.0, all.1)),
        _ => None,
    };

    let from_year = |year: i32| {
        Text::new(
            format!("Dữ liệu năm {year} (chỉ tiêu T5, T6)"),
            format!("Data for {year} (targets T5, T6)"),
        )
    };
    let source = latest.map_or_else(no_data, |o| from_year(o.0));
    let (seats, seats_source) = match (previous, latest) {
        (Some(before), Some(after)) if after.0 > before.0 => (
            Some(((after.1 - before.1) / f64::from(after.0 - before.0)).max(0.0)),
            Text::new(
                format!("Số được đào tạo tăng thêm mỗi năm {}–{}", before.0, after.0),
                format!(
                    "Yearly increase in trained managers {}–{}",
                    before.0, after.0
                ),
            ),
        ),
        _ => (Some(0.0), assumed("0 suất mỗi năm", "0 seats a year")),
    };
    let (trainee_qualified, trainee_source) = match (qualified_trained, latest) {
        (Some(q), Some(l)) if l.1 > 0.0 => (
            Some(q.1 / l.1),
            Text::new(
                format!(
                    "Tỷ lệ có trình độ cao đẳng trở lên trong số đã đào tạo, năm {}",
                    l.0
                ),
                format!("Share at cao đẳng or above among the trained, {}", l.0),
            ),
        ),
        _ => (None, no_data()),
    };
    let inputs = vec![
        spec(
            "managers",
            Text::new("Số cán bộ quản lý chủ chốt", "Key managers"),
            Quantity::Count,
            latest.map(|o| o.2),
            source.clone(),
        ),
        spec(
            "trained",
            Text::new("Số đã được đào tạo", "Already trained"),
            Quantity::Count,
            latest.map(|o| o.1),
            source.clone(),
        ),
        spec(
            "qualified",
            Text::new(
                "Số đã đào tạo có trình độ cao đẳng trở lên",
                "Trained, at cao đẳng or above",
            ),
            Quantity::Count,
            qualified_trained.map(|o| o.1),
            qualified_trained.map_or_else(no_data, |o| from_year(o.0)),
        ),
        spec(
            "turnover",
            Text::new(
                "Tỷ lệ thay thế cán bộ mỗi năm (người mới chưa đào tạo)",
                "Turnover per year (newcomers untrained)",
            ),
            Quantity::Fraction,
            Some(0.0),
            assumed("không thay thế", "no turnover"),
        ),
        spec(
            "seats",
            Text::new("Số suất đào tạo mỗi năm", "Training seats per year"),
            Quantity::PerYear,
            seats,
            seats_source,
        ),
        spec(
            "trainee_qualified",
            Text::new(
                "Tỷ lệ học viên có trình độ cao đẳng trở lên",
                "Share of trainees at cao đẳng or above",
            ),
            Quantity::Fraction,
            trainee_qualified,
            trainee_source,
        ),
        spec(
            "upgrades",
            Text::new(
                "Số người được nâng trình độ lên cao đẳng mỗi năm",
                "Upgrade courses to cao đẳng per year",
            ),
            Quantity::PerYear,
            Some(0.0),
            assumed("không có khóa nâng trình độ", "no upgrade courses"),
        ),
        spec(
            "untrained_qualified",
            Text::new(
                "Số chưa đào tạo nhưng đã có trình độ cao đẳng trở lên",
                "Untrained, already at cao đẳng or above",
            ),
            Quantity::Count,
            untrained_qualified.map(|o| o.1),
            untrained_qualified.map_or_else(no_data, |o| from_year(o.0)),
        ),
    ];
    let target_year =
        crate::domain::plan::Plan::bounded_year(chrono::Datelike::year(&deadline)).max(base_year);
    let periods = year_periods(base_year, target_year);
    let deadline_index = deadline_period(&periods, deadline);
    let judged = deadline_index.unwrap_or(periods.len().saturating_sub(1));
    let metric = |vi: &str, en: &str| Metric {
        title: Text::new(vi, en),
        quantity: Quantity::Fraction,
        judged_period: judged,
        deadline_period: deadline_index,
    };
    let metrics = vec![
        metric("Tỷ lệ cán bộ quản lý được đào tạo", "Key managers trained"),
        match reading {
            QualifiedReading::OfTrained => metric(
                "Tỷ lệ có trình độ cao đẳng trở lên trong số đã đào tạo",
                "Qualified (cao đẳng or above) among the trained",
            ),
            QualifiedReading::OfAll => metric(
                "Tỷ lệ có trình độ cao đẳng trở lên trong tổng số",
                "Qualified (cao đẳng or above) among all",
            ),
        },
    ];
    let goals = [(t5, 0usize), (t6, 1usize)]
        .into_iter()
        .filter_map(|(target, metric)| {
            let target = target?;
            let strict = target.comparator == Comparator::MoreThan;
            let percent = format!("{:.0}", target.value * 100.0);
            Some(Goal {
                target_id: target.id.clone(),
                metric,
                value: target.value,
                strict,
                label: Text::new(
                    format!(
                        "{}: {} {percent} %",
                        target.id,
                        if strict { "trên" } else { "từ" }
                    ),
                    format!(
                        "{}: {} {percent} %",
                        target.id,
                        if strict { "over" } else { "at least" }
                    ),
                ),
                deadline: target.deadline,
            })
        })
        .collect();
    Setup {
        kind: ModelKind::Training,
        inputs,
        periods,
        metrics,
        goals,
        frame: super::Frame::Training(Frame {
            base_year,
            target_year,
            reading,
        }),
    }
}
