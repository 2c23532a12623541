//! Timing hooks for `make bench`, called from the page by the bench script.
//! They run the same loop as the native benchmark ([`crate::benchmark`]),
//! timed by the browser's clock, so the two can be compared.

use wasm_bindgen::prelude::*;

use crate::benchmark::median_evaluation_ms;

/// The median time, in milliseconds, of evaluating every target for
/// `units` synthetic units (generation not timed).
#[wasm_bindgen]
pub fn bench_indicators(units: u32, repeats: u32) -> f64 {
    let performance = web_sys::window().and_then(|w| w.performance());
    median_evaluation_ms(units as usize, repeats as usize, || {
        performance.as_ref().map_or(0.0, |p| p.now())
    })
}
