//! Monte Carlo: draw every input from its range, project, and count.
//!
//! The generator is xoshiro256++ ([`rand_xoshiro`]) seeded explicitly from
//! a `u64`: its 64-bit arithmetic and the draws of
//! [`super::distribution`] give the same numbers natively and in wasm32,
//! so a seed reproduces a run anywhere. Inputs are drawn in the order of
//! [`Setup::inputs`]; exact inputs draw nothing.
//!
//! A run can be advanced in chunks ([`Run::advance`]), so the page can
//! process a million samples without freezing. Percentiles are exact (every
//! value is kept and sorted) up to [`EXACT_LIMIT`] samples; longer runs keep
//! the first [`PILOT`] values, then fold everything into a fine histogram
//! spanning the pilot's range with a margin, which bounds memory.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

use super::distribution::Estimate;
use super::{Setup, Trajectory};

pub const DEFAULT_SAMPLES: u32 = 10_000;
pub const DEFAULT_SEED: u64 = 135;
/// Runs up to this many samples keep every value: percentiles are exact.
pub const EXACT_LIMIT: u32 = 20_000;
/// Longer runs size their histograms from this many first samples.
pub const PILOT: u32 = 5_000;
const BINS: usize = 2_048;

/// The 10th, 50th and 90th percentiles of a projected value.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Band {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

/// What a run found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub samples: u32,
    /// For each goal, the share of samples that met it, in [0, 1], among
    /// those where it could be judged; NaN when it never could (an empty
    /// queue: "no data", as on the dashboard).
    pub probabilities: Vec<f64>,
    /// `bands[metric][period]`.
    pub bands: Vec<Vec<Band>>,
    /// Each metric's band on its deadline.
    pub judged: Vec<Band>,
}

#[derive(Clone, Debug)]
struct Histogram {
    low: f64,
    width: f64,
    counts: Vec<u32>,
    count: u64,
    min: f64,
    max: f64,
}

impl Histogram {
    fn spanning(values: &[f64]) -> Histogram {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (min, max) = if min.is_finite() && max.is_finite() {
            (min, max)
        } else {
            (0.0, 0.0)
        };
        let span = (max - min).max(max.abs() * 1e-6).max(1e-12);
        let low = min - span * 0.5;
        let mut histogram = Histogram {
            low,
            width: span * 2.0 / BINS as f64,
            counts: vec![0; BINS],
            count: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        };
        for &value in values {
            histogram.push(value);
        }
        histogram
    }

    fn push(&mut self, value: f64) {
        let position = ((value - self.low) / self.width).floor();
        let bin = if position.is_nan() || position < 0.0 {
            0
        } else {
            (position as usize).min(BINS - 1)
        };
        self.counts[bin] += 1;
        self.count += 1;
        self.min = self.min.min(value);
        self.max = self.max.max(value);
    }

    fn quantile(&self, p: f64) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        if self.min >= self.max {
            return self.min;
        }
        let rank = p * self.count as f64;
        let mut before = 0.0;
        for (bin, &count) in self.counts.iter().enumerate() {
            let count = f64::from(count);
            if count > 0.0 && before + count >= rank {
                let within = ((rank - before) / count).clamp(0.0, 1.0);
                let value = self.low + self.width * (bin as f64 + within);
                return value.clamp(self.min, self.max);
            }
            before += count;
        }
        self.max
    }
}

#[derive(Clone, Debug)]
enum Stats {
    Exact(Vec<f64>),
    Binned(Histogram),
}

impl Stats {
    fn push(&mut self, value: f64) {
        match self {
            Stats::Exact(values) => values.push(value),
            Stats::Binned(histogram) => histogram.push(value),
        }
    }

    fn switch_to_bins(&mut self) {
        if let Stats::Exact(values) = self {
            *self = Stats::Binned(Histogram::spanning(values));
        }
    }

    fn band(&self) -> Band {
        match self {
            Stats::Exact(values) => {
                let mut scratch = values.clone();
                Band {
                    p10: select_percentile(&mut scratch, 0.1),
                    p50: select_percentile(&mut scratch, 0.5),
                    p90: select_percentile(&mut scratch, 0.9),
                }
            }
            Stats::Binned(histogram) => Band {
                p10: histogram.quantile(0.1),
                p50: histogram.quantile(0.5),
                p90: histogram.quantile(0.9),
            },
        }
    }
}

/// [`percentile`] without sorting: two selections, O(n) on average.
/// `values` is reordered.
fn select_percentile(values: &mut [f64], p: f64) -> f64 {
    let n = values.len();
    if n < 2 {
        return values.first().copied().unwrap_or(0.0);
    }
    let position = p.clamp(0.0, 1.0) * (n - 1) as f64;
    let below = (position.floor() as usize).min(n - 1);
    let a = select(values, below);
    let b = values
        .get(below + 1..)
        .unwrap_or(&[])
        .iter()
        .copied()
        .fold(f64::INFINITY, f64::min);
    if a == b || below + 1 >= n {
        a
    } else {
        a + (b - a) * (position - below as f64)
    }
}

/// The `k`-th smallest value (Hoare's quickselect, middle pivot), leaving
/// smaller values before it and larger after. Written out rather than
/// `select_nth_unstable_by`, whose generic machinery cost about 1.5 KB
/// of the download for this one use. Values are finite (model outputs).
fn select(values: &mut [f64], k: usize) -> f64 {
    let (mut low, mut high) = (0, values.len().saturating_sub(1));
    while low < high {
        let pivot = values[low + (high - low) / 2];
        let (mut i, mut j) = (low, high);
        while i <= j {
            while values[i] < pivot {
                i += 1;
            }
            while values[j] > pivot {
                j -= 1;
            }
            if i <= j {
                values.swap(i, j);
                i += 1;
                if j == 0 {
                    break;
                }
                j -= 1;
            }
        }
        if k <= j {
            high = j;
        } else if k >= i {
            low = i;
        } else {
            break;
        }
    }
    values.get(k).copied().unwrap_or(0.0)
}

/// The `p`-quantile of sorted values, interpolating linearly between
/// neighbours (the common "type 7" definition); 0 for no values.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        1 => sorted[0],
        n => {
            let position = p.clamp(0.0, 1.0) * (n - 1) as f64;
            let below = position.floor() as usize;
            let above = (below + 1).min(n - 1);
            let fraction = position - below as f64;
            let (a, b) = (sorted[below], sorted[above]);
            if a == b {
                a
            } else {
                a + (b - a) * fraction
            }
        }
    }
}

/// A Monte Carlo run in progress.
#[derive(Clone, Debug)]
pub struct Run {
    rng: Xoshiro256PlusPlus,
    inputs: Vec<Estimate>,
    draws: Vec<f64>,
    scratch: Trajectory,
    periods: usize,
    /// One per metric and period, then one per metric for its deadline.
    stats: Vec<Stats>,
    met: Vec<u64>,
    /// For each goal, the samples whose judged value was a number.
    judged: Vec<u64>,
    /// For each goal, its metric.
    goal_metrics: Vec<usize>,
    done: u32,
    total: u32,
}

impl Run {
    pub fn new(setup: &Setup, inputs: Vec<Estimate>, samples: u32, seed: u64) -> Run {
        let periods = setup.periods.len();
        let series = setup.metrics.len() * (periods + 1);
        let capacity = samples.min(if samples > EXACT_LIMIT {
            PILOT
        } else {
            EXACT_LIMIT
        }) as usize;
        Run {
            rng: Xoshiro256PlusPlus::seed_from_u64(seed),
            draws: vec![0.0; inputs.len()],
            inputs,
            scratch: setup.trajectory(),
            periods,
            stats: (0..series)
                .map(|_| Stats::Exact(Vec::with_capacity(capacity)))
                .collect(),
            met: vec![0; setup.goals.len()],
            judged: vec![0; setup.goals.len()],
            goal_metrics: setup.goals.iter().map(|g| g.metric).collect(),
            done: 0,
            total: samples,
        }
    }

    pub fn done(&self) -> u32 {
        self.done
    }

    pub fn total(&self) -> u32 {
        self.total
    }

    pub fn is_finished(&self) -> bool {
        self.done >= self.total
    }

    /// Processes up to `chunk` more samples; returns how many it did.
    pub fn advance(&mut self, setup: &Setup, chunk: u32) -> u32 {
        let todo = chunk.min(self.total - self.done);
        for _ in 0..todo {
            for (draw, estimate) in self.draws.iter_mut().zip(&self.inputs) {
                *draw = estimate.sample(&mut self.rng);
            }
            setup.run_into(&self.draws, &mut self.scratch);
            let metrics = self.scratch.values.len();
            for (metric, series) in self.scratch.values.iter().enumerate() {
                for (period, value) in series.iter().enumerate() {
                    if let Some(stats) = self.stats.get_mut(metric * self.periods + period) {
                        stats.push(*value);
                    }
                }
            }
            for (metric, value) in self.scratch.judged.iter().enumerate() {
                if !value.is_finite() {
                    continue;
                }
                if let Some(stats) = self.stats.get_mut(metrics * self.periods + metric) {
                    stats.push(*value);
                }
            }
            for (count, met) in self.met.iter_mut().zip(&self.scratch.met) {
                *count += u64::from(*met);
            }
            for (count, metric) in self.judged.iter_mut().zip(&self.goal_metrics) {
                let value = self.scratch.judged.get(*metric).copied();
                *count += u64::from(value.is_some_and(f64::is_finite));
            }
            self.done += 1;
            if self.total > EXACT_LIMIT && self.done == PILOT {
                self.stats.iter_mut().for_each(Stats::switch_to_bins);
            }
        }
        todo
    }

    /// The findings so far.
    pub fn summary(&self) -> Summary {
        let samples = self.done;
        let probabilities = self
            .met
            .iter()
            .zip(&self.judged)
            .map(|(&met, &judged)| {
                if samples == 0 {
                    0.0
                } else if judged == 0 {
                    f64::NAN
                } else {
                    met as f64 / judged as f64
                }
            })
            .collect();
        let metrics = self.scratch.values.len();
        let bands = (0..metrics)
            .map(|metric| {
                (0..self.periods)
                    .map(|period| self.stats[metric * self.periods + period].band())
                    .collect()
            })
            .collect();
        let judged = (0..metrics)
            .map(|metric| self.stats[metrics * self.periods + metric].band())
            .collect();
        Summary {
            samples,
            probabilities,
            bands,
            judged,
        }
    }
}

/// A whole run at once.
pub fn run(setup: &Setup, inputs: &[Estimate], samples: u32, seed: u64) -> Summary {
    let mut run = Run::new(setup, inputs.to_vec(), samples, seed);
    run.advance(setup, samples);
    run.summary()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_agrees_with_sorting() {
        // A fixed pseudo-random list with repeats.
        let mut state = 7_u64;
        let values: Vec<f64> = (0..997)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 33) % 200) as f64 / 7.0
            })
            .collect();
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        for p in [0.0, 0.1, 0.25, 0.5, 0.9, 1.0] {
            let mut scratch = values.clone();
            assert_eq!(
                select_percentile(&mut scratch, p),
                percentile(&sorted, p),
                "p = {p}"
            );
        }
        for k in [0, 1, 498, 995, 996] {
            let mut scratch = values.clone();
            assert_eq!(select(&mut scratch, k), sorted[k]);
        }
        assert_eq!(select(&mut [3.0, 3.0, 3.0], 1), 3.0);
        assert_eq!(select(&mut [2.0, 1.0], 0), 1.0);
    }
}
