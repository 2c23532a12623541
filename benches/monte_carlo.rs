//! Native timing of Monte Carlo, for `make bench`: 10,000 samples over all
//! four simulation models (every target they follow, three projected
//! years). The same loop ([`coop_plan::simulation::timing`]) runs in
//! Chromium through the app's `bench_monte_carlo` export; the bench script
//! prints both, as samples per second, and their ratio.

use std::time::Instant;

use coop_plan::simulation::timing::median_monte_carlo_ms;

fn main() {
    let origin = Instant::now();
    let samples = 10_000;
    let median = median_monte_carlo_ms(samples, 15, || origin.elapsed().as_secs_f64() * 1000.0);
    println!("native monte_carlo samples={samples} median_ms={median:.3}");
}
