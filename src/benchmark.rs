//! The timing loop shared by the native benchmark (`benches/indicators.rs`)
//! and the browser's (`web::bench`), so `make bench` compares the same code
//! on both sides; only the clock differs.

use crate::small_sort::sort_small_by;
use chrono::NaiveDate;

use crate::generate::synthetic_workspace;
use crate::indicator::{Engine, WorkspaceIndex};

/// The as-of date the benchmarks evaluate at: mid-2019, when every kind of
/// status occurs in synthetic data.
pub fn bench_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 7, 31).unwrap_or(NaiveDate::MIN)
}

/// What the user just did, which decides what must be recomputed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// The as-of date moved: the workspace's index is kept.
    AsOfDate,
    /// The data changed: the index is rebuilt, then every target evaluated.
    Edit,
}

/// The median time, in milliseconds, of bringing every target up to date
/// after `change`, for `units` synthetic units. Each sample times a batch
/// of about 20,000 unit-evaluations, so that a coarse browser clock still
/// resolves it; generating the data is not timed. `now_ms` is the clock.
pub fn median_update_ms(
    units: usize,
    samples: usize,
    change: Change,
    mut now_ms: impl FnMut() -> f64,
) -> f64 {
    let workspace = synthetic_workspace(units, 42);
    let as_of = bench_date();
    let kept_index = WorkspaceIndex::new(&workspace);
    let batch = (20_000 / units.max(1)).max(1);
    let mut timings: Vec<f64> = (0..samples.max(1))
        .map(|_| {
            let start = now_ms();
            for _ in 0..batch {
                let workspace = std::hint::black_box(&workspace);
                let evaluations = match change {
                    Change::AsOfDate => {
                        Engine::with_index(workspace, &kept_index).evaluate_all(as_of)
                    }
                    Change::Edit => {
                        let index = WorkspaceIndex::new(workspace);
                        Engine::with_index(workspace, &index).evaluate_all(as_of)
                    }
                };
                std::hint::black_box(evaluations);
            }
            (now_ms() - start) / batch as f64
        })
        .collect();
    sort_small_by(&mut timings, f64::total_cmp);
    timings[timings.len() / 2]
}
