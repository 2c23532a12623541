//! Browser storage, in headless Chromium (wasm-bindgen-test): what is saved
//! comes back exactly, unreadable data is kept aside untouched, and a failed
//! save leaves the last good copy in place.
#![cfg(all(target_arch = "wasm32", feature = "app"))]

use coop_plan::decimal::Decimal;
use coop_plan::unit::{Unit, UnitKind, YearRecord};
use coop_plan::web::storage::{self, SaveError, QUARANTINE_PREFIX, WORKSPACE_PREFIX};
use coop_plan::workspace::Workspace;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage is available")
}

fn fresh() -> web_sys::Storage {
    let storage = local_storage();
    storage.clear().expect("clear");
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
fn a_saved_workspace_loads_back_exactly() {
    fresh();
    let workspace = sample_workspace("main");
    storage::save_workspace(&workspace).expect("saved");
    let loaded = storage::load();
    assert_eq!(loaded.workspaces, vec![workspace]);
    assert!(loaded.quarantined.is_empty());
}

#[wasm_bindgen_test]
fn corrupt_data_is_kept_aside_byte_for_byte() {
    let storage = fresh();
    let broken = "{\"schema_version\": 2, \"name\": \"HTX Đồ Sơn\", oops";
    storage
        .set_item(&format!("{WORKSPACE_PREFIX}main"), broken)
        .expect("set");
    let loaded = storage::load();
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
    coop_plan::document::to_json(&sample_workspace(id)).replacen(
        "\"schema_version\":2",
        "\"schema_version\":999,\"field_from_the_future\":{\"kept\":true}",
        1,
    )
}

/// Fills the origin's storage until not even a few characters more fit.
fn fill(storage: &web_sys::Storage) {
    let mut filler = 0;
    let mut size = 256 * 1024;
    while size >= 1 {
        let chunk = "x".repeat(size);
        while storage
            .set_item(&format!("filler:{filler}"), &chunk)
            .is_ok()
        {
            filler += 1;
            assert!(filler < 10_000, "storage never filled up");
        }
        size /= 4;
    }
}

#[wasm_bindgen_test]
fn data_from_a_newer_version_is_left_in_place_and_never_written() {
    let storage = fresh();
    let key = format!("{WORKSPACE_PREFIX}main");
    let newer = newer_text("main");
    assert!(newer.contains("\"schema_version\":999"), "{newer}");
    storage.set_item(&key, &newer).expect("set");
    let loaded = storage::load();
    assert!(loaded.workspaces.is_empty());
    assert!(loaded.quarantined.is_empty(), "never moved to quarantine");
    let (id, found) = loaded.newer.first().expect("found as newer");
    assert_eq!(id, "main");
    assert_eq!(found.found, 999);
    let view = found.view.as_ref().expect("readable as far as it goes");
    assert_eq!(view.units, sample_workspace("main").units);

    // No save path writes over it, nor deletes it; it says why.
    let ours = sample_workspace("main");
    assert_eq!(storage::save_workspace(&ours), Err(SaveError::Newer));
    assert_eq!(storage::save_workspace_anyway(&ours), Err(SaveError::Newer));
    assert_eq!(storage::delete_workspace("main"), Err(SaveError::Newer));
    assert!(SaveError::Newer
        .message(coop_plan::i18n::Lang::Vi)
        .contains("Hãy tải lại trang để cập nhật ứng dụng; dữ liệu không bị thay đổi."));
    // Nor does the view itself, whatever id it is given.
    let mut view = view.clone();
    view.id = "elsewhere".to_owned();
    assert_eq!(storage::save_workspace(&view), Err(SaveError::Newer));
    assert_eq!(storage.get_item(&key).expect("get"), Some(newer.clone()));
    assert_eq!(
        storage
            .get_item(&format!("{WORKSPACE_PREFIX}elsewhere"))
            .expect("get"),
        None
    );

    // Another workspace still saves normally.
    storage::save_workspace(&sample_workspace("other")).expect("saved");
    assert_eq!(
        storage::read_workspace("other"),
        Some(Ok(sample_workspace("other")))
    );
    // And a second start finds it just as it was.
    let again = storage::load();
    assert!(again.quarantined.is_empty());
    assert_eq!(again.newer.len(), 1);
    assert_eq!(storage.get_item(&key).expect("get"), Some(newer));
    storage.clear().expect("clear");
}

#[wasm_bindgen_test]
fn a_newer_save_from_another_tab_is_refused_not_offered_for_overwrite() {
    let storage = fresh();
    let ours = sample_workspace("main");
    storage::save_workspace(&ours).expect("saved");
    // Another tab, running a newer version, saves the same workspace.
    let key = format!("{WORKSPACE_PREFIX}main");
    let newer = newer_text("main");
    storage.set_item(&key, &newer).expect("set");
    // Not a conflict to choose over: newer data is never written over.
    assert_eq!(storage::save_workspace(&ours), Err(SaveError::Newer));
    assert_eq!(storage::save_workspace_anyway(&ours), Err(SaveError::Newer));
    assert_eq!(storage.get_item(&key).expect("get"), Some(newer));
    storage.clear().expect("clear");
}

#[wasm_bindgen_test]
fn corrupt_data_in_a_full_storage_is_reported_and_kept() {
    let storage = fresh();
    let key = format!("{WORKSPACE_PREFIX}main");
    let broken = "{\"schema_version\": 2, \"name\": \"HTX Đồ Sơn\", oops";
    storage.set_item(&key, broken).expect("set");
    fill(&storage);
    let loaded = storage::load();
    assert!(loaded.workspaces.is_empty());
    assert!(loaded.quarantined.is_empty(), "no room to keep it aside");
    assert_eq!(loaded.blocked_ids, vec!["main".to_owned()]);
    let (id, reason_vi, reason_en) = loaded.unmoved.first().expect("reported");
    assert_eq!(id, "main");
    assert!(reason_en.contains("line 1"), "{reason_en}");
    assert!(!reason_vi.is_empty());
    // The corrupt bytes are where they were.
    assert_eq!(
        storage.get_item(&key).expect("get").as_deref(),
        Some(broken)
    );
    storage.clear().expect("clear");
}

#[wasm_bindgen_test]
fn a_failed_save_keeps_the_previous_copy() {
    let storage = fresh();
    let first = sample_workspace("main");
    storage::save_workspace(&first).expect("first save");

    // Fill the origin's quota, then try to save a bigger workspace.
    let chunk = "x".repeat(256 * 1024);
    let mut filler = 0;
    while storage
        .set_item(&format!("filler:{filler}"), &chunk)
        .is_ok()
    {
        filler += 1;
        assert!(filler < 1000, "storage never filled up");
    }
    let mut bigger = first.clone();
    for i in 0..2000 {
        bigger.units.push(Unit::new(
            format!("extra-{i}"),
            format!("HTX bổ sung số {i} với tên khá dài"),
            UnitKind::Htx,
        ));
    }
    assert_eq!(
        storage::save_workspace(&bigger),
        Err(SaveError::QuotaExceeded)
    );
    assert_eq!(storage::read_workspace("main"), Some(Ok(first.clone())));

    // Refused once, the same workspace (or one a few units bigger or
    // smaller) is not written out again to be refused again ...
    assert!(storage::known_too_big(&bigger));
    bigger.units.pop();
    assert!(storage::known_too_big(&bigger));
    assert_eq!(
        storage::save_workspace(&bigger),
        Err(SaveError::QuotaExceeded)
    );
    // ... but a clearly smaller one, or another workspace, is tried.
    assert!(!storage::known_too_big(&first));
    storage::save_workspace(&first).expect("the small version fits");
    assert!(!storage::known_too_big(&sample_workspace("other")));
    // Deleting a workspace makes room: the big one is tried again.
    storage::delete_workspace("other").expect("deleted");
    assert!(!storage::known_too_big(&bigger));
    storage.clear().expect("clear");
}
