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

#[wasm_bindgen_test]
fn data_from_a_newer_version_is_kept_aside_not_overwritten() {
    let storage = fresh();
    let newer = r#"{"schema_version": 99, "id": "main", "future": true}"#;
    storage
        .set_item(&format!("{WORKSPACE_PREFIX}main"), newer)
        .expect("set");
    let loaded = storage::load();
    assert!(loaded.workspaces.is_empty());
    let kept = loaded.quarantined.first().expect("kept aside");
    assert_eq!(storage::quarantined_text(&kept.key).as_deref(), Some(newer));
    assert!(kept.reason_vi.contains("phiên bản mới hơn"));
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
    storage::delete_workspace("other");
    assert!(!storage::known_too_big(&bigger));
    storage.clear().expect("clear");
}
