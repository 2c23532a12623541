//! The Monte Carlo timing loop shared by the native benchmark
//! (`benches/monte_carlo.rs`) and the browser's (`app::bench`), so
//! `make bench` compares the same code on both sides; only the clock
//! differs.
//!
//! One sample runs all four models — every target they follow (T1, T2, T3,
//! T5, T6, T8) over three projected years — with every input a ±20 %
//! triangular range, on a synthetic workspace as of the end of 2017.

use chrono::NaiveDate;

use super::distribution::{Estimate, Shape};
use super::monte_carlo::Run;
use super::{ModelKind, Options, Quantity, Setup};
use crate::domain::generate::synthetic_workspace;

/// The models and their inputs, with ranges, ready to run.
pub fn bench_models() -> Vec<(Setup, Vec<Estimate>)> {
    let workspace = synthetic_workspace(1_000, 42);
    let as_of = NaiveDate::from_ymd_opt(2017, 12, 31).unwrap_or(NaiveDate::MIN);
    ModelKind::ALL
        .into_iter()
        .map(|kind| {
            let setup = Setup::from_workspace(kind, &workspace, as_of, Options::default());
            let inputs = setup
                .inputs
                .iter()
                .map(|spec| {
                    let likely = spec.default.unwrap_or(1.0).max(0.01);
                    let estimate = if spec.quantity == Quantity::Rate {
                        Estimate::range(likely - 0.05, likely, likely + 0.05, Shape::Triangular)
                    } else {
                        Estimate::range(likely * 0.8, likely, likely * 1.2, Shape::Triangular)
                    };
                    estimate.clamped(
                        0.0,
                        if spec.quantity == Quantity::Fraction {
                            1.0
                        } else {
                            f64::MAX
                        },
                    )
                })
                .collect();
            (setup, inputs)
        })
        .collect()
}

/// The median time, in milliseconds, of a Monte Carlo run of `samples`
/// samples over all four models (setting up not timed). `now_ms` is the
/// clock.
pub fn median_monte_carlo_ms(samples: u32, repeats: usize, mut now_ms: impl FnMut() -> f64) -> f64 {
    let models = bench_models();
    let mut timings: Vec<f64> = (0..repeats.max(1))
        .map(|_| {
            let start = now_ms();
            for (setup, inputs) in &models {
                let mut run = Run::new(setup, inputs.clone(), samples, 7);
                run.advance(setup, samples);
                std::hint::black_box(run.summary());
            }
            now_ms() - start
        })
        .collect();
    timings.sort_by(f64::total_cmp);
    timings[timings.len() / 2]
}
