//! GRDP share (T3): collective value added over city GRDP, projected year
//! by year from the latest year with data to the target's year.
//!
//! VA_t = VA_0 · Π(1 + g_k) and GRDP_t = GRDP_0 · Π(1 + h_k), k = 1..t; the
//! share is VA_t ÷ GRDP_t. Growth is one rate for every year or one rate
//! per year ([`super::Options::per_year_growth`]). Powers are taken by
//! repeated multiplication, which IEEE 754 rounds the same way on every
//! target, so a seed gives the same numbers natively and in the browser.

use chrono::Datelike;

use super::goal_seek::{Answer, GoalSeek, Lever};
use super::{
    deadline_period, no_data, observed_share, spec, value, year_end, year_periods, Goal, InputSpec,
    Metric, ModelKind, Options, Quantity, Setup, Trajectory,
};
use crate::domain::indicator::Engine;
use crate::domain::plan::{Comparator, Indicator};
use crate::domain::workspace::Workspace;
use crate::i18n::Text;

/// The model's structure: the years it spans and how its rates are given.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub base_year: i32,
    pub target_year: i32,
    /// Rates per input list: 1 (one rate) or one per projected year.
    pub rates: usize,
}

impl Frame {
    /// Years projected after the base year.
    pub fn years(&self) -> usize {
        usize::try_from(self.target_year - self.base_year).unwrap_or(0)
    }

    fn value_added_growth_index(&self) -> usize {
        2
    }

    fn grdp_growth_index(&self) -> usize {
        2 + self.rates
    }

    /// The rate of projected year `t` (1-based) from a list of `rates`.
    fn rate(&self, values: &[f64], first: usize, t: usize) -> f64 {
        let offset = if self.rates == 1 { 0 } else { t - 1 };
        value(values, first + offset.min(self.rates.saturating_sub(1)))
    }

    pub(super) fn run_into(&self, values: &[f64], out: &mut Trajectory) {
        let mut value_added = value(values, 0);
        let mut grdp = value(values, 1);
        let Some(series) = out.values.first_mut() else {
            return;
        };
        for (t, slot) in series.iter_mut().enumerate() {
            if t > 0 {
                value_added *= 1.0 + self.rate(values, self.value_added_growth_index(), t);
                grdp *= 1.0 + self.rate(values, self.grdp_growth_index(), t);
            }
            *slot = share(value_added, grdp);
        }
    }

    /// The constant growth of collective value added that reaches each goal
    /// at the target year, in closed form ([`required_growth`]).
    pub(super) fn goal_seek(&self, setup: &Setup, values: &[f64]) -> Vec<GoalSeek> {
        let years = self.years();
        let grdp_growth: Vec<f64> = (1..=years.max(1))
            .map(|t| self.rate(values, self.grdp_growth_index(), t))
            .collect();
        setup
            .goals
            .iter()
            .enumerate()
            .map(|(index, goal)| GoalSeek {
                goal: index,
                lever: Lever::ValueAddedGrowth,
                answer: required_growth(
                    value(values, 0),
                    value(values, 1),
                    &grdp_growth,
                    years,
                    goal.value,
                ),
            })
            .collect()
    }
}

/// A share, or 0 when GRDP is not positive (the inputs are clamped to be
/// non-negative, so this is only the all-zero case).
fn share(value_added: f64, grdp: f64) -> f64 {
    if grdp > 0.0 {
        value_added / grdp
    } else {
        0.0
    }
}

/// The share in each year t = 0..=years, with rates given per year (a
/// list of one applies to every year).
pub fn project_shares(
    value_added: f64,
    grdp: f64,
    value_added_growth: &[f64],
    grdp_growth: &[f64],
    years: usize,
) -> Vec<f64> {
    let rate = |rates: &[f64], t: usize| -> f64 {
        rates.get(t - 1).or(rates.last()).copied().unwrap_or(0.0)
    };
    let (mut va, mut g) = (value_added, grdp);
    (0..=years)
        .map(|t| {
            if t > 0 {
                va *= 1.0 + rate(value_added_growth, t);
                g *= 1.0 + rate(grdp_growth, t);
            }
            share(va, g)
        })
        .collect()
}

/// The constant yearly growth rate g of collective value added that makes
/// the share reach `target_share` after `years` years.
///
/// From VA_n = VA_0 (1 + g)^n and GRDP_n = GRDP_0 Π(1 + h_k), the share
/// VA_n ÷ GRDP_n equals `target_share` when
/// g = (target_share · GRDP_n ÷ VA_0)^(1/n) − 1. With a constant GRDP
/// growth h this is (1 + h)·(target_share ÷ share_0)^(1/n) − 1: value added
/// must outgrow GRDP by the n-th root of the gap ([`relative_growth`]).
pub fn required_growth(
    value_added: f64,
    grdp: f64,
    grdp_growth: &[f64],
    years: usize,
    target_share: f64,
) -> Answer {
    if !(value_added > 0.0 && grdp > 0.0 && target_share > 0.0) {
        return Answer::NoData;
    }
    if years == 0 {
        return if value_added / grdp >= target_share {
            Answer::AlreadyMet
        } else {
            Answer::DeadlinePassed
        };
    }
    let mut grdp_at_target = grdp;
    for t in 1..=years {
        let h = grdp_growth
            .get(t - 1)
            .or(grdp_growth.last())
            .copied()
            .unwrap_or(0.0);
        grdp_at_target *= 1.0 + h;
    }
    let ratio = target_share * grdp_at_target / value_added;
    let rate = root(ratio, years as f64) - 1.0;
    if rate.is_finite() {
        Answer::Needed(rate)
    } else {
        Answer::NoData
    }
}

/// How much faster than GRDP value added must grow: (1 + g) ÷ (1 + h̄) − 1,
/// with h̄ the average (geometric) GRDP growth over the years.
pub fn relative_growth(value_added_growth: f64, grdp_growth: &[f64], years: usize) -> f64 {
    if years == 0 {
        return 0.0;
    }
    let mut factor = 1.0;
    for t in 1..=years {
        factor *= 1.0
            + grdp_growth
                .get(t - 1)
                .or(grdp_growth.last())
                .copied()
                .unwrap_or(0.0);
    }
    let average = root(factor, years as f64);
    if average > 0.0 {
        (1.0 + value_added_growth) / average - 1.0
    } else {
        0.0
    }
}

/// A yearly rate between two observations `years` apart.
fn yearly_rate(from: f64, to: f64, years: i32) -> Option<f64> {
    if from > 0.0 && to > 0.0 && years > 0 {
        Some(root(to / from, f64::from(years)) - 1.0)
    } else {
        None
    }
}

pub(super) fn setup(ws: &Workspace, as_of: chrono::NaiveDate, options: Options) -> Setup {
    let plan = &ws.plan;
    let target = plan.target_for(Indicator::GrdpShare);
    let deadline = target.map_or(year_end(plan.end_year), |t| t.deadline);
    let engine = Engine::new(ws);
    let latest = observed_share(&engine, Indicator::GrdpShare, as_of);
    // Bounded years (`Plan::bounded_year`): a stored plan may never have
    // been checked, and one input is made per year.
    let base_year = crate::domain::plan::Plan::bounded_year(
        latest.map_or(plan.baseline_year, |(year, _, _)| year),
    );
    let previous = latest.and_then(|(year, _, _)| {
        // Saturating: a stored record's year may be any i32.
        observed_share(
            &engine,
            Indicator::GrdpShare,
            year_end(year.saturating_sub(1)),
        )
    });
    let target_year = crate::domain::plan::Plan::bounded_year(deadline.year()).max(base_year);
    let years = usize::try_from(target_year - base_year).unwrap_or(0);
    let rates = if options.per_year_growth {
        years.max(1)
    } else {
        1
    };
    let frame = Frame {
        base_year,
        target_year,
        rates,
    };

    let from_year = |year: i32| {
        Text::new(
            format!("Dữ liệu năm {year} (chỉ tiêu T3)"),
            format!("Data for {year} (target T3)"),
        )
    };
    let (value_added, grdp) = match latest {
        Some((_, va, g)) => (Some(va), Some(g)),
        None => (None, None),
    };
    let (va_source, grdp_source) = match latest {
        Some((year, _, _)) => (from_year(year), from_year(year)),
        None => (no_data(), no_data()),
    };
    let growth = |pick: fn(&(i32, f64, f64)) -> f64| -> (Option<f64>, Text) {
        match (previous, latest) {
            (Some(before), Some(after)) => {
                match yearly_rate(
                    pick(&before),
                    pick(&after),
                    after.0.saturating_sub(before.0),
                ) {
                    Some(rate) => (
                        Some(rate),
                        Text::new(
                            format!("Tăng trưởng {}–{} theo dữ liệu", before.0, after.0),
                            format!("Growth {}–{} in the data", before.0, after.0),
                        ),
                    ),
                    None => (None, no_data()),
                }
            }
            _ => (None, no_data()),
        }
    };
    let (va_growth, va_growth_source) = growth(|o| o.1);
    let (grdp_growth, grdp_growth_source) = growth(|o| o.2);

    let mut inputs: Vec<InputSpec> = vec![
        spec(
            "value_added",
            Text::new(
                format!("Giá trị gia tăng KTTT năm {base_year} (triệu đồng)"),
                format!("Collective value added in {base_year} (million VND)"),
            ),
            Quantity::Money,
            value_added,
            va_source,
        ),
        spec(
            "grdp",
            Text::new(
                format!("GRDP thành phố năm {base_year}, giá hiện hành (triệu đồng)"),
                format!("City GRDP in {base_year}, current prices (million VND)"),
            ),
            Quantity::Money,
            grdp,
            grdp_source,
        ),
    ];
    let rate_specs = |key: &str, vi: &str, en: &str, default: Option<f64>, source: &Text| {
        (0..rates)
            .map(|k| {
                if rates == 1 {
                    spec(
                        key,
                        Text::new(format!("{vi} mỗi năm"), format!("{en} per year")),
                        Quantity::Rate,
                        default,
                        source.clone(),
                    )
                } else {
                    let year = base_year + 1 + k as i32;
                    spec(
                        &format!("{key}_{year}"),
                        Text::new(format!("{vi} năm {year}"), format!("{en} in {year}")),
                        Quantity::Rate,
                        default,
                        source.clone(),
                    )
                }
            })
            .collect::<Vec<_>>()
    };
    // T3's share is of GRDP at current prices, so both growths are nominal
    // (current prices), not the real growth at constant prices that
    // statistics offices headline.
    inputs.extend(rate_specs(
        "value_added_growth",
        "Tăng trưởng danh nghĩa giá trị gia tăng KTTT (giá hiện hành)",
        "Nominal growth of collective value added (current prices)",
        va_growth,
        &va_growth_source,
    ));
    inputs.extend(rate_specs(
        "grdp_growth",
        "Tăng trưởng GRDP danh nghĩa (giá hiện hành)",
        "Nominal GRDP growth (current prices)",
        grdp_growth,
        &grdp_growth_source,
    ));

    let periods = year_periods(base_year, target_year);
    let deadline_index = deadline_period(&periods, deadline);
    let judged = deadline_index.unwrap_or(periods.len().saturating_sub(1));
    let metrics = vec![Metric {
        title: Text::new(
            "Tỷ trọng KTTT trong GRDP",
            "Collective economy share of GRDP",
        ),
        quantity: Quantity::Fraction,
        judged_period: judged,
        deadline_period: deadline_index,
    }];
    let mut goals = Vec::new();
    if let Some(target) = target {
        let strict = target.comparator == Comparator::MoreThan;
        goals.push(Goal {
            target_id: target.id.clone(),
            metric: 0,
            value: target.value,
            strict,
            label: share_label(&target.id, target.value),
            deadline,
        });
        if let Some(upper) = target.band_upper {
            goals.push(Goal {
                target_id: target.id.clone(),
                metric: 0,
                value: upper,
                strict,
                label: share_label(&target.id, upper),
                deadline,
            });
        }
    }
    Setup {
        kind: ModelKind::GrdpShare,
        inputs,
        periods,
        metrics,
        goals,
        frame: super::Frame::GrdpShare(frame),
    }
}

fn share_label(id: &str, value: f64) -> Text {
    let percent = value * 100.0;
    Text::new(
        format!("{id}: {} % GRDP", format!("{percent:.1}").replace('.', ",")),
        format!("{id}: {percent:.1} % of GRDP"),
    )
}

/// The `n`-th root of a positive `x`, as `exp(ln x / n)` with the same
/// libm as the distributions (a separate `powf` would add its own code to
/// the download). Non-positive `x` gives NaN or 0 as `powf` would, which
/// the callers check.
fn root(x: f64, n: f64) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    libm::exp(libm::log(x) / n)
}
