//! Browser storage, in headless Chromium (wasm-bindgen-test): what is saved
//! in IndexedDB comes back exactly, an edit writes only the records that
//! changed, workspaces earlier versions kept in localStorage move over
//! (unreadable ones kept aside untouched), a save another tab overtook is
//! refused, and newer versions' data is never written. (A failed save
//! under a full quota is tested end to end: `tests/e2e/quota.spec.js`.)
#![cfg(all(target_arch = "wasm32", feature = "app"))]

use coop_plan::app::storage::{self, SaveError, QUARANTINE_PREFIX, WORKSPACE_PREFIX};
use coop_plan::domain::decimal::Decimal;
use coop_plan::domain::unit::{Unit, UnitKind, YearRecord};
use coop_plan::domain::workspace::Workspace;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage is available")
}

async fn fresh() -> web_sys::Storage {
    let storage = local_storage();
    storage.clear().expect("clear");
    storage::clear_for_tests().await;
    storage
}

fn sample_workspace(id: &str) -> Workspace {
    let mut workspace = Workspace::new(id, "Hợp tác xã Tiên Lãng");
    let mut unit = Unit::new("u1", "HTX Nông nghiệp Đông Hưng", UnitKind::Htx);
    unit.registration_code = "0200123456".to_owned();
    unit.years.push(YearRecord {
        year: 2019,
        members: Some(412),
        // Digits a double would lose: they must survive the round trip.
        revenue: Some(Decimal::parse("123456789012345678.120").expect("valid")),
        ..YearRecord::default()
    });
    workspace.units.push(unit);
    workspace
}

#[wasm_bindgen_test]
async fn a_saved_workspace_loads_back_exactly() {
    fresh().await;
    let workspace = sample_workspace("main");
    storage::save_workspace(&workspace).await.expect("saved");
    let loaded = storage::load().await;
    assert_eq!(loaded.workspaces, vec![workspace.clone()]);
    assert!(loaded.quarantined.is_empty());
    assert_eq!(
        storage::list_workspaces(),
        vec![("main".to_owned(), workspace.name.clone())]
    );
}

#[wasm_bindgen_test]
async fn an_edit_writes_the_head_and_the_changed_unit_only() {
    fresh().await;
    let mut workspace = sample_workspace("main");
    workspace
        .units
        .push(Unit::new("u2", "HTX Thủy sản Bàng La", UnitKind::Htx));
    storage::save_workspace(&workspace).await.expect("saved");
    let first = storage::prepare(&workspace).expect("prepared");
    assert!(first.is_empty(), "saved as it is: nothing to write");
    workspace.units[1].commune = "Bàng La".to_owned();
    let edit = storage::prepare(&workspace).expect("prepared");
    assert_eq!(edit.unit_ids(), vec!["u2".to_owned()]);
    storage::write(edit).await.expect("written");
    let back = storage::read_workspace("main").await;
    assert_eq!(back, Some(Ok(workspace.clone())));
    // Put together again, the records are the document an export writes.
    assert_eq!(
        storage::stored_text_for_tests("main").await,
        Some(coop_plan::files::document::to_json(&workspace))
    );
    // A removal removes that unit's record and writes no other.
    workspace.units.remove(0);
    let removal = storage::prepare(&workspace).expect("prepared");
    assert_eq!(removal.unit_ids(), vec!["u1".to_owned()]);
    storage::write(removal).await.expect("written");
    assert_eq!(
        storage::stored_text_for_tests("main").await,
        Some(coop_plan::files::document::to_json(&workspace))
    );
    assert_eq!(storage::read_workspace("main").await, Some(Ok(workspace)));
}

/// A save told which units changed (`AppState::edit_one_unit`'s log)
/// compares only those when the log accounts for every change since the
/// last save; a change the log lacks, or a stale log, and every unit is
/// compared: nothing that changed is left unwritten.
#[wasm_bindgen_test]
async fn a_save_with_a_stale_or_partial_hint_still_writes_every_change() {
    use coop_plan::files::save_diff::{ChangeLog, Changes};
    fresh().await;
    let mut workspace = sample_workspace("main");
    for (id, name) in [("u2", "HTX Thủy sản Bàng La"), ("u3", "THT Rau sạch")] {
        workspace.units.push(Unit::new(id, name, UnitKind::Htx));
    }
    storage::save_workspace(&workspace).await.expect("saved");
    assert_eq!(
        storage::read_workspace("main").await,
        Some(Ok(workspace.clone()))
    );
    // The workspace as read is change 0.
    storage::stamp("main", 0);
    let mut log = ChangeLog::default();
    // Change 1 touched u1 and said nothing; change 2 was u2's edit, hinted.
    workspace.units[0].commune = "Đông Hưng".to_owned();
    workspace.units[1].commune = "Bàng La".to_owned();
    log.record(2, vec!["u2".to_owned()]);
    let save = storage::prepare_since(
        &workspace,
        Changes {
            generation: 2,
            log: &log,
        },
    )
    .expect("prepared");
    assert!(!save.hinted(), "change 1 is not in the log");
    assert_eq!(save.unit_ids(), vec!["u1".to_owned(), "u2".to_owned()]);
    storage::write(save).await.expect("written");
    assert_eq!(
        storage::stored_text_for_tests("main").await,
        Some(coop_plan::files::document::to_json(&workspace))
    );
    // Saved at change 2. A stale log (change 2's hint again, nothing for
    // 3) while change 3 touched u3: compared, written.
    workspace.units[2].commune = "Tiên Lãng".to_owned();
    let save = storage::prepare_since(
        &workspace,
        Changes {
            generation: 3,
            log: &log,
        },
    )
    .expect("prepared");
    assert!(!save.hinted());
    assert_eq!(save.unit_ids(), vec!["u3".to_owned()]);
    storage::write(save).await.expect("written");
    // Saved at change 3; change 4, hinted, is trusted: one unit compared
    // and written.
    workspace.units[0].name = "HTX Đông Hưng".to_owned();
    log.record(4, vec!["u1".to_owned()]);
    let save = storage::prepare_since(
        &workspace,
        Changes {
            generation: 4,
            log: &log,
        },
    )
    .expect("prepared");
    assert!(save.hinted());
    assert_eq!(save.unit_ids(), vec!["u1".to_owned()]);
    storage::write(save).await.expect("written");
    assert_eq!(
        storage::stored_text_for_tests("main").await,
        Some(coop_plan::files::document::to_json(&workspace))
    );
    assert_eq!(storage::read_workspace("main").await, Some(Ok(workspace)));
}

#[wasm_bindgen_test]
async fn a_save_another_tab_overtook_is_refused() {
    fresh().await;
    let mut ours = sample_workspace("main");
    storage::save_workspace(&ours).await.expect("saved");
    // What another tab would do: read it, then save its own change.
    let mut theirs = ours.clone();
    theirs.name = "Bản của tab kia".to_owned();
    let prepared = storage::prepare(&theirs).expect("prepared");
    storage::write(prepared).await.expect("theirs saved");
    // This tab's known revision is the one just written; an older one is not.
    ours.name = "Bản của tab này".to_owned();
    storage::save_workspace(&ours)
        .await
        .expect("same tab: no conflict");
    storage::forget_revision_for_tests("main", 1.0);
    ours.name = "Lần nữa".to_owned();
    assert_eq!(
        storage::save_workspace(&ours).await,
        Err(SaveError::Conflict)
    );
    assert_eq!(
        storage::read_workspace("main")
            .await
            .map(|r| r.map(|w| w.name)),
        Some(Ok("Bản của tab này".to_owned()))
    );
    storage::save_workspace_anyway(&ours)
        .await
        .expect("the user chose");
    assert_eq!(
        storage::read_workspace("main")
            .await
            .map(|r| r.map(|w| w.name)),
        Some(Ok("Lần nữa".to_owned()))
    );
}

#[wasm_bindgen_test]
async fn a_workspace_in_local_storage_moves_over_byte_for_byte() {
    let storage = fresh().await;
    // A real older workspace, as an earlier version stored it.
    let text = include_str!("fixtures/t1-on-time.json");
    let id = "main";
    let key = format!("{WORKSPACE_PREFIX}{id}");
    storage.set_item(&key, text).expect("set");
    let loaded = storage::load().await;
    assert_eq!(loaded.workspaces.len(), 1);
    assert_eq!(loaded.workspaces[0].id, id);
    assert_eq!(
        storage.get_item(&key).expect("get"),
        None,
        "removed once copied"
    );
    assert_eq!(
        storage::stored_text_for_tests(id).await.as_deref(),
        Some(text)
    );
    // A second start finds it in IndexedDB, the same.
    let again = storage::load().await;
    assert_eq!(again.workspaces, loaded.workspaces);
}

#[wasm_bindgen_test]
async fn corrupt_data_is_kept_aside_byte_for_byte() {
    let storage = fresh().await;
    let broken = "{\"schema_version\": 2, \"name\": \"HTX Đồ Sơn\", oops";
    storage
        .set_item(&format!("{WORKSPACE_PREFIX}main"), broken)
        .expect("set");
    let loaded = storage::load().await;
    assert!(loaded.workspaces.is_empty());
    assert_eq!(loaded.quarantined.len(), 1);
    let kept = &loaded.quarantined[0];
    assert!(kept.key.starts_with(&format!("{QUARANTINE_PREFIX}main:")));
    assert_eq!(
        storage::quarantined_text(&kept.key).as_deref(),
        Some(broken)
    );
    assert!(
        kept.reason_en.contains("line 1"),
        "reason names the place: {}",
        kept.reason_en
    );
    // The original key is free for a new workspace, and nothing was lost.
    assert_eq!(
        storage
            .get_item(&format!("{WORKSPACE_PREFIX}main"))
            .expect("get"),
        None
    );
}

/// Written by a newer version of the app, with a field this version does
/// not know.
fn newer_text(id: &str) -> String {
    coop_plan::files::document::to_json(&sample_workspace(id)).replacen(
        &format!(
            "\"schema_version\":{}",
            coop_plan::domain::workspace::SCHEMA_VERSION
        ),
        "\"schema_version\":999,\"field_from_the_future\":{\"kept\":true}",
        1,
    )
}

#[wasm_bindgen_test]
async fn data_from_a_newer_version_is_left_in_place_and_never_written() {
    let storage = fresh().await;
    let key = format!("{WORKSPACE_PREFIX}main");
    let newer = newer_text("main");
    assert!(newer.contains("\"schema_version\":999"), "{newer}");
    storage.set_item(&key, &newer).expect("set");
    let loaded = storage::load().await;
    assert!(loaded.workspaces.is_empty());
    assert!(loaded.quarantined.is_empty(), "never moved to quarantine");
    let (id, found) = loaded.newer.first().expect("found as newer");
    assert_eq!(id, "main");
    assert_eq!(found.found, 999);
    let view = found.view.as_ref().expect("readable as far as it goes");
    assert_eq!(view.units, sample_workspace("main").units);

    // No save path writes over it, nor deletes it; it says why.
    let ours = sample_workspace("main");
    assert_eq!(storage::save_workspace(&ours).await, Err(SaveError::Newer));
    assert_eq!(
        storage::save_workspace_anyway(&ours).await,
        Err(SaveError::Newer)
    );
    assert_eq!(
        storage::delete_workspace("main").await,
        Err(SaveError::Newer)
    );
    assert!(SaveError::Newer
        .message(coop_plan::i18n::Lang::Vi)
        .contains("Hãy tải lại trang để cập nhật ứng dụng; dữ liệu không bị thay đổi."));
    // Nor does the view itself, whatever id it is given.
    let mut view = view.clone();
    view.id = "elsewhere".to_owned();
    assert_eq!(storage::save_workspace(&view).await, Err(SaveError::Newer));
    assert_eq!(storage.get_item(&key).expect("get"), Some(newer.clone()));
    assert_eq!(storage::read_workspace("elsewhere").await, None);

    // Another workspace still saves normally.
    storage::save_workspace(&sample_workspace("other"))
        .await
        .expect("saved");
    assert_eq!(
        storage::read_workspace("other").await,
        Some(Ok(sample_workspace("other")))
    );
    // And a second start finds it just as it was.
    let again = storage::load().await;
    assert!(again.quarantined.is_empty());
    assert_eq!(again.newer.len(), 1);
    assert_eq!(storage.get_item(&key).expect("get"), Some(newer));
    storage.clear().expect("clear");
}

#[wasm_bindgen_test]
async fn a_newer_save_from_another_tab_is_refused_not_offered_for_overwrite() {
    let storage = fresh().await;
    let ours = sample_workspace("main");
    storage::save_workspace(&ours).await.expect("saved");
    // Another tab, running a newer version, saves the same workspace.
    let key = format!("{WORKSPACE_PREFIX}main");
    let newer = newer_text("main");
    storage.set_item(&key, &newer).expect("set");
    // Not a conflict to choose over: newer data is never written over.
    assert_eq!(storage::save_workspace(&ours).await, Err(SaveError::Newer));
    assert_eq!(
        storage::save_workspace_anyway(&ours).await,
        Err(SaveError::Newer)
    );
    assert_eq!(storage.get_item(&key).expect("get"), Some(newer));
    storage.clear().expect("clear");
}

/// A save that writes every unit of a big workspace copies them a slice
/// at a time and writes them a slice at a time in one transaction, each
/// slice waiting on its last request (a turn for the page): the
/// transaction must stay open across those waits, and what is stored is
/// the workspace, exactly. A save whose units were not all taken is
/// refused rather than written in part.
#[wasm_bindgen_test]
async fn a_whole_save_in_slices_stores_every_unit_and_a_partial_one_is_refused() {
    fresh().await;
    let mut workspace = coop_plan::domain::generate::synthetic_workspace(4_000, 7);
    workspace.id = "big".to_owned();
    let untaken = storage::prepare(&workspace).expect("prepared");
    assert!(
        storage::write(untaken).await.is_err(),
        "a save with units not yet taken writes nothing"
    );
    assert_eq!(storage::read_workspace("big").await, None);
    storage::save_workspace(&workspace).await.expect("saved");
    assert_eq!(
        storage::read_workspace("big").await,
        Some(Ok(workspace.clone()))
    );
    // The image of the save is the workspace: an edit writes one unit.
    workspace.units[3_999].commune = "Cuối".to_owned();
    let edit = storage::prepare(&workspace).expect("prepared");
    assert_eq!(edit.unit_ids(), vec![workspace.units[3_999].id.clone()]);
    storage::write(edit).await.expect("written");
    assert_eq!(storage::read_workspace("big").await, Some(Ok(workspace)));
}
