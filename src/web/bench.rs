//! Timing hooks for `make bench`, called from the page by the bench script.
//! They generate synthetic data and time the same domain code the native
//! benchmark (`benches/indicators.rs`) runs, so the two can be compared.

use chrono::NaiveDate;
use wasm_bindgen::prelude::*;

use crate::generate::synthetic_workspace;
use crate::indicator::evaluate_all;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The median time, in milliseconds, of evaluating every target for
/// `units` synthetic units (generation not timed).
#[wasm_bindgen]
pub fn bench_indicators(units: u32, repeats: u32) -> f64 {
    let workspace = synthetic_workspace(units as usize, 42);
    let as_of = NaiveDate::from_ymd_opt(2019, 7, 31).unwrap_or(NaiveDate::MIN);
    let mut timings: Vec<f64> = (0..repeats.max(1))
        .map(|_| {
            let start = now_ms();
            let evaluations = evaluate_all(&workspace, as_of);
            std::hint::black_box(&evaluations);
            now_ms() - start
        })
        .collect();
    timings.sort_by(f64::total_cmp);
    timings[timings.len() / 2]
}
