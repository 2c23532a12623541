//! Timing hooks for `make bench`, called from the page by the bench script.
//! They run the same loop as the native benchmark ([`crate::benchmark`]),
//! timed by the browser's clock, so the two can be compared.

use wasm_bindgen::prelude::*;

use crate::benchmark::{median_update_ms, Change};

fn clock() -> impl FnMut() -> f64 {
    let performance = web_sys::window().and_then(|w| w.performance());
    move || performance.as_ref().map_or(0.0, |p| p.now())
}

/// The median time, in milliseconds, of re-evaluating every target for
/// `units` synthetic units after the as-of date changes (generation not
/// timed).
#[wasm_bindgen]
pub fn bench_indicators(units: u32, repeats: u32) -> f64 {
    median_update_ms(units as usize, repeats as usize, Change::AsOfDate, clock())
}

/// The same after an edit: the workspace's index is rebuilt first.
#[wasm_bindgen]
pub fn bench_indicators_edit(units: u32, repeats: u32) -> f64 {
    median_update_ms(units as usize, repeats as usize, Change::Edit, clock())
}

/// The same after an edit of one unit, the index patched for it
/// ([`crate::domain::indicator::WorkspaceIndex::replace_unit`]).
#[wasm_bindgen]
pub fn bench_indicators_edit_patched(units: u32, repeats: u32) -> f64 {
    median_update_ms(
        units as usize,
        repeats as usize,
        Change::EditPatched,
        clock(),
    )
}

/// Sizes and timings of a big workspace on the file and storage paths, as
/// one line for `make bench`: its JSON size, export and import (parse,
/// validate, preview) times, whether localStorage takes it (the key is
/// removed again), and the data page's table drawn for it.
#[wasm_bindgen]
pub fn bench_workspace_io(units: u32, years: i32) -> String {
    let mut now = clock();
    let figures = crate::benchmark::file_figures(units as usize, years, &mut now);
    let text = crate::benchmark::big_document(units as usize, years);
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    let start = now();
    let saved = storage
        .as_ref()
        .map(|s| s.set_item("coop-plan:bench", &text).is_ok());
    let save_ms = now() - start;
    if let Some(storage) = &storage {
        let _ = storage.remove_item("coop-plan:bench");
    }
    let [table_ms, sorted_ms, search_ms] =
        crate::benchmark::table_render_ms(units as usize, &mut now);
    format!(
        "io units={units} years={years} bytes={} export_ms={:.0} import_ms={:.0} valid={} localstorage={} save_ms={:.0} table_ms={table_ms:.1} table_sorted_ms={sorted_ms:.1} table_search_ms={search_ms:.1}",
        figures.bytes,
        figures.export_ms,
        figures.import_ms,
        figures.valid,
        match saved {
            Some(true) => "saved",
            Some(false) => "refused",
            None => "unavailable",
        },
        save_ms
    )
}

/// The median time, in milliseconds, of a seeded Monte Carlo run of
/// `samples` samples over all four simulation models (setting up not
/// timed); the native counterpart is `benches/monte_carlo.rs`.
#[wasm_bindgen]
pub fn bench_monte_carlo(samples: u32, repeats: u32) -> f64 {
    crate::simulation::timing::median_monte_carlo_ms(samples, repeats as usize, clock())
}

/// The units and yearly records CSV files of [`crate::benchmark::big_workspace`],
/// for `make bench` to time their import through the data page (read in
/// slices between the browser's other work).
#[wasm_bindgen]
pub fn bench_csv_files(units: u32, years: i32) -> Vec<String> {
    let workspace = crate::benchmark::big_workspace(units as usize, years);
    vec![
        crate::files::csv_data::units_csv(&workspace),
        crate::files::csv_data::years_csv(&workspace),
    ]
}

/// A workspace of `units` generated units with `years` years each in
/// IndexedDB, as one line for `make bench`: the first save (every record),
/// reading it back whole, and the median of `repeats` saves after an edit
/// of one unit (the records compared with what was stored, then the head
/// and that unit written in one transaction, as the app's save does). The
/// workspace is deleted afterwards.
#[wasm_bindgen]
pub async fn bench_idb_edit(units: u32, years: i32, repeats: u32) -> String {
    use super::storage;
    let mut now = clock();
    let mut workspace = crate::benchmark::big_workspace(units as usize, years);
    workspace.id = "bench-idb".to_owned();
    let _ = storage::delete_workspace(&workspace.id).await;
    let start = now();
    let first = storage::save_workspace(&workspace).await;
    let first_ms = now() - start;
    let start = now();
    let read = storage::read_workspace(&workspace.id).await;
    let read_ms = now() - start;
    let same = matches!(&read, Some(Ok(back)) if *back == workspace);
    drop(read);
    // The same read whole, as before the reading by records.
    let start = now();
    let whole_ok = storage::read_whole_for_bench(&workspace.id).await;
    let read_whole_ms = now() - start;
    let EditTimes {
        mut times,
        mut prepare_times,
        written,
        hinted,
    } = time_edits(&mut workspace, repeats as usize).await;
    let _ = storage::delete_workspace(&workspace.id).await;
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    prepare_times.sort_by(|a, b| a.total_cmp(b));
    let prepare_ms = prepare_times
        .get(prepare_times.len() / 2)
        .copied()
        .unwrap_or(f64::NAN);
    format!(
        "idb units={units} years={years} first_save={} first_save_ms={first_ms:.0} read_ms={read_ms:.0} read_same={same} read_whole_ms={read_whole_ms:.0} read_whole_ok={whole_ok} edit_ms_median={median:.1} of_which_compare_ms={prepare_ms:.1} edit_ms_max={:.1} units_written_per_edit={written} hinted={hinted}",
        if first.is_ok() { "ok" } else { "failed" },
        times.last().copied().unwrap_or(f64::NAN),
    )
}

/// The country's scale in IndexedDB (issue 14): `cooperatives`
/// cooperatives and `groups` cooperative groups with `years` years of
/// records, saved whole `runs` times (each into an empty store), read back
/// `runs` times ([`storage::read_workspace`], a batch of records at a time
/// with turns for the browser), and `edits` edits of one unit persisted as
/// the app persists them (told which unit changed). The workspace stays
/// stored and is remembered as the open one, so that `make bench` can
/// close the browser and time opening it.
#[wasm_bindgen]
pub async fn bench_idb_national(
    cooperatives: u32,
    groups: u32,
    years: i32,
    runs: u32,
    edits: u32,
) -> String {
    use super::storage;
    let mut now = clock();
    let mut workspace =
        crate::benchmark::national_workspace(cooperatives as usize, groups as usize, years);
    workspace.id = "bench-national".to_owned();
    workspace.name = "Toàn quốc (bench)".to_owned();
    let median = |times: &mut Vec<f64>| {
        times.sort_by(|a, b| a.total_cmp(b));
        times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let runs_text = |times: &[f64]| {
        times
            .iter()
            .map(|t| format!("{t:.0}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut saves = Vec::new();
    // When each save began and ended (the page's clock), for `make bench`
    // to find the long tasks within them.
    let mut windows = Vec::new();
    let mut saved = true;
    for _ in 0..runs {
        let _ = storage::delete_workspace(&workspace.id).await;
        let start = now();
        saved &= storage::save_workspace(&workspace).await.is_ok();
        let end = now();
        saves.push(end - start);
        windows.push(format!("{start:.0}-{end:.0}"));
    }
    let mut reads = Vec::new();
    let mut same = true;
    for _ in 0..runs {
        let start = now();
        let read = storage::read_workspace(&workspace.id).await;
        reads.push(now() - start);
        same &= matches!(&read, Some(Ok(back)) if *back == workspace);
    }
    let save_runs = runs_text(&saves);
    let read_runs = runs_text(&reads);
    let save_ms = median(&mut saves);
    let read_ms = median(&mut reads);
    let EditTimes {
        mut times,
        mut prepare_times,
        written,
        hinted,
    } = time_edits(&mut workspace, edits as usize).await;
    let edit_runs = runs_text(&times);
    let edit_ms = median(&mut times);
    let prepare_ms = median(&mut prepare_times);
    // The targets as of today kept with the head, as the app's own save
    // keeps them (from its evaluations): the next opening shows them
    // before the units are read.
    let as_of = super::today::today();
    let snapshot = crate::domain::indicator::Snapshot {
        as_of,
        units: workspace.units.len(),
        evaluations: crate::domain::indicator::evaluate_all(&workspace, as_of),
    };
    let kept = match storage::prepare(&workspace) {
        Ok(mut prepared) => {
            prepared.take_all(&workspace).await;
            storage::write(prepared.with_snapshot(Some(&snapshot)))
                .await
                .is_ok()
        }
        Err(_) => false,
    };
    let _ = storage::save_current(&workspace.id);
    format!(
        "idb-national cooperatives={cooperatives} groups={groups} years={years} units={} saved={} save_ms_median={save_ms:.0} save_runs_ms={save_runs} read_ms_median={read_ms:.0} read_runs_ms={read_runs} read_same={same} edit_ms_median={edit_ms:.1} of_which_compare_ms={prepare_ms:.1} edit_runs_ms={edit_runs} units_written_per_edit={written} hinted={hinted} snapshot_kept={kept} save_windows={}",
        workspace.units.len(),
        if saved { "ok" } else { "failed" },
        windows.join(","),
    )
}

/// Stores [`crate::benchmark::big_workspace`] (`units` units with `years`
/// years of records) under the id `id` and remembers it as the open one,
/// for `make bench` to reload the page on it and time a sync; `empty`
/// stores the same workspace without its units (the same plan and city's
/// inputs), which a first pull fills. Whether it was stored.
#[wasm_bindgen]
pub async fn bench_store_workspace(id: String, units: u32, years: i32, empty: bool) -> bool {
    use super::storage;
    let mut workspace = crate::benchmark::big_workspace(units as usize, years);
    if empty {
        workspace.units.clear();
    }
    workspace.id = id;
    workspace.name = "Đồng bộ (bench)".to_owned();
    let _ = storage::delete_workspace(&workspace.id).await;
    storage::save_workspace(&workspace).await.is_ok()
        && storage::save_current(&workspace.id).is_ok()
}

/// [`crate::benchmark::big_workspace`] as the JSON file the app exports,
/// for `make bench` to time its import through the data page (read and
/// checked in the import's worker, handed back in pieces).
#[wasm_bindgen]
pub fn bench_json_file(units: u32, years: i32) -> String {
    crate::benchmark::big_document(units as usize, years)
}

/// What [`time_edits`] measured: each edit's whole time and the part spent
/// comparing records, the units the last edit wrote, and whether every
/// save was told which unit changed.
struct EditTimes {
    times: Vec<f64>,
    prepare_times: Vec<f64>,
    written: usize,
    hinted: bool,
}

/// `edits` edits of one unit each (spread over the workspace), persisted
/// as the app persists them (`AppState::edit_one_unit`): the workspace
/// just stored is change 0, each edit the next, and the save is told which
/// unit each edit wrote. Stops at the first failed write.
async fn time_edits(
    workspace: &mut crate::domain::workspace::Workspace,
    edits: usize,
) -> EditTimes {
    use super::storage;
    let mut now = clock();
    let mut measured = EditTimes {
        times: Vec::new(),
        prepare_times: Vec::new(),
        written: 0,
        hinted: true,
    };
    let count = workspace.units.len().max(1);
    storage::stamp(&workspace.id, 0);
    let mut log = crate::files::save_diff::ChangeLog::default();
    for i in 0..edits {
        let at = (i * 7919) % count;
        if let Some(unit) = workspace.units.get_mut(at) {
            unit.commune = format!("Sửa {i}");
            log.record_replaced(i as u64 + 1, unit.id.clone(), at);
        }
        let changes = crate::files::save_diff::Changes {
            generation: i as u64 + 1,
            log: &log,
        };
        let start = now();
        let result = match storage::prepare_since(workspace, changes) {
            Ok(prepared) => {
                measured.prepare_times.push(now() - start);
                measured.written = prepared.unit_ids().len();
                measured.hinted &= prepared.hinted();
                storage::write(prepared).await
            }
            Err(error) => Err(error),
        };
        measured.times.push(now() - start);
        if result.is_err() {
            break;
        }
    }
    measured
}
