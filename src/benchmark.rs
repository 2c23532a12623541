//! The timing loop shared by the native benchmark (`benches/indicators.rs`)
//! and the browser's (`web::bench`), so `make bench` compares the same code
//! on both sides; only the clock differs.

use chrono::NaiveDate;

use crate::generate::synthetic_workspace;
use crate::indicator::evaluate_all;

/// The as-of date the benchmarks evaluate at: mid-2019, when every kind of
/// status occurs in synthetic data.
pub fn bench_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 7, 31).unwrap_or(NaiveDate::MIN)
}

/// The median time, in milliseconds, of evaluating every target once for
/// `units` synthetic units. Each sample times a batch of evaluations large
/// enough (about 20,000 unit-evaluations) that a coarse browser clock still
/// resolves it; generating the data is not timed. `now_ms` is the clock.
pub fn median_evaluation_ms(units: usize, samples: usize, mut now_ms: impl FnMut() -> f64) -> f64 {
    let workspace = synthetic_workspace(units, 42);
    let as_of = bench_date();
    let batch = (20_000 / units.max(1)).max(1);
    let mut timings: Vec<f64> = (0..samples.max(1))
        .map(|_| {
            let start = now_ms();
            for _ in 0..batch {
                std::hint::black_box(evaluate_all(std::hint::black_box(&workspace), as_of));
            }
            (now_ms() - start) / batch as f64
        })
        .collect();
    timings.sort_by(f64::total_cmp);
    timings[timings.len() / 2]
}
