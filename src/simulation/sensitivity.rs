//! Sensitivity: the tornado chart. Each input with a range is moved from
//! its minimum to its maximum, every other input held at its most likely
//! value, and the swing of a metric's value on its deadline is recorded.
//! The widest swing is the input that matters most.

use super::distribution::Estimate;
use super::Setup;

/// One bar of the tornado.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Swing {
    /// The input's index in [`Setup::inputs`].
    pub input: usize,
    /// The metric's value with the input at its minimum.
    pub at_low: f64,
    /// The metric's value with the input at its maximum.
    pub at_high: f64,
}

impl Swing {
    pub fn width(&self) -> f64 {
        (self.at_high - self.at_low).abs()
    }
}

/// The swings of `metric` over every input that is a range, widest first
/// (ties keep the inputs' order).
pub fn tornado(setup: &Setup, inputs: &[Estimate], metric: usize) -> Vec<Swing> {
    let base = Setup::likely(inputs);
    let mut values = base.clone();
    let mut trajectory = setup.trajectory();
    let mut outcome = |values: &[f64]| {
        setup.run_into(values, &mut trajectory);
        trajectory.judged.get(metric).copied().unwrap_or(0.0)
    };
    let mut swings: Vec<Swing> = inputs
        .iter()
        .enumerate()
        .filter(|(_, estimate)| !estimate.is_exact())
        .map(|(input, estimate)| {
            values[input] = estimate.low;
            let at_low = outcome(&values);
            values[input] = estimate.high;
            let at_high = outcome(&values);
            values[input] = base[input];
            Swing {
                input,
                at_low,
                at_high,
            }
        })
        .collect();
    // A handful of inputs: the one small sort, not a new std sort.
    crate::sorting::sort_by(&mut swings, |a, b| b.width().total_cmp(&a.width()));
    swings
}
