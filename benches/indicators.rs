//! Native timing of the indicator engine, for `make bench`: evaluating every
//! target for 1,000 and 30,000 synthetic units. The same computation runs in
//! Chromium through the app's `bench_indicators` export; the bench script
//! prints both and their ratio.

use std::time::Instant;

use chrono::NaiveDate;
use coop_plan::generate::synthetic_workspace;
use coop_plan::indicator::evaluate_all;

fn main() {
    let as_of = NaiveDate::from_ymd_opt(2019, 7, 31).unwrap_or(NaiveDate::MIN);
    for units in [1_000usize, 30_000] {
        let workspace = synthetic_workspace(units, 42);
        let mut timings: Vec<f64> = (0..15)
            .map(|_| {
                let start = Instant::now();
                let evaluations = evaluate_all(&workspace, as_of);
                std::hint::black_box(&evaluations);
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        timings.sort_by(f64::total_cmp);
        println!(
            "native units={units} median_ms={:.3}",
            timings[timings.len() / 2]
        );
    }
}
