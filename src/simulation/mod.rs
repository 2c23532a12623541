//! Simulation (mô phỏng): what-if projections of the plan's targets, goal
//! seek, Monte Carlo and scenarios — DESIGN.md §5.
//!
//! Four models project year by year (the backlog month by month) from the
//! latest data to the plan's deadlines:
//! - [`grdp_share`]: collective value added against GRDP (T3);
//! - [`training`]: the key managers' training pipeline (T5, T6);
//! - [`backlog`]: reorganisation and dissolution still to do (T1, T2);
//! - [`exemplary`]: exemplary cooperatives recognised (T8).
//!
//! Each model is built from a workspace into a [`Setup`]: its structure
//! (years, deadlines, plan settings) and the list of its inputs, each with
//! the value the data gives and where that value came from. A run takes one
//! number per input, in the order of [`Setup::inputs`]; ranges of them
//! ([`distribution::Estimate`]) feed [`monte_carlo`] and [`sensitivity`].
//! Nothing here touches the browser; the page only calls these functions.

pub mod backlog;
pub mod distribution;
pub mod exemplary;
pub mod goal_seek;
pub mod grdp_share;
pub mod monte_carlo;
pub mod scenario;
pub mod sensitivity;
pub mod timing;
pub mod training;
pub mod workbench;

use chrono::{Datelike, NaiveDate};

use crate::domain::workspace::Workspace;
use crate::i18n::Text;
use distribution::Estimate;
use goal_seek::GoalSeek;

/// Which model a scenario runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ModelKind {
    #[default]
    GrdpShare,
    Training,
    Backlog,
    Exemplary,
}

impl ModelKind {
    pub const ALL: [ModelKind; 4] = [
        ModelKind::GrdpShare,
        ModelKind::Training,
        ModelKind::Backlog,
        ModelKind::Exemplary,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ModelKind::GrdpShare => "grdp_share",
            ModelKind::Training => "training",
            ModelKind::Backlog => "backlog",
            ModelKind::Exemplary => "exemplary",
        }
    }

    pub fn from_key(key: &str) -> Option<ModelKind> {
        ModelKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn title(self) -> Text {
        match self {
            ModelKind::GrdpShare => Text::new(
                "Tỷ trọng KTTT trong GRDP (T3)",
                "Collective economy share of GRDP (T3)",
            ),
            ModelKind::Training => Text::new(
                "Đào tạo cán bộ quản lý (T5, T6)",
                "Training key managers (T5, T6)",
            ),
            ModelKind::Backlog => Text::new(
                "Chuyển đổi và giải thể còn tồn (T1, T2)",
                "Reorganisation and dissolution backlog (T1, T2)",
            ),
            ModelKind::Exemplary => Text::new(
                "HTX điển hình tiên tiến (T8)",
                "Exemplary cooperatives (T8)",
            ),
        }
    }
}

/// What a number means: how it is shown and which values make sense.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// Millions of VND.
    Money,
    /// A rate per year, as a fraction (0.12 = 12 %/year); may be negative.
    Rate,
    /// A share in [0, 1].
    Fraction,
    /// A number of people or units.
    Count,
    /// Units per month.
    PerMonth,
    /// People or units per year.
    PerYear,
}

impl Quantity {
    /// Shown to users as percentages.
    pub fn is_percent(self) -> bool {
        matches!(self, Quantity::Rate | Quantity::Fraction)
    }

    /// The range of values that make sense, applied to every draw.
    fn bounds(self) -> (f64, f64) {
        match self {
            // A rate of −100 % or less would make a quantity vanish or turn
            // negative.
            Quantity::Rate => (-0.99, 100.0),
            Quantity::Fraction => (0.0, 1.0),
            Quantity::Money | Quantity::Count | Quantity::PerMonth | Quantity::PerYear => {
                (0.0, f64::MAX)
            }
        }
    }
}

/// One input of a model.
#[derive(Clone, Debug, PartialEq)]
pub struct InputSpec {
    /// Stable key, used to store overrides in a scenario.
    pub key: String,
    pub label: Text,
    pub quantity: Quantity,
    /// The value the workspace's data gives (or a stated assumption);
    /// `None` when the data says nothing and the user must enter it.
    pub default: Option<f64>,
    /// Where the default came from, in words.
    pub source: Text,
}

/// A point on a projection's time axis: a year's end, or a month.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub label: String,
    pub date: NaiveDate,
}

/// A projected series (one per indicator the model follows).
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub title: Text,
    pub quantity: Quantity,
    /// The period whose value is judged against the goals: the deadline's,
    /// or the last when the deadline is past or beyond the horizon.
    pub judged_period: usize,
    /// The period containing the deadline, when it is on the axis.
    pub deadline_period: Option<usize>,
}

/// A target a metric is judged against.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub target_id: String,
    pub metric: usize,
    pub value: f64,
    /// "Trên 50 %": the value itself does not pass.
    pub strict: bool,
    pub label: Text,
    pub deadline: NaiveDate,
}

impl Goal {
    /// The same rule as the dashboard's ([`crate::domain::tolerance`]): a value a
    /// hair below the target because of floating point still meets it, and
    /// a strict goal needs more than the target itself.
    pub fn is_met_by(&self, value: f64) -> bool {
        if self.strict {
            crate::domain::tolerance::more_than(value, self.value)
        } else {
            crate::domain::tolerance::at_least(value, self.value)
        }
    }
}

/// What one run projected: `values[metric][period]`; each metric's value
/// on its deadline (`judged`), which goals are judged on; and for each goal
/// whether it is met.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trajectory {
    pub values: Vec<Vec<f64>>,
    pub judged: Vec<f64>,
    pub met: Vec<bool>,
}

/// The structure of one model as the workspace defines it.
#[derive(Clone, Debug, PartialEq)]
enum Frame {
    GrdpShare(grdp_share::Frame),
    Training(training::Frame),
    Backlog(backlog::Frame),
    Exemplary(exemplary::Frame),
}

/// Choices that change a model's shape rather than its numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// GRDP share: one growth rate per year instead of one for all years.
    pub per_year_growth: bool,
}

/// A model ready to run.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    pub kind: ModelKind,
    pub inputs: Vec<InputSpec>,
    pub periods: Vec<Period>,
    pub metrics: Vec<Metric>,
    pub goals: Vec<Goal>,
    frame: Frame,
}

/// Inputs that have neither data nor a value entered, by index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingInputs(pub Vec<usize>);

impl Setup {
    /// Builds a model from the workspace's data as of a date.
    pub fn from_workspace(
        kind: ModelKind,
        ws: &Workspace,
        as_of: NaiveDate,
        options: Options,
    ) -> Setup {
        match kind {
            ModelKind::GrdpShare => grdp_share::setup(ws, as_of, options),
            ModelKind::Training => training::setup(ws, as_of),
            ModelKind::Backlog => backlog::setup(ws, as_of),
            ModelKind::Exemplary => exemplary::setup(ws, as_of),
        }
    }

    /// Each input's range: the override if there is one, else the default
    /// as an exact value. Out-of-range bounds are pulled into what makes
    /// sense for the quantity (no negative counts, no share above 100 %).
    pub fn resolve(
        &self,
        overrides: &[scenario::Override],
    ) -> Result<Vec<Estimate>, MissingInputs> {
        let (resolved, missing) = self.estimates(overrides);
        if missing.is_empty() {
            Ok(resolved)
        } else {
            Err(MissingInputs(missing))
        }
    }

    /// Every input's range as [`Setup::resolve`] takes it, even when some
    /// input has no value: what a form shows. The indices of the inputs
    /// with no value come second; their estimate is a placeholder 0 that
    /// must not be shown or used.
    pub fn estimates(&self, overrides: &[scenario::Override]) -> (Vec<Estimate>, Vec<usize>) {
        let mut missing = Vec::new();
        let resolved: Vec<Estimate> = self
            .inputs
            .iter()
            .enumerate()
            .map(|(index, spec)| {
                let set = scenario::find(overrides, &spec.key).map(scenario::Override::estimate);
                let estimate = match (set, spec.default) {
                    (Some(estimate), _) if estimate.validate().is_ok() => estimate,
                    (_, Some(value)) if value.is_finite() => Estimate::exact(value),
                    _ => {
                        missing.push(index);
                        Estimate::exact(0.0)
                    }
                };
                let (floor, ceiling) = spec.quantity.bounds();
                estimate.clamped(floor, ceiling)
            })
            .collect();
        (resolved, missing)
    }

    /// The most likely value of every input.
    pub fn likely(inputs: &[Estimate]) -> Vec<f64> {
        inputs.iter().map(|e| e.likely).collect()
    }

    /// An empty trajectory of the right shape.
    pub fn trajectory(&self) -> Trajectory {
        Trajectory {
            values: vec![vec![0.0; self.periods.len()]; self.metrics.len()],
            judged: vec![0.0; self.metrics.len()],
            met: vec![false; self.goals.len()],
        }
    }

    /// Projects one set of input values (one per input, in order).
    pub fn run(&self, values: &[f64]) -> Trajectory {
        let mut out = self.trajectory();
        self.run_into(values, &mut out);
        out
    }

    /// Projects into an existing trajectory, without allocating: the inner
    /// loop of Monte Carlo.
    pub fn run_into(&self, values: &[f64], out: &mut Trajectory) {
        match &self.frame {
            Frame::GrdpShare(frame) => frame.run_into(values, out),
            Frame::Training(frame) => frame.run_into(values, out),
            Frame::Backlog(frame) => frame.run_into(values, out),
            Frame::Exemplary(frame) => frame.run_into(values, out, &self.periods),
        }
        for ((metric, series), judged) in self
            .metrics
            .iter()
            .zip(&out.values)
            .zip(out.judged.iter_mut())
        {
            *judged = series.get(metric.judged_period).copied().unwrap_or(0.0);
        }
        // Models on a continuous clock judge on the deadline day itself.
        match &self.frame {
            Frame::Backlog(frame) => frame.judge(values, &mut out.judged),
            Frame::Exemplary(frame) => frame.judge(values, &mut out.judged),
            Frame::GrdpShare(_) | Frame::Training(_) => {}
        }
        for (goal, met) in self.goals.iter().zip(out.met.iter_mut()) {
            *met = out
                .judged
                .get(goal.metric)
                .is_some_and(|v| goal.is_met_by(*v));
        }
    }

    /// What it would take to meet each goal, by the model's main lever,
    /// with the other inputs at `values`.
    pub fn goal_seek(&self, values: &[f64]) -> Vec<GoalSeek> {
        match &self.frame {
            Frame::GrdpShare(frame) => frame.goal_seek(self, values),
            Frame::Training(frame) => frame.goal_seek(self, values),
            Frame::Backlog(frame) => frame.goal_seek(self, values),
            Frame::Exemplary(frame) => frame.goal_seek(self, values),
        }
    }

    /// The backlog's completion date of a queue (0: T1, 1: T2), when the
    /// model is the backlog and the queue finishes at all.
    pub fn completion(&self, values: &[f64], queue: usize) -> Option<NaiveDate> {
        match &self.frame {
            Frame::Backlog(frame) => frame.completion(values, queue),
            _ => None,
        }
    }

    pub fn input_index(&self, key: &str) -> Option<usize> {
        self.inputs.iter().position(|i| i.key == key)
    }
}

/// The last day of a year.
pub(crate) fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// Periods at the end of each year from `first` to `last`.
pub(crate) fn year_periods(first: i32, last: i32) -> Vec<Period> {
    // Years are bounded by the callers' setups; this keeps even a stray
    // year from a file to a list of at most 1990–2100's length.
    let first = crate::domain::plan::Plan::bounded_year(first);
    let last = crate::domain::plan::Plan::bounded_year(last);
    (first..=last.max(first))
        .map(|year| Period {
            label: year.to_string(),
            date: year_end(year),
        })
        .collect()
}

/// Where in a list of yearly periods a deadline falls.
pub(crate) fn deadline_period(periods: &[Period], deadline: NaiveDate) -> Option<usize> {
    periods
        .iter()
        .position(|p| p.date.year() == deadline.year())
}

/// A share's parts in the latest year with data as of a date: `(year,
/// numerator, denominator)` — the value added and GRDP of T3, the trained
/// and all managers of T5, and so on.
pub(crate) fn observed_share(
    engine: &crate::domain::indicator::Engine,
    indicator: crate::domain::plan::Indicator,
    as_of: NaiveDate,
) -> Option<(i32, f64, f64)> {
    let measurement = engine.measure(indicator, as_of);
    match (measurement.observation, measurement.data_year) {
        (
            Some(crate::domain::indicator::Observation::Share {
                numerator,
                denominator,
            }),
            Some(year),
        ) => Some((year, numerator, denominator)),
        _ => None,
    }
}

/// A value read from the data, or none.
pub(crate) fn spec(
    key: &str,
    label: Text,
    quantity: Quantity,
    default: Option<f64>,
    source: Text,
) -> InputSpec {
    InputSpec {
        key: key.to_owned(),
        label,
        quantity,
        default,
        source,
    }
}

/// A source for inputs the data cannot give: the stated assumption.
pub(crate) fn assumed(vi: &str, en: &str) -> Text {
    Text::new(
        format!("Giả định (dữ liệu không có): {vi}"),
        format!("Assumption (not in the data): {en}"),
    )
}

/// A source for inputs with no data and no sensible assumption.
pub(crate) fn no_data() -> Text {
    Text::new(
        "Dữ liệu chưa có: hãy nhập giá trị",
        "Not in the data: enter a value",
    )
}

/// Reads `values[index]`, or 0 for a short slice (never a panic).
pub(crate) fn value(values: &[f64], index: usize) -> f64 {
    values.get(index).copied().unwrap_or(0.0)
}
