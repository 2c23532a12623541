//! Native timing of the indicator engine, for `make bench`: evaluating every
//! target for 1,000 and 30,000 synthetic units. The same loop
//! ([`coop_plan::benchmark`]) runs in Chromium through the app's
//! `bench_indicators` export; the bench script prints both and their ratio.

use std::time::Instant;

use coop_plan::benchmark::median_evaluation_ms;

fn main() {
    let origin = Instant::now();
    for units in [1_000usize, 30_000] {
        let median = median_evaluation_ms(units, 15, || origin.elapsed().as_secs_f64() * 1000.0);
        println!("native units={units} median_ms={median:.3}");
    }
}
