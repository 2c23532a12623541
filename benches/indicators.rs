//! Native timing of the indicator engine, for `make bench`: bringing every
//! target up to date for 1,000 and 30,000 synthetic units, after an as-of
//! date change and after an edit of one unit, with the index rebuilt
//! (`native-edit`) and patched (`native-edit-patched`). The same loop ([`coop_plan::benchmark`])
//! runs in Chromium through the app's `bench_indicators` export; the bench
//! script prints both and their ratio.

use std::time::Instant;

use coop_plan::benchmark::{median_update_ms, Change};

fn main() {
    let origin = Instant::now();
    for (label, change) in [
        ("native", Change::AsOfDate),
        ("native-edit", Change::Edit),
        ("native-edit-patched", Change::EditPatched),
    ] {
        for units in [1_000usize, 30_000] {
            let median = median_update_ms(units, 15, change, || {
                origin.elapsed().as_secs_f64() * 1000.0
            });
            println!("{label} units={units} median_ms={median:.3}");
        }
    }
}
