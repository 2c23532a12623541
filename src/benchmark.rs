//! The timing loop shared by the native benchmark (`benches/indicators.rs`)
//! and the browser's (`app::bench`), so `make bench` compares the same code
//! on both sides; only the clock differs.

use chrono::NaiveDate;

use crate::domain::generate::synthetic_workspace;
use crate::domain::indicator::{Engine, WorkspaceIndex};

/// The as-of date the benchmarks evaluate at: mid-2019, when every kind of
/// status occurs in synthetic data.
pub fn bench_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 7, 31).unwrap_or(NaiveDate::MIN)
}

/// What the user just did, which decides what must be recomputed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// The as-of date moved: the workspace's index is kept. Each round
    /// moves to a day the index has not cached totals for.
    AsOfDate,
    /// The data changed: the index is rebuilt, then every target evaluated.
    Edit,
    /// One unit changed: the index is patched for it
    /// ([`WorkspaceIndex::replace_unit`]), then every target evaluated.
    EditPatched,
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
    let mut workspace = synthetic_workspace(units, 42);
    let as_of = bench_date();
    let mut kept_index = WorkspaceIndex::new(&workspace);
    // The edited unit, in the middle, swaps between two versions: as
    // stored, and with its last year's staff trained changed (a form's
    // edit of one field).
    let edited = units / 2;
    let mut other = workspace.units.get(edited).cloned().map(|mut unit| {
        if let Some(record) = unit.years.last_mut() {
            record.staff_trained = Some(record.staff_trained.unwrap_or(0) + 1);
        }
        unit
    });
    let batch = (20_000 / units.max(1)).max(1);
    let mut day = 0u64;
    let mut timings: Vec<f64> = (0..samples.max(1))
        .map(|_| {
            let start = now_ms();
            for _ in 0..batch {
                let evaluations = match change {
                    Change::AsOfDate => {
                        // A year of days, more than the index keeps.
                        day = (day + 1) % 365;
                        let moved = as_of + chrono::Days::new(day);
                        let workspace = std::hint::black_box(&workspace);
                        Engine::with_index(workspace, &kept_index).evaluate_all(moved)
                    }
                    Change::Edit => {
                        let workspace = std::hint::black_box(&workspace);
                        let index = WorkspaceIndex::new(workspace);
                        Engine::with_index(workspace, &index).evaluate_all(as_of)
                    }
                    Change::EditPatched => {
                        if let (Some(slot), Some(other)) =
                            (workspace.units.get_mut(edited), other.as_mut())
                        {
                            std::mem::swap(slot, other);
                            kept_index.replace_unit(edited, slot);
                        }
                        let workspace = std::hint::black_box(&workspace);
                        Engine::with_index(workspace, &kept_index).evaluate_all(as_of)
                    }
                };
                std::hint::black_box(evaluations);
            }
            (now_ms() - start) / batch as f64
        })
        .collect();
    timings.sort_by(f64::total_cmp);
    timings[timings.len() / 2]
}

/// What moving a big workspace through a file costs: its size as a JSON
/// document and the time to write it (export) and to read it back as an
/// import does — parse, migrate, validate as a whole and preview.
#[derive(Clone, Debug)]
pub struct FileFigures {
    pub bytes: usize,
    pub export_ms: f64,
    pub import_ms: f64,
    /// Whether the import found the document valid (it should: the data
    /// is generated valid).
    pub valid: bool,
}

/// A synthetic workspace of `units` units keeping the last `years` years of
/// records (2020 backwards).
pub fn big_workspace(units: usize, years: i32) -> crate::domain::workspace::Workspace {
    let mut workspace = synthetic_workspace(units, 42);
    for unit in &mut workspace.units {
        unit.years.retain(|r| r.year > 2020 - years);
    }
    workspace
}

/// [`crate::domain::generate::national_workspace`] keeping the last `years` years
/// of records (2020 backwards).
pub fn national_workspace(
    cooperatives: usize,
    groups: usize,
    years: i32,
) -> crate::domain::workspace::Workspace {
    let mut workspace = crate::domain::generate::national_workspace(cooperatives, groups, 42);
    for unit in &mut workspace.units {
        unit.years.retain(|r| r.year > 2020 - years);
    }
    workspace
}

/// [`big_workspace`] as the JSON document the app would store.
pub fn big_document(units: usize, years: i32) -> String {
    crate::files::document::to_json(&big_workspace(units, years))
}

/// Export and import timings for [`big_document`], one run each (a run at
/// 30,000 units takes long enough for any clock).
pub fn file_figures(units: usize, years: i32, mut now_ms: impl FnMut() -> f64) -> FileFigures {
    let text = big_document(units, years);
    let workspace = crate::files::document::from_json(&text).ok();
    let start = now_ms();
    let exported = workspace.as_ref().map(crate::files::document::to_json);
    let export_ms = now_ms() - start;
    let start = now_ms();
    let empty = crate::domain::workspace::Workspace::new("bench", "bench");
    // The same work as `import::preview_import`, without its cap, so that
    // bigger documents are measured too.
    let preview = crate::files::document::from_json(&text)
        .map(|incoming| crate::files::import::preview_workspace(&empty, incoming));
    let import_ms = now_ms() - start;
    FileFigures {
        bytes: exported.map_or(text.len(), |t| t.len()),
        export_ms,
        import_ms,
        valid: preview.is_ok_and(|p| p.can_confirm()),
    }
}

/// The median time, in milliseconds, of building the data page's table (one
/// page of 50 rows after filtering and sorting every unit) for a synthetic
/// workspace of `units` units with three years of records: unfiltered in
/// stored order, sorted by name, and searched for a code.
pub fn table_render_ms(units: usize, mut now_ms: impl FnMut() -> f64) -> [f64; 3] {
    use crate::edit::unit_table::{unit_table, SortKey, UnitQuery};
    let mut workspace = synthetic_workspace(units, 42);
    for unit in &mut workspace.units {
        unit.years.retain(|r| r.year > 2017);
    }
    let as_of = bench_date();
    let mut by_name = UnitQuery::default();
    by_name.sort_by(SortKey::Name);
    let mut search = UnitQuery::default();
    search.set_search("02000123");
    let queries = [UnitQuery::default(), by_name, search];
    queries.map(|query| {
        let mut timings: Vec<f64> = (0..5)
            .map(|_| {
                let start = now_ms();
                let table = unit_table(&workspace, &query, as_of, 50, crate::i18n::Lang::Vi);
                std::hint::black_box(table);
                now_ms() - start
            })
            .collect();
        timings.sort_by(f64::total_cmp);
        timings[timings.len() / 2]
    })
}
